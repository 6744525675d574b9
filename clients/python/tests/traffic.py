"""Realistic chat traffic for the tests, and what the reports must say about it.

A telecom support assistant over six UTC days: sessions with documents and tools, a session that
only started, an abusive user, feedback given days after the answer, logins with and without an
email, and a burst of live sessions in the last minutes for the monitor. ``expected_*`` compute the
reports from the events alone, following the documented semantics (docs/decisions.md), so the
server is checked against an independent count rather than against itself.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional

Event = Dict[str, Any]

ROUTER_GUIDE = {"id": 101, "filename": "router-guide.pdf", "title": "Router setup guide"}
PRICING = {"id": 102, "filename": "pricing-2026.pdf", "title": "Pricing 2026"}
ROAMING_FAQ = {"id": 103, "filename": "roaming-faq.md"}  # no title: reported as ""

CITIES = ["Lyon", "Lille", "Nantes", "Rennes", "Nice", "Brest", "Dijon", "Metz", "Tours", "Caen", "Pau", "Annecy"]

ABUSE = "This is useless. You are a fucking idiot, shut up."


def iso(t: dt.datetime) -> str:
    """The server's timestamp form: UTC, milliseconds, ``Z``."""
    return t.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z"


@dataclass
class Traffic:
    today: dt.date
    now: dt.datetime
    events: List[Event] = field(default_factory=list)
    # Sessions whose `session.ended` we sent (endedReason "user").
    closed: List[str] = field(default_factory=list)
    live: List[str] = field(default_factory=list)
    abusive_session: str = "s-0201"
    abusive_message: str = "m-0201-1"
    _n: int = 0

    def day(self, offset: int) -> dt.date:
        return self.today + dt.timedelta(days=offset)

    def at(self, offset: int, hour: int, minute: int = 0, second: int = 0) -> str:
        d = self.day(offset)
        return iso(dt.datetime(d.year, d.month, d.day, hour, minute, second, tzinfo=dt.timezone.utc))

    def _id(self) -> str:
        self._n += 1
        return f"ev-{self._n:04d}"

    def msg(self, ts: str, session: str, message: str, role: str, content: str, **extra: Any) -> Event:
        e = {"id": self._id(), "type": "message", "timestamp": ts, "sessionId": session, "messageId": message, "role": role, "content": content}
        e.update({k: v for k, v in extra.items() if v is not None})
        self.events.append(e)
        return e

    def feedback(self, ts: str, message: str, kind: str, user: Optional[str] = None) -> None:
        e = {"id": self._id(), "type": "feedback", "timestamp": ts, "messageId": message, "kind": kind}
        if user:
            e["userId"] = user
        self.events.append(e)

    def connection(self, ts: str, user: str, email: Optional[str] = None) -> None:
        e = {"id": self._id(), "type": "connection", "timestamp": ts, "userId": user}
        if email:
            e["email"] = email
        self.events.append(e)

    def started(self, ts: str, session: str, user: str) -> None:
        self.events.append({"id": self._id(), "type": "session.started", "timestamp": ts, "sessionId": session, "userId": user})

    def ended(self, ts: str, session: str) -> None:
        self.events.append({"id": self._id(), "type": "session.ended", "timestamp": ts, "sessionId": session, "reason": "user"})
        self.closed.append(session)


def build_traffic(now: dt.datetime) -> Traffic:
    """Company A's traffic; ``now`` is the test run's start (UTC)."""
    t = Traffic(today=now.date(), now=now)
    ds = [{"name": "document_search"}]

    # Day -5: a router fix with the setup guide, a pricing question that gets a dislike.
    t.connection(t.at(-5, 8, 55), "u-anna", "anna@example.com")
    t.started(t.at(-5, 9, 0), "s-0501", "u-anna")
    t.msg(t.at(-5, 9, 0, 10), "s-0501", "m-0501-1", "user", "My router keeps blinking orange, how do I reset it?", userId="u-anna")
    t.msg(t.at(-5, 9, 0, 20), "s-0501", "m-0501-2", "assistant",
          "Unplug the router for 30 seconds, plug it back in and wait until the light turns steady white (Router setup guide, section 2).",
          model="gpt-4o", documents=[ROUTER_GUIDE], tools=ds, inputTokens=1200, outputTokens=300, latencyMs=850)
    t.msg(t.at(-5, 9, 3), "s-0501", "m-0501-3", "user", "That worked, thanks!", userId="u-anna")
    t.msg(t.at(-5, 9, 3, 5), "s-0501", "m-0501-4", "assistant", "Glad it works again. Anything else I can help with?", model="gpt-4o")
    t.feedback(t.at(-5, 9, 4), "m-0501-2", "like", "u-anna")
    t.feedback(t.at(-5, 9, 4, 30), "m-0501-2", "copy", "u-anna")
    t.ended(t.at(-5, 9, 5), "s-0501")
    t.connection(t.at(-5, 9, 58), "u-ben")
    t.msg(t.at(-5, 10, 0), "s-0502", "m-0502-1", "user", "What does the Premium plan cost per month?", userId="u-ben")
    t.msg(t.at(-5, 10, 0, 12), "s-0502", "m-0502-2", "assistant",
          "Premium costs 39 EUR per month with unlimited data in France (Pricing 2026).",
          model="mistral-large", documents=[PRICING], tools=[{"name": "document_search"}, {"name": "web_search"}],
          inputTokens=800, outputTokens=200)
    t.feedback(t.at(-5, 10, 2), "m-0502-2", "dislike", "u-ben")

    # Day -4: nothing at all (a zero-filled day in every report).

    # Day -3: roaming with two documents, a billing lookup through a tool message, a number port.
    t.connection(t.at(-3, 14, 0), "u-carla", "carla@example.org")
    t.msg(t.at(-3, 14, 1), "s-0301", "m-0301-1", "user", "Will my plan work in Canada next week?", userId="u-carla")
    t.msg(t.at(-3, 14, 1, 15), "s-0301", "m-0301-2", "assistant",
          "Roaming in Canada is not included in your plan; the World pass adds 5 GB for 15 EUR (Roaming FAQ, Router setup guide).",
          model="gpt-4o", documents=[ROAMING_FAQ, ROUTER_GUIDE], tools=ds)
    t.msg(t.at(-3, 14, 2), "s-0301", "m-0301-3", "user", "And what is my current balance?", userId="u-carla")
    t.msg(t.at(-3, 14, 2, 5), "s-0301", "m-0301-4", "tool", "balance: 12.40 EUR", tools=[{"name": "billing_lookup"}])
    t.msg(t.at(-3, 14, 2, 20), "s-0301", "m-0301-5", "assistant", "Your current balance is 12.40 EUR.",
          model="gpt-4o", tools=[{"name": "code_execution"}])
    t.feedback(t.at(-3, 14, 3), "m-0301-2", "like", "u-carla")
    t.feedback(t.at(-3, 14, 3, 10), "m-0301-5", "like", "u-carla")
    t.msg(t.at(-3, 16, 30), "s-0302", "m-0302-1", "user", "Can I keep my phone number if I switch operators?", userId="u-anna")
    t.msg(t.at(-3, 16, 30, 9), "s-0302", "m-0302-2", "assistant",
          "Yes. Ask your new operator for a port-in with your RIO code; the number moves within three working days.", model="mistral-large")
    t.ended(t.at(-3, 16, 35), "s-0302")

    # Day -2: an abusive user (the session is handed over), a longer pricing chat, an empty session.
    t.msg(t.at(-2, 11, 0), "s-0202", "m-0202-1", "user", "Is there a student discount on Premium?", userId="u-ben")
    t.msg(t.at(-2, 11, 0, 10), "s-0202", "m-0202-2", "assistant", "Students get 20% off Premium for the first year (Pricing 2026).",
          model="mistral-large", documents=[PRICING], tools=[{"name": "web_search"}])
    t.msg(t.at(-2, 11, 1), "s-0202", "m-0202-3", "user", "How do I prove I am a student?", userId="u-ben")
    t.msg(t.at(-2, 11, 1, 8), "s-0202", "m-0202-4", "assistant", "Upload a current student card in the app under Account, then Discounts.",
          model="mistral-large", documents=[PRICING])
    t.feedback(t.at(-2, 11, 2), "m-0202-2", "like", "u-ben")
    t.feedback(t.at(-2, 11, 2, 5), "m-0202-4", "copy", "u-ben")
    t.msg(t.at(-2, 12, 0), "s-0201", "m-0201-0", "user", "My internet has been down since this morning.", userId="u-dan")
    t.msg(t.at(-2, 12, 0, 10), "s-0201", "m-0201-00", "assistant", "I am sorry to hear that. Could you restart the router and tell me what the light shows?",
          model="gpt-4o", documents=[ROUTER_GUIDE])
    t.msg(t.at(-2, 12, 1), "s-0201", t.abusive_message, "user", ABUSE, userId="u-dan")
    t.started(t.at(-2, 18, 0), "s-0203", "u-eve")

    # Day -1: a follow-up from Anna, a copy of a three-day-old answer, a new user logging in twice.
    t.connection(t.at(-1, 7, 45), "u-frank", "frank@example.net")
    t.connection(t.at(-1, 8, 10), "u-anna", "anna@example.com")
    t.msg(t.at(-1, 8, 12), "s-0101", "m-0101-1", "user", "Which router settings should I use for a mesh extender?", userId="u-anna")
    t.msg(t.at(-1, 8, 12, 14), "s-0101", "m-0101-2", "assistant",
          "Set the router to bridge mode off and enable the 5 GHz band; the extender then joins the network (Router setup guide, section 5).",
          model="gpt-4o-mini", documents=[ROUTER_GUIDE], tools=ds)
    t.feedback(t.at(-1, 9, 0), "m-0301-2", "copy", "u-carla")
    t.connection(t.at(-1, 19, 30), "u-frank", "frank@example.net")
    t.msg(t.at(-1, 19, 31), "s-0102", "m-0102-1", "user", "Why was I charged twice this month?", userId="u-frank")
    t.msg(t.at(-1, 19, 31, 20), "s-0102", "m-0102-2", "assistant",
          "I see two charges: your monthly plan and a one-off World pass. Only the plan renews.", model="gpt-4o-mini",
          tools=[{"name": "billing_lookup"}])
    t.ended(t.at(-1, 19, 40), "s-0102")

    # The last minutes: live sessions for the monitor (12 of them, newest last).
    for k, city in enumerate(CITIES):
        start = now - dt.timedelta(seconds=20 * (len(CITIES) - k) + 5)
        sid = f"s-live-{k + 1:02d}"
        t.live.append(sid)
        t.msg(iso(start), sid, f"m-live-{k + 1:02d}-1", "user", f"Is there an outage in {city} right now?", userId=f"u-live-{k + 1:02d}")
        t.msg(iso(start + dt.timedelta(seconds=3)), sid, f"m-live-{k + 1:02d}-2", "assistant",
              f"No outage is reported in {city}; the network status page shows all services up.", model="gpt-4o", tools=[{"name": "status_check"}])
    return t


def globex_traffic(now: dt.datetime) -> List[Event]:
    """Company B's (small) traffic, sent by a platform admin key with company_id."""
    d = now.date() - dt.timedelta(days=1)
    ts = lambda h, m, s=0: iso(dt.datetime(d.year, d.month, d.day, h, m, s, tzinfo=dt.timezone.utc))  # noqa: E731
    return [
        {"id": "gx-1", "type": "message", "timestamp": ts(10, 0), "sessionId": "g-1", "messageId": "g-1-1", "role": "user",
         "content": "Where is my parcel?", "userId": "g-user"},
        {"id": "gx-2", "type": "message", "timestamp": ts(10, 0, 9), "sessionId": "g-1", "messageId": "g-1-2", "role": "assistant",
         "content": "It left the depot this morning and arrives tomorrow.", "model": "claude-sonnet", "tools": [{"name": "parcel_tracking"}]},
    ]


# --- the reports, computed from the events --------------------------------------------------


def _day(ts: str) -> str:
    return ts[:10]


def reported(ts: Optional[str]) -> Optional[str]:
    """A time as the reporting API writes it: UTC to the second, ``Z`` (Paradigm's form, no milliseconds)."""
    return ts[:19] + "Z" if ts else None


def expected_days(events: List[Event], session_message_counts: Dict[str, int]) -> Dict[str, Dict[str, Any]]:
    """Per UTC day: the numbers of the chat-sessions, feedback, tools, documents and activity reports.

    ``session_message_counts`` comes from the monitor (it includes any handoff message the policy
    added), used only for ``average_session_length``.
    """
    days: Dict[str, Dict[str, Any]] = defaultdict(lambda: {
        "sessions": [], "models": set(), "queries": 0, "responses": 0, "with_docs": 0, "last_response": None,
        "likes": 0, "dislikes": 0, "copies": 0, "tools": defaultdict(int), "documents": {}, "users": {},
    })
    created: Dict[str, str] = {}
    for e in events:
        if e["type"] in ("session.started", "message") and e["sessionId"] not in created:
            created[e["sessionId"]] = e["timestamp"]
            days[_day(e["timestamp"])]["sessions"].append(e["sessionId"])
        d = days[_day(e["timestamp"])]
        if e["type"] == "message":
            if e.get("model"):
                d["models"].add(e["model"])
            for tool in e.get("tools", []):
                d["tools"][tool["name"]] += 1
            if e["role"] == "user":
                d["queries"] += 1
                u = d["users"].setdefault(e["userId"], {"queries": 0, "last": None})
                u["queries"] += 1
            elif e["role"] == "assistant":
                d["responses"] += 1
                d["last_response"] = reported(max(d["last_response"] or "", e["timestamp"]))
                if e.get("documents"):
                    d["with_docs"] += 1
                for doc in e.get("documents", []):
                    x = d["documents"].setdefault(doc["id"], {"document_filename": doc["filename"], "document_title": doc.get("title") or "",
                                                            "document_id": doc["id"], "usage_count": 0})
                    x["usage_count"] += 1
        elif e["type"] == "feedback":
            d[{"like": "likes", "dislike": "dislikes", "copy": "copies"}[e["kind"]]] += 1
        elif e["type"] == "connection":
            u = d["users"].setdefault(e["userId"], {"queries": 0, "last": None})
            u["last"] = reported(max(u["last"] or "", e["timestamp"]))
    for d in days.values():
        n = len(d["sessions"])
        d["average"] = round(sum(session_message_counts[s] for s in d["sessions"]) / n, 2) if n else 0
    return days


def emails(events: List[Event]) -> Dict[str, Optional[str]]:
    """Each end user's email: the latest connection that carried one."""
    out: Dict[str, Optional[str]] = {}
    for e in sorted((e for e in events if e["type"] == "connection"), key=lambda e: e["timestamp"]):
        out.setdefault(e["userId"], None)
        if e.get("email"):
            out[e["userId"]] = e["email"]
    return out


def first_seen(events: List[Event]) -> Dict[str, str]:
    """When each end user was first seen (a user message or a connection)."""
    out: Dict[str, str] = {}
    for e in events:
        user = e.get("userId") if (e["type"] == "connection" or (e["type"] == "message" and e["role"] == "user")) else None
        if user and (user not in out or e["timestamp"] < out[user]):
            out[user] = e["timestamp"]
    return out
