"""Measure search: does a query word find every story that contains it, and only those?

python tools/evaluate_search.py [--corpus CORPUS_DIR] [--stored] [--words 300] [--seed 1] [--verbose] [--json]

By default the measure runs on a database of its own, `newsroom_search_eval` (made afresh on the server the
project uses: DATABASE_URL's, or the embedded one), into which it ingests the seed pages (fixtures/pages,
法治日报), the jump sample (fixtures/jumps, 跨版示例) and, given --corpus, the corpus pages laid out as the
seed is (tools/corpus_layout.py, 人民日报). --stored measures the project's database as it is instead.

Query words are drawn from the stored stories' text with a fixed seed (`--seed`), in kinds:
- word: a jieba word of the text, one to four characters (single hanzi included);
- piece: a dictionary word inside a longer word (检察 in 检察院, 中央 in 党中央);
- span: any two to four hanzi in a row, across word boundaries (察院, 会议上);
- name: a person credited in a byline; place: a place named in a story;
- number: a number with its unit (2025年, 1月23日, 15个).
A story "contains" a word when its headline or text (its parts on later pages included) holds it, spaces
blanks (but between Latin letters or digits) and case aside, as the index reads them. Recall is the share of (word, story containing it) pairs the search returns; precision the
share of returned stories that contain the word, over all words. Every result counts, also those a looser
match (the "部分匹配" fallback) returns.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

EVAL_DATABASE = "newsroom_search_eval"
KINDS = {"word": 0.35, "piece": 0.15, "span": 0.15, "name": 0.1, "place": 0.1, "number": 0.15}
HANZI_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")  # 检察院依法
NUMBER = re.compile(r"\d+(?:\.\d+)?(?:年|月|日|个|人|件|万|亿|元|次|家|名|%)")  # 2025年 15个 3.5亿

SEED_PAGE = re.compile(r"fazhi_(\d{4}-\d{2}-\d{2})_(\d+)\.txt")  # fazhi_2025-01-24_02.txt
# Blanks but between two Latin letters or digits, as the index reads them (articles/search/index.py);
# written out here too, so that the measure runs unchanged over an older index.
BLANKS = re.compile(r"(?<![0-9A-Za-z])[ \t\u3000\u00a0]+|[ \t\u3000\u00a0]+(?![0-9A-Za-z])")
JUMP_PAGE = re.compile(r"jump_(\d{4}-\d{2}-\d{2})_(\d+)\.txt")  # jump_2025-01-25_01.txt


@dataclass(frozen=True)
class Story:
    pk: int
    text: str  # headline and text, blanks out, lowercased


@dataclass(frozen=True)
class WordScore:
    word: str
    kind: str
    containing: int
    returned: int
    found: int  # returned and containing
    match: str

    @property
    def missed(self) -> int:
        return self.containing - self.found

    @property
    def wrong(self) -> int:
        return self.returned - self.found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Measure search recall and precision over query words.")
    parser.add_argument("--corpus", type=Path, help="the corpus directory (or .jsonl) to ingest as well")
    parser.add_argument("--stored", action="store_true", help="measure the project's database as it is")
    parser.add_argument("--words", type=int, default=300, help="query words to draw (default 300)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the draw (default 1)")
    parser.add_argument("--verbose", action="store_true", help="list every word with a miss or a wrong hit")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    if args.stored and args.corpus:
        parser.error("--stored measures the database as it is: it ingests nothing, --corpus included")

    _django_setup(own_database=not args.stored)
    if not args.stored:
        _ingest(args.corpus)
    stories = _stories()
    if not stories:
        print("no stories stored: nothing to measure", file=sys.stderr)
        return 1
    words = draw_words(stories, count=args.words, seed=args.seed)
    scores = [_score(word, kind, stories) for word, kind in words]
    if args.json:
        print(json.dumps(_figures(scores, len(stories)), ensure_ascii=False, indent=2))
    else:
        _report(scores, len(stories), verbose=args.verbose)
    return 0


def _django_setup(*, own_database: bool) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    if own_database:
        url = _database_fresh()
        os.environ["DATABASE_URL"] = url
    import django
    from django.core.management import call_command

    django.setup()
    if own_database:
        call_command("migrate", verbosity=0, interactive=False)


def _database_fresh() -> str:
    """The evaluation database's URL, the database dropped and made anew."""
    import psycopg
    from psycopg import sql

    dev = os.environ.get("DATABASE_URL")
    if dev:
        url = urlunsplit(urlsplit(dev)._replace(path=f"/{EVAL_DATABASE}"))
    else:
        from newsroom.pg.server import EmbeddedPostgres

        server = EmbeddedPostgres(ROOT / "var" / "pgdata")
        server.ensure_running()
        url = server.uri(EVAL_DATABASE)
    with psycopg.connect(url, dbname="postgres", autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(EVAL_DATABASE)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(EVAL_DATABASE)))
    return url


def _ingest(corpus: Path | None) -> None:
    from articles import ingest

    cache = ingest.IngestCache()
    files = [
        ("法治日报", SEED_PAGE, path) for path in sorted((ROOT / "fixtures" / "pages").glob("fazhi_*.txt"))
    ]
    files += [
        ("跨版示例", JUMP_PAGE, path) for path in sorted((ROOT / "fixtures" / "jumps").glob("jump_*.txt"))
    ]
    pages = 0
    for paper, pattern, path in files:
        named = pattern.fullmatch(path.name)
        if named is None:
            continue
        date, number = datetime.date.fromisoformat(named[1]), int(named[2])
        ingest.page_ingest(
            paper=paper, date=date, number=number, data=path.read_bytes(), source_name=path.name, cache=cache
        )
        pages += 1
    if corpus is not None:
        from corpus_layout import LAYOUTS, lay_out, load_pages, page_key

        for page in load_pages(corpus):
            text = lay_out(page, LAYOUTS["seed"]).text
            ingest.page_ingest(
                paper=page.get("paper") or "人民日报",
                date=datetime.date.fromisoformat(page["date"]),
                number=int(page["page"]),
                data=text.encode("utf-8"),
                source_name=f"{page_key(page)}.seed.txt",
                cache=cache,
            )
            pages += 1
    print(f"ingested {pages} pages", file=sys.stderr)


def _stories() -> list[Story]:
    """Every story search can return, with the text a reader sees: its headline, its paragraphs and those
    of the parts that continue it on later pages."""
    from articles.models import Article, Paragraph

    articles = list(
        Article.objects.filter(merged_into__isnull=True).values(
            "pk", "continues_id", "kicker", "title", "subtitle"
        )
    )
    texts: dict[int, list[str]] = defaultdict(list)
    for article_id, text in Paragraph.objects.order_by("article_id", "position").values_list(
        "article_id", "text"
    ):
        texts[article_id].append(text)
    children: dict[int, list[int]] = defaultdict(list)
    for a in articles:
        if a["continues_id"]:
            children[a["continues_id"]].append(a["pk"])
    stories = []
    for a in articles:
        if a["continues_id"]:
            continue
        parts, seen, queue = [], {a["pk"]}, [a["pk"]]
        while queue:
            pk = queue.pop(0)
            parts += texts[pk]
            for child in sorted(children[pk]):
                if child not in seen:
                    seen.add(child)
                    queue.append(child)
        headline = "\n".join(t for t in (a["kicker"], a["title"], a["subtitle"]) if t)
        stories.append(Story(a["pk"], BLANKS.sub("", "\n".join([headline, *parts])).lower()))  # as indexed
    return stories


def draw_words(stories: list[Story], *, count: int, seed: int) -> list[tuple[str, str]]:
    """(word, kind) pairs, about KINDS' shares of `count`, each word once, drawn with a fixed seed."""
    from articles.models import Person
    from articles.reconstruct.segment import cut

    known = _dictionary().__contains__

    rng = random.Random(seed)
    text = "\n".join(story.text for story in stories)
    tokens = [
        t
        for t in cut(text)
        if t.strip() and (HANZI_RUN.fullmatch(t) or len(t) == 1 and "\u4e00" <= t <= "\u9fff")
    ]
    pools: dict[str, list[str]] = {
        "word": sorted({t for t in tokens if 1 <= len(t) <= 4}),
        "piece": sorted(
            {
                t[i:j]
                for t in set(tokens)
                if len(t) > 2
                for i in range(len(t))
                for j in range(i + 2, min(len(t), i + 4) + 1)
                if t[i:j] != t and known(t[i:j])
            }
        ),
        "span": [],
        "name": sorted(set(Person.objects.filter(bylines__isnull=False).values_list("name", flat=True))),
        "place": sorted(_places()),
        "number": sorted({m.group() for m in NUMBER.finditer(text)}),
    }
    runs = HANZI_RUN.findall(text)
    spans: set[str] = set()
    for _ in range(count * 20):
        run = rng.choice(runs)
        size = rng.randint(2, min(4, len(run)))
        start = rng.randrange(len(run) - size + 1)
        spans.add(run[start : start + size])
    pools["span"] = sorted(spans)
    drawn: dict[str, str] = {}
    for kind, share in KINDS.items():
        pool = [w for w in pools[kind] if w.lower() not in drawn and _contained(w).search(text)]
        for word in rng.sample(pool, min(len(pool), round(count * share))):
            drawn[word.lower()] = kind
    return list(drawn.items())


def _dictionary() -> set[str]:
    """jieba's dictionary words and ours (the pieces drawn are among them), read here rather than asked of
    the project, so that the measure runs unchanged over an older version."""
    import jieba

    from articles.reconstruct.segment import USER_DICT

    files = [Path(jieba.__file__).with_name("dict.txt"), USER_DICT]
    return {
        line.split()[0]
        for file in files
        if file.exists()
        for line in file.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }


def _places() -> set[str]:
    from articles.models import Article

    names: set[str] = set()
    for places, region in Article.objects.values_list("place_names", "region_name"):
        names.update(places or [])
        if region:
            names.add(region)
    return {name for name in names if 2 <= len(name) <= 8}


def _score(word: str, kind: str, stories: list[Story]) -> WordScore:
    from articles.search import article_search

    pattern = _contained(word)
    containing = {story.pk for story in stories if pattern.search(story.text)}
    results = article_search(query=word, per_page=10_000)
    returned = {hit.article.pk for hit in results.hits}
    return WordScore(
        word=word,
        kind=kind,
        containing=len(containing),
        returned=len(returned),
        found=len(containing & returned),
        match=results.match.name if results.match else "-",
    )


def _contained(word: str) -> re.Pattern[str]:
    """The word in a text, a number or Latin word whole: 7日 is not in 17日, nor ai in said."""
    before = r"(?<![0-9a-z.])" if word[:1].isascii() and word[:1].isalnum() else ""
    after = r"(?![0-9a-z])" if word[-1:].isascii() and word[-1:].isalnum() else ""
    return re.compile(before + re.escape(word.lower()) + after)


def _figures(scores: list[WordScore], stories: int) -> dict[str, Any]:
    def block(chosen: Iterable[WordScore]) -> dict[str, Any]:
        chosen = list(chosen)
        containing = sum(s.containing for s in chosen)
        returned = sum(s.returned for s in chosen)
        found = sum(s.found for s in chosen)
        return {
            "words": len(chosen),
            "containing": containing,
            "returned": returned,
            "found": found,
            "recall": found / containing if containing else 1.0,
            "precision": found / returned if returned else 1.0,
            "words_with_a_miss": sum(1 for s in chosen if s.missed),
        }

    return {
        "stories": stories,
        "all": block(scores),
        "kinds": {kind: block(s for s in scores if s.kind == kind) for kind in KINDS},
        "misses": [
            {
                "word": s.word,
                "kind": s.kind,
                "missed": s.missed,
                "of": s.containing,
                "wrong": s.wrong,
                "match": s.match,
            }
            for s in scores
            if s.missed or s.wrong
        ],
    }


def _report(scores: list[WordScore], stories: int, *, verbose: bool) -> None:
    figures = _figures(scores, stories)
    print(f"{len(scores)} query words over {stories} stories")
    print(f"{'kind':8} {'words':>6} {'pairs':>7} {'recall':>8} {'precision':>10} {'words missing some':>19}")
    for name, block in [*figures["kinds"].items(), ("all", figures["all"])]:
        print(
            f"{name:8} {block['words']:6} {block['containing']:7} {block['recall']:8.2%} "
            f"{block['precision']:10.2%} {block['words_with_a_miss']:19}"
        )
    worst = sorted(figures["misses"], key=lambda m: -(m["missed"] + m["wrong"]))
    if worst:
        print("\nwords with misses or wrong hits (missed/of, wrong, how matched):")
        for m in worst if verbose else worst[:15]:
            print(f"  {m['word']} ({m['kind']}): {m['missed']}/{m['of']}, {m['wrong']} wrong, {m['match']}")
    counts = Counter(s.match for s in scores)
    print("\nhow the words matched: " + ", ".join(f"{k} {v}" for k, v in counts.most_common()))


if __name__ == "__main__":
    raise SystemExit(main())
