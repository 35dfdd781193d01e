import { describe, expect, it } from 'vitest';
import { loadConfig } from '@pathfinder/core';
import { secretKeyWarning } from '../src/auth/secret-key.js';

describe('secretKeyWarning', () => {
  it('warns when an external database (DATABASE_URL) is used with the key file beside the data folder', () => {
    const warning = secretKeyWarning(loadConfig({ DATABASE_URL: 'postgres://db.internal/pathfinder', PATHFINDER_DATA_DIR: '/srv/pf' }));
    expect(warning).toMatch(/PATHFINDER_SECRET_KEY is unset/);
    expect(warning).toContain('/srv/pf/secret.key');
  });

  it('stays quiet with PATHFINDER_SECRET_KEY set, or with the embedded database (key and data in one folder)', () => {
    expect(secretKeyWarning(loadConfig({ DATABASE_URL: 'postgres://db.internal/pathfinder', PATHFINDER_SECRET_KEY: 'k'.repeat(32) }))).toBeUndefined();
    expect(secretKeyWarning(loadConfig({}))).toBeUndefined();
  });
});
