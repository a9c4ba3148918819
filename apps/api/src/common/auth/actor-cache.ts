import {
  Injectable,
  SetMetadata,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { finalize, type Observable } from 'rxjs';
import type { AuthenticatedActor } from './authenticated-actor';

/** How long a signed-in actor (account, session, grants) is reused without reading it again. */
export const ACTOR_CACHE_MS = 5_000;

/**
 * Reading the account, its session and its grants on every request dominated the cost of light
 * GET routes. They are kept a few seconds; any write handled by this process (logout, revocation,
 * a grant or an account changed…) empties the cache, and a read that began before that write is
 * not stored. Another API replica sees a revocation after at most ACTOR_CACHE_MS.
 */
@Injectable()
export class ActorCache {
  private generation = 0;
  private readonly entries = new Map<string, { actor: AuthenticatedActor; at: number; generation: number }>();

  /** The generation a read starts from (pass it back to `set`). */
  begin(): number {
    return this.generation;
  }

  get(key: string): AuthenticatedActor | null {
    const entry = this.entries.get(key);
    if (!entry || entry.generation !== this.generation || Date.now() - entry.at > ACTOR_CACHE_MS) return null;
    return entry.actor;
  }

  set(key: string, actor: AuthenticatedActor, startedAt: number): void {
    if (startedAt !== this.generation) return;
    if (this.entries.size > 10_000) this.entries.clear();
    this.entries.set(key, { actor, at: Date.now(), generation: startedAt });
  }

  clear(): void {
    this.generation += 1;
    this.entries.clear();
  }
}

const LEAVES_ACTORS_UNCHANGED = 'tdb:leavesActorsUnchanged';

/**
 * Marks a controller (or a route) whose writes never touch accounts, sessions, grants nor settings
 * — a structure's values, its transitions, atypia threads — so that they keep the actor cache: at
 * the deadline, thousands of saves a minute each emptied it and every next request read its actor
 * again (issue 13 §4). Anything not marked empties it, so a forgotten mark costs reads, never a
 * stale right.
 */
export const LeavesActorsUnchanged = () => SetMetadata(LEAVES_ACTORS_UNCHANGED, true);

/** Empties the actor cache around every request that may write (anything but GET, HEAD, OPTIONS). */
@Injectable()
export class ActorCacheInterceptor implements NestInterceptor {
  constructor(
    private readonly cache: ActorCache,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const method = context.switchToHttp().getRequest<Request>().method;
    if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return next.handle();
    const unchanged = this.reflector.getAllAndOverride<boolean | undefined>(LEAVES_ACTORS_UNCHANGED, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (unchanged) return next.handle();
    this.cache.clear();
    return next.handle().pipe(finalize(() => this.cache.clear()));
  }
}
