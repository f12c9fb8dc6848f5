"""The loop of `tasklint serve`, driven by `schedule`, and its one-shot form `--once`.

`schedule` wakes the loop: a daily job at `[schedule] at` in the schedule's zone, and
a job every `poll` seconds. Each wake-up asks `Service.decisions` (the pure slot
functions and the ledger) what is due and, if anything is, starts the worker thread,
so `schedule`'s own DST slips (a job run twice the day after a spring-forward) and a
machine that slept through the slot cost nothing: a slot that ran is in the ledger.
The poll job also starts retries and jittered starts, and the catch-up at start-up
is the first wake-up.

Runs happen in a worker thread so that the main thread stays free for signals: on
SIGTERM or SIGINT it sets `stop`, which the sync engine checks between two write
requests (never half a row), gives the worker `STOP_DEADLINE` seconds to finish or
abandon its current request, records an unfinished run as interrupted, and exits 0.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path
from types import FrameType
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from tasklint.config.env import Environment
from tasklint.config.settings import Settings
from tasklint.connectors.sources import SourceSpec
from tasklint.service.health import STALL_AFTER, ServiceStatus, start_health_server
from tasklint.service.logs import EventLog, EventLogHandler
from tasklint.service.runner import Attempt, Service, SourceRunner, utc_now
from tasklint.service.slots import Plan, next_slot_after, parse_clock, slot_before
from tasklint.sync.state import StateStore

STOP_DEADLINE = 8.0  # seconds a stopping run gets; the process exits within 10 s
POLL = 30  # seconds between two looks at the ledger


@dataclass(slots=True)
class ServeOptions:
    once: bool = False
    health_host: str = "127.0.0.1"
    health_port: int | None = None
    state_path: Path | None = None
    jitter: float | None = None  # overrides [schedule] jitter_seconds
    poll: int = POLL


def schedule_zone(settings: Settings) -> tuple[tzinfo, str | None]:
    """The schedule's zone: [schedule] timezone, else the top-level timezone, else the
    machine's. The name is None for a machine zone known only from /etc/localtime
    (then `schedule` is given no zone: it reads the machine's local time too)."""
    name = settings.schedule.timezone or settings.timezone
    if name:
        return ZoneInfo(name), name
    variable = os.environ.get("TZ", "").lstrip(":")
    if variable:
        try:
            return ZoneInfo(variable), variable
        except (ZoneInfoNotFoundError, ValueError):
            pass
    try:
        with open("/etc/localtime", "rb") as handle:
            return ZoneInfo.from_file(handle, key="localtime"), None
    except (OSError, ValueError):
        return ZoneInfo("UTC"), "UTC"


def make_plan(settings: Settings, *, jitter: float | None = None) -> tuple[Plan, str | None]:
    zone, name = schedule_zone(settings)
    config = settings.schedule
    plan = Plan(
        at=parse_clock(config.at),
        zone=zone,
        grace=timedelta(hours=config.grace_hours),
        jitter=float(config.jitter_seconds if jitter is None else jitter),
        seed=socket.gethostname(),
        retries=config.retries,
        backoff=config.retry_backoff_seconds,
    )
    return plan, name


def attempt_event(attempt: Attempt) -> dict[str, Any]:
    """The fields of one `source.run` event: a source's run with its counts."""
    return {
        "source": attempt.source,
        "kind": attempt.kind,
        "slot": attempt.slot,
        "result": attempt.result,
        "attempt": attempt.attempt,
        "duration_s": attempt.duration,
        "rows_read": attempt.rows_read,
        "rows_total": attempt.rows_total,
        "rows_written": attempt.rows_written,
        "requests": attempt.requests,
        "rate_limited": attempt.rate_limited,
        "findings": attempt.severities,
        "findings_by_code": attempt.findings,
        "statuses": attempt.statuses,
        "error": attempt.error,
        "retry_at": attempt.retry_at,
        "notices": attempt.notices,
    }


class Daemon:
    """The worker thread and the two ways of driving it (the loop, --once)."""

    def __init__(
        self,
        service: Service,
        status: ServiceStatus,
        log: EventLog,
        stop: threading.Event,
        *,
        zone_name: str | None,
        poll: int = POLL,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self.service = service
        self.status = status
        self.log = log
        self.stop = stop
        self.zone_name = zone_name
        self.poll = max(1, int(poll))
        self.clock = clock
        self.worker: threading.Thread | None = None
        self.results: list[Attempt] = []
        self._skips: set[tuple[str, date, str]] = set()
        self.service.on_attempt = self._attempted
        self.service.on_skip = self._skipped
        self.service.on_missed = self._missed

    # --- events -------------------------------------------------------------------

    def _attempted(self, attempt: Attempt) -> None:
        self.status.record(attempt)
        level = {"ok": "info", "interrupted": "warning"}.get(attempt.result, "error")
        self.log.emit("source.run", level, **attempt_event(attempt))

    def _skipped(self, attempt: Attempt) -> None:
        key = (attempt.source, attempt.slot, attempt.reason)
        if key in self._skips:
            return
        self._skips.add(key)
        self.log.emit(
            "source.skipped",
            source=attempt.source,
            slot=attempt.slot,
            reason=attempt.reason,
        )

    def _missed(self, source: str, slot: date, why: str) -> None:
        self.status.record_missed(source)
        self.log.emit("slot.missed", "warning", source=source, slot=slot, reason=why)

    # --- the worker ---------------------------------------------------------------

    def busy(self) -> bool:
        return self.worker is not None and self.worker.is_alive()

    def start_worker(self, work: Callable[[], list[Attempt]]) -> None:
        def cycle() -> None:
            self.status.cycle_begins()
            try:
                self.results = work()
            except Exception as error:  # a bug: say so, and keep the service alive
                self.log.emit("cycle.error", "error", error=f"{type(error).__name__}: {error}")
            finally:
                self.status.cycle_ends()

        self.worker = threading.Thread(target=cycle, name="tasklint cycle", daemon=True)
        self.worker.start()

    def wake(self, reason: str = "poll") -> None:
        """A `schedule` job: start a cycle if a source is due and none is running. It never
        raises: `schedule` would keep a job that raised due, and run it every tick."""
        if self.busy() or self.stop.is_set():
            return
        try:
            self._look_for_syncs_elsewhere()
            now = self.clock()
            self.status.next_slot = next_slot_after(now, self.service.plan).start.timestamp()
            if self.service.pending(now):
                self.log.emit("cycle.start", reason=reason)
                self.start_worker(self.service.run_due)
        except Exception as error:  # a locked state file: the next wake-up tries again
            self.log.emit("wake.error", "error", error=f"{type(error).__name__}: {error}")

    def _look_for_syncs_elsewhere(self) -> None:
        # /healthz would stay 503 until the next slot although `tasklint sync` has since
        # synced the failing source: the state file both write says so.
        state = self.service.runner.state
        for source in self.status.failing_sources():
            last = state.last_ok_run(source)
            if last is not None:
                self.status.succeeded_elsewhere(source, last.finished or last.started)

    def build_scheduler(self) -> Any:
        import schedule

        scheduler = schedule.Scheduler()
        at = self.service.plan.at.strftime("%H:%M:%S")
        scheduler.every().day.at(at, self.zone_name).do(self.wake, "slot")
        scheduler.every(self.poll).seconds.do(self.wake, "poll")
        return scheduler

    def loop(self) -> None:
        """Until `stop`: wake at the slot (and every `poll` seconds) and run what is due."""
        scheduler = self.build_scheduler()
        self.status.beat()
        self.wake("start")  # the catch-up of a slot missed while the service was down
        while not self.stop.is_set():
            self.status.beat()
            scheduler.run_pending()
            idle = scheduler.idle_seconds
            wait = self.poll if idle is None else min(max(idle, 0.05), self.poll)
            self.stop.wait(wait)

    def once(self) -> list[Attempt]:
        """Every source now, with retries; returns when done or stopped."""
        self.start_worker(self.service.run_now)
        while self.busy() and not self.stop.is_set():
            self.status.beat()
            assert self.worker is not None
            self.worker.join(0.2)
        return self.results

    def finish(self) -> str | None:
        """After `stop`: give the worker STOP_DEADLINE seconds, then record what it was
        doing as interrupted. The source it was running, if it did not stop in time."""
        if self.worker is None:
            return None
        self.worker.join(STOP_DEADLINE)
        if not self.worker.is_alive():
            return None
        return self.service.runner.abandon(self.clock())


def _install_signals(stop: threading.Event, log: EventLog) -> Callable[[], None]:
    """SIGTERM/SIGINT set `stop`; the setting and the logging happen in a short thread,
    since a signal handler that takes a lock the main thread holds would deadlock."""

    def handler(signum: int, _frame: FrameType | None) -> None:
        def note() -> None:
            if not stop.is_set():
                log.emit("serve.stopping", signal=signal.Signals(signum).name)
            stop.set()

        threading.Thread(target=note, name="stop", daemon=True).start()

    previous = {s: signal.signal(s, handler) for s in (signal.SIGTERM, signal.SIGINT)}

    def restore() -> None:
        for sig, old in previous.items():
            signal.signal(sig, old)

    return restore


def run_service(
    settings: Settings,
    specs: Sequence[SourceSpec],
    options: ServeOptions,
    *,
    env: Environment | None = None,
    log: EventLog | None = None,
) -> int:
    """`tasklint serve`: 0 when every source synced (or the service was stopped by a
    signal), 2 when a source failed for good (--once)."""
    env = env or Environment()
    tokens = [t.get_secret_value() for t in (env.airtable_token, env.notion_token) if t]
    log = log or EventLog(secrets=tokens)
    library = EventLogHandler(log)
    logging.getLogger().addHandler(library)
    plan, zone_name = make_plan(settings, jitter=options.jitter)
    state_path = options.state_path or Path(settings.state.location()).expanduser()
    state = StateStore(state_path)
    stop = threading.Event()
    runner = SourceRunner(settings, state, plan, env=env, stop=stop)
    service = Service(specs, runner)
    status = ServiceStatus(
        [s.name for s in specs], stall_after=max(STALL_AFTER, 3.0 * options.poll + 30)
    )
    # What the state file remembers: each source's last success, and whether the
    # current slot's last attempt failed (so a restart does not turn /healthz green).
    current = slot_before(utc_now(), plan).day
    for spec in specs:
        last = state.last_ok_run(spec.name)
        if last is not None:
            status.remember_success(spec.name, last.finished or last.started)
        entry = state.ledger_entry(spec.name, current)
        if entry is not None and entry.status == "failed":
            status.remember_failure(spec.name, entry.error or "failed")
    daemon = Daemon(service, status, log, stop, zone_name=zone_name, poll=options.poll)
    restore = _install_signals(stop, log)
    server = None
    try:
        if options.health_port is not None:
            server = start_health_server(status, options.health_host, options.health_port)
        now = utc_now()
        log.emit(
            "serve.start",
            mode="once" if options.once else "loop",
            sources=[s.name for s in specs],
            at=settings.schedule.at,
            timezone=zone_name or "local",
            grace_hours=settings.schedule.grace_hours,
            jitter_s=plan.jitter,
            next_slot=next_slot_after(now, plan).start,
            state=str(state_path),
            health=(
                f"{options.health_host}:{server.server_address[1]}" if server is not None else None
            ),
            holder=runner.holder,
        )
        if options.once:
            attempts = daemon.once()
        else:
            daemon.loop()
            attempts = []
        abandoned = daemon.finish() if stop.is_set() else None
        if abandoned is not None:
            log.emit("source.abandoned", "warning", source=abandoned)
        if stop.is_set():
            log.emit("serve.stop", reason="signal", interrupted=abandoned)
            return 0
        failed = [a.source for a in attempts if a.result == "failed"]
        log.emit("serve.stop", reason="done", failed=failed)
        return 2 if failed else 0
    finally:
        restore()
        logging.getLogger().removeHandler(library)
        if server is not None:
            server.shutdown()
            server.server_close()
        if not daemon.busy():
            state.close()
