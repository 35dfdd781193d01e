import { useCallback, useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { api, PathfinderApiError, unwrap } from '../../api';
import { ErrorMessage, StatusMessage } from '../form-parts';
import { fieldErrorsOf } from '../field-errors';
import { useCanWrite } from './admin-app';
import { formatDateTime, messageOf, useAdminText, type AdminPlugin } from './admin-text';
import { checkBaseUrl, checkSetting, settingsOf, type Problem, type SettingSpec } from './config-schema';

/** `/admin/plugins/:id`: the schedule override (checked, with its next runs) and the settings form drawn from `configSchema`. */
export function PluginSettingsPage() {
  const { t } = useAdminText();
  const { id = '' } = useParams();
  const [plugin, setPlugin] = useState<AdminPlugin | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      setPlugin(unwrap(await api.GET('/api/v1/admin/plugins/{id}', { params: { path: { id } } })));
    } catch (e) {
      if (e instanceof PathfinderApiError && e.status === 404) setPlugin(null);
      else setError(messageOf(e, t('genericError')));
    }
  }, [id, t]);
  useEffect(() => void load(), [load]);
  if (plugin === undefined) return error ? <ErrorMessage error={error} /> : <p role="status">{t('loading')}</p>;
  if (plugin === null) return <div className="notice"><h1>{t('plugins.empty')}</h1><Link to="/admin">{t('settings.back')}</Link></div>;
  return (
    <div className="plugin-settings">
      <p><Link to="/admin">{t('settings.back')}</Link></p>
      <h1>{t('settings.title', { name: plugin.name })}</h1>
      <ScheduleForm plugin={plugin} onSaved={setPlugin} />
      <ConfigForm plugin={plugin} onSaved={setPlugin} />
    </div>
  );
}

/** A labelled control with its help text and its own error, tied together for screen readers. */
function SettingField({ label, help, error, children }: { label: string; help?: ReactNode; error?: string; children: (props: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean }) => ReactNode }) {
  const id = useId();
  const describedBy = [help ? `${id}-help` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined })}
      {help && <p id={`${id}-help`} className="hint">{help}</p>}
      {error && <p id={`${id}-error`} className="field-error">{error}</p>}
    </div>
  );
}

function ScheduleForm({ plugin, onSaved }: { plugin: AdminPlugin; onSaved: (p: AdminPlugin) => void }) {
  const { t, lang } = useAdminText();
  const canWrite = useCanWrite();
  const [value, setValue] = useState(plugin.scheduleOverride ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const [preview, setPreview] = useState<string[] | null>(null);
  const [saved, setSaved] = useState(false);
  const check = async (): Promise<boolean> => {
    setProblem(null);
    setPreview(null);
    setSaved(false);
    const cron = value.trim();
    if (!cron) return true;
    if (cron.split(/\s+/).length !== 5) {
      setProblem(t('invalid.cronFields'));
      return false;
    }
    try {
      setPreview(unwrap(await api.GET('/api/v1/admin/schedule-preview', { params: { query: { schedule: cron } } })).nextRuns);
      return true;
    } catch (e) {
      setProblem(messageOf(e, t('genericError')));
      return false;
    }
  };
  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!(await check())) return;
    try {
      onSaved(unwrap(await api.PATCH('/api/v1/admin/plugins/{id}', { params: { path: { id: plugin.id } }, body: { schedule: value.trim() || null } })));
      setSaved(true);
    } catch (e) {
      setProblem(fieldErrorsOf(e, ['schedule']).schedule ?? messageOf(e, t('genericError')));
    }
  };
  return (
    <section aria-labelledby="schedule-heading" className="card">
      <h2 id="schedule-heading">{t('settings.schedule')}</h2>
      <form onSubmit={save} noValidate>
        <StatusMessage text={saved ? t('settings.scheduleSaved') : null} />
        <SettingField label={t('settings.override')} help={t('settings.scheduleHelp', { cron: plugin.manifestSchedule, zone: 'Toronto' })} error={problem ?? undefined}>
          {(props) => <input {...props} name="schedule" value={value} onChange={(e) => { setValue(e.target.value); setPreview(null); setProblem(null); }} disabled={!canWrite} autoComplete="off" spellCheck={false} maxLength={120} />}
        </SettingField>
        {preview && (
          <div role="status">
            <p>{t('settings.scheduleOk')}</p>
            <ol className="next-runs">{preview.map((iso) => <li key={iso}><time dateTime={iso}>{formatDateTime(iso, lang)}</time> ({t('torontoTime')})</li>)}</ol>
          </div>
        )}
        <div className="row-actions">
          <button type="button" className="secondary" onClick={() => void check()} disabled={!canWrite}>{t('settings.check')}</button>
          <button type="submit" disabled={!canWrite}>{t('settings.saveSchedule')}</button>
        </div>
      </form>
    </section>
  );
}

const display = (v: unknown, t: ReturnType<typeof useAdminText>['t']) => (v === true ? t('settings.true') : v === false ? t('settings.false') : String(v));

function ConfigForm({ plugin, onSaved }: { plugin: AdminPlugin; onSaved: (p: AdminPlugin) => void }) {
  const { t } = useAdminText();
  const canWrite = useCanWrite();
  const specs = settingsOf(plugin.configSchema);
  const stored = plugin.config;
  const [baseUrl, setBaseUrl] = useState(typeof stored.baseUrl === 'string' ? stored.baseUrl : '');
  const [values, setValues] = useState<Record<string, string | boolean>>(() => Object.fromEntries(specs.map((s) => {
    const v = stored[s.name] ?? (s.kind === 'boolean' ? s.default ?? false : undefined);
    return [s.name, s.kind === 'boolean' ? v === true : v === undefined ? '' : String(v)];
  })));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const say = ([key, vars]: Problem) => t(key, vars);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    setGeneral(null);
    const found: Record<string, string> = {};
    const config: Record<string, unknown> = {};
    const url = checkBaseUrl(baseUrl);
    if (url.problem) found.baseUrl = say(url.problem);
    else if (url.value) config.baseUrl = url.value;
    for (const spec of specs) {
      const result = checkSetting(spec, values[spec.name]!);
      if (result.problem) found[spec.name] = say(result.problem);
      else if (result.value !== undefined) config[spec.name] = result.value;
    }
    setErrors(found);
    if (Object.keys(found).length) {
      setGeneral(t('settings.fixErrors'));
      // The first field in error gets the focus, as a screen-reader user would need.
      document.querySelector<HTMLElement>('.config-form [aria-invalid="true"]')?.focus();
      return;
    }
    try {
      onSaved(unwrap(await api.PATCH('/api/v1/admin/plugins/{id}', { params: { path: { id: plugin.id } }, body: { config } })));
      setSaved(true);
    } catch (e) {
      const byField = fieldErrorsOf(e, ['baseUrl', ...specs.map((s) => s.name)]);
      setErrors(byField);
      setGeneral(Object.keys(byField).length ? t('settings.fixErrors') : messageOf(e, t('genericError')));
    }
  };

  return (
    <section aria-labelledby="config-heading" className="card">
      <h2 id="config-heading">{t('settings.config')}</h2>
      <form onSubmit={submit} noValidate className="config-form">
        <ErrorMessage error={general} />
        <StatusMessage text={saved ? t('settings.saved') : null} />
        <SettingField label={t('settings.baseUrl')} help={t('settings.baseUrlHelp')} error={errors.baseUrl}>
          {(props) => <input {...props} name="baseUrl" type="url" value={baseUrl} onChange={(e) => setBaseUrl(e.target.value)} disabled={!canWrite} autoComplete="off" spellCheck={false} />}
        </SettingField>
        {specs.length === 0 && <p>{t('settings.noSchema')}</p>}
        {specs.map((spec) => <SettingControl key={spec.name} spec={spec} value={values[spec.name]!} error={errors[spec.name]} disabled={!canWrite}
          onChange={(v) => setValues((old) => ({ ...old, [spec.name]: v }))} help={[spec.description, spec.default !== undefined ? t('settings.default', { value: display(spec.default, t) }) : ''].filter(Boolean).join(' ')} />)}
        <button type="submit" disabled={!canWrite}>{t('settings.save')}</button>
      </form>
    </section>
  );
}

function SettingControl({ spec, value, error, help, disabled, onChange }: { spec: SettingSpec; value: string | boolean; error?: string; help: string; disabled: boolean; onChange: (v: string | boolean) => void }) {
  const { t } = useAdminText();
  if (spec.kind === 'boolean') {
    const id = `setting-${spec.name}`;
    return (
      <div className="field">
        <label className="check" htmlFor={id}>
          <input id={id} type="checkbox" name={spec.name} checked={value === true} disabled={disabled} onChange={(e) => onChange(e.target.checked)} aria-describedby={`${id}-help`} /> {spec.name}
        </label>
        <p id={`${id}-help`} className="hint">{help}</p>
      </div>
    );
  }
  return (
    <SettingField label={spec.name} help={help || undefined} error={error}>
      {(props) => spec.kind === 'enum' ? (
        <select {...props} name={spec.name} value={String(value)} disabled={disabled} onChange={(e) => onChange(e.target.value)}>
          {!spec.required && <option value="">{t('settings.unset')}</option>}
          {spec.options!.map((o) => <option key={String(o)} value={String(o)}>{String(o)}</option>)}
        </select>
      ) : (
        <input {...props} name={spec.name} value={String(value)} disabled={disabled} onChange={(e) => onChange(e.target.value)}
          inputMode={spec.kind === 'string' ? undefined : spec.kind === 'integer' ? 'numeric' : 'decimal'} autoComplete="off" spellCheck={false}
          placeholder={spec.default !== undefined ? String(spec.default) : undefined} />
      )}
    </SettingField>
  );
}
