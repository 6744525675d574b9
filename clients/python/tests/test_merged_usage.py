"""merged_usage(): the dashboard's merged daily table, as a DataFrame equal to the dashboard's CSV."""
from __future__ import annotations

import io
import subprocess
import sys

import pandas as pd
import pytest

import chatlens
from conftest import PACKAGE_DIR, REPO_ROOT, node_binary

SCRIPT = PACKAGE_DIR / "tests" / "dashboard_usage_csv.ts"


def dashboard_csv(server, key: str, start: str, end: str, company_id=None) -> str:
    """The Usage page's CSV, produced by the project's TypeScript mergeUsage + toCsv."""
    args = [node_binary(), "--import", "tsx", str(SCRIPT), server.url, key, start, end]
    if company_id is not None:
        args.append(str(company_id))
    # Bytes, not text: universal newlines would turn the CSV's CRLF into LF.
    r = subprocess.run(args, cwd=REPO_ROOT, capture_output=True, timeout=60)
    assert r.returncode == 0, r.stderr.decode("utf-8", "replace")
    return r.stdout.decode("utf-8")


def as_csv(df: pd.DataFrame) -> str:
    """The frame written the way JavaScript's toCsv writes values (3 rather than 3.0), CRLF lines."""

    def cell(v) -> str:
        if isinstance(v, float) and v.is_integer():
            return str(int(v))
        return str(v)

    lines = [",".join(df.columns)] + [",".join(cell(v) for v in row) for row in df.itertuples(index=False)]
    return "\r\n".join(lines) + "\r\n"


@pytest.fixture(scope="module")
def ts_csv(server, window):
    return dashboard_csv(server, server.analyst, *window)


def test_merged_usage_equals_the_dashboard_csv(analyst, window, ts_csv):
    df = analyst.merged_usage(*window)
    assert isinstance(df, pd.DataFrame)
    assert as_csv(df) == ts_csv
    # And read back by pandas, value for value, column for column.
    ts = pd.read_csv(io.StringIO(ts_csv), dtype={"date": str})
    assert list(df.columns) == list(ts.columns)
    pd.testing.assert_frame_equal(df, ts, check_dtype=False, check_exact=True)


def test_columns_follow_the_dashboard_with_one_column_per_tool(server, analyst, window):
    df = analyst.merged_usage(*window)
    assert list(df.columns) == [
        "date", "nb_sessions", "unique_models", "average_session", "user_queries", "model_responses",
        "model_responses_with_docs", "model_responses_without_docs", "likes", "dislikes", "copies",
        "tool_uses", "document_uses", "active_users", "input_tokens", "output_tokens", "cost_usd",
        "tool:billing_lookup", "tool:code_execution", "tool:document_search", "tool:status_check", "tool:web_search",
    ]
    assert list(df.columns[:17]) == list(chatlens.USAGE_COLUMNS)
    assert len(df) == 7 and df["date"].tolist()[0] == window[0]
    assert str(df["nb_sessions"].dtype) == "int64" and str(df["average_session"].dtype) == "float64"
    day5 = df.set_index("date").loc[server.traffic.day(-5).isoformat()]
    assert (day5["nb_sessions"], day5["likes"], day5["dislikes"], day5["copies"]) == (2, 1, 1, 1)
    assert (day5["tool:document_search"], day5["tool:web_search"], day5["tool_uses"]) == (2, 1, 3)
    assert (day5["model_responses_without_docs"], day5["document_uses"], day5["active_users"]) == (1, 2, 2)
    # gpt-4o 1200 × $2.50/M + 300 × $10/M, mistral-large 800 × $2/M + 200 × $6/M (shipped list prices).
    assert (day5["input_tokens"], day5["output_tokens"], day5["cost_usd"]) == (2000, 500, 0.0088)
    assert str(df["cost_usd"].dtype) == "float64" and df["input_tokens"].sum() == 2000
    # Per-tool columns add up to tool_uses on every day.
    tools = [c for c in df.columns if c.startswith(chatlens.TOOL_COLUMN_PREFIX)]
    assert (df[tools].sum(axis=1) == df["tool_uses"]).all()


def test_platform_admin_gets_one_companys_table(server, window):
    platform = server.client(server.platform)
    df = platform.merged_usage(*window, company_id=server.other_company_id)
    assert as_csv(df) == dashboard_csv(server, server.platform, *window, company_id=server.other_company_id)
    assert list(df.columns[17:]) == ["tool:parcel_tracking"]
    assert df["nb_sessions"].sum() == 1


def test_a_single_day_and_rows_without_pandas(analyst, server, monkeypatch):
    day = server.traffic.day(-4).isoformat()  # nothing happened that day
    rows = analyst.merged_usage_rows(day, day)
    assert rows == [{
        "date": day, "nb_sessions": 0, "unique_models": 0, "average_session": 0, "user_queries": 0, "model_responses": 0,
        "model_responses_with_docs": 0, "model_responses_without_docs": 0, "likes": 0, "dislikes": 0, "copies": 0,
        "tool_uses": 0, "document_uses": 0, "active_users": 0, "input_tokens": 0, "output_tokens": 0, "cost_usd": 0,
    }]
    # Without pandas: a clear error for the DataFrame, plain rows still work.
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(chatlens.MissingDependencyError, match="pandas") as caught:
        analyst.merged_usage(day, day)
    assert isinstance(caught.value, ImportError)
    assert "merged_usage_rows" in str(caught.value)
    assert analyst.merged_usage_rows(day, day) == rows


def test_the_documented_examples_run():
    import doctest

    import chatlens.usage

    result = doctest.testmod(chatlens.usage)
    assert result.attempted >= 4 and result.failed == 0
