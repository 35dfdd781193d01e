import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, unwrap } from '../api';
import { useI18n } from '../i18n';
import { useSession } from '../session';
import { ErrorMessage, Field, useFormAction } from './form-parts';

/** Only a path of this site: `?next=` must not send anyone elsewhere. */
export const safeNext = (next: string | null) => (next && next.startsWith('/') && !next.startsWith('//') ? next : '/dashboard');

export function SignInPage() {
  const { t } = useI18n();
  const { refresh } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { busy, error, submit } = useFormAction(async (form) => {
    const result = unwrap(await api.POST('/api/v1/auth/login', { body: { email: String(form.get('email')), password: String(form.get('password')) } }));
    const next = safeNext(params.get('next'));
    if (result.mfaRequired) navigate(`/sign-in/mfa?next=${encodeURIComponent(next)}`);
    else {
      await refresh();
      navigate(next);
    }
  });

  return (
    <div className="narrow">
      <h1>{t('auth.signInTitle')}</h1>
      <form onSubmit={submit} noValidate>
        <ErrorMessage error={error} />
        <Field label={t('auth.email')} name="email" type="email" autoComplete="email" required />
        <Field label={t('auth.password')} name="password" type="password" autoComplete="current-password" required />
        <button type="submit" disabled={busy}>{busy ? t('auth.working') : t('auth.signIn')}</button>
      </form>
      <p><Link to="/forgot-password">{t('auth.forgot')}</Link></p>
      <p>{t('auth.noAccount')} <Link to="/register">{t('nav.register')}</Link></p>
    </div>
  );
}

export function MfaChallengePage() {
  const { t } = useI18n();
  const { refresh } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { busy, error, submit } = useFormAction(async (form) => {
    const code = String(form.get('code')).replace(/\s+/g, '');
    unwrap(await api.POST('/api/v1/auth/mfa/verify', { body: { code } }));
    await refresh();
    navigate(safeNext(params.get('next')));
  });

  return (
    <div className="narrow">
      <h1>{t('auth.mfaTitle')}</h1>
      <form onSubmit={submit} noValidate>
        <ErrorMessage error={error} />
        <Field label={t('auth.mfaCode')} name="code" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9]{6}" maxLength={6} required />
        <button type="submit" disabled={busy}>{busy ? t('auth.working') : t('auth.verify')}</button>
      </form>
    </div>
  );
}
