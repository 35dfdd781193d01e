import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CONTENT_FIELDS, contentHash, dedupeHash, dedupeKey, dedupeLocation, foldKeyPart } from '../../src/pipeline/dedupe-hash.js';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

describe('dedupeKey / dedupeHash', () => {
  it('is the SHA-256 of company|title|location, folded', () => {
    expect(dedupeKey('Acme', 'Data Analyst', 'Toronto')).toBe('acme|data analyst|toronto');
    expect(dedupeHash('Acme', 'Data Analyst', 'Toronto')).toBe(sha('acme|data analyst|toronto'));
    expect(dedupeHash('Acme', 'Data Analyst', 'Toronto')).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    ['whitespace', ['Acme', 'Data Analyst', 'Toronto'], ['  Acme ', 'Data \u00a0  Analyst\n', ' Toronto ']],
    ['case', ['Acme', 'Data Analyst', 'Toronto'], ['ACME', 'data analyst', 'TORONTO']],
    ['accents', ['Société Générale', 'Analyste financière', 'Montréal'], ['Societe Generale', 'ANALYSTE FINANCIERE', 'montreal']],
    ['punctuation', ['Acme', 'Analyst, Data (Co-op)', 'St. John’s'], ['Acme', 'Analyst - Data - Coop', "St Johns"]],
    ['hyphen in co-op', ['Acme', 'Co-op Student', 'Ottawa'], ['Acme', 'Coop Student', 'Ottawa']],
    ['legal suffix', ['Shopify Inc.', 'Developer', 'Ottawa'], ['Shopify', 'Developer', 'Ottawa']],
    ['legal suffixes FR and leading The', ['The Co-operators Group Ltée', 'Analyst', 'Guelph'], ['Co-operators Group', 'Analyst', 'Guelph']],
    ['ampersand', ['Johnson & Johnson', 'R&D Intern', 'Markham'], ['Johnson and Johnson', 'R and D Intern', 'Markham']],
    ['en dash', ['Acme', 'Analyst – Data', 'Toronto'], ['Acme', 'Analyst | Data', 'Toronto']],
    ['composed vs decomposed accents', ['Acme', 'Caf\u00e9', 'Québec'], ['Acme', 'Cafe\u0301', 'Que\u0301bec']],
  ])('same hash despite %s', (_what, a, b) => {
    expect(dedupeHash(a[0], a[1], a[2])).toBe(dedupeHash(b[0], b[1], b[2]));
  });

  it.each([
    ['another title', ['Acme', 'Data Analyst', 'Toronto'], ['Acme', 'Data Scientist', 'Toronto']],
    ['another city', ['Acme', 'Data Analyst', 'Toronto'], ['Acme', 'Data Analyst', 'Ottawa']],
    ['fields shifted', ['Acme', 'Data Analyst', 'Toronto'], ['Acme Data', 'Analyst', 'Toronto']],
    ['a suffix that is the whole name', ['Limited', 'Clerk', 'Regina'], ['', 'Clerk', 'Regina']],
  ])('different hash for %s', (_what, a, b) => {
    expect(dedupeHash(a[0], a[1], a[2])).not.toBe(dedupeHash(b[0], b[1], b[2]));
  });

  it('folds parts', () => {
    expect(foldKeyPart('  Société  Générale — R&D ')).toBe('societe generale r and d');
    expect(foldKeyPart("L'Oréal Sr. Node.js")).toBe('loreal sr nodejs');
  });

  it('uses city, else province, else remote as the location', () => {
    expect(dedupeLocation({ city: 'Halifax', province: 'NS' })).toBe('Halifax');
    expect(dedupeLocation({ province: 'NS' })).toBe('NS');
    expect(dedupeLocation({})).toBe('remote');
  });
});

describe('contentHash', () => {
  const job = { title: 'A', companyName: 'B', description: 'x', requiredSkills: ['sql'], salaryMin: 20 };

  it('ignores key order, undefined values and non-content fields', () => {
    const shuffled = { salaryMin: 20, requiredSkills: ['sql'], description: 'x', companyName: 'B', title: 'A', city: undefined };
    expect(contentHash(shuffled)).toBe(contentHash(job));
    expect(contentHash({ ...job, dedupeHash: 'abc', lastScrapedAt: 'now' } as never)).toBe(contentHash(job));
  });

  it('changes when any content field changes', () => {
    const base = contentHash(job);
    expect(contentHash({ ...job, description: 'y' })).not.toBe(base);
    expect(contentHash({ ...job, requiredSkills: ['sql', 'python'] })).not.toBe(base);
    expect(contentHash({ ...job, salaryMin: 21 })).not.toBe(base);
    expect(contentHash({ ...job, remoteCanada: true })).not.toBe(base);
    expect(contentHash({ ...job, withPay: false })).not.toBe(base);
  });

  it('tells a missing value from an empty one', () => {
    expect(contentHash({ ...job, city: '' })).not.toBe(contentHash(job));
  });

  it('covers every stored content field', () => {
    expect(CONTENT_FIELDS).toContain('description');
    expect(CONTENT_FIELDS).toContain('remoteCanada');
    expect(CONTENT_FIELDS).not.toContain('dedupeHash');
  });
});
