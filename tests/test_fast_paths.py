"""The fast paths behave exactly like the plain code they replace.

Each fast path (the row reader's parser plan and caches, the trusted constructors, the
engine's inlined loop, the reordered rule checks, the JSON writer, the paused garbage
collector) is compared here with the straightforward version it replaced, kept below as
a reference, on generated tables full of messy, odd and non-text cells.
"""

from __future__ import annotations

import gc
import json
import math
from collections import Counter
from collections.abc import Iterator, Mapping
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tasklint import __version__
from tasklint.app import SourceOutcome
from tasklint.bulk import gc_paused
from tasklint.config.columns import map_headers
from tasklint.config.settings import SourceConfig
from tasklint.connectors import cells
from tasklint.connectors.rows import (
    ParseOptions,
    RowReader,
    _expected_zh,
    _is_people_list,
    cell_text,
    to_task,
)
from tasklint.connectors.sources import SourceSpec
from tasklint.model import (
    CellProblem,
    Finding,
    Person,
    Severity,
    Status,
    Table,
    Task,
    text_cells,
)
from tasklint.output import _finding_json, render_json, write_json
from tasklint.text import percent
from tasklint.validators import goals, metrics, owners, review
from tasklint.validators.base import Context, Hit, Rule, hits_of
from tasklint.validators.cells import UnknownIgnoreCode
from tasklint.validators.engine import (
    LintResult,
    RuleSetting,
    SkippedRule,
    TaskResult,
    _why_skipped,
    computed_status,
    lint,
    sort_findings,
)
from tasklint.validators.goal_text import analyse_goal
from tasklint.validators.goals import goal_text
from tasklint.validators.metric_terms import classify_metric
from tasklint.validators.metrics import _CTR_IN_TEXT, _number, _pct, completion, lower_is_better
from tasklint.validators.registry import known_codes, rules_by_code, select_codes

TODAY = date(2025, 6, 20)

# ------------------------------------------------------------------------ references


def reference_to_task(
    task_id: str,
    row_number: int | None,
    record: Mapping[str, Any],
    columns: Mapping[str, str],
    options: ParseOptions,
) -> Task:
    """`rows.to_task` as it was before the row reader: every cell parsed on its own."""
    values: dict[str, Any] = {}
    problems: list[CellProblem] = []

    def problem(field: str, column: str, raw: Any, error: cells.CellError) -> CellProblem:
        return CellProblem(
            field=field,
            column=column,
            raw=cell_text(raw) or repr(raw),
            expected=error.expected,
            expected_zh=error.expected_zh or _expected_zh(field),
        )

    def parse(field: str, parser: Any) -> None:
        header = columns.get(field)
        if header is None:
            return
        raw = record.get(header)
        try:
            values[field] = parser(raw)
        except cells.CellError as error:
            problems.append(problem(field, header, raw, error))

    for field in ("title", "standard", "goal", "metric", "deliverable", "notes"):
        if field in columns:
            values[field] = cell_text(record.get(columns[field]))
    for field in ("target", "actual", "expected"):
        parse(field, cells.parse_number)
    for field in ("budget", "spent"):
        parse(field, cells.parse_money)
    parse("contingency", lambda raw: cells.parse_money(raw, percent_ok=True))
    for field in ("due", "done_on", "updated"):
        parse(field, lambda raw: cells.parse_date(raw, today=options.today, tz=options.tz))
    parse("start", lambda raw: cells.parse_date_range(raw, today=options.today, tz=options.tz)[0])
    typed = columns.get("progress") in options.fraction_columns
    parse("progress", lambda raw: cells.parse_progress(raw, fraction=True if typed else None))
    parse("phase", cells.parse_phase)
    parse("status", cells.parse_status)

    people: list[Person] = []
    departments: dict[str, None] = {}
    roles: dict[str, None] = {}
    collective = False
    owner_texts: list[str] = []
    for field in ("owner", "owner_combined", "department"):
        header = columns.get(field)
        if header is None:
            continue
        raw = record.get(header)
        if (shown := cell_text(raw)) and shown not in owner_texts:
            owner_texts.append(shown)
        try:
            owner = cells.parse_owner(raw)
        except cells.CellError as error:
            problems.append(problem(field, header, raw, error))
            continue
        if field == "department":
            departments.update(dict.fromkeys((*owner.departments, *owner.people, *owner.roles)))
            continue
        named = cells.parse_person_records(raw) if _is_people_list(raw) else ()
        for person in named or tuple(Person(name=n) for n in owner.people):
            if person.name == "*" or all(p.name != person.name for p in people):
                people.append(person)
        departments.update(dict.fromkeys(owner.departments))
        roles.update(dict.fromkeys(owner.roles))
        collective = collective or owner.collective

    ignore: list[str] = []
    if (header := columns.get("ignore")) is not None:
        raw_ignore = record.get(header)
        codes, malformed = cells.parse_codes(raw_ignore)
        ignore = [*codes, *malformed]
        values["ignore_raw"] = cell_text(raw_ignore)

    return Task.model_construct(
        id=task_id,
        row=row_number,
        title=values.get("title"),
        phase=values.get("phase"),
        standard=values.get("standard"),
        goal=values.get("goal"),
        metric=values.get("metric"),
        target=values.get("target"),
        actual=values.get("actual"),
        expected=values.get("expected"),
        owners=people,
        departments=list(departments),
        owner_roles=list(roles),
        owner_collective=collective,
        owner_text=" / ".join(owner_texts) or None,
        marked_status=values.get("status"),
        start=values.get("start"),
        due=values.get("due"),
        done_on=values.get("done_on"),
        updated=values.get("updated"),
        progress=values.get("progress"),
        deliverable=values.get("deliverable"),
        budget=values.get("budget"),
        spent=values.get("spent"),
        contingency=values.get("contingency"),
        notes=values.get("notes"),
        ignore=ignore,
        ignore_raw=values.get("ignore_raw"),
        problems=problems,
        shown={},
    )


def reference_lint(
    table: Table,
    *,
    today: date,
    locale: str = "en",
    select: tuple[str, ...] = ("ALL",),
    ignore: tuple[str, ...] = (),
    settings: Mapping[str, RuleSetting] | None = None,
    history: Mapping[str, Mapping[str, Any]] | None = None,
) -> LintResult:
    """`engine.lint` as it was before the inlined loop."""
    settings = settings or {}
    ctx = Context(today=today, locale=locale, history=history)
    row_rules: list[Rule] = []
    table_rules: list[Rule] = []
    skipped: list[SkippedRule] = []
    stale_check: UnknownIgnoreCode | None = None
    for code in select_codes(select, ignore):
        rule_class = rules_by_code()[code]
        missing = rule_class.missing_columns(table)
        if missing:
            skipped.append(SkippedRule(code, _why_skipped("columns", locale, missing)))
            continue
        if rule_class.needs_history and history is None:
            skipped.append(SkippedRule(code, _why_skipped("history", locale)))
            continue
        setting = settings.get(code, RuleSetting())
        rule = rule_class(setting.params, setting.severity)
        if isinstance(rule, UnknownIgnoreCode):
            stale_check = rule
        elif rule.scope == "table":
            if table.tasks:
                table_rules.append(rule)
            else:
                skipped.append(SkippedRule(code, _why_skipped("rows", locale)))
        else:
            row_rules.append(rule)

    def finding(rule: Rule, hit: Hit) -> Finding:
        return Finding.trusted(
            rule.code,
            rule.name,
            hit.severity or rule.effective_severity,
            rule.message(hit, locale),
            hit.field,
        )

    known = known_codes()
    results: list[TaskResult] = []
    for task in table.tasks:
        findings = [
            finding(rule, hit) for rule in row_rules for hit in hits_of(rule.check(task, ctx))
        ]
        if task.ignore:
            suppress = set(task.ignore)
            findings = [
                f.model_copy(update={"suppressed": True}) if f.code in suppress else f
                for f in findings
            ]
            if stale_check is not None:
                fired = (f.code for f in findings if f.suppressed)
                findings.extend(
                    finding(stale_check, h) for h in stale_check.stale(task, known, fired)
                )
        findings = sort_findings(findings)
        results.append(
            TaskResult(task, findings, computed_status(task, findings), completion(task))
        )
    table_findings = sort_findings(
        [
            finding(rule, hit)
            for rule in table_rules
            for hit in hits_of(rule.check_table(table, ctx))
        ]
    )
    return LintResult(table, results, table_findings, skipped, locale, today)


def reference_render_json(outcomes: list[SourceOutcome]) -> str:
    """`output.render_json` as it was: the document built, then json.dumps(indent=2)."""

    def source(outcome: SourceOutcome) -> dict[str, Any]:
        result = outcome.result
        counts = result.severity_counts()
        return {
            "name": outcome.spec.name,
            "kind": outcome.spec.kind,
            "rows": len(result.tasks),
            "skipped_rules": [{"code": s.code, "reason": s.reason} for s in result.skipped],
            "table_findings": [
                _finding_json(f, with_name=False) for f in result.table_findings if not f.suppressed
            ],
            "tasks": [
                {
                    "id": t.task.id,
                    "title": t.task.title,
                    "status": t.status.value,
                    "completion": None if t.completion is None else round(t.completion, 4),
                    "findings": [_finding_json(f) for f in t.active],
                }
                for t in result.tasks
            ],
            "summary": {
                "error": counts["error"],
                "warning": counts["warning"],
                "info": counts["info"],
                "status": dict(result.status_counts()),
            },
        }

    today = outcomes[0].result.today.isoformat() if outcomes else None
    document = {
        "tool": "tasklint",
        "version": __version__,
        "today": today,
        "sources": [source(o) for o in outcomes],
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


# The rule checks as they were before they were reordered or shortened.
def reference_m302(rule: Rule, task: Task, ctx: Context) -> Iterator[Hit]:
    text = "\n".join(t for t in (task.metric, task.goal) if t)
    if not text:
        return
    terms = classify_metric(text)
    if terms.surface and not terms.core:
        from tasklint.text import quote

        yield Hit(args={"metrics": quote(task.metric or task.goal or "")}, field="metric")


def reference_m303(rule: Rule, task: Task, ctx: Context) -> Iterator[Hit]:
    reference = task.expected if task.expected is not None else task.target
    if task.actual is None or reference is None or reference <= 0:
        return
    basis_en, basis_zh = ("expected", "预期") if task.expected is not None else ("target", "目标")
    basis = basis_zh if ctx.locale == "zh" else basis_en
    metric = task.metric or task.title or ("指标" if ctx.locale == "zh" else "Metric")
    shortfall = rule.params.max_shortfall  # type: ignore[attr-defined]
    is_pct = reference <= 1 and task.actual <= 1
    shown = _pct if is_pct else _number
    args = {
        "metric": metric,
        "basis": basis,
        "actual": shown(task.actual),
        "reference": shown(reference),
    }
    if lower_is_better(task):
        gap = task.actual / reference - 1
        if gap > shortfall:
            yield Hit("above", {**args, "gap": _pct(gap)}, "actual")
    else:
        gap = 1 - task.actual / reference
        if gap > shortfall:
            yield Hit("below", {**args, "gap": _pct(gap)}, "actual")


def reference_m305(rule: Rule, task: Task, ctx: Context) -> Iterator[Hit]:
    terms = classify_metric(task.text)
    if not terms.channel_test:
        return
    ctr: float | None = None
    if task.actual is not None and classify_metric(task.metric or "").ctr:
        ctr = task.actual
    else:  # stated in a cell: the first that states one, each cell read alone
        for cell in text_cells(task):
            if cell and (found := _CTR_IN_TEXT.search(cell)):
                ctr = float(found.group("value")) / 100
                break
    bar = rule.params.min_ctr  # type: ignore[attr-defined]
    if ctr is not None and ctr < bar:
        yield Hit(args={"ctr": _pct(ctr), "bar": _pct(bar)}, field="actual")


def reference_r602(rule: Rule, task: Task, ctx: Context) -> Iterator[Hit]:
    rate = completion(task)
    if rate is None or task.actual is None or task.target is None:
        return
    is_pct = task.target <= 1 and task.actual <= 1
    fmt = percent if is_pct else (lambda v: f"{v:,.10g}")
    key = "inverted" if lower_is_better(task) else "default"
    yield Hit(
        key,
        {"rate": percent(rate), "actual": fmt(task.actual), "target": fmt(task.target)},
        "actual",
    )


def reference_o202(rule: Rule, task: Task, ctx: Context) -> Iterator[Hit]:
    names = [p.name for p in task.owners]
    if len(names) > 1:
        yield Hit("people", {"count": len(names), "names": ctx.listed(names)}, "owner")
    if len(task.departments) > 1:
        depts = task.departments
        yield Hit("departments", {"count": len(depts), "names": ctx.listed(depts)}, "owner")
    if task.owner_collective:
        yield Hit("collective", {"names": task.owner_text or "—"}, "owner")


def reference_g103(rule: Rule, task: Task, ctx: Context) -> Iterator[Hit]:
    goal = goal_text(task)
    if not goal or task.due is not None or task.start is not None:
        return
    if not analyse_goal(goal).time_bound:
        yield Hit(field="goal")


REFERENCE_CHECKS = {
    "G103": (goals.GoalNotTimeBound, reference_g103),
    "M302": (metrics.SurfaceMetricOnly, reference_m302),
    "M303": (metrics.MetricBelowExpectation, reference_m303),
    "M305": (metrics.ChannelTestBelowBar, reference_m305),
    "R602": (review.CompletionRate, reference_r602),
    "O202": (owners.MultipleOwners, reference_o202),
}

# ---------------------------------------------------------------------- generated rows

HEADERS = [
    "Task", "检查阶段", "Standard", "Goal", "指标", "Target", "实际值", "Expected",
    "Owner", "Department", "Owner (department/person)", "Status", "Start", "截止日期",
    "Completed on", "Progress", "Deliverable", "Budget", "Spent", "Contingency", "Notes",
    "Last update", "Lint ignore",
]  # fmt: skip
WORDS = [
    "", " ", "N/A", "—", "TBD", "待定", "15%", "１５％", "0.15", "15", "150", "三成", "3万",
    "¥12,000", "$1.5M", "30k", "1,5", "1:3", "(500)", "约3万", "百分之二十", "-3", "1e3",
    "2025-06-01", "2025/6/17", "6月31日", "6月1日", "Jun 3, 2025", "6/1-6/15", "2025-13-01",
    "2025-06-10T08:00:00.000Z", "ASAP", "today", "45809", "已完成", "未完成", "异常", "done",
    "in progress", "blocked", "□未完成/■已完成/□异常", "☑ 已完成", "完成80%", "delayed - vendor",
    "方案准备阶段", "执行监控阶段", "效果复盘阶段", "Preparation", "Review", "2",
    "市场部-张三", "财务部/市场部", "Alice and Bob", "销售部", "张三、李四", "数据分析师",
    "全体执行团队", "Marketing — Zhang Wei", "市场部*经理", "* and *", "各部门负责人",
    "新客转化率≥15%", "提升品牌影响力", "双11期间销售额翻一番", "Q3 GMV +20%", "转化率", "CTR",
    "获客成本", "曝光量、点赞", "抖音信息流测试投放", "CTR 1.5% in the test", "点击率1.2%",
    "复盘报告输出", "成功：互动超预期；问题：到店率低；建议：调整", "应急预算：总预算的12%",
    "目标：新客转化率≥15%", "S403", "S04, B502", "G102 G103 reason", "zz", "#N/A", "😀",
    "x" * 300, "\t", "line\nbreak", '"quoted"', "測試投放", "ＴＥＳＴ campaign",
]  # fmt: skip
ODD_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([date(2025, 6, 1), datetime(2025, 6, 1, 23, 30, tzinfo=UTC)]),
    st.lists(st.sampled_from(WORDS), max_size=3),
    st.sampled_from(
        [
            {"name": "已完成"},
            {"start": "2025-06-01", "end": "2025-06-15"},
            {"error": "#ERROR!"},
            {"specialValue": "NaN"},
            [{"object": "user", "name": "Li Na", "email": "li@example.com", "id": "u1"}],
            [{"id": "usr2", "email": "x@example.com"}, "张三"],
        ]
    ),
)
CELLS = st.one_of(st.sampled_from(WORDS), st.sampled_from(WORDS), ODD_VALUES, st.text(max_size=20))
RECORDS = st.lists(
    st.dictionaries(st.sampled_from(HEADERS), CELLS, max_size=len(HEADERS)),
    min_size=1,
    max_size=12,
)
OPTIONS = st.sampled_from(
    [
        ParseOptions(today=TODAY),
        ParseOptions(today=TODAY, tz=ZoneInfo("Asia/Shanghai")),
        ParseOptions(today=TODAY, fraction_columns=frozenset({"Progress"})),
    ]
)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def same_task(a: Task, b: Task) -> bool:
    """Equal, with the same types (1 and 1.0 differ in a repr) and the same fields set."""
    return a == b and repr(a) == repr(b) and a.model_fields_set == b.model_fields_set


def table_of(records: list[dict[str, Any]], options: ParseOptions) -> Table:
    columns = map_headers(HEADERS)
    reader = RowReader(columns, options)
    tasks = [reader.task(f"row-{i}", i, r) for i, r in enumerate(records, start=2)]
    return Table(name="t", kind="file", columns=columns, tasks=tasks)


# ----------------------------------------------------------------------- row reader


@SETTINGS
@given(records=RECORDS, options=OPTIONS)
def test_row_reader_reads_as_to_task_did(records: list[dict[str, Any]], options) -> None:
    columns = map_headers(HEADERS)
    reader = RowReader(columns, options)
    for _ in range(2):  # the second pass answers from the caches
        for i, record in enumerate(records, start=2):
            expected = reference_to_task(f"row-{i}", i, record, columns, options)
            assert same_task(reader.task(f"row-{i}", i, record), expected)
            assert same_task(to_task(f"row-{i}", i, record, columns, options), expected)


@SETTINGS
@given(records=RECORDS, options=OPTIONS, twice=st.sampled_from(["Goal", "Owner", "截止日期"]))
def test_row_reader_reads_rows_by_position(records, options, twice: str) -> None:
    """CSV rows as lists, each header at its position; a header written twice is read
    from its last column, as a record built from the row keeps it."""
    headers = [*HEADERS, twice]
    columns = map_headers(headers)
    index = {h: i for i, h in enumerate(headers)}
    reader = RowReader(columns, options, index)
    for i, record in enumerate(records * 2, start=2):
        row = [record.get(h) for h in HEADERS] + [record.get("Task")]
        as_record = {h: row[j] for j, h in enumerate(headers)}
        expected = reference_to_task(f"row-{i}", i, as_record, columns, options)
        assert same_task(reader.task(f"row-{i}", i, row), expected)
        assert same_task(reader.task(f"row-{i}", i, as_record), expected)


def test_row_reader_reads_rows_only_with_every_header_placed() -> None:
    columns = map_headers(["Task", "Due"])
    options = ParseOptions(today=TODAY)
    assert RowReader(columns, options, {"Task": 0, "Due": 1}).reads_rows
    partial = RowReader(columns, options, {"Task": 0})
    assert not partial.reads_rows and not RowReader(columns, options).reads_rows
    assert partial.task("r", 1, {"Task": "t", "Due": "2025-06-01"}).due == date(2025, 6, 1)


@SETTINGS
@given(records=RECORDS)
def test_row_reader_with_partial_columns(records: list[dict[str, Any]]) -> None:
    columns = map_headers(["Task", "Owner", "截止日期", "Status"])
    options = ParseOptions(today=TODAY)
    reader = RowReader(columns, options)
    for i, record in enumerate(records * 2):
        expected = reference_to_task(f"r{i}", None, record, columns, options)
        assert same_task(reader.task(f"r{i}", None, record), expected)


def test_tasks_from_cached_cells_share_no_mutable_state() -> None:
    columns = map_headers(["Task", "Owner (department/person)", "Lint ignore"])
    reader = RowReader(columns, ParseOptions(today=TODAY))
    record = {"Task": "a", "Owner (department/person)": "张三、李四", "Lint ignore": "S403 zz"}
    first, second = reader.task("r1", 1, record), reader.task("r2", 2, record)
    assert first.owners == second.owners and first.ignore == second.ignore == ["S403"]
    first.owners.append(Person(name="王五"))
    first.ignore.append("X901")
    first.problems.append(CellProblem.trusted("due", "Due", "?", "a date", None))
    first.shown["status"] = "done"
    assert len(second.owners) == 2 and second.ignore == ["S403"]
    assert second.problems == [] and second.shown == {}


def test_rows_share_one_string_per_repeated_text_but_not_titles() -> None:
    columns = map_headers(["Task", "Goal", "Notes"])
    reader = RowReader(columns, ParseOptions(today=TODAY))
    # distinct string objects of equal text, as a CSV reader makes them
    rows = [{"Task": "".join(["任务", "1"]), "Goal": "".join(["转化率", "≥15%"]), "Notes": " n "}]
    rows.append({"Task": "".join(["任务", "1"]), "Goal": "".join(["转化率", "≥15%"]), "Notes": "n"})
    first, second = (reader.task(f"r{i}", i, row) for i, row in enumerate(rows))
    assert first.goal == "转化率≥15%" and first.goal is second.goal
    assert first.notes == second.notes == "n" and first.notes is second.notes
    assert first.title == second.title and first.title is not second.title


def test_date_cells_are_not_cached_without_today() -> None:
    """Without `today` a date's year is the current one: the reader parses each time."""
    columns = map_headers(["Task", "Due"])
    reader = RowReader(columns, ParseOptions(today=None))  # type: ignore[arg-type]
    record = {"Task": "a", "Due": "6月1日"}
    assert reader.task("r", 1, record).due == cells.parse_date("6月1日")
    assert all(entry[4] is None for entry in reader._by_header.parsed if entry[0] == "due")


def test_to_task_shares_readers_between_calls_and_bounds_them() -> None:
    from tasklint.connectors import rows

    options = ParseOptions(today=TODAY)
    for n in range(rows._READERS_LIMIT + 3):
        columns = {"title": "Task", "due": f"Due {n}"}
        task = to_task("r", 1, {"Task": "x", f"Due {n}": "2025-06-01"}, columns, options)
        assert task.due == date(2025, 6, 1)
        assert len(rows._READERS) <= rows._READERS_LIMIT


# --------------------------------------------------------------- trusted constructors


@SETTINGS
@given(records=RECORDS, options=OPTIONS)
def test_trusted_task_equals_a_validated_one(records, options) -> None:
    for task in table_of(records, options).tasks:
        values = {name: getattr(task, name) for name in Task.model_fields}
        validated = Task(**values)
        assert same_task(task, validated)
        assert task.model_dump() == validated.model_dump()
        assert same_task(Task.trusted(**values), validated)


def test_trusted_task_falls_back_to_model_construct() -> None:
    out_of_order = Task.trusted(title="t", id="r1")
    assert out_of_order == Task.model_construct(title="t", id="r1")
    assert out_of_order.model_fields_set == {"id", "title"}
    assert out_of_order.owners == [] and out_of_order.row is None


def test_trusted_cell_problem_equals_a_validated_one() -> None:
    fast = CellProblem.trusted("due", "截止日期", "6月31日", "a date", "日期")
    slow = CellProblem(
        field="due", column="截止日期", raw="6月31日", expected="a date", expected_zh="日期"
    )
    assert fast == slow and repr(fast) == repr(slow)
    assert fast.model_fields_set == slow.model_fields_set
    assert fast.model_dump() == slow.model_dump()


def test_trusted_models_share_one_fields_set_that_never_changes() -> None:
    import copy
    import pickle

    columns = map_headers(["Task", "Due"])
    reader = RowReader(columns, ParseOptions(today=TODAY))
    first, second = (reader.task(f"r{i}", i, {"Task": "t", "Due": "x"}) for i in (1, 2))
    assert first.model_fields_set is second.model_fields_set
    assert first.model_fields_set == set(Task.model_fields)
    first.title = "renamed"  # pydantic adds the field, which the set already holds
    first.problems = []
    assert second.model_fields_set == set(Task.model_fields) and second.title == "t"
    for kept in (
        first.model_copy(update={"title": "copy"}),
        copy.copy(first),
        copy.deepcopy(first),
        pickle.loads(pickle.dumps(first)),
    ):
        assert type(kept.model_fields_set) is set and kept == first.model_copy(
            update={"title": kept.title}
        )
        kept.model_fields_set.discard("row")  # a copy is the caller's own
    assert first.model_fields_set == set(Task.model_fields)
    shared = first.model_fields_set
    for change in (
        lambda: shared.add("other"),
        lambda: shared.discard("row"),
        lambda: shared.update({"other"}),
        lambda: shared.clear(),
    ):
        with pytest.raises(TypeError):
            change()
    shared.add("row")
    shared.update({"id"}, ["title"])
    assert shared == set(Task.model_fields)
    validated = Task(**{name: getattr(second, name) for name in Task.model_fields})
    assert second.model_dump(exclude_unset=True) == validated.model_dump(exclude_unset=True)

    finding = Finding.trusted("S401", "due-missing", Severity.WARNING, "m", "due")
    other = Finding.trusted("S402", "overdue", Severity.ERROR, "m", "due")
    assert finding.model_fields_set is other.model_fields_set
    suppressed = finding.model_copy(update={"suppressed": True})
    assert suppressed.suppressed and not finding.suppressed
    assert type(suppressed.model_fields_set) is set  # a copy's own set, free to change
    assert other.model_fields_set == set(Finding.model_fields)


def test_trusted_subclass_gets_its_own_fields_set() -> None:
    class Annotated(Finding):
        note: str | None = None

    made = Annotated.trusted("S401", "due-missing", Severity.WARNING, "m", "due")
    assert type(made.model_fields_set) is set
    assert made.model_fields_set == set(Finding.model_fields)


# --------------------------------------------------------------------------- engine


def findings_of(result: LintResult) -> list[Any]:
    def shown(f: Finding) -> tuple[str, list[str]]:
        return repr(f), sorted(f.model_fields_set)

    return [
        [
            [t.task.id, t.status, repr(t.completion), [shown(f) for f in t.findings]]
            for t in result.tasks
        ],
        [shown(f) for f in result.table_findings],
        result.skipped,
        result.severity_counts(),
        list(result.severity_counts()),
        result.status_counts(),
    ]


@SETTINGS
@given(
    records=RECORDS,
    options=OPTIONS,
    locale=st.sampled_from(["en", "zh"]),
    select=st.sampled_from([("ALL",), ("G", "S4", "X"), ("M3", "R")]),
    ignore=st.sampled_from([(), ("S403",), ("X902",)]),
)
def test_lint_finds_what_the_plain_loop_found(records, options, locale, select, ignore) -> None:
    table = table_of(records, options)
    configured = {
        "S402": RuleSetting(severity=Severity.WARNING),
        "G101": RuleSetting(severity=Severity.ERROR),
        "X902": RuleSetting(severity=Severity.ERROR),
    }
    kwargs = dict(today=TODAY, locale=locale, select=select, ignore=ignore, settings=configured)
    result = lint(table, **kwargs)
    assert findings_of(result) == findings_of(reference_lint(table, **kwargs))
    # the summaries, as they were computed from `all_active()`
    severities = Counter({s.value: 0 for s in Severity})
    for f in result.all_active():
        severities[f.severity.value] += 1
    statuses = Counter({s.value: 0 for s in Status})
    statuses.update(t.status.value for t in result.tasks)
    assert result.severity_counts() == severities
    assert list(result.severity_counts().items()) == list(severities.items())
    assert list(result.status_counts().items()) == list(statuses.items())
    assert result.has_errors == any(f.severity is Severity.ERROR for f in result.all_active())


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    records=RECORDS,
    options=OPTIONS,
    locale=st.sampled_from(["en", "zh"]),
    ignore=st.sampled_from([(), ("S403",)]),
)
@example(  # waived findings and a stale waiver in every part
    records=[
        {"Task": f"t{i}", "截止日期": "2025-06-01", "Lint ignore": "S402 O201 S999"[: 4 * i]}
        for i in range(6)
    ],
    options=ParseOptions(today=TODAY),
    locale="zh",
    ignore=(),
)
def test_lint_across_cores_finds_what_one_core_finds(records, options, locale, ignore) -> None:
    """Rows linted in forked children (three parts, whatever the machine) come back as
    the same results, in order, with the same counts, as one process finds."""
    import sys

    from tests.helpers import forking

    if not sys.platform.startswith("linux"):
        pytest.skip("tasklint forks on Linux only")

    table = table_of(records, options)
    kwargs = dict(today=TODAY, locale=locale, ignore=ignore)
    alone = lint(table, **kwargs)
    with forking(3, min_share=1) as forked:
        shared = lint(table, **kwargs)
    assert len(forked) == min(2, len(records) - 1)
    assert findings_of(shared) == findings_of(alone)
    assert shared.tally == alone.tally
    assert [t.task for t in shared.tasks] == [t.task for t in alone.tasks]
    assert all(a.task is b.task for a, b in zip(shared.tasks, alone.tasks, strict=True))


def test_lint_sorts_findings_when_rules_run_out_of_code_order(monkeypatch) -> None:
    from tasklint.validators import engine

    records = [{"Task": "t", "Target": "15%", "Goal": "", "Status": "进行中", "Owner": ""}]
    table = table_of(records, ParseOptions(today=TODAY))
    codes = list(select_codes(("ALL",), ()))
    monkeypatch.setattr(engine, "select_codes", lambda select, ignore: codes[::-1])
    result = lint(table, today=TODAY)
    expected = sort_findings(result.tasks[0].findings)
    assert [f.code for f in result.tasks[0].findings] == [f.code for f in expected]
    assert len(expected) > 1


def test_rows_share_findings_and_suppression_copies_only_its_row() -> None:
    records = [
        {"Task": "a", "Owner": "", "Lint ignore": ""},
        {"Task": "b", "Owner": "", "Lint ignore": "O201"},
        {"Task": "c", "Owner": "", "Lint ignore": ""},
    ]
    result = lint(table_of(records, ParseOptions(today=TODAY)), today=TODAY)
    a, b, c = ({f.code: f for f in t.findings}["O201"] for t in result.tasks)
    assert a is c and not a.suppressed  # one shared value for the same finding
    assert (
        b is not a
        and b.suppressed
        and b.model_dump(exclude={"suppressed"}) == a.model_dump(exclude={"suppressed"})
    )
    assert [f.code for f in result.tasks[1].active].count("O201") == 0
    active = [f for f in result.all_active() if f.severity is Severity.WARNING]
    assert result.severity_counts()["warning"] == len(active) > 0


def test_engine_tally_is_what_counting_the_findings_gives() -> None:
    from dataclasses import replace

    records = [
        {"Task": "late", "截止日期": "2025-06-01", "Lint ignore": ""},
        {"Task": "late but waived", "截止日期": "2025-06-01", "Lint ignore": "S402 S999"},
        {"Task": "done", "完成状态": "已完成", "责任部门/人": "市场部-张三"},
    ]
    result = lint(table_of(records, ParseOptions(today=TODAY)), today=TODAY)
    counted = replace(result, tally=None)
    assert result.tally is not None
    assert result.severity_counts() == counted.severity_counts()
    assert result.status_counts() == counted.status_counts()
    assert result.has_errors is counted.has_errors is True
    waived = replace(result, tasks=result.tasks[1:], tally=None)
    assert not waived.has_errors  # the waived row's error is suppressed
    assert result.status_counts()["abnormal"] == 1 and result.severity_counts()["error"] == 1


def test_engine_findings_equal_validated_findings() -> None:
    records = [{"Task": "t", "Target": "15%", "实际值": "1%", "截止日期": "2025-06-01"}]
    result = lint(table_of(records, ParseOptions(today=TODAY)), today=TODAY)
    assert result.tasks[0].findings
    for f in result.tasks[0].findings:
        validated = Finding(**f.model_dump())
        assert f == validated and f.model_fields_set == validated.model_fields_set


@SETTINGS
@given(records=RECORDS, options=OPTIONS, locale=st.sampled_from(["en", "zh"]))
def test_rewritten_rule_checks_hit_as_before(records, options, locale) -> None:
    ctx = Context(today=TODAY, locale=locale)
    for task in table_of(records, options).tasks:
        for rule_class, reference in REFERENCE_CHECKS.values():
            rule = rule_class()
            assert hits_of(rule.check(task, ctx)) == list(reference(rule, task, ctx))


_ARG_TYPES: dict[tuple[str, str, str], set[type]] = {}
_ARG_ORDERS: dict[tuple[str, str], tuple[str, ...]] = {}


@SETTINGS
@given(records=RECORDS, options=OPTIONS, locale=st.sampled_from(["en", "zh"]))
def test_each_placeholder_of_a_rule_gets_values_of_one_hashable_type(
    records, options, locale
) -> None:
    """The engine knows a finding by its template and the values filled in, in order
    (`_lint`): they must hash, come in one order per template, and 2 and 2.0 (equal
    keys) must never both fill one placeholder."""
    ctx = Context(today=TODAY, locale=locale)
    for task in table_of(records, options).tasks:
        for rule_class in rules_by_code().values():
            if rule_class.scope != "row" or rule_class.needs_history:
                continue
            for hit in hits_of(rule_class().check(task, ctx)):
                hash(tuple(hit.args.values()))
                # the values are keyed in order, without their names: one order a template
                order = _ARG_ORDERS.setdefault((rule_class.code, hit.key), tuple(hit.args))
                assert tuple(hit.args) == order, (rule_class.code, hit.key)
                for name, value in hit.args.items():
                    seen = _ARG_TYPES.setdefault((rule_class.code, hit.key, name), set())
                    seen.add(type(value))
                    assert len(seen) == 1, (rule_class.code, hit.key, name, seen)


def test_hit_is_immutable_with_empty_read_only_args() -> None:
    hit = Hit(field="due")
    assert hit.key == "default" and not hit.args and hit.severity is None
    with pytest.raises(TypeError):
        hit.args["x"] = 1  # type: ignore[index]
    with pytest.raises(AttributeError):
        hit.key = "other"  # type: ignore[misc]
    assert Hit("k", {"a": 1}, "f", Severity.ERROR).args == {"a": 1}


# ----------------------------------------------------------------------------- json


def outcome(name: str, result: LintResult) -> SourceOutcome:
    return SourceOutcome(SourceSpec(name, "file", name, SourceConfig(url=name)), result)


@SETTINGS
@given(records=RECORDS, options=OPTIONS, locale=st.sampled_from(["en", "zh"]))
def test_json_report_is_what_json_dumps_writes(records, options, locale) -> None:
    table = table_of(records, options)
    first = lint(table, today=TODAY, locale=locale)
    second = lint(table, today=TODAY, locale=locale, select=("X",))
    outcomes = [outcome("a.csv", first), outcome('b "2".csv', second)]
    for chosen in (outcomes, outcomes[:1], []):
        assert render_json(chosen) == reference_render_json(chosen)


@SETTINGS
@given(records=RECORDS, options=OPTIONS)
def test_json_report_handed_on_in_pieces_is_the_same_text(records, options) -> None:
    from tasklint import output

    result = lint(table_of(records, options), today=TODAY)
    outcomes = [outcome("a.csv", result), outcome("b.csv", result)]
    pieces: list[str] = []
    batch = output._JsonWriter._BATCH
    try:
        output._JsonWriter._BATCH = 4  # a piece every task or so
        write_json(outcomes, pieces.append)
    finally:
        output._JsonWriter._BATCH = batch
    assert "".join(pieces) == reference_render_json(outcomes)
    assert len(pieces) > len(result.tasks) // 2


def test_json_report_with_odd_values() -> None:
    task = Task(id="row-1", title='a "quoted"\n\ttitle \x00 \u2028 😀 \\ end')
    odd = Finding(
        code="X901",
        name="unparseable-cell",
        severity=Severity.WARNING,
        message='tab\there, newline\n, quote ", backslash \\, nul \x00, bell \x07',
        field=None,
    )
    suppressed = odd.model_copy(update={"suppressed": True})
    info = odd.model_copy(update={"severity": Severity.INFO, "field": "notes"})
    results = [
        TaskResult(task, [odd, suppressed, info], Status.NOT_DONE, value)
        for value in (None, 0.123456, -0.0, 5, 1e300, math.inf, -math.inf, math.nan, 2 / 3)
    ]
    results.append(TaskResult(Task(id="row-2", title=None), [suppressed], Status.DONE, None))
    result = LintResult(
        Table(name="t", kind="file"),
        results,
        [odd, suppressed],
        [SkippedRule("M304", "no run history")],
        "en",
        TODAY,
    )
    outcomes = [outcome("odd.csv", result)]
    assert render_json(outcomes) == reference_render_json(outcomes)


# ------------------------------------------------------------------------ gc pause


def test_gc_paused_restores_the_collector_and_nests() -> None:
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()  # a caller that turned it off keeps it off
    finally:
        gc.enable()


def test_gc_paused_moves_new_objects_to_the_oldest_generation() -> None:
    gc.collect()
    with gc_paused():
        kept = [[i] for i in range(5_000)]
    assert gc.get_count()[0] < 1_000  # the young generation is not left to walk them
    assert gc.get_freeze_count() == 0
    assert all(gc.is_tracked(item) for item in kept[:10])
    cycle: list[Any] = []
    cycle.append(cycle)
    del cycle
    assert gc.collect() >= 1  # a full collection still finds garbage made meanwhile


def test_gc_paused_leaves_a_frozen_heap_alone() -> None:
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with gc_paused():
            [[i] for i in range(100)]
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
