"""The state store: per source, the last run's records and a history of runs.

SQLite, one file (default in the user's data directory). The snapshot lets an
incremental run lint every row while reading only the rows that changed; the run
history feeds M304 (metric swing), the review report's trends and the health check.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from tasklint.connectors.remote import RemoteRecord, parse_timestamp
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
    PRIMARY KEY (source, record_id)
);
CREATE TABLE IF NOT EXISTS metric_values (
    source TEXT NOT NULL,
    task_id TEXT NOT NULL,
    metric TEXT,
    actual REAL,
    PRIMARY KEY (source, task_id)
);
"""


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


class StateStore:
    def __init__(self, path: str | Path) -> None:
        if str(path) != ":memory:":
            path = Path(path).expanduser()
            path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA busy_timeout=10000")
        self._db.executescript(SCHEMA)
        self._lock = threading.Lock()

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
        rows = self._db.execute(
            "SELECT record FROM snapshot WHERE source = ?", (source,)
        ).fetchall()
        records = (_record_from_json(r[0]) for r in rows)
        return {r.id: r for r in records}

    def save_snapshot(self, source: str, records: Iterable[RemoteRecord], *, replace: bool) -> None:
        with self._lock:
            self._db.execute("BEGIN")
            try:
                if replace:
                    self._db.execute("DELETE FROM snapshot WHERE source = ?", (source,))
                self._db.executemany(
                    "INSERT OR REPLACE INTO snapshot (source, record_id, record) VALUES (?, ?, ?)",
                    ((source, r.id, _record_json(r)) for r in records),
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
