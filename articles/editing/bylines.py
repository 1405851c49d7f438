"""Who wrote an article: add, remove and re-role its bylines, and merge two spellings of one person.

Bylines stay numbered 1..n on each article. A person merged away is kept (marked `merged_into`) so that
its reporter page redirects and undo can make it a person of its own again.
"""

from __future__ import annotations

from django.db import transaction

from articles.editing.base import (
    NAME_MAX,
    CorrectionRefused,
    Editor,
    article_live,
    article_name,
    articles_locked,
)
from articles.editing.record import Change
from articles.models import Article, Byline, Correction, Person


@transaction.atomic
def byline_add(*, article: Article, name: str, role: str, editor: Editor, reason: str = "") -> Byline:
    """Credit a person (found or created by name) in a role, after the article's other credits."""
    article = article_live(article)
    name = _name_check(name)
    _role_check(role)
    person, _ = Person.objects.select_related("merged_into").get_or_create(name=name)
    if person.merged_into is not None:  # a spelling editors merged away: credit the person it became
        person = person.merged_into
    if Byline.objects.filter(article=article, person=person, role=role).exists():
        raise CorrectionRefused(f"{person.name}已经以{_role(role)}身份署名在{article_name(article)}上。")
    change = Change([article.pk])
    byline = Byline.objects.create(
        article=article, person=person, role=role, order=Byline.objects.filter(article=article).count() + 1
    )
    change.record(
        action=Correction.Action.BYLINE_ADD,
        summary=f"在{article_name(article)}上添加署名：{_role(role)}{person.name}。",
        page_id=article.page_id,
        editor=editor,
        reason=reason,
        text=False,
    )
    return byline


@transaction.atomic
def byline_remove(*, byline: Byline, editor: Editor, reason: str = "") -> None:
    """Remove one credit; the others close up."""
    found = _byline_locked(byline)
    article = found.article
    change = Change([article.pk])
    found.delete()
    _bylines_renumber(article.pk)
    change.record(
        action=Correction.Action.BYLINE_REMOVE,
        summary=f"从{article_name(article)}上删除署名：{_role(found.role)}{found.person.name}。",
        page_id=article.page_id,
        editor=editor,
        reason=reason,
        text=False,
    )


@transaction.atomic
def byline_role_set(*, byline: Byline, role: str, editor: Editor, reason: str = "") -> Byline:
    """Change the role a person is credited in."""
    found = _byline_locked(byline)
    _role_check(role)
    if found.role == role:
        raise CorrectionRefused(f"{found.person.name}的署名身份已经是{_role(role)}，无需修改。")
    if Byline.objects.filter(article=found.article_id, person=found.person_id, role=role).exists():
        raise CorrectionRefused(
            f"{found.person.name}在这篇稿件上另有{_role(role)}署名；请改为删除这一条署名。"
        )
    change = Change([found.article_id])
    old = found.role
    found.role = role
    found.save(update_fields=["role"])
    change.record(
        action=Correction.Action.BYLINE_ROLE_SET,
        summary=f"把{article_name(found.article)}上{found.person.name}的署名身份从{_role(old)}改为{_role(role)}。",
        page_id=found.article.page_id,
        editor=editor,
        reason=reason,
        text=False,
    )
    return found


@transaction.atomic
def people_merge(*, keep: Person, merge: Person, editor: Editor, reason: str = "") -> Person:
    """Make two spellings of one reporter one person: every credit of `merge` becomes `keep`'s (one credit
    per role an article already gives `keep` is dropped as a repeat) and `merge` is marked merged into
    `keep` (so are the spellings merged into it before), so its reporter page redirects to `keep`'s; undo
    makes it a person of its own again, with its credits."""
    if keep.pk == merge.pk:
        raise CorrectionRefused("请选择两个不同的署名人。")
    people = {
        p.pk: p for p in Person.objects.select_for_update().filter(pk__in=[keep.pk, merge.pk]).order_by("pk")
    }
    if len(people) != 2:
        raise CorrectionRefused("其中一人已不存在；请重新加载列表。")
    keep, merge = people[keep.pk], people[merge.pk]
    for person in (keep, merge):
        if person.merged_into_id is not None:
            into = Person.objects.get(pk=person.merged_into_id)
            raise CorrectionRefused(f"“{person.name}”已合并到“{into.name}”；请用“{into.name}”来合并。")
    article_ids = sorted(set(Byline.objects.filter(person=merge).values_list("article_id", flat=True)))
    articles_locked(article_ids)
    article_ids = sorted(set(Byline.objects.filter(person=merge).values_list("article_id", flat=True)))
    earlier = list(Person.objects.filter(merged_into=merge).values_list("pk", flat=True))
    change = Change(article_ids, people=[keep.pk, merge.pk, *earlier])
    credited = set(
        Byline.objects.filter(person=keep, article__in=article_ids).values_list("article_id", "role")
    )
    for byline in Byline.objects.filter(person=merge):
        if (byline.article_id, byline.role) in credited:
            byline.delete()
            _bylines_renumber(byline.article_id)
        else:
            Byline.objects.filter(pk=byline.pk).update(person=keep)
    Person.objects.filter(pk__in=[merge.pk, *earlier]).update(merged_into=keep)
    pages = set(Article.objects.filter(pk__in=article_ids).values_list("page_id", flat=True))
    change.record(
        action=Correction.Action.PEOPLE_MERGE,
        summary=f"把“{merge.name}”合并到“{keep.name}”（涉及{len(article_ids)}篇稿件）。",
        page_id=pages.pop() if len(pages) == 1 else None,
        editor=editor,
        reason=reason,
        text=False,
    )
    return keep


def _byline_locked(byline: Byline) -> Byline:
    article_id = Byline.objects.filter(pk=byline.pk).values_list("article_id", flat=True).first()
    if article_id is None:
        raise CorrectionRefused("这条署名已不存在；请重新加载稿件。")
    article_live(Article(pk=article_id))
    return Byline.objects.select_related("person", "article").get(pk=byline.pk)


def _bylines_renumber(article_id: int) -> None:
    ids = Byline.objects.filter(article_id=article_id).order_by("order", "pk").values_list("pk", flat=True)
    Byline.objects.bulk_update([Byline(pk=pk, order=n) for n, pk in enumerate(ids, start=1)], ["order"])


def _name_check(name: str) -> str:
    if not isinstance(name, str) or not name.strip():
        raise CorrectionRefused("请填写姓名。")
    if len(name.strip()) > NAME_MAX:
        raise CorrectionRefused(f"姓名最多{NAME_MAX}个字。")
    return name.strip()


def _role_check(role: str) -> None:
    if role not in Byline.Role.values:
        raise CorrectionRefused(f"身份必须是{'、'.join(Byline.Role.labels)}之一。")


def _role(role: str) -> str:
    """A byline role in Chinese: reporter → 记者."""
    return dict(Byline.Role.choices).get(role, role)
