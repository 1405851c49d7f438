"""Small charts as inline SVG, built on the server: no chart library, no JavaScript.

Every text that goes into the markup is escaped (format_html); the result is a SafeString a template
prints as it is. Each chart is an image to assistive technology (role="img") with a <title> and a <desc>
that says in words what the bars show.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

SVG_NS = "http://www.w3.org/2000/svg"

# -- Articles per month ------------------------------------------------------------------------------

WIDTH = 640
HEIGHT = 170
LEFT, RIGHT, TOP, BOTTOM = 30, 8, 14, 40  # room for the count scale and the month and year labels
MAX_BAR = 36
MONTH_LABELS_UP_TO = 24  # months; a longer span labels years only
BAR_FILL = "#9d1c1c"
TEXT_FILL = "#56534d"
RULE = "#d9d4c7"


@dataclass(frozen=True)
class MonthCount:
    month: datetime.date  # its first day
    count: int


def months_filled(rows: Iterable[tuple[datetime.date, int]]) -> list[MonthCount]:
    """Counts by month from the first month to the last, the months between with 0.

    >>> [(m.month.isoformat(), m.count) for m in months_filled([(datetime.date(2024, 12, 1), 2),
    ...                                                            (datetime.date(2025, 2, 1), 1)])]
    [('2024-12-01', 2), ('2025-01-01', 0), ('2025-02-01', 1)]
    """
    counts = {month.replace(day=1): count for month, count in rows}
    if not counts:
        return []
    first, last = min(counts), max(counts)
    months = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        day = datetime.date(year, month, 1)
        months.append(MonthCount(day, counts.get(day, 0)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def month_text(month: datetime.date) -> str:
    return f"{month.year}年{month.month}月"


def monthly_bars(rows: Iterable[tuple[datetime.date, int]], *, title: str, chart_id: str) -> SafeString:
    """A bar chart of articles per month: one bar for each month with articles, on a continuous month
    axis. Empty when there are none."""
    months = months_filled(rows)
    if not months:
        return mark_safe("")
    peak = max(m.count for m in months)
    total = sum(m.count for m in months)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / len(months)
    bar_w = max(1.0, min(MAX_BAR, slot * 0.7))
    baseline = TOP + plot_h

    bars = []
    labels = []
    for i, m in enumerate(months):
        centre = LEFT + slot * i + slot / 2
        if m.count:
            height = max(1.0, plot_h * m.count / peak)
            # Numbers and a month's digits only, nothing to escape: format_html's escaping of each piece
            # took most of the 7.5 ms of a 53-year chart (636 months, bench/benchdb.py at 1,000,000).
            bars.append(
                f'<rect class="bar" x="{_n(centre - bar_w / 2)}" y="{_n(baseline - height)}" '
                f'width="{_n(bar_w)}" height="{_n(height)}" fill="{BAR_FILL}">'
                f"<title>{month_text(m.month)}：{int(m.count)} 篇</title></rect>"
            )
        if len(months) <= MONTH_LABELS_UP_TO:
            labels.append(_text(centre, baseline + 14, f"{m.month.month}月", anchor="middle"))
        if i == 0 or m.month.month == 1:
            labels.append(_text(centre, baseline + 30, f"{m.month.year}年", anchor="middle"))

    with_articles = [m for m in months if m.count]
    desc = (
        f"{month_text(months[0].month)}至{month_text(months[-1].month)}，共 {total} 篇；"
        + "，".join(f"{month_text(m.month)} {m.count} 篇" for m in with_articles)
        + "。"
    )
    scale = [
        _line(LEFT, baseline, WIDTH - RIGHT, baseline),
        _text(LEFT - 6, baseline + 4, "0", anchor="end"),
        _line(LEFT, TOP, WIDTH - RIGHT, TOP, dashed=True),
        _text(LEFT - 6, TOP + 4, str(peak), anchor="end"),
    ]
    return format_html(
        '<svg xmlns="{ns}" class="chart chart-months" viewBox="0 0 {w} {h}" width="{w}" height="{h}" '
        'role="img" aria-labelledby="{id}-title {id}-desc" font-family="sans-serif" font-size="11">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>'
        "{scale}{bars}{labels}</svg>",
        ns=SVG_NS,
        w=WIDTH,
        h=HEIGHT,
        id=chart_id,
        title=title,
        desc=desc,
        scale=_join(scale),
        bars=mark_safe("".join(bars)),  # noqa: S308 - numbers only (above)
        labels=_join(labels),
    )


# -- China's provinces as a tile map -------------------------------------------------------------

TILE = 56
GAP = 4
# Each province-level division a square at a fixed place on a 7 × 8 grid, roughly where it lies:
# code -> (column, row, short name).
TILE_GRID = {
    "230000": (6, 0, "黑龙江"),
    "150000": (3, 1, "内蒙古"),
    "110000": (4, 1, "北京"),
    "210000": (5, 1, "辽宁"),
    "220000": (6, 1, "吉林"),
    "650000": (0, 2, "新疆"),
    "620000": (1, 2, "甘肃"),
    "640000": (2, 2, "宁夏"),
    "140000": (3, 2, "山西"),
    "130000": (4, 2, "河北"),
    "120000": (5, 2, "天津"),
    "540000": (0, 3, "西藏"),
    "630000": (1, 3, "青海"),
    "610000": (2, 3, "陕西"),
    "410000": (3, 3, "河南"),
    "370000": (4, 3, "山东"),
    "510000": (1, 4, "四川"),
    "500000": (2, 4, "重庆"),
    "420000": (3, 4, "湖北"),
    "340000": (4, 4, "安徽"),
    "320000": (5, 4, "江苏"),
    "310000": (6, 4, "上海"),
    "530000": (1, 5, "云南"),
    "520000": (2, 5, "贵州"),
    "430000": (3, 5, "湖南"),
    "360000": (4, 5, "江西"),
    "330000": (5, 5, "浙江"),
    "450000": (2, 6, "广西"),
    "440000": (3, 6, "广东"),
    "350000": (4, 6, "福建"),
    "710000": (5, 6, "台湾"),
    "460000": (2, 7, "海南"),
    "820000": (3, 7, "澳门"),
    "810000": (4, 7, "香港"),
}
# Light to dark; the darker shades carry light text (contrast 4.5:1 or more either way).
SHADES = ("#efebe2", "#f1d3cc", "#e0a396", "#b5493b", "#9c2f24", "#7a1212")
DARK_FROM = 3
TEXT_DARK, TEXT_LIGHT = "#1d1d1b", "#ffffff"


@dataclass(frozen=True)
class Tile:
    code: str  # the province's division code: 210000
    name: str  # 辽宁省
    count: int
    url: str | None  # None: drawn, not linked


def shade_level(count: int, peak: int) -> int:
    """0 for none, else 1–5 on a square-root scale, so that one article still shows against many.

    >>> [shade_level(n, 100) for n in (0, 1, 4, 25, 100)]
    [0, 1, 1, 3, 5]
    """
    if count <= 0 or peak <= 0:
        return 0
    return max(1, math.ceil(5 * math.sqrt(count / peak)))


def province_tile_map(tiles: Sequence[Tile], *, title: str, chart_id: str) -> SafeString:
    """China's province-level divisions as equal squares at fixed places, shaded by article count,
    each linked to its page when it has one. Provinces missing from TILE_GRID are left out."""
    placed = [(t, TILE_GRID[t.code]) for t in tiles if t.code in TILE_GRID]
    peak = max((t.count for t, _ in placed), default=0)
    columns = 1 + max((col for _, (col, _, _) in placed), default=0)
    rows = 1 + max((row for _, (_, row, _) in placed), default=0)
    width, height = columns * (TILE + GAP) - GAP, rows * (TILE + GAP) - GAP

    squares = []
    for tile, (col, row, short) in placed:
        level = shade_level(tile.count, peak)
        x, y = col * (TILE + GAP), row * (TILE + GAP)
        label = f"{tile.name}：{tile.count} 篇"
        body = format_html(
            '<rect x="{}" y="{}" width="{}" height="{}" rx="4" fill="{}"/>'
            '<text x="{}" y="{}" text-anchor="middle" fill="{}" font-size="{}">{}</text>'
            '<text x="{}" y="{}" text-anchor="middle" fill="{}" font-size="11">{}</text>',
            x,
            y,
            TILE,
            TILE,
            SHADES[level],
            x + TILE // 2,
            y + 24,
            TEXT_LIGHT if level >= DARK_FROM else TEXT_DARK,
            12 if len(short) > 2 else 13,
            short,
            x + TILE // 2,
            y + 42,
            TEXT_LIGHT if level >= DARK_FROM else TEXT_DARK,
            tile.count,
        )
        level_class = f"tile tile-{level}"
        if tile.url:
            squares.append(
                format_html(
                    '<a class="{}" href="{}" aria-label="{}"><title>{}</title>{}</a>',
                    level_class,
                    tile.url,
                    label,
                    label,
                    body,
                )
            )
        else:
            squares.append(format_html('<g class="{}"><title>{}</title>{}</g>', level_class, label, body))

    with_articles = sorted((t for t, _ in placed if t.count), key=lambda t: (-t.count, t.code))
    desc = (
        "各省级行政区的稿件数：" + "，".join(f"{t.name} {t.count} 篇" for t in with_articles) + "。"
        if with_articles
        else "还没有稿件。"
    )
    return format_html(
        '<svg xmlns="{ns}" class="chart tile-map" viewBox="0 0 {w} {h}" width="{w}" height="{h}" '
        'role="group" aria-labelledby="{id}-title {id}-desc" font-family="sans-serif">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>{squares}</svg>',
        ns=SVG_NS,
        w=width,
        h=height,
        id=chart_id,
        title=title,
        desc=desc,
        squares=_join(squares),
    )


# -- Pieces ----------------------------------------------------------------------------------------


def _n(value: float) -> str:
    """A coordinate with at most one decimal: 12.5, 40."""
    return f"{value:.1f}".removesuffix(".0")


def _text(x: float, y: float, text: str, *, anchor: str) -> SafeString:
    return format_html(
        '<text x="{}" y="{}" text-anchor="{}" fill="{}">{}</text>', _n(x), _n(y), anchor, TEXT_FILL, text
    )


def _line(x1: float, y1: float, x2: float, y2: float, *, dashed: bool = False) -> SafeString:
    dash = mark_safe(' stroke-dasharray="3 3"') if dashed else ""
    return format_html(
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}"{}/>', _n(x1), _n(y1), _n(x2), _n(y2), RULE, dash
    )


def _join(parts: Iterable[SafeString]) -> SafeString:
    """Pieces each escaped already (format_html), one after another."""
    return mark_safe("".join(parts))  # noqa: S308 - every part is a SafeString
