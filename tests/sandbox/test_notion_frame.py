"""The Notion half inside the sandbox frame: notion-client against rate limits, injected
faults and the control endpoints (the shared ``sandbox`` fixture, rate limits on).

What notion-client 3.1.0 does with them: it retries a 429 for every method, waiting
``Retry-After`` seconds, at most twice; it retries 500/503 only for GET and DELETE; it
raises codes it does not know (529 ``service_overload``) as ``UnknownHTTPResponseError``.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from typing import Any

import pytest
from notion_client import APIResponseError, Client
from notion_client.client import RetryOptions
from notion_client.errors import APIErrorCode, HTTPResponseError

from tasklint.sandbox import SandboxServer
from tests.sandbox.conftest import section


@pytest.fixture(scope="module")
def seeded(sandbox: SandboxServer) -> tuple[str, str]:
    return sandbox.notion.create_database_from_plan(section(), token=sandbox.token)


@pytest.fixture
def notion(sandbox: SandboxServer, seeded: tuple[str, str]) -> Iterator[Client]:
    """A client retrying quickly when no Retry-After says otherwise; a full bucket."""
    sandbox.traffic.notion.reset()
    sandbox.control.clear_faults()
    sandbox.control.reset_stats()
    client = Client(
        auth=sandbox.token,
        base_url=sandbox.notion_url,
        log_level=logging.CRITICAL,
        retry=RetryOptions(initial_retry_delay_ms=20, max_retry_delay_ms=2000),
    )
    yield client
    client.close()


def statuses(sandbox: SandboxServer) -> list[int | None]:
    return [r.status for r in sandbox.control.stats() if r.vendor == "notion"]


def test_frame_serves_the_notion_routes_and_lists_databases(
    sandbox: SandboxServer, seeded: tuple[str, str], notion: Client
) -> None:
    database_id, source_id = seeded
    database = notion.databases.retrieve(database_id)
    assert database["data_sources"][0]["id"] == source_id
    info = sandbox.control.info()
    assert info["notion"]["base_url"] == sandbox.notion_url
    listed: list[dict[str, Any]] = list(info["notion"]["databases"])
    assert {"id": database_id, "title": "营销任务分工表", "data_source_id": source_id} in listed
    assert statuses(sandbox) == [200]


def test_a_429_is_retried_after_retry_after(sandbox: SandboxServer, notion: Client) -> None:
    sandbox.control.add_fault("notion", status=429, count=1)  # Retry-After: 1 by default
    started = time.monotonic()
    users = notion.users.list()
    assert users["object"] == "list"
    assert time.monotonic() - started >= 1.0
    assert statuses(sandbox) == [429, 200]


def test_429s_beyond_two_retries_raise_rate_limited(sandbox: SandboxServer, notion: Client) -> None:
    sandbox.control.add_fault("notion", status=429, count=3, retry_after=0)
    with pytest.raises(APIResponseError) as info:
        notion.users.list()
    assert info.value.code == APIErrorCode.RateLimited and info.value.status == 429
    assert info.value.headers["retry-after"] == "0"
    assert statuses(sandbox) == [429, 429, 429]


def test_the_rate_limiter_refuses_a_burst_with_retry_after(
    sandbox: SandboxServer, seeded: tuple[str, str], notion: Client
) -> None:
    eager = Client(
        auth=sandbox.token, base_url=sandbox.notion_url, log_level=logging.CRITICAL, retry=False
    )
    try:
        refused = None
        for _ in range(30):  # a burst of 10, then about 3 a second
            try:
                eager.data_sources.retrieve(seeded[1])
            except APIResponseError as error:
                refused = error
                break
        assert refused is not None, "30 quick requests were never rate limited"
        assert refused.code == APIErrorCode.RateLimited
        assert int(refused.headers["retry-after"]) >= 1
        assert refused.body and '"object":"error"' in refused.body.replace(" ", "")
    finally:
        eager.close()
        sandbox.traffic.notion.reset()


def test_a_500_is_retried_for_a_read_but_not_for_a_query(
    sandbox: SandboxServer, seeded: tuple[str, str], notion: Client
) -> None:
    _, source_id = seeded
    sandbox.control.add_fault("notion", status=500, count=1)
    assert notion.data_sources.retrieve(source_id)["id"] == source_id
    assert statuses(sandbox) == [500, 200]
    sandbox.control.reset_stats()
    sandbox.control.add_fault("notion", status=500, count=1)
    with pytest.raises(APIResponseError) as info:
        notion.data_sources.query(data_source_id=source_id)
    assert info.value.code == APIErrorCode.InternalServerError
    assert statuses(sandbox) == [500]


def test_a_529_is_an_unknown_error_and_not_retried(
    sandbox: SandboxServer, seeded: tuple[str, str], notion: Client
) -> None:
    sandbox.control.add_fault("notion", status=529, count=1)
    with pytest.raises(HTTPResponseError) as info:
        notion.data_sources.retrieve(seeded[1])
    assert not isinstance(info.value, APIResponseError)
    assert info.value.status == 529
    assert statuses(sandbox) == [529]


def test_a_person_edit_through_the_control_endpoint(
    sandbox: SandboxServer, seeded: tuple[str, str], notion: Client
) -> None:
    _, source_id = seeded
    (page,) = notion.data_sources.query(
        data_source_id=source_id, filter={"property": "任务", "title": {"equals": "复盘报告"}}
    )["results"]
    edited = sandbox.control.edit_notion(page["id"], {"进度": {"number": 0.6}})
    assert edited["properties"]["进度"]["number"] == 0.6
    again = notion.pages.retrieve(page["id"])
    assert again["properties"]["进度"]["number"] == 0.6
    editor = notion.users.retrieve(again["last_edited_by"]["id"])
    assert editor["type"] == "person"
    assert statuses(sandbox) == [200, 200, 200]  # control calls are not Notion traffic
