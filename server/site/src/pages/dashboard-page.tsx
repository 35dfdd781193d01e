import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { api, PathfinderApiError, unwrap, type Alert, type SavedJob } from '../api';
import { useI18n } from '../i18n';
import { useSession } from '../session';
import { readSearch } from '../search-state';
import type { MessageKey } from '../messages';
import { ErrorMessage, Field, StatusMessage } from './form-parts';
import { ResendConfirmation } from './verify-email-page';

type Frequency = Alert['frequency'];
const FREQUENCIES: Frequency[] = ['instant', 'daily', 'weekly'];

const messageOf = (e: unknown, fallback: string) => (e instanceof PathfinderApiError ? e.message : fallback);

export function DashboardPage() {
  const { t } = useI18n();
  const { me } = useSession();
  const location = useLocation();
  if (me === undefined) return <p role="status">{t('auth.working')}</p>;
  if (me === null) {
    return (
      <div className="notice">
        <p>{t('dash.signedOut')}</p>
        <Link to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`}>{t('nav.signIn')}</Link>
      </div>
    );
  }
  return (
    <div className="dashboard">
      <h1>{t('dash.title')}</h1>
      <p>{me.email}</p>
      {!me.emailVerified && <div className="notice"><p>{t('verify.pending')}</p><ResendConfirmation /></div>}
      {location.pathname === '/dashboard/alerts/new' && <NewAlert />}
      <SavedJobs />
      <Alerts />
      <Profile />
      <Security />
      <Privacy />
    </div>
  );
}

function SavedJobs() {
  const { t } = useI18n();
  const [items, setItems] = useState<SavedJob[] | null>(null);
  const load = useCallback(async () => setItems(unwrap(await api.GET('/api/v1/users/me/saved-jobs', { params: { query: { limit: 100 } } })).items), []);
  useEffect(() => void load(), [load]);
  return (
    <section aria-labelledby="saved-heading">
      <h2 id="saved-heading">{t('dash.saved')}</h2>
      {items === null ? <p role="status">{t('auth.working')}</p> : items.length === 0 ? <p>{t('dash.savedEmpty')}</p> : (
        <ul className="plain-list">
          {items.map((s) => (
            <li key={s.job.id}>
              <Link to={`/jobs/${encodeURIComponent(s.job.id)}`}>{s.job.title}</Link> — {s.job.companyName}
              {' '}<button type="button" className="secondary small" aria-label={`${t('dash.remove')}: ${s.job.title}`}
                onClick={async () => { unwrap(await api.DELETE('/api/v1/users/me/saved-jobs/{jobId}', { params: { path: { jobId: s.job.id } } })); await load(); }}>{t('dash.remove')}</button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function FrequencySelect({ value, onChange, id }: { value: Frequency; onChange: (f: Frequency) => void; id: string }) {
  const { t } = useI18n();
  return (
    <div className="field">
      <label htmlFor={id}>{t('dash.frequency')}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as Frequency)}>
        {FREQUENCIES.map((f) => <option key={f} value={f}>{t(`dash.freq.${f}` as MessageKey)}</option>)}
      </select>
    </div>
  );
}

/** "Alert me about jobs like these": the search in the URL becomes the alert's words and filters. */
function NewAlert() {
  const { t } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  const search = readSearch(new URLSearchParams(location.search));
  const [name, setName] = useState(search.q || t('dash.newAlert'));
  const [frequency, setFrequency] = useState<Frequency>('daily');
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      unwrap(await api.POST('/api/v1/users/me/alerts', {
        body: {
          name, frequency, q: search.q || null,
          jobType: search.jobType as Alert['jobType'], term: search.term as Alert['term'],
          locationType: search.locationType as Alert['locationType'], province: search.province,
        },
      }));
      navigate('/dashboard?alert=created', { replace: true });
    } catch (e) {
      setError(messageOf(e, t('error.generic')));
    }
  };
  return (
    <section aria-labelledby="new-alert-heading" className="card">
      <h2 id="new-alert-heading">{t('dash.newAlert')}</h2>
      <form onSubmit={submit}>
        <ErrorMessage error={error} />
        <Field label={t('dash.alertName')} name="name" value={name} onChange={(e) => setName(e.target.value)} maxLength={120} required />
        {search.q && <p>{t('dash.alertQuery')}: <strong>{search.q}</strong></p>}
        <FrequencySelect id="new-alert-frequency" value={frequency} onChange={setFrequency} />
        <button type="submit">{t('dash.createAlert')}</button>
      </form>
    </section>
  );
}

function Alerts() {
  const { t } = useI18n();
  const location = useLocation();
  const [items, setItems] = useState<Alert[] | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const load = useCallback(async () => setItems(unwrap(await api.GET('/api/v1/users/me/alerts')).items), []);
  useEffect(() => void load(), [load, location.key]);
  const patch = async (id: string, body: { name?: string; frequency?: Frequency; active?: boolean; q?: string | null }) => {
    unwrap(await api.PATCH('/api/v1/users/me/alerts/{id}', { params: { path: { id } }, body }));
    await load();
  };
  return (
    <section aria-labelledby="alerts-heading">
      <h2 id="alerts-heading">{t('dash.alerts')}</h2>
      <StatusMessage text={new URLSearchParams(location.search).get('alert') === 'created' ? t('dash.alertCreated') : null} />
      {items === null ? <p role="status">{t('auth.working')}</p> : items.length === 0 ? <p>{t('dash.alertsEmpty')}</p> : (
        <ul className="plain-list">
          {items.map((a) => (
            <li key={a.id} className="alert-item">
              {editing === a.id ? <EditAlert alert={a} onDone={async (body) => { if (body) await patch(a.id, body); setEditing(null); }} /> : (
                <>
                  <strong>{a.name}</strong>{a.q && <> — “{a.q}”</>} · {t(`dash.freq.${a.frequency}` as MessageKey)} · {a.active ? t('dash.active') : t('dash.paused')}
                  <div className="row-actions">
                    <button type="button" className="secondary small" onClick={() => setEditing(a.id)} aria-label={`${t('dash.edit')}: ${a.name}`}>{t('dash.edit')}</button>
                    <button type="button" className="secondary small" onClick={() => patch(a.id, { active: !a.active })} aria-label={`${a.active ? t('dash.pause') : t('dash.resume')}: ${a.name}`}>
                      {a.active ? t('dash.pause') : t('dash.resume')}
                    </button>
                    <button type="button" className="danger small" aria-label={`${t('dash.delete')}: ${a.name}`}
                      onClick={async () => { unwrap(await api.DELETE('/api/v1/users/me/alerts/{id}', { params: { path: { id: a.id } } })); await load(); }}>{t('dash.delete')}</button>
                  </div>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function EditAlert({ alert, onDone }: { alert: Alert; onDone: (body: { name: string; frequency: Frequency; q: string | null } | null) => void }) {
  const { t } = useI18n();
  const [name, setName] = useState(alert.name);
  const [q, setQ] = useState(alert.q ?? '');
  const [frequency, setFrequency] = useState<Frequency>(alert.frequency);
  return (
    <form onSubmit={(e) => { e.preventDefault(); onDone({ name, frequency, q: q.trim() || null }); }}>
      <Field label={t('dash.alertName')} name="name" value={name} onChange={(e) => setName(e.target.value)} maxLength={120} required />
      <Field label={t('dash.alertQuery')} name="q" value={q} onChange={(e) => setQ(e.target.value)} maxLength={500} />
      <FrequencySelect id={`freq-${alert.id}`} value={frequency} onChange={setFrequency} />
      <button type="submit">{t('dash.save')}</button> <button type="button" className="secondary" onClick={() => onDone(null)}>{t('dash.cancel')}</button>
    </form>
  );
}

function Profile() {
  const { t } = useI18n();
  const { me } = useSession();
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!me) return null;
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (k: string) => String(form.get(k) ?? '').trim() || null;
    const year = text('graduationYear');
    setError(null);
    try {
      unwrap(await api.PATCH('/api/v1/users/me', { body: { firstName: text('firstName'), lastName: text('lastName'), school: text('school'), major: text('major'), graduationYear: year ? Number(year) : null } }));
      setSaved(true);
    } catch (e) {
      setError(messageOf(e, t('error.generic')));
    }
  };
  return (
    <section aria-labelledby="profile-heading">
      <h2 id="profile-heading">{t('dash.profile')}</h2>
      <form onSubmit={submit} onChange={() => setSaved(false)}>
        <ErrorMessage error={error} />
        <StatusMessage text={saved ? t('dash.profileSaved') : null} />
        <Field label={t('dash.firstName')} name="firstName" defaultValue={me.profile.firstName ?? ''} autoComplete="given-name" maxLength={100} />
        <Field label={t('dash.lastName')} name="lastName" defaultValue={me.profile.lastName ?? ''} autoComplete="family-name" maxLength={100} />
        <Field label={t('dash.school')} name="school" defaultValue={me.profile.school ?? ''} maxLength={200} />
        <Field label={t('dash.major')} name="major" defaultValue={me.profile.major ?? ''} maxLength={200} />
        <Field label={t('dash.graduationYear')} name="graduationYear" type="number" min={1950} max={2100} defaultValue={me.profile.graduationYear ?? ''} />
        <button type="submit">{t('dash.save')}</button>
      </form>
    </section>
  );
}

function Security() {
  const { t } = useI18n();
  const { me, refresh } = useSession();
  const [setup, setSetup] = useState<{ secret: string; qrCodeSvg: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  if (!me) return null;
  const start = async () => {
    setError(null);
    try {
      setSetup(unwrap(await api.POST('/api/v1/auth/mfa/setup')));
    } catch (e) {
      setError(messageOf(e, t('error.generic')));
    }
  };
  const enable = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setError(null);
    try {
      unwrap(await api.POST('/api/v1/auth/mfa/enable', { body: { code: String(new FormData(event.currentTarget).get('code')).replace(/\s+/g, '') } }));
      setSetup(null);
      setDone(true);
      await refresh();
    } catch (e) {
      setError(messageOf(e, t('error.generic')));
    }
  };
  return (
    <section aria-labelledby="security-heading">
      <h2 id="security-heading">{t('dash.security')}</h2>
      <StatusMessage text={done ? t('dash.mfaEnabled') : null} />
      <ErrorMessage error={error} />
      {me.mfaEnabled ? <p>{t('dash.mfaOn')}</p> : setup ? (
        <div className="mfa-setup">
          <p>{t('dash.mfaScan')}</p>
          {/* The API draws the QR code (an SVG); shown as an image, so none of its markup enters the page. */}
          <img className="qr" width={200} height={200} alt={t('dash.mfaQr')} src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(setup.qrCodeSvg)}`} />
          <p>{t('dash.mfaSecret')}: <code className="secret" data-testid="mfa-secret">{setup.secret}</code></p>
          <form onSubmit={enable}>
            <Field label={t('auth.mfaCode')} name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={6} required />
            <button type="submit">{t('dash.mfaEnable')}</button>
          </form>
        </div>
      ) : (
        <>
          <p>{t('dash.mfaOff')}</p>
          <button type="button" onClick={start}>{t('dash.mfaSetup')}</button>
        </>
      )}
    </section>
  );
}

function Privacy() {
  const { t } = useI18n();
  const { me, refresh } = useSession();
  const navigate = useNavigate();
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);
  if (!me) return null;
  const setConsent = async (given: boolean) => {
    unwrap(await api.POST('/api/v1/users/me/consent', { body: { given } }));
    await refresh();
  };
  const remove = async (event: FormEvent) => {
    event.preventDefault();
    if (confirm !== 'DELETE') return;
    // The API asks for proof that the owner is at the keyboard: the password, or a fresh code with MFA on.
    const proof = String(new FormData(event.currentTarget as HTMLFormElement).get('proof') ?? '');
    try {
      unwrap(await api.DELETE('/api/v1/users/me', { body: me.mfaEnabled ? { code: proof } : { password: proof } }));
      await refresh();
      navigate('/');
    } catch (e) {
      setError(messageOf(e, t('error.generic')));
    }
  };
  return (
    <section aria-labelledby="privacy-heading">
      <h2 id="privacy-heading">{t('dash.privacy')}</h2>
      <p><a className="button secondary" href="/api/v1/users/me/export" download="pathfinder-personal-data.json">{t('dash.download')}</a></p>
      <p>{me.consentGiven ? t('dash.consentOn') : t('dash.consentOff')}</p>
      <button type="button" className="secondary" onClick={() => setConsent(!me.consentGiven)}>{me.consentGiven ? t('dash.withdraw') : t('dash.give')}</button>
      <form onSubmit={remove} className="danger-zone">
        <h3>{t('dash.deleteAccount')}</h3>
        <ErrorMessage error={error} />
        <Field label={t('dash.deleteConfirm')} name="confirm" value={confirm} onChange={(e) => setConfirm(e.target.value)} autoComplete="off" />
        {me.mfaEnabled
          ? <Field label={t('auth.mfaCode')} name="proof" inputMode="numeric" autoComplete="one-time-code" maxLength={6} required />
          : <Field label={t('dash.deletePassword')} name="proof" type="password" autoComplete="current-password" required />}
        <button type="submit" className="danger" disabled={confirm !== 'DELETE'}>{t('dash.deleteNow')}</button>
      </form>
    </section>
  );
}
