"""Filters and sorts of ``POST /v1/data_sources/{id}/query``, compiled once per request.

Conditions follow the "Filter data source entries" and "Sort data source entries" pages
of the Notion API reference; where they leave semantics open (case, empty values, date
ranges, week start) a comment names the sandbox's choice.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from tasklint.sandbox.notion._shapes import (
    MAX_COMPOUND_DEPTH,
    PageRecord,
    PropRecord,
    SourceRecord,
    UserRow,
    find_prop,
    floor_minute,
    from_ms,
    normalize_id,
    parse_iso,
    plain_text,
    shown,
)
from tasklint.sandbox.notion.errors import ValidationError

# --------------------------------------------------------------------------- filters


@dataclass
class QueryRow:
    page: PageRecord
    source: SourceRecord
    users: Mapping[str, UserRow]
    now: datetime


Predicate = Callable[[QueryRow], bool]

_TEXT_TYPES = {"title", "rich_text", "url", "email", "phone_number"}
_FILTER_KEYS: dict[str, set[str]] = {
    "title": {"title", "rich_text"},
    "rich_text": {"rich_text", "title"},
    "url": {"url", "rich_text"},
    "email": {"email", "rich_text"},
    "phone_number": {"phone_number", "rich_text"},
    "number": {"number"},
    "checkbox": {"checkbox"},
    "select": {"select"},
    "multi_select": {"multi_select"},
    "status": {"status"},
    "date": {"date"},
    "people": {"people"},
    "created_by": {"created_by", "people"},
    "last_edited_by": {"last_edited_by", "people"},
    "created_time": {"created_time", "date"},
    "last_edited_time": {"last_edited_time", "date"},
    "formula": {"formula"},
}
_TEXT_OPS = {
    "equals",
    "does_not_equal",
    "contains",
    "does_not_contain",
    "starts_with",
    "ends_with",
    "is_empty",
    "is_not_empty",
}
_NUMBER_OPS = {
    "equals",
    "does_not_equal",
    "greater_than",
    "less_than",
    "greater_than_or_equal_to",
    "less_than_or_equal_to",
    "is_empty",
    "is_not_empty",
}
_DATE_OPS = {
    "equals",
    "before",
    "after",
    "on_or_before",
    "on_or_after",
    "is_empty",
    "is_not_empty",
    "past_week",
    "past_month",
    "past_year",
    "next_week",
    "next_month",
    "next_year",
    "this_week",
}
_OPTION_OPS = {"equals", "does_not_equal", "is_empty", "is_not_empty"}
_CONTAINS_OPS = {"contains", "does_not_contain", "is_empty", "is_not_empty"}


def compile_filter(spec: Any, props: Sequence[PropRecord], depth: int = 0) -> Predicate:
    if not isinstance(spec, Mapping):
        raise ValidationError(
            f"body failed validation: body.filter should be an object, instead was `{shown(spec)}`."
        )
    for junction in ("and", "or"):
        if junction in spec:
            if len(spec) != 1:
                raise ValidationError("body failed validation: body.filter has extra keys.")
            if depth >= MAX_COMPOUND_DEPTH:
                raise ValidationError(
                    "body failed validation: body.filter nests compound filters more than "
                    f"{MAX_COMPOUND_DEPTH} levels deep."
                )
            parts = spec[junction]
            if not isinstance(parts, list):
                raise ValidationError(
                    f"body failed validation: body.filter.{junction} should be an array."
                )
            compiled = [compile_filter(p, props, depth + 1) for p in parts]
            if junction == "and":
                return lambda row: all(c(row) for c in compiled)
            return lambda row: any(c(row) for c in compiled)
    if "timestamp" in spec:
        return _compile_timestamp(spec)
    if "property" in spec:
        return _compile_property(spec, props)
    raise ValidationError(
        "body failed validation: body.filter should define `property`, `timestamp`, `and` or `or`."
    )


def _compile_timestamp(spec: Mapping[str, Any]) -> Predicate:
    kind = spec["timestamp"]
    if kind not in ("created_time", "last_edited_time"):
        raise ValidationError(
            "body failed validation: body.filter.timestamp should be `created_time` or "
            f"`last_edited_time`, instead was `{shown(kind)}`."
        )
    if "property" in spec:
        # "The timestamp filter condition does not require a property name. The API
        # throws an error if you provide one." (filter reference)
        raise ValidationError("body failed validation: body.filter.property should be not present.")
    if set(spec) - {"timestamp", kind}:
        raise ValidationError(
            f"body failed validation: body.filter should define only `timestamp` and `{kind}`."
        )
    test = _date_test(spec.get(kind), f"body.filter.{kind}")

    def predicate(row: QueryRow) -> bool:
        ms = row.page.created_ms if kind == "created_time" else row.page.edited_ms
        return test((from_ms(floor_minute(ms)), False), row.now)

    return predicate


def _compile_property(spec: Mapping[str, Any], props: Sequence[PropRecord]) -> Predicate:
    name = spec["property"]
    prop = find_prop(props, name) if isinstance(name, str) else None
    if prop is None:
        raise ValidationError(f"Could not find property with name or id: {name}")
    keys = [k for k in spec if k != "property"]
    if len(keys) != 1:
        raise ValidationError(
            f"body failed validation: body.filter should define one condition for {name}."
        )
    key = keys[0]
    if key not in _FILTER_KEYS.get(prop.type, set()):
        # Real message not documented; this names the mismatch.
        raise ValidationError(f"database property {prop.type} does not match filter {key}")
    cond = spec[key]
    where = f"body.filter.{key}"
    kind = prop.type
    if kind in _TEXT_TYPES:
        test = _text_test(cond, where)
        return lambda row: test(_text_of(row, prop))
    if kind == "number":
        ntest = _number_test(cond, where)
        return lambda row: ntest(row.page.values.get(prop.id))
    if kind == "checkbox":
        ctest = _checkbox_test(cond, where)
        return lambda row: ctest(bool(row.page.values.get(prop.id)))
    if kind in ("select", "status"):
        otest = _option_test(cond, where)
        return lambda row: otest(_option_name(prop, row.page.values.get(prop.id)))
    if kind == "multi_select":
        mtest = _contains_test(cond, where, kind="string")
        return lambda row: mtest(
            [n for n in (_option_name(prop, i) for i in row.page.values.get(prop.id) or []) if n]
        )
    if kind in ("people", "created_by", "last_edited_by"):
        ptest = _contains_test(cond, where, kind="uuid")
        if kind == "people":
            return lambda row: ptest(list(row.page.values.get(prop.id) or []))
        attr = "created_by" if kind == "created_by" else "edited_by"
        return lambda row: ptest([getattr(row.page, attr)])
    if kind in ("date", "created_time", "last_edited_time"):
        dtest = _date_test(cond, where)
        return lambda row: dtest(_date_of(row, prop), row.now)
    if kind == "formula":
        return _formula_test(prop, cond, where)
    raise ValidationError(f"The sandbox cannot filter {kind} properties.")


def _single_op(cond: Any, ops: set[str], where: str) -> tuple[str, Any]:
    if not isinstance(cond, Mapping) or len(cond) != 1:
        raise ValidationError(
            f"body failed validation: {where} should define exactly one condition, instead was "
            f"`{shown(cond)}`."
        )
    ((op, arg),) = cond.items()
    if op not in ops:
        raise ValidationError(
            f"body failed validation: {where}.{op} should be not present (expected one of "
            f"{', '.join(sorted(ops))})."
        )
    if op in ("is_empty", "is_not_empty") and arg is not True:
        raise ValidationError(f"body failed validation: {where}.{op} should be `true`.")
    return op, arg


def _text_test(cond: Any, where: str) -> Callable[[str], bool]:
    op, arg = _single_op(cond, _TEXT_OPS, where)
    if op in ("is_empty", "is_not_empty"):
        return (lambda t: t == "") if op == "is_empty" else (lambda t: t != "")
    if not isinstance(arg, str):
        raise ValidationError(f"body failed validation: {where}.{op} should be a string.")
    # Not documented: case sensitivity. Notion's UI matches "contains" case-insensitively;
    # the sandbox does so for contains/starts/ends and keeps equals exact.
    low = arg.lower()
    tests: dict[str, Callable[[str], bool]] = {
        "equals": lambda t: t == arg,
        "does_not_equal": lambda t: t != arg,
        "contains": lambda t: low in t.lower(),
        "does_not_contain": lambda t: low not in t.lower(),
        "starts_with": lambda t: t.lower().startswith(low),
        "ends_with": lambda t: t.lower().endswith(low),
    }
    return tests[op]


def _number_test(cond: Any, where: str) -> Callable[[Any], bool]:
    op, arg = _single_op(cond, _NUMBER_OPS, where)
    if op == "is_empty":
        return lambda v: v is None
    if op == "is_not_empty":
        return lambda v: v is not None
    if isinstance(arg, bool) or not isinstance(arg, int | float):
        raise ValidationError(f"body failed validation: {where}.{op} should be a number.")
    tests: dict[str, Callable[[Any], bool]] = {
        "equals": lambda v: v is not None and v == arg,
        "does_not_equal": lambda v: v is None or v != arg,
        "greater_than": lambda v: v is not None and v > arg,
        "less_than": lambda v: v is not None and v < arg,
        "greater_than_or_equal_to": lambda v: v is not None and v >= arg,
        "less_than_or_equal_to": lambda v: v is not None and v <= arg,
    }
    return tests[op]


def _checkbox_test(cond: Any, where: str) -> Callable[[bool], bool]:
    op, arg = _single_op(cond, {"equals", "does_not_equal"}, where)
    if not isinstance(arg, bool):
        raise ValidationError(f"body failed validation: {where}.{op} should be a boolean.")
    return (lambda v: v == arg) if op == "equals" else (lambda v: v != arg)


def _option_test(cond: Any, where: str) -> Callable[[str | None], bool]:
    op, arg = _single_op(cond, _OPTION_OPS, where)
    if op == "is_empty":
        return lambda v: v is None
    if op == "is_not_empty":
        return lambda v: v is not None
    if not isinstance(arg, str):
        raise ValidationError(f"body failed validation: {where}.{op} should be a string.")
    return (lambda v: v == arg) if op == "equals" else (lambda v: v != arg)


def _contains_test(cond: Any, where: str, *, kind: str) -> Callable[[list[str]], bool]:
    op, arg = _single_op(cond, _CONTAINS_OPS, where)
    if op == "is_empty":
        return lambda v: not v
    if op == "is_not_empty":
        return lambda v: bool(v)
    if not isinstance(arg, str):
        raise ValidationError(f"body failed validation: {where}.{op} should be a string.")
    if kind == "uuid":
        arg = normalize_id(arg, what=f"{where}.{op}")
    if op == "contains":
        return lambda v: arg in v
    return lambda v: arg not in v


def _date_test(cond: Any, where: str) -> Callable[[tuple[datetime, bool] | None, datetime], bool]:
    op, arg = _single_op(cond, _DATE_OPS, where)
    if op == "is_empty":
        return lambda v, now: v is None
    if op == "is_not_empty":
        return lambda v, now: v is not None
    relative = {
        "past_week": (-timedelta(days=7), timedelta(0)),
        "past_month": (-timedelta(days=30), timedelta(0)),
        "past_year": (-timedelta(days=365), timedelta(0)),
        "next_week": (timedelta(0), timedelta(days=7)),
        "next_month": (timedelta(0), timedelta(days=30)),
        "next_year": (timedelta(0), timedelta(days=365)),
    }
    if op in relative or op == "this_week":
        if arg != {}:
            raise ValidationError(f"body failed validation: {where}.{op} should be `{{}}`.")
        if op == "this_week":
            # Not documented: the week's first day; the sandbox uses ISO weeks (Monday).
            def this_week(v: tuple[datetime, bool] | None, now: datetime) -> bool:
                return v is not None and v[0].isocalendar()[:2] == now.isocalendar()[:2]

            return this_week
        low, high = relative[op]
        return lambda v, now: v is not None and now + low <= v[0] <= now + high
    bound, date_only = parse_iso(arg, where=f"{where}.{op}")
    compare: dict[str, Callable[[Any, Any], bool]] = {
        "equals": lambda a, b: a == b,
        "before": lambda a, b: a < b,
        "after": lambda a, b: a > b,
        "on_or_before": lambda a, b: a <= b,
        "on_or_after": lambda a, b: a >= b,
    }
    fn = compare[op]

    def test(v: tuple[datetime, bool] | None, now: datetime) -> bool:
        if v is None:
            return False
        moment, value_date_only = v
        if date_only or (value_date_only and op == "equals"):
            # A date without a time compares by calendar day (UTC).
            return fn(moment.date(), bound.date())
        return fn(moment, bound)

    return test


def _formula_test(prop: PropRecord, cond: Any, where: str) -> Predicate:
    if not isinstance(cond, Mapping) or len(cond) != 1:
        raise ValidationError(f"body failed validation: {where} should define one result type.")
    ((kind, inner),) = cond.items()
    sub = f"{where}.{kind}"
    if kind == "string":
        test = _text_test(inner, sub)
        return lambda row: test(str(_formula_value(row, prop, "string") or ""))
    if kind == "number":
        ntest = _number_test(inner, sub)
        return lambda row: ntest(_formula_value(row, prop, "number"))
    if kind == "checkbox":
        ctest = _checkbox_test(inner, sub)
        return lambda row: ctest(bool(_formula_value(row, prop, "boolean")))
    if kind == "date":
        dtest = _date_test(inner, sub)

        def predicate(row: QueryRow) -> bool:
            value = _formula_value(row, prop, "date")
            start = value.get("start") if isinstance(value, Mapping) else None
            return dtest(parse_iso(start, where="formula") if start else None, row.now)

        return predicate
    raise ValidationError(
        f"body failed validation: {where} should define `string`, `number`, `checkbox` or `date`."
    )


def _formula_value(row: QueryRow, prop: PropRecord, kind: str) -> Any:
    value = row.page.values.get(prop.id) or {}
    return value.get(kind) if value.get("type") == kind else None


def _text_of(row: QueryRow, prop: PropRecord) -> str:
    value = row.page.values.get(prop.id)
    if prop.type in ("title", "rich_text"):
        return plain_text(value)
    return value or ""


def _option_name(prop: PropRecord, option_id: Any) -> str | None:
    for option in prop.config.get("options", []):
        if option["id"] == option_id:
            return str(option["name"])
    return None


def _date_of(row: QueryRow, prop: PropRecord) -> tuple[datetime, bool] | None:
    if prop.type == "created_time":
        return from_ms(floor_minute(row.page.created_ms)), False
    if prop.type == "last_edited_time":
        return from_ms(floor_minute(row.page.edited_ms)), False
    value = row.page.values.get(prop.id)
    if not value or not value.get("start"):
        return None
    # A range filters by its start (not documented otherwise).
    return parse_iso(value["start"], where="date")


# --------------------------------------------------------------------------- sorts

SortKey = list[tuple[str, PropRecord | None, bool]]  # (timestamp|property, prop, descending)


def compile_sorts(sorts: Any, props: Sequence[PropRecord]) -> SortKey | None:
    if sorts is None:
        return None
    if not isinstance(sorts, list):
        raise ValidationError(
            f"body failed validation: body.sorts should be an array, instead was `{shown(sorts)}`."
        )
    key: SortKey = []
    for i, sort in enumerate(sorts):
        where = f"body.sorts[{i}]"
        if not isinstance(sort, Mapping):
            raise ValidationError(f"body failed validation: {where} should be an object.")
        direction = sort.get("direction")
        if direction not in ("ascending", "descending"):
            raise ValidationError(
                f"body failed validation: {where}.direction should be `ascending` or "
                f"`descending`, instead was `{shown(direction)}`."
            )
        descending = direction == "descending"
        if "timestamp" in sort:
            if sort["timestamp"] not in ("created_time", "last_edited_time"):
                raise ValidationError(
                    f"body failed validation: {where}.timestamp should be `created_time` or "
                    "`last_edited_time`."
                )
            key.append((sort["timestamp"], None, descending))
        elif "property" in sort:
            prop = find_prop(props, str(sort["property"]))
            if prop is None:
                raise ValidationError(
                    f"Could not find sort property with name or id: {sort['property']}"
                )
            key.append(("property", prop, descending))
        else:
            raise ValidationError(
                f"body failed validation: {where} should define `property` or `timestamp`."
            )
    return key


def sorted_rows(
    rows: list[PageRecord],
    key: SortKey,
    source: SourceRecord,
    users: Mapping[str, UserRow],
    now: datetime,
) -> list[PageRecord]:
    """Stable multi-key sort; empty values go last in either direction (as in the
    Notion app; not stated in the API reference)."""
    result = list(rows)
    for what, prop, descending in reversed(key):
        values = {p.id: _sort_value(p, what, prop, users) for p in result}
        present = [p for p in result if values[p.id] is not None]
        empty = [p for p in result if values[p.id] is None]
        present.sort(key=lambda p: values[p.id], reverse=descending)
        result = present + empty
    return result


def _sort_value(
    page: PageRecord,
    what: str,
    prop: PropRecord | None,
    users: Mapping[str, UserRow],
) -> Any:
    if what == "created_time":
        return floor_minute(page.created_ms)
    if what == "last_edited_time":
        return floor_minute(page.edited_ms)
    assert prop is not None
    value = page.values.get(prop.id)
    kind = prop.type
    if kind in ("title", "rich_text"):
        text = plain_text(value)
        return text.lower() if text else None
    if kind in ("url", "email", "phone_number"):
        return value.lower() if value else None
    if kind == "number":
        return value
    if kind == "checkbox":
        return int(bool(value))
    if kind in ("select", "status"):
        ids = [o["id"] for o in prop.config.get("options", [])]
        return ids.index(value) if value in ids else None
    if kind == "multi_select":
        ids = [o["id"] for o in prop.config.get("options", [])]
        positions = sorted(ids.index(v) for v in value or [] if v in ids)
        return tuple(positions) if positions else None
    if kind == "date":
        if not value or not value.get("start"):
            return None
        return parse_iso(value["start"], where="date")[0]
    if kind == "people":
        names = [str(users[u][1] or "").lower() for u in value or [] if u in users]
        return names[0] if names else None
    if kind == "created_time":
        return floor_minute(page.created_ms)
    if kind == "last_edited_time":
        return floor_minute(page.edited_ms)
    if kind in ("created_by", "last_edited_by"):
        uid = page.created_by if kind == "created_by" else page.edited_by
        return str(users[uid][1] or "").lower() if uid in users else None
    if kind == "formula":
        if not value:
            return None
        inner = value.get(value.get("type"))
        if isinstance(inner, Mapping):
            inner = inner.get("start")
        return None if inner is None else (str(type(inner)), inner)
    return None
