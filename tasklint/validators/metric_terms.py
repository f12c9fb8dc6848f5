"""Bilingual metric vocabulary: which metrics a metric or goal cell names, and what kind.

Rules M301-M303 and M305 need to know whether a row tracks a core business metric (ROI,
conversion, CTR, sales/GMV, CAC, leads, ...) or only a surface one (exposure, views,
likes, followers, ...), whether lower is better (costs, churn, bounce and return rates),
and whether the row is a channel test that reports CTR::

    >>> classify_metric("新客转化率").core
    ('conversion',)
    >>> classify_metric("曝光量、点赞").surface
    ('exposure', 'likes')
    >>> classify_metric("获客成本").lower_is_better
    True
    >>> terms = classify_metric("抖音信息流测试投放 CTR≥2%")
    >>> terms.channel_test, terms.ctr
    (True, True)

Text is folded as the goal analyser folds it (`goal_text.fold`): NFKC (full-width ＣＴＲ
reads as CTR), traditional to simplified (轉化率, 點擊率, 獲客成本), lower case. English terms
match whole words only ("CTR" never inside "CTRL"; "conversion" also as "conversions";
"sales" not in "sales team"; "reach" as a noun, not the verb in "reach 10k users").
Where terms overlap the longest wins: "cost per acquisition" is CPA, "获客成本" is CAC,
"点击率" is CTR, not cost, acquisition or clicks.

`lower_is_better` follows the head of the first metric named. Chinese (and English
"acquisition cost") compounds put the head last, so in "粉丝成本" (cost per follower)
the head is the cost: adjacent terms are read as one compound.
CPM, complaint and unsubscribe rates are lower-is-better but neither core nor surface.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from tasklint.validators.goal_text import Vocabulary, fold

__all__ = [
    "CORE_METRICS",
    "SURFACE_METRICS",
    "MetricTerms",
    "classify_metric",
    "is_channel_test",
    "is_channel_test_row",
]


@dataclass(frozen=True, slots=True)
class MetricTerms:
    core: tuple[str, ...]  # canonical core metrics named, in order: "roi", "conversion", ...
    surface: tuple[str, ...]  # canonical surface metrics named: "exposure", "views", ...
    lower_is_better: bool  # the (first) metric named is cost-like: cost, CAC, CPC, churn ...
    channel_test: bool  # the text speaks of a channel test / 测试投放 / test campaign
    ctr: bool  # the text names CTR / 点击率 / click-through rate


_CORE, _SURFACE, _OTHER = "core", "surface", "other"


def _term(
    name: str, kind: str, *, en: str, zh: str = "", lower: bool = False
) -> tuple[str, str, bool, str]:
    """One metric: `en` is a regex of English words (matched as whole words), `zh` a
    space-separated list of Chinese regexes."""
    chinese = "|".join(zh.split())
    return name, kind, lower, rf"(?<![a-z])(?:{en})(?![a-z])" + (f"|{chinese}" if chinese else "")


_SALES_NOT_A_METRIC = (
    r"team|department|dept|reps?|staff|force|managers?|people|org|training|enablement|deck"
    r"|kit|pitch|meetings?|calls?|director|partners?|ops|person|side|colleagues?"
)

# Priority order: where two terms start at the same place the one listed first wins, so
# costs come first (点击成本, cost per acquisition contain other terms) and longer Chinese
# words before their prefixes.
_TERMS: list[tuple[str, str, bool, str]] = [
    # lower is better
    _term(
        "cac",
        _CORE,
        lower=True,
        en=r"cac|customer\s+acquisition\s+costs?|acquisition\s+costs?|costs?\s+of\s+acquisition",
        zh="获客成本 拉新成本 新客成本",
    ),
    _term(
        "cpa",
        _CORE,
        lower=True,
        en=r"cpa|cost\s+per\s+(?:acquisition|action|conversion|order|sale|purchase)",
        zh="单次转化成本 单个转化成本 转化成本 单次成交成本 成交成本",
    ),
    _term(
        "cpl", _CORE, lower=True, en=r"cpl|cost\s+per\s+lead", zh="单条线索成本 线索成本 留资成本"
    ),
    _term(
        "cpc",
        _CORE,
        lower=True,
        en=r"cpc|cost\s+per\s+click",
        zh="单次点击成本 点击成本 平均点击价格",
    ),
    _term(
        "cpm",
        _OTHER,
        lower=True,
        en=r"cpm|cost\s+per\s+(?:mille|thousand)(?:\s+impressions)?",
        zh="千次(?:展示|曝光|展现)成本 千展成本 曝光成本 展现成本",
    ),
    _term(
        "cost",
        _CORE,
        lower=True,
        en=r"costs?(?!-effective)|cost\s+per\s+[a-z]+|spend(?:ing)?|expenses?",
        zh="成本 费用 花费 开支 支出",
    ),
    _term("bounce_rate", _SURFACE, lower=True, en=r"bounce\s*rates?", zh="跳出率 跳失率"),
    _term("churn", _CORE, lower=True, en=r"(?:churn|attrition)(?:\s+rates?)?", zh="流失率 流失"),
    _term("return_rate", _CORE, lower=True, en=r"(?:return|refund)\s+rates?", zh="退货率 退款率"),
    _term(
        "complaint_rate",
        _OTHER,
        lower=True,
        en=r"complaints?(?:\s+rates?)?",
        zh="投诉率 客诉率 差评率 投诉量 客诉",
    ),
    _term(
        "unsubscribe_rate", _OTHER, lower=True, en=r"(?:unsubscribe|opt-?out)\s+rates?", zh="退订率"
    ),
    # core, higher is better
    _term("roas", _CORE, en=r"roas|return\s+on\s+ad\s+spend", zh="广告支出回报率 广告投产比"),
    _term(
        "roi",
        _CORE,
        en=r"roi|return\s+on\s+investment",
        zh="投资回报率 投资回报 投入产出比 投产比 投产",
    ),
    _term("ctr", _CORE, en=r"ctr|click[- ]?through(?:\s+rates?)?", zh="点击率 点进率"),
    _term(
        "conversion",
        _CORE,
        en=r"conversions?(?:\s+rates?)?|cvr|convert\s+rates?",
        zh="转化率 转化 成交率 下单率 购买率",
    ),
    _term(
        "gmv",
        _CORE,
        en=r"gmv|gross\s+merchandise\s+value",
        zh="成交额 成交金额 成交总额 商品交易总额",
    ),
    _term(
        "aov",
        _CORE,
        en=r"aov|average\s+order\s+values?|average\s+basket(?:\s+size)?",
        zh="客单价 笔单价",
    ),
    _term(
        "orders",
        _CORE,
        en=r"orders|order\s+(?:volume|count|number|quantity)|purchases",
        zh="订单量 订单数 订单 下单量 成交量 成交单量 单量",
    ),
    _term(
        "sales",
        _CORE,
        en=rf"sales(?![a-z])(?!\s+(?:{_SALES_NOT_A_METRIC})(?![a-z]))",
        zh="销售额 销售量 销量 销售收入 销售业绩 业绩 营业额 成交",
    ),
    _term("revenue", _CORE, en=r"revenues?|turnover", zh="营收 营业收入 收入"),
    _term("profit", _CORE, en=r"profits?|(?:gross\s+)?margins?", zh="毛利率 毛利 利润 净利"),
    _term(
        "leads",
        _CORE,
        en=r"leads|lead\s+(?:gen|generation|volume|count|capture)|mqls?|sqls|prospects",
        zh="销售线索 有效线索 线索 留资",
    ),
    _term(
        "signups",
        _CORE,
        en=r"sign-?\s?ups?|registrations?",
        zh="注册(?:量|数|人数|用户|率) 新增注册",
    ),
    _term("retention", _CORE, en=r"retention(?:\s+rates?)?", zh="留存率 留存"),
    _term(
        "repurchase",
        _CORE,
        en=r"repeat\s+(?:purchases?|purchase\s+rates?|rates?|buyers?|customers?)"
        r"|repurchases?(?:\s+rates?)?",
        zh="复购率 复购 回购率 回购",
    ),
    _term(
        "store_visits",
        _CORE,
        en=r"store\s+visits?|foot\s+traffic|footfall",
        zh="到店率 到店量 到店 进店率 进店 客流量 客流",
    ),
    _term(
        "ltv",
        _CORE,
        en=r"ltv|clv|(?:customer\s+)?lifetime\s+value",
        zh="生命周期价值 终身价值",
    ),
    _term("arpu", _CORE, en=r"arpp?u"),
    # surface
    _term("exposure", _SURFACE, en=r"exposures?", zh="曝光量 曝光度 曝光"),
    _term(
        "impressions",
        _SURFACE,
        en=r"impressions?|imprs?",
        zh="展现量 展示量 展示次数 展现",
    ),
    _term(
        "search_volume",
        _SURFACE,
        en=r"search\s+(?:volume|interest|index)",
        zh="搜索量 搜索指数 搜索热度",
    ),
    _term(
        "views",
        _SURFACE,
        en=r"views|page\s*views|video\s+views|pv|vv|plays",
        zh="浏览量 浏览数 浏览 阅读量 阅读数 阅读 播放量 播放数 播放次数 播放 观看量 观看人数 "
        "观看次数 观看 完播率",
    ),
    _term("traffic", _SURFACE, en=r"traffic|visitors|visits|uv|sessions", zh="流量 访客 访问量"),
    _term("clicks", _SURFACE, en=r"clicks", zh="点击量 点击数 点击次数 点击"),
    _term("likes", _SURFACE, en=r"likes", zh="点赞量 点赞数 点赞 获赞"),
    _term(
        "followers",
        _SURFACE,
        en=r"followers|fans|subscribers|follower\s+count",
        zh="粉丝量 粉丝数 粉丝 涨粉 关注(?:数|量|人数|者) 新增关注",
    ),
    _term(
        "engagement",
        _SURFACE,
        en=r"engagements?(?:\s+rates?)?|interactions",
        zh="互动量 互动率 互动数 互动(?!活动|游戏|装置|环节|玩法|营销)",
    ),
    _term(
        "shares",
        _SURFACE,
        en=r"shares|reposts|retweets",
        zh="分享量 分享数 分享 转发量 转发数 转发",
    ),
    _term("comments", _SURFACE, en=r"comments", zh="评论量 评论数 评论"),
    _term("saves", _SURFACE, en=r"saves|bookmarks", zh="收藏量 收藏数 收藏"),
    _term(
        "mentions",
        _SURFACE,
        en=r"mentions|buzz|share\s+of\s+voice|sov",
        zh="声量 提及量 提及",
    ),
    _term(
        "awareness",
        _SURFACE,
        en=r"(?:brand\s+)?awareness|brand\s+influence|visibility",
        zh="品牌影响力 影响力 知名度 品牌认知 认知度",
    ),
    # "reach" is a metric as a noun ("reach +20%", "organic reach"), not as the verb in
    # "reach 10k users" or "reach out"
    _term(
        "reach",
        _SURFACE,
        en=r"reach(?![a-z])(?!\s+(?!of|and|or|rate|is|was|up|down|by|grew|increase|decrease)"
        r"[a-z])(?!\s*[0-9.,]+\s*[kmw万]?\s*[a-z\u4e00-\u9fff])",
        zh="覆盖人数 覆盖量 覆盖率 触达人数 触达量 触达率 触达",
    ),
]

CORE_METRICS = frozenset(name for name, kind, _, _ in _TERMS if kind == _CORE)
SURFACE_METRICS = frozenset(name for name, kind, _, _ in _TERMS if kind == _SURFACE)

_VOCABULARY = Vocabulary([(f"t{i}", pattern) for i, (*_, pattern) in enumerate(_TERMS)])
_BY_GROUP = {f"t{i}": term[:3] for i, term in enumerate(_TERMS)}

# A channel test, in Chinese words or in English phrases (matched as whole words).
_CHANNEL_TEST_ZH = (
    r"测试投放|投放测试|小范围测试|小规模测试|小预算测试|渠道测试|试投放|试投|测试预算|测试期"
    r"|测试阶段|冷启动测试|(?:投放|渠道|广告|信息流|素材|千川|直通车|巨量)的?测试"
)
_CHANNEL_TEST_EN = (
    r"(?<![a-z])(?:test(?:ing)?\s+(?:campaigns?|spend|budget|run|flight|launch|placements?|buys?)"
    r"|pilot\s+(?:campaigns?|spend|budget|run)|channel\s+test(?:s|ing)?|(?:ad|ads|media|paid"
    r"|placement|feed|traffic)\s+tests?|small[- ]scale\s+tests?|tests?\s+(?:on|in|via)\s+"
    r"(?:douyin|tiktok|meta|facebook|instagram|google|xiaohongshu|red|wechat|weibo|bilibili"
    r"|kuaishou|youtube|linkedin|twitter|pinterest|snapchat|amazon|tmall|taobao))(?![a-z])"
)
_CHANNEL_TEST = re.compile(f"{_CHANNEL_TEST_ZH}|{_CHANNEL_TEST_EN}")
# Text speaks of a channel test where either half finds a match, and each half needs
# one of its words (a test checks both): text without them is not searched, and the
# half that has them is searched alone — the search tries every alternative at every
# position, and is the dearer part of asking.
_CHANNEL_TEST_HALVES = (
    (("测试", "试投"), re.compile(_CHANNEL_TEST_ZH)),
    (("test", "pilot"), re.compile(_CHANNEL_TEST_EN)),
)
_ENGLISH_GAP = re.compile(r"[\s-]+")


def _channel_test(folded: str) -> bool:
    """`_CHANNEL_TEST.search(folded) is not None`, asked half by half."""
    (zh_words, zh), (en_words, en) = _CHANNEL_TEST_HALVES
    if (zh_words[0] in folded or zh_words[1] in folded) and zh.search(folded) is not None:
        return True
    return (en_words[0] in folded or en_words[1] in folded) and en.search(folded) is not None


def _compound(folded: str, end: int, start: int) -> bool:
    """Whether the term ending at `end` and the one starting at `start` are one compound:
    nothing or 的 between them ("粉丝成本", "粉丝的成本"), or spaces or a hyphen between
    English words ("conversion cost")."""
    gap = folded[end:start]
    if gap in ("", "的"):
        return True
    return (
        _ENGLISH_GAP.fullmatch(gap) is not None
        and folded[end - 1].isascii()
        and folded[start].isascii()
    )


@lru_cache(maxsize=65536)
def is_channel_test(text: str) -> bool:
    """`classify_metric(text).channel_test`, without naming the metrics: rule M305 asks
    it of a row's whole text, which differs from row to row (the task names do), where
    the vocabulary scan would not pay for itself. Cached for the next lint of the same
    rows (a sync every few minutes)."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    return _channel_test(fold(text))


# Cells repeat from row to row where whole rows do not (their task names differ).
_fold_cell = lru_cache(maxsize=65536)(fold)


def is_channel_test_row(cells: Iterable[str | None]) -> bool:
    """`is_channel_test("\n".join(the cells written))`, folding each distinct cell once:
    folding a newline-joined text is joining its folded lines (NFKC, the simplified
    conversion and lower case never reach across a newline; a test checks it), and a
    row's goal, metric and notes repeat where its whole text does not."""
    return _channel_test("\n".join([_fold_cell(cell) for cell in cells if cell]))


# Checklists repeat their wording (metric names, goal templates) from row to row, and
# several rules ask about the same cell: answers are cached.
@lru_cache(maxsize=65536)
def classify_metric(text: str) -> MetricTerms:
    """Name the metrics a metric or goal cell speaks of, and say how to read them.
    Never raises on a string; anything else is read as its `str()`."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    folded = fold(text)
    core: list[str] = []
    surface: list[str] = []
    # The first compound decides lower_is_better: its last word is its head.
    head_lower: bool | None = None
    compound_end = -1  # where the first compound's last word ended, while it may go on

    def on_match(m: re.Match[str]) -> int:
        nonlocal head_lower, compound_end
        name, kind, lower = _BY_GROUP[m.lastgroup]  # type: ignore[index]
        if kind == _CORE:
            if name not in core:
                core.append(name)
        elif kind == _SURFACE and name not in surface:
            surface.append(name)
        if head_lower is None or (compound_end >= 0 and _compound(folded, compound_end, m.start())):
            head_lower, compound_end = lower, m.end()
        else:
            compound_end = -1
        return m.end()

    _VOCABULARY.scan(folded, on_match)
    return MetricTerms(
        core=tuple(core),
        surface=tuple(surface),
        lower_is_better=bool(head_lower),
        channel_test=_channel_test(folded),
        ctr="ctr" in core,
    )
