/**
 * Daily counters, collected in memory while raw rows are written and applied in the same
 * transaction. Reports then read O(days) rows whatever the traffic.
 */
import type { Executor } from '../../db/database.js';
import { type Sql, type SqlSyntax, runWrites, syntaxOf } from '../../db/sql.js';
import { type Counter, type RollupRows, incrementStatements } from './rollups.repository.js';

/** Usage of the answers of one (day, model): sums, so reports read O(days × models) rows. */
export interface UsageSums {
  responses: number;
  inputTokens: number;
  outputTokens: number;
  costNanos: number;
  unpricedResponses: number;
  latencyMsSum: number;
  latencyCount: number;
}

/** What one message reported: tokens, latency and its cost (null when unknown). */
export interface MessageUsage {
  inputTokens?: number | null;
  outputTokens?: number | null;
  latencyMs?: number | null;
  costNanos: number | null;
}

/** Whether a message reported any usage at all (only those count in the usage rollup). */
export const hasUsage = (u: Omit<MessageUsage, 'costNanos'>) => u.inputTokens != null || u.outputTokens != null || u.latencyMs != null;

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
  readonly usage = new Map<string, UsageSums>();

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

  subtype(day: string, subtype: string, n = 1): void {
    bump(this.subtypes, `${day}\u0000${subtype}`, n);
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

  /** A message's usage, under its model ('' when it named none); messages without usage are not counted. */
  answerUsage(day: string, model: string | null, u: MessageUsage): void {
    if (!hasUsage(u)) return;
    addUsage(this.usage, `${day}\u0000${model ?? ''}`, {
      responses: 1,
      inputTokens: u.inputTokens ?? 0,
      outputTokens: u.outputTokens ?? 0,
      costNanos: u.costNanos ?? 0,
      unpricedResponses: u.costNanos === null && (u.inputTokens != null || u.outputTokens != null) ? 1 : 0,
      latencyMsSum: u.latencyMs ?? 0,
      latencyCount: u.latencyMs == null ? 0 : 1,
    });
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
    for (const [k, u] of other.usage) addUsage(this.usage, k, u);
  }

  get empty(): boolean {
    return (
      this.daily.size + this.subtypes.size + this.models.size + this.tools.size + this.documents.size + this.users.size + this.usage.size === 0
    );
  }

  /** The batch as rows, one per (day, key), sorted by key. */
  rows(): RollupRows {
    return {
      daily: sorted(this.daily).map(([day, d]) => ({ day, counters: d.counters, lastModelResponseAt: d.lastModelResponseAt })),
      subtypes: sorted(this.subtypes).map(([k, n]) => [...split(k), n]),
      models: sorted(this.models).map(([k, n]) => [...split(k), n]),
      tools: sorted(this.tools).map(([k, n]) => [...split(k), n]),
      documents: sorted(this.documents).map(([k, d]) => {
        const [day, id] = split(k);
        return [day, Number(id), d.filename, d.title, d.count];
      }),
      users: sorted(this.users).map(([k, u]) => [...split(k), u.queries, u.lastConnectionAt]),
      usage: sorted(this.usage).map(([k, u]) => [...split(k), u.responses, u.inputTokens, u.outputTokens, u.costNanos, u.unpricedResponses, u.latencyMsSum, u.latencyCount]),
    };
  }

  /** The statements adding this batch to the stored rollups (one multi-row upsert per table). */
  statements(syntax: SqlSyntax): Sql[] {
    return incrementStatements(syntax, this.companyId, this.rows());
  }

  /** Adds every counter; call inside the transaction that wrote the raw rows. */
  async apply(db: Executor): Promise<void> {
    await runWrites(db, this.statements(syntaxOf(db)));
  }
}

/** Batch keys are `day\u0000name`. */
function split(key: string): [string, string] {
  const [day, name] = key.split('\u0000');
  return [day, name];
}

function sorted<V>(map: Map<string, V>): [string, V][] {
  return [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Adds `u` to the sums kept under `key` (a copy of `u` when there are none yet). */
export function addUsage(map: Map<string, UsageSums>, key: string, u: UsageSums): void {
  const mine = map.get(key);
  if (!mine) {
    map.set(key, { ...u });
    return;
  }
  mine.responses += u.responses;
  mine.inputTokens += u.inputTokens;
  mine.outputTokens += u.outputTokens;
  mine.costNanos += u.costNanos;
  mine.unpricedResponses += u.unpricedResponses;
  mine.latencyMsSum += u.latencyMsSum;
  mine.latencyCount += u.latencyCount;
}

function bump(map: Map<string, number>, key: string, n = 1): void {
  map.set(key, (map.get(key) ?? 0) + n);
}
