import type { Command } from './command.js';
import { UsageError } from './command.js';
import { commands } from './commands/index.js';
import { API_VERSION } from '../version.js';

function mainUsage(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Usage: pathfinder <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `pathfinder <command> --help` for a command\'s options. Configuration comes from the',
    'environment (see docs/configuration.md).',
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${mainUsage()}\n`);
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write(`${API_VERSION}\n`);
    return 0;
  }
  const command: Command | undefined = commands.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`pathfinder: unknown command "${name}"\n\n${mainUsage()}\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${command.usage}\n`);
    return 0;
  }
  try {
    return (await command.run(rest)) ?? 0;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`pathfinder ${name}: ${error.message}\n\n${command.usage}\n`);
      return 2;
    }
    // Coded errors (engine, config, SDK) carry a message meant for the user: no stack trace.
    if (error instanceof Error && typeof (error as { code?: unknown }).code === 'string' && /^PF_ERR_/.test((error as unknown as { code: string }).code)) {
      process.stderr.write(`pathfinder ${name}: ${error.message}\n`);
      return 1;
    }
    process.stderr.write(`pathfinder ${name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  }
}

const code = await main(process.argv.slice(2));
// Long-running commands (start, serve, worker) return -1 and keep the process alive.
if (code >= 0) process.exit(code);
