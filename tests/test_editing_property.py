"""Any sequence of corrections leaves the page's text whole: a seeded random walk of merges, splits,
paragraph splits, moves, bylines, merges of people and undos on the seed page, checked after every step;
then undoing every correction still in force, newest first, gives back the page as ingested. After every
step, and after a forced re-ingest at the end, the kept story counts equal a recount (articles/counts.py)."""

from __future__ import annotations

import contextlib
import random
import re
from collections import Counter
from typing import Any

import pytest

from articles import editing, ingest, models
from articles.counts import counts_recount
from articles.editing import CorrectionRefused
from tests.seeding import PAPER, SEED, SEED_DATE
from tests.test_editing import seed_page

pytestmark = pytest.mark.django_db

SEEDS = range(8)  # about 2.5 s each: the snapshots and the search refresh of every step
STEPS = 15


def _characters(page: models.Page) -> Counter[str]:
    """Every character of every paragraph whose article is on the page, merged-away ones' included."""
    texts = models.Paragraph.objects.filter(article__page=page).values_list("text", flat=True)
    return Counter("".join(texts))


def _contiguous(page: models.Page) -> None:
    positions = list(page.articles.order_by("position").values_list("position", flat=True))
    assert positions == list(range(1, len(positions) + 1))
    for article in page.articles.all():
        paragraphs = list(article.paragraphs.order_by("position").values_list("position", flat=True))
        assert paragraphs == list(range(1, len(paragraphs) + 1))
        if article.merged_into_id is None:
            assert paragraphs, f"live article {article.pk} has no paragraphs"


def _state(page: models.Page) -> list[dict[str, Any]]:
    return [
        {k: v for k, v in editing.article_state(a).items() if k != "edited"} | {"search": a.search_vector}
        for a in page.articles.order_by("position")
    ]


def _fingerprint(page: models.Page) -> tuple[list[tuple], list[tuple]]:
    """The page's articles and paragraphs in two queries: what a refused correction must leave alone."""
    articles = page.articles.order_by("pk").values_list("pk", "position", "title", "merged_into", "edited")
    paragraphs = models.Paragraph.objects.filter(article__page=page).order_by("pk")
    return list(articles), list(paragraphs.values_list("pk", "article", "position", "text", "line_end"))


def _step(rng: random.Random, page: models.Page) -> bool:
    """One random correction, or one that must be refused ("nonsense"): whether one was made."""
    made = models.Correction.objects.count()
    _correction(rng, page)
    return models.Correction.objects.count() > made


def _correction(rng: random.Random, page: models.Page) -> None:
    live = list(page.articles.live().order_by("position"))
    op = rng.choice(["merge", "split", "paragraph_split", "move", "byline", "people", "undo", "nonsense"])
    if op == "merge" and len(live) >= 2:
        editing.articles_merge(articles=rng.sample(live, rng.choice([2, 2, 3][: len(live) - 1])), editor=None)
    elif op == "split":
        article = rng.choice(live)
        paragraphs = list(article.paragraphs.order_by("position"))
        if len(paragraphs) >= 2:
            editing.article_split(
                article=article,
                at_paragraph=rng.choice(paragraphs[1:]),
                headline={"title": "切"},
                editor=None,
            )
    elif op == "paragraph_split":
        paragraph = rng.choice(list(models.Paragraph.objects.filter(article__in=live)))
        if len(paragraph.text) >= 2:
            editing.paragraph_split(
                paragraph=paragraph, at_char=rng.randrange(1, len(paragraph.text)), editor=None
            )
    elif op == "move":
        source, target = rng.choice(live), rng.choice(live)
        paragraphs = list(source.paragraphs.order_by("position"))
        if len(paragraphs) >= 2 or source == target:
            chosen = rng.sample(paragraphs, rng.randint(1, max(1, len(paragraphs) - 1)))
            staying = target.paragraphs.exclude(pk__in=[p.pk for p in chosen]).count()
            editing.paragraphs_move(
                paragraphs=chosen, to_article=target, position=rng.randint(1, staying + 1), editor=None
            )
    elif op == "byline":
        bylines = list(models.Byline.objects.filter(article__in=live))
        if bylines and rng.random() < 0.5:
            editing.byline_remove(byline=rng.choice(bylines), editor=None)
        else:
            name = rng.choice(list(models.Person.objects.values_list("name", flat=True)) or ["新记者"])
            editing.byline_add(article=rng.choice(live), name=name, role="reporter", editor=None)
    elif op == "people":
        people = list(
            models.Person.objects.filter(merged_into__isnull=True, bylines__isnull=False).distinct()
        )
        if len(people) >= 2:
            keep, merge = rng.sample(people, 2)
            editing.people_merge(keep=keep, merge=merge, editor=None)
    elif op == "undo":
        done = models.Correction.objects.exclude(action=models.Correction.Action.UNDO).filter(
            undone_by__isnull=True
        )
        if done.exists():
            editing.correction_undo(correction=rng.choice(list(done)), editor=None)
    else:  # each of these is refused
        article = rng.choice(live)
        with pytest.raises(CorrectionRefused):
            editing.article_split(
                article=article, at_paragraph=article.paragraphs.get(position=1), editor=None
            )


@pytest.mark.parametrize("seed", SEEDS)
def test_random_corrections_never_lose_or_copy_a_character(seed: int) -> None:
    page = seed_page()
    original, state = _characters(page), _state(page)
    rng = random.Random(seed)
    made = 0
    for _ in range(STEPS):
        before = _fingerprint(page)
        try:
            made += _step(rng, page)
        except CorrectionRefused:
            assert _fingerprint(page) == before  # a refusal changes nothing
        assert _characters(page) == original
        _contiguous(page)
        assert counts_recount(fix=False) == []
    assert made >= STEPS // 2, f"only {made} of {STEPS} random corrections were made"

    in_force = models.Correction.objects.exclude(action=models.Correction.Action.UNDO).filter(
        undone_by__isnull=True
    )
    for correction in in_force.order_by("-pk"):
        editing.correction_undo(correction=correction, editor=None)
    assert _state(page) == state
    assert counts_recount(fix=False) == []
    _every_correction_in_words()


@pytest.mark.parametrize("seed", SEEDS[:4])
def test_kept_counts_equal_a_recount_after_random_corrections_and_a_forced_re_ingest(seed: int) -> None:
    page = seed_page()
    rng = random.Random(seed)
    for _ in range(STEPS):
        with contextlib.suppress(CorrectionRefused):  # a refusal is a step too
            _step(rng, page)
    assert counts_recount(fix=False) == []
    data = SEED.read_bytes() + f"\n补充{seed}\n".encode()
    ingest.page_ingest(paper=PAPER, date=SEED_DATE, number=2, data=data, source_name=SEED.name, force=True)
    assert counts_recount(fix=False) == []


# How each correction reads when its words come from its snapshots (not from its stored summary).
READS = {
    "articles_merge": r"^合并.+与.+",
    "article_split": r"^拆分.+：第\d+段起另成一篇",
    "paragraph_split": r"^拆分.+第\d+段：在“",
    "paragraphs_move": r"^(把.+第[\d–、]+段移到|调整.+的段落顺序)",
    "byline_add": r"^在.+上添加署名：",
    "byline_remove": r"^从.+上删除署名：",
    "people_merge": r"^把“.+”合并到“.+”",
    "undo": r"^(撤销|恢复)：",
}


def _every_correction_in_words() -> None:
    """Each correction of the walk reads in words from its snapshots, naming stories, never ids."""
    for correction in models.Correction.objects.select_related("undo_of"):
        sentence = editing.correction_words(correction).sentence
        assert not re.search(r"\d+号", sentence), sentence
        assert re.search(READS[correction.action], sentence), (correction.action, sentence)
