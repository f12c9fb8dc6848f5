"""NotionBackend without HTTP: seeding from the plan format, persistence, token keying,
a person's edits, timestamps and the query semantics the HTTP tests do not reach."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tasklint.sandbox.notion import NotionBackend
from tasklint.sandbox.notion.errors import ObjectNotFound, ValidationError

TOKEN = "sandbox"

PLAN_EN: dict[str, Any] = {
    "table": "Marketing task checklist",
    "fields": [
        {"name": "Task", "type": "singleLineText"},
        {"name": "Stage", "type": "singleSelect", "options": ["Prepare", "Run", "Review"]},
        {"name": "Owner", "type": "multipleCollaborators"},
        {"name": "Due", "type": "date"},
        {"name": "Progress", "type": "percent"},
        {"name": "Budget", "type": "currency", "symbol": "$"},
        {"name": "Done", "type": "checkbox"},
        {"name": "Notes", "type": "multilineText"},
    ],
    "rows": [
        {
            "Task": "Align goals",
            "Stage": "Prepare",
            "Owner": [{"name": "Ann", "email": "ann@example.com"}],
            "Due": "2025-06-01",
            "Progress": 0.8,
        },
        {"Task": "Watch channels", "Stage": "Run", "Due": "2025-06-10T09:30:00+08:00"},
        {
            "Task": "Retro",
            "Stage": "Wrap-up",
            "Owner": [{"name": "Ann", "email": "ann@example.com"}],
        },
    ],
}


class FrozenClock:
    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(datetime(2025, 6, 20, 8, 15, 42, 123_000, tzinfo=UTC))


@pytest.fixture
def backend(clock: FrozenClock) -> NotionBackend:
    return NotionBackend(clock=clock)


def seeded(backend: NotionBackend) -> tuple[str, str]:
    return backend.create_database_from_plan(PLAN_EN, token=TOKEN)


def titles(result: dict[str, Any]) -> list[str]:
    return [
        "".join(t["plain_text"] for t in page["properties"]["Task"]["title"])
        for page in result["results"]
    ]


def page_id(backend: NotionBackend, source_id: str, title: str) -> str:
    result = backend.query_data_source(
        source_id, token=TOKEN, filter={"property": "Task", "title": {"equals": title}}
    )
    return str(result["results"][0]["id"])


def test_plan_fields_map_to_notion_property_types(backend: NotionBackend) -> None:
    database_id, source_id = seeded(backend)
    props = backend.retrieve_data_source(source_id, token=TOKEN)["properties"]
    assert {name: p["type"] for name, p in props.items()} == {
        "Task": "title",
        "Stage": "select",
        "Owner": "people",
        "Due": "date",
        "Progress": "number",
        "Budget": "number",
        "Done": "checkbox",
        "Notes": "rich_text",
    }
    assert props["Budget"]["number"]["format"] == "dollar"
    # A row naming an option the plan did not list adds it, as Notion does for selects.
    assert [o["name"] for o in props["Stage"]["select"]["options"]] == [
        "Prepare",
        "Run",
        "Review",
        "Wrap-up",
    ]
    people = [u for u in backend.list_users(token=TOKEN)["results"] if u["type"] == "person"]
    assert [(u["name"], u["person"]["email"]) for u in people] == [("Ann", "ann@example.com")]
    assert backend.list_databases(TOKEN) == [
        {"id": database_id, "title": "Marketing task checklist", "data_source_id": source_id}
    ]


def test_plan_with_an_unknown_field_type_is_refused(backend: NotionBackend) -> None:
    fields = [{"name": "A", "type": "singleLineText"}, {"name": "B", "type": "barcode"}]
    plan = {"table": "x", "fields": fields, "rows": []}
    with pytest.raises(ValueError, match="barcode"):
        backend.create_database_from_plan(plan, token=TOKEN)


def test_state_is_keyed_by_token(backend: NotionBackend) -> None:
    database_id, source_id = seeded(backend)
    assert backend.list_databases("other") == []
    with pytest.raises(ObjectNotFound):
        backend.retrieve_database(database_id, token="other")
    with pytest.raises(ObjectNotFound):
        backend.query_data_source(source_id, token="other")


def test_state_survives_a_restart_with_a_file(tmp_path: Path, clock: FrozenClock) -> None:
    path = str(tmp_path / "notion.sqlite3")
    first = NotionBackend(path, clock=clock)
    _, source_id = seeded(first)
    pid = page_id(first, source_id, "Retro")
    first.update_page(pid, token=TOKEN, properties={"Progress": {"number": 0.25}})
    first.close()
    second = NotionBackend(path, clock=clock)
    page = second.retrieve_page(pid, token=TOKEN)
    assert page["properties"]["Progress"]["number"] == 0.25
    assert len(second.query_data_source(source_id, token=TOKEN)["results"]) == 3
    second.reset()
    assert second.list_databases(TOKEN) == []


def test_timestamps_are_rounded_down_to_the_minute(
    backend: NotionBackend, clock: FrozenClock
) -> None:
    _, source_id = seeded(backend)
    pid = page_id(backend, source_id, "Align goals")
    created = backend.retrieve_page(pid, token=TOKEN)
    assert created["created_time"] == created["last_edited_time"] == "2025-06-20T08:15:00.000Z"
    clock.moment += timedelta(seconds=17)  # 08:15:59.123
    edited = backend.update_page(pid, token=TOKEN, properties={"Done": {"checkbox": True}})
    assert edited["last_edited_time"] == "2025-06-20T08:15:00.000Z"
    clock.moment += timedelta(seconds=1)  # 08:16:00.123
    edited = backend.update_page(pid, token=TOKEN, properties={"Done": {"checkbox": False}})
    assert edited["last_edited_time"] == "2025-06-20T08:16:00.000Z"
    assert edited["created_time"] == "2025-06-20T08:15:00.000Z"


def test_edit_page_is_a_person_editing(backend: NotionBackend, clock: FrozenClock) -> None:
    _, source_id = seeded(backend)
    pid = page_id(backend, source_id, "Watch channels")
    before = backend.retrieve_page(pid, token=TOKEN)
    clock.moment += timedelta(minutes=3)
    notes = {"Notes": {"rich_text": [{"text": {"content": "late"}}]}}
    after = backend.edit_page(pid, notes, token=TOKEN)
    assert after["last_edited_time"] == "2025-06-20T08:18:00.000Z"
    editor = backend.retrieve_user(after["last_edited_by"]["id"], token=TOKEN)
    assert editor["type"] == "person"
    assert after["properties"]["Stage"] == before["properties"]["Stage"]
    since = "2025-06-20T08:17:00Z"
    recent = backend.query_data_source(
        source_id,
        token=TOKEN,
        filter={"timestamp": "last_edited_time", "last_edited_time": {"on_or_after": since}},
    )
    assert titles(recent) == ["Watch channels"]
    ann = next(u for u in backend.list_users(token=TOKEN)["results"] if u["name"] == "Ann")
    backend.edit_page(pid, {"Owner": {"people": [{"id": ann["id"]}]}}, token=TOKEN, user=ann["id"])
    assert backend.retrieve_page(pid, token=TOKEN)["last_edited_by"]["id"] == ann["id"]


def test_edit_page_validates_like_the_api(backend: NotionBackend) -> None:
    _, source_id = seeded(backend)
    pid = page_id(backend, source_id, "Retro")
    with pytest.raises(ValidationError, match="not a property that exists"):
        backend.edit_page(pid, {"Nope": {"number": 1}}, token=TOKEN)
    with pytest.raises(ValidationError):
        backend.edit_page(pid, {"Progress": {"number": "80%"}}, token=TOKEN)
    with pytest.raises(ValidationError):
        backend.edit_page(pid, {"Progress": {"rich_text": []}}, token=TOKEN)


def query(backend: NotionBackend, source_id: str, flt: dict[str, Any]) -> list[str]:
    return titles(backend.query_data_source(source_id, token=TOKEN, filter=flt))


def test_date_filters_compare_days_or_instants(backend: NotionBackend) -> None:
    _, source_id = seeded(backend)
    # "Watch channels" is due 2025-06-10T09:30:00+08:00, i.e. 01:30 UTC.
    on_day = query(backend, source_id, {"property": "Due", "date": {"equals": "2025-06-10"}})
    assert on_day == ["Watch channels"]
    later = {"property": "Due", "date": {"after": "2025-06-10T01:00:00Z"}}
    assert query(backend, source_id, later) == ["Watch channels"]
    later = {"property": "Due", "date": {"after": "2025-06-10T02:00:00Z"}}
    assert query(backend, source_id, later) == []
    day_before = {"property": "Due", "date": {"on_or_before": "2025-06-01"}}
    assert query(backend, source_id, day_before) == ["Align goals"]
    past = {"property": "Due", "date": {"past_month": {}}}  # the clock says 2025-06-20
    assert set(query(backend, source_id, past)) == {"Align goals", "Watch channels"}
    assert query(backend, source_id, {"property": "Due", "date": {"past_week": {}}}) == []


def test_text_contains_ignores_case_and_equals_does_not(backend: NotionBackend) -> None:
    _, source_id = seeded(backend)
    assert query(backend, source_id, {"property": "Task", "title": {"contains": "RETRO"}}) == [
        "Retro"
    ]
    assert query(backend, source_id, {"property": "Task", "title": {"equals": "retro"}}) == []


@pytest.mark.parametrize(
    "bad_filter",
    [
        {"or": [{"and": [{"or": [{"property": "Done", "checkbox": {"equals": True}}]}]}]},
        {"timestamp": "last_edited_time", "property": "Task", "last_edited_time": {"after": "x"}},
        {"timestamp": "last_edited_time", "last_edited_time": {"after": "not a date"}},
        {"property": "Progress", "number": {"greater_than": "1"}},
        {"property": "Progress", "number": {"equals": 1, "less_than": 2}},
        {"property": "Stage", "select": {"contains": "Run"}},
        {"property": "Task", "title": {"is_empty": False}},
        {"property": "Owner", "people": {"contains": "ann"}},
        {"property": "Done", "select": {"equals": "yes"}},
        {"nope": []},
    ],
)
def test_malformed_filters_are_validation_errors(
    backend: NotionBackend, bad_filter: dict[str, Any]
) -> None:
    _, source_id = seeded(backend)
    with pytest.raises(ValidationError):
        backend.query_data_source(source_id, token=TOKEN, filter=bad_filter)


def test_two_levels_of_compound_filters_are_allowed(backend: NotionBackend) -> None:
    _, source_id = seeded(backend)
    nested = {
        "or": [
            {"property": "Task", "title": {"contains": "Retro"}},
            {
                "and": [
                    {"property": "Stage", "select": {"equals": "Run"}},
                    {"property": "Done", "checkbox": {"equals": False}},
                ]
            },
        ]
    }
    assert set(query(backend, source_id, nested)) == {"Retro", "Watch channels"}


def test_trashed_pages_leave_queries(backend: NotionBackend) -> None:
    _, source_id = seeded(backend)
    pid = page_id(backend, source_id, "Retro")
    trashed = backend.update_page(pid, token=TOKEN, in_trash=True)
    assert trashed["in_trash"] is True and trashed["archived"] is True
    assert "Retro" not in titles(backend.query_data_source(source_id, token=TOKEN))
    assert titles(backend.query_data_source(source_id, token=TOKEN, in_trash=True)) == ["Retro"]


def test_a_page_in_the_trash_takes_no_edit_until_it_is_restored(backend: NotionBackend) -> None:
    _, source_id = seeded(backend)
    pid = page_id(backend, source_id, "Retro")
    backend.update_page(pid, token=TOKEN, in_trash=True)
    done = {"Done": {"checkbox": True}}
    with pytest.raises(ValidationError, match="Can't edit block that is archived"):
        backend.update_page(pid, token=TOKEN, properties=done)
    restored = backend.update_page(pid, token=TOKEN, properties=done, in_trash=False)
    assert restored["in_trash"] is False and restored["properties"]["Done"]["checkbox"] is True


def test_select_option_names_may_not_contain_commas(backend: NotionBackend) -> None:
    _, source_id = seeded(backend)
    with pytest.raises(ValidationError, match="comma"):
        backend.update_data_source(
            source_id, token=TOKEN, properties={"Stage": {"select": {"options": [{"name": "a,b"}]}}}
        )


def test_the_title_property_cannot_be_removed_or_retyped(backend: NotionBackend) -> None:
    _, source_id = seeded(backend)
    with pytest.raises(ValidationError):
        backend.update_data_source(source_id, token=TOKEN, properties={"Task": None})
    with pytest.raises(ValidationError):
        backend.update_data_source(source_id, token=TOKEN, properties={"Task": {"rich_text": {}}})
    with pytest.raises(ValidationError):
        backend.update_data_source(source_id, token=TOKEN, properties={"Second": {"title": {}}})


def test_retyping_a_property_clears_its_values(backend: NotionBackend) -> None:
    _, source_id = seeded(backend)
    updated = backend.update_data_source(
        source_id, token=TOKEN, properties={"Progress": {"rich_text": {}}}
    )
    assert updated["properties"]["Progress"]["type"] == "rich_text"
    pid = page_id(backend, source_id, "Align goals")
    assert backend.retrieve_page(pid, token=TOKEN)["properties"]["Progress"]["rich_text"] == []
