import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateApiTokens1763920000000 implements MigrationInterface {
  name = 'CreateApiTokens1763920000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE api_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_kind text NOT NULL CHECK (organisation_kind IN ('ARS', 'CD')),
        organisation_code text NOT NULL,
        name text NOT NULL,
        token_hash text NOT NULL UNIQUE,
        created_by uuid REFERENCES accounts (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz,
        last_used_at timestamptz,
        revoked_at timestamptz
      )`);
    await queryRunner.query(
      `CREATE INDEX api_tokens_organisation_idx ON api_tokens (organisation_kind, organisation_code)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE api_tokens`);
  }
}
