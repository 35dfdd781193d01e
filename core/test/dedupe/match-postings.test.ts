import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { companySimilarity, evaluateMatcher, formatScoresLine, matchPostings, parsePairs, PairsFileError, titleSimilarity, type MatchablePosting } from '@pathfinder/core';

const here = path.dirname(fileURLToPath(import.meta.url));
const description = (lead: string) => `${lead} You will build and test features for the online banking platform used by millions of clients, write Java and TypeScript services with automated tests and code reviews, and work in an agile squad with designers and senior developers.`;

const base: MatchablePosting = {
  source: 'civicjobs', title: 'Software Developer Co-op', companyName: 'Royal Bank of Canada', originalUrl: 'https://civicjobs.example/1',
  description: description('Join RBC.'), city: 'Toronto', province: 'ON', jobType: 'coop', term: 'summer',
  applicationDeadline: '2027-01-31T23:59:00.000Z', salaryMin: 24, salaryMax: 28, salaryPeriod: 'hour',
};

describe('matchPostings', () => {
  it('joins a board copy with another title spelling, an acronym for the employer and a deadline a time zone apart', () => {
    const r = matchPostings(base, { ...base, source: 'careeredge', originalUrl: 'https://ce.example/9', title: 'Co-op Student – Software Developer (Summer 2027)', companyName: 'RBC', applicationDeadline: '2027-02-01T04:59:00.000Z' });
    expect(r.veto).toBeUndefined();
    expect(r.same).toBe(true);
    expect(r.features.company).toBeGreaterThanOrEqual(0.9);
  });

  it('joins the English and French versions of one posting (titles and employer read across languages)', () => {
    const fr = { ...base, source: 'mars', title: 'Stagiaire coop, développeur de logiciels', companyName: 'Banque Royale du Canada', description: 'Joignez-vous à RBC. Vous allez concevoir et tester des fonctionnalités de la plateforme bancaire en ligne pour les clients et les équipes de la banque.' };
    const r = matchPostings(base, fr);
    expect(r.features.description).toBeUndefined();
    expect(r.same).toBe(true);
  });

  it('keeps apart one title at two employers, in two cities, in two terms, and a student and a new-grad role', () => {
    expect(matchPostings(base, { ...base, source: 'mars', companyName: 'TELUS Communications Inc.' })).toMatchObject({ same: false, veto: 'different-employer' });
    expect(matchPostings(base, { ...base, source: 'mars', city: 'Waterloo' })).toMatchObject({ same: false, veto: 'different-place' });
    expect(matchPostings(base, { ...base, source: 'mars', term: 'fall', applicationDeadline: '2027-05-31T23:59:00.000Z' })).toMatchObject({ same: false, veto: 'different-term' });
    expect(matchPostings(base, { ...base, source: 'mars', title: 'Software Developer Co-op (Fall 2027)', term: undefined })).toMatchObject({ same: false, veto: 'different-term' });
    expect(matchPostings(base, { ...base, source: 'mars', title: 'Software Developer (New Grad)', jobType: 'new_grad', term: undefined })).toMatchObject({ same: false, veto: 'different-level' });
  });

  it('keeps apart two roles of one employer in one place, and one board listing two addresses', () => {
    const other = { ...base, source: 'mars', title: 'Data Analyst Intern', description: description('Analyse data at RBC.') };
    expect(matchPostings(base, other).same).toBe(false);
    expect(matchPostings(base, { ...base, originalUrl: 'https://civicjobs.example/2' })).toMatchObject({ same: false, veto: 'same-source' });
  });

  it('reads pay in either period and refuses pay that cannot be the same job', () => {
    expect(matchPostings(base, { ...base, source: 'mars', salaryMin: 46800, salaryMax: 54600, salaryPeriod: 'year' }).features.salary).toBe(1);
    expect(matchPostings(base, { ...base, source: 'mars', salaryMin: 80000, salaryMax: 90000, salaryPeriod: 'year' })).toMatchObject({ same: false, veto: 'different-pay' });
  });

  it('compares employers and titles by canonical words', () => {
    expect(companySimilarity('Hydro-Québec', 'Hydro Quebec')).toBe(1);
    expect(companySimilarity('Mountain Equipment Company Ltd.', 'MEC')).toBe(0.9);
    expect(companySimilarity('WWF-Canada', 'World Wildlife Fund Canada')).toBe(0.9);
    expect(companySimilarity('City of Ottawa', 'Ville d’Ottawa')).toBe(1);
    expect(companySimilarity('Shopify', 'Wealthsimple')).toBe(0);
    expect(titleSimilarity('Junior Water Resources Engineer', 'Ingénieur junior en ressources hydriques')).toBe(1);
  });
});

describe('evaluateMatcher', () => {
  it('meets the goal on the repository set: F1 ≥ 0.95 and precision ≥ 0.98 over ≥ 200 pairs with hard negatives', () => {
    const pairs = parsePairs(fs.readFileSync(path.join(here, '../../bench/dedupe/pairs.jsonl'), 'utf8'));
    expect(pairs.length).toBeGreaterThanOrEqual(200);
    for (const kind of ['same-title-other-employer', 'two-terms', 'en-fr']) expect(pairs.some((p) => p.kind === kind)).toBe(true);
    const { scores } = evaluateMatcher(pairs);
    expect(scores.f1).toBeGreaterThanOrEqual(0.95);
    expect(scores.precision).toBeGreaterThanOrEqual(0.98);
  });

  it('counts true and false verdicts into precision, recall and F1', () => {
    const different = { ...base, source: 'mars', companyName: 'TELUS' };
    const same = { ...base, source: 'mars', companyName: 'RBC' };
    const { scores, mistakes } = evaluateMatcher([
      { a: base, b: same, same: true },
      { a: base, b: different, same: true }, // a missed match
      { a: base, b: same, same: false }, // a wrong merge
      { a: base, b: different, same: false },
    ]);
    expect(scores).toMatchObject({ truePositives: 1, falsePositives: 1, falseNegatives: 1, precision: 0.5, recall: 0.5, f1: 0.5, pairs: 4 });
    expect(mistakes).toHaveLength(2);
    expect(formatScoresLine(scores)).toBe('precision 0.500 recall 0.500 f1 0.500 threshold 0.72 pairs 4');
  });

  it('names the first bad line of a pairs file', () => {
    expect(() => parsePairs('{"a":{"title":"x","companyName":"y"},"b":{"title":"x","companyName":"y"},"same":true}\n\nnot json')).toThrow(new PairsFileError(3, 'not JSON'));
    expect(() => parsePairs('{"a":{"title":"x"},"b":{"title":"x","companyName":"y"},"same":true}')).toThrow(/line 1: "a" and "b" must be postings/);
    expect(() => parsePairs('{"a":{"title":"x","companyName":"y"},"b":{"title":"x","companyName":"y"},"same":"yes"}')).toThrow(/line 1: "same" must be true or false/);
  });
});
