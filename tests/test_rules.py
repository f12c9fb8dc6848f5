"""Each rule fires where the checklist says it should, and stays quiet where it should
not — with Chinese and with English tables. Cases are data: a row in, codes out."""

from __future__ import annotations

import re

import pytest

from tasklint.model import Severity, Status
from tests.helpers import codes, lint_rows, table_codes

ZH = {
    "阶段": "执行监控阶段",
    "任务": "渠道投放排期",
    "责任部门/人": "市场部-张三",
    "截止日期": "2025-06-30",
}
EN = {
    "Phase": "Monitoring",
    "Task": "Channel schedule",
    "Owner (department/person)": "Marketing — Zhang Wei",
    "Due": "2025-06-30",
}

# (code, base row, overrides, expected to fire)
CASES = [
    # G101 goal-missing
    ("G101", ZH, {"阶段": "方案准备阶段", "目标": ""}, True),
    ("G101", ZH, {"阶段": "方案准备阶段", "目标": "新客转化率≥15%"}, False),
    ("G101", ZH, {"阶段": "方案准备阶段", "目标": "", "备注": "目标值：新客转化率≥15%"}, False),
    ("G101", ZH, {"目标": "", "目标值": "15%"}, True),
    ("G101", ZH, {"目标": ""}, False),
    ("G101", EN, {"Phase": "Preparation", "Goal": ""}, True),
    ("G101", EN, {"Phase": "Preparation", "Goal": "Conversion rate ≥ 15%"}, False),
    # G102 goal-not-measurable
    ("G102", ZH, {"目标": "提升品牌影响力"}, True),
    ("G102", ZH, {"目标": "新客转化率≥15%"}, False),
    ("G102", ZH, {"目标": "品牌搜索量提升50%"}, False),
    ("G102", ZH, {"目标": "618大促期间提升声量"}, True),
    ("G102", EN, {"Goal": "Improve brand influence"}, True),
    ("G102", EN, {"Goal": "Brand search volume +50%"}, False),
    # G103 goal-not-time-bound
    ("G103", ZH, {"目标": "新客转化率≥15%", "截止日期": ""}, True),
    ("G103", ZH, {"目标": "新客转化率≥15%"}, False),
    ("G103", ZH, {"目标": "第三季度新客转化率≥15%", "截止日期": ""}, False),
    ("G103", EN, {"Goal": "Conversion rate ≥ 15%", "Due": ""}, True),
    ("G103", EN, {"Goal": "Conversion rate ≥ 15% by June 30", "Due": ""}, False),
    # O201 owner-missing
    ("O201", ZH, {"责任部门/人": ""}, True),
    ("O201", ZH, {}, False),
    ("O201", EN, {"Owner (department/person)": ""}, True),
    # O202 multiple-owners
    ("O202", ZH, {"责任部门/人": "财务部/市场部"}, True),
    ("O202", ZH, {"责任部门/人": "张三、李四"}, True),
    ("O202", ZH, {"责任部门/人": "全体执行团队"}, True),
    ("O202", ZH, {}, False),
    ("O202", EN, {"Owner (department/person)": "Alice and Bob"}, True),
    ("O202", EN, {"Owner (department/person)": "Finance / Marketing"}, True),
    ("O202", EN, {}, False),
    # O203 owner-not-named
    ("O203", ZH, {"责任部门/人": "市场部"}, True),
    ("O203", ZH, {"责任部门/人": "市场部经理"}, True),
    ("O203", ZH, {}, False),
    ("O203", EN, {"Owner (department/person)": "Marketing"}, True),
    ("O203", EN, {"Owner (department/person)": "Data analyst"}, True),
    ("O203", EN, {}, False),
    # O204 department-missing
    ("O204", ZH, {"责任部门/人": "张三"}, True),
    ("O204", ZH, {}, False),
    ("O204", EN, {"Owner (department/person)": "Zhang Wei"}, True),
    # a cell written but unreadable is X901's alone, not "missing" as well
    ("O201", ZH, {"责任部门/人": "!!!"}, False),
    ("X901", ZH, {"责任部门/人": "!!!"}, True),
    ("O204", ZH, {"责任部门/人": "张三", "责任部门": "!!!"}, False),
    ("X901", ZH, {"责任部门/人": "张三", "责任部门": "!!!"}, True),
    # M302 surface-metric-only
    ("M302", ZH, {"指标": "曝光量"}, True),
    ("M302", ZH, {"指标": "曝光量、转化率"}, False),
    ("M302", EN, {"Metric": "Impressions"}, True),
    ("M302", EN, {"Metric": "ROI"}, False),
    # M303 metric-below-expectation
    ("M303", ZH, {"指标": "转化率", "预期值": "5%", "实际值": "3.5%"}, True),
    ("M303", ZH, {"指标": "转化率", "预期值": "5%", "实际值": "4.5%"}, False),
    ("M303", ZH, {"指标": "新客转化率", "目标值": "15%", "实际值": "12%"}, False),  # exactly 20%
    (
        "M303",
        ZH,
        {"指标": "获客成本", "目标值": "50", "实际值": "65"},
        True,
    ),  # cost: above is worse
    ("M303", ZH, {"指标": "获客成本", "目标值": "50", "实际值": "30"}, False),
    ("M303", EN, {"Metric": "Conversion rate", "Expected": "5%", "Actual": "3%"}, True),
    ("M303", EN, {"Metric": "CAC", "Target": "¥50", "Actual": "¥55"}, False),
    # M305 channel-test-below-bar
    ("M305", ZH, {"任务": "抖音信息流测试投放", "指标": "点击率", "实际值": "1.2%"}, True),
    ("M305", ZH, {"任务": "抖音信息流测试投放", "指标": "点击率", "实际值": "2.5%"}, False),
    (
        "M305",
        ZH,
        {"任务": "抖音信息流广告", "指标": "点击率", "实际值": "1.2%"},
        False,
    ),  # not a test
    ("M305", EN, {"Task": "Douyin test campaign", "Notes": "CTR 1.5% after 1,000 CNY"}, True),
    # a CTR is read within one cell: the title names the metric, the standard a budget share
    ("M305", ZH, {"任务": "抖音信息流测试投放 点击率", "检查标准": "1%预算内完成"}, False),
    # M306 actual-missing
    ("M306", ZH, {"阶段": "效果复盘阶段", "目标值": "15%", "实际值": ""}, True),
    ("M306", ZH, {"阶段": "效果复盘阶段", "目标值": "15%", "实际值": "12%"}, False),
    ("M306", ZH, {"阶段": "方案准备阶段", "目标值": "15%", "实际值": ""}, False),
    ("M306", EN, {"Phase": "Review", "Target": "15%", "Actual": ""}, True),
    ("M306", ZH, {"阶段": "效果复盘阶段", "目标值": "15%", "实际值": "差不多"}, False),
    ("X901", ZH, {"阶段": "效果复盘阶段", "目标值": "15%", "实际值": "差不多"}, True),
    # S401 due-missing
    ("S401", ZH, {"截止日期": ""}, True),
    ("S401", ZH, {}, False),
    ("S401", EN, {"Due": ""}, True),
    ("S401", ZH, {"截止日期": "6月31日"}, False),
    ("S401", EN, {"Due": "next Friday-ish"}, False),
    # S402 overdue (today is 2025-06-20)
    ("S402", ZH, {"截止日期": "2025-06-17", "完成状态": "进行中"}, True),
    ("S402", ZH, {"截止日期": "2025-06-17", "完成状态": "已完成"}, False),
    ("S402", ZH, {"截止日期": "2025-06-21", "完成状态": "进行中"}, False),
    ("S402", EN, {"Due": "Jun 19, 2025", "Status": "in progress"}, True),
    ("S402", EN, {"Due": "2025-06-17", "Progress": "100%"}, False),
    # S403 stale-progress
    ("S403", ZH, {"最后更新": "2025-06-12", "完成状态": "进行中"}, True),
    ("S403", ZH, {"最后更新": "2025-06-19", "完成状态": "进行中"}, False),
    ("S403", ZH, {"最后更新": "2025-06-12", "完成状态": "已完成"}, False),
    ("S403", EN, {"Last update": "2025-06-01", "Status": "todo"}, True),
    # S404 deliverable-missing
    ("S404", ZH, {"阶段": "方案准备阶段", "输出成果": ""}, True),
    ("S404", ZH, {"阶段": "方案准备阶段", "输出成果": "投放排期表"}, False),
    ("S404", ZH, {"阶段": "效果复盘阶段", "输出成果": ""}, False),
    ("S404", EN, {"Phase": "Preparation", "Deliverable": ""}, True),
    # B502 spend-ahead-of-progress
    ("B502", ZH, {"预算": "1万", "已用预算": "7000", "进度": "40%"}, True),
    ("B502", ZH, {"预算": "1万", "已用预算": "5000", "进度": "40%"}, False),
    ("B502", EN, {"Budget": "$10,000", "Spent": "$7,000", "Progress": "40%"}, True),
    # B503 over-budget
    ("B503", ZH, {"预算": "¥10,000", "已用预算": "¥12,500"}, True),
    ("B503", ZH, {"预算": "¥10,000", "已用预算": "¥10,000"}, False),
    ("B503", EN, {"Budget": "10k", "Spent": "12.5k"}, True),
    # R601 review-incomplete
    (
        "R601",
        ZH,
        {"阶段": "效果复盘阶段", "任务": "复盘报告输出", "备注": "建议增加小红书渠道投放"},
        True,
    ),
    (
        "R601",
        ZH,
        {
            "阶段": "效果复盘阶段",
            "任务": "复盘报告输出",
            "备注": "成功：小红书互动量超预期50%；问题：到店率低；建议：调整选址",
        },
        False,
    ),
    ("R601", ZH, {"阶段": "效果复盘阶段", "任务": "资料归档", "备注": ""}, False),
    (
        "R601",
        EN,
        {"Phase": "Review", "Task": "Review report", "Notes": "Suggest adding Xiaohongshu"},
        True,
    ),
    # R602 completion-rate
    ("R602", ZH, {"目标值": "15%", "实际值": "12%"}, True),
    ("R602", ZH, {"目标值": "15%", "实际值": ""}, False),
    ("R602", EN, {"Target": "500", "Actual": "260"}, True),
    # X901 unparseable-cell
    ("X901", ZH, {"截止日期": "6月31日"}, True),
    ("X901", ZH, {"进度": "差不多了"}, True),
    ("X901", ZH, {"完成状态": "看情况"}, True),
    ("X901", ZH, {"截止日期": "6月30日"}, False),
    ("X901", EN, {"Due": "next Friday-ish"}, True),
    # X902 unknown-ignore-code
    ("X902", ZH, {"忽略规则": "S40"}, True),
    ("X902", ZH, {"忽略规则": "B502"}, True),  # suppresses nothing
    ("X902", ZH, {"截止日期": "", "忽略规则": "S401 — 待定"}, False),
    ("X902", EN, {"Lint ignore": "Z999"}, True),
]


def _row(base: dict[str, str], overrides: dict[str, str]) -> dict[str, str]:
    return {**base, **overrides}


@pytest.mark.parametrize(
    ("code", "base", "overrides", "fires"),
    CASES,
    ids=[f"{c[0]}-{'zh' if c[1] is ZH else 'en'}-{i}" for i, c in enumerate(CASES)],
)
def test_rule_fires_or_stays_quiet(code, base, overrides, fires):
    row = _row(base, overrides)
    headers = (
        (*ZH, "目标", "备注", "忽略规则") if base is ZH else (*EN, "Goal", "Notes", "Lint ignore")
    )
    result = lint_rows([row], extra_headers=headers, locale="zh" if base is ZH else "en")
    found = codes(result)
    assert (code in found) is fires, (
        f"{code} {'should' if fires else 'should not'} fire on {row}: {found}"
    )


def test_messages_follow_the_locale():
    row = {
        "任务": "品牌宣传",
        "目标": "提升品牌影响力",
        "责任部门/人": "市场部-张三",
        "截止日期": "2025-06-30",
    }
    zh = lint_rows([row], locale="zh").tasks[0].active
    en = lint_rows([row], locale="en").tasks[0].active
    g102_zh = next(f for f in zh if f.code == "G102")
    g102_en = next(f for f in en if f.code == "G102")
    assert "目标不可量化" in g102_zh.message and "提升品牌影响力" in g102_zh.message
    assert g102_en.message.startswith("Goal is not measurable")


def test_lists_in_messages_are_joined_as_the_language_lists_them():
    row = {"任务": "预算", "责任部门/人": "财务部/市场部", "截止日期": "2025-06-30"}

    def o202(locale: str) -> str:
        found = lint_rows([row], locale=locale).tasks[0].active
        return next(f.message for f in found if f.code == "O202")

    assert "财务部、市场部" in o202("zh")
    assert "财务部, 市场部" in o202("en") and "、" not in o202("en")


def test_overdue_past_tolerance_is_an_error_and_abnormal():
    row = {
        "任务": "线下活动场地搭建",
        "截止日期": "2025-06-17",
        "完成状态": "进行中",
        "责任部门/人": "市场部-王五",
    }
    result = lint_rows([row])
    s402 = next(f for f in result.tasks[0].active if f.code == "S402")
    assert s402.severity is Severity.ERROR
    assert "3" in s402.message
    assert result.tasks[0].status is Status.ABNORMAL


def test_overdue_within_tolerance_is_a_warning_and_not_abnormal():
    row = {
        "任务": "客户邀约名单",
        "截止日期": "2025-06-19",
        "完成状态": "进行中",
        "责任部门/人": "销售部-李四",
    }
    result = lint_rows([row])
    s402 = next(f for f in result.tasks[0].active if f.code == "S402")
    assert s402.severity is Severity.WARNING
    assert result.tasks[0].status is Status.NOT_DONE


def test_overdue_tolerance_and_severity_are_configurable():
    from tasklint.validators.engine import RuleSetting
    from tasklint.validators.registry import configure

    params, severity = configure("S402", {"max_delay_days": 5, "severity": "warning"})
    row = {"任务": "场地搭建", "截止日期": "2025-06-10", "完成状态": "进行中"}
    result = lint_rows([row], settings={"S402": RuleSetting(params, severity)})
    s402 = next(f for f in result.tasks[0].active if f.code == "S402")
    assert s402.severity is Severity.WARNING  # 10 days late, but raised to warning only
    assert result.tasks[0].status is Status.NOT_DONE


@pytest.mark.parametrize(
    ("due", "updated", "overdue", "stale"),
    [
        ("2025-06-19", "2025-06-17", "Overdue by 1 day (", "No update for 3 days ("),
        ("2025-06-18", "2025-06-19", "Overdue by 2 days (", None),
    ],
)
def test_english_counts_days_in_words(due, updated, overdue, stale):
    from tasklint.validators.engine import RuleSetting
    from tasklint.validators.registry import configure

    # With no tolerance, one day late is already past it: its message counts as well.
    strict = RuleSetting(*configure("S402", {"max_delay_days": 0}))
    row = {"Task": "Venue", "Due": due, "Last update": updated, "Status": "in progress"}
    for settings, key in (({}, "default"), ({"S402": strict}, "abnormal")):
        found = {f.code: f.message for f in lint_rows([row], settings=settings).tasks[0].active}
        assert found["S402"].startswith(overdue), (key, found["S402"])
        assert found.get("S403", "")[: len(stale or "")] == (stale or "")
        assert "(s)" not in found["S402"]
    zh = lint_rows([row], locale="zh").tasks[0].active
    assert any(f.message.startswith("已逾期") and "day" not in f.message for f in zh)


def test_suppressed_finding_counts_for_nothing():
    row = {
        "任务": "场地搭建",
        "截止日期": "2025-06-10",
        "完成状态": "进行中",
        "忽略规则": "S402 — 供应商延误",
    }
    result = lint_rows([row])
    assert "S402" not in codes(result)
    assert "X902" not in codes(result)
    assert result.tasks[0].status is Status.NOT_DONE
    assert any(f.code == "S402" and f.suppressed for f in result.tasks[0].findings)


def test_owner_marked_abnormal_stays_abnormal():
    row = {"任务": "关键节点进度", "完成状态": "异常", "截止日期": "2025-06-30"}
    assert lint_rows([row]).tasks[0].status is Status.ABNORMAL


@pytest.mark.parametrize(
    ("cells", "status"),
    [
        ({"完成状态": "已完成"}, Status.DONE),
        ({"进度": "100%"}, Status.DONE),
        ({"完成日期": "2025-06-18"}, Status.DONE),
        ({"完成状态": "进行中", "进度": "40%"}, Status.NOT_DONE),
        ({"Status": "✅"}, Status.DONE),
        ({"Status": "blocked"}, Status.ABNORMAL),
    ],
)
def test_computed_status(cells, status):
    row = {"任务": "x", "截止日期": "2025-06-30", **cells}
    assert lint_rows([row]).tasks[0].status is status


@pytest.mark.parametrize(
    ("metric", "target", "actual", "expected"),
    [
        ("新客转化率", "15%", "12%", 0.8),
        ("获客成本", "50", "40", 1.25),  # lower is better: target / actual
        ("CAC", "¥50", "¥100", 0.5),
        ("ROI", "3", "", None),
        ("ROI", "0", "2", None),
    ],
)
def test_completion(metric, target, actual, expected):
    row = {"任务": "x", "指标": metric, "目标值": target, "实际值": actual}
    completion = lint_rows([row]).tasks[0].completion
    assert completion == pytest.approx(expected) if expected is not None else completion is None


def test_core_metric_untracked_is_table_level():
    surface_only = [
        {"任务": "品牌曝光", "指标": "曝光量"},
        {"任务": "涨粉", "指标": "粉丝数"},
    ]
    result = lint_rows(surface_only)
    assert table_codes(result) == ["M301"]
    assert all("M301" not in codes(result, i) for i in range(2))
    tracked = [*surface_only, {"任务": "转化", "指标": "转化率"}]
    assert "M301" not in table_codes(lint_rows(tracked))


@pytest.mark.parametrize(
    ("rows", "fires"),
    [
        (
            [{"任务": "a", "预算": "10万"}, {"任务": "b", "预算": "10万", "应急预算": "2.5万"}],
            False,
        ),  # 12.5%
        ([{"任务": "a", "预算": "20万"}, {"任务": "b", "应急预算": "5000"}], True),  # 2.5%
        ([{"任务": "a", "预算": "20万"}], True),  # no reserve at all
        ([{"任务": "a", "备注": "应急预算：总预算的15%"}], False),
        ([{"Task": "a", "Notes": "Contingency: 25% of total budget"}], True),
    ],
)
def test_contingency_reserve(rows, fires):
    assert ("B501" in table_codes(lint_rows(rows))) is fires


def test_rule_without_its_columns_is_skipped_once_not_fired_per_row():
    rows = [{"任务": f"t{i}", "责任部门/人": "市场部-张三"} for i in range(5)]
    result = lint_rows(rows)
    skipped = {s.code: s.reason for s in result.skipped}
    assert "S401" in skipped and "B503" in skipped
    assert all("S401" not in codes(result, i) for i in range(5))
    # said in the run's language, by the columns' usual names
    assert skipped["S401"] == ("表中没有“截止日期”列" if result.locale == "zh" else "no Due column")
    english = lint_rows([{"Task": "t"}], locale="en")
    assert {s.code: s.reason for s in english.skipped}["B503"] == "no Budget / Spent column"
    # alternatives are said with "or": a column's own name may hold a "/"
    assert {s.code: s.reason for s in english.skipped}["O204"] == (
        "no Department or Owner (department/person) column"
    )
    chinese = lint_rows([{"任务": "t"}], locale="zh")
    assert {s.code: s.reason for s in chinese.skipped}["B503"] == "表中没有“预算 / 已用预算”列"
    empty = lint_rows([], locale="zh")
    assert {s.code: s.reason for s in empty.skipped}["M301"] == "表中没有任务行"
    assert not empty.table_findings


def test_select_and_ignore_by_prefix():
    row = {"任务": "x", "目标": "提升品牌影响力", "责任部门/人": "", "截止日期": ""}
    only_goals = lint_rows([row], select=["G"])
    assert {f.code[0] for f in only_goals.tasks[0].active} == {"G"}
    no_owner = lint_rows([row], ignore=["O"])
    assert not [c for c in codes(no_owner) if c.startswith("O")]
    specific_wins = lint_rows([row], select=["ALL"], ignore=["O"])
    assert "O201" not in codes(specific_wins)
    reselected = lint_rows([row], select=["ALL", "O201"], ignore=["O"])
    assert "O201" in codes(reselected)


def test_findings_sorted_by_severity_then_code():
    row = {
        "任务": "场地",
        "截止日期": "2025-06-01",
        "完成状态": "进行中",
        "目标": "提升品牌影响力",
        "责任部门/人": "",
        "预算": "1万",
        "已用预算": "2万",
    }
    found = lint_rows([row]).tasks[0].active
    keys = [(f.severity.rank, f.code) for f in found]
    assert keys == sorted(keys) and found[0].severity is Severity.ERROR


def test_x901_quotes_the_cell_and_the_rest_of_the_row_is_still_checked():
    row = {"任务": "KOL合作", "截止日期": "6月31日", "进度": "差不多了", "责任部门/人": ""}
    found = lint_rows([row]).tasks[0].active
    x901 = [f.message for f in found if f.code == "X901"]
    assert any("6月31日" in m for m in x901) and any("差不多了" in m for m in x901)
    assert "O201" in [f.code for f in found]


def test_every_message_renders_in_both_languages():
    from tasklint.validators.registry import all_rules

    sample = {
        "goal": "g",
        "count": 2,
        "names": "a、b",
        "department": "d",
        "role": "r",
        "metrics": "m",
        "metric": "m",
        "gap": "30%",
        "basis": "b",
        "actual": "1",
        "reference": "2",
        "ctr": "1%",
        "bar": "2%",
        "target": "t",
        "days": 3,
        "day_word": "days",
        "due": "2025-06-17",
        "limit": 2,
        "updated": "u",
        "share": "5%",
        "low": "10%",
        "high": "15%",
        "spent": "s",
        "progress": "p",
        "budget": "b",
        "over": "o",
        "missing": "m",
        "rate": "80%",
        "column": "c",
        "raw": "r",
        "expected": "e",
        "code": "X",
        "change": "+20%",
        "before": "1",
        "now": "2",
    }
    for rule in all_rules():
        for key, text in rule.messages.items():
            zh, en = text.render("zh", sample), text.render("en", sample)
            assert re.search(r"[\u4e00-\u9fff]", zh), f"{rule.code}.{key} has no Chinese message"
            assert not re.search(r"[\u4e00-\u9fff]", text.en), (
                f"{rule.code}.{key} English has Chinese"
            )
            assert "{" not in zh + en, f"{rule.code}.{key} left a placeholder"


def test_trusted_finding_equals_a_validated_one():
    from pydantic import ValidationError

    from tasklint.model import Finding

    fast = Finding.trusted("S402", "overdue", Severity.ERROR, "late", "due")
    slow = Finding(
        code="S402", name="overdue", severity=Severity.ERROR, message="late", field="due"
    )
    assert fast == slow and fast.model_dump() == slow.model_dump()
    # rows share findings: one cannot be changed in place, only copied
    with pytest.raises(ValidationError):
        fast.suppressed = True  # type: ignore[misc]
    hidden = fast.model_copy(update={"suppressed": True})
    assert hidden.suppressed and not fast.suppressed
