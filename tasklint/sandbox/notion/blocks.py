"""Page content in the Notion sandbox: pages under pages, and blocks.

``BlocksMixin`` is the part of ``NotionBackend`` that serves

    POST   /v1/pages                     with a ``page_id`` parent (a page in a page)
    GET    /v1/pages/{id}, PATCH …       for those pages
    GET    /v1/blocks/{id}               retrieve a block
    GET    /v1/blocks/{id}/children      list a block's or a page's children
    PATCH  /v1/blocks/{id}/children      append children
    DELETE /v1/blocks/{id}               move a block (or a page) to the trash

Shapes follow the Notion API reference for 2025-09-03 ("Block", "Append block
children", "Retrieve block children", "Delete a block", "Create a page") and the
responses recorded in notion-sdk-py's cassettes (test_blocks_children_create,
test_blocks_children_list, test_blocks_delete): an appended or listed page of blocks
is ``{"object": "list", "results", "next_cursor", "has_more", "type": "block",
"block": {}}``; deleting a page answers its ``child_page`` block, archived.

What the sandbox keeps: paragraphs, headings 1–3, bulleted and numbered list items,
to-dos, toggles, quotes, callouts, dividers, tables and table rows, and child pages;
other block types are refused with a validation error naming them. Rich text is
validated as in property values. The request limits of the reference apply: at most
100 children in one array and two levels of nesting in one request.

Pages that are not rows of a data source (a workspace page the sandbox seeds, and
pages created under it) are rows of ``blocks`` of type ``child_page``; their only
property is ``title``.
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from tasklint.sandbox.notion._shapes import (
    APP_URL,
    COLORS,
    MAX_ARRAY,
    checked_page_size,
    cursor_id,
    iso_minute,
    new_id,
    normalize_id,
    not_found,
    plain_text,
    rich_text_from_plain,
    shown,
    validate_rich_text,
)
from tasklint.sandbox.notion.errors import ObjectNotFound, ValidationError

BLOCKS_SQL = """
CREATE TABLE IF NOT EXISTS blocks (
    id TEXT PRIMARY KEY, token TEXT NOT NULL, parent_type TEXT NOT NULL, parent_id TEXT,
    position REAL NOT NULL, type TEXT NOT NULL, body TEXT NOT NULL,
    created_ms INTEGER NOT NULL, edited_ms INTEGER NOT NULL,
    created_by TEXT NOT NULL, edited_by TEXT NOT NULL, in_trash INTEGER NOT NULL,
    icon TEXT, cover TEXT);
CREATE INDEX IF NOT EXISTS blocks_by_parent ON blocks (parent_id, position);
"""

TEXT_BLOCKS = (
    "paragraph",
    "heading_1",
    "heading_2",
    "heading_3",
    "bulleted_list_item",
    "numbered_list_item",
    "to_do",
    "toggle",
    "quote",
    "callout",
)
HEADINGS = ("heading_1", "heading_2", "heading_3")
# Block types whose children the API takes (a heading only when it is toggleable).
CAN_NEST = (*TEXT_BLOCKS, "table", "child_page")
MAX_NESTING = 2  # "up to two levels of nesting in a single request"
_COLORS = frozenset(COLORS) | {f"{c}_background" for c in COLORS if c != "default"}

_COLUMNS = (
    "id, token, parent_type, parent_id, position, type, body, created_ms, edited_ms,"
    " created_by, edited_by, in_trash, icon, cover"
)


@dataclass(frozen=True, slots=True)
class PageLook:
    """What a page update says of a page's icon, cover and trash state, for database
    rows and pages under pages alike: a value given replaces the page's, a null one
    (`clear_…`) removes it, one not given keeps it."""

    icon: Any = None
    cover: Any = None
    in_trash: bool | None = None
    clear_icon: bool = False
    clear_cover: bool = False

    def icon_of(self, current: Any) -> Any:
        return self.icon if self.icon is not None or self.clear_icon else current

    def cover_of(self, current: Any) -> Any:
        return self.cover if self.cover is not None or self.clear_cover else current

    def trashed(self, current: bool) -> bool:
        return current if self.in_trash is None else bool(self.in_trash)


UNCHANGED_LOOK = PageLook()


class BlocksMixin:
    """Blocks and pages-in-pages for ``NotionBackend`` (which provides the database,
    the lock, the clock and the users)."""

    _db: sqlite3.Connection
    _lock: threading.RLock
    _now_ms: Callable[[], int]
    _bot_id: Callable[[str], str]

    # ------------------------------------------------------------------ storage

    def _block_row(self, block_id: str, token: str) -> tuple[Any, ...] | None:
        row: tuple[Any, ...] | None = self._db.execute(
            f"SELECT {_COLUMNS} FROM blocks WHERE id = ? AND token = ?", (block_id, token)
        ).fetchone()
        return row

    def _database_page(self, page_id: str, token: str) -> tuple[Any, ...] | None:
        row: tuple[Any, ...] | None = self._db.execute(
            "SELECT id, in_trash, created_ms, edited_ms, created_by, edited_by FROM pages"
            " WHERE id = ? AND token = ?",
            (page_id, token),
        ).fetchone()
        return row

    def is_doc_page(self, page_id: str, token: str) -> bool:
        """Whether the id names a page that is not a data source row."""
        row = self._block_row(page_id, token)
        return row is not None and row[5] == "child_page"

    def _next_position(self, parent_id: str | None) -> float:
        row = self._db.execute(
            "SELECT MAX(position) FROM blocks WHERE parent_id IS ?", (parent_id,)
        ).fetchone()
        return float(row[0] or 0) + 1.0

    def _insert_block(
        self,
        token: str,
        parent_type: str,
        parent_id: str | None,
        kind: str,
        body: Mapping[str, Any],
        position: float,
        *,
        icon: Any = None,
        cover: Any = None,
    ) -> str:
        block_id = new_id()
        bot = self._bot_id(token)
        now = self._now_ms()
        self._db.execute(
            f"INSERT INTO blocks ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)",
            (
                block_id,
                token,
                parent_type,
                parent_id,
                position,
                kind,
                json.dumps(body, ensure_ascii=False),
                now,
                now,
                bot,
                bot,
                json.dumps(icon) if icon is not None else None,
                json.dumps(cover) if cover is not None else None,
            ),
        )
        return block_id

    def _has_children(self, block_id: str) -> bool:
        return (
            self._db.execute(
                "SELECT 1 FROM blocks WHERE parent_id = ? AND in_trash = 0 LIMIT 1", (block_id,)
            ).fetchone()
            is not None
        )

    # ------------------------------------------------------------------ rendering

    def _render_block(self, row: Sequence[Any]) -> dict[str, Any]:
        (
            block_id,
            _token,
            parent_type,
            parent_id,
            _position,
            kind,
            body,
            created,
            edited,
            created_by,
            edited_by,
            trashed,
            _icon,
            _cover,
        ) = row
        data = json.loads(body)
        if kind == "child_page":
            content: dict[str, Any] = {"title": plain_text(data.get("title"))}
        else:
            content = data
        parent: dict[str, Any] = (
            {"type": "workspace", "workspace": True}
            if parent_type == "workspace"
            else {"type": parent_type, parent_type: parent_id}
        )
        return {
            "object": "block",
            "id": block_id,
            "parent": parent,
            "created_time": iso_minute(created),
            "last_edited_time": iso_minute(edited),
            "created_by": {"object": "user", "id": created_by},
            "last_edited_by": {"object": "user", "id": edited_by},
            "has_children": self._has_children(block_id),
            "archived": bool(trashed),
            "in_trash": bool(trashed),
            "type": kind,
            kind: content,
        }

    def _render_doc_page(self, row: Sequence[Any]) -> dict[str, Any]:
        (page_id, _t, parent_type, parent_id, _p, _k, body, created, edited, by, edited_by,
         trashed, icon, cover) = row  # fmt: skip
        title = json.loads(body).get("title") or []
        text = plain_text(title)
        slug = re.sub(r"[^0-9A-Za-z\u4e00-\u9fff]+", "-", text).strip("-")
        compact = page_id.replace("-", "")
        parent: dict[str, Any] = (
            {"type": "workspace", "workspace": True}
            if parent_type == "workspace"
            else {"type": "page_id", "page_id": parent_id}
        )
        return {
            "object": "page",
            "id": page_id,
            "created_time": iso_minute(created),
            "last_edited_time": iso_minute(edited),
            "created_by": {"object": "user", "id": by},
            "last_edited_by": {"object": "user", "id": edited_by},
            "cover": json.loads(cover) if cover else None,
            "icon": json.loads(icon) if icon else None,
            "parent": parent,
            "in_trash": bool(trashed),
            "is_archived": bool(trashed),
            "is_locked": False,
            "properties": {"title": {"id": "title", "type": "title", "title": title}},
            "url": APP_URL + (f"{slug}-{compact}" if slug else compact),
            "public_url": None,
            "archived": bool(trashed),
        }

    # ------------------------------------------------------------------ pages in pages

    def create_workspace_page(self, title: str, *, token: str) -> str:
        """A top-level page of the token's workspace, shared with the integration (the
        API cannot create one; seeds and tests do)."""
        with self._lock:
            body = {"title": rich_text_from_plain(title)}
            return self._insert_block(
                token, "workspace", None, "child_page", body, self._next_position(None)
            )

    def list_workspace_pages(self, token: str) -> list[dict[str, str]]:
        """``[{"id", "title"}]`` of the top-level pages, for the control endpoint."""
        with self._lock:
            rows = self._db.execute(
                "SELECT id, body FROM blocks WHERE token = ? AND parent_type = 'workspace'"
                " AND in_trash = 0 ORDER BY position",
                (token,),
            ).fetchall()
        return [{"id": r[0], "title": plain_text(json.loads(r[1]).get("title"))} for r in rows]

    def _page_title(self, properties: Mapping[str, Any] | None) -> list[dict[str, Any]]:
        if properties is None:
            return []
        if not isinstance(properties, Mapping):
            raise ValidationError("body failed validation: body.properties should be an object.")
        extra = [key for key in properties if key != "title"]
        if extra:
            # The create-page reference: under a page, title is the only valid property.
            raise ValidationError(
                f"{extra[0]} is not a property that exists. A page that is not in a data source"
                " has only a title."
            )
        value = properties.get("title")
        if isinstance(value, Mapping):
            value = value.get("title")
        if value is None:
            return []
        return validate_rich_text(value, "body.properties.title.title")

    def _require_container(self, block_id: str, token: str) -> tuple[str, str]:
        """(parent type, id) for children of `block_id`: a page (of either kind) or a
        block that takes children."""
        row = self._block_row(block_id, token)
        if row is not None:
            if row[11]:
                raise ValidationError(
                    "Can't edit block that is archived. You must unarchive the block before "
                    "editing."  # the message Notion gives (seen in client issue threads)
                )
            kind, data = row[5], json.loads(row[6])
            if kind == "child_page":
                return "page_id", block_id
            if kind in HEADINGS and not data.get("is_toggleable"):
                raise ValidationError(f"Block type {kind} does not support children.")
            if kind not in CAN_NEST:
                raise ValidationError(f"Block type {kind} does not support children.")
            return "block_id", block_id
        page = self._database_page(block_id, token)
        if page is not None:
            if page[1]:
                raise ValidationError(
                    "Can't edit block that is archived. You must unarchive the block before "
                    "editing."
                )
            return "page_id", block_id
        raise ObjectNotFound(not_found("block", block_id))

    def create_doc_page(
        self,
        *,
        token: str,
        parent_id: str,
        properties: Mapping[str, Any] | None,
        icon: Any = None,
        cover: Any = None,
        children: Any = None,
    ) -> dict[str, Any]:
        """``POST /v1/pages`` with ``{"page_id": …}`` as the parent."""
        parent = normalize_id(str(parent_id), what="parent.page_id")
        with self._lock:
            if not self.is_doc_page(parent, token) and self._database_page(parent, token) is None:
                raise ObjectNotFound(not_found("page", parent))
            self._require_container(parent, token)  # not in the trash
            title = self._page_title(properties)
            blocks = self._checked_children(children, "body.children", depth=1)
            self._db.execute("BEGIN")
            try:
                page_id = self._insert_block(
                    token,
                    "page_id",
                    parent,
                    "child_page",
                    {"title": title},
                    self._next_position(parent),
                    icon=icon,
                    cover=cover,
                )
                self._store_children(token, page_id, "page_id", blocks)
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            row = self._block_row(page_id, token)
            assert row is not None
            return self._render_doc_page(row)

    def retrieve_doc_page(self, page_id: str, *, token: str) -> dict[str, Any]:
        with self._lock:
            row = self._block_row(page_id, token)
            if row is None or row[5] != "child_page":
                raise ObjectNotFound(not_found("page", page_id))
            return self._render_doc_page(row)

    def update_doc_page(
        self,
        page_id: str,
        *,
        token: str,
        properties: Mapping[str, Any] | None = None,
        look: PageLook = UNCHANGED_LOOK,
    ) -> dict[str, Any]:
        with self._lock:
            row = self._block_row(page_id, token)
            if row is None or row[5] != "child_page":
                raise ObjectNotFound(not_found("page", page_id))
            body = json.loads(row[6])
            if properties:
                body["title"] = self._page_title(properties)
            new_icon = look.icon_of(_loads(row[12]))
            new_cover = look.cover_of(_loads(row[13]))
            trashed = look.trashed(bool(row[11]))
            self._db.execute(
                "UPDATE blocks SET body = ?, icon = ?, cover = ?, in_trash = ?, edited_ms = ?,"
                " edited_by = ? WHERE id = ?",
                (
                    json.dumps(body, ensure_ascii=False),
                    json.dumps(new_icon) if new_icon is not None else None,
                    json.dumps(new_cover) if new_cover is not None else None,
                    int(trashed),
                    self._now_ms(),
                    self._bot_id(token),
                    page_id,
                ),
            )
            updated = self._block_row(page_id, token)
            assert updated is not None
            return self._render_doc_page(updated)

    # ------------------------------------------------------------------ validation

    def _checked_children(self, children: Any, where: str, *, depth: int) -> list[dict[str, Any]]:
        """Block objects in the write shape -> ``[{"type", "body", "children"}]``."""
        if children is None:
            return []
        if not isinstance(children, list):
            raise ValidationError(
                f"body failed validation: {where} should be an array, instead was "
                f"`{shown(children)}`."
            )
        if len(children) > MAX_ARRAY:
            raise ValidationError(
                f"body failed validation: {where}.length should be ≤ `{MAX_ARRAY}`, instead "
                f"was `{len(children)}`."
            )
        return [
            self._checked_block(item, f"{where}[{i}]", depth=depth)
            for i, item in enumerate(children)
        ]

    def _checked_block(self, item: Any, where: str, *, depth: int) -> dict[str, Any]:
        if not isinstance(item, Mapping):
            raise ValidationError(f"body failed validation: {where} should be an object.")
        kinds = [k for k in item if k not in ("object", "type", "id")]
        kind = item.get("type") or (kinds[0] if len(kinds) == 1 else None)
        if kind is None or not isinstance(item.get(kind), Mapping):
            raise ValidationError(
                f"body failed validation: {where} should define one block type, e.g. `paragraph`."
            )
        data: Mapping[str, Any] = item[kind]
        at = f"{where}.{kind}"
        nested = data.get("children")
        if nested is not None and depth >= MAX_NESTING:
            # The append reference: "up to two levels of nesting in a single request".
            raise ValidationError(
                f"body failed validation: {at}.children should be not present: a request "
                f"nests blocks at most {MAX_NESTING} levels deep."
            )
        if kind in TEXT_BLOCKS:
            body: dict[str, Any] = {
                "rich_text": validate_rich_text(data.get("rich_text", []), f"{at}.rich_text"),
                "color": _color(data.get("color", "default"), f"{at}.color"),
            }
            if kind in HEADINGS:
                body["is_toggleable"] = bool(data.get("is_toggleable", False))
                if nested is not None and not body["is_toggleable"]:
                    raise ValidationError(
                        f"body failed validation: {at}.children should be not present unless "
                        "the heading is toggleable."
                    )
            if kind == "to_do":
                body["checked"] = bool(data.get("checked", False))
            if kind == "callout":
                body["icon"] = data.get("icon")
            children = self._checked_children(nested, f"{at}.children", depth=depth + 1)
            return {"type": kind, "body": body, "children": children}
        if kind == "divider":
            return {"type": kind, "body": {}, "children": []}
        if kind == "table":
            width = data.get("table_width")
            if isinstance(width, bool) or not isinstance(width, int) or width < 1:
                raise ValidationError(
                    f"body failed validation: {at}.table_width should be a positive integer, "
                    f"instead was `{shown(width)}`."
                )
            if not nested:
                # A table is created with its rows (the block reference's table section).
                raise ValidationError(
                    f"body failed validation: {at}.children should be defined, instead was "
                    "`undefined`."
                )
            rows = self._checked_children(nested, f"{at}.children", depth=depth + 1)
            for i, row in enumerate(rows):
                if row["type"] != "table_row":
                    raise ValidationError(
                        f"body failed validation: {at}.children[{i}] should be a table_row."
                    )
                if len(row["body"]["cells"]) != width:
                    # Notion refuses a row whose cell count differs from the table's width;
                    # its exact message is not documented.
                    raise ValidationError(
                        f"Number of cells in table row must match the table width of {width}."
                    )
            body = {
                "table_width": width,
                "has_column_header": bool(data.get("has_column_header", False)),
                "has_row_header": bool(data.get("has_row_header", False)),
            }
            return {"type": kind, "body": body, "children": rows}
        if kind == "table_row":
            cells = data.get("cells")
            if not isinstance(cells, list):
                raise ValidationError(
                    f"body failed validation: {at}.cells should be an array, instead was "
                    f"`{shown(cells)}`."
                )
            checked = [validate_rich_text(c, f"{at}.cells[{i}]") for i, c in enumerate(cells)]
            return {"type": kind, "body": {"cells": checked}, "children": []}
        raise ValidationError(f"The sandbox does not support {kind} blocks ({where}).")

    def _store_children(
        self,
        token: str,
        parent_id: str,
        parent_type: str,
        blocks: Sequence[Mapping[str, Any]],
        *,
        after: float | None = None,
        before: float | None = None,
    ) -> list[str]:
        if after is None:
            start, step = self._next_position(parent_id), 1.0
        else:
            end = before if before is not None else after + len(blocks) + 1
            step = (end - after) / (len(blocks) + 1)
            start = after + step
        ids = []
        for index, block in enumerate(blocks):
            if block["type"] == "table_row" and parent_type != "block_id":
                raise ValidationError("A table_row can only be a child of a table.")
            block_id = self._insert_block(
                token, parent_type, parent_id, block["type"], block["body"], start + index * step
            )
            ids.append(block_id)
            if block["children"]:
                self._store_children(token, block_id, "block_id", block["children"])
        return ids

    # ------------------------------------------------------------------ block API

    def retrieve_block(self, block_id: str, *, token: str) -> dict[str, Any]:
        """``GET /v1/blocks/{id}``."""
        bid = normalize_id(block_id, what="block_id")
        with self._lock:
            row = self._block_row(bid, token)
            if row is not None:
                return self._render_block(row)
            page = self._database_page(bid, token)
            if page is not None:
                return self._database_page_block(bid, token)
            raise ObjectNotFound(not_found("block", bid))

    def _database_page_block(self, page_id: str, token: str) -> dict[str, Any]:
        """A data source row seen as a block (``child_page``), as Notion shows it."""
        page = self.retrieve_page(page_id, token=token)  # type: ignore[attr-defined]
        title = next(
            (plain_text(p["title"]) for p in page["properties"].values() if p["type"] == "title"),
            "",
        )
        parent = page["parent"]
        return {
            "object": "block",
            "id": page_id,
            "parent": {"type": "database_id", "database_id": parent.get("database_id")},
            "created_time": page["created_time"],
            "last_edited_time": page["last_edited_time"],
            "created_by": page["created_by"],
            "last_edited_by": page["last_edited_by"],
            "has_children": self._has_children(page_id),
            "archived": page["in_trash"],
            "in_trash": page["in_trash"],
            "type": "child_page",
            "child_page": {"title": title},
        }

    def list_block_children(
        self,
        block_id: str,
        *,
        token: str,
        start_cursor: str | None = None,
        page_size: Any = None,
    ) -> dict[str, Any]:
        """``GET /v1/blocks/{id}/children``: the first level, oldest first, paginated."""
        bid = normalize_id(block_id, what="block_id")
        size = checked_page_size(page_size, where="query.page_size")
        with self._lock:
            if self._block_row(bid, token) is None and self._database_page(bid, token) is None:
                raise ObjectNotFound(not_found("block", bid))
            rows = self._db.execute(
                f"SELECT {_COLUMNS} FROM blocks WHERE parent_id = ? AND token = ?"
                " AND in_trash = 0 ORDER BY position",
                (bid, token),
            ).fetchall()
            ids = [r[0] for r in rows]
            start = 0
            if start_cursor is not None:
                cursor = cursor_id(start_cursor)
                if cursor not in ids:
                    raise ValidationError("start_cursor provided is invalid: " + start_cursor)
                start = ids.index(cursor)
            chunk = rows[start : start + size]
            more = start + size < len(rows)
            return _block_list(
                [self._render_block(r) for r in chunk], ids[start + size] if more else None
            )

    def append_block_children(
        self,
        block_id: str,
        *,
        token: str,
        children: Any,
        after: str | None = None,
    ) -> dict[str, Any]:
        """``PATCH /v1/blocks/{id}/children``: the new first-level blocks."""
        bid = normalize_id(block_id, what="block_id")
        if children is None:
            raise ValidationError(
                "body failed validation: body.children should be defined, instead was `undefined`."
            )
        with self._lock:
            parent_type, _ = self._require_container(bid, token)
            row = self._block_row(bid, token)
            if row is not None and row[5] == "table":
                blocks = self._checked_children(children, "body.children", depth=2)
                width = json.loads(row[6])["table_width"]
                for block in blocks:
                    if block["type"] != "table_row" or len(block["body"]["cells"]) != width:
                        raise ValidationError(
                            f"Number of cells in table row must match the table width of {width}."
                        )
            else:
                blocks = self._checked_children(children, "body.children", depth=1)
            bounds: tuple[float | None, float | None] = (None, None)
            if after is not None:
                anchor = normalize_id(str(after), what="after")
                siblings = self._db.execute(
                    "SELECT id, position FROM blocks WHERE parent_id = ? AND in_trash = 0"
                    " ORDER BY position",
                    (bid,),
                ).fetchall()
                positions = [p for _, p in siblings]
                index = next((i for i, (sid, _) in enumerate(siblings) if sid == anchor), None)
                if index is None:
                    raise ValidationError(
                        f"body failed validation: body.after should be the id of a child of "
                        f"{bid}, instead was `{shown(after)}`."
                    )
                following = positions[index + 1] if index + 1 < len(positions) else None
                bounds = (positions[index], following)
            self._db.execute("BEGIN")
            try:
                ids = self._store_children(
                    token, bid, parent_type, blocks, after=bounds[0], before=bounds[1]
                )
                self._touch(bid, token)
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            results = []
            for new in ids:
                new_row = self._block_row(new, token)
                assert new_row is not None
                results.append(self._render_block(new_row))
            return _block_list(results, None)

    def delete_block(self, block_id: str, *, token: str) -> dict[str, Any]:
        """``DELETE /v1/blocks/{id}``: the block (a page too) goes to the trash, with
        what it holds; the answer is the block, archived."""
        bid = normalize_id(block_id, what="block_id")
        with self._lock:
            row = self._block_row(bid, token)
            if row is None:
                page = self._database_page(bid, token)
                if page is None:
                    raise ObjectNotFound(not_found("block", bid))
                if page[1]:
                    raise ValidationError(
                        "Can't edit block that is archived. You must unarchive the block "
                        "before editing."
                    )
                self.update_page(bid, token=token, in_trash=True)  # type: ignore[attr-defined]
                return self._database_page_block(bid, token)
            if row[11]:
                raise ValidationError(
                    "Can't edit block that is archived. You must unarchive the block before "
                    "editing."
                )
            self._db.execute(
                "UPDATE blocks SET in_trash = 1, edited_ms = ?, edited_by = ? WHERE id = ?",
                (self._now_ms(), self._bot_id(token), bid),
            )
            if row[3] is not None:
                self._touch(row[3], token)
            deleted = self._block_row(bid, token)
            assert deleted is not None
            return self._render_block(deleted)

    def erase_children(self, page_id: str, *, token: str) -> None:
        """Every block directly under the page to the trash (what they hold goes with
        them, as with `delete_block`)."""
        with self._lock:
            self._db.execute(
                "UPDATE blocks SET in_trash = 1, edited_ms = ?, edited_by = ?"
                " WHERE parent_id = ? AND token = ? AND in_trash = 0",
                (self._now_ms(), self._bot_id(token), page_id, token),
            )

    def _touch(self, block_id: str, token: str) -> None:
        self._db.execute(
            "UPDATE blocks SET edited_ms = ?, edited_by = ? WHERE id = ? AND token = ?",
            (self._now_ms(), self._bot_id(token), block_id, token),
        )


def _block_list(results: list[dict[str, Any]], cursor: str | None) -> dict[str, Any]:
    return {
        "object": "list",
        "results": results,
        "next_cursor": cursor,
        "has_more": cursor is not None,
        "type": "block",
        "block": {},
    }


def _color(value: Any, where: str) -> str:
    if value not in _COLORS:
        raise ValidationError(
            f"body failed validation: {where} should be a color such as `default`, `red` or "
            f"`red_background`, instead was `{shown(value)}`."
        )
    return str(value)


def _loads(text: str | None) -> Any:
    return json.loads(text) if text else None
