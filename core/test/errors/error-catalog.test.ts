import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ErrorCodes } from '@pathfinder/sdk';
import { CoreErrorCodes } from '../../src/errors/codes.js';
import { PipelineErrorCodes } from '../../src/pipeline/index.js';

const docs = fs.readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../docs/errors.md'), 'utf8');

describe('the error catalog', () => {
  const catalogs = { core: CoreErrorCodes, sdk: ErrorCodes, pipeline: PipelineErrorCodes };
  for (const [name, catalog] of Object.entries(catalogs)) {
    it(`docs/errors.md lists every ${name} code`, () => {
      const missing = Object.keys(catalog).filter((code) => !docs.includes(`\`${code}\``));
      expect(missing).toEqual([]);
    });
  }

  it('no code is defined by two catalogs with different meanings', () => {
    const seen = new Map<string, string>();
    for (const [name, catalog] of Object.entries(catalogs)) {
      for (const code of Object.keys(catalog)) {
        expect(seen.has(code), `${code} is in both ${seen.get(code)} and ${name}`).toBe(false);
        seen.set(code, name);
      }
    }
    for (const code of seen.keys()) expect(code).toMatch(/^PF_ERR_[A-Z0-9_]+$/);
  });
});
