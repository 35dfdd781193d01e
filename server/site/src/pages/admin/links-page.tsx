import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { paths } from '@pathfinder/sdk/client';
import { api, unwrap } from '../../api';
import { runPageAction } from '../confirm-box';
import { ErrorMessage, StatusMessage } from '../form-parts';
import { useCanWrite } from './admin-app';
import { formatDateTime, messageOf, useAdminText } from './admin-text';

type Report = paths['/api/v1/admin/reports/links']['get']['responses'][200]['content']['application/json'];

/** `/admin/links`: jobs archived for a dead application link, grouped by source, most affected first. */
export function LinksPage() {
  const { t, lang } = useAdminText();
  const [since, setSince] = useState('');
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const canWrite = useCanWrite();
  const load = useCallback(async () => {
    setError(null);
    try {
      setReport(unwrap(await api.GET('/api/v1/admin/reports/links', { params: { query: { since: since || undefined } } })));
    } catch (e) {
      setError(messageOf(e, t('genericError')));
    }
  }, [since, t]);
  useEffect(() => void load(), [load]);
  const checkNow = () => runPageAction(async () => {
    const { queued } = unwrap(await api.POST('/api/v1/admin/reports/links/check'));
    return t(queued ? 'links.checkQueued' : 'links.checkWaiting');
  }, { setError, setStatus, reload: load, errorText: (e) => messageOf(e, t('genericError')) });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSince(String(new FormData(event.currentTarget).get('since') ?? ''));
  };
  return (
    <section aria-labelledby="links-heading">
      <h1 id="links-heading">{t('links.title')}</h1>
      <p>{t('links.intro')}</p>
      <form className="filter-row" onSubmit={submit}>
        <div className="field"><label htmlFor="links-since">{t('links.since')}</label><input id="links-since" name="since" type="date" defaultValue={since} /></div>
        <div className="field"><span aria-hidden="true">&nbsp;</span><button type="submit">{t('links.show')}</button></div>
      </form>
      <p><button type="button" className="secondary" disabled={!canWrite} onClick={() => void checkNow()}>{t('links.checkNow')}</button></p>
      <ErrorMessage error={error} />
      <StatusMessage text={status} />
      {report === null ? !error && <p role="status">{t('loading')}</p> : report.total === 0 ? <p>{t('links.empty')}</p> : (
        <>
          <p>{t('links.total', { count: report.total })}</p>
          {report.items.map((group) => (
            <section key={group.source.id} aria-label={group.source.name}>
              <h2>{t('links.sourceCount', { name: group.source.name, count: group.count })}</h2>
              <div className="table-scroll">
                <table className="data-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('links.col.job')}</th>
                      <th scope="col">{t('links.col.reason')}</th>
                      <th scope="col">{t('links.col.failures')}</th>
                      <th scope="col">{t('links.col.archived')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {group.jobs.map((j) => (
                      <tr key={j.id}>
                        <th scope="row"><Link to={`/jobs/${encodeURIComponent(j.id)}`}>{j.title}</Link><div className="hint">{j.companyName} · <span className="url">{j.originalUrl}</span></div></th>
                        <td>{j.archiveReason}{j.linkLastError && j.linkLastError !== j.archiveReason && <div className="hint">{j.linkLastError}</div>}</td>
                        <td>{j.linkFailureCount}</td>
                        <td>{j.archivedAt ? <time dateTime={j.archivedAt}>{formatDateTime(j.archivedAt, lang)}</time> : '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          ))}
        </>
      )}
    </section>
  );
}
