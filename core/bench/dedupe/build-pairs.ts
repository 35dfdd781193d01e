/**
 * Writes core/bench/dedupe/pairs.jsonl, the repository's labelled pairs for the duplicate matcher:
 * each base job (base-jobs.ts) as boards and employers really copy it (positives) and beside the
 * jobs people confuse it with (hard negatives). Deterministic: run it again and the file is the same.
 *
 * Labels: one job posted twice — on two boards, by the employer and a board, or in English and in
 * French — is `same: true` (one job, one result); two terms of one programme, one title at two
 * employers or in two cities, a student and a new-graduate version, and two roles of one employer
 * are `same: false`.
 *
 *   npx tsx core/bench/dedupe/build-pairs.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BASE_JOBS, EMPLOYERS, type BaseJob } from './base-jobs.js';
import type { LabelledPair, MatchablePosting } from '../../src/dedupe/index.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SOURCES = ['civicjobs', 'careeredge', 'workinnonprofits', 'eco-canada', 'mars'] as const;
const WRAPPERS: Record<string, [string, string]> = {
  civicjobs: ['Job posting from CivicJobs.ca. Read the full posting before you apply.', 'Apply on the employer’s website before the closing date. Only candidates selected for an interview will be contacted.'],
  careeredge: ['Career Edge paid internship.', 'Career Edge connects recent graduates and students with paid internships across Canada. Apply through your Career Edge account.'],
  workinnonprofits: ['Posted on Work In Nonprofits.', 'Questions about this posting? Contact the employer directly. Work In Nonprofits does not screen applications.'],
  'eco-canada': ['ECO Canada Job Board — environmental careers.', 'This position may be eligible for ECO Canada wage funding. Check the program criteria before you apply.'],
  mars: ['Opportunity in the MaRS ecosystem.', 'Posted through the MaRS job board. MaRS is not the employer of record.'],
  employer: ['', 'We thank all applicants; only those selected for an interview will be contacted.'],
};
const OTHER_CITIES: Record<string, [string, string]> = {
  Toronto: ['Waterloo', 'ON'], Montréal: ['Sherbrooke', 'QC'], Ottawa: ['Kingston', 'ON'], Québec: ['Trois-Rivières', 'QC'],
  Gatineau: ['Halifax', 'NS'], Saskatoon: ['Regina', 'SK'], Lévis: ['Rimouski', 'QC'], 'Saint-Laurent': ['Mirabel', 'QC'],
  Vancouver: ['Victoria', 'BC'], Calgary: ['Edmonton', 'AB'],
};
const SEASON_EN = { summer: 'Summer', fall: 'Fall', winter: 'Winter' } as const;
const OTHER_TERM = { summer: 'fall', fall: 'winter', winter: 'summer' } as const;

function seasonOf(job: BaseJob): 'summer' | 'fall' | 'winter' {
  return job.term ?? 'summer';
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function slug(s: string): string {
  return s.normalize('NFKD').replace(/[^\w]+/g, '-').toLowerCase();
}

interface Variant {
  source: string;
  title?: string;
  companyName?: string;
  city?: string | null;
  province?: string;
  french?: boolean;
  deadline?: string;
  deadlineUtc?: string;
  salary?: [number, number, 'hour' | 'year'] | null;
  term?: BaseJob['term'] | null;
  jobType?: BaseJob['jobType'];
  dropDuty?: number;
  reverseDuties?: boolean;
}

function posting(job: BaseJob, v: Variant): MatchablePosting & { source: string } {
  const french = v.french === true;
  const [head, foot] = WRAPPERS[v.source];
  let duties = french ? [...job.dutiesFr] : [...job.dutiesEn];
  if (v.dropDuty !== undefined) duties.splice(v.dropDuty, 1);
  if (v.reverseDuties) duties = duties.reverse();
  const about = french ? job.employer.aboutFr : job.employer.aboutEn;
  const title = v.title ?? (french ? job.titleFr : job.titleEn);
  const description = [head, about, french ? 'Responsabilités :' : 'What you will do:', ...duties.map((d) => `• ${d}`), foot].filter(Boolean).join('\n');
  const salary = v.salary === null ? undefined : (v.salary ?? job.salary);
  const city = v.city === null ? undefined : (v.city ?? job.city);
  const term = v.term === null ? undefined : (v.term ?? job.term);
  return {
    source: v.source,
    title,
    companyName: v.companyName ?? (french ? job.employer.fr : job.employer.en),
    originalUrl: `https://${v.source}.example.ca/jobs/${slug(title)}-${slug(city ?? 'ca')}`,
    description,
    ...(city ? { city } : {}),
    province: v.province ?? job.province,
    ...(job.remote ? { locationType: 'remote', remoteCanada: true } : { locationType: 'onsite' }),
    jobType: v.jobType ?? job.jobType,
    ...(term ? { term } : {}),
    applicationDeadline: v.deadlineUtc ?? `${v.deadline ?? job.deadline}T23:59:00.000Z`,
    ...(salary ? { salaryMin: salary[0], salaryMax: salary[1], salaryPeriod: salary[2] } : {}),
  };
}

function pair(kind: string, same: boolean, a: MatchablePosting, b: MatchablePosting): LabelledPair {
  return { kind, same, a, b };
}

function buildPairs(): LabelledPair[] {
  const pairs: LabelledPair[] = [];
  BASE_JOBS.forEach((job, i) => {
    const src = SOURCES[i % SOURCES.length];
    const other = SOURCES[(i + 2) % SOURCES.length];
    const season = SEASON_EN[seasonOf(job)];
    const year = job.deadline.slice(0, 4) === '2026' ? '2027' : job.deadline.slice(0, 4);
    const base = posting(job, { source: src });

    // Positives: the same job on two boards, as boards rewrite it.
    pairs.push(pair('board-copy', true, base, posting(job, {
      source: other, title: `${job.titleEn} (${season} ${year})`, companyName: job.employer.alias, reverseDuties: true,
      // Midnight in Toronto is the next day in UTC: one deadline, two spellings.
      deadlineUtc: `${addDays(job.deadline, 1)}T04:59:00.000Z`,
    })));
    pairs.push(pair('board-copy', true, base, posting(job, {
      source: other, title: job.titleEn.toUpperCase(), city: null, salary: i % 2 ? null : undefined, term: null,
    })));
    pairs.push(pair('board-copy', true, posting(job, { source: other, companyName: `${job.employer.alias}`, title: `${job.titleEn} – ${job.city}` }), posting(job, {
      source: SOURCES[(i + 4) % SOURCES.length], companyName: job.employer.en.replace(/ (Inc\.|Ltd\.)$/, ''), dropDuty: 3,
      salary: job.salary && job.salary[2] === 'hour' ? [Math.round(job.salary[0] * 1950), Math.round(job.salary[1] * 1950), 'year'] : undefined,
    })));
    // The employer's own copy: shorter, its own words for the title.
    pairs.push(pair('employer-copy', true, base, posting(job, {
      source: 'employer', dropDuty: 2, title: job.titleEn.replace('Co-op', 'Co-op Student').replace('Intern', 'Internship'),
      salary: i % 3 === 0 ? null : undefined,
    })));
    // One posting in both official languages.
    pairs.push(pair('en-fr', true, base, posting(job, { source: other, french: true })));

    // Hard negatives.
    const nextTerm = OTHER_TERM[seasonOf(job)];
    const later = addDays(job.deadline, 120);
    pairs.push(pair('two-terms', false, base, i % 2
      ? posting(job, { source: src, term: nextTerm, deadline: later })
      : posting(job, { source: other, title: `${job.titleEn} (${SEASON_EN[nextTerm]} ${year})`, term: nextTerm, deadline: later })));
    const rival = EMPLOYERS[(EMPLOYERS.indexOf(job.employer) + 3) % EMPLOYERS.length];
    const rivalJob: BaseJob = { ...job, employer: rival };
    pairs.push(pair('same-title-other-employer', false, base, posting(rivalJob, { source: other, deadline: i % 2 ? job.deadline : addDays(job.deadline, 10) })));
    const [otherCity, otherProvince] = OTHER_CITIES[job.city];
    if (!job.remote) pairs.push(pair('same-job-other-city', false, base, posting(job, { source: other, city: otherCity, province: otherProvince })));
    if (job.jobType !== 'new_grad') {
      const gradTitle = `${job.titleEn.replace(/\b(Co-op Student|Co-op|Intern|Summer Student|Student)\b/, '').replace(/\s+/g, ' ').trim()} (New Grad)`;
      pairs.push(pair('student-vs-new-grad', false, base, posting(job, { source: src, title: gradTitle, jobType: 'new_grad', term: null, salary: [60000, 70000, 'year'] })));
    }
    // An easy negative: an unrelated job.
    const stranger = BASE_JOBS[(i + 7) % BASE_JOBS.length];
    pairs.push(pair('unrelated', false, base, posting(stranger, { source: other })));
  });
  // Two roles of one employer, in one place where the employer has them.
  for (let i = 0; i < BASE_JOBS.length; i++) {
    for (let j = i + 1; j < BASE_JOBS.length; j++) {
      const a = BASE_JOBS[i];
      const b = BASE_JOBS[j];
      if (a.employer !== b.employer) continue;
      pairs.push(pair('same-employer-other-role', false, posting(a, { source: 'civicjobs' }), posting(b, { source: 'careeredge', city: a.city, province: a.province, deadline: a.deadline })));
      pairs.push(pair('same-employer-other-role', false, posting(a, { source: 'mars', french: true }), posting(b, { source: 'employer', french: true, city: a.city, province: a.province })));
    }
  }
  return pairs;
}

const pairs = buildPairs();
const file = path.join(HERE, 'pairs.jsonl');
fs.writeFileSync(file, pairs.map((p) => JSON.stringify(p)).join('\n') + '\n');
const same = pairs.filter((p) => p.same).length;
console.log(`wrote ${pairs.length} pairs (${same} same, ${pairs.length - same} different) to ${path.relative(process.cwd(), file)}`);
