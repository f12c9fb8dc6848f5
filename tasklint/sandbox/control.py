"""The sandbox's own control endpoints under ``/__sandbox`` (no vendor has these).

    GET    /__sandbox/info            token, URLs, Airtable bases/tables, Notion databases
    GET    /__sandbox/stats           {"requests": [{vendor, method, path, query, status, fault}]}
    POST   /__sandbox/stats/reset     forget the recorded requests
    GET    /__sandbox/faults          the faults still queued
    POST   /__sandbox/faults          {"vendor", "status", "count"} | {"vendor", "drop"}
                                      | {"vendor", "delay_ms", "count"}  (+ "retry_after")
    DELETE /__sandbox/faults          drop every queued fault (``?vendor=`` for one vendor)
    POST   /__sandbox/edit            a person's edit: {"vendor": "airtable", "base", "table",
                                      "record", "fields"} or {"vendor": "notion", "page",
                                      "properties"}
    GET    /__sandbox/limits          rate-limit settings
    POST   /__sandbox/limits          change some of them (and "airtable_iterator_ttl")
    POST   /__sandbox/airtable/views  {"base", "table", "name", "formula"?, "sort"?}
    POST   /__sandbox/reset           forget stats, faults and rate-limit state;
                                      {"data": true} also empties both vendors' state

These calls are never recorded, rate limited or faulted. They need no token: the
sandbox listens on loopback only unless told otherwise.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, TypedDict

import httpx
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from tasklint.sandbox.airtable.errors import AirtableError
from tasklint.sandbox.airtable.models import AirtableBackend
from tasklint.sandbox.limits import Limits, RequestRecord, Traffic, Vendor
from tasklint.sandbox.notion.errors import NotionError

__all__ = ["ControlClient", "ControlError", "SandboxInfo", "routes"]


class _BadRequest(Exception):
    pass


def _problem(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


async def _body(request: Request) -> dict[str, Any]:
    raw = await request.body()
    if not raw.strip():
        return {}
    try:
        data = json.loads(raw)
    except ValueError as exc:
        raise _BadRequest(f"invalid JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise _BadRequest("the body must be a JSON object")
    return data


def _traffic(request: Request) -> Traffic:
    traffic: Traffic = request.app.state.traffic
    return traffic


def _airtable(request: Request) -> AirtableBackend:
    backend: AirtableBackend = request.app.state.airtable
    return backend


def _root(request: Request) -> str:
    return str(request.base_url).rstrip("/")


def _guard(handler: Any) -> Any:
    async def wrapped(request: Request) -> Response:
        try:
            response: Response = await handler(request)
            return response
        except _BadRequest as exc:
            return _problem(400, str(exc))
        except AirtableError as exc:
            return exc.response()
        except NotionError as exc:
            return exc.response()
        except (KeyError, TypeError, ValueError) as exc:
            return _problem(400, f"{type(exc).__name__}: {exc}")

    wrapped.__name__ = handler.__name__
    return wrapped


@_guard
async def info(request: Request) -> Response:
    root = _root(request)
    notion = request.app.state.notion
    databases: list[dict[str, Any]] = []
    pages: list[dict[str, Any]] = []
    if notion is not None:
        databases = list(notion.list_databases(request.app.state.token))
        pages = list(notion.list_workspace_pages(request.app.state.token))
    return JSONResponse(
        {
            "token": request.app.state.token,
            "airtable": {"endpoint_url": root, "bases": _airtable(request).info()},
            "notion": {"base_url": root, "databases": databases, "pages": pages},
        }
    )


@_guard
async def stats(request: Request) -> Response:
    return JSONResponse({"requests": _traffic(request).stats.snapshot()})


@_guard
async def stats_reset(request: Request) -> Response:
    _traffic(request).stats.reset()
    return JSONResponse({"requests": []})


@_guard
async def faults(request: Request) -> Response:
    traffic = _traffic(request)
    if request.method == "GET":
        return JSONResponse({"faults": traffic.faults.pending()})
    if request.method == "DELETE":
        vendor = request.query_params.get("vendor")
        traffic.faults.clear(vendor)  # type: ignore[arg-type]
        return JSONResponse({"faults": traffic.faults.pending()})
    body = await _body(request)
    fault = traffic.faults.add(
        body.get("vendor"),  # type: ignore[arg-type]
        status=body.get("status"),
        count=int(body.get("count", 1)),
        drop=body.get("drop"),
        delay_ms=body.get("delay_ms"),
        retry_after=body.get("retry_after"),
    )
    return JSONResponse({"fault": fault.to_json(), "faults": traffic.faults.pending()})


@_guard
async def edit(request: Request) -> Response:
    body = await _body(request)
    vendor = body.get("vendor")
    if vendor == "airtable":
        backend = _airtable(request)
        fields = body.get("fields")
        if not isinstance(fields, dict):
            raise _BadRequest('"fields" must be an object of cell values by field name or id')
        base = backend.resolve_base(str(body["base"]))
        record = backend.edit_record(base, str(body["table"]), str(body["record"]), fields)
        return JSONResponse(record)
    if vendor == "notion":
        notion = request.app.state.notion
        if notion is None:
            return _problem(501, "this sandbox runs without its Notion half")
        properties = body.get("properties")
        if not isinstance(properties, dict):
            raise _BadRequest('"properties" must be an object of property values by name')
        page = notion.edit_page(str(body["page"]), properties, token=request.app.state.token)
        return JSONResponse(page)
    raise _BadRequest('"vendor" must be "airtable" or "notion"')


@_guard
async def limits(request: Request) -> Response:
    traffic = _traffic(request)
    backend = _airtable(request)
    if request.method == "POST":
        body = await _body(request)
        known = set(Limits().to_json())
        for key, value in body.items():
            if key == "airtable_iterator_ttl":
                backend.iterator_ttl = float(value)
            elif key in known:
                current = getattr(traffic.limits, key)
                setattr(traffic.limits, key, type(current)(value))
            else:
                raise _BadRequest(f"unknown limit {key!r}; known: {sorted(known)}")
    return JSONResponse(traffic.limits.to_json() | {"airtable_iterator_ttl": backend.iterator_ttl})


@_guard
async def airtable_views(request: Request) -> Response:
    body = await _body(request)
    backend = _airtable(request)
    base = backend.resolve_base(str(body["base"]))
    view = backend.create_view(
        base,
        str(body["table"]),
        str(body["name"]),
        formula=body.get("formula"),
        sort=body.get("sort"),
    )
    return JSONResponse(
        {"id": view.id, "name": view.name, "formula": view.formula, "sort": list(view.sort)}
    )


@_guard
async def reset(request: Request) -> Response:
    body = await _body(request)
    _traffic(request).reset()
    if body.get("data"):
        _airtable(request).reset()
        notion = request.app.state.notion
        if notion is not None:
            notion.reset()
    return JSONResponse({"reset": True, "data": bool(body.get("data"))})


routes: list[BaseRoute] = [
    Route("/info", info, methods=["GET"]),
    Route("/stats", stats, methods=["GET"]),
    Route("/stats/reset", stats_reset, methods=["POST"]),
    Route("/faults", faults, methods=["GET", "POST", "DELETE"]),
    Route("/edit", edit, methods=["POST"]),
    Route("/limits", limits, methods=["GET", "POST"]),
    Route("/airtable/views", airtable_views, methods=["POST"]),
    Route("/reset", reset, methods=["POST"]),
]


# -- client ------------------------------------------------------------------------------


class TableRef(TypedDict):
    id: str
    name: str


class BaseInfo(TypedDict):
    id: str
    name: str
    tables: list[TableRef]


class AirtableInfo(TypedDict):
    endpoint_url: str
    bases: list[BaseInfo]


class DatabaseRef(TypedDict):
    id: str
    title: str
    data_source_id: str


class PageRef(TypedDict):
    id: str
    title: str


class NotionInfo(TypedDict):
    base_url: str
    databases: list[DatabaseRef]
    pages: list[PageRef]  # top-level pages, to publish reports under


class SandboxInfo(TypedDict):
    token: str
    airtable: AirtableInfo
    notion: NotionInfo


class ControlError(RuntimeError):
    """A control call the sandbox refused; ``status`` and ``body`` say why."""

    def __init__(self, status: int, body: Any) -> None:
        self.status = status
        self.body = body
        super().__init__(f"sandbox control call failed with HTTP {status}: {body}")


class ControlClient:
    """A typed client for ``/__sandbox``; ``SandboxServer.control`` is one.

    >>> server.control.add_fault("airtable", status=500, count=2)
    >>> [r.status for r in server.control.stats()]
    """

    def __init__(self, url: str, *, timeout: float = 10.0) -> None:
        self.url = url.rstrip("/")
        self._http = httpx.Client(base_url=f"{self.url}/__sandbox", timeout=timeout)

    def close(self) -> None:
        self._http.close()

    def _call(self, method: str, path: str, body: Mapping[str, Any] | None = None) -> Any:
        response = self._http.request(method, path, json=body)
        try:
            data = response.json()
        except ValueError:
            data = response.text
        if response.status_code >= 400:
            raise ControlError(response.status_code, data)
        return data

    def info(self) -> SandboxInfo:
        info: SandboxInfo = self._call("GET", "/info")
        return info

    def stats(self) -> list[RequestRecord]:
        return [RequestRecord(**r) for r in self._call("GET", "/stats")["requests"]]

    def reset_stats(self) -> None:
        self._call("POST", "/stats/reset")

    def add_fault(
        self,
        vendor: Vendor,
        *,
        status: int | None = None,
        count: int = 1,
        drop: int | None = None,
        delay_ms: int | None = None,
        retry_after: float | None = None,
    ) -> dict[str, Any]:
        """Queue a fault: ``status`` ``count`` times, ``drop`` connections, or a delay."""
        body: dict[str, Any] = {"vendor": vendor, "count": count}
        for key, value in (
            ("status", status),
            ("drop", drop),
            ("delay_ms", delay_ms),
            ("retry_after", retry_after),
        ):
            if value is not None:
                body[key] = value
        fault: dict[str, Any] = self._call("POST", "/faults", body)["fault"]
        return fault

    def faults(self) -> list[dict[str, Any]]:
        pending: list[dict[str, Any]] = self._call("GET", "/faults")["faults"]
        return pending

    def clear_faults(self, vendor: Vendor | None = None) -> None:
        self._call("DELETE", "/faults" + (f"?vendor={vendor}" if vendor else ""))

    def edit(self, vendor: Vendor, **body: Any) -> dict[str, Any]:
        """A person's edit: ``edit("airtable", base=, table=, record=, fields=)`` or
        ``edit("notion", page=, properties=)``; returns the record or page."""
        result: dict[str, Any] = self._call("POST", "/edit", {"vendor": vendor, **body})
        return result

    def edit_airtable(
        self, base: str, table: str, record: str, fields: Mapping[str, Any]
    ) -> dict[str, Any]:
        return self.edit("airtable", base=base, table=table, record=record, fields=dict(fields))

    def edit_notion(self, page: str, properties: Mapping[str, Any]) -> dict[str, Any]:
        return self.edit("notion", page=page, properties=dict(properties))

    def limits(self) -> dict[str, Any]:
        current: dict[str, Any] = self._call("GET", "/limits")
        return current

    def set_limits(self, **changes: Any) -> dict[str, Any]:
        """Change rate-limit settings (``Limits`` field names, ``airtable_iterator_ttl``)."""
        current: dict[str, Any] = self._call("POST", "/limits", changes)
        return current

    def create_view(
        self,
        base: str,
        table: str,
        name: str,
        *,
        formula: str | None = None,
        sort: list[Mapping[str, str]] | None = None,
    ) -> dict[str, Any]:
        body = {"base": base, "table": table, "name": name, "formula": formula, "sort": sort}
        view: dict[str, Any] = self._call("POST", "/airtable/views", body)
        return view

    def reset(self, *, data: bool = False) -> None:
        self._call("POST", "/reset", {"data": data})
