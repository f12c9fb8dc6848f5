"""R6xx: the review closes the loop — results against goals, lessons written down
(seed phase 3)."""

from __future__ import annotations

import re
from functools import lru_cache

from tasklint.model import Phase, Severity, Task
from tasklint.text import percent
from tasklint.validators.base import Context, Found, Hit, Rule, Text
from tasklint.validators.metrics import lower_is_better

_REVIEW = Phase.REVIEW  # (read once: a member read through its enum costs more)
_REPORT = re.compile(
    r"复盘报告|復盤報告|总结报告|review report|retrospective|post-mortem|报告|report", re.IGNORECASE
)
# What a review report must contain (seed 3.2–3.3), as people write it in either language.
_PARTS: dict[str, re.Pattern[str]] = {
    "successes": re.compile(
        r"成功|亮点|經驗|经验|超预期|超出预期|做得好|"
        r"success|worked|highlight|win\b|wins\b|went well",
        re.IGNORECASE,
    ),
    "problems": re.compile(
        r"问题|問題|不足|未达标|未達標|原因|教训|失误|problem|issue|fell short|missed|"
        r"didn'?t work|went wrong|challenge|lesson",
        re.IGNORECASE,
    ),
    "suggestions": re.compile(
        r"建议|建議|改进|改進|优化|下一步|下次|"
        r"suggest|recommend|next time|improve|should|action item",
        re.IGNORECASE,
    ),
}
_PART_NAMES = {
    "en": {"successes": "successes", "problems": "problems", "suggestions": "suggestions"},
    "zh": {"successes": "成功经验", "problems": "问题分析", "suggestions": "改进建议"},
}


class ReviewIncomplete(Rule):
    """A review-phase report row lacks its successes, problems or suggestions.

    Why: the review report (营销执行复盘报告) records what worked, what did not and
    what to change, so that the next plan learns from this one. The row's notes,
    deliverable or goal must say each of the three.

    Bad:  Phase = Review, Task = "Review report", Notes = "Suggest adding Xiaohongshu"
    Good: Notes = "Success: Xiaohongshu engagement +50%. Problem: low store visits
          (venue far from customers). Suggestion: add Xiaohongshu, move the venue."
    """

    code = "R601"
    name = "review-incomplete"
    severity = Severity.WARNING
    needs = (("phase",),)
    messages = {
        "default": Text(
            en="Review report lacks {missing}: write what worked, what did not, and what to "
            "change.",
            zh="复盘报告缺少{missing}：请写明成功经验、问题分析和改进建议。",
        )
    }
    zh_doc = """复盘阶段的报告行缺少成功经验、问题分析或改进建议。

    原因：《营销执行复盘报告》要记录做得好的、没做好的和要改进的，下一次方案才能借鉴。
    该行的备注、输出成果或目标要把三者都写到。

    错误：检查阶段 = 效果复盘阶段，任务 = 复盘报告输出，备注 = 建议增加小红书渠道投放
    正确：备注 = 成功：小红书笔记互动量超预期50%；问题：到店率低，选址偏离目标客群；
          建议：增加小红书投放，调整选址
    """

    def check(self, task: Task, ctx: Context) -> Found:
        if task.phase is not _REVIEW or not _REPORT.search(task.title or ""):
            return None
        written = "\n".join(t for t in (task.notes, task.deliverable, task.goal) if t)
        missing = [part for part, pattern in _PARTS.items() if not pattern.search(written)]
        if missing:
            names = _PART_NAMES["zh" if ctx.locale == "zh" else "en"]
            return Hit(args={"missing": ctx.listed(names[m] for m in missing)}, field="notes")
        return None


class CompletionRate(Rule):
    """Reports the goal completion rate: actual / target × 100%.

    Why: the review quantifies each result against its goal ("new-customer conversion
    target 15%, actual 12%, completion 80%"). For cost-like metrics the ratio is
    inverted (target / actual), so that 100% still means "on target".

    Bad:  Target = 15%, Actual = 12%, Completion = (not computed)
    Good: Completion = 80%
    """

    code = "R602"
    name = "completion-rate"
    severity = Severity.INFO
    needs = (("target",), ("actual",))
    messages = {
        "default": Text(
            en="Completion {rate} (actual {actual} / target {target}).",
            zh="完成率{rate}（实际{actual} / 目标{target}）。",
        ),
        "inverted": Text(
            en="Completion {rate} (target {target} / actual {actual}; lower is better).",
            zh="完成率{rate}（目标{target} / 实际{actual}，越低越好）。",
        ),
    }
    zh_doc = """报告目标完成率：实际值 / 目标值 × 100%。

    原因：复盘要把每项结果与目标量化对比（“新客转化率目标15%，实际12%，完成率80%”）。
    成本类指标取倒数（目标 / 实际），100% 仍表示达标。

    错误：目标值 = 15%，实际值 = 12%，完成率 = （未计算）
    正确：完成率 = 80%
    """

    def check(self, task: Task, ctx: Context) -> Found:
        actual, target = task.actual, task.target
        if actual is None or target is None:
            return None
        # `completion(task)`, asking `lower_is_better` once for the rate and the message
        return _completion_hit(actual, target, lower_is_better(task))


# Most rows of a plan share a handful of targets and actuals: formatting the three
# numbers is most of the rule's time, so each combination is formatted once (typed: an
# int and an equal float keep their own hits, as the engine keeps their findings apart).
@lru_cache(maxsize=4096, typed=True)
def _completion_hit(actual: float, target: float, lower: bool) -> Hit | None:
    if lower:
        if not actual > 0:
            return None
        rate = target / actual
    else:
        if not target > 0:
            return None
        rate = actual / target
    if target <= 1 and actual <= 1:
        shown_actual, shown_target = percent(actual), percent(target)
    else:
        shown_actual, shown_target = f"{actual:,.10g}", f"{target:,.10g}"
    return Hit(
        "inverted" if lower else "default",
        {"rate": percent(rate), "actual": shown_actual, "target": shown_target},
        "actual",
    )


RULES = (ReviewIncomplete, CompletionRate)
