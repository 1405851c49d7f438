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


def _processes_naming(text: str) -> list[int]:
    """The live processes whose command line mentions `text` (zombies have none)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                if text in (entry / "cmdline").read_bytes().decode(errors="replace"):
                    found.append(int(entry.name))
    return found


def test_an_ingest_killed_mid_batch_leaves_no_engine_process_and_the_next_run_completes(
    server: EmbeddedPostgres, tmp_path: Path
) -> None:
    batch = tmp_path / "batch"
    batch.mkdir()
    seed = SEED.read_bytes()
    for day in range(1, 17):
        (batch / f"fazhi_2025-03-{day:02d}_01.txt").write_bytes(seed)
    files = sorted(str(p) for p in batch.iterdir())
    _manage(server, "migrate", "--noinput", "--verbosity", "0")
    env = {**os.environ, "DATABASE_URL": f"postgres://postgres@/newsroom?host={server.socket_dir}"}
    writer = subprocess.Popen(
        [sys.executable, "manage.py", "ingest", *files, "--paper", "法治日报", "--jobs", "2"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert writer.stdout is not None
    writer.stdout.readline()  # the first page is stored; the next is being written
    writer.kill()  # SIGKILL: no handler runs, as with the OOM killer
    writer.wait()

    deadline = time.monotonic() + 10
    while _processes_naming(str(batch)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _processes_naming(str(batch)) == []  # the engine processes died with their writer

    rerun = subprocess.run(
        [sys.executable, "manage.py", "ingest", *files, "--paper", "法治日报", "--jobs", "2"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert rerun.returncode == 0, rerun.stderr
    assert _count(server, "SELECT count(*) FROM articles_page") == len(files)


def test_a_replica_follows_every_commit_of_its_primary_and_refuses_writes(
    server: EmbeddedPostgres, tmp_path: Path
) -> None:
    replica = server.replica_make(tmp_path / "replica")
    replica.ensure_running()
    try:
        with psycopg.connect(server.uri(), autocommit=True) as primary:
            primary.execute("CREATE TABLE stored (n int)")
            primary.execute("INSERT INTO stored SELECT generate_series(1, 100)")
            (target,) = primary.execute("SELECT pg_current_wal_lsn()::text").fetchone()
        with psycopg.connect(replica.uri(), autocommit=True) as follower:
            deadline = time.monotonic() + 30
            while not follower.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [target]).fetchone()[
                0
            ]:
                assert time.monotonic() < deadline, "the replica did not catch up"
                time.sleep(0.05)
            assert follower.execute("SELECT count(*) FROM stored").fetchone()[0] == 100
            with pytest.raises(psycopg.errors.ReadOnlySqlTransaction):
                follower.execute("INSERT INTO stored VALUES (101)")
    finally:
        replica.stop()
