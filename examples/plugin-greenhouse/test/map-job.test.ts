import { validatePosting } from '@pathfinder/sdk';
import { describe, expect, it } from 'vitest';
import { mapGreenhouseJob, type MappedJob } from '../src/map-job.js';

const base = { id: 7, title: 'Data Intern', absolute_url: 'https://boards.greenhouse.io/acme/jobs/7' };

function posting(r: MappedJob) {
  if (!r.ok) throw new Error(r.reason);
  const valid = validatePosting(r.posting);
  if (!valid.ok) throw new Error(valid.errors.join('; '));
  return r.posting;
}

describe('mapGreenhouseJob', () => {
  it('falls back to company_name, then to the board token', () => {
    expect(posting(mapGreenhouseJob({ ...base, company_name: 'Acme &amp; Sons' }, { board: 'acme' })).companyName).toBe('Acme & Sons');
    expect(posting(mapGreenhouseJob(base, { board: 'acme' })).companyName).toBe('acme');
    expect(posting(mapGreenhouseJob({ ...base, company_name: 'Acme' }, { board: 'acme', companyName: ' Acme Corp ' })).companyName).toBe('Acme Corp');
  });

  it('decodes escaped content exactly once', () => {
    // The company wrote "&lt;tag&gt;" as text; the API escaped it again.
    const p = posting(mapGreenhouseJob({ ...base, content: '&lt;p&gt;Use the &amp;lt;canvas&amp;gt; element&lt;/p&gt;' }, { board: 'acme' }));
    expect(p.descriptionHtml).toBe('<p>Use the &lt;canvas&gt; element</p>');
    expect(p.description).toBe('Use the <canvas> element');
  });

  it('refuses entries without a title or an http(s) link, and odd shapes', () => {
    expect(mapGreenhouseJob(null, { board: 'a' })).toEqual({ ok: false, reason: 'a job entry is not an object' });
    expect(mapGreenhouseJob([1], { board: 'a' }).ok).toBe(false);
    expect(mapGreenhouseJob({ ...base, title: '  ' }, { board: 'a' })).toMatchObject({ ok: false, reason: 'job 7 has no title' });
    expect(mapGreenhouseJob({ ...base, absolute_url: 'javascript:alert(1)' }, { board: 'a' }).ok).toBe(false);
    expect(mapGreenhouseJob({ ...base, absolute_url: '/jobs/7' }, { board: 'a' }).ok).toBe(false);
  });

  it('tolerates missing, null and wrongly typed fields', () => {
    const p = posting(
      mapGreenhouseJob({ ...base, id: undefined, location: { name: 42 }, updated_at: 'not a date', first_published: '', content: 5 } as never, { board: 'a' }),
    );
    expect(p).toEqual({ title: 'Data Intern', companyName: 'a', originalUrl: 'https://boards.greenhouse.io/acme/jobs/7', description: '' });
    expect(posting(mapGreenhouseJob({ ...base, location: null }, { board: 'a' }))).not.toHaveProperty('city');
  });

  it('clamps an over-long title', () => {
    expect(posting(mapGreenhouseJob({ ...base, title: 'x'.repeat(400) }, { board: 'a' })).title).toHaveLength(300);
  });
});
