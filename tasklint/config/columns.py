"""Logical fields and the column headers recognised for them without configuration.

Headers are compared after `normalise_key` (NFKC, traditional -> simplified, casefold,
no spaces), so "完成狀態", "完成 状态" and "ＳＴＡＴＵＳ" all find their field.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from tasklint.text import normalise_key

# logical field -> recognised headers (English, then Chinese). DESIGN §2 is the contract.
ALIASES: dict[str, tuple[str, ...]] = {
    "title": ("Task", "Check item", "Name", "Item", "任务", "检查项目", "名称", "事项"),
    "phase": ("Phase", "Stage", "检查阶段", "阶段"),
    "standard": ("Standard", "Check standard", "Criteria", "检查标准", "标准"),
    "goal": ("Goal", "Objective", "Target description", "目标", "营销目标"),
    "metric": ("Metric", "KPI", "指标", "核心指标", "考核指标"),
    "target": ("Target", "Target value", "目标值"),
    "actual": ("Actual", "Actual value", "实际值", "达成值"),
    "expected": ("Expected", "Benchmark", "预期值", "基准值"),
    "owner": ("Owner", "Assignee", "Responsible", "责任人", "负责人"),
    "department": ("Department", "Team", "责任部门", "部门"),
    "owner_combined": ("Owner (department/person)", "责任部门/人"),
    "status": ("Status", "完成状态", "状态"),
    "start": ("Start", "Start date", "开始日期"),
    "due": ("Due", "Due date", "Deadline", "截止日期", "交付时间", "截止时间"),
    "done_on": ("Completed on", "Done date", "完成日期"),
    "progress": ("Progress", "% done", "进度", "完成度"),
    "deliverable": ("Deliverable", "Output", "输出成果", "交付物"),
    "budget": ("Budget", "预算"),
    "spent": ("Spent", "Budget used", "已用预算", "实际花费"),
    "contingency": ("Contingency", "Reserve", "应急预算"),
    "notes": ("Notes", "Remarks", "备注"),
    "updated": ("Last update", "Updated", "最后更新", "更新时间"),
    "ignore": ("Lint ignore", "忽略规则"),
}

LOGICAL_FIELDS: tuple[str, ...] = tuple(ALIASES)


def column_name(field: str, locale: str) -> str:
    """The usual header of a logical field in a language: its first Chinese alias for
    zh ("截止日期"), its first alias otherwise ("Due")."""
    names = ALIASES.get(field, (field,))
    if locale == "zh":
        return next((n for n in names if not n.isascii()), names[0])
    return names[0]


# The seed's template writes the status header with its options in it:
# "完成状态（□未完成/□已完成/□异常）". A header is matched on its text before a bracket too.
_BRACKETS = ("(", "（", "[", "【")

_LOOKUP: dict[str, str] = {normalise_key(h): field for field, hs in ALIASES.items() for h in hs}


def _header_stem(header: str) -> str:
    cut = len(header)
    for bracket in _BRACKETS:
        at = header.find(bracket)
        if at > 0:
            cut = min(cut, at)
    return header[:cut]


def field_for_header(header: str) -> str | None:
    """The logical field a header stands for, or None."""
    key = normalise_key(header)
    if key in _LOOKUP:
        return _LOOKUP[key]
    return _LOOKUP.get(normalise_key(_header_stem(header)))


def map_headers(
    headers: Iterable[str],
    overrides: Mapping[str, str] | None = None,
    *,
    owned: Iterable[str] = (),
) -> dict[str, str]:
    """logical field -> header, from the aliases and a source's configured mapping.

    A configured mapping wins over the aliases; among aliases the first header that
    matches wins, so a table with both "Task" and "Name" reads its title from "Task"'s
    position only if it comes first. tasklint's own write-back columns (`owned`) are
    never read as inputs.
    """
    headers = [h for h in headers if h is not None]
    owned_keys = {normalise_key(h) for h in owned}
    by_key = {normalise_key(h): h for h in headers}
    mapping: dict[str, str] = {}
    for field, wanted in (overrides or {}).items():
        found = by_key.get(normalise_key(wanted))
        if found is not None:
            mapping[field] = found
    taken = set(mapping.values())
    for header in headers:
        if header in taken or normalise_key(header) in owned_keys:
            continue
        matched = field_for_header(header)
        if matched is not None and matched not in mapping:
            mapping[matched] = header
            taken.add(header)
    return mapping
