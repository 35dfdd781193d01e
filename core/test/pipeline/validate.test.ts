import { validatePosting } from '@pathfinder/sdk';
import { describe, expect, it } from 'vitest';
import { StageError } from '../../src/pipeline/stage-error.js';
import { validateStage } from '../../src/pipeline/validate.js';

const good = { title: 'Analyst', companyName: 'Acme', originalUrl: 'https://acme.ca/jobs/1', description: '' };

describe('validateStage', () => {
  it('returns a valid posting as is', () => {
    const p = { ...good, province: 'ON', salaryMin: 20, salaryMax: 25, salaryPeriod: 'hour', datePosted: '2026-10-01T12:00:00Z' };
    expect(validateStage(p)).toBe(p);
  });

  it('returns a StageError naming each bad field', () => {
    const r = validateStage({ ...good, title: '', province: 'Ontario', originalUrl: 'ftp://acme.ca/1', extra: 1 });
    expect(r).toBeInstanceOf(StageError);
    const e = r as StageError;
    expect(e.stage).toBe('validate');
    expect(e.code).toBe('PF_ERR_POSTING_INVALID');
    for (const field of ['title', 'province', 'originalUrl', 'extra']) expect(e.errors.some((m) => m.startsWith(field))).toBe(true);
    expect(e.message).toContain('Pipeline stage "validate" failed');
  });

  it('keeps the SDK cross-field check (salaryMin <= salaryMax)', () => {
    const r = validateStage({ ...good, salaryMin: 30, salaryMax: 20 });
    expect(r).toBeInstanceOf(StageError);
    expect((r as StageError).errors[0]).toMatch(/^salaryMin/);
  });

  it.each([null, undefined, 'posting', 42, [], {}])('rejects %j', (raw) => {
    expect(validateStage(raw)).toBeInstanceOf(StageError);
  });

  it('agrees with the SDK validator on every case', () => {
    const cases: unknown[] = [
      good, { ...good, title: 'x'.repeat(301) }, { ...good, originalUrl: 'not a url' }, { ...good, jobType: 'job' },
      { ...good, datePosted: '2026-10-01' }, { ...good, minimumGpa: 5 }, { ...good, requiredSkills: [''] },
      { ...good, salaryMin: 10 }, { ...good, salaryMin: 10, salaryMax: 10 }, { ...good, salaryMin: -1 }, { ...good, city: '' },
      { ...good, description: undefined }, { ...good, withPay: 'yes' },
    ];
    for (const c of cases) expect(validateStage(c) instanceof StageError).toBe(!validatePosting(c).ok);
  });

  it('turns a throwing input into a StageError with its cause', () => {
    const boom = new Error('getter exploded');
    const evil = Object.defineProperty({ ...good }, 'title', { enumerable: true, get() { throw boom; } });
    const r = validateStage(evil);
    expect(r).toBeInstanceOf(StageError);
    expect((r as StageError).cause).toBe(boom);
    expect((r as StageError).code).toBe('PF_ERR_PIPELINE_STAGE');
  });
});
