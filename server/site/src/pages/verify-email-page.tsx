import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, PathfinderApiError, unwrap } from '../api';
import { useI18n } from '../i18n';
import { useSession } from '../session';
import { ErrorMessage, StatusMessage } from './form-parts';

type State = { kind: 'confirming' } | { kind: 'confirmed'; email: string } | { kind: 'invalid'; message: string | null };

/**
 * `/verify-email?token=…`: the page the registration mail links to. It confirms the address as soon
 * as it opens (no session needed: the link may be opened on another device) and, when the link is
 * invalid or expired, offers a new one to whoever is signed in (the API mails it only to the
 * account's own address).
 */
export function VerifyEmailPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const token = params.get('token')?.trim() ?? '';
  const { refresh } = useSession();
  const [state, setState] = useState<State>(token ? { kind: 'confirming' } : { kind: 'invalid', message: null });

  useEffect(() => {
    if (!token) return;
    let current = true;
    setState({ kind: 'confirming' });
    api.POST('/api/v1/auth/verify-email', { body: { token } }).then(unwrap).then(
      (result) => {
        if (!current) return;
        setState({ kind: 'confirmed', email: result.email });
        // A signed-in reader's dashboard stops asking to confirm the address.
        void refresh();
      },
      (e: unknown) => current && setState({ kind: 'invalid', message: e instanceof PathfinderApiError && e.code !== 'PF_ERR_TOKEN_INVALID' ? e.message : null }),
    );
    return () => { current = false; };
  }, [token, refresh]);

  return (
    <div className="narrow">
      <h1>{t('verify.title')}</h1>
      {state.kind === 'confirming' && <p role="status">{t('verify.confirming')}</p>}
      {state.kind === 'confirmed' && (
        <>
          <StatusMessage text={t('verify.confirmed', { email: state.email })} />
          <p><Link to="/dashboard">{t('nav.dashboard')}</Link> · <Link to="/">{t('nav.search')}</Link></p>
        </>
      )}
      {state.kind === 'invalid' && (
        <>
          <ErrorMessage error={state.message ?? t('verify.invalid')} />
          <ResendConfirmation />
        </>
      )}
    </div>
  );
}

/**
 * Asks for a new confirmation link (`POST /auth/verify-email/resend`, which needs a session): a
 * button for a signed-in reader whose address is not confirmed yet, a sign-in link otherwise.
 */
export function ResendConfirmation() {
  const { t } = useI18n();
  const { me } = useSession();
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (me === undefined) return null;
  if (me === null) {
    return <p>{t('verify.signInToResend')} <Link to={`/sign-in?next=${encodeURIComponent('/dashboard')}`}>{t('nav.signIn')}</Link></p>;
  }
  if (me.emailVerified) return <p><Link to="/dashboard">{t('nav.dashboard')}</Link></p>;
  const resend = async () => {
    setBusy(true);
    setError(null);
    try {
      unwrap(await api.POST('/api/v1/auth/verify-email/resend'));
      setSent(true);
    } catch (e) {
      setError(e instanceof PathfinderApiError ? e.message : t('error.generic'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="resend-confirmation">
      <StatusMessage text={sent ? t('verify.sent', { email: me.email }) : null} />
      <ErrorMessage error={error} />
      {!sent && <button type="button" className="secondary" disabled={busy} onClick={resend}>{t('verify.resend')}</button>}
    </div>
  );
}
