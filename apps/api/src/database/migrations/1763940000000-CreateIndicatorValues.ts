import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indicators stored per campaign × structure × indicator (value, or why it is not computable),
 * and the background jobs of a campaign with their progress.
 */
export class CreateIndicatorValues1763940000000 implements MigrationInterface {
  name = 'CreateIndicatorValues1763940000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE indicator_values (
        campaign_year integer NOT NULL,
        finess char(9) NOT NULL,
        indicator_code text NOT NULL,
        value double precision,
        details jsonb,
        reason_code text,
        reason_message text,
        dictionary_version text NOT NULL,
        computed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (campaign_year, finess, indicator_code),
        FOREIGN KEY (campaign_year, finess) REFERENCES submissions (campaign_year, finess) ON DELETE CASCADE
      )`);
    await queryRunner.query(
      `CREATE INDEX indicator_values_indicator_idx ON indicator_values (campaign_year, indicator_code)`,
    );
    await queryRunner.query(`
      CREATE TABLE campaign_jobs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        campaign_year integer NOT NULL REFERENCES campaigns (year) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('RECOMPUTE_INDICATORS')),
        status text NOT NULL DEFAULT 'QUEUED' CHECK (status IN ('QUEUED', 'RUNNING', 'DONE', 'FAILED')),
        total integer NOT NULL DEFAULT 0,
        done integer NOT NULL DEFAULT 0,
        error text,
        created_by uuid REFERENCES accounts (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz
      )`);
    // The job that last computed a submission's indicators: a resumed job skips what it has done.
    await queryRunner.query(`ALTER TABLE submissions ADD COLUMN indicators_job uuid`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE submissions DROP COLUMN indicators_job`);
    await queryRunner.query(`DROP TABLE campaign_jobs`);
    await queryRunner.query(`DROP TABLE indicator_values`);
  }
}
