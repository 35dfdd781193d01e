import { normalizeWhitespace, parseProvince } from '@pathfinder/sdk';

/** A CivicJobs feed title split into its parts. */
export interface TitleParts {
  /** The job title, e.g. `Engineer-in-Training - Co-op`. */
  title: string;
  /** The employer, when the title names one after its last ` - `. */
  employer?: string;
  /** The text of the trailing parenthesis when it reads as a place, e.g. `Surrey, BC` or `Remote`. */
  location?: string;
}

// " - " between title, employer and location; en and em dashes are accepted too because titles
// pasted from Word arrive with them. A hyphen without spaces ("Engineer-in-Training") never splits.
const SEPARATOR = /\s+[-\u2013\u2014]\s+/g;
const TRAILING_PAREN = /\(([^()]*)\)\s*$/;
const PLACE_WORDS = /^(remote|hybrid|virtual|various|multiple|several|anywhere|canada|online|t[ée]l[ée]travail)\b/i;

/**
 * Splits a feed title of the form `Job Title - Employer (City, Province)`.
 *
 * The location is the trailing parenthesis, kept only when it reads as a place (so
 * `Planner (Temporary)` stays whole). The employer follows the LAST ` - ` before it, because job
 * titles contain ` - ` themselves. When the description already named the employer
 * (`knownEmployer`) and the title ends with it, the split is made there instead, which also
 * handles employers whose own name contains ` - `.
 *
 * With `bare` (the listing's titles, which carry no employer), the title is split only at a
 * known employer, never at its own last ` - `.
 *
 * @example
 * ```ts
 * parseJobTitle('Engineer-in-Training - Co-op - City of Surrey (Surrey, BC)');
 * // { title: 'Engineer-in-Training - Co-op', employer: 'City of Surrey', location: 'Surrey, BC' }
 * parseJobTitle('Clerk - Regional District of Kootenay - Boundary (Trail, BC)', 'Regional District of Kootenay - Boundary');
 * // { title: 'Clerk', employer: 'Regional District of Kootenay - Boundary', location: 'Trail, BC' }
 * ```
 */
export function parseJobTitle(raw: string, knownEmployer?: string, o: { bare?: boolean } = {}): TitleParts {
  let head = normalizeWhitespace(raw);
  let location: string | undefined;
  const paren = TRAILING_PAREN.exec(head);
  if (paren && isPlace(paren[1])) {
    location = normalizeWhitespace(paren[1]);
    head = head.slice(0, paren.index).trim();
  }

  const known = knownEmployer ? normalizeWhitespace(knownEmployer) : '';
  if (known) {
    const cut = splitAtKnownEmployer(head, known);
    if (cut) return withLocation({ title: cut.title, employer: cut.employer }, location);
  }

  if (o.bare) return withLocation({ title: stripDashes(head) }, location);

  let last: RegExpExecArray | undefined;
  for (const m of head.matchAll(SEPARATOR)) last = m as RegExpExecArray;
  if (!last || last.index === 0) return withLocation({ title: stripDashes(head) }, location);
  const title = stripDashes(head.slice(0, last.index));
  const employer = stripDashes(head.slice(last.index + last[0].length));
  if (!title) return withLocation({ title: employer }, location);
  return withLocation(employer ? { title, employer } : { title }, location);
}

/** True when a parenthesis's text reads as a place: `City, XX`, a province, or remote/hybrid/various. */
export function isPlace(text: string): boolean {
  const t = normalizeWhitespace(text);
  if (!t) return false;
  if (PLACE_WORDS.test(t)) return true;
  const parts = t.split(',').map((p) => p.trim()).filter(Boolean);
  if (parts.length === 0) return false;
  // "Surrey, BC", "Gatineau, Québec", "BC": the last comma-separated part is a province.
  return parseProvince(parts[parts.length - 1]) !== undefined || (parts.length >= 2 && /canada/i.test(t));
}

function splitAtKnownEmployer(head: string, employer: string): { title: string; employer: string } | undefined {
  const lowerHead = head.toLowerCase();
  const lowerEmployer = employer.toLowerCase();
  if (!lowerHead.endsWith(lowerEmployer)) return undefined;
  const before = head.slice(0, head.length - employer.length);
  const sep = /\s+[-\u2013\u2014]\s*$/.exec(before);
  if (!sep) return undefined;
  const title = stripDashes(before.slice(0, sep.index));
  return title ? { title, employer: head.slice(head.length - employer.length) } : undefined;
}

function stripDashes(s: string): string {
  return s.replace(/^[\s\-\u2013\u2014]+|[\s\-\u2013\u2014]+$/g, '');
}

function withLocation(parts: TitleParts, location: string | undefined): TitleParts {
  return location ? { ...parts, location } : parts;
}
