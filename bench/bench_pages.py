"""Public pages, cold, at each archive size side by side. Prints numbers; asserts nothing.

    .venv/bin/python bench/bench_pages.py [--sizes 100000 1000000] [--samples 10] [--rounds 3]

For each size its own bench database (bench/benchdb.py: `newsroom_bench`, `newsroom_bench_1m`, made once and
then reused; a million articles take a while the first time), in a process of its own. Each kind of page
is asked for `samples` different items (issues, pages, articles, reporters, regions; for the lists the
first page and the last), through Django's whole request path (middleware, views, templates) in-process,
each request with the page cache emptied first: what a reader meets when nobody asked for that page since
the last ingest. One untimed pass warms PostgreSQL's buffers first; then `rounds` timed passes. p50/p95 in
ms per kind and size follow. The target: p95 <= 100 ms at 1,000,000 articles for every kind.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import benchdb  # noqa: E402

TARGET_P95_MS = 100.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000], help="articles")
    parser.add_argument("--samples", type=int, default=10, help="items of each kind")
    parser.add_argument("--rounds", type=int, default=3, help="timed passes over all of them")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # a size, measured in this process
    args = parser.parse_args()
    if args.one:
        print(json.dumps(_measure(args.one, samples=args.samples, rounds=args.rounds)))
        return

    results = {}
    for size in args.sizes:
        print(f"measuring {size:,} articles ({benchdb.database_name(size)}) …", flush=True)
        command = [sys.executable, __file__, "--one", str(size), "--samples", str(args.samples)]
        done = subprocess.run([*command, "--rounds", str(args.rounds)], capture_output=True, text=True)
        if done.returncode:
            print(done.stderr[-3000:])
            raise SystemExit(f"the {size:,} run failed")
        results[size] = json.loads(done.stdout.strip().splitlines()[-1])
    _report(results)


def _measure(size: int, *, samples: int, rounds: int) -> dict[str, list[float]]:
    """ms per request, by kind, on the bench database of `size` articles."""
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
    benchdb.django_setup(articles=size)
    benchdb.seed(articles=size, out=lambda line: print(line, file=sys.stderr))
    from django.core.cache import cache
    from django.core.management import call_command
    from django.test import Client

    from articles.pagecache import archive_changed

    call_command("collectstatic", interactive=False, verbosity=0)  # as served: hashed static names
    client = Client()
    plan = _plan(client, samples)
    for _, url in plan:  # warm PostgreSQL's buffers and the processes' imports
        client.get(url)
    times: dict[str, list[float]] = {kind: [] for kind, _ in plan}
    rng = random.Random(1)
    for _ in range(rounds):
        rng.shuffle(plan)
        for kind, url in plan:
            cache.clear()
            archive_changed()
            start = time.perf_counter()
            response = client.get(url)
            times[kind].append((time.perf_counter() - start) * 1000)
            if response.status_code != 200:
                raise SystemExit(f"{url}: {response.status_code}")
    return times


def _plan(client, samples: int) -> list[tuple[str, str]]:  # noqa: ANN001 - Django's test client
    """(kind, url) pairs: `samples` items of each kind, picked at random with a fixed seed."""
    from django.db.models import Count
    from django.urls import reverse

    from articles.models import Article, Issue, Page, Person, Place

    rng = random.Random(7)

    def some(queryset, n: int = samples) -> list:  # noqa: ANN001 - any queryset
        ids = list(queryset.values_list("pk", flat=True)[:5000])
        return [queryset.model.objects.get(pk=pk) for pk in rng.sample(ids, min(n, len(ids)))]

    def last(url: str) -> str:
        return f"{url}?oldest"  # a long list's last page (articles/listing.py)

    plan = [("home", reverse("articles:home"))]
    for issue in some(Issue.objects.select_related("newspaper").order_by("?")):
        plan.append(("issue", reverse("articles:issue", args=[issue.newspaper.slug, issue.date])))
    for page in some(Page.objects.order_by("?")):
        page = Page.objects.select_related("issue__newspaper").get(pk=page.pk)
        args = [page.issue.newspaper.slug, page.issue.date, page.number]
        plan.append(("page", reverse("articles:page", args=args)))
    for article in some(Article.objects.stories().order_by("?")):
        plan.append(("article", reverse("articles:article", args=[article.pk])))
    busy = Person.objects.annotate(n=Count("bylines")).order_by("-n")
    for person in some(busy, samples)[:samples]:
        url = reverse("articles:reporter", args=[person.pk])
        plan += [("reporter, first page", url), ("reporter, last page", last(url))]
    places = Place.objects.annotate(n=Count("articles")).filter(n__gt=0).order_by("-n")
    for place in some(places):
        url = reverse("articles:region", args=[place.pk])
        plan += [("region, first page", url), ("region, last page", last(url))]
    plan += [
        ("reporters index", reverse("articles:reporters")),
        ("regions index", reverse("articles:regions")),
        ("sitemap index", reverse("articles:sitemap")),
        ("feed", reverse("articles:feed")),
    ]
    sitemap = client.get(reverse("articles:sitemap")).content.decode()
    files = re.findall(r"<loc>[^<]*(/sitemap-articles\.xml(?:\?p=\d+)?)</loc>", sitemap)
    plan.append(("sitemap file, last", files[-1]))
    return plan


def _report(results: dict[int, dict[str, list[float]]]) -> None:
    sizes = list(results)
    kinds = list(results[sizes[0]])
    print(f"\ncold pages: ms per request, p50 / p95 (target p95 <= {TARGET_P95_MS:.0f} ms)")
    print(f"{'page':24}" + "".join(f"{f'{size:,} articles':>24}" for size in sizes))
    for kind in kinds:
        cells = []
        for size in sizes:
            samples = results[size].get(kind) or [float("nan")]
            cells.append(
                f"{_pct(samples, 50):9.1f} / {_pct(samples, 95):7.1f}{' !' if _pct(samples, 95) > TARGET_P95_MS else '  '}"
            )
        print(f"{kind:24}" + "".join(f"{cell:>24}" for cell in cells))
    print("(! marks a p95 over the target)")


def _pct(samples: list[float], p: int) -> float:
    if len(samples) < 2:
        return samples[0]
    return statistics.quantiles(samples, n=100, method="inclusive")[p - 1]


if __name__ == "__main__":
    main()
