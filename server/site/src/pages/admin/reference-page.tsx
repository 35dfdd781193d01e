import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import type { paths } from '@pathfinder/sdk/client';
import { api, unwrap } from '../../api';
import type { AdminMessageKey } from '../../messages-admin';
import { ConfirmBox, runPageAction } from '../confirm-box';
import { ErrorMessage, StatusMessage } from '../form-parts';
import { useCanWrite } from './admin-app';
import { messageOf, useAdminText } from './admin-text';

type Item = paths['/api/v1/admin/reference/{table}']['get']['responses'][200]['content']['application/json']['items'][number];
const TABLES = ['majors', 'skills', 'provinces'] as const;
type Table = (typeof TABLES)[number];

/** `/admin/reference?table=`: programs of study and skills (list, add, rename, delete), and the fixed provinces. */
export function ReferencePage() {
  const { t } = useAdminText();
  const canWrite = useCanWrite();
  const [params, setParams] = useSearchParams();
  const table = (TABLES as readonly string[]).includes(params.get('table') ?? '') ? (params.get('table') as Table) : 'majors';
  const editable = table !== 'provinces' && canWrite;
  const [items, setItems] = useState<Item[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<Item | null>(null);
  const load = useCallback(async () => {
    try {
      setItems(unwrap(await api.GET('/api/v1/admin/reference/{table}', { params: { path: { table } } })).items);
    } catch (e) {
      setError(messageOf(e, t('genericError')));
    }
  }, [table, t]);
  useEffect(() => {
    setItems(null);
    setRenaming(null);
    setDeleting(null);
    void load();
  }, [load]);
  const act = (fn: () => Promise<string>) => runPageAction(fn, { setError, setStatus, reload: load, errorText: (e) => messageOf(e, t('genericError')) });
  const add = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const name = String(new FormData(form).get('name') ?? '').trim();
    if (!name) return;
    void act(async () => {
      const item = unwrap(await api.POST('/api/v1/admin/reference/{table}', { params: { path: { table } }, body: { name } }));
      form.reset();
      return t('ref.added', { name: item.name });
    });
  };
  const rename = (item: Item) => (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get('name') ?? '').trim();
    void act(async () => {
      const saved = unwrap(await api.PATCH('/api/v1/admin/reference/{table}/{id}', { params: { path: { table, id: item.id } }, body: { name } }));
      setRenaming(null);
      return t('ref.renamed', { name: saved.name });
    });
  };

  return (
    <section aria-labelledby="ref-heading">
      <h1 id="ref-heading">{t('ref.title')}</h1>
      <div className="field narrow">
        <label htmlFor="ref-table">{t('ref.table')}</label>
        <select id="ref-table" value={table} onChange={(e) => setParams({ table: e.target.value }, { replace: true })}>
          {TABLES.map((tb) => <option key={tb} value={tb}>{t(`ref.${tb}` as AdminMessageKey)}</option>)}
        </select>
      </div>
      <ErrorMessage error={error} />
      <StatusMessage text={status} />
      {table === 'provinces' && <p>{t('ref.readOnly')}</p>}
      {editable && (
        <form className="filter-row" onSubmit={add}>
          <div className="field"><label htmlFor="ref-new">{t('ref.newName')}</label><input id="ref-new" name="name" maxLength={200} required /></div>
          <div className="field"><span aria-hidden="true">&nbsp;</span><button type="submit">{t('ref.add')}</button></div>
        </form>
      )}
      {deleting && (
        <ConfirmBox heading={t('ref.confirmDelete', { name: deleting.name })} text={t('ref.confirmDeleteText')}
          confirm={t('ref.delete')} cancel={t('plugins.cancel')} onCancel={() => setDeleting(null)}
          onConfirm={() => {
            const item = deleting;
            setDeleting(null);
            void act(async () => {
              unwrap(await api.DELETE('/api/v1/admin/reference/{table}/{id}', { params: { path: { table, id: item.id } } }));
              return t('ref.deleted', { name: item.name });
            });
          }} />
      )}
      {items === null ? <p role="status">{t('loading')}</p> : (
        <>
          <p>{t('ref.count', { count: items.length })}</p>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('ref.name')}</th>
                {table === 'provinces' ? <th scope="col">{t('ref.nameFr')}</th> : editable && <th scope="col">{t('plugins.col.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.id}>
                  <th scope="row">
                    {renaming === item.id ? (
                      <form className="row-actions" onSubmit={rename(item)}>
                        <label className="visually-hidden" htmlFor={`rename-${item.id}`}>{t('ref.renameField', { name: item.name })}</label>
                        <input id={`rename-${item.id}`} name="name" defaultValue={item.name} maxLength={200} required autoFocus />
                        <button type="submit" className="small">{t('ref.save')}</button>
                        <button type="button" className="secondary small" onClick={() => setRenaming(null)}>{t('plugins.cancel')}</button>
                      </form>
                    ) : item.name}
                  </th>
                  {table === 'provinces' ? <td>{item.nameFr ?? '—'}</td> : editable && (
                    <td>
                      <div className="row-actions">
                        <button type="button" className="secondary small" onClick={() => setRenaming(item.id)} aria-label={t('ref.renameLabel', { name: item.name })}>{t('ref.rename')}</button>
                        <button type="button" className="danger small" onClick={() => setDeleting(item)} aria-label={t('ref.deleteLabel', { name: item.name })}>{t('ref.delete')}</button>
                      </div>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
