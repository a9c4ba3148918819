import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { FormDomain, GrantInput, PrincipalTransfer, Role, UserRight } from '@tdb/contracts';

/** A grant offered to an existing person, waiting for (or past) their answer. */
export interface GrantInvitationRow {
  id: string;
  account_id: string;
  email: string;
  first_name: string;
  last_name: string;
  organisation_kind: GrantInput['organisation']['kind'];
  organisation_code: string;
  role: Role;
  rights: UserRight[];
  entry_domains: FormDomain[] | null;
  valid_from: string | null;
  valid_until: string | null;
  invited_by: string | null;
  invited_by_name: string | null;
  status: 'PENDING' | 'ACCEPTED' | 'DECLINED' | 'CANCELLED';
  expires_at: Date;
  /** The structure's or OG's name, for ESMS and OG grants. */
  organisation_name: string | null;
  /** APR/APE offers: what the current principal administrator becomes on acceptance. */
  transfer: PrincipalTransfer | null;
}

export function grantOf(row: GrantInvitationRow): GrantInput {
  return {
    organisation: { kind: row.organisation_kind, code: row.organisation_code },
    role: row.role,
    rights: row.rights,
    entryDomains: row.entry_domains,
    validFrom: row.valid_from,
    validUntil: row.valid_until,
  };
}

/** The `grant_invitations` table. */
@Injectable()
export class GrantInvitationsRepository {
  /**
   * Records the offer of `grant` to the account, replacing a pending offer of the same grant (a
   * new link supersedes the old one).
   */
  async offer(
    manager: EntityManager,
    accountId: string,
    grant: GrantInput,
    tokenHash: string,
    expiresAt: Date,
    by: { id: string | null; name: string },
    transfer: PrincipalTransfer | null = null,
  ): Promise<void> {
    await manager.query(
      `UPDATE grant_invitations SET status = 'CANCELLED', decided_at = now()
        WHERE account_id = $1 AND organisation_kind = $2 AND organisation_code = $3 AND role = $4
          AND status = 'PENDING'`,
      [accountId, grant.organisation.kind, grant.organisation.code, grant.role],
    );
    await manager.query(
      `INSERT INTO grant_invitations (account_id, organisation_kind, organisation_code, role, rights, entry_domains,
                                      valid_from, valid_until, invited_by, invited_by_name, token_hash, expires_at,
                                      transfer)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [
        accountId,
        grant.organisation.kind,
        grant.organisation.code,
        grant.role,
        grant.role === 'USER' ? (grant.rights ?? []) : [],
        grant.role === 'USER' ? (grant.entryDomains ?? null) : null,
        grant.validFrom ?? null,
        grant.validUntil ?? null,
        by.id,
        by.name,
        tokenHash,
        expiresAt,
        transfer === null ? null : JSON.stringify(transfer),
      ],
    );
  }

  /** The invitation of a link's token, with its account's names (`lock`: for an answer). */
  async byToken(manager: EntityManager, tokenHash: string, lock = false): Promise<GrantInvitationRow | null> {
    const rows: GrantInvitationRow[] = await manager.query(
      `SELECT gi.id, gi.account_id, a.email, a.first_name, a.last_name, gi.organisation_kind, gi.organisation_code,
              gi.role, gi.rights, gi.entry_domains, gi.valid_from::text, gi.valid_until::text, gi.invited_by,
              gi.invited_by_name, gi.status, gi.expires_at, gi.transfer,
              CASE gi.organisation_kind
                WHEN 'ESMS' THEN (SELECT s.name FROM structures s WHERE s.finess = gi.organisation_code)
                WHEN 'OG' THEN (SELECT og.name FROM managing_organisations og WHERE og.finess = gi.organisation_code)
              END AS organisation_name
         FROM grant_invitations gi JOIN accounts a ON a.id = gi.account_id
        WHERE gi.token_hash = $1${lock ? ' FOR UPDATE OF gi' : ''}`,
      [tokenHash],
    );
    return rows[0] ?? null;
  }

  async decide(manager: EntityManager, id: string, status: 'ACCEPTED' | 'DECLINED'): Promise<void> {
    await manager.query(`UPDATE grant_invitations SET status = $2, decided_at = now() WHERE id = $1`, [
      id,
      status,
    ]);
  }
}
