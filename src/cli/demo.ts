/** `seed-demo` and `rollups verify`. */
import type { Command } from 'commander';
import { parseId, withDatabaseOptions, withRuntime } from './options.js';

export function registerDemo(program: Command): void {
  withDatabaseOptions(
    program
      .command('seed-demo')
      .description('Load realistic multi-company demo traffic, analysed by the real engine')
      .option('--companies <n>', 'number of companies', '3')
      .option('--days <n>', 'days of history ending today', '90'),
  ).action(async (opts) => {
    const companies = Number(opts.companies);
    const days = Number(opts.days);
    if (!Number.isInteger(companies) || companies < 1 || companies > 50) throw new Error('--companies must be an integer from 1 to 50');
    if (!Number.isInteger(days) || days < 1 || days > 365) throw new Error('--days must be an integer from 1 to 365');
    const { seedDemo } = await import('../demo/seed.js');
    await withRuntime(opts, async ({ database, engine }) => {
      const r = await seedDemo(database.db, engine, { companies, days });
      process.stderr.write(`loaded ${r.events} events for companies ${r.companies.map((c) => `${c.id} (${c.name})`).join(', ')}\n`);
      process.stdout.write(`${r.adminKey}\n`);
      process.stderr.write(`dashboard sign-in: ${r.adminEmail} / ${r.adminPassword} (analyst: ${r.analystEmail})\n`);
    });
  });

  const rollups = program.command('rollups').description('Daily rollups');
  withDatabaseOptions(
    rollups.command('verify').description('Recompute every rollup from raw rows; exits non-zero on any difference').option('--company <id>', 'only this company'),
  ).action(async (opts) => {
    const companies = opts.company ? [parseId(opts.company, '--company')] : undefined;
    const { verifyRollups } = await import('../modules/rollups/verify.js');
    await withRuntime(opts, async ({ database }) => {
      const diffs = await verifyRollups(database.db, companies);
      if (diffs.length === 0) {
        process.stdout.write('rollups verified: no differences\n');
        return;
      }
      for (const d of diffs.slice(0, 50)) {
        process.stdout.write(`company ${d.companyId} ${d.key}: stored ${d.stored ?? '-'} recomputed ${d.recomputed ?? '-'}\n`);
      }
      process.stdout.write(`${diffs.length} difference(s)\n`);
      process.exitCode = 1;
    });
  });
}
