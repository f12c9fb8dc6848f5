"""Requests a sync costs, against the sandbox with the vendors' rate limits on.

    python bench/sync_calls.py [--rows 1000 10000] [--vendors airtable notion]

For each vendor and N: a full sync of N rows of which 5% need a change, then an
incremental sync after 1% of the rows were edited by hand. Prints the requests used
by kind next to the minimum (Airtable: ceil(N/100) reads + ceil(changed/10) writes;
Notion: ceil(N/100) reads + one write per changed row; incremental: reads of the
edited rows only), the 429s received (target 0), and wall time over the rate-limit
bound (minimum requests / allowed requests per second; target <= 1.15). Prints
numbers; passes or fails nothing.

The table is prepared with the limits switched off (a first sync fills tasklint's
columns), then 5% of the rows get a stale status so that they need a write.
"""

from __future__ import annotations

import argparse
import math
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from tasklint.config.env import Environment
from tasklint.config.settings import Settings, SourceConfig
from tasklint.connectors.sources import SourceSpec
from tasklint.sandbox import SandboxServer
from tasklint.sandbox.seed import load_section
from tasklint.sync.engine import (
    SyncOptions,
    check_setup,
    input_columns,
    open_connector,
    sync_source,
    writeback_targets,
)
from tasklint.sync.state import StateStore

TODAY = date(2025, 6, 20)
RATE = {"airtable": 5.0, "notion": 3.0}  # what the vendors allow, requests/s


def make_source(server: SandboxServer, vendor: str, rows: int) -> SourceSpec:
    section = load_section(rows, seed=11)
    if vendor == "airtable":
        base = server.airtable.create_base(f"bench {rows}")
        server.airtable.create_table_from_plan(base, section)
        url = f"airtable://{base}/{section['table']}"
        # The load table's lastModifiedTime field watches input columns only.
        return SourceSpec(url, vendor, url, SourceConfig(url=url, modified_field="最后更新"))
    database, _ = server.notion.create_database_from_plan(section, token=server.token)
    url = f"notion://{database}"
    return SourceSpec(url, vendor, url, SourceConfig(url=url))


def edit(server: SandboxServer, spec: SourceSpec, record: str, column: str, text: str) -> None:
    if spec.kind == "airtable":
        base, table = spec.url.removeprefix("airtable://").split("/", 1)
        server.control.edit_airtable(base, table, record, {column: text})
    else:
        kind = "select" if column == "计算状态" else "rich_text"
        value = {"name": text} if kind == "select" else [{"text": {"content": text}}]
        server.control.edit_notion(record, {column: {kind: value}})


class Clock:
    """Simulated nights: the sandbox's clocks and the sync's "now" move together, so
    that an incremental read sees what a real night later would see (in a compressed
    timeline everything would fall inside the 2-minute overlap)."""

    def __init__(self) -> None:
        self.offset = timedelta(0)

    def now(self) -> datetime:
        return datetime.now(UTC) + self.offset

    def install(self, server: SandboxServer) -> None:
        server.notion.clock = self.now
        server.airtable._clock = self.now  # the sandbox's clock hook (tests may set it)


def bench(vendor: str, rows: int) -> None:
    clock = Clock()
    with SandboxServer() as server, tempfile.TemporaryDirectory() as workdir:
        clock.install(server)
        env = Environment.for_sandbox(server)
        settings = Settings()
        state = StateStore(Path(workdir) / "state.db")
        spec = make_source(server, vendor, rows)

        def run(*, unpaced: bool = False, **options: object):  # type: ignore[no-untyped-def]
            connector = open_connector(spec, env)
            if unpaced:  # preparation only, with the sandbox's limits off
                connector = _unpaced(spec, server)
            return sync_source(
                spec,
                settings,
                env,
                state,
                SyncOptions(today=TODAY, **options),
                connector=connector,
                now=clock.now,
            )

        # Preparation, limits off: columns, a first sync, then 5% of rows made stale.
        server.control.set_limits(enabled=False)
        connector = open_connector(spec, env)
        columns = input_columns(connector, spec, settings)
        check_setup(connector, writeback_targets(settings, "zh", columns), "zh", create=True)
        first = run(unpaced=True)
        stale = [t.task.id for t in first.result.tasks][::20]  # 5%
        for record in stale:
            current = next(t for t in first.result.tasks if t.task.id == record).status.value
            edit(server, spec, record, "计算状态", "已完成" if current != "done" else "异常")
        server.control.set_limits(enabled=True)

        print(f"\n{vendor}, N = {rows:,} rows")
        clock.offset = timedelta(days=1)
        started = time.perf_counter()
        full = run(full=True)
        report(
            "full sync",
            vendor,
            full,
            started,
            reads=math.ceil(rows / 100),
            writes=_writes(vendor, len(full.changes)),
        )

        # 1% of rows edited by hand: an input cell that the lint result does not depend on.
        edited = [t.task.id for t in full.result.tasks][5::100]
        clock.offset = timedelta(days=2) - timedelta(hours=1)
        server.control.set_limits(enabled=False)
        for record in edited:
            edit(server, spec, record, "目标", "品牌搜索量提升50%")
        server.control.set_limits(enabled=True)
        clock.offset = timedelta(days=2)
        started = time.perf_counter()
        incremental = run()
        report(
            "incremental",
            vendor,
            incremental,
            started,
            reads=math.ceil(len(edited) / 100),
            writes=_writes(vendor, len(incremental.changes)),
            read_rows=len(edited),
        )
        state.close()


def _unpaced(spec: SourceSpec, server: SandboxServer):  # type: ignore[no-untyped-def]
    from tasklint.connectors.airtable import AirtableConnector
    from tasklint.connectors.notion import NotionConnector

    if spec.kind == "airtable":
        return AirtableConnector(
            spec.url,
            server.token,
            endpoint_url=server.url,
            requests_per_second=1000,
            modified_field=spec.config.modified_field,
        )
    return NotionConnector(spec.url, server.token, base_url=server.url, requests_per_second=1000)


def _writes(vendor: str, changed: int) -> int:
    return math.ceil(changed / 10) if vendor == "airtable" else changed


def report(label, vendor, outcome, started, *, reads, writes, read_rows=None) -> None:  # type: ignore[no-untyped-def]
    wall = time.perf_counter() - started
    used = dict(outcome.stats.requests)
    total = sum(used.values())
    minimum = reads + writes
    bound = minimum / RATE[vendor]
    rows_note = f", rows read {outcome.rows_read:,}" + (
        f" (edited {read_rows:,})" if read_rows else ""
    )
    print(
        f"  {label:<12} requests {total:>5} {used}  minimum {minimum:>5} "
        f"(reads {reads} + writes {writes}), changed {len(outcome.changes)}{rows_note}"
    )
    print(
        f"  {'':<12} 429s {outcome.stats.rate_limited}  wall {wall:6.1f} s  bound {bound:6.1f} s  "
        f"ratio {wall / bound if bound else float('nan'):.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--vendors", nargs="+", default=["airtable", "notion"])
    args = parser.parse_args()
    for vendor in args.vendors:
        for rows in args.rows:
            bench(vendor, rows)
    print("\ntargets: 429s = 0; wall / bound <= 1.15")


if __name__ == "__main__":
    main()
