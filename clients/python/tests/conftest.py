"""A real Chatlens server for the whole test run.

Started the way an operator starts one: ``node bin/chatlens.js serve`` on a fresh SQLite file and a
free port, with the company and its keys made by ``chatlens companies create`` / ``keys create``.
Then realistic traffic goes in through ``POST /api/ingest``.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List

import pytest

PACKAGE_DIR = Path(__file__).resolve().parents[1]
REPO_ROOT = PACKAGE_DIR.parents[1]
# The package under test is the checkout's, whatever else is installed.
sys.path.insert(0, str(PACKAGE_DIR))

import chatlens  # noqa: E402
from traffic import Traffic, build_traffic, globex_traffic  # noqa: E402

BIN = REPO_ROOT / "bin" / "chatlens.js"


def node_binary() -> str:
    node = shutil.which("node")
    if not node:
        raise RuntimeError("the Python client's tests start a real Chatlens server and need Node.js (node) on PATH")
    return node


@dataclass
class Server:
    url: str
    db: Path
    company_id: int
    other_company_id: int
    analyst: str
    ingest: str
    platform: str
    traffic: Traffic

    def client(self, key: str, **kwargs) -> chatlens.Client:
        return chatlens.Client(base_url=self.url, api_key=key, **kwargs)


def _server_env(data_dir: str) -> Dict[str, str]:
    env = dict(os.environ)
    # A fresh SQLite file whatever the caller's environment says; no LLM judge; quiet logs.
    env.update({"DATABASE_URL": "", "CHATLENS_DATA_DIR": data_dir, "LOG_LEVEL": "warn", "CHATLENS_JUDGE_URL": "", "CHATLENS_JUDGE_MODEL": ""})
    return env


def _cli(args: List[str], db: Path, env: Dict[str, str]) -> str:
    r = subprocess.run([node_binary(), str(BIN), *args, "--db", str(db)], cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=60)
    if r.returncode != 0:
        raise RuntimeError(f"chatlens {' '.join(args)} failed ({r.returncode}):\n{r.stdout}{r.stderr}")
    return r.stdout.strip()


@pytest.fixture(scope="session")
def server():
    tmp = tempfile.mkdtemp(prefix="chatlens-pytest-")
    db = Path(tmp) / "chatlens.db"
    env = _server_env(tmp)
    # The first command creates and migrates the database; everything else can then run at once.
    try:
        company_id = int(_cli(["companies", "create", "--name", "Acme Telecom"], db, env))
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise

    log = open(Path(tmp) / "server.log", "w")
    proc = subprocess.Popen(
        [node_binary(), str(BIN), "serve", "--port", "0", "--host", "127.0.0.1", "--db", str(db)],
        cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.PIPE, text=True,
        start_new_session=True,  # its own process group: the tsx children stop with it
    )
    url_found = threading.Event()
    lines: List[str] = []
    found: Dict[str, str] = {}

    def read_stderr() -> None:
        assert proc.stderr is not None
        for line in proc.stderr:
            lines.append(line)
            m = re.search(r"Chatlens is running on (http://\S+)", line)
            if m and not url_found.is_set():
                found["url"] = m.group(1)
                url_found.set()

    threading.Thread(target=read_stderr, daemon=True).start()

    def stop() -> None:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)
        log.close()
        shutil.rmtree(tmp, ignore_errors=True)

    try:
        with ThreadPoolExecutor(max_workers=5) as pool:
            other = pool.submit(_cli, ["companies", "create", "--name", "Globex Parcels"], db, env)
            keys = {role: pool.submit(_cli, ["keys", "create", "--company", str(company_id), "--role", role, "--name", f"pytest {role}"], db, env)
                    for role in ("analyst", "ingest")}
            platform = pool.submit(_cli, ["keys", "create", "--platform-admin", "--name", "pytest platform"], db, env)
            other_company_id = int(other.result())
            key = {role: f.result() for role, f in keys.items()}
            platform_key = platform.result()
        deadline = time.monotonic() + 60
        while not url_found.wait(timeout=0.1):
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("chatlens serve did not start:\n" + "".join(lines))

        traffic = build_traffic(dt.datetime.now(dt.timezone.utc))
        s = Server(url=found["url"], db=db, company_id=company_id, other_company_id=other_company_id,
                   analyst=key["analyst"], ingest=key["ingest"], platform=platform_key, traffic=traffic)
        results = s.client(s.ingest).ingest(traffic.events)
        rejected = [r for r in results if r["status"] != "accepted"]
        assert not rejected, rejected
        results = s.client(s.platform).ingest(globex_traffic(traffic.now), company_id=other_company_id)
        assert [r["status"] for r in results] == ["accepted", "accepted"]
        yield s
    finally:
        stop()


@pytest.fixture(scope="session")
def analyst(server: Server) -> chatlens.Client:
    return server.client(server.analyst)


@pytest.fixture(scope="session")
def window(server: Server):
    """A week ending today: one empty day before the traffic, then six days with and without traffic."""
    today = server.traffic.today
    return (today - dt.timedelta(days=6)).isoformat(), today.isoformat()

