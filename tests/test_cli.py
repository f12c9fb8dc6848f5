"""The command line end to end on the example plans: JSON content, formats, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tasklint.cli import app

ROOT = Path(__file__).resolve().parent.parent
ZH_CSV = ROOT / "examples" / "marketing-plan.zh.csv"
EN_XLSX = ROOT / "examples" / "marketing-plan.en.xlsx"
runner = CliRunner()


def run(*args: str, cwd: Path | None = None):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


def check_json(path: Path, *extra: str) -> tuple[int, dict]:
    result = run("check", str(path), "--format", "json", "--today", "2025-06-20", *extra)
    return result.exit_code, json.loads(result.stdout)


def by_title(source: dict) -> dict[str, dict]:
    return {t["title"]: t for t in source["tasks"]}


def codes_of(task: dict) -> set[str]:
    return {f["code"] for f in task["findings"]}


@pytest.fixture(scope="module")
def zh_report():
    return check_json(ZH_CSV)


@pytest.fixture(scope="module")
def en_report():
    return check_json(EN_XLSX)


def test_json_report_shape(zh_report):
    code, report = zh_report
    assert code == 1  # the example plan has error-level findings
    assert report["tool"] == "tasklint" and report["today"] == "2025-06-20" and report["version"]
    (source,) = report["sources"]
    assert source["name"].endswith("marketing-plan.zh.csv") and source["kind"] == "file"
    assert source["rows"] == 20 == len(source["tasks"])
    assert set(source) == {
        "name",
        "kind",
        "rows",
        "skipped_rules",
        "table_findings",
        "tasks",
        "summary",
    }
    task = source["tasks"][0]
    assert set(task) == {"id", "title", "status", "completion", "findings"}
    assert task["id"] == "row-2"
    finding = next(f for t in source["tasks"] for f in t["findings"])
    assert set(finding) == {"code", "name", "severity", "field", "message"}
    summary = source["summary"]
    assert set(summary) == {"error", "warning", "info", "status"}
    assert set(summary["status"]) == {"done", "not_done", "abnormal"}
    assert sum(summary["status"].values()) == 20
    counted = {s: 0 for s in ("error", "warning", "info")}
    for t in source["tasks"]:
        for f in t["findings"]:
            counted[f["severity"]] += 1
    for f in source["table_findings"]:
        counted[f["severity"]] += 1
    assert counted == {k: summary[k] for k in counted}


def test_what_the_seed_implies(zh_report):
    _, report = zh_report
    tasks = by_title(report["sources"][0])
    assert "O202" in codes_of(tasks["预算与资源确认"])  # 财务部/市场部
    venue = tasks["线下活动场地搭建"]
    s402 = next(f for f in venue["findings"] if f["code"] == "S402")
    assert s402["severity"] == "error" and "3" in s402["message"]
    assert venue["status"] == "abnormal"
    assert "G102" not in codes_of(tasks["目标完成率计算"])  # 新客转化率≥15% is measurable
    assert "G102" in codes_of(tasks["品牌宣传规划"])  # 提升品牌影响力 is not
    assert tasks["目标完成率计算"]["completion"] == pytest.approx(0.8)
    assert tasks["目标完成率计算"]["status"] == "done"


def test_example_exercises_every_rule(zh_report):
    _, report = zh_report
    source = report["sources"][0]
    fired = {f["code"] for t in source["tasks"] for f in t["findings"]}
    fired |= {f["code"] for f in source["table_findings"]}
    from tasklint.validators.registry import rules_by_code

    # M301 needs a plan without core metrics (covered in test_rules); M304 needs the
    # run history that only sync keeps, so a plain check reports it skipped.
    assert set(rules_by_code()) - fired == {"M301", "M304"}
    assert source["skipped_rules"] == [
        {"code": "M304", "reason": "没有运行历史（该规则与上次同步比较）"}
    ]


def test_english_workbook_is_the_same_plan(zh_report, en_report):
    zh_tasks = zh_report[1]["sources"][0]["tasks"]
    en_tasks = en_report[1]["sources"][0]["tasks"]
    assert len(zh_tasks) == len(en_tasks)
    for zh, en in zip(zh_tasks, en_tasks, strict=True):
        assert codes_of(zh) == codes_of(en), (zh["title"], en["title"])
        assert zh["status"] == en["status"], (zh["title"], en["title"])
        assert zh["completion"] == en["completion"]
    assert zh_report[1]["sources"][0]["summary"] == en_report[1]["sources"][0]["summary"]


def test_english_messages_for_english_workbook(en_report):
    messages = [f["message"] for t in en_report[1]["sources"][0]["tasks"] for f in t["findings"]]
    assert messages and not any("目标" in m for m in messages if m.startswith("Goal"))


def test_locale_option_switches_messages():
    _, report = check_json(ZH_CSV, "--locale", "en")
    venue = by_title(report["sources"][0])["线下活动场地搭建"]
    assert any(f["message"].startswith("Overdue by 3 days") for f in venue["findings"])


def test_select_and_ignore_options():
    code, report = check_json(ZH_CSV, "--select", "O", "--ignore", "O204")
    fired = {f["code"] for t in report["sources"][0]["tasks"] for f in t["findings"]}
    assert fired == {"O201", "O202", "O203"}
    assert code == 0  # no error-level rule selected


def test_text_format_groups_by_row_and_summarises():
    result = run("check", str(ZH_CSV), "--today", "2025-06-20")
    assert result.exit_code == 1
    assert "线下活动场地搭建" in result.stdout and "S402" in result.stdout
    assert "异常" in result.stdout and "个错误" in result.stdout


@pytest.mark.parametrize("plan", [ZH_CSV, EN_XLSX])
def test_text_table_shows_every_message_whole(plan):
    # Chinese has no spaces to wrap at: the table must fold it, not cut it short with "…"
    text = run("check", plan, "--today", "2025-06-20").stdout
    _, report = check_json(plan)
    messages = [f["message"] for t in report["sources"][0]["tasks"] for f in t["findings"]]
    column = "".join(line.split("│")[-2] for line in text.splitlines() if line.count("│") > 2)
    squeezed = "".join(column.split())
    assert messages and "…" not in column
    for message in messages:
        assert "".join(message.split()) in squeezed


def long_plan(path: Path, rows: int = 200) -> Path:
    lines = ["任务,目标,责任部门/人,截止日期,完成状态"]
    for i in range(rows):
        title = "控制\x1b[31m字符" if i == 7 else f"任务{i}"
        lines.append(f"{title},提升品牌影响力,市场部,2025-06-01,进行中")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_long_text_report_is_listed_a_line_a_finding(tmp_path):
    from tasklint import output

    plan = long_plan(tmp_path / "long.csv")
    text = run("check", plan, "--today", "2025-06-20").stdout
    _, report = check_json(plan)
    tasks = report["sources"][0]["tasks"]
    assert sum(len(t["findings"]) for t in tasks) > output.TABLE_LINES
    assert "┃" not in text and "│" not in text  # not a table
    listed = text.splitlines()
    for task in tasks:
        # the row's line (number, task, status), then its findings in order
        head = next(i for i, line in enumerate(listed) if line.split()[:1] == [task["id"][4:]])
        codes = [line.split()[1] for line in listed[head + 1 : head + 1 + len(task["findings"])]]
        assert codes == [f["code"] for f in task["findings"]]
        assert listed[head].split()[-1] == "异常"
    assert "\x1b" not in text and "控制 [31m字符" in text  # control characters show as spaces
    assert "个错误" in listed[-1] or "个错误" in listed[-2]


def test_a_long_text_report_is_coloured_as_the_console_allows(tmp_path):
    import io

    from rich.console import Console

    from tasklint import output
    from tasklint.app import CheckOptions, check_sources

    outcomes = check_sources([str(long_plan(tmp_path / "long.csv"))], CheckOptions())

    def shown(**console: object) -> str:
        buffer = io.StringIO()
        output.render_text(outcomes, Console(file=buffer, width=100, **console))
        return buffer.getvalue()

    coloured = shown(force_terminal=True, color_system="standard")
    assert "\x1b[1;31m✖ G102\x1b[0m" in coloured or "\x1b[33m⚠ G102\x1b[0m" in coloured
    no_colour = shown(force_terminal=True, color_system="standard", no_color=True)
    assert "\x1b[1m" in no_colour and "\x1b[31m" not in no_colour and "\x1b[33m" not in no_colour
    plain = shown(force_terminal=False)
    assert "\x1b" not in plain and "G102" in plain


def test_a_source_that_cannot_be_read_does_not_stop_the_others(tmp_path):
    missing = tmp_path / "nope.csv"
    for output_format in ("json", "text"):
        result = run("check", missing, ZH_CSV, "--format", output_format, "--today", "2025-06-20")
        assert result.exit_code == 2  # a source problem outranks the findings' exit 1
        (line,) = result.stderr.splitlines()
        assert line.startswith("tasklint:") and "nope.csv: no such file" in line
        if output_format == "json":
            document = json.loads(result.stdout)
            (source,) = document["sources"]
            assert source["name"] == str(ZH_CSV) and source["tasks"]
            (error,) = document["errors"]  # not a report that reads as if all was clean
            assert error["source"] == str(missing) and "no such file" in error["message"]
        else:
            assert "线下活动场地搭建" in result.stdout
    alone = run("check", missing, "--format", "json")
    assert alone.exit_code == 2
    document = json.loads(alone.stdout)  # a document, even with nothing read
    assert document["sources"] == [] and [e["source"] for e in document["errors"]] == [str(missing)]
    clean = run("check", ZH_CSV, "--format", "json", "--today", "2025-06-20")
    assert "errors" not in json.loads(clean.stdout)  # DESIGN §6's keys when all were read


def test_json_nested_too_deeply_is_one_line_and_the_other_sources_are_checked(tmp_path):
    # json's parser, and reading a cell, recurse once per level until Python's stack
    # runs out: a RecursionError's traceback before.
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000, encoding="utf-8")
    result = run("check", deep, ZH_CSV, "--format", "json", "--today", "2025-06-20")
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"tasklint: {deep}: the JSON is nested too deeply to read")
    (source,) = json.loads(result.stdout)["sources"]
    assert source["name"] == str(ZH_CSV) and source["tasks"]


def test_markdown_and_github_formats():
    md = run("check", str(ZH_CSV), "--format", "markdown", "--today", "2025-06-20").stdout
    assert md.startswith("## ") and "| 行 | 任务 |" in md and "S402" in md
    gh = run("check", str(ZH_CSV), "--format", "github", "--today", "2025-06-20").stdout
    lines = gh.splitlines()
    assert any(line.startswith("::error file=") and "S402" in line for line in lines)
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)


def test_exit_2_with_one_line_for_bad_input(tmp_path):
    missing = run("check", str(tmp_path / "nope.csv"))
    assert missing.exit_code == 2 and "no such file" in missing.stderr
    no_title = tmp_path / "x.csv"
    no_title.write_text("Owner,Due\nA,2025-01-01\n", encoding="utf-8")
    result = run("check", str(no_title))
    assert result.exit_code == 2 and "no task column" in result.stderr
    bad_config = tmp_path / "bad.toml"
    bad_config.write_text('locale = "fr"\n', encoding="utf-8")
    result = run("check", str(ZH_CSV), "--config", str(bad_config))
    assert result.exit_code == 2 and "`locale`" in result.stderr
    assert run("check", str(ZH_CSV), "--format", "yaml").exit_code == 2
    assert run("check", str(ZH_CSV), "--today", "20/06/2025").exit_code == 2
    assert run("check", str(ZH_CSV), "--select", "Q9").exit_code == 2


def test_config_encodings_and_parameter_ranges_through_the_cli(tmp_path):
    cases = {
        "cp1252.toml": '# café\nlocale = "en"\n'.encode("cp1252"),
        "negative.toml": b"[rules.S402]\nmax_delay_days = -5\n",
        "min-above-max.toml": b"[rules.B501]\nmin_share = 0.5\nmax_share = 0.1\n",
    }
    for name, raw in cases.items():
        (tmp_path / name).write_bytes(raw)
        result = run("check", str(ZH_CSV), "--config", str(tmp_path / name))
        assert result.exit_code == 2 and result.stdout == ""
        assert name in result.stderr and len(result.stderr.strip().splitlines()) == 1
    # as Notepad saves "Unicode": UTF-16 with its byte order mark, read as such
    (tmp_path / "utf16.toml").write_bytes('locale = "en"\n'.encode("utf-16"))
    _, report = check_json(ZH_CSV, "--config", str(tmp_path / "utf16.toml"))
    assert report["sources"][0]["table_findings"][0]["message"].startswith("Contingency")


def test_rules_and_explain():
    listing = run("rules")
    assert (
        listing.exit_code == 0
        and "G102" in listing.stdout
        and "goal-not-measurable" in listing.stdout
    )
    one = run("rules", "G102")
    assert one.exit_code == 0 and "Bad:" in one.stdout and "错误：" in one.stdout
    assert run("rules", "Z999").exit_code == 2


def test_init_writes_a_valid_starter(tmp_path):
    target = tmp_path / "tasklint.toml"
    assert run("init", "--path", str(target)).exit_code == 0
    assert "[sources.q3-plan]" in target.read_text(encoding="utf-8")
    assert run("init", "--path", str(target)).exit_code == 2  # no silent overwrite
    assert run("init", "--path", str(target), "--force").exit_code == 0


def test_bracketed_text_prints_as_written(tmp_path):
    # "[sources]" and a path such as "[v2]" are not markup: they print as written
    target = tmp_path / "plan [v2].toml"
    written = run("init", "--path", str(target))
    assert "Edit [sources] and run" in written.stdout and "[v2]" in " ".join(written.stdout.split())
    again = run("init", "--path", str(target))
    assert again.exit_code == 2 and "plan [v2].toml already exists" in " ".join(
        again.stderr.split()
    )


@pytest.mark.parametrize(
    ("extra", "exit_code"), [((), 1), (("--select", "S401"), 0), (("--format", "nope"), 2)]
)
def test_check_as_a_process_prints_everything_before_it_ends(tmp_path, extra, exit_code):
    """`check` ends its process without teardown (`cli.main`): what it printed must all
    be out, through a pipe too, and its exit code kept."""
    rows = ["检查项目,责任部门/人,截止日期,备注"]
    rows += [f"任务{i},,2025-06-0{i % 9 + 1},{'很长的备注' * 40}" for i in range(3000)]
    plan = tmp_path / "plan.csv"
    plan.write_text("\n".join(rows), encoding="utf-8")
    done = subprocess.run(
        [
            *(sys.executable, "-m", "tasklint.cli", "check", str(plan)),
            *("--format", "json", "--today", "2025-06-20", *extra),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        # buffered, as a pipe normally is: unflushed output would be lost
        env={k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"},
    )
    assert done.returncode == exit_code, done.stderr
    if exit_code == 2:
        assert "--format" in done.stderr and not done.stdout
        return
    assert done.stdout.endswith("}\n")  # to the last character print() wrote
    report = json.loads(done.stdout)
    assert len(report["sources"][0]["tasks"]) == 3000


def test_console_script_and_light_start_up():
    """A file check never imports the Airtable or Notion clients, and a JSON one not
    rich either (a tenth of start-up): it prints through neither."""
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from tasklint.cli import app\n"
        f"r = CliRunner().invoke(app, ['check', {str(ZH_CSV)!r}, '--format', 'json'])\n"
        "assert r.exit_code == 1, r.output\n"
        "clients = ('pyairtable', 'notion_client', 'requests', 'httpx', 'rich')\n"
        "heavy = [m for m in clients if m in sys.modules]\n"
        "print(heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_check_without_a_config_builds_no_model_schema(tmp_path):
    """Without a config file the defaults are taken as written: no config model and no
    rule's parameters are validated, so pydantic builds none of their schemas (nor
    tasklint's other models': rows are made without validation)."""
    code = (
        "from pydantic import BaseModel\n"
        "from typer.testing import CliRunner\n"
        "from tasklint.cli import app\n"
        f"r = CliRunner().invoke(app, ['check', {str(ZH_CSV)!r}, '--format', 'json'])\n"
        "assert r.exit_code == 1, r.output\n"
        "def subclasses(cls):\n"
        "    for sub in cls.__subclasses__():\n"
        "        yield sub\n"
        "        yield from subclasses(sub)\n"
        "built = sorted(c.__qualname__ for c in subclasses(BaseModel)\n"
        "               if c.__module__.startswith('tasklint')\n"
        "               and c.__dict__.get('__pydantic_complete__'))\n"
        "print(built)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path
    )
    assert out.stdout.strip() == "[]"


def test_date_order_from_the_config_top_level_and_per_source(tmp_path):
    from tasklint.app import CheckOptions, check_sources

    for name in ("uk.csv", "us.csv"):  # 05/07/2025 only: no order the table shows
        (tmp_path / name).write_text("任务,截止日期\n素材,05/07/2025\n", encoding="utf-8")
    config = tmp_path / "tasklint.toml"
    config.write_text(
        'date_order = "day-first"\n[sources.us]\nurl = "us.csv"\ndate_order = "month-first"\n',
        encoding="utf-8",
    )
    options = CheckOptions(config=config, today=date(2025, 6, 20))
    uk, us = check_sources([str(tmp_path / "uk.csv"), "us"], options)
    assert uk.result.tasks[0].task.due == date(2025, 7, 5)
    assert us.result.tasks[0].task.due == date(2025, 5, 7)
    assert uk.notices == us.notices == []


def test_a_configured_file_is_read_from_the_config_folder(tmp_path, monkeypatch):
    team = tmp_path / "team"
    team.mkdir()
    (team / "plan.csv").write_text("任务,截止日期\n素材,2025-07-05\n", encoding="utf-8")
    (team / "tasklint.toml").write_text('[sources.q3]\nurl = "plan.csv"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # not the config's folder: plan.csv is not here
    code, report = check_json(Path("q3"), "--config", str(team / "tasklint.toml"))
    assert code == 0 and report["sources"][0]["name"] == "q3"
    assert report["sources"][0]["tasks"][0]["title"] == "素材"


def test_an_unforeseen_fault_is_one_line_without_the_token(monkeypatch, capsys):
    """Whatever a library raises (requests quotes a bad header, token and all), the user
    reads one line that names the fault, never the token, and exits 2."""
    import tasklint.cli as cli

    secret = "patSECRET0123456789"
    monkeypatch.setenv("AIRTABLE_TOKEN", secret + "\r")
    monkeypatch.delenv("TASKLINT_DEBUG", raising=False)

    def fails() -> None:
        raise ValueError(f"Invalid header value: 'Bearer {secret}\\r'\nsecond line")

    monkeypatch.setattr(cli, "app", fails)
    with pytest.raises(SystemExit) as stop:
        cli.main()
    assert stop.value.code == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert "unexpected error (ValueError: Invalid header value: 'Bearer ***" in line
    assert secret not in line and "TASKLINT_DEBUG=1" in line


def test_init_into_a_missing_folder_or_onto_a_folder_is_one_line(tmp_path: Path):
    for path, said in (
        (tmp_path / "no" / "x.toml", "cannot be written"),
        (tmp_path, "is a folder"),
    ):
        result = runner.invoke(app, ["init", "--path", str(path), "--force"])
        assert result.exit_code == 2, result.output
        (line,) = result.stderr.splitlines()
        assert said in line


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs Linux's /dev/full")
def test_output_that_cannot_be_written_is_one_line_and_exit_2():
    command = [sys.executable, "-c", "from tasklint.cli import main; main()"]
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [*command, "check", "examples/marketing-plan.zh.csv", "--today", "2025-06-20"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
        )
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "tasklint: cannot write the output (No space left on device)"
    ]
    closed = subprocess.run(
        [*command, "check", "examples/marketing-plan.zh.csv", "--today", "2025-06-20"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: os.close(1),
    )
    assert closed.returncode == 1 and "Traceback" not in closed.stderr


def test_github_annotations_name_the_file_in_the_repository(tmp_path, monkeypatch):
    """A configured source annotates its file, relative to where the workflow runs."""
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "q3.csv").write_bytes(ZH_CSV.read_bytes())
    (tmp_path / "tasklint.toml").write_text('[sources.q3]\nurl = "plans/q3.csv"\n', "utf-8")
    monkeypatch.chdir(tmp_path)
    gh = run("check", "q3", "--format", "github", "--today", "2025-06-20").stdout.splitlines()
    assert gh and all(",file=plans/q3.csv," in line.replace(" file=", ",file=") for line in gh)


def test_what_is_no_source_or_runs_no_rule_is_one_line(tmp_path):
    for argument, said in (
        ("", "an empty SOURCE was given"),
        ("https://example.com/plan.csv", "a web address is no source tasklint reads"),
    ):
        result = run("check", argument)
        assert result.exit_code == 2 and said in result.stderr, result.output
    nothing = run("check", str(ZH_CSV), "--select", "G", "--ignore", "G")
    assert nothing.exit_code == 2 and "leave no rule to run" in nothing.stderr
    assert run("rules", "--locale", "xx").exit_code == 2


def test_markdown_shows_cell_text_as_text_and_cuts_a_pasted_essay(tmp_path):
    plan = tmp_path / "plan.csv"
    essay = "Launch " + "word " * 20_000
    plan.write_text(
        f'Task,Owner,Due\n<script>alert(1)</script>,Marketing - Al,2025-01-01\n"{essay}",Bo,x\n',
        encoding="utf-8",
    )
    md = run("check", str(plan), "--format", "markdown", "--today", "2025-06-20").stdout
    assert "<script>" not in md and "&lt;script&gt;alert(1)&lt;/script&gt;" in md
    text = run("check", str(plan), "--today", "2025-06-20").stdout
    assert len(md) < 5_000 and len(text) < 20_000 and "Launch word word" in text
    whole = json.loads(run("check", str(plan), "--format", "json").stdout)
    assert essay.strip() in [t["title"] for t in whole["sources"][0]["tasks"]]  # kept whole


def test_github_annotations_point_at_the_line_a_row_begins_on(tmp_path):
    plan = tmp_path / "plan.csv"
    plan.write_text('Task,Owner,Due\nA,"Ann\nBob",2025-05-01\nB,Bob,2025-05-01\n', encoding="utf-8")
    gh = run("check", str(plan), "--format", "github", "--today", "2025-06-20").stdout
    overdue = [line for line in gh.splitlines() if "S402" in line]
    assert [line.split("line=")[1].split(",")[0] for line in overdue] == ["2", "4"]
    assert "(row-3)" in overdue[1]  # the row keeps its number, as a spreadsheet shows it


def test_an_interrupted_run_says_so_and_exits_130(monkeypatch, capsys):
    import tasklint.cli as cli

    def interrupted() -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "app", interrupted)
    with pytest.raises(SystemExit) as stop:
        cli.main()
    assert stop.value.code == 130
    assert capsys.readouterr().err.splitlines() == [
        "tasklint: interrupted — run it again to finish"
    ]
