"""Health and metrics of `tasklint serve`, on a small stdlib HTTP server.

    GET /healthz   200 {"status": "ok", "last_success_age_seconds": …}; 503 with status
                   "failing" when a source's last attempt failed, "stalled" when the
                   loop stopped ticking or a cycle runs far too long
    GET /livez     200 unless stalled (for a liveness probe: a restart cannot fix a
                   refused token, but it does fix a stuck loop)
    GET /metrics   Prometheus text format 0.0.4

The stdlib `ThreadingHTTPServer` rather than the installed uvicorn: two GET routes need
no event loop, it starts in milliseconds in a daemon thread, and it installs no signal
handlers of its own (uvicorn does), so SIGTERM stays the service's to handle.
Nothing here holds or prints a token: the figures are counts, names and times.
"""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tasklint.service.runner import Attempt

STALL_AFTER = 180.0  # seconds without a loop tick (at least three polls)
MAX_CYCLE = 6 * 3600.0  # seconds a cycle may run before it counts as stalled


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')


def _labels(**labels: str) -> str:
    if not labels:
        return ""
    return "{" + ",".join(f'{k}="{_escape(str(v))}"' for k, v in labels.items()) + "}"


class ServiceStatus:
    """What the service has done since it started (and, for the last success of each
    source, what the state store remembers from before): fed by the loop and the
    worker, read by the HTTP thread."""

    def __init__(
        self,
        sources: Iterable[str],
        *,
        monotonic: Callable[[], float] = time.monotonic,
        wall: Callable[[], float] = time.time,
        stall_after: float = STALL_AFTER,
    ) -> None:
        self._lock = threading.Lock()
        self.stall_after = stall_after
        self._monotonic = monotonic
        self._wall = wall
        self.sources = list(sources)
        self.started = wall()
        self.heartbeat = monotonic()
        self.cycle_started: float | None = None  # monotonic, while a cycle runs
        self.cycles = 0
        self.last_success: dict[str, float] = {}  # source -> Unix time
        self.failing: dict[str, str] = {}  # source -> error line of its last attempt
        self._failed_at: dict[str, float] = {}  # source -> when that failure was recorded
        self.runs: Counter[tuple[str, str]] = Counter()  # (source, result)
        self.rows_read: Counter[str] = Counter()
        self.rows_written: Counter[str] = Counter()
        self.requests: Counter[tuple[str, str]] = Counter()  # (source, kind)
        self.rate_limited: Counter[str] = Counter()
        self.findings: dict[str, dict[str, int]] = {}  # source -> code -> count (last run)
        self.missed: Counter[str] = Counter()
        self.next_slot: float | None = None

    # --- fed by the loop and the worker ------------------------------------------

    def beat(self) -> None:
        with self._lock:
            self.heartbeat = self._monotonic()

    def cycle_begins(self) -> None:
        with self._lock:
            self.cycle_started = self._monotonic()

    def cycle_ends(self) -> None:
        with self._lock:
            self.cycle_started = None
            self.cycles += 1

    def remember_success(self, source: str, when: datetime) -> None:
        with self._lock:
            stamp = when.timestamp()
            if stamp > self.last_success.get(source, 0.0):
                self.last_success[source] = stamp

    def remember_failure(self, source: str, error: str) -> None:
        with self._lock:
            self.failing[source] = error
            self._failed_at[source] = self._wall()

    def failing_sources(self) -> list[str]:
        with self._lock:
            return list(self.failing)

    def succeeded_elsewhere(self, source: str, when: datetime) -> None:
        """A sync of `source` outside the service (`tasklint sync` on the same state file)
        that succeeded after the service's failure: the source is healthy again."""
        with self._lock:
            stamp = when.timestamp()
            if source in self.failing and stamp > self._failed_at.get(source, 0.0):
                del self.failing[source]
                self.last_success[source] = max(self.last_success.get(source, 0.0), stamp)

    def record(self, attempt: Attempt) -> None:
        with self._lock:
            name = attempt.source
            self.runs[(name, attempt.result)] += 1
            self.rows_read[name] += attempt.rows_read
            self.rows_written[name] += attempt.rows_written
            for kind, count in attempt.requests.items():
                self.requests[(name, kind)] += count
            self.rate_limited[name] += attempt.rate_limited
            if attempt.result == "ok":
                self.failing.pop(name, None)
                self.findings[name] = dict(attempt.findings)
                finished = attempt.started.timestamp() + attempt.duration
                self.last_success[name] = max(self.last_success.get(name, 0.0), finished)
            elif attempt.result == "failed":
                self.failing[name] = attempt.error or "failed"
                self._failed_at[name] = attempt.started.timestamp() + attempt.duration

    def record_missed(self, source: str) -> None:
        with self._lock:
            self.missed[source] += 1

    # --- read by the HTTP thread ------------------------------------------------------

    def health(self) -> tuple[int, dict[str, Any]]:
        """(HTTP status, body) for /healthz."""
        with self._lock:
            now, tick = self._wall(), self._monotonic()
            stalled = self._stalled(tick)
            ages = {s: round(now - t, 3) for s, t in self.last_success.items()}
            oldest = None
            if self.sources and all(s in ages for s in self.sources):
                oldest = max(ages[s] for s in self.sources)
            body: dict[str, Any] = {
                "status": "stalled" if stalled else "failing" if self.failing else "ok",
                # The stalest source's: every source has succeeded within this many seconds.
                "last_success_age_seconds": oldest,
                "sources": {
                    s: {
                        "last_success_age_seconds": ages.get(s),
                        "last_success": _iso(self.last_success.get(s)),
                        "failing": self.failing.get(s),
                    }
                    for s in self.sources
                },
                "loop_heartbeat_age_seconds": round(tick - self.heartbeat, 3),
                "cycle_running_seconds": (
                    None if self.cycle_started is None else round(tick - self.cycle_started, 3)
                ),
                "cycles": self.cycles,
                "next_slot": _iso(self.next_slot),
            }
            if stalled:
                body["stalled"] = stalled
        return (503 if stalled or self.failing else 200), body

    def live(self) -> tuple[int, dict[str, Any]]:
        with self._lock:
            stalled = self._stalled(self._monotonic())
        return (
            (503, {"status": "stalled", "stalled": stalled})
            if stalled
            else (
                200,
                {"status": "ok"},
            )
        )

    def _stalled(self, tick: float) -> str | None:
        if tick - self.heartbeat > self.stall_after:
            return f"the loop has not ticked for {tick - self.heartbeat:.0f} s"
        if self.cycle_started is not None and tick - self.cycle_started > MAX_CYCLE:
            return f"a cycle has been running for {tick - self.cycle_started:.0f} s"
        return None

    def metrics(self) -> str:
        """Prometheus text exposition format 0.0.4."""
        lines: list[str] = []

        def family(name: str, kind: str, text: str, samples: Iterable[tuple[str, float]]) -> None:
            lines.append(f"# HELP {name} {text}")
            lines.append(f"# TYPE {name} {kind}")
            for labels, value in samples:
                lines.append(f"{name}{labels} {_number(value)}")

        with self._lock:
            sources = self.sources
            family(
                "tasklint_runs_total",
                "counter",
                "Source runs by result (ok, failed, interrupted) since the service started.",
                (
                    (_labels(source=s, result=r), self.runs[(s, r)])
                    for s in sources
                    for r in ("ok", "failed", "interrupted")
                ),
            )
            family(
                "tasklint_rows_read_total",
                "counter",
                "Rows read from the tables.",
                ((_labels(source=s), self.rows_read[s]) for s in sources),
            )
            family(
                "tasklint_rows_written_total",
                "counter",
                "Rows written back (one PATCH of tasklint's columns each).",
                ((_labels(source=s), self.rows_written[s]) for s in sources),
            )
            family(
                "tasklint_requests_total",
                "counter",
                "HTTP requests sent to Airtable or Notion, by kind (read, write, meta, create).",
                (
                    (_labels(source=s, kind=k), n)
                    for (s, k), n in sorted(self.requests.items())
                    if s in sources
                ),
            )
            family(
                "tasklint_rate_limited_total",
                "counter",
                "429 responses received.",
                ((_labels(source=s), self.rate_limited[s]) for s in sources),
            )
            family(
                "tasklint_findings",
                "gauge",
                "Active findings by rule code in the source's last successful run.",
                (
                    (_labels(source=s, code=c), n)
                    for s in sources
                    for c, n in sorted(self.findings.get(s, {}).items())
                ),
            )
            family(
                "tasklint_last_success_timestamp_seconds",
                "gauge",
                "Unix time of the source's last successful run.",
                (
                    (_labels(source=s), self.last_success[s])
                    for s in sources
                    if s in self.last_success
                ),
            )
            family(
                "tasklint_slots_missed_total",
                "counter",
                "Slots whose grace window passed before they could run.",
                ((_labels(source=s), self.missed[s]) for s in sources),
            )
            family(
                "tasklint_source_failing",
                "gauge",
                "1 when the source's last attempt failed.",
                ((_labels(source=s), int(s in self.failing)) for s in sources),
            )
            family(
                "tasklint_cycles_total",
                "counter",
                "Cycles (passes over the due sources that ran something) completed.",
                [("", self.cycles)],
            )
            family(
                "tasklint_cycle_running",
                "gauge",
                "1 while a cycle runs.",
                [("", int(self.cycle_started is not None))],
            )
            family(
                "tasklint_loop_heartbeat_age_seconds",
                "gauge",
                "Seconds since the scheduling loop last ticked.",
                [("", round(self._monotonic() - self.heartbeat, 3))],
            )
            family(
                "tasklint_start_time_seconds",
                "gauge",
                "Unix time the service started.",
                [("", self.started)],
            )
        return "\n".join(lines) + "\n"


def _number(value: float) -> str:
    if isinstance(value, int) or float(value).is_integer():
        return str(int(value))
    return repr(float(value))


def _iso(stamp: float | None) -> str | None:
    if stamp is None:
        return None
    return datetime.fromtimestamp(stamp, UTC).isoformat(timespec="seconds")


class _Handler(BaseHTTPRequestHandler):
    status: ServiceStatus  # set on the subclass made by `start_health_server`
    server_version = "tasklint"

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        if path == "/healthz":
            code, body = self.status.health()
            self._send(code, json.dumps(body).encode(), "application/json")
        elif path == "/livez":
            code, body = self.status.live()
            self._send(code, json.dumps(body).encode(), "application/json")
        elif path == "/metrics":
            text = self.status.metrics().encode()
            self._send(200, text, "text/plain; version=0.0.4; charset=utf-8")
        else:
            self._send(
                404, b'{"error": "not found: /healthz, /livez, /metrics"}', "application/json"
            )

    def _send(self, code: int, body: bytes, content_type: str) -> None:
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass  # probes every few seconds would drown the service's own events


def start_health_server(status: ServiceStatus, host: str, port: int) -> ThreadingHTTPServer:
    """Serve /healthz, /livez and /metrics on host:port from a daemon thread; the caller
    calls `shutdown()` and `server_close()` on the returned server."""
    handler = type("Handler", (_Handler,), {"status": status})
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="health", daemon=True)
    thread.start()
    return server
