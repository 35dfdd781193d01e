import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { paths } from '@pathfinder/sdk/client';
import { api, unwrap } from '../../api';
import type { AdminMessageKey } from '../../messages-admin';
import { useSession } from '../../session';
import { ConfirmBox } from '../confirm-box';
import { ErrorMessage, StatusMessage } from '../form-parts';
import { useCanWrite } from './admin-app';
import { formatDateTime, messageOf, useAdminText } from './admin-text';

type User = paths['/api/v1/admin/users']['get']['responses'][200]['content']['application/json']['items'][number];
type Role = User['role'];
const ROLES: Role[] = ['student', 'graduate', 'employer', 'admin', 'superuser'];
const roleKey = (r: Role) => `role.${r}` as AdminMessageKey;

/** `/admin/users`: find accounts by email and role, see their MFA status, change a role (never one's own), after a confirmation. */
export function UsersPage() {
  const { t } = useAdminText();
  const canWrite = useCanWrite();
  const { me } = useSession();
  const [filter, setFilter] = useState<{ q: string; role: Role | '' }>({ q: '', role: '' });
  const [page, setPage] = useState<{ items: User[]; nextCursor: string | null; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [pending, setPending] = useState<{ user: User; role: Role } | null>(null);
  const fetchPage = useCallback(async (cursor?: string) => unwrap(await api.GET('/api/v1/admin/users', {
    params: { query: { q: filter.q || undefined, role: filter.role || undefined, limit: 50, cursor } },
  })), [filter]);
  const load = useCallback(async () => {
    try {
      setPage(await fetchPage());
    } catch (e) {
      setError(messageOf(e, t('genericError')));
    }
  }, [fetchPage, t]);
  useEffect(() => void load(), [load]);

  const search = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setFilter({ q: String(form.get('q') ?? '').trim(), role: String(form.get('role') ?? '') as Role | '' });
  };
  const change = async () => {
    if (!pending) return;
    const { user, role } = pending;
    setPending(null);
    setError(null);
    setStatus(null);
    try {
      unwrap(await api.PATCH('/api/v1/admin/users/{id}', { params: { path: { id: user.id } }, body: { role } }));
      setStatus(t('users.changed', { email: user.email, role: t(roleKey(role)) }));
    } catch (e) {
      setError(messageOf(e, t('genericError')));
    }
    await load();
  };

  return (
    <section aria-labelledby="users-heading">
      <h1 id="users-heading">{t('users.title')}</h1>
      <form className="filter-row" onSubmit={search} role="search">
        <div className="field"><label htmlFor="users-q">{t('users.search')}</label><input id="users-q" name="q" type="search" defaultValue={filter.q} maxLength={320} /></div>
        <div className="field">
          <label htmlFor="users-role">{t('users.role')}</label>
          <select id="users-role" name="role" defaultValue={filter.role}>
            <option value="">{t('users.anyRole')}</option>
            {ROLES.map((r) => <option key={r} value={r}>{t(roleKey(r))}</option>)}
          </select>
        </div>
        <div className="field"><span aria-hidden="true">&nbsp;</span><button type="submit">{t('users.find')}</button></div>
      </form>
      <ErrorMessage error={error} />
      <StatusMessage text={status} />
      {pending && (
        <ConfirmBox heading={t('users.confirm', { email: pending.user.email, from: t(roleKey(pending.user.role)), to: t(roleKey(pending.role)) })}
          text={t('users.confirmText')} confirm={t('users.confirmYes')} cancel={t('plugins.cancel')}
          onConfirm={() => void change()} onCancel={() => setPending(null)} />
      )}
      {page === null ? <p role="status">{t('loading')}</p> : page.items.length === 0 ? <p>{t('users.empty')}</p> : (
        <>
          <p>{t('users.total', { count: page.total })}</p>
          <div className="table-scroll">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('users.col.email')}</th>
                  <th scope="col">{t('users.col.role')}</th>
                  <th scope="col">{t('users.col.mfa')}</th>
                  <th scope="col">{t('users.col.verified')}</th>
                  <th scope="col">{t('users.col.created')}</th>
                </tr>
              </thead>
              <tbody>{page.items.map((u) => <UserRow key={u.id} user={u} self={u.id === me?.id} canWrite={canWrite} onChange={(role) => setPending({ user: u, role })} />)}</tbody>
            </table>
          </div>
          {page.nextCursor && (
            <button type="button" className="secondary load-more" onClick={async () => {
              const next = await fetchPage(page.nextCursor!);
              setPage({ ...next, items: [...page.items, ...next.items] });
            }}>{t('users.more')}</button>
          )}
        </>
      )}
    </section>
  );
}

function UserRow({ user: u, self, canWrite, onChange }: { user: User; self: boolean; canWrite: boolean; onChange: (role: Role) => void }) {
  const { t, lang } = useAdminText();
  const [role, setRole] = useState<Role>(u.role);
  const selectId = `role-${u.id}`;
  return (
    <tr data-user={u.email}>
      <th scope="row">{u.email}</th>
      <td>
        {self ? <>{t(roleKey(u.role))}<div className="hint">{t('users.you')}</div></> : (
          <div className="row-actions">
            <label htmlFor={selectId} className="visually-hidden">{t('users.newRole', { email: u.email })}</label>
            <select id={selectId} value={role} disabled={!canWrite} onChange={(e) => setRole(e.target.value as Role)}>
              {ROLES.map((r) => <option key={r} value={r}>{t(roleKey(r))}</option>)}
            </select>
            <button type="button" className="secondary small" disabled={!canWrite || role === u.role} onClick={() => onChange(role)} aria-label={t('users.changeLabel', { email: u.email })}>{t('users.change')}</button>
          </div>
        )}
      </td>
      <td>{u.mfaEnabled ? t('users.mfaOn') : t('users.mfaOff')}</td>
      <td>{u.emailVerified ? t('users.yes') : t('users.no')}</td>
      <td><time dateTime={u.createdAt}>{formatDateTime(u.createdAt, lang)}</time></td>
    </tr>
  );
}
