/**
 * Kysely's SQLite driver asks better-sqlite3 to prepare every statement it runs, each time it
 * runs it (13 % of the server's CPU during ingestion, measured). Texts seen before get their
 * prepared statement back instead. A statement still being iterated (a streamed query) is busy,
 * so that caller gets a fresh one.
 */
import type Database from 'better-sqlite3';

/** Distinct statement texts kept prepared; the hot paths use a few dozen. */
const MAX_STATEMENTS = 500;

export function reusePreparedStatements(database: Database.Database, max: number = MAX_STATEMENTS): void {
  const prepare = database.prepare.bind(database);
  const cache = new Map<string, Database.Statement>();
  database.prepare = ((source: string) => {
    const hit = cache.get(source);
    if (hit && !hit.busy) {
      // Most recently used last, so the least used go first when the cache is full.
      cache.delete(source);
      cache.set(source, hit);
      return hit;
    }
    const statement = prepare(source);
    if (!hit) {
      cache.set(source, statement);
      if (cache.size > max) cache.delete(cache.keys().next().value as string);
    }
    return statement;
  }) as typeof database.prepare;
}
