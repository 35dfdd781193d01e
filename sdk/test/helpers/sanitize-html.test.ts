import { describe, expect, it } from 'vitest';
import { sanitizeHtml } from '../../src/index.js';

describe('sanitizeHtml', () => {
  it('keeps the allowlist and drops everything else', () => {
    const out = sanitizeHtml('<div class="x" style="color:red"><p>Hi <strong>there</strong> <span>friend</span></p><ul><li><em>a</em></li></ul></div>');
    expect(out).toBe('<p>Hi <strong>there</strong> friend</p><ul><li><em>a</em></li></ul>');
  });

  it('removes scripts, styles and event handlers', () => {
    const out = sanitizeHtml('<p onclick="steal()">x<script>alert(1)</script><style>p{}</style><img src=x onerror=alert(1)></p>');
    expect(out).toBe('<p>x</p>');
  });

  it('keeps only http(s) and mailto links, with rel', () => {
    expect(sanitizeHtml('<a href="https://x.ca/a" target="_blank">a</a>')).toBe('<a href="https://x.ca/a" rel="nofollow noopener">a</a>');
    expect(sanitizeHtml('<a href="mailto:hr@x.ca">m</a>')).toBe('<a href="mailto:hr@x.ca" rel="nofollow noopener">m</a>');
    expect(sanitizeHtml('<a href="javascript:alert(1)">j</a>')).toBe('<a rel="nofollow noopener">j</a>');
    expect(sanitizeHtml('<a href="data:text/html,x">d</a>')).not.toContain('data:');
  });

  it('maps h1 to h2 and h5/h6 to h4, keeps tables', () => {
    expect(sanitizeHtml('<h1>A</h1><h3>B</h3><h6>C</h6>')).toBe('<h2>A</h2><h3>B</h3><h4>C</h4>');
    expect(sanitizeHtml('<table><tr><td colspan="2" style="x">1</td></tr></table>')).toBe('<table><tr><td colspan="2">1</td></tr></table>');
  });

  it('strips Word markup and empty paragraphs', () => {
    const out = sanitizeHtml('<p class="MsoNormal">In <st1:place>Halifax</st1:place><o:p>&nbsp;</o:p></p><p class="MsoNormal"><o:p>&nbsp;</o:p></p><!--[if gte mso 9]><xml><w:x/></xml><![endif]-->');
    expect(out).toBe('<p>In Halifax</p>');
  });

  it('unescapes entity-escaped HTML before cleaning', () => {
    expect(sanitizeHtml('&lt;p&gt;A &amp;amp; B&lt;/p&gt;')).toBe('<p>A &amp; B</p>');
  });

  it('returns empty for empty input', () => {
    expect(sanitizeHtml('')).toBe('');
  });
});
