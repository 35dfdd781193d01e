import { describe, expect, it } from 'vitest';
import { parseDate } from '../../src/index.js';

// The 8th of every month of 2026, with its weekday, and Toronto's local midnight in UTC
// (EST, UTC-5, until March 8 02:00 and from November 1; EDT, UTC-4, in between).
const MONTHS: {
  en: string; enAbbr: string[]; fr: string; frAbbr: string;
  day: string; dayAbbr: string; jour: string; jourAbbr: string; expected: string;
}[] = [
  { en: 'January', enAbbr: ['Jan'], fr: 'janvier', frAbbr: 'janv.', day: 'Thursday', dayAbbr: 'Thu', jour: 'jeudi', jourAbbr: 'jeu.', expected: '2026-01-08T05:00:00.000Z' },
  { en: 'February', enAbbr: ['Feb'], fr: 'février', frAbbr: 'févr.', day: 'Sunday', dayAbbr: 'Sun', jour: 'dimanche', jourAbbr: 'dim.', expected: '2026-02-08T05:00:00.000Z' },
  { en: 'March', enAbbr: ['Mar'], fr: 'mars', frAbbr: 'mars', day: 'Sunday', dayAbbr: 'Sun', jour: 'dimanche', jourAbbr: 'dim.', expected: '2026-03-08T05:00:00.000Z' },
  { en: 'April', enAbbr: ['Apr'], fr: 'avril', frAbbr: 'avr.', day: 'Wednesday', dayAbbr: 'Wed', jour: 'mercredi', jourAbbr: 'mer.', expected: '2026-04-08T04:00:00.000Z' },
  { en: 'May', enAbbr: ['May'], fr: 'mai', frAbbr: 'mai', day: 'Friday', dayAbbr: 'Fri', jour: 'vendredi', jourAbbr: 'ven.', expected: '2026-05-08T04:00:00.000Z' },
  { en: 'June', enAbbr: ['Jun'], fr: 'juin', frAbbr: 'juin', day: 'Monday', dayAbbr: 'Mon', jour: 'lundi', jourAbbr: 'lun.', expected: '2026-06-08T04:00:00.000Z' },
  { en: 'July', enAbbr: ['Jul'], fr: 'juillet', frAbbr: 'juil.', day: 'Wednesday', dayAbbr: 'Wed', jour: 'mercredi', jourAbbr: 'mer.', expected: '2026-07-08T04:00:00.000Z' },
  { en: 'August', enAbbr: ['Aug'], fr: 'août', frAbbr: 'août', day: 'Saturday', dayAbbr: 'Sat', jour: 'samedi', jourAbbr: 'sam.', expected: '2026-08-08T04:00:00.000Z' },
  { en: 'September', enAbbr: ['Sep', 'Sept'], fr: 'septembre', frAbbr: 'sept.', day: 'Tuesday', dayAbbr: 'Tue', jour: 'mardi', jourAbbr: 'mar.', expected: '2026-09-08T04:00:00.000Z' },
  { en: 'October', enAbbr: ['Oct'], fr: 'octobre', frAbbr: 'oct.', day: 'Thursday', dayAbbr: 'Thu', jour: 'jeudi', jourAbbr: 'jeu.', expected: '2026-10-08T04:00:00.000Z' },
  { en: 'November', enAbbr: ['Nov'], fr: 'novembre', frAbbr: 'nov.', day: 'Sunday', dayAbbr: 'Sun', jour: 'dimanche', jourAbbr: 'dim.', expected: '2026-11-08T05:00:00.000Z' },
  { en: 'December', enAbbr: ['Dec'], fr: 'décembre', frAbbr: 'déc.', day: 'Tuesday', dayAbbr: 'Tue', jour: 'mardi', jourAbbr: 'mar.', expected: '2026-12-08T05:00:00.000Z' },
];

const capital = (s: string): string => s[0]!.toUpperCase() + s.slice(1);

const english = MONTHS.flatMap((m) => [
  [`${m.en} 8, 2026`, m.expected],
  [`8 ${m.en} 2026`, m.expected],
  [`${m.day}, ${m.en} 8, 2026`, m.expected],
  [`${m.day} ${m.en} 8th 2026`, m.expected],
  ...m.enAbbr.flatMap((a) => [
    [`${a} 8, 2026`, m.expected],
    [`${a}. 8, 2026`, m.expected],
    [`${m.dayAbbr}. ${a}. 8, 2026`, m.expected],
    [`${m.dayAbbr}, 8 ${a} 2026`, m.expected],
    [`${m.dayAbbr} ${a} 8 2026`, m.expected],
  ]),
]);

const french = MONTHS.flatMap((m) => [
  [`8 ${m.fr} 2026`, m.expected],
  [`8 ${m.frAbbr} 2026`, m.expected],
  [`${m.jour} 8 ${m.fr} 2026`, m.expected],
  [`${capital(m.jour)} 8 ${capital(m.fr)} 2026`, m.expected],
  [`${m.jour}, 8 ${m.frAbbr} 2026`, m.expected],
  [`${m.jourAbbr} 8 ${m.frAbbr} 2026`, m.expected],
  [`${capital(m.jourAbbr)} 8 ${m.fr} 2026`, m.expected],
]);

describe('parseDate: every month, with and without a weekday', () => {
  it.each(english)('reads English %j', (input, expected) => {
    expect(parseDate(input)).toBe(expected);
  });

  it.each(french)('reads French %j', (input, expected) => {
    expect(parseDate(input)).toBe(expected);
  });

  // "Mar" is both March and the French abbreviation of mardi (Tuesday): a month first.
  it.each([
    ['March 8, 2026', '2026-03-08T05:00:00.000Z'],
    ['Mar. 31, 2026', '2026-03-31T04:00:00.000Z'],
    ['Mar 31, 2026', '2026-03-31T04:00:00.000Z'],
    ['Tue. Mar. 31, 2026', '2026-03-31T04:00:00.000Z'],
    ['Tues, March 31, 2026 5:00 PM', '2026-03-31T21:00:00.000Z'],
    ['mardi 31 mars 2026', '2026-03-31T04:00:00.000Z'],
    ['mar. 31 mars 2026', '2026-03-31T04:00:00.000Z'],
    ['Mar 31 mars 2026', '2026-03-31T04:00:00.000Z'],
    ['Closing Date: Mar. 31, 2026', '2026-03-31T04:00:00.000Z'],
    ['Wed, 4 Mar 2026', '2026-03-04T05:00:00.000Z'],
  ])('tells the month Mar from the weekday mar: %j', (input, expected) => {
    expect(parseDate(input)).toBe(expected);
  });

  it.each(['Marchday 8, 2026', 'mard 8 mars 2026', 'Tuesday', 'mar. 2026', 'Friday, 8 Smarch 2026'])('still rejects %j', (input) => {
    expect(parseDate(input)).toBeUndefined();
  });
});
