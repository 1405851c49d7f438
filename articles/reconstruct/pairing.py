"""Pairing the parts of an issue: each beginning and each fragment in at most one pair, the highest total score.

Pure and small: the pairs come scored (articles.reconstruct.jumps), this module only picks among them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Protocol

MAX_EXACT = 14  # beginnings per assignment solved exactly; beyond, greedy


class Scored(Protocol):
    """What the assignment reads of a pair: a Fit, or a Fit's score with the marker's weight."""

    @property
    def score(self) -> float: ...


def best(pairs: Mapping[tuple[int, int], Scored]) -> list[tuple[int, int]]:
    """The pairs of the highest total: exactly for up to MAX_EXACT beginnings, greedily beyond."""
    return best_exact(pairs) if len({b for b, _ in pairs}) <= MAX_EXACT else best_greedy(pairs)


def total(pairs: Mapping[tuple[int, int], Scored]) -> float:
    """The total score of the best assignment."""
    return math.fsum(pairs[c].score for c in best(pairs))


def best_exact(pairs: Mapping[tuple[int, int], Scored]) -> list[tuple[int, int]]:
    """The assignment of the highest total score: fragments in turn, each taking a free beginning or none."""
    fragments = sorted({f for _, f in pairs})
    options: dict[int, list[tuple[int, float]]] = {f: [] for f in fragments}
    for (b, f), fit in pairs.items():
        options[f].append((b, fit.score))
    memo: dict[tuple[int, frozenset[int]], tuple[float, tuple[tuple[int, int], ...]]] = {}

    def best(i: int, used: frozenset[int]) -> tuple[float, tuple[tuple[int, int], ...]]:
        if i == len(fragments):
            return 0.0, ()
        key = (i, used)
        if key not in memo:
            f = fragments[i]
            result = best(i + 1, used)
            for b, score in options[f]:
                if b not in used:
                    rest, chosen = best(i + 1, used | {b})
                    if rest + score > result[0] + 1e-9:
                        result = (rest + score, ((b, f), *chosen))
            memo[key] = result
        return memo[key]

    return list(best(0, frozenset())[1])


def best_greedy(pairs: Mapping[tuple[int, int], Scored]) -> list[tuple[int, int]]:
    """A good assignment when there are too many beginnings to solve exactly: best-scoring pairs first."""
    chosen: list[tuple[int, int]] = []
    used_b: set[int] = set()
    used_f: set[int] = set()
    for (b, f), _ in sorted(pairs.items(), key=lambda item: (-item[1].score, item[0])):
        if b not in used_b and f not in used_f:
            chosen.append((b, f))
            used_b.add(b)
            used_f.add(f)
    return chosen
