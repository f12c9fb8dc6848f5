"""The rows and results every part of tasklint speaks: Task, Person, Finding, Severity, Status.

A connector turns each record of a table into a `Task` with parsed, typed values; the
validators read Tasks and return `Finding`s; the sync engine writes the computed status
back. Nothing here knows where a row came from.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field

_M = TypeVar("_M", bound=BaseModel)


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """0 for the most severe, so that sorting by rank puts errors first."""
        return _SEVERITY_RANK[self]

    @property
    def symbol(self) -> str:
        return _SEVERITY_SYMBOL[self]


_SEVERITY_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
_SEVERITY_SYMBOL = {Severity.ERROR: "✖", Severity.WARNING: "⚠", Severity.INFO: "ℹ"}


class Status(StrEnum):
    DONE = "done"
    NOT_DONE = "not_done"
    ABNORMAL = "abnormal"


class Phase(StrEnum):
    """The seed checklist's phases; execution and monitoring are the halves of phase 2."""

    PREPARATION = "preparation"
    EXECUTION = "execution"
    MONITORING = "monitoring"
    REVIEW = "review"


# Every model here defers building its schema to its first validation: readers and the
# engine make rows and findings with the trusted constructors below, so a file check
# validates none of them, and building five schemas is ~8 ms of every start-up.


class Person(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)

    name: str
    id: str | None = None
    email: str | None = None

    @classmethod
    def named(cls, name: str) -> Person:
        """A person known by name only, from a name the owner parser read."""
        return _trusted(cls, {"name": name, "id": None, "email": None})


class CellProblem(BaseModel):
    """A cell that could not be read; it becomes an X901 finding quoting the cell."""

    model_config = ConfigDict(defer_build=True)

    field: str
    column: str
    raw: str
    expected: str
    expected_zh: str | None = None

    @classmethod
    def trusted(
        cls, field: str, column: str, raw: str, expected: str, expected_zh: str | None
    ) -> CellProblem:
        """A CellProblem from strings the row reader made, without validation: the same
        attributes `model_construct` sets with every field given."""
        return _trusted(
            cls,
            {
                "field": field,
                "column": column,
                "raw": raw,
                "expected": expected,
                "expected_zh": expected_zh,
            },
        )


class Task(BaseModel):
    """One row of a checklist, with every cell parsed to the type a person would read."""

    model_config = ConfigDict(defer_build=True)

    id: str
    row: int | None = None
    title: str | None = None
    phase: Phase | None = None
    standard: str | None = None
    goal: str | None = None
    metric: str | None = None
    target: float | None = None
    actual: float | None = None
    expected: float | None = None
    owners: list[Person] = Field(default_factory=list)
    departments: list[str] = Field(default_factory=list)
    # A job title without a name ("市场部经理", "Marketing manager") names no person.
    owner_roles: list[str] = Field(default_factory=list)
    # "全体执行团队", "whole team", "各部门负责人": shared ownership by construction.
    owner_collective: bool = False
    # The owner cells as written, for messages that quote them.
    owner_text: str | None = None
    marked_status: Status | None = None
    start: date | None = None
    due: date | None = None
    done_on: date | None = None
    updated: date | None = None
    progress: float | None = None
    deliverable: str | None = None
    budget: float | None = None
    spent: float | None = None
    contingency: float | None = None
    notes: str | None = None
    ignore: list[str] = Field(default_factory=list)
    ignore_raw: str | None = None
    problems: list[CellProblem] = Field(default_factory=list)
    # What the table shows today in tasklint's own columns (warnings, status, completion):
    # the sync engine writes a row only when its new values differ from these.
    shown: dict[str, str | float | None] = Field(default_factory=dict)

    @classmethod
    def trusted(cls, **values: Any) -> Task:
        """A Task from values the row reader parsed itself, without validation.

        Given every field by keyword in declaration order (as `rows.RowReader` does), it
        sets the attributes `model_construct(**values)` sets — the same `__dict__` and
        fields set — in a fraction of the time; given anything else it is
        `model_construct`. The values must already have the fields' types.
        """
        if tuple(values) != _TASK_FIELDS:
            return cls.model_construct(**values)
        return _trusted(cls, values)

    def unreadable(self, *fields: str) -> bool:
        """Whether a cell of these fields was filled but could not be read: X901 reports
        it, and rules that would call the value missing stay quiet ("缺少截止日期" for a
        written 6月31日 would send the reader looking for an empty cell)."""
        return bool(self.problems) and any(p.field in fields for p in self.problems)

    @property
    def text(self) -> str:
        """Everything a person wrote in the row's free-text cells, for rules that read prose."""
        return "\n".join([p for p in text_cells(self) if p])


def text_cells(task: Task) -> tuple[str | None, ...]:
    """The row's free-text cells, in the order `Task.text` joins those written."""
    return (task.title, task.standard, task.goal, task.metric, task.deliverable, task.notes)


class Finding(BaseModel):
    """What a rule found, as the row shows it. A value: the engine gives rows that found
    the same thing one shared Finding, so it is frozen (a suppressed copy is made with
    `model_copy(update={"suppressed": True})`), and it does not say which row it is on —
    the `TaskResult` holding it does."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    code: str
    name: str
    severity: Severity
    message: str
    field: str | None = None
    suppressed: bool = False

    @classmethod
    def trusted(
        cls,
        code: str,
        name: str,
        severity: Severity,
        message: str,
        field: str | None,
        suppressed: bool = False,
    ) -> Finding:
        """A Finding from values the engine made itself, without validation: the
        attributes `model_construct` sets, in about a third of its time."""
        return _trusted(
            cls,
            {
                "code": code,
                "name": name,
                "severity": severity,
                "message": message,
                "field": field,
                "suppressed": suppressed,
            },
        )

    def line(self) -> str:
        """The one-line form written into the table: `⚠ G102 Goal is not measurable: …`."""
        return f"{self.severity.symbol} {self.code} {self.message}"


class _AllFields(set):  # type: ignore[type-arg]
    """The fields set (`model_fields_set`) that every trusted instance of a model shares:
    all of the model's fields, as `model_construct` records them when given every one.

    One set per model instead of one per instance: on 100,000 rows with five findings
    each, per-instance sets are a third of the memory of a run. Sharing is safe because
    the set never changes: pydantic only ever adds to it a field it already holds (on
    assignment) and copies it otherwise (`model_copy`, pickling, where it becomes a
    plain set again). Anything that would change it raises rather than change every
    instance's set at once."""

    def _refuse(self, *_: object) -> None:
        raise TypeError("this fields set is shared by many models: copy it with set() first")

    def add(self, item: object) -> None:
        if item not in self:
            self._refuse()

    def update(self, *others: Any) -> None:
        for other in others:
            if not self.issuperset(other):
                self._refuse()

    discard = remove = pop = clear = _refuse  # type: ignore[assignment]
    difference_update = intersection_update = symmetric_difference_update = _refuse
    __ior__ = __iand__ = __isub__ = __ixor__ = _refuse  # type: ignore[assignment]

    def __copy__(self) -> set[Any]:
        return set(self)

    def __deepcopy__(self, memo: object) -> set[Any]:
        return set(self)

    def __reduce__(self) -> tuple[Any, ...]:
        return set, (list(self),)


_TASK_FIELDS = tuple(Task.model_fields)
_TASK_FIELDS_SET = _AllFields(Task.model_fields)
_FINDING_FIELDS_SET = _AllFields(Finding.model_fields)
_CELL_PROBLEM_FIELDS_SET = _AllFields(CellProblem.model_fields)
_ALL_FIELDS: dict[type[BaseModel], _AllFields] = {
    Task: _TASK_FIELDS_SET,
    Finding: _FINDING_FIELDS_SET,
    CellProblem: _CELL_PROBLEM_FIELDS_SET,
    Person: _AllFields(Person.model_fields),
}


def trusted_task(values: dict[str, Any]) -> Task:
    """`Task.trusted(**values)` for a dict the caller made with every field in
    declaration order (the row reader's template): it becomes the Task's `__dict__`."""
    task = Task.__new__(Task)
    object.__setattr__(task, "__dict__", values)
    object.__setattr__(task, "__pydantic_fields_set__", _TASK_FIELDS_SET)
    object.__setattr__(task, "__pydantic_extra__", None)
    object.__setattr__(task, "__pydantic_private__", None)
    return task


def _trusted(cls: type[_M], values: dict[str, Any]) -> _M:
    """An instance of `cls` whose `__dict__` is `values` (every field, in declaration
    order), set as `model_construct` sets it: all of them count as explicitly set."""
    instance = cls.__new__(cls)
    object.__setattr__(instance, "__dict__", values)
    fields: set[str] | None = _ALL_FIELDS.get(cls)  # None for a subclass, which may add fields
    if fields is None or len(values) != len(fields):
        fields = set(values)
    object.__setattr__(instance, "__pydantic_fields_set__", fields)
    object.__setattr__(instance, "__pydantic_extra__", None)
    object.__setattr__(instance, "__pydantic_private__", None)
    return instance


class Table(BaseModel):
    """A whole checklist as read from one source."""

    model_config = ConfigDict(defer_build=True)

    name: str
    kind: str
    # logical field -> the header it was read from
    columns: dict[str, str] = Field(default_factory=dict)
    tasks: list[Task] = Field(default_factory=list)
    # row number -> the line of the file it begins on, for a text file's rows where they
    # differ (a cell above holds a line break): where an annotation must point
    lines: dict[int, int] = Field(default_factory=dict)

    @classmethod
    def trusted(cls, name: str, kind: str, columns: dict[str, str], tasks: list[Task]) -> Table:
        """A Table of Tasks a reader made, without validation: checking 100,000 Tasks
        against the model's schema (and building the schema) would find nothing."""
        return cls.model_construct(name=name, kind=kind, columns=columns, tasks=tasks, lines={})

    def has(self, field: str) -> bool:
        return field in self.columns
