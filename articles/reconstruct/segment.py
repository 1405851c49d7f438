"""Chinese word segmentation behind one interface.

`rjieba` (bindings to jieba-rs, the Rust port of jieba with the same dictionary) gives the same tokens as
pure-Python jieba at ~25x the speed (bench/bench_segment.py); pure-Python jieba stays as the fallback for a
platform without an rjieba wheel. Either way we create our own instance, never touching a global one.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Sequence
from pathlib import Path

USER_DICT = Path(__file__).with_name("data") / "userdict.txt"


@functools.cache
def _backend() -> tuple[str, Callable[[str], list[str]], Callable[[str], bool], Callable[[str], list[str]]]:
    words = _user_words()
    if os.environ.get("NEWSROOM_SEGMENTER", "rjieba") == "rjieba":
        try:
            import rjieba
        except ImportError:
            pass
        else:
            tokenizer = rjieba.Jieba()
            for word in words:
                tokenizer.add_word(word, None, None)
            return "rjieba", tokenizer.cut, tokenizer.has_word, tokenizer.cut_all
    import jieba

    tok = jieba.Tokenizer()
    cache_dir = Path(os.environ.get("JIEBA_CACHE_DIR", Path(__file__).resolve().parents[2] / "var" / "jieba"))
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        tok.tmp_dir = str(cache_dir)
    except OSError:
        pass  # an unwritable place only costs the cache, not correctness
    for word in words:
        tok.add_word(word)
    tok.initialize()
    return (
        "jieba",
        lambda text: list(tok.cut(text)),
        lambda word: tok.FREQ.get(word, 0) > 0,
        lambda text: list(tok.cut(text, cut_all=True)),
    )


def _user_words() -> list[str]:
    if not USER_DICT.exists():
        return []
    lines = USER_DICT.read_text(encoding="utf-8").splitlines()
    return [line.split()[0] for line in lines if line.strip() and not line.startswith("#")]


def backend_name() -> str:
    return _backend()[0]


def warm() -> None:
    """Load the dictionary now (before gunicorn forks its workers, so they share it)."""
    _backend()[1]("预热")


def cut(text: str) -> list[str]:
    """All tokens of `text`, in order, whitespace and punctuation included."""
    return _backend()[1](text)


def known(word: str) -> bool:
    """Whether `word` is a word of the dictionary (jieba's, or ours): 检察 and 检察院 are, 2025 is not."""
    return _backend()[2](word)


def cut_all(text: str) -> list[str]:
    """Every dictionary word of `text` wherever it starts, in order of where (jieba's full mode):
    人民和 -> 人, 人民, 民, 民和, 和."""
    return _backend()[3](text)


def words(text: str) -> list[str]:
    """Content tokens only: two or more CJK characters, or Latin/number runs."""
    # `"\u4e00" <= t < "\ua000"` is `"\u4e00" <= t[0] <= "\u9fff"` without making the one-character string.
    return [t for t in cut(text) if len(t) > 1 and ("\u4e00" <= t < "\ua000" or t[0].isalnum())]


def words_each(texts: Sequence[str]) -> list[list[str]]:
    """`words(text)` for each of `texts`, from one call of the segmenter.

    Each call has a cost of its own, most of the time it takes on a short text like a headline. The texts
    are cut joined by line breaks: jieba (in both implementations) first splits text into runs of CJK
    characters, letters and digits and segments each run alone, and yields a line break as a token of its
    own, so the tokens between the breaks are each text's. Where that could fail (a text with a line break
    of its own, or a break not come back as one token), each text is cut alone.

    >>> words_each(["依法治国", "信用修复"])
    [['依法治国'], ['信用', '修复']]
    """
    if len(texts) < 2 or any("\n" in text for text in texts):
        return [words(text) for text in texts]
    tokens = cut("\n".join(texts))
    if tokens.count("\n") != len(texts) - 1:
        return [words(text) for text in texts]
    out: list[list[str]] = [[]]
    for token in tokens:
        if token == "\n":
            out.append([])
        elif len(token) > 1 and ("\u4e00" <= token < "\ua000" or token[0].isalnum()):  # as in words()
            out[-1].append(token)
    return out
