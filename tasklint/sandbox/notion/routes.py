"""The Notion API's ``/v1`` routes: parse the request, call ``NotionBackend``, serialise.

``routes(backend, token=…)`` returns Starlette routes relative to the ``/v1`` mount:

    GET   /databases/{id}             retrieve a database (with its data_sources)
    GET   /data_sources/{id}          retrieve a data source (the schema)
    PATCH /data_sources/{id}          update a data source (add, rename, remove properties)
    POST  /data_sources/{id}/query    query a data source
    POST  /pages                      create a page
    GET   /pages/{id}                 retrieve a page
    PATCH /pages/{id}                 update page properties
    GET   /blocks/{id}                retrieve a block
    DELETE /blocks/{id}               delete (trash) a block or a page
    GET   /blocks/{id}/children       list a block's or page's children
    PATCH /blocks/{id}/children       append children
    GET   /users                      list users
    GET   /users/{id}                 retrieve a user ("me" is the integration's bot)

Every request must carry ``Notion-Version: 2025-09-03`` and ``Authorization: Bearer
<token>``; any other path or method is answered as Notion answers an unknown URL
(400 ``invalid_request_url``). Rate limits and injected faults are the frame's
middleware, not this module's.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Callable, Mapping
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from tasklint.sandbox.notion.errors import (
    InternalServerError,
    InvalidJson,
    InvalidRequestUrl,
    MissingVersion,
    NotionError,
    Unauthorized,
    ValidationError,
)
from tasklint.sandbox.notion.models import API_VERSION, NotionBackend

__all__ = ["routes"]

log = logging.getLogger(__name__)

_METHODS = ["GET", "POST", "PATCH", "PUT", "DELETE"]

Handler = Callable[[Request, dict[str, Any]], dict[str, Any]]

_QUERY_KEYS = {
    "sorts",
    "filter",
    "start_cursor",
    "page_size",
    "archived",
    "in_trash",
    "result_type",
}
_CREATE_KEYS = {
    "parent",
    "properties",
    "icon",
    "cover",
    "children",
    "content",
    "markdown",
    "template",
    "position",
}
_UPDATE_PAGE_KEYS = {
    "properties",
    "icon",
    "cover",
    "is_locked",
    "template",
    "erase_content",
    "archived",
    "in_trash",
}
_UPDATE_SOURCE_KEYS = {"title", "icon", "properties", "in_trash", "archived", "parent"}


def routes(backend: NotionBackend, *, token: str) -> list[BaseRoute]:
    """The Notion API routes for one integration token, relative to the ``/v1`` mount."""
    api = _Api(backend, token)
    return [
        api.route("/databases/{database_id}", GET=api.retrieve_database),
        api.route("/data_sources/{data_source_id}/query", POST=api.query_data_source),
        api.route(
            "/data_sources/{data_source_id}",
            GET=api.retrieve_data_source,
            PATCH=api.update_data_source,
        ),
        api.route("/pages", POST=api.create_page),
        api.route("/pages/{page_id}", GET=api.retrieve_page, PATCH=api.update_page),
        api.route(
            "/blocks/{block_id}/children",
            GET=api.list_block_children,
            PATCH=api.append_block_children,
        ),
        api.route("/blocks/{block_id}", GET=api.retrieve_block, DELETE=api.delete_block),
        api.route("/users", GET=api.list_users),
        api.route("/users/{user_id}", GET=api.retrieve_user),
        api.route("/{rest:path}"),
    ]


class _Api:
    def __init__(self, backend: NotionBackend, token: str) -> None:
        self.backend = backend
        self.token = token

    # ------------------------------------------------------------------ plumbing

    def route(self, path: str, **handlers: Handler) -> Route:
        async def endpoint(request: Request) -> Response:
            request_id = str(uuid.uuid4())
            try:
                self._check_headers(request)
                handler = handlers.get(request.method)
                if handler is None:
                    # Notion answers an unknown path (and, the sandbox assumes, an
                    # unsupported method) with this error (api_response_error cassette).
                    raise InvalidRequestUrl("Invalid request URL.")
                body = await _json_body(request) if request.method in ("POST", "PATCH") else {}
                result = await run_in_threadpool(handler, request, body)
            except NotionError as error:
                return error.response()
            except Exception:
                log.exception("Notion sandbox failed on %s %s", request.method, request.url.path)
                return InternalServerError("An unexpected error occurred.").response()
            return JSONResponse({**result, "request_id": request_id})

        return Route(path, endpoint, methods=_METHODS, name=f"notion:{path}")

    def _check_headers(self, request: Request) -> None:
        version = request.headers.get("notion-version")
        if version is None:
            # Message as quoted on the status codes page and in client issue threads.
            raise MissingVersion(
                "Notion-Version header failed validation: Notion-Version header should be "
                "defined, instead was `undefined`."
            )
        if version != API_VERSION:
            # Notion serves older versions with older shapes; the sandbox only speaks
            # 2025-09-03. The code Notion uses for an unknown version is not documented;
            # validation_error is the sandbox's choice.
            raise ValidationError(
                f"Notion-Version header failed validation: the sandbox supports "
                f"`{API_VERSION}`, instead was `{version}`."
            )
        scheme, _, credential = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or credential.strip() != self.token:
            raise Unauthorized("API token is invalid.")  # message of the 401 cassette

    # ------------------------------------------------------------------ handlers

    def retrieve_database(self, request: Request, body: dict[str, Any]) -> dict[str, Any]:
        return self.backend.retrieve_database(request.path_params["database_id"], token=self.token)

    def retrieve_data_source(self, request: Request, body: dict[str, Any]) -> dict[str, Any]:
        return self.backend.retrieve_data_source(
            request.path_params["data_source_id"], token=self.token
        )

    def update_data_source(self, request: Request, body: dict[str, Any]) -> dict[str, Any]:
        _only(body, _UPDATE_SOURCE_KEYS)
        properties = body.get("properties")
        if properties is not None and not isinstance(properties, Mapping):
            raise ValidationError(
                "body failed validation: body.properties should be an object, instead was "
                f"`{json.dumps(properties, ensure_ascii=False)}`."
            )
        return self.backend.update_data_source(
            request.path_params["data_source_id"],
            token=self.token,
            properties=properties,
            title=body.get("title"),
            icon=body.get("icon"),
            in_trash=_trash_flag(body),
        )

    def query_data_source(self, request: Request, body: dict[str, Any]) -> dict[str, Any]:
        _only(body, _QUERY_KEYS)
        return self.backend.query_data_source(
            request.path_params["data_source_id"],
            token=self.token,
            filter=body.get("filter"),
            sorts=body.get("sorts"),
            start_cursor=body.get("start_cursor"),
            page_size=body.get("page_size"),
            filter_properties=_filter_properties(request),
            in_trash=_trash_flag(body),
        )

    def create_page(self, request: Request, body: dict[str, Any]) -> dict[str, Any]:
        _only(body, _CREATE_KEYS)
        if "parent" not in body:
            raise ValidationError(
                "body failed validation: body.parent should be defined, instead was `undefined`."
            )
        # Blocks (children, or content, its newer name) are stored; markdown and
        # templates are accepted and ignored.
        return self.backend.create_page(
            token=self.token,
            parent=body["parent"],
            properties=body.get("properties"),
            icon=body.get("icon"),
            cover=body.get("cover"),
            children=body.get("children", body.get("content")),
        )

    def retrieve_page(self, request: Request, body: dict[str, Any]) -> dict[str, Any]:
        return self.backend.retrieve_page(
            request.path_params["page_id"],
            token=self.token,
            filter_properties=_filter_properties(request),
        )

    def update_page(self, request: Request, body: dict[str, Any]) -> dict[str, Any]:
        _only(body, _UPDATE_PAGE_KEYS)
        return self.backend.update_page(
            request.path_params["page_id"],
            token=self.token,
            properties=body.get("properties"),
            icon=body.get("icon"),
            cover=body.get("cover"),
            in_trash=_trash_flag(body),
            clear_icon="icon" in body and body["icon"] is None,
            clear_cover="cover" in body and body["cover"] is None,
            erase_content=_boolean(body, "erase_content"),
        )

    def retrieve_block(self, request: Request, body: dict[str, Any]) -> dict[str, Any]:
        return self.backend.retrieve_block(request.path_params["block_id"], token=self.token)

    def delete_block(self, request: Request, body: dict[str, Any]) -> dict[str, Any]:
        return self.backend.delete_block(request.path_params["block_id"], token=self.token)

    def list_block_children(self, request: Request, body: dict[str, Any]) -> dict[str, Any]:
        return self.backend.list_block_children(
            request.path_params["block_id"],
            token=self.token,
            start_cursor=request.query_params.get("start_cursor"),
            page_size=request.query_params.get("page_size"),
        )

    def append_block_children(self, request: Request, body: dict[str, Any]) -> dict[str, Any]:
        # `after` is the 2025-09-03 way to insert mid-page; `position` arrived with a
        # later API version, so under 2025-09-03 it is an unknown key.
        _only(body, {"children", "after"})
        return self.backend.append_block_children(
            request.path_params["block_id"],
            token=self.token,
            children=body.get("children"),
            after=body.get("after"),
        )

    def list_users(self, request: Request, body: dict[str, Any]) -> dict[str, Any]:
        return self.backend.list_users(
            token=self.token,
            start_cursor=request.query_params.get("start_cursor"),
            page_size=request.query_params.get("page_size"),
        )

    def retrieve_user(self, request: Request, body: dict[str, Any]) -> dict[str, Any]:
        return self.backend.retrieve_user(request.path_params["user_id"], token=self.token)


# --------------------------------------------------------------------------- helpers


async def _json_body(request: Request) -> dict[str, Any]:
    raw = await request.body()
    if not raw.strip():
        return {}
    try:
        data = json.loads(raw)
    except ValueError:
        raise InvalidJson("Error parsing JSON body.") from None  # status codes page example
    if not isinstance(data, dict):
        raise ValidationError(
            "body failed validation: body should be an object, instead was "
            f"`{json.dumps(data, ensure_ascii=False)}`."
        )
    return data


def _only(body: Mapping[str, Any], allowed: set[str]) -> None:
    for key in body:
        if key not in allowed:
            raise ValidationError(
                f"body failed validation: body.{key} should be not present, instead was "
                f"`{json.dumps(body[key], ensure_ascii=False)}`."
            )


def _trash_flag(body: Mapping[str, Any]) -> bool | None:
    """``in_trash`` (``archived`` is its deprecated alias)."""
    for key in ("in_trash", "archived"):
        value = body.get(key)
        if value is None:
            continue
        if not isinstance(value, bool):
            raise ValidationError(f"body failed validation: body.{key} should be a boolean.")
        return value
    return None


def _boolean(body: Mapping[str, Any], key: str) -> bool:
    value = body.get(key, False)
    if not isinstance(value, bool):
        raise ValidationError(f"body failed validation: body.{key} should be a boolean.")
    return value


def _filter_properties(request: Request) -> list[str] | None:
    """``filter_properties`` ids or names: ``?filter_properties=a&filter_properties=b`` (as
    notion-client sends a list) or ``?filter_properties[]=a`` (as the reference shows)."""
    params = request.query_params
    wanted = params.getlist("filter_properties") + params.getlist("filter_properties[]")
    return [w for w in wanted if w] or None
