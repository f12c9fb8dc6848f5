"""Run the selected rules over a table and compute each row's status and completion.

`lint(table, ...)` is a pure function of the table and the options: no network, no
connector, no clock (today is passed in).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from tasklint.model import Finding, Severity, Status, Table, Task
from tasklint.validators.base import Context, Hit, Params, Rule
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


@dataclass(slots=True)
class LintResult:
    table: Table
    tasks: list[TaskResult]
    table_findings: list[Finding]
    skipped: list[SkippedRule]
    locale: str
    today: date

    def severity_counts(self) -> Counter[str]:
        counts: Counter[str] = Counter({s.value: 0 for s in Severity})
        for finding in self.all_active():
            counts[finding.severity.value] += 1
        return counts

    def status_counts(self) -> Counter[str]:
        counts: Counter[str] = Counter({s.value: 0 for s in Status})
        counts.update(t.status.value for t in self.tasks)
        return counts

    def all_active(self) -> Iterable[Finding]:
        yield from (f for f in self.table_findings if not f.suppressed)
        for result in self.tasks:
            yield from result.active

    @property
    def has_errors(self) -> bool:
        return any(f.severity is Severity.ERROR for f in self.all_active())


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
            skipped.append(SkippedRule(code, f"no {' / '.join(missing)} column"))
            continue
        if rule_class.needs_history and history is None:
            skipped.append(SkippedRule(code, "no run history (it compares with the previous sync)"))
            continue
        setting = settings.get(code, RuleSetting())
        rule = rule_class(setting.params, setting.severity)
        if isinstance(rule, UnknownIgnoreCode):
            stale_check = rule  # it judges the other rules' results, so it runs last
        elif rule.scope == "table":
            table_rules.append(rule)
        else:
            row_rules.append(rule)

    def finding(rule: Rule, hit: Hit, task_id: str | None) -> Finding:
        return Finding.trusted(
            rule.code,
            rule.name,
            hit.severity or rule.effective_severity,
            rule.message(hit, locale),
            hit.field,
            task_id,
        )

    known = known_codes()
    results: list[TaskResult] = []
    for task in table.tasks:
        findings = [
            finding(rule, hit, task.id) for rule in row_rules for hit in rule.check(task, ctx)
        ]
        if task.ignore:
            suppress = set(task.ignore)
            for f in findings:
                if f.code in suppress:
                    f.suppressed = True
            if stale_check is not None:
                fired = (f.code for f in findings if f.suppressed)
                findings.extend(
                    finding(stale_check, h, task.id) for h in stale_check.stale(task, known, fired)
                )
        findings = sort_findings(findings)
        results.append(
            TaskResult(task, findings, computed_status(task, findings), completion(task))
        )

    table_findings = sort_findings(
        [finding(rule, hit, None) for rule in table_rules for hit in rule.check_table(table, ctx)]
    )
    return LintResult(table, results, table_findings, skipped, locale, today)
