"""Sync under the vendors' real rate limits and injected faults: runs complete, nothing
is lost or written twice, and a normal run receives no 429."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tasklint.config.settings import Settings, SourceConfig
from tasklint.connectors.sources import SourceSpec
from tasklint.sandbox import SandboxServer
from tasklint.sandbox.limits import Limits
from tasklint.sandbox.seed import load_section
from tasklint.sync.engine import check_setup, input_columns, writeback_targets
from tests.sync_support import make_syncer, new_airtable_source, new_notion_source


@pytest.fixture(scope="module")
def server() -> Iterator[SandboxServer]:
    # The vendors' published limits, except Airtable's 30 s penalty (0.4 s here).
    with SandboxServer(limits=Limits(airtable_penalty=0.4)) as running:
        yield running


@pytest.fixture
def syncer(server, tmp_path):
    server.control.clear_faults()
    made = make_syncer(server, tmp_path)
    made.rate = None  # the connectors' own pace: 4.5/s per Airtable base, 3/s for Notion
    return made


def ready(server, syncer, spec):
    connector = syncer.connector(spec)
    settings = Settings()
    columns = input_columns(connector, spec, settings)
    locale = "zh" if any("\u4e00" <= ch <= "\u9fff" for h in columns.values() for ch in h) else "en"
    check_setup(connector, writeback_targets(settings, locale, columns), locale, create=True)
    server.control.reset_stats()


def statuses(server) -> list[int | None]:
    return [r.status for r in server.control.stats()]


def test_airtable_normal_run_under_real_limits_gets_no_429(server, syncer):
    base = server.airtable.create_base("load")
    section = load_section(150, seed=3)
    server.airtable.create_table_from_plan(base, section)
    url = f"airtable://{base}/{section['table']}"
    spec = SourceSpec(url, "airtable", url, SourceConfig(url=url))
    ready(server, syncer, spec)
    outcome = syncer.run(spec)
    assert outcome.stats.rate_limited == 0 and 429 not in statuses(server)
    assert len(outcome.result.tasks) == 150
    assert outcome.stats.requests["read"] == 2  # 150 rows: two pages of 100
    assert outcome.stats.requests["write"] == -(-len(outcome.changes) // 10)


@pytest.mark.parametrize("status", [429, 500, 502, 503])
def test_airtable_faults_are_survived(server, syncer, status):
    spec = new_airtable_source(server)
    ready(server, syncer, spec)
    server.control.add_fault("airtable", status=status, count=3)
    outcome = syncer.run(spec)
    assert len(outcome.changes) == 20
    assert outcome.stats.retries >= 3
    assert statuses(server).count(status) == 3
    after = syncer.run(spec)
    assert after.changes == []  # everything landed, once


def test_airtable_dropped_connections_are_survived(server, syncer):
    spec = new_airtable_source(server)
    ready(server, syncer, spec)
    server.control.add_fault("airtable", drop=2)
    outcome = syncer.run(spec)
    assert len(outcome.changes) == 20 and outcome.stats.retries >= 2
    assert syncer.run(spec).changes == []


@pytest.mark.parametrize("status", [429, 502, 529])  # 500 and 503 take the 502 path
def test_notion_faults_are_survived(server, syncer, status):
    spec = new_notion_source(server, rows=4)  # a small table: Notion allows 3 requests/s
    ready(server, syncer, spec)
    server.control.add_fault("notion", status=status, count=2)
    outcome = syncer.run(spec)
    assert len(outcome.changes) == 4 and outcome.stats.retries >= 2
    assert statuses(server).count(status) == 2  # the injected ones, and no real 429
    assert syncer.run(spec).changes == []


def test_notion_dropped_connections_are_survived(server, syncer):
    spec = new_notion_source(server, rows=4)
    ready(server, syncer, spec)
    server.control.add_fault("notion", drop=2)
    outcome = syncer.run(spec)
    assert len(outcome.changes) == 4 and outcome.stats.retries >= 2


def test_a_run_failing_part_way_through_its_write_records_the_rows_it_wrote(server, syncer):
    from tasklint.errors import TasklintError

    spec = new_airtable_source(server)
    ready(server, syncer, spec)

    def after_the_first_request(done: int, total: int) -> None:
        if done == 10:  # a request carries ten rows; the next ones fail
            server.control.add_fault("airtable", status=503, count=100)

    with pytest.raises(TasklintError):
        syncer.run(spec, on_written=after_the_first_request)
    server.control.clear_faults()
    run = syncer.state.runs(spec.name)[0]
    assert not run.ok and run.rows_written == 10


def test_persistent_failure_is_one_clear_error_and_the_table_is_consistent(server, syncer):
    from tasklint.errors import TasklintError

    spec = new_airtable_source(server)
    ready(server, syncer, spec)

    def service_fails(phase: str) -> None:
        if phase == "writing":
            server.control.add_fault("airtable", status=503, count=100)

    with pytest.raises(TasklintError) as info:
        syncer.run(spec, on_phase=service_fails)
    assert "503" in info.value.line() and "\n" not in info.value.line()
    assert "kept failing" in info.value.line() and "run again later" in info.value.line()
    server.control.clear_faults()
    run = syncer.state.runs(spec.name)[0]
    assert not run.ok and "503" in (run.error or "")
    assert len(syncer.run(spec).changes) == 20  # nothing half-written is trusted
