import { useEffect, useState } from 'react';
import type { paths } from '@pathfinder/sdk/client';
import { api, unwrap } from '../../api';
import { ErrorMessage } from '../form-parts';
import { DayBarsChart, NamedBarsChart } from '../day-bars-chart';
import { messageOf, useAdminText } from './admin-text';

type Report = paths['/api/v1/analytics/reports']['get']['responses'][200]['content']['application/json'];

/** `/admin/analytics`: apply clicks per day and per source, and the most clicked jobs, over the last 30 days; charts with their tables. */
export function AnalyticsPage() {
  const { t, lang } = useAdminText();
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.GET('/api/v1/analytics/reports').then(unwrap).then(setReport, (e) => setError(messageOf(e, t('genericError'))));
  }, [t]);
  return (
    <section aria-labelledby="analytics-heading">
      <h1 id="analytics-heading">{t('analytics.title')}</h1>
      <p>{t('analytics.range')}</p>
      <ErrorMessage error={error} />
      {report === null ? !error && <p role="status">{t('loading')}</p> : (
        <>
          <p>{t('analytics.total', { count: report.clicks.total, saved: report.savedJobsCreated, alerts: report.alertsCreated })}</p>
          <h2>{t('analytics.byDay')}</h2>
          <DayBarsChart days={report.clicks.byDay.map((d) => ({ date: d.day, count: d.count }))} lang={lang}
            text={{ chart: t('analytics.byDayChart'), caption: t('analytics.byDay'), day: t('analytics.day'), count: t('analytics.clicks') }} />
          <h2>{t('analytics.bySource')}</h2>
          {report.clicks.bySource.length === 0 ? <p>{t('analytics.none')}</p> : (
            <NamedBarsChart rows={report.clicks.bySource.map((s) => ({ label: s.name, count: s.count }))}
              text={{ chart: t('analytics.bySourceChart'), caption: t('analytics.bySource'), name: t('analytics.source'), count: t('analytics.clicks') }} />
          )}
          <h2>{t('analytics.bySourceByDay')}</h2>
          {report.clicks.bySourceByDay.length === 0 ? <p>{t('analytics.none')}</p> : report.clicks.bySourceByDay.map((s) => (
            // One small chart per source on the same days: easier to read than lines crossing on one chart.
            <section key={s.sourceId} aria-label={s.name}>
              <h3>{s.name}</h3>
              <DayBarsChart days={s.byDay.map((d) => ({ date: d.day, count: d.count }))} lang={lang}
                text={{ chart: t('analytics.sourceByDayChart', { name: s.name }), caption: t('analytics.sourceByDayCaption', { name: s.name }), day: t('analytics.day'), count: t('analytics.clicks') }} />
            </section>
          ))}
          <h2>{t('analytics.topJobs')}</h2>
          {report.topJobs.length === 0 ? <p>{t('analytics.none')}</p> : (
            <NamedBarsChart rows={report.topJobs.map((j) => ({ label: `${j.title} — ${j.companyName}`, count: j.count }))}
              text={{ chart: t('analytics.topJobsChart'), caption: t('analytics.topJobs'), name: t('analytics.job'), count: t('analytics.clicks') }} />
          )}
        </>
      )}
    </section>
  );
}
