import type { NextFunction, Request, Response } from 'express';
import type { OpenAPIObject } from '@nestjs/swagger';
import Ajv, { type ValidateFunction } from 'ajv';

type Schema = Record<string, unknown>;

/**
 * OpenAPI 3.0's `nullable` as JSON Schema: `{…, nullable: true}` → `anyOf: [{…}, {type: 'null'}]`
 * (Ajv only reads `nullable` beside a `type`; Nest writes it beside `$ref` and `allOf` too).
 */
function jsonSchemaOf(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(jsonSchemaOf);
  if (typeof node !== 'object' || node === null) return node;
  const out: Schema = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'nullable') continue;
    // Refs to components point into the document added to Ajv under the id "openapi".
    if (key === '$ref' && typeof value === 'string' && value.startsWith('#/')) out[key] = `openapi${value}`;
    else if (key === 'example' || key === 'examples') continue;
    else out[key] = jsonSchemaOf(value);
  }
  return (node as Schema)['nullable'] === true ? { anyOf: [out, { type: 'null' }] } : out;
}

export interface ContractViolation {
  operation: string;
  status: number;
  errors: string;
}

/**
 * Checks, in the integration suite, every JSON response against the schema the OpenAPI document
 * declares for its operation and status (errors: the one error shape). A response that drifts from
 * the contract is answered as a 500 CONTRACT_VIOLATION naming the operation and what differs, so
 * the test that met it fails there. Operations that declare no JSON schema for a status are left.
 */
export function contractCheck(document: OpenAPIObject): {
  middleware: (req: Request, res: Response, next: NextFunction) => void;
  violations: ContractViolation[];
} {
  const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true });
  ajv.addSchema(jsonSchemaOf({ components: document.components ?? {} }) as Schema, 'openapi');
  const validators = new Map<string, ValidateFunction | null>();
  const errorSchema = { $ref: '#/components/schemas/ApiErrorResponseDto' };
  // Express route paths (/api/campaigns/:year) to the document's (/api/campaigns/{year}).
  const operations = new Map<string, Record<string, { content?: Record<string, { schema?: unknown }> }>>();
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (typeof operation !== 'object' || operation === null || !('responses' in operation)) continue;
      operations.set(
        `${method.toUpperCase()} ${path.replace(/\{([^}]+)\}/g, ':$1')}`,
        (operation as { responses: Record<string, { content?: Record<string, { schema?: unknown }> }> })
          .responses,
      );
    }
  }
  const validatorFor = (key: string, status: number): ValidateFunction | null => {
    const cacheKey = `${key} ${status}`;
    if (validators.has(cacheKey)) return validators.get(cacheKey) ?? null;
    const responses = operations.get(key);
    const declared = responses?.[String(status)]?.content?.['application/json']?.schema;
    const schema = declared ?? (status >= 400 ? errorSchema : undefined);
    const validate = schema === undefined ? null : ajv.compile(jsonSchemaOf(schema) as Schema);
    validators.set(cacheKey, validate);
    return validate;
  };
  const violations: ContractViolation[] = [];

  const middleware = (req: Request, res: Response, next: NextFunction) => {
    const json = res.json.bind(res);
    const send = res.send.bind(res);
    let checked = false;
    /** The answer when `sent` breaks the contract of this operation and status, else null. */
    const violationOf = (sent: unknown) => {
      const route = (req.route as { path?: string } | undefined)?.path;
      const key = route ? `${req.method} ${route}` : `${req.method} (hors route)`;
      const validate = res.statusCode === 304 ? null : validatorFor(key, res.statusCode);
      if (!validate || validate(sent)) return null;
      const errors = ajv.errorsText(validate.errors, { separator: '; ' });
      const violation = { operation: key, status: res.statusCode, errors };
      violations.push(violation);
      return {
        statusCode: 500,
        code: 'CONTRACT_VIOLATION',
        message: `Réponse hors contrat : ${key} ${violation.status} — ${errors}`,
        received: sent,
      };
    };
    // JSON written as bytes (a route sending its own serialisation, e.g. with an ETag) is read back.
    res.send = (body?: unknown) => {
      const type = String(res.getHeader('Content-Type') ?? '');
      if (
        !checked &&
        type.includes('application/json') &&
        (typeof body === 'string' || Buffer.isBuffer(body))
      ) {
        checked = true;
        const text = Buffer.isBuffer(body) ? body.toString('utf8') : body;
        const answer = text === '' ? null : violationOf(JSON.parse(text));
        if (answer) {
          res.status(500);
          return send(JSON.stringify(answer));
        }
      }
      return send(body);
    };
    res.json = (body: unknown) => {
      checked = true;
      const sent = body === undefined ? undefined : JSON.parse(JSON.stringify(body));
      const answer = violationOf(sent);
      if (answer) {
        res.status(500);
        return json(answer);
      }
      return json(body);
    };
    next();
  };
  return { middleware, violations };
}
