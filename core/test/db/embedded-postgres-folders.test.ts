import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { startEmbeddedPostgres } from '../../src/db/embedded-postgres.js';
import { canEnter, postgresAccount } from '../../src/db/embedded/postgres-account.js';
import { CLUSTER_LOCATION_NOTE } from '../../src/db/embedded/cluster-folder.js';

const asRoot = process.getuid?.() === 0;

describe('embedded Postgres in a folder only its owner may enter', () => {
  it('canEnter follows every folder from / and the owner/group/other bits', async () => {
    const account = { name: 'someone', uid: 4242, gid: 4242 };
    const top = await fs.mkdtemp(path.join(os.tmpdir(), 'pf-enter-'));
    try {
      const inner = path.join(top, 'a', 'b');
      await fs.mkdir(inner, { recursive: true });
      await fs.chmod(top, 0o711);
      expect(await canEnter(account, inner)).toBe(true);
      expect(await canEnter(account, path.join(inner, 'not-yet', 'made'))).toBe(true);
      await fs.chmod(path.join(top, 'a'), 0o700);
      expect(await canEnter(account, inner)).toBe(false);
      // The owner's own bits count for the owner.
      const me = { name: 'me', uid: (await fs.stat(top)).uid, gid: 99999 };
      expect(await canEnter(me, inner)).toBe(true);
    } finally {
      await fs.rm(top, { recursive: true, force: true });
    }
  });

  it('starts, and changes no permission above the data folder', async () => {
    const home = await fs.mkdtemp(path.join(os.tmpdir(), 'pf-home-')); // mkdtemp folders are 0700
    const dataDir = path.join(home, 'project', '.pathfinder', 'pg');
    const cluster = await startEmbeddedPostgres({ dataDir });
    try {
      const client = new pg.Client({ connectionString: cluster.adminUrl });
      await client.connect();
      const { rows } = await client.query('select pg_encoding_to_char(encoding) as enc from pg_database where datname = current_database()');
      await client.end();
      expect(rows[0].enc).toBe('UTF8');
      expect((await fs.stat(home)).mode & 0o777).toBe(0o700);
      const account = await postgresAccount();
      if (asRoot && account && !(await canEnter(account, dataDir))) {
        // As root, the server runs as `postgres`, which cannot enter the home: the cluster lives where it can, and a note says so.
        expect(cluster.clusterDir.startsWith(dataDir)).toBe(false);
        expect(await fs.readFile(path.join(dataDir, CLUSTER_LOCATION_NOTE), 'utf8')).toContain(cluster.clusterDir);
      } else {
        expect(cluster.clusterDir).toBe(path.join(dataDir, 'cluster'));
      }
    } finally {
      await cluster.stop();
      if (!cluster.clusterDir.startsWith(home)) await fs.rm(cluster.clusterDir, { recursive: true, force: true });
      await fs.rm(home, { recursive: true, force: true });
    }
  });

  it('a second start on the same data folder finds the same cluster and its data', async () => {
    const home = await fs.mkdtemp(path.join(os.tmpdir(), 'pf-home-'));
    const dataDir = path.join(home, 'pg');
    let cluster = await startEmbeddedPostgres({ dataDir });
    try {
      const client = new pg.Client({ connectionString: cluster.adminUrl });
      await client.connect();
      await client.query('create table kept (v int); insert into kept values (7)');
      await client.end();
      await cluster.stop();
      cluster = await startEmbeddedPostgres({ dataDir });
      const again = new pg.Client({ connectionString: cluster.adminUrl });
      await again.connect();
      const { rows } = await again.query('select v from kept');
      await again.end();
      expect(rows).toEqual([{ v: 7 }]);
    } finally {
      await cluster.stop();
      if (!cluster.clusterDir.startsWith(home)) await fs.rm(cluster.clusterDir, { recursive: true, force: true });
      await fs.rm(home, { recursive: true, force: true });
    }
  });
});
