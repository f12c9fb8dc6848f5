"""The sandbox frame: /__sandbox control endpoints, seeding, persistence, start and stop."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from notion_client import Client
from pyairtable import Api

from tasklint.errors import ConfigError
from tasklint.sandbox import SandboxServer, run_sandbox
from tasklint.sandbox.control import ControlError
from tasklint.sandbox.limits import Limits
from tasklint.sandbox.seed import LOAD_FIELDS, generate_load_rows, load_section
from tests.sandbox.conftest import TABLE, by_task, section


def test_info_lists_token_urls_bases_and_databases(sandbox: SandboxServer, base: str) -> None:
    info = sandbox.control.info()
    assert info["token"] == sandbox.token
    assert info["airtable"]["endpoint_url"] == sandbox.airtable_url
    assert info["notion"]["base_url"] == sandbox.notion_url
    ours = next(b for b in info["airtable"]["bases"] if b["id"] == base)
    assert ours["name"] == "tasklint test"
    assert [t["name"] for t in ours["tables"]] == [TABLE]
    assert isinstance(info["notion"]["databases"], list)


def test_stats_are_in_arrival_order_and_resettable(
    sandbox: SandboxServer, table: object, base: str
) -> None:
    headers = {"Authorization": f"Bearer {sandbox.token}"}
    requests.get(f"{sandbox.url}/v0/{base}/{TABLE}?pageSize=1", headers=headers, timeout=5)
    requests.get(f"{sandbox.url}/v0/{base}/nope", headers=headers, timeout=5)
    requests.get(f"{sandbox.url}/v1/users", headers={"Notion-Version": "2025-09-03"}, timeout=5)
    stats = sandbox.control.stats()
    assert [(r.vendor, r.method, r.status) for r in stats] == [
        ("airtable", "GET", 200),
        ("airtable", "GET", 403),
        ("notion", "GET", 401),
    ]
    assert stats[0].path == f"/v0/{base}/{TABLE}"
    assert stats[0].query == "pageSize=1"
    raw = requests.get(f"{sandbox.url}/__sandbox/stats", timeout=5).json()
    assert set(raw["requests"][0]) == {"vendor", "method", "path", "query", "status", "fault"}
    sandbox.control.reset_stats()
    assert sandbox.control.stats() == []


def test_fault_validation(sandbox: SandboxServer) -> None:
    for bad in (
        {"vendor": "sheets", "status": 500},
        {"vendor": "airtable"},
        {"vendor": "airtable", "status": 200},
        {"vendor": "airtable", "status": 500, "drop": 1},
    ):
        response = requests.post(f"{sandbox.url}/__sandbox/faults", json=bad, timeout=5)
        assert response.status_code == 400, bad
    with pytest.raises(ControlError):
        sandbox.control.add_fault("airtable")


def test_notion_faults_are_notion_shaped(sandbox: SandboxServer) -> None:
    sandbox.control.add_fault("notion", status=503)
    sandbox.control.add_fault("notion", status=429, retry_after=0)
    first = requests.get(f"{sandbox.url}/v1/users", timeout=5)
    assert first.status_code == 503
    assert first.json()["object"] == "error"
    assert first.json()["code"] == "service_unavailable"
    second = requests.get(f"{sandbox.url}/v1/users", timeout=5)
    assert second.status_code == 429
    assert second.json()["code"] == "rate_limited"
    assert second.headers["Retry-After"] == "0"


def test_notion_rate_limit_is_a_token_bucket_with_retry_after() -> None:
    limits = Limits(notion_rate=3.0, notion_burst=4.0)
    with SandboxServer(limits=limits) as server:
        headers = {"Authorization": f"Bearer {server.token}", "Notion-Version": "2025-09-03"}
        statuses = [
            requests.get(f"{server.url}/v1/users", headers=headers, timeout=5) for _ in range(6)
        ]
        assert [r.status_code for r in statuses[:4]] == [200] * 4
        refused = statuses[4]
        assert refused.status_code == 429
        assert refused.json()["code"] == "rate_limited"
        assert int(refused.headers["Retry-After"]) >= 1
        # notion-client honours Retry-After and gets through.
        client = Client(auth=server.token, base_url=server.notion_url)
        assert client.users.list()["object"] == "list"


def test_edit_is_a_persons_edit(sandbox: SandboxServer, base: str) -> None:
    api = Api(sandbox.token, endpoint_url=sandbox.airtable_url)
    table = api.table(base, TABLE)
    record = by_task(table.all())["营销目标对齐"]
    edited = sandbox.control.edit_airtable(
        base, TABLE, record["id"], {"进度": 0.95, "完成状态": "进行中", "达成率公式": 95}
    )
    assert edited["fields"]["进度"] == 0.95
    assert edited["fields"]["完成状态"] == "进行中"  # new option, as a person may add
    assert edited["fields"]["达成率公式"] == 95  # the stored value of a formula
    assert edited["fields"]["输入更新"] > record["fields"]["输入更新"]
    named = sandbox.airtable.create_base("edit by name")
    sandbox.airtable.create_table_from_plan(named, section())
    other = sandbox.airtable.list_records(named, TABLE, max_records=1)["records"][0]
    by_name = sandbox.control.edit(
        "airtable", base="edit by name", table=TABLE, record=other["id"], fields={"备注": "x"}
    )
    assert by_name["fields"]["备注"] == "x"
    with pytest.raises(ControlError) as caught:
        sandbox.control.edit_airtable(base, TABLE, record["id"], {"no such field": 1})
    assert caught.value.status == 422


def test_edit_a_notion_page(sandbox: SandboxServer) -> None:
    database_id, data_source_id = sandbox.notion.create_database_from_plan(
        section(), token=sandbox.token
    )
    client = Client(auth=sandbox.token, base_url=sandbox.notion_url)
    page = client.data_sources.query(data_source_id=data_source_id)["results"][0]
    properties = {"备注": {"rich_text": [{"text": {"content": "edited in Notion"}}]}}
    edited = sandbox.control.edit_notion(page["id"], properties)
    assert edited["properties"]["备注"]["rich_text"][0]["plain_text"] == "edited in Notion"
    databases = sandbox.control.info()["notion"]["databases"]
    assert {"id": database_id, "title": TABLE, "data_source_id": data_source_id} in databases


def test_limits_can_be_read_and_changed(sandbox: SandboxServer) -> None:
    before = sandbox.control.limits()
    assert before["airtable_rate"] == 5
    assert before["airtable_penalty"] == 0.3
    changed = sandbox.control.set_limits(airtable_rate=7)
    assert changed["airtable_rate"] == 7
    sandbox.control.set_limits(airtable_rate=5)
    with pytest.raises(ControlError):
        sandbox.control.set_limits(no_such_limit=1)


def test_published_limits_are_the_defaults() -> None:
    limits = Limits()
    assert (limits.airtable_rate, limits.airtable_window, limits.airtable_penalty) == (5, 1.0, 30.0)
    assert limits.notion_rate == 3.0


def test_reset_with_data_empties_both_vendors() -> None:
    with SandboxServer(seed="demo", plan={"zh": section()}) as server:
        assert server.control.info()["airtable"]["bases"]
        server.control.add_fault("airtable", status=500)
        server.control.reset(data=True)
        info = server.control.info()
        assert info["airtable"]["bases"] == []
        assert info["notion"]["databases"] == []
        assert server.control.faults() == []


def test_url_is_known_before_start_and_stop_is_quick() -> None:
    server = SandboxServer()
    assert server.url == f"http://127.0.0.1:{server.port}"
    assert server.port > 0
    server.start()
    assert requests.get(f"{server.url}/__sandbox/info", timeout=5).status_code == 200
    started = time.monotonic()
    server.stop()
    assert time.monotonic() - started < 2.0
    with pytest.raises(requests.ConnectionError):
        requests.get(f"{server.url}/__sandbox/info", timeout=1)


def test_non_loopback_hosts_are_refused() -> None:
    with pytest.raises(ConfigError):
        SandboxServer(host="0.0.0.0")
    with pytest.raises(ConfigError):
        run_sandbox(host="0.0.0.0", port=1, seed="none")


def test_state_survives_a_restart_with_a_data_dir(tmp_path: Path) -> None:
    plan = {"zh": section()}
    with SandboxServer(data_dir=tmp_path, seed="demo", plan=plan) as first:
        (base,) = first.control.info()["airtable"]["bases"]
        table = Api(first.token, endpoint_url=first.airtable_url).table(base["id"], TABLE)
        created = table.create({"任务": "persisted", "进度": 0.5})
        headers = {"Authorization": f"Bearer {first.token}"}
        offset = requests.get(
            f"{first.url}/v0/{base['id']}/{TABLE}?pageSize=1", headers=headers, timeout=5
        ).json()["offset"]
        databases = first.control.info()["notion"]["databases"]
    assert (tmp_path / "airtable.sqlite3").is_file()
    with SandboxServer(data_dir=tmp_path, seed="demo", plan=plan) as second:
        info = second.control.info()
        assert info["airtable"]["bases"] == [base]  # not seeded twice
        assert info["notion"]["databases"] == databases
        table = Api(second.token, endpoint_url=second.airtable_url).table(base["id"], TABLE)
        assert by_task(table.all())["persisted"] == created
        # An iterator does not survive a restart, as Airtable's do not.
        headers = {"Authorization": f"Bearer {second.token}"}
        stale = requests.get(
            f"{second.url}/v0/{base['id']}/{TABLE}",
            params={"pageSize": 1, "offset": offset},
            headers=headers,
            timeout=5,
        )
        assert stale.status_code == 422
        assert stale.json()["error"]["type"] == "LIST_RECORDS_ITERATOR_NOT_AVAILABLE"


def test_generated_load_rows_are_messy_and_reproducible() -> None:
    rows = generate_load_rows(300, seed=3)
    assert rows == generate_load_rows(300, seed=3)
    assert rows != generate_load_rows(300, seed=4)
    names = {f["name"] for f in LOAD_FIELDS}
    assert all(set(r) <= names for r in rows)
    texts = {r.get("目标值") for r in rows}
    assert {"15%", "3万", "１５％"} <= texts
    assert any(len(r.get("负责人", [])) == 2 for r in rows)
    assert any("负责人" not in r for r in rows)
    assert any(r.get("达成率公式") == {"error": "#ERROR!"} for r in rows)
    assert any("/" in r.get("交付时间", "") for r in rows)
    assert any(any("\u4e00" <= ch <= "\u9fff" for ch in r["任务"]) for r in rows)
    assert any(r["任务"].isascii() for r in rows)
    assert len(load_section(5)["rows"]) == 5


def test_load_seed_fills_one_table_and_one_data_source() -> None:
    with SandboxServer(seed="load", rows=150) as server:
        info = server.control.info()
        (base,) = info["airtable"]["bases"]
        (table,) = base["tables"]
        records = (
            Api(server.token, endpoint_url=server.airtable_url).table(base["id"], table["id"]).all()
        )
        assert len(records) == 150
        (database,) = info["notion"]["databases"]
        assert database["data_source_id"]


def test_demo_seed_uses_the_shipped_plan() -> None:
    from tasklint.sandbox.seed import load_plan

    plan = load_plan()
    with SandboxServer(seed="demo") as server:
        info = server.control.info()
        (base,) = info["airtable"]["bases"]
        assert [t["name"] for t in base["tables"]] == [s["table"] for s in plan.values()]
        assert len(info["notion"]["databases"]) == len(plan)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_run_sandbox_serves_in_the_foreground_until_interrupted() -> None:
    port = _free_port()
    code = (
        "from tasklint.sandbox import run_sandbox; "
        f"run_sandbox(port={port}, seed='load', rows=20, token='t0k')"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", code],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        cwd=Path(__file__).resolve().parents[2],
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        deadline = time.monotonic() + 15
        while True:
            try:
                info = requests.get(f"http://127.0.0.1:{port}/__sandbox/info", timeout=1).json()
                break
            except requests.ConnectionError:
                assert process.poll() is None, process.stdout.read() if process.stdout else ""
                assert time.monotonic() < deadline
                time.sleep(0.05)
        assert info["token"] == "t0k"
        (base,) = info["airtable"]["bases"]
        records = (
            Api("t0k", endpoint_url=f"http://127.0.0.1:{port}")
            .table(base["id"], base["tables"][0]["id"])
            .all()
        )
        assert len(records) == 20
    finally:
        process.send_signal(signal.SIGINT)
        output = process.communicate(timeout=10)[0].decode()
    assert f"http://127.0.0.1:{port}" in output
    assert "AIRTABLE_ENDPOINT_URL" in output
