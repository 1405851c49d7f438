"""Reconstruction speed on the seed page, and the two segmenters side by side. Prints numbers; asserts nothing.

    .venv/bin/python bench/bench_reconstruct.py

Machines are noisy, so each number comes with a baseline measured in the same run: the time to decode and
split the same page into lines (the least any reconstruction must do).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from articles.reconstruct import segment, text  # noqa: E402
from articles.reconstruct.page import reconstruct_page  # noqa: E402

SEED = ROOT / "fixtures" / "pages" / "fazhi_2025-01-24_02.txt"
TARGET_MS = 10.0


def median_ms(fn, *, repeat: int, warmup: int = 5) -> float:
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def segmenters(sample: str) -> None:
    import jieba
    import rjieba

    tok = jieba.Tokenizer()
    tok.initialize()
    rj = rjieba.Jieba()
    rj.cut(sample)
    same = list(tok.cut(sample)) == rj.cut(sample)
    py_ms = median_ms(lambda: list(tok.cut(sample)), repeat=5, warmup=1)
    rs_ms = median_ms(lambda: rj.cut(sample), repeat=20, warmup=2)
    n = len(sample)
    print(f"segment  jieba (pure Python): {n / py_ms / 1000:6.2f} M chars/s")
    print(f"segment  rjieba (jieba-rs):   {n / rs_ms / 1000:6.2f} M chars/s  ({py_ms / rs_ms:.0f}x)")
    print(f"segment  identical tokens on the seed: {same}")
    print(f"segment  backend in use: {segment.backend_name()}")


def main() -> None:
    data = SEED.read_bytes()
    segment.warm()
    baseline = median_ms(lambda: text.split_lines(text.decode(data)[0]), repeat=200)
    page_ms = median_ms(lambda: reconstruct_page(data), repeat=100)
    print(
        f"reconstruct  seed page ({len(data):,} bytes): median {page_ms:.2f} ms (target <= {TARGET_MS:.0f} ms)"
    )
    print(
        f"reconstruct  baseline decode+split lines: median {baseline:.2f} ms; reconstruct = {page_ms / baseline:.1f}x baseline"
    )
    segmenters(text.decode(data)[0].replace("\n", ""))


if __name__ == "__main__":
    main()
