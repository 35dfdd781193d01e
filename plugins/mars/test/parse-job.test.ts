import { validatePosting } from '@pathfinder/sdk';
import { describe, expect, it } from 'vitest';
import {
  boardJobUrl,
  compensationOf,
  parseJob,
  pickCanadianLocation,
  skillsOf,
  unixToIso,
  workModeToLocationType,
} from '../src/parse-job.js';
import type { GetroJob } from '../src/parse-search.js';

const BASE = 'https://techjobs.marsdd.com';

function job(over: Partial<GetroJob> = {}): GetroJob {
  return {
    id: 555,
    slug: 'data-intern',
    title: 'Data Intern',
    url: 'https://jobs.lever.co/acme/abc',
    created_at: 1767225600,
    work_mode: 'on_site',
    locations: ['Toronto, ON, Canada'],
    seniority: 'internship',
    skills: ['SQL'],
    compensation_public: false,
    organization: { id: 1, name: 'Acme AI', slug: 'acme-ai' },
    ...over,
  };
}

describe('parseJob', () => {
  it('maps a full search result to a schema-valid posting with the stable board link', () => {
    const r = parseJob(
      job({ compensation_public: true, compensation_currency: 'CAD', compensation_period: 'hour',
        compensation_amount_min_cents: 2250, compensation_amount_max_cents: 2600 }),
      BASE,
    );
    expect(r).toEqual({
      ok: true,
      boardUrl: 'https://techjobs.marsdd.com/companies/acme-ai/jobs/555-data-intern',
      posting: {
        title: 'Data Intern',
        companyName: 'Acme AI',
        originalUrl: 'https://techjobs.marsdd.com/companies/acme-ai/jobs/555-data-intern',
        externalId: '555',
        description: '',
        jobType: 'internship',
        datePosted: '2026-01-01T00:00:00.000Z',
        locationType: 'onsite',
        city: 'Toronto',
        province: 'ON',
        withPay: true,
        salaryMin: 22.5,
        salaryMax: 26,
        salaryPeriod: 'hour',
        requiredSkills: ['SQL'],
      },
    });
    if (r.ok) expect(validatePosting(r.posting).ok).toBe(true);
  });

  it('maps entry seniority to new_grad and leaves other seniorities untyped', () => {
    const entry = parseJob(job({ seniority: 'entry' }), BASE);
    const mid = parseJob(job({ seniority: 'mid_senior' }), BASE);
    expect(entry.ok && entry.posting.jobType).toBe('new_grad');
    expect(mid.ok && 'jobType' in mid.posting).toBe(false);
  });

  it('never uses the ATS url while an organization slug exists', () => {
    const r = parseJob(job(), BASE);
    expect(r.ok && r.posting.originalUrl).not.toContain('lever.co');
  });

  it('falls back to the ATS url (and no board page) only without an organization slug', () => {
    const r = parseJob(job({ organization: { name: 'Acme AI' } }), BASE);
    expect(r).toMatchObject({ ok: true, posting: { originalUrl: 'https://jobs.lever.co/acme/abc' } });
    expect(r.ok && r.boardUrl).toBeUndefined();
    expect(parseJob(job({ organization: { name: 'Acme AI' }, url: 'javascript:alert(1)' }), BASE).ok).toBe(false);
  });

  it('skips jobs missing what a posting needs, saying why', () => {
    expect(parseJob(job({ id: undefined }), BASE)).toEqual({ ok: false, reason: 'no id' });
    expect(parseJob(job({ title: '   ' }), BASE)).toEqual({ ok: false, reason: 'job 555: no title' });
    expect(parseJob(job({ organization: null }), BASE)).toEqual({ ok: false, reason: 'job 555: no organization name' });
  });

  it('survives a job with nothing optional at all', () => {
    const r = parseJob({ id: '9', title: 'Intern', organization: { name: 'X', slug: 'x' } }, BASE);
    expect(r).toEqual({
      ok: true,
      boardUrl: `${BASE}/companies/x/jobs/9`,
      posting: { title: 'Intern', companyName: 'X', originalUrl: `${BASE}/companies/x/jobs/9`, externalId: '9', description: '' },
    });
  });

  it('normalises whitespace and clamps over-long titles to the schema limit', () => {
    const r = parseJob(job({ title: '  Data \n\t Intern  ', organization: { name: ' Acme\u00a0AI ', slug: 'acme-ai' } }), BASE);
    expect(r.ok && [r.posting.title, r.posting.companyName]).toEqual(['Data Intern', 'Acme AI']);
    const long = parseJob(job({ title: 'Intern '.repeat(80) }), BASE);
    expect(long.ok && long.posting.title.length).toBeLessThanOrEqual(300);
    if (long.ok) expect(validatePosting(long.posting).ok).toBe(true);
  });

  it('builds the board link from a trailing-slash baseUrl too', () => {
    expect(boardJobUrl('http://127.0.0.1:4000/', 'acme', '1', 'x')).toBe('http://127.0.0.1:4000/companies/acme/jobs/1-x');
  });
});

describe('unixToIso', () => {
  it('reads Unix seconds, tolerates milliseconds, numeric strings and ISO strings', () => {
    expect(unixToIso(1767225600)).toBe('2026-01-01T00:00:00.000Z');
    expect(unixToIso('1767225600')).toBe('2026-01-01T00:00:00.000Z');
    expect(unixToIso(1767225600000)).toBe('2026-01-01T00:00:00.000Z');
    expect(unixToIso('2026-01-01T05:00:00-05:00')).toBe('2026-01-01T10:00:00.000Z');
  });

  it('returns undefined for garbage', () => {
    for (const x of [undefined, null, '', 'soon', 0, -5, NaN, {}, 1e20]) expect(unixToIso(x)).toBeUndefined();
  });
});

describe('workModeToLocationType', () => {
  it('maps every spelling of the three modes and nothing else', () => {
    expect(workModeToLocationType('on_site')).toBe('onsite');
    expect(workModeToLocationType('On-Site')).toBe('onsite');
    expect(workModeToLocationType(' REMOTE ')).toBe('remote');
    expect(workModeToLocationType('hybrid')).toBe('hybrid');
    expect(workModeToLocationType('flexible')).toBeUndefined();
    expect(workModeToLocationType(undefined)).toBeUndefined();
  });
});

describe('pickCanadianLocation', () => {
  it('takes the first Canadian location, skipping foreign ones', () => {
    expect(pickCanadianLocation(['New York, NY, USA', 'Toronto, ON, Canada', 'Ottawa, ON, Canada']))
      .toEqual({ city: 'Toronto', province: 'ON' });
  });

  it('does not read California\'s CA as Canada', () => {
    expect(pickCanadianLocation(['San Jose, CA, USA'])).toBeUndefined();
    expect(pickCanadianLocation(['Boston, MA, United States'])).toBeUndefined();
  });

  it('reads full province names and accents', () => {
    expect(pickCanadianLocation(['Markham, Ontario, Canada'])).toEqual({ city: 'Markham', province: 'ON' });
    expect(pickCanadianLocation(['Montréal, QC, Canada'])).toEqual({ city: 'Montréal', province: 'QC' });
  });

  it('prefers a location with a province over a bare country', () => {
    expect(pickCanadianLocation(['Canada', 'Halifax, NS, Canada'])).toEqual({ city: 'Halifax', province: 'NS' });
    expect(pickCanadianLocation(['Canada'])).toEqual({});
  });

  it('tolerates junk entries and non-arrays', () => {
    expect(pickCanadianLocation('Toronto, ON, Canada')).toBeUndefined();
    expect(pickCanadianLocation([null, 4, '', { name: 'Calgary, AB, Canada' }])).toEqual({ city: 'Calgary', province: 'AB' });
  });
});

describe('compensationOf', () => {
  const base = { compensation_public: true, compensation_currency: 'CAD', compensation_period: 'year',
    compensation_amount_min_cents: 6000000, compensation_amount_max_cents: 7000000 };

  it('converts public CAD cents to dollars', () => {
    expect(compensationOf(base)).toEqual({ withPay: true, salaryMin: 60000, salaryMax: 70000, salaryPeriod: 'year' });
  });

  it('sets nothing when the employer hid the pay', () => {
    expect(compensationOf({ ...base, compensation_public: false })).toEqual({});
    expect(compensationOf({ ...base, compensation_public: 'true' })).toEqual({});
  });

  it('keeps only withPay for another currency or an unsupported period', () => {
    expect(compensationOf({ ...base, compensation_currency: 'USD' })).toEqual({ withPay: true });
    expect(compensationOf({ ...base, compensation_period: 'month' })).toEqual({ withPay: true });
    expect(compensationOf({ ...base, compensation_currency: null })).toEqual({ withPay: true });
  });

  it('accepts lower-case currency, one-sided ranges and swaps reversed ones', () => {
    expect(compensationOf({ ...base, compensation_currency: 'cad', compensation_amount_max_cents: null }))
      .toEqual({ withPay: true, salaryMin: 60000, salaryPeriod: 'year' });
    expect(compensationOf({ ...base, compensation_amount_min_cents: 7000000, compensation_amount_max_cents: 6000000 }))
      .toMatchObject({ salaryMin: 60000, salaryMax: 70000 });
  });

  it('ignores zero, negative and non-numeric amounts', () => {
    expect(compensationOf({ ...base, compensation_amount_min_cents: 0, compensation_amount_max_cents: -1 })).toEqual({});
    expect(compensationOf({ ...base, compensation_amount_min_cents: 'lots', compensation_amount_max_cents: '250000' }))
      .toEqual({ withPay: true, salaryMax: 2500, salaryPeriod: 'year' });
  });
});

describe('skillsOf', () => {
  it('trims, drops empties and de-duplicates case-insensitively', () => {
    expect(skillsOf([' Python ', 'python', { name: 'SQL' }, '', null, 7])).toEqual(['Python', 'SQL', '7']);
    expect(skillsOf(undefined)).toEqual([]);
    expect(skillsOf('Python')).toEqual([]);
  });
});
