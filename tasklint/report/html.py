"""The report as one self-contained HTML page: inline CSS and SVG, no script, no request.

The template (`tasklint/data/report.html.j2`) is autoescaped, so whatever a table's
cells say is shown as text; its Content-Security-Policy refuses any request the page
could make, should a future edit add one.
"""

from __future__ import annotations

from importlib import resources

from tasklint.report import fmt
from tasklint.report.charts import all_charts
from tasklint.report.labels import Labels
from tasklint.report.model import PART_KEYS, Report

_BUDGET_RULES = ("B501",)
MAX_ROWS = 200  # rows of one table on the page; the JSON of `check` has every row


def _data(name: str) -> str:
    return resources.files("tasklint").joinpath("data", name).read_text(encoding="utf-8")


def render_html(report: Report) -> str:
    from jinja2 import Environment, StrictUndefined

    environment = Environment(autoescape=True, undefined=StrictUndefined, trim_blocks=False)
    template = environment.from_string(_data("report.html.j2"))
    labels = Labels(report.locale)
    measured = [g for g in report.goals if g.completion is not None]
    return template.render(
        r=report,
        L=labels,
        fmt=fmt,
        css=_data("report.css"),
        charts=all_charts(report, labels),
        parts=PART_KEYS,
        max_rows=MAX_ROWS,
        goals_met=sum(1 for g in measured if g.met),
        goals_measured=len(measured),
        budget_findings=[f for f in report.table_findings if f.code in _BUDGET_RULES],
    )
