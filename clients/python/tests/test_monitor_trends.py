"""The live monitor (with pagination) and trends."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pytest

from traffic import ABUSE

ALL_TIME = "2000-01-01T00:00:00Z"


def test_monitor_iterator_follows_next_cursor_through_every_page(server, analyst):
    pages = []
    cursor = None
    while True:
        page = analyst.monitor_page(limit=5, cursor=cursor)
        pages.append(page)
        cursor = page["nextCursor"]
        if cursor is None:
            break
    # The default window is the last 30 minutes: the 12 live sessions, 5 + 5 + 2.
    assert [len(p["sessions"]) for p in pages] == [5, 5, 2]
    assert pages[0]["nextCursor"] == pages[0]["sessions"][-1]["id"]

    ids = [s["id"] for s in analyst.monitor_sessions(limit=5)]
    assert ids == [s["id"] for p in pages for s in p["sessions"]]
    assert ids == list(reversed(server.traffic.live))  # newest activity first


def test_monitor_pages_lazily_and_reads_back_all_sessions(server, analyst):
    every = list(analyst.monitor_sessions(since=ALL_TIME, limit=4))
    sessions = {e["sessionId"] for e in server.traffic.events if "sessionId" in e}
    assert len(every) == len(sessions) and {s["id"] for s in every} == sessions
    activity = [s["lastActivityAt"] for s in every]
    assert activity == sorted(activity, reverse=True)

    it = analyst.monitor_sessions(since=ALL_TIME, limit=2)
    assert [next(it)["id"], next(it)["id"]] == [s["id"] for s in every[:2]]


def test_monitor_shows_state_preview_and_counts(server, analyst):
    since = dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=10)  # a datetime works as well as a string
    by_id = {s["id"]: s for s in analyst.monitor_sessions(since=since, limit=100)}
    assert by_id["s-0501"]["endedReason"] == "user"
    assert by_id["s-0501"]["endedAt"] == server.traffic.at(-5, 9, 5)
    assert by_id["s-0501"]["messageCount"] == 4
    assert by_id["s-0501"]["lastMessage"] == "Glad it works again. Anything else I can help with?"
    assert by_id["s-0203"]["messageCount"] == 0 and by_id["s-0203"]["lastMessage"] == ""
    live = by_id[server.traffic.live[0]]
    assert live["endedAt"] is None and live["endedReason"] is None
    # Abuse hands the session over to a person: ended for a violation, the handoff note is the last message.
    abusive = by_id[server.traffic.abusive_session]
    assert abusive["endedReason"] == "violation"
    assert abusive["messageCount"] == 4
    assert abusive["lastMessage"].startswith("Live agent required")


def test_monitor_platform_admin_names_the_company(server):
    platform = server.client(server.platform)
    ids = [s["id"] for s in platform.monitor_sessions(since=ALL_TIME, company_id=server.other_company_id)]
    assert ids == ["g-1"]


@pytest.fixture(scope="module")
def analysed(server, analyst):
    """Per day: turns analysed, turns flagged per category, findings per subtype, read from the transcripts."""
    sessions = {e["sessionId"] for e in server.traffic.events if "sessionId" in e}
    turns = defaultdict(int)
    flagged = defaultdict(lambda: defaultdict(int))
    subtypes = defaultdict(int)
    for sid in sessions:
        for m in analyst.session(sid)["messages"]:
            if not m["analyzed"]:
                continue
            day = m["createdAt"][:10]
            turns[day] += 1
            for category in {f["category"] for f in m["findings"]}:
                flagged[day][category] += 1
            for f in m["findings"]:
                subtypes[(f["category"], f["subtype"])] += 1
    return turns, flagged, subtypes


def _rate(n: int, d: int) -> float:
    return round(n / d, 4) if d else 0


def test_trends_daily_rates_match_the_findings_of_each_turn(server, analyst, analysed):
    turns, flagged, subtypes = analysed
    trends = analyst.trends(7)
    today = dt.datetime.now(dt.timezone.utc).date()  # the server's today, not the traffic's: a run may cross midnight
    days = [(today - dt.timedelta(days=6 - i)).isoformat() for i in range(7)]
    assert [d["date"] for d in trends["dailyData"]] == days
    for d in trends["dailyData"]:
        f = flagged[d["date"]]
        assert (d["hallucinationFlagged"], d["biasFlagged"], d["toxicityFlagged"]) == (
            f["hallucination"], f["bias"], f["toxicity"]), d["date"]
        assert d["toxicityRate"] == _rate(f["toxicity"], turns[d["date"]])
        assert d["hallucinationRate"] == _rate(f["hallucination"], turns[d["date"]])
        assert d["biasRate"] == _rate(f["bias"], turns[d["date"]])
        assert d["uploadCount"] == 0
    assert sum(d["totalIssues"] for d in trends["dailyData"]) == sum(subtypes.values()) == trends["totals"]["issues"]
    for (category, subtype), n in subtypes.items():
        assert trends["subtypeBreakdown"][category][subtype] == n
    total_turns = sum(turns.values())
    assert trends["totals"]["toxicityRate"] == _rate(sum(f["toxicity"] for f in flagged.values()), total_turns)
    # The abusive turn of day -2 is flagged as toxic; nothing happened in the prior week.
    abusive_day = next(d for d in trends["dailyData"] if d["date"] == server.traffic.day(-2).isoformat())
    assert abusive_day["toxicityFlagged"] >= 1
    transcript = analyst.session(server.traffic.abusive_session)
    abuse = next(m for m in transcript["messages"] if m["content"] == ABUSE)
    assert "toxicity" in {f["category"] for f in abuse["findings"]}
    assert trends["totals"]["priorPeriod"] == {"uploads": 0, "issues": 0, "hallucinationRate": 0, "biasRate": 0, "toxicityRate": 0}


def test_trends_window_length_and_default(analyst):
    assert len(analyst.trends(1)["dailyData"]) == 1
    assert len(analyst.trends()["dailyData"]) == 30
