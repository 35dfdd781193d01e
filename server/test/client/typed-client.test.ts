/**
 * `@pathfinder/sdk/client`: the committed types match what the server generates today, the SDK's
 * client imports nothing of core or server, and the docs' samples (docs/examples/api-client, quoted
 * by docs/api-client.md) search, paginate, sign in and save against a real listening server.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { createPathfinderClient, paginate, PathfinderApiError, unwrap, type ApiErrorCode, type JobSummary } from '@pathfinder/sdk/client';
import { CLIENT_TYPES_PATH, GENERATE_CLIENT_COMMAND, generateClientTypes } from '../../src/openapi/generate-client-types.js';
import { useTestApp } from '../helpers.js';
import { createUserSession, RELAXED_RATE_LIMITS } from '../support/auth.js';
import { posting, seedJobs, seedSource } from '../jobs/seed-jobs.js';
import { allJobs } from '../../../docs/examples/api-client/paginate-jobs.js';
import { oneJob, searchJobs } from '../../../docs/examples/api-client/search-jobs.js';
import { saveJob, signIn } from '../../../docs/examples/api-client/sign-in.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const t = useTestApp({ services: { rateLimits: RELAXED_RATE_LIMITS } });
let baseUrl = '';
let ids: string[] = [];

beforeAll(async () => {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const source = await seedSource(t.app, { name: 'Civic', pluginId: 'civic' });
  ids = await seedJobs(t.app, source, [
    ...Array.from({ length: 45 }, (_, i) => posting({ title: `Hydrology Analyst Co-op ${i}`, companyName: 'River Works', province: i % 2 ? 'ON' : 'QC' })),
    posting({ title: 'Pastry Chef Intern', companyName: 'Boulangerie', jobType: 'internship', province: 'QC', city: 'Montréal' }),
  ]);
});

describe('the generated client types', () => {
  it(`match what the server generates now (else run \`${GENERATE_CLIENT_COMMAND}\`)`, async () => {
    const committed = fs.readFileSync(path.join(REPO, CLIENT_TYPES_PATH), 'utf8');
    const fresh = await generateClientTypes();
    expect(committed === fresh, `${CLIENT_TYPES_PATH} is stale: run \`${GENERATE_CLIENT_COMMAND}\` and commit it`).toBe(true);
  });

  it('carry the error codes as a union', () => {
    expectTypeOf<'PF_ERR_NOT_FOUND'>().toExtend<ApiErrorCode>();
    expectTypeOf<'PF_ERR_NO_SUCH_CODE'>().not.toExtend<ApiErrorCode>();
  });

  it('are used by an SDK entry that imports nothing of core or server', () => {
    const dir = path.join(REPO, 'sdk/src/client');
    const imports = fs.readdirSync(dir).flatMap((f) => [...fs.readFileSync(path.join(dir, f), 'utf8').matchAll(/^(?:import|export)\b[^\n]*? from '([^']+)'/gm)].map((m) => m[1]));
    expect(imports.length).toBeGreaterThan(3);
    expect(imports.filter((i) => !i.startsWith('./') && i !== 'openapi-fetch')).toEqual([]);
  });
});

describe('the client against a running server', () => {
  it('searches with typed results (the docs sample)', async () => {
    const items = await searchJobs(baseUrl, 'hydrology');
    expectTypeOf(items).toEqualTypeOf<JobSummary[]>();
    expect(items).toHaveLength(20);
    expect(items.every((j) => j.title.startsWith('Hydrology Analyst') && ['ON', 'QC'].includes(j.province ?? ''))).toBe(true);
    const job = await oneJob(baseUrl, ids.at(-1)!);
    expect(job).toMatchObject({ title: 'Pastry Chef Intern', company: 'Boulangerie' });
  });

  it('pages through every result with paginate()', async () => {
    const jobs = await allJobs(baseUrl, 'hydrology');
    expect(jobs).toHaveLength(45);
    expect(new Set(jobs.map((j) => j.id)).size).toBe(45);
    const client = createPathfinderClient({ baseUrl });
    const seen: string[] = [];
    for await (const job of paginate((cursor) => client.GET('/api/v1/jobs', { params: { query: { q: 'hydrology', cursor, limit: 10 } } }), { maxItems: 25 })) seen.push(job.id);
    expect(seen).toHaveLength(25);
  });

  it('throws the API error with its typed code', async () => {
    const client = createPathfinderClient({ baseUrl });
    const error = await Promise.resolve().then(async () => unwrap(await client.GET('/api/v1/users/me'))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PathfinderApiError);
    expect(error).toMatchObject({ status: 401, code: 'PF_ERR_UNAUTHENTICATED' });
    const forged = paginate((cursor) => client.GET('/api/v1/jobs', { params: { query: { cursor: cursor ?? 'forged' } } }));
    await expect(forged.next()).rejects.toMatchObject({ status: 400, code: 'PF_ERR_BAD_CURSOR' });
  });

  it('signs in with a token and saves a job (the docs sample)', async () => {
    const student = await createUserSession(t.app, 'student');
    const client = await signIn(baseUrl, student.user.email, student.password);
    expect(await saveJob(client, ids[0]!)).toBe('saved');
    expect(await saveJob(client, 'nosuchjob')).toBe('gone');
    expect(await saveJob(createPathfinderClient({ baseUrl }), ids[0]!)).toBe('sign-in');
    const saved = unwrap(await client.GET('/api/v1/users/me/saved-jobs'));
    expect(saved.items.map((s) => s.job.id)).toEqual([ids[0]]);
  });
});

describe('docs/api-client.md', () => {
  it('quotes each of its samples from a compiled file of docs/examples/api-client', () => {
    const guide = fs.readFileSync(path.join(REPO, 'docs/api-client.md'), 'utf8');
    const blocks = [...guide.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
    const dir = path.join(REPO, 'docs/examples/api-client');
    const files = fs.readdirSync(dir).map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
    expect(blocks.length).toBeGreaterThanOrEqual(3);
    expect(blocks.filter((b) => !files.some((f) => f.includes(b)))).toEqual([]);
  });
});
