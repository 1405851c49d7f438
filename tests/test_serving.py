"""`make run`'s server: gunicorn as newsroom/gunicorn.conf.py sets it up (the port from PORT, the pid file
in the checkout's own var/), and what it says when it starts or refuses to."""

from __future__ import annotations

import http.client
import os
import runpy
import selectors
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

CHECKOUT = Path(__file__).resolve().parent.parent
CONFIG = CHECKOUT / "newsroom" / "gunicorn.conf.py"
GUNICORN = Path(sys.executable).with_name("gunicorn")
START_SECONDS = 60


def _config(monkeypatch: pytest.MonkeyPatch, path: Path = CONFIG, **env: str) -> dict[str, Any]:
    """Evaluate the config file afresh under these variables."""
    for name in ("PORT", "WEB_CONCURRENCY"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(path))


def test_the_server_listens_on_port_8000_unless_port_says_otherwise(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _config(monkeypatch)["bind"] == "127.0.0.1:8000"
    assert _config(monkeypatch, PORT="8001")["bind"] == "127.0.0.1:8001"
    assert _config(monkeypatch, PORT="")["bind"] == "127.0.0.1:8000"


@pytest.mark.parametrize("port", ["abc", "0", "65536", "-1", "80.5", "8000 8001"])
def test_a_bad_port_stops_gunicorn_with_one_line_naming_it(port: str) -> None:
    result = subprocess.run(
        [str(GUNICORN), "--config", str(CONFIG), "--check-config"],
        env={**os.environ, "PORT": port},
        cwd=CHECKOUT,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 1
    assert result.stderr.strip() == f"PORT={port!r}: expected a TCP port, a whole number from 1 to 65535."


def test_a_bad_worker_count_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(SystemExit, match="WEB_CONCURRENCY='many'"):
        _config(monkeypatch, WEB_CONCURRENCY="many")


def test_the_pid_file_is_in_the_var_of_the_checkout_holding_the_config(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    other = tmp_path / "second-checkout"
    (other / "newsroom").mkdir(parents=True)
    shutil.copy(CONFIG, other / "newsroom" / "gunicorn.conf.py")
    monkeypatch.chdir(tmp_path)  # wherever gunicorn is started from

    first = _config(monkeypatch)["pidfile"]
    second = _config(monkeypatch, other / "newsroom" / "gunicorn.conf.py")["pidfile"]

    assert first == str(CHECKOUT / "var" / "gunicorn.pid")
    assert second == str(other / "var" / "gunicorn.pid")


def test_the_server_says_the_address_it_really_listens_on(tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {
        **os.environ,
        "PORT": str(port),
        "WEB_CONCURRENCY": "1",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "a key for this test only",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        # Its own pid file: a `make run` of this checkout may be serving beside the tests.
        "GUNICORN_CMD_ARGS": f"--pid {tmp_path / 'gunicorn.pid'}",
    }
    server = subprocess.Popen(
        [str(GUNICORN), "--config", str(CONFIG)],
        env=env,
        cwd=CHECKOUT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        said = _read_until(server, "Newsroom is serving on")
        assert f"Newsroom is serving on http://127.0.0.1:{port}/ " in said

        answer = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        answer.request("GET", "/no-such-page/")
        assert answer.getresponse().status in (404, 500)  # gunicorn and Django answered, whatever the data
    finally:
        server.send_signal(signal.SIGTERM)
        server.communicate(timeout=30)


def _read_until(server: subprocess.Popen, text: str) -> str:
    """What the server wrote to stderr up to the line holding text; fails on exit or after START_SECONDS."""
    seen: list[str] = []
    deadline = time.monotonic() + START_SECONDS
    with selectors.DefaultSelector() as selector:
        selector.register(server.stderr, selectors.EVENT_READ)
        while time.monotonic() < deadline:
            if not selector.select(timeout=1):
                continue
            line = server.stderr.readline()
            if not line:
                break
            seen.append(line)
            if text in line:
                return "".join(seen)
    pytest.fail(f"gunicorn never said {text!r}; it said:\n{''.join(seen)}")
