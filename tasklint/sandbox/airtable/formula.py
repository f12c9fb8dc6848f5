"""Airtable ``filterByFormula`` for the sandbox: parse once per request, test every record.

``compile_formula(text, fields)`` checks the formula against the table's fields and
returns a callable; calling it with a record's cells (Airtable cell JSON, absent =
empty) and the record's last-modified time says whether Airtable would keep the record.

    >>> class Fields:
    ...     def field_type(self, name):
    ...         return {"Status": "singleSelect", "Progress": "percent"}.get(name)
    >>> keep = compile_formula("AND({Status} = 'Done', {Progress} >= 0.5)", Fields())
    >>> keep({"Status": "Done", "Progress": 0.8}, datetime(2025, 6, 1, tzinfo=UTC))
    True

Grammar (function names case-insensitive; whitespace and newlines anywhere)::

    formula    := compare
    compare    := concat   (("=" | "!=" | "<" | ">" | "<=" | ">=") concat)*
    concat     := additive ("&" additive)*
    additive   := multiply (("+" | "-") multiply)*
    multiply   := unary    (("*" | "/") unary)*
    unary      := ("-" | "+") unary | primary
    primary    := NUMBER | STRING | "{" field name "}" | NAME "(" [formula ("," formula)*] ")"
                | NAME                       (a one-word field name without braces)
                | "(" formula ")"

Numbers may have a fraction and an exponent (``1e-7``, as ``pyairtable`` renders small
floats). Strings take single or double quotes; a backslash escapes the next character
(``\\n``, ``\\t``, ``\\r`` are control characters). In ``{…}``, ``\\}`` is a ``}`` and any
other backslash is itself, exactly as ``pyairtable.formulas.field_name`` writes them.
All operators are left-associative.

Values are blank (``None``), booleans (``TRUE()`` is 1), numbers (``float``), text and
aware UTC datetimes; a failed evaluation (``#ERROR!``, a ``{"error": …}`` formula cell,
a division by zero) fails the record, as Airtable drops records whose formula errors.
The choices where Airtable's behaviour is not documented are listed on ``_eq`` and
``_ordered``; the functions are in ``_FUNCTIONS``.
"""

from __future__ import annotations

import calendar
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from functools import lru_cache
from typing import Any, Protocol

__all__ = [
    "CompiledFormula",
    "ErrorValue",
    "FieldLookup",
    "FormulaError",
    "Value",
    "compile_formula",
]


class FormulaError(Exception):
    """The formula cannot be run; the message says what is wrong or unsupported."""


class FieldLookup(Protocol):
    """What the route knows about the table the formula filters."""

    def field_type(self, name: str) -> str | None:
        """The Airtable type of the field called ``name``, or ``None`` if there is none."""
        ...


@dataclass(frozen=True, slots=True)
class ErrorValue:
    """The value of a formula whose evaluation failed, e.g. ``ErrorValue("#ERROR!")``."""

    code: str


Value = None | bool | float | str | datetime
_Eval = Callable[["_Ctx"], Value]

# Nesting deeper than this is refused at compile time, so that neither the parser nor
# the evaluator can exhaust Python's stack (hand-written formulas stay far below).
_MAX_NESTING = 40
_MAX_DEPTH = 100


class _Abort(Exception):
    """Raised inside evaluation; the record's formula value is an Airtable error."""

    def __init__(self, code: str = "#ERROR!") -> None:
        super().__init__(code)
        self.code = code


@dataclass(slots=True)
class _Ctx:
    cells: Mapping[str, Any]
    modified: datetime | None
    record_id: str | None
    created: datetime | None
    now: datetime


# --------------------------------------------------------------------------- tokens


@dataclass(frozen=True, slots=True)
class _Tok:
    kind: str  # num, str, field, name, op, "(", ")", ",", end
    value: Any
    pos: int


_NUM_RE = re.compile(r"(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?", re.ASCII)
_NAME_RE = re.compile(r"[^\W\d]\w*")
_OPERATORS = ("!=", "<=", ">=", "=", "<", ">", "&", "+", "-", "*", "/")
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r"}


def _tokenize(text: str) -> list[_Tok]:
    toks: list[_Tok] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c.isspace():
            i += 1
        elif c in "'\"":
            value, end = _scan_string(text, i)
            toks.append(_Tok("str", value, i))
            i = end
        elif c == "{":
            value, end = _scan_field(text, i)
            toks.append(_Tok("field", value, i))
            i = end
        elif c in "(),":
            toks.append(_Tok(c, c, i))
            i += 1
        elif m := _NUM_RE.match(text, i):
            toks.append(_Tok("num", float(m.group()), i))
            i = m.end()
        elif m := _NAME_RE.match(text, i):
            toks.append(_Tok("name", m.group(), i))
            i = m.end()
        else:
            op = next((op for op in _OPERATORS if text.startswith(op, i)), None)
            if op is None:
                raise FormulaError(f"Unexpected character {c!r} at position {i}")
            toks.append(_Tok("op", op, i))
            i += len(op)
    toks.append(_Tok("end", None, n))
    return toks


def _scan_string(text: str, start: int) -> tuple[str, int]:
    quote, out, j, n = text[start], [], start + 1, len(text)
    while j < n:
        c = text[j]
        if c == "\\" and j + 1 < n:
            out.append(_ESCAPES.get(text[j + 1], text[j + 1]))
            j += 2
        elif c == quote:
            return "".join(out), j + 1
        else:
            out.append(c)
            j += 1
    raise FormulaError(f"Unterminated string starting at position {start}")


def _scan_field(text: str, start: int) -> tuple[str, int]:
    out, j, n = [], start + 1, len(text)
    while j < n:
        c = text[j]
        if c == "\\" and text.startswith("}", j + 1):
            out.append("}")
            j += 2
        elif c == "}":
            if not out:
                raise FormulaError(f"Empty field reference {{}} at position {start}")
            return "".join(out), j + 1
        else:
            out.append(c)
            j += 1
    raise FormulaError(f"Unterminated field reference starting at position {start}")


# --------------------------------------------------------------------------- syntax


@dataclass(frozen=True, slots=True)
class _Literal:
    value: Value
    depth: int = 1


@dataclass(frozen=True, slots=True)
class _FieldRef:
    name: str
    depth: int = 1


@dataclass(frozen=True, slots=True)
class _Unary:
    op: str
    operand: _Node
    depth: int


@dataclass(frozen=True, slots=True)
class _Chain:
    """``first op1 x1 op2 x2 …``, all operators of one precedence level."""

    first: _Node
    rest: tuple[tuple[str, _Node], ...]
    depth: int


@dataclass(frozen=True, slots=True)
class _Call:
    name: str  # upper-case
    args: tuple[_Node, ...]
    pos: int
    depth: int


_Node = _Literal | _FieldRef | _Unary | _Chain | _Call

_LEVELS = (
    frozenset({"=", "!=", "<", ">", "<=", ">="}),
    frozenset({"&"}),
    frozenset({"+", "-"}),
    frozenset({"*", "/"}),
)


def _depth(*children: _Node) -> int:
    depth = 1 + max(child.depth for child in children)
    if depth > _MAX_DEPTH:
        raise FormulaError(f"Formula is nested too deeply (more than {_MAX_DEPTH} levels)")
    return depth


def _describe(tok: _Tok) -> str:
    if tok.kind == "end":
        return "end of formula"
    if tok.kind == "str":
        return f"text {tok.value!r}"
    if tok.kind == "field":
        return f"field {{{tok.value}}}"
    if tok.kind == "num":
        return f"number {tok.value:g}"
    if tok.kind == "name":
        return f"name {tok.value}"
    return repr(tok.value)


class _Parser:
    def __init__(self, toks: list[_Tok]) -> None:
        self.toks = toks
        self.i = 0
        self.nesting = 0

    def parse(self) -> _Node:
        node = self.binary(0)
        tok = self.toks[self.i]
        if tok.kind != "end":
            if tok.kind == ")":
                raise FormulaError(f"Unbalanced ')' at position {tok.pos}")
            raise FormulaError(f"Unexpected {_describe(tok)} at position {tok.pos}")
        return node

    def enter(self, tok: _Tok) -> None:
        self.nesting += 1
        if self.nesting > _MAX_NESTING:
            raise FormulaError(
                f"Formula is nested too deeply at position {tok.pos}"
                f" (more than {_MAX_NESTING} levels)"
            )

    def binary(self, level: int) -> _Node:
        operand = self.binary if level + 1 < len(_LEVELS) else lambda _: self.unary()
        first = operand(level + 1)
        rest: list[tuple[str, _Node]] = []
        ops = _LEVELS[level]
        while (tok := self.toks[self.i]).kind == "op" and tok.value in ops:
            self.i += 1
            rest.append((tok.value, operand(level + 1)))
        if not rest:
            return first
        return _Chain(first, tuple(rest), _depth(first, *(node for _, node in rest)))

    def unary(self) -> _Node:
        tok = self.toks[self.i]
        if tok.kind == "op" and tok.value in ("-", "+"):
            self.i += 1
            self.enter(tok)
            operand = self.unary()
            self.nesting -= 1
            return _Unary(tok.value, operand, _depth(operand))
        return self.primary()

    def primary(self) -> _Node:
        tok = self.toks[self.i]
        self.i += 1
        if tok.kind in ("num", "str"):
            return _Literal(tok.value)
        if tok.kind == "field":
            return _FieldRef(tok.value)
        if tok.kind == "name":
            if self.toks[self.i].kind == "(":
                return self.call(tok)
            return _FieldRef(tok.value)
        if tok.kind == "(":
            self.enter(tok)
            node = self.binary(0)
            self.expect(")", tok)
            self.nesting -= 1
            return node
        if tok.kind == "end":
            raise FormulaError("Formula ended where a value was expected")
        raise FormulaError(f"Expected a value at position {tok.pos}, found {_describe(tok)}")

    def call(self, name: _Tok) -> _Node:
        open_paren = self.toks[self.i]
        self.i += 1
        self.enter(open_paren)
        args: list[_Node] = []
        if self.toks[self.i].kind == ")":
            self.i += 1
        else:
            while True:
                args.append(self.binary(0))
                tok = self.toks[self.i]
                self.i += 1
                if tok.kind == ")":
                    break
                if tok.kind != ",":
                    if tok.kind == "end":
                        raise FormulaError(
                            f"Missing ')' for {name.value}( opened at position {open_paren.pos}"
                        )
                    raise FormulaError(
                        f"Expected ',' or ')' in {name.value}() at position {tok.pos},"
                        f" found {_describe(tok)}"
                    )
        self.nesting -= 1
        depth = _depth(*args) if args else 1
        return _Call(name.value.upper(), tuple(args), name.pos, depth)

    def expect(self, kind: str, opened: _Tok) -> None:
        tok = self.toks[self.i]
        if tok.kind != kind:
            if tok.kind == "end":
                raise FormulaError(f"Missing ')' for '(' at position {opened.pos}")
            raise FormulaError(f"Expected {kind!r} at position {tok.pos}, found {_describe(tok)}")
        self.i += 1


# --------------------------------------------------------------------------- values

_ISO_RE = re.compile(
    r"\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2})"
    r"(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?)?"
    r")?)?\s*",
    re.ASCII,
)
_NUMBER_RE = re.compile(r"\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*", re.ASCII)


def _offset(text: str | None) -> timezone:
    if not text or text in ("Z", "z"):
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:] or 0)
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


@lru_cache(maxsize=4096)
def _parse_iso(text: str) -> datetime | None:
    """``2025-06-05``, ``2025-06``, ``2025``, ``2025-06-05T07:00[:00[.000]][Z|±hh[:mm]]``.

    Without an offset the time is UTC, as in Airtable's formulas (GMT unless
    SET_TIMEZONE). Anything else is ``None``.
    """
    m = _ISO_RE.fullmatch(text)
    if m is None:
        return None
    year, month, day, hour, minute, second, fraction, zone = m.groups()
    try:
        micro = int((fraction or "0")[:6].ljust(6, "0"))
        value = datetime(
            int(year),
            int(month or 1),
            int(day or 1),
            int(hour or 0),
            int(minute or 0),
            int(second or 0),
            micro,
            tzinfo=_offset(zone),
        )
        return value.astimezone(UTC)
    except (ValueError, OverflowError):
        return None


def _parse_number(text: str) -> float | None:
    return float(text) if _NUMBER_RE.fullmatch(text) else None


def _float(value: int | float) -> float:
    try:
        return float(value)
    except OverflowError:
        return math.inf if value > 0 else -math.inf


def _num_to_str(x: float) -> str:
    """Numbers as JavaScript prints them (``3``, ``0.5``, ``0.00001``, ``1e-7``)."""
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    if x == int(x) and abs(x) < 1e21:
        return str(int(x))
    text = repr(x)
    if "e" not in text:
        return text
    mantissa, exponent = text.split("e")
    exp = int(exponent)
    if -7 < exp < 21:
        return format(Decimal(text), "f")
    return f"{mantissa}e{'+' if exp > 0 else '-'}{abs(exp)}"


def _iso(value: datetime) -> str:
    return value.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _to_str(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return _num_to_str(value)
    return _iso(value)


def _to_num(value: Value) -> float:
    """Blank is 0, TRUE() is 1, numeric text is its number; anything else is #ERROR!."""
    if value is None:
        return 0.0
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, float):
        return value
    if isinstance(value, str):
        if not value.strip():
            return 0.0
        number = _parse_number(value)
        if number is not None:
            return number
    raise _Abort()


def _to_int(value: Value) -> int:
    number = _to_num(value)
    if math.isnan(number) or math.isinf(number):
        raise _Abort()
    return int(number)


def _to_dt(value: Value) -> datetime | None:
    """Datetime arguments: blank is ``None``; text must be ISO; numbers are errors."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value
    if isinstance(value, str):
        parsed = _parse_iso(value)
        if parsed is not None:
            return parsed
    raise _Abort()


def _truthy(value: Value) -> bool:
    """What Airtable keeps: anything but blank, 0, FALSE(), "", NaN and errors."""
    if value is None:
        return False
    if isinstance(value, float):
        return value != 0 and not math.isnan(value)
    if isinstance(value, str):
        return value != ""
    return bool(value)


def _is_blank(value: Value) -> bool:
    return value is None or value == "" or (isinstance(value, bool | float) and value == 0)


def _eq(a: Value, b: Value) -> bool:
    """``=``. Choices where Airtable's documentation is silent:

    - blank (an empty cell, BLANK()) equals blank, "" and 0 / FALSE() — Airtable's
      community has ``BLANK() = 0`` true, so an empty number cell ``= 0`` and a 0
      cell ``= BLANK()`` are both true;
    - text compares case-sensitively;
    - a datetime equals text that parses as the same ISO instant (dates are 00:00 UTC);
    - a number equals text that parses as the same number ("5" = 5).
    """
    if a is None or b is None:
        return _is_blank(b if a is None else a)
    if isinstance(a, str) and isinstance(b, str):
        return a == b
    if isinstance(a, datetime) or isinstance(b, datetime):
        if isinstance(a, datetime) and isinstance(b, datetime):
            return a == b
        when, other = (a, b) if isinstance(a, datetime) else (b, a)
        if isinstance(when, datetime) and isinstance(other, str):
            parsed = _parse_iso(other)
            return when == parsed if parsed is not None else _iso(when) == other
        return False
    if isinstance(a, str) or isinstance(b, str):
        text, number = (a, b) if isinstance(a, str) else (b, a)
        if not isinstance(text, str):  # unreachable: one of the two is text
            return False
        if not text.strip():
            return number == 0
        parsed_number = _parse_number(text)
        if parsed_number is not None:
            return parsed_number == number
        return text == _to_str(number)
    return a == b


def _ordered(a: Value, b: Value) -> tuple[Any, Any] | None:
    """The pair ``<``/``>``/``<=``/``>=`` compare, or ``None`` (then they are false).

    A datetime against a datetime or ISO text compares instants; against blank or
    anything else it is false. Otherwise blank is "" next to text and 0 elsewhere,
    text against text is by code point, and numeric text compares as a number.
    """
    if isinstance(a, datetime) or isinstance(b, datetime):
        first, second = _instant_or_none(a), _instant_or_none(b)
        return None if first is None or second is None else (first, second)
    if a is None:
        a = "" if isinstance(b, str) else 0.0
    if b is None:
        b = "" if isinstance(a, str) else 0.0
    if isinstance(a, str) and isinstance(b, str):
        return a, b
    x, y = _number_or_none(a), _number_or_none(b)
    return None if x is None or y is None else (x, y)


def _instant_or_none(value: Value) -> datetime | None:
    if isinstance(value, datetime):
        return value
    return _parse_iso(value) if isinstance(value, str) else None


def _number_or_none(value: Value) -> float | None:
    if isinstance(value, str):
        return 0.0 if not value.strip() else _parse_number(value)
    return _to_num(value)


def _lt(a: Value, b: Value) -> bool:
    pair = _ordered(a, b)
    return pair is not None and pair[0] < pair[1]


def _gt(a: Value, b: Value) -> bool:
    pair = _ordered(a, b)
    return pair is not None and pair[0] > pair[1]


def _le(a: Value, b: Value) -> bool:
    pair = _ordered(a, b)
    return pair is not None and pair[0] <= pair[1]


def _ge(a: Value, b: Value) -> bool:
    pair = _ordered(a, b)
    return pair is not None and pair[0] >= pair[1]


def _div(a: Value, b: Value) -> float:
    divisor = _to_num(b)
    if divisor == 0:
        raise _Abort("#DIV/0!")
    return _to_num(a) / divisor


_BINARY: dict[str, Callable[[Value, Value], Value]] = {
    "=": _eq,
    "!=": lambda a, b: not _eq(a, b),
    "<": _lt,
    ">": _gt,
    "<=": _le,
    ">=": _ge,
    "&": lambda a, b: _to_str(a) + _to_str(b),
    "+": lambda a, b: _to_num(a) + _to_num(b),
    "-": lambda a, b: _to_num(a) - _to_num(b),
    "*": lambda a, b: _to_num(a) * _to_num(b),
    "/": _div,
}


# --------------------------------------------------------------------------- cells


def _render(item: Any) -> str:
    """One element of a list cell, or an object cell, as Airtable shows it in text."""
    if item is None:
        return ""
    if isinstance(item, str):
        return item
    if isinstance(item, bool):
        return _to_str(item)
    if isinstance(item, int | float):
        return _num_to_str(_float(item))
    if isinstance(item, list):
        return ", ".join(_render(x) for x in item)
    if isinstance(item, dict):
        filename, url = item.get("filename"), item.get("url")
        if isinstance(filename, str) and isinstance(url, str):
            return f"{filename} ({url})"  # attachments
        for key in ("name", "text", "value", "label", "filename", "email", "id"):
            if isinstance(item.get(key), str):
                return item[key]
        return ""
    return str(item)


def _cell_any(raw: Any) -> Value:
    """Any cell by its JSON shape: lists (selects, collaborators, links, lookups) are
    joined with ", ", collaborators are their names, ``{"error": …}`` is an error."""
    if raw is None or isinstance(raw, bool | str):
        return raw
    if isinstance(raw, int | float):
        return _float(raw)
    if isinstance(raw, list):
        return ", ".join(_render(x) for x in raw) if raw else None
    if isinstance(raw, dict):
        if "error" in raw:
            raise _Abort(str(raw["error"]))
        special = raw.get("specialValue")
        if special is not None:
            return {"Infinity": math.inf, "-Infinity": -math.inf}.get(special, math.nan)
        return _render(raw)
    return str(raw)


def _cell_number(raw: Any) -> Value:
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        return _float(raw)
    return _cell_any(raw)


def _cell_date(raw: Any) -> Value:
    if isinstance(raw, str):
        parsed = _parse_iso(raw)
        return parsed if parsed is not None else raw
    return _cell_any(raw)


_CELL_READERS: dict[str, Callable[[Any], Value]] = {
    **dict.fromkeys(
        ("number", "percent", "currency", "rating", "duration", "count", "autoNumber"),
        _cell_number,
    ),
    **dict.fromkeys(("date", "dateTime", "createdTime", "lastModifiedTime"), _cell_date),
}


# --------------------------------------------------------------------------- dates

_UNITS = {
    **dict.fromkeys(("milliseconds", "millisecond", "ms"), "ms"),
    **dict.fromkeys(("seconds", "second", "s"), "s"),
    **dict.fromkeys(("minutes", "minute", "m"), "m"),
    **dict.fromkeys(("hours", "hour", "h"), "h"),
    **dict.fromkeys(("days", "day", "d", "date", "D"), "d"),
    **dict.fromkeys(("weeks", "week", "w"), "w"),
    **dict.fromkeys(("months", "month", "M"), "M"),
    **dict.fromkeys(("quarters", "quarter", "Q"), "Q"),
    **dict.fromkeys(("years", "year", "y"), "y"),
}
_UNIT_MS = {"ms": 1, "s": 1e3, "m": 6e4, "h": 36e5, "d": 864e5, "w": 6048e5}


def _unit(value: Value) -> str | None:
    """Moment-style unit names: short forms are case-sensitive (M month, m minute)."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    return _UNITS.get(text) or _UNITS.get(text.lower())


def _unit_or_abort(value: Value) -> str:
    unit = _unit(value)
    if unit is None:
        raise _Abort()
    return unit


def _start_of(value: datetime, unit: str) -> datetime:
    if unit == "ms":
        return value.replace(microsecond=value.microsecond // 1000 * 1000)
    if unit == "s":
        return value.replace(microsecond=0)
    if unit == "m":
        return value.replace(second=0, microsecond=0)
    if unit == "h":
        return value.replace(minute=0, second=0, microsecond=0)
    day = value.replace(hour=0, minute=0, second=0, microsecond=0)
    if unit == "d":
        return day
    if unit == "w":  # weeks start on Sunday, as in Airtable's default locale
        return day - timedelta(days=(day.weekday() + 1) % 7)
    if unit == "M":
        return day.replace(day=1)
    if unit == "Q":
        return day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)
    return day.replace(month=1, day=1)


def _add_months(value: datetime, months: int) -> datetime:
    year, month0 = divmod(value.year * 12 + value.month - 1 + months, 12)
    if not 1 <= year <= 9999:
        raise _Abort()
    last_day = calendar.monthrange(year, month0 + 1)[1]
    return value.replace(year=year, month=month0 + 1, day=min(value.day, last_day))


def _month_diff(a: datetime, b: datetime) -> float:
    """``a`` minus ``b`` in months, as moment.js computes it (Airtable's date library)."""
    if a.day < b.day:
        return -_month_diff(b, a)
    whole = (b.year - a.year) * 12 + (b.month - a.month)
    anchor = _add_months(a, whole)
    if b < anchor:
        anchor2 = _add_months(a, whole - 1)
        adjust = (b - anchor) / (anchor - anchor2)
    else:
        anchor2 = _add_months(a, whole + 1)
        adjust = (b - anchor) / (anchor2 - anchor)
    return -(whole + adjust) or 0.0


def _trunc(x: float) -> float:
    return float(math.trunc(x)) if math.isfinite(x) else x


_MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_FORMAT_TOKEN = re.compile(
    r"\[[^\]]*\]|YYYY|YY|MMMM|MMM|MM|M|Do|DD|D|dddd|ddd|d|HH|H|hh|h|mm|m|ss|s|SSS|SS|S"
    r"|A|a|X|x|ZZ|Z|.",
    re.DOTALL,
)


def _format(value: datetime, fmt: str) -> str:
    """A subset of moment.js ``format`` tokens; other letters are printed as they are."""
    v = value.astimezone(UTC)
    hour12 = v.hour % 12 or 12
    suffix = {1: "st", 2: "nd", 3: "rd"}.get(v.day % 10 if v.day // 10 != 1 else 0, "th")
    out = {
        "YYYY": f"{v.year:04d}",
        "YY": f"{v.year % 100:02d}",
        "MMMM": _MONTHS[v.month - 1].capitalize(),
        "MMM": _MONTHS[v.month - 1][:3].capitalize(),
        "MM": f"{v.month:02d}",
        "M": str(v.month),
        "Do": f"{v.day}{suffix}",
        "DD": f"{v.day:02d}",
        "D": str(v.day),
        "dddd": _WEEKDAYS[v.weekday()].capitalize(),
        "ddd": _WEEKDAYS[v.weekday()][:3].capitalize(),
        "d": str((v.weekday() + 1) % 7),
        "HH": f"{v.hour:02d}",
        "H": str(v.hour),
        "hh": f"{hour12:02d}",
        "h": str(hour12),
        "mm": f"{v.minute:02d}",
        "m": str(v.minute),
        "ss": f"{v.second:02d}",
        "s": str(v.second),
        "SSS": f"{v.microsecond // 1000:03d}",
        "SS": f"{v.microsecond // 10000:02d}",
        "S": str(v.microsecond // 100000),
        "A": "AM" if v.hour < 12 else "PM",
        "a": "am" if v.hour < 12 else "pm",
        "X": str(int(v.timestamp())),
        "x": str(int(v.timestamp() * 1000)),
        "ZZ": "+0000",
        "Z": "+00:00",
    }
    parts = []
    for token in _FORMAT_TOKEN.findall(fmt):
        if token.startswith("[") and token.endswith("]") and len(token) > 1:
            parts.append(token[1:-1])
        else:
            parts.append(out.get(token, token))
    return "".join(parts)


_PARSE_PATTERNS = {
    "YYYY": ("Y", r"\d{4}"),
    "YY": ("YY", r"\d\d"),
    "MMMM": ("Mn", r"[A-Za-z]+"),
    "MMM": ("Mn", r"[A-Za-z]+"),
    "MM": ("M", r"\d\d?"),
    "M": ("M", r"\d\d?"),
    "Do": ("D", r"\d\d?(?:st|nd|rd|th)?"),
    "DD": ("D", r"\d\d?"),
    "D": ("D", r"\d\d?"),
    "dddd": (None, r"[A-Za-z]+"),
    "ddd": (None, r"[A-Za-z]+"),
    "HH": ("H", r"\d\d?"),
    "H": ("H", r"\d\d?"),
    "hh": ("H", r"\d\d?"),
    "h": ("H", r"\d\d?"),
    "mm": ("m", r"\d\d?"),
    "m": ("m", r"\d\d?"),
    "ss": ("s", r"\d\d?"),
    "s": ("s", r"\d\d?"),
    "SSS": ("S", r"\d+"),
    "SS": ("S", r"\d+"),
    "S": ("S", r"\d+"),
    "A": ("A", r"[AaPp]\.?[Mm]?\.?"),
    "a": ("A", r"[AaPp]\.?[Mm]?\.?"),
    "X": ("X", r"-?\d+(?:\.\d+)?"),
    "x": ("x", r"-?\d+"),
    "ZZ": ("Z", r"Z|[+-]\d\d:?\d\d"),
    "Z": ("Z", r"Z|[+-]\d\d:?\d\d"),
}


@lru_cache(maxsize=256)
def _parse_pattern(fmt: str) -> re.Pattern[str]:
    """A moment.js input format as a regex; separators match loosely, as moment's
    forgiving mode does."""
    parts: list[str] = [r"\s*"]
    seen: set[str] = set()
    for token in _FORMAT_TOKEN.findall(fmt):
        if token in _PARSE_PATTERNS:
            group, pattern = _PARSE_PATTERNS[token]
            if group is None or group in seen:
                parts.append(f"(?:{pattern})")
            else:
                seen.add(group)
                parts.append(f"(?P<{group}>{pattern})")
        elif token.startswith("[") and token.endswith("]") and len(token) > 1:
            parts.append(re.escape(token[1:-1]))
        elif token.isalnum():
            parts.append(re.escape(token))
        else:
            parts.append(r"[^0-9A-Za-z]*")
    return re.compile("".join(parts))


def _parse_with_format(text: str, fmt: str, now: datetime) -> datetime:
    m = _parse_pattern(fmt).match(text)
    if m is None:
        raise _Abort()
    g = {k: v for k, v in m.groupdict().items() if v is not None}
    if "X" in g:
        return _epoch_plus(float(g["X"]) * 1000)
    if "x" in g:
        return _epoch_plus(float(g["x"]))
    if "Y" in g:
        year = int(g["Y"])
    elif "YY" in g:
        year = int(g["YY"]) + (1900 if int(g["YY"]) > 68 else 2000)
    else:
        year = now.year
    if "Mn" in g:
        name = g["Mn"].lower()
        month = next((i + 1 for i, full in enumerate(_MONTHS) if full.startswith(name[:3])), 0)
        if len(name) < 3 or month == 0:
            raise _Abort()
    else:
        month = int(g.get("M", 1))
    hour = int(g.get("H", 0))
    meridiem = g.get("A", "").lower()
    if meridiem.startswith("p") and hour < 12:
        hour += 12
    elif meridiem.startswith("a") and hour == 12:
        hour = 0
    micro = int(g.get("S", "0")[:6].ljust(6, "0"))
    day = int(g["D"].rstrip("stndrh")) if "D" in g else 1
    try:
        value = datetime(
            year,
            month,
            day,
            hour,
            int(g.get("m", 0)),
            int(g.get("s", 0)),
            micro,
            tzinfo=_offset(g.get("Z")),
        )
        return value.astimezone(UTC)
    except (ValueError, OverflowError):
        raise _Abort() from None


def _epoch_plus(milliseconds: float) -> datetime:
    try:
        return datetime(1970, 1, 1, tzinfo=UTC) + timedelta(milliseconds=milliseconds)
    except (OverflowError, ValueError):
        raise _Abort() from None


# --------------------------------------------------------------------------- functions


@dataclass(frozen=True, slots=True)
class _Function:
    min_args: int
    max_args: int | None  # None: any number
    build: Callable[[Sequence[_Eval], Sequence[_Node]], _Eval]
    unit_arg: int | None = None  # index of a unit argument checked when it is literal


_FUNCTIONS: dict[str, _Function] = {}


def _eager(
    name: str,
    min_args: int,
    max_args: int | None = -1,
    *,
    unit_arg: int | None = None,
    needs_ctx: bool = False,
) -> Callable[[Callable[..., Value]], Callable[..., Value]]:
    """Register ``fn(*values)`` (``fn(ctx, *values)``) as an Airtable function whose
    arguments are all evaluated first (``max_args=-1`` means exactly ``min_args``)."""

    def register(fn: Callable[..., Value]) -> Callable[..., Value]:
        def build(args: Sequence[_Eval], _nodes: Sequence[_Node]) -> _Eval:
            evals = tuple(args)
            if needs_ctx:
                return lambda ctx: fn(ctx, *[e(ctx) for e in evals])
            return lambda ctx: fn(*[e(ctx) for e in evals])

        top = min_args if max_args == -1 else max_args
        _FUNCTIONS[name] = _Function(min_args, top, build, unit_arg)
        return fn

    return register


def _special(
    name: str, min_args: int, max_args: int | None
) -> Callable[[Callable[[Sequence[_Eval], Sequence[_Node]], _Eval]], Any]:
    def register(build: Callable[[Sequence[_Eval], Sequence[_Node]], _Eval]) -> Any:
        _FUNCTIONS[name] = _Function(min_args, max_args, build)
        return build

    return register


# logical


@_eager("TRUE", 0)
def _true() -> Value:
    return True


@_eager("FALSE", 0)
def _false() -> Value:
    return False


@_eager("BLANK", 0)
def _blank() -> Value:
    return None


@_eager("ERROR", 0)
def _error() -> Value:
    raise _Abort()


@_eager("AND", 1, None)
def _and(*values: Value) -> Value:
    return all([_truthy(v) for v in values])


@_eager("OR", 1, None)
def _or(*values: Value) -> Value:
    return any([_truthy(v) for v in values])


@_eager("XOR", 1, None)
def _xor(*values: Value) -> Value:
    return sum(_truthy(v) for v in values) % 2 == 1


@_eager("NOT", 1)
def _not(value: Value) -> Value:
    return not _truthy(value)


@_special("IF", 2, 3)
def _if(args: Sequence[_Eval], _nodes: Sequence[_Node]) -> _Eval:
    test, then = args[0], args[1]
    otherwise = args[2] if len(args) == 3 else (lambda _ctx: None)
    return lambda ctx: then(ctx) if _truthy(test(ctx)) else otherwise(ctx)


@_special("SWITCH", 2, None)
def _switch(args: Sequence[_Eval], _nodes: Sequence[_Node]) -> _Eval:
    subject, rest = args[0], tuple(args[1:])
    pairs = [(rest[i], rest[i + 1]) for i in range(0, len(rest) - 1, 2)]
    default = rest[-1] if len(rest) % 2 else None

    def run(ctx: _Ctx) -> Value:
        value = subject(ctx)
        for pattern, result in pairs:
            if _eq(value, pattern(ctx)):
                return result(ctx)
        return default(ctx) if default is not None else None

    return run


@_special("ISERROR", 1, 1)
def _iserror(args: Sequence[_Eval], _nodes: Sequence[_Node]) -> _Eval:
    arg = args[0]

    def run(ctx: _Ctx) -> Value:
        try:
            arg(ctx)
        except _Abort:
            return True
        return False

    return run


# text


@_eager("LEN", 1)
def _len(value: Value) -> Value:
    return float(len(_to_str(value)))


@_eager("LOWER", 1)
def _lower(value: Value) -> Value:
    return _to_str(value).lower()


@_eager("UPPER", 1)
def _upper(value: Value) -> Value:
    return _to_str(value).upper()


@_eager("TRIM", 1)
def _trim(value: Value) -> Value:
    return _to_str(value).strip()


@_eager("T", 1)
def _t(value: Value) -> Value:
    return value if isinstance(value, str) else None


def _find_index(needle: Value, haystack: Value, start: Value) -> int:
    """1-based position of ``needle`` at or after ``start`` (1-based; 0 = 1), or 0.
    Case-sensitive, as both Airtable's FIND and SEARCH are."""
    begin = max(_to_int(start) - 1, 0) if start is not None else 0
    return _to_str(haystack).find(_to_str(needle), begin) + 1


@_eager("FIND", 2, 3)
def _find(needle: Value, haystack: Value, start: Value = None) -> Value:
    return float(_find_index(needle, haystack, start))


@_eager("SEARCH", 2, 3)
def _search(needle: Value, haystack: Value, start: Value = None) -> Value:
    return float(_find_index(needle, haystack, start)) or None


@_eager("CONCATENATE", 1, None)
def _concatenate(*values: Value) -> Value:
    return "".join(_to_str(v) for v in values)


@_eager("LEFT", 2)
def _left(value: Value, count: Value) -> Value:
    return _to_str(value)[: max(_to_int(count), 0)]


@_eager("RIGHT", 2)
def _right(value: Value, count: Value) -> Value:
    n = max(_to_int(count), 0)
    return _to_str(value)[-n:] if n else ""


@_eager("MID", 3)
def _mid(value: Value, start: Value, count: Value) -> Value:
    begin = max(_to_int(start) - 1, 0)
    return _to_str(value)[begin : begin + max(_to_int(count), 0)]


@_eager("SUBSTITUTE", 3, 4)
def _substitute(value: Value, old: Value, new: Value, index: Value = None) -> Value:
    text, old_text, new_text = _to_str(value), _to_str(old), _to_str(new)
    if not old_text:
        return text
    if index is None:
        return text.replace(old_text, new_text)
    nth, pos = _to_int(index), -1
    for _ in range(max(nth, 1)):
        pos = text.find(old_text, pos + 1)
        if pos < 0:
            return text
    return text[:pos] + new_text + text[pos + len(old_text) :]


@_eager("VALUE", 1)
def _value(value: Value) -> Value:
    """Numbers from text; thousands separators, a leading currency sign and a trailing
    % are understood, anything else is #ERROR!."""
    if not isinstance(value, str):
        return _to_num(value)
    text = value.strip().replace(",", "").lstrip("$€£¥")
    percent = text.endswith("%")
    number = _parse_number(text.rstrip("%")) if text else 0.0
    if number is None:
        raise _Abort()
    return number / 100 if percent else number


# numbers


def _numbers(values: Iterable[Value]) -> list[float]:
    return [_to_num(v) for v in values if v is not None]


@_eager("ABS", 1)
def _abs(value: Value) -> Value:
    return abs(_to_num(value))


@_eager("INT", 1)
def _int(value: Value) -> Value:
    number = _to_num(value)
    return float(math.floor(number)) if math.isfinite(number) else number


@_eager("MOD", 2)
def _mod(value: Value, divisor: Value) -> Value:
    d = _to_num(divisor)
    if d == 0:
        raise _Abort("#DIV/0!")
    return math.fmod(_to_num(value), d)


@_eager("ROUND", 2)
def _round(value: Value, precision: Value) -> Value:
    """Half up towards +infinity, as Airtable documents."""
    number, places = _to_num(value), _to_int(precision)
    if not math.isfinite(number) or places > 15:
        return number
    factor = 10.0 ** max(places, -308)
    scaled = number * factor
    if not math.isfinite(scaled):
        return number
    return math.floor(scaled + 0.5) / factor


@_eager("MIN", 1, None)
def _min(*values: Value) -> Value:
    numbers = _numbers(values)
    return min(numbers) if numbers else 0.0


@_eager("MAX", 1, None)
def _max(*values: Value) -> Value:
    numbers = _numbers(values)
    return max(numbers) if numbers else 0.0


@_eager("SUM", 1, None)
def _sum(*values: Value) -> Value:
    return sum(_numbers(values), 0.0)


# dates


@_eager("TODAY", 0, needs_ctx=True)
def _today(ctx: _Ctx) -> Value:
    return _start_of(ctx.now, "d")


@_eager("NOW", 0, needs_ctx=True)
def _now(ctx: _Ctx) -> Value:
    return ctx.now


@_eager("LAST_MODIFIED_TIME", 0, needs_ctx=True)
def _last_modified_time(ctx: _Ctx) -> Value:
    return ctx.modified


@_eager("CREATED_TIME", 0, needs_ctx=True)
def _created_time(ctx: _Ctx) -> Value:
    return ctx.created


@_eager("RECORD_ID", 0, needs_ctx=True)
def _record_id(ctx: _Ctx) -> Value:
    return ctx.record_id


@_eager("DATETIME_PARSE", 1, 3, needs_ctx=True)
def _datetime_parse(ctx: _Ctx, value: Value, fmt: Value = None, _locale: Value = None) -> Value:
    """ISO text, or text in a moment.js input format; times without offset are UTC."""
    if isinstance(value, datetime):
        return value
    if fmt is not None and _to_str(fmt).strip():
        return _parse_with_format(_to_str(value), _to_str(fmt), ctx.now)
    parsed = _parse_iso(_to_str(value))
    if parsed is None:
        raise _Abort()
    return parsed


@_eager("DATETIME_FORMAT", 1, 2)
def _datetime_format(value: Value, fmt: Value = None) -> Value:
    when = _to_dt(value)
    if when is None:
        return None
    return _format(when, _to_str(fmt)) if fmt is not None else _iso(when)


@_eager("DATESTR", 1)
def _datestr(value: Value) -> Value:
    when = _to_dt(value)
    return None if when is None else _format(when, "YYYY-MM-DD")


@_eager("IS_AFTER", 2)
def _is_after(a: Value, b: Value) -> Value:
    x, y = _to_dt(a), _to_dt(b)
    return x is not None and y is not None and x > y


@_eager("IS_BEFORE", 2)
def _is_before(a: Value, b: Value) -> Value:
    x, y = _to_dt(a), _to_dt(b)
    return x is not None and y is not None and x < y


@_eager("IS_SAME", 2, 3, unit_arg=2)
def _is_same(a: Value, b: Value, unit: Value = None) -> Value:
    x, y = _to_dt(a), _to_dt(b)
    if x is None or y is None:
        return False
    if unit is None:
        return x == y
    u = _unit_or_abort(unit)
    return _start_of(x, u) == _start_of(y, u)


@_eager("DATETIME_DIFF", 2, 3, unit_arg=2)
def _datetime_diff(a: Value, b: Value, unit: Value = None) -> Value:
    """``a - b`` in whole units (truncated towards 0); seconds when no unit is given."""
    x, y = _to_dt(a), _to_dt(b)
    if x is None or y is None:
        return None
    u = "s" if unit is None else _unit_or_abort(unit)
    if u in _UNIT_MS:
        return _trunc((x - y) / timedelta(milliseconds=1) / _UNIT_MS[u])
    months = _month_diff(x, y)
    return _trunc(months / {"M": 1, "Q": 3, "y": 12}[u])


@_eager("DATEADD", 3, unit_arg=2)
def _dateadd(value: Value, count: Value, unit: Value) -> Value:
    when = _to_dt(value)
    if when is None:
        return None
    u, n = _unit_or_abort(unit), _to_num(count)
    if not math.isfinite(n):
        raise _Abort()
    try:
        if u in ("ms", "s", "m", "h"):
            return when + timedelta(milliseconds=n * _UNIT_MS[u])
        if u in ("d", "w"):
            return when + timedelta(milliseconds=round(n) * _UNIT_MS[u])
        return _add_months(when, round(n) * {"M": 1, "Q": 3, "y": 12}[u])
    except OverflowError:
        raise _Abort() from None


def _part(name: str, get: Callable[[datetime], int]) -> None:
    @_eager(name, 1)
    def part(value: Value) -> Value:
        when = _to_dt(value)
        return None if when is None else float(get(when))


_part("YEAR", lambda d: d.year)
_part("MONTH", lambda d: d.month)
_part("DAY", lambda d: d.day)
_part("HOUR", lambda d: d.hour)
_part("MINUTE", lambda d: d.minute)
_part("SECOND", lambda d: d.second)


@_eager("WEEKDAY", 1, 2)
def _weekday(value: Value, start: Value = None) -> Value:
    """0 = Sunday … 6 = Saturday; with "Monday", 0 = Monday."""
    when = _to_dt(value)
    if when is None:
        return None
    if _to_str(start).strip().lower() == "monday":
        return float(when.weekday())
    return float((when.weekday() + 1) % 7)


# Every function in Airtable's formula reference, so that a function Airtable knows but
# the sandbox lacks gets a message saying so rather than "Unknown function".
_AIRTABLE_FUNCTIONS = frozenset(
    (
        "ABS",
        "AND",
        "ARRAYCOMPACT",
        "ARRAYFLATTEN",
        "ARRAYJOIN",
        "ARRAYSLICE",
        "ARRAYUNIQUE",
        "AVERAGE",
        "BLANK",
        "CEILING",
        "CONCATENATE",
        "COUNT",
        "COUNTA",
        "COUNTALL",
        "CREATED_TIME",
        "DATEADD",
        "DATESTR",
        "DATETIME_DIFF",
        "DATETIME_FORMAT",
        "DATETIME_PARSE",
        "DAY",
        "ENCODE_URL_COMPONENT",
        "ERROR",
        "EVEN",
        "EXP",
        "FALSE",
        "FIND",
        "FLOOR",
        "FROMNOW",
        "HOUR",
        "IF",
        "INT",
        "ISERROR",
        "IS_AFTER",
        "IS_BEFORE",
        "IS_SAME",
        "LAST_MODIFIED_TIME",
        "LEFT",
        "LEN",
        "LOG",
        "LOWER",
        "MAX",
        "MID",
        "MIN",
        "MINUTE",
        "MOD",
        "MONTH",
        "NOT",
        "NOW",
        "ODD",
        "OR",
        "POWER",
        "RECORD_ID",
        "REGEX_EXTRACT",
        "REGEX_MATCH",
        "REGEX_REPLACE",
        "REPLACE",
        "REPT",
        "RIGHT",
        "ROUND",
        "ROUNDDOWN",
        "ROUNDUP",
        "SEARCH",
        "SECOND",
        "SET_LOCALE",
        "SET_TIMEZONE",
        "SQRT",
        "SUBSTITUTE",
        "SUM",
        "SWITCH",
        "T",
        "TIMESTR",
        "TODAY",
        "TONOW",
        "TRIM",
        "TRUE",
        "UPPER",
        "VALUE",
        "WEEKDAY",
        "WEEKNUM",
        "WORKDAY",
        "WORKDAY_DIFF",
        "XOR",
        "YEAR",
    )
)


# --------------------------------------------------------------------------- compile


def _constant(value: Value) -> _Eval:
    return lambda _ctx: value


def _field_reader(name: str, field_type: str) -> _Eval:
    convert = _CELL_READERS.get(field_type, _cell_any)

    def read(ctx: _Ctx) -> Value:
        raw = ctx.cells.get(name)
        return None if raw is None else convert(raw)

    return read


class _Compiler:
    def __init__(self, fields: FieldLookup) -> None:
        self.fields = fields
        self.unknown: list[str] = []

    def compile(self, node: _Node) -> _Eval:
        if isinstance(node, _Literal):
            return _constant(node.value)
        if isinstance(node, _FieldRef):
            field_type = self.fields.field_type(node.name)
            if field_type is None:
                if node.name not in self.unknown:
                    self.unknown.append(node.name)
                return _constant(None)
            return _field_reader(node.name, field_type)
        if isinstance(node, _Unary):
            operand = self.compile(node.operand)
            if node.op == "-":
                return lambda ctx: -_to_num(operand(ctx))
            return lambda ctx: _to_num(operand(ctx))
        if isinstance(node, _Chain):
            return self.chain(node)
        return self.call(node)

    def chain(self, node: _Chain) -> _Eval:
        first = self.compile(node.first)
        rest = tuple((_BINARY[op], self.compile(operand)) for op, operand in node.rest)
        if len(rest) == 1:
            op, second = rest[0]
            return lambda ctx: op(first(ctx), second(ctx))

        def run(ctx: _Ctx) -> Value:
            value = first(ctx)
            for op, operand in rest:
                value = op(value, operand(ctx))
            return value

        return run

    def call(self, node: _Call) -> _Eval:
        if node.name == "LAST_MODIFIED_TIME" and node.args:
            raise FormulaError(
                "LAST_MODIFIED_TIME() with field arguments is not supported by the sandbox;"
                " compare a lastModifiedTime field that watches those fields instead"
            )
        spec = _FUNCTIONS.get(node.name)
        if spec is None:
            if node.name in _AIRTABLE_FUNCTIONS:
                raise FormulaError(f"Function {node.name} is not supported by the sandbox")
            raise FormulaError(f"Unknown function {node.name}")
        count = len(node.args)
        if count < spec.min_args or (spec.max_args is not None and count > spec.max_args):
            raise FormulaError(
                f"{node.name}() takes {_arity(spec)}, got {count} at position {node.pos}"
            )
        if spec.unit_arg is not None and count > spec.unit_arg:
            unit_node = node.args[spec.unit_arg]
            if isinstance(unit_node, _Literal) and _unit(unit_node.value) is None:
                raise FormulaError(f"{node.name}(): unknown unit {unit_node.value!r}")
        return spec.build([self.compile(arg) for arg in node.args], node.args)


def _arity(spec: _Function) -> str:
    if spec.max_args is None:
        return f"at least {spec.min_args} argument{'s' * (spec.min_args != 1)}"
    if spec.max_args == spec.min_args:
        return f"{spec.min_args} argument{'s' * (spec.min_args != 1)}"
    return f"{spec.min_args} to {spec.max_args} arguments"


def _utc(value: datetime | None) -> datetime | None:
    if value is None or not isinstance(value, datetime):
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class CompiledFormula:
    """A checked formula; call it once per record.

    ``keep(cells, last_modified)`` is Airtable's verdict for the record. ``record_id``
    and ``created_time`` feed RECORD_ID() and CREATED_TIME() (blank when not given).
    ``value(...)`` returns the formula's value itself, an ``ErrorValue`` on failure.
    """

    __slots__ = ("_now", "_root", "source")

    def __init__(self, source: str, root: _Eval, now: datetime) -> None:
        self.source = source
        self._root = root
        self._now = now

    def value(
        self,
        cells: Mapping[str, Any],
        last_modified: datetime | None,
        *,
        record_id: str | None = None,
        created_time: datetime | None = None,
    ) -> Value | ErrorValue:
        ctx = _Ctx(cells, _utc(last_modified), record_id, _utc(created_time), self._now)
        try:
            return self._root(ctx)
        except _Abort as exc:
            return ErrorValue(exc.code)
        except (ArithmeticError, ValueError):  # a numeric corner case the code missed
            return ErrorValue("#ERROR!")

    def __call__(
        self,
        cells: Mapping[str, Any],
        last_modified: datetime | None,
        /,
        *,
        record_id: str | None = None,
        created_time: datetime | None = None,
    ) -> bool:
        value = self.value(cells, last_modified, record_id=record_id, created_time=created_time)
        return not isinstance(value, ErrorValue) and _truthy(value)

    def __repr__(self) -> str:
        return f"CompiledFormula({self.source!r})"


def compile_formula(
    text: str, fields: FieldLookup, *, now: datetime | None = None
) -> CompiledFormula:
    """Parse ``text`` and check it against ``fields``; raise ``FormulaError`` if it cannot run.

    ``now`` is what NOW() and TODAY() see (UTC; default: the time of this call), fixed
    for the whole request. An empty formula keeps every record, as Airtable ignores an
    empty ``filterByFormula``.
    """
    clock = _utc(now) or datetime.now(UTC)
    if not text.strip():
        return CompiledFormula(text, _constant(True), clock)
    node = _Parser(_tokenize(text)).parse()
    compiler = _Compiler(fields)
    root = compiler.compile(node)
    if compiler.unknown:
        raise FormulaError(f"Unknown field names: {', '.join(compiler.unknown)}")
    return CompiledFormula(text, root, clock)
