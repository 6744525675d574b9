"""Errors: the server's envelope as typed exceptions, and failures to get an answer at all."""
from __future__ import annotations

import re
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

import chatlens

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def test_unknown_key_is_401_with_the_request_id(server, window):
    bad = chatlens.Client(base_url=server.url, api_key="clk_AAAAAAAAAAAA_" + "x" * 43)
    with pytest.raises(chatlens.UnauthorizedError) as caught:
        bad.chat_sessions(*window)
    err = caught.value
    assert (err.status, err.code) == (401, "UNAUTHORIZED")
    assert UUID.match(err.request_id)
    assert isinstance(err, chatlens.APIError) and not isinstance(err, chatlens.APIConnectionError)
    assert err.request_id in str(err)
    assert "clk_" not in repr(bad)  # the key never shows in a repr


@pytest.mark.parametrize(
    "start, end, fragment",
    [
        ("2026-13-01", None, "start_date must be a date in YYYY-MM-DD format"),
        ("01/04/2026", None, "start_date must be a date in YYYY-MM-DD format"),
        ("2026-04-08", "2026-04-31", "end_date must be a date in YYYY-MM-DD format"),
        ("2026-04-08", "2026-04-01", "end_date must be on or after start_date"),
        (None, None, "start_date is required"),
    ],
)
def test_bad_dates_are_400_naming_the_parameter(analyst, start, end, fragment):
    with pytest.raises(chatlens.BadRequestError) as caught:
        analyst.used_documents(start, end)
    assert caught.value.status == 400 and caught.value.code == "BAD_REQUEST"
    assert fragment in caught.value.message
    assert UUID.match(caught.value.request_id)


def test_bad_monitor_and_trends_parameters_are_400(analyst):
    with pytest.raises(chatlens.BadRequestError, match="limit"):
        analyst.monitor_page(limit=0)
    with pytest.raises(chatlens.BadRequestError, match="since"):
        next(analyst.monitor_sessions(since="yesterday"))
    with pytest.raises(chatlens.BadRequestError, match="days"):
        analyst.trends(400)


def test_forbidden_role_and_foreign_company_are_403(server, window):
    with pytest.raises(chatlens.ForbiddenError) as caught:
        server.client(server.ingest).chats_feedback(*window)
    assert caught.value.status == 403 and UUID.match(caught.value.request_id)
    with pytest.raises(chatlens.ForbiddenError, match=f"only read company {server.company_id}"):
        server.client(server.analyst).users(*window, company_id=server.other_company_id)
    # An analyst key reads; it may not send events.
    event = {"id": "analyst-1", "type": "connection", "timestamp": "2026-04-08T12:00:00Z", "userId": "u-x"}
    with pytest.raises(chatlens.ForbiddenError):
        server.client(server.analyst).ingest([event])


def test_unknown_session_and_company_are_404(server, window, analyst):
    with pytest.raises(chatlens.NotFoundError):
        analyst.session("no-such-session")
    with pytest.raises(chatlens.NotFoundError, match="company 999999"):
        server.client(server.platform).tools(*window, company_id=999999)


def test_platform_admin_must_name_a_company_for_trends(server):
    with pytest.raises(chatlens.BadRequestError, match="company_id"):
        server.client(server.platform).trends(7)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_connection_refused_is_a_connection_error_not_an_api_error():
    client = chatlens.Client(base_url=f"http://127.0.0.1:{_free_port()}", api_key="clk_x")
    with pytest.raises(chatlens.APIConnectionError) as caught:
        client.trends()
    assert not isinstance(caught.value, chatlens.APIError)
    assert isinstance(caught.value, ConnectionError)  # the built-in one too
    assert "cannot connect" in str(caught.value)


@pytest.fixture()
def silent_server():
    """Accepts connections and never answers (what a hung upstream looks like)."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    held = []
    stop = threading.Event()

    def accept():
        sock.settimeout(0.1)
        while not stop.is_set():
            try:
                held.append(sock.accept()[0])
            except OSError:
                continue

    t = threading.Thread(target=accept, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    stop.set()
    t.join()
    for c in held:
        c.close()
    sock.close()


def test_no_answer_within_the_timeout_is_a_timeout_error(silent_server):
    client = chatlens.Client(base_url=silent_server, api_key="clk_x", timeout=0.3)
    with pytest.raises(chatlens.APITimeoutError) as caught:
        client.users("2026-04-01")
    assert isinstance(caught.value, chatlens.APIConnectionError) and isinstance(caught.value, TimeoutError)
    assert "0.3 s" in str(caught.value)


@pytest.fixture()
def proxy_error_server():
    """A reverse proxy in front of a dead server: 502 with an HTML page."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            body = b"<html><body><h1>502 Bad Gateway</h1></body></html>"
            self.send_response(502)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    t = threading.Thread(target=httpd.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_an_error_page_that_is_not_the_envelope_is_still_a_typed_error(proxy_error_server):
    client = chatlens.Client(base_url=proxy_error_server, api_key="clk_x")
    with pytest.raises(chatlens.ServerError) as caught:
        client.trends()
    assert (caught.value.status, caught.value.code, caught.value.request_id) == (502, "HTTP_ERROR", None)
    assert "502 Bad Gateway" in caught.value.message


def test_url_and_key_come_from_the_environment(server, monkeypatch, window):
    monkeypatch.setenv("CHATLENS_URL", server.url + "/")
    monkeypatch.setenv("CHATLENS_API_KEY", server.analyst)
    client = chatlens.Client()
    assert client.base_url == server.url
    assert client.users(*window)["reporting"][0]["company"]["id"] == server.company_id
    # Arguments win over the environment.
    with pytest.raises(chatlens.UnauthorizedError):
        chatlens.Client(api_key="clk_nope").users(*window)


def test_missing_configuration_is_reported_before_any_request(monkeypatch):
    monkeypatch.delenv("CHATLENS_URL", raising=False)
    monkeypatch.delenv("CHATLENS_API_KEY", raising=False)
    with pytest.raises(ValueError, match="CHATLENS_URL"):
        chatlens.Client(api_key="clk_x")
    with pytest.raises(ValueError, match="CHATLENS_API_KEY"):
        chatlens.Client(base_url="http://127.0.0.1:8080")
    with pytest.raises(ValueError, match="http"):
        chatlens.Client(base_url="127.0.0.1:8080", api_key="clk_x")
    with pytest.raises(TypeError, match="start_date"):
        chatlens.Client(base_url="http://127.0.0.1:8080", api_key="clk_x").chat_sessions(20260401)


@pytest.fixture()
def looping_monitor():
    """A broken server that hands out the same cursor forever."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            body = b'{"sessions": [{"id": "s1"}], "nextCursor": "s1"}'
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    t = threading.Thread(target=httpd.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_the_monitor_iterator_stops_on_a_repeated_cursor_instead_of_looping(looping_monitor):
    client = chatlens.Client(base_url=looping_monitor, api_key="clk_x")
    got = []
    with pytest.raises(chatlens.InvalidResponseError, match="twice"):
        for s in client.monitor_sessions():
            got.append(s["id"])
    assert got == ["s1", "s1"]
