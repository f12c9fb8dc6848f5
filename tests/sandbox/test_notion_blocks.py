"""Notion page content in the sandbox, through the real notion-client: pages under
pages, appending, listing and deleting blocks, in the shapes of the API reference."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from notion_client import APIResponseError, Client

from tasklint.sandbox import SandboxServer


@pytest.fixture(scope="module")
def sandbox() -> Iterator[SandboxServer]:
    with SandboxServer(rate_limit=False) as server:
        yield server


@pytest.fixture
def client(sandbox: SandboxServer) -> Client:
    return Client(auth=sandbox.token, base_url=sandbox.notion_url)


@pytest.fixture
def parent(sandbox: SandboxServer) -> str:
    return sandbox.notion.create_workspace_page("Team space", token=sandbox.token)


def text(content: str) -> list[dict[str, Any]]:
    return [{"type": "text", "text": {"content": content}}]


def paragraph(content: str) -> dict[str, Any]:
    return {"object": "block", "type": "paragraph", "paragraph": {"rich_text": text(content)}}


def plain(block: dict[str, Any]) -> str:
    return "".join(p["plain_text"] for p in block[block["type"]]["rich_text"])


def code(exc: pytest.ExceptionInfo[APIResponseError]) -> tuple[int, str]:
    return exc.value.status, getattr(exc.value.code, "value", exc.value.code)


def test_a_page_under_a_page_with_content(client: Client, parent: str):
    page = client.pages.create(
        parent={"type": "page_id", "page_id": parent},
        properties={"title": {"title": text("Weekly report")}},
        icon={"type": "emoji", "emoji": "📊"},
        children=[
            {"heading_2": {"rich_text": text("Overview")}},
            {"bulleted_list_item": {"rich_text": text("one"), "color": "red"}},
            {
                "table": {
                    "table_width": 2,
                    "has_column_header": True,
                    "children": [
                        {"table_row": {"cells": [text("a"), text("b")]}},
                        {"table_row": {"cells": [text("1"), []]}},
                    ],
                }
            },
        ],
    )
    assert page["object"] == "page" and page["parent"] == {"type": "page_id", "page_id": parent}
    assert page["properties"]["title"]["title"][0]["plain_text"] == "Weekly report"
    assert page["icon"] == {"type": "emoji", "emoji": "📊"}
    assert client.pages.retrieve(page_id=page["id"])["id"] == page["id"]

    listed = client.blocks.children.list(block_id=parent)
    assert listed["object"] == "list" and listed["type"] == "block" and listed["block"] == {}
    (child,) = listed["results"]
    assert child["type"] == "child_page" and child["child_page"] == {"title": "Weekly report"}
    assert child["id"] == page["id"] and child["has_children"] is True

    heading, bullet, table = client.blocks.children.list(block_id=page["id"])["results"]
    assert heading["parent"] == {"type": "page_id", "page_id": page["id"]}
    assert heading["heading_2"]["is_toggleable"] is False and plain(heading) == "Overview"
    assert bullet["bulleted_list_item"]["color"] == "red"
    assert table["has_children"] and table["table"] == {
        "table_width": 2,
        "has_column_header": True,
        "has_row_header": False,
    }
    rows = client.blocks.children.list(block_id=table["id"])["results"]
    assert [r["type"] for r in rows] == ["table_row", "table_row"]
    assert rows[1]["table_row"]["cells"][1] == []
    assert rows[0]["parent"] == {"type": "block_id", "block_id": table["id"]}
    assert client.blocks.retrieve(block_id=table["id"])["type"] == "table"

    renamed = client.pages.update(page_id=page["id"], properties={"title": text("Renamed")})
    assert renamed["properties"]["title"]["title"][0]["plain_text"] == "Renamed"


def test_append_paginate_insert_after_and_delete(client: Client, parent: str):
    page = client.pages.create(parent={"page_id": parent}, properties={"title": text("P")})
    appended = client.blocks.children.append(
        block_id=page["id"], children=[paragraph(str(i)) for i in range(5)]
    )
    assert [plain(b) for b in appended["results"]] == ["0", "1", "2", "3", "4"]
    assert appended["has_more"] is False and appended["next_cursor"] is None

    first = client.blocks.children.list(block_id=page["id"], page_size=2)
    assert [plain(b) for b in first["results"]] == ["0", "1"] and first["has_more"]
    rest = client.blocks.children.list(
        block_id=page["id"], page_size=100, start_cursor=first["next_cursor"]
    )
    assert [plain(b) for b in rest["results"]] == ["2", "3", "4"] and not rest["has_more"]

    client.blocks.children.append(
        block_id=page["id"], children=[paragraph("1.5")], after=first["results"][1]["id"]
    )
    order = [plain(b) for b in client.blocks.children.list(block_id=page["id"])["results"]]
    assert order == ["0", "1", "1.5", "2", "3", "4"]

    deleted = client.blocks.delete(block_id=appended["results"][0]["id"])
    assert deleted["archived"] is True and deleted["in_trash"] is True
    order = [plain(b) for b in client.blocks.children.list(block_id=page["id"])["results"]]
    assert order[0] == "1"
    with pytest.raises(APIResponseError) as again:
        client.blocks.delete(block_id=appended["results"][0]["id"])
    assert code(again) == (400, "validation_error")

    # Deleting the page answers its child_page block, archived; the page is in the trash.
    gone = client.blocks.delete(block_id=page["id"])
    assert gone["type"] == "child_page" and gone["archived"] is True
    assert client.pages.retrieve(page_id=page["id"])["in_trash"] is True
    assert client.blocks.children.list(block_id=parent)["results"] == []


def test_nested_children_and_toggle_headings(client: Client, parent: str):
    page = client.pages.create(parent={"page_id": parent}, properties={"title": text("N")})
    toggle = {
        "heading_2": {
            "rich_text": text("Details"),
            "is_toggleable": True,
            "children": [paragraph("inside")],
        }
    }
    (heading,) = client.blocks.children.append(block_id=page["id"], children=[toggle])["results"]
    assert heading["has_children"]
    (inside,) = client.blocks.children.list(block_id=heading["id"])["results"]
    assert plain(inside) == "inside"

    # Three levels in one request: refused (two is the limit).
    deep = {
        "toggle": {
            "rich_text": text("a"),
            "children": [{"toggle": {"rich_text": text("b"), "children": [paragraph("c")]}}],
        }
    }
    with pytest.raises(APIResponseError) as nested:
        client.blocks.children.append(block_id=page["id"], children=[deep])
    assert code(nested) == (400, "validation_error")
    # A plain heading takes no children.
    with pytest.raises(APIResponseError):
        client.blocks.children.append(
            block_id=page["id"],
            children=[{"heading_3": {"rich_text": text("x"), "children": [paragraph("y")]}}],
        )


@pytest.mark.parametrize(
    "children",
    [
        [paragraph(str(i)) for i in range(101)],  # more than 100 in one request
        [{"table": {"table_width": 2, "children": [{"table_row": {"cells": [text("a")]}}]}}],
        [{"table": {"table_width": 2}}],  # a table comes with its rows
        [{"table_row": {"cells": [text("a")]}}],  # a row outside a table
        [{"image": {"type": "external", "external": {"url": "https://e.x/a.png"}}}],
        [{"paragraph": {"rich_text": text("x"), "color": "rainbow"}}],
        [{"paragraph": {"rich_text": text("x" * 2001)}}],
    ],
    ids=["101", "row-width", "no-rows", "loose-row", "image", "color", "long-text"],
)
def test_bad_children_are_refused(client: Client, parent: str, children: list[Any]):
    page = client.pages.create(parent={"page_id": parent}, properties={"title": text("B")})
    with pytest.raises(APIResponseError) as refused:
        client.blocks.children.append(block_id=page["id"], children=children)
    assert code(refused) == (400, "validation_error")
    assert client.blocks.children.list(block_id=page["id"])["results"] == []


def test_unknown_ids_and_bad_parents(client: Client, parent: str):
    nowhere = "00000000-0000-4000-8000-000000000000"
    for call in (
        lambda: client.blocks.children.list(block_id=nowhere),
        lambda: client.blocks.children.append(block_id=nowhere, children=[paragraph("x")]),
        lambda: client.blocks.delete(block_id=nowhere),
        lambda: client.pages.create(parent={"page_id": nowhere}, properties={}),
    ):
        with pytest.raises(APIResponseError) as missing:
            call()
        assert code(missing) == (404, "object_not_found")
    with pytest.raises(APIResponseError) as extra:
        client.pages.create(
            parent={"page_id": parent},
            properties={"title": {"title": text("x")}, "Status": {"select": {"name": "a"}}},
        )
    assert code(extra) == (400, "validation_error")


def test_database_rows_hold_content_too(sandbox: SandboxServer, client: Client):
    _database, source = sandbox.notion.create_database("Tasks", {}, token=sandbox.token)
    row = client.pages.create(
        parent={"data_source_id": source},
        properties={"Name": {"title": text("Row")}},
        children=[paragraph("notes")],
    )
    (note,) = client.blocks.children.list(block_id=row["id"])["results"]
    assert plain(note) == "notes"
    as_block = client.blocks.retrieve(block_id=row["id"])
    assert as_block["type"] == "child_page" and as_block["child_page"]["title"] == "Row"
    trashed = client.blocks.delete(block_id=row["id"])
    assert trashed["archived"] and client.pages.retrieve(page_id=row["id"])["in_trash"]


def test_erase_content_empties_a_page_in_one_request(sandbox: SandboxServer, client: Client):
    page = client.pages.create(
        parent={
            "type": "page_id",
            "page_id": sandbox.notion.create_workspace_page("Reports", token=sandbox.token),
        },
        properties={"title": {"title": text("Weekly")}},
        children=[
            paragraph("one"),
            {"toggle": {"rich_text": text("two"), "children": [paragraph("inside")]}},
        ],
    )
    with pytest.raises(APIResponseError) as not_boolean:
        client.pages.update(page_id=page["id"], erase_content="yes")
    assert code(not_boolean) == (400, "validation_error")
    # a request refused for another reason erases nothing
    with pytest.raises(APIResponseError) as refused:
        client.pages.update(page_id=page["id"], erase_content=True, properties={"Nope": {}})
    assert code(refused)[0] == 400
    assert len(client.blocks.children.list(block_id=page["id"])["results"]) == 2

    kept = client.pages.update(page_id=page["id"], erase_content=True)
    assert kept["id"] == page["id"] and not kept["in_trash"]
    assert client.blocks.children.list(block_id=page["id"])["results"] == []
    assert (
        client.pages.retrieve(page_id=page["id"])["properties"]["title"]["title"][0]["plain_text"]
        == "Weekly"
    )
    client.blocks.children.append(block_id=page["id"], children=[paragraph("fresh")])
    (fresh,) = client.blocks.children.list(block_id=page["id"])["results"]
    assert plain(fresh) == "fresh"

    _database, source = sandbox.notion.create_database("Rows", {}, token=sandbox.token)
    row = client.pages.create(
        parent={"data_source_id": source},
        properties={"Name": {"title": text("Row")}},
        children=[paragraph("notes")],
    )
    client.pages.update(page_id=row["id"], erase_content=True)
    assert client.blocks.children.list(block_id=row["id"])["results"] == []
