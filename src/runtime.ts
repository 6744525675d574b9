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
  const database = await openDatabase(target);
  try {
    if (options.migrate !== false) await migrateToLatest(database.db, database.dialect);
  } catch (err) {
    await database.close();
    throw err;
  }
  return { database, engine: builtinEngine, close: () => database.close() };
}
