"""The sandbox answers like Airtable: same keys and value types as Airtable's examples.

The examples live in ``tests/data/vendor/airtable/`` (origins in the README there).
Values differ — ids, times, names — so each response is reduced to its *shape*: keys
and JSON value types, recursively; ids and timestamps must also have Airtable's formats.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import requests

from tasklint.sandbox import SandboxServer

VENDOR = Path(__file__).resolve().parents[1] / "data" / "vendor" / "airtable"

FORMATS = {
    "id": re.compile(r"^(rec|tbl|fld|viw|sel|usr|app)[A-Za-z0-9]{14}$"),
    "primaryFieldId": re.compile(r"^fld[A-Za-z0-9]{14}$"),
    "createdTime": re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$"),
    "offset": re.compile(r"^itr[A-Za-z0-9]{14}/rec[A-Za-z0-9]{14}$"),
}


def example(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((VENDOR / name).read_text(encoding="utf-8"))
    assert data["origin"], f"{name} must name its origin"
    return data


def shape(value: Any) -> Any:
    """Keys and JSON types, recursively; a list's items are compared one by one."""
    if isinstance(value, dict):
        return {k: shape(v) for k, v in value.items()}
    if isinstance(value, list):
        return [shape(v) for v in value]
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if value is None:
        return "null"
    return "string"


def check_formats(value: Any, path: str = "") -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            if key in FORMATS and isinstance(item, str):
                assert FORMATS[key].match(item), f"{path}.{key} = {item!r}"
            check_formats(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            check_formats(item, f"{path}[{index}]")


@pytest.fixture
def places(sandbox: SandboxServer) -> tuple[str, str]:
    """The examples' table: Name, Address, Visited — with the examples' two records."""
    backend = sandbox.airtable
    base = backend.create_base("fidelity")
    table = backend.create_table(
        base,
        "Places",
        [
            {"name": "Name", "type": "singleLineText"},
            {"name": "Address", "type": "singleLineText"},
            {"name": "Visited", "type": "checkbox"},
        ],
    )
    backend.create_records(
        base,
        table.id,
        [
            {"Address": "333 Post St", "Name": "Union Square", "Visited": True},
            {"Address": "1 Ferry Building", "Name": "Ferry Building"},
            {"Address": "Pier 39", "Name": "Pier 39"},
        ],
    )
    return base, table.id


def call(sandbox: SandboxServer, method: str, path: str, **kwargs: Any) -> requests.Response:
    headers = kwargs.pop("headers", {"Authorization": f"Bearer {sandbox.token}"})
    return requests.request(method, f"{sandbox.url}{path}", headers=headers, timeout=5, **kwargs)


def test_list_records_matches_the_reference_example(
    sandbox: SandboxServer, places: tuple[str, str]
) -> None:
    base, table = places
    vendor = example("list-records.json")
    response = call(sandbox, "GET", f"/v0/{base}/{table}", params={"pageSize": 2})
    assert response.status_code == vendor["status"]
    body = response.json()
    assert shape(body) == shape(vendor["body"])
    check_formats(vendor["body"])
    check_formats(body)


def test_update_records_matches_the_reference_example(
    sandbox: SandboxServer, places: tuple[str, str]
) -> None:
    base, table = places
    vendor = example("update-records.json")
    listed = call(sandbox, "GET", f"/v0/{base}/{table}", params={"pageSize": 2}).json()
    ids = [r["id"] for r in listed["records"]]
    body = {"records": [{"id": i, "fields": {"Visited": True}} for i in ids]}
    response = call(sandbox, "PATCH", f"/v0/{base}/{table}", json=body)
    assert response.status_code == vendor["status"]
    assert shape(response.json()) == shape(vendor["body"])
    check_formats(response.json())


def test_get_base_schema_matches_the_reference_example(sandbox: SandboxServer) -> None:
    vendor = example("get-base-schema.json")
    backend = sandbox.airtable
    base = backend.create_base("schema fidelity")
    backend.create_table(
        base,
        "Apartments",
        [{"name": "Name", "type": "singleLineText", "description": "Name of the apartment"}],
        description="Apartments to track.",
    )
    response = call(sandbox, "GET", f"/v0/meta/bases/{base}/tables")
    assert response.status_code == vendor["status"]
    assert shape(response.json()) == shape(vendor["body"])
    check_formats(response.json())


def test_field_schemas_match_the_field_model(sandbox: SandboxServer) -> None:
    vendor = example("field-schemas.json")["body"]
    backend = sandbox.airtable
    base = backend.create_base("field fidelity")
    fields = [{"name": "Primary", "type": "singleLineText"}]
    for kind, spec in vendor.items():
        options = dict(spec.get("options") or {})
        if kind == "formula":
            options = {"formula": "{Primary}", "result": {"type": "number"}}
        elif kind == "singleSelect":
            options = {"choices": ["Todo"]}
        elif kind == "lastModifiedTime":
            options = {}
        fields.append({"name": f"f_{kind}", "type": kind, "options": options})
    backend.create_table(base, "Fields", fields)
    (table,) = call(sandbox, "GET", f"/v0/meta/bases/{base}/tables").json()["tables"]
    served = {f["type"]: f for f in table["fields"][1:]}
    assert set(served) == set(vendor)
    for kind, spec in vendor.items():
        assert shape(served[kind]) == shape(spec), kind
        check_formats(served[kind])


def test_403_body_is_the_documented_one(sandbox: SandboxServer) -> None:
    vendor = example("error-403.json")
    response = call(sandbox, "GET", "/v0/appAAAAAAAAAAAAAA/Places")
    assert response.status_code == vendor["status"]
    assert response.json() == vendor["body"]


def test_401_body_is_the_live_one(sandbox: SandboxServer, places: tuple[str, str]) -> None:
    vendor = example("error-401.json")
    base, table = places
    response = call(sandbox, "GET", f"/v0/{base}/{table}", headers={})
    assert response.status_code == vendor["status"]
    assert response.json() == vendor["body"]


def test_computed_field_body_is_the_live_one(sandbox: SandboxServer) -> None:
    vendor = example("error-422-computed.json")
    backend = sandbox.airtable
    base = backend.create_base("computed fidelity")
    backend.create_table(
        base,
        "Empty",
        [
            {"name": "Name", "type": "singleLineText"},
            {"name": "f_autoNumber", "type": "autoNumber"},
        ],
    )
    body = {"records": [{"fields": {"Name": "Someone", "f_autoNumber": 40}}]}
    response = call(sandbox, "POST", f"/v0/{base}/Empty", json=body)
    assert response.status_code == vendor["status"]
    assert response.json() == vendor["body"]


def test_429_body_is_the_documented_one(sandbox: SandboxServer, places: tuple[str, str]) -> None:
    vendor = example("error-429.json")
    base, table = places
    statuses = [call(sandbox, "GET", f"/v0/{base}/{table}").status_code for _ in range(6)]
    assert statuses[-1] == vendor["status"]
    response = call(sandbox, "GET", f"/v0/{base}/{table}")
    assert response.status_code == 429
    assert response.json() == vendor["body"]
