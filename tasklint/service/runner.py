"""One source for one slot, and a pass over every source: lease, ledger, sync, retries.

A source's run happens only under its lease (`source:NAME` in the state store, renewed
while the run lasts, expiring `LEASE_TTL` after its holder stops renewing it), and the
ledger is read again once the lease is held, so two processes on one state file never
run the same slot. A failed run is tried again `retries` times, `backoff` seconds
apart, doubling; a configuration or token problem is not retried (it will not fix
itself). A stop request ends a write between two requests (never half a row); the
slot is then marked interrupted and runs again at the next start.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Literal
from zoneinfo import ZoneInfo

from tasklint.config.env import Environment
from tasklint.config.settings import Settings
from tasklint.connectors.remote import StopSignal, WriteInterrupted
from tasklint.connectors.sources import SourceSpec
from tasklint.errors import AuthError, ConfigError, MissingColumnError, TasklintError
from tasklint.service.slots import Decision, Plan, decide, retry_delay, slot_before
from tasklint.sync.lease import LEASE_TTL, SourceBusy, holder_id, holding
from tasklint.sync.state import LedgerEntry, StateStore

if TYPE_CHECKING:
    from tasklint.connectors.remote import Connector
    from tasklint.sync.engine import SyncOutcome
    from tasklint.validators.engine import RuleSetting

PERMANENT = (ConfigError, AuthError, MissingColumnError)

Result = Literal["ok", "failed", "interrupted", "skipped"]
Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(slots=True)
class Attempt:
    """What one run of one source did: the content of its log event and its metrics."""

    source: str
    kind: str
    slot: date
    result: Result
    started: datetime
    attempt: int = 1  # 1 for the first try of this slot
    duration: float = 0.0
    rows_read: int = 0
    rows_total: int = 0
    rows_written: int = 0
    requests: dict[str, int] = field(default_factory=dict)
    rate_limited: int = 0
    findings: dict[str, int] = field(default_factory=dict)  # active findings by code
    severities: dict[str, int] = field(default_factory=dict)  # error / warning / info
    statuses: dict[str, int] = field(default_factory=dict)
    error: str | None = None
    retry_at: datetime | None = None  # a failure that will be tried again then
    notices: list[str] = field(default_factory=list)  # how the table was read (its dates)
    reason: str = ""  # why it was skipped


class _Either:
    """Set when any of its events is: the service's stop, or this run's lost lease."""

    def __init__(self, *events: threading.Event) -> None:
        self._events = events

    def is_set(self) -> bool:
        return any(e.is_set() for e in self._events)


class SourceRunner:
    """Runs one source for one slot under its lease and records the outcome."""

    def __init__(
        self,
        settings: Settings,
        state: StateStore,
        plan: Plan,
        *,
        env: Environment,
        stop: threading.Event,
        holder: str | None = None,
        clock: Clock = utc_now,
        lease_ttl: float = LEASE_TTL,
        sync: Callable[..., SyncOutcome] | None = None,
        connect: Callable[[SourceSpec, Environment], Connector] | None = None,
    ) -> None:
        self.settings = settings
        self.state = state
        self.plan = plan
        self.env = env
        self.stop = stop
        self.holder = holder or holder_id()
        self.clock = clock
        self.lease_ttl = lease_ttl
        self._sync = sync  # the sync engine and the connectors, unless a test swaps them
        self._connect = connect
        self._rule_settings: dict[str, RuleSetting] | None = None
        self.current: tuple[str, date, datetime] | None = None  # source, slot, since

    def today(self) -> date:
        zone = ZoneInfo(self.settings.timezone) if self.settings.timezone else self.plan.zone
        return self.clock().astimezone(zone).date()

    def run(
        self, spec: SourceSpec, slot: date, *, force: bool = False, failed: int | None = None
    ) -> Attempt:
        """Run `spec` for `slot` if its lease can be had and (unless `force`) the ledger
        still says the slot should run; else an Attempt with result "skipped". `failed`:
        the failed attempts so far that count towards the retries (default: the
        ledger's)."""
        started = self.clock()
        try:
            with holding(
                self.state, spec.name, self.holder, self.lease_ttl, table=spec.url
            ) as keeper:
                entry = self.state.ledger_entry(spec.name, slot)
                if not force:
                    decision = decide(started, self.plan, entry)
                    if decision.action != "run" or (
                        decision.slot is not None and decision.slot.day != slot
                    ):
                        return Attempt(
                            spec.name, spec.kind, slot, "skipped", started, reason=decision.action
                        )
                if failed is None:
                    failed = entry.attempts if entry is not None else 0
                stop = _Either(self.stop, keeper.lost)
                return self._attempt(spec, slot, failed, started, stop)
        except SourceBusy as busy:
            return Attempt(
                spec.name, spec.kind, slot, "skipped", started, reason=f"held by {busy.holder}"
            )
        finally:
            self.current = None

    def _attempt(
        self,
        spec: SourceSpec,
        slot: date,
        failed_before: int,
        started: datetime,
        stop: StopSignal,
    ) -> Attempt:
        from tasklint.sync.engine import SyncOptions, open_connector, sync_source

        attempt = Attempt(spec.name, spec.kind, slot, "ok", started, attempt=failed_before + 1)
        self.state.ledger_record(spec.name, slot, "running", now=started, holder=self.holder)
        self.current = (spec.name, slot, started)
        tick = time.monotonic()
        connector = None
        try:
            connector = (self._connect or open_connector)(spec, self.env)
            options = SyncOptions(today=self.today(), settings=self._rules())
            outcome = (self._sync or sync_source)(
                spec,
                self.settings,
                self.env,
                self.state,
                options,
                connector=connector,
                now=self.clock,
                stop=stop,
            )
        except WriteInterrupted as interrupted:
            attempt.result = "interrupted"
            attempt.error = interrupted.line()
            attempt.rows_written = interrupted.written
            self.state.ledger_record(
                spec.name, slot, "interrupted", now=self.clock(), error=attempt.error
            )
        except Exception as error:
            attempt.result = "failed"
            attempt.error = (
                error.line() if isinstance(error, TasklintError) else type(error).__name__
            )
            failures = failed_before + 1
            final = isinstance(error, PERMANENT) or failures > self.plan.retries
            if not final:
                attempt.retry_at = self.clock() + retry_delay(failures, self.plan.backoff)
            self.state.ledger_record(
                spec.name,
                slot,
                "failed",
                now=self.clock(),
                failed_attempt=True,
                next_attempt=attempt.retry_at,  # None: given up until the next slot
                error=attempt.error,
            )
        else:
            result = outcome.result
            attempt.rows_read = outcome.rows_read
            attempt.rows_total = len(result.tasks)
            attempt.rows_written = len(outcome.changes)
            for finding in result.all_active():
                attempt.findings[finding.code] = attempt.findings.get(finding.code, 0) + 1
                level = finding.severity.value
                attempt.severities[level] = attempt.severities.get(level, 0) + 1
            attempt.statuses = dict(result.status_counts())
            attempt.notices = [str(notice) for notice in outcome.notices]
            self.state.ledger_record(spec.name, slot, "ok", now=self.clock())
        finally:
            attempt.duration = round(time.monotonic() - tick, 3)
            if connector is not None:
                attempt.requests = dict(connector.stats.requests)
                attempt.rate_limited = connector.stats.rate_limited
        return attempt

    def _rules(self) -> dict[str, RuleSetting]:
        if self._rule_settings is None:
            from tasklint.app import rule_settings

            self._rule_settings = dict(rule_settings(self.settings))
        return self._rule_settings

    def abandon(self, finished: datetime) -> str | None:
        """After a stop that the run did not honour in time: mark its slot interrupted and
        its open run failed, so that the next start runs it again. The source, or None."""
        current = self.current
        if current is None:
            return None
        source, slot, since = current
        note = "interrupted: the service stopped during the run"
        self.state.ledger_record(
            source, slot, "interrupted", now=finished, error=note, only_if="running"
        )
        self.state.close_open_runs(source, since, finished, note)
        return source


@dataclass(slots=True)
class Service:
    """Every configured source against the plan: what a wake-up of the loop does."""

    specs: Sequence[SourceSpec]
    runner: SourceRunner
    on_attempt: Callable[[Attempt], None] = lambda _attempt: None
    on_missed: Callable[[str, date, str], None] = lambda _source, _slot, _why: None
    on_skip: Callable[[Attempt], None] = lambda _attempt: None

    @property
    def plan(self) -> Plan:
        return self.runner.plan

    @property
    def state(self) -> StateStore:
        return self.runner.state

    def decisions(self, now: datetime) -> list[tuple[SourceSpec, Decision, LedgerEntry | None]]:
        """Each source's decision at `now`, with the ledger entry it was made from."""
        slot = slot_before(now, self.plan)
        decided = []
        for spec in self.specs:
            entry = self.state.ledger_entry(spec.name, slot.day)
            decided.append((spec, decide(now, self.plan, entry), entry))
        return decided

    def pending(self, now: datetime) -> bool:
        """Whether a pass at `now` has anything to do: a run, or a miss to record."""
        return any(_to_do(d, e) for _spec, d, e in self.decisions(now))

    def run_due(self) -> list[Attempt]:
        """One pass: run each source whose slot is due, in turn; note missed slots once."""
        attempts = []
        for spec, decision, entry in self.decisions(self.runner.clock()):
            if self.runner.stop.is_set():
                break
            if not _to_do(decision, entry) or decision.slot is None:
                continue
            if decision.action == "missed":
                self.state.ledger_record(
                    spec.name,
                    decision.slot.day,
                    "missed",
                    now=self.runner.clock(),
                    error=decision.reason,
                )
                self.on_missed(spec.name, decision.slot.day, decision.reason)
                continue
            attempt = self.runner.run(spec, decision.slot.day)
            (self.on_skip if attempt.result == "skipped" else self.on_attempt)(attempt)
            attempts.append(attempt)
        return attempts

    def run_now(self) -> list[Attempt]:
        """--once: every source now, whatever the ledger says, each failure retried after
        its backoff (a stop request ends the waiting). The last attempt of each source."""
        now = self.runner.clock()
        slot = slot_before(now, self.plan).day
        last: dict[str, Attempt] = {}
        failures: dict[str, int] = {}
        pending = list(self.specs)
        while pending and not self.runner.stop.is_set():
            again = []
            for spec in pending:
                if self.runner.stop.is_set():
                    break
                attempt = self.runner.run(spec, slot, force=True, failed=failures.get(spec.name, 0))
                (self.on_skip if attempt.result == "skipped" else self.on_attempt)(attempt)
                last[spec.name] = attempt
                if attempt.result == "failed":
                    failures[spec.name] = failures.get(spec.name, 0) + 1
                    if attempt.retry_at is not None:
                        again.append(spec)
            if not again:
                break
            due = min(a.retry_at for a in last.values() if a.retry_at is not None)
            wait = (due - self.runner.clock()).total_seconds()
            if wait > 0 and self.runner.stop.wait(wait):
                break
            pending = again
        return list(last.values())


def _to_do(decision: Decision, entry: LedgerEntry | None) -> bool:
    if decision.action == "run":
        return True
    return decision.action == "missed" and (entry is None or entry.status != "missed")
