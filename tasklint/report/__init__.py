"""The Marketing Execution Review Report (营销执行复盘报告, seed step 3.3).

    model.py      build_report(outcome, runs) -> Report: every number, computed once
    html.py       render_html(report): one self-contained page (template and CSS in
                  tasklint/data/report.html.j2 and report.css; charts from charts.py)
    markdown.py   render_markdown(report)
    publish.py    publish(report, settings): a Notion page under [report] notion_parent,
                  a row of the Airtable table [report] airtable_runs
    labels.py     the words, in English and Chinese; fmt.py: how numbers are written

`tasklint report` (tasklint/commands/report.py) lints the source as `check` does, reads
the source's run history from the state store (`sync` records one run per sync), and
renders; the renderers and publishers only format what the Report holds.
"""

from __future__ import annotations

from tasklint.report.model import Report, build_report

__all__ = ["Report", "build_report"]
