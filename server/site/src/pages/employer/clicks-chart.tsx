import { DayBarsChart } from '../day-bars-chart';
import { useEmployerText, type ClickDays } from './employer-text';

/** The employer's apply clicks per day: bars and the same numbers in a table. */
export function ClicksChart({ data }: { data: ClickDays }) {
  const { t, lang } = useEmployerText();
  return (
    <DayBarsChart days={data.items.map((d) => ({ date: d.date, count: d.clicks }))} lang={lang}
      text={{ chart: t('clicks.chart'), caption: t('clicks.table'), day: t('clicks.day'), count: t('clicks.count') }} />
  );
}
