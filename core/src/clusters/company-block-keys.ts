import { companyInitials, companyTokens } from '../dedupe/tokens.js';
import { companyKey } from '../pipeline/dedupe-hash.js';

/** The employer keys the clustering stage blocks a job under (`jobs.company_block_keys`, `jobs.company_acronyms`). */
export interface CompanyBlockKeys {
  /**
   * What the name is: the folded name (`companyKey`: "Acme Inc." = "ACME"), its canonical words sorted
   * (the French and English names of one employer: "Banque Royale du Canada" / "Royal Bank of Canada"),
   * and, for a name that is one word once "Canada" is set aside, that word ("RBC" → "rbc", "WWF-Canada" → "wwf").
   */
  keys: string[];
  /**
   * What a name of several words may be shortened to: its initials with and without its legal form and
   * with and without "Canada" ("Royal Bank of Canada" → "rbc", "rb"), two letters at least.
   */
  acronyms: string[];
}

/**
 * The keys under which the clustering stage looks for a job's copies. Two jobs are compared when
 * they share a key, or when one's acronym is the other's key ("RBC" and "Royal Bank of Canada",
 * "MEC" and "Mountain Equipment Company Ltd.", "WWF-Canada" and "World Wildlife Fund Canada"): the
 * pairs the matcher accepts as one employer. Two long names with the same initials are not compared
 * for that (the matcher never reads either as the other's acronym), which keeps the blocks small:
 * "Acme Data" and "Atlas Dental" share "ad" but no key.
 *
 * @example companyBlockKeys('Royal Bank of Canada') // { keys: ['royal bank of canada', 'bank canada royal'], acronyms: ['rbc', 'rb'] }
 * @example companyBlockKeys('RBC') // { keys: ['rbc'], acronyms: [] }
 */
export function companyBlockKeys(companyName: string): CompanyBlockKeys {
  const keys = new Set<string>();
  const acronyms = new Set<string>();
  const folded = companyKey(companyName);
  if (folded) keys.add(folded);
  const tokens = companyTokens(companyName);
  if (tokens.length >= 2) keys.add([...new Set(tokens)].sort().join(' ').slice(0, 200));
  // The same reading of a name as `isAcronymOf` in the matcher (core/src/dedupe/match-postings.ts).
  const words = tokens.filter((w) => w !== 'canada');
  if (words.length === 1 && words[0]!.length >= 2) keys.add(words[0]!);
  if (tokens.length >= 2) {
    for (const name of [companyName, companyName.replace(/\bCanada\b/gi, '')]) {
      for (const initials of companyInitials(name)) if (initials.length >= 2) acronyms.add(initials.slice(0, 200));
    }
  }
  return { keys: [...keys], acronyms: [...acronyms] };
}
