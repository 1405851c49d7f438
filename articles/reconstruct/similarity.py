"""What a headline names and how much a passage has of it: the terms (words and character bigrams) of a
headline, which of them a story holds and what they weigh over a page's stories (idf), and how much two
passages share (bigram overlap, content-word cohesion). Headlines, stories and splits all score by these."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import filterfalse
from math import fsum

from . import segment

CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")  # 法治


def bigrams(text: str) -> set[str]:
    out: set[str] = set()
    for run in CJK_RUN.findall(text):
        out.update(run[i : i + 2] for i in range(len(run) - 1))
    return out


def shared(a: set[str], b: set[str]) -> float:
    """The share of the smaller set found in the other: how much two passages' bigrams overlap, 0..1."""
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


@dataclass(frozen=True)
class Terms:
    """The words and character bigrams of a headline: what to look for in the stories."""

    words: frozenset[str]
    grams: frozenset[str]

    @classmethod
    def of(cls, text: str) -> Terms:
        return cls(frozenset(segment.words(text)), frozenset(bigrams(text)))

    @classmethod
    def of_each(cls, texts: Sequence[str]) -> list[Terms]:
        """`Terms.of` for each text, segmented in one call."""
        return [
            cls(frozenset(w), frozenset(bigrams(t)))
            for t, w in zip(texts, segment.words_each(texts), strict=True)
        ]

    @classmethod
    def merge(cls, parts: Sequence[Terms]) -> Terms:
        return cls(frozenset().union(*(p.words for p in parts)), frozenset().union(*(p.grams for p in parts)))

    @property
    def all(self) -> frozenset[str]:
        return self.words | self.grams


def present(terms: frozenset[str], text: str) -> frozenset[str]:
    """Which of `terms` occur in `text` (as substrings: the stories need no segmentation)."""
    return frozenset(t for t in terms if t in text)


def present_each(terms: Iterable[str], texts: Sequence[str]) -> list[frozenset[str]]:
    """`present(terms, text)` for each of `texts`, with an index instead of a substring search per pair.

    A page tests some 150 headline terms against some 50 paragraphs, and each substring search costs more
    to set up than to run. Nearly all terms are two characters long, so each text is read once as the
    sequence of its character pairs, each pair looked up among the terms' first pairs: a two-character
    term is present when its pair is, a longer one when its first pair is and a search then finds it.

    >>> present_each(["执法", "信用修复"], ["柔性执法", "信用修复", "执法与信用"])
    [frozenset({'执法'}), frozenset({'信用修复'}), frozenset({'执法'})]
    """
    pairs: dict[int, str] = {}  # a two-character term by its pair's code
    longer: dict[int, list[str]] = {}  # longer terms by their first pair's code
    short: list[str] = []  # terms of one character or none: no pair to look for
    sized: list[str] = []
    for term in terms:
        (sized if len(term) >= 2 else short).append(term)
    for term, code in zip(sized, _pair_codes([t[:2] for t in sized]), strict=True):
        if len(term) == 2:
            pairs[code] = term
        else:
            longer.setdefault(code, []).append(term)
    wanted = frozenset(pairs) | frozenset(longer)
    longer_codes = frozenset(longer)
    out = []
    for text in texts:
        even, odd = _pairs_of(text)
        # Each intersection reads the codes one by one, never holding them all.
        hits = wanted.intersection(even) | wanted.intersection(odd)
        found = set(map(pairs.get, hits))
        found.discard(None)  # the codes of longer terms only
        for code in longer_codes.intersection(hits):
            found.update(t for t in longer[code] if t in text)
        if short:
            found.update(t for t in short if t in text)
        out.append(frozenset(found))
    return out


def _pairs_of(text: str) -> tuple[memoryview, memoryview]:
    """Every two consecutive characters of `text` as one number, their UTF-32 codes side by side: the pairs
    starting at characters 0, 2, 4, … and those starting at 1, 3, 5, ….

    Read in C from the encoded bytes: slicing out each pair as a string would cost a Python object per
    character, and CJK characters, unlike ASCII ones, are not cached.
    """
    data = memoryview(text.encode("utf-32-le"))
    even = len(text) // 2 * 8  # bytes, whole pairs only
    odd = max(len(text) - 1, 0) // 2 * 8
    return data[:even].cast("Q"), data[4 : 4 + odd].cast("Q")


def _pair_codes(pairs: list[str]) -> list[int]:
    """The numbers `_pairs_of` gives these two-character strings, in order."""
    return list(memoryview("".join(pairs).encode("utf-32-le")).cast("Q"))


class Vocabulary:
    """Headline terms over the stories of one page: a term found in every story weighs little (inverse
    document frequency). Each story is given as the set of headline terms present in it."""

    def __init__(self, docs: Sequence[frozenset[str]]) -> None:
        self.n = max(1, len(docs))
        self._idf = [math.log(1 + self.n / (1 + df)) for df in range(self.n + 1)]
        self._df: Counter[str] = Counter()
        for doc in docs:
            self._df.update(doc)
        # Each term's weight, worked out once: a page looks up hundreds.
        self._weight = {term: self._idf[min(df, self.n)] for term, df in self._df.items()}
        # Per headline, by identity (hashing a Terms costs more than the rest of a lookup; the entry keeps
        # the headline, so its id stays its own): its word weights and its bigram weights, each with their
        # total (when not 0).
        self._cache: dict[int, tuple[Terms, list[tuple[dict[str, float], float]]]] = {}

    def weight(self, term: str) -> float:
        return self._weight.get(term, self._idf[0])

    def coverage(self, headline: Terms, have: frozenset[str]) -> float:
        """The weighted share of the headline's words and bigrams that a story has, 0..1."""
        return self.coverage_each(headline, [have])[0]

    def coverage_each(self, headline: Terms, haves: Sequence[frozenset[str]]) -> list[float]:
        """`coverage(headline, have)` for each of `haves`, the headline's weights looked up once."""
        cached = self._cache.get(id(headline))
        if cached is None or cached[0] is not headline:
            cached = self._cache[id(headline)] = (headline, self._weights(headline))
        weighted = cached[1]
        # Each share's weights are summed by fsum, correctly rounded and so the same in any order: sum would
        # take them in the intersection's order, that of the terms' hashes, which changes with PYTHONHASHSEED,
        # and a headline fitting two stories exactly as well would head either, by the last bit of a sum. Over
        # a few terms fsum costs what sum does. The mean of two shares is their sum halved, bit for bit:
        # sum([a, b]) is 0.0 + a + b, and a share is >= +0.0.
        if len(weighted) == 2:
            (words, words_total), (grams, grams_total) = weighted
            word, gram = words.__getitem__, grams.__getitem__
            return [
                (
                    fsum(map(word, have.intersection(words))) / words_total
                    + fsum(map(gram, have.intersection(grams))) / grams_total
                )
                / 2
                for have in haves
            ]
        if weighted:
            ((weights, total),) = weighted
            return [fsum(map(weights.__getitem__, have.intersection(weights))) / total for have in haves]
        return [0.0] * len(haves)

    def _weights(self, headline: Terms) -> list[tuple[dict[str, float], float]]:
        out = []
        weight, unseen = self._weight.get, self._idf[0]
        for terms in (headline.words, headline.grams):
            weights = {t: weight(t, unseen) for t in terms}  # self.weight(t), without a call of it per term
            total = fsum(weights.values())  # the same in any order, as the shares' sums
            if total:
                out.append((weights, total))
        return out


def content_words(text: str) -> Counter[str]:
    """The words of a passage that say what it is about, counted."""
    return Counter(filterfalse(STOPWORDS.__contains__, segment.words(text)))


def cohesion(a: str, b: str, *, counts: Callable[[str], Counter[str]] = content_words) -> float:
    """Word-overlap cosine of two passages, longer words weighing more: do they talk about the same thing?

    `counts` gives a passage's content words; a caller comparing the same passage more than once passes a
    memo of `content_words`, saving the segmentation.
    """
    wa, wb = counts(a), counts(b)
    # Sums of integers, the same in any order: the product runs over the shared words only.
    dot = sum(wa[w] * wb[w] * (len(w) - 1) ** 2 for w in wa.keys() & wb.keys())
    na = math.sqrt(sum((c * (len(w) - 1)) ** 2 for w, c in wa.items()))
    nb = math.sqrt(sum((c * (len(w) - 1)) ** 2 for w, c in wb.items()))
    return dot / (na * nb) if na and nb else 0.0


STOPWORDS = frozenset(
    "我们 他们 这个 一个 这些 那些 没有 就是 还是 可以 因为 所以 但是 如果 进行 通过 以及 其中 同时 已经 目前 "
    "今年 去年 今天 近日 表示 工作 问题 方面 情况 开展 推进 加强 进一步 相关 有关 要求 发展 建设 全面 持续".split()
)
