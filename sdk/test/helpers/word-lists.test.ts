import { describe, expect, it } from 'vitest';
import { htmlToText, stripWordMarkup } from '../../src/index.js';

// Bullet lists as Word writes them. Copied to the clipboard (what lands in a job board's rich-text
// editor), the fallback bullet sits between <!--[if !supportLists]--> and <!--[endif]--> comments;
// in "Save as Web Page", between the downlevel-revealed <![if !supportLists]> and <![endif]>.
const li = (cls: string, level: number, bullet: string, font: string, text: string, open: string, close: string): string =>
  `<p class=${cls} style='margin-left:${0.5 * level}in;mso-add-space:auto;text-indent:-.25in;mso-list:l0 level${level} lfo1'>` +
  `${open}<span style='font-family:${font};mso-fareast-font-family:${font};mso-bidi-font-family:${font}'>` +
  `<span style='mso-list:Ignore'>${bullet}<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span></span>` +
  `${close}<span lang=EN-CA>${text}<o:p></o:p></span></p>\r\n`;

function wordList(open: string, close: string): string {
  return [
    `<p class=MsoNormal><b><span lang=EN-CA>What you bring<o:p></o:p></span></b></p>\r\n`,
    li('MsoListParagraphCxSpFirst', 1, '·', 'Symbol', 'A diploma in civil engineering technology', open, close),
    li('MsoListParagraphCxSpMiddle', 2, 'o', '"Courier New"', 'or an equivalent combination of education and experience', open, close),
    li('MsoListParagraphCxSpMiddle', 3, '§', 'Wingdings', 'including AutoCAD&nbsp;Civil&nbsp;3D', open, close),
    li('MsoListParagraphCxSpLast', 1, '·', 'Symbol', 'A valid Class&nbsp;5 driver’s licence', open, close),
    `<p class=MsoNormal><span lang=EN-CA>Apply by December 4.<o:p>&nbsp;</o:p></span></p>`,
  ].join('');
}

const EXPECTED = [
  'What you bring',
  '',
  '- A diploma in civil engineering technology',
  '- or an equivalent combination of education and experience',
  '- including AutoCAD Civil 3D',
  '- A valid Class 5 driver’s licence',
  '',
  'Apply by December 4.',
].join('\n');

const CLIPBOARD = wordList('<!--[if !supportLists]-->', '<!--[endif]-->');
const SAVED = wordList('<![if !supportLists]>', '<![endif]>');

describe('Word list bullets', () => {
  it.each([
    ['clipboard <!--[if !supportLists]-->', CLIPBOARD],
    ['saved <![if !supportLists]>', SAVED],
  ])('stripWordMarkup removes the %s bullets and keeps the item text', (_name, html) => {
    const out = stripWordMarkup(html);
    expect(out).not.toMatch(/supportLists|endif|mso-list:Ignore/);
    expect(out).not.toMatch(/>[·o§]</);
    expect(out).toContain('<span lang=EN-CA>A diploma in civil engineering technology</span>');
    expect(out).toContain('<span lang=EN-CA>or an equivalent combination of education and experience</span>');
  });

  it.each([
    ['clipboard', CLIPBOARD],
    ['saved', SAVED],
  ])('htmlToText turns the %s Word list into "- item" lines', (_name, html) => {
    expect(htmlToText(html)).toBe(EXPECTED);
  });

  it('drops a numbered list\'s Word numbers too (the items become "- item")', () => {
    const html = [
      li('MsoListParagraphCxSpFirst', 1, '1.', 'Calibri', 'Send your résumé', '<!--[if !supportLists]-->', '<!--[endif]-->'),
      li('MsoListParagraphCxSpLast', 1, '2.', 'Calibri', 'Attend an interview', '<!--[if !supportLists]-->', '<!--[endif]-->'),
    ].join('');
    expect(htmlToText(html)).toBe('- Send your résumé\n- Attend an interview');
  });

  it('drops the bullet when an editor already removed the conditional comments (mso-list:Ignore span)', () => {
    const html = li('MsoListParagraphCxSpFirst', 1, '·', 'Symbol', 'Teamwork', '', '') + li('MsoListParagraphCxSpLast', 1, '·', 'Symbol', 'Attention to detail', '', '');
    expect(stripWordMarkup(html)).not.toContain('·');
    expect(htmlToText(html)).toBe('- Teamwork\n- Attention to detail');
  });

  it('reads a list Word styled MsoNormal or MsoListBullet (mso-list in the style) as items', () => {
    const html = [
      '<p class=MsoNormal>Duties:</p>',
      li('MsoNormal', 1, '·', 'Symbol', 'Inspect culverts', '<!--[if !supportLists]-->', '<!--[endif]-->'),
      li('MsoListBullet', 1, '·', 'Symbol', 'Write reports', '<![if !supportLists]>', '<![endif]>'),
      '<p class=MsoNormal>Thank you.</p>',
    ].join('');
    expect(htmlToText(html)).toBe('Duties:\n\n- Inspect culverts\n- Write reports\n\nThank you.');
  });

  it('keeps ordinary paragraphs and a middle dot in real text', () => {
    expect(htmlToText('<p class=MsoNormal>Salary · $25/hour<o:p></o:p></p>')).toBe('Salary · $25/hour');
  });
});
