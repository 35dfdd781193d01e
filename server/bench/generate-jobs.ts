import crypto from 'node:crypto';
import type { PreparedJob } from '@pathfinder/core';
import type { ProvinceCode } from '@pathfinder/sdk';

/** A small seeded PRNG (mulberry32): the same jobs every run, so runs compare. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Roughly where Canadian postings are: Ontario about 40 %, Quebec 20 %, BC 14 %, Alberta 10 %.
export const PLACES: [ProvinceCode, number, string[]][] = [
  ['ON', 40, ['Toronto', 'Ottawa', 'Waterloo', 'Mississauga', 'Hamilton', 'London', 'Kingston']],
  ['QC', 20, ['Montréal', 'Québec', 'Laval', 'Gatineau', 'Sherbrooke']],
  ['BC', 14, ['Vancouver', 'Victoria', 'Burnaby', 'Surrey', 'Kelowna']],
  ['AB', 10, ['Calgary', 'Edmonton', 'Lethbridge']],
  ['MB', 4, ['Winnipeg', 'Brandon']],
  ['SK', 3, ['Saskatoon', 'Regina']],
  ['NS', 4, ['Halifax', 'Dartmouth']],
  ['NB', 2, ['Moncton', 'Fredericton']],
  ['NL', 1, ["St. John's"]],
  ['PE', 1, ['Charlottetown']],
  ['YT', 0.4, ['Whitehorse']],
  ['NT', 0.3, ['Yellowknife']],
  ['NU', 0.3, ['Iqaluit']],
];

export const FIELDS = [
  'Software', 'Data', 'Civil', 'Mechanical', 'Electrical', 'Environmental', 'Chemical', 'Marketing', 'Finance', 'Accounting',
  'Policy', 'Research', 'Communications', 'Human Resources', 'Operations', 'Product', 'Design', 'Biology', 'Laboratory', 'Supply Chain',
  'Sales', 'Nursing', 'Public Health', 'Urban Planning', 'GIS', 'Geology', 'Legal', 'Actuarial', 'Economics', 'Education',
];
export const ROLES = [
  'Developer', 'Analyst', 'Engineer', 'Engineering Assistant', 'Technician', 'Coordinator', 'Assistant', 'Associate', 'Specialist',
  'Designer', 'Researcher', 'Officer', 'Consultant', 'Scientist', 'Administrator',
];
export const KINDS: [string, PreparedJob['jobType']][] = [
  ['Co-op', 'coop'], ['Co-op Student', 'coop'], ['Intern', 'internship'], ['Summer Intern', 'internship'], ['(New Grad)', 'new_grad'],
  ['- Entry Level', 'new_grad'], ['Internship', 'internship'],
];
export const COMPANY_A = ['Maple', 'Northern', 'Great Lakes', 'Boreal', 'Pacific', 'Atlantic', 'Prairie', 'Laurentian', 'Cedar', 'Aurora', 'Granite', 'True North'];
export const COMPANY_B = ['Systems', 'Analytics', 'Energy', 'Health', 'Materials', 'Foods', 'Robotics', 'Financial', 'Logistics', 'Labs', 'Consulting', 'Media'];
export const COMPANY_C = ['Inc.', 'Ltd.', 'Corp.', 'Group', 'Canada', 'Partners'];

// Filler prose: job-ad words, so the full-text index has realistic posting lists.
export const WORDS = (
  'team work project support develop design build test maintain analyse report improve customer client data system process '
  + 'quality safety field office site plan schedule budget document review research study model tool software hardware network '
  + 'cloud platform service product market campaign content social media finance account audit tax policy program community '
  + 'environment energy water waste climate sustainability health care patient clinical laboratory sample equipment operation '
  + 'production manufacturing supply chain logistics inventory procurement sales partner stakeholder communication presentation '
  + 'writing learning mentorship growth student graduate university college term month summer fall winter opportunity benefit '
  + 'flexible hybrid remote onsite collaborative innovative dynamic fast paced inclusive diverse mission impact excellence'
).split(' ');
export const SENTENCES = [
  'You will join a collaborative team and support day-to-day operations.',
  'Students enrolled in a recognised co-op program are encouraged to apply.',
  'We offer mentorship, flexible hours and a friendly workplace.',
  'Experience with Excel, SQL or Python is an asset.',
  'Strong written and verbal communication skills are required.',
  'This is a paid position with competitive compensation.',
  'Our engineering group works on infrastructure projects across Canada.',
  'Help our analysts build reports and dashboards for decision makers.',
  'Participate in research projects and present your findings to the team.',
  'Applicants must be legally entitled to work in Canada.',
  'The role reports to the department manager.',
  'Training is provided during the first weeks of the term.',
  'You will learn our tools and processes from experienced colleagues.',
  'Please include a cover letter and your most recent transcript.',
  'We value curiosity, initiative and attention to detail.',
  'Some travel within the region may be required.',
  'This role offers a chance to see your work used by thousands of people.',
  'You will take part in weekly team meetings and planning sessions.',
  'We are an equal opportunity employer and welcome all applicants.',
  'Accommodations are available on request during the hiring process.',
  'The position is open to students returning to school in the fall.',
  'Bilingualism in English and French is an asset.',
  'You will help keep our documentation clear and up to date.',
];

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)]!;
}

function weightedPlace(rand: () => number): [ProvinceCode, string] {
  const total = PLACES.reduce((n, p) => n + p[1], 0);
  let r = rand() * total;
  for (const [code, weight, cities] of PLACES) {
    r -= weight;
    if (r <= 0) return [code, pick(rand, cities)];
  }
  return ['ON', 'Toronto'];
}

const sha = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

/**
 * The `n`-th generated job, already in the shape the pipeline produces (so seeding skips the
 * per-posting pipeline and 200,000 rows go in within a minute). About one in five mention
 * "engineer"/"engineering" in the title or text, the ratio a broad search meets on a real board.
 */
export function generateJob(n: number, rand: () => number, now: number): PreparedJob {
  const [province, city] = weightedPlace(rand);
  const [kind, jobType] = pick(rand, KINDS);
  const title = `${pick(rand, FIELDS)} ${pick(rand, ROLES)} ${kind}`;
  const company = `${pick(rand, COMPANY_A)} ${pick(rand, COMPANY_B)} ${pick(rand, COMPANY_C)}`;
  const words: string[] = [];
  const length = 60 + Math.floor(rand() * 140);
  for (let i = 0; i < length; i++) words.push(pick(rand, WORDS));
  const paragraphs = [
    `${company} is hiring a ${title} in ${city}.`,
    `${pick(rand, SENTENCES)} ${pick(rand, SENTENCES)}`,
    `${words.join(' ')}.`,
    pick(rand, SENTENCES),
  ];
  const locationType = rand() < 0.15 ? 'remote' : rand() < 0.25 ? 'hybrid' : 'onsite';
  const posted = now - Math.floor(rand() * 60 * 86_400_000);
  const deadline = rand() < 0.6 ? now + Math.floor(rand() * 90 * 86_400_000) : undefined;
  return {
    title,
    companyName: company,
    originalUrl: `https://jobs.example.ca/postings/${n}`,
    externalId: String(n),
    description: paragraphs.join('\n\n'),
    jobType,
    term: pick(rand, ['summer', 'fall', 'winter', 'year_round', undefined] as const),
    locationType,
    city,
    province,
    withPay: rand() < 0.92,
    applicationDeadline: deadline === undefined ? undefined : new Date(deadline).toISOString(),
    datePosted: new Date(posted).toISOString(),
    academicCreditRequired: jobType === 'coop' && rand() < 0.5,
    remoteCanada: locationType === 'remote' && rand() < 0.6,
    requiredMajors: rand() < 0.5 ? [pick(rand, FIELDS)] : [],
    requiredSkills: rand() < 0.6 ? [pick(rand, ['Excel', 'SQL', 'Python', 'AutoCAD', 'Java', 'R', 'Tableau'])] : [],
    dedupeHash: sha(`dedupe:${n}`),
    contentHash: sha(`content:${n}`),
  } as PreparedJob;
}
