"""The engine's pure functions keep their definitions: each is checked against the plain definition or the
property it promises.

The golden pages pin the engine's whole output; these pin the pure functions made faster for it, on the
inputs where a quick path could go wrong (edges of character ranges, Latin letters, line breaks, long tokens).
"""

from __future__ import annotations

import math
import random
from itertools import pairwise

import pytest

from articles.reconstruct import headlines as hl
from articles.reconstruct import segment
from articles.reconstruct import similarity as sim
from articles.reconstruct.bylines import CONTINUED_TO, continued_to, page_number, parse_byline_run
from articles.reconstruct.text import (
    BODY_PUNCT,
    CJK_CHAR,
    CONTROL,
    SENTENCE_END,
    column_width,
    count_cjk,
    count_controls,
    decode,
    ends_sentence,
    join_text,
    split_lines,
)
from tests import variants


def _present_plainly(terms: list[str], text: str) -> frozenset[str]:
    return frozenset(t for t in terms if t in text)


def test_present_each_finds_what_a_substring_search_finds() -> None:
    rng = random.Random(5)
    alphabet = "法治信用修复执法a1 \n𠀀·"
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 12))) for _ in range(300)]
    terms = sorted({t[i : i + n] for t in texts for n in (1, 2, 3, 4) for i in range(len(t) - n + 1)})
    terms += ["", "不在文中", "法治\n信用"]
    assert sim.present_each(terms, texts) == [_present_plainly(terms, t) for t in texts]


def test_present_each_on_the_seed_page_headlines() -> None:
    text = variants.seed_text()
    paragraphs = [p for p in text.split("\n") if p.strip()]
    terms = sorted({w for p in paragraphs[:40] for w in segment.words(p)} | sim.bigrams(text[:2000]))
    assert sim.present_each(terms, paragraphs) == [_present_plainly(terms, p) for p in paragraphs]


@pytest.mark.parametrize(
    "code",
    [0x33FF, 0x3400, 0x4DBF, 0x4DC0, 0x4DFF, 0x4E00, 0x9FFF, 0xA000, 0xF8FF, 0xF900, 0xFAFF, 0xFB00, 0x20000],
)
def test_count_cjk_at_the_edges_of_the_ranges(code: int) -> None:
    text = f"2025年，{chr(code)}法治 a"
    assert count_cjk(text) == sum(map(len, CJK_CHAR.findall(text)))


def test_count_cjk_with_a_lone_surrogate() -> None:
    assert count_cjk("法\ud800治") == 2


@pytest.mark.parametrize(
    "text",
    [
        "会议召开。",
        "他说：“好。”",
        "（下转第二版）",
        "工作（下转第2版）",
        "会议召开",
        "召开。\n",
        "”",
        "",
        "。”）",
        "好！)",
    ],
)
def test_ends_sentence_is_the_pattern(text: str) -> None:
    assert ends_sentence(text) == bool(SENTENCE_END.search(text))


def _join_plainly(parts: list[str]) -> str:
    out = ""
    for part in parts:
        if out and out[-1].isascii() and out[-1].isalnum() and part[:1].isascii() and part[:1].isalpha():
            out += " "
        out += part
    return out


@pytest.mark.parametrize(
    "parts",
    [
        ["柔性执法", "信用修复"],
        ["采用AI", "技术"],
        ["the", "court"],
        ["2025", "年"],
        ["版本2", "Beta"],
        ["", "abc"],
        [],
    ],
)
def test_join_text_spaces_only_latin_words(parts: list[str]) -> None:
    assert join_text(parts) == _join_plainly(parts)


def test_words_each_gives_each_texts_words() -> None:
    texts = [
        "柔性执法信用修复助力企业健康发展",
        "“化解矛盾风险 维护社会稳定”",
        "AI赋能 2025年",
        "",
        "——记沈阳市司法局",
    ]
    assert segment.words_each(texts) == [segment.words(t) for t in texts]


def test_words_each_cuts_a_text_with_its_own_line_break_alone() -> None:
    texts = ["依法治国\n信用修复", "执法"]
    assert segment.words_each(texts) == [segment.words(t) for t in texts]


def test_words_each_on_every_line_of_the_seed_page() -> None:
    lines = [line.strip() for line in decode(variants.SEED.read_bytes())[0].split("\n") if line.strip()]
    assert segment.words_each(lines) == [segment.words(line) for line in lines]


def test_byline_run_stops_at_a_token_longer_than_any_name() -> None:
    assert parse_byline_run("记者王" + "明" * 30 + " 今天")[0] == []


def test_byline_run_reads_the_longest_dotted_name() -> None:
    name = "阿布都热合曼·买买提艾力克木江"  # six characters, a dot and eight
    bylines, end = parse_byline_run(f"记者{name} 今天")
    assert [b.name for b in bylines] == [name]
    assert end == 2 + len(name)


def test_coverage_is_the_weighted_share_of_words_and_bigrams() -> None:
    headline = sim.Terms(frozenset({"信用", "修复"}), frozenset({"信用", "用修", "修复"}))
    vocab = sim.Vocabulary([frozenset({"信用", "修复", "用修"}), frozenset({"信用"})])
    have = frozenset({"信用", "修复"})
    words = {t: vocab.weight(t) for t in headline.words}
    grams = {t: vocab.weight(t) for t in headline.grams}
    expected = (
        sum(words[t] for t in have & words.keys()) / sum(words.values())
        + sum(grams[t] for t in have & grams.keys()) / sum(grams.values())
    ) / 2
    assert vocab.coverage(headline, have) == pytest.approx(expected)
    assert vocab.coverage(headline, frozenset()) == 0.0


def _continued_to_plainly(text: str) -> int | None:
    match = None
    for match in CONTINUED_TO.finditer(text):  # noqa: B007 - the last marker wins
        pass
    return page_number(match.group("n")) if match else None


@pytest.mark.parametrize(
    "text",
    [
        "工作（下转第二版）",
        "下转第5版",
        "转第十二版",
        "（转 3 版）",
        "下转转第二版",
        "转第第2版",
        "转变作风（下转第二版）。另（下转第3版）",
        "转第一版（转第二版",
        "【下转第４版】",
        "转第12345版",
        "转",
        "",
        "工作转型升级",
    ],
)
def test_continued_to_reads_the_marker_the_whole_pattern_reads(text: str) -> None:
    assert continued_to(text) == _continued_to_plainly(text)


def test_continued_to_on_random_marker_pieces() -> None:
    rng = random.Random(7)
    alphabet = ["转", "下", "第", "版", "（", "）", "【", "】", " ", "一", "十", "3", "５", "工作", "。"]
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 14)))
        assert continued_to(text) == _continued_to_plainly(text), text


def _words_plainly(text: str) -> list[str]:
    return [t for t in segment.cut(text) if len(t) > 1 and ("\u4e00" <= t[0] <= "\u9fff" or t[0].isalnum())]


@pytest.mark.parametrize(
    "text",
    ["一丁 鿿鿿 ꀀꀀ 㐀㐀 𠀀𠀀 丁一", "AI赋能 2025年 ２０２５", "法治", "", "——记沈阳市司法局", "a b c"],
)
def test_words_keeps_what_the_first_character_test_keeps(text: str) -> None:
    assert segment.words(text) == _words_plainly(text)


def test_words_on_the_seed_page() -> None:
    text = variants.seed_text()
    assert segment.words(text) == _words_plainly(text)


def _coverage_plainly(vocab: sim.Vocabulary, headline: sim.Terms, have: frozenset[str]) -> float:
    # Sums over sets correctly rounded (fsum): a plain sum would follow the hash order (PYTHONHASHSEED).
    scores = []
    for terms in (headline.words, headline.grams):
        weights = {t: vocab.weight(t) for t in terms}
        if math.fsum(weights.values()):
            scores.append(
                math.fsum(weights[t] for t in have.intersection(weights)) / math.fsum(weights.values())
            )
    return sum(scores) / len(scores) if scores else 0.0


def test_coverage_each_is_coverage_of_each_story_to_the_last_bit() -> None:
    text = variants.seed_text()
    paragraphs = [p for p in text.split("\n") if p.strip()]
    headlines = [sim.Terms.of(p) for p in paragraphs[:30] if len(p) < 30] + [
        sim.Terms(frozenset(), frozenset()),
        sim.Terms(frozenset({"2025", "法治"}), frozenset()),  # words only: one share
        sim.Terms(frozenset(), frozenset({"法治", "治建", "不在"})),  # bigrams only
        sim.Terms(frozenset({"不在文中"}), frozenset({"不在"})),  # found nowhere: weights, but no share
    ]
    terms = sorted(frozenset().union(*(h.all for h in headlines)))
    stories = sim.present_each(terms, paragraphs)
    vocab = sim.Vocabulary(stories)
    for headline in headlines:
        assert vocab.coverage_each(headline, stories) == [
            _coverage_plainly(vocab, headline, s) for s in stories
        ]
        assert vocab.coverage_each(headline, []) == []


@pytest.mark.parametrize(
    "text",
    ["", "法治", "\x00\x01\x08\t\n\x0b\x0c\r\x0e\x1f \x7f\x80\x9f\xa0ÿ", "法\ud800治\x07", "a\x1b[0m法" * 3],
)
def test_count_controls_counts_what_the_pattern_finds(text: str) -> None:
    assert count_controls(text) == sum(map(len, CONTROL.findall(text)))


def test_count_controls_on_every_character_below_0x180() -> None:
    text = "".join(map(chr, range(0x180)))
    assert count_controls(text) == sum(map(len, CONTROL.findall(text)))


def _column_width_plainly(lines: list) -> float:
    widths = sorted(line.width for line in lines if line.width >= 6 and BODY_PUNCT.search(line.text))
    return widths[min(len(widths) - 1, int(len(widths) * 0.75))] if widths else 20.0


@pytest.mark.parametrize("name", sorted(variants.VARIANTS))
def test_column_width_is_the_plain_quartile(name: str) -> None:
    lines = split_lines(decode(variants.VARIANTS[name]())[0])
    assert column_width(lines) == _column_width_plainly(lines)


def test_column_width_of_lines_with_and_without_commas() -> None:
    texts = [
        "一二三四五六七，八",
        "一二三四五六七八九",
        "一二三四五六、七八",
        "一二，三",
        "一二三四五六七八;",
        "",
    ]
    lines = split_lines("\n".join(texts * 3))
    assert column_width(lines) == _column_width_plainly(lines)
    assert column_width(lines[1:2]) == _column_width_plainly(lines[1:2]) == 20.0


def test_weight_is_the_inverse_document_frequency() -> None:
    docs = [frozenset({"信用", "修复"}), frozenset({"信用"}), frozenset({"信用", "执法"}), frozenset()]
    vocab = sim.Vocabulary(docs)
    for term in ("信用", "修复", "执法", "不在"):
        df = sum(term in doc for doc in docs)
        assert vocab.weight(term) == math.log(1 + len(docs) / (1 + df))
    assert sim.Vocabulary([]).weight("信用") == math.log(1 + 1 / 1)


def _is_one_to_one_above_minimum(scores: list[list[float]], by_group: dict[int, int]) -> bool:
    stories = list(by_group.values())
    return len(set(stories)) == len(stories) and all(
        scores[g][a] >= hl.MIN_MATCH for g, a in by_group.items()
    )


def _improvement(scores: list[list[float]], by_group: dict[int, int]) -> tuple[int, ...] | None:
    """A swap of two groups' stories, or a group's move to a free story, that raises the total: what assign
    promises there is none of (a swap giving a pair below the minimum does not count)."""

    def score(g: int, a: int | None) -> float:
        return scores[g][a] if a is not None else 0.0

    for g1 in range(len(scores)):
        for g2 in range(g1 + 1, len(scores)):
            a1, a2 = by_group.get(g1), by_group.get(g2)
            swapped = [s for s in (score(g1, a2), score(g2, a1)) if s]
            if (
                swapped
                and min(swapped) >= hl.MIN_MATCH
                and sum(swapped) > score(g1, a1) + score(g2, a2) + 1e-9
            ):
                return (g1, g2)
    free = set(range(len(scores[0]) if scores else 0)) - set(by_group.values())
    for g in range(len(scores)):
        for a in free:
            if scores[g][a] >= hl.MIN_MATCH and scores[g][a] > score(g, by_group.get(g)) + 1e-9:
                return (g, a)
    return None


def test_assign_gives_each_story_one_group_and_no_swap_raises_the_total() -> None:
    rng = random.Random(11)
    for _ in range(300):
        groups, stories = rng.randrange(0, 9), rng.randrange(1, 9)
        scores = [
            [rng.choice([0.0, 0.1, 0.25, 0.5, rng.random()]) for _ in range(stories)] for _ in range(groups)
        ]
        got = hl.assign(scores)
        assert _is_one_to_one_above_minimum(scores, got), (scores, got)
        assert _improvement(scores, got) is None, (scores, got)


def test_assign_swaps_two_pairs_when_the_swap_raises_the_total() -> None:
    # Greedy takes 0.9 (group 0, story 0) and then 0.2 (group 1, story 1): the swap gives 0.8 + 0.8.
    assert hl.assign([[0.9, 0.8], [0.8, 0.2]]) == {0: 1, 1: 0}


def test_cohesion_is_the_plain_cosine() -> None:
    lines = [line for line in variants.seed_text().split("\n") if line.strip()]
    passages = ["".join(lines[i : i + 6]) for i in range(0, 300, 6)]  # some about the same, some not
    for a, b in pairwise(passages):
        wa, wb = sim.content_words(a), sim.content_words(b)
        dot = sum(c * wb[w] * (len(w) - 1) ** 2 for w, c in wa.items() if w in wb)
        na = math.sqrt(sum((c * (len(w) - 1)) ** 2 for w, c in wa.items()))
        nb = math.sqrt(sum((c * (len(w) - 1)) ** 2 for w, c in wb.items()))
        assert sim.cohesion(a, b) == (dot / (na * nb) if na and nb else 0.0)
