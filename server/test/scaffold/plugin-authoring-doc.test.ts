/**
 * docs/plugin-authoring.md stays true: every ```ts block in it is quoted from a file of
 * docs/examples (which the repository typecheck compiles, `docs/**\/*.ts`), the guide's example
 * source passes its own test (imported below, so it runs here), and the helper results the guide
 * states are what the SDK returns.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from './child-process.js';
import '../../../docs/examples/example-source.test.js';

const docsDir = path.join(REPO, 'docs');
const guide = fs.readFileSync(path.join(docsDir, 'plugin-authoring.md'), 'utf8');

/** The ```ts blocks of a markdown text, without their fences. */
function tsBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
}

describe('docs/plugin-authoring.md', () => {
  const examples = fs
    .readdirSync(path.join(docsDir, 'examples'))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => ({ file: f, text: fs.readFileSync(path.join(docsDir, 'examples', f), 'utf8') }));

  it('quotes every TypeScript sample from a compiled file of docs/examples', () => {
    const blocks = tsBlocks(guide);
    expect(blocks.length).toBeGreaterThanOrEqual(5);
    const unquoted = blocks.filter((block) => !examples.some((e) => e.text.includes(block)));
    expect(unquoted, 'a ```ts block of the guide is not in any docs/examples/*.ts file').toEqual([]);
  });

  it('names only files that exist', () => {
    const named = [...guide.matchAll(/`((?:docs|examples|server|sdk|plugins)\/[\w./-]+\.(?:ts|md|json))`/g)].map((m) => m[1]);
    expect(named.length).toBeGreaterThan(3);
    expect(named.filter((p) => !fs.existsSync(path.join(REPO, p)))).toEqual([]);
  });
});

describe('docs/examples/helpers-tour.ts', () => {
  it('returns what its comments say', async () => {
    const { tour } = await import('../../../docs/examples/helpers-tour.js');
    const text = fs.readFileSync(path.join(docsDir, 'examples/helpers-tour.ts'), 'utf8');
    // Lines like `  date: parseDate('December 4, 2026'), // '2026-12-04T05:00:00.000Z'`
    const stated = [...text.matchAll(/^ {2}(\w+): .*, \/\/ (.+)$/gm)].map((m) => [m[1], m[2]] as const);
    expect(stated.map(([key]) => key).sort()).toEqual(Object.keys(tour).sort());
    for (const [key, literal] of stated) {
      // The comment is a JavaScript literal (a string or an object of strings, numbers, booleans).
      const expected: unknown = new Function(`return (${literal});`)();
      expect(tour[key as keyof typeof tour], key).toEqual(expected);
    }
  });
});
