import { validatePosting, type JobPosting } from '@pathfinder/sdk';
import { describe, expect, it } from 'vitest';
import { cleanDescription, cleanLabel, normalizeStage, toUtcIso } from '../../src/pipeline/normalize.js';
import { StageError } from '../../src/pipeline/stage-error.js';

const base: JobPosting = { title: 'Analyst', companyName: 'Acme', originalUrl: 'https://acme.ca/jobs/1', description: 'Hello.' };

describe('cleanLabel (titles and company names)', () => {
  it.each([
    ['  Data&nbsp;Analyst  ', 'Data Analyst'],
    ['Data Analyst - ', 'Data Analyst'],
    [' – Data Analyst | ', 'Data Analyst'],
    ['"Data Analyst"', 'Data Analyst'],
    ['“Analyste de données”', 'Analyste de données'],
    ['« Analyste »', 'Analyste'],
    ["'Data Analyst'", 'Data Analyst'],
    ['"Big" Data "Role"', '"Big" Data "Role"'],
    ['AT&amp;T', 'AT&T'],
    ['R&amp;amp;D Intern', 'R&D Intern'],
    ['Caf&eacute; Manager&#146;s Aide', 'Café Manager’s Aide'],
    ['<b>Marketing</b> <i>Intern</i>', 'Marketing Intern'],
    ['SOFTWARE DEVELOPER', 'SOFTWARE DEVELOPER'], // case is the plugin's business
    ['Analyst (Co-op)', 'Analyst (Co-op)'],
    ['C++ Developer', 'C++ Developer'],
    ['\u200bAnalyst\ufeff', 'Analyst'],
  ])('%j -> %j', (input, expected) => {
    expect(cleanLabel(input)).toBe(expected);
  });
});

describe('cleanDescription', () => {
  it('turns HTML into paragraph text', () => {
    const html = '<p>We&#146;re hiring!</p><ul><li>Pay&nbsp;: $20/h</li><li>Mentoring</li></ul><p>Apply   now</p>';
    expect(cleanDescription(html)).toBe('We’re hiring!\n\n- Pay : $20/h\n- Mentoring\n\nApply now');
  });

  it('strips Word markup', () => {
    const word = '<!--[if gte mso 9]><xml><w:WordDocument><w:View>Normal</w:View></w:WordDocument></xml><![endif]-->'
      + '<p class="MsoNormal">Responsibilities<o:p>&nbsp;</o:p></p><p class="MsoNormal"><st1:City>Halifax</st1:City> office</p>';
    expect(cleanDescription(word)).toBe('Responsibilities\n\nHalifax office');
  });

  it('removes Word settings pasted as text', () => {
    const pasted = 'Normal 0 false false false EN-CA X-NONE X-NONE MicrosoftInternetExplorer4 /* Style Definitions */ table.MsoNormalTable {mso-style-name:"Table Normal";} Join our team.';
    expect(cleanDescription(pasted)).toBe('Join our team.');
  });

  it('unescapes entity-escaped HTML', () => {
    expect(cleanDescription('&lt;p&gt;One&lt;/p&gt;&lt;p&gt;Two&lt;/p&gt;')).toBe('One\n\nTwo');
  });

  it('keeps plain text paragraphs and decodes entities', () => {
    expect(cleanDescription('Line&nbsp;one  \r\n\r\n\r\n\u00a0Line two &amp; more')).toBe('Line one\n\nLine two & more');
  });

  it('uses descriptionHtml when the text is empty', () => {
    expect(cleanDescription('  ', '<p>From <b>HTML</b></p>')).toBe('From HTML');
  });

  it('does not treat a lone "<" as HTML', () => {
    expect(cleanDescription('Salary < $50k & > $40k')).toBe('Salary < $50k & > $40k');
  });
});

describe('toUtcIso', () => {
  const now = new Date('2026-11-01T12:00:00Z');
  it.each([
    ['2026-12-04T05:00:00Z', '2026-12-04T05:00:00.000Z'],
    ['2026-12-04T05:00:00.5Z', '2026-12-04T05:00:00.500Z'],
    ['2026-02-30T00:00:00Z', undefined], // impossible day
    ['December 4, 2026', '2026-12-04T05:00:00.000Z'], // local midnight in Toronto
    ['2026-07-01', '2026-07-01T04:00:00.000Z'],
    ['closes in 3 days', '2026-11-04T05:00:00.000Z'], // EST: DST ended on Nov 1
    ['not a date', undefined],
    ['', undefined],
  ])('%j -> %j', (input, expected) => {
    expect(toUtcIso(input, now)).toBe(expected);
  });

  it('drops non-strings', () => {
    expect(toUtcIso(undefined)).toBeUndefined();
    expect(toUtcIso(12 as unknown)).toBeUndefined();
  });
});

describe('normalizeStage', () => {
  it('cleans every field and stays schema-valid', () => {
    const nasty: JobPosting = {
      title: '  "Junior&nbsp;Analyst" - ',
      companyName: ' Ville de Montr&eacute;al ',
      originalUrl: 'HTTPS://Jobs.Example.CA/Job/View?utm_source=x&id=42#apply',
      externalId: '  42 ',
      description: '<p>Bonjour&nbsp;!</p><p>Salaire&nbsp;: 25&nbsp;$/h</p>',
      descriptionHtml: '  <p>Bonjour !</p>  ',
      city: 'SAINT-JEAN-SUR-RICHELIEU',
      province: 'QC',
      salaryMin: 30,
      salaryMax: 25,
      salaryPeriod: 'year',
      applicationDeadline: '2026-12-04T05:00:00Z',
      requiredSkills: [' SQL ', 'sql', 'Excel', '\u00a0'],
      requiredMajors: ['Finance'],
      minimumGpa: 3,
      withPay: true,
      jobType: 'new_grad',
    };
    const out = normalizeStage(nasty);
    expect(out).toEqual({
      title: 'Junior Analyst',
      companyName: 'Ville de Montréal',
      originalUrl: 'https://jobs.example.ca/Job/View?id=42',
      externalId: '42',
      description: 'Bonjour !\n\nSalaire : 25 $/h',
      descriptionHtml: '<p>Bonjour !</p>',
      city: 'Saint-Jean-sur-Richelieu',
      province: 'QC',
      salaryMin: 25,
      salaryMax: 30,
      salaryPeriod: 'hour',
      applicationDeadline: '2026-12-04T05:00:00.000Z',
      requiredSkills: ['SQL', 'Excel'],
      requiredMajors: ['Finance'],
      minimumGpa: 3,
      withPay: true,
      jobType: 'new_grad',
    });
    expect(validatePosting(out).ok).toBe(true);
  });

  it('splits a compound city and takes the location type from it', () => {
    expect(normalizeStage({ ...base, city: 'Hybrid - Toronto, Ontario' })).toMatchObject({ city: 'Toronto', province: 'ON', locationType: 'hybrid' });
    const remote = normalizeStage({ ...base, city: 'Remote' });
    expect(remote.locationType).toBe('remote');
    expect(remote.city).toBeUndefined();
    expect(normalizeStage({ ...base, city: 'Remote', locationType: 'onsite' }).locationType).toBe('onsite');
  });

  it('moves a province written in the city field', () => {
    const out = normalizeStage({ ...base, city: 'Nouvelle-Écosse' });
    expect(out.province).toBe('NS');
    expect(out.city).toBeUndefined();
  });

  it('maps province names to codes and drops invalid ones (loose input)', () => {
    expect(normalizeStage({ ...base, province: 'Québec' as never }).province).toBe('QC');
    expect(normalizeStage({ ...base, province: 'british columbia' as never }).province).toBe('BC');
    expect(normalizeStage({ ...base, province: 'on' as never }).province).toBe('ON');
    expect(normalizeStage({ ...base, province: 'Texas' as never }).province).toBeUndefined();
  });

  it('keeps a mixed-case city as written', () => {
    expect(normalizeStage({ ...base, city: ' St. John’s ' }).city).toBe('St. John’s');
    expect(normalizeStage({ ...base, city: "ST. JOHN'S" }).city).toBe("St. John's");
    expect(normalizeStage({ ...base, city: "L'ASSOMPTION" }).city).toBe("L'Assomption");
    expect(normalizeStage({ ...base, city: 'NIAGARA-ON-THE-LAKE' }).city).toBe('Niagara-on-the-Lake');
  });

  it('removes empty optional fields', () => {
    const out = normalizeStage({ ...base, externalId: ' \u00a0', city: '  ', descriptionHtml: ' ' });
    expect(Object.keys(out).sort()).toEqual(['companyName', 'description', 'originalUrl', 'title']);
  });

  it('rejects a title that is empty once cleaned', () => {
    let error: unknown;
    try {
      normalizeStage({ ...base, title: '&nbsp; - ' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StageError);
    expect(error).toMatchObject({ stage: 'normalize', code: 'PF_ERR_POSTING_INVALID', errors: ['title: is empty once normalised'] });
  });

  it('wraps an unexpected failure with the stage name and its cause', () => {
    const boom = new Error('boom');
    const evil = { ...base, get title(): string { throw boom; } };
    try {
      normalizeStage(evil);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(StageError);
      expect(e).toMatchObject({ stage: 'normalize', code: 'PF_ERR_PIPELINE_STAGE', cause: boom });
      expect((e as Error).message).toContain('"normalize"');
    }
  });

  it('does not mutate its input', () => {
    const input: JobPosting = { ...base, title: ' x ', requiredSkills: [' a '] };
    normalizeStage(input);
    expect(input).toEqual({ ...base, title: ' x ', requiredSkills: [' a '] });
  });
});
