import type { SalaryPeriod } from '../posting/enums.js';

/** What {@link parseSalary} found. */
export interface ParsedSalary {
  min?: number;
  max?: number;
  period?: SalaryPeriod;
  /** 'CAD' or 'USD' when the text says so; absent for a bare '$'. */
  currency?: string;
}

const HOUR = /\b(per|an|a|\/)\s*(hour|hr)\b|\bhourly\b|\/\s*h(ou)?r?\b|\bper hr\b|\bde l'heure\b|\bl'heure\b|\/\s*heure|\bheure\b|\bhoraire\b/i;
const YEAR = /\b(per|a|an|\/)\s*(year|yr|annum)\b|\bannual(ly)?\b|\byearly\b|\bp\.?a\.?\b|\/\s*an\b|\bpar an(n[ée]e)?\b|\bannuel(le)?\b/i;
const MONTH = /\b(per|a|\/)\s*month\b|\bmonthly\b|\bpar mois\b|\/\s*mois\b/i;
const BIWEEK = /\bbi-?weekly\b|\b(per|every) (two|2) weeks\b|\baux deux semaines\b/i;
const WEEK = /\b(per|a|\/)\s*week\b|\bweekly\b|\bpar semaine\b/i;

/**
 * Reads a salary or wage: min/max, period (hour or year; monthly and weekly amounts are converted
 * to yearly; bi-weekly too) and currency. A single amount gives min = max; "up to" gives only max; "from"/"starting at"
 * only min. Without a period word, amounts under 200 are taken as hourly and amounts from 10 000 as
 * yearly. Returns undefined when the text holds no amount.
 *
 * @example
 * ```ts
 * parseSalary('$25.64 to $29.86 per hour');  // { min: 25.64, max: 29.86, period: 'hour' }
 * parseSalary('$48,000 to $52,000 per year'); // { min: 48000, max: 52000, period: 'year' }
 * parseSalary('$60K-$70K');                   // { min: 60000, max: 70000, period: 'year' }
 * parseSalary('60000.00');                    // { min: 60000, max: 60000, period: 'year' }
 * ```
 */
export function parseSalary(s: string | number): ParsedSalary | undefined {
  if (typeof s === 'number') return Number.isFinite(s) && s > 0 ? withPeriod({ min: s, max: s }, String(s)) : undefined;
  if (!s) return undefined;
  const text = s.replace(/\u00a0|\u202f/g, ' ');
  const found = [...text.matchAll(/(\$\s*)?(\d{1,3}(?:[, ]\d{3})+|\d+)(?:[.,](\d{1,2}))?(?!\d)\s*([kK](?![a-z]))?(\s*\$)?/g)].map((m) => {
    let v = Number(m[2]!.replace(/[, ]/g, '')) + (m[3] ? Number(`0.${m[3]}`) : 0);
    if (m[4]) v *= 1000;
    return { v, marked: !!(m[1] || m[4] || m[5]) };
  });
  // "40 hours per week, $20/hour": when some amounts carry a currency sign, the others are not pay.
  const marked = found.filter((a) => a.marked);
  const amounts = (marked.length > 0 ? marked : found).map((a) => a.v).filter((v) => v > 0);
  if (amounts.length === 0) return undefined;

  const out: ParsedSalary = {};
  if (/\bCAD\b|C\$|CA\$|\bcanadian\b/i.test(text)) out.currency = 'CAD';
  else if (/\bUSD\b|US\$|\bU\.S\. dollars\b/i.test(text)) out.currency = 'USD';

  if (amounts.length >= 2) {
    out.min = Math.min(amounts[0]!, amounts[1]!);
    out.max = Math.max(amounts[0]!, amounts[1]!);
  } else if (/\b(up to|maximum|max|jusqu'?à)\b/i.test(text)) out.max = amounts[0]!;
  else if (/\b(from|starting at|starts at|minimum|min|at least|à partir de)\b/i.test(text)) out.min = amounts[0]!;
  else out.min = out.max = amounts[0]!;
  return withPeriod(out, text);
}

function withPeriod(out: ParsedSalary, text: string): ParsedSalary {
  let factor = 1;
  if (HOUR.test(text)) out.period = 'hour';
  else if (MONTH.test(text)) [out.period, factor] = ['year', 12];
  else if (BIWEEK.test(text)) [out.period, factor] = ['year', 26];
  else if (WEEK.test(text)) [out.period, factor] = ['year', 52];
  else if (YEAR.test(text)) out.period = 'year';
  else {
    const top = out.max ?? out.min ?? 0;
    if (top > 0 && top < 200) out.period = 'hour';
    else if (top >= 10_000) out.period = 'year';
  }
  if (factor !== 1) {
    if (out.min !== undefined) out.min = round2(out.min * factor);
    if (out.max !== undefined) out.max = round2(out.max * factor);
  }
  return out;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
