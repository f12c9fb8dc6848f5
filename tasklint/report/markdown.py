"""The report as Markdown (GitHub-flavoured tables), for a wiki, an issue or a chat.

User-written text is escaped so that it stays text: table pipes, line breaks, and the
characters that would start HTML or Markdown emphasis.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from tasklint.report import fmt
from tasklint.report.labels import Labels
from tasklint.report.model import PART_KEYS, GroupLine, Report

MAX_ROWS = 200  # rows of one table, as on the HTML page

_SPECIAL = re.compile(r"([\\`*_\[\]|#])")


def text(value: object) -> str:
    """A cell or list item on one line: HTML's `& < >` as entities (no renderer reads
    them as tags), Markdown's punctuation backslash-escaped."""
    shown = "" if value is None else str(value)
    shown = shown.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    shown = _SPECIAL.sub(r"\\\1", shown)
    return " ".join(shown.split())


def _table(headers: Sequence[str], rows: Iterable[Sequence[object]], right: set[int]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |"]
    lines.append("|" + "|".join("---:" if i in right else "---" for i in range(len(headers))) + "|")
    for row in rows:
        lines.append("| " + " | ".join(str(cell) for cell in row) + " |")
    return lines


def _more(items: Sequence[object], L: Labels) -> list[str]:
    if len(items) <= MAX_ROWS:
        return []
    return ["", "_" + text(L["more_rows"].format(n=len(items) - MAX_ROWS)) + "_"]


def _count(value: int) -> str:
    return str(value) if value else ""


def _groups(lines: Sequence[GroupLine], heading: str, nobody: str, L: Labels) -> list[str]:
    return _table(
        [heading, L["errors"], L["warnings"], L["info"], L["abnormal_rows"]],
        (
            [
                f"_{text(nobody)}_" if g.name is None else text(g.name),
                _count(g.error),
                _count(g.warning),
                _count(g.info),
                _count(g.abnormal),
            ]
            for g in lines[:MAX_ROWS]
        ),
        {1, 2, 3, 4},
    ) + _more(lines, L)


def render_markdown(report: Report) -> str:
    L = Labels(report.locale)
    r = report
    out: list[str] = [f"# {L['title']}", ""]
    colon = L["colon"].strip()
    out.append(
        f"**{L['source']}{colon}** {text(r.source)} · **{L['date']}{colon}** {r.today.isoformat()}"
    )
    out.append("")

    measured = [g for g in r.goals if g.completion is not None]
    out.append(f"## {L['overview']}")
    out.append("")
    out += _table(
        ["", ""],
        [
            [L["rows"], r.rows],
            [L.status_name("done"), r.statuses["done"]],
            [L.status_name("not_done"), r.statuses["not_done"]],
            [L.status_name("abnormal"), r.statuses["abnormal"]],
            [L["errors"], r.summary["error"]],
            [L["warnings"], r.summary["warning"]],
            [L["info"], r.summary["info"]],
            [L["overdue_count"], len(r.overdue)],
            [L["goals_met"], f"{sum(1 for g in measured if g.met)}/{len(measured)}"],
        ],
        {1},
    )
    out.append("")

    out.append(f"## {L['goals']}")
    out.append("")
    if r.goals:
        out.append(L["goals_intro"])
        out.append("")
        out += _table(
            [L["task"], L["goal"], L["target"], L["actual"], L["completion"], L["status"]],
            (
                [
                    text(g.title),
                    text(g.goal or g.metric or "—")
                    + (f" ({L['lower_better']})" if g.lower_is_better else ""),
                    fmt.value(g.target, as_percent=g.percent),
                    fmt.value(g.actual, as_percent=g.percent),
                    fmt.percent(g.completion)
                    if g.completion is not None
                    else f"_{L['not_measured']}_",
                    L.status_name(g.status),
                ]
                for g in r.goals[:MAX_ROWS]
            ),
            {2, 3, 4},
        )
        out += _more(r.goals, L)
    else:
        out.append(f"_{L['no_goals']}_")
    out.append("")

    out.append(f"## {L['phases']}")
    out.append("")
    if r.phases:
        out += _table(
            [
                L["phase"],
                L.status_name("done"),
                L.status_name("not_done"),
                L.status_name("abnormal"),
                L["total"],
            ],
            ([L.phase_name(p.phase), p.done, p.not_done, p.abnormal, p.total] for p in r.phases),
            {1, 2, 3, 4},
        )
    else:
        out.append(f"_{L['no_rows']}_")
    out.append("")

    out.append(f"## {L['findings']} ({r.open_findings})")
    out.append("")
    if r.rules:
        out.append(f"### {L['by_rule']}")
        out.append("")
        out += _table(
            [
                L["code"],
                L["rule"],
                L["errors"],
                L["warnings"],
                L["info"],
                L["rows_affected"],
                L["total"],
            ],
            (
                [
                    f"`{x.code}`",
                    x.name + (f" ({L['whole_table']})" if x.whole_table else ""),
                    _count(x.error),
                    _count(x.warning),
                    _count(x.info),
                    _count(x.rows),
                    x.total,
                ]
                for x in r.rules
            ),
            {2, 3, 4, 5, 6},
        )
        out.append("")
        if r.table_findings:
            out.append(f"### {L['table_findings']}")
            out.append("")
            out += [f"- `{f.code}` {text(f.message)}" for f in r.table_findings]
            out.append("")
        out.append(f"### {L['by_owner']}")
        out.append("")
        out += _groups(r.owners, L["owner"], L["no_owner"], L)
        out.append("")
        out.append(f"_{L['shared_note']}_")
        out.append("")
        out.append(f"### {L['by_department']}")
        out.append("")
        out += _groups(r.departments, L["department"], L["no_department"], L)
    else:
        out.append(L["no_findings"])
    out.append("")

    out.append(f"## {L['overdue']} ({len(r.overdue)})")
    out.append("")
    if r.overdue:
        out += _table(
            [L["task"], L["owner"], L["due"], L["days_late"], L["status"]],
            (
                [
                    text(o.title),
                    text(o.owner or "—"),
                    o.due.isoformat(),
                    o.days_late,
                    L.status_name(o.status),
                ]
                for o in r.overdue[:MAX_ROWS]
            ),
            {3},
        )
        out += _more(r.overdue, L)
    else:
        out.append(L["no_overdue"])
    out.append("")

    b = r.budget
    out.append(f"## {L['budget']}")
    out.append("")
    if b.present:
        reserve = f" ({fmt.number(b.contingency)})" if b.contingency else ""
        out.append(
            f"- **{L['planned']}:** {fmt.number(b.planned)}\n"
            f"- **{L['spent']}:** {fmt.number(b.spent)} ({fmt.share(b.used)})\n"
            f"- **{L['contingency_share']}:** {fmt.share(b.contingency_share)}{reserve}"
        )
        for f in r.table_findings:
            if f.code == "B501":
                out.append(f"- `{f.code}` {text(f.message)}")
        if b.lines:
            out.append("")
            out += _table(
                [L["task"], L["planned"], L["spent"], L["used"]],
                (
                    [
                        text(x.title) + (f" **{L['over_budget']}**" if x.over else ""),
                        fmt.number(x.budget),
                        fmt.number(x.spent),
                        fmt.share(x.used),
                    ]
                    for x in b.lines[:MAX_ROWS]
                ),
                {1, 2, 3},
            )
            out += _more(b.lines, L)
    else:
        out.append(f"_{L['no_budget']}_")
    out.append("")

    out.append(f"## {L['trend']}")
    out.append("")
    if r.trend:
        out.append(L["trend_intro"].format(n=len(r.trend)))
        out.append("")
        out += _table(
            [L["run"], L["date"], L["rows"], L["open_warnings"], L["abnormal_rows"]],
            (
                [
                    L["run_label"].format(id=p.run_id),
                    p.started.strftime("%Y-%m-%d %H:%M"),
                    p.rows,
                    p.open_warnings,
                    "—" if p.abnormal is None else p.abnormal,
                ]
                for p in reversed(r.trend)
            ),
            {2, 3, 4},
        )
    else:
        out.append(f"_{L['no_history_file'] if r.kind == 'file' else L['no_history']}_")
    out.append("")

    out.append(f"## {L['review']}")
    out.append("")
    if r.review.rows:
        joiner = "、" if r.zh else ", "
        out.append(L["review_from"].format(rows=joiner.join(text(t) for t in r.review.rows)))
    else:
        out.append(f"**{L['no_review']}**")
    for key in PART_KEYS:
        out.append("")
        out.append(f"### {L[key]}")
        out.append("")
        items = r.review.parts.get(key) or []
        if items:
            out += [f"- {text(item.text)}" for item in items]
        else:
            out.append(f"**{L['missing_' + key]}**")
    out.append("")

    out.append("---")
    if r.skipped:
        skipped = "; ".join(f"{code} ({text(reason)})" for code, reason in r.skipped)
        out.append(f"{L['skipped']}: {skipped}  ")
    out.append(
        L["footer"].format(version=r.version, date=r.today.isoformat(), source=text(r.source))
    )
    out.append("")
    return "\n".join(out)
