import { parseHtmlDocument } from '@pathfinder/sdk';
import { describe, expect, it } from 'vitest';
import { readMarkup, stripWordListBullets } from '../src/parse-markup.js';
import { FALLBACK_COMPANY, parsePostingPage } from '../src/parse-posting.js';

const URL_ = 'https://www.careeredge.ca/job/test-slug/';
const NOW = new Date('2026-04-15T12:00:00Z');

function parse(html: string) {
  return parsePostingPage(parseHtmlDocument(html), { url: URL_, now: NOW });
}

function ld(o: object): string {
  return `<script type="application/ld+json">${JSON.stringify(o)}</script>`;
}

function ok(html: string) {
  const r = parse(html);
  if (!r.ok) throw new Error(`expected a posting, got: ${r.reason}`);
  return r.posting;
}

describe('readMarkup', () => {
  it('takes the entry title, not the site title in the header', () => {
    const doc = parseHtmlDocument(
      '<html><body><header><h1 class="site-title">Career Edge</h1></header><main><article><h1 class="entry-title">\n  Data&nbsp;Intern &#8211; Toronto </h1><div class="entry-content"><p>Body</p></div></article></main></body></html>',
    );
    expect(readMarkup(doc).title).toBe('Data Intern – Toronto');
  });

  it('falls back from .entry-content to article to main, dropping page furniture', () => {
    const doc = parseHtmlDocument(
      '<html><body><main><nav>Home | Jobs</nav><h1>Title</h1><form>Search</form><p>The real text.</p><script>track()</script><aside>Related</aside></main></body></html>',
    );
    const m = readMarkup(doc);
    expect(m.title).toBe('Title');
    expect(m.contentHtml).toContain('The real text.');
    expect(m.contentHtml).not.toMatch(/Home \| Jobs|Search|track\(\)|Related|<h1>/);
  });

  it('skips an empty .entry-content for the next container', () => {
    const doc = parseHtmlDocument(
      '<html><body><article><h1>T</h1><div class="entry-content">  &nbsp; </div><p>Outside the entry div</p></article></body></html>',
    );
    expect(readMarkup(doc).contentHtml).toContain('Outside the entry div');
  });

  it('does not modify the document it reads', () => {
    const doc = parseHtmlDocument('<html><body><main><nav>Nav</nav><h1>T</h1><p>x</p></main></body></html>');
    readMarkup(doc);
    expect(doc.querySelector('main nav')).not.toBeNull();
  });

  it('reads og:title when there is no h1, and article:published_time', () => {
    const doc = parseHtmlDocument(
      '<html><head><meta property="og:title" content=" Analyst &amp; Writer "><meta property="article:published_time" content=" 2026-01-05T10:00:00+00:00 "></head><body></body></html>',
    );
    expect(readMarkup(doc)).toEqual({ title: 'Analyst & Writer', publishedTime: '2026-01-05T10:00:00+00:00' });
  });
});

describe('stripWordListBullets', () => {
  it('removes the comment-closed Word bullet and keeps the item text', () => {
    const html =
      '<p class="MsoListParagraph"><!--[if !supportLists]--><span style="font-family:Symbol">·<span>&nbsp;&nbsp; </span></span><!--[endif]-->Excel<o:p></o:p></p>';
    expect(stripWordListBullets(html)).toBe('<p class="MsoListParagraph">Excel<o:p></o:p></p>');
  });

  it('leaves other comments and HTML alone', () => {
    expect(stripWordListBullets('<p><!-- note -->· dot</p>')).toBe('<p><!-- note -->· dot</p>');
  });
});

describe('parsePostingPage', () => {
  it('refuses a page with neither a JSON-LD title nor a heading', () => {
    const r = parse('<html><body><p>Just text</p></body></html>');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/no JobPosting/);
  });

  it('makes a minimal valid posting from a bare heading', () => {
    expect(ok('<html><body><h1>Analyst</h1></body></html>')).toEqual({
      title: 'Analyst',
      companyName: FALLBACK_COMPANY,
      originalUrl: URL_,
      externalId: 'test-slug',
      description: '',
      jobType: 'internship',
      withPay: true,
    });
  });

  it('overrides what JSON-LD says about job type and pay: every role is a paid internship', () => {
    const p = ok(ld({ '@type': 'JobPosting', title: 'Volunteer Guide', employmentType: 'VOLUNTEER', hiringOrganization: 'Museum' }));
    expect(p).toMatchObject({ jobType: 'internship', withPay: true, companyName: 'Museum' });
  });

  it('decodes entities and tidies whitespace in JSON-LD titles and company names', () => {
    const p = ok(
      ld({ '@type': 'JobPosting', title: '  Data&nbsp;&amp;&nbsp;AI\n\tIntern &#8211; R&amp;D ', hiringOrganization: { name: 'Smith &amp; Sons&#8217; Co.' } }),
    );
    expect(p.title).toBe('Data & AI Intern – R&D');
    expect(p.companyName).toBe('Smith & Sons’ Co.');
  });

  it('truncates an over-long title to the schema limit instead of dropping the posting', () => {
    expect(ok(ld({ '@type': 'JobPosting', title: 'A'.repeat(450) })).title).toHaveLength(300);
  });

  it('uses the h1 when the JSON-LD has no title, and the page content when it has no description', () => {
    const p = ok(
      `<html><head>${ld({ '@type': 'JobPosting', description: '   ', hiringOrganization: { name: 'Org' } })}</head>` +
        '<body><article><h1 class="entry-title">From the heading</h1><div class="entry-content"><p>From the <b>page</b>.</p><script>x()</script></div></article></body></html>',
    );
    expect(p).toMatchObject({ title: 'From the heading', companyName: 'Org', description: 'From the page.' });
    expect(p.descriptionHtml).toBe('<p>From the <b>page</b>.</p>');
  });

  it('prefers the JSON-LD description over the page content', () => {
    const p = ok(
      `<html><head>${ld({ '@type': 'JobPosting', title: 'T', description: '<p>From JSON-LD</p>' })}</head>` +
        '<body><div class="entry-content"><p>Teaser only</p></div></body></html>',
    );
    expect(p.description).toBe('From JSON-LD');
  });

  it('reads labelled lines when JSON-LD is silent, including a remote location', () => {
    const p = ok(
      '<html><body><h1>Intern</h1><div class="entry-content"><p><strong>Employer:</strong> North Co.</p><p>Location: Remote - Canada</p>' +
        '<p>Salary: $48,000 to $52,000 per year</p><p>Apply by: June 1, 2026</p></div></body></html>',
    );
    expect(p).toMatchObject({
      companyName: 'North Co.',
      locationType: 'remote',
      salaryMin: 48000,
      salaryMax: 52000,
      salaryPeriod: 'year',
      applicationDeadline: '2026-06-01T04:00:00.000Z',
    });
  });

  it('does not let a page line override what the JSON-LD states', () => {
    const p = ok(
      `<html><head>${ld({
        '@type': 'JobPosting',
        title: 'T',
        hiringOrganization: { name: 'LD Org' },
        jobLocation: { address: { addressLocality: 'Ottawa', addressRegion: 'ON' } },
        baseSalary: { value: { value: 20, unitText: 'HOUR' } },
      })}</head><body><div class="entry-content"><p>Organization: Page Org</p><p>Location: Calgary, AB</p><p>Stipend: $30 per hour</p></div></body></html>`,
    );
    expect(p).toMatchObject({ companyName: 'LD Org', city: 'Ottawa', province: 'ON', salaryMin: 20 });
  });

  it('ignores unparsable dates and labels it cannot read', () => {
    const p = ok(
      `<html><head><meta property="article:published_time" content="sometime soon">${ld({ '@type': 'JobPosting', title: 'T', datePosted: 'N/A', validThrough: '' })}</head>` +
        '<body><div class="entry-content"><p>Deadline: when filled</p><p>Location: TBD</p><p>Stipend: competitive</p></div></body></html>',
    );
    expect(p.datePosted).toBeUndefined();
    expect(p.applicationDeadline).toBeUndefined();
    expect(p.salaryMin).toBeUndefined();
    expect(p.province).toBeUndefined();
  });

  it('falls back to the slug when the identifier is empty, and to nothing when the URL has no path', () => {
    expect(ok(ld({ '@type': 'JobPosting', title: 'T', identifier: { value: '' } })).externalId).toBe('test-slug');
    const r = parsePostingPage(parseHtmlDocument('<h1>T</h1>'), { url: 'https://www.careeredge.ca/' });
    expect(r.ok && r.posting.externalId).toBeUndefined();
  });

  it('turns Word markup in the page content into clean text', () => {
    const p = ok(
      '<html><body><h1>T</h1><div class="entry-content"><!--[if gte mso 9]><xml><w:WordDocument></w:WordDocument></xml><![endif]-->' +
        '<p class="MsoNormal"><span style="mso-bidi-font-family:Calibri">Join <st1:City w:st="on">Halifax</st1:City> staff.<o:p></o:p></span></p>' +
        '<p class="MsoListParagraphCxSpFirst"><!--[if !supportLists]--><span>·<span>&nbsp;&nbsp; </span></span><!--[endif]-->Excel<o:p></o:p></p></div></body></html>',
    );
    expect(p.description).toBe('Join Halifax staff.\n\n- Excel');
    expect(p.descriptionHtml).not.toMatch(/mso|o:p|st1|·/i);
  });
});
