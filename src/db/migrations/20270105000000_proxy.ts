import type { Kysely } from 'kysely';

/**
 * The OpenAI-compatible proxy (issue 12):
 * - `proxy_upstreams`: a company's upstream (base URL, model allow-list, the upstream API key
 *   sealed with AES-256-GCM, never stored in clear) and its guardrail mode;
 * - `proxy_threads`: which session a conversation re-sent without `X-Chatlens-Session-Id` belongs
 *   to, keyed by a digest of its opening (end user, first user message, first answer).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('proxy_upstreams')
    .addColumn('company_id', 'integer', (c) => c.notNull().primaryKey())
    .addColumn('base_url', 'text')
    .addColumn('models', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('api_key_sealed', 'text')
    .addColumn('guardrails', 'text', (c) => c.notNull().defaultTo('block'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('proxy_threads')
    .addColumn('company_id', 'integer', (c) => c.notNull())
    .addColumn('thread_key', 'text', (c) => c.notNull())
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('proxy_threads_pk', ['company_id', 'thread_key'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('proxy_threads').execute();
  await db.schema.dropTable('proxy_upstreams').execute();
}
