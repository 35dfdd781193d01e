import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import type { paths } from '@pathfinder/sdk/client';
import { api, unwrap } from '../../api';
import type { AdminMessageKey } from '../../messages-admin';
import { ErrorMessage } from '../form-parts';
import { formatDateTime, messageOf, useAdminText } from './admin-text';

type Entry = paths['/api/v1/admin/access-logs']['get']['responses'][200]['content']['application/json']['items'][number];
const OUTCOMES = ['success', 'failure', 'denied'] as const;
const KEYS = ['user', 'action', 'outcome', 'from', 'to'] as const;

/** `/admin/access-log?user=&action=&outcome=&from=&to=`: sign-ins and every admin write, newest first; the filter lives in the URL. */
export function AccessLogPage() {
  const { t, lang } = useAdminText();
  const [params, setParams] = useSearchParams();
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const query = useCallback((after?: string) => {
    const q: Record<string, string> = {};
    for (const key of KEYS) if (params.get(key)) q[key] = params.get(key)!;
    return { ...q, outcome: q.outcome as (typeof OUTCOMES)[number] | undefined, limit: 50, cursor: after };
  }, [params]);
  const load = useCallback(async (after?: string) => {
    setError(null);
    try {
      const page = unwrap(await api.GET('/api/v1/admin/access-logs', { params: { query: query(after) } }));
      setEntries((old) => (after && old ? [...old, ...page.items] : page.items));
      setCursor(page.nextCursor);
    } catch (e) {
      setError(messageOf(e, t('genericError')));
      if (!after) setEntries([]);
    }
  }, [query, t]);
  useEffect(() => void load(), [load]);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const key of KEYS) {
      const value = String(form.get(key) ?? '').trim();
      if (value) next.set(key, value);
    }
    setParams(next);
  };
  return (
    <section aria-labelledby="access-heading">
      <h1 id="access-heading">{t('access.title')}</h1>
      <form className="filter-row" onSubmit={submit} role="search" key={params.toString()}>
        <div className="field"><label htmlFor="access-user">{t('access.user')}</label><input id="access-user" name="user" defaultValue={params.get('user') ?? ''} maxLength={320} /></div>
        <div className="field">
          <label htmlFor="access-action">{t('access.action')}</label>
          <input id="access-action" name="action" defaultValue={params.get('action') ?? ''} maxLength={100} aria-describedby="access-action-help" />
          <p id="access-action-help" className="hint">{t('access.actionHelp')}</p>
        </div>
        <div className="field">
          <label htmlFor="access-outcome">{t('access.outcome')}</label>
          <select id="access-outcome" name="outcome" defaultValue={params.get('outcome') ?? ''}>
            <option value="">{t('access.anyOutcome')}</option>
            {OUTCOMES.map((o) => <option key={o} value={o}>{t(`access.outcome.${o}` as AdminMessageKey)}</option>)}
          </select>
        </div>
        <div className="field"><label htmlFor="access-from">{t('access.from')}</label><input id="access-from" name="from" type="date" defaultValue={params.get('from') ?? ''} /></div>
        <div className="field"><label htmlFor="access-to">{t('access.to')}</label><input id="access-to" name="to" type="date" defaultValue={params.get('to') ?? ''} /></div>
        <div className="field"><span aria-hidden="true">&nbsp;</span><button type="submit">{t('access.filter')}</button></div>
      </form>
      <ErrorMessage error={error} />
      {entries === null ? <p role="status">{t('loading')}</p> : entries.length === 0 ? <p>{t('access.empty')}</p> : (
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('access.col.when')}</th>
                <th scope="col">{t('access.col.user')}</th>
                <th scope="col">{t('access.col.action')}</th>
                <th scope="col">{t('access.col.resource')}</th>
                <th scope="col">{t('access.col.outcome')}</th>
                <th scope="col">{t('access.col.ip')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id}>
                  <th scope="row"><time dateTime={e.at}>{formatDateTime(e.at, lang)}</time></th>
                  <td>{e.userEmail ?? t('access.anonymous')}</td>
                  <td><code>{e.action}</code></td>
                  <td>{e.resource ?? '—'}</td>
                  <td>{OUTCOMES.includes(e.outcome as (typeof OUTCOMES)[number]) ? t(`access.outcome.${e.outcome}` as AdminMessageKey) : e.outcome}{e.statusCode ? ` (${e.statusCode})` : ''}</td>
                  <td>{e.ip ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {cursor && <button type="button" className="secondary load-more" onClick={() => void load(cursor)}>{t('users.more')}</button>}
    </section>
  );
}
