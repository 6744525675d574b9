/**
 * The upload processor: streams the stored file record by record, analyses each chunk in the
 * worker pool and stores it with `ingestMessages` — messages, sessions, findings, rollups and
 * this job's progress in ONE transaction per chunk. A crash therefore loses at most the chunk in
 * flight, and a resumed run skips the `lines_processed` records already committed; per-message
 * event ids (`upload:<id>:<record>:<n>`) make any replay a no-op anyway.
 */
import fs from 'node:fs';
import type { Kysely } from 'kysely';
import type { Turn } from '../chat/turn.js';
import type { DB } from '../db/database.js';
import { HISTORY_TURNS } from '../chat/context.js';
import { EventError } from '../chat/events.js';
import { type BulkMessage, type IngestDeps, type IngestOptions, ingestMessages } from '../modules/ingest/ingest.service.js';
import { recentMessages } from '../modules/sessions/sessions.repository.js';
import { type Detected, openRecords, normalizeRecord, sniffFile } from '../transcripts/index.js';
import { type SourceRecord, TranscriptError } from '../transcripts/formats.js';
import type { SessionGroup } from '../analysis/pool/task.js';
import type { BulkAnalyzer } from '../analysis/pool/analyzer.js';
import { type ClaimedUpload, LEASE_MS, LeaseLostError, finishJob, renewLease, writeProgress } from './jobs.js';

/** Errors kept with their line; the total is counted beyond this. */
export const MAX_LISTED_ERRORS = 100;
/** Messages per transaction: ~0.1 s of SQLite writes, short enough not to stall live ingestion. */
export const CHUNK_MESSAGES = 500;
/** Records per transaction at most, so a run of bad or blank lines still records its progress. */
const CHUNK_RECORDS = 2000;
/** Characters of earlier turns kept in memory for sessions that span chunks; beyond, they are re-read from the database. */
const HISTORY_CACHE_CHARS = 16 * 1024 * 1024;

export interface UploadProcessorDeps {
  ingest: IngestDeps;
  analyzer: BulkAnalyzer;
  log?: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
}

export interface ProcessOptions {
  chunkMessages?: number;
  /** Test hook: return after this many committed chunks as if the process had died (lease kept, nothing finished). */
  crashAfterChunks?: number;
  /** Checked between chunks; when true the job is handed back (graceful shutdown). */
  shouldStop?: () => boolean;
}

export type ProcessOutcome = 'done' | 'failed' | 'interrupted' | 'lease-lost';

interface LineError {
  line: number;
  reason: string;
}

/** Last turns per session, bounded by total characters (least recently used evicted first). */
class HistoryCache {
  private readonly map = new Map<string, { turns: Turn[]; chars: number }>();
  private chars = 0;
  constructor(private readonly maxChars: number) {}

  get(sessionId: string): Turn[] | undefined {
    const e = this.map.get(sessionId);
    if (!e) return undefined;
    this.map.delete(sessionId);
    this.map.set(sessionId, e);
    return e.turns;
  }

  set(sessionId: string, turns: Turn[]): void {
    this.delete(sessionId);
    const kept = turns.slice(-HISTORY_TURNS);
    const chars = kept.reduce((n, t) => n + t.content.length + 16, 0);
    this.map.set(sessionId, { turns: kept, chars });
    this.chars += chars;
    for (const [id, e] of this.map) {
      if (this.chars <= this.maxChars) break;
      this.map.delete(id);
      this.chars -= e.chars;
    }
  }

  delete(sessionId: string): void {
    const e = this.map.get(sessionId);
    if (e) {
      this.map.delete(sessionId);
      this.chars -= e.chars;
    }
  }
}

function parseErrors(text: string): LineError[] {
  try {
    const v = JSON.parse(text);
    return Array.isArray(v) ? v.filter((e) => e && typeof e.line === 'number' && typeof e.reason === 'string') : [];
  } catch {
    return [];
  }
}

/** Seeds the context of sessions not in the cache from what is already stored (earlier uploads, a previous run). */
async function seedsFromDatabase(db: Kysely<DB>, companyId: number, sessionIds: string[]): Promise<Map<string, Turn[]>> {
  const out = new Map<string, Turn[]>();
  for (let i = 0; i < sessionIds.length; i += 500) {
    const slice = sessionIds.slice(i, i + 500);
    const existing = await db
      .selectFrom('chat_sessions')
      .select(['id'])
      .where('company_id', '=', companyId)
      .where('id', 'in', slice)
      .where('message_count', '>', 0)
      .execute();
    for (const s of existing) {
      const rows = await recentMessages(db, companyId, s.id, HISTORY_TURNS);
      out.set(s.id, rows.map((r) => ({ role: r.role, content: r.content })));
    }
  }
  return out;
}

export async function processUpload(deps: UploadProcessorDeps, job: ClaimedUpload, options: ProcessOptions = {}): Promise<ProcessOutcome> {
  const { row } = job;
  const db = deps.ingest.db;
  const companyId = row.company_id;
  const log = deps.log;
  const fail = async (message: string): Promise<ProcessOutcome> => {
    log?.warn({ uploadId: row.id, reason: message }, 'upload failed');
    return (await finishJob(db, job, 'failed', message)) ? 'failed' : 'lease-lost';
  };

  if (!fs.existsSync(row.storage_path)) return fail('the stored file is missing (it was deleted before processing finished); upload it again');
  let detected: Detected;
  try {
    detected = await sniffFile(row.storage_path, job.payload.format);
  } catch (err) {
    if (err instanceof TranscriptError) return fail(err.message);
    throw err;
  }

  let errors = parseErrors(row.errors);
  let state = {
    lines: Number(row.lines_processed),
    bytes: Number(row.bytes_processed),
    turns: Number(row.turns_processed),
    sessions: Number(row.sessions_created),
    errorCount: Number(row.error_count),
  };
  const nctx = {
    sha16: row.sha256.slice(0, 16),
    idPrefix: job.payload.force ? `u${row.id}:` : '',
    receivedAt: row.received_at,
    format: detected.format,
  };
  const ingestOptions: IngestOptions = { source: 'upload', uploadId: row.id, endSessionsOnViolation: false };
  const cache = new HistoryCache(HISTORY_CACHE_CHARS);
  const chunkMessages = options.chunkMessages ?? CHUNK_MESSAGES;

  await writeProgress(db, job, { format: detected.format });
  const renewal = setInterval(() => {
    renewLease(db, job).catch((err) => log?.error({ err, uploadId: row.id }, 'could not renew the upload lease'));
  }, LEASE_MS / 3);
  renewal.unref();

  const stream = openRecords(row.storage_path, detected, state.lines);

  /**
   * Chunks are pipelined: while chunk k is written (main thread, database), chunk k+1 is already
   * being analysed in the pool. Contexts for k+1 come from `inflight` (the tails chunk k will
   * leave), then the cache of committed tails, then the database — which by then holds every
   * chunk before k, so the result does not depend on where chunks start or on a resume.
   */
  interface Chunk {
    items: BulkMessage[];
    lines: number[];
    /** Problems found while reading; written with the chunk so a resumed run never counts them twice. */
    errors: LineError[];
    lastIndex: number;
    order: string[];
    bySession: Map<string, { group: SessionGroup; itemIdx: number[] }>;
    analysis?: Promise<void>;
  }
  let building: Chunk = newChunk();
  let records = 0;
  let inflight = new Map<string, Turn[]>();
  let previous: Chunk | null = null;
  let chunks = 0;

  function newChunk(): Chunk {
    return { items: [], lines: [], errors: [], lastIndex: -1, order: [], bySession: new Map() };
  }

  const launch = async (c: Chunk) => {
    for (let i = 0; i < c.items.length; i++) {
      const m = c.items[i].message;
      let g = c.bySession.get(m.sessionId);
      if (!g) {
        g = { group: { seed: [], messages: [] }, itemIdx: [] };
        c.bySession.set(m.sessionId, g);
        c.order.push(m.sessionId);
      }
      g.group.messages.push({ role: m.role, content: m.content, documents: m.documents });
      g.itemIdx.push(i);
    }
    const missing = c.order.filter((id) => !inflight.has(id) && cache.get(id) === undefined);
    const fromDb = missing.length ? await seedsFromDatabase(db, companyId, missing) : new Map<string, Turn[]>();
    const next = new Map<string, Turn[]>();
    for (const id of c.order) {
      const g = c.bySession.get(id)!;
      g.group.seed = inflight.get(id) ?? cache.get(id) ?? fromDb.get(id) ?? [];
      next.set(id, [...g.group.seed, ...g.group.messages.map((m) => ({ role: m.role, content: m.content }))].slice(-HISTORY_TURNS));
    }
    inflight = next;
    const groups = c.order.map((id) => c.bySession.get(id)!.group);
    c.analysis = deps.analyzer.analyze(groups).then(
      (findings) => {
        c.order.forEach((id, gi) => {
          c.bySession.get(id)!.itemIdx.forEach((itemIndex, p) => {
            c.items[itemIndex].findings = findings[gi][p];
          });
        });
      },
      (err) => {
        // A pool failure must not lose the chunk: storeMessage analyses inline when findings are absent.
        log?.error({ err, uploadId: row.id }, 'bulk analysis failed; analysing this chunk inline');
        for (const it of c.items) it.findings = undefined;
      },
    );
  };

  /** Deadlocks and serialization failures (PostgreSQL, concurrent writers) retry the chunk: it is idempotent. */
  const retryable = (err: unknown) => ['40P01', '40001'].includes(String((err as { code?: unknown }).code));

  const store = async (c: Chunk) => {
    await c.analysis;
    let rejected = new Set<number>();
    for (let attempt = 1; ; attempt++) {
      // Progress is computed on copies and adopted only once the transaction has committed.
      const next = { ...state };
      const nextErrors = [...errors];
      const tryRejected = new Set<number>();
      try {
        await ingestMessages(deps.ingest, companyId, c.items, ingestOptions, async (trx, result) => {
          let accepted = 0;
          const chunkErrors = [...c.errors];
          result.results.forEach((r, i) => {
            if (r.status === 'accepted') accepted++;
            else if (r.status === 'rejected') {
              tryRejected.add(i);
              const reason = /already exists/.test(r.error ?? '') ? `${r.error} (already stored by an earlier upload or live traffic); skipped` : (r.error ?? 'rejected');
              chunkErrors.push({ line: c.lines[i], reason });
            }
          });
          // Sorted by line (stable): the listed errors do not depend on where chunks start.
          chunkErrors.sort((a, b) => a.line - b.line);
          for (const e of chunkErrors) {
            next.errorCount++;
            if (nextErrors.length < MAX_LISTED_ERRORS) nextErrors.push(e);
          }
          next.turns += accepted;
          next.sessions += result.sessionsCreated;
          next.lines = c.lastIndex + 1;
          next.bytes = Math.max(next.bytes, Math.min(stream.rawBytes(), Number(row.size_bytes)));
          await writeProgress(trx, job, {
            lines_processed: next.lines,
            bytes_processed: next.bytes,
            turns_processed: next.turns,
            sessions_created: next.sessions,
            error_count: next.errorCount,
            errors: JSON.stringify(nextErrors),
          });
        });
      } catch (err) {
        if (attempt < 4 && retryable(err)) {
          log?.warn({ uploadId: row.id, attempt }, 'chunk hit a deadlock or serialization failure; retrying');
          continue;
        }
        throw err;
      }
      state = next;
      errors = nextErrors;
      rejected = tryRejected;
      break;
    }
    for (const id of c.order) {
      const g = c.bySession.get(id)!;
      if (g.itemIdx.some((i) => rejected.has(i))) {
        cache.delete(id); // re-read from the database next time: the stored tail is what counts
        inflight.delete(id);
        continue;
      }
      cache.set(id, [...g.group.seed, ...g.group.messages.map((m) => ({ role: m.role, content: m.content }))]);
    }
    chunks++;
  };

  /** Launches the analysis of the chunk just read, then stores the one before it. */
  const advance = async (): Promise<boolean> => {
    const c = building;
    building = newChunk();
    records = 0;
    if (c.lastIndex >= 0) await launch(c);
    const prev = previous;
    previous = c.lastIndex >= 0 ? c : null;
    if (prev) {
      await store(prev);
      if (options.crashAfterChunks !== undefined && chunks >= options.crashAfterChunks) return false;
      if (options.shouldStop?.()) return false;
    }
    return true;
  };

  try {
    for await (const rec of stream.records) {
      records++;
      building.lastIndex = rec.index;
      if (rec.error) building.errors.push({ line: rec.line, reason: rec.error });
      else if (rec.value !== undefined) {
        try {
          const n = normalizeRecord(rec, nctx);
          for (const e of n.errors) building.errors.push({ line: rec.line, reason: e });
          n.messages.forEach((message, i) => {
            building.items.push({ eventId: `upload:${row.id}:${rec.index}:${i}`, message });
            building.lines.push(rec.line);
          });
        } catch (err) {
          if (!(err instanceof EventError)) throw err;
          building.errors.push({ line: rec.line, reason: err.message });
        }
      }
      if (building.items.length >= chunkMessages || records >= CHUNK_RECORDS) {
        if (!(await advance())) return 'interrupted';
      }
    }
    if (!(await advance())) return 'interrupted';
    if (previous && !(await advance())) return 'interrupted';
  } catch (err) {
    if (err instanceof LeaseLostError) return 'lease-lost';
    if (err instanceof TranscriptError) {
      // Chunks read before the stream broke are stored; the job fails with what was kept.
      if (previous) await store(previous).catch(() => {});
      return fail(`${err.message} (after ${state.lines} records; ${state.turns} turns were stored)`);
    }
    throw err;
  } finally {
    clearInterval(renewal);
    stream.close();
    // A chunk analysed but never stored (interrupted): its result is simply dropped.
    building.analysis?.catch(() => {});
    (previous as Chunk | null)?.analysis?.catch(() => {});
  }

  const summary = `${state.turns} turns stored in ${state.sessions} new sessions from ${state.lines} records` + (state.errorCount ? `; ${state.errorCount} with errors` : '');
  const patch = { bytes_processed: Number(row.size_bytes), error_count: state.errorCount, errors: JSON.stringify(errors) };
  if (state.turns === 0) {
    const why =
      state.errorCount > 0
        ? `no turn could be stored: ${state.errorCount} errors (first: line ${errors[0]?.line}: ${errors[0]?.reason})`
        : 'the file holds no messages';
    return (await finishJob(db, job, 'failed', why, patch)) ? 'failed' : 'lease-lost';
  }
  // Historical conversations are over: the sessions this upload created end at their last
  // message, so the monitor never shows them as active. Idempotent, so a resumed job redoes it.
  await closeUploadedSessions(db, row.company_id, row.id);
  const finished = await finishJob(db, job, 'done', summary, patch);
  if (!finished) return 'lease-lost';
  // The file is no longer needed; failed uploads keep theirs for inspection.
  await fs.promises.rm(row.storage_path, { force: true }).catch(() => {});
  log?.info({ uploadId: row.id, turns: state.turns, sessions: state.sessions, errors: state.errorCount }, 'upload processed');
  return 'done';
}

async function closeUploadedSessions(db: Kysely<DB>, companyId: number, uploadId: number): Promise<void> {
  await db
    .updateTable('chat_sessions')
    .set((eb) => ({ ended_at: eb.ref('last_activity_at'), ended_reason: 'user' as const }))
    .where('company_id', '=', companyId)
    .where('upload_id', '=', uploadId)
    .where('ended_at', 'is', null)
    .execute();
}
