"""Place names in a story -> the province-level region it is about, from an offline gazetteer.

The gazetteer (data/divisions.tsv, built by tools/build_gazetteer.py) lists China's province-level
divisions, prefecture-level cities and counties. Running text is scanned once for their full names
(江苏省, 沈阳市, 金山区) and safe short forms (江苏, 沈阳, 广西); a short form that is also a common word
(平安, 和平, 东方, 资源, 合作) is never matched. Precision over recall: a name whose place the text does
not settle is reported as unresolved, not guessed.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from itertools import accumulate, compress
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "divisions.tsv"

PROVINCE = "province"
CITY = "city"
COUNTY = "county"

# The short form drops the suffix that says what kind of division it is; the first that matches wins.
SUFFIX = re.compile(
    r"(?:维吾尔自治区|壮族自治区|回族自治区|自治区|特别行政区|新区|地区|林区|特区|省|市|区|县|旗|盟)$"
)  # 江苏省, 广西壮族自治区, 浦东新区, 嘉善县
# Autonomous prefectures and counties also drop the peoples they are named for.
ETHNIC_AUTONOMY = re.compile(
    r"(?:(?:各|蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|拉祜|水|东乡"
    r"|纳西|景颇|柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|普米|塔吉克|怒|鄂温克|保安|裕固|独龙|鄂伦春)族?)+"
    r"自治[州县旗]$"
)  # 延边朝鲜族自治州, 白沙黎族自治县, 巴音郭楞蒙古自治州
# After a short form, these make it part of a street name or another word: not the division itself.
SHORT_FORM_ENDS_WORD = re.compile(r"[路街巷族]|大道|时间")  # 南京路, 北京时间, 东乡族
# A short form ending in a direction may be a river or mountain plus that direction.
DIRECTION_ENDS_WORD = re.compile(r"(?<=[东南西北])[岸麓侧坡]")  # 黄河南岸 is not 河南
# A full name may run on into a longer common word.
FULL_NAME_ENDS_WORD = re.compile(r"(?<=区)[域划块间]|(?<=市)场|(?<=县)域")  # 河北区域, 东方市场

# Short forms that are common words (or name something else first) and so are never matched in running
# text; the full names (平安区, 东方市, 中山市) still are, and lookup() still finds them.
SHORT_FORM_STOPLIST = frozenset(
    # cities and autonomous prefectures
    "中山 阿里 海西 安康 白银 日照 兴安 中卫"
    # districts of the municipalities, which count as strong evidence
    " 东城 西城 大兴 和平 河东 河西 滨海 南岸 江北 长寿 石柱 金山"
    # counties and county-level cities
    " 平安 东方 长安 新华 城关 城中 城北 城东 城西 城南 新城 老城 古城 山城 江城 市中 新市 上街 资源 合作"
    " 解放 比如 前进 共和 港口 公安 友好 友谊 通道 中方 凤凰 运河 红旗 安定 光明 白玉 延长 新兴 万年 东风"
    " 光泽 平原 复兴 工农 会同 大名 富裕 清水 高明 前锋 长子 宏伟 平定 芙蓉 洞口 太和 温泉 石门 向阳 振兴"
    " 三元 大方 互助 建平 威信 莲花 江南 平和 名山 六合 龙泉 桃源 路桥 二道 大观 永和 二七 元宝 台前 石棉"
    " 中原 丰满 高台 九龙 新民 民权 大通 无为 小店 同心 同仁 南海 宝塔 平房 七星 灯塔 天涯 大悟 江汉 博爱"
    " 南湖 东湖 回民 河口 江岸 马尾 云霄 太平 方正 弥勒 黑水 安居 龙凤 上党 新星 白杨 麒麟 海盐 大化 商城"
    " 高密 江山 富民 清流 水城 阳明 甘泉 开化 爱民 泰山 惠民 西夏 民和 新建 和顺 上高 孝义 东海 天台 龙门"
    " 安宁 和政 政和 龙江 白沙 青山 白云 东山 临海 建华 建安 卫东 南部 武功 白河 双河 盐池 长宁".split()
)
# Full names that are common words in running text: 城区 (the name of three districts in Shanxi).
FULL_NAME_STOPLIST = frozenset({"城区", "郊区", "矿区", "东区", "西区", "和县"})
# Words that contain a place name but do not name that place: matched like names, and dropped.
NOT_PLACES = frozenset(
    {
        "出海口",
        "入海口",
        "大理石",
        "三明治",
        "四平八稳",
        "长治久安",
        "北海道",
        "普陀山",
        "未开封",
        "已开封",
        "上海合作组织",
    }
)

TITLE_WEIGHT = 3
LEAD_WEIGHT = 2  # the first paragraph
BODY_WEIGHT = 1
LEAD_CHARS = 120  # the "first paragraph" of a text that has no line breaks


@dataclass(frozen=True)
class Place:
    name: str  # full name: 南京市
    level: str  # province | city | county
    code: str  # six-digit division code: 320100
    parent: str | None  # the parent's code; None for a province-level division


@dataclass(frozen=True)
class Resolution:
    region: str | None  # full province-level name: 江苏省, 广西壮族自治区, 北京市
    places: tuple[str, ...]  # cities and counties named, dateline place first, then by weight
    unresolved: tuple[str, ...]  # names as printed whose place the text does not settle


@dataclass(frozen=True)
class _Candidate:
    place: Place
    province: Place
    strong: bool  # a full name, or the short form of a province, city or municipality district


@dataclass(frozen=True)
class _Mention:
    surface: str  # as printed
    position: tuple[int, int]  # (0 title | 1 text, offset): sorts title mentions first
    end: int
    weight: int
    candidates: tuple[_Candidate, ...]


class Gazetteer:
    """China's administrative divisions, with the name index the text scanner needs."""

    def __init__(self, places: Iterable[Place]) -> None:
        self._by_code = {p.code: p for p in places}
        names: defaultdict[str, list[Place]] = defaultdict(list)
        shorts: defaultdict[str, list[Place]] = defaultdict(list)
        for place in self._by_code.values():
            names[place.name].append(place)
            short = _short_form(place.name)
            if short:
                shorts[short].append(place)
        self._names = dict(names)
        self._shorts = dict(shorts)
        self._surfaces: dict[str, tuple[_Candidate, ...]] = {}
        for surface in {*names, *shorts} - FULL_NAME_STOPLIST:
            full = names.get(surface, [])
            short = [] if surface in SHORT_FORM_STOPLIST else shorts.get(surface, [])
            if full or short:
                self._surfaces[surface] = self._candidates(full, short)
        for word in NOT_PLACES:
            self._surfaces[word] = ()
        self._short_surfaces = frozenset(s for s in self._surfaces if s not in names)
        lengths: defaultdict[str, set[int]] = defaultdict(set)
        for surface in self._surfaces:
            lengths[surface[:2]].add(len(surface))
        self._lengths = {k: sorted(v, reverse=True) for k, v in lengths.items()}
        firsts = "".join(sorted({s[0] for s in self._surfaces}))
        seconds = "".join(sorted({s[1] for s in self._surfaces}))
        # Splitting before every pair of characters that could open a name, capturing the pair, lets
        # C code find the offsets and keep those whose pair does open one: Python then loops over
        # real candidates only (a few hundred in a 25k-character page, not thousands).
        self._starts = re.compile(f"(?=([{re.escape(firsts)}][{re.escape(seconds)}]))")

    def place(self, code: str) -> Place:
        return self._by_code[code]

    def province_of(self, place: Place) -> Place:
        """The province-level division that contains `place` (itself for a province)."""
        while place.parent is not None:
            place = self._by_code[place.parent]
        return place

    def lookup(self, name: str) -> list[Place]:
        """Every division with this full or short name, stoplisted short forms included.

        >>> [p.name for p in gazetteer().lookup("开平")]
        ['开平区', '开平市']
        """
        found = {p.code: p for p in (*self._names.get(name, ()), *self._shorts.get(name, ()))}
        return [found[c] for c in sorted(found)]

    def _rank(self, place: Place) -> int:
        """3 province, 2 city or a county directly under a province (北京 朝阳区, 湖北 仙桃市), 1 county."""
        if place.level == PROVINCE:
            return 3
        parent = self._by_code.get(place.parent or "")
        return 2 if place.level == CITY or (parent and parent.level == PROVINCE) else 1

    def _candidates(self, full: list[Place], short: list[Place]) -> tuple[_Candidate, ...]:
        places = {p.code: p for p in (*full, *short)}
        if any(p.level == PROVINCE for p in places.values()):
            # 河北 is the province, not 天津's 河北区; 吉林 the province before 吉林市.
            places = {c: p for c, p in places.items() if p.level == PROVINCE}
        # 长沙 is 长沙市, not also 长沙市's 长沙县: drop a candidate whose ancestor is one too.
        places = {c: p for c, p in places.items() if not self._has_ancestor_in(p, places)}
        return tuple(
            _Candidate(p, self.province_of(p), p in full or self._rank(p) >= 2)
            for _, p in sorted(places.items())
        )

    def _has_ancestor_in(self, place: Place, places: dict[str, Place]) -> bool:
        while place.parent is not None:
            if place.parent in places:
                return True
            place = self._by_code[place.parent]
        return False

    def _scan(self, text: str, *, section: int, weight_at: _Weights) -> Iterator[_Mention]:
        """Leftmost-longest matches of names in `text`, dropping those that run on into other words."""
        surfaces, lengths = self._surfaces, self._lengths
        parts = self._starts.split(text)  # [before, pair, from pair on, pair, ...]
        offsets = accumulate(map(len, parts[0::2]))
        end = 0
        for i in compress(offsets, map(lengths.__contains__, parts[1::2])):
            if i < end:
                continue
            for length in lengths.get(text[i : i + 2], ()):
                surface = text[i : i + length]
                candidates = surfaces.get(surface)
                if candidates is None or self._runs_on(surface, text, i + length):
                    continue
                end = i + length
                if candidates:
                    yield _Mention(surface, (section, i), end, weight_at(i), candidates)
                break

    def _runs_on(self, surface: str, text: str, end: int) -> bool:
        if surface in self._short_surfaces:
            return bool(SHORT_FORM_ENDS_WORD.match(text, end) or DIRECTION_ENDS_WORD.match(text, end))
        return bool(FULL_NAME_ENDS_WORD.match(text, end))


class _Weights:
    """The weight of a mention at an offset of one text: more in the first paragraph."""

    def __init__(self, text: str, *, title: bool) -> None:
        self.title = title
        cut = text.find("\n")
        self.lead_end = cut if cut >= 0 else LEAD_CHARS

    def __call__(self, offset: int) -> int:
        if self.title:
            return TITLE_WEIGHT
        return LEAD_WEIGHT if offset < self.lead_end else BODY_WEIGHT


@cache
def gazetteer() -> Gazetteer:
    """The gazetteer from data/divisions.tsv, loaded once."""
    return Gazetteer(_read(DATA))


def resolve_places(*, dateline_place: str | None, text: str, title: str | None = None) -> Resolution:
    """The region a story is about and the places it names.

    The dateline place decides the region when the gazetteer knows it; otherwise the places named in
    the title and text do, weighted by count and position (title, then first paragraph), ties going to
    the one named first. A name shared by places in several provinces (开平: 广东 开平市, 河北 开平区)
    is settled by the other places in the same story, or reported in `unresolved`; so is the short form
    of an ordinary county (嘉善), which counts only when its province is named elsewhere. Paragraphs are
    separated by "\\n".

    >>> resolve_places(dateline_place="南京", text="江苏省委政法工作会议今天在南京召开")
    Resolution(region='江苏省', places=('南京市',), unresolved=())
    """
    g = gazetteer()
    mentions = [] if not title else list(g._scan(title, section=0, weight_at=_Weights(title, title=True)))
    mentions += g._scan(text, section=1, weight_at=_Weights(text, title=False))
    support = _Support(mentions)
    dateline = _resolve_dateline(g, dateline_place, support) if dateline_place else None
    if dateline is not None:
        support.add_dateline(g, dateline)
    unresolved: list[str] = []
    if dateline_place and dateline is None and g.lookup(dateline_place):
        unresolved.append(dateline_place)
    province_weight: defaultdict[str, int] = defaultdict(int)
    place_weight: defaultdict[str, int] = defaultdict(int)
    first_seen: dict[str, tuple[int, int]] = {}
    previous: tuple[_Mention, str] | None = None
    for mention in mentions:
        province, place = _resolve(g, mention, support)
        if province is None:
            if mention.surface not in unresolved and _is_ambiguous(mention):
                unresolved.append(mention.surface)
            continue
        # An address chain or a list (浙江省嘉兴市, 平湖市、嘉善县) is one reference to its province.
        if not (previous and previous[1] == province and _adjacent(previous[0], mention, text)):
            province_weight[province] += mention.weight
        first_seen.setdefault(province, mention.position)
        previous = (mention, province)
        if place is None:
            if mention.surface not in unresolved:
                unresolved.append(mention.surface)
        elif place.level != PROVINCE:
            place_weight[place.code] += mention.weight
            first_seen.setdefault(place.code, mention.position)
    if dateline is not None:
        region = g.province_of(dateline).code
    elif province_weight:
        region = min(province_weight, key=lambda c: (-province_weight[c], first_seen[c]))
    else:
        region = None
    ordered = sorted(
        place_weight,
        key=lambda c: (g.province_of(g.place(c)).code != region, -place_weight[c], first_seen[c]),
    )
    if dateline is not None and dateline.level != PROVINCE:
        ordered = [dateline.code, *(c for c in ordered if c != dateline.code)]
    return Resolution(
        region=g.place(region).name if region else None,
        places=tuple(g.place(c).name for c in ordered),
        unresolved=tuple(unresolved),
    )


class _Support:
    """The provinces and cities a story names without ambiguity, and by which names."""

    def __init__(self, mentions: list[_Mention]) -> None:
        self.provinces: defaultdict[str, set[str]] = defaultdict(set)
        self.cities: set[str] = set()
        self.dateline_province: str | None = None
        for mention in mentions:
            strong = [c for c in mention.candidates if c.strong]
            if strong and len({c.province.code for c in strong}) == 1:
                self.provinces[strong[0].province.code].add(mention.surface)
                if len(strong) == 1:
                    self.cities.update(_city_codes(strong[0].place))

    def add_dateline(self, g: Gazetteer, place: Place) -> None:
        self.dateline_province = g.province_of(place).code
        self.cities.update(_city_codes(place))

    def has(self, province: str, *, besides: str) -> bool:
        """Whether the story names `province` by a name other than `besides`, or in its dateline."""
        return province == self.dateline_province or bool(self.provinces.get(province, set()) - {besides})


def _resolve(g: Gazetteer, mention: _Mention, support: _Support) -> tuple[str | None, Place | None]:
    """(province code, place) for a mention; place None when only the province is settled."""
    viable = [
        c for c in mention.candidates if c.strong or support.has(c.province.code, besides=mention.surface)
    ]
    if len({c.province.code for c in viable}) > 1:
        viable = [c for c in viable if support.has(c.province.code, besides=mention.surface)]
    if not viable or len({c.province.code for c in viable}) > 1:
        return None, None
    if len(viable) > 1:
        # 鼓楼区 is in 南京 and in 徐州: the story's cities decide, then the higher rank.
        near = [c for c in viable if support.cities & set(_city_codes(c.place))] or viable
        top = max(g._rank(c.place) for c in near)
        viable = [c for c in near if g._rank(c.place) == top]
    return viable[0].province.code, viable[0].place if len(viable) == 1 else None


def _is_ambiguous(mention: _Mention) -> bool:
    """Whether an unsettled mention names places in several provinces (not one unconfirmed county)."""
    return len({c.province.code for c in mention.candidates}) > 1


def _resolve_dateline(g: Gazetteer, name: str, support: _Support) -> Place | None:
    """The place a dateline names: the highest-ranked namesake, the story's context between equals."""
    # The stoplist is for running text: a dateline names a place even when it is 本报中山.
    places = [c.place for c in g._candidates(g._names.get(name, []), g._shorts.get(name, []))]
    if not places:
        return None
    top = max(g._rank(p) for p in places)
    places = [p for p in places if g._rank(p) == top]
    if len({g.province_of(p).code for p in places}) > 1:
        places = [p for p in places if support.has(g.province_of(p).code, besides=name)]
    return places[0] if len(places) == 1 else None


def _city_codes(place: Place) -> list[str]:
    """The city a place is or lies in, as codes to compare: 开平市 -> [440783, 440700]."""
    return [place.code] + ([place.parent] if place.level == COUNTY and place.parent else [])


def _adjacent(before: _Mention, after: _Mention, text: str) -> bool:
    if before.position[0] != after.position[0] or after.position[0] == 0:
        return False
    return text[before.end : after.position[1]] in ("", "、")


def _short_form(name: str) -> str | None:
    """嘉善县 -> 嘉善; None when what is left is a single character (东区) or nothing (东乡族自治县)."""
    match = ETHNIC_AUTONOMY.search(name) or SUFFIX.search(name)
    short = name[: match.start()] if match else None
    return short if short and len(short) >= 2 else None


def _read(path: Path) -> Iterator[Place]:
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("#") or not line.strip():
                continue
            code, name, level, parent = line.rstrip("\n").split("\t")
            yield Place(name=name, level=level, code=code, parent=parent or None)
