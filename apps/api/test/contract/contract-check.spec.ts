import express from 'express';
import request from 'supertest';
import type { OpenAPIObject } from '@nestjs/swagger';
import { contractCheck } from '../setup/contract-check';

/** A small document: one operation answering a nullable name and a count, and the error shape. */
const document = {
  openapi: '3.0.0',
  info: { title: 't', version: '1' },
  paths: {
    '/things/{id}': {
      get: {
        responses: {
          '200': {
            description: '',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } },
          },
        },
      },
    },
  },
  components: {
    schemas: {
      Thing: {
        type: 'object',
        required: ['count', 'name'],
        properties: { count: { type: 'integer' }, name: { type: 'string', nullable: true } },
        additionalProperties: false,
      },
      ApiErrorResponseDto: {
        type: 'object',
        required: ['statusCode', 'code', 'message'],
        properties: { statusCode: { type: 'number' }, code: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
} as unknown as OpenAPIObject;

function appAnswering(status: number, body: unknown) {
  const { middleware, violations } = contractCheck(document);
  const app = express();
  app.use(middleware);
  app.get('/things/:id', (_req, res) => {
    res.status(status).json(body);
  });
  return { app, violations };
}

describe('contract check of the integration suite', () => {
  it('lets a response that matches its schema through, nullable fields included', async () => {
    const { app, violations } = appAnswering(200, { count: 2, name: null });
    await request(app).get('/things/1').expect(200, { count: 2, name: null });
    expect(violations).toEqual([]);
  });

  it('turns a drifting response into a 500 naming the operation and what differs', async () => {
    const { app, violations } = appAnswering(200, { count: '2', name: 'x', extra: true });
    const res = await request(app).get('/things/1').expect(500);
    expect(res.body.code).toBe('CONTRACT_VIOLATION');
    expect(res.body.message).toContain('GET /things/:id 200');
    expect(violations).toHaveLength(1);
  });

  it('reads back JSON a route sends as bytes (its own serialisation, with an ETag)', async () => {
    const { middleware, violations } = contractCheck(document);
    const app = express();
    app.use(middleware);
    app.get('/things/:id', (req, res) => {
      res
        .type('application/json')
        .send(Buffer.from(req.params.id === '1' ? '{"count":1,"name":"a"}' : '{"count":"x"}'));
    });
    await request(app).get('/things/1').expect(200);
    expect((await request(app).get('/things/2').expect(500)).body.code).toBe('CONTRACT_VIOLATION');
    expect(violations).toHaveLength(1);
  });

  it('checks errors against the one error shape', async () => {
    const { app } = appAnswering(404, { error: 'not found' });
    expect((await request(app).get('/things/1').expect(500)).body.code).toBe('CONTRACT_VIOLATION');
    const ok = appAnswering(404, { statusCode: 404, code: 'NOT_FOUND', message: 'Introuvable.' });
    await request(ok.app).get('/things/1').expect(404);
  });
});
