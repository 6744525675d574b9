/** Wire types of the Chatlens HTTP API, as the SDK returns them. */

export type Category = 'hallucination' | 'bias' | 'toxicity';
export type Severity = 'low' | 'medium' | 'high' | 'critical';
export type EndedReason = 'user' | 'violation' | null;

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

export interface DocumentRef {
  id: number;
  filename: string;
  title?: string | null;
  content?: string;
}

export interface MessageFields {
  messageId: string;
  role: 'user' | 'assistant' | 'system' | 'tool';
  content: string;
  timestamp?: string;
  userId?: string;
  model?: string;
  documents?: DocumentRef[];
  tools?: { name: string }[];
}

export type IngestEvent =
  | { id: string; type: 'session.started'; timestamp: string; sessionId: string; userId: string }
  | ({ id: string; type: 'message'; timestamp: string; sessionId: string } & MessageFields)
  | { id: string; type: 'feedback'; timestamp: string; messageId: string; kind: 'like' | 'dislike' | 'copy'; userId?: string }
  | { id: string; type: 'session.ended'; timestamp: string; sessionId: string; reason: 'user' }
  | { id: string; type: 'connection'; timestamp: string; userId: string; email?: string };

export interface EventResult {
  id: string;
  status: 'accepted' | 'duplicate' | 'rejected';
  error?: string;
}

export interface LiveTurnResult {
  message: { id: string; sessionId: string; analyzed: boolean };
  findings: Finding[];
  session: { id: string; endedAt: string | null; endedReason: EndedReason; messageCount: number };
}

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

/** One finding as `GET /api/findings` lists it: the flagged turns behind the trends breakdown. */
export interface FlaggedTurn {
  id: number;
  sessionId: string;
  messageId: string;
  /** When the message was sent. */
  createdAt: string;
  category: Category;
  subtype: string;
  severity: Severity;
  score: number;
  explanation: string;
  /** The evidence: the text of the first span. */
  excerpt: string;
  /** Up to 80 characters of the turn around the excerpt; empty when the evidence is in a document. */
  before: string;
  after: string;
}

export interface FlaggedTurnPage {
  findings: FlaggedTurn[];
  nextCursor: string | null;
}

// Reporting (Paradigm-compatible, snake_case).

export interface ReportQuery {
  start_date: string;
  end_date?: string;
  company_id?: number;
}

export type Metadata = Record<string, { description: string; unit: string }>;
export interface CompanyRef {
  name: string;
  id: number;
}
export interface Report<Day> {
  metadata: Metadata;
  reporting: { company: CompanyRef; dates: Day[] }[];
}

export interface ChatSessionsDay {
  date: string;
  sessions: { sessions_count: number; unique_models_count: number; average_session_length: number };
  chats: {
    user_queries_count: number;
    model_responses_with_docs_count: number;
    model_responses_count: number;
    last_model_response_date: string | null;
  };
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
  reporting: { company: CompanyRef; total_historical_members: number; current_active_members: number }[];
  metadata: Metadata;
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
