import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indicators stored as one row per campaign and structure instead of one per indicator: a
 * national recompute wrote ≈ 1 M rows and their two indexes (most of its time, ADR 0008); it now
 * writes ≈ 22,500. `scalars` holds the computed values of ratio and value indicators, by code;
 * `distributions` each computed distribution (`total`, `base`, and its parts' `values`, the
 * compact form of `storedDistribution`); `reasons` why an indicator is not computable
 * (`[code, message]`; "not applicable to the category" is not stored, as before).
 */
export class IndicatorsPerStructure1764030000000 implements MigrationInterface {
  name = 'IndicatorsPerStructure1764030000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE structure_indicators (
         campaign_year integer NOT NULL,
         finess char(9) NOT NULL,
         scalars jsonb NOT NULL DEFAULT '{}',
         distributions jsonb NOT NULL DEFAULT '{}',
         reasons jsonb NOT NULL DEFAULT '{}',
         dictionary_version text NOT NULL,
         computed_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (campaign_year, finess)
       )`,
    );
    await queryRunner.query(
      `INSERT INTO structure_indicators (campaign_year, finess, scalars, distributions, reasons, dictionary_version, computed_at)
       SELECT campaign_year, finess,
              COALESCE(jsonb_object_agg(indicator_code, value) FILTER (WHERE reason_code IS NULL AND details IS NULL), '{}'),
              COALESCE(jsonb_object_agg(indicator_code, details || jsonb_build_object('total', value))
                         FILTER (WHERE reason_code IS NULL AND details IS NOT NULL), '{}'),
              COALESCE(jsonb_object_agg(indicator_code, jsonb_build_array(reason_code, reason_message))
                         FILTER (WHERE reason_code IS NOT NULL), '{}'),
              max(dictionary_version), max(computed_at)
         FROM indicator_values
        GROUP BY campaign_year, finess`,
    );
    await queryRunner.query(`DROP TABLE indicator_values`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE indicator_values (
        campaign_year integer NOT NULL,
        finess char(9) NOT NULL,
        indicator_code text NOT NULL,
        value double precision,
        details jsonb,
        reason_code text,
        reason_message text,
        dictionary_version text NOT NULL,
        computed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (campaign_year, finess, indicator_code)
      )`);
    await queryRunner.query(
      `CREATE INDEX indicator_values_indicator_idx ON indicator_values (campaign_year, indicator_code)`,
    );
    await queryRunner.query(
      `INSERT INTO indicator_values (campaign_year, finess, indicator_code, value, details, reason_code, reason_message, dictionary_version, computed_at)
       SELECT si.campaign_year, si.finess, e.code, e.value, e.details, e.reason_code, e.reason_message, si.dictionary_version, si.computed_at
         FROM structure_indicators si
         CROSS JOIN LATERAL (
           SELECT key, (value #>> '{}')::float8, NULL::jsonb, NULL, NULL FROM jsonb_each(si.scalars)
           UNION ALL
           SELECT key, (value ->> 'total')::float8, value - 'total', NULL, NULL FROM jsonb_each(si.distributions)
           UNION ALL
           SELECT key, NULL, NULL, value ->> 0, value ->> 1 FROM jsonb_each(si.reasons)
         ) e(code, value, details, reason_code, reason_message)`,
    );
    await queryRunner.query(`DROP TABLE structure_indicators`);
  }
}
