import { useCallback, useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api';
import type { AdminMessageKey } from '../../messages-admin';
import { ErrorMessage } from '../form-parts';
import { usePolling } from '../use-polling';
import { formatDateTime, formatDuration, messageOf, RUN_STATUSES, useAdminText, type AdminPlugin, type RunStatus, type ScrapeLog } from './admin-text';

const live = (r: ScrapeLog) => r.status === 'queued' || r.status === 'running';

/**
 * `/admin/runs?plugin=&status=`: the scrape log, newest first. While a run is queued or running the
 * first page is fetched again every 2 s, so its row shows its requests and postings as they grow.
 */
export function RunsPage() {
  const { t } = useAdminText();
  const [params, setParams] = useSearchParams();
  const plugin = params.get('plugin') ?? '';
  const status = (params.get('status') ?? '') as RunStatus | '';
  const [plugins, setPlugins] = useState<AdminPlugin[]>([]);
  const [runs, setRuns] = useState<ScrapeLog[] | null>(null);
  const [older, setOlder] = useState<ScrapeLog[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const query = useCallback((after?: string) => ({ source: plugin || undefined, status: status || undefined, limit: 20, cursor: after }), [plugin, status]);
  const load = useCallback(async () => {
    try {
      const page = unwrap(await api.GET('/api/v1/admin/scrape-logs', { params: { query: query() } }));
      setRuns(page.items);
      setCursor((c) => c ?? page.nextCursor);
      setError(null);
    } catch (e) {
      setError(messageOf(e, t('genericError')));
    }
  }, [query, t]);
  useEffect(() => {
    setRuns(null);
    setOlder([]);
    setCursor(null);
    void load();
  }, [load]);
  useEffect(() => {
    void api.GET('/api/v1/admin/plugins').then((r) => setPlugins(r.data?.items ?? []), () => undefined);
  }, []);
  usePolling(load, runs?.some(live) ?? false);
  const more = async () => {
    if (!cursor) return;
    const page = unwrap(await api.GET('/api/v1/admin/scrape-logs', { params: { query: query(cursor) } }));
    setOlder((o) => [...o, ...page.items]);
    setCursor(page.nextCursor);
  };
  const setFilter = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const rows = runs ? [...runs, ...older.filter((o) => !runs.some((r) => r.id === o.id))] : null;
  return (
    <section aria-labelledby="runs-heading">
      <h1 id="runs-heading">{t('runs.title')}</h1>
      <div className="filter-row">
        <div className="field">
          <label htmlFor="runs-plugin">{t('runs.plugin')}</label>
          <select id="runs-plugin" value={plugin} onChange={(e) => setFilter('plugin', e.target.value)}>
            <option value="">{t('runs.allPlugins')}</option>
            {plugins.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
            {plugin && !plugins.some((p) => p.id === plugin) && <option value={plugin}>{plugin}</option>}
          </select>
        </div>
        <div className="field">
          <label htmlFor="runs-status">{t('runs.status')}</label>
          <select id="runs-status" value={status} onChange={(e) => setFilter('status', e.target.value)}>
            <option value="">{t('runs.allStatuses')}</option>
            {RUN_STATUSES.map((s) => <option key={s} value={s}>{t(`status.${s}` as AdminMessageKey)}</option>)}
          </select>
        </div>
      </div>
      <p className="hint">{t('runs.live')}</p>
      <ErrorMessage error={error} />
      {rows === null ? <p role="status">{t('loading')}</p> : rows.length === 0 ? <p>{t('runs.empty')}</p> : (
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('runs.col.started')}</th>
                <th scope="col">{t('runs.col.plugin')}</th>
                <th scope="col">{t('runs.col.status')}</th>
                <th scope="col">{t('runs.col.trigger')}</th>
                <th scope="col">{t('runs.col.counts')}</th>
                <th scope="col">{t('runs.col.requests')}</th>
                <th scope="col">{t('runs.col.duration')}</th>
              </tr>
            </thead>
            <tbody>{rows.map((r) => <RunRow key={r.id} run={r} />)}</tbody>
          </table>
        </div>
      )}
      {cursor && <button type="button" className="secondary load-more" onClick={() => void more()}>{t('runs.more')}</button>}
    </section>
  );
}

function RunRow({ run: r }: { run: ScrapeLog }) {
  const { t, lang } = useAdminText();
  return (
    <tr data-run={r.id} data-status={r.status}>
      <th scope="row"><Link to={`/admin/runs/${encodeURIComponent(r.id)}`}><time dateTime={r.startedAt}>{formatDateTime(r.startedAt, lang)}</time></Link></th>
      <td>{r.source.name}</td>
      <td aria-live="polite">
        <span className={`run-status ${r.status}`}>{t(`status.${r.status}` as AdminMessageKey)}</span>
        {r.progress && (
          <div className="hint">
            {t('runs.progress', { requests: r.progress.requests, postings: r.progress.postings })}
            {r.progress.nextRequestAt && <>, {t('runs.nextRequest', { when: formatDateTime(r.progress.nextRequestAt, lang) })}</>}
          </div>
        )}
        {r.errorMessage && <div className="hint error-text">{r.errorMessage}</div>}
      </td>
      <td>{r.trigger}</td>
      <td>{r.jobsFound} / {r.jobsAdded} / {r.jobsUpdated} / {r.jobsArchived}</td>
      <td>{r.progress?.requests ?? r.requests}</td>
      <td>{formatDuration(r.durationMs, lang)}</td>
    </tr>
  );
}
