/**
 * `serve`: migrate, optionally load the demo, listen.
 *
 * @example
 *   npx chatlens serve --port 8080
 *   npm start            # serve --demo: demo data in an empty database, and an admin key
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { Kysely } from 'kysely';
import { loadConfig } from '../config.js';
import type { DB } from '../db/database.js';
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
    const { openRuntime } = await import('../runtime.js');
    const { startServer } = await import('../server.js');
    const runtime = await openRuntime({ ...databaseTarget(opts), timeouts: config.database });
    let banner = '';
    if (opts.demo) {
      const { DEMO_ADMIN_EMAIL, DEMO_PASSWORD, isEmpty, seedDemo } = await import('../demo/seed.js');
      const db = runtime.database.db;
      let seeded: { companyId: number; key: string } | null = null;
      if (await isEmpty(db)) {
        process.stderr.write('Empty database: loading 90 days of demo traffic for 3 companies…\n');
        const started = Date.now();
        const r = await seedDemo(db, runtime.engine, { companies: 3, days: 90 });
        process.stderr.write(`Loaded ${r.events} events in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
        seeded = { companyId: r.companies[0].id, key: r.adminKey };
      }
      const demo = await demoAdminKey(db, path.join(config.dataDir, 'demo-admin-key'), seeded);
      if (demo) {
        banner = [
          '',
          `Demo company id: ${demo.companyId}`,
          `Admin API key:   ${demo.key}`,
          `                 ${demo.note}`,
          `Dashboard:       {url}/  (sign in as ${DEMO_ADMIN_EMAIL} / ${DEMO_PASSWORD})`,
          `Try:             curl -H "Authorization: Bearer ${demo.key}" {url}/api/trends`,
          '',
        ].join('\n');
      }
    }
    const server = await startServer(config, runtime, { host, port });
    process.stderr.write(`\nChatlens is running on ${server.url}  (database: ${runtime.database.dialect.describe()})\n`);
    process.stderr.write(`API reference: ${server.url}/docs\n`);
    if (banner) process.stdout.write(banner.replaceAll('{url}', server.url));
  });
}

/** The name of the keys `serve --demo` issues when it cannot reuse the saved one. */
const DEMO_KEY_NAME = 'npm start';

/**
 * The demo company's admin key, the same at every `npm start`. Keys are stored hashed, so the
 * clear key is kept in a file of the data directory (mode 0600; demo data only) and reused while
 * it still opens the demo company. When it does not (file removed, another database), a new key
 * is issued and the earlier keys this command issued are revoked, so restarts never pile up live
 * admin keys.
 */
async function demoAdminKey(
  db: Kysely<DB>,
  file: string,
  seeded: { companyId: number; key: string } | null,
): Promise<{ companyId: number; key: string; note: string } | null> {
  const { authenticateApiKey, createApiKey, listApiKeys, revokeApiKey } = await import('../modules/auth/auth.service.js');
  const { getCompanies } = await import('../modules/companies/companies.service.js');
  const save = (key: string) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${key}\n`, { mode: 0o600 });
  };
  const shown = path.relative(process.cwd(), file) || file;
  if (seeded) {
    save(seeded.key);
    return { ...seeded, note: `(new demo data; kept in ${shown} and shown again at every start)` };
  }
  const [first] = await getCompanies(db);
  if (!first) return null;
  const saved = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() : '';
  if (saved) {
    const principal = await authenticateApiKey(db, saved).catch(() => null);
    if (principal && principal.companyId === first.id && principal.role === 'admin') {
      return { companyId: first.id, key: saved, note: `(the same key as at earlier starts, kept in ${shown})` };
    }
  }
  const earlier = (await listApiKeys(db, first.id)).filter((k) => k.name === DEMO_KEY_NAME && k.revokedAt === null);
  const { key } = await createApiKey(db, { companyId: first.id, role: 'admin', name: DEMO_KEY_NAME });
  for (const k of earlier) await revokeApiKey(db, first.id, k.id);
  save(key);
  const revoked = earlier.length ? `; ${earlier.length} earlier "${DEMO_KEY_NAME}" key${earlier.length > 1 ? 's' : ''} revoked` : '';
  return { companyId: first.id, key, note: `(new: ${saved ? 'the saved key no longer opens this database' : `no key saved in ${shown}`}${revoked}; kept for the next start)` };
}
