import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indicator values are derived data, written only by the computation module for submissions it
 * has just read in the same transaction. Their foreign key to `submissions` checked each of the
 * ~1 M rows of a national recompute one by one (half the time of writing them) and guarded
 * nothing the writer does not already hold; submissions are never deleted. ADR 0008.
 */
export class DropIndicatorValuesSubmissionKey1763980000000 implements MigrationInterface {
  name = 'DropIndicatorValuesSubmissionKey1763980000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE indicator_values DROP CONSTRAINT indicator_values_campaign_year_finess_fkey`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE indicator_values ADD CONSTRAINT indicator_values_campaign_year_finess_fkey
         FOREIGN KEY (campaign_year, finess) REFERENCES submissions (campaign_year, finess) ON DELETE CASCADE`,
    );
  }
}
