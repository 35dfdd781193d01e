import fs from 'node:fs';
import { UsageError, type Command } from '../command.js';
import { parseCommandArgs } from '../parse-args.js';

export const dedupeCommand: Command = {
  name: 'dedupe',
  summary: 'Score the cross-source duplicate matcher on labelled pairs',
  usage: `Usage: pathfinder dedupe eval <pairs.jsonl> [--threshold T] [--mistakes]

Reads labelled pairs, one JSON object a line:
  {"a": <posting>, "b": <posting>, "same": true|false, "kind": "optional label"}
where each posting has the SDK's JobPosting fields (title and companyName at least) plus
"source". Runs the matcher the pipeline uses on each pair and prints how many of each kind
it got right, then last: precision P recall R f1 F threshold T pairs N

  --threshold T   score from which a pair is one job (default: the pipeline's)
  --mistakes      also print each pair the matcher got wrong, with its features`,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, { threshold: { type: 'string' }, mistakes: { type: 'boolean' } }, true);
    const [verb, file, ...rest] = positionals;
    if (verb !== 'eval') throw new UsageError(verb ? `unknown dedupe command "${verb}"` : 'missing "eval"');
    if (!file || rest.length) throw new UsageError('give exactly one pairs file');
    let threshold: number | undefined;
    if (values.threshold !== undefined) {
      threshold = Number(values.threshold);
      if (!/^\d*\.?\d+$/.test(values.threshold) || threshold > 1) throw new UsageError(`--threshold must be a number from 0 to 1, got "${values.threshold}"`);
    }
    const { evaluateMatcher, formatScoresLine, parsePairs, PairsFileError } = await import('@pathfinder/core');
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      process.stderr.write(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
      return 1;
    }
    let pairs;
    try {
      pairs = parsePairs(text);
    } catch (error) {
      if (!(error instanceof PairsFileError)) throw error;
      process.stderr.write(`${file}: ${error.message}\n`);
      return 1;
    }
    if (pairs.length === 0) {
      process.stderr.write(`${file}: no pairs\n`);
      return 1;
    }
    const evaluation = evaluateMatcher(pairs, threshold);
    for (const [kind, { right, total }] of [...evaluation.byKind].sort()) process.stdout.write(`${kind}: ${right}/${total} right\n`);
    if (values.mistakes) {
      for (const { pair, result } of evaluation.mistakes) {
        process.stdout.write(`wrong (labelled ${pair.same ? 'same' : 'different'}): score ${result.score}${result.veto ? ` veto ${result.veto}` : ''}: "${pair.a.title}" @ ${pair.a.companyName} | "${pair.b.title}" @ ${pair.b.companyName} ${JSON.stringify(result.features)}\n`);
      }
    }
    process.stdout.write(`${formatScoresLine(evaluation.scores)}\n`);
    return 0;
  },
};
