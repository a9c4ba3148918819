/**
 * Malformed input never gets a 5xx (issue 13 §2): every operation of the OpenAPI document is
 * driven, as the national administrator (who passes authorization and reaches the deepest code),
 * with hostile path parameters, query parameters and bodies — NUL bytes, lone surrogates, LIKE
 * wildcards, huge and negative numbers, repeated and nested parameters, wrong types in every
 * field, missing nested objects, JSON nested 5,000 deep, malformed JSON — plus bodies generated at
 * random (fast-check, fixed seed). Any answer of 500 or more fails, with the request that caused it.
 */
import fc from 'fast-check';
import request from 'supertest';
import { loginAs, persistAccount, NATIONAL } from '../factories/accounts';
import { openCampaign } from '../factories/campaigns';
import { REGISTRY, startAppWithRegistry } from '../factories/test-registry';
import type { TestApp } from '../setup/test-app';

const { EHPAD_45, OG_45 } = REGISTRY;

const HOSTILE_TEXTS = [
  '\u0000',
  'a\u0000b',
  '\uD800',
  'x\uDE00',
  '%',
  '_%\\',
  "'; DROP TABLE accounts; --",
  '<script>alert(1)</script>',
  '\u202Eevil',
  ' ',
  '',
  '../../etc/passwd',
  '1e309',
  '-1',
  '99999999999999999999999999',
  'NaN',
  'x'.repeat(20_000),
];
const HOSTILE_VALUES: unknown[] = [
  null,
  true,
  0,
  -1,
  -0,
  1e308,
  -1e308,
  2 ** 53 + 1,
  1.5,
  [],
  {},
  [null],
  { '': null },
  ...HOSTILE_TEXTS,
];
/** Path parameters: the encoded forms reach the router as they would from a client. */
const HOSTILE_PATH = [
  '%00',
  'a%00b',
  '%ED%A0%80',
  '%E0%A4%A',
  '%25',
  '-1',
  '0',
  '99999999999999999999',
  'x'.repeat(2_000),
  '%27%3B--',
  '..%2F..%2Fetc',
  'null',
];

/** A lone surrogate has no UTF-8 form: sent as the bytes a careless client would (CESU-8). */
const encode = (text: string) => {
  try {
    return encodeURIComponent(text);
  } catch {
    return '%ED%A0%80';
  }
};
const deep = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;
const deepObject = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
const RAW_BODIES = [
  'null',
  '[]',
  '"x"',
  '12',
  '{',
  '{"a":',
  deep(5_000),
  deepObject(5_000),
  '{"a":"\\u0000"}',
];

/** The parts of an OpenAPI operation this test reads. */
interface DocOperation {
  parameters?: { in: string; name: string }[];
  requestBody?: {
    content?: Record<string, { schema?: { $ref?: string; properties?: Operation['properties'] } }>;
  };
}

interface Operation {
  method: string;
  path: string;
  query: string[];
  properties: Record<string, { type?: string; $ref?: string; items?: unknown }>;
  json: boolean;
}

describe('malformed input on every operation (HTTP, real database)', () => {
  let t: TestApp;
  let national: string;
  let nationalEmail: string;
  const failures: string[] = [];
  let sent = 0;

  beforeAll(async () => {
    ({ t } = await startAppWithRegistry());
    nationalEmail = (await persistAccount(t.dataSource, [NATIONAL])).email;
    national = await loginAs(t.http, nationalEmail);
    await openCampaign(t, national, 2026);
  });

  afterAll(async () => {
    await t?.close();
  });

  const valid: Record<string, string> = {
    year: '2026',
    finess: EHPAD_45,
    ogFiness: OG_45,
    id: '00000000-0000-4000-8000-000000000000',
    grantId: '00000000-0000-4000-8000-000000000000',
    flagId: '00000000-0000-4000-8000-000000000000',
    token: 'jeton-inconnu',
  };

  async function send(
    op: Operation,
    path: Record<string, string>,
    query: string,
    body: { raw: string } | { json: unknown } | null,
  ): Promise<void> {
    let url = op.path.replace(/\{(\w+)\}/g, (_, name: string) => path[name] ?? valid[name] ?? 'x');
    if (query) url += `?${query}`;
    let test = request(t.http)[op.method as 'get'](url).set('Authorization', national);
    if (body && 'raw' in body) test = test.set('Content-Type', 'application/json').send(body.raw);
    else if (body) test = test.send(body.json as object);
    const res = await test;
    sent++;
    // The national administrator's session may end (logout, password change): sign in again.
    if (res.status === 401) national = await loginAs(t.http, nationalEmail);
    if (res.status >= 500) {
      const shown = body ? ('raw' in body ? body.raw : JSON.stringify(body.json)) : '';
      failures.push(`${op.method.toUpperCase()} ${url.slice(0, 200)} ${shown.slice(0, 200)} → ${res.status}`);
    }
  }

  it('answers every malformed request with a 4xx, never a 5xx', async () => {
    const doc = (await request(t.http).get('/api/docs-json').expect(200)).body;
    const schemas = doc.components?.schemas ?? {};
    const operations: Operation[] = [];
    for (const [path, methods] of Object.entries(doc.paths as Record<string, Record<string, DocOperation>>)) {
      for (const [method, op] of Object.entries(methods)) {
        const content = op.requestBody?.content ?? {};
        const schemaRef: string | undefined = content['application/json']?.schema?.$ref;
        const schema = schemaRef ? schemas[schemaRef.split('/').pop()!] : content['application/json']?.schema;
        operations.push({
          method,
          path,
          query: (op.parameters ?? [])
            .filter((p: { in: string }) => p.in === 'query')
            .map((p: { name: string }) => p.name),
          properties: schema?.properties ?? {},
          json: 'application/json' in content,
        });
      }
    }
    expect(operations.length).toBeGreaterThan(90);
    // Signing out last: it ends the session the other requests use.
    operations.sort((a, b) => Number(a.path === '/api/auth/logout') - Number(b.path === '/api/auth/logout'));
    const random = fc.sample(fc.jsonValue({ maxDepth: 4 }), { numRuns: 4, seed: 13 });

    for (const op of operations) {
      const params = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
      // Path parameters, one at a time.
      for (const name of params)
        for (const value of HOSTILE_PATH)
          await send(op, { [name]: value }, '', op.json ? { json: {} } : null);
      // Query parameters: hostile, repeated, nested.
      for (const name of op.query) {
        for (const value of HOSTILE_TEXTS.slice(0, 14)) await send(op, {}, `${name}=${encode(value)}`, null);
        await send(op, {}, `${name}=a&${name}=b`, null);
        await send(op, {}, `${name}[a]=1`, null);
        await send(op, {}, `${name}=%00`, null);
      }
      if (!op.json) continue;
      // Bodies: raw malformed JSON, then every field of the schema set to each hostile value.
      for (const raw of RAW_BODIES) await send(op, {}, '', { raw });
      const fields = Object.keys(op.properties);
      for (const value of HOSTILE_VALUES)
        await send(op, {}, '', { json: Object.fromEntries(fields.map((f) => [f, value])) });
      // Nested objects missing or empty (a grant without its organisation…), hostile values inside.
      for (const field of fields) {
        for (const value of [{}, { organisation: {} }, { organisation: null, role: '\u0000' }, [{}], [null]])
          await send(op, {}, '', { json: { [field]: value } });
      }
      for (const body of random) await send(op, {}, '', { json: body });
    }
    expect(sent).toBeGreaterThan(3_000);
    expect(failures).toEqual([]);
    // Thousands of requests, some producing files: minutes on a busy machine.
  }, 900_000);
});
