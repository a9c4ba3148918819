import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The marks of the campaign jobs (which job last computed a structure's indicators and atypia, and
 * when its indicators were last computed) move out of `submissions` into a narrow table owned by
 * the computation module. Marking a submission rewrote its whole row, values included (≈ 4 KB):
 * twice per structure and job, a third of what a national recompute wrote. ADR 0008.
 *
 * `indicators_computed_at` is set for every structure with stored indicator rows (the jobs insert
 * without an upsert where it is null), including rows written before the column existed.
 */
export class CreateDerivationMarks1764000000000 implements MigrationInterface {
  name = 'CreateDerivationMarks1764000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE derivation_marks (
         campaign_year integer NOT NULL,
         finess char(9) NOT NULL,
         indicators_job uuid,
         indicators_computed_at timestamptz,
         atypia_job uuid,
         PRIMARY KEY (campaign_year, finess),
         FOREIGN KEY (campaign_year, finess) REFERENCES submissions (campaign_year, finess) ON DELETE CASCADE
       )`,
    );
    await queryRunner.query(
      `INSERT INTO derivation_marks (campaign_year, finess, indicators_job, indicators_computed_at, atypia_job)
       SELECT sub.campaign_year, sub.finess, sub.indicators_job,
              COALESCE(sub.indicators_computed_at, stored.at), sub.atypia_job
         FROM submissions sub
         LEFT JOIN LATERAL (SELECT max(iv.computed_at) AS at FROM indicator_values iv
                             WHERE iv.campaign_year = sub.campaign_year AND iv.finess = sub.finess) stored ON true
        WHERE sub.indicators_job IS NOT NULL OR sub.atypia_job IS NOT NULL
           OR sub.indicators_computed_at IS NOT NULL OR stored.at IS NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE submissions DROP COLUMN indicators_job, DROP COLUMN indicators_computed_at, DROP COLUMN atypia_job`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE submissions ADD COLUMN indicators_job uuid, ADD COLUMN indicators_computed_at timestamptz,
         ADD COLUMN atypia_job uuid`,
    );
    await queryRunner.query(
      `UPDATE submissions s SET indicators_job = m.indicators_job, indicators_computed_at = m.indicators_computed_at,
              atypia_job = m.atypia_job
         FROM derivation_marks m WHERE m.campaign_year = s.campaign_year AND m.finess = s.finess`,
    );
    await queryRunner.query(`DROP TABLE derivation_marks`);
  }
}
