import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { SIGNED_OUT_EVENT } from '../api/client';
import { clearSession, loadSession, saveSession, type Session } from './session';

interface AuthState {
  session: Session | null;
  /** Why the last session ended (shown on the sign-in page), if it did not end by signing out. */
  endedBecause: string | null;
  signIn: (token: string) => void;
  signOut: (reason?: string) => void;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [session, setSession] = useState<Session | null>(() => loadSession());
  const [endedBecause, setEndedBecause] = useState<string | null>(null);

  const signOut = useCallback(
    (reason?: string) => {
      clearSession();
      queryClient.clear();
      setSession(null);
      setEndedBecause(reason ?? null);
    },
    [queryClient],
  );

  const signIn = useCallback((token: string) => {
    setSession(saveSession(token));
    setEndedBecause(null);
  }, []);

  // The API answered 401 (token expired or revoked): back to the sign-in page with the reason.
  useEffect(() => {
    const onSignedOut = (e: Event) => signOut((e as CustomEvent<string>).detail);
    window.addEventListener(SIGNED_OUT_EVENT, onSignedOut);
    return () => window.removeEventListener(SIGNED_OUT_EVENT, onSignedOut);
  }, [signOut]);

  // The token's own expiry, even when the user does nothing.
  useEffect(() => {
    if (!session) return;
    const timer = setTimeout(() => signOut('登录已过期，请重新登录'), Math.max(0, session.expiresAt - Date.now()));
    return () => clearTimeout(timer);
  }, [session, signOut]);

  const value = useMemo(() => ({ session, endedBecause, signIn, signOut }), [session, endedBecause, signIn, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error('useAuth outside AuthProvider');
  return state;
}

/** The signed-in session; only for pages behind the sign-in guard. */
export function useSession(): Session {
  const { session } = useAuth();
  if (!session) throw new Error('no session');
  return session;
}
