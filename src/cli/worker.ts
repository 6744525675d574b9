/**
 * `chatlens worker`: runs only the job loop against the shared database (upload jobs, webhook
 * deliveries, retention steps), for scale-out next to `chatlens serve` processes. Jobs are claimed with a lease (`FOR UPDATE SKIP LOCKED` on
 * PostgreSQL), so any number of workers and servers can poll the same database. The worker reads
 * the stored files from their `storage_path`: put CHATLENS_UPLOAD_DIR on storage every process sees.
 *
 * @example
 *   DATABASE_URL=postgres://... npx chatlens worker --threads 4
 */
import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { databaseTarget, withDatabaseOptions } from './options.js';

export function registerWorker(program: Command): void {
  withDatabaseOptions(
    program
      .command('worker')
      .description('Process uploads, webhook deliveries and retention in the background (the job loop only, no HTTP)')
      .option('--threads <n>', 'analysis worker threads (default: cores - 1, at most 8; 0 analyses inline)')
      .option('--no-workers', 'analyse inline, without worker threads')
      .option('--poll-ms <ms>', 'how often to look for new jobs', '2000'),
  ).action(async (opts: { threads?: string; workers: boolean; pollMs: string; db?: string; databaseUrl?: string }) => {
    const { defaultThreads } = await import('../analysis/pool/analyzer.js');
    const { createUploadRunner } = await import('../modules/uploads/uploads.runner.js');
    const { webhookQueues } = await import('../modules/webhooks/webhooks.queue.js');
    const { retentionQueue } = await import('../modules/privacy/retention.queue.js');
    const { openRuntime } = await import('../runtime.js');
    const threads = opts.workers === false ? 0 : opts.threads !== undefined ? Number(opts.threads) : defaultThreads();
    if (!Number.isInteger(threads) || threads < 0 || threads > 64) throw new Error(`--threads must be an integer from 0 to 64 (got "${opts.threads}")`);
    const pollMs = Number(opts.pollMs);
    if (!Number.isInteger(pollMs) || pollMs < 50) throw new Error(`--poll-ms must be an integer of at least 50 (got "${opts.pollMs}")`);
    const config = loadConfig();
    const runtime = await openRuntime({ ...databaseTarget(opts), timeouts: config.database });
    const log = {
      info: (o: object, m: string) => process.stderr.write(`${m} ${JSON.stringify(o)}\n`),
      warn: (o: object, m: string) => process.stderr.write(`warning: ${m} ${JSON.stringify(o)}\n`),
      error: (o: object, m: string) => process.stderr.write(`error: ${m} ${JSON.stringify(o, (k, v) => (v instanceof Error ? v.message : v))}\n`),
    };
    const { db, dialect } = runtime.database;
    const now = () => new Date();
    const queues = [...webhookQueues({ db, dialect, limits: config.webhooks, now, log }), retentionQueue({ db, dialect, now })];
    const runner = createUploadRunner({ db, dialect, ingest: { db, engine: runtime.engine, log }, limits: config.uploadLimits, log, queues }, { workers: threads, pollMs });
    runner.start();
    process.stderr.write(`Chatlens worker processing uploads, webhook deliveries and retention from ${runtime.database.dialect.describe()} (${threads ? `${threads} analysis threads` : 'inline analysis'})\n`);
    await new Promise<void>((resolve) => {
      for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve());
    });
    process.stderr.write('stopping: the job in flight is handed back after its current chunk\n');
    await runner.stop();
    await runtime.close();
  });
}
