import { describe, expect, it } from 'vitest';
import { cleanInline, cleanParagraphs, decodeEntities } from '../../src/pipeline/clean-text.js';

describe('decodeEntities', () => {
  it.each([
    ['Caf&eacute; &amp; Bar', 'Café & Bar'],
    ['&#233;t&#xE9; &#XE9;', 'été é'],
    ['We&#146;re hiring &#150; apply', 'We’re hiring – apply'], // Windows-1252 numerics from Word
    ['R&amp;amp;D', 'R&D'], // escaped twice
    ['&amp;eacute;cole', 'école'],
    ['AT&T and A & W', 'AT&T and A & W'], // bare ampersands stay
    ['Fish &amp Chips', 'Fish & Chips'], // legacy entity without its semicolon
    ['&nbsp;x&nbsp', '\u00a0x\u00a0'],
    ['&unknownthing; &lt;b&gt;', '&unknownthing; <b>'],
    ['&#0; &#xD800;', '\ufffd \ufffd'],
    ['&Eacute;COLE &OElig;uvre', 'ÉCOLE Œuvre'],
    ['no entities here', 'no entities here'],
  ])('%j -> %j', (input, expected) => {
    expect(decodeEntities(input)).toBe(expected);
  });
});

describe('cleanInline', () => {
  it('collapses NBSP, tabs, newlines, zero-width characters and trims', () => {
    expect(cleanInline('  Data&nbsp;\u00a0Analyst\t\n(Co-op)\u200b\ufeff ')).toBe('Data Analyst (Co-op)');
    expect(cleanInline('a\u202fb\u2003c\u3000d\u0085e')).toBe('a b c d e');
  });

  it('drops control characters and soft hyphens without joining words', () => {
    expect(cleanInline('Soft\u00adware\u0007 Dev\u000bOps')).toBe('Software Dev Ops');
  });
});

describe('cleanParagraphs', () => {
  it('keeps paragraphs and list lines, collapses spaces inside lines', () => {
    const input = '  Intro\u00a0 text \r\n\r\n\r\n\r\n- one \r\n-  two\t\n\n\n Last&nbsp;line  ';
    expect(cleanParagraphs(input)).toBe('Intro text\n\n- one\n- two\n\nLast line');
  });

  it('turns Unicode line separators into line breaks', () => {
    expect(cleanParagraphs('a\u2028b\u2029\u2029c')).toBe('a\nb\n\nc');
  });

  it('returns an empty string for blank input', () => {
    expect(cleanParagraphs(' \n\u00a0\n ')).toBe('');
  });
});

describe('clean input', () => {
  // The fast path returns clean text untouched; the slow path must agree on every kind of dirt.
  const dirt = ['&amp;', '\r\n', '\t', '\u000b', '\u000c', '\u0001', '\u0085', '\u00a0', '\u00ad', '\u2003', '\u200b', '\u2028', '\u202f', '\u3000', '\ufeff', '  ', ' \n', '\n ', '\n\n\n'];

  it('returns clean text as it is', () => {
    const clean = 'Intro text\n\n- one\n- two\n\nLast line';
    expect(cleanParagraphs(clean)).toBe(clean);
    expect(cleanInline('Data Analyst (Co-op)')).toBe('Data Analyst (Co-op)');
  });

  it.each(dirt)('cleans text containing %j', (d) => {
    const paragraphs = cleanParagraphs(`Intro${d}text\n\nend`);
    expect(paragraphs).not.toMatch(/[\r\t\u000b\u000c\u0001\u0085\u00a0\u00ad\u2003\u200b\u2028\u202f\u3000\ufeff]| {2}| \n|\n |\n{3}/);
    expect(cleanParagraphs(paragraphs)).toBe(paragraphs);
    const inline = cleanInline(`  Data${d}Analyst `);
    expect(inline).toMatch(/^Data ?(?:&|\u00a0)?.*Analyst$/);
    expect(inline).not.toMatch(/\s{2}|\n/);
  });
});
