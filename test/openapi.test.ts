import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer, client, startTestServer } from './helpers/app.js';
import { DIALECTS, type TestDatabase } from './helpers/db.js';

describe('OpenAPI document and reference', () => {
  let database: TestDatabase;
  let server: TestServer;
  beforeAll(async () => {
    database = await DIALECTS[0].open();
    server = await startTestServer(database);
  });
  afterAll(async () => {
    await server?.close();
    await database?.destroy();
  });

  it('documents every seed endpoint with its parameters, generated from the route schemas', async () => {
    const res = await client(server.url).get('/openapi.json');
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

  it('serves an interactive reference at /docs', async () => {
    const res = await fetch(`${server.url}/docs/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('swagger');
  });
});
