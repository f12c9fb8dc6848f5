"""What the sync engine needs from a table service, whichever vendor holds the table.

Each connector (Airtable, Notion) reads records as `RemoteRecord`s whose cells are
plain Python values the cell parsers understand, tells the write-back columns'
types, and writes only tasklint's own columns.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal, Protocol, runtime_checkable

from tasklint.errors import ConnectionFailed, Notice, RateLimited, SourceError, TasklintError
from tasklint.model import CellProblem

if TYPE_CHECKING:  # the transport imports requests and httpx: not for a file check
    from tasklint.connectors.transport import CallStats

Role = Literal["warnings", "status", "completion"]
ROLES: tuple[Role, ...] = ("warnings", "status", "completion")


@dataclass(frozen=True, slots=True)
class RemoteField:
    name: str
    type: str  # the vendor's own type name
    options: tuple[str, ...] = ()  # select labels
    computed: bool = False
    percent: bool = False  # numbers are fractions (0.15 shown as 15%)


@dataclass(slots=True)
class RemoteRecord:
    id: str
    cells: dict[str, Any]
    problems: list[CellProblem] = field(default_factory=list)
    modified: datetime | None = None
    created: datetime | None = None


@dataclass(frozen=True, slots=True)
class ColumnCheck:
    """The verdict on one write-back column: fine, missing, or of the wrong type."""

    role: Role
    name: str
    problem: Notice | None = None  # None when the column can be written
    missing: bool = False


@dataclass(slots=True)
class RowChange:
    record_id: str
    label: str  # what a person calls the row: its title
    values: dict[str, Any]  # column name -> new value (None clears)
    old: dict[str, Any]


class StopSignal(Protocol):
    """What a write checks between requests (a `threading.Event` is one)."""

    def is_set(self) -> bool: ...


class WriteInterrupted(TasklintError):
    """A write stopped between two requests because `stop` was set: the first `written`
    changes were sent, whole rows each (a request carries all of a row's values), and
    none of the rest."""

    def __init__(self, written: int, total: int) -> None:
        self.written = written
        self.total = total
        super().__init__(
            f"interrupted after writing {written} of {total} rows",
            hint="the next run writes the rest",
            zh=f"共 {total} 行，写入 {written} 行后被中断",
            hint_zh="其余的行会在下次运行时写入",
        )


class Connector(Protocol):
    kind: str
    name: str
    stats: CallStats

    def fields(self) -> Mapping[str, RemoteField]: ...

    def read(self, *, since: datetime | None = None) -> list[RemoteRecord]: ...

    def check_columns(
        self, wanted: Mapping[Role, str], labels: Sequence[str]
    ) -> list[ColumnCheck]: ...

    def create_columns(self, missing: Sequence[ColumnCheck], labels: Sequence[str]) -> None: ...

    def write(
        self,
        changes: Sequence[RowChange],
        *,
        stop: StopSignal | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> list[str]:
        """Send the changes; values are plain text, a status label, a fraction or None.
        When `stop` is set between two requests, raise WriteInterrupted; after each
        request, `progress` hears how many rows are written so far. Returns the ids of
        the rows the table no longer has (deleted or trashed since they were read: an
        incremental read does not see that), which are skipped; the others are written."""
        ...


@runtime_checkable
class RemembersSource(Protocol):
    """A connector that learns something about its source worth keeping between runs
    (a Notion database's data source id): the sync keeps `hints()` in its state store
    and hands them back through `use_hints` on the next run. A connector checks what it
    is given before it relies on it: the source may have changed since."""

    def hints(self) -> dict[str, str]: ...

    def use_hints(self, hints: Mapping[str, str]) -> None: ...


def parse_timestamp(value: Any) -> datetime | None:
    """An API timestamp ("2025-06-05T07:00:00.000Z") as an aware datetime, else None."""
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def check_writeback_columns(
    fields: Mapping[str, RemoteField],
    wanted: Mapping[Role, str],
    writable: Mapping[Role, tuple[str, ...]],
    labels: Sequence[str],
    *,
    noun: str,
    noun_zh: str,
    where: str = "",
) -> list[ColumnCheck]:
    """Each write-back column: present, of a type that can hold its role, and (for a
    status select whose options must exist beforehand) offering every label."""
    checks = []
    by_case = {existing.casefold(): existing for existing in fields}
    for role, name in wanted.items():
        found = fields.get(name)
        other_case = by_case.get(name.casefold()) if found is None else None
        problem: Notice | None = None
        if other_case is not None:
            # Airtable refuses a second field whose name differs only in case (422
            # DUPLICATE_OR_EMPTY_FIELD_NAME): creating it is no way out
            problem = Notice(
                en=f"{noun} {name!r} exists as {other_case!r} (another case): rename it"
                f" {name!r}, or set [writeback] {role} = {other_case!r}",
                zh=f"{noun_zh} {name!r} 以 {other_case!r} 的写法存在（大小写不同）：请把它改名为"
                f" {name!r}，或设置 [writeback] {role} = {other_case!r}",
            )
        elif found is None:
            problem = Notice(en=f"{noun} {name!r} does not exist", zh=f"{noun_zh} {name!r} 不存在")
        elif found.type not in writable[role]:
            problem = Notice(
                en=f"{noun} {name!r} is {found.type}, not {' or '.join(writable[role])}",
                zh=f"{noun_zh} {name!r} 的类型是 {found.type}，不是 {' 或 '.join(writable[role])}",
            )
        elif role == "status" and (absent := [x for x in labels if x not in found.options]):
            problem = Notice(
                en=f"{noun} {name!r} lacks the options {', '.join(absent)} "
                f"(add them to the field in {where})",
                zh=f"{noun_zh} {name!r} 缺少选项 {'、'.join(absent)}"
                f"（请在 {where} 中给这个字段加上这些选项）",
            )
        missing = found is None and other_case is None
        checks.append(ColumnCheck(role, name, problem, missing=missing))
    return checks


def service_refusal(
    vendor: str, where: str, where_zh: str, detail: str, status: int, checked: tuple[str, str]
) -> TasklintError:
    """The line for a service that still refuses after the transport's retries: rate
    limiting (429), or another answer; `checked` names, in English and Chinese, what the
    user should look at."""
    if status == 429:
        return RateLimited(
            f"{where}: {vendor} kept rate-limiting ({detail})",
            hint="run again later",
            zh=f"{where_zh}：{vendor} 一直在限流（{detail}）",
            hint_zh="请稍后再运行",
        )
    if status >= 500:  # the service's own fault, still there after the retries
        return ConnectionFailed(
            f"{where}: {vendor} kept failing ({detail})",
            hint=f"the fault is {vendor}'s: run again later",
            zh=f"{where_zh}：{vendor} 一直出错（{detail}）",
            hint_zh=f"这是 {vendor} 一方的故障：请稍后再运行",
        )
    return SourceError(
        f"{where}: {vendor} answered {detail}",
        hint=f"check the {checked[0]} and try again",
        zh=f"{where_zh}：{vendor} 返回了 {detail}",
        hint_zh=f"请检查{checked[1]}后重试",
    )
