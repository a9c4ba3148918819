import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A distribution's details are stored as its base and each part's value by key; labels come from
 * the definition and shares are derived on read (`@tdb/indicators` stored.ts). The labelled parts
 * were 80 % of the bytes a national recompute wrote. ADR 0008.
 *
 * Rows written in the labelled form are rewritten: the base is given back by any part with a
 * share (value × 100 / share), else by the total (every share was 0, the base then changes none).
 */
export class CompactIndicatorDetails1763990000000 implements MigrationInterface {
  name = 'CompactIndicatorDetails1763990000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE indicator_values SET details = jsonb_build_object(
         'base', COALESCE(
           (SELECT (p ->> 'value')::float8 * 100 / (p ->> 'share')::float8
              FROM jsonb_array_elements(details) p WHERE (p ->> 'share')::float8 <> 0 LIMIT 1),
           value),
         'values', (SELECT COALESCE(jsonb_object_agg(p ->> 'key', p -> 'value'), '{}'::jsonb)
                      FROM jsonb_array_elements(details) p))
        WHERE jsonb_typeof(details) = 'array'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // Labels are the definition's: the key stands in for them until the next recompute.
    await queryRunner.query(
      `UPDATE indicator_values SET details = (
         SELECT COALESCE(jsonb_agg(jsonb_build_object(
                  'key', e.key, 'label', e.key, 'value', e.value,
                  'share', (e.value::text)::float8 * 100 / NULLIF((details ->> 'base')::float8, 0))), '[]'::jsonb)
           FROM jsonb_each(details -> 'values') e)
        WHERE jsonb_typeof(details) = 'object'`,
    );
  }
}
