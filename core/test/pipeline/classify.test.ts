import type { JobPosting } from '@pathfinder/sdk';
import { describe, expect, it } from 'vitest';
import {
  classifyStage, detectAcademicCredit, detectJobType, detectLocationType, detectRemoteCanada, detectTerm,
} from '../../src/pipeline/classify.js';
import { COOP_KEYWORDS, INTERNSHIP_KEYWORDS, NEW_GRAD_KEYWORDS } from '../../src/pipeline/classify-keywords.js';

describe('detectJobType', () => {
  it.each([
    // [title, description, expected]
    ['Software Developer Co-op', '', 'coop'],
    ['Coop Student - Finance', '', 'coop'],
    ['Engineering Student', 'This is a 4-month work term.', 'coop'],
    ['Analyst', 'Students receive academic credit.', 'coop'],
    ['Analyst', 'Enrolment required in a co-operative education program.', 'coop'],
    ['Analyst', 'Enrollment required.', 'coop'],
    ['Research Assistant', 'Part of our work-integrated learning initiative.', 'coop'],
    ['Stage coop - Développeur', '', 'coop'],
    ['Stagiaire coop en génie', '', 'coop'],
    ['Programme en alternance travail-études', '', 'coop'],
    ['Marketing Intern', '', 'internship'],
    ['Summer Internship - Policy', '', 'internship'],
    ['Summer Student - Parks', '', 'internship'],
    ['Analyst', 'This is a paid work placement.', 'internship'],
    ['Social Work Practicum', '', 'internship'],
    ['Policy Fellowship 2027', '', 'internship'],
    ['Stage – Analyste de données', '', 'internship'],
    ['Stagiaire en communication', '', 'internship'],
    ['Analyste', 'Offre de stage rémunéré de 4 mois.', 'internship'],
    ['Étudiant d’été - Loisirs', '', 'internship'],
    ['Junior Developer', '', 'new_grad'],
    ['Entry-Level Accountant', '', 'new_grad'],
    ['Analyst, New Grad 2027', '', 'new_grad'],
    ['Graduate Program - Engineering', '', 'new_grad'],
    ['Analyste, jeune diplômé', '', 'new_grad'],
    ['Technicien débutant', '', 'new_grad'],
    ['Data Analyst', 'Ideal for recent graduates with 0-2 years of experience.', 'new_grad'],
    ['Data Analyst', 'Permanent full-time role.', 'new_grad'], // the default
    // the title decides before the description
    ['Junior Developer', 'We also hire co-op students every term.', 'new_grad'],
    ['Summer Intern', 'Open to co-op students.', 'internship'],
    // co-op before internship before new grad, within one text
    ['Intern', 'A co-op work term', 'internship'],
    ['Software', 'Co-op or internship, for new grads too', 'coop'],
    // false friends
    ['International Relations Officer', 'Internal candidates first.', 'new_grad'],
    ['Stage Manager', 'At this stage of our growth, an early-stage startup.', 'new_grad'],
    ['Cooperative Housing Liaison', '', 'new_grad'],
  ])('%s / %j -> %s', (title, description, expected) => {
    expect(detectJobType(title, description)).toBe(expected);
  });

  it('ignores keywords that are only part of the company name', () => {
    expect(detectJobType('Cashier', 'Calgary Co-op is hiring cashiers.', 'Calgary Co-op')).toBe('new_grad');
    expect(detectJobType('Cashier', 'Calgary Co-op is hiring. Co-op work term.', 'Calgary Co-op')).toBe('coop');
  });

  it('exports its keyword lists', () => {
    for (const list of [COOP_KEYWORDS, INTERNSHIP_KEYWORDS, NEW_GRAD_KEYWORDS]) {
      expect(list.length).toBeGreaterThan(3);
      for (const r of list) expect(r).toBeInstanceOf(RegExp);
    }
  });
});

describe('detectTerm', () => {
  it.each([
    ['Summer 2027 Student', '', 'summer'],
    ['Co-op Student', 'Work term: May – August 2027', 'summer'],
    ['Co-op Student', 'From May 4, 2027 to August 28, 2027', 'summer'],
    ['Student', 'Le stage se déroule de mai à août.', 'summer'],
    ['Étudiant', 'Emploi d’été 2027', 'summer'],
    ['Analyst', 'Fall 2026 co-op', 'fall'],
    ['Analyst', 'September to December 2026', 'fall'],
    ['Analyst', 'Sept - Dec', 'fall'],
    ['Analyst', 'Session d’automne', 'fall'],
    ['Analyst', 'January - April 2027', 'winter'],
    ['Analyst', 'This is a 4-month winter term.', 'winter'],
    ['Analyst', 'Hiver 2027', 'winter'],
    ['Analyst', 'A permanent, full-time position.', 'year_round'],
    ['Analyst', 'Full-time ongoing.', 'year_round'],
    ['Analyst', 'A 12-month internship.', 'year_round'],
    ['Analyste', 'Poste permanent à temps plein.', 'year_round'],
    // earliest mention wins; the title before the description
    ['Summer Student', 'Fall applications open later.', 'summer'],
    ['Analyst', 'Summer 2027. Open to Canadian citizens and permanent residents.', 'summer'],
  ])('%s / %j -> %s', (title, description, expected) => {
    expect(detectTerm(title, description)).toBe(expected);
  });

  it.each([
    ['Analyst', 'Open to Canadian citizens and permanent residents.'],
    ['Analyst', 'Résidents permanents acceptés.'],
    ['Analyst', 'This is not a permanent position.'],
    ['Analyst', 'Tasks that fall under the team. Summer BBQ.'],
    ['Analyst', ''],
  ])('%s / %j -> undefined', (title, description) => {
    expect(detectTerm(title, description)).toBeUndefined();
  });
});

describe('detectLocationType', () => {
  it.each([
    ['Developer (Remote)', '', 'remote'],
    ['Remote - Data Analyst', '', 'remote'],
    ['Analyst', 'This is a fully remote role.', 'remote'],
    ['Analyst', 'You will work from home.', 'remote'],
    ['Analyst', 'Remote within Canada.', 'remote'],
    ['Analyste', 'Poste en télétravail.', 'remote'],
    ['Analyst (Hybrid)', '', 'hybrid'],
    ['Analyst', 'Hybrid work model: 3 days a week in the office.', 'hybrid'],
    ['Analyst', 'Remote work options available.', 'hybrid'],
    ['Analyste', 'Possibilité de télétravail.', 'hybrid'],
    ['Analyst', 'Based in our Toronto office.', 'onsite'],
    ['Analyst', 'This is not a remote position.', 'onsite'],
    ['Analyst', 'No remote work; on-site only.', 'onsite'],
    ['Analyst', 'Pas de télétravail.', 'onsite'],
    ['Outreach Worker', 'Serving remote communities in the North.', 'onsite'],
    ['Cloud Engineer', 'Experience with hybrid cloud and hybrid apps.', 'onsite'],
  ])('%s / %j -> %s', (title, description, expected) => {
    expect(detectLocationType(title, description)).toBe(expected);
  });
});

describe('detectAcademicCredit', () => {
  it.each([
    ['Enrollment required.', true],
    ['Enrolment required.', true],
    ['Students may earn academic credit.', true],
    ['For credit only.', true],
    ['Applicants must be enrolled in a post-secondary program.', true],
    ['Must be currently enrolled full-time.', true],
    ['Currently enrolled students only.', true],
    ['Registered in a co-op program at a Canadian university.', true],
    ['Must be registered as a full-time student.', true],
    ['L’étudiant doit être inscrit à temps plein.', true],
    ['Stage donnant des crédits universitaires.', true],
    ['Must be registered with PEO as an EIT.', false],
    ['Recent graduates welcome.', false],
    ['', false],
  ])('%j -> %s', (description, expected) => {
    expect(detectAcademicCredit('Analyst', description)).toBe(expected);
  });
});

describe('detectRemoteCanada', () => {
  const remote = (description: string, province?: string) =>
    detectRemoteCanada({ title: 'Dev', description, locationType: 'remote', province });
  it.each([
    ['Remote - Canada', true],
    ['Fully remote within Canada.', true],
    ['Canada-wide, remote.', true],
    ['Applicants must reside in Canada.', true],
    ['Open to Canadian residents only.', true],
    ['You must be legally eligible to work in Canada.', true],
    ['Canadian tax resident required.', true],
    ['Télétravail partout au Canada.', true],
    ['Remote (US only).', false],
    ['Work from anywhere in the world.', false],
  ])('%j -> %s', (description, expected) => {
    expect(remote(description)).toBe(expected);
  });

  it('is true for a remote job tied to a province, false unless remote', () => {
    expect(remote('Anywhere.', 'ON')).toBe(true);
    expect(detectRemoteCanada({ title: 'Dev', description: 'Remote - Canada', locationType: 'onsite' })).toBe(false);
    expect(detectRemoteCanada({ title: 'Dev', description: 'Remote - Canada', locationType: 'hybrid' })).toBe(false);
  });
});

describe('classifyStage', () => {
  const base: JobPosting = { title: 'Summer Student', companyName: 'City of Ottawa', originalUrl: 'https://c.ca/1', description: 'Remote - Canada. Summer 2027.' };

  it('fills what the plugin left empty', () => {
    expect(classifyStage(base)).toEqual({
      ...base, jobType: 'internship', term: 'summer', locationType: 'remote', academicCreditRequired: false, remoteCanada: true,
    });
  });

  it('never overwrites what the plugin set', () => {
    const set: JobPosting = { ...base, jobType: 'coop', term: 'fall', locationType: 'onsite', academicCreditRequired: true };
    const out = classifyStage(set);
    expect(out).toMatchObject({ jobType: 'coop', term: 'fall', locationType: 'onsite', academicCreditRequired: true, remoteCanada: false });
  });

  it('leaves term absent when nothing names one', () => {
    const out = classifyStage({ ...base, title: 'Analyst', description: 'Great team.' });
    expect('term' in out).toBe(false);
    expect(out.jobType).toBe('new_grad');
    expect(out.locationType).toBe('onsite');
  });

  it('does not mutate its input', () => {
    const input = { ...base };
    classifyStage(input);
    expect(input).toEqual(base);
  });
});
