import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Failed sign-ins counted per address typed (and per address and IP), whether an account has that
 * address or not: sign-in slows down instead of locking the account, and the answer never tells
 * whether the address exists (issue 13). Keys are SHA-256 hashes, so the table holds no address.
 */
export class CreateLoginThrottles1764020000000 implements MigrationInterface {
  name = 'CreateLoginThrottles1764020000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE login_throttles (
         key text PRIMARY KEY,
         failures integer NOT NULL DEFAULT 0,
         window_started_at timestamptz NOT NULL DEFAULT now(),
         blocked_until timestamptz,
         refused integer NOT NULL DEFAULT 0,
         audited_at timestamptz
       )`,
    );
    await queryRunner.query(`CREATE INDEX login_throttles_window_idx ON login_throttles (window_started_at)`);
    await queryRunner.query(`ALTER TABLE value_history ADD COLUMN ip_address text`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE value_history DROP COLUMN ip_address`);
    await queryRunner.query(`DROP TABLE login_throttles`);
  }
}
