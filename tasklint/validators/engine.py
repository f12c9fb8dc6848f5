"""Run the selected rules over a table and compute each row's status and completion.

`lint(table, ...)` is a pure function of the table and the options: no network, no
connector, no clock (today is passed in). A large table's rows may be linted by forked
children, one part per usable core (`bulk.across_cores`); the result is the same.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from tasklint.bulk import across_cores, gc_paused
from tasklint.config.columns import column_name
from tasklint.model import Finding, Severity, Status, Table, Task
from tasklint.validators.base import Context, Hit, Params, Rule, Text, hits_of
from tasklint.validators.cells import UnknownIgnoreCode
from tasklint.validators.metrics import completion
from tasklint.validators.registry import known_codes, rules_by_code, select_codes
from tasklint.validators.schedule import says_done


@dataclass(slots=True)
class RuleSetting:
    params: Params | None = None
    severity: Severity | None = None


@dataclass(slots=True)
class TaskResult:
    task: Task
    findings: list[Finding]
    status: Status
    completion: float | None

    @property
    def active(self) -> list[Finding]:
        return [f for f in self.findings if not f.suppressed]


@dataclass(slots=True)
class SkippedRule:
    code: str
    reason: str


@dataclass(frozen=True, slots=True)
class Tally:
    """A result's active findings by severity and its rows by status, as the engine
    counted them while it made them (a large table's findings are not walked again)."""

    severities: dict[Severity, int]
    statuses: dict[Status, int]


@dataclass(slots=True)
class LintResult:
    table: Table
    tasks: list[TaskResult]
    table_findings: list[Finding]
    skipped: list[SkippedRule]
    locale: str
    today: date
    # None: counted from the tasks when asked (a result made by hand)
    tally: Tally | None = None

    def severity_counts(self) -> Counter[str]:
        if self.tally is not None:
            by_severity = self.tally.severities
        else:
            by_severity = dict.fromkeys(Severity, 0)
            for finding in self.table_findings:
                if not finding.suppressed:
                    by_severity[finding.severity] += 1
            for result in self.tasks:
                for finding in result.findings:
                    if not finding.suppressed:
                        by_severity[finding.severity] += 1
        counts: Counter[str] = Counter({s.value: 0 for s in Severity})
        for severity, count in by_severity.items():
            counts[severity.value] += count
        return counts

    def status_counts(self) -> Counter[str]:
        by_status: Mapping[Status, int] = (
            self.tally.statuses if self.tally is not None else Counter(t.status for t in self.tasks)
        )
        counts: Counter[str] = Counter({s.value: 0 for s in Status})
        for status, count in by_status.items():
            counts[status.value] += count
        return counts

    def all_active(self) -> Iterable[Finding]:
        yield from (f for f in self.table_findings if not f.suppressed)
        for result in self.tasks:
            yield from result.active

    @property
    def has_errors(self) -> bool:
        error = Severity.ERROR
        if self.tally is not None:
            return self.tally.severities[error] > 0
        for finding in self.table_findings:
            if finding.severity is error and not finding.suppressed:
                return True
        for result in self.tasks:
            for finding in result.findings:
                if finding.severity is error and not finding.suppressed:
                    return True
        return False


_SKIPPED = {
    "columns": Text(en="no {columns} column", zh="表中没有“{columns}”列"),
    "history": Text(
        en="no run history (it compares with the previous sync)",
        zh="没有运行历史（该规则与上次同步比较）",
    ),
    "rows": Text(en="the table has no task rows", zh="表中没有任务行"),
}


def _why_skipped(key: str, locale: str, missing: Iterable[tuple[str, ...]] = ()) -> str:
    """Why a rule did not run, in the run's language; missing columns by the names a
    person would give them there ("Due" / "截止日期"), alternatives joined by "or" (a
    column's own name may hold a "/": 责任部门/人)."""
    either = "或" if locale == "zh" else " or "
    columns = " / ".join(either.join(column_name(f, locale) for f in group) for group in missing)
    return _SKIPPED[key].render(locale, {"columns": columns})


def computed_status(task: Task, findings: Iterable[Finding]) -> Status:
    """Abnormal on an error-level finding or when the owner marked it so; else Done when
    the row says it is done; else Not done (DESIGN §4)."""
    if task.marked_status is Status.ABNORMAL or any(
        f.severity is Severity.ERROR and not f.suppressed for f in findings
    ):
        return Status.ABNORMAL
    return Status.DONE if says_done(task) else Status.NOT_DONE


def sort_findings(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (f.severity.rank, f.code))


_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
# How many distinct findings a run shares at most: past it, findings are made per row
# (a table of unique messages should not also hold a dictionary of them).
_MADE_LIMIT = 1 << 16


def lint(
    table: Table,
    *,
    today: date,
    locale: str = "en",
    select: Iterable[str] = ("ALL",),
    ignore: Iterable[str] = (),
    settings: Mapping[str, RuleSetting] | None = None,
    history: Mapping[str, Mapping[str, Any]] | None = None,
) -> LintResult:
    with gc_paused():
        return _lint(table, today, locale, select, ignore, settings, history)


def _templates(rule: Rule, locale: str) -> dict[str, str] | None:
    """The rule's messages in the run's locale, when it renders them the usual way
    (`Rule.message` with `Text` messages: `Text.render`); None when it does not."""
    if type(rule).message is not Rule.message:
        return None
    if not all(type(text) is Text for text in rule.messages.values()):
        return None
    return {key: text.zh if locale == "zh" else text.en for key, text in rule.messages.items()}


@dataclass(slots=True)
class _Rows:
    """A part of a table's rows linted: their results in order, and the active findings
    (by severity rank) and statuses among them."""

    results: list[TaskResult]
    active: list[int]
    statuses: dict[Status, int]

    def encode(self) -> tuple[Any, ...]:
        """The part as built-in values (for `marshal`): each distinct finding once, and
        each row as its status, completion and the indices of its findings."""
        index: dict[int, int] = {}
        findings: list[tuple[Any, ...]] = []
        rows = []
        for result in self.results:
            positions = []
            for f in result.findings:
                at = index.get(id(f))
                if at is None:
                    at = index[id(f)] = len(findings)
                    findings.append(
                        (f.code, f.name, f.severity.value, f.message, f.field, f.suppressed)
                    )
                positions.append(at)
            rows.append((result.status.value, result.completion, positions))
        statuses = {status.value: count for status, count in self.statuses.items()}
        return findings, rows, self.active, statuses

    @staticmethod
    def decoder(tasks: list[Task]) -> Callable[[Any, int, int], _Rows]:
        """Turns `encode`'s values for the rows `tasks[start:stop]` back into a part."""

        def decode(data: Any, start: int, stop: int) -> _Rows:
            encoded_findings, rows, active, statuses = data
            findings = [
                Finding.trusted(code, name, Severity(severity), message, field, suppressed)
                for code, name, severity, message, field, suppressed in encoded_findings
            ]
            status_of = {status.value: status for status in Status}
            pick = findings.__getitem__
            results = [
                TaskResult(task, list(map(pick, positions)), status_of[status], done)
                for task, (status, done, positions) in zip(tasks[start:stop], rows, strict=True)
            ]
            counts = {status_of[value]: count for value, count in statuses.items()}
            return _Rows(results, list(active), counts)

        return decode


def _lint(
    table: Table,
    today: date,
    locale: str,
    select: Iterable[str],
    ignore: Iterable[str],
    settings: Mapping[str, RuleSetting] | None,
    history: Mapping[str, Mapping[str, Any]] | None,
) -> LintResult:
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
            stale_check = rule  # it judges the other rules' results, so it runs last
        elif rule.scope == "table":
            if table.tasks:
                table_rules.append(rule)
            else:  # "no row tracks a core metric" says nothing of a table without rows
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

    # Per rule: its check, and what a finding of it needs (looked up once per hit).
    plan = [
        (
            rule.check,
            (rule.code, rule.name, rule.effective_severity, _templates(rule, locale), rule),
        )
        for rule in row_rules
    ]
    # Findings are sorted by severity, then code (`sort_findings`). The rules run in
    # code order, and the stale-ignore check (the last code) after them, so putting
    # each finding in its severity's bucket, in the order found, sorts them; should
    # the order ever differ, they are sorted after all.
    codes = [rule.code for rule in row_rules]
    if stale_check is not None:
        codes.append(stale_check.code)
    in_code_order = codes == sorted(codes)
    # Rows find the same things again and again ("Goal is missing", the same owner
    # shared by two departments, the same unreadable date): each distinct finding is
    # made once and shared. Findings are frozen values, so sharing is safe; it spares
    # making an object per finding (a tenth of a large run) and the memory they hold.
    made: dict[tuple[Any, ...], Finding] = {}  # see `key` below
    trusted = Finding.trusted
    known = known_codes()
    tasks = table.tasks

    def lint_rows(first: int, stop: int) -> _Rows:
        # The loop's names as locals (faster to read than the enclosing function's)
        check_ctx, found, rank, plan_ = ctx, made, _RANK, plan
        # (an enum's member read through its class costs several attribute reads)
        abnormal_, done_, not_done = Status.ABNORMAL, Status.DONE, Status.NOT_DONE
        active = [0, 0, 0]  # active findings by severity rank
        statuses = dict.fromkeys(Status, 0)
        results: list[TaskResult] = []
        append_result = results.append
        for task in tasks[first:stop]:
            buckets: tuple[list[Finding], list[Finding], list[Finding]] = ([], [], [])
            for check, about in plan_:
                hits = check(task, check_ctx)
                if hits is None:
                    continue
                # A Hit is itself a tuple: one is told from a list by its type.
                many: list[Hit] = (hits,) if type(hits) is Hit else hits  # type: ignore[assignment]
                for hit in many:
                    code, name, default_severity, templates, rule = about
                    severity = hit.severity or default_severity
                    # The finding is known by what makes its message: the template and the
                    # values filled in, so a repeated one is not formatted again. (A rule
                    # fills a template's placeholders in one order, each with values of one
                    # type: 2 and 2.0, equal here, would print differently; a test checks.)
                    args = hit.args
                    key = (code, severity, hit.field, hit.key, *args.values())
                    shared = found.get(key)
                    if shared is None:
                        if templates is None:
                            message = rule.message(hit, locale)
                        elif args:
                            message = templates[hit.key].format(**args)
                        else:
                            message = templates[hit.key]
                        shared = trusted(code, name, severity, message, hit.field)
                        if len(found) < _MADE_LIMIT:
                            found[key] = shared
                    buckets[rank[severity]].append(shared)
            if task.ignore:
                suppress = set(task.ignore)
                fired: list[str] = []
                for bucket in buckets:
                    for index, f in enumerate(bucket):
                        if f.code in suppress:
                            bucket[index] = f.model_copy(update={"suppressed": True})
                            fired.append(f.code)
                if stale_check is not None:
                    for hit in stale_check.stale(task, known, fired):
                        stale = finding(stale_check, hit)
                        buckets[rank[stale.severity]].append(stale)
                abnormal = any(not f.suppressed for f in buckets[0])
                for rank_of, bucket in enumerate(buckets):
                    active[rank_of] += sum(not f.suppressed for f in bucket)
            else:
                abnormal = bool(buckets[0])
                active[0] += len(buckets[0])
                active[1] += len(buckets[1])
                active[2] += len(buckets[2])
            errors, warnings, infos = buckets
            findings = [*errors, *warnings, *infos] if warnings or infos else errors
            if not in_code_order:
                findings = sort_findings(findings)
            if task.marked_status is abnormal_ or abnormal:
                status = abnormal_
            else:
                status = done_ if says_done(task) else not_done
            statuses[status] += 1
            append_result(TaskResult(task, findings, status, completion(task)))
        return _Rows(results, active, statuses)

    table_findings: list[Finding] = []

    def lint_table() -> None:
        table_findings.extend(
            sort_findings(
                [
                    finding(rule, hit)
                    for rule in table_rules
                    for hit in hits_of(rule.check_table(table, ctx))
                ]
            )
        )

    # A large table is shared between the cores: each part of its rows is linted alike
    # (rows are independent), and the table rules, which read all of them, run here
    # while the other parts finish.
    parts = across_cores(
        len(tasks), lint_rows, _Rows.encode, _Rows.decoder(tasks), meanwhile=lint_table
    )
    results = parts[0].results
    active, statuses = parts[0].active, parts[0].statuses
    for part in parts[1:]:
        results += part.results
        active = [mine + theirs for mine, theirs in zip(active, part.active, strict=True)]
        for status, count in part.statuses.items():
            statuses[status] += count

    for f in table_findings:
        active[_RANK[f.severity]] += not f.suppressed
    severities = {severity: active[_RANK[severity]] for severity in Severity}
    tally = Tally(severities, statuses)
    return LintResult(table, results, table_findings, skipped, locale, today, tally)
