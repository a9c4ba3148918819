import type { Actor, ActorGrant } from '@tdb/access';

/** The user behind a request, as the JWT strategy loads it from the database on every request. */
export interface AuthenticatedActor extends Actor {
  accountId: string;
  email: string;
  /**
   * The account's first and last names, as histories and audit record them; absent for an API
   * token (no account) and for actors built outside a request.
   */
  name?: string;
  sessionId: string;
  grants: ActorGrant[];
  /** The platform requires a second factor for this account's role and it has none yet. */
  mustEnrollTotp?: boolean;
  /** The address the request came from (set per request by the guard: actors are cached across requests). */
  ipAddress?: string | null;
}
