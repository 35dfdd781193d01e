import { createRequire } from 'node:module';
import { CronExpressionParser } from 'cron-parser';
import { CoreError } from '../errors/codes.js';

/**
 * The cron parser pg-boss itself fires schedules with (its own, older cron-parser): an expression
 * it cannot read would be refused when the schedule is written, so it is checked here first.
 */
const bossCron = (() => {
  try {
    const fromBoss = createRequire(createRequire(import.meta.url).resolve('pg-boss'));
    const parser = fromBoss('cron-parser') as { parseExpression?: (expr: string, options: { tz: string }) => { next(): unknown } };
    return typeof parser.parseExpression === 'function' ? parser.parseExpression.bind(parser) : undefined;
  } catch {
    return undefined;
  }
})();

/** Plugin schedules and the engine's own cron jobs run on Toronto time unless told otherwise. */
export const DEFAULT_TIMEZONE = 'America/Toronto';

/**
 * Why `expr` cannot be a schedule, or undefined when it can. pg-boss takes 5-field cron only
 * (one-minute granularity), and its own (older) cron-parser does not know `H` hashes, so both are
 * refused here rather than at the moment the schedule is written.
 */
export function cronProblem(expr: string, tz = DEFAULT_TIMEZONE): string | undefined {
  const fields = expr.trim().split(/\s+/);
  if (fields.length !== 5) return `"${expr}" is not a 5-field cron expression (minute hour day month weekday)`;
  if (fields.some((f) => /(^|[^a-z])h([^a-z]|$)/i.test(f))) return `"${expr}": hashed (H) fields are not supported`;
  try {
    CronExpressionParser.parse(expr, { tz }).next();
    bossCron?.(expr, { tz }).next();
    return undefined;
  } catch (error) {
    return `"${expr}" is not a valid cron expression: ${(error as Error).message}`;
  }
}

/** Throws `PF_ERR_VALIDATION` (400) naming the problem when `expr` is not a usable schedule. */
export function assertCron(expr: string, tz = DEFAULT_TIMEZONE): void {
  const problem = cronProblem(expr, tz);
  if (problem) throw new CoreError('PF_ERR_VALIDATION', `schedule: ${problem}`, { statusCode: 400, details: { field: 'schedule' } });
}

/** The next time `expr` fires after `from`, in `tz`; undefined for an unusable expression. */
export function nextCronTime(expr: string, from: Date = new Date(), tz = DEFAULT_TIMEZONE): Date | undefined {
  if (cronProblem(expr, tz)) return undefined;
  return CronExpressionParser.parse(expr, { tz, currentDate: from }).next().toDate();
}
