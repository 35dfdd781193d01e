import { describe, expect, it } from 'vitest';
import { readLabels } from '../src/parse-labels.js';

describe('readLabels', () => {
  it('reads labelled lines the way employers type them', () => {
    const text = [
      'Host Organization: Prairie Arts Council',
      '',
      'Location : Winnipeg, MB',
      '',
      'Stipend: $21.50 per hour',
      '',
      'Application deadline: May 15, 2026',
    ].join('\n');
    expect(readLabels(text)).toEqual({
      organization: 'Prairie Arts Council',
      location: 'Winnipeg, MB',
      salary: '$21.50 per hour',
      deadline: 'May 15, 2026',
    });
  });

  it('accepts list dashes, dash separators, non-breaking spaces and other spellings', () => {
    const text = '- Organisation – Maison Boréale\n• Work location:\u00a0Remote (Canada)\nClosing date: 2026-05-01\nWage - 45,000/year';
    expect(readLabels(text)).toEqual({
      organization: 'Maison Boréale',
      location: 'Remote (Canada)',
      deadline: '2026-05-01',
      salary: '45,000/year',
    });
  });

  it('ignores labels inside sentences, look-alike words and over-long values', () => {
    const text = [
      'The location of the office is downtown: bring a pass.',
      'Payroll: monthly',
      'Cityscape: lovely',
      `Company: ${'x'.repeat(400)}`,
      'Location:',
    ].join('\n');
    expect(readLabels(text)).toEqual({});
  });

  it('keeps the first occurrence', () => {
    expect(readLabels('Location: Ottawa, ON\nLocation: Toronto, ON').location).toBe('Ottawa, ON');
  });

  it('returns nothing for empty text', () => {
    expect(readLabels('')).toEqual({});
  });
});
