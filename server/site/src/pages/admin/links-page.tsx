import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { paths } from '@pathfinder/sdk/client';
import { api, unwrap } from '../../api';
import { runPageAction } from '../confirm-box';
import { ErrorMessage, StatusMessage } from '../form-parts';
import { useCanWrite } from './admin-app';
import { formatDateTime, messageOf, useAdminText } from './admin-text';

type Report = paths['/api/v1/admin/reports/links']['get']['responses'][200]['content']['application/json'];
type Kind = 'broken' | 'redirected' | 'slow';
const KINDS: Kind[] = ['broken', 'redirected', 'slow'];

/**
 * `/admin/links`: the link checker's report, grouped by source, most affected first: jobs archived
 * for a dead application link, live links that now redirect elsewhere, and slow ones.
 */
export function LinksPage() {
  const { t } = useAdminText();
  const [since, setSince] = useState('');
  const [kind, setKind] = useState<Kind>('broken');
  // The report keeps the kind it was loaded for: until the next one arrives, the page goes on
  // describing what it shows, never a new kind over the old rows.
  const [loaded, setLoaded] = useState<{ kind: Kind; report: Report } | null>(null);
  const latest = useRef(0);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const canWrite = useCanWrite();
  const load = useCallback(async () => {
    const request = ++latest.current;
    setError(null);
    try {
      const report = unwrap(await api.GET('/api/v1/admin/reports/links', { params: { query: { kind, since: since || undefined } } }));
      // An answer that an older filter asked for must not replace a newer one's.
      if (request === latest.current) setLoaded({ kind, report });
    } catch (e) {
      if (request === latest.current) setError(messageOf(e, t('genericError')));
    }
  }, [kind, since, t]);
  useEffect(() => void load(), [load]);
  const checkNow = () => runPageAction(async () => {
    const { queued } = unwrap(await api.POST('/api/v1/admin/reports/links/check'));
    return t(queued ? 'links.checkQueued' : 'links.checkWaiting');
  }, { setError, setStatus, reload: load, errorText: (e) => messageOf(e, t('genericError')) });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setSince(String(form.get('since') ?? ''));
    setKind((KINDS as string[]).includes(String(form.get('kind'))) ? (form.get('kind') as Kind) : 'broken');
  };
  return (
    <section aria-labelledby="links-heading">
      <h1 id="links-heading">{t('links.title')}</h1>
      <p>{t('links.intro')}</p>
      <form className="filter-row" onSubmit={submit}>
        <div className="field">
          <label htmlFor="links-kind">{t('links.kind')}</label>
          <select id="links-kind" name="kind" defaultValue={kind}>
            {KINDS.map((k) => <option key={k} value={k}>{t(`links.kind.${k}`)}</option>)}
          </select>
        </div>
        <div className="field"><label htmlFor="links-since">{t('links.since')}</label><input id="links-since" name="since" type="date" defaultValue={since} /></div>
        <div className="field"><span aria-hidden="true">&nbsp;</span><button type="submit">{t('links.show')}</button></div>
      </form>
      <p><button type="button" className="secondary" disabled={!canWrite} onClick={() => void checkNow()}>{t('links.checkNow')}</button></p>
      <ErrorMessage error={error} />
      <StatusMessage text={status} />
      {loaded === null ? !error && <p role="status">{t('loading')}</p> : <LinkReport {...loaded} />}
    </section>
  );
}

/** One loaded report: its total and a table per source, in the columns of the kind it was loaded for. */
function LinkReport({ kind, report }: { kind: Kind; report: Report }) {
  const { t, lang } = useAdminText();
  if (report.total === 0) return <p>{t(`links.empty.${kind}`)}</p>;
  return (
    <>
      <p>{t(`links.total.${kind}`, { count: report.total })}</p>
      {report.items.map((group) => (
        <section key={group.source.id} aria-label={group.source.name}>
          <h2>{t('links.sourceCount', { name: group.source.name, count: group.count })}</h2>
          <div className="table-scroll">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('links.col.job')}</th>
                  {kind === 'broken' && <th scope="col">{t('links.col.reason')}</th>}
                  {kind === 'broken' && <th scope="col">{t('links.col.failures')}</th>}
                  {kind === 'redirected' && <th scope="col">{t('links.col.finalUrl')}</th>}
                  {kind === 'slow' && <th scope="col">{t('links.col.responseTime')}</th>}
                  <th scope="col">{t(kind === 'broken' ? 'links.col.archived' : 'links.col.checked')}</th>
                </tr>
              </thead>
              <tbody>
                {group.jobs.map((j) => (
                  <tr key={j.id}>
                    <th scope="row"><Link to={`/jobs/${encodeURIComponent(j.id)}`}>{j.title}</Link><div className="hint">{j.companyName} · <span className="url">{j.originalUrl}</span></div></th>
                    {kind === 'broken' && <td>{j.archiveReason}{j.linkLastError && j.linkLastError !== j.archiveReason && <div className="hint">{j.linkLastError}</div>}</td>}
                    {kind === 'broken' && <td>{j.linkFailureCount}</td>}
                    {kind === 'redirected' && <td><span className="url">{j.linkFinalUrl}</span></td>}
                    {kind === 'slow' && <td>{t('links.ms', { ms: j.linkResponseMs ?? 0 })}</td>}
                    <td>{(kind === 'broken' ? j.archivedAt : j.linkCheckedAt) ? <time dateTime={(kind === 'broken' ? j.archivedAt : j.linkCheckedAt)!}>{formatDateTime((kind === 'broken' ? j.archivedAt : j.linkCheckedAt)!, lang)}</time> : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </>
  );
}
