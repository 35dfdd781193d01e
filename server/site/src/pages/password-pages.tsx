import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../api';
import { useI18n } from '../i18n';
import { ErrorMessage, Field, StatusMessage, useFormAction } from './form-parts';

export function ForgotPasswordPage() {
  const { t } = useI18n();
  const [done, setDone] = useState(false);
  const { busy, error, submit } = useFormAction(async (form) => {
    unwrap(await api.POST('/api/v1/auth/password/forgot', { body: { email: String(form.get('email')) } }));
    setDone(true);
  });
  return (
    <div className="narrow">
      <h1>{t('auth.forgotTitle')}</h1>
      <StatusMessage text={done ? t('auth.forgotSent') : null} />
      {!done && (
        <form onSubmit={submit} noValidate>
          <ErrorMessage error={error} />
          <Field label={t('auth.email')} name="email" type="email" autoComplete="email" required />
          <button type="submit" disabled={busy}>{t('auth.forgotSend')}</button>
        </form>
      )}
    </div>
  );
}

export function ResetPasswordPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const [done, setDone] = useState(false);
  const { busy, error, submit } = useFormAction(async (form) => {
    unwrap(await api.POST('/api/v1/auth/password/reset', { body: { token: params.get('token') ?? '', password: String(form.get('password')) } }));
    setDone(true);
  });
  return (
    <div className="narrow">
      <h1>{t('auth.resetTitle')}</h1>
      <StatusMessage text={done ? t('auth.resetDone') : null} />
      {done ? <p><Link to="/sign-in">{t('nav.signIn')}</Link></p> : (
        <form onSubmit={submit} noValidate>
          <ErrorMessage error={error} />
          <Field label={t('auth.newPassword')} name="password" type="password" autoComplete="new-password" minLength={12} hint={t('auth.passwordHint')} required />
          <button type="submit" disabled={busy}>{t('auth.resetSave')}</button>
        </form>
      )}
    </div>
  );
}
