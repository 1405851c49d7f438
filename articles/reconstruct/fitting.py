"""How two texts fit, as the jump linking reads them: a jump headline against a headline (its words and
character bigrams, a place before it aside), the rare words two texts share, a word read across a page's cut.

Pure string and set functions; articles.reconstruct.jumps weighs them into a pair's fit.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

from . import headlines, segment

CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")  # 法治
PLACE_FIRST = headlines.PLACE_FIRST  # 江苏：为谱写现代化建设新篇章…, a jump headline over a continuation
PIECE_MIN = 4  # Chinese characters a piece of a headline needs to be read as a jump headline alone


def cjk_count(text: str) -> int:
    return sum(len(run) for run in CJK_RUN.findall(text))


def bigrams(text: str) -> set[str]:
    return {run[i : i + 2] for run in CJK_RUN.findall(text) for i in range(len(run) - 1)}


def headline_fit(beginning: str, jump: str) -> float | None:
    """The share of the jump headline's words and bigrams found in the beginning's headline.

    >>> round(headline_fit("北京市委政法工作会议强调 以高水平法治保障首都高质量发展", "以高水平法治保障首都发展"), 2)
    0.95
    """
    if not CJK_RUN.search(jump):
        return None
    bare = PLACE_FIRST.sub("", jump)
    if bare != jump and cjk_count(bare) >= PIECE_MIN:
        # The place is the page's pointer, not the story's title: read the headline without it too.
        return max(_share_named(beginning, jump), _share_named(beginning, bare))
    return _share_named(beginning, jump)


def _share_named(beginning: str, jump: str) -> float:
    grams = bigrams(jump)
    words = set(segment.words(jump))
    scores = [len(grams & bigrams(beginning)) / len(grams)] if grams else []
    if words:
        scores.append(sum(1 for w in words if w in beginning) / len(words))
    return sum(scores) / len(scores) if scores else 0.0


def named_share(headline: str, text: str) -> float:
    """The share of a headline's words (of two characters or more) that a text uses.

    >>> named_share("柔性执法助力企业发展", "推行柔性执法，服务企业")
    0.6
    """
    return named_shares(headline, (text,))[0]


def named_shares(headline: str, texts: Sequence[str]) -> list[float]:
    """`named_share(headline, text)` for each of `texts`, the headline segmented once."""
    words = [w for w in segment.words(headline) if len(w) > 1]
    return [sum(1 for w in words if w in text) / len(words) if words else 0.0 for text in texts]


def word_across(before: str, after: str) -> bool:
    """Whether a word of two or more CJK characters spans the end of `before` and the start of `after`."""
    left, right = before[-6:], after[:6]
    at = 0
    for token in segment.cut(left + right):
        end = at + len(token)
        if at < len(left) < end and CJK_RUN.fullmatch(token):
            return True
        at = end
    return False


class Weights:
    """Inverse document frequency of words over every candidate part of an issue: words all the parts share
    (政法, 会议) tell little about which two belong together."""

    def __init__(self, docs: Sequence[frozenset[str]]) -> None:
        self.n = max(1, len(docs))
        self.df: Counter[str] = Counter()
        for doc in docs:
            self.df.update(doc)

    def __call__(self, word: str) -> float:
        return math.log(1 + self.n / self.df[word]) if self.df[word] else math.log(1 + self.n)


def words_fit(a: frozenset[str], b: frozenset[str], weight: Weights) -> float:
    """Cosine of the two word sets, each word weighted by its rarity among the candidates."""
    if not a or not b:
        return 0.0
    # fsum, correctly rounded, is the same in any order: a plain sum over a set follows its hash order, which
    # changes with PYTHONHASHSEED, and so would the last bit of a score and a tie between two pairs.
    common = math.fsum(weight(w) ** 2 for w in a & b)
    norm = min(math.fsum(weight(w) ** 2 for w in a), math.fsum(weight(w) ** 2 for w in b))
    return common / norm if norm else 0.0
