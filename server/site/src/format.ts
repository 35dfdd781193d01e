import type { Lang } from './i18n';

const DAY = 86_400_000;

/**
 * One formatter per language and options: building an Intl formatter costs far more than using it,
 * and a page of results formats dozens of amounts and dates.
 */
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat | Intl.ListFormat>();
function cached<F extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat | Intl.ListFormat>(key: string, make: () => F): F {
  let f = formatters.get(key) as F | undefined;
  if (!f) formatters.set(key, (f = make()));
  return f;
}

/** A date as people read it: "March 5, 2026" / « 5 mars 2026 ». */
export function formatDate(iso: string, lang: Lang): string {
  return cached(`date|${lang}`, () => new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'America/Toronto' })).format(new Date(iso));
}

/** Dollars, without cents when whole: "$25" / « 25 $ ». */
export function formatMoney(amount: number, lang: Lang): string {
  const whole = Number.isInteger(amount);
  return cached(`money|${lang}|${whole}`, () => new Intl.NumberFormat(lang, { style: 'currency', currency: 'CAD', maximumFractionDigits: whole ? 0 : 2 })).format(amount);
}

/** A salary range: "$20–$25", or one amount. */
export function formatPayRange(min: number | null, max: number | null, lang: Lang): string | null {
  if (min === null && max === null) return null;
  if (min !== null && max !== null && min !== max) return `${formatMoney(min, lang)}–${formatMoney(max, lang)}`;
  return formatMoney((max ?? min)!, lang);
}

/** "in 3 days" / « dans 3 jours », "tomorrow" / « demain », "2 days ago" / « il y a 2 jours ». */
export function relativeDays(iso: string, lang: Lang, now = Date.now()): string {
  const days = Math.round((new Date(iso).getTime() - now) / DAY);
  const rtf = cached(`relative|${lang}`, () => new Intl.RelativeTimeFormat(lang, { numeric: 'auto' }));
  if (Math.abs(days) >= 60) return rtf.format(Math.round(days / 30), 'month');
  return rtf.format(days, 'day');
}

/** Names as a sentence lists them: "Career Edge and MaRS" / « Career Edge et MaRS », each name once. */
export function formatList(names: readonly string[], lang: Lang): string {
  return cached(`list|${lang}`, () => new Intl.ListFormat(lang, { style: 'long', type: 'conjunction' })).format([...new Set(names)]);
}
