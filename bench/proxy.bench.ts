/**
 * What the OpenAI-compatible proxy adds to a chat completion: the same requests sent straight to
 * a local stub upstream and through Chatlens to that stub, interleaved in the same run, on the
 * embedded SQLite database with the built-in engine (each proxied request records its user turn
 * and its answer through the write path, analysed under the policy, with the stream checked a
 * sentence at a time). The stub and the load generator run in their own worker threads.
 *
 *   npx tsx bench/proxy.bench.ts
 *
 * Targets (issue 12): added latency p50 ≤ 1.5 ms and p99 ≤ 5 ms for non-streamed requests at
 * concurrency 16; time to first token added ≤ 2 ms for streamed ones.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { buildApp } from '../src/app.js';
import { builtinEngine } from '../src/analysis/index.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/connect.js';
import { sqliteDialect } from '../src/db/dialect/sqlite.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { createApiKey } from '../src/modules/auth/auth.service.js';
import { createCompany } from '../src/modules/companies/companies.service.js';
import { NO_RATE_LIMITS } from './lib.js';

const CONCURRENCY = 16;
/** The stub's time to first token: an LLM never answers at once; 50 ms is a fast hosted model. */
const UPSTREAM_DELAY_MS = 50;
const REQUESTS = 256;
const REPEATS = 3;

interface Sample {
  total: number;
  ttft: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x: number) => `${x.toFixed(2)} ms`;

function startWorker(file: string, data?: unknown): Worker {
  return new Worker(new URL(file, import.meta.url), { workerData: data });
}

async function startStub(delayMs: number, tokenMs: number): Promise<{ url: string; close(): Promise<void> }> {
  const worker = startWorker('./proxy/stub.mjs', { delayMs, tokenMs });
  const { port } = await new Promise<{ port: number }>((resolve) => worker.once('message', resolve));
  return { url: `http://127.0.0.1:${port}`, close: async () => void (await worker.terminate()) };
}

function loader() {
  const worker = startWorker('./proxy/load.mjs');
  return {
    run(target: { url: string; headers: Record<string, string> }, body: string, count: number, concurrency: number): Promise<Sample[]> {
      return new Promise((resolve, reject) => {
        worker.once('message', (m: { results?: Sample[]; error?: string }) => (m.error ? reject(new Error(m.error)) : resolve(m.results!)));
        worker.postMessage({ target, body, concurrency, count });
      });
    },
    close: () => worker.terminate(),
  };
}

const body = (stream: boolean) =>
  JSON.stringify({
    model: 'gpt-bench',
    stream,
    messages: [
      { role: 'system', content: 'You are the helpful assistant of a telecom company.' },
      { role: 'user', content: 'What plans do you offer, and how long do refunds take?' },
    ],
    user: 'bench-user',
  });

/** Interleaved direct and proxied runs; returns per repeat the added p50/p99 of `metric`. */
async function compare(label: string, stubUrl: string, proxyUrl: string, key: string, stream: boolean, metric: keyof Sample, concurrency = CONCURRENCY, requests = REQUESTS) {
  const load = loader();
  const direct = { url: `${stubUrl}/v1/chat/completions`, headers: {} };
  const proxied = { url: `${proxyUrl}/v1/chat/completions`, headers: { authorization: `Bearer ${key}` } };
  const payload = body(stream);
  // Warm-up: connections, JIT, prepared statements.
  await load.run(direct, payload, 64, CONCURRENCY);
  await load.run(proxied, payload, 64, CONCURRENCY);
  const rows: { direct: [number, number]; proxy: [number, number] }[] = [];
  for (let r = 0; r < REPEATS; r++) {
    const order = r % 2 === 0 ? ['direct', 'proxy'] : ['proxy', 'direct'];
    const got: Record<string, [number, number]> = {};
    for (const which of order) {
      const samples = (await load.run(which === 'direct' ? direct : proxied, payload, requests, concurrency)).map((s) => s[metric]).sort((a, b) => a - b);
      got[which] = [percentile(samples, 0.5), percentile(samples, 0.99)];
    }
    rows.push({ direct: got.direct, proxy: got.proxy });
  }
  await load.close();
  const added50 = rows.map((x) => x.proxy[0] - x.direct[0]);
  const added99 = rows.map((x) => x.proxy[1] - x.direct[1]);
  console.log(`${label} (concurrency ${concurrency}, ${requests} requests × ${REPEATS} interleaved repeats):`);
  console.log(`  direct to the stub   p50 ${ms(median(rows.map((x) => x.direct[0])))}   p99 ${ms(median(rows.map((x) => x.direct[1])))}   (median of repeats)`);
  console.log(`  through Chatlens     p50 ${ms(median(rows.map((x) => x.proxy[0])))}   p99 ${ms(median(rows.map((x) => x.proxy[1])))}`);
  console.log(`  added                p50 min ${ms(Math.min(...added50))} median ${ms(median(added50))}   p99 min ${ms(Math.min(...added99))} median ${ms(median(added99))}`);
}

export async function run(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chatlens-bench-proxy-'));
  const database = await openDatabase(sqliteDialect(path.join(dir, 'bench.db')));
  await migrateToLatest(database.db, database.dialect);
  const stub = await startStub(UPSTREAM_DELAY_MS, 0);
  const paced = await startStub(UPSTREAM_DELAY_MS, 5);
  const apps = [];
  try {
    const config = loadConfig({ LOG_LEVEL: 'silent', ...NO_RATE_LIMITS, CHATLENS_DATA_DIR: dir, CHATLENS_UPSTREAM_URL: `${stub.url}/v1` });
    const app = await buildApp({ config, database, engine: builtinEngine });
    apps.push(app);
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    const company = await createCompany(database.db, 'bench');
    const { key } = await createApiKey(database.db, { companyId: company.id, role: 'ingest' });
    console.log(`proxy overhead (SQLite, built-in engine, stub upstream answering after ${UPSTREAM_DELAY_MS} ms; every request a new conversation: new session, user turn and answer recorded)`);
    await compare('non-streamed, time to the whole answer', stub.url, url, key, false, 'total');
    await compare('streamed, time to first token (stub sends every word at once)', stub.url, url, key, true, 'ttft');
    // One request at a time: what the proxy's own work adds, without queueing behind other requests.
    await compare('non-streamed, one at a time', stub.url, url, key, false, 'total', 1, 32);
    await compare('streamed, time to first token, one at a time', stub.url, url, key, true, 'ttft', 1, 32);

    // With words 5 ms apart, the first sentence (19 words) completes ~95 ms after the first word:
    // holding a sentence back costs that, by design. Measured, not asserted.
    const pacedApp = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent', ...NO_RATE_LIMITS, CHATLENS_DATA_DIR: dir, CHATLENS_UPSTREAM_URL: `${paced.url}/v1` }), database, engine: builtinEngine });
    apps.push(pacedApp);
    const pacedUrl = await pacedApp.listen({ host: '127.0.0.1', port: 0 });
    await compare('streamed, time to first token, words 5 ms apart (the one-sentence hold-back shows)', paced.url, pacedUrl, key, true, 'ttft', CONCURRENCY, 96);
  } finally {
    for (const app of apps) await app.close();
    await stub.close();
    await paced.close();
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await run();
