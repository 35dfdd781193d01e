import { companyInitials, companyTokens } from '../dedupe/tokens.js';
import { companyKey } from '../pipeline/dedupe-hash.js';

/**
 * The keys under which the clustering stage looks for a job's copies (`jobs.company_block_keys`):
 * two jobs are compared when they share one. The folded name (`companyKey`) blocks "Acme Inc." with
 * "ACME"; its canonical words, sorted, block the French and English names of one employer
 * ("Banque Royale du Canada" / "Royal Bank of Canada"); the acronym forms let the short and the long name of one employer meet, as the matcher
 * accepts them ("RBC" = "Royal Bank of Canada", "MEC" = "Mountain Equipment Company Ltd.",
 * "WWF-Canada" = "World Wildlife Fund Canada"):
 * - a name that is one word once "Canada" is set aside is keyed by that word too ("wwf");
 * - a name of several words is keyed by its initials, with and without its legal form and with and
 *   without "Canada" ("rbc", "rb"), two letters at least.
 * A shared acronym only makes two employers compared, not joined: the matcher's employer veto keeps
 * "Royal Bank of Canada" and "Red Brick Construction" apart.
 *
 * @example companyBlockKeys('Royal Bank of Canada') // ['royal bank of canada', 'bank canada royal', 'rbc', 'rb']
 * @example companyBlockKeys('RBC') // ['rbc']
 */
export function companyBlockKeys(companyName: string): string[] {
  const keys = new Set<string>();
  const folded = companyKey(companyName);
  if (folded) keys.add(folded);
  // The canonical words in order: the French and English names of one employer ("Banque Royale du Canada").
  const tokens = companyTokens(companyName);
  if (tokens.length >= 2) keys.add([...new Set(tokens)].sort().join(' ').slice(0, 200));
  // The same reading of a name as `isAcronymOf` in the matcher (core/src/dedupe/match-postings.ts).
  const words = tokens.filter((w) => w !== 'canada');
  if (words.length === 1 && words[0]!.length >= 2) keys.add(words[0]!);
  if (tokens.length >= 2) {
    for (const name of [companyName, companyName.replace(/\bCanada\b/gi, '')]) {
      for (const initials of companyInitials(name)) if (initials.length >= 2) keys.add(initials.slice(0, 200));
    }
  }
  return [...keys];
}
