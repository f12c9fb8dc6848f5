"""The report's charts: pygal SVG, made fit to inline in a page that works offline.

pygal draws with plain SVG text and shapes; the page gets each chart as an inline
`<svg>` with a `viewBox` (it scales to its column) and without pygal's script (its
tooltips would load a script from the web; the values are printed on the bars instead),
its comments (they date the file) and its random ids (same report, same bytes).
Labels are user-written text: pygal writes them through an XML serialiser, which
escapes them.

Each chart comes in two drawings: a wide one for screens and paper, and a narrow one
(360 units, shorter labels) that a phone shows at about its own size, so that its text
stays as large as the page's; the page's CSS shows one or the other.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from html import escape
from typing import Any

import pygal
from pygal.style import Style

from tasklint.report import fmt
from tasklint.report.labels import Labels
from tasklint.report.model import Report

FONT = (
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "PingFang SC", '
    '"Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", sans-serif'
)
GREEN, AMBER, RED, BLUE, GREY, TEAL = (
    "#2e7d32",
    "#f2a900",
    "#c62828",
    "#1565c0",
    "#90a4ae",
    "#00897b",
)
STATUS_COLORS = (GREEN, AMBER, RED)  # done, not done, abnormal
SEVERITY_COLORS = (RED, AMBER, GREY)  # error, warning, info
MAX_BARS = 12


@dataclass(frozen=True)
class Size:
    """One drawing's width (SVG units), font size and label length (columns)."""

    suffix: str
    width: int
    font: int
    label: int


WIDE = Size("", 600, 14, 26)
NARROW = Size("-narrow", 360, 13, 12)

_STYLE_OPTIONS: dict[str, Any] = dict(
    background="transparent",
    plot_background="transparent",
    foreground="#37474f",
    foreground_strong="#263238",
    foreground_subtle="#cfd8dc",
    opacity="0.9",
    opacity_hover="1",
    transition="0ms",
    font_family=FONT,
    guide_stroke_color="#dfe5ea",
    major_guide_stroke_color="#c7d0d7",
    guide_stroke_dasharray="3,3",
    major_guide_stroke_dasharray="3,3",
    colors=(BLUE, TEAL, AMBER, RED, GREY),
)

_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_SCRIPT = re.compile(r"<script\b.*?</script>", re.DOTALL)
_TITLE = re.compile(r"<title>.*?</title>", re.DOTALL)


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "WF"


def _short(text: str, limit: int) -> str:
    """At most `limit` columns, a CJK character counting two."""
    used = 0
    for index, char in enumerate(text):
        used += 2 if _wide(char) else 1
        if used > limit:
            return text[: max(index - 1, 1)] + "…"
    return text


def _label_margin(labels: list[str], size: Size) -> int:
    """The room pygal leaves for axis labels assumes 0.6 em per character; a CJK
    character takes a full em. The difference is added to the left margin."""
    missing = max((sum(0.42 for c in text if _wide(c)) for text in labels), default=0)
    return int(missing * size.font) + 8


def _config(
    size: Size,
    height: int,
    colors: tuple[str, ...] | None = None,
    labels: list[str] | None = None,
    **options: Any,
) -> dict[str, Any]:
    style = {
        **_STYLE_OPTIONS,
        "label_font_size": size.font,
        "major_label_font_size": size.font,
        "value_font_size": size.font - 1,
        "value_label_font_size": size.font - 1,
        "legend_font_size": size.font,
        "title_font_size": size.font + 1,
        "tooltip_font_size": size.font - 2,
        **({"colors": colors} if colors else {}),
    }
    if labels is not None:
        options.setdefault("margin_left", _label_margin(labels, size))
    return {
        "style": Style(**style),
        "width": size.width,
        "height": height,
        "explicit_size": False,
        "disable_xml_declaration": True,
        "js": [],
        "print_values": True,
        "print_zeroes": False,
        "legend_at_bottom": True,
        "margin": 8,
        "margin_right": 24 if size is WIDE else 16,
        "spacing": 10,
        "truncate_label": -1,
        "truncate_legend": -1,
        **options,
    }


def _svg(chart: Any, name: str, caption: str) -> str:
    # One legend row: pygal reserves room for `len(series) // columns` rows.
    chart.legend_at_bottom_columns = max(len(chart.raw_series), 1)
    text = str(chart.render(is_unicode=True))
    match = _UUID.search(text)
    if match:
        text = text.replace(match.group(0), name)
    text = _COMMENT.sub("", text)
    text = _SCRIPT.sub("", text)
    text = _TITLE.sub(f"<title>{escape(caption)}</title>", text, count=1)
    return text.replace("<svg ", f'<svg role="img" aria-label="{escape(caption)}" ', 1)


def _bars_height(bars: int, size: Size, legend: bool = True) -> int:
    row = 36 if size is WIDE else 30
    return 44 + row * max(bars, 1) + (2 * size.font + 16 if legend else 0)


def _percent_ticks(highest: float) -> list[int]:
    """0%, 25%… up past the highest rate (and always to 100%)."""
    top = max(100, int(highest * 100 + 24.999) // 25 * 25)
    step = 25 if top <= 200 else 50 * (1 + top // 500)
    return list(range(0, top + 1, step))


def _ticks(highest: float, count: int = 4) -> list[float]:
    """0 and about `count` round steps (1, 2, 2.5 or 5 × 10ⁿ) up past `highest`."""
    if highest <= 0:
        return [0, 1]
    raw = highest / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    return [step * i for i in range(math.ceil(highest / step) + 1)]


def _compact(value: float) -> str:
    """80,000 → 80k, 1,250,000 → 1.25M."""
    for unit, suffix in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= unit:
            return f"{value / unit:.3g}{suffix}"
    return f"{value:.3g}"


# pygal draws a horizontal chart's first label at the bottom: the series are reversed
# so that the page reads top-down in the tables' order.


def phases_chart(report: Report, labels: Labels, size: Size = WIDE) -> str | None:
    phases = report.phases[::-1]
    if not phases:
        return None
    names = [_short(labels.phase_name(p.phase), size.label) for p in phases]
    chart = pygal.HorizontalStackedBar(
        **_config(size, _bars_height(len(phases), size), colors=STATUS_COLORS, labels=names)
    )
    chart.x_labels = names
    for key in ("done", "not_done", "abnormal"):
        chart.add(labels.status_name(key), [getattr(p, key) for p in phases])
    return _svg(chart, "phases" + size.suffix, labels["chart_phases"])


def goals_chart(report: Report, labels: Labels, size: Size = WIDE) -> str | None:
    measured = [g for g in report.goals if g.completion is not None]
    if not measured:
        return None
    if len(measured) > MAX_BARS:  # many goals: the furthest from target
        measured = sorted(measured, key=lambda g: g.completion or 0)[:MAX_BARS]
    measured = measured[::-1]
    names = [_short(g.title, size.label) for g in measured]
    chart = pygal.HorizontalBar(
        **_config(
            size,
            _bars_height(len(measured), size, legend=False),
            labels=names,
            show_legend=False,
        ),
        value_formatter=lambda v: fmt.percent(v / 100),
        y_labels=_percent_ticks(max(g.completion or 0 for g in measured)),
    )
    chart.x_labels = names
    values = []
    for g in measured:
        rate = (g.completion or 0) * 100
        color = GREEN if g.met else (AMBER if rate >= 80 else RED)
        values.append({"value": round(rate, 2), "color": color})
    chart.add(labels["completion"], values)
    return _svg(chart, "goals" + size.suffix, labels["chart_goals"])


def rules_chart(report: Report, labels: Labels, size: Size = WIDE) -> str | None:
    lines = report.rules[:MAX_BARS][::-1]
    if not lines:
        return None
    if size is WIDE:
        names = [f"{line.code} {line.name}" for line in lines]
    else:
        names = [line.code for line in lines]
    chart = pygal.HorizontalStackedBar(
        **_config(size, _bars_height(len(lines), size), colors=SEVERITY_COLORS, labels=names)
    )
    chart.x_labels = names
    for key in ("error", "warning", "info"):
        chart.add(labels[key], [getattr(line, key) for line in lines])
    return _svg(chart, "rules" + size.suffix, labels["chart_rules"])


def budget_chart(report: Report, labels: Labels, size: Size = WIDE) -> str | None:
    lines = [b for b in report.budget.lines if b.budget is not None]
    if not lines:
        return None
    if len(lines) > MAX_BARS:  # many budget lines: the largest
        lines = sorted(lines, key=lambda b: -(b.budget or 0))[:MAX_BARS]
    lines = lines[::-1]
    names = [_short(b.title, size.label) for b in lines]
    highest = max(max(b.budget or 0, b.spent or 0) for b in lines)
    chart = pygal.HorizontalBar(
        **_config(
            size,
            _bars_height(len(lines), size) + 20 * len(lines),
            colors=(GREY, BLUE),
            labels=names,
        ),
        value_formatter=_compact,  # "48k" fits in a bar; the table has the figures
        y_labels=[{"value": v, "label": _compact(v)} for v in _ticks(highest)],
    )
    chart.x_labels = names
    chart.add(labels["planned"], [b.budget for b in lines])
    chart.add(
        labels["spent"], [{"value": b.spent, "color": RED} if b.over else b.spent for b in lines]
    )
    return _svg(chart, "budget" + size.suffix, labels["chart_budget"])


def trend_chart(report: Report, labels: Labels, size: Size = WIDE) -> str | None:
    if len(report.trend) < 2:
        return None
    chart = pygal.Line(
        **_config(size, 300 if size is WIDE else 260, colors=(AMBER, RED), print_values=False),
        dots_size=3,
        show_minor_x_labels=False,
        include_x_axis=True,  # the value axis starts at 0
    )
    days = [p.started.strftime("%m-%d") for p in report.trend]
    if len(set(days)) < len(days):  # several runs a day: say when
        days = [p.started.strftime("%m-%d %H:%M") for p in report.trend]
    chart.x_labels = days
    shown = (8 if size is WIDE else 4) // (2 if len(days[0]) > 5 else 1)
    chart.x_labels_major = days[:: max(1, math.ceil(len(days) / shown))]
    chart.add(labels["open_warnings"], [p.open_warnings for p in report.trend])
    chart.add(labels["abnormal_rows"], [p.abnormal for p in report.trend])
    return _svg(chart, "trend" + size.suffix, labels["chart_trend"])


CHARTS = {
    "phases": phases_chart,
    "goals": goals_chart,
    "rules": rules_chart,
    "budget": budget_chart,
    "trend": trend_chart,
}


def all_charts(report: Report, labels: Labels) -> dict[str, tuple[str, str] | None]:
    """name → (wide SVG, narrow SVG), or None where the report has nothing to draw."""
    charts: dict[str, tuple[str, str] | None] = {}
    for name, draw in CHARTS.items():
        wide = draw(report, labels, WIDE)
        narrow = draw(report, labels, NARROW)
        charts[name] = (wide, narrow) if wide and narrow else None
    return charts
