/**
 * Inputs built to make text helpers slow: each repeats a fragment that once sent a regex or a
 * parser into quadratic (or worse) work, out to a given length. Shared by the time-bound
 * regression test (`sdk/test/helpers/hostile-input.test.ts`) and `npm run bench:sanitize`.
 */
export function repeatTo(fragment: string, length: number): string {
  return fragment.repeat(Math.ceil(length / fragment.length)).slice(0, length);
}

/** Name -> hostile text of `length` characters. */
export function hostileInputs(length: number): Record<string, string> {
  const r = (fragment: string, around = 0): string => repeatTo(fragment, length - around);
  const half = Math.floor(length / 2);
  return {
    'mso-list ignore spans': r('<span mso-list: ignore'),
    'mso-list ignore, closed tags': r('<span style="mso-list:ignore">x'),
    'ignore span, nested spans': `<span style="mso-list:ignore">${r('<span>a</span>', 30)}`,
    'run of <': r('<'),
    'run of </': r('</'),
    'partial tags': r('<p class="'),
    'nested unclosed tags': r('<span><b><i>'),
    'nested lists': r('<ul><li>'),
    'stray end tags': repeatTo('<b>', half) + repeatTo('</i>', length - half),
    'conditional comment starts': r('<!--[if '),
    'downlevel conditional starts': r('<![if '),
    'conditional comment, no end': r('<!--[if x]-->'),
    'xml islands, no end': r('<xml>'),
    'office tags, no >': r('<v:a'),
    'office elements, no end': r('<w:a>'),
    'o:p, no end': r('<o:p>'),
    'script ld+json, no end': r('<script type="application/ld+json">'),
    'script tags, no >': r('<script type=application/ld+json'),
    'runs of &#': r('&#'),
    'numeric references': r('&#12345'),
    'made-up named references': Array.from({ length: Math.ceil(length / 8) }, (_, i) => `&x${i.toString(36)};`).join('').slice(0, length),
    'escaped tags': r('&lt;p '),
    'double-escaped tags': r('&amp;lt;p'),
    'whitespace': r(' \n\t'),
    'non-breaking spaces': r('\u00a0 '),
    'blank lines': r('\n\n\n'),
    'digits': r('1'),
    'thousands': r('1,000 '),
    'salary-like': r('$1 to $2 per hour '),
    'date-like': r('December 4, 2026 '),
    'date label, long': `${r('a ', 18)}: December 4, 2026`,
    'rss items, no end': r('<item>'),
    'rss items, no >': r('<item '),
    'atom entries with titles': r('<entry><title>'),
    'sitemap urls, no end': r('<url><loc>'),
    'cdata starts': r('<![CDATA['),
    'attributes': `<item${r(' a="b"', 6)}>`,
    'open quotes': `<item${r(' a="', 6)}>`,
    'json newlines': `{"a":"${r('x\n', 7)}"`,
    'json commas': r(',\n'),
    'location separators': r(' - '),
    'word runs': r('ab'),
  };
}

/** A realistic posting of about `length` characters: paragraphs, lists, links, Word list markup. */
export function normalPostingHtml(length: number): string {
  const block = '<p class=MsoNormal><b>About the role</b></p>\n<p>We are hiring a <em>Junior Data Analyst</em> in Halifax, NS &amp; remote. '
    + 'You will build reports, clean data and present findings to the team.</p>\n<ul><li>Pay: $25.64 to $29.86 per hour</li>'
    + '<li>Mentoring from senior analysts</li><li>Apply by <a href="https://example.ca/apply">December 4, 2026</a></li></ul>\n'
    + "<p class=MsoListParagraph style='mso-list:l0 level1 lfo1'><!--[if !supportLists]--><span style='mso-list:Ignore'>·<span>&nbsp;&nbsp;</span></span><!--[endif]-->Teamwork<o:p></o:p></p>\n";
  return repeatTo(block, length);
}
