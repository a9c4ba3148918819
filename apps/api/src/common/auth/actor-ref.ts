import type { EntityManager } from 'typeorm';
import type { AuthenticatedActor } from './authenticated-actor';

export interface ActorRef {
  id: string | null;
  name: string;
  /** Where the request came from; null outside a request (seeds, jobs). */
  ipAddress: string | null;
}

/**
 * Who is behind an action, for histories and audit: the account (id and name), or, for an API
 * token (not an account), no id and the token's label.
 */
export async function actorRef(manager: EntityManager, actor: AuthenticatedActor): Promise<ActorRef> {
  // The signed-in actor carries its name (read with its grants): no round trip in the writer's
  // transaction. The name is at most ACTOR_CACHE_MS old, like the grants it came with.
  if (actor.name !== undefined)
    return { id: actor.accountId, name: actor.name, ipAddress: actor.ipAddress ?? null };
  const rows: { name: string }[] = await manager.query(
    `SELECT first_name || ' ' || last_name AS name FROM accounts WHERE id::text = $1`,
    [actor.accountId],
  );
  const ipAddress = actor.ipAddress ?? null;
  return rows[0]
    ? { id: actor.accountId, name: rows[0].name, ipAddress }
    : { id: null, name: actor.email, ipAddress };
}
