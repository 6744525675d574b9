/**
 * Deterministic chat traffic for the benchmarks, from the demo's assistant profiles
 * (src/demo/content.ts): sessions of a user question and an assistant answer per exchange, with
 * documents, tools, feedback, connections and the odd problem or abusive turn, spread over days.
 */
import { PROFILES } from '../src/demo/content.js';
import { seededRandom } from '../src/lib/random.js';

export interface TrafficOptions {
  /** Turns (user + assistant messages) in all, about. */
  turns: number;
  /** Spread over this many days ending `now` (today's sessions in the last hours). */
  days: number;
  users: number;
  /** Prefix of every id, so two runs in one database never collide. */
  prefix: string;
  now?: number;
  seed?: number;
}

export type Event = Record<string, unknown>;

/**
 * Yields events session by session, oldest day first, ~6 turns a session (the 1 M turns
 * over 167 k sessions). Generated lazily: a million turns never sit in memory at once.
 */
export function* traffic(o: TrafficOptions): Generator<Event[]> {
  const rand = seededRandom(o.seed ?? 7);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const now = o.now ?? Date.now();
  const dayMs = 86_400_000;
  const today = now - (now % dayMs);
  const sessions = Math.max(1, Math.round(o.turns / 6));
  const perDay = sessions / o.days;
  let seq = 0;
  for (let s = 0; s < sessions; s++) {
    const d = o.days - 1 - Math.floor(s / perDay);
    const profile = PROFILES[s % PROFILES.length];
    let t = d === 0 ? now - 3 * 3_600_000 + ((s % perDay) / perDay) * 3 * 3_600_000 - 300_000 : today - d * dayMs + 6 * 3_600_000 + rand() * 15 * 3_600_000;
    const at = () => new Date(Math.round(t)).toISOString();
    const user = `${o.prefix}u${Math.floor(rand() * o.users)}`;
    const sessionId = `${o.prefix}s${s}`;
    const out: Event[] = [];
    if (rand() < 0.2) out.push({ id: `${o.prefix}c${s}`, type: 'connection', timestamp: at(), userId: user, email: `${user}@bench.example` });
    out.push({ id: `${o.prefix}st${s}`, type: 'session.started', timestamp: at(), sessionId, userId: user });
    const model = pick(profile.models);
    for (let k = 0; k < 3; k++) {
      t += 20_000 + rand() * 40_000;
      const roll = rand();
      const um = `${o.prefix}m${++seq}`;
      if (roll < 0.004) {
        out.push({ id: `e${um}`, type: 'message', timestamp: at(), sessionId, messageId: um, role: 'user', content: pick(profile.abusive), userId: user });
        break;
      }
      const ex = roll < 0.07 ? pick(profile.problems) : pick(profile.normal);
      out.push({ id: `e${um}`, type: 'message', timestamp: at(), sessionId, messageId: um, role: 'user', content: ex.user, userId: user });
      t += 2_000 + rand() * 6_000;
      const am = `${o.prefix}m${++seq}`;
      out.push({
        id: `e${am}`,
        type: 'message',
        timestamp: at(),
        sessionId,
        messageId: am,
        role: 'assistant',
        content: ex.assistant,
        model,
        documents: (ex.docs ?? []).map((i) => profile.documents[i]),
        tools: (ex.tools ?? []).map((name) => ({ name })),
      });
      const f = rand();
      if (f < 0.25) out.push({ id: `f${am}`, type: 'feedback', timestamp: at(), messageId: am, kind: f < 0.15 ? 'like' : f < 0.2 ? 'dislike' : 'copy', userId: user });
    }
    if (d > 0) out.push({ id: `${o.prefix}en${s}`, type: 'session.ended', timestamp: new Date(Math.round(t) + 30_000).toISOString(), sessionId, reason: 'user' });
    yield out;
  }
}

/** Batches of about `size` events, whole sessions each. */
export function* batches(o: TrafficOptions, size: number): Generator<Event[]> {
  let batch: Event[] = [];
  for (const session of traffic(o)) {
    if (batch.length && batch.length + session.length > size) {
      yield batch;
      batch = [];
    }
    batch.push(...session);
  }
  if (batch.length) yield batch;
}

export const isTurn = (e: Event): boolean => e.type === 'message';

/** The same traffic as upload lines (Chatlens JSONL: one message per line). */
export function jsonlLines(o: TrafficOptions): string[] {
  const lines: string[] = [];
  for (const session of traffic(o)) {
    for (const e of session) {
      if (e.type !== 'message') continue;
      lines.push(JSON.stringify({ sessionId: e.sessionId, role: e.role, content: e.content, timestamp: e.timestamp, ...(e.userId ? { userId: e.userId } : {}), ...(e.model ? { model: e.model } : {}) }));
    }
  }
  return lines;
}
