"""Headline lines -> groups (kicker / title / subtitle) -> one assignment of groups to stories.

What a headline names and how well it covers a story (the scores `assign` is given, the fits `partition` is
given) is similarity.py's."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from itertools import pairwise
from math import fsum

# A kicker (引题) ends with the verb that introduces the title: 北京市委政法工作会议强调 / 专家指出：
KICKER_CUE = re.compile(
    r"(?:强调|指出|提出|要求|表示|部署|印发|发布|宣布|作出|称|说|发言人|[:：]|——|—)$"
    r"|(?:印发|发布(?!会)|出台|公布|通过)[\u4e00-\u9fff]{1,6}$"
    r"|(?:发表|刊发|刊登)[\u4e00-\u9fff]{0,12}(?:文章|讲话|署名文章)$"
)  # 北京市委政法工作会议强调 / 最高人民检察院印发意见 / 《求是》杂志发表重要文章
# A rubric set in square brackets over the title it files: 【聚焦春耕】
RUBRIC = re.compile(r"^【[^【】]{1,16}】$")
# A count of items opening a line ending in 发布 / 印发: what was issued, not who issued it (3项新标准发布).
COUNTED_ITEMS = re.compile(r"^\d+(?:项|条|份|批|款|类)")
# A subtitle (副题) opens with a dash: ——记沈阳市司法局…
SUBTITLE_CUE = re.compile(r"^(?:——|—|－－|--|-)")
# Who attended, under the title of a meeting's report: a subtitle (王沪宁出席 / 汪洋主持 / 韩正出席).
ATTENDANCE = re.compile(r"^[\u4e00-\u9fff、·]{2,16}(?:出席|主持|参加|陪同)$")
# What a meeting asked for or heard, going on from the kicker that names who held it: 要求… / 听取…
SPEECH_OPENER = re.compile(r"^(?:要求|强调|指出|部署|听取|提出|号召|呼吁)")
KICKER_PUNCT = re.compile(r"[，、；：,;:]")  # punctuation a kicker has and a title seldom
PLACE_KICKER_MAX = 4  # a first line this short over a longer one names the place or the rubric: a kicker
PARALLEL = 3  # characters two headlines of one pattern share at their end
# The verb of a report of one official act between two parties, set between them: 甲会见乙 / 甲同乙通电话.
MEETING_VERB = re.compile(r"(?<=[\u4e00-\u9fff])(?:会见|会晤|会谈|通电话|致电|致信|致函|复信|回信)")
# A column tag closes a title: 这儿的湿地，有人管有人爱（美丽中国） / 冲劲 韧劲 实劲（人民论坛）
COLUMN_TAG = re.compile(r"[（(](?P<tag>[^（）()]{2,40})[）)]$")
# A place and a colon before a title, as papers print a jump headline over a continuation
# (江苏：为谱写现代化建设新篇章…): such a line opens a headline, never goes on from a title above it.
PLACE_FIRST = re.compile(r"^[\u4e00-\u9fff]{2,6}[：:]\s*")
PHRASE = re.compile(r"^[\u4e00-\u9fff0-9 ]+$")  # words alone, no quote, dash or punctuation: 守护候鸟
QUOTATION = re.compile(r"^“[^“”]+”$")  # someone's words whole: “我对中国成就有了更深认识”
MIN_MATCH = 0.2  # below this coverage a headline is not about a story
MAX_SWAP_GROUPS = 80
MIN_SPLIT_GAIN = 0.8  # how much more exclusive two halves must be before a story is cut without a lead


def roles(lines: Sequence[str], *, kicker_first: bool = False) -> tuple[str | None, str | None, str | None]:
    """Kicker, title and subtitle of a group's lines.

    >>> roles(["北京市委政法工作会议强调", "以高水平法治保障首都高质量发展"])
    ('北京市委政法工作会议强调', '以高水平法治保障首都高质量发展', None)
    >>> roles(["柔性执法信用修复助力企业健康发展", "沈阳市司法局优化执法方式营造优良法治环境"])
    (None, '柔性执法信用修复助力企业健康发展', '沈阳市司法局优化执法方式营造优良法治环境')
    >>> roles(["议事不出社区", "服务上门入户（倾听·关注基层治理）"])
    (None, '议事不出社区 服务上门入户（倾听·关注基层治理）', None)
    """
    rest: list[str] = []
    for line in lines:
        if rest and unclosed(rest[-1]):
            rest[-1] += " " + line
        else:
            rest.append(line)
    if len(rest) == 1:
        return None, rest[0], None
    subtitle = rest.pop() if len(rest) > 2 and subtitle_cue(rest[-1]) else None
    kicker = rest.pop(0) if len(rest) > 2 and (kicker_first or kicker_cue(rest[0])) else None
    if len(rest) == 2 and (_title_halves(*rest) or _phrase_halves(*rest, after_kicker=kicker is not None)):
        return kicker, " ".join(rest), subtitle
    if len(rest) == 2 and kicker is None and subtitle is None:
        return (rest[0], rest[1], None) if _kicker_then_title(*rest, kicker_first) else (None, *rest)
    if kicker is None:
        kicker = rest.pop(0)
    if subtitle is not None or (len(rest) == 2 and _title_halves(*rest)):  # between them: the title
        return kicker, " ".join(rest), subtitle
    if len(rest) == 3 and subtitle is None:  # four lines: a kicker, a title set on two, a subtitle
        return kicker, " ".join(rest[:2]), rest[2]
    title = rest.pop(0)
    return kicker, title, " ".join([*rest, subtitle] if subtitle else rest) or None


def _phrase_halves(first: str, second: str, *, after_kicker: bool) -> bool:
    """Whether two lines of bare words are one title set on two lines, broken at one of its spaces: below a
    kicker that its cue ends (某机构发言人： / 坚决支持湿地保护 / 共同守护候鸟家园), or with a space left in the
    first half (护湿地 守候鸟 / 为建设生态强省而努力). A subtitle under a title reads on
    from it, with its dash or its punctuation; a kicker has no spaces between parallel phrases."""
    if not (PHRASE.match(first) and PHRASE.match(second)) or subtitle_cue(second):
        return False
    return after_kicker or " " in first.strip()


def _title_halves(first: str, second: str) -> bool:
    """Whether two lines are one title set on two lines: the second closes with the column tag, the first
    has neither a tag nor a kicker's punctuation, and it is no longer than the second (议事不出社区 /
    服务上门入户（倾听·关注基层治理）; not 湖南常德湿地保护率超过70%，累计投入超200亿元 / 这儿的湿地（美丽中国）)."""
    tag = COLUMN_TAG.search(second)
    if tag is None or COLUMN_TAG.search(first) or KICKER_PUNCT.search(first) or kicker_cue(first):
        return False
    # A first line of a few characters over a title already of two phrases names a place or a rubric: a
    # kicker (李宅村 / 悠悠慢时光 古村韵味长（寻找最美乡村）), where over one phrase it may be the title's first
    # half (飞地 / 粤东跃起产业新城（经济聚焦）).
    rest = second[: tag.start()].strip()
    if visible_len(first) <= PLACE_KICKER_MAX and " " in rest:
        return False
    # Someone's words whole are a title of their own, no half of another's (确保剩余贫困人口全部如期脱贫 /
    # “我对中国成就有了更深认识”（一带一路中外媒体采访调研行）).
    if QUOTATION.match(rest):
        return False
    return visible_len(first) <= visible_len(rest)


def couplet(first: str, second: str) -> bool:
    """Two lines of one length, the second closing with the column tag: a title set as a couplet (对仗),
    its halves parallel phrases (保护湿地 / 守护候鸟（…）)."""
    tag = COLUMN_TAG.search(second)
    if tag is None or not PHRASE.match(first) or not PHRASE.match(second[: tag.start()]):
        return False
    return visible_len(first) == visible_len(second[: tag.start()])


def _kicker_then_title(first: str, second: str, kicker_first: bool) -> bool:
    """Whether two headline lines are a kicker and a title rather than a title and a subtitle.

    The cues decide where there are any (a kicker's verb or dash, a subtitle's dash, the column tag that
    closes a title); otherwise the title is the shorter line, as a title is set large and says little
    (湖南常德湿地保护率超过70%，累计投入超200亿元 / 这儿的湿地有人管; 646项国家标准发布 / 养老机构由低到高分为五级).
    """
    if subtitle_cue(second):
        return False
    if kicker_first or kicker_cue(first) or COLUMN_TAG.search(second):
        return True
    if visible_len(first) <= PLACE_KICKER_MAX < visible_len(second):
        return True  # 某省某县 over 候鸟归来: a place or rubric over the title, never a title so short
    if COLUMN_TAG.search(first):
        return False
    return visible_len(first) > visible_len(second)


def kicker_cue(line: str) -> bool:
    """A line that reads as a kicker: it ends with the verb or the dash that introduces the title below it,
    and does not open with a count of what was issued (3项新标准发布 is a title); or it is a rubric in square
    brackets (【聚焦春耕】)."""
    return (bool(KICKER_CUE.search(line)) and not COUNTED_ITEMS.match(line)) or bool(RUBRIC.match(line))


def subtitle_cue(line: str) -> bool:
    """A line that reads as a subtitle: it opens with a dash, or names who attended (王沪宁出席)."""
    return bool(SUBTITLE_CUE.match(line) or ATTENDANCE.match(line))


def visible_len(text: str) -> int:
    """How many characters a line shows: its spaces left out."""
    return len(text.replace(" ", ""))


def assign(scores: list[list[float]], *, minimum: float = MIN_MATCH) -> dict[int, int]:
    """One assignment of groups (rows) to stories (columns) maximising the total score.

    Greedy by score, then improved by swaps until no swap of two pairs (or of a pair with a free
    row or column) raises the total.
    """
    # Highest score first; an exact tie goes to the later group, then the later story: by place on the page.
    pairs = sorted(
        ((s, g, a) for g, row in enumerate(scores) for a, s in enumerate(row) if s >= minimum), reverse=True
    )
    by_group: dict[int, int] = {}
    taken: set[int] = set()
    for _, g, a in pairs:
        if g not in by_group and a not in taken:
            by_group[g] = a
            taken.add(a)
    improved = len(scores) <= MAX_SWAP_GROUPS  # swaps cost groups²; a page never has that many headlines
    while improved:
        improved = False
        groups = range(len(scores))
        for g1 in groups:
            for g2 in range(g1 + 1, len(scores)):
                a1, a2 = by_group.get(g1), by_group.get(g2)
                if a1 is None and a2 is None:
                    continue
                now = (scores[g1][a1] if a1 is not None else 0) + (scores[g2][a2] if a2 is not None else 0)
                s12 = scores[g1][a2] if a2 is not None else 0
                s21 = scores[g2][a1] if a1 is not None else 0
                if s12 + s21 > now + 1e-9 and min(x for x in (s12, s21) if x) >= minimum:
                    _set(by_group, g1, a2)
                    _set(by_group, g2, a1)
                    improved = True
        free_cols = set(range(len(scores[0]) if scores else 0)) - set(by_group.values())
        for g in groups:
            a = by_group.get(g)
            now = scores[g][a] if a is not None else 0
            for col in sorted(free_cols):
                if scores[g][col] > now + 1e-9 and scores[g][col] >= minimum:
                    if a is not None:
                        free_cols.add(a)
                    by_group[g] = col
                    free_cols.discard(col)
                    a, now = col, scores[g][col]
                    improved = True
    return by_group


def _set(by_group: dict[int, int], g: int, a: int | None) -> None:
    if a is None:
        by_group.pop(g, None)
    else:
        by_group[g] = a


CUE_FIT = 1.0  # a kicker's cue opening a group, a subtitle's dash closing it
CUE_MISFIT = 1.5  # a kicker's cue closing a group, a dash opening it, two titles with column tags in one
SAME_STORY = 2.0  # two lines of one group that both name the same story
OTHER_STORIES = 1.0  # two lines of one group that each name another story
CLEAR_FIT = 0.3  # a line covering a paragraph this well names what it is about
ALIKE = 0.35  # two lines whose paragraphs have more in common than this are about the same thing
DIFFERENT = 0.2  # two lines whose paragraphs have less in common than this are about different things
BLANK_BREAK = 3.0  # on a page whose empty lines mark ends, lines apart are other groups, lines together one
HALVES_FIT = 1.0  # two lines that read as one title broken in two
KICKER_FIT = 0.5  # a line with a kicker's punctuation right above a title closed by its column tag
COUPLET_FIT = 2.0  # …and as its two halves of a length, a couplet: 保护湿地 / 守护候鸟（…）
SHOWN_TOGETHER = 6.0  # two lines the issue shows to head one story jumping (partition's `joined`)
TWO_TITLES = 6.0  # two lines closing with column tags are two stories' titles, whatever else they share


def partition(
    lines: Sequence[str],
    fits: Sequence[Sequence[float]],
    together: Sequence[bool] | None = None,
    apart: Sequence[bool] | None = None,
    joined: Sequence[bool] | None = None,
) -> list[int]:
    """Cut a run of headline lines into groups (kicker / title / subtitle): the sizes of the groups.

    A run of headlines in a block after or before the stories says nothing by its layout of where one
    story's headline ends and the next begins. The cut is chosen by dynamic programming over the lines,
    each group scored by its cues (a kicker's verb or dash opens it, a subtitle's dash closes it, one
    column tag at most) and by what its lines are about: `fits[i]` is line i's coverage of each paragraph
    of the page, and two lines naming the same paragraphs (a kicker and its title) belong together.
    `together[i]`, where the page marks groups by empty lines, says whether line i and the next stand
    together; `apart[i]` that they head two different stories for certain, `joined[i]` that they head one
    (the issue shows both as its jump headline). Without any evidence, lines stay alone (later rounds join a
    lone line to its neighbour).

    >>> partition(["北京市委政法工作会议召开", "以高水平法治保障首都高质量发展", "柔性执法助力企业发展"], [[0.5, 0], [0.6, 0], [0, 0.7]])
    [2, 1]
    """
    n = len(lines)
    links = [_link(lines[i], lines[i + 1], fits[i], fits[i + 1]) for i in range(n - 1)]
    if joined is not None:
        links = [link + SHOWN_TOGETHER * one for link, one in zip(links, joined, strict=False)]
    best = [0.0] + [float("-inf")] * n
    size = [0] * (n + 1)
    longest = 4  # a kicker, a title set on two lines, a subtitle
    for end in range(1, n + 1):
        for s in range(1, min(longest, end) + 1):
            start = end - s
            score = best[start] + _group_fit(lines, links, together, start, end)
            if apart is not None and any(apart[start : end - 1]):
                continue
            if score > best[end] + 1e-9:
                best[end], size[end] = score, s
    sizes = []
    end = n
    while end > 0:
        sizes.append(size[end])
        end -= size[end]
    return sizes[::-1]


def _group_fit(
    lines: Sequence[str], links: Sequence[float], together: Sequence[bool] | None, start: int, end: int
) -> float:
    """How well lines start..end-1 make one headline group; `links[i]` is how well lines i and i+1 go
    together (see _link)."""
    group = lines[start:end]
    score = fsum(links[start : end - 1])
    if kicker_cue(group[-1]):
        score -= CUE_MISFIT  # a kicker introduces a title below it
    if subtitle_cue(group[0]) or SPEECH_OPENER.match(group[0]):
        score -= CUE_MISFIT  # a subtitle follows its title; what was asked follows who asked
    if len(group) > 1:
        score += CUE_FIT * (bool(kicker_cue(group[0])) + subtitle_cue(group[-1]))
        if sum(1 for line in group if COLUMN_TAG.search(line)) > 1:
            score -= TWO_TITLES  # each column tag closes a title of its own
        if len(group) == 3 and COLUMN_TAG.search(group[2]) and not _title_halves(group[1], group[2]):
            score -= CUE_MISFIT  # the column tag closes the title, which a subtitle would follow
        if any(COLUMN_TAG.search(line) for line in group[3:]):
            score -= CUE_MISFIT  # above the line its tag closes, a title has its first half and a kicker
        if any(COLUMN_TAG.search(a) and not subtitle_cue(b) for a, b in pairwise(group)):
            score -= CUE_MISFIT  # below a title closed by its column tag only a subtitle with its dash
        first = group[0]
        if KICKER_PUNCT.search(first) and not COLUMN_TAG.search(first) and COLUMN_TAG.search(group[-1]):
            score += KICKER_FIT  # 社交电商已成为…、…“第三极” / 跟着好友买 购物添导购（消费视窗）
    if unclosed(group[-1]) and end < len(lines):
        score -= BLANK_BREAK
    if together is not None:
        inside = together[start : end - 1]
        score -= BLANK_BREAK * sum(1 for t in inside if not t)
        if end < len(lines) and together[end - 1]:
            score -= BLANK_BREAK
    return score


def _link(a: str, b: str, fit_a: Sequence[float], fit_b: Sequence[float]) -> float:
    """How well two neighbouring headline lines go together, from what they name and how they read."""
    score = 0.0
    if unclosed(a):
        score += BLANK_BREAK  # （破解难点堵点 / 推动复工复产）: one title broken inside its tag
    if _title_halves(a, b):
        score += HALVES_FIT  # 议事不出社区 / 服务上门入户（倾听·关注基层治理）: one title on two lines
        if couplet(a, b):
            score += COUPLET_FIT  # a couplet's halves may each name words the text never uses
    if _parallel(a, b):
        score -= CUE_MISFIT  # 李济生同志逝世 / 苗耕书同志逝世: two titles of one pattern, two stories
    if PLACE_FIRST.match(b) and PLACE_FIRST.sub("", b) and not kicker_cue(a):
        score -= CUE_MISFIT  # 听取对政府工作报告的意见建议 / 太原：“梨子卖得不错…”: two stories' headlines
    similar = _similar(fit_a, fit_b)
    if similar is not None:
        score += SAME_STORY * (similar - ALIKE)
        if _apart(similar, fit_a, fit_b):
            score -= OTHER_STORIES
    return score


def _similar(fit_a: Sequence[float], fit_b: Sequence[float]) -> float | None:
    """How alike the paragraphs two headline lines name are (the cosine of their fits); None where either
    names none."""
    norms = math.sqrt(fsum(x * x for x in fit_a) * fsum(y * y for y in fit_b))
    return fsum(x * y for x, y in zip(fit_a, fit_b, strict=True)) / norms if norms else None


def name_apart(fit_a: Sequence[float], fit_b: Sequence[float]) -> bool:
    """Whether two headline lines each clearly name paragraphs the other does not: the titles of two
    stories."""
    similar = _similar(fit_a, fit_b)
    return similar is not None and _apart(similar, fit_a, fit_b)


def _apart(similar: float, fit_a: Sequence[float], fit_b: Sequence[float]) -> bool:
    """name_apart, given how alike the paragraphs the two lines name are (_similar)."""
    return similar < DIFFERENT and min(max(fit_a), max(fit_b)) >= CLEAR_FIT


def _parallel(a: str, b: str) -> bool:
    """Two headlines cut to one pattern: the same last three characters or more (a kicker and its subtitle
    may well begin alike: 中共中央政治局召开会议 / 中共中央总书记习近平主持会议).

    >>> _parallel("习近平同捷克总统泽曼通电话", "习近平同秘鲁总统比斯卡拉通电话")
    True
    """
    a, b = COLUMN_TAG.sub("", a), COLUMN_TAG.sub("", b)
    verb_a, verb_b = MEETING_VERB.search(a), MEETING_VERB.search(b)
    if verb_a and verb_b and verb_a.group() == verb_b.group():
        return True  # 甲会见丙 / 乙会见丁: two reports of one kind
    return len(a) > PARALLEL and len(b) > PARALLEL and a[-PARALLEL:] == b[-PARALLEL:]


def unclosed(line: str) -> bool:
    """A line that opens a bracket it does not close: it goes on on the next line."""
    return line.count("（") + line.count("(") > line.count("）") + line.count(")")
