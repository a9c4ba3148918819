import type { Account, LoginResponse } from '@tdb/contracts';

/** Why nobody is signed in: the user signed out, or the session could not be renewed. */
export type SignedOutReason = 'signed-out' | 'expired';

export type AuthState =
  /** On start, while the refresh cookie is tried. */
  | { status: 'loading' }
  | { status: 'anonymous'; reason: SignedOutReason | null }
  | {
      status: 'authenticated';
      account: Account;
      /** Epoch ms when the access token expires. */ expiresAt: number;
      /**
       * The platform requires a second factor for this account's role and it has none yet: until it
       * is set up in "Mon compte", the API refuses everything else (403 TOTP_ENROLLMENT_REQUIRED).
       */
      totpEnrollmentRequired: boolean;
    };

type Listener = () => void;

/**
 * The session of this tab. The access token lives here, in memory only: never in localStorage or a
 * readable cookie, so that a script injected in the page cannot keep it. It is lost on reload and
 * restored from the httpOnly refresh cookie (see `refreshSession` in the API client).
 */
function createAuthStore() {
  let state: AuthState = { status: 'loading' };
  let accessToken: string | null = null;
  const listeners = new Set<Listener>();

  const emit = (next: AuthState) => {
    state = next;
    for (const listener of listeners) listener();
  };

  return {
    getState: (): AuthState => state,
    getAccessToken: (): string | null => accessToken,
    subscribe(listener: Listener): () => void {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    /** Keeps what a login, a refresh or a password change returned. */
    start(response: LoginResponse, now: number = Date.now()): void {
      accessToken = response.accessToken;
      emit({
        status: 'authenticated',
        account: response.account,
        expiresAt: now + response.expiresIn * 1000,
        totpEnrollmentRequired: response.totpEnrollmentRequired === true,
      });
    },
    /** The API answered 403 TOTP_ENROLLMENT_REQUIRED: the second factor must be set up first. */
    requireTotpEnrollment(): void {
      if (state.status === 'authenticated' && !state.totpEnrollmentRequired)
        emit({ ...state, totpEnrollmentRequired: true });
    },
    /** The second factor is now active: the rest of the service opens again. */
    totpEnrolled(): void {
      if (state.status !== 'authenticated') return;
      emit({ ...state, account: { ...state.account, totpEnabled: true }, totpEnrollmentRequired: false });
    },
    /** A fresher copy of the signed-in account (after /auth/me or an edit of one's own account). */
    updateAccount(account: Account): void {
      if (state.status === 'authenticated' && state.account.id === account.id) emit({ ...state, account });
    },
    /** Forgets the session. "expired" is only said of a session that existed. */
    end(reason: SignedOutReason): void {
      const wasSignedIn = state.status === 'authenticated';
      accessToken = null;
      if (state.status === 'anonymous' && !wasSignedIn && reason === 'expired') return;
      emit({ status: 'anonymous', reason: wasSignedIn || reason === 'signed-out' ? reason : null });
    },
    /** Tests only: back to the state of a fresh page. */
    reset(next: AuthState = { status: 'loading' }, token: string | null = null): void {
      accessToken = token;
      emit(next);
    },
  };
}

export const authStore = createAuthStore();
