import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBoardPage } from '../src/parse-board-page.js';

// `</` is escaped as JSON allows, so a description holding `</script>` cannot end the block early.
const page = (ld: string, body = '<div class="sc-x1 aBcDe">Hashed markup text</div>') =>
  `<!DOCTYPE html><html><head><script type="application/ld+json">${ld.replaceAll('</', '<\\/')}</script></head><body>${body}</body></html>`;

const fixture = (name: string) =>
  readFileSync(new URL(`./fixtures/site/board/jobs/${name}.html`, import.meta.url), 'utf8');

describe('parseBoardPage', () => {
  it('reads description and sanitised HTML from a JSON-LD JobPosting', () => {
    const r = parseBoardPage(page(JSON.stringify({
      '@context': 'https://schema.org', '@type': 'JobPosting', title: 'Intern',
      description: '<p>Build things.</p><ul><li>Python</li></ul><script>alert(1)</script>',
    })));
    expect(r?.description).toContain('Build things.');
    expect(r?.description).toContain('Python');
    expect(r?.description).not.toContain('alert');
    expect(r?.descriptionHtml).toContain('<p>Build things.</p>');
    expect(r?.descriptionHtml).not.toContain('script');
  });

  it('decodes an entity-escaped description', () => {
    const r = parseBoardPage(page(JSON.stringify({ '@type': 'JobPosting', title: 'Intern', description: '&lt;p&gt;Tom &amp;amp; Jerry&lt;/p&gt;' })));
    expect(r?.description).not.toMatch(/&lt;|<p>/);
    expect(r?.description).toContain('Tom');
  });

  it('finds the posting in an @graph and after a broken JSON-LD block', () => {
    const graph = JSON.stringify({ '@graph': [{ '@type': 'Organization', name: 'X' }, { '@type': 'JobPosting', title: 'Intern', description: '<p>In a graph.</p>' }] });
    const html = page('{"@type": "WebSite",}') .replace('</head>', `<script type="application/ld+json">${graph}</script></head>`);
    expect(parseBoardPage(html)?.description).toBe('In a graph.');
  });

  it('prefers the posting whose title matches when the page has several', () => {
    const ld = JSON.stringify([
      { '@type': 'JobPosting', title: 'Other Role', description: '<p>Not this one.</p>' },
      { '@type': 'JobPosting', title: 'Data  Intern', description: '<p>This one.</p>' },
    ]);
    expect(parseBoardPage(page(ld), { expectedTitle: 'data intern' })?.description).toBe('This one.');
    expect(parseBoardPage(page(ld))?.description).toBe('Not this one.');
  });

  it('returns undefined without JSON-LD, never reading the hashed markup', () => {
    expect(parseBoardPage('<html><body><div class="sc-jSUZER kGjDWz"><p>Visible text</p></div></body></html>')).toBeUndefined();
    expect(parseBoardPage(page(JSON.stringify({ '@type': 'JobPosting', title: 'Intern', description: '   ' })))).toBeUndefined();
    expect(parseBoardPage(page('not json at all'))).toBeUndefined();
    expect(parseBoardPage('')).toBeUndefined();
  });

  it('reads the recorded board pages', () => {
    const word = parseBoardPage(fixture('41230011-biotech-research-co-op-student-fall-2026'));
    expect(word?.description).toContain('co-op student');
    expect(word?.description).toContain('Québec');
    expect(word?.description).not.toMatch(/o:p|Mso/);
    expect(parseBoardPage(fixture('41230020-operations-analyst'))).toBeUndefined();
  });
});
