"""Airtable tables through pyairtable, over a transport that waits out 429s.

`airtable://BASE_ID/TABLE` (table name or id; `view` from the config). Reads learn
the field types from the meta API, so collaborators, percents, selects and dates are
read by type; a formula error cell ({"error": "#ERROR!"}) becomes an X901 finding.
Writes are PATCH (`batch_update`, 10 records a request, typecast off) of tasklint's own
columns only.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from functools import partial
from typing import Any
from urllib.parse import unquote

import requests
from pyairtable import Api
from pyairtable.formulas import GTE, Field, to_formula_str

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
    RetryPolicy,
    ThrottledAdapter,
    WindowLimiter,
    shared_limiter,
)
from tasklint.errors import AuthError, ConnectionFailed, SourceError, TasklintError
from tasklint.model import CellProblem

COMPUTED_TYPES = frozenset(
    {
        "formula",
        "rollup",
        "count",
        "lookup",
        "multipleLookupValues",
        "createdTime",
        "lastModifiedTime",
        "autoNumber",
        "createdBy",
        "lastModifiedBy",
        "button",
    }
)
# Which Airtable field types can hold each write-back column, and the type setup creates.
WRITABLE_TYPES: dict[Role, tuple[str, ...]] = {
    "warnings": ("multilineText", "richText"),
    "status": ("singleSelect",),
    "completion": ("percent",),
}
_STATUS_COLORS = ("greenBright", "yellowBright", "redBright")
WRITE_BATCH = 10  # records in one update request: Airtable's limit


def parse_url(url: str) -> tuple[str, str]:
    """airtable://appXXXX/Table name -> (base id, table)."""
    rest = url.removeprefix("airtable://")
    base, _, table = rest.partition("/")
    if not base or not table:
        raise SourceError(
            f"{url}: not an Airtable source",
            hint="write it as airtable://BASE_ID/TABLE, e.g. airtable://appXXXXXXXXXXXXXX/Checklist",
            zh=f"{url}：不是 Airtable 表的地址",
            hint_zh="请写成 airtable://BASE_ID/TABLE，例如 airtable://appXXXXXXXXXXXXXX/Checklist",
        )
    return base, unquote(table)


def _explain_http_error(exc: requests.HTTPError, where: str) -> TasklintError:
    """One line from Airtable's error body; never the request headers (they hold the token)."""
    response = exc.response
    status = response.status_code if response is not None else 0
    kind, message = "", ""
    try:
        body = response.json() if response is not None else {}
        error = body.get("error", body)
        if isinstance(error, dict):
            kind, message = str(error.get("type", "")), str(error.get("message", ""))
        else:
            kind = str(error)
    except ValueError:
        pass
    detail = f"{status} {kind}".strip() + (f": {message}" if message else "")
    if status == 401:
        return AuthError(
            f"{where}: Airtable refused the token ({detail})",
            hint="set AIRTABLE_TOKEN to a personal access token with the data.records:read, "
            "data.records:write and schema.bases:read scopes",
            zh=f"{where}：Airtable 拒绝了这个令牌（{detail}）",
            hint_zh="请把 AIRTABLE_TOKEN 设为一个个人访问令牌（personal access token），"
            "并授予 data.records:read、data.records:write 和 schema.bases:read 权限",
        )
    if status in (403, 404):
        return SourceError(
            f"{where}: not found or not permitted ({detail})",
            hint="check the base id and table name, and that the token has access to the base",
            zh=f"{where}：找不到，或没有权限（{detail}）",
            hint_zh="请检查 base id 和表名，并确认令牌可以访问这个 base",
        )
    return service_refusal("Airtable", where, where, detail, status, ("table", "这张表"))


def call_airtable(where: str, action: Callable[[], Any]) -> Any:
    """Run one pyairtable call; its failures become one line for the user."""
    try:
        return action()
    except requests.HTTPError as exc:
        raise _explain_http_error(exc, where) from None
    except (requests.ConnectionError, requests.Timeout) as exc:
        raise ConnectionFailed(
            f"{where}: cannot reach Airtable ({type(exc).__name__})",
            hint="check the network or AIRTABLE_ENDPOINT_URL, then run again",
            zh=f"{where}：无法连接 Airtable（{type(exc).__name__}）",
            hint_zh="请检查网络或 AIRTABLE_ENDPOINT_URL，然后重新运行",
        ) from None
    except requests.RequestException as exc:
        # A request that could not be made (an endpoint that is no http(s) URL): its
        # message may quote the request, headers and all, so only its kind is shown.
        raise ConnectionFailed(
            f"{where}: cannot send a request to Airtable ({type(exc).__name__})",
            hint="set AIRTABLE_ENDPOINT_URL to an http(s) URL such as https://api.airtable.com"
            " (or unset it)",
            zh=f"{where}：无法向 Airtable 发送请求（{type(exc).__name__}）",
            hint_zh="请把 AIRTABLE_ENDPOINT_URL 设为 http(s) 地址，如 https://api.airtable.com"
            "（或取消设置）",
        ) from None


class AirtableConnector:
    kind = "airtable"

    def __init__(
        self,
        url: str,
        token: str,
        *,
        endpoint_url: str = "https://api.airtable.com",
        view: str | None = None,
        modified_field: str | None = None,
        stats: CallStats | None = None,
        policy: RetryPolicy | None = None,
        # Airtable allows 5 requests in any second per base; counting them over 1.05 s
        # keeps a margin for requests that arrive bunched by network jitter.
        requests_per_second: float = 5.0,
        window: float = 1.05,
        timeout: tuple[float, float] = (10.0, 60.0),
        on_wait: Callable[[str, float], None] | None = None,
    ) -> None:
        self.base_id, self.table_name = parse_url(url)
        self.name = url
        self.view = view
        self.modified_field = modified_field
        self.stats = stats or CallStats()
        endpoint_url = endpoint_url.rstrip("/")
        api = Api(token, timeout=timeout, retry_strategy=None, endpoint_url=endpoint_url)  # type: ignore[arg-type]
        # Airtable limits each base to 5 requests/s: one limiter for this base's calls.
        calls = max(1, round(requests_per_second))
        limiter = shared_limiter(
            ("airtable", endpoint_url, self.base_id), lambda: WindowLimiter(calls, window)
        )
        adapter = ThrottledAdapter(
            limiter,
            self.stats,
            policy or RetryPolicy(),
            on_wait=on_wait,
        )
        api.session.mount(endpoint_url, adapter)
        self._table = api.table(self.base_id, self.table_name)
        self._fields: dict[str, RemoteField] | None = None
        self._time_zones: dict[str, str] = {}

    def _call(self, what: str, action: Callable[[], Any]) -> Any:
        return call_airtable(f"{self.name} ({what})", action)

    # --- schema -------------------------------------------------------------------

    def _schema(self) -> Any:
        # pyairtable finds the table in the base's schema by name or id, and a name the
        # base lacks is a KeyError: the user gets the names the base has instead.
        try:
            return self._table.schema()
        except KeyError:
            tables = [t.name for t in self._table.base.schema().tables]
            shown = ", ".join(repr(name) for name in tables[:20]) or "none"
            raise SourceError(
                f"{self.name}: the base has no table {self.table_name!r} (its tables: {shown})",
                hint="check the table's name (as its tab shows it) or id in the source's url",
                zh=f"{self.name}：这个 base 里没有表 {self.table_name!r}（它的表：{shown}）",
                hint_zh="请检查 url 中的表名（与表格标签一致）或表 id",
            ) from None

    def fields(self) -> Mapping[str, RemoteField]:
        if self._fields is None:
            schema = self._call("schema", self._schema)
            found: dict[str, RemoteField] = {}
            for f in schema.fields:
                options = getattr(f, "options", None)
                choices = tuple(c.name for c in getattr(options, "choices", []) or [])
                zone = getattr(options, "time_zone", None)
                if zone and zone != "client":
                    self._time_zones[f.name] = zone
                kind = str(getattr(f.type, "value", f.type))  # pyairtable gives an enum
                found[f.name] = RemoteField(
                    f.name, kind, choices, kind in COMPUTED_TYPES, kind == "percent"
                )
            self._fields = found
        return self._fields

    def check_columns(self, wanted: Mapping[Role, str], labels: Sequence[str]) -> list[ColumnCheck]:
        # With typecast off, a status label the single select lacks would be refused
        # (422 INVALID_MULTIPLE_CHOICE_OPTIONS), and the API cannot add options.
        return check_writeback_columns(
            self.fields(),
            wanted,
            WRITABLE_TYPES,
            labels,
            noun="column",
            noun_zh="列",
            where="Airtable",
        )

    def create_columns(self, missing: Sequence[ColumnCheck], labels: Sequence[str]) -> None:
        for check in missing:
            options: dict[str, Any] | None = None
            if check.role == "status":
                choices = [
                    {"name": label, "color": color}
                    for label, color in zip(labels, _STATUS_COLORS, strict=False)
                ]
                options = {"choices": choices}
            elif check.role == "completion":
                options = {"precision": 0}
            kind = WRITABLE_TYPES[check.role][0]
            self._call(
                "create field",
                partial(self._table.create_field, check.name, kind, options=options),
            )
        self._fields = None

    # --- rows ---------------------------------------------------------------------

    def read(self, *, since: datetime | None = None) -> list[RemoteRecord]:
        fields = self.fields()
        options: dict[str, Any] = {}
        if self.view:
            options["view"] = self.view
        if since is not None and self.modified_field:
            # pyairtable renders a naive datetime without "Z": always pass aware UTC.
            since_utc = since.astimezone(UTC)
            options["formula"] = to_formula_str(GTE(Field(self.modified_field), since_utc))
        # Read every page before any processing: a slow reader lets the iterator expire.
        records = self._call("read", lambda: self._table.all(**options))
        return [self._record(r, fields) for r in records]

    def _record(self, record: Mapping[str, Any], fields: Mapping[str, RemoteField]) -> RemoteRecord:
        cells: dict[str, Any] = {}
        problems: list[CellProblem] = []
        for name, value in record.get("fields", {}).items():
            if isinstance(value, dict) and ("error" in value or "specialValue" in value):
                shown = str(value.get("error") or value.get("specialValue"))
                problems.append(
                    CellProblem(
                        field="", column=name, raw=shown, expected="a value (the formula fails)"
                    )
                )
                continue
            kind = fields[name].type if name in fields else ""
            if kind == "aiText" and isinstance(value, dict):
                if value.get("state") == "error":
                    shown = f"AI text: {value.get('errorType') or 'error'}"
                    problems.append(
                        CellProblem(
                            field="", column=name, raw=shown, expected="a value (the AI failed)"
                        )
                    )
                else:  # (empty or still being written: no value yet)
                    cells[name] = value.get("value")
            elif kind == "barcode" and isinstance(value, dict):
                cells[name] = value.get("text")
            elif kind == "dateTime" and isinstance(value, str):
                cells[name] = _as_zone(value, self._time_zones.get(name))
            elif kind == "checkbox":
                cells[name] = bool(value)
            else:
                cells[name] = value
        created = parse_timestamp(record.get("createdTime"))
        return RemoteRecord(str(record["id"]), cells, problems, None, created)

    def write(
        self,
        changes: Sequence[RowChange],
        *,
        stop: StopSignal | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> list[str]:
        updates: list[Any] = [{"id": c.record_id, "fields": dict(c.values)} for c in changes]
        gone: list[str] = []
        # Ten records a request (Airtable's limit), one request after another (PATCH), as
        # batch_update would send them; chunked here so that `stop` is honoured between
        # requests. A request carries all of a row's values, so no row is half-written.
        for start in range(0, len(updates), WRITE_BATCH):
            if stop is not None and stop.is_set():
                raise WriteInterrupted(start, len(updates))
            chunk = updates[start : start + WRITE_BATCH]
            gone += self._call("write", partial(self._update, chunk))
            if progress is not None:
                progress(start + len(chunk))
        return gone

    def _update(self, chunk: list[Any]) -> list[str]:
        """Write the chunk; the ids of its records the table no longer has."""
        try:
            self._table.batch_update(chunk, typecast=False)
            return []
        except requests.HTTPError as exc:
            if not _row_gone(exc):
                raise
        # One of the records was deleted since it was read (the table itself answered
        # the read a moment ago), and Airtable refuses the whole request for it: the
        # chunk's records are written one at a time, the deleted ones skipped.
        gone = []
        for record in chunk:
            try:
                self._table.update(record["id"], record["fields"], typecast=False)
            except requests.HTTPError as exc:
                if not _row_gone(exc):
                    raise
                gone.append(record["id"])
        return gone


def _row_gone(exc: requests.HTTPError) -> bool:
    """404 on a PATCH of records by id: a record named is not in the table."""
    return exc.response is not None and exc.response.status_code == 404


def _as_zone(value: str, zone: str | None) -> str:
    """A dateTime cell (UTC) as the wall-clock time of the field's zone, when it has one."""
    moment = parse_timestamp(value)
    if moment is None or zone is None:
        return value
    from zoneinfo import ZoneInfo

    try:
        return moment.astimezone(ZoneInfo(zone)).isoformat()
    except (KeyError, ValueError):
        return value
