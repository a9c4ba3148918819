import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One principal administrator per organisation (APR of an ARS or CD, APE of an OG or ESMS, issue
 * 14): designating another one is a transfer, which a grant offered by email must carry until it
 * is accepted (`grant_invitations.transfer`: `{ previous, rights? }`).
 *
 * The rule is kept by the API (the count depends on the accounts' status, which a unique index
 * cannot see), so existing duplicates do not make this migration fail: they are left as they are —
 * no account loses a right without a person deciding it — and reported once in the audit log
 * (`principal.duplicates_found`, one entry per organisation). The users' list flags them
 * (`duplicatePrincipal`) until an administrator removes the extra grants.
 */
export class PrincipalTransfers1764041400000 implements MigrationInterface {
  name = 'PrincipalTransfers1764041400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE grant_invitations ADD COLUMN transfer jsonb`);
    await queryRunner.query(
      `INSERT INTO audit_log (action, target_type, target_id, target_label, organisation_kind, organisation_code,
                              region_code, department_code, details)
       SELECT 'principal.duplicates_found', 'organisation', g.organisation_kind || ':' || g.organisation_code,
              g.organisation_kind || ' ' || g.organisation_code, g.organisation_kind, g.organisation_code,
              CASE g.organisation_kind
                WHEN 'ARS' THEN g.organisation_code
                WHEN 'ESMS' THEN (SELECT s.region_code FROM structures s WHERE s.finess = g.organisation_code)
              END,
              CASE g.organisation_kind
                WHEN 'CD' THEN g.organisation_code
                WHEN 'ESMS' THEN (SELECT s.department_code FROM structures s WHERE s.finess = g.organisation_code)
              END,
              jsonb_build_object('role', g.role, 'holders', count(*),
                                 'accounts', jsonb_agg(a.email ORDER BY g.created_at))
         FROM grants g JOIN accounts a ON a.id = g.account_id AND a.status <> 'DISABLED'
        WHERE (g.role = 'APR' AND g.organisation_kind IN ('ARS', 'CD'))
           OR (g.role = 'APE' AND g.organisation_kind IN ('OG', 'ESMS'))
        GROUP BY g.organisation_kind, g.organisation_code, g.role
       HAVING count(*) > 1`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM audit_log WHERE action = 'principal.duplicates_found'`);
    await queryRunner.query(`ALTER TABLE grant_invitations DROP COLUMN transfer`);
  }
}
