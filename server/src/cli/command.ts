/** One `pathfinder` sub-command: its usage text and what it does. */
export interface Command {
  name: string;
  summary: string;
  /** Full help, printed by `pathfinder <name> --help`. */
  usage: string;
  run(argv: string[]): Promise<number | void>;
}

/** A wrong invocation: printed with the command's usage, exit code 2. */
export class UsageError extends Error {}
