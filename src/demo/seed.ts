/**
 * `chatlens seed-demo`: realistic multi-company traffic sent through the real ingestion path (the
 * bulk writer: chunks analysed and stored set-wise, as an ingest request would be), so sessions,
 * findings (from the real engine), policy decisions and rollups are all genuine.
 */
import type { Kysely } from 'kysely';
import type { AnalysisEngine, Finding } from '../analysis/types.js';
import { parseEvent } from '../chat/events.js';
import type { DB } from '../db/database.js';
import { createAccount, createApiKey } from '../modules/auth/auth.service.js';
import { countCompanies, createCompany } from '../modules/companies/companies.service.js';
import { type BulkAnalyzer, createAnalyzer, inlineAnalyzer } from '../analysis/pool/analyzer.js';
import { createSessionCache } from '../analysis/session.js';
import { LIVE } from '../modules/ingest/ingest.js';
import { BulkWriter, type LaunchedChunk } from '../modules/ingest/ingest.bulk.js';
import { PROFILES, type AssistantProfile, type Exchange } from './content.js';
import { seededRandom } from '../lib/random.js';

export interface SeedOptions {
  companies: number;
  days: number;
  /** Fixed so two demo loads produce the same traffic. */
  seed?: number;
  now?: Date;
  /** Analyse each distinct turn in its context once (the default); false analyses every turn, in the worker pool. */
  memo?: boolean;
}

/** Events per chunk: a few hundred sessions, one transaction each. */
const CHUNK_EVENTS = 2000;

export interface SeedResult {
  companies: { id: number; name: string }[];
  adminKey: string;
  adminEmail: string;
  adminPassword: string;
  analystEmail: string;
  analystPassword: string;
  events: number;
}

export const DEMO_ADMIN_EMAIL = 'admin@demo.chatlens.dev';
export const DEMO_ANALYST_EMAIL = 'analyst@demo.chatlens.dev';
export const DEMO_PASSWORD = 'chatlens-demo';

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

export async function isEmpty(db: Kysely<DB>): Promise<boolean> {
  return (await countCompanies(db)) === 0;
}

export async function seedDemo(db: Kysely<DB>, engine: AnalysisEngine, opts: SeedOptions): Promise<SeedResult> {
  const now = opts.now ?? new Date();
  const rand = seededRandom(opts.seed ?? 20261122);
  const companies: { id: number; name: string }[] = [];
  let events = 0;
  const analyzer = opts.memo === false ? createAnalyzer(engine) : inlineAnalyzer(memoised(engine));
  let accounts: Promise<unknown> = Promise.resolve();
  try {
    for (let c = 0; c < opts.companies; c++) {
      const profile = PROFILES[c % PROFILES.length];
      const name = c < PROFILES.length ? profile.company : `${profile.company} ${Math.floor(c / PROFILES.length) + 1}`;
      const company = await createCompany(db, name);
      companies.push({ id: company.id, name });
      // Password hashing (scrypt, ~0.1 s each) runs off the main thread while the traffic loads.
      if (c === 0) {
        accounts = Promise.all([
          createAccount(db, { companyId: company.id, email: DEMO_ADMIN_EMAIL, role: 'admin', password: DEMO_PASSWORD }),
          createAccount(db, { companyId: company.id, email: DEMO_ANALYST_EMAIL, role: 'analyst', password: DEMO_PASSWORD }),
        ]);
        accounts.catch(() => {}); // awaited below; an early failure must not be unhandled meanwhile
      }
      const traffic = companyTraffic(company.id, c, profile, opts.days, now, rand);
      await load(db, engine, analyzer, company.id, traffic);
      events += traffic.length;
    }
  } finally {
    await analyzer.close();
  }
  await accounts;
  const first = companies[0];
  const admin = await createApiKey(db, { companyId: first.id, role: 'admin', name: 'demo admin' });
  return {
    companies,
    adminKey: admin.key,
    adminEmail: DEMO_ADMIN_EMAIL,
    adminPassword: DEMO_PASSWORD,
    analystEmail: DEMO_ANALYST_EMAIL,
    analystPassword: DEMO_PASSWORD,
    events,
  };
}

/** Distinct inputs kept: the demo's traffic has about 2,300; a larger load stops adding. */
const MEMO_ENTRIES = 20_000;
/** Texts whose analysis is kept (the demo has under a hundred). */
const MEMO_TEXTS = 1_000;

/**
 * The engine, analysing each distinct input once. The demo's traffic is built from 74 texts, so
 * most of its turns repeat one already analysed in the same context: of 14,762 turns analysed for
 * `serve --demo`, 2,278 are distinct (the turn, its question, history and documents). The engine
 * is deterministic and a text's analysis a pure function of the text, so a repeat gets the
 * findings it would have got, as a copy (the write path owns the findings it is given), and one
 * text cache serves every session. The demo therefore loads inline: the pool's thread, started
 * and warmed for 2,278 analyses without the shared text cache, made the load slower, not faster.
 */
function memoised(engine: AnalysisEngine): AnalysisEngine {
  const memo = new Map<string, Finding[]>();
  const texts = createSessionCache(MEMO_TEXTS);
  return {
    version: engine.version,
    analyze(turn, context) {
      const key = JSON.stringify([turn.role, turn.content, context.question ?? null, context.history, context.documents]);
      const known = memo.get(key);
      if (known) return structuredClone(known);
      const findings = engine.analyze(turn, context, { session: texts });
      if (memo.size < MEMO_ENTRIES) memo.set(key, structuredClone(findings));
      return findings;
    },
  };
}

/**
 * Stores a company's traffic in chunks, each analysed and then written set-wise. The events are
 * those a chat product would send, in the order it would send them.
 */
async function load(db: Kysely<DB>, engine: AnalysisEngine, analyzer: BulkAnalyzer, companyId: number, events: Record<string, unknown>[]): Promise<void> {
  const writer = new BulkWriter({ deps: { db, engine }, companyId, options: LIVE, scope: 'event', analyzer });
  let previous: LaunchedChunk | null = null;
  const store = async (chunk: LaunchedChunk) => {
    const outcome = await writer.store(chunk);
    const rejected = outcome.results.find((r) => r.status !== 'accepted');
    // Every generated event is valid and new, so anything else is a bug in the generator.
    if (rejected) throw new Error(`demo event ${rejected.status}: ${rejected.id}: ${rejected.error ?? ''}`);
  };
  for (let i = 0; i < events.length; i += CHUNK_EVENTS) {
    const items = events.slice(i, i + CHUNK_EVENTS).map((raw) => {
      const event = parseEvent(raw);
      return { id: event.id, key: event.id, event };
    });
    const launched = await writer.launch(items);
    if (previous) await store(previous);
    previous = launched;
  }
  if (previous) await store(previous);
}

/** A company's traffic over `days` days ending today, as events. */
function companyTraffic(companyId: number, index: number, profile: AssistantProfile, days: number, now: Date, rand: Rand): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const users = Array.from({ length: 25 + index * 10 }, (_, i) => ({
    id: `u-${index + 1}-${String(i + 1).padStart(3, '0')}`,
    email: `user${i + 1}@${profile.company.toLowerCase().replace(/[^a-z]+/g, '')}.example`,
  }));
  const dayMs = 86_400_000;
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  let seq = 0;
  for (let d = days - 1; d >= 0; d--) {
    const dayStart = today - d * dayMs;
    const weekday = new Date(dayStart).getUTCDay();
    const weekend = weekday === 0 || weekday === 6;
    // Traffic grows slowly over the period and dips at weekends.
    const base = (weekend ? 3 : 9) + Math.floor(((days - d) / days) * 6) + index * 2;
    const sessions = base + Math.floor(rand() * 5);
    const active = new Set<string>();
    for (let s = 0; s < sessions; s++) {
      const isToday = d === 0;
      // Today's sessions crowd into the last three hours (most recent first), so the live monitor
      // has open conversations to show whatever the time of day.
      let t = isToday
        ? now.getTime() - 60_000 - Math.floor(rand() * rand() * 3 * 3_600_000) - 10 * 60_000
        : dayStart + 6 * 3_600_000 + Math.floor(rand() * 15 * 3_600_000);
      const user = pick(rand, users);
      const sessionId = `demo-${companyId}-${d}-${s}`;
      const batch: Record<string, unknown>[] = [];
      const at = () => new Date(t).toISOString();
      if (!active.has(user.id)) {
        active.add(user.id);
        batch.push({ id: `conn-${sessionId}`, type: 'connection', timestamp: at(), userId: user.id, email: user.email });
      }
      batch.push({ id: `start-${sessionId}`, type: 'session.started', timestamp: at(), sessionId, userId: user.id });
      const turns = 1 + Math.floor(rand() * 3);
      const model = pick(rand, profile.models);
      let transferred = false;
      for (let k = 0; k < turns; k++) {
        const roll = rand();
        t += 20_000 + Math.floor(rand() * 60_000);
        const userMsg = `m-${companyId}-${++seq}`;
        if (roll < 0.012) {
          // An abusive turn: the policy hands the session to a live agent, and the assistant
          // (so this generator) says nothing more in it.
          const content = pick(rand, profile.abusive);
          batch.push({ id: `e-${userMsg}`, type: 'message', timestamp: at(), sessionId, messageId: userMsg, role: 'user', content, userId: user.id });
          transferred = true;
          break;
        }
        const ex: Exchange = roll < 0.07 ? pick(rand, profile.problems) : pick(rand, profile.normal);
        batch.push({ id: `e-${userMsg}`, type: 'message', timestamp: at(), sessionId, messageId: userMsg, role: 'user', content: ex.user, userId: user.id });
        t += 2_000 + Math.floor(rand() * 8_000);
        const botMsg = `m-${companyId}-${++seq}`;
        const documents = (ex.docs ?? []).map((i) => profile.documents[i]);
        batch.push({
          id: `e-${botMsg}`,
          type: 'message',
          timestamp: at(),
          sessionId,
          messageId: botMsg,
          role: 'assistant',
          content: ex.assistant,
          model,
          documents,
          tools: (ex.tools ?? []).map((name) => ({ name })),
          // Usage as a provider would report it, from the texts (no draw from rand, so the rest of
          // the demo stays as it was): a system prompt, the question and its documents in, the answer out.
          ...demoUsage(ex.user, ex.assistant, documents.length, seq),
        });
        const f = rand();
        if (f < 0.3) {
          t += 5_000;
          const kind = f < 0.17 ? 'like' : f < 0.22 ? 'dislike' : 'copy';
          batch.push({ id: `fb-${botMsg}`, type: 'feedback', timestamp: at(), messageId: botMsg, kind, userId: user.id });
        }
      }
      // Most finished sessions are closed by the user; today's recent ones stay open.
      if (!transferred && (!isToday || now.getTime() - t > 45 * 60_000 || rand() < 0.3)) {
        t += 30_000;
        if (rand() < 0.8) batch.push({ id: `end-${sessionId}`, type: 'session.ended', timestamp: at(), sessionId, reason: 'user' });
      }
      out.push(...batch);
    }
  }
  return out;
}

/** Tokens (about four characters each) and latency of a demo answer. */
function demoUsage(question: string, answer: string, documents: number, n: number): { inputTokens: number; outputTokens: number; latencyMs: number } {
  const outputTokens = Math.ceil(answer.length / 4) + 8;
  return { inputTokens: 420 + Math.ceil(question.length / 4) + documents * 650, outputTokens, latencyMs: 350 + outputTokens * 18 + (n % 9) * 40 };
}
