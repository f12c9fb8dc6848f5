"""tasklint.toml: valid files load; invalid ones fail with file, key, value and what is
expected (exit 2 through the CLI)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tasklint.config.settings import load_settings
from tasklint.config.starter import STARTER
from tasklint.errors import ConfigError


def write(tmp_path: Path, text: str, name: str = "tasklint.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_a_file(tmp_path):
    settings = load_settings(cwd=tmp_path)
    assert settings.locale == "auto" and settings.rules.select == ["ALL"]
    assert settings.writeback_columns("zh") == {
        "warnings": "检查提示",
        "status": "计算状态",
        "completion": "完成率",
    }


def test_full_file_loads(tmp_path):
    write(
        tmp_path,
        """
locale = "zh"
timezone = "Asia/Shanghai"
[sources.q3-plan]
url = "airtable://appXXXXXXXXXXXXXX/Checklist"
view = "Active"
modified_field = "Last modified (inputs)"
[sources.q3-plan.columns]
owner = "负责人"
[rules]
select = ["ALL"]
ignore = ["B502"]
[rules.S402]
max_delay_days = 3
severity = "error"
[rules.B501]
min_share = 0.08
[writeback]
warnings = "Lint"
[schedule]
at = "02:00:30"
timezone = "Europe/Berlin"
""",
    )
    settings = load_settings(cwd=tmp_path)
    assert settings.sources["q3-plan"].columns == {"owner": "负责人"}
    assert settings.rules.per_rule()["S402"] == {"max_delay_days": 3, "severity": "error"}
    assert settings.writeback_columns("en")["warnings"] == "Lint"
    assert settings.schedule.at == "02:00:30"


def test_pyproject_section_is_read(tmp_path):
    write(tmp_path, '[tool.tasklint]\nlocale = "en"\n', "pyproject.toml")
    assert load_settings(cwd=tmp_path).locale == "en"


def test_starter_file_is_valid(tmp_path):
    write(tmp_path, STARTER)
    settings = load_settings(cwd=tmp_path)
    assert "q3-plan" in settings.sources


def test_starter_report_block_works_once_uncommented_and_filled_in(tmp_path):
    block = STARTER[STARTER.index("# [report]") :].splitlines()
    uncommented = "\n".join(line.removeprefix("# ") for line in block)
    write(tmp_path, uncommented)
    with pytest.raises(ConfigError, match=r"report\.notion_parent.*32 hex digits"):
        load_settings(cwd=tmp_path)
    write(tmp_path, uncommented.replace("NOTION_PAGE_ID_OR_URL", "ab" * 16))
    report = load_settings(cwd=tmp_path).report
    assert report.notion_parent == "ab" * 16
    assert report.airtable_runs == "airtable://appXXXXXXXXXXXXXX/Lint runs"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('locale = "fr"', ["tasklint.toml", "`locale`", "'fr'", "expected 'auto', 'en' or 'zh'"]),
        ('[schedule]\nat = "25:00"', ["`schedule.at`", "'25:00'", "HH:MM"]),
        ('timezone = "Mars/Olympus"', ["`timezone`", "Mars/Olympus", "IANA"]),
        ('[sources.x]\nview = "A"', ["`sources.x.url`", "required"]),
        (
            '[sources.x]\nurl = "a.csv"\n[sources.x.columns]\nownr = "负责人"',
            ["sources.x.columns", "logical field"],
        ),
        ('colour = "red"', ["unknown key `colour`"]),
        (
            '[rules.S402]\nmax_delay_days = "two"',
            ["`rules.S402.max_delay_days`", "'two'", "integer"],
        ),
        (
            "[rules.S402]\nmax_delay = 2",
            ["unknown parameter `rules.S402.max_delay`", "max_delay_days"],
        ),
        (
            '[rules.S402]\nseverity = "fatal"',
            ["`rules.S402.severity`", "'fatal'", "error, warning, info"],
        ),
        ('[rules.Z999]\nseverity = "error"', ["`[rules.Z999]` is not a rule code"]),
        ('[rules]\nignore = ["Q1"]', ["`rules.ignore`", "'Q1'", "matches no rule"]),
        ("locale = ", ["not valid TOML"]),
        ('date_order = "dmy"', ["`date_order`", "'dmy'", "'auto', 'month-first' or 'day-first'"]),
    ],
)
def test_invalid_config_names_file_key_value_and_expectation(tmp_path, text, expected):
    write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_settings(cwd=tmp_path)
    line = info.value.line()
    assert "\n" not in line
    assert "Input should" not in line  # pydantic's sentence is not pasted into ours
    for part in expected:
        assert part in line, f"{part!r} missing from: {line}"


def test_missing_config_path(tmp_path):
    with pytest.raises(ConfigError, match="no such config file"):
        load_settings(tmp_path / "nope.toml")


@pytest.mark.skipif(sys.platform != "linux", reason="XDG_DATA_HOME places it on Linux only")
def test_state_file_defaults_to_the_user_data_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    write(tmp_path, "")
    default = Path(load_settings(cwd=tmp_path).state.location())
    assert default == tmp_path / "data" / "tasklint" / "state.db"
    write(tmp_path, '[state]\npath = "elsewhere.db"\n')
    assert load_settings(cwd=tmp_path).state.location() == "elsewhere.db"
