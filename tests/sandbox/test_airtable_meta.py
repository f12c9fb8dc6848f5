"""Airtable meta API (bases, schema, fields), through pyairtable's schema models."""

from __future__ import annotations

import re

import pytest
import requests
from pyairtable import Api, Table

from tasklint.sandbox import SandboxServer
from tests.sandbox.conftest import TABLE, error_type

FIELD_ID = re.compile(r"^fld[A-Za-z0-9]{14}$")


def test_table_schema_has_ids_types_and_documented_options(table: Table) -> None:
    schema = table.schema()
    assert re.fullmatch(r"tbl[A-Za-z0-9]{14}", schema.id)
    assert schema.name == TABLE
    assert schema.primary_field_id == schema.field("任务").id
    assert all(FIELD_ID.match(f.id) for f in schema.fields)
    types = {f.name: f.type for f in schema.fields}
    assert types["进度"] == "percent"
    assert types["负责人"] == "multipleCollaborators"
    assert types["输入更新"] == "lastModifiedTime"
    phase = schema.field("检查阶段")
    assert [c.name for c in phase.options.choices] == [
        "方案准备阶段",
        "执行监控阶段",
        "效果复盘阶段",
    ]
    assert all(re.fullmatch(r"sel[A-Za-z0-9]{14}", c.id) for c in phase.options.choices)
    budget = schema.field("预算")
    assert (budget.options.symbol, budget.options.precision) == ("¥", 2)
    assert schema.field("截止日期").options.date_format.name == "iso"
    assert schema.field("开始时间").options.time_zone == "utc"
    watched = schema.field("输入更新").options.referenced_field_ids
    assert watched == [schema.field(n).id for n in ("任务", "进度", "截止日期")]
    formula = schema.field("达成率公式").options
    assert formula.formula == "{" + schema.field("进度").id + "} * 100"
    assert formula.referenced_field_ids == [schema.field("进度").id]
    (view,) = schema.views
    assert (view.name, view.type) == ("Grid view", "grid")
    assert view.visible_field_ids == [f.id for f in schema.fields]


def test_raw_schema_without_include_has_no_visible_field_ids(
    sandbox: SandboxServer, base: str
) -> None:
    response = requests.get(
        f"{sandbox.url}/v0/meta/bases/{base}/tables",
        headers={"Authorization": f"Bearer {sandbox.token}"},
        timeout=5,
    )
    (table,) = response.json()["tables"]
    assert set(table) == {"id", "name", "primaryFieldId", "fields", "views"}
    assert set(table["views"][0]) == {"id", "name", "type"}
    text_field = next(f for f in table["fields"] if f["name"] == "任务")
    assert set(text_field) == {"id", "name", "type"}  # no options for text


def test_list_bases(api: Api, base: str) -> None:
    bases = {b.id: b for b in api.bases(force=True)}
    assert bases[base].name == "tasklint test"
    assert bases[base].permission_level == "create"


def test_create_field_appears_in_schema_and_takes_values(table: Table) -> None:
    created = table.create_field(
        "计算状态", "singleSelect", options={"choices": [{"name": "异常"}]}
    )
    assert FIELD_ID.match(created.id)
    assert created.type == "singleSelect"
    assert [c.name for c in created.options.choices] == ["异常"]
    number = table.create_field("完成率", "percent", options={"precision": 1})
    assert number.options.precision == 1
    schema = table.schema(force=True)
    assert schema.field("计算状态").id == created.id
    record = table.all(max_records=1)[0]
    updated = table.update(record["id"], {"计算状态": "异常", "完成率": 0.8})
    assert updated["fields"]["计算状态"] == "异常"


def test_create_field_with_a_taken_or_empty_name_is_422(table: Table) -> None:
    for name in ("任务", "  "):
        with pytest.raises(requests.HTTPError) as caught:
            table.create_field(name, "singleLineText")
        assert caught.value.response.status_code == 422
        assert error_type(caught.value) == "DUPLICATE_OR_EMPTY_FIELD_NAME"


def test_computed_fields_cannot_be_created_through_the_api(table: Table) -> None:
    with pytest.raises(requests.HTTPError) as caught:
        table.create_field("公式", "formula", options={"formula": "1"})
    assert caught.value.response.status_code == 422


def test_update_field_renames_and_describes(
    sandbox: SandboxServer, table: Table, base: str
) -> None:
    field = table.schema().field("备注")
    response = requests.patch(
        f"{sandbox.url}/v0/meta/bases/{base}/tables/{TABLE}/fields/{field.id}",
        json={"name": "Notes", "description": "free text"},
        headers={"Authorization": f"Bearer {sandbox.token}"},
        timeout=5,
    )
    assert response.status_code == 200
    assert response.json() == {
        "id": field.id,
        "name": "Notes",
        "type": "multilineText",
        "description": "free text",
    }
    assert table.schema(force=True).field(field.id).name == "Notes"


def test_whoami(api: Api) -> None:
    assert api.whoami()["id"].startswith("usr")
