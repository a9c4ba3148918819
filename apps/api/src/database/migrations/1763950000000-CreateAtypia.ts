import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Atypia: the flags raised on a submission by the rules of libs/atypia, their conversation, the
 * peer references of a campaign, and how ARS and CD share the fiabilisation work.
 */
export class CreateAtypia1763950000000 implements MigrationInterface {
  name = 'CreateAtypia1763950000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE atypia_flags (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        campaign_year integer NOT NULL,
        finess char(9) NOT NULL,
        rule_code text NOT NULL,
        rule_label text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('bounds', 'coherence', 'year_over_year', 'peer_outlier')),
        severity text NOT NULL,
        target_kind text NOT NULL CHECK (target_kind IN ('item', 'indicator')),
        target_code text NOT NULL,
        value double precision,
        reference jsonb NOT NULL DEFAULT '{}',
        message text NOT NULL,
        -- OPEN: to look at; JUSTIFIED: the structure answered; ACCEPTED: the value is right;
        -- TO_CORRECT: sent back for correction; RESOLVED: the rule no longer fires.
        status text NOT NULL DEFAULT 'OPEN'
          CHECK (status IN ('OPEN', 'JUSTIFIED', 'ACCEPTED', 'TO_CORRECT', 'RESOLVED')),
        accepted_value double precision,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (campaign_year, finess, rule_code),
        FOREIGN KEY (campaign_year, finess) REFERENCES submissions (campaign_year, finess) ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE INDEX atypia_flags_status_idx ON atypia_flags (campaign_year, status)`);
    await queryRunner.query(`
      CREATE TABLE atypia_messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        flag_id uuid NOT NULL REFERENCES atypia_flags (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('JUSTIFICATION', 'COMMENT', 'DECISION', 'SYSTEM')),
        decision text CHECK (decision IN ('ACCEPTED', 'TO_CORRECT')),
        body text NOT NULL,
        author_id uuid REFERENCES accounts (id) ON DELETE SET NULL,
        author_name text NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX atypia_messages_flag_idx ON atypia_messages (flag_id, at)`);
    await queryRunner.query(`
      CREATE TABLE atypia_peer_references (
        campaign_year integer PRIMARY KEY REFERENCES campaigns (year) ON DELETE CASCADE,
        population integer NOT NULL,
        groups jsonb NOT NULL,
        computed_at timestamptz NOT NULL DEFAULT now()
      )`);
    // The job that last computed a submission's flags, and the references' job: a resumed job skips both.
    await queryRunner.query(`ALTER TABLE submissions ADD COLUMN atypia_job uuid`);
    await queryRunner.query(`ALTER TABLE atypia_peer_references ADD COLUMN job_id uuid`);
    await queryRunner.query(`ALTER TABLE campaign_jobs DROP CONSTRAINT campaign_jobs_kind_check`);
    await queryRunner.query(
      `ALTER TABLE campaign_jobs ADD CONSTRAINT campaign_jobs_kind_check CHECK (kind IN ('RECOMPUTE_INDICATORS', 'RECOMPUTE_ATYPIA'))`,
    );
    await queryRunner.query(`
      CREATE TABLE fiabilisation_assignments (
        campaign_year integer NOT NULL,
        finess char(9) NOT NULL,
        controller_id uuid REFERENCES accounts (id) ON DELETE SET NULL,
        priority integer NOT NULL DEFAULT 0 CHECK (priority BETWEEN 0 AND 3),
        note text,
        updated_by uuid REFERENCES accounts (id) ON DELETE SET NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        PRIMARY KEY (campaign_year, finess),
        FOREIGN KEY (campaign_year, finess) REFERENCES submissions (campaign_year, finess) ON DELETE CASCADE
      )`);
    await queryRunner.query(`
      CREATE TABLE fiabilisation_priorities (
        campaign_year integer NOT NULL REFERENCES campaigns (year) ON DELETE CASCADE,
        organisation_kind text NOT NULL CHECK (organisation_kind IN ('ARS', 'CD')),
        organisation_code text NOT NULL,
        indicator_codes text[] NOT NULL DEFAULT '{}',
        rule_codes text[] NOT NULL DEFAULT '{}',
        updated_by uuid REFERENCES accounts (id) ON DELETE SET NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        PRIMARY KEY (campaign_year, organisation_kind, organisation_code)
      )`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE submissions DROP COLUMN atypia_job`);
    for (const table of [
      'fiabilisation_priorities',
      'fiabilisation_assignments',
      'atypia_peer_references',
      'atypia_messages',
      'atypia_flags',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
