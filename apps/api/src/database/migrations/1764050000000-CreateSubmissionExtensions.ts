import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Extensions of the entry granted to late structures by their authority (issue 14 §1, ADR 0011):
 * a new last day of entry with a reason, kept with its history (a new extension or a withdrawal
 * closes the current one; nothing is deleted).
 */
export class CreateSubmissionExtensions1764050000000 implements MigrationInterface {
  name = 'CreateSubmissionExtensions1764050000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE submission_extensions (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         campaign_year integer NOT NULL,
         finess char(9) NOT NULL,
         until date NOT NULL,
         reason text NOT NULL,
         granted_by uuid REFERENCES accounts (id) ON DELETE SET NULL,
         granted_by_name text NOT NULL,
         authority_label text NOT NULL,
         granted_at timestamptz NOT NULL DEFAULT now(),
         revoked_at timestamptz,
         revoked_by_name text,
         revoke_reason text,
         FOREIGN KEY (campaign_year, finess) REFERENCES submissions (campaign_year, finess) ON DELETE CASCADE
       )`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX submission_extensions_current_idx ON submission_extensions (campaign_year, finess)
        WHERE revoked_at IS NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE submission_extensions`);
  }
}
