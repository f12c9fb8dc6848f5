"""Fixtures for the sandbox frame and its Airtable half.

``sandbox`` is one running ``SandboxServer`` per test module (rate limits on, with a
0.3 s penalty instead of Airtable's 30 s). Each test that needs Airtable data gets its
own base (``base``), so one test's requests never count against another's rate limit.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import pytest
from pyairtable import Api, Table

from tasklint.sandbox import SandboxServer
from tasklint.sandbox.limits import Limits

TABLE = "营销任务分工表"

# A small plan section in the neutral format (the shape of tasklint/data/demo-plan.json),
# with every field type the linter reads and the computed ones it must not write.
SECTION: dict[str, Any] = {
    "table": TABLE,
    "fields": [
        {"name": "任务", "type": "singleLineText"},
        {
            "name": "检查阶段",
            "type": "singleSelect",
            "options": ["方案准备阶段", "执行监控阶段", "效果复盘阶段"],
        },
        {"name": "责任部门/人", "type": "singleLineText"},
        {"name": "负责人", "type": "multipleCollaborators"},
        {"name": "截止日期", "type": "date"},
        {"name": "进度", "type": "percent"},
        {"name": "预算", "type": "currency", "symbol": "¥"},
        {"name": "完成状态", "type": "singleSelect", "options": ["未完成", "已完成", "异常"]},
        {"name": "标签", "type": "multipleSelects", "options": ["618", "双11"]},
        {"name": "已确认", "type": "checkbox"},
        {"name": "开始时间", "type": "dateTime"},
        {"name": "备注", "type": "multilineText"},
        {"name": "检查提示", "type": "multilineText"},
        {"name": "达成率公式", "type": "formula", "formula": "{进度} * 100", "result": "number"},
        {"name": "创建时间", "type": "createdTime"},
        {"name": "编号", "type": "autoNumber"},
        {"name": "输入更新", "type": "lastModifiedTime", "fields": ["任务", "进度", "截止日期"]},
    ],
    "rows": [
        {
            "任务": "营销目标对齐",
            "检查阶段": "方案准备阶段",
            "责任部门/人": "市场部/张三",
            "负责人": [{"name": "张三", "email": "zhangsan@example.com"}],
            "截止日期": "2025-06-01",
            "进度": 0.8,
            "预算": 12000,
            "完成状态": "已完成",
            "已确认": True,
            "达成率公式": 80,
        },
        {
            "任务": "任务分工表",
            "检查阶段": "方案准备阶段",
            "责任部门/人": "财务部/市场部",
            "负责人": [
                {"name": "李四", "email": "lisi@example.com"},
                {"name": "王五", "email": "wangwu@example.com"},
            ],
            "截止日期": "2025-06-10",
            "进度": 0.5,
            "完成状态": "未完成",
            "标签": ["618"],
            "达成率公式": {"error": "#ERROR!"},
        },
        {
            "任务": "里程碑进度",
            "检查阶段": "执行监控阶段",
            "责任部门/人": "市场部",
            "截止日期": "2025-06-20",
            "进度": 0.2,
            "预算": 30000,
            "完成状态": "异常",
            "开始时间": "2025-06-01T08:00:00.000Z",
            "备注": "场地搭建延迟3天",
        },
        {"任务": "复盘报告", "检查阶段": "效果复盘阶段"},
    ],
}


def section(rows: int | None = None) -> dict[str, Any]:
    """A deep copy of ``SECTION``; with ``rows``, that many simple generated rows."""
    out = copy.deepcopy(SECTION)
    if rows is not None:
        out["rows"] = [
            {"任务": f"任务 {i:03d}", "进度": round(i / 100, 2), "截止日期": "2025-06-01"}
            for i in range(rows)
        ]
    return out


@pytest.fixture(scope="module")
def sandbox() -> Iterator[SandboxServer]:
    with SandboxServer(limits=Limits(airtable_penalty=0.3)) as server:
        yield server


@pytest.fixture
def base(sandbox: SandboxServer) -> str:
    """A fresh base holding ``SECTION``; faults and stats cleared."""
    base_id = sandbox.airtable.create_base("tasklint test")
    sandbox.airtable.create_table_from_plan(base_id, section())
    sandbox.control.clear_faults()
    sandbox.control.reset_stats()
    return base_id


@pytest.fixture
def api(sandbox: SandboxServer) -> Api:
    return Api(sandbox.token, endpoint_url=sandbox.airtable_url)


@pytest.fixture
def table(api: Api, base: str) -> Table:
    return api.table(base, TABLE)


def by_task(records: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Records keyed by their 任务 (task) cell."""
    return {r["fields"]["任务"]: r for r in records}


def error_type(exc: BaseException) -> str:
    """The Airtable error type carried by a ``requests.HTTPError``."""
    response = exc.response  # type: ignore[attr-defined]
    body = response.json()
    return str(body["error"]["type"])
