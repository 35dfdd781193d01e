import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cleanWordHtml } from '../src/clean-word-html.js';

describe('cleanWordHtml', () => {
  it('keeps the words of smart tags and drops fillers', () => {
    expect(cleanWordHtml('<p>In <st1:place w:st="on"><st1:City w:st="on">Sydney</st1:City></st1:place><o:p>&nbsp;</o:p></p>'))
      .toBe('<p>In Sydney</p>');
  });

  it('drops downlevel-hidden conditional comments with their xml and style', () => {
    const html = '<!--[if gte mso 9]><xml><w:WordDocument><w:View>Normal</w:View></w:WordDocument></xml><![endif]-->' +
      '<!--[if gte mso 10]><style>table.MsoNormalTable{mso-style-name:"Table Normal"}</style><![endif]--><p>Hello</p>';
    expect(cleanWordHtml(html)).toBe('<p>Hello</p>');
  });

  it('drops Word list bullets in raw and in parser-serialised form', () => {
    const raw = '<p class="MsoListParagraph"><![if !supportLists]><span style="font-family:Symbol">·<span>&nbsp;&nbsp; </span></span><![endif]>Item</p>';
    const serialised = '<p class="MsoListParagraph"><!--[if !supportLists]--><span style="font-family:Symbol">·<span>&nbsp; </span></span><!--[endif]-->Item</p>';
    expect(cleanWordHtml(raw)).toBe('<p class="MsoListParagraph">Item</p>');
    expect(cleanWordHtml(serialised)).toBe('<p class="MsoListParagraph">Item</p>');
  });

  it('drops VML drawings, nested or self-closed', () => {
    const html = '<p><v:shapetype id="t"><v:stroke joinstyle="miter"/><v:formulas><v:f eqn="x"/></v:formulas></v:shapetype>' +
      '<v:shape id="p" o:spid="s"><v:imagedata src="file:///C:/clip_image001.png" o:title="logo"/></v:shape>Text</p>';
    expect(cleanWordHtml(html)).toBe('<p>Text</p>');
  });

  it('drops mso-list:Ignore spans outside conditionals', () => {
    expect(cleanWordHtml('<p><span style="mso-list:Ignore">1.<span>&nbsp;</span></span>First</p>')).toBe('<p>First</p>');
  });

  it('is safe on a whole page: JSON-LD scripts survive, and a second pass changes nothing', () => {
    const page = '<html><head><script type="application/ld+json">{"@type":"JobPosting","title":"A"}</script>' +
      '<!--[if lt IE 9]><script src="/html5shiv.js"></script><![endif]--></head>' +
      '<body><p>In <st1:place>Truro</st1:place><o:p></o:p></p></body></html>';
    const once = cleanWordHtml(page);
    expect(once).toBe('<html><head><script type="application/ld+json">{"@type":"JobPosting","title":"A"}</script></head>' +
      '<body><p>In Truro</p></body></html>');
    expect(cleanWordHtml(once)).toBe(once);
  });

  it('leaves ordinary HTML alone', () => {
    const html = '<p>Plain <strong>text</strong> &amp; a <a href="mailto:x@y.z">link</a>: 10:30 a.m.</p><ul><li>one</li></ul>';
    expect(cleanWordHtml(html)).toBe(html);
  });

  it('leaves no Word markup in the recorded Word-pasted description', () => {
    const page = readFileSync(new URL('./fixtures/site/jobs/view/112388-outreach-worker.html', import.meta.url), 'utf8');
    const desc = /<div class="vj_desc">([\s\S]*?)<\/div>\s*<div class="vj_appinst">/.exec(page)![1];
    const cleaned = cleanWordHtml(desc);
    expect(cleaned).not.toMatch(/<o:|<v:|st1:|<xml|\[if |\[endif\]|supportLists|Style Definitions|clip_image|·/);
    expect(cleaned).toContain('Sydney');
    expect(cleaned).toContain('Glace Bay');
    expect(cleaned).toContain('Connect tenants with income, health and legal supports');
  });
});
