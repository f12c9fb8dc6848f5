"""HTTP layer of the Airtable sandbox: parse a ``/v0`` request, call the backend, serialise.

The backend is ``request.app.state.airtable`` (an ``AirtableBackend``) and the accepted
token ``request.app.state.token``. Paths are split from the raw (still percent-encoded)
path, so a table or field name holding ``/`` still routes; the URL table mirrors the
Airtable Web API reference:

    GET    /v0/meta/whoami
    GET    /v0/meta/bases
    GET    /v0/meta/bases/{baseId}/tables
    POST   /v0/meta/bases/{baseId}/tables                    create a table
    POST   /v0/meta/bases/{baseId}/tables/{tableIdOrName}/fields
    PATCH  /v0/meta/bases/{baseId}/tables/{tableIdOrName}/fields/{fieldIdOrName}
    GET    /v0/{baseId}/{tableIdOrName}                      list records
    POST   /v0/{baseId}/{tableIdOrName}/listRecords          list records (body)
    POST   /v0/{baseId}/{tableIdOrName}                      create records
    PATCH  /v0/{baseId}/{tableIdOrName}                      update (or upsert) records
    PUT    /v0/{baseId}/{tableIdOrName}                      update records (destructive)
    DELETE /v0/{baseId}/{tableIdOrName}?records[]=…          delete records
    GET    /v0/{baseId}/{tableIdOrName}/{recordId}           get record
    PATCH  /v0/{baseId}/{tableIdOrName}/{recordId}           update record
    PUT    /v0/{baseId}/{tableIdOrName}/{recordId}           update record (destructive)
    DELETE /v0/{baseId}/{tableIdOrName}/{recordId}           delete record

Any other path or method answers 404 ``NOT_FOUND``, as Airtable does for an undefined
route.
"""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable, Mapping
from typing import Any
from urllib.parse import unquote

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from tasklint.sandbox.airtable import errors
from tasklint.sandbox.airtable.models import AirtableBackend

__all__ = ["SANDBOX_USER_ID", "authenticate", "path_segments", "routes"]

# The id ``GET /v0/meta/whoami`` reports for the sandbox token's owner.
SANDBOX_USER_ID = "usrSandboxOwner01"

_SORT_KEY = re.compile(r"^sort\[(\d+)\]\[(field|direction)\]$")
_TRUE = {"1", "true", "True", "TRUE"}

Handler = Callable[..., Awaitable[Response]]


def path_segments(scope: Mapping[str, Any]) -> list[str]:
    """The decoded path segments after ``/v0``, split before decoding."""
    raw = scope.get("raw_path")
    text = raw.decode("latin-1") if isinstance(raw, bytes | bytearray) else scope["path"]
    text = text.split("?", 1)[0]
    parts = [unquote(p) for p in text.split("/") if p]
    if parts and parts[0] == "v0":
        parts = parts[1:]
    return parts


def authenticate(headers: Mapping[str, str], token: str) -> None:
    """Raise 401 unless the request carries ``Authorization: Bearer <token>``."""
    value = headers.get("authorization", "")
    scheme, _, given = value.partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise errors.AuthenticationRequired()
    if given.strip() != token:
        # Same body as a missing token (see errors.AuthenticationRequired).
        raise errors.AuthenticationRequired()


async def dispatch(request: Request) -> Response:
    backend: AirtableBackend = request.app.state.airtable
    try:
        authenticate(request.headers, request.app.state.token)
        handler, args = _match(request.method, path_segments(request.scope))
        return await handler(request, backend, *args)
    except errors.AirtableError as exc:
        return exc.response()


def _match(method: str, parts: list[str]) -> tuple[Handler, tuple[str, ...]]:
    n = len(parts)
    if n >= 2 and parts[0] == "meta":
        if parts == ["meta", "whoami"] and method == "GET":
            return _whoami, ()
        if parts == ["meta", "bases"] and method == "GET":
            return _list_bases, ()
        in_tables = n >= 4 and parts[1] == "bases" and parts[3] == "tables"
        if in_tables and n == 4 and method == "GET":
            return _base_schema, (parts[2],)
        if in_tables and n == 4 and method == "POST":
            return _create_table, (parts[2],)
        in_fields = in_tables and n >= 6 and parts[5] == "fields"
        if in_fields and n == 6 and method == "POST":
            return _create_field, (parts[2], parts[4])
        if in_fields and n == 7 and method == "PATCH":
            return _update_field, (parts[2], parts[4], parts[6])
        raise errors.NotFound()
    if n == 2:
        table_handlers: dict[str, Handler] = {
            "GET": _list_records_get,
            "POST": _create_records,
            "PATCH": _update_records,
            "PUT": _update_records,
            "DELETE": _delete_records,
        }
        if method in table_handlers:
            return table_handlers[method], (parts[0], parts[1])
    if n == 3:
        if parts[2] == "listRecords" and method == "POST":
            return _list_records_post, (parts[0], parts[1])
        record_handlers: dict[str, Handler] = {
            "GET": _get_record,
            "PATCH": _update_record,
            "PUT": _update_record,
            "DELETE": _delete_record,
        }
        if method in record_handlers:
            return record_handlers[method], (parts[0], parts[1], parts[2])
    raise errors.NotFound()


# -- request parsing ---------------------------------------------------------------------


async def _json_body(request: Request) -> dict[str, Any]:
    raw = await request.body()
    if not raw.strip():
        return {}
    try:
        body = json.loads(raw)
    except (UnicodeDecodeError, ValueError) as exc:
        raise errors.InvalidRequestBody() from exc
    if not isinstance(body, dict):
        raise errors.InvalidRequestBody("The request body must be a JSON object")
    return body


def _int(value: Any, name: str) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise errors.InvalidRequestUnknown(f"Invalid value for {name}: {value!r}")
    try:
        return int(value)
    except (TypeError, ValueError):
        raise errors.InvalidRequestUnknown(f"Invalid value for {name}: {value!r}") from None


def _flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    return str(value) in _TRUE


def _list_options_from_query(request: Request) -> dict[str, Any]:
    query = request.query_params
    sort: dict[int, dict[str, str]] = {}
    for key, value in query.multi_items():
        match = _SORT_KEY.match(key)
        if match:
            sort.setdefault(int(match.group(1)), {})[match.group(2)] = value
    fields = query.getlist("fields[]") + query.getlist("fields")
    return {
        "page_size": _int(query.get("pageSize"), "pageSize"),
        "offset": query.get("offset"),
        "fields": fields or None,
        "view": query.get("view"),
        "sort": [sort[i] for i in sorted(sort)] or None,
        "formula": query.get("filterByFormula"),
        "by_field_id": _flag(query.get("returnFieldsByFieldId", "")),
        "max_records": _int(query.get("maxRecords"), "maxRecords"),
        "cell_format": query.get("cellFormat"),
        "record_metadata": query.getlist("recordMetadata[]") or None,
    }


def _list_options_from_body(body: Mapping[str, Any]) -> dict[str, Any]:
    fields = body.get("fields")
    if fields is not None and not (
        isinstance(fields, list) and all(isinstance(f, str) for f in fields)
    ):
        raise errors.InvalidRequestUnknown("fields must be an array of field names or ids")
    sort = body.get("sort")
    if sort is not None and not isinstance(sort, list):
        raise errors.InvalidRequestUnknown("sort must be an array of {field, direction}")
    return {
        "page_size": _int(body.get("pageSize"), "pageSize"),
        "offset": body.get("offset"),
        "fields": fields or None,
        "view": body.get("view"),
        "sort": sort or None,
        "formula": body.get("filterByFormula"),
        "by_field_id": _flag(body.get("returnFieldsByFieldId", False)),
        "max_records": _int(body.get("maxRecords"), "maxRecords"),
        "cell_format": body.get("cellFormat"),
        "record_metadata": body.get("recordMetadata"),
    }


def _by_field_id(request: Request, body: Mapping[str, Any]) -> bool:
    if "returnFieldsByFieldId" in body:
        return _flag(body["returnFieldsByFieldId"])
    return _flag(request.query_params.get("returnFieldsByFieldId", ""))


def _fields_of(item: Any) -> Mapping[str, Any]:
    if not isinstance(item, Mapping) or not isinstance(item.get("fields", {}), Mapping):
        raise errors.InvalidRecords("Each record must be an object with a fields object")
    fields: Mapping[str, Any] = item.get("fields", {})
    return fields


# -- handlers ----------------------------------------------------------------------------


async def _whoami(request: Request, backend: AirtableBackend) -> Response:
    return JSONResponse({"id": SANDBOX_USER_ID})


async def _list_bases(request: Request, backend: AirtableBackend) -> Response:
    return JSONResponse(backend.list_bases())


async def _base_schema(request: Request, backend: AirtableBackend, base: str) -> Response:
    include = request.query_params.getlist("include[]") + request.query_params.getlist("include")
    return JSONResponse(
        backend.get_base_schema(base, include_visible_field_ids="visibleFieldIds" in include)
    )


async def _create_table(request: Request, backend: AirtableBackend, base: str) -> Response:
    body = await _json_body(request)
    created = backend.create_table_api(
        base, body.get("name"), body.get("fields"), description=body.get("description")
    )
    return JSONResponse(created)


async def _create_field(
    request: Request, backend: AirtableBackend, base: str, table: str
) -> Response:
    body = await _json_body(request)
    options = body.get("options")
    if options is not None and not isinstance(options, Mapping):
        raise errors.InvalidRequestUnknown("options must be an object")
    created = backend.create_field(
        base,
        table,
        name=body.get("name", ""),
        type=str(body.get("type", "")),
        description=body.get("description"),
        options=options,
    )
    return JSONResponse(created)


async def _update_field(
    request: Request, backend: AirtableBackend, base: str, table: str, field_ref: str
) -> Response:
    body = await _json_body(request)
    updated = backend.update_field(
        base, table, field_ref, name=body.get("name"), description=body.get("description")
    )
    return JSONResponse(updated)


async def _list_records_get(
    request: Request, backend: AirtableBackend, base: str, table: str
) -> Response:
    return JSONResponse(backend.list_records(base, table, **_list_options_from_query(request)))


async def _list_records_post(
    request: Request, backend: AirtableBackend, base: str, table: str
) -> Response:
    body = await _json_body(request)
    return JSONResponse(backend.list_records(base, table, **_list_options_from_body(body)))


async def _get_record(
    request: Request, backend: AirtableBackend, base: str, table: str, record_id: str
) -> Response:
    by_id = _flag(request.query_params.get("returnFieldsByFieldId", ""))
    return JSONResponse(backend.get_record(base, table, record_id, by_field_id=by_id))


async def _create_records(
    request: Request, backend: AirtableBackend, base: str, table: str
) -> Response:
    body = await _json_body(request)
    typecast = _flag(body.get("typecast", False))
    by_id = _by_field_id(request, body)
    if "records" in body:
        records = body["records"]
        if not isinstance(records, list):
            raise errors.InvalidRecords()
        created = backend.create_records(
            base, table, [_fields_of(r) for r in records], typecast=typecast, by_field_id=by_id
        )
        return JSONResponse({"records": created})
    if "fields" in body:
        created = backend.create_records(
            base, table, [_fields_of(body)], typecast=typecast, by_field_id=by_id
        )
        return JSONResponse(created[0])
    raise errors.InvalidRecords()


async def _update_records(
    request: Request, backend: AirtableBackend, base: str, table: str
) -> Response:
    body = await _json_body(request)
    records = body.get("records")
    if not isinstance(records, list):
        raise errors.InvalidRecords()
    upsert = body.get("performUpsert")
    if upsert is not None:
        if not isinstance(upsert, Mapping):
            raise errors.InvalidRequestUnknown("performUpsert must be an object")
        items = []
        for item in records:
            record_id = item.get("id") if isinstance(item, Mapping) else None
            if record_id is not None and not isinstance(record_id, str):
                raise errors.InvalidRecords("A record id must be a string")
            items.append((record_id, _fields_of(item)))
        return JSONResponse(
            backend.upsert_records(
                base,
                table,
                items,
                upsert.get("fieldsToMergeOn") or [],
                replace=request.method == "PUT",
                typecast=_flag(body.get("typecast", False)),
                by_field_id=_by_field_id(request, body),
            )
        )
    updates = []
    for item in records:
        if not isinstance(item, Mapping) or not isinstance(item.get("id"), str):
            raise errors.InvalidRecords("Each record must have an id and a fields object")
        updates.append((item["id"], _fields_of(item)))
    updated = backend.update_records(
        base,
        table,
        updates,
        replace=request.method == "PUT",
        typecast=_flag(body.get("typecast", False)),
        by_field_id=_by_field_id(request, body),
    )
    return JSONResponse({"records": updated})


async def _update_record(
    request: Request, backend: AirtableBackend, base: str, table: str, record_id: str
) -> Response:
    body = await _json_body(request)
    updated = backend.update_records(
        base,
        table,
        [(record_id, _fields_of(body))],
        replace=request.method == "PUT",
        typecast=_flag(body.get("typecast", False)),
        by_field_id=_by_field_id(request, body),
    )
    return JSONResponse(updated[0])


async def _delete_records(
    request: Request, backend: AirtableBackend, base: str, table: str
) -> Response:
    ids = request.query_params.getlist("records[]") + request.query_params.getlist("records")
    return JSONResponse({"records": backend.delete_records(base, table, ids)})


async def _delete_record(
    request: Request, backend: AirtableBackend, base: str, table: str, record_id: str
) -> Response:
    return JSONResponse(backend.delete_records(base, table, [record_id])[0])


routes: list[BaseRoute] = [
    Route(
        "/{rest:path}",
        dispatch,
        methods=["GET", "POST", "PATCH", "PUT", "DELETE"],
    )
]
