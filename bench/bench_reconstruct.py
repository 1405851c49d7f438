"""Reconstruction speed on the seed page, and the two segmenters side by side. Prints numbers; asserts nothing.

    .venv/bin/python bench/bench_reconstruct.py

Machines are noisy, so each number comes with a baseline measured in the same run: the time to decode and
split the same page into lines (the least any reconstruction must do). Both are timed in alternating batches,
so a burst of load elsewhere falls on both; the quietest batch's median is printed beside the overall median.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from articles.reconstruct import segment, text  # noqa: E402
from articles.reconstruct.page import reconstruct_page  # noqa: E402

SEED = ROOT / "fixtures" / "pages" / "fazhi_2025-01-24_02.txt"
CORPUS_SAMPLE = ROOT / "fixtures" / "corpus" / "rmrb_sample.jsonl"  # real 人民日报 pages, laid out by tools/
TARGET_MS = 10.0


def median_ms(fn: Callable[[], object], *, repeat: int, warmup: int = 5) -> float:
    for _ in range(warmup):
        fn()
    return statistics.median(_times_ms(fn, repeat))


def _times_ms(fn: Callable[[], object], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return times


def interleaved_ms(
    fns: dict[str, Callable[[], object]], *, batches: int, repeat: int, warmup: int = 5
) -> dict[str, tuple[float, float]]:
    """Per function: (median of all runs, the lowest batch median), timed in alternating batches."""
    for fn in fns.values():
        for _ in range(warmup):
            fn()
    runs: dict[str, list[float]] = {name: [] for name in fns}
    batch_medians: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(batches):
        for name, fn in fns.items():
            times = _times_ms(fn, repeat)
            runs[name] += times
            batch_medians[name].append(statistics.median(times))
    return {name: (statistics.median(runs[name]), min(batch_medians[name])) for name in fns}


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
    timed = interleaved_ms(
        {"page": lambda: reconstruct_page(data), "baseline": lambda: text.split_lines(text.decode(data)[0])},
        batches=10,
        repeat=20,
    )
    page_ms, page_best = timed["page"]
    baseline, baseline_best = timed["baseline"]
    print(
        f"reconstruct  seed page ({len(data):,} bytes): median {page_ms:.2f} ms, quietest batch {page_best:.2f} ms "
        f"(target <= {TARGET_MS:.0f} ms)"
    )
    print(
        f"reconstruct  baseline decode+split lines: median {baseline:.2f} ms, quietest batch {baseline_best:.2f} ms; "
        f"reconstruct = {page_ms / baseline:.1f}x baseline"
    )
    dense_page()
    segmenters(text.decode(data)[0].replace("\n", ""))


def dense_page() -> None:
    """The densest page of the corpus sample, laid out in the seed's style: what a page of the wider family
    costs, leadless stories, headline blocks and all."""
    sys.path.insert(0, str(ROOT / "tools"))
    from corpus_layout import LAYOUTS, lay_out, load_pages

    pages = load_pages(CORPUS_SAMPLE)
    densest = max(pages, key=lambda p: sum(len("".join(a["paragraphs"])) for a in p["articles"]))
    laid = lay_out(densest, LAYOUTS["seed"]).text.encode("utf-8")
    timed = interleaved_ms({"page": lambda: reconstruct_page(laid)}, batches=5, repeat=10)
    page_ms, page_best = timed["page"]
    print(
        f"reconstruct  densest corpus sample page, seed layout ({len(laid):,} bytes, {len(densest['articles'])} "
        f"stories): median {page_ms:.2f} ms, quietest batch {page_best:.2f} ms"
    )


if __name__ == "__main__":
    main()
