"""Faults an operator meets: the database server killed right after the app reported a commit.

These run against a PostgreSQL server of their own (the embedded one, in a temporary directory), driven
through `manage.py` in subprocesses as an operator would, because the server is killed under them.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from newsroom.pg.server import EmbeddedPostgres

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "fixtures" / "pages" / "fazhi_2025-01-24_02.txt"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[EmbeddedPostgres]:
    pg = EmbeddedPostgres(tmp_path / "pgdata", database="newsroom")
    pg.ensure_running()
    yield pg
    if pg.pid() is not None:
        pg.stop()


def _manage(pg: EmbeddedPostgres, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": f"postgres://postgres@/newsroom?host={pg.socket_dir}"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    return done


def _kill(pg: EmbeddedPostgres) -> None:
    """SIGKILL to the postmaster and every process it started at once, as the OOM killer or a power cut
    would end them: nothing gets to flush what it holds in memory."""
    postmaster = pg.pid()
    assert postmaster is not None
    children = Path(f"/proc/{postmaster}/task/{postmaster}/children").read_text().split()
    for pid in [postmaster, *map(int, children)]:
        with contextlib.suppress(ProcessLookupError):  # gone already
            os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + 30
    while pg.pid() is not None and time.monotonic() < deadline:
        time.sleep(0.05)


def _count(pg: EmbeddedPostgres, sql: str) -> int:
    pg.ensure_running()  # after a kill: crash recovery replays what reached the disk
    with psycopg.connect(pg.uri()) as conn:
        return conn.execute(sql).fetchone()[0]  # type: ignore[index]


CORRECT = """
from articles.editing import article_fields_set
from articles.models import Article
article = Article.objects.order_by("pk").first()
article_fields_set(article=article, editor=None, kind="commentary", reason="durability")
"""


def test_an_ingest_and_a_correction_reported_done_survive_the_server_being_killed(
    server: EmbeddedPostgres,
) -> None:
    _manage(server, "migrate", "--noinput", "--verbosity", "0")
    _manage(server, "ingest", str(SEED), "--paper", "法治日报")
    _kill(server)
    assert _count(server, "SELECT count(*) FROM articles_page") == 1
    articles = _count(server, "SELECT count(*) FROM articles_article")
    assert articles > 5

    _manage(server, "shell", "-c", CORRECT)
    _kill(server)
    assert _count(server, "SELECT count(*) FROM articles_article WHERE kind = 'commentary'") >= 1
    assert _count(server, "SELECT count(*) FROM articles_correction") == 1
