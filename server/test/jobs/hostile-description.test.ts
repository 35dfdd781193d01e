import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { ApiError } from '../../src/http/api-error.js';
import { DESCRIPTION_HTML_MAX } from '../../src/routes/jobs/job-input.js';
import { PreparePool, preparePool } from '../../src/routes/jobs/prepare-pool.js';
import { hostileInputs, normalPostingHtml, repeatTo } from '../../../sdk/test/support/hostile-inputs.js';
import { useTestApp } from '../helpers.js';
import { createUserSession, type TestSession } from '../support/auth.js';

// Issue 13 (High): an employer's description of `<span mso-list: ignore` repeated held the event
// loop for seconds, /health included. Here the hostile jobs go through the real HTTP stack of a
// listening server while /health is asked again and again; each answer must come within 100 ms.
const t = useTestApp();
let employer: TestSession;
let base: string;

beforeAll(async () => {
  employer = await createUserSession(t.app, 'employer');
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  // The threads load the pipeline once (seconds on a busy machine): not what is measured here.
  await preparePool().warm();
}, 180_000);

let jobNo = 0;
function postJob(descriptionHtml: string): Promise<Response> {
  return fetch(`${base}/api/v1/jobs`, {
    method: 'POST',
    headers: { ...employer.headers, 'content-type': 'application/json' },
    body: JSON.stringify({ title: `Junior Data Analyst ${++jobNo}`, originalUrl: `https://example.ca/jobs/${jobNo}`, descriptionHtml }),
  });
}

describe('a hostile job description', () => {
  it('longer than 100,000 characters is a 400 naming the field', async () => {
    const res = await postJob(repeatTo('<p>x</p>', DESCRIPTION_HTML_MAX + 1));
    expect(res.status).toBe(400);
    const body = await res.json() as { code: string; message: string };
    expect(body.code).toBe('PF_ERR_VALIDATION');
    expect(body.message).toMatch(/descriptionHtml/);
  });

  it('does not hold /health: it keeps answering within 100 ms while hostile jobs are posted', async () => {
    const inputs = hostileInputs(DESCRIPTION_HTML_MAX);
    const hostile = ['mso-list ignore spans', 'run of <', 'stray end tags'].map((name) => inputs[name]!);
    let inFlight = true;
    const posts = (async () => {
      const answers: Response[] = [];
      for (const html of hostile) answers.push(await postJob(html));
      return answers;
    })().finally(() => {
      inFlight = false;
    });
    const latencies: number[] = [];
    const failures: string[] = [];
    while (inFlight) {
      const asked = performance.now();
      const res = await fetch(`${base}/health`);
      const body = await res.text();
      latencies.push(performance.now() - asked);
      if (res.status !== 200) failures.push(`${res.status} ${body}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const answers = await posts;
    // Cleaned or refused with a reason, never a server error.
    for (const res of answers) expect(res.status === 201 || res.status === 400, `status ${res.status}: ${await res.text()}`).toBe(true);
    expect(failures).toEqual([]);
    // Before the fix the first /health waited for the whole cleaning (5 s for 22 KB, minutes for
    // 100 KB). Now the loop stays free: /health answers within 100 ms. The 95th percentile is what
    // is held to it, and every answer to 1 s, because a shared test machine (2 cores, a load of
    // 10-20) stalls whole processes for hundreds of milliseconds now and then even with no job in
    // flight; `npm run bench:sanitize` measures the loop on a quiet machine.
    const sorted = [...latencies].sort((x, y) => x - y);
    const p95 = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))]!;
    const detail = `latencies: ${latencies.map(Math.round).join(', ')} ms`;
    expect(latencies.length, detail).toBeGreaterThanOrEqual(3);
    expect(p95, detail).toBeLessThan(100);
    expect(sorted[sorted.length - 1]!, detail).toBeLessThan(1000);
  }, 180_000);

  it('a posting still stored clean: the Word bullet and the script are gone', async () => {
    const html = `<p>We offer mentoring.</p><script>steal()</script><p onclick="x()">${normalPostingHtml(20_000)}</p>`;
    const res = await postJob(html);
    expect(res.status).toBe(201);
    const job = await res.json() as { descriptionHtml: string; description: string };
    expect(job.descriptionHtml).not.toMatch(/<script|onclick|mso-list|<o:p/i);
    expect(job.description).toContain('Teamwork');
    expect(job.description).not.toContain('·');
  }, 180_000);
});

describe('the preparation pool', () => {
  const pool = new PreparePool({ size: 1, timeoutMs: 1 });
  afterAll(() => pool.close());

  it('ends a job past its time limit with a 400 PF_ERR_CONTENT_TOO_COMPLEX', async () => {
    await pool.warm();
    const posting = { title: 'Junior Data Analyst', companyName: 'Acme', originalUrl: 'https://example.ca/jobs/x', description: '', descriptionHtml: normalPostingHtml(DESCRIPTION_HTML_MAX) };
    const err = await pool.onThread(posting, { sourceId: 'manual', now: new Date(), checkDeadline: false, strictSenior: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ statusCode: 400, code: 'PF_ERR_CONTENT_TOO_COMPLEX' });
  }, 180_000);

  it('ends a thread that waited its idle time for work, and starts one again when work comes', async () => {
    const idle = new PreparePool({ size: 1, idleMs: 200 });
    try {
      await idle.warm();
      expect(idle.threads).toBe(1);
      await expect.poll(() => idle.threads, { timeout: 10_000 }).toBe(0);
      const posting = { title: 'Junior Data Analyst', companyName: 'Acme', originalUrl: 'https://example.ca/jobs/idle', description: '', descriptionHtml: '<p>Analyse data with the team.</p>' };
      const job = await idle.onThread(posting, { sourceId: 'manual', now: new Date(), checkDeadline: false, strictSenior: true });
      expect(job.description).toContain('Analyse data');
      await expect.poll(() => idle.threads, { timeout: 10_000 }).toBe(0);
    } finally {
      await idle.close();
    }
  }, 180_000);
});
