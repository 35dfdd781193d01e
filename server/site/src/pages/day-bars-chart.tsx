import { useId } from 'react';

export interface DayCount { date: string; count: number }

/**
 * Counts per day as a plain SVG bar chart (no chart library: a few hundred bytes of code), with the
 * same numbers in a table beside it for screen readers and for anyone who wants them exact.
 */
export function DayBarsChart({ days, lang, text }: { days: DayCount[]; lang: string; text: { chart: string; caption: string; day: string; count: string } }) {
  const titleId = useId();
  const max = Math.max(1, ...days.map((d) => d.count));
  const W = 600, H = 180, PAD = 24, barW = (W - PAD * 2) / Math.max(1, days.length);
  const dayLabel = (date: string, style: 'short' | 'long') =>
    new Intl.DateTimeFormat(lang, style === 'short' ? { month: 'short', day: 'numeric', timeZone: 'UTC' } : { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
  return (
    <div className="chart-and-table">
      <svg className="chart" viewBox={`0 0 ${W} ${H + 30}`} width={W} role="img" aria-labelledby={titleId}>
        <title id={titleId}>{text.chart}</title>
        <line className="axis" x1={PAD} y1={H} x2={W - PAD} y2={H} />
        <text x={2} y={PAD - 8}>{max}</text>
        {days.map((d, i) => {
          const h = (d.count / max) * (H - PAD);
          return <rect key={d.date} className="bar" x={PAD + i * barW + 1} y={H - h} width={Math.max(1, barW - 2)} height={h} />;
        })}
        {days.map((d, i) => (i % 7 === 0 || i === days.length - 1) && <text key={d.date} x={PAD + i * barW} y={H + 16}>{dayLabel(d.date, 'short')}</text>)}
      </svg>
      <table className="data-table counts">
        <caption>{text.caption}</caption>
        <thead><tr><th scope="col">{text.day}</th><th scope="col">{text.count}</th></tr></thead>
        <tbody>{[...days].reverse().map((d) => <tr key={d.date}><th scope="row"><time dateTime={d.date}>{dayLabel(d.date, 'long')}</time></th><td>{d.count}</td></tr>)}</tbody>
      </table>
    </div>
  );
}

/** Named counts (sources, jobs) as horizontal SVG bars, with the same numbers in a table beside them. */
export function NamedBarsChart({ rows, text }: { rows: { label: string; count: number }[]; text: { chart: string; caption: string; name: string; count: string } }) {
  const titleId = useId();
  const max = Math.max(1, ...rows.map((r) => r.count));
  const W = 600, ROW = 26, LABEL = 220;
  return (
    <div className="chart-and-table">
      <svg className="chart" viewBox={`0 0 ${W} ${Math.max(1, rows.length) * ROW + 10}`} width={W} role="img" aria-labelledby={titleId}>
        <title id={titleId}>{text.chart}</title>
        {rows.map((r, i) => (
          <g key={`${r.label}-${i}`}>
            <text x={0} y={i * ROW + 17}>{r.label.length > 32 ? `${r.label.slice(0, 31)}…` : r.label}</text>
            <rect className="bar" x={LABEL} y={i * ROW + 4} width={Math.max(1, ((W - LABEL - 40) * r.count) / max)} height={ROW - 8} />
            <text x={LABEL + ((W - LABEL - 40) * r.count) / max + 6} y={i * ROW + 17}>{r.count}</text>
          </g>
        ))}
      </svg>
      <table className="data-table counts">
        <caption>{text.caption}</caption>
        <thead><tr><th scope="col">{text.name}</th><th scope="col">{text.count}</th></tr></thead>
        <tbody>{rows.map((r, i) => <tr key={`${r.label}-${i}`}><th scope="row">{r.label}</th><td>{r.count}</td></tr>)}</tbody>
      </table>
    </div>
  );
}
