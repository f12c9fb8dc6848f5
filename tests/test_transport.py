"""The pacing and retry policy under both connectors, on a fake clock."""

from __future__ import annotations

import pytest

from tasklint.connectors.transport import (
    RateLimiter,
    RetryPolicy,
    WindowLimiter,
    is_idempotent,
    request_kind,
)


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def test_window_limiter_allows_five_per_window_then_waits():
    clock = FakeClock()
    limiter = WindowLimiter(5, 1.05, clock=clock, sleep=clock.sleep)
    sent = []
    for _ in range(12):
        limiter.acquire()
        sent.append(clock.now)
    # No window of 1.05 s ever holds more than five sends.
    for i in range(len(sent)):
        assert sum(1 for t in sent if sent[i] <= t < sent[i] + 1.05) <= 5
    assert clock.now - 100.0 == pytest.approx(2 * 1.05)  # 12 sends: two full windows waited


def test_token_bucket_spacing_and_burst():
    clock = FakeClock()
    limiter = RateLimiter(3.0, burst=3, clock=clock, sleep=clock.sleep)
    for _ in range(3):
        assert limiter.acquire() == 0  # the burst
    assert limiter.acquire() == pytest.approx(1 / 3)
    clock.now += 10  # idle: the bucket refills, but never beyond the burst
    assert [limiter.acquire() for _ in range(3)] == [0, 0, 0]
    assert limiter.acquire() > 0


@pytest.mark.parametrize(
    ("method", "path", "kind", "safe"),
    [
        ("GET", "/v0/appX/Table", "read", True),
        ("POST", "/v0/appX/Table/listRecords", "read", True),
        ("PATCH", "/v0/appX/Table", "write", True),
        ("POST", "/v0/appX/Table", "create", False),  # a create sent twice makes two rows
        ("GET", "/v0/meta/bases/appX/tables", "meta", True),
        ("POST", "/v0/meta/bases/appX/tables/tblX/fields", "meta", False),
        ("POST", "/v1/data_sources/abc/query", "read", True),
        ("PATCH", "/v1/pages/abc", "write", True),
        ("POST", "/v1/pages", "create", False),
    ],
)
def test_request_kinds_and_which_are_safe_to_repeat(method, path, kind, safe):
    assert request_kind(method, path) == kind
    assert is_idempotent(method, kind) is safe


def test_rate_limit_delay_honours_retry_after_within_bounds():
    policy = RetryPolicy(rate_limit_wait=30, max_rate_limit_wait=60)
    assert policy.rate_limit_delay(None) == 30  # Airtable sends no Retry-After: its 30 s penalty
    assert policy.rate_limit_delay("2") == 2
    assert policy.rate_limit_delay("600") == 60
    assert policy.rate_limit_delay("soon") == 30
    assert [RetryPolicy(backoff=0.5, max_backoff=3).backoff_for(n) for n in range(5)] == [
        0.5,
        1.0,
        2.0,
        3,
        3,
    ]
