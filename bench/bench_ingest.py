"""Ingest the seed page as N different dates (a throwaway test database); print pages/s.

    python bench/bench_ingest.py [N]        # default 1000

Prints the engine alone, the store alone (page_store of one reconstruction), a batch in one process, the
batch as `manage.py ingest` runs it (engine processes ahead of the writer) and its unchanged re-run.
Search indexing is included throughout. Numbers only: the tests assert behaviour.
"""

from __future__ import annotations

import datetime
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from articles import ingest  # noqa: E402
from articles.reconstruct.page import reconstruct_page  # noqa: E402

SEED = ROOT / "fixtures" / "pages" / "fazhi_2025-01-24_02.txt"
WORKERS = 2  # the machine's two cores: the engine in a second process while this one writes


def _rate(label: str, n: int, seconds: float) -> None:
    print(f"{label:28} {n / seconds:7.1f} pages/s  ({seconds / n * 1000:.1f} ms/page)")


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    data = SEED.read_bytes()
    page = reconstruct_page(data)  # also loads the dictionaries
    ingest.search_text_for(title_parts=["预热"], body="预热")
    start = time.perf_counter()
    for _ in range(min(n, 100)):
        reconstruct_page(data)
    _rate("engine alone", min(n, 100), time.perf_counter() - start)

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        first = datetime.date(2000, 1, 1)
        dates = iter(first + datetime.timedelta(days=i) for i in range(10 * n))

        def batch(label: str, count: int, workers: int, *, again: list[datetime.date] | None = None) -> list:
            used = again or [next(dates) for _ in range(count)]
            jobs = [ingest.PageJob("seed", SEED, "法治日报", d, 2, SEED.name) for d in used]
            start = time.perf_counter()
            for _job, result in ingest.pages_ingest(jobs=jobs, workers=workers):
                if isinstance(result, Exception):
                    raise result
            _rate(label, count, time.perf_counter() - start)
            return used

        cache = ingest.IngestCache()
        start = time.perf_counter()
        for _ in range(min(n, 200)):
            ingest.page_store(
                paper="法治日报",
                date=next(dates),
                number=2,
                data=data,
                source_name=SEED.name,
                reconstructed=page,
                cache=cache,
            )
        _rate("store alone (page_store)", min(n, 200), time.perf_counter() - start)
        batch("ingest, 1 process", min(n, 200), 1)
        used = batch(f"ingest, {WORKERS} engine processes", n, WORKERS)
        batch("unchanged re-run", n, WORKERS, again=used)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
