import type { SalaryPeriod } from '@pathfinder/sdk';

/** Above this an amount cannot be an hourly wage. */
export const MAX_HOURLY = 250;
/** Below this an amount cannot be a yearly salary (it is a stipend, a monthly or weekly amount…). */
export const MIN_YEARLY = 10_000;

/** The salary fields of a posting. */
export interface SalaryFields {
  salaryMin?: number;
  salaryMax?: number;
  salaryPeriod?: SalaryPeriod;
}

function amount(n: unknown): number | undefined {
  // 0 is how many boards say "not disclosed"; it is not a wage.
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : undefined;
}

function periodOf(n: number): SalaryPeriod | undefined {
  if (n <= MAX_HOURLY) return 'hour';
  if (n >= MIN_YEARLY) return 'year';
  return undefined;
}

/**
 * Makes the salary fields plausible: non-positive or non-numeric amounts dropped, min and max
 * swapped when reversed, and the period decided by the amounts (≤ 250 is hourly, ≥ 10,000 is yearly;
 * a stated period that contradicts them is corrected, one in between is dropped because it is neither).
 * A min on another scale than the max ("20 – 45,000") is dropped; with no amount there is no period.
 *
 * @example normalizeSalary({ salaryMin: 52000, salaryMax: 48000, salaryPeriod: 'hour' })
 * // { salaryMin: 48000, salaryMax: 52000, salaryPeriod: 'year' }
 */
export function normalizeSalary(s: SalaryFields): SalaryFields {
  let min = amount(s.salaryMin);
  let max = amount(s.salaryMax);
  if (min !== undefined && max !== undefined && min > max) [min, max] = [max, min];
  const top = max ?? min;
  if (top === undefined) return {};
  const period = periodOf(top);
  if (min !== undefined && max !== undefined && periodOf(min) !== period) min = undefined;
  const out: SalaryFields = {};
  if (min !== undefined) out.salaryMin = min;
  if (max !== undefined) out.salaryMax = max;
  if (period !== undefined) out.salaryPeriod = period;
  return out;
}
