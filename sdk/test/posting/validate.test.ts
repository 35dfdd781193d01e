import { describe, expect, it } from 'vitest';
import { assertPosting, JOB_TYPES, JobPostingSchema, LOCATION_TYPES, PostingValidationError, PROVINCE_CODES, TERMS, validatePosting } from '../../src/index.js';

const minimal = { title: 'Junior Analyst', companyName: 'City of Calgary', originalUrl: 'https://x.ca/jobs/1', description: '' };

describe('JobPostingSchema / validatePosting', () => {
  it('accepts a minimal and a full posting', () => {
    expect(validatePosting(minimal)).toEqual({ ok: true, value: minimal });
    const full = {
      ...minimal,
      externalId: '123',
      description: 'Para 1\n\nPara 2',
      descriptionHtml: '<p>Para 1</p>',
      jobType: 'coop',
      term: 'summer',
      locationType: 'hybrid',
      city: 'Calgary',
      province: 'AB',
      withPay: true,
      salaryMin: 20,
      salaryMax: 25.5,
      salaryPeriod: 'hour',
      applicationDeadline: '2026-12-04T05:00:00.000Z',
      datePosted: '2026-11-01T04:00:00Z',
      academicCreditRequired: false,
      minimumGpa: 3.2,
      requiredMajors: ['Computer Science'],
      requiredSkills: ['SQL'],
    };
    expect(validatePosting(full).ok).toBe(true);
  });

  it('ignores undefined optional fields (as JSON does)', () => {
    expect(validatePosting({ ...minimal, city: undefined }).ok).toBe(true);
  });

  it('names each bad field', () => {
    const r = validatePosting({
      ...minimal,
      title: '',
      originalUrl: 'javascript:alert(1)',
      jobType: 'fulltime',
      province: 'Ontario',
      minimumGpa: 5,
      datePosted: '2026-11-01',
      bogus: 1,
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual(
      expect.arrayContaining([
        'title: must not have fewer than 1 characters',
        'jobType: must be one of coop, internship, new_grad',
        'province: must be one of AB, BC, MB, NB, NL, NS, NT, NU, ON, PE, QC, SK, YT',
        'minimumGpa: must be <= 4.5',
        'bogus: unknown property',
      ]),
    );
    // TypeBox stops after a handful of errors; array items get paths too.
    expect(validatePosting({ ...minimal, requiredSkills: ['ok', 3] })).toEqual({ ok: false, errors: ['requiredSkills[1]: must be string'] });
    expect(r.errors.some((e) => e.startsWith('originalUrl:'))).toBe(true);
    expect(r.errors.some((e) => e.startsWith('datePosted:'))).toBe(true);
  });

  it('names missing required fields and non-objects', () => {
    const r = validatePosting({ title: 'x' });
    expect(r.ok ? [] : r.errors).toEqual(['companyName: is required', 'originalUrl: is required', 'description: is required']);
    expect(validatePosting('x')).toEqual({ ok: false, errors: ['(root): must be object'] });
  });

  it('rejects salaryMin > salaryMax', () => {
    expect(validatePosting({ ...minimal, salaryMin: 30, salaryMax: 20 })).toEqual({ ok: false, errors: ['salaryMin: must not exceed salaryMax (30 > 20)'] });
  });

  it('assertPosting throws PF_ERR_POSTING_INVALID', () => {
    expect(() => assertPosting({})).toThrow(PostingValidationError);
    expect(assertPosting(minimal)).toBe(minimal);
  });

  it('exports the enum tuples and an additionalProperties:false schema', () => {
    expect(JOB_TYPES).toEqual(['coop', 'internship', 'new_grad']);
    expect(TERMS).toEqual(['summer', 'fall', 'winter', 'year_round']);
    expect(LOCATION_TYPES).toEqual(['remote', 'hybrid', 'onsite']);
    expect(PROVINCE_CODES).toHaveLength(13);
    expect((JobPostingSchema as unknown as { additionalProperties: unknown }).additionalProperties).toBe(false);
  });
});
