/**
 * The Chatlens TypeScript SDK: typed calls over the public HTTP API, pagination iterators, and
 * helpers that flatten and merge the reporting API into one row per day.
 *
 * @example
 * ```ts
 * import { ChatlensClient } from 'chatlens/client';
 * const chatlens = new ChatlensClient({ baseUrl: 'http://127.0.0.1:8080', apiKey: myKey });
 * const turn = await chatlens.recordTurn('session-1', { messageId: 'm1', role: 'user', content: 'Hello' });
 * if (turn.session.endedReason === 'violation') handOffToHuman();
 * for await (const s of chatlens.monitorSessions({ limit: 50 })) console.log(s.id, s.lastMessage);
 * ```
 */
import { errorFromResponse } from './errors.js';
import type {
  ChatSessionsDay,
  DocumentsDay,
  EventResult,
  FeedbackDay,
  FlaggedTurnPage,
  IngestEvent,
  LiveTurnResult,
  MembersReport,
  MessageFields,
  MonitorPage,
  MonitorSession,
  Report,
  ReportQuery,
  ToolsDay,
  Transcript,
  Trends,
  Upload,
  UserActivitiesDay,
} from './types.js';

export * from './errors.js';
export * from './merge.js';
export type * from './types.js';

export interface ClientOptions {
  /** e.g. `http://127.0.0.1:8080` */
  baseUrl: string;
  apiKey: string;
  /** Platform admin keys act on the company named here. */
  companyId?: number;
  fetch?: typeof fetch;
}

/** The ingest API takes at most this many events per request; `ingest` splits larger arrays. */
export const MAX_EVENTS_PER_REQUEST = 1000;

type Query = Record<string, string | number | boolean | undefined>;

export class ChatlensClient {
  private readonly baseUrl: string;
  private readonly doFetch: typeof fetch;

  constructor(private readonly options: ClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.doFetch = options.fetch ?? globalThis.fetch;
  }

  private url(path: string, query: Query = {}): string {
    const q = new URLSearchParams();
    const all: Query = { company_id: this.options.companyId, ...query };
    for (const [k, v] of Object.entries(all)) if (v !== undefined) q.set(k, String(v));
    const s = q.toString();
    return `${this.baseUrl}${path}${s ? `?${s}` : ''}`;
  }

  private async request<T>(method: string, path: string, query?: Query, body?: unknown): Promise<T> {
    const res = await this.doFetch(this.url(path, query), {
      method,
      headers: {
        authorization: `Bearer ${this.options.apiKey}`,
        ...(body !== undefined && !(body instanceof FormData) ? { 'content-type': 'application/json' } : {}),
      },
      body: body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = null;
    }
    if (!res.ok) throw errorFromResponse(res.status, parsed);
    return parsed as T;
  }

  /** Sends events in requests of at most 1,000; results come back in order. */
  async ingest(events: IngestEvent[]): Promise<EventResult[]> {
    const out: EventResult[] = [];
    for (let i = 0; i < events.length; i += MAX_EVENTS_PER_REQUEST) {
      const chunk = events.slice(i, i + MAX_EVENTS_PER_REQUEST);
      out.push(...(await this.request<{ results: EventResult[] }>('POST', '/api/ingest', {}, { events: chunk })).results);
    }
    return out;
  }

  /** Records one live turn; the answer says at once whether the session was ended for a violation. */
  recordTurn(sessionId: string, turn: MessageFields): Promise<LiveTurnResult> {
    return this.request('POST', `/api/sessions/${encodeURIComponent(sessionId)}/messages`, {}, turn);
  }

  /** One page of the live monitor. */
  monitorPage(opts: { since?: string; limit?: number; cursor?: string } = {}): Promise<MonitorPage> {
    return this.request('GET', '/api/monitor/sessions', opts);
  }

  /** Every session active since `since`, following `nextCursor` page by page. */
  async *monitorSessions(opts: { since?: string; limit?: number } = {}): AsyncGenerator<MonitorSession> {
    let cursor: string | undefined;
    do {
      const page = await this.monitorPage({ ...opts, cursor });
      yield* page.sessions;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }

  trends(days = 30): Promise<Trends> {
    return this.request('GET', '/api/trends', { days });
  }

  /** The flagged turns behind the trends breakdown, newest first; follow `nextCursor` for more. */
  flaggedTurns(q: { days?: number; category?: string; subtype?: string; limit?: number; cursor?: string } = {}): Promise<FlaggedTurnPage> {
    return this.request('GET', '/api/findings', q);
  }

  session(id: string): Promise<Transcript> {
    return this.request('GET', `/api/sessions/${encodeURIComponent(id)}`);
  }

  readonly reporting = {
    chatSessions: (q: ReportQuery) => this.request<Report<ChatSessionsDay>>('GET', '/api/v2/reporting/chat-sessions/', { ...q }),
    chatsFeedback: (q: ReportQuery) => this.request<Report<FeedbackDay>>('GET', '/api/v2/reporting/chats-feedback/', { ...q }),
    tools: (q: ReportQuery) => this.request<Report<ToolsDay>>('GET', '/api/v2/reporting/tools/', { ...q }),
    usedDocuments: (q: ReportQuery) => this.request<Report<DocumentsDay>>('GET', '/api/v2/reporting/used-documents/', { ...q }),
    userActivities: (q: ReportQuery) => this.request<Report<UserActivitiesDay>>('GET', '/api/v2/reporting/user-activities/', { ...q }),
    users: (q: ReportQuery) => this.request<MembersReport>('GET', '/api/v2/reporting/users/', { ...q }),
  };

  /** Uploads a transcript file; processing continues on the server (see `upload` / `waitForUpload`). */
  async uploadTranscript(
    file: Blob,
    filename: string,
    opts: { format?: string; force?: boolean } = {},
  ): Promise<{ upload: Upload; duplicate: boolean }> {
    const form = new FormData();
    if (opts.format) form.set('format', opts.format);
    if (opts.force) form.set('force', 'true');
    form.set('file', file, filename);
    return this.request('POST', '/api/uploads', {}, form);
  }

  upload(id: number): Promise<Upload> {
    return this.request('GET', `/api/uploads/${id}`);
  }

  async uploads(): Promise<Upload[]> {
    return (await this.request<{ uploads: Upload[] }>('GET', '/api/uploads')).uploads;
  }

  /** Polls an upload until it is done or failed. */
  async waitForUpload(id: number, opts: { intervalMs?: number; timeoutMs?: number; onProgress?: (u: Upload) => void } = {}): Promise<Upload> {
    const deadline = Date.now() + (opts.timeoutMs ?? 10 * 60_000);
    for (;;) {
      const u = await this.upload(id);
      opts.onProgress?.(u);
      if (u.status === 'done' || u.status === 'failed') return u;
      if (Date.now() > deadline) throw new Error(`upload ${id} still ${u.status} after ${opts.timeoutMs ?? 600_000} ms`);
      await new Promise((r) => setTimeout(r, opts.intervalMs ?? 500));
    }
  }
}
