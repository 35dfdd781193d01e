import { DEFAULT_MATCH_THRESHOLD, matchPostings, type MatchablePosting, type MatchResult } from './match-postings.js';

/** One labelled pair: two postings (SDK JobPosting shape plus `source`) and whether they are one job. `kind` names the case, for reports. */
export interface LabelledPair {
  a: MatchablePosting;
  b: MatchablePosting;
  same: boolean;
  kind?: string;
}

/** A line of a pairs file that cannot be read: its 1-based number and what is wrong. */
export class PairsFileError extends Error {
  constructor(readonly line: number, reason: string) {
    super(`line ${line}: ${reason}`);
    this.name = 'PairsFileError';
  }
}

function isPosting(value: unknown): value is MatchablePosting {
  if (typeof value !== 'object' || value === null) return false;
  const p = value as Record<string, unknown>;
  return typeof p.title === 'string' && p.title.length > 0 && typeof p.companyName === 'string' && p.companyName.length > 0;
}

/**
 * Reads a JSON Lines file of labelled pairs (`{"a": {...}, "b": {...}, "same": true}` a line; blank
 * lines ignored). Throws {@link PairsFileError} naming the first bad line.
 */
export function parsePairs(text: string): LabelledPair[] {
  const pairs: LabelledPair[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch {
      throw new PairsFileError(i + 1, 'not JSON');
    }
    const r = row as Record<string, unknown>;
    if (typeof row !== 'object' || row === null || Array.isArray(row)) throw new PairsFileError(i + 1, 'expected an object with "a", "b" and "same"');
    if (!isPosting(r.a) || !isPosting(r.b)) throw new PairsFileError(i + 1, '"a" and "b" must be postings with a non-empty "title" and "companyName"');
    if (typeof r.same !== 'boolean') throw new PairsFileError(i + 1, '"same" must be true or false');
    pairs.push({ a: r.a, b: r.b, same: r.same, ...(typeof r.kind === 'string' ? { kind: r.kind } : {}) });
  }
  return pairs;
}

/** Precision, recall and F1 of the matcher on labelled pairs at one threshold. */
export interface MatcherScores {
  precision: number;
  recall: number;
  f1: number;
  threshold: number;
  pairs: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

/** A pair the matcher got wrong, with its verdict: what an admin or a tuner reads. */
export interface MatcherMistake {
  pair: LabelledPair;
  result: MatchResult;
}

/** Scores plus the mistakes, and per `kind` how many pairs the matcher got right. */
export interface MatcherEvaluation {
  scores: MatcherScores;
  mistakes: MatcherMistake[];
  byKind: Map<string, { right: number; total: number }>;
}

/**
 * Runs the pipeline's matcher over labelled pairs and scores it. Precision with no predicted
 * match is 1 (nothing wrongly merged); recall with no true match is 1.
 *
 * @example evaluateMatcher(parsePairs(fs.readFileSync('pairs.jsonl', 'utf8'))).scores.f1
 */
export function evaluateMatcher(pairs: LabelledPair[], threshold = DEFAULT_MATCH_THRESHOLD): MatcherEvaluation {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const mistakes: MatcherMistake[] = [];
  const byKind = new Map<string, { right: number; total: number }>();
  for (const pair of pairs) {
    const result = matchPostings(pair.a, pair.b, threshold);
    if (result.same && pair.same) tp++;
    else if (result.same) fp++;
    else if (pair.same) fn++;
    const right = result.same === pair.same;
    if (!right) mistakes.push({ pair, result });
    const kind = byKind.get(pair.kind ?? (pair.same ? 'same' : 'different')) ?? { right: 0, total: 0 };
    kind.total++;
    if (right) kind.right++;
    byKind.set(pair.kind ?? (pair.same ? 'same' : 'different'), kind);
  }
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { scores: { precision, recall, f1, threshold, pairs: pairs.length, truePositives: tp, falsePositives: fp, falseNegatives: fn }, mistakes, byKind };
}

/** The report's last line, exactly: `precision P recall R f1 F threshold T pairs N` (three decimals). */
export function formatScoresLine(s: MatcherScores): string {
  return `precision ${s.precision.toFixed(3)} recall ${s.recall.toFixed(3)} f1 ${s.f1.toFixed(3)} threshold ${s.threshold} pairs ${s.pairs}`;
}
