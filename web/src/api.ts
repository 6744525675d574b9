/**
 * The only way the dashboard talks to the server: same-origin fetch with the session cookie, and
 * the CSRF token (handed out at sign-in and by /api/auth/me) on every write.
 */
import type {
  Account, ApiKeyCreated, ApiKeyInfo, AuditPage, CreateAccountBody, CreateApiKeyBody, CreateWebhookBody, DeliveryPage, Erasure, Retention, UpdateAccountBody, UpdateWebhookBody, Webhook, WebhookCreated, ChatSessionsDay, DocumentsDay, FeedbackDay, FlaggedTurnPage, Me, MembersReport, MonitorPage, Policy, Report,
  ToolsDay, Transcript, Trends, Upload, UploadRefusal, UserActivitiesDay, EndUser, FlaggedTurn, FlaggedTurnQuery, MissedBody, MissedFinding, MonitorQuery, PrecisionReport, ReviewBody, ReviewQueuePage,
  SearchQuery, SessionSearchPage, TokenUsageReport,
} from './types';
import type { MonitorSettings } from './types';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The server's id for the request (from the error envelope); support needs it to find the logs. */
    readonly requestId: string | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrfToken: string | null = null;
/** Called when any request answers 401: the session expired or was signed out elsewhere. */
let onUnauthorized: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}
export function getCsrfToken(): string | null {
  return csrfToken;
}
export function setUnauthorizedHandler(fn: (() => void) | null): void {
  onUnauthorized = fn;
}

type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

export async function errorFrom(res: Response): Promise<ApiError> {
  let code = 'HTTP_' + res.status;
  let message = res.statusText || `Request failed (${res.status})`;
  let requestId: string | null = res.headers.get('x-request-id');
  try {
    const body = (await res.json()) as { error?: { code?: string; message?: string; requestId?: string } };
    if (body?.error?.message) message = body.error.message;
    if (body?.error?.code) code = body.error.code;
    if (body?.error?.requestId) requestId = body.error.requestId;
  } catch {
    /* not JSON: keep the status text */
  }
  return new ApiError(res.status, code, message, requestId);
}

export async function request<T>(method: string, path: string, options: { query?: Query; body?: unknown; signal?: AbortSignal; quiet401?: boolean } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(withQuery(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
      signal: options.signal,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK', 'Cannot reach the Chatlens server. Check your connection and try again.');
  }
  if (!res.ok) {
    const err = await errorFrom(res);
    if (res.status === 401 && !options.quiet401) onUnauthorized?.();
    throw err;
  }
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

const get = <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal });

export interface ReportWindow {
  start_date: string;
  end_date: string;
}

export const api = {
  me: () => request<Me>('GET', '/api/auth/me', { quiet401: true }),
  login: (email: string, password: string) => request<Me>('POST', '/api/auth/login', { body: { email, password }, quiet401: true }),
  logout: () => request<void>('POST', '/api/auth/logout'),

  monitor: (q: MonitorQuery & { cursor?: string | null }, signal?: AbortSignal) => get<MonitorPage>('/api/monitor/sessions', q, signal),
  monitorSettings: () => get<MonitorSettings>('/api/monitor/settings'),
  setMonitorSettings: (body: MonitorSettings) => request<MonitorSettings>('PUT', '/api/monitor/settings', { body }),
  searchSessions: (q: SearchQuery & { cursor?: string | null }, signal?: AbortSignal) => get<SessionSearchPage>('/api/search/sessions', q, signal),
  endUser: (userId: string, days: number, signal?: AbortSignal) => get<EndUser>(`/api/users/${encodeURIComponent(userId)}`, { days }, signal),
  reviewQueue: (q: { days: number; limit: number; cursor?: string | null }, signal?: AbortSignal) => get<ReviewQueuePage>('/api/reviews/queue', q, signal),
  reviewFinding: (id: number, body: ReviewBody) => request<FlaggedTurn>('PUT', `/api/findings/${id}/review`, { body }),
  clearReview: (id: number) => request<FlaggedTurn>('DELETE', `/api/findings/${id}/review`),
  flagMissed: (messageId: string, body: MissedBody) => request<MissedFinding>('POST', `/api/messages/${encodeURIComponent(messageId)}/missed`, { body }),
  precision: (days: number, signal?: AbortSignal) => get<PrecisionReport>('/api/reviews/precision', { days }, signal),
  /** A session and one page of its messages; pass the page's `nextCursor` as `cursor` for the next. */
  session: (id: string, q: { limit?: number; cursor?: string | null } = {}, signal?: AbortSignal) =>
    get<Transcript>(`/api/sessions/${encodeURIComponent(id)}`, q, signal),
  trends: (days: number, signal?: AbortSignal) => get<Trends>('/api/trends', { days }, signal),
  findings: (q: FlaggedTurnQuery & { cursor?: string | null }, signal?: AbortSignal) =>
    get<FlaggedTurnPage>('/api/findings', q, signal),

  chatSessions: (w: ReportWindow, signal?: AbortSignal) => get<Report<ChatSessionsDay>>('/api/v2/reporting/chat-sessions/', { ...w }, signal),
  feedback: (w: ReportWindow, signal?: AbortSignal) => get<Report<FeedbackDay>>('/api/v2/reporting/chats-feedback/', { ...w }, signal),
  tools: (w: ReportWindow, signal?: AbortSignal) => get<Report<ToolsDay>>('/api/v2/reporting/tools/', { ...w }, signal),
  documents: (w: ReportWindow, signal?: AbortSignal) => get<Report<DocumentsDay>>('/api/v2/reporting/used-documents/', { ...w }, signal),
  userActivities: (w: ReportWindow, signal?: AbortSignal) => get<Report<UserActivitiesDay>>('/api/v2/reporting/user-activities/', { ...w }, signal),
  members: (w: ReportWindow, signal?: AbortSignal) => get<MembersReport>('/api/v2/reporting/users/', { ...w }, signal),
  tokenUsage: (w: ReportWindow, signal?: AbortSignal) => get<TokenUsageReport>('/api/usage/tokens', { ...w }, signal),

  uploads: (signal?: AbortSignal) => get<{ uploads: Upload[] }>('/api/uploads', undefined, signal),
  upload: (id: number, signal?: AbortSignal) => get<Upload>(`/api/uploads/${id}`, undefined, signal),
  uploadRefusals: (signal?: AbortSignal) => get<{ refusals: UploadRefusal[] }>('/api/uploads/refusals', undefined, signal),

  accounts: () => get<{ accounts: Account[] }>('/api/accounts'),
  addAccount: (body: CreateAccountBody) => request<Account>('POST', '/api/accounts', { body }),
  updateAccount: (id: number, body: UpdateAccountBody) => request<Account>('PATCH', `/api/accounts/${id}`, { body }),
  keys: () => get<{ keys: ApiKeyInfo[] }>('/api/keys'),
  createKey: (body: CreateApiKeyBody) => request<ApiKeyCreated>('POST', '/api/keys', { body }),
  revokeKey: (id: number) => request<void>('DELETE', `/api/keys/${id}`),
  policy: () => get<Policy>('/api/policy'),
  savePolicy: (p: Policy) => request<Policy>('PUT', '/api/policy', { body: p }),

  webhooks: () => get<{ webhooks: Webhook[] }>('/api/webhooks'),
  createWebhook: (body: CreateWebhookBody) => request<WebhookCreated>('POST', '/api/webhooks', { body }),
  updateWebhook: (id: number, body: UpdateWebhookBody) => request<Webhook>('PATCH', `/api/webhooks/${id}`, { body }),
  deleteWebhook: (id: number) => request<void>('DELETE', `/api/webhooks/${id}`),
  testWebhook: (id: number) => request<unknown>('POST', `/api/webhooks/${id}/test`),
  webhookDeliveries: (id: number) => get<DeliveryPage>(`/api/webhooks/${id}/deliveries`, { limit: 20 }),

  retention: () => get<Retention>('/api/retention'),
  setRetention: (days: number | null) => request<Retention>('PUT', '/api/retention', { body: { days } }),
  eraseUser: (userId: string) => request<Erasure>('DELETE', `/api/users/${encodeURIComponent(userId)}`),
  eraseSession: (id: string) => request<Erasure>('DELETE', `/api/sessions/${encodeURIComponent(id)}`),
  auditLog: () => get<AuditPage>('/api/audit-log', { limit: 50 }),
};

export interface UploadProgress {
  loaded: number;
  total: number;
}

/**
 * Multipart upload through XMLHttpRequest, because fetch reports no upload progress.
 * Resolves with the server's answer: 202 for a new upload, 200 when the same file was already uploaded.
 */
export function uploadFile(
  file: File,
  options: { format?: string; force?: boolean; onProgress?: (p: UploadProgress) => void; signal?: AbortSignal },
): Promise<{ upload: Upload; duplicate: boolean }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const form = new FormData();
    if (options.format) form.append('format', options.format);
    if (options.force) form.append('force', 'true');
    // Fields before the file: the server may read them before it streams the file to disk.
    form.append('file', file, file.name);
    xhr.open('POST', '/api/uploads');
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (e) => options.onProgress?.({ loaded: e.loaded, total: e.lengthComputable ? e.total : file.size });
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'The upload was interrupted: cannot reach the Chatlens server.'));
    xhr.onabort = () => reject(new ApiError(0, 'ABORTED', 'Upload cancelled.'));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* handled below */
      }
      if (xhr.status >= 200 && xhr.status < 300 && body && typeof body === 'object' && 'upload' in body) {
        resolve(body as { upload: Upload; duplicate: boolean });
        return;
      }
      const e = (body as { error?: { code?: string; message?: string; requestId?: string } } | null)?.error;
      if (xhr.status === 401) onUnauthorized?.();
      reject(new ApiError(xhr.status, e?.code ?? `HTTP_${xhr.status}`, e?.message ?? `Upload failed (${xhr.status})`, e?.requestId ?? null));
    };
    options.signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(form);
  });
}
