import { useCallback, useEffect, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { api, PathfinderApiError, unwrap } from '../../api';
import { formatDate } from '../../format';
import { ConfirmBox, runPageAction } from '../confirm-box';
import { ErrorMessage, StatusMessage } from '../form-parts';
import { ClicksChart } from './clicks-chart';
import { useEmployerText, type ClickDays, type EmployerJob } from './employer-text';

const messageOf = (e: unknown, fallback: string) => (e instanceof PathfinderApiError ? e.message : fallback);

/** `/employer`: the employer's jobs (status, apply clicks, deadline, archive and restore) and clicks per day. */
export function MyJobsPage() {
  const { t, lang } = useEmployerText();
  const location = useLocation();
  const [jobs, setJobs] = useState<EmployerJob[] | null>(null);
  const [clicks, setClicks] = useState<ClickDays | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>((location.state as { status?: string } | null)?.status ?? null);
  const [confirming, setConfirming] = useState<EmployerJob | null>(null);
  const load = useCallback(async () => {
    try {
      const [list, perDay] = await Promise.all([
        api.GET('/api/v1/employers/me/jobs', { params: { query: { limit: 100 } } }).then(unwrap),
        api.GET('/api/v1/employers/me/clicks', { params: { query: { days: 30 } } }).then(unwrap),
      ]);
      setJobs(list.items);
      setClicks(perDay);
    } catch (e) {
      setError(messageOf(e, t('genericError')));
    }
  }, [t]);
  useEffect(() => void load(), [load]);

  const act = (fn: () => Promise<string>) => runPageAction(fn, { setError, setStatus, reload: load, errorText: (e) => messageOf(e, t('genericError')) });
  const archive = (job: EmployerJob) => act(async () => {
    unwrap(await api.DELETE('/api/v1/jobs/{id}', { params: { path: { id: job.id } } }));
    return t('jobs.archived', { title: job.title });
  });
  const restore = (job: EmployerJob) => act(async () => {
    unwrap(await api.POST('/api/v1/jobs/{id}/restore', { params: { path: { id: job.id } } }));
    return t('jobs.restored', { title: job.title });
  });

  return (
    <>
      <section aria-labelledby="jobs-heading">
        <h1 id="jobs-heading">{t('jobs.title')}</h1>
        <p><Link className="button" to="/employer/jobs/new">{t('jobs.post')}</Link></p>
        <ErrorMessage error={error} />
        <StatusMessage text={status} />
        {confirming && (
          <ConfirmBox heading={t('jobs.confirmArchive', { title: confirming.title })} text={t('jobs.confirmArchiveText')}
            confirm={t('jobs.confirmYes')} cancel={t('jobs.cancel')} onCancel={() => setConfirming(null)}
            onConfirm={() => { const job = confirming; setConfirming(null); void archive(job); }} />
        )}
        {jobs === null ? <p role="status">{t('loading')}</p> : jobs.length === 0 ? <p>{t('jobs.empty')}</p> : (
          <div className="table-scroll">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('jobs.col.title')}</th>
                  <th scope="col">{t('jobs.col.status')}</th>
                  <th scope="col">{t('jobs.col.clicks')}</th>
                  <th scope="col">{t('jobs.col.deadline')}</th>
                  <th scope="col">{t('jobs.col.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {jobs.map((job) => (
                  <tr key={job.id} data-job={job.id}>
                    <th scope="row">{job.title}<div className="hint">{job.companyName}</div></th>
                    <td>
                      <span className="status-pill">{job.isActive ? t('jobs.status.active') : t('jobs.status.archived')}</span>
                      {job.linkBroken && <div className="error-text">{t('jobs.status.broken')}</div>}
                    </td>
                    <td>{job.clicks}</td>
                    <td>{job.applicationDeadline ? formatDate(job.applicationDeadline, lang) : t('jobs.noDeadline')}</td>
                    <td>
                      <div className="row-actions">
                        <Link to={`/jobs/${encodeURIComponent(job.id)}`} aria-label={t('jobs.viewLabel', { title: job.title })}>{t('jobs.view')}</Link>
                        <Link to={`/employer/jobs/${encodeURIComponent(job.id)}`} aria-label={t('jobs.editLabel', { title: job.title })}>{t('jobs.edit')}</Link>
                        {job.isActive
                          ? <button type="button" className="secondary small" onClick={() => setConfirming(job)} aria-label={t('jobs.archiveLabel', { title: job.title })}>{t('jobs.archive')}</button>
                          : <button type="button" className="secondary small" onClick={() => void restore(job)} aria-label={t('jobs.restoreLabel', { title: job.title })}>{t('jobs.restore')}</button>}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="clicks-heading">
        <h2 id="clicks-heading">{t('clicks.title')}</h2>
        {clicks && <><p>{t('clicks.total', { count: clicks.total })}</p><ClicksChart data={clicks} /></>}
      </section>
    </>
  );
}
