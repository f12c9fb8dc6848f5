"""When a nightly run is due: pure functions of an instant, a plan and the ledger.

A *slot* is one local date's run: `at` (wall-clock time) in the plan's zone on that
date. Instants are aware datetimes; results are in UTC.

- `at` inside the hour skipped by a spring-forward (02:30 in Europe/Berlin on the last
  Sunday of March) does not exist that day: the slot is the same time with the old
  offset, i.e. shifted forward by the gap (03:30 CEST), as PEP 495's fold=0 reads it
  and as cron does. The next day's slot is 02:30 again — once.
- `at` inside the hour repeated by a fall-back happens twice that day: the slot is the
  first occurrence (fold=0). The second is not a slot.
- So there is exactly one slot per local date, and slots strictly increase.

`schedule` 1.2.2 gets the first case wrong (it runs at 01:30 and 02:30 the day after);
the service uses it only to wake up, and decides with these functions and the ledger.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Literal

from tasklint.sync.state import LedgerEntry

MAX_RETRY_DELAY = timedelta(hours=1)

Action = Literal["run", "wait", "done", "missed", "gave_up"]


@dataclass(frozen=True, slots=True)
class Plan:
    """The [schedule] settings, parsed: what every function here needs."""

    at: time
    zone: tzinfo
    grace: timedelta = timedelta(hours=12)
    jitter: float = 0.0  # seconds: each slot starts up to this much after `at`
    seed: str = ""  # spreads the jitter differently per host
    retries: int = 3
    backoff: float = 60.0  # seconds before the first retry; doubles each time


@dataclass(frozen=True, slots=True)
class Slot:
    day: date  # the local date: the ledger's key
    at: datetime  # the slot's instant (UTC)
    start: datetime  # `at` plus this slot's jitter: when the run may begin (UTC)


@dataclass(frozen=True, slots=True)
class Decision:
    action: Action
    slot: Slot | None
    reason: str = ""
    not_before: datetime | None = None  # for "wait": when to look again


def parse_clock(text: str) -> time:
    """ "02:00" or "02:00:30" (validated by the config) as a time."""
    parts = [int(p) for p in text.split(":")]
    return time(parts[0], parts[1], parts[2] if len(parts) > 2 else 0)


def slot_instant(day: date, at: time, zone: tzinfo) -> datetime:
    """The instant of `at` on `day` in `zone` (UTC): a skipped time is shifted forward by
    the gap, a repeated time is its first occurrence."""
    wall = datetime.combine(day, at, tzinfo=zone)  # fold=0
    return wall.astimezone(UTC)


def jitter_offset(day: date, jitter: float, seed: str = "") -> float:
    """Seconds in [0, jitter) after the slot, the same for one day and seed in every
    process (so a restart does not move it), different from one day to the next."""
    if jitter <= 0:
        return 0.0
    digest = hashlib.sha256(f"{seed}|{day.isoformat()}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64 * jitter


def slot_for(day: date, plan: Plan) -> Slot:
    at = slot_instant(day, plan.at, plan.zone)
    return Slot(day, at, at + timedelta(seconds=jitter_offset(day, plan.jitter, plan.seed)))


def _local_day(instant: datetime, plan: Plan) -> date:
    return instant.astimezone(plan.zone).date()


def slot_before(instant: datetime, plan: Plan) -> Slot:
    """The latest slot that has started at or before `instant`."""
    today = _local_day(instant, plan)
    candidates = (slot_for(today + timedelta(days=d), plan) for d in (1, 0, -1, -2))
    return next(s for s in candidates if s.start <= instant)


def next_slot_after(instant: datetime, plan: Plan) -> Slot:
    """The earliest slot that starts after `instant`."""
    today = _local_day(instant, plan)
    candidates = (slot_for(today + timedelta(days=d), plan) for d in (-1, 0, 1, 2))
    return next(s for s in candidates if s.start > instant)


def catch_up_slot(instant: datetime, plan: Plan) -> Slot | None:
    """The slot to run at `instant` if its run has not happened: the latest one started,
    while `instant` is still within its grace window; None once the window has passed."""
    slot = slot_before(instant, plan)
    return slot if instant < slot.at + plan.grace else None


def retry_delay(failed_attempts: int, backoff: float) -> timedelta:
    """The wait after the n-th failed attempt: backoff, 2×, 4× … at most an hour."""
    seconds = backoff * 2 ** max(0, failed_attempts - 1)
    return min(timedelta(seconds=seconds), max(MAX_RETRY_DELAY, timedelta(seconds=backoff)))


def decide(instant: datetime, plan: Plan, entry: LedgerEntry | None) -> Decision:
    """What the service does about a source at `instant`, given the ledger entry of the
    slot `slot_before(instant)` (None when that slot has no entry).

    run      the slot has not run, or its last attempt failed and a retry is due, or it
             was interrupted (a stopped process, a lost lease): run it now
    wait     a retry is due later (`not_before`)
    done     it ran: nothing until the next slot
    gave_up  it failed with no retry left (a failed entry without `next_attempt`):
             nothing until the next slot
    missed   its grace window passed before it could run
    """
    slot = slot_before(instant, plan)
    if entry is not None and entry.status == "ok":
        return Decision("done", slot)
    if entry is not None and entry.status == "failed" and entry.next_attempt is None:
        return Decision("gave_up", slot, entry.error or "")
    if instant >= slot.at + plan.grace:
        return Decision("missed", slot, f"more than {_hours(plan.grace)} after the slot")
    if (
        entry is not None
        and entry.status == "failed"
        and entry.next_attempt is not None
        and instant < entry.next_attempt
    ):
        return Decision("wait", slot, "retry later", entry.next_attempt)
    return Decision("run", slot)


def _hours(span: timedelta) -> str:
    hours = span.total_seconds() / 3600
    return f"{hours:g} h"
