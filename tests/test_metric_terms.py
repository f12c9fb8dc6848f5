"""M301-M303, M305 metric vocabulary: tasklint.validators.metric_terms.classify_metric."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tasklint.validators import metric_terms
from tasklint.validators.metric_terms import (
    CORE_METRICS,
    SURFACE_METRICS,
    MetricTerms,
    classify_metric,
)

# (cell text, canonical core metric) - Chinese, English, traditional, full-width, case
CORE = [
    ("转化率", "conversion"),
    ("新客转化率", "conversion"),
    ("转化", "conversion"),
    ("Conversion rate", "conversion"),
    ("conversions", "conversion"),
    ("CVR", "conversion"),
    ("ROI", "roi"),
    ("投资回报率", "roi"),
    ("投产比", "roi"),
    ("ROAS", "roas"),
    ("点击率", "ctr"),
    ("CTR", "ctr"),
    ("ctr", "ctr"),
    ("click-through rate", "ctr"),
    ("Click through", "ctr"),
    ("销售额", "sales"),
    ("销量", "sales"),
    ("Sales", "sales"),
    ("GMV", "gmv"),
    ("成交额", "gmv"),
    ("revenue", "revenue"),
    ("营收", "revenue"),
    ("获客成本", "cac"),
    ("CAC", "cac"),
    ("customer acquisition cost", "cac"),
    ("线索", "leads"),
    ("留资", "leads"),
    ("leads", "leads"),
    ("MQLs", "leads"),
    ("sign-ups", "signups"),
    ("Signups", "signups"),
    ("订单", "orders"),
    ("orders", "orders"),
    ("客单价", "aov"),
    ("AOV", "aov"),
    ("average order value", "aov"),
    ("复购率", "repurchase"),
    ("repeat purchase rate", "repurchase"),
    ("到店率", "store_visits"),
    ("retention", "retention"),
    ("次日留存", "retention"),
    ("cost per acquisition", "cpa"),
    ("CPA", "cpa"),
    ("CPC", "cpc"),
    ("单次点击成本", "cpc"),
    ("cost per click", "cpc"),
    ("轉化率", "conversion"),
    ("點擊率", "ctr"),
    ("銷售額", "sales"),
    ("獲客成本", "cac"),
    ("ＣＴＲ", "ctr"),
    ("ＲＯＩ", "roi"),
    ("Ｇｍｖ", "gmv"),
]
SURFACE = [
    ("曝光量", "exposure"),
    ("曝光", "exposure"),
    ("曝光量", "exposure"),
    ("exposure", "exposure"),
    ("展现量", "impressions"),
    ("Impressions", "impressions"),
    ("浏览量", "views"),
    ("阅读量", "views"),
    ("播放量", "views"),
    ("views", "views"),
    ("点赞", "likes"),
    ("likes", "likes"),
    ("粉丝", "followers"),
    ("followers", "followers"),
    ("关注数", "followers"),
    ("互动量", "engagement"),
    ("engagement", "engagement"),
    ("覆盖人数", "reach"),
    ("reach", "reach"),
    ("organic reach", "reach"),
    ("声量", "mentions"),
    ("mentions", "mentions"),
    ("品牌影响力", "awareness"),
    ("brand awareness", "awareness"),
    ("shares", "shares"),
    ("comments", "comments"),
    ("clicks", "clicks"),
    ("点击量", "clicks"),
    ("跳出率", "bounce_rate"),
    ("搜索量", "search_volume"),
    ("曝光量", "exposure"),
]
LOWER_IS_BETTER = [
    "cost",
    "Costs",
    "成本",
    "获客成本",
    "CAC",
    "CPC",
    "CPA",
    "CPM",
    "cost per acquisition",
    "单次点击成本",
    "跳出率",
    "bounce rate",
    "流失率",
    "churn",
    "退货率",
    "return rate",
    "投诉率",
    "粉丝成本",
    "conversion cost",
    "降低获客成本，提升转化率",
    "千次曝光成本",
]
HIGHER_IS_BETTER = [
    "转化率",
    "CTR",
    "ROI",
    "GMV",
    "销售额",
    "leads",
    "曝光量",
    "conversion rate and CAC",
    "曝光 点击 转化 销售额 成本",
    "客单价",
    "",
]


@pytest.mark.parametrize(("text", "name"), CORE)
def test_core_metric(text: str, name: str) -> None:
    result = classify_metric(text)
    assert name in result.core, f"M301: {text!r} is the core metric {name}"
    assert not result.surface


@pytest.mark.parametrize(("text", "name"), SURFACE)
def test_surface_metric(text: str, name: str) -> None:
    result = classify_metric(text)
    assert result.surface == (name,), f"M302: {text!r} is the surface metric {name}"
    assert not result.core


@pytest.mark.parametrize("text", LOWER_IS_BETTER)
def test_lower_is_better(text: str) -> None:
    assert classify_metric(text).lower_is_better, f"M303 mirrors for {text!r}"


@pytest.mark.parametrize("text", HIGHER_IS_BETTER)
def test_higher_is_better(text: str) -> None:
    assert not classify_metric(text).lower_is_better, f"M303 reads {text!r} as higher-is-better"


def test_patterns_have_no_unformatted_placeholders() -> None:
    assert not [name for name, _, _, pattern in metric_terms._TERMS if "{" in pattern]


def test_vocabulary_covers_the_design() -> None:
    # DESIGN.md §3, M301: core ROI, conversion rate, CTR, sales/GMV, CAC, leads; surface
    # exposure, impressions, views, likes, followers.
    assert {"roi", "conversion", "ctr", "sales", "gmv", "cac", "leads"} <= CORE_METRICS
    assert {"exposure", "impressions", "views", "likes", "followers"} <= SURFACE_METRICS
    assert not CORE_METRICS & SURFACE_METRICS


def test_goal_sentence_lists_metrics_in_order() -> None:
    result = classify_metric("Core metrics: exposure, CTR, conversion rate, ROI, sales, cost")
    assert result.core == ("ctr", "conversion", "roi", "sales", "cost")
    assert result.surface == ("exposure",)


def test_longest_term_wins() -> None:
    assert classify_metric("cost per acquisition").core == ("cpa",)
    assert classify_metric("获客成本").core == ("cac",)
    assert classify_metric("点击率").core == ("ctr",)
    assert classify_metric("点击率").surface == ()
    assert classify_metric("单次点击成本").core == ("cpc",)


# --------------------------------------------------------------------------------- CTR
@pytest.mark.parametrize(
    "text", ["CTR", "ctr 2%", "CTR≥2%", "CTR2%", "点击率", "click-through rate", "(CTR)", "抖音CTR"]
)
def test_ctr_named(text: str) -> None:
    result = classify_metric(text)
    assert result.ctr and "ctr" in result.core


@pytest.mark.parametrize(
    "text", ["CTRL+C", "ctrl", "electric", "sector", "Ctrip bookings", "doctrine", "actress", ""]
)
def test_ctr_inside_another_word_is_not_ctr(text: str) -> None:
    result = classify_metric(text)
    assert not result.ctr and "ctr" not in result.core


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sales team meeting", ()),
        ("Sales", ("sales",)),
        ("in order to grow", ()),
        ("lead designer", ()),
        ("misleading", ()),
        ("conversions", ("conversion",)),
        ("reviews", ()),
        ("interviews", ()),
        ("reach 10k users", ()),
        ("关注竞品动态", ()),
        ("覆盖全部门店", ()),
        ("互动活动", ()),
    ],
)
def test_word_boundaries_and_verbs(text: str, expected: tuple[str, ...]) -> None:
    result = classify_metric(text)
    assert result.core + result.surface == expected


# ------------------------------------------------------------------------ channel tests
@pytest.mark.parametrize(
    "text",
    [
        "抖音信息流测试投放",
        "小范围测试",
        "渠道测试 CTR≥2%",
        "1,000 CNY test on Douyin feed ads, CTR ≥ 2%",
        "Test campaign on Meta",
        "channel test",
        "ads test",
        "千川测试",
    ],
)
def test_channel_test(text: str) -> None:
    assert classify_metric(text).channel_test


@pytest.mark.parametrize("text", ["功能测试", "A/B test of the headline", "testimonial", "CTR", ""])
def test_not_channel_test(text: str) -> None:
    assert not classify_metric(text).channel_test


def test_seed_channel_test_row() -> None:
    result = classify_metric("抖音信息流测试投放1000元，CTR≥2%")
    assert result == MetricTerms(
        core=("ctr",), surface=(), lower_is_better=False, channel_test=True, ctr=True
    )


# ---------------------------------------------------------------------------- properties
FRAGMENTS = [
    "CTR",
    "ctrl",
    "转化率",
    "成本",
    "获客",
    "点击",
    "率",
    "cost",
    " per ",
    "acquisition",
    "sales",
    " team",
    "reach",
    " 10k ",
    "users",
    "曝光",
    "的",
    "-",
    " ",
    "，",
    "ＣＴＲ",
    "😀",
    "測試投放",
]
fragments_text = st.lists(st.sampled_from(FRAGMENTS), max_size=30).map("".join)
long_text = st.text(min_size=1, max_size=30).map(lambda u: (u * (10_000 // len(u) + 1))[:10_000])
emoji = st.text(alphabet=st.characters(min_codepoint=0x1F300, max_codepoint=0x1FAFF))


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), emoji, fragments_text, long_text))
def test_never_raises_and_returns_consistent_types(text: str) -> None:
    result = classify_metric(text)
    assert isinstance(result, MetricTerms)
    assert all(isinstance(name, str) for name in result.core + result.surface)
    assert set(result.core) <= CORE_METRICS and set(result.surface) <= SURFACE_METRICS
    assert len(set(result.core)) == len(result.core)
    assert isinstance(result.lower_is_better, bool) and isinstance(result.channel_test, bool)
    assert result.ctr == ("ctr" in result.core)


@settings(max_examples=300, deadline=None)
@given(st.one_of(fragments_text, st.text(max_size=60)))
def test_dispatch_finds_what_one_big_regex_finds(text: str) -> None:
    vocabulary = metric_terms._VOCABULARY
    folded = metric_terms.fold(text)
    found: list[tuple[str, int, int]] = []

    def on_match(m: re.Match[str]) -> int:
        found.append((m.lastgroup or "", m.start(), m.end()))
        return m.end()

    vocabulary.scan(folded, on_match)
    reference = [
        (m.lastgroup or "", m.start(), m.end()) for m in vocabulary.pattern().finditer(folded)
    ]
    assert found == reference


# ------------------------------------------------------- the channel-test word filter
def _always_contains(items: object, words: tuple[str, ...]) -> bool:
    """Whether every match of a parsed regex sequence contains one of `words`: a run of
    literals spells one, or a group (or every branch of an alternation) does."""
    run = ""
    for op, av in items:  # type: ignore[attr-defined]
        name = str(op)
        if name == "LITERAL":
            run += chr(av)
            if any(word in run for word in words):
                return True
            continue
        run = ""
        if name == "SUBPATTERN" and _always_contains(av[-1], words):
            return True
        if name == "BRANCH" and all(_always_contains(branch, words) for branch in av[1]):
            return True
        repeated = name in ("MAX_REPEAT", "MIN_REPEAT") and av[0] >= 1
        if repeated and _always_contains(av[2], words):
            return True
    return False


def test_every_channel_test_alternative_has_a_filter_word() -> None:
    from re import _parser  # type: ignore[attr-defined]

    def parsed(pattern: re.Pattern[str]) -> object:
        return _parser.parse(pattern.pattern, pattern.flags)

    halves = metric_terms._CHANNEL_TEST_HALVES
    assert "|".join(half.pattern for _, half in halves) == metric_terms._CHANNEL_TEST.pattern
    for words, half in halves:
        assert _always_contains(parsed(half), words)
        assert not _always_contains(parsed(half), words[:1])  # the walker can say no
    assert not _always_contains(parsed(metric_terms._CHANNEL_TEST), ("测试", "试投"))


CHANNEL_TEST_FRAGMENTS = [*FRAGMENTS, "测试", "測試", "试投", "test", "TEST", "ｔｅｓｔ", "pilot"]


@settings(max_examples=500, deadline=None)
@given(
    st.one_of(
        st.lists(st.sampled_from(CHANNEL_TEST_FRAGMENTS), max_size=30).map("".join),
        st.lists(st.sampled_from(CHANNEL_TEST_FRAGMENTS), max_size=8).map(" ".join),
        st.text(max_size=60),
    )
)
def test_channel_test_filter_agrees_with_the_search(text: str) -> None:
    folded = metric_terms.fold(text)
    expected = metric_terms._CHANNEL_TEST.search(folded) is not None
    assert metric_terms._channel_test(folded) is expected
    assert metric_terms.is_channel_test(text) is classify_metric(text).channel_test


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.none(),
            st.lists(st.sampled_from(CHANNEL_TEST_FRAGMENTS), max_size=6).map(" ".join),
            # traditional, full-width, Greek final sigma, the Chinese comma, any text
            st.lists(
                st.sampled_from(["測試投放", "ＴＥＳＴ", "ΟΔΟΣ", "Σ", "，", "5000，200", "Test"]),
                max_size=4,
            ).map("".join),
            st.text(max_size=30),
        ),
        max_size=6,
    )
)
@example(["转化率", "𪄕"])  # an extension-plane character OpenCC converts (found by hypothesis)
def test_a_row_is_a_channel_test_as_its_joined_text_is(cells) -> None:
    written = [c for c in cells if c]
    joined = "\n".join(written)
    # folding reaches across no newline: each cell can be folded (and cached) alone
    assert metric_terms.fold(joined) == "\n".join(metric_terms.fold(c) for c in written)
    assert metric_terms.is_channel_test_row(cells) is metric_terms.is_channel_test(joined)
