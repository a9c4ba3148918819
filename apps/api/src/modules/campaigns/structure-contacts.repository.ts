import { Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { parisToday } from '../../common/auth/access.service';
import { namedQuery } from '../../database/named-query';

/** An APE of an ESMS or of an OG (its FINESS géographique or juridique). */
export interface ApeContactRow {
  kind: 'ESMS' | 'OG';
  finess: string;
  email: string;
  name: string;
}

/**
 * Whom a structure's messages and sheets name: the accounts holding a grant in force today on the
 * ESMS itself or on its OG (the `grants` and `accounts` tables, read by FINESS).
 */
@Injectable()
export class StructureContactsRepository {
  /**
   * Who hears about a structure's submission: the active accounts holding a grant in force today
   * (APE or user) on the ESMS itself or on its OG. Lower-cased addresses, by FINESS, sorted.
   */
  async recipients(manager: EntityManager, finesses: readonly string[]): Promise<Map<string, string[]>> {
    const recipients = new Map<string, string[]>();
    if (finesses.length === 0) return recipients;
    const rows = await namedQuery<{ finess: string; email: string }>(
      manager,
      `SELECT DISTINCT s.finess, lower(a.email) AS email
       FROM structures s
       JOIN grants g ON g.role IN ('APE', 'USER')
                    AND ((g.organisation_kind = 'ESMS' AND g.organisation_code = s.finess)
                      OR (g.organisation_kind = 'OG' AND g.organisation_code = s.og_finess))
                    AND (g.valid_from IS NULL OR g.valid_from <= :today)
                    AND (g.valid_until IS NULL OR g.valid_until >= :today)
       JOIN accounts a ON a.id = g.account_id AND a.status = 'ACTIVE'
      WHERE s.finess IN (:...finesses)
      ORDER BY s.finess, email`,
      { today: parisToday(), finesses: [...finesses] },
    );
    for (const r of rows) {
      const finess = r.finess.trim();
      recipients.set(finess, [...(recipients.get(finess) ?? []), r.email]);
    }
    return recipients;
  }

  /**
   * The APEs in force today (accounts not disabled) of these ESMS and of these OGs, each on its own
   * organisation, by address. Either list may be empty.
   */
  async apes(
    runner: DataSource | EntityManager,
    finesses: readonly string[],
    ogFinesses: readonly string[],
  ): Promise<ApeContactRow[]> {
    if (finesses.length === 0 && ogFinesses.length === 0) return [];
    return namedQuery<ApeContactRow>(
      runner,
      `SELECT g.organisation_kind AS kind, g.organisation_code AS finess, a.email,
              a.first_name || ' ' || a.last_name AS name
         FROM grants g
         JOIN accounts a ON a.id = g.account_id AND a.status <> 'DISABLED'
        WHERE g.role = 'APE'
          AND ((g.organisation_kind = 'ESMS' AND g.organisation_code = ANY(:finesses))
            OR (g.organisation_kind = 'OG' AND g.organisation_code = ANY(:ogFinesses)))
          AND (g.valid_from IS NULL OR g.valid_from <= :today)
          AND (g.valid_until IS NULL OR g.valid_until >= :today)
        ORDER BY g.organisation_kind, g.organisation_code, a.email`,
      { today: parisToday(), finesses: [...finesses], ogFinesses: [...ogFinesses] },
    );
  }
}
