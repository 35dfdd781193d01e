import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../src/testing/index.js';
import {
  AccessLog, AlertDelivery, DataSource, HostSlot, Job, JobAlert, JobClick, Major, Province, SavedJob, ScrapeLog,
  Session, Skill, User, UserProfile,
} from '../../src/db/entities/index.js';

const db = useTestDatabase();

async function seedGraph() {
  const em = db.orm.em.fork();
  const user = em.create(User, { email: `ana${Math.random()}@example.ca`, passwordHash: 'h', role: 'student', consentGiven: true, consentDate: new Date('2026-01-02T03:04:05Z') });
  const bc = await em.findOneOrFail(Province, 'BC');
  const profile = em.create(UserProfile, { user, firstName: 'Ana', school: 'UBC', program: 'Engineering', graduationYear: 2027, province: bc, city: 'Vancouver' });
  const source = em.create(DataSource, { name: `CivicJobs ${Math.random()}`, pluginId: `civic${Math.random().toString(36).slice(2, 8)}`, disallowedPaths: ['/admin'], pluginConfig: { feedPath: '/rss' }, crawlState: { cursor: 3 } });
  const job = em.create(Job, {
    title: 'Engineering Co-op Student', companyName: 'City of Surrey', jobType: 'coop', term: 'summer', locationType: 'hybrid',
    city: 'Surrey', province: bc, description: 'Work term with the engineering team.', withPay: true, salaryMin: 22.5, salaryMax: 25,
    salaryPeriod: 'hour', requiredMajors: ['Civil Engineering'], requiredSkills: ['AutoCAD', 'Excel'], source,
    originalUrl: 'https://www.civicjobs.ca/jobs?id=123456', externalId: '123456', dedupeHash: crypto.randomBytes(32).toString('hex'), contentHash: 'b'.repeat(64),
    applicationDeadline: new Date('2026-12-05T07:59:59Z'),
  });
  await em.flush();
  return { user, profile, source, job, bc };
}

describe('entities round-trip through Postgres', () => {
  it('user, profile, session', async () => {
    const { user, profile } = await seedGraph();
    const em = db.orm.em.fork();
    em.create(Session, { id: `s${Date.now()}`, secretHash: Buffer.from([1, 2, 3]), user: user.id, mfaVerified: true });
    await em.flush();
    const em2 = db.orm.em.fork();
    const loaded = await em2.findOneOrFail(UserProfile, profile.id, { populate: ['user', 'province'] });
    expect(loaded.user.email).toBe(user.email);
    expect(loaded.user.consentDate?.toISOString()).toBe('2026-01-02T03:04:05.000Z');
    expect(loaded.province?.nameFr).toBe('Colombie-Britannique');
    expect(loaded.graduationYear).toBe(2027);
    const session = await em2.findOneOrFail(Session, { user: user.id });
    expect(Buffer.from(session.secretHash)).toEqual(Buffer.from([1, 2, 3]));
    expect(session.mfaVerified).toBe(true);
    expect(user.id).toMatch(/^[a-z0-9]{20,32}$/);
  });

  it('job with arrays, enums, salary and its source', async () => {
    const { job } = await seedGraph();
    const loaded = await db.orm.em.fork().findOneOrFail(Job, job.id, { populate: ['source'] });
    expect(loaded).toMatchObject({
      jobType: 'coop', term: 'summer', locationType: 'hybrid', salaryMin: 22.5, salaryPeriod: 'hour',
      requiredMajors: ['Civil Engineering'], requiredSkills: ['AutoCAD', 'Excel'], isActive: true, updateProhibited: false,
      academicCreditRequired: false, externalId: '123456',
    });
    expect(loaded.source.disallowedPaths).toEqual(['/admin']);
    expect(loaded.source.pluginConfig).toEqual({ feedPath: '/rss' });
    expect(loaded.source.crawlState).toEqual({ cursor: 3 });
    expect(loaded.applicationDeadline?.toISOString()).toBe('2026-12-05T07:59:59.000Z');
  });

  it('rejects a duplicate dedupe hash and a duplicate email', async () => {
    const { job, user } = await seedGraph();
    const em = db.orm.em.fork();
    em.create(Job, { title: 'x', companyName: 'y', jobType: 'coop', description: '', source: job.source, originalUrl: 'https://x', dedupeHash: job.dedupeHash, contentHash: 'c' });
    await expect(em.flush()).rejects.toThrow(/unique|duplicate/i);
    const em2 = db.orm.em.fork();
    em2.create(User, { email: user.email, passwordHash: 'h', role: 'graduate' });
    await expect(em2.flush()).rejects.toThrow(/unique|duplicate/i);
  });

  it('saved jobs, alerts, deliveries, clicks, logs, reference tables, host slots', async () => {
    const { user, job, source } = await seedGraph();
    const em = db.orm.em.fork();
    em.create(SavedJob, { user: user.id, job: job.id });
    const alert = em.create(JobAlert, { user: user.id, name: 'BC co-ops', query: 'engineering', filters: { jobType: ['coop'], province: ['BC'] }, frequency: 'instant', unsubscribeToken: `t${Math.random()}` });
    em.create(AlertDelivery, { alert, job: job.id, status: 'sent', sentAt: new Date() });
    em.create(JobClick, { job: job.id, referrer: 'https://example.ca' });
    em.create(ScrapeLog, { source: source.id, status: 'success', jobsFound: 3, jobsAdded: 2, jobsSkipped: 1, pluginVersion: '1.0.0', requests: 5, details: { skipped: [{ title: 'Senior', reason: 'senior' }] } });
    em.create(AccessLog, { user: user.id, action: 'admin.sources.update', outcome: 'success', ip: '127.0.0.1', statusCode: 200 });
    em.create(Major, { name: `Computer Science ${Math.random()}` });
    em.create(Skill, { name: `TypeScript ${Math.random()}` });
    em.create(HostSlot, { host: `h${Math.random()}.example`, nextAllowedAt: new Date(0) });
    await em.flush();

    const em2 = db.orm.em.fork();
    const a = await em2.findOneOrFail(JobAlert, alert.id);
    expect(a.filters).toEqual({ jobType: ['coop'], province: ['BC'] });
    expect(await em2.count(AlertDelivery, { alert: alert.id })).toBe(1);
    expect(await em2.count(SavedJob, { user: user.id })).toBe(1);
    expect(await em2.count(JobClick, { job: job.id })).toBe(1);
    const log = await em2.findOneOrFail(ScrapeLog, { source: source.id });
    expect(log).toMatchObject({ status: 'success', jobsAdded: 2, jobsSkipped: 1, requests: 5 });

    // One delivery per (alert, job): the guarantee that a job is never emailed twice.
    em2.create(AlertDelivery, { alert: alert.id, job: job.id });
    await expect(em2.flush()).rejects.toThrow(/unique|duplicate/i);
  });
});

describe('full-text search', () => {
  it('matches stemmed terms and ranks a title match above a description match', async () => {
    const { source } = await seedGraph();
    const em = db.orm.em.fork();
    const base = { companyName: 'Acme', jobType: 'new_grad' as const, source, originalUrl: 'https://x', contentHash: 'c' };
    em.create(Job, { ...base, title: 'Data Analyst', description: 'You will build dashboards for the engineering group.', dedupeHash: `1${Math.random()}`.padEnd(64, '0').slice(0, 64) });
    em.create(Job, { ...base, title: 'Engineering Intern', description: 'Summer role.', dedupeHash: `2${Math.random()}`.padEnd(64, '0').slice(0, 64) });
    em.create(Job, { ...base, title: 'Cook', companyName: 'Diner', description: 'Kitchen work.', dedupeHash: `3${Math.random()}`.padEnd(64, '0').slice(0, 64) });
    await em.flush();
    const rows: { title: string }[] = await em.getConnection().execute(
      `select title, ts_rank(search_vector, q) as rank from jobs, websearch_to_tsquery('english', ?) q
       where search_vector @@ q and source_id = ? order by rank desc`,
      ['engineers', source.id],
    );
    const titles = rows.map((r) => r.title);
    expect(titles).toHaveLength(3);
    expect(titles.slice(0, 2).sort()).toEqual(['Engineering Co-op Student', 'Engineering Intern']);
    expect(titles[2]).toBe('Data Analyst');
  });
});
