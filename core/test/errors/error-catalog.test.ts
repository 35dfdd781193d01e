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

  it('the engine defines no code the SDK already owns, and every code has the PF_ERR_ form', () => {
    // The pipeline reuses the SDK's PF_ERR_POSTING_INVALID on purpose (same meaning); core must not shadow SDK codes.
    const clash = Object.keys(CoreErrorCodes).filter((code) => code in ErrorCodes);
    expect(clash).toEqual([]);
    for (const catalog of Object.values(catalogs)) for (const code of Object.keys(catalog)) expect(code).toMatch(/^PF_ERR_[A-Z0-9_]+$/);
  });
});
