import type { Lang } from './i18n';

const DAY = 86_400_000;

/** A date as people read it: "March 5, 2026" / « 5 mars 2026 ». */
export function formatDate(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'America/Toronto' }).format(new Date(iso));
}

/** Dollars, without cents when whole: "$25" / « 25 $ ». */
export function formatMoney(amount: number, lang: Lang): string {
  return new Intl.NumberFormat(lang, { style: 'currency', currency: 'CAD', maximumFractionDigits: Number.isInteger(amount) ? 0 : 2 }).format(amount);
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
  const rtf = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
  if (Math.abs(days) >= 60) return rtf.format(Math.round(days / 30), 'month');
  return rtf.format(days, 'day');
}
