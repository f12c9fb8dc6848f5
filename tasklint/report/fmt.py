"""How the report writes numbers, the same way in HTML, Markdown and the published copies."""

from __future__ import annotations

from tasklint import text


def percent(value: float | None) -> str:
    """`0.8` → `80%`, `0.769230` → `76.92%` (as the Completion column and R602 write
    it); no exponents for the extremes of messy tables: `533,300%`, `<0.01%`."""
    return "—" if value is None else text.percent(value)


def number(value: float | None) -> str:
    """`233000.0` → `233,000`; `12.5` → `12.5`."""
    if value is None:
        return "—"
    return f"{value:,.10g}"


def value(value: float | None, *, as_percent: bool) -> str:
    """A target or actual: a percentage when the row's values are fractions."""
    return percent(value) if as_percent else number(value)


def share(value: float | None) -> str:
    """A share of a budget, to three figures as B501 writes it: `3.43%`."""
    return "—" if value is None else text.percent(value, 3)
