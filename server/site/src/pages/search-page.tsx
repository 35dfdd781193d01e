import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, unwrap, type JobSearchResult, type JobSummary } from '../api';
import { formatList } from '../format';
import { useI18n } from '../i18n';
import { useJobFacts } from '../job-facts';
import { JOB_TYPES, LOCATION_TYPES, PROVINCES, TERMS, jobTypeKey, locationKey, provinceName, termKey } from '../labels';
import { apiQuery, readSearch, resultsCache, SEARCH_PAGE_SIZE, writeSearch, type ListKey, type SearchState } from '../search-state';
import { takePreloaded } from '../preloaded';

type Status = { kind: 'loading' } | { kind: 'error' } | { kind: 'done'; result: JobSearchResult; loadingMore: boolean };

export function SearchPage() {
  const { t, plural, lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const state = readSearch(params);
  const key = writeSearch(state).toString();
  const cached = resultsCache.get(key);
  const [status, setStatus] = useState<Status>(cached ? { kind: 'done', result: cached, loadingMore: false } : { kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [draftQ, setDraftQ] = useState(state.q);
  const resultsHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => setDraftQ(state.q), [state.q]);

  useEffect(() => {
    const hit = resultsCache.get(key);
    if (hit) {
      setStatus({ kind: 'done', result: hit, loadingMore: false });
      return;
    }
    let live = true;
    setStatus({ kind: 'loading' });
    const own = () => api.GET('/api/v1/jobs', { params: { query: apiQuery(state) } }).then(unwrap);
    // The first search of a page load was started by the HTML (the same query as apiQuery's, spelt as the URL spells it).
    const preloaded = takePreloaded<JobSearchResult>(`/api/v1/jobs?${key ? `${key}&` : ''}limit=${SEARCH_PAGE_SIZE}`);
    (preloaded ? preloaded.then((result) => result ?? own()) : own()).then(
      (result) => {
        if (!live) return;
        resultsCache.set(key, result);
        setStatus({ kind: 'done', result, loadingMore: false });
      },
      () => live && setStatus({ kind: 'error' }),
    );
    return () => {
      live = false;
    };
    // The key is the whole state.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, attempt]);

  const update = (change: Partial<SearchState>) => setParams(writeSearch({ ...state, ...change }));
  const toggle = (list: ListKey, value: string) =>
    update({ [list]: state[list].includes(value) ? state[list].filter((v) => v !== value) : [...state[list], value] });

  const loadMore = async () => {
    if (status.kind !== 'done' || !status.result.nextCursor) return;
    const previous = status.result;
    setStatus({ ...status, loadingMore: true });
    try {
      const next = unwrap(await api.GET('/api/v1/jobs', { params: { query: apiQuery(state, previous.nextCursor!) } }));
      const merged = { ...next, items: [...previous.items, ...next.items] };
      resultsCache.set(key, merged);
      setStatus({ kind: 'done', result: merged, loadingMore: false });
    } catch {
      setStatus({ kind: 'done', result: previous, loadingMore: false });
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    update({ q: draftQ });
    resultsHeading.current?.focus();
  };

  const facets = status.kind === 'done' ? status.result.facets : undefined;
  // Past the count's cap the total and every facet count are lower bounds ("500+ jobs", "Ontario (212+)"),
  // and a value counted 0 may still have matches: it stays on the list.
  const exact = status.kind !== 'done' || status.result.totalIsExact !== false;
  const countOf = (list: 'jobType' | 'term' | 'province' | 'locationType' | 'source', value: string) =>
    // Once counted, a value with no bucket has no match: show its 0 rather than no count at all.
    facets ? (facets[list].find((b) => b.value === value)?.count ?? 0) : undefined;

  return (
    <div className="search-layout">
      <h1>{t('search.title')}</h1>
      <form role="search" className="search-box" onSubmit={submit}>
        <label htmlFor="q">{t('search.keywords')}</label>
        <div className="search-row">
          <input id="q" name="q" type="search" value={draftQ} onChange={(e) => setDraftQ(e.target.value)} aria-describedby="q-hint" maxLength={500} />
          <button type="submit">{t('search.submit')}</button>
        </div>
        <p id="q-hint" className="hint">{t('search.keywordsHint')}</p>
      </form>

      <aside className="filters" aria-labelledby="filters-heading">
        <h2 id="filters-heading">{t('search.filters')}</h2>
        <CheckboxGroup legend={t('search.jobType')} values={JOB_TYPES} labelOf={(v) => t(jobTypeKey(v))} selected={state.jobType} count={(v) => countOf('jobType', v)} onToggle={(v) => toggle('jobType', v)} atLeast={!exact} />
        <CheckboxGroup legend={t('search.province')} values={PROVINCES} labelOf={(v) => provinceName(v, lang)} selected={state.province} count={(v) => countOf('province', v)} onToggle={(v) => toggle('province', v)} hideEmpty={!!facets && exact} atLeast={!exact} />
        <CheckboxGroup legend={t('search.locationType')} values={LOCATION_TYPES} labelOf={(v) => t(locationKey(v))} selected={state.locationType} count={(v) => countOf('locationType', v)} onToggle={(v) => toggle('locationType', v)} atLeast={!exact} />
        <CheckboxGroup legend={t('search.term')} values={TERMS} labelOf={(v) => t(termKey(v))} selected={state.term} count={(v) => countOf('term', v)} onToggle={(v) => toggle('term', v)} atLeast={!exact} />
        {facets && facets.source.length > 0 && (
          <CheckboxGroup legend={t('search.source')} values={[...new Set([...facets.source.map((b) => b.value), ...state.source])]} labelOf={(v) => facets.source.find((b) => b.value === v)?.label ?? v}
            selected={state.source} count={(v) => countOf('source', v)} onToggle={(v) => toggle('source', v)} atLeast={!exact} />
        )}
        <fieldset>
          <legend className="visually-hidden">{t('search.filters')}</legend>
          <label className="check"><input type="checkbox" checked={state.withPay} onChange={(e) => update({ withPay: e.target.checked })} /> {t('search.withPay')}</label>
          <label className="check"><input type="checkbox" checked={state.remoteCanada} onChange={(e) => update({ remoteCanada: e.target.checked })} /> {t('search.remoteCanada')}</label>
        </fieldset>
        <label htmlFor="deadlineAfter">{t('search.deadlineAfter')}</label>
        <input id="deadlineAfter" type="date" value={state.deadlineAfter} onChange={(e) => update({ deadlineAfter: e.target.value })} />
        <button type="button" className="secondary" onClick={() => navigate(state.q ? `/?q=${encodeURIComponent(state.q)}` : '/')}>{t('search.clear')}</button>
      </aside>

      <section className="results" aria-labelledby="results-heading" aria-busy={status.kind === 'loading'}>
        <div className="results-bar">
          <h2 id="results-heading" ref={resultsHeading} tabIndex={-1} aria-live="polite">
            {status.kind === 'done' ? plural(exact ? 'search.results' : 'search.resultsAtLeast', status.result.total ?? status.result.items.length) : status.kind === 'loading' ? t('search.loading') : t('search.error')}
          </h2>
          <label htmlFor="sort">{t('search.sort')}</label>
          <select id="sort" value={state.sort} onChange={(e) => update({ sort: e.target.value as SearchState['sort'] })}>
            <option value="">{t(state.q ? 'search.sort.relevance' : 'search.sort.newest')}</option>
            {state.q && <option value="newest">{t('search.sort.newest')}</option>}
            {!state.q && <option value="relevance" disabled>{t('search.sort.relevance')}</option>}
            <option value="deadline">{t('search.sort.deadline')}</option>
          </select>
          <Link className="alert-link" to={`/dashboard/alerts/new?${key}`}>{t('search.alert')}</Link>
        </div>
        {status.kind === 'loading' && <ResultSkeleton />}
        {status.kind === 'error' && (
          <div className="notice error" role="alert">
            <p>{t('search.error')}</p>
            <button type="button" onClick={() => setAttempt((n) => n + 1)}>{t('search.retry')}</button>
          </div>
        )}
        {status.kind === 'done' && status.result.items.length === 0 && (
          <div className="notice empty"><p><strong>{t('search.empty')}</strong></p><p>{t('search.emptyHint')}</p></div>
        )}
        {status.kind === 'done' && status.result.items.length > 0 && (
          <>
            <ol className="job-list">
              {status.result.items.map((job) => <JobCard key={job.id} job={job} />)}
            </ol>
            {status.result.nextCursor && (
              <button type="button" className="load-more" onClick={loadMore} disabled={status.loadingMore}>
                {status.loadingMore ? t('search.loadingMore') : t('search.loadMore')}
              </button>
            )}
          </>
        )}
      </section>
    </div>
  );
}

function JobCard({ job }: { job: JobSummary }) {
  const { t, lang } = useI18n();
  const facts = useJobFacts();
  return (
    <li className="job-card">
      <h3><Link to={`/jobs/${encodeURIComponent(job.id)}`}>{job.title}</Link></h3>
      <p className="employer">{job.companyName}</p>
      <ul className="facts">
        <li>{facts.location(job) || '—'}</li>
        <li>{facts.type(job)}</li>
        <li>{facts.pay(job)}</li>
        <li>{facts.deadline(job)}</li>
        <li className="source">{t('job.source', { source: job.source.name })}</li>
      </ul>
      {/* The other copies of this job (one result per job): named only, the job page links to each. */}
      {job.alsoPostedOn.length > 0 && (
        <p className="also-posted">{t('job.alsoPostedOn', { sources: formatList(job.alsoPostedOn.map((c) => c.source), lang) })}</p>
      )}
    </li>
  );
}

function ResultSkeleton() {
  return (
    <ol className="job-list skeleton" aria-hidden="true">
      {[0, 1, 2].map((i) => <li key={i} className="job-card"><div className="bar wide" /><div className="bar" /><div className="bar" /></li>)}
    </ol>
  );
}

function CheckboxGroup({ legend, values, labelOf, selected, count, onToggle, hideEmpty, atLeast }: {
  legend: string;
  values: readonly string[];
  labelOf: (v: string) => string;
  selected: string[];
  count?: (v: string) => number | undefined;
  onToggle: (v: string) => void;
  hideEmpty?: boolean;
  /** The counts are lower bounds (the search had more matches than it counts): shown as "412+". */
  atLeast?: boolean;
}) {
  const id = useId();
  const { lang } = useI18n();
  const numbers = new Intl.NumberFormat(lang);
  const shown = values.filter((v) => !hideEmpty || selected.includes(v) || (count?.(v) ?? 0) > 0);
  return (
    <fieldset>
      <legend>{legend}</legend>
      {shown.map((v) => {
        const n = count?.(v);
        return (
          <label key={v} className="check" htmlFor={`${id}-${v}`}>
            <input id={`${id}-${v}`} type="checkbox" checked={selected.includes(v)} onChange={() => onToggle(v)} />
            {' '}{labelOf(v)}{n !== undefined && <span className="count"> ({numbers.format(n)}{atLeast ? '+' : ''})</span>}
          </label>
        );
      })}
    </fieldset>
  );
}
