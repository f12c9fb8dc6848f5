"""State of the Notion sandbox: databases, data sources, pages and users, in SQLite.

``NotionBackend`` is the model half of the Notion emulation (the HTTP half is
``routes.py``). Its public methods are named after the API actions they serve
(``retrieve_database``, ``query_data_source``, ``update_page``…), take the integration
token the state is keyed by, return objects in the API's response shape (without
``request_id``, which the HTTP layer adds) and raise the domain errors of ``errors.py``.

Shapes follow the Notion API reference for version 2025-09-03 and the responses
recorded in notion-sdk-py's test cassettes (``tests/cassettes/*.yaml``). Where the
documentation leaves a shape or message open, a comment says so.

Storage: one SQLite database (``:memory:`` by default, or a file so a sandbox survives
restarts) guarded by one re-entrant lock. Schemas and property values are JSON columns;
decoded pages are cached per data source so that paging through a 10,000-row query does
not decode every row on every request.
"""

from __future__ import annotations

import copy
import json
import re
import sqlite3
import threading
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from tasklint.sandbox.notion._query import QueryRow, compile_filter, compile_sorts, sorted_rows
from tasklint.sandbox.notion._shapes import (
    API_VERSION,
    APP_URL,
    MAX_PAGE_SIZE,
    QUERY_RESULT_LIMIT,
    READ_ONLY_TYPES,
    PageRecord,
    PropRecord,
    SourceRecord,
    UserRow,
    checked_page_size,
    cursor_id,
    dump_props,
    find_prop,
    formula_result,
    iso_millis_offset,
    iso_minute,
    new_id,
    new_property_id,
    normalize_id,
    not_found,
    option_for,
    plain_text,
    prop_options,
    render_schema,
    render_value,
    rich_text_from_plain,
    schema_config,
    schema_type,
    select_props,
    shown,
    stored_value,
    to_ms,
    unwrap_value,
    validate_date,
    validate_rich_text,
)
from tasklint.sandbox.notion.blocks import BLOCKS_SQL, UNCHANGED_LOOK, BlocksMixin, PageLook
from tasklint.sandbox.notion.errors import ObjectNotFound, ValidationError

__all__ = [
    "API_VERSION",
    "MAX_PAGE_SIZE",
    "QUERY_RESULT_LIMIT",
    "NotionBackend",
    "normalize_id",
]

_SCHEMA_SQL = """
CREATE TABLE IF NOT EXISTS users (
    id TEXT PRIMARY KEY, token TEXT NOT NULL, seq INTEGER NOT NULL, type TEXT NOT NULL,
    name TEXT, email TEXT, avatar_url TEXT);
CREATE TABLE IF NOT EXISTS databases (
    id TEXT PRIMARY KEY, token TEXT NOT NULL, seq INTEGER NOT NULL, title TEXT NOT NULL,
    created_ms INTEGER NOT NULL, edited_ms INTEGER NOT NULL, in_trash INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS data_sources (
    id TEXT PRIMARY KEY, token TEXT NOT NULL, database_id TEXT NOT NULL, name TEXT NOT NULL,
    props TEXT NOT NULL, created_ms INTEGER NOT NULL, edited_ms INTEGER NOT NULL,
    created_by TEXT NOT NULL, edited_by TEXT NOT NULL, in_trash INTEGER NOT NULL, icon TEXT);
CREATE TABLE IF NOT EXISTS pages (
    id TEXT PRIMARY KEY, token TEXT NOT NULL, data_source_id TEXT NOT NULL,
    seq INTEGER NOT NULL, created_ms INTEGER NOT NULL, edited_ms INTEGER NOT NULL,
    created_by TEXT NOT NULL, edited_by TEXT NOT NULL, in_trash INTEGER NOT NULL,
    icon TEXT, cover TEXT, props TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS pages_by_source ON pages (data_source_id, seq);
"""

Clock = Callable[[], datetime]

# Plan field type (the neutral seed format, Airtable-flavoured) -> Notion property type.
PLAN_TYPES: dict[str, str] = {
    "singleLineText": "rich_text",
    "multilineText": "rich_text",
    "richText": "rich_text",
    "singleSelect": "select",
    "multipleSelects": "multi_select",
    "date": "date",
    "dateTime": "date",
    "number": "number",
    "percent": "number",
    "currency": "number",
    "autoNumber": "number",
    "multipleCollaborators": "people",
    "singleCollaborator": "people",
    "checkbox": "checkbox",
    "url": "url",
    "email": "email",
    "phoneNumber": "phone_number",
    "formula": "formula",
    "createdTime": "created_time",
    "lastModifiedTime": "last_edited_time",
}
PLAN_FORMULA_RESULTS = {
    "number": "number",
    "percent": "number",
    "currency": "number",
    "decimal": "number",
    "integer": "number",
    "checkbox": "boolean",
    "boolean": "boolean",
    "date": "date",
    "dateTime": "date",
    "text": "string",
    "singleLineText": "string",
}
CURRENCY_FORMATS = {
    "¥": "yuan",
    "￥": "yuan",
    "CNY": "yuan",
    "RMB": "yuan",
    "$": "dollar",
    "USD": "dollar",
    "€": "euro",
    "EUR": "euro",
    "£": "pound",
    "GBP": "pound",
    "JPY": "yen",
}


# --------------------------------------------------------------------------- backend


class NotionBackend(BlocksMixin):
    """Notion workspaces, one per integration token, stored in SQLite.

    Page content (blocks) and pages under pages come from ``BlocksMixin`` (blocks.py).

    ``path`` is ``None`` or ``":memory:"`` for a throw-away store, or a file path.
    ``clock`` returns the current time (tests may freeze it); ``query_result_limit``
    is the number of results after which a data source query stops (Notion: 10,000).
    """

    def __init__(
        self,
        path: str | None = None,
        *,
        clock: Clock | None = None,
        query_result_limit: int = QUERY_RESULT_LIMIT,
    ) -> None:
        self.path = path or ":memory:"
        self.clock: Clock = clock or (lambda: datetime.now(UTC))
        self.query_result_limit = query_result_limit
        self._lock = threading.RLock()
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._db.executescript(_SCHEMA_SQL)
        self._db.executescript(BLOCKS_SQL)
        self._pages: dict[str, list[PageRecord]] = {}  # decoded pages by data source, in seq order

    # ------------------------------------------------------------------ lifecycle

    def reset(self) -> None:
        """Forget every workspace."""
        with self._lock:
            self._db.executescript(
                "DELETE FROM pages; DELETE FROM data_sources; DELETE FROM databases;"
                " DELETE FROM users; DELETE FROM blocks;"
            )
            self._pages.clear()

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def _now_ms(self) -> int:
        return to_ms(self.clock())

    def _next_seq(self, table: str) -> int:
        row = self._db.execute(f"SELECT COALESCE(MAX(seq), 0) FROM {table}").fetchone()
        return int(row[0]) + 1

    # ------------------------------------------------------------------ users

    def _bot_id(self, token: str) -> str:
        row = self._db.execute(
            "SELECT id FROM users WHERE token = ? AND type = 'bot' ORDER BY seq LIMIT 1", (token,)
        ).fetchone()
        if row:
            return str(row[0])
        bot_id = new_id()
        self._db.execute(
            "INSERT INTO users VALUES (?, ?, ?, 'bot', ?, NULL, NULL)",
            (bot_id, token, self._next_seq("users"), "tasklint sandbox"),
        )
        return bot_id

    def create_user(self, name: str, email: str | None = None, *, token: str) -> str:
        """A person in the token's workspace; the same email (or, without one, the same
        name) gives the same person."""
        with self._lock:
            if email:
                row = self._db.execute(
                    "SELECT id FROM users WHERE token = ? AND type = 'person' AND email = ?",
                    (token, email),
                ).fetchone()
            else:
                row = self._db.execute(
                    "SELECT id FROM users WHERE token = ? AND type = 'person' AND name = ?"
                    " AND email IS NULL",
                    (token, name),
                ).fetchone()
            if row:
                return str(row[0])
            self._bot_id(token)
            user_id = new_id()
            self._db.execute(
                "INSERT INTO users VALUES (?, ?, ?, 'person', ?, ?, NULL)",
                (user_id, token, self._next_seq("users"), name, email),
            )
            return user_id

    def _user_rows(self, token: str) -> dict[str, UserRow]:
        rows = self._db.execute(
            "SELECT id, type, name, email, avatar_url FROM users WHERE token = ? ORDER BY seq",
            (token,),
        ).fetchall()
        return {r[0]: (r[1], r[2], r[3], r[4]) for r in rows}

    @staticmethod
    def _user_object(user_id: str, row: UserRow) -> dict[str, Any]:
        kind, name, email, avatar = row
        user: dict[str, Any] = {
            "object": "user",
            "id": user_id,
            "name": name,
            "avatar_url": avatar,
            "type": kind,
        }
        if kind == "person":
            user["person"] = {"email": email} if email else {}
        else:
            # Shape of the bot user in the users_list cassette, without workspace limits.
            user["bot"] = {
                "owner": {"type": "workspace", "workspace": True},
                "workspace_name": "tasklint sandbox",
            }
        return user

    def list_users(
        self, *, token: str, start_cursor: str | None = None, page_size: int | str | None = None
    ) -> dict[str, Any]:
        """``GET /v1/users``: the workspace's people and bots, paginated (``page_size``
        may be the query string's text)."""
        size = checked_page_size(page_size, where="query.page_size")
        with self._lock:
            self._bot_id(token)
            users = self._user_rows(token)
        ids = list(users)
        start = 0
        if start_cursor is not None:
            cursor = cursor_id(start_cursor)
            if cursor not in users:
                raise ValidationError("start_cursor provided is invalid: " + start_cursor)
            start = ids.index(cursor)
        chunk = ids[start : start + size]
        more = start + size < len(ids)
        return {
            "object": "list",
            "results": [self._user_object(uid, users[uid]) for uid in chunk],
            "next_cursor": ids[start + size] if more else None,
            "has_more": more,
            "type": "user",
            "user": {},
        }

    def retrieve_user(self, user_id: str, *, token: str) -> dict[str, Any]:
        with self._lock:
            bot = self._bot_id(token)
            users = self._user_rows(token)
        uid = bot if user_id == "me" else normalize_id(user_id, what="user_id")
        if uid not in users:
            raise ObjectNotFound(f"Could not find user with ID: {uid}.")
        return self._user_object(uid, users[uid])

    # ------------------------------------------------------------------ databases

    def create_database(
        self,
        title: str,
        properties: Mapping[str, Mapping[str, Any]] | None = None,
        *,
        token: str,
    ) -> tuple[str, str]:
        """A database with one data source; ``properties`` in the API's schema shape
        (``{"Name": {"title": {}}, "Stage": {"select": {"options": [...]}}}``).
        Without a title property one named "Name" is added. Returns (database id,
        data source id)."""
        with self._lock:
            bot = self._bot_id(token)
            now = self._now_ms()
            database_id, source_id = new_id(), new_id()
            props: list[PropRecord] = []
            for name, spec in (properties or {}).items():
                props.append(self._new_prop(name, spec, props))
            if not any(p.type == "title" for p in props):
                props.insert(0, PropRecord("title", "Name", "title", {}))
            self._db.execute(
                "INSERT INTO databases VALUES (?, ?, ?, ?, ?, ?, 0)",
                (database_id, token, self._next_seq("databases"), title, now, now),
            )
            self._db.execute(
                "INSERT INTO data_sources VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, NULL)",
                (source_id, token, database_id, title, dump_props(props), now, now, bot, bot),
            )
            self._pages[source_id] = []
            return database_id, source_id

    def list_databases(self, token: str) -> list[dict[str, str]]:
        """``[{"id", "title", "data_source_id"}]`` for the control endpoint."""
        with self._lock:
            rows = self._db.execute(
                "SELECT d.id, d.title, s.id FROM databases d JOIN data_sources s"
                " ON s.database_id = d.id WHERE d.token = ? ORDER BY d.seq, s.rowid",
                (token,),
            ).fetchall()
        return [{"id": r[0], "title": r[1], "data_source_id": r[2]} for r in rows]

    def retrieve_database(self, database_id: str, *, token: str) -> dict[str, Any]:
        """``GET /v1/databases/{id}``: the database and its ``data_sources``."""
        db_id = normalize_id(database_id, what="database_id")
        with self._lock:
            row = self._db.execute(
                "SELECT title, created_ms, edited_ms, in_trash FROM databases"
                " WHERE id = ? AND token = ?",
                (db_id, token),
            ).fetchone()
            if row is None:
                raise ObjectNotFound(not_found("database", db_id))
            sources = self._db.execute(
                "SELECT id, name FROM data_sources WHERE database_id = ? ORDER BY rowid", (db_id,)
            ).fetchall()
        title, created, edited, trashed = row
        return {
            "object": "database",
            "id": db_id,
            "title": rich_text_from_plain(title),
            "description": [],
            "parent": {"type": "workspace", "workspace": True},
            "is_inline": False,
            "in_trash": bool(trashed),
            "is_locked": False,
            "created_time": iso_millis_offset(created),
            "last_edited_time": iso_millis_offset(edited),
            "data_sources": [{"id": s[0], "name": s[1]} for s in sources],
            "icon": None,
            "cover": None,
            "url": APP_URL + db_id.replace("-", ""),
            "public_url": None,
            "archived": bool(trashed),
        }

    # ------------------------------------------------------------------ data sources

    def _source(self, source_id: str, token: str) -> SourceRecord:
        row = self._db.execute(
            "SELECT id, token, database_id, name, props, created_ms, edited_ms, created_by,"
            " edited_by, in_trash, icon FROM data_sources WHERE id = ? AND token = ?",
            (source_id, token),
        ).fetchone()
        if row is None:
            raise ObjectNotFound(not_found("data source", source_id))
        return SourceRecord(
            id=row[0],
            token=row[1],
            database_id=row[2],
            name=row[3],
            props=[PropRecord.from_json(p) for p in json.loads(row[4])],
            created_ms=row[5],
            edited_ms=row[6],
            created_by=row[7],
            edited_by=row[8],
            in_trash=bool(row[9]),
            icon=json.loads(row[10]) if row[10] else None,
        )

    def _save_source(self, source: SourceRecord) -> None:
        self._db.execute(
            "UPDATE data_sources SET name = ?, props = ?, edited_ms = ?, edited_by = ?,"
            " in_trash = ?, icon = ? WHERE id = ?",
            (
                source.name,
                dump_props(source.props),
                source.edited_ms,
                source.edited_by,
                int(source.in_trash),
                json.dumps(source.icon) if source.icon is not None else None,
                source.id,
            ),
        )

    def retrieve_data_source(self, data_source_id: str, *, token: str) -> dict[str, Any]:
        """``GET /v1/data_sources/{id}``: the schema, with property ids and options."""
        source_id = normalize_id(data_source_id, what="data_source_id")
        with self._lock:
            return self._render_source(self._source(source_id, token))

    def _render_source(self, source: SourceRecord) -> dict[str, Any]:
        return {
            "object": "data_source",
            "id": source.id,
            "cover": None,
            "icon": source.icon,
            "created_time": iso_minute(source.created_ms),
            "created_by": {"object": "user", "id": source.created_by},
            "last_edited_by": {"object": "user", "id": source.edited_by},
            "last_edited_time": iso_minute(source.edited_ms),
            "title": rich_text_from_plain(source.name),
            "description": [],
            "is_inline": False,
            "properties": {p.name: render_schema(p) for p in source.props},
            "parent": {"type": "database_id", "database_id": source.database_id},
            "database_parent": {"type": "workspace", "workspace": True},
            "url": APP_URL + source.database_id.replace("-", ""),
            "public_url": None,
            "in_trash": source.in_trash,
            "archived": source.in_trash,
        }

    def update_data_source(
        self,
        data_source_id: str,
        *,
        token: str,
        properties: Mapping[str, Any] | None = None,
        title: Any = None,
        icon: Any = None,
        in_trash: bool | None = None,
    ) -> dict[str, Any]:
        """``PATCH /v1/data_sources/{id}``: add, rename (``{"name": new}``), retype or
        remove (``null``) properties; select options given replace the whole list."""
        source_id = normalize_id(data_source_id, what="data_source_id")
        with self._lock:
            source = self._source(source_id, token)
            props = [copy.deepcopy(p) for p in source.props]
            removed_options: dict[str, set[str]] = {}
            retyped: set[str] = set()
            for key, spec in (properties or {}).items():
                where = f"body.properties.{key}"
                prop = find_prop(props, key)
                if spec is None:
                    if prop is None:
                        raise ValidationError(f"{key} is not a property that exists.")
                    if prop.type == "title":
                        raise ValidationError("Cannot delete the title property.")
                    props.remove(prop)
                    continue
                if not isinstance(spec, Mapping):
                    raise ValidationError(
                        f"body failed validation: {where} should be an object or `null`, "
                        f"instead was `{shown(spec)}`."
                    )
                if prop is None:
                    name = spec.get("name", key)
                    props.append(self._new_prop(str(name), spec, props))
                    continue
                new_name = spec.get("name")
                if new_name is not None:
                    if not isinstance(new_name, str) or not new_name.strip():
                        raise ValidationError(f"body failed validation: {where}.name is invalid.")
                    clash = find_prop(props, new_name)
                    if clash is not None and clash is not prop:
                        raise ValidationError(f"A property named {new_name} already exists.")
                    prop.name = new_name
                kind = schema_type(spec, where)
                if kind is None:
                    continue
                if kind != prop.type:
                    if prop.type == "title":
                        raise ValidationError("The type of the title property cannot be changed.")
                    if kind == "title":
                        raise ValidationError("A data source has exactly one title property.")
                    prop.type = kind
                    prop.config = schema_config(kind, spec.get(kind) or {}, [], where)
                    retyped.add(prop.id)
                    continue
                old_ids = {o["id"] for o in prop.config.get("options", [])}
                prop.config = schema_config(kind, spec.get(kind) or {}, prop_options(prop), where)
                kept = {o["id"] for o in prop.config.get("options", [])}
                if old_ids - kept:
                    removed_options[prop.id] = old_ids - kept
            if sum(p.type == "title" for p in props) != 1:
                raise ValidationError("A data source has exactly one title property.")
            if title is not None:
                source.name = plain_text(validate_rich_text(title, "body.title"))
            if icon is not None:
                source.icon = icon
            if in_trash is not None:
                source.in_trash = bool(in_trash)
            source.props = props
            source.edited_ms = self._now_ms()
            source.edited_by = self._bot_id(token)
            self._save_source(source)
            self._prune_values(source.id, {p.id for p in props}, removed_options, retyped)
            return self._render_source(source)

    def _prune_values(
        self, source_id: str, live: set[str], removed: dict[str, set[str]], retyped: set[str]
    ) -> None:
        """Drop values of removed or retyped properties and of removed options."""
        changed: list[PageRecord] = []
        for page in self._load_pages(source_id):
            before = json.dumps(page.values, sort_keys=True)
            for pid in list(page.values):
                if pid not in live or pid in retyped:
                    del page.values[pid]
                elif pid in removed:
                    value = page.values[pid]
                    if isinstance(value, list):
                        page.values[pid] = [v for v in value if v not in removed[pid]]
                    elif value in removed[pid]:
                        page.values[pid] = None
            if json.dumps(page.values, sort_keys=True) != before:
                changed.append(page)
        for page in changed:
            self._db.execute(
                "UPDATE pages SET props = ? WHERE id = ?",
                (json.dumps(page.values, ensure_ascii=False), page.id),
            )

    def _new_prop(self, name: str, spec: Mapping[str, Any], props: list[PropRecord]) -> PropRecord:
        where = f"body.properties.{name}"
        if not isinstance(spec, Mapping):
            raise ValidationError(
                f"body failed validation: {where} should be an object, instead was `{shown(spec)}`."
            )
        if find_prop(props, name) is not None:
            raise ValidationError(f"A property named {name} already exists.")
        kind = schema_type(spec, where)
        if kind is None:
            raise ValidationError(
                f"body failed validation: {where} should define exactly one property type, "
                "such as `rich_text` or `select`."
            )
        if kind == "title":
            if any(p.type == "title" for p in props):
                raise ValidationError("A data source has exactly one title property.")
            return PropRecord("title", name, "title", {})
        config = schema_config(kind, spec.get(kind) or {}, [], where)
        return PropRecord(new_property_id(p.id for p in props), name, kind, config)

    # Properties for tests and seeds that the public API cannot create.

    def add_status_property(
        self,
        data_source_id: str,
        name: str,
        options: Sequence[str] | None = None,
        *,
        token: str,
    ) -> str:
        """A status property; without ``options`` Notion's defaults (Not started, In
        progress, Done in the groups To-do, In progress, Complete). Returns its id."""
        opts = None if options is None else [{"name": o} for o in options]
        return self._add_property(data_source_id, name, "status", {"options": opts}, token)

    def add_formula_property(
        self,
        data_source_id: str,
        name: str,
        *,
        expression: str = "",
        result: str = "string",
        token: str,
    ) -> str:
        """A formula property whose per-page results are stored values (set with
        ``set_formula_value``); the sandbox does not evaluate expressions. ``result`` is
        the type of an empty result: string, number, boolean or date. Returns its id."""
        return self._add_property(
            data_source_id, name, "formula", {"expression": expression, "_result": result}, token
        )

    def _add_property(
        self, data_source_id: str, name: str, kind: str, config: dict[str, Any], token: str
    ) -> str:
        source_id = normalize_id(data_source_id, what="data_source_id")
        with self._lock:
            source = self._source(source_id, token)
            if find_prop(source.props, name) is not None:
                raise ValidationError(f"A property named {name} already exists.")
            pid = new_property_id(p.id for p in source.props)
            config = {k: v for k, v in config.items() if v is not None}
            source.props.append(PropRecord(pid, name, kind, schema_config(kind, config, [], name)))
            source.edited_ms = self._now_ms()
            self._save_source(source)
            return pid

    def set_formula_value(self, page_id: str, name: str, value: Any, *, token: str) -> None:
        """Store the result of a formula property for one page: a str, number, bool,
        ``{"start": …}`` date, or None (Notion computes these; the sandbox stores them)."""
        pid = normalize_id(page_id, what="page_id")
        with self._lock:
            page = self._page(pid, token)
            source = self._source(page.data_source_id, token)
            prop = find_prop(source.props, name)
            if prop is None or prop.type != "formula":
                raise ValidationError(f"{name} is not a formula property.")
            page.values[prop.id] = formula_result(value, prop.config.get("_result"))
            self._store_page(page)

    # ------------------------------------------------------------------ plan seeding

    def create_database_from_plan(
        self, section: Mapping[str, Any], *, token: str
    ) -> tuple[str, str]:
        """A database from one section of the neutral plan format
        (``{"table", "fields": [{"name", "type", …}], "rows": [{name: value}]}``): the
        first field becomes the title property. Returns (database id, data source id)."""
        fields = list(section.get("fields") or [])
        if not fields:
            raise ValueError("a plan section needs at least one field")
        schema: dict[str, dict[str, Any]] = {}
        kinds: dict[str, tuple[str, str]] = {}
        for index, spec in enumerate(fields):
            name, plan_type = str(spec["name"]), str(spec["type"])
            if index == 0:
                schema[name] = {"title": {}}
                kinds[name] = ("title", plan_type)
                continue
            if plan_type not in PLAN_TYPES:
                raise ValueError(f"plan field {name!r} has an unknown type {plan_type!r}")
            kind = PLAN_TYPES[plan_type]
            config: dict[str, Any] = {}
            if kind in ("select", "multi_select"):
                config = {"options": [{"name": str(o)} for o in spec.get("options") or []]}
            elif kind == "number":
                config = {"format": _number_format(plan_type, spec)}
            elif kind == "formula":
                config = {
                    "expression": str(spec.get("expression", "")),
                    "_result": PLAN_FORMULA_RESULTS.get(str(spec.get("result")), "string"),
                }
            schema[name] = {kind: config}
            kinds[name] = (kind, plan_type)
        with self._lock:
            database_id, source_id = self.create_database(
                str(section.get("table") or "Untitled"), schema, token=token
            )
            source = self._source(source_id, token)
            bot = self._bot_id(token)
            now = self._now_ms()
            seq = self._next_seq("pages")
            pages = []
            for row in section.get("rows") or []:
                values = self._plan_values(source, kinds, row, token)
                pages.append(
                    PageRecord(
                        new_id(),
                        token,
                        source_id,
                        seq,
                        now,
                        now,
                        bot,
                        bot,
                        False,
                        None,
                        None,
                        values,
                    )
                )
                seq += 1
            self._save_source(source)  # options added by rows
            self._db.executemany(
                "INSERT INTO pages VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, NULL, NULL, ?)",
                [
                    (
                        p.id,
                        token,
                        source_id,
                        p.seq,
                        now,
                        now,
                        bot,
                        bot,
                        json.dumps(p.values, ensure_ascii=False),
                    )
                    for p in pages
                ],
            )
            self._pages[source_id] = pages
            return database_id, source_id

    def _plan_values(
        self,
        source: SourceRecord,
        kinds: Mapping[str, tuple[str, str]],
        row: Mapping[str, Any],
        token: str,
    ) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for name, raw in row.items():
            if name not in kinds or raw is None or raw == "" or raw == []:
                continue
            prop = find_prop(source.props, name)
            assert prop is not None
            value = self._plan_value(prop, kinds[name][0], raw, token)
            if value is not None:
                values[prop.id] = value
        return values

    def _plan_value(self, prop: PropRecord, kind: str, raw: Any, token: str) -> Any:
        """The stored value of one plan cell, or None for a value the Notion property
        cannot hold (text in a number or date property: Notion keeps only valid values
        there, so messy cells belong in text properties)."""
        if kind in ("title", "rich_text"):
            return rich_text_from_plain(str(raw))
        if kind == "number":
            if isinstance(raw, bool):
                return None
            if isinstance(raw, int | float):
                return raw
            try:
                return float(str(raw))
            except ValueError:
                return None
        if kind == "select":
            return option_for(prop, str(raw), create=True)["id"]
        if kind == "multi_select":
            names = raw if isinstance(raw, list) else [raw]
            return [option_for(prop, str(n), create=True)["id"] for n in names]
        if kind == "date":
            start = raw.get("start") if isinstance(raw, Mapping) else raw
            end = raw.get("end") if isinstance(raw, Mapping) else None
            try:
                validate_date({"start": start, "end": end}, "plan")
            except ValidationError:
                return None
            return {"start": start, "end": end, "time_zone": None}
        if kind == "people":
            people = raw if isinstance(raw, list) else [raw]
            ids: list[str] = []
            for person in people:
                if isinstance(person, Mapping):
                    name, email = person.get("name") or person.get("email"), person.get("email")
                else:
                    name, email = person, None
                ids.append(self.create_user(str(name), email, token=token))
            return list(dict.fromkeys(ids))
        if kind == "checkbox":
            return bool(raw)
        if kind in ("url", "email", "phone_number"):
            return str(raw)
        if kind == "formula":
            return formula_result(raw, prop.config.get("_result"))
        return None  # created/last edited times come from the page itself

    # ------------------------------------------------------------------ pages: storage

    def _row_to_page(self, row: Sequence[Any]) -> PageRecord:
        return PageRecord(
            id=row[0],
            token=row[1],
            data_source_id=row[2],
            seq=row[3],
            created_ms=row[4],
            edited_ms=row[5],
            created_by=row[6],
            edited_by=row[7],
            in_trash=bool(row[8]),
            icon=json.loads(row[9]) if row[9] else None,
            cover=json.loads(row[10]) if row[10] else None,
            values=json.loads(row[11]),
        )

    _PAGE_COLUMNS = (
        "id, token, data_source_id, seq, created_ms, edited_ms, created_by, edited_by,"
        " in_trash, icon, cover, props"
    )

    def _load_pages(self, source_id: str) -> list[PageRecord]:
        cached = self._pages.get(source_id)
        if cached is None:
            rows = self._db.execute(
                f"SELECT {self._PAGE_COLUMNS} FROM pages WHERE data_source_id = ? ORDER BY seq",
                (source_id,),
            ).fetchall()
            cached = [self._row_to_page(r) for r in rows]
            self._pages[source_id] = cached
        return cached

    def _page(self, page_id: str, token: str) -> PageRecord:
        row = self._db.execute(
            f"SELECT {self._PAGE_COLUMNS} FROM pages WHERE id = ? AND token = ?", (page_id, token)
        ).fetchone()
        if row is None:
            raise ObjectNotFound(not_found("page", page_id))
        cached = self._pages.get(row[2])
        if cached is not None:
            for page in cached:
                if page.id == page_id:
                    return page
        return self._row_to_page(row)

    def _store_page(self, page: PageRecord, *, insert: bool = False) -> None:
        params = (
            page.edited_ms,
            page.edited_by,
            int(page.in_trash),
            json.dumps(page.icon) if page.icon is not None else None,
            json.dumps(page.cover) if page.cover is not None else None,
            json.dumps(page.values, ensure_ascii=False),
        )
        if insert:
            self._db.execute(
                "INSERT INTO pages VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    page.id,
                    page.token,
                    page.data_source_id,
                    page.seq,
                    page.created_ms,
                    page.edited_ms,
                    page.created_by,
                    page.edited_by,
                    *params[2:],
                ),
            )
            cached = self._pages.get(page.data_source_id)
            if cached is not None:
                cached.append(page)
            return
        self._db.execute(
            "UPDATE pages SET edited_ms = ?, edited_by = ?, in_trash = ?, icon = ?, cover = ?,"
            " props = ? WHERE id = ?",
            (*params, page.id),
        )
        cached = self._pages.get(page.data_source_id)
        if cached is not None:
            for i, other in enumerate(cached):
                if other.id == page.id:
                    cached[i] = page
                    break

    # ------------------------------------------------------------------ pages: API

    def retrieve_page(
        self, page_id: str, *, token: str, filter_properties: Sequence[str] | None = None
    ) -> dict[str, Any]:
        """``GET /v1/pages/{id}``."""
        pid = normalize_id(page_id, what="page_id")
        with self._lock:
            if self.is_doc_page(pid, token):
                return self.retrieve_doc_page(pid, token=token)
            page = self._page(pid, token)
            source = self._source(page.data_source_id, token)
            only = select_props(source.props, filter_properties)
            return self._render_page(page, source, self._user_rows(token), only)

    def create_page(
        self,
        *,
        token: str,
        parent: Mapping[str, Any],
        properties: Mapping[str, Any] | None = None,
        icon: Any = None,
        cover: Any = None,
        children: Any = None,
    ) -> dict[str, Any]:
        """``POST /v1/pages`` under a data source. The parent may name the data source
        (``{"data_source_id"}``, the 2025-09-03 form) or, for a database with a single
        data source, the database (``{"database_id"}``). Under a page (``{"page_id"}``)
        the page is a page of content (``BlocksMixin.create_doc_page``). ``children``
        become the page's blocks."""
        if isinstance(parent, Mapping) and parent.get("page_id"):
            return self.create_doc_page(
                token=token,
                parent_id=str(parent["page_id"]),
                properties=properties,
                icon=icon,
                cover=cover,
                children=children,
            )
        with self._lock:
            blocks = self._checked_children(children, "body.children", depth=1)
            source = self._parent_source(parent, token)
            bot = self._bot_id(token)
            now = self._now_ms()
            page = PageRecord(
                new_id(),
                token,
                source.id,
                self._next_seq("pages"),
                now,
                now,
                bot,
                bot,
                False,
                icon,
                cover,
                {},
            )
            changed = self._write_properties(page, source, properties or {}, token)
            for prop in source.props:
                if prop.type == "status" and prop.id not in page.values:
                    # A new page takes the status property's first option (Notion's default
                    # is the first option of the To-do group).
                    options = prop.config.get("options") or []
                    page.values[prop.id] = options[0]["id"] if options else None
            if changed:
                self._save_source(source)
            self._store_page(page, insert=True)
            self._store_children(token, page.id, "page_id", blocks)
            return self._render_page(page, source, self._user_rows(token), None)

    def _parent_source(self, parent: Mapping[str, Any], token: str) -> SourceRecord:
        if not isinstance(parent, Mapping):
            raise ValidationError("body failed validation: body.parent should be an object.")
        if parent.get("data_source_id"):
            return self._source(
                normalize_id(str(parent["data_source_id"]), what="data_source_id"), token
            )
        if parent.get("database_id"):
            db_id = normalize_id(str(parent["database_id"]), what="database_id")
            rows = self._db.execute(
                "SELECT id FROM data_sources WHERE database_id = ? AND token = ?", (db_id, token)
            ).fetchall()
            if not rows:
                raise ObjectNotFound(not_found("database", db_id))
            if len(rows) > 1:
                # The upgrade guide says creating a page under a multi-source database by
                # database_id fails; the exact message is not documented.
                raise ValidationError(
                    "Database has multiple data sources; use a data_source_id parent."
                )
            return self._source(rows[0][0], token)
        if parent.get("workspace"):
            # Only public integrations may create workspace pages (create-page reference).
            raise ValidationError(
                "The sandbox creates pages in data sources and pages: give "
                "parent.data_source_id or parent.page_id."
            )
        raise ValidationError(
            "body failed validation: body.parent should define `data_source_id`, `database_id`"
            " or `page_id`."
        )

    def update_page(
        self,
        page_id: str,
        *,
        token: str,
        properties: Mapping[str, Any] | None = None,
        icon: Any = None,
        cover: Any = None,
        in_trash: bool | None = None,
        clear_icon: bool = False,
        clear_cover: bool = False,
        erase_content: bool = False,
    ) -> dict[str, Any]:
        """``PATCH /v1/pages/{id}``: only the properties sent change; `erase_content`
        deletes every block the page holds (the "Update page" reference: "delete all
        block children of the current page")."""
        pid = normalize_id(page_id, what="page_id")
        look = PageLook(icon, cover, in_trash, clear_icon, clear_cover)
        with self._lock:
            if self.is_doc_page(pid, token):
                page = self.update_doc_page(pid, token=token, properties=properties, look=look)
            else:
                if properties and in_trash is not False and self._page(pid, token).in_trash:
                    # Notion's answer to an edit of a page in the trash, as users quote it
                    # (dvanoni/notero issues 525 and 704); the "Update page" reference
                    # says only that in_trash: false restores the page.
                    raise ValidationError(
                        "Can't edit block that is archived. You must unarchive the block"
                        " before editing."
                    )
                page = self._edit(pid, token, properties or {}, self._bot_id(token), look)
            if erase_content:  # once the rest of the request was accepted
                self.erase_children(pid, token=token)
            return page

    def edit_page(
        self,
        page_id: str,
        properties: Mapping[str, Any],
        *,
        token: str,
        user: str | None = None,
    ) -> dict[str, Any]:
        """A person's edit in the Notion app (for tests of edits made during a sync):
        ``properties`` in the API's write shape; bumps last_edited_time and sets
        last_edited_by to ``user`` (an id) or to a default person."""
        pid = normalize_id(page_id, what="page_id")
        with self._lock:
            editor = user or self.create_user("Sandbox Editor", "editor@example.com", token=token)
            return self._edit(pid, token, properties, editor)

    def _edit(
        self,
        page_id: str,
        token: str,
        properties: Mapping[str, Any],
        editor: str,
        look: PageLook = UNCHANGED_LOOK,
    ) -> dict[str, Any]:
        page = copy.deepcopy(self._page(page_id, token))
        source = self._source(page.data_source_id, token)
        changed = self._write_properties(page, source, properties, token)
        page.icon = look.icon_of(page.icon)
        page.cover = look.cover_of(page.cover)
        page.in_trash = look.trashed(page.in_trash)
        page.edited_ms = max(self._now_ms(), page.created_ms)
        page.edited_by = editor
        if changed:
            self._save_source(source)
        self._store_page(page)
        return self._render_page(page, source, self._user_rows(token), None)

    # ------------------------------------------------------------------ property writes

    def _write_properties(
        self, page: PageRecord, source: SourceRecord, properties: Mapping[str, Any], token: str
    ) -> bool:
        """Validate and apply property values in the write shape; True when a select
        option was added to the schema."""
        if not isinstance(properties, Mapping):
            raise ValidationError(
                f"body failed validation: body.properties should be an object, instead was "
                f"`{shown(properties)}`."
            )
        users = self._user_rows(token)
        schema_changed = False
        staged: dict[str, Any] = {}
        for key, value in properties.items():
            prop = find_prop(source.props, key)
            if prop is None:
                raise ValidationError(f"{key} is not a property that exists.")
            where = f"body.properties.{key}"
            if prop.type in READ_ONLY_TYPES:
                # Notion documents these as read-only; the message is the sandbox's own.
                raise ValidationError(
                    f"{where} is a {prop.type} property and cannot be updated through the API."
                )
            inner = unwrap_value(prop, value, where)
            stored, added = stored_value(prop, inner, where, users)
            schema_changed = schema_changed or added
            staged[prop.id] = stored
        page.values.update(staged)
        return schema_changed

    # ------------------------------------------------------------------ rendering

    def _render_page(
        self,
        page: PageRecord,
        source: SourceRecord,
        users: Mapping[str, UserRow],
        only: set[str] | None,
    ) -> dict[str, Any]:
        properties: dict[str, Any] = {}
        for prop in source.props:
            if only is not None and prop.id not in only:
                continue
            properties[prop.name] = {
                "id": prop.id,
                "type": prop.type,
                prop.type: render_value(prop, page, users, self._user_object),
            }
        title_prop = next((p for p in source.props if p.type == "title"), None)
        title = plain_text(page.values.get(title_prop.id)) if title_prop else ""
        slug = re.sub(r"[^0-9A-Za-z\u4e00-\u9fff]+", "-", title).strip("-")
        compact = page.id.replace("-", "")
        return {
            "object": "page",
            "id": page.id,
            "created_time": iso_minute(page.created_ms),
            "last_edited_time": iso_minute(page.edited_ms),
            "created_by": {"object": "user", "id": page.created_by},
            "last_edited_by": {"object": "user", "id": page.edited_by},
            "cover": page.cover,
            "icon": page.icon,
            "parent": {
                "type": "data_source_id",
                "data_source_id": source.id,
                "database_id": source.database_id,
            },
            "in_trash": page.in_trash,
            "is_archived": page.in_trash,  # seen next to in_trash in the 2026 cassettes
            "is_locked": False,
            "properties": properties,
            "url": APP_URL + (f"{slug}-{compact}" if slug else compact),
            "public_url": None,
            "archived": page.in_trash,
        }

    # ------------------------------------------------------------------ query

    def query_data_source(
        self,
        data_source_id: str,
        *,
        token: str,
        filter: Mapping[str, Any] | None = None,
        sorts: Sequence[Mapping[str, Any]] | None = None,
        start_cursor: str | None = None,
        page_size: int | None = None,
        filter_properties: Sequence[str] | None = None,
        in_trash: bool | None = None,
    ) -> dict[str, Any]:
        """``POST /v1/data_sources/{id}/query``: filter, sort and page the rows.

        At most ``query_result_limit`` results are served; when more match, every
        response page carries ``request_status: {"type": "incomplete",
        "incomplete_reason": "query_result_limit_reached"}`` and the page that reaches
        the limit has ``has_more: false`` (developers.notion.com, "Query large data
        sources")."""
        source_id = normalize_id(data_source_id, what="data_source_id")
        size = checked_page_size(page_size, where="body.page_size")
        with self._lock:
            source = self._source(source_id, token)
            predicate = compile_filter(filter, source.props) if filter is not None else None
            key = compile_sorts(sorts, source.props)
            only = select_props(source.props, filter_properties)
            now = self.clock()
            users = self._user_rows(token)
            want_trash = bool(in_trash)
            rows = [
                p
                for p in self._load_pages(source_id)
                if p.in_trash == want_trash
                and (predicate is None or predicate(QueryRow(p, source, users, now)))
            ]
            if key is not None:
                rows = sorted_rows(rows, key, source, users, now)
            limit = max(self.query_result_limit, 0)
            capped = len(rows) > limit
            rows = rows[:limit]
            start = 0
            if start_cursor is not None:
                cursor = cursor_id(start_cursor)
                positions = {p.id: i for i, p in enumerate(rows)}
                if cursor not in positions:
                    raise ValidationError(
                        f"body failed validation: body.start_cursor {start_cursor} is invalid "
                        "for this query."
                    )
                start = positions[cursor]
            chunk = rows[start : start + size]
            more = start + size < len(rows)
            result: dict[str, Any] = {
                "object": "list",
                "results": [self._render_page(p, source, users, only) for p in chunk],
                "next_cursor": rows[start + size].id if more else None,
                "has_more": more,
                "type": "page_or_data_source",
                "page_or_data_source": {},
            }
            if capped:
                result["request_status"] = {
                    "type": "incomplete",
                    "incomplete_reason": "query_result_limit_reached",
                }
            return result


def _number_format(plan_type: str, spec: Mapping[str, Any]) -> str:
    if plan_type == "percent":
        return "percent"
    if plan_type == "currency":
        symbol = str(spec.get("symbol") or spec.get("currency") or "").strip()
        return CURRENCY_FORMATS.get(symbol, CURRENCY_FORMATS.get(symbol.upper(), "number"))
    return "number"
