"""`tasklint serve` without a network: the slot arithmetic, the ledger and the lease in
the state store, retries, the [schedule] config keys, health and metrics, log
redaction — and, on a controlled clock (time-machine), the schedule-driven loop across
both DST transitions in Europe/Berlin and America/New_York: every slot runs once."""

from __future__ import annotations

import io
import json
import threading
import time
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from itertools import pairwise
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import schedule
import time_machine

from tasklint.config.env import Environment
from tasklint.config.settings import Settings, SourceConfig, load_settings
from tasklint.connectors.remote import WriteInterrupted
from tasklint.connectors.sources import SourceSpec
from tasklint.connectors.transport import CallStats
from tasklint.errors import AuthError, ConnectionFailed
from tasklint.service import loop as service_loop
from tasklint.service.health import ServiceStatus
from tasklint.service.logs import EventLog
from tasklint.service.loop import Daemon, make_plan
from tasklint.service.runner import Attempt, Service, SourceRunner
from tasklint.service.slots import (
    Plan,
    catch_up_slot,
    decide,
    jitter_offset,
    next_slot_after,
    retry_delay,
    slot_before,
    slot_for,
    slot_instant,
)
from tasklint.sync.lease import source_lease
from tasklint.sync.state import LedgerEntry, StateStore

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
SHANGHAI = ZoneInfo("Asia/Shanghai")


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def plan(at: str = "02:30", zone: ZoneInfo = BERLIN, **kw: Any) -> Plan:
    hours, minutes = (int(p) for p in at.split(":")[:2])
    return Plan(at=clock_time(hours, minutes), zone=zone, **kw)


# --- slots: one per local date, DST-correct ---------------------------------------------


@pytest.mark.parametrize(
    ("zone", "day", "at", "expected_utc", "shown"),
    [
        # spring forward: 02:30 does not exist; the slot is shifted forward by the gap
        (BERLIN, date(2025, 3, 30), "02:30", utc(2025, 3, 30, 1, 30), "03:30:00+02:00"),
        (BERLIN, date(2025, 3, 30), "02:00", utc(2025, 3, 30, 1, 0), "03:00:00+02:00"),
        (BERLIN, date(2025, 3, 31), "02:30", utc(2025, 3, 31, 0, 30), "02:30:00+02:00"),
        (NEW_YORK, date(2025, 3, 9), "02:30", utc(2025, 3, 9, 7, 30), "03:30:00-04:00"),
        (NEW_YORK, date(2025, 3, 10), "02:30", utc(2025, 3, 10, 6, 30), "02:30:00-04:00"),
        # fall back: 02:30 (Berlin) and 01:30 (New York) happen twice; the first counts
        (BERLIN, date(2025, 10, 26), "02:30", utc(2025, 10, 26, 0, 30), "02:30:00+02:00"),
        (BERLIN, date(2025, 10, 27), "02:30", utc(2025, 10, 27, 1, 30), "02:30:00+01:00"),
        (NEW_YORK, date(2025, 11, 2), "01:30", utc(2025, 11, 2, 5, 30), "01:30:00-04:00"),
        (NEW_YORK, date(2025, 11, 3), "01:30", utc(2025, 11, 3, 6, 30), "01:30:00-05:00"),
    ],
)
def test_slot_instant_across_dst(zone, day, at, expected_utc, shown):
    instant = slot_instant(day, plan(at, zone).at, zone)
    assert instant == expected_utc
    assert instant.astimezone(zone).isoformat().endswith(shown)


@pytest.mark.parametrize(
    "zone",
    ["Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "America/Santiago", "UTC"],
)
@pytest.mark.parametrize("at", ["00:00", "00:30", "01:30", "02:00", "02:30", "23:30"])
def test_one_slot_per_local_date_strictly_increasing(zone, at):
    p = plan(at, ZoneInfo(zone))
    days = [date(2025, 1, 1) + timedelta(days=i) for i in range(366)]
    slots = [slot_for(d, p).at for d in days]
    assert all(b - a >= timedelta(hours=22) for a, b in pairwise(slots))
    # slot_before / next_slot_after agree with slot_for at and around every slot
    for d, s in zip(days[1:-1], slots[1:-1], strict=True):
        for probe in (s - timedelta(seconds=1), s, s + timedelta(hours=5)):
            before, after = slot_before(probe, p), next_slot_after(probe, p)
            assert before.start <= probe < after.start
            assert after.day == before.day + timedelta(days=1)
        assert slot_before(s, p).day == d


def test_catch_up_within_grace_only():
    p = plan("02:00", SHANGHAI, grace=timedelta(hours=12))
    slot = slot_for(date(2025, 6, 20), p)  # 2025-06-19T18:00Z
    assert catch_up_slot(slot.at + timedelta(hours=11, minutes=59), p) == slot
    assert catch_up_slot(slot.at + timedelta(hours=12), p) is None
    assert catch_up_slot(slot.at - timedelta(seconds=1), p) is None  # yesterday's has closed
    wide = plan("02:00", SHANGHAI, grace=timedelta(hours=24))
    assert catch_up_slot(slot.at - timedelta(seconds=1), wide).day == date(2025, 6, 19)


def test_jitter_is_stable_per_day_and_host_and_within_bounds():
    offsets = [jitter_offset(date(2025, 6, d), 600, "host-a") for d in range(1, 29)]
    assert all(0 <= o < 600 for o in offsets) and len(set(offsets)) == 28
    assert jitter_offset(date(2025, 6, 1), 600, "host-a") == offsets[0]
    assert jitter_offset(date(2025, 6, 1), 600, "host-b") != offsets[0]
    assert jitter_offset(date(2025, 6, 1), 0, "host-a") == 0
    p = plan("02:00", BERLIN, jitter=600, seed="host-a")
    slot = slot_for(date(2025, 6, 1), p)
    assert slot.start - slot.at == timedelta(seconds=offsets[0])
    assert slot_before(slot.start - timedelta(microseconds=1), p).day == date(2025, 5, 31)


def test_retry_delay_doubles_up_to_an_hour():
    assert [retry_delay(n, 60).total_seconds() for n in (1, 2, 3, 4, 7, 8)] == [
        60,
        120,
        240,
        480,
        3600,
        3600,
    ]


def entry(status: str, attempts: int = 0, next_attempt: datetime | None = None) -> LedgerEntry:
    return LedgerEntry(
        "s", date(2025, 6, 20), status, attempts, None, utc(2025, 6, 20), next_attempt
    )


@pytest.mark.parametrize(
    ("ledger", "hours_after", "action"),
    [
        (None, 0.1, "run"),
        (None, 13, "missed"),
        ("ok", 0.1, "done"),
        ("ok", 13, "done"),
        ("running", 0.1, "run"),  # its process died: the lease decides who runs it
        ("interrupted", 0.1, "run"),
        ("failed-retry-later", 0.1, "wait"),
        ("failed-retry-now", 1.0, "run"),
        ("failed-final", 0.1, "gave_up"),
        ("failed-retry-now", 13, "missed"),
    ],
)
def test_decide(ledger, hours_after, action):
    p = plan("02:00", SHANGHAI, grace=timedelta(hours=12))
    slot = slot_for(date(2025, 6, 20), p)
    now = slot.at + timedelta(hours=hours_after)
    half = slot.at + timedelta(minutes=30)
    found = {
        None: None,
        "ok": entry("ok"),
        "running": entry("running"),
        "interrupted": entry("interrupted"),
        "failed-retry-later": entry("failed", 1, half),
        "failed-retry-now": entry("failed", 1, half),
        "failed-final": entry("failed", 4, None),
    }[ledger]
    decision = decide(now, p, found)
    assert decision.action == action and decision.slot == slot


# --- [schedule] config keys ------------------------------------------------------------


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "tasklint.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_schedule_defaults_and_keys(tmp_path):
    assert Settings().schedule.model_dump() == {
        "at": "02:00",
        "timezone": None,
        "grace_hours": 12.0,
        "jitter_seconds": 0,
        "retries": 3,
        "retry_backoff_seconds": 60.0,
    }
    path = write(
        tmp_path,
        '[schedule]\nat = "23:30:15"\ntimezone = "America/New_York"\ngrace_hours = 6\n'
        "jitter_seconds = 900\nretries = 0\nretry_backoff_seconds = 5\n",
    )
    config = load_settings(path).schedule
    assert (config.grace_hours, config.jitter_seconds, config.retries) == (6, 900, 0)
    p, name = make_plan(load_settings(path))
    assert name == "America/New_York" and p.at == clock_time(23, 30, 15) and p.jitter == 900


@pytest.mark.parametrize(
    ("line", "key", "expected"),
    [
        ("grace_hours = 0", "schedule.grace_hours", "hours after the slot"),
        ("grace_hours = 25", "schedule.grace_hours", "≤24"),
        ("jitter_seconds = -1", "schedule.jitter_seconds", "0 to 21600"),
        ("jitter_seconds = 30000", "schedule.jitter_seconds", "0 to 21600"),
        ("grace_hours = 1\njitter_seconds = 3600", "schedule.jitter_seconds", "less than grace"),
        ("retries = -1", "schedule.retries", "0 to 20"),
        ("retry_backoff_seconds = 0", "schedule.retry_backoff_seconds", ">0"),
        ("every = 3", "schedule.every", "unknown key"),
    ],
)
def test_schedule_invalid_keys(tmp_path, line, key, expected):
    from tasklint.errors import ConfigError

    path = write(tmp_path, f"[schedule]\n{line}\n")
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    assert f"`{key}`" in caught.value.line() and expected in caught.value.line()


def test_schedule_zone_falls_back_to_the_top_level_timezone():
    settings = Settings.model_validate({"timezone": "Asia/Shanghai"})
    p, name = make_plan(settings)
    assert name == "Asia/Shanghai" and p.zone == SHANGHAI


# --- ledger and lease in the state store -------------------------------------------------


def test_ledger_records_and_counts_failed_attempts(tmp_path):
    state = StateStore(tmp_path / "state.db")
    day, now = date(2025, 6, 20), utc(2025, 6, 19, 18)
    assert state.ledger_entry("s", day) is None
    state.ledger_record("s", day, "running", now=now, holder="h1")
    state.ledger_record("s", day, "failed", now=now, failed_attempt=True, next_attempt=now)
    state.ledger_record("s", day, "failed", now=now, failed_attempt=True, error="boom")
    found = state.ledger_entry("s", day)
    assert (found.status, found.attempts, found.next_attempt, found.error) == (
        "failed",
        2,
        None,
        "boom",
    )
    # a conditional update only applies in the named status
    assert not state.ledger_record("s", day, "interrupted", now=now, only_if="running")
    state.ledger_record("s", day, "ok", now=now)
    assert [e.status for e in state.ledger("s")] == ["ok"]
    with pytest.raises(ValueError):
        state.ledger_record("s", day, "weird", now=now)


def test_lease_is_exclusive_renewable_and_expires(tmp_path):
    one = StateStore(tmp_path / "state.db")
    two = StateStore(tmp_path / "state.db")  # another process's connection
    assert one.acquire_lease("source:a", "p1", now=1000.0, ttl=90)
    assert not two.acquire_lease("source:a", "p2", now=1010.0, ttl=90)
    assert two.lease_holder("source:a", now=1010.0) == "p1"
    assert one.acquire_lease("source:a", "p1", now=1080.0, ttl=90)  # renewed to 1170
    assert not two.acquire_lease("source:a", "p2", now=1169.0, ttl=90)
    assert two.acquire_lease("source:a", "p2", now=1170.0, ttl=90)  # p1 died: expired
    assert not one.acquire_lease("source:a", "p1", now=1171.0, ttl=90)
    one.release_lease("source:a", "p1")  # not its lease: no effect
    assert one.lease_holder("source:a", now=1171.0) == "p2"
    two.release_lease("source:a", "p2")
    assert one.lease_holder("source:a", now=1171.0) is None
    assert two.acquire_lease("source:b", "p2", now=1171.0, ttl=90)  # leases are per name


def test_lease_race_grants_exactly_one(tmp_path):
    StateStore(tmp_path / "state.db").close()
    granted: list[str] = []
    barrier = threading.Barrier(6)

    def contend(name: str) -> None:
        store = StateStore(tmp_path / "state.db")
        barrier.wait()
        if store.acquire_lease("source:x", name, now=time.time(), ttl=60):
            granted.append(name)
        store.close()

    threads = [threading.Thread(target=contend, args=(f"p{i}",)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(granted) == 1


def test_processes_starting_together_on_a_new_state_file_all_open_it(tmp_path):
    # SQLite answers the WAL switch of one while another creates the file with "database
    # is locked" at once (about one start in thirty, two serves started together).
    import subprocess
    import sys

    opener = (
        "import sys, time\n"
        "from tasklint.sync.state import StateStore\n"
        "while time.time() < float(sys.argv[2]): pass\n"  # start together
        "StateStore(sys.argv[1]).acquire_lease('x', sys.argv[3], now=0, ttl=1)\n"
    )
    for round_ in range(4):
        path = tmp_path / f"state-{round_}.db"
        start = time.time() + 1.5
        processes = [
            subprocess.Popen(
                [sys.executable, "-c", opener, str(path), str(start), f"p{i}"],
                stderr=subprocess.PIPE,
                text=True,
            )
            for i in range(6)
        ]
        errors = [p.communicate(timeout=60)[1] for p in processes]
        assert [p.returncode for p in processes] == [0] * 6, errors


def test_opening_the_state_file_waits_out_a_locked_journal_switch(tmp_path, monkeypatch):
    """The retry itself, on a connection that says "locked" twice."""
    import sqlite3

    real_connect = sqlite3.connect

    class Busy:
        def __init__(self, db: sqlite3.Connection) -> None:
            self.db, self.refusals = db, 2

        def execute(self, sql: str, *args: object) -> sqlite3.Cursor:
            if sql.startswith("PRAGMA journal_mode") and self.refusals:
                self.refusals -= 1
                raise sqlite3.OperationalError("database is locked")
            return self.db.execute(sql, *args)

        def __getattr__(self, name: str) -> object:
            return getattr(self.db, name)

    connections: list[Busy] = []

    def connect(*args: object, **kwargs: object) -> Busy:
        connections.append(Busy(real_connect(*args, **kwargs)))
        return connections[-1]

    monkeypatch.setattr(sqlite3, "connect", connect)
    store = StateStore(tmp_path / "state.db")
    assert connections[0].refusals == 0
    assert store.acquire_lease("x", "me", now=0, ttl=1)
    monkeypatch.setattr(sqlite3, "connect", real_connect)
    (mode,) = real_connect(tmp_path / "state.db").execute("PRAGMA journal_mode").fetchone()
    assert mode == "wal"


# --- the runner and the service with a fake sync -----------------------------------------


class FakeConnector:
    kind = "airtable"
    name = "fake"

    def __init__(self) -> None:
        self.stats = CallStats()


def outcome(rows: int = 3, written: int = 1, notices: tuple = ()) -> SimpleNamespace:
    result = SimpleNamespace(
        tasks=[None] * rows, all_active=lambda: [], status_counts=lambda: {"done": rows}
    )
    return SimpleNamespace(
        result=result, rows_read=rows, changes=[None] * written, notices=list(notices)
    )


def spec(name: str = "plan") -> SourceSpec:
    url = f"airtable://app{name}/Table"
    return SourceSpec(name, "airtable", url, SourceConfig(url=url))


class Recorder:
    """A sync engine stand-in: records each call's source and clock; fails on demand."""

    def __init__(self, failures: dict[str, list[Exception]] | None = None) -> None:
        self.calls: list[tuple[str, datetime]] = []
        self.failures = failures or {}

    def __call__(self, spec, settings, env, state, options, *, connector, now, stop):
        self.calls.append((spec.name, now()))
        pending = self.failures.get(spec.name)
        if pending:
            raise pending.pop(0)
        connector.stats.count("read")
        return outcome()


def make_service(
    tmp_path: Path,
    p: Plan,
    names: tuple[str, ...] = ("plan",),
    sync: Any = None,
    holder: str = "me",
    clock: Any = None,
    **kw: Any,
) -> Service:
    state = StateStore(tmp_path / "state.db")
    runner = SourceRunner(
        Settings(),
        state,
        p,
        env=Environment(),
        stop=threading.Event(),
        holder=holder,
        sync=sync or Recorder(),
        connect=lambda _spec, _env: FakeConnector(),
        **({"clock": clock} if clock else {}),
        **kw,
    )
    return Service([spec(n) for n in names], runner)


def test_failing_source_does_not_stop_the_others_and_is_retried_with_backoff(tmp_path):
    now = [utc(2025, 6, 19, 18, 0, 5)]
    sync = Recorder({"bad": [ConnectionFailed("down"), ConnectionFailed("down")]})
    p = plan("02:00", SHANGHAI, retries=3, backoff=60)
    service = make_service(tmp_path, p, ("bad", "good"), sync, clock=lambda: now[0])
    first = service.run_due()
    assert [(a.source, a.result) for a in first] == [("bad", "failed"), ("good", "ok")]
    assert first[0].retry_at == now[0] + timedelta(seconds=60)
    assert service.run_due() == []  # the retry is not due yet; good is done
    (wait,) = [d for _spec, d, _entry in service.decisions(now[0]) if d.action == "wait"]
    assert wait.not_before == now[0] + timedelta(seconds=60)
    now[0] += timedelta(seconds=61)
    second = service.run_due()
    assert [(a.source, a.result, a.attempt) for a in second] == [("bad", "failed", 2)]
    assert second[0].retry_at == now[0] + timedelta(seconds=120)
    now[0] += timedelta(seconds=121)
    assert [(a.source, a.result, a.attempt) for a in service.run_due()] == [("bad", "ok", 3)]
    assert [c[0] for c in sync.calls] == ["bad", "good", "bad", "bad"]
    assert service.run_due() == []


def test_a_run_logs_how_its_table_was_read(tmp_path):
    from tasklint.errors import Notice
    from tasklint.service.loop import attempt_event

    now = utc(2025, 6, 19, 18, 0, 5)
    read = Notice(en="plan: dates such as '05/07/2025' are read day first", zh="…")

    def sync(spec, settings, env, state, options, *, connector, now, stop):
        return outcome(notices=[read])

    service = make_service(tmp_path, plan("02:00", SHANGHAI), sync=sync, clock=lambda: now)
    (attempt,) = service.run_due()
    assert attempt.result == "ok" and attempt_event(attempt)["notices"] == [read.en]


def test_permanent_failure_is_not_retried(tmp_path):
    now = utc(2025, 6, 19, 18, 0, 5)
    sync = Recorder({"plan": [AuthError("refused")]})
    service = make_service(tmp_path, plan("02:00", SHANGHAI), sync=sync, clock=lambda: now)
    (attempt,) = service.run_due()
    assert attempt.result == "failed" and attempt.retry_at is None
    assert service.decisions(now)[0][1].action == "gave_up"
    assert service.run_due() == []


def test_retries_stop_after_the_configured_number(tmp_path):
    now = [utc(2025, 6, 19, 18, 0, 5)]
    sync = Recorder({"plan": [ConnectionFailed("down")] * 5})
    p = plan("02:00", SHANGHAI, retries=2, backoff=1)
    service = make_service(tmp_path, p, sync=sync, clock=lambda: now[0])
    results = []
    for _ in range(6):
        results += [(a.attempt, a.retry_at is not None) for a in service.run_due()]
        now[0] += timedelta(minutes=5)
    assert results == [(1, True), (2, True), (3, False)]


def test_missed_slot_beyond_grace_is_recorded_once_and_not_run(tmp_path):
    p = plan("02:00", SHANGHAI, grace=timedelta(hours=1))
    now = slot_for(date(2025, 6, 20), p).at + timedelta(hours=2)
    missed: list[tuple[str, date]] = []
    service = make_service(tmp_path, p, clock=lambda: now)
    service.on_missed = lambda source, slot, _why: missed.append((source, slot))
    assert service.pending(now)
    assert service.run_due() == [] and service.run_due() == []
    assert missed == [("plan", date(2025, 6, 20))]
    assert not service.pending(now)
    assert service.runner._sync.calls == []


def test_run_now_ignores_the_ledger_and_retries_within_the_call(tmp_path):
    now = [utc(2025, 6, 19, 18, 0, 5)]
    sync = Recorder({"plan": [ConnectionFailed("down")]})
    p = plan("02:00", SHANGHAI, retries=1, backoff=0.05)
    service = make_service(tmp_path, p, sync=sync, clock=lambda: now[0])
    service.state.ledger_record("plan", date(2025, 6, 20), "ok", now=now[0])
    (attempt,) = service.run_now()
    assert (attempt.result, attempt.attempt) == ("ok", 2)


def test_a_held_lease_skips_the_source_until_it_expires(tmp_path):
    """A holder that died keeps its lease only until the lease expires."""
    p = plan("02:00", SHANGHAI)
    now = utc(2025, 6, 19, 18, 0, 5)
    service = make_service(tmp_path, p, clock=lambda: now, lease_ttl=0.5)
    dead = StateStore(tmp_path / "state.db")
    lease = source_lease(spec().url)  # the table's, whatever name a config gives it
    assert dead.acquire_lease(lease, "dead-process", now=time.time(), ttl=0.4)
    (skipped,) = service.run_due()
    assert skipped.result == "skipped" and "dead-process" in skipped.reason
    time.sleep(0.45)
    (ran,) = service.run_due()
    assert ran.result == "ok"
    assert service.state.lease_holder(lease, now=time.time()) is None  # released


def test_second_runner_on_one_state_file_does_not_rerun_a_finished_slot(tmp_path):
    p = plan("02:00", SHANGHAI)
    now = utc(2025, 6, 19, 18, 0, 5)
    one = make_service(tmp_path, p, holder="one", clock=lambda: now)
    two = make_service(tmp_path, p, holder="two", clock=lambda: now)
    # two decided to run before one finished, then got the lease afterwards
    (decided,) = [d for _s, d, _e in two.decisions(now)]
    assert decided.action == "run"
    assert [a.result for a in one.run_due()] == ["ok"]
    late = two.runner.run(two.specs[0], decided.slot.day)
    assert (late.result, late.reason) == ("skipped", "done")


def test_interrupted_write_marks_the_slot_interrupted_and_runs_again(tmp_path):
    now = utc(2025, 6, 19, 18, 0, 5)
    sync = Recorder({"plan": [WriteInterrupted(10, 20)]})
    service = make_service(tmp_path, plan("02:00", SHANGHAI), sync=sync, clock=lambda: now)
    (attempt,) = service.run_due()
    assert (attempt.result, attempt.rows_written) == ("interrupted", 10)
    found = service.state.ledger_entry("plan", date(2025, 6, 20))
    assert (found.status, found.attempts) == ("interrupted", 0)  # not a failed attempt
    (again,) = service.run_due()
    assert (again.result, again.attempt) == ("ok", 1)


def test_stop_deadline_abandons_a_stuck_run_and_records_it(tmp_path, monkeypatch):
    monkeypatch.setattr(service_loop, "STOP_DEADLINE", 0.3)
    release = threading.Event()

    def stuck(spec, settings, env, state, options, *, connector, now, stop):
        state.start_run(spec.name, now(), full_read=True)
        release.wait(5)  # a request that does not return in time; ignores `stop`
        return outcome()

    service = make_service(tmp_path, plan("02:00", SHANGHAI), sync=stuck)
    status = ServiceStatus(["plan"])
    stream = io.StringIO()
    daemon = Daemon(service, status, EventLog(stream), service.runner.stop, zone_name="UTC")
    threading.Timer(0.3, service.runner.stop.set).start()
    started = time.monotonic()
    daemon.once()
    assert daemon.finish() == "plan"
    assert time.monotonic() - started < 2
    (found,) = service.state.ledger("plan")  # the slot of "now", whichever date that is
    assert found.status == "interrupted"
    (run,) = service.state.runs("plan")
    assert run.finished is not None and not run.ok and "interrupted" in run.error
    release.set()
    daemon.worker.join(5)


# --- DST on a controlled clock: the schedule-driven loop runs every slot once ------------


def simulate(zone_name: str, at: str, start: datetime, days: int, machine: str) -> list[datetime]:
    """The real Daemon and `schedule` loop, minute by minute on a frozen clock; the
    instants (in the schedule's zone) at which a source actually ran."""
    zone = ZoneInfo(zone_name)
    runs: list[datetime] = []

    def sync(spec, settings, env, state, options, *, connector, now, stop):
        runs.append(now().astimezone(zone))
        return outcome()

    dest = start.astimezone(ZoneInfo(machine))  # also the process's local zone
    with time_machine.travel(dest, tick=False) as traveller, _tmp_state() as path:
        # The start is more than `grace` after the previous slot: nothing to catch up.
        p = Plan(at=clock_time(*map(int, at.split(":"))), zone=zone, grace=timedelta(hours=6))
        state = StateStore(path)
        runner = SourceRunner(
            Settings(),
            state,
            p,
            env=Environment(),
            stop=threading.Event(),
            sync=sync,
            connect=lambda _s, _e: FakeConnector(),
        )
        service = Service([spec()], runner)
        daemon = Daemon(
            service,
            ServiceStatus(["plan"]),
            EventLog(io.StringIO()),
            runner.stop,
            zone_name=zone_name,
        )
        scheduler = daemon.build_scheduler()
        daemon.wake("start")
        if daemon.worker is not None:
            daemon.worker.join()
        for _ in range(days * 24 * 60):
            traveller.shift(60)
            scheduler.run_pending()
            if daemon.worker is not None:
                daemon.worker.join()
        state.close()
    return runs


class _tmp_state:
    def __enter__(self) -> Path:
        import tempfile

        self._dir = tempfile.TemporaryDirectory()
        return Path(self._dir.name) / "state.db"

    def __exit__(self, *exc: object) -> None:
        self._dir.cleanup()


DST_CASES = [
    # zone, at, start (UTC, noon the day before), [expected local run times]
    (
        "Europe/Berlin",
        "02:30",
        utc(2025, 3, 29, 12),
        ["2025-03-30T03:30:00+02:00", "2025-03-31T02:30:00+02:00", "2025-04-01T02:30:00+02:00"],
    ),
    (
        "Europe/Berlin",
        "02:30",
        utc(2025, 10, 25, 12),
        ["2025-10-26T02:30:00+02:00", "2025-10-27T02:30:00+01:00", "2025-10-28T02:30:00+01:00"],
    ),
    (
        "America/New_York",
        "02:30",
        utc(2025, 3, 8, 17),
        ["2025-03-09T03:30:00-04:00", "2025-03-10T02:30:00-04:00", "2025-03-11T02:30:00-04:00"],
    ),
    (
        "America/New_York",
        "01:30",
        utc(2025, 11, 1, 16),
        ["2025-11-02T01:30:00-04:00", "2025-11-03T01:30:00-05:00", "2025-11-04T01:30:00-05:00"],
    ),
]


@pytest.mark.parametrize(("zone", "at", "start", "expected"), DST_CASES)
@pytest.mark.parametrize("machine", ["UTC", "Asia/Shanghai", "same"])
def test_every_slot_runs_exactly_once_across_dst(zone, at, start, expected, machine):
    runs = simulate(zone, at, start, 3, zone if machine == "same" else machine)
    assert [r.isoformat() for r in runs] == expected


def test_schedule_alone_runs_twice_after_spring_forward():
    """Why the ledger decides: schedule 1.2.2 by itself, same clock, same days."""
    zone = ZoneInfo("Europe/Berlin")
    fired: list[str] = []
    with time_machine.travel(utc(2025, 3, 29, 12), tick=False) as traveller:
        scheduler = schedule.Scheduler()
        scheduler.every().day.at("02:30", "Europe/Berlin").do(
            lambda: fired.append(datetime.now(UTC).astimezone(zone).isoformat())
        )
        for _ in range(3 * 24 * 60):
            traveller.shift(60)
            scheduler.run_pending()
    assert fired[:3] == [
        "2025-03-30T03:30:00+02:00",
        "2025-03-31T01:30:00+02:00",  # the spurious run the ledger turns into a no-op
        "2025-03-31T02:30:00+02:00",
    ]


def test_machine_asleep_through_the_slot_catches_up_on_waking():
    """A clock that jumps 5 hours (a laptop asleep) runs the missed slot once."""
    zone = ZoneInfo("Europe/Berlin")
    runs: list[datetime] = []

    def sync(spec, settings, env, state, options, *, connector, now, stop):
        runs.append(now().astimezone(zone))
        return outcome()

    with time_machine.travel(utc(2025, 6, 19, 23), tick=False) as traveller, _tmp_state() as path:
        p = Plan(at=clock_time(2, 30), zone=zone)
        runner = SourceRunner(
            Settings(),
            StateStore(path),
            p,
            env=Environment(),
            stop=threading.Event(),
            sync=sync,
            connect=lambda _s, _e: FakeConnector(),
        )
        service = Service([spec()], runner)
        daemon = Daemon(
            service,
            ServiceStatus(["plan"]),
            EventLog(io.StringIO()),
            runner.stop,
            zone_name="Europe/Berlin",
        )
        scheduler = daemon.build_scheduler()
        traveller.shift(5 * 3600)  # 06:00 local: asleep through 02:30
        for _ in range(10):
            traveller.shift(60)
            scheduler.run_pending()
            if daemon.worker is not None:
                daemon.worker.join()
        runner.state.close()
    assert [r.date() for r in runs] == [date(2025, 6, 20)]


# --- health, metrics, logs ---------------------------------------------------------------


def attempt_of(source: str, result: str, **kw: Any) -> Attempt:
    return Attempt(source, "airtable", date(2025, 6, 20), result, utc(2025, 6, 19, 18), **kw)


def test_health_ok_failing_and_stalled():
    mono = [100.0]
    wall = [utc(2025, 6, 20).timestamp()]
    status = ServiceStatus(["a", "b"], monotonic=lambda: mono[0], wall=lambda: wall[0])
    code, body = status.health()
    assert code == 200 and body["status"] == "ok" and body["last_success_age_seconds"] is None
    status.record(attempt_of("a", "ok", duration=1.0))
    status.remember_success("b", datetime.fromtimestamp(wall[0] - 50, UTC))
    code, body = status.health()
    # the stalest source's age: a finished at 18:00:01 UTC, six hours ago less a second
    assert code == 200 and body["last_success_age_seconds"] == 6 * 3600 - 1
    assert body["sources"]["b"]["last_success_age_seconds"] == 50
    status.record(attempt_of("b", "failed", error="b: cannot reach Airtable"))
    code, body = status.health()
    assert code == 503 and body["status"] == "failing"
    assert body["sources"]["b"]["failing"] == "b: cannot reach Airtable"
    status.record(attempt_of("b", "ok"))
    assert status.health()[0] == 200
    mono[0] += 181  # the loop has not ticked for three minutes
    code, body = status.health()
    assert code == 503 and body["status"] == "stalled" and status.live()[0] == 503
    status.beat()
    status.cycle_begins()
    mono[0] += 6 * 3600 + 1
    status.beat()
    assert status.health()[1]["status"] == "stalled"  # a cycle that never ends


def test_metrics_text_format():
    status = ServiceStatus(['q3 "plan"'])
    status.record(
        attempt_of(
            'q3 "plan"',
            "ok",
            rows_read=20,
            rows_written=7,
            requests={"read": 2, "write": 1},
            rate_limited=1,
            findings={"S402": 3, "G101": 1},
        )
    )
    status.record(attempt_of('q3 "plan"', "failed", requests={"read": 1}))
    text = status.metrics()
    label = 'source="q3 \\"plan\\""'
    for line in (
        f'tasklint_runs_total{{{label},result="ok"}} 1',
        f'tasklint_runs_total{{{label},result="failed"}} 1',
        f"tasklint_rows_read_total{{{label}}} 20",
        f"tasklint_rows_written_total{{{label}}} 7",
        f'tasklint_requests_total{{{label},kind="read"}} 3',
        f"tasklint_rate_limited_total{{{label}}} 1",
        f'tasklint_findings{{{label},code="S402"}} 3',
        f"tasklint_source_failing{{{label}}} 1",
        "# TYPE tasklint_runs_total counter",
        "# TYPE tasklint_findings gauge",
    ):
        assert line in text.splitlines(), line
    assert text.endswith("\n")


def test_log_lines_are_json_and_never_show_a_token():
    stream = io.StringIO()
    log = EventLog(stream, json_lines=True, secrets=["pat-SECRET-0123456789", "ntn_abc"])
    log.emit("source.run", source="a", error="401 for pat-SECRET-0123456789 and ntn_abc")
    log.emit("serve.start", slot=date(2025, 6, 20), at=utc(2025, 6, 19, 18))
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert lines[0]["event"] == "source.run" and lines[0]["error"] == "401 for *** and ***"
    assert lines[1]["slot"] == "2025-06-20" and lines[1]["at"] == "2025-06-19T18:00:00Z"
    assert "SECRET" not in stream.getvalue()
    text = io.StringIO()
    EventLog(text, json_lines=False, secrets=["ntn_abc"]).emit("x", token="ntn_abc", n=1)
    assert "ntn_abc" not in text.getvalue() and "n=1" in text.getvalue()


def test_a_later_sync_outside_the_service_turns_healthz_green(tmp_path):
    """serve failed a source; someone fixed it and ran `tasklint sync`, which records its
    run in the same state file: /healthz no longer waits for the next slot to say so."""
    sync = Recorder({"plan": [ConnectionFailed("down")] * 5})
    service = make_service(tmp_path, plan("02:00", SHANGHAI, retries=1, backoff=0), sync=sync)
    status = ServiceStatus(["plan"])
    daemon = Daemon(service, status, EventLog(io.StringIO()), service.runner.stop, zone_name="UTC")
    daemon.once()
    assert status.health()[0] == 503 and status.failing_sources() == ["plan"]
    earlier = service.state.start_run("plan", utc(2020, 1, 1), full_read=True)
    service.state.finish_run(earlier, utc(2020, 1, 1), ok=1)
    daemon.wake("poll")
    assert status.health()[0] == 503  # a success from before the failure says nothing
    later = service.state.start_run("plan", datetime.now(UTC), full_read=True)
    service.state.finish_run(later, datetime.now(UTC) + timedelta(seconds=1), ok=1)
    daemon.wake("poll")
    code, body = status.health()
    assert code == 200 and body["sources"]["plan"]["failing"] is None
