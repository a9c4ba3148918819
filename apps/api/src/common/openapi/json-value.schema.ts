import type { OpenAPIObject } from '@nestjs/swagger';

type Schema = NonNullable<NonNullable<OpenAPIObject['components']>['schemas']>[string];

/** The name of the document's component for any JSON value (recursive). */
export const JSON_VALUE = 'JsonValue';

/** A `$ref` to that component, for an open map: `additionalProperties: JSON_VALUE_REF`. */
export const JSON_VALUE_REF = { $ref: `#/components/schemas/${JSON_VALUE}` } as const;

const SCALARS = [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }];

/**
 * Any JSON value, for the few places whose content varies by design (the details of an audit
 * entry): a generated client types it as a union of scalars, lists and maps, never `unknown`. A
 * class cannot describe a union, so the component is written into the document as is. A list holds
 * scalars or maps, not lists directly: openapi-typescript writes the type with indexed accesses,
 * which TypeScript can only resolve when the recursion goes through a map.
 */
export const JSON_VALUE_SCHEMA: Schema = {
  description: 'Valeur JSON : texte, nombre, booléen, liste ou objet',
  nullable: true,
  oneOf: [
    ...SCALARS,
    {
      type: 'array',
      items: {
        nullable: true,
        oneOf: [...SCALARS, { type: 'object', additionalProperties: JSON_VALUE_REF }],
      },
    },
    { type: 'object', additionalProperties: JSON_VALUE_REF },
  ],
};
