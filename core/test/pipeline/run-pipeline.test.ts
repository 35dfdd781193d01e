import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import * as pipeline from '../../src/pipeline/index.js';
import { PreparedJobSchema, preparePosting, type PrepareResult } from '../../src/pipeline/index.js';

const now = new Date('2026-11-01T12:00:00Z');
const raw = {
  title: '  Software Developer&nbsp;Co-op - ',
  companyName: 'Shopify Inc.',
  originalUrl: 'https://Careers.Shopify.com/job?id=77&utm_source=linkedin#top',
  description: '<p>Join us for a <b>4-month</b> work term, May&ndash;August 2027.</p><p>Remote within Canada.</p><p>Must be enrolled in a post-secondary program.</p>',
  city: 'OTTAWA, ON',
  requiredSkills: [' TypeScript ', 'typescript'],
};

function job(r: PrepareResult) {
  if (r.kind !== 'job') throw new Error(`expected a job, got ${JSON.stringify(r)}`);
  return r.job;
}

describe('preparePosting', () => {
  it('validates, normalises, classifies and hashes a posting', () => {
    const j = job(preparePosting(raw, { sourceId: 'shopify', now }));
    expect(j).toMatchObject({
      title: 'Software Developer Co-op',
      companyName: 'Shopify Inc.',
      originalUrl: 'https://careers.shopify.com/job?id=77',
      description: 'Join us for a 4-month work term, May–August 2027.\n\nRemote within Canada.\n\nMust be enrolled in a post-secondary program.',
      city: 'Ottawa',
      province: 'ON',
      jobType: 'coop',
      term: 'summer',
      locationType: 'remote',
      remoteCanada: true,
      academicCreditRequired: true,
      withPay: true,
      requiredMajors: [],
      requiredSkills: ['TypeScript'],
    });
    expect(j.dedupeHash).toBe(pipeline.dedupeHash('Shopify', 'software developer co-op', 'Ottawa'));
    expect(j.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(Value.Check(PreparedJobSchema, j)).toBe(true);
  });

  it('fills the defaults of a bare posting', () => {
    const j = job(preparePosting({ title: 'Analyst', companyName: 'City of Regina', originalUrl: 'https://regina.ca/j/1', description: '' }, { now }));
    expect(j).toMatchObject({ jobType: 'new_grad', locationType: 'onsite', withPay: true, academicCreditRequired: false, remoteCanada: false, requiredMajors: [], requiredSkills: [] });
    expect('term' in j).toBe(false);
    expect(j.dedupeHash).toBe(pipeline.dedupeHash('City of Regina', 'Analyst', 'remote'));
    expect(Value.Check(PreparedJobSchema, j)).toBe(true);
  });

  it('keeps what the plugin set', () => {
    const j = job(preparePosting({ ...raw, jobType: 'internship', term: 'fall', locationType: 'hybrid', withPay: false, academicCreditRequired: false }, { now }));
    expect(j).toMatchObject({ jobType: 'internship', term: 'fall', locationType: 'hybrid', withPay: false, academicCreditRequired: false, remoteCanada: false });
  });

  it('gives the same hashes to the same job written differently', () => {
    const a = job(preparePosting(raw, { now }));
    const b = job(preparePosting({
      ...raw,
      title: 'software developer co-op',
      companyName: ' SHOPIFY ',
      city: 'Ottawa',
      province: 'ON',
      originalUrl: 'https://careers.shopify.com/job?utm_medium=x&id=77',
      description: '  Join us for a 4-month work term, May–August 2027.\r\n\r\n\r\nRemote within Canada.\n\nMust be enrolled in a post-secondary program. ',
    }, { now }));
    expect(b.dedupeHash).toBe(a.dedupeHash);
    expect(b.originalUrl).toBe(a.originalUrl);
    expect(b.description).toBe(a.description);
  });

  it('changes the content hash, not the dedupe hash, when the content changes', () => {
    const a = job(preparePosting(raw, { now }));
    const b = job(preparePosting({ ...raw, description: `${raw.description}<p>Updated.</p>` }, { now }));
    expect(b.dedupeHash).toBe(a.dedupeHash);
    expect(b.contentHash).not.toBe(a.contentHash);
    expect(job(preparePosting(raw, { now })).contentHash).toBe(a.contentHash); // deterministic
  });

  it('reports an invalid posting with its stage and errors', () => {
    const r = preparePosting({ ...raw, title: '' }, { sourceId: 'shopify', now });
    expect(r.kind).toBe('invalid');
    if (r.kind !== 'invalid') return;
    expect(r.stage).toBe('validate');
    expect(r.errors[0]).toMatch(/^title/);
    expect(r.error).toBeInstanceOf(pipeline.StageError);
    expect(r.error.sourceId).toBe('shopify');
  });

  it('reports a posting emptied by normalisation as invalid at that stage', () => {
    const r = preparePosting({ ...raw, companyName: '&nbsp;' }, { now });
    expect(r).toMatchObject({ kind: 'invalid', stage: 'normalize', errors: ['companyName: is empty once normalised'] });
  });

  it('skips senior roles with the reason', () => {
    expect(preparePosting({ ...raw, title: 'Senior Software Developer' }, { now })).toEqual({
      kind: 'skipped', code: 'senior', reason: 'senior role in title ("Senior")',
    });
    const years = preparePosting({ ...raw, title: 'Developer', description: 'Minimum 5 years of experience.' }, { now });
    expect(years).toMatchObject({ kind: 'skipped', code: 'senior' });
  });

  it('skips postings whose deadline passed more than a day ago, unless told not to', () => {
    const expired = { ...raw, applicationDeadline: '2026-10-30T04:00:00Z' };
    expect(preparePosting(expired, { now })).toMatchObject({ kind: 'skipped', code: 'expired' });
    expect(preparePosting(expired, { now, skipExpired: false }).kind).toBe('job');
    expect(preparePosting({ ...raw, applicationDeadline: '2026-11-01T04:00:00Z' }, { now }).kind).toBe('job'); // today, local midnight
  });

  it('never throws, whatever it is given', () => {
    for (const bad of [null, undefined, 42, 'x', [], { title: 1 }]) expect(preparePosting(bad, { now }).kind).toBe('invalid');
  });

  it('handles a large batch consistently', () => {
    const kinds: Record<string, number> = {};
    const hashes = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const r = preparePosting({ ...raw, title: `${i % 10 === 0 ? 'Senior ' : ''}Developer ${i}`, originalUrl: `https://x.ca/j?id=${i}` }, { now });
      kinds[r.kind] = (kinds[r.kind] ?? 0) + 1;
      if (r.kind === 'job') hashes.add(r.job.dedupeHash);
    }
    expect(kinds).toEqual({ job: 1800, skipped: 200 });
    expect(hashes.size).toBe(1800);
  });
});

describe('the pipeline index', () => {
  it('exports every stage and helper', () => {
    for (const name of [
      'preparePosting', 'validateStage', 'normalizeStage', 'classifyStage', 'seniorReason', 'dedupeHash', 'contentHash',
      'normalizeUrl', 'StageError', 'PreparedJobSchema', 'COOP_KEYWORDS', 'INTERNSHIP_KEYWORDS', 'NEW_GRAD_KEYWORDS',
    ]) expect(pipeline).toHaveProperty(name);
  });
});
