"""Fidelity of the Notion sandbox: its responses have the keys and value types of Notion's.

Each file in ``tests/data/vendor/notion/`` holds one response recorded from or published
by Notion (origins in ``tests/data/vendor/README.md``): the request, the status and the
body. The test sends the same request to the sandbox through notion-client and compares
shapes, not values:

- objects have the same keys (``optional`` lists vendor-only paths the sandbox leaves
  out, such as ``additional_data``); ``match: subset`` excerpts need only their keys;
- values have the same JSON type (``null`` on either side says nothing about the type);
- tagged unions (``parent``, ``icon``, users…) are compared by their common keys when
  the two sides carry different ``type``s (``data_source_parent.json`` checks the
  member a page in a data source has);
- ``properties`` maps are keyed by user-chosen names, so a vendor property is compared
  with a sandbox property of the same ``type``.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from notion_client import APIResponseError, Client

from tasklint.sandbox import SandboxServer
from tasklint.sandbox.notion import NotionBackend

TOKEN = "secret_sandbox_token"

VENDOR = Path(__file__).resolve().parents[1] / "data" / "vendor" / "notion"
MISSING_PAGE = "00000000-0000-0000-0000-000000000000"


# --------------------------------------------------------------------------- comparison


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    return {str: "string", list: "array", dict: "object"}.get(type(value), type(value).__name__)


def shape_diff(
    vendor: Any,
    ours: Any,
    path: str = "",
    *,
    optional: Sequence[str] = (),
    subset: bool = False,
) -> list[str]:
    """Differences in keys and value types between a vendor body and the sandbox's."""
    if vendor is None or ours is None:
        return []
    if _kind(vendor) != _kind(ours):
        return [f"{path or '<body>'}: Notion has {_kind(vendor)}, the sandbox {_kind(ours)}"]
    if isinstance(vendor, list):
        if not vendor:
            return []
        problems: list[str] = []
        for item in ours:
            same = [
                v
                for v in vendor
                if isinstance(v, dict)
                and isinstance(item, dict)
                and v.get("type") == item.get("type")
            ]
            problems += shape_diff(
                (same or vendor)[0], item, f"{path}[]", optional=optional, subset=subset
            )
        return problems
    if not isinstance(vendor, dict):
        return []
    if path.endswith("properties") and "id" not in vendor:
        return _properties_diff(vendor, ours, path, optional=optional)
    problems = []
    vendor_keys, our_keys = set(vendor), set(ours)
    vendor_type, our_type = vendor.get("type"), ours.get("type")
    if isinstance(vendor_type, str) and isinstance(our_type, str) and vendor_type != our_type:
        # Different members of a tagged union (a page_id parent and a data_source_id
        # parent): only the keys they share are comparable.
        vendor_keys = our_keys = vendor_keys & our_keys
        if our_type not in ours:
            problems.append(f"{path}: type {our_type!r} without its {our_type!r} key")
    for key in sorted(vendor_keys - our_keys):
        if f"{path}.{key}".lstrip(".") not in optional:
            problems.append(f"{path}.{key}: in Notion's response, not in the sandbox's")
    if not subset:
        for key in sorted(our_keys - vendor_keys):
            problems.append(f"{path}.{key}: in the sandbox's response, not in Notion's")
    for key in sorted(vendor_keys & our_keys):
        problems += shape_diff(
            vendor[key], ours[key], f"{path}.{key}".lstrip("."), optional=optional, subset=subset
        )
    return problems


def _properties_diff(
    vendor: dict[str, Any], ours: dict[str, Any], path: str, *, optional: Sequence[str]
) -> list[str]:
    problems = []
    by_type = {value.get("type"): value for value in ours.values() if isinstance(value, dict)}
    for name, value in vendor.items():
        mine = by_type.get(value.get("type"))
        if mine is None:
            problems.append(f"{path}: no {value.get('type')} property to compare with {name!r}")
            continue
        problems += shape_diff(value, mine, f"{path}.<{value.get('type')}>", optional=optional)
    return problems


# --------------------------------------------------------------------------- the sandbox side


@pytest.fixture(scope="module")
def sandbox() -> Iterator[dict[str, Any]]:
    """A data source holding one property of every type the vendor examples show."""
    with SandboxServer(token=TOKEN, rate_limit=False) as server:
        backend = server.notion
        client = Client(auth=TOKEN, base_url=server.notion_url, log_level=logging.CRITICAL)
        ada = backend.create_user("Ada Example", "ada@example.com", token=TOKEN)
        database_id, source_id = backend.create_database(
            "Fidelity",
            {
                "Title": {"title": {}},
                "Task completed": {"checkbox": {}},
                "Created time": {"created_time": {}},
                "Due date": {"date": {}},
                "Email": {"email": {}},
                "Last edited time": {"last_edited_time": {}},
                "Programming language": {"multi_select": {"options": [{"name": "TypeScript"}]}},
                "Number of subscribers": {"number": {"format": "number"}},
                "Stakeholders": {"people": {}},
                "Contact phone number": {"phone_number": {}},
                "Description": {"rich_text": {}},
                "Department": {"select": {"options": [{"name": "jQuery", "color": "purple"}]}},
                "Website": {"url": {}},
            },
            token=TOKEN,
        )
        backend.add_status_property(source_id, "Status", token=TOKEN)
        backend.add_formula_property(source_id, "Days until launch", token=TOKEN)
        page = client.pages.create(
            parent={"data_source_id": source_id},
            properties={
                "Title": {"title": [{"text": {"content": "A better title for the page"}}]},
                "Task completed": {"checkbox": True},
                "Due date": {"date": {"start": "2023-02-07"}},
                "Email": {"email": "ada@example.com"},
                "Programming language": {"multi_select": [{"name": "TypeScript"}]},
                "Number of subscribers": {"number": 42},
                "Stakeholders": {"people": [{"object": "user", "id": ada}]},
                "Contact phone number": {"phone_number": "415-202-4776"},
                "Description": {"rich_text": [{"text": {"content": "There is some "}}]},
                "Department": {"select": {"name": "jQuery"}},
                "Status": {"status": {"name": "In progress"}},
                "Website": {"url": "https://developers.notion.com/"},
            },
        )
        backend.set_formula_value(page["id"], "Days until launch", 56, token=TOKEN)
        _, capped_source = backend.create_database("Capped", {"Name": {"title": {}}}, token=TOKEN)
        for i in range(3):
            client.pages.create(
                parent={"data_source_id": capped_source},
                properties={"Name": {"title": [{"text": {"content": f"row {i}"}}]}},
            )
        yield {
            "backend": backend,
            "client": client,
            "ids": {
                "database_id": database_id,
                "data_source_id": source_id,
                "page_id": page["id"],
                "capped_source_id": capped_source,
            },
        }
        client.close()


def _respond(sandbox: dict[str, Any], name: str, request: dict[str, str]) -> tuple[int, Any]:
    """The sandbox's status and body for the request of a vendor fixture."""
    client: Client = sandbox["client"]
    ids = sandbox["ids"]
    path = request["path"].removeprefix("/v1/")
    auth = None
    body: dict[str, Any] | None = None
    if name == "error_unauthorized.json":
        auth = "not-the-token"
    if name == "data_sources_query_incomplete.json":
        ids = {**ids, "data_source_id": ids["capped_source_id"]}
        body = {"page_size": 2}
    elif request["method"] == "POST":
        body = {}
    path = path.format(**ids)
    backend: NotionBackend = sandbox["backend"]
    backend.query_result_limit = 2 if name == "data_sources_query_incomplete.json" else 10_000
    try:
        return 200, client.request(path=path, method=request["method"], body=body, auth=auth)
    except APIResponseError as error:
        return error.status, json.loads(error.body)


FIXTURES = sorted(p.name for p in VENDOR.glob("*.json"))


def test_the_vendor_examples_are_present() -> None:
    assert len(FIXTURES) >= 8
    for name in FIXTURES:
        doc = json.loads((VENDOR / name).read_text(encoding="utf-8"))
        assert doc["origin"] and doc["request"]["path"].startswith("/v1/"), name


@pytest.mark.parametrize("name", FIXTURES)
def test_sandbox_response_has_the_vendor_shape(sandbox: dict[str, Any], name: str) -> None:
    doc = json.loads((VENDOR / name).read_text(encoding="utf-8"))
    status, ours = _respond(sandbox, name, doc["request"])
    assert status == doc["status"], name
    vendor, optional = doc["body"], doc.get("optional", [])
    match = doc["match"]
    if match == "properties":
        problems = _properties_diff(
            vendor["properties"], ours["properties"], "properties", optional=optional
        )
    elif match == "parent":
        problems = shape_diff(vendor["parent"], ours["parent"], "parent")
        assert ours["parent"]["type"] == vendor["parent"]["type"]
    else:
        problems = shape_diff(vendor, ours, optional=optional, subset=match == "subset")
    assert problems == [], f"{name} ({doc['origin']}):\n" + "\n".join(problems)


def test_query_results_have_the_shape_of_a_retrieved_page(sandbox: dict[str, Any]) -> None:
    vendor_page = json.loads((VENDOR / "pages_retrieve.json").read_text(encoding="utf-8"))
    client: Client = sandbox["client"]
    sandbox["backend"].query_result_limit = 10_000
    result = client.data_sources.query(data_source_id=sandbox["ids"]["data_source_id"])
    vendor = {k: v for k, v in vendor_page["body"].items() if k != "request_id"}
    (page,) = result["results"]
    assert shape_diff(vendor, page) == []


def test_comparison_catches_a_missing_key_and_a_wrong_type() -> None:
    vendor = {"object": "page", "in_trash": False, "parent": {"type": "page_id", "page_id": "x"}}
    workspace = {"type": "workspace", "workspace": True}
    assert shape_diff(vendor, {"object": "page", "in_trash": False, "parent": workspace}) == []
    assert shape_diff(vendor, {"object": "page", "in_trash": "no", "parent": {}}) != []
    assert shape_diff(vendor, {"object": "page", "parent": vendor["parent"]}) == [
        ".in_trash: in Notion's response, not in the sandbox's"
    ]
