import type { OpenAPIObject } from '@nestjs/swagger';

type Node = Record<string, unknown>;
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** « GET /api/campaigns/{year} » for each operation of the document. */
export function operationsOf(document: OpenAPIObject): { name: string; operation: Node }[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.flatMap((method) => {
      const operation = (item as Record<string, Node | undefined>)[method];
      return operation ? [{ name: `${method.toUpperCase()} ${path}`, operation }] : [];
    }),
  );
}

/** Operations with no success response described by a body schema (JSON or file), nor a 204, nor a redirect. */
export function operationsWithoutSuccessSchema(document: OpenAPIObject): string[] {
  return operationsOf(document)
    .filter(({ operation }) => {
      const responses = (operation['responses'] ?? {}) as Record<string, Node>;
      return !Object.entries(responses).some(([status, response]) => {
        // A browser navigation's answer (the identity provider's sign-in) is a redirect with its Location.
        if (/^3\d\d$/.test(status)) return ((response['headers'] ?? {}) as Node)['Location'] !== undefined;
        if (!/^2\d\d$/.test(status)) return false;
        if (status === '204') return true;
        const content = (response['content'] ?? {}) as Record<string, Node>;
        return Object.values(content).some((media) => media['schema'] !== undefined);
      });
    })
    .map(({ name }) => name);
}

/**
 * Schemas a generated client could only type as `unknown`: `{}`, or an object with neither
 * properties nor a typed additionalProperties. Returns their places (« Schema.property », « GET … 200 »).
 */
export function freeFormSchemas(document: OpenAPIObject): string[] {
  const found: string[] = [];
  const visit = (node: unknown, where: string): void => {
    if (typeof node !== 'object' || node === null) return;
    const schema = node as Node;
    if (schema['$ref'] !== undefined) return;
    const combined = ['allOf', 'oneOf', 'anyOf'].find((k) => Array.isArray(schema[k]));
    if (combined) {
      (schema[combined] as unknown[]).forEach((s, i) => visit(s, `${where}.${combined}[${i}]`));
      return;
    }
    const type = schema['type'];
    if (type === undefined && schema['enum'] === undefined) {
      found.push(where);
      return;
    }
    if (type === 'object') {
      const properties = schema['properties'] as Record<string, unknown> | undefined;
      const additional = schema['additionalProperties'];
      if (!properties && (additional === undefined || additional === true)) found.push(where);
      for (const [name, property] of Object.entries(properties ?? {})) visit(property, `${where}.${name}`);
      if (typeof additional === 'object') visit(additional, `${where}[*]`);
    }
    if (type === 'array') visit(schema['items'], `${where}[]`);
  };
  for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) visit(schema, name);
  for (const { name, operation } of operationsOf(document)) {
    const bodies: [string, Node | undefined][] = [
      ['corps', operation['requestBody'] as Node | undefined],
      ...Object.entries((operation['responses'] ?? {}) as Record<string, Node>),
    ];
    for (const [status, body] of bodies) {
      const content = (body?.['content'] ?? {}) as Record<string, Node>;
      for (const [media, value] of Object.entries(content)) {
        if (media.includes('json')) visit(value['schema'], `${name} ${status}`);
      }
    }
  }
  return found;
}
