import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, unwrap, type JobDetail } from '../api';
import { formatDate } from '../format';
import { useI18n } from '../i18n';
import { useJobFacts } from '../job-facts';
import { termKey } from '../labels';
import { useSession } from '../session';
import { writeSearch } from '../search-state';
import { takePreloaded } from '../preloaded';

type Status = { kind: 'loading' } | { kind: 'missing' } | { kind: 'error' } | { kind: 'done'; job: JobDetail };

export function JobPage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const facts = useJobFacts();
  const { me } = useSession();
  const navigate = useNavigate();
  const [status, setStatus] = useState<Status>({ kind: 'loading' });
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    let live = true;
    setStatus({ kind: 'loading' });
    // The job page's HTML asked the browser to start this request already (a 404 leaves it to ours).
    const preloaded = takePreloaded<JobDetail>(`/api/v1/jobs/${encodeURIComponent(id)}`);
    const own = async (): Promise<{ data?: JobDetail; status: number }> => {
      const { data, response } = await api.GET('/api/v1/jobs/{id}', { params: { path: { id } } });
      return { data, status: response.status };
    };
    (preloaded ? preloaded.then((data) => (data ? { data, status: 200 } : own())) : own()).then(({ data, status }) => {
      if (!live) return;
      if (data) setStatus({ kind: 'done', job: data });
      else setStatus({ kind: status === 404 || status === 400 ? 'missing' : 'error' });
    }, () => live && setStatus({ kind: 'error' }));
    return () => {
      live = false;
    };
  }, [id]);

  useEffect(() => {
    if (status.kind === 'done') document.title = `${status.job.title} — ${status.job.companyName} | Pathfinder`;
  }, [status]);

  useEffect(() => {
    if (!me) return;
    let live = true;
    // Whether this job is among the saved ones (the first 100 are plenty for a button's state).
    api.GET('/api/v1/users/me/saved-jobs', { params: { query: { limit: 100 } } }).then(({ data }) => {
      if (live && data) setSaved(data.items.some((s) => s.job.id === id));
    });
    return () => {
      live = false;
    };
  }, [me, id]);

  if (status.kind === 'loading') return <p className="notice" role="status">{t('job.loading')}</p>;
  if (status.kind === 'missing') return <div className="notice"><h1>{t('error.notFound')}</h1><p>{t('job.notFound')}</p><Link to="/">{t('nav.search')}</Link></div>;
  if (status.kind === 'error') return <div className="notice error" role="alert"><p>{t('error.generic')}</p></div>;
  const job = status.job;
  // The other copies still open (a closed one's posting may be gone), as the search's `alsoPostedOn` lists them.
  const copies = (job.cluster?.copies ?? []).filter((c) => c.isActive);

  const toggleSave = async () => {
    if (!me) {
      navigate(`/sign-in?next=${encodeURIComponent(`/jobs/${id}`)}`);
      return;
    }
    if (saved) unwrap(await api.DELETE('/api/v1/users/me/saved-jobs/{jobId}', { params: { path: { jobId: id } } }));
    else unwrap(await api.POST('/api/v1/users/me/saved-jobs/{jobId}', { params: { path: { jobId: id } } }));
    setSaved(!saved);
  };

  // "Jobs like this": same type, same province (or remote), the title's words.
  const likeThis = writeSearch({
    q: job.title.replace(/[^\p{L}\p{N} ]/gu, ' ').replace(/\s+/g, ' ').trim().split(' ').slice(0, 3).join(' '),
    jobType: [job.jobType], province: job.province ? [job.province] : [], locationType: job.locationType === 'remote' ? ['remote'] : [],
    term: [], source: [], withPay: false, remoteCanada: false, deadlineAfter: '', sort: '',
  });

  return (
    <article className="job-page">
      <p>
        {/* Back in history when we came from the site's search (its results are restored), else to the search. */}
        <button type="button" className="link-button" onClick={() => ((window.history.state as { idx?: number } | null)?.idx ? navigate(-1) : navigate('/'))}>{t('job.back')}</button>
      </p>
      <h1>{job.title}</h1>
      <p className="employer">{job.companyName}</p>
      {!job.isActive && <p className="notice archived" role="status">{t('job.archived')}</p>}
      <section aria-labelledby="facts-heading" className="job-facts">
        <h2 id="facts-heading" className="visually-hidden">{t('job.facts')}</h2>
        <dl>
          <dt>{t('job.location')}</dt><dd>{facts.location(job) || '—'}</dd>
          <dt>{t('job.type')}</dt><dd>{facts.type(job)}</dd>
          {job.term && <><dt>{t('job.term')}</dt><dd>{t(termKey(job.term))}</dd></>}
          <dt>{t('job.pay')}</dt><dd>{facts.pay(job)}</dd>
          <dt>{t('job.deadline')}</dt><dd>{job.applicationDeadline ? `${formatDate(job.applicationDeadline, lang)} (${facts.deadline(job)})` : t('job.noDeadline')}</dd>
          {job.requiredSkills.length > 0 && <><dt>{t('job.skills')}</dt><dd>{job.requiredSkills.join(', ')}</dd></>}
          {job.requiredMajors.length > 0 && <><dt>{t('job.majors')}</dt><dd>{job.requiredMajors.join(', ')}</dd></>}
        </dl>
        <p className="meta">
          {job.datePosted && <>{t('job.posted', { date: formatDate(job.datePosted, lang) })} · </>}
          {t('job.source', { source: job.source.name })}
        </p>
      </section>
      {job.isActive && (
        <div className="actions">
          <a className="button primary" href={job.applyUrl} rel="noopener nofollow">{t('job.apply')}</a>
          <button type="button" className="secondary" aria-pressed={saved} onClick={toggleSave}>{saved ? t('job.saved') : t('job.save')}</button>
          <Link className="button secondary" to={`/dashboard/alerts/new?${likeThis.toString()}`}>{t('job.alertLike')}</Link>
        </div>
      )}
      {me === null && <p className="hint">{t('job.signInToSave')}</p>}
      {copies.length > 0 && (
        <section aria-labelledby="copies-heading" className="copies">
          <h2 id="copies-heading">{t('job.copies')}</h2>
          <p className="hint">{t('job.copiesHint')}</p>
          {/* Each source's name opens that copy's own posting on its site, not our page of it: the copies say the same,
              and what a seeker wants from "also on Career Edge" is Career Edge (an account there, its way to apply). */}
          <ul>
            {copies.map((c) => <li key={c.jobId}><a href={c.url} rel="noopener">{c.source.name}</a></li>)}
          </ul>
        </section>
      )}
      <section aria-labelledby="description-heading">
        <h2 id="description-heading">{t('job.description')}</h2>
        {/* descriptionHtml is sanitised (the SDK's sanitize-html allow-list) by the plugins and by the API for employers' jobs; the page's CSP (no inline script, no handlers) stops any script that got through anyway. */}
        {job.descriptionHtml
          ? <div className="description" dangerouslySetInnerHTML={{ __html: job.descriptionHtml }} />
          : <div className="description">{job.description.split(/\n{2,}/).map((p, i) => <p key={i}>{p}</p>)}</div>}
      </section>
    </article>
  );
}
