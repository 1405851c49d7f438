"""A correction in an editor's words, read from its before and after snapshots: story titles and paragraph
numbers, never ids. "把《甲》第3–5段移到《乙》", "拆分《甲》第4段", "合并《甲》与《乙》".

One sentence per correction, and a few details where they add something (a field's old and new value,
where a run of paragraphs went): a split of a long story is one line, not a line per paragraph. Read from the
snapshots rather than the stored summary, so older records read the same way.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from articles.editing.base import DATELINE, HEADLINE, clip, field_label
from articles.models import Article, Byline, Correction

State = dict[str, Any]
OPENING_QUOTES = "“‘「『\"'"  # left off the first words quoted: “以前… would read ““以前…
UNDONE = "撤销："
ARTICLE_ID = re.compile(r"\d+号稿件")  # 12号稿件: how summaries written before these words named an article


@dataclass(frozen=True)
class Words:
    """A correction as an editor reads it: one sentence, and a few details."""

    sentence: str
    details: tuple[str, ...] = ()


def correction_words(correction: Correction) -> Words:
    """The correction in words; an undo says what it undid (`undo_of` is read, select_related it)."""
    before, after = _snapshot(correction.before), _snapshot(correction.after)
    if correction.action == Correction.Action.UNDO:
        undone = correction_words(correction.undo_of).sentence if correction.undo_of else "一项更正"
        # Undoing an undo puts the correction back: 恢复：拆分《甲》…, not 撤销：撤销：拆分《甲》….
        sentence = (
            f"恢复：{undone.removeprefix(UNDONE)}" if undone.startswith(UNDONE) else f"{UNDONE}{undone}"
        )
        return Words(sentence, tuple(_moves(before, after)))
    describe = DESCRIBERS.get(correction.action)
    words = describe(before, after) if describe else None
    summary = ARTICLE_ID.sub("", correction.summary).strip().rstrip("。")
    return words or Words(summary or correction.get_action_display())


def story_name(state: State) -> str:
    """An article in a snapshot as an editor knows it: 《its headline》, else its first words."""
    headline = state.get("title") or state.get("kicker") or state.get("subtitle")
    if headline:
        return f"《{clip(headline)}》"
    what = "图片新闻" if state.get("kind") == Article.Kind.PHOTO else "无标题稿件"
    texts = [p["text"] for p in state.get("paragraphs", []) if p["text"].strip()]
    return f"{what}（开头“{clip(texts[0].strip().lstrip(OPENING_QUOTES), 12)}”）" if texts else what


def paragraph_runs(positions: Iterable[int]) -> str:
    """Paragraph numbers as runs.

    >>> paragraph_runs([5, 3, 4, 8])
    '第3–5、8段'
    """
    numbers = sorted(set(positions))
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return "第" + "、".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else f"{r[0]}" for r in runs) + "段"


# -- Each correction -----------------------------------------------------------------------------------


def _merge(before: _Snapshot, after: _Snapshot) -> Words | None:
    survivors = [s for s in after.articles.values() if not s.get("merged_into_id")]
    if len(survivors) != 1:
        return None
    survivor = survivors[0]
    others = [s for s in after.articles.values() if s.get("merged_into_id") == survivor["id"]]
    names = "、".join(before.name(s["id"]) for s in others)
    return Words(f"合并{before.name(survivor['id'])}与{names}", tuple(_moves(before, after)))


def _split(before: _Snapshot, after: _Snapshot) -> Words | None:
    new = [pk for pk in after.articles if pk not in before.articles]
    if len(new) != 1 or len(before.articles) != 1:
        return None
    (old,) = before.articles
    moved = [
        before.where[p["id"]][1] for p in after.articles[new[0]]["paragraphs"] if p["id"] in before.where
    ]
    if not moved:
        return None
    return Words(
        f"拆分{before.name(old)}：第{min(moved)}段起另成一篇{after.name(new[0])}",
        (f"{after.name(old)}留下{paragraph_runs(range(1, min(moved)))}；新稿件{len(moved)}段。",),
    )


def _paragraph_split(before: _Snapshot, after: _Snapshot) -> Words | None:
    for pk, state in before.articles.items():
        texts = {p["id"]: p for p in after.articles.get(pk, {}).get("paragraphs", [])}
        for paragraph in state["paragraphs"]:
            now = texts.get(paragraph["id"])
            if now is not None and now["text"] != paragraph["text"]:
                tail = now["text"][-12:]
                return Words(f"拆分{before.name(pk)}第{paragraph['position']}段：在“{tail}”之后分成两段")
    return None


def _paragraphs_move(before: _Snapshot, after: _Snapshot) -> Words | None:
    moved = [
        (was, after.where[pk])
        for pk, was in before.where.items()
        if pk in after.where and was[0] != after.where[pk][0]
    ]
    if not moved:  # within one article: the order changed
        changed = [
            (was, after.where[pk])
            for pk, was in before.where.items()
            if pk in after.where and was[1] != after.where[pk][1]
        ]
        if not changed:
            return None
        pk = changed[0][0][0]
        first_moved = min(now[1] for _, now in changed)
        return Words(f"调整{before.name(pk)}的段落顺序（从第{first_moved}段起）")
    targets = {now[0] for _, now in moved}
    target = targets.pop() if len(targets) == 1 else None
    if target is None:
        return None
    sources: dict[int, list[int]] = {}
    for was, _ in moved:
        sources.setdefault(was[0], []).append(was[1])
    froms = "、".join(f"{before.name(pk)}{paragraph_runs(ns)}" for pk, ns in sources.items())
    landed = paragraph_runs(now[1] for _, now in moved)
    return Words(f"把{froms}移到{before.name(target)}", (f"在{after.name(target)}中成为{landed}。",))


def _headline_set(before: _Snapshot, after: _Snapshot) -> Words | None:
    pk = _only(before, after)
    if pk is None:
        return None
    was, now = before.articles[pk], after.articles[pk]
    if was.get("title") != now.get("title"):
        sentence = f"把标题{story_name(was)}改为{story_name(now)}"
    else:
        sentence = f"修改{story_name(now)}的引题或副题"
    return Words(sentence, tuple(_field_changes(was, now, HEADLINE)))


def _headline_reassign(before: _Snapshot, after: _Snapshot) -> Words | None:
    if len(before.articles) != 2:
        return None
    a, b = before.articles
    heads = {pk: tuple(before.articles[pk].get(f) for f in HEADLINE) for pk in (a, b)}
    now = {pk: tuple(after.articles.get(pk, {}).get(f) for f in HEADLINE) for pk in (a, b)}
    if now[a] == heads[b] and now[b] == heads[a] and any(heads[a]) and any(heads[b]):
        return Words(f"互换{before.name(a)}与{before.name(b)}的标题")
    giver, taker = (a, b) if now[b] == heads[a] else (b, a)
    return Words(f"把标题{before.name(giver)}转给{before.name(taker)}")


def _fields_set(before: _Snapshot, after: _Snapshot) -> Words | None:
    pk = _only(before, after)
    if pk is None:
        return None
    changes = _field_changes(before.articles[pk], after.articles[pk], (*DATELINE, "region_name", "kind"))
    what = "、".join(change.split("：")[0] for change in changes) or "电头、地区或体裁"
    return Words(f"修改{before.name(pk)}的{what}", tuple(changes))


def _bylines(before: _Snapshot, after: _Snapshot) -> Words | None:
    pk = _only(before, after)
    if pk is None:
        return None
    was = {b["id"]: b for b in before.articles[pk]["bylines"]}
    now = {b["id"]: b for b in after.articles.get(pk, {}).get("bylines", [])}
    added = [b for k, b in now.items() if k not in was]
    removed = [b for k, b in was.items() if k not in now]
    roled = [(was[k], b) for k, b in now.items() if k in was and was[k]["role"] != b["role"]]
    name = before.name(pk)
    if added:
        return Words(f"在{name}上添加署名：{'、'.join(_credit(b) for b in added)}")
    if removed:
        return Words(f"从{name}上删除署名：{'、'.join(_credit(b) for b in removed)}")
    if roled:
        old, new = roled[0]
        return Words(f"把{name}上{new['name']}的署名身份从{_role(old['role'])}改为{_role(new['role'])}")
    return None


def _parts_link(before: _Snapshot, after: _Snapshot) -> Words | None:
    for pk, state in after.articles.items():
        was = before.articles.get(pk, {})
        if state.get("continues_id") and state.get("continues_id") != was.get("continues_id"):
            return Words(f"把{before.name(pk)}连接为{before.name(state['continues_id'])}的接续部分")
    return None


def _parts_unlink(before: _Snapshot, after: _Snapshot) -> Words | None:
    for pk, state in before.articles.items():
        other = state.get("continues_id") or state.get("link_suggested_id")
        now = after.articles.get(pk, {})
        if other and not now.get("continues_id") and not now.get("link_suggested_id"):
            return Words(f"取消{before.name(pk)}与{before.name(other)}的连接，使它成为独立的稿件")
    return None


# A people merge names no article: its stored summary, naming the two spellings, is its words.
DESCRIBERS: dict[str, Callable[[_Snapshot, _Snapshot], Words | None]] = {
    Correction.Action.ARTICLES_MERGE: _merge,
    Correction.Action.ARTICLE_SPLIT: _split,
    Correction.Action.PARAGRAPH_SPLIT: _paragraph_split,
    Correction.Action.PARAGRAPHS_MOVE: _paragraphs_move,
    Correction.Action.HEADLINE_SET: _headline_set,
    Correction.Action.HEADLINE_REASSIGN: _headline_reassign,
    Correction.Action.FIELDS_SET: _fields_set,
    Correction.Action.BYLINE_ADD: _bylines,
    Correction.Action.BYLINE_REMOVE: _bylines,
    Correction.Action.BYLINE_ROLE_SET: _bylines,
    Correction.Action.PARTS_LINK: _parts_link,
    Correction.Action.PARTS_UNLINK: _parts_unlink,
}


# -- Reading snapshots ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Snapshot:
    articles: dict[int, State]  # by id
    where: dict[int, tuple[int, int]]  # paragraph id -> (article id, position)

    def name(self, pk: int) -> str:
        state = self.articles.get(pk)
        return story_name(state) if state is not None else "另一篇稿件"


def _snapshot(data: Any) -> _Snapshot:
    states = [s for s in (data or {}).get("articles", []) if isinstance(s, dict) and "id" in s]
    return _Snapshot(
        articles={s["id"]: s for s in states},
        where={p["id"]: (s["id"], p["position"]) for s in states for p in s.get("paragraphs", [])},
    )


def _only(before: _Snapshot, after: _Snapshot) -> int | None:
    """The one article a correction of one article touched, if it is in both snapshots."""
    ids = list(before.articles)
    return ids[0] if len(ids) == 1 and ids[0] in after.articles else None


def _moves(before: _Snapshot, after: _Snapshot) -> list[str]:
    """Where runs of paragraphs went between articles: "《甲》第4–9段 → 《乙》"."""
    runs: dict[tuple[int, int], list[int]] = {}
    for pk, (source, position) in before.where.items():
        target = after.where.get(pk, (None, 0))[0]
        if target is not None and target != source:
            runs.setdefault((source, target), []).append(position)
    names = before.articles | after.articles
    return [
        f"{story_name(names[source])}{paragraph_runs(ns)} → {story_name(after.articles[target])}"
        for (source, target), ns in runs.items()
    ]


def _field_changes(was: State, now: State, names: Iterable[str]) -> list[str]:
    out = []
    for name in names:
        old, new = was.get(name) or "", now.get(name) or ""
        if old != new:
            label = "地区" if name == "region_name" else field_label(name)
            out.append(f"{label}：{_value(name, old) or '（无）'} → {_value(name, new) or '（无）'}")
    return out


def _value(name: str, value: str) -> str:
    if name == "kind" and value in Article.Kind.values:
        return str(Article.Kind(value).label)
    return str(value)


def _credit(byline: State) -> str:
    return f"{_role(byline['role'])}{byline['name']}"


def _role(role: str) -> str:
    return dict(Byline.Role.choices).get(role, role)
