import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, PathfinderApiError, unwrap } from '../../api';
import type { AdminMessageKey } from '../../messages-admin';
import { ErrorMessage } from '../form-parts';
import { usePolling } from '../use-polling';
import { formatDateTime, formatDuration, messageOf, useAdminText, type ScrapeLogDetail } from './admin-text';

/** `/admin/runs/:id`: one run's counts, error and samples of skipped and invalid postings; live while it runs. */
export function RunPage() {
  const { t, lang } = useAdminText();
  const { id = '' } = useParams();
  const [run, setRun] = useState<ScrapeLogDetail | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      setRun(unwrap(await api.GET('/api/v1/admin/scrape-logs/{id}', { params: { path: { id } } })));
    } catch (e) {
      if (e instanceof PathfinderApiError && e.status === 404) setRun(null);
      else setError(messageOf(e, t('genericError')));
    }
  }, [id, t]);
  useEffect(() => void load(), [load]);
  usePolling(load, run?.status === 'queued' || run?.status === 'running');
  if (run === undefined) return error ? <ErrorMessage error={error} /> : <p role="status">{t('loading')}</p>;
  if (run === null) return <div className="notice"><h1>{t('run.notFound')}</h1><Link to="/admin/runs">{t('run.back')}</Link></div>;
  const counts: [AdminMessageKey, number][] = [
    ['run.found', run.jobsFound], ['run.added', run.jobsAdded], ['run.updated', run.jobsUpdated], ['run.unchanged', run.jobsUnchanged],
    ['run.archived', run.jobsArchived], ['run.skipped', run.jobsSkipped], ['run.invalid', run.jobsInvalid], ['run.requests', run.progress?.requests ?? run.requests],
  ];
  return (
    <article className="run-page" aria-labelledby="run-heading">
      <p><Link to={`/admin/runs?plugin=${encodeURIComponent(run.source.pluginId ?? run.source.id)}`}>{t('run.back')}</Link></p>
      <h1 id="run-heading">{t('run.title', { name: run.source.name })}</h1>
      <ErrorMessage error={error} />
      <p aria-live="polite"><span className={`run-status ${run.status}`}>{t(`status.${run.status}` as AdminMessageKey)}</span></p>
      <dl className="facts-list">
        <dt>{t('run.started')}</dt><dd><time dateTime={run.startedAt}>{formatDateTime(run.startedAt, lang)}</time></dd>
        {run.completedAt && <><dt>{t('run.completed')}</dt><dd><time dateTime={run.completedAt}>{formatDateTime(run.completedAt, lang)}</time></dd></>}
        <dt>{t('run.duration')}</dt><dd>{formatDuration(run.durationMs, lang)}</dd>
        <dt>{t('run.trigger')}</dt><dd>{run.trigger}</dd>
        <dt>{t('run.version')}</dt><dd>{run.pluginVersion ?? '—'}</dd>
      </dl>
      <h2>{t('run.counts')}</h2>
      <table className="data-table counts">
        <tbody>{counts.map(([key, value]) => <tr key={key}><th scope="row">{t(key)}</th><td>{value}</td></tr>)}</tbody>
      </table>
      {run.errorMessage && <><h2>{t('run.error')}</h2><p className="notice error">{run.errorCode && <code>{run.errorCode}</code>} {run.errorMessage}</p></>}
      {run.partialMessage && <><h2>{t('run.partial')}</h2><p className="notice">{run.partialMessage}</p></>}
      {run.details.limited && <p className="notice">{t('run.limited')}</p>}
      <h2>{t('run.skippedSamples')}</h2>
      {run.details.skipped.length === 0 ? <p>{t('run.noSamples')}</p> : (
        <ul className="plain-list">{run.details.skipped.map((s, i) => <li key={i}><strong>{s.title ?? t('run.untitled')}</strong> — {s.reason}</li>)}</ul>
      )}
      <h2>{t('run.invalidSamples')}</h2>
      {run.details.invalid.length === 0 ? <p>{t('run.noSamples')}</p> : (
        <ul className="plain-list">{run.details.invalid.map((s, i) => <li key={i}>{s.errors.join('; ')}</li>)}</ul>
      )}
    </article>
  );
}
