"""Pages under load: gunicorn serving the bench database, a load generator on the same machine.

    .venv/bin/python bench/bench_http.py [--seconds 10] [--connections 20] [--workers N] [--articles N ...]
    .venv/bin/python bench/bench_http.py --mixed [--articles 100000 1000000] [--seconds 30]

Starts gunicorn itself (127.0.0.1, a free port, DEBUG off, a throwaway secret key, NEWSROOM_BENCH=1 for the
bare view) against `newsroom_bench` (bench/benchdb.py), loads each page in turn for a bounded time with
`wrk` (apt-get install -y wrk; without it, a small Python load generator, which measures itself as much
as the server), stops gunicorn and prints requests/s and latency side by side with a bare Django view that
returns a constant. The target: the article page at >= 50 % of the bare view's requests/s.

--mixed: issue 14's mixed load instead (bench/mixed.py: 40 % article pages, 20 % reporter, 20 % region,
20 % search; 100 clients unless --connections says otherwise) on each size's bench database in turn
(`--articles 100000 1000000`: `newsroom_bench`, `newsroom_bench_1m`), each in a fresh gunicorn: a first
run of `seconds` right after it starts (cold: every page rendered for the first time), a second after it
(warm); requests/s, p50/p99, errors, then each worker's private memory (USS, and PSS). The target: at 1,000,000
articles at least half the warm requests/s of 100,000, 0 errors, p99 <= 500 ms.
Loopback only. Prints numbers; asserts nothing.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import benchdb  # noqa: E402
from bench.mixed import HOST, SEARCHES, mixed_load  # noqa: E402

TARGET_SHARE = 0.5  # of the bare view's requests/s, for the article page
WRK_LATENCY = re.compile(r"^\s+(50|99)(?:\.0+)?%\s+([\d.]+)(us|ms|s)\s*$", re.MULTILINE)  #     50%    1.20ms
WRK_RATE = re.compile(r"^Requests/sec:\s+([\d.]+)", re.MULTILINE)  # Requests/sec:   1234.56
WRK_ERRORS = re.compile(r"Non-2xx or 3xx responses: (\d+)|Socket errors: (.*)")
CONNECTIONS = 20  # clients of each page's load
MIXED_CONNECTIONS = 100  # clients of --mixed
MIXED_ARTICLES = 20_000  # article pages --mixed draws from


@dataclass(frozen=True)
class Load:
    rate: float  # requests/s
    p50_ms: float
    p99_ms: float
    errors: str = ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10, help="load per page, after a short warm-up")
    parser.add_argument(
        "--connections",
        type=int,
        help=f"concurrent clients (default {CONNECTIONS}; {MIXED_CONNECTIONS} with --mixed)",
    )
    parser.add_argument("--workers", type=int, default=None, help="gunicorn workers (default: its config)")
    parser.add_argument(
        "--articles", type=int, nargs="+", default=[100_000], help="bench database sizes, one run each"
    )
    parser.add_argument("--python-load", action="store_true", help="the Python load generator even with wrk")
    parser.add_argument("--mixed", action="store_true", help="the mixed load of bench/mixed.py instead")
    args = parser.parse_args()
    args.connections = args.connections or (MIXED_CONNECTIONS if args.mixed else CONNECTIONS)
    if len(args.articles) > 1:  # Django is set up once a process: each size in a process of its own
        for size in args.articles:
            print(f"\n== {size:,} articles ({benchdb.database_name(size)})", flush=True)
            subprocess.run(
                [sys.executable, __file__, *_without_sizes(sys.argv[1:]), "--articles", str(size)], check=True
            )
        return
    size = args.articles[0]
    url = benchdb.django_setup(articles=size)
    benchdb.seed(articles=size)
    if args.mixed:
        _mixed(url, args)
        return
    paths = _paths()
    env = server_env(url)
    collectstatic(env)
    port = free_port()
    server = gunicorn_start(env, port=port, workers=args.workers)
    try:
        base = f"http://{HOST}:{port}"
        wait_ready(base + paths["bare view"], server)
        wrk = None if args.python_load else shutil.which("wrk")
        if wrk is None and not args.python_load:
            print("wrk not found (apt-get install -y wrk); using the Python load generator instead")
        results: dict[str, Load | str] = {}
        for name, path in paths.items():
            status = _status(base + path)
            if status != 200:
                results[name] = f"HTTP {status}"
                continue
            run = _wrk if wrk else _python_load
            run(base + path, seconds=2, connections=args.connections)  # warm-up: connections, caches
            results[name] = run(base + path, seconds=args.seconds, connections=args.connections)
    finally:
        gunicorn_stop(server)
    generator = "wrk" if wrk else "the Python load generator"
    _report(results, paths, args, workers=args.workers or _config_workers(), generator=generator)


def _without_sizes(argv: list[str]) -> list[str]:
    """The command line without its --articles and the sizes after it."""
    kept, skipping = [], False
    for arg in argv:
        if arg.startswith("--articles"):
            skipping = "=" not in arg
            continue
        if skipping and arg.isdigit():
            continue
        skipping = False
        kept.append(arg)
    return kept


def _mixed(url: str, args: argparse.Namespace) -> None:
    """The mixed load on this size's bench database: a cold run, a warm run, the workers' memory."""
    import psutil

    paths = _mixed_paths()
    env = server_env(url)
    collectstatic(env)
    port = free_port()
    server = gunicorn_start(env, port=port, workers=args.workers)
    runs = {}
    try:
        wait_ready(f"http://{HOST}:{port}/bench/bare/", server)
        for name in ("cold", "warm"):
            runs[name] = mixed_load([port], paths, seconds=args.seconds, connections=args.connections)
        workers = psutil.Process(server.pid).children()
        infos = [worker.memory_full_info() for worker in workers]  # uss, pss: from /proc/PID/smaps
        memory = sorted((info.uss / 2**20, info.pss / 2**20) for info in infos)
    finally:
        gunicorn_stop(server)
    from articles.models import Article

    print(
        f"\nmixed load on {Article.objects.count():,} articles: gunicorn {len(memory)} sync workers, "
        f"{args.connections} clients, {args.seconds} s a run ({os.cpu_count()} CPUs, shared with the clients)"
    )
    for name, run in runs.items():
        kinds = ", ".join(f"{kind} {count:,}" for kind, count in run.by_kind.items())
        print(
            f"  {name}: {run.rate:,.0f} requests/s, p50 {run.p50_ms:.1f} ms, p99 {run.p99_ms:.1f} ms, "
            f"{run.errors} errors ({kinds}); the clients' own CPU {run.client_cpu:.2f} of a core"
        )
    print(
        f"  workers' private memory (USS) after the load: {', '.join(f'{uss:.0f}' for uss, _ in memory)} MB; "
        f"proportional (PSS, the shared pages split between the processes): "
        f"{', '.join(f'{pss:.0f}' for _, pss in memory)} MB"
    )


def _mixed_paths(articles: int = MIXED_ARTICLES) -> dict[str, list[str]]:
    """Paths of each kind of bench/mixed.py: `articles` live articles drawn at random (the same number at any
    size, so that as many are read for the first time), every bylined reporter, every region."""
    from articles.models import Article, Person, Place

    rng = random.Random(14)
    top = Article.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    drawn = rng.sample(range(1, top + 1), min(top, articles * 2))
    ids = list(Article.objects.live().filter(pk__in=drawn).values_list("pk", flat=True)[:articles])
    return {
        "article": [f"/articles/{pk}/" for pk in ids],
        "reporter": [f"/reporters/{pk}/" for pk in Person.objects.bylined().values_list("pk", flat=True)],
        "region": [f"/regions/{pk}/" for pk in Place.objects.values_list("pk", flat=True)],
        "search": [f"/search/?q={quote(words)}" for words in SEARCHES],
    }


def _paths() -> dict[str, str]:
    """The pages to load, found in the bench database: the bare view first, the base of comparison."""
    from django.urls import reverse

    from articles.models import Article

    article = Article.objects.live().get(
        title="柔性执法信用修复助力企业健康发展", page__issue__date=benchdb.BASE_DATE
    )
    reporter = _busy_reporter()
    paths = {
        "bare view": "/bench/bare/",
        "article page": reverse("articles:article", args=[article.pk]),
        "article page, cached": f"/bench/cached/articles/{article.pk}/",
    }
    try:
        paths["reporter page"] = reverse("articles:reporter", args=[reporter.pk])
    except Exception:  # noqa: BLE001 - not wired yet: reported as missing
        paths["reporter page"] = f"/reporters/{reporter.pk}/"
    paths["search page"] = reverse("articles:search") + "?q=%E4%BF%A1%E7%94%A8%E4%BF%AE%E5%A4%8D"  # 信用修复
    paths["search, common word"] = reverse("articles:search") + "?q=%E6%94%BF%E6%B3%95"  # 政法
    return paths


def _busy_reporter():
    """A reporter of the made-up pool: a few hundred articles, as a working reporter has."""
    from django.db.models import Count

    from articles.models import Person

    return Person.objects.annotate(n=Count("bylines")).order_by("-n", "pk").first()


def server_env(database_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        DJANGO_DEBUG="0",
        DJANGO_ALLOWED_HOSTS=HOST,
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),  # throwaway
        NEWSROOM_BENCH="1",
        DJANGO_LOG_LEVEL="WARNING",
    )
    return env


def collectstatic(env: dict[str, str]) -> None:
    """DEBUG off serves hashed static names, which need the manifest collectstatic writes (as make run)."""
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def gunicorn_start(env: dict[str, str], *, port: int, workers: int | None) -> subprocess.Popen:
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        "--config",
        "newsroom/gunicorn.conf.py",
        "--bind",
        f"{HOST}:{port}",
        "--access-logfile",
        "/dev/null",  # a log line a request would be part of what is measured
        "--pid",
        str(ROOT / "var" / f"gunicorn-bench-{port}.pid"),
    ]
    if workers:
        command += ["--workers", str(workers)]
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)


def _config_workers() -> int:
    return int(os.environ.get("WEB_CONCURRENCY", "3"))


def wait_ready(url: str, server: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited with {server.returncode} before serving")
        if _status(url) == 200:
            return
        time.sleep(0.3)
    raise SystemExit(f"gunicorn did not answer {url} within {timeout:.0f} s")


def gunicorn_stop(server: subprocess.Popen) -> None:
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)  # graceful: workers finish their request
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as err:
        return err.code
    except OSError:
        return 0


def _wrk(url: str, *, seconds: int, connections: int) -> Load:
    threads = max(1, min(2, connections))
    output = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    latency = {p: _ms(float(value), unit) for p, value, unit in WRK_LATENCY.findall(output)}
    errors = "; ".join(filter(None, (a or b for a, b in WRK_ERRORS.findall(output))))
    return Load(float(WRK_RATE.search(output)[1]), latency["50"], latency["99"], errors)


def _ms(value: float, unit: str) -> float:
    return value * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def _python_load(url: str, *, seconds: int, connections: int) -> Load:
    """wrk's job in threads, one keep-alive connection each: slower than wrk, so a lower bound."""
    host_port, path = url.removeprefix("http://").split("/", 1)
    host, port = host_port.split(":")
    stop = time.monotonic() + seconds
    latencies: list[list[float]] = [[] for _ in range(connections)]
    errors = [0]

    def client(mine: list[float]) -> None:
        conn = http.client.HTTPConnection(host, int(port), timeout=30)
        while time.monotonic() < stop:
            start = time.perf_counter()
            try:
                conn.request("GET", "/" + path)
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    errors[0] += 1
            except (OSError, http.client.HTTPException):
                errors[0] += 1
                conn.close()
                conn = http.client.HTTPConnection(host, int(port), timeout=30)
                continue
            mine.append((time.perf_counter() - start) * 1000)
        conn.close()

    started = time.monotonic()
    workers = [threading.Thread(target=client, args=(mine,)) for mine in latencies]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    elapsed = time.monotonic() - started
    samples = sorted(s for mine in latencies for s in mine)
    if len(samples) < 2:
        return Load(0.0, 0.0, 0.0, f"{errors[0]} errors")
    cuts = statistics.quantiles(samples, n=100)
    return Load(len(samples) / elapsed, cuts[49], cuts[98], f"{errors[0]} errors" if errors[0] else "")


def _report(
    results: dict[str, Load | str],
    paths: dict[str, str],
    args: argparse.Namespace,
    *,
    workers: int,
    generator: str,
) -> None:
    print(
        f"\ngunicorn, {workers} sync workers, {args.connections} connections, {args.seconds} s per page, "
        f"{generator} ({os.cpu_count()} CPUs, shared with the load generator)"
    )
    print(f"{'page':22} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'of bare':>8}  path")
    bare = results.get("bare view")
    for name, load in results.items():
        if isinstance(load, str):
            print(f"{name:22} {load:>8}  {paths[name]}")
            continue
        share = f"{load.rate / bare.rate:.0%}" if isinstance(bare, Load) and bare.rate else "-"
        extra = f"  ({load.errors})" if load.errors else ""
        print(
            f"{name:22} {load.rate:8.0f} {load.p50_ms:8.1f} {load.p99_ms:8.1f} {share:>8}  {paths[name]}{extra}"
        )
    article = results.get("article page")
    if isinstance(article, Load) and isinstance(bare, Load) and bare.rate:
        verdict = "meets" if article.rate >= TARGET_SHARE * bare.rate else "misses"
        print(
            f"article page at {article.rate / bare.rate:.0%} of the bare view: {verdict} the {TARGET_SHARE:.0%} target"
        )


if __name__ == "__main__":
    main()
