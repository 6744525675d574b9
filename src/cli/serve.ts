/** `serve`: migrate, optionally load the demo, listen. */
import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { createApiKey } from '../modules/auth/auth.service.js';
import { getCompanies } from '../modules/companies/companies.service.js';
import { openRuntime } from '../runtime.js';
import { startServer } from '../server.js';
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD, isEmpty, seedDemo } from '../demo/seed.js';
import { databaseTarget, withDatabaseOptions } from './options.js';

export function registerServe(program: Command): void {
  withDatabaseOptions(
    program
      .command('serve')
      .description('Run the HTTP server (API, OpenAPI reference at /docs, dashboard at /)')
      .option('--port <port>', 'port to listen on', '')
      .option('--host <host>', 'address to listen on', '')
      .option('--demo', 'load demo data into an empty database and print credentials for it'),
  ).action(async (opts) => {
    const config = loadConfig();
    const port = opts.port ? Number(opts.port) : config.port;
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be an integer from 0 to 65535 (got "${opts.port}")`);
    const host = opts.host || config.host;
    const target = { ...databaseTarget(opts), timeouts: config.database };
    const runtime = await openRuntime(target);
    let banner = '';
    if (opts.demo) {
      const db = runtime.database.db;
      if (await isEmpty(db)) {
        process.stderr.write('Empty database: loading 90 days of demo traffic for 3 companies…\n');
        const started = Date.now();
        const r = await seedDemo(db, runtime.engine, { companies: 3, days: 90 });
        process.stderr.write(`Loaded ${r.events} events in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
        banner = credentials(r.companies[0].id, r.adminKey);
      } else {
        // Keys are stored hashed, so an earlier key cannot be shown again: issue a fresh one.
        const [first] = await getCompanies(db);
        if (first) {
          const { key } = await createApiKey(db, { companyId: Number(first.id), role: 'admin', name: 'npm start' });
          banner = credentials(Number(first.id), key);
        }
      }
    }
    const server = await startServer(config, runtime, { host, port });
    process.stderr.write(`\nChatlens is running on ${server.url}  (database: ${runtime.database.dialect.describe()})\n`);
    process.stderr.write(`API reference: ${server.url}/docs\n`);
    if (banner) process.stdout.write(banner.replaceAll('{url}', server.url));
  });
}

function credentials(companyId: number, key: string): string {
  return [
    '',
    `Demo company id: ${companyId}`,
    `Admin API key:   ${key}`,
    `Dashboard:       {url}/  (sign in as ${DEMO_ADMIN_EMAIL} / ${DEMO_PASSWORD})`,
    `Try:             curl -H "Authorization: Bearer ${key}" {url}/api/trends`,
    '',
  ].join('\n');
}
