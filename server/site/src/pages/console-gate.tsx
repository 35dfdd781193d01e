import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import type { Me } from '../api';
import { useSession } from '../session';

export interface GateText {
  loading: string;
  signedOut: string;
  signIn: string;
  deniedTitle: string;
  deniedText: string;
  mfaTitle: string;
  mfaText: string;
  mfaLink: string;
}

/**
 * Shows `children(me)` only to a signed-in user of one of `roles`; anyone else is told in words
 * why not, with no control of the page rendered. An admin or superuser without MFA is sent to set
 * it up first, as the API requires (it answers them `PF_ERR_MFA_REQUIRED`).
 */
export function RoleGate({ roles, text, children }: { roles: Me['role'][]; text: GateText; children: (me: Me) => ReactNode }) {
  const { me } = useSession();
  const location = useLocation();
  if (me === undefined) return <p role="status">{text.loading}</p>;
  if (me === null) {
    return (
      <div className="notice">
        <p>{text.signedOut}</p>
        <Link to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`}>{text.signIn}</Link>
      </div>
    );
  }
  if (!roles.includes(me.role)) {
    return (
      <div className="notice">
        <h1>{text.deniedTitle}</h1>
        <p>{text.deniedText}</p>
      </div>
    );
  }
  if ((me.role === 'admin' || me.role === 'superuser') && !me.mfaEnabled) {
    return (
      <div className="notice">
        <h1>{text.mfaTitle}</h1>
        <p>{text.mfaText}</p>
        <Link to="/dashboard">{text.mfaLink}</Link>
      </div>
    );
  }
  return <>{children(me)}</>;
}
