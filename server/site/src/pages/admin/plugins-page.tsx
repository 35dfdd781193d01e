import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api, PathfinderApiError, unwrap } from '../../api';
import { ConfirmBox, runPageAction } from '../confirm-box';
import { ErrorMessage, StatusMessage } from '../form-parts';
import { usePolling } from '../use-polling';
import { useCanWrite } from './admin-app';
import { formatDateTime, formatDuration, messageOf, useAdminText, ZONE, type AdminPlugin } from './admin-text';
import type { AdminMessageKey } from '../../messages-admin';

/** `/admin`: one row per loaded plugin, with its switch, pause, schedule, last run and Run now. */
export function PluginsPage() {
  const { t } = useAdminText();
  const [plugins, setPlugins] = useState<AdminPlugin[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<AdminPlugin | null>(null);
  const load = useCallback(async () => {
    try {
      setPlugins(unwrap(await api.GET('/api/v1/admin/plugins')).items);
    } catch (e) {
      setError(messageOf(e, t('genericError')));
    }
  }, [t]);
  useEffect(() => void load(), [load]);
  // A run queued or running: its row follows it without a reload.
  usePolling(load, plugins?.some((p) => p.inFlight) ?? false);

  const act = (fn: () => Promise<string>) =>
    runPageAction(fn, { setError, setStatus, reload: load, errorText: (e) => t('error', { message: messageOf(e, t('genericError')) }) });
  const patch = async (p: AdminPlugin, body: { enabled?: boolean; paused?: boolean }) =>
    unwrap(await api.PATCH('/api/v1/admin/plugins/{id}', { params: { path: { id: p.id } }, body }));
  const runNow = (p: AdminPlugin) => act(async () => {
    try {
      unwrap(await api.POST('/api/v1/admin/plugins/{id}/run', { params: { path: { id: p.id } } }));
      return t('plugins.runQueued', { name: p.name });
    } catch (e) {
      // A run already queued or running is what the admin wanted anyway: shown, not an error.
      if (e instanceof PathfinderApiError && (e.code === 'PF_ERR_CRAWL_RUNNING' || e.code === 'PF_ERR_CRAWL_QUEUED')) return t('plugins.alreadyRunning', { name: p.name });
      throw e;
    }
  });

  return (
    <section aria-labelledby="plugins-heading">
      <h1 id="plugins-heading">{t('plugins.title')}</h1>
      <p>{t('plugins.intro', { zone: 'Toronto' })}</p>
      <ErrorMessage error={error} />
      <StatusMessage text={status} />
      {confirming && (
        <ConfirmBox heading={t('plugins.confirmDisable', { name: confirming.name })} text={t('plugins.confirmDisableText')}
          confirm={t('plugins.confirmDisableYes')} cancel={t('plugins.cancel')} onCancel={() => setConfirming(null)}
          onConfirm={() => {
            const p = confirming;
            setConfirming(null);
            void act(async () => { await patch(p, { enabled: false }); return t('plugins.disabledDone', { name: p.name }); });
          }} />
      )}
      {plugins === null ? <p role="status">{t('loading')}</p> : plugins.length === 0 ? <p>{t('plugins.empty')}</p> : (
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('plugins.col.plugin')}</th>
                <th scope="col">{t('plugins.col.enabled')}</th>
                <th scope="col">{t('plugins.col.state')}</th>
                <th scope="col">{t('plugins.col.schedule')}</th>
                <th scope="col">{t('plugins.col.lastRun')}</th>
                <th scope="col">{t('plugins.col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {plugins.map((p) => (
                <PluginRow key={p.id} plugin={p}
                  onToggle={() => (p.enabled ? setConfirming(p) : act(async () => { await patch(p, { enabled: true }); return t('plugins.enabled', { name: p.name }); }))}
                  onUnpause={() => act(async () => { await patch(p, { paused: false }); return t('plugins.unpaused', { name: p.name }); })}
                  onRun={() => runNow(p)} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function PluginRow({ plugin: p, onToggle, onUnpause, onRun }: { plugin: AdminPlugin; onToggle: () => void; onUnpause: () => void; onRun: () => void }) {
  const { t, lang } = useAdminText();
  const canWrite = useCanWrite();
  const last = p.lastRun;
  return (
    <tr data-plugin={p.id}>
      <th scope="row">
        <span className="plugin-name">{p.name}</span>
        <div className="hint"><code>{p.id}</code> · {t('plugins.version', { version: p.version, range: p.sdkRange })}</div>
      </th>
      <td>
        <label className="switch">
          <input type="checkbox" role="switch" aria-label={p.name} checked={p.enabled} disabled={!canWrite} onChange={onToggle} />
          <span aria-hidden="true">{p.enabled ? t('plugins.on') : t('plugins.off')}</span>
        </label>
      </td>
      <td>
        {!p.enabled ? t('plugins.disabled') : p.paused ? (
          <>
            <strong>{t('plugins.paused')}</strong>{p.pausedAt && <> {t('plugins.pausedSince', { when: formatDateTime(p.pausedAt, lang) })}</>}
            {p.pauseReason && <div className="hint">{p.pauseReason}</div>}
            {p.consecutiveFailures > 0 && <div className="hint">{t('plugins.failures', { count: p.consecutiveFailures })}</div>}
            <button type="button" className="secondary small" disabled={!canWrite} onClick={onUnpause} aria-label={`${t('plugins.unpause')}: ${p.name}`}>{t('plugins.unpause')}</button>
          </>
        ) : t('plugins.active')}
        {p.inFlight && <div className="in-flight" data-testid="in-flight">{t(`plugins.inFlight.${p.inFlight.state}`)}</div>}
      </td>
      <td>
        <code>{p.schedule}</code>
        <div className="hint">
          {p.scheduleOverride ? t('plugins.scheduleOverride', { cron: p.scheduleOverride }) + ' · ' : ''}
          {t('plugins.scheduleManifest', { cron: p.manifestSchedule })}
        </div>
        {p.upcomingRuns.length ? (
          <details>
            <summary>{t('plugins.nextRuns')} ({ZONE === p.timezone ? t('torontoTime') : p.timezone})</summary>
            <ol className="next-runs">{p.upcomingRuns.map((iso) => <li key={iso}><time dateTime={iso}>{formatDateTime(iso, lang)}</time></li>)}</ol>
          </details>
        ) : <div className="hint">{t('plugins.noNextRuns')}</div>}
      </td>
      <td data-testid="last-run">
        {last ? (
          <>
            <span className={`run-status ${last.status}`}>{t(`status.${last.status}` as AdminMessageKey)}</span>
            <div className="hint"><time dateTime={last.startedAt}>{formatDateTime(last.startedAt, lang)}</time></div>
            <div>{t('plugins.counts', { found: last.jobsFound, added: last.jobsAdded })}</div>
            {last.completedAt && <div className="hint">{t('plugins.duration', { duration: formatDuration(Date.parse(last.completedAt) - Date.parse(last.startedAt), lang) })}</div>}
            {last.errorMessage && <div className="hint error-text">{last.errorMessage}</div>}
          </>
        ) : t('plugins.never')}
      </td>
      <td>
        <div className="row-actions column">
          <button type="button" className="small" disabled={!canWrite || !p.enabled || !!p.inFlight} onClick={onRun} aria-label={t('plugins.runNowLabel', { name: p.name })}>{t('plugins.runNow')}</button>
          <Link to={`/admin/plugins/${encodeURIComponent(p.id)}`} aria-label={t('plugins.settingsLabel', { name: p.name })}>{t('plugins.settings')}</Link>
          <Link to={`/admin/runs?plugin=${encodeURIComponent(p.id)}`} aria-label={t('plugins.runsLabel', { name: p.name })}>{t('plugins.runs')}</Link>
        </div>
      </td>
    </tr>
  );
}
