"""`tasklint report --publish` against the sandbox: a Notion page under the configured
parent (headings, bulleted lists, tables) and a row per run in an Airtable "Lint runs"
table; a rerun updates that page and that row instead of adding new ones."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from notion_client import Client
from pyairtable import Api
from typer.testing import CliRunner

from tasklint.app import CheckOptions, check_sources
from tasklint.cli import app
from tasklint.config.settings import ReportConfig, Settings
from tasklint.connectors.transport import RetryPolicy
from tasklint.report.model import build_report
from tasklint.report.publish import (
    KEY_FIELD,
    RUNS_FIELDS,
    AirtablePublisher,
    NotionPublisher,
    page_title,
    parent_page_id,
)

runner = CliRunner()
PLAN = "examples/marketing-plan.zh.csv"
FAST = RetryPolicy(backoff=0.05, rate_limit_wait=0.4, max_backoff=0.5)


def report_for(day: date = date(2025, 6, 20), plan: str = PLAN):
    (outcome,) = check_sources([plan], CheckOptions(today=day))
    return build_report(outcome, [], version="test")


def env_for(server) -> dict[str, str]:
    return {
        "AIRTABLE_TOKEN": server.token,
        "NOTION_TOKEN": server.token,
        "AIRTABLE_ENDPOINT_URL": server.airtable_url,
        "NOTION_BASE_URL": server.notion_url,
    }


def plain(rich: list[dict]) -> str:
    return "".join(part["plain_text"] for part in rich)


def page_blocks(client: Client, page_id: str) -> list[dict]:
    blocks, cursor = [], None
    while True:
        extra = {"start_cursor": cursor} if cursor else {}
        answer = client.blocks.children.list(block_id=page_id, **extra)
        blocks += answer["results"]
        if not answer["has_more"]:
            return blocks
        cursor = answer["next_cursor"]


def test_notion_page_is_written_then_updated_in_place(server):
    parent = server.notion.create_workspace_page("Reports", token=server.token)
    publisher = NotionPublisher(
        parent, server.token, base_url=server.notion_url, requests_per_second=30, policy=FAST
    )
    first = publisher.publish(report_for())
    assert first.created and first.where.startswith("https://")

    client = Client(auth=server.token, base_url=server.notion_url)
    (child,) = [b for b in page_blocks(client, parent) if b["type"] == "child_page"]
    assert child["child_page"]["title"] == "营销执行复盘报告 · " + PLAN
    blocks = page_blocks(client, child["id"])
    kinds = {b["type"] for b in blocks}
    assert {"heading_2", "heading_3", "table", "bulleted_list_item", "paragraph"} <= kinds
    headings = [plain(b["heading_2"]["rich_text"]) for b in blocks if b["type"] == "heading_2"]
    assert headings[:3] == ["概览", "目标达成", "各阶段完成情况"]
    assert "成功经验、问题分析与改进建议" in headings

    # The overview table holds the check's numbers.
    overview = next(b for b in blocks if b["type"] == "table")
    rows = client.blocks.children.list(block_id=overview["id"])["results"]
    cells = {plain(r["table_row"]["cells"][0]): plain(r["table_row"]["cells"][1]) for r in rows}
    assert cells["异常"] == "5" and cells["错误"] == "6" and cells["任务行"] == "20"
    # Missing review parts are said, in red.
    missing = [b for b in blocks if b["type"] == "paragraph" and b["paragraph"]["color"] == "red"]
    assert [plain(b["paragraph"]["rich_text"]) for b in missing] == [
        "缺失：复盘报告没有写成功经验。",
        "缺失：复盘报告没有写问题分析。",
    ]

    # A rerun on another day: the same page, its content replaced, nothing duplicated.
    writes = publisher.stats.requests["write"]
    second = publisher.publish(report_for(date(2025, 6, 21)))
    assert not second.created
    # cleared by one request (erase_content), not one a block
    assert publisher.stats.requests["write"] - writes == 1 < len(blocks)
    children = [b for b in page_blocks(client, parent) if b["type"] == "child_page"]
    assert [c["id"] for c in children] == [child["id"]]
    again = page_blocks(client, child["id"])
    assert len(again) == len(blocks)
    assert "2025-06-21" in plain(again[0]["paragraph"]["rich_text"])
    assert not {b["id"] for b in again} & {b["id"] for b in blocks}


def test_notion_parent_errors(server):
    missing = NotionPublisher(
        "0" * 32, server.token, base_url=server.notion_url, requests_per_second=30, policy=FAST
    )
    from tasklint.errors import SourceError

    with pytest.raises(SourceError, match="share that page"):
        missing.publish(report_for())
    assert parent_page_id(
        "https://www.notion.so/Team-Reports-1a2b3c4d5e6f47a8b9c0d1e2f3a4b5c6"
    ) == ("1a2b3c4d-5e6f-47a8-b9c0-d1e2f3a4b5c6")


def test_airtable_runs_table_is_created_and_upserted(server):
    base = server.airtable.create_base("runs")
    url = f"airtable://{base}/Lint runs"
    publisher = AirtablePublisher(
        url, server.token, endpoint_url=server.airtable_url, requests_per_second=50, policy=FAST
    )
    first = publisher.publish(report_for())
    assert first.created
    table = Api(server.token, endpoint_url=server.airtable_url).table(base, "Lint runs")
    assert [f.name for f in table.schema().fields] == list(RUNS_FIELDS)
    (row,) = table.all()
    fields = row["fields"]
    assert fields[KEY_FIELD] == f"{PLAN} · 2025-06-20"
    assert (fields["Errors"], fields["Warnings"], fields["Info"]) == (6, 28, 11)
    assert (fields["Done"], fields["Not done"], fields["Abnormal"]) == (6, 9, 5)
    assert fields["Overdue"] == 3 and fields["Goals met"] == 1 and fields["Goals measured"] == 5
    assert fields["Contingency share"] == pytest.approx(8000 / 233000)
    assert fields["Suggestions"] == "• 建议增加小红书渠道投放"
    assert fields["Successes"] == "缺失：复盘报告没有写成功经验。"

    # Rerun, same day: the same row. Another day: a new row.
    assert not publisher.publish(report_for()).created
    (same,) = table.all()
    assert same["id"] == row["id"]
    assert publisher.publish(report_for(date(2025, 6, 21))).created
    assert sorted(r["fields"][KEY_FIELD][-10:] for r in table.all()) == [
        "2025-06-20",
        "2025-06-21",
    ]


def test_airtable_missing_fields_are_added(server):
    base = server.airtable.create_base("runs, by hand")
    server.airtable.create_table(
        base,
        "Lint runs",
        [{"name": "Run", "type": "singleLineText"}, {"name": "Notes", "type": "multilineText"}],
    )
    publisher = AirtablePublisher(
        f"airtable://{base}/Lint runs",
        server.token,
        endpoint_url=server.airtable_url,
        requests_per_second=50,
        policy=FAST,
    )
    publisher.publish(report_for())
    names = [
        f.name
        for f in Api(server.token, endpoint_url=server.airtable_url)
        .table(base, "Lint runs")
        .schema()
        .fields
    ]
    assert names[:2] == ["Run", "Notes"] and set(RUNS_FIELDS) <= set(names)


def test_publish_from_the_command_line(server, tmp_path: Path):
    parent = server.notion.create_workspace_page("CLI reports", token=server.token)
    base = server.airtable.create_base("cli runs")
    config = tmp_path / "tasklint.toml"
    config.write_text(
        f'[report]\nnotion_parent = "{parent.replace("-", "")}"\n'
        f'airtable_runs = "airtable://{base}/Lint runs"\n',
        encoding="utf-8",
    )
    args = ["report", PLAN, "--today", "2025-06-20", "--config", str(config)]
    result = runner.invoke(
        app, [*args, "--out", str(tmp_path / "r.html"), "--publish"], env=env_for(server)
    )
    assert result.exit_code == 0, result.output
    assert "Published to notion (created)" in result.stdout
    assert "Published to airtable (created)" in result.stdout

    no_token = runner.invoke(
        app,
        [*args, "--out", str(tmp_path / "r.html"), "--publish"],
        env={**env_for(server), "NOTION_TOKEN": ""},
    )
    assert no_token.exit_code == 2 and "NOTION_TOKEN" in no_token.stderr
    # Notion's failure does not keep the report from Airtable
    assert "Published to airtable (updated)" in no_token.stdout


def test_settings_default_to_no_target():
    assert Settings().report == ReportConfig(notion_parent=None, airtable_runs=None)
    assert page_title(report_for(plan="examples/marketing-plan.en.xlsx")).startswith(
        "Marketing Execution Review Report · "
    )
