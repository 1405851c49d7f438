"""The mixed load of issue 14: clients in threads, each request a kind drawn by MIX (40 % article pages, 20 %
reporter, 20 % region, 20 % search), used by bench_http.py --mixed and bench_replica.py.

    run = mixed_load(ports, paths, seconds=20, connections=100)  # run.rate, run.p99_ms, run.client_cpu, …

The clients' own CPU is measured too: they share the 2 cores with the server, and their time waiting for
the GIL would count as the server's latency. Measured at 1,000,000 articles (issue 14): 0.03–0.06 of a core
at 90–150 requests/s, 0.3–0.4 ms a request (0.2 against a constant page, most of it the new connection
each request opens: gunicorn's sync workers close every one); clients on asyncio's raw streams cost the same.
"""

from __future__ import annotations

import http.client
import random
import statistics
import threading
import time
from typing import NamedTuple

HOST = "127.0.0.1"
SEARCHES = ["法治", "执法", "信用修复", "政法 会议", "企业"]
MIX = (("article", 40), ("reporter", 20), ("region", 20), ("search", 20))


class MixedRun(NamedTuple):
    rate: float  # requests/s
    p50_ms: float
    p99_ms: float
    errors: int
    by_kind: dict[str, int]  # requests of each kind
    client_cpu: float  # the clients' own CPU seconds a second of load (1.0: a whole core)


def mixed_load(ports: list[int], paths: dict[str, list[str]], *, seconds: int, connections: int) -> MixedRun:
    """`connections` clients in threads, each on one server (alternating over `ports`), each request's kind
    drawn by MIX and its path from `paths[kind]`."""
    cpu = time.process_time()
    stop = time.monotonic() + seconds
    kinds = [kind for kind, share in MIX for _ in range(share)]
    latencies: list[list[float]] = [[] for _ in range(connections)]
    counts = {kind: 0 for kind, _ in MIX}
    errors = [0]
    lock = threading.Lock()

    def client(n: int) -> None:
        rng = random.Random(n)
        conn = http.client.HTTPConnection(HOST, ports[n % len(ports)], timeout=30)
        while time.monotonic() < stop:
            kind = rng.choice(kinds)
            start = time.perf_counter()
            try:
                conn.request("GET", rng.choice(paths[kind]))
                response = conn.getresponse()
                response.read()
                failed = response.status != 200
            except (OSError, http.client.HTTPException):
                failed = True
                conn.close()
                conn = http.client.HTTPConnection(HOST, ports[n % len(ports)], timeout=30)
            latencies[n].append((time.perf_counter() - start) * 1000)
            with lock:
                counts[kind] += 1
                errors[0] += failed
        conn.close()

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    samples = sorted(s for mine in latencies for s in mine)
    cuts = statistics.quantiles(samples, n=100)
    elapsed = time.monotonic() - started
    client_cpu = (time.process_time() - cpu) / elapsed
    return MixedRun(len(samples) / elapsed, cuts[49], cuts[98], errors[0], counts, client_cpu)
