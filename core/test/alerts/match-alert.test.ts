import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../src/testing/index.js';
import { matchAlert, MATCH_OVERLAP_MS } from '../../src/alerts/match-alert.js';
import { createAlert, createJob, createSource, createUser } from './fixtures.js';

const db = useTestDatabase();
let source: string;
let user: string;
const HOUR = 3_600_000;
const ago = (ms: number) => new Date(Date.now() - ms);

beforeAll(async () => {
  source = await createSource(db.orm);
  user = await createUser(db.orm);
});
beforeEach(async () => {
  await db.truncate('alert_deliveries', 'job_alerts', 'jobs');
});

const titles = async (alertId: string, options?: Parameters<typeof matchAlert>[2]) =>
  (await matchAlert(db.orm.em.fork(), alertId, options)).map((j) => j.title).sort();

describe('matchAlert', () => {
  it('runs the query as web search on title, company and description (stemmed, phrases, or, exclusion)', async () => {
    await createJob(db.orm, source, { title: 'Software Developer Co-op' });
    await createJob(db.orm, source, { title: 'Data Analyst Intern', description: 'SQL and Python every day.' });
    await createJob(db.orm, source, { title: 'Senior Data Analyst' });
    await createJob(db.orm, source, { title: 'Lab Assistant', company: 'Developers Guild' });
    const q = async (query: string) => titles((await createAlert(db.orm, user, { query })).id);
    expect(await q('developers')).toEqual(['Lab Assistant', 'Software Developer Co-op']);
    expect(await q('"data analyst" -senior')).toEqual(['Data Analyst Intern']);
    expect(await q('python or "lab assistant"')).toEqual(['Data Analyst Intern', 'Lab Assistant']);
    // Only stop words, or no query at all: the filters alone decide.
    expect(await q('the')).toHaveLength(4);
    expect(await titles((await createAlert(db.orm, user, { query: null })).id)).toHaveLength(4);
    // Hostile text is just words to websearch_to_tsquery: no error, no injection.
    expect(await q(`')) or 1=1; drop table jobs; -- & | ! :* <->`)).toEqual([]);
  });

  it('applies the filters: any of the listed values per key, single strings, any letter case for provinces', async () => {
    await createJob(db.orm, source, { title: 'BC coop summer onsite', jobType: 'coop', province: 'BC', term: 'summer' });
    await createJob(db.orm, source, { title: 'BC internship fall remote', jobType: 'internship', province: 'BC', term: 'fall', locationType: 'remote' });
    await createJob(db.orm, source, { title: 'ON coop fall hybrid', jobType: 'coop', province: 'ON', term: 'fall', locationType: 'hybrid' });
    await createJob(db.orm, source, { title: 'No province new grad', jobType: 'new_grad', province: null, city: null, term: null });
    const f = async (filters: Record<string, unknown>) => titles((await createAlert(db.orm, user, { filters })).id);
    expect(await f({ jobType: ['coop'], province: ['bc'] })).toEqual(['BC coop summer onsite']);
    expect(await f({ jobType: ['coop', 'internship'] })).toEqual(['BC coop summer onsite', 'BC internship fall remote', 'ON coop fall hybrid']);
    expect(await f({ term: ['fall'], locationType: ['remote', 'hybrid'] })).toEqual(['BC internship fall remote', 'ON coop fall hybrid']);
    expect(await f({ jobType: 'new_grad' })).toEqual(['No province new grad']);
    expect(await f({ province: ['ON', 'QC'] })).toEqual(['ON coop fall hybrid']);
    expect(await f({ jobType: [], province: '' })).toHaveLength(4);
    // Keys the matcher does not know are ignored, not errors.
    expect(await f({ salaryMin: 20, jobType: ['coop'] })).toHaveLength(2);
  });

  it('takes only active jobs created since the alert last ran (its creation the first time), oldest first', async () => {
    const created = ago(10 * HOUR);
    await createJob(db.orm, source, { title: 'before the alert', createdAt: ago(11 * HOUR) });
    await createJob(db.orm, source, { title: 'after the alert', createdAt: ago(9 * HOUR) });
    await createJob(db.orm, source, { title: 'recent', createdAt: ago(HOUR) });
    await createJob(db.orm, source, { title: 'recent but archived', createdAt: ago(HOUR), isActive: false });
    const first = await createAlert(db.orm, user, { createdAt: created });
    expect((await matchAlert(db.orm.em.fork(), first.id)).map((j) => j.title)).toEqual(['after the alert', 'recent']);
    const ran = await createAlert(db.orm, user, { createdAt: created, lastRunAt: ago(5 * HOUR) });
    expect(await titles(ran.id)).toEqual(['recent']);
  });

  it('looks a little before lastRunAt again (a batch committed late), and never returns a job already recorded', async () => {
    const late = await createJob(db.orm, source, { title: 'committed late', createdAt: ago(2 * HOUR + MATCH_OVERLAP_MS / 2) });
    await createJob(db.orm, source, { title: 'long before', createdAt: ago(2 * HOUR + MATCH_OVERLAP_MS * 2) });
    const alert = await createAlert(db.orm, user, { createdAt: ago(10 * HOUR), lastRunAt: ago(2 * HOUR) });
    expect(await titles(alert.id)).toEqual(['committed late']);
    await db.orm.em.fork().execute(`insert into alert_deliveries (id, alert_id, job_id, status, attempts, created_at) values ('d1', ?, ?, 'sent', 1, now())`, [alert.id, late]);
    expect(await titles(alert.id)).toEqual([]);
  });

  it('returns what an email shows, and respects the limit', async () => {
    const deadline = new Date('2026-04-01T06:59:59Z');
    const id = await createJob(db.orm, source, { title: 'Field Tech', company: 'Northern Eco', city: 'Whitehorse', province: 'YT', jobType: 'internship', locationType: 'hybrid', deadline });
    await createJob(db.orm, source, { title: 'Other' });
    const alert = await createAlert(db.orm, user, { query: 'field' });
    const [job] = await matchAlert(db.orm.em.fork(), alert.id);
    expect(job).toEqual({ id, title: 'Field Tech', company: 'Northern Eco', city: 'Whitehorse', province: 'YT', jobType: 'internship', locationType: 'hybrid', deadline, createdAt: expect.any(Date) });
    expect(await matchAlert(db.orm.em.fork(), (await createAlert(db.orm, user)).id, { limit: 1 })).toHaveLength(1);
  });

  it('with ignoreHistory, samples any active matching job, newest first (previews)', async () => {
    await createJob(db.orm, source, { title: 'old', createdAt: ago(100 * HOUR) });
    await createJob(db.orm, source, { title: 'new', createdAt: ago(HOUR) });
    const alert = await createAlert(db.orm, user, { createdAt: ago(2 * HOUR), lastRunAt: new Date() });
    expect(await titles(alert.id)).toEqual([]);
    expect((await matchAlert(db.orm.em.fork(), alert.id, { ignoreHistory: true })).map((j) => j.title)).toEqual(['new', 'old']);
  });

  it('returns nothing for an unknown alert', async () => {
    await createJob(db.orm, source);
    expect(await matchAlert(db.orm.em.fork(), 'no-such-alert')).toEqual([]);
  });
});
