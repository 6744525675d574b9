"""The six Paradigm-compatible reports, checked day by day against counts made from the events."""
from __future__ import annotations

import datetime as dt

import pytest

from traffic import emails, expected_days, first_seen, reported


def _days(start: str, end: str):
    d, last = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    while d <= last:
        yield d.isoformat()
        d += dt.timedelta(days=1)


@pytest.fixture(scope="module")
def expected(server, analyst):
    # Message counts per session (handoff messages included) from the monitor, for average_session_length.
    counts = {s["id"]: s["messageCount"] for s in analyst.monitor_sessions(since="2000-01-01T00:00:00Z", limit=100)}
    return expected_days(server.traffic.events, counts)


def _company_block(report, server):
    assert [b["company"] for b in report["reporting"]] == [{"name": "Acme Telecom", "id": server.company_id}]
    return report["reporting"][0]["dates"]


def test_chat_sessions_counts_every_day_of_the_window(server, analyst, window, expected):
    report = analyst.chat_sessions(*window)
    assert set(report["metadata"]) == {
        "sessions_count", "model_responses_with_docs_count", "unique_models_count", "average_session_length",
        "user_queries_count", "model_responses_count", "last_model_response_date",
    }
    # Paradigm's agent-mode legend; Chatlens has no agent mode, so it comes without per-day agent numbers.
    assert list(report) == ["metadata", "reporting", "metadata_agent"]
    assert set(report["metadata_agent"]) == {
        "threads_count", "unique_models_count", "average_thread_length", "user_queries_count",
        "model_responses_with_docs_count", "model_responses_count", "last_model_response_date",
    }
    dates = _company_block(report, server)
    assert [d["date"] for d in dates] == list(_days(*window))
    for d in dates:
        e = expected.get(d["date"])
        if e is None:  # a day without traffic is present, zero-filled
            assert d["sessions"] == {"sessions_count": 0, "unique_models_count": 0, "average_session_length": 0}
            assert d["chats"] == {"user_queries_count": 0, "model_responses_with_docs_count": 0, "model_responses_count": 0,
                                  "last_model_response_date": None}
            continue
        assert d["sessions"] == {"sessions_count": len(e["sessions"]), "unique_models_count": len(e["models"]),
                                 "average_session_length": e["average"]}, d["date"]
        assert d["chats"] == {"user_queries_count": e["queries"], "model_responses_with_docs_count": e["with_docs"],
                              "model_responses_count": e["responses"], "last_model_response_date": e["last_response"]}, d["date"]
    # Day -5 by hand, as a reader of the traffic would count it: 2 sessions, 3 queries, 3 answers, 2 with documents.
    day5 = dates[1]
    assert (day5["sessions"]["sessions_count"], day5["chats"]["user_queries_count"], day5["chats"]["model_responses_count"],
            day5["chats"]["model_responses_with_docs_count"], day5["sessions"]["unique_models_count"]) == (2, 3, 3, 2, 2)


def test_chats_feedback_buckets_feedback_by_the_day_it_was_given(server, analyst, window, expected):
    dates = _company_block(analyst.chats_feedback(*window), server)
    for d in dates:
        e = expected.get(d["date"], {"likes": 0, "dislikes": 0, "copies": 0, "responses": 0})
        assert d["feedbacks"] == {"likes_count": e["likes"], "dislikes_count": e["dislikes"], "copies_count": e["copies"]}, d["date"]
        assert d["model_responses_count"] == e["responses"]
    # The copy of a day -3 answer, given on day -1, counts on day -1.
    assert dates[5]["feedbacks"]["copies_count"] == 1


def test_tools_counts_each_tool_entry(server, analyst, window, expected):
    dates = _company_block(analyst.tools(*window), server)
    for d in dates:
        want = dict(expected[d["date"]]["tools"]) if d["date"] in expected else {}
        assert {t["tool_name"]: t["usage_count"] for t in d["tools"]} == want, d["date"]
        counts = [t["usage_count"] for t in d["tools"]]
        assert counts == sorted(counts, reverse=True)
    # The tool message's billing lookup counts like any other tool use.
    assert {t["tool_name"] for t in dates[3]["tools"]} == {"document_search", "billing_lookup", "code_execution"}


def test_used_documents_per_answer_and_untitled_documents(server, analyst, window, expected):
    dates = _company_block(analyst.used_documents(*window), server)
    for d in dates:
        want = sorted((expected[d["date"]]["documents"].values() if d["date"] in expected else []),
                      key=lambda x: (-x["usage_count"], x["document_id"]))
        assert d["documents"] == want, d["date"]
    roaming = next(x for x in dates[3]["documents"] if x["document_id"] == 103)
    assert roaming == {"document_filename": "roaming-faq.md", "document_title": "", "document_id": 103, "usage_count": 1}


def test_user_activities_lists_active_users_with_their_latest_connection(server, analyst, window, expected):
    mail = emails(server.traffic.events)
    dates = _company_block(analyst.user_activities(*window), server)
    for d in dates:
        users = expected[d["date"]]["users"] if d["date"] in expected else {}
        assert d["active_users_count"] == len(users)
        got = {u["user_id"]: (u["user_queries_count"], u["last_connection_date"], u["email"]) for u in d["users"]}
        assert got == {uid: (u["queries"], u["last"], mail.get(uid)) for uid, u in users.items()}, d["date"]
        queries = [u["user_queries_count"] for u in d["users"]]
        assert queries == sorted(queries, reverse=True)
    # Frank logged in twice on day -1: the later login is reported.
    frank = next(u for u in dates[5]["users"] if u["user_id"] == "u-frank")
    assert frank["last_connection_date"] == reported(server.traffic.at(-1, 19, 30))
    assert frank["last_connection_date"].endswith(":30:00Z")
    assert frank["email"] == "frank@example.net"


def test_users_report_counts_members_seen_and_active(server, analyst, window):
    seen = first_seen(server.traffic.events)
    report = analyst.users(*window)
    assert set(report["metadata"]) == {"total_historical_members", "current_active_members"}
    assert report["reporting"] == [{"company": {"id": server.company_id, "name": "Acme Telecom"},
                                    "total_historical_members": len(seen), "current_active_members": len(seen)}]
    # Day -3 alone: members seen by its end (Anna, Ben, Carla), active that day (Carla, Anna).
    day3 = server.traffic.day(-3).isoformat()
    narrow = analyst.users(day3, day3)["reporting"][0]
    assert (narrow["total_historical_members"], narrow["current_active_members"]) == (3, 2)


def test_dates_as_date_objects_and_end_date_defaulting_to_today(server, analyst, window):
    start = dt.date.fromisoformat(window[0])
    by_date = analyst.chat_sessions(start, dt.datetime.fromisoformat(window[1] + "T13:00:00"))
    assert by_date == analyst.chat_sessions(*window)
    dates = analyst.chat_sessions(window[0])["reporting"][0]["dates"]
    assert dates[-1]["date"] == dt.datetime.now(dt.timezone.utc).date().isoformat()


def test_platform_admin_reads_every_company_or_one(server, window):
    platform = server.client(server.platform)
    everyone = platform.tools(*window)
    assert [b["company"]["id"] for b in everyone["reporting"]] == [server.company_id, server.other_company_id]
    globex = platform.tools(*window, company_id=server.other_company_id)
    assert [b["company"] for b in globex["reporting"]] == [{"name": "Globex Parcels", "id": server.other_company_id}]
    used = [(d["date"], t) for d in globex["reporting"][0]["dates"] for t in d["tools"]]
    assert used == [(server.traffic.day(-1).isoformat(), {"tool_name": "parcel_tracking", "usage_count": 1})]
