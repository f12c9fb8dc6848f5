"""tasklint.toml: valid files load; invalid ones fail with file, key, value and what is
expected (exit 2 through the CLI)."""

from __future__ import annotations

import codecs
import sys
from pathlib import Path

import pytest

from tasklint.config.settings import load_settings
from tasklint.config.starter import STARTER
from tasklint.errors import ConfigError
from tasklint.validators.registry import all_rules


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


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_a_config_with_a_byte_order_mark_is_read_in_its_encoding(tmp_path, encoding):
    # Python's "utf-16" and "utf-32" write the mark; "-le"/"-be" do not, so it is added
    mark = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}
    text = '# 配置\nlocale = "zh"\n[rules.S402]\nmax_delay_days = 3\n'
    (tmp_path / "tasklint.toml").write_bytes(mark.get(encoding, b"") + text.encode(encoding))
    settings = load_settings(cwd=tmp_path)
    assert settings.locale == "zh" and settings.rules.per_rule()["S402"]["max_delay_days"] == 3


@pytest.mark.parametrize(
    ("raw", "line", "encoding"),
    [
        ('locale = "en"\n# café\n'.encode("cp1252"), 2, "UTF-8"),
        ('locale = "zh"\n# 配置\n'.encode("gbk"), 2, "UTF-8"),
        ('locale = "en"\n'.encode("utf-16-le"), 1, "UTF-8"),  # UTF-16 without its mark
        # a lone surrogate on the third line
        (codecs.BOM_UTF16_LE + "a = 1\nb = 2\n".encode("utf-16-le") + b"\x00\xd8", 3, "UTF-16"),
    ],
    ids=["cp1252", "gbk", "utf-16 without its mark", "utf-16 broken"],
)
def test_a_config_not_in_utf8_says_to_save_it_so(tmp_path, raw, line, encoding):
    (tmp_path / "tasklint.toml").write_bytes(raw)
    with pytest.raises(ConfigError) as info:
        load_settings(cwd=tmp_path)
    english, zh = info.value.line(), info.value.line("zh")
    assert "\n" not in english and "tasklint.toml" in english
    assert f"line {line} is not {encoding} text" in english and "save the file as UTF-8" in english
    assert f"第 {line} 行" in zh and "另存为 UTF-8" in zh


def test_a_config_read_by_its_mark_that_is_not_toml_says_how_it_was_read(tmp_path):
    # a UTF-16 mark before bytes that are not UTF-16 text
    (tmp_path / "tasklint.toml").write_bytes(codecs.BOM_UTF16_LE + b"\x00bad")
    with pytest.raises(ConfigError, match=r"not valid TOML when read as UTF-16.*save the file"):
        load_settings(cwd=tmp_path)


def test_a_pyproject_in_utf16_is_read(tmp_path):
    (tmp_path / "pyproject.toml").write_bytes('[tool.tasklint]\nlocale = "en"\n'.encode("utf-16"))
    assert load_settings(cwd=tmp_path).locale == "en"


@pytest.mark.parametrize(
    "raw",
    [
        '[project]\nname = "café"\n'.encode("cp1252"),
        '[project]\nname = "x"\n'.encode("utf-16-le"),
        codecs.BOM_UTF16_LE + b"\x00bad",
        b"[tool.black]\nline-length = [\n",
    ],
    ids=["cp1252", "utf-16 without its mark", "utf-16 broken", "not toml"],
)
def test_a_pyproject_found_on_its_own_that_cannot_be_read_is_skipped_without_tasklint(
    tmp_path, raw
):
    (tmp_path / "pyproject.toml").write_bytes(raw)
    assert load_settings(cwd=tmp_path).locale == "auto"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ('# café\n[tool.tasklint]\nlocale = "en"\n'.encode("cp1252"), "line 1 is not UTF-8"),
        ('[tool.tasklint]\nlocale = "en"\n'.encode("utf-16-le"), "line 1 is not UTF-8"),
        (b"[tool.tasklint]\nlocale = [\n", "not valid TOML"),
    ],
    ids=["cp1252", "utf-16 without its mark", "not toml"],
)
def test_a_pyproject_found_on_its_own_that_cannot_be_read_is_reported_with_tasklint(
    tmp_path, raw, expected
):
    (tmp_path / "pyproject.toml").write_bytes(raw)
    with pytest.raises(ConfigError, match=expected) as info:
        load_settings(cwd=tmp_path)
    assert "pyproject.toml" in info.value.line()


@pytest.mark.parametrize("where", ["found", "--config"])
def test_tool_tasklint_that_is_not_a_table_is_named(tmp_path, where):
    path = write(tmp_path, "[tool]\ntasklint = 5\n", "pyproject.toml")
    with pytest.raises(ConfigError) as info:
        load_settings(path if where == "--config" else None, cwd=tmp_path)
    english, zh = info.value.line(), info.value.line("zh")
    assert "`tool.tasklint` = 5 is invalid" in english and "expected a table" in english
    assert "`tool.tasklint` = 5 无效" in zh and "请改为表" in zh


def test_a_pyproject_whose_tool_is_not_a_table_holds_no_tasklint_settings(tmp_path):
    path = write(tmp_path, "tool = 5\n", "pyproject.toml")
    assert load_settings(cwd=tmp_path).locale == "auto"
    assert load_settings(path).locale == "auto"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[rules.S402]\nmax_delay_days = -5", ["`rules.S402.max_delay_days` = -5", "0 or more"]),
        ("[rules.S403]\nmax_days_without_update = -1", ["= -1", "days, 0 or more"]),
        ("[rules.M303]\nmax_shortfall = 20", ["`rules.M303.max_shortfall` = 20", "0 to 1"]),
        ("[rules.M304]\nmax_change = -0.1", ["`rules.M304.max_change` = -0.1", "0 to 1"]),
        ("[rules.M305]\nmin_ctr = nan", ["`rules.M305.min_ctr` = nan", "0 to 1"]),
        ("[rules.B502]\nmax_points_ahead = 1.5", ["`rules.B502.max_points_ahead`", "0 to 1"]),
        (
            "[rules.B501]\nmin_share = 0.5\nmax_share = 0.1",
            ["`rules.B501.min_share` = 0.5", "expected at most max_share (0.1)"],
        ),
        # the key the config set is named, not the default it passed
        (
            "[rules.B501]\nmin_share = 0.2",
            ["`rules.B501.min_share` = 0.2", "expected at most max_share (0.15)"],
        ),
        (
            "[rules.B501]\nmax_share = 0.05",
            ["`rules.B501.max_share` = 0.05", "expected at least min_share (0.1)"],
        ),
        # no loose types: true is no day, "3" no number, 2.5 no whole day
        ("[rules.S402]\nmax_delay_days = true", ["`rules.S402.max_delay_days`", "integer"]),
        ('[rules.S402]\nmax_delay_days = "3"', ["`rules.S402.max_delay_days`", "integer"]),
        ("[rules.S402]\nmax_delay_days = 2.5", ["`rules.S402.max_delay_days`", "integer"]),
        ('[rules.B501]\nmin_share = "0.1"', ["`rules.B501.min_share`", "number"]),
    ],
)
def test_rule_parameters_out_of_their_range_are_refused(tmp_path, text, expected):
    write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_settings(cwd=tmp_path)
    line = info.value.line()
    assert line.startswith("tasklint.toml: ") and "\n" not in line
    for part in expected:
        assert part in line, f"{part!r} missing from: {line}"


def test_rule_parameters_at_the_ends_of_their_range_are_accepted(tmp_path):
    write(
        tmp_path,
        "[rules.S402]\nmax_delay_days = 0\n[rules.B501]\nmin_share = 0.12\nmax_share = 0.12\n"
        "[rules.M303]\nmax_shortfall = 1\n[rules.M305]\nmin_ctr = 0\n",
    )
    assert load_settings(cwd=tmp_path).rules.per_rule()["B501"]["min_share"] == 0.12


def test_every_numeric_rule_parameter_declares_its_range():
    # A number without a kind (Days, Share) would take any value a config gives it.
    for rule in all_rules():
        for name, info in rule.Params.model_fields.items():
            if info.annotation in (int, float):
                assert info.metadata, f"{rule.code}.{name} is a bare {info.annotation.__name__}"
        # and the defaults are within the ranges declared
        defaults = {name: info.default for name, info in rule.Params.model_fields.items()}
        rule.Params(**defaults)


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
