/**
 * OpenAPI schemas of the values entered in a submission (the dictionary's item types): a number
 * (integer, decimal, percentage), a boolean, or a string (choice code, ISO date, text); null when
 * not entered, or to erase in a save.
 */
import type { ApiPropertyOptions, SchemaObject } from '@nestjs/swagger';

const SCALARS: SchemaObject[] = [{ type: 'number' }, { type: 'string' }, { type: 'boolean' }];

/** One value of an item (`ItemValue` of @tdb/contracts), as a schema. */
export const ITEM_VALUE_SCHEMA: SchemaObject = { oneOf: SCALARS, nullable: true };

/** One value of an item, as the options of an @ApiProperty. */
export const ITEM_VALUE_PROPERTY: ApiPropertyOptions = { oneOf: SCALARS, nullable: true };

/** Values by item code (`ValueMap` of @tdb/contracts), as the options of an @ApiProperty. */
export const VALUE_MAP_PROPERTY: ApiPropertyOptions = {
  type: 'object',
  additionalProperties: ITEM_VALUE_SCHEMA,
  example: { places_installees_accueil_jour: 12, cpom_en_cours: true, type_reseau_sante: null },
};

/** 'ALL', or a list of TDB category codes (`CategoryScope` of @tdb/dictionary). */
export const CATEGORY_SCOPE_PROPERTY: ApiPropertyOptions = {
  oneOf: [
    { type: 'string', enum: ['ALL'] },
    { type: 'array', items: { type: 'string' } },
  ],
};
