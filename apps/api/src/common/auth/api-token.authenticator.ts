import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { returningRows } from '../../database/returning-rows';
import { hashSecret } from './token-hash';
import type { AuthenticatedActor } from './authenticated-actor';

export const API_TOKEN_PREFIX = 'tdb_';

/** Turns a valid API token into an actor: a READER of the token's ARS or CD. */
@Injectable()
export class ApiTokenAuthenticator {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async authenticate(token: string): Promise<AuthenticatedActor | null> {
    const rows = returningRows<{
      id: string;
      organisation_kind: 'ARS' | 'CD';
      organisation_code: string;
      name: string;
    }>(
      await this.dataSource.query(
        `UPDATE api_tokens SET last_used_at = now()
          WHERE token_hash = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())
          RETURNING id, organisation_kind, organisation_code, name`,
        [hashSecret(token)],
      ),
    );
    const row = rows[0];
    if (!row) return null;
    return {
      accountId: `api-token:${row.id}`,
      email: `jeton d’API « ${row.name} »`,
      sessionId: `api-token:${row.id}`,
      grants: [
        {
          organisation: { kind: row.organisation_kind, code: row.organisation_code },
          role: 'READER',
          rights: [],
          entryDomains: null,
          validFrom: null,
          validUntil: null,
        },
      ],
    };
  }
}
