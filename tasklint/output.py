"""Render check results: text (a rich table), json (DESIGN §6), markdown, github."""

from __future__ import annotations

import html
import json
from collections.abc import Callable, Sequence
from json.encoder import encode_basestring as _encode  # what json.dumps uses
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from tasklint import __version__
from tasklint.app import SourceOutcome
from tasklint.bulk import gc_paused
from tasklint.config.settings import STATUS_LABELS
from tasklint.connectors.sources import SourceSpec
from tasklint.model import Finding, Severity, Status
from tasklint.text import percent, quote
from tasklint.validators.engine import LintResult, TaskResult

if TYPE_CHECKING:  # rich is imported by the text renderers, when they run
    from rich.console import Console

FORMATS = ("text", "json", "markdown", "github")
_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_STATUS_STYLE = {Status.ABNORMAL: "bold red", Status.NOT_DONE: "yellow", Status.DONE: "green"}


def status_label(status: Status, locale: str) -> str:
    return STATUS_LABELS["zh" if locale == "zh" else "en"][status.value]


def completion_text(value: float | None) -> str:
    return "" if value is None else percent(value)


# --- json -------------------------------------------------------------------------


def _finding_json(f: Finding, *, with_name: bool = True) -> dict[str, Any]:
    data: dict[str, Any] = {"code": f.code}
    if with_name:
        data["name"] = f.name
    data["severity"] = f.severity.value
    if with_name:
        data["field"] = f.field
    data["message"] = f.message
    return data


def _task_json(t: TaskResult) -> dict[str, Any]:
    return {
        "id": t.task.id,
        "title": t.task.title,
        "status": t.status.value,
        "completion": None if t.completion is None else round(t.completion, 4),
        "findings": [_finding_json(f) for f in t.active],
    }


def _source_head(outcome: SourceOutcome) -> dict[str, Any]:
    """The keys of a source's JSON before its tasks."""
    result = outcome.result
    return {
        "name": outcome.spec.name,
        "kind": outcome.spec.kind,
        "rows": len(result.tasks),
        "skipped_rules": [{"code": s.code, "reason": s.reason} for s in result.skipped],
        "table_findings": [
            _finding_json(f, with_name=False) for f in result.table_findings if not f.suppressed
        ],
    }


def _source_summary(result: LintResult) -> dict[str, Any]:
    counts = result.severity_counts()
    return {
        "error": counts["error"],
        "warning": counts["warning"],
        "info": counts["info"],
        "status": dict(result.status_counts()),
    }


class Linted(Protocol):
    """What the text renderer needs: a check's or a sync's outcome."""

    @property
    def spec(self) -> SourceSpec: ...

    @property
    def result(self) -> LintResult: ...


def source_json(outcome: SourceOutcome) -> dict[str, Any]:
    return {
        **_source_head(outcome),
        "tasks": [_task_json(t) for t in outcome.result.tasks],
        "summary": _source_summary(outcome.result),
    }


def _document_head(outcomes: Sequence[SourceOutcome]) -> dict[str, Any]:
    today = outcomes[0].result.today.isoformat() if outcomes else None
    return {"tool": "tasklint", "version": __version__, "today": today}


def render_json(outcomes: Sequence[SourceOutcome]) -> str:
    """DESIGN §6, exactly as `json.dumps(document, ensure_ascii=False, indent=2)` writes
    it, where `document` holds `source_json` of each outcome; `_JsonWriter` writes the
    tasks itself, which is most of the text."""
    parts: list[str] = []
    write_json(outcomes, parts.append)
    return "".join(parts)


def write_json(
    outcomes: Sequence[SourceOutcome],
    write: Callable[[str], object],
    errors: Sequence[tuple[str, str]] = (),
) -> None:
    """`render_json(outcomes)`, handed to `write` a few thousand tasks at a time: on a
    large table the whole text is hundreds of megabytes, held twice more to print it.
    `errors`, (source, line) of each source that could not be read, follow "sources" as
    "errors" (a key DESIGN §6 leaves out: a report without them would read as if those
    sources were clean, and a run where none could be read would print nothing)."""
    with gc_paused():
        _JsonWriter(write).document(outcomes, errors)


def _dumps(value: Any, level: int) -> str:
    """`value` as json.dumps(indent=2) writes it nested `level` deep."""
    text = json.dumps(value, ensure_ascii=False, indent=2)
    # Strings are written with their newlines escaped: every newline is the layout's.
    return text.replace("\n", "\n" + "  " * level) if level and "\n" in text else text


class _JsonWriter:
    """Writes the JSON report with json.dumps' layout (indent=2, ", " and ": "), the
    tasks with templates: on 100,000 rows json.dumps with an indent (the pure-Python
    encoder) costs several seconds. Values of any other type than those the report
    holds (str, None, float) go through json.dumps."""

    # How many pieces of text are gathered before they are handed on.
    _BATCH = 1 << 14

    def __init__(self, write: Callable[[str], object]) -> None:
        self._write = write
        # (code, name, severity, field) -> the finding's text up to its message
        self._heads: dict[tuple[str, str, Severity, str | None], str] = {}

    def _hand_on(self, out: list[str]) -> None:
        self._write("".join(out))
        out.clear()

    def document(
        self, outcomes: Sequence[SourceOutcome], errors: Sequence[tuple[str, str]] = ()
    ) -> None:
        out: list[str] = ["{"]
        for key, value in _document_head(outcomes).items():
            out.append(f"\n  {_encode(key)}: {_dumps(value, 1)},")
        out.append('\n  "sources": ')
        if not outcomes:
            out.append("[]")
        else:
            out.append("[")
            for index, outcome in enumerate(outcomes):
                out.append("\n    " if index == 0 else ",\n    ")
                self.source(outcome, out)
            out.append("\n  ]")
        if errors:
            shown = [{"source": source, "message": line} for source, line in errors]
            out.append(f',\n  "errors": {_dumps(shown, 1)}')
        out.append("\n}")
        self._hand_on(out)

    def source(self, outcome: SourceOutcome, out: list[str]) -> None:
        """A source at level 2 (its keys indented 6)."""
        out.append("{")
        for key, value in _source_head(outcome).items():
            out.append(f"\n      {_encode(key)}: {_dumps(value, 3)},")
        out.append('\n      "tasks": ')
        tasks = outcome.result.tasks
        if not tasks:
            out.append("[]")
        else:
            self.tasks(tasks, out)
            out.append("\n      ]")
        out.append(f',\n      "summary": {_dumps(_source_summary(outcome.result), 3)}')
        out.append("\n    }")

    def tasks(self, tasks: Sequence[TaskResult], out: list[str]) -> None:
        """The tasks at level 4 (their keys indented 10), from the opening bracket."""
        encode = _encode
        append = out.append
        heads = self._heads
        # A finding's text, by the finding: rows share the findings they have in common
        # (the engine makes each distinct one once), and all of them live until the end.
        written: dict[int, str] = {}
        statuses: dict[Status, str] = {}
        opening = "[\n        {"
        batch = self._BATCH
        for t in tasks:
            if len(out) > batch:
                self._hand_on(out)
            task = t.task
            task_id, title, status = task.id, task.title, t.status
            shown_status = statuses.get(status)
            if shown_status is None:
                shown_status = statuses[status] = _scalar(status.value, 5)
            completion = t.completion
            if completion is None:
                shown = "null"
            else:
                completion = round(completion, 4)
                if type(completion) is float and completion - completion == 0:  # finite
                    shown = float.__repr__(completion)
                else:
                    shown = _scalar(completion, 5)
            shown_id = encode(task_id) if type(task_id) is str else _scalar(task_id, 5)
            shown_title = encode(title) if type(title) is str else _scalar(title, 5)
            append(
                f'{opening}\n          "id": {shown_id},\n          "title": {shown_title},'
                f'\n          "status": {shown_status},'
                f'\n          "completion": {shown},'
                '\n          "findings": '
            )
            opening = ",\n        {"
            separator = "[\n            "
            for f in t.findings:
                if f.suppressed:
                    continue
                text = written.get(id(f))
                if text is None:
                    head_key = (f.code, f.name, f.severity, f.field)
                    head = heads.get(head_key)
                    if head is None:
                        head = heads[head_key] = (
                            f'{{\n              "code": {_scalar(f.code, 7)},'
                            f'\n              "name": {_scalar(f.name, 7)},'
                            f'\n              "severity": {_scalar(f.severity.value, 7)},'
                            f'\n              "field": {_scalar(f.field, 7)},'
                            '\n              "message": '
                        )
                    message = f.message
                    text = (
                        f"{head}"
                        f"{encode(message) if type(message) is str else _scalar(message, 7)}"
                        "\n            }"
                    )
                    if len(written) < 65536:
                        written[id(f)] = text
                append(separator)
                append(text)
                separator = ",\n            "
            append("[]\n        }" if separator[0] == "[" else "\n          ]\n        }")


def _scalar(value: Any, level: int) -> str:
    if type(value) is str:
        return _encode(value)
    if value is None:
        return "null"
    return _dumps(value, level)


# --- text -------------------------------------------------------------------------


def _summary_line(result: LintResult) -> str:
    counts, statuses = result.severity_counts(), result.status_counts()
    zh = result.locale == "zh"
    if zh:
        parts = [
            f"{counts['error']} 个错误，{counts['warning']} 个警告，{counts['info']} 条提示",
            f"{statuses['done']} 项已完成，{statuses['not_done']} 项未完成，"
            f"{statuses['abnormal']} 项异常",
        ]
    else:
        parts = [
            f"{counts['error']} errors, {counts['warning']} warnings, {counts['info']} info",
            f"{statuses['done']} done, {statuses['not_done']} not done, "
            f"{statuses['abnormal']} abnormal",
        ]
    return " · ".join(parts)


def _row_label(result: TaskResult) -> str:
    return result.task.id if result.task.row is None else str(result.task.row)


def render_text(outcomes: Sequence[Linted], console: Console) -> None:
    from rich.table import Table as RichTable
    from rich.text import Text

    for outcome in outcomes:
        result = outcome.result
        zh = result.locale == "zh"
        console.print(
            Text(f"{outcome.spec.name}", style="bold"),
            Text(f"({len(result.tasks)} {'行' if zh else 'rows'})", style="dim"),
        )
        # the active findings, as the engine counted them (not a walk over every row)
        if sum(result.severity_counts().values()) > TABLE_LINES:
            _list_findings(result, console)
            _text_footer(result, console)
            continue
        grid = RichTable(show_lines=False, expand=False, header_style="bold")
        grid.add_column("行" if zh else "Row", justify="right", no_wrap=True)
        # Chinese has no spaces to wrap at: "fold" breaks long text between characters,
        # where the default would cut the message short with an ellipsis.
        grid.add_column("任务" if zh else "Task", max_width=28, overflow="fold")
        grid.add_column("状态" if zh else "Status", no_wrap=True)
        grid.add_column("代码" if zh else "Code", no_wrap=True)
        grid.add_column("提示" if zh else "Message", overflow="fold")
        for task_result in result.tasks:
            active = task_result.active
            status = Text(
                status_label(task_result.status, result.locale),
                style=_STATUS_STYLE[task_result.status],
            )
            if not active:
                continue
            for index, f in enumerate(active):
                first = index == 0
                grid.add_row(
                    _row_label(task_result) if first else "",
                    _shown_title(task_result) if first else "",
                    status if first else "",
                    Text(f.code, style=_STYLE[f.severity]),
                    f.message,
                    end_section=index == len(active) - 1,
                )
        for f in result.table_findings:
            if not f.suppressed:
                grid.add_row(
                    "—",
                    "整张表" if zh else "whole table",
                    "",
                    Text(f.code, style=_STYLE[f.severity]),
                    f.message,
                )
        if grid.row_count:
            console.print(grid)
        _text_footer(result, console)


def _skipped_line(result: LintResult) -> str:
    """The rules that did not run and why, punctuated as the run's language is."""
    if result.locale == "zh":
        return "跳过的规则：" + "；".join(f"{s.code}（{s.reason}）" for s in result.skipped)
    return "Skipped rules: " + "; ".join(f"{s.code} ({s.reason})" for s in result.skipped)


def _text_footer(result: LintResult, console: Console) -> None:
    from rich.text import Text

    if result.skipped:
        console.print(Text(_skipped_line(result), style="dim"))
    console.print(Text(_summary_line(result), style="bold red" if result.has_errors else "bold"))
    console.print()


# A longer text report is listed a line a finding instead of laid out as a table: rich
# takes about 2 ms a row to lay out a table (20 s for 10,000 rows), the listing 10 µs.
TABLE_LINES = 300
# Control characters a cell may hold (escape sequences, carriage returns, newlines)
# would move the terminal's cursor or break the listing's lines: each shows as a space.
_PLAIN = dict.fromkeys([*range(0x20), 0x7F], " ")


def _list_findings(result: LintResult, console: Console) -> None:
    """The findings a line each, under a line for their row (number, task, status):

         12  Venue setup  Abnormal
             ✖ S402 3 days overdue (due 2025-06-17), more than 2 days late …

    Styled by rich's own styles, written straight to the console's file."""
    paint = _painter(console)
    status_of = {s: paint(status_label(s, result.locale), _STATUS_STYLE[s]) for s in Status}
    code_of: dict[tuple[Severity, str], str] = {}

    def finding_line(f: Finding) -> str:
        code = code_of.get((f.severity, f.code))
        if code is None:
            code = code_of[f.severity, f.code] = paint(
                f"{f.severity.symbol} {f.code}", _STYLE[f.severity]
            )
        return f"         {code} {f.message.translate(_PLAIN)}\n"

    lines: list[str] = []
    for task_result in result.tasks:
        active = task_result.active
        if not active:
            continue
        title = _shown_title(task_result).translate(_PLAIN)
        lines.append(
            f"{paint(f'{_row_label(task_result):>8}', 'dim')}  {paint(title, 'bold')}"
            f"  {status_of[task_result.status]}\n"
        )
        lines.extend(map(finding_line, active))
    table_findings = [f for f in result.table_findings if not f.suppressed]
    if table_findings:
        whole = "整张表" if result.locale == "zh" else "whole table"
        lines.append(f"{paint(f'{chr(0x2014):>8}', 'dim')}  {paint(whole, 'bold')}\n")
        lines.extend(map(finding_line, table_findings))
    console.file.write("".join(lines))


def _painter(console: Console) -> Callable[[str, str], str]:
    """text, style -> the text wrapped in the escape codes rich would write for the
    style on this console: none when it prints no colours (a pipe, a file, NO_COLOR's
    colours dropped but bold kept, the legacy Windows console)."""
    from rich.console import COLOR_SYSTEMS
    from rich.style import Style

    system = COLOR_SYSTEMS.get(console.color_system or "")
    if system is None or console.legacy_windows:
        return lambda text, style: text
    codes: dict[str, tuple[str, str]] = {}

    def paint(text: str, style: str) -> str:
        known = codes.get(style)
        if known is None:
            parsed = Style.parse(style)
            if console.no_color:
                parsed = parsed.without_color
            before, _, after = parsed.render("\x00", color_system=system).partition("\x00")
            known = codes[style] = (before, after)
        return f"{known[0]}{text}{known[1]}"

    return paint


# --- markdown ---------------------------------------------------------------------


def _md_cell(text: str | None) -> str:
    # A cell's "<script>" shows as text on the wiki page, as the HTML report shows it
    return html.escape(text or "", quote=False).replace("|", "\\|").replace("\n", " ")


# A title longer than this is cut in the text and Markdown reports (a cell pasted full
# of text would fill screens); the JSON report keeps it whole.
_TITLE_SHOWN = 200


def _shown_title(result: TaskResult) -> str:
    return quote(result.task.title or "", _TITLE_SHOWN) if result.task.title else ""


def render_markdown(outcomes: Sequence[SourceOutcome]) -> str:
    lines: list[str] = []
    for outcome in outcomes:
        result = outcome.result
        zh = result.locale == "zh"
        lines.append(f"## {_md_cell(outcome.spec.name)}")
        lines.append("")
        lines.append(_summary_line(result))
        lines.append("")
        if zh:
            lines.append("| 行 | 任务 | 计算状态 | 完成率 | 提示 |")
        else:
            lines.append("| Row | Task | Status | Completion | Findings |")
        lines.append("|---|---|---|---|---|")
        for t in result.tasks:
            findings = "<br>".join(_md_cell(f.line()) for f in t.active)
            lines.append(
                f"| {_row_label(t)} | {_md_cell(_shown_title(t))} | "
                f"{status_label(t.status, result.locale)} | {completion_text(t.completion)} | "
                f"{findings} |"
            )
        table_findings = [f for f in result.table_findings if not f.suppressed]
        if table_findings:
            lines.append("")
            lines.extend(f"- {_md_cell(f.line())}" for f in table_findings)
        if result.skipped:
            lines.append("")
            lines.append(_skipped_line(result))
        lines.append("")
    return "\n".join(lines)


# --- github -----------------------------------------------------------------------


def _gh_escape(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_prop(text: str) -> str:
    return _gh_escape(text).replace(":", "%3A").replace(",", "%2C")


def _repository_path(url: str) -> str:
    """A file as an annotation names it: relative to the folder the check runs in (the
    repository's root in a workflow) when it lies inside it."""
    path = Path(url).expanduser()
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except (ValueError, OSError):
        return url


def render_github(outcomes: Sequence[SourceOutcome]) -> str:
    """GitHub Actions workflow commands: one ::error/::warning/::notice line per finding."""
    level = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
    lines = []
    for outcome in outcomes:
        result = outcome.result
        # an annotation names the file in the repository, not the source's name in the
        # config ([sources.q3] url = "plans/q3.csv" annotates plans/q3.csv)
        spec = outcome.spec
        where = _repository_path(spec.url) if spec.kind == "file" else spec.name
        file_lines = result.table.lines  # a CSV row's line in the file, where not its number
        for t in result.tasks:
            for f in t.active:
                props = [f"file={_gh_prop(where)}"]
                if t.task.row is not None and outcome.spec.kind == "file":
                    props.append(f"line={file_lines.get(t.task.row, t.task.row)}")
                props.append(f"title={_gh_prop(f'{f.code} {f.name} ({t.task.id})')}")
                lines.append(f"::{level[f.severity]} {','.join(props)}::{_gh_escape(f.message)}")
        for f in result.table_findings:
            if not f.suppressed:
                props_text = f"file={_gh_prop(where)},title={_gh_prop(f'{f.code} {f.name}')}"
                lines.append(f"::{level[f.severity]} {props_text}::{_gh_escape(f.message)}")
    return "\n".join(lines)


# --- sync ---------------------------------------------------------------------------


def render_changes(outcome: Any, console: Console) -> None:
    """The planned (--dry-run) or written changes of one sync, and what it cost."""
    from rich.table import Table as RichTable

    changes = outcome.changes
    zh = outcome.result.locale == "zh"
    title = "计划写入（未写入）" if zh else "Planned changes (not written)"
    if outcome.dry_run and sum(len(c.values) for c in changes) > TABLE_LINES:
        # as long reports are: a line a changed cell, under its row's label
        paint = _painter(console)
        lines = [f"{paint(title, 'italic')}\n"]
        for change in changes:
            lines.append(f"{paint(change.label.translate(_PLAIN), 'bold')}\n")
            for column, new in change.values.items():
                shown = f"{_shown(change.old.get(column))} → {_shown(new)}".translate(_PLAIN)
                lines.append(f"    {paint(column, 'dim')}  {shown}\n")
        console.file.write("".join(lines))
    elif outcome.dry_run and changes:
        grid = RichTable(
            title=title,
            title_justify="left",
            header_style="bold",
        )
        for heading in ("行", "列", "原值 → 新值") if zh else ("Row", "Column", "Old → new"):
            grid.add_column(heading, overflow="fold")
        for change in changes:
            for index, (column, new) in enumerate(change.values.items()):
                old = change.old.get(column)
                grid.add_row(
                    change.label if index == 0 else "", column, f"{_shown(old)} → {_shown(new)}"
                )
        console.print(grid)
    stats = outcome.stats
    verb = ("将写入" if zh else "would write") if outcome.dry_run else ("写入" if zh else "wrote")
    if zh:
        read = "全量读取" if outcome.full_read else "增量读取"
    else:
        read = "full read" if outcome.full_read else "incremental read"
    kinds = _REQUEST_KINDS_ZH if zh else {}
    each = ", ".join(f"{kinds.get(k, k)} {v}" for k, v in sorted(stats.requests.items()))
    console.print(
        f"{outcome.spec.name}: {read} {outcome.rows_read}, {verb} {len(changes)} "
        f"{'行' if zh else 'rows'} · {sum(stats.requests.values())}"
        f"{' 次请求' if zh else ' requests'} ({each}) · {stats.rate_limited} × 429",
        markup=False,  # a source's name is the user's text
    )


# The kinds of request a sync counts, as a Chinese summary says them
_REQUEST_KINDS_ZH = {"meta": "结构", "read": "读取", "write": "写入"}


def _shown(value: Any) -> str:
    if value in (None, ""):
        return "∅"
    text = str(value).replace("\n", " ⏎ ")
    return text if len(text) <= 80 else text[:79] + "…"


# The sync's steps and the reasons it waits (tasklint.connectors.transport), in Chinese
_STEPS_ZH = {
    "schema": "读取表结构",
    "reading": "读取行",
    "linting": "检查",
    "writing": "写回",
    "network": "网络故障",
    "rate limit": "限流",
    "server error": "服务器出错",
}


class SyncProgress:
    """On a terminal, a live line per phase and a bar while writing (rows, requests,
    waits for the rate limit); elsewhere, plain log lines. In `locale`'s language."""

    def __init__(self, console: Console, locale: str = "en") -> None:
        self.console = console
        self._zh = locale == "zh"
        self._progress: Any = None
        self._task: Any = None
        self._source = ""

    def __enter__(self) -> SyncProgress:
        if self.console.is_terminal:
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                SpinnerColumn,
                TextColumn,
                TimeElapsedColumn,
            )

            self._progress = Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=self.console,
                transient=True,
            )
            self._progress.__enter__()
            self._task = self._progress.add_task("starting", total=None)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.__exit__(*exc)

    def _say(self, text: str) -> None:
        # not "tasklint: …", which is how errors and notices start: a log of a run that
        # failed would otherwise show every step as another failure
        self.console.print(f"· {text}", highlight=False, markup=False)

    def _step(self, text: str) -> str:
        return _STEPS_ZH.get(text, text) if self._zh else text

    def phase(self, source: str, text: str) -> None:
        self._source = source
        line = f"{source}：{self._step(text)}" if self._zh else f"{source}: {text}"
        if self._progress is not None:
            self._progress.update(self._task, description=line, total=None, completed=0)
        else:
            self._say(line)

    def written(self, source: str, done: int, total: int) -> None:
        if self._progress is not None:
            writing = f"{source}：写回行" if self._zh else f"{source}: writing rows"
            self._progress.update(self._task, description=writing, total=total, completed=done)
        elif done == total or done % 500 < 10:
            if self._zh:
                self._say(f"{source}：已写回 {done}/{total} 行")
            else:
                self._say(f"{source}: wrote {done} of {total} rows")

    def waiting(self, reason: str, seconds: float) -> None:
        if self._zh:
            line = f"{self._source}：等待 {seconds:.1f} 秒（{self._step(reason)}）"
        else:
            line = f"{self._source}: waiting {seconds:.1f}s ({reason})"
        if self._progress is not None:
            self._progress.update(self._task, description=line)
        else:
            self._say(line)
