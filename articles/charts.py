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

# -- Articles per month, or per year over a long span ----------------------------------------------------

WIDTH = 640
HEIGHT = 170
LEFT, RIGHT, TOP, BOTTOM = 30, 8, 14, 40  # room for the count scale and the month and year labels
MAX_BAR = 36
MONTH_LABELS_UP_TO = 24  # months; a longer span labels years only
MONTHS_UP_TO = 120  # months a chart shows one bar each; a longer span shows one bar a year
YEAR_LABELS_EVERY = 5  # over more than MONTH_LABELS_UP_TO years, every fifth year is labelled
LABEL_CHAR = 9  # pixels a label's character takes at most, on average, at the chart's 11px
BAR_FILL = "#9d1c1c"
TEXT_FILL = "#56534d"
RULE = "#d9d4c7"


@dataclass(frozen=True)
class MonthCount:
    month: datetime.date  # its first day
    count: int


@dataclass(frozen=True)
class Activity:
    """A chart of articles over time and what each of its bars counts: 月 (a month) or 年 (a year)."""

    svg: SafeString
    per: str

    def __bool__(self) -> bool:
        return bool(self.svg)


@dataclass(frozen=True)
class _Bar:
    name: str  # 2025年1月 / 2025年: what its tooltip and the description call it
    count: int
    below: str  # its label under the axis, or ""
    year: str  # the year under that, where one begins, or ""


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


def activity_bars(rows: Iterable[tuple[datetime.date, int]], *, who: str, chart_id: str) -> Activity:
    """Someone's articles over time, from their counts by month: a bar a month, on a continuous month
    axis, or a bar a year when the span is longer than MONTHS_UP_TO months (hundreds of bars a few pixels
    wide read as nothing, and weigh most of the page). Empty when there are none."""
    months = months_filled(rows)
    if len(months) <= MONTHS_UP_TO:
        small = len(months) <= MONTH_LABELS_UP_TO
        bars = [
            _Bar(
                month_text(m.month),
                m.count,
                f"{m.month.month}月" if small else "",
                f"{m.month.year}年" if i == 0 or m.month.month == 1 else "",
            )
            for i, m in enumerate(months)
        ]
        return Activity(_bars_svg(bars, title=f"{who}每月发稿数", chart_id=chart_id), "月")
    years: dict[int, int] = {}
    for m in months:
        years[m.month.year] = years.get(m.month.year, 0) + m.count
    every = 1 if len(years) <= MONTH_LABELS_UP_TO else YEAR_LABELS_EVERY
    first = min(years)
    # The first year, then every fifth, but none so close to the first that the two labels meet.
    labelled = {first} | {y for y in years if y % every == 0 and y - first >= every}
    bars = [
        _Bar(f"{year}年", count, "", f"{year}年" if year in labelled else "")
        for year, count in sorted(years.items())
    ]
    return Activity(_bars_svg(bars, title=f"{who}每年发稿数", chart_id=chart_id), "年")


def _bars_svg(bars: Sequence[_Bar], *, title: str, chart_id: str) -> SafeString:
    """The bars, one slot each along the axis, with their labels, the count scale, and a description in
    words of every bar with articles."""
    if not bars:
        return mark_safe("")
    peak = max(b.count for b in bars)
    total = sum(b.count for b in bars)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / len(bars)
    bar_w = max(1.0, min(MAX_BAR, slot * 0.7))
    baseline = TOP + plot_h

    rects = []
    labels = []
    for i, b in enumerate(bars):
        centre = LEFT + slot * i + slot / 2
        if b.count:
            height = max(1.0, plot_h * b.count / peak)
            # Numbers and a date's digits only, nothing to escape: format_html's escaping of each piece
            # took most of the 7.5 ms of a 53-year chart of months (bench/benchdb.py at 1,000,000).
            rects.append(
                f'<rect class="bar" x="{_n(centre - bar_w / 2)}" y="{_n(baseline - height)}" '
                f'width="{_n(bar_w)}" height="{_n(height)}" fill="{BAR_FILL}">'
                f"<title>{b.name}：{int(b.count)} 篇</title></rect>"
            )
        if b.below:
            labels.append(_label(centre, baseline + 14, b.below))
        if b.year:
            labels.append(_label(centre, baseline + 30, b.year))

    desc = (
        f"{bars[0].name}至{bars[-1].name}，共 {total} 篇；"
        + "，".join(f"{b.name} {b.count} 篇" for b in bars if b.count)
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
        bars=mark_safe("".join(rects)),  # noqa: S308 - numbers only (above)
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


def _label(centre: float, y: float, text: str) -> SafeString:
    """A label centred under its bar, kept inside the chart at either end (2025年 under the last bar)."""
    half = LABEL_CHAR * len(text) / 2
    if centre + half > WIDTH:
        return _text(WIDTH - 1, y, text, anchor="end")
    if centre - half < 0:
        return _text(1, y, text, anchor="start")
    return _text(centre, y, text, anchor="middle")


def _line(x1: float, y1: float, x2: float, y2: float, *, dashed: bool = False) -> SafeString:
    dash = mark_safe(' stroke-dasharray="3 3"') if dashed else ""
    return format_html(
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}"{}/>', _n(x1), _n(y1), _n(x2), _n(y2), RULE, dash
    )


def _join(parts: Iterable[SafeString]) -> SafeString:
    """Pieces each escaped already (format_html), one after another."""
    return mark_safe("".join(parts))  # noqa: S308 - every part is a SafeString
