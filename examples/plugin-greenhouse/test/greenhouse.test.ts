/**
 * The Greenhouse example through the SDK test kit: the recorded API answers are served on
 * 127.0.0.1 and the real API origin is mapped onto them (originMap), as the engine would do with
 * `--map-origin`.
 */
import { fileURLToPath } from 'node:url';
import { ConfigError, resolveConfig, type JobPosting } from '@pathfinder/sdk';
import { assertSourceContract, runSource, serveFixtures, type FixtureServer, type RunSourceResult } from '@pathfinder/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import source from '../src/index.js';

const SITE = fileURLToPath(new URL('./fixtures/site', import.meta.url));
const GOLDEN = fileURLToPath(new URL('./fixtures/golden.json', import.meta.url));
const API = 'https://boards-api.greenhouse.io';
const NOW = '2026-11-20T12:00:00Z';

let api: FixtureServer;
let run: RunSourceResult;
const options = (config: { board: string; companyName?: string }) => ({
  baseUrl: API,
  originMap: { [API]: api.origin },
  config,
  now: NOW,
});

beforeAll(async () => {
  api = await serveFixtures(SITE);
  run = await runSource(source, options({ board: 'maplerobotics' }));
});
afterAll(async () => {
  await api?.close();
});

function job(id: string): JobPosting {
  const p = run.postings.find((x) => x.externalId === id);
  if (!p) throw new Error(`no posting ${id}`);
  return p;
}

describe('greenhouse manifest and config', () => {
  it('declares the source', () => {
    expect(source).toMatchObject({
      kind: 'pathfinder-source',
      id: 'greenhouse',
      version: '1.0.0',
      sdk: '^1.1.0',
      baseUrl: API,
      crawlDelaySeconds: 2,
    });
  });

  it('requires a board token', () => {
    expect(() => resolveConfig(source, {})).toThrow(ConfigError);
    expect(() => resolveConfig(source, {})).toThrow(/board/);
    expect(() => resolveConfig(source, { board: 'maple robotics' })).toThrow(/board/);
    expect(resolveConfig(source, { board: 'maplerobotics' })).toEqual({ board: 'maplerobotics' });
  });
});

describe('greenhouse crawl (test kit)', () => {
  it('honours the source contract and matches the golden file', async () => {
    const result = await assertSourceContract(source, { ...options({ board: 'maplerobotics' }), golden: GOLDEN, minPostings: 5 });
    expect(result.postings).toHaveLength(5);
  });

  it('makes one API request after robots.txt, with content=true', () => {
    expect(run.error).toBeUndefined();
    // Request records name the host actually contacted: the fixture server the origin was mapped to.
    expect(run.requests.map((r) => r.url)).toEqual([`${api.origin}/robots.txt`, `${api.origin}/v1/boards/maplerobotics/jobs?content=true`]);
    const call = api.requests.find((r) => r.url === '/v1/boards/maplerobotics/jobs?content=true');
    expect(call?.headers).toMatchObject({ accept: 'application/json' });
  });

  it('yields each job once, skips the one without a link, keeps the senior role for the pipeline', () => {
    expect(run.postings.map((p) => p.externalId)).toEqual(['4012001', '4012002', '4012003', '4012004', '4012005']);
    expect(run.logs).toContainEqual(expect.objectContaining({ level: 'warn', msg: expect.stringContaining('4012006 "Draft posting without a link" has no http(s) absolute_url') }));
    expect(job('4012003').title).toBe('Senior Manager, Hardware Engineering');
  });

  it('decodes the escaped content once into text and sanitised HTML', () => {
    const intern = job('4012001');
    expect(intern).toMatchObject({
      title: 'Robotics Software Intern (Summer 2027)',
      companyName: 'Maple Robotics Inc.',
      originalUrl: 'https://boards.greenhouse.io/maplerobotics/jobs/4012001',
      city: 'Waterloo',
      province: 'ON',
      // first_published wins over updated_at
      datePosted: '2026-10-28T13:00:00.000Z',
    });
    expect(intern.description).toBe(
      'Join the autonomy team for a 4-month internship.\n\nWhat you will do\n\n- Write ROS 2 nodes in C++ & Python\n- Test on real warehouse robots\n\nStudents in Engineering or Computer Science are welcome to apply.',
    );
    expect(intern.descriptionHtml).toContain('<li>Write ROS 2 nodes in C++ &amp; Python</li>');
    expect(intern.descriptionHtml).not.toContain('&lt;');

    const coop = job('4012004');
    expect(coop).toMatchObject({ locationType: 'remote', datePosted: '2026-11-06T13:05:00.000Z' });
    expect(coop.description).not.toMatch(/track|steal/);
    expect(coop.descriptionHtml).toContain('href="https://maple.example/students"');
    expect(coop.descriptionHtml).not.toMatch(/<script|onclick|steal/i);
  });

  it('cleans titles, reads R&D, hybrid locations and missing content', () => {
    expect(job('4012002')).toMatchObject({ title: 'Junior Mechanical Engineer (New Grad)', city: 'Toronto', province: 'ON', datePosted: '2026-11-05T21:40:12.000Z' });
    expect(job('4012002').description).toBe('Graduating in 2026? Design grippers with us.\n\nR&D budget: yes. Mentorship: yes.');
    expect(job('4012005')).toEqual({
      title: 'Field Service Technician & Trainer',
      companyName: 'Maple Robotics Inc.',
      originalUrl: 'https://boards.greenhouse.io/maplerobotics/jobs/4012005',
      externalId: '4012005',
      description: '',
      city: 'Montréal',
      province: 'QC',
      locationType: 'hybrid',
      datePosted: '2026-11-01T13:30:00.000Z',
    });
  });

  it('uses the configured company name over the API\'s', async () => {
    const named = await runSource(source, options({ board: 'maplerobotics', companyName: 'Maple Robotics' }));
    expect(new Set(named.postings.map((p) => p.companyName))).toEqual(new Set(['Maple Robotics']));
  });

  it('fails the run on an unknown board or a changed API', async () => {
    const gone = await runSource(source, options({ board: 'gone-company' }));
    expect(gone.postings).toEqual([]);
    expect(gone.error).toMatchObject({ code: 'PF_ERR_SOURCE_FATAL', message: expect.stringContaining('no job board "gone-company"') });
    const changed = await runSource(source, options({ board: 'changed-api' }));
    expect(changed.error).toMatchObject({ code: 'PF_ERR_SOURCE_FATAL', message: expect.stringContaining('without a "jobs" array') });
  });
});
