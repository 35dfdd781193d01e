import { foldKeyPart } from '../pipeline/dedupe-hash.js';
import { CANONICAL_WORDS, LEGAL_FORMS, SEASON_WORDS, STOP_WORDS } from './vocabulary.js';

const YEAR = /^20\d\d$/;

// French elision: "d’Ottawa", "l’eau" — the article is its own word, not part of the next one.
const ELISION = /(^|[\s(])(?:[dljmnstc]|qu)['’](?=\p{L})/giu;
// Hyphens join a compound in a title ("co-op") but separate the words of a name ("Hydro-Québec", "WWF-Canada").
const NAME_HYPHEN = /[-\u2010\u2011]/g;

function singular(word: string): string {
  return word.length > 4 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word;
}

function canonicalWord(raw: string): string {
  let word = CANONICAL_WORDS.get(raw) ?? CANONICAL_WORDS.get(singular(raw));
  // French -ité is English -ity: "sécurité" = "security", "durabilité" = "durability".
  if (word === undefined) word = raw.length >= 7 && raw.endsWith('ite') ? `${raw.slice(0, -3)}ity` : raw;
  // Both languages' plurals meet their singular: "resources", "ressources" = "resource".
  return singular(word);
}

/** The folded, canonical words of a text (stop words out, French and spelling variants mapped, plurals made singular). */
function canonicalWords(text: string): string[] {
  const out: string[] = [];
  for (const raw of foldKeyPart(text.replace(ELISION, '$1')).split(' ')) {
    if (!raw || STOP_WORDS.has(raw)) continue;
    out.push(canonicalWord(raw));
  }
  return out;
}

/** A title read for comparison: what the job is, and which term (season, year) it names, apart. */
export interface TitleTokens {
  words: Set<string>;
  seasons: Set<string>;
  years: Set<string>;
}

/**
 * Splits a title into the words that say what the job is and the season/year words that say
 * which term: "Co-op Student, Software (Summer 2027)" → words {coop, student, software}, seasons {summer}, years {2027}.
 */
export function titleTokens(title: string): TitleTokens {
  const tokens: TitleTokens = { words: new Set(), seasons: new Set(), years: new Set() };
  for (const word of canonicalWords(title)) {
    if (SEASON_WORDS.has(word)) tokens.seasons.add(word);
    else if (YEAR.test(word)) tokens.years.add(word);
    else tokens.words.add(word);
  }
  return tokens;
}

/**
 * An employer's name read for comparison: canonical words without legal forms ("Inc.", "Ltée")
 * or a leading "The". "Banque Royale du Canada" and "Royal Bank of Canada" both give {bank, royal, canada}.
 */
export function companyTokens(name: string): string[] {
  const words = canonicalWords(name.replace(NAME_HYPHEN, ' '));
  while (words.length > 1 && LEGAL_FORMS.has(words[words.length - 1])) words.pop();
  return words;
}

const ABBREVIATED_FORMS: ReadonlySet<string> = new Set(['inc', 'ltd', 'ltee', 'llc', 'llp', 'lp', 'ulc', 'plc', 'corp', 'gmbh', 'sa', 'sas', 'srl', 'senc', 'cie', 'limitee', 'incorporee', 'limited', 'incorporated']);

/**
 * The initials an employer's name may be shortened to: with its spelled-out form and without its
 * abbreviated legal form — "Mountain Equipment Company Ltd." → {"mecl", "mec"}.
 */
export function companyInitials(name: string): Set<string> {
  const words = canonicalWords(name.replace(NAME_HYPHEN, ' '));
  const initials = new Set([words.map((w) => w[0]).join('')]);
  while (words.length > 1 && ABBREVIATED_FORMS.has(words[words.length - 1])) words.pop();
  initials.add(words.map((w) => w[0]).join(''));
  return initials;
}

/** The word 3-shingles of a description, folded: the unit of description similarity. */
export function shingles(text: string, size = 3): Set<string> {
  const words = foldKeyPart(text).split(' ').filter(Boolean);
  const out = new Set<string>();
  for (let i = 0; i + size <= words.length; i++) out.add(words.slice(i, i + size).join(' '));
  return out;
}

const FRENCH_MARKERS: ReadonlySet<string> = new Set(['le', 'la', 'les', 'des', 'du', 'et', 'pour', 'avec', 'une', 'dans', 'nous', 'vous', 'est', 'sur', 'au', 'aux']);
const ENGLISH_MARKERS: ReadonlySet<string> = new Set(['the', 'and', 'for', 'with', 'you', 'we', 'our', 'is', 'are', 'to', 'of', 'in', 'will', 'your']);

/** `'fr'`, `'en'`, or `undefined` when a text is too short or too mixed to tell, by counting common function words. */
export function guessLanguage(text: string): 'en' | 'fr' | undefined {
  let fr = 0;
  let en = 0;
  for (const word of foldKeyPart(text).split(' ')) {
    if (FRENCH_MARKERS.has(word)) fr++;
    else if (ENGLISH_MARKERS.has(word)) en++;
  }
  if (fr + en < 3) return undefined;
  if (fr >= 2 * en) return 'fr';
  if (en >= 2 * fr) return 'en';
  return undefined;
}
