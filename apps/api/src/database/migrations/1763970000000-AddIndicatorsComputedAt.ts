import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When a submission's indicator values were last written. A structure's restitution is kept in
 * memory between requests; this stamp (read with the structure on every request) says whether
 * the kept answer still holds, without reading the values themselves.
 */
export class AddIndicatorsComputedAt1763970000000 implements MigrationInterface {
  name = 'AddIndicatorsComputedAt1763970000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE submissions ADD COLUMN indicators_computed_at timestamptz`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE submissions DROP COLUMN indicators_computed_at`);
  }
}
