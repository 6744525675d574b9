/**
 * The optional citation verifier behind ingestion, against a local stub speaking Crossref's works
 * API: the live answer never waits for it, and its findings are stored after commit.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import type { ReviewQueue } from '../src/modules/ingest/judge-review.js';
import { client, newTenant, useTestDatabase } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';
import { markerEngine } from './helpers/test-engine.js';

describe.each(DIALECTS)('citation verifier behind ingestion on $name', (dialect) => {
  const ctx = useTestDatabase(dialect);
  let server: http.Server;
  let base = '';
  const seen: string[] = [];
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      seen.push(req.url ?? '');
      res.setHeader('content-type', 'application/json');
      if (req.url?.startsWith('/works/10.1038')) {
        res.end(JSON.stringify({ status: 'ok', message: { title: ['Highly accurate protein structure prediction with AlphaFold'], issued: { 'date-parts': [[2021]] } } }));
      } else {
        res.statusCode = 404;
        res.end(JSON.stringify({ status: 'error' }));
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); });
  });

  it('stores a finding for a DOI that does not exist, after the turn is committed', async () => {
    const config = loadConfig({ CHATLENS_CITATION_VERIFIER: 'crossref', CHATLENS_CITATION_VERIFIER_URL: base });
    const app = await buildApp({ config, database: ctx.database, engine: markerEngine });
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const queue = (app as unknown as { citationQueue: ReviewQueue }).citationQueue;
      const t = await newTenant(ctx.db);
      const content = 'Sources:\n[1] Jumper, J. et al. Highly accurate protein structure prediction with AlphaFold. Nature, 2021. doi:10.1038/s41586-021-03819-2\n[2] Keller, M. Neural databases. Journal of Data, 2020. doi:10.5555/0000.1111';
      const res = await client(url, t.ingest).post('/api/sessions/C1/messages', { messageId: 'c1', role: 'assistant', content });
      expect(res.status).toBe(201);
      expect(res.body.findings).toEqual([]);
      await queue.drain();
      const transcript = await client(url, t.analyst).get('/api/sessions/C1');
      const findings = transcript.body.messages[0].findings;
      expect(findings).toHaveLength(1);
      expect(findings[0]).toMatchObject({ subtype: 'FABRICATED_CITATION', detector: 'citation-verifier@1.0.0' });
      expect(findings[0].spans[0].text).toContain('doi:10.5555/0000.1111');
      expect(seen.some((u) => u.startsWith('/works/10.5555'))).toBe(true);
    } finally {
      await app.close();
    }
  });

  it('is off unless configured, and refuses a bad setting by name', () => {
    expect(loadConfig({}).citationVerifier).toBeNull();
    expect(() => loadConfig({ CHATLENS_CITATION_VERIFIER: 'google' })).toThrow(/CHATLENS_CITATION_VERIFIER/);
    expect(loadConfig({ CHATLENS_CITATION_VERIFIER: 'openalex' }).citationVerifier?.baseUrl).toBe('https://api.openalex.org');
  });
});
