"""Traffic control for the sandbox: request stats, injected faults and vendor rate limits.

``SandboxMiddleware`` wraps the whole app (outside Starlette's own error handling, so it
can drop a connection) and acts on vendor paths only — ``/v0/…`` is Airtable, ``/v1/…``
is Notion; ``/__sandbox/…`` control calls are never recorded, limited or faulted.
For each vendor request, in this order:

1. it is recorded in ``RequestStats`` (arrival order; the status is filled in later);
2. a queued fault for that vendor, if any, is applied: an error status in the vendor's
   body shape, a dropped connection, or a delay before normal handling;
3. the vendor's rate limit is checked —
   Airtable: ``rate`` requests per ``window`` seconds per base (5 per 1 s), then 429 and
   a ``penalty`` (30 s) during which every request to that base is refused;
   Notion: a token bucket per integration token (``rate`` 3/s average, ``burst``
   tokens), then 429 ``rate_limited`` with ``Retry-After`` in whole seconds;
4. the request reaches the vendor routes.

Everything here is in memory and guarded by locks: the server's event loop and a test
thread (through the control endpoints or directly) both touch it.
"""

from __future__ import annotations

import asyncio
import json
import math
import threading
import time
from collections import deque
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import asdict, dataclass
from typing import Any, Literal

from tasklint.sandbox.airtable.errors import ServerError, TooManyRequests
from tasklint.sandbox.airtable.routes import path_segments
from tasklint.sandbox.notion.errors import error_body

__all__ = [
    "AirtableRateLimiter",
    "Fault",
    "FaultInjector",
    "Limits",
    "NotionRateLimiter",
    "RequestRecord",
    "RequestStats",
    "SandboxMiddleware",
    "Traffic",
    "Vendor",
    "vendor_of",
]

Vendor = Literal["airtable", "notion"]
Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

VENDORS: tuple[Vendor, ...] = ("airtable", "notion")


def vendor_of(path: str) -> Vendor | None:
    """Which vendor API a request path belongs to, if any."""
    if path == "/v0" or path.startswith("/v0/"):
        return "airtable"
    if path == "/v1" or path.startswith("/v1/"):
        return "notion"
    return None


# -- stats -------------------------------------------------------------------------------


@dataclass
class RequestRecord:
    """One vendor request as the control endpoint reports it.

    ``status`` is ``None`` while the request is in flight and for a dropped connection;
    ``fault`` names the injected fault that hit it (``"status"``, ``"drop"``,
    ``"delay"``), ``"rate_limit"`` when the sandbox's limiter refused it, else ``None``.
    """

    vendor: Vendor
    method: str
    path: str
    query: str
    status: int | None = None
    fault: str | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


class RequestStats:
    """Vendor requests in arrival order (the newest ``maxlen`` of them)."""

    def __init__(self, maxlen: int = 100_000) -> None:
        self._lock = threading.Lock()
        self._records: deque[RequestRecord] = deque(maxlen=maxlen)

    def record(self, vendor: Vendor, method: str, path: str, query: str) -> RequestRecord:
        entry = RequestRecord(vendor=vendor, method=method, path=path, query=query)
        with self._lock:
            self._records.append(entry)
        return entry

    def snapshot(self) -> list[dict[str, Any]]:
        with self._lock:
            return [r.to_json() for r in self._records]

    def reset(self) -> None:
        with self._lock:
            self._records.clear()


# -- faults ------------------------------------------------------------------------------


@dataclass
class Fault:
    """A queued fault: ``kind`` is ``"status"``, ``"drop"`` or ``"delay"``.

    ``remaining`` requests of ``vendor`` are hit, one after another. ``retry_after``
    (seconds) is sent with a 429 status fault; Notion's default is 1, Airtable sends none.
    """

    vendor: Vendor
    kind: Literal["status", "drop", "delay"]
    remaining: int
    status: int | None = None
    delay_ms: int = 0
    retry_after: float | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


class FaultInjector:
    """Faults per vendor, applied in the order they were added."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._queue: list[Fault] = []

    def add(
        self,
        vendor: Vendor,
        *,
        status: int | None = None,
        count: int = 1,
        drop: int | None = None,
        delay_ms: int | None = None,
        retry_after: float | None = None,
    ) -> Fault:
        """Queue one fault: ``status`` N times, ``drop`` N connections, or a delay.

        Exactly one of ``status``, ``drop`` and ``delay_ms`` must be given; ``count``
        applies to ``status`` and ``delay_ms``.
        """
        if vendor not in VENDORS:
            raise ValueError(f"vendor must be one of {VENDORS}, not {vendor!r}")
        given = [k for k, v in (("status", status), ("drop", drop), ("delay_ms", delay_ms)) if v]
        if len(given) != 1:
            raise ValueError("give exactly one of status, drop, delay_ms")
        if status is not None:
            if not 400 <= status <= 599:
                raise ValueError(f"status must be a 4xx or 5xx code, not {status}")
            fault = Fault(vendor, "status", max(1, count), status=status, retry_after=retry_after)
        elif drop is not None:
            fault = Fault(vendor, "drop", max(1, drop))
        else:
            assert delay_ms is not None
            fault = Fault(vendor, "delay", max(1, count), delay_ms=max(0, delay_ms))
        with self._lock:
            self._queue.append(fault)
        return fault

    def take(self, vendor: Vendor) -> Fault | None:
        """The fault that hits the next request of ``vendor`` (and count it used)."""
        with self._lock:
            for fault in self._queue:
                if fault.vendor == vendor:
                    fault.remaining -= 1
                    if fault.remaining <= 0:
                        self._queue.remove(fault)
                    return fault
        return None

    def pending(self) -> list[dict[str, Any]]:
        with self._lock:
            return [f.to_json() for f in self._queue]

    def clear(self, vendor: Vendor | None = None) -> None:
        with self._lock:
            self._queue = [f for f in self._queue if vendor is not None and f.vendor != vendor]


# -- rate limits -------------------------------------------------------------------------


@dataclass
class Limits:
    """Rate-limit settings; the defaults are the vendors' published figures.

    Airtable: 5 requests per second per base, then 429 and 30 s of refusals ("Rate
    limits" page). Notion: "an average of three requests per second", with bursts
    allowed; the burst size is not published — 10 is the sandbox's choice.
    """

    enabled: bool = True
    airtable_rate: int = 5
    airtable_window: float = 1.0
    airtable_penalty: float = 30.0
    notion_rate: float = 3.0
    notion_burst: float = 10.0

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


class AirtableRateLimiter:
    """``rate`` requests per ``window`` per base; the next one starts a ``penalty``."""

    def __init__(self, limits: Limits, clock: Callable[[], float] = time.monotonic) -> None:
        self.limits = limits
        self._clock = clock
        self._lock = threading.Lock()
        self._hits: dict[str, deque[float]] = {}
        self._penalty_until: dict[str, float] = {}

    def allow(self, base_id: str) -> bool:
        now = self._clock()
        with self._lock:
            if now < self._penalty_until.get(base_id, 0.0):
                return False
            hits = self._hits.setdefault(base_id, deque())
            while hits and hits[0] <= now - self.limits.airtable_window:
                hits.popleft()
            if len(hits) >= self.limits.airtable_rate:
                self._penalty_until[base_id] = now + self.limits.airtable_penalty
                hits.clear()
                return False
            hits.append(now)
            return True

    def penalty_remaining(self, base_id: str) -> float:
        with self._lock:
            return max(0.0, self._penalty_until.get(base_id, 0.0) - self._clock())

    def reset(self) -> None:
        with self._lock:
            self._hits.clear()
            self._penalty_until.clear()


class NotionRateLimiter:
    """A token bucket per integration token: ``rate`` tokens/s, at most ``burst``."""

    def __init__(self, limits: Limits, clock: Callable[[], float] = time.monotonic) -> None:
        self.limits = limits
        self._clock = clock
        self._lock = threading.Lock()
        self._buckets: dict[str, tuple[float, float]] = {}

    def retry_after(self, key: str) -> float | None:
        """``None`` if the request may go, else the seconds until a token is free."""
        now = self._clock()
        rate, burst = self.limits.notion_rate, self.limits.notion_burst
        with self._lock:
            tokens, stamp = self._buckets.get(key, (burst, now))
            tokens = min(burst, tokens + (now - stamp) * rate)
            if tokens >= 1.0:
                self._buckets[key] = (tokens - 1.0, now)
                return None
            self._buckets[key] = (tokens, now)
            return (1.0 - tokens) / rate if rate > 0 else 60.0

    def reset(self) -> None:
        with self._lock:
            self._buckets.clear()


class Traffic:
    """The stats, faults and limiters of one sandbox, shared by middleware and control."""

    def __init__(self, limits: Limits | None = None) -> None:
        self.limits = limits or Limits()
        self.stats = RequestStats()
        self.faults = FaultInjector()
        self.airtable = AirtableRateLimiter(self.limits)
        self.notion = NotionRateLimiter(self.limits)

    def reset(self) -> None:
        """Forget stats, faults and rate-limit state (not the settings)."""
        self.stats.reset()
        self.faults.clear()
        self.airtable.reset()
        self.notion.reset()


# -- vendor-shaped refusals --------------------------------------------------------------

# Notion codes per status, from the "Status codes" page of the Notion API reference;
# 529 service_overload per VENDOR-NOTES (newer docs).
_NOTION_CODES = {
    400: "validation_error",
    401: "unauthorized",
    403: "restricted_resource",
    404: "object_not_found",
    409: "conflict_error",
    429: "rate_limited",
    500: "internal_server_error",
    502: "bad_gateway",
    503: "service_unavailable",
    504: "gateway_timeout",
    529: "service_overload",
}


def _notion_body(status: int, message: str) -> dict[str, Any]:
    return error_body(status, _NOTION_CODES.get(status, "internal_server_error"), message)


def _refusal(
    vendor: Vendor, status: int, *, retry_after: float | None, message: str | None = None
) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
    if vendor == "airtable":
        error = TooManyRequests(message) if status == 429 else ServerError(status, message)
        body: dict[str, Any] = error.body()
    else:
        default = (
            "You have been rate limited. Please try again in a few minutes."
            if status == 429
            else f"Injected fault: HTTP {status}"
        )
        body = _notion_body(status, message or default)
    payload = json.dumps(body, ensure_ascii=False).encode()
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(payload)).encode()),
    ]
    if retry_after is not None:
        headers.append((b"retry-after", str(max(0, math.ceil(retry_after))).encode()))
    return status, headers, payload


async def _send_response(
    send: Send, status: int, headers: list[tuple[bytes, bytes]], body: bytes
) -> None:
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def _drop(send: Send) -> None:
    """Close the connection without a reply.

    uvicorn's ``send`` is a method of its request cycle, which holds the transport; the
    middleware sits outside Starlette's wrappers so it receives that very callable.
    """
    transport = getattr(getattr(send, "__self__", None), "transport", None)
    if transport is None:  # not under uvicorn (e.g. an in-process test client)
        raise ConnectionAbortedError("sandbox fault: connection dropped")
    transport.abort()
    # Let connection_lost run so uvicorn sees the disconnect and sends nothing.
    await asyncio.sleep(0.01)


class SandboxMiddleware:
    """The outermost ASGI layer: stats, faults and rate limits for vendor requests."""

    def __init__(self, app: ASGIApp, traffic: Traffic) -> None:
        self.app = app
        self.traffic = traffic

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        vendor = vendor_of(scope["path"])
        if vendor is None:
            await self.app(scope, receive, send)
            return
        query = scope.get("query_string", b"").decode("latin-1")
        entry = self.traffic.stats.record(vendor, scope["method"], scope["path"], query)

        async def recording_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                entry.status = int(message["status"])
            await send(message)

        fault = self.traffic.faults.take(vendor)
        if fault is not None:
            entry.fault = fault.kind
            if fault.kind == "drop":
                await _drop(send)
                return
            if fault.kind == "status":
                assert fault.status is not None
                retry_after = fault.retry_after
                if retry_after is None and vendor == "notion" and fault.status == 429:
                    retry_after = 1.0
                status, headers, body = _refusal(vendor, fault.status, retry_after=retry_after)
                await _send_response(recording_send, status, headers, body)
                return
            await asyncio.sleep(fault.delay_ms / 1000)

        refusal = self._rate_limit(vendor, scope)
        if refusal is not None:
            entry.fault = entry.fault or "rate_limit"
            await _send_response(recording_send, *refusal)
            return
        await self.app(scope, receive, recording_send)

    def _rate_limit(
        self, vendor: Vendor, scope: Scope
    ) -> tuple[int, list[tuple[bytes, bytes]], bytes] | None:
        if not self.traffic.limits.enabled:
            return None
        if vendor == "airtable":
            base = _airtable_base(scope)
            if base is None or self.traffic.airtable.allow(base):
                return None
            return _refusal("airtable", 429, retry_after=None)
        key = _header(scope, b"authorization")
        wait = self.traffic.notion.retry_after(key)
        if wait is None:
            return None
        return _refusal("notion", 429, retry_after=max(1.0, wait))


def _airtable_base(scope: Scope) -> str | None:
    """The base a ``/v0`` request addresses (``None`` for base-less meta calls)."""
    parts = path_segments(scope)
    if len(parts) >= 3 and parts[0] == "meta" and parts[1] == "bases":
        return parts[2]
    if parts and parts[0] != "meta":
        return parts[0]
    return None


def _header(scope: Scope, name: bytes) -> str:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return bytes(value).decode("latin-1")
    return ""
