"""`tasklint serve` as a real process against the sandbox: a slot a few seconds ahead
runs once; a missed slot is caught up at start; two processes on one state file run a
slot once; SIGTERM in the middle of a write exits 0 with every row either fully
written or untouched, and the next start writes the rest; /healthz and /metrics tell
the same numbers as the run; no token in any output."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from pyairtable import Api

from tasklint.app import setup_source
from tasklint.connectors.remote import WriteInterrupted
from tasklint.connectors.sources import SourceSpec
from tasklint.sandbox import SandboxServer
from tasklint.sync.engine import SyncOptions, sync_source
from tests.sync_support import (
    TODAY,
    environment,
    make_syncer,
    new_airtable_source,
    new_notion_source,
)

SECRET = "pat-serve-SECRET-token-7f3a9c"  # the sandbox's token: must never be printed
WRONG = "pat-WRONG-secret-token-0b1d2e"
WRITE_BACK = ("检查提示", "计算状态", "完成率")
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def server() -> Iterator[SandboxServer]:
    with SandboxServer(token=SECRET, rate_limit=False) as running:
        yield running


@pytest.fixture(autouse=True)
def no_faults(server):
    server.control.clear_faults()
    yield
    server.control.clear_faults()


def prepared(server: SandboxServer, kind: str = "airtable", rows: int | None = None) -> SourceSpec:
    spec = (
        new_airtable_source(server) if kind == "airtable" else new_notion_source(server, rows=rows)
    )
    setup_source(spec.url, create=True, env=environment(server))
    return spec


def write_config(
    tmp_path: Path, sources: dict[str, str], at: str, *, state: str = "state.db", **schedule: Any
) -> Path:
    lines = [f'[sources.{name}]\nurl = "{url}"' for name, url in sources.items()]
    lines.append(f'[schedule]\nat = "{at}"\ntimezone = "UTC"')
    lines += [f"{key} = {value}" for key, value in schedule.items()]
    lines.append(f'[state]\npath = "{(tmp_path / state).as_posix()}"')
    path = tmp_path / "tasklint.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def clock_in(seconds: float) -> tuple[str, datetime]:
    """`at` for a slot `seconds` from now (UTC, to the second), and its instant."""
    when = (datetime.now(UTC) + timedelta(seconds=seconds)).replace(microsecond=0)
    return when.strftime("%H:%M:%S"), when


class Serve:
    """A `tasklint serve` process whose stderr events are collected as they come."""

    def __init__(self, server: SandboxServer, config: Path, *args: str, token: str = SECRET):
        env = {
            **os.environ,
            "AIRTABLE_TOKEN": token,
            "NOTION_TOKEN": SECRET,
            "AIRTABLE_ENDPOINT_URL": server.airtable_url,
            "NOTION_BASE_URL": server.notion_url,
            "PYTHONUNBUFFERED": "1",
        }
        command = [sys.executable, "-m", "tasklint.cli", "serve", "--config", str(config), *args]
        self.process = subprocess.Popen(
            command,
            cwd=REPO,  # `-m tasklint.cli` then imports this tree, whatever is installed
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: list[str] = []
        self.events: list[dict[str, Any]] = []
        self._changed = threading.Condition()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            with self._changed:
                self.lines.append(line)
                self.events.append(json.loads(line))  # every line is a JSON event
                self._changed.notify_all()

    def of(self, event: str) -> list[dict[str, Any]]:
        with self._changed:
            return [e for e in self.events if e["event"] == event]

    def wait_for(self, event: str, timeout: float = 20.0, count: int = 1) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        with self._changed:
            while len(self.of(event)) < count:
                left = deadline - time.monotonic()
                if left <= 0 or (self.process.poll() is not None and not self._reader.is_alive()):
                    raise AssertionError(f"no {event!r} event; got:\n{''.join(self.lines)}")
                self._changed.wait(min(left, 0.2))
            return self.of(event)[count - 1]

    def health_port(self) -> int:
        return int(self.wait_for("serve.start")["health"].rsplit(":", 1)[1])

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 10.0) -> tuple[int, float]:
        sent = time.monotonic()
        self.process.send_signal(sig)
        code = self.process.wait(timeout)
        self._reader.join(5)
        return code, time.monotonic() - sent

    def finish(self, timeout: float = 30.0) -> int:
        code = self.process.wait(timeout)
        self._reader.join(5)
        return code

    def output(self) -> str:
        assert self.process.stdout is not None
        return "".join(self.lines) + (self.process.stdout.read() or "")

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(5)


@pytest.fixture
def processes() -> Iterator[list[Serve]]:
    started: list[Serve] = []
    yield started
    for process in started:
        process.kill()


def get(port: int, path: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def metric_values(text: str) -> dict[str, float]:
    return {
        line.rsplit(" ", 1)[0]: float(line.rsplit(" ", 1)[1])
        for line in text.splitlines()
        if line and not line.startswith("#")
    }


def runs_of(tmp_path: Path, source: str, state: str = "state.db") -> list[tuple]:
    with sqlite3.connect(tmp_path / state) as db:
        return db.execute(
            "SELECT ok, rows_written, error FROM runs WHERE source = ? ORDER BY id", (source,)
        ).fetchall()


def airtable_cells(server: SandboxServer, spec: SourceSpec) -> dict[str, tuple]:
    base, table = spec.url.removeprefix("airtable://").split("/", 1)
    records = Api(SECRET, endpoint_url=server.airtable_url).table(base, table).all()
    return {r["id"]: tuple(r["fields"].get(c) for c in WRITE_BACK) for r in records}


def test_a_slot_ahead_runs_once_and_health_and_metrics_tell_its_numbers(
    server, tmp_path, processes
):
    spec = prepared(server)
    at, when = clock_in(4)
    config = write_config(tmp_path, {"plan": spec.url}, at, grace_hours=1)
    server.control.reset_stats()
    serve = Serve(server, config, "--health-port", "0", "--poll", "1")
    processes.append(serve)
    port = serve.health_port()
    code, body = get(port, "/healthz")
    assert code == 200 and json.loads(body)["last_success_age_seconds"] is None
    assert serve.of("source.run") == []  # not before the slot

    run = serve.wait_for("source.run", timeout=20)
    # the event is logged once the run is done: it began duration_s earlier (on a
    # loaded machine the run itself takes seconds; its start is what the slot decides)
    ended = datetime.fromisoformat(run["ts"].replace("Z", "+00:00"))
    began = ended - timedelta(seconds=run["duration_s"])
    assert began >= when - timedelta(seconds=0.05) and began - when < timedelta(seconds=3)
    assert run["slot"] == when.date().isoformat() and run["result"] == "ok"
    assert (run["rows_read"], run["rows_written"]) == (20, 20)
    time.sleep(2)  # two more wake-ups of the loop: nothing more runs
    assert len(serve.of("source.run")) == 1 and len(runs_of(tmp_path, "plan")) == 1

    code, body = get(port, "/healthz")
    health = json.loads(body)
    assert code == 200 and health["status"] == "ok"
    assert 0 <= health["last_success_age_seconds"] < 10
    metrics = metric_values(get(port, "/metrics")[1])
    sent = [r for r in server.control.stats() if r.vendor == "airtable"]
    assert metrics['tasklint_runs_total{source="plan",result="ok"}'] == 1
    assert metrics['tasklint_runs_total{source="plan",result="failed"}'] == 0
    assert metrics['tasklint_rows_read_total{source="plan"}'] == 20
    assert metrics['tasklint_rows_written_total{source="plan"}'] == 20
    assert sum(v for k, v in metrics.items() if k.startswith("tasklint_requests_total")) == len(
        sent
    )
    assert metrics['tasklint_requests_total{source="plan",kind="write"}'] == 2  # 10 rows each
    assert metrics['tasklint_rate_limited_total{source="plan"}'] == 0
    findings = {
        k.split('code="')[1].rstrip('"}'): v
        for k, v in metrics.items()
        if k.startswith("tasklint_findings{")
    }
    assert findings == run["findings_by_code"] and findings["S402"] > 0
    last = metrics['tasklint_last_success_timestamp_seconds{source="plan"}']
    assert abs(last - time.time()) < 10

    code, seconds = serve.stop(signal.SIGINT)
    assert code == 0 and seconds < 10
    assert SECRET not in serve.output()


def test_a_missed_slot_is_caught_up_at_start_and_only_once(server, tmp_path, processes):
    spec = prepared(server)
    at, when = clock_in(-120)  # two minutes ago: the service was down
    config = write_config(tmp_path, {"plan": spec.url}, at)
    first = Serve(server, config, "--poll", "1")
    processes.append(first)
    assert first.wait_for("cycle.start")["reason"] == "start"
    run = first.wait_for("source.run")
    assert run["result"] == "ok" and run["slot"] == when.date().isoformat()
    assert first.stop()[0] == 0

    again = Serve(server, config, "--poll", "1")  # a restart the same day
    processes.append(again)
    again.wait_for("serve.start")
    time.sleep(1.5)
    assert again.stop()[0] == 0
    assert again.of("source.run") == [] and len(runs_of(tmp_path, "plan")) == 1


def test_two_processes_on_one_state_file_run_a_slot_once(server, tmp_path, processes):
    spec = prepared(server)
    # A run of about 6 s: both processes, polling each second, wake during it even when
    # a busy machine starts one of them late.
    server.control.add_fault("airtable", delay_ms=1500, count=4)
    at, _when = clock_in(5)
    config = write_config(tmp_path, {"plan": spec.url}, at, grace_hours=1)
    one = Serve(server, config, "--poll", "1")
    two = Serve(server, config, "--poll", "1")
    processes += [one, two]
    deadline = time.monotonic() + 30
    while not (one.of("source.run") or two.of("source.run")):
        assert time.monotonic() < deadline, one.output() + two.output()
        time.sleep(0.1)
    loser = two if one.of("source.run") else one
    # it woke during the run and found the lease held
    skip = loser.wait_for("source.skipped", timeout=5)
    assert skip["reason"].startswith("held by ")
    time.sleep(1.5)  # a poll more: nothing else runs
    runs = one.of("source.run") + two.of("source.run")
    assert [r["result"] for r in runs] == ["ok"]
    assert len(runs_of(tmp_path, "plan")) == 1
    assert len(loser.of("source.skipped")) == 1
    assert one.stop()[0] == 0 and two.stop()[0] == 0


def test_sigterm_mid_write_exits_0_leaves_whole_rows_and_the_next_start_resumes(
    server, tmp_path, processes
):
    spec = prepared(server)
    before = airtable_cells(server, spec)
    config = write_config(tmp_path, {"plan": spec.url}, "02:00")
    server.control.reset_stats()
    # Slow requests (schema, read, then each PATCH of 10 rows): SIGTERM lands mid-write.
    server.control.add_fault("airtable", delay_ms=1000, count=4)
    serve = Serve(server, config, "--once")
    processes.append(serve)
    deadline = time.monotonic() + 20
    while not [r for r in server.control.stats() if r.method == "PATCH"]:
        assert time.monotonic() < deadline, serve.output()
        time.sleep(0.05)
    code, seconds = serve.stop(signal.SIGTERM)
    assert code == 0 and seconds < 10
    (run,) = serve.of("source.run")
    assert run["result"] == "interrupted" and run["rows_written"] == 10
    assert serve.wait_for("serve.stop")["reason"] == "signal"
    assert [r.method for r in server.control.stats()].count("PATCH") == 1
    assert runs_of(tmp_path, "plan") == [
        (0, 10, "interrupted after writing 10 of 20 rows — the next run writes the rest")
    ]
    middle = airtable_cells(server, spec)

    server.control.clear_faults()
    resumed = Serve(server, config, "--once")
    processes.append(resumed)
    assert resumed.finish() == 0
    (rest,) = resumed.of("source.run")
    assert rest["result"] == "ok" and rest["rows_written"] == 10
    after = airtable_cells(server, spec)
    # Every row was either fully written or untouched when the process stopped.
    assert all(middle[row] in (before[row], after[row]) for row in after)
    assert sum(middle[row] == after[row] != before[row] for row in after) == 10
    assert all(after[row] != before[row] for row in after)
    assert [r[0] for r in runs_of(tmp_path, "plan")] == [0, 1]


def test_a_failing_source_turns_health_red_keeps_the_others_and_never_shows_a_token(
    server, tmp_path, processes
):
    table = prepared(server, "airtable")
    pages = prepared(server, "notion", rows=3)
    sources = {"at": table.url, "no": pages.url}
    config = write_config(tmp_path, sources, clock_in(-60)[0], retries=1, retry_backoff_seconds=1)

    once = Serve(server, config, "--once", "--state", str(tmp_path / "once.db"), token=WRONG)
    processes.append(once)
    assert once.finish() == 2  # a source failed
    runs = {r["source"]: r for r in once.of("source.run")}
    assert runs["no"]["result"] == "ok" and runs["no"]["rows_written"] == 3
    assert runs["at"]["result"] == "failed" and "refused the token" in runs["at"]["error"]
    assert runs["at"]["retry_at"] is None  # a refused token is not retried
    assert WRONG not in once.output() and SECRET not in once.output()

    serve = Serve(server, config, "--health-port", "0", "--poll", "1", token=WRONG)
    processes.append(serve)
    port = serve.health_port()
    serve.wait_for("source.run", count=2)
    code, body = get(port, "/healthz")
    health = json.loads(body)
    assert code == 503 and health["status"] == "failing"
    assert "refused the token" in health["sources"]["at"]["failing"]
    assert health["sources"]["no"]["failing"] is None
    metrics_text = get(port, "/metrics")[1]
    metrics = metric_values(metrics_text)
    assert metrics['tasklint_source_failing{source="at"}'] == 1
    assert metrics['tasklint_runs_total{source="at",result="failed"}'] == 1
    assert metrics['tasklint_runs_total{source="no",result="ok"}'] == 1
    assert serve.stop()[0] == 0
    for text in (serve.output(), body, metrics_text):
        assert WRONG not in text and SECRET not in text


class AfterChecks:
    """A stop signal that lets `n` write requests through, then says stop."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.checks = 0

    def is_set(self) -> bool:
        self.checks += 1
        return self.checks > self.n


@pytest.mark.parametrize(("kind", "first"), [("airtable", 10), ("notion", 1)])
def test_a_stop_ends_the_write_between_requests_and_the_next_run_writes_the_rest(
    server, tmp_path, kind, first
):
    spec = prepared(server, kind, rows=4)
    syncer = make_syncer(server, tmp_path)
    total = 20 if kind == "airtable" else 4
    with pytest.raises(WriteInterrupted) as caught:
        sync_source(
            spec,
            syncer.settings,
            environment(server),
            syncer.state,
            SyncOptions(today=TODAY),
            connector=syncer.connector(spec),
            stop=AfterChecks(1),
        )
    assert (caught.value.written, caught.value.total) == (first, total)
    (run,) = syncer.state.runs(spec.name)
    assert not run.ok and run.rows_written == first and run.error.startswith("interrupted")
    assert len(syncer.state.snapshot(spec.name)) == first  # only the rows written
    assert len(syncer.run(spec).changes) == total - first
