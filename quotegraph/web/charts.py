"""Geometry for the server-rendered SVG charts; templates draw it, escaping every label.

Colours are CSS classes (``c0`` … ``c7``), not inline styles, so the strict CSP holds.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable
from urllib.parse import quote

PALETTE = 7  # distinct colours; everything past them is "other" (class c7)
WIDTH, HEIGHT = 720, 220
LEFT, RIGHT, TOP, BOTTOM = 36, 8, 10, 40


@dataclass
class Bar:
    x: float
    y: float
    w: float
    h: float
    cls: str
    label: str


@dataclass
class Chart:
    width: int = WIDTH
    height: int = HEIGHT
    bars: list[Bar] = field(default_factory=list)
    xticks: list[tuple[float, str]] = field(default_factory=list)
    yticks: list[tuple[float, int]] = field(default_factory=list)
    legend: list[tuple[str, str, int]] = field(default_factory=list)  # (name, class, count)
    charted: int = 0  # quotes drawn (those with at least a month in their date)
    baseline: float = HEIGHT - BOTTOM
    left: float = LEFT
    right: float = WIDTH - RIGHT

    @property
    def empty(self) -> bool:
        return not self.bars


def months_between(first: str, last: str) -> list[str]:
    """Every month from ``first`` to ``last`` inclusive, as YYYY-MM."""
    y, m = int(first[:4]), int(first[5:7])
    ly, lm = int(last[:4]), int(last[5:7])
    out = []
    while (y, m) <= (ly, lm):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _valid_month(month: str | None) -> bool:
    return bool(month) and len(month) >= 7 and month[:4].isdigit() and month[4] == "-" and month[5:7].isdigit() and 1 <= int(month[5:7]) <= 12


def month_timeline(counts: Iterable[tuple[str, str, int]]) -> Chart:
    """Stacked bars of quotes per month, one colour per outlet (or channel); input is (month, key, count)."""
    per_month: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    totals: dict[str, int] = defaultdict(int)
    chart = Chart()
    for month, key, count in counts:
        if not _valid_month(month) or count <= 0:
            continue
        key = key or "unknown"
        per_month[month[:7]][key] += count
        totals[key] += count
        chart.charted += count
    if not per_month:
        return chart
    ranked = sorted(totals, key=lambda k: (-totals[k], k))
    colour = {key: f"c{i}" for i, key in enumerate(ranked[:PALETTE])}
    chart.legend = [(key, colour[key], totals[key]) for key in ranked[:PALETTE]]
    rest = sum(totals[k] for k in ranked[PALETTE:])
    if rest:
        chart.legend.append((f"{len(ranked) - PALETTE} others", "c7", rest))
    months = months_between(min(per_month), max(per_month))
    peak = max(sum(v.values()) for v in per_month.values())
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    slot = plot_w / len(months)
    bar_w = max(1.0, min(slot * 0.8, 40.0))
    step = max(1, round(len(months) / 12))
    for i, month in enumerate(months):
        x = LEFT + i * slot + (slot - bar_w) / 2
        if i % step == 0:
            chart.xticks.append((LEFT + i * slot + slot / 2, month))
        y = HEIGHT - BOTTOM
        stack = per_month.get(month, {})
        for key in sorted(stack, key=lambda k: ranked.index(k)):
            h = plot_h * stack[key] / peak
            y -= h
            chart.bars.append(Bar(round(x, 1), round(y, 1), round(bar_w, 1), round(h, 1), colour.get(key, "c7"), f"{month}: {stack[key]} from {key}"))
    for value in sorted({0, peak} | ({peak // 2} if peak % 2 == 0 else set())):
        chart.yticks.append((round(HEIGHT - BOTTOM - plot_h * value / peak, 1), value))
    return chart


@dataclass
class Dot:
    x: float
    label: str
    href: str
    first: bool


def appearance_timeline(appearances: list[dict], width: int = WIDTH) -> tuple[list[Dot], list[tuple[float, str]]]:
    """Dots on a time axis, one per appearance with a date; returns dots and axis labels."""
    dated = [a for a in appearances if len(str(a["article"].get("date") or "")) >= 10]
    if not dated:
        return [], []
    import datetime as dt

    def day(a: dict) -> dt.date:
        try:
            return dt.date.fromisoformat(str(a["article"]["date"])[:10])
        except ValueError:
            return dt.date.min

    dated = [a for a in dated if day(a) != dt.date.min]
    if not dated:
        return [], []
    lo, hi = min(map(day, dated)), max(map(day, dated))
    span = max(1, (hi - lo).days)
    usable = width - LEFT - RIGHT
    dots = []
    for a in dated:
        x = LEFT + usable * (day(a) - lo).days / span if hi != lo else LEFT + usable / 2
        label = f"{a['article']['date']} · {a['article'].get('outlet') or 'unknown outlet'}"
        href = "/articles/" + quote(str(a["article"]["id"]), safe="") + "#quote-" + quote(str(a["quote_id"]), safe="")
        dots.append(Dot(round(x, 1), label, href, bool(a.get("first"))))
    axis = [(LEFT, lo.isoformat())] if hi == lo else [(LEFT, lo.isoformat()), (width - RIGHT, hi.isoformat())]
    return dots, axis
