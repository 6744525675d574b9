/**
 * Wire types of the Chatlens HTTP API, as the SDK returns them. Each is the `Static<>` type of the
 * TypeBox schema the server validates and serialises with — one definition per shape — imported
 * here as types only, so the SDK carries no server code at run time.
 */

import type { MessageFields } from '../modules/ingest/ingest.js';

/** `hallucination`, `bias` or `toxicity`. */
export type { Category, Severity, Subtype } from '../analysis/types.js';
/** `user`, `assistant`, `system` or `tool`. */
export type { Role } from '../chat/turn.js';
/** `like`, `dislike` or `copy`. */
export type { FeedbackKind } from '../chat/events.js';
export type { ErrorCode } from '../errors.js';
export type { FindingSpan as Span, StoredFinding as Finding, FlaggedTurn, FlaggedTurnPage } from '../modules/findings/findings.js';
export type {
  DocumentInput as DocumentRef,
  EventResult,
  IngestEventInput as IngestEvent,
  LiveTurnResult,
  MessageFields,
} from '../modules/ingest/ingest.js';
export type { EndedReason, MonitorPage, MonitorSession, MonitorSettings, SessionSearchPage, Transcript, TranscriptDocument, TranscriptMessage, TranscriptQuery } from '../modules/sessions/sessions.js';
export type { PeriodTotals, Trends, TrendsDay } from '../modules/trends/trends.js';
export type { FindingReview, ReviewStatus } from '../modules/findings/findings.js';
export type { MissedBody, MissedFinding, PrecisionReport, ReviewBody, ReviewQueuePage } from '../modules/reviews/reviews.js';
export type { EndUser } from '../modules/end-users/end-users.js';
export type { SessionSource, SessionStatus } from '../modules/sessions/sessions.filters.js';
import type { SessionFilterQuery } from '../modules/sessions/sessions.filters.js';
import type { MonitorQueryParams, SessionSearchQueryParams } from '../modules/sessions/sessions.js';
import type { FlaggedTurnQueryParams } from '../modules/findings/findings.js';

/**
 * The optional session filters of the monitor and the sessions search (all combined with AND):
 * status, end user, findings, category, subtype, minimum severity, source, start time and
 * full-text search over message content (`q`).
 */
export type MonitorFilters = SessionFilterQuery;
export type {
  ChatSessionsDay,
  ChatSessionsReport,
  CompanyRef,
  DocumentsDay,
  FeedbackDay,
  MembersReport,
  Metadata,
  Report,
  ToolsDay,
  UserActivitiesDay,
} from '../modules/reporting/reporting.js';
export type { ModelPrice, ModelUsage, PriceList, SetPriceBody, TokenUsageReport, UsageDay, UsageTotals } from '../modules/usage/usage.js';
export type { ReceivedUpload, Upload, UploadRefusal, UploadStatus } from '../modules/uploads/uploads.js';
export type { Account, AccountRole, ApiKeyCreated, ApiKeyInfo, CreateAccountBody, CreateApiKeyBody, KeyRole, Me, UpdateAccountBody } from '../modules/auth/auth.js';
export type { CompanyInfo, Policy, SubtypeOverride } from '../modules/companies/companies.js';
export type { CreateWebhookBody, Delivery, DeliveryAttempt, DeliveryPage, UpdateWebhookBody, Webhook, WebhookCreated } from '../modules/webhooks/webhooks.js';
export type { AuditEntry, AuditPage, Erasure, Retention } from '../modules/privacy/privacy.js';

/** A report window: `start_date` (required), `end_date` (default: today, UTC), `company_id` (platform admins). */
export type { ReportQuery } from '../modules/reporting/reporting.js';

/** A turn to record: a message without its id, which the SDK generates when none is given. */
export type TurnInput = Omit<MessageFields, 'messageId'> & { messageId?: string };

/**
 * The live monitor's query: sessions active since `since` (ISO 8601 date-time, or a date from its
 * start; default: the last 30 minutes), `limit` per page (1–100, default 20), optionally filtered.
 * The iterators follow the cursor themselves.
 */
export type MonitorQuery = Partial<Omit<MonitorQueryParams, 'cursor'>>;

/** The sessions search's query: like the monitor's, without a default window. */
export type SearchQuery = Partial<Omit<SessionSearchQueryParams, 'cursor'>>;

/**
 * The flagged turns' query: the `days` UTC days ending today (1–365, default 30), `limit` per page
 * (1–100, default 20), optionally one category or subtype, or one end user's sessions.
 */
export type FlaggedTurnQuery = Partial<Omit<FlaggedTurnQueryParams, 'cursor'>>;
