/** Options every command shares: which database to use. */
import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import type { DatabaseTarget } from '../db/connect.js';
import { type Runtime, openRuntime } from '../runtime.js';

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

/** Opens the runtime, runs `fn`, always closes; errors propagate so the process exits non-zero. */
export async function withRuntime<T>(opts: { db?: string; databaseUrl?: string }, fn: (rt: Runtime) => Promise<T>): Promise<T> {
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
