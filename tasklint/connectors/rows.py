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
    return CellProblem(
        field=field,
        column=column,
        raw=cell_text(raw) or repr(raw),
        expected=error.expected,
        expected_zh=_EXPECTED_ZH.get(_KIND.get(field, "")),
    )


def to_task(
    task_id: str,
    row_number: int | None,
    record: Mapping[str, Any],
    columns: Mapping[str, str],
    options: ParseOptions,
) -> Task:
    """Build a Task from one record; `columns` maps logical field -> header."""
    values: dict[str, Any] = {}
    problems: list[CellProblem] = []

    def parse(field: str, parser: Callable[[Any], Any]) -> None:
        header = columns.get(field)
        if header is None:
            return
        raw = record.get(header)
        try:
            values[field] = parser(raw)
        except cells.CellError as error:
            problems.append(_problem(field, header, raw, error))

    for field in _TEXT_FIELDS:
        if field in columns:
            values[field] = cell_text(record.get(columns[field]))
    for field in _NUMBER_FIELDS:
        parse(field, cells.parse_number)
    for field in _MONEY_FIELDS:
        parse(field, cells.parse_money)
    # A reserve is an amount (¥8,000) or a share of the budget (15%).
    parse("contingency", lambda raw: cells.parse_money(raw, percent_ok=True))
    for field in _DATE_FIELDS:  # a range ("6/1-6/15") counts by its end
        parse(field, lambda raw: cells.parse_date(raw, today=options.today, tz=options.tz))
    parse("start", lambda raw: cells.parse_date_range(raw, today=options.today, tz=options.tz)[0])
    typed = columns.get("progress") in options.fraction_columns
    parse("progress", lambda raw: cells.parse_percent(raw, fraction=True if typed else None))
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
            problems.append(_problem(field, header, raw, error))
            continue
        if field == "department":
            # A department column holds departments, whatever the words look like.
            departments.update(dict.fromkeys((*owner.departments, *owner.people, *owner.roles)))
            continue
        named = cells.parse_person_records(raw) if _is_people_list(raw) else ()
        for person in named or tuple(Person(name=n) for n in owner.people):
            # "*" is a redacted name: two of them are two people.
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
