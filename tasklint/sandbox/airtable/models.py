"""Airtable backend: bases, tables, fields, views, records and users in SQLite.

One ``AirtableBackend`` holds every base of a sandbox. Its public methods are named
after the API actions (``list_records``, ``create_records``, ``update_records``,
``get_base_schema``, ``create_field`` …), take plain Python values and return the JSON
the API would send; they raise ``tasklint.sandbox.airtable.errors`` classes, never HTTP
responses. The routes module is the only caller that knows about HTTP.

Cell JSON follows the Airtable field model (https://airtable.com/developers/web/api/field-model):
percent is a fraction, dates ``"2025-06-01"``, dateTimes UTC ``"…T08:00:00.000Z"``,
collaborators ``{id, email, name}``, checkbox ``true`` or absent, empty values absent.

State lives in SQLite (``:memory:`` or a file) behind one re-entrant lock, because the
server's event-loop thread and a test's thread both call in. List-records iterators are
kept in memory only: like Airtable's, they do not survive a restart.
"""

from __future__ import annotations

import functools
import importlib
import json
import re
import secrets
import sqlite3
import string
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from tasklint.sandbox.airtable import errors

__all__ = [
    "COMPUTED_TYPES",
    "FIELD_TYPES",
    "AirtableBackend",
    "FieldSpec",
    "TableSpec",
    "ViewSpec",
    "new_id",
]

_ALPHABET = string.ascii_letters + string.digits

TEXT_TYPES = frozenset(
    {"singleLineText", "multilineText", "richText", "email", "url", "phoneNumber"}
)
NUMBER_TYPES = frozenset({"number", "percent", "currency"})
# aiText: Airtable's AI writes it; the field model gives its cell as read-only
COMPUTED_TYPES = frozenset({"createdTime", "lastModifiedTime", "formula", "autoNumber", "aiText"})
FIELD_TYPES = (
    TEXT_TYPES
    | NUMBER_TYPES
    | COMPUTED_TYPES
    | {
        "checkbox",
        "date",
        "dateTime",
        "singleSelect",
        "multipleSelects",
        "singleCollaborator",
        "multipleCollaborators",
        "barcode",
    }
)
# Types the Web API cannot create (field model page: read-only through the API).
_NOT_CREATABLE = COMPUTED_TYPES

_CHOICE_COLORS = (
    "blueLight2",
    "cyanLight2",
    "tealLight2",
    "greenLight2",
    "yellowLight2",
    "orangeLight2",
    "redLight2",
    "pinkLight2",
    "purpleLight2",
    "grayLight2",
)

_OFFSET_RE = re.compile(r"^(itr[A-Za-z0-9]{14})/(rec[A-Za-z0-9]{14})$")
_DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_LOOSE_DATE_RE = re.compile(r"^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})$")
_FORMULA_REF_RE = re.compile(r"\{([^{}]+)\}")

P = ParamSpec("P")
R = TypeVar("R")


def new_id(prefix: str) -> str:
    """An Airtable-style id: a three-letter prefix and 14 letters or digits."""
    return prefix + "".join(secrets.choice(_ALPHABET) for _ in range(14))


def iso(moment: datetime) -> str:
    """UTC, millisecond precision, ``Z`` suffix — Airtable's timestamp format."""
    moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def parse_iso(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


# ---------------------------------------------------------------------------------------
# Schema objects handed out to callers (and to the formula compiler).


@dataclass(frozen=True)
class FieldSpec:
    """One field of a table, as the meta API describes it."""

    id: str
    name: str
    type: str
    options: Mapping[str, Any] | None = None
    description: str | None = None

    @property
    def computed(self) -> bool:
        return self.type in COMPUTED_TYPES

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "name": self.name, "type": self.type}
        if self.description:
            out["description"] = self.description
        if self.options is not None:
            out["options"] = json.loads(json.dumps(self.options))
        return out


@dataclass(frozen=True)
class ViewSpec:
    """A view: Airtable's grid view, optionally stored as a filter formula and a sort.

    The sandbox keeps a view's filter as formula text (evaluated by the same compiler as
    ``filterByFormula``) and its sort as ``[{"field": name-or-id, "direction"}]``.
    """

    id: str
    name: str
    type: str = "grid"
    formula: str | None = None
    sort: tuple[Mapping[str, str], ...] = ()


@dataclass(frozen=True)
class TableSpec:
    id: str
    base_id: str
    name: str
    primary_field_id: str
    fields: tuple[FieldSpec, ...]
    views: tuple[ViewSpec, ...]
    description: str | None = None

    def field(self, ref: str) -> FieldSpec | None:
        """A field by id, else by exact name (Airtable matches names exactly)."""
        for f in self.fields:
            if f.id == ref:
                return f
        for f in self.fields:
            if f.name == ref:
                return f
        return None

    def view(self, ref: str) -> ViewSpec | None:
        for v in self.views:
            if v.id == ref:
                return v
        for v in self.views:
            if v.name == ref:
                return v
        return None


@dataclass
class _Record:
    id: str
    seq: int
    created_time: str
    cells: dict[str, Any]
    mtimes: dict[str, str]
    modified_time: str


@dataclass
class _Iterator:
    id: str
    table_id: str
    record_ids: list[str]
    last_used: float = field(default_factory=time.monotonic)


def _locked(method: Callable[P, R]) -> Callable[P, R]:
    @functools.wraps(method)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        self = args[0]
        with self._lock:  # type: ignore[attr-defined]
            return method(*args, **kwargs)

    return wrapper


_SCHEMA = """
CREATE TABLE IF NOT EXISTS bases (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, position INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS tables (
    id TEXT PRIMARY KEY, base_id TEXT NOT NULL, name TEXT NOT NULL, description TEXT,
    primary_field_id TEXT, position INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS fields (
    id TEXT PRIMARY KEY, table_id TEXT NOT NULL, name TEXT NOT NULL, type TEXT NOT NULL,
    description TEXT, options TEXT, position INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS views (
    id TEXT PRIMARY KEY, table_id TEXT NOT NULL, name TEXT NOT NULL, type TEXT NOT NULL,
    formula TEXT, sort TEXT NOT NULL, position INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS records (
    id TEXT PRIMARY KEY, table_id TEXT NOT NULL, seq INTEGER NOT NULL,
    created_time TEXT NOT NULL, cells TEXT NOT NULL, mtimes TEXT NOT NULL,
    modified_time TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS records_by_table ON records (table_id, seq);
CREATE TABLE IF NOT EXISTS users (
    id TEXT PRIMARY KEY, email TEXT NOT NULL UNIQUE, name TEXT NOT NULL);
"""


class AirtableBackend:
    """Every base of one sandbox, with the Airtable actions the API exposes.

    ``path`` is ``None`` (or ``":memory:"``) for a throwaway database, or a file that
    keeps the sandbox across restarts. ``iterator_ttl`` is how long (seconds) an unused
    list-records iterator lives before its offset answers 422
    ``LIST_RECORDS_ITERATOR_NOT_AVAILABLE``; Airtable does not publish its own figure.
    ``clock`` returns the current time (aware); tests may pass their own.
    """

    def __init__(
        self,
        path: str | Path | None = None,
        *,
        iterator_ttl: float = 300.0,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self._lock = threading.RLock()
        target = ":memory:" if path is None else str(path)
        self._db = sqlite3.connect(target, check_same_thread=False, isolation_level=None)
        if target != ":memory:":
            self._db.execute("PRAGMA journal_mode=WAL")
        self._db.executescript(_SCHEMA)
        self.iterator_ttl = iterator_ttl
        self._clock = clock or (lambda: datetime.now(UTC))
        self._last_now: datetime | None = None
        self._iterators: dict[str, _Iterator] = {}
        self._schema_cache: dict[str, TableSpec] = {}

    # -- housekeeping ---------------------------------------------------------------

    @_locked
    def close(self) -> None:
        self._db.close()

    @_locked
    def reset(self) -> None:
        """Forget every base, table, record and user (the control endpoint's reset)."""
        for table in ("bases", "tables", "fields", "views", "records", "users"):
            self._db.execute(f"DELETE FROM {table}")
        self._iterators.clear()
        self._schema_cache.clear()

    def _now(self) -> datetime:
        """The clock, made strictly increasing by at least a millisecond per call.

        Two edits in the same millisecond would otherwise leave a lastModifiedTime
        unchanged, which no real table shows.
        """
        now = self._clock().astimezone(UTC)
        now = now.replace(microsecond=(now.microsecond // 1000) * 1000)
        if self._last_now is not None and now <= self._last_now:
            now = self._last_now + timedelta(milliseconds=1)
        self._last_now = now
        return now

    # -- bases and tables -----------------------------------------------------------

    @_locked
    def create_base(self, name: str, *, base_id: str | None = None) -> str:
        base_id = base_id or new_id("app")
        (position,) = self._db.execute("SELECT COUNT(*) FROM bases").fetchone()
        self._db.execute(
            "INSERT INTO bases (id, name, position) VALUES (?, ?, ?)", (base_id, name, position)
        )
        return base_id

    @_locked
    def list_bases(self) -> dict[str, Any]:
        """``GET /v0/meta/bases``."""
        rows = self._db.execute("SELECT id, name FROM bases ORDER BY position").fetchall()
        # permissionLevel values per the "List bases" page; the sandbox token owns all.
        return {"bases": [{"id": r[0], "name": r[1], "permissionLevel": "create"} for r in rows]}

    @_locked
    def has_bases(self) -> bool:
        return self._db.execute("SELECT 1 FROM bases LIMIT 1").fetchone() is not None

    @_locked
    def info(self) -> list[dict[str, Any]]:
        """Bases and their tables, for the control endpoint."""
        out = []
        for base_id, name in self._db.execute("SELECT id, name FROM bases ORDER BY position"):
            tables = self._db.execute(
                "SELECT id, name FROM tables WHERE base_id = ? ORDER BY position", (base_id,)
            ).fetchall()
            out.append(
                {"id": base_id, "name": name, "tables": [{"id": t, "name": n} for t, n in tables]}
            )
        return out

    @_locked
    def create_table(
        self,
        base_id: str,
        name: str,
        fields: Sequence[Mapping[str, Any]],
        *,
        description: str | None = None,
    ) -> TableSpec:
        """Create a table from field definitions in the meta API's shape.

        Each definition is ``{"name", "type", "options"?, "description"?}``; the first
        is the primary field. Unlike the public API, computed types (formula,
        createdTime, lastModifiedTime, autoNumber) are accepted here: this is how seeds
        build realistic tables. A lastModifiedTime's ``referencedFieldIds`` and a
        formula's ``{Name}`` references may name fields of the same call.
        """
        self._base_row(base_id)
        if not fields:
            raise errors.InvalidRequestUnknown("A table needs at least one field")
        name = name.strip()
        existing = self._db.execute(
            "SELECT 1 FROM tables WHERE base_id = ? AND name = ?", (base_id, name)
        ).fetchone()
        if not name or existing:
            raise errors.InvalidRequestUnknown(f'Table name "{name}" is empty or already used')
        table_id = new_id("tbl")
        (position,) = self._db.execute(
            "SELECT COUNT(*) FROM tables WHERE base_id = ?", (base_id,)
        ).fetchone()
        ids = {spec["name"]: new_id("fld") for spec in fields}
        if len(ids) != len(fields):
            raise errors.DuplicateOrEmptyFieldName("Field names must be unique")
        self._db.execute("BEGIN")
        try:
            self._db.execute(
                "INSERT INTO tables (id, base_id, name, description, primary_field_id, position)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (table_id, base_id, name, description, ids[fields[0]["name"]], position),
            )
            for index, spec in enumerate(fields):
                ftype = spec["type"]
                if ftype not in FIELD_TYPES:
                    raise errors.InvalidRequestUnknown(f"Unsupported field type: {ftype}")
                options = _default_options(ftype, spec.get("options"), ids)
                self._db.execute(
                    "INSERT INTO fields (id, table_id, name, type, description, options, position)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (
                        ids[spec["name"]],
                        table_id,
                        spec["name"],
                        ftype,
                        spec.get("description"),
                        None if options is None else json.dumps(options, ensure_ascii=False),
                        index,
                    ),
                )
            self._db.execute(
                "INSERT INTO views (id, table_id, name, type, formula, sort, position)"
                " VALUES (?, ?, 'Grid view', 'grid', NULL, '[]', 0)",
                (new_id("viw"), table_id),
            )
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        return self._table(base_id, table_id)

    @_locked
    def create_table_from_plan(self, base_id: str, section: Mapping[str, Any]) -> TableSpec:
        """Create a table from one section of the neutral plan format and fill it.

        ``section`` is ``{"table": name, "fields": [...], "rows": [...], "views"?: [...]}``
        where a field is ``{"name", "type", …}`` with, by type: ``options`` (select
        names), ``symbol`` and ``precision`` (currency), ``precision`` (number,
        percent), ``timeZone`` (dateTime), ``fields`` (names a lastModifiedTime
        watches), ``formula`` and ``result`` (formula). Rows hold Airtable cell JSON by
        field name; collaborators as ``{name, email}`` become sandbox users. A formula
        field's stored value comes from the row, as the sandbox computes no formulas.
        A view is ``{"name", "formula"?, "sort"?: [{"field", "direction"}]}``.
        """
        defs: list[dict[str, Any]] = []
        for spec in section["fields"]:
            defs.append(_plan_field(spec))
        names = {d["name"] for d in defs}
        for d in defs:
            watched = d.pop("_watch", None)
            if watched is not None:
                unknown = [n for n in watched if n not in names]
                if unknown:
                    raise errors.UnknownFieldName(f"Unknown field name: {unknown[0]!r}")
                d["options"]["referencedFieldIds"] = list(watched)
        table = self.create_table(
            base_id, section["table"], defs, description=section.get("description")
        )
        rows = list(section.get("rows", []))
        if rows:
            self._insert(table, rows, typecast=True, person=True)
        for view in section.get("views", []):
            self.create_view(
                base_id,
                table.id,
                view["name"],
                formula=view.get("formula"),
                sort=view.get("sort"),
            )
        return self._table(base_id, table.id)

    @_locked
    def create_view(
        self,
        base_id: str,
        table_ref: str,
        name: str,
        *,
        formula: str | None = None,
        sort: Sequence[Mapping[str, str]] | None = None,
    ) -> ViewSpec:
        """Create a grid view stored as a filter formula and a sort (sandbox only).

        The Web API cannot create views; seeds and the control endpoint can.
        """
        table = self._table(base_id, table_ref)
        if table.view(name) is not None:
            raise errors.InvalidRequestUnknown(f'View name "{name}" is already used')
        sort_spec = _normalise_sort(table, sort or [])
        if formula:
            self._compile(table, formula)  # a view's formula must compile now, not later
        view_id = new_id("viw")
        self._db.execute(
            "INSERT INTO views (id, table_id, name, type, formula, sort, position)"
            " VALUES (?, ?, ?, 'grid', ?, ?, ?)",
            (view_id, table.id, name, formula, json.dumps(sort_spec), len(table.views)),
        )
        self._schema_cache.pop(table.id, None)
        return ViewSpec(id=view_id, name=name, formula=formula, sort=tuple(sort_spec))

    # -- meta API -------------------------------------------------------------------

    @_locked
    def get_base_schema(
        self, base_id: str, *, include_visible_field_ids: bool = False
    ) -> dict[str, Any]:
        """``GET /v0/meta/bases/{baseId}/tables``."""
        self._base_row(base_id)
        tables = []
        for (table_id,) in self._db.execute(
            "SELECT id FROM tables WHERE base_id = ? ORDER BY position", (base_id,)
        ).fetchall():
            table = self._table(base_id, table_id)
            tables.append(self._table_schema(table, include_visible_field_ids))
        return {"tables": tables}

    @_locked
    def create_field(
        self,
        base_id: str,
        table_ref: str,
        *,
        name: str,
        type: str,
        description: str | None = None,
        options: Mapping[str, Any] | None = None,
    ) -> dict[str, Any]:
        """``POST /v0/meta/bases/{baseId}/tables/{tableId}/fields``."""
        table = self._table(base_id, table_ref)
        name = (name or "").strip() if isinstance(name, str) else ""
        if not name or any(f.name.casefold() == name.casefold() for f in table.fields):
            raise errors.DuplicateOrEmptyFieldName(
                f'Field name "{name}" is empty or already exists in this table'
            )
        if type in _NOT_CREATABLE:
            raise errors.UnsupportedFieldTypeForCreate(
                f"Field type {type} cannot be created through the API"
            )
        if type not in FIELD_TYPES:
            raise errors.InvalidRequestUnknown(f"Unsupported field type: {type}")
        field_id = new_id("fld")
        opts = _default_options(type, options, {})
        self._db.execute(
            "INSERT INTO fields (id, table_id, name, type, description, options, position)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                field_id,
                table.id,
                name,
                type,
                description,
                None if opts is None else json.dumps(opts, ensure_ascii=False),
                len(table.fields),
            ),
        )
        self._schema_cache.pop(table.id, None)
        created = self._table(base_id, table.id).field(field_id)
        assert created is not None
        return created.schema()

    @_locked
    def update_field(
        self,
        base_id: str,
        table_ref: str,
        field_ref: str,
        *,
        name: str | None = None,
        description: str | None = None,
    ) -> dict[str, Any]:
        """``PATCH /v0/meta/bases/{baseId}/tables/{tableId}/fields/{fieldId}``."""
        table = self._table(base_id, table_ref)
        target = table.field(field_ref)
        if target is None:
            raise errors.InvalidPermissionsOrModelNotFound()
        if name is not None:
            name = name.strip()
            clash = any(
                f.name.casefold() == name.casefold() and f.id != target.id for f in table.fields
            )
            if not name or clash:
                raise errors.DuplicateOrEmptyFieldName(
                    f'Field name "{name}" is empty or already exists in this table'
                )
            self._db.execute("UPDATE fields SET name = ? WHERE id = ?", (name, target.id))
        if description is not None:
            self._db.execute(
                "UPDATE fields SET description = ? WHERE id = ?", (description or None, target.id)
            )
        self._schema_cache.pop(table.id, None)
        updated = self._table(base_id, table.id).field(target.id)
        assert updated is not None
        return updated.schema()

    # -- records: read --------------------------------------------------------------

    @_locked
    def list_records(
        self,
        base_id: str,
        table_ref: str,
        *,
        page_size: int | None = None,
        offset: str | None = None,
        fields: Sequence[str] | None = None,
        view: str | None = None,
        sort: Sequence[Mapping[str, str]] | None = None,
        formula: str | None = None,
        by_field_id: bool = False,
        max_records: int | None = None,
        cell_format: str | None = None,
        record_metadata: Sequence[str] | None = None,
    ) -> dict[str, Any]:
        """``GET /v0/{baseId}/{tableIdOrName}`` and ``POST …/listRecords``."""
        table = self._table(base_id, table_ref)
        if cell_format not in (None, "json"):
            # cellFormat=string needs timeZone/userLocale rendering the sandbox lacks.
            raise errors.InvalidRequestUnknown("The sandbox supports cellFormat=json only")
        size = 100 if page_size is None else page_size
        if not 1 <= size <= 100:
            # Airtable's documented range is 1..100; the body it sends is unconfirmed.
            raise errors.InvalidRequestUnknown(
                "Invalid request: parameter validation failed. Check your request data."
            )
        wanted = _resolve_fields(table, fields) if fields else None

        if offset:
            iterator, start = self._resume(table, offset)
            record_ids = iterator.record_ids
        else:
            record_ids = self._select(table, view=view, sort=sort, formula=formula)
            if max_records is not None and max_records >= 0:
                record_ids = record_ids[:max_records]
            start = 0
            iterator = None

        page_ids = record_ids[start : start + size]
        out: dict[str, Any] = {}
        if start + size < len(record_ids):
            if iterator is None:
                iterator = self._new_iterator(table, record_ids)
            out["offset"] = f"{iterator.id}/{record_ids[start + size]}"
        records = self._load(table, page_ids)
        users = self._users()
        with_comments = bool(record_metadata and "commentCount" in record_metadata)
        out["records"] = [
            self._record_json(table, r, users, wanted=wanted, by_field_id=by_field_id)
            | ({"commentCount": 0} if with_comments else {})
            for r in records
        ]
        # Airtable puts "records" first; keep that order for readers of raw bodies.
        return {"records": out["records"], **({"offset": out["offset"]} if "offset" in out else {})}

    @_locked
    def get_record(
        self, base_id: str, table_ref: str, record_id: str, *, by_field_id: bool = False
    ) -> dict[str, Any]:
        """``GET /v0/{baseId}/{tableIdOrName}/{recordId}``."""
        table = self._table(base_id, table_ref)
        found = self._load(table, [record_id])
        if not found:
            raise errors.ModelIdNotFound()
        return self._record_json(table, found[0], self._users(), by_field_id=by_field_id)

    # -- records: write -------------------------------------------------------------

    @_locked
    def create_records(
        self,
        base_id: str,
        table_ref: str,
        records: Sequence[Mapping[str, Any]],
        *,
        typecast: bool = False,
        by_field_id: bool = False,
    ) -> list[dict[str, Any]]:
        """``POST /v0/{baseId}/{tableIdOrName}``: each item is a ``fields`` mapping."""
        table = self._table(base_id, table_ref)
        _check_batch(records)
        created = self._insert(table, list(records), typecast=typecast, person=False)
        users = self._users()
        return [self._record_json(table, r, users, by_field_id=by_field_id) for r in created]

    @_locked
    def update_records(
        self,
        base_id: str,
        table_ref: str,
        updates: Sequence[tuple[str, Mapping[str, Any]]],
        *,
        replace: bool = False,
        typecast: bool = False,
        by_field_id: bool = False,
    ) -> list[dict[str, Any]]:
        """``PATCH``/``PUT /v0/{baseId}/{tableIdOrName}`` (and the single-record form).

        PATCH (``replace=False``) changes only the fields sent; PUT clears every other
        editable field. Computed fields are never touched. The batch is validated as a
        whole before anything is written.
        """
        table = self._table(base_id, table_ref)
        _check_batch(updates)
        updated = self._apply(table, updates, replace=replace, typecast=typecast, person=False)
        users = self._users()
        return [self._record_json(table, r, users, by_field_id=by_field_id) for r in updated]

    @_locked
    def upsert_records(
        self,
        base_id: str,
        table_ref: str,
        records: Sequence[tuple[str | None, Mapping[str, Any]]],
        merge_on: Sequence[str],
        *,
        replace: bool = False,
        typecast: bool = False,
        by_field_id: bool = False,
    ) -> dict[str, Any]:
        """``PATCH``/``PUT`` with ``performUpsert: {fieldsToMergeOn}`` ("Update multiple
        records"): a record with an ``id`` is updated by id; one without is matched on
        the merge fields' values: no match creates it, one match updates it, more than
        one fails the request. Answers ``{records, createdRecords, updatedRecords}``.

        The reference allows 1 to 3 merge fields, which must not be computed. The error
        types for a bad merge field list and for several matches are not shown there:
        the sandbox answers 422 INVALID_REQUEST_UNKNOWN.
        """
        table = self._table(base_id, table_ref)
        _check_batch(records)
        if (
            not isinstance(merge_on, Sequence)
            or isinstance(merge_on, str)
            or not 1 <= len(merge_on) <= 3
        ):
            raise errors.InvalidRequestUnknown(
                "performUpsert.fieldsToMergeOn must name 1 to 3 fields"
            )
        keys: list[FieldSpec] = []
        for ref in merge_on:
            spec = table.field(str(ref))
            if spec is None:
                raise errors.UnknownFieldName(f'Unknown field name: "{ref}"')
            if spec.computed:
                raise errors.InvalidRequestUnknown(
                    f'Field "{spec.name}" is computed and cannot be used in fieldsToMergeOn'
                )
            keys.append(spec)
        existing = self._load(table)
        plan: list[tuple[str, str | None, Mapping[str, Any]]] = []  # (action, id, fields)
        seen: set[tuple[Any, ...]] = set()
        for record_id, fields in records:
            if not isinstance(fields, Mapping):
                raise errors.InvalidRecords()
            if record_id is not None:
                plan.append(("update", record_id, fields))
                continue
            cells = self._prepare(table, fields, typecast, False, {})
            values = tuple(cells.get(k.id) for k in keys)
            if any(v is None for v in values):
                raise errors.InvalidRequestUnknown(
                    "Each record must have a value for every field in fieldsToMergeOn"
                )
            key = tuple(json.dumps(v, sort_keys=True) for v in values)
            if key in seen:
                raise errors.InvalidRequestUnknown(
                    "Two records of the request have the same fieldsToMergeOn values"
                )
            seen.add(key)
            matches = [
                r
                for r in existing
                if all(r.cells.get(k.id) == v for k, v in zip(keys, values, strict=True))
            ]
            if len(matches) > 1:
                raise errors.InvalidRequestUnknown(
                    "More than one record matches the fieldsToMergeOn values"
                )
            if matches:
                plan.append(("update", matches[0].id, fields))
            else:
                plan.append(("create", None, fields))
        updates = [(rid, fields) for action, rid, fields in plan if action == "update" and rid]
        creates = [fields for action, _, fields in plan if action == "create"]
        updated = (
            self._apply(table, updates, replace=replace, typecast=typecast, person=False)
            if updates
            else []
        )
        created = self._insert(table, creates, typecast=typecast, person=False) if creates else []
        by_id = {r.id: r for r in updated}
        new = iter(created)
        ordered = [
            by_id[rid] if action == "update" and rid else next(new) for action, rid, _ in plan
        ]
        users = self._users()
        return {
            "records": [
                self._record_json(table, r, users, by_field_id=by_field_id) for r in ordered
            ],
            "createdRecords": [r.id for r in created],
            "updatedRecords": [r.id for r in updated],
        }

    @_locked
    def create_table_api(
        self, base_id: str, name: Any, fields: Any, *, description: Any = None
    ) -> dict[str, Any]:
        """``POST /v0/meta/bases/{baseId}/tables``: the table model of the new table.
        Unlike ``create_table`` (for seeds), computed field types are refused, as the
        field model page says of the Web API."""
        if not isinstance(name, str) or not isinstance(fields, list) or not fields:
            raise errors.InvalidRequestUnknown("A table needs a name and at least one field")
        for spec in fields:
            if not isinstance(spec, Mapping) or not isinstance(spec.get("name"), str):
                raise errors.InvalidRequestUnknown("Each field needs a name and a type")
            if spec.get("type") in _NOT_CREATABLE:
                raise errors.UnsupportedFieldTypeForCreate(
                    f"Field type {spec.get('type')} cannot be created through the API"
                )
        table = self.create_table(
            base_id,
            name,
            [dict(spec) for spec in fields],
            description=description if isinstance(description, str) else None,
        )
        return self._table_schema(table, False)

    @_locked
    def delete_records(
        self, base_id: str, table_ref: str, record_ids: Sequence[str]
    ) -> list[dict[str, Any]]:
        """``DELETE /v0/{baseId}/{tableIdOrName}`` (``records[]``) and the single form."""
        table = self._table(base_id, table_ref)
        _check_batch(record_ids)
        found = {r.id for r in self._load(table, record_ids)}
        for rid in record_ids:
            if rid not in found:
                raise errors.ModelIdNotFound()
        for rid in record_ids:
            self._db.execute("DELETE FROM records WHERE id = ?", (rid,))
        return [{"id": rid, "deleted": True} for rid in record_ids]

    @_locked
    def edit_record(
        self,
        base_id: str,
        table_ref: str,
        record_id: str,
        fields: Mapping[str, Any],
    ) -> dict[str, Any]:
        """A person's edit in the Airtable UI (the control endpoint's ``edit``).

        Like a PATCH with typecast, except that formula fields may be given their
        (stored) value and collaborators may name people the base has not seen yet.
        It moves the lastModifiedTime of the fields it changes, like any edit.
        """
        table = self._table(base_id, table_ref)
        updated = self._apply(
            table, [(record_id, fields)], replace=False, typecast=True, person=True
        )
        return self._record_json(table, updated[0], self._users())

    @_locked
    def ensure_user(self, name: str, email: str) -> str:
        """The id of the sandbox user with this email, created on first sight."""
        row = self._db.execute("SELECT id FROM users WHERE email = ?", (email,)).fetchone()
        if row:
            return str(row[0])
        user_id = new_id("usr")
        self._db.execute(
            "INSERT INTO users (id, email, name) VALUES (?, ?, ?)", (user_id, email, name)
        )
        return user_id

    @_locked
    def resolve_table(self, base_id: str, table_ref: str) -> TableSpec:
        """The table's schema object (403 error if the base or table is unknown)."""
        return self._table(base_id, table_ref)

    @_locked
    def resolve_base(self, ref: str) -> str:
        """A base id from its id or its name."""
        row = self._db.execute(
            "SELECT id FROM bases WHERE id = ? OR name = ? ORDER BY position", (ref, ref)
        ).fetchone()
        if row is None:
            raise errors.InvalidPermissionsOrModelNotFound()
        return str(row[0])

    # -- internals: schema ----------------------------------------------------------

    def _base_row(self, base_id: str) -> tuple[str, str]:
        row = self._db.execute("SELECT id, name FROM bases WHERE id = ?", (base_id,)).fetchone()
        if row is None:
            raise errors.InvalidPermissionsOrModelNotFound()
        return row[0], row[1]

    def _table(self, base_id: str, table_ref: str) -> TableSpec:
        self._base_row(base_id)
        row = self._db.execute(
            "SELECT id, name, description, primary_field_id FROM tables"
            " WHERE base_id = ? AND (id = ? OR name = ?) ORDER BY id = ? DESC LIMIT 1",
            (base_id, table_ref, table_ref, table_ref),
        ).fetchone()
        if row is None:
            raise errors.InvalidPermissionsOrModelNotFound()
        table_id = row[0]
        cached = self._schema_cache.get(table_id)
        if cached is not None:
            return cached
        fields = tuple(
            FieldSpec(
                id=f[0],
                name=f[1],
                type=f[2],
                description=f[3],
                options=None if f[4] is None else json.loads(f[4]),
            )
            for f in self._db.execute(
                "SELECT id, name, type, description, options FROM fields"
                " WHERE table_id = ? ORDER BY position",
                (table_id,),
            )
        )
        views = tuple(
            ViewSpec(id=v[0], name=v[1], type=v[2], formula=v[3], sort=tuple(json.loads(v[4])))
            for v in self._db.execute(
                "SELECT id, name, type, formula, sort FROM views WHERE table_id = ?"
                " ORDER BY position",
                (table_id,),
            )
        )
        spec = TableSpec(
            id=table_id,
            base_id=base_id,
            name=row[1],
            description=row[2],
            primary_field_id=row[3],
            fields=fields,
            views=views,
        )
        self._schema_cache[table_id] = spec
        return spec

    def _table_schema(self, table: TableSpec, visible: bool) -> dict[str, Any]:
        out: dict[str, Any] = {"id": table.id, "name": table.name}
        if table.description:
            out["description"] = table.description
        out["primaryFieldId"] = table.primary_field_id
        out["fields"] = [f.schema() for f in table.fields]
        views = []
        for v in table.views:
            item: dict[str, Any] = {"id": v.id, "name": v.name, "type": v.type}
            if visible and v.type == "grid":
                item["visibleFieldIds"] = [f.id for f in table.fields]
            views.append(item)
        out["views"] = views
        return out

    def _set_options(self, table: TableSpec, field_id: str, options: Mapping[str, Any]) -> None:
        self._db.execute(
            "UPDATE fields SET options = ? WHERE id = ?",
            (json.dumps(options, ensure_ascii=False), field_id),
        )
        self._schema_cache.pop(table.id, None)

    # -- internals: records ---------------------------------------------------------

    def _users(self) -> dict[str, dict[str, str]]:
        return {
            r[0]: {"id": r[0], "email": r[1], "name": r[2]}
            for r in self._db.execute("SELECT id, email, name FROM users")
        }

    def _load(self, table: TableSpec, record_ids: Sequence[str] | None = None) -> list[_Record]:
        query = (
            "SELECT id, seq, created_time, cells, mtimes, modified_time FROM records"
            " WHERE table_id = ?"
        )
        if record_ids is None:
            rows = self._db.execute(query + " ORDER BY seq", (table.id,)).fetchall()
        else:
            if not record_ids:
                return []
            marks = ",".join("?" * len(record_ids))
            found = {
                r[0]: r
                for r in self._db.execute(query + f" AND id IN ({marks})", (table.id, *record_ids))
            }
            rows = [found[i] for i in record_ids if i in found]
        return [
            _Record(
                id=r[0],
                seq=r[1],
                created_time=r[2],
                cells=json.loads(r[3]),
                mtimes=json.loads(r[4]),
                modified_time=r[5],
            )
            for r in rows
        ]

    def _save(self, table: TableSpec, record: _Record, *, new: bool) -> None:
        cells = json.dumps(record.cells, ensure_ascii=False)
        mtimes = json.dumps(record.mtimes)
        if new:
            self._db.execute(
                "INSERT INTO records (id, table_id, seq, created_time, cells, mtimes,"
                " modified_time) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    record.id,
                    table.id,
                    record.seq,
                    record.created_time,
                    cells,
                    mtimes,
                    record.modified_time,
                ),
            )
        else:
            self._db.execute(
                "UPDATE records SET cells = ?, mtimes = ?, modified_time = ? WHERE id = ?",
                (cells, mtimes, record.modified_time, record.id),
            )

    def _insert(
        self,
        table: TableSpec,
        rows: list[Mapping[str, Any]],
        *,
        typecast: bool,
        person: bool,
    ) -> list[_Record]:
        prepared = []
        new_choices: dict[str, list[str]] = {}
        for fields in rows:
            if not isinstance(fields, Mapping):
                raise errors.InvalidRecords()
            prepared.append(self._prepare(table, fields, typecast, person, new_choices))
        self._db.execute("BEGIN")
        try:
            table = self._commit_choices(table, new_choices)
            (last_seq,) = self._db.execute(
                "SELECT COALESCE(MAX(seq), 0) FROM records WHERE table_id = ?", (table.id,)
            ).fetchone()
            created = []
            for offset_, cells in enumerate(prepared, start=1):
                now = iso(self._now())
                kept = {k: v for k, v in cells.items() if v is not None}
                record = _Record(
                    id=new_id("rec"),
                    seq=last_seq + offset_,
                    created_time=now,
                    cells=kept,
                    mtimes=dict.fromkeys(kept, now),
                    modified_time=now,
                )
                self._save(table, record, new=True)
                created.append(record)
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        return created

    def _apply(
        self,
        table: TableSpec,
        updates: Sequence[tuple[str, Mapping[str, Any]]],
        *,
        replace: bool,
        typecast: bool,
        person: bool,
    ) -> list[_Record]:
        ids = [rid for rid, _ in updates]
        existing = {r.id: r for r in self._load(table, ids)}
        new_choices: dict[str, list[str]] = {}
        prepared = []
        for rid, fields in updates:
            if rid not in existing:
                # Unknown id in an update: 404 MODEL_ID_NOT_FOUND, as for GET (the
                # update pages show no example; unconfirmed for the batch form).
                raise errors.ModelIdNotFound(f"Record not found: {rid}")
            if not isinstance(fields, Mapping):
                raise errors.InvalidRecords()
            prepared.append((rid, self._prepare(table, fields, typecast, person, new_choices)))
        self._db.execute("BEGIN")
        try:
            table = self._commit_choices(table, new_choices)
            out = []
            for rid, cells in prepared:
                record = existing[rid]
                target = dict(cells)
                if replace:
                    for f in table.fields:
                        if not f.computed and f.id not in target:
                            target[f.id] = None
                now_dt = self._now()
                now = iso(now_dt)
                changed = False
                for fid, value in target.items():
                    old = record.cells.get(fid)
                    if value == old:
                        continue
                    changed = True
                    if value is None:
                        record.cells.pop(fid, None)
                    else:
                        record.cells[fid] = value
                    record.mtimes[fid] = now
                if changed:
                    record.modified_time = now
                    self._save(table, record, new=False)
                out.append(record)
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        return out

    def _commit_choices(self, table: TableSpec, new_choices: Mapping[str, list[str]]) -> TableSpec:
        if not new_choices:
            return table
        for fid, names in new_choices.items():
            spec = table.field(fid)
            assert spec is not None
            options = dict(spec.options or {})
            choices = list(options.get("choices", []))
            for name in names:
                choices.append(
                    {
                        "id": new_id("sel"),
                        "name": name,
                        "color": _CHOICE_COLORS[len(choices) % len(_CHOICE_COLORS)],
                    }
                )
            options["choices"] = choices
            self._set_options(table, fid, options)
        return self._table(table.base_id, table.id)

    def _prepare(
        self,
        table: TableSpec,
        fields: Mapping[str, Any],
        typecast: bool,
        person: bool,
        new_choices: dict[str, list[str]],
    ) -> dict[str, Any]:
        """Validate one record's ``fields`` and convert them to stored cells."""
        out: dict[str, Any] = {}
        for key, value in fields.items():
            spec = table.field(key)
            if spec is None:
                raise errors.UnknownFieldName(f'Unknown field name: "{key}"')
            if spec.computed and not (person and spec.type in ("formula", "aiText")):
                raise errors.InvalidValueForColumn(
                    f'Field "{spec.name}" cannot accept a value because the field is computed'
                )
            out[spec.id] = self._convert(spec, value, typecast, person, new_choices)
        return out

    def _convert(
        self,
        spec: FieldSpec,
        value: Any,
        typecast: bool,
        person: bool,
        new_choices: dict[str, list[str]],
    ) -> Any:
        """One cell value in API JSON -> its stored form (``None`` clears the cell)."""
        if value is None:
            return None
        kind = spec.type

        def bad() -> errors.InvalidValueForColumn:
            return errors.InvalidValueForColumn(
                f'Field "{spec.name}" cannot accept the provided value'
            )

        if kind in TEXT_TYPES:
            if isinstance(value, str):
                return value or None
            if typecast and isinstance(value, int | float) and not isinstance(value, bool):
                return str(value)
            raise bad()
        if kind in NUMBER_TYPES:
            if isinstance(value, int | float) and not isinstance(value, bool):
                return value
            if typecast and isinstance(value, str):
                parsed = _typecast_number(value, percent=kind == "percent")
                if parsed is not None:
                    return parsed
            raise bad()
        if kind == "checkbox":
            if isinstance(value, bool):
                return True if value else None
            if typecast and isinstance(value, str):
                truthy = value.strip().lower() in {"true", "1", "yes", "checked", "x"}
                return True if truthy else None
            raise bad()
        if kind == "date":
            parsed_date = _parse_date(value, loose=typecast)
            if parsed_date is None:
                raise errors.InvalidValueForColumn(
                    f'Cannot parse date value "{value}" for field {spec.name}'
                )
            return parsed_date
        if kind == "dateTime":
            parsed_dt = _parse_datetime(value, loose=typecast)
            if parsed_dt is None:
                raise errors.InvalidValueForColumn(
                    f'Cannot parse date value "{value}" for field {spec.name}'
                )
            return parsed_dt
        if kind in ("singleSelect", "multipleSelects"):
            items: list[Any]
            if kind == "singleSelect":
                if not isinstance(value, str):
                    raise bad()
                items = [value] if value else []
            else:
                if typecast and isinstance(value, str):
                    items = [v.strip() for v in value.split(",") if v.strip()]
                elif isinstance(value, list) and all(isinstance(v, str) for v in value):
                    items = list(value)
                else:
                    raise bad()
            known = [c["name"] for c in (spec.options or {}).get("choices", [])]
            pending = new_choices.setdefault(spec.id, [])
            for item in items:
                if item in known or item in pending:
                    continue
                if not typecast:
                    if not pending:
                        new_choices.pop(spec.id, None)
                    raise errors.InvalidMultipleChoiceOptions(
                        f'Insufficient permissions to create new select option ""{item}""'
                    )
                pending.append(item)
            if not pending:
                new_choices.pop(spec.id, None)
            if kind == "singleSelect":
                return items[0] if items else None
            return items or None
        if kind in ("singleCollaborator", "multipleCollaborators"):
            people = value if kind == "multipleCollaborators" else [value]
            if not isinstance(people, list):
                raise bad()
            ids = [self._collaborator(spec, p, person) for p in people]
            if kind == "singleCollaborator":
                return ids[0]
            return ids or None
        if kind == "formula":
            # Only reachable for a person's edit or a seed: the stored result, as is.
            return value if value not in ("", [], {}) else None
        if kind == "aiText":
            # A seed's, as the AI would leave it: {"state", "isStale", "value",
            # "errorType"?} (pyairtable's AITextDict; the field model's "AI Text")
            if not isinstance(value, Mapping) or not isinstance(value.get("state"), str):
                raise bad()
            return dict(value)
        if kind == "barcode":
            # {"text", "type"?} (the field model's "Barcode"; pyairtable's BarcodeDict)
            if not isinstance(value, Mapping) or not isinstance(value.get("text"), str):
                raise bad()
            return {k: value[k] for k in ("text", "type") if isinstance(value.get(k), str)}
        raise bad()

    def _collaborator(self, spec: FieldSpec, value: Any, person: bool) -> str:
        """A collaborator cell item (``{id}`` or ``{email}``) -> a sandbox user id.

        The API accepts only people the base knows; a person's edit or a seed may name a
        new one (by email), who becomes a sandbox user on the spot.
        """
        if not isinstance(value, Mapping):
            raise errors.InvalidValueForColumn(
                f'Field "{spec.name}" cannot accept the provided value'
            )
        user_id = value.get("id")
        email = value.get("email")
        if user_id:
            row = self._db.execute("SELECT id FROM users WHERE id = ?", (user_id,)).fetchone()
            if row:
                return str(row[0])
        if email:
            row = self._db.execute("SELECT id FROM users WHERE email = ?", (email,)).fetchone()
            if row:
                return str(row[0])
            if person:
                return self.ensure_user(str(value.get("name") or email.split("@")[0]), email)
        raise errors.InvalidValueForColumn(
            f'Field "{spec.name}" cannot accept the provided value: unknown collaborator'
        )

    def _record_json(
        self,
        table: TableSpec,
        record: _Record,
        users: Mapping[str, Mapping[str, str]],
        *,
        wanted: set[str] | None = None,
        by_field_id: bool = False,
    ) -> dict[str, Any]:
        cells: dict[str, Any] = {}
        for spec in table.fields:
            if wanted is not None and spec.id not in wanted:
                continue
            value = self._cell(spec, record, users)
            if value is None or value == "" or value == [] or value is False:
                continue
            cells[spec.id if by_field_id else spec.name] = value
        return {"id": record.id, "createdTime": record.created_time, "fields": cells}

    def _cell(
        self, spec: FieldSpec, record: _Record, users: Mapping[str, Mapping[str, str]]
    ) -> Any:
        kind = spec.type
        if kind == "createdTime":
            return record.created_time
        if kind == "autoNumber":
            return record.seq
        if kind == "lastModifiedTime":
            refs = list((spec.options or {}).get("referencedFieldIds") or [])
            if not refs:
                return record.modified_time
            times = [record.mtimes[r] for r in refs if r in record.mtimes]
            return max(times) if times else None
        value = record.cells.get(spec.id)
        if value is None:
            return None
        if kind == "singleCollaborator":
            return self._user_json(value, users)
        if kind == "multipleCollaborators":
            return [u for u in (self._user_json(v, users) for v in value) if u]
        if isinstance(value, list | dict):
            return json.loads(json.dumps(value))
        return value

    def _user_json(self, value: str, users: Mapping[str, Mapping[str, str]]) -> Any:
        user = users.get(value)
        return dict(user) if user else None

    # -- internals: listing ---------------------------------------------------------

    def _select(
        self,
        table: TableSpec,
        *,
        view: str | None,
        sort: Sequence[Mapping[str, str]] | None,
        formula: str | None,
    ) -> list[str]:
        view_spec: ViewSpec | None = None
        if view:
            view_spec = table.view(view)
            if view_spec is None:
                if re.fullmatch(r"viw[A-Za-z0-9]{14}", view):
                    raise errors.ViewIdNotFound(f"Could not find view {view} in table")
                raise errors.ViewNameNotFound(f'Could not find view "{view}" in table')
        predicates = []
        if view_spec is not None and view_spec.formula:
            predicates.append(self._compile(table, view_spec.formula))
        if formula:
            predicates.append(self._compile(table, formula))
        sort_spec: list[dict[str, str]] | None = _normalise_sort(table, sort) if sort else None
        if sort_spec is None and view_spec is not None and view_spec.sort:
            sort_spec = [dict(item) for item in view_spec.sort]
        records = self._load(table)
        users = self._users()
        if predicates:
            kept = []
            for record in records:
                values = self._values_by_name(table, record, users)
                modified = parse_iso(record.modified_time)
                created = parse_iso(record.created_time)
                # A formula that errors for a record leaves it out, as in Airtable (the
                # compiled formula answers False then).
                if all(
                    p(values, modified, record_id=record.id, created_time=created)
                    for p in predicates
                ):
                    kept.append(record)
            records = kept
        if sort_spec:
            records = self._sorted(table, records, sort_spec, users)
        return [r.id for r in records]

    def _values_by_name(
        self, table: TableSpec, record: _Record, users: Mapping[str, Mapping[str, str]]
    ) -> dict[str, Any]:
        values = {}
        for spec in table.fields:
            value = self._cell(spec, record, users)
            if value is None or value == "" or value == [] or value is False:
                continue
            values[spec.name] = value
        return values

    def _sorted(
        self,
        table: TableSpec,
        records: list[_Record],
        sort_spec: Sequence[Mapping[str, str]],
        users: Mapping[str, Mapping[str, str]],
    ) -> list[_Record]:
        ordered = sorted(records, key=lambda r: r.seq)
        for item in reversed(sort_spec):
            spec = table.field(item["field"])
            assert spec is not None
            descending = item.get("direction", "asc") == "desc"

            def key(record: _Record, spec: FieldSpec = spec) -> tuple[Any, ...]:
                return _sort_key(spec, self._cell(spec, record, users))

            ordered.sort(key=key, reverse=descending)
        return ordered

    def _compile(self, table: TableSpec, text: str) -> Any:
        """Compile a filter formula with the Formula helper's module.

        The result is called as ``keep(cells_by_name, last_modified, record_id=…,
        created_time=…)``; a formula outside the supported subset is a 422
        ``INVALID_FILTER_BY_FORMULA``.
        """
        module = _formula_module()
        try:
            return module.compile_formula(text, _FieldLookup(table), now=self._clock())
        except module.FormulaError as exc:
            raise errors.InvalidFilterByFormula(
                f"The formula for filtering records is invalid: {exc}"
            ) from exc

    def _new_iterator(self, table: TableSpec, record_ids: list[str]) -> _Iterator:
        self._expire_iterators()
        iterator = _Iterator(id=new_id("itr"), table_id=table.id, record_ids=record_ids)
        self._iterators[iterator.id] = iterator
        if len(self._iterators) > 1000:
            oldest = min(self._iterators, key=lambda k: self._iterators[k].last_used)
            del self._iterators[oldest]
        return iterator

    def _expire_iterators(self) -> None:
        cutoff = time.monotonic() - self.iterator_ttl
        for key in [k for k, v in self._iterators.items() if v.last_used < cutoff]:
            del self._iterators[key]

    def _resume(self, table: TableSpec, offset: str) -> tuple[_Iterator, int]:
        match = _OFFSET_RE.match(offset)
        if match is None:
            raise errors.InvalidOffsetValue(f"The value of offset {offset} is invalid")
        self._expire_iterators()
        iterator = self._iterators.get(match.group(1))
        if iterator is None or iterator.table_id != table.id:
            raise errors.ListRecordsIteratorNotAvailable()
        try:
            start = iterator.record_ids.index(match.group(2))
        except ValueError:
            raise errors.InvalidOffsetValue(f"The value of offset {offset} is invalid") from None
        iterator.last_used = time.monotonic()
        return iterator, start


# ---------------------------------------------------------------------------------------
# Helpers without state.


class _FieldLookup:
    """The ``FieldLookup`` protocol of the formula module, over one table's fields."""

    def __init__(self, table: TableSpec) -> None:
        self._types = {f.name: f.type for f in table.fields}

    def field_type(self, name: str) -> str | None:
        return self._types.get(name)


def _formula_module() -> Any:
    """The Formula helper's module, imported on first use (it may not exist yet)."""
    try:
        return importlib.import_module("tasklint.sandbox.airtable.formula")
    except ModuleNotFoundError as exc:
        if exc.name != "tasklint.sandbox.airtable.formula":
            raise
        raise errors.InvalidFilterByFormula(
            "filterByFormula is not available: tasklint.sandbox.airtable.formula is missing"
        ) from exc


def _check_batch(items: Sequence[Any]) -> None:
    if not isinstance(items, Sequence) or not 1 <= len(items) <= 10:
        raise errors.InvalidRecords()


def _resolve_fields(table: TableSpec, refs: Iterable[str]) -> set[str]:
    out = set()
    for ref in refs:
        spec = table.field(ref)
        if spec is None:
            raise errors.UnknownFieldName(f'Unknown field name: "{ref}"')
        out.add(spec.id)
    return out


def _normalise_sort(table: TableSpec, sort: Sequence[Mapping[str, str]]) -> list[dict[str, str]]:
    out = []
    for item in sort:
        if not isinstance(item, Mapping) or "field" not in item:
            raise errors.InvalidRequestUnknown("Invalid sort parameter")
        spec = table.field(str(item["field"]))
        if spec is None:
            raise errors.UnknownFieldName(f'Unknown field name: "{item["field"]}"')
        direction = str(item.get("direction", "asc")).lower()
        if direction not in ("asc", "desc"):
            raise errors.InvalidRequestUnknown(f"Invalid sort direction: {direction}")
        out.append({"field": spec.id, "direction": direction})
    return out


def _sort_key(spec: FieldSpec, value: Any) -> tuple[Any, ...]:
    """Empty cells first (ascending); selects by their choice order, as Airtable sorts."""
    if value is None or value == [] or value == "":
        return (0,)
    if spec.type == "singleSelect":
        names = [c["name"] for c in (spec.options or {}).get("choices", [])]
        return (1, names.index(value) if value in names else len(names))
    if spec.type == "multipleSelects":
        names = [c["name"] for c in (spec.options or {}).get("choices", [])]
        return (1, tuple(names.index(v) if v in names else len(names) for v in value))
    if spec.type in ("singleCollaborator", "multipleCollaborators"):
        people = value if isinstance(value, list) else [value]
        return (1, tuple(str(p.get("name", "")).casefold() for p in people))
    if isinstance(value, bool):
        return (1, int(value))
    if isinstance(value, int | float):
        return (1, float(value))
    if isinstance(value, str):
        return (2, value.casefold())
    return (3, json.dumps(value, sort_keys=True))


def _typecast_number(text: str, *, percent: bool) -> float | int | None:
    """Typecast a string to a number: "1,000", "¥1000", "15%" (-> 0.15)."""
    cleaned = re.sub(r"[\s,¥$€£]", "", text)
    scale = 1.0
    if cleaned.endswith("%"):
        cleaned = cleaned[:-1]
        scale = 0.01
    number = float_or_none(cleaned)
    if number is None:
        return None
    if scale == 1.0 and number.is_integer() and "." not in cleaned and "e" not in cleaned.lower():
        return int(number)
    return number * scale


def float_or_none(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def _parse_date(value: Any, *, loose: bool) -> str | None:
    if not isinstance(value, str):
        return None
    text = value.strip()
    match = _DATE_RE.match(text)
    if match is None and len(text) > 10 and _DATE_RE.match(text[:10]) and text[10] in "T ":
        # A full timestamp for a date field keeps its date part.
        match = _DATE_RE.match(text[:10])
    if match is None and loose:
        match = _LOOSE_DATE_RE.match(text)
    if match is None:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3))).isoformat()
    except ValueError:
        return None


def _parse_datetime(value: Any, *, loose: bool) -> str | None:
    if not isinstance(value, str):
        return None
    text = value.strip()
    day = _parse_date(text, loose=loose) if len(text) <= 10 else None
    if day is not None:
        return f"{day}T00:00:00.000Z"
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return iso(moment)


_DATE_FORMAT = {"name": "iso", "format": "YYYY-MM-DD"}
_TIME_FORMAT = {"name": "24hour", "format": "HH:mm"}


def _datetime_options(time_zone: str = "utc") -> dict[str, Any]:
    return {
        "dateFormat": dict(_DATE_FORMAT),
        "timeFormat": dict(_TIME_FORMAT),
        "timeZone": time_zone,
    }


def _default_options(
    ftype: str, given: Mapping[str, Any] | None, ids: Mapping[str, str]
) -> dict[str, Any] | None:
    """Field options in the meta API's shape, with Airtable's required keys filled in.

    Shapes follow the field model page and pyairtable's schema models: currency
    ``{precision, symbol}``, number/percent ``{precision}``, checkbox ``{color, icon}``,
    date ``{dateFormat}``, dateTime ``{dateFormat, timeFormat, timeZone}``, selects
    ``{choices: [{id, name, color}]}``, createdTime ``{result}``, lastModifiedTime
    ``{isValid, referencedFieldIds, result}``, formula ``{formula, isValid,
    referencedFieldIds, result}``. Types without options (text, collaborators,
    autoNumber) get none.
    """
    given = dict(given or {})
    if ftype in ("number", "percent"):
        return {"precision": int(given.get("precision", 0 if ftype == "percent" else 2))}
    if ftype == "currency":
        return {
            "precision": int(given.get("precision", 2)),
            "symbol": str(given.get("symbol", "$")),
        }
    if ftype == "checkbox":
        return {"color": given.get("color", "greenBright"), "icon": given.get("icon", "check")}
    if ftype == "date":
        return {"dateFormat": given.get("dateFormat", dict(_DATE_FORMAT))}
    if ftype == "dateTime":
        base = _datetime_options(given.get("timeZone", "utc"))
        base.update({k: v for k, v in given.items() if k in ("dateFormat", "timeFormat")})
        return base
    if ftype in ("singleSelect", "multipleSelects"):
        choices = []
        for index, choice in enumerate(given.get("choices", [])):
            item = {"name": choice} if isinstance(choice, str) else dict(choice)
            choices.append(
                {
                    "id": item.get("id") or new_id("sel"),
                    "name": item["name"],
                    "color": item.get("color") or _CHOICE_COLORS[index % len(_CHOICE_COLORS)],
                }
            )
        return {"choices": choices}
    if ftype == "createdTime":
        return {"result": {"type": "dateTime", "options": _datetime_options()}}
    if ftype == "lastModifiedTime":
        refs = [ids.get(r, r) for r in given.get("referencedFieldIds", [])]
        return {
            "isValid": True,
            "referencedFieldIds": refs,
            "result": {"type": "dateTime", "options": _datetime_options()},
        }
    if ftype == "formula":
        text = str(given.get("formula", ""))
        refs = []
        for name in _FORMULA_REF_RE.findall(text):
            if name in ids:
                refs.append(ids[name])
        # The meta API shows a formula with field ids in braces.
        shown = _FORMULA_REF_RE.sub(lambda m: "{" + ids.get(m.group(1), m.group(1)) + "}", text)
        result = given.get("result") or {"type": "singleLineText"}
        if isinstance(result, str):
            result = {"type": result}
        result = dict(result)
        if result["type"] != "singleLineText" and "options" not in result:
            opts = _default_options(result["type"], None, {})
            if opts is not None:
                result["options"] = opts
        return {
            "formula": shown,
            "isValid": True,
            "referencedFieldIds": list(dict.fromkeys(refs)),
            "result": result,
        }
    return None


def _plan_field(spec: Mapping[str, Any]) -> dict[str, Any]:
    """A field of the neutral plan format -> a create-table field definition."""
    ftype = spec["type"]
    out: dict[str, Any] = {"name": spec["name"], "type": ftype}
    if spec.get("description"):
        out["description"] = spec["description"]
    raw = spec.get("options")
    options: dict[str, Any] = dict(raw) if isinstance(raw, Mapping) else {}
    if ftype in ("singleSelect", "multipleSelects") and isinstance(raw, list):
        options["choices"] = list(raw)
    for key in ("symbol", "precision", "timeZone", "formula", "result"):
        if key in spec:
            options[key] = spec[key]
    if ftype == "formula" and "formula" not in options and "expression" in spec:
        options["formula"] = spec["expression"]
    if ftype == "lastModifiedTime":
        out["_watch"] = list(spec.get("fields", []))
    out["options"] = options
    return out
