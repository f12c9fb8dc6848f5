"""Raw records (header -> cell) to `Task` rows: every connector ends here.

Each logical field has one parser; a cell that fails to parse is kept as a
`CellProblem` (an X901 finding later), never dropped and never read as zero.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date, tzinfo
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from tasklint.connectors import cells
from tasklint.errors import Notice
from tasklint.model import CellProblem, Person, Task, trusted_task

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from tasklint.config.settings import DateOrder

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
    # "auto" reads month first as it goes; a connector that reads a whole table then
    # settles the order by the table's own dates (`settle_date_order`).
    date_order: DateOrder = "auto"


def settle_date_order(reader: RowReader, where: str, notices: list[Notice]) -> ParseOptions | None:
    """After `reader` read a table with the "auto" date order (month first, as it goes):
    the options to read the table again with, day first, when its date cells say so —
    some can only be day first (19/07/2025), none only month first (07/19/2025), and
    some could be either (05/07/2025), which the first reading took month first — else
    None. A notice (added to `notices`) tells how the dates that could be either are
    read, when that was not the default or the cells disagree; `where` names the table
    in it.

    The cells are the distinct date texts the reader remembered, so a table is not
    gone through twice to settle its order, nor read twice unless it is day first."""
    options = reader.options
    if options.date_order != "auto":
        return None
    seen = cells.written_date_orders(reader.date_texts())
    if seen.either is None or seen.day_first is None:
        return None
    day_first = seen.month_first is None
    example = seen.either
    read = cells.parse_date(example, today=options.today, day_first=day_first)
    shown = read.isoformat() if read is not None else "?"
    if day_first:
        notices.append(
            Notice(
                en=f"{where}: dates such as {example!r} are read day first ({shown}), as"
                f' {seen.day_first!r} is written; set date_order = "month-first" in'
                " tasklint.toml to read them month first",
                zh=f"{where}：{example!r} 这类日期按“日/月”读取（{shown}），因为表中有"
                f" {seen.day_first!r} 这样的写法；如需按“月/日”读取，请在 tasklint.toml 中设置"
                ' date_order = "month-first"',
            )
        )
        return replace(options, date_order="day-first")
    notices.append(
        Notice(
            en=f"{where}: dates are written both day first ({seen.day_first!r}) and month first"
            f" ({seen.month_first!r}); those that could be either, such as {example!r}, are"
            f' read month first ({shown}) — set date_order = "day-first" or "month-first" in'
            " tasklint.toml, or write dates as 2025-07-05",
            zh=f"{where}：日期既有“日/月”写法（{seen.day_first!r}），又有“月/日”写法"
            f"（{seen.month_first!r}）；{example!r} 这类两种读法都可以的日期按“月/日”读取"
            f'（{shown}）——请在 tasklint.toml 中设置 date_order = "day-first" 或 "month-first"，'
            "或把日期写成 2025-07-05",
        )
    )
    return None


def cell_text(raw: Any) -> str | None:
    """A cell as the text a person sees; lists (multi-selects, rich text parts) joined."""
    if raw is None:
        return None
    if isinstance(raw, list | tuple):
        parts = [cell_text(item) for item in raw]
        text = ", ".join(p for p in parts if p)
    elif isinstance(raw, dict):
        text = str(raw.get("name") or raw.get("plain_text") or raw.get("text") or "")
    elif isinstance(raw, bool):
        # A check box (Airtable, Notion) or a JSON true: quoted as the file and the
        # vendors' APIs spell it, not as Python does ("True").
        text = "true" if raw else "false"
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
    "percent": "0% 到 100% 的进度，如 60%、0.6 或 六成",
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
        field,
        column,
        cell_text(raw) or repr(raw),
        error.expected,
        error.expected_zh or _expected_zh(field),
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

    With `index` (header -> position), `task` also takes a row as a `list` with every
    header of `columns` at its position (a CSV row as long as the header row), which
    spares building a dict per row; records as mappings are read by header either way.
    """

    def __init__(
        self,
        columns: Mapping[str, str],
        options: ParseOptions,
        index: Mapping[str, int] | None = None,
    ) -> None:
        self.columns = columns
        self.options = options
        today = options.today
        tz = cast("ZoneInfo | None", options.tz)  # the parsers take any tzinfo
        typed = columns.get("progress") in options.fraction_columns
        day_first = options.date_order == "day-first"
        parsers: dict[str, Callable[[Any], Any]] = {
            "number": cells.parse_number,
            "money": cells.parse_money,
            "reserve": lambda raw: cells.parse_money(raw, percent_ok=True),
            "date": lambda raw: cells.parse_date(raw, today=today, tz=tz, day_first=day_first),
            "start": lambda raw: cells.parse_date_range(
                raw, today=today, tz=tz, day_first=day_first
            )[0],
            "percent": lambda raw: cells.parse_progress(raw, fraction=True if typed else None),
            "phase": cells.parse_phase,
            "status": cells.parse_status,
        }
        # Without `today` a date's year is the current one: not a pure function.
        pure = {kind for kind in parsers if today is not None or kind not in ("date", "start")}
        caches: dict[str, dict[str, Any]] = {kind: {} for kind in parsers}
        self._date_caches = (caches["date"], caches["start"])
        texts = tuple((field, columns[field]) for field in _TEXT_FIELDS if field in columns)
        # (field, header, the Task attribute, parser, its cache or None, expected_zh)
        parsed = tuple(
            (
                field,
                header,
                "marked_status" if field == "status" else field,
                parsers[kind],
                caches[kind] if kind in pure else None,
                _expected_zh(field),
            )
            for field, kind in _PARSED
            if (header := columns.get(field)) is not None
        )
        owners = tuple(
            (field, header) for field in _OWNER_FIELDS if (header := columns.get(field)) is not None
        )
        ignore = columns.get("ignore")
        # The plan, with each cell's key in a record: its header, or its position.
        self._by_header = _Plan(
            tuple((field, header) for field, header in texts),
            tuple((*entry, entry[1]) for entry in parsed),
            tuple((field, header, header) for field, header in owners),
            ignore,
        )
        wanted = [header for _, header in texts] + [entry[1] for entry in parsed]
        wanted += [header for _, header in owners] + ([] if ignore is None else [ignore])
        self._by_index = (
            None
            if index is None or any(header not in index for header in wanted)
            else _Plan(
                tuple((field, index[header]) for field, header in texts),
                tuple((*entry, index[entry[1]]) for entry in parsed),
                tuple((field, header, index[header]) for field, header in owners),
                None if ignore is None else index[ignore],
            )
        )
        # One owner column that is not a department column (the common case): its
        # whole share of the Task — people, departments, roles, group — is remembered.
        self._one_owner = len(owners) == 1 and owners[0][0] != "department"
        self._owner_cache: dict[str, tuple[Any, ...]] = {}
        self._texts: dict[str, str] = {}
        self._codes_cache: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}

    def date_texts(self) -> list[str]:
        """The distinct date cells read so far (as text; up to the caches' limit)."""
        return [*self._date_caches[0], *self._date_caches[1]]

    @property
    def reads_rows(self) -> bool:
        """Whether `task` takes rows as lists (given an index with every header)."""
        return self._by_index is not None

    def task(
        self, task_id: str, row_number: int | None, record: Mapping[str, Any] | list[Any]
    ) -> Task:
        """The Task of one record (header -> cell), as `to_task` builds it; or of a row
        as a list when the reader has an `index`."""
        if type(record) is list and self._by_index is not None:
            get: Callable[[Any], Any] = record.__getitem__
            plan = self._by_index
        else:
            get = record.get  # type: ignore[union-attr]
            plan = self._by_header
        values = _TEMPLATE.copy()  # every Task field, in order: the Task's __dict__
        values["id"] = task_id
        values["row"] = row_number
        problems: list[CellProblem] = []
        known = self._texts
        for field, key in plan.texts:
            raw = get(key)
            text = (raw.strip() or None) if type(raw) is str else cell_text(raw)
            if text is not None and field != "title":
                # One string for the goals, metrics and notes rows repeat, not one each.
                seen = known.get(text)
                if seen is not None:
                    text = seen
                elif len(known) < _CACHE_LIMIT:
                    known[text] = text
            values[field] = text
        for field, header, slot, parser, cache, zh, key in plan.parsed:
            raw = get(key)
            if raw is None:
                continue  # every parser reads a missing cell as empty (None)
            if cache is not None and type(raw) is str:
                outcome = cache.get(raw, cache)
                if outcome is cache:
                    try:
                        outcome = parser(raw)
                    except cells.CellError as error:
                        outcome = (_FAILED, error.expected, error.expected_zh or zh)
                    if len(cache) < _CACHE_LIMIT:
                        cache[raw] = outcome
                if type(outcome) is tuple and outcome[0] is _FAILED:
                    shown = raw.strip() or repr(raw)
                    problems.append(
                        CellProblem.trusted(field, header, shown, outcome[1], outcome[2])
                    )
                else:
                    values[slot] = outcome
                continue
            try:
                values[slot] = parser(raw)
            except cells.CellError as error:
                problems.append(_problem(field, header, raw, error))

        share = None
        if self._one_owner:
            field, header, key = plan.owners[0]
            raw = get(key)
            if type(raw) is str:
                share = self._owner_share(raw)
                shown, failed, people, departments, roles, collective = share
                if failed is not None:
                    problems.append(
                        CellProblem.trusted(
                            field, header, shown or repr(raw), failed, _expected_zh(field)
                        )
                    )
                values["owners"] = list(people)
                values["departments"] = list(departments)
                values["owner_roles"] = list(roles)
                values["owner_collective"] = collective
                values["owner_text"] = shown
        if share is None:
            self._read_owners(get, plan, values, problems)

        ignore: list[str] = []
        if (key := plan.ignore) is not None:
            raw_ignore = get(key)
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
            values["ignore_raw"] = cell_text(raw_ignore)
        values["ignore"] = ignore
        values["problems"] = problems
        values["shown"] = {}
        return trusted_task(values)

    def _owner_share(self, raw: str) -> tuple[Any, ...]:
        """What the table's only owner cell gives its Task, as `_read_owners` reads it:
        (the cell as shown, the CellError's `expected` or None, people, departments,
        roles, group)."""
        share = self._owner_cache.get(raw)
        if share is None:
            shown = raw.strip() or None
            try:
                owner = cells.parse_owner(raw)
            except cells.CellError as error:
                share = (shown, error.expected, (), (), (), False)
            else:
                people: list[Person] = []
                for person in _people(owner):
                    # "*" is a redacted name: two of them are two people.
                    if person.name == "*" or all(p.name != person.name for p in people):
                        people.append(person)
                share = (
                    shown,
                    None,
                    tuple(people),
                    tuple(dict.fromkeys(owner.departments)),
                    tuple(dict.fromkeys(owner.roles)),
                    False or owner.collective,
                )
            if len(self._owner_cache) < _CACHE_LIMIT:
                self._owner_cache[raw] = share
        return share

    @staticmethod
    def _read_owners(
        get: Callable[[Any], Any],
        plan: _Plan,
        values: dict[str, Any],
        problems: list[CellProblem],
    ) -> None:
        """The owner, combined owner and department cells, as `to_task` reads them."""
        people: list[Person] = []
        departments: dict[str, None] = {}
        roles: dict[str, None] = {}
        collective = False
        owner_texts: list[str] = []
        for field, header, key in plan.owners:
            raw = get(key)
            if (shown := cell_text(raw)) and shown not in owner_texts:
                owner_texts.append(shown)
            try:
                owner = cells.parse_owner(raw)
            except cells.CellError as error:
                problems.append(_problem(field, header, raw, error))
                continue
            if field == "department":
                # A department column holds departments, whatever the words look like.
                departments.update(dict.fromkeys((*owner.departments, *owner.people, *owner.roles)))
                continue
            named = cells.parse_person_records(raw) if _is_people_list(raw) else ()
            for person in named or _people(owner):
                # "*" is a redacted name: two of them are two people.
                if person.name == "*" or all(p.name != person.name for p in people):
                    people.append(person)
            departments.update(dict.fromkeys(owner.departments))
            roles.update(dict.fromkeys(owner.roles))
            collective = collective or owner.collective
        values["owners"] = people
        values["departments"] = list(departments)
        values["owner_roles"] = list(roles)
        values["owner_collective"] = collective
        values["owner_text"] = " / ".join(owner_texts) or None


class _Plan(NamedTuple):
    """What a RowReader reads from a record, each cell by its key (header or position)."""

    texts: tuple[tuple[str, Any], ...]  # (field, key)
    parsed: tuple[tuple[Any, ...], ...]  # (field, header, attribute, parser, cache, zh, key)
    owners: tuple[tuple[str, str, Any], ...]  # (field, header, key)
    ignore: Any  # the key of the ignore column, or None


def _people(owner: cells.OwnerCell) -> tuple[Person, ...]:
    return tuple(Person.named(n) for n in owner.people)


# A Task's __dict__ before its cells are read: every field in declaration order, with
# the value `to_task` gives a field whose column the table lacks.
_TEMPLATE: dict[str, Any] = {
    **dict.fromkeys(Task.model_fields),
    "owners": None,  # set for every task (fresh lists: tasks share no mutable value)
    "owner_collective": False,
}


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
