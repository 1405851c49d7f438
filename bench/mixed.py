"""The mixed load of issue 14: clients in threads, each request a kind drawn by MIX (40 % article pages, 20 %
reporter, 20 % region, 20 % search), used by bench_http.py --mixed and bench_replica.py.

    rate, p50, p99, errors, by_kind = mixed_load(ports, paths, seconds=20, connections=100)
"""

from __future__ import annotations

import http.client
import random
import statistics
import threading
import time

HOST = "127.0.0.1"
SEARCHES = ["法治", "执法", "信用修复", "政法 会议", "企业"]
MIX = (("article", 40), ("reporter", 20), ("region", 20), ("search", 20))


def mixed_load(
    ports: list[int], paths: dict[str, list[str]], *, seconds: int, connections: int
) -> tuple[float, float, float, int, dict[str, int]]:
    """(requests/s, p50 ms, p99 ms, errors, requests by kind): `connections` clients in threads, each on
    one server (alternating over `ports`), each request's kind drawn by MIX and its path from `paths[kind]`."""
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
    return len(samples) / (time.monotonic() - started), cuts[49], cuts[98], errors[0], counts
