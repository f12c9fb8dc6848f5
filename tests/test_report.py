"""`tasklint report`: its numbers are those of `tasklint check --format json`, in the
HTML and in the Markdown; every section is there, in the table's language; what people
wrote stays text; missing review parts and missing history are said plainly."""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tasklint.app import CheckOptions, check_sources
from tasklint.cli import app
from tasklint.report.html import render_html
from tasklint.report.markdown import render_markdown
from tasklint.report.model import build_report, review_parts
from tasklint.sandbox.seed import load_plan
from tasklint.sync.state import StateStore

runner = CliRunner()
TODAY = "2025-06-20"
PLANS = ["examples/marketing-plan.zh.csv", "examples/marketing-plan.en.xlsx"]


# --- reading the numbers back --------------------------------------------------------------


class Numbers(HTMLParser):
    """Every `data-n` element's text, keyed by (context, name): the context is the
    nearest enclosing data-task / data-code / data-phase / data-run (or "page")."""

    CONTEXT = ("data-task", "data-code", "data-phase", "data-run")

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, dict[str, str | None]]] = []
        self.found: dict[tuple[str, str], str] = {}
        self._open: list[tuple[tuple[str, str], list[str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.stack.append((tag, attributes))
        if "data-n" in attributes:
            context = "page"
            for _, outer in reversed(self.stack):
                hit = next((outer[k] for k in self.CONTEXT if k in outer), None)
                if hit:
                    context = hit
                    break
            self._open.append(((context, str(attributes["data-n"])), []))
        elif self._open:
            self._open.append((("", ""), []))  # a child of a number: its text joins in

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            closed, _ = self.stack.pop()
            if self._open:
                key, parts = self._open.pop()
                if key == ("", ""):
                    if self._open:
                        self._open[-1][1].extend(parts)
                else:
                    self.found[key] = "".join(parts).strip()
            if closed == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._open:
            self._open[-1][1].append(data)


def numbers(html: str) -> dict[tuple[str, str], str]:
    parser = Numbers()
    parser.feed(html)
    return parser.found


def check_json(plan: str, *extra: str) -> dict[str, Any]:
    result = runner.invoke(app, ["check", plan, "--today", TODAY, "--format", "json", *extra])
    assert result.exit_code in (0, 1), result.output
    (source,) = json.loads(result.stdout)["sources"]
    return source


def rule_counts(source: dict[str, Any]) -> Counter[str]:
    counts: Counter[str] = Counter(f["code"] for f in source["table_findings"])
    for task in source["tasks"]:
        counts.update(f["code"] for f in task["findings"])
    return counts


def sandbox_env(server) -> dict[str, str]:
    return {
        "AIRTABLE_TOKEN": server.token,
        "NOTION_TOKEN": server.token,
        "AIRTABLE_ENDPOINT_URL": server.airtable_url,
        "NOTION_BASE_URL": server.notion_url,
    }


def percent(text: str) -> float:
    return float(text.rstrip("%")) / 100


def md_table(markdown: str, heading: str) -> list[list[str]]:
    """The rows of the first table after a heading line starting with `heading`."""
    lines = markdown.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(heading))
    rows: list[list[str]] = []
    for line in lines[start + 1 :]:
        if line.startswith("#") and rows:
            break
        if line.startswith("|"):
            rows.append([cell.strip() for cell in line.strip("|").split("|")])
        elif rows:
            break
    return rows[2:]  # past the header and the alignment row


# --- the numbers ---------------------------------------------------------------------------


@pytest.mark.parametrize("plan", PLANS)
def test_html_numbers_equal_check_json(plan: str, tmp_path: Path):
    source = check_json(plan)
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["report", plan, "--today", TODAY, "--out", str(out)])
    assert result.exit_code == 0, result.output
    found = numbers(out.read_text(encoding="utf-8"))
    summary = source["summary"]

    assert int(found["page", "rows"]) == source["rows"]
    for key in ("error", "warning", "info"):
        assert int(found["page", key]) == summary[key], key
    for key in ("done", "not_done", "abnormal"):
        assert int(found["page", key]) == summary["status"][key], key

    # Findings by rule: every code, every count.
    counts = rule_counts(source)
    shown = {
        code: int(v) for (code, name), v in found.items() if name == "total" and code in counts
    }
    assert shown == dict(counts)
    assert sum(shown.values()) == summary["error"] + summary["warning"] + summary["info"]

    # Status by phase adds up to the statuses.
    phases = {ctx for ctx, name in found if name == "total" and ctx not in counts}
    for key in ("done", "not_done", "abnormal"):
        assert sum(int(found[p, key]) for p in phases) == summary["status"][key]

    # Completion per goal: the JSON's value, as a percentage.
    completions = {t["id"]: t["completion"] for t in source["tasks"]}
    goal_rows = {ctx: v for (ctx, name), v in found.items() if name == "completion"}
    assert goal_rows, "no goal has a completion rate"
    for task_id, text in goal_rows.items():
        assert percent(text) == pytest.approx(completions[task_id], abs=1e-4)
    assert set(goal_rows) == {i for i, c in completions.items() if c is not None}

    # Overdue tasks: the rows with an S402 finding, days late as S402 says.
    overdue = {ctx: int(v) for (ctx, name), v in found.items() if name == "days_late"}
    s402 = {
        t["id"]: f["message"] for t in source["tasks"] for f in t["findings"] if f["code"] == "S402"
    }
    assert set(overdue) == set(s402)
    for task_id, days in overdue.items():
        assert re.search(rf"(?<!\d){days}(?!\d)", s402[task_id])
    assert int(found["page", "overdue"]) == len(s402)


@pytest.mark.parametrize("plan", PLANS)
def test_markdown_numbers_equal_check_json(plan: str):
    source = check_json(plan)
    result = runner.invoke(app, ["report", plan, "--today", TODAY, "--format", "markdown"])
    assert result.exit_code == 0, result.output
    markdown = result.stdout
    zh = "zh" in plan
    overview = dict(md_table(markdown, "## 概览" if zh else "## Overview"))
    summary = source["summary"]
    labels = (
        {"error": "错误", "warning": "警告", "info": "提示", "rows": "任务行"}
        | {"done": "已完成", "not_done": "未完成", "abnormal": "异常"}
        if zh
        else {"error": "Errors", "warning": "Warnings", "info": "Info", "rows": "Rows"}
        | {"done": "Done", "not_done": "Not done", "abnormal": "Abnormal"}
    )
    assert int(overview[labels["rows"]]) == source["rows"]
    for key in ("error", "warning", "info"):
        assert int(overview[labels[key]]) == summary[key]
    for key in ("done", "not_done", "abnormal"):
        assert int(overview[labels[key]]) == summary["status"][key]

    rules = md_table(markdown, "### 按规则" if zh else "### By rule")
    assert {row[0].strip("`"): int(row[-1]) for row in rules} == dict(rule_counts(source))

    goals = md_table(markdown, "## 目标达成" if zh else "## Goal attainment")
    measured = [t["completion"] for t in source["tasks"] if t["completion"] is not None]
    shown = [percent(row[4]) for row in goals if row[4].endswith("%")]
    assert sorted(shown) == pytest.approx(sorted(measured), abs=1e-4)

    overdue = md_table(markdown, "## 逾期任务" if zh else "## Overdue tasks")
    s402 = [t for t in source["tasks"] if any(f["code"] == "S402" for f in t["findings"])]
    assert sorted(row[0] for row in overdue) == sorted(t["title"] for t in s402)


def test_report_of_a_synced_table_shows_its_history(server, tmp_path: Path):
    """A table in the sandbox, synced twice: the report's numbers are check's, and its
    trend lists both runs."""
    section = load_plan()["en"]
    base = server.airtable.create_base("report test")
    server.airtable.create_table_from_plan(base, section)
    url = f"airtable://{base}/{section['table']}"
    config = tmp_path / "tasklint.toml"
    state = tmp_path / "state.db"
    config.write_text(f'[state]\npath = "{state.as_posix()}"\n', encoding="utf-8")
    env = sandbox_env(server)
    options = ["--config", str(config)]
    setup = runner.invoke(app, ["setup", url, "--create-fields", *options], env=env)
    assert setup.exit_code == 0, setup.output
    for _ in range(2):
        synced = runner.invoke(app, ["sync", url, "--today", TODAY, *options], env=env)
        assert synced.exit_code == 1, synced.output

    checked = runner.invoke(
        app, ["check", url, "--today", TODAY, "--format", "json", *options], env=env
    )
    (source,) = json.loads(checked.stdout)["sources"]
    out = tmp_path / "report.html"
    result = runner.invoke(
        app, ["report", url, "--today", TODAY, "--out", str(out), *options], env=env
    )
    assert result.exit_code == 0, result.output
    found = numbers(out.read_text(encoding="utf-8"))
    for key in ("error", "warning", "info"):
        assert int(found["page", key]) == source["summary"][key]
    runs = StateStore(state).runs(url)
    assert len(runs) == 2
    for run in runs:
        assert int(found[str(run.id), "open_warnings"]) == sum(run.findings.values())
        assert int(found[str(run.id), "abnormal"]) == run.statuses["abnormal"]
    assert 'id="chart-trend"' in out.read_text(encoding="utf-8")


# --- what the report says ------------------------------------------------------------------


def _report(plan: str, runs=(), locale: str | None = None):
    (outcome,) = check_sources([plan], CheckOptions(today=date(2025, 6, 20), locale=locale))
    return build_report(outcome, runs, version="test")


def test_every_section_is_there_in_both_languages():
    zh = render_html(_report(PLANS[0]))
    for heading in ("目标达成", "各阶段完成情况", "未解决问题", "按责任人", "按部门"):
        assert heading in zh
    for heading in ("逾期任务", "预算", "趋势", "成功经验", "问题分析", "改进建议"):
        assert heading in zh
    assert '<html lang="zh-CN">' in zh and "营销执行复盘报告" in zh
    en = render_html(_report(PLANS[1]))
    for heading in ("Goal attainment", "Status by phase", "Open findings", "By owner"):
        assert heading in en
    for heading in ("By department", "Overdue tasks", "Budget", "Trend", "Suggestions"):
        assert heading in en
    # --locale wins over the table's language.
    assert "Marketing Execution Review Report" in render_html(_report(PLANS[0], locale="en"))


def test_budget_and_goal_details():
    report = _report(PLANS[0])
    assert report.budget.planned == 233_000 and report.budget.spent == 135_000
    assert report.budget.contingency_share == pytest.approx(8_000 / 233_000)
    cac = next(g for g in report.goals if g.metric == "获客成本")
    assert cac.lower_is_better and cac.completion == pytest.approx(50 / 65)
    markdown = render_markdown(report)
    assert "76.92%" in markdown and "越低越好" in markdown
    assert "3.43%" in markdown  # the contingency share, as B501 states it


def test_missing_review_parts_and_history_are_said_plainly():
    report = _report(PLANS[1])
    assert report.review.rows == ["Review report"]
    assert [i.text for i in report.review.parts["suggestions"]] == ["Suggest adding Xiaohongshu"]
    assert report.review.missing == ["successes", "problems"]
    html = render_html(report)
    assert "Missing: the review report does not say what worked." in html
    assert "Missing: the review report does not say what did not work." in html
    assert "A file is not synced, so it has no run history" in html
    markdown = render_markdown(report)
    assert "**Missing: the review report does not say what worked.**" in markdown


def test_a_table_without_review_rows_or_history(tmp_path: Path):
    plan = tmp_path / "plan.csv"
    plan.write_text("Task,Phase,Owner,Status\nLaunch,Execution,Marketing — Li Lei,Done\n")
    (outcome,) = check_sources([str(plan)], CheckOptions(today=date(2025, 6, 20)))
    report = build_report(outcome, [], version="test")
    assert report.review.rows == [] and report.review.missing == list(report.review.parts)
    html = render_html(report)
    assert "No review report row found" in html
    assert "No row has a target or an actual value" in html
    assert "The table has no budget figures." in html
    # A remote source without runs says so too.
    report.kind = "airtable"
    assert "No run history for this source yet" in render_html(report)


def test_trend_reads_the_last_30_ok_runs(tmp_path: Path):
    store = StateStore(tmp_path / "state.db")
    start = datetime(2025, 6, 1, 2, 0, tzinfo=UTC)
    for day in range(35):
        run = store.start_run("plan.csv", start + timedelta(days=day), full_read=True)
        ok = day != 20
        store.finish_run(
            run,
            start + timedelta(days=day, minutes=1),
            ok=int(ok),
            rows_total=20,
            findings={"S402": day, "G101": 1} if ok else {},
            statuses={"done": 1, "not_done": 1, "abnormal": day % 3},
        )
    runs = store.runs("plan.csv", limit=30)
    report = _report(PLANS[0], runs)
    assert len(report.trend) == 29  # 30 runs, one of them failed
    assert [p.open_warnings for p in report.trend][-2:] == [34, 35]
    assert report.trend[-1].abnormal == 34 % 3
    html = render_html(report)
    assert 'id="chart-trend"' in html and 'id="chart-trend-narrow"' in html


def test_review_parts_are_split_by_what_they_say():
    assert review_parts(
        "成功：小红书笔记互动量超预期50%；问题：到店率低，选址偏离目标客群；建议：增加小红书投放，调整选址"
    ) == {
        "successes": ["小红书笔记互动量超预期50%"],
        "problems": ["到店率低，选址偏离目标客群"],
        "suggestions": ["增加小红书投放，调整选址"],
    }
    assert review_parts(
        "Success: Xiaohongshu engagement +50%. Problem: low store visits. "
        "Suggestion: add Xiaohongshu."
    ) == {
        "successes": ["Xiaohongshu engagement +50%"],
        "problems": ["low store visits"],
        "suggestions": ["add Xiaohongshu"],
    }
    assert review_parts("Deliverable: review report") == {
        "successes": [],
        "problems": [],
        "suggestions": [],
    }


# --- safety --------------------------------------------------------------------------------

EVIL = '<script>alert("x")</script><img src=x onerror=alert(1)> | **bold** `code` [a](http://e.x)'


def test_what_people_wrote_stays_text(tmp_path: Path):
    plan = tmp_path / "evil.csv"
    quoted = EVIL.replace('"', '""')
    rows = [
        "Task,Phase,Owner,Status,Goal,Target,Actual,Notes,Due",
        f'"{quoted}",Execution,"{quoted}",Not done,Conversion 5%,5%,3%,x,2025-06-01',
        f'Review report,Review,Marketing — Li Lei,Done,,,,"Problem: {quoted}",',
    ]
    plan.write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path / "evil.html"
    result = runner.invoke(app, ["report", str(plan), "--today", TODAY, "--out", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert(" in html
    assert 'href="http://e.x"' not in html

    markdown = runner.invoke(
        app, ["report", str(plan), "--today", TODAY, "--format", "markdown"]
    ).stdout
    assert "<script>" not in markdown and "<img" not in markdown
    assert "&lt;script&gt;alert" in markdown
    for line in markdown.splitlines():
        if EVIL[:8] in line.replace("\\", "") and line.startswith("|"):
            assert "\\|" in line  # a pipe in a cell does not split the table


def test_the_page_is_self_contained():
    html = render_html(_report(PLANS[0]))
    assert "<script" not in html and "<link" not in html and "@import" not in html
    assert not re.search(r"""(?:src|href)\s*=\s*(?!["']?#)""", html)
    assert "url(" not in html
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    # The same report twice gives the same bytes (no random ids, no timestamps).
    assert render_html(_report(PLANS[0])) == html


# --- the command ---------------------------------------------------------------------------


def test_html_goes_to_report_html_by_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    plan = Path(PLANS[0]).resolve()
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["report", str(plan), "--today", TODAY])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "report.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_usage_errors(tmp_path: Path):
    bad = runner.invoke(app, ["report", PLANS[0], "--format", "pdf"])
    assert bad.exit_code == 2 and "html, markdown" in bad.output

    config = tmp_path / "tasklint.toml"
    config.write_text(
        # (absolute: a relative url is read from the config's folder)
        f'[sources.a]\nurl = "{Path(PLANS[0]).resolve().as_posix()}"\n'
        f'[sources.b]\nurl = "{Path(PLANS[1]).resolve().as_posix()}"\n',
        encoding="utf-8",
    )
    several = runner.invoke(app, ["report", "--config", str(config)])
    assert several.exit_code == 2 and "name the one" in several.stderr

    nowhere = runner.invoke(
        app,
        ["report", "a", "--config", str(config), "--out", str(tmp_path / "r.html"), "--publish"],
    )
    assert nowhere.exit_code == 2 and "notion_parent" in nowhere.stderr

    config.write_text('[report]\nairtable_runs = "Lint runs"\n', encoding="utf-8")
    invalid = runner.invoke(app, ["report", PLANS[0], "--config", str(config)])
    assert invalid.exit_code == 2 and "report.airtable_runs" in invalid.stderr


def test_no_state_file_is_created(tmp_path: Path):
    state = tmp_path / "nowhere" / "state.db"
    result = runner.invoke(
        app,
        ["report", PLANS[1], "--today", TODAY, "--format", "markdown", "--state", str(state)],
    )
    assert result.exit_code == 0 and not state.parent.exists()
    assert "A file is not synced" in result.stdout


def test_the_report_is_never_written_over_the_checklist_or_another_table(tmp_path: Path):
    plan = tmp_path / "plan.xlsx"
    plan.write_bytes(Path("examples/marketing-plan.en.xlsx").read_bytes())
    notes = tmp_path / "notes.csv"
    notes.write_text("kept\n", encoding="utf-8")
    before = plan.read_bytes()
    for target, why in ((plan, "the checklist being reported on"), (notes, "no report")):
        result = runner.invoke(
            app, ["report", str(plan), "-o", str(target), "--today", "2025-06-20"]
        )
        assert result.exit_code == 2 and why in result.stderr, result.output
    assert plan.read_bytes() == before and notes.read_text(encoding="utf-8") == "kept\n"
    earlier = tmp_path / "report.html"
    earlier.write_text("<p>last week</p>", encoding="utf-8")
    result = runner.invoke(app, ["report", str(plan), "-o", str(earlier), "--today", "2025-06-20"])
    assert result.exit_code == 0 and "<!DOCTYPE html>" in earlier.read_text(encoding="utf-8")
