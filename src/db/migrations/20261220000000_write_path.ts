import { type Kysely, sql } from 'kysely';

/**
 * Concurrency-safe write path (issue 9, items 3 and 4):
 *
 * 1. Idempotency keys get a scope: `event` (ids sent by the chat product), `live` (a live turn:
 *    session and message id, each with `%` and `:` escaped, joined by `:`) and `upload` (an
 *    upload's record). Before, `live:<session>:<message>` let ("S:x", "y") and ("S", "x:y")
 *    collide, and a client event id could take a live turn's key. Stored keys keep their
 *    meaning: every old key stays in the `event` scope as it was; old live keys are also
 *    stored in the `live` scope, split by the message they stored (an ambiguous key stored only
 *    one message); old upload keys are also stored in the `upload` scope, so a resumed upload
 *    still skips what it stored.
 * 2. A message's position in its session is unique: `(company_id, session_id, seq)`. Positions
 *    left duplicated or with gaps by concurrent writers before are renumbered first (by
 *    position, then time, then id), and message counts that drifted are recounted.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('ingested_events_scoped')
    .addColumn('company_id', 'integer', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ingested_events_scoped_pk', ['company_id', 'scope', 'event_id'])
    .execute();
  await sql`insert into ingested_events_scoped (company_id, scope, event_id, type, received_at)
            select company_id, 'event', event_id, type, received_at from ingested_events`.execute(db);
  await sql`insert into ingested_events_scoped (company_id, scope, event_id, type, received_at)
            select company_id, 'upload', event_id, type, received_at from ingested_events where event_id like 'upload:%'`.execute(db);
  const escaped = (col: string) => sql.raw(`replace(replace(${col}, '%', '%25'), ':', '%3A')`);
  await sql`insert into ingested_events_scoped (company_id, scope, event_id, type, received_at)
            select e.company_id, 'live', ${escaped('m.session_id')} || ':' || ${escaped('m.id')}, e.type, e.received_at
            from messages m
            join ingested_events e on e.company_id = m.company_id and e.event_id = 'live:' || m.session_id || ':' || m.id
            where m.source = 'live'`.execute(db);
  await db.schema.dropTable('ingested_events').execute();
  await db.schema.alterTable('ingested_events_scoped').renameTo('ingested_events').execute();

  const broken = await sql<{ company_id: number; session_id: string }>`
    select company_id, session_id from messages group by company_id, session_id
    having count(*) <> count(distinct seq) or min(seq) <> 0 or max(seq) <> count(*) - 1`.execute(db);
  for (const b of broken.rows) {
    const rows = await sql<{ id: string }>`
      select id from messages where company_id = ${b.company_id} and session_id = ${b.session_id} order by seq, created_at, id`.execute(db);
    for (const [i, r] of rows.rows.entries()) {
      await sql`update messages set seq = ${i} where company_id = ${b.company_id} and id = ${r.id}`.execute(db);
    }
  }
  const drifted = await sql<{ company_id: number; id: string; n: number }>`
    select s.company_id, s.id, count(m.id) as n from chat_sessions s
    left join messages m on m.company_id = s.company_id and m.session_id = s.id
    group by s.company_id, s.id, s.message_count having count(m.id) <> s.message_count`.execute(db);
  for (const d of drifted.rows) {
    await sql`update chat_sessions set message_count = ${Number(d.n)} where company_id = ${d.company_id} and id = ${d.id}`.execute(db);
  }
  await db.schema.dropIndex('messages_session').execute();
  await db.schema.createIndex('messages_session_seq').on('messages').columns(['company_id', 'session_id', 'seq']).unique().execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('messages_session_seq').execute();
  await db.schema.createIndex('messages_session').on('messages').columns(['company_id', 'session_id', 'seq']).execute();
  await db.schema
    .createTable('ingested_events_unscoped')
    .addColumn('company_id', 'integer', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ingested_events_pk', ['company_id', 'event_id'])
    .execute();
  await sql`insert into ingested_events_unscoped (company_id, event_id, type, received_at)
            select company_id, event_id, type, received_at from ingested_events where scope = 'event'`.execute(db);
  await db.schema.dropTable('ingested_events').execute();
  await db.schema.alterTable('ingested_events_unscoped').renameTo('ingested_events').execute();
}
