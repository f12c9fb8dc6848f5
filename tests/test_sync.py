"""tasklint sync against the sandbox, with the real pyairtable and notion-client:
the right warnings and statuses land in the right rows, and nothing else changes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from notion_client import Client
from pyairtable import Api

from tasklint.config.settings import Settings, SourceConfig
from tasklint.connectors.sources import SourceSpec
from tasklint.errors import ConfigError
from tasklint.sync.engine import SetupRequired, check_setup, input_columns, writeback_targets
from tests.sync_support import make_syncer, new_airtable_source, new_notion_source, plan_section

WRITE_BACK = ("检查提示", "计算状态", "完成率")


def airtable_rows(server, spec) -> dict[str, dict]:
    base, table = spec.url.removeprefix("airtable://").split("/", 1)
    records = Api(server.token, endpoint_url=server.airtable_url).table(base, table).all()
    return {r["fields"]["检查项目"]: r for r in records}


def notion_rows(server, spec) -> dict[str, dict]:
    client = Client(auth=server.token, base_url=server.notion_url)
    database = client.databases.retrieve(database_id=spec.url.removeprefix("notion://"))
    pages = client.data_sources.query(data_source_id=database["data_sources"][0]["id"])["results"]
    rows = {}
    for page in pages:
        props = page["properties"]
        title = "".join(t["plain_text"] for t in props["检查项目"]["title"])
        rows[title] = {
            "id": page["id"],
            "warnings": "".join(t["plain_text"] for t in props["检查提示"]["rich_text"]),
            "status": (props["计算状态"]["select"] or {}).get("name"),
            "completion": props["完成率"]["number"],
            "notes": "".join(t["plain_text"] for t in props["备注"]["rich_text"]),
        }
    return rows


def prepare(server, syncer, spec):
    connector = syncer.connector(spec)
    settings = Settings()
    columns = input_columns(connector, spec, settings)
    targets = writeback_targets(settings, "zh", columns)
    checks = check_setup(connector, targets, "zh", create=True)
    assert not [c for c in checks if c.problem]


def dry_run_of_table(server, syncer, section: dict, name: str):
    """A dry-run sync of `section` made into a new Airtable base called `name`."""
    base = server.airtable.create_base(name)
    server.airtable.create_table_from_plan(base, section)
    url = f"airtable://{base}/{section['table']}"
    spec = SourceSpec(url, "airtable", url, SourceConfig(url=url))
    prepare(server, syncer, spec)
    return syncer.run(spec, dry_run=True)


def writes(server) -> list:
    return [r for r in server.control.stats() if r.method in ("PATCH", "PUT")]


@pytest.fixture
def syncer(server, tmp_path):
    server.control.clear_faults()
    return make_syncer(server, tmp_path)


def test_airtable_sync_writes_warnings_status_and_completion(server, syncer):
    spec = new_airtable_source(server)
    prepare(server, syncer, spec)
    outcome = syncer.run(spec)
    assert len(outcome.changes) == 20 and outcome.stats.rate_limited == 0
    rows = airtable_rows(server, spec)
    venue = rows["线下活动场地搭建"]["fields"]
    assert venue["计算状态"] == "异常"
    assert venue["检查提示"].splitlines()[0].startswith("✖ S402 已逾期3天")
    assert rows["目标完成率计算"]["fields"]["完成率"] == pytest.approx(0.8)
    assert rows["目标完成率计算"]["fields"]["计算状态"] == "已完成"
    assert "O202" in rows["预算与资源确认"]["fields"]["检查提示"]
    # A row without findings gets no warnings cell at all (Airtable omits empty cells).
    assert "检查提示" not in rows["营销目标对齐"]["fields"]
    # Inputs untouched.
    assert rows["线下活动场地搭建"]["fields"]["完成状态"] == "进行中"


def test_airtable_writes_ten_records_a_request_and_second_run_writes_nothing(server, syncer):
    spec = new_airtable_source(server)
    prepare(server, syncer, spec)
    server.control.reset_stats()
    syncer.run(spec)
    patches = writes(server)
    assert [r.method for r in patches] == ["PATCH", "PATCH"]  # 20 changed rows: 10 + 10
    server.control.reset_stats()
    again = syncer.run(spec)
    assert again.changes == [] and writes(server) == []


def test_notion_sync_and_idempotence(server, syncer):
    spec = new_notion_source(server)
    prepare(server, syncer, spec)
    first = syncer.run(spec)
    assert len(first.changes) == 20
    rows = notion_rows(server, spec)
    assert rows["线下活动场地搭建"]["status"] == "异常"
    assert "S402" in rows["线下活动场地搭建"]["warnings"]
    assert rows["目标完成率计算"]["completion"] == pytest.approx(0.8)
    server.control.reset_stats()
    second = syncer.run(spec)
    assert second.changes == [] and writes(server) == []
    assert not second.full_read  # Notion reads incrementally once there is a snapshot


def _database_lookups(server) -> int:
    return sum(1 for r in server.control.stats() if r.path.startswith("/v1/databases/"))


def _data_source_of(server, spec) -> str:
    client = Client(auth=server.token, base_url=server.notion_url)
    database = client.databases.retrieve(database_id=spec.url.removeprefix("notion://"))
    return str(database["data_sources"][0]["id"])


def test_notion_sync_remembers_the_data_source_and_looks_it_up_once(server, syncer):
    spec = new_notion_source(server)
    prepare(server, syncer, spec)
    server.control.reset_stats()
    syncer.run(spec)
    assert _database_lookups(server) == 1  # the first sync finds the data source
    assert syncer.state.hints(spec.name) == {"data_source": _data_source_of(server, spec)}
    server.control.reset_stats()
    second = syncer.run(spec)
    assert _database_lookups(server) == 0  # later ones start from the one kept
    assert second.changes == [] and not second.full_read


@pytest.mark.parametrize("kept", ["gone", "another database's"])
def test_notion_sync_looks_the_data_source_up_again_when_the_kept_one_is_wrong(
    server, syncer, kept
):
    spec = new_notion_source(server)
    prepare(server, syncer, spec)
    if kept == "gone":
        wrong = "3f1c7c2e-0000-4000-8000-000000000000"
    else:
        wrong = _data_source_of(server, new_notion_source(server))
    syncer.state.save_hints(spec.name, {"data_source": wrong})
    server.control.reset_stats()
    outcome = syncer.run(spec)
    assert _database_lookups(server) == 1  # the kept one tried, then looked up again
    assert len(outcome.changes) == 20  # this database's rows, written
    assert notion_rows(server, spec)["线下活动场地搭建"]["status"] == "异常"
    assert syncer.state.hints(spec.name) == {"data_source": _data_source_of(server, spec)}


def test_edit_made_during_the_run_survives(server, syncer):
    spec = new_airtable_source(server)
    prepare(server, syncer, spec)
    base, table = spec.url.removeprefix("airtable://").split("/", 1)
    record_id = airtable_rows(server, spec)["线下活动场地搭建"]["id"]

    def person_edits(phase: str) -> None:
        if phase == "linting":  # after tasklint read the row, before it writes
            server.control.edit_airtable(base, table, record_id, {"备注": "供应商明天进场"})

    syncer.run(spec, on_phase=person_edits)
    fields = airtable_rows(server, spec)["线下活动场地搭建"]["fields"]
    assert fields["备注"] == "供应商明天进场"
    assert fields["计算状态"] == "异常"


def test_notion_edit_during_run_survives(server, syncer):
    spec = new_notion_source(server)
    prepare(server, syncer, spec)
    page = notion_rows(server, spec)["线下活动场地搭建"]["id"]

    def person_edits(phase: str) -> None:
        if phase == "linting":
            server.control.edit_notion(
                page, {"备注": {"rich_text": [{"text": {"content": "明天进场"}}]}}
            )

    syncer.run(spec, on_phase=person_edits)
    row = notion_rows(server, spec)["线下活动场地搭建"]
    assert row["notes"] == "明天进场" and row["status"] == "异常"


def test_dry_run_plans_and_writes_nothing(server, syncer):
    spec = new_airtable_source(server)
    prepare(server, syncer, spec)
    server.control.reset_stats()
    outcome = syncer.run(spec, dry_run=True)
    assert len(outcome.changes) == 20 and writes(server) == []
    venue = next(c for c in outcome.changes if c.label == "线下活动场地搭建")
    assert venue.old["计算状态"] is None and venue.values["计算状态"] == "异常"
    assert syncer.state.runs(spec.name) == []  # a dry run leaves no trace in the state


def test_sync_refuses_missing_and_wrongly_typed_columns(server, syncer):
    spec = new_airtable_source(server)
    with pytest.raises(
        SetupRequired, match="'检查提示', '计算状态', '完成率' do not exist"
    ) as info:
        syncer.run(spec)
    assert "--create-fields" in info.value.line()
    chinese = info.value.line("zh")
    assert (
        "'检查提示'、'计算状态'、'完成率' 不存在" in chinese and "请运行 `tasklint setup" in chinese
    )
    base, table = spec.url.removeprefix("airtable://").split("/", 1)
    server.airtable.create_field(base, table, name="计算状态", type="singleLineText")
    with pytest.raises(SetupRequired, match="singleLineText, not singleSelect") as wrong:
        syncer.run(spec)
    assert "'计算状态' 的类型是 singleLineText，不是 singleSelect" in wrong.value.line("zh")


def test_writeback_column_that_is_an_input_is_refused(server):
    settings = Settings.model_validate({"writeback": {"status": "完成状态"}})
    with pytest.raises(ConfigError, match="also read as an input column"):
        writeback_targets(settings, "zh", {"status": "完成状态"})


def test_notion_incremental_reads_and_overnight_overdue(server, syncer):
    """Night 2 re-reads only rows edited since night 1 (tasklint's own write-backs
    included, as Notion cannot tell them apart), yet every row is linted: a task that
    became overdue overnight turns Abnormal without anyone touching it."""
    spec = new_notion_source(server)
    prepare(server, syncer, spec)
    # Simulated nights after the pages were created (a page is never edited before it exists).
    night = datetime.now(UTC).replace(microsecond=0) + timedelta(days=1)
    server.notion.clock = lambda: night
    first = syncer.run(spec, today=date(2025, 7, 4), now=lambda: night)
    assert first.full_read and first.rows_read == 20 and len(first.changes) == 20
    assert notion_rows(server, spec)["复盘报告输出"]["status"] == "未完成"  # due 2025-07-05

    night2 = night + timedelta(days=1)
    server.notion.clock = lambda: night2
    second = syncer.run(spec, today=date(2025, 7, 8), now=lambda: night2)
    # Every page was written on night 1, so every page is read again, once.
    assert not second.full_read and second.rows_read == 20
    changed = {c.label for c in second.changes}
    assert "复盘报告输出" in changed and "营销目标对齐" not in changed  # done rows stay
    assert notion_rows(server, spec)["复盘报告输出"]["status"] == "异常"

    night3 = night2 + timedelta(days=1)
    server.notion.clock = lambda: night3
    page = notion_rows(server, spec)["资料归档"]["id"]
    server.control.edit_notion(page, {"备注": {"rich_text": [{"text": {"content": "已上传"}}]}})
    third = syncer.run(spec, today=date(2025, 7, 8), now=lambda: night3)
    # Read: the page a person edited, and the rows tasklint wrote on night 2.
    assert not third.full_read and third.rows_read == len(changed | {"资料归档"})
    assert third.result.tasks and len(third.result.tasks) == 20
    assert third.changes == []
    server.notion.clock = lambda: datetime.now(UTC)


def test_rows_created_in_one_minute_keep_the_tables_order_across_runs(server, syncer):
    """A table imported at once has every row created in the same minute (Notion times
    creation to the minute): the report lists them as the table does, not by page id,
    on the full read and on the incremental ones after it, where a new row goes last."""
    spec = new_notion_source(server)
    prepare(server, syncer, spec)
    in_table = [row["检查项目"] for row in plan_section("zh")["rows"]]
    night = datetime.now(UTC).replace(microsecond=0) + timedelta(days=1)
    server.notion.clock = lambda: night
    try:
        first = syncer.run(spec, now=lambda: night)
        assert first.full_read and [t.task.title for t in first.result.tasks] == in_table

        night2 = night + timedelta(days=1)
        server.notion.clock = lambda: night2
        page = notion_rows(server, spec)["资料归档"]["id"]  # in the middle of the table
        server.control.edit_notion(page, {"备注": {"rich_text": [{"text": {"content": "已上传"}}]}})
        client = Client(auth=server.token, base_url=server.notion_url)
        client.pages.create(
            parent={"data_source_id": _data_source_of(server, spec)},
            properties={"检查项目": {"title": [{"text": {"content": "新增任务"}}]}},
        )
        second = syncer.run(spec, now=lambda: night2)
        assert not second.full_read
        assert [t.task.title for t in second.result.tasks] == [*in_table, "新增任务"]
    finally:
        server.notion.clock = lambda: datetime.now(UTC)


def test_full_read_every_seven_days_notices_deleted_rows(server, syncer):
    spec = new_notion_source(server)
    prepare(server, syncer, spec)
    start = datetime.now(UTC) + timedelta(days=1)
    server.notion.clock = lambda: start
    syncer.run(spec, now=lambda: start)
    week = start + timedelta(days=8)
    server.notion.clock = lambda: week
    assert syncer.run(spec, now=lambda: week).full_read
    assert syncer.run(spec, now=lambda: week + timedelta(hours=1), full=False).full_read is False
    assert syncer.run(spec, now=lambda: week + timedelta(hours=2), full=True).full_read
    server.notion.clock = lambda: datetime.now(UTC)


def test_metric_swing_from_run_history(server, syncer):
    spec = new_airtable_source(server)
    prepare(server, syncer, spec)
    first = syncer.run(spec)
    assert "M304" in {s.code for s in first.result.skipped}  # no history yet
    base, table = spec.url.removeprefix("airtable://").split("/", 1)
    record = airtable_rows(server, spec)["小红书种草投放"]["id"]
    server.control.edit_airtable(base, table, record, {"实际值": "2.5%"})  # was 3.5%
    second = syncer.run(spec)
    row = next(t for t in second.result.tasks if t.task.title == "小红书种草投放")
    swing = next(f for f in row.active if f.code == "M304")
    assert "-28.6%" in swing.message
    assert "M304" in airtable_rows(server, spec)["小红书种草投放"]["fields"]["检查提示"]


def test_notion_read_past_the_query_cap_continues_by_creation_time(server, syncer):
    """Notion stops a query at 10,000 rows with request_status "incomplete"; the
    connector starts again from the last creation time seen (the cap is 7 here)."""
    start = datetime.now(UTC)
    minutes = iter(range(10_000))
    server.notion.clock = lambda: start + timedelta(minutes=next(minutes))
    try:
        spec = new_notion_source(server, rows=0)
        client = Client(auth=server.token, base_url=server.notion_url)
        database = client.databases.retrieve(database_id=spec.url.removeprefix("notion://"))
        source = database["data_sources"][0]["id"]
        for i in range(20):  # each page created at least a minute after the last
            client.pages.create(
                parent={"data_source_id": source},
                properties={"检查项目": {"title": [{"text": {"content": f"任务 {i}"}}]}},
            )
        server.notion.query_result_limit = 7
        records = syncer.connector(spec).read()
    finally:
        server.notion.query_result_limit = 10_000
        server.notion.clock = lambda: datetime.now(UTC)
    assert len(records) == 20 and len({r.id for r in records}) == 20


def test_notion_query_cap_within_one_minute_is_refused_not_truncated(server, syncer):
    from tasklint.errors import SourceError

    frozen = datetime.now(UTC)
    server.notion.clock = lambda: frozen
    try:
        spec = new_notion_source(server)  # all 20 pages created in the same minute
        server.notion.query_result_limit = 7
        with pytest.raises(SourceError, match="same minute"):
            syncer.connector(spec).read()
    finally:
        server.notion.query_result_limit = 10_000
        server.notion.clock = lambda: datetime.now(UTC)


def test_a_remote_table_written_day_first_is_read_day_first(server, syncer):
    # Dates typed into a text field, as a British team writes them: 19/07/2025 can only
    # be day first, so 05/07/2025 is 5 July — not 7 May, which would be seven weeks overdue.
    section = plan_section("zh")
    for spec_of_field in section["fields"]:
        if spec_of_field["name"] == "截止日期":
            spec_of_field["type"] = "singleLineText"
    written = {"营销目标对齐": "19/07/2025", "任务分工表": "05/07/2025"}
    for row in section["rows"]:
        due = row.get("截止日期")
        row["截止日期"] = written.get(row["检查项目"]) or (
            f"{due[8:10]}/{due[5:7]}/{due[:4]}" if due else None
        )
    outcome = dry_run_of_table(server, syncer, section, "day first")
    dues = {t.task.title: t.task.due for t in outcome.result.tasks}
    assert dues["营销目标对齐"] == date(2025, 7, 19)
    assert dues["任务分工表"] == date(2025, 7, 5)
    assert dues["资料归档"] == date(2025, 7, 10)  # 10/07/2025: the tenth of July
    [notice] = outcome.notices  # `tasklint sync` prints it, as `check` does
    assert "'19/07/2025'" in notice.en and "day first" in notice.en


def test_ai_text_and_barcode_cells_are_read_as_their_text(server, syncer):
    """An AI text cell is {"state", "isStale", "value"} and a barcode {"text", "type"}
    (pyairtable's AITextDict and BarcodeDict): their text is what the rules read; an AI
    that failed is X901 naming the error, one still writing is an empty cell."""
    section = plan_section("zh")
    for field in section["fields"]:
        if field["name"] == "目标":
            field["type"] = "aiText"
        elif field["name"] == "输出成果":
            field["type"] = "barcode"
    for row in section["rows"]:
        goal = row.get("目标")
        row["目标"] = {"state": "generated", "isStale": False, "value": goal} if goal else None
        if row.get("输出成果"):
            row["输出成果"] = {"text": row["输出成果"], "type": "code128"}
    states = {
        "提升品牌影响力": {"state": "error", "isStale": False, "value": None, "errorType": "quota"},
        "新客转化率≥15%": {"state": "loading", "isStale": True, "value": None},
    }
    for row in section["rows"]:
        value = (row.get("目标") or {}).get("value")
        if value in states:
            row["目标"] = states.pop(value)
    outcome = dry_run_of_table(server, syncer, section, "ai text")
    by_title = {t.task.title: t for t in outcome.result.tasks}
    goals = {title: t.task.goal for title, t in by_title.items() if t.task.goal}
    assert "直播观看人数10万" in goals.values() and "6月1日前确认总预算20万元" in goals.values()
    failed = [t for t in by_title.values() if any("quota" in f.message for f in t.findings)]
    assert len(failed) == 1 and any(f.code == "X901" for f in failed[0].findings)
    assert all(not isinstance(t.task.goal, dict) for t in by_title.values())
    deliverables = {t.task.deliverable for t in by_title.values()} - {None}
    assert deliverables and all(isinstance(d, str) for d in deliverables)


def test_notion_property_values_the_sandbox_lacks_read_as_their_plain_value():
    """Property values as Notion's "Page properties" reference shapes them, for the
    types the sandbox cannot make: a wiki's verification, a place, a rollup Notion could
    not finish. (Before, the dict itself reached the cell parsers.)"""
    from tasklint.connectors.notion import plain

    verified = {"state": "verified", "verified_by": {"object": "user", "id": "u1"}, "date": None}
    assert plain({"type": "verification", "verification": verified}) == "verified"
    place = {"lat": 31.23, "lon": 121.47, "name": "上海展览中心", "address": "延安中路1000号"}
    assert plain({"type": "place", "place": place}) == "上海展览中心"
    assert plain({"type": "place", "place": {**place, "name": None}}) == "延安中路1000号"
    unfinished = {"type": "incomplete", "incomplete": {}, "function": "sum"}
    assert plain({"type": "rollup", "rollup": unfinished}) is None
    summed = {"type": "number", "number": 12, "function": "sum"}
    assert plain({"type": "rollup", "rollup": summed}) == 12


def test_warnings_past_what_a_cell_holds_are_cut_at_a_line_and_say_how_many_more():
    from tasklint.sync.engine import WARNINGS_LIMIT, _warnings_text

    lines = [f"⚠ X902 Unknown code in Lint ignore: ZZ{i:05d}" for i in range(5000)]
    text = _warnings_text(lines)
    assert text is not None and len(text) <= WARNINGS_LIMIT
    kept = text.splitlines()
    assert kept[:-1] == lines[: len(kept) - 1]  # whole lines, in order
    assert kept[-1] == f"… {5000 - (len(kept) - 1)} more"
    assert _warnings_text(lines[:3]) == "\n".join(lines[:3]) and _warnings_text([]) is None


def test_a_status_select_lacking_options_is_told_to_add_them_not_to_change_type():
    from tasklint.connectors.remote import ColumnCheck
    from tasklint.connectors.sources import SourceSpec
    from tasklint.errors import Notice
    from tasklint.sync.engine import setup_problem

    lacking = Notice(
        en="field 'Computed status' lacks the options Abnormal (add them to the field in Airtable)",
        zh="字段 'Computed status' 缺少选项 Abnormal（请在 Airtable 中给这个字段加上这些选项）",
    )
    spec = SourceSpec("t", "airtable", "airtable://appX/T", None)  # type: ignore[arg-type]
    problem = setup_problem(spec, [ColumnCheck("status", "Computed status", lacking)])
    assert problem is not None
    line = problem.line()
    assert "add them to the field" in line and "type" not in line.split(" — ")[1]


def test_a_state_file_from_before_the_snapshot_kept_its_order_still_opens(tmp_path):
    """Its snapshot gains the position column; the rows it holds read back (in id
    order, all at position 0), and rows saved after them go after them."""
    import sqlite3

    from tasklint.connectors.remote import RemoteRecord
    from tasklint.sync.state import StateStore, _record_json

    path = tmp_path / "state.db"
    with sqlite3.connect(path) as db:
        db.execute(
            "CREATE TABLE snapshot (source TEXT NOT NULL, record_id TEXT NOT NULL,"
            " record TEXT NOT NULL, PRIMARY KEY (source, record_id))"
        )
        db.executemany(
            "INSERT INTO snapshot VALUES ('s', ?, ?)",
            [(r.id, _record_json(r)) for r in (RemoteRecord("b", {"x": 1}), RemoteRecord("a", {}))],
        )
    db.close()
    store = StateStore(path)
    store.save_snapshot("s", [RemoteRecord("c", {}), RemoteRecord("b", {"x": 2})], replace=False)
    kept = store.snapshot("s")
    assert list(kept) == ["a", "b", "c"] and kept["b"].cells == {"x": 2}
    store.save_snapshot("s", [kept["c"], kept["a"]], replace=True)
    assert list(store.snapshot("s")) == ["c", "a"]
    store.close()
