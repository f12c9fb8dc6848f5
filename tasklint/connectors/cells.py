"""Cell parsers: turn what a person typed into a table cell into a typed value.

Every parser takes the raw cell as a connector receives it (``str``, ``int``,
``float``, ``bool``, ``None``, a ``list`` for multi-value cells, a ``dict`` for a
vendor object) and returns the value a person would read, ``None`` for an empty
cell, or raises :class:`CellError` whose ``expected`` phrase ends up in the X901
message ("expected a number such as 1,200 or 3万"). They never return a silent 0
for text they cannot read, and never raise anything but ``CellError``.

Empty cells
    ``None``, ``""``, whitespace, ``-``, ``--``, ``—``, ``–``, ``/``, ``N/A``, ``NA``,
    ``none``, ``null``, ``nil``, ``TBD``/``TBA``/``TBC``, ``无``, ``暂无``, ``空``,
    ``未填``, ``待定``, ``待补充``, ``待统计``/``未统计``/``统计中`` (an actual not counted
    yet), a float NaN (what pandas makes of an empty cell) and an empty list all read
    as empty. A list of one value reads as that value (Airtable lookups arrive as
    lists); several values are refused by the single-value parsers. Spreadsheet error
    values (``#N/A``, ``#DIV/0!``, Airtable's ``{"error": …}``) are refused, never
    read as empty: a formula is broken and someone should see it.

``parse_number`` / ``parse_money``
    Reads ``1,200``, ``1 200``, ``１２００``, ``3万``, ``1.5万``, ``3千万``, ``1亿``,
    ``2千``, ``3k``, ``2.5K``, ``10w`` (= 10万), ``1M``, ``1.2bn``, ``1e5``,
    ``¥1,000``, ``$1,200.50``, ``1000元``, ``RMB 500``, ``€3``, ``-5``, ``(500)``
    (accounting negative, as Excel's Accounting format exports it), Chinese numerals
    (``五千``, ``三千五``, ``一万二`` = 12000, ``一万零二`` = 10002, ``一点五万``,
    ``两万``, ``壹仟``), approximations and bounds read as the number they name
    (``约3万``, ``3万左右``, ``10w+``, ``≥2%``, ``5000以上``), a count unit after the
    number (``3万人``, ``50篇``, ``200次``), India's lakh and crore (``₹15L``,
    ``12,00,000``, ``1.2 Cr`` with or without the rupee; ``12 L`` alone is 12 and a
    note), a price per unit sold (``$6.80/kg``,
    ``¥35/件``, ``FOB $8.50/pair``, ``$85/application``, ``¥2,680/匹``; per month, year,
    week, day or hour is refused: ``$500/month``, ``$50/hr``), a
    currency's name or sign before or after (``GH₵ 45,000``, ``2.5亿越南盾``, ``12 k$``
    as Québec writes it), a unit after a space (``3 万``, ``3
    million``, ``3.5 millones``, ``3 milhões``), a note after the value that holds no digit and so
    cannot change it (``3000（预估）``, ``3000 备注：含赠品``, ``5,000 impressions``),
    and percentages as fractions (``15%`` → 0.15, ``百分之十五``, ``三成``, ``5‰``,
    ``45%%``). ``mil`` is a thousand beside reais, pesos, dólares, soles and euros (``R$ 50
    mil``, ``S/ 50 mil``; ``mil millones``, ``mil milhões`` a billion) and a million elsewhere
    (``RM 3.5 mil``, ``1 mil impressions``); beside €, R$, the lira, the rupiah, the
    dong and Argentina's and Colombia's pesos a dot or a space before three digits groups
    thousands (``€5.000``, ``250.000 TL``, ``COP 45.000``, ``45.000đ``, ``12 500,50 €``) and a
    comma after the groups is the decimal point (``€ 1.250,50``, ``89,90 €``), as are one or
    two digits after a comma
    before a multiplier (``2,5 Mio. €``, ``3,5 k€``, ``Rp 2,5 jt``, ``2,5 tỷ đồng``, and
    before millones or milhões of dólares, pesos, soles or reais: ``1,5 millones de dólares``);
    ``MM`` beside dollars is a million (``$1.2MM``), ``N`` before a number the naira
    (``N50,000``), and Turkish puts the percent sign first (``%12``).
    Refused: ambiguous separators (``1,5``, ``1.200,50`` with no such currency), ranges
    (``10-20``), ratios (``1:3`` is ROI 3 or a 33% rate), several numbers, infinities,
    formula errors (``#N/A``, ``{"error": "#ERROR!"}``, ``{"specialValue": "NaN"}``),
    ``bool`` (a check box is no quantity).
    ``parse_money`` is the same but refuses a percentage unless ``percent_ok=True``:
    a budget of "15%" is not an amount of money.

``parse_progress``
    ``parse_percent``, between 0% and 100%, past a label before it (``进度：50%``,
    ``完成80%``, ``Progress 90%``, ``Progresso 75%``, and any word or two before a
    share, ``Coverage 75%``, ``已售 85%``, unless they are a status or a change:
    ``未完成80%`` and ``同比增长12%`` are refused); ``一半`` / ``half`` / ``yarı
    yarıya`` / ``aadha`` is 50% (``约一半``, ``about half`` too) and ``3/4`` (steps
    done of steps) 75%, after 已 and what was done too (``已拍 12/20``); ``45프로`` is
    45%.

``parse_percent``
    ``15%``, ``15 %``, ``１５％``, ``0.15``, ``百分之十五``, ``三成`` → 0.15 / 0.3. A
    bare number between -1 and 1 is already a fraction (``1`` is 100%); a bare
    number above 1 and up to 100 is a percentage (``80`` → 0.8); a bare number
    above 100 is refused (``150%`` with its sign is fine). Numbers from a field the
    connector knows holds fractions (Airtable and Notion percent fields) are passed
    with ``fraction=True`` and kept as they are (1.2 is 120%).

``parse_date`` / ``parse_date_range``
    ``2025-06-01``, ``2025/6/1``, ``2025.6.1``, ``20250601``, ``2025年6月1日``,
    ``二〇二五年六月一日``, ``6月1日`` / ``6月1号`` (year of ``today``), ``6/1`` and
    ``6/1/2025`` (month first, unless the first number cannot be a month or
    ``day_first=True``), ``6.1``, ``03.07.2025`` and ``03.07.`` (dots after the day and
    the month, as German, Polish and Russian teams write them: the 3rd of July),
    ``Jun 1, 2025``, ``1 June 2025``, ``June 1``,
    ``1-Jun-25``, weekdays and times after the date (ignored), ISO date-times with an
    offset (``2025-06-01T20:00:00.000Z``, converted to ``tz`` before the date is taken;
    with no ``tz``, the date in the stamp's own offset, as its writer meant it: a
    Feishu export's ``2025-06-25T00:00:00+08:00`` is the 25th; without an offset the
    date is taken as written), ``@June 25, 2025`` (a Notion mention), ``1-15 July``,
    ``6月中下旬``, ``15 lipca 2025``, ``Haziran sonu``, ``slutet av augusti``,
    ``fine luglio`` and other languages' month names, ``令和7年8月1日``, ``2025. 7. 15.``,
    ``3분기``, ``3. çeyrek``, ``3° trimestre``, ``2º semestre``, ``T4 2025``,
    ``114年下半年``, ``du 3 au 14 novembre``, ``entro fine settembre``, ``v.34``, a
    milestone's code before its date (``EVT：7月中旬``, ``ETD 7/25``), ``1er août``,
    ``1º de setembro``, Buddhist-era years (``15/07/2568``),
    ``datetime``/``date`` objects (aware ones converted to ``tz``), Excel serial
    numbers given as numbers or as 5-digit text (45809 → 2025-06-01) between 1950
    and 2099, Notion date objects ``{"start", "end"}``. Periods: a month
    (``2025-06``, ``2025年6月``, ``June 2025``), ``6月底`` / ``end of June`` (last
    day), ``6月上旬/中旬/下旬`` (and ``月初``/``月中``; ``early/mid/late June``),
    quarters and halves (``Q3``, ``2025年第三季度``, ``2026 Q1``, ``H1``, ``下半年``;
    ``end of Q3`` is its last day).
    ``25年6月1日`` is 2025; a note after the date is read past (``6/15 (tentative)``,
    ``6月15日 备注：需客户确认``, ``7/18 周五 上架``, and glued to a Chinese date:
    ``9月下旬到柜``), but not an approximation (``6/1 or so``, ``左右``).
    Ranges: ``6/1-6/15``, ``6月1日-15日``, ``6月1日至6月15日``, ``2025-06-01 →
    2025-06-15``, ``June 1 – 15``, ``12/20-1/5`` (the end rolls into next year, but
    only across the year's end: ``6/15-6/1`` is refused).
    ``parse_date_range`` returns ``(start, end)`` (a single date gives ``(d, d)``);
    ``parse_date`` returns the end, since for a due date the end is what matters —
    read start columns with ``parse_date_range(raw)[0]``. Refused: relative words
    (``today``, ``今天``, ``明天``: the cell would mean another day tomorrow and a
    nightly lint would never see it late), a fiscal year's end (``EOFY``: 30 June in
    Australia, 31 March in India), impossible dates (``2025-02-30``), bare
    numbers that are not serials, a range that ends before it starts, a weekday that
    is not the date's (``6/14 周五``: the 14th is a Saturday, one of the two is wrong).

``parse_status``
    Done: 已完成 / 完成 / 已交付 / done / complete / completed / finished / ✅ / ☑ / ✔
    / ■ / ☒ / [x] / ``True``. Not done: 未完成 / 未开始 / 待开始 / 进行中 / 待审核 /
    todo / to do / not started / in progress / pending / ☐ / □ / ❌ / ``False``.
    Abnormal: 异常 / 阻塞 / 延期 / 延迟 / 滞后 / 逾期 / 暂停 / blocked / at risk /
    delayed / late / overdue / on hold / ⚠. A label may carry a note after a
    separator (``已完成（6/5）``, ``delayed - vendor``, ``延期3天``, ``延期至6/30``),
    but "完成80%" is refused rather than read as done, and so is a note that is
    another state (``done/blocked``). A check box before a label picks that
    label (``■已完成``, ``☑ 已完成``, ``[x] done``), and before a task's text it is the
    status itself, as in a to-do list (``✅ 已发``, ``- [ ] Publish EDM``; so does a
    ⚠ before a reason, ``⚠️ 素材未到``, and a ⚠ or 🔴 before a label of work under way,
    ``⚠️ waiting for approval``: flagged, so abnormal); when the cell lists several
    options (``□未完成/■已完成/□异常``) the checked one wins, none checked reads
    as empty (the untouched template), two checked is refused. A lone option behind
    an empty box (``□已完成``) reads as that option: the seed template prints the
    box in every row and its rows mean the label. Cancelled (已取消) is refused: it
    is none of the three.

``parse_phase``
    方案准备阶段 / 准备 / 启动 / preparation / prep / planning / kick-off →
    PREPARATION; 执行 / 执行阶段 / 落地 / execution / launch → EXECUTION; 执行监控阶段
    / 监控 / 跟踪 / monitoring / tracking / "execution and monitoring" → MONITORING;
    效果复盘阶段 / 复盘 / 评估 / review / evaluation / retrospective / post-mortem →
    REVIEW. Numbering before the name is ignored (``1. 准备``, ``Phase 3: Review``,
    ``第一阶段：准备``); a bare number is refused (is "2" execution or monitoring?).

``parse_owner`` / ``parse_people`` / ``parse_person_records``
    Splits the seed's "责任部门/人" cell into people, departments, roles and a
    collective flag; see :func:`parse_owner` for the forms. ``*`` stands for a
    redacted name, as the seed writes "市场部*经理": a person was named there.

``parse_codes``
    ``"S403, B502 — vendor delay"`` → ``(["S403", "B502"], [])``: codes up to the
    first word that is not code-like; code-like but malformed tokens (``S40``,
    ``4031``, ``SS403``) go to the second list; the rest is a reason.

Why hand-written: libraries exist for parts of this, and were tried. ``dateparser``
(PyPI, well kept) reads the single dates above, 6月1日 included, but costs about
1.5 ms a call — 100,000 rows × 4 date columns is ten minutes, against ~3 µs here —
pulls in ``regex``, ``tzlocal`` and ``pytz``, and reads a stray "5" as the 1st of
May: a silent wrong date where X901 is wanted. ``cn2an`` (PyPI) reads 3万 and 一万二
in its "smart" mode in ~17 µs, but not 百分之十五, 三成, 1,200, currencies or 10w, so
it would replace only the sixty lines of ``_cn_number``. No library reads an owner
cell. These parsers therefore use the standard library and ``tasklint.text`` only;
parsed texts are cached with ``lru_cache`` (tables repeat their values).
"""

from __future__ import annotations

import calendar
import math
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from typing import Any, NamedTuple, NoReturn
from zoneinfo import ZoneInfo

from tasklint.model import Person, Phase, Status
from tasklint.text import CHINESE_WEEKDAYS, HAN_CHARACTER, normalise_key, to_simplified

__all__ = [
    "CellError",
    "OwnerCell",
    "is_empty",
    "parse_codes",
    "parse_date",
    "parse_date_range",
    "parse_money",
    "parse_number",
    "parse_owner",
    "parse_people",
    "parse_percent",
    "parse_person_records",
    "parse_phase",
    "parse_progress",
    "parse_status",
]


class CellError(ValueError):
    """A cell that cannot be read; ``expected`` says what would have been readable, and
    ``expected_zh`` says it in Chinese when the refusal has a reason of its own (else
    the connector says what the column's kind expects)."""

    def __init__(self, expected: str, expected_zh: str | None = None) -> None:
        self.expected = expected
        self.expected_zh = expected_zh
        super().__init__(f"expected {expected}")


# ---------------------------------------------------------------------------
# shared helpers

_EXPECT_NUMBER = "a number such as 1,200, 3万 or 15%"
_EXPECT_MONEY = "an amount such as ¥1,000, $1,200.50 or 3万元"
_EXPECT_PERCENT = "a percentage such as 15%, 0.15 or 三成"
_EXPECT_PROGRESS = "a progress from 0% to 100%, such as 60%, 0.6 or 六成"
_EXPECT_DATE = "a date such as 2025-06-01, 2025/6/1, 6月1日 or Jun 1, 2025"
_EXPECT_STATUS = "a status: done / not done / abnormal (已完成 / 未完成 / 异常)"
_EXPECT_PHASE = "a phase: preparation / execution / monitoring / review (准备 / 执行 / 监控 / 复盘)"
_EXPECT_OWNER = "an owner such as 市场部-张三, Zhang (Marketing) or Marketing manager"
_EXPECT_ONE = "a single value, not a list of {n}"

# "To be set", as Latin-American, Brazilian, French and Italian teams write it: an empty
# cell of any kind, and an owner not named yet
_UNDECIDED = frozenset(
    {"pordefinir", "adefinir", "àdéfinir", "àconfirmer", "porconfirmar", "dadefinire"}
    | {"belumditentukan", "미정", "nonrenseigné", "لايوجد"}  # not yet decided, not filled
    | {"belumada"}  # Indonesian: none yet
    | {"chưaxácđịnh", "chưathốngkê", "尚未确定", "尚未確定", "k.a.", "keineangabe"}
    # (as the lookup folds it: NFKC splits Thai ำ in two)
    | {unicodedata.normalize("NFKC", "ยังไม่กำหนด")}
)
_EMPTY = frozenset(
    {"", "-", "--", "---", "—", "——", "–", "/", "n/a", "na", "none", "null", "nil"}
    | {"tbd", "tba", "tbc", "无", "暂无", "空", "未填", "待定", "未定", "待补充"}
    | {"待统计", "未统计", "统计中", "待更新", "待填写", "尚未统计", "暂无数据", "暂未统计"}
    | {"待确定", "未集计", "tobeconfirmed", "tobedecided", "tobedetermined", "还在统计"}
    | {"غيرمتوفر", unicodedata.normalize("NFKC", "ยังไม่สรุป")}  # Arabic, Thai: not available yet
    | {"미집계", "belumdiisi"}  # Korean, Indonesian: not tallied, not filled in
    | {"n/d"}  # Polish: nie dotyczy, not applicable
    | {"n.v.t.", "n.v.t", "nvt"}  # Dutch: niet van toepassing, not applicable
    | {"未定义"}
    | {"莫得", "没得", "冇"}  # Sichuanese, Cantonese: there is none
    | _UNDECIDED
)
# Spreadsheet error values exported as text: a formula failed, nobody typed them.
_SHEET_ERROR = re.compile(r"#(?:N/A|DIV/0!|VALUE!|REF!|NAME\?|NUM!|NULL!|ERROR!|SPILL!|CALC!)")
_RATIO = re.compile(r"\d+(?:\.\d+)?\s*[:：]\s*\d+(?:\.\d+)?")


def _is_empty_text(text: str) -> bool:
    return normalise_key(text) in _EMPTY


def is_empty(raw: object) -> bool:
    """True for the values every parser reads as an empty cell (see the module doc)."""
    if raw is None:
        return True
    if isinstance(raw, str):
        return _is_empty_text(raw)
    if isinstance(raw, float):
        return math.isnan(raw)
    if isinstance(raw, list | tuple):
        return all(is_empty(item) for item in raw)
    return False


def _words(*lines: str) -> list[str]:
    """Vocabulary written as space-separated words, a few lines at a time."""
    return " ".join(lines).split()


def _fail(expected: str, expected_zh: str | None = None) -> NoReturn:
    raise CellError(expected, expected_zh)


class _Refusal(NamedTuple):
    """Why a date text was refused, in both languages."""

    en: str
    zh: str


_EXPECT_DATE_ZH = "日期，如 2025-06-01、2025/6/1 或 6月1日"
_BACKWARDS = _Refusal(
    f"{_EXPECT_DATE} — this range ends before it starts",
    f"{_EXPECT_DATE_ZH}——这个日期范围的结束早于开始",
)


def _single(raw: object, expected: str) -> object:
    """Unwrap a one-element list and vendor error objects; refuse several values."""
    if isinstance(raw, float) and math.isnan(raw):
        return None
    if isinstance(raw, list | tuple):
        items = [item for item in raw if not is_empty(item)]
        if not items:
            return None
        if len(items) > 1:
            _fail(f"{expected} — {_EXPECT_ONE.format(n=len(items))}")
        return items[0]
    if isinstance(raw, dict):
        if "error" in raw:
            _fail(f"{expected}, not the formula error {str(raw['error'])[:40]}")
        if "specialValue" in raw:
            _fail(f"{expected}, not the formula result {str(raw['specialValue'])[:40]}")
    if isinstance(raw, str) and _SHEET_ERROR.fullmatch(raw.strip().upper()):
        _fail(f"{expected}, not the spreadsheet error {raw.strip()}")
    return raw


def _fold(text: str) -> str:
    """NFKC (full-width to half-width), simplified Chinese, Arabic-Indic digits as ASCII
    ones (١٥٠٬٠٠٠, ٧٥٪), stripped; case is kept."""
    folded = to_simplified(unicodedata.normalize("NFKC", text)).strip()
    return folded.translate(_ARABIC_DIGITS) if _ARABIC_DIGIT.search(folded) else folded


# (NFKC leaves them: they are digits of their own script, not forms of 0-9)
_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٬٫٪", "01234567890123456789,.%")
_ARABIC_DIGIT = re.compile("[٠-٩۰-۹٬٫٪]")


# ---------------------------------------------------------------------------
# numbers

_CN_DIGITS = {
    "零": 0, "〇": 0, "○": 0, "一": 1, "壹": 1, "二": 2, "两": 2, "贰": 2, "三": 3,
    "叁": 3, "参": 3, "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7,
    "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
}  # fmt: skip
_CN_SMALL = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_CN_BIG = {"万": 10_000, "亿": 100_000_000}
_CN_NUM_CHARS = "".join(_CN_DIGITS) + "".join(_CN_SMALL) + "".join(_CN_BIG) + "点"

_PLAIN = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
# Thousands separators: comma, space, no-break/thin spaces, apostrophe — groups of 3.
_GROUPED = re.compile(r"(\d{1,3})((?:[, \u00a0\u202f\u2009']\d{3})+)(\.\d+)?")
# Dots between groups, as Germany, Indonesia and Vietnam write them — two dots or more,
# since 1.200 alone may be one and a fifth; and India's lakh grouping (12,00,000).
_DOT_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?")
_LAKH_GROUPED = re.compile(r"\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?")
_CN_TOKEN = re.compile(rf"\d+(?:\.\d+)?|\.\d+|[{_CN_NUM_CHARS}]")
_LATIN_MULT = re.compile(
    r"(.*?\d)\s*(k|w|m|mn|mio|mil\s+millones|mil|b|bn|thousand|million|billion|millones|mill[oó]n"
    r"|mil\s+milh[õo]es|milh[õo]es|milh[ãa]o|bilh[õo]es|bilh[ãa]o"
    r"|lakhs?|crores?"
    r"|ribu|rb|juta|jt|miliar|nghìn|ngàn|triệu|tỷ|천|만|억|tys|mln|mld|bin|milyon|milyar|mdp|tsd"
    r"|mrd|mila|milioni|miliardi|مليون|مليار|ألف"
    r"|тыс|млн|млрд|mlrd"
    r"|พัน|หมื่น|แสน|ล้าน)\.?",
    re.IGNORECASE,
)
_LATIN_MULT_VALUE = {
    "k": 1e3, "w": 1e4, "m": 1e6, "mn": 1e6, "mio": 1e6, "b": 1e9, "bn": 1e9,
    "thousand": 1e3, "million": 1e6, "billion": 1e9, "mil": 1e6,
    "millones": 1e6, "millón": 1e6, "millon": 1e6, "mil millones": 1e9,  # Spanish
    "milhões": 1e6, "milhoes": 1e6, "milhão": 1e6, "milhao": 1e6,  # Portuguese
    "mil milhões": 1e9, "mil milhoes": 1e9, "bilhões": 1e9, "bilhoes": 1e9, "bilhão": 1e9,
    "bilhao": 1e9,
    "lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7,  # India
    "ribu": 1e3, "rb": 1e3, "juta": 1e6, "jt": 1e6, "miliar": 1e9,  # Malay, Indonesian
    "nghìn": 1e3, "ngàn": 1e3, "triệu": 1e6, "tỷ": 1e9,  # Vietnamese
    "천": 1e3, "만": 1e4, "억": 1e8,  # Korean
    "tys": 1e3, "mln": 1e6, "mld": 1e9,  # Polish
    "tsd": 1e3, "mrd": 1e9,  # German: Tsd., Mrd.
    "тыс": 1e3, "млн": 1e6, "млрд": 1e9,  # Russian
    "mlrd": 1e9,  # Uzbek
    "bin": 1e3, "milyon": 1e6, "milyar": 1e9,  # Turkish
    "mila": 1e3, "milioni": 1e6, "miliardi": 1e9,  # Italian
    "مليون": 1e6, "مليار": 1e9, "ألف": 1e3,  # Arabic
    "mdp": 1e6,  # (Mexico) millones de pesos
    "พัน": 1e3, "หมื่น": 1e4, "แสน": 1e5, "ล้าน": 1e6,  # Thai
}  # fmt: skip

_APPROX_PREFIX = re.compile(
    r"^(?:约为|约|大约|大約|大概|差不多|差唔多|将近|接近|近|yaklaşık|yaklasik|超过|超|逾|不低于|不少于|不超过|不高于|至少|最多|最少"
    r"|预计|预估|预期|估计|est\.?|estimated|projected"
    r"|about|approximately|approx\.?|around|circa|ca\.|at\s+least|at\s+most|up\s+to"
    r"|env\.?|environ|약|대략|sekitar|kurang\s+lebih|±|aprox\.?|aproximadamente|cerca\s+de"
    r"|ok\.|około|okolo|ca(?![a-z])|c\.|khoảng|約|ประมาณ|около|примерно"  # (ca 500, not CAD)
    r"|over|under|min\.?|max\.?|>=|<=|[~≈≥≤><])\s*",
    re.IGNORECASE,
)
_APPROX_SUFFIX = re.compile(r"\s*(?:左右|上下|以上|以下|以内|之内|多|余|くらい|ぐらい|程度|\+)$")
# Currency signs written before or after an amount (and never in a progress cell)
_MONEY_SIGNS = "¥$€£฿₫₩₹₺₱₦"
_CURRENCY_PREFIX = re.compile(
    r"^(?:us\$|hk\$|nt\$|s\$|a\$|c\$|r\$|mx\$|nz\$|rmb|cny|usd|eur|gbp|hkd|jpy|sgd|myr|rm|aud|cad|twd"
    r"|ntd|thb|idr|php|inr|krw|vnd|mxn|brl|chf|fr\.(?=\s*\d)|nzd|aed|dhs?|sar|rp|sek|nok|dkk|try|pln"
    r"|kes|ksh|ngn"
    r"|zar|egp|sr(?=\s*\d)|r(?=\s*\d)|mop\$?|澳門元"  # R45,000: the rand; SR: the riyal
    r"|s/\.?(?=\s*\d)|pen(?=\s*\d)"  # S/ 15,000: the sol
    r"|gh₵|gh¢|ghs|₵"  # the cedi (GH¢: the cent sign stands in for it)
    r"|ars|u\$[sd]|le(?=\s*\d)|e£|马币|馬幣|令吉"  # Argentina's pesos and dollars; Egypt's pound
    r"|(?-i:N)(?=\d)"  # N50,000: the naira
    r"|₸|kzt|тг|руб|₽"  # the tenge, the rouble
    r"|cop|uzs|p(?=\d)"  # Colombia's pesos; Uzbekistan's som; P15k: the Philippine peso
    r"|au\$|rs\.?(?=\s*\d)|澳门币|澳門幣"  # Australia's dollars; India's rupees; Macau's patacas
    r"|港幣|港币|越南盾|泰銖|泰铢|印尼盾"
    rf"|澳门元|人民币|新台幣|新台币|台幣|台币|[{_MONEY_SIGNS}])\s*",
    re.IGNORECASE,
)
_CURRENCY_SUFFIX = re.compile(
    # (with Spanish and Portuguese "de" before it: 2 mil millones de pesos, 3 milhões de reais;
    # only before the names below that those languages write so)
    r"(?:\s+de(?=\s+(?:pesos?|reais|euros?|d[oó]lares)\b))?"
    r"\s*(?:元人民币|人民币|美元|欧元|英镑|港元|港币|日元|日圓|日圆|元整|元|块钱|块|蚊|圆|円|원|zł|zl|đ"
    r"|tl|try|kr|sek|nok|dkk|pln|kes|ksh|/=|:-|บาท|澳門元|澳门元|[€฿₫₺]"
    r"|rmb|cny|usd|eur|gbp|hkd|jpy|mxn|brl|yuan|dollars?|euros?|baht|đồng|dong|vnd|rupiah"
    r"|ringgit|reais|pesos?|d[oó]lares|越南盾|泰铢|泰銖|印尼盾|cedis?|令吉|ج\.م\.?|جنيه|₸|тг\.?|тенге|kzt|₽|руб\.?"
    r"|сум|so'm|som|uzs|cop"
    r"|\$)$",  # (12 k$: the multiplier, then the dollar, as Québec writes it)
    re.IGNORECASE,
)
_COUNT_SUFFIX = re.compile(
    r"(?:人次|场次|次|人|个|条|篇|份|单|件|位|家|场|张|名|台|套|户|箱|枚|盒|瓶|罐|袋|下载|下載|间夜|間夜"
    r"|间|間|斤|吨|噸|组|組|双|只|笼|籠|杯|幅|艘|支|包|片|粒|本|辆|輛|颗|顆|株|棵|匹|卷|册|冊|则|則"
    r"|伙"  # Hong Kong: flats (三百伙)
    r"|개|명|건|회|шт\.?"
    r"|\s+(?:ly|người|đơn|lượt|stk\.?|stück|pcs|units?))$",
    re.IGNORECASE,
)
_KO_AS_CN = {"억": "亿", "만": "万", "천": "千", "백": "百"}
_KO_NUMERAL = re.compile(r"(?<=[\d억만천백])\s*([억만천백])")
_KO_GROUP_SPACE = re.compile(r"(?<=[억만천백])\s+(?=\d)")
_KRONOR_MULT = re.compile(r"(?<=\d)\s*([tTmM])kr\.?$")
_INCOTERM = re.compile(r"^(?:fob|cif|cfr|exw|ddp|dap|fca)\s+", re.IGNORECASE)
# A price per unit of what is sold: $6.80/kg, ¥35/件 (per month or per year is refused,
# `_PER_TIME`: a rate over time is not the amount a budget or target cell holds)
_PER_UNIT_SUFFIX = re.compile(
    r"\s*/\s*(?:kg|g|lbs?|斤|公斤|千克|件|个|個|pcs?|units?|pieces?|箱|box(?:es)?|m2|㎡|sqm"
    r"|nights?|晚|间夜|間夜|pax|persons?|人|位|seats?|座|cups?|杯|bottles?|瓶|pairs?|双|雙|pi[èe]ces?"
    r"|botellas?|cajas?|unidad(?:es)?|stück|stk\.?|kotak|botol|개|병|店|门店|garrafas?|caixas?"
    r"|台|karte|tickets?|tazas?|pek|m|м|metres?|meters?|kw|盒|plates?"
    r"|ชิ้น|กล่อง|ขวด|อัน"  # Thai: a piece, box, bottle (vowel marks are no letters to \w)
    # any other thing sold, in one word: $29.99/bag, $85/application, ¥2,680/匹
    r"|[^\W\d_][^\W\d_'-]{0,15}\.?)$",
    re.IGNORECASE,
)
_PERCENT_SUFFIX = re.compile(r"\s*(%|‰|个百分点|百分点|pct|percent|프로|퍼센트)$", re.IGNORECASE)
_CN_PERCENT_PREFIX = "百分之"
_CHENG = re.compile(rf"^([{_CN_NUM_CHARS}\d.]+)成([{''.join(_CN_DIGITS)}\d])?$")


class _Refused(Exception):
    """Internal: the text is not a number (turned into CellError by the caller)."""


def _cn_number(text: str) -> float:
    """Chinese (or mixed) numerals with units: 三千五, 一万二, 3万5千, 一点五万, 十五."""
    tokens = _CN_TOKEN.findall(text)
    if "".join(tokens) != text or not tokens:
        raise _Refused
    big = 0.0  # the part already multiplied by 亿
    wan = 0.0  # the part already multiplied by 万 (below 亿)
    section = 0.0  # below 万
    pending: float | None = None
    last_small = 10_000  # the last small unit in this section, to check they descend
    last_unit = 0  # magnitude of the unit just before a trailing digit
    zero_seen = False
    single_digit = False  # the pending number is one digit, as in 一万二 (not 3万5000)
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok in _CN_DIGITS or tok[0].isdigit() or tok[0] == ".":
            if pending is not None:
                raise _Refused  # two digits in a row: 一二, 二〇二五
            if tok in _CN_DIGITS:
                value = float(_CN_DIGITS[tok])
                if value == 0:
                    zero_seen = True
                    i += 1
                    continue
                pending = value
            else:
                pending = float(tok)
            single_digit = len(tok) == 1
        elif tok in _CN_SMALL:
            unit = _CN_SMALL[tok]
            if unit >= last_small:
                raise _Refused  # 三百四千
            section += (1.0 if pending is None else pending) * unit
            pending, last_small, last_unit, zero_seen = None, unit, unit, False
        elif tok in _CN_BIG:
            unit = _CN_BIG[tok]
            if unit == 10_000:
                if wan or (section == 0 and pending is None):
                    raise _Refused  # 万万, a lone 万
                wan = section + (pending or 0.0)
            else:
                if big == 0 and wan == 0 and section == 0 and pending is None:
                    raise _Refused
                big = (big + wan * 10_000 + section + (pending or 0.0)) * unit
                wan = 0.0
            section, pending, last_small, last_unit, zero_seen = 0.0, None, 10_000, unit, False
        elif tok == "点":
            # 一点五万, 十二点五: the integer so far, a fraction of digits, then units only.
            integer = big + wan * 10_000 + section + (pending or 0.0)
            if pending is None and section == 0:
                raise _Refused
            digits = ""
            i += 1
            while i < len(tokens) and tokens[i] in _CN_DIGITS:
                digits += str(_CN_DIGITS[tokens[i]])
                i += 1
            if not digits:
                raise _Refused
            value = integer + float("0." + digits)
            for unit_tok in tokens[i:]:
                if unit_tok in _CN_BIG:
                    value *= _CN_BIG[unit_tok]
                elif unit_tok in _CN_SMALL:
                    value *= _CN_SMALL[unit_tok]
                else:
                    raise _Refused
            return value
        i += 1
    if pending is not None and last_unit and single_digit and not zero_seen:
        # 一万二 = 12000, 三千五 = 3500, 两百五 = 250: a trailing digit counts in the
        # unit below the last one, as people say it.
        pending *= last_unit / 10
    return big + wan * 10_000 + section + (pending or 0.0)


def _arabic(text: str) -> float:
    """A plain or grouped Arabic number with an optional k/w/M suffix."""
    if _PLAIN.fullmatch(text):
        return float(text)
    grouped = _GROUPED.fullmatch(text)
    if grouped:
        return float(grouped[1] + re.sub(r"\D", "", grouped[2]) + (grouped[3] or ""))
    if _DOT_GROUPED.fullmatch(text):
        return float(text.replace(".", "").replace(",", "."))
    if _LAKH_GROUPED.fullmatch(text):
        return float(text.replace(",", ""))
    mult = _LATIN_MULT.fullmatch(text)
    if mult:
        scale = _LATIN_MULT_VALUE[" ".join(mult[2].lower().split())]
        try:
            return _arabic(mult[1].strip()) * scale
        except _Refused:
            return _two_scales(mult[1].strip(), scale)
    raise _Refused


# The larger part of an amount said in two scales: 1 tỷ 200 triệu, 1 crore 20 lakh
_LARGER_PART = re.compile(
    r"(\d+(?:[.,]\d+)?)\s*("
    + "|".join(sorted(map(re.escape, _LATIN_MULT_VALUE), key=len, reverse=True))
    + r")(?![^\W\d_])\.?\s+(\d+(?:[.,]\d+)?)",
    re.IGNORECASE,
)


def _two_scales(head: str, scale: float) -> float:
    """1 tỷ 200 triệu is 1.2 billion, as 1亿2000万 is: a larger scale, then a part of it in a
    smaller one (which must stay below one of the larger)."""
    parts = _LARGER_PART.fullmatch(head)
    if parts is None:
        raise _Refused
    larger = _LATIN_MULT_VALUE[" ".join(parts[2].lower().split())]
    rest = _arabic(parts[3]) * scale
    if larger <= scale or rest >= larger:
        raise _Refused
    return _arabic(parts[1]) * larger + rest


_PER_TIME = re.compile(
    r"(?:/\s*(?:months?|mo|mths?|mois|mes|mês|monat|years?|yr|an|année|ano|weeks?|wk|semaine|days?|jour"
    r"|月|年|周|天|日|мес|hours?|hrs?|h|小时|quarters?|qtr|季度?|jahr|tag|woche|tháng|năm|ngày"
    r"|bulan|tahun|hari|minggu|mes(?:es)?|día|dia|semana|año)|\s+p/m|\s+p\.m\.|\s+pcm)\.?$",
    re.IGNORECASE,
)


@lru_cache(maxsize=16384)
def _number_text(text: str) -> tuple[float, bool] | None:
    """(value, written as a percentage) or None when the text is not a number."""
    if _PER_TIME.search(text):
        return None  # $500/month, 3 500 $/mois: a rate over time, not an amount
    try:
        return _number_text_inner(text)
    except (_Refused, ValueError, OverflowError, ArithmeticError):
        pass
    # What a person still reads as one number: "3 万", "45%%", and a value with a note
    # after it ("3000（预估）", "80% (waiting on assets)", "40% 待客户确认")
    spaced = _SPACED_UNIT.sub("", text).replace("%%", "%")
    if spaced != text:
        return _number_text(spaced)
    labelled = _VALUE_LABEL.match(text) or _SPACED_MONEY_LABEL.match(text)
    if labelled:
        return _number_text(text[labelled.end() :])
    if len(text) > _MAX_NOTED_NUMBER:
        return None  # no value with a note is written this long; spare the note search
    value = _without_note(text)
    return None if value is None else _number_text(value)


# The longest cell searched for a value with a note after it: the search tries every
# place the value could end, each against the rest of the cell (a 10,000-digit cell
# took seconds)
_MAX_NOTED_NUMBER = 400


# Emoji and pictographs a person adds to a cell (30%⏳, 搞定了✌️, 进行中🚀), with the
# variation selector and joiner that build them
_EMOJI = "\u231a\u231b\u23e9-\u23fa\u2600-\u27bf\U0001f000-\U0001faff\ufe0f\u200d"
_TRAILING_MARKS = re.compile(f"\\s*[{_EMOJI}]+$")


def _number_text_inner(text: str) -> tuple[float, bool]:
    s = text.strip()
    if _PLAIN.fullmatch(s):  # the common case: a plain number
        value = float(s)
        if not math.isfinite(value):
            raise _Refused
        return value, False
    s = _TRAILING_MARKS.sub("", _fold(s))  # 30%⏳: the mark says how it goes, not how much
    if s.startswith("'"):  # Excel's "store as text" apostrophe
        s = s[1:].strip()
    negative = False
    paren = re.fullmatch(r"\((.+)\)", s)
    if paren:  # accounting negative: (500), (¥1,200)
        negative, s = True, paren[1].strip()
    elif re.fullmatch(r"[^-]*\d-", s):  # 1,200.00-: the minus after, as ledgers print it
        negative, s = True, s[:-1].strip()
    elif s[:1] in "▲△":  # ▲30,000: the minus of Japanese accounts
        negative, s = True, s[1:].strip()
    s = _INCOTERM.sub("", s, count=1)  # FOB $8.50/pair: the price at those terms
    s = _NO_CENTS.sub("", s, count=1)  # 12'500.– CHF: the Swiss way to write no rappen
    s = _KRONOR_MULT.sub(lambda m: " k kr" if m[1] in "tT" else " M kr", s)  # 500 tkr, 2 Mkr
    if _KO_NUMERAL.search(s):  # 1억 2천만원: 1亿2千万, read as Chinese numerals are
        s = _KO_NUMERAL.sub(lambda m: _KO_AS_CN[m[1]], _KO_GROUP_SPACE.sub("", s))
    for _ in range(2):  # approximation, sign and currency in either order
        s = _APPROX_PREFIX.sub("", s, count=1)
        if s and (s[0] in "+-−" or s[0] == "负"):
            if negative:
                raise _Refused
            negative = s[:1] != "+"
            s = s[1:].strip()
        s = _CURRENCY_PREFIX.sub("", s, count=1)
        if not negative and (paren := re.fullmatch(r"\((.+)\)", s)):
            negative, s = True, paren[1].strip()  # $(3,400): the sign after the currency
    for _ in range(3):  # 3万元左右, 10w+, 50篇以上
        s = _APPROX_SUFFIX.sub("", s, count=1)
        s = _CURRENCY_SUFFIX.sub("", s, count=1)
        s = _PER_UNIT_SUFFIX.sub("", s, count=1)
        s = _COUNT_SUFFIX.sub("", s, count=1)
    s = s.strip()
    if _BRAZIL.search(text):
        s = _MI.sub(" mio", s)  # R$ 1,2 mi: milhões
    if _DOLLARS.search(text):
        s = _MM.sub(" mio", s)  # $1.2MM: a million, as US finance writes it
    if _EUROS.search(text):
        if grouped := _EURO_THOUSANDS.match(s):
            # €5.000, € 1.250,50: in euros a dot before three digits groups them, and then
            # a comma is the decimal point (also before the currency or a note: 5.000 € (Messe))
            grouped_value = re.sub(r"[.\s\u00a0\u202f]", "", grouped[0]).replace(",", ".")
            s = grouped_value + s[grouped.end() :]
        else:  # 2,5 Mio. €, Rp 2,5 jt: before a multiplier, one or two digits after a
            # comma are decimals
            s = _DECIMAL_BEFORE_MULT.sub(r"\1.\2", s)
    elif _LATIN_MILLIONS.search(s) and _LATIN_CURRENCY_WORD.search(text):
        # 1,5 millones de dólares: a decimal comma, as the currency's name says (1,5
        # millones alone stays unread: 1,5 may be a list)
        s = _DECIMAL_BEFORE_MULT.sub(r"\1.\2", s)
    rupees = _RUPEES.search(text) is not None
    s = _LAKH_CRORE.sub(lambda m: _lakh_or_crore(m, rupees), s)
    if _THOUSAND_MIL.search(text):
        s = _MIL.sub("k", s)  # R$ 50 mil, 3 mil pesos: a thousand (RM 3.5 mil: a million)
    percent = 1.0
    suffix = _PERCENT_SUFFIX.search(s)
    if not suffix and s.startswith("%") and s[1:2].isdigit():
        percent, s = 100.0, s[1:]  # %12: the sign first, as Turkish writes it
    elif suffix:
        percent = 1000.0 if suffix[1] == "‰" else 100.0
        s = s[: suffix.start()].strip()
    elif s.startswith(_CN_PERCENT_PREFIX):
        percent, s = 100.0, s[len(_CN_PERCENT_PREFIX) :]
    elif cheng := _CHENG.fullmatch(s):
        value = _core(cheng[1]) / 10
        if cheng[2]:
            value += _core(cheng[2]) / 100
        return (-value if negative else value), True
    if not s:
        raise _Refused
    value = _core(s) / percent
    if not math.isfinite(value):
        raise _Refused
    return (-value if negative else value), percent != 1.0


# (and the lira, written as the euro is: 250.000 TL)
_EUROS = re.compile(
    r"€|\beur(?:os?)?\b|r\$|\bbrl\b|\breais\b|₺|\btl\b|\btry\b|\brp\b|\bidr\b|\bars\b|\bcop\b"
    r"|^\$\s*\d|đ|₫|\bvnd\b|đồng|\bdong\b",
    re.IGNORECASE,
)  # (and the rupiah: Rp 50.000; a bare $ as Latin America's pesos: $ 850.000; the dong)
# one group too (€5.000), spaces between groups (12 500,50 €), or no groups: 89,90 €
_NO_CENTS = re.compile(r"(?<=\d)\.[–—-]{1,2}(?=\s*(?:chf|fr\.?|€|eur)?\s*$)", re.IGNORECASE)
_EURO_THOUSANDS = re.compile(
    r"(?:\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d{1,2})?"
    r"|\d{1,3},\d{2})(?![\d.,])"
)
_DECIMAL_BEFORE_MULT = re.compile(
    r"^(\d+),(\d{1,2})(?=\s*(?:mio|mrd|mil|millones|mill[oó]n|milh[aã]o|milh[oõ]es|tsd|k|m|bn|mn|juta"
    r"|jt|miliar|ribu|rb|milyon|milyar|mln|mld|tys|bin|w|万|亿|triệu|tỷ|nghìn|ngàn)\.?$)",
    re.IGNORECASE,
)
_LATIN_MILLIONS = re.compile(r"mill[oó]n|millones|milh[aãoõ]", re.IGNORECASE)
_LATIN_CURRENCY_WORD = re.compile(r"\b(?:d[oó]lares|pesos?|soles|reais)\b", re.IGNORECASE)
_BRAZIL = re.compile(r"r\$|\bbrl\b|\breais\b", re.IGNORECASE)
_DOLLARS = re.compile(r"\$|\busd\b", re.IGNORECASE)
_MM = re.compile(r"(?<=\d)\s*mm\b\.?", re.IGNORECASE)
_MI = re.compile(r"(?<=\d)\s*mi\b\.?", re.IGNORECASE)
# Where "mil" is a thousand: Portuguese and Spanish money (R$ 50 mil, 3 mil pesos, S/ 50
# mil)
_THOUSAND_MIL = re.compile(
    r"r\$|\bbrl\b|\breais\b|mx\$|\bmxn\b|\bpesos?\b|€|\beuros?\b|(?<![a-z])s/|\bsoles\b|\bars\b"
    r"|\bcop\b|\bd[oó]lares\b",
    re.I,
)
_MIL = re.compile(r"(?<=\d)\s*mil\b\.?(?!\s*mil[lh])", re.I)  # (mil millones, mil milhões: 1e9)
_RUPEES = re.compile(r"₹|\binr\b|\brs\.?(?=\s*\d)", re.I)
_LAKH_CRORE = re.compile(r"(?<=\d)\s*(l|lacs?|crs?)\b\.?", re.I)  # ₹15L, ₹2 cr


def _lakh_or_crore(m: re.Match[str], rupees: bool) -> str:
    """₹15L, ₹2 cr; and 1.2 Cr without the rupee too — but without it 12 L stays a number
    and a note (litres?), and 500.00 CR, in capitals, may be an accountant's credit."""
    if m[1].casefold().startswith("c"):
        return " crore" if rupees or not m[1].isupper() else m[0]
    return " lakh" if rupees else m[0]


# A label before the value, without a digit: 曝光：50万, Target: 3000
_VALUE_LABEL = re.compile(r"^\s*[^\d:：]{1,12}?[:：]\s*(?=\S)")
# ... or a Chinese word and a space before a money sign: 预算 ¥35万
_SPACED_MONEY_LABEL = re.compile(r"^\s*[\u3400-\u9fff]{2,4}\s+(?=[¥￥$€£₩₹])")
_SPACED_UNIT = re.compile(r"(?<=\d)\s+(?=[万萬亿億千百])")
# A note after a value, which holds no digit and so cannot change it: in brackets, after
# 备注/note, or words after a space that are not a unit the value is read with.
# A note after a value, that holds no digit: in brackets, after 备注 or "note:", after
# a comma. Numbers and dates both read past it.
_NOTE = (
    r"[（(\[【][^（）()\[\]【】\d]*[)）\]】]|(?:备注|備註|注|说明|說明|notes?|nb)\s*[:：][^\d]*"
    r"|[，,;；]\s*[^\d]+"
)
_NOTE_AFTER = re.compile(
    rf"^(?P<value>.*?\d\S*?)\s*(?:{_NOTE}"
    r"|(?<=[个人位名家条篇次单笔件份款张套台部支瓶盒箱袋只本组批项种场])[^\x00-\x7f\d]+"
    r"|\s(?P<words>[^\d]+))\s*$",
    re.IGNORECASE,
)
# A number in Chinese numerals, then a note in brackets: 两万（线上+线下）
_CN_NUMERAL_NOTE = re.compile(
    r"^([〇零一二两兩三四五六七八九十百千万萬亿億点.壹贰貳叁參肆伍陆陸柒捌玖拾佰仟]+[元块塊圆圓]?整?)\s*"
    r"[（(\[【][^（）()\[\]【】\d]*[)）\]】]$"
)
_UNIT_WORD = re.compile(
    r"(?:[万萬亿億千百十元块塊倍成折%‰]|美元|美金|(?:k|m|w|b|bn|mn|mil|mio|x|pp|pts?|bps?|million"
    r"|billion|thousand|hundred|dozen|percent|pct|times|rmb|cny|usd|dollars?|yuan|lakhs?"
    r"|crores?|ribu|rb|juta|jt|miliar|nghìn|ngàn|triệu|tỷ|tys|mln|mld|bin|milyon|milyar|tsd|mrd"
    r"|mio|millones|mill[oó]n|milh[oõ]es|milh[aã]o|mila|milioni|ล้าน|พัน|مليون)(?![a-z]))",
    re.IGNORECASE,
)


def _without_note(text: str) -> str | None:
    """``text`` without a note after its value, or None when it has none. A unit stays
    with its value: "5 million users" is 5 million."""
    m = _NOTE_AFTER.match(text.strip())
    if m is None:
        numeral = _CN_NUMERAL_NOTE.match(text.strip())
        return numeral[1] if numeral else None
    value, words = m["value"].strip(), (m["words"] or "").strip()
    # (and a currency whose value reads its dots as groups: 5.000 € (Messe) is 5,000)
    if words and (_UNIT_WORD.match(words) or _EUROS.match(words)):
        unit, _, rest = words.partition(" ")
        return f"{value} {unit}" if rest.strip() else None
    return value


def _core(s: str) -> float:
    if s[0].isdigit() or s[0] == ".":
        try:
            return _arabic(s)
        except _Refused:
            pass
        if grouped := _GROUPED_BEFORE_CN.fullmatch(s):  # 1,200万: grouped, then 万
            s = grouped[1].replace(",", "") + grouped[2]
    return _cn_number(s)


_GROUPED_BEFORE_CN = re.compile(r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?)([万萬亿億千百].*)")


def _read_number(raw: object, expected: str) -> tuple[float, bool] | None:
    raw = _single(raw, expected)
    if raw is None:
        return None
    if isinstance(raw, bool):
        _fail(f"{expected}, not a check box")
    if isinstance(raw, int | float | Decimal | Fraction):
        try:
            value = float(raw)
        except (OverflowError, ValueError):
            _fail(f"{expected} (this one is too large)")
        if math.isnan(value):
            return None
        if not math.isfinite(value):
            # A float is infinite as written (Infinity, 1e999); a Decimal past a float's
            # range (a JSON integer of thousands of digits) converts to infinity, where
            # an int raises OverflowError.
            if isinstance(raw, float):
                _fail(f"{expected} (a finite one)")
            _fail(f"{expected} (this one is too large)")
        return value, False
    if isinstance(raw, str):
        if _is_empty_text(raw):
            return None
        parsed = _number_text(raw)
        if parsed is None:
            if _RATIO.fullmatch(raw.strip()):
                _fail(f"{expected}; a ratio like 1:3 reads two ways — write 3 or 33%")
            _fail(expected)
        return parsed
    _fail(expected)


def parse_number(raw: object) -> float | None:
    """A count or amount; percentages become fractions ("15%" → 0.15)."""
    parsed = _read_number(raw, _EXPECT_NUMBER)
    return None if parsed is None else parsed[0]


def parse_money(raw: object, *, percent_ok: bool = False) -> float | None:
    """An amount of money; "15%" is refused unless ``percent_ok`` (then 0.15)."""
    parsed = _read_number(raw, _EXPECT_MONEY)
    if parsed is None:
        return None
    value, is_percent = parsed
    if is_percent and not percent_ok:
        _fail(f"{_EXPECT_MONEY}, not a percentage")
    return value


def parse_percent(raw: object, *, fraction: bool | None = None) -> float | None:
    """A rate or progress as a fraction: "15%", "0.15", "15" and "三成" → 0.15 / 0.3.

    A bare number in [-1, 1] is a fraction; above 1 and up to 100 it is a percentage;
    above 100 it is refused (write "150%"). ``fraction=True`` keeps numbers (not text)
    as they are — for Airtable/Notion percent fields, where 1.2 means 120%."""
    return _fraction(raw, fraction, _EXPECT_PERCENT)


def _fraction(raw: object, fraction: bool | None, expected: str) -> float | None:
    """`parse_percent`, its refusals saying `expected` (a percentage, or a progress)."""
    parsed = _read_number(raw, expected)
    if parsed is None:
        return None
    value, is_percent = parsed
    if is_percent or (fraction and not isinstance(raw, str)):
        return value
    if abs(value) <= 1:
        return value
    if abs(value) <= 100:
        return value / 100
    _fail(f"{expected} (a bare {value:g} is too large to be a percentage)")


_SHARE_IN_BRACKETS = re.compile(r"[（(]\s*(\d+(?:\.\d+)?\s*[%％])\s*[）)]")  # not 已完成（6/18）
_PROGRESS_LABEL = re.compile(
    r"^(?:当前|目前|现在|current(?:ly)?)?\s*(?:[\u3400-\u9fff]{0,6}?(?:进度|進度|进展|進展|完成度|完成率)"
    r"|已完成|完成了|完成咗|完成|做咗|做了"  # (装修进度：4/5: the work whose progress it is)
    r"|progres|progress|progresso|postęp|postep|ilerleme|tamamlanma|avanzamento|搞了|نسبة\s+الإنجاز"
    r"|completion|completed?|done|conclu[ií]d[oa]|진행률|진척률|進捗率?|progreso|avance|fortschritt|kemajuan"
    r"|voortgang"
    r"|tiến\s+độ|hoàn\s+thành|avancement|ความคืบหน้า|выполнено|готово|прогресс"
    # a status before how far it has come: 进行中，60%, En progreso 40%, Selesai 80%
    r"|进行中|進行中|in\s+progress|en\s+progreso|en\s+curso|in\s+corso|em\s+andamento"
    r"|rendu\s+à|(?:e\s+)?don\s+reach"  # Québec: got to 60%; Pidgin: it has reached 70%
    r"|in\s+bearbeitung|selesai|sedang\s+berjalan|đang\s+thực\s+hiện|đang\s+làm)"
    r"\s*[:：,，]?\s*"
    r"(?=[(（]?\s*(?:[\d０-９.一二两三四五六七八九十半]|百分之|half|%\s*\d))",
    re.IGNORECASE,
)
# Any other label of a word or two before a share or steps that end the cell: Coverage
# 75%, 已售 85%, Andamento 40%, 已拍 12/20 (what has come how far, in a progress cell);
# not a status (未完成80%, delayed 40%: which is it?), nor a change (提升30%, up 15%,
# 同比增长12%: a goal's words, not how far a task has come)
# Steps only after 已 and what was done (已拍 12/20): by 7/31, Mon 6/24 and 延期至7/15
# are dates.
_ANY_PROGRESS_LABEL = re.compile(
    r"^(?:(?P<label>[a-zà-ÿ]{2,15}(?:[ \t][a-zà-ÿ]{2,15})?|[\u3400-\u9fff]{1,3})\s*[:：]?\s*"
    r"(?=\d{1,3}(?:\.\d+)?\s*%$)"
    r"|(?P<done>已[\u3400-\u9fff]{1,2})\s*(?=\d{1,3}\s*/\s*\d{1,3}$))",
    re.IGNORECASE,
)
# A figure compared with an earlier one (+12% YoY, 环比+5%): refused as a progress
_A_CHANGE = re.compile(r"^\+|同比|环比|同期|\b(?:yoy|mom|wow|qoq|y/y|m/m)\b", re.IGNORECASE)
# ... and the words of a change a label may hold (提升, up), besides those
_CHANGE_WORDS = re.compile(
    r"[升增降涨跌减提]|\b(?:up|down|increase|decrease|growth|grow|lift|uplift|drop|rise|fall"
    r"|plus|minus|more|less|over|under|above|below|than)\b",
    re.IGNORECASE,
)
_MONEY_SIGN = re.compile(f"[{re.escape(_MONEY_SIGNS)}]")
_SHARE_WORDS = {
    **dict.fromkeys(("一半", "半", "half", "halfway", "half done", "halfway done"), 0.5),
    **dict.fromkeys(("separuh", "setengah", "một nửa", "moitié", "la moitié", "mitad"), 0.5),
    **dict.fromkeys(("hälfte", "die hälfte", "半分", "połowa", "metade", "a metade"), 0.5),
    **dict.fromkeys(("à moitié", "절반", "halfway na", "kalahati", "ครึ่งหนึ่ง", "ครึ่ง"), 0.5),
    **dict.fromkeys(("la mitad", "metade", "половина", "половину", "nusu", "hälften"), 0.5),
    **dict.fromkeys(("de helft", "helft", "halverwege"), 0.5),  # Dutch
    **dict.fromkeys(("zur hälfte", "zur haelfte", "halfway there"), 0.5),
    **dict.fromkeys(("yarı yarıya", "yarısı", "yarı", "yarısı bitti"), 0.5),  # Turkish
    **dict.fromkeys(("metà", "a metà", "la metà"), 0.5),  # Italian
    **dict.fromkeys(("aadha", "aadhaa", "aadha ho gaya", "आधा"), 0.5),  # Hindi
    **dict.fromkeys(("a quarter", "one quarter", "quarter done"), 0.25),
    **dict.fromkeys(("three quarters", "three-quarters"), 0.75),
}
# Steps done of steps, perhaps with what they count: 3/5, 2 out of 5 posts, 3/5 篇
_STEPS = re.compile(
    r"(\d{1,3})\s*(?:/|\s+of\s+|\s+out\s+of\s+|\s+von\s+|\s+de\s+|\s+из\s+|\s+dari\s+|\s+van\s+"
    r"|\s+su\s+|\s+sur\s+)"
    r"\s*(\d{1,3})"
    r"(?:\s*[^\d\s/%.]{1,12}){0,3}",
    re.IGNORECASE,
)
# A bar drawn with blocks or dots (█████░░░░░, ●●●○○), a percentage perhaps after it
_BAR = re.compile(r"([█■●▓◼⬛▰]+)([░□○▒◻⬜▱]*)\s*(?:(\d{1,3})\s*%)?")
_WARI = re.compile(r"(\d|10)割(?:(\d)分)?")  # Japanese: 8割 is 80%, 8割5分 85%
_CN_FRACTION = re.compile(r"([一二两三四五六七八九十])分之([一二三四五六七八九])")
_CHENG_HALF = re.compile(r"([一二两三四五六七八九])成半")


def parse_progress(raw: object, *, fraction: bool | None = None) -> float | None:
    """`parse_percent`, for how far a task has come: from 0% to 100%. "150%" or "-5%"
    is a typo, not a task one and a half times done, and is refused. A label before the
    value (进度：50%, 完成80%, Progress 90%) is read past; 一半 / half is 50%, and 3/4
    (steps done of steps) is 75% — in a progress cell it is no date."""
    if isinstance(raw, str):
        text = unicodedata.normalize("NFKC", raw).strip()
        if _A_CHANGE.search(text):  # +12% YoY, 环比+5%, 同比 12%: how a figure moved
            _fail(f"{_EXPECT_PROGRESS} (a change is no progress)")
        text = _PROGRESS_LABEL.sub("", text, count=1).strip() or text
        labelled = _ANY_PROGRESS_LABEL.match(text)
        if (
            labelled
            and normalise_key(label := labelled["label"] or labelled["done"]) not in _STATUS_LABELS
            and not _CHANGE_WORDS.search(label)
        ):
            text = text[labelled.end() :]
        if bracketed := _SHARE_IN_BRACKETS.fullmatch(text):  # 进行中（60%）: the share, bracketed
            text = bracketed[1].strip()
        if _MONEY_SIGN.search(text):
            _fail(f"{_EXPECT_PROGRESS} (an amount of money is no progress)")  # $85: not 85%
        # 约一半, about half, 半分くらい: as numbers read their approximations
        word = _APPROX_SUFFIX.sub("", _APPROX_PREFIX.sub("", text, count=1)).casefold()
        if (share := _SHARE_WORDS.get(word)) is not None:
            return share
        if steps := _STEPS.fullmatch(text):
            done, total = int(steps[1]), int(steps[2])
            if total > 0 and done <= total:
                return done / total
        if part := _CN_FRACTION.fullmatch(text):  # 四分之三
            whole, share = _cn_int(part[1]), _cn_int(part[2])
            if share <= whole:
                return share / whole
        if half := _CHENG_HALF.fullmatch(text):  # 七成半
            return (_cn_int(half[1]) + 0.5) / 10
        if bar := _BAR.fullmatch(text):
            filled, total = len(bar[1]), len(bar[1]) + len(bar[2])
            if bar[3] is None or abs(int(bar[3]) / 100 - filled / total) <= 1 / total:
                return int(bar[3]) / 100 if bar[3] else filled / total
        if wari := _WARI.fullmatch(text):
            return int(wari[1]) / 10 + int(wari[2] or 0) / 100
        raw = text
    value = _fraction(raw, fraction, _EXPECT_PROGRESS)  # said as a progress, as in Chinese
    if value is not None and not 0 <= value <= 1:
        _fail(f"{_EXPECT_PROGRESS} ({value * 100:g}% is outside)")
    return value


# ---------------------------------------------------------------------------
# dates

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
    "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8,
    "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10,
    "nov": 11, "november": 11, "dec": 12, "december": 12,
    # as European and South-East Asian teams write them (15 juillet, Ende Juli, 31 Julai)
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12, "januar": 1, "jänner": 1, "februar": 2, "märz": 3,
    "juni": 6, "juli": 7, "oktober": 10, "dezember": 12, "enero": 1, "febrero": 2,
    "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7, "agosto": 8,
    "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
    "januari": 1, "februari": 2, "mac": 3, "maret": 3, "mei": 5, "julai": 7, "ogos": 8,
    "machi": 3, "aprili": 4, "agosti": 8, "septemba": 9, "oktoba": 10, "novemba": 11,
    "desemba": 12,  # Swahili (Januari, Februari, Mei, Juni, Julai: as Malay writes them)
    "agustus": 8, "disember": 12, "desember": 12,
    "janeiro": 1, "fevereiro": 2, "março": 3, "marco": 3, "maio": 5, "junho": 6,
    "julho": 7, "setembro": 9, "outubro": 10, "novembro": 11, "dezembro": 12,
    "janv": 1, "févr": 2, "fevr": 2, "avr": 4, "juil": 7, "déc": 12,
    # Polish, as a date writes them (15 lipca) and as a month alone
    "stycznia": 1, "lutego": 2, "marca": 3, "kwietnia": 4, "maja": 5, "czerwca": 6,
    "lipca": 7, "sierpnia": 8, "września": 9, "wrzesnia": 9, "października": 10,
    "pazdziernika": 10, "listopada": 11, "grudnia": 12, "styczeń": 1, "styczen": 1,
    "luty": 2, "marzec": 3, "kwiecień": 4, "kwiecien": 4, "maj": 5, "czerwiec": 6,
    "lipiec": 7, "sierpień": 8, "sierpien": 8, "wrzesień": 9, "wrzesien": 9,
    "październik": 10, "pazdziernik": 10, "listopad": 11, "grudzień": 12, "grudzien": 12,
    # Turkish
    "ocak": 1, "şubat": 2, "subat": 2, "mart": 3, "nisan": 4, "mayıs": 5, "mayis": 5,
    "haziran": 6, "temmuz": 7, "ağustos": 8, "agustos": 8, "eylül": 9, "eylul": 9,
    "ekim": 10, "kasım": 11, "kasim": 11, "aralık": 12, "aralik": 12,
    # Swedish (and the abbreviations Swedish and Spanish teams write: 1 okt, 1-15 ago)
    "augusti": 8, "okt": 10, "ene": 1, "abr": 4, "ago": 8, "dic": 12,
    # Tagalog and Uzbek (Hulyo 30, 25-iyul)
    "pebrero": 2, "marso": 3, "hunyo": 6, "hulyo": 7, "setyembre": 9,  # (enero: above)
    "oktubre": 10, "nobyembre": 11, "disyembre": 12,
    "yanvar": 1, "fevral": 2, "iyun": 6, "iyul": 7, "avgust": 8, "sentyabr": 9,
    "oktyabr": 10, "noyabr": 11, "dekabr": 12,
    # Italian (agosto and marzo are above)
    "gennaio": 1, "febbraio": 2, "aprile": 4, "maggio": 5, "giugno": 6, "luglio": 7,
    "settembre": 9, "ottobre": 10, "dicembre": 12,
    "maart": 3, "mrt": 3, "augustus": 8,  # Dutch (januari, mei, juni, juli: above)
}  # fmt: skip
# "end", "early", "mid" before a month, in those languages
_MONTH_PART_WORDS = {
    "ende": "end", "fin": "end", "finales": "end", "fines": "end", "akhir": "end",
    "mwisho": "end", "mwanzo": "early", "katikati": "mid",  # Swahili
    "hujung": "end",
    "anfang": "early", "début": "early", "debut": "early", "principios": "early",
    "awal": "early", "mitte": "mid", "mediados": "mid", "pertengahan": "mid",
    "fim": "end", "final": "end", "início": "early", "inicio": "early", "meados": "mid",
    "mi": "mid", "koniec": "end", "początek": "early", "poczatek": "early",
    "slutet": "end", "början": "early", "borjan": "early", "mitten": "mid",  # Swedish
    "fine": "end", "inizio": "early", "metà": "mid", "meta": "mid",  # Italian
    "eind": "end", "begin": "early", "half": "mid", "medio": "mid",  # Dutch
}  # fmt: skip
_MONTH_WORD = r"([a-zà-ÿąćęłńśźżğış]{3,12})\.?"  # a month's name, or a word: see `_month_match`
_CN_SMALL_NUM = r"[\d〇零一二两三四五六七八九十]{1,3}"
_CN_YEAR = r"(?:\d{4}|[〇零○一二三四五六七八九]{4})"

_ISO_DT = re.compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2})[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?"
    r"\s*(Z|[+-]\d{2}(?::?\d{2})?)",
    re.IGNORECASE,
)
_WEEKDAY = re.compile(
    r"[(\[【]?\s*(?:星期|周|礼拜)[一二三四五六日天七]\s*[)\]】]?"
    r"|,?\s*[(\[]?\s*\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|mon|tues|tue|wed|thurs|thur|thu|fri|sat|sun"
    r"|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lun|mer|jeu|ven|sam|dim"
    r"|lunes|martes|miércoles|miercoles|jueves|viernes|sábado|sabado|domingo|mié|mie|jue|vie"
    r"|mån|tis|ons|tors|tor|fre|lör|sön"  # Swedish
    r"|sáb|dom"
    r"|senin|selasa|rabu|kamis|jum'?at|sabtu|minggu"
    r"|poniedziałek|wtorek|środa|czwartek|piątek|sobota|niedziela|pon|pn|wt|śr|czw|pt|sob"
    r"|niedz|nd"
    # Portuguese (sexta-feira, seg.), Turkish (Cuma, Pazartesi)
    r"|segunda(?:-feira)?|terça(?:-feira)?|terca(?:-feira)?|quarta(?:-feira)?|quinta(?:-feira)?"
    r"|sexta(?:-feira)?|seg|ter|qua|qui|sex"
    r"|pazartesi|salı|sali|çarşamba|carsamba|perşembe|persembe|cuma|cumartesi|pazar"
    r"|lunedì|lunedi|martedì|martedi|mercoledì|mercoledi|giovedì|giovedi|venerdì|venerdi|sabato"
    r"|domenica"  # Italian
    r"|الأحد|الاثنين|الإثنين|الثلاثاء|الأربعاء|الخميس|الجمعة|السبت)\b\.?\s*[)\]]?,?"
    r"|\b(?:mo|di|mi|do|fr|sa|so)(?=[.,])\.?,?"  # German: Fr, 25.07.
    r"|\b(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag"
    r"|(?:ma|di|wo|do|vr|za|zo)(?=\.?\s+\d))\b\.?,?"  # Dutch: za 12 juli
    r"|[(（]\s*[一二三四五六日天]\s*[)）]|[(（]?\s*[월화수목금토일]요일\s*[)）]?|[(（]\s*[월화수목금토일]\s*[)）]"
    r"|[(（]\s*[月火水木金土]\s*[)）]"  # Japanese: (金) is Friday
    r"|[(（]?\s*(?:วัน)?(?:จันทร์|อังคาร|พุธ|พฤหัสบดี|พฤหัส|ศุกร์|เสาร์|อาทิตย์)\s*[)）]?",  # Thai
    re.IGNORECASE,
)
_TIME_SUFFIX = re.compile(
    r"(?:[T\s]+|(?<=[日号]))(?:上午|下午|晚上|早上|中午|凌晨|傍晚|晚|早)?\s*\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?"
    r"\s*(?:[ap]\.?m\.?)?(?:\s+(?:et|pt|ct|mt|est|edt|pst|pdt|gmt|bst|cet|utc|sgt|hkt|jst|kst"
    r"|wib|gst|ast))?$"
    r"|(?:(?<=[日号])|(?<=\d)\s+)\s*(?:上午|下午|晚上|早上|中午|凌晨|傍晚|晚|早)?\s*\d{1,2}[点时]"
    r"(?:\d{1,2}分?|半)?$"  # 8月8日晚8点, 2025/8/8 下午3点
    r"|\s+\d{1,2}\s*[ap]\.?m\.?(?:\s+(?:et|pt|ct|mt|est|edt|pst|pdt|gmt|bst|cet|utc|sgt|hkt"
    r"|jst|kst|wib|gst|ast))?$"  # 6/30 5pm ET
    r"|(?<=\d)\s+(?:à\s+)?\d{1,2}\s*h(?:\s*[0-5]\d)?$",  # 30 juin 2025 17h (French)
    re.IGNORECASE,
)
_DUE_WORDS = re.compile(
    r"^(?:due(?:\s+(?:on|by))?|by|before|deadline|w/c|w/e|截止(?:到|至|日期)?|截至|最晚|不晚于"
    r"|do|até|ate|hasta|bis|cob|eod|eow|до|entro|d'ici)"
    r"\s*[:：]?\s*"
    r"|\s*(?:之前|以前|前|截止|为止|止)$",
    re.IGNORECASE,
)
_YMD = re.compile(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})")
_YMD_CN = re.compile(rf"({_CN_YEAR})年({_CN_SMALL_NUM})月({_CN_SMALL_NUM})[日号]?")
_YYYYMMDD = re.compile(r"(\d{4})(\d{2})(\d{2})")
_SERIAL = re.compile(r"\d{5}(?:\.\d+)?")
_YM = re.compile(r"(\d{4})[-/.](\d{1,2})")
_YM_CN = re.compile(rf"({_CN_YEAR})年({_CN_SMALL_NUM})月份?")
_MD_NUM = re.compile(r"(\d{1,2})([-/.])(\d{1,2})(?:\2(\d{4}|\d{2}))?")
_MD_CN = re.compile(rf"(?:({_CN_YEAR})年)?({_CN_SMALL_NUM})月({_CN_SMALL_NUM})[日号]?")
_M_CN_PART = re.compile(
    rf"(?:({_CN_YEAR})年)?({_CN_SMALL_NUM})月(?:份)?(底|末|尾|初|中|上中旬|中下旬|上旬|中旬|下旬|份|)"
)
_D_ONLY = re.compile(rf"({_CN_SMALL_NUM})[日号]?")
_YMD_CN2 = re.compile(r"(\d{2})年(\d{1,2})月(\d{1,2})[日号]?")
_QUARTER_CN = re.compile(r"(?:(\d{4}|\d{2})年度?)?(?:第)?([一二三四1-4])(?:季度|四半期)")
_YEAR_END_CN = re.compile(r"(?:(\d{4}|\d{2})年度?)?(?:年底|年末|年终)")
_YEAR_END_EN = re.compile(r"(?:year[\s-]?end|end\s+of\s+(?:the\s+)?year|eoy)(?:\s*,?\s*(\d{4}))?")
# Taiwan's calendar: 民國114年 is 2025
# 民國114年, or 114年 alone before a month (as Taiwan writes the year): 2025
_ROC_YEAR = re.compile(
    r"^民[国國]\s*(\d{2,3})\s*年|^(1[01]\d)\s*年(?=\s*(?:\d{1,2}\s*月|[上下]半年|第?[一二三四1-4]季))"
)
_QUARTER_END_ZH = re.compile(r"^q\s*([1-4])\s*(?:末|底)$", re.IGNORECASE)
_YEAR_BEFORE_PART = re.compile(r"^((?:19|20)\d{2})(?=\s*(?:[上下]半年|第?[一二三四1-4]季))")
_THROUGH = re.compile(r"\s+t/m\s+", re.IGNORECASE)  # Dutch: tot en met, through
_FROM_TO_FR = re.compile(r"^du\s+(\S.*?)\s+au\s+(\S.*)$", re.IGNORECASE)
_REIWA_YEAR = re.compile(r"^令和\s*(\d{1,2}|元)\s*年")  # 令和7年 is 2025; 令和元年 2019
_MILESTONE_CODE = re.compile(
    r"^(?:[A-Za-z]{2,5}\d?\s*[:：]\s*|(?:EVT|DVT|PVT|MP|GA|RC|ETD|ETA)\s+"
    # 布展：11月24日: the step that is due (进度：3/4 is no date: a share done)
    r"|(?!进度|進度|进展|進展|完成|状态|狀態)[\u3400-\u9fff]{2,6}\s*[:：]\s*)(?=\S)"
)  # (ETD, ETA: a shipment's departure and arrival)
_ROC_NUMERIC = re.compile(r"^(1[0-3]\d)([/.-])(\d{1,2})\2(\d{1,2})$")  # 民國 114/07/15
_VI_DATE = re.compile(
    r"(?:ngày\s*)?(\d{1,2})\s*tháng\s*(\d{1,2})(?:\s*(?:năm|,)?\s*(\d{4}))?", re.IGNORECASE
)
_VI_MONTH_PART = re.compile(r"(cuối|đầu|giữa)\s+tháng\s+(\d{1,2})", re.IGNORECASE)
_VI_PARTS = {"cuối": "底", "đầu": "初", "giữa": "中"}  # end, start, middle of a month
_VI_WEEKDAY = re.compile(r"thứ\s*([2-7]|hai|ba|tư|năm|sáu|bảy)|chủ\s*nhật", re.IGNORECASE)
_VI_DAY_WORDS = {"hai": 2, "ba": 3, "tư": 4, "năm": 5, "sáu": 6, "bảy": 7}


_VI_MARK = re.compile(r"tháng|thứ|chủ\s*nhật", re.IGNORECASE)
_THAI_LETTER = re.compile("[\u0e00-\u0e7f]")


def _vietnamese_as_chinese(s: str) -> str:
    """Vietnamese dates in the Chinese forms they mirror: ngày 20 tháng 7 is 7月20日,
    cuối tháng 8 is 8月底, and Thứ 6 (the sixth day, counting Sunday as the first) 周五."""
    if not _VI_MARK.search(s):
        return s
    s = _VI_DATE.sub(lambda m: f"{m[3] + '年' if m[3] else ''}{m[2]}月{m[1]}日", s)
    s = _VI_MONTH_PART.sub(lambda m: f"{m[2]}月{_VI_PARTS[m[1].casefold()]}", s)
    return _VI_WEEKDAY.sub(_vi_weekday_as_chinese, s)


def _vi_weekday_as_chinese(m: re.Match[str]) -> str:
    return f"(周{'一二三四五六'[_vi_day(m[1]) - 2] if m[1] else '日'})"


def _vi_day(written: str) -> int:
    """The day's number in Vietnamese counting (Thứ 2 or Thứ Hai is Monday)."""
    return int(written) if written.isdigit() else _VI_DAY_WORDS[written.casefold()]


# Thai months, full and abbreviated, and the Buddhist era (2568 is 2025; 68 its short form)
_TH_MONTHS = {
    "มกราคม": 1, "ม.ค.": 1, "กุมภาพันธ์": 2, "ก.พ.": 2, "มีนาคม": 3, "มี.ค.": 3, "เมษายน": 4,
    "เม.ย.": 4, "พฤษภาคม": 5, "พ.ค.": 5, "มิถุนายน": 6, "มิ.ย.": 6, "กรกฎาคม": 7, "ก.ค.": 7,
    "สิงหาคม": 8, "ส.ค.": 8, "กันยายน": 9, "ก.ย.": 9, "ตุลาคม": 10, "ต.ค.": 10,
    "พฤศจิกายน": 11, "พ.ย.": 11, "ธันวาคม": 12, "ธ.ค.": 12,
}  # fmt: skip
_TH_DATE = re.compile(
    r"(?:(\d{1,2})\s*)?("
    + "|".join(re.escape(m) for m in sorted(_TH_MONTHS, key=len, reverse=True))
    + r")\s*(\d{4}|\d{2})?"
)
_TH_PARTS = {"สิ้นเดือน": "底", "ปลายเดือน": "底", "ต้นเดือน": "初", "กลางเดือน": "中"}
_TH_PART = re.compile(r"(สิ้นเดือน|ปลายเดือน|ต้นเดือน|กลางเดือน)\s*")
_BUDDHIST_YEAR = re.compile(r"(\d{1,2}[/.-]\d{1,2}[/.-])(2[45]\d\d)(?!\d)")
_MONTH_EOM = re.compile(r"^([a-z]{3,9})\s+eom$", re.IGNORECASE)


def _thai_as_chinese(s: str) -> str:
    """Thai dates in the Chinese forms they mirror: 31 กรกฎาคม 2568 is 2025年7月31日,
    สิ้นเดือนกันยายน (the end of September) 9月底."""
    if not _THAI_LETTER.search(s):
        return s

    def date(m: re.Match[str]) -> str:
        year = ""
        if m[3]:
            buddhist = int(m[3]) + (2500 if len(m[3]) == 2 else 0)
            year = f"{buddhist - 543}年"
        return f"{year}{_TH_MONTHS[m[2]]}月{m[1] + '日' if m[1] else ''}"

    part = _TH_PART.match(s)
    rest = _TH_DATE.sub(date, s[part.end() :] if part else s)
    return rest + _TH_PARTS[part[1]] if part else rest


_KO_DOTTED = re.compile(r"^(\d{4})\.\s*(\d{1,2})\.\s*(\d{1,2})\.?$")
_KO_QUARTER = re.compile(
    r"([1-4])\s*분기|([1-4])\.?\s*[çc]eyrek|([1-4])\s*(?:[°º]|o\b)?\s*trimestre|\bt([1-4])\b",
    re.IGNORECASE,
)
# 2º semestre (NFKC makes the ordinal sign an o), 1er semestre: a half of the year
_SEMESTER = re.compile(r"\b([12])\s*(?:[°º]|o\b|er\b)?\s*semestre", re.IGNORECASE)
# Turkish writes the part after the month: Haziran sonu (end), Temmuz başı, Eylül ortası
_PART_AFTER = {"sonu": "end", "başı": "early", "basi": "early", "ortası": "mid", "ortasi": "mid"}
_PART_AFTER_MONTH = re.compile(r"(\S+)\s+(sonu|başı|basi|ortası|ortasi)", re.IGNORECASE)
_HALF_CN = re.compile(r"(?:(\d{4}|\d{2})年度?)?([上下])半年")
_QUARTER_EN = re.compile(
    r"q([1-4])(?:\s*'?\s*(\d{4}|\d{2}))?|(?:fy(\d{4}|\d{2})|(\d{4}))\s*-?\s*q([1-4])"
    r"|h([12])(?:\s*'?\s*(\d{4}|\d{2}))?|(?:fy(\d{4}|\d{2})|(\d{4}))\s*-?\s*h([12])"
)
_END_OF = re.compile(r"end\s+of\s+(?:the\s+)?")
# Russian month names (as a date writes them, 15 июля, and alone, июль) and the parts of
# a month (конец июля: the end of July), in English
_RUSSIAN_DATE_WORDS = {
    **dict.fromkeys(("января", "январь"), "January"),
    **dict.fromkeys(("февраля", "февраль"), "February"),
    **dict.fromkeys(("марта", "март"), "March"),
    **dict.fromkeys(("апреля", "апрель"), "April"),
    **dict.fromkeys(("мая", "май"), "May"),
    **dict.fromkeys(("июня", "июнь"), "June"),
    **dict.fromkeys(("июля", "июль"), "July"),
    **dict.fromkeys(("августа", "август"), "August"),
    **dict.fromkeys(("сентября", "сентябрь"), "September"),
    **dict.fromkeys(("октября", "октябрь"), "October"),
    **dict.fromkeys(("ноября", "ноябрь"), "November"),
    **dict.fromkeys(("декабря", "декабрь"), "December"),
    "конец": "end",
    "начало": "early",
    "середина": "mid",
}
_RUSSIAN_QUARTER = re.compile(r"([1-4])\s*кв\.?\s*")
_FRENCH_ARTICLE = re.compile(r"^le\s+(?=\d)", re.IGNORECASE)
_ORDINAL_DAY = re.compile(  # 1er, 1°, 1º (folded to 1o: 1o de setembro)
    r"(?<!\d)(\d{1,2})(?:er|°|º|o(?=\s+de\s))(?=\s)", re.IGNORECASE
)
# Arabic month names, as Egypt and the Levant write them, in English
_ARABIC_MONTHS = {
    "يناير": "January", "فبراير": "February", "مارس": "March", "أبريل": "April",
    "ابريل": "April", "إبريل": "April", "مايو": "May", "يونيو": "June", "يونية": "June",
    "يوليو": "July", "يولية": "July", "أغسطس": "August", "اغسطس": "August",
    "سبتمبر": "September", "أكتوبر": "October", "اكتوبر": "October", "نوفمبر": "November",
    "ديسمبر": "December",
}  # fmt: skip
# Date words in other scripts, read as the English words they stand for: one table, one
# pass over a date's text
_DATE_WORDS_IN_ENGLISH = {**_RUSSIAN_DATE_WORDS, **_ARABIC_MONTHS}
_DATE_WORD_IN_OTHER_SCRIPT = re.compile(
    "|".join(sorted(_DATE_WORDS_IN_ENGLISH, key=len, reverse=True)), re.IGNORECASE
)
# ISO weeks (2025W26, 2025-W27, 第26周, 2025年第27周): due on the week's Sunday
_ISO_WEEK = re.compile(
    r"(?:(\d{4})-?)?(?:w|wk|kw|cw|v\.?|vecka|uke)(\d{1,2})|(?:(\d{4})年)?第(\d{1,2})周"
)
# Dots after the day and the month, as German and Russian teams write them: the day comes
# first (03.07. and 03.07.2025 are the 3rd of July; 6.30 without them stays June 30)
_DOTTED_DMY = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})?")
# Excel's month format (Jun-25: June 2025) and a month and day run together (0630)
_MMDD = re.compile(r"(0[1-9]|1[0-2])([0-2]\d|3[01])")
# Shopping festivals on fixed days
_FESTIVALS = {"双11": (11, 11), "双十一": (11, 11), "双12": (12, 12), "双十二": (12, 12)}
_LATIN_LETTER = re.compile(r"[a-z]")  # every month name has one


# Dates with a month's name (June 15, 15 juillet, 1-15 July, end of June, Jun-25). The
# patterns take any word where the month goes and `_month_match` looks it up: an
# alternation of the names of five languages costs milliseconds to compile, and would
# find "mar" in "marketing".
_EN_MDY = re.compile(rf"{_MONTH_WORD}\s*(\d{{1,2}})(?:st|nd|rd|th)?(?:\s*,?\s*(\d{{4}}))?")
_EN_DMY = re.compile(
    rf"(\d{{1,2}})(?:st|nd|rd|th|\.)?\s*(?:of\s+|de\s+)?{_MONTH_WORD},?(?:\s*(?:de\s+)?(\d{{4}}))?"
)
# (1-Jun-25, and 25-Jul without a year: a day, then a month's name)
_EN_DMY_DASH = re.compile(rf"(\d{{1,2}})[-\s]{_MONTH_WORD}(?:[-\s](\d{{4}}|\d{{2}}))?")
_EN_YMD = re.compile(rf"(\d{{4}})\s+{_MONTH_WORD}\s+(\d{{1,2}})(?:st|nd|rd|th)?")
_EN_DAYS_MONTH = re.compile(
    # (10 a 20 de setembro, del 10 al 20 de julio: "to" in Portuguese and Spanish)
    rf"(?:del\s+)?(\d{{1,2}})\s*(?:-|–|~|to|a|al)\s*(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+|de\s+)?"
    rf"{_MONTH_WORD}"
    rf"(?:\s*,?\s*(\d{{4}}))?"
)
_EN_MONTH = re.compile(
    rf"(?:(end|early|mid|late|beginning|start|{'|'.join(_MONTH_PART_WORDS)})"
    rf"(?:\s+(?:of|de|d'|del|av|wa))?[\s-]+)?{_MONTH_WORD}(?:\s*[,/]?\s*(\d{{4}}))?"
)
_EN_MONTH_YEAR = re.compile(rf"{_MONTH_WORD}-(\d{{2}})")  # Jun-25: Excel's mmm-yy
_LATIN_WORDS = re.compile(r"[a-zà-ÿąćęłńśźżğış]+")
# Words of a date itself, which a note after one must not hold ("1-15 July" is no
# "1-15" and a note)
_DATE_WORDS = re.compile(
    r"[年月日号周旬]|星期|week|day|month|year|q[1-4]|h[12]|eo[mqy]|mid|early|late", re.IGNORECASE
)


def _month_match(
    pattern: re.Pattern[str], low: str, group: int
) -> tuple[int, re.Match[str]] | None:
    """(month, match) when ``pattern`` matches all of ``low`` with a month's name in
    ``group``; None when it does not match or the word there is no month."""
    m = pattern.fullmatch(low)
    if m is None or (month := _MONTHS.get(m[group])) is None:
        return None
    return month, m


def _has_date_words(words: str) -> bool:
    return bool(_DATE_WORDS.search(words)) or any(
        w in _MONTHS for w in _LATIN_WORDS.findall(words.casefold())
    )


_RANGE_SEP = re.compile(
    r"\s*(?:→|->|=>|⇒|~|〜|至|到|—+|–|-|\bto\b|\buntil\b|\btill\b|\bthrough\b|\bthru\b)\s*",
    re.IGNORECASE,
)
_RELATIVE = re.compile(
    r"^(?:today|tomorrow|yesterday|now|tonight|next\s+\w+|last\s+\w+|this\s+\w+|asap"
    r"|今天|今日|明天|明日|昨天|昨日|后天|前天|本周.*|下周.*|上周.*|本月.*|下月.*|下个月.*|马上|立即|尽快)$",
    re.IGNORECASE,
)

_MAX_DATE_TEXT = 120
_EXCEL_EPOCH = date(1899, 12, 30)
_SERIAL_MIN, _SERIAL_MAX = 18264, 73050  # 1950-01-01 .. 2099-12-31

_Span = tuple[date, date]


def _cn_int(text: str) -> int:
    """A small Chinese or Arabic integer: 12, 十二, 二十一; a year 二〇二五 digit by digit."""
    if text.isdigit():
        return int(text)
    if len(text) == 4 and all(ch in _CN_DIGITS for ch in text):
        return int("".join(str(_CN_DIGITS[ch]) for ch in text))
    value = _cn_number(text)
    if value != int(value):
        raise _Refused
    return int(value)


def _month_end(year: int, month: int) -> date:
    nxt = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return nxt - timedelta(days=1)


def _month_part(year: int, month: int, part: str) -> _Span:
    first, last = date(year, month, 1), _month_end(year, month)
    if part in ("底", "末", "end"):
        return last, last
    if part in ("初", "上旬", "early", "beginning", "start"):
        return first, date(year, month, 10)
    if part in ("中", "中旬", "mid"):
        return date(year, month, 11), date(year, month, 20)
    if part == "上中旬":
        return first, date(year, month, 20)
    if part == "中下旬":
        return date(year, month, 11), last
    if part in ("下旬", "late"):
        return date(year, month, 21), last
    return first, last


def _year2(text: str | None, default: int) -> int:
    if not text:
        return default
    year = int(text)
    return 2000 + year if len(text) == 2 else year


def _one(d: date) -> _Span:
    return d, d


def _span(
    text: str,
    year: int,
    *,
    day_first: bool,
    tz: ZoneInfo | None,
    month: int | None = None,
) -> _Span | None:
    """The span a date text names; ``month`` lets a range's end be a bare day (15日)."""
    m = _ISO_DT.fullmatch(text)
    if m:
        offset = m[7].upper()
        stamp = datetime.fromisoformat(
            f"{int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}T{int(m[4]):02d}:{m[5]}:"
            f"{m[6] or '00'}" + ("+00:00" if offset == "Z" else _offset(offset))
        )
        # without a zone to convert to, the date is the one its writer meant: a Feishu
        # export's 2025-06-25T00:00:00+08:00 is the 25th, not UTC's 24th
        return _one(stamp.astimezone(tz).date() if tz else stamp.date())
    text = _WEEKDAY.sub(" ", text).strip(" ,")
    text = _TIME_SUFFIX.sub("", text).strip()
    compact = re.sub(r"\s+", "", text)
    if m := _YMD.fullmatch(compact):
        return _one(date(int(m[1]), int(m[3]), int(m[4])))
    if m := _YMD_CN.fullmatch(compact):
        return _one(date(_cn_int(m[1]), _cn_int(m[2]), _cn_int(m[3])))
    if m := _YMD_CN2.fullmatch(compact):  # 25年6月1日
        return _one(date(2000 + int(m[1]), int(m[2]), int(m[3])))
    if m := _QUARTER_CN.fullmatch(compact):
        return _quarter(_year2(m[1], year), _cn_int(m[2]))
    if m := _YEAR_END_CN.fullmatch(compact):  # 年底, 2025年末
        return _one(date(_year2(m[1], year), 12, 31))
    if m := _HALF_CN.fullmatch(compact):
        return _half(_year2(m[1], year), 1 if m[2] == "上" else 2)
    if m := _YYYYMMDD.fullmatch(compact):
        if not 1900 <= int(m[1]) <= 2199:
            return None
        return _one(date(int(m[1]), int(m[2]), int(m[3])))
    if m := _SERIAL.fullmatch(compact):
        return _serial(float(compact))
    if m := _YM.fullmatch(compact):
        return _month_part(int(m[1]), int(m[2]), "")
    if m := _YM_CN.fullmatch(compact):
        return _month_part(_cn_int(m[1]), _cn_int(m[2]), "")
    if m := _MD_CN.fullmatch(compact):
        y = _cn_int(m[1]) if m[1] else year
        return _one(date(y, _cn_int(m[2]), _cn_int(m[3])))
    if m := _M_CN_PART.fullmatch(compact):
        y = _cn_int(m[1]) if m[1] else year
        return _month_part(y, _cn_int(m[2]), m[3])
    if m := _DOTTED_DMY.fullmatch(compact):
        return _one(date(_year2(m[3], year), int(m[2]), int(m[1])))
    if m := _MD_NUM.fullmatch(compact):
        a, b = int(m[1]), int(m[3])
        mon, day = (b, a) if day_first or (a > 12 and b <= 12) else (a, b)
        return _one(date(_year2(m[4], year), mon, day))
    low = text.casefold()
    if _LATIN_LETTER.search(low) and (named := _named_month_span(low, year)):
        return named
    if m := _YEAR_END_EN.fullmatch(low):
        return _one(date(_year2(m[1], year), 12, 31))
    end_of = _END_OF.match(low)  # end of Q3: its last day
    if m := _QUARTER_EN.fullmatch(low[end_of.end() if end_of else 0 :].replace(" ", "")):
        if m[1] or m[5]:
            span = _quarter(_year2(m[2] or m[3] or m[4], year), int(m[1] or m[5]))
        else:
            span = _half(_year2(m[7] or m[8] or m[9], year), int(m[6] or m[10]))
        return _one(span[1]) if end_of else span
    if m := _ISO_WEEK.fullmatch(low.replace(" ", "")):
        week_year = int(m[1] or m[3] or year)
        return _one(date.fromisocalendar(week_year, int(m[2] or m[4]), 7))
    if compact in _FESTIVALS:
        return _one(date(year, *_FESTIVALS[compact]))
    if m := _MMDD.fullmatch(compact):
        return _one(date(year, int(m[1]), int(m[2])))
    if month is not None and (m := _D_ONLY.fullmatch(compact)):
        return _one(date(year, month, _cn_int(m[1])))
    return None


def _named_month_span(low: str, year: int) -> _Span | None:
    """June 15, 15 juillet, 2025 Jun 15, 1-15 July, end of June, Jun-25 (``low``:
    casefolded)."""
    if hit := _month_match(_EN_MONTH_YEAR, low, 1):
        month, m = hit
        return _month_part(2000 + int(m[2]), month, "")
    if hit := _month_match(_EN_MDY, low, 1):
        month, m = hit
        return _one(date(_year2(m[3], year), month, int(m[2])))
    if hit := _month_match(_EN_DMY, low, 2) or _month_match(_EN_DMY_DASH, low, 2):
        month, m = hit
        return _one(date(_year2(m[3], year), month, int(m[1])))
    if hit := _month_match(_EN_YMD, low, 2):
        month, m = hit
        return _one(date(int(m[1]), month, int(m[3])))
    if hit := _month_match(_EN_DAYS_MONTH, low, 3):
        month, m = hit
        y = _year2(m[4], year)
        return date(y, month, int(m[1])), date(y, month, int(m[2]))
    if hit := _month_match(_EN_MONTH, low, 2):
        month, m = hit
        part = _MONTH_PART_WORDS.get(m[1] or "", m[1] or "")
        return _month_part(_year2(m[3], year), month, part)
    return None


def _quarter(year: int, quarter: int) -> _Span:
    """A quarter, as its days: a due date of "Q3" or 第三季度 means its last day."""
    first_month = 3 * quarter - 2
    return date(year, first_month, 1), _month_end(year, first_month + 2)


def _half(year: int, half: int) -> _Span:
    if half == 1:
        return date(year, 1, 1), date(year, 6, 30)
    return date(year, 7, 1), date(year, 12, 31)


def _offset(text: str) -> str:
    digits = text[1:].replace(":", "")
    hours, minutes = digits[:2], digits[2:4] or "00"
    return f"{text[0]}{hours}:{minutes}"


def _serial(value: float) -> _Span | None:
    if not _SERIAL_MIN <= value <= _SERIAL_MAX:
        return None
    return _one(_EXCEL_EPOCH + timedelta(days=int(value)))


def _roll(start: date, end: date, inherited_year: bool) -> date:
    # 12/20-1/5 runs into the next year; 6/15-6/1 is a mistake, not a range of 50 weeks
    if end < start and inherited_year and end.month < start.month:
        try:
            return end.replace(year=end.year + 1)
        except ValueError:  # 2/29
            return end + timedelta(days=365)
    return end


_HAS_YEAR = re.compile(r"\d{4}|[〇零○一二三四五六七八九]{4}年|\d{1,2}[-/.]\d{1,2}[-/.]\d{2}\b")


# Korean dates, read as the Chinese ones they mirror: 2025년 7월 3일 is 2025年7月3日,
# 7월 말 the end of July (7月底), 7월 중순 its middle ten days
_KO_DATE = re.compile(
    r"(?:(\d{4}|\d{2})\s*년\s*)?(\d{1,2})\s*월\s*(?:(\d{1,2})\s*일|(말|초|중순|상순|하순|중))?"
)
_KO_MONTH_PART = {
    "말": "底", "초": "初", "중순": "中旬", "상순": "上旬", "하순": "下旬", "중": "中",
}  # fmt: skip


def _as_chinese_date(m: re.Match[str]) -> str:
    year = f"{m[1]}年" if m[1] else ""
    rest = f"{m[3]}日" if m[3] else _KO_MONTH_PART.get(m[4] or "", "")
    return f"{year}{m[2]}月{rest}"


@lru_cache(maxsize=16384)
def _date_text(
    text: str, year: int, day_first: bool, tz: ZoneInfo | None
) -> _Span | _Refusal | str:
    """The span, or the ``expected`` phrase of the refusal."""
    try:
        return _date_text_inner(text, year, day_first, tz)
    except (_Refused, ValueError, OverflowError, ArithmeticError):
        return _EXPECT_DATE + " (a real calendar day)"


def _date_text_inner(
    text: str, year: int, day_first: bool, tz: ZoneInfo | None
) -> _Span | _Refusal | str:
    if len(text) > _MAX_DATE_TEXT:  # no date is written this long; spare the range search
        return f"{_EXPECT_DATE}, not {len(text)} characters of text"
    s = _fold(text)
    if s.startswith(("'", "@")):  # Excel's text apostrophe; a Notion date mention
        s = s[1:].strip()
    s = s.rstrip("。,;；").strip()
    s = _DUE_WORDS.sub("", s).strip() or s
    s = _ROC_YEAR.sub(lambda m: f"{int(m[1] or m[2]) + 1911}年", s)
    s = _THROUGH.sub(" - ", s)  # 1 t/m 15 augustus
    s = _FROM_TO_FR.sub(r"\1 - \2", s)  # du 3 au 14 novembre
    s = _REIWA_YEAR.sub(lambda m: f"{2018 + (1 if m[1] == '元' else int(m[1]))}年", s)
    s = _ROC_NUMERIC.sub(lambda m: f"{int(m[1]) + 1911}-{m[3]}-{m[4]}", s)  # 114/07/15
    s = _MILESTONE_CODE.sub("", s)  # EVT：7月中旬, DVT 8月底: the date the milestone is due
    s = _ORDINAL_DAY.sub(r"\1", s)  # 1er août, 1° de septiembre: the first
    s = _FRENCH_ARTICLE.sub("", s)  # le 15 juillet
    # 10 سبتمبر 2025, 15 июля 2025, конец июля
    s = _DATE_WORD_IN_OTHER_SCRIPT.sub(lambda m: _DATE_WORDS_IN_ENGLISH[m[0].casefold()], s)
    s = _RUSSIAN_QUARTER.sub(r"Q\1 ", s)  # 3 кв. 2025: the third quarter
    s = _vietnamese_as_chinese(s)  # ngày 20 tháng 7, cuối tháng 8, Thứ 6
    s = _thai_as_chinese(s)  # 31 กรกฎาคม 2568, 15 ส.ค. 68, สิ้นเดือนกันยายน
    s = _BUDDHIST_YEAR.sub(lambda m: f"{m[1]}{int(m[2]) - 543}", s)  # 20/09/2568
    s = _MONTH_EOM.sub(r"end \1", s)  # July EOM
    s = _QUARTER_END_ZH.sub(r"end of q\1", s)  # Q3末: the end of the third quarter
    s = _YEAR_BEFORE_PART.sub(r"\1年", s)  # 2025下半年, as 2025年下半年
    s = _KO_DOTTED.sub(r"\1-\2-\3", s)  # 2025. 7. 15.
    s = _KO_QUARTER.sub(lambda m: f"Q{m[1] or m[2] or m[3] or m[4]}", s)  # 3분기, 3. çeyrek, T4
    s = _SEMESTER.sub(r"H\1", s)
    if part := _PART_AFTER_MONTH.fullmatch(s):  # Haziran sonu: the end of June
        s = f"{_PART_AFTER[part[2].casefold()]} {part[1]}"
    if "월" in s:
        s = _KO_DATE.sub(_as_chinese_date, s)
    if _RELATIVE.fullmatch(s):
        return _Refusal(
            f"{_EXPECT_DATE} — a word like 'today' would mean another day tomorrow",
            f"{_EXPECT_DATE_ZH}——“今天”这样的词，明天读来就是另一天了",
        )
    whole = _span(s, year, day_first=day_first, tz=tz)
    if whole is not None:
        return _weekday_agrees(s, whole)
    for sep in _RANGE_SEP.finditer(s):
        left_text, right_text = s[: sep.start()].strip(), s[sep.end() :].strip()
        if not left_text or not right_text:
            continue
        left_year = year
        if not _HAS_YEAR.search(left_text) and _HAS_YEAR.search(right_text):
            # Jun 1 - Jun 15, 2025: the start takes the end's year
            alone = _span(right_text, year, day_first=day_first, tz=tz)
            if alone is not None:
                left_year = alone[1].year
        left = _span(left_text, left_year, day_first=day_first, tz=tz)
        if left is None:
            continue
        start = left[0]
        right = _span(right_text, start.year, day_first=day_first, tz=tz, month=start.month)
        if right is None:
            continue
        end = _roll(start, right[1], not _HAS_YEAR.search(right_text))
        if end < start:
            return _BACKWARDS
        return start, end
    value = _date_without_note(s)
    if value is not None and not _VAGUE_DATE.search(s[len(value) :]):
        return _date_text_inner(value, year, day_first, tz)  # 6/15 (tentative), 6月15日 备注：…
    return _EXPECT_DATE


_DATE_NOTE = re.compile(rf"^(?P<value>.+?)\s*(?:{_NOTE})$", re.IGNORECASE)
_DATE_TAIL = re.compile(r"^(?P<value>.*\d\S*)\s+(?P<words>[^\d]+)$")


def _date_without_note(s: str) -> str | None:
    """A date text without the note after it: in brackets, after 备注 or a comma, or
    words after a space that are no part of a date."""
    m = _DATE_NOTE.match(s)
    if m and m["value"] != s:
        return m["value"].strip()
    m = _DATE_TAIL.match(s)
    # words of a date itself are no note ("1-15 July" is no "1-15" and a note)
    if m and not _has_date_words(m["words"]):
        return m["value"].strip()
    head, _, tail = s.rpartition(" ")  # 7/18 周五 上架: a note after the weekday
    if (
        any(c.isdigit() for c in head)
        and tail
        and not any(c.isdigit() for c in tail)
        and not _has_date_words(tail)
    ):
        return head.strip()
    if glued := _CN_DATE_NOTE.match(s):  # 9月30日到柜, 9月下旬到柜
        return glued["value"]
    weekday = _WEEKDAY.search(s)  # 7.8（周二）直播: the date and its weekday, then a note
    if weekday and any(c.isdigit() for c in s[: weekday.start()]):
        tail = s[weekday.end() :]
        if tail.strip() and not any(c.isdigit() for c in tail) and not _has_date_words(tail):
            return s[: weekday.end()].strip()
    return None


# A Chinese date and a few words of what happens then, without a space between
_CN_DATE_NOTE = re.compile(
    r"^(?P<value>.*\d\s*月?\s*(?:日|号|[上中下]{1,2}旬|底|初|末))"
    r"(?![前后内起止至到]?$)(?![前后][\s，,]|左右|前后|以前|以后|之前|之后|内|起|止)"
    r"(?P<words>[^\x00-\x7f\d]{1,8})$"
)


# "6/1 or so", "6月15日左右": a due date a person would not hold anyone to
_VAGUE_DATE = re.compile(
    r"(?:or\s+so|-?ish|or\s+(?:later|earlier|after|before)|roughly|around|about|maybe|perhaps"
    r"|左右|前后|上下|大概|大约|或者|可能|也许|以后|之后)",
    re.IGNORECASE,
)


_WEEKDAY_NUMBER = {
    **dict(zip("一二三四五六", range(6), strict=True)),
    "日": 6, "天": 6, "七": 6,
    "mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6,
    "lun": 0, "mar": 1, "mer": 2, "jeu": 3, "ven": 4, "sam": 5, "dim": 6,  # French
    "mié": 2, "mie": 2, "jue": 3, "vie": 4, "sáb": 5, "dom": 6,  # Spanish (lun, mar, sab too)
    "mån": 0, "tis": 1, "ons": 2, "tor": 3, "fre": 4, "lör": 5, "sön": 6,  # Swedish
    "sen": 0, "sel": 1, "rab": 2, "kam": 3, "jum": 4, "sab": 5, "min": 6,  # Indonesian
    **dict(zip("월화수목금토일", range(7), strict=True)),  # Korean
    # Polish: pn., wt., śr., czw., pt., sob., nd. and the days' names
    "pn": 0, "pon": 0, "wt": 1, "wto": 1, "śr": 2, "śro": 2, "czw": 3, "pt": 4, "pią": 4,
    "sob": 5, "nd": 6, "nie": 6,
    "mo": 0, "di": 1, "mi": 2, "do": 3, "fr": 4, "sa": 5, "so": 6,  # German
    # Portuguese: segunda … domingo (sábado, domingo as Spanish); Turkish: by their first three
    "seg": 0, "ter": 1, "qua": 2, "qui": 3, "sex": 4,
    "paz": 6, "sal": 1, "çar": 2, "car": 2, "per": 3, "cum": 4,
    "gio": 3,  # Italian giovedì (lun, mar, mer, ven, sab, dom as French and Spanish)
    # Dutch: ma, di, wo, do, vr, za, zo and the days' names (maandag … zondag)
    "ma": 0, "wo": 2, "vr": 4, "za": 5, "zo": 6,
    "maa": 0, "din": 1, "woe": 2, "don": 3, "vri": 4, "zat": 5, "zon": 6,
    **dict(zip("月火水木金土", range(6), strict=True)),  # Japanese (日 is Sunday, as above)
}  # fmt: skip
_THAI_WEEKDAYS = {
    "จันทร์": 0, "อังคาร": 1, "พุธ": 2, "พฤหัส": 3, "ศุกร์": 4, "เสาร์": 5, "อาทิตย์": 6,
}  # fmt: skip
_THAI_WEEKDAY = re.compile("|".join(_THAI_WEEKDAYS))  # (พฤหัสบดี: พฤหัส, in full)
_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAY_ZH = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")


def _weekday_agrees(text: str, span: _Span) -> _Span | _Refusal:
    """A day with a weekday beside it that is not its own ("6/14 周五": the 14th is a
    Saturday) is refused: one of the two is a typo, and the lint cannot tell which."""
    m = _WEEKDAY.search(_TIME_SUFFIX.sub("", text))  # (5:00 PM PT: a zone, not Polish pt.)
    if m is None or span[0] != span[1]:
        return span
    written = m[0].casefold().replace("요일", "")  # 월요일: Monday (일 alone is Sunday)
    word = re.sub(r"[^a-ząćęłńśźż一二三四五六日天七월화수목금토일月火水木金土]", "", written)
    # a day in Latin letters by its first three (śro, fri); in Han or Hangul by its last
    key = word[-1:] if word[-1:] > "\u2e7f" else word[:3]
    thai = _THAI_WEEKDAY.search(written)
    given = _THAI_WEEKDAYS[thai[0]] if thai else _WEEKDAY_NUMBER.get(key)
    day = span[0]
    if given is None or given == day.weekday():
        return span
    actual, written = _WEEKDAY_NAMES[day.weekday()], _WEEKDAY_NAMES[given]
    return _Refusal(
        f"{_EXPECT_DATE} — {day.isoformat()} is a {actual}, not a {written}",
        f"{_EXPECT_DATE_ZH}——{day.isoformat()} 是{_WEEKDAY_ZH[day.weekday()]}，"
        f"不是{_WEEKDAY_ZH[given]}",
    )


def _today(today: date | None, tz: ZoneInfo | None) -> date:
    if today is not None:
        return today
    return datetime.now(tz or UTC).date()


def parse_date_range(
    raw: object,
    *,
    today: date | None = None,
    tz: ZoneInfo | None = None,
    day_first: bool = False,
) -> tuple[date | None, date | None]:
    """(start, end) of a date, period or range cell; a single day gives (d, d).

    ``today`` gives the year of a date written without one (else the current date in
    ``tz``); ``tz`` is where date-times with an offset are converted (default UTC);
    ``day_first`` reads 1/6/2025 as 1 June (by default month first, as Excel's and
    Airtable's US formats write it, unless the first number is above 12)."""
    if isinstance(raw, dict) and ("start" in raw or "end" in raw):  # Notion date object
        start = parse_date_range(raw.get("start"), today=today, tz=tz, day_first=day_first)
        end = parse_date_range(raw.get("end"), today=today, tz=tz, day_first=day_first)
        first = start[0] or end[0]
        last = end[1] or start[1]
        if first and last and last < first:
            _fail(*_BACKWARDS)
        return first, last
    raw = _single(raw, _EXPECT_DATE)
    if raw is None:
        return None, None
    if isinstance(raw, datetime):
        if raw.tzinfo is not None:
            raw = raw.astimezone(tz or UTC)
        return raw.date(), raw.date()
    if isinstance(raw, date):
        return raw, raw
    if isinstance(raw, bool):
        _fail(f"{_EXPECT_DATE}, not a check box")
    if isinstance(raw, int | float | Decimal | Fraction):
        try:
            value = float(raw)
        except (OverflowError, ValueError):
            _fail(_EXPECT_DATE)
        if math.isnan(value):
            return None, None
        span = _serial(value) if math.isfinite(value) else None
        if span is None:
            _fail(f"{_EXPECT_DATE} (numbers are read as Excel serial dates from 1950 to 2099)")
        return span
    if not isinstance(raw, str):
        _fail(_EXPECT_DATE)
    if _is_empty_text(raw):
        return None, None
    result = _date_text(raw, _today(today, tz).year, day_first, tz)
    if isinstance(result, _Refusal):  # a tuple, as a span is: asked first
        _fail(*result)
    if isinstance(result, str):
        _fail(result)
    return result


def parse_date(
    raw: object,
    *,
    today: date | None = None,
    tz: ZoneInfo | None = None,
    day_first: bool = False,
) -> date | None:
    """The date a cell names; for a period or range, its end (what a due date means)."""
    return parse_date_range(raw, today=today, tz=tz, day_first=day_first)[1]


# A day and a month as numbers with a slash or a dash between them (19/07, 05-07-2025),
# not inside a longer number or an ISO date (2025-07-05).
_NUMERIC_DAY_MONTH = re.compile(r"(?<![\d/.-])(\d{1,2})([/-])(\d{1,2})(?:\2(\d{4}|\d{2}))?(?!\d)")


class DateOrders(NamedTuple):
    """What a table's date cells show of the order they are written in: the first cell
    that can only be day first (19/07/2025), the first that can only be month first
    (07/19/2025), and the first that could be either (05/07/2025); None for none."""

    day_first: str | None
    month_first: str | None
    either: str | None


def _is_day(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def written_date_orders(texts: Iterable[object]) -> DateOrders:
    """`DateOrders` of the texts (cells of date columns; others are passed over)."""
    day_first = month_first = either = None
    for text in texts:
        if type(text) is not str:
            continue
        for m in _NUMERIC_DAY_MONTH.finditer(text):
            first, second = int(m[1]), int(m[3])
            if not (1 <= first <= 31 and 1 <= second <= 31):
                continue
            # 31/02/2025 is no day either way: unreadable (X901), it shows no order
            year = int(m[4]) + (2000 if m[4] and len(m[4]) == 2 else 0) if m[4] else 2024
            if not (_is_day(year, second, first) or _is_day(year, first, second)):
                continue
            if first > 12 and second <= 12:
                day_first = day_first or text
            elif second > 12 and first <= 12:
                month_first = month_first or text
            elif first <= 12 and second <= 12 and first != second:
                either = either or text
    return DateOrders(day_first, month_first, either)


# ---------------------------------------------------------------------------
# labels: status and phase

_DONE = _words(
    "已完成 完成 已完结 完结 已交付 交付 已结束 已上线 已发布 已归档 已办 已处理 已解决",
    "已结案 结案 已通过 审批通过 验收通过 已验收 won closedwon 已办结 办结 已铺货",
    "完成了 已完成了 已经完成 已经完成了 做完了 已做完 搞定了 弄完了",
    "launched shipped published live sent checked signedoff signed-off",
    "搞定 ok done complete completed finished finish delivered resolved closed 是 yes y",
    "true ✓ ✔ ✅ ☑ ■ ☒ [x] [✓] (x) √",
    # Japanese, Korean, Malay/Indonesian, Vietnamese, German, French, Spanish, Portuguese
    "完了 済 済み 対応済み 완료 완료됨 selesai sudahselesai hoànthành xong đãxong",
    "erledigt fertig abgeschlossen terminé fait completado terminado hecho concluído",
    "concluída concluida concluido",  # Portuguese, as a feminine noun's (a tarefa) or unaccented
    "finalizado finalizada 完成咗 完了済み",  # Spanish; Cantonese, Japanese: done
    "edonfinish donfinish",  # Nigerian Pidgin: it has finished
    "afgerond klaar voltooid",  # Dutch: finished
    "fatto completato concluso",  # Italian
    "klar tamamlandı färdig fardig",  # Swedish, Turkish
    "hogaya hogya",  # Hinglish: it is done
    # Turkish, Polish, Tagalog; 已上架 (listed, as a product is)
    "tamamlandı tamamlandi bitti zrobione zakończone zakonczone taposna 已上架",
    "validé validée approuvé เสร็จแล้ว 搞掂 已搞掂 livré livrée terminée clôturé",
    "freigegeben freigabeerteilt",  # German: released, approval given
    "搞掂晒 搞定晒 做完晒 搞掂咗 做掂咗",  # Cantonese: all done
    "已发货 已出货 已发出 已寄出 ส่งแล้ว đãgửi ordered",  # shipped, sent: a shipping task's end
    "sorted выполнено готово сделано sudahsiap listo lista bajarildi tayyor imekamilika klart",
    # Malay; Spanish; Uzbek
    "تم منجز مكتمل اكتمل",  # Arabic: done, completed
)
_NOT_DONE = _words(
    "未完成 没完成 未开始 待开始 未启动 进行中 处理中 执行中 推进中 跟进中 筹备中 准备中",
    "待办 待处理 待审核 审核中 待确认 未做 计划中 否 no n false notdone not-done",
    "notcomplete incomplete todo to-do notstarted not-started inprogress in-progress",
    "ongoing pending open wip planned waiting inreview underreview started",
    "pendingapproval awaitingapproval pendingreview onprogress",  # on progress: Indonesia
    "待上线 待发布 待执行 待提交 还没开始 还未开始 没开始 尚未开始 unchecked 还没做 没做 还没弄",
    "还没开始弄 还没开始做 还没动",
    "□ ☐ [] [ ] ( ) ❌ ✗ ✘ × ⬜ ⏳",
    # what project tools call it (Monday, Asana, Jira, Airtable's usual options)
    "workingonit ontrack backlog intesting testing awaitingreview waitingforreview",
    "readyforreview notyetstarted 排期中 待排期 未排期 已排期 审批中 待审批 验收中 待验收 草稿",
    "innegotiation negotiation",
    "未着手 対応中 作業中 未対応 진행중 진행 대기 대기중 미착수 시작전",
    "sedangberjalan dalamproses belummula belumselesai đangthựchiện đanglàm chưabắtđầu",
    "đangchạy đangxửlý đangtriểnkhai chờduyệt chờxửlý chưalàm",  # Vietnamese: running …
    "menunggu menunggupersetujuan menungguapproval sedangdiproses diproses",  # Indonesian
    "chưaxong inarbeit inbearbeitung offen geplant encours àfaire afaire encurso pendiente",
    "enprogreso porhacer emandamento enproceso pendente emprogresso aguardando naoiniciado",
    "nãoiniciado siniciar poriniciar awaiting belummulai enattente",
    "wtrakcie dozrobienia wrealizacji niezaczęte niezaczete nierozpoczęte nierozpoczete",
    "nierozpoczęto nierozpoczeto wtoku doakceptacji oczekuje",  # Polish
    "yettostart yettobegin notyetstarted",  # Indian English
    "devamediyor başlamadı baslamadi başlanmadı baslanmadi beklemede",  # Turkish
    "pågår pagar ejpåbörjad ejpaborjad påbörjad",  # Swedish
    "검토중 검토 진행예정 검수대기 검수중 승인대기",  # Korean: under review, awaiting inspection
    "กำลังดำเนินการ ยังไม่เริ่ม รออนุมัติ forapproval",  # Thai: in progress, not started, pending
    "green chalrahahai chalrahah",  # a RAG green: on track; Hinglish "going on"
    "正在办理 办理中 正在进行 正在推进 等批 待批 等老板批 等老细批 等审批",
    "待老板审核 待领导审核 待老板确认 待领导确认 仲未开始 仲未做",
    "承認待ち 確認待ち 承認待 レビュー待ち",  # Japanese: awaiting approval, review
    # awaiting inspection, shipping, customs; Cantonese: at it, following up
    "待验货 待发货 待出货 做紧 跟紧 搞紧 跟紧中 做紧中 enaduana",
    "还在弄 还在做 正在弄 正在做 在弄 在做",  # still at it
    "emcurso вработе впроцессе неначато запланировано ginagawapa ginagawa jarayonda",
    "inaendelea bado",  # Swahili: in progress, not yet
    "inattesa inattesadiapprovazione incorso dafare",  # Italian: waiting (for approval)
    "wartetauffreigabe freigabeausstehend wartend",  # German: awaiting approval
    "بانتظارالموافقة بانتظارموافقةالإدارة بانتظار قيدالمراجعة",  # Arabic: awaiting approval
    "bezig meebezig inuitvoering gepland nognietbegonnen",  # Dutch
    "قيدالتنفيذ جاري لميبدأ",  # Arabic: in progress, ongoing, not started
)
_ABNORMAL = _words(
    "异常 阻塞 受阻 卡住 延期 延迟 延误 滞后 逾期 超期 有风险 风险 暂停 搁置 有问题 问题 失败",
    "卡住咗 卡咗 卡起了 卡起 拖了 拖延 拖期",  # Cantonese, Sichuanese: stuck; dragged on
    "卡住了 卡了",  # stuck
    "扯拐 扯拐了",  # Sichuanese: gone wrong
    "rukahua rukahai atkahua atkahai atakgaya",  # Hindi: stopped, stuck
    "已逾期 已延期 已延迟 已暂停 已搁置 已超期 已失败",
    "postponed rescheduled deferred pushed kiv 推迟 推后 顺延 改期 slipped",
    "blocked block atrisk at-risk risk delayed delay late overdue offtrack off-track",
    "abnormal behind stuck onhold on-hold paused issue problem failed ⚠ ⚠️ 🔴",
    "暂缓 缓办 保留 遅延 지연 보류 중단 tertunda tangguh ditunda tertangguh terlambat",
    "返工 已驳回 驳回 被驳回 rejected",
    "trễhạn tạmdừng tạmhoãn bịchặn verzögert blockiert verspätet pausiert bloqué enretard",
    "suspendu bloqueado retrasado enpausa atrasado emrisco enriesgo demorado demorada",
    "pausado pausada empausa",  # Spanish, Portuguese: paused
    "просрочено просрочен задержка задерживается verschoben imechelewa",  # Russian; German;
    # Swahili: delayed
    "opóźnione opóźniony opoznione zablokowane wstrzymane",  # Polish
    "gecikti gecikme ertelendi durduruldu engellendi",  # Turkish: late, postponed, blocked
    "red amber",  # a RAG status: off track, at risk
    "ล่าช้า",  # Thai: delayed
    "försenad forsenad pausad pausat",  # Swedish
    "telat",  # Indonesian: late
    "vertraagd uitgesteld geblokkeerd telaat",  # Dutch
    "inritardo bloccato sospeso",  # Italian: late, blocked, suspended
    "متأخر متوقف معلق",  # Arabic: late, stopped, on hold
)
_STATUS_LABELS: dict[str, Status] = {}
for _labels, _status in (
    (_DONE, Status.DONE),
    (_NOT_DONE, Status.NOT_DONE),
    (_ABNORMAL, Status.ABNORMAL),
):
    for _label in _labels:
        _STATUS_LABELS[normalise_key(_label)] = _status
# Outcomes that are none of done, not done and abnormal — a task cancelled, a deal lost,
# a request withdrawn — refused rather than read as the label they begin with (Closed)
_NO_STATUS = frozenset(
    normalise_key(w)
    for w in _words(
        "已取消 取消 作废 已撤回 撤回 cancelled canceled won'tdo wontdo dropped abandoned",
        "withdrawn lost closedlost",
    )
)
_STATUS_PREFIX = sorted((k for k in _STATUS_LABELS if len(k) > 1), key=len, reverse=True)

_MAX_LABEL_TEXT = 200  # a label with a short note; longer text is prose, not a status
_CHECKED = "■☑☒✅✔✓√▣"
_UNCHECKED = "□☐⬜"
_BOX = re.compile(rf"([{_CHECKED}{_UNCHECKED}]|\[[ xX✓✔]?\]|\([ xX]\))")
_MARKS = "✅❌⚠✓✔✗✘☑■□☐⬜🔴🟢🟡🟠⏳\ufe0f "
_TODO = re.compile(r"^[-*•]\s*(\[[ xX✓✔]?\])\s+")
# Emoji at either end of a label decorate it (搞定了✌️, 🔥进行中)
_DECORATION = re.compile(f"^[{_EMOJI}\\s]+|[{_EMOJI}\\s]+$")
_LEADING_MARK = re.compile(r"^([✅❌⚠🔴⏳])\ufe0f?\s*(?=\S)")
_NOTE_START = re.compile(r"[\s(\[【:：,，;；\-—–|/!！.。]|(?:至|到)(?=\s*\d)")
_NOTE_EDGES = _MARKS + "-—–/|、,，;；:：()（）[]【】"
_PERCENT_NOTE = re.compile(r"\d\s*%")
_HOW_LATE = re.compile(r"[一二两三四五六七八九十半几]+\s*(?:天|日|周|个?星期|个?月|个?小时)")


def _label_text(raw: object, expected: str) -> str | None:
    raw = _single(raw, expected)
    if raw is None:
        return None
    if isinstance(raw, dict) and isinstance(raw.get("name"), str):  # a Notion select
        raw = raw["name"]
    if not isinstance(raw, str):
        _fail(expected)
    if _is_empty_text(raw):
        return None
    return raw


def _status_label(text: str) -> Status | None:
    """A label, perhaps with a note after it: 已完成（6/5）, delayed - vendor, 延期3天."""
    key = normalise_key(text)
    if key in _NO_STATUS:
        return None
    if key in _STATUS_LABELS:
        return _STATUS_LABELS[key]
    bare = _DECORATION.sub("", text.strip(_MARKS))  # 已完成 ✅, ⚠️ 延期, 搞定了✌️: the word
    if bare and bare != text.strip():
        return _status_label(bare)
    folded = " ".join(to_simplified(unicodedata.normalize("NFKC", text)).casefold().split())
    folded = folded.translate(_ARABIC_DIGITS)  # مكتمل ٨٠٪ is 完成80%
    for label in _STATUS_PREFIX:
        if not key.startswith(label):
            continue
        rest = _after_label(folded, label)
        if rest is None:
            continue
        status = _STATUS_LABELS[label]
        if not rest:
            return status
        if rest[0].isdigit():
            if status is not Status.ABNORMAL:  # 完成80% is not done; 延期3天 is late
                continue
        elif not _NOTE_START.match(rest) and not (
            status is Status.ABNORMAL
            and (rest[0] in "至到" or _HOW_LATE.match(rest))  # 推迟到下周, 拖了两天
        ):  # (完成到一半 is no note)
            continue  # 完成度, donezo: the label runs on into another word
        if status is Status.DONE and _PERCENT_NOTE.search(rest):
            return None  # "done 80%": refuse rather than guess
        other = _STATUS_LABELS.get(normalise_key(rest.strip(_NOTE_EDGES)))
        if other is not None and other is not status:
            return None  # "done/blocked", "完成 ✔ / 异常": two states, not a note
        return status
    return None


def _after_label(folded: str, label: str) -> str | None:
    """The text after ``label`` in ``folded``, which may have spaces inside the label."""
    i = j = 0
    while j < len(label):
        if i >= len(folded):
            return None
        if folded[i] == " ":
            i += 1
            continue
        if folded[i] != label[j]:
            return None
        i += 1
        j += 1
    return folded[i:]


@lru_cache(maxsize=4096)
def _status_text(text: str) -> Status | str | None:
    if len(text) > _MAX_LABEL_TEXT:
        return f"{_EXPECT_STATUS}, not {len(text)} characters of text"
    s = unicodedata.normalize("NFKC", text).strip()
    boxes = list(_BOX.finditer(s))
    if len(boxes) >= 2:
        # an options list: □未完成/■已完成/□异常 — the checked box picks the status
        chosen: list[Status] = []
        for k, box in enumerate(boxes):
            end = boxes[k + 1].start() if k + 1 < len(boxes) else len(s)
            label = s[box.end() : end].strip(" /|、,，;；")
            if not label:
                continue
            status = _status_label(label)
            if status is None:
                return _EXPECT_STATUS
            if _is_checked(box[0]):
                chosen.append(status)
        if len(chosen) > 1:
            return f"{_EXPECT_STATUS} — only one box checked"
        return chosen[0] if chosen else None
    s = s.rstrip("～~!！。.").strip() or s  # 完成了～: the tone of a chat, not a word
    todo = _TODO.match(s)  # "- [x] Publish EDM", as Notion exports a to-do
    if todo and _status_label(s[todo.end() :].strip()) is None:
        return Status.DONE if _is_checked(todo[1]) else Status.NOT_DONE
    mark = _LEADING_MARK.match(s)  # "⚠️ 素材未到": the mark says it, the rest says why
    if mark and not _BOX.match(s):
        said = _status_label(s[mark.end() :].strip())
        if said is None:
            status = _STATUS_LABELS.get(normalise_key(mark[1]))
            if status is not None:
                return status
        elif said is Status.NOT_DONE and mark[1] in "⚠🔴":
            return Status.ABNORMAL  # ⚠️ waiting for approval: flagged, not merely under way
    if boxes and boxes[0].start() == 0:
        rest = s[boxes[0].end() :].strip()
        if not rest:  # a bare box: ✅ is done, □ is not
            return _STATUS_LABELS.get(normalise_key(boxes[0][0]), Status.NOT_DONE)
        # ■已完成 / [x] done pick the label; the seed's □已完成 means the label too
        status = _status_label(rest)
        if status is None:  # ✅ 已发, ☐ 素材: a to-do — the box says it, the text is the task
            return Status.DONE if _is_checked(boxes[0][0]) else Status.NOT_DONE
        return status
    status = _status_label(s)
    if status is None and (code := _MILESTONE_CODE.match(s) or _CODE_BEFORE_HAN.match(s)):
        status = _status_label(s[code.end() :])  # DVT进行中, EVT: done — the milestone's
    return status if status is not None else _EXPECT_STATUS


_CODE_BEFORE_HAN = re.compile(r"[A-Z]{2,5}\d?(?=[^\x00-\x7f])")  # DVT进行中


def _is_checked(box: str) -> bool:
    return box[0] in _CHECKED or (len(box) == 3 and box[1] in "xX✓✔")


def parse_status(raw: object) -> Status | None:
    """Done / not done / abnormal from a label, a check box, or a boolean check box."""
    if isinstance(raw, bool):
        return Status.DONE if raw else Status.NOT_DONE
    text = _label_text(raw, _EXPECT_STATUS)
    if text is None:
        return None
    result = _status_text(text)
    if result is None or isinstance(result, Status):  # Status is a str: test it first
        return result
    _fail(result)


_PHASE_WORDS = {
    Phase.PREPARATION: _words(
        "方案准备 准备 方案启动与准备 启动与准备 方案启动 启动 筹备 规划 计划 策划",
        "preparation prepare prep planning plan kickoff kick-off kick-offandpreparation",
        "setup pre-launch prelaunch",
    ),
    Phase.EXECUTION: _words(
        "执行 执行落地 落地 实施 上线 投放 推进 execution execute executing launch",
        "rollout roll-out delivery implementation in-flight",
    ),
    Phase.MONITORING: _words(
        "执行监控 执行与监控 执行落地与过程监控 执行与过程监控 过程监控 监控 监测 跟踪 追踪 跟进",
        "monitoring monitor tracking track executionandmonitoring execution&monitoring",
        "execution/monitoring",
    ),
    Phase.REVIEW: _words(
        "效果复盘 复盘 效果评估与复盘 效果评估 评估 总结 复盘总结 回顾 review evaluation",
        "evaluate retrospective retro post-mortem postmortem wrap-up wrapup",
        "evaluationandreview closing close-out",
    ),
}
_PHASE_LABELS = {
    normalise_key(word): phase for phase, words in _PHASE_WORDS.items() for word in words
}
_PHASE_NUMBERING = re.compile(
    r"^(?:(?:phase|stage|step|阶段)\s*[0-9一二三四五]+|第?[0-9一二三四五]+\s*(?:阶段|期)?"
    r"|[ivx]+|p\d)\s*[.、:：)\-—–\s]+\s*",
    re.IGNORECASE,
)
_PHASE_SUFFIX = re.compile(r"(?:阶段|时期|期|环节|phase|stage)$")


@lru_cache(maxsize=1024)
def _phase_text(text: str) -> Phase | None:
    folded = to_simplified(unicodedata.normalize("NFKC", text)).casefold().strip()
    for candidate in (text, _PHASE_NUMBERING.sub("", folded, count=1)):
        key = normalise_key(candidate)
        for form in (key, _PHASE_SUFFIX.sub("", key)):
            if form in _PHASE_LABELS:
                return _PHASE_LABELS[form]
    return None


def parse_phase(raw: object) -> Phase | None:
    """The checklist phase a label names (see the module doc for the words read)."""
    text = _label_text(raw, _EXPECT_PHASE)
    if text is None:
        return None
    phase = _phase_text(text)
    if phase is None:
        _fail(_EXPECT_PHASE)
    return phase


# ---------------------------------------------------------------------------
# owners


@dataclass(frozen=True)
class OwnerCell:
    """What one owner cell says: named people, departments, job titles without a name,
    and whether it names a group ("全体执行团队", "whole team") rather than anyone."""

    people: tuple[str, ...] = ()
    departments: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    collective: bool = False

    def __bool__(self) -> bool:
        return bool(self.people or self.departments or self.roles or self.collective)


_SURNAMES_2 = frozenset(
    _words(
        "欧阳 司马 上官 诸葛 东方 慕容 司徒 皇甫 夏侯 尉迟 公孙 令狐 长孙 宇文 端木 西门",
        "南宫 独孤 轩辕 百里 呼延 万俟 申屠 太史 闻人 澹台 公冶 宗政 濮阳 赫连 钟离",
    )
)
_SURNAMES_1 = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
    "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武"
    "戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯"
    "纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪"
    "简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎"
    "甄丛仲虞敖巩明佘池查麻苑迟邝小老"  # 小王, 老张
)
# Parties outside the company, named as units (the rules then ask for a person); the
# ones that name a company in brackets after them ("代理商（蓝天广告）", "Agency (Ogilvy)").
_PARTIES_ZH = _words(
    "供应商 代理商 代理公司 乙方 甲方 第三方 外包 外判 合作方 代运营 4A公司 广告公司 公关公司",
    "代理店",  # (Japanese) an agency
    "广告代理 廣告代理",  # 電通（廣告代理）
    "加盟商 商家 商户 客户 客户方 客户品牌方",  # a franchisee; a merchant or client
    "经销商 分销商 渠道商",  # a dealer, a distributor: 经销商：青岛鑫海商贸有限公司
    "货代",  # a freight forwarder: 货代：捷运物流
    "中介 中介渠道 会务公司",  # a brokerage: 中介渠道：链家; an events company
    "外协 外协厂 外协工厂",  # a factory outside: 外协工厂：义乌鸿达工艺品厂
    "대행사 협력사 외주사",  # (Korean) an agency, a partner company, a contractor
)
# Labels before a client's company name (商家：三只松鼠): a unit of the client's, whatever
# the name looks like (颜究所 would read as a person)
_CLIENT_LABELS = frozenset(_words("商家 商户 客户 客户方 品牌方 甲方"))
_PARTIES_EN = _words(
    "agency agentur agence agencia agência agenzia agensi vendor supplier studio aor fornitore",
    "ajans ajansı ajansi agencja bureau",  # Turkish, Polish; Dutch (PR bureau Stroom)
    "mcn",  # a creators' network: MCN（辣妹子传媒）
    "distribuidor distributor",  # Distribuidor UK: Fells
    "агентство",  # Russian: an agency
)
# Agencies and agency groups marketing teams name as they name a department: a unit, not
# a person (Ogilvy, 蓝色光标). "Grey" and "Leo Burnett" are left out: they are names too.
_AGENCIES_EN = _words(
    "ogilvy wpp dentsu publicis havas omnicom ipg mccann bbdo tbwa groupm mindshare wavemaker",
    "mediacom starcom zenith carat edelman bluefocus saatchi vml accenture-song",
    "vaynermedia droga5 bbh akqa razorfish anomaly",
    "jll cbre savills colliers",  # property brokers, named as agencies are
    "dhl fedex ups ems",  # couriers
)
_AGENCIES = {  # Chinese name: the same agency's English name (奥美（Ogilvy）is one unit)
    "奥美": "ogilvy", "电通": "dentsu", "阳狮": "publicis", "汉威士": "havas", "宏盟": "omnicom",
    "麦肯": "mccann", "李奥贝纳": "leo burnett", "群邑": "groupm", "尚扬": "mindshare",
    "蓝色光标": "bluefocus", "省广": "省广", "华扬联众": "华扬联众", "天与空": "天与空",
    "灵思": "灵思", "安索帕": "isobar", "凯络": "carat", "实力传播": "zenith", "胜加": "胜加",
    "世邦魏理仕": "cbre", "仲量联行": "jll", "第一太平戴维斯": "savills", "高力国际": "colliers",
    "顺丰": "sf express", "顺丰速运": "sf express", "京东物流": "jd logistics", "中通": "zto",
    "圆通": "yto", "申通": "sto", "韵达": "yunda", "德邦": "deppon",
    "宝尊": "baozun",  # a Tmall operator
}  # fmt: skip
_DEPT_WORDS_ZH = frozenset(
    _PARTIES_ZH
    + _words(
        "市场 销售 产品 财务 法务 设计 运营 品牌 数据 人事 人力 人力资源 技术 营销 市场营销",
        "品牌营销 数字营销 内容营销 公关 商务 客服 行政 采购 研发 内容 新媒体 电商 渠道 媒介",
        "创意 增长 用户 供应链 物流 大客户 会员 社群 直播 投放 媒体 市场推广 推广 法律 合规",
        "IT 信息 it 招生 教研",
        "广告公司 经销商 渠道商 服务商 媒体方 厂商 厂家 工厂 品牌方 平台方",  # outside, too
        "总部 行销 市务 企划 公关公司 门市 门店 直播间 产品市场 pmm",
        "团委 党委 工会 院办 校办 招生办 街道办 理事会 管委会 志工队 志愿者 营业 営业",
        "华东 华南 华北 华西 华中 西南 东北 西北 华东区 华南区 华北区 华中区 西南区 东北区 西北区",
        "北美 南美 拉美 欧洲 亚太 东南亚 中东 非洲 海外 国际 大中华 港澳台 中央厨房 仓库",
        "北区 南区 东区 西区 中区 日本 韩国 美国 英国 德国 法国 台湾 香港 新加坡 马来西亚 泰国",
        "越南 印尼 印度 本地化 发行 买量 社区 私域 视觉 物业 展厅 外贸 法规 售后 招商",
        "企业文化 外联 党建 纪检 宣教 学生会 仓储 包材 品控 宴会销售",  # 企业文化处; 包材组
        "前台 业务 礼宾 版权 ec 营运 本社 牧场 码头 样品间",  # the front desk, business, concierge,
        # licensing; HQ; a ranch, a pier, a sample room
        "外卖 质检 检测",  # a restaurant's delivery team; quality control, testing
        "案场",  # a property developer's sales site (案场 小李)
        "投流",  # paid traffic buying (投流组, 投流：蓝瀚互动)
        "党办 馆办 局办 厂办 所办",  # offices by their short names (党委办公室)
        "合作社 供销社 村委 村委会 居委会 家委会",  # co-operatives and committees
        "文旅 文广 广电 网信 卫健 住建 市监 教育 交通 公安 税务",  # a government's sectors: 文旅局
        "眼科 骨科 儿科 内科 外科 妇科 产科 牙科 男科",  # a hospital's departments
        "康复 急诊 麻醉 放射 检验 药剂 护理 体检 中医 皮肤 口腔 耳鼻喉 心内 神经 肿瘤 影像",
        "超声 病理 营养 内分泌 消化 呼吸 肾内 血液 疼痛 整形 医美 妇产 产科护理",
        "マーケ マーケティング 広報 広报 宣伝 宣传 販促 贩促 デザイン 运営",  # Japanese
        # 總部 (headquarters); 行銷, 市務: marketing (TW, HK); 产品市场: product marketing
    )
    + list(_AGENCIES)
)
_DEPT_SUFFIX = _words(
    "事业部 部门 中心 团队 小组 办公室 部 组 处 科 室 办 课",  # 课: a section, as Taiwan writes it
    "中台",  # a shared platform team: 增长中台
    "公司 集团 传媒 广告 工作室 印务 印刷 文化 科技 影业 影视 咨询",  # a company: 蓝天广告
    "互娱",  # an entertainment company: 星链互娱
    "公关公司 公关 事业群 BU BG",  # XX公关; 美妆BU, 电商事业群: business units
    "大区 区域 分公司 子公司 办事处 分部 门店 门市 旗舰店 直播间",  # 华北大区, 香港辦事處
    "供应商 代理商 服务商 外包商",  # 印刷供应商: an outside party by its trade
    "委员会 管委会 学院 局 厂 队 委",  # 文旅局, 印刷厂, 志工队, 卫健委: public bodies, works, teams
    "厂家 厂商 分院 医院 院区 校区 分校 门诊部 诊所 分行 支行",  # 广汽丰田厂家, 汉口分院
    "商贸 贸易 留学 出国 网络",  # 恒达商贸; study-abroad agents: 新通留学; 遥望网络
    "电器 农机",  # a company by its trade: 顺德美佳电器, 潍坊恒通农机
    "工坊 合作社 供销社 门诊 事务所 车行 车间 研究所 研究院 牧场 码头 样品间 展览 会务",  # 酿造车间
    "汽配 装饰 影像",  # a company by its trade: 沈阳恒通汽配, 福州恒美装饰, 木子影像
    "MCN",  # a creators' network: 杭州星芒MCN
    "仓 站",  # 深圳仓, 欧洲站: a warehouse, a marketplace site
    "チーム",  # マーケティングチーム: a team, as Japanese writes it
    "区 店 外包 代理 货代",  # 欧洲区, 春熙路店: regions and stores; 设计外包, 本地代理: outside
)
_PARTY_PREFIXES = ("外包", "第三方")  # before a trade: 外包设计, 第三方摄影
_NAME_LIKE_SUFFIX = frozenset("组处科室办局厂队")  # 王局, 张处: how a chief is addressed
# A number leads some units: 一组, 二组, 3组
_NUMBERED_STEM = frozenset("一二三四五六七八九十0123456789")
# 企业文化处: 文化, then 处; 高新区店: a district, then its store
_UNIT_TAILS = ("有限公司", "公司", "部门", "团队", "中心", "小组", "部", "组", "处", "店")
# Han characters, with the extension planes OpenCC's simplified forms may land in.
_H = "\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f"


# A unit's name may hold capitals, digits or kana: KA渠道部, 618专项组, マーケ部 (Alice市场部
# is a person and a department: a name is not in capitals). The
# longer suffixes come first: 科技 is no 科 (a section) followed by 技.
def _dept_prefix_pattern(shortest_name: int) -> str:
    return (
        rf"^([{_H}\u3040-\u30ffA-Z0-9&]{{{shortest_name},10}}?)("
        + "|".join(sorted(_DEPT_SUFFIX, key=len, reverse=True))
        + ")"
    )


_DEPT_PREFIX = re.compile(_dept_prefix_pattern(1))
_LATIN_DEPT_PREFIX = re.compile(
    r"^([A-Za-z&]{1,12})(事业部|部门|中心|团队|小组|部|组|公司|传媒|广告|公关|厂商|厂家|代理店|代理商"
    r"|店铺|门店|旗舰店|专柜)"  # Gucci店铺: a tenant's store
)
# Longest first, then in a fixed order: a set's order changes from process to process
# (string hashes are salted), and 电商运营经理 holds two words of the same length
_DEPT_WORDS_ZH_LONGEST = sorted(_DEPT_WORDS_ZH, key=lambda word: (-len(word), word))
_ROLE_WORDS_ZH = tuple(
    sorted(
        _words(
            "负责人 总经理 副总经理 经理 副经理 总监 副总监 主管 专员 助理 设计师 设计岗 分析师",
            "策划 文案 编辑 主编 组长 副组长 部长 副部长 主任 总裁 老板 领导 对接人 接口人",
            "联系人 实习生 顾问 工程师 专家 同事 代表 执行 岗 总 协调人 牵头人 运营官 科长 处长",
            "室主任 部长助理 店长 店员 导购 督导 课长 处长 小编 主播 场控",
            "院长 书记 护士长 理事长 主席 记者 干事 专干 老板娘 店主 局长 厂长 队长",
            "园长 副园长 保健医 剪辑",  # a kindergarten's head and doctor; a video editor
            "馆长 副馆长 讲解员 导诊 买手 版师",  # a museum's; a hospital's guide; fashion's
            "校长 任课老师 主厨 会计 出纳",  # a school's head, the class's teacher; a chef
            "担当 制作人 行长 副行长",  # 担当 (Japanese): the one in charge; 行长: a bank's head
            "跟单员 跟单 茶艺师 摄影师 化妆师 培训师 讲师 业务员 销售员 营业员 辅导员 技术员 助播",
            "咨询师 花艺师 营养师 美容师 咖啡师 烘焙师 调酒师 造型师 插画师 剪辑师 修图师 理疗师",
            "科员 办事员 加盟主",  # a civil servant's grade; a franchisee
            # shipping documents' clerk; a station's head; a doctor's aide; a head chef; a
            # master (拉面师傅; 陈师傅 is a person); an embroiderer, a blender, a curator
            "单证 单证员 站长 医助 总厨 行政总厨 师傅 绣娘 勾调师 策展人",
            "配方师 调香师 质检员 品控员",  # a cosmetics maker's formulator, perfumer, QC
            "领班 飞手",  # a shift's head (咖啡师领班); a drone pilot
            "主任医师 副主任医师 主治医师 住院医师 主管护师",  # a hospital's grades: 王主任医师
            "ディレクター マネージャー リーダー",  # (Japanese) a director, a manager, a lead
        ),
        key=len,
        reverse=True,
    )
)
# (医生 alone is a title; 张伟医生 is a person, so it ends no title)
_ROLE_SET_ZH = frozenset(_ROLE_WORDS_ZH) | frozenset(_words("医生 医师 护士 药师"))
_GENERIC_GROUPS = frozenset(
    normalise_key(w)
    for w in _words(
        "执行团队 项目团队 团队 部门 小组 全组 各组 人员 成员 执行组 工作组 同仁 同事",
        "伙伴 小伙伴 员工 职员 处室 科室",
        "team teams department departments dept depts staff members group people l'équipe",
        "markets regions countries stores branches offices outlets sites cities hubs",
        "agents ejen agen teamet",
        "distribuidores distributors dealers resellers",  # Todos los distribuidores
        "kakitangan staf karyawan pegawai メンバー",  # Malay, Indonesian: staff; members
        "equipa 教职工",  # Portuguese: the team (Toda a equipa); a school's staff
        "otime aequipe opessoal",  # "o time", "a equipe" as keyed (Brazil: Todo o time)
        "社员",  # a co-operative's members (全体社员)
        "магазины сотрудники nhânviên cửahàng",  # stores, staff (Все магазины; Toàn bộ nhân viên)
        "reps representatives ambassadors volunteers interns trainees",  # All volunteers
        "tiendas abteilungen franquiciados pengedar installers wafanyakazi outlets",
        "แผนก ฝ่าย ทีม สาขา",  # Thai: department, division, team, branch (ทุกแผนก)
    )
)
_PLACEHOLDERS = (
    frozenset(
        normalise_key(w)
        for w in _words(
            "tbd tba tbc 待定 待分配 未分配 未指定 待指定 暂无 无 ? ？ unassigned unknown",
            "t.b.d. tbapa",  # TBA pa: still to be announced (Taglish)
            "tobeassigned tobeconfirmed tobedecided 待招 人员待定 人选待定",
            "n/a none nobody 空 - 待确认 待安排 未定 k.a. keine-angabe",
            # a seat not filled yet: no one answers for the task
            "空缺 待招聘 招聘中 待补 vacant vacancy noneyet notyetassigned pendinghire",
            "unbesetzt stelleunbesetzt vakant",  # German: (the post) not filled
            "无人认领 无人负责 没人负责 无人 没人 reqopen openreq 担当者未定",
            "belumditentukan belumada chưacó belumadapic",  # Malay, Indonesian, Vietnamese
            "àdéterminer adéterminer àdéfinir adéfinir ยังไม่มีคนรับผิดชอบ ยังไม่มีผู้รับผิดชอบ",
            "aconfirmar porconfirmar уточняется неназначен ejtilldelad",
            "àattribuer chưaphâncông chưacóngười belumditetapkan porasignar poratribuir",
            "n.n. nn 미정 yettoassign nogniettoegewezen nognietbepaald",
            # Turkish, Polish, Portuguese: to be decided
            "belirlenecek belirsiz doustalenia adefinir aserdefinido",
        )
    )
    | _UNDECIDED
)
# What follows 各 ("each") or 所有 ("all") when a cell gives a task to every unit of a
# kind
_EACH_UNIT = (
    "门店 门市 分店 店铺 店 区域 大区 区 分公司 子公司 公司 办事处 事业部 部门 部 团队 小组 组 队"
    " 学院 校区 分校 校 科室 门诊部 门诊 分院 医院 院 分行 支行 中心 国 国家 地区 省 市 城市 站"
    " 渠道 平台 品牌 市场 条线 线 业务线 片区 网点 商户 商家 门市 班级 班"
)
# A dealer's kind: 华东经销商：锦泰贸易 (a label), 各国代理商 (every one of them)
_DEALERS_ZH = ("代理商", "经销商", "分销商", "供应商")
_EACH_PARTY = "|".join((*_DEALERS_ZH, "加盟商", "渠道商"))  # 各国代理商, 所有经销商
# (the parties first: in 各国代理商, 国 alone is a kind of unit too)
_EVERY_UNIT = (
    rf"(?:[^\x00-\x7f\s,，、/+]{{0,3}}?(?:{_EACH_PARTY})|[^\x00-\x7f\s,，、/+]{{0,3}}?(?:"
    + "|".join(sorted(_words(_EACH_UNIT), key=len, reverse=True))
    + "))?"
)
# Cities a note in brackets may name after a person (최유나（上海）): where, not who
_CITIES_ZH = frozenset(
    _words(
        "北京 上海 广州 深圳 杭州 成都 重庆 武汉 南京 西安 天津 苏州 长沙 郑州 青岛 厦门 福州",
        "济南 合肥 昆明 沈阳 大连 哈尔滨 宁波 无锡 佛山 东莞 澳门 台北 高雄 台中 首尔 东京 大阪",
        "曼谷 吉隆坡 雅加达 迪拜 伦敦 纽约 巴黎 名古屋 横滨 福冈 札幌 京都 神户",
    )
)
_COLLECTIVE_ZH = re.compile(
    r"全体|全员|所有人|所有"
    + _EVERY_UNIT
    + r"|大家|各部门|各团队|各组|各位|相关部门|相关人员|^相关|전원|모두"
    # 各门店, 各校区, 各国担当, 各区域经理: every one of a kind of unit (the unit is no one
    # unit; a title stays). Non-ASCII stands for Han: a Han class costs a compile at start.
    # (成都各门店, 全国各门店: every store there; the place names no unit of its own)
    r"|(?:^|(?<=[\s,，、/+]))(?:(?:全国|全省|全市|本市|本省|"
    # (longest first; in a set's order, which changes from run to run, the pattern's
    # text would too, and the compiled-pattern cache could never serve it)
    + "|".join(sorted(_CITIES_ZH, key=lambda city: (-len(city), city)))
    + r")各"
    + _EVERY_UNIT.removesuffix("?")  # (东莞各新建10座: no unit after it, no owner)
    + "|各"
    + _EVERY_UNIT
    + ")"
    + r"|共同|一起|一齐|联合"
    # (not the 全 of 安全 safety, 完全, 健全: 食品安全组 is one unit)
    r"|(?<![安完健保齐周])全(?:部门|部|院|校|公司|集团|店|司|厂|馆|行|组|队|局)"
    r"|谁有(?:空|时间)(?:谁[做来干]?)?|有空的"
)
_COLLECTIVE_EN = re.compile(
    r"\b(?:all[\s-]hands|all|everyone|everybody|whole|entire|every|each|jointly|together"
    r"|iedereen)\b"
    r"|\bshared\b(?!\s+services)|\b(?:gemeinsam|ensemble|juntos|bersama)\b"
    r"|\b(?:department|team)\s+(?:heads|leads|owners|managers)\b|\bheads\s+of\b"
    r"|\b(?:compartid[oa]s?|conjunto|ganze[nrsm]?)\b"  # Spanish: shared; German: whole
    r"|\b(?:alle|tous|toute|toutes|todos|todas|todo|toda|semua)\b|\bco-?own(?:ed|ers?)?\b|\bwhoever\b|ทุกคน"
    r"|\bcross-?functional\b|@(?:channel|here|everyone|all)\b|\bsab\s+log\b|\bsabhi\b"
    r"|\b(?:tất\s+)?cả\b|\bmọi\s+người\b|\bcùng\b|^sab$|\bpoor[ai]\b|\bgesamte[rn]?\b"
    r"|\btutt[oaie]\b|ทุก|ร่วมกัน|협업|함께|공동|전체|전\s*직원|\bjoint\b"
    # Turkish, Polish, Tagalog and Swahili: all, whole, jointly, together, everyone
    r"|\b(?:tüm|bütün|ortak|cały|cała|całe|wszyscy|lahat|sabay-sabay|herkes|wote)\b"
    r"|(?<![\w])(?:все|всё|весь|вся|барлық)(?![\w])|\btoàn\s+bộ\b"  # Russian, Kazakh; Vietnamese
    r"|\b(?:hela|alla)\b"  # Swedish: whole, all
    r"|^team$|^the\s+team$",
    re.IGNORECASE,
)
_DEPT_WORDS_EN = frozenset(
    _PARTIES_EN
    + _words(
        "marketing sales product products finance financial legal design operations ops",
        "brand branding data analytics hr engineering tech technology it growth pr content",
        "social procurement support ecommerce e-commerce creative media partnerships bd",
        "research compliance admin administration events accounting communications comms",
        "digital performance crm cs r&d rnd strategy mktg contractor client accounts",
        # the same words in the languages of European and South-East Asian teams
        "vertrieb ventas ventes vendite commercial comercial communication compras",
        "productmarketing verkoop inkoop",
        "pemasaran penjualan jualan kewangan keuangan kreatif perundangan hukum produk",
        "revops pmm press stampa marca marketingleitung cx insights bizdev ecom e-com ec",
        "presse prensa imprensa konstruktion",  # German, Spanish, Portuguese: press; design
        "marcom marcoms marcomms formulations d2c dtc print loyalty influencers",
        "marketingleiter marketingleiterin vertriebsleiter vertriebsleiterin",  # German
        "trust&safety health&safety research&development learning&development",
        "food&beverage diversity&inclusion mergers&acquisitions",
        "comunicación comunicacion finanzen finanzas",
        "leasing merchandising purchasing licensing fundraising ticketing sourcing buying",
        "fulfillment fulfilment",
        "recruiting recruitment training retail wholesale logistics tourism sponsorship",
        "sponsorships loyalty membership publishing",
        "mercadotecnia diseño diseno jurídico juridico comunicação comunicacao vendas",
        "außendienst aussendienst innendienst produktmarketing eventi f&b marcom vm",
        "housekeeping development board distribution trade",
        # Turkish and Polish: marketing, sales, communications, e-commerce, R&D, brand
        "pazarlama satış satis iletişim iletisim i̇letişim e-ticaret eticaret ar-ge arge marka",
        "sprzedaży sprzedazy sprzedaż sprzedaz marketingu komunikacji",
        # Spanish areas (Producto / Legal / Riesgos), German compounds, Mkt
        "producto riesgos riesgo cumplimiento tesorería tesoreria auditoría auditoria mkt",
        "produktmanagement projektmanagement qualitätsmanagement messeteam vertriebsteam",
        "marketingteam eventteam klantenservice communicatie qa esports",
        "patrocinios patrocinio hospitality eng kho",  # sponsorships; engineering; a warehouse
        "markting marekting marketting maketing marketng",  # Marketing as typed in a hurry
        "wholsale wholesle",  # and Wholesale
        "production export import créatif créative warehouse enologia",
        "masoko mauzo fedha",  # Swahili: marketing, sales, finance
        "finanças financas finans admissions receção recepção rececção reception recepción",
        "regulatory aftersales after-sales kundenservice",
        "qc concierge logistyka finanse księgowość ksiegowosc risk freight comex",
        "sponsoring dramaturgie kommunikation markteing mercadeo calidad operaciones",
        "maintenance jenama sotuv dizayn вэд склад pressebüro kartenbüro installs reservations",
        "franchise marknad försäljning kommunikation",  # Swedish: marketing, sales
        "exportaciones exportación exportacion importaciones",
        "bemarking verkope bemarkingspan",  # Afrikaans: marketing, sales, the marketing team
        # Russian and Kazakh: marketing, sales, procurement, commercial, logistics, SMM
        "маркетинг маркетинга маркетингу продажи продаж продажам закупки закупок закупкам",
        "коммерческий логистика smm бренд",
        "финансы бухгалтерия pr-отдел",
    )
    + _AGENCIES_EN
)
_DEPT_MULTI_EN = (
    ("human", "resources"),
    ("public", "relations"),
    ("customer", "success"),
    ("customer", "service"),
    ("customer", "care"),
    ("social", "media"),
    ("business", "development"),
    ("prod", "house"),
    ("production", "house"),
    ("trade", "marketing"),
    ("kinh", "doanh"),  # Vietnamese: sales
    ("biz", "dev"),
    ("shared", "services"),
    ("customer", "support"),
    ("data", "science"),
    ("own", "brand"),  # a retailer's own-label team
    ("tiếp", "thị"),  # Vietnamese: marketing
    ("demand", "gen"),
    ("demand", "generation"),
    ("major", "donors"),
    ("major", "gifts"),
    ("individual", "giving"),
    ("employer", "branding"),
    ("alumni", "relations"),
    ("inside", "sales"),
    ("email", "marketing"),
    ("medical", "affairs"),
    ("investor", "relations"),
    ("public", "affairs"),
    ("regulatory", "affairs"),
    ("government", "relations"),
    ("live", "ops"),
    ("comercio", "exterior"),
    ("relations", "presse"),  # French: press relations
    ("front", "desk"),
    ("supply", "chain"),
    ("guest", "relations"),
)
# The points of the compass, after a unit: its region (Vertrieb Süd, Sales North)
_COMPASS = frozenset(
    _words(
        "north south east west central northeast northwest southeast southwest",
        "nord süd sud ost mitte norte sur este oeste utara selatan timur barat sul leste",
    )
)
# Titles of two words: giám đốc (Vietnamese: director)
# quản lý: (Vietnamese) a manager; capo reparto: (Italian) a department head
_ROLE_MULTI_EN = (
    ("giám", "đốc"),
    ("quản", "lý"),
    ("capo", "reparto"),
    ("capi", "reparto"),
    ("chargée", "de"),  # French: the one in charge of (chargée de projet)
    ("tour", "guide"),
    ("chargé", "de"),
)
# Units of two words, named like a team: chi nhánh (Vietnamese: branch)
# bộ phận: (Vietnamese) a department; cửa hàng: a store
_TEAM_MULTI_EN = (("chi", "nhánh"), ("bộ", "phận"), ("cửa", "hàng"), ("đại", "lý"))  # a dealer
_TEAM_WORDS_EN = frozenset(
    _words(
        "team department dept dept. division div div. group squad unit org mgmt management",
        "servicing headquarters hq équipe equipe equipo abteilung tribe pod guild chapter",
        "bu bg jabatan bahagian divisi tim departemen bagian phòng services office direction",
        "ufficio coe committee council service siège siege boutique showroom branch",
        "subcommittee sub-committee worldwide catering productions studios consulting store",
        "dirección direccion diretoria gerência gerencia niederlassung filiale afdeling",
        # Turkish, Polish, Portuguese: team, directorate, unit, channel, department, store
        "ekip ekibi müdürlüğü mudurlugu birimi departmanı departmani kanalı kanali",
        "dział dzial zespół zespol depto depto. departamento loja",
        "área area dpto dpto.",  # Spanish, Portuguese: an area, a department
        "region",  # North region: Vikram
        "reparto",  # Italian: a department
        "school faculty college institute",  # a university's: School of Law
        "lagerteam",  # German compounds ending in team are taught one by one
        "lob",  # a bank's line of business: Personal Banking LOB
        "partners",  # an agency named so: Finn Partners
        "timu idara",  # Swahili: team, department (Timu ya Masoko)
        "equipa direção direcao",  # Portuguese: a team, a directorate (Direção Comercial)
        "отдел отдела филиал магазин бөлімі команда цеха цех",  # Russian, Kazakh: department
        "büro tienda kilang bo'limi outlet teamet",  # German, Spanish, Malay, Uzbek, Swedish
        "winkel afdeling",  # Dutch: a shop, a department
        # Sales Centre, Osu shop, the Central World counter, Central Kitchen
        "centre center shop shops counter kitchen",
        "cawangan kedai",  # Malay: a branch, a shop
    )
)
_ROLE_WORDS_EN = frozenset(
    _words(
        "manager managers director directors lead leads head heads owner owners designer",
        "designers analyst analysts assistant specialist coordinator intern vp cmo ceo cfo",
        "coo cto pm pmo executive officer associate strategist copywriter editor planner",
        "founder co-founder cofounder",
        "gids hoofdgids",  # Dutch: a guide, the head guide
        "representative rep consultant engineer engineers staffer member members contact",
        "admin supervisor chief ae aes am ams kam bdm gm",
        "leiter leiterin directeur directrice responsable jefe jefa gerente trưởng counsel",
        "hoofd",  # Dutch: head of
        "founder co-founder cofounder chef leader leaders líder lider",
        "coordinador coordinadora coordenador coordenadora analista diretor diretora",
        "ejecutivo ejecutiva executivo executiva asistente assistente trainee",
        "estagiário estagiária estagiario estagiaria becario becaria practicante pasante",
        "pengurus eksekutif chair co-chair chairperson chairman chairwoman",
        "manajer yönetmen yönetmeni yonetmeni",  # Indonesian, Turkish: manager, director
        "secretary dermatologist nutritionist pharmacist physician",
        "photographer videographer broker realtor principal leitung teamleitung praktikant",
        "praktikantin",
        "merchandiser merchandisers redakteur redakteurin abteilungsleiter",
        "abteilungsleiterin länderleiter teamleiter teamleiterin projektleiter",
        "projektleiterin bereichsleiter bereichsleiterin vertriebsleiter marketingleiter",
        "responsabile referente direttore direttrice coordinatore coordinatrice",
        "referent referentin geschäftsführer geschäftsführerin sachbearbeiter",
        "sachbearbeiterin supervisors recruiters gerentes",
        # Turkish and Polish: manager, director, head, specialist, president
        "müdür mudur müdürü muduru yönetici yonetici yöneticisi yoneticisi uzmanı uzmani",
        "sorumlusu dyrektor prezes kierownik specjalista kepala",  # (Indonesian: head)
        "meneja",  # Swahili: a manager (Meneja wa Mauzo)
        "barista baristas capo capi dean deans provost professor winemaker",
        "werkstudent werkstudentin gf",  # German: a working student; Geschäftsführer
        "директор руководитель менеджер бренд-менеджер управляющий начальник",  # Russian titles
        "intendant divemaster instructor guide kommunikationschef",
        "q-grader roaster roasters chocolatier chocolatiers producteur productrice",
        "advisor advisors adviser enólogo enóloga enologo sommelier",
        "agent",  # a recruitment or sales agent: Agent: Kofi, Agent: AECC Global
        "ba",  # a beauty advisor (全体BA)
    )
)
_QUALIFIERS_EN = frozenset(
    _words(
        "event events campaign content project account channel senior junior sr sr. jr jr.",
        "deputy general regional social media creative community program programme product",
        "brand data marketing sales design growth key assistant associate country area",
        "market store city district global local partner field lifecycle corp corporate trade",
        "customer revenue demand projet projets visual technischer technische consumer",
        "dijital kurumsal cyfrowy",  # Turkish and Polish: digital, corporate
        "corporativa corporativo corporativas corporativos",  # Spanish: corporate
        "graphic motion ux ui web student students international alumni future prospective",
        "presales pre-sales kit club matchday toko cafe café beauty магазина dive",
    )
)
# Qualifiers that say what kind, not what: alone they name no unit
_ADJECTIVES_EN = frozenset(
    _words(
        "senior junior sr sr. jr jr. deputy general regional local global key assistant",
        "associate country area market store city district corp corporate",
        "project projet projets proyecto projeto account",
    )
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# What a cell says of a person's part, not who: 牵头, 协助, "(support)", "reviewer"
_DUTY_WORDS_ZH = frozenset(
    _words(
        "牵头 配合 协助 协同 支持 主导 主责 跟进 审核 审批 对接 主 辅 辅助 备份 抄送",
        "协办 主办 承办 支援 协调 把关 参与",
    )
)
# A duty after a name or unit, without a space: 王总审批, 财务部协办
_DUTY_AFTER = tuple(
    sorted((w for w in _DUTY_WORDS_ZH if len(w) > 1 and w != "主责"), key=lambda w: (-len(w), w))
)
_SKIP_WORDS_EN = frozenset(
    _words(
        "a an the our their my support backup reviewer approver cc informed consulted",
        "approve approval execute execution review sign-off signoff to by for internal",
        "in-house inhouse external outside side confirm check decide via",
        "externo externa externos terceirizado tercerizado luar el los las",
        "os ng mga",  # Portuguese "the", Tagalog particles: Todos os gerentes, Lahat ng recruiters
        "lah",  # (Malaysian English: everybody lah)
        "cùng làm phụ trách",  # Vietnamese: do together, in charge (Cả team cùng làm)
        "ownership",  # joint ownership – Marketing & Inside Sales
    )
)
# English departments and their Chinese names, to tell "市场部 (Marketing)" is one unit
_DEPT_SAME = {
    "市场": "marketing", "营销": "marketing", "市场营销": "marketing", "mktg": "marketing",
    "品牌": "brand", "branding": "brand", "公关": "pr", "public relations": "pr",
    "销售": "sales", "财务": "finance", "法务": "legal", "设计": "design", "电商": "ecommerce",
    "e-commerce": "ecommerce", "客服": "customer service", "人事": "hr", "人力": "hr",
    "人力资源": "hr", "human resources": "hr", "产品": "product", "运营": "operations",
    "ops": "operations", "数据": "data", "技术": "tech", "technology": "tech",
    "市场推广": "marketing", "行销": "marketing", "市务": "marketing", "用户增长": "growth",
    "finanzen": "finance", "finanzas": "finance", "comunicación": "communications",
    "产品市场": "pmm", "product marketing": "pmm",
    "内容": "content", "增长": "growth", "采购": "procurement", "研发": "r&d",
    "客户服务": "customer service", "cs": "customer service", "cx": "customer service",
    "客户关系": "crm", "客户关系管理": "crm", "広报": "pr", "広報": "pr",
    "pemasaran": "marketing", "mercadotecnia": "marketing", "bemarking": "marketing",
    "verkope": "sales",
    "revenue operations": "revops", "demand gen": "demand generation",
    "海外发行": "global publishing", "发行": "publishing",
    "品控": "qc", "quality control": "qc", "礼宾": "concierge", "版权": "licensing",
    "التسويق": "marketing", "المبيعات": "sales", "العمليات": "operations",
    "mauzo": "sales", "masoko": "marketing",
    "comex": "comercio exterior", "合规": "compliance",
    **_AGENCIES,
}  # fmt: skip
_DEPT_TAIL = re.compile(
    r"(?:事业部|部门|中心|团队|小组|部|组|\s+(?:team|department|dept\.?|division))$"
)
_HAN = HAN_CHARACTER


def _han_only(text: str) -> bool:
    """Whether `text` is written in Han characters alone (and is not empty). Checked
    through `_HAN`, compiled already: a class of every Han character costs a millisecond
    to compile, once in each pattern that holds one."""
    return bool(text) and not _HAN.sub("", text)


# (with Cyrillic: Russian and Kazakh owners are written as European ones are)
_LATIN_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ɏḀ-ỿЀ-ӿ][A-Za-zÀ-ÖØ-öø-ɏḀ-ỿЀ-ӿ'.\-&]*")
# "and", as Europe (y, et, und, e, i), Malaysia and Indonesia (dan), Vietnam (và), Hong
# Kong (同) and East Africa (na) write it; "Brand x Growth" as a collaboration is written.
# Those of one letter or two are words only in lower case: I, X and Na are names too.
_AND_ANY_CASE = ("and", "with", "plus", "y", "et", "und", "dan", "và", "e", "ve", "aur")
# (и: Russian; en: Dutch and Afrikaans; och: Swedish)
_AND_LOWER = ("x", "i", "na", "и", "en", "och")
_AND_WORDS = frozenset(_AND_ANY_CASE + _AND_LOWER)
_OWNER_SPLIT = re.compile(
    r"\s*(?:[、,;/|+\n()\[\]{}【】<>《》:]|(?<![A-Za-z])&|&(?![A-Za-z])|\s&\s"
    rf"|\s+-+\s+|(?<=[{_H}\uac00-\ud7a3*])-+|-+(?=[{_H}\uac00-\ud7a3*])|[—–~]+"
    # Only the words ignore case: a case-insensitive class of every Han character costs
    # 5 ms to compile, on every start. (ke saath, और: Hindi "with", "and")
    rf"|\s+(?i:{'|'.join(_AND_ANY_CASE)}|ke\s+saath|और)\s+|\s+(?:{'|'.join(_AND_LOWER)}|同)\s+"
    r"|×|以及)\s*",
)
_CN_AND = re.compile(r"[和与及跟]")
_SPACED_CN_AND = re.compile(r"\s+[和与及跟]\s+")
# A company's legal form after its name, in Latin letters (Inc., LLC, Ltda.)
_COMPANY_FORMS = frozenset(
    _words("inc llc ltd ltda limited gmbh plc corp pty bv ag srl sas s.a s.l s.r.l bhd")
)
# Words a company's name ends with, as a person's does not (Saracen Media, IDP Education)
_COMPANY_WORDS_EN = frozenset(
    _words(
        "media education consultants consultancy beverage beverages spirits global market",
        "logistics distributing",
    )
)
# The same, as teams abroad write them: Sales Manager (Penang), 烘焙工厂（Buôn Ma Thuột）
_CITIES_LATIN = frozenset(
    _words(
        "penang kl singapore jakarta bangkok manila cebu hcmc saigon hanoi bengaluru bangalore",
        "mumbai delhi pune chennai hyderabad hosur london leeds manchester toronto vancouver",
        "montreal sydney melbourne brisbane auckland dubai riyadh berlin munich paris",
        "shanghai beijing shenzhen guangzhou hangzhou chengdu taipei tokyo seoul nyc",
        "lagos abuja accra kumasi nairobi johannesburg cape town durban cairo casablanca",
        "indiranagar koramangala gurgaon gurugram noida kolkata ahmedabad surabaya bandung",
        "mombasa kisumu nakuru eldoret kampala kigali chandigarh lucknow jaipur kochi karachi",
        "lahore dhaka colombo kathmandu",
    )
) | {"kuala lumpur", "ho chi minh city", "da nang", "đà nẵng", "buôn ma thuột", "hong kong",
     "new york", "dar es salaam", "addis ababa"}  # fmt: skip
_CITIES_KO = frozenset(_words("서울 부산 인천 대구 대전 광주 울산 수원 평택 성남 판교 제주 창원"))
# A city after the last comma: Trade Marketing, Mombasa (where the unit works)
_TRAILING_CITY = re.compile(r"\s*[,，]\s*([^,，]+?)\s*$")
# A deadline in the owner column: 周五前交, 月底前给 (週五前, as Taiwan writes it)
_DEADLINE_ZH = re.compile(
    r"^(?:(?:周|週|星期|礼拜|禮拜)[一二三四五六日天]|月底|月初|[下本][周週]|明天|今天"
    r"|中秋|国庆|國慶|春节|春節|端午|元旦|双11|双十一|618|年底|年前|出货|出貨|发货|上线)(?:之?前)"
    r"|^(?:周|週|星期)[一二三四五六日天](?:上线|交|发|出)$"
    r"|^[^\s、,，/]{1,8}?之?前(?:完成|搞定|交付|交|给|发|上线)$"  # CES前完成: finish before CES
)
# 已报备, 已下单: something done, in the owner column (已 starts no name)
_DONE_ALREADY = re.compile(r"^已[\u3400-\u9fff]{1,4}$")
_BUREAU_ENDINGS = ("局", "厅", "委员会", "委", "署", "办公室")
# A status put in the owner column (已完成, Done): no name; "No" and "OK" may say nobody
_STATUS_WORDS = (
    frozenset(
        normalise_key(w)
        for w in (*_DONE, *_NOT_DONE, *_ABNORMAL)
        if (len(w) >= 2 and _HAN.search(w)) or (len(w) >= 4 and w.isalpha())
    )
    - _PLACEHOLDERS
    - {"amber", "green"}  # a RAG status in a status column, a first name in an owner's
)
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
# 待院长审批: waiting for someone's approval, a status
_IN_PROGRESS = re.compile(r"[^\x00-\x7f]{2,3}中")  # (non-ASCII for Han: see _AT_UNIT)
# Before or after a moment of the working day, typed where the owner goes: 下播后, 开会前
_AROUND_THE_WORKDAY = re.compile(r"(?:下播|开播|直播|下班|上班|开会|散会|开店|关店|打烊)[前后]")
_PENDING_ZH = re.compile(
    r"待\S{1,6}(?:审批|审核|确认|批准|批复|签字)$"
    # 按集团要求执行 (as the group requires): how, not who
    r"|^(?:按|按照|根据|依照|遵照)\S{1,8}(?:要求|规定|安排|通知|指示)"
)
# A weekday, in the languages the parser reads (typed in the owner column, it is a date)
_WEEKDAYS = CHINESE_WEEKDAYS | frozenset(
    _words(
        *(name.casefold() for name in _WEEKDAY_NAMES),
        "lundi mardi mercredi jeudi vendredi samedi dimanche",
        "montag dienstag mittwoch donnerstag freitag samstag sonntag",
        "senin selasa rabu kamis jumat sabtu",
        "thứhai thứba thứtư thứnăm thứsáu thứbảy chủnhật",
        "lunes martes miércoles jueves viernes sábado domingo",
        "segunda-feira terça-feira quarta-feira quinta-feira sexta-feira",
        "isnin khamis jumaat ahad 月曜日 火曜日 水曜日 木曜日 金曜日 土曜日 日曜日",
        "segunda terça terca quarta quinta sexta sabado",  # Portuguese, short (sábado: above)
        "pazartesi salı çarşamba perşembe cuma cumartesi",  # Turkish
        "poniedziałek wtorek środa czwartek piątek sobota niedziela",  # Polish
        "miyerkules huwebes biyernes",  # Tagalog (lunes, martes: as in Spanish, above)
    )
)
# Next, this, last: a weekday said relative to today (Isnin depan, próximo viernes)
_WEEK_RELATIVE = frozenset(
    _words(
        "next this last coming depan ini lalu próximo proximo que viene até ate by until",
        "eod cob eow",  # the end of a day, of business, of the week: EOD Fri
    )
)


def _is_weekday(text: str) -> bool:
    words = text.casefold().split()
    if normalise_key(text) in _WEEKDAYS:
        return True
    days = [w for w in words if w in _WEEKDAYS]
    return len(days) == 1 and all(w in _WEEK_RELATIVE or w in days for w in words)


# End of Ramadan, After Ramadan: a date in the owner column
_WHEN = re.compile(
    r"(?:(?:end|start|beginning|middle|mid)\s+of|after|before|bis|sebelum|selepas|antes\s+del?"
    r"|después\s+del?|efter|före|fin\s+de|finales\s+de|mwisho\s+wa|mwanzo\s+wa)\s"
    # a part of this month or year, with no month named: 月底, 年初 (when, not who)
    r"|(?:本|这个|這個|下个|下個)?(?:月|年|季度?)(?:底|初|中|末)(?:前|之前)?$",
    re.IGNORECASE,
)  # (bis Ende Februar, Sebelum Raya, antes del 15, fin de mes, mwisho wa mwezi: when)


def _is_part_of_a_month(text: str) -> bool:
    """akhir Mei, eind juli, Ende Juni: a part of a month, when rather than who."""
    words = text.casefold().split()
    return len(words) == 2 and words[0] in _MONTH_PART_WORDS and words[1].rstrip(".") in _MONTHS


# Channels a task runs on, put in the owner column by mistake
_CHANNELS = frozenset(
    normalise_key(w)
    for w in _words(
        "抖音 小红书 视频号 微信 公众号 朋友圈 微博 b站 哔哩哔哩 快手 知乎 淘宝 天猫 京东 拼多多",
        "douyin tiktok instagram instagramreels reels facebook youtube linkedin twitter x.com",
        "wechat weibo xiaohongshu rednote bilibili shopee lazada google googleads",
        "amazon tmall walmart ebay etsy shopify temu",  # the platforms a team sells on (not JD:
        # initials as often as 京东), and their ads; and the delivery apps
        "grab grabfood foodpanda deliveroo ubereats doordash gojek gofood shopeefood",
        "天猫国际 京东国际 考拉海购 抖音电商 抖店",
        "飞书群 微信群 钉钉群 企微群 企业微信群",  # a chat group: where, not who
        "metaads facebookads tiktokads linkedinads youtubeads bingads amazonads",
        "justgiving gofundme iproperty propertyguru mudah snapchat snapchatads openrice",
        "ig fb yt",  # Instagram, Facebook, YouTube as typed (IG + FB)
        "discord twitch steam reddit",  # where gamers are
        "nykaa flipkart myntra meesho ajio kickstarter indiegogo",
        "美团 饿了么 大众点评 美团外卖 口碑",  # the delivery and review platforms
    )
)
_ON_A_CHANNEL = ("page", "listing", "account", "channel", "ads", "ad", "post", "账号", "店铺")


def _is_channel(part: str) -> bool:
    """抖音, Meta ads, JustGiving page: where the task runs, not who runs it."""
    key = normalise_key(part)
    if key in _CHANNELS:
        return True
    words = part.split()
    return (
        len(words) == 2
        and words[1].casefold() in _ON_A_CHANNEL
        and (normalise_key(words[0]) in _CHANNELS)
    )


_MAX_OWNER_TEXT = 1000  # some hundred names; longer is prose pasted into the wrong column


class _Owners:
    """Accumulates one cell's owners, keeping order and dropping repeats."""

    def __init__(self) -> None:
        self.people: list[str] = []
        self.departments: list[str] = []
        self.roles: list[str] = []
        self.collective = False
        self._seen: set[tuple[str, str]] = set()

    def add(self, kind: str, value: str) -> None:
        value = value.strip()
        if not value:
            return
        key = (kind, normalise_key(value))
        if kind == "person" and value == "*":
            self.people.append(value)  # each redacted name is another person
            return
        if key in self._seen:
            return
        self._seen.add(key)
        getattr(self, {"person": "people", "dept": "departments", "role": "roles"}[kind]).append(
            value
        )

    def freeze(self) -> OwnerCell:
        units: list[str] = []
        seen: set[str] = set()
        for name in self.departments:  # 市场部 (Marketing), 品牌部 / Brand team: one unit
            stem = _unit_stem(name)
            same = _DEPT_SAME.get(stem, stem)
            if same not in seen:
                seen.add(same)
                units.append(name)
        return OwnerCell(tuple(self.people), tuple(units), tuple(self.roles), self.collective)


@lru_cache(maxsize=4096)  # a table names its few units on every row (OpenCC costs ~20 µs)
def _unit_stem(name: str) -> str:
    """市场部, Marketing Dept., Jabatan Pemasaran: the unit's name without its team word."""
    stem = _DEPT_TAIL.sub("", to_simplified(name).casefold()).strip()
    words = stem.split()
    while len(words) > 1 and (words[0] in _TEAM_WORDS_EN or words[0] in _OF_WORDS):
        words.pop(0)  # Jabatan Pemasaran, Equipo de Marca
    return " ".join(words)


@lru_cache(maxsize=1)
def _nickname() -> re.Pattern[str]:
    """小李, 老王, 阿杰: what colleagues call one another. Compiled on first use, as the other
    patterns with large classes of Han characters (a fraction of a millisecond each)."""
    return re.compile(rf"[小老][{''.join(sorted(_SURNAMES_1 - {'小', '老'}))}]|阿[{_H}]")


def _is_surname_led(word: str) -> bool:
    return word[:2] in _SURNAMES_2 or word[:1] in _SURNAMES_1


@lru_cache(maxsize=1)
def _japanese_surnames() -> frozenset[str]:
    """Common Japanese family names, in the simplified forms the parser compares (山本,
    高桥): 山本健太 and 高橋 美咲 are one person each. Made on first use (OpenCC)."""
    return frozenset(
        to_simplified(name)
        for name in _words(
            "佐藤 鈴木 高橋 田中 伊藤 渡辺 渡邊 山本 中村 小林 加藤 吉田 山田 佐々木 山口 松本",
            "井上 木村 斎藤 斉藤 清水 山崎 池田 橋本 阿部 石川 山下 中島 石井 小川 前田 岡田",
            "長谷川 藤田 後藤 近藤 村上 遠藤 青木 坂本 福田 太田 西村 藤井 金子 岡本 藤原 中野",
            "三浦 原田 中川 松田 竹内 小野 田村 中山 和田 石田 森田 上田 内田 柴田 酒井 宮崎",
            "横山 高木 安藤 宮本 大野 小島 谷口 今井 工藤 高田 増田 丸山 杉山 村田 大塚 新井",
            "小山 平野 藤本 河野 上野 野口 武田 松井 千葉 岩崎 菅原 木下 久保 佐野 野村 松尾",
            "市川 菊地 杉本 古川 大西 島田 水野 桜井 高野 吉川 山内 西田 飯田 菅野 北村 森本",
        )
    )


def _looks_like_name(word: str) -> bool:
    """张三, 王小明, 欧阳娜娜 — or a lone surname, as "Marketing — Zhang" uses one."""
    if word in _japanese_surnames():
        return True  # 佐々木: with its repeat mark, not a Han character
    if 2 <= len(word) <= 5 and _han_only(word):
        return len(word) <= 3 or (
            (len(word) == 4 and _is_surname_led(word))
            or any(word[:n] in _japanese_surnames() for n in (2, 3))
        )
    given, dot, family = word.partition("·")
    if dot and 1 <= len(given) <= 6 and 1 <= len(family) <= 8 and _han_only(given + family):
        return True  # 买买提·艾力
    return len(word) == 1 and word in _SURNAMES_1


@lru_cache(maxsize=1)
def _dept_prefix_of_two() -> re.Pattern[str]:
    """`_DEPT_PREFIX` with a name of two characters or more, for the rare cell whose
    shortest reading is no department (外部公关公司 is no 外部 + 公关公司)."""
    return re.compile(_dept_prefix_pattern(2))


def _strip_dept_prefix(simple: str, m: re.Match[str] | None = None) -> int:
    """Length of the department at the start of ``simple`` ("市场部经理" → 3), or 0."""
    m = m or _LATIN_DEPT_PREFIX.match(simple) or _DEPT_PREFIX.match(simple)
    if not m:
        return 0
    stem, suffix = m[1], m[2]
    known = stem in _DEPT_WORDS_ZH or stem.casefold() in _DEPT_WORDS_EN or stem in _ROLE_SET_ZH
    tail = simple[m.start(2) :]
    if any(tail.startswith(r) and len(r) > len(suffix) for r in _ROLE_WORDS_ZH):
        # 设计组长, 市场部长: the suffix begins a title
        return len(stem) if known else 0
    if not known:
        if len(stem) < 2 and stem not in _NUMBERED_STEM:
            # 全部, 总部, 张科: one character is no department name — but 外部公关公司 is
            # one with a longer name
            longer = _dept_prefix_of_two().match(simple)
            return _strip_dept_prefix(simple, longer) if longer else 0
        length = len(stem) + len(suffix)
        if (
            suffix in _NAME_LIKE_SUFFIX
            and _is_surname_led(stem)
            # (three characters only with 科: 张小科 is a name, 文物局 and 税务处 are units)
            and length <= (4 if stem[:2] in _SURNAMES_2 else 3 if suffix == "科" else 2)
        ):
            return 0  # 张小科, 欧阳明科: a person, not a section
    end = m.end()
    for unit in _UNIT_TAILS:  # 品牌公关部: the company word 公关, then the unit
        if simple.startswith(unit, end) and not any(
            simple.startswith(role, end) for role in _ROLE_WORDS_ZH if len(role) > len(unit)
        ):  # (not 私域运营组组长: 组长 is a title)
            end += len(unit)
            break
    while True:  # a sub-unit right after: 市场部活动组, 设计中心·视觉组 are one department
        start = end + (simple[end : end + 1] in ("·", "・"))
        nxt = _DEPT_PREFIX.match(simple[start:])
        if not nxt or len(nxt[1]) < 2:
            break
        sub_tail = simple[start + nxt.start(2) :]
        if any(sub_tail.startswith(r) and len(r) > len(nxt[2]) for r in _ROLE_WORDS_ZH):
            break
        end = start + nxt.end()
    return end


def _role_ending(simple: str) -> str | None:
    for role in _ROLE_WORDS_ZH:
        if simple.endswith(role):
            return role
    return None


def _classify_cjk(word: str, acc: _Owners) -> bool:
    """One run without spaces or separators holding Chinese (and perhaps Latin or *)."""
    if word[0] == "阿" and word[1:].isascii() and word[1:].istitle() and word[1:].isalpha():
        acc.add("person", word)  # 阿May: as 阿强, a name said familiarly
        return True
    simple = to_simplified(word)
    if len(simple) != len(word):
        word = simple
    if _is_channel(simple):
        return True  # 飞书群 @所有人, 抖音 小美: where, beside who (channels alone are refused)
    if "负责" in simple and not simple.endswith("负责人"):
        # 市场部*负责渠道投放: "负责" is the verb; what follows is the duty
        cut = simple.index("负责")
        if cut == 0:  # 负责 alone names nobody; 负责推进KOL投放 is a sentence, not a name
            return simple[2:] in ("", *_DUTY_WORDS_ZH)
        word, simple = word[:cut], simple[:cut]
    end = _strip_dept_prefix(simple)
    if end and simple[end:] in _DEPT_WORDS_ZH and simple[end:] not in _PARTIES_ZH:
        end = len(simple)  # 欧洲站运营, 华东区市场: the unit's team for that work
    if end:
        if normalise_key(simple[:end]) not in _GENERIC_GROUPS:
            acc.add("dept", word[:end])
        word, simple = word[end:].lstrip("·・"), simple[end:].lstrip("·・")  # 会员中心·冯雨桐
        if not word:
            return True
    return _classify_rest(word, simple, acc)


def _classify_rest(word: str, simple: str, acc: _Owners) -> bool:
    key = normalise_key(simple)
    if key in _PLACEHOLDERS or key in _GENERIC_GROUPS or simple in _DUTY_WORDS_ZH:
        return True
    acronym = _ACRONYM_BEFORE.match(simple)
    if acronym and not _is_unit_or_title_en(acronym[0].casefold()):
        rest = simple[acronym.end() :]
        if rest in _DUTY_WORDS_ZH:
            return True  # KOL对接: a duty about something, not a name
        if _role_ending(rest) == rest:
            acc.add("role", word)  # KOL对接人, SEO专员: a title, not a name and a title
            return True
        if _role_ending(rest):  # SEO内容经理: 内容 + 经理, about SEO
            return _classify_rest(word[acronym.end() :], rest, acc)
    for duty in _DUTY_AFTER:
        if simple.endswith(duty) and len(simple) > len(duty):
            if _is_channel(simple[: -len(duty)]):
                return True  # 京东对接: the work on a channel, a label before its person
            return _classify_cjk(word[: len(word) - len(duty)], acc)  # 王总审批: 王总
    if simple in ("某某", "某人"):
        acc.add("person", "*")  # 销售部某某: a redacted name, as "*" is
        return True
    if "*" in simple:
        titled = re.fullmatch(rf"([{_H}]{{1,2}})\*+([{_H}]+)", simple)
        if titled and _is_surname_led(titled[1]) and titled[2] in _ROLE_SET_ZH:
            acc.add("person", word)  # 王*主管: one person, a title after the redacted name
            return True
        bare = simple.replace("*", "")
        if re.fullmatch(rf"[{_H}]{{1,2}}\*+|\*+[{_H}]{{1,2}}", simple) and not (
            _role_ending(bare) or bare in _DEPT_WORDS_ZH
        ):
            acc.add("person", word)  # 张* / *三: a redacted given name or surname
            return True
        acc.add("person", "*")  # 市场部*经理: the seed's redacted name
        pieces = [p for p in re.split(r"\*+", word) if p]
        return all(_classify_cjk(p, acc) for p in pieces)
    if not _HAN.search(simple):
        return _classify_english(word.split(), acc)
    if _GLUED_PERSON.fullmatch(simple):
        acc.add("person", word)  # Kelly张, Tony老师, 黄sir: one person in two scripts
        return True
    if _is_platform_team(simple):
        acc.add("dept", word)  # Amazon运营, 天猫运营: a platform's team, one unit
        return True
    if re.search(r"[A-Za-z]", simple):
        # 市场部Alice, Alice市场部: read each script on its own
        pieces = re.findall(r"[A-Za-z][A-Za-z'.\-]*|[^A-Za-z]+", word)
        return all(_classify_cjk(p, acc) for p in pieces)
    if simple in _ROLE_SET_ZH:
        acc.add("role", word)
        return True
    for title in _ROLE_WORDS_ZH:  # 主播小美, 场控阿杰: a title, then the person's name
        rest = simple[len(title) :]
        if (
            simple.startswith(title)
            and rest
            and (_nickname().fullmatch(rest) or (_is_surname_led(rest) and _looks_like_name(rest)))
        ):
            acc.add("person", word[len(title) :])
            return True
    role = _role_ending(simple)
    if role:
        head = simple[: -len(role)]
        if (
            head in _SURNAMES_1
            or head in _SURNAMES_2
            or head in _japanese_surnames()
            or _nickname().fullmatch(head)
        ):
            acc.add("person", word)  # 王经理, 张总: a particular person
            return True
        if any(
            head.endswith(dept_word) and len(head) > len(dept_word)
            for dept_word in _DEPT_WORDS_ZH_LONGEST
        ):
            acc.add("dept", word[: len(head)])  # 分公司市场专员 → 分公司市场 + 专员
            acc.add("role", word[len(head) :])
            return True
        for dept_word in _DEPT_WORDS_ZH_LONGEST:
            if head.startswith(dept_word):
                n = len(dept_word)
                acc.add("dept", word[:n])  # 数据分析师 → 数据 + 分析师
                acc.add("role", word[n:])
                return True
        if head and _strip_dept_prefix(head) == len(head):
            acc.add("dept", word[: len(head)])  # 中东区负责人 → 中东区 + 负责人
            acc.add("role", word[len(head) :])
            return True
        acc.add("role", word)  # 活动负责人, 高级经理
        return True
    if _is_two_unit_words(simple):
        acc.add("dept", word)  # 社区运营, 日本发行: a market's or a function's team
        return True
    if simple in _DEPT_WORDS_ZH or (simple.startswith(_PARTY_PREFIXES) and len(simple) <= 6):
        acc.add("dept", word)  # 外包设计, 第三方摄影: an outside party by its trade
        return True
    if _looks_like_name(simple):
        acc.add("person", word)
        return True
    return False


_ACRONYM_BEFORE = re.compile(r"[A-Z]{2,5}(?=[^\x00-\x7f])")


def _is_unit_zh(simple: str) -> bool:
    """A Chinese unit, by its suffix or its words (市场部, 市场, 社区运营, 天猫运营)."""
    return bool(
        _strip_dept_prefix(simple)
        or simple in _DEPT_WORDS_ZH
        or _is_two_unit_words(simple)
        or _is_platform_team(simple)
    )


def _is_two_unit_words(simple: str) -> bool:
    return any(
        simple[n:] in _DEPT_WORDS_ZH and simple[:n] in _DEPT_WORDS_ZH
        for n in range(2, len(simple) - 1)
    ) and not any(party in simple for party in _PARTIES_ZH)


def _is_platform_team(simple: str) -> bool:
    """Amazon运营, 天猫运营, 抖音电商: a platform the company sells on, then a unit word."""
    latin = re.match(r"[A-Za-z]+", simple)
    cuts = ((latin.end(),) if latin else ()) + tuple(range(2, min(len(simple), 5)))  # B站
    return any(
        normalise_key(simple[:n]) in _CHANNELS
        and (simple[n:] in _DEPT_WORDS_ZH or _strip_dept_prefix(simple[n:]) == len(simple) - n)
        for n in cuts
    )


_NUMBERED = re.compile(r"[A-Za-z]{0,3}[0-9]{1,4}[A-Za-z]{0,3}")


def _is_unit_or_title_en(word: str) -> bool:
    return any(
        word in vocabulary
        for vocabulary in (_DEPT_WORDS_EN, _TEAM_WORDS_EN, _ROLE_WORDS_EN, _QUALIFIERS_EN)
    )


def _hyphenated_unit(pieces: list[str]) -> int:
    """How many of a token's hyphen-joined pieces make a unit or title written with a
    hyphen (E-commerce, Co-founder) before a name; 0 when none does."""
    for cut in range(2, len(pieces)):
        word = "-".join(pieces[:cut]).casefold()
        if word in _DEPT_WORDS_EN or word in _ROLE_WORDS_EN:
            return cut
    return 0


def _classify_english(tokens: list[str], acc: _Owners) -> bool:
    """Words of one English part: departments, job titles and names, in any order."""
    split: list[str] = []
    for token in tokens:
        token = token.strip(",")
        pieces = token.split("-")
        if (token.casefold() in _ROLE_WORDS_EN or token.casefold() in _DEPT_WORDS_EN) and not any(
            p.casefold() in _DEPT_WORDS_EN for p in pieces
        ):
            split.append(token)  # Co-founder: one title (бренд-менеджер names the brand unit)
        elif len(pieces) > 2 and (cut := _hyphenated_unit(pieces)):
            split.extend(["-".join(pieces[:cut]), "-".join(pieces[cut:])])  # E-commerce-Alice
        elif len(pieces) > 1 and any(
            p.casefold() in _DEPT_WORDS_EN or p.casefold() in _ROLE_WORDS_EN for p in pieces
        ):
            split.extend(p for p in pieces if p)  # Marketing-Zhang, but not Jean-Luc
        elif token:
            split.append(token)
    if not split:
        return True  # (飞书群 @所有人: nothing left once the group was read)
    if len(split) == 1 and normalise_key(split[0]) in _CHANNELS:
        return True  # Kickstarter 众筹组: the team's platform, beside the team
    tokens = split
    words = [t.casefold() for t in tokens]
    # A team's or an agency's name may hold a number (K2 Agency, Loja 12, Team 7); a
    # person's may not, nor may a goal pasted here ("2026 brand refresh")
    unit_words = [w in _TEAM_WORDS_EN or w in _PARTIES_EN for w in words]
    kinds: list[str] = []
    for index, (token, word) in enumerate(zip(tokens, words, strict=True)):
        if _EMAIL.fullmatch(token):
            kinds.append("person")
        elif (
            len(tokens) <= 4
            and _NUMBERED.fullmatch(token)
            and any(unit_words[max(index - 2, 0) : index + 3])
        ):
            kinds.append("person")  # read with the unit word beside it, as a name is
        elif word in _SEGMENTS and kinds[-1:] in (["dept"], ["team"]):
            kinds.append("skip")  # Sprzedaż B2B: whom the unit sells to
        elif word in _DEPT_WORDS_EN:
            kinds.append("dept")  # (MarCom, D2C: a unit's word, whatever its shape)
        elif not _LATIN_WORD.fullmatch(token):
            return False
        elif (word in _TEAM_WORDS_EN and (word not in ("bu", "bg") or token.isupper())) or (
            word == "time" and words[index + 1 : index + 2] in (["de"], ["do"], ["da"])
        ):  # (Time de CRM: a team, in Portuguese)
            # (BU, BG: business units; Bu Sari is Mrs Sari in Indonesia)
            kinds.append("team")
        elif word in _ROLE_WORDS_EN:
            kinds.append("role")
        elif word in _QUALIFIERS_EN:
            kinds.append("qual")
        elif (
            normalise_key(word) in _PLACEHOLDERS
            or (word in _SKIP_WORDS_EN and token == word)
            or (word in _REGIONS_EN and (token.isupper() or len(word) > 3))
        ):  # (a market's code in capitals: "de" in María de la Cruz is no Germany)
            # lower case only: "A / B" names two people, "a Finance analyst" nobody yet
            kinds.append("skip")
        else:
            kinds.append("person")
    for j in range(len(tokens) - 1):  # customer success, bộ phận: before the prose check
        pair = (words[j], words[j + 1])
        if pair in _DEPT_MULTI_EN:
            kinds[j] = kinds[j + 1] = "dept"
        elif pair in _ROLE_MULTI_EN:
            kinds[j] = kinds[j + 1] = "role"
        elif pair in _TEAM_MULTI_EN:
            kinds[j] = kinds[j + 1] = "team"
    if _is_prose(tokens, kinds):
        return False
    if words in (["hq"], ["headquarters"], ["siège"], ["siege"]):
        kinds = ["dept"]  # alone, not a team word after a unit (Marketing HQ)
    for j in range(1, len(tokens) - 1):  # Gerente de Marca, Equipo de Marca: "of"
        if tokens[j] in _OF_WORDS and kinds[j - 1] in ("role", "team"):
            kinds[j] = "skip"
            if kinds[j + 1] == "qual" and words[j + 1] not in _ADJECTIVES_EN:
                kinds[j + 1] = "dept"  # Coordinador de Trade: the function after "of"
            elif (
                kinds[j + 1] == "person"
                and kinds[j - 1] == "role"
                and (tokens[j + 1].islower() or len(tokens) == j + 2 > 2)
                and words[j + 1] not in _GIVEN_NAMES_EN
            ):  # Responsable de eventos, Diretor de Hotel, Broker of Record: one title
                kinds[j] = kinds[j + 1] = "role"
    for j in range(len(kinds) - 1):  # South Asia, North America: a market, as Asia is
        if words[j] in _COMPASS and kinds[j + 1] == "skip" and words[j + 1] in _REGIONS_EN:
            kinds[j] = "skip"
    for j in range(1, len(kinds)):  # Vertrieb Süd, Sales North: the unit of a region
        if words[j] in _COMPASS and kinds[j - 1] in ("dept", "qual"):
            kinds[j - 1] = kinds[j] = "dept"
    for j in range(len(tokens) - 1, 0, -1):  # Aviation partnerships, Retail ops: one unit
        if kinds[j] == "dept" and tokens[j][:1].islower() and kinds[j - 1] == "person":
            kinds[j - 1] = "dept"
    if all(kind == "qual" for kind in kinds) and words[-1] not in _ADJECTIVES_EN:
        kinds[-1] = "dept"  # "Trade – Hemi & Kate", "Events": a function named alone
    for j in range(len(kinds) - 2, -1, -1):  # "event owner", "senior designer"
        if kinds[j] == "qual" and kinds[j + 1] in ("role", "dept"):
            kinds[j] = kinds[j + 1]  # and "Partner Marketing", "Field Marketing": one unit
        elif kinds[j] == "team" and kinds[j + 1] == "role" and j == 0:
            kinds[j] = "role"  # Team leader, Office manager: a title
    if kinds == ["person", "role"] and tokens[1].islower() and words[0] not in _GIVEN_NAMES_EN:
        kinds[0] = "role"  # Launch coordinator, Influencer manager: a title, lower case after
    if tokens == ["Tim"]:
        kinds[0] = "person"  # the name Tim (Indonesian "Tim Kreatif" is a team, "Tim" alone no)
    for j in range(len(kinds) - 1):  # "Team Alpha", "Équipe communication", "Tim Kreatif"
        team_like = kinds[j] == "team" or (words[j] in _PARTIES_EN and kinds[j + 1] == "person")
        if team_like and (j == 0 or kinds[j - 1] not in ("dept", "person")):  # agency BeeKOL
            k = j + 1
            while k < len(kinds) and k <= j + 3 and _names_the_unit(kinds[k], words[k]):
                k += 1
            if k > j + 1:
                kinds[j:k] = ["dept"] * (k - j)
    if (
        len(kinds) > 2
        and words[-1] in _PARTIES_EN
        and all(kind in ("person", "dept", "qual") for kind in kinds[:-1])
        and all(token[:1].isupper() for token in tokens[:-1])
    ):
        kinds[:] = ["dept"] * len(kinds)  # Savanna Creative Agency: the agency's whole name
    if (
        len(tokens) > 1
        and words[-1] in _COMPANY_WORDS_EN
        and all(token[:1].isupper() for token in tokens)
        and "role" not in kinds
        and words[0] not in _GIVEN_NAMES_EN  # (Ben Global: Ben, of the Global team)
    ):
        kinds[:] = ["dept"] * len(kinds)  # AECC Global, Young's Market: a company by its name
    if len(tokens) > 1 and words[-1].rstrip(".") in _COMPANY_FORMS:
        kinds[:] = ["dept"] * len(kinds)  # Sandstone Media LLC, Estúdio Gira Filmes Ltda.
    if 1 < len(tokens) <= 4 and words[0] in _AGENCIES_EN and all(t[:1].isupper() for t in tokens):
        kinds[:] = ["dept"] * len(kinds)  # Publicis Riyadh, DHL Global Forwarding: one of its arms
    if (
        len(tokens) > 1
        and tokens[0] in ("PT", "CV", "ТОО", "ООО", "АО", "ИП")
        and all(
            t[:1].isupper() or w in _PARTIES_EN for t, w in zip(tokens[1:], words[1:], strict=True)
        )
    ):
        # PT Kreasi Digital Nusantara, ТОО Астана Трейд: an Indonesian, a Kazakh company
        kinds[:] = ["dept"] * len(kinds)
    for j in range(1, len(kinds)):  # "Growth team", "Alpha team", "KOL agency"
        team_like = kinds[j] == "team" or words[j] in _PARTIES_EN
        if team_like and kinds[j - 1] == "skip" and words[j - 1] in _REGIONS_EN:
            kinds[j - 1] = "person"  # Korea team, SG office, Japan HQ: a market's unit
        if team_like and kinds[j - 1] in ("dept", "person", "qual", "role", "team"):  # CEO Office
            k = j - 1
            joined = kinds[j - 1]
            while k >= 0 and kinds[k] == joined:
                kinds[k] = "dept"
                k -= 1
            kinds[j] = "dept"
    for j in range(len(kinds) - 2, -1, -1):  # chi nhánh HCM: both words of the unit
        if kinds[j] == "team" and kinds[j + 1] == "dept":
            kinds[j] = "dept"
    if len(kinds) > 1 and all(kind == "team" for kind in kinds):
        kinds[:] = ["dept"] * len(kinds)  # Showroom team: a unit named by its team words
    j = 0
    while j < len(tokens):
        kind = kinds[j]
        k = j
        while k < len(tokens) and kinds[k] == kind:
            k += 1
        phrase = " ".join(tokens[j:k])
        if kind in ("person", "dept", "role") and normalise_key(phrase) not in _GENERIC_GROUPS:
            acc.add(kind, phrase)
        j = k
    return True


_GLUED_PERSON = re.compile(
    r"[小老阿][A-Z]{1,2}"  # 小K, 老K: a nickname by a letter
    rf"|[A-Za-z]{{2,}}(?:[{''.join(sorted(_SURNAMES_1))}]|老师|总|姐|哥|经理|老板)"
    rf"|[{''.join(sorted(_SURNAMES_1))}](?:sir|madam|sifu)",
    re.IGNORECASE,
)
# A market after a team's name (Trade Marketing DE, Growth APAC): where, not who
_REGIONS_EN = frozenset(
    _words(
        "de uk us eu apac emea sea cn hk sg tw jp kr fr na latam anz mena dach nordics my th",
        "vn id ph au nz iberia benelux france germany italy spain china japan korea",
        "in mea apj gcc ksa uae india brasil brazil mexico mx br australia canada singapore",
        "malaysia thailand vietnam indonesia philippines taiwan europe asia chine japon",
        "nl be at ch se dk fi pl pt ie es tr sa eg ng ke za il ar cl co pe nordic ct jhb kina",
        "africa america americas oceania usa ee.uu. ee.uu",  # (South Asia: see the compass)
    )
)
_SEGMENTS = frozenset(_words("b2b b2c d2c dtc b2b2c"))
# ("so", "ap": s/o and a/p, "son of" in Malaysian and Singaporean names)
_NAME_PARTICLES = frozenset(_words("van der de la le von da di du bin binti al el dos so do ap"))


# ya, wa: Swahili; по: Russian (Менеджер по маркетингу)
_OF_WORDS = frozenset(_words("de del di du des der da of ya wa по"))


def _names_the_unit(kind: str, word: str) -> bool:
    """After a team word, what names the team: Team Alpha, équipe Chine (a market)."""
    return kind in ("dept", "person") or (
        kind == "skip" and (word in _REGIONS_EN or word in _OF_WORDS)
    )


def _is_prose(tokens: list[str], kinds: list[str]) -> bool:
    """Words read as one name that are a sentence ("Needs approval before Friday"):
    names are capitalised, but for particles (van der, de la)."""
    lower = [
        t
        for t, k in zip(tokens, kinds, strict=True)
        if k in ("person", "skip") and t[:1].islower() and t.casefold() not in _NAME_PARTICLES
    ]
    named = kinds.count("person") + kinds.count("skip") + kinds.count("role")
    return named >= 4 and len(lower) >= 2  # (Agent briefing for PropNex: a title, then prose)


# "Germany & France teams", "Puchong & Cheras branches": one unit word for each name
_SHARED_UNIT = re.compile(
    r"\b([A-Z][\w-]*)\s*(?:&|\band\b|/)\s*([A-Z][\w-]*)\s+(team|office|branch|store|market)e?s\b"
)


def _split_parts(text: str) -> list[str]:
    text = _SHARED_UNIT.sub(r"\1 \3, \2 \3", text)
    parts: list[str] = []
    for part in _OWNER_SPLIT.split(re.sub(r"\s+(?=@\w)", ", ", text)):  # @amy @kevin
        part = part.strip()
        part = part.rstrip("?？。!！").strip() or part  # 周倩?, 王芳。: the name all the same
        part = _STAND_IN_PART.sub(r"\1", part)
        if not part:
            continue
        if "・" in part and all(
            _looks_like_name(to_simplified(side)) for side in part.split("・")
        ):  # 佐藤・鈴木: the Japanese middle dot lists names (买买提·艾力 is one name)
            parts.extend(part.split("・"))
            continue
        # 张三和李四, 市场部与销售部: split on 和/与/及 when both sides are 2+ characters
        pieces = _CN_AND.split(part) if _HAN.search(part) else [part]
        if len(pieces) > 1 and all(len(p.strip()) >= 2 for p in pieces) and not _one_bureau(pieces):
            parts.extend(p.strip() for p in pieces)
        else:
            parts.append(part)
    return parts


def _in_latin_letters(text: str) -> bool:
    """Written in the Latin alphabet, accents and all (Finanças, Satış): Vendas / Finanças
    are two units, 品牌處 / Brand Office one in two scripts."""
    return all(ord(char) < 0x250 or 0x1E00 <= ord(char) <= 0x1EFF for char in text)


def _one_agency(han: str, latin: str) -> bool:
    """李奥贝纳 / Leo Burnett, 蓝色光标 / BlueFocus: one agency, by its Chinese and its
    English name."""
    return _AGENCIES.get(to_simplified(han)) == " ".join(latin.casefold().split())


def _an_agency_and_another(first: str, second: str) -> bool:
    """Équipe Digital / 奥美: an agency beside a unit that is not its other name (奥美 /
    Ogilvy is one agency)."""
    for han, latin in ((first, second), (second, first)):
        english = _AGENCIES.get(to_simplified(han))
        if english is not None:
            return english != latin.casefold()
    return False


def _one_bureau(pieces: list[str]) -> bool:
    """市文化广电和旅游局, 住房和城乡建设局: a government body whose name holds 和 — the
    words before it are no unit of their own (市场部和销售部 are two)."""
    last = to_simplified(pieces[-1].strip())
    return last.endswith(_BUREAU_ENDINGS) and not any(
        _is_unit_zh(to_simplified(p.strip())) for p in pieces[:-1]
    )


_HANDLE = re.compile(r"@[A-Za-z][\w.\-]*_[\w.\-]*")


def _read_part(part: str, acc: _Owners) -> bool:
    if normalise_key(part) in _PLACEHOLDERS:
        return True
    if _EMAIL.fullmatch(part) or _HANDLE.fullmatch(part):
        acc.add("person", part.lstrip("@"))  # (@Kevin_Amazon, @yuna_rnd: a chat handle)
        return True
    if (
        part.startswith("@")
        and " " not in part
        and _HAN.search(part)
        and not _is_unit_zh(to_simplified(part[1:]))
        and not _is_channel(part[1:])
    ):
        acc.add("person", part[1:])  # @广州小鹿酱: a creator's handle, whatever it holds
        return True
    part = part.lstrip("@").strip()
    chunks = [c.lstrip("@") for c in part.split()]
    i = 0
    while i < len(chunks):
        chunk = chunks[i]
        if (
            not chunk.isascii()
            and _HANGUL_FIRST <= chunk[-1] <= _HANGUL_LAST
            and not _in_other_script(chunk)
            and _is_unit_in_other_script(chunk)
        ):
            acc.add("dept", chunk)  # CM팀: a unit named in Latin letters, then Hangul
            i += 1
            continue
        if _in_spaced_script(chunk):
            j = i + 1
            while j < len(chunks) and _in_spaced_script(chunks[j]):
                j += 1
            if not _classify_spaced_script(chunks[i:j], acc):  # أحمد الحربي: one person
                return False
            if i == 0 and j < len(chunks) and _one_latin_person(chunks[j:]):
                break  # عمر حداد Omar Haddad: the same person in Latin letters
            i = j
            continue
        if _in_other_script(chunk):
            if chunk in _KO_FAMILY_NAMES and i + 1 < len(chunks) and chunks[i + 1] in _KO_TITLES:
                acc.add("person", f"{chunk} {chunks[i + 1]}")  # 박 과장: Manager Park
                i += 2
                continue
            if not _classify_other_script(chunk, acc, i > 0 and _is_name_chunk(chunks[i - 1])):
                return False
            i += 1
            continue
        if _HAN.search(chunk) or "*" in chunk:
            if i + 1 < len(chunks) and _name_in_two_chunks(chunk, chunks[i + 1]):
                acc.add("person", f"{chunk} {chunks[i + 1]}")  # 高橋 美咲, 陳 大文
                i += 2
                continue
            if not _classify_cjk(chunk, acc):
                return False
            i += 1
            continue
        j = i
        while j < len(chunks) and not (
            _HAN.search(chunks[j])
            or "*" in chunks[j]
            or _in_other_script(chunks[j])
            or _in_spaced_script(chunks[j])
        ):
            j += 1
        latin = chunks[i:j]
        if j < len(chunks) and _in_spaced_script(chunks[j]) and i == 0:
            # Omar Haddad عمر حداد: one person, when the Latin words name one and no more
            alone = _Owners()
            if not _classify_english(latin, alone):
                return False
            for kind, values in (
                ("person", alone.people),
                ("dept", alone.departments),
                ("role", alone.roles),
            ):
                for value in values:
                    acc.add(kind, value)
            if _names_one_person(alone):
                while j < len(chunks) and _in_spaced_script(chunks[j]):
                    j += 1
            i = j
            continue
        if (
            j < len(chunks)
            and len(latin) == 1
            and latin[0].casefold() in _TEAM_WORDS_EN
            and _HAN.search(chunks[j])
        ):
            acc.add("dept", f"{latin[0]} {chunks[j]}")  # Boutique 恒隆: a store by its mall
            i = j + 1
            continue
        if j < len(chunks) and _given_name_and_surname(latin[-1], chunks[j]):
            acc.add("person", f"{latin.pop()} {chunks[j]}")  # Kelly 张: one person
            j += 1
        if latin and not _classify_english(latin, acc):
            return False
        i = j
    return True


_KO_TITLES = frozenset(
    _words(
        "팀장 부장 과장 차장 대리 사원 실장 이사 상무 전무 사장 대표 매니저 주임 본부장 센터장",
        "담당자 담당 선임 책임 연구원",  # senior, principal, researcher
    )
)
# Korean family names, one syllable: 박 과장, 최 대리 (a family name, a space and a title)
# name one person
_KO_FAMILY_NAMES = frozenset(
    "김이박최정강조윤장임한오서신권황안송류유전홍고문양손배백허남심노하곽성차주우구민진"
    "지엄채원천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예경봉"
)
# Notes in brackets on a person's part: (주) main, (부) second, (보조) support
_KO_DUTY_NOTES = frozenset(_words("주 부 정 보조 지원 메인 서브 백업"))
_TH_PERSON = "คุณ"  # Khun: Mr, Ms — a name follows
# Thai titles written before the unit they head: ผู้จัดการฝ่ายขาย, the sales manager
_TH_TITLES = ("ผู้จัดการ", "หัวหน้า", "ผู้อำนวยการ")


_HANGUL_FIRST, _HANGUL_LAST = "\uac00", "\ud7a3"
_HANGUL = f"{_HANGUL_FIRST}-{_HANGUL_LAST}"


@lru_cache(maxsize=1)
def _other_scripts() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(a chunk in Hangul, Thai or kana; a Korean unit; a Thai unit): compiled on first
    use, as most tables never hold these scripts."""
    return (
        re.compile(rf"[{_HANGUL}\u0e00-\u0e7f\u3040-\u30ff]+"),
        # 마케팅팀, CM팀, 디지털마케팅 (a unit's work names it, as 市场 does)
        re.compile(
            rf"(?:[{_HANGUL}]{{2,}}|[A-Za-z0-9&]{{1,6}})(?:팀|부|본부|실|센터|부서)|연구소"
            rf"|[{_HANGUL}]*(?:마케팅|영업|홍보|기획|디자인|인사|재무|브랜드|커머스|콘텐츠|광고)"
            r"|[\u30a0-\u30ff]{2,}(?:チーム|グループ)"  # マーケティングチーム, in katakana
        ),
        re.compile(r"(?:ฝ่าย|แผนก|ทีม)[\u0e00-\u0e7f]+"),  # ฝ่ายการตลาด
    )


def _in_other_script(chunk: str) -> bool:
    """Hangul, Thai or kana alone (김민준, คุณสมศรี, さくら): read chunk by chunk."""
    return not chunk.isascii() and _other_scripts()[0].fullmatch(chunk) is not None


# Arabic and Devanagari write a person's names, and a unit's words, with spaces between:
# a run of such words is one name, or one unit when a unit word leads (قسم التسويق, the
# marketing department) or ends it (विपणन विभाग)
_SPACED_SCRIPT = re.compile(r"[\u0600-\u06ff\u0900-\u097f]+")
_UNIT_FIRST = frozenset(_words("قسم إدارة ادارة فريق"))
_UNIT_LAST = frozenset(_words("विभाग टीम"))
# Arabic departments alone (التسويق: marketing), titles before one (مدير المبيعات: the
# sales manager), "all" before a group (كل الفريق), "to be decided", and "before" or
# "after" before a time (بعد رمضان: a deadline, no owner)
_UNITS_AR = frozenset(
    _words("التسويق المبيعات العمليات المالية الحسابات المشتريات التصميم المحتوى الدعم")
)
_TITLES_AR = frozenset(_words("مدير مديرة مسؤول مسؤولة منسق منسقة رئيس رئيسة مشرف مشرفة"))
_ALL_AR = frozenset(_words("كل جميع"))
_UNDECIDED_AR = frozenset(("سيتم التحديد", "لم يحدد", "غير محدد", "لاحقا", "لاحقاً"))
_WHEN_AR = frozenset(_words("بعد قبل خلال"))


def _in_spaced_script(chunk: str) -> bool:
    return not chunk.isascii() and _SPACED_SCRIPT.fullmatch(chunk) is not None


def _names_one_person(owners: _Owners) -> bool:
    """Whether what was read names one person and nothing else."""
    return len(owners.people) == 1 and not (owners.departments or owners.roles)


def _one_latin_person(chunks: list[str]) -> bool:
    """Whether these words, all in Latin letters, name one person and nothing else."""
    alone = _Owners()
    return (
        all(chunk.isascii() for chunk in chunks)
        and _classify_english(chunks, alone)
        and _names_one_person(alone)
    )


def _classify_spaced_script(run: list[str], acc: _Owners) -> bool:
    name = " ".join(run)
    if name in _UNDECIDED_AR:
        return True
    if run[0] in _WHEN_AR:
        return False  # بعد رمضان: when, not who
    if run[0] in _ALL_AR:
        acc.collective = True  # كل الفريق: the whole team
        return True
    if run[0] in _TITLES_AR:
        acc.add("role", run[0])
        if len(run) > 1:
            acc.add("dept", " ".join(run[1:]))  # مدير المبيعات: the sales manager
        return True
    unit = run[0] in _UNIT_FIRST or run[-1] in _UNIT_LAST or name in _UNITS_AR
    acc.add("dept" if unit else "person", name)
    return True


def _is_unit_in_other_script(chunk: str) -> bool:
    _, korean_unit, thai_unit = _other_scripts()
    return bool(korean_unit.fullmatch(chunk) or thai_unit.fullmatch(chunk))


def _classify_other_script(chunk: str, acc: _Owners, after_name: bool) -> bool:
    """A Hangul, Thai or kana chunk: a unit (마케팅팀, ฝ่ายการตลาด, 대행사), a title (팀장 —
    nothing more after a name: 이서연 팀장 is one person), a unit and its head's title
    (마케팅팀장, 영업부장) or a name."""
    if normalise_key(chunk) in _GENERIC_GROUPS:
        return True  # メンバー: members, the group the cell names
    if chunk in _KO_TITLES:
        if not after_name:
            acc.add("role", chunk)
        return True
    if _is_unit_in_other_script(chunk) or chunk in _PARTIES_ZH:
        acc.add("dept", chunk)
        return True
    if chunk.endswith("장") and _is_unit_in_other_script(chunk[:-1]):
        acc.add("dept", chunk[:-1])  # 마케팅팀장: the marketing team's head
        if not after_name:
            acc.add("role", chunk[-2:])
        return True
    for title in _TH_TITLES:
        if chunk.startswith(title) and _is_unit_in_other_script(chunk[len(title) :]):
            acc.add("dept", chunk[len(title) :])  # ผู้จัดการฝ่ายขาย: the sales manager
            if not after_name:
                acc.add("role", title)
            return True
    if len(chunk) < 2 or chunk == _TH_PERSON:
        return False
    acc.add("person", chunk)  # 김민준, คุณสมศรี, さくら
    return True


def _is_name_chunk(chunk: str) -> bool:
    return (
        _in_other_script(chunk) and chunk not in _KO_TITLES and not _is_unit_in_other_script(chunk)
    )


def _name_in_two_chunks(first: str, second: str) -> bool:
    """A family name, a space, a given name: 陳 大文, 高橋 美咲 — not 张三 李四 (two
    people) nor 王 经理 (a name and a title)."""
    family, given = to_simplified(first), to_simplified(second)
    if not (len(given) <= 3 and _han_only(given)):
        return False
    if family in _SURNAMES_1 or family in _SURNAMES_2:
        longest = 2
    elif family in _japanese_surnames():
        longest = 3
    else:
        return False
    return len(given) <= longest and not (
        given in _DEPT_WORDS_ZH
        or given in _DUTY_WORDS_ZH
        or _role_ending(given)
        or _strip_dept_prefix(given)
        or normalise_key(given) in _PLACEHOLDERS
    )


def _given_name_and_surname(latin: str, han: str) -> bool:
    """Kelly 张, Karen 曾: an English given name and a Chinese family name — unless the
    English word is a unit or a title (Marketing 张 is a department and a person)."""
    word = latin.casefold()
    return (
        to_simplified(han) in _SURNAMES_1
        and latin[:1].isupper()
        and _LATIN_WORD.fullmatch(latin) is not None
        and not _is_unit_or_title_en(word)
    )


_ELSEWHERE = re.compile(
    r"^(?:同上[列行]?|同前|如上|见上|见下|见附件|见附表|详见附件|见备注|参考第\s*\d+\s*行"
    r"|[见見]群[组組]?(?:里|裡|[消讯訊]息|公告)?"
    r"|see\s+row\s+\d+|ditto|same\s+as\s+above|see\s+above"
    r"|voir\s+ci-dessus|siehe\s+oben|ver\s+arriba|idem"
    r"|see\s+attach(?:ed|ment)|(?:see|siehe|voir|ver|zie)\s+(?:the\s+|das\s+|le\s+|de\s+)?"
    r"(?:[a-z]+\s+)?(?:brief|briefing"
    r"|doc|deck|notes?|sheet|tab|thread|ticket|email|chat|link|card|page))$",
    re.IGNORECASE,
)
_PHONE = re.compile(
    r"(?<!\d)(?:\+?86[-\s]?)?1[3-9]\d[\s-]?(?:\d{4}|\*{4})[\s-]?\d{4}(?!\d)"
    r"|(?<!\d)0\d{2,3}-\d{7,8}(?!\d)"
    r"|(?:分机|分機|内线|內線|(?<![\w])(?i:ext)\.?)\s*[:：]?\s*\d{2,6}(?!\d)"  # an extension
    # any other number a label says is a phone's: Tel. 0711 45 67-210, Mob: +971 50 123 4567
    r"|(?:(?<![^\s,;(])(?i:tel|tél|phone|ph|mob|mobile|handy|mobil|cell|ext)\.?|电话|手机|分机)"
    r"\s*[:：]?\s*\+?\d[\d\s()/.-]{4,}\d(?!\d)"
    # an international number: +65 9123 4567, +966 50 123 4567
    r"|(?<![\w+])\+\d{1,3}[\s-]?\(?\d[\d\s()-]{5,}\d(?!\d)"
    # a number in three groups: 604-555-0148, 0912-345-678, 987 654 321
    r"|(?<![\w.,])\(?\d{3,4}\)?[-\s.]\d{3,4}[-\s.]\d{3,4}(?![\w.,%])"
)
# What a cell adds around the names: a share of the work ("张伟 60% / 李娜 40%"), an
# emoji (🎯, 🚀), a Japanese honorific (鈴木さん)
_SHARE = re.compile(
    r"(?:(?<=[^\s\d.%])|(?<=[A-Za-z]\.))\s*[(（]?\d{1,3}(?:\.\d+)?\s*%[)）]?"  # Giulia R. 60%
)
_PICTOGRAPHS = re.compile("[\U0001f300-\U0001faff\ufe0f\u200d\u2640\u2642]")
# A job grade (P7 王伟), a staff number (张伟(10086), 李娜 #2231), a count of tasks (张伟(3))
_AROUND_NAME = re.compile(
    r"(?<![A-Za-z0-9])[PMT]\d{1,2}(?![\w.])\s*|\s*\(\s*\d{1,6}\s*\)|\s*#\d{1,8}(?!\w)"
)
# Numbered owners: "1. 张伟 2. 李娜", "1) Rahul 2) Sneha"
_LIST_NUMBER = re.compile(r"(?:^|(?<=\s))\d{1,2}\s*[.)、]\s+|^\d{1,2}\s*[.)、](?=\D)")
# (君 only after one character: 李君 is Mr Li, but 林怡君 is a name — Taiwan's most common)
_HONORIFIC_JA = re.compile(
    r"(?:(?<=[^\x00-\x7f])(?:さん|さま|様|くん|ちゃん)|(?<![\u3400-\u9fff]{2})(?<=[^\x00-\x7f])君)"
    r"(?=$|[\s,、/(])"
)
# after a name: 张建国同志 (as a state body writes it), Amit bhai, Priya ji (Hindi)
_HONORIFIC_AFTER = re.compile(
    r"(?<=[^\x00-\x7f])(?:同志|님)(?=$|[\s,、/(])|(?<=[a-z])\s+(?:bhai|ji)\b"  # 김 대리님
)
_DEGREE = re.compile(r",\s*(?:ph\.?d|md|mba|msc|cpa|esq)\.?(?=$|[\s,;/])", re.IGNORECASE)
_PRONOUNS = re.compile(r"\s*\(\s*(?:he|she|they)\s*/\s*(?:him|her|them|they|he|she)\s*\)", re.I)
_ANGLED_EMAIL = re.compile(r"\s*[<(]\s*[\w.+-]+@[\w-]+(?:\.[\w-]+)+\s*[>)]")
_FIELD_LABEL = re.compile(
    r"(?:^|(?<=[\s,;/(\[]))(?:负责人|责任人|主责|主负责人?|协助|配合|对接人?|联系人|牵头人?|dri|owner|poc"
    r"|contact|freelancer|freelance|support|backup|cc|assignee|assigned\s+to|担当者?|담당자?"
    r"|lidera|apoyo|soporte|responsable|hỗ\s+trợ|chính|phụ|pic"  # Spanish, Vietnamese; PIC
    r"|暂定|暫定|tentative|[a-z]+\s+(?:stand|booth)"  # Heimtextil stand: Gulnora
    r"|(?:kol|influencer|creator|达人|博主|网红|红人)(?=\s*[:=]\s*@)"  # KOL: @小鹿酱
    r"|责任部门|負責部門|负责部门|[AB]角"
    r"|[raci])\s*[:=]\s*",
    re.IGNORECASE,
)
_ANNOTATION = re.compile(
    r"\(\s*(?:主|副|正|辅|主责|协助|配合|支持|对接|审核|审批|跟进|牵头|备份|lead|support|owner|backup"
    r"|reviewer|approver|pm|经理|主管|总监|负责人|contractor|freelancer?|intern|part-?time"
    r"|待招聘?|招聘中|空缺|(?:接替|接手)[^()]{1,10}|took\s+over\s+from[^()]{1,30}|gf|挂名|掛名"
    r"|已?[离離]职|已?[离離]職|休假中?|出差中?|[请請]假中?|(?:[0-9一二三四五六七八九十]+月)?已?交接|现|現|临时"
    r"|臨時|代理|暂代|暫代|兼[^()]{0,10}|(?:花名|昵称|暱稱|英文名|艺名)(?:\s*[:：][^()]{1,12})?"
    r"|interim|acting|internal|in-house|on\s+duty"
    r"|on\s+leave|left|サポート|メイン|主担当|副担当|補佐)\s*\)",
    re.IGNORECASE,
)
_HEAD_OF = re.compile(
    r"\b(head|vp|svp|evp|avp|gm|chief|director|manager|lead)(?:\s+of|\s*,)\s+"
    r"([a-z&-]+(?:\s+[a-z&-]+)?)$",  # Head of Marketing; Head, Customer Experience
    re.IGNORECASE,
)
# Non-ASCII stands for Han around "@" and before 等: a class of every Han character
# costs a millisecond to compile, at every start, for a cell that may never come.
_AT_UNIT = re.compile(r"(?<=[^\x00-\x7f])@(?=[^\x00-\x7f]|[A-Za-z])|(?<=[A-Za-z])@(?=[^\x00-\x7f])")
_ET_AL = re.compile(r"(?<=[^\x00-\x7f])等人?(?=$|[\s,;、])")


@lru_cache(maxsize=1)
def _two_scripts() -> re.Pattern[str]:
    """A name in Han or Hangul ("other") beside one in Latin letters (Min-jun: a hyphen,
    then lower case), on script-marked text (`_sub_marked`)."""
    # (or a family name, a space, a given name: 中村 恵 Megumi Nakamura)
    han = _HAN_MARKED
    # (a whole run: 欧洲站运营 Tina is a unit and a person, not 洲站运营 twice)
    other = rf"(?<![{han}{_HANGUL_MARK}])(?:[{han}{_HANGUL_MARK}]{{2,4}}|{han}{{1,3}} {han}{{1,3}})"
    word = r"[A-Z][a-z]+(?:-[a-z]+)?"
    return re.compile(
        rf"({other})\s*\(\s*({word}(?:\s+{word}){{0,2}})\s*\)"
        rf"|({word}(?:\s+{word}){{0,2}})\s*\(\s*({other})\s*\)"
        rf"|({other})\s+({word}(?:\s+{word}){{1,2}})(?=$|[\s,;、/(])"
        rf"|({word}(?:\s+{word}){{1,2}})\s+({other})(?=$|[\s,;、/(])"
        rf"|({other})\s+({word})$"
        # Kenneth 李家俊: an English given name, a Chinese name (alone, or after a unit:
        # 市场部 Kelvin 陳志明, Marketing: Kelvin 陳志明)
        rf"|(?:^|(?<=[\s,;、/:-]))({word})\s+({other})(?=$|[\s,;、/(])"
    )


def _one_person_twice(m: _Written) -> str:
    """张伟（Zhang Wei）, Alice Wang（王爱丽）, 张伟 Zhang Wei, Lee Min-jun 이민준: one person
    in two scripts — unless the other words are a department or a title (张三（Marketing）,
    Alice 市场部, 이서연 팀장)."""
    latin_first = m[3] or m[7] or m[11]
    if m[7]:
        han, latin = m[8], m[7]
    elif m[9]:
        han, latin = m[9], m[10]
    elif m[11]:
        han, latin = m[12], m[11]
    else:
        han, latin = (m[1], m[2]) if m[1] else (m[4], m[3]) if m[3] else (m[5], m[6])
    words = latin.casefold().split()
    if _one_agency(han, latin):
        return han  # 李奥贝纳 Leo Burnett: one agency by its two names
    if any(w in _DEPT_WORDS_EN or w in _ROLE_WORDS_EN or w in _TEAM_WORDS_EN for w in words):
        return m[0]
    if normalise_key(latin) in _CHANNELS:
        return han  # Shopee 小美: where she works, and who
    if m[11] and words[0] in _AND_WORDS:
        return m[0]  # 张三 With 李四: two people
    if " " in han and not _name_in_two_chunks(*han.split(" ", 1)):
        return m[0]  # 张三 李四: two people
    if not _HAN.search(han):
        if han in _KO_TITLES or _is_unit_in_other_script(han):
            return m[0]
        return latin_first or han
    simple = to_simplified(han).replace(" ", "")
    if _is_unit_zh(simple) or _role_ending(simple):
        return m[0]  # Alice（市场部）, 社区运营 Leo: a name and a department
    if m[11] and not _is_surname_led(simple):
        return m[0]
    return latin_first or han  # the first written


_PARTIES = "|".join(_PARTIES_ZH + _PARTIES_EN)
_PARTY_NAMED = re.compile(
    # (with its trade between: Fornitore catering (Peck), vendor AV (Sono))
    rf"(?P<party>{_PARTIES}|prod(?:uction)?\s+house)(?P<trade>(?:\s+[^\W\d_]+){{0,2}}?)\s*"
    r"\((?P<named>[^()]+)\)"
    # (a company's name of several capitalised words: Prosper Digital (agency))
    rf"|(?P<company>(?:[A-Z][\w&'.-]*\s+){{0,3}}\S+)\s*\((?:[\w-]+\s+)?(?P<outside>{_PARTIES})\)",
    re.IGNORECASE,
)
_JSON_LIST = re.compile(r'^\[\s*"(.*)"\s*\]$')
_HYPHEN_UNIT = re.compile(r"(?<=[a-zäöüß])-(team|abteilung|squad|crew)\b", re.IGNORECASE)
# (non-ASCII for any script's last letter: a class per script would cost compiles)
_EMAIL_AFTER_NAME = re.compile(r"(?<=[^\x00-\x7f])\s+[\w.+-]+@[\w-]+(?:\.[\w-]+)+(?=$|[\s,;、/])")
_BESIDE_NAME = re.compile(
    rf"(?<=[{_H}])\s*(?:\(\s*[a-z]+\s*\)|\s[\w.+-]+@[\w-]+(?:\.[\w-]+)+)(?=$|[\s,;、/])"
)
# A note in brackets after a name, on what the person is doing: 黄医生（出诊中）, Neha
# (followup); a unit's agency after the unit: PR (Edelman), 公关（蓝色光标）
_IN_BRACKETS = re.compile(r"(?<=[^\s(])(\s*)\(\s*([^()]+?)\s*\)(?=$|[\s,;、/])")


# Terms a title is held on (摄影师（外包）): no second party
_TERMS_ZH = frozenset(_words("外包 外聘 兼职 外援 外派 驻场"))
# A note in brackets on since when the owner owns it: 由4月起, per Q3, from May, ab Juli
_WHEN_NOTE = re.compile(
    r"^(?:(?:由|从|從|自)\s*|(?:per|from|since|as\s+of|w\.?e\.?f\.?|ab|vanaf|desde|a\s+partir\s+del?|dès"
    r"|depuis|dal|dalla)\s+)\S"
    r"|^[^()]{0,8}起$"  # (3月起): since March
    r"|^[0-9一二三四五六七八九十]{1,2}月\s*(?:[〜~～]|から)$",  # (4月〜, 4月から): since April
    re.IGNORECASE,
)
# A note in brackets on when the owner is away or in: 小郑 (休假到5/6), Otieno (on leave till
# 12th), 林医生（周二、四坐诊）— unless it names who stands in (张伟（休假中，李娜代）, Zara (OOO –
# cover: Dan)); and on what the person does: 阿杰 (修图), 全员（大促）
# (both read the note in simplified characters: 產假 is matched as 产假)
_ON_LEAVE = (
    r"休假|休?(?:产假|年假|病假|婚假)|出差|请假|外出"
    r"|(?:on\s+)?(?:leave|vacation|pto|ooo|out\s+of\s+office)(?![a-z])|away(?![a-z])|urlop|izinde"
)
_AWAY_NOTE = re.compile(
    r"^(?!.*(?:代|由|cover|backup)(?!\s*[:：]?\s*(?:tbc|tbd|tba|待定)))"
    r"(?:[\u3400-\u9fff]{1,4}(?=出差))?"  # 日本出差中
    rf"(?:{_ON_LEAVE}|放假|调休|周[一二三四五六日天]|星期|(?:on\s+)?holiday(?![a-z])"
    r"|off\s+(?:till|until|from)|de\s+vacaciones|de\s+baja|likizo|en\s+cong[ée]"
    r"|(?:in\s+|im\s+)?(?:elternzeit|urlaub|mutterschutz)|cuti"
    r"|od\s)"  # (od marca): Polish, since March
    r"|^(?:修图|拍摄|剪辑|排版|出图|写稿|选品|发货|打包|备货|投放|大促|上新|配色|打样|质检|出图授权|授权"
    r"|(?:ceo|cmo|gm)?\s*拍板|异宠"
    r"|跑[\u3400-\u9fff]{1,4}"  # (跑哈尔滨: the territory a salesman covers)
    r"|负责[\u3400-\u9fff]{1,6})$",  # (负责直播: what she does)
    re.IGNORECASE,
)
# Away, with who stands in meanwhile: 张伟（休假中，李娜代）, Zara (OOO – cover: Dan), Coco
# (on leave, backup: Hank): the owner and the stand-in
_STAND_IN = re.compile(
    rf"^(?:{_ON_LEAVE})[^,，;；–—-]*\s*[,，;；–—-]\s*"
    r"(?:暂时?由|由|cover(?:ed\s+by)?\s*[:：]?|backup\s*[:：]?|stand-?in\s*[:：]?)?\s*"
    r"(?-i:(?![a-z\s]))(?P<who>[^,，;；:：]+?)\s*(?:代理|代班|暂代|代|cover(?:ing)?)?$",  # (a name)
    re.IGNORECASE,
)
# The same after the brackets: 小王（休假中），暂由小李代
_STAND_IN_PART = re.compile(r"^(?:暂时?由|由)\s*(\S.*?)\s*(?:代理|代班|暂代|代)$")
# A former owner noted in brackets: Nova（原：老K） (a handover with its arrow, 原钱磊→现孙悦,
# is read before: `_HANDOVER_IN_BRACKETS`)
_FORMER_IN_BRACKETS = re.compile(
    r"^(?:原|前|ex(?:-|\s+|(?=[:：]))|formerly)\s*[:：]?\s*[^→>]*$", re.IGNORECASE
)  # (ex-Mia, ex: Mia; not Export)
_PARTY_OF = re.compile(rf"^({'|'.join(_PARTIES_ZH)})\s*[:：]\s*\S+$")
# A company's name as it ends, with its legal form (Iklan Maju Sdn Bhd, 蓝天有限公司)
_COMPANY_ENDINGS = (
    *(f" {form}" for form in _COMPANY_FORMS),
    *(f" {form}." for form in _COMPANY_FORMS),
    " co.",  # (with its dot: Co alone is a family name too, as in Jason Co)
    "有限公司",
    "株式会社",
)


# A bracket that says the name before it is an outside party's: (kit partner), (agency)
# ("(agency)" alone may follow a person's name: Jess (agency) works there)
_PARTNER_NOTE = re.compile(
    r"(?:[a-z-]+\s+){0,2}(?:partner|vendor|supplier|distributor|sponsor|wholesaler|reseller"
    r"|dealer)s?",
    re.IGNORECASE,
)


def _named_person_before(words: list[str]) -> bool:
    """Whether the words before a bracket end with a common given name (Karen, Ben): then
    "(partner)" says what the person is, not that the name is a company's."""
    return bool(words) and words[-1].casefold() in _GIVEN_NAMES_EN


_MARKET_CODE = re.compile(r"B2[BC]|D2C|DTC|APAC|EMEA|LATAM|MENA|ANZ|SEA|DACH|NA|EU|UK|US")


# Work an outside company is given, in brackets after its name: Ogilvy（海外KOL投放）
_AGENCY_WORK = ("投放", "拍摄", "制作", "代运营", "执行", "种草", "投流", "搭建")


# (one who stands in, after a comma: 张伟（休假中，李娜代） names both, as the cell split
# at its comma reads them)
_STANDS_IN = re.compile(r"代理?(?=$|,)|代班|暂代|暫代")


def _bracket_note(m: re.Match[str]) -> str:
    inside = m[2]
    if "," in inside and not _STANDS_IN.search(inside):
        # Linda（美妆博主，报价中）: notes one after another, each read alone; what stays
        # of them is kept in the brackets (when one does: a comma would split the cell)
        head = m.string[: m.start()] + m[1]
        kept, meant = [], []  # notes kept as written; what the others say (、李娜: a stand-in)
        for piece in re.split(r"\s*,\s*", inside):
            note = _IN_BRACKETS.search(f"{head}({piece})")
            read = m[0] if note is None else _bracket_note(note)
            if note is None or read == note[0]:
                kept.append(piece)
            elif read.strip():
                meant.append(read)
        if len(kept) <= 1:
            return (f"{m[1]}({kept[0]})" if kept else " ") + "".join(meant)
    simple_inside = to_simplified(inside)
    if inside.casefold() in _AGENCIES_EN or to_simplified(inside) in _AGENCIES:
        return f"{m[1]}({inside})"  # kept: `_unit_of_agency` reads it with the unit
    if all(_is_channel(part) for part in re.split(r"\s*[/、,，+&]\s*", inside)):
        return " "  # 甜甜（抖音）, Bam (Shopee/Lazada): where the work is done, not who
    ahead = m.string[: m.start()].split()
    before = to_simplified(ahead[-1]) if ahead else ""
    if not simple_inside.startswith(("外包", "合作")) and (
        (before.isascii() and simple_inside.endswith(_AGENCY_WORK))
        or (
            (before.casefold() in _AGENCIES_EN or before in _AGENCIES)
            and (simple_inside.endswith(_AGENCY_WORK) or simple_inside in _DEPT_WORDS_ZH)
        )
    ):
        return " "  # 蓝色光标（公关）, Ogilvy（海外KOL投放）: what the agency does for the task
    if simple_inside.endswith(("代运营", "代投放")) and _is_channel(simple_inside[:-3]):
        return " "  # 星禾传媒（小红书代运营）: what the agency does, and where
    if before.endswith((*_PARTIES_ZH, "代理")) or before.startswith(_PARTY_PREFIXES):
        return " "  # 韩国代理（Kakao Games）, 外包设计（蓝天）: the outside party's name
    if inside.casefold().endswith(_COMPANY_ENDINGS) and any(
        w.casefold() in _PARTIES_EN for w in ahead
    ):
        return " "  # Agensi luar (Iklan Maju Sdn Bhd): the agency's name
    if inside.casefold().endswith(_COMPANY_ENDINGS) and re.fullmatch("[A-Z]{2,6}", before):
        return " agency"  # RNDC (Republic National Distributing Co.): one company's two names
    if stand_in := _STAND_IN.match(simple_inside):
        # the stand-in as written (OpenCC keeps a name's length: cut from the original)
        same = len(simple_inside) == len(inside)
        who = inside[stand_in.start("who") : stand_in.end("who")] if same else stand_in["who"]
        return f"、{who}"
    if _AWAY_NOTE.match(simple_inside):
        return " "
    if len(simple_inside) > 2 and simple_inside.endswith(("对接", "跟进", "配合", "协助")):
        return " "  # 老蔡（跟工厂对接）, 采购(茶园对接): what the person does, with whom
    if _PARTNER_NOTE.fullmatch(inside) and before.isascii() and not _named_person_before(ahead):
        return " agency"  # Nike (kit partner), Cebu Pacific (partner): a company, by its name
    words = inside.split()
    if inside[:1].islower() and len(words) <= 3 and all(w.isalpha() for w in words):
        # Neha (followup), Julien (en congés), Andi (sebelumnya Rina): a note — names
        # and units are capitalised; a lower-case unit or title is still read
        said = any(_is_unit_or_title_en(w.casefold()) or w in _PARTIES_EN for w in words)
        return m[0] if said or _COLLECTIVE_EN.search(inside) else " "
    if _WHEN_NOTE.match(inside):
        return " "  # Winnie (由4月起), Daan (per Q3): since when the owner owns it
    if _FORMER_IN_BRACKETS.match(inside):
        return " "  # Nova（原：老K）: who owned it before
    if outsourced := _PARTY_OF.match(to_simplified(inside)):
        return f" {outsourced[1]}"  # Tina（外包：星熠传媒）: she and the outside party
    if simple_inside.startswith(("外包", "合作")) and before.isascii() and before:
        return " agency"  # PixelHouse（外包拍摄）: an outside studio, by its name
    if _MARKET_CODE.fullmatch(inside) and before.casefold() in _DEPT_WORDS_EN:
        return " "  # Sales (B2C), Marketing (EMEA): which market the unit serves
    if inside in _KO_DUTY_NOTES:
        return " "  # 김지수(주), 정하늘(보조): the main owner, the support
    simple = to_simplified(inside)
    if inside.casefold() in _CITIES_LATIN or inside in _CITIES_KO:
        return " "  # Sales Manager (Penang), 烘焙工厂（Buôn Ma Thuột）, 물류센터 (평택): where
    if not _HAN.search(simple) or _is_unit_zh(simple):
        return m[0]
    if len(simple) <= 4 and simple.endswith("中"):
        return " "  # 出诊中, 开会中: where the person is, not who (华中 is a region)
    if simple in _CITIES_ZH:
        return " "  # 최유나（上海）: where the person works
    if (
        len(simple) <= 4
        and all("\u3400" <= char <= "\u9fff" for char in simple)
        and _HAN.search(before)
        and _strip_dept_prefix(before) == len(before)
        and not (_is_surname_led(simple) and _looks_like_name(simple))
        and not _role_ending(simple)
    ):
        return " "  # 研发部（新品）, IT部（系统）: the unit's area of work, not a person
    if _is_han_person(to_simplified(re.split(r"[-–—·\s]", before)[-1])) and not (
        simple in _DEPT_WORDS_ZH
        or _strip_dept_prefix(simple)
        or _is_unit_title(simple)
        or (_is_surname_led(simple) and _looks_like_name(simple))
    ):
        return " "  # 陆老师（花型设计）, 孙经理（烟台）: what or where the person works at
    return m[0]


def _is_unit_title(simple: str) -> bool:
    """市场专员, 品牌经理: a title led by a department's word (not 技术支持, a duty)."""
    role = _role_ending(simple)
    return role is not None and simple[: -len(role)] in _DEPT_WORDS_ZH


def _is_han_person(simple: str) -> bool:
    """张伟, 陆老师, 李师傅: a Chinese name, or a family name with a title."""
    if not _han_only(simple) or _strip_dept_prefix(simple):
        return False
    role = _role_ending(simple)
    if role and simple[: -len(role)] in _SURNAMES_1:
        return True
    return _is_surname_led(simple) and _looks_like_name(simple) and not role


def _unit_of_agency(s: str) -> str:
    """PR (Edelman), 公关（蓝色光标）: the agency that is the unit — one unit, not two."""
    unit, _, rest = s.partition("(")
    agency = rest.rstrip(") ")
    unit = unit.strip()
    if not unit or not agency or ")" in agency:
        return s
    simple = to_simplified(unit)
    known = (agency.casefold() in _AGENCIES_EN or to_simplified(agency) in _AGENCIES) and not (
        unit.casefold() in _AGENCIES_EN or simple in _AGENCIES  # 奥美（Ogilvy）: its two names
    )
    is_unit = (
        unit.casefold() in _DEPT_WORDS_EN
        or simple in _DEPT_WORDS_ZH
        or (_HAN.search(simple) is not None and _strip_dept_prefix(simple) == len(simple))
    )
    return agency if known and is_unit else s


_CHAT = re.compile(
    r"^(?:找|问下|问一下|请|让|交给|转给|麻烦)(?=\S)|(?<=\S)(?:跟一下|跟进一下|跟进|处理一下|处理"
    r"|那边|这边|来定|看一下|看下)$"
)


def _unit_and_head(m: re.Match[str]) -> str:
    """Head of Marketing → "Marketing Head"; Head of Demand Gen → "Demand Gen team Head":
    the words after "of" are a unit, said so when they are no department word."""
    unit = m[2]
    if "," in m[0] and unit.split()[0].casefold() in _GIVEN_NAMES_EN:
        return m[0]  # Manager, Tom Lee: a person after the title, not a unit
    known = all(w.casefold() in _DEPT_WORDS_EN for w in unit.split())
    return f"{unit} {m[1]}" if known else f"{unit} team {m[1]}"


# A handover keeps who owns the task now: 原黄磊→现何静, 原负责人郑浩→现由吴婷接手,
# Was: Greg; Now: Hannah, 李娜（原）/ 张伟（现）; and a name struck through (~~王芳~~) is gone
_HANDOVER = re.compile(
    r"^.*(?:→|->|⇒|=>)\s*(?:现在?由?|現在?由?|now\s*:?|new\s*:?|交接给|移交给|交给)?\s*"
    r"|^\s*was\s*:.*?\bnow\s*:\s*"
    # Was Ifeoma, now Kelechi; prima Luca, ora Valentina
    r"|^\s*(?:was|previously|formerly|prima|antes|avant|dulu|vorher|früher)\s+[^,;，；]+[,;，；]\s*"
    r"(?:now|ora|agora|ahora|maintenant|sekarang|jetzt|nun)\s+(?=\S)"
    r"|^\s*(?:handed\s+over\s+)?from\s+\S+(?:\s+\S+)?\s+to\s+(?=\S)"  # from Amy to Ben
    # 原店长陈刚，现由吴雪接手; 原孙老师，现移交给郑老师; 何伟（已交接给梁静）
    r"|^\s*原[^,;，；\s]+\s*[,;，；]?\s*现(?:在)?(?:由|移交给|交给|转给|改由)?\s*"
    r"|^[^()]*\(\s*已?(?:交接|移交|转交)给\s*(?=[^()]+\)\s*$)",
    re.IGNORECASE,
)
# Units whose name holds "&": Trust & Safety is one team, not two
_ONE_UNIT_WITH_AND = re.compile(
    r"\b(trust|health|research|learning|food|diversity|mergers)\s*&\s*"
    r"(safety|development|beverage|inclusion|acquisitions)\b"
    # one team whose name joins two words: Risk & Fraud team (not "Risk & Fraud teams")
    r"|\b([a-z][\w-]*)\s*&\s*([a-z][\w-]*)(?=\s+(?:team|unit|desk|squad)\b(?!s))",
    re.IGNORECASE,
)
# A status at the end of the cell: "Halal cert pending", "CDSCO approval awaited"
_PENDING_EN = re.compile(
    r"(?i:\s(?:pending|awaited|underway))$"
    # what was done, as a status says it: Offer letters sent, Contracts signed (in lower
    # case: a name is not written so)
    r"|(?:^|\s)[A-Za-z][a-z-]*\s(?:sent|submitted|signed|shipped|delivered|published|booked|received"
    r"|uploaded|approved|confirmed)$"
)
# A placeholder with a note after it: "TBD — waiting on new hire" names nobody yet
_PLACEHOLDER_NOTE = re.compile(
    r"^\s*(tbd|tba|tbc|待定|待確定|待确定|to\s+be\s+(?:assigned|confirmed|decided|determined))"
    r"\s*[—–:：-]\s+\S.*$",
    re.IGNORECASE,
)
_TO_CONFIRM = re.compile(
    r"\s+(?:to|will)\s+(?:confirm|approve|review|check|decide|sign\s*off)\s*$", re.IGNORECASE
)
_HANDOVER_IN_BRACKETS = re.compile(
    r"\(\s*(?:原|前)\s*[:：]?\s*[^()→]*?(?:→|->|=>)\s*(?:现|現)?\s*[:：]?\s*([^()]+?)\s*\)"
)
# A placeholder, then why: 待定，等KOL报价; TBD - waiting on budget (the reason names nobody)
_WAITING_NOTE = re.compile(
    r"([^,，;；:：\s-]+)\s*(?:[,，;；:：]|\s-+)\s*"
    r"(?:等|待|.{0,6}?(?:确认|確認|定)|wait|pending|until|after|needs?|to\s+be|confirm)",
    re.IGNORECASE,
)
_TAKEN_OVER = re.compile(r"\s*(?:接手|接管|负责|負責)$")
_FORMER = re.compile(
    r"~~[^~]*~~|[^\s/,;、]+\s*\(\s*(?:原|前|old|former)\s*\)"
    r"|\(\s*(?:(?:was|previously|formerly|antes|anteriormente|原为|之前是)(?:\s*[:：]\s*|\s+)|ex-\s*)"
    r"[^()]*\)",
    re.IGNORECASE,
)


# "Agency: Mother London", "Agenzia Karla Otto": a unit by its name; "Freelancer - Dana":
# a person
_PARTY_LABEL = re.compile(
    # (a trade may come first: 设计外包：鹭岛广告, 廣告代理：電通, 外包单位：省广集团)
    # (a trade may come first: PR agency: Edelman, Influencer ajansı: Trendmedia)
    rf"^(?P<label>(?:[A-Za-z&]{{2,12}}\s+)?(?:{_PARTIES})|freelancer|freelance|contractor"
    r"|(?:[^\x00-\x7f\s:：/]{1,6}/)?[^\x00-\x7f\s:：]{0,6}?(?:外包|外判|代理|代运营|代投放)"
    r"(?:单位|單位|公司|商|店|团队|團隊)?"  # (美团/大众点评代运营：宠爱传媒)
    rf"|[^\x00-\x7f\s:：]{{1,4}}?(?:{'|'.join(_DEALERS_ZH)}))"  # 华东经销商：锦泰贸易
    r"\s*(?:[:：=]|\s[-–—]|\s(?=(?-i:[A-ZÀ-ÖØ-Þ])[\w&'.-]*(?:\s+(?-i:[A-ZÀ-ÖØ-Þ])[\w&'.-]*){0,3}$))"
    r"\s*(?P<name>[^/,;、]+?)(?=\s*(?:[/,;、]|$))",  # "Agency: Edelman / Ivan": two parts
    re.IGNORECASE,
)


# What a task is before the company doing it: 展台搭建：苏州美陈展览有限公司, 装修：蜀美装饰公司
_TASK_BEFORE_COMPANY = re.compile(
    r"^[^\x00-\x7f:：、,，/]{2,8}[:：]\s*(?=[^\x00-\x7f]{2,20}?(?:有限公司|股份公司|集团|公司)$)"
    # (a party's label with a space: 遵义经销商 黔酱商贸有限公司)
    rf"|^[^\x00-\x7f:：、,，/\s]{{0,6}}(?:{'|'.join(_PARTIES_ZH)})\s+"
    r"(?=[^\x00-\x7f\s]{2,20}?(?:有限公司|股份公司|集团|公司)$)"
)


# A trade before the company that does it: 物流：顺丰, PR: Edelman, Relations presse :
# Agence Pivot, Studio audio : Sonorité Boréale (Marketing: Alice is a unit and its
# person)
_TRADE_LABEL = re.compile(
    r"^(?P<label>[^\s:：/,;、]{1,12}(?:\s[^\s:：/,;、]{1,12})?)\s*[:：]\s*"
    r"(?P<name>[^/,;、]+?)(?=\s*(?:[/,;、]|$))"
)
# How a Chinese company's name ends with its trade: 青岛印象广告, 深圳光影工作室
_COMPANY_TRADES_ZH = tuple(
    _words(
        "广告 传媒 工作室 公司 文化 科技 影视 影业 印务 印刷 汽配 装饰 影像 品牌设计",
        "展览 会务 贸易 互娱 互动 传播 行销 会展",
    )
)
# The last word of a company's name that says its trade: Kinetic PR, Northlight Media
_TRADE_ENDINGS = frozenset(
    _words("pr media communications comms digital creative studio studios productions group talent")
)


# Words a supplier's name holds that say what it does: Diyafa Catering Co., Drukkerij Wilco
_VENDOR_WORDS = frozenset(
    _words("catering caterers sound lighting light print printing printers drukkerij kreator")
    + _words("kreatif events rentals logistics signage displays staging co co. ltd")
)


def _names_a_vendor(label: str, name: str) -> bool:
    """After a one-word task label (KOL, AV, Drukwerk), a name of several capitalised words
    that holds a supplier's word, an "&", or the label's own stem: a company."""
    named = name.split()
    if " " in label.strip() or not label.isascii() or len(named) < 2:
        return False
    words = [word.casefold() for word in named if word != "&"]
    if not all(word[:1].isupper() or word == "&" for word in named) or all(
        word in _DEPT_WORDS_EN for word in words
    ):
        return False  # (jointly: Ops & Sales: two units)
    stem = label.casefold()[:5]
    return "&" in named or any(
        word in _VENDOR_WORDS or word in _TRADE_ENDINGS or (len(stem) >= 4 and word[:4] == stem[:4])
        for word in words
    )


def _trade_labelled(m: re.Match[str]) -> str:
    name, label = m["name"], m["label"]
    words = label.casefold().split()
    if words[0] in _PARTIES_EN and not _HAN.search(name):
        return f"{name} {words[0]}"  # Studio audio : Sonorité Boréale: the studio, by name
    simple_name, simple_label = to_simplified(name), to_simplified(label)
    if (
        _han_only(simple_label)
        and 2 <= len(simple_label) <= 4
        and not _is_surname_led(simple_label)
        and simple_name.endswith(_COMPANY_TRADES_ZH)
        and _strip_dept_prefix(simple_name) == len(simple_name)
    ):
        return name  # 物料：青岛印象广告, 摄影：深圳光影工作室: the company that does it
    trade = (
        label.casefold() in _DEPT_WORDS_EN
        or tuple(words) in _DEPT_MULTI_EN
        or to_simplified(label) in _DEPT_WORDS_ZH
    )
    if not trade:
        if _names_a_vendor(label, name):
            return f"{name.replace(' & ', '&')} agency"  # AV: Najd Sound & Light
        return m[0]
    if name.casefold() in _AGENCIES_EN or to_simplified(name) in _AGENCIES:
        return name  # 物流：顺丰, PR: Edelman: the company the trade names
    first, _, english = name.partition(" ")
    if _one_agency(first, english):
        return first  # PR：蓝色光标 BlueFocus: the agency, by its two names
    named = name.split()
    if len(named) > 1 and named[-1].rstrip(".").casefold() in _COMPANY_FORMS:
        return name  # PR: Savannah Story Ltd
    if len(named) > 1 and named[0].casefold() in _AGENCIES_EN:
        return name  # Freight: DHL Global Forwarding
    if len(named) > 1 and any(w.casefold() in _PARTIES_EN for w in named):
        return name  # Relations presse : Agence Pivot
    if len(named) > 1 and named[-1].casefold() in _TRADE_ENDINGS and named[0][:1].isupper():
        return f"{name} agency"  # 公关：Kinetic PR: an agency, by its name
    return m[0]


# An event the task belongs to, as a label before its owners: 杭州咖啡展：市场部+外贸部
_EVENT_LABEL = re.compile(r"^[^\x00-\x7f:：、,，/]{1,8}(?:展|展会|博览会|大促|活动)[:：]\s*(?=\S)")
# 部 typed as 布 (the same sound, bù) after a department's word: 电商布 小刘
_DEPT_TYPO = re.compile(
    r"(市场|电商|销售|品牌|运营|营运|财务|人事|行政|技术|产品|客服|设计|采购|公关|市場|電商|銷售|售后服务"
    r"|售后|服务)布"
)
_HONORIFIC_AR = re.compile(r"(?:^|(?<=\s))[مأدا]\.\s*(?=[\u0600-\u06ff])")
# A kinship word after a name in Latin letters, a space between: Eric 哥, Vivian 姐
_SPACED_KIN = re.compile(r"(?<![A-Za-z])([A-Za-z]{2,})\s+(哥|姐)(?=$|[\s,，、/(（])")
# 组 typed as 祖 (zǔ, the same sound): 社群祖
_TEAM_TYPO = re.compile(r"(社群|运营|设计|市场|销售|直播|内容|项目|活动|策划|视觉|客服|电商)祖")


def _party_labelled(m: re.Match[str]) -> str:
    label, name = m["label"], m["name"]
    if label.casefold() in ("freelancer", "freelance", "contractor"):
        return name
    if label in _CLIENT_LABELS:
        return label  # 商家：三只松鼠, 客户：颜究所: the client, by its company's name
    if name.isascii():
        return f"{name} {label}"
    simple = to_simplified(name)
    if not _HAN.search(simple):
        if label.casefold() in _PARTIES_EN:
            return f"{name} {label}"  # Agência África: the agency, by its name
        if name.split()[-1].rstrip(".").casefold() in _COMPANY_FORMS:
            return name  # 德国代理商 Müller GmbH: the agent, by its company's name
        return m[0]  # read as written
    if simple in _DEPT_WORDS_ZH or _strip_dept_prefix(simple):
        return name  # 代理商：蓝天广告, 廣告代理：電通: the agency, by its name
    # 代理商：李娜 as 李娜（代理商）reads: a person at one (the brackets were read already)
    party = label if label in _PARTIES_ZH else "外包"
    return _PARTY_NAMED.sub(_party_named, f"{name}({party})")


# Forms of address before a family name: one person
_PERSONAL_TITLES = frozenset(_words("mr mrs ms miss dr frau herr mme mlle sr sra srta"))


def _party_named(m: re.Match[str]) -> str:
    """代理商（蓝天广告）, 蓝天广告（代理商）: one outside unit, by its name; 李小姐（代理商）:
    a person at one."""
    if m["party"]:
        named = to_simplified(m["named"].strip())
        role = _role_ending(named)
        if role and named[: -len(role)] in _SURNAMES_1:
            return f"{m['party']}、{m['named'].strip()}"  # 加盟商（王总）: its owner, by name
        if not named.isupper() and any(
            w[:1].isupper() and not w.isupper() for w in m["trade"].split()
        ):
            # Agencia Nómada (Javi): the party's own name, then its contact (Agence Babel
            # (RP): its trade, in capitals)
            return f"{m['party']}{m['trade']}、{m['named'].strip()}"
        return m["party"]
    company = m["company"]
    simple = to_simplified(company)
    titled = simple in _ROLE_SET_ZH or _role_ending(simple) or company.istitle()
    if titled and to_simplified(m["outside"]) in _TERMS_ZH:
        return company  # 摄影师（外包）: the terms of the one who holds the title
    if simple in _AGENCIES or simple in _DEPT_WORDS_ZH:
        return company  # 奥美（代理商）, 蓝色光标（代运营）: the agency, by its name
    if _HAN.search(simple) and not _strip_dept_prefix(simple):
        if _looks_like_name(simple) and (len(simple) <= 3 or simple[:2] in _SURNAMES_2):
            if to_simplified(m["outside"]) in _TERMS_ZH:
                return company  # 周洋（外包）: the terms he works on, no second party
            return f"{company}、{m['outside']}"  # 李小姐（代理商）: a person at one
        if _HAN.search(m["outside"]):
            return company + m["outside"]  # 采研國際（代理商）: the agency, read as one unit
    if company.split()[0].rstrip(".").casefold() in _PERSONAL_TITLES:
        return company  # Frau Schneider (Agentur): a person, at an agency not named
    if company.isascii():
        last = company.split()[-1].casefold()
        if last in _PARTIES_EN:
            return company  # Design agency (外判): the agency said twice
        if " " in company or last not in _DEPT_WORDS_EN:
            # Cheil (agency), Prosper Digital (agency): the agency, not a person
            return f"{company} {m['outside']}"
    return company


def _tidy_owner(s: str) -> str:
    """What a reader skips in an owner cell: phone numbers and an email beside a name,
    field labels (负责人：, DRI:, R:), notes on a person's part ((主), (support)), "@"
    between a name and a unit, and a person's name written again in the other script."""
    s = _TO_CONFIRM.sub("", s)  # Ms Tan to confirm: she owns it
    s = _PLACEHOLDER_NOTE.sub(r"\1", s)
    s = _ONE_UNIT_WITH_AND.sub(lambda m: f"{m[1] or m[3]}&{m[2] or m[4]}", s)  # Trust & Safety
    # 品牌部 Mai 和 小周: two people (not Mai written again in Han, as Mai 小周 may be)
    s = _SPACED_CN_AND.sub("、", s)
    s = _TEAM_TYPO.sub(r"\1组", _DEPT_TYPO.sub(r"\1部", s))
    s = _SPACED_KIN.sub(r"\1\2", s)  # Eric 哥: as Eric哥, one person
    s = _HONORIFIC_AR.sub("", s)  # م. كريم: Eng. Karim
    s = _HANDOVER_IN_BRACKETS.sub(r" \1", s)  # 企划部（原钱磊→现孙悦）: the unit, and 孙悦
    handed = _HANDOVER.sub("", s)
    if handed != s:
        s = _TAKEN_OVER.sub("", handed)
    s = _FORMER.sub(" ", s)
    if listed := _JSON_LIST.match(s):  # ["Alice Wang", "Bob Li"] pasted from an export
        s = re.sub(r'"\s*,\s*"', ", ", listed[1])
    s = _PARTY_NAMED.sub(_party_named, s)
    s = _PHONE.sub(" ", s)
    s = _LIST_NUMBER.sub(", ", s).strip(" ,")
    s = _AROUND_NAME.sub(" ", s)
    s = _SHARE.sub(" ", s)
    s = _PICTOGRAPHS.sub(" ", s)
    s = _HONORIFIC_JA.sub("", s)
    s = _HONORIFIC_AFTER.sub("", s)
    s = _ANGLED_EMAIL.sub(" ", s)
    s = _PRONOUNS.sub(" ", s)  # Tunde A. (he/him), as Slack shows a name
    s = _DEGREE.sub("", s)  # Mike O'Connor, PhD
    s = _BESIDE_NAME.sub(" ", s)  # 王磊(wanglei), 王芳 wangfang@abc.cn: the same person
    s = _EMAIL_AFTER_NAME.sub(" ", s)  # 한지우 jiwoo.han@…, نورة noura@…: the same too
    s = _HYPHEN_UNIT.sub(r" \1", s)  # Messe-Team: the fair team
    if "(" in s:
        s = _IN_BRACKETS.sub(_bracket_note, s)
        if s.count("(") == 1:
            s = _unit_of_agency(s)
    s = _CHAT.sub("", s.strip())
    if (city := _TRAILING_CITY.search(s)) and city[1].casefold() in _CITIES_LATIN and city.start():
        s = s[: city.start()]
    s = _PARTY_LABEL.sub(_party_labelled, s)
    s = _TRADE_LABEL.sub(_trade_labelled, s)
    s = _TASK_BEFORE_COMPANY.sub("", s)
    s = _EVENT_LABEL.sub("", s)
    s = _FIELD_LABEL.sub(" ", s)
    s = _ANNOTATION.sub(" ", s)
    s = _HEAD_OF.sub(_unit_and_head, s)
    s = _AT_UNIT.sub(" ", s)
    s = re.sub(r"\b([sd])/o\b|\ba/([lp])\b", lambda m: m[0].replace("/", ""), s)
    s = _ET_AL.sub(" 全体", s)  # 张伟等: he and others
    if s.isascii() or not re.search(r"[A-Za-z]", s):
        return s  # a name in two scripts needs both
    marked = _script_marks(s)
    if _HAN_MARK not in marked and _HANGUL_MARK not in marked:
        return s
    s = _sub_marked(_english_and_chinese_name(), _one_name_of_two, s, marked)
    return _sub_marked(_two_scripts(), _one_person_twice, s)


# The two-script patterns ask only which script a character is in, so they run on the
# text with every Han character written as 一 and every Hangul syllable as 가: a class
# of every Han character costs a millisecond to compile (`re` walks its 27,000 code
# points in Python), and those patterns would hold twenty of them.
_HAN_MARK, _HANGUL_MARK = "\u4e00", _HANGUL_FIRST
_HAN_MARKED = re.escape(_HAN_MARK)


def _script_marks(s: str) -> str:
    """`s` with each Han character as `_HAN_MARK` and each Hangul syllable as
    `_HANGUL_MARK`: as long as `s`, character for character."""
    s = _HAN.sub(_HAN_MARK, s)
    if any(_HANGUL_FIRST <= c <= _HANGUL_LAST for c in s):
        s = "".join(_HANGUL_MARK if _HANGUL_FIRST <= c <= _HANGUL_LAST else c for c in s)
    return s


class _Written:
    """A match found on `_script_marks(text)`, its groups read from `text` as written."""

    __slots__ = ("_match", "_text")

    def __init__(self, match: re.Match[str], text: str) -> None:
        self._match, self._text = match, text

    def __getitem__(self, group: int) -> Any:  # as re.Match's: str, or None when unused
        start, end = self._match.span(group)
        return None if start < 0 else self._text[start:end]


def _sub_marked(
    pattern: re.Pattern[str],
    replace: Callable[[_Written], str],
    s: str,
    marked: str | None = None,
) -> str:
    """`pattern.sub(replace, s)` for a pattern written for script-marked text."""
    pieces: list[str] = []
    end = 0
    for m in pattern.finditer(_script_marks(s) if marked is None else marked):
        pieces += (s[end : m.start()], replace(_Written(m, s)))
        end = m.end()
    pieces.append(s[end:])
    return "".join(pieces)


@lru_cache(maxsize=1)
def _english_and_chinese_name() -> re.Pattern[str]:
    """Tony-王涛, 王涛Tony: an English name joined to a Chinese one, as WeCom and Feishu
    display names run (Kelly张, with a surname alone, is `_GLUED_PERSON`); on
    script-marked text (`_sub_marked`)."""
    han = _HAN_MARKED
    return re.compile(
        rf"(?<![A-Za-z])([A-Z][a-z]+)\s*[-–·]\s*({han}{{2,3}})(?=$|[\s,;、/(])"
        rf"|(?<!{han})({han}{{2,3}})([A-Z][a-z]+)(?=$|[\s,;、/(])"
    )


def _one_name_of_two(m: _Written) -> str:
    latin, han = (m[1], m[2]) if m[1] else (m[4], m[3])
    simple = to_simplified(han)
    if latin.casefold() in _DEPT_WORDS_EN or latin.casefold() in _TEAM_WORDS_EN:
        return m[0]  # Marketing-张三: a department and a person
    if not (_is_surname_led(simple) and _looks_like_name(simple)) or _strip_dept_prefix(simple):
        return m[0]
    return han


_STATUS_JOIN = re.compile(r"\s*[/|]\s*")


def _statuses_joined(s: str) -> bool:
    """done/blocked, 已完成/延期, Done/pending approval: two statuses typed where the owner
    goes (title-case words alone may be names, as the whole-cell check above allows:
    Will/Sunny)."""
    parts = _STATUS_JOIN.split(s)
    return (
        len(parts) > 1
        and not all(part.istitle() for part in parts)
        and all(part and _status_label(part) is not None for part in parts)
    )


@lru_cache(maxsize=8192)
def _owner_text(text: str) -> OwnerCell | None:
    if len(text) > _MAX_OWNER_TEXT:
        return None
    s = unicodedata.normalize("NFKC", text).strip()
    key = normalise_key(s)
    if (waiting := _WAITING_NOTE.match(s)) and normalise_key(waiting[1]) in _PLACEHOLDERS:
        # 待定，等KOL报价; 待定，月底前确认; TBD - waiting on budget: nobody yet, and why
        # (before the statuses: 待…确认 alone is "pending confirmation")
        return _Owners().freeze()
    if (
        _ELSEWHERE.match(s)
        or key in _STATUS_WORDS
        or _DONE_ALREADY.match(s)
        or _DEADLINE_ZH.match(s)
        or key in _NO_STATUS
        or _is_weekday(s)
        or _RELATIVE.fullmatch(s)
        or _WHEN.match(s)
        or _is_part_of_a_month(s)
        or _PENDING_ZH.match(s)
        or (s.isascii() and _PENDING_EN.search(s) is not None)
        or (
            not _HAN.search(s)
            and not s.istitle()
            and not _COLLECTIVE_EN.search(s)
            and not _GIVEN_AND_FAMILY.match(s)
            and not _A_TEAM.search(s)
            and _status_label(s) is not None
        )
        or _statuses_joined(s)
    ):
        # 同上, see attachment: the owner is written somewhere else; 已完成, pending
        # approval: a status; 下周三, 周六: a date
        return None
    if _AROUND_THE_WORKDAY.fullmatch(s):
        return None  # 下播后, 开播前: when, not who
    if _IN_PROGRESS.fullmatch(s) and not _is_surname_led(to_simplified(s)):
        return None  # 直播中, 打样中: what the task is doing, not who does it
    if (before := s.rstrip("前之后以")) != s and _is_weekday(before):
        return None  # 周五前: a deadline
    head = s.split("(", 1)[0].strip()
    if head != s and normalise_key(head) in _PLACEHOLDERS and s.endswith(")"):
        return _Owners().freeze()  # TBD（等HC）: nobody yet, and why
    if _URL.fullmatch(s) or all(
        _is_channel(part) for part in _OWNER_SPLIT.split(s) if part.strip()
    ):
        return None  # a link, or the channel the task runs on (抖音, 小红书+视频号)
    acc = _Owners()
    if (
        (named := _FAMILY_FIRST.fullmatch(s))
        and named[1].casefold() not in _GIVEN_NAMES_EN
        and not _two_full_names(named[1])
        # two given names after one family name only: "Wei Zhang, Li Na" lists two people
        and not (" " in named[1] and " " in named[2])
        and not any(
            _is_unit_or_title_en(word.casefold()) for word in named[0].replace(",", " ").split()
        )
    ):
        acc.add("person", f"{named[2]} {named[1]}")  # Miller, Robert: as a directory lists
        return acc.freeze()
    if firms := _FIRM_WITH_AMPERSAND.findall(s):  # Scholz & Friends: one company, not two
        for firm in firms:
            acc.add("dept", firm)
        s = _FIRM_WITH_AMPERSAND.sub(" ", s).strip(" ,;/+-–—:")
        if not s:
            return acc.freeze()
    s = _tidy_owner(s).strip()
    simple = to_simplified(s)
    if _COLLECTIVE_ZH.search(simple) or _COLLECTIVE_EN.search(s):
        acc.collective = True
        s = _COLLECTIVE_ZH.sub(" ", simple)
        s = _COLLECTIVE_EN.sub(" ", s)
        s = re.sub(r"\b(?:of|the)\b", " ", s, flags=re.IGNORECASE)
    for part in _split_parts(s):
        if acc.collective and _is_one_of_many(to_simplified(part.strip())):
            continue  # 全体加盟商, all agents in Ibadan, alle gidsen: the kind, not a unit
        if not _read_part(part, acc):
            if acc.collective:
                continue  # 全体执行团队共同推进: the group is what the cell says
            return _after_task_label(unicodedata.normalize("NFKC", text).strip())
    if (
        s.count("/") == 1
        and len(acc.departments) == 2
        and not (acc.people or acc.roles)
        and _in_latin_letters(acc.departments[0]) != _in_latin_letters(acc.departments[1])
        and not _an_agency_and_another(*acc.departments)
    ):
        del acc.departments[1]  # 品牌處 / Brand Office: one unit, in two languages
    return acc.freeze()


# A firm named with an ampersand and what partners are called: Scholz & Friends, Tully &
# Co, Smith & Sons (Alice & Bob stays two people)
_FIRM_WITH_AMPERSAND = re.compile(
    # its label before it (Agentur: …, agency (…)), or what it is in brackets after it
    r"(?:(?i:agentur|agency|agence|agencia|vendor|supplier|partner)\s*(?:[:：]|\()\s*)?"
    r"((?:[A-Z][\w'.-]*\s+){0,2}[A-Z][\w'.-]*\s*&\s*(?:Co\.?|Company|Friends|Sons|Partners"
    r"|Associates|Brothers|Bros\.?))(?![\w&])"
    r"(?:\s*\)|\s*\((?i:agency|vendor|partner|supplier)\))?"
)


# What follows "all" in a group: a kind of people or outside units (全体加盟商, all
# agents in Ibadan, semua reseller, alle gidsen) — lower case, or a party's word
_ONE_OF_MANY = re.compile(
    rf"[a-z][a-z'-]*(?:\s+[a-z][a-z'-]*)*(?:\s+in\s+\S.*)?|{'|'.join(_PARTIES_ZH)}|门店|分店"
)


def _is_one_of_many(part: str) -> bool:
    """A kind of people or outside units after "all", not a unit (whole marketing team)."""
    return _ONE_OF_MANY.fullmatch(part) is not None and not any(
        _is_unit_or_title_en(word) for word in part.casefold().split()
    )


# How the name of a company that makes or does something ends (a workshop, a factory, a
# roastery: 景德镇御窑坊, 义乌鸿达工艺品厂, 山顶咖啡烘焙所)
_WORKSHOPS_ZH = (*_COMPANY_TRADES_ZH, "坊", "厂", "所", "社")
# What the task is, in Chinese, before who does it: 生豆供应：Simexco, 设计：梵睿品牌设计
_TASK_LABEL_ZH = re.compile(rf"^[{_H}/、]{{2,12}}\s*[:：]\s*(?P<rest>\S.*)$")
# A company's name in Latin letters, each word capitalised: Pearl River Boating Review
_COMPANY_NAME_LATIN = re.compile(r"(?:[A-Z][\w'.&-]*|&)(?:\s+(?:[A-Z][\w'.&-]*|&|of|and)){0,5}")


def _after_task_label(s: str) -> OwnerCell | None:
    """A cell read no other way, whose Chinese label says what the task is: whoever the
    text after it names, or the company it names (what teams write of their suppliers)."""
    labelled = _TASK_LABEL_ZH.match(s)
    if labelled is None:
        return None
    rest = labelled["rest"].strip()
    cell = _owner_text(rest)
    if cell is not None:
        return cell
    simple = to_simplified(rest)
    if _COMPANY_NAME_LATIN.fullmatch(rest) or (
        _han_only(simple) and len(simple) >= 4 and simple.endswith(_WORKSHOPS_ZH)
    ):
        company = _Owners()
        company.add("dept", rest)
        return company.freeze()
    return None


# A cell ending in a unit's word names the unit: "Risk team" is no "at risk" status
_A_TEAM = re.compile(r"\b(?:team|unit|desk|squad|department|dept)$", re.IGNORECASE)
# A given name and a family name, as a cell starts: "Amber Lin (MarCom)" is no amber status
_GIVEN_AND_FAMILY = re.compile(r"[A-Z][a-z]+\s+[A-Z][a-z]+(?![A-Za-z])")


# A family name, a comma, a given name: "Miller, Robert", "Al Suwaidi, Mariam",
# "d'Souza, Anil" (two given names with a comma, "Alice, Bob", are rarer in owner columns
# than directory exports; none of the labelled cells is one)
_FAMILY_FIRST = re.compile(
    r"((?:[a-z]{1,3}['’])?[A-ZŁŚŻ][A-Za-zÀ-ſ'’-]+"
    r"(?:\s+(?:(?:van|von|de|den|der|da|di|du|del|la|le|al|el|bin|binti)\s+)*[A-Z][A-Za-zÀ-ſ'’-]+)"
    # one given name or two (Kowalski, Michał; Santos, Mary Grace)
    r"{0,2})\s*,\s*([A-ZŁŚŻ][a-zß-ſ'’-]+(?:\s+[A-Z][a-zß-ſ'’-]+)?)"
)


def _two_full_names(family: str) -> bool:
    """A full name before the comma, its first word a common given name ("Bob Smith,
    Alice"): two people — not "García López, María" or "Wong Ka Man, Karen" (a Hong Kong
    name, then its English one), each one person as a directory lists it."""
    words = family.split()
    return len(words) > 1 and words[0].casefold() in _GIVEN_NAMES_EN


# Given names common enough that "Jason, Amy" lists two people rather than naming one
# "Last, First" (a family name that is also one of these is read as two: the safer error)
_GIVEN_NAMES_EN = frozenset(
    _words(
        "james john robert michael william david richard joseph thomas charles chris daniel",
        "matthew anthony mark steven paul andrew joshua kevin brian george tim ryan jason",
        "jacob gary eric jonathan stephen larry justin scott brandon ben sam tom alex adam",
        "peter jack nick luke mike dan bob leo max tony jay ian sean alan ivan karen",
        "mary patricia jennifer linda elizabeth barbara susan jessica sarah lisa nancy betty",
        "sandra ashley emily donna michelle amanda melissa laura amy anna emma olivia sophia",
        "grace chloe lucy kate rachel rebecca helen jane julia claire alice vicky cindy",
        "kelly joyce winnie eva ella mia zoe tina nina lily rose jenny sally amber",
    )
)


def _person_name(item: dict[str, Any]) -> str | None:
    for key in ("name", "email"):
        value = item.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    person = item.get("person")
    if isinstance(person, dict) and isinstance(person.get("email"), str):
        return str(person["email"])
    value = item.get("id")
    return str(value) if value else None


def _is_person_object(item: dict[str, Any]) -> bool:
    return item.get("object") == "user" or "email" in item or "person" in item


def parse_owner(raw: object) -> OwnerCell:
    """People, departments, job titles and a collective flag from one owner cell.

    Reads "市场部-张三", "市场部 张三", "市场部张三", "张三（市场部）", "Marketing — Zhang",
    "Zhang (Marketing)"; lists "张三、李四", "张三,李四", "张三/李四", "张三和李四",
    "Alice and Bob", "Alice & Bob", "财务部/市场部"; titles without a name
    ("市场部经理" → 市场部 + 经理, "数据分析师" → 数据 + 分析师, "Marketing event owner");
    a surname with a title names a person ("王经理", "张总"); "*" is a redacted name
    ("市场部*经理" → a person "*", 市场部, 经理); groups ("全体执行团队", "各部门负责人",
    "whole team", "all department heads", "共同负责") set ``collective``; placeholders
    (TBD, 待定) name nobody. Airtable collaborators and Notion people (dicts with
    name/email or ``"object": "user"``) are people; a select ``{"name": ...}`` is read
    as text. Departments are Chinese names ending in 部/部门/组/中心/团队/处/科/室/事业部
    or a department word (市场, 销售, … Marketing, Sales, … "X team", "Équipe X"); a
    Chinese name is 2–4 Han characters that are no such word (or a lone surname).
    Agencies named by company (Ogilvy, 奥美, 蓝色光标) are units, with or without a
    label before them (代理商：蓝天广告, 设计外包：鹭岛广告); a share ("张伟 60% /
    李娜 40%") names both; a handover ("原黄磊→现何静") names who owns it now; Hangul,
    Thai and kana names and units (김민준, 마케팅팀, คุณสมศรี, ฝ่ายการตลาด) are read, and
    a family name, a space and a given name are one person (高橋 美咲, 陳 大文). A status
    (已完成, Done) is refused: it is no owner."""
    acc = _Owners()
    _owner_into(raw, acc)
    return acc.freeze()


def _owner_into(raw: object, acc: _Owners) -> None:
    if raw is None:
        return
    if isinstance(raw, list | tuple):
        for item in raw:
            _owner_into(item, acc)
        return
    if isinstance(raw, dict):
        if _is_person_object(raw):
            name = _person_name(raw)
            if name:
                acc.add("person", name)
            return
        if isinstance(raw.get("name"), str):
            _owner_into(raw["name"], acc)
            return
        _fail(_EXPECT_OWNER)
    if isinstance(raw, float) and math.isnan(raw):
        return
    if not isinstance(raw, str):
        _fail(_EXPECT_OWNER)
    if _is_empty_text(raw):
        return
    cell = _owner_text(raw)
    if cell is None:
        _fail(_EXPECT_OWNER)
    for person in cell.people:
        acc.add("person", person)
    for dept in cell.departments:
        acc.add("dept", dept)
    for role in cell.roles:
        acc.add("role", role)
    acc.collective = acc.collective or cell.collective


def parse_people(raw: object) -> tuple[str, ...]:
    """The people a person column names (Owner/负责人), as names.

    Text is read like :func:`parse_owner` (a department or a title names nobody);
    Airtable collaborators and Notion people give their names (else email, else id)."""
    return parse_owner(raw).people


def parse_person_records(raw: object) -> tuple[Person, ...]:
    """Like :func:`parse_people`, keeping the ids and emails vendor objects carry."""
    items = raw if isinstance(raw, list | tuple) else [raw]
    people: list[Person] = []
    for item in items:
        if isinstance(item, dict) and _is_person_object(item):
            name = _person_name(item)
            if name:
                email = item.get("email")
                if email is None and isinstance(item.get("person"), dict):
                    email = item["person"].get("email")
                ident = item.get("id")
                people.append(
                    Person(
                        name=name,
                        id=str(ident) if ident else None,
                        email=email if isinstance(email, str) else None,
                    )
                )
        else:
            people.extend(Person(name=n) for n in parse_people(item))
    return tuple(people)


# ---------------------------------------------------------------------------
# lint-ignore codes

_CODE = re.compile(r"[A-Za-z]\d{3}")
_CODE_LIKE = re.compile(r"[A-Za-z]{0,4}[-_]?\d{1,6}[A-Za-z]{0,2}")
_CODE_TOKEN = re.compile(r"[\s,;、，；/|+&]*([A-Za-z]+[-_]\d+|[A-Za-z0-9_]+)")
_CODES_PREFIX = re.compile(
    r"^\s*(?:ignore|noqa|lint-ignore|忽略规则|忽略|跳过|skip)\s*[:：]?\s*", re.IGNORECASE
)


@lru_cache(maxsize=4096)
def _codes_text(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    s = _CODES_PREFIX.sub("", unicodedata.normalize("NFKC", text), count=1)
    codes: list[str] = []
    bad: list[str] = []
    pos = 0
    while True:
        m = _CODE_TOKEN.match(s, pos)
        if not m:
            break
        token, end = m[1], m.end()
        if _CODE.fullmatch(token):
            if token.upper() not in codes:
                codes.append(token.upper())
        elif _CODE_LIKE.fullmatch(token) and any(ch.isdigit() for ch in token):
            bad.append(token)
        else:
            break  # the first plain word starts the reason
        pos = end
    return tuple(codes), tuple(bad)


def parse_codes(raw: object) -> tuple[list[str], list[str]]:
    """(codes, malformed code-like tokens) from a Lint ignore / 忽略规则 cell.

    Codes are a letter and three digits ("S403"; "s403" is upper-cased) read up to the
    first word that is not code-like: "S403, B502 — vendor delay" → (["S403", "B502"],
    []). Tokens such as "S40", "SS403" or "4031" are returned in the second list so
    that X902 can quote them. A list (a multi-select) is read item by item."""
    if raw is None or isinstance(raw, bool):
        return [], []
    items: list[object] = list(raw) if isinstance(raw, list | tuple) else [raw]
    codes: list[str] = []
    bad: list[str] = []
    for item in items:
        if isinstance(item, dict) and isinstance(item.get("name"), str):
            item = item["name"]
        if item is None:
            continue
        if not isinstance(item, str):
            bad.append(str(item))
            continue
        if _is_empty_text(item):
            continue
        found, malformed = _codes_text(item)
        codes.extend(c for c in found if c not in codes)
        bad.extend(malformed)
    return codes, bad
