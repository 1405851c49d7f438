"""Search speed on the bench archive, through the search service itself. Prints numbers; asserts nothing.

    .venv/bin/python bench/bench_search.py [--articles 100000] [--rounds 40] [--fresh]

The articles live in a database of their own per size (bench/benchdb.py): `newsroom_bench` for 100,000
(made once, about a minute, then reused; --fresh rebuilds it), `newsroom_bench_1m` for `--articles
1000000` (made once, about 15 minutes). Each round runs every query of every kind once, in a shuffled
order, timing `article_search` from the raw query to the page of hits with their snippets (what the view
renders); p50/p95/p99 per kind follow. The target: p95 <= 50 ms, at 1,000,000 articles too.
"""

from __future__ import annotations

import argparse
import datetime
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import benchdb  # noqa: E402

TARGET_P95_MS = 50.0

# Words of the fixture pages: in thousands of articles (common) or in one story's copies (one story).
COMMON = ["政法", "会议", "发展", "工作", "法治"]
ONE_STORY = ["信用", "讨薪", "公信力", "营商环境", "数字"]
TWO_WORDS = ["信用修复", "政法 会议", "北京市委 政法", "执法 企业", "江苏 安全"]
NO_MATCH = ["量子纠缠", "火星 探测器", "zzyzx"]


def kinds() -> dict[str, list[tuple[str, dict[str, object]]]]:
    """Query kind -> (query, filters) pairs, the words picked from what the bench database holds."""
    from articles.models import Newspaper, Person, Place
    from articles.search import SearchFilters

    vocabulary = benchdb._vocabulary()
    rare = [vocabulary[n] for n in range(30_000, 30_005)]  # one to five articles each
    mid = [vocabulary[n] for n in range(300, 305)]  # tens to hundreds
    reporter = Person.objects.filter(bylines__isnull=False).order_by("-pk").first()  # one of the made-up
    region = Place.objects.get(name="北京市")
    city = Place.objects.exclude(level=Place.Level.PROVINCE).order_by("-article_count", "code").first()
    paper = Newspaper.objects.get(name=benchdb.BASE_PAPER)
    latest = benchdb.BASE_DATE
    quarter = SearchFilters(date_from=latest - datetime.timedelta(days=90), date_to=latest)
    return {
        "common word": [(q, {}) for q in COMMON],
        "one-story word": [(q, {}) for q in ONE_STORY],
        "mid word": [(q, {}) for q in mid],
        "rare word": [(q, {}) for q in rare],
        "two words": [(q, {}) for q in TWO_WORDS],
        "no match (4 tries)": [(q, {}) for q in NO_MATCH],
        "word + region": [(q, {"filters": SearchFilters(region=region)}) for q in COMMON[:3]],
        "word + city": [(q, {"filters": SearchFilters(region=city)}) for q in COMMON[:3]],
        "word + reporter": [(q, {"filters": SearchFilters(reporter=reporter)}) for q in COMMON[:3]],
        "word + paper": [(q, {"filters": SearchFilters(paper=paper)}) for q in COMMON[:3]],
        "word + 90 days": [(q, {"filters": quarter}) for q in COMMON[:3]],
        "page 3 of common": [(q, {"page": 3}) for q in COMMON[:3]],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000, help="articles in the bench database")
    parser.add_argument("--rounds", type=int, default=40, help="times each query runs")
    parser.add_argument("--fresh", action="store_true", help="rebuild the bench database first")
    args = parser.parse_args()

    url = benchdb.django_setup(fresh=args.fresh, articles=args.articles)
    print(f"bench database: {url}")
    benchdb.seed(articles=args.articles)

    from articles.search import article_search

    plan = kinds()
    runs = [(kind, query, options) for kind, queries in plan.items() for query, options in queries]
    examples: dict[str, tuple[int, int, str]] = {}
    for kind, query, options in runs:  # warm up caches, and note what each kind finds
        results = article_search(query=query, **options)
        examples.setdefault(
            kind, (results.total, results.ordered, results.match.name if results.match else "-")
        )

    times: dict[str, list[float]] = {kind: [] for kind in plan}
    rng = random.Random(1)
    for _ in range(args.rounds):
        rng.shuffle(runs)
        for kind, query, options in runs:
            start = time.perf_counter()
            article_search(query=query, **options)
            times[kind].append((time.perf_counter() - start) * 1000)

    print(
        f"\nsearch over {_articles():,} articles, {args.rounds} rounds; ms per search (target p95 <= {TARGET_P95_MS:.0f})"
    )
    print(
        f"{'kind':22} {'n':>5} {'p50':>7} {'p95':>7} {'p99':>7} {'max':>7}   first query: matches/ranked/how"
    )
    everything: list[float] = []
    for kind, samples in times.items():
        everything += samples
        total, ordered, how = examples[kind]
        print(
            f"{kind:22} {len(samples):5} {_pct(samples, 50):7.1f} {_pct(samples, 95):7.1f} "
            f"{_pct(samples, 99):7.1f} {max(samples):7.1f}   {total:,}/{ordered:,}/{how}"
        )
    print(
        f"{'all':22} {len(everything):5} {_pct(everything, 50):7.1f} {_pct(everything, 95):7.1f} "
        f"{_pct(everything, 99):7.1f} {max(everything):7.1f}"
    )


def _pct(samples: list[float], p: int) -> float:
    return statistics.quantiles(samples, n=100, method="inclusive")[p - 1]


def _articles() -> int:
    from articles.models import Article

    return Article.objects.count()


if __name__ == "__main__":
    main()
