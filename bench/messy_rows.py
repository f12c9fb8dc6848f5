"""Generates realistically messy checklist rows as a CSV file, for the benchmarks.

Mixed Chinese and English, percentages written four ways, 万/k amounts, dates in
several layouts, some unreadable cells, shared owners, overdue tasks, empty cells.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

HEADERS = [
    "检查阶段",
    "检查项目",
    "目标",
    "指标",
    "目标值",
    "实际值",
    "责任部门/人",
    "完成状态",
    "截止日期",
    "进度",
    "输出成果",
    "预算",
    "已用预算",
    "最后更新",
    "备注",
]
STATUS = ["已完成", "未完成", "进行中", "异常", "done", "in progress", "todo", "blocked"]
PHASES = ["方案准备阶段", "执行监控阶段", "效果复盘阶段", "Preparation", "Monitoring", "Review"]
GOALS = [
    "新客转化率≥15%",
    "提升品牌影响力",
    "品牌搜索量提升50%",
    "Q3 GMV +20%",
    "Improve awareness",
    "双11期间销售额翻一番",
    "Get 2,000 leads by June 30",
    "",
    "曝光量达到100万",
    "三成用户复购",
]
METRICS = ["转化率", "曝光量", "ROI", "CTR", "获客成本", "Impressions", "leads", ""]
OWNERS = [
    "市场部-张三",
    "财务部/市场部",
    "Alice and Bob",
    "销售部",
    "",
    "Marketing — Zhang Wei",
    "张三、李四",
    "数据分析师",
    "全体执行团队",
    "产品部-王五",
]
DATES = [
    "2025-06-{d:02d}",
    "2025/6/{d}",
    "6月{d}日",
    "Jun {d}, 2025",
    "2025-06-{d:02d}T08:00:00.000Z",
]
PERCENTS = ["{p}%", "{p} %", "0.{p:02d}", "{p}％"]


def row(rng: random.Random) -> list[str]:
    day = rng.randint(1, 30)
    pct = rng.randint(1, 99)
    due = (
        rng.choice(DATES).format(d=day)
        if rng.random() > 0.1
        else rng.choice(["", "6月31日", "ASAP"])
    )
    budget = rng.choice(["", "5万", "¥12,000", "30k", "8000"])
    return [
        rng.choice(PHASES),
        f"任务 {rng.randint(1, 10**6)}",
        rng.choice(GOALS),
        rng.choice(METRICS),
        rng.choice(["15%", "500", "2%", "", "3万"]),
        rng.choice(["12%", "260", "1.2%", "", "2.5万", "差不多"]),
        rng.choice(OWNERS),
        rng.choice(STATUS),
        due,
        rng.choice(PERCENTS).format(p=pct) if rng.random() > 0.05 else "mostly",
        rng.choice(["", "投放排期表", "Review report"]),
        budget,
        rng.choice(["", "2万", "¥6,000", "40k"]) if budget else "",
        rng.choice(DATES).format(d=rng.randint(1, 20)),
        rng.choice(["", "应急预算：总预算的12%", "建议增加小红书渠道投放", "CTR 1.5% in the test"]),
    ]


def write_csv(path: Path, rows: int, seed: int = 7) -> Path:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        for _ in range(rows):
            writer.writerow(row(rng))
    return path
