"""Airtable Web API errors, as the sandbox raises and serialises them.

    AirtableError                        base; ``status`` and ``type`` are class attributes
    ├── InvalidRequestBody               400 INVALID_REQUEST_BODY
    ├── AuthenticationRequired           401 AUTHENTICATION_REQUIRED
    ├── InvalidPermissionsOrModelNotFound  403 INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND
    ├── NotFound                         404 NOT_FOUND
    ├── ModelIdNotFound                  404 MODEL_ID_NOT_FOUND
    ├── InvalidRequestUnknown            422 INVALID_REQUEST_UNKNOWN
    ├── InvalidRecords                   422 INVALID_RECORDS
    ├── UnknownFieldName                 422 UNKNOWN_FIELD_NAME
    ├── InvalidValueForColumn            422 INVALID_VALUE_FOR_COLUMN
    ├── InvalidMultipleChoiceOptions     422 INVALID_MULTIPLE_CHOICE_OPTIONS
    ├── InvalidFilterByFormula           422 INVALID_FILTER_BY_FORMULA
    ├── InvalidOffsetValue               422 INVALID_OFFSET_VALUE
    ├── ListRecordsIteratorNotAvailable  422 LIST_RECORDS_ITERATOR_NOT_AVAILABLE
    ├── ViewNameNotFound                 422 VIEW_NAME_NOT_FOUND
    ├── ViewIdNotFound                   422 VIEW_ID_NOT_FOUND
    ├── DuplicateOrEmptyFieldName        422 DUPLICATE_OR_EMPTY_FIELD_NAME
    ├── UnsupportedFieldTypeForCreate    422 UNSUPPORTED_FIELD_TYPE_FOR_CREATE
    ├── TooManyRequests                  429 TOO_MANY_REQUESTS
    └── ServerError                      500/502/503/… (injected faults only)

The body is always ``{"error": {"type": …, "message": …}}`` — the shape the "Errors"
page of the Airtable Web API reference describes
(https://airtable.com/developers/web/api/errors). Where that page or the record
endpoints' pages show a type, the sandbox uses it; the types it could not confirm from
a published example are marked "unconfirmed" below, and a client should rely on the
HTTP status first.
"""

from __future__ import annotations

from typing import Any, ClassVar

from starlette.responses import JSONResponse

__all__ = [
    "AirtableError",
    "AuthenticationRequired",
    "DuplicateOrEmptyFieldName",
    "InvalidFilterByFormula",
    "InvalidMultipleChoiceOptions",
    "InvalidOffsetValue",
    "InvalidPermissionsOrModelNotFound",
    "InvalidRecords",
    "InvalidRequestBody",
    "InvalidRequestUnknown",
    "InvalidValueForColumn",
    "ListRecordsIteratorNotAvailable",
    "ModelIdNotFound",
    "NotFound",
    "ServerError",
    "TooManyRequests",
    "UnknownFieldName",
    "UnsupportedFieldTypeForCreate",
    "ViewIdNotFound",
    "ViewNameNotFound",
    "error_body",
]


def error_body(error_type: str, message: str) -> dict[str, Any]:
    """The JSON body Airtable sends with an error status."""
    return {"error": {"type": error_type, "message": message}}


class AirtableError(Exception):
    """An Airtable API error: an HTTP status, an error type and a message."""

    status: ClassVar[int] = 422
    type: ClassVar[str] = "INVALID_REQUEST_UNKNOWN"
    default_message: ClassVar[str] = "Invalid request"

    def __init__(self, message: str | None = None) -> None:
        self.message = message or self.default_message
        super().__init__(f"{self.type}: {self.message}")

    def body(self) -> dict[str, Any]:
        return error_body(self.type, self.message)

    def response(self) -> JSONResponse:
        return JSONResponse(self.body(), status_code=self.status)


class InvalidRequestBody(AirtableError):
    # The errors page: "400 Bad Request — the request encoding is invalid; the request
    # can't be parsed as a valid JSON". Type unconfirmed (no example body on that page).
    status = 400
    type = "INVALID_REQUEST_BODY"
    default_message = "Could not parse request body"


class AuthenticationRequired(AirtableError):
    # Confirmed body for a missing token. For a token that is present but wrong, the
    # support article "Airtable API: Common troubleshooting" names a second case
    # ("401 unauthorized, invalid authentication token") without showing its body; the
    # sandbox answers both with this type. The status (401) is the same either way.
    status = 401
    type = "AUTHENTICATION_REQUIRED"
    default_message = "Authentication required"


class InvalidPermissionsOrModelNotFound(AirtableError):
    # Body copied from the example on https://airtable.com/developers/web/api/errors.
    status = 403
    type = "INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND"
    default_message = (
        "Invalid permissions, or the requested model was not found. Check that both your "
        "user and your token have the required permissions, and that the model names "
        "and/or ids are correct."
    )


class NotFound(AirtableError):
    # "404 Not Found: route or resource is not found" (errors page).
    status = 404
    type = "NOT_FOUND"
    default_message = "Could not find what you are looking for"


class ModelIdNotFound(AirtableError):
    # A record id that does not exist: 404 MODEL_ID_NOT_FOUND "Record not found", as
    # recorded from the live API in third-party test fixtures (not on the errors page).
    status = 404
    type = "MODEL_ID_NOT_FOUND"
    default_message = "Record not found"


class InvalidRequestUnknown(AirtableError):
    status = 422
    type = "INVALID_REQUEST_UNKNOWN"
    default_message = "Invalid request: parameter validation failed. Check your request data."


class InvalidRecords(AirtableError):
    # More than 10 records, or a malformed "records" array. Type unconfirmed; the
    # message is the one clients quote ("You must provide an array of up to 10 record
    # objects").
    status = 422
    type = "INVALID_RECORDS"
    default_message = "You must provide an array of up to 10 record objects"


class UnknownFieldName(AirtableError):
    status = 422
    type = "UNKNOWN_FIELD_NAME"


class InvalidValueForColumn(AirtableError):
    # Messages follow the live API's wording as clients quote it:
    # 'Field "X" cannot accept a value because the field is computed',
    # 'Cannot parse date value "…" for field X'.
    status = 422
    type = "INVALID_VALUE_FOR_COLUMN"


class InvalidMultipleChoiceOptions(AirtableError):
    status = 422
    type = "INVALID_MULTIPLE_CHOICE_OPTIONS"


class InvalidFilterByFormula(AirtableError):
    status = 422
    type = "INVALID_FILTER_BY_FORMULA"


class InvalidOffsetValue(AirtableError):
    # Seen in the Airtable community thread "Offset value invalid": {"type":
    # "INVALID_OFFSET_VALUE", "message": "The value of offset … is invalid"}.
    status = 422
    type = "INVALID_OFFSET_VALUE"


class ListRecordsIteratorNotAvailable(AirtableError):
    # List records page: "Iteration may timeout due to client inactivity or server
    # restarts. In that case, the client will receive a 422 response with error message
    # LIST_RECORDS_ITERATOR_NOT_AVAILABLE. It may then restart iteration from the
    # beginning."
    status = 422
    type = "LIST_RECORDS_ITERATOR_NOT_AVAILABLE"
    default_message = (
        "The list records iterator is no longer available. Restart the listing from the beginning."
    )


class ViewNameNotFound(AirtableError):
    status = 422
    type = "VIEW_NAME_NOT_FOUND"


class ViewIdNotFound(AirtableError):
    # Type as clients list it next to VIEW_NAME_NOT_FOUND; status unconfirmed.
    status = 422
    type = "VIEW_ID_NOT_FOUND"


class DuplicateOrEmptyFieldName(AirtableError):
    status = 422
    type = "DUPLICATE_OR_EMPTY_FIELD_NAME"


class UnsupportedFieldTypeForCreate(AirtableError):
    # The field model page marks formula, createdTime, lastModifiedTime, autoNumber… as
    # not creatable through the API. Type unconfirmed.
    status = 422
    type = "UNSUPPORTED_FIELD_TYPE_FOR_CREATE"


class TooManyRequests(AirtableError):
    # Errors page: "429 … a message 'Rate limit exceeded. Please try again later' and
    # will need to wait 30 seconds". The page shows no body; the type is the one
    # Airtable's support article lists among its error type strings (TOO_MANY_REQUESTS).
    # No Retry-After header: Airtable documents none, and pyairtable's urllib3 retry
    # would otherwise sleep for it.
    status = 429
    type = "TOO_MANY_REQUESTS"
    default_message = "Rate limit exceeded. Please try again later"


class ServerError(AirtableError):
    """A 5xx (or any injected) status; only the fault injector raises it."""

    # The errors page lists 500/502/503 without bodies; these types are the sandbox's.
    _TYPES: ClassVar[dict[int, str]] = {
        500: "SERVER_ERROR",
        502: "BAD_GATEWAY",
        503: "SERVICE_UNAVAILABLE",
        504: "GATEWAY_TIMEOUT",
    }

    def __init__(self, status: int, message: str | None = None) -> None:
        self._status = status
        super().__init__(message or f"Injected fault: HTTP {status}")

    @property
    def status(self) -> int:  # type: ignore[override]
        return self._status

    @property
    def type(self) -> str:  # type: ignore[override]
        if self._status == 429:
            return TooManyRequests.type
        return self._TYPES.get(self._status, "SERVER_ERROR")
