import { validatePosting } from '@pathfinder/sdk';
import { describe, expect, it } from 'vitest';
import { jobTypeFromLabel, mapCard, mapWindowJob, type MappingResult } from '../src/parse-job.js';

const URL = 'https://ecoworks.eco.ca/jobs/7';

function posting(r: MappingResult) {
  if (!r.ok) throw new Error(r.reason);
  const valid = validatePosting(r.posting);
  if (!valid.ok) throw new Error(valid.errors.join('; '));
  return r.posting;
}

const base = { title: 'GIS Intern', employer: { name: 'Acme', url: 'https://ecoworks.eco.ca/companies/acme' } };

describe('mapWindowJob', () => {
  it('maps the documented fields', () => {
    const r = mapWindowJob(
      {
        ...base,
        description: '<p>Map <b>wetlands</b>.</p><script>alert(1)</script><p><a href="https://x.ca" onclick="evil()">More</a></p>',
        location: 'Calgary, AB',
        min_compensation: '20.00',
        max_compensation: '24.50',
        compensation_currency: 'cad',
        compensation_time_frame: 'hourly',
        employmentType: 'FULL_TIME',
        job_type: { id: 4, title: 'Internship' },
        posted_at: '2026-03-02T15:04:05Z',
        validThrough: '2026-04-15T23:59:59Z',
      },
      { id: '7', url: URL },
    );
    const p = posting(r);
    expect(p).toMatchObject({
      title: 'GIS Intern',
      companyName: 'Acme',
      originalUrl: URL,
      externalId: '7',
      jobType: 'internship',
      city: 'Calgary',
      province: 'AB',
      withPay: true,
      salaryMin: 20,
      salaryMax: 24.5,
      salaryPeriod: 'hour',
      datePosted: '2026-03-02T15:04:05.000Z',
      applicationDeadline: '2026-04-15T23:59:59.000Z',
    });
    expect(p.description).toContain('Map wetlands.');
    expect(p.description).toContain('More');
    expect(p.description).not.toContain('alert');
    expect(p.descriptionHtml).toContain('<b>wetlands</b>');
    expect(p.descriptionHtml).not.toMatch(/script|alert|onclick|evil/i);
    expect(p.locationType).toBeUndefined();
    expect(r.notes).toEqual([]);
  });

  it('maps annual pay, co-op labels, remote and "Ontario, Canada" locations', () => {
    const annual = posting(
      mapWindowJob(
        { ...base, min_compensation: '60,000.00', max_compensation: '55000', compensation_currency: 'CAD',
          compensation_time_frame: 'Annually', job_type: { title: 'Co-op' }, location: 'Markham, Ontario, Canada' },
        { id: '7', url: URL },
      ),
    );
    expect(annual).toMatchObject({ salaryMin: 55000, salaryMax: 60000, salaryPeriod: 'year', jobType: 'coop', city: 'Markham', province: 'ON' });
    const remote = posting(mapWindowJob({ ...base, location: 'Remote' }, { id: '7', url: URL }));
    expect(remote.locationType).toBe('remote');
    expect(remote.city).toBeUndefined();
    expect(remote.withPay).toBeUndefined();
  });

  it('leaves non-CAD or non-hourly/annual pay unset but keeps withPay, with a note', () => {
    const usd = mapWindowJob(
      { ...base, min_compensation: '38.00', max_compensation: '45.00', compensation_currency: 'usd', compensation_time_frame: 'hourly' },
      { id: '7', url: URL },
    );
    const p = posting(usd);
    expect(p.withPay).toBe(true);
    expect(p.salaryMin ?? p.salaryMax ?? p.salaryPeriod).toBeUndefined();
    expect(usd.notes).toEqual([expect.objectContaining({ level: 'info', message: expect.stringContaining('USD') })]);

    const monthly = mapWindowJob(
      { ...base, min_compensation: '4000', compensation_currency: 'cad', compensation_time_frame: 'monthly' },
      { id: '7', url: URL },
    );
    expect(posting(monthly)).not.toHaveProperty('salaryMin');
    expect(monthly.notes[0]).toMatchObject({ level: 'warn' });
  });

  it('treats a missing currency as CAD and empty or zero amounts as no pay', () => {
    expect(posting(mapWindowJob({ ...base, max_compensation: '30', compensation_time_frame: 'hourly' }, { id: '7', url: URL })))
      .toMatchObject({ salaryMax: 30, salaryPeriod: 'hour', withPay: true });
    const none = posting(mapWindowJob({ ...base, min_compensation: '', max_compensation: '0.00', compensation_currency: null }, { id: '7', url: URL }));
    expect(none).not.toHaveProperty('withPay');
    expect(none).not.toHaveProperty('salaryMin');
  });

  it('takes INTERN from employmentType (string or array) and leaves other types to the pipeline', () => {
    expect(posting(mapWindowJob({ ...base, employmentType: ['FULL_TIME', 'INTERN'] }, { id: '7', url: URL })).jobType).toBe('internship');
    expect(posting(mapWindowJob({ ...base, employmentType: 'FULL_TIME', job_type: { title: 'Full-time' } }, { id: '7', url: URL })).jobType)
      .toBeUndefined();
    // The board's own label wins over schema.org's coarser employmentType.
    expect(posting(mapWindowJob({ ...base, employmentType: 'INTERN', job_type: { title: 'Co-op' } }, { id: '7', url: URL })).jobType).toBe('coop');
  });

  it('falls back to the card, ignores employer.url and decodes entities in names', () => {
    const card = { id: '7', title: 'Card title', companyName: 'Card Co', location: 'Regina, SK', jobTypeLabel: 'Co-op' };
    const p = posting(mapWindowJob({ employer: { url: 'https://ecoworks.eco.ca/companies/z' } }, { id: '7', url: URL, card }));
    expect(p).toMatchObject({ title: 'Card title', companyName: 'Card Co', city: 'Regina', province: 'SK', jobType: 'coop', description: '' });
    expect(posting(mapWindowJob({ title: 'R&amp;D  Intern', employer: { name: 'Soil &amp; Water' } }, { id: '7', url: URL })))
      .toMatchObject({ title: 'R&D Intern', companyName: 'Soil & Water' });
  });

  it('refuses a job without title or employer name', () => {
    expect(mapWindowJob({ employer: { name: 'Acme' } }, { id: '7', url: URL })).toMatchObject({ ok: false, reason: expect.stringContaining('title') });
    expect(mapWindowJob({ title: 'T', employer: { website: 'https://acme.ca' } }, { id: '7', url: URL })).toMatchObject({ ok: false });
  });

  it('reads double-escaped description HTML and odd values without throwing', () => {
    const p = posting(
      mapWindowJob(
        { ...base, description: '&lt;p&gt;Fish &amp;amp; wildlife&lt;/p&gt;&lt;script&gt;x()&lt;/script&gt;', location: 42,
          posted_at: 'not a date', validThrough: '', job_type: 'Internship', employmentType: 5, title: '  GIS\n Intern ' },
        { id: '7', url: URL },
      ),
    );
    expect(p.title).toBe('GIS Intern');
    expect(p.description).toBe('Fish & wildlife');
    expect(p.descriptionHtml).toBe('<p>Fish &amp; wildlife</p>');
    expect(p.jobType).toBe('internship');
    expect(p).not.toHaveProperty('datePosted');
    expect(p).not.toHaveProperty('applicationDeadline');
  });
});

describe('mapCard', () => {
  it('builds a posting from a listing card alone', () => {
    const p = posting(mapCard({ id: '9', title: 'Data Coordinator', companyName: 'Red River CA', jobTypeLabel: 'Co-op', location: 'Winnipeg, MB' }, URL));
    expect(p).toEqual({
      title: 'Data Coordinator', companyName: 'Red River CA', originalUrl: URL, externalId: '9', description: '',
      jobType: 'coop', city: 'Winnipeg', province: 'MB',
    });
    expect(mapCard({ id: '9', title: 'No company' }, URL).ok).toBe(false);
  });
});

describe('jobTypeFromLabel', () => {
  it.each([
    ['Co-op', 'coop'], ['co op', 'coop'], ['Coop', 'coop'], ['Co-operative education', 'coop'],
    ['Internship', 'internship'], ['Paid Intern', 'internship'], ['Stage', 'internship'],
    ['Full-time', undefined], ['Contract', undefined], ['Junior', undefined], ['Cooperation lead', undefined], [undefined, undefined],
  ])('%s -> %s', (label, expected) => {
    expect(jobTypeFromLabel(label)).toBe(expected);
  });
});
