"""Shapes of Notion objects in the sandbox: ids, timestamps, rich text, property schemas
and property values (the write shape a request sends, the stored form, the read shape a
response carries), with the request size limits of the Notion API reference.
"""

from __future__ import annotations

import copy
import json
import re
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import quote, unquote

from tasklint.sandbox.notion.errors import ValidationError

API_VERSION = "2025-09-03"
MAX_PAGE_SIZE = 100  # query and list endpoints; more is a validation_error
QUERY_RESULT_LIMIT = 10_000  # a data source query stops after this many results
MAX_TEXT_CONTENT = 2000  # text.content and text.link.url of one rich text object
MAX_EQUATION = 1000
MAX_ARRAY = 100  # rich text arrays, people, multi-select, relation
MAX_URL = 2000
MAX_EMAIL = 200
MAX_PHONE = 200
UserRow = tuple[str, str | None, str | None, str | None]  # type, name, email, avatar URL
FORMULA_RESULTS = ("string", "number", "boolean", "date")
MAX_COMPOUND_DEPTH = 2  # "Nesting is supported up to two levels deep" (filter reference)

APP_URL = "https://app.notion.com/p/"  # the page URL form seen in the 2026 cassettes

COLORS = ("default", "gray", "brown", "orange", "yellow", "green", "blue", "purple", "pink", "red")
ANNOTATIONS_DEFAULT: dict[str, Any] = {
    "bold": False,
    "italic": False,
    "strikethrough": False,
    "underline": False,
    "code": False,
    "color": "default",
}

READ_ONLY_TYPES = frozenset(
    {
        "formula",
        "rollup",
        "created_time",
        "created_by",
        "last_edited_time",
        "last_edited_by",
        "unique_id",
        "verification",
    }
)
SCHEMA_TYPES = frozenset(
    {
        "title",
        "rich_text",
        "number",
        "select",
        "multi_select",
        "status",
        "date",
        "people",
        "checkbox",
        "url",
        "email",
        "phone_number",
        "formula",
        "created_time",
        "created_by",
        "last_edited_time",
        "last_edited_by",
    }
)

_HEX32 = re.compile(r"^[0-9a-f]{32}$")
_PROP_ID_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789;:=<>?@[]^_{|}~"


# --------------------------------------------------------------------------- helpers


def normalize_id(raw: str, *, what: str = "id") -> str:
    """A Notion id in its dashed form; Notion accepts ids with or without dashes."""
    compact = raw.strip().replace("-", "").lower()
    if not _HEX32.match(compact):
        raise ValidationError(
            f"path failed validation: path.{what} should be a valid uuid, instead was `{raw!r}`."
        )
    return str(uuid.UUID(compact))


def new_id() -> str:
    return str(uuid.uuid4())


def new_property_id(taken: Iterable[str]) -> str:
    """A short, URL-encoded property id like Notion's ("%40Q%5BM"); ``title`` is reserved."""
    rng = uuid.uuid4().int
    taken = set(taken)
    while True:
        raw = ""
        for _ in range(4):
            rng, i = divmod(rng, len(_PROP_ID_CHARS))
            raw += _PROP_ID_CHARS[i]
        encoded = quote(raw, safe="")
        if encoded not in taken and encoded != "title":
            return encoded
        rng = uuid.uuid4().int


def to_ms(moment: datetime) -> int:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return int(moment.timestamp() * 1000)


def from_ms(ms: int) -> datetime:
    return datetime.fromtimestamp(ms / 1000, tz=UTC)


def floor_minute(ms: int) -> int:
    """Notion stores page and data source timestamps to the minute, rounded down: in the
    pages_retrieve cassette a page created at 09:08:14Z reads ``09:08:00.000Z``."""
    return ms - ms % 60_000


def iso_minute(ms: int) -> str:
    """``2026-07-04T09:08:00.000Z``: the form of page timestamps in the cassettes."""
    return from_ms(floor_minute(ms)).strftime("%Y-%m-%dT%H:%M:00.000Z")


def iso_millis_offset(ms: int) -> str:
    """``2026-07-04T09:08:57.778+00:00``: the form of database timestamps in the cassettes."""
    moment = from_ms(ms)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{ms % 1000:03d}+00:00"


def parse_iso(value: Any, *, where: str) -> tuple[datetime, bool]:
    """(instant in UTC, date-only?) of an ISO 8601 date or date-time string."""
    if not isinstance(value, str) or not value:
        raise ValidationError(
            f"body failed validation: {where} should be a valid ISO 8601 date string, "
            f"instead was `{json.dumps(value, ensure_ascii=False)}`."
        )
    try:
        if len(value) == 10:
            day = date.fromisoformat(value)
            return datetime(day.year, day.month, day.day, tzinfo=UTC), True
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ValidationError(
            f"body failed validation: {where} should be a valid ISO 8601 date string, "
            f"instead was `{json.dumps(value, ensure_ascii=False)}`."
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC), False


def shown(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def rich_text_from_plain(text: str) -> list[dict[str, Any]]:
    """One or more text objects for a plain string (split at the 2,000-character limit)."""
    if not text:
        return []
    chunks = [text[i : i + MAX_TEXT_CONTENT] for i in range(0, len(text), MAX_TEXT_CONTENT)]
    return [_text_object(chunk, None, {}) for chunk in chunks]


def _text_object(content: str, link: str | None, annotations: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "type": "text",
        "text": {"content": content, "link": {"url": link} if link else None},
        "annotations": {**ANNOTATIONS_DEFAULT, **annotations},
        "plain_text": content,
        "href": link,
    }


def _copy_rich_text(items: Sequence[Mapping[str, Any]] | None) -> list[dict[str, Any]]:
    """A copy of stored rich text (faster than ``copy.deepcopy`` for the hot query path)."""
    result = []
    for item in items or ():
        copied = dict(item)
        for key in ("text", "annotations", "equation"):
            if isinstance(item.get(key), Mapping):
                copied[key] = dict(item[key])
        text = copied.get("text")
        if text is not None and isinstance(text.get("link"), Mapping):
            text["link"] = dict(text["link"])
        result.append(copied)
    return result


def plain_text(rich: Sequence[Mapping[str, Any]] | None) -> str:
    return "".join(str(item.get("plain_text", "")) for item in rich or ())


# --------------------------------------------------------------------------- records


@dataclass
class PropRecord:
    id: str
    name: str
    type: str
    config: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "type": self.type, "config": self.config}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> PropRecord:
        return cls(data["id"], data["name"], data["type"], dict(data.get("config") or {}))


@dataclass
class SourceRecord:
    id: str
    token: str
    database_id: str
    name: str
    props: list[PropRecord]
    created_ms: int
    edited_ms: int
    created_by: str
    edited_by: str
    in_trash: bool
    icon: Any


@dataclass
class PageRecord:
    id: str
    token: str
    data_source_id: str
    seq: int
    created_ms: int
    edited_ms: int
    created_by: str
    edited_by: str
    in_trash: bool
    icon: Any
    cover: Any
    values: dict[str, Any]


# --------------------------------------------------------------------------- schema helpers


def dump_props(props: Sequence[PropRecord]) -> str:
    return json.dumps([p.as_json() for p in props], ensure_ascii=False)


def not_found(kind: str, object_id: str) -> str:
    # Wording of the object_not_found message in the build_request_error cassette.
    return (
        f"Could not find {kind} with ID: {object_id}. Make sure the relevant pages and "
        'databases are shared with your integration "tasklint sandbox".'
    )


def find_prop(props: Sequence[PropRecord], key: str) -> PropRecord | None:
    """A property by name, by id, or by the decoded form of its URL-encoded id."""
    for prop in props:
        if prop.name == key:
            return prop
    for prop in props:
        if key in (prop.id, unquote(prop.id)):
            return prop
    return None


def schema_type(spec: Mapping[str, Any], where: str) -> str | None:
    kinds = [k for k in spec if k in SCHEMA_TYPES or k in ("rollup", "relation", "files")]
    declared = spec.get("type")
    if declared is not None and declared not in kinds:
        kinds.append(declared)
    kinds = list(dict.fromkeys(kinds))
    if not kinds:
        return None
    if len(kinds) > 1:
        raise ValidationError(
            f"body failed validation: {where} should define one property type, "
            f"instead defined {', '.join(kinds)}."
        )
    kind = kinds[0]
    if kind not in SCHEMA_TYPES:
        raise ValidationError(f"The sandbox does not support {kind} properties ({where}).")
    return kind


def prop_options(prop: PropRecord) -> list[dict[str, Any]]:
    return list(prop.config.get("options") or [])


def schema_config(
    kind: str, spec: Mapping[str, Any], existing: list[dict[str, Any]], where: str
) -> dict[str, Any]:
    if not isinstance(spec, Mapping):
        raise ValidationError(f"body failed validation: {where}.{kind} should be an object.")
    if kind == "number":
        return {"format": str(spec.get("format") or "number")}
    if kind == "formula":
        config = {"expression": str(spec.get("expression") or "")}
        if spec.get("_result") in FORMULA_RESULTS:
            config["_result"] = spec["_result"]  # the sandbox's own note; never rendered
        return config
    if kind in ("select", "multi_select"):
        given = spec.get("options")
        if given is None:
            return {"options": existing}
        return {"options": _replace_options(given, existing, f"{where}.{kind}.options")}
    if kind == "status":
        given = spec.get("options")
        if given is None and not existing:
            return _default_status()
        options = _replace_options(given if given is not None else existing, existing, where)
        return _status_with_groups(options, spec.get("groups"))
    return {}


def _replace_options(
    given: Any, existing: list[dict[str, Any]], where: str
) -> list[dict[str, Any]]:
    """Options given replace the whole list (update-data-source-properties): an existing
    option is kept (same id and color) when named by id or name; others are new."""
    if not isinstance(given, list):
        raise ValidationError(f"body failed validation: {where} should be an array.")
    if len(given) > MAX_ARRAY * 10:
        raise ValidationError(f"body failed validation: {where} has too many options.")
    by_id = {o["id"]: o for o in existing}
    by_name = {o["name"].lower(): o for o in existing}
    result: list[dict[str, Any]] = []
    seen: set[str] = set()
    for i, option in enumerate(given):
        if not isinstance(option, Mapping):
            raise ValidationError(f"body failed validation: {where}[{i}] should be an object.")
        old = by_id.get(str(option.get("id"))) if option.get("id") else None
        name = option.get("name")
        if old is None and isinstance(name, str):
            old = by_name.get(name.lower())
        if old is None and not isinstance(name, str):
            raise ValidationError(f"body failed validation: {where}[{i}].name should be a string.")
        if old is not None:
            new = dict(old)
        else:
            assert isinstance(name, str)
            if "," in name:
                raise ValidationError(f"Select option names cannot contain commas: {name}.")
            color = option.get("color") or COLORS[len(result) % len(COLORS)]
            if color not in COLORS:
                raise ValidationError(
                    f"body failed validation: {where}[{i}].color should be one of "
                    f"{', '.join(COLORS)}, instead was `{shown(color)}`."
                )
            new = {"id": new_id(), "name": name, "color": color}
        if new["name"].lower() in seen:
            raise ValidationError(f"Duplicate select option name: {new['name']}.")
        seen.add(new["name"].lower())
        result.append(new)
    return result


def _default_status() -> dict[str, Any]:
    options = [
        {"id": new_id(), "name": "Not started", "color": "default"},
        {"id": new_id(), "name": "In progress", "color": "blue"},
        {"id": new_id(), "name": "Done", "color": "green"},
    ]
    return _status_with_groups(options, None)


def _status_with_groups(options: list[dict[str, Any]], groups: Any) -> dict[str, Any]:
    """Status options in the groups To-do / In progress / Complete: a new option goes
    to To-do, as the data source update reference says."""
    if isinstance(groups, list) and groups and all(isinstance(g, Mapping) for g in groups):
        live = {o["id"] for o in options}
        kept = [
            {**g, "option_ids": [i for i in g.get("option_ids", []) if i in live]} for g in groups
        ]
        placed = {i for g in kept for i in g["option_ids"]}
        kept[0]["option_ids"] += [o["id"] for o in options if o["id"] not in placed]
        return {"options": options, "groups": kept}
    done = {"done", "complete", "completed", "已完成", "完成"}
    doing = {"in progress", "doing", "进行中"}
    todo_ids = [o["id"] for o in options if o["name"].lower() not in done | doing]
    return {
        "options": options,
        "groups": [
            {"id": new_id(), "name": "To-do", "color": "gray", "option_ids": todo_ids},
            {
                "id": new_id(),
                "name": "In progress",
                "color": "blue",
                "option_ids": [o["id"] for o in options if o["name"].lower() in doing],
            },
            {
                "id": new_id(),
                "name": "Complete",
                "color": "green",
                "option_ids": [o["id"] for o in options if o["name"].lower() in done],
            },
        ],
    }


def render_schema(prop: PropRecord) -> dict[str, Any]:
    config = {k: copy.deepcopy(v) for k, v in prop.config.items() if not k.startswith("_")}
    if prop.type in ("select", "multi_select"):
        config = {"options": config.get("options", [])}
    return {
        "id": prop.id,
        "name": prop.name,
        "description": None,
        "type": prop.type,
        prop.type: config,
    }


def option_for(prop: PropRecord, name: str, *, create: bool) -> dict[str, Any]:
    options: list[dict[str, Any]] = prop.config.setdefault("options", [])
    for option in options:
        if option["name"] == name:
            return option
    if not create:
        raise ValidationError(f"Invalid option {name} for {prop.name}.")
    if "," in name:
        raise ValidationError(f"Select option names cannot contain commas: {name}.")
    option = {"id": new_id(), "name": name, "color": COLORS[len(options) % len(COLORS)]}
    options.append(option)
    return option


def formula_result(value: Any, result: str | None = None) -> dict[str, Any]:
    """A formula property value; ``None`` and Airtable-style errors (``{"error":
    "#ERROR!"}``, ``{"specialValue": "NaN"}``) become an empty result of the formula's
    type (assumed: the API has no error value for formulas)."""
    if value is None or (
        isinstance(value, Mapping) and ("error" in value or "specialValue" in value)
    ):
        kind = result if result in FORMULA_RESULTS else "string"
        return {"type": kind, kind: None}
    if isinstance(value, bool):
        return {"type": "boolean", "boolean": value}
    if isinstance(value, int | float):
        return {"type": "number", "number": value}
    if isinstance(value, Mapping) and "start" in value:
        return {
            "type": "date",
            "date": {"start": value["start"], "end": value.get("end"), "time_zone": None},
        }
    if isinstance(value, Mapping) and value.get("type") in ("string", "number", "boolean", "date"):
        return dict(value)
    return {"type": "string", "string": str(value)}


def select_props(props: Sequence[PropRecord], wanted: Sequence[str] | None) -> set[str] | None:
    """Property ids kept by ``filter_properties`` (ids or names); None keeps all."""
    if not wanted:
        return None
    keep: set[str] = set()
    for key in wanted:
        prop = find_prop(props, key)
        if prop is None:
            # Not documented: whether an unknown id is an error or ignored.
            raise ValidationError(f"Could not find property with name or id: {key}")
        keep.add(prop.id)
    return keep


def checked_page_size(value: Any, *, where: str) -> int:
    if value is None:
        return MAX_PAGE_SIZE
    if isinstance(value, str) and value.isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int | float) or value != int(value):
        raise ValidationError(
            f"body failed validation: {where} should be a number, instead was `{shown(value)}`."
        )
    if value > MAX_PAGE_SIZE:
        raise ValidationError(
            f"body failed validation: {where} should be ≤ `{MAX_PAGE_SIZE}`, instead was "
            f"`{int(value)}`."
        )
    if value < 1:
        raise ValidationError(
            f"body failed validation: {where} should be ≥ `1`, instead was `{int(value)}`."
        )
    return int(value)


def cursor_id(cursor: Any) -> str:
    if not isinstance(cursor, str):
        raise ValidationError(
            f"body failed validation: body.start_cursor should be a string, instead was "
            f"`{shown(cursor)}`."
        )
    try:
        return normalize_id(cursor, what="start_cursor")
    except ValidationError:
        raise ValidationError(
            f"body failed validation: body.start_cursor should be a valid uuid, instead was "
            f"`{shown(cursor)}`."
        ) from None


# --------------------------------------------------------------------------- value writes


def unwrap_value(prop: PropRecord, value: Any, where: str) -> Any:
    """The inner value of ``{"select": {...}}``-style write objects (``type`` and
    ``id`` keys are allowed beside the type key, as in the title example of the
    page property values reference)."""
    if not isinstance(value, Mapping):
        raise ValidationError(
            f"body failed validation: {where} should be an object, instead was `{shown(value)}`."
        )
    extra = set(value) - {prop.type, "type", "id", "name"}
    declared = value.get("type")
    if declared is not None and declared != prop.type:
        raise ValidationError(f"{prop.name} is expected to be {prop.type}.")
    if prop.type not in value or extra:
        raise ValidationError(f"{prop.name} is expected to be {prop.type}.")
    return value[prop.type]


def stored_value(
    prop: PropRecord,
    inner: Any,
    where: str,
    users: Mapping[str, Any],
) -> tuple[Any, bool]:
    """(stored value, option added?) for a write to ``prop``."""
    kind = prop.type
    where = f"{where}.{kind}"
    if kind in ("title", "rich_text"):
        return validate_rich_text(inner, where), False
    if kind == "number":
        if inner is not None and (isinstance(inner, bool) or not isinstance(inner, int | float)):
            raise ValidationError(
                f"body failed validation: {where} should be a number or `null`, instead was "
                f"`{shown(inner)}`."
            )
        return inner, False
    if kind == "checkbox":
        if not isinstance(inner, bool):
            raise ValidationError(
                f"body failed validation: {where} should be a boolean, instead was "
                f"`{shown(inner)}`."
            )
        return inner, False
    if kind in ("url", "email", "phone_number"):
        limit = {"url": MAX_URL, "email": MAX_EMAIL, "phone_number": MAX_PHONE}[kind]
        if inner is not None and not isinstance(inner, str):
            raise ValidationError(
                f"body failed validation: {where} should be a string or `null`, instead was "
                f"`{shown(inner)}`."
            )
        if inner is not None and len(inner) > limit:
            raise ValidationError(
                f"body failed validation: {where}.length should be ≤ `{limit}`, instead was "
                f"`{len(inner)}`."
            )
        return inner or None, False
    if kind == "date":
        return validate_date(inner, where), False
    if kind in ("select", "status"):
        if inner is None:
            return None, False
        option, added = _choose_option(prop, inner, where, create=kind == "select")
        return option["id"], added
    if kind == "multi_select":
        if not isinstance(inner, list):
            raise ValidationError(f"body failed validation: {where} should be an array.")
        _check_array_length(inner, where)
        ids, any_added = [], False
        for i, item in enumerate(inner):
            option, added = _choose_option(prop, item, f"{where}[{i}]", create=True)
            ids.append(option["id"])
            any_added = any_added or added
        return ids, any_added
    if kind == "people":
        if not isinstance(inner, list):
            raise ValidationError(f"body failed validation: {where} should be an array.")
        _check_array_length(inner, where)
        ids = []
        for i, item in enumerate(inner):
            if not isinstance(item, Mapping) or not isinstance(item.get("id"), str):
                raise ValidationError(
                    f"body failed validation: {where}[{i}].id should be defined, instead was "
                    "`undefined`."
                )
            extra = set(item) - {"id", "object"}
            if extra:
                # People are written as partial users; other user fields are refused.
                raise ValidationError(
                    f"body failed validation: {where}[{i}].{sorted(extra)[0]} should be not "
                    "present."
                )
            uid = normalize_id(item["id"], what=f"{where}[{i}].id")
            if uid not in users:
                raise ValidationError(f"Could not find user with ID: {uid}.")
            ids.append(uid)
        return ids, False
    raise ValidationError(f"The sandbox does not support writing {kind} properties.")


def _check_array_length(items: Sequence[Any], where: str) -> None:
    if len(items) > MAX_ARRAY:
        raise ValidationError(
            f"body failed validation: {where}.length should be ≤ `{MAX_ARRAY}`, instead was "
            f"`{len(items)}`."
        )


def validate_rich_text(items: Any, where: str) -> list[dict[str, Any]]:
    """Rich text in the write shape -> the stored (response) shape, within the size
    limits of the request limits reference (2,000 characters, 100 elements)."""
    if not isinstance(items, list):
        raise ValidationError(
            f"body failed validation: {where} should be an array, instead was `{shown(items)}`."
        )
    _check_array_length(items, where)
    result = []
    for i, item in enumerate(items):
        at = f"{where}[{i}]"
        if not isinstance(item, Mapping):
            raise ValidationError(f"body failed validation: {at} should be an object.")
        kind = item.get("type") or ("equation" if "equation" in item else "text")
        annotations = item.get("annotations") or {}
        if not isinstance(annotations, Mapping) or set(annotations) - set(ANNOTATIONS_DEFAULT):
            raise ValidationError(f"body failed validation: {at}.annotations is invalid.")
        if kind == "text":
            text = item.get("text")
            if not isinstance(text, Mapping) or not isinstance(text.get("content"), str):
                raise ValidationError(
                    f"body failed validation: {at}.text.content should be defined, instead was "
                    "`undefined`."
                )
            content = text["content"]
            if len(content) > MAX_TEXT_CONTENT:
                raise ValidationError(
                    f"body failed validation: {at}.text.content.length should be ≤ "
                    f"`{MAX_TEXT_CONTENT}`, instead was `{len(content)}`."
                )
            link = text.get("link")
            url = link.get("url") if isinstance(link, Mapping) else None
            if url is not None and (not isinstance(url, str) or len(url) > MAX_TEXT_CONTENT):
                raise ValidationError(
                    f"body failed validation: {at}.text.link.url.length should be ≤ "
                    f"`{MAX_TEXT_CONTENT}`."
                )
            result.append(_text_object(content, url, annotations))
        elif kind == "equation":
            equation = item.get("equation")
            expression = equation.get("expression") if isinstance(equation, Mapping) else None
            if not isinstance(expression, str):
                raise ValidationError(
                    f"body failed validation: {at}.equation.expression should be defined."
                )
            if len(expression) > MAX_EQUATION:
                raise ValidationError(
                    f"body failed validation: {at}.equation.expression.length should be ≤ "
                    f"`{MAX_EQUATION}`, instead was `{len(expression)}`."
                )
            result.append(
                {
                    "type": "equation",
                    "equation": {"expression": expression},
                    "annotations": {**ANNOTATIONS_DEFAULT, **annotations},
                    "plain_text": expression,
                    "href": None,
                }
            )
        else:
            raise ValidationError(f"The sandbox does not support {kind} rich text ({at}).")
    return result


def validate_date(inner: Any, where: str) -> dict[str, Any] | None:
    if inner is None:
        return None
    if not isinstance(inner, Mapping) or "start" not in inner:
        raise ValidationError(
            f"body failed validation: {where}.start should be defined, instead was `undefined`."
        )
    extra = set(inner) - {"start", "end", "time_zone"}
    if extra:
        raise ValidationError(
            f"body failed validation: {where}.{sorted(extra)[0]} should be not present."
        )
    parse_iso(inner["start"], where=f"{where}.start")
    if inner.get("end") is not None:
        parse_iso(inner["end"], where=f"{where}.end")
    zone = inner.get("time_zone")
    if zone is not None and not isinstance(zone, str):
        raise ValidationError(f"body failed validation: {where}.time_zone should be a string.")
    # Notion may normalise the strings (e.g. add milliseconds); the sandbox keeps them.
    return {"start": inner["start"], "end": inner.get("end"), "time_zone": zone}


def _choose_option(
    prop: PropRecord, inner: Any, where: str, *, create: bool
) -> tuple[dict[str, Any], bool]:
    if not isinstance(inner, Mapping) or not (inner.get("name") or inner.get("id")):
        raise ValidationError(
            f"body failed validation: {where} should be an object with `name` or `id`, "
            f"instead was `{shown(inner)}`."
        )
    options = prop.config.setdefault("options", [])
    if inner.get("id"):
        for option in options:
            if option["id"] == inner["id"]:
                return option, False
        raise ValidationError(f"Invalid option id {inner['id']} for {prop.name} ({where}).")
    name = str(inner["name"])
    for option in options:
        if option["name"] == name:
            return option, False
    if not create:
        # Status options cannot be created through the API (page property values
        # reference); the exact message is not documented.
        raise ValidationError(f'Invalid status option. Status option "{name}" does not exist.')
    return option_for(prop, name, create=True), True


# --------------------------------------------------------------------------- value reads


def render_value(
    prop: PropRecord,
    page: PageRecord,
    users: Mapping[str, UserRow],
    user_object: Callable[[str, UserRow], dict[str, Any]],
) -> Any:
    kind, value = prop.type, page.values.get(prop.id)
    if kind in ("title", "rich_text"):
        return _copy_rich_text(value)
    if kind in ("select", "status"):
        return next(
            (
                {"id": o["id"], "name": o["name"], "color": o["color"]}
                for o in prop.config.get("options", [])
                if o["id"] == value
            ),
            None,
        )
    if kind == "multi_select":
        by_id = {o["id"]: o for o in prop.config.get("options", [])}
        return [
            {"id": by_id[i]["id"], "name": by_id[i]["name"], "color": by_id[i]["color"]}
            for i in value or []
            if i in by_id
        ]
    if kind == "people":
        return [user_object(uid, users[uid]) for uid in value or [] if uid in users]
    if kind == "date":
        return dict(value) if value else None
    if kind == "checkbox":
        return bool(value)
    if kind == "formula":
        if not value:
            return formula_result(None, prop.config.get("_result"))
        inner = value.get(value.get("type"))
        return {**value, value["type"]: dict(inner)} if isinstance(inner, Mapping) else dict(value)
    if kind == "created_time":
        return iso_minute(page.created_ms)
    if kind == "last_edited_time":
        return iso_minute(page.edited_ms)
    if kind in ("created_by", "last_edited_by"):
        uid = page.created_by if kind == "created_by" else page.edited_by
        return user_object(uid, users[uid]) if uid in users else {"object": "user", "id": uid}
    return value
