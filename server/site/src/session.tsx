import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, type Me } from './api';


interface Session {
  /** `undefined` while loading, `null` when signed out. */
  me: Me | null | undefined;
  refresh: () => Promise<void>;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

/** Who is signed in, from `GET /users/me` (the HttpOnly cookie travels by itself). */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const refresh = useCallback(async () => {
    // Asks who is signed in first: a 200 either way, so a visitor's console shows no 401.
    const session = await api.GET('/api/v1/auth/session').catch(() => ({ data: undefined, error: undefined }));
    // An admin or superuser without MFA is refused everything but their own account and MFA setup
    // (403 PF_ERR_MFA_REQUIRED), yet signed in: the pages send them to set it up.
    const mfaSetupPending = (session.error as { code?: string } | undefined)?.code === 'PF_ERR_MFA_REQUIRED';
    if (!session.data?.user && !mfaSetupPending) {
      setMe(null);
      return;
    }
    const { data } = await api.GET('/api/v1/users/me').catch(() => ({ data: undefined }));
    setMe(data ?? null);
  }, []);
  const signOut = useCallback(async () => {
    await api.POST('/api/v1/auth/logout').catch(() => undefined);
    setMe(null);
  }, []);
  useEffect(() => void refresh(), [refresh]);
  const value = useMemo(() => ({ me, refresh, signOut }), [me, refresh, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
