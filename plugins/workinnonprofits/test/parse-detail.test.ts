import { parseHtmlDocument } from '@pathfinder/sdk';
import { describe, expect, it } from 'vitest';
import { jobTypeOf, parseDetailPage } from '../src/parse-detail.js';

const URL_E = 'https://workinnonprofits.ca/jobs/view/1/E/x';
// The page source, as the crawl hands it over (res.text).
const doc = (head: string, body: string, lang = 'en') =>
  `<!DOCTYPE html><html lang="${lang}"><head>${head}</head><body><div class="view_job">${body}</div></body></html>`;
const ld = (o: object) => `<script type="application/ld+json">${JSON.stringify({ '@context': 'https://schema.org', '@type': 'JobPosting', ...o })}</script>`;

describe('parseDetailPage', () => {
  it('takes title, organisation, dates and employment type from JSON-LD over the HTML', () => {
    const d = parseDetailPage(
      doc(
        ld({ title: 'Grants &amp; Programs Officer', datePosted: '2026-03-02', validThrough: '2026-03-31', employmentType: ['INTERN', 'part-time'], hiringOrganization: { name: 'Org LD' } }) +
          '<meta property="article:published_time" content="2026-01-01T00:00:00Z">',
        '<h1 class="vj_title">HTML title</h1><div class="vj_orgname">Org HTML</div><div class="vj_desc"><p>Body</p></div>',
      ),
      { url: URL_E },
    );
    expect(d.hasJsonLd).toBe(true);
    expect(d.employmentTypes).toEqual(['INTERN', 'PART_TIME']);
    expect(d.fields).toMatchObject({
      title: 'Grants & Programs Officer',
      companyName: 'Org LD',
      datePosted: '2026-03-02T05:00:00.000Z',
      applicationDeadline: '2026-03-31T04:00:00.000Z',
      jobType: 'internship',
      description: 'Body',
    });
  });

  it('falls back to the HTML fields and the published_time meta without JSON-LD', () => {
    const d = parseDetailPage(
      doc(
        '<meta property="article:published_time" content=" 2026-03-04T10:30:00-05:00 ">',
        `<h1 class="vj_title">\n Outreach&nbsp;Worker </h1><div class="vj_orgname"><a href="/o">Cape Breton &amp; Area</a></div>
         <div class="vj_loc"><b>Location:</b> Sydney, Nova Scotia</div><div class="vj_type"><b>Type:</b> Full Time</div>
         <div class="vj_sal"><strong>Salary:</strong> $25.64 to $29.86 per hour</div>`,
      ),
      { url: URL_E },
    );
    expect(d.hasJsonLd).toBe(false);
    expect(d.employmentTypes).toEqual([]);
    expect(d.fields).toEqual({
      title: 'Outreach Worker',
      companyName: 'Cape Breton & Area',
      description: '',
      datePosted: '2026-03-04T15:30:00.000Z',
      city: 'Sydney',
      province: 'NS',
      salaryMin: 25.64,
      salaryMax: 29.86,
      salaryPeriod: 'hour',
    });
  });

  it('uses the JSON-LD description only when .vj_desc is empty, and appends how to apply', () => {
    const d = parseDetailPage(
      doc(ld({ title: 'T', description: '&lt;p&gt;From &lt;b&gt;JSON-LD&lt;/b&gt;&lt;/p&gt;' }), '<div class="vj_desc">  </div><div class="vj_appinst"><p>Email us.</p></div>'),
      { url: URL_E },
    );
    expect(d.fields.description).toBe('From JSON-LD\n\nHow to apply:\n\nEmail us.');
    expect(d.fields.descriptionHtml).toBe('<p>From <b>JSON-LD</b></p><h3>How to apply</h3><p>Email us.</p>');
  });

  it('labels the instructions in French on a French page', () => {
    const d = parseDetailPage(doc('', '<div class="vj_desc"><p>Texte</p></div><div class="vj_appinst">Écrivez-nous.</div>', 'fr-CA'), {
      url: 'https://workinnonprofits.ca/jobs/view/1/F/x',
    });
    expect(d.fields.description).toBe('Texte\n\nPour postuler :\n\nÉcrivez-nous.');
  });

  it('strips Word markup from the description and its HTML', () => {
    const word = `<div class="vj_desc"><!--[if gte mso 9]><xml><w:WordDocument><w:View>Normal</w:View></w:WordDocument></xml><![endif]-->
      <p class=MsoNormal style="mso-line-height-alt:normal">Based in <st1:place w:st="on"><st1:City w:st="on">Halifax</st1:City></st1:place><o:p>&nbsp;</o:p></p>
      <p class=MsoListParagraphCxSpFirst style="mso-list:l0 level1 lfo1"><![if !supportLists]><span style="font-family:Symbol">·<span>&nbsp;&nbsp; </span></span><![endif]>First duty<o:p></o:p></p>
      <v:shape id="i1" style="width:1pt"><v:imagedata src="file:///C:/x/clip_image001.png"/></v:shape></div>`;
    const d = parseDetailPage(doc('', word), { url: URL_E });
    expect(d.fields.description).toBe('Based in Halifax\n\n- First duty');
    expect(d.fields.descriptionHtml).not.toMatch(/mso|Mso|o:p|st1|xml|clip_image|·|style=|class=/);
    expect(d.fields.descriptionHtml).toContain('Halifax');
  });

  it('reads a .vj_loc split by <br>, remote or international', () => {
    const loc = (html: string) => parseDetailPage(doc('', `<div class="vj_loc">${html}</div>`), { url: URL_E }).fields;
    expect(loc('Toronto, Ontario<br>Hybrid - 3 days a week in the office')).toMatchObject({ city: 'Toronto', province: 'ON', locationType: 'hybrid' });
    expect(loc('Wolfville,<br/>\n   Nova Scotia')).toMatchObject({ city: 'Wolfville', province: 'NS' });
    expect(loc('Work From Home - From Anywhere')).toEqual({ description: '', locationType: 'remote' });
    expect(loc('International')).toEqual({ description: '' });
    expect(loc('Ottawa (Ontario)')).toMatchObject({ city: 'Ottawa', province: 'ON' });
  });

  it('reads salaries tolerantly and ignores text without an amount', () => {
    const sal = (text: string) => parseDetailPage(doc('', `<div class="vj_sal">${text}</div>`), { url: URL_E }).fields;
    expect(sal('$48,000 to $52,000 per year')).toMatchObject({ salaryMin: 48000, salaryMax: 52000, salaryPeriod: 'year' });
    expect(sal('Salary: $30.00 to $25.00 per hour')).toMatchObject({ salaryMin: 25, salaryMax: 30, salaryPeriod: 'hour' });
    expect(sal('Volunteer')).not.toHaveProperty('salaryMin');
    expect(sal('')).not.toHaveProperty('salaryMin');
  });

  it('returns an empty reading for a page with none of the expected parts', () => {
    const d = parseDetailPage(parseHtmlDocument('<html><body><h1>Sorry, this job is no longer available.</h1></body></html>'), { url: URL_E });
    expect(d).toEqual({ fields: { description: '' }, employmentTypes: [], hasJsonLd: false });
  });

  it('survives a broken JSON-LD block next to a good one', () => {
    const d = parseDetailPage(
      doc('<script type="application/ld+json">{"@type": "JobPosting", "title": </script>' + ld({ title: 'Good', employmentType: 'VOLUNTEER' }), ''),
      { url: URL_E },
    );
    expect(d.fields.title).toBe('Good');
    expect(d.employmentTypes).toEqual(['VOLUNTEER']);
  });
});

describe('jobTypeOf', () => {
  it('sets only what the site states', () => {
    expect(jobTypeOf(['INTERN'], '')).toBe('internship');
    expect(jobTypeOf([], 'Internship, Part Time (16 weeks)')).toBe('internship');
    expect(jobTypeOf([], 'Stage rémunéré')).toBe('internship');
    expect(jobTypeOf([], 'Co-op placement')).toBe('coop');
    expect(jobTypeOf(['FULL_TIME'], 'Full Time, Permanent')).toBeUndefined();
    expect(jobTypeOf([], 'International development')).toBeUndefined();
  });
});
