"""Ingest the seed page as N different dates (a throwaway test database); print pages/s.

    python bench/bench_ingest.py [N]        # default 1000

Prints the engine alone, the store alone (page_store of one reconstruction), a batch in one process, the
batch as `manage.py ingest` runs it (engine processes ahead of the writer) with the CPU time each kind of
process spent a page (so the ceiling the machine's cores put on that batch), and its unchanged re-run.
Search indexing is included throughout. Last, issues whose stories jump pages (tools/jump_issues.py on the
project's corpus sample): their pages stored one by one, linked and read again with the jump headlines the
links show, against the same pages each stored alone in an issue of its own (nothing to link). Numbers only:
the tests assert behaviour.
"""

from __future__ import annotations

import datetime
import os
import resource
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from articles import ingest, models  # noqa: E402
from articles.reconstruct.page import reconstruct_page  # noqa: E402

SEED = ROOT / "fixtures" / "pages" / "fazhi_2025-01-24_02.txt"
WORKERS = 2  # the machine's two cores: the engine in a second process while this one writes


def _rate(label: str, n: int, seconds: float) -> None:
    print(f"{label:28} {n / seconds:7.1f} pages/s  ({seconds / n * 1000:.1f} ms/page)")


def _cpu() -> dict[str, float]:
    """CPU seconds so far: this process (the writer), its ended children (the engine processes) and the
    database session's backend (Linux: /proc), for where a page's time goes."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    seconds = {
        "writer": own.ru_utime + own.ru_stime,
        "engine processes": children.ru_utime + children.ru_stime,
    }
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (pid,) = cursor.fetchone()
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        seconds["PostgreSQL session"] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError):
        pass  # not Linux, or the server elsewhere
    return seconds


def _cpu_print(before: dict[str, float], after: dict[str, float], pages: int) -> None:
    spent = {name: (after[name] - before[name]) / pages * 1000 for name in before}
    total = sum(spent.values())
    cores = os.cpu_count() or 1
    parts = ", ".join(f"{name} {ms:.1f}" for name, ms in spent.items())
    print(
        f"{'':28} CPU ms a page: {parts}; {total:.1f} in all: at most {cores * 1000 / total:.0f} pages/s "
        f"on {cores} cores"
    )


def _jump_issues(dates: Iterator[datetime.date]) -> None:
    """Store generated issues page by page, linked and read again, and the same pages each alone."""
    sys.path.insert(0, str(ROOT / "tools"))
    import jump_issues

    issues = jump_issues.make_issues(ROOT / "fixtures" / "corpus" / "rmrb_sample.jsonl", count=12, seed=1)
    pages = [(issue, n) for issue in issues for n in issue.order]

    def store(
        label: str, date_of: Callable[[object, int], datetime.date], number_of: Callable[[int], int]
    ) -> None:
        start = time.perf_counter()
        for issue, n in pages:
            ingest.page_ingest(
                paper="跨版测试",
                date=date_of(issue, n),
                number=number_of(n),
                data=issue.pages[n].encode(),
                source_name=f"p{n}.txt",
            )
        _rate(label, len(pages), time.perf_counter() - start)

    alone = {(id(issue), n): next(dates) for issue, n in pages}
    store("jump pages, each alone", lambda issue, n: alone[id(issue), n], lambda n: 1)
    together = {id(issue): next(dates) for issue in issues}
    store("jump pages, in their issues", lambda issue, n: together[id(issue)], lambda n: n)
    read_again = (
        models.Page.objects.filter(issue__date__in=together.values())
        .exclude(reconstructed_json__jump_headlines={})
        .exclude(reconstructed_json__jump_headlines=None)
    )
    print(
        f"{'':28} {len(issues)} issues, {len(pages)} pages; {read_again.count()} read with jump headlines shown"
    )


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    data = SEED.read_bytes()
    page = reconstruct_page(data)  # also loads the dictionaries
    ingest.page_prepare(data=data, source_name=SEED.name)
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
            before = _cpu()
            start = time.perf_counter()
            for _job, result in ingest.pages_ingest(jobs=jobs, workers=workers):
                if isinstance(result, Exception):
                    raise result
            _rate(label, count, time.perf_counter() - start)
            if workers > 1 and again is None:
                _cpu_print(before, _cpu(), count)
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
        _jump_issues(dates)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
