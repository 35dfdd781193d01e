import crypto from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createOrm } from '../db/orm.js';
import { TEMPLATE_DATABASE, withDatabase } from './database-urls.js';

export interface TestDatabase {
  /** URL of this file's own database (a clone of the migrated template). */
  readonly url: string;
  /** An ORM on it, opened in `beforeAll`. */
  readonly orm: MikroORM;
  /** Deletes every row of the named tables (fast reset between tests). */
  truncate(...tables: string[]): Promise<void>;
}

const ident = (s: string) => `"${s.replaceAll('"', '""')}"`;

/** Creates a database cloned from the migrated template; returns its URL. */
export async function createTestDatabase(name = `pf_test_${crypto.randomBytes(6).toString('hex')}`): Promise<string> {
  const adminUrl = inject('pgAdminUrl');
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(`create database ${ident(name)} template ${ident(TEMPLATE_DATABASE)}`);
        break;
      } catch (error) {
        // 55006: the template is busy because another file is cloning it at this instant.
        if ((error as { code?: string }).code !== '55006' || attempt > 50) throw error;
        await new Promise((r) => setTimeout(r, 50 + Math.random() * 100));
      }
    }
  } finally {
    await client.end();
  }
  return withDatabase(adminUrl, name);
}

export async function dropTestDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const client = new pg.Client({ connectionString: inject('pgAdminUrl') });
  await client.connect();
  try {
    await client.query(`drop database if exists ${ident(name)} with (force)`);
  } finally {
    await client.end();
  }
}

/**
 * Gives the calling test file a database of its own (migrated, provinces seeded), created before
 * its tests and dropped after them, so files run in parallel without seeing each other's rows.
 *
 * @example
 * const db = useTestDatabase();
 * it('stores a job', async () => { const em = db.orm.em.fork(); ... });
 */
export function useTestDatabase(): TestDatabase {
  let url = '';
  let orm: MikroORM | undefined;
  beforeAll(async () => {
    url = await createTestDatabase();
    orm = await createOrm(url);
  });
  afterAll(async () => {
    await orm?.close();
    if (url) await dropTestDatabase(url);
  });
  return {
    get url() {
      return url;
    },
    get orm() {
      if (!orm) throw new Error('useTestDatabase(): the database is ready only inside tests and hooks');
      return orm;
    },
    async truncate(...tables: string[]) {
      if (!orm || tables.length === 0) return;
      await orm.em.getConnection().execute(`truncate ${tables.map(ident).join(', ')} cascade`);
    },
  };
}
