"""Raw records (header -> cell) to `Task` rows: every connector ends here.

Each logical field has one parser; a cell that fails to parse is kept as a
`CellProblem` (an X901 finding later), never dropped and never read as zero.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, tzinfo
from typing import Any

from tasklint.connectors import cells
from tasklint.model import CellProblem, Person, Task

_TEXT_FIELDS = ("title", "standard", "goal", "metric", "deliverable", "notes")
_DATE_FIELDS = ("due", "done_on", "updated")
_NUMBER_FIELDS = ("target", "actual", "expected")
_MONEY_FIELDS = ("budget", "spent")


@dataclass(frozen=True, slots=True)
class ParseOptions:
    today: date
    tz: tzinfo | None = None
    # Columns typed as percent by the service (Airtable percent, Notion number as
    # percent): their numbers are already fractions, so 1.2 means 120%, not 1.2%.
    fraction_columns: frozenset[str] = frozenset()


def cell_text(raw: Any) -> str | None:
    """A cell as the text a person sees; lists (multi-selects, rich text parts) joined."""
    if raw is None:
        return None
    if isinstance(raw, list | tuple):
        parts = [cell_text(item) for item in raw]
        text = ", ".join(p for p in parts if p)
    elif isinstance(raw, dict):
        text = str(raw.get("name") or raw.get("plain_text") or raw.get("text") or "")
    else:
        text = str(raw)
    text = text.strip()
    return text or None


def _is_people_list(raw: Any) -> bool:
    return isinstance(raw, list) and any(isinstance(item, dict) for item in raw)


# What each kind of column expects, said in Chinese; the parsers say it in English.
_EXPECTED_ZH = {
    "date": "日期，如 2025-06-01、2025/6/1 或 6月1日",
    "number": "数字，如 1,200、3万 或 15%",
    "money": "金额，如 ¥1,000 或 3万元",
    "percent": "百分比，如 15%、0.15 或 三成",
    "status": "状态：已完成 / 未完成 / 异常",
    "phase": "阶段：方案准备阶段 / 执行监控阶段 / 效果复盘阶段",
    "owner": "责任部门和责任人，如 市场部-张三",
}
_KIND = {
    **dict.fromkeys(("start", "due", "done_on", "updated"), "date"),
    **dict.fromkeys(("target", "actual", "expected"), "number"),
    **dict.fromkeys(("budget", "spent", "contingency"), "money"),
    "progress": "percent",
    "status": "status",
    "phase": "phase",
    **dict.fromkeys(("owner", "owner_combined", "department"), "owner"),
}


def _problem(field: str, column: str, raw: Any, error: cells.CellError) -> CellProblem:
    return CellProblem.trusted(
        field, column, cell_text(raw) or repr(raw), error.expected, _expected_zh(field)
    )


def _expected_zh(field: str) -> str | None:
    return _EXPECTED_ZH.get(_KIND.get(field, ""))


# The parsed fields in the order their problems are reported, with the parser kind.
_PARSED: tuple[tuple[str, str], ...] = (
    *((field, "number") for field in _NUMBER_FIELDS),
    *((field, "money") for field in _MONEY_FIELDS),
    ("contingency", "reserve"),  # an amount (¥8,000) or a share of the budget (15%)
    *((field, "date") for field in _DATE_FIELDS),  # a range ("6/1-6/15") counts by its end
    ("start", "start"),
    ("progress", "percent"),
    ("phase", "phase"),
    ("status", "status"),
)
_OWNER_FIELDS = ("owner", "owner_combined", "department")
# A cache holds at most this many distinct texts per kind of cell: tables repeat their
# values, and a column of unique values should not hold a table's worth of memory.
_CACHE_LIMIT = 1 << 15
_FAILED = object()  # marks a cached outcome that is a CellError's `expected` phrase


class RowReader:
    """Reads the records of one table into Tasks, as `to_task` does each record.

    The parser of every column is chosen once, and the outcome of each distinct text
    cell is remembered per kind of cell (the parsers are pure functions of the text
    and the options): checklists repeat their statuses, dates, owners and amounts
    from row to row. Cells that are not text (numbers, dates, vendor objects) are
    parsed every time.
    """

    def __init__(self, columns: Mapping[str, str], options: ParseOptions) -> None:
        self.columns = columns
        self.options = options
        today, tz = options.today, options.tz
        typed = columns.get("progress") in options.fraction_columns
        parsers: dict[str, Callable[[Any], Any]] = {
            "number": cells.parse_number,
            "money": cells.parse_money,
            "reserve": lambda raw: cells.parse_money(raw, percent_ok=True),
            "date": lambda raw: cells.parse_date(raw, today=today, tz=tz),
            "start": lambda raw: cells.parse_date_range(raw, today=today, tz=tz)[0],
            "percent": lambda raw: cells.parse_percent(raw, fraction=True if typed else None),
            "phase": cells.parse_phase,
            "status": cells.parse_status,
        }
        # Without `today` a date's year is the current one: not a pure function.
        pure = {kind for kind in parsers if today is not None or kind not in ("date", "start")}
        caches: dict[str, dict[str, Any]] = {kind: {} for kind in parsers}
        self._texts = tuple((field, columns[field]) for field in _TEXT_FIELDS if field in columns)
        self._parsed = tuple(
            (field, header, parsers[kind], caches[kind] if kind in pure else None)
            for field, kind in _PARSED
            if (header := columns.get(field)) is not None
        )
        self._owners = tuple(
            (field, header) for field in _OWNER_FIELDS if (header := columns.get(field)) is not None
        )
        self._owner_cache: dict[str, tuple[str | None, Any, tuple[Person, ...]]] = {}
        self._ignore = columns.get("ignore")
        self._codes_cache: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}

    def task(self, task_id: str, row_number: int | None, record: Mapping[str, Any]) -> Task:
        """The Task of one record (header -> cell), as `to_task` builds it."""
        get = record.get
        values: dict[str, Any] = {}
        problems: list[CellProblem] = []
        for field, header in self._texts:
            raw = get(header)
            if type(raw) is str:
                values[field] = raw.strip() or None
            else:
                values[field] = cell_text(raw)
        for field, header, parser, cache in self._parsed:
            raw = get(header)
            if raw is None:
                # Every parser reads a missing cell as empty; asking it costs more.
                values[field] = None
                continue
            if cache is not None and type(raw) is str:
                outcome = cache.get(raw, cache)
                if outcome is cache:
                    try:
                        outcome = parser(raw)
                    except cells.CellError as error:
                        outcome = (_FAILED, error.expected)
                    if len(cache) < _CACHE_LIMIT:
                        cache[raw] = outcome
                if type(outcome) is tuple and outcome[0] is _FAILED:
                    problems.append(
                        CellProblem.trusted(
                            field, header, raw.strip() or repr(raw), outcome[1], _expected_zh(field)
                        )
                    )
                else:
                    values[field] = outcome
                continue
            try:
                values[field] = parser(raw)
            except cells.CellError as error:
                problems.append(_problem(field, header, raw, error))

        people: list[Person] = []
        departments: dict[str, None] = {}
        roles: dict[str, None] = {}
        collective = False
        owner_texts: list[str] = []
        for field, header in self._owners:
            raw = get(header)
            if type(raw) is str:
                cached = self._owner_cache.get(raw)
                if cached is None:
                    cached = self._read_owner(raw)
                    if len(self._owner_cache) < _CACHE_LIMIT:
                        self._owner_cache[raw] = cached
                shown, owner, named = cached
            else:
                shown = cell_text(raw)
                named = None
                try:
                    owner = cells.parse_owner(raw)
                except cells.CellError as error:
                    owner = (_FAILED, error.expected)
            if shown and shown not in owner_texts:
                owner_texts.append(shown)
            if type(owner) is tuple:
                problems.append(_problem(field, header, raw, cells.CellError(owner[1])))
                continue
            if field == "department":
                # A department column holds departments, whatever the words look like.
                departments.update(dict.fromkeys((*owner.departments, *owner.people, *owner.roles)))
                continue
            if named is None:
                records = cells.parse_person_records(raw) if _is_people_list(raw) else ()
                named = records or _people(owner)
            for person in named:
                # "*" is a redacted name: two of them are two people.
                if person.name == "*" or all(p.name != person.name for p in people):
                    people.append(person)
            departments.update(dict.fromkeys(owner.departments))
            roles.update(dict.fromkeys(owner.roles))
            collective = collective or owner.collective

        ignore: list[str] = []
        ignore_raw = None
        if (header := self._ignore) is not None:
            raw_ignore = get(header)
            if type(raw_ignore) is str:
                found = self._codes_cache.get(raw_ignore)
                if found is None:
                    codes, malformed = cells.parse_codes(raw_ignore)
                    found = (tuple(codes), tuple(malformed))
                    if len(self._codes_cache) < _CACHE_LIMIT:
                        self._codes_cache[raw_ignore] = found
                ignore = [*found[0], *found[1]]
            else:
                codes, malformed = cells.parse_codes(raw_ignore)
                ignore = [*codes, *malformed]
            ignore_raw = cell_text(raw_ignore)

        value = values.get
        return Task.trusted(
            id=task_id,
            row=row_number,
            title=value("title"),
            phase=value("phase"),
            standard=value("standard"),
            goal=value("goal"),
            metric=value("metric"),
            target=value("target"),
            actual=value("actual"),
            expected=value("expected"),
            owners=people,
            departments=list(departments),
            owner_roles=list(roles),
            owner_collective=collective,
            owner_text=" / ".join(owner_texts) or None,
            marked_status=value("status"),
            start=value("start"),
            due=value("due"),
            done_on=value("done_on"),
            updated=value("updated"),
            progress=value("progress"),
            deliverable=value("deliverable"),
            budget=value("budget"),
            spent=value("spent"),
            contingency=value("contingency"),
            notes=value("notes"),
            ignore=ignore,
            ignore_raw=ignore_raw,
            problems=problems,
            shown={},
        )

    @staticmethod
    def _read_owner(raw: str) -> tuple[str | None, Any, tuple[Person, ...]]:
        """(the cell as shown, its OwnerCell or (_FAILED, expected), its people)."""
        shown = raw.strip() or None
        try:
            owner = cells.parse_owner(raw)
        except cells.CellError as error:
            return shown, (_FAILED, error.expected), ()
        return shown, owner, _people(owner)


def _people(owner: cells.OwnerCell) -> tuple[Person, ...]:
    return tuple(Person(name=n) for n in owner.people)


_READERS: dict[tuple[Any, ...], RowReader] = {}
_READERS_LIMIT = 8


def to_task(
    task_id: str,
    row_number: int | None,
    record: Mapping[str, Any],
    columns: Mapping[str, str],
    options: ParseOptions,
) -> Task:
    """Build a Task from one record; `columns` maps logical field -> header.

    Readers (and what they remember) are shared between calls with the same columns
    and options; a table read at once is faster with its own `RowReader`."""
    try:
        key = (tuple(columns.items()), options)
        reader = _READERS.get(key)
    except TypeError:  # an unhashable time zone: nothing to share
        return RowReader(columns, options).task(task_id, row_number, record)
    if reader is None:
        if len(_READERS) >= _READERS_LIMIT:
            _READERS.clear()
        reader = _READERS[key] = RowReader(dict(columns), options)
    return reader.task(task_id, row_number, record)
