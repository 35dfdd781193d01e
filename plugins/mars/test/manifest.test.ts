import { ConfigError, resolveConfig } from '@pathfinder/sdk';
import { describe, expect, it } from 'vitest';
import pkg from '../package.json' with { type: 'json' };
import mars from '../src/index.js';

describe('the mars manifest', () => {
  it('declares the source as agreed', () => {
    expect(mars).toMatchObject({
      kind: 'pathfinder-source',
      id: 'mars',
      name: 'MaRS Discovery District',
      version: pkg.version,
      sdk: '^1.1.0',
      baseUrl: 'https://techjobs.marsdd.com',
      crawlDelaySeconds: 5,
      schedule: '45 */6 * * *',
    });
  });

  it('fills every config default', () => {
    expect(resolveConfig(mars, {})).toEqual({
      apiOrigin: 'https://api.getro.com',
      collectionId: 383,
      seniorities: ['internship', 'entry'],
      hitsPerPage: 20,
      maxPages: 50,
      fetchDescriptions: true,
    });
    expect(resolveConfig(mars, { maxPages: 3 })).toMatchObject({ maxPages: 3, hitsPerPage: 20 });
  });

  it('rejects a bad config with a coded error naming the field', () => {
    const bad: [Record<string, unknown>, RegExp][] = [
      [{ seniorities: [] }, /seniorities/],
      [{ seniorities: ['Entry Level'] }, /seniorities/],
      [{ hitsPerPage: 0 }, /hitsPerPage/],
      [{ maxPages: 2.5 }, /maxPages/],
      [{ apiOrigin: 'ftp://api.getro.com' }, /apiOrigin/],
      [{ collectionId: 'mars' }, /collectionId/],
      [{ fetchDescription: false }, /fetchDescription/],
    ];
    for (const [raw, field] of bad) {
      let err: unknown;
      try {
        resolveConfig(mars, raw);
      } catch (e) {
        err = e;
      }
      expect(err, JSON.stringify(raw)).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).code).toBe('PF_ERR_CONFIG_INVALID');
      expect((err as Error).message).toMatch(field);
    }
  });
});
