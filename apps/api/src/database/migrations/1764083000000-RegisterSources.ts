import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The State's registers that prefill submissions (issue 17 §3, « saisir une seule fois »): the
 * journal of their imports with each file's date, their rows as read (one per establishment and
 * row key, fields as JSONB: e.g. FINESS equipment per discipline × activity × clientèle), the values
 * their mapping gives each establishment's items, and the mark of a prefilled submission item
 * (its source, date and value, kept once the structure edits it). The value history gains the
 * REGISTER source.
 */
export class RegisterSources1764083000000 implements MigrationInterface {
  name = 'RegisterSources1764083000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE register_imports (
        id serial PRIMARY KEY,
        source text NOT NULL,
        file_name text NOT NULL,
        file_date date,
        sha256 text NOT NULL,
        actor text NOT NULL,
        started_at timestamptz NOT NULL,
        finished_at timestamptz,
        report jsonb
      )`);
    await queryRunner.query(`CREATE INDEX register_imports_source_idx ON register_imports (source, id)`);
    await queryRunner.query(`
      CREATE TABLE register_rows (
        source text NOT NULL,
        finess char(9) NOT NULL REFERENCES structures (finess) ON DELETE CASCADE,
        row_key text NOT NULL,
        fields jsonb NOT NULL,
        import_id integer NOT NULL REFERENCES register_imports (id),
        PRIMARY KEY (source, finess, row_key)
      )`);
    await queryRunner.query(`
      CREATE TABLE register_values (
        finess char(9) NOT NULL REFERENCES structures (finess) ON DELETE CASCADE,
        item_code text NOT NULL,
        source text NOT NULL,
        value jsonb NOT NULL,
        source_date date NOT NULL,
        import_id integer NOT NULL REFERENCES register_imports (id),
        PRIMARY KEY (finess, item_code, source)
      )`);
    await queryRunner.query(`
      CREATE TABLE submission_prefills (
        campaign_year integer NOT NULL,
        finess char(9) NOT NULL,
        item_code text NOT NULL,
        source text NOT NULL,
        source_date date NOT NULL,
        value jsonb NOT NULL,
        prefilled_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (campaign_year, finess, item_code),
        FOREIGN KEY (campaign_year, finess) REFERENCES submissions (campaign_year, finess) ON DELETE CASCADE
      )`);
    await queryRunner.query(`ALTER TABLE value_history DROP CONSTRAINT value_history_source_check`);
    await queryRunner.query(
      `ALTER TABLE value_history ADD CONSTRAINT value_history_source_check
         CHECK (source IN ('FORM', 'EXCEL', 'BULK', 'PREVIOUS_YEAR', 'SEED', 'REGISTER'))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM value_history WHERE source = 'REGISTER'`);
    await queryRunner.query(`ALTER TABLE value_history DROP CONSTRAINT value_history_source_check`);
    await queryRunner.query(
      `ALTER TABLE value_history ADD CONSTRAINT value_history_source_check
         CHECK (source IN ('FORM', 'EXCEL', 'BULK', 'PREVIOUS_YEAR', 'SEED'))`,
    );
    for (const table of ['submission_prefills', 'register_values', 'register_rows', 'register_imports']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
