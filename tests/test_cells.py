"""Cell parsers (tasklint.connectors.cells): every written form DESIGN §2 promises, the
refusals that become X901, and properties over arbitrary text."""

from __future__ import annotations

import contextlib
import json
import math
import os
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tasklint.connectors.cells import (
    CellError,
    OwnerCell,
    is_empty,
    parse_codes,
    parse_date,
    parse_date_range,
    parse_money,
    parse_number,
    parse_owner,
    parse_people,
    parse_percent,
    parse_person_records,
    parse_phase,
    parse_progress,
    parse_status,
    written_date_orders,
)
from tasklint.model import Person, Phase, Status

TODAY = date(2025, 3, 10)
SHANGHAI = ZoneInfo("Asia/Shanghai")


def refused(parser, raw, **kwargs) -> CellError:
    with pytest.raises(CellError) as info:
        parser(raw, **kwargs)
    return info.value


# --------------------------------------------------------------------------- empty

EMPTY = ["", "   ", "\t", "-", "--", "—", "–", "/", "N/A", "n/a", "NA", "none", "null"]
EMPTY += ["无", "暂无", "空", "TBD", "待定", "待统计", "\u3000", None, [], [""], float("nan")]


@pytest.mark.parametrize("raw", EMPTY)
@pytest.mark.parametrize(
    "parser",
    [
        parse_number,
        parse_money,
        parse_percent,
        parse_progress,
        parse_date,
        parse_status,
        parse_phase,
    ],
)
def test_empty_cells_read_as_none(parser, raw):
    assert parser(raw) is None


@pytest.mark.parametrize("raw", EMPTY)
def test_empty_cells_name_no_owner(raw):
    assert parse_owner(raw) == OwnerCell((), (), (), False)
    assert not parse_owner(raw)
    assert parse_people(raw) == ()
    assert parse_date_range(raw) == (None, None)
    assert is_empty(raw)


def test_is_empty_refuses_values():
    assert not is_empty("0")
    assert not is_empty(0)
    assert not is_empty(False)
    assert not is_empty("x")


# --------------------------------------------------------------------------- numbers

NUMBERS = [
    ("1,200", 1200),
    ("1 200", 1200),
    ("1\u00a0200", 1200),
    ("１２００", 1200),
    ("１，２００", 1200),
    ("12,345,678.9", 12345678.9),
    ("3万", 30000),
    ("1.5万", 15000),
    ("3千万", 30_000_000),
    ("1.2亿", 120_000_000),
    ("1亿", 100_000_000),
    ("2千", 2000),
    ("3k", 3000),
    ("2.5K", 2500),
    ("10w", 100_000),
    ("10w+", 100_000),
    ("1M", 1_000_000),
    ("1.2bn", 1_200_000_000),
    ("1e5", 100_000),
    ("¥1,000", 1000),
    ("￥1,000", 1000),
    ("$1,200.50", 1200.5),
    ("1000元", 1000),
    ("3万元", 30000),
    ("RMB 500", 500),
    ("500 CNY", 500),
    ("US$ 12", 12),
    ("€3", 3),
    ("£3.5", 3.5),
    ("-5", -5),
    ("+5", 5),
    ("−5", -5),
    ("负5", -5),
    ("(500)", -500),
    ("（500）", -500),
    ("(¥1,200)", -1200),
    ("-¥500", -500),
    ("¥-500", -500),
    ("约3万", 30000),
    ("大约 3万", 30000),
    ("3万左右", 30000),
    ("~1000", 1000),
    ("≥2%", 0.02),
    ("5000以上", 5000),
    ("3万多", 30000),
    ("3万人", 30000),
    ("50篇", 50),
    ("200次", 200),
    ("三千", 3000),
    ("五千", 5000),
    ("三千五", 3500),
    ("一万二", 12000),
    ("一万零二", 10002),
    ("两万", 20000),
    ("两百五", 250),
    ("十五", 15),
    ("二十", 20),
    ("一百零五", 105),
    ("一点五万", 15000),
    ("3万5", 35000),
    ("3万5千", 35000),
    ("3万5000", 35000),
    ("1亿2000万", 120_000_000),
    ("壹仟", 1000),
    ("萬", None),  # a lone unit: refused, see below
    ("15%", 0.15),
    ("15 %", 0.15),
    ("１５％", 0.15),
    ("5‰", 0.005),
    ("百分之十五", 0.15),
    ("百分之15", 0.15),
    ("三成", 0.3),
    ("三成五", 0.35),
    ("5.", 5),
    (".5", 0.5),
    ("'1200", 1200),
    # a note after the value, without a digit, cannot change it
    ("3000（预估）", 3000),
    ("3000 备注：含赠品", 3000),
    ("5000 (est.)", 5000),
    ("5,000 impressions", 5000),
    ("5 apples", 5),
    ("3 万", 30000),
    ("3 million", 3_000_000),
    ("5 million users", 5_000_000),  # the unit stays with the value, the rest is a note
    ("45%%", 0.45),
    (12, 12),
    (3.5, 3.5),
    (["5"], 5),
]


@pytest.mark.parametrize(("raw", "value"), [c for c in NUMBERS if c[1] is not None])
def test_parse_number(raw, value):
    assert parse_number(raw) == pytest.approx(value, rel=1e-12)


NUMBER_REFUSALS = [
    "abc",
    "萬",
    "万",
    "1,5",  # a decimal comma or a bad thousands group: refuse rather than guess
    "1,20",
    "1.200,50",
    "10-20",
    "15%-20%",
    "1 2",
    "1.5kk",
    "一二",
    "三百四千",
    "inf",
    "nan",
    "1e999",
    "=A1+B1",
    "10 to 20 leads",
    "3000 (2 batches)",  # a note with a digit in it could change the value
    "$500/month",  # a rate over time is not the amount a budget or target cell holds
    "3 500 $/mois",
    "R8 000 p/m",
    "1:3",
    "#N/A",
    "#DIV/0!",
    True,
    False,
    float("inf"),
    ["5", "6"],
    {"error": "#ERROR!"},
    {"specialValue": "NaN"},
    object(),
]


def _stable_id(value: object) -> str:
    """A test id that is the same in every process (pytest-xdist compares them): an
    object's repr holds its address."""
    return "an object" if type(value) is object else repr(value)


@pytest.mark.parametrize("raw", NUMBER_REFUSALS, ids=_stable_id)
def test_parse_number_refusals(raw):
    error = refused(parse_number, raw)
    assert "number" in error.expected
    assert str(error) == f"expected {error.expected}"
    assert isinstance(error, ValueError)


def test_refusals_say_why():
    assert "ratio" in refused(parse_number, "1:3").expected
    assert "#N/A" in refused(parse_number, "#N/A").expected
    assert "#ERROR!" in refused(parse_number, {"error": "#ERROR!"}).expected
    assert "list of 2" in refused(parse_number, ["5", "6"]).expected
    assert "check box" in refused(parse_number, True).expected


def test_parse_money():
    assert parse_money("¥1,000") == 1000
    assert parse_money("$1,200.50") == 1200.5
    assert parse_money("3万元") == 30000
    assert parse_money(250000) == 250000
    assert "amount" in refused(parse_money, "lots").expected
    # a budget of "15%" is no amount: refused unless the column allows it
    assert "percentage" in refused(parse_money, "15%").expected
    assert parse_money("15%", percent_ok=True) == pytest.approx(0.15)


PERCENTS = [
    ("15%", 0.15),
    ("15 %", 0.15),
    ("１５％", 0.15),
    ("0.15", 0.15),
    ("百分之十五", 0.15),
    ("80", 0.8),
    ("100", 1.0),
    ("1", 1.0),
    ("0", 0.0),
    ("三成", 0.3),
    ("150%", 1.5),
    ("-5%", -0.05),
    ("约80%", 0.8),
    (0.15, 0.15),
    (80, 0.8),
    (1, 1.0),
]


@pytest.mark.parametrize(("raw", "value"), PERCENTS)
def test_parse_percent(raw, value):
    assert parse_percent(raw) == pytest.approx(value)


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        # read as a smaller number once, with no finding: the unit was taken for a note
        ("1.2 Cr", 12_000_000),  # a crore, with or without the rupee
        ("5 Crs", 50_000_000),
        ("ca. 5.000 € (Messe)", 5000),  # the euro says the dot groups thousands
        ("5.000 EUR (Messe)", 5000),
        ("3.500 TL (kampanya)", 3500),
        ("500.00 CR", 500.0),  # capitals: an accountant's credit? a number and a note
        ("12 L", 12.0),  # litres or lakh: a number and a note, as before
    ],
)
def test_a_unit_after_the_value_is_not_cut_with_the_note(raw, value):
    assert parse_number(raw) == pytest.approx(value)


@pytest.mark.parametrize(
    ("raw", "status"),
    [("搞定了✌️", Status.DONE), ("进行中🚀", Status.NOT_DONE), ("🔥进行中", Status.NOT_DONE)],
)
def test_emoji_around_a_status_word_are_decoration(raw, status):
    assert parse_status(raw) is status


def test_a_share_read_as_it_is_approximated():
    for raw in ("约一半", "大約一半", "about half", "半分くらい"):
        assert parse_progress(raw) == 0.5, raw
    refused(parse_progress, "差不多了")  # "nearly there" says no share


def test_halves_of_the_year_and_a_french_article():
    today = date(2025, 6, 20)
    assert parse_date("2º semestre", today=today) == date(2025, 12, 31)
    assert parse_date("1er semestre 2026", today=today) == date(2026, 6, 30)
    assert parse_date("3º trimestre", today=today) == date(2025, 9, 30)
    assert parse_date("le 15 juillet", today=today) == date(2025, 7, 15)


def test_parse_percent_fraction_fields_keep_numbers():
    # Airtable/Notion percent fields: 1.2 is 120%, not 1.2%
    assert parse_percent(1.2) == pytest.approx(0.012)
    assert parse_percent(1.2, fraction=True) == 1.2
    assert parse_percent("80", fraction=True) == 0.8  # text still follows the text rule


@pytest.mark.parametrize(
    "raw", ["150", "3万", "done", "15%-20%", True, "80% (2 of 3 steps)", "差不多了"]
)
def test_parse_percent_refusals(raw):
    assert "percentage" in refused(parse_percent, raw).expected


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("0", 0.0),
        ("100%", 1.0),
        ("六成", 0.6),
        ("60", 0.6),
        (1, 1.0),
        # what a progress cell holds besides the number: its label, a note, words, steps
        ("进度：50%", 0.5),
        ("進度 60%", 0.6),
        ("完成80%", 0.8),  # a progress, though no status
        ("Progress 90%", 0.9),
        ("80%（预计下周完成）", 0.8),
        ("80% done", 0.8),
        ("40% 待客户确认", 0.4),
        ("一半", 0.5),
        ("half", 0.5),
        ("3/4", 0.75),
    ],
)
def test_parse_progress_within_bounds(raw, value):
    assert parse_progress(raw) == pytest.approx(value)


@pytest.mark.parametrize(
    ("raw", "fraction"), [("150%", None), ("-5%", None), ("-0.2", None), (1.2, True)]
)
def test_parse_progress_refuses_what_is_past_done_or_below_nothing(raw, fraction):
    expected = refused(lambda r: parse_progress(r, fraction=fraction), raw).expected
    assert "0% to 100%" in expected and "outside" in expected


# --------------------------------------------------------------------------- dates

DATES = [
    ("2025-06-01", date(2025, 6, 1)),
    # periods read as their last day, as a month is; notes after the date; 2-digit years
    ("Q3", date(2025, 9, 30)),
    ("Q3 2025", date(2025, 9, 30)),
    ("2025年第三季度", date(2025, 9, 30)),
    ("第四季度", date(2025, 12, 31)),
    ("2026 Q1", date(2026, 3, 31)),
    ("H1", date(2025, 6, 30)),
    ("下半年", date(2025, 12, 31)),
    ("25年6月1日", date(2025, 6, 1)),
    ("6/15 (tentative)", date(2025, 6, 15)),
    ("6月15日 备注：需客户确认", date(2025, 6, 15)),
    ("6/13 周五", date(2025, 6, 13)),
    ("12/20-1/5", date(2026, 1, 5)),  # across the year's end: into the next year
    ("2025-6-1", date(2025, 6, 1)),
    ("2025/6/1", date(2025, 6, 1)),
    ("2025.6.1", date(2025, 6, 1)),
    ("20250601", date(2025, 6, 1)),
    ("2025年6月1日", date(2025, 6, 1)),
    ("2025年06月01号", date(2025, 6, 1)),
    ("２０２５年６月１日", date(2025, 6, 1)),
    ("二〇二五年六月一日", date(2025, 6, 1)),
    ("6月1日", date(2025, 6, 1)),
    ("6月1号", date(2025, 6, 1)),
    ("六月一日", date(2025, 6, 1)),
    ("十二月三十一日", date(2025, 12, 31)),
    ("6/1", date(2025, 6, 1)),
    ("6/1/2025", date(2025, 6, 1)),
    ("6/1/25", date(2025, 6, 1)),
    ("15/6/2025", date(2025, 6, 15)),  # 15 cannot be a month
    ("6.1", date(2025, 6, 1)),
    ("06-15", date(2025, 6, 15)),
    ("Jun 1, 2025", date(2025, 6, 1)),
    ("June 1, 2025", date(2025, 6, 1)),
    ("June 1st, 2025", date(2025, 6, 1)),
    ("1 June 2025", date(2025, 6, 1)),
    ("1st of June", date(2025, 6, 1)),
    ("June 1", date(2025, 6, 1)),
    ("1-Jun-25", date(2025, 6, 1)),
    ("Sun, Jun 1, 2025", date(2025, 6, 1)),
    ("2025-06-01 (周日)", date(2025, 6, 1)),
    ("2025年6月1日 星期日", date(2025, 6, 1)),
    ("2025/6/1 8:00", date(2025, 6, 1)),
    ("2025/06/01 12:00 PM", date(2025, 6, 1)),
    ("2025-06-01 08:00:00", date(2025, 6, 1)),
    ("2025年6月1日 下午3点", date(2025, 6, 1)),
    ("2025-06-01T08:00:00", date(2025, 6, 1)),
    ("2025-06-01T08:00:00.000Z", date(2025, 6, 1)),
    ("2025-06-01T20:00:00.000Z", date(2025, 6, 1)),  # UTC by default
    ("2025-06-01T02:00:00+08:00", date(2025, 6, 1)),  # no zone set: the writer's date
    ("2025-06-25T00:00:00+08:00", date(2025, 6, 25)),
    ("6月1日前", date(2025, 6, 1)),
    ("截止6月1日", date(2025, 6, 1)),
    ("by Jun 1", date(2025, 6, 1)),
    ("due: 2025-06-01", date(2025, 6, 1)),
    ("'2025-06-01", date(2025, 6, 1)),
    # periods: the end
    ("2025-06", date(2025, 6, 30)),
    ("2025年6月", date(2025, 6, 30)),
    ("June 2025", date(2025, 6, 30)),
    ("6月底", date(2025, 6, 30)),
    ("2月底", date(2025, 2, 28)),
    ("end of June", date(2025, 6, 30)),
    ("6月上旬", date(2025, 6, 10)),
    ("6月中旬", date(2025, 6, 20)),
    ("6月下旬", date(2025, 6, 30)),
    ("mid-June", date(2025, 6, 20)),
    # ranges: the end
    ("6/1-6/15", date(2025, 6, 15)),
    ("6/1 - 6/15", date(2025, 6, 15)),
    ("6/1-15", date(2025, 6, 15)),
    ("6月1日-6月15日", date(2025, 6, 15)),
    ("6月1日-15日", date(2025, 6, 15)),
    ("6月1日至6月15日", date(2025, 6, 15)),
    ("6月1日～6月15日", date(2025, 6, 15)),
    ("2025-06-01 → 2025-06-15", date(2025, 6, 15)),
    ("2025-06-01 ~ 2025-06-15", date(2025, 6, 15)),
    ("2025-06-01 to 2025-06-15", date(2025, 6, 15)),
    ("2025-06-01-2025-06-15", date(2025, 6, 15)),
    ("June 1–15", date(2025, 6, 15)),
    ("Jun 1 - Jun 15, 2026", date(2026, 6, 15)),
    ("12/20-1/5", date(2026, 1, 5)),  # rolls into the next year
    # objects and numbers
    (date(2025, 6, 1), date(2025, 6, 1)),
    (datetime(2025, 6, 1, 23, 30), date(2025, 6, 1)),
    (datetime(2025, 6, 1, 20, 0, tzinfo=UTC), date(2025, 6, 1)),
    (45809, date(2025, 6, 1)),
    (45809.75, date(2025, 6, 1)),
    ("45809", date(2025, 6, 1)),
    ({"start": "2025-06-01", "end": "2025-06-15"}, date(2025, 6, 15)),
    ({"start": "2025-06-01", "end": None}, date(2025, 6, 1)),
    (["2025-06-01"], date(2025, 6, 1)),
]


@pytest.mark.parametrize(("raw", "value"), DATES, ids=str)
def test_parse_date(raw, value):
    assert parse_date(raw, today=TODAY) == value


def test_parse_date_converts_offsets_to_tz():
    assert parse_date("2025-06-01T20:00:00.000Z", tz=SHANGHAI) == date(2025, 6, 2)
    aware = datetime(2025, 6, 1, 20, 0, tzinfo=UTC)
    assert parse_date(aware, tz=SHANGHAI) == date(2025, 6, 2)
    # without an offset the date is taken as written
    assert parse_date("2025-06-01T20:00:00", tz=SHANGHAI) == date(2025, 6, 1)
    assert parse_date(datetime(2025, 6, 1, 20, 0), tz=SHANGHAI) == date(2025, 6, 1)


def test_year_less_dates_take_the_year_of_today():
    assert parse_date("6月1日", today=date(2031, 1, 2)) == date(2031, 6, 1)
    assert parse_date("6/1", today=date(2031, 1, 2)) == date(2031, 6, 1)
    assert parse_date("6月1日").year == datetime.now(UTC).year  # type: ignore[union-attr]


def test_day_first():
    assert parse_date("1/6/2025") == date(2025, 1, 6)
    assert parse_date("1/6/2025", day_first=True) == date(2025, 6, 1)


DATE_RANGES = [
    ("6/1-6/15", (date(2025, 6, 1), date(2025, 6, 15))),
    ("2025-06-01 → 2025-06-15", (date(2025, 6, 1), date(2025, 6, 15))),
    ("6月1日-15日", (date(2025, 6, 1), date(2025, 6, 15))),
    ("2025-06-01", (date(2025, 6, 1), date(2025, 6, 1))),
    ("2025年6月", (date(2025, 6, 1), date(2025, 6, 30))),
    ("6月上旬", (date(2025, 6, 1), date(2025, 6, 10))),
    ("6月底", (date(2025, 6, 30), date(2025, 6, 30))),
    ("12/20-1/5", (date(2025, 12, 20), date(2026, 1, 5))),
    ({"start": "2025-06-01", "end": "2025-06-15"}, (date(2025, 6, 1), date(2025, 6, 15))),
    ({"start": None, "end": None}, (None, None)),
    ("", (None, None)),
]


@pytest.mark.parametrize(("raw", "span"), DATE_RANGES, ids=str)
def test_parse_date_range(raw, span):
    assert parse_date_range(raw, today=TODAY) == span


DATE_REFUSALS = [
    "2025-02-30",
    "2025-13-01",
    "6月32日",
    "13/13/2025",
    "5",
    "15",
    "2025",
    "hello",
    "6/1 or so",
    "6月15日左右",
    "2025-06-15 - 2025-06-01",
    "6月15日-6月1日",  # the same month backwards: a slip, not a range into next year
    "6/14 周五",  # 2025-06-14 is a Saturday: the date or the weekday is wrong
    "Fri, Jun 14",
    5,
    123456,
    1.5,
    True,
    float("inf"),
    ["2025-06-01", "2025-06-02"],
    {"start": "2025-06-15", "end": "2025-06-01"},
]


@pytest.mark.parametrize("raw", DATE_REFUSALS, ids=repr)
def test_parse_date_refusals(raw):
    assert "date" in refused(parse_date, raw, today=TODAY).expected


@pytest.mark.parametrize(
    "raw",
    ["today", "Today", "今天", "明天", "tomorrow", "yesterday", "next week", "下周五", "ASAP"],
)
def test_relative_dates_are_refused_with_a_reason(raw):
    assert "today" in refused(parse_date, raw, today=TODAY).expected


def test_serials_only_in_range():
    assert "serial" in refused(parse_date, 100).expected
    assert parse_date(18264) == date(1950, 1, 1)
    assert parse_date(73050) == date(2099, 12, 31)
    assert "serial" in refused(parse_date, 73051).expected


def test_range_end_before_start_says_so():
    assert "before it starts" in refused(parse_date, "2025-06-15 - 2025-06-01").expected


# --------------------------------------------------------------------------- status

STATUSES = [
    ("已完成", Status.DONE),
    ("完成了", Status.DONE),
    ("已經完成", Status.DONE),
    ("已逾期", Status.ABNORMAL),
    ("延期至6/30", Status.ABNORMAL),
    ("已完成（异常已处理）", Status.DONE),  # a note that names a state is still a note
    ("完成", Status.DONE),
    ("done", Status.DONE),
    ("Done", Status.DONE),
    ("ＤＯＮＥ", Status.DONE),
    ("complete", Status.DONE),
    ("Completed", Status.DONE),
    ("✅", Status.DONE),
    ("☑", Status.DONE),
    ("✔", Status.DONE),
    ("■已完成", Status.DONE),
    ("☑已完成", Status.DONE),
    ("☑ 已完成", Status.DONE),
    ("[x] done", Status.DONE),
    ("[X] Done", Status.DONE),
    ("□已完成", Status.DONE),  # the seed template's rows: the label is the value
    ("已完成 ✅", Status.DONE),
    ("已完成（6/5）", Status.DONE),
    ("done - 6/5", Status.DONE),
    ("已完成。", Status.DONE),
    ("未完成", Status.NOT_DONE),
    ("not done", Status.NOT_DONE),
    ("Not Done", Status.NOT_DONE),
    ("todo", Status.NOT_DONE),
    ("To Do", Status.NOT_DONE),
    ("to-do", Status.NOT_DONE),
    ("in progress", Status.NOT_DONE),
    ("In Progress", Status.NOT_DONE),
    ("Not started", Status.NOT_DONE),
    ("进行中", Status.NOT_DONE),
    ("進行中", Status.NOT_DONE),
    ("待开始", Status.NOT_DONE),
    ("未开始", Status.NOT_DONE),
    ("待审核", Status.NOT_DONE),
    ("pending", Status.NOT_DONE),
    ("□未完成", Status.NOT_DONE),
    ("□", Status.NOT_DONE),
    ("[ ]", Status.NOT_DONE),
    ("❌", Status.NOT_DONE),
    ("异常", Status.ABNORMAL),
    ("異常", Status.ABNORMAL),
    ("□异常", Status.ABNORMAL),
    ("blocked", Status.ABNORMAL),
    ("Blocked", Status.ABNORMAL),
    ("at risk", Status.ABNORMAL),
    ("At-risk", Status.ABNORMAL),
    ("延期", Status.ABNORMAL),
    ("延期3天", Status.ABNORMAL),
    ("阻塞", Status.ABNORMAL),
    ("delayed", Status.ABNORMAL),
    ("delayed - vendor", Status.ABNORMAL),
    ("滞后2天", Status.ABNORMAL),
    ("On hold", Status.ABNORMAL),
    ("⚠️ 延期", Status.ABNORMAL),
    ("□未完成/■已完成/□异常", Status.DONE),
    ("☐ 未完成 ☐ 已完成 ☑ 异常", Status.ABNORMAL),
    (True, Status.DONE),
    (False, Status.NOT_DONE),
    ({"name": "Done"}, Status.DONE),
    (["In progress"], Status.NOT_DONE),
]


@pytest.mark.parametrize(("raw", "status"), STATUSES, ids=str)
def test_parse_status(raw, status):
    assert parse_status(raw) is status


def test_untouched_template_options_read_as_empty():
    assert parse_status("□未完成/□已完成/□异常") is None


STATUS_REFUSALS = [
    "完成80%",  # 80% done is not done
    "done 80%",
    "مكتمل ٨٠٪",  # the same in Arabic, digits and all
    "Finshed ✅",  # a misspelt word is refused, not guessed
    "done/blocked",  # two states, not a label and its note
    "完成 ✔ / 异常 ⚠",
    "完成到一半",  # halfway is not done
    "完成度",
    "已取消",
    "cancelled",
    "foo",
    "■未完成/■已完成",
    "□未完成/□foo",
    42,
    ["Done", "Blocked"],
]


@pytest.mark.parametrize("raw", STATUS_REFUSALS, ids=repr)
def test_parse_status_refusals(raw):
    assert "status" in refused(parse_status, raw).expected


# --------------------------------------------------------------------------- phase

PHASES = [
    ("方案准备阶段", Phase.PREPARATION),
    ("方案準備階段", Phase.PREPARATION),
    ("准备", Phase.PREPARATION),
    ("准备阶段", Phase.PREPARATION),
    ("方案启动与准备阶段", Phase.PREPARATION),
    ("Preparation", Phase.PREPARATION),
    ("prep", Phase.PREPARATION),
    ("Planning", Phase.PREPARATION),
    ("kick-off", Phase.PREPARATION),
    ("Kickoff", Phase.PREPARATION),
    ("1. 准备", Phase.PREPARATION),
    ("第一阶段：准备", Phase.PREPARATION),
    ("一、方案准备阶段", Phase.PREPARATION),
    ("Phase 1 — Kick-off and preparation", Phase.PREPARATION),
    ("执行", Phase.EXECUTION),
    ("执行阶段", Phase.EXECUTION),
    ("Execution", Phase.EXECUTION),
    ("launch", Phase.EXECUTION),
    ("执行监控阶段", Phase.MONITORING),
    ("執行監控階段", Phase.MONITORING),
    ("监控", Phase.MONITORING),
    ("Monitoring", Phase.MONITORING),
    ("tracking", Phase.MONITORING),
    ("执行落地与过程监控阶段", Phase.MONITORING),
    ("Execution and monitoring", Phase.MONITORING),
    ("效果复盘阶段", Phase.REVIEW),
    ("复盘", Phase.REVIEW),
    ("效果评估与复盘阶段", Phase.REVIEW),
    ("Review", Phase.REVIEW),
    ("evaluation", Phase.REVIEW),
    ("Retrospective", Phase.REVIEW),
    ("post-mortem", Phase.REVIEW),
    ("Phase 3: Review", Phase.REVIEW),
    ({"name": "Review"}, Phase.REVIEW),
]


@pytest.mark.parametrize(("raw", "phase"), PHASES, ids=str)
def test_parse_phase(raw, phase):
    assert parse_phase(raw) is phase


@pytest.mark.parametrize("raw", ["2", "第二阶段", "Phase 2", "foo", "阶段", 3, True])
def test_parse_phase_refusals(raw):
    assert "phase" in refused(parse_phase, raw).expected


# --------------------------------------------------------------------------- owners


def owner(people=(), departments=(), roles=(), collective=False) -> OwnerCell:
    return OwnerCell(tuple(people), tuple(departments), tuple(roles), collective)


OWNERS = [
    # department and person together (the seed's 责任部门/人)
    ("市场部-张三", owner(["张三"], ["市场部"])),
    ("市场部 张三", owner(["张三"], ["市场部"])),
    ("市场部张三", owner(["张三"], ["市场部"])),
    ("市场部/张三", owner(["张三"], ["市场部"])),
    ("市场部：张三", owner(["张三"], ["市场部"])),
    ("张三（市场部）", owner(["张三"], ["市场部"])),
    ("張三（市場部）", owner(["張三"], ["市場部"])),
    ("Marketing — Zhang", owner(["Zhang"], ["Marketing"])),
    ("Zhang (Marketing)", owner(["Zhang"], ["Marketing"])),
    ("Marketing-Zhang", owner(["Zhang"], ["Marketing"])),
    ("Marketing / Alice Chen", owner(["Alice Chen"], ["Marketing"])),
    ("Customer Success - Amy", owner(["Amy"], ["Customer Success"])),
    ("IT部-李雷", owner(["李雷"], ["IT部"])),
    ("人力资源部 王芳", owner(["王芳"], ["人力资源部"])),
    ("市场部Alice", owner(["Alice"], ["市场部"])),
    # lists
    ("张三、李四", owner(["张三", "李四"])),
    ("张三,李四", owner(["张三", "李四"])),
    ("张三，李四", owner(["张三", "李四"])),
    ("张三/李四", owner(["张三", "李四"])),
    ("张三和李四", owner(["张三", "李四"])),
    ("A / B", owner(["A", "B"])),
    ("Alice and Bob", owner(["Alice", "Bob"])),
    ("Alice & Bob", owner(["Alice", "Bob"])),
    ("财务部/市场部", owner([], ["财务部", "市场部"])),
    # what a reader skips: field labels, notes on a part, phones, a name said twice
    ("负责人：张伟", owner(["张伟"])),
    ("DRI: @bob", owner(["bob"])),
    ("张三（主）、李四（协助）", owner(["张三", "李四"])),
    ("市场部牵头，财务部配合", owner([], ["市场部", "财务部"])),
    ("张伟 13800138000", owner(["张伟"])),
    ("张伟 <zhang.wei@brand.com>", owner(["张伟"])),
    ("李娜@电商部", owner(["李娜"], ["电商部"])),
    ("张伟（Zhang Wei）", owner(["张伟"])),
    ("张伟 Zhang Wei", owner(["张伟"])),
    ("Alice Wang（王爱丽）", owner(["Alice Wang"])),
    ("Alice（市场部）", owner(["Alice"], ["市场部"])),  # a name and a unit, not one twice
    ("张三（Marketing）", owner(["张三"], ["Marketing"])),
    ("市场部 (Marketing)", owner([], ["市场部"])),  # one unit in two languages
    ("品牌部 / Brand team", owner([], ["品牌部"])),
    ("Head of Marketing", owner([], ["Marketing"], ["Head"])),
    ("Alice + a Finance analyst", owner(["Alice"], ["Finance"], ["analyst"])),
    ("店长", owner([], [], ["店长"])),
    ("销售部某某", owner(["*"], ["销售部"])),
    ("供应商", owner([], ["供应商"])),  # a party outside: a unit, whose person is asked
    ("代理商（蓝天广告）", owner([], ["代理商"])),  # the party and its name: one unit
    ("Agency (Ogilvy)", owner([], ["Agency"])),
    ("王芳 wangfang@abc-tech.cn", owner(["王芳"])),
    ("王磊(wanglei)", owner(["王磊"])),
    ("Karen Tsang 曾嘉慧", owner(["Karen Tsang"])),
    ("Kelly张", owner(["Kelly张"])),
    ("黃sir", owner(["黃sir"])),  # as written
    ("María García-López", owner(["María García-López"])),
    ("Jürgen (Trade Marketing DE)", owner(["Jürgen"], ["Trade Marketing"])),
    ('["Alice Wang", "Bob Li"]', owner(["Alice Wang", "Bob Li"])),
    ("業務一課 吳先生", owner(["吳先生"], ["業務一課"])),
    ("找王总", owner(["王总"])),
    ("小陈跟一下", owner(["小陈"])),
    ("问下财务", owner([], ["财务"])),
    ("Design (freelancer: Leo)", owner(["Leo"], ["Design"])),
    ("Finance (approve) / Marketing (execute)", owner([], ["Finance", "Marketing"])),
    # names and units as teams across Asia and Europe write them
    ("李明 Leo", owner(["李明"])),
    ("김민준", owner(["김민준"])),
    ("Rajesh Kumar s/o Subramaniam", owner(["Rajesh Kumar so Subramaniam"])),
    ("Ana García y Lucía Fernández", owner(["Ana García", "Lucía Fernández"])),
    ("Hélène Dubois (Marketing France)", owner(["Hélène Dubois"], ["Marketing"])),
    ("Sales MY", owner([], ["Sales"])),
    ("Leiterin Marketing", owner([], ["Marketing"], ["Leiterin"])),
    ("Agentur (Scholz & Friends)", owner([], ["Scholz & Friends"])),  # the agency, by name
    ("KOL agency", owner([], ["KOL agency"])),
    ("ODM厂商", owner([], ["ODM厂商"])),
    ("Head of Demand Gen", owner([], ["Demand Gen team"], ["Head"])),
    ("Alice Wang (support: Bob Li)", owner(["Alice Wang", "Bob Li"])),
    ("All AEs", owner([], [], ["AEs"], collective=True)),
    ("张伟等", owner(["张伟"], collective=True)),
    ("全體同仁", owner(collective=True)),
    ("cross-functional team", owner(collective=True)),
    ("待确认", owner()),
    ("Finance / Marketing", owner([], ["Finance", "Marketing"])),
    # titles without a name
    ("市场部经理", owner([], ["市场部"], ["经理"])),
    ("市场部设计岗", owner([], ["市场部"], ["设计岗"])),
    ("Marketing manager", owner([], ["Marketing"], ["manager"])),
    ("Marketing designer", owner([], ["Marketing"], ["designer"])),
    ("Marketing event owner", owner([], ["Marketing"], ["event owner"])),
    ("数据分析师", owner([], ["数据"], ["分析师"])),
    ("Data analyst", owner([], ["Data"], ["analyst"])),
    ("设计组长", owner([], ["设计"], ["组长"])),
    ("活动负责人", owner([], [], ["活动负责人"])),
    # the seed's redacted names: "*" is a person whose name was blanked out
    ("市场部*经理", owner(["*"], ["市场部"], ["经理"])),
    ("市场部*设计岗", owner(["*"], ["市场部"], ["设计岗"])),
    ("市场部*活动负责人", owner(["*"], ["市场部"], ["活动负责人"])),
    ("数据分析师*", owner(["*"], ["数据"], ["分析师"])),
    ("销售部*负责", owner(["*"], ["销售部"])),
    ("市场部*负责渠道投放", owner(["*"], ["市场部"])),
    ("市场部*经理、销售部*经理", owner(["*", "*"], ["市场部", "销售部"], ["经理"])),
    ("张*", owner(["张*"])),
    # a surname with a title is a particular person
    ("王经理", owner(["王经理"])),
    ("张总", owner(["张总"])),
    # people and departments alone
    ("张三", owner(["张三"])),
    ("王小明", owner(["王小明"])),
    ("欧阳娜娜", owner(["欧阳娜娜"])),
    ("王和平", owner(["王和平"])),  # 和 inside a name does not split it
    ("张小科", owner(["张小科"])),  # 科 ends a name here, not a section
    ("@张三", owner(["张三"])),
    ("Alice", owner(["Alice"])),
    ("Bob Lee", owner(["Bob Lee"])),
    ("Zhang Wei", owner(["Zhang Wei"])),
    ("Jean-Luc Picard", owner(["Jean-Luc Picard"])),
    ("alice@example.com", owner(["alice@example.com"])),
    ("市场部", owner([], ["市场部"])),
    ("市场部活动组", owner([], ["市场部活动组"])),
    ("小红书运营组", owner([], ["小红书运营组"])),
    ("Marketing", owner([], ["Marketing"])),
    ("HR", owner([], ["HR"])),
    ("R&D", owner([], ["R&D"])),
    ("Growth team", owner([], ["Growth team"])),
    # groups
    ("全体执行团队", owner(collective=True)),
    ("whole team", owner(collective=True)),
    ("the whole team", owner(collective=True)),
    ("各部门负责人", owner([], [], ["负责人"], True)),
    ("all department heads", owner(collective=True)),
    ("department heads", owner(collective=True)),
    ("所有人", owner(collective=True)),
    ("everyone", owner(collective=True)),
    ("市场部和销售部共同负责", owner([], ["市场部", "销售部"], [], True)),
    # placeholders name nobody
    ("TBD", owner()),
    ("待分配", owner()),
    ("unassigned", owner()),
    # vendor objects
    ([{"id": "usr1", "email": "a@x.com", "name": "Alice"}], owner(["Alice"])),
    (
        [{"object": "user", "id": "u1", "name": "Bob"}, {"object": "user", "id": "u2"}],
        owner(["Bob", "u2"]),
    ),
    ({"name": "市场部"}, owner([], ["市场部"])),  # a select option is text
    (["市场部", "张三"], owner(["张三"], ["市场部"])),
    # a fourth round: agencies by name, shares, scripts and orders of South-East and
    # East Asia, and what must not change with them
    ("Ogilvy", owner([], ["Ogilvy"])),
    ("奥美（Ogilvy）", owner([], ["奥美"])),  # one agency in two languages
    ("Jacky Cheung @ Ogilvy", owner(["Jacky Cheung"], ["Ogilvy"])),
    ("李小姐（代理商）", owner(["李小姐"], ["代理商"])),  # a person at an outside party
    ("张伟 60% / 李娜 40%", owner(["张伟", "李娜"])),
    ("100%", None),  # a share with no name is no owner
    ("🚀 Mia", owner(["Mia"])),
    ("原黄磊→现何静", owner(["何静"])),  # a handover: who owns it now
    ("张三（已离职）", owner(["张三"])),
    ("王总审批，小李执行", owner(["王总", "小李执行"])),
    ("品牌部主導，財務部協辦", owner([], ["品牌部", "財務部"])),
    ("品牌部 王*主管", owner(["王*主管"], ["品牌部"])),
    ("会员中心·冯雨桐", owner(["冯雨桐"], ["会员中心"])),
    ("设计中心·视觉组", owner([], ["设计中心·视觉组"])),
    ("美妆BU", owner([], ["美妆BU"])),
    ("HQ", owner([], ["HQ"])),
    ("Marketing HQ", owner([], ["Marketing HQ"])),  # a team word after a unit
    ("Team Alpha", owner([], ["Team Alpha"])),
    ("Équipe communication", owner([], ["Équipe communication"])),
    ("Divisi Pemasaran - Pak Hendra", owner(["Pak Hendra"], ["Divisi Pemasaran"])),
    ("Budi, Sari dan Tim Kreatif", owner(["Budi", "Sari"], ["Tim Kreatif"])),
    ("Ah Wai 同 Mandy", owner(["Ah Wai", "Mandy"])),
    ("增长小组 × 数据中心", owner([], ["增长小组", "数据中心"])),
    ("Brand x Growth", owner([], ["Brand", "Growth"])),
    ("Nguyễn Thị Lan", owner(["Nguyễn Thị Lan"])),
    ("Trưởng phòng kinh doanh", owner([], ["phòng kinh doanh"], ["Trưởng"])),
    ("คุณสมศรี", owner(["คุณสมศรี"])),
    ("ฝ่ายการตลาด", owner([], ["ฝ่ายการตลาด"])),
    ("ทุกคน", owner(collective=True)),
    ("마케팅팀 이서연 팀장", owner(["이서연"], ["마케팅팀"])),  # the title is hers
    ("팀장", owner([], [], ["팀장"])),
    ("高橋 美咲", owner(["高橋 美咲"])),  # a family name, a space, a given name
    ("陳 大文", owner(["陳 大文"])),
    ("张三 李四", owner(["张三", "李四"])),  # two full names stay two people
    ("山本健太", owner(["山本健太"])),
    ("鈴木さん", owner(["鈴木"])),
    ("Kelly 张 跟进", owner(["Kelly 张"])),
    ("Marketing 张", owner(["张"], ["Marketing"])),  # a unit and a surname stay two
    ("黃嘉欣 Wong Ka Yan", owner(["黃嘉欣"])),
    ("空缺", owner()),
    ("Semua kakitangan", owner(collective=True)),
    ("谁有空谁做", owner(collective=True)),
    # a fifth: what tools export and how companies name their units
    ("Tony-王涛", owner(["王涛"])),  # a WeCom display name: one person
    ("王涛Tony", owner(["王涛"])),
    ("Marketing-张三", owner(["张三"], ["Marketing"])),  # a unit, not an English name
    ("~~刘洋~~ 陈静", owner(["陈静"])),  # struck through: no longer the owner
    ("李娜（原）/ 张伟（现）", owner(["张伟"])),
    ("Was: Greg; Now: Hannah", owner(["Hannah"])),
    ("原负责人郑浩→现由吴婷接手", owner(["吴婷"])),
    ("周倩?", owner(["周倩"])),
    ("Assignee: Priya Raman", owner(["Priya Raman"])),
    ("担当：佐藤", owner(["佐藤"])),
    ("KA渠道部 / 孙经理", owner(["孙经理"], ["KA渠道部"])),
    ("618专项组", owner([], ["618专项组"])),
    ("二组 小陈、小李", owner(["小陈", "小李"], ["二组"])),
    ("华北大区 赵总", owner(["赵总"], ["华北大区"])),
    ("香港辦事處", owner([], ["香港辦事處"])),
    ("外部公关公司", owner([], ["外部公关公司"])),
    ("品牌公關部", owner([], ["品牌公關部"])),
    ("私域运营组组长", owner([], ["私域运营组"], ["组长"])),
    ("分公司市场专员", owner([], ["分公司市场"], ["专员"])),
    ("直播间 主播小美 + 场控阿杰", owner(["小美", "阿杰"], ["直播间"])),
    ("各门店", owner(collective=True)),
    ("鈴木課長", owner(["鈴木課長"])),
    ("山田（マーケ部）", owner(["山田"], ["マーケ部"])),
    ("Partner Marketing", owner([], ["Partner Marketing"])),
    ("Edelman (PR AOR)", owner([], ["Edelman"])),
    ("Agency: Mother London", owner([], ["Mother London Agency"])),
    ("Pak Budi & Bu Sari", owner(["Pak Budi", "Bu Sari"])),  # Bu: Mrs, no business unit
    ("João Pereira e Ana Souza", owner(["João Pereira", "Ana Souza"])),
    ("@channel", owner(collective=True)),
    # a sixth: public bodies, grades and numbers around names, other scripts
    ("团委 张书记（牵头）", owner(["张书记"], ["团委"])),
    ("区文旅局 + 街道办", owner([], ["区文旅局", "街道办"])),
    ("王局", owner(["王局"])),  # how a bureau chief is addressed: a person
    ("P7 王伟", owner(["王伟"])),
    ("张伟(10086)", owner(["张伟"])),
    ("1. 张伟 2. 李娜", owner(["张伟", "李娜"])),
    ("A角：张伟 B角：李娜", owner(["张伟", "李娜"])),
    ("@amy @kevin", owner(["amy", "kevin"])),
    ("教务处、招生办、各学院", owner([], ["教务处", "招生办"], [], True)),
    ("María José de la Cruz (Mktg LatAm)", owner(["María José de la Cruz"], ["Mktg"])),
    ("Gerente de Marca", owner([], ["Marca"], ["Gerente"])),
    ("Shared Services", owner([], ["Shared Services"])),
    ("أحمد الحربي", owner(["أحمد الحربي"])),
    ("قسم التسويق", owner([], ["قسم التسويق"])),
    ("विपणन विभाग – राहुल शर्मा", owner(["राहुल शर्मा"], ["विपणन विभाग"])),
    # a seventh, representative: regions, stores and outside parties as teams write them
    ("北美区-Jason", owner(["Jason"], ["北美区"])),
    ("中东区负责人", owner([], ["中东区"], ["负责人"])),
    ("春熙路店-店长", owner([], ["春熙路店"], ["店长"])),
    ("外包设计", owner([], ["外包设计"])),
    ("设计外包", owner([], ["设计外包"])),
    ("Amazon运营-陈晨", owner(["陈晨"], ["Amazon运营"])),
    ("Olivia (was Tom)", owner(["Olivia"])),
    ("Ms Tan to confirm", owner(["Ms Tan"])),
    ("Finance / Finanzen", owner([], ["Finance"])),
    ("JD", owner(["JD"])),  # initials, not 京东
    ("Korea team", owner([], ["Korea team"])),  # a market's team: read as nobody before
    ("SG office", owner([], ["SG office"])),
    # round 8: each of a kind of unit; a platform's team; an acronym before a title
    ("各校区", owner([], [], [], True)),
    ("各国担当", owner([], [], ["担当"], True)),
    ("各区域经理", owner([], [], ["经理"], True)),  # 区域, not 区 then a person 域
    ("天猫运营-林晓", owner(["林晓"], ["天猫运营"])),
    ("KOL对接人", owner([], [], ["KOL对接人"])),
    ("KOL对接 - 周周", owner(["周周"])),
    # a unit in two languages, a unit and its agency: one unit (read as two before)
    ("客户关系中心（CRM）", owner([], ["客户关系中心"])),
    ("PR (Edelman)", owner([], ["Edelman"])),
    ("4A公司（蓝色光标）", owner([], ["4A公司"])),
    ("Cheil (agency)", owner([], ["Cheil agency"])),  # a person before
    # stores and branches (a store was read as a person: 白 leads names too)
    ("白云店 / 花都店", owner([], ["白云店", "花都店"])),
    ("汉口分院", owner([], ["汉口分院"])),
    ("广汽丰田厂家", owner([], ["广汽丰田厂家"])),
    # one person, with a note on what they are doing or their name in another script
    ("黄医生（出诊中）", owner(["黄医生"])),
    ("张三（华中）", owner(["张三"], ["华中"])),  # a region, not a note
    ("Neha (followup)", owner(["Neha"])),
    ("Regional managers (all)", owner([], [], ["Regional managers"], True)),
    ("Kenneth 李家俊", owner(["Kenneth"])),
    ("Lee Min-jun 이민준", owner(["Lee Min-jun"])),
    ("Alice 市场部", owner(["Alice"], ["市场部"])),
    # a function alone, a function before a unit word in lower case
    ("Trade – Hemi & Kate", owner(["Hemi", "Kate"], ["Trade"])),
    ("Aviation partnerships – Matt", owner(["Matt"], ["Aviation partnerships"])),
    ("Ms Tan (Leasing)", owner(["Ms Tan"], ["Leasing"])),
    ("周一鸣", owner(["周一鸣"])),  # a name, though 周一 is Monday
    ("all markets", owner([], [], [], True)),
    ("sab log", owner([], [], [], True)),  # Hindi: everyone
    # round 9: French, Vietnamese, Indonesian and Arabic cells; game publishing teams
    ("欧洲站运营-Amy", owner(["Amy"], ["欧洲站运营"])),
    ("深圳仓 阿杰", owner(["阿杰"], ["深圳仓"])),
    ("研發部（新品）", owner([], ["研發部"])),  # the unit's area, not a person 新品
    ("市场部（负责人：张伟）", owner(["张伟"], ["市场部"])),
    ("社区运营 Leo", owner(["Leo"], ["社区运营"])),
    ("日本发行 - 佐藤", owner(["佐藤"], ["日本发行"])),
    ("韩国代理（Kakao Games）", owner([], ["韩国代理"])),
    ("外包设计（蓝天）", owner([], ["外包设计"])),
    ("全體員工", owner([], [], [], True)),
    ("Agensi (Dentsu)", owner([], ["Agensi"])),
    ("Andi (sebelumnya Rina)", owner(["Andi"])),
    ("Julien (en congés)", owner(["Julien"])),
    ("chị Mai (nghỉ phép)", owner(["chị Mai"])),
    ("Omar Haddad عمر حداد", owner(["Omar Haddad"])),
    ("CEO Office", owner([], ["CEO Office"])),
    ("Siège + équipe Chine", owner([], ["Siège", "équipe Chine"])),
    ("Boutique 恒隆", owner([], ["Boutique 恒隆"])),
    ("Cả team", owner([], [], [], True)),
    ("Chi nhánh Hà Nội", owner([], ["Chi nhánh Hà Nội"])),
    ("Giám đốc", owner([], [], ["Giám đốc"])),
    ("Chef de projet", owner([], [], ["Chef"])),
    ("Revenue Operations (RevOps)", owner([], ["Revenue Operations"])),
    ("Jake Miller (Demand Gen)", owner(["Jake Miller"], ["Demand Gen"])),
    ("à définir", owner()),
    ("Chưa phân công", owner()),
    # round 10: Spanish, Portuguese, Japanese and Malay cells; a hospital; a charity
    ("眼科", owner([], ["眼科"])),
    ("陈主任（骨科）+ 李护士长", owner(["陈主任", "李护士长"], ["骨科"])),
    ("全院", owner([], [], [], True)),
    ("Mercadotecnia - Ana López", owner(["Ana López"], ["Mercadotecnia"])),
    ("Coordinador de Trade", owner([], ["Trade"], ["Coordinador"])),
    ("Chef de projet", owner([], [], ["Chef"])),  # a project is no unit
    ("Time de CRM + Jurídico", owner([], ["Time de CRM", "Jurídico"])),
    ("Thiago (ex-Lucas)", owner(["Thiago"])),
    ("佐藤・鈴木", owner(["佐藤", "鈴木"])),  # the Japanese middle dot lists names
    ("买买提·艾力", owner(["买买提·艾力"])),  # the Chinese one joins a name's parts
    ("田中さん（主）、山本さん（サポート）", owner(["田中", "山本"])),
    ("PR代理店（ベクトル）", owner([], ["PR代理店"])),
    ("中村 恵 Megumi Nakamura", owner(["中村 恵"])),
    ("張三 李四 Alice Wang", owner(["張三", "李四", "Alice Wang"])),
    ("広報部／PR", owner([], ["広報部"])),
    ("Germany & France teams", owner([], ["Germany team", "France team"])),
    ("Puchong & Cheras branches", owner([], ["Puchong branch", "Cheras branch"])),
    ("Jabatan Pemasaran / Marketing Dept.", owner([], ["Jabatan Pemasaran"])),
    ("Agensi luar (Iklan Maju Sdn Bhd)", owner([], ["Agensi"])),
    ("Semua ejen", owner([], [], [], True)),
    ("Todo el equipo", owner([], [], [], True)),
    ("Team leader", owner([], [], ["Team leader"])),
    ("待确认", owner()),  # a placeholder, not a status
    # round 11: German, Italian, Thai, Korean, Hindi-English, a bank, Hong Kong
    ("Niederlassung Stuttgart", owner([], ["Niederlassung Stuttgart"])),
    ("gesamter Vertrieb", owner([], ["Vertrieb"], [], True)),
    ("N.N.", owner()),
    ("tutto il team eventi", owner([], ["il team eventi"], [], True)),
    ("MarCom + F&B", owner([], ["MarCom", "F&B"])),
    ("ทุกแผนก", owner([], [], [], True)),
    ("미정", owner()),
    ("Marketing poori team", owner([], ["Marketing team"], [], True)),
    ("全行", owner([], [], [], True)),
    (
        "co-owned by Brand and Product Marketing",
        owner([], ["Brand", "Product Marketing"], [], True),
    ),
    # round 11's structures, mended after it was scored
    ("박 과장 / 최 대리", owner(["박 과장", "최 대리"])),  # a family name, a space, a title
    ("마케팅팀장", owner([], ["마케팅팀"], ["팀장"])),  # a unit and its head, glued
    ("김지수(주)\n정하늘(보조)", owner(["김지수", "정하늘"])),  # main and support: notes
    ("ผู้จัดการฝ่ายขาย", owner([], ["ฝ่ายขาย"], ["ผู้จัดการ"])),
    ("Agenzia Karla Otto", owner([], ["Karla Otto Agenzia"])),  # the agency's name
    ("Fornitore catering (Peck)", owner([], ["Fornitore"])),
    ("Responsabile Eventi", owner([], ["Eventi"], ["Responsabile"])),
    ("Jan Becker, Tel. 0711 45 67-210", owner(["Jan Becker"])),
    ("Giulia R. 60% / Chiara 40%", owner(["Giulia R.", "Chiara"])),
    ("عبدالله القحطاني Abdullah Al-Qahtani", owner(["عبدالله القحطاني"])),
    # rounds 12 and 13
    ("Miller, Robert", owner(["Robert Miller"])),  # as a directory lists a name
    ("Van den Berg, Thomas", owner(["Thomas Van den Berg"])),
    ("Jason, Amy", owner(["Jason", "Amy"])),  # two given names: two people
    ("Hui Min +65 9123 4567", owner(["Hui Min"])),
    ("from Amy to Ben", owner(["Ben"])),
    ("Sanne → Daan (per Q3)", owner(["Daan"])),
    ("品牌處 / Brand Office", owner([], ["品牌處"])),  # one unit in two languages
    ("디지털마케팅 담당자", owner([], ["디지털마케팅"], ["담당자"])),
    ("Agency: Edelman / Ivan", owner(["Ivan"], ["Edelman Agency"])),
    ("加盟商（王总）", owner(["王总"], ["加盟商"])),
    ("Vertrieb Süd", owner([], ["Vertrieb Süd"])),
    ("Bộ phận Kinh doanh - Trần Văn Hùng", owner(["Trần Văn Hùng"], ["Bộ phận Kinh doanh"])),
    ("All hands", owner([], [], [], True)),
    ("Afgerond", None),  # a status (Dutch: finished)
    # round 14: eight Chinese teams' cells
    ("胡斌 138 0710 2233", owner(["胡斌"])),
    ("王小明（分機 215）", owner(["王小明"])),
    ("企划部（原钱磊→现孙悦）", owner(["孙悦"], ["企划部"])),
    ("Nova（原：老K）", owner(["Nova"])),
    ("Tina（外包：星熠传媒）", owner(["Tina"], ["外包"])),
    ("B站运营-团子", owner(["团子"], ["B站运营"])),
    ("各商户", owner([], [], [], True)),
    ("TBD（等HC）", owner()),
    ("直播中", None),  # what the task is doing
    ("周五前", None),  # a deadline
    ("李建中", owner(["李建中"])),  # a given name ending in 中 is still a name
    ("商家：三只松鼠", owner([], ["商家"])),  # the client, by its company's name
    ("客户：颜究所", owner([], ["客户"])),
]


def test_an_owner_cell_reads_the_same_in_every_process():
    """Python salts string hashes per process, so a set's order changes between runs:
    the owner parser must not depend on it. 电商运营经理 holds two unit words of one
    length (电商, 运营); it once read as 电商 + 运营经理 in some processes."""
    script = (
        "from tasklint.connectors.cells import parse_owner as p;"
        "print([(p(t).departments, p(t).roles) for t in ('电商运营经理', '新媒体运营专员')])"
    )
    seen = {
        subprocess.run(
            [sys.executable, "-c", script],
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in range(6)
    }
    assert seen == {"[(('电商运营',), ('经理',)), (('新媒体运营',), ('专员',))]\n"}


@pytest.mark.parametrize(("raw", "cell"), OWNERS, ids=str)
def test_parse_owner(raw, cell):
    if cell is None:
        assert "owner" in refused(parse_owner, raw).expected
    else:
        assert parse_owner(raw) == cell


@pytest.mark.parametrize(
    "raw",
    [
        "123",
        "!!!",
        "我不知道谁负责这个任务啊",
        5,
        1.5,
        True,
        {"x": 1},
        "同上",  # the owner is in another row: each row must say it
        "see attachment",
        "Needs approval before Friday",  # a sentence, not a name
        "电话联系",  # four characters no surname leads are no name
        "voir ci-dessus",
        "已完成",  # a status in the owner column
        "Done",
        "下周三",  # a date
        "同上列",
        "小红书+视频号",  # channels, not owners
        "https://confluence.example.com/x/raci",
        "负责推进KOL投放",  # a sentence
        "已取消",  # an outcome, in the owner column
        "周六",  # a weekday (周一鸣 is a name)
        "pending approval",  # a status
        "Meta ads",  # a channel
        "Đã xong",  # a status in Vietnamese, and in French
        "Validé",
        "Thứ Sáu",  # a weekday
        "End of Ramadan",  # a date
        "Isnin depan",  # next Monday, in Malay
        "viernes",
        "Pendiente de aprobación",  # a status, in Spanish
        "待院长审批",  # waiting for the dean's approval
        "JustGiving page",  # where the task runs
        "After Ramadan",
        "已搞掂",  # done, in Cantonese
        "เสร็จแล้ว",  # done, in Thai
        "Snapchat ads",
    ],
)
def test_parse_owner_refusals(raw):
    assert "owner" in refused(parse_owner, raw).expected


def test_parse_people():
    assert parse_people("张三、李四") == ("张三", "李四")
    assert parse_people("市场部") == ()
    assert parse_people([{"id": "usr1", "email": "a@x.com", "name": "Alice"}]) == ("Alice",)
    assert parse_people([{"object": "user", "id": "u1", "name": "Bob"}]) == ("Bob",)
    assert parse_people(None) == ()
    # the joining words in any case; the Chinese ones as written
    assert parse_people("Alice AND Bob") == parse_people("Alice and Bob") == ("Alice", "Bob")
    assert parse_people("张三 With 李四") == ("张三", "李四")
    assert parse_people("Ann Plus Bo") == ("Ann", "Bo")
    assert parse_people("张三以及李四") == ("张三", "李四")


def test_parse_person_records_keep_ids_and_emails():
    people = parse_person_records(
        [
            {"id": "usr1", "email": "a@x.com", "name": "Alice"},
            {"object": "user", "id": "u1", "person": {"email": "b@x.com"}},
            "张三",
        ]
    )
    assert people == (
        Person(name="Alice", id="usr1", email="a@x.com"),
        Person(name="b@x.com", id="u1", email="b@x.com"),
        Person(name="张三"),
    )


# --------------------------------------------------------------------------- ignore codes

CODES = [
    ("S403, B502 — vendor delay", (["S403", "B502"], [])),
    ("S403", (["S403"], [])),
    ("s403", (["S403"], [])),
    ("Ｓ４０３", (["S403"], [])),
    ("S403 S403", (["S403"], [])),
    ("S403、B502（供应商延期）", (["S403", "B502"], [])),
    ("S403;B502", (["S403", "B502"], [])),
    ("ignore: S403", (["S403"], [])),
    ("忽略：S403", (["S403"], [])),
    ("S403-vendor", (["S403"], [])),
    ("S40, B502", (["B502"], ["S40"])),
    ("SS403 S403", (["S403"], ["SS403"])),
    ("4031", ([], ["4031"])),
    ("S-403 B502", (["B502"], ["S-403"])),
    ("S4031", ([], ["S4031"])),
    ("vendor delay", ([], [])),
    (["S403", "B502"], (["S403", "B502"], [])),
    ([{"name": "S403"}], (["S403"], [])),
    ("", ([], [])),
    (None, ([], [])),
]


@pytest.mark.parametrize(("raw", "result"), CODES, ids=str)
def test_parse_codes(raw, result):
    assert parse_codes(raw) == result


def test_parse_codes_returns_fresh_lists():
    codes, _ = parse_codes("S403")
    codes.append("X999")
    assert parse_codes("S403") == (["S403"], [])


# --------------------------------------------------------------------------- properties

PARSERS = [
    parse_number,
    parse_money,
    parse_percent,
    parse_progress,
    parse_date,
    parse_date_range,
    parse_status,
    parse_phase,
    parse_owner,
    parse_people,
    parse_person_records,
    parse_codes,
]

# Text a table can hold: anything, emoji, control characters, numbers mixed with words.
_MESSY = st.one_of(
    st.text(),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=50),
    st.text(
        alphabet="0123456789,.%万亿千百十一二三四五六七八九零两点成¥$-+() /年月日号:T", max_size=30
    ),
    st.text(alphabet="\x00\x01\x07\x1b\t\n\r\x7f\u200b\ufeff\u202e", max_size=20),
    st.text(alphabet="😀🎉✅❌⚠️☑□■🔥👍🏽‍", max_size=10),
    st.text(alphabet="□■☑[]x 已完成未异常/", max_size=20),
    st.text(alphabet="市场部张三李四、/和-*（）经理 AliceBob&", max_size=30),
    # a chat group and a mention of everyone in it (飞书群 @所有人 once raised IndexError)
    st.text(alphabet="飞书群@所有人全员 ,/、all()市场部Amy", max_size=20),
    st.from_regex(r"(?:[飞书微信钉]{2}群|市场部|Amy)\s*@\s*(?:所有人|全员|all)?", fullmatch=True),
    st.from_regex(r"[A-Za-z]\d{1,5}([,、 ]+[A-Za-z]\d{2,4})*( — .*)?", fullmatch=True),
    st.builds(lambda a, b: f"{a}{b}", st.integers(), st.text(max_size=5)),
    st.builds(lambda a, b: f"{a}/{b}", st.integers(-5, 40), st.integers(-5, 40)),
)


@pytest.mark.parametrize("parser", PARSERS, ids=lambda p: p.__name__)
@given(raw=_MESSY)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_parsers_raise_only_cell_errors(parser, raw):
    try:
        parser(raw)
    except CellError as error:
        assert error.expected


@pytest.mark.parametrize("parser", PARSERS, ids=lambda p: p.__name__)
@given(
    raw=st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(),
        st.lists(st.one_of(st.text(max_size=8), st.integers()), max_size=3),
        st.dictionaries(
            st.sampled_from(["name", "id", "error", "start", "end"]), st.text(max_size=8)
        ),
    )
)
@settings(max_examples=100, deadline=None)
def test_parsers_raise_only_cell_errors_on_any_type(parser, raw):
    with contextlib.suppress(CellError):
        parser(raw)


@pytest.mark.parametrize("parser", PARSERS, ids=lambda p: p.__name__)
@pytest.mark.parametrize(
    "raw",
    ["9" * 10_000, "万" * 10_000, "一" * 10_000, "张三、" * 2_000, "-" * 10_000, "1," * 5_000],
    ids=["nines", "wan", "yi", "owners", "dashes", "commas"],
)
def test_long_cells_are_read_or_refused(parser, raw):
    with contextlib.suppress(CellError):
        parser(raw)


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_number_round_trips_floats(x):
    assert parse_number(str(x)) == x
    assert parse_number(repr(x)) == x


@given(st.integers(min_value=-(10**100), max_value=10**100))
def test_number_round_trips_ints(n):
    assert parse_number(str(n)) == float(n)
    if abs(n) < 10**15:
        assert parse_number(f"{n:,}") == n


@given(st.one_of(st.integers(-10_000, 10_000), st.floats(allow_nan=False, allow_infinity=False)))
def test_percent_sign_divides_by_100(n):
    assert parse_percent(f"{n}%") == n / 100
    assert parse_number(f"{n}%") == n / 100


_LAYOUTS = [
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%Y.%m.%d",
    "%Y%m%d",
    "%Y年%m月%d日",
    "%b %d, %Y",
    "%B %d, %Y",
    "%d %B %Y",
    "%d %b %Y",
    "%d-%b-%Y",
    "%m/%d/%Y",
    "%a, %b %d, %Y",
    "%A, %B %d, %Y",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y/%m/%d %H:%M:%S",
]


@given(
    st.datetimes(min_value=datetime(1950, 1, 1), max_value=datetime(2099, 12, 31, 23, 59)),
    st.sampled_from(_LAYOUTS),
)
def test_dates_round_trip_through_strftime(moment, layout):
    assert parse_date(moment.strftime(layout)) == moment.date()


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2099, 12, 31)))
def test_dates_round_trip_unpadded_and_serial(day):
    today = day.replace(month=1, day=1)
    assert parse_date(f"{day.year}/{day.month}/{day.day}") == day
    assert parse_date(f"{day.year}年{day.month}月{day.day}日") == day
    assert parse_date(f"{day.month}月{day.day}日", today=today) == day
    assert parse_date(f"{day.month}/{day.day}", today=today) == day
    assert parse_date(day.strftime("%d/%m/%Y"), day_first=True) == day
    assert parse_date((day - date(1899, 12, 30)).days) == day
    assert parse_date_range(f"{day.isoformat()} → {(day + timedelta(days=3)).isoformat()}") == (
        day,
        day + timedelta(days=3),
    )


@given(
    st.datetimes(
        timezones=st.just(UTC), min_value=datetime(1950, 1, 2), max_value=datetime(2099, 12, 30)
    )
)
def test_iso_datetimes_convert_to_tz(moment):
    stamp = moment.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    assert parse_date(stamp, tz=SHANGHAI) == moment.astimezone(SHANGHAI).date()
    assert parse_date(stamp) == moment.date()


@given(st.sampled_from([s for s, _ in STATUSES if isinstance(s, str)]))
def test_status_labels_ignore_case_width_and_spaces(label):
    expected = parse_status(label)
    assert parse_status(f"  {label.upper()}  ") is expected
    assert parse_status(label.swapcase()) is expected


def test_cached_parsers_are_consistent():
    # lru_cache must not change answers between calls, nor leak between keyword variants
    for _ in range(3):
        assert parse_date("1/6/2025") == date(2025, 1, 6)
        assert parse_date("1/6/2025", day_first=True) == date(2025, 6, 1)
    assert math.isclose(parse_number("3万") or 0, 30000)


def test_our_own_status_labels_read_back():
    """The labels tasklint writes (DESIGN §4) are statuses it reads."""
    from tasklint.config.settings import STATUS_LABELS

    for labels in STATUS_LABELS.values():
        for value, label in labels.items():
            assert parse_status(label).value == value


@pytest.mark.parametrize(
    ("raw", "en", "zh"),
    [
        ("6/14 周五", "2025-06-14 is a Saturday, not a Friday", "2025-06-14 是星期六，不是星期五"),
        ("6月15日-6月1日", "ends before it starts", "结束早于开始"),
        ("明天", "another day tomorrow", "明天读来就是另一天了"),
    ],
)
def test_a_date_refused_for_a_reason_says_it_in_both_languages(raw, en, zh):
    error = refused(lambda r: parse_date(r, today=date(2025, 6, 20)), raw)
    assert en in error.expected
    assert error.expected_zh is not None and zh in error.expected_zh
    assert error.expected_zh.startswith("日期，如")


def test_a_plain_refusal_leaves_the_chinese_to_the_column_kind():
    assert refused(parse_number, "很多").expected_zh is None


# ------------------------------------------------------- a labelled set of messy cells
# tests/data/cells.jsonl: 4,468 cells (dates, numbers, progress, statuses; half Chinese)
# written in 37 rounds; the first 27 are told here, the later ones in the commits that
# added them (round 37, the last: Taiwan, Hong Kong, Japan, Korea, Brazil, Mexico, Spain,
# Germany, the Netherlands, India, Nigeria, Vietnam and Thailand, exports; it read 100%,
# 97.5%, 90% and 90% before tuning, all but one number after). The first 27: (320,
# 320, 240, 240, 240, 240, 240, 120 of the eighth's 200, 137
# of the ninth's 200, 146 of the tenth's, 127 of the eleventh's, 131 of the twelfth's,
# 90 of the thirteenth's, 88 of the fourteenth's, 89 of the fifteenth's, 78 of the
# sixteenth's, 84 of the seventeenth's, 81 of the eighteenth's, 107 of the nineteenth's,
# 129 of the twentieth's, 114 of the 21st's, 101 of the 22nd's, 118 of the 23rd's, 103
# of the 24th's, 106 of the 25th's, 80 of the 26th's and 94 of the 27th's: the rest were
# in the set already) with the value a person reads from each, by people who had not
# seen these parsers. Before they were tuned on the first round they agreed on 89% of
# its dates, 91% of numbers, 76% of progress cells and 90% of statuses; on the second
# round, written after that tuning (exports of Feishu, Notion, Airtable; Hong Kong,
# Singapore and Malaysia English), 94%, 90%, 85% and 90%; on the third (a year of a
# team's hurried cells and chat copies), 100%, 98%, 98% and 93%; on the fourth ("round
# 4" in its notes: project tools' labels, other languages' statuses and month names,
# lakh and dot grouping, 万/만/triệu/juta), 88%, 87%, 87% and 78% — with 18 labels set
# to the documented choices (relative dates, cancelled and percentages as fractions are
# refused or read as before; their notes say so); on the fifth ("round 5": finance and
# operations people's cells — approval states, ledgers' minus signs, decimal commas, ISO
# weeks, fiscal halves, progress bars), written after that tuning, 82%, 90%, 92% and 78%
# (two labels set to the documented choices), and 98%, 92%, 100%, 100% after (a decimal
# comma, 3,5 or 12.000,50, stays refused: 1,5 reads two ways); the sixth ("round 6") is
# representative — eight teams' cells as typed — and read 97% of its dates and 98% of
# its numbers before tuning (every status and progress cell), all after; the seventh
# ("round 7"), representative too (a Hangzhou apparel brand, a hospital group, a Mexico
# City drinks company, a Brazilian marketplace, a Tokyo cosmetics brand, an EV maker
# abroad, a London charity, a Kuala Lumpur agency), 95%, 92%, 100% and 95% before (13
# labels set to the convention that a status word in a progress cell is no progress:
# 已完成 there is X901, as the fourth to sixth rounds label it) — Portuguese months and
# statuses, MXN and R$, 1,200万円, ▲ for minus — and all after. The misses left are
# typos of words ("Jnue", "Compelted") and numbers in words ("five thousand"), refused
# with X901. The eighth ("round 8": Guangzhou cross-border, a Taipei publisher, London
# fashion, a New York agency, Jakarta FMCG, a Seoul beauty brand, a Paris house, a
# Riyadh retailer) read 72% of its dates, 90% of numbers, 98% of progress and 86% of
# statuses before tuning — Arabic, French and Indonesian statuses and weekdays, juil.,
# mi-septembre, 500rb, 약 5천, env. 8 000, "6/30 5pm ET", w/c, (五) and (월) beside a
# date, Korean dates (7월 말) — and all after, three day-first dates set to the
# convention (month first when both numbers can be). The ninth ("round 9": a Shanghai
# car launch, a Singapore bank, a Polish e-commerce company, a Hong Kong property
# agency, a Brazilian cosmetics brand, a Taiwanese tea chain in Japan, a US SaaS team's
# tool exports, a Chengdu tourism bureau) read 89%, 88%, 96% and 92% before tuning —
# Polish months, weekdays, statuses, tys. and ok., "mil" as a thousand in reais and
# pesos (RM 3.5 mil stays a million), até and do before a date, agosto/2025, 令和7年,
# 日圓, połowa and metade, 正在办理 — and all after but one label set to the convention
# (R$ 15.000 is fifteen thousand, as €5.000 is). The tenth ("round 10": a Hangzhou
# agency at 11.11, an Australian retailer's EOFY sale, a Turkish airline, a Hong Kong
# F&B group, a Mexican beverage company, a Korean game launch, a Swedish furniture
# brand, a Shenzhen hardware startup) read 71%, 71%, 94% and 79% before tuning — Turkish
# and Swedish months, statuses and money (₺, TL, bin, kr, 350 000:-), %12, Haziran sonu,
# slutet av augusti, v.34, 2025. 7. 15., 3분기, 七月尾, 蚊, mdp, COB, a milestone's code
# before a date or status (EVT：7月中旬, DVT进行中) — and 98%, 90%, 100% and 100% after
# (two labels set to the documented choices: 双11前 is 11 November, 250.000 TL as
# 250.000 €). Left: "$85 mil" (a million beside "$" alone), "45000 mil" (Turkish miles),
# 1억 2천만 원. The eleventh ("round 11", representative: a Beijing FMCG brand, a London
# charity, a Vietnamese coffee chain, a Taipei game publisher, a German auto-parts
# distributor, an Indian ed-tech startup, a Japanese convenience chain, a Singapore
# developer) read 79%, 77%, 96% and 88% before tuning — count words (箱, 枚, 下载, ly,
# Stk.), Vietnamese dates (ngày 20 tháng 7, cuối tháng 8, Thứ 6), German and Japanese
# weekdays (Fr, (金)), 114/07/15, w/e, c., khoảng, 約, đ, ₹15L, RAG statuses, Hinglish
# ho gaya — and 95%, 98%, 98%, 98% after (one label set to the documented choice: 1.200
# Stk. is 1.2). Left: "offen" as a date (it is a status word), Q2 FY26 (which fiscal
# year), a label before a date or progress ("Launch 19/07", "Structural works 40%"). The
# twelfth ("round 12", representative: a Chongqing motorbike maker, a New York museum, a
# Thai skincare brand, a Macau hotel, a French wine exporter, a Philippine telco, a
# Korean beauty team on Coupang, a Chengdu gaming-cafe chain) read 88%, 81%, 90% and 90%
# before tuning — Thai months, the Buddhist era (2568, 68), สิ้นเดือน, แสน and หมื่น,
# Thai statuses and progress, MOP and 澳門元, ₱, à moitié, 절반, 30%⏳, July EOM — and
# 100%, 96%, 100% and 100% after. Left: "P50k" (P for the peso), 3천만원 (천만
# compounded). The thirteenth ("round 13", representative: a Xiamen tea brand, a Warsaw
# accounting SaaS, the Harbin ice festival's tourism board, a Nairobi solar company, a
# Guangzhou dental chain, a Madrid sports-nutrition brand, a Hong Kong insurance agency,
# a Kunming flower shop) read 98%, 91%, 100% and 100% before tuning — KSh, KES, Ksh and
# 150,000/=, PLN, and 04.07.2025 (labelled month first; set to the documented choice,
# the 4th of July) — and all of them after. The fourteenth ("round 14", representative:
# a Shenyang dairy brand, a Lisbon hotel group, a Chongqing hotpot-base maker on Douyin,
# an Istanbul fashion brand, a Suzhou kindergarten chain, a Jakarta ride-hailing app, a
# Taipei tea chain entering Japan, a Sydney university) read all four kinds right before
# any tuning (Rp 5jt, Rp1.500.000, 15 de setembro de 2025, akhir Juli, Eylül 2025, (火),
# 上旬, %60). The fifteenth ("round 15": a Hangzhou women's-wear brand, a Manchester
# football club, a Xi'an museum, a Mumbai skincare brand, a Guangdong appliance maker, a
# Melbourne security firm, a Macau resort, a Wuhan hospital) read 100%, 98%, 100% and
# 100% before tuning; its one miss, 2.5L (a lakh without ₹ or Rs beside it), is left
# refused: in a beverage brand's target column 2.5L would be litres, and a silent lakh
# would multiply it by 100,000. The sixteenth ("round 16": a Changsha milk-tea chain, a
# Toronto brokerage, a Shandong machinery maker, a São Paulo fitness app, a Beijing
# tutoring company, a Dubai car dealer, a Kaohsiung restaurant group, a Seoul beauty
# brand's China team) read 100%, 96%, 100% and 98% before tuning and all right after:
# CAD had lost its CA to "circa" (ca 500), Dhs as the dirham, and a ⚠ or 🔴 before a
# label of work under way (⚠️ aguardando aprovação) reads abnormal. The seventeenth
# ("round 17", the round-26 teams) read 100%, 84%, 100% and 100% before tuning and all
# right after: the rand glued to its amount (R45,000, R1.2m), SR for the riyal, the
# rupiah's dotted thousands (Rp 50.000 had read as 50), 斤, 组/組 and 双 as counters.
# The eighteenth ("round 18": a Zhengzhou noodle brand, an Auckland tour operator, a
# Dalian seafood company, a Milan eyewear brand, a Chengdu pet-food startup, a Singapore
# bank, a Taichung bakery, a Lagos fintech) read dates 94% and numbers 96% before tuning
# — Italian months (15 luglio 2025, fine luglio) had never been read, nor NZ$ — and all
# right after. The nineteenth ("round 19": a Harbin frozen-dumpling brand, a Vancouver
# condo developer, a Yunnan coffee exporter, a Kraków gaming-peripheral brand, a
# Guangzhou aesthetic clinic chain, a Lima telecom, a Tainan hotel, an Osaka anime
# company's China team) read dates and progress 100%, numbers 86% and statuses 97.5%
# before tuning, all right after: the sol (S/ 15,000, S/. 2,500.50, S/ 50 mil is fifty
# thousand), 3.5 millones, 新台幣8萬元, 吨 and 間夜 as counters, a price per unit
# ($6.80/kg), Nie rozpoczęto. The twentieth ("round 20": a Wenzhou shoe exporter, a
# Melbourne coffee roaster, a Chongqing motorcycle maker's dealers in South-East Asia,
# an Accra chocolate brand, a Shanghai pet-hospital chain, a Montreal game studio, a
# Hong Kong dim-sum group, a Bangkok skincare brand) read dates 89%, numbers 78%,
# progress 97% and statuses 92.5% before tuning, all right after (one label set to the
# documented choice: EOFY is refused): the cedi (GH₵, GHS, GH¢), 越南盾 and 港幣 as
# currency words, Québec's 12 k$, FOB before a price, per pair and per guest, 只 and 籠
# as counters, a budget per month refused, ETD 7/25, end of Q3, 1er août, 17h after a
# date, French weekdays abbreviated (ven. 27 juin), a Thai weekday checked against a
# Buddhist-era date, ครึ่งหนึ่ง, 已出货, 待验货 and 做緊. The 21st ("round 21", the
# round-29 teams) read dates 91%, numbers 73%, progress 94% and statuses 97.5% before
# tuning, all right after (two labels set to the documented choices: 03/07/2025 is month
# first without day_first, USD 120 mil a million): Arabic-Indic digits and signs
# (١٥٠٬٠٠٠ ج.م, ٧٥٪), Arabic month names, LE, ARS and u$s, $ 850.000 (a bare $ groups
# thousands with dots, as pesos do), ARS 50 mil, 15 Tsd. €, 1억 2천만원 and 개, 马币 and
# 令吉, per bottle, piece, box and store, fines de agosto, hujung Ogos, 1° de
# septiembre, Spanish weekdays (vie 18/07), la mitad, Demorado. The 22nd ("round 22": a
# Changchun auto-parts brand, a Johannesburg streetwear label, a Fuzhou tea-drink chain,
# a Porto port-wine house, a Suzhou silk brand, a Da Nang resort, a Nagoya machine-tool
# maker in China, an Almaty supermarket chain) read dates 89%, numbers 87.5%, progress
# 94% and statuses 90% before tuning — Russian had never been read: 15 июля 2025, конец
# июля, до 30.06, 1-10 августа (had read as 10 January), 500 тыс. тг, 3 млн ₸, около,
# половина, В работе, Просрочено на 3 дня — and all right after, with 10 a 20 de
# setembro, Thứ Bảy, 第3四半期, 杯 and 幅, per garrafa, p/m refused, sorted, Em curso.
# The 23rd ("round 23": a Wuxi e-bike brand, a Vienna concert hall, a Guiyang baijiu
# distillery, a Bogotá coffee chain, a Nanjing museum's shop, a Cebu dive resort, a
# Kuala Lumpur halal snack brand, a Tashkent textile exporter) read dates 95%, numbers
# 83%, progress 97% and statuses 85% before tuning, all right after (one label set to
# the documented choice: $ 350 mil is a million): € 1.250,50 — the convention changed
# here, and six earlier labels with it: beside a currency that groups thousands with
# dots, a comma after the groups is the decimal point — COP with dot grouping, P15k (and
# round 12's P50k), сум and so'm, mlrd, 3 кв. 2025, Tagalog and Uzbek months, 25-Jul
# without a year, 2 von 5, per 台, Karte, taza, pek and metre, Listo, Ginagawa pa,
# Bajarildi, Jarayonda, verschoben, Задерживается. The 24th ("round 24": a Shantou toy
# maker, a Brisbane solar installer, a Xining yak-dairy brand, a Hyderabad biryani
# chain, a Hangzhou SaaS company, a Nairobi safari lodge, a Zhuhai yacht show, a
# Stockholm oat-milk brand in China) read dates 95%, numbers 84%, progress 94% and
# statuses 92.5% before tuning and all but two numbers after (1.2 Cr without a rupee
# sign, $480 pp left): AU$, Rs., 澳门币, 500 tkr, per kW, box and plate, 艘, Swahili
# months, mwisho wa, Nusu, Imekamilika, Inaendelea, Imechelewa, hälften, Swedish
# weekdays (fre 27 juni), 布展：11月24日 (a step's name before its date; 进度：3/4 stays
# no date). The 25th ("round 25", asked for ORDINARY cells: a Chengdu hotpot chain
# abroad, a Berlin neobank, a Suzhou silk brand, a Toronto brokerage, an admissions
# office, a Vietnamese coffee chain in China, a Guangzhou cosmetics OEM, a US pet-food
# brand) read dates 100%, numbers 87.5%, progress 90% and statuses 95% before tuning,
# and all but one status after: a status before the progress (进行中，60%, En progreso
# 40%, Selesai 80%), a price per any one thing sold ($85/application, ¥2,680/匹; per
# hour refused as per month is), 8千支, a decimal comma before a multiplier beside the
# euro (2,5 Mio. €, 1,2 Mrd. €: three earlier labels that refused 2,5 M€, 3,5 k€ and 2,5
# mil € set to this), Tạm hoãn; and money in a progress cell refused ($6.80/kg read 6.8%
# before). Left: "Done (pending signature)" read done (the labeller: refused; a note's
# first word read as a second state refused "On hold - awaiting permit" too). The 26th
# ("round 26", the owner round 34 teams) read dates 97.5%, numbers 97.5%, progress 100%
# and statuses 92.5% before tuning, all but one status after: 6/30/2025 5:00 PM PT (a
# zone, not Polish "pt." for Friday), Signed off, Slipped to 14/07; one label set to the
# conventions (NT$3,500/晚, a price per night sold). Left: "Hold – CDSCO approval
# awaited" ("hold" as abnormal made goals that start "Hold a webinar" read as statuses).
# The 27th ("round 27": a Chengdu hotpot chain, a Xi'an museum shop, a Shenzhen drone
# maker abroad, a Taipei bookstore, a Jakarta cosmetics brand, a Lagos fintech, an
# Amsterdam bike-tour company, a Riyadh events organiser) read dates 87.5%, numbers
# 92.5%, progress 92.5% and statuses 90% before tuning — Dutch above all — and all but
# three numbers and dates after: Dutch weekdays (za 12 juli), months (maart, augustus),
# half juli (mid-July), 1 t/m 15 augustus, statuses (bezig, vertraagd), de helft; 114年
# (Taiwan's year), 两万（线上+线下）, Rp 2,5 juta (a decimal comma before a multiplier
# beside the rupiah too), 3 dari 5, a ▰▰▰▱▱ bar, مكتمل ٨٠٪ refused as 完成80% is; one
# label set to the convention (Finshed ✅: a misspelt word is refused). Left: N500k (N
# for the naira, or anything), zo 6-7-2025 (month first, 7 June, is a Saturday: refused,
# not flipped).
CELLS = Path(__file__).parent / "data" / "cells.jsonl"
STATUS_NAMES = {Status.DONE: "done", Status.NOT_DONE: "not_done", Status.ABNORMAL: "abnormal"}


def _read_cell(kind: str, raw: str) -> object:
    try:
        if kind == "date":
            day = parse_date(raw, today=date(2025, 6, 20))
            return day and day.isoformat()
        if kind == "number":
            return parse_number(raw)
        if kind == "percent":
            return parse_progress(raw)
        status = parse_status(raw)
        return status and STATUS_NAMES[status]
    except CellError:
        return "ERROR"


@pytest.mark.parametrize("kind", ["date", "number", "percent", "status"])
def test_the_labelled_cells_read_as_a_person_reads_them(kind):
    rows = [json.loads(line) for line in CELLS.read_text(encoding="utf-8").splitlines()]
    rows = [row for row in rows if row["kind"] == kind]
    wrong = []
    for row in rows:
        got, expected = _read_cell(kind, row["raw"]), row["expect"]
        if isinstance(expected, int | float) and isinstance(got, float):
            agrees = got == pytest.approx(expected)
        else:
            agrees = got == expected
        if not agrees:
            wrong.append(f"{row['raw']!r}: expected {expected!r}, read {got!r}")
    assert len(rows) >= 390
    assert 1 - len(wrong) / len(rows) >= 0.97, "\n".join(wrong)


# tests/data/owners.jsonl: 5,925 owner cells in 37 rounds (200, 200, 160, 200, 200, 200,
# 200, 200, 200, 200, 200, 157 of the twelfth's 200, 127 of the thirteenth's 160, 133 of
# the fourteenth's 160, 142 of the fifteenth's 160, 146 of the sixteenth's 160, 148 of
# the seventeenth's 160, 145 of the eighteenth's 160, 137 of the nineteenth's, 142 of
# the twentieth's, 136 of the 21st's, 166 of the 22nd's, 153 of the 23rd's, 157 of the
# 24th's, 159 of the 25th's, 155 of the 26th's, 141 of the 27th's, 150 of the 28th's 135
# of the 29th's, 143 of the 30th's, 147 of the 31st's, 149 of the 32nd's, 132 of the
# 33rd's, 145 of the 34th's, 141 of the 35th's, 150 of the 36th's and 129 of the 37th's:
# the rest were in the set already),
# labelled by people who had not seen the parser with the people, departments, titles
# and group each names (279 marked AMBIGUOUS where conventions differ: a title after a
# name, an agency's name). The rules count owners, so this checks what they see — none,
# one or several people and departments, anyone at all, a group — on the cells not
# marked ambiguous: before tuning, 69% of the first round's cells read exactly as
# labelled; the second and third, each written after the tuning before it, agreed on 81%
# of what the rules see (96% and 97% after); the fourth ("round 4" in its notes:
# agencies by name, shares, handovers, Malay, Indonesian, Vietnamese, Thai, Japanese and
# Korean cells) on 64% — 70% with twelve labels set to the convention the earlier rounds
# follow, a department word in a title counts ("市场总监" as "行銷課課長") — and 100%
# after; the fifth ("round 5": cells as tools export them — WeCom and Feishu names, Jira
# and Asana fields, strike-through, 各门店, 华北大区, agencies of every size), written
# after all that, on 66% before tuning and 98% after; the sixth ("round 6": public
# bodies, schools and hospitals, job grades and staff numbers, numbered owners, channels
# typed as owners, Arabic and Hindi cells, India, the Middle East and Latin America) on
# 69% before and 98% after. Those rounds hunted the unusual; the seventh ("round 7") is
# representative instead — eight teams' owner columns as typed, simple cells and all,
# from a 618 FMCG plan to a Berlin/Paris/Madrid team — and read 86% before tuning (one
# label set to the convention) and 99% after; the eighth ("round 8"), representative too
# (eight more teams: schools, clinics, livestream cosmetics, car dealers, a Hong Kong
# developer, tourism, an Indian D2C brand, a Japan/Korea APAC team), was scored after
# all the tuning before it: 81% — with the seventh, the estimate for a new team's table
# — and 100% after (three labels set to the convention on titles); the ninth ("round
# 9"), representative again (an Amazon seller in Shenzhen, a Taiwanese tea chain, a
# Jakarta fintech, a Dubai developer, a Paris house's China team, a Vietnamese FMCG
# company, a US SaaS team, a game studio's overseas launch), scored after all of that:
# 80% before tuning — French, Vietnamese and Indonesian words it did not know — and 99%
# after; the tenth ("round 10"), eight more (a Hangzhou apparel brand, a hospital group,
# a Mexico City drinks company, a Brazilian marketplace, a Tokyo cosmetics brand, an EV
# maker abroad, a London charity, a Kuala Lumpur property agency), 80% before — Spanish,
# Portuguese, Japanese and Malay this time — and 99.5% after. So: on a new team's owner
# column, about four cells in five read right before any tuning on it (81%, 86%, 80%,
# 80% over four representative rounds), fewer where it writes a language the parser has
# not met; the rest are refused with X901 or counted wrong. The eleventh ("round 11":
# German, Italian, Thai, Korean, Saudi, Indian, a Chinese state bank's branch, a Hong
# Kong restaurant group) read 78% before tuning and 92% after a pass on its words only,
# 98% after its structures were mended in the session after (박 과장: a Korean family
# name and title apart; 마케팅팀장; "Agenzia Karla Otto" without a colon; a phone number
# after "Tel."; a share after an initial; a name in Arabic and Latin letters). The
# twelfth ("round 12": a Shanghai beauty brand, a Singapore fintech, a Chengdu hotpot
# chain, a Korean cosmetics brand's global team, a German machinery maker, a Taiwanese
# electronics brand, a Gulf retail group, a US nonprofit's gala), scored after all of
# that, read 80.5% before tuning — the same four in five — and 96% after ("Miller,
# Robert" as a directory lists a name; an international phone number; "from Amy to Ben";
# one unit in two languages; Korean and German titles; 阿May). The thirteenth ("round
# 13": a Beijing growth team, a Shenzhen brand abroad, a Japanese retailer, a Vietnamese
# cosmetics brand, a Mexican telecom, a Hong Kong bank, an Indian FMCG brand, a Dutch
# software company) read 81% before tuning and 95% after (Dutch words; "Jason, Amy" is
# two people, "Van den Berg, Thomas" one; bộ phận; a since-when note in brackets;
# "Agency: Edelman / Ivan"). The fourteenth ("round 14": eight Chinese teams — a Wuhan
# car dealer group, a Chengdu game studio, a Hangzhou livestream agency, a Shanghai
# luxury mall, a Guangzhou cosmetics maker, a Beijing edtech company, a Taipei retail
# chain, a Suzhou manufacturer) read 80% before tuning and 94% after (phone numbers with
# spaces and extensions, a handover or a former owner in brackets, an outsourcer named
# in brackets, 直播中 and 周五前 refused, a placeholder with a note, B站运营, 各商户,
# 物业/展厅/外贸/售后 as units). The fifteenth ("round 15": a Guangzhou cross-border
# seller, a Turkish appliance brand, a Polish software house, a Brazilian retail chain,
# a Chengdu hotpot franchise, a Filipino BPO, a Hangzhou live-commerce agency, an
# Egyptian/Saudi distributor) read 64.5% before tuning — Turkish, Polish, Portuguese and
# Tagalog words it had not met — and 93% after (their unit, title, placeholder, status
# and weekday words; "Kowalski, Michał" and "Santos, Mary Grace" as one person; 兼… and
# 花名：… notes in brackets; "(antes: Paulo)"; 食品安全组 is a unit, not 全组; 下播后
# refused; Ajans and Agencja as agency labels; a team's or agency's name with a number
# in it: K2, Loja 12). The sixteenth ("round 16": a Xiamen tea exporter, a German
# machinery maker, a Vietnamese coffee chain, a Shanghai cosmetics brand with its KOL
# agencies, a Mexican fintech, a Japanese-run retail chain in Taiwan, an Indian edtech
# startup, a central state-owned enterprise's brand department) read 77% before tuning
# (seven statuses set to the convention: refused) and 93% after: a trade before a
# party's label (设计外包：, 廣告代理：, 外包单位：) — and 代理商：蓝天广告, which had
# been refused; 同志, bhai and ji after a name; aur, ke saath and और as and; Spanish and
# Vietnamese lead/support labels (Lidera:, apoyo:, hỗ trợ:); (副) beside (主); Sales
# (B2C); 企业文化处; 待定，等KOL报价; Spanish areas, German compounds and Vietnamese
# units and titles (cửa hàng, quản lý). The seventeenth ("round 17": a French luxury
# house's China team, a Lagos fintech, a Qingdao brewery's sales offices, an Australian
# university, a Korean skincare brand, a Shenzhen electronics brand's social team, an
# Italian outlet village, a Beijing hospital) read 78% before tuning and 91% after:
# handovers in words ("Was Ifeoma, now Kelechi", "prima Luca, ora Valentina"), pronouns
# after a display name, KOL组@Mia, School of / Faculty of, 经销商： before a company, a
# hospital's departments (康复科), 文案组 (a title's team, not 文 + a name), Hangul
# unit-name pairs joined by hyphens. The eighteenth ("round 18", representative: a
# Guangzhou appliance brand at 618, a London fintech, a Chongqing hotpot chain's
# openings, a Dutch e-bike brand, a Taipei bank, a Mumbai beauty brand, a Wuhan
# university, a Los Angeles game publisher) read 81% before tuning and 93% after:
# handovers in a sentence (原店长陈刚，现由吴雪接手; 何伟（已交接给梁静）), an agency's
# own name before its kind in brackets (蓝色光标（代运营）, 電通（廣告代理）), a seat to
# fill or a contractor's terms in brackets (店长（待招）, Jess (contractor)), "to be
# assigned", 辅导员 and 技术员, 学生会, QA, Klantenservice, "marketing NL". The
# nineteenth ("round 19", representative: a Hangzhou tea-drink chain's openings, a
# Madrid football club, a Beijing automaker's dealer marketing, a Seattle outdoor
# retailer, a Jakarta fintech, a Shanghai luxury hotel, an Indian SaaS company's field
# marketing, a Guangzhou cosmetics maker) read 84% before tuning and 95% after: 接替 and
# "took over from" in brackets, "dulu …, sekarang …", PIC as a label and "Belum ada
# PIC", Dpto., patrocinios, hospitality, region, inside sales, compartido, 包材组 and
# 品控部. The twentieth ("round 20", representative: a Xiamen sportswear brand at 11.11,
# a Toronto bank, a Harbin tourism bureau, a Hamburg logistics startup, a Manila
# fast-food chain, a Shenzhen drone brand's KOL team, a Seoul webtoon platform, a Hefei
# EV maker's user operations) read 84% before tuning and 91% after: Tim alone is a name,
# 김 대리님 (님 after a title), 暂定：, 处室 as a generic group, ganzes Team, LOB,
# Werkstudent and GF, 科员, Vivian (接手Leo); with it, misses left from earlier rounds:
# a task's label before a company's full name (展台搭建：苏州美陈展览有限公司), an
# outsourcing note after a Latin name (PixelHouse（外包拍摄）), Agência África, JLL,
# マーケティングチーム. Left: "Tim Krüger" (Indonesian Tim + a name reads as a team).
# The 21st ("round 21", representative: a Shenzhen accessory brand on Amazon, a Boston
# biotech, a Suzhou investment bureau, a Lyon cosmetics SME, a Ho Chi Minh City fashion
# shop, a Chengdu sauce brand's KA team, a Cape Town wine estate, a Taipei tea
# franchise) read 82% before tuning and 93% after: →交接给, 原X 现Y, (depuis …),
# (3月起), ", PhD", chargée de, Medical Affairs, Investor Relations, 全局 and 参与, cùng
# phụ trách, kho, 加盟主, winemaker, 已铺货, agency BeeKOL and PR bureau, Finn Partners,
# Ogilvy CT. With it (and four typos of Marketing and "Email Marketing" mended after)
# the whole set read 97.1%, at the test's threshold. The 22nd ("round 22",
# representative: a Xiamen tea brand, a Warsaw accounting SaaS, the Harbin ice
# festival's tourism board, a Nairobi pay-as-you-go solar company, a Guangzhou dental
# chain, a Madrid sports-nutrition brand, a Hong Kong insurance agency, a Kunming flower
# shop) read 87.5% before tuning and 98.5% after: X广告公司 and X传媒公司 as one company
# (公司 had been read as a person), 文旅局 and 卫健委 as units, 住房和城乡建设局 as one
# body, notes on leave or office days in brackets (休假到5/6, on leave till 12th,
# 周二、四坐诊 — kept when they name a stand-in), a task in brackets (修图, 大促),
# 咨询师 and 花艺师, 人员待定, Swahili (Timu ya Masoko, Meneja wa Mauzo, Wote, na as
# and), Customer Care, Marketng, Agencia Nómada (Javi), Savanna Creative Agency,
# Responsable de eventos; one label set to the convention (已完成 is refused). Left:
# "PR: Llorente & Cuenca" (two names joined by & read as two people) and "Influencers:
# Flock Talent". The 23rd ("round 23", representative: a Shenyang dairy brand, a Lisbon
# hotel group, a Chongqing hotpot-base maker on Douyin, an Istanbul fashion brand, a
# Suzhou kindergarten chain, a Jakarta ride-hailing app, a Taipei tea chain entering
# Japan, a Sydney university's international office) read 85% before tuning and 97.5%
# after: Vendas / Finanças had been read as one unit in two languages (Finanças is not
# ASCII) — now two units in Latin letters are two, and 奥美 beside a unit that is not
# Ogilvy stays; 林怡君 had lost its 君 (stripped as Japanese -kun: now only after one
# character, 李君); a trade before an agency's label (PR agency: Edelman, Influencer
# ajansı: Trendmedia, 日本代理店：電通), 商贸, 留学 and 出国 companies (新通留学), MCN,
# PT companies, Portuguese equipa and direção, Herkes, 园长 and 保健医, 教职工, manajer,
# notes on a trip (日本出差中) and leave with no stand-in named (cover TBC); one label
# set to the convention (营养顾问: 营养 + 顾问). Left: Diretor de Hotel, Sanat Yönetmeni
# (Hotel and Sanat read as names), Agent: 金吉列留学 ("agent" as a title made goal texts
# readable as owners), IDP Education, Zhang Wei (Beijing rep). The 24th ("round 24",
# representative: a Hangzhou women's-wear brand, a Manchester football club, a Xi'an
# museum, a Mumbai skincare brand, a Guangdong appliance maker, a Melbourne security
# firm, a Macau resort, a Wuhan hospital) read 88% before tuning and 95.5% after: 文物局
# had been read as a person (a three-character name-like X局 is now a unit; only 科
# keeps 张小科 a name), 已报备 and 已下单 as people (已 starts no name: refused now),
# Prosper Digital (agency) as a person and a unit; added 馆长, 讲解员, 导诊, 买手, 版师,
# 党办, 电器 and 网络 companies, Regulatory, Secretary, Dermatologist. Left: Havas
# Sports & Entertainment, Kit Manager and Club Secretary (Kit and Club read as names),
# Matchday Operations team, Nike (kit partner) and Microsoft (co-marketing partner)
# ("partner" as a party word made goal texts readable as owners), 西安曲江文旅（合作方）
# and 苏宁（KA客户） (文旅 as a company's ending did the same), SDR alone (likewise).
# The 25th ("round 25", representative: a Changsha milk-tea chain, a Toronto brokerage,
# a Shandong machinery maker, a São Paulo fitness app, a Beijing tutoring company, a
# Dubai car dealer, a Kaohsiung restaurant group, a Seoul beauty brand's China team)
# read 91% before tuning and 99% after: a company's legal form after its name (Sandstone
# Media LLC, Northbound Media Inc., Estúdio Gira Filmes Ltda.; and 德国代理商 Müller
# GmbH is now the agent by its name, not a person), Showroom team (two team words had
# named nothing), a city in brackets after a name (최유나（上海）), 周五前交 and other
# deadlines refused, see Slack thread, 校长, 任课老师, 主厨, 招生, Aftersales,
# Photographer, Broker of record, Todo o time, 农机 companies. Left: 市场布-赵磊 (a typo
# of 部), Desert Pixel Events. The 26th ("round 26", representative: a Quanzhou shoe
# brand, a Cape Town wine-tourism company, a Nanning fruit co-operative, a Berlin e-bike
# startup, a Shanghai international school, a Riyadh venue, a Hong Kong developer, a
# Jakarta coffee chain) read 87% before tuning and 95.5% after: 合作社, 供销社,
# 村委(会), 家委会, 全体社员, 会计 and 出纳, German titles and units (Leitung,
# Teamleitung, Praktikant, Kundenservice), vorher …, jetzt …, leave notes in German and
# Indonesian (Elternzeit, Urlaub, cuti), 负责直播 as a note, Afrikaans units (Bemarking,
# Verkope), Tour Guide, Principal, JLL / 世邦魏理仕 (CBRE's Chinese name), Menunggu
# approval as a status. Left: 电商布 (a typo of 部), 跟工厂对接 in brackets, Sales
# (Verkope) as one unit in two languages, Wesgro, 'Sipho Dlamini en Marike' (Afrikaans
# en: French en would split too), 物流：顺丰, 項目組 as a unit, Kepala Toko, Publicis
# Riyadh (cities as a unit's place dropped the city from 'Riyadh Park branch':
# reverted). The whole set read 97.1%, five cells above the test's threshold. The 27th
# ("round 27", representative: a Harbin frozen-dumpling brand, a Vancouver condo
# developer, a Yunnan coffee exporter, a Kraków gaming-peripheral brand, a Guangzhou
# aesthetic clinic chain, a Lima telecom, a Tainan hotel, an Osaka anime company's China
# team) read 78% before tuning and 97% after: a channel in brackets (甜甜（抖音）,
# Community team (Discord)), 挂名, phone numbers in three groups (604-555-0148,
# 0912-345-678, 987 654 321), Sales Centre, Presales Coordinator, QC, 品控部 / QC and
# 版权组 Licensing as one unit each, 思茅合作社, 烘焙工坊, an event as a label
# (杭州咖啡展：市场部+外贸部), an agency's task in brackets (小红书代运营), the terms of
# a title (摄影师（外包）), 天猫国际运营, (4月〜), 担当：佐々木, Bilibili運営チーム,
# Sprzedaż B2B, Todos los distribuidores, 医生 alone as a title (张伟医生 stays a
# person); with it, misses left from earlier rounds: 部 typed as 布 and 组 as 祖
# (电商布, 社群祖), a trade before a company it names (物流：顺丰, PR: Edelman), 项目组
# as a unit, Kit Manager, Club Secretary and Matchday Operations team,
# 老蔡（跟工厂对接）, Sales (Verkope). Left: Wei (Grace) Liu, Pixel & Pine, Asia i
# Michał (Asia reads as the region), Marketing Prepago, ECディレクター (katakana titles
# are not read). The whole set read 97.5%. The 28th ("round 28", representative: a
# Wenzhou shoe exporter, a Melbourne coffee roaster, a Chongqing motorcycle maker's
# dealers, an Accra chocolate brand, a Shanghai pet-hospital chain, a Montreal game
# studio, a Hong Kong dim-sum group, a Bangkok skincare brand) read 72% before tuning
# (three labels set to the convention on a title after a name: Dan Whitfield, Head of
# Coffee names the unit, as Ryan Gill, Head of Digital does) and 95% after:
# 货代：捷运物流, 单证, 站长, 医助, 总厨, Head Roaster, Chocolatier, Producteur,
# Wholsale, Cafe Ops Manager, 所有经销商 and 各国代理商 as every dealer (no one unit),
# Production, Export Manager, Osu shop, Central World counter, 小K, 猫科门诊, Studio
# audio : Sonorité Boréale and Relations presse : Agence Pivot (a trade before the
# company), 公關：Kinetic PR, À déterminer and a Thai placeholder, Live Ops, Eric 哥,
# 營運總監, channels in brackets (Shopee/Lazada), statuses in Thai and Vietnamese and
# "ordered". Left: Tully & Co, Green buying, CV Maju Bersama (bersama reads as
# "together"), a city in brackets after a Latin name (Ewurabena (Kumasi)), Dr.
# 张（异宠）, UA and Publisher (as words they made goal texts readable as owners). The
# whole set read 97.4%. The 29th ("round 29", representative: a Qingdao beer brand, a
# Dublin neobank, a Lanzhou noodle chain's franchising, a Buenos Aires wine exporter, a
# Shenzhen smart-home brand on Amazon Europe, a Busan cosmetics ODM, a Penang durian
# brand, a Cairo edtech startup) read 76% before tuning and 95.5% after: Arabic cells
# (مدير المبيعات as a title and its unit, كل الفريق, سيتم التحديد, بعد رمضان refused, م.
# كريم, Ops / العمليات as one unit), a trade before a Chinese company
# (物料：青岛印象广告), an agency's arm (Publicis Riyadh, DHL Global Forwarding — also
# mending rounds 19, 24 and 26), Frau Schneider (Agentur), @handles with underscores,
# 010-4821-7735, 선임, 연구소, 전 직원, Comercio Exterior, Comex, Exportaciones,
# Enólogo, Sommelier, a confirmar, en aduana, Risk, Cawangan, Kedai, 师傅, "lah";
# "(Export)" had read as a former owner's note (ex-), and 欧洲站运营 Tina as one person
# twice. Left: Boys+Girls, Pádraig from Teneo, Wines of Argentina, ODM 개발팀, 고객사
# 담당: 올리브영 MD, statuses written as sentences (샘플 발송 완료, Halal cert pending).
# The whole set read 97.4%. The 30th ("round 30", the round-22 teams) read 76% before
# tuning — every cell in Cyrillic was refused: Russian and Kazakh owners are now read as
# European ones are (Айгерим, Маркетинг – Данияр, Отдел маркетинга, Коммерческий отдел /
# Закупки, Руководитель отдела закупок, Агентство: Nomad Creative, Бауыржан → Мадина,
# Все магазины, уточняется, Маркетинг бөлімі) — and 95.5% after, with 汽配, 装饰, 影像
# and 事务所 as a company's or an office's ending, 售后服务布 (a typo of 部), 跑哈尔滨
# and 配色 as notes, (4月から), 本社（名古屋）, 绣娘, 抖店, Warehouse, Enologia,
# Distribuidor UK: Fells, Toàn bộ nhân viên. Left: 福州各门店 (a city before 各),
# 设计：梵睿品牌设计, Loja de Vila Nova de Gaia, a note of several lower-case words (UK
# importer liaison), "fim de setembro" (a date in the owner column read as a name),
# katakana titles. The whole set read 97.3%. The 31st ("round 31", the round-23 teams)
# read 69% before tuning and 97.5% after: German units (Pressebüro, Dramaturgie,
# Sponsoring, Leitung Kommunikation, Alle Abteilungen, bis Ende Februar refused),
# Colombian Spanish (Mercadeo, Tienda Chapinero, Todas las tiendas, Compras / Calidad),
# Malay (Pengurus Jenama, Semua pengedar, Kilang, Sudah siap, Sebelum Raya refused),
# Uzbek (Sotuv bo'limi), Russian (ВЭД, склад, начальник цеха), 车行, 车间, 研究所,
# 勾调师, 策展人, 遵义经销商 黔酱商贸有限公司 (a party's label with a space), 京东对接
# (a channel's work as a label), 中秋前 and other holidays before 前 refused, Front
# Desk, Maintenance, Divemaster, TBA pa, 插画师 Yuki（外包）. Left: Cebu Pacific
# (partner), Sales Manager (Penang), sa Lunes, Boat crew ("crew" made a goal text
# readable). The whole set read 97.3%. The 32nd ("round 32", the round-24 teams) read
# 74% before tuning and 91% after: "飞书群 @所有人" raised IndexError (a part left empty
# once the group was read) — mended, and the property test's cells now hold such a
# mention; chat groups as channels, Swedish (Marknad, Försäljning Kina, Hela teamet,
# Klart, Efter midsommar, Ej tilldelad), Swahili (Wafanyakazi wote, Bado, Sales
# (Mauzo)), 牧场, 码头, 样品间, 展览 and 会务 companies, a dealer's label
# (华东经销商：锦泰贸易), PR: Savannah Story Ltd, Reservations, Installs, Supply chain,
# Guest Relations, Head Guide, 出货前 and 周五上线 refused. Left: 扎西才让 (a Tibetan
# name of four characters), 西宁各门店, Farhan bhai 98480 22731, Sankranti tak, MD sir,
# Brisbane North crew, BrightPlay Licensing in brackets. The whole set read 97.2% — 8
# cells above the test's threshold. The 33rd ("round 33", asked for ORDINARY cells, the
# round-25 teams) read 89% before tuning and 94% after: 品牌部 Mai 和 小周 (two people,
# not Mai written again in Han), 外卖运营, Fulfillment, 质检, 配方师 and 调香师,
# 成都各门店 (every store in a city), All student ambassadors, Tất cả cửa hàng, Tạm hoãn
# refused, Comunicación Corporativa (a qualifier, not a name). Left: 研发中心
# 李师傅（新锅底）, Agentur: Scholz & Friends (read since), 陆老师（花型设计）, Broker of Record,
# Staging: Dwell Design Co., SOLD – firm ("sold" as done made goal texts read as
# statuses), 烘焙工厂（Buôn Ma Thuột）, 生豆供应：Simexco Đắk Lắk, 客户对接 Vicky,
# 检测：SGS. The whole set read 97.1%. The 34th ("round 34", ordinary cells again: a
# Shanghai milk-tea chain, a Shenzhen electronics brand abroad, a Beijing
# online-education company, a Taipei hotel group, a Hong Kong insurer's agents, a US
# SaaS company, a UK supermarket's loyalty team, a Bangalore skincare brand) read 82%
# before tuning and 92% after: CES前完成 (a deadline), 增长中台, 合規部 Compliance (one
# unit), Data Science, Own Brand, Formulations, MarCom, D2C, Loyalty, Print, Influencers
# as units; Co-founder one title; Nykaa and Kickstarter as channels (Shopee 小美: she,
# not Shopee written again in Latin letters); TBD with a note after a dash; w.e.f. 1 Oct
# as since when; Signed off and "Halal cert pending" refused; Trust & Safety one unit; a
# city abroad in brackets (Penang, Buôn Ma Thuột); 达人合作：深圳星链互娱; Flock Talent
# an agency; Marketingleiter. Left: 小红书组 @奶茶妹Momo, Elektro Vogel
# GmbH（德国经销商）, Revenue Manager, Amber Lin (MarCom) ("amber" read as a RAG
# status), 花蓮館 行銷專員, 陳大文 David（營業部）, 活動公司：Fabulous Events HK,
# Content team / Agency: Animalz, Store Manager, Leeds Kirkstall, Suresh ji (Warehouse,
# Hosur), Shoot: Studio Kaali, Indiranagar. The whole set read 97.04% — 2 cells above
# the test's threshold. Mended then, before another round: a note in brackets after a
# Chinese name (陆老师（花型设计）, 孙经理（烟台）, 张工（技术支持）: not the 技术
# department), and, in a cell read no other way, a Chinese label saying what the task is
# (设计：梵睿品牌设计, 生豆供应：Simexco Đắk Lắk), and a given name that is also a
# status word, before a family name (Amber Lin): 97.2%. The 35th ("round 35", ordinary
# cells: a Chengdu hotpot chain, a Xi'an museum shop, a Shenzhen drone maker abroad, a
# Taipei bookstore café, a Jakarta cosmetics brand, a Lagos fintech, an Amsterdam
# bike-tour company, a Riyadh events organiser) read 82% before tuning and 95.5% after:
# a one-word task label before a supplier's name (AV: Najd Sound & Light, Drukwerk:
# Drukkerij Wilco, KOL: Ruang Kreator), a workshop or factory after a Chinese label
# (陶瓷：景德镇御窑坊), 外协工厂 and 代运营 as parties' labels, the kind after "all"
# (全体 加盟商, All agents in Ibadan, alle gidsen), Risk & Fraud team (one team, no "at
# risk" status), Head, Customer Experience, 外包 after a name, 领班, 美团 and 饿了么 as
# channels, 营运布, winkel, hoofdgids, and a part of a month (akhir Mei) refused. Left:
# PR: Hotwire (UK), 德国站 Max → Lena, 咖啡吧 阿哲, 時報出版窗口 Ken, Field Ops (Lagos
# Island), العلاقات العامة – أ. نورة, جاهز. The whole set read 97.2%. The 36th ("round
# 36", the hard cases: companies named without a legal form, in German, Swahili, Korean
# and Spanish too — a launch team, a trade-fair stand, a Nairobi agent network, a Seoul
# beauty brand abroad, a US spirits importer, a Shanghai hospital, a study-abroad agency)
# read 72% before tuning and 84% after: 主任医师 and the hospital's other grades, Head of
# Service (a team word after "of"), South Asia and USA as markets, a company by its last
# word (IDP Education, AECC Global, Saracen Media, Young's Market — not after a given
# name), Agent as a title, prose led by a title refused, "Offer letters sent" refused,
# 王丽娜 Lina Wang（…）one person, 李奥贝纳 Leo Burnett one agency, an agency's work in
# brackets (Ogilvy（海外KOL投放）, 蓝色光标（公关）), RNDC (Republic National Distributing
# Co.), Presse, Konstruktion, unbesetzt, PR：蓝色光标 BlueFocus. Left: task labels before a
# company not known as one (Events: Hobsons + QS, Logística: Estafeta + Ryder,
# 体检推广：沪康健检中心), Global Launch PMO, a bare mobile number (read as nobody, not
# refused), a shared mailbox, Southern Glazer's Wine & Spirits, Global Reach, Todos los
# distribuidores en Texas ("en" is also Dutch "and"), Korean and Swahili units. The whole
# set read 97.1%. The 37th ("round 37", representative again, in Chinese and English: a
# Hangzhou livestream apparel brand, a Guangzhou cosmetics brand, a Taipei electronics
# retailer, a London fintech, a Chengdu developer's sales office, a Singapore F&B group, a
# Shanghai SaaS company, a New York skincare brand) read 88% before tuning and 95.5%
# after: MCN as a company's suffix, 行銷 and 会展 as a company's trade after a label,
# 案场 and 投流 as units, 中介 and 会务公司 as outside parties, a creator's @handle in Han
# and after a KOL or Influencer label, notes in brackets after a comma each read alone,
# BA as a title, Kitchen as a unit, delivery platforms as channels, 見群組訊息 and
# 按集团要求执行 refused. Left: Paid social: Jellyfish and PR: Derris (a trade, then a
# name: an agency or a person), 投流：蓝瀚互动, 广告：成都华扬联众 (a city before an agency),
# 코스맥스 김 과장, 中介渠道：链家, EOD Fri. The whole set reads 97.1%.
OWNERS = Path(__file__).parent / "data" / "owners.jsonl"


def _owner_counts(people: int, departments: int, roles: int, group: bool) -> tuple:
    return min(people, 2), min(departments, 2), bool(people or departments or roles or group), group


def test_the_labelled_owner_cells_name_whom_the_rules_should_see():
    rows = [json.loads(line) for line in OWNERS.read_text(encoding="utf-8").splitlines()]
    rows = [row for row in rows if not row["note"].startswith("AMBIGUOUS")]
    wrong = []
    for row in rows:
        try:
            cell = parse_owner(row["raw"])
            got: object = _owner_counts(
                len(cell.people), len(cell.departments), len(cell.roles), cell.collective
            )
        except CellError:
            got = "ERROR"
        expected = (
            "ERROR"
            if row.get("error")
            else _owner_counts(row["people"], row["departments"], row["roles"], row["collective"])
        )
        if got != expected:
            wrong.append(f"{row['raw']!r}: expected {expected}, read {got}")
    assert len(rows) >= 2000
    assert 1 - len(wrong) / len(rows) >= 0.97, "\n".join(wrong)


@pytest.mark.parametrize(
    ("parser", "raw", "value"),
    [
        (parse_date, "@June 25, 2025", date(2025, 6, 25)),
        (parse_date, "1-15 July", date(2025, 7, 15)),  # not "1-15" (15 January) and a note
        (parse_date, "6月中下旬", date(2025, 6, 30)),
        (parse_date, "30 June (after launch)", date(2025, 6, 30)),
        (parse_number, "S$ 2,500", 2500),
        (parse_number, "RM 3.5 mil", 3_500_000),
        (parse_number, "2,5 Mio. €", 2_500_000),  # a decimal comma before a multiplier
        (parse_number, "1,2 Mrd. €", 1_200_000_000),
        (parse_number, "$85/application", 85),  # a price per one of anything sold
        (parse_number, "¥2,680/匹", 2680),
        (parse_number, "8千支", 8000),
        (parse_progress, "进行中，60%", 0.6),  # a status before how far it has come
        (parse_progress, "En progreso 40%", 0.4),
        (parse_progress, "进行中 4/10", 0.4),
        (parse_status, "Tạm hoãn", Status.ABNORMAL),
        (parse_status, "Signed off", Status.DONE),
        (parse_status, "Slipped to 14/07", Status.ABNORMAL),
        (parse_date, "6/30/2025 5:00 PM PT", date(2025, 6, 30)),  # a zone, not Polish "pt."
        (parse_number, "R$ 50 mil", 50_000),  # a thousand beside reais
        (parse_number, "15 tys. zł", 15_000),
        (parse_number, "ok. 8000 zł", 8000),
        (parse_number, "300萬日圓", 3_000_000),
        (parse_number, "KSh 150,000", 150_000),  # round 13: East Africa's shillings
        (parse_number, "150,000/=", 150_000),
        (parse_number, "PLN 8 500", 8500),
        (parse_number, "₦500k", 500_000),
        (parse_number, "CAD 12,500", 12_500),  # round 16: not "ca." (circa) and a D
        (parse_number, "Dhs 15k", 15_000),
        (parse_number, "R45,000", 45_000),  # round 17: the rand
        (parse_number, "Rp 50.000", 50_000),  # the rupiah groups thousands with dots
        (parse_number, "3万斤", 30_000),
        (parse_date, "15 luglio 2025", date(2025, 7, 15)),  # round 18: Italian
        (parse_date, "fine luglio", date(2025, 7, 31)),
        (parse_number, "NZ$ 1.1M", 1_100_000),
        (parse_number, "S/ 15,000", 15_000),  # round 19: the sol
        (parse_number, "S/. 2,500.50", 2500.5),
        (parse_number, "S/ 50 mil", 50_000),  # a thousand beside soles, as beside pesos
        (parse_number, "3.5 millones", 3_500_000),
        (parse_number, "2 mil millones", 2_000_000_000),
        (parse_number, "新台幣8萬元", 80_000),
        (parse_number, "$6.80/kg", 6.8),  # a price per unit sold
        (parse_number, "150間夜", 150),
        (parse_status, "Nie rozpoczęto", Status.NOT_DONE),
        (parse_number, "GH₵ 45,000", 45_000),  # round 20: the cedi
        (parse_number, "GH¢2,500.00", 2500),
        (parse_number, "2.5亿越南盾", 250_000_000),
        (parse_number, "港幣12萬", 120_000),
        (parse_number, "12 k$", 12_000),  # Québec: the multiplier, then the dollar
        (parse_number, "FOB $8.50/pair", 8.5),
        (parse_number, "HK$1,288/位", 1288),
        (parse_number, "300籠", 300),
        (parse_date, "ETD 7/25", date(2025, 7, 25)),
        (parse_date, "end of Q3", date(2025, 9, 30)),
        (parse_date, "1er août", date(2025, 8, 1)),
        (parse_date, "30 juin 2025 17h", date(2025, 6, 30)),
        (parse_date, "ven. 27 juin", date(2025, 6, 27)),
        (parse_date, "15/07/2568", date(2025, 7, 15)),
        (parse_progress, "ครึ่งหนึ่ง", 0.5),
        (parse_status, "已出货", Status.DONE),
        (parse_status, "待验货", Status.NOT_DONE),
        (parse_status, "做緊", Status.NOT_DONE),
        (parse_number, "١٥٠٬٠٠٠ ج.م", 150_000),  # round 21: Arabic-Indic digits
        (parse_progress, "٧٥٪", 0.75),
        (parse_date, "10 سبتمبر 2025", date(2025, 9, 10)),
        (parse_number, "$ 850.000", 850_000),  # a bare $, as pesos are written
        (parse_number, "ARS 50 mil", 50_000),
        (parse_number, "15 Tsd. €", 15_000),
        (parse_number, "1억 2천만원", 120_000_000),
        (parse_number, "马币2万", 20_000),
        (parse_number, "US$ 8.50/botella", 8.5),
        (parse_date, "fines de agosto", date(2025, 8, 31)),
        (parse_date, "1° de septiembre", date(2025, 9, 1)),
        (parse_date, "vie 18/07", date(2025, 7, 18)),
        (parse_progress, "la mitad", 0.5),
        (parse_status, "Demorado (aduana)", Status.ABNORMAL),
        (parse_date, "15 июля 2025", date(2025, 7, 15)),  # round 22: Russian
        (parse_date, "конец июля", date(2025, 7, 31)),
        (parse_date, "до 30.06", date(2025, 6, 30)),
        (parse_date, "1-10 августа", date(2025, 8, 10)),  # not the 10th of January
        (parse_number, "500 тыс. тг", 500_000),
        (parse_number, "3 млн ₸", 3_000_000),
        (parse_number, "около 200 000", 200_000),
        (parse_progress, "Выполнено 90%", 0.9),
        (parse_progress, "половина", 0.5),
        (parse_status, "В работе", Status.NOT_DONE),
        (parse_status, "Просрочено на 3 дня", Status.ABNORMAL),
        (parse_date, "10 a 20 de setembro", date(2025, 9, 20)),
        (parse_date, "Thứ Bảy, 19/07/2025", date(2025, 7, 19)),
        (parse_date, "第3四半期", date(2025, 9, 30)),
        (parse_number, "8000杯", 8000),
        (parse_number, "€ 1.250,50", 1250.5),  # round 23: dots group, the comma is decimal
        (parse_number, "COP 45.000", 45_000),
        (parse_number, "P15k", 15_000),
        (parse_number, "45 млн сум", 45_000_000),
        (parse_number, "1.5 mlrd so'm", 1_500_000_000),
        (parse_number, "€ 39/Karte", 39),
        (parse_date, "3 кв. 2025", date(2025, 9, 30)),
        (parse_date, "Hulyo 30", date(2025, 7, 30)),
        (parse_date, "25-iyul", date(2025, 7, 25)),
        (parse_progress, "2 von 5", 0.4),
        (parse_status, "Listo", Status.DONE),
        (parse_status, "verschoben auf 12.09.", Status.ABNORMAL),
        (parse_number, "AU$12.5k", 12_500),  # round 24
        (parse_number, "Rs. 45,000", 45_000),
        (parse_number, "澳门币30万", 300_000),
        (parse_number, "500 tkr", 500_000),  # Swedish: thousands of kronor
        (parse_number, "120艘", 120),
        (parse_date, "mwisho wa Agosti", date(2025, 8, 31)),  # Swahili: the end of August
        (parse_date, "fre 27 juni", date(2025, 6, 27)),
        (parse_date, "布展：11月24日", date(2025, 11, 24)),
        (parse_progress, "hälften", 0.5),
        (parse_status, "Imekamilika", Status.DONE),
        (parse_status, "⚠️ aguardando aprovação", Status.ABNORMAL),  # flagged while pending
        (parse_status, "⏳ 进行中", Status.NOT_DONE),
        (parse_date, "15 lipca 2025", date(2025, 7, 15)),
        (parse_date, "koniec lipca", date(2025, 7, 31)),
        (parse_date, "do 18.07 (pt.)", date(2025, 7, 18)),  # a Friday, as written
        (parse_date, "agosto/2025", date(2025, 8, 31)),
        (parse_date, "令和7年8月1日", date(2025, 8, 1)),
        (parse_progress, "połowa", 0.5),
        (parse_status, "W trakcie", Status.NOT_DONE),
        (parse_status, "Opóźnione – brak zdjęć", Status.ABNORMAL),
        (parse_status, "正在办理", Status.NOT_DONE),
        # round 10: Turkish, Swedish, Korean and Cantonese cells, a milestone's code
        (parse_date, "Haziran sonu", date(2025, 6, 30)),
        (parse_date, "1-15 Ağustos", date(2025, 8, 15)),
        (parse_date, "slutet av augusti", date(2025, 8, 31)),
        (parse_date, "v.34", date(2025, 8, 24)),
        (parse_date, "2025. 7. 15.", date(2025, 7, 15)),
        (parse_date, "3분기", date(2025, 9, 30)),
        (parse_date, "七月尾", date(2025, 7, 31)),
        (parse_date, "EVT：7月中旬", date(2025, 7, 20)),
        (parse_date, "COB Fri 27/06", date(2025, 6, 27)),
        (parse_number, "₺1.250.000", 1_250_000),
        (parse_number, "500 bin TL", 500_000),
        (parse_number, "%12", 0.12),
        (parse_number, "3千蚊", 3000),
        (parse_number, "$2.5 mdp", 2_500_000),
        (parse_number, "350 000:-", 350_000),
        (parse_number, "ca 40 000 kr", 40_000),
        (parse_status, "Devam ediyor", Status.NOT_DONE),
        (parse_status, "Försenad – tryckeriet", Status.ABNORMAL),
        (parse_status, "Klar", Status.DONE),
        (parse_status, "검토 중", Status.NOT_DONE),
        (parse_status, "DVT进行中", Status.NOT_DONE),
        # round 11: Vietnamese, German, Japanese, Taiwanese and Indian cells
        (parse_date, "ngày 20 tháng 7", date(2025, 7, 20)),
        (parse_date, "cuối tháng 8", date(2025, 8, 31)),
        (parse_date, "Thứ 6, 27/6", date(2025, 6, 27)),  # the sixth day: a Friday
        (parse_date, "Fr, 25.07.", date(2025, 7, 25)),
        (parse_date, "114/07/15", date(2025, 7, 15)),
        (parse_date, "w/e 27/06", date(2025, 6, 27)),
        (parse_number, "50.000.000đ", 50_000_000),
        (parse_number, "₹15L", 1_500_000),
        (parse_number, "約8,000枚", 8000),
        (parse_number, "c. £3k", 3000),
        (parse_progress, "hoàn thành 100%", 1.0),
        (parse_status, "Amber", Status.ABNORMAL),  # a RAG status
        (parse_status, "ho gaya ✅", Status.DONE),
        # round 12: Thai dates in the Buddhist era, Thai numbers and statuses, Macau money
        (parse_date, "31 กรกฎาคม 2568", date(2025, 7, 31)),
        (parse_date, "15 ส.ค. 68", date(2025, 8, 15)),
        (parse_date, "สิ้นเดือนกันยายน", date(2025, 9, 30)),
        (parse_date, "20/09/2568", date(2025, 9, 20)),
        (parse_date, "July EOM", date(2025, 7, 31)),
        (parse_date, "ยังไม่กำหนด", None),  # not yet set
        (parse_number, "2 แสน", 200_000),
        (parse_number, "ประมาณ 3 หมื่นบาท", 30_000),
        (parse_number, "MOP$8,800", 8800),
        (parse_number, "澳門元3.5萬", 35_000),
        (parse_number, "₱150K", 150_000),
        (parse_progress, "30%⏳", 0.3),
        (parse_progress, "ความคืบหน้า 70%", 0.7),
        (parse_status, "ล่าช้า (รอ อย.)", Status.ABNORMAL),
        (parse_status, "กำลังดำเนินการ", Status.NOT_DONE),
        (parse_number, "1 mil impressions", 1_000_000),  # not 1 with a note
        (parse_number, "30篇笔记", 30),
        (parse_number, "预计3万", 30000),
        (parse_progress, "四分之三", 0.75),
        (parse_progress, "七成半", 0.75),
        (parse_progress, "进度：3/4", 0.75),
        (parse_progress, "2 out of 5", 0.4),
        (parse_progress, "进度80%，待验收", 0.8),
        (parse_progress, "待更新", None),
        (parse_status, "- [x] Publish EDM", Status.DONE),  # a to-do as Notion exports it
        (parse_status, "- [ ] Publish EDM", Status.NOT_DONE),
        (parse_status, "Launched", Status.DONE),
        (parse_status, "KIV", Status.ABNORMAL),
        (parse_status, "Postponed to 30/6", Status.ABNORMAL),
        (parse_status, "还没开始", Status.NOT_DONE),
        (parse_status, "完成了～", Status.DONE),
        (parse_status, "推迟到下周", Status.ABNORMAL),
        (parse_status, "⚠️ 素材未到", Status.ABNORMAL),  # the mark says it, the rest why
        (parse_status, "✅ 已发", Status.DONE),
        (parse_number, "曝光：50万", 500_000),
        (parse_progress, "完成了70%", 0.7),
        # the fourth round's forms: other languages and tools, other ways of grouping
        (parse_number, "2 triệu đồng", 2_000_000),  # was read as 2, the rest a note
        (parse_number, "Rp 15.000.000", 15_000_000),
        (parse_number, "1.200", 1.2),  # one dot: a decimal point still
        (parse_number, "12,00,000", 1_200_000),
        (parse_number, "$(3,400)", -3400),
        (parse_number, "300만원", 3_000_000),
        (parse_number, "人民币伍万元整", 50_000),
        (parse_progress, "2 out of 5 posts", 0.4),
        (parse_progress, "已完成 2/4 场", 0.5),
        (parse_progress, "8割", 0.8),
        (parse_progress, "진행률 70%", 0.7),
        (parse_status, "🟢 On track", Status.NOT_DONE),
        (parse_status, "Working on it", Status.NOT_DONE),
        (parse_status, "暫緩", Status.ABNORMAL),
        (parse_status, "完了", Status.DONE),
        (parse_date, "年底", date(2025, 12, 31)),
        (parse_date, "民國114年7月1日", date(2025, 7, 1)),
        (parse_date, "15 juillet", date(2025, 7, 15)),
        (parse_date, "Ende Juli", date(2025, 7, 31)),
        (parse_date, "31 Julai 2025", date(2025, 7, 31)),
        # the fifth round's
        (parse_status, "审批通过，待付款", Status.DONE),
        (parse_status, "验收中", Status.NOT_DONE),
        (parse_status, "返工", Status.ABNORMAL),
        (parse_progress, "█████░░░░░", 0.5),
        (parse_progress, "●●●○○", 0.6),
        (parse_progress, "2 of 5 posts live", 0.4),
        (parse_date, "Jun-25", date(2025, 6, 30)),  # Excel's mmm-yy: June 2025
        (parse_date, "6/15 marketing review", date(2025, 6, 15)),  # no "mar": a note
        (parse_date, "2025W26", date(2025, 6, 29)),  # an ISO week: due on its Sunday
        (parse_date, "第26周", date(2025, 6, 29)),
        (parse_date, "FY25 Q4", date(2025, 12, 31)),
        (parse_date, "0630", date(2025, 6, 30)),
        (parse_date, "双11", date(2025, 11, 11)),
        (parse_number, "1,200.00-", -1200),
        (parse_number, "€5.000", 5000),  # in euros a dot groups thousands
        (parse_number, "5.000", 5.0),  # elsewhere it is a decimal point
        (parse_date, "KW 27", date(2025, 7, 6)),  # a German calendar week: its Sunday
        (parse_date, "03.07.", date(2025, 7, 3)),  # dots after day and month: day first
        (parse_date, "6.30", date(2025, 6, 30)),
        # round 7: Mexican, Brazilian and Japanese cells
        (parse_date, "fim de julho", date(2025, 7, 31)),
        (parse_date, "30 de julho", date(2025, 7, 30)),
        (parse_date, "por definir", None),  # to be set: an empty cell
        (parse_number, "MXN 45,000", 45000),
        (parse_number, "R$ 25.000", 25000),  # reais group thousands with dots, as euros do
        (parse_number, "1,200万円", 12_000_000),
        (parse_number, "▲30,000", -30000),  # the minus of Japanese accounts
        (parse_status, "en proceso", Status.NOT_DONE),
        (parse_status, "pendente", Status.NOT_DONE),
        (parse_status, "em risco", Status.ABNORMAL),
        # round 8: French, Indonesian, Korean, Arabic, British and US cells
        (parse_date, "15 juil.", date(2025, 7, 15)),
        (parse_date, "mi-septembre", date(2025, 9, 20)),
        (parse_date, "lundi 8 septembre 2025", date(2025, 9, 8)),
        (parse_date, "Jumat, 1 Agustus 2025", date(2025, 8, 1)),
        (parse_date, "6/30 5pm ET", date(2025, 6, 30)),
        (parse_date, "w/c 14 July", date(2025, 7, 14)),
        (parse_date, "7/18（五）", date(2025, 7, 18)),
        (parse_date, "7월 말", date(2025, 7, 31)),  # Korean dates, as the Chinese they mirror
        (parse_date, "2025년 7월 3일(목)", date(2025, 7, 3)),
        (parse_date, "belum ditentukan", None),
        (parse_number, "500rb", 500_000),
        (parse_number, "약 5천", 5000),
        (parse_number, "env. 8 000", 8000),
        (parse_progress, "Progres 20%", 0.2),
        (parse_status, "livré", Status.DONE),
        (parse_status, "تم", Status.DONE),
        (parse_status, "قيد التنفيذ", Status.NOT_DONE),
        (parse_status, "متأخر", Status.ABNORMAL),
        (parse_status, "Awaiting sign-off", Status.NOT_DONE),
        # round 27
        (parse_date, "za 12 juli", date(2025, 7, 12)),  # Dutch: zaterdag
        (parse_date, "1 t/m 15 augustus", date(2025, 8, 15)),  # t/m: through
        (parse_date, "half juli", date(2025, 7, 20)),  # mid-July
        (parse_date, "114年7月15日", date(2025, 7, 15)),  # Taiwan counts years from 1912
        (parse_number, "两万（线上+线下）", 20000),
        (parse_number, "Rp 2,5 juta", 2_500_000),
        (parse_progress, "3 dari 5", 0.6),
        (parse_progress, "▰▰▰▱▱", 0.6),
        (parse_progress, "de helft", 0.5),
        (parse_status, "Bezig", Status.NOT_DONE),
        (parse_status, "Vertraagd - fietsen nog niet geleverd", Status.ABNORMAL),
    ],
)
def test_forms_from_exports_and_regional_writing(parser, raw, value):
    read = parser(raw, today=date(2025, 6, 20)) if parser is parse_date else parser(raw)
    assert read == (pytest.approx(value) if isinstance(value, float) else value)


@pytest.mark.parametrize(
    "raw",
    [
        "7/22（五）",
        "2025.07.09(월)",
        "lundi 9 septembre 2025",
        "ven. 28 juin",
        "14/07/2568 (อังคาร)",  # the 14th of July 2025 (2568 in the Buddhist era) is a Monday
        "zo 6-7-2025",  # zondag: 7 June (month first) is a Saturday
    ],
)
def test_a_weekday_in_any_language_that_is_not_the_dates_is_refused(raw):
    """(五) is Friday, 월 Monday, lundi Monday: none is the day's own weekday here."""
    assert "not a" in refused(parse_date, raw).expected


@pytest.mark.parametrize("raw", ["已取消", "Cancelled", "Won't do", "Closed Lost"])
def test_a_cancelled_task_is_no_status(raw):
    """Cancelled is none of done, not done and abnormal: the row is refused, not guessed."""
    refused(parse_status, raw)


def test_a_progress_that_is_only_more_than_half_is_refused():
    # said as a progress, as the Chinese line says it
    assert refused(parse_progress, "过半").expected.startswith("a progress from 0% to 100%")


@pytest.mark.parametrize(
    ("raw", "unit"),
    [
        ("K2 Agency", "K2 Agency"),
        ("Agencja: K2 Precise", "K2 Precise Agencja"),
        ("Team 7", "Team 7"),
    ],
)
def test_a_team_or_agency_name_may_hold_a_number(raw, unit):
    cell = parse_owner(raw)
    assert cell.departments == (unit,) and cell.people == ()


@pytest.mark.parametrize(
    ("raw", "people", "units", "group"),
    [
        ("品牌部 Mai 和 小周", ("Mai", "小周"), ("品牌部",), False),  # not Mai written twice
        ("外卖运营 小蒋", ("小蒋",), ("外卖运营",), False),
        ("Operations / Fulfillment", (), ("Operations", "Fulfillment"), False),
        ("成都各门店", (), (), True),  # every store in the city: no one unit
        ("All student ambassadors", (), (), True),
        ("Tất cả cửa hàng", (), (), True),
        # round 34
        ("Shopee 小美", ("小美",), (), False),  # a channel, not her name in Latin letters
        ("Kickstarter 众筹组", (), ("众筹组",), False),
        ("Ravi (Data Science)", ("Ravi",), ("Data Science",), False),
        ("Sales Manager (Penang)", (), ("Sales",), False),  # a city abroad in brackets
        ("Trust & Safety", (), ("Trust&Safety",), False),  # one unit with "&" in its name
        ("TBD — waiting on new hire", (), (), False),  # nobody yet
        ("Pooja → Aditi (w.e.f. 1 Oct)", ("Aditi",), (), False),
        ("Head - D2C", (), ("D2C",), False),
        ("Influencers: Flock Talent", (), ("Flock Talent agency",), False),
    ],
)
def test_round_33_and_34_forms(raw, people, units, group):
    cell = parse_owner(raw)
    assert (cell.people, cell.departments, cell.collective) == (people, units, group)


@pytest.mark.parametrize(
    ("raw", "people", "units"),
    [
        # a note in brackets after a Chinese name: what or where the person works at
        ("陆老师（花型设计）", ("陆老师",), ()),
        ("孙经理（烟台）", ("孙经理",), ()),
        ("张工（技术支持）", ("张工",), ()),  # a duty, not the 技术 department
        ("研发中心 李师傅（新锅底）", ("李师傅",), ("研发中心",)),
        ("教研-李老师（初中数学）", ("李老师",), ("教研",)),
        ("梁丽萍（市场专员）", ("梁丽萍",), ("市场",)),  # a title led by a unit's word
        ("张三（市场部）", ("张三",), ("市场部",)),
        # a Chinese label saying what the task is, before who does it
        ("设计：梵睿品牌设计", (), ("梵睿品牌设计",)),
        ("美团/大众点评代运营：宠爱传媒", (), ("宠爱传媒",)),
        ("红旗连锁对接：小周", ("小周",), ()),
        # a given name that is also a status word, before a family name
        ("Amber Lin (MarCom)", ("Amber Lin",), ("MarCom",)),
        # round 35
        ("AV: Najd Sound & Light", (), ("Najd Sound&Light agency",)),
        ("Drukwerk: Drukkerij Wilco", (), ("Drukkerij Wilco agency",)),
        ("jointly: Ops & Sales", (), ("Ops", "Sales")),  # two units, not a supplier
        ("陶瓷：景德镇御窑坊", (), ("景德镇御窑坊",)),
        ("外协工厂：义乌鸿达工艺品厂", (), ("义乌鸿达工艺品厂",)),
        ("设计工作室 周洋（外包）", ("周洋",), ("设计工作室",)),
        ("李小姐（代理商）", ("李小姐",), ("代理商",)),  # a person at an agency
        ("全体加盟商", (), ()),
        ("All agents in Ibadan", (), ()),
        ("Whole marketing team", (), ("marketing team",)),
        ("Risk & Fraud team", (), ("Risk&Fraud team",)),
        ("Manager, Tom Lee", ("Tom Lee",), ()),
        ("外卖组（美团/饿了么）", (), ("外卖组",)),
        ("营运布 李经理", ("李经理",), ("营运部",)),
        ("Winkel Centraal Station", (), ("Winkel Centraal Station",)),
        # round 36
        ("心内科 王主任医师", ("王主任医师",), ("心内科",)),  # a physician's grade
        ("Lukas Brandt, Head of Service", ("Lukas Brandt",), ("Service team",)),
        ("Recruitment Manager – South Asia", (), ("Recruitment",)),  # a market, not a person
        ("Director Comercial USA", (), ("Comercial",)),
        ("IDP Education (Delhi)", (), ("IDP Education",)),  # a company by its name
        ("Breakthru Beverage + Young's Market", (), ("Breakthru Beverage", "Young's Market")),
        ("Agent: AECC Global", (), ("AECC Global",)),
        ("Ben Global", ("Ben",), ()),  # a given name first: a person, of a Global team
        (
            "Priya Sharma & Rohan Mehta (Study Smart Consultants)",
            ("Priya Sharma", "Rohan Mehta"),
            ("Study Smart Consultants",),
        ),
        ("王丽娜 Lina Wang（新东方前途出国）", ("王丽娜",), ("新东方前途出国",)),  # one, twice
        ("品牌部 + 李奥贝纳 Leo Burnett", (), ("品牌部", "李奥贝纳")),  # one agency, two names
        ("Ogilvy（海外KOL投放）", (), ("Ogilvy",)),  # what the agency does
        ("蓝色光标（公关）", (), ("蓝色光标",)),
        ("PR：蓝色光标 BlueFocus", (), ("蓝色光标",)),  # a trade, then the agency twice
        ("Alice（公关）", ("Alice",), ("公关",)),  # a person of the PR unit
        ("Dentsu (Marcus)", ("Marcus",), ("Dentsu",)),  # a person at the agency
        ("RNDC (Republic National Distributing Co.)", (), ("RNDC agency",)),
        ("Jonas und Lea (Presse)", ("Jonas", "Lea"), ("Presse",)),
        ("Marketing (Stelle unbesetzt)", (), ("Marketing",)),  # a post not filled
        # round 37
        ("杭州星芒MCN", (), ("杭州星芒MCN",)),
        ("公關：先勢行銷", (), ("先勢行銷",)),  # a trade, then a marketing company
        ("会务公司：上海博华会展", (), ("上海博华会展会务公司",)),
        ("案场 小李、小杨", ("小李", "小杨"), ("案场",)),  # a developer's sales site
        ("KOL：@广州小鹿酱", ("广州小鹿酱",), ()),  # a creator's handle, whatever it holds
        ("Influencer: @glowwithjess", ("glowwithjess",), ()),
        ("KOL经理", (), ()),  # (a title: no handle after it)
        ("Linda（美妆博主，报价中）", ("Linda",), ()),  # notes after a comma, each dropped
        ("Tom (Sales, Marketing)", ("Tom",), ("Sales", "Marketing")),
        ("林涛（出差中，由许静代理）", ("林涛", "许静"), ()),  # and one standing in
        ("Head Chef (Central Kitchen)", (), ("Central Kitchen",)),
        ("Delivery platforms team (Grab/foodpanda)", (), ("Delivery platforms team",)),
    ],
)
def test_notes_and_task_labels_beside_an_owner_add_no_one(raw, people, units):
    cell = parse_owner(raw)
    assert (cell.people, cell.departments) == (people, units)


@pytest.mark.parametrize("raw", ["$85", "¥68/双", "US$ 8.50/botella"])
def test_money_in_a_progress_cell_is_refused_not_read_as_a_percentage(raw):
    assert "money" in refused(parse_progress, raw).expected


@pytest.mark.parametrize(
    "raw",
    [
        "CES前完成",
        "Signed off",
        "Halal cert pending",
        "akhir Mei",
        "eind juli",
        "Risk",
        "Offer letters sent",  # what was done, in lower case: no name is written so
        "Samples shipped",
        "Agent briefing for PropNex",  # a title, then prose
        "見群組訊息",  # see the group's message
        "按集团要求执行",  # as the group requires: how, not who
        "EOD Friday",
    ],
)
def test_a_deadline_or_a_status_in_the_owner_column_is_refused(raw):
    refused(parse_owner, raw)


@pytest.mark.parametrize("raw", ["$50/hr", "$500/month", "5千/天", "2025款"])
def test_a_rate_over_time_or_a_model_year_is_no_amount(raw):
    refused(parse_number, raw)


@pytest.mark.parametrize(
    ("raw", "people", "units"),
    [
        # a party's label, with or without its trade, before the company it names
        ("代理商：蓝天广告", (), ("蓝天广告",)),
        ("廣告代理：電通", (), ("電通",)),
        ("设计外包：鹭岛广告", (), ("鹭岛广告",)),
        ("加盟商：蜀香餐饮管理有限公司", (), ("蜀香餐饮管理有限公司",)),
        ("代理商：李娜", ("李娜",), ("代理商",)),  # a person at the agency
        ("德国代理商 Müller GmbH", (), ("Müller GmbH",)),  # the agent, by its name
        # honorifics after a name, lead and deputy notes, a market in brackets
        ("张建国同志", ("张建国",), ()),
        ("Rahul aur Sneha", ("Rahul", "Sneha"), ()),
        ("Sales (B2C) + Amit bhai", ("Amit",), ("Sales",)),
        ("商品部 鈴木（主）／行銷部 吳（副）", ("鈴木", "吳"), ("商品部", "行銷部")),
        ("企业文化处 / 外联处", (), ("企业文化处", "外联处")),
        ("待定，等KOL报价", (), ()),  # nobody yet, and why
        # round 17: handovers in words, pronouns, @ between a unit and a name, a hospital's
        # and a university's units, dealers, Hangul pairs with hyphens
        ("Was Ifeoma, now Kelechi", ("Kelechi",), ()),
        ("prima Luca, ora Valentina", ("Valentina",), ()),
        ("Tunde A. (he/him)", ("Tunde A.",), ()),
        ("KOL组@Mia", ("Mia",), ("KOL组",)),
        ("骨科 周教授 主导；康复科 配合", ("周教授",), ("骨科", "康复科")),
        ("文案组/设计组", (), ("文案组", "设计组")),
        ("School of Law / School of Business", (), ("School of Law", "School of Business")),
        ("经销商：青岛鑫海商贸有限公司", (), ("青岛鑫海商贸有限公司",)),
        ("콘텐츠팀-오하늘, 디자인팀-윤재석", ("오하늘", "윤재석"), ("콘텐츠팀", "디자인팀")),
        ("待定，月底前确认", (), ()),
        # round 18
        ("原店长陈刚，现由吴雪接手", ("吴雪",), ()),
        ("何伟（已交接给梁静）", ("梁静",), ()),
        ("蓝色光标（代运营）", (), ("蓝色光标",)),
        ("店长（待招）", (), ()),
        ("Jess (contractor)", ("Jess",), ()),
        ("团委 + 学生会", (), ("团委", "学生会")),
        # round 19
        ("高远（接替马超）", ("高远",), ()),
        ("Meera (took over from Suresh)", ("Meera",), ()),
        ("dulu Agus, sekarang Bayu", ("Bayu",), ()),
        ("PIC: Intan", ("Intan",), ()),
        ("Belum ada PIC", (), ()),
        ("Dpto. Marketing - Lucía", ("Lucía",), ("Dpto. Marketing",)),
        ("包材组/品控部", (), ("包材组", "品控部")),
        # round 20, and earlier rounds' misses
        ("Tim", ("Tim",), ()),
        ("Tim Akuisisi & Tim Retensi", (), ("Tim Akuisisi", "Tim Retensi")),
        ("김 대리님", ("김 대리",), ()),
        ("暂定：宣传推广处", (), ("宣传推广处",)),
        ("Vivian (接手Leo)", ("Vivian",), ()),
        ("展台搭建：苏州美陈展览有限公司", (), ("苏州美陈展览有限公司",)),
        ("Agência África", (), ("África Agência",)),
        ("マーケティングチーム", (), ("マーケティングチーム",)),
        ("采研國際（代理商）", (), ("采研國際代理商",)),  # the agency, one unit
        ("公关公司：励翔传播", (), ("励翔传播公关公司",)),
        # round 21
        ("Ken→交接给Mia", ("Mia",), ()),
        ("原郑磊 现 蒋雯雯", ("蒋雯雯",), ()),
        ("Manon → Inès (depuis sept.)", ("Inès",), ()),
        ("Mike O'Connor, PhD", ("Mike O'Connor",), ()),
        ("Medical Affairs + Finn Partners", (), ("Medical Affairs", "Finn Partners")),
        ("Linh / agency BeeKOL", ("Linh",), ("agency BeeKOL",)),
        ("Markting – Katrin Vogel", ("Katrin Vogel",), ("Markting",)),  # a hurried typo
        # round 22: a company's 公司 had been read as a person; 文旅局 too
        ("蓝天广告公司", (), ("蓝天广告公司",)),
        ("鹭星传媒公司 张三", ("张三",), ("鹭星传媒公司",)),
        ("市场部和文旅局", (), ("市场部", "文旅局")),
        ("住房和城乡建设局", (), ("住房和城乡建设局",)),
        ("小郑 (休假到5/6)", ("小郑",), ()),
        ("林医生（周二、四坐诊）", ("林医生",), ()),
        ("阿杰 (修图)", ("阿杰",), ()),
        ("Akinyi na Wafula", ("Akinyi", "Wafula"), ()),
        ("Timu ya Masoko", (), ("Timu ya Masoko",)),
        ("Agencia Nómada (Javi)", ("Javi",), ("Agencia Nómada",)),
        ("Agence Babel (RP)", (), ("Agence",)),
        ("Savanna Creative Agency", (), ("Savanna Creative Agency",)),
        # round 23
        ("Vendas / Finanças", (), ("Vendas", "Finanças")),  # two units, both in Latin letters
        ("Équipe Digital / 奥美", (), ("Équipe Digital", "奥美")),
        ("奥美 / Ogilvy", (), ("奥美",)),  # one agency, by its two names
        ("PR agency: Edelman", (), ("Edelman PR agency",)),
        ("经销商：蜀香商贸", (), ("蜀香商贸",)),
        ("新通留学", (), ("新通留学",)),
        ("黃怡君（日本出差中）", ("黃怡君",), ()),
        ("Sophie (on leave - cover TBC)", ("Sophie",), ()),
        ("PT Kreasi Digital Nusantara (agensi)", (), ("PT Kreasi Digital Nusantara agensi",)),
        # away, with a stand-in: both (some of these had been refused)
        ("马丽（休假中，暂由郭涛代）", ("马丽", "郭涛"), ()),
        ("小王（休假中），暂由小李代", ("小王", "小李"), ()),
        ("Zara (OOO – cover: Dan)", ("Zara", "Dan"), ()),
        ("Merve (izinde, dönünce devralacak)", ("Merve",), ()),  # a note, no one named
        # probed forms: a unit beside a name in two scripts, a hyphenated unit, a comma
        ("市场部 Kelvin 陳志明", ("Kelvin",), ("市场部",)),  # one person, as Kelvin 陳志明
        ("Winnie 黃慧玲 / Kelvin 陳志明", ("Winnie", "Kelvin"), ()),
        ("E-commerce-Alice", ("Alice",), ("E-commerce",)),
        ("Bob Smith, Alice", ("Bob Smith", "Alice"), ()),
        ("Wong Ka Man, Karen", ("Karen Wong Ka Man",), ()),  # one, as a directory lists
        # round 24
        ("文物局（主管单位）", (), ("文物局",)),  # not a person named 文物局
        ("王局", ("王局",), ()),  # Director Wang
        ("Prosper Digital (agency)", (), ("Prosper Digital agency",)),
        ("顺德美佳电器（经销商）", (), ("顺德美佳电器",)),
        # round 25
        ("Sandstone Media LLC", (), ("Sandstone Media LLC",)),
        ("Showroom team", (), ("Showroom team",)),
        ("최유나（上海）", ("최유나",), ()),
        ("Jason Co", ("Jason Co",), ()),  # Co is a family name too
        # round 26
        ("vorher Mert, jetzt Hannah", ("Hannah",), ()),
        ("JLL / 世邦魏理仕", (), ("JLL", "世邦魏理仕")),  # two brokers, not one in two scripts
        ("村委会-覃主任", ("覃主任",), ("村委会",)),
        # round 27
        ("主播 甜甜（抖音）", ("甜甜",), ()),  # a channel in brackets: where, not who
        ("Community team (Discord)", (), ("Community team",)),
        ("电商布 小刘", ("小刘",), ("电商部",)),  # 部 typed as 布
        ("社群祖", (), ("社群组",)),  # 组 typed as 祖
        ("Sales Centre – Kevin", ("Kevin",), ("Sales Centre",)),
        ("Tina Huang 604-555-0148", ("Tina Huang",), ()),
        ("Carlos Mendoza 987 654 321", ("Carlos Mendoza",), ()),
        ("思茅合作社 李叔", ("李叔",), ("思茅合作社",)),
        ("杭州咖啡展：市场部+外贸部", (), ("市场部", "外贸部")),  # the event as a label
        ("星禾传媒（小红书代运营）", (), ("星禾传媒",)),
        ("攝影師（外包）", (), ()),  # the terms of a title, no second party
        ("物流：顺丰 / 倉庫 高橋", ("高橋",), ("顺丰", "倉庫")),  # a trade before its company
        ("担当：佐々木", ("佐々木",), ()),
        ("Bilibili運営チーム", (), ("Bilibili運営チーム",)),
        ("Sprzedaż B2B / Logistyka", (), ("Sprzedaż", "Logistyka")),
        ("老蔡（跟工厂对接）", ("老蔡",), ()),  # what he does, in brackets
        ("项目组-何丽", ("何丽",), ("项目组",)),
        ("Todos los distribuidores", (), ()),
        # round 28
        ("货代：捷运物流", (), ("捷运物流货代",)),  # a forwarder, by its name
        ("所有经销商", (), ()),  # every dealer: no one unit
        ("品牌部 + 各国代理商", (), ("品牌部",)),
        ("美容师 小K", ("小K",), ()),  # a nickname by a letter
        ("猫科门诊 周医生", ("周医生",), ("猫科门诊",)),
        ("Studio audio : Sonorité Boréale", (), ("Sonorité Boréale studio",)),
        ("Relations presse : Agence Pivot", (), ("Agence Pivot",)),
        ("公關：Kinetic PR", (), ("Kinetic PR agency",)),
        ("營運部 Eric 哥", ("Eric哥",), ("營運部",)),
        ("电商组 Bam (Shopee/Lazada)", ("Bam",), ("电商组",)),  # channels in brackets
        ("Retail team / Osu shop", (), ("Retail team", "Osu shop")),
        ("Live Ops / Community", (), ("Live Ops", "Community")),
        ("À déterminer", (), ()),
        ("飞书群 @所有人", (), ()),  # a chat group, everyone in it: had raised IndexError
        ("Sales (Mauzo) – Njeri", ("Njeri",), ("Sales",)),  # one unit in two languages
        ("华东经销商：锦泰贸易", (), ("锦泰贸易",)),
        ("Försäljning Kina", (), ("Försäljning",)),
        ("PR: Savannah Story Ltd", (), ("Savannah Story Ltd",)),
        # round 29
        ("مدير المبيعات", (), ("المبيعات",)),  # the sales manager: a title and its unit
        ("كل الفريق", (), ()),  # the whole team
        ("Ops / العمليات", (), ("Ops",)),  # one unit in two languages
        ("物料：青岛印象广告", (), ("青岛印象广告",)),
        ("Publicis Riyadh", (), ("Publicis Riyadh",)),
        ("Freight: DHL Global Forwarding", (), ("DHL Global Forwarding",)),
        ("Frau Schneider (Agentur)", ("Frau Schneider",), ()),
        ("@Kevin_Amazon", ("Kevin_Amazon",), ()),
        ("이지은 대리 010-4821-7735", ("이지은",), ()),  # a name, a title, a phone
        ("Jun-ho & Minji (Export)", ("Jun-ho", "Minji"), ("Export",)),  # not "ex-": a unit
        ("欧洲站运营 Tina", ("Tina",), ("欧洲站运营",)),
        ("Comercio Exterior – Martina", ("Martina",), ("Comercio Exterior",)),
        ("everybody lah", (), ()),
        # round 30: Cyrillic
        ("Маркетинг – Данияр", ("Данияр",), ("Маркетинг",)),
        ("Отдел маркетинга", (), ("Отдел маркетинга",)),
        ("Бауыржан → Мадина", ("Мадина",), ()),
        ("Все магазины", (), ()),
        ("Анна и Мария", ("Анна", "Мария"), ()),  # и: and
        ("Менеджер по маркетингу", (), ("маркетингу",)),  # a manager "for" marketing
        ("ТОО Астана Трейд", (), ("ТОО Астана Трейд",)),  # a Kazakh company's legal form
        # round 31
        ("Leitung Kommunikation", (), ("Kommunikation",)),
        ("Todas las tiendas", (), ()),
        ("Tienda Chapinero (Sebas)", ("Sebas",), ("Tienda Chapinero",)),
        ("遵义经销商 黔酱商贸有限公司", (), ("黔酱商贸有限公司",)),
        ("京东对接 小蔡", ("小蔡",), ()),
        ("酿造车间 王师傅", ("王师傅",), ("酿造车间",)),
        ("Sotuv bo'limi", (), ("Sotuv bo'limi",)),
        ("Агентство: Nomad Creative", (), ("Nomad Creative Агентство",)),
        ("上海事務所", (), ("上海事務所",)),
        ("售后服务布 老孟", ("老孟",), ("售后服务部",)),
        ("老于（跑哈尔滨）", ("老于",), ()),
        ("电商部（天猫+抖店）", (), ("电商部",)),
    ],
)
def test_round_16_and_17_forms(raw, people, units):
    cell = parse_owner(raw)
    assert (cell.people, cell.departments) == (people, units)


@pytest.mark.parametrize(
    "raw", ["done/blocked", "已完成/延期", "In progress / blocked", "selesai/telat"]
)
def test_statuses_joined_in_the_owner_column_name_nobody(raw):
    refused(parse_owner, raw)


def test_names_joined_the_same_way_stay_names():
    assert parse_owner("Alice / Bob").people == ("Alice", "Bob")
    assert parse_owner("张三/李四").people == ("张三", "李四")


@pytest.mark.parametrize(
    "raw",
    ["2026 brand refresh", "Digital leads 5k/month", "Alice 2", "Finalize FY2025 marketing plan"],
)
def test_a_number_beside_no_team_word_is_still_no_owner(raw):
    with pytest.raises(CellError):
        parse_owner(raw)


@pytest.mark.parametrize("raw", ["已报备", "已下单", "已完城", "周五前交", "see Slack thread"])
def test_something_already_done_is_no_owner(raw):
    with pytest.raises(CellError):
        parse_owner(raw)


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (["19/07/2025", "05/07/2025"], ("19/07/2025", None, "05/07/2025")),
        (["07/19/2025", "5-7-2025"], (None, "07/19/2025", "5-7-2025")),
        # ISO and year-first dates, dotted dates, times and equal numbers say nothing
        (["2025-07-19", "2025/7/5", "19.07.2025", "19:30", "6/6/2025"], (None, None, None)),
        (["19/07-25/07 (周六)", None, 20250719], ("19/07-25/07 (周六)", None, None)),
        (["32/07/2025", "05/13"], (None, "05/13", None)),  # no day 32; 13 only a day
        # no 31st of February, nor a 31st month: refused (X901), it shows no order
        (["31/02/2025", "31/04", "29/02/2024", "7/5"], ("29/02/2024", None, "7/5")),
    ],
)
def test_written_date_orders(texts, expected):
    assert tuple(written_date_orders(texts)) == expected


@pytest.mark.parametrize(
    ("raw", "people", "roles"),
    [
        ("Launch coordinator", (), ("Launch coordinator",)),
        ("Influencer manager - Tanvi", ("Tanvi",), ("Influencer manager",)),
        ("Zhang Wei (Beijing rep)", ("Zhang Wei",), ("Beijing rep",)),
        ("Jason coordinator", ("Jason",), ("coordinator",)),  # a given name stays a person
    ],
)
def test_a_word_before_a_lower_case_title_is_part_of_the_title(raw, people, roles):
    cell = parse_owner(raw)
    assert (cell.people, cell.roles) == (people, roles)


@pytest.mark.parametrize(
    ("parse", "raw", "value"),
    [
        (parse_date, "2025/8/8 晚8点", date(2025, 8, 8)),  # a time of day after the date
        (parse_date, "2025/8/8 下午3点", date(2025, 8, 8)),
        (parse_date, "2025-08-08 凌晨2:30", date(2025, 8, 8)),
        (parse_progress, "差唔多一半", 0.5),  # Cantonese: about half
        (parse_progress, "装修进度：4/5", 0.8),  # whose progress, before 进度
        (parse_progress, "don reach 70%", 0.7),  # Pidgin: it has reached
        (parse_status, "Đang chạy", Status.NOT_DONE),  # Vietnamese: running
        (parse_status, "Chờ duyệt", Status.NOT_DONE),  # awaiting approval
    ],
)
def test_round_34_forms(parse, raw, value):
    assert parse(raw) == value


def test_a_label_before_progress_does_not_read_past_a_negation():
    refused(parse_progress, "未完成80%")


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("1 tỷ 200 triệu", 1.2e9),  # Vietnamese, as 1亿2000万 is said
        ("1 tỷ 200 triệu đồng", 1.2e9),
        ("₹1 crore 20 lakh", 1.2e7),
        ("1 million 200 thousand", 1.2e6),
    ],
)
def test_an_amount_in_two_scales_adds_them(raw, value):
    assert parse_number(raw) == value


@pytest.mark.parametrize("raw", ["1 triệu 2000 nghìn", "1 million 2 million", "2 tỷ 5"])
def test_two_scales_that_do_not_descend_are_refused(raw):
    refused(parse_number, raw)


@pytest.mark.parametrize("raw", ["拖了两天", "延期两周", "延迟三个星期"])
def test_how_late_in_chinese_numerals_is_a_note_on_abnormal(raw):
    assert parse_status(raw) is Status.ABNORMAL


@pytest.mark.parametrize("raw", ["完成两天", "进行中三天"])
def test_a_length_of_time_after_another_status_stays_refused(raw):
    refused(parse_status, raw)


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("Coverage 75%", 0.75),  # any label of a word or two before the share
        ("已售 85%", 0.85),
        ("Andamento 40%", 0.4),
        ("已拍 12/20", 0.6),  # steps after 已 and what was done
        ("完成率百分之六十", 0.6),
        ("aadha", 0.5),  # Hindi: half
    ],
)
def test_a_progress_after_any_label_is_read(raw, value):
    assert parse_progress(raw) == value


@pytest.mark.parametrize(
    "raw",
    [
        "未完成80%",  # a status: which is it?
        "delayed 40%",
        "同比增长12%",  # a change, as a goal states it
        "up 15%",
        "by 7/31",  # steps after a word are a date
        "延期至7/15",
    ],
)
def test_a_progress_after_a_status_change_or_date_word_is_refused(raw):
    refused(parse_progress, raw)


def test_cells_read_from_round_35():
    assert parse_date("7.8（周二）直播", today=TODAY) == date(2025, 7, 8)  # weekday, then a note
    assert parse_date("1º de novembro", today=TODAY) == date(2025, 11, 1)
    assert parse_number("三百伙") == 300  # Hong Kong: flats
    assert parse_number("฿120/ชิ้น") == 120  # a price per piece
    assert parse_number("莫得") is None  # Sichuanese: there is none
    assert parse_status("Concluída") is Status.DONE
    assert parse_status("搞掂晒") is Status.DONE
    assert parse_status("还在弄") is Status.NOT_DONE
    assert parse_status("扯拐了（车架到不了）") is Status.ABNORMAL
    assert parse_status("ruka hua (van breakdown)") is Status.ABNORMAL


def test_cells_read_from_round_36():
    assert parse_progress("Concluído 60%") == 0.6  # Portuguese: done, then how far
    refused(parse_progress, "+12% YoY")  # a change, not how far a task has come
    refused(parse_progress, "环比+5%")
    refused(parse_progress, "同比 12%")  # the change before the share, as a label would stand
    assert parse_status("on progress") is Status.NOT_DONE  # as Indonesian English says it
    refused(parse_status, "Done/pending approval")  # two states at once
    assert parse_number("预算 ¥35万") == 350000  # a label, a space, then the money sign


def test_cells_read_from_round_37():
    assert parse_progress("zur Hälfte") == 0.5  # German: half (done)
    assert parse_progress("halfway there") == 0.5
    assert parse_progress("Voortgang: 4 van 5 video's") == 0.8  # Dutch: progress, steps
    assert parse_progress("n.v.t.") is None  # Dutch: not applicable
    assert parse_status("完成咗") is Status.DONE  # Cantonese
    assert parse_status("完了済み") is Status.DONE  # Japanese
    assert parse_status("Finalizado (15/07)") is Status.DONE  # Spanish, a date in a note
    assert parse_status("Yet to start") is Status.NOT_DONE  # Indian English
    assert parse_number("2 mil millones de pesos") == 2e9  # "de" before the currency
    assert parse_number("5 mil pesos") == 5000
    assert parse_number("R$ 3 milhões") == 3e6  # Portuguese millions, billions
    assert parse_number("3 milhões de reais") == 3e6
    assert parse_number("R$ 2 bilhões") == 2e9
    assert parse_number("2 mil milhões de euros") == 2e9  # (European Portuguese)
    # Spanish dollars: "mil" beside them is a thousand; a comma before millones is the
    # decimal point when a Latin American currency is named (alone, 1,5 may be a list)
    assert parse_number("3 mil dólares") == 3000
    assert parse_number("1,5 millones de dólares") == 1.5e6
    assert parse_number("3,5 millones de pesos") == 3.5e6
    refused(parse_number, "1,5 millones")


def test_two_statuses_where_the_owner_goes_are_refused_title_case_names_stay():
    refused(parse_owner, "Done/pending approval")
    assert parse_owner("Will/Sunny").people == ("Will", "Sunny")


@pytest.mark.parametrize(
    "raw", ["月底", "年初前", "fin de mes", "Mwisho wa mwezi", "Freigabe erteilt", "Done / on hold"]
)
def test_a_when_or_a_status_where_the_owner_goes_is_no_person(raw):
    refused(parse_owner, raw)


def test_a_city_after_a_unit_is_where_it_works_not_who():
    assert parse_owner("Trade Marketing, Mombasa").departments == ("Trade Marketing",)
    assert parse_owner("Trade Marketing, Mombasa").people == ()
    assert parse_owner("물류센터 (평택)").people == ()
