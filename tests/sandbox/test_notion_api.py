"""The Notion half of the sandbox, driven by the real notion-client over real HTTP.

Each test names the endpoint it protects. The server is the sandbox frame
(``SandboxServer``) on a free loopback port with rate limits off; 429s, injected
faults and the control endpoints are in ``test_notion_frame.py``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from notion_client import APIResponseError, Client, collect_paginated_api, iterate_paginated_api
from notion_client.errors import APIErrorCode

from tasklint.sandbox import SandboxServer
from tasklint.sandbox.notion import NotionBackend

TOKEN = "secret_sandbox_token"

PLAN_ZH: dict[str, Any] = {
    "table": "营销任务分工表",
    "fields": [
        {"name": "任务", "type": "singleLineText"},
        {
            "name": "检查阶段",
            "type": "singleSelect",
            "options": ["方案准备阶段", "执行监控阶段", "效果复盘阶段"],
        },
        {"name": "负责人", "type": "multipleCollaborators"},
        {"name": "截止日期", "type": "date"},
        {"name": "进度", "type": "percent"},
        {"name": "预算", "type": "currency", "symbol": "¥"},
        {"name": "已完成", "type": "checkbox"},
        {"name": "备注", "type": "multilineText"},
    ],
    "rows": [
        {
            "任务": "营销目标对齐",
            "检查阶段": "方案准备阶段",
            "负责人": [{"name": "张三", "email": "zhangsan@example.com"}],
            "进度": 0.8,
            "截止日期": "2025-06-01",
            "预算": 5000,
            "已完成": True,
        },
        {
            "任务": "渠道投放监控",
            "检查阶段": "执行监控阶段",
            "负责人": [{"name": "李四", "email": "lisi@example.com"}],
            "进度": 0.3,
            "截止日期": "2025-06-15",
            "备注": "每日检查投放数据",
        },
        {
            "任务": "活动效果复盘",
            "检查阶段": "效果复盘阶段",
            "负责人": [
                {"name": "张三", "email": "zhangsan@example.com"},
                {"name": "王五", "email": "wangwu@example.com"},
            ],
            "进度": 0,
            "截止日期": "2025-07-01",
        },
        {"任务": "预算审批", "进度": 1.0, "预算": 12000.5},
    ],
}


# --------------------------------------------------------------------------- harness


@dataclass
class Notion:
    backend: NotionBackend
    url: str
    client: Client
    database_id: str = ""
    data_source_id: str = ""

    def pages(self, **query: Any) -> list[dict[str, Any]]:
        return collect_paginated_api(
            self.client.data_sources.query, data_source_id=self.data_source_id, **query
        )

    def titles(self, **query: Any) -> list[str]:
        return [title_of(p) for p in self.pages(**query)]

    def raw(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        headers = {"Authorization": f"Bearer {TOKEN}", "Notion-Version": "2025-09-03"}
        headers.update(kwargs.pop("headers", {}))
        return httpx.request(method, f"{self.url}/v1/{path}", headers=headers, **kwargs)


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[NotionBackend, str, Client]]:
    """The sandbox frame without rate limits (limits and faults: test_notion_frame.py)."""
    with SandboxServer(token=TOKEN, rate_limit=False) as sandbox:
        client = Client(auth=TOKEN, base_url=sandbox.notion_url, log_level=logging.CRITICAL)
        yield sandbox.notion, sandbox.notion_url, client
        client.close()


@pytest.fixture
def notion(server: tuple[NotionBackend, str, Client]) -> Notion:
    backend, url, client = server
    backend.reset()
    backend.query_result_limit = 10_000
    database_id, data_source_id = backend.create_database_from_plan(PLAN_ZH, token=TOKEN)
    return Notion(backend, url, client, database_id, data_source_id)


def title_of(page: dict[str, Any]) -> str:
    return "".join(t["plain_text"] for t in page["properties"]["任务"]["title"])


def by_title(notion: Notion, title: str) -> dict[str, Any]:
    return next(p for p in notion.pages() if title_of(p) == title)


def without_request_id(obj: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in obj.items() if k != "request_id"}


def api_error(call: Any, *args: Any, **kwargs: Any) -> APIResponseError:
    with pytest.raises(APIResponseError) as info:
        call(*args, **kwargs)
    return info.value


def many_rows(count: int) -> dict[str, Any]:
    return {
        "table": "Load",
        "fields": [{"name": "Task", "type": "singleLineText"}, {"name": "N", "type": "number"}],
        "rows": [{"Task": f"task {i:04d}", "N": i} for i in range(count)],
    }


# --------------------------------------------------------------------------- GET /v1/databases


def test_databases_retrieve_lists_its_data_source(notion: Notion) -> None:
    database = notion.client.databases.retrieve(database_id=notion.database_id)
    assert database["object"] == "database"
    assert database["id"] == notion.database_id
    assert database["data_sources"] == [{"id": notion.data_source_id, "name": "营销任务分工表"}]
    assert database["title"][0]["plain_text"] == "营销任务分工表"


def test_ids_are_accepted_without_dashes(notion: Notion) -> None:
    compact = notion.database_id.replace("-", "")
    assert notion.client.databases.retrieve(database_id=compact)["id"] == notion.database_id
    source = notion.client.data_sources.retrieve(notion.data_source_id.replace("-", "").upper())
    assert source["id"] == notion.data_source_id


# --------------------------------------------------------------------------- GET /v1/data_sources


def test_data_sources_retrieve_has_schema_with_ids_and_options(notion: Notion) -> None:
    source = notion.client.data_sources.retrieve(notion.data_source_id)
    props = source["properties"]
    assert props["任务"]["type"] == "title" and props["任务"]["id"] == "title"
    stage = props["检查阶段"]
    assert stage["type"] == "select"
    assert [o["name"] for o in stage["select"]["options"]] == [
        "方案准备阶段",
        "执行监控阶段",
        "效果复盘阶段",
    ]
    assert all(set(o) == {"id", "name", "color"} for o in stage["select"]["options"])
    assert props["进度"]["number"] == {"format": "percent"}
    assert props["预算"]["number"] == {"format": "yuan"}
    assert props["负责人"]["type"] == "people"
    assert props["备注"]["type"] == "rich_text"
    assert props["已完成"]["type"] == "checkbox"
    assert len({p["id"] for p in props.values()}) == len(props)
    assert source["parent"] == {"type": "database_id", "database_id": notion.database_id}


# --------------------------------------------------------------------------- POST .../query


def test_query_returns_pages_in_documented_shapes(notion: Notion) -> None:
    page = by_title(notion, "营销目标对齐")
    assert page["parent"] == {
        "type": "data_source_id",
        "data_source_id": notion.data_source_id,
        "database_id": notion.database_id,
    }
    props = page["properties"]
    text = props["任务"]["title"][0]
    assert text["type"] == "text" and text["text"] == {"content": "营销目标对齐", "link": None}
    assert text["annotations"]["bold"] is False and text["href"] is None
    assert props["检查阶段"]["select"]["name"] == "方案准备阶段"
    assert set(props["检查阶段"]["select"]) == {"id", "name", "color"}
    assert props["截止日期"]["date"] == {"start": "2025-06-01", "end": None, "time_zone": None}
    assert props["进度"] == {"id": props["进度"]["id"], "type": "number", "number": 0.8}
    assert props["已完成"]["checkbox"] is True
    assert props["备注"]["rich_text"] == []
    (person,) = props["负责人"]["people"]
    assert person["object"] == "user" and person["type"] == "person"
    assert person["name"] == "张三" and person["person"] == {"email": "zhangsan@example.com"}


@pytest.mark.parametrize(
    ("query_filter", "expected"),
    [
        ({"property": "检查阶段", "select": {"equals": "执行监控阶段"}}, {"渠道投放监控"}),
        ({"property": "检查阶段", "select": {"is_empty": True}}, {"预算审批"}),
        ({"property": "检查阶段", "select": {"does_not_equal": "方案准备阶段"}},
         {"渠道投放监控", "活动效果复盘", "预算审批"}),
        ({"property": "任务", "title": {"contains": "复盘"}}, {"活动效果复盘"}),
        ({"property": "任务", "rich_text": {"starts_with": "营销"}}, {"营销目标对齐"}),
        ({"property": "任务", "title": {"equals": "预算审批"}}, {"预算审批"}),
        ({"property": "备注", "rich_text": {"is_not_empty": True}}, {"渠道投放监控"}),
        ({"property": "备注", "rich_text": {"is_empty": True}},
         {"营销目标对齐", "活动效果复盘", "预算审批"}),
        ({"property": "进度", "number": {"greater_than_or_equal_to": 0.8}},
         {"营销目标对齐", "预算审批"}),
        ({"property": "进度", "number": {"less_than": 0.5}}, {"渠道投放监控", "活动效果复盘"}),
        ({"property": "预算", "number": {"is_empty": True}}, {"渠道投放监控", "活动效果复盘"}),
        ({"property": "已完成", "checkbox": {"equals": True}}, {"营销目标对齐"}),
        ({"property": "截止日期", "date": {"on_or_after": "2025-06-15"}},
         {"渠道投放监控", "活动效果复盘"}),
        ({"property": "截止日期", "date": {"before": "2025-06-15"}}, {"营销目标对齐"}),
        ({"property": "截止日期", "date": {"equals": "2025-07-01"}}, {"活动效果复盘"}),
        ({"property": "截止日期", "date": {"is_empty": True}}, {"预算审批"}),
        ({"property": "负责人", "people": {"is_empty": True}}, {"预算审批"}),
        ({"and": [
            {"property": "进度", "number": {"less_than": 1}},
            {"or": [
                {"property": "检查阶段", "select": {"equals": "方案准备阶段"}},
                {"property": "检查阶段", "select": {"equals": "效果复盘阶段"}},
            ]},
        ]}, {"营销目标对齐", "活动效果复盘"}),
        ({"or": [
            {"property": "已完成", "checkbox": {"equals": True}},
            {"property": "备注", "rich_text": {"contains": "投放"}},
        ]}, {"营销目标对齐", "渠道投放监控"}),
    ],
)  # fmt: skip
def test_query_property_filters(notion: Notion, query_filter: dict, expected: set[str]) -> None:
    assert set(notion.titles(filter=query_filter)) == expected


def test_query_people_filter_by_user_id(notion: Notion) -> None:
    users = notion.client.users.list()["results"]
    zhang = next(u["id"] for u in users if u["name"] == "张三")
    found = notion.titles(filter={"property": "负责人", "people": {"contains": zhang}})
    assert set(found) == {"营销目标对齐", "活动效果复盘"}


def test_query_status_filter_and_property_id_as_name(notion: Notion) -> None:
    status_id = notion.backend.add_status_property(
        notion.data_source_id, "状态", ["未开始", "进行中", "已完成"], token=TOKEN
    )
    page = by_title(notion, "渠道投放监控")
    notion.client.pages.update(page["id"], properties={"状态": {"status": {"name": "进行中"}}})
    found = notion.titles(filter={"property": status_id, "status": {"equals": "进行中"}})
    assert found == ["渠道投放监控"]
    others = notion.titles(filter={"property": "状态", "status": {"does_not_equal": "进行中"}})
    assert len(others) == 3


def test_query_timestamp_filter_on_last_edited_time(notion: Notion) -> None:
    clock = {"now": datetime.now(UTC) + timedelta(hours=2)}  # the rows were seeded now
    notion.backend.clock = lambda: clock["now"]
    try:
        page = by_title(notion, "预算审批")
        notion.client.pages.update(page["id"], properties={"进度": {"number": 0.9}})
        since = (clock["now"] - timedelta(minutes=5)).isoformat()
        found = notion.titles(
            filter={"timestamp": "last_edited_time", "last_edited_time": {"on_or_after": since}}
        )
        assert found == ["预算审批"]
        before = notion.titles(
            filter={"timestamp": "last_edited_time", "last_edited_time": {"before": since}}
        )
        assert "预算审批" not in before
    finally:
        notion.backend.clock = lambda: datetime.now(UTC)


def test_query_sorts_by_property_and_timestamp(notion: Notion) -> None:
    ascending = notion.titles(sorts=[{"property": "进度", "direction": "ascending"}])
    assert ascending == ["活动效果复盘", "渠道投放监控", "营销目标对齐", "预算审批"]
    descending = notion.titles(sorts=[{"property": "截止日期", "direction": "descending"}])
    assert descending == ["活动效果复盘", "渠道投放监控", "营销目标对齐", "预算审批"]  # empty last
    by_stage = notion.titles(
        sorts=[
            {"property": "检查阶段", "direction": "descending"},
            {"timestamp": "created_time", "direction": "ascending"},
        ]
    )
    assert by_stage == ["活动效果复盘", "渠道投放监控", "营销目标对齐", "预算审批"]


def test_query_filter_properties_limits_the_properties_returned(notion: Notion) -> None:
    schema = notion.client.data_sources.retrieve(notion.data_source_id)["properties"]
    progress_id = schema["进度"]["id"]  # a URL-encoded short id, sent as given
    result = notion.client.data_sources.query(
        data_source_id=notion.data_source_id, filter_properties=["title", progress_id]
    )
    assert {tuple(sorted(p["properties"])) for p in result["results"]} == {("任务", "进度")}
    by_name = notion.raw(
        "POST",
        f"data_sources/{notion.data_source_id}/query?filter_properties[]=检查阶段",
        json={},
    ).json()
    assert {tuple(p["properties"]) for p in by_name["results"]} == {("检查阶段",)}


def test_query_paginates_250_pages_with_the_client_helpers(notion: Notion) -> None:
    _, source_id = notion.backend.create_database_from_plan(many_rows(250), token=TOKEN)
    query = notion.client.data_sources.query
    pages = collect_paginated_api(query, data_source_id=source_id)
    assert len(pages) == 250 and len({p["id"] for p in pages}) == 250
    first = query(data_source_id=source_id)
    assert len(first["results"]) == 100 and first["has_more"] is True
    assert first["next_cursor"] == pages[100]["id"]
    sizes: list[int] = []
    numbers = [
        p["properties"]["N"]["number"]
        for p in iterate_paginated_api(
            query,
            data_source_id=source_id,
            page_size=40,
            sorts=[{"property": "N", "direction": "descending"}],
        )
    ]
    assert numbers == list(range(249, -1, -1))
    last = query(data_source_id=source_id, start_cursor=pages[200]["id"])
    sizes.append(len(last["results"]))
    assert sizes == [50] and last["has_more"] is False and last["next_cursor"] is None
    assert "request_status" not in last


def test_query_page_size_over_100_is_a_validation_error(notion: Notion) -> None:
    error = api_error(
        notion.client.data_sources.query, data_source_id=notion.data_source_id, page_size=101
    )
    assert error.code == APIErrorCode.ValidationError and error.status == 400
    assert "page_size" in str(error)


def test_query_stops_at_the_result_limit_with_request_status(notion: Notion) -> None:
    notion.backend.query_result_limit = 30
    _, source_id = notion.backend.create_database_from_plan(many_rows(50), token=TOKEN)
    query = notion.client.data_sources.query
    collected = collect_paginated_api(query, data_source_id=source_id, page_size=20)
    assert len(collected) == 30  # the client helper does not notice the cap
    first = query(data_source_id=source_id, page_size=20)
    incomplete = {"type": "incomplete", "incomplete_reason": "query_result_limit_reached"}
    assert first["has_more"] is True and first["request_status"] == incomplete
    second = query(data_source_id=source_id, page_size=20, start_cursor=first["next_cursor"])
    assert len(second["results"]) == 10
    assert second["has_more"] is False and second["next_cursor"] is None
    assert second["request_status"] == incomplete
    small = query(data_source_id=source_id, filter={"property": "N", "number": {"less_than": 30}})
    assert len(small["results"]) == 30 and "request_status" not in small


def test_query_with_unknown_property_is_a_validation_error(notion: Notion) -> None:
    error = api_error(
        notion.client.data_sources.query,
        data_source_id=notion.data_source_id,
        filter={"property": "不存在", "select": {"equals": "x"}},
    )
    assert error.code == APIErrorCode.ValidationError
    error = api_error(
        notion.client.data_sources.query,
        data_source_id=notion.data_source_id,
        filter={"property": "检查阶段", "status": {"equals": "x"}},
    )
    assert error.code == APIErrorCode.ValidationError


# --------------------------------------------------------------------------- pages


def test_pages_retrieve(notion: Notion) -> None:
    page = by_title(notion, "渠道投放监控")
    again = notion.client.pages.retrieve(page["id"])
    assert without_request_id(again) == page
    assert isinstance(again["request_id"], str)
    assert notion.client.pages.retrieve(page["id"].replace("-", ""))["id"] == page["id"]


def test_pages_update_changes_only_the_properties_sent(notion: Notion) -> None:
    page = by_title(notion, "营销目标对齐")
    updated = notion.client.pages.update(
        page["id"],
        properties={
            "备注": {"rich_text": [{"text": {"content": "已与市场部确认"}}]},
            "检查阶段": {"select": {"name": "执行监控阶段"}},
        },
    )
    props, before = updated["properties"], page["properties"]
    assert props["备注"]["rich_text"][0]["plain_text"] == "已与市场部确认"
    assert props["检查阶段"]["select"]["name"] == "执行监控阶段"
    for name in ("任务", "负责人", "截止日期", "进度", "预算", "已完成"):
        assert props[name] == before[name], name
    again = notion.client.pages.retrieve(page["id"])
    assert without_request_id(again) == without_request_id(updated)


def test_pages_update_bumps_last_edited_time_rounded_to_the_minute(notion: Notion) -> None:
    page = by_title(notion, "预算审批")
    notion.backend.clock = lambda: datetime(2030, 1, 2, 3, 4, 59, 999_000, tzinfo=UTC)
    try:
        updated = notion.client.pages.update(page["id"], properties={"进度": {"number": 0.5}})
    finally:
        notion.backend.clock = lambda: datetime.now(UTC)
    assert updated["last_edited_time"] == "2030-01-02T03:04:00.000Z"
    assert updated["created_time"] == page["created_time"]
    assert updated["created_time"].endswith(":00.000Z")
    bot = notion.client.users.me()
    assert updated["last_edited_by"] == {"object": "user", "id": bot["id"]}


def test_pages_update_select_with_a_new_name_adds_the_option(notion: Notion) -> None:
    page = by_title(notion, "预算审批")
    notion.client.pages.update(page["id"], properties={"检查阶段": {"select": {"name": "收尾"}}})
    options = notion.client.data_sources.retrieve(notion.data_source_id)["properties"]["检查阶段"]
    assert [o["name"] for o in options["select"]["options"]][-1] == "收尾"


def test_pages_update_people_and_date_and_clearing(notion: Notion) -> None:
    page = by_title(notion, "预算审批")
    users = notion.client.users.list()["results"]
    li = next(u["id"] for u in users if u["name"] == "李四")
    updated = notion.client.pages.update(
        page["id"],
        properties={
            "负责人": {"people": [{"object": "user", "id": li}]},
            "截止日期": {"date": {"start": "2025-08-01", "end": "2025-08-03"}},
            "预算": {"number": None},
        },
    )
    props = updated["properties"]
    assert [p["name"] for p in props["负责人"]["people"]] == ["李四"]
    assert props["截止日期"]["date"] == {
        "start": "2025-08-01",
        "end": "2025-08-03",
        "time_zone": None,
    }
    assert props["预算"]["number"] is None


def test_pages_create_under_a_data_source_and_a_database(notion: Notion) -> None:
    created = notion.client.pages.create(
        parent={"data_source_id": notion.data_source_id},
        properties={
            "任务": {"title": [{"text": {"content": "新任务"}}]},
            "进度": {"number": 0.1},
        },
    )
    assert created["object"] == "page"
    assert created["parent"]["data_source_id"] == notion.data_source_id
    assert created["properties"]["进度"]["number"] == 0.1
    assert created["properties"]["检查阶段"]["select"] is None
    also = notion.client.pages.create(
        parent={"type": "database_id", "database_id": notion.database_id},
        properties={"任务": {"title": [{"text": {"content": "经由数据库创建"}}]}},
    )
    assert also["parent"]["data_source_id"] == notion.data_source_id
    assert {"新任务", "经由数据库创建"} <= set(notion.titles())


# --------------------------------------------------------------------------- PATCH data source


def test_data_sources_update_adds_renames_and_removes_properties(notion: Notion) -> None:
    updated = notion.client.data_sources.update(
        notion.data_source_id,
        properties={
            "tasklint": {"rich_text": {}},
            "tasklint 状态": {"select": {"options": [{"name": "正常"}, {"name": "异常"}]}},
            "备注": {"name": "说明"},
            "已完成": None,
        },
    )
    props = updated["properties"]
    assert props["tasklint"]["type"] == "rich_text"
    assert [o["name"] for o in props["tasklint 状态"]["select"]["options"]] == ["正常", "异常"]
    assert "说明" in props and "备注" not in props and "已完成" not in props
    page = by_title(notion, "渠道投放监控")
    assert page["properties"]["说明"]["rich_text"][0]["plain_text"] == "每日检查投放数据"
    assert "已完成" not in page["properties"]
    assert page["properties"]["tasklint"]["rich_text"] == []


def test_data_sources_update_select_options_replace_the_whole_list(notion: Notion) -> None:
    schema = notion.client.data_sources.retrieve(notion.data_source_id)["properties"]
    kept = schema["检查阶段"]["select"]["options"][1]  # 执行监控阶段
    updated = notion.client.data_sources.update(
        notion.data_source_id,
        properties={"检查阶段": {"select": {"options": [{"id": kept["id"]}, {"name": "收尾"}]}}},
    )
    options = updated["properties"]["检查阶段"]["select"]["options"]
    assert options[0] == kept
    assert [o["name"] for o in options] == ["执行监控阶段", "收尾"]
    assert by_title(notion, "营销目标对齐")["properties"]["检查阶段"]["select"] is None
    kept_page = by_title(notion, "渠道投放监控")
    assert kept_page["properties"]["检查阶段"]["select"] == kept


# --------------------------------------------------------------------------- users


def test_users_list_is_paginated(notion: Notion) -> None:
    users = collect_paginated_api(notion.client.users.list, page_size=2)
    names = [u["name"] for u in users]
    assert {"张三", "李四", "王五"} <= set(names)
    assert all(u["object"] == "user" and u["type"] in ("person", "bot") for u in users)
    first = notion.client.users.list(page_size=2)
    assert first["has_more"] is True and first["type"] == "user" and first["user"] == {}
    assert len(users) == len({u["id"] for u in users}) == 4  # three people and the bot


# --------------------------------------------------------------------------- errors


def test_wrong_or_missing_token_is_unauthorized(notion: Notion) -> None:
    error = api_error(notion.client.users.list, auth="not-the-token")
    assert error.code == APIErrorCode.Unauthorized and error.status == 401
    response = notion.raw("GET", "users", headers={"Authorization": ""})
    assert response.status_code == 401 and response.json()["code"] == "unauthorized"


def test_unknown_ids_are_object_not_found(notion: Notion) -> None:
    missing = "00000000-0000-4000-8000-000000000000"
    for call, args in (
        (notion.client.databases.retrieve, (missing,)),
        (notion.client.data_sources.retrieve, (missing,)),
        (notion.client.pages.retrieve, (missing,)),
    ):
        error = api_error(call, *args)
        assert error.code == APIErrorCode.ObjectNotFound and error.status == 404
    # A database id is not a data source id (upgrade guide: not interchangeable).
    error = api_error(notion.client.data_sources.retrieve, notion.database_id)
    assert error.code == APIErrorCode.ObjectNotFound


def test_another_tokens_objects_are_not_found(notion: Notion) -> None:
    _, theirs = notion.backend.create_database_from_plan(many_rows(1), token="someone-else")
    error = api_error(notion.client.data_sources.retrieve, theirs)
    assert error.code == APIErrorCode.ObjectNotFound


def test_text_longer_than_2000_characters_is_a_validation_error(notion: Notion) -> None:
    page = by_title(notion, "预算审批")
    error = api_error(
        notion.client.pages.update,
        page["id"],
        properties={"备注": {"rich_text": [{"text": {"content": "长" * 2001}}]}},
    )
    assert error.code == APIErrorCode.ValidationError and error.status == 400
    assert "2000" in str(error)
    fits = notion.client.pages.update(
        page["id"], properties={"备注": {"rich_text": [{"text": {"content": "长" * 2000}}]}}
    )
    assert len(fits["properties"]["备注"]["rich_text"][0]["plain_text"]) == 2000


def test_rich_text_arrays_over_100_elements_are_a_validation_error(notion: Notion) -> None:
    page = by_title(notion, "预算审批")
    error = api_error(
        notion.client.pages.update,
        page["id"],
        properties={"备注": {"rich_text": [{"text": {"content": "x"}}] * 101}},
    )
    assert error.code == APIErrorCode.ValidationError and "100" in str(error)


def test_unknown_property_is_a_validation_error(notion: Notion) -> None:
    page = by_title(notion, "预算审批")
    error = api_error(notion.client.pages.update, page["id"], properties={"不存在": {"number": 1}})
    assert error.code == APIErrorCode.ValidationError
    assert str(error) == "不存在 is not a property that exists."


def test_read_only_properties_are_a_validation_error(notion: Notion) -> None:
    expression = 'dateBetween(prop("截止日期"), now(), "days")'
    notion.backend.add_formula_property(
        notion.data_source_id, "剩余天数", expression=expression, token=TOKEN
    )
    notion.client.data_sources.update(
        notion.data_source_id, properties={"创建时间": {"created_time": {}}}
    )
    page = by_title(notion, "预算审批")
    for name, value in (
        ("剩余天数", {"formula": {"number": 3}}),
        ("创建时间", {"created_time": "2025-01-01T00:00:00.000Z"}),
    ):
        error = api_error(notion.client.pages.update, page["id"], properties={name: value})
        assert error.code == APIErrorCode.ValidationError, name


def test_formula_values_read_in_the_documented_shape(notion: Notion) -> None:
    notion.backend.add_formula_property(notion.data_source_id, "剩余天数", token=TOKEN)
    page = by_title(notion, "营销目标对齐")
    notion.backend.set_formula_value(page["id"], "剩余天数", 12, token=TOKEN)
    props = notion.client.pages.retrieve(page["id"])["properties"]
    assert props["剩余天数"] == {
        "id": props["剩余天数"]["id"],
        "type": "formula",
        "formula": {"type": "number", "number": 12},
    }
    found = notion.titles(filter={"property": "剩余天数", "formula": {"number": {"equals": 12}}})
    assert found == ["营销目标对齐"]


def test_status_option_that_does_not_exist_is_a_validation_error(notion: Notion) -> None:
    notion.backend.add_status_property(notion.data_source_id, "状态", token=TOKEN)
    page = by_title(notion, "预算审批")
    assert page["properties"]["状态"]["status"] is None  # added after the page existed
    error = api_error(
        notion.client.pages.update, page["id"], properties={"状态": {"status": {"name": "Blocked"}}}
    )
    assert error.code == APIErrorCode.ValidationError
    done = notion.client.pages.update(page["id"], properties={"状态": {"status": {"name": "Done"}}})
    assert done["properties"]["状态"]["status"]["name"] == "Done"
    created = notion.client.pages.create(parent={"data_source_id": notion.data_source_id})
    assert created["properties"]["状态"]["status"]["name"] == "Not started"


def test_people_write_accepts_partial_users_only(notion: Notion) -> None:
    page = by_title(notion, "预算审批")
    users = notion.client.users.list()["results"]
    zhang = next(u for u in users if u["name"] == "张三")
    error = api_error(
        notion.client.pages.update, page["id"], properties={"负责人": {"people": [zhang]}}
    )
    assert error.code == APIErrorCode.ValidationError


def test_missing_notion_version_is_missing_version(notion: Notion) -> None:
    response = httpx.get(f"{notion.url}/v1/users", headers={"Authorization": f"Bearer {TOKEN}"})
    body = response.json()
    assert response.status_code == 400 and body["code"] == "missing_version"
    assert set(body) == {"object", "status", "code", "message", "request_id"}
    assert body["object"] == "error" and body["status"] == 400


def test_unsupported_notion_version_is_a_400(notion: Notion) -> None:
    response = notion.raw("GET", "users", headers={"Notion-Version": "2022-06-28"})
    assert response.status_code == 400 and response.json()["code"] == "validation_error"


def test_malformed_json_is_invalid_json(notion: Notion) -> None:
    response = notion.raw(
        "POST",
        f"data_sources/{notion.data_source_id}/query",
        content=b'{"filter": ',
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 400 and response.json()["code"] == "invalid_json"


def test_unknown_url_is_invalid_request_url(notion: Notion) -> None:
    response = notion.raw("GET", "invalid")
    assert response.status_code == 400 and response.json()["code"] == "invalid_request_url"
    response = notion.raw("DELETE", f"pages/{notion.database_id}")
    assert response.json()["code"] == "invalid_request_url"


def test_malformed_id_is_a_validation_error(notion: Notion) -> None:
    error = api_error(notion.client.pages.retrieve, "not-a-uuid")
    assert error.code == APIErrorCode.ValidationError
