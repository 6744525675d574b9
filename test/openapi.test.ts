import { describe, expect, it } from 'vitest';
import { ERROR_STATUS, type ErrorCode } from '../src/errors.js';
import { client, useTestServer } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';

describe('OpenAPI document and reference', () => {
  const ctx = useTestServer(DIALECTS[0]);

  it('documents every seed endpoint with its parameters, generated from the route schemas', async () => {
    const res = await client(ctx.url).get('/openapi.json');
    expect(res.status).toBe(200);
    const paths = res.body.paths;
    for (const p of [
      '/api/monitor/sessions',
      '/api/trends',
      '/api/v2/reporting/chat-sessions/',
      '/api/v2/reporting/chats-feedback/',
      '/api/v2/reporting/tools/',
      '/api/v2/reporting/used-documents/',
      '/api/v2/reporting/user-activities/',
      '/api/v2/reporting/users/',
      '/api/ingest',
      '/api/sessions/{id}/messages',
      '/api/sessions/{id}',
    ]) {
      expect(paths[p], p).toBeDefined();
    }
    const limit = paths['/api/monitor/sessions'].get.parameters.find((x: { name: string }) => x.name === 'limit');
    expect(limit.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 100, default: 20 });
    const days = paths['/api/trends'].get.parameters.find((x: { name: string }) => x.name === 'days');
    expect(days.schema).toMatchObject({ minimum: 1, maximum: 365, default: 30 });
    expect(paths['/api/trends'].get.responses['400']).toBeDefined();
  });

  it('is usable by client generators: operation ids, optional defaults, required start_date, servers, named components', async () => {
    const doc = (await client(ctx.url).get('/openapi.json')).body;
    const ops = Object.entries(doc.paths as Record<string, Record<string, { operationId?: string; parameters?: { name: string; in: string; required?: boolean; schema: { default?: unknown } }[] }>>).flatMap(
      ([path, item]) => Object.entries(item).map(([method, op]) => ({ path, method, op })),
    );
    expect(ops.length).toBeGreaterThan(25);
    const ids = ops.map((o) => o.op.operationId);
    expect(ids.filter((id) => !id), 'operations without an operationId').toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(doc.paths['/api/v2/reporting/chat-sessions/'].get.operationId).toBe('getChatSessionsReport');
    expect(doc.paths['/api/sessions/{id}/messages'].post.operationId).toBe('recordLiveTurn');

    // A parameter with a default is optional for the caller; path parameters stay required.
    for (const { path, method, op } of ops) {
      for (const p of op.parameters ?? []) {
        if (p.schema.default !== undefined) expect(p.required, `${method} ${path} ${p.name}`).toBe(false);
        if (p.in === 'path') expect(p.required, `${method} ${path} ${p.name}`).toBe(true);
      }
    }
    const param = (path: string, name: string) => doc.paths[path].get.parameters.find((x: { name: string }) => x.name === name);
    expect(param('/api/monitor/sessions', 'limit')).toMatchObject({ required: false, schema: { default: 20 } });
    expect(param('/api/trends', 'days')).toMatchObject({ required: false, schema: { default: 30 } });
    expect(param('/api/findings', 'days').required).toBe(false);
    for (const report of ['chat-sessions', 'chats-feedback', 'tools', 'used-documents', 'user-activities', 'users']) {
      expect(param(`/api/v2/reporting/${report}/`, 'start_date').required, report).toBe(true);
      expect(param(`/api/v2/reporting/${report}/`, 'end_date').required ?? false, report).toBe(false);
    }

    // servers names the address this document was fetched from; the copy behind /docs is relative.
    expect(doc.servers).toEqual([{ url: ctx.url, description: expect.any(String) }]);
    expect((await client(ctx.url).get('/docs/json')).body.servers).toEqual([{ url: '/', description: 'This server' }]);
    expect(doc.components.schemas.ErrorEnvelope.properties.error.properties.code.enum).toContain('CONFLICT');
    expect(doc.paths['/api/trends'].get.responses['400'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/ErrorEnvelope' });
  });

  it('gives each error status its own example and description, with the code that status carries', async () => {
    const doc = (await client(ctx.url).get('/openapi.json')).body;
    const seen = new Map<string, string>();
    for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, { responses: Record<string, { description: string; content?: Record<string, { example?: { error: { code: string; message: string } } }> }> }>>)) {
      for (const [method, op] of Object.entries(item)) {
        for (const [status, res] of Object.entries(op.responses)) {
          if (Number(status) < 400) continue;
          const example = res.content?.['application/json']?.example;
          expect(example, `${method} ${path} ${status}`).toBeDefined();
          expect(ERROR_STATUS[example!.error.code as ErrorCode], `${method} ${path} ${status}`).toBe(Number(status));
          seen.set(status, example!.error.code);
          expect(res.description).not.toBe('Default Response');
        }
      }
    }
    expect(Object.fromEntries(seen)).toMatchObject({ '400': 'BAD_REQUEST', '401': 'UNAUTHORIZED', '403': 'FORBIDDEN', '404': 'NOT_FOUND', '409': 'CONFLICT', '500': 'INTERNAL', '503': 'UNAVAILABLE' });
  });

  it('documents the chat-sessions report with its agent-mode legend and second-precision times', async () => {
    const doc = (await client(ctx.url).get('/openapi.json')).body;
    const schema = doc.paths['/api/v2/reporting/chat-sessions/'].get.responses['200'].content['application/json'].schema;
    expect(Object.keys(schema.properties)).toEqual(['metadata', 'reporting', 'metadata_agent']);
    expect(schema.required).toContain('metadata_agent');
    const chats = schema.properties.reporting.items.properties.dates.items.properties.chats;
    expect(chats.properties.last_model_response_date.description).toMatch(/whole seconds/);
  });

  it('serves an interactive reference at /docs', async () => {
    const res = await fetch(`${ctx.url}/docs/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('swagger');
  });
});
