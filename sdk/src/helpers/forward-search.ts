/**
 * Linear-time building blocks for the helpers that cut markup with patterns.
 *
 * A regex like `<xml\b[^>]*>[\s\S]*?<\/xml>` is quadratic on hostile text: every `<xml` start scans
 * to the end of the input when no `</xml>` follows, and ten thousand starts scan it ten thousand
 * times. The helpers instead find each start with a pattern that cannot run on (a fixed prefix),
 * then find "the next `>`" or "the next closer" with a {@link ForwardSearch}, which remembers its
 * last answer: a run of questions with rising start positions reads the text once in total.
 */

/**
 * The next match of a pattern at or after a position. Whether a match starts at a given index does
 * not depend on where the search began, so the last answer also answers any later question whose
 * start lies between the last start and that answer: asked with rising positions, the text is read
 * once in total. (Give it patterns that fail fast at a wrong start: a literal prefix, bounded parts.)
 */
export class ForwardSearch {
  private readonly re: RegExp;
  /** Where the last search started, and what it found there (-1: nothing from there to the end). */
  private from = Number.POSITIVE_INFINITY;
  private found = -1;
  private last: RegExpExecArray | null = null;

  constructor(
    private readonly text: string,
    pattern: RegExp | string,
  ) {
    const source = typeof pattern === 'string' ? pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : pattern.source;
    this.re = new RegExp(source, 'gi');
  }

  /** Index of the next match at or after `at`, or -1. */
  next(at: number): number {
    // Reuse the last answer when it still holds: no match lies between `from` and `found`.
    if (at >= this.from && (this.found === -1 || this.found >= at)) return this.found;
    this.re.lastIndex = at;
    const m = this.re.exec(this.text);
    this.from = at;
    this.found = m ? m.index : -1;
    this.last = m;
    return this.found;
  }

  /** End (exclusive) of the match {@link next} last returned. */
  end(): number {
    return this.last ? this.last.index + this.last[0].length : -1;
  }

  /** The groups of the match {@link next} last returned. */
  group(n: number): string | undefined {
    return this.last?.[n];
  }
}

/**
 * Replaces every tag-like run `<…>` with `replacement`, exactly as `s.replace(/<[^>]*>/g, r)` would,
 * in one pass (the regex re-scans to the end of the text for every `<` when no `>` follows).
 *
 * @example
 * ```ts
 * stripTags('<b>Data</b> Analyst', ' '); // ' Data  Analyst'
 * ```
 */
export function stripTags(s: string, replacement: string): string {
  let out = '';
  let last = 0;
  for (let lt = s.indexOf('<'); lt !== -1; lt = s.indexOf('<', last)) {
    const gt = s.indexOf('>', lt + 1);
    // No '>' after this '<' means none after any later '<' either: the rest is text.
    if (gt === -1) break;
    out += s.slice(last, lt) + replacement;
    last = gt + 1;
  }
  return last === 0 ? s : out + s.slice(last);
}
