/**
 * Every table, as Kysely sees it. Rows stay in the data layer: converters in each module turn
 * them into domain objects. Timestamps are ISO 8601 strings in UTC with milliseconds
 * (`2026-04-08T12:00:00.000Z`), so they sort as text and read the same on both dialects; days are
 * `YYYY-MM-DD` strings (UTC calendar days). JSON columns are text.
 */
import type { Generated, Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { ProxyThreadsTable, ProxyUpstreamsTable } from './proxy-tables.js';
import type { UploadRefusalsTable } from './upload-refusal-table.js';

export interface CompaniesTable {
  id: Generated<number>;
  name: string;
  /** JSON: CompanyPolicy */
  policy: string;
  created_at: string;
  /** Days raw traffic is kept (modules/privacy); null: forever. */
  retention_days: number | null;
  /** Rollups before this UTC day are kept though retention deleted their raw rows; `rollups verify` compares from it. */
  raw_kept_from: string | null;
  /** Minutes without activity after which an open session counts as ended (default 30). */
  idle_minutes: Generated<number>;
  /** The company's own request rate per credential; null: the server's default. 0: no limit. */
  rate_limit_per_second: number | null;
  rate_limit_burst: number | null;
}

export interface AccountsTable {
  id: Generated<number>;
  company_id: number;
  email: string;
  role: 'admin' | 'analyst';
  password_hash: string;
  active: number;
  created_at: string;
}

export interface ApiKeysTable {
  id: Generated<number>;
  /** null: a platform admin key. */
  company_id: number | null;
  /** Public part of the key, used to find the row; the secret is only stored hashed. */
  lookup: string;
  /** sha256 of the whole key, hex. */
  hash: string;
  role: 'admin' | 'analyst' | 'ingest';
  name: string | null;
  created_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

export interface WebSessionsTable {
  /** sha256 of the cookie token, hex. */
  id: string;
  company_id: number;
  account_id: number;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export interface IngestedEventsTable {
  company_id: number;
  /** event: an id sent by the chat product; live: a live turn (`<session>:<message>`, each escaped); upload: an upload's record; otlp: a message of a trace (its id, derived from the session and the conversation before it). */
  scope: 'event' | 'live' | 'upload' | 'otlp';
  event_id: string;
  type: string;
  received_at: string;
}

export interface ChatSessionsTable {
  company_id: number;
  id: string;
  user_id: string | null;
  created_at: string;
  last_activity_at: string;
  ended_at: string | null;
  ended_reason: 'user' | 'violation' | null;
  message_count: number;
  last_message: string | null;
  /** live | upload | proxy | otlp: chat/events.ts SESSION_SOURCES, the only values the write path stores. */
  source: string;
  upload_id: number | null;
}

export interface MessagesTable {
  company_id: number;
  id: string;
  session_id: string;
  /** Position in the session, from 0. */
  seq: number;
  role: 'user' | 'assistant' | 'system' | 'tool';
  content: string;
  user_id: string | null;
  model: string | null;
  /** Prompt and completion tokens of the answer and its latency, when the producer sent them. */
  input_tokens: number | null;
  output_tokens: number | null;
  latency_ms: number | null;
  /** Cost of the answer in nano-dollars, priced when stored; null without tokens or without a price for its model. */
  cost_nanos: number | null;
  /** JSON: [{ id, filename, title, content? }] */
  documents: string | null;
  /** JSON: [{ name }] */
  tools: string | null;
  created_at: string;
  /** Whether the turn went through the analysis engine (user and assistant turns do). */
  analyzed: number;
  /** Engine version that produced the findings. */
  engine_version: string | null;
  source: string;
  upload_id: number | null;
}

export interface FindingsTable {
  id: Generated<number>;
  company_id: number;
  message_id: string;
  session_id: string;
  /** UTC day of the message, the day its rollups were counted on. */
  day: string;
  category: string;
  subtype: string;
  score: number;
  severity: string;
  /** JSON: Span[] */
  spans: string;
  explanation: string;
  detector: string;
  /** An analyst's review: null (not reviewed), 'confirmed' or 'dismissed' (stops counting in trends and lists). */
  review_status: 'confirmed' | 'dismissed' | null;
  review_note: string | null;
  /** Who reviewed: `account:<id>` or `key:<id>`. */
  reviewed_by: string | null;
  reviewed_at: string | null;
}

/** A turn an analyst flagged as missed by the engine: a labelled example, not counted in trends. */
export interface MissedFindingsTable {
  id: Generated<number>;
  company_id: number;
  message_id: string;
  session_id: string;
  /** UTC day of the message. */
  day: string;
  category: string;
  subtype: string;
  /** JSON: [{ start, end, text, where: 'turn' }] */
  spans: string;
  note: string | null;
  created_by: string;
  created_at: string;
}

export interface FeedbackTable {
  company_id: number;
  id: string;
  message_id: string;
  kind: 'like' | 'dislike' | 'copy';
  user_id: string | null;
  created_at: string;
}

export interface ConnectionsTable {
  company_id: number;
  id: string;
  user_id: string;
  email: string | null;
  created_at: string;
}

export interface EndUsersTable {
  company_id: number;
  user_id: string;
  email: string | null;
  first_seen_at: string;
  last_seen_at: string;
  last_connection_at: string | null;
}

export interface MonitorCursorsTable {
  company_id: number;
  session_id: string;
  /** The session's lastActivityAt when it was handed out as a cursor. */
  last_activity_at: string;
  issued_at: string;
}

export interface UploadsTable {
  id: Generated<number>;
  company_id: number;
  filename: string;
  format: string | null;
  sha256: string;
  size_bytes: number;
  status: 'queued' | 'processing' | 'done' | 'failed';
  bytes_processed: number;
  lines_processed: number;
  turns_processed: number;
  sessions_created: number;
  error_count: number;
  /** JSON: [{ line, reason }] — the first 100 */
  errors: string;
  message: string | null;
  storage_path: string;
  received_at: string;
  /** UTC day the upload was received; what trends' uploadCount counts. */
  day: string;
  started_at: string | null;
  finished_at: string | null;
  lease_until: string | null;
  attempts: number;
  /** JSON: the job contract (modules/uploads/uploads.queue.ts), validated on enqueue and on claim. */
  payload: string;
}

/** Daily per-company counters, updated in the same transaction as the raw rows. */
export interface DailyRollupsTable {
  company_id: number;
  day: string;
  turns_analyzed: number;
  hallucination_flagged: number;
  bias_flagged: number;
  toxicity_flagged: number;
  issues: number;
  sessions_count: number;
  /** Messages of the sessions created on this day (numerator of average_session_length). */
  session_messages: number;
  user_queries: number;
  model_responses: number;
  model_responses_with_docs: number;
  last_model_response_at: string | null;
  likes: number;
  dislikes: number;
  copies: number;
  uploads: number;
}

export interface DailySubtypesTable {
  company_id: number;
  day: string;
  subtype: string;
  count: number;
}

export interface DailyModelsTable {
  company_id: number;
  day: string;
  model: string;
  count: number;
}

export interface DailyToolsTable {
  company_id: number;
  day: string;
  tool_name: string;
  count: number;
}

export interface DailyDocumentsTable {
  company_id: number;
  day: string;
  document_id: number;
  filename: string;
  title: string | null;
  count: number;
}

export interface DailyUsersTable {
  company_id: number;
  day: string;
  user_id: string;
  user_queries: number;
  last_connection_at: string | null;
}

/** Kept by triggers on daily_users and end_users (migration 20270203000000_daily_user_counts). */
export type DailyUserCountsTable = Pick<DailyUsersTable, 'company_id' | 'day'> & { active_users: number; revision: number };

export interface WebhooksTable {
  id: Generated<number>;
  company_id: number;
  url: string;
  description: string | null;
  /** json | slack */
  format: string;
  /** The signing secret: needed in clear to sign, so stored as is; never answered after creation, never logged. */
  secret: string;
  active: number;
  on_violation: number;
  /** Deliver findings at or above this severity; null: none. */
  min_severity: string | null;
  /** Deliver when a category's daily rate reaches this (0..1); null: off. */
  rate_threshold: number | null;
  /** Turns analysed that day before a rate counts. */
  rate_min_turns: number;
  created_at: string;
  updated_at: string;
}

/** A delivery is a job (modules/webhooks/webhooks.queue.ts): pending → delivering (leased) → delivered | failed. */
export interface WebhookDeliveriesTable {
  id: Generated<number>;
  company_id: number;
  webhook_id: number;
  event_type: string;
  /** Unique per webhook: the same event is never enqueued twice. */
  event_key: string;
  /** JSON: the event as delivered in the `json` format. */
  payload: string;
  status: 'pending' | 'delivering' | 'delivered' | 'failed';
  attempts: number;
  next_attempt_at: string;
  lease_until: string | null;
  created_at: string;
  finished_at: string | null;
  last_status_code: number | null;
  last_error: string | null;
}

export interface WebhookAttemptsTable {
  company_id: number;
  delivery_id: number;
  attempt: number;
  started_at: string;
  duration_ms: number;
  status_code: number | null;
  /** The first 1,000 characters of the response body. */
  response: string | null;
  error: string | null;
}

/** Erasures, retention changes and purges (modules/privacy): who, when, what, counts. */
export interface AuditLogTable {
  id: Generated<number>;
  company_id: number;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  /** JSON object: rows removed per kind, or the setting's old and new value. */
  counts: string;
}

/** A company's own price of a model (name normalised) over the shipped defaults, in micro-dollars per million tokens. */
export interface ModelPricesTable { company_id: number; model: string; input_micros_per_million: number; output_micros_per_million: number; updated_at: string }
/** Daily usage per model ('' without one) of messages that reported tokens or latency; `unpriced_responses`: tokens but no price. */
export interface DailyUsageTable { company_id: number; day: string; model: string; responses: number; input_tokens: number; output_tokens: number; cost_nanos: number; unpriced_responses: number; latency_ms_sum: number; latency_count: number }

export interface DB {
  companies: CompaniesTable;
  accounts: AccountsTable;
  api_keys: ApiKeysTable;
  web_sessions: WebSessionsTable;
  ingested_events: IngestedEventsTable;
  chat_sessions: ChatSessionsTable;
  messages: MessagesTable;
  proxy_upstreams: ProxyUpstreamsTable;
  proxy_threads: ProxyThreadsTable;
  findings: FindingsTable;
  missed_findings: MissedFindingsTable;
  feedback: FeedbackTable;
  connections: ConnectionsTable;
  end_users: EndUsersTable;
  monitor_cursors: MonitorCursorsTable;
  uploads: UploadsTable;
  upload_refusals: UploadRefusalsTable;
  daily_rollups: DailyRollupsTable;
  daily_subtypes: DailySubtypesTable;
  daily_models: DailyModelsTable;
  daily_tools: DailyToolsTable;
  daily_documents: DailyDocumentsTable;
  daily_users: DailyUsersTable;
  daily_user_counts: DailyUserCountsTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_attempts: WebhookAttemptsTable;
  audit_log: AuditLogTable;
  model_prices: ModelPricesTable;
  daily_usage: DailyUsageTable;
}

/** A database handle or an open transaction: repositories take either. */
export type Executor = Kysely<DB> | Transaction<DB>;

export type ChatSessionRow = Selectable<ChatSessionsTable>;
export type MessageRow = Selectable<MessagesTable>;
export type NewMessage = Insertable<MessagesTable>;
export type FindingRow = Selectable<FindingsTable>;
/** A finding as the write path stores it: not reviewed yet. */
export type NewFindingRow = Omit<FindingRow, 'id' | 'review_status' | 'review_note' | 'reviewed_by' | 'reviewed_at'>;
export type UploadRow = Selectable<UploadsTable>;
export type CompanyRow = Selectable<CompaniesTable>;
export type WebhookRow = Selectable<WebhooksTable>;
export type WebhookDeliveryRow = Selectable<WebhookDeliveriesTable>;
export type WebhookAttemptRow = Selectable<WebhookAttemptsTable>;
