"""B5xx: budget matches the plan, keeps a 10–15% reserve, and spend follows progress
(seed steps 1.3 and 2.1)."""

from __future__ import annotations

import re

from tasklint.model import Severity, Table, Task
from tasklint.text import percent
from tasklint.validators.base import Context, Found, Hit, Params, Rule, Share, Text

# The seed's template states the reserve in prose: "应急预算：总预算的15%".
_RESERVE_IN_PROSE = re.compile(
    r"(?:应急预算|應急預算|contingency|reserve)[^\d\n]{0,20}(?P<pct>\d+(?:\.\d+)?)\s*[%％]",
    re.IGNORECASE,
)


def _pct(value: float) -> str:
    return percent(value, 3)


def reserve_share(table: Table) -> float | None:
    """The contingency reserve as a share of the total budget, read as B501 reads it:
    reserve amounts (cells > 1) over the budget column's total, else the largest share
    written (a cell ≤ 1, or "应急预算：总预算的15%" in the notes); None when the table
    states no reserve (or states amounts but no budget to divide by)."""
    total = sum(t.budget for t in table.tasks if t.budget is not None)
    amounts = [t.contingency for t in table.tasks if t.contingency is not None]
    shares = [a for a in amounts if a <= 1]
    reserve = sum(a for a in amounts if a > 1)
    for task in table.tasks:
        if task.notes and (found := _RESERVE_IN_PROSE.search(task.notes)):
            shares.append(float(found.group("pct")) / 100)
    if reserve and total:
        return reserve / total
    return max(shares) if shares else None


class ReserveParams(Params):
    min_share: Share = 0.10
    max_share: Share = 0.15


class ContingencyOutOfRange(Rule):
    """The contingency reserve is not 10%–15% of the total budget.

    Why: the seed keeps 10%–15% of the plan budget in reserve for competitor moves,
    policy changes and supply delays; less leaves no room, more is budget not working.

    A contingency cell holds an amount (¥30,000) or a share (15%); a share may also be
    stated in the notes ("应急预算：总预算的15%"). The total budget is the sum of the
    budget column.

    Bad:  Budget total = ¥200,000, Contingency = ¥5,000 (2.5%)
    Good: Contingency = ¥25,000 (12.5%)
    """

    code = "B501"
    name = "contingency-out-of-range"
    severity = Severity.WARNING
    scope = "table"
    needs = (("budget", "contingency", "notes"),)
    Params = ReserveParams
    messages = {
        "out": Text(
            en="Contingency reserve is {share} of the total budget: keep it between {low} "
            "and {high}.",
            zh="应急预算占总预算的{share}：请保持在{low}到{high}之间。",
        ),
        "none": Text(
            en="No contingency reserve found: set aside {low}–{high} of the total budget.",
            zh="未找到应急预算：请预留总预算的{low}–{high}。",
        ),
    }
    zh_doc = """应急预算不在总预算的10%–15%之间。

    原因：清单要求预留10%–15%的应急预算，应对竞品活动、政策变动、供应链延误；
    太少没有余地，太多是闲置预算。

    应急预算单元格可以是金额（¥30,000）或比例（15%），比例也可以写在备注里
    （“应急预算：总预算的15%”）。总预算为预算列之和。

    错误：预算合计 = ¥200,000，应急预算 = ¥5,000（2.5%）
    正确：应急预算 = ¥25,000（12.5%）
    """

    def check_table(self, table: Table, ctx: Context) -> Found:
        low, high = self.params.min_share, self.params.max_share  # type: ignore[attr-defined]
        bounds = {"low": _pct(low), "high": _pct(high)}
        share = reserve_share(table)
        if share is None:
            # A budget without a reserve; or neither, or amounts with no budget to
            # divide by: nothing to compare.
            total = sum(t.budget for t in table.tasks if t.budget is not None)
            return Hit("none", bounds) if total else None
        if not low - 1e-9 <= share <= high + 1e-9:
            return Hit("out", {**bounds, "share": _pct(share)})
        return None


class SpendParams(Params):
    max_points_ahead: Share = 0.15


class SpendAheadOfProgress(Rule):
    """The share of the budget spent runs more than 15 points ahead of progress.

    Why: the weekly meeting checks that spend is in line with progress ("40% of budget
    used, in line with progress"); spending ahead of the work runs out of money first.

    Bad:  Budget = ¥10,000, Spent = ¥7,000 (70%), Progress = 40%
    Good: Spent = ¥5,000 (50%), Progress = 40%
    """

    code = "B502"
    name = "spend-ahead-of-progress"
    severity = Severity.WARNING
    needs = (("budget",), ("spent",), ("progress",))
    Params = SpendParams
    messages = {
        "default": Text(
            en="{spent} of the budget spent but only {progress} done: check the spend "
            "before it runs out.",
            zh="预算已用{spent}，进度仅{progress}：请核查花费，避免预算提前耗尽。",
        )
    }
    zh_doc = """已用预算的比例比进度高出15个百分点以上。

    原因：周会要检查预算使用是否符合进度（如“预算已使用40%，符合进度要求”）；
    花钱跑在进度前面，钱会先用完。

    错误：预算 = ¥10,000，已用预算 = ¥7,000（70%），进度 = 40%
    正确：已用预算 = ¥5,000（50%），进度 = 40%
    """

    def check(self, task: Task, ctx: Context) -> Found:
        if not task.budget or task.spent is None or task.progress is None:
            return None
        used = task.spent / task.budget
        if used - task.progress > self.params.max_points_ahead + 1e-9:  # type: ignore[attr-defined]
            return Hit(args={"spent": _pct(used), "progress": _pct(task.progress)}, field="spent")
        return None


class OverBudget(Rule):
    """More has been spent than budgeted.

    Why: budget lines must match the plan; an overrun is execution off track and
    needs a decision (cut, or draw on the reserve and say so).

    Bad:  Budget = ¥10,000, Spent = ¥12,500
    Good: Spent ≤ Budget, or the budget raised from the reserve with a note
    """

    code = "B503"
    name = "over-budget"
    severity = Severity.ERROR
    needs = (("budget",), ("spent",))
    messages = {
        "default": Text(
            en="Over budget: spent {spent} of {budget} ({over} over) — cut spend or approve "
            "more from the reserve.",
            zh="超出预算：已花费{spent}，预算{budget}（超出{over}）——请削减花费或动用应急预算并审批。",
        )
    }
    zh_doc = """已花费超过预算。

    原因：预算要与方案一致；超支说明执行偏离计划，需要决策（削减或动用应急预算并写明）。

    错误：预算 = ¥10,000，已用预算 = ¥12,500
    正确：已用预算 ≤ 预算，或从应急预算追加并在备注说明
    """

    def check(self, task: Task, ctx: Context) -> Found:
        if task.budget is None or task.spent is None or task.spent <= task.budget:
            return None
        return Hit(
            args={
                "spent": f"{task.spent:,.10g}",
                "budget": f"{task.budget:,.10g}",
                "over": f"{task.spent - task.budget:,.10g}",
            },
            field="spent",
        )


RULES = (ContingencyOutOfRange, SpendAheadOfProgress, OverBudget)
