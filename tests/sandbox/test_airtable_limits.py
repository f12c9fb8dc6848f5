"""Airtable rate limits and injected faults, as pyairtable (and its retries) meet them."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
import requests
from pyairtable import Api, retry_strategy
from pyairtable.api.table import Table

from tasklint.sandbox import SandboxServer
from tests.sandbox.conftest import TABLE, error_type


@pytest.fixture
def bare(sandbox: SandboxServer, base: str) -> Table:
    """The test base through a client that never retries."""
    return Api(sandbox.token, endpoint_url=sandbox.airtable_url, retry_strategy=None).table(
        base, TABLE
    )


@pytest.fixture
def long_penalty(sandbox: SandboxServer) -> Iterator[float]:
    """A penalty longer than pyairtable's default retries last (about 3 s)."""
    sandbox.control.set_limits(airtable_penalty=4.0)
    yield 4.0
    sandbox.control.set_limits(airtable_penalty=0.3)


def test_more_than_five_requests_a_second_is_429_then_a_penalty(
    sandbox: SandboxServer, bare: Table, base: str
) -> None:
    for _ in range(5):
        bare.all(max_records=1)
    with pytest.raises(requests.HTTPError) as caught:
        bare.all(max_records=1)
    response = caught.value.response
    assert response.status_code == 429
    assert response.json() == {
        "error": {
            "type": "TOO_MANY_REQUESTS",
            "message": "Rate limit exceeded. Please try again later",
        }
    }
    assert "Retry-After" not in response.headers
    # The penalty refuses the base's requests even after the one-second window ...
    with pytest.raises(requests.HTTPError):
        bare.all(max_records=1)
    # ... and ends after the configured 0.3 s.
    time.sleep(0.35)
    assert bare.all(max_records=1)
    statuses = [r.status for r in sandbox.control.stats()]
    assert statuses == [200] * 5 + [429, 429, 200]
    assert [r.fault for r in sandbox.control.stats()][5:7] == ["rate_limit", "rate_limit"]


def test_the_limit_is_per_base(sandbox: SandboxServer, bare: Table, api: Api) -> None:
    other = sandbox.airtable.create_base("other")
    sandbox.airtable.create_table(other, "T", [{"name": "Name", "type": "singleLineText"}])
    for _ in range(5):
        bare.all(max_records=1)
    bare_other = Api(sandbox.token, endpoint_url=sandbox.airtable_url, retry_strategy=None)
    assert bare_other.table(other, "T").all() == []


def test_default_retry_rides_out_a_short_penalty(sandbox: SandboxServer, table: Table) -> None:
    for _ in range(8):
        assert table.all(max_records=1)
    statuses = [r.status for r in sandbox.control.stats()]
    assert statuses.count(429) >= 1
    assert statuses.count(200) == 8


def test_default_retry_gives_up_before_a_30_second_style_penalty(
    sandbox: SandboxServer, table: Table, long_penalty: float
) -> None:
    for _ in range(5):
        table.all(max_records=1)
    started = time.monotonic()
    with pytest.raises(requests.exceptions.RetryError):
        table.all(max_records=1)
    assert time.monotonic() - started < long_penalty
    # 1 try + 5 retries, all refused
    assert [r.status for r in sandbox.control.stats()][5:] == [429] * 6


def test_injected_500_then_success(sandbox: SandboxServer, bare: Table, base: str) -> None:
    sandbox.control.add_fault("airtable", status=500, count=2)
    for _ in range(2):
        with pytest.raises(requests.HTTPError) as caught:
            bare.all()
        assert caught.value.response.status_code == 500
        assert set(caught.value.response.json()["error"]) == {"type", "message"}
    assert len(bare.all()) == 4
    records = sandbox.control.stats()
    assert [(r.status, r.fault) for r in records] == [(500, "status"), (500, "status"), (200, None)]
    assert sandbox.control.faults() == []


def test_a_retry_strategy_with_5xx_recovers_from_injected_errors(
    sandbox: SandboxServer, base: str
) -> None:
    retry = retry_strategy(status_forcelist=(429, 500, 502, 503), backoff_factor=0)
    table = Api(sandbox.token, endpoint_url=sandbox.airtable_url, retry_strategy=retry).table(
        base, TABLE
    )
    sandbox.control.add_fault("airtable", status=503, count=2)
    assert len(table.all()) == 4
    assert [r.status for r in sandbox.control.stats()] == [503, 503, 200]


def test_injected_429_is_airtable_shaped(sandbox: SandboxServer, bare: Table) -> None:
    sandbox.control.add_fault("airtable", status=429)
    with pytest.raises(requests.HTTPError) as caught:
        bare.all()
    assert error_type(caught.value) == "TOO_MANY_REQUESTS"


def test_dropped_connection(sandbox: SandboxServer, bare: Table, table: Table) -> None:
    sandbox.control.add_fault("airtable", drop=1)
    with pytest.raises(requests.ConnectionError):
        bare.all()
    # pyairtable's default retry also retries a dropped connection (read error).
    sandbox.control.add_fault("airtable", drop=1)
    assert len(table.all()) == 4
    records = sandbox.control.stats()
    assert [(r.status, r.fault) for r in records] == [(None, "drop"), (None, "drop"), (200, None)]


def test_delay_and_client_timeout(sandbox: SandboxServer, base: str, bare: Table) -> None:
    sandbox.control.add_fault("airtable", delay_ms=300, count=1)
    started = time.monotonic()
    assert len(bare.all()) == 4
    assert time.monotonic() - started >= 0.3
    impatient = Api(
        sandbox.token, endpoint_url=sandbox.airtable_url, retry_strategy=None, timeout=(1, 0.1)
    ).table(base, TABLE)
    sandbox.control.add_fault("airtable", delay_ms=500, count=1)
    with pytest.raises(requests.exceptions.ReadTimeout):
        impatient.all()
    assert [r.fault for r in sandbox.control.stats()] == ["delay", "delay"]


def test_faults_are_per_vendor_and_control_calls_are_never_limited(
    sandbox: SandboxServer, bare: Table
) -> None:
    sandbox.control.add_fault("notion", status=500, count=3)
    assert len(bare.all()) == 4  # an Airtable request is not hit by a Notion fault
    for _ in range(20):
        sandbox.control.info()
    assert [r.vendor for r in sandbox.control.stats()] == ["airtable"]
    assert [f["vendor"] for f in sandbox.control.faults()] == ["notion"]
    sandbox.control.clear_faults()
    assert sandbox.control.faults() == []


def test_rate_limits_can_be_switched_off(sandbox: SandboxServer, bare: Table) -> None:
    sandbox.control.set_limits(enabled=False)
    try:
        for _ in range(12):
            bare.all(max_records=1)
    finally:
        sandbox.control.set_limits(enabled=True)
    assert {r.status for r in sandbox.control.stats()} == {200}
