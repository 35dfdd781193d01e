import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ErrorCodes } from '../../src/index.js';
import { runSource, serveFixtures } from '../../src/testing/index.js';
import example from './readme-example.js';

const readmePath = fileURLToPath(new URL('../../README.md', import.meta.url));

describe('README', () => {
  it('lists every error code in ErrorCodes, and no unknown one', async () => {
    const readme = await readFile(readmePath, 'utf8');
    const listed = new Set([...readme.matchAll(/^\|\s*`(PF_ERR_[A-Z_]+)`\s*\|/gm)].map((m) => m[1]));
    expect([...listed].sort()).toEqual(Object.keys(ErrorCodes).sort());
  });

  it('gives each code the meaning ErrorCodes gives it, word for word', async () => {
    const readme = await readFile(readmePath, 'utf8');
    const rows = new Map([...readme.matchAll(/^\|\s*`(PF_ERR_[A-Z_]+)`\s*\|\s*(.+?)\s*\|$/gm)].map((m) => [m[1]!, m[2]!]));
    expect(Object.fromEntries(rows)).toEqual(ErrorCodes);
  });

  it('shows the example source exactly as compiled and tested here', async () => {
    const readme = await readFile(readmePath, 'utf8');
    const code = await readFile(fileURLToPath(new URL('./readme-example.ts', import.meta.url)), 'utf8');
    expect(readme).toContain(`\`\`\`ts\n${code}\`\`\``);
  });

  it('the example source runs against recorded pages', async () => {
    const server = await serveFixtures(fileURLToPath(new URL('../fixtures/example-board', import.meta.url)));
    try {
      const run = await runSource(example, { baseUrl: server.origin, config: { maxItems: 5 } });
      expect(run.error).toBeUndefined();
      expect(run.invalid).toEqual([]);
      expect(run.postings.map((p) => [p.title, p.companyName, p.city, p.province])).toEqual([
        ['Junior Data Analyst', 'City of Example', 'Halifax', 'NS'],
        ['Summer Co-op Student', 'Parks & Trails', 'Regina', 'SK'],
      ]);
      expect(run.state).toEqual({ lastGuid: '2' });
    } finally {
      await server.close();
    }
  });
});
