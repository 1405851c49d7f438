"""Speed of the names the search form offers as one types (/search/names.json) and of reading a typed name
back, on the 100,000-article bench database. Prints numbers; asserts nothing.

    .venv/bin/python bench/bench_names.py [--rounds 200] [--people 50000]

Each round asks the JSON view (called with a request made by Django's RequestFactory: the view, its
queries, the JSON; not the middleware) for every query of every kind once, in a shuffled order; p50/p95 per kind follow. Then the same with
`--people` made-up people added (in a transaction rolled back at the end): an archive of many years credits
tens of thousands, where the bench database credits about 300. The target: p95 <= 20 ms, so that the list
keeps up with typing.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import benchdb  # noqa: E402

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚"
)
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国红梅志文斌玉兰海燕晨阳雪梅宏亮闽学"


def queries() -> dict[str, list[dict[str, str]]]:
    """Kind -> the JSON view's parameters, picked from what the database holds."""
    from articles.models import Person

    name = (
        Person.objects.bylined().order_by("-article_count").values_list("name", flat=True).first() or "王闽"
    )
    return {
        "reporter, a surname": [{"kind": "reporter", "q": s} for s in "王李张陈"],
        "reporter, two hanzi": [{"kind": "reporter", "q": name[:2]}, {"kind": "reporter", "q": "王建"}],
        "reporter, given name": [{"kind": "reporter", "q": name[-1]}, {"kind": "reporter", "q": "建国"}],
        "reporter, no match": [{"kind": "reporter", "q": "量子"}, {"kind": "reporter", "q": "zzz"}],
        "region": [{"kind": "region", "q": q} for q in ("北京", "江", "朝阳", "南京市（江苏省）")],
    }


def people_add(count: int) -> None:
    """`count` made-up people with stories, as an archive of many years credits them."""
    from django.db import connection

    from articles.models import Person

    rng = random.Random(7)
    names: set[str] = set()
    while len(names) < count:
        names.add(rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2)))))
    existing = set(Person.objects.values_list("name", flat=True))
    Person.objects.bulk_create(
        [Person(name=name, article_count=rng.randint(1, 400)) for name in names - existing], batch_size=5000
    )
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {Person._meta.db_table}")


def run(rounds: int, label: str) -> None:
    from django.test import RequestFactory

    from articles.models import Person
    from articles.views.search import names as view

    factory = RequestFactory()
    plan = queries()
    runs = [(kind, params) for kind, many in plan.items() for params in many]
    examples = {}
    for kind, params in runs:  # warm up, and note what each kind offers
        names = json.loads(view(factory.get("/search/names.json", params)).content)["names"]
        examples.setdefault(kind, f"{params['q']} -> {len(names)} names")
    times: dict[str, list[float]] = {kind: [] for kind in plan}
    for _ in range(rounds):
        random.shuffle(runs)
        for kind, params in runs:
            started = time.perf_counter()
            response = view(factory.get("/search/names.json", params))
            times[kind].append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
    people = Person.objects.count()
    print(f"\n{label}: {people:,} people; ms per request of /search/names.json (target p95 <= 20)")
    print(f"{'kind':<24} {'n':>5} {'p50':>7} {'p95':>7} {'max':>7}   example")
    every: list[float] = []
    for kind, samples in times.items():
        every += samples
        print(
            f"{kind:<24} {len(samples):>5} {_pct(samples, 50):>7.2f} {_pct(samples, 95):>7.2f}"
            f" {max(samples):>7.2f}   {examples[kind]}"
        )
    print(f"{'all':<24} {len(every):>5} {_pct(every, 50):>7.2f} {_pct(every, 95):>7.2f} {max(every):>7.2f}")


def _pct(samples: list[float], p: int) -> float:
    return statistics.quantiles(samples, n=100, method="inclusive")[p - 1] if len(samples) > 1 else samples[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=200, help="times each query runs")
    parser.add_argument("--people", type=int, default=50_000, help="made-up people added for the second run")
    args = parser.parse_args()

    url = benchdb.django_setup()
    print(f"bench database: {url}")
    benchdb.seed()
    from django.db import transaction

    run(args.rounds, "bench database")
    if args.people:
        with transaction.atomic():
            people_add(args.people)
            run(args.rounds, f"with {args.people:,} made-up people (rolled back)")
            transaction.set_rollback(True)


if __name__ == "__main__":
    main()
