import fs from 'node:fs/promises';
import type { IMigrator } from '@mikro-orm/core';
import type { MikroORM } from '@mikro-orm/postgresql';
import { MIGRATIONS_DIR } from './orm.js';

/** Postgres' "undefined_table" and "invalid_schema_name": no migrations table yet (an empty database). */
const NO_TABLE = new Set(['42P01', '3F000']);

/** A migration's module, compiled or not (`X.d.ts` and `X.js.map` are not: no dot in the name). */
const MIGRATION_FILE = /^(Migration\d+\w*)\.(?:js|ts)$/;

/**
 * The names of the migrations beside this module, in order, from the folder's listing rather than
 * from `migrations/index.ts`: importing that loads every migration and, through them,
 * `@mikro-orm/migrations` (umzug, fs-extra, globbing…, ~6 MB held for the life of the process).
 * The listing and index.ts agree (core/test/db/migrations.test.ts); a file missing from index.ts
 * would only make every start load the migrator to find nothing to apply.
 */
export async function migrationNames(dir = MIGRATIONS_DIR): Promise<string[]> {
  const names = (await fs.readdir(dir)).map((file) => MIGRATION_FILE.exec(file)?.[1]).filter((name) => name !== undefined);
  return [...new Set(names)].sort();
}

/**
 * The migrations that the database has not applied, in order (all of them on an empty database),
 * from one query on MikroORM's `mikro_orm_migrations` table. Loads neither the migrator nor the
 * migrations: a start with nothing to apply, the usual case, never holds them in memory.
 *
 * @example
 * if ((await pendingMigrations(orm)).length > 0) await migrate(orm);
 */
export async function pendingMigrations(orm: MikroORM): Promise<string[]> {
  const names = await migrationNames();
  // Where MikroORM's storage keeps it: `schema.table`, or the table in the configured (else default) schema.
  const [table, schema] = (orm.config.get('migrations').tableName ?? 'mikro_orm_migrations').split('.').reverse() as [string, string?];
  const qualified = `"${schema ?? orm.config.get('schema', orm.em.getPlatform().getDefaultSchemaName())}"."${table}"`;
  let rows: { name: string }[];
  try {
    rows = await orm.em.getConnection().execute<{ name: string }[]>(`select name from ${qualified}`);
  } catch (error) {
    if (NO_TABLE.has((error as { code?: string }).code ?? '')) return names;
    throw error;
  }
  // MikroORM records names without an extension; its storage also accepts rows with `.js`/`.ts`.
  const applied = new Set(rows.map((row) => row.name.replace(/\.(js|ts)$/, '')));
  return names.filter((name) => !applied.has(name));
}

/**
 * The ORM's migrator with every migration registered: imports `@mikro-orm/migrations` and the
 * migration classes on first call (the ORM's options leave both out, see `ormOptions`).
 */
export async function loadMigrator(orm: MikroORM): Promise<IMigrator> {
  const [{ Migrator }, { migrationsList }] = await Promise.all([import('@mikro-orm/migrations'), import('./migrations/index.js')]);
  if (orm.config.get('migrations').migrationsList !== migrationsList) {
    orm.config.set('migrations', { ...orm.config.get('migrations'), migrationsList });
    Migrator.register(orm);
  }
  return orm.getMigrator();
}

/**
 * Applies pending migrations; returns the names applied (empty when up to date). The migrator is
 * loaded only when {@link pendingMigrations} finds something to apply.
 */
export async function migrate(orm: MikroORM): Promise<string[]> {
  if ((await pendingMigrations(orm)).length === 0) return [];
  const applied = await (await loadMigrator(orm)).up();
  return applied.map((m) => m.name);
}
