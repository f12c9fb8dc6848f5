"""Polite HTTP for both vendors: a client-side rate limiter, and retries that the
clients' own defaults lack.

pyairtable's default retry gives up on a 429 after about 3 s, while Airtable's penalty
lasts 30 s; notion-client retries 429 but not a 5xx on POST, not 529, not timeouts or
dropped connections. Both clients let us supply the transport (a requests adapter for
pyairtable's session, an httpx transport for notion-client), so the policy lives here
once, below the clients, where every page of a paginated read passes through it.

A request is retried only when sending it twice cannot do harm: reads, and updates
of existing records or pages by id. A create is never re-sent after it may have
reached the server.
"""

from __future__ import annotations

import threading
import time
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

import httpx
import requests
from requests.adapters import HTTPAdapter

R = TypeVar("R")
RETRYABLE_STATUS = frozenset({500, 502, 503, 504, 529})


class RateLimiter:
    """A token bucket: `rate` requests a second on average, bursts of up to `burst`."""

    def __init__(
        self,
        rate: float,
        burst: int = 1,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.rate = rate
        self.burst = burst
        self._clock = clock
        self._sleep = sleep
        self._tokens = float(burst)
        self._stamp = clock()
        self._lock = threading.Lock()

    def acquire(self) -> float:
        """Take one token, sleeping until there is one; returns the seconds waited."""
        with self._lock:
            now = self._clock()
            self._tokens = min(self.burst, self._tokens + (now - self._stamp) * self.rate)
            self._stamp = now
            self._tokens -= 1
            wait = -self._tokens / self.rate if self._tokens < 0 else 0.0
        if wait > 0:
            self._sleep(wait)
        return wait


class WindowLimiter:
    """At most `calls` requests in any `window` seconds, as Airtable counts them (5 a
    second per base). The window is a little longer than the vendor's, so that requests
    bunched by network jitter still arrive within the limit."""

    def __init__(
        self,
        calls: int,
        window: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.calls, self.window = calls, window
        self.rate, self.burst = calls / window, calls  # for shared_limiter's bookkeeping
        self._clock, self._sleep = clock, sleep
        self._sent: deque[float] = deque()
        self._lock = threading.Lock()

    def acquire(self) -> float:
        with self._lock:
            now = self._clock()
            while self._sent and self._sent[0] <= now - self.window:
                self._sent.popleft()
            wait = 0.0
            if len(self._sent) >= self.calls:
                wait = self._sent[0] + self.window - now
                now += wait
                self._sent.popleft()
            self._sent.append(now)
        if wait > 0:
            self._sleep(wait)
        return wait


Limiter = RateLimiter | WindowLimiter
_SHARED: dict[tuple[str, ...], Limiter] = {}
_SHARED_LOCK = threading.Lock()


def shared_limiter(key: tuple[str, ...], make: Callable[[], Limiter]) -> Limiter:
    """One limiter per vendor quota (an Airtable base, a Notion integration) for the
    whole process, so that two connectors on one base share its 5 requests/s."""
    with _SHARED_LOCK:
        fresh = make()
        limiter = _SHARED.get(key)
        if limiter is None or (limiter.rate, limiter.burst) != (fresh.rate, fresh.burst):
            limiter = _SHARED[key] = fresh
        return limiter


@dataclass
class CallStats:
    """What a run cost: requests by kind, 429s received, retries, seconds waited."""

    requests: Counter[str] = field(default_factory=Counter)
    rate_limited: int = 0
    retries: int = 0
    waited: float = 0.0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def count(self, kind: str) -> None:
        with self._lock:
            self.requests[kind] += 1

    def as_dict(self) -> dict[str, object]:
        return {
            "requests": dict(self.requests),
            "rate_limited": self.rate_limited,
            "retries": self.retries,
            "waited_s": round(self.waited, 3),
        }


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 6
    backoff: float = 0.5  # seconds before the first retry of a 5xx or a network fault
    max_backoff: float = 20.0
    # Seconds to wait after a 429 that names no Retry-After (Airtable: a 30 s penalty).
    rate_limit_wait: float = 30.0
    max_rate_limit_wait: float = 60.0

    def backoff_for(self, attempt: int) -> float:
        return min(self.max_backoff, self.backoff * 2**attempt)

    def rate_limit_delay(self, retry_after: str | None) -> float:
        try:
            seconds = float(retry_after) if retry_after is not None else self.rate_limit_wait
        except ValueError:
            seconds = self.rate_limit_wait
        return min(max(seconds, 0.0), self.max_rate_limit_wait)


def request_kind(method: str, path: str) -> str:
    """read / write / create / meta, for the stats and for the retry decision."""
    method = method.upper()
    if "/meta/" in path:
        return "meta"
    if method == "GET" or path.rstrip("/").endswith(("/listRecords", "/query")):
        return "read"
    if method == "PATCH" and path.rstrip("/").endswith("/children"):
        return "create"  # Notion's "append block children": sending it twice appends twice
    if method in ("PATCH", "PUT", "DELETE"):
        return "write"
    return "create"


def is_idempotent(method: str, kind: str) -> bool:
    """Safe to send twice: any GET, reads by POST (list, query), and updates by id."""
    return method.upper() == "GET" or kind in ("read", "write")


class _Polite:
    """The retry loop both transports share; `send` performs one attempt."""

    def __init__(
        self,
        limiter: Limiter,
        stats: CallStats,
        policy: RetryPolicy,
        sleep: Callable[[float], None],
        on_wait: Callable[[str, float], None] | None,
    ) -> None:
        self.limiter, self.stats, self.policy = limiter, stats, policy
        self._sleep = sleep
        self._on_wait = on_wait

    def _wait(self, reason: str, seconds: float) -> None:
        self.stats.waited += seconds
        if self._on_wait:
            self._on_wait(reason, seconds)
        self._sleep(seconds)

    def run(
        self,
        kind: str,
        idempotent: bool,
        send: Callable[[], R],
        discard: Callable[[R], None],
        network_errors: tuple[type[BaseException], ...],
    ) -> R:
        attempt = 0
        while True:
            self.stats.waited += self.limiter.acquire()
            self.stats.count(kind)
            last_try = attempt + 1 >= self.policy.attempts
            try:
                response = send()
            except network_errors:
                if not idempotent or last_try:
                    raise
                self.stats.retries += 1
                self._wait("network", self.policy.backoff_for(attempt))
                attempt += 1
                continue
            status = response.status_code  # type: ignore[attr-defined]
            if status == 429:
                self.stats.rate_limited += 1
            retry = status == 429 or (status in RETRYABLE_STATUS and idempotent)
            if not retry or last_try:
                return response
            self.stats.retries += 1
            discard(response)
            if status == 429:
                retry_after = response.headers.get("Retry-After")  # type: ignore[attr-defined]
                self._wait("rate limit", self.policy.rate_limit_delay(retry_after))
            else:
                self._wait("server error", self.policy.backoff_for(attempt))
            attempt += 1


class ThrottledAdapter(HTTPAdapter):
    """requests adapter for pyairtable's session."""

    def __init__(
        self,
        limiter: Limiter,
        stats: CallStats,
        policy: RetryPolicy,
        *,
        sleep: Callable[[float], None] = time.sleep,
        on_wait: Callable[[str, float], None] | None = None,
    ) -> None:
        super().__init__(max_retries=0)
        self.polite = _Polite(limiter, stats, policy, sleep, on_wait)

    def send(self, request: requests.PreparedRequest, **kwargs):  # type: ignore[no-untyped-def, override]
        method = request.method or "GET"
        kind = request_kind(method, str(requests.utils.urlparse(request.url).path))
        return self.polite.run(
            kind,
            is_idempotent(method, kind),
            lambda: super(ThrottledAdapter, self).send(request, **kwargs),
            lambda response: response.close(),
            (requests.ConnectionError, requests.Timeout),
        )


class ThrottledTransport(httpx.BaseTransport):
    """httpx transport for notion-client."""

    def __init__(
        self,
        limiter: Limiter,
        stats: CallStats,
        policy: RetryPolicy,
        *,
        inner: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
        on_wait: Callable[[str, float], None] | None = None,
    ) -> None:
        self.polite = _Polite(limiter, stats, policy, sleep, on_wait)
        self._inner = inner or httpx.HTTPTransport()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.read()  # so that the body can be sent again

        def discard(response: httpx.Response) -> None:
            response.read()
            response.close()

        kind = request_kind(request.method, request.url.path)
        return self.polite.run(
            kind,
            is_idempotent(request.method, kind),
            lambda: self._inner.handle_request(request),
            discard,
            (httpx.TransportError,),
        )

    def close(self) -> None:
        self._inner.close()
