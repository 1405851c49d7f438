"""People's names in pinyin order: the initial a directory files a name under, and its sort key.

pypinyin reads a character as it is most often read, but a surname has its own reading: 单 is Shàn as a
surname (Dān elsewhere), 曾 Zēng, 解 Xiè, 区 Ōu, 仇 Qiú, 朴 Piáo. The surname is read from SURNAMES, the
rest of the name by pypinyin.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import groupby
from typing import Generic, TypeVar

from pypinyin import lazy_pinyin

T = TypeVar("T")

OTHER = "#"  # the initial of a name that does not start with a Latin letter or a Chinese character
LETTERS = tuple("ABCDEFGHIJKLMNOPQRSTUVWXYZ")

# Surnames whose reading differs from the character's everyday one; compound surnames first.
SURNAMES = {
    "单于": "chanyu",
    "尉迟": "yuchi",
    "万俟": "moqi",
    "长孙": "zhangsun",
    "令狐": "linghu",
    "澹台": "tantai",
    "单": "shan",
    "曾": "zeng",
    "解": "xie",
    "区": "ou",
    "仇": "qiu",
    "朴": "piao",
    "查": "zha",
    "盖": "ge",
    "乐": "yue",
    "翟": "zhai",
    "覃": "qin",
    "缪": "miao",
    "秘": "bi",
    "种": "chong",
    "繁": "po",
    "员": "yun",
    "召": "shao",
    "牟": "mu",
    "沈": "shen",
    "柏": "bai",
    "薄": "bo",
    "宿": "su",
    "佴": "nai",
    "谌": "chen",
    "冼": "xian",
    "隗": "wei",
    "尉": "wei",
    "句": "gou",
    "过": "guo",
    "纪": "ji",
    "任": "ren",
    "华": "hua",
    "贲": "ben",
    "燕": "yan",
    "能": "nai",
    "那": "na",
    "折": "she",
    "祭": "zhai",
    "黑": "he",
}
_LONGEST_FIRST = sorted(SURNAMES, key=len, reverse=True)


def name_pinyin(name: str) -> str:
    """A name in toneless pinyin, the surname read as a surname.

    >>> name_pinyin("单雄信")
    'shan xiong xin'
    >>> name_pinyin("曾国藩")
    'zeng guo fan'
    """
    name = name.strip()
    surname = next((s for s in _LONGEST_FIRST if name.startswith(s)), "")
    head = [SURNAMES[surname]] if surname else []
    return " ".join(head + lazy_pinyin(name[len(surname) :])).lower()


def name_initial(name: str) -> str:
    """The letter a directory files a name under: its surname's first pinyin letter, "#" for the rest.

    >>> name_initial("丁国锋"), name_initial("仇英"), name_initial("Smith"), name_initial("·")
    ('D', 'Q', 'S', '#')
    """
    return _initial(name_pinyin(name))


def name_sort_key(name: str) -> tuple[bool, str, str]:
    """Directory order: by initial ("#" last), then pinyin, then the characters (for 黄杰 and 黄洁)."""
    pinyin = name_pinyin(name)
    return (_initial(pinyin) == OTHER, pinyin, name)


@dataclass(frozen=True)
class InitialGroup(Generic[T]):
    letter: str  # A–Z or "#"
    items: list[T]

    @property
    def anchor(self) -> str:
        """The fragment a jump list links to: "letter-D", "letter-other"."""
        return f"letter-{self.letter}" if self.letter != OTHER else "letter-other"


def by_initial(items: Iterable[T], *, name: Callable[[T], str]) -> list[InitialGroup[T]]:
    """Items grouped by their name's initial, A to Z then "#", each group in pinyin order."""
    keyed = sorted(((name_sort_key(name(item)), item) for item in items), key=lambda pair: pair[0])
    return [
        InitialGroup(letter, [item for _, item in group])
        for letter, group in groupby(keyed, key=lambda pair: _initial(pair[0][1]))
    ]


def jump_letters(groups: Iterable[InitialGroup]) -> list[tuple[str, str | None]]:
    """Every letter A–Z and "#", each with the anchor of its group, or None when it has none."""
    anchors = {group.letter: group.anchor for group in groups}
    return [(letter, anchors.get(letter)) for letter in (*LETTERS, OTHER)]


def _initial(pinyin: str) -> str:
    first = pinyin[:1].upper()
    return first if first in LETTERS else OTHER
