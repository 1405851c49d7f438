"""Stories that jump pages: linking their parts within an issue, and reading them whole.

The matching is pure (articles.reconstruct.jumps); this module reads the candidates of an issue, applies the
matching to the rows, and puts a story's parts back together for reading. Ingest calls issue_jumps_link after
every stored page, so a fragment whose beginning arrives days later is linked then.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q

from articles import models
from articles.reconstruct import jumps

MAX_PARTS = 8  # a story printed over more pages than this is a loop an editor made, not a newspaper


@dataclass(frozen=True)
class LinkChange:
    fragment_id: int
    continues_id: int | None  # the beginning it is now linked to
    suggested_id: int | None  # the beginning put to the editors instead
    score: float | None


@dataclass
class _Candidates:
    beginnings: list[models.Article] = field(default_factory=list)
    fragments: list[models.Article] = field(default_factory=list)


def issue_jumps_link(*, issue_id: int) -> list[LinkChange]:
    """Link the jump fragments of an issue to their beginnings as one assignment; weak matches are only
    suggested (and the fragment flagged for review). Links editors made or removed are left alone."""
    rows = list(
        models.Article.objects.live()
        .filter(page__issue_id=issue_id)
        .filter(
            Q(continued_to_page__isnull=False)
            | Q(continued_from_page__isnull=False)
            | Q(continues__isnull=False)
            | Q(link_suggested__isnull=False)
        )
        .select_related("page")
        .only(*_FIELDS)
    )
    linked = any(a.continues_id or a.link_suggested_id for a in rows)
    if not linked and not any(a.continued_to_page for a in rows):
        return []  # no story here jumps forward, and nothing is linked: nothing to do until one does
    candidates = _candidates(issue_id=issue_id, rows=rows)
    if not candidates.beginnings and not linked:
        return []
    texts = _texts([a.pk for a in (*candidates.beginnings, *candidates.fragments)])
    matches = jumps.jumps_match(
        [_beginning(a, texts[a.pk]) for a in candidates.beginnings],
        [_fragment(a, texts[a.pk]) for a in candidates.fragments],
    )
    wanted: dict[int, LinkChange] = {}
    for match in matches:
        fragment = candidates.fragments[match.fragment]
        beginning = candidates.beginnings[match.beginning]
        wanted[fragment.pk] = LinkChange(
            fragment_id=fragment.pk,
            continues_id=beginning.pk if match.certain else None,
            suggested_id=None if match.certain else beginning.pk,
            score=round(match.score, 3),
        )
    return _apply(articles=[*rows, *candidates.fragments], wanted=wanted)


_FIELDS = (
    "id",
    "page__id",
    "page__number",
    "page__issue_id",
    "kind",
    "kicker",
    "title",
    "subtitle",
    "continued_from_page",
    "continued_to_page",
    "continues",
    "link_suggested",
    "link_score",
    "link_manual",
    "confidence_lead",
)


def _candidates(*, issue_id: int, rows: list[models.Article]) -> _Candidates:
    """The parts the engine may pair: beginnings that jump to a stored page, and the fragments on those
    pages (with a 上接 marker, or with no lead and no byline: a jump whose marker the extraction lost)."""
    pages = set(models.Page.objects.filter(issue_id=issue_id).values_list("number", flat=True))
    # An editor's link holds its beginning; an editor's unlink keeps its fragment out.
    held = {a.continues_id for a in rows if a.link_manual and a.continues_id}
    out = _Candidates()
    out.beginnings = [
        a
        for a in rows
        if a.continued_to_page in pages and a.continued_to_page != a.page.number and a.pk not in held
    ]
    targets = {a.continued_to_page for a in out.beginnings}
    out.fragments = [
        a
        for a in rows
        if a.continued_from_page is not None and a.page.number in targets and not a.link_manual
    ]
    if targets:
        unmarked = (
            models.Article.objects.live()
            .filter(
                page__issue_id=issue_id,
                page__number__in=targets,
                continued_from_page__isnull=True,
                confidence_lead=False,
                link_manual=False,
                bylines__isnull=True,
            )
            .exclude(kind=models.Article.PHOTO)
            .select_related("page")
            .only(*_FIELDS)
        )
        out.fragments += [a for a in unmarked if a.pk not in {b.pk for b in out.beginnings}]
    return out


def _texts(ids: list[int]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = defaultdict(list)
    rows = models.Paragraph.objects.filter(article_id__in=ids).order_by("article_id", "position")
    for article_id, text in rows.values_list("article_id", "text"):
        out[article_id].append(text)
    return out


def _headline(article: models.Article) -> str:
    return " ".join(part for part in (article.kicker, article.title, article.subtitle) if part)


def _beginning(article: models.Article, texts: list[str]) -> jumps.Beginning:
    return jumps.Beginning(
        page=article.page.number,
        to_page=article.continued_to_page or 0,
        headline=_headline(article),
        paragraphs=tuple(texts),
    )


def _fragment(article: models.Article, texts: list[str]) -> jumps.Fragment:
    return jumps.Fragment(
        page=article.page.number,
        from_page=article.continued_from_page,
        headline=_headline(article),
        paragraphs=tuple(texts),
    )


def _apply(*, articles: list[models.Article], wanted: dict[int, LinkChange]) -> list[LinkChange]:
    """Write the links that changed (of `articles`: every candidate and every part linked now); refresh the
    search text of every story that gained or lost a part."""
    changes: list[LinkChange] = []
    stale_heads: set[int] = set()
    loaded = {a.pk: a for a in articles}
    ids = set(wanted) | {pk for pk, a in loaded.items() if a.continues_id or a.link_suggested_id}
    for pk in sorted(ids):
        article = loaded[pk]
        if article.link_manual:
            continue
        want = wanted.get(pk, LinkChange(pk, None, None, None))
        have = (article.continues_id, article.link_suggested_id, article.link_score)
        if have == (want.continues_id, want.suggested_id, want.score):
            continue
        update: dict[str, object] = {
            "continues_id": want.continues_id,
            "link_suggested_id": want.suggested_id,
            "link_score": want.score,
        }
        if want.suggested_id is not None:
            update["needs_review"] = True
        models.Article.objects.filter(pk=pk).update(**update)
        stale_heads.update(h for h in (article.continues_id, want.continues_id) if h)
        if article.continues_id != want.continues_id:
            stale_heads.add(pk)  # its own text leaves (or joins) a story
        changes.append(want)
    story_search_refresh(article_ids=stale_heads)
    return changes


def page_links_release(*, page: models.Page, source_name: str) -> None:
    """Before a page's articles are replaced (a forced re-ingest): parts on other pages an editor linked to
    one of them lose what they were linked to. Hand them back to the engine, which links them to the new
    articles when it can, and flag them for an editor to check."""
    orphans = models.Article.objects.filter(continues__page=page, link_manual=True).exclude(page=page)
    if not orphans.exists():
        return
    reason = f"编辑连接到第{page.number}版的接续部分，在 {source_name} 替换该版时失去了连接，请检查"
    models.Page.objects.filter(articles__in=orphans).update(needs_review=True, review_reason=reason)
    orphans.update(link_manual=False, needs_review=True)


def story_search_refresh(*, article_ids: set[int]) -> None:
    """Recompute the search text of the stories these articles belong to (each from its beginning)."""
    from articles.ingest import article_search_refresh  # ingest calls this module: import at use

    # A part that left a story is a story of its own again, its own head, searchable by its own words.
    heads = {story_head_id(article_id=pk) for pk in article_ids}
    for article in models.Article.objects.filter(pk__in=heads):
        article_search_refresh(article=article)


def story_ids_above(*, article_id: int) -> list[int]:
    """The article and the parts it continues, up to its story's beginning, in that order."""
    chain = [article_id]
    while len(chain) <= MAX_PARTS:
        up = models.Article.objects.filter(pk=chain[-1]).values_list("continues_id", flat=True).first()
        if up is None or up in chain:
            break
        chain.append(up)
    return chain


def story_head_id(*, article_id: int) -> int:
    """The first part of the story the article belongs to (itself when it continues nothing)."""
    return story_ids_above(article_id=article_id)[-1]


def story_part_ids(*, head_id: int) -> list[int]:
    """The parts of the story that begins with head_id, in reading order (live parts only)."""
    parts = [head_id]
    while len(parts) < MAX_PARTS:
        nxt = (
            models.Article.objects.live()
            .filter(continues_id=parts[-1])
            .order_by("page__number", "position")
            .values_list("pk", flat=True)
            .first()
        )
        if nxt is None or nxt in parts:
            break
        parts.append(nxt)
    return parts
