import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Distributions of the indicators per campaign × category × territory (national, regional,
 * departmental), recomputed from the VALIDATED and CONFIRMED submissions. A group of fewer than 5
 * structures is stored flagged `suppressed` with no figure (not even its size): figures of such a
 * group never exist, so they can never leave the API.
 */
export class CreateDistributions1763960000000 implements MigrationInterface {
  name = 'CreateDistributions1763960000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE distributions (
        campaign_year integer NOT NULL REFERENCES campaigns (year) ON DELETE CASCADE,
        category_code text NOT NULL,
        level text NOT NULL CHECK (level IN ('NATION', 'REGION', 'DEPARTMENT')),
        territory_code text NOT NULL,
        indicator_code text NOT NULL,
        suppressed boolean NOT NULL,
        n integer,
        mean double precision,
        median double precision,
        deciles double precision[],
        min double precision,
        max double precision,
        computed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (campaign_year, category_code, level, territory_code, indicator_code),
        CHECK (
          (suppressed AND n IS NULL AND mean IS NULL AND median IS NULL AND deciles IS NULL AND min IS NULL AND max IS NULL)
          OR (NOT suppressed AND n >= 5 AND array_length(deciles, 1) = 9)
        )
      )`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE distributions`);
  }
}
