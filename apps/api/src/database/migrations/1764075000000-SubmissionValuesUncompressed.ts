import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A submission's values are ≈ 10 kB of JSON (340 items): PostgreSQL compressed each with pglz at
 * every save and decompressed it at every read — twice per structure in a national recompute
 * (values, then the peer rules' targets), about a second of database CPU each time (issue 12 §5).
 * Stored as they are now (`EXTERNAL`: out of line, not compressed): saves and recomputes do less
 * work, for ≈ 140 MB more disk per national campaign. Existing rows keep their form until saved
 * again (no rewrite here: it would hold a lock on every submission).
 */
export class SubmissionValuesUncompressed1764075000000 implements MigrationInterface {
  name = 'SubmissionValuesUncompressed1764075000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE submissions ALTER COLUMN values SET STORAGE EXTERNAL`);
    await queryRunner.query(`ALTER TABLE og_submissions ALTER COLUMN values SET STORAGE EXTERNAL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE submissions ALTER COLUMN values SET STORAGE EXTENDED`);
    await queryRunner.query(`ALTER TABLE og_submissions ALTER COLUMN values SET STORAGE EXTENDED`);
  }
}
