import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface ExtensionGrant {
  year: number;
  until: string;
  reason: string;
  by: { id: string | null; name: string };
  authority: string;
}

/** The `submission_extensions` table: at most one current extension per submission, and its history. */
@Injectable()
export class SubmissionExtensionsRepository {
  /** Closes the current extension of the submission (if any) and records the new one. */
  async grant(manager: EntityManager, finess: string, grant: ExtensionGrant): Promise<void> {
    await this.close(manager, grant.year, [finess], grant.by.name, 'Remplacé par un nouveau délai');
    await manager.query(
      `INSERT INTO submission_extensions (campaign_year, finess, until, reason, granted_by, granted_by_name, authority_label)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [grant.year, finess, grant.until, grant.reason, grant.by.id, grant.by.name, grant.authority],
    );
  }

  /**
   * Gives every in-scope submission of the campaign that is not validated the extension (closing
   * their current ones); answers how many.
   */
  async grantToAllLate(manager: EntityManager, grant: ExtensionGrant): Promise<number> {
    const late: { finess: string }[] = await manager.query(
      `SELECT finess FROM submissions
        WHERE campaign_year = $1 AND in_scope AND status NOT IN ('VALIDATED', 'CONFIRMED')
        FOR UPDATE`,
      [grant.year],
    );
    const finesses = late.map((r) => r.finess);
    if (finesses.length === 0) return 0;
    await this.close(
      manager,
      grant.year,
      finesses,
      grant.by.name,
      'Remplacé par la prolongation de la collecte',
    );
    await manager.query(
      `INSERT INTO submission_extensions (campaign_year, finess, until, reason, granted_by, granted_by_name, authority_label)
       SELECT $1, f, $3, $4, $5, $6, $7 FROM unnest($2::bpchar[]) f`,
      [grant.year, finesses, grant.until, grant.reason, grant.by.id, grant.by.name, grant.authority],
    );
    return finesses.length;
  }

  /** Withdraws the current extension; answers whether there was one. */
  async revoke(
    manager: EntityManager,
    year: number,
    finess: string,
    by: string,
    reason: string,
  ): Promise<boolean> {
    return (await this.close(manager, year, [finess], by, reason)) > 0;
  }

  private async close(
    manager: EntityManager,
    year: number,
    finesses: readonly string[],
    by: string,
    reason: string,
  ): Promise<number> {
    const closed: { id: string }[] = await manager.query(
      `WITH closed AS (
         UPDATE submission_extensions SET revoked_at = now(), revoked_by_name = $3, revoke_reason = $4
          WHERE campaign_year = $1 AND finess = ANY ($2::bpchar[]) AND revoked_at IS NULL
         RETURNING id)
       SELECT id FROM closed`,
      [year, finesses, by, reason],
    );
    return closed.length;
  }
}
