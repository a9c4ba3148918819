import { createSecretKey } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { InjectDataSource } from '@nestjs/typeorm';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { DataSource } from 'typeorm';
import type { ActorGrant } from '@tdb/access';
import type { FormDomain, OrganisationKind, Role, UserRight } from '@tdb/contracts';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { ActorCache } from './actor-cache';
import type { AuthenticatedActor } from './authenticated-actor';

interface AccessTokenPayload {
  sub: string;
  sid: string;
}

interface GrantRow {
  email: string;
  name: string;
  totp_enabled: boolean;
  totp_required: boolean;
  organisation_kind: OrganisationKind | null;
  organisation_code: string | null;
  role: Role | null;
  rights: UserRight[] | null;
  entry_domains: FormDomain[] | null;
  valid_from: string | null;
  valid_until: string | null;
}

/**
 * Verifies the bearer access token, then reloads the account and its grants in one query: a
 * revoked session, a disabled account or a removed grant takes effect at once, not at expiry.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cache: ActorCache,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A key object, built once: given a string, jsonwebtoken first tries (and fails) to read it as
      // a public key on every request, which cost a tenth of a light request.
      secretOrKey: createSecretKey(Buffer.from(config.auth.jwtSecret, 'utf8')) as unknown as string,
      ignoreExpiration: false,
      // Only the algorithm we sign with: no "none", no key confusion (issue 13 §4).
      algorithms: ['HS256'],
      jsonWebTokenOptions: { algorithms: ['HS256'] },
    });
  }

  async validate(payload: AccessTokenPayload): Promise<AuthenticatedActor | false> {
    if (typeof payload?.sub !== 'string' || typeof payload?.sid !== 'string') return false;
    // A token without an expiry is never ours.
    if (typeof (payload as { exp?: unknown }).exp !== 'number') return false;
    const key = `${payload.sub}|${payload.sid}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const generation = this.cache.begin();
    const rows: GrantRow[] = await this.dataSource.query(
      `SELECT a.email, a.first_name || ' ' || a.last_name AS name, a.totp_enabled,
              coalesce((SELECT (value #>> '{}')::boolean FROM platform_settings WHERE key = 'totpRequiredForAdmins'), false) AS totp_required,
              g.organisation_kind, g.organisation_code, g.role, g.rights, g.entry_domains,
              to_char(g.valid_from, 'YYYY-MM-DD') AS valid_from, to_char(g.valid_until, 'YYYY-MM-DD') AS valid_until
         FROM accounts a
         JOIN sessions s ON s.account_id = a.id AND s.id = $2 AND s.revoked_at IS NULL AND s.expires_at > now()
         LEFT JOIN grants g ON g.account_id = a.id
        WHERE a.id = $1 AND a.status = 'ACTIVE'`,
      [payload.sub, payload.sid],
    );
    if (rows.length === 0) return false;
    const grants: ActorGrant[] = rows
      .filter((row) => row.role !== null)
      .map((row) => ({
        organisation: { kind: row.organisation_kind!, code: row.organisation_code! },
        role: row.role!,
        rights: row.rights ?? [],
        entryDomains: row.entry_domains,
        validFrom: row.valid_from,
        validUntil: row.valid_until,
      }));
    const first = rows[0]!;
    const isAdmin = grants.some((g) => g.role === 'NATIONAL_ADMIN' || g.role === 'APR');
    const actor: AuthenticatedActor = {
      accountId: payload.sub,
      email: first.email,
      name: first.name,
      sessionId: payload.sid,
      grants,
      mustEnrollTotp: first.totp_required && isAdmin && !first.totp_enabled,
    };
    this.cache.set(key, actor, generation);
    return actor;
  }
}
