"""M3xx: core business metrics tracked and on track (seed tip 3, steps 2.2–2.3)."""

from __future__ import annotations

import re
from functools import lru_cache

from tasklint.model import Phase, Severity, Table, Task, text_cells
from tasklint.text import percent, quote
from tasklint.validators.base import Context, Found, Hit, Params, Rule, Share, Text
from tasklint.validators.metric_terms import classify_metric, is_channel_test_row

# The seed's phase 2 is "execution and monitoring" (执行监控阶段): both halves count here.
_TRACKED_PHASES = (Phase.EXECUTION, Phase.MONITORING, Phase.REVIEW)


def metric_text(task: Task) -> str:
    """Where a row names what it measures: its metric cell, else its goal and title."""
    return task.metric or "\n".join([t for t in (task.goal, task.title) if t])


def lower_is_better(task: Task) -> bool:
    return classify_metric(metric_text(task)).lower_is_better


def completion(task: Task) -> float | None:
    """actual / target, or target / actual for a cost-like metric; None where not computable."""
    if task.actual is None or task.target is None:
        return None
    if lower_is_better(task):
        return task.target / task.actual if task.actual > 0 else None
    return task.actual / task.target if task.target > 0 else None


def _pct(value: float) -> str:
    return percent(value)


class CoreMetricUntracked(Rule):
    """No row of the plan tracks a core business metric — only surface metrics, or none.

    Why: exposure, views and likes do not show that spend produced results; ROI,
    conversion rate, CTR, sales/GMV, CAC and leads do (seed tip 3: data-driven).

    Bad:  metrics = "曝光量", "点赞数", "粉丝数"
    Good: metrics = "转化率", "ROI", "曝光量"
    """

    code = "M301"
    name = "core-metric-untracked"
    severity = Severity.WARNING
    scope = "table"
    messages = {
        "surface": Text(
            en="Only surface metrics are tracked ({metrics}): add a core one — ROI, "
            "conversion rate, CTR, sales/GMV, CAC or leads.",
            zh="只跟踪了表面数据（{metrics}）：请加入核心业务指标，如ROI、转化率、点击率、"
            "销售额/GMV、获客成本或线索数。",
        ),
        "none": Text(
            en="No row tracks a core business metric: add ROI, conversion rate, CTR, "
            "sales/GMV, CAC or leads.",
            zh="没有任何一行跟踪核心业务指标：请加入ROI、转化率、点击率、销售额/GMV、获客成本或线索数。",
        ),
    }
    zh_doc = """整张表没有一行跟踪核心业务指标，只有表面数据，或者什么指标都没有。

    原因：曝光、浏览、点赞说明不了投入产生了结果；ROI、转化率、点击率、销售额/GMV、
    获客成本和线索数才能说明（使用提示三：数据驱动）。

    错误：指标 = 曝光量、点赞数、粉丝数
    正确：指标 = 转化率、ROI、曝光量
    """

    def check_table(self, table: Table, ctx: Context) -> Found:
        surface: dict[str, None] = {}  # the rows' own words, in their language
        for task in table.tasks:
            terms = classify_metric(task.text)
            if terms.core:
                return None
            if terms.surface:
                surface[task.metric or terms.surface[0]] = None
        if surface:
            return Hit("surface", {"metrics": quote(ctx.listed(surface))})
        return Hit("none")


class SurfaceMetricOnly(Rule):
    """A row's metric or goal names only surface metrics.

    Why: a task measured by exposure alone can succeed while sales fall; pair it
    with the business result it should drive.

    Bad:  Metric = "曝光量" / "Impressions"
    Good: Metric = "曝光量、点击率" / "Impressions and conversion rate"
    """

    code = "M302"
    name = "surface-metric-only"
    severity = Severity.INFO
    needs = (("metric", "goal"),)
    messages = {
        "default": Text(
            en="Measured by surface metrics only ({metrics}): pair them with a core metric "
            "such as conversion rate or ROI.",
            zh="只用表面数据衡量（{metrics}）：请同时跟踪转化率、ROI等核心指标。",
        )
    }
    zh_doc = """该行的指标或目标只提到了表面数据。

    原因：只看曝光的任务可能“成功”而销售额下降；请把它和应带来的业务结果一起跟踪。

    错误：指标 = 曝光量
    正确：指标 = 曝光量、点击率
    """

    def check(self, task: Task, ctx: Context) -> Found:
        metric, goal = task.metric, task.goal
        # "\n".join() of the cells written: the metric, the goal, or both
        text = f"{metric}\n{goal}" if metric and goal else metric or goal
        if not text:
            return None
        terms = classify_metric(text)
        if terms.surface and not terms.core:
            return Hit(args={"metrics": quote(task.metric or task.goal or "")}, field="metric")
        return None


class BelowExpectationParams(Params):
    max_shortfall: Share = 0.20


class MetricBelowExpectation(Rule):
    """The actual value is more than 20% worse than expected (or than the target).

    Why: the seed's anomaly rule — a channel whose conversion rate is more than 20%
    below expectation must be analysed within 24 hours and adjusted. For cost-like
    metrics (cost, CAC, CPC, CPA, 成本) "worse" means more than 20% above.

    Bad:  Metric = "转化率", Expected = 5%, Actual = 3.5%
    Good: Actual = 4.5% (within 20%), or the strategy adjusted and the row updated
    """

    code = "M303"
    name = "metric-below-expectation"
    severity = Severity.ERROR
    needs = (("actual",), ("expected", "target"))
    Params = BelowExpectationParams
    messages = {
        "below": Text(
            en="{metric} is {gap} below {basis} ({actual} vs {reference}): find the cause "
            "within 24 hours and adjust.",
            zh="{metric}比{basis}低{gap}（{actual}，{basis}{reference}）：请在24小时内分析原因并调整策略。",
        ),
        "above": Text(
            en="{metric} is {gap} above {basis} ({actual} vs {reference}): find the cause "
            "within 24 hours and adjust.",
            zh="{metric}比{basis}高{gap}（{actual}，{basis}{reference}）：请在24小时内分析原因并调整策略。",
        ),
    }
    zh_doc = """实际值比预期值（或目标值）差20%以上。

    原因：清单的数据异常处理规则——某渠道转化率低于预期20%，需24小时内分析原因并调整。
    对成本类指标（成本、获客成本、CPC、CPA），“差”指高出20%以上。

    错误：指标 = 转化率，预期值 = 5%，实际值 = 3.5%
    正确：实际值 = 4.5%（差距在20%以内），或已调整策略并更新该行
    """

    def check(self, task: Task, ctx: Context) -> Found:
        reference = task.expected if task.expected is not None else task.target
        if task.actual is None or reference is None or reference <= 0:
            return None
        basis_en, basis_zh = (
            ("expected", "预期") if task.expected is not None else ("target", "目标")
        )
        shortfall = self.params.max_shortfall  # type: ignore[attr-defined]
        if lower_is_better(task):
            key, gap = "above", task.actual / reference - 1
        else:
            key, gap = "below", 1 - task.actual / reference
        if not gap > shortfall:
            return None
        basis = basis_zh if ctx.locale == "zh" else basis_en
        metric = task.metric or task.title or ("指标" if ctx.locale == "zh" else "Metric")
        is_pct = reference <= 1 and task.actual <= 1
        shown = _pct if is_pct else _number
        args = {
            "metric": metric,
            "basis": basis,
            "actual": shown(task.actual),
            "reference": shown(reference),
            "gap": _pct(gap),
        }
        return Hit(key, args, "actual")


def _number(value: float) -> str:
    return f"{value:,.10g}"


class SwingParams(Params):
    max_change: Share = 0.10


class MetricSwing(Rule):
    """A core metric moved more than 10% since the previous run.

    Why: the daily data check expects core metrics (CTR, conversion) to fluctuate by at
    most 10%; a bigger move is the first sign of a targeting or creative problem. Needs
    run history: `tasklint sync` keeps it; a plain `check` skips this rule.

    Bad:  Metric = "转化率", Actual yesterday = 5%, Actual today = 3.9% (-22%)
    Good: Actual today = 4.8% (-4%), or the cause written in Notes and the row reviewed
    """

    code = "M304"
    name = "metric-swing"
    severity = Severity.WARNING
    needs = (("actual",),)
    needs_history = True
    Params = SwingParams
    messages = {
        "default": Text(
            en="{metric} moved {change} since the last run ({before} → {now}): check the "
            "cause within 24 hours.",
            zh="{metric}较上次检查变化{change}（{before} → {now}）：请在24小时内查明原因。",
        )
    }
    zh_doc = """核心指标较上次检查的波动超过10%。

    原因：数据日监控要求核心指标（点击率、转化率）波动≤10%；更大的波动往往是定向或
    素材出了问题。需要运行历史：`tasklint sync` 会保存，单独的 `check` 跳过此规则。

    错误：指标 = 转化率，昨天实际值 = 5%，今天 = 3.9%（-22%）
    正确：今天 = 4.8%（-4%），或在备注写明原因并复核
    """

    def check(self, task: Task, ctx: Context) -> Found:
        previous = (ctx.history or {}).get(task.id, {}).get("actual")
        if previous is None or task.actual is None or previous == 0:
            return None
        if not classify_metric(metric_text(task)).core:
            return None
        change = task.actual / previous - 1
        if abs(change) > self.params.max_change:  # type: ignore[attr-defined]
            shown = _pct if previous <= 1 and task.actual <= 1 else _number
            return Hit(
                args={
                    "metric": task.metric or task.title or "",
                    "change": percent(change, 3, signed=True),
                    "before": shown(previous),
                    "now": shown(task.actual),
                },
                field="actual",
            )
        return None


class ChannelTestParams(Params):
    min_ctr: Share = 0.02


_CTR_IN_TEXT = re.compile(
    r"(?:ctr|点击率|點擊率|click-through(?:\s+rate)?)\s*(?:[:：=为是]|of|was|is|at)?\s*"
    r"(?P<value>\d+(?:\.\d+)?)\s*[%％]",
    re.IGNORECASE,
)


# Cells repeat from row to row (a goal, a metric, a note) where rows' whole texts do not.
@lru_cache(maxsize=65536)
def _ctr_written(cell: str) -> float | None:
    """The CTR a cell states ("CTR 1.5% in the test"), as a share; None when none."""
    # Each of the pattern's words starts with c (either case: nothing else folds to c),
    # 点 or 點: asking that first is cheaper than the search, which tries every position.
    if "c" in cell or "C" in cell or "点" in cell or "點" in cell:
        found = _CTR_IN_TEXT.search(cell)
        if found:
            return float(found.group("value")) / 100
    return None


class ChannelTestBelowBar(Rule):
    """A channel test reports a click-through rate below 2%.

    Why: the seed tests a channel with a small budget before full spend (e.g. 1,000 CNY
    of Douyin feed ads) and proceeds only when CTR ≥ 2%.

    Bad:  Task = "抖音信息流测试投放", Metric = "点击率", Actual = 1.2%
    Good: Actual = 2.5%, or the channel dropped before full spend
    """

    code = "M305"
    name = "channel-test-below-bar"
    severity = Severity.WARNING
    Params = ChannelTestParams
    messages = {
        "default": Text(
            en="Channel test CTR {ctr} is below the {bar} bar: fix targeting or creative "
            "before full spend.",
            zh="渠道测试点击率{ctr}低于{bar}：全面投放前请调整定向或素材。",
        )
    }
    zh_doc = """渠道测试的点击率低于2%。

    原因：清单要求投放前小范围测试渠道（如1000元预算测试抖音信息流广告），点击率≥2%才全面投放。

    错误：任务 = 抖音信息流测试投放，指标 = 点击率，实际值 = 1.2%
    正确：实际值 = 2.5%，或在全面投放前放弃该渠道
    """

    def check(self, task: Task, ctx: Context) -> Found:
        # It fires for a channel test with a CTR below the bar. The CTR is the cheaper
        # question (the channel test reads the row's whole text), so it is asked first.
        ctr: float | None = None
        cells = text_cells(task)
        if task.actual is not None and classify_metric(task.metric or "").ctr:
            ctr = task.actual
        else:  # the first cell that states one, in the order the row is read
            for cell in cells:
                if cell and (ctr := _ctr_written(cell)) is not None:
                    break
        bar = self.params.min_ctr  # type: ignore[attr-defined]
        if ctr is not None and ctr < bar and is_channel_test_row(cells):
            return Hit(args={"ctr": _pct(ctr), "bar": _pct(bar)}, field="actual")
        return None


class ActualMissing(Rule):
    """A monitoring or review row has a target but no actual value.

    Why: core metrics are followed daily and reviewed against the target; a target
    with no actual beside it means nobody is tracking it.

    Bad:  Phase = Review, Target = 15%, Actual = (empty)
    Good: Actual = 12%
    """

    code = "M306"
    name = "actual-missing"
    severity = Severity.WARNING
    needs = (("phase",), ("target",), ("actual",))
    messages = {
        "default": Text(
            en="Target {target} has no actual value: record the latest figure.",
            zh="目标值{target}没有实际值：请填写最新数据。",
        )
    }
    zh_doc = """执行监控或复盘阶段的行有目标值，但没有实际值。

    原因：核心指标要每日跟进、复盘时与目标对比；只有目标没有实际值，说明没人在跟踪。

    错误：检查阶段 = 效果复盘阶段，目标值 = 15%，实际值 = （空）
    正确：实际值 = 12%
    """

    def check(self, task: Task, ctx: Context) -> Found:
        if (
            task.phase in _TRACKED_PHASES
            and task.target is not None
            and task.actual is None
            and not task.unreadable("actual")
        ):
            shown = _pct(task.target) if task.target <= 1 else _number(task.target)
            return Hit(args={"target": shown}, field="actual")
        return None


RULES = (
    CoreMetricUntracked,
    SurfaceMetricOnly,
    MetricBelowExpectation,
    MetricSwing,
    ChannelTestBelowBar,
    ActualMissing,
)
