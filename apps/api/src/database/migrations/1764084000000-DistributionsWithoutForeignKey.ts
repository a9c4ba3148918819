import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The distributions are derived data that the peers' statistics replace as a whole (≈ 58,000 rows
 * for a national campaign): the foreign key to `campaigns` checked each inserted row against the
 * campaign, a quarter of the database's time in that write (issue 12 §5). The rows are only ever
 * written by the statistics of an existing campaign, in the transaction that reads its row, and
 * campaigns are never deleted; `structure_indicators` has no such key either.
 */
export class DistributionsWithoutForeignKey1764084000000 implements MigrationInterface {
  name = 'DistributionsWithoutForeignKey1764084000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE distributions DROP CONSTRAINT IF EXISTS distributions_campaign_year_fkey`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE distributions ADD CONSTRAINT distributions_campaign_year_fkey
         FOREIGN KEY (campaign_year) REFERENCES campaigns (year) ON DELETE CASCADE`,
    );
  }
}
