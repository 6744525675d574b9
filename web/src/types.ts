/**
 * Shapes of the public HTTP API the dashboard reads: the SDK's wire types (each the `Static<>`
 * type of the server's schema, imported as types only), and the analysis vocabulary (categories,
 * subtypes, severities, presets) from the one module that defines it.
 */
export type {
  Account,
  ApiKeyInfo,
  Category,
  ChatSessionsDay,
  DocumentsDay,
  EndedReason,
  FeedbackDay,
  Finding,
  FlaggedTurn,
  FlaggedTurnPage,
  KeyRole as Role,
  Me,
  MembersReport,
  MonitorPage,
  MonitorSession,
  PeriodTotals,
  Policy,
  Report,
  Severity,
  Span,
  Subtype,
  SubtypeOverride,
  ToolsDay,
  Transcript,
  TranscriptDocument,
  TranscriptMessage,
  Trends,
  TrendsDay,
  Upload,
  UploadStatus,
  UserActivitiesDay,
} from '../../src/client/types.js';
export { ALL_SUBTYPES, CATEGORIES, SEVERITIES, SUBTYPES, categoryOf } from '../../src/analysis/types.js';
export { PRESETS } from '../../src/analysis/policy.js';
