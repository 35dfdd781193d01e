import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, ensureDatabase, type EmbeddedCluster } from '../db/embedded-postgres.js';
import { connectAndMigrate } from '../db/database.js';
import { TEMPLATE_DATABASE, withDatabase } from './database-urls.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A URL on the test cluster whose role may create databases. */
    pgAdminUrl: string;
  }
}

/**
 * Starts one real Postgres for the whole run (or uses DATABASE_URL's server), migrates a template
 * database once, and hands the URL to the tests; each test file clones the template (fast).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let cluster: EmbeddedCluster | undefined;
  let tmp: string | undefined;
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'pathfinder-test-'));
    cluster = await startEmbeddedPostgres({ dataDir: tmp });
    adminUrl = cluster.adminUrl;
  }
  try {
    await prepareTemplate(adminUrl);
  } catch (error) {
    await cluster?.stop();
    throw error;
  }
  project.provide('pgAdminUrl', adminUrl);

  return async () => {
    await cluster?.stop();
    if (tmp) await fs.rm(tmp, { recursive: true, force: true });
  };
}

/** A fresh template each run: the migrations under test are the ones in the tree. */
async function prepareTemplate(adminUrl: string): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`drop database if exists "${TEMPLATE_DATABASE}" with (force)`);
  await client.end();
  await ensureDatabase(adminUrl, TEMPLATE_DATABASE);
  const { orm } = await connectAndMigrate(withDatabase(adminUrl, TEMPLATE_DATABASE));
  await orm.close();
}
