import { type Kysely, sql } from 'kysely';
import type { ChatlensDialect } from '../dialect/dialect.js';

/** Every table leads with company_id, so the schema can be distributed by company unchanged. */
export async function up(db: Kysely<unknown>, d: ChatlensDialect): Promise<void> {
  const counter = d.counterType;

  await db.schema
    .createTable('companies')
    .addColumn('id', 'integer', (c) => d.autoIncrementPrimaryKey(c))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('policy', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('accounts')
    .addColumn('id', 'integer', (c) => d.autoIncrementPrimaryKey(c))
    .addColumn('company_id', 'integer', (c) => c.notNull().references('companies.id'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // Emails sign in without naming a company, so they are unique across the installation.
  await db.schema.createIndex('accounts_email').on('accounts').column('email').unique().execute();
  await db.schema.createIndex('accounts_company').on('accounts').columns(['company_id', 'id']).execute();

  await db.schema
    .createTable('api_keys')
    .addColumn('id', 'integer', (c) => d.autoIncrementPrimaryKey(c))
    .addColumn('company_id', 'integer', (c) => c.references('companies.id'))
    .addColumn('lookup', 'text', (c) => c.notNull().unique())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('last_used_at', 'text')
    .execute();
  await db.schema.createIndex('api_keys_company').on('api_keys').columns(['company_id', 'id']).execute();

  await db.schema
    .createTable('web_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'integer', (c) => c.notNull())
    .addColumn('account_id', 'integer', (c) => c.notNull())
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('ingested_events')
    .addColumn('company_id', 'integer', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ingested_events_pk', ['company_id', 'event_id'])
    .execute();

  await db.schema
    .createTable('chat_sessions')
    .addColumn('company_id', 'integer', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_activity_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .addColumn('ended_reason', 'text')
    .addColumn('message_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_message', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('upload_id', 'integer')
    .addPrimaryKeyConstraint('chat_sessions_pk', ['company_id', 'id'])
    .execute();
  // The monitor's read path: newest activity first, ties by id.
  await db.schema
    .createIndex('chat_sessions_activity')
    .on('chat_sessions')
    .columns(['company_id', 'last_activity_at', 'id'])
    .execute();
  await db.schema.createIndex('chat_sessions_created').on('chat_sessions').columns(['company_id', 'created_at']).execute();

  await db.schema
    .createTable('messages')
    .addColumn('company_id', 'integer', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('model', 'text')
    .addColumn('documents', 'text')
    .addColumn('tools', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('analyzed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('engine_version', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('upload_id', 'integer')
    .addPrimaryKeyConstraint('messages_pk', ['company_id', 'id'])
    .execute();
  await db.schema.createIndex('messages_session').on('messages').columns(['company_id', 'session_id', 'seq']).execute();

  await db.schema
    .createTable('findings')
    .addColumn('id', 'integer', (c) => d.autoIncrementPrimaryKey(c))
    .addColumn('company_id', 'integer', (c) => c.notNull())
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('subtype', 'text', (c) => c.notNull())
    .addColumn('score', 'real', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('spans', 'text', (c) => c.notNull())
    .addColumn('explanation', 'text', (c) => c.notNull())
    .addColumn('detector', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('findings_message').on('findings').columns(['company_id', 'message_id']).execute();
  await db.schema.createIndex('findings_day').on('findings').columns(['company_id', 'day', 'subtype']).execute();

  await db.schema
    .createTable('feedback')
    .addColumn('company_id', 'integer', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('feedback_pk', ['company_id', 'id'])
    .execute();
  await db.schema.createIndex('feedback_message').on('feedback').columns(['company_id', 'message_id']).execute();

  await db.schema
    .createTable('connections')
    .addColumn('company_id', 'integer', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('connections_pk', ['company_id', 'id'])
    .execute();

  await db.schema
    .createTable('end_users')
    .addColumn('company_id', 'integer', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('first_seen_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('last_connection_at', 'text')
    .addPrimaryKeyConstraint('end_users_pk', ['company_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('monitor_cursors')
    .addColumn('company_id', 'integer', (c) => c.notNull())
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('last_activity_at', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('monitor_cursors_pk', ['company_id', 'session_id'])
    .execute();

  await db.schema
    .createTable('uploads')
    .addColumn('id', 'integer', (c) => d.autoIncrementPrimaryKey(c))
    .addColumn('company_id', 'integer', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('format', 'text')
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size_bytes', counter, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('bytes_processed', counter, (c) => c.notNull().defaultTo(0))
    .addColumn('lines_processed', counter, (c) => c.notNull().defaultTo(0))
    .addColumn('turns_processed', counter, (c) => c.notNull().defaultTo(0))
    .addColumn('sessions_created', counter, (c) => c.notNull().defaultTo(0))
    .addColumn('error_count', counter, (c) => c.notNull().defaultTo(0))
    .addColumn('errors', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('message', 'text')
    .addColumn('storage_path', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('uploads_company').on('uploads').columns(['company_id', 'id']).execute();
  await db.schema.createIndex('uploads_sha').on('uploads').columns(['company_id', 'sha256']).execute();
  await db.schema.createIndex('uploads_status').on('uploads').columns(['status', 'lease_until']).execute();

  await db.schema
    .createTable('daily_rollups')
    .addColumn('company_id', 'integer', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('turns_analyzed', counter, (c) => c.notNull().defaultTo(0))
    .addColumn('hallucination_flagged', counter, (c) => c.notNull().defaultTo(0))
    .addColumn('bias_flagged', counter, (c) => c.notNull().defaultTo(0))
    .addColumn('toxicity_flagged', counter, (c) => c.notNull().defaultTo(0))
    .addColumn('issues', counter, (c) => c.notNull().defaultTo(0))
    .addColumn('sessions_count', counter, (c) => c.notNull().defaultTo(0))
    .addColumn('session_messages', counter, (c) => c.notNull().defaultTo(0))
    .addColumn('user_queries', counter, (c) => c.notNull().defaultTo(0))
    .addColumn('model_responses', counter, (c) => c.notNull().defaultTo(0))
    .addColumn('model_responses_with_docs', counter, (c) => c.notNull().defaultTo(0))
    .addColumn('last_model_response_at', 'text')
    .addColumn('likes', counter, (c) => c.notNull().defaultTo(0))
    .addColumn('dislikes', counter, (c) => c.notNull().defaultTo(0))
    .addColumn('copies', counter, (c) => c.notNull().defaultTo(0))
    .addColumn('uploads', counter, (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('daily_rollups_pk', ['company_id', 'day'])
    .execute();

  const keyed = [
    ['daily_subtypes', 'subtype', 'text'],
    ['daily_models', 'model', 'text'],
    ['daily_tools', 'tool_name', 'text'],
  ] as const;
  for (const [table, key, type] of keyed) {
    await db.schema
      .createTable(table)
      .addColumn('company_id', 'integer', (c) => c.notNull())
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn(key, type, (c) => c.notNull())
      .addColumn('count', counter, (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint(`${table}_pk`, ['company_id', 'day', key])
      .execute();
  }

  await db.schema
    .createTable('daily_documents')
    .addColumn('company_id', 'integer', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('document_id', counter, (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('count', counter, (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('daily_documents_pk', ['company_id', 'day', 'document_id'])
    .execute();

  await db.schema
    .createTable('daily_users')
    .addColumn('company_id', 'integer', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('user_queries', counter, (c) => c.notNull().defaultTo(0))
    .addColumn('last_connection_at', 'text')
    .addPrimaryKeyConstraint('daily_users_pk', ['company_id', 'day', 'user_id'])
    .execute();

  void sql;
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'daily_users', 'daily_documents', 'daily_tools', 'daily_models', 'daily_subtypes', 'daily_rollups',
    'uploads', 'monitor_cursors', 'end_users', 'connections', 'feedback', 'findings', 'messages',
    'chat_sessions', 'ingested_events', 'web_sessions', 'api_keys', 'accounts', 'companies',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
