import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAccounts1763910000000 implements MigrationInterface {
  name = 'CreateAccounts1763910000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE accounts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        first_name text NOT NULL,
        last_name text NOT NULL,
        phone text,
        password_hash text,
        status text NOT NULL DEFAULT 'INVITED' CHECK (status IN ('INVITED', 'ACTIVE', 'DISABLED')),
        totp_secret text,
        totp_enabled boolean NOT NULL DEFAULT false,
        failed_login_count integer NOT NULL DEFAULT 0,
        locked_until timestamptz,
        last_login_at timestamptz,
        password_changed_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX accounts_email_idx ON accounts (lower(email))`);
    await queryRunner.query(`
      CREATE TABLE grants (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        organisation_kind text NOT NULL CHECK (organisation_kind IN ('NATIONAL', 'ARS', 'CD', 'OG', 'ESMS')),
        organisation_code text NOT NULL,
        role text NOT NULL CHECK (role IN ('NATIONAL_ADMIN', 'APR', 'CONTROLLER', 'READER', 'APE', 'USER')),
        rights text[] NOT NULL DEFAULT '{}',
        entry_domains text[],
        valid_from date,
        valid_until date,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by uuid REFERENCES accounts (id) ON DELETE SET NULL,
        UNIQUE (account_id, organisation_kind, organisation_code, role)
      )`);
    await queryRunner.query(
      `CREATE INDEX grants_organisation_idx ON grants (organisation_kind, organisation_code, role)`,
    );
    await queryRunner.query(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        token_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revoked_reason text,
        user_agent text,
        ip_address text
      )`);
    await queryRunner.query(`CREATE INDEX sessions_account_idx ON sessions (account_id)`);
    await queryRunner.query(`
      CREATE TABLE one_time_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        purpose text NOT NULL CHECK (purpose IN ('INVITATION', 'PASSWORD_RESET')),
        token_hash text NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE outbox_emails (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        recipient text NOT NULL,
        subject text NOT NULL,
        body_text text NOT NULL,
        status text NOT NULL CHECK (status IN ('stored', 'sent', 'failed')),
        error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX outbox_emails_created_idx ON outbox_emails (created_at DESC)`);
    await queryRunner.query(`
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_id uuid,
        actor_email text,
        action text NOT NULL,
        target_type text,
        target_id text,
        target_label text,
        organisation_kind text,
        organisation_code text,
        region_code text,
        department_code text,
        competence text,
        details jsonb NOT NULL DEFAULT '{}',
        ip_address text
      )`);
    await queryRunner.query(`CREATE INDEX audit_log_at_idx ON audit_log (at DESC)`);
    await queryRunner.query(
      `CREATE INDEX audit_log_territory_idx ON audit_log (region_code, department_code)`,
    );
    await queryRunner.query(`
      CREATE TABLE platform_settings (
        key text PRIMARY KEY,
        value jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'platform_settings',
      'audit_log',
      'outbox_emails',
      'one_time_tokens',
      'sessions',
      'grants',
      'accounts',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
