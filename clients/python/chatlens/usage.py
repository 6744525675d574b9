"""The merged daily usage table: the analyst's one-row-per-day dataframe from the reporting API.

Paradigm's usage-data tutorial flattens ``reporting[0].dates[*]`` of the chat-sessions report into
rows and merges the feedback and tools reports on ``date``. Chatlens's dashboard builds the same
table (TypeScript ``mergeUsage`` in ``src/client/merge.ts``) and downloads it as CSV; this module
reproduces it column for column so Python and the dashboard agree:

``date, nb_sessions, unique_models, average_session, user_queries, model_responses,
model_responses_with_docs, model_responses_without_docs, likes, dislikes, copies, tool_uses,
document_uses, active_users, input_tokens, output_tokens, cost_usd``, then one ``tool:<name>`` column per tool used in the window (uses
that day, 0 when unused), in the dashboard's order.
"""
from __future__ import annotations

from typing import Any, Dict, List, Mapping, Optional, Sequence

from .errors import MissingDependencyError

__all__ = ["USAGE_COLUMNS", "TOOL_COLUMN_PREFIX", "dates_of", "merge_usage", "usage_dataframe"]

#: The fixed columns, in the dashboard CSV's order.
USAGE_COLUMNS = (
    "date",
    "nb_sessions",
    "unique_models",
    "average_session",
    "user_queries",
    "model_responses",
    "model_responses_with_docs",
    "model_responses_without_docs",
    "likes",
    "dislikes",
    "copies",
    "tool_uses",
    "document_uses",
    "active_users",
    "input_tokens",
    "output_tokens",
    "cost_usd",
)

#: Per-tool columns are named ``tool:<tool_name>``.
TOOL_COLUMN_PREFIX = "tool:"

Report = Mapping[str, Any]
Row = Dict[str, Any]


def dates_of(report: Optional[Report], company_id: Optional[int] = None) -> List[Dict[str, Any]]:
    """The ``dates`` of one company's block: ``company_id``'s when present, else the first block.

    >>> dates_of({"reporting": [{"company": {"id": 2, "name": "Acme"}, "dates": [{"date": "2026-04-08"}]}]})
    [{'date': '2026-04-08'}]
    """
    if not report:
        return []
    blocks = report.get("reporting") or []
    for block in blocks:
        if company_id is not None and block["company"]["id"] == company_id:
            return list(block.get("dates") or [])
    return list(blocks[0].get("dates") or []) if blocks else []


def _js_sorted(names: Sequence[str]) -> List[str]:
    # JavaScript's default sort compares UTF-16 code units; match it for any tool name.
    return sorted(names, key=lambda s: s.encode("utf-16-be"))


def merge_usage(
    chat_sessions: Report,
    chats_feedback: Optional[Report] = None,
    tools: Optional[Report] = None,
    used_documents: Optional[Report] = None,
    user_activities: Optional[Report] = None,
    company_id: Optional[int] = None,
    token_usage: Optional[Report] = None,
) -> List[Row]:
    """Merges already-fetched reports of one company into the daily table, one dict per day.

    Each dict has the keys of :data:`USAGE_COLUMNS` followed by the ``tool:<name>`` columns, in
    that order. :meth:`chatlens.Client.merged_usage_rows` fetches the reports and calls this.

    >>> day = {"date": "2026-04-08",
    ...        "sessions": {"sessions_count": 2, "unique_models_count": 1, "average_session_length": 3.5},
    ...        "chats": {"user_queries_count": 3, "model_responses_with_docs_count": 1,
    ...                  "model_responses_count": 3, "last_model_response_date": None}}
    >>> rows = merge_usage({"reporting": [{"company": {"id": 1, "name": "A"}, "dates": [day]}]})
    >>> rows[0]["model_responses_without_docs"], rows[0]["likes"]
    (2, 0)
    """
    feedback = {d["date"]: d for d in dates_of(chats_feedback, company_id)}
    tool_days = {d["date"]: d for d in dates_of(tools, company_id)}
    documents = {d["date"]: d for d in dates_of(used_documents, company_id)}
    users = {d["date"]: d for d in dates_of(user_activities, company_id)}
    tokens = {d["date"]: d for d in dates_of(token_usage, company_id)}

    daily: List[Row] = []
    per_day_tools: List[Dict[str, int]] = []
    for d in dates_of(chat_sessions, company_id):
        date = d["date"]
        s, c = d["sessions"], d["chats"]
        f = feedback.get(date, {}).get("feedbacks") or {}
        day_tools: Dict[str, int] = {}
        for t in tool_days.get(date, {}).get("tools") or []:
            day_tools[t["tool_name"]] = day_tools.get(t["tool_name"], 0) + t["usage_count"]
        responses = c["model_responses_count"]
        with_docs = c["model_responses_with_docs_count"]
        daily.append(
            {
                "date": date,
                "nb_sessions": s["sessions_count"],
                "unique_models": s["unique_models_count"],
                "average_session": s["average_session_length"],
                "user_queries": c["user_queries_count"],
                "model_responses": responses,
                "model_responses_with_docs": with_docs,
                "model_responses_without_docs": responses - with_docs,
                "likes": f.get("likes_count", 0),
                "dislikes": f.get("dislikes_count", 0),
                "copies": f.get("copies_count", 0),
                "tool_uses": sum(day_tools.values()),
                "document_uses": sum(x["usage_count"] for x in documents.get(date, {}).get("documents") or []),
                "active_users": users.get(date, {}).get("active_users_count", 0),
                "input_tokens": tokens.get(date, {}).get("input_tokens", 0),
                "output_tokens": tokens.get(date, {}).get("output_tokens", 0),
                "cost_usd": tokens.get(date, {}).get("cost_usd", 0),
            }
        )
        per_day_tools.append(day_tools)

    tool_names = _js_sorted(list({name for t in per_day_tools for name in t}))
    for row, day_tools in zip(daily, per_day_tools):
        for name in tool_names:
            row[TOOL_COLUMN_PREFIX + name] = day_tools.get(name, 0)
    return daily


def _pandas() -> Any:
    try:
        import pandas  # noqa: WPS433 - imported lazily: pandas is optional
    except ImportError as err:
        raise MissingDependencyError(
            "a DataFrame needs pandas, which is not installed: install it "
            "(pip install 'chatlens[pandas]', or on Debian/Ubuntu apt-get install python3-pandas), "
            "or use merged_usage_rows() for plain dicts"
        ) from err
    return pandas


def usage_dataframe(rows: List[Row]) -> Any:
    """The daily table as a :class:`pandas.DataFrame` (``date`` as ``YYYY-MM-DD`` strings).

    Counts are ``int64``, ``average_session`` and ``cost_usd`` are ``float64``; columns as in :func:`merge_usage`.
    Raises :class:`chatlens.MissingDependencyError` without pandas.
    """
    pd = _pandas()
    columns = list(rows[0].keys()) if rows else list(USAGE_COLUMNS)
    frame = pd.DataFrame(rows, columns=columns)
    dtypes = {c: ("object" if c == "date" else "float64" if c in ("average_session", "cost_usd") else "int64") for c in columns}
    return frame.astype(dtypes)
