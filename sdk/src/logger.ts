/**
 * Where a plugin writes what it does. The engine stores these lines in the crawl log.
 *
 * @example
 * ```ts
 * ctx.log.info('page fetched', { url: res.url, cards: cards.length });
 * ctx.log.warn('no closing date', { id });
 * ```
 */
export interface Logger {
  debug(msg: string, data?: object): void;
  info(msg: string, data?: object): void;
  warn(msg: string, data?: object): void;
  error(msg: string, data?: object): void;
}

/** A logger that drops everything (the default outside the engine). */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/** One line captured by {@link createMemoryLogger}. */
export interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  msg: string;
  data?: object;
}

/**
 * A logger that keeps every line in memory (tests, the test kit).
 *
 * @example
 * ```ts
 * const log = createMemoryLogger();
 * log.warn('x');
 * log.lines; // [{ level: 'warn', msg: 'x' }]
 * ```
 */
export function createMemoryLogger(): Logger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at = (level: LogLine['level']) => (msg: string, data?: object) => {
    lines.push(data === undefined ? { level, msg } : { level, msg, data });
  };
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
