/** Opens what every entry point needs: the database (migrated) and the analysis engine. */
import { builtinEngine } from './analysis/engine.js';
import type { AnalysisEngine } from './analysis/types.js';
import { type Database, type DatabaseTarget, openDatabase } from './db/connect.js';
import { migrateToLatest } from './db/migrate.js';

export interface Runtime {
  database: Database;
  engine: AnalysisEngine;
  close(): Promise<void>;
}

export async function openRuntime(target: DatabaseTarget, options: { migrate?: boolean } = {}): Promise<Runtime> {
  if (options.migrate !== false) {
    // A migration may rewrite a large table: it runs on its own connection, free of the
    // statement time-out that bounds the server's requests.
    const maintenance = await openDatabase({ ...target, timeouts: { connectTimeoutMs: target.timeouts?.connectTimeoutMs } });
    try {
      await migrateToLatest(maintenance.db, maintenance.dialect);
    } finally {
      await maintenance.close();
    }
  }
  const database = await openDatabase(target);
  return { database, engine: builtinEngine, close: () => database.close() };
}
