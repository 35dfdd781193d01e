import fs from 'node:fs/promises';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { CoreError } from '../../errors/codes.js';

const execFileAsync = promisify(execFile);

/** The operating-system account the Postgres server runs as, when it is not this process's own. */
export interface PostgresAccount {
  name: string;
  uid: number;
  gid: number;
}

const ACCOUNT = 'postgres';

async function lookup(name: string): Promise<PostgresAccount | undefined> {
  try {
    const { stdout } = await execFileAsync('getent', ['passwd', name]);
    const [, , uid, gid] = stdout.trim().split(':');
    return { name, uid: Number(uid), gid: Number(gid) };
  } catch {
    return undefined;
  }
}

/**
 * Postgres refuses to run as root, so as root the server runs as `postgres` (created as a system
 * account when missing). As anyone else it runs as that user, and `undefined` is returned.
 */
export async function postgresAccount(): Promise<PostgresAccount | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const existing = await lookup(ACCOUNT);
  if (existing) return existing;
  try {
    await execFileAsync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', ACCOUNT]);
  } catch (error) {
    throw new CoreError(
      'PF_ERR_EMBEDDED_POSTGRES',
      `Postgres cannot run as root and there is no "${ACCOUNT}" user to run it as; creating one failed ` +
        `(${(error as Error).message.trim()}). Create it (useradd --system ${ACCOUNT}) or set DATABASE_URL.`,
      { cause: error },
    );
  }
  const created = await lookup(ACCOUNT);
  if (!created) throw new CoreError('PF_ERR_EMBEDDED_POSTGRES', `The "${ACCOUNT}" user was created but cannot be looked up.`);
  return created;
}

/**
 * Whether `account` may enter `dir`: every existing folder from `/` down to it grants it the search
 * bit, as owner, group or other. Supplementary groups are ignored, so the answer errs towards "no"
 * (which costs a relocation, never a failed start).
 */
export async function canEnter(account: PostgresAccount, dir: string): Promise<boolean> {
  let current = path.resolve(dir);
  const chain: string[] = [];
  for (;;) {
    chain.push(current);
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const folder of chain.reverse()) {
    let stat;
    try {
      stat = await fs.stat(folder);
    } catch {
      return true; // The rest is yet to be created, by us, with modes we choose.
    }
    const bit = stat.uid === account.uid ? 0o100 : stat.gid === account.gid ? 0o010 : 0o001;
    if ((stat.mode & bit) === 0) return false;
  }
  return true;
}
