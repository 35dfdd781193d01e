/**
 * bench:dedupe — the duplicate matcher on the repository's labelled pairs (core/bench/dedupe/pairs.jsonl,
 * made by build-pairs.ts): how many pairs of each kind it gets right, what it gets wrong and why,
 * a sweep of thresholds, the time per comparison, and last the line `precision P recall R f1 F threshold T pairs N`.
 * Goal: F1 ≥ 0.95 and precision ≥ 0.98 at the pipeline's threshold.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_MATCH_THRESHOLD, evaluateMatcher, formatScoresLine, matchPostings, parsePairs } from '../src/dedupe/index.js';

const file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'dedupe', 'pairs.jsonl');
const pairs = parsePairs(fs.readFileSync(file, 'utf8'));
const evaluation = evaluateMatcher(pairs);

console.log(`${pairs.length} labelled pairs (${pairs.filter((p) => p.same).length} same)`);
for (const [kind, { right, total }] of [...evaluation.byKind].sort()) console.log(`  ${kind.padEnd(26)} ${right}/${total} right`);
for (const { pair, result } of evaluation.mistakes) {
  console.log(`  wrong (${pair.kind}, labelled ${pair.same ? 'same' : 'different'}): score ${result.score}${result.veto ? ` veto ${result.veto}` : ''} — "${pair.a.title}" @ ${pair.a.companyName} | "${pair.b.title}" @ ${pair.b.companyName} ${JSON.stringify(result.features)}`);
}
console.log('threshold sweep:');
for (const t of [0.6, 0.65, 0.7, 0.72, 0.75, 0.8, 0.85]) {
  const s = evaluateMatcher(pairs, t).scores;
  console.log(`  ${t.toFixed(2)}: precision ${s.precision.toFixed(3)} recall ${s.recall.toFixed(3)} f1 ${s.f1.toFixed(3)}`);
}
const rounds = 20;
const started = process.hrtime.bigint();
for (let r = 0; r < rounds; r++) for (const p of pairs) matchPostings(p.a, p.b);
const perPair = Number(process.hrtime.bigint() - started) / 1e3 / (rounds * pairs.length);
console.log(`time per comparison: ${perPair.toFixed(1)} µs (in process, exact shingle sets)`);
console.log(formatScoresLine({ ...evaluation.scores, threshold: DEFAULT_MATCH_THRESHOLD }));
