import { execFile } from 'node:child_process';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command; a non-zero exit is a result, not a throw. VITEST* variables are not passed on. */
export function run(cmd: string, args: string[], options: { cwd: string; env?: Record<string, string>; timeout?: number }): Promise<RunResult> {
  const env = { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST'))), ...options.env };
  return new Promise((resolve) => {
    execFile(cmd, args, { cwd: options.cwd, env, timeout: options.timeout ?? 300_000, maxBuffer: 20_000_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? (error as { code: number }).code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

export async function runOk(cmd: string, args: string[], options: Parameters<typeof run>[2]): Promise<string> {
  const result = await run(cmd, args, options);
  if (result.code !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${result.code} in ${options.cwd}:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

