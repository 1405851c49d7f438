"""Stories that jump pages: linking their parts within an issue, and reading them whole.

The matching is pure (articles.reconstruct.jumps); this module reads the candidates of an issue, applies the
matching to the rows, and puts a story's parts back together for reading. Ingest calls issue_jumps_link after
every stored page, so a fragment whose beginning arrives days later is linked then.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q

from articles import models
from articles.reconstruct import jumps
from articles.reconstruct.issue import jump_headlines, jump_texts
from articles.search.index import article_search_refresh


@dataclass(frozen=True)
class LinkChange:
    fragment_id: int
    continues_id: int | None  # the beginning it is now linked to
    suggested_id: int | None  # the beginning put to the editors instead
    score: float | None


@dataclass(frozen=True)
class IssueLinks:
    changes: list[LinkChange]  # the links written
    # Each page number's headline lines the links show to be jump headlines, and the text of the other half of
    # each jumping story it holds (reconstruct/issue.py)
    jump_headlines: dict[int, dict[str, int]]
    jump_texts: dict[int, dict[int, str]]


def issue_jumps_link(*, issue_id: int) -> IssueLinks:
    """Link the jump fragments of an issue to their beginnings as one assignment; weak matches are only
    suggested (and the fragment flagged for review). Links editors made or removed are left alone. Also
    says which headline lines the links show to be jump headlines, for ingest to read their pages with."""
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
        return IssueLinks(
            [], {}, {}
        )  # no story jumps forward, and nothing is linked: nothing to do until one does
    pages = set(models.Page.objects.filter(issue_id=issue_id).values_list("number", flat=True))
    targets = {a.continued_to_page for a in rows if a.continued_to_page in pages}
    # Every live article of the pages stories jump to may be a fragment: one with no marker is one too. Those
    # of the pages they jump from hold the headlines a block there gave them (see jumps.Beginning.swapped).
    sources = {a.page.number for a in rows if a.continued_to_page in pages}
    known = {a.pk for a in rows}
    rows += list(
        models.Article.objects.live()
        .filter(page__issue_id=issue_id, page__number__in=targets | sources)
        .exclude(pk__in=known)
        .select_related("page")
        .only(*_FIELDS)
    )
    signed = set(
        models.Byline.objects.filter(article_id__in=[a.pk for a in rows]).values_list("article_id", flat=True)
    )
    held = {a.continues_id for a in rows if a.link_manual and a.continues_id}
    texts, first_lines, last_lines = _texts([a.pk for a in rows])
    parts = [
        jumps.Part(
            page=a.page.number,
            kind=a.kind,
            headline=_headline(a),
            paragraphs=tuple(texts[a.pk]),
            continued_from=a.continued_from_page,
            continued_to=a.continued_to_page,
            lead=a.confidence_lead,
            signed=a.pk in signed,
            headline_above=jumps.headline_above(a.headline_lines or (), first_lines.get(a.pk)),
            headline_parts=tuple(x for x in (a.kicker, a.title, a.subtitle) if x),
            headline_lines=tuple(a.headline_lines or ()),
            text_starts=first_lines.get(a.pk),
            text_ends=last_lines.get(a.pk),
            taken=a.pk in held,
            manual=a.link_manual,
        )
        for a in rows
    ]
    # The headlines each page left over: a jump headline among them says a story goes on on that page.
    for page in models.Page.objects.filter(issue_id=issue_id).only(
        "number", "reconstructed_json", "headlines_used"
    ):
        for _, group in page.unmatched_headlines_open():
            texts_of = [group.get(k) for k in ("kicker", "title", "subtitle", "label")]
            at = tuple(group.get("lines") or ())
            parts.append(jumps.Part.loose(page.number, tuple(t for t in texts_of if t), at))
    wanted: dict[int, LinkChange] = {}
    links = jumps.issue_links(parts, pages)
    for fragment_at, beginning_at, match in links:
        fragment, beginning = rows[fragment_at], rows[beginning_at]
        wanted[fragment.pk] = LinkChange(
            fragment_id=fragment.pk,
            continues_id=beginning.pk if match.certain else None,
            suggested_id=None if match.certain else beginning.pk,
            score=round(match.score, 3),
        )
    return IssueLinks(
        _apply(articles=rows, wanted=wanted), jump_headlines(parts, links), jump_texts(parts, links)
    )


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
    "headline_lines",
)


def _texts(ids: list[int]) -> tuple[dict[int, list[str]], dict[int, int], dict[int, int]]:
    """Each article's paragraph texts, in order, and the page lines its text starts and ends on."""
    out: dict[int, list[str]] = defaultdict(list)
    first: dict[int, int] = {}
    last: dict[int, int] = {}
    rows = models.Paragraph.objects.filter(article_id__in=ids).order_by("article_id", "position")
    for article_id, text, start, end in rows.values_list("article_id", "text", "line_start", "line_end"):
        out[article_id].append(text)
        first.setdefault(article_id, start)
        last[article_id] = end
    return out, first, last


def _headline(article: models.Article) -> str:
    return " ".join(part for part in (article.kicker, article.title, article.subtitle) if part)


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
    # A part that left a story is a story of its own again, its own head, searchable by its own words.
    heads = {models.Article.objects.story_head_id(pk) for pk in article_ids}
    for article in models.Article.objects.filter(pk__in=heads):
        article_search_refresh(article=article)
