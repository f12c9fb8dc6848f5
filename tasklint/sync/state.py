"""The state store: per source, the last run's records and a history of runs.

SQLite, one file (default in the user's data directory). The snapshot lets an
incremental run lint every row while reading only the rows that changed; the run
history feeds M304 (metric swing), the review report's trends and the health check.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

from tasklint.connectors.remote import RemoteRecord, parse_timestamp
from tasklint.errors import ConfigError
from tasklint.model import CellProblem

SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    source TEXT NOT NULL,
    started TEXT NOT NULL,
    finished TEXT,
    ok INTEGER NOT NULL DEFAULT 0,
    full_read INTEGER NOT NULL DEFAULT 0,
    rows_read INTEGER NOT NULL DEFAULT 0,
    rows_total INTEGER NOT NULL DEFAULT 0,
    rows_written INTEGER NOT NULL DEFAULT 0,
    requests TEXT NOT NULL DEFAULT '{}',
    rate_limited INTEGER NOT NULL DEFAULT 0,
    findings TEXT NOT NULL DEFAULT '{}',
    statuses TEXT NOT NULL DEFAULT '{}',
    error TEXT
);
CREATE INDEX IF NOT EXISTS runs_by_source ON runs (source, id);
CREATE TABLE IF NOT EXISTS snapshot (
    source TEXT NOT NULL,
    record_id TEXT NOT NULL,
    record TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (source, record_id)
);
CREATE TABLE IF NOT EXISTS metric_values (
    source TEXT NOT NULL,
    task_id TEXT NOT NULL,
    metric TEXT,
    actual REAL,
    PRIMARY KEY (source, task_id)
);
CREATE TABLE IF NOT EXISTS source_hints (
    source TEXT NOT NULL,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (source, key)
);
CREATE TABLE IF NOT EXISTS serve_ledger (
    source TEXT NOT NULL,
    slot TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    holder TEXT,
    updated TEXT NOT NULL,
    next_attempt TEXT,
    error TEXT,
    PRIMARY KEY (source, slot)
);
CREATE TABLE IF NOT EXISTS serve_leases (
    name TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    expires REAL NOT NULL
);
"""

# `tasklint serve`'s ledger: one row per source per slot (the slot's local date).
LEDGER_STATUSES = ("running", "ok", "failed", "interrupted", "missed")


@dataclass(frozen=True, slots=True)
class LedgerEntry:
    source: str
    slot: date
    status: str  # one of LEDGER_STATUSES
    attempts: int  # failed attempts so far (an interrupted one does not count)
    holder: str | None
    updated: datetime
    next_attempt: datetime | None = None
    error: str | None = None


@dataclass(slots=True)
class Run:
    id: int
    source: str
    started: datetime
    finished: datetime | None
    ok: bool
    full_read: bool
    rows_read: int
    rows_total: int
    rows_written: int
    requests: dict[str, int]
    rate_limited: int
    findings: dict[str, int]
    statuses: dict[str, int] = field(default_factory=dict)
    error: str | None = None


def _record_json(record: RemoteRecord) -> str:
    return json.dumps(
        {
            "id": record.id,
            "cells": record.cells,
            "problems": [p.model_dump() for p in record.problems],
            "modified": record.modified.isoformat() if record.modified else None,
            "created": record.created.isoformat() if record.created else None,
        },
        ensure_ascii=False,
        default=str,
    )


def _record_from_json(text: str) -> RemoteRecord:
    data = json.loads(text)
    return RemoteRecord(
        data["id"],
        data["cells"],
        [CellProblem(**p) for p in data.get("problems", [])],
        parse_timestamp(data.get("modified")),
        parse_timestamp(data.get("created")),
    )


def _unusable(path: str | Path, error: Exception) -> ConfigError:
    """One line for a state file that cannot be opened: a folder that cannot be made, a
    file that is no SQLite database or is damaged, one locked too long."""
    reason = getattr(error, "strerror", None) or str(error)
    if isinstance(error, sqlite3.OperationalError) and "locked" in str(error):
        hint = "another process holds it: wait for it to finish, then run again"
        hint_zh = "另一个进程正在使用它：请等它结束后再运行"
    else:
        hint = (
            "check the path ([state] path, --state) and its permissions; a damaged file can"
            " be moved away: tasklint starts a new one and reads every row once"
        )
        hint_zh = (
            "请检查路径（[state] path 或 --state）和权限；损坏的文件可以移走：tasklint"
            " 会新建一个，并完整读取一次所有行"
        )
    return ConfigError(
        f"{path}: the state file cannot be used ({reason})",
        hint=hint,
        zh=f"{path}：无法使用状态文件（{reason}）",
        hint_zh=hint_zh,
    )


T = TypeVar("T")


def read_state(path: Path, read: Callable[[StateStore], T], default: T) -> T:
    """`read` of the state file at `path`, or `default` when there is none: a command
    that only reads (report) does not create one."""
    path = path.expanduser()
    if not path.is_file():
        return default
    store = StateStore(path)
    try:
        return read(store)
    finally:
        store.close()


# How long a statement waits for another process's lock on the state file.
_BUSY_SECONDS = 10.0


class StateStore:
    def __init__(self, path: str | Path) -> None:
        try:
            if str(path) != ":memory:":
                path = Path(path).expanduser()
                path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(
                str(path), timeout=_BUSY_SECONDS, check_same_thread=False, isolation_level=None
            )
            self._prepare()
        except (OSError, sqlite3.Error) as error:
            raise _unusable(path, error) from None
        self._lock = threading.Lock()

    def _prepare(self) -> None:
        """WAL mode (kept in the file: set by whoever creates it) and the tables.

        Two processes starting on a new state file at once (two `serve`s, a `serve` and
        a `sync`) race here, and SQLite answers a journal-mode change it cannot make at
        once with "database is locked" straight away, without waiting for the busy
        timeout: so it is retried for as long as that timeout."""
        deadline = time.monotonic() + _BUSY_SECONDS
        pause = 0.01
        while True:
            try:
                (mode,) = self._db.execute("PRAGMA journal_mode").fetchone()
                if str(mode).lower() != "wal":
                    self._db.execute("PRAGMA journal_mode=WAL")
                self._db.executescript(SCHEMA)
                self._add_snapshot_position()
                return
            except sqlite3.OperationalError as error:
                if "locked" not in str(error) or time.monotonic() > deadline:
                    raise
            time.sleep(pause)
            pause = min(pause * 2, 0.5)

    def _add_snapshot_position(self) -> None:
        """A state file written before the snapshot kept its rows' order gets the column
        (its rows all at 0, in id order, until the next full read)."""
        columns = {row[1] for row in self._db.execute("PRAGMA table_info(snapshot)")}
        if "position" in columns:
            return
        try:
            self._db.execute("ALTER TABLE snapshot ADD COLUMN position INTEGER NOT NULL DEFAULT 0")
        except sqlite3.OperationalError as error:
            if "duplicate column" not in str(error):  # another process added it first
                raise

    def close(self) -> None:
        self._db.close()

    # --- runs ---------------------------------------------------------------------

    def start_run(self, source: str, started: datetime, *, full_read: bool) -> int:
        with self._lock:
            cursor = self._db.execute(
                "INSERT INTO runs (source, started, full_read) VALUES (?, ?, ?)",
                (source, started.isoformat(), int(full_read)),
            )
            return int(cursor.lastrowid or 0)

    def finish_run(self, run_id: int, finished: datetime, **values: Any) -> None:
        columns = {k: json.dumps(v) if isinstance(v, dict) else v for k, v in values.items()}
        columns["finished"] = finished.isoformat()
        assignments = ", ".join(f"{k} = ?" for k in columns)
        with self._lock:
            self._db.execute(
                f"UPDATE runs SET {assignments} WHERE id = ?", (*columns.values(), run_id)
            )

    def runs(self, source: str, limit: int = 30) -> list[Run]:
        rows = self._db.execute(
            "SELECT id, source, started, finished, ok, full_read, rows_read, rows_total,"
            " rows_written,"
            " requests, rate_limited, findings, statuses, error FROM runs WHERE source = ?"
            " ORDER BY id DESC LIMIT ?",
            (source, limit),
        ).fetchall()
        return [
            Run(
                r[0],
                r[1],
                datetime.fromisoformat(r[2]),
                datetime.fromisoformat(r[3]) if r[3] else None,
                bool(r[4]),
                bool(r[5]),
                r[6],
                r[7],
                r[8],
                json.loads(r[9]),
                r[10],
                json.loads(r[11]),
                json.loads(r[12]),
                r[13],
            )
            for r in rows
        ]

    def last_ok_run(self, source: str, *, full_read: bool | None = None) -> Run | None:
        for run in self.runs(source, limit=1000):
            if run.ok and (full_read is None or run.full_read == full_read):
                return run
        return None

    # --- snapshot -----------------------------------------------------------------

    def snapshot(self, source: str) -> dict[str, RemoteRecord]:
        """The source's records as the last run left them, in the order they were read."""
        rows = self._db.execute(
            "SELECT record FROM snapshot WHERE source = ? ORDER BY position, record_id",
            (source,),
        ).fetchall()
        records = (_record_from_json(r[0]) for r in rows)
        return {r.id: r for r in records}

    def save_snapshot(self, source: str, records: Iterable[RemoteRecord], *, replace: bool) -> None:
        """Keep `records` for the next run: all of them, in their order (`replace`), or
        some, each already kept staying in its place and new ones going after the rest."""
        with self._lock:
            self._db.execute("BEGIN")
            try:
                if replace:
                    self._db.execute("DELETE FROM snapshot WHERE source = ?", (source,))
                    first = 0
                else:
                    (first,) = self._db.execute(
                        "SELECT COALESCE(MAX(position) + 1, 0) FROM snapshot WHERE source = ?",
                        (source,),
                    ).fetchone()
                self._db.executemany(
                    "INSERT INTO snapshot (source, record_id, record, position)"
                    " VALUES (?, ?, ?, ?) ON CONFLICT (source, record_id)"
                    " DO UPDATE SET record = excluded.record",
                    (
                        (source, r.id, _record_json(r), position)
                        for position, r in enumerate(records, first)
                    ),
                )
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    # --- what a connector learnt about its source ------------------------------------

    def hints(self, source: str) -> dict[str, str]:
        """What the source's connector found out on an earlier run and need not ask
        again (a Notion database's data source id); see `save_hints`."""
        rows = self._db.execute(
            "SELECT key, value FROM source_hints WHERE source = ?", (source,)
        ).fetchall()
        return dict(rows)

    def save_hints(self, source: str, hints: Mapping[str, str]) -> None:
        with self._lock:
            self._db.execute("BEGIN")
            try:
                self._db.execute("DELETE FROM source_hints WHERE source = ?", (source,))
                self._db.executemany(
                    "INSERT INTO source_hints (source, key, value) VALUES (?, ?, ?)",
                    ((source, key, value) for key, value in hints.items()),
                )
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    # --- metric history (M304) ------------------------------------------------------

    def metric_values(self, source: str) -> dict[str, dict[str, Any]]:
        rows = self._db.execute(
            "SELECT task_id, metric, actual FROM metric_values WHERE source = ?", (source,)
        ).fetchall()
        return {r[0]: {"metric": r[1], "actual": r[2]} for r in rows}

    def save_metric_values(self, source: str, values: Mapping[str, Mapping[str, Any]]) -> None:
        with self._lock:
            self._db.execute("BEGIN")
            try:
                self._db.execute("DELETE FROM metric_values WHERE source = ?", (source,))
                self._db.executemany(
                    "INSERT INTO metric_values (source, task_id, metric, actual)"
                    " VALUES (?, ?, ?, ?)",
                    ((source, k, v.get("metric"), v.get("actual")) for k, v in values.items()),
                )
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    # --- `tasklint serve`: the run ledger ----------------------------------------------

    def ledger_entry(self, source: str, slot: date) -> LedgerEntry | None:
        row = self._db.execute(
            "SELECT source, slot, status, attempts, holder, updated, next_attempt, error"
            " FROM serve_ledger WHERE source = ? AND slot = ?",
            (source, slot.isoformat()),
        ).fetchone()
        if row is None:
            return None
        return LedgerEntry(
            row[0],
            date.fromisoformat(row[1]),
            row[2],
            row[3],
            row[4],
            datetime.fromisoformat(row[5]),
            datetime.fromisoformat(row[6]) if row[6] else None,
            row[7],
        )

    def ledger(self, source: str, limit: int = 30) -> list[LedgerEntry]:
        slots = self._db.execute(
            "SELECT slot FROM serve_ledger WHERE source = ? ORDER BY slot DESC LIMIT ?",
            (source, limit),
        ).fetchall()
        entries = (self.ledger_entry(source, date.fromisoformat(s[0])) for s in slots)
        return [e for e in entries if e is not None]

    def ledger_record(
        self,
        source: str,
        slot: date,
        status: str,
        *,
        now: datetime,
        holder: str | None = None,
        failed_attempt: bool = False,
        next_attempt: datetime | None = None,
        error: str | None = None,
        only_if: str | None = None,
    ) -> bool:
        """Set a slot's status (adding one to its failed attempts when `failed_attempt`);
        with `only_if`, only when the slot is in that status. True when a row changed."""
        if status not in LEDGER_STATUSES:
            raise ValueError(f"unknown ledger status {status!r}")
        values = (
            source,
            slot.isoformat(),
            status,
            int(failed_attempt),
            holder,
            now.isoformat(),
            next_attempt.isoformat() if next_attempt else None,
            error,
        )
        with self._lock:
            if only_if is not None:
                cursor = self._db.execute(
                    "UPDATE serve_ledger SET status = ?, attempts = attempts + ?, holder = ?,"
                    " updated = ?, next_attempt = ?, error = ?"
                    " WHERE source = ? AND slot = ? AND status = ?",
                    (*values[2:], source, slot.isoformat(), only_if),
                )
            else:
                cursor = self._db.execute(
                    "INSERT INTO serve_ledger"
                    " (source, slot, status, attempts, holder, updated, next_attempt, error)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                    " ON CONFLICT (source, slot) DO UPDATE SET status = excluded.status,"
                    " attempts = attempts + excluded.attempts, holder = excluded.holder,"
                    " updated = excluded.updated, next_attempt = excluded.next_attempt,"
                    " error = excluded.error",
                    values,
                )
            return cursor.rowcount > 0

    def close_open_runs(self, source: str, since: datetime, finished: datetime, error: str) -> int:
        """Mark the runs of `source` started at or after `since` and never finished (their
        process was stopped in the middle) as failed with `error`; how many there were."""
        with self._lock:
            cursor = self._db.execute(
                "UPDATE runs SET finished = ?, ok = 0, error = ?"
                " WHERE source = ? AND finished IS NULL AND started >= ?",
                (finished.isoformat(), error, source, since.isoformat()),
            )
            return cursor.rowcount

    # --- `tasklint serve`: leases ----------------------------------------------------

    def acquire_lease(self, name: str, holder: str, *, now: float, ttl: float) -> bool:
        """Take (or renew) the lease `name` until `now + ttl` (Unix seconds): granted when
        it is free, expired, or already this holder's. One statement, so two processes
        on one state file cannot both be granted it."""
        with self._lock:
            cursor = self._db.execute(
                "INSERT INTO serve_leases (name, holder, expires) VALUES (?, ?, ?)"
                " ON CONFLICT (name) DO UPDATE SET holder = excluded.holder,"
                " expires = excluded.expires"
                " WHERE serve_leases.holder = excluded.holder OR serve_leases.expires <= ?",
                (name, holder, now + ttl, now),
            )
            return cursor.rowcount > 0

    def release_lease(self, name: str, holder: str) -> None:
        with self._lock:
            self._db.execute(
                "DELETE FROM serve_leases WHERE name = ? AND holder = ?", (name, holder)
            )

    def lease_holder(self, name: str, *, now: float) -> str | None:
        """Who holds the lease `name` now; None when it is free or has expired."""
        row = self._db.execute(
            "SELECT holder FROM serve_leases WHERE name = ? AND expires > ?", (name, now)
        ).fetchone()
        return None if row is None else str(row[0])
