import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { organisationLabel, principalRoleOf } from '@tdb/access';
import type { AccountStatus, OrganisationRef } from '@tdb/contracts';

/** A principal administrator grant (APR of an ARS/CD, APE of an OG/ESMS) and its account. */
export interface PrincipalHolderRow {
  grant_id: string;
  account_id: string;
  email: string;
  first_name: string;
  last_name: string;
  status: Exclude<AccountStatus, 'LOCKED'>;
}

/**
 * The principal administrators of an organisation (the `grants` of its principal role held by
 * accounts that are not disabled), read under a per-organisation transaction lock so that two
 * designations at once cannot both find the seat empty.
 */
@Injectable()
export class PrincipalsRepository {
  /** Serialises, until the end of the caller's transaction, every designation on `organisation`. */
  async lock(manager: EntityManager, organisation: OrganisationRef): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
      `tdb:principal:${organisation.kind}:${organisation.code}`,
    ]);
  }

  /** The current holders, oldest grant first, except the account `exceptAccountId`. */
  async holders(
    manager: EntityManager,
    organisation: OrganisationRef,
    exceptAccountId: string | null = null,
  ): Promise<PrincipalHolderRow[]> {
    const role = principalRoleOf(organisation.kind);
    if (!role) return [];
    return manager.query(
      `SELECT g.id AS grant_id, a.id AS account_id, a.email, a.first_name, a.last_name, a.status
         FROM grants g JOIN accounts a ON a.id = g.account_id
        WHERE g.organisation_kind = $1 AND g.organisation_code = $2 AND g.role = $3
          AND a.status <> 'DISABLED' AND ($4::uuid IS NULL OR a.id <> $4::uuid)
        ORDER BY g.created_at, g.id`,
      [organisation.kind, organisation.code, role, exceptAccountId],
    );
  }

  /** "EHPAD LE PARC (450000021)", "ARS Centre-Val de Loire": for emails and answers. */
  async label(manager: EntityManager, organisation: OrganisationRef): Promise<string> {
    if (organisation.kind !== 'ESMS' && organisation.kind !== 'OG') return organisationLabel(organisation);
    const rows: { name: string | null }[] = await manager.query(
      organisation.kind === 'ESMS'
        ? `SELECT name FROM structures WHERE finess = $1`
        : `SELECT name FROM managing_organisations WHERE finess = $1`,
      [organisation.code],
    );
    const name = rows[0]?.name;
    return name ? `${name} (${organisation.code})` : organisationLabel(organisation);
  }
}
