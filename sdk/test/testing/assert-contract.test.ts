import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ContractError, defineSource, gotTransport, type JobPosting, type RequestRecord, type Transport } from '../../src/index.js';
import { assertSourceContract, checkPoliteness, serveFixtures, type FixtureServer } from '../../src/testing/index.js';
import { empty, invalidPoster, manifestViolator, nonDeterministic, refusalCatcher } from '../fixtures/example-board/bad-sources.js';
import exampleBoard, { API_ORIGIN } from '../fixtures/example-board/source.js';

const dir = fileURLToPath(new URL('../fixtures/example-board', import.meta.url));
let board: FixtureServer;
let api: FixtureServer;
let tmp: string;
beforeAll(async () => {
  board = await serveFixtures(dir);
  api = await serveFixtures(dir);
  tmp = await mkdtemp(join(tmpdir(), 'pf-golden-'));
});
afterAll(async () => {
  await Promise.all([board.close(), api.close()]);
  await rm(tmp, { recursive: true, force: true });
});
afterEach(() => {
  delete process.env.PATHFINDER_UPDATE_GOLDEN;
});

async function violations(p: Promise<unknown>): Promise<ContractError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ContractError);
  return e as ContractError;
}

describe('assertSourceContract', () => {
  it('passes the example source and matches its committed golden file', async () => {
    const run = await assertSourceContract(exampleBoard, {
      baseUrl: board.origin,
      originMap: { [API_ORIGIN]: api.origin },
      now: '2026-11-20T12:00:00Z',
      golden: join(dir, 'golden.json'),
      minPostings: 5,
    });
    expect(run.postings).toHaveLength(5);
    const golden = JSON.parse(await readFile(join(dir, 'golden.json'), 'utf8')) as JobPosting[];
    // The golden file does not depend on the fixture server's port.
    expect(golden[0]!.originalUrl).toBe('https://www.example-board.test/job?id=1');
    expect(JSON.stringify(golden)).not.toContain('127.0.0.1');
  });

  it('writes a missing golden file, then fails on a difference with a readable message', async () => {
    const golden = join(tmp, 'sub', 'golden.json');
    const opts = { baseUrl: board.origin, originMap: { [API_ORIGIN]: api.origin }, now: '2026-11-20T12:00:00Z', golden };
    await assertSourceContract(exampleBoard, opts);
    const written = JSON.parse(await readFile(golden, 'utf8')) as JobPosting[];
    expect(written).toHaveLength(5);

    written[1]!.title = 'Something else';
    await writeFile(golden, JSON.stringify(written, null, 2));
    const e = await violations(assertSourceContract(exampleBoard, opts));
    expect(e.message).toContain(`postings differ from the golden file ${golden} at [1].title: expected "Something else", got "Summer Co-op Student"`);
    expect(e.message).toContain('PATHFINDER_UPDATE_GOLDEN=1');

    // updateGolden (or the env variable) rewrites it.
    process.env.PATHFINDER_UPDATE_GOLDEN = '1';
    await assertSourceContract(exampleBoard, opts);
    expect((JSON.parse(await readFile(golden, 'utf8')) as JobPosting[])[1]!.title).toBe('Summer Co-op Student');
  });

  it('passes a source that catches a refused URL: nothing was sent, the refusal is in blocked', async () => {
    const before = board.requests.length;
    const run = await assertSourceContract(refusalCatcher, { baseUrl: board.origin });
    expect(run.blocked).toEqual([{ url: `${board.origin}/admin/edit?id=1`, reason: 'robots' }]);
    expect(run.postings).toHaveLength(1);
    expect(board.requests.slice(before).map((r) => r.url)).not.toContain('/admin/edit?id=1');
  });

  it('fails a source whose disallowed request was really sent (a transport hiding robots.txt from the fetcher)', async () => {
    // Shows the two fetchers (run 1, run 2) an absent robots.txt, as a stale caching proxy might;
    // the checker's own read, the third, sees the real file. The fetcher then sends /admin/edit.
    let robotsReads = 0;
    const staleRobots: Transport = async (req) => {
      if (new URL(req.url).pathname === '/robots.txt' && robotsReads++ < 2) return { status: 404, url: req.url, headers: {}, body: '' };
      return gotTransport(req);
    };
    const before = board.requests.length;
    const e = await violations(assertSourceContract(refusalCatcher, { baseUrl: board.origin, transport: staleRobots }));
    expect(board.requests.slice(before).map((r) => r.url)).toContain('/admin/edit?id=1');
    expect(e.code).toBe('PF_ERR_CONTRACT_VIOLATION');
    expect(e.message).toContain('Source "refusal-catcher" breaks the source contract');
    expect(e.violations).toContain(`requested ${board.origin}/admin/edit?id=1, disallowed by ${board.origin}/robots.txt`);
    // The fetcher waited the manifest's 1 s; the real robots.txt asks for 2 s.
    expect(e.violations).toContainEqual(expect.stringMatching(/^only 1000 ms between .*\/feed and .*\/admin\/edit\?id=1 on .* \(needs 2000 ms\)$/));
  });

  it('fails a source that lets a refusal escape crawl(), without counting the refusal itself', async () => {
    const e = await violations(assertSourceContract(manifestViolator, { baseUrl: board.origin }));
    expect(e.violations).toEqual([
      expect.stringMatching(/^run 1: crawl\(\) threw DisallowedError \(PF_ERR_DISALLOWED_PATH\).*\/private\/list/),
      expect.stringMatching(/^run 2: crawl\(\) threw DisallowedError \(PF_ERR_DISALLOWED_PATH\)/),
    ]);
  });

  it('fails invalid postings, naming the field', async () => {
    const e = await violations(assertSourceContract(invalidPoster, { baseUrl: board.origin }));
    expect(e.message).toContain('run 1: invalid posting "Job 2": companyName: must not have fewer than 1 characters; province: must be one of');
  });

  it('fails a non-deterministic source', async () => {
    const e = await violations(assertSourceContract(nonDeterministic, { baseUrl: board.origin }));
    expect(e.message).toMatch(/the two runs differ \(not deterministic\): \[0\]\.title: expected "Job run \d+", got "Job run \d+"/);
  });

  it('fails when fewer postings than minPostings come out', async () => {
    const e = await violations(assertSourceContract(empty, { baseUrl: board.origin }));
    expect(e.violations).toEqual(['expected at least 1 valid posting(s), got 0']);
  });

  it('reports a crawl that throws, with the error code', async () => {
    const thrower = defineSource({
      ...exampleBoard,
      id: 'thrower',
      async *crawl() {
        throw new Error('site changed');
      },
    });
    const e = await violations(assertSourceContract(thrower, { baseUrl: board.origin }));
    expect(e.violations).toContain('run 1: crawl() threw Error: site changed');
  });
});

describe('checkPoliteness', () => {
  const rec = (path: string, startedAt: number, endedAt: number, kind: 'robots' | 'page' = 'page'): RequestRecord => ({
    url: `${board.origin}${path}`,
    method: 'GET',
    host: new URL(board.origin).host,
    startedAt,
    endedAt,
    kind,
    attempt: 1,
    status: 200,
  });
  const def = { crawlDelaySeconds: 1, disallowedPaths: ['/private'] };

  it('accepts a polite sequence (robots.txt Crawl-delay 2 s beats the manifest 1 s)', async () => {
    expect(await checkPoliteness(def, [rec('/robots.txt', 0, 10, 'robots'), rec('/feed', 2_010, 2_050), rec('/job?id=1', 4_050, 4_060)])).toEqual([]);
  });

  it('names every impolite request', async () => {
    const problems = await checkPoliteness(def, [
      rec('/feed', 0, 10),
      rec('/robots.txt', 500, 510, 'robots'),
      rec('/admin/x', 3_000, 3_010),
      rec('/private/y', 6_000, 6_010),
    ]);
    expect(problems).toEqual([
      `first request to ${new URL(board.origin).host} was ${board.origin}/feed, not robots.txt`,
      `requested ${board.origin}/admin/x, disallowed by ${board.origin}/robots.txt`,
      `requested ${board.origin}/private/y, disallowed by the manifest rule "/private"`,
      `only 490 ms between ${board.origin}/feed and ${board.origin}/robots.txt on ${new URL(board.origin).host} (needs 2000 ms)`,
    ]);
  });
});
