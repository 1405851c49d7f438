"""Every benchmark, in order: reconstruction, ingest, search, names, pages under load. Prints numbers; asserts nothing.

    .venv/bin/python bench/run.py                  # all five (make bench)
    .venv/bin/python bench/run.py search http      # some of them, in this order
    .venv/bin/python bench/run.py search --fresh   # rebuild the 100,000-article bench database first

Each runs in its own process: they set Django up differently (ingest in a throwaway test database,
search, names and http in `newsroom_bench`, see bench/benchdb.py), and a failing one does not stop the others.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
BENCHES = {
    "reconstruct": "bench_reconstruct.py",  # the engine on the seed page, and the two segmenters
    "ingest": "bench_ingest.py",  # pages/s into a throwaway database
    "search": "bench_search.py",  # the search service on 100,000 articles, p50/p95/p99 per kind
    "names": "bench_names.py",  # the names the search form offers as one types, on the same database
    "http": "bench_http.py",  # article, reporter and search pages under load, beside a bare view
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", choices=[[], *BENCHES], metavar="NAME", help=", ".join(BENCHES))
    parser.add_argument("--ingest-pages", type=int, help="pages for the ingest benchmark (its default: 1000)")
    parser.add_argument("--fresh", action="store_true", help="rebuild the search benchmarks' database first")
    parser.add_argument("--seconds", type=int, help="load per page for the http benchmark (its default: 10)")
    args = parser.parse_args()

    extra = {
        "ingest": [str(args.ingest_pages)] if args.ingest_pages else [],
        "search": ["--fresh"] if args.fresh else [],
        "http": ["--seconds", str(args.seconds)] if args.seconds else [],
    }
    failed = []
    for name in [n for n in BENCHES if n in args.names] or list(BENCHES):
        print(f"\n== {name} ({BENCHES[name]}) " + "=" * 60, flush=True)
        started = time.monotonic()
        code = subprocess.run([sys.executable, str(BENCH / BENCHES[name]), *extra.get(name, [])]).returncode
        print(
            f"== {name}: {'done' if code == 0 else f'failed ({code})'} in {time.monotonic() - started:.0f} s"
        )
        if code:
            failed.append(name)
    if failed:
        print(f"\nfailed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
