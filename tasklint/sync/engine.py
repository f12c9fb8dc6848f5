"""fetch -> lint -> desired values of tasklint's columns -> diff -> write the difference.

A second run with no edits writes nothing: a row is written only when one of its three
tool-owned values differs from what the table holds, and only those values are sent
(PATCH), so an edit a person makes to any other column during the run survives.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from tasklint.bulk import gc_paused
from tasklint.config.columns import map_headers
from tasklint.config.env import Environment
from tasklint.config.settings import STATUS_LABELS, WRITEBACK_DEFAULTS, Settings
from tasklint.connectors.remote import (
    ROLES,
    ColumnCheck,
    Connector,
    RemembersSource,
    RemoteRecord,
    Role,
    RowChange,
    StopSignal,
    WriteInterrupted,
)
from tasklint.connectors.rows import ParseOptions, RowReader, settle_date_order
from tasklint.connectors.sources import SourceSpec
from tasklint.connectors.transport import CallStats
from tasklint.errors import ConfigError, MissingColumnError, Notice, SourceError
from tasklint.model import Table, Task
from tasklint.sync.state import StateStore
from tasklint.validators.engine import LintResult, RuleSetting, TaskResult, lint

# Notion rounds last_edited_time down to the minute: re-read with an overlap.
INCREMENTAL_OVERLAP = timedelta(minutes=2)

Waiter = Callable[[str, float], None]


class SetupRequired(ConfigError):
    """The write-back columns are missing or unsuitable."""


@dataclass(slots=True)
class SyncOptions:
    today: date
    locale: str | None = None
    select: Sequence[str] = ()
    ignore: Sequence[str] = ()
    settings: Mapping[str, RuleSetting] = field(default_factory=dict)
    dry_run: bool = False
    full: bool = False
    full_every: timedelta = timedelta(days=7)
    # a first sync may write over values already in its columns (`--adopt-columns`)
    adopt: bool = False


@dataclass(slots=True)
class SyncOutcome:
    spec: SourceSpec
    result: LintResult
    changes: list[RowChange]
    stats: CallStats
    rows_read: int
    full_read: bool
    dry_run: bool
    columns: dict[Role, str]
    # what the run tells the user beside the result (how dates were read)
    notices: list[Notice] = field(default_factory=list)


def open_connector(
    spec: SourceSpec, env: Environment, *, on_wait: Waiter | None = None
) -> Connector:
    """The connector for an airtable:// or notion:// source; tokens from the environment."""
    if spec.kind == "airtable":
        token = env.required_token("airtable", spec.name)
        from tasklint.connectors.airtable import AirtableConnector

        return AirtableConnector(
            spec.url,
            token,
            endpoint_url=env.airtable_endpoint_url,
            view=spec.config.view,
            modified_field=spec.config.modified_field,
            on_wait=on_wait,
        )
    if spec.kind == "notion":
        token = env.required_token("notion", spec.name)
        from tasklint.connectors.notion import NotionConnector

        return NotionConnector(
            spec.url,
            token,
            base_url=env.notion_base_url,
            on_wait=on_wait,
        )
    raise SourceError(
        f"{spec.name}: a file cannot be synced",
        hint="use `tasklint check` for files",
        zh=f"{spec.name}：文件不能同步",
        hint_zh="文件请用 `tasklint check` 检查",
    )


def owned_columns() -> list[str]:
    """tasklint's own columns by their default names, never read as inputs. A name
    [writeback] gives is not among them: when a table reads it as an input (备注, Status),
    `writeback_targets` refuses it rather than write over the user's column."""
    return [*WRITEBACK_DEFAULTS["en"].values(), *WRITEBACK_DEFAULTS["zh"].values()]


def input_columns(connector: Connector, spec: SourceSpec, settings: Settings) -> dict[str, str]:
    names = [f.name for f in connector.fields().values()]
    columns = map_headers(names, spec.config.columns, owned=owned_columns())
    if "title" not in columns:
        quoted = [repr(name) for name in names]
        raise MissingColumnError(
            f"{spec.name}: no task column found (columns: {', '.join(quoted) or 'none'})",
            hint='name one "Task" or "任务", or map it: [sources.NAME.columns] title = "…"',
            zh=f"{spec.name}：找不到任务列（现有的列：{'、'.join(quoted) or '无'}）",
            hint_zh='请把其中一列命名为 "Task" 或 "任务"，或在配置中指定：'
            '[sources.NAME.columns] title = "…"',
        )
    return columns


def locale_for(columns: Mapping[str, str], configured: str) -> str:
    from tasklint.app import table_locale

    return table_locale(Table(name="", kind="", columns=dict(columns)), configured)


def writeback_targets(
    settings: Settings, locale: str, inputs: Mapping[str, str]
) -> dict[Role, str]:
    targets: dict[Role, str] = {role: settings.writeback_columns(locale)[role] for role in ROLES}
    clash = [name for name in targets.values() if name in inputs.values()]
    if clash:
        raise ConfigError(
            f"write-back column {clash[0]!r} is also read as an input column",
            hint="give [writeback] a column of its own: tasklint writes only columns it owns",
            zh=f"回写列 {clash[0]!r} 同时也被当作输入列读取",
            hint_zh="请在 [writeback] 中给它一个单独的列：tasklint 只写自己专用的列",
        )
    return targets


# Where the input columns a source was last read with are kept (beside its hints)
_COLUMNS_KEY = "{}#columns"


def _ran_before(state: StateStore, spec: SourceSpec, this_run: int | None) -> bool:
    """Whether a run before this one wrote to the source, as far as this state file
    knows: one that succeeded, or one stopped after writing rows (a run refused before
    writing, or failed before it, does not count)."""
    return any(
        run.id != this_run and (run.ok or run.rows_written > 0)
        for run in state.runs(spec.name, limit=1000)
    )


# What tasklint writes into its warnings column: each line a severity's mark and a code
_OUR_WARNING_LINE = re.compile(r"^[✖⚠ℹ] [A-Z]\d{3} ")


def _ours(role: Role, value: Any) -> bool:
    """Whether a value in a write-back column looks like tasklint wrote it."""
    if role == "warnings":
        lines = str(value).splitlines()
        return bool(lines) and all(_OUR_WARNING_LINE.match(line) for line in lines)
    if role == "status":
        return any(str(value) in labels.values() for labels in STATUS_LABELS.values())
    return False  # a number: anybody's


def _refuse_to_write_over_values(
    spec: SourceSpec, changes: Sequence[RowChange], targets: Mapping[Role, str]
) -> None:
    """Before the first sync of a table (no run in the state file), refuse to write over
    values in its write-back columns that tasklint did not write: a column of the team's
    own that bears the name (完成率, Completion) would be lost. Values tasklint would
    write anyway, or that look like its own (a state file lost or moved), do not count."""
    role_of = {name: role for role, name in targets.items()}
    held: dict[str, int] = {}
    for change in changes:
        for column in change.values:
            old = change.old.get(column)
            if old not in (None, "", [], {}) and not _ours(role_of[column], old):
                held[column] = held.get(column, 0) + 1
    if not held:
        return
    name, count = next(iter(held.items()))
    raise ConfigError(
        f"{spec.name}: column {name!r} already holds values in {count} row(s) that tasklint"
        " did not write, and this is its first sync of the table — it would write over them",
        hint=f'if the column is your team\'s, give tasklint another: [writeback] … = "…"; if'
        " tasklint wrote them after all, run `tasklint sync"
        f" {spec.name} --adopt-columns` once",
        zh=f"{spec.name}：列 {name!r} 中已有 {count} 行不是 tasklint 写入的值，"
        "而这是它首次同步这张表——同步会覆盖它们",
        hint_zh="如果这是团队自己的列，请在 [writeback] 中给 tasklint 另起列名；如果确实是 tasklint"
        f"写的，请运行一次 `tasklint sync {spec.name} --adopt-columns`",
    )


def check_setup(
    connector: Connector, targets: Mapping[Role, str], locale: str, *, create: bool
) -> list[ColumnCheck]:
    """Verify (and with `create`, add) the write-back columns; the checks after that."""
    labels = list(STATUS_LABELS[locale].values())
    checks = connector.check_columns(targets, labels)
    missing = [c for c in checks if c.missing]
    if create and missing:
        connector.create_columns(missing, labels)
        checks = connector.check_columns(targets, labels)
    return checks


def setup_problem(spec: SourceSpec, checks: Sequence[ColumnCheck]) -> SetupRequired | None:
    """The one line to show for unusable write-back columns: a wrong type first (setup
    cannot fix it), else the missing columns (setup --create-fields can)."""
    wrong = [c.problem for c in checks if c.problem and not c.missing]
    if wrong:
        return SetupRequired(
            f"{spec.name}: {wrong[0].en}",
            # (the problem says what to change: the type, or the options a select lacks)
            hint="change the column so, or name another column in [writeback]",
            zh=f"{spec.name}：{wrong[0].zh}",
            hint_zh="请照此修改这一列，或在 [writeback] 中换一列",
        )
    missing = [c.name for c in checks if c.missing]
    if missing:
        quoted = [repr(name) for name in missing]
        return SetupRequired(
            f"{spec.name}: write-back column(s) {', '.join(quoted)} do not exist",
            hint=f"run `tasklint setup {spec.name} --create-fields`",
            zh=f"{spec.name}：回写列 {'、'.join(quoted)} 不存在",
            hint_zh=f"请运行 `tasklint setup {spec.name} --create-fields`",
        )
    return None


def _require_setup(spec: SourceSpec, checks: Sequence[ColumnCheck]) -> None:
    if (problem := setup_problem(spec, checks)) is not None:
        raise problem


# --- desired values and the diff -------------------------------------------------------


# What a warnings cell holds at most: Airtable's long text takes 100,000 characters
# (support.airtable.com, "Long text field"), and a value cut by the vendor would differ
# from the one wanted on every run and be written again each time.
WARNINGS_LIMIT = 100_000


def _warnings_text(lines: list[str]) -> str | None:
    text = "\n".join(lines)
    if len(text) <= WARNINGS_LIMIT:
        return text or None
    kept: list[str] = []
    size = 0
    for line in lines:
        if size + len(line) + 1 > WARNINGS_LIMIT - 100:  # room for the last line
            break
        kept.append(line)
        size += len(line) + 1
    return "\n".join([*kept, f"… {len(lines) - len(kept)} more"])


def desired_values(task: TaskResult, locale: str) -> dict[Role, Any]:
    return {
        "warnings": _warnings_text([f.line() for f in task.active]),
        "status": STATUS_LABELS[locale][task.status.value],
        "completion": None if task.completion is None else round(task.completion, 4),
    }


def _same(role: Role, shown: Any, wanted: Any) -> bool:
    if role == "completion":
        if shown is None or wanted is None:
            return shown is None and wanted is None
        try:
            return math.isclose(float(shown), float(wanted), abs_tol=5e-5)
        except (TypeError, ValueError):
            return False
    return (str(shown).strip() if shown not in (None, "") else None) == wanted


def plan_changes(
    result: LintResult, records: Mapping[str, RemoteRecord], targets: Mapping[Role, str]
) -> list[RowChange]:
    changes = []
    for task in result.tasks:
        record = records[task.task.id]
        values, old = {}, {}
        for role, wanted in desired_values(task, result.locale).items():
            column = targets[role]
            shown = record.cells.get(column)
            if not _same(role, shown, wanted):
                values[column], old[column] = wanted, shown
        if values:
            changes.append(RowChange(record.id, task.task.title or record.id, values, old))
    return changes


# --- the run ---------------------------------------------------------------------------


def build_table(
    spec: SourceSpec,
    connector: Connector,
    records: Sequence[RemoteRecord],
    columns: Mapping[str, str],
    *,
    today: date,
    settings: Settings,
) -> tuple[Table, list[Notice]]:
    """Records as Task rows, parsed by the columns' types (percent fields are fractions),
    and a notice of how dates were read when the table's own dates decided it."""
    zone = ZoneInfo(settings.timezone) if settings.timezone else None
    percent = frozenset(f.name for f in connector.fields().values() if f.percent)
    order = settings.date_order_of(spec.config)
    parse = ParseOptions(today=today, tz=zone, fraction_columns=percent, date_order=order)
    by_field = dict(columns)
    reader = RowReader(by_field, parse)
    tasks = _tasks(records, reader)
    notices: list[Notice] = []
    again = settle_date_order(reader, spec.name, notices)
    if again is not None:  # written day first: read so
        tasks = _tasks(records, RowReader(by_field, again))
    return Table.trusted(spec.name, spec.kind, by_field, tasks), notices


def _tasks(records: Sequence[RemoteRecord], reader: RowReader) -> list[Task]:
    tasks = []
    for record in records:
        task = reader.task(record.id, None, record.cells)
        if record.problems:
            task.problems = [*task.problems, *record.problems]
        tasks.append(task)
    return tasks


def _metric_values(result: LintResult) -> dict[str, dict[str, Any]]:
    return {
        t.task.id: {"metric": t.task.metric, "actual": t.task.actual}
        for t in result.tasks
        if t.task.actual is not None
    }


def sync_source(
    spec: SourceSpec,
    settings: Settings,
    env: Environment,
    state: StateStore,
    options: SyncOptions,
    *,
    connector: Connector | None = None,
    on_wait: Waiter | None = None,
    on_phase: Callable[[str], None] | None = None,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
    stop: StopSignal | None = None,
    on_written: Callable[[int, int], None] | None = None,
) -> SyncOutcome:
    """One source, end to end. With `stop`, a write stops between two requests once it
    is set: the run is recorded as failed ("interrupted after writing N of M rows"), the
    rows written so far go into the snapshot and the rest of it is left as it was, and
    WriteInterrupted is raised; the next run recomputes the diff and writes the rest."""
    phase = on_phase or (lambda _text: None)
    connector = connector or open_connector(spec, env, on_wait=on_wait)
    remembered = state.hints(spec.name)
    if isinstance(connector, RemembersSource):
        connector.use_hints(remembered)
    phase("schema")
    columns = input_columns(connector, spec, settings)
    if isinstance(connector, RemembersSource) and (learnt := connector.hints()) != remembered:
        state.save_hints(spec.name, learnt)
    locale = locale_for(columns, options.locale or settings.locale)
    targets = writeback_targets(settings, locale, columns)
    _require_setup(spec, check_setup(connector, targets, locale, create=False))

    previous = state.last_ok_run(spec.name)
    last_full = state.last_ok_run(spec.name, full_read=True)
    started = now()
    incremental_possible = spec.kind == "notion" or bool(spec.config.modified_field)
    # The snapshot keys each row's cells by column name: once a column is renamed (or
    # another mapped), the rows not read again would lose that column's values.
    mapping = json.dumps(columns, sort_keys=True, ensure_ascii=False)
    read_before = state.hints(_COLUMNS_KEY.format(spec.name))
    mapped_before = read_before.get("mapping")
    full = (
        options.full
        or (mapped_before is not None and mapped_before != mapping)
        or "rows_gone" in read_before  # a write found rows gone: read them all
        or previous is None
        or last_full is None
        or not incremental_possible
        or started - last_full.started > options.full_every
    )
    since = None if full or previous is None else previous.started - INCREMENTAL_OVERLAP
    run_id = None if options.dry_run else state.start_run(spec.name, started, full_read=full)
    written_so_far = [0]  # rows the write has sent, for a run that fails part way
    gone: set[str] = set()  # rows deleted or trashed since they were read
    try:
        phase("reading")
        # (the records and the rows made from them all stay alive: see tasklint.bulk)
        with gc_paused():
            fresh = connector.read(since=since)
            records = {} if full else state.snapshot(spec.name)
            records.update({r.id: r for r in fresh})
            # By creation, and rows created together (a table imported at once: Notion
            # times creation to the minute) in the order the table keeps them: the read's
            # order, which the snapshot keeps (`StateStore.save_snapshot`)
            ordered = sorted(records.values(), key=lambda r: r.created or started)
            table, notices = build_table(
                spec, connector, ordered, columns, today=options.today, settings=settings
            )
        history = state.metric_values(spec.name) if previous is not None else None
        phase("linting")
        result = lint(
            table,
            today=options.today,
            locale=locale,
            select=options.select or spec.config.select or settings.rules.select,
            ignore=[*settings.rules.ignore, *(spec.config.ignore or []), *options.ignore],
            settings=options.settings,
            history=history,
        )
        changes = plan_changes(result, records, targets)
        if previous is None and not options.adopt and not _ran_before(state, spec, run_id):
            _refuse_to_write_over_values(spec, changes, targets)
        if not options.dry_run:
            phase("writing")
            extras: dict[str, Any] = {}
            if stop is not None:
                extras["stop"] = stop
            total = len(changes)

            def progressed(done: int) -> None:
                written_so_far[0] = done
                if on_written is not None:
                    on_written(done, total)

            extras["progress"] = progressed
            try:
                gone.update(connector.write(changes, **extras))
            except WriteInterrupted as interrupted:
                written = changes[: interrupted.written]
                for change in written:
                    records[change.record_id].cells.update(change.values)
                state.save_snapshot(
                    spec.name, [records[c.record_id] for c in written], replace=False
                )
                raise
            if gone:  # skipped: the table has them no longer
                changes = [c for c in changes if c.record_id not in gone]
                for record_id in gone:
                    del records[record_id]
                rows = "1 row was" if len(gone) == 1 else f"{len(gone)} rows were"
                notices.append(
                    Notice(
                        f"{rows} deleted or moved to the trash since tasklint read the table:"
                        " not written; the next sync reads every row",
                        f"有 {len(gone)} 行在 tasklint 读取之后被删除或移入了回收站：未写入；"
                        "下次同步会读取所有行",
                    )
                )
            for change in changes:  # the snapshot holds what the table now shows
                records[change.record_id].cells.update(change.values)
            if full:
                state.save_snapshot(spec.name, records.values(), replace=True)
            else:  # the rows read or written; the others are in the snapshot as they are
                touched = dict.fromkeys([*(r.id for r in fresh), *(c.record_id for c in changes)])
                kept = (records[i] for i in touched if i in records)
                state.save_snapshot(spec.name, kept, replace=False)
            state.save_metric_values(spec.name, _metric_values(result))
    except Exception as error:
        if run_id is not None:
            line = error.line() if hasattr(error, "line") else type(error).__name__
            # (a failure after rows were written records them: the next first-sync
            # check counts a run that wrote rows, and the history shows them)
            progress = (
                {"rows_read": len(fresh), "rows_written": error.written}
                if isinstance(error, WriteInterrupted)
                else {"rows_written": written_so_far[0]}
                if written_so_far[0]
                else {}
            )
            state.finish_run(
                run_id,
                now(),
                ok=0,
                error=line,
                **progress,
                requests=dict(connector.stats.requests),
                rate_limited=connector.stats.rate_limited,
            )
        raise
    if run_id is not None:
        # (rows found gone: the next run reads every row, and so drops any other gone row)
        gone_hint = {"rows_gone": "1"} if gone else {}
        state.save_hints(_COLUMNS_KEY.format(spec.name), {"mapping": mapping, **gone_hint})
        findings: dict[str, int] = {}
        for finding in result.all_active():
            findings[finding.code] = findings.get(finding.code, 0) + 1
        state.finish_run(
            run_id,
            now(),
            ok=1,
            rows_read=len(fresh),
            rows_total=len(records),
            rows_written=len(changes),
            requests=dict(connector.stats.requests),
            rate_limited=connector.stats.rate_limited,
            findings=findings,
            statuses=dict(result.status_counts()),
        )
    return SyncOutcome(
        spec, result, changes, connector.stats, len(fresh), full, options.dry_run, targets, notices
    )
