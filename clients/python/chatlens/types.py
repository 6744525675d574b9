"""Shapes of the JSON the API returns, as :class:`typing.TypedDict` for editors and type checkers.

The client returns plain ``dict`` / ``list`` objects decoded from JSON; these types only describe
them. Reporting fields are snake_case (Paradigm-compatible), the monitor and trends camelCase, as on
the wire.
"""
from __future__ import annotations

from typing import Dict, List, Literal, Optional, TypedDict

EndedReason = Optional[Literal["user", "violation"]]


# --- Reporting (/api/v2/reporting/*) ---------------------------------------------------------


class MetricMeta(TypedDict):
    description: str
    unit: str


class CompanyRef(TypedDict):
    name: str
    id: int


class SessionsCounts(TypedDict):
    sessions_count: int
    unique_models_count: int
    average_session_length: float


class ChatsCounts(TypedDict):
    user_queries_count: int
    model_responses_with_docs_count: int
    model_responses_count: int
    # UTC to the second, e.g. "2026-01-07T05:31:56Z"; None on a day without responses.
    last_model_response_date: Optional[str]


class ChatSessionsDay(TypedDict):
    date: str
    sessions: SessionsCounts
    chats: ChatsCounts


class ChatSessionsCompany(TypedDict):
    company: CompanyRef
    dates: List[ChatSessionsDay]


class ChatSessionsReport(TypedDict):
    metadata: Dict[str, MetricMeta]
    reporting: List[ChatSessionsCompany]
    # Paradigm's legend for agent-mode threads; Chatlens reports no agent-mode numbers.
    metadata_agent: Dict[str, MetricMeta]


class FeedbackCounts(TypedDict):
    likes_count: int
    dislikes_count: int
    copies_count: int


class FeedbackDay(TypedDict):
    date: str
    model_responses_count: int
    feedbacks: FeedbackCounts


class FeedbackCompany(TypedDict):
    company: CompanyRef
    dates: List[FeedbackDay]


class FeedbackReport(TypedDict):
    metadata: Dict[str, MetricMeta]
    reporting: List[FeedbackCompany]


class ToolUse(TypedDict):
    tool_name: str
    usage_count: int


class ToolsDay(TypedDict):
    date: str
    tools: List[ToolUse]


class ToolsCompany(TypedDict):
    company: CompanyRef
    dates: List[ToolsDay]


class ToolsReport(TypedDict):
    metadata: Dict[str, MetricMeta]
    reporting: List[ToolsCompany]


class DocumentUse(TypedDict):
    document_filename: str
    document_title: str
    document_id: int
    usage_count: int


class DocumentsDay(TypedDict):
    date: str
    documents: List[DocumentUse]


class DocumentsCompany(TypedDict):
    company: CompanyRef
    dates: List[DocumentsDay]


class DocumentsReport(TypedDict):
    metadata: Dict[str, MetricMeta]
    reporting: List[DocumentsCompany]


class UserActivity(TypedDict):
    user_id: str
    email: Optional[str]
    # UTC to the second, e.g. "2026-01-07T05:31:56Z"; None without a connection that day.
    last_connection_date: Optional[str]
    user_queries_count: int


class UserActivitiesDay(TypedDict):
    date: str
    active_users_count: int
    users: List[UserActivity]


class UserActivitiesCompany(TypedDict):
    company: CompanyRef
    dates: List[UserActivitiesDay]


class UserActivitiesReport(TypedDict):
    metadata: Dict[str, MetricMeta]
    reporting: List[UserActivitiesCompany]


class MembersCompany(TypedDict):
    company: CompanyRef
    total_historical_members: int
    current_active_members: int


class MembersReport(TypedDict):
    reporting: List[MembersCompany]
    metadata: Dict[str, MetricMeta]


# --- Monitoring (/api/monitor/sessions) ------------------------------------------------------


class MonitorSession(TypedDict):
    id: str
    createdAt: str
    lastActivityAt: str
    endedAt: Optional[str]
    endedReason: EndedReason
    messageCount: int
    lastMessage: str


class MonitorPage(TypedDict):
    sessions: List[MonitorSession]
    nextCursor: Optional[str]


# --- Trends (/api/trends) --------------------------------------------------------------------


class TrendsDay(TypedDict):
    date: str
    uploadCount: int
    totalIssues: int
    hallucinationRate: float
    biasRate: float
    toxicityRate: float
    hallucinationFlagged: int
    biasFlagged: int
    toxicityFlagged: int


class PeriodTotals(TypedDict):
    uploads: int
    issues: int
    hallucinationRate: float
    biasRate: float
    toxicityRate: float


class TrendsTotals(PeriodTotals):
    priorPeriod: PeriodTotals


class Trends(TypedDict):
    dailyData: List[TrendsDay]
    subtypeBreakdown: Dict[str, Dict[str, int]]
    totals: TrendsTotals


# --- Transcripts (/api/sessions/{id}) and ingest (/api/ingest) --------------------------------


class Span(TypedDict, total=False):
    start: int
    end: int
    text: str
    where: Literal["turn", "document", "history"]
    documentId: int
    turnIndex: int


class Finding(TypedDict):
    id: int
    category: Literal["hallucination", "bias", "toxicity"]
    subtype: str
    score: float
    severity: Literal["low", "medium", "high", "critical"]
    spans: List[Span]
    explanation: str
    detector: str


class TranscriptMessage(TypedDict):
    id: str
    index: int
    role: Literal["user", "assistant", "system", "tool"]
    content: str
    createdAt: str
    userId: Optional[str]
    model: Optional[str]
    inputTokens: Optional[int]
    outputTokens: Optional[int]
    latencyMs: Optional[int]
    documents: List[dict]
    tools: List[dict]
    analyzed: bool
    findings: List[Finding]
    feedback: List[dict]


class Transcript(TypedDict):
    id: str
    userId: Optional[str]
    createdAt: str
    lastActivityAt: str
    endedAt: Optional[str]
    endedReason: EndedReason
    messageCount: int
    source: str
    uploadId: Optional[int]
    messages: List[TranscriptMessage]


class UploadRefusal(TypedDict):
    """A file the server refused when it was sent; nothing of it was stored or counted."""

    id: int
    filename: str
    format: str  # the format asked for ("auto": detect)
    sizeBytes: int  # bytes received before the refusal
    code: str  # the error code the uploader got, e.g. "UNSUPPORTED_MEDIA_TYPE"
    statusCode: int  # the HTTP status the uploader got
    reason: str  # the message the uploader got
    refusedAt: str


class EventResult(TypedDict, total=False):
    id: str
    status: Literal["accepted", "duplicate", "rejected"]
    error: str
