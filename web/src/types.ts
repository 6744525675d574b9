/** Shapes of the public HTTP API the dashboard reads (see /docs for the full reference). */

export const CATEGORIES = ['hallucination', 'bias', 'toxicity'] as const;
export type Category = (typeof CATEGORIES)[number];

export const SUBTYPES: Record<Category, readonly string[]> = {
  hallucination: ['SELF_CONTRADICTION', 'OVERCONFIDENCE', 'FABRICATED_CITATION', 'HARDCODED_FACT'],
  bias: ['GENDER_BIAS', 'RACIAL_BIAS', 'AGE_BIAS', 'STEREOTYPING'],
  toxicity: ['HOSTILE_LANGUAGE', 'CONDESCENSION', 'INAPPROPRIATE_CONTENT', 'PROFANITY'],
};
export const ALL_SUBTYPES = CATEGORIES.flatMap((c) => SUBTYPES[c]);

export function categoryOf(subtype: string): Category | null {
  for (const c of CATEGORIES) if (SUBTYPES[c].includes(subtype)) return c;
  return null;
}

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export type Role = 'admin' | 'analyst' | 'ingest';

export interface Me {
  kind: 'key' | 'account';
  role: Role;
  companyId: number | null;
  companyName: string | null;
  email: string | null;
  csrfToken: string | null;
}

export type EndedReason = 'user' | 'violation' | null;

export interface MonitorSession {
  id: string;
  createdAt: string;
  lastActivityAt: string;
  endedAt: string | null;
  endedReason: EndedReason;
  messageCount: number;
  lastMessage: string;
}

export interface MonitorPage {
  sessions: MonitorSession[];
  nextCursor: string | null;
}

export interface Span {
  start: number;
  end: number;
  text: string;
  where: 'turn' | 'document' | 'history';
  documentId?: number;
  turnIndex?: number;
}

export interface Finding {
  id: number;
  category: Category;
  subtype: string;
  score: number;
  severity: Severity;
  spans: Span[];
  explanation: string;
  detector: string;
}

export interface TranscriptDocument {
  id: number;
  filename: string;
  title: string | null;
  content?: string;
}

export interface TranscriptMessage {
  id: string;
  index: number;
  role: 'user' | 'assistant' | 'system' | 'tool';
  content: string;
  createdAt: string;
  userId: string | null;
  model: string | null;
  documents: TranscriptDocument[];
  tools: { name: string }[];
  analyzed: boolean;
  findings: Finding[];
  feedback: { kind: 'like' | 'dislike' | 'copy'; userId: string | null; createdAt: string }[];
}

export interface Transcript {
  id: string;
  userId: string | null;
  createdAt: string;
  lastActivityAt: string;
  endedAt: string | null;
  endedReason: EndedReason;
  messageCount: number;
  source: string;
  uploadId: number | null;
  messages: TranscriptMessage[];
}

export interface TrendsDay {
  date: string;
  uploadCount: number;
  totalIssues: number;
  hallucinationRate: number;
  biasRate: number;
  toxicityRate: number;
  hallucinationFlagged: number;
  biasFlagged: number;
  toxicityFlagged: number;
}

export interface PeriodTotals {
  uploads: number;
  issues: number;
  hallucinationRate: number;
  biasRate: number;
  toxicityRate: number;
}

export interface Trends {
  dailyData: TrendsDay[];
  subtypeBreakdown: Record<Category, Record<string, number>>;
  totals: PeriodTotals & { priorPeriod: PeriodTotals };
}

export interface FlaggedTurn {
  id: number;
  sessionId: string;
  messageId: string;
  createdAt: string;
  category: Category;
  subtype: string;
  severity: Severity;
  score: number;
  explanation: string;
  excerpt: string;
  before: string;
  after: string;
}

export interface FlaggedTurnPage {
  findings: FlaggedTurn[];
  nextCursor: string | null;
}

/** `/api/v2/reporting/*` (snake_case, Paradigm-compatible). */
export interface Report<Day> {
  metadata: Record<string, { description: string; unit: string }>;
  reporting: { company: { id: number; name: string }; dates: Day[] }[];
}

export interface ChatSessionsDay {
  date: string;
  sessions: { sessions_count: number; unique_models_count: number; average_session_length: number };
  chats: { user_queries_count: number; model_responses_with_docs_count: number; model_responses_count: number; last_model_response_date: string | null };
}
export interface FeedbackDay {
  date: string;
  model_responses_count: number;
  feedbacks: { likes_count: number; dislikes_count: number; copies_count: number };
}
export interface ToolsDay {
  date: string;
  tools: { tool_name: string; usage_count: number }[];
}
export interface DocumentsDay {
  date: string;
  documents: { document_filename: string; document_title: string; document_id: number; usage_count: number }[];
}
export interface UserActivitiesDay {
  date: string;
  active_users_count: number;
  users: { user_id: string; email: string | null; last_connection_date: string | null; user_queries_count: number }[];
}
export interface MembersReport {
  reporting: { company: { id: number; name: string }; total_historical_members: number; current_active_members: number }[];
  metadata: Record<string, { description: string; unit: string }>;
}

export type UploadStatus = 'queued' | 'processing' | 'done' | 'failed';

export interface Upload {
  id: number;
  filename: string;
  format: string | null;
  status: UploadStatus;
  sizeBytes: number;
  bytesProcessed: number;
  linesProcessed: number;
  turnsProcessed: number;
  sessionsCreated: number;
  errorCount: number;
  errors: { line: number; reason: string }[];
  message: string | null;
  receivedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface Account {
  id: number;
  companyId: number;
  email: string;
  role: 'admin' | 'analyst';
  active: boolean;
  createdAt: string;
}

export interface ApiKeyInfo {
  id: number;
  companyId: number | null;
  role: Role;
  name: string | null;
  prefix: string;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export const PRESETS = ['strict', 'standard', 'lenient'] as const;

export interface SubtypeOverride {
  disabled?: boolean;
  minScore?: number;
  severity?: Severity;
}

export interface Policy {
  preset: (typeof PRESETS)[number];
  endSessionAt: Severity | null;
  overrides: Record<string, SubtypeOverride | undefined>;
  allowList: string[];
  denyList: string[];
}
