import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { Account } from '@tdb/contracts';
import { api, refreshSession, unwrap } from '../api-client';
import { authStore, type AuthState } from './auth-store';
import { NO_PERMISSIONS, parisToday, permissionsOf, type Permissions } from './permissions';

export interface AuthContextValue {
  state: AuthState;
  /** The signed-in account, or null. */
  account: Account | null;
  permissions: Permissions;
  /** Closes the session on the server (and its cookie), then forgets it here. */
  signOut: () => Promise<void>;
}

const AuthContext = createContext<AuthContextValue | null>(null);

/** When to renew an access token valid until `expiresAt`: a minute early (a fifth early for short ones). */
export function refreshDelay(expiresAt: number, now: number): number {
  const remaining = expiresAt - now;
  const margin = Math.min(60_000, remaining / 5);
  // setTimeout cannot wait longer than 2^31 - 1 ms.
  return Math.min(Math.max(0, remaining - margin), 2_147_483_647);
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const state = useSyncExternalStore(authStore.subscribe, authStore.getState);
  const queryClient = useQueryClient();

  // On start, restore the session from the refresh cookie (a failure just means "not signed in").
  useEffect(() => {
    if (authStore.getState().status !== 'loading') return;
    refreshSession().catch(() => {
      if (authStore.getState().status === 'loading') authStore.end('expired');
    });
  }, []);

  // Renew the access token shortly before it expires, so that pages never wait on a 401.
  const expiresAt = state.status === 'authenticated' ? state.expiresAt : null;
  useEffect(() => {
    if (expiresAt === null) return undefined;
    const timer = setTimeout(
      () => {
        // A network failure leaves the session as it is: the next 401 will try again.
        refreshSession().catch(() => undefined);
      },
      refreshDelay(expiresAt, Date.now()),
    );
    return () => clearTimeout(timer);
  }, [expiresAt]);

  const signOut = useCallback(async () => {
    let providerLogoutUrl: string | null = null;
    try {
      const answer = await unwrap(api.POST('/api/auth/logout'));
      providerLogoutUrl = answer?.providerLogoutUrl ?? null;
    } catch {
      // Even if the server cannot be reached, forget the session in this tab.
    }
    authStore.end('signed-out');
    // Nothing read with this account may be shown to the next one.
    queryClient.clear();
    // A session opened through the identity provider is closed there too (it comes back to /connexion).
    if (providerLogoutUrl) window.location.assign(providerLogoutUrl);
  }, [queryClient]);

  const account = state.status === 'authenticated' ? state.account : null;
  const value = useMemo<AuthContextValue>(
    () => ({
      state,
      account,
      permissions: account ? permissionsOf(account, parisToday()) : NO_PERMISSIONS,
      signOut,
    }),
    [state, account, signOut],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>.');
  return value;
}
