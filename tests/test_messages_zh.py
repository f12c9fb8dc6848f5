"""tasklint's own lines (errors and notices) in Chinese as well as English, and which of
the two a user reads: --locale, then the config's locale, then the table's, then the
system's (LC_ALL, LC_MESSAGES, LANG)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from typer.testing import CliRunner

from tasklint.cli import app
from tasklint.config.settings import _raise_config_error, parse_settings
from tasklint.errors import ConfigError, Notice, SourceError, TasklintError
from tasklint.text import message_locale

PACKAGE = Path(__file__).resolve().parent.parent / "tasklint"
# The sandbox imitates the vendors' APIs, whose errors are English only.
NOT_CHECKED = PACKAGE / "sandbox"
runner = CliRunner()

# --- the guard: no English-only message can be added ---------------------------------


def _modules() -> dict[Path, ast.Module]:
    return {
        path: ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for path in sorted(PACKAGE.rglob("*.py"))
        if NOT_CHECKED not in path.parents
    }


def _name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def error_classes(modules: list[ast.Module]) -> tuple[set[str], set[str]]:
    """The names of TasklintError and its subclasses (through any module), and those of
    the subclasses that define their own __init__ (their call sites pass other
    arguments: their `super().__init__` is what must say it in Chinese)."""
    classes = [
        node for module in modules for node in ast.walk(module) if isinstance(node, ast.ClassDef)
    ]
    errors = {"TasklintError"}
    grown = True
    while grown:
        found = {c.name for c in classes if any(_name(b) in errors for b in c.bases)}
        grown = not found <= errors
        errors |= found
    own_init = {
        c.name
        for c in classes
        if c.name in errors - {"TasklintError"}
        and any(isinstance(s, ast.FunctionDef) and s.name == "__init__" for s in c.body)
    }
    return errors, own_init


def english_only(module: ast.Module, errors: set[str], own_init: set[str]) -> list[tuple[int, str]]:
    """(line, what) for each error made without `zh=` (or with `hint=` and no `hint_zh=`)
    and each notice appended that is not a `Notice`."""
    found: list[tuple[int, str]] = []

    def check(call: ast.Call, what: str) -> None:
        given = {k.arg for k in call.keywords}
        if None in given:  # **kwargs: cannot be read here
            found.append((call.lineno, f"{what} with **kwargs"))
        elif "zh" not in given:
            found.append((call.lineno, f"{what} without zh="))
        elif "hint" in given and "hint_zh" not in given:
            found.append((call.lineno, f"{what} with hint= but no hint_zh="))

    for cls in (n for n in ast.walk(module) if isinstance(n, ast.ClassDef)):
        if cls.name in own_init:
            for node in ast.walk(cls):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "__init__"
                    and isinstance(node.func.value, ast.Call)
                    and _name(node.func.value.func) == "super"
                ):
                    check(node, f"{cls.name}'s super().__init__")
    for node in ast.walk(module):
        if not isinstance(node, ast.Call):
            continue
        called = _name(node.func)
        if called in errors and called not in own_init:
            check(node, f"{called}(…)")
        if (
            isinstance(node.func, ast.Attribute)
            and node.func.attr == "append"
            and _name(node.func.value) == "notices"
        ):
            appended = node.args[0] if node.args else None
            if not (isinstance(appended, ast.Call) and _name(appended.func) == "Notice"):
                found.append((node.lineno, "a notice that is not a Notice(en=…, zh=…)"))
    return found


def test_every_error_and_notice_in_tasklint_is_written_in_chinese_too():
    modules = _modules()
    errors, own_init = error_classes(list(modules.values()))
    assert {"SourceError", "MissingColumnError", "ConfigError"} <= errors  # the walk works
    problems = [
        f"{path.relative_to(PACKAGE.parent)}:{line}: {what}"
        for path, module in modules.items()
        for line, what in english_only(module, errors, own_init)
    ]
    assert problems == [], "English-only messages:\n" + "\n".join(problems)


def test_the_guard_names_an_english_only_error_and_notice_with_their_lines():
    source = """
class Busy(SourceError):
    def __init__(self, who):
        super().__init__(f"held by {who}", hint="wait")

def read(path, notices):
    notices.append(f"{path}: odd")
    self.notices.append(Notice(en="fine", zh="好"))
    raise SourceError(f"{path}: no such file", hint="check the path", zh="不存在")
    raise ConfigError("bad", zh="错", hint_zh="改")
    raise Busy("me")
"""
    module = ast.parse(source)
    errors, own_init = error_classes([*_modules().values(), module])
    assert "Busy" in errors and "Busy" in own_init
    flagged = dict(english_only(module, errors, own_init))
    assert set(flagged) == {4, 7, 9}
    assert "Busy" in flagged[4] and "zh=" in flagged[4]
    assert "Notice" in flagged[7] and "hint_zh" in flagged[9]


# --- the error and the notice themselves ------------------------------------------------


def test_an_error_line_is_english_unless_chinese_is_asked_and_each_part_falls_back():
    error = SourceError("plan.csv: no such file", hint="check the path", zh="plan.csv：文件不存在")
    assert (
        str(error) == error.line() == error.line("en") == "plan.csv: no such file — check the path"
    )
    assert error.line("zh") == "plan.csv：文件不存在——check the path"
    both = ConfigError("bad", hint="fix it", zh="有误", hint_zh="请修正")
    assert both.line("zh") == "有误——请修正" and both.line("fr") == "bad — fix it"
    assert TasklintError("cannot start").line("zh") == "cannot start"
    assert ConfigError("x", zh="错").line("zh") == "错"


def test_a_notice_is_english_as_text_and_either_language_on_request():
    notice = Notice(en="plan.xlsx: read as CSV", zh="plan.xlsx：已按 CSV 读取")
    assert str(notice) == notice.text() == notice.text("en") == "plan.xlsx: read as CSV"
    assert notice.text("zh") == "plan.xlsx：已按 CSV 读取"
    with pytest.raises(AttributeError):
        notice.en = "changed"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("chosen", "configured", "table", "environ", "expected"),
    [
        ("zh", "en", "en", {"LANG": "en_US.UTF-8"}, "zh"),
        ("en", "zh", "zh", {"LANG": "zh_CN.UTF-8"}, "en"),
        (None, "zh", "en", {}, "zh"),
        ("auto", "en", "zh", {"LANG": "zh_CN"}, "en"),
        (None, "auto", "zh", {"LANG": "C.UTF-8"}, "zh"),
        (None, None, "en", {"LANG": "zh_CN.UTF-8"}, "en"),
        (None, None, None, {"LANG": "zh_CN.UTF-8"}, "zh"),
        (None, None, None, {"LANG": "zh_TW.Big5"}, "zh"),
        (None, None, None, {"LC_ALL": "C.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),
        (None, None, None, {"LC_ALL": "", "LANG": "zh_CN.UTF-8"}, "zh"),
        (None, None, None, {"LC_MESSAGES": "zh_CN.UTF-8", "LANG": "en_GB.UTF-8"}, "zh"),
        (None, None, None, {"LC_ALL": "en_US.UTF-8", "LC_MESSAGES": "zh_CN"}, "en"),
        (None, None, None, {"LANG": "C.UTF-8"}, "en"),
        (None, None, None, {}, "en"),
    ],
)
def test_message_locale_order(chosen, configured, table, environ, expected):
    assert message_locale(chosen, configured, table, environ) == expected


# --- config errors built from pydantic's ------------------------------------------------


def config_error(data: dict) -> ConfigError:
    with pytest.raises(ConfigError) as info:
        parse_settings(data, "tasklint.toml")
    return info.value


@pytest.mark.parametrize(
    ("data", "key", "chinese"),
    [
        ({"timezone": 5}, "`timezone`", "文本"),
        ({"schedule": {"retries": "three"}}, "`schedule.retries`", "整数"),
        ({"schedule": {"grace_hours": "soon"}}, "`schedule.grace_hours`", "数字"),
        ({"rules": {"select": "ALL"}}, "`rules.select`", "列表"),
        ({"locale": "fr"}, "`locale`", "以下值之一：'auto'、'en'、'zh'"),
        ({"timezone": "Mars/Olympus"}, "`timezone`", "时区名称"),
        ({"schedule": {"at": "2am"}}, "`schedule.at`", "HH:MM"),
        ({"rules": {"S402": {"max_delay_days": "two"}}}, "`rules.S402.max_delay_days`", "整数"),
        ({"rules": {"S402": {"severity": "fatal"}}}, "`rules.S402.severity`", "error、warning"),
        (
            {"rules": {"S402": {"max_delay_days": -5}}},
            "`rules.S402.max_delay_days`",
            "不小于 0 的天数",
        ),
        ({"rules": {"M305": {"min_ctr": 2}}}, "`rules.M305.min_ctr`", "0 到 1 之间的比例"),
        (
            {"rules": {"B501": {"min_share": 0.5, "max_share": 0.1}}},
            "`rules.B501.min_share`",
            "不大于 max_share（0.1）的值",
        ),
        ({"colour": "red"}, "`colour`", "未知的键"),
        ({"rules": {"S402": {"max_days": 3}}}, "`rules.S402.max_days`", "未知的参数"),
        ({"sources": {"plan": {}}}, "`sources.plan.url`", "缺少必填项"),
    ],
)
def test_config_errors_name_the_key_in_both_languages(data, key, chinese):
    error = config_error(data)
    english, zh = error.line("en"), error.line("zh")
    assert str(error) == english and key in english and key in zh
    assert chinese in zh and zh.startswith("tasklint.toml：") and "——" in zh
    assert "expected" not in zh and "Input should" not in zh and "is invalid" not in zh


class Flags(BaseModel):
    """Kinds of value tasklint.toml has no key of today, as a future key would be."""

    model_config = ConfigDict(extra="forbid")
    strict: bool = False
    retries: int = Field(default=0, ge=0)


def chinese_line_for(data: dict) -> tuple[str, str]:
    """The Chinese config error for `data`, and pydantic's own message for it."""
    with pytest.raises(ValidationError) as failed:
        Flags.model_validate(data)
    with pytest.raises(ConfigError) as info:
        _raise_config_error("tasklint.toml", failed.value)
    return info.value.line("zh"), failed.value.errors()[0]["msg"]


def test_a_boolean_is_asked_for_in_chinese():
    zh, pydantic_says = chinese_line_for({"strict": "maybe"})
    assert "请改为 true 或 false" in zh
    assert pydantic_says not in zh and zh.startswith("tasklint.toml：`strict` = 'maybe' 无效")


def test_a_pydantic_message_without_a_translation_stays_english_inside_the_chinese_line():
    zh, pydantic_says = chinese_line_for({"retries": -1})
    # pydantic's words after its subject ("Input should be …"), which tasklint drops
    assert pydantic_says.removeprefix("Input should be ") in zh
    assert zh.startswith("tasklint.toml：`retries` = -1 无效——请")


# --- end to end: what a user sees -------------------------------------------------------

ZH_HEADERS = "任务,负责人,截止日期\n"


def cases(folder: Path) -> dict[str, tuple[list[str], tuple[str, ...], tuple[str, ...]]]:
    """Each failing run: its arguments, words of its Chinese line, words of its English."""
    no_title = folder / "no-title.csv"
    no_title.write_text("负责人,截止日期\n张伟,2025-06-01\n", encoding="utf-8")
    empty = folder / "empty.csv"
    empty.write_text("\n", encoding="utf-8")
    plan = folder / "plan.csv"
    plan.write_text(ZH_HEADERS + "发布会,张伟,2025-06-01\n", encoding="utf-8")
    broken = folder / "broken"
    broken.mkdir()
    (broken / "tasklint.toml").write_text(
        'locale = "zh"\ntimezone = "Mars/Olympus"\n', encoding="utf-8"
    )
    return {
        "missing file": (
            ["check", str(folder / "nope.csv")],
            ("nope.csv：文件不存在", "请检查路径"),
            ("nope.csv: no such file", "check the path"),
        ),
        "no title column": (
            ["check", str(no_title)],
            ("找不到任务列", "'负责人'、'截止日期'", "请把其中一列命名为"),
            ("no task column found", "'负责人', '截止日期'", "name one"),
        ),
        "empty file": (
            ["check", str(empty)],
            ("文件是空的", "请重新导出清单"),
            ("the file is empty", "export the checklist again"),
        ),
        # The config asks for Chinese but cannot be loaded: its locale is not known.
        "broken tasklint.toml": (
            ["check", str(plan), "--config", str(broken / "tasklint.toml")],
            ("`timezone` = 'Mars/Olympus' 无效", "请改为时区名称"),
            ("`timezone` = 'Mars/Olympus' is invalid", "expected an IANA time zone"),
        ),
    }


def run(args: list[str], **environ: str | None):
    # LC_ALL and LC_MESSAGES would outrank LANG: unset unless a test sets them.
    env: dict[str, str | None] = {"LC_ALL": None, "LC_MESSAGES": None, "LANG": None, **environ}
    return runner.invoke(app, args, env=env)


def error_line(result) -> str:
    (line,) = result.stderr.splitlines()
    assert line.startswith("tasklint: ")
    return line


@pytest.fixture
def folder(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)  # no tasklint.toml of the checkout's is read
    return tmp_path


@pytest.mark.parametrize(
    "case", ["missing file", "no title column", "empty file", "broken tasklint.toml"]
)
@pytest.mark.parametrize(
    ("how", "extra", "environ", "chinese"),
    [
        ("--locale zh", ["--locale", "zh"], {"LANG": "C.UTF-8"}, True),
        ("LANG=zh_CN", [], {"LANG": "zh_CN.UTF-8"}, True),
        ("LANG=C", [], {"LANG": "C.UTF-8"}, False),
        ("--locale en over LANG=zh_CN", ["--locale", "en"], {"LANG": "zh_CN.UTF-8"}, False),
        ("LC_ALL=C over LANG=zh_CN", [], {"LC_ALL": "C.UTF-8", "LANG": "zh_CN.UTF-8"}, False),
    ],
)
def test_a_run_that_cannot_go_on_says_why_in_the_users_language(
    folder, case, how, extra, environ, chinese
):
    args, zh_words, en_words = cases(folder)[case]
    result = run([*args, *extra], **environ)
    assert result.exit_code == 2, result.output
    line = error_line(result)
    shown, absent = (zh_words, en_words) if chinese else (en_words, zh_words)
    for word in shown:
        assert word in line, (how, line)
    for word in absent:
        assert word not in line, (how, line)
    assert ("——" in line) == chinese and (" — " in line) != chinese


def test_the_configs_locale_decides_when_no_option_does(folder):
    (folder / "tasklint.toml").write_text('locale = "zh"\n', encoding="utf-8")
    missing = str(folder / "nope.csv")
    assert "文件不存在" in error_line(run(["check", missing], LANG="C.UTF-8"))
    assert "no such file" in error_line(run(["check", missing, "--locale", "en"], LANG="zh_CN"))
    (folder / "tasklint.toml").write_text('locale = "en"\n', encoding="utf-8")
    assert "no such file" in error_line(run(["check", missing], LANG="zh_CN.UTF-8"))
    # an error about an option, once the config is loaded: still the config's language
    (folder / "tasklint.toml").write_text('locale = "zh"\n', encoding="utf-8")
    plan = folder / "plan.csv"
    plan.write_text(ZH_HEADERS + "发布会,张伟,2025-06-01\n", encoding="utf-8")
    unknown = run(["check", str(plan), "--select", "Q9"], LANG="C.UTF-8")
    assert unknown.exit_code == 2 and "不对应任何规则" in error_line(unknown)


def test_a_broken_toml_is_chinese_by_the_option_or_the_system_only(folder):
    (folder / "tasklint.toml").write_text('locale = "zh"\nlocale = "en"\n', encoding="utf-8")
    plan = folder / "plan.csv"
    plan.write_text(ZH_HEADERS + "发布会,张伟,2025-06-01\n", encoding="utf-8")
    english = error_line(run(["check", str(plan)], LANG="C.UTF-8"))
    assert "not valid TOML" in english and "fix the syntax" in english
    chinese = error_line(run(["check", str(plan)], LANG="zh_CN.UTF-8"))
    assert (
        "不是有效的 TOML" in chinese and "请修正语法" in chinese and "fix the syntax" not in chinese
    )


def notices_of(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("tasklint: ")]


@pytest.mark.parametrize(
    ("text", "chinese", "english"),
    [
        # two columns of one name: the first is read
        (
            "任务,任务,截止日期\n发布会,彩排,2025-06-01\n",
            ("列名 '任务' 重复", "只读取第一列", "请给它们改名"),
            ("more than one column is named '任务'", "rename the others"),
        ),
        # a quote never closed swallows the lines after it
        (
            '任务,负责人\n"发布会,张伟\n彩排,李娜\n复盘,王芳\n',
            ("第 2 行的引号", "其后的 2 行", "请补上或删除这个引号"),
            ("line 2 opens a quote", "the 2 line(s) after it", "close or remove the quote"),
        ),
    ],
)
def test_a_notice_about_a_chinese_table_is_chinese_without_any_option(
    folder, text, chinese, english
):
    plan = folder / "plan.csv"
    plan.write_text(text, encoding="utf-8")
    result = run(["check", str(plan), "--format", "json"], LANG="C.UTF-8")
    assert result.exit_code in (0, 1), result.output  # a notice does not stop the run
    (notice,) = notices_of(result)
    assert all(word in notice for word in chinese) and "——" in notice, notice
    assert not any(word in notice for word in english), notice
    (asked,) = notices_of(run(["check", str(plan), "--format", "json", "--locale", "en"]))
    assert all(word in asked for word in english) and not any(w in asked for w in chinese)


def test_a_notice_about_an_english_table_is_english_even_on_a_chinese_system(folder):
    plan = folder / "plan.csv"
    plan.write_text("Task,Task,Due\nLaunch,Rehearsal,2025-06-01\n", encoding="utf-8")
    (notice,) = notices_of(run(["check", str(plan), "--format", "json"], LANG="zh_CN.UTF-8"))
    assert "more than one column is named 'Task'" in notice and "重复" not in notice
    (chinese,) = notices_of(run(["check", str(plan), "--format", "json", "--locale", "zh"]))
    assert "列名 'Task' 重复" in chinese


def test_the_clis_own_lines_follow_the_same_order(folder):
    target = folder / "tasklint.toml"
    written = run(["init", "--path", str(target)], LANG="zh_CN.UTF-8")
    assert written.exit_code == 0 and "已写入" in written.stdout and "[sources]" in written.stdout
    again = run(["init", "--path", str(target)], LANG="zh_CN.UTF-8")
    assert again.exit_code == 2 and "已经存在" in error_line(again) and "--force" in again.stderr
    english = run(["init", "--path", str(target)], LANG="C.UTF-8")
    assert "already exists" in error_line(english)
    no_rule = run(["rules", "Z999", "--locale", "zh"])
    assert no_rule.exit_code == 2 and "没有规则 'Z999'" in error_line(no_rule)


def test_the_reports_notices_follow_its_table_and_its_own_lines_the_user(folder):
    plan = folder / "plan.csv"
    plan.write_text("任务,任务,截止日期\n发布会,彩排,2025-06-01\n", encoding="utf-8")
    out = folder / "report.html"
    args = ["report", str(plan), "--out", str(out), "--today", "2025-06-20"]
    on_english_system = run(args, LANG="C.UTF-8")
    assert on_english_system.exit_code == 0, on_english_system.output
    notice, wrote = notices_of(on_english_system)
    assert "列名 '任务' 重复" in notice and wrote == f"tasklint: wrote {out}"
    notice, wrote = notices_of(run(args, LANG="zh_CN.UTF-8"))
    assert "列名 '任务' 重复" in notice and wrote == f"tasklint: 已写入 {out}"
    notice, wrote = notices_of(run([*args, "--locale", "en"], LANG="zh_CN.UTF-8"))
    assert "more than one column" in notice and wrote == f"tasklint: wrote {out}"
