import { describe, expect, it } from 'vitest';
import { seniorReason } from '../../src/pipeline/senior.js';

const title = (t: string) => seniorReason({ title: t, description: '' });
const text = (d: string) => seniorReason({ title: 'Analyst', description: d });

describe('seniorReason: titles that are senior', () => {
  it.each([
    ['Senior Software Engineer', 'senior'],
    ['Sr. Data Analyst', 'senior'],
    ['Sr Developer', 'senior'],
    ['Analyste sénior', 'senior'],
    ['Senior Manager, Finance', 'senior'],
    ['Team Lead, Customer Success', 'lead'],
    ['Tech Lead - Payments', 'lead'],
    ['Lead Developer', 'lead'],
    ['Lead Hand - Parks Operations', 'lead'],
    ['Principal Engineer', 'principal'],
    ['Analyste principal, TI', 'principal'],
    ['Staff Software Engineer', 'staff engineer'],
    ['Staff Engineer, Platform', 'staff engineer'],
    ['Product Manager', 'manager'],
    ['Project Manager - Capital Works', 'manager'],
    ['Manager, Community Programs', 'manager'],
    ['Managing Director', 'manager'],
    ['Gérante de magasin', 'manager'],
    ['Gestionnaire principale, finances', 'manager'],
    ['Director of Engineering', 'director'],
    ['Assistant Director, Recreation', 'director'],
    ['Directrice des communications', 'director'],
    ['Directeur général', 'director'],
    ['Chief of Staff', 'chief'],
    ['CTO', 'chief'],
    ['Chef de projet, TI', 'chief'],
    ["Chef d'équipe - Entrepôt", 'chief'],
    ['Head of Marketing', 'head of'],
    ['VP, Engineering', 'vice-president'],
    ['Vice-President, Operations', 'vice-president'],
    ['Vice-présidente, Ventes', 'vice-president'],
    ['SVP Sales', 'vice-president'],
    ['Director to the Board', 'director'],
    ['Manager for the Executive Office', 'manager'],
    ['Developer (5+ years experience)', 'years'],
  ])('%s is senior (%s)', (t, kind) => {
    const reason = title(t);
    expect(reason).toBeDefined();
    if (kind === 'years') expect(reason).toMatch(/5\+ years of experience/);
    else expect(reason).toContain(`${kind} role in title`);
  });
});

describe('seniorReason: titles that are not senior', () => {
  it.each([
    "Seniors' Centre Program Assistant",
    'Seniors Program Coordinator',
    'Senior Services Coordinator',
    'Senior Care Aide',
    "Senior's Recreation Leader",
    'Leadership Development Program - Analyst',
    'Lead Generation Specialist',
    'Lead Abatement Technician',
    'Project Coordinator',
    'Management Trainee',
    'Property Management Assistant',
    'Manager in Training',
    'Manager-in-Training, Retail',
    'Assistant Store Manager',
    'Associate Product Manager',
    'Staff Accountant',
    'Support Staff - Front Desk',
    'Shift Supervisor',
    'Intern, Office of the Director',
    'Co-op Student - Project Manager Office',
    'Marketing Intern (Team Lead support)',
    'Junior Project Manager',
    'Stagiaire - Direction des finances',
    'Chef de partie',
    'Data Analyst',
    'Software Developer, New Grad',
    'Principal’s Office Assistant',
    'Leader, Day Camp',
    'Head Office Clerk',
    'Executive Assistant to the CEO',
    'Administrative Assistant to the Director of Finance',
    'Clerk, Office of the Vice-President',
    'Coordinator for the Board of Directors',
  ])('%s is not senior', (t) => {
    expect(title(t)).toBeUndefined();
  });
});

describe('seniorReason: experience in the description', () => {
  it.each([
    'Minimum 5 years of experience in accounting.',
    'You have 5+ years of professional experience.',
    'At least three (3) years of relevant experience is required.',
    '3-5 years of experience with React.',
    '3 to 5 years experience in a similar role',
    '4 or more years of related work experience',
    'Experience: 7+ yrs building APIs.',
    'Requirements: a minimum of ten years of progressive experience',
    "Au moins 5 ans d'expérience pertinente.",
    "Minimum de trois ans d’expérience en gestion.",
    'Expérience : 5 ans et plus',
  ])('%j is senior', (d) => {
    expect(text(d)).toMatch(/years of experience/);
  });

  it.each([
    'Less than 5 years of experience welcome.',
    'Up to 4 years of experience.',
    '0-2 years of experience.',
    '1-3 years of experience in a related field.',
    '2+ years of experience is an asset.',
    'We have been in business for over 50 years. No experience needed.',
    'Completed 3 years of a 4-year engineering degree; co-op experience is an asset.',
    'A 4-year university degree. Experience with Excel.',
    'This is a 3-year term contract.',
    'Join a team that has served Ontario for 100 years.',
    'A $5 years-of-service bonus for experienced staff.', // "$5" is money, not years
  ])('%j is not senior', (d) => {
    expect(text(d)).toBeUndefined();
  });

  it('lets a plugin-declared co-op or internship through whatever the text says', () => {
    expect(seniorReason({ title: 'Senior Analyst Co-op', description: '', jobType: 'coop' })).toBeUndefined();
    expect(seniorReason({ title: 'Data', description: '5+ years of experience', jobType: 'internship' })).toBeUndefined();
    expect(seniorReason({ title: 'Senior Analyst', description: '', jobType: 'new_grad' })).toBeDefined();
  });

  it('names the rule and quotes the words in its reason', () => {
    expect(title('Senior Software Engineer')).toBe('senior role in title ("Senior")');
    expect(text('Minimum 5 years of experience.')).toBe('asks for 5+ years of experience ("5 years")');
  });
});
