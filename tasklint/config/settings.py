"""tasklint.toml (or [tool.tasklint] in pyproject.toml) -> validated settings.

Every key is optional except a source's `url`. An invalid file fails with one line
naming the file, the key, the bad value and what was expected.
"""

from __future__ import annotations

import codecs
import re
import tomllib
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
)

from tasklint.config.columns import LOGICAL_FIELDS
from tasklint.errors import ConfigError, Expected, TasklintError
from tasklint.model import Severity

CONFIG_FILE = "tasklint.toml"
_CODE = re.compile(r"^[A-Z]\d{3}$")
_CLOCK = re.compile(r"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$")
_PAGE_ID = re.compile(r"[0-9a-fA-F]{32}(?:\?.*)?$")  # a page id, or the end of its URL

# Write-back column names per locale (DESIGN §4).
WRITEBACK_DEFAULTS = {
    "en": {"warnings": "Lint warnings", "status": "Computed status", "completion": "Completion"},
    "zh": {"warnings": "检查提示", "status": "计算状态", "completion": "完成率"},
}
STATUS_LABELS = {
    "en": {"done": "Done", "not_done": "Not done", "abnormal": "Abnormal"},
    "zh": {"done": "已完成", "not_done": "未完成", "abnormal": "异常"},
}


def _check_zone(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise Expected(
            "an IANA time zone such as Asia/Shanghai or Europe/Berlin",
            "时区名称（IANA 格式），例如 Asia/Shanghai 或 Europe/Berlin",
        ) from None
    return value


# The config models build their validators when a config file is first validated
# (defer_build): a run without one takes the defaults as they are written
# (`model_construct`, also for the nested tables' defaults), as pydantic itself takes
# a default, unvalidated, and builds no schema at all.
class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)


# How a date written 05/07/2025 is read: 7 May (month first, as Excel's and Airtable's
# US formats write it), 5 July (day first, as British, European, Indian, Australian and
# Vietnamese teams write it), or "auto": as each table's own dates show (day first when
# one reads 19/07/2025 and none 07/19/2025; `connectors.rows.settle_date_order`).
DateOrder = Literal["auto", "month-first", "day-first"]


class SourceConfig(_Strict):
    url: str
    view: str | None = None
    sheet: str | None = None
    modified_field: str | None = None
    # (plain defaults, which pydantic copies for each model, rather than the factories
    # dict and list: to see whether a factory takes the data, pydantic reads a built-in's
    # signature from its text, which costs a check's start-up ~6 ms)
    columns: dict[str, str] = {}
    select: list[str] | None = None
    ignore: list[str] | None = None
    date_order: DateOrder | None = None  # None: the top-level one

    @field_validator("columns")
    @classmethod
    def _known_fields(cls, columns: dict[str, str]) -> dict[str, str]:
        unknown = sorted(set(columns) - set(LOGICAL_FIELDS))
        if unknown:
            fields = ", ".join(LOGICAL_FIELDS)
            raise Expected(
                f"logical field names, one of: {fields}", f"逻辑字段名，可用的有：{fields}"
            )
        return columns


class RulesConfig(BaseModel):
    """`select`/`ignore` plus one table per rule code: `[rules.S402] max_delay_days = 3`."""

    model_config = ConfigDict(extra="allow", defer_build=True)

    select: list[str] = Field(default_factory=lambda: ["ALL"])
    ignore: list[str] = []

    def per_rule(self) -> dict[str, dict[str, Any]]:
        return dict(self.model_extra or {})


class WritebackConfig(_Strict):
    warnings: str | None = None
    status: str | None = None
    completion: str | None = None


class ScheduleConfig(_Strict):
    """`tasklint serve`: one run per source per local date at `at` in `timezone`; a slot
    missed while the service was down is caught up within `grace_hours`; a failed source
    is tried again `retries` times, `retry_backoff_seconds` apart, doubling each time."""

    at: str = "02:00"
    timezone: str | None = None
    grace_hours: float = 12.0
    jitter_seconds: int = 0
    retries: int = 3
    retry_backoff_seconds: float = 60.0

    @field_validator("at")
    @classmethod
    def _clock(cls, value: str) -> str:
        if not _CLOCK.match(value):
            raise Expected(
                "a time of day as HH:MM or HH:MM:SS, e.g. 02:00",
                "HH:MM 或 HH:MM:SS 格式的时间，例如 02:00",
            )
        return value

    _zone = field_validator("timezone")(_check_zone)

    @field_validator("grace_hours")
    @classmethod
    def _grace(cls, value: float) -> float:
        if not 0 < value <= 24:
            raise Expected(
                "hours after the slot within which a missed run is caught up, >0, ≤24",
                "大于 0、不超过 24 的小时数（错过预定时间后，在这段时间内仍会补跑）",
            )
        return value

    @field_validator("jitter_seconds")
    @classmethod
    def _jitter(cls, value: int, info: ValidationInfo) -> int:
        grace = info.data.get("grace_hours")
        if not 0 <= value <= 21600 or (grace is not None and value >= grace * 3600):
            raise Expected(
                "seconds from 0 to 21600 (6 h), and less than grace_hours",
                "0 到 21600 之间的秒数（最多 6 小时），且小于 grace_hours",
            )
        return value

    @field_validator("retries")
    @classmethod
    def _retries(cls, value: int) -> int:
        if not 0 <= value <= 20:
            raise Expected("a number of retries from 0 to 20", "0 到 20 之间的重试次数")
        return value

    @field_validator("retry_backoff_seconds")
    @classmethod
    def _backoff(cls, value: float) -> float:
        if not 0 < value <= 3600:
            raise Expected(
                "seconds before the first retry, >0, ≤3600",
                "大于 0、不超过 3600 的秒数（首次重试前的等待时间）",
            )
        return value


def default_state_path() -> str:
    """The state file in the user's data folder, as each system places it (platformdirs):
    $XDG_DATA_HOME or ~/.local/share/tasklint on Linux, ~/Library/Application Support/
    tasklint on macOS, %LOCALAPPDATA%\\tasklint on Windows."""
    from platformdirs import user_data_path

    return str(user_data_path("tasklint", appauthor=False) / "state.db")


class StateConfig(_Strict):
    """Where sync keeps what it wrote: ``path`` as configured, else `default_state_path`
    (found when asked: `check` never needs it, and platformdirs is a tenth of a second's
    start-up to it)."""

    path: str | None = None

    def location(self) -> str:
        return self.path or default_state_path()


class ReportConfig(_Strict):
    """Where `tasklint report --publish` writes: a Notion page under `notion_parent` (a
    page id or URL shared with the integration) and/or one row per run in the Airtable
    table `airtable_runs` (`airtable://BASE_ID/Lint runs`)."""

    notion_parent: str | None = None
    airtable_runs: str | None = None

    @field_validator("notion_parent")
    @classmethod
    def _page_id(cls, value: str | None) -> str | None:
        if value is not None and not _PAGE_ID.search(value.replace("-", "")):
            raise Expected(
                "a Notion page id (32 hex digits) or the page's URL",
                "Notion 页面 id（32 位十六进制数字）或页面的 URL",
            )
        return value

    @field_validator("airtable_runs")
    @classmethod
    def _airtable_url(cls, value: str | None) -> str | None:
        if value is not None and not re.match(r"^airtable://[^/]+/.+", value):
            raise Expected(
                'an Airtable table URL such as "airtable://appXXXXXXXXXXXXXX/Lint runs"',
                'Airtable 表的 URL，例如 "airtable://appXXXXXXXXXXXXXX/Lint runs"',
            )
        return value


class Settings(_Strict):
    locale: Literal["auto", "en", "zh"] = "auto"
    timezone: str | None = None
    date_order: DateOrder = "auto"
    sources: dict[str, SourceConfig] = {}
    rules: RulesConfig = Field(default_factory=RulesConfig.model_construct)
    writeback: WritebackConfig = Field(default_factory=WritebackConfig.model_construct)
    schedule: ScheduleConfig = Field(default_factory=ScheduleConfig.model_construct)
    state: StateConfig = Field(default_factory=StateConfig.model_construct)
    report: ReportConfig = Field(default_factory=ReportConfig.model_construct)
    # Where the settings came from, for messages; not a key of the file.
    origin: str = Field(default="defaults", exclude=True)
    # The folder of the file they came from: a source's relative file url is read from
    # there (`--config team/tasklint.toml` with url = "plan.csv": team/plan.csv).
    folder: Path | None = Field(default=None, exclude=True)

    _zone = field_validator("timezone")(_check_zone)

    def date_order_of(self, source: SourceConfig) -> DateOrder:
        """The source's own order for its dates, else the top-level one."""
        return source.date_order or self.date_order

    def writeback_columns(self, locale: str) -> dict[str, str]:
        # read as attributes: `model_dump` would build the model's serializer
        chosen = {key: value for key, value in vars(self.writeback).items() if value is not None}
        return {**WRITEBACK_DEFAULTS["zh" if locale == "zh" else "en"], **chosen}


def _describe(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:59] + "…"


def _key_path(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc]
    # pydantic reports a bad [sources.x] key as ("sources", "x", "field")
    return ".".join(parts)


# pydantic's words for the common kinds of value, in Chinese; its other messages are
# kept in English inside the Chinese sentence.
_EXPECTED_ZH = {
    "string_type": "文本",
    "int_type": "整数",
    "int_parsing": "整数",
    "int_from_float": "整数",
    "float_type": "数字",
    "float_parsing": "数字",
    "bool_type": "true 或 false",
    "bool_parsing": "true 或 false",
    "list_type": '列表，例如 ["a", "b"]',
    "dict_type": "表（TOML 的 [表] 或 { … }）",
    "model_type": "表（TOML 的 [表] 或 { … }）",
}


def _expected(error: Any) -> tuple[str, str]:
    """What a value should have been, in English as pydantic or the validator said it
    and as the Chinese hint asks for it."""
    # "expected Input should be 'auto', 'en' or 'zh'" reads as pydantic's sentence pasted
    # into ours: its subject goes ("expected 'auto', 'en' or 'zh'", "expected a valid
    # integer")
    english = str(error["msg"]).removeprefix("Value error, ").removeprefix("Input should be ")
    kind, context = error["type"], error.get("ctx") or {}
    if kind == "extra_forbidden":
        return english, "请删除这个不允许的键"
    if isinstance(context.get("error"), Expected):
        wanted = context["error"].zh
    elif kind in _EXPECTED_ZH:
        wanted = _EXPECTED_ZH[kind]
    elif kind in ("literal_error", "enum") and "expected" in context:
        wanted = "以下值之一：" + "、".join(re.split(r", | or ", str(context["expected"])))
    else:
        return english, f"请按此要求修改：{english}"
    # a space before a Latin word, as the other Chinese lines write it
    return english, f"请改为{' ' if wanted[:1].isascii() else ''}{wanted}"


def _raise_config_error(origin: str, exc: ValidationError) -> None:
    first = exc.errors()[0]
    key = _key_path(first["loc"])
    if first["type"] == "extra_forbidden":
        raise ConfigError(
            f"{origin}: unknown key `{key}`",
            hint="check its spelling against `tasklint init`'s starter file",
            zh=f"{origin}：未知的键 `{key}`",
            hint_zh="请对照 `tasklint init` 生成的示例文件检查拼写",
        ) from None
    if first["type"] == "missing":
        raise ConfigError(
            f"{origin}: `{key}` is required",
            hint="add it",
            zh=f"{origin}：缺少必填项 `{key}`",
            hint_zh="请添加这一项",
        ) from None
    expected, expected_zh = _expected(first)
    value = _describe(first.get("input"))
    raise ConfigError(
        f"{origin}: `{key}` = {value} is invalid",
        hint=f"expected {expected}",
        zh=f"{origin}：`{key}` = {value} 无效",
        hint_zh=expected_zh,
    ) from None


def _validate_rules(origin: str, settings: Settings) -> None:
    from tasklint.validators.registry import configure, rules_by_code, unknown_selectors

    for name, selectors in (("select", settings.rules.select), ("ignore", settings.rules.ignore)):
        bad = unknown_selectors(selectors)
        if bad:
            quoted = [repr(selector) for selector in bad]
            raise ConfigError(
                f"{origin}: `rules.{name}` names {', '.join(quoted)}, which matches no rule",
                hint="see `tasklint rules` for the codes",
                zh=f"{origin}：`rules.{name}` 中的 {'、'.join(quoted)} 不对应任何规则",
                hint_zh="请用 `tasklint rules` 查看规则代码",
            )
    for code, table in settings.rules.per_rule().items():
        if not _CODE.match(code) or code not in rules_by_code():
            raise ConfigError(
                f"{origin}: `[rules.{code}]` is not a rule code",
                hint="use a code from `tasklint rules`, e.g. [rules.S402]",
                zh=f"{origin}：`[rules.{code}]` 不是规则代码",
                hint_zh="请使用 `tasklint rules` 列出的代码，例如 [rules.S402]",
            )
        if not isinstance(table, dict):
            raise ConfigError(
                f"{origin}: `rules.{code}` = {_describe(table)} is invalid",
                hint="expected a table of parameters, e.g. [rules.S402] max_delay_days = 3",
                zh=f"{origin}：`rules.{code}` = {_describe(table)} 无效",
                hint_zh="请写成参数表，例如 [rules.S402] max_delay_days = 3",
            )
        try:
            configure(code, table)
        except ValidationError as exc:
            err = exc.errors()[0]
            key = f"rules.{code}.{_key_path(err['loc'])}"
            if err["type"] == "extra_forbidden":
                params = ", ".join(rules_by_code()[code].Params.model_fields) or "none"
                raise ConfigError(
                    f"{origin}: unknown parameter `{key}`",
                    hint=f"{code} takes severity and: {params}",
                    zh=f"{origin}：未知的参数 `{key}`",
                    hint_zh=f"{code} 可用的参数有 severity 和：{params}",
                ) from None
            expected, expected_zh = _expected(err)
            value = _describe(err.get("input"))
            raise ConfigError(
                f"{origin}: `{key}` = {value} is invalid",
                hint=f"expected {expected}",
                zh=f"{origin}：`{key}` = {value} 无效",
                hint_zh=expected_zh,
            ) from None
        except ValueError:
            value = _describe(table.get("severity"))
            levels = [s.value for s in Severity]
            raise ConfigError(
                f"{origin}: `rules.{code}.severity` = {value} is invalid",
                hint=f"expected one of {', '.join(levels)}",
                zh=f"{origin}：`rules.{code}.severity` = {value} 无效",
                hint_zh=f"请改为以下值之一：{'、'.join(levels)}",
            ) from None


def parse_settings(data: dict[str, Any], origin: str) -> Settings:
    try:
        settings = Settings.model_validate(data)
    except ValidationError as exc:
        _raise_config_error(origin, exc)
        raise  # unreachable: for type checkers
    settings.origin = origin
    _validate_rules(origin, settings)
    return settings


# TOML is UTF-8, but Windows editors save it with a byte order mark, and Notepad's
# "Unicode" is UTF-16: a file that says which it is by its mark is read as it says.
# UTF-32's little-endian mark starts with UTF-16's, so it is looked for first.
_BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _decode(path: Path, raw: bytes) -> tuple[str, str]:
    """The file's text, and the name of the encoding it was read in."""
    encoding = "utf-8"
    for mark, codec in _BYTE_ORDER_MARKS:
        if raw.startswith(mark):
            raw, encoding = raw[len(mark) :], codec
            break
    name = "-".join(encoding.upper().split("-")[:2])  # UTF-16, not UTF-16-LE
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as exc:
        readable = raw[: exc.start].decode(encoding, "replace")
    else:
        # TOML allows no NUL anywhere, not even in a string: one here is half of a
        # UTF-16 character, in a file saved without its byte order mark.
        if "\x00" not in text:
            return text, name
        readable = text[: text.index("\x00")]
    line = readable.count("\n") + 1
    raise ConfigError(
        f"{path}: line {line} is not {name} text",
        hint="save the file as UTF-8 (in Notepad: Save As, Encoding: UTF-8)",
        zh=f"{path}：第 {line} 行不是 {name} 编码的文本",
        hint_zh="请将文件另存为 UTF-8 编码（记事本：另存为，编码选 UTF-8）",
    )


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(
            f"{path}: cannot be read ({exc.strerror})",
            zh=f"{path}：无法读取（{exc.strerror}）",
        ) from None
    text, encoding = _decode(path, raw)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # A file read as its byte order mark says may be something else that starts
        # with the same bytes.
        read_as = "" if encoding == "UTF-8" else f" when read as {encoding}"
        read_as_zh = "" if encoding == "UTF-8" else f"（按 {encoding} 读取）"
        raise ConfigError(
            f"{path}: not valid TOML{read_as} ({exc})",
            hint="fix the syntax" + (", or save the file as UTF-8" if read_as else ""),
            zh=f"{path}：不是有效的 TOML{read_as_zh}（{exc}）",
            hint_zh="请修正语法" + ("，或将文件另存为 UTF-8 编码" if read_as else ""),
        ) from None


def _tasklint_table(data: dict[str, Any], origin: str) -> dict[str, Any] | None:
    """pyproject.toml's [tool.tasklint], None when it has none."""
    tool = data.get("tool")
    # `tool` is every tool's table, and not tasklint's to judge: when it is not a table,
    # it holds no tasklint settings either.
    if not isinstance(tool, dict) or "tasklint" not in tool:
        return None
    if not isinstance(section := tool["tasklint"], dict):
        value = _describe(section)
        raise ConfigError(
            f"{origin}: `tool.tasklint` = {value} is invalid",
            hint="expected a table: tasklint's settings under [tool.tasklint]",
            zh=f"{origin}：`tool.tasklint` = {value} 无效",
            hint_zh="请改为表：在 [tool.tasklint] 下写 tasklint 的设置",
        )
    return section


def _may_hold_tasklint_settings(path: Path) -> bool:
    """Whether a pyproject.toml tasklint cannot read may still name it, in any of the
    encodings it might be in; True when its bytes cannot be read either."""
    try:
        raw = path.read_bytes()
    except OSError:
        return True
    return any("tasklint".encode(codec) in raw for codec in ("utf-8", "utf-16-le", "utf-16-be"))


def load_settings(path: Path | None = None, *, cwd: Path | None = None) -> Settings:
    """--config PATH, else ./tasklint.toml, else [tool.tasklint] in ./pyproject.toml,
    else defaults."""
    if path is not None:
        if not path.is_file():
            raise ConfigError(
                f"{path}: no such config file",
                hint="check the --config path",
                zh=f"{path}：配置文件不存在",
                hint_zh="请检查 --config 指定的路径",
            )
        data = _read_toml(path)
        if path.name == "pyproject.toml":
            data = _tasklint_table(data, str(path)) or {}
        settings = parse_settings(data, str(path))
        settings.folder = path.parent
        return settings
    cwd = cwd or Path.cwd()
    if (own := cwd / CONFIG_FILE).is_file():
        return parse_settings(_read_toml(own), CONFIG_FILE)
    if (pyproject := cwd / "pyproject.toml").is_file():
        try:
            data = _read_toml(pyproject)
        except ConfigError:
            # A pyproject.toml found on its own belongs to a Python project, mostly not
            # tasklint's: one that cannot be read stops a check only when it may hold
            # tasklint's settings, which a check would otherwise run without.
            if _may_hold_tasklint_settings(pyproject):
                raise
            return Settings.model_construct()
        section = _tasklint_table(data, "pyproject.toml")
        if section is not None:
            return parse_settings(section, "pyproject.toml [tool.tasklint]")
    return Settings.model_construct()


def configured_locale(path: Path | None = None) -> str | None:
    """The config's `locale` (`load_settings` finds the config), for the language of
    tasklint's own lines; None when the config cannot be loaded: its own error is then
    the line being written, and it cannot say which language it wants. Never raises:
    it runs while another error is being reported."""
    try:
        return load_settings(path).locale
    except (TasklintError, OSError):
        return None
