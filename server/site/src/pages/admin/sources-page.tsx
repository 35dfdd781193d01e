import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { paths } from '@pathfinder/sdk/client';
import { api, unwrap } from '../../api';
import { runPageAction } from '../confirm-box';
import { ErrorMessage, StatusMessage } from '../form-parts';
import { useCanWrite } from './admin-app';
import { messageOf, useAdminText } from './admin-text';

type Source = paths['/api/v1/admin/sources']['get']['responses'][200]['content']['application/json']['items'][number];
type Patch = NonNullable<paths['/api/v1/admin/sources/{id}']['patch']['requestBody']>['content']['application/json'];

/** A form field's text, or null when left empty (the API clears a field with null). */
const textOrNull = (form: FormData, name: string) => {
  const value = String(form.get(name) ?? '').trim();
  return value === '' ? null : value;
};

/**
 * `/admin/sources`: every data source (plugins', employers', hand-entered), searchable by name;
 * add a manual or employer source; edit a source's contact, notes and switches. A plugin source's
 * address and delays come from its manifest, so the form leaves them out.
 */
export function SourcesPage() {
  const { t } = useAdminText();
  const canWrite = useCanWrite();
  const [q, setQ] = useState('');
  const [items, setItems] = useState<Source[] | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      setItems(unwrap(await api.GET('/api/v1/admin/sources', { params: { query: { q: q || undefined } } })).items);
    } catch (e) {
      setError(messageOf(e, t('genericError')));
    }
  }, [q, t]);
  useEffect(() => void load(), [load]);
  const act = (fn: () => Promise<string>) => runPageAction(fn, { setError, setStatus, reload: load, errorText: (e) => messageOf(e, t('genericError')) });

  const search = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setQ(String(new FormData(event.currentTarget).get('q') ?? '').trim());
  };
  const add = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const name = String(form.get('name') ?? '').trim();
    void act(async () => {
      unwrap(await api.POST('/api/v1/admin/sources', {
        body: {
          name, sourceType: form.get('sourceType') === 'employer' ? 'employer' : 'manual',
          ...(textOrNull(form, 'baseUrl') ? { baseUrl: textOrNull(form, 'baseUrl') } : {}),
          ...(textOrNull(form, 'contactEmail') ? { contactEmail: textOrNull(form, 'contactEmail') } : {}),
        },
      }));
      formElement.reset();
      return t('sources.added', { name });
    });
  };
  const save = (source: Source) => (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const body: Patch = {
      name: String(form.get('name') ?? '').trim() || source.name,
      contactFirstName: textOrNull(form, 'contactFirstName'),
      contactLastName: textOrNull(form, 'contactLastName'),
      contactEmail: textOrNull(form, 'contactEmail'),
      specialNotes: textOrNull(form, 'specialNotes'),
      isSponsor: form.get('isSponsor') === 'on',
      updateProhibited: form.get('updateProhibited') === 'on',
      ...(source.pluginId ? {} : { baseUrl: textOrNull(form, 'baseUrl') }),
    };
    void act(async () => {
      unwrap(await api.PATCH('/api/v1/admin/sources/{id}', { params: { path: { id: source.id } }, body }));
      setEditing(null);
      return t('sources.saved', { name: body.name ?? source.name });
    });
  };

  return (
    <section aria-labelledby="sources-heading">
      <h1 id="sources-heading">{t('sources.title')}</h1>
      <p>{t('sources.intro')}</p>
      <form className="filter-row" role="search" onSubmit={search}>
        <div className="field"><label htmlFor="sources-q">{t('sources.search')}</label><input id="sources-q" name="q" defaultValue={q} maxLength={200} /></div>
        <div className="field"><span aria-hidden="true">&nbsp;</span><button type="submit">{t('sources.find')}</button></div>
      </form>
      <ErrorMessage error={error} />
      <StatusMessage text={status} />
      {canWrite && (
        <form className="card" onSubmit={add} aria-labelledby="sources-add-heading">
          <h2 id="sources-add-heading">{t('sources.add')}</h2>
          <div className="filter-row">
            <div className="field"><label htmlFor="source-new-name">{t('sources.name')}</label><input id="source-new-name" name="name" required maxLength={200} /></div>
            <div className="field">
              <label htmlFor="source-new-type">{t('sources.type')}</label>
              <select id="source-new-type" name="sourceType" defaultValue="manual">
                <option value="manual">{t('sources.type.manual')}</option>
                <option value="employer">{t('sources.type.employer')}</option>
              </select>
            </div>
            <div className="field"><label htmlFor="source-new-url">{t('sources.baseUrl')}</label><input id="source-new-url" name="baseUrl" type="url" maxLength={2048} /></div>
            <div className="field"><label htmlFor="source-new-email">{t('sources.contactEmail')}</label><input id="source-new-email" name="contactEmail" type="email" maxLength={320} /></div>
            <div className="field"><span aria-hidden="true">&nbsp;</span><button type="submit">{t('sources.addButton')}</button></div>
          </div>
        </form>
      )}
      {items === null ? !error && <p role="status">{t('loading')}</p> : items.length === 0 ? <p>{t('sources.empty')}</p> : (
        <div className="table-scroll">
          <table className="data-table">
            <caption>{t('sources.total', { count: items.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('sources.name')}</th>
                <th scope="col">{t('sources.type')}</th>
                <th scope="col">{t('sources.activeJobs')}</th>
                <th scope="col">{t('sources.contact')}</th>
                <th scope="col">{t('sources.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((s) => (
                <tr key={s.id}>
                  <th scope="row">{s.name}{s.pluginId && <div className="hint">{t('sources.plugin', { id: s.pluginId })}</div>}</th>
                  <td>{t(`sources.type.${s.sourceType}`)}{s.isSponsor && <div className="hint">{t('sources.sponsor')}</div>}</td>
                  <td>{s.activeJobs}</td>
                  <td>{s.contactEmail ?? '—'}</td>
                  <td>
                    {editing === s.id ? (
                      <form onSubmit={save(s)} aria-label={t('sources.editOf', { name: s.name })}>
                        <div className="field"><label htmlFor={`name-${s.id}`}>{t('sources.name')}</label><input id={`name-${s.id}`} name="name" defaultValue={s.name} required maxLength={200} /></div>
                        {!s.pluginId && <div className="field"><label htmlFor={`url-${s.id}`}>{t('sources.baseUrl')}</label><input id={`url-${s.id}`} name="baseUrl" type="url" defaultValue={s.baseUrl ?? ''} maxLength={2048} /></div>}
                        <div className="field"><label htmlFor={`first-${s.id}`}>{t('sources.contactFirstName')}</label><input id={`first-${s.id}`} name="contactFirstName" defaultValue={s.contactFirstName ?? ''} maxLength={100} /></div>
                        <div className="field"><label htmlFor={`last-${s.id}`}>{t('sources.contactLastName')}</label><input id={`last-${s.id}`} name="contactLastName" defaultValue={s.contactLastName ?? ''} maxLength={100} /></div>
                        <div className="field"><label htmlFor={`email-${s.id}`}>{t('sources.contactEmail')}</label><input id={`email-${s.id}`} name="contactEmail" type="email" defaultValue={s.contactEmail ?? ''} maxLength={320} /></div>
                        <div className="field"><label htmlFor={`notes-${s.id}`}>{t('sources.notes')}</label><textarea id={`notes-${s.id}`} name="specialNotes" defaultValue={s.specialNotes ?? ''} maxLength={10_000} /></div>
                        <div className="field checkbox"><input id={`sponsor-${s.id}`} name="isSponsor" type="checkbox" defaultChecked={s.isSponsor} /><label htmlFor={`sponsor-${s.id}`}>{t('sources.sponsor')}</label></div>
                        <div className="field checkbox"><input id={`frozen-${s.id}`} name="updateProhibited" type="checkbox" defaultChecked={s.updateProhibited} /><label htmlFor={`frozen-${s.id}`}>{t('sources.updateProhibited')}</label></div>
                        <div className="row-actions">
                          <button type="submit">{t('sources.save')}</button>
                          <button type="button" className="secondary" onClick={() => setEditing(null)}>{t('plugins.cancel')}</button>
                        </div>
                      </form>
                    ) : (
                      <button type="button" className="secondary" disabled={!canWrite} onClick={() => setEditing(s.id)}>{t('sources.edit', { name: s.name })}</button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
