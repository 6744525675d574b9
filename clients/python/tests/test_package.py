"""The package installs with pip (offline, with the system's setuptools) and imports from the checkout."""
from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

from conftest import PACKAGE_DIR


def _run(args, **kwargs):
    r = subprocess.run(args, capture_output=True, text=True, timeout=120, **kwargs)
    assert r.returncode == 0, f"{' '.join(map(str, args))}\n{r.stdout}\n{r.stderr}"
    return r.stdout


def test_pip_installs_it_and_the_installed_copy_talks_to_the_server(server, tmp_path, window):
    missing = [m for m in ("pip", "setuptools") if importlib.util.find_spec(m) is None]
    assert not missing, (
        f"installing the package needs {' and '.join(missing)} for {sys.executable}; "
        "on Debian/Ubuntu: apt-get install -y python3-pip python3-setuptools"
    )
    # A copy, so the build's egg-info never lands in the checkout.
    src = tmp_path / "src"
    shutil.copytree(PACKAGE_DIR, src, ignore=shutil.ignore_patterns("tests", "__pycache__", "*.egg-info", "build", ".pytest_cache"))
    target = tmp_path / "site"
    # --no-build-isolation: build with the installed setuptools, so nothing is downloaded.
    _run([sys.executable, "-m", "pip", "install", "--quiet", "--no-build-isolation", "--no-index", "--no-deps",
          "--disable-pip-version-check", "--target", str(target), str(src)])
    assert (target / "chatlens" / "py.typed").is_file()
    assert not (target / "tests").exists()

    script = textwrap.dedent(
        """
        import chatlens, json
        client = chatlens.Client()  # CHATLENS_URL / CHATLENS_API_KEY
        report = client.users(%r, %r)
        print(json.dumps({"file": chatlens.__file__, "version": chatlens.__version__,
                          "members": report["reporting"][0]["total_historical_members"]}))
        """ % window
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env.update({"PYTHONPATH": str(target), "CHATLENS_URL": server.url, "CHATLENS_API_KEY": server.analyst})
    out = _run([sys.executable, "-c", script], cwd=tmp_path, env=env)
    got = json.loads(out)
    assert Path(got["file"]).resolve().parent == (target / "chatlens").resolve()
    assert got["version"] == "0.1.0"
    assert got["members"] == server.client(server.analyst).users(*window)["reporting"][0]["total_historical_members"] > 0


def test_importable_from_the_checkout_without_installing(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    out = _run([sys.executable, "-c", "import chatlens; print(chatlens.__file__)"], cwd=PACKAGE_DIR, env=env)
    assert Path(out.strip()).resolve() == (PACKAGE_DIR / "chatlens" / "__init__.py").resolve()
