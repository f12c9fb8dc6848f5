"""Seed data for the sandbox: the demo checklist and generated load rows.

Both come in the neutral plan format, which each vendor backend turns into its own
tables (``AirtableBackend.create_table_from_plan``, the Notion backend's
``create_database_from_plan``)::

    {"zh": {"table": "营销任务分工表",
            "fields": [{"name": "任务", "type": "singleLineText"},
                       {"name": "检查阶段", "type": "singleSelect", "options": [...]}, ...],
            "rows": [{"任务": "营销目标对齐", "进度": 0.8, "截止日期": "2025-06-01", ...}],
            "views": [{"name": "Active", "formula": "...", "sort": [...]}]},   # optional
     "en": {...}}

The first field is the primary field; row values are Airtable cell JSON (percent as a
fraction, ISO dates, collaborators as ``{name, email}``).

Usage::

    plan = load_plan()                        # tasklint/data/demo-plan.json
    section = load_section(1000, seed=7)      # one table of messy rows
    seed_sandbox(airtable, notion, token="sandbox", seed="demo")
"""

from __future__ import annotations

import json
import random
from collections.abc import Mapping
from datetime import date, timedelta
from importlib import resources
from typing import Any, Literal

from tasklint.sandbox.airtable.models import AirtableBackend

__all__ = [
    "DEMO_BASE_NAME",
    "DEMO_REPORTS_PAGE",
    "LOAD_BASE_NAME",
    "LOAD_FIELDS",
    "SeedKind",
    "generate_load_rows",
    "load_plan",
    "load_section",
    "seed_sandbox",
]

SeedKind = Literal["demo", "load", "none"]

DEMO_BASE_NAME = "tasklint demo"
DEMO_REPORTS_PAGE = "tasklint reports"
LOAD_BASE_NAME = "tasklint load"
LOAD_TABLE_NAME = "营销任务 load"

_PHASES = ["方案准备阶段", "执行监控阶段", "效果复盘阶段"]
_STATUSES = ["已完成", "未完成", "异常", "进行中", "Done", "Not done", "blocked"]

# Fields of a generated load table: the Chinese headers of DESIGN §2 plus a few English
# ones, so one table exercises header matching in both languages.
LOAD_FIELDS: list[dict[str, Any]] = [
    {"name": "任务", "type": "singleLineText"},
    {"name": "检查阶段", "type": "singleSelect", "options": _PHASES},
    {"name": "目标", "type": "multilineText"},
    {"name": "指标", "type": "singleLineText"},
    {"name": "目标值", "type": "singleLineText"},
    {"name": "实际值", "type": "singleLineText"},
    {"name": "责任部门/人", "type": "singleLineText"},
    {"name": "负责人", "type": "multipleCollaborators"},
    {"name": "完成状态", "type": "singleSelect", "options": _STATUSES},
    {"name": "截止日期", "type": "date"},
    {"name": "交付时间", "type": "singleLineText"},
    {"name": "进度", "type": "percent"},
    {"name": "预算", "type": "currency", "symbol": "¥", "precision": 0},
    {"name": "已用预算", "type": "singleLineText"},
    {"name": "Deliverable", "type": "singleLineText"},
    {"name": "备注", "type": "multilineText"},
    {
        "name": "达成率公式",
        "type": "formula",
        # Each vendor reads its own formula language: Airtable "formula", Notion "expression".
        "formula": "{实际值} / {目标值}",
        "expression": 'prop("实际值") / prop("目标值")',
        "result": "percent",
    },
    {
        "name": "最后更新",
        "type": "lastModifiedTime",
        "fields": ["目标", "实际值", "完成状态", "进度", "截止日期"],
    },
]

_PEOPLE = [
    ("张三", "zhangsan@example.com"),
    ("李四", "lisi@example.com"),
    ("王五", "wangwu@example.com"),
    ("Alice Chen", "alice@example.com"),
    ("Bob Li", "bob@example.com"),
]
_TASKS = [
    "营销目标对齐",
    "任务分工表",
    "预算与资源",
    "创意审核",
    "里程碑进度",
    "数据日常监控",
    "渠道测试",
    "目标完成率",
    "复盘报告",
    "资料归档",
    "Channel test",
    "Warm-up content",
    "KOL outreach",
    "Landing page",
]
_GOALS = [
    "新客转化率提升15%",
    "品牌曝光提升30%",
    "提升品牌影响力",
    "Increase CTR to 2.5% by 15 June",
    "GMV +20% vs last 618",
    "获取3万条线索",
    "ROI 达到 1:3",
    "转化率翻一番",
    "做好双11预热",
    "Improve brand awareness",
    "",
]
_METRICS = ["ROI", "转化率", "CTR", "曝光量", "点赞数", "GMV", "CAC", "线索数", "followers", ""]
_TARGETS = ["15%", "15 %", "0.15", "１５％", "3万", "¥1,000", "2.5%", "1:3", "", "n/a"]
_ACTUALS = ["12%", "2.1%", "2.5万", "0.08", "800", "", "待统计", "#N/A"]
_OWNERS_TEXT = [
    "市场部/张三",
    "销售部/李四",
    "财务部/市场部",
    "市场部",
    "Alice and Bob",
    "张三、李四",
    "Marketing / Alice Chen",
    "",
]
_DUE_TEXT = ["2025/6/1", "6月1日", "2025-06-01T08:00:00.000Z", "next week", "6/15", ""]
_SPENT = ["¥1,000", "3万", "1500", "12,000", "", "约2000"]
_NOTES = [
    "场地搭建延迟3天",
    "法务审核已通过",
    "S403, B502 — vendor delay",
    "waiting for creative review",
    "",
    "",
]
_DELIVERABLES = ["投放排期表", "活动物料", "复盘报告", "", "Landing page v2", ""]

# Dates are spread around a fixed day so that generated data is reproducible; with any
# "today" after mid-2025 some rows are overdue.
_ANCHOR = date(2025, 6, 1)


def load_plan() -> dict[str, Any]:
    """The demo plan shipped in ``tasklint/data/demo-plan.json``."""
    path = resources.files("tasklint").joinpath("data/demo-plan.json")
    if not path.is_file():
        raise FileNotFoundError(
            "tasklint/data/demo-plan.json is missing; reinstall tasklint or use --seed none"
        )
    plan: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return plan


def generate_load_rows(n: int, seed: int = 0) -> list[dict[str, Any]]:
    """``n`` realistically messy rows for ``LOAD_FIELDS`` (same ``seed``, same rows).

    Mixed Chinese and English, numbers as text ("15%", "3万", "１５％"), dates as text
    ("2025/6/1", "6月1日"), empty cells, two owners in one row, overdue dates and
    formula errors — what real tables hold.
    """
    rng = random.Random(seed)
    rows: list[dict[str, Any]] = []
    for index in range(n):
        row: dict[str, Any] = {"任务": f"{rng.choice(_TASKS)} #{index + 1}"}
        row["检查阶段"] = rng.choice([*_PHASES, *_PHASES, ""])
        row["目标"] = rng.choice(_GOALS)
        row["指标"] = rng.choice(_METRICS)
        row["目标值"] = rng.choice(_TARGETS)
        row["实际值"] = rng.choice(_ACTUALS)
        row["责任部门/人"] = rng.choice(_OWNERS_TEXT)
        owners = rng.choices([0, 1, 1, 1, 2], k=1)[0]
        row["负责人"] = [
            {"name": name, "email": email} for name, email in rng.sample(_PEOPLE, owners)
        ]
        row["完成状态"] = rng.choice([*_STATUSES, ""])
        if rng.random() < 0.85:
            row["截止日期"] = (_ANCHOR + timedelta(days=rng.randint(-30, 60))).isoformat()
        row["交付时间"] = rng.choice(_DUE_TEXT)
        if rng.random() < 0.8:
            row["进度"] = round(rng.choice([0, 0.1, 0.25, 0.5, 0.8, 1.0, rng.random()]), 2)
        if rng.random() < 0.7:
            row["预算"] = rng.choice([5000, 12000, 30000, 100000, 250000])
        row["已用预算"] = rng.choice(_SPENT)
        row["Deliverable"] = rng.choice(_DELIVERABLES)
        row["备注"] = rng.choice(_NOTES)
        roll = rng.random()
        if roll < 0.1:
            row["达成率公式"] = {"error": "#ERROR!"}
        elif roll < 0.15:
            row["达成率公式"] = {"specialValue": "NaN"}
        elif roll < 0.8:
            row["达成率公式"] = round(rng.uniform(0.2, 1.3), 2)
        rows.append({k: v for k, v in row.items() if v not in ("", [], None)})
    return rows


def load_section(n: int, seed: int = 0) -> dict[str, Any]:
    """A plan section (``table``, ``fields``, ``rows``) of ``n`` generated rows."""
    return {
        "table": LOAD_TABLE_NAME,
        "fields": json.loads(json.dumps(LOAD_FIELDS, ensure_ascii=False)),
        "rows": generate_load_rows(n, seed=seed),
    }


def seed_airtable(backend: AirtableBackend, name: str, sections: list[Mapping[str, Any]]) -> str:
    """One base named ``name`` with one table per plan section; returns the base id."""
    base_id = backend.create_base(name)
    for section in sections:
        backend.create_table_from_plan(base_id, section)
    return base_id


def seed_notion(notion: Any, sections: list[Mapping[str, Any]], *, token: str) -> list[Any]:
    """One Notion database per plan section, in ``token``'s workspace.

    Returns what the Notion backend's ``create_database_from_plan`` returns
    (database id, data source id) per section.
    """
    if notion is None:
        return []
    return [notion.create_database_from_plan(section, token=token) for section in sections]


def seed_sandbox(
    airtable: AirtableBackend,
    notion: Any | None,
    *,
    token: str,
    seed: SeedKind = "demo",
    rows: int = 1000,
    plan: Mapping[str, Any] | None = None,
) -> bool:
    """Fill an empty sandbox; returns whether anything was seeded.

    ``demo``: one Airtable base and one Notion database per section of the demo plan
    (a Chinese table and an English one), and a Notion page to publish reports under.
    ``load``: one table / data source of ``rows`` generated rows. A sandbox that already
    holds data (a ``--data`` directory seeded on an earlier run) is left as it is.
    """
    if seed == "none":
        return False
    if seed not in ("demo", "load"):
        raise ValueError(f"seed must be demo, load or none, not {seed!r}")
    notion_has_data = bool(notion is not None and notion.list_databases(token))
    if airtable.has_bases() or notion_has_data:
        return False
    if seed == "demo":
        source = plan if plan is not None else load_plan()
        sections = [source[key] for key in source]
        seed_airtable(airtable, DEMO_BASE_NAME, sections)
        if notion is not None:
            # A page to publish reports under (`[report] notion_parent`).
            notion.create_workspace_page(DEMO_REPORTS_PAGE, token=token)
    else:
        sections = [load_section(rows)]
        seed_airtable(airtable, LOAD_BASE_NAME, sections)
    seed_notion(notion, sections, token=token)
    return True
