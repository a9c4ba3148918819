import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a category correction carried with it (issue 14 §4): the campaigns whose expected items,
 * completeness, indicators and peer group followed, and the authorities informed — French sentences
 * kept with the history entry, so that the structure's page says why its form changed.
 */
export class StructureHistoryConsequences1764060000000 implements MigrationInterface {
  name = 'StructureHistoryConsequences1764060000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE structure_history ADD COLUMN consequences jsonb NOT NULL DEFAULT '[]'::jsonb`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE structure_history DROP COLUMN consequences`);
  }
}
