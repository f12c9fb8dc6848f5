"""The review report's numbers, computed once from a lint result and the run history.

`build_report(outcome, runs)` returns a `Report`: plain data that the HTML and Markdown
renderers and the publishers only format, never recompute. Its counts are those of
`tasklint check --format json` for the same table (DESIGN §6): the same active
findings, the same computed statuses, the same completion rates.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

from tasklint import __version__
from tasklint.model import Finding, Phase, Severity, Status, Task
from tasklint.validators.budget import reserve_share
from tasklint.validators.engine import LintResult, TaskResult
from tasklint.validators.goals import goal_text
from tasklint.validators.metrics import lower_is_better

# The R601 patterns: what a review report must say, and which rows are report rows.
from tasklint.validators.review import _PARTS as REVIEW_PARTS
from tasklint.validators.review import _REPORT as REPORT_TITLE
from tasklint.validators.schedule import says_done

if TYPE_CHECKING:
    from tasklint.app import SourceOutcome
    from tasklint.sync.state import Run

PHASE_ORDER: tuple[Phase | None, ...] = (*Phase, None)
PART_KEYS = tuple(REVIEW_PARTS)  # successes, problems, suggestions
TREND_RUNS = 30

# A clause of a review note: split at sentence ends, semicolons and line breaks.
_CLAUSES = re.compile(r"[；;。！？!?\n]+|(?<=[^\s.])\.(?:\s+|$)")
# "成功：…", "Problem - …": a short label before the text itself.
_LABEL = re.compile(r"^\s*[^\s:：—\-]{1,16}(?:\s[^\s:：—\-]{1,16})?\s*[:：]\s*")


@dataclass(slots=True)
class GoalLine:
    task_id: str
    row: int | None
    title: str
    goal: str | None
    metric: str | None
    target: float | None
    actual: float | None
    completion: float | None
    lower_is_better: bool
    status: Status

    @property
    def percent(self) -> bool:
        """Target and actual read as percentages (both ≤ 1), as R602 shows them."""
        values = [v for v in (self.target, self.actual) if v is not None]
        return bool(values) and all(v <= 1 for v in values)

    @property
    def met(self) -> bool:
        return self.completion is not None and self.completion >= 1 - 1e-9


@dataclass(slots=True)
class PhaseLine:
    phase: Phase | None
    done: int = 0
    not_done: int = 0
    abnormal: int = 0

    @property
    def total(self) -> int:
        return self.done + self.not_done + self.abnormal

    def count(self, status: Status) -> int:
        return int(getattr(self, status.value))


@dataclass(slots=True)
class RuleLine:
    code: str
    name: str
    error: int = 0
    warning: int = 0
    info: int = 0
    rows: int = 0  # distinct rows with this finding
    whole_table: int = 0  # findings about the whole table, not a row

    @property
    def total(self) -> int:
        return self.error + self.warning + self.info

    @property
    def severity(self) -> Severity:
        """The most severe level among its findings."""
        if self.error:
            return Severity.ERROR
        return Severity.WARNING if self.warning else Severity.INFO


@dataclass(slots=True)
class GroupLine:
    """Open findings of one owner or one department (None: rows that name none)."""

    name: str | None
    error: int = 0
    warning: int = 0
    info: int = 0
    rows: int = 0  # its rows that have an open finding
    abnormal: int = 0  # its rows computed Abnormal

    @property
    def total(self) -> int:
        return self.error + self.warning + self.info


@dataclass(slots=True)
class OverdueLine:
    task_id: str
    row: int | None
    title: str
    owner: str | None
    due: date
    days_late: int
    status: Status


@dataclass(slots=True)
class BudgetLine:
    task_id: str
    title: str
    budget: float | None
    spent: float | None

    @property
    def used(self) -> float | None:
        if self.budget and self.spent is not None:
            return self.spent / self.budget
        return None

    @property
    def over(self) -> bool:
        return self.budget is not None and self.spent is not None and self.spent > self.budget


@dataclass(slots=True)
class Budget:
    planned: float | None  # the budget column's total; None without budget figures
    spent: float | None
    contingency: float | None  # reserve amounts written as amounts
    contingency_share: float | None  # of the total budget, as B501 reads it
    lines: list[BudgetLine]

    @property
    def used(self) -> float | None:
        if self.planned and self.spent is not None:
            return self.spent / self.planned
        return None

    @property
    def present(self) -> bool:
        return bool(self.lines) or self.contingency_share is not None


@dataclass(slots=True)
class TrendPoint:
    run_id: int
    started: datetime
    rows: int
    open_warnings: int  # the lines of the warnings column: every open finding
    abnormal: int | None  # None for runs recorded before statuses were kept


@dataclass(slots=True)
class ReviewItem:
    text: str
    task_id: str
    title: str


@dataclass(slots=True)
class Review:
    rows: list[str]  # titles of the review report rows read
    parts: dict[str, list[ReviewItem]]

    @property
    def missing(self) -> list[str]:
        return [key for key in PART_KEYS if not self.parts.get(key)]


@dataclass(slots=True)
class Report:
    source: str
    kind: str
    locale: str
    today: date
    version: str
    rows: int
    summary: dict[str, int]  # error / warning / info, as the JSON summary
    statuses: dict[str, int]  # done / not_done / abnormal
    goals: list[GoalLine]
    phases: list[PhaseLine]
    rules: list[RuleLine]
    owners: list[GroupLine]
    departments: list[GroupLine]
    table_findings: list[Finding]
    overdue: list[OverdueLine]
    budget: Budget
    trend: list[TrendPoint]
    review: Review
    skipped: list[tuple[str, str]] = field(default_factory=list)

    @property
    def open_findings(self) -> int:
        return sum(self.summary.values())

    @property
    def zh(self) -> bool:
        return self.locale == "zh"


# --- building ----------------------------------------------------------------------------


def owner_label(task: Task) -> str | None:
    """Who a row names: its people, else its job titles, else the owner cells as written."""
    if task.owners:
        return ", ".join(p.name for p in task.owners)
    if task.owner_roles:
        return ", ".join(task.owner_roles)
    return task.owner_text or None


def _owner_keys(task: Task) -> list[str | None]:
    """Each person a row names counts the row's findings (a shared row counts for each)."""
    if task.owners:
        return list(dict.fromkeys(p.name for p in task.owners))
    label = owner_label(task)
    return [label]


def _department_keys(task: Task) -> list[str | None]:
    return list(dict.fromkeys(task.departments)) or [None]


def _title(task: Task) -> str:
    return task.title or (f"#{task.row}" if task.row is not None else task.id)


def _goals(results: Iterable[TaskResult]) -> list[GoalLine]:
    goals = []
    for r in results:
        task = r.task
        if task.target is None and task.actual is None:
            continue
        goals.append(
            GoalLine(
                task.id,
                task.row,
                _title(task),
                goal_text(task),
                task.metric,
                task.target,
                task.actual,
                r.completion,
                lower_is_better(task),
                r.status,
            )
        )
    return goals


def _phases(results: Iterable[TaskResult]) -> list[PhaseLine]:
    lines = {phase: PhaseLine(phase) for phase in PHASE_ORDER}
    for r in results:
        line = lines[r.task.phase]
        setattr(line, r.status.value, line.count(r.status) + 1)
    return [line for line in lines.values() if line.total]


def _count(line: RuleLine | GroupLine, finding: Finding) -> None:
    name = finding.severity.value
    setattr(line, name, getattr(line, name) + 1)


def _rules(result: LintResult) -> list[RuleLine]:
    lines: dict[str, RuleLine] = {}
    rows: dict[str, set[str]] = {}
    for finding in result.table_findings:
        if finding.suppressed:
            continue
        line = lines.setdefault(finding.code, RuleLine(finding.code, finding.name))
        _count(line, finding)
        line.whole_table += 1
    for r in result.tasks:
        for finding in r.active:
            line = lines.setdefault(finding.code, RuleLine(finding.code, finding.name))
            _count(line, finding)
            rows.setdefault(finding.code, set()).add(r.task.id)
    for code, ids in rows.items():
        lines[code].rows = len(ids)
    return sorted(lines.values(), key=lambda x: (x.severity.rank, -x.total, x.code))


def _groups(results: Sequence[TaskResult], keys_of) -> list[GroupLine]:  # type: ignore[no-untyped-def]
    lines: dict[str | None, GroupLine] = {}
    for r in results:
        active = r.active
        for key in keys_of(r.task):
            line = lines.setdefault(key, GroupLine(key))
            if r.status is Status.ABNORMAL:
                line.abnormal += 1
            if not active:
                continue
            line.rows += 1
            for finding in active:
                _count(line, finding)
    shown = [line for line in lines.values() if line.total or line.abnormal]
    return sorted(shown, key=lambda x: (-x.error, -x.total, x.name is None, x.name or ""))


def _overdue(results: Iterable[TaskResult], today: date) -> list[OverdueLine]:
    late = []
    for r in results:
        task = r.task
        if task.due is None or task.due >= today or says_done(task):
            continue
        late.append(
            OverdueLine(
                task.id,
                task.row,
                _title(task),
                owner_label(task),
                task.due,
                (today - task.due).days,
                r.status,
            )
        )
    return sorted(late, key=lambda x: (-x.days_late, x.row or 0, x.task_id))


def _budget(result: LintResult) -> Budget:
    tasks = [r.task for r in result.tasks]
    lines = [
        BudgetLine(t.id, _title(t), t.budget, t.spent)
        for t in tasks
        if t.budget is not None or t.spent is not None
    ]
    budgets = [t.budget for t in tasks if t.budget is not None]
    spent = [t.spent for t in tasks if t.spent is not None]
    amounts = [t.contingency for t in tasks if t.contingency is not None and t.contingency > 1]
    return Budget(
        sum(budgets) if budgets else None,
        sum(spent) if spent else None,
        sum(amounts) if amounts else None,
        reserve_share(result.table),
        lines,
    )


def _trend(runs: Sequence[Run]) -> list[TrendPoint]:
    points = []
    for run in sorted(runs, key=lambda r: r.id)[-TREND_RUNS:]:
        if not run.ok or run.finished is None:
            continue
        abnormal = run.statuses.get("abnormal") if run.statuses else None
        points.append(
            TrendPoint(run.id, run.started, run.rows_total, sum(run.findings.values()), abnormal)
        )
    return points


def _strip_label(clause: str) -> str:
    return _LABEL.sub("", clause, count=1).strip(" ，,、:：-—.")


def review_parts(text: str) -> dict[str, list[str]]:
    """The successes, problems and suggestions a review note states, clause by clause.

    A clause goes to the part whose R601 pattern matches earliest in it ("问题：…建议…"
    is a problem); clauses that match no part are not quoted."""
    parts: dict[str, list[str]] = {key: [] for key in PART_KEYS}
    for clause in _CLAUSES.split(text):
        clause = clause.strip()
        if not clause:
            continue
        found = [
            (match.start(), key)
            for key, pattern in REVIEW_PARTS.items()
            if (match := pattern.search(clause))
        ]
        if not found:
            continue
        _, key = min(found)
        parts[key].append(_strip_label(clause) or clause)
    return parts


def _review(results: Iterable[TaskResult]) -> Review:
    rows: list[str] = []
    parts: dict[str, list[ReviewItem]] = {key: [] for key in PART_KEYS}
    for r in results:
        task = r.task
        if task.phase is not Phase.REVIEW or not REPORT_TITLE.search(task.title or ""):
            continue
        rows.append(_title(task))
        written = "\n".join(t for t in (task.notes, task.deliverable, task.goal) if t)
        for key, texts in review_parts(written).items():
            parts[key].extend(ReviewItem(text, task.id, _title(task)) for text in texts)
    return Review(rows, parts)


def build_report(
    outcome: SourceOutcome, runs: Sequence[Run] = (), *, version: str | None = None
) -> Report:
    """The report of one linted source; `runs` is its run history (any order)."""
    result = outcome.result
    counts = result.severity_counts()
    summary = {s.value: counts[s.value] for s in Severity}
    statuses = {s.value: result.status_counts()[s.value] for s in Status}
    return Report(
        source=outcome.spec.name,
        kind=outcome.spec.kind,
        locale="zh" if result.locale == "zh" else "en",
        today=result.today,
        version=version or __version__,
        rows=len(result.tasks),
        summary=summary,
        statuses=statuses,
        goals=_goals(result.tasks),
        phases=_phases(result.tasks),
        rules=_rules(result),
        owners=_groups(result.tasks, _owner_keys),
        departments=_groups(result.tasks, _department_keys),
        table_findings=[f for f in result.table_findings if not f.suppressed],
        overdue=_overdue(result.tasks, result.today),
        budget=_budget(result),
        trend=_trend(runs),
        review=_review(result.tasks),
        skipped=[(s.code, s.reason) for s in result.skipped],
    )


def severity_total(lines: Iterable[RuleLine]) -> Counter[str]:
    """error / warning / info over rule lines (equals the report's summary)."""
    total: Counter[str] = Counter()
    for line in lines:
        total.update({"error": line.error, "warning": line.warning, "info": line.info})
    return total
