/**
 * An operator's day on the database itself: `migrate`, `companies create | list`,
 * `accounts create | list | deactivate | activate`, `keys create | list | revoke`.
 * Services are loaded when a command runs, so `chatlens --help` stays fast.
 *
 * @example
 *   npx chatlens companies list
 *   npx chatlens keys list --company 1
 *   npx chatlens keys revoke 7 --company 1
 *   npx chatlens accounts deactivate 3 --company 1
 */
import type { Command } from 'commander';
import { ACCOUNT_ROLES, type AccountRole, KEY_ROLES, type KeyRole } from '../modules/auth/roles.js';
import { databaseTarget, parseId, printRows, withDatabaseOptions, withRuntime } from './options.js';

/** `--company <id>` or `--platform-admin` (no company), exactly one of them. */
function companyOrPlatform(opts: { company?: string; platformAdmin?: boolean }): number | null {
  if (opts.platformAdmin && opts.company) throw new Error('give --company or --platform-admin, not both');
  if (opts.platformAdmin) return null;
  if (!opts.company) throw new Error('give --company <id>, or --platform-admin for keys that belong to no company');
  return parseId(opts.company, '--company');
}

export function registerAdmin(program: Command): void {
  withDatabaseOptions(program.command('migrate').description('Create or upgrade the database schema')).action(async (opts) => {
    const { openDatabase } = await import('../db/connect.js');
    const { migrateToLatest } = await import('../db/migrate.js');
    const database = await openDatabase(databaseTarget(opts));
    try {
      const applied = await migrateToLatest(database.db, database.dialect);
      process.stderr.write(applied.length ? `applied ${applied.join(', ')}\n` : 'database is up to date\n');
    } finally {
      await database.close();
    }
  });

  // ── companies ──────────────────────────────────────────────────────────────────────────────
  const companies = program.command('companies').description('Manage companies');
  withDatabaseOptions(companies.command('create').description('Create a company; prints its id').requiredOption('--name <name>', 'company name')).action(
    async (opts) => {
      const { createCompany } = await import('../modules/companies/companies.service.js');
      await withRuntime(opts, async ({ database }) => {
        const c = await createCompany(database.db, opts.name);
        process.stdout.write(`${c.id}\n`);
      });
    },
  );
  withDatabaseOptions(companies.command('list').description('List every company with its policy preset').option('--json', 'print a JSON array')).action(
    async (opts) => {
      const { getCompanies } = await import('../modules/companies/companies.service.js');
      await withRuntime(opts, async ({ database }) => {
        const rows = (await getCompanies(database.db)).map((c) => ({ id: c.id, name: c.name, preset: c.policy.preset, createdAt: c.createdAt }));
        printRows(rows, { id: 'id', name: 'name', preset: 'policy', createdAt: 'created' }, opts.json);
      });
    },
  );

  // ── accounts ───────────────────────────────────────────────────────────────────────────────
  const accounts = program.command('accounts').description('Manage dashboard accounts');
  withDatabaseOptions(
    accounts
      .command('create')
      .description('Create an account; prints its id')
      .requiredOption('--company <id>', 'company id')
      .requiredOption('--email <email>', 'sign-in email')
      .requiredOption('--role <role>', `one of ${ACCOUNT_ROLES.join(', ')}`)
      .requiredOption('--password <password>', 'at least 8 characters'),
  ).action(async (opts) => {
    if (!ACCOUNT_ROLES.includes(opts.role)) throw new Error(`--role must be one of ${ACCOUNT_ROLES.join(', ')}`);
    const { createAccount } = await import('../modules/auth/auth.service.js');
    await withRuntime(opts, async ({ database }) => {
      const a = await createAccount(database.db, {
        companyId: parseId(opts.company, '--company'),
        email: opts.email,
        role: opts.role as AccountRole,
        password: opts.password,
      });
      process.stdout.write(`${a.id}\n`);
    });
  });
  withDatabaseOptions(
    accounts
      .command('list')
      .description('List dashboard accounts (of one company, or of every company)')
      .option('--company <id>', 'only this company')
      .option('--json', 'print a JSON array'),
  ).action(async (opts) => {
    const { listAccounts } = await import('../modules/auth/auth.service.js');
    const { getCompanies } = await import('../modules/companies/companies.service.js');
    await withRuntime(opts, async ({ database }) => {
      const ids = opts.company ? [parseId(opts.company, '--company')] : (await getCompanies(database.db)).map((c) => c.id);
      const rows = (await Promise.all(ids.map((id) => listAccounts(database.db, id)))).flat();
      printRows(rows, { id: 'id', companyId: 'company', email: 'email', role: 'role', active: 'active', createdAt: 'created' }, opts.json);
    });
  });
  for (const [verb, active] of [
    ['deactivate', false],
    ['activate', true],
  ] as const) {
    withDatabaseOptions(
      accounts
        .command(verb)
        .description(active ? 'Let an account sign in again' : 'Stop an account from signing in; ends its dashboard sessions at once')
        .argument('<id>', 'account id (see accounts list)')
        .requiredOption('--company <id>', 'the company the account belongs to'),
    ).action(async (id: string, opts) => {
      const accountId = parseId(id, 'account id');
      const companyId = parseId(opts.company, '--company');
      const { updateAccount } = await import('../modules/auth/auth.service.js');
      await withRuntime(opts, async ({ database }) => {
        const a = await updateAccount(database.db, companyId, accountId, { active });
        process.stderr.write(`account ${a.id} (${a.email}) is ${a.active ? 'active' : 'deactivated'}\n`);
      });
    });
  }

  // ── keys ───────────────────────────────────────────────────────────────────────────────────
  const keys = program.command('keys').description('Manage API keys');
  withDatabaseOptions(
    keys
      .command('create')
      .description('Create an API key; prints the key (shown only once)')
      .option('--company <id>', 'company id')
      .option('--role <role>', `one of ${KEY_ROLES.join(', ')}`)
      .option('--platform-admin', 'a key with no company that may act on every company')
      .option('--name <name>', 'a label to recognise the key by'),
  ).action(async (opts) => {
    if (opts.platformAdmin && (opts.company || (opts.role && opts.role !== 'admin'))) {
      throw new Error('--platform-admin takes neither --company nor a --role other than admin');
    }
    if (!opts.platformAdmin && (!opts.company || !opts.role)) throw new Error('give --company and --role, or --platform-admin');
    if (opts.role && !KEY_ROLES.includes(opts.role)) throw new Error(`--role must be one of ${KEY_ROLES.join(', ')}`);
    const { createApiKey } = await import('../modules/auth/auth.service.js');
    await withRuntime(opts, async ({ database }) => {
      const { key } = await createApiKey(database.db, {
        companyId: opts.platformAdmin ? null : parseId(opts.company, '--company'),
        role: (opts.role ?? 'admin') as KeyRole,
        name: opts.name ?? null,
      });
      process.stdout.write(`${key}\n`);
    });
  });
  withDatabaseOptions(
    keys
      .command('list')
      .description('List API keys (never the keys themselves): of one company, the platform keys, or all')
      .option('--company <id>', 'only this company')
      .option('--platform-admin', 'only platform keys (no company)')
      .option('--json', 'print a JSON array'),
  ).action(async (opts) => {
    const { listApiKeys } = await import('../modules/auth/auth.service.js');
    const { getCompanies } = await import('../modules/companies/companies.service.js');
    await withRuntime(opts, async ({ database }) => {
      const owners: (number | null)[] =
        opts.company || opts.platformAdmin ? [companyOrPlatform(opts)] : [null, ...(await getCompanies(database.db)).map((c) => c.id)];
      const rows = (await Promise.all(owners.map((id) => listApiKeys(database.db, id)))).flat();
      printRows(
        rows,
        { id: 'id', companyId: 'company', role: 'role', name: 'name', prefix: 'prefix', createdAt: 'created', lastUsedAt: 'last used', revokedAt: 'revoked' },
        opts.json,
      );
    });
  });
  withDatabaseOptions(
    keys
      .command('revoke')
      .description('Revoke an API key: requests with it are refused from now on')
      .argument('<id>', 'key id (see keys list)')
      .option('--company <id>', 'the company the key belongs to')
      .option('--platform-admin', 'the key is a platform key (no company)'),
  ).action(async (id: string, opts) => {
    const keyId = parseId(id, 'key id');
    const owner = companyOrPlatform(opts);
    const { revokeApiKey } = await import('../modules/auth/auth.service.js');
    await withRuntime(opts, async ({ database }) => {
      await revokeApiKey(database.db, owner, keyId);
      process.stderr.write(`key ${keyId} revoked\n`);
    });
  });
}
