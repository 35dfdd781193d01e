import { describe, expect, it } from 'vitest';
import { extractJsonLdJobPostings, jsonLdToPosting, parseHtmlDocument, validatePosting } from '../../src/index.js';

const script = (json: string, type = 'application/ld+json'): string => `<script type="${type}">${json}</script>`;
const page = (...blocks: string[]): string => `<!DOCTYPE html><html><head>${blocks.join('\n')}</head><body><h1>x</h1></body></html>`;

describe('extractJsonLdJobPostings', () => {
  it('finds a single JobPosting object', () => {
    const html = page(script('{"@context":"https://schema.org","@type":"JobPosting","title":"A"}'));
    expect(extractJsonLdJobPostings(html).map((j) => j.title)).toEqual(['A']);
  });

  it('finds postings in an array and in an @graph, ignoring other types', () => {
    const html = page(
      script('[{"@type":"Organization","name":"Org"},{"@type":"JobPosting","title":"B"}]'),
      script('{"@context":"https://schema.org","@graph":[{"@type":"WebSite"},{"@type":["JobPosting"],"title":"C"}]}'),
    );
    expect(extractJsonLdJobPostings(html).map((j) => j.title)).toEqual(['B', 'C']);
  });

  it('finds nested postings (mainEntity) and prefixed types', () => {
    const html = page(script('{"@type":"WebPage","mainEntity":{"@type":"http://schema.org/JobPosting","title":"D"}}'));
    expect(extractJsonLdJobPostings(html).map((j) => j.title)).toEqual(['D']);
  });

  it('skips a broken block without losing the others, and repairs common breakage', () => {
    const html = page(
      script('{"@type":"JobPosting", "title": "broken'),
      script('//<![CDATA[\n{"@type":"JobPosting","title":"E","description":"line 1\nline 2",}\n//]]>'),
      script('<!-- {"@type":"JobPosting","title":"F"} -->', 'application/ld+json; charset=utf-8'),
    );
    const found = extractJsonLdJobPostings(html);
    expect(found.map((j) => j.title)).toEqual(['E', 'F']);
    expect(found[0]!.description).toBe('line 1\nline 2');
  });

  it('accepts a linkedom document', () => {
    const doc = parseHtmlDocument(page(script('{"@type":"JobPosting","title":"G"}')));
    expect(extractJsonLdJobPostings(doc).map((j) => j.title)).toEqual(['G']);
  });

  it('returns [] when there is no JSON-LD', () => {
    expect(extractJsonLdJobPostings('<p>nothing</p>')).toEqual([]);
    expect(extractJsonLdJobPostings(page(script('{"@type":"Organization"}')))).toEqual([]);
  });
});

describe('jsonLdToPosting', () => {
  const full = {
    '@type': 'JobPosting',
    title: 'Environmental Technician &amp; Intern',
    description: '&lt;p&gt;Join us &amp;amp; grow.&lt;/p&gt;&lt;ul&gt;&lt;li&gt;Field work&lt;/li&gt;&lt;/ul&gt;&lt;script&gt;x()&lt;/script&gt;',
    datePosted: '2026-11-02',
    validThrough: '2026-12-04T23:59:00-05:00',
    employmentType: ['FULL_TIME', 'INTERN'],
    hiringOrganization: { '@type': 'Organization', name: ' Green  Co. ' },
    jobLocation: { '@type': 'Place', address: { '@type': 'PostalAddress', addressLocality: 'Calgary', addressRegion: 'Alberta', addressCountry: 'CA' } },
    baseSalary: { '@type': 'MonetaryAmount', currency: 'CAD', value: { '@type': 'QuantitativeValue', minValue: '22.50', maxValue: 26, unitText: 'HOUR' } },
    identifier: { '@type': 'PropertyValue', name: 'Green Co', value: 'GC-42' },
    skills: 'GIS, Field sampling',
  };

  it('maps every field it carries', () => {
    const p = jsonLdToPosting(full, { url: 'https://ecoworks.eco.ca/jobs/42' });
    expect(p).toEqual({
      title: 'Environmental Technician & Intern',
      companyName: 'Green Co.',
      originalUrl: 'https://ecoworks.eco.ca/jobs/42',
      externalId: 'GC-42',
      description: 'Join us & grow.\n\n- Field work',
      descriptionHtml: '<p>Join us &amp; grow.</p><ul><li>Field work</li></ul>',
      datePosted: '2026-11-02T05:00:00.000Z',
      applicationDeadline: '2026-12-05T04:59:00.000Z',
      jobType: 'internship',
      city: 'Calgary',
      province: 'AB',
      salaryMin: 22.5,
      salaryMax: 26,
      salaryPeriod: 'hour',
      withPay: true,
      requiredSkills: ['GIS', 'Field sampling'],
    });
    expect(validatePosting(p).ok).toBe(true);
  });

  it('handles remote, volunteer, monthly salary and string organisations', () => {
    const p = jsonLdToPosting({
      title: 'Helper',
      hiringOrganization: 'Food Bank',
      employmentType: 'VOLUNTEER',
      jobLocationType: 'TELECOMMUTE',
      baseSalary: { value: 1000, unitText: 'MONTH' },
      url: 'https://x.ca/v/1',
    });
    expect(p).toMatchObject({ title: 'Helper', companyName: 'Food Bank', locationType: 'remote', withPay: false, salaryMin: 12000, salaryMax: 12000, salaryPeriod: 'year', originalUrl: 'https://x.ca/v/1' });
  });

  it('leaves out what is missing or unreadable', () => {
    expect(jsonLdToPosting({ title: '  ', datePosted: 'soon', baseSalary: { value: { value: 5 } } })).toEqual({});
  });
});
