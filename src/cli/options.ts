/**
 * What every command shares: which database to use, opening the runtime, parsing ids, printing
 * tables. Imports nothing heavy: `chatlens --help` loads the command files and commander only,
 * and each command loads the server's modules when it runs (`await import(...)` in its action).
 */
import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import type { DatabaseTarget } from '../db/connect.js';
import type { Runtime } from '../runtime.js';

export function withDatabaseOptions(cmd: Command): Command {
  return cmd
    .option('--db <file>', 'SQLite database file (default ./data/chatlens.db)')
    .option('--database-url <url>', 'PostgreSQL URL (or set DATABASE_URL)');
}

export function databaseTarget(opts: { db?: string; databaseUrl?: string }): DatabaseTarget {
  const config = loadConfig();
  if (opts.databaseUrl) return { databaseUrl: opts.databaseUrl };
  if (opts.db) return { sqlitePath: opts.db };
  return config.databaseUrl ? { databaseUrl: config.databaseUrl } : { sqlitePath: config.sqlitePath };
}

/** Opens the runtime (migrated), runs `fn`, always closes; errors propagate so the process exits non-zero. */
export async function withRuntime<T>(opts: { db?: string; databaseUrl?: string }, fn: (rt: Runtime) => Promise<T>): Promise<T> {
  const { openRuntime } = await import('../runtime.js');
  const rt = await openRuntime(databaseTarget(opts));
  try {
    return await fn(rt);
  } finally {
    await rt.close();
  }
}

export function parseId(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${name} must be a positive integer (got "${value}")`);
  return n;
}

/** Rows as an aligned text table (one header line), or one JSON array with `--json`. */
export function printRows<T extends object>(rows: T[], columns: { [K in keyof T]?: string }, json?: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(rows)}\n`);
    return;
  }
  const keys = Object.keys(columns) as (keyof T)[];
  const cell = (v: unknown) => (v === null || v === undefined ? '-' : String(v));
  const table = [keys.map((k) => columns[k]!), ...rows.map((r) => keys.map((k) => cell(r[k])))];
  const widths = keys.map((_, i) => Math.max(...table.map((line) => line[i].length)));
  for (const line of table) process.stdout.write(`${line.map((c, i) => (i === line.length - 1 ? c : c.padEnd(widths[i]))).join('  ')}\n`);
}
