import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

export interface AuthorityKey {
  kind: 'ARS' | 'CD';
  code: string;
}

/** The `authority_sign_in_rules` table: the authorities whose staff sign in through the provider. */
@Injectable()
export class AuthoritySignInRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async required(): Promise<AuthorityKey[]> {
    const rows: { organisation_kind: 'ARS' | 'CD'; organisation_code: string }[] =
      await this.dataSource.query(
        `SELECT organisation_kind, organisation_code FROM authority_sign_in_rules WHERE provider_required`,
      );
    return rows.map((row) => ({ kind: row.organisation_kind, code: row.organisation_code }));
  }

  /** An authority of the account (any of its grants there) that requires the provider, if any. */
  async requiredFor(accountId: string): Promise<AuthorityKey | null> {
    const rows: { organisation_kind: 'ARS' | 'CD'; organisation_code: string }[] =
      await this.dataSource.query(
        `SELECT r.organisation_kind, r.organisation_code
         FROM authority_sign_in_rules r
         JOIN grants g ON g.organisation_kind = r.organisation_kind AND g.organisation_code = r.organisation_code
        WHERE g.account_id = $1 AND r.provider_required
        ORDER BY r.organisation_kind, r.organisation_code
        LIMIT 1`,
        [accountId],
      );
    const row = rows[0];
    return row ? { kind: row.organisation_kind, code: row.organisation_code } : null;
  }

  async set(manager: EntityManager, authority: AuthorityKey, required: boolean, by: string): Promise<void> {
    await manager.query(
      `INSERT INTO authority_sign_in_rules (organisation_kind, organisation_code, provider_required, updated_at, updated_by)
       VALUES ($1, $2, $3, now(), $4)
       ON CONFLICT (organisation_kind, organisation_code)
       DO UPDATE SET provider_required = EXCLUDED.provider_required, updated_at = now(), updated_by = EXCLUDED.updated_by`,
      [authority.kind, authority.code, required, by],
    );
  }
}
