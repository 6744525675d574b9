/**
 * The optional citation verifier against a local server speaking the Crossref and OpenAlex works
 * APIs (the real services cannot be reached from tests): what it reports, what it caches, and
 * that a slow service costs a turn at most its time budget and never a finding.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCitationVerifier } from './verify.js';

const WORKS: Record<string, { title: string; year: number }> = {
  '10.1038/s41586-021-03819-2': { title: 'Highly accurate protein structure prediction with AlphaFold', year: 2021 },
  '10.1145/362384.362685': { title: 'A relational model of data for large shared data banks', year: 1970 },
};

let server: Server;
let base = '';
const requests: { path: string; at: number }[] = [];
let delayMs = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://stub');
    requests.push({ path: url.pathname + url.search, at: Date.now() });
    const send = (status: number, body: unknown) => setTimeout(() => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    }, delayMs);
    const crossref = url.pathname.startsWith('/crossref');
    const path = url.pathname.replace(/^\/(crossref|openalex)/, '');
    if (path.startsWith('/works/')) {
      const doi = decodeURIComponent(path.slice('/works/'.length)).replace(/^doi:/, '');
      const w = WORKS[doi];
      if (!w) return send(404, { status: 'error', message: 'Resource not found.' });
      return send(200, crossref
        ? { status: 'ok', message: { DOI: doi, title: [w.title], issued: { 'date-parts': [[w.year, 1, 1]] } } }
        : { id: `https://openalex.org/W1`, doi: `https://doi.org/${doi}`, title: w.title, publication_year: w.year });
    }
    if (path === '/works') {
      const q = (url.searchParams.get('query.bibliographic') ?? url.searchParams.get('search') ?? '').toLowerCase();
      const hit = Object.values(WORKS).find((w) => q.includes(w.title.toLowerCase().slice(0, 24)));
      return send(200, crossref ? { status: 'ok', message: { items: hit ? [{ title: [hit.title], issued: { 'date-parts': [[hit.year]] } }] : [] } } : { results: hit ? [{ title: hit.title, publication_year: hit.year }] : [] });
    }
    send(404, {});
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const turn = (content: string) => ({ role: 'assistant' as const, content });
const ctx = { documents: [], history: [] };
const REFS = [
  '[1] Jumper, J. et al. Highly accurate protein structure prediction with AlphaFold. Nature, 2021. doi:10.1038/s41586-021-03819-2',
  '[2] Keller, M. Neural databases for everyone. Journal of Data, 2020. doi:10.1145/9999999.0000001',
  '[3] Codd, E. Graph neural networks at scale. Journal of Graphs, 2019. doi:10.1145/362384.362685',
  '[4] Codd, E. F. "A relational model of data for large shared data banks". Communications of the ACM, 1970.',
  '[5] Nobody, A. "Quantum gardening with recursive teapots". Journal of Teapots, 2018.',
].join('\n');

for (const kind of ['crossref', 'openalex'] as const) {
  describe(`citation verifier (${kind})`, () => {
    it('reports DOIs that do not exist or name another work, and titles nowhere to be found', async () => {
      delayMs = 0;
      const v = createCitationVerifier({ kind, baseUrl: `${base}/${kind}`, ratePerSecond: 100 });
      expect(v.shouldReview(turn(REFS), [])).toBe(true);
      expect(v.shouldReview(turn('Refunds take 14 days.'), [])).toBe(false);
      const found = await v.review(turn(REFS), ctx, []);
      const lines = found.map((f) => f.spans[0].text.slice(0, 3));
      expect(lines).toEqual(['[2]', '[3]', '[5]']);
      expect(found.every((f) => f.subtype === 'FABRICATED_CITATION' && f.detector.startsWith('citation-verifier@'))).toBe(true);
      for (const f of found) for (const s of f.spans) expect(REFS.slice(s.start, s.end)).toBe(s.text);
      expect(found[0].explanation).toMatch(/does not exist/);
      expect(found[1].explanation).toMatch(/another work/);
    });

    it('searches the title that follows the authors and year, not the longest part of the entry', async () => {
      // No DOI, no quotes, and a venue longer than the title: searching the venue found nothing.
      const entry = 'Codd, E. F. (1970). A relational model of data for large shared data banks. Communications of the Association for Computing Machinery, volume 13, issue 6, pages 377-387.';
      const v = createCitationVerifier({ kind, baseUrl: `${base}/${kind}`, ratePerSecond: 100 });
      expect(await v.review(turn(entry), ctx, [])).toEqual([]);
      const invented = 'Keller, M. and Osei, A. (2020). Neural databases for everyone. Proceedings of the Conference on Very Large Neural Databases and Their Applications.';
      const found = await v.review(turn(invented), ctx, []);
      expect(found.map((f) => f.explanation)).toEqual(['No work titled "Neural databases for everyone" was found in ' + (kind === 'crossref' ? 'Crossref.' : 'OpenAlex.')]);
    });

    it('caches answers, including "not found"', async () => {
      const v = createCitationVerifier({ kind, baseUrl: `${base}/${kind}`, ratePerSecond: 100 });
      await v.review(turn(REFS), ctx, []);
      const before = requests.length;
      await v.review(turn(REFS), ctx, []);
      expect(requests.length).toBe(before);
    });

    it('spaces its requests to the rate limit', async () => {
      const times: number[] = [];
      const timed: typeof fetch = (url, init) => (times.push(Date.now()), fetch(url, init));
      const v = createCitationVerifier({ kind, baseUrl: `${base}/${kind}`, ratePerSecond: 20, fetch: timed });
      await v.review(turn(REFS), ctx, []);
      expect(times.length).toBe(5);
      // 20 per second: each request starts at least 50 ms after the one before.
      for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(49);
    });

    it('keeps the spacing when a request starts late (a busy event loop)', async () => {
      const times: number[] = [];
      const late: typeof fetch = (url, init) => {
        // The first request is held up 25 ms before it goes out, as a late timer or a long task does.
        if (times.length === 0) for (const until = Date.now() + 25; Date.now() < until; );
        times.push(Date.now());
        return fetch(url, init);
      };
      const v = createCitationVerifier({ kind, baseUrl: `${base}/${kind}`, ratePerSecond: 20, fetch: late });
      await v.review(turn(REFS), ctx, []);
      expect(times.length).toBe(5);
      for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(49);
    });

    it('gives up within its time budget on a slow service and reports nothing', async () => {
      delayMs = 2000;
      const v = createCitationVerifier({ kind, baseUrl: `${base}/${kind}`, timeoutMs: 300, budgetMs: 500, ratePerSecond: 100 });
      const t0 = Date.now();
      const found = await v.review(turn(REFS), ctx, []);
      expect(found).toEqual([]);
      expect(Date.now() - t0).toBeLessThan(1500);
      delayMs = 0;
    });
  });
}
