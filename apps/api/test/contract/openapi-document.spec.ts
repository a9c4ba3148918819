import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import type { OpenAPIObject } from '@nestjs/swagger';
import { startTestApp, type TestApp } from '../setup/test-app';
import { freeFormSchemas, operationsOf, operationsWithoutSuccessSchema } from './openapi-rules';

const ROOT = join(__dirname, '..', '..', '..', '..');

/**
 * The contract (issue 16): the document the API serves is the one committed (openapi.json, from
 * which the SPA's client is generated), versioned with the package, and complete — every operation
 * declares its success answer and no body is left untyped — so a generated client has no `unknown`.
 */
describe('OpenAPI document', () => {
  let t: TestApp;
  let served: OpenAPIObject;

  beforeAll(async () => {
    t = await startTestApp();
    served = (await request(t.http).get('/api/docs-json').expect(200)).body as OpenAPIObject;
  });

  afterAll(async () => {
    await t?.close();
  });

  it('is the committed openapi.json (run `npm run openapi` after changing the API)', () => {
    const committed = JSON.parse(readFileSync(join(ROOT, 'openapi.json'), 'utf8')) as OpenAPIObject;
    expect(served).toEqual(committed);
  });

  it('carries the version of the package', () => {
    const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string })
      .version;
    expect(served.info.version).toBe(version);
  });

  it('declares a success answer with its schema for every operation', () => {
    expect(operationsOf(served).length).toBeGreaterThan(100);
    expect(operationsWithoutSuccessSchema(served)).toEqual([]);
  });

  it('leaves no body untyped (open maps are maps of JsonValue)', () => {
    expect(freeFormSchemas(served)).toEqual([]);
  });

  it('answers every error in the one error shape (or a shape that extends it), but the probes', () => {
    const ERROR = '#/components/schemas/ApiErrorResponseDto';
    const schemas = (served.components?.schemas ?? {}) as Record<string, Record<string, unknown>>;
    const extendsError = (schema: Record<string, unknown> | undefined): boolean => {
      if (!schema) return false;
      const ref = schema['$ref'] as string | undefined;
      if (ref === ERROR) return true;
      if (ref) return extendsError(schemas[ref.split('/').pop() ?? '']);
      if (Array.isArray(schema['allOf']))
        return (schema['allOf'] as Record<string, unknown>[]).some(extendsError);
      // A class that repeats the shape's fields and adds its own (e.g. the atypia conflicts' `current`).
      const properties = (schema['properties'] ?? {}) as Record<string, unknown>;
      return ['statusCode', 'code', 'message'].every((k) => k in properties);
    };
    const wrong = operationsOf(served).flatMap(({ name, operation }) =>
      Object.entries(
        operation['responses'] as Record<string, { content?: Record<string, { schema?: unknown }> }>,
      )
        .filter(([status]) => Number(status) >= 400)
        // A probe's 503 is its report (what is down), as its 200.
        .filter(([status]) => !(status === '503' && name.startsWith('GET /api/health')))
        .filter(
          ([, response]) =>
            !extendsError(
              response.content?.['application/json']?.schema as Record<string, unknown> | undefined,
            ),
        )
        .map(([status]) => `${name} ${status}`),
    );
    expect(wrong).toEqual([]);
  });
});
