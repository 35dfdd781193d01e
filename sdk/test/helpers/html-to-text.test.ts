import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../src/index.js';

describe('htmlToText', () => {
  it('keeps paragraphs and list items', () => {
    expect(htmlToText('<p>We offer:</p><ul><li>Pay</li><li>Mentoring</li></ul><p>Apply now</p>')).toBe(
      'We offer:\n\n- Pay\n- Mentoring\n\nApply now',
    );
  });

  it('handles list items wrapping paragraphs and nested lists', () => {
    expect(htmlToText('<ol><li><p>One</p></li><li>Two<ul><li>Two A</li></ul></li></ol>')).toBe('- One\n- Two\n- Two A');
  });

  it('turns <br> into line breaks and headings/divs into paragraphs', () => {
    expect(htmlToText('<h2>Duties</h2><div>Line 1<br>Line 2<br/><br/>Line 3</div>')).toBe('Duties\n\nLine 1\nLine 2\nLine 3');
  });

  it('decodes entities and collapses whitespace', () => {
    expect(htmlToText('<p>Fish&nbsp;&amp;&nbsp;Chips   \n\t  &eacute;t&#233; &#x2019;s&nbsp;</p>')).toBe('Fish & Chips été ’s');
  });

  it('drops scripts, styles, comments and the head', () => {
    const html = '<html><head><title>T</title><style>p{}</style></head><body><script>alert(1)</script><!-- hidden --><p>Shown</p><noscript>x</noscript></body></html>';
    expect(htmlToText(html)).toBe('Shown');
  });

  it('strips Word and VML markup but keeps smart-tag text', () => {
    const word = [
      '<!--[if gte mso 9]><xml><w:WordDocument><w:View>Normal</w:View></w:WordDocument></xml><![endif]-->',
      '<p class="MsoNormal">Based in <st1:place w:st="on"><st1:City w:st="on">Halifax</st1:City></st1:place><o:p>&nbsp;</o:p></p>',
      '<v:shape id="x" style="width:1pt"><v:imagedata src="image001.png" o:title=""/></v:shape>',
      '<p class="MsoListParagraphCxSpFirst"><![if !supportLists]><span>·<span>&nbsp;&nbsp;</span></span><![endif]>Teamwork<o:p></o:p></p>',
      '<p class="MsoListParagraphCxSpLast"><![if !supportLists]><span>·</span><![endif]>Attention to detail</p>',
    ].join('');
    expect(htmlToText(word)).toBe('Based in Halifax\n\n- Teamwork\n- Attention to detail');
  });

  it('unescapes entity-escaped HTML first', () => {
    expect(htmlToText('&lt;p&gt;Hello &amp;amp; welcome&lt;/p&gt;&lt;ul&gt;&lt;li&gt;A&lt;/li&gt;&lt;/ul&gt;')).toBe('Hello & welcome\n\n- A');
  });

  it('treats table rows as lines', () => {
    expect(htmlToText('<table><tr><th>Pay</th><td>$20</td></tr><tr><th>Hours</th><td>35</td></tr></table>')).toBe('Pay $20\nHours 35');
  });

  it('keeps pre-formatted line breaks', () => {
    expect(htmlToText('<pre>a\nb</pre>')).toBe('a\nb');
  });

  it('returns plain text unchanged and empty for empty input', () => {
    expect(htmlToText('Just text')).toBe('Just text');
    expect(htmlToText('')).toBe('');
    expect(htmlToText('<p> </p><p>&nbsp;</p>')).toBe('');
  });

  it('survives broken markup', () => {
    expect(htmlToText('<p>Open <b>bold <i>both</p><p>Next')).toBe('Open bold both\n\nNext');
  });
});
