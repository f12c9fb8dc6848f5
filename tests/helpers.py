"""Small builders shared by the tests: a table from header -> cell dicts, linted."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import date
from typing import Any

from tasklint import bulk
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


@contextmanager
def forking(cores: int = 3, min_share: int | None = None) -> Iterator[list[int]]:
    """`bulk` sees `cores` usable cores whatever the machine has (and parts of
    `min_share` items, when given), and forks although other tests left threads behind
    (a sandbox server's: the children only compute and write to their pipe). Yields the
    pids of the children forked. Usable inside a hypothesis test, where a function
    fixture is not."""
    forked: list[int] = []
    real_fork, real_cores, real_share = os.fork, bulk.usable_cores, bulk.MIN_SHARE
    real_count = threading.active_count

    def fork() -> int:
        pid = real_fork()
        if pid:
            forked.append(pid)
        return pid

    os.fork, bulk.usable_cores, threading.active_count = fork, lambda: cores, lambda: 1
    if min_share is not None:
        bulk.MIN_SHARE = min_share
    try:
        yield forked
    finally:
        os.fork, bulk.usable_cores, bulk.MIN_SHARE = real_fork, real_cores, real_share
        threading.active_count = real_count
