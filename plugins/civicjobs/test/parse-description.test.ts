import { describe, expect, it } from 'vitest';
import { splitDescriptionHtml } from '../src/html-description.js';
import { splitLabelledText, stripLabelsFromHtml } from '../src/parse-description.js';

describe('splitLabelledText', () => {
  it('takes the labelled lines out and keeps the rest', () => {
    const text = 'Employer: City of Surrey\nLocation: Surrey, BC\nCategory: Engineering\nClosing Date: December 4, 2026\n\nJoin us.';
    expect(splitLabelledText(text)).toEqual({
      labels: { employer: 'City of Surrey', location: 'Surrey, BC', category: 'Engineering', closingDate: 'December 4, 2026' },
      text: 'Join us.',
    });
  });

  it('splits labels that ended up on one line and tolerates case, spacing and bullets', () => {
    expect(splitLabelledText('EMPLOYER : Town of X  location:Gibsons, BC Closing date:  Dec. 4, 2026\nBody')).toEqual({
      labels: { employer: 'Town of X', location: 'Gibsons, BC', closingDate: 'Dec. 4, 2026' },
      text: 'Body',
    });
    expect(splitLabelledText('- Employer: Town of X\n- Closes: tomorrow').labels).toEqual({ employer: 'Town of X', closingDate: 'tomorrow' });
  });

  it('keeps only the first line of each label; later ones stay in the prose', () => {
    const out = splitLabelledText('Location: Kamloops, BC\n\nLocation: the Civic Operations Centre.');
    expect(out.labels.location).toBe('Kamloops, BC');
    expect(out.text).toBe('Location: the Civic Operations Centre.');
  });

  it('does not treat a label word in the middle of a sentence as a label', () => {
    const out = splitLabelledText('The employer: a small town. Location: downtown.');
    expect(out.labels).toEqual({});
    expect(out.text).toBe('The employer: a small town. Location: downtown.');
  });

  it('takes an empty label\'s value from the next line unless it is a label', () => {
    const out = splitLabelledText('Employer:\n\nCity of X\nLocation:\nCategory: IT\nText');
    expect(out.labels).toEqual({ employer: 'City of X', category: 'IT' });
    expect(out.text).toBe('Text');
  });

  it('returns empty results for empty input', () => {
    expect(splitLabelledText('')).toEqual({ labels: {}, text: '' });
  });
});

describe('stripLabelsFromHtml', () => {
  it('removes <strong> labels up to their <br>, and the emptied paragraph', () => {
    const html = '<p><strong>Employer:</strong> City of X<br />\n<strong>Location:</strong> Y, BC<br />\n<strong>Closing Date:</strong> December 4, 2026</p><p>Join us.</p>';
    expect(stripLabelsFromHtml(html).replace(/\s+/g, '')).toBe('<p>Joinus.</p>');
  });

  it('removes Word-wrapped labels and their values', () => {
    const html = "<p class=MsoNormal><b><span style='font-size:11.0pt'>Employer:</span></b><span style='font-size:11.0pt'> Village of P<o:p></o:p></span></p><p class=MsoNormal>Body</p>";
    expect(stripLabelsFromHtml(html)).toBe('<p class=MsoNormal>Body</p>');
  });

  it('leaves a second occurrence and mid-sentence label words alone', () => {
    const html = '<p>Location: A</p><p>Location: the yard</p><p>Our location: B</p>';
    expect(stripLabelsFromHtml(html)).toBe('<p>Location: the yard</p><p>Our location: B</p>');
  });

  it('removes labels in list items and the emptied list', () => {
    expect(stripLabelsFromHtml('<ul><li><strong>Category:</strong> IT</li></ul><p>x</p>')).toBe('<p>x</p>');
  });
});

describe('splitDescriptionHtml', () => {
  it('reads CDATA-style HTML into labels, text and sanitised HTML', () => {
    const out = splitDescriptionHtml('<p><strong>Employer:</strong> City of X<br/><strong>Location:</strong> Y, BC</p><p onclick="x()">Join <em>us</em>.</p><script>alert(1)</script>');
    expect(out.labels).toEqual({ employer: 'City of X', location: 'Y, BC' });
    expect(out.text).toBe('Join us.');
    expect(out.html).toContain('<em>us</em>');
    expect(out.html).not.toMatch(/onclick|script|Employer/);
  });

  it('reads Word markup with entities and a stray control character', () => {
    const out = splitDescriptionHtml(
      '<!--[if gte mso 9]><xml><w:WordDocument></w:WordDocument></xml><![endif]-->' +
      "<p class=MsoNormal><b><span style='mso-bidi-font-family:Calibri'>Closing Date:</span></b><span> Open until filled<o:p></o:p></span></p>" +
      '<p class=MsoNormal>Caf&eacute; &amp; records\u000b management.<o:p>&nbsp;</o:p></p>',
    );
    expect(out.labels).toEqual({ closingDate: 'Open until filled' });
    expect(out.text).toMatch(/^Café & records\s?management\.$/);
    expect(out.html).not.toMatch(/mso|o:p|Closing/);
  });

  it('keeps line breaks of a plain-text description so labels stay apart', () => {
    const out = splitDescriptionHtml('Employer: Town of X\nClosing Date: December 4, 2026\nWe are hiring.');
    expect(out.labels).toEqual({ employer: 'Town of X', closingDate: 'December 4, 2026' });
    expect(out.text).toBe('We are hiring.');
  });

  it('gives an empty description for an empty or label-only input', () => {
    expect(splitDescriptionHtml('')).toEqual({ labels: {}, text: '' });
    expect(splitDescriptionHtml('<p>Employer: X</p>')).toEqual({ labels: { employer: 'X' }, text: '' });
  });
});
