import type { EntityManager } from 'typeorm';
import { parisToday } from '../../common/auth/access.service';
import { namedQuery } from '../../database/named-query';

/**
 * Who hears about a structure's submission: the active accounts holding a grant in force today
 * (APE or user) on the ESMS itself or on its OG. Lower-cased addresses, by FINESS, sorted.
 */
export async function structureRecipients(
  manager: EntityManager,
  finesses: readonly string[],
): Promise<Map<string, string[]>> {
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
