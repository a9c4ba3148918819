import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { organisationLabel } from '@tdb/access';
import type { ApiTokenInfo, OrganisationRef } from '@tdb/contracts';
import { returningRows } from '../../database/returning-rows';

export interface TokenRow {
  id: string;
  organisation_kind: 'ARS' | 'CD';
  organisation_code: string;
  name: string;
  created_at: Date;
  created_by: string | null;
  expires_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export const toInfo = (row: TokenRow): ApiTokenInfo => {
  const organisation = { kind: row.organisation_kind, code: row.organisation_code };
  return {
    id: row.id,
    organisation,
    organisationLabel: organisationLabel(organisation),
    name: row.name,
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by,
    expiresAt: row.expires_at?.toISOString() ?? null,
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
  };
};

/** The `api_tokens` table. */
@Injectable()
export class ApiTokensRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(
    manager: EntityManager,
    token: { organisation: OrganisationRef; name: string; createdBy: string; expiresAt: string | null },
  ): Promise<TokenRow> {
    const [row]: TokenRow[] = await manager.query(
      `INSERT INTO api_tokens (organisation_kind, organisation_code, name, token_hash, created_by, expires_at)
       VALUES ($1, $2, $3, 'pending', $4, $5) RETURNING *`,
      [token.organisation.kind, token.organisation.code, token.name, token.createdBy, token.expiresAt],
    );
    return row!;
  }

  async setHash(manager: EntityManager, id: string, hash: string): Promise<void> {
    await manager.query(`UPDATE api_tokens SET token_hash = $2 WHERE id = $1`, [id, hash]);
  }

  /** Every token (null) or those of the given organisations, newest first. */
  list(organisations: OrganisationRef[] | null): Promise<TokenRow[]> {
    return organisations === null
      ? this.dataSource.query(`SELECT * FROM api_tokens ORDER BY created_at DESC`)
      : this.dataSource.query(
          `SELECT * FROM api_tokens WHERE (organisation_kind, organisation_code) IN (SELECT * FROM unnest($1::text[], $2::text[])) ORDER BY created_at DESC`,
          [organisations.map((o) => o.kind), organisations.map((o) => o.code)],
        );
  }

  async lock(manager: EntityManager, id: string): Promise<TokenRow | null> {
    const [row]: TokenRow[] = await manager.query(`SELECT * FROM api_tokens WHERE id = $1 FOR UPDATE`, [id]);
    return row ?? null;
  }

  async revoke(manager: EntityManager, id: string): Promise<TokenRow> {
    const [row] = returningRows<TokenRow>(
      await manager.query(
        `UPDATE api_tokens SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 RETURNING *`,
        [id],
      ),
    );
    return row!;
  }
}
