"""Airtable upserts (`performUpsert`) and table creation in the sandbox, through the
real pyairtable: the shapes of "Update multiple records" and "Create table"."""

from __future__ import annotations

import pytest
import requests
from pyairtable import Api

from tests.sandbox.conftest import error_type

FIELDS = [
    {"name": "Run", "type": "singleLineText"},
    {"name": "Errors", "type": "number", "options": {"precision": 0}},
    {"name": "Share", "type": "percent", "options": {"precision": 1}},
    {"name": "Date", "type": "date", "options": {"dateFormat": {"name": "iso"}}},
]


@pytest.fixture
def runs(sandbox, api: Api):
    base = sandbox.airtable.create_base("runs")
    api.base(base).create_table("Lint runs", FIELDS, description="one row per run")
    return api.table(base, "Lint runs")


def test_create_table_answers_the_table_model(sandbox, api: Api):
    base = sandbox.airtable.create_base("new tables")
    table = api.base(base).create_table("Lint runs", FIELDS)
    schema = table.schema()
    assert [f.name for f in schema.fields] == ["Run", "Errors", "Share", "Date"]
    assert schema.primary_field_id == schema.fields[0].id
    with pytest.raises(requests.HTTPError) as again:
        api.base(base).create_table("Lint runs", FIELDS)
    assert again.value.response.status_code == 422
    with pytest.raises(requests.HTTPError) as computed:
        api.base(base).create_table(
            "Formulas", [{"name": "F", "type": "formula", "options": {"formula": "1"}}]
        )
    assert error_type(computed.value) == "UNSUPPORTED_FIELD_TYPE_FOR_CREATE"


def test_upsert_creates_then_updates(runs):
    first = runs.batch_upsert(
        [{"fields": {"Run": "a · 2025-06-20", "Errors": 3}}, {"fields": {"Run": "b", "Errors": 1}}],
        key_fields=["Run"],
    )
    assert len(first["createdRecords"]) == 2 and first["updatedRecords"] == []
    created = {r["fields"]["Run"]: r["id"] for r in first["records"]}

    second = runs.batch_upsert(
        [
            {"fields": {"Run": "a · 2025-06-20", "Errors": 5, "Share": 0.125}},
            {"fields": {"Run": "c", "Errors": 0}},
        ],
        key_fields=["Run"],
    )
    assert second["updatedRecords"] == [created["a · 2025-06-20"]]
    assert len(second["createdRecords"]) == 1
    assert [r["fields"]["Run"] for r in second["records"]] == ["a · 2025-06-20", "c"]
    rows = {r["fields"]["Run"]: r["fields"] for r in runs.all()}
    assert rows["a · 2025-06-20"] == {"Run": "a · 2025-06-20", "Errors": 5, "Share": 0.125}
    assert set(rows) == {"a · 2025-06-20", "b", "c"}

    # With an id, a record is updated by id; PUT (replace) clears what is not sent.
    by_id = runs.batch_upsert(
        [{"id": created["b"], "fields": {"Run": "b", "Errors": 9}}], key_fields=["Run"]
    )
    assert by_id["updatedRecords"] == [created["b"]]
    runs.batch_upsert(
        [{"fields": {"Run": "a · 2025-06-20", "Errors": 1}}], key_fields=["Run"], replace=True
    )
    assert runs.get(created["a · 2025-06-20"])["fields"] == {"Run": "a · 2025-06-20", "Errors": 1}


def test_upsert_refusals(runs, api: Api):
    runs.create({"Run": "twin"})
    runs.create({"Run": "twin"})
    with pytest.raises(requests.HTTPError) as twins:
        runs.batch_upsert([{"fields": {"Run": "twin", "Errors": 1}}], key_fields=["Run"])
    assert twins.value.response.status_code == 422

    def raw(body: dict) -> requests.HTTPError:
        with pytest.raises(requests.HTTPError) as refused:
            api.request("patch", runs.urls.records, json=body)
        return refused.value

    missing_key = raw(
        {"performUpsert": {"fieldsToMergeOn": ["Run"]}, "records": [{"fields": {"Errors": 1}}]}
    )
    assert missing_key.response.status_code == 422
    unknown = raw(
        {"performUpsert": {"fieldsToMergeOn": ["Nope"]}, "records": [{"fields": {"Run": "x"}}]}
    )
    assert error_type(unknown) == "UNKNOWN_FIELD_NAME"
    too_many = raw(
        {
            "performUpsert": {"fieldsToMergeOn": ["Run", "Errors", "Share", "Date"]},
            "records": [{"fields": {"Run": "x"}}],
        }
    )
    assert too_many.response.status_code == 422
    eleven = raw(
        {
            "performUpsert": {"fieldsToMergeOn": ["Run"]},
            "records": [{"fields": {"Run": str(i)}} for i in range(11)],
        }
    )
    assert error_type(eleven) == "INVALID_RECORDS"
    assert {r["fields"]["Run"] for r in runs.all()} == {"twin"}
