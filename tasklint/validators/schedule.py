"""S4xx: explicit deliverables and dates, milestones on time, progress updated daily
(seed steps 1.2, 2.1, 2.2)."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from tasklint.model import Phase, Severity, Status, Task
from tasklint.validators.base import Context, Days, Found, Hit, Params, Rule, Text

# The seed's phase 2 is "execution and monitoring" (执行监控阶段): both halves count here.
_PLANNED_WORK = (Phase.PREPARATION, Phase.EXECUTION, Phase.MONITORING)
# Asked of every row several times: a member read through its enum class costs more
_DONE = Status.DONE


def says_done(task: Task) -> bool:
    """The row's own cells say the task is finished: status, 100% progress or a done date."""
    return (
        task.marked_status is _DONE
        or (task.progress is not None and task.progress >= 1)
        or task.done_on is not None
    )


class DueMissing(Rule):
    """The task has no due date.

    Why: every task in the assignment table states its deliverable and its delivery
    date; without a date, a delay cannot even be noticed.

    Bad:  Task = "Channel schedule", Due = (empty)
    Good: Due = 2025-06-10
    """

    code = "S401"
    name = "due-missing"
    severity = Severity.WARNING
    needs = (("due",),)
    messages = {
        "default": Text(
            en="No due date: set the date this task must be delivered.",
            zh="缺少截止日期：请填写该任务的交付时间。",
        )
    }
    zh_doc = """该任务没有截止日期。

    原因：任务分工表要求每项任务明确输出成果与交付时间；没有日期，延误都无从发现。

    错误：任务 = 渠道投放排期，截止日期 = （空）
    正确：截止日期 = 2025-06-10
    """

    def check(self, task: Task, ctx: Context) -> Found:
        if task.due is None and not task.unreadable("due"):
            return Hit(field="due")
        return None


class OverdueParams(Params):
    max_delay_days: Days = 2
    within_tolerance_severity: Severity = Severity.WARNING


def _day_word(days: int) -> str:
    # English counts in words ("1 day", "3 days"); the Chinese templates leave it out.
    return "day" if days == 1 else "days"


class Overdue(Rule):
    """The task is not done and its due date has passed.

    Why: milestones move on their dates with a delay of at most 2 days; past that the
    row is Abnormal (异常) and needs a decision. Within the tolerance it is a warning.
    The rule's severity (default error) applies past `max_delay_days`.

    Bad:  Due = 2025-06-17, Status = 进行中, today = 2025-06-20 (3 days late)
    Good: Status = 已完成, or Due moved with the reason in Notes
    """

    code = "S402"
    name = "overdue"
    severity = Severity.ERROR
    needs = (("due",),)
    Params = OverdueParams
    messages = {
        "default": Text(
            en="Overdue by {days} {day_word} (due {due}): finish it or agree a new date.",
            zh="已逾期{days}天（截止{due}）：请尽快完成或重新约定日期。",
        ),
        "abnormal": Text(
            en="Overdue by {days} {day_word} (due {due}), past the {limit}-day tolerance: "
            "the task is off track — escalate and re-plan.",
            zh="已逾期{days}天（截止{due}），超过{limit}天容忍度：任务异常，请上报并调整计划。",
        ),
    }
    zh_doc = """任务未完成且已过截止日期。

    原因：关键节点按里程碑时间推进，滞后不超过2天；超过即为“异常”，需要决策。
    容忍度以内为警告。规则的严重级别（默认 error）用于超过 max_delay_days 的情况。

    错误：截止日期 = 2025-06-17，状态 = 进行中，今天 = 2025-06-20（逾期3天）
    正确：状态 = 已完成，或在备注写明原因并调整截止日期
    """

    def check(self, task: Task, ctx: Context) -> Found:
        if task.due is None or says_done(task):
            return None
        params = self.params
        return _overdue(
            task.due,
            ctx.today,
            params.max_delay_days,  # type: ignore[attr-defined]
            params.within_tolerance_severity,  # type: ignore[attr-defined]
        )


# A plan's rows share a few dates (the week's due dates, the day of the last update):
# the hit for each date is made once.
@lru_cache(maxsize=4096, typed=True)
def _overdue(due: date, today: date, limit: int, within: Severity | None) -> Hit | None:
    days = (today - due).days
    if days <= 0:
        return None
    # a date fills "{due}" as its isoformat()
    args = {"days": days, "day_word": _day_word(days), "due": due, "limit": limit}
    if days > limit:
        return Hit("abnormal", args, "due")
    return Hit("default", args, "due", within)


class StaleParams(Params):
    max_days_without_update: Days = 2


class StaleProgress(Rule):
    """The task is not done and has not been updated for more than 2 days.

    Why: each owner updates progress every day (seed step 2.1); a silent row hides
    a delay until the weekly meeting.

    Bad:  Last update = 2025-06-10, Status = 进行中, today = 2025-06-20
    Good: Last update = 2025-06-19 with the day's progress in Notes
    """

    code = "S403"
    name = "stale-progress"
    severity = Severity.WARNING
    needs = (("updated",),)
    Params = StaleParams
    messages = {
        "default": Text(
            en="No update for {days} {day_word} (last {updated}): the owner should post today's "
            "progress.",
            zh="已{days}天未更新（上次{updated}）：请责任人更新今日进度。",
        )
    }
    zh_doc = """任务未完成，且超过2天没有更新。

    原因：责任人应每日更新任务进度；长时间不更新会把延误藏到周会才暴露。

    错误：最后更新 = 2025-06-10，状态 = 进行中，今天 = 2025-06-20
    正确：最后更新 = 2025-06-19，备注写明当日进展
    """

    def check(self, task: Task, ctx: Context) -> Found:
        if task.updated is None or says_done(task):
            return None
        limit = self.params.max_days_without_update  # type: ignore[attr-defined]
        return _stale(task.updated, ctx.today, limit)


@lru_cache(maxsize=4096, typed=True)
def _stale(updated: date, today: date, limit: int) -> Hit | None:
    days = (today - updated).days
    if days > limit:
        args = {"days": days, "day_word": _day_word(days), "updated": updated}
        return Hit(args=args, field="updated")
    return None


class DeliverableMissing(Rule):
    """A preparation or execution task states no deliverable.

    Why: each task's output (ad creatives, channel schedule, invitation list) is what
    the milestone check inspects; without it, "done" means nothing.

    Bad:  Phase = Preparation, Task = "Channel schedule", Deliverable = (empty)
    Good: Deliverable = "Channel schedule v1 (sheet)"
    """

    code = "S404"
    name = "deliverable-missing"
    severity = Severity.INFO
    needs = (("deliverable",), ("phase",))
    messages = {
        "default": Text(
            en="No deliverable: say what this task hands over (a file, a list, a schedule).",
            zh="缺少输出成果：请写明该任务交付什么（文件、名单、排期表等）。",
        )
    }
    zh_doc = """准备或执行阶段的任务没有写输出成果。

    原因：每项任务的产出（广告素材、投放排期、邀约名单）是节点检查的对象；没有产出，
    “完成”就无从判断。

    错误：检查阶段 = 方案准备阶段，任务 = 渠道投放排期，输出成果 = （空）
    正确：输出成果 = 渠道投放排期表 v1
    """

    def check(self, task: Task, ctx: Context) -> Found:
        if task.phase in _PLANNED_WORK and not task.deliverable:
            return Hit(field="deliverable")
        return None


RULES = (DueMissing, Overdue, StaleProgress, DeliverableMissing)
