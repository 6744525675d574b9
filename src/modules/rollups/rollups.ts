/**
 * Daily counters, collected in memory while raw rows are written and applied in the same
 * transaction. Reports then read O(days) rows whatever the traffic.
 */
import { sql } from 'kysely';
import type { DailyRollupsTable, Executor } from '../../db/database.js';

export type Counter = Exclude<keyof DailyRollupsTable, 'company_id' | 'day' | 'last_model_response_at'>;

export const COUNTERS: readonly Counter[] = [
  'turns_analyzed',
  'hallucination_flagged',
  'bias_flagged',
  'toxicity_flagged',
  'issues',
  'sessions_count',
  'session_messages',
  'user_queries',
  'model_responses',
  'model_responses_with_docs',
  'likes',
  'dislikes',
  'copies',
  'uploads',
];

interface DayCounters {
  counters: Partial<Record<Counter, number>>;
  lastModelResponseAt: string | null;
}

export class RollupBatch {
  readonly daily = new Map<string, DayCounters>();
  readonly subtypes = new Map<string, number>();
  readonly models = new Map<string, number>();
  readonly tools = new Map<string, number>();
  readonly documents = new Map<string, { filename: string; title: string | null; count: number }>();
  readonly users = new Map<string, { queries: number; lastConnectionAt: string | null }>();

  constructor(readonly companyId: number) {}

  private day(day: string): DayCounters {
    let d = this.daily.get(day);
    if (!d) this.daily.set(day, (d = { counters: {}, lastModelResponseAt: null }));
    return d;
  }

  add(day: string, counter: Counter, n = 1): void {
    const d = this.day(day);
    d.counters[counter] = (d.counters[counter] ?? 0) + n;
  }

  modelResponseAt(day: string, at: string): void {
    const d = this.day(day);
    if (!d.lastModelResponseAt || at > d.lastModelResponseAt) d.lastModelResponseAt = at;
  }

  subtype(day: string, subtype: string): void {
    bump(this.subtypes, `${day}\u0000${subtype}`);
  }

  model(day: string, model: string): void {
    bump(this.models, `${day}\u0000${model}`);
  }

  tool(day: string, name: string): void {
    bump(this.tools, `${day}\u0000${name}`);
  }

  document(day: string, id: number, filename: string, title: string | null): void {
    const k = `${day}\u0000${id}`;
    const d = this.documents.get(k);
    if (d) {
      d.count++;
      d.filename = filename;
      d.title = title;
    } else this.documents.set(k, { filename, title, count: 1 });
  }

  user(day: string, userId: string, queries: number, connectionAt: string | null): void {
    const k = `${day}\u0000${userId}`;
    const u = this.users.get(k);
    if (u) {
      u.queries += queries;
      if (connectionAt && (!u.lastConnectionAt || connectionAt > u.lastConnectionAt)) u.lastConnectionAt = connectionAt;
    } else this.users.set(k, { queries, lastConnectionAt: connectionAt });
  }

  /** Adds another batch's counts into this one (used to keep a rejected event's counts out). */
  merge(other: RollupBatch): void {
    for (const [day, d] of other.daily) {
      for (const [c, n] of Object.entries(d.counters)) this.add(day, c as Counter, n);
      if (d.lastModelResponseAt) this.modelResponseAt(day, d.lastModelResponseAt);
    }
    for (const [k, n] of other.subtypes) bump(this.subtypes, k, n);
    for (const [k, n] of other.models) bump(this.models, k, n);
    for (const [k, n] of other.tools) bump(this.tools, k, n);
    for (const [k, d] of other.documents) {
      const mine = this.documents.get(k);
      if (mine) {
        mine.count += d.count;
        mine.filename = d.filename;
        mine.title = d.title;
      } else this.documents.set(k, { ...d });
    }
    for (const [k, u] of other.users) {
      const [day, userId] = k.split('\u0000');
      this.user(day, userId, u.queries, u.lastConnectionAt);
    }
  }

  get empty(): boolean {
    return (
      this.daily.size + this.subtypes.size + this.models.size + this.tools.size + this.documents.size + this.users.size === 0
    );
  }

  /** Upserts every counter; call inside the transaction that wrote the raw rows. */
  async apply(db: Executor): Promise<void> {
    const company_id = this.companyId;
    // Keys are applied in sorted order so concurrent transactions lock rollup rows in the same
    // order and cannot deadlock on each other.
    for (const [day, d] of sorted(this.daily)) {
      const values: Record<string, unknown> = { company_id, day, last_model_response_at: d.lastModelResponseAt };
      for (const c of COUNTERS) values[c] = d.counters[c] ?? 0;
      await db
        .insertInto('daily_rollups')
        .values(values as never)
        .onConflict((oc) =>
          oc.columns(['company_id', 'day']).doUpdateSet((eb) => {
            const set: Record<string, unknown> = {
              last_model_response_at: sql`case when excluded.last_model_response_at is not null and (daily_rollups.last_model_response_at is null or excluded.last_model_response_at > daily_rollups.last_model_response_at) then excluded.last_model_response_at else daily_rollups.last_model_response_at end`,
            };
            for (const c of COUNTERS) {
              if (d.counters[c]) set[c] = eb(`daily_rollups.${c}`, '+', eb.ref(`excluded.${c}`));
            }
            return set as never;
          }),
        )
        .execute();
    }
    for (const [k, count] of sorted(this.subtypes)) {
      const [day, subtype] = k.split('\u0000');
      await db
        .insertInto('daily_subtypes')
        .values({ company_id, day, subtype, count })
        .onConflict((oc) => oc.columns(['company_id', 'day', 'subtype']).doUpdateSet((eb) => ({ count: eb('daily_subtypes.count', '+', eb.ref('excluded.count')) })))
        .execute();
    }
    for (const [k, count] of sorted(this.models)) {
      const [day, model] = k.split('\u0000');
      await db
        .insertInto('daily_models')
        .values({ company_id, day, model, count })
        .onConflict((oc) => oc.columns(['company_id', 'day', 'model']).doUpdateSet((eb) => ({ count: eb('daily_models.count', '+', eb.ref('excluded.count')) })))
        .execute();
    }
    for (const [k, count] of sorted(this.tools)) {
      const [day, tool_name] = k.split('\u0000');
      await db
        .insertInto('daily_tools')
        .values({ company_id, day, tool_name, count })
        .onConflict((oc) => oc.columns(['company_id', 'day', 'tool_name']).doUpdateSet((eb) => ({ count: eb('daily_tools.count', '+', eb.ref('excluded.count')) })))
        .execute();
    }
    for (const [k, d] of sorted(this.documents)) {
      const [day, id] = k.split('\u0000');
      await db
        .insertInto('daily_documents')
        .values({ company_id, day, document_id: Number(id), filename: d.filename, title: d.title, count: d.count })
        .onConflict((oc) =>
          oc.columns(['company_id', 'day', 'document_id']).doUpdateSet((eb) => ({
            count: eb('daily_documents.count', '+', eb.ref('excluded.count')),
            filename: eb.ref('excluded.filename'),
            title: eb.ref('excluded.title'),
          })),
        )
        .execute();
    }
    for (const [k, u] of sorted(this.users)) {
      const [day, user_id] = k.split('\u0000');
      await db
        .insertInto('daily_users')
        .values({ company_id, day, user_id, user_queries: u.queries, last_connection_at: u.lastConnectionAt })
        .onConflict((oc) =>
          oc.columns(['company_id', 'day', 'user_id']).doUpdateSet((eb) => ({
            user_queries: eb('daily_users.user_queries', '+', eb.ref('excluded.user_queries')),
            last_connection_at: sql`case when excluded.last_connection_at is not null and (daily_users.last_connection_at is null or excluded.last_connection_at > daily_users.last_connection_at) then excluded.last_connection_at else daily_users.last_connection_at end`,
          })),
        )
        .execute();
    }
  }
}

function sorted<V>(map: Map<string, V>): [string, V][] {
  return [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function bump(map: Map<string, number>, key: string, n = 1): void {
  map.set(key, (map.get(key) ?? 0) + n);
}
