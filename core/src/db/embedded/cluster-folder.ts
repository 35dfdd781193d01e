import fs from 'node:fs/promises';
import path from 'node:path';
import crypto from 'node:crypto';
import { canEnter, type PostgresAccount } from './postgres-account.js';
import { SHARED_RUNTIME_DIR } from './postgres-binaries.js';

/** The note left in the data folder when the cluster had to live elsewhere. */
export const CLUSTER_LOCATION_NOTE = 'cluster-location.txt';

/**
 * The folder for the cluster of `dataDir`: `dataDir/cluster`, owned by the server's account. The
 * data folder itself is ours to open to that account (search bit only); its ancestors are not. When
 * one of them shuts the account out (a `0700` home), the cluster lives in
 * `/var/lib/pathfinder/clusters/cluster-<hash of dataDir>` instead, the same one on every start, and a
 * note in the data folder says where.
 */
export async function prepareClusterFolder(
  dataDir: string,
  account: PostgresAccount | undefined,
  log: (line: string) => void,
): Promise<string> {
  await fs.mkdir(dataDir, { recursive: true });
  let clusterDir = path.join(dataDir, 'cluster');
  if (account) {
    const stat = await fs.stat(dataDir);
    if ((stat.mode & 0o001) === 0) await fs.chmod(dataDir, (stat.mode & 0o7777) | 0o711);
    if (!(await canEnter(account, dataDir))) {
      const hash = crypto.createHash('sha256').update(dataDir).digest('hex').slice(0, 12);
      clusterDir = path.join(SHARED_RUNTIME_DIR, 'clusters', `cluster-${hash}`);
      await fs.mkdir(path.dirname(clusterDir), { recursive: true, mode: 0o755 });
      await fs.writeFile(
        path.join(dataDir, CLUSTER_LOCATION_NOTE),
        `The embedded Postgres cluster of ${dataDir} is in ${clusterDir}:\n` +
          `the "${account.name}" user cannot enter ${dataDir}, and Pathfinder changes no permission outside it.\n`,
      );
      log(`The "${account.name}" user cannot enter ${dataDir}; the database cluster is in ${clusterDir}.`);
    }
  }
  await fs.mkdir(clusterDir, { recursive: true, mode: 0o700 });
  if (account) await fs.chown(clusterDir, account.uid, account.gid);
  return clusterDir;
}
