import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateStructuresRegistry1763900000000 implements MigrationInterface {
  name = 'CreateStructuresRegistry1763900000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(`
      CREATE TABLE managing_organisations (
        finess char(9) PRIMARY KEY,
        name text,
        short_name text,
        legal_status_code text,
        legal_status_label text,
        department_code text,
        siren text,
        city text,
        search_text text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE structures (
        finess char(9) PRIMARY KEY,
        og_finess char(9) NOT NULL REFERENCES managing_organisations (finess) ON DELETE RESTRICT,
        name text NOT NULL,
        short_name text,
        search_text text NOT NULL,
        category_code text NOT NULL,
        finess_category_code text NOT NULL,
        category_corrected boolean NOT NULL DEFAULT false,
        department_code text NOT NULL,
        region_code text NOT NULL,
        competence text NOT NULL CHECK (competence IN ('ARS', 'CD', 'SHARED')),
        street text,
        complement text,
        postal_code text,
        city text,
        commune_code text,
        phone text,
        siret text,
        opened_on date,
        latitude double precision,
        longitude double precision,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX structures_og_finess_idx ON structures (og_finess)`);
    await queryRunner.query(`CREATE INDEX structures_category_idx ON structures (category_code)`);
    await queryRunner.query(`CREATE INDEX structures_department_idx ON structures (department_code)`);
    await queryRunner.query(`CREATE INDEX structures_region_idx ON structures (region_code)`);
    await queryRunner.query(`CREATE INDEX structures_name_idx ON structures (name)`);
    await queryRunner.query(
      `CREATE INDEX structures_search_trgm_idx ON structures USING gin (search_text gin_trgm_ops)`,
    );
    await queryRunner.query(`
      CREATE TABLE structure_history (
        id bigserial PRIMARY KEY,
        structure_finess char(9) NOT NULL REFERENCES structures (finess) ON DELETE CASCADE,
        at timestamptz NOT NULL DEFAULT now(),
        actor text NOT NULL,
        kind text NOT NULL,
        reason text,
        changes jsonb NOT NULL,
        import_id integer
      )`);
    await queryRunner.query(
      `CREATE INDEX structure_history_structure_idx ON structure_history (structure_finess, at)`,
    );
    await queryRunner.query(`
      CREATE TABLE finess_imports (
        id serial PRIMARY KEY,
        file_name text NOT NULL,
        file_date date,
        sha256 text NOT NULL,
        actor text NOT NULL,
        started_at timestamptz NOT NULL,
        finished_at timestamptz,
        report jsonb
      )`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE finess_imports`);
    await queryRunner.query(`DROP TABLE structure_history`);
    await queryRunner.query(`DROP TABLE structures`);
    await queryRunner.query(`DROP TABLE managing_organisations`);
  }
}
