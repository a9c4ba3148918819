import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A structure's indicators take 3–4 kB of JSON (issue 12 §5): just over the size at which
 * PostgreSQL compresses a row, so every write of a national recompute compressed 80 MB with pglz and
 * every read of the peers' figures decompressed it. Rows up to a page now stay as they are: the
 * recompute's writes cost about a third less database CPU, for ≈ 100 MB more disk nationally.
 * Existing rows keep their form until rewritten.
 */
export class StructureIndicatorsUncompressed1764070000000 implements MigrationInterface {
  name = 'StructureIndicatorsUncompressed1764070000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE structure_indicators SET (toast_tuple_target = 8160)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE structure_indicators RESET (toast_tuple_target)`);
  }
}
