import type { Kysely } from 'kysely';

/**
 * Token usage and latency of a message (issue 12, section 3): prompt and completion tokens and
 * milliseconds to the complete answer, as the chat product, the proxy or an OpenTelemetry span
 * reported them. Nullable: most traffic so far never said, and unknown is not zero.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('messages').addColumn('input_tokens', 'integer').execute();
  await db.schema.alterTable('messages').addColumn('output_tokens', 'integer').execute();
  await db.schema.alterTable('messages').addColumn('latency_ms', 'integer').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of ['latency_ms', 'output_tokens', 'input_tokens']) await db.schema.alterTable('messages').dropColumn(column).execute();
}
