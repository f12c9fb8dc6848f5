"""G1xx: goals that can be checked — stated, measurable, time-bound (seed tip 1)."""

from __future__ import annotations

import re

from tasklint.model import Phase, Severity, Task
from tasklint.text import quote
from tasklint.validators.base import Context, Found, Hit, Rule, Text
from tasklint.validators.goal_text import analyse_goal

# The seed's template keeps the goal in the notes: "目标值：新客转化率≥15%".
_PREPARATION = Phase.PREPARATION  # (read once: a member read through its enum costs more)
_GOAL_IN_PROSE = re.compile(
    r"(?:营销目标|目标值|目标|goal|objective|target)\s*[:：]\s*(?P<goal>[^\n;；]+)", re.IGNORECASE
)


def goal_text(task: Task) -> str | None:
    """The row's goal: its goal cell, else a "目标：…" / "Goal: …" phrase in its notes."""
    if task.goal:
        return task.goal
    for prose in (task.notes, task.standard):
        if prose and (found := _GOAL_IN_PROSE.search(prose)):
            return found.group("goal").strip()
    return None


class GoalMissing(Rule):
    """A preparation task, or a row with a target or metric, states no goal.

    Why: the kick-off fixes the core goals; a task whose goal is not written down
    cannot be checked or reviewed.

    Bad:  Phase = Preparation, Task = "Channel schedule", Goal = (empty), Target = 15%
    Good: Goal = "New-customer conversion rate ≥ 15% by 30 June"
    """

    code = "G101"
    name = "goal-missing"
    severity = Severity.WARNING
    needs = (("goal", "notes"),)
    messages = {
        "default": Text(
            en="Goal is missing: write what this task must achieve, with a number.",
            zh="缺少目标：请写明该任务要达成的目标，并给出具体数值。",
        )
    }
    zh_doc = """准备阶段的任务，或填了目标值/指标的行，没有写目标。

    原因：方案启动会要明确核心目标；没有写下目标的任务无法检查，也无法复盘。

    错误：检查阶段 = 方案准备阶段，任务 = 渠道投放排期，目标 = （空），目标值 = 15%
    正确：目标 = 6月30日前新客转化率≥15%
    """

    def check(self, task: Task, ctx: Context) -> Found:
        wants_goal = task.phase is _PREPARATION or task.target is not None or bool(task.metric)
        if wants_goal and not goal_text(task):
            return Hit(field="goal")
        return None


class GoalNotMeasurable(Rule):
    """The goal states no quantity to check it against.

    Why: "improve brand influence" cannot be evaluated; "brand search volume +50%" can.
    A number with a unit, a percentage, a ratio or a count makes a goal checkable;
    years, dates, event names (618, 11.11) and version numbers do not.

    Bad:  Goal = "提升品牌影响力" / "Raise brand awareness during 618"
    Good: Goal = "品牌搜索量提升50%" / "New-customer conversion rate ≥ 15%"
    """

    code = "G102"
    name = "goal-not-measurable"
    severity = Severity.WARNING
    needs = (("goal", "notes"),)
    messages = {
        "default": Text(
            en='Goal is not measurable: "{goal}" states no target number — add one, e.g. "+30%".',
            zh="目标不可量化：“{goal}”没有可衡量的目标数值，请补充，例如“提升30%”。",
        )
    }
    zh_doc = """目标没有写明可以检查的数量。

    原因：“提升品牌影响力”无法评估，“品牌搜索量提升50%”可以。带单位的数字、百分比、
    比例或数量让目标可检查；年份、日期、活动名（618、双11）和版本号不算。

    错误：目标 = 提升品牌影响力
    正确：目标 = 品牌搜索量提升50%
    """

    def check(self, task: Task, ctx: Context) -> Found:
        goal = goal_text(task)
        if goal and not analyse_goal(goal).measurable:
            return Hit(field="goal", args={"goal": quote(goal)})
        return None


class GoalNotTimeBound(Rule):
    """Neither the goal nor the row says by when.

    Why: a goal without a deadline or period cannot be judged on time or late.

    Bad:  Goal = "Conversion rate ≥ 15%", Due = (empty)
    Good: Goal = "Conversion rate ≥ 15% in Q3", or a due date on the row
    """

    code = "G103"
    name = "goal-not-time-bound"
    severity = Severity.INFO
    needs = (("goal", "notes"),)
    messages = {
        "default": Text(
            en="Goal has no deadline or period: add a date, or a period such as Q3.",
            zh="目标没有时间限定：请写明截止日期或周期，例如“第三季度”。",
        )
    }
    zh_doc = """目标和该行都没有写明截止时间或周期。

    原因：没有期限的目标无法判断是否按时达成。

    错误：目标 = 转化率≥15%，截止日期 = （空）
    正确：目标 = 第三季度转化率≥15%，或在该行填写截止日期
    """

    def check(self, task: Task, ctx: Context) -> Found:
        if task.due is not None or task.start is not None:
            return None  # the row's dates bound it, whatever the goal says
        goal = goal_text(task)
        if goal and not analyse_goal(goal).time_bound:
            return Hit(field="goal")
        return None


RULES = (GoalMissing, GoalNotMeasurable, GoalNotTimeBound)
