import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers.js';
import { createUserSession, type TestSession } from '../support/auth.js';
import { posting, seedJobs, seedSource, sql } from './seed-jobs.js';
import { decideApplyTarget } from '../../src/routes/jobs/apply-target.js';
import { INTERSTITIAL_HEADERS } from '../../src/routes/jobs/apply-interstitial.js';

const t = useTestApp();
let employer: TestSession;

beforeAll(async () => {
  employer = await createUserSession(t.app, 'employer');
});

const postJob = async (originalUrl: string) => {
  const res = await t.app.inject({
    method: 'POST', url: '/api/v1/jobs', headers: employer.headers,
    payload: { title: `Developer Co-op ${Math.random().toString(36).slice(2)}`, originalUrl, description: 'A four-month co-op term.', city: 'Waterloo', province: 'ON' },
  });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
};
const patchUrl = async (id: string, originalUrl: string) => {
  const res = await t.app.inject({ method: 'PATCH', url: `/api/v1/jobs/${id}`, headers: employer.headers, payload: { originalUrl } });
  expect(res.statusCode).toBe(200);
};
const apply = (id: string, accept?: string) => t.app.inject({ method: 'GET', url: `/api/v1/jobs/${id}/apply`, headers: accept ? { accept } : {} });

describe('GET /jobs/{id}/apply after the employer edits the URL', () => {
  it('remembers the URL the job was posted with', async () => {
    const id = await postJob('https://careers.acme.example/jobs/1');
    await patchUrl(id, 'https://careers.acme.example/jobs/2');
    const [row] = await sql(t.app, 'select apply_url_at_posting, original_url from jobs where id = ?', [id]) as { apply_url_at_posting: string; original_url: string }[];
    expect(row).toEqual({ apply_url_at_posting: 'https://careers.acme.example/jobs/1', original_url: 'https://careers.acme.example/jobs/2' });
  });

  it('still redirects when the new URL is on the same site (another path or subdomain)', async () => {
    const id = await postJob('https://careers.acme.example/jobs/1');
    await patchUrl(id, 'https://apply.acme.example/form?job=1');
    const res = await apply(id);
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('https://apply.acme.example/form?job=1');
  });

  it('shows a page with the new address instead of redirecting when it moved to another site', async () => {
    const id = await postJob('https://careers.acme.example/jobs/1');
    await patchUrl(id, 'https://acme-careers.example.net/login');
    const redirected = await apply(id, 'text/html,application/xhtml+xml,*/*;q=0.8');
    expect(redirected.statusCode).toBe(200);
    expect(redirected.body).toContain('https://acme-careers.example.net/login');
    // A stored URL with markup in it (as a crawl could store it) is shown escaped.
    await sql(t.app, 'update jobs set original_url = ? where id = ?', ['https://acme-careers.example.net/login?next="<script>"', id]);
    const res = await apply(id, 'text/html,application/xhtml+xml,*/*;q=0.8');
    expect(res.statusCode).toBe(200);
    expect(res.headers.location).toBeUndefined();
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    // The page's own policy (inline style, nothing else), not the API's.
    expect(res.headers['content-security-policy']).toBe(INTERSTITIAL_HEADERS['content-security-policy']);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    // The destination as text and as a link, escaped.
    expect(res.body).toContain('careers.acme.example');
    expect(res.body).toContain('href="https://acme-careers.example.net/login?next=%22%3Cscript%3E%22"');
    expect(res.body).not.toContain('<script>');
    // The click is still recorded.
    const clicks = await sql(t.app, 'select count(*)::int as n from job_clicks where job_id = ?', [id]) as { n: number }[];
    expect(clicks[0]!.n).toBe(2);
  });

  it('answers JSON with the new address when the client asks for JSON', async () => {
    const id = await postJob('https://careers.acme.example/jobs/1');
    await patchUrl(id, 'https://elsewhere.example.org/apply');
    const res = await apply(id, 'application/json');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ url: 'https://elsewhere.example.org/apply', postedUrl: 'https://careers.acme.example/jobs/1', reason: 'apply_url_changed_site' });
  });

  it('treats a job stored before the column existed as posted with its current URL', async () => {
    const id = await postJob('https://careers.acme.example/jobs/9');
    await sql(t.app, 'update jobs set apply_url_at_posting = null where id = ?', [id]);
    expect((await apply(id)).statusCode).toBe(302);
  });

  it('crawled jobs remember their first URL too', async () => {
    const source = await seedSource(t.app);
    const [id] = await seedJobs(t.app, source, [posting({ originalUrl: 'https://board.example.com/job/7' })]);
    await sql(t.app, "update jobs set original_url = 'https://phish.example/job/7' where id = ?", [id]);
    expect((await apply(id!, 'application/json')).json()).toMatchObject({ postedUrl: 'https://board.example.com/job/7', url: 'https://phish.example/job/7' });
  });

  it.each(['javascript:alert(document.cookie)', 'data:text/html,<script>alert(1)</script>', 'ftp://files.example.com/job', 'not a url'])(
    'never sends anyone to %s (only http and https)', async (url) => {
      const id = await postJob('https://careers.acme.example/jobs/3');
      await sql(t.app, 'update jobs set original_url = ?, apply_url_at_posting = ? where id = ?', [url, url, id]);
      const res = await apply(id);
      expect(res.statusCode).toBe(404);
      expect(res.headers.location).toBeUndefined();
      expect(res.json()).toMatchObject({ statusCode: 404, code: 'PF_ERR_NOT_FOUND' });
    },
  );
});

describe('decideApplyTarget', () => {
  it.each([
    ['https://jobs.acme.co.uk/1', 'https://www.acme.co.uk/apply', 'redirect'],
    ['https://jobs.acme.co.uk/1', 'https://jobs.other.co.uk/1', 'confirm'],
    ['https://alice.github.io/jobs', 'https://mallory.github.io/jobs', 'confirm'],
    ['http://127.0.0.1:8080/a', 'http://127.0.0.1:9090/b', 'redirect'],
    ['http://127.0.0.1/a', 'http://10.0.0.1/b', 'confirm'],
    ['https://Careers.Acme.example/a', 'http://careers.acme.example/b', 'redirect'],
  ])('posted %s, now %s: %s', (posted, now, kind) => {
    expect(decideApplyTarget(now, posted).kind).toBe(kind);
  });
});
