"""Notion databases through notion-client (API 2025-09-03: databases hold data sources).

`notion://DATABASE_ID`: the database's first data source is the table. Reads page
through `data_sources.query`, sorted by creation time so that a read past Notion's
10,000-row cap continues from the last row seen. Writes are `pages.update` of
tasklint's own properties only; long warnings are split into 2,000-character text
objects, at most 100 of them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from functools import partial
from typing import Any

import httpx
from notion_client import APIResponseError, Client
from notion_client.errors import HTTPResponseError, RequestTimeoutError

from tasklint.connectors.remote import (
    ColumnCheck,
    RemoteField,
    RemoteRecord,
    Role,
    RowChange,
    StopSignal,
    WriteInterrupted,
    check_writeback_columns,
    parse_timestamp,
    service_refusal,
)
from tasklint.connectors.transport import (
    CallStats,
    RateLimiter,
    RetryPolicy,
    ThrottledTransport,
    shared_limiter,
)
from tasklint.errors import AuthError, ConnectionFailed, SourceError, TasklintError

COMPUTED_TYPES = frozenset(
    {
        "formula",
        "rollup",
        "created_time",
        "last_edited_time",
        "created_by",
        "last_edited_by",
        "unique_id",
        "button",
        "verification",
    }
)
WRITABLE_TYPES: dict[Role, tuple[str, ...]] = {
    "warnings": ("rich_text",),
    "status": ("select",),
    "completion": ("number",),
}
TEXT_LIMIT = 2000  # characters in one text object
TEXT_ITEMS = 100  # text objects in one rich_text value
PAGE_SIZE = 100


def _fingerprint(token: str) -> str:
    """A key for the token that is not the token (it may end up in a repr)."""
    import hashlib

    return hashlib.sha256(token.encode()).hexdigest()[:16]


def parse_url(url: str) -> str:
    database = url.removeprefix("notion://").strip("/")
    if not database:
        raise SourceError(
            f"{url}: not a Notion source",
            hint="write it as notion://DATABASE_ID",
            zh=f"{url}：不是 Notion 数据库的地址",
            hint_zh="请写成 notion://DATABASE_ID",
        )
    return database


def _bare_id(notion_id: str) -> str:
    """An id as Notion compares them: with or without dashes, any case."""
    return notion_id.replace("-", "").lower()


def rich_text(text: str | None) -> list[dict[str, Any]]:
    """Text as rich_text objects within Notion's limits; past them, whole lines are cut
    and the last line says how many."""
    if not text:
        return []
    budget = TEXT_LIMIT * TEXT_ITEMS
    if len(text) > budget:
        lines = text.split("\n")
        kept: list[str] = []
        used = 0
        for line in lines:
            note = f"\n…and {len(lines) - len(kept)} more"
            if used + len(line) + 1 + len(note) > budget:
                break
            kept.append(line)
            used += len(line) + 1
        text = "\n".join(kept) + f"\n…and {len(lines) - len(kept)} more"
    return [
        {"type": "text", "text": {"content": text[i : i + TEXT_LIMIT]}}
        for i in range(0, len(text), TEXT_LIMIT)
    ]


def plain(value: Any) -> Any:
    """A property value as the plain Python value the cell parsers read."""
    kind = value.get("type")
    data = value.get(kind)
    if kind in ("title", "rich_text"):
        return "".join(
            part.get("plain_text") or part.get("text", {}).get("content", "") for part in data or []
        )
    if kind in ("select", "status"):
        return data.get("name") if data else None
    if kind == "multi_select":
        return [option.get("name") for option in data or []]
    if kind == "people":
        return [
            {
                "id": p.get("id"),
                "name": p.get("name") or "",
                "email": (p.get("person") or {}).get("email"),
            }
            for p in data or []
        ]
    if kind == "date":
        return (data.get("end") or data.get("start")) if data else None
    if kind == "formula":
        return plain(data) if data else None
    if kind == "rollup":
        if data and data.get("type") == "array":
            return [plain(item) for item in data.get("array") or []]
        return plain(data) if data else None
    if kind == "unique_id":
        return f"{data.get('prefix') or ''}{data.get('number')}" if data else None
    if kind in ("created_by", "last_edited_by"):
        return data.get("name") if data else None
    if kind == "verification":  # a wiki page's: verified, unverified or expired
        return data.get("state") if data else None
    if kind == "place":
        # (its name or address; the "Page properties" reference lists lat, lon, name,
        # address and google_place_id — not all of them on every place)
        return (data.get("name") or data.get("address")) if data else None
    if kind in ("incomplete", "unsupported"):
        return None  # a rollup Notion could not finish, or a type the API does not show
    return data  # number, checkbox, url, email, phone_number, created_time, last_edited_time


def _explain(exc: Exception, where: str, where_zh: str | None = None) -> TasklintError:
    """One line for a failed Notion call; `where_zh` names the place in Chinese when
    `where` has English words (Notion's own error text stays as Notion wrote it)."""
    at = where_zh or where
    if isinstance(exc, APIResponseError):
        code = getattr(exc.code, "value", exc.code)
        detail = f"{exc.status} {code}: {str(exc).splitlines()[0][:200]}"
        if exc.status == 401:
            return AuthError(
                f"{where}: Notion refused the token ({detail})",
                hint="set NOTION_TOKEN to an internal integration secret shared with the database",
                zh=f"{at}：Notion 拒绝了这个令牌（{detail}）",
                hint_zh="请把 NOTION_TOKEN 设为一个内部集成的密钥，并把数据库共享给这个集成",
            )
        if exc.status == 404:
            return SourceError(
                f"{where}: not found ({detail})",
                hint="check the database id and share the database with the integration",
                zh=f"{at}：找不到（{detail}）",
                hint_zh="请检查数据库 id，并把数据库共享给集成",
            )
        return service_refusal("Notion", where, at, detail, exc.status, ("database", "数据库"))
    if isinstance(exc, HTTPResponseError):
        if exc.status >= 500:
            return ConnectionFailed(
                f"{where}: Notion answered {exc.status}",
                hint="the service is failing; run again later",
                zh=f"{at}：Notion 返回了 {exc.status}",
                hint_zh="Notion 服务出了故障，请稍后再运行",
            )
        # A 4xx that is not Notion's JSON error: the address answers, but it is no
        # Notion API (a proxy's page, a mistyped NOTION_BASE_URL).
        return ConnectionFailed(
            f"{where}: the server at NOTION_BASE_URL answered {exc.status} without Notion's"
            " error shape",
            hint="check NOTION_BASE_URL (https://api.notion.com, or unset it)",
            zh=f"{at}：NOTION_BASE_URL 指向的服务器返回了 {exc.status}，但不是 Notion 的错误格式",
            hint_zh="请检查 NOTION_BASE_URL（https://api.notion.com，或取消设置）",
        )
    return ConnectionFailed(
        f"{where}: cannot reach Notion ({type(exc).__name__})",
        hint="check the network or NOTION_BASE_URL, then run again",
        zh=f"{at}：无法连接 Notion（{type(exc).__name__}）",
        hint_zh="请检查网络或 NOTION_BASE_URL，然后重新运行",
    )


class NotionConnector:
    kind = "notion"

    def __init__(
        self,
        url: str,
        token: str,
        *,
        base_url: str = "https://api.notion.com",
        stats: CallStats | None = None,
        policy: RetryPolicy | None = None,
        requests_per_second: float = 3.0,
        timeout_s: float = 60.0,
        on_wait: Callable[[str, float], None] | None = None,
    ) -> None:
        self.database_id = parse_url(url)
        self.name = url
        self.stats = stats or CallStats()
        transport = ThrottledTransport(
            # Notion's limit is per integration: one limiter per token for the process.
            shared_limiter(
                ("notion", base_url, _fingerprint(token)),
                lambda: RateLimiter(requests_per_second, burst=3),
            ),
            self.stats,
            policy or RetryPolicy(rate_limit_wait=1.0),
            on_wait=on_wait,
        )
        # Our transport retries (429 with Retry-After, 5xx, 529, network faults) where
        # notion-client does not, so the client's own retry is turned off.
        self._client = Client(
            client=httpx.Client(transport=transport),
            auth=token,
            base_url=base_url.rstrip("/"),
            timeout_ms=int(timeout_s * 1000),
            retry=False,
            # The client logs each failed request at WARNING; tasklint reports failures
            # itself, once, so only the client's errors pass.
            logger=logging.getLogger("tasklint.notion"),
            log_level=logging.ERROR,
        )
        self._data_source: str | None = None
        self._hinted_source: str | None = None  # from an earlier run, not yet checked
        self._fields: dict[str, RemoteField] | None = None
        self._property_ids: dict[str, str] = {}

    def _call(self, what: str, action: Callable[[], Any]) -> Any:
        try:
            return action()
        except (
            APIResponseError,
            HTTPResponseError,
            RequestTimeoutError,
            httpx.TransportError,
        ) as exc:
            raise _explain(exc, f"{self.name} ({what})") from None

    def hints(self) -> dict[str, str]:
        """What a later run need not ask Notion again: the data source's id, once known
        (a sync keeps it in its state store: a request saved on every run)."""
        return {"data_source": self._data_source} if self._data_source else {}

    def use_hints(self, hints: Mapping[str, str]) -> None:
        """Start from what an earlier run found (`hints`). The data source is checked
        when its schema is first read — it must still exist and belong to this database
        — and looked up again from the database when it does not."""
        self._hinted_source = hints.get("data_source") or None

    @property
    def data_source_id(self) -> str:
        if self._data_source is None and self._hinted_source is not None:
            self.fields()  # checks the hinted source: its schema is read first anyway
        if self._data_source is None:
            database = self._call(
                "database", lambda: self._client.databases.retrieve(database_id=self.database_id)
            )
            sources = database.get("data_sources") or []
            if not sources:
                raise SourceError(
                    f"{self.name}: the database has no data source",
                    hint="check the database id",
                    zh=f"{self.name}：这个数据库没有数据源",
                    hint_zh="请检查数据库 id",
                )
            self._data_source = str(sources[0]["id"])
        return self._data_source

    def _hinted_schema(self) -> dict[str, Any] | None:
        """The hinted data source's schema when it is still this database's; else None
        (and the hint is dropped)."""
        hinted, self._hinted_source = self._hinted_source, None
        if hinted is None:
            return None
        source = self._call("schema", partial(self._retrieve_unless_gone, hinted))
        if source is None:
            return None
        parent = source.get("parent") or {}
        if _bare_id(str(parent.get("database_id", ""))) != _bare_id(self.database_id):
            return None  # the URL now names another database
        self._data_source = hinted
        return source

    def _retrieve_unless_gone(self, data_source_id: str) -> dict[str, Any] | None:
        """The data source, or None when Notion says it is gone or no longer shared with
        the integration (400, 404); other failures are `_call`'s to explain."""
        try:
            return self._client.data_sources.retrieve(  # type: ignore[return-value]
                data_source_id=data_source_id
            )
        except APIResponseError as exc:
            if exc.status in (400, 404):
                return None
            raise

    def fields(self) -> Mapping[str, RemoteField]:
        if self._fields is None:
            source = self._hinted_schema() or self._call(
                "schema",
                lambda: self._client.data_sources.retrieve(data_source_id=self.data_source_id),
            )
            found = {}
            for name, prop in (source.get("properties") or {}).items():
                kind = prop.get("type", "")
                options = tuple(
                    o.get("name", "") for o in (prop.get(kind) or {}).get("options", []) or []
                )
                percent = kind == "number" and (prop.get("number") or {}).get("format") == "percent"
                found[name] = RemoteField(name, kind, options, kind in COMPUTED_TYPES, percent)
                self._property_ids[name] = prop.get("id", name)
            self._fields = found
        return self._fields

    def check_columns(self, wanted: Mapping[Role, str], labels: Sequence[str]) -> list[ColumnCheck]:
        # A select option that does not exist yet is created by the write itself.
        return check_writeback_columns(
            self.fields(), wanted, WRITABLE_TYPES, (), noun="property", noun_zh="属性"
        )

    def create_columns(self, missing: Sequence[ColumnCheck], labels: Sequence[str]) -> None:
        colors = ("green", "yellow", "red")
        properties: dict[str, Any] = {}
        for check in missing:
            if check.role == "warnings":
                properties[check.name] = {"rich_text": {}}
            elif check.role == "status":
                properties[check.name] = {
                    "select": {
                        "options": [
                            {"name": label, "color": color}
                            for label, color in zip(labels, colors, strict=False)
                        ]
                    }
                }
            else:
                properties[check.name] = {"number": {"format": "percent"}}
        if properties:
            self._call(
                "add properties",
                lambda: self._client.data_sources.update(
                    data_source_id=self.data_source_id, properties=properties
                ),
            )
        self._fields = None

    def read(self, *, since: datetime | None = None) -> list[RemoteRecord]:
        self.fields()
        seen: dict[str, RemoteRecord] = {}
        created_from: str | None = None
        while True:
            pages, complete = self._query(since, created_from)
            fresh = [page for page in pages if page["id"] not in seen]
            for page in pages:
                seen[page["id"]] = self._record(page)
            if complete or not pages:
                return list(seen.values())
            if not fresh or pages[-1]["created_time"] == created_from:
                # Every row of the window shares one creation minute (Notion rounds it):
                # no filter can reach past them. Refuse rather than sync a partial table.
                raise SourceError(
                    f"{self.name}: Notion's query stopped at its row cap, and more rows than "
                    f"that were created in the same minute ({created_from})",
                    hint="split the database, or filter it with a view of fewer rows",
                    zh=f"{self.name}：Notion 的查询到了行数上限就停止了，而同一分钟"
                    f"（{created_from}）内创建的行比这个上限还多",
                    hint_zh="请拆分数据库，或用行数更少的视图来筛选",
                )
            # Past the 10,000-row cap: start again from the last creation time seen
            # (on_or_after, so rows created in the same minute are not lost).
            created_from = pages[-1]["created_time"]

    def _query(
        self, since: datetime | None, created_from: str | None
    ) -> tuple[list[dict[str, Any]], bool]:
        filters: list[dict[str, Any]] = []
        if since is not None:
            filters.append(
                {
                    "timestamp": "last_edited_time",
                    "last_edited_time": {"on_or_after": since.isoformat()},
                }
            )
        if created_from is not None:
            filters.append(
                {"timestamp": "created_time", "created_time": {"on_or_after": created_from}}
            )
        body: dict[str, Any] = {
            "page_size": PAGE_SIZE,
            "sorts": [{"timestamp": "created_time", "direction": "ascending"}],
        }
        if len(filters) == 1:
            body["filter"] = filters[0]
        elif filters:
            body["filter"] = {"and": filters}
        pages: list[dict[str, Any]] = []
        cursor: str | None = None
        while True:
            if cursor:
                body["start_cursor"] = cursor
            response = self._call(
                "read",
                lambda: self._client.data_sources.query(data_source_id=self.data_source_id, **body),
            )
            pages.extend(response.get("results", []))
            if response.get("has_more") and response.get("next_cursor"):
                cursor = response["next_cursor"]
                continue
            status = (response.get("request_status") or {}).get("type")
            return pages, status != "incomplete"

    def _record(self, page: Mapping[str, Any]) -> RemoteRecord:
        cells = {name: plain(value) for name, value in (page.get("properties") or {}).items()}
        return RemoteRecord(
            str(page["id"]),
            cells,
            [],
            parse_timestamp(page.get("last_edited_time")),
            parse_timestamp(page.get("created_time")),
        )

    def write(
        self,
        changes: Sequence[RowChange],
        *,
        stop: StopSignal | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> list[str]:
        fields = self.fields()
        gone: list[str] = []
        for done, change in enumerate(changes):
            # One page a request, with all of its values: `stop` is honoured between pages.
            if stop is not None and stop.is_set():
                raise WriteInterrupted(done, len(changes))
            properties: dict[str, Any] = {}
            for name, value in change.values.items():
                kind = fields[name].type
                if kind == "rich_text":
                    properties[name] = {"rich_text": rich_text(value)}
                elif kind == "select":
                    properties[name] = {"select": {"name": value} if value else None}
                else:
                    properties[name] = {"number": value}
            if not self._call("write", partial(self._update, change.record_id, properties)):
                gone.append(change.record_id)
            if progress is not None:
                progress(done + 1)
        return gone

    def _update(self, page_id: str, properties: dict[str, Any]) -> bool:
        """Write a page's properties; False when the page is gone from the database: in
        the trash (Notion answers 400 "Can't edit block that is archived. You must
        unarchive the block before editing." — as quoted in notero's issues 525 and 704)
        or deleted for good (404 object_not_found)."""
        try:
            self._client.pages.update(page_id=page_id, properties=properties)
        except APIResponseError as exc:
            code = getattr(exc.code, "value", exc.code)
            said = str(exc).lower()
            archived = (
                exc.status == 400
                and code == "validation_error"
                and ("archived" in said or "trash" in said)
            )
            if archived or (exc.status == 404 and code == "object_not_found"):
                return False
            raise
        return True
