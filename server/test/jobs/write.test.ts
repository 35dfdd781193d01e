import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers.js';
import { createUserSession, type TestSession } from '../support/auth.js';
import { posting, seedJobs, seedSource, sql } from './seed-jobs.js';

const t = useTestApp();
let employer: TestSession;
let otherEmployer: TestSession;
let admin: TestSession;
let student: TestSession;

beforeAll(async () => {
  [employer, otherEmployer, admin, student] = await Promise.all([
    createUserSession(t.app, 'employer'), createUserSession(t.app, 'employer'), createUserSession(t.app, 'admin'), createUserSession(t.app, 'student'),
  ]);
});

const inject = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, who?: TestSession, payload?: unknown) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: who?.headers ?? {}, ...(payload === undefined ? {} : { payload: payload as object }) });

const newJob = (fields: Record<string, unknown> = {}) => ({
  title: 'Junior Developer Co-op',
  originalUrl: 'https://careers.example.com/jobs/42?utm_source=pathfinder',
  description: 'A four-month co-op term writing TypeScript.',
  city: 'Waterloo',
  province: 'ON',
  ...fields,
});

describe('POST /jobs', () => {
  it('an employer posts a job to their own source, classified by the pipeline', async () => {
    const res = await inject('POST', '/jobs', employer, newJob({ employerNotes: 'internal ref 7' }));
    expect(res.statusCode).toBe(201);
    const job = res.json();
    expect(job).toMatchObject({
      title: 'Junior Developer Co-op', companyName: employer.user.email, jobType: 'coop', city: 'Waterloo', province: 'ON',
      // The pipeline's URL normalisation drops tracking parameters.
      originalUrl: 'https://careers.example.com/jobs/42', isActive: true, employerNotes: 'internal ref 7',
      source: { sourceType: 'employer', pluginId: null },
    });
    expect(job.datePosted).not.toBeNull();
    const [row] = await sql(t.app, 'select s.employer_user_id, j.dedupe_hash, j.content_hash from jobs j join data_sources s on s.id = j.source_id where j.id = ?', [job.id]) as {
      employer_user_id: string; dedupe_hash: string; content_hash: string;
    }[];
    expect(row!.employer_user_id).toBe(employer.user.id);
    expect(row!.dedupe_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row!.content_hash).toMatch(/^[0-9a-f]{64}$/);
    // Public readers do not see the notes; the job is searchable.
    const pub = (await inject('GET', `/jobs/${job.id}`)).json();
    expect(pub.employerNotes).toBeUndefined();
    expect((await inject('GET', '/jobs?q=typescript')).json().items.map((i: { id: string }) => i.id)).toContain(job.id);
  });

  it('uses the company name given, sanitises HTML and derives the text from it', async () => {
    const res = await inject('POST', '/jobs', employer, newJob({
      title: 'Summer Research Intern', companyName: 'Acme Labs', description: undefined,
      descriptionHtml: '<p onclick="x()">Help our lab<script>alert(1)</script></p><ul><li>Python</li></ul>',
    }));
    expect(res.statusCode).toBe(201);
    const job = res.json();
    expect(job.companyName).toBe('Acme Labs');
    expect(job.jobType).toBe('internship');
    expect(job.descriptionHtml).not.toMatch(/script|onclick/);
    expect(job.description).toMatch(/Help our lab/);
  });

  it('refuses a senior role, explaining why', async () => {
    const res = await inject('POST', '/jobs', employer, newJob({ title: 'Senior Software Engineer' }));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'PF_ERR_SENIOR_ROLE', message: expect.stringMatching(/co-op, internship and new-grad/) });
    // An employer's label does not get a senior role past the filter; an admin's does (they vouch for it).
    expect((await inject('POST', '/jobs', employer, newJob({ title: 'Senior Software Engineer', jobType: 'coop' }))).statusCode).toBe(400);
    expect((await inject('POST', '/jobs', admin, newJob({ title: 'Senior Software Engineer', jobType: 'coop' }))).statusCode).toBe(201);
  });

  it('refuses a passed deadline, an impossible date and a missing description', async () => {
    expect((await inject('POST', '/jobs', employer, newJob({ title: 'Deadline Co-op', applicationDeadline: '2020-01-01' }))).json().code).toBe('PF_ERR_DEADLINE_PASSED');
    expect((await inject('POST', '/jobs', employer, newJob({ applicationDeadline: '2030-02-30' }))).statusCode).toBe(400);
    expect((await inject('POST', '/jobs', employer, newJob({ description: ' ' }))).statusCode).toBe(400);
  });

  it.each([
    [{ title: '' }, /title/],
    [{ originalUrl: 'ftp://x.example.com/a' }, /originalUrl/],
    [{ originalUrl: 'not a url' }, /originalUrl/],
    [{ jobType: 'senior' }, /jobType/],
    [{ province: 'XX' }, /province/],
    [{ minimumGpa: 9 }, /minimumGpa/],
    [{ salaryMin: -1 }, /salaryMin/],
    [{ requiredSkills: [''] }, /requiredSkills/],
    [{ title: 'x'.repeat(301) }, /title/],
  ])('validates the body: %j', async (fields, message) => {
    const res = await inject('POST', '/jobs', employer, newJob(fields));
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(message);
  });

  it('refuses a link to a literal loopback, private or link-local host (the link checker would visit it), on create and change', async () => {
    for (const originalUrl of ['http://127.0.0.1:6379/', 'http://169.254.169.254/latest/meta-data/', 'http://2130706433/jobs', 'http://[::ffff:192.168.0.1]/jobs']) {
      const res = await inject('POST', '/jobs', employer, newJob({ title: 'Metadata Co-op', originalUrl }));
      expect(res.statusCode, originalUrl).toBe(400);
      expect(res.json()).toMatchObject({ code: 'PF_ERR_PRIVATE_ADDRESS', message: expect.stringMatching(/^originalUrl: /) });
    }
    const created = await inject('POST', '/jobs', employer, newJob({ title: 'Address Check Co-op' }));
    expect(created.statusCode).toBe(201);
    const patched = await inject('PATCH', `/jobs/${created.json().id}`, employer, { originalUrl: 'http://10.1.2.3/internal' });
    expect(patched.statusCode).toBe(400);
    expect(patched.json()).toMatchObject({ code: 'PF_ERR_PRIVATE_ADDRESS', details: { field: 'originalUrl', host: '10.1.2.3', range: 'private' } });
  });

  it('a second posting of the same job is a 409 naming the first', async () => {
    const first = await inject('POST', '/jobs', employer, newJob({ title: 'Duplicate Check Co-op' }));
    expect(first.statusCode).toBe(201);
    const again = await inject('POST', '/jobs', employer, newJob({ title: 'Duplicate  Check Co-op', description: 'Other words.' }));
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'PF_ERR_DUPLICATE_JOB', details: { jobId: first.json().id } });
  });

  it('only admins choose a source or lock a job; admins post to the manual source by default', async () => {
    expect((await inject('POST', '/jobs', employer, newJob({ title: 'Locked Co-op', updateProhibited: true }))).statusCode).toBe(403);
    const res = await inject('POST', '/jobs', admin, newJob({ title: 'Admin Posted Co-op', companyName: 'City of Nowhere', updateProhibited: true }));
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ source: { sourceType: 'manual', name: 'Pathfinder (manual)' }, updateProhibited: true });
    const plugin = await seedSource(t.app, { name: 'Plugin src', pluginId: 'pluginsrc' });
    expect((await inject('POST', '/jobs', admin, newJob({ title: 'X Co-op', sourceId: plugin.id }))).statusCode).toBe(400);
    expect((await inject('POST', '/jobs', admin, newJob({ title: 'X Co-op', sourceId: 'nope' }))).statusCode).toBe(400);
    const logs = await sql(t.app, "select action, resource from access_logs where action = 'admin.job.create'");
    expect(logs).toContainEqual({ action: 'admin.job.create', resource: `job:${res.json().id}` });
  });

  it('needs an admin or employer session', async () => {
    expect((await inject('POST', '/jobs', undefined, newJob())).statusCode).toBe(401);
    expect((await inject('POST', '/jobs', student, newJob())).statusCode).toBe(403);
  });
});

describe('PATCH and DELETE /jobs/{id}', () => {
  let jobId: string;
  beforeAll(async () => {
    jobId = (await inject('POST', '/jobs', employer, newJob({ title: 'Patchable Co-op', requiredSkills: ['SQL'] }))).json().id;
  });

  it('the owner changes fields; the job is classified again and null clears a field', async () => {
    const res = await inject('PATCH', `/jobs/${jobId}`, employer, { title: 'Patchable Summer Intern', city: null, province: 'BC', employerNotes: 'n' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ title: 'Patchable Summer Intern', city: null, province: 'BC', requiredSkills: ['SQL'], employerNotes: 'n' });
    const before = (await sql(t.app, 'select content_hash from jobs where id = ?', [jobId]))[0];
    await inject('PATCH', `/jobs/${jobId}`, employer, { description: 'A new description.' });
    const after = (await sql(t.app, 'select content_hash, description from jobs where id = ?', [jobId]))[0];
    expect(after).not.toEqual(before);
    expect((after as { description: string }).description).toBe('A new description.');
  });

  it('refuses other employers, students and anonymous callers', async () => {
    expect((await inject('PATCH', `/jobs/${jobId}`, otherEmployer, { title: 'Hijack Co-op' })).statusCode).toBe(403);
    expect((await inject('PATCH', `/jobs/${jobId}`, student, { title: 'Hijack Co-op' })).statusCode).toBe(403);
    expect((await inject('PATCH', `/jobs/${jobId}`, undefined, { title: 'Hijack Co-op' })).statusCode).toBe(401);
    expect((await inject('DELETE', `/jobs/${jobId}`, otherEmployer)).statusCode).toBe(403);
    expect((await inject('PATCH', '/jobs/unknown', employer, { title: 'X Co-op' })).statusCode).toBe(404);
  });

  it('validates a patch: empty patches and senior titles refused', async () => {
    expect((await inject('PATCH', `/jobs/${jobId}`, employer, {})).statusCode).toBe(400);
    const senior = await inject('PATCH', `/jobs/${jobId}`, employer, { title: 'Senior Software Engineer' });
    expect(senior.json(), senior.body).toMatchObject({ code: 'PF_ERR_SENIOR_ROLE' });
    expect((await inject('PATCH', `/jobs/${jobId}`, employer, { updateProhibited: true })).statusCode).toBe(403);
  });

  it('a job an admin locked cannot be changed by its employer (409) but can by an admin', async () => {
    expect((await inject('PATCH', `/jobs/${jobId}`, admin, { updateProhibited: true })).statusCode).toBe(200);
    const res = await inject('PATCH', `/jobs/${jobId}`, employer, { title: 'Changed Co-op' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('PF_ERR_UPDATE_PROHIBITED');
    expect((await inject('PATCH', `/jobs/${jobId}`, admin, { updateProhibited: false })).statusCode).toBe(200);
  });

  it('a patch that makes it a duplicate of another job is a 409', async () => {
    const other = (await inject('POST', '/jobs', employer, newJob({ title: 'Other Co-op', city: 'Halifax', province: 'NS' }))).json();
    const res = await inject('PATCH', `/jobs/${jobId}`, employer, { title: other.title, city: 'Halifax', province: 'NS' });
    expect(res.statusCode).toBe(409);
    expect(res.json().details.jobId).toBe(other.id);
  });

  it('DELETE archives (idempotent); the job stays readable by id and leaves searches', async () => {
    expect((await inject('DELETE', `/jobs/${jobId}`, employer)).statusCode).toBe(204);
    expect((await inject('DELETE', `/jobs/${jobId}`, employer)).statusCode).toBe(204);
    const job = (await inject('GET', `/jobs/${jobId}`)).json();
    expect(job).toMatchObject({ isActive: false, archiveReason: 'removed by employer' });
    expect(job.archivedAt).not.toBeNull();
    expect((await inject('GET', '/jobs?limit=100')).json().items.map((i: { id: string }) => i.id)).not.toContain(jobId);
    const adminJob = (await inject('POST', '/jobs', employer, newJob({ title: 'Admin Removes Co-op' }))).json();
    expect((await inject('DELETE', `/jobs/${adminJob.id}`, admin)).statusCode).toBe(204);
    expect((await inject('GET', `/jobs/${adminJob.id}`)).json().archiveReason).toBe('removed by admin');
  });

  it('admins may change crawled jobs', async () => {
    const source = await seedSource(t.app);
    const [id] = await seedJobs(t.app, source, [posting()]);
    expect((await inject('PATCH', `/jobs/${id}`, admin, { withPay: false })).json().withPay).toBe(false);
    expect((await inject('PATCH', `/jobs/${id}`, employer, { withPay: true })).statusCode).toBe(403);
  });
});

describe('GET /jobs/{id} and /apply', () => {
  it('404s an unknown id', async () => {
    const res = await inject('GET', '/jobs/doesnotexist');
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('PF_ERR_NOT_FOUND');
    expect((await inject('GET', '/jobs/doesnotexist/apply')).statusCode).toBe(404);
  });

  it('redirects to the original URL and records the click, with the user when signed in', async () => {
    const source = await seedSource(t.app);
    const [id] = await seedJobs(t.app, source, [posting({ originalUrl: 'https://apply.example.com/job/7' })]);
    const anon = await t.app.inject({ method: 'GET', url: `/api/v1/jobs/${id}/apply`, headers: { referer: 'https://pathfinder.example/search' } });
    expect(anon.statusCode).toBe(302);
    expect(anon.headers.location).toBe('https://apply.example.com/job/7');
    await t.app.inject({ method: 'GET', url: `/api/v1/jobs/${id}/apply`, headers: student.headers });
    const clicks = await sql(t.app, 'select user_id, referrer, via from job_clicks where job_id = ? order by at', [id]);
    expect(clicks).toEqual([
      { user_id: null, referrer: 'https://pathfinder.example/search', via: 'apply' },
      { user_id: student.user.id, referrer: null, via: 'apply' },
    ]);
  });
});
