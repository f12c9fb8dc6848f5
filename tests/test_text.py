"""How percentages are written in messages, the text report and the review report."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tasklint.model import Table, Task
from tasklint.text import percent
from tasklint.validators.engine import lint


@pytest.mark.parametrize(
    ("fraction", "digits", "signed", "shown"),
    [
        (0.769230, 4, False, "76.92%"),
        (0.8, 4, False, "80%"),
        (0.15, 3, False, "15%"),
        (12.345, 4, False, "1,234%"),
        (1733.3333, 4, False, "173,333%"),  # not 1.733e+05%
        (9.9995, 3, False, "1,000%"),  # rounds up past the figures it has: whole
        (0.0000001, 4, False, "<0.01%"),  # not 1e-05%
        (-0.00001, 4, False, ">-0.01%"),
        (0, 4, False, "0%"),
        (0.25, 3, True, "+25%"),
        (-0.031, 3, True, "-3.1%"),
        (-54.0, 3, True, "-5,400%"),
    ],
)
def test_percent(fraction: float, digits: int, signed: bool, shown: str) -> None:
    assert percent(fraction, digits, signed=signed) == shown


@given(
    fraction=st.floats(min_value=-1e9, max_value=1e9, allow_nan=False),
    digits=st.sampled_from([3, 4]),
)
def test_percent_reads_back_to_its_figures_without_an_exponent(fraction: float, digits: int):
    shown = percent(fraction, digits)
    assert "e" not in shown and shown.endswith("%")
    if shown in ("<0.01%", ">-0.01%"):
        assert 0 < abs(fraction * 100) < 0.01
        return
    value = float(shown[:-1].replace(",", ""))
    # as close as `digits` figures allow, or the whole number past them
    assert value == pytest.approx(fraction * 100, rel=10 ** (1 - digits), abs=0.5)


def test_a_completion_far_past_its_target_reads_without_an_exponent() -> None:
    task = Task.trusted(id="r", row=2, title="t", metric="转化率", target=0.15, actual=260.0)
    result = lint(
        Table(
            name="t",
            kind="file",
            columns={"metric": "指标", "target": "目标值", "actual": "实际值"},
            tasks=[task],
        ),
        today=date(2025, 6, 20),
        locale="zh",
        select=["R602"],
    )
    (finding,) = result.tasks[0].findings
    assert "173,333%" in finding.message and not re.search(r"\de[+-]\d", finding.message)
