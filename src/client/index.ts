/**
 * The Chatlens TypeScript SDK (`chatlens/client`): typed calls over the public HTTP API with
 * time-outs, cancellation and retries; helpers that build ingest events for you; a batching ingest
 * buffer; async iterators over paginated lists; and helpers that flatten and merge the reporting
 * API into one row per day. Runs wherever `fetch` does — Node ≥ 20, browsers, Deno, Bun — and
 * imports nothing from Node.
 *
 * @example
 * ```ts
 * import { ChatlensClient } from 'chatlens/client';
 * const chatlens = new ChatlensClient(); // CHATLENS_URL, CHATLENS_API_KEY
 * const sessionId = await chatlens.startSession({ userId: 'u42' });
 * const turn = await chatlens.recordTurn(sessionId, { role: 'user', content: 'Hello' });
 * if (turn.session.endedReason === 'violation') handOffToHuman();
 * for await (const s of chatlens.monitorSessions({ limit: 50 })) console.log(s.id, s.lastMessage);
 * ```
 */
import { IngestBuffer, type IngestBufferOptions } from './batch.js';
import { EventRejectedError } from './errors.js';
import { connectionEvent, feedbackEvent, newId, sessionEndedEvent, sessionStartedEvent, type EventMeta } from './events.js';
import type { Query, RequestOptions, Transport } from './http.js';
import { type ClientOptions, transportFor } from './options.js';
import { everyItem } from './pages.js';
import { reportingCalls } from './reporting.js';
import { Reviews } from './reviews.js';
import { Usage } from './usage.js';
import type {
  EventResult,
  FeedbackKind,
  FlaggedTurn,
  FlaggedTurnPage,
  FlaggedTurnQuery,
  IngestEvent,
  LiveTurnResult,
  MonitorPage,
  MonitorQuery,
  MonitorSession,
  EndUser,
  SearchQuery,
  SessionSearchPage,
  Transcript,
  TranscriptMessage,
  TranscriptQuery,
  Trends,
  TurnInput,
  Upload,
  UploadRefusal,
} from './types.js';

export { IngestBuffer, type IngestBufferOptions, type IngestBufferStats } from './batch.js';
export * from './errors.js';
export { connectionEvent, feedbackEvent, messageEvent, newId, sessionEndedEvent, sessionStartedEvent, type EventMeta } from './events.js';
export type { Reviews } from './reviews.js';
export type { Usage } from './usage.js';
export type { RequestOptions } from './http.js';
export type { ClientOptions } from './options.js';
export * from './merge.js';
export type * from './types.js';

/** The ingest API takes at most this many events per request; `ingest` splits larger arrays. */
export const MAX_EVENTS_PER_REQUEST = 1000;

export class ChatlensClient {
  private readonly http: Transport;
  /** Reviewing findings: `review`, `flagMissed`, `queue`, `precision`. */
  readonly reviews: Reviews;
  /** Tokens, cost and latency per day and model, and the prices answers are costed with (`./usage.ts`). */
  readonly usage: Usage;
  /**
   * The six `/api/v2/reporting/*` reports; `start_date` is required, `end_date` defaults to today (UTC).
   *
   * @example
   * const report = await chatlens.reporting.chatSessions({ start_date: '2026-01-01', end_date: '2026-01-31' });
   */
  readonly reporting: ReturnType<typeof reportingCalls>;

  /**
   * @example
   * const chatlens = new ChatlensClient({ baseUrl: 'https://chatlens.example.com', apiKey: key, timeoutMs: 5_000 });
   */
  constructor(options: ClientOptions = {}) {
    this.http = transportFor(options);
    this.reviews = new Reviews(this.http);
    this.usage = new Usage(this.http);
    this.reporting = reportingCalls(this.http);
  }

  /**
   * Every session matching the filters (`GET /api/search/sessions`: any age, `q` searches message
   * text), newest activity first, page by page.
   *
   * @example
   * for await (const s of chatlens.searchSessions({ q: 'refund*', category: 'toxicity' })) console.log(s.id, s.userId);
   */
  async *searchSessions(q: SearchQuery = {}, options?: RequestOptions): AsyncGenerator<MonitorSession> {
    yield* everyItem((cursor) => this.get<SessionSearchPage>('/api/search/sessions', { ...q, cursor }, options), (page) => page.sessions);
  }

  /** One end user: sessions and findings counts, activity per day over the last `days` days. */
  endUser(userId: string, days = 90, options?: RequestOptions): Promise<EndUser> {
    return this.get(`/api/users/${encodeURIComponent(userId)}`, { days }, options);
  }

  private get<T>(path: string, query?: Query, options?: RequestOptions): Promise<T> {
    return this.http.request<T>({ method: 'GET', path, query, idempotent: true, options });
  }

  // ── Sending traffic ──────────────────────────────────────────────────────────────────────

  /**
   * Sends events to `POST /api/ingest`, in requests of at most 1,000; results come back in order,
   * one per event (`accepted`, `duplicate` — an id already stored — or `rejected` with its reason).
   * Retried on failure: the event id makes a repeated event a duplicate, never a second copy.
   *
   * @example
   * const [r] = await chatlens.ingest([messageEvent('s1', { role: 'user', content: 'Hi' })]);
   */
  async ingest(events: IngestEvent[], options?: RequestOptions): Promise<EventResult[]> {
    const out: EventResult[] = [];
    for (let i = 0; i < events.length; i += MAX_EVENTS_PER_REQUEST) {
      const chunk = events.slice(i, i + MAX_EVENTS_PER_REQUEST);
      const res = await this.http.request<{ results: EventResult[] }>({ method: 'POST', path: '/api/ingest', body: { events: chunk }, idempotent: true, options });
      out.push(...res.results);
    }
    return out;
  }

  /** Sends one event; throws `EventRejectedError` if the server refused it. */
  private async sendEvent(event: IngestEvent, options?: RequestOptions): Promise<void> {
    const [r] = await this.ingest([event], options);
    if (r?.status === 'rejected') throw new EventRejectedError(event.id, r.error ?? 'rejected');
  }

  /**
   * Records that an end user opened a conversation; returns the session id (generated unless given).
   *
   * @example
   * const sessionId = await chatlens.startSession({ userId: 'u42' });
   */
  async startSession(v: { userId: string; sessionId?: string } & EventMeta, options?: RequestOptions): Promise<string> {
    const e = sessionStartedEvent(v);
    await this.sendEvent(e, options);
    return e.sessionId;
  }

  /**
   * Records one live turn, analysed at once: the answer carries the findings kept by the company's
   * policy and whether the session was just ended for a violation. `messageId` is generated when not
   * given (it is then in `result.message.id`); message ids are unique per company, and re-sending the
   * same turn (a retry) returns the stored one. A new turn on an ended session is a `ConflictError`.
   *
   * @example
   * const turn = await chatlens.recordTurn(sessionId, {
   *   role: 'assistant', content: answer, model: 'gpt-4o',
   *   inputTokens: usage.prompt_tokens, outputTokens: usage.completion_tokens, latencyMs: Date.now() - askedAt,
   * });
   * if (turn.session.endedReason === 'violation') transferToAgent(turn.findings);
   */
  recordTurn(sessionId: string, turn: TurnInput, options?: RequestOptions): Promise<LiveTurnResult> {
    const body = { ...turn, messageId: turn.messageId ?? newId() };
    return this.http.request({ method: 'POST', path: `/api/sessions/${encodeURIComponent(sessionId)}/messages`, body, idempotent: true, options });
  }

  /**
   * Records that the user closed the conversation (a session ended for a violation is ended by Chatlens).
   *
   * @example
   * await chatlens.endSession(sessionId);
   */
  endSession(sessionId: string, v: EventMeta = {}, options?: RequestOptions): Promise<void> {
    return this.sendEvent(sessionEndedEvent(sessionId, v), options);
  }

  /**
   * Records a like, dislike or copy of an assistant message.
   *
   * @example
   * await chatlens.feedback(turn.message.id, 'like', { userId: 'u42' });
   */
  feedback(messageId: string, kind: FeedbackKind, v: { userId?: string } & EventMeta = {}, options?: RequestOptions): Promise<void> {
    return this.sendEvent(feedbackEvent(messageId, kind, v), options);
  }

  /**
   * Records that an end user signed in to the chat product (user-activities and members reports).
   *
   * @example
   * await chatlens.connection('u42', { email: 'ana@example.com' });
   */
  connection(userId: string, v: { email?: string } & EventMeta = {}, options?: RequestOptions): Promise<void> {
    return this.sendEvent(connectionEvent(userId, v), options);
  }

  /**
   * A buffer that batches events and sends them in the background (see `IngestBuffer`); call its
   * `shutdown()` before the process exits.
   *
   * @example
   * const buffer = chatlens.createIngestBuffer({ maxBatch: 200, flushIntervalMs: 2_000 });
   * const sessionId = buffer.startSession({ userId: 'u42' });
   * buffer.recordTurn(sessionId, { role: 'user', content: 'Hello' });
   * await buffer.shutdown();
   */
  createIngestBuffer(options?: IngestBufferOptions): IngestBuffer {
    return new IngestBuffer((events, o) => this.ingest(events, o), options);
  }

  // ── Monitoring ───────────────────────────────────────────────────────────────────────────

  /** One page of the live monitor; `cursor` is the previous page's `nextCursor`. */
  monitorPage(q: MonitorQuery & { cursor?: string } = {}, options?: RequestOptions): Promise<MonitorPage> {
    return this.get('/api/monitor/sessions', { ...q }, options);
  }

  /**
   * Every session active since `since`, newest activity first, following `nextCursor` page by page.
   *
   * @example
   * for await (const s of chatlens.monitorSessions({ since: new Date(Date.now() - 3_600_000).toISOString() })) console.log(s.id);
   */
  async *monitorSessions(q: MonitorQuery = {}, options?: RequestOptions): AsyncGenerator<MonitorSession> {
    yield* everyItem((cursor) => this.monitorPage({ ...q, cursor }, options), (page) => page.sessions);
  }

  /**
   * A session and one page of its transcript (100 messages by default, at most 500, fewer when
   * they are very long); pass the page's `nextCursor` as `cursor` for the next one.
   *
   * @example
   * const first = await chatlens.session('s1');
   * const second = first.nextCursor ? await chatlens.session('s1', { cursor: first.nextCursor }) : null;
   */
  session(id: string, q: TranscriptQuery = {}, options?: RequestOptions): Promise<Transcript> {
    return this.get(`/api/sessions/${encodeURIComponent(id)}`, { ...q }, options);
  }

  /**
   * Every message of a session, in order, following `nextCursor` page by page.
   *
   * @example
   * for await (const m of chatlens.sessionMessages('s1')) console.log(m.index, m.role, m.findings.length);
   */
  async *sessionMessages(id: string, q: Pick<TranscriptQuery, 'limit'> = {}, options?: RequestOptions): AsyncGenerator<TranscriptMessage> {
    yield* everyItem((cursor) => this.session(id, { ...q, cursor }, options), (page) => page.messages);
  }

  /**
   * A whole transcript, every page loaded (`nextCursor` is then null). For a very long session,
   * prefer `sessionMessages`, which holds one page at a time.
   */
  async transcript(id: string, options?: RequestOptions): Promise<Transcript> {
    const first = await this.session(id, { limit: 500 }, options);
    const messages = [...first.messages];
    let cursor = first.nextCursor;
    while (cursor) {
      const page = await this.session(id, { limit: 500, cursor }, options);
      messages.push(...page.messages);
      cursor = page.nextCursor;
    }
    return { ...first, messages, nextCursor: null };
  }

  /** Daily trends over the last `days` days (1–365), with the prior period and the subtype breakdown. */
  trends(days = 30, options?: RequestOptions): Promise<Trends> {
    return this.get('/api/trends', { days }, options);
  }

  /** One page of the flagged turns behind the trends breakdown, newest first; follow `nextCursor` for more. */
  flaggedTurns(q: FlaggedTurnQuery & { cursor?: string } = {}, options?: RequestOptions): Promise<FlaggedTurnPage> {
    return this.get('/api/findings', { ...q }, options);
  }

  /**
   * Every flagged turn of the window, page by page.
   *
   * @example
   * for await (const f of chatlens.iterateFlaggedTurns({ category: 'toxicity', days: 7 })) console.log(f.subtype, f.excerpt);
   */
  async *iterateFlaggedTurns(q: FlaggedTurnQuery = {}, options?: RequestOptions): AsyncGenerator<FlaggedTurn> {
    yield* everyItem((cursor) => this.flaggedTurns({ ...q, cursor }, options), (page) => page.findings);
  }

  // ── Uploads ──────────────────────────────────────────────────────────────────────────────

  /**
   * Uploads a transcript file; processing continues on the server (`upload(id)`, `waitForUpload`).
   * Not retried: use `force` knowingly, as it processes the same file again.
   *
   * @example
   * const { upload } = await chatlens.uploadTranscript(new Blob([jsonl]), 'chats.jsonl');
   * const done = await chatlens.waitForUpload(upload.id);
   */
  uploadTranscript(file: Blob, filename: string, opts: { format?: string; force?: boolean } = {}, options?: RequestOptions): Promise<{ upload: Upload; duplicate: boolean }> {
    const form = new FormData();
    if (opts.format) form.set('format', opts.format);
    if (opts.force) form.set('force', 'true');
    form.set('file', file, filename);
    return this.http.request({ method: 'POST', path: '/api/uploads', body: form, idempotent: false, options });
  }

  upload(id: number, options?: RequestOptions): Promise<Upload> {
    return this.get(`/api/uploads/${id}`, {}, options);
  }

  /** The most recent uploads (at most `limit`, 1–500, default 100). */
  async uploads(q: { limit?: number } = {}, options?: RequestOptions): Promise<Upload[]> {
    return (await this.get<{ uploads: Upload[] }>('/api/uploads', { ...q }, options)).uploads;
  }

  /**
   * Files the server refused when they were sent (empty, too large, unreadable, unrecognised
   * format), newest first, with the status and reason their uploader got; nothing of them was
   * stored or counted. The newest 100 per company are kept (`limit`: 1–100, default all of them).
   *
   * @example
   * for (const r of await chatlens.uploadRefusals()) console.log(r.refusedAt, r.filename, r.reason);
   */
  async uploadRefusals(q: { limit?: number } = {}, options?: RequestOptions): Promise<UploadRefusal[]> {
    return (await this.get<{ refusals: UploadRefusal[] }>('/api/uploads/refusals', { ...q }, options)).refusals;
  }

  /** Polls an upload until it is done or failed. */
  async waitForUpload(id: number, opts: { intervalMs?: number; timeoutMs?: number; onProgress?: (u: Upload) => void; signal?: AbortSignal } = {}): Promise<Upload> {
    const deadline = Date.now() + (opts.timeoutMs ?? 10 * 60_000);
    for (;;) {
      const u = await this.upload(id, { signal: opts.signal });
      opts.onProgress?.(u);
      if (u.status === 'done' || u.status === 'failed') return u;
      if (Date.now() > deadline) throw new Error(`upload ${id} still ${u.status} after ${opts.timeoutMs ?? 600_000} ms`);
      await new Promise((r) => setTimeout(r, opts.intervalMs ?? 500));
    }
  }
}
