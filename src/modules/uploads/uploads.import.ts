/**
 * Importing a stored transcript file: streams it record by record, analyses each chunk in the
 * worker pool and stores it with the write path's bulk step (`ingestMessages`) — messages,
 * sessions, findings, rollups and this job's progress in ONE transaction per chunk. A crash
 * therefore loses at most the chunk in flight, and a resumed run skips the `lines_processed`
 * records already committed; per-message event ids (`upload:<id>:<record>:<n>`) make any replay
 * a no-op anyway.
 */
import type { BulkAnalyzer } from '../../analysis/pool/analyzer.js';
import type { SessionGroup } from '../../analysis/pool/task.js';
import { HISTORY_TURNS } from '../../chat/context.js';
import { EventError } from '../../chat/events.js';
import type { Turn } from '../../chat/turn.js';
import { type Detected, openRecords, normalizeRecord } from '../../transcripts/index.js';
import { TranscriptError } from '../../transcripts/formats.js';
import type { IngestDeps, IngestOptions } from '../ingest/ingest.js';
import { type BulkMessage, historyOf, ingestMessages } from '../ingest/ingest.service.js';
import { type ClaimedUpload, LEASE_MS, LeaseLostError, renewLease, writeProgress } from './uploads.queue.js';

/** Errors kept with their line; the total is counted beyond this. */
export const MAX_LISTED_ERRORS = 100;
/** Messages per transaction: ~0.1 s of SQLite writes, short enough not to stall live ingestion. */
export const CHUNK_MESSAGES = 500;
/** Records per transaction at most, so a run of bad or blank lines still records its progress. */
const CHUNK_RECORDS = 2000;
/** Characters of earlier turns kept in memory for sessions that span chunks; beyond, they are re-read from the database. */
const HISTORY_CACHE_CHARS = 16 * 1024 * 1024;

export interface ImportDeps {
  ingest: IngestDeps;
  analyzer: BulkAnalyzer;
  log?: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
}

export interface ImportOptions {
  chunkMessages?: number;
  /** Test hook: return after this many committed chunks as if the process had died (lease kept, nothing finished). */
  crashAfterChunks?: number;
  /** Checked between chunks; when true the job is handed back (graceful shutdown). */
  shouldStop?: () => boolean;
}

export interface LineError {
  line: number;
  reason: string;
}

/** Where an import stands: what `uploads` shows as progress, committed with each chunk. */
export interface ImportState {
  lines: number;
  bytes: number;
  turns: number;
  sessions: number;
  errorCount: number;
  /** The first MAX_LISTED_ERRORS errors, by line. */
  errors: LineError[];
}

export type ImportOutcome =
  | { status: 'complete'; state: ImportState }
  /** The file broke off (bad gzip, truncated JSON): the chunks read before it are stored. */
  | { status: 'broken'; state: ImportState; error: TranscriptError }
  | { status: 'interrupted' }
  | { status: 'lease-lost' };

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

/** Imports the records of the claimed upload's file from where the last committed chunk left off. */
export async function importRecords(deps: ImportDeps, job: ClaimedUpload, detected: Detected, options: ImportOptions = {}): Promise<ImportOutcome> {
  const { row } = job;
  const db = deps.ingest.db;
  const companyId = row.company_id;
  const log = deps.log;
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
    const fromDb = missing.length ? await historyOf(db, companyId, missing) : new Map<string, Turn[]>();
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
              const reason = r.code === 'CONFLICT' ? `${r.error} (already stored by an earlier upload or live traffic); skipped` : (r.error ?? 'rejected');
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
        if (!(await advance())) return { status: 'interrupted' };
      }
    }
    if (!(await advance())) return { status: 'interrupted' };
    if (previous && !(await advance())) return { status: 'interrupted' };
  } catch (err) {
    if (err instanceof LeaseLostError) return { status: 'lease-lost' };
    if (err instanceof TranscriptError) {
      // Chunks read before the stream broke are stored; the job fails with what was kept.
      if (previous) await store(previous).catch(() => {});
      return { status: 'broken', state: { ...state, errors }, error: err };
    }
    throw err;
  } finally {
    clearInterval(renewal);
    stream.close();
    // A chunk analysed but never stored (interrupted): its result is simply dropped.
    building.analysis?.catch(() => {});
    (previous as Chunk | null)?.analysis?.catch(() => {});
  }

  return { status: 'complete', state: { ...state, errors } };
}
