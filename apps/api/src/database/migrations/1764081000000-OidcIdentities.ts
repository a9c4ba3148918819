import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in through an OpenID Connect provider (issue 17 §1): the identity (issuer, subject) linked
 * to an account, the provider sign-ins in progress (state, nonce and PKCE verifier, kept server-side
 * and found again from a random cookie), the ID token of a session opened through the provider (the
 * hint of the logout at the provider), and the authorities that require their staff to sign in
 * through the provider.
 */
export class OidcIdentities1764081000000 implements MigrationInterface {
  name = 'OidcIdentities1764081000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE accounts ADD COLUMN oidc_issuer text, ADD COLUMN oidc_subject text`);
    await queryRunner.query(
      `ALTER TABLE accounts ADD CONSTRAINT accounts_oidc_identity_check
         CHECK ((oidc_issuer IS NULL) = (oidc_subject IS NULL))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX accounts_oidc_identity_idx ON accounts (oidc_issuer, oidc_subject)
         WHERE oidc_subject IS NOT NULL`,
    );
    await queryRunner.query(`ALTER TABLE sessions ADD COLUMN oidc_id_token text`);
    await queryRunner.query(
      `CREATE TABLE oidc_sign_ins (
         key_hash text PRIMARY KEY,
         state text NOT NULL,
         nonce text NOT NULL,
         code_verifier text NOT NULL,
         invitation_token_hash text,
         return_to text,
         expires_at timestamptz NOT NULL,
         created_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    await queryRunner.query(`CREATE INDEX oidc_sign_ins_expires_idx ON oidc_sign_ins (expires_at)`);
    await queryRunner.query(
      `CREATE TABLE authority_sign_in_rules (
         organisation_kind text NOT NULL CHECK (organisation_kind IN ('ARS', 'CD')),
         organisation_code text NOT NULL,
         provider_required boolean NOT NULL,
         updated_at timestamptz NOT NULL DEFAULT now(),
         updated_by uuid REFERENCES accounts (id) ON DELETE SET NULL,
         PRIMARY KEY (organisation_kind, organisation_code)
       )`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE authority_sign_in_rules`);
    await queryRunner.query(`DROP TABLE oidc_sign_ins`);
    await queryRunner.query(`ALTER TABLE sessions DROP COLUMN oidc_id_token`);
    await queryRunner.query(`DROP INDEX accounts_oidc_identity_idx`);
    await queryRunner.query(
      `ALTER TABLE accounts DROP CONSTRAINT accounts_oidc_identity_check, DROP COLUMN oidc_subject, DROP COLUMN oidc_issuer`,
    );
  }
}
