import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, unwrap } from '../api';
import { useI18n } from '../i18n';
import { useSession } from '../session';
import { ErrorMessage, Field, useFormAction } from './form-parts';

type Role = 'student' | 'graduate' | 'employer';

export function RegisterPage() {
  const { t } = useI18n();
  const { refresh } = useSession();
  const navigate = useNavigate();
  const [role, setRole] = useState<Role>('student');
  const { busy, error, submit } = useFormAction(async (form) => {
    const email = String(form.get('email'));
    const password = String(form.get('password'));
    const companyName = String(form.get('companyName') ?? '').trim();
    unwrap(await api.POST('/api/v1/auth/register', {
      body: { email, password, role, consent: form.get('consent') === 'on', ...(role === 'employer' && companyName ? { companyName } : {}) },
    }));
    // Registration does not sign in: do it now with the same credentials.
    unwrap(await api.POST('/api/v1/auth/login', { body: { email, password } }));
    await refresh();
    navigate('/dashboard');
  });

  return (
    <div className="narrow">
      <h1>{t('auth.registerTitle')}</h1>
      <form onSubmit={submit} noValidate>
        <ErrorMessage error={error} />
        <fieldset>
          <legend>{t('auth.role')}</legend>
          {(['student', 'graduate', 'employer'] as const).map((r) => (
            <label key={r} className="check"><input type="radio" name="role" value={r} checked={role === r} onChange={() => setRole(r)} /> {t(`auth.role.${r}`)}</label>
          ))}
        </fieldset>
        <Field label={t('auth.email')} name="email" type="email" autoComplete="email" required />
        <Field label={t('auth.password')} name="password" type="password" autoComplete="new-password" minLength={12} hint={t('auth.passwordHint')} required />
        {role === 'employer' && <Field label={t('auth.companyName')} name="companyName" autoComplete="organization" maxLength={150} />}
        <label className="check consent"><input type="checkbox" name="consent" /> {t('auth.consent')}</label>
        <button type="submit" disabled={busy}>{busy ? t('auth.working') : t('auth.register')}</button>
      </form>
      <p><Link to="/sign-in">{t('nav.signIn')}</Link></p>
    </div>
  );
}
