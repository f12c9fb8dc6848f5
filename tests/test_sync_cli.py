"""`tasklint setup`, `sync`, `check` on a table and `demo`, as a user runs them:
environment variables for tokens and endpoints, exit codes, one-line errors, and no
token anywhere in the output."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pyairtable import Api
from typer.testing import CliRunner

from tasklint.cli import app
from tests.sync_support import new_airtable_source, new_notion_source, plan_section

runner = CliRunner()
SECRET = "pat-very-secret-token-0123456789"


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "tasklint.toml"
    path.write_text(f'[state]\npath = "{(tmp_path / "state.db").as_posix()}"\n', encoding="utf-8")
    return path


def env_for(server, token: str | None = None) -> dict[str, str]:
    return {
        "AIRTABLE_TOKEN": token or server.token,
        "NOTION_TOKEN": token or server.token,
        "AIRTABLE_ENDPOINT_URL": server.airtable_url,
        "NOTION_BASE_URL": server.notion_url,
    }


def invoke(server, *args: str, token: str | None = None, env: dict | None = None):
    return runner.invoke(app, list(args), env=env if env is not None else env_for(server, token))


def test_setup_then_dry_run_then_sync(server, config):
    spec = new_airtable_source(server)
    missing = invoke(server, "setup", spec.url, "--config", str(config))
    assert missing.exit_code == 2 and "--create-fields" in missing.stderr
    created = invoke(server, "setup", spec.url, "--create-fields", "--config", str(config))
    assert created.exit_code == 0, created.output
    assert created.stdout.count("ok") == 3

    server.control.reset_stats()
    dry = invoke(
        server, "sync", spec.url, "--dry-run", "--today", "2025-06-20", "--config", str(config)
    )
    assert dry.exit_code == 1  # error-level findings, as `check`
    assert (
        "计划写入" in dry.stdout and "线下活动场地搭建" in dry.stdout and "∅ → 异常" in dry.stdout
    )
    assert not [r for r in server.control.stats() if r.method == "PATCH"]

    real = invoke(server, "sync", spec.url, "--today", "2025-06-20", "--config", str(config))
    assert real.exit_code == 1 and "写入 20 行" in real.stdout
    # the summary in the table's language: its requests too (写入 2: two writes of ten rows)
    assert "次请求 (结构 1, 读取 1, 写入 2)" in " ".join(real.stdout.split())
    # Not a terminal: progress as plain lines on stderr.
    assert f"{spec.url}: reading" in real.stderr and "wrote 20 of 20 rows" in real.stderr
    # steps are told apart from errors, which start "tasklint:"
    assert not [line for line in real.stderr.splitlines() if line.startswith("tasklint:")]
    base, table = spec.url.removeprefix("airtable://").split("/", 1)
    rows = Api(server.token, endpoint_url=server.airtable_url).table(base, table).all()
    assert {r["fields"]["计算状态"] for r in rows} == {"已完成", "未完成", "异常"}
    again = invoke(server, "sync", spec.url, "--today", "2025-06-20", "--config", str(config))
    assert "写入 0 行" in again.stdout


def test_a_long_dry_run_lists_its_changes_a_line_a_cell(server, config, monkeypatch):
    from tasklint import output

    spec = new_airtable_source(server)
    invoke(server, "setup", spec.url, "--create-fields", "--config", str(config))
    args = ("sync", spec.url, "--dry-run", "--today", "2025-06-20", "--config", str(config))
    table = invoke(server, *args).stdout
    monkeypatch.setattr(output, "TABLE_LINES", 10)  # this plan's 60 changed cells are "long"
    listed = invoke(server, *args).stdout
    assert "┃" in table and "┃" not in listed and "│" not in listed
    assert "\n计划写入（未写入）\n" in listed
    assert listed.count("∅ → 异常") == table.count("∅ → 异常") > 0
    lines = listed.splitlines()
    changes = lines[lines.index("计划写入（未写入）") :]
    venue = changes.index(next(line for line in changes if "线下活动场地搭建" in line))
    assert changes[venue + 1].startswith("    ") and " → " in changes[venue + 1]


def test_check_reads_a_table_and_writes_nothing(server, config):
    spec = new_notion_source(server)
    server.control.reset_stats()
    result = invoke(
        server,
        "check",
        spec.url,
        "--format",
        "json",
        "--today",
        "2025-06-20",
        "--config",
        str(config),
    )
    assert result.exit_code == 1
    assert '"rows": 20' in result.stdout and '"kind": "notion"' in result.stdout
    assert all(r.method in ("GET", "POST") for r in server.control.stats())


@pytest.mark.parametrize("vendor", ["airtable", "notion"])
def test_bad_token_exits_2_with_one_line_and_never_shows_the_token(server, config, vendor):
    spec = new_airtable_source(server) if vendor == "airtable" else new_notion_source(server)
    for command in (["sync", spec.url], ["check", spec.url], ["setup", spec.url]):
        result = invoke(server, *command, "--config", str(config), token=SECRET)
        assert result.exit_code == 2, result.output
        errors = [line for line in result.stderr.splitlines() if "refused the token" in line]
        assert len(errors) == 1, result.stderr
        assert SECRET not in result.stdout + result.stderr
        assert SECRET[-8:] not in result.stdout + result.stderr


@pytest.mark.parametrize("vendor", ["airtable", "notion"])
def test_bad_token_in_chinese_never_shows_the_token_either(server, config, vendor):
    spec = new_airtable_source(server) if vendor == "airtable" else new_notion_source(server)
    result = invoke(
        server, "check", spec.url, "--config", str(config), "--locale", "zh", token=SECRET
    )
    assert result.exit_code == 2, result.output
    (line,) = result.stderr.splitlines()
    assert "拒绝了这个令牌" in line and "refused the token" not in line
    assert SECRET not in result.stdout + result.stderr
    assert SECRET[-8:] not in result.stdout + result.stderr


@pytest.mark.parametrize("vendor", ["airtable", "notion"])
def test_a_token_exported_with_its_line_break_still_works(server, config, vendor):
    """A .env file saved with CRLF gives the token a trailing \r: it is the same token."""
    spec = new_airtable_source(server) if vendor == "airtable" else new_notion_source(server)
    result = invoke(server, "check", spec.url, "--config", str(config), token=server.token + "\r\n")
    assert result.exit_code in (0, 1), result.output


@pytest.mark.parametrize("vendor", ["airtable", "notion"])
@pytest.mark.parametrize("bad", [" ", "\r", "é"])
def test_a_token_with_a_character_no_token_has_is_refused_unquoted(server, config, vendor, bad):
    spec = new_airtable_source(server) if vendor == "airtable" else new_notion_source(server)
    token = SECRET[:10] + bad + SECRET[10:]
    for command in ("check", "sync", "setup"):
        result = invoke(server, command, spec.url, "--config", str(config), token=token)
        assert result.exit_code == 2, result.output
        (line,) = result.stderr.splitlines()
        assert f"{vendor.upper()}_TOKEN holds a character no token has" in line
        for part in (SECRET[:10], SECRET[10:], SECRET[-8:]):
            assert part not in result.stdout + result.stderr


def test_setup_says_what_is_missing_in_the_users_language(server, config):
    spec = new_airtable_source(server)
    english = invoke(server, "setup", spec.url, "--config", str(config), "--locale", "en")
    assert english.exit_code == 2 and "problem" in english.stdout
    assert "does not exist" in english.stdout
    chinese = invoke(server, "setup", spec.url, "--config", str(config), "--locale", "zh")
    assert chinese.exit_code == 2 and chinese.stdout.count("问题") == 3
    assert "列 '检查提示' 不存在" in chinese.stdout and "does not exist" not in chinese.stdout
    (line,) = chinese.stderr.splitlines()
    assert "回写列" in line and f"请运行 `tasklint setup {spec.url} --create-fields`" in line


def test_missing_token_says_which_variable(server, config):
    spec = new_airtable_source(server)
    env = env_for(server)
    del env["AIRTABLE_TOKEN"]
    result = runner.invoke(
        app, ["sync", spec.url, "--config", str(config)], env={**env, "AIRTABLE_TOKEN": ""}
    )
    assert result.exit_code == 2 and "AIRTABLE_TOKEN" in result.stderr


def test_unreachable_service_is_exit_2(config):
    env = {"AIRTABLE_TOKEN": "x", "AIRTABLE_ENDPOINT_URL": "http://127.0.0.1:9"}
    result = runner.invoke(
        app, ["check", "airtable://appAAAAAAAAAAAAAA/T", "--config", str(config)], env=env
    )
    assert result.exit_code == 2 and "cannot reach Airtable" in result.stderr


def test_a_table_the_base_lacks_is_one_line_naming_the_tables_it_has(server, config):
    spec = new_airtable_source(server)
    wrong = spec.url.rsplit("/", 1)[0] + "/NoSuchTable"
    for command in ("check", "sync", "setup"):
        result = invoke(server, command, wrong, "--config", str(config))
        assert result.exit_code == 2, result.output
        (line,) = [line for line in result.stderr.splitlines() if "no table" in line]
        assert "the base has no table 'NoSuchTable' (its tables: '" in line


@pytest.mark.parametrize("endpoint", ["not a url", "ftp://example.com"])
def test_an_endpoint_that_is_no_http_url_is_exit_2(config, endpoint):
    env = {"AIRTABLE_TOKEN": SECRET, "AIRTABLE_ENDPOINT_URL": endpoint}
    result = runner.invoke(
        app, ["check", "airtable://appAAAAAAAAAAAAAA/T", "--config", str(config)], env=env
    )
    assert result.exit_code == 2, result.output
    (line,) = result.stderr.splitlines()
    assert "set AIRTABLE_ENDPOINT_URL to an http(s) URL" in line and SECRET not in line


def test_a_write_back_column_the_table_reads_as_an_input_is_refused(server, tmp_path):
    """[writeback] warnings = "备注" would write the lint's warnings over the users' notes:
    setup and sync refuse it, whatever the names tasklint's own columns have by default."""
    spec = new_airtable_source(server)
    config = tmp_path / "tasklint.toml"
    state = (tmp_path / "state.db").as_posix()
    config.write_text(f'[writeback]\nwarnings = "备注"\n[state]\npath = "{state}"\n', "utf-8")
    base, table = spec.url.removeprefix("airtable://").split("/", 1)
    records = Api(server.token, endpoint_url=server.airtable_url).table(base, table)
    before = [r["fields"] for r in records.all()]
    for command in ("setup", "sync"):
        result = invoke(server, command, spec.url, "--config", str(config))
        assert result.exit_code == 2, result.output
        assert "write-back column '备注' is also read as an input column" in result.stderr
    assert [r["fields"] for r in records.all()] == before
    assert any("备注" in fields for fields in before)


def test_a_notion_base_url_that_is_no_notion_api_says_to_check_it(server, config):
    env = {"NOTION_TOKEN": server.token, "NOTION_BASE_URL": server.notion_url + "/elsewhere"}
    result = runner.invoke(
        app,
        ["check", "notion://0123456789abcdef0123456789abcdef", "--config", str(config)],
        env=env,
    )
    assert result.exit_code == 2, result.output
    (line,) = result.stderr.splitlines()
    assert "answered 404 without Notion's error shape — check NOTION_BASE_URL" in line


def test_a_first_sync_does_not_write_over_values_tasklint_did_not_write(server, config):
    """A team's own 完成率 column (the name DESIGN gives tasklint's): its values are kept
    until the user says the column is tasklint's (--adopt-columns)."""
    spec = new_airtable_source(server)
    assert (
        invoke(server, "setup", spec.url, "--create-fields", "--config", str(config)).exit_code == 0
    )
    base, table = spec.url.removeprefix("airtable://").split("/", 1)
    records = Api(server.token, endpoint_url=server.airtable_url).table(base, table)
    typed = {r["id"]: 0.5 + i / 100 for i, r in enumerate(records.all())}
    records.batch_update([{"id": rid, "fields": {"完成率": v}} for rid, v in typed.items()])
    before = [r["fields"] for r in records.all()]
    for args in ((), ("--dry-run",)):
        result = invoke(
            server, "sync", spec.url, *args, "--today", "2025-06-20", "--config", str(config)
        )
        assert result.exit_code == 2, result.output
        said = " ".join(result.stderr.split())  # (as a terminal wraps it)
        assert re.search(
            r"column '完成率' already holds values in 1\d row\(s\) that tasklint did", said
        )
        assert "--adopt-columns" in said
    assert [r["fields"] for r in records.all()] == before
    adopted = invoke(
        server,
        "sync",
        spec.url,
        "--adopt-columns",
        "--today",
        "2025-06-20",
        "--config",
        str(config),
    )
    assert adopted.exit_code == 1, adopted.output  # written; error-level findings remain
    assert [r["fields"].get("完成率") for r in records.all()] != [f.get("完成率") for f in before]
    again = invoke(server, "sync", spec.url, "--today", "2025-06-21", "--config", str(config))
    assert again.exit_code == 1  # from then on the columns are tasklint's


def test_a_state_file_that_cannot_be_used_is_one_line_naming_it(server, config, tmp_path):
    spec = new_airtable_source(server)
    damaged = tmp_path / "state.db"
    damaged.write_text("not a database", encoding="utf-8")
    for args in (("--state", str(damaged)), ("--state", str(tmp_path))):
        result = invoke(server, "sync", spec.url, *args, "--config", str(config))
        assert result.exit_code == 2, result.output
        said = " ".join(result.stderr.split())
        assert "the state file cannot be used" in said and "unexpected error" not in said


def test_a_renamed_column_makes_the_next_sync_read_every_row(server, config):
    """Rows not read again keep their cells under the names the last run saw: after a
    rename the next sync reads all of them, and writes no false warnings into them."""
    import httpx

    database, source = server.notion.create_database_from_plan(
        plan_section("en"), token=server.token
    )
    url = f"notion://{database}"
    assert invoke(server, "setup", url, "--create-fields", "--config", str(config)).exit_code == 0
    first = invoke(server, "sync", url, "--today", "2025-06-20", "--config", str(config))
    assert first.exit_code == 1
    renamed = httpx.patch(
        f"{server.notion_url}/v1/data_sources/{source}",
        json={"properties": {"Due": {"name": "Deadline"}}},
        headers={"Authorization": f"Bearer {server.token}", "Notion-Version": "2025-09-03"},
    )
    assert renamed.status_code == 200
    again = invoke(server, "sync", url, "--today", "2025-06-20", "--config", str(config))
    assert again.exit_code == 1, again.output
    said = " ".join(again.stdout.split())
    # every row read again, under the new name: a rename alone changes nothing tasklint writes
    assert "full read 20, wrote 0 rows" in said


def test_a_row_deleted_between_incremental_syncs_is_skipped_and_the_rest_written(server, tmp_path):
    """Airtable read incrementally (modified_field) does not see a deletion: the write
    skips the deleted row, writes the others (Airtable refuses a whole batch naming it),
    says so, and the next sync reads every row."""
    import httpx

    section = plan_section("en")
    inputs = [f["name"] for f in section["fields"]]
    section["fields"].append(
        {"name": "Inputs modified", "type": "lastModifiedTime", "fields": inputs}
    )
    base = server.airtable.create_base("deleted rows")
    server.airtable.create_table_from_plan(base, section)
    url = f"airtable://{base}/{section['table']}"
    config = tmp_path / "tasklint.toml"
    state = (tmp_path / "state.db").as_posix()
    source = f'[sources.t]\nurl = "{url}"\nmodified_field = "Inputs modified"\n'
    config.write_text(f'[state]\npath = "{state}"\n{source}', encoding="utf-8")
    assert invoke(server, "setup", "t", "--create-fields", "--config", str(config)).exit_code == 0
    assert (
        invoke(server, "sync", "t", "--today", "2025-06-20", "--config", str(config)).exit_code == 1
    )
    records = Api(server.token, endpoint_url=server.airtable_url).table(base, section["table"])
    before = {r["id"]: r["fields"] for r in records.all()}
    # a row whose warnings change with the date (it is overdue): the next sync writes it
    victim = next(i for i, f in before.items() if f.get("Check item") == "Venue setup")
    gone = httpx.delete(
        f"{server.airtable_url}/v0/{base}/{section['table']}/{victim}",
        headers={"Authorization": f"Bearer {server.token}"},
    )
    assert gone.status_code == 200
    later = invoke(server, "sync", "t", "--today", "2025-07-20", "--config", str(config))
    assert later.exit_code == 1, later.output  # written; error-level findings remain
    said = " ".join(later.output.split())
    assert "1 row was deleted or moved to the trash since tasklint read the table" in said
    after = {r["id"]: r["fields"] for r in records.all()}
    rewritten = [
        i for i in after if after[i].get("Lint warnings") != before[i].get("Lint warnings")
    ]
    assert rewritten  # the other overdue rows got their new warnings
    own = ("Lint warnings", "Computed status", "Completion")
    for record_id, fields in after.items():  # and nothing but tasklint's columns changed
        assert {k: v for k, v in fields.items() if k not in own} == {
            k: v for k, v in before[record_id].items() if k not in own
        }
    recovered = invoke(server, "sync", "t", "--today", "2025-07-20", "--config", str(config))
    assert recovered.exit_code == 1, recovered.output
    assert "full read 19, wrote 0 rows" in " ".join(recovered.stdout.split())


def test_a_notion_page_trashed_between_syncs_is_skipped_and_the_rest_written(server, config):
    """An incremental query does not return a page moved to the trash, and Notion
    refuses edits to it: the sync writes the other pages, says so, and the next sync
    reads every row (and no longer sees the trashed one)."""
    import httpx
    from notion_client import Client

    database, source = server.notion.create_database_from_plan(
        plan_section("en"), token=server.token
    )
    url = f"notion://{database}"
    assert invoke(server, "setup", url, "--create-fields", "--config", str(config)).exit_code == 0
    first = invoke(server, "sync", url, "--today", "2025-06-20", "--config", str(config))
    assert first.exit_code == 1, first.output
    headers = {"Authorization": f"Bearer {server.token}", "Notion-Version": "2025-09-03"}
    client = Client(auth=server.token, base_url=server.notion_url)
    pages = client.data_sources.query(data_source_id=source)["results"]
    # a row whose warnings change with the date (it is overdue): the next sync writes it
    victim = next(
        page["id"]
        for page in pages
        if "".join(t["plain_text"] for t in page["properties"]["Check item"]["title"])
        == "Venue setup"
    )
    trashed = httpx.patch(
        f"{server.notion_url}/v1/pages/{victim}", json={"in_trash": True}, headers=headers
    )
    assert trashed.status_code == 200
    later = invoke(server, "sync", url, "--today", "2025-07-20", "--config", str(config))
    assert later.exit_code == 1, later.output
    said = " ".join(later.output.split())
    assert "1 row was deleted or moved to the trash since tasklint read the table" in said
    assert "wrote 0 rows" not in said
    assert client.pages.retrieve(page_id=victim)["in_trash"] is True  # not restored to be written
    recovered = invoke(server, "sync", url, "--today", "2025-07-20", "--config", str(config))
    assert recovered.exit_code == 1, recovered.output
    assert f"full read {len(pages) - 1}, wrote 0 rows" in " ".join(recovered.stdout.split())


def test_the_report_reads_the_run_history_the_syncs_kept(server, config):
    """M304 compares with the last sync: the report of a synced table runs it."""
    spec = new_airtable_source(server)
    assert (
        invoke(server, "setup", spec.url, "--create-fields", "--config", str(config)).exit_code == 0
    )
    args = (spec.url, "--today", "2025-06-20", "--config", str(config))
    skipped = "M304 (没有运行历史"  # the table is Chinese: so is its report
    before = invoke(server, "report", *args, "-f", "markdown")
    assert skipped in before.stdout  # no sync yet, no history
    assert invoke(server, "sync", *args).exit_code == 1
    after = invoke(server, "report", *args, "-f", "markdown")
    assert after.exit_code == 0, after.output
    assert "M304" in before.stdout and skipped not in after.stdout


def test_a_write_back_column_in_another_case_is_named_not_created_again(server, config):
    spec = new_airtable_source(server, "en")
    base, table = spec.url.removeprefix("airtable://").split("/", 1)
    Api(server.token, endpoint_url=server.airtable_url).table(base, table).create_field(
        "lint warnings", "multilineText"
    )
    result = invoke(server, "setup", spec.url, "--create-fields", "--config", str(config))
    assert result.exit_code == 2, result.output
    said = " ".join((result.stdout + result.stderr).split())
    assert "'Lint warnings' exists as 'lint warnings' (another case)" in said
    assert "422" not in said


def test_configured_sources_sync_without_arguments(server, tmp_path):
    airtable, notion = new_airtable_source(server), new_notion_source(server)
    config = tmp_path / "tasklint.toml"
    config.write_text(
        f'[state]\npath = "{(tmp_path / "s.db").as_posix()}"\n'
        f'[sources.plan-a]\nurl = "{airtable.url}"\n[sources.plan-n]\nurl = "{notion.url}"\n',
        encoding="utf-8",
    )
    for name in ("plan-a", "plan-n"):
        assert (
            invoke(server, "setup", name, "--create-fields", "--config", str(config)).exit_code == 0
        )
    result = invoke(server, "sync", "--today", "2025-06-20", "--config", str(config))
    assert result.exit_code == 1
    assert result.stdout.count("写入 20 行") == 2


def test_a_file_cannot_be_synced(server, config):
    result = invoke(server, "sync", "examples/marketing-plan.zh.csv", "--config", str(config))
    assert result.exit_code == 2 and "tasklint check" in result.stderr


def test_progress_on_a_terminal_shows_a_bar():
    import io

    from rich.console import Console

    from tasklint.output import SyncProgress

    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=100)
    with SyncProgress(console) as progress:
        progress.phase("airtable://appX/T", "reading")
        progress.waiting("rate limit", 1.5)
        progress.written("airtable://appX/T", 10, 20)
        task = progress._progress.tasks[0]
        assert (task.completed, task.total) == (10, 20)
        assert "writing rows" in task.description
    assert "tasklint:" not in screen.getvalue()  # no plain log lines on a terminal


def test_progress_lines_are_in_the_runs_language():
    import io

    from rich.console import Console

    from tasklint.output import SyncProgress

    log = io.StringIO()
    with SyncProgress(Console(file=log, width=200), "zh") as progress:
        progress.phase("notion://db", "reading")
        progress.waiting("rate limit", 1.5)
        progress.written("notion://db", 20, 20)
    assert log.getvalue().splitlines() == [
        "· notion://db：读取行",
        "· notion://db：等待 1.5 秒（限流）",
        "· notion://db：已写回 20/20 行",
    ]


def test_a_chinese_sync_says_its_steps_in_chinese(server, config):
    spec = new_airtable_source(server)
    assert (
        invoke(server, "setup", spec.url, "--create-fields", "--config", str(config)).exit_code == 0
    )
    result = invoke(server, "sync", spec.url, "--locale", "zh", "--config", str(config))
    said = " ".join(result.stderr.split())
    assert "：读取表结构" in said and "：检查" in said and ": reading" not in said


def test_sync_waits_its_turn_while_another_process_syncs_the_source(server, config):
    """`tasklint serve` holds a source's lease while it writes; a manual sync then writes
    nothing and says who holds it, and syncs once the lease is free."""
    from tasklint.config.settings import load_settings
    from tasklint.sync.lease import source_lease
    from tasklint.sync.state import StateStore

    spec = new_airtable_source(server)
    assert (
        invoke(server, "setup", spec.url, "--create-fields", "--config", str(config)).exit_code == 0
    )
    settings = load_settings(config)
    state = StateStore(settings.state.location())
    # held under the table's URL: a sync of it by a configured name waits for it too
    lease = source_lease(spec.url)
    config.write_text(
        config.read_text(encoding="utf-8") + f'\n[sources.nightly]\nurl = "{spec.url}"\n',
        encoding="utf-8",
    )
    assert state.acquire_lease(lease, "nightly-host:4242:abc", now=time.time(), ttl=600)
    try:
        server.control.reset_stats()
        for source in (spec.url, "nightly"):
            busy = invoke(server, "sync", source, "--today", "2025-06-20", "--config", str(config))
            assert busy.exit_code == 2
            assert "being synced by nightly-host:4242:abc" in busy.stderr
        assert "wait for that run to finish" in busy.stderr
        assert not [r for r in server.control.stats() if r.method == "PATCH"]
        # a dry run writes nothing, so it needs no lease
        dry = invoke(
            server, "sync", spec.url, "--dry-run", "--today", "2025-06-20", "--config", str(config)
        )
        assert dry.exit_code == 1 and "计划写入" in dry.stdout
    finally:
        state.release_lease(lease, "nightly-host:4242:abc")
    done = invoke(server, "sync", spec.url, "--today", "2025-06-20", "--config", str(config))
    assert done.exit_code == 1 and "写入 20 行" in done.stdout
    assert state.lease_holder(lease, now=time.time()) is None  # released after the run
    state.close()


def test_demo_runs_as_the_readme_says(tmp_path):
    """`tasklint demo`, the README's first command, as a user runs it: no token, no
    config, no terminal; every source checked and written back; nothing left behind."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AIRTABLE_", "NOTION_"))}
    done = subprocess.run(
        [sys.executable, "-m", "tasklint.cli", "demo"],
        cwd=tmp_path,
        env={**env, "COLUMNS": "200"},  # one line a row
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    for source in ("Airtable · 营销任务分工表", "Notion · Marketing task assignment"):
        assert f"{source}: 20 rows linted, 20 rows written back, 5 abnormal" in done.stdout
    rows = {
        cells[0]: cells[1:]
        for line in done.stdout.splitlines()
        if line.startswith("│")
        for cells in [[cell.strip() for cell in line.strip("│").split("│")]]
    }
    assert rows["线下活动场地搭建"][1:] == ["未完成 → 异常", "S402 G102"]  # the seed's case
    assert rows["预算与资源确认"][0] == "财务部, 市场部" and "O202" in rows["预算与资源确认"][2]
    assert rows["Venue setup"][1] == "Not done → Abnormal"
    # a group owner is shown as written, and a code is listed once however often it fires
    assert rows["任务分工表"][0] not in ("", "—") and "O202" in rows["任务分工表"][2]
    assert all(len(set(codes.split())) == len(codes.split()) for _, _, codes in rows.values())
    assert not list(tmp_path.iterdir())
