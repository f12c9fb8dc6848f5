"""Notion API errors, as the sandbox raises and serialises them.

    NotionError              base; ``status`` and ``code`` are class attributes
    ├── InvalidJson          400 invalid_json
    ├── InvalidRequestUrl    400 invalid_request_url
    ├── InvalidRequest       400 invalid_request
    ├── ValidationError      400 validation_error
    ├── MissingVersion       400 missing_version
    ├── Unauthorized         401 unauthorized
    ├── RestrictedResource   403 restricted_resource
    ├── ObjectNotFound       404 object_not_found
    ├── ConflictError        409 conflict_error
    ├── RateLimited          429 rate_limited
    ├── InternalServerError  500 internal_server_error
    └── ServiceUnavailable   503 service_unavailable

Codes and statuses follow the "Status codes" page of the Notion API reference
(https://developers.notion.com/reference/status-codes). The body is
``{"object": "error", "status", "code", "message", "request_id"}``; newer responses may
also carry ``additional_data``, which the sandbox leaves out.
"""

from __future__ import annotations

import uuid
from typing import ClassVar

from starlette.responses import JSONResponse

__all__ = [
    "ConflictError",
    "InternalServerError",
    "InvalidJson",
    "InvalidRequest",
    "InvalidRequestUrl",
    "MissingVersion",
    "NotionError",
    "ObjectNotFound",
    "RateLimited",
    "RestrictedResource",
    "ServiceUnavailable",
    "Unauthorized",
    "ValidationError",
    "error_body",
    "notion_error",
]


def error_body(status: int, code: str, message: str) -> dict[str, object]:
    """The JSON body Notion sends with an error status."""
    return {
        "object": "error",
        "status": status,
        "code": code,
        "message": message,
        "request_id": str(uuid.uuid4()),
    }


def notion_error(
    status: int, code: str, message: str, *, headers: dict[str, str] | None = None
) -> JSONResponse:
    """A Notion-shaped error response (used by the sandbox's limit and fault middleware)."""
    return JSONResponse(error_body(status, code, message), status_code=status, headers=headers)


class NotionError(Exception):
    status: ClassVar[int] = 400
    code: ClassVar[str] = "invalid_request"

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)

    def response(self, *, headers: dict[str, str] | None = None) -> JSONResponse:
        return notion_error(self.status, self.code, self.message, headers=headers)


class InvalidJson(NotionError):
    status = 400
    code = "invalid_json"


class InvalidRequestUrl(NotionError):
    status = 400
    code = "invalid_request_url"


class InvalidRequest(NotionError):
    status = 400
    code = "invalid_request"


class ValidationError(NotionError):
    status = 400
    code = "validation_error"


class MissingVersion(NotionError):
    status = 400
    code = "missing_version"


class Unauthorized(NotionError):
    status = 401
    code = "unauthorized"


class RestrictedResource(NotionError):
    status = 403
    code = "restricted_resource"


class ObjectNotFound(NotionError):
    status = 404
    code = "object_not_found"


class ConflictError(NotionError):
    status = 409
    code = "conflict_error"


class RateLimited(NotionError):
    status = 429
    code = "rate_limited"


class InternalServerError(NotionError):
    status = 500
    code = "internal_server_error"


class ServiceUnavailable(NotionError):
    status = 503
    code = "service_unavailable"
