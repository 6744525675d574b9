/**
 * A batching buffer in front of `POST /api/ingest`: the chat product records events without waiting
 * for Chatlens, and the buffer sends them in batches — when `maxBatch` are waiting, `flushIntervalMs`
 * after the first one was added, and on `flush()` / `shutdown()`.
 *
 * It never loses an event it accepted: a batch leaves the queue only once the server has answered
 * for it (accepted, duplicate, or rejected with a reason — see `onRejected`); a failed send keeps the
 * whole batch, in order, for the next attempt (the ingest API is idempotent by event id, so a batch
 * whose answer was lost is safe to send again). When the queue holds `maxQueue` undelivered events
 * it refuses more (`BufferFullError`) rather than drop any, and `shutdown()` rejects with
 * `UndeliveredEventsError` carrying every event it could not deliver.
 */
import { BufferFullError, UndeliveredEventsError } from './errors.js';
import { connectionEvent, feedbackEvent, messageEvent, sessionEndedEvent, sessionStartedEvent, type EventMeta } from './events.js';
import type { RequestOptions } from './http.js';
import type { EventResult, FeedbackKind, IngestEvent, TurnInput } from './types.js';

export interface IngestBufferOptions {
  /** Send as soon as this many events wait; 1–1,000 (one request). Default 100. */
  maxBatch?: number;
  /** Send waiting events at most this long after the first of them was added. Default 1,000 ms. */
  flushIntervalMs?: number;
  /** Undelivered events held at most; beyond, `add` throws `BufferFullError`. Default 10,000. */
  maxQueue?: number;
  /** Longest wait between background retries while Chatlens is unreachable. Default 30,000 ms. */
  maxRetryDelayMs?: number;
  /** An event the server refused, with its reason: it is not retried (sending it again would be refused again). */
  onRejected?: (event: IngestEvent, reason: string) => void;
  /** A background send failed; its events stay queued and are retried. */
  onError?: (err: unknown) => void;
}

/** What the buffer has done so far. */
export interface IngestBufferStats {
  /** Waiting to be sent, or sent without an answer yet. */
  queued: number;
  /** Answered by the server as accepted or duplicate. */
  delivered: number;
  /** Refused by the server (`onRejected` saw each). */
  rejected: number;
}

type Send = (events: IngestEvent[], options?: RequestOptions) => Promise<EventResult[]>;

export class IngestBuffer {
  private readonly queue: IngestEvent[] = [];
  private readonly maxBatch: number;
  private readonly flushIntervalMs: number;
  private readonly maxQueue: number;
  private readonly maxRetryDelayMs: number;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** Sends run one after another, so batches arrive in the order their events were added. */
  private chain: Promise<void> = Promise.resolve();
  private failures = 0;
  private closed = false;
  private delivered = 0;
  private rejectedCount = 0;

  constructor(
    private readonly send: Send,
    private readonly options: IngestBufferOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 100;
    if (!Number.isInteger(this.maxBatch) || this.maxBatch < 1 || this.maxBatch > 1000) throw new RangeError('maxBatch must be an integer from 1 to 1000');
    this.flushIntervalMs = options.flushIntervalMs ?? 1000;
    this.maxQueue = options.maxQueue ?? 10_000;
    this.maxRetryDelayMs = options.maxRetryDelayMs ?? 30_000;
  }

  get stats(): IngestBufferStats {
    return { queued: this.queue.length, delivered: this.delivered, rejected: this.rejectedCount };
  }

  /**
   * Queues an event built by hand (the helpers below build them for you). Throws if the buffer is
   * shut down or full; once it returns, the event will be delivered or reported.
   */
  add(event: IngestEvent): void {
    if (this.closed) throw new Error('the ingest buffer is shut down; create a new one to send more events');
    if (this.queue.length >= this.maxQueue) throw new BufferFullError(this.maxQueue);
    this.queue.push(event);
    if (this.queue.length >= this.maxBatch && this.failures === 0) this.sendInBackground();
    else this.schedule(this.flushIntervalMs);
  }

  /**
   * Queues `session.started`; returns the session id (generated unless given).
   *
   * @example
   * const sessionId = buffer.startSession({ userId: 'u42' });
   */
  startSession(v: { userId: string; sessionId?: string } & EventMeta): string {
    const e = sessionStartedEvent(v);
    this.add(e);
    return e.sessionId;
  }

  /**
   * Queues a `message` event; returns its message id (generated unless given). Unlike the client's
   * `recordTurn`, the policy's verdict is not returned: use the client when the chat product must
   * know at once that a session was ended.
   *
   * @example
   * const messageId = buffer.recordTurn(sessionId, { role: 'assistant', content: answer, model: 'gpt-4o' });
   */
  recordTurn(sessionId: string, turn: TurnInput & EventMeta): string {
    const e = messageEvent(sessionId, turn);
    this.add(e);
    return e.messageId;
  }

  /** Queues `session.ended` (the user closed the conversation). */
  endSession(sessionId: string, v: EventMeta = {}): void {
    this.add(sessionEndedEvent(sessionId, v));
  }

  /** Queues a like, dislike or copy of an assistant message. */
  feedback(messageId: string, kind: FeedbackKind, v: { userId?: string } & EventMeta = {}): void {
    this.add(feedbackEvent(messageId, kind, v));
  }

  /** Queues a `connection` (an end user signed in to the chat product). */
  connection(userId: string, v: { email?: string } & EventMeta = {}): void {
    this.add(connectionEvent(userId, v));
  }

  /**
   * Sends every queued event now, in batches of `maxBatch`; resolves once the server has answered
   * for all of them, rejects with the send's error otherwise (the events stay queued).
   */
  flush(options?: RequestOptions): Promise<void> {
    this.clearTimer();
    const run = this.chain.then(() => this.sendQueued(options));
    this.chain = run.catch(() => {});
    return run;
  }

  /**
   * Stops accepting events and delivers every queued one, retrying until `timeoutMs` (default
   * 30 s) has passed. Rejects with `UndeliveredEventsError` (its `events` are the undelivered ones,
   * in order) if Chatlens could not take them all — call it before your process exits.
   *
   * @example
   * process.once('SIGTERM', async () => {
   *   await buffer.shutdown().catch((err) => saveForLater(err.events));
   *   process.exit(0);
   * });
   */
  async shutdown(opts: { timeoutMs?: number } = {}): Promise<IngestBufferStats> {
    this.closed = true;
    this.clearTimer();
    const deadline = new AbortController();
    const limit = setTimeout(() => deadline.abort(new Error('shutdown time-out passed')), opts.timeoutMs ?? 30_000);
    let lastError: unknown = null;
    try {
      for (let attempt = 1; this.queue.length > 0; attempt++) {
        try {
          await this.flush({ signal: deadline.signal });
        } catch (err) {
          lastError = err;
          if (deadline.signal.aborted) break;
          await new Promise<void>((resolve) => {
            const t = setTimeout(resolve, Math.min(this.maxRetryDelayMs, 250 * 2 ** attempt));
            deadline.signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
          });
          if (deadline.signal.aborted) break;
        }
      }
    } finally {
      clearTimeout(limit);
    }
    if (this.queue.length > 0) throw new UndeliveredEventsError(this.queue.slice(), { cause: lastError ?? deadline.signal.reason });
    return this.stats;
  }

  private async sendQueued(options?: RequestOptions): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.slice(0, this.maxBatch);
      const results = await this.send(batch, options);
      // Answered: the batch leaves the queue. Only this loop removes events, one send at a time.
      this.queue.splice(0, batch.length);
      results.forEach((r, i) => {
        if (r.status === 'rejected') {
          this.rejectedCount++;
          this.options.onRejected?.(batch[i], r.error ?? 'rejected');
        } else this.delivered++;
      });
    }
  }

  private sendInBackground(): void {
    this.flush().then(
      () => {
        this.failures = 0;
        if (this.queue.length > 0) this.schedule(this.flushIntervalMs);
      },
      (err: unknown) => {
        this.failures++;
        this.options.onError?.(err);
        if (!this.closed) this.schedule(Math.min(this.maxRetryDelayMs, this.flushIntervalMs * 2 ** this.failures));
      },
    );
  }

  private schedule(ms: number): void {
    if (this.timer || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.sendInBackground();
    }, ms);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
