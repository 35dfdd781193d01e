import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { compilePostingValidator, JobPostingSchema, validatePosting } from '../../src/index.js';

const minimal = { title: 'Junior Analyst', companyName: 'City of Calgary', originalUrl: 'https://x.ca/jobs/1', description: '' };

// Valid and invalid postings: the compiled check must agree with the interpreted schema everywhere.
const samples: [string, unknown, boolean][] = [
  ['minimal', minimal, true],
  ['full', {
    ...minimal, externalId: '1', descriptionHtml: '<p>x</p>', jobType: 'coop', term: 'summer', locationType: 'hybrid',
    city: 'Calgary', province: 'AB', withPay: true, salaryMin: 20, salaryMax: 25.5, salaryPeriod: 'hour',
    applicationDeadline: '2026-12-04T05:00:00.000Z', datePosted: '2026-11-01T04:00:00Z', academicCreditRequired: false,
    minimumGpa: 3.2, requiredMajors: ['Computer Science'], requiredSkills: ['SQL'],
  }, true],
  ['an undefined optional field', { ...minimal, city: undefined }, true],
  ['equal salaries', { ...minimal, salaryMin: 20, salaryMax: 20 }, true],
  ['an empty title', { ...minimal, title: '' }, false],
  ['a missing description', { title: 'A', companyName: 'B', originalUrl: 'https://x.ca/1' }, false],
  ['an unknown property', { ...minimal, salary: '20' }, false],
  ['a bad enum', { ...minimal, province: 'Ontario' }, false],
  ['a non-http URL', { ...minimal, originalUrl: 'ftp://x.ca/1' }, false],
  ['a URL with a space', { ...minimal, originalUrl: 'https://x.ca/a b' }, false],
  ['a local date', { ...minimal, datePosted: '2026-11-01T04:00:00' }, false],
  ['a GPA above 4.5', { ...minimal, minimumGpa: 5 }, false],
  ['a number as skill', { ...minimal, requiredSkills: ['SQL', 3] }, false],
  ['salaryMin above salaryMax', { ...minimal, salaryMin: 30, salaryMax: 20 }, false],
  ['null', null, false],
  ['a string', 'posting', false],
];

describe('compilePostingValidator', () => {
  const validator = compilePostingValidator();

  it('compiles once (the same validator every call) and runs as JIT code', () => {
    expect(compilePostingValidator()).toBe(validator);
    expect(validator.accelerated).toBe(true);
  });

  it.each(samples)('check() and validate() agree with the schema and validatePosting on %s', (_name, value, ok) => {
    expect(validator.check(value)).toBe(ok);
    expect(validator.validate(value).ok).toBe(ok);
    expect(validatePosting(value).ok).toBe(ok);
    // The schema part alone agrees with the interpreter (the salary pair is a cross-field rule).
    if (_name !== 'salaryMin above salaryMax') expect(validator.check(value)).toBe(Value.Check(JobPostingSchema, value));
  });

  it('keeps the readable, field-first error messages on failure', () => {
    expect(validator.validate({ ...minimal, title: '', province: 'Ontario', extra: 1 })).toEqual({
      ok: false,
      errors: [
        'extra: unknown property',
        'title: must not have fewer than 1 characters',
        'province: must be one of AB, BC, MB, NB, NL, NS, NT, NU, ON, PE, QC, SK, YT',
      ],
    });
    expect(validator.validate({ ...minimal, salaryMin: 30, salaryMax: 20 })).toEqual({
      ok: false,
      errors: ['salaryMin: must not exceed salaryMax (30 > 20)'],
    });
  });

  it('returns the posting itself when valid', () => {
    const p = { ...minimal };
    const r = validator.validate(p);
    expect(r.ok && r.value).toBe(p);
  });
});
