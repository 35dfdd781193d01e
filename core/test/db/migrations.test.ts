import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { createTestDatabase, dropTestDatabase } from '../../src/testing/index.js';
import { createOrm } from '../../src/db/orm.js';
import { migrate, migrationNames, pendingMigrations } from '../../src/db/migrate.js';
import { migrationsList } from '../../src/db/migrations/index.js';
import { inject } from 'vitest';
import { ensureDatabase } from '../../src/db/embedded-postgres.js';
import { withDatabase } from '../../src/testing/database-urls.js';

describe('migrations', () => {
  it('apply to an empty database, seed the 13 provinces, and are idempotent', async () => {
    const name = `pf_empty_${Date.now()}`;
    await ensureDatabase(inject('pgAdminUrl'), name);
    const url = withDatabase(inject('pgAdminUrl'), name);
    const orm = await createOrm(url);
    try {
      expect(await pendingMigrations(orm)).toEqual(migrationsList.map((m) => m.name));
      const first = await migrate(orm);
      expect(first).toEqual(migrationsList.map((m) => m.name));
      expect(await pendingMigrations(orm)).toEqual([]);
      expect(await migrate(orm)).toEqual([]);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const { rows } = await client.query('select code, name_en, name_fr from provinces order by code');
      // One applied migration forgotten by the table is pending again, whatever the others.
      const last = migrationsList.at(-1)!.name;
      await client.query('delete from mikro_orm_migrations where name = $1', [last]);
      expect(await pendingMigrations(orm)).toEqual([last]);
      await client.end();
      expect(rows.map((r) => r.code)).toEqual(['AB', 'BC', 'MB', 'NB', 'NL', 'NS', 'NT', 'NU', 'ON', 'PE', 'QC', 'SK', 'YT']);
      expect(rows.find((r) => r.code === 'QC')).toMatchObject({ name_en: 'Quebec', name_fr: 'Québec' });
    } finally {
      await orm.close();
      await dropTestDatabase(url);
    }
  });

  it('are registered in index.ts exactly as the folder holds them (what a start checks without loading them)', async () => {
    expect(await migrationNames()).toEqual(migrationsList.map((m) => m.name));
  });

  it('leave the entities and the schema in agreement (no pending diff)', async () => {
    const url = await createTestDatabase();
    const orm = await createOrm(url);
    try {
      const diff = await orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false });
      expect(diff.trim()).toBe('');
    } finally {
      await orm.close();
      await dropTestDatabase(url);
    }
  });
});
