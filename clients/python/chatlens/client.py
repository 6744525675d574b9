"""The HTTP client: one method per endpoint, standard library only (``urllib``)."""
from __future__ import annotations

import datetime as _dt
import http.client
import json
import os
import socket
import urllib.error
import urllib.parse
import urllib.request
from typing import Any, Dict, Iterable, Iterator, List, Mapping, Optional, Union

from . import __version__
from .errors import APIConnectionError, APITimeoutError, InvalidResponseError, error_from_response
from .types import (
    ChatSessionsReport,
    DocumentsReport,
    EventResult,
    FeedbackReport,
    MembersReport,
    MonitorPage,
    MonitorSession,
    ToolsReport,
    Transcript,
    Trends,
    UploadRefusal,
    UserActivitiesReport,
)
from .usage import merge_usage, usage_dataframe

__all__ = ["Client", "DateLike", "MAX_EVENTS_PER_REQUEST"]

#: A day: ``"2026-04-08"`` or a :class:`datetime.date` (a :class:`datetime.datetime` counts as its date).
DateLike = Union[str, _dt.date]

#: ``POST /api/ingest`` takes at most this many events; :meth:`Client.ingest` splits larger lists.
MAX_EVENTS_PER_REQUEST = 1000

_Query = Mapping[str, Any]


def _day(value: Optional[DateLike], name: str) -> Optional[str]:
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, str):
        # Sent as given: the server names what is wrong with a malformed date (400).
        return value
    raise TypeError(f"{name} must be a 'YYYY-MM-DD' string or a datetime.date, not {type(value).__name__}")


def _instant(value: Union[str, _dt.datetime, None]) -> Optional[str]:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, _dt.datetime):
        # Naive datetimes are taken as UTC, the time zone of every Chatlens timestamp.
        aware = value if value.tzinfo is not None else value.replace(tzinfo=_dt.timezone.utc)
        return aware.astimezone(_dt.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    raise TypeError(f"since must be an ISO 8601 string or a datetime, not {type(value).__name__}")


class Client:
    """A Chatlens API client.

    Args:
        base_url: the server, e.g. ``"http://127.0.0.1:8080"``; defaults to ``$CHATLENS_URL``.
        api_key: an API key (``clk_…``); defaults to ``$CHATLENS_API_KEY``. Reading needs an
            ``admin`` or ``analyst`` key.
        timeout: seconds to wait for the connection and for each read of the answer.

    Example::

        import chatlens
        client = chatlens.Client(base_url="http://127.0.0.1:8080", api_key="clk_…")
        report = client.chat_sessions("2026-04-01", "2026-04-07")
        df = client.merged_usage("2026-04-01", "2026-04-07")   # pandas DataFrame, one row per day
        for s in client.monitor_sessions(limit=50):
            print(s["id"], s["endedReason"], s["lastMessage"])

    Errors: :class:`chatlens.APIError` subclasses (``BadRequestError``, ``UnauthorizedError``,
    ``ForbiddenError``, …) when the server answers with an error, each with ``status``, ``code``,
    ``message`` and ``request_id``; :class:`chatlens.APIConnectionError` when there is no answer
    (:class:`chatlens.APITimeoutError` after ``timeout``).
    """

    def __init__(self, base_url: Optional[str] = None, api_key: Optional[str] = None, *, timeout: float = 30.0) -> None:
        base_url = base_url or os.environ.get("CHATLENS_URL") or None
        api_key = api_key or os.environ.get("CHATLENS_API_KEY") or None
        if not base_url:
            raise ValueError("no Chatlens URL: pass base_url= or set CHATLENS_URL (e.g. http://127.0.0.1:8080)")
        if not api_key:
            raise ValueError("no API key: pass api_key= or set CHATLENS_API_KEY")
        parsed = urllib.parse.urlsplit(base_url)
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            raise ValueError(f"base_url must be an http:// or https:// URL (got {base_url!r})")
        if not (timeout > 0):
            raise ValueError(f"timeout must be a positive number of seconds (got {timeout!r})")
        self.base_url = base_url.rstrip("/")
        self.timeout = float(timeout)
        self._api_key = api_key
        self._opener = urllib.request.build_opener()

    def __repr__(self) -> str:
        # The key stays out of reprs and therefore out of logs and tracebacks.
        return f"Client(base_url={self.base_url!r})"

    # --- transport ---------------------------------------------------------------------------

    def _url(self, path: str, query: Optional[_Query]) -> str:
        pairs = [(k, str(v)) for k, v in (query or {}).items() if v is not None]
        return self.base_url + path + ("?" + urllib.parse.urlencode(pairs) if pairs else "")

    def _request(self, method: str, path: str, query: Optional[_Query] = None, body: Any = None) -> Any:
        url = self._url(path, query)
        headers = {
            "Authorization": f"Bearer {self._api_key}",
            "Accept": "application/json",
            "User-Agent": f"chatlens-python/{__version__}",
        }
        data = None
        if body is not None:
            data = json.dumps(body).encode("utf-8")
            headers["Content-Type"] = "application/json"
        request = urllib.request.Request(url, data=data, method=method, headers=headers)
        where = f"{method} {self.base_url}{path}"
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                raw = response.read()
        except urllib.error.HTTPError as err:
            try:
                raw_error = err.read()
            except (OSError, http.client.HTTPException):
                raw_error = b""
            raise error_from_response(err.code, raw_error, err.headers) from None
        except urllib.error.URLError as err:
            if isinstance(err.reason, (socket.timeout, TimeoutError)):
                raise APITimeoutError(f"{where}: no answer within {self.timeout:g} s") from err
            raise APIConnectionError(f"{where}: cannot connect ({err.reason})") from err
        except (socket.timeout, TimeoutError) as err:
            raise APITimeoutError(f"{where}: no answer within {self.timeout:g} s") from err
        except (OSError, http.client.HTTPException) as err:
            raise APIConnectionError(f"{where}: connection failed ({type(err).__name__}: {err})") from err
        try:
            return json.loads(raw.decode("utf-8")) if raw else None
        except (UnicodeDecodeError, ValueError) as err:
            raise InvalidResponseError(f"{where}: the answer is not JSON ({raw[:80]!r})") from err

    def _report(self, name: str, start_date: DateLike, end_date: Optional[DateLike], company_id: Optional[int]) -> Any:
        query = {
            "start_date": _day(start_date, "start_date"),
            "end_date": _day(end_date, "end_date"),
            "company_id": company_id,
        }
        return self._request("GET", f"/api/v2/reporting/{name}/" if name != "tokens" else "/api/usage/tokens", query)

    # --- reporting (Paradigm-compatible) -------------------------------------------------------

    def chat_sessions(
        self, start_date: DateLike, end_date: Optional[DateLike] = None, company_id: Optional[int] = None
    ) -> ChatSessionsReport:
        """``GET /api/v2/reporting/chat-sessions/``: sessions, queries and responses per UTC day.

        ``start_date`` is required; ``end_date`` (included) defaults to today on the server;
        ``company_id`` is for platform admin keys (others may pass only their own company).

        >>> r = client.chat_sessions("2026-04-01", "2026-04-07")          # doctest: +SKIP
        >>> [d["sessions"]["sessions_count"] for d in r["reporting"][0]["dates"]]  # doctest: +SKIP
        [12, 9, 0, 4, 15, 11, 8]
        """
        return self._report("chat-sessions", start_date, end_date, company_id)

    def chats_feedback(
        self, start_date: DateLike, end_date: Optional[DateLike] = None, company_id: Optional[int] = None
    ) -> FeedbackReport:
        """``GET /api/v2/reporting/chats-feedback/``: likes, dislikes and copies per day.

        >>> client.chats_feedback("2026-04-01")["reporting"][0]["dates"][0]["feedbacks"]  # doctest: +SKIP
        {'likes_count': 5, 'dislikes_count': 1, 'copies_count': 7}
        """
        return self._report("chats-feedback", start_date, end_date, company_id)

    def tools(self, start_date: DateLike, end_date: Optional[DateLike] = None, company_id: Optional[int] = None) -> ToolsReport:
        """``GET /api/v2/reporting/tools/``: calls per tool per day, most used first.

        >>> client.tools("2026-04-01")["reporting"][0]["dates"][0]["tools"]  # doctest: +SKIP
        [{'tool_name': 'document_search', 'usage_count': 14}]
        """
        return self._report("tools", start_date, end_date, company_id)

    def used_documents(
        self, start_date: DateLike, end_date: Optional[DateLike] = None, company_id: Optional[int] = None
    ) -> DocumentsReport:
        """``GET /api/v2/reporting/used-documents/``: documents used by model responses per day.

        >>> client.used_documents("2026-04-01")["reporting"][0]["dates"][0]["documents"][0]  # doctest: +SKIP
        {'document_filename': 'handbook.pdf', 'document_title': 'Handbook', 'document_id': 11, 'usage_count': 6}
        """
        return self._report("used-documents", start_date, end_date, company_id)

    def user_activities(
        self, start_date: DateLike, end_date: Optional[DateLike] = None, company_id: Optional[int] = None
    ) -> UserActivitiesReport:
        """``GET /api/v2/reporting/user-activities/``: active end users and latest connections per day.

        >>> client.user_activities("2026-04-01")["reporting"][0]["dates"][0]["active_users_count"]  # doctest: +SKIP
        9
        """
        return self._report("user-activities", start_date, end_date, company_id)

    def users(self, start_date: DateLike, end_date: Optional[DateLike] = None, company_id: Optional[int] = None) -> MembersReport:
        """``GET /api/v2/reporting/users/``: members seen up to ``end_date`` and active in the window.

        >>> client.users("2026-04-01")["reporting"][0]  # doctest: +SKIP
        {'company': {'id': 2, 'name': 'Acme'}, 'total_historical_members': 57, 'current_active_members': 41}
        """
        return self._report("users", start_date, end_date, company_id)

    # --- the merged daily table ----------------------------------------------------------------

    def merged_usage_rows(
        self, start_date: DateLike, end_date: Optional[DateLike] = None, company_id: Optional[int] = None
    ) -> List[Dict[str, Any]]:
        """The merged daily table as a list of dicts (no pandas needed); see :meth:`merged_usage`."""
        reports = [
            self._report(name, start_date, end_date, company_id)
            for name in ("chat-sessions", "chats-feedback", "tools", "used-documents", "user-activities")
        ]
        return merge_usage(*reports, company_id=company_id, token_usage=self.token_usage(start_date, end_date, company_id))

    def token_usage(self, start_date: DateLike, end_date: Optional[DateLike] = None, company_id: Optional[int] = None) -> Any:
        """``GET /api/usage/tokens``: tokens, cost (USD) and latency per UTC day and per model.

        >>> client.token_usage("2026-04-01")["reporting"][0]["totals"]["cost_usd"]  # doctest: +SKIP
        12.5
        """
        return self._report("tokens", start_date, end_date, company_id)

    def merged_usage(self, start_date: DateLike, end_date: Optional[DateLike] = None, company_id: Optional[int] = None) -> Any:
        """The seed's merged daily table as a :class:`pandas.DataFrame`, one row per UTC day.

        Fetches the chat-sessions, chats-feedback, tools, used-documents and user-activities reports
        and merges them on ``date`` exactly as the dashboard's Usage page and its CSV download do:
        columns ``date, nb_sessions, unique_models, average_session, user_queries, model_responses,
        model_responses_with_docs, model_responses_without_docs, likes, dislikes, copies,
        tool_uses, document_uses, active_users, input_tokens, output_tokens, cost_usd`` then
        ``tool:<name>`` per tool used in the window (the token columns from :meth:`token_usage`).
        With a platform admin key, ``company_id`` chooses the company (else the first one).

        Needs pandas (:class:`chatlens.MissingDependencyError` otherwise).

        >>> df = client.merged_usage("2026-04-01", "2026-04-07")      # doctest: +SKIP
        >>> df[["date", "nb_sessions", "likes"]].tail(2)               # doctest: +SKIP
                 date  nb_sessions  likes
        5  2026-04-06           11      3
        6  2026-04-07            8      1
        """
        return usage_dataframe(self.merged_usage_rows(start_date, end_date, company_id))

    # --- monitoring and trends -----------------------------------------------------------------

    def monitor_page(
        self,
        since: Union[str, _dt.datetime, None] = None,
        limit: Optional[int] = None,
        cursor: Optional[str] = None,
        company_id: Optional[int] = None,
    ) -> MonitorPage:
        """One page of ``GET /api/monitor/sessions``: sessions active after ``since``, newest first.

        ``since`` defaults to 30 minutes ago on the server; ``limit`` is 1–100 (server default 20);
        pass the previous page's ``nextCursor`` as ``cursor`` for the next page (``None`` at the end).

        >>> page = client.monitor_page(limit=10)                     # doctest: +SKIP
        >>> page["sessions"][0]["endedReason"], page["nextCursor"]   # doctest: +SKIP
        ('violation', 'sess-41')
        """
        query = {"since": _instant(since), "limit": limit, "cursor": cursor, "company_id": company_id}
        return self._request("GET", "/api/monitor/sessions", query)

    def monitor_sessions(
        self,
        since: Union[str, _dt.datetime, None] = None,
        limit: Optional[int] = None,
        company_id: Optional[int] = None,
    ) -> Iterator[MonitorSession]:
        """Every session active after ``since``, following ``nextCursor`` page by page (``limit`` per page).

        Pages are fetched lazily, as the iteration reaches them.

        >>> ended = [s["id"] for s in client.monitor_sessions(limit=100) if s["endedReason"] == "violation"]  # doctest: +SKIP
        """
        cursor: Optional[str] = None
        seen = set()
        while True:
            page = self.monitor_page(since=since, limit=limit, cursor=cursor, company_id=company_id)
            for session in page["sessions"]:
                yield session
            cursor = page.get("nextCursor")
            if not cursor:
                return
            if cursor in seen:
                # A server handing out the same cursor twice would loop forever; stop loudly.
                raise InvalidResponseError(f"the monitor returned cursor {cursor!r} twice")
            seen.add(cursor)

    def trends(self, days: Optional[int] = None, company_id: Optional[int] = None) -> Trends:
        """``GET /api/trends``: daily hallucination / bias / toxicity rates over the last ``days``
        UTC days (1–365, server default 30), the subtype breakdown, and totals against the prior period.

        >>> t = client.trends(7)                                       # doctest: +SKIP
        >>> t["totals"]["toxicityRate"], t["totals"]["priorPeriod"]["toxicityRate"]  # doctest: +SKIP
        (0.02, 0.03)
        """
        return self._request("GET", "/api/trends", {"days": days, "company_id": company_id})

    def session(self, session_id: str, company_id: Optional[int] = None) -> Transcript:
        """``GET /api/sessions/{id}``: a transcript with each turn's findings and evidence."""
        path = "/api/sessions/" + urllib.parse.quote(session_id, safe="")
        return self._request("GET", path, {"company_id": company_id})

    # --- ingest ---------------------------------------------------------------------------------

    def ingest(self, events: Iterable[Mapping[str, Any]], company_id: Optional[int] = None) -> List[EventResult]:
        """``POST /api/ingest`` in requests of at most 1,000 events; one result per event, in order.

        Needs an ``ingest`` or ``admin`` key. A rejected event has ``status == "rejected"`` and an
        ``error``; re-sending an event id already stored answers ``"duplicate"``.

        >>> client.ingest([{"id": "e1", "type": "message", "timestamp": "2026-04-08T12:00:00Z",  # doctest: +SKIP
        ...                 "sessionId": "s1", "messageId": "m1", "role": "user", "content": "Hi"}])
        [{'id': 'e1', 'status': 'accepted'}]
        """
        batch = list(events)
        results: List[EventResult] = []
        for i in range(0, len(batch), MAX_EVENTS_PER_REQUEST):
            chunk = batch[i : i + MAX_EVENTS_PER_REQUEST]
            answer = self._request("POST", "/api/ingest", {"company_id": company_id}, {"events": chunk})
            results.extend(answer["results"])
        return results

    # --- uploads --------------------------------------------------------------------------------

    def upload_refusals(self, limit: Optional[int] = None, company_id: Optional[int] = None) -> List[UploadRefusal]:
        """``GET /api/uploads/refusals``: files the server refused when they were sent (empty, too
        large, unreadable, unrecognised format), newest first, with the status and reason their
        uploader got. Nothing of a refused file is stored; the newest 100 per company are kept
        (``limit`` 1–100, server default all of them).

        >>> [(r["filename"], r["statusCode"]) for r in client.upload_refusals()]  # doctest: +SKIP
        [('notes.txt', 415), ('empty.jsonl', 400)]
        """
        return self._request("GET", "/api/uploads/refusals", {"limit": limit, "company_id": company_id})["refusals"]
