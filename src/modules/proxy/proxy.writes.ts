/**
 * The proxy's writes. Turns are recorded through the write path by group commit
 * (lib/group-commit.ts): those queued while a company's previous chunk was written, or in the
 * same turn of the event loop, go out together as its next chunk (the write path stores a chunk
 * of many sessions with a handful of multi-row statements, so a batch costs about what one turn
 * does). Writes of one session are ordered, and a request of a session reads the session only
 * after this process's earlier writes to it have settled, so a conversation's next turn always
 * sees the previous answer (and an ended session) even when that answer was recorded after the
 * client got it. `idle()` waits for every write (tests, shutdown).
 */
import type { CompanyPolicy } from '../../analysis/policy.js';
import type { Finding } from '../../analysis/types.js';
import type { MessageInput } from '../../chat/events.js';
import type { Executor } from '../../db/database.js';
import { AppError, conflict } from '../../errors.js';
import { GroupCommitQueue } from '../../lib/group-commit.js';
import { isoNow } from '../../lib/time.js';
import type { IngestDeps, IngestOptions, StoredTurn } from '../ingest/ingest.js';
import type { ChunkItem } from '../ingest/ingest.chunk.js';
import { liveTurnKey } from '../ingest/ingest.service.js';
import { storeChunk } from '../ingest/ingest.store.js';
import type { SessionTail } from '../ingest/ingest.tails.js';
import * as repo from './proxy.repository.js';

/** One turn to record: the messages of one session, with the findings computed for them in memory. */
export interface TurnWrite {
  companyId: number;
  sessionId: string;
  options: IngestOptions;
  policy: CompanyPolicy;
  messages: MessageInput[];
  /** Per message: the engine's findings (null: not analysed; undefined: the write path analyses it). */
  findings: (Finding[] | null | undefined)[];
  /** The session as the findings saw it. */
  seed: SessionTail;
  /** A new conversation's opening, registered with its first answer. */
  thread: string | null;
  /** Settles when `findings` are complete (a long answer read in the pool); the turn keeps its place in its session's order meanwhile. */
  ready?: Promise<void>;
}

/** A batch never grows past this many turns: a chunk stays a short transaction. */
const MAX_BATCH = 256;

export class ProxyWrites {
  private readonly chains = new Map<string, Promise<void>>();
  private readonly pending = new Set<Promise<void>>();
  private readonly threads = new Map<string, string>();
  /** One chunk at a time per company and handling of violations (a chunk is written with one of each). */
  private readonly queue: GroupCommitQueue<string, TurnWrite, StoredTurn | null>;

  constructor(private readonly deps: IngestDeps) {
    this.queue = new GroupCommitQueue({
      keyOf: (w) => `${w.companyId}\u0000${w.options.endSessionsOnViolation}`,
      maxBatch: MAX_BATCH,
      write: (group) => this.write(group),
    });
  }

  /** Records a turn after the earlier writes of its session; resolves with its last stored message. */
  record(write: TurnWrite): Promise<StoredTurn | null> {
    const key = `${write.companyId}\u0000${write.sessionId}`;
    const thread = write.thread === null ? null : `${write.companyId}\u0000${write.thread}`;
    // Until the opening is stored, the conversation's next request finds its session here.
    if (thread !== null) this.threads.set(thread, write.sessionId);
    const before = this.chains.get(key);
    const enqueue = () => this.queue.add(write);
    const after = write.ready && before ? Promise.all([before, write.ready]) : (write.ready ?? before);
    const result = after ? after.then(enqueue) : enqueue();
    const settled = result.then(
      () => undefined,
      () => undefined,
    );
    this.chains.set(key, settled);
    this.pending.add(settled);
    void settled.then(() => {
      this.pending.delete(settled);
      if (this.chains.get(key) === settled) this.chains.delete(key);
      if (thread !== null && this.threads.get(thread) === write.sessionId) this.threads.delete(thread);
    });
    return result;
  }

  /** The session of a conversation whose first answer this process is still recording. */
  pendingThread(companyId: number, threadKey: string): string | undefined {
    return this.threads.get(`${companyId}\u0000${threadKey}`);
  }

  /** Resolves when the writes of a session started so far have settled. */
  settled(companyId: number, sessionId: string): Promise<void> {
    return this.chains.get(`${companyId}\u0000${sessionId}`) ?? Promise.resolve();
  }

  /** Resolves when every write started so far (and any they chained) has settled. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  /** One chunk for a company's turns (the queue writes each turn alone when a chunk fails). */
  private async write(group: TurnWrite[]): Promise<(StoredTurn | null)[]> {
    const first = group[0];
    const items: ChunkItem[] = [];
    const seeds = new Map<string, SessionTail>();
    const last: number[] = [];
    for (const write of group) {
      write.messages.forEach((m, i) => {
        const key = liveTurnKey(m.sessionId, m.messageId);
        const findings = write.findings[i];
        items.push({ id: m.messageId, key, event: { id: m.messageId, type: 'message', ...m }, ...(findings !== undefined ? { findings } : {}) });
      });
      last.push(items.length - 1);
      seeds.set(write.sessionId, write.seed);
    }
    const threads = group.filter((w) => w.thread !== null).map((w) => ({ key: w.thread!, sessionId: w.sessionId }));
    try {
      const outcome = await storeChunk(
        this.deps,
        first.companyId,
        first.options,
        { scope: 'live', items, seeds },
        async (trx: Executor, o) => {
          // A turn of a session that ended meanwhile keeps nothing of its exchange (not even its
          // other message or its thread): the chunk is undone, and written again turn by turn.
          if (o.refusedEnded > 0) throw conflict('a session of this chunk has ended');
          if (threads.length > 0) await repo.saveThreads(trx, first.companyId, threads, isoNow());
        },
        this.deps.tails,
        first.policy,
      );
      return group.map((_, i) => outcome.stored[last[i]] ?? null);
    } catch (err) {
      // The session was ended meanwhile (another process, the chat product): nothing of it is kept.
      if (group.length === 1 && err instanceof AppError && err.code === 'CONFLICT') return [null];
      throw err;
    }
  }
}
