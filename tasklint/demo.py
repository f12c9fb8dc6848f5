"""`tasklint demo`: the whole story on the built-in sandbox, no account needed.

Starts the sandbox in-process with the demo checklist (a Chinese and an English table,
in Airtable and in Notion), creates the write-back columns, syncs, and shows each row
before and after: the status its owner gave it, the status tasklint computed, and
the warnings written into the table.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from tasklint.config.env import Environment
from tasklint.config.settings import Settings, SourceConfig
from tasklint.connectors.sources import SourceSpec
from tasklint.sandbox.control import SandboxInfo
from tasklint.sync.engine import (
    SyncOptions,
    SyncOutcome,
    check_setup,
    input_columns,
    locale_for,
    open_connector,
    sync_source,
    writeback_targets,
)
from tasklint.sync.state import StateStore

# The demo plan's dates are those of a June 2025 campaign; "today" is fixed inside it
# so that the overdue and stale rules show what they do.
DEMO_TODAY = date(2025, 6, 20)


@dataclass(slots=True)
class DemoSource:
    spec: SourceSpec
    rows: int
    written: int
    requests: int
    abnormal: int


def _sources(info: SandboxInfo) -> list[SourceSpec]:
    specs = []
    for base in info["airtable"]["bases"]:
        for table in base["tables"]:
            url = f"airtable://{base['id']}/{table['name']}"
            specs.append(
                SourceSpec(f"Airtable · {table['name']}", "airtable", url, SourceConfig(url=url))
            )
    for database in info["notion"]["databases"]:
        url = f"notion://{database['id']}"
        specs.append(
            SourceSpec(f"Notion · {database['title']}", "notion", url, SourceConfig(url=url))
        )
    return specs


def _before_after(console: Console, outcome: SyncOutcome) -> None:
    from tasklint.output import status_label

    result = outcome.result
    zh = result.locale == "zh"
    grid = RichTable(title=outcome.spec.name, title_justify="left", header_style="bold")
    for heading in (
        ("任务", "负责人", "原状态 → 计算状态", "检查提示")
        if zh
        else ("Task", "Owner", "Status before → computed", "Warnings")
    ):
        grid.add_column(heading, overflow="fold")
    for row in result.tasks:
        task = row.task
        # a group ("全体执行团队") names no person or department: show what the cell says
        owner = (
            ", ".join(p.name for p in task.owners)
            or ", ".join(task.departments)
            or task.owner_text
            or "—"
        )
        label = status_label(row.status, result.locale)
        style = {"abnormal": "bold red", "done": "green"}.get(row.status.value, "yellow")
        marked = row.task.marked_status
        status = Text(f"{status_label(marked, result.locale) if marked else '—'} → ")
        status.append(label, style=style)
        # each code once: two malformed ignore codes are one X902 to a reader of the grid
        codes = " ".join(dict.fromkeys(f.code for f in row.active)) or "—"
        grid.add_row(row.task.title or "", owner, status, codes)
    console.print(grid)


def run_demo(console: Console, *, today: date = DEMO_TODAY) -> list[DemoSource]:
    from tasklint.sandbox import SandboxServer

    summary: list[DemoSource] = []
    with SandboxServer(seed="demo") as server, tempfile.TemporaryDirectory() as workdir:
        env = Environment.for_sandbox(server)
        settings = Settings()
        state = StateStore(Path(workdir) / "state.db")
        console.print(
            f"Sandbox running on {server.url} (Airtable and Notion APIs), today = {today}"
        )
        for spec in _sources(server.control.info()):
            connector = open_connector(spec, env)
            columns = input_columns(connector, spec, settings)
            locale = locale_for(columns, settings.locale)
            targets = writeback_targets(settings, locale, columns)
            check_setup(connector, targets, locale, create=True)
            outcome = sync_source(
                spec, settings, env, state, SyncOptions(today=today), connector=connector
            )
            _before_after(console, outcome)
            statuses = outcome.result.status_counts()
            summary.append(
                DemoSource(
                    spec,
                    len(outcome.result.tasks),
                    len(outcome.changes),
                    sum(outcome.stats.requests.values()),
                    statuses["abnormal"],
                )
            )
        state.close()
    for item in summary:
        console.print(
            f"{item.spec.name}: {item.rows} rows linted, {item.written} rows written back, "
            f"{item.abnormal} abnormal, {item.requests} API requests"
        )
    console.print(
        "Next: `tasklint sandbox` keeps a sandbox running; point AIRTABLE_ENDPOINT_URL / "
        "NOTION_BASE_URL at it and try `tasklint sync`."
    )
    return summary
