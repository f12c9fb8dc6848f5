"""Small builders shared by the tests: a table from header -> cell dicts, linted."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from tasklint.config.columns import map_headers
from tasklint.connectors.rows import ParseOptions, to_task
from tasklint.model import Table
from tasklint.validators.engine import LintResult, lint

TODAY = date(2025, 6, 20)


def table_of(rows: Iterable[Mapping[str, Any]], *, extra_headers: Iterable[str] = ()) -> Table:
    rows = list(rows)
    headers: dict[str, None] = dict.fromkeys(extra_headers)
    for row in rows:
        headers.update(dict.fromkeys(row))
    columns = map_headers(list(headers))
    options = ParseOptions(today=TODAY)
    tasks = [to_task(f"row-{i}", i, row, columns, options) for i, row in enumerate(rows, start=2)]
    return Table(name="test", kind="file", columns=columns, tasks=tasks)


def lint_rows(
    rows: Iterable[Mapping[str, Any]],
    *,
    extra_headers: Iterable[str] = (),
    today: date = TODAY,
    locale: str = "en",
    **options: Any,
) -> LintResult:
    return lint(table_of(rows, extra_headers=extra_headers), today=today, locale=locale, **options)


def codes(result: LintResult, row: int = 0) -> list[str]:
    return [f.code for f in result.tasks[row].active]


def table_codes(result: LintResult) -> list[str]:
    return [f.code for f in result.table_findings]
