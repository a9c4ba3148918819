import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { ERROR_DESCRIPTIONS } from './api-responses.decorator';
import { ApiErrorResponseDto } from './error-response.dto';
import { JSON_VALUE, JSON_VALUE_SCHEMA } from './json-value.schema';
import { APP_VERSION } from '../version';

const ERROR_REF = { $ref: '#/components/schemas/ApiErrorResponseDto' };
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

/**
 * Every operation answers the common errors in the one error shape: 400 (the hostile-input guard and
 * the validation pipe refuse any route's input), 429 (throttling) and 500; a secured operation also
 * 401 and 403 (out of scope, or the second factor to set up). Written once here rather than on 108
 * operations; an operation's own errors (404, 409, 413, 422…) are declared where it is (ApiErrors).
 * Error responses declared without a schema get the error shape; untyped query parameters are text.
 */
export function withCommonErrors(document: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const secured = (operation.security ?? document.security ?? []).length > 0;
      const common = [400, 429, 500, ...(secured ? [401, 403] : [])];
      for (const status of common) {
        operation.responses[String(status)] ??= { description: ERROR_DESCRIPTIONS[status] ?? 'Erreur' };
      }
      for (const [status, response] of Object.entries(operation.responses)) {
        if (!response || Number(status) < 400 || '$ref' in response) continue;
        // Errors are JSON even where the operation produces a file (ApiProduces applies to all).
        const declared = Object.values(response.content ?? {}).find((media) => media.schema)?.schema;
        response.content = { 'application/json': { schema: declared ?? ERROR_REF } };
      }
      // A query parameter declared without a type is text (ApiQuery without `type`).
      for (const parameter of operation.parameters ?? []) {
        if ('$ref' in parameter) continue;
        const schema = (parameter.schema ?? {}) as Record<string, unknown>;
        if (!schema['type'] && !schema['$ref'] && !schema['enum'] && !schema['oneOf']) {
          parameter.schema = { ...schema, type: 'string' };
        }
      }
    }
  }
  return document;
}

/** Whether a schema (followed through its $ref) is a page of a list: items (or rows), total, page, pageSize. */
function isPageSchema(document: OpenAPIObject, schema: unknown): boolean {
  const ref = (schema as { $ref?: string } | undefined)?.$ref;
  const target = ref ? document.components?.schemas?.[ref.split('/').pop() ?? ''] : schema;
  const properties = (target as { properties?: Record<string, unknown> } | undefined)?.properties ?? {};
  return (
    ('items' in properties || 'rows' in properties) &&
    ['total', 'page', 'pageSize'].every((k) => k in properties)
  );
}

/** Pages of lists also answer X-Total-Count and Link (first/prev/next/last): PaginationLinksInterceptor. */
export function withPageHeaders(document: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const ok = item[method]?.responses['200'];
      if (!ok || '$ref' in ok || !isPageSchema(document, ok.content?.['application/json']?.schema)) continue;
      ok.headers = {
        ...ok.headers,
        'X-Total-Count': { description: 'Nombre total d’éléments de la liste', schema: { type: 'integer' } },
        Link: {
          description: 'Liens RFC 8288 vers les pages first, prev, next et last (mêmes filtres)',
          schema: { type: 'string' },
        },
      };
    }
  }
  return document;
}

/** The OpenAPI document of the API, as served at /api/docs-json and committed as openapi.json. */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('TDB — Tableau de bord de la performance dans le secteur médico-social')
    .setDescription(
      'API de la plateforme TDB : référentiel des structures (FINESS), campagnes, indicateurs. ' +
        'Les messages d’erreur destinés aux utilisateurs sont en français. ' +
        'Les changements incompatibles sont listés dans docs/api-changelog.md.',
    )
    .setVersion(APP_VERSION)
    .addBearerAuth({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
      description: 'Jeton d’accès (POST /api/auth/login) ou jeton d’API',
    })
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', description: 'Jeton des métriques (variable METRICS_TOKEN)' },
      'metrics',
    )
    .build();
  const document = SwaggerModule.createDocument(app, config, { extraModels: [ApiErrorResponseDto] });
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, [JSON_VALUE]: JSON_VALUE_SCHEMA },
  };
  return withPageHeaders(withCommonErrors(document));
}
