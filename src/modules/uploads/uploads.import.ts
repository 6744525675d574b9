/**
 * Importing a stored transcript file: streams it record by record, analyses each chunk in the
 * worker pool and stores it with the write path's bulk writer (ingest.bulk.ts) — messages,
 * sessions, findings, rollups and this job's progress in ONE transaction per chunk, while the
 * pool analyses the next chunk. A crash therefore loses at most the chunk in flight, and a
 * resumed run skips the `lines_processed` records already committed; per-message keys
 * (`upload:<id>:<record>:<n>`, scope `upload`) make any replay a no-op anyway.
 */
import type { BulkAnalyzer } from '../../analysis/pool/analyzer.js';
import { EventError } from '../../chat/events.js';
import { type Detected, openRecords, normalizeRecord } from '../../transcripts/index.js';
import { TranscriptError } from '../../transcripts/formats.js';
import type { IngestDeps, IngestOptions } from '../ingest/ingest.js';
import { BulkWriter, type LaunchedChunk } from '../ingest/ingest.bulk.js';
import type { ChunkItem } from '../ingest/ingest.chunk.js';
import type { UploadLimits } from '../../config.js';
import { type ClaimedUpload, LEASE_MS, LeaseLostError, renewLease, writeProgress } from './uploads.queue.js';
import * as repo from './uploads.repository.js';

/** Errors kept with their line; the total is counted beyond this. */
export const MAX_LISTED_ERRORS = 100;
/** Messages per transaction: ~0.1 s of SQLite writes, short enough not to stall live ingestion. */
export const CHUNK_MESSAGES = 500;
/** Records per transaction at most, so a run of bad or blank lines still records its progress. */
const CHUNK_RECORDS = 2000;

export interface ImportDeps {
  ingest: IngestDeps;
  analyzer: BulkAnalyzer;
  /** How much work one upload may create (config `uploadLimits`). */
  limits: UploadLimits;
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
  /** `stoppedAtRecords`: the file holds more records than an upload may; the first ones are stored. */
  | { status: 'complete'; state: ImportState; stoppedAtRecords?: number }
  /** The file broke off (bad gzip, truncated JSON): the chunks read before it are stored. */
  | { status: 'broken'; state: ImportState; error: TranscriptError }
  | { status: 'interrupted' }
  | { status: 'lease-lost' };

/** Sessions whose counts are kept in memory; beyond, the least recently seen are re-counted from the database. */
const COUNTED_SESSIONS = 100_000;

/**
 * Messages this upload has stored (or is storing) per session, to hold each under
 * `maxSessionMessages`. A count not in memory — after a resume, or evicted — is read from the
 * database, which then holds every committed chunk; sessions of the chunks in flight are always
 * in memory (they were seen within the last two chunks). A message counted here but refused by
 * the write path (already stored) is not in a re-read count: a resume can differ from an
 * uninterrupted run only for such a message in a session at its limit.
 */
class SessionCounts {
  private readonly counts = new Map<string, number>();
  private complete: boolean;
  constructor(
    private readonly load: (sessionId: string) => Promise<number>,
    resumed: boolean,
  ) {
    this.complete = !resumed;
  }

  async get(sessionId: string): Promise<number> {
    const n = this.counts.get(sessionId);
    if (n !== undefined) {
      this.counts.delete(sessionId);
      this.counts.set(sessionId, n);
      return n;
    }
    const loaded = this.complete ? 0 : await this.load(sessionId);
    this.counts.set(sessionId, loaded);
    if (this.counts.size > COUNTED_SESSIONS) {
      this.counts.delete(this.counts.keys().next().value as string);
      this.complete = false;
    }
    return loaded;
  }

  add(sessionId: string, n: number): void {
    this.counts.set(sessionId, (this.counts.get(sessionId) ?? 0) + n);
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
  const chunkMessages = options.chunkMessages ?? CHUNK_MESSAGES;

  await writeProgress(db, job, { format: detected.format });
  const renewal = setInterval(() => {
    renewLease(db, job).catch((err) => log?.error({ err, uploadId: row.id }, 'could not renew the upload lease'));
  }, LEASE_MS / 3);
  renewal.unref();

  const limits = deps.limits;
  const stream = openRecords(row.storage_path, detected, state.lines, undefined, limits);
  const perSession = new SessionCounts((sessionId) => repo.countUploadMessagesInSession(db, companyId, row.id, sessionId), state.lines > 0);
  let stoppedAtRecords: number | undefined;

  /**
   * Chunks are pipelined (ingest.bulk.ts): while chunk k is written (main thread, database),
   * chunk k+1 is already being analysed in the pool, its context continuing from chunk k.
   */
  interface Chunk {
    items: ChunkItem[];
    lines: number[];
    /** Problems found while reading; written with the chunk so a resumed run never counts them twice. */
    errors: LineError[];
    lastIndex: number;
    launched?: LaunchedChunk;
  }
  const writer = new BulkWriter({ deps: deps.ingest, companyId, options: ingestOptions, scope: 'upload', analyzer: deps.analyzer, log });
  let building: Chunk = newChunk();
  let records = 0;
  let previous: Chunk | null = null;
  let chunks = 0;

  function newChunk(): Chunk {
    return { items: [], lines: [], errors: [], lastIndex: -1 };
  }

  const store = async (c: Chunk) => {
    // Progress is computed on copies (the transaction may be retried) and adopted once it has committed.
    let adopted: { next: typeof state; nextErrors: LineError[] } | null = null;
    await writer.store(c.launched!, async (trx, outcome) => {
      const next = { ...state };
      const nextErrors = [...errors];
      let accepted = 0;
      const chunkErrors = [...c.errors];
      outcome.results.forEach((r, i) => {
        if (r.status === 'accepted') accepted++;
        else if (r.status === 'rejected') {
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
      next.sessions += outcome.sessionsCreated;
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
      adopted = { next, nextErrors };
    });
    const done = adopted as { next: typeof state; nextErrors: LineError[] } | null;
    if (done) {
      state = done.next;
      errors = done.nextErrors;
    }
    chunks++;
  };

  /** Launches the analysis of the chunk just read, then stores the one before it. */
  const advance = async (): Promise<boolean> => {
    const c = building;
    building = newChunk();
    records = 0;
    if (c.lastIndex >= 0) c.launched = await writer.launch(c.items);
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
      if (rec.index >= limits.maxRecords) {
        // Deterministic (by record index), so a resumed run stops at the same record.
        stoppedAtRecords = limits.maxRecords;
        break;
      }
      records++;
      building.lastIndex = rec.index;
      if (rec.error) building.errors.push({ line: rec.line, reason: rec.error });
      else if (rec.value !== undefined) {
        try {
          const n = normalizeRecord(rec, nctx);
          for (const e of n.errors) building.errors.push({ line: rec.line, reason: e });
          const skipped = new Map<string, number>();
          for (const [i, message] of n.messages.entries()) {
            const held = await perSession.get(message.sessionId);
            if (held >= limits.maxSessionMessages) {
              skipped.set(message.sessionId, (skipped.get(message.sessionId) ?? 0) + 1);
              continue;
            }
            perSession.add(message.sessionId, 1);
            const key = `upload:${row.id}:${rec.index}:${i}`;
            building.items.push({ id: key, key, event: { id: key, type: 'message', ...message } });
            building.lines.push(rec.line);
          }
          for (const [sessionId, count] of skipped) {
            building.errors.push({
              line: rec.line,
              reason: `session ${sessionId} already holds ${limits.maxSessionMessages} messages from this upload, the most one upload may store in a session (CHATLENS_UPLOAD_MAX_SESSION_MESSAGES); ${count === 1 ? 'skipped' : `${count} messages skipped`}`,
            });
          }
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
    building.launched?.analysis.catch(() => {});
    (previous as Chunk | null)?.launched?.analysis.catch(() => {});
  }

  return { status: 'complete', state: { ...state, errors }, ...(stoppedAtRecords !== undefined ? { stoppedAtRecords } : {}) };
}
