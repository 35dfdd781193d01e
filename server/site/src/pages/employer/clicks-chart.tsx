import { useId } from 'react';
import { useEmployerText, type ClickDays } from './employer-text';

/**
 * Clicks per day as a plain SVG bar chart (no chart library: a few hundred bytes), with the same
 * numbers in a table beside it for screen readers and anyone who wants them exact.
 */
export function ClicksChart({ data }: { data: ClickDays }) {
  const { t, lang } = useEmployerText();
  const titleId = useId();
  const days = data.items;
  const max = Math.max(1, ...days.map((d) => d.clicks));
  const W = 600, H = 180, PAD = 24, barW = (W - PAD * 2) / Math.max(1, days.length);
  const dayLabel = (date: string, style: 'short' | 'long') =>
    new Intl.DateTimeFormat(lang, style === 'short' ? { month: 'short', day: 'numeric', timeZone: 'UTC' } : { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
  return (
    <div className="chart-and-table">
      <svg className="chart" viewBox={`0 0 ${W} ${H + 30}`} width={W} role="img" aria-labelledby={titleId}>
        <title id={titleId}>{t('clicks.chart')}</title>
        <line className="axis" x1={PAD} y1={H} x2={W - PAD} y2={H} />
        <text x={2} y={PAD - 8}>{max}</text>
        {days.map((d, i) => {
          const h = (d.clicks / max) * (H - PAD);
          return <rect key={d.date} className="bar" x={PAD + i * barW + 1} y={H - h} width={Math.max(1, barW - 2)} height={h} />;
        })}
        {days.filter((_, i) => i % 7 === 0 || i === days.length - 1).map((d) => {
          const i = days.indexOf(d);
          return <text key={d.date} x={PAD + i * barW} y={H + 16}>{dayLabel(d.date, 'short')}</text>;
        })}
      </svg>
      <div className="table-scroll clicks-table">
        <table className="data-table counts">
          <caption>{t('clicks.table')}</caption>
          <thead><tr><th scope="col">{t('clicks.day')}</th><th scope="col">{t('clicks.count')}</th></tr></thead>
          <tbody>{[...days].reverse().map((d) => <tr key={d.date}><th scope="row"><time dateTime={d.date}>{dayLabel(d.date, 'long')}</time></th><td>{d.clicks}</td></tr>)}</tbody>
        </table>
      </div>
    </div>
  );
}
