import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Grants offered to a person whose account the offering administrator does not manage: the grant
 * takes effect only when the person accepts it through the emailed link (consent), and the offer
 * never tells the administrator whether the address belonged to an account (issue 13).
 */
export class CreateGrantInvitations1764010000000 implements MigrationInterface {
  name = 'CreateGrantInvitations1764010000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE grant_invitations (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
         organisation_kind text NOT NULL CHECK (organisation_kind IN ('NATIONAL', 'ARS', 'CD', 'OG', 'ESMS')),
         organisation_code text NOT NULL,
         role text NOT NULL CHECK (role IN ('NATIONAL_ADMIN', 'APR', 'CONTROLLER', 'READER', 'APE', 'USER')),
         rights text[] NOT NULL DEFAULT '{}',
         entry_domains text[],
         valid_from date,
         valid_until date,
         invited_by uuid REFERENCES accounts (id) ON DELETE SET NULL,
         invited_by_name text,
         token_hash text NOT NULL UNIQUE,
         status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'ACCEPTED', 'DECLINED', 'CANCELLED')),
         created_at timestamptz NOT NULL DEFAULT now(),
         expires_at timestamptz NOT NULL,
         decided_at timestamptz
       )`,
    );
    await queryRunner.query(
      `CREATE INDEX grant_invitations_account_idx ON grant_invitations (account_id, status)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE grant_invitations`);
  }
}
