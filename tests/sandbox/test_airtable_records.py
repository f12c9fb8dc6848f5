"""Airtable records endpoints, driven by the real pyairtable over real HTTP."""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime
from typing import Any

import pytest
import requests
from pyairtable import Api, Table
from pyairtable.formulas import AND, BLANK, EQ, GT, OR, Field, match

from tasklint.sandbox import SandboxServer
from tests.sandbox.conftest import TABLE, by_task, error_type, section

ISO_MS = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")


def _raw(sandbox: SandboxServer, method: str, path: str, **kwargs: Any) -> requests.Response:
    headers = {"Authorization": f"Bearer {sandbox.token}", **kwargs.pop("headers", {})}
    return requests.request(method, f"{sandbox.url}{path}", headers=headers, timeout=5, **kwargs)


# -- list records ------------------------------------------------------------------------


def test_list_records_returns_cell_json_and_omits_empty_values(table: Table) -> None:
    records = by_task(table.all())
    assert set(records) == {"营销目标对齐", "任务分工表", "里程碑进度", "复盘报告"}
    first = records["营销目标对齐"]
    assert re.fullmatch(r"rec[A-Za-z0-9]{14}", first["id"])
    assert ISO_MS.match(first["createdTime"])
    fields = first["fields"]
    assert fields["进度"] == 0.8  # percent as a fraction
    assert fields["截止日期"] == "2025-06-01"
    assert fields["预算"] == 12000
    assert fields["已确认"] is True
    (owner,) = fields["负责人"]
    assert set(owner) == {"id", "email", "name"}
    assert re.fullmatch(r"usr[A-Za-z0-9]{14}", owner["id"])
    assert owner["name"] == "张三"
    assert fields["编号"] == 1
    assert fields["创建时间"] == first["createdTime"]
    assert ISO_MS.match(fields["输入更新"])
    # Empty text, empty lists and unchecked checkboxes are absent, not "" / [] / false.
    last = records["复盘报告"]["fields"]
    for absent in ("已确认", "标签", "备注", "负责人", "进度"):
        assert absent not in last
    assert records["里程碑进度"]["fields"]["开始时间"] == "2025-06-01T08:00:00.000Z"


def test_formula_fields_keep_their_stored_value_including_errors(table: Table) -> None:
    records = by_task(table.all())
    assert records["营销目标对齐"]["fields"]["达成率公式"] == 80
    assert records["任务分工表"]["fields"]["达成率公式"] == {"error": "#ERROR!"}


def test_iterate_pages_through_opaque_offsets(sandbox: SandboxServer, api: Api, base: str) -> None:
    table = api.table(base, TABLE)
    sandbox.airtable.create_table_from_plan(base, section(rows=23) | {"table": "Paged"})
    paged = api.table(base, "Paged")
    sandbox.control.reset_stats()
    pages = list(paged.iterate(page_size=10))
    assert [len(p) for p in pages] == [10, 10, 3]
    names = [r["fields"]["任务"] for page in pages for r in page]
    assert names == [f"任务 {i:03d}" for i in range(23)]
    requests_ = sandbox.control.stats()
    assert [r.method for r in requests_] == ["GET", "GET", "GET"]
    offsets = [re.search(r"offset=([^&]+)", r.query) for r in requests_]
    assert offsets[0] is None
    for found in offsets[1:]:
        assert found is not None
        assert re.fullmatch(r"itr[A-Za-z0-9]{14}%2Frec[A-Za-z0-9]{14}", found.group(1))
    assert table.all(page_size=100)  # the other table of the base is untouched


def test_page_size_above_100_is_refused(sandbox: SandboxServer, base: str) -> None:
    response = _raw(sandbox, "GET", f"/v0/{base}/{TABLE}", params={"pageSize": 101})
    assert response.status_code == 422
    assert set(response.json()["error"]) == {"type", "message"}


def test_max_records_and_first(table: Table) -> None:
    assert len(table.all(max_records=2)) == 2
    first = table.first(sort=["任务"])
    assert first is not None
    assert (
        first["fields"]["任务"]
        == sorted(["营销目标对齐", "任务分工表", "里程碑进度", "复盘报告"])[0]
    )


def test_stale_or_unknown_offset_is_422(sandbox: SandboxServer, base: str) -> None:
    path = f"/v0/{base}/{TABLE}"
    first = _raw(sandbox, "GET", path, params={"pageSize": 1}).json()
    offset = first["offset"]
    second = _raw(sandbox, "GET", path, params={"pageSize": 1, "offset": offset})
    assert second.status_code == 200
    sandbox.control.set_limits(airtable_iterator_ttl=0.05)
    try:
        time.sleep(0.1)
        stale = _raw(sandbox, "GET", path, params={"pageSize": 1, "offset": offset})
    finally:
        sandbox.control.set_limits(airtable_iterator_ttl=300)
    assert stale.status_code == 422
    assert stale.json()["error"]["type"] == "LIST_RECORDS_ITERATOR_NOT_AVAILABLE"
    garbage = _raw(sandbox, "GET", path, params={"offset": "not-an-offset"})
    assert garbage.status_code == 422
    assert garbage.json()["error"]["type"] == "INVALID_OFFSET_VALUE"


def test_fields_and_return_fields_by_field_id(table: Table) -> None:
    schema = table.schema()
    progress = schema.field("进度").id
    records = table.all(fields=["任务", progress])
    assert all(set(r["fields"]) <= {"任务", "进度"} for r in records)
    by_id = table.all(fields=["任务"], use_field_ids=True)
    task_id = schema.field("任务").id
    assert all(set(r["fields"]) == {task_id} for r in by_id)
    with pytest.raises(requests.HTTPError) as caught:
        table.all(fields=["no such field"])
    assert caught.value.response.status_code == 422
    assert error_type(caught.value) == "UNKNOWN_FIELD_NAME"


def test_sort_by_fields_and_directions(table: Table) -> None:
    progress = [r["fields"].get("进度") for r in table.all(sort=["-进度"])]
    assert progress == [0.8, 0.5, 0.2, None]
    ascending = [r["fields"].get("进度") for r in table.all(sort=["进度"])]
    assert ascending == [None, 0.2, 0.5, 0.8]
    # A single select sorts by its choices' order, then ties by a second key.
    phases = [r["fields"]["任务"] for r in table.all(sort=["检查阶段", "-进度"])]
    assert phases == ["营销目标对齐", "任务分工表", "里程碑进度", "复盘报告"]


def test_filter_by_formula_through_pyairtable(table: Table) -> None:
    def tasks(formula: Any) -> set[str]:
        return {r["fields"]["任务"] for r in table.all(formula=formula)}

    assert tasks(match({"检查阶段": "方案准备阶段"})) == {"营销目标对齐", "任务分工表"}
    assert tasks(OR(EQ(Field("完成状态"), "异常"), GT(Field("进度"), 0.7))) == {
        "营销目标对齐",
        "里程碑进度",
    }
    assert tasks(AND(EQ(Field("预算"), BLANK()), Field("进度"))) == {"任务分工表"}
    assert tasks("IS_AFTER({截止日期}, DATETIME_PARSE('2025-06-05'))") == {
        "任务分工表",
        "里程碑进度",
    }
    assert tasks("NOT({负责人})") == {"里程碑进度", "复盘报告"}


def test_filter_by_last_modified_time(sandbox: SandboxServer, table: Table, base: str) -> None:
    records = by_task(table.all())
    time.sleep(0.01)
    cutoff = datetime.now(UTC)
    time.sleep(0.01)
    table.update(records["复盘报告"]["id"], {"备注": "edited"})
    stamp = cutoff.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    after = table.all(formula=f"IS_AFTER(LAST_MODIFIED_TIME(), DATETIME_PARSE('{stamp}'))")
    assert [r["fields"]["任务"] for r in after] == ["复盘报告"]
    # The input-only lastModifiedTime field did not move for a 备注 edit.
    watched = table.all(formula=f"IS_AFTER({{输入更新}}, DATETIME_PARSE('{stamp}'))")
    assert watched == []


def test_invalid_formula_is_422_invalid_filter_by_formula(table: Table) -> None:
    for formula in ("AND(", "{no such field} = 1", "NO_SUCH_FUNCTION(1)"):
        with pytest.raises(requests.HTTPError) as caught:
            table.all(formula=formula)
        assert caught.value.response.status_code == 422
        assert error_type(caught.value) == "INVALID_FILTER_BY_FORMULA"


def test_long_formula_switches_to_post_list_records(sandbox: SandboxServer, table: Table) -> None:
    padding = " ".join(["TRUE()"] * 3000)
    formula = f"AND({{完成状态}} = '已完成', OR({padding.replace(' ', ', ')}))"
    records = table.all(formula=formula)
    assert [r["fields"]["任务"] for r in records] == ["营销目标对齐"]
    assert [(r.method, r.path.rsplit("/", 1)[-1]) for r in sandbox.control.stats()][-1] == (
        "POST",
        "listRecords",
    )


def test_views_filter_and_sort(sandbox: SandboxServer, table: Table, base: str) -> None:
    sandbox.control.create_view(
        base,
        TABLE,
        "Active",
        formula="NOT({完成状态} = '已完成')",
        sort=[{"field": "截止日期", "direction": "desc"}],
    )
    names = [r["fields"]["任务"] for r in table.all(view="Active")]
    assert names == ["里程碑进度", "任务分工表", "复盘报告"]
    view_id = next(v.id for v in table.schema(force=True).views if v.name == "Active")
    assert [r["fields"]["任务"] for r in table.all(view=view_id)] == names
    # An explicit sort overrides the view's; a formula narrows it further.
    narrowed = table.all(view="Active", sort=["进度"], formula="{进度} > 0.3")
    assert [r["fields"]["任务"] for r in narrowed] == ["任务分工表"]
    with pytest.raises(requests.HTTPError) as caught:
        table.all(view="No such view")
    assert caught.value.response.status_code == 422
    assert error_type(caught.value) == "VIEW_NAME_NOT_FOUND"


def test_get_record_and_unknown_record(table: Table) -> None:
    record = table.all(max_records=1)[0]
    assert table.get(record["id"]) == record
    with pytest.raises(requests.HTTPError) as caught:
        table.get("recAAAAAAAAAAAAAA")
    assert caught.value.response.status_code == 404
    assert error_type(caught.value) == "MODEL_ID_NOT_FOUND"


# -- writes ------------------------------------------------------------------------------


def test_batch_update_of_23_records_is_split_10_10_3(
    sandbox: SandboxServer, api: Api, base: str
) -> None:
    sandbox.airtable.create_table_from_plan(base, section(rows=23) | {"table": "Batch"})
    table = api.table(base, "Batch")
    records = sandbox.airtable.list_records(base, "Batch")["records"]
    sandbox.control.reset_stats()
    updated = table.batch_update(
        [{"id": r["id"], "fields": {"检查提示": f"⚠ S401 #{i}"}} for i, r in enumerate(records)]
    )
    assert len(updated) == 23
    writes = sandbox.control.stats()
    assert [(r.method, r.status) for r in writes] == [("PATCH", 200)] * 3
    stored = by_task(sandbox.airtable.list_records(base, "Batch")["records"])
    assert stored["任务 022"]["fields"]["检查提示"] == "⚠ S401 #22"


def test_batch_create_is_split_and_numbers_records(sandbox: SandboxServer, table: Table) -> None:
    created = table.batch_create([{"任务": f"新任务 {i}", "进度": 0} for i in range(23)])
    assert len(created) == 23
    assert [(r.method, r.status) for r in sandbox.control.stats()] == [("POST", 200)] * 3
    assert created[0]["fields"]["编号"] == 5  # autoNumber continues after the 4 seeded rows
    assert created[-1]["fields"]["编号"] == 27


def test_eleven_records_in_one_request_is_422(sandbox: SandboxServer, base: str) -> None:
    body = {"records": [{"fields": {"任务": f"t{i}"}} for i in range(11)]}
    response = _raw(sandbox, "POST", f"/v0/{base}/{TABLE}", json=body)
    assert response.status_code == 422
    assert response.json()["error"]["type"] == "INVALID_RECORDS"
    ids = [r["id"] for r in _raw(sandbox, "GET", f"/v0/{base}/{TABLE}").json()["records"]]
    body = {"records": [{"id": ids[0], "fields": {"备注": "x"}}] * 11}
    response = _raw(sandbox, "PATCH", f"/v0/{base}/{TABLE}", json=body)
    assert response.status_code == 422
    assert response.json()["error"]["type"] == "INVALID_RECORDS"


def test_patch_changes_only_the_fields_sent(table: Table) -> None:
    record = by_task(table.all())["营销目标对齐"]
    updated = table.update(record["id"], {"检查提示": "⚠ G102", "进度": 0.9})
    expected = dict(record["fields"], 检查提示="⚠ G102", 进度=0.9)
    expected.pop("输入更新")
    got = dict(updated["fields"])
    assert got.pop("输入更新") != record["fields"]["输入更新"]  # 进度 is watched
    assert got == expected


def test_put_clears_unsent_fields_but_not_computed_ones(table: Table) -> None:
    record = by_task(table.all())["营销目标对齐"]
    replaced = table.update(record["id"], {"任务": "营销目标对齐", "备注": "only"}, replace=True)
    fields = replaced["fields"]
    assert {k for k in fields if k not in ("创建时间", "编号", "输入更新", "达成率公式")} == {
        "任务",
        "备注",
    }
    assert fields["编号"] == record["fields"]["编号"]
    assert fields["达成率公式"] == 80  # stored formula value: computed, untouched


def test_batch_put_through_batch_update_replace(table: Table) -> None:
    records = table.all(sort=["编号"], max_records=2)
    out = table.batch_update(
        [{"id": r["id"], "fields": {"任务": r["fields"]["任务"]}} for r in records], replace=True
    )
    assert all("进度" not in r["fields"] and "检查阶段" not in r["fields"] for r in out)


def test_null_clears_a_cell(table: Table) -> None:
    record = by_task(table.all())["营销目标对齐"]
    updated = table.update(record["id"], {"进度": None, "已确认": False})
    assert "进度" not in updated["fields"]
    assert "已确认" not in updated["fields"]


def test_typecast_creates_select_options_only_when_asked(table: Table) -> None:
    record = by_task(table.all())["复盘报告"]
    with pytest.raises(requests.HTTPError) as caught:
        table.update(record["id"], {"完成状态": "进行中"})
    assert caught.value.response.status_code == 422
    assert error_type(caught.value) == "INVALID_MULTIPLE_CHOICE_OPTIONS"
    updated = table.update(record["id"], {"完成状态": "进行中", "标签": ["新标签"]}, typecast=True)
    assert updated["fields"]["完成状态"] == "进行中"
    assert updated["fields"]["标签"] == ["新标签"]
    choices = [c.name for c in table.schema(force=True).field("完成状态").options.choices]
    assert choices == ["未完成", "已完成", "异常", "进行中"]
    assert table.update(record["id"], {"进度": "15%"}, typecast=True)["fields"]["进度"] == 0.15


def test_unknown_field_is_422_unknown_field_name(table: Table) -> None:
    with pytest.raises(requests.HTTPError) as caught:
        table.create({"任务": "x", "No such field": 1})
    assert caught.value.response.status_code == 422
    assert error_type(caught.value) == "UNKNOWN_FIELD_NAME"
    assert "No such field" in caught.value.response.json()["error"]["message"]


@pytest.mark.parametrize("name", ["达成率公式", "创建时间", "编号", "输入更新"])
def test_writing_a_computed_field_is_422(table: Table, name: str) -> None:
    with pytest.raises(requests.HTTPError) as caught:
        table.create({"任务": "x", name: 1})
    assert caught.value.response.status_code == 422
    assert error_type(caught.value) == "INVALID_VALUE_FOR_COLUMN"
    assert "computed" in caught.value.response.json()["error"]["message"]


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("进度", "abc"),
        ("进度", True),
        ("任务", 12),
        ("截止日期", "next week"),
        ("已确认", "yes"),
        ("负责人", [{"id": "usrAAAAAAAAAAAAAA"}]),
        ("标签", "618"),
    ],
)
def test_wrong_value_type_is_422(table: Table, name: str, value: Any) -> None:
    with pytest.raises(requests.HTTPError) as caught:
        table.create({"任务": "x", name: value})
    assert caught.value.response.status_code == 422
    assert error_type(caught.value) == "INVALID_VALUE_FOR_COLUMN"


def test_a_failed_batch_writes_nothing(table: Table) -> None:
    before = len(table.all())
    with pytest.raises(requests.HTTPError):
        table.batch_create([{"任务": "ok"}, {"任务": "bad", "进度": "abc"}])
    assert len(table.all()) == before


def test_collaborators_are_written_by_id_or_email(table: Table) -> None:
    owner = by_task(table.all())["营销目标对齐"]["fields"]["负责人"][0]
    by_id = table.create({"任务": "a", "负责人": [{"id": owner["id"]}]})
    by_email = table.create({"任务": "b", "负责人": [{"email": "lisi@example.com"}]})
    assert by_id["fields"]["负责人"] == [owner]
    assert by_email["fields"]["负责人"][0]["name"] == "李四"


def test_last_modified_time_field_moves_only_with_its_fields(table: Table) -> None:
    record = by_task(table.all())["营销目标对齐"]
    before = record["fields"]["输入更新"]
    after_output = table.update(record["id"], {"检查提示": "⚠ O202"})
    assert after_output["fields"]["输入更新"] == before
    same_value = table.update(record["id"], {"进度": 0.8})  # no change, no move
    assert same_value["fields"]["输入更新"] == before
    after_input = table.update(record["id"], {"进度": 0.85})
    assert after_input["fields"]["输入更新"] > before


def test_delete_records(table: Table) -> None:
    created = table.create({"任务": "to delete"})
    assert table.delete(created["id"]) == {"id": created["id"], "deleted": True}
    assert "to delete" not in by_task(table.all())


# -- auth, routes, ids -------------------------------------------------------------------


def test_missing_or_wrong_token_is_401(sandbox: SandboxServer, base: str) -> None:
    missing = requests.get(f"{sandbox.url}/v0/{base}/{TABLE}", timeout=5)
    assert missing.status_code == 401
    assert missing.json() == {
        "error": {"type": "AUTHENTICATION_REQUIRED", "message": "Authentication required"}
    }
    wrong = Api("not-the-token", endpoint_url=sandbox.airtable_url).table(base, TABLE)
    with pytest.raises(requests.HTTPError) as caught:
        wrong.all()
    assert caught.value.response.status_code == 401
    assert error_type(caught.value) == "AUTHENTICATION_REQUIRED"


def test_unknown_base_or_table_is_403_and_unknown_route_404(
    sandbox: SandboxServer, api: Api, base: str
) -> None:
    for table in (api.table("appAAAAAAAAAAAAAA", TABLE), api.table(base, "No such table")):
        with pytest.raises(requests.HTTPError) as caught:
            table.all()
        assert caught.value.response.status_code == 403
        assert error_type(caught.value) == "INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND"
    response = _raw(sandbox, "GET", f"/v0/{base}/{TABLE}/rec1/extra")
    assert response.status_code == 404
    assert response.json()["error"]["type"] == "NOT_FOUND"


def test_table_is_addressed_by_name_or_id(table: Table, api: Api, base: str) -> None:
    table_id = table.schema().id
    assert re.fullmatch(r"tbl[A-Za-z0-9]{14}", table_id)
    assert re.fullmatch(r"app[A-Za-z0-9]{14}", base)
    assert len(api.table(base, table_id).all()) == len(table.all())
