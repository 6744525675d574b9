/** `migrate`, `companies create`, `accounts create`, `keys create`. */
import type { Command } from 'commander';
import { openDatabase } from '../db/connect.js';
import { migrateToLatest } from '../db/migrate.js';
import { ACCOUNT_ROLES, type AccountRole, KEY_ROLES, type KeyRole } from '../modules/auth/auth.js';
import { createAccount, createApiKey } from '../modules/auth/auth.service.js';
import { createCompany } from '../modules/companies/companies.service.js';
import { databaseTarget, parseId, withDatabaseOptions, withRuntime } from './options.js';

export function registerAdmin(program: Command): void {
  withDatabaseOptions(program.command('migrate').description('Create or upgrade the database schema')).action(async (opts) => {
    const database = await openDatabase(databaseTarget(opts));
    try {
      const applied = await migrateToLatest(database.db, database.dialect);
      process.stderr.write(applied.length ? `applied ${applied.join(', ')}\n` : 'database is up to date\n');
    } finally {
      await database.close();
    }
  });

  const companies = program.command('companies').description('Manage companies');
  withDatabaseOptions(companies.command('create').description('Create a company; prints its id').requiredOption('--name <name>', 'company name')).action(
    async (opts) => {
      await withRuntime(opts, async ({ database }) => {
        const c = await createCompany(database.db, opts.name);
        process.stdout.write(`${c.id}\n`);
      });
    },
  );

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
    await withRuntime(opts, async ({ database }) => {
      const { key } = await createApiKey(database.db, {
        companyId: opts.platformAdmin ? null : parseId(opts.company, '--company'),
        role: (opts.role ?? 'admin') as KeyRole,
        name: opts.name ?? null,
      });
      process.stdout.write(`${key}\n`);
    });
  });
}
