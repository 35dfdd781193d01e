/** Bounded child-process runs for the scaffold tests (the CLI, vitest, tsc). */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const PATHFINDER_BIN = path.join(REPO, 'server/bin/pathfinder.js');
export const VITEST_BIN = path.join(REPO, 'node_modules/vitest/vitest.mjs');
export const TSC_BIN = path.join(REPO, 'node_modules/typescript/bin/tsc');

export interface ChildResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node <args>` and resolves with its exit code and output (never rejects on a non-zero
 * exit). Killed after `timeoutMs`. The parent's vitest variables are dropped so that a child
 * vitest behaves like one started from a terminal.
 */
export function runNode(args: string[], o: { cwd?: string; timeoutMs?: number; env?: Record<string, string> } = {}): Promise<ChildResult> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined || /^(VITEST|TEST$|NODE_ENV$|PATHFINDER_UPDATE_GOLDEN$)/.test(k)) continue;
    env[k] = v;
  }
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      args,
      { cwd: o.cwd ?? REPO, timeout: o.timeoutMs ?? 120_000, env: { ...env, NO_COLOR: '1', ...o.env }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? (error as { code: number }).code : 1) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });
}
