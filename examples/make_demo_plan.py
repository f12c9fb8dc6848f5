"""Writes tasklint/data/demo-plan.json, the plan `tasklint demo` and the sandbox seed
into Airtable and Notion, from the two example plans in this folder.

The example files hold what people type; the demo plan holds what the services store:
typed cells in Airtable's cell JSON (dates ISO, percent as a fraction, currency as a
number, collaborators, selects). A value a typed field cannot hold (the example's
"6月31日" due date, "差不多了" progress) is left out, as a form would refuse it.

Run `python examples/make_demo_plan.py` after changing an example.
"""

from __future__ import annotations

import csv
import json
import re
from datetime import date, datetime
from pathlib import Path

from make_en_xlsx import HEADERS as EN_HEADERS
from make_en_xlsx import ROWS as EN_ROWS

HERE = Path(__file__).parent
TARGET = HERE.parent / "tasklint" / "data" / "demo-plan.json"

# logical column -> (zh header, en header, Airtable field type)
COLUMNS = [
    ("title", "检查项目", "Check item", "singleLineText"),
    ("phase", "检查阶段", "Phase", "singleSelect"),
    ("standard", "检查标准", "Standard", "multilineText"),
    ("goal", "目标", "Goal", "singleLineText"),
    ("metric", "指标", "Metric", "singleLineText"),
    ("target", "目标值", "Target", "singleLineText"),
    ("expected", "预期值", "Expected", "singleLineText"),
    ("actual", "实际值", "Actual", "singleLineText"),
    ("owner_combined", "责任部门/人", "Owner (department/person)", "singleLineText"),
    ("owner", "负责人", "Assignee", "multipleCollaborators"),
    ("status", "完成状态", "Status", "singleSelect"),
    ("due", "截止日期", "Due", "date"),
    ("done_on", "完成日期", "Completed on", "date"),
    ("progress", "进度", "Progress", "percent"),
    ("deliverable", "输出成果", "Deliverable", "singleLineText"),
    ("budget", "预算", "Budget", "currency"),
    ("spent", "已用预算", "Spent", "currency"),
    ("contingency", "应急预算", "Contingency", "currency"),
    ("updated", "最后更新", "Last update", "date"),
    ("notes", "备注", "Notes", "multilineText"),
    ("ignore", "忽略规则", "Lint ignore", "singleLineText"),
]
SOURCE_HEADER = {  # the example files' header for each logical column
    "zh": {"title": "检查项目", "owner_combined": "责任部门/人"},
    "en": {"title": "Check item", "owner_combined": "Owner (department/person)"},
}


def _date(value: object) -> str | None:
    if isinstance(value, datetime | date):
        return value.strftime("%Y-%m-%d")
    text = str(value or "").strip()
    if m := re.fullmatch(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})", text):
        year, month, day = map(int, m.groups())
    elif m := re.fullmatch(r"(\d{1,2})月(\d{1,2})日", text):
        year, (month, day) = 2025, map(int, m.groups())
    elif m := re.fullmatch(r"(Jun|June) (\d{1,2}), (\d{4})", text):
        year, month, day = int(m.group(3)), 6, int(m.group(2))
    else:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _number(value: object, percent: bool = False) -> float | None:
    if isinstance(value, int | float):
        return float(value)
    text = str(value or "").strip().replace(",", "").lstrip("¥")
    scale = 1.0
    if text.endswith("%"):
        text, scale = text[:-1], 0.01
    elif text.endswith("万"):
        text, scale = text[:-1], 10_000.0
    elif text.lower().endswith("k"):
        text, scale = text[:-1], 1_000.0
    try:
        return float(text) * scale
    except ValueError:
        return None


def _person(owner_cell: str) -> list[dict[str, str]]:
    """The people an owner cell names, as collaborators; departments and groups name none."""
    names = re.split(r"[、,]| and ", owner_cell.split("-")[-1].split("—")[-1])
    people = []
    for name in (n.strip() for n in names):
        chinese_name = re.fullmatch(r"[\u4e00-\u9fff]{2,3}", name) and not name.endswith(
            ("部", "人", "队")
        )
        if chinese_name or re.fullmatch(r"[A-Z][a-z]+ [A-Z][a-z]+", name):
            people.append(name)
    return [{"name": n, "email": _email(n)} for n in people]


def _email(name: str) -> str:
    if name.isascii():
        return re.sub(r"\W+", ".", name.lower()) + "@example.com"
    return f"u{sum(map(ord, name)):05d}@example.com"  # stable, and an address a form accepts


def _section(lang: str, records: list[dict[str, object]], table: str) -> dict[str, object]:
    fields = []
    headers = {logical: (zh if lang == "zh" else en, kind) for logical, zh, en, kind in COLUMNS}
    for logical, (name, kind) in headers.items():
        spec: dict[str, object] = {"name": name, "type": kind}
        if kind == "singleSelect":
            options = list(dict.fromkeys(str(r[logical]) for r in records if r.get(logical)))
            spec["options"] = options
        if kind == "currency":
            spec["symbol"] = "¥"
        fields.append(spec)
    rows = []
    for record in records:
        row: dict[str, object] = {}
        for logical, (name, kind) in headers.items():
            raw = record.get(logical)
            if kind == "date":
                value: object = _date(raw)
            elif kind in ("percent", "currency"):
                value = _number(raw, percent=kind == "percent")
                if kind == "percent" and value is not None and value > 1:
                    value = None
            elif kind == "multipleCollaborators":
                value = _person(str(record.get("owner_combined") or "")) or None
            else:
                value = str(raw).strip() if raw not in (None, "") else None
            if value is not None:
                row[name] = value
        rows.append(row)
    return {"table": table, "fields": fields, "rows": rows}


def _records(headers: list[str], rows: list[list[object]], lang: str) -> list[dict[str, object]]:
    by_header = {(zh if lang == "zh" else en): logical for logical, zh, en, _ in COLUMNS}
    by_header.update({v: k for k, v in SOURCE_HEADER[lang].items()})
    return [
        {by_header[h]: value for h, value in zip(headers, row, strict=True) if h in by_header}
        for row in rows
    ]


def main() -> None:
    with (HERE / "marketing-plan.zh.csv").open(encoding="utf-8") as handle:
        zh_rows = list(csv.reader(handle))
    plan = {
        "zh": _section("zh", _records(zh_rows[0], zh_rows[1:], "zh"), "营销任务分工表"),
        "en": _section("en", _records(EN_HEADERS, EN_ROWS, "en"), "Marketing task assignment"),
    }
    TARGET.write_text(json.dumps(plan, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
