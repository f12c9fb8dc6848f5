"""tasklint.toml (or [tool.tasklint] in pyproject.toml) -> validated settings.

Every key is optional except a source's `url`. An invalid file fails with one line
naming the file, the key, the bad value and what was expected.
"""

from __future__ import annotations

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
from tasklint.errors import ConfigError
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
        raise ValueError("an IANA time zone such as Asia/Shanghai or Europe/Berlin") from None
    return value


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SourceConfig(_Strict):
    url: str
    view: str | None = None
    sheet: str | None = None
    modified_field: str | None = None
    columns: dict[str, str] = Field(default_factory=dict)
    select: list[str] | None = None
    ignore: list[str] | None = None

    @field_validator("columns")
    @classmethod
    def _known_fields(cls, columns: dict[str, str]) -> dict[str, str]:
        unknown = sorted(set(columns) - set(LOGICAL_FIELDS))
        if unknown:
            raise ValueError(f"logical field names, one of: {', '.join(LOGICAL_FIELDS)}")
        return columns


class RulesConfig(BaseModel):
    """`select`/`ignore` plus one table per rule code: `[rules.S402] max_delay_days = 3`."""

    model_config = ConfigDict(extra="allow")

    select: list[str] = Field(default_factory=lambda: ["ALL"])
    ignore: list[str] = Field(default_factory=list)

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
            raise ValueError("a time of day as HH:MM or HH:MM:SS, e.g. 02:00")
        return value

    _zone = field_validator("timezone")(_check_zone)

    @field_validator("grace_hours")
    @classmethod
    def _grace(cls, value: float) -> float:
        if not 0 < value <= 24:
            raise ValueError("hours after the slot within which a missed run is caught up, >0, ≤24")
        return value

    @field_validator("jitter_seconds")
    @classmethod
    def _jitter(cls, value: int, info: ValidationInfo) -> int:
        grace = info.data.get("grace_hours")
        if not 0 <= value <= 21600 or (grace is not None and value >= grace * 3600):
            raise ValueError("seconds from 0 to 21600 (6 h), and less than grace_hours")
        return value

    @field_validator("retries")
    @classmethod
    def _retries(cls, value: int) -> int:
        if not 0 <= value <= 20:
            raise ValueError("a number of retries from 0 to 20")
        return value

    @field_validator("retry_backoff_seconds")
    @classmethod
    def _backoff(cls, value: float) -> float:
        if not 0 < value <= 3600:
            raise ValueError("seconds before the first retry, >0, ≤3600")
        return value


def default_state_path() -> str:
    """The state file in the user's data folder, as each system places it (platformdirs):
    $XDG_DATA_HOME or ~/.local/share/tasklint on Linux, ~/Library/Application Support/
    tasklint on macOS, %LOCALAPPDATA%\\tasklint on Windows."""
    from platformdirs import user_data_path

    return str(user_data_path("tasklint", appauthor=False) / "state.db")


class StateConfig(_Strict):
    path: str = Field(default_factory=default_state_path)


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
            raise ValueError("a Notion page id (32 hex digits) or the page's URL")
        return value

    @field_validator("airtable_runs")
    @classmethod
    def _airtable_url(cls, value: str | None) -> str | None:
        if value is not None and not re.match(r"^airtable://[^/]+/.+", value):
            raise ValueError(
                'an Airtable table URL such as "airtable://appXXXXXXXXXXXXXX/Lint runs"'
            )
        return value


class Settings(_Strict):
    locale: Literal["auto", "en", "zh"] = "auto"
    timezone: str | None = None
    sources: dict[str, SourceConfig] = Field(default_factory=dict)
    rules: RulesConfig = Field(default_factory=RulesConfig)
    writeback: WritebackConfig = Field(default_factory=WritebackConfig)
    schedule: ScheduleConfig = Field(default_factory=ScheduleConfig)
    state: StateConfig = Field(default_factory=StateConfig)
    report: ReportConfig = Field(default_factory=ReportConfig)
    # Where the settings came from, for messages; not a key of the file.
    origin: str = Field(default="defaults", exclude=True)

    _zone = field_validator("timezone")(_check_zone)

    def writeback_columns(self, locale: str) -> dict[str, str]:
        chosen = self.writeback.model_dump(exclude_none=True)
        return {**WRITEBACK_DEFAULTS["zh" if locale == "zh" else "en"], **chosen}


def _describe(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:59] + "…"


def _key_path(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc]
    # pydantic reports a bad [sources.x] key as ("sources", "x", "field")
    return ".".join(parts)


def _raise_config_error(origin: str, exc: ValidationError) -> None:
    first = exc.errors()[0]
    key = _key_path(first["loc"])
    if first["type"] == "extra_forbidden":
        raise ConfigError(
            f"{origin}: unknown key `{key}`",
            hint="check its spelling against `tasklint init`'s starter file",
        ) from None
    if first["type"] == "missing":
        raise ConfigError(f"{origin}: `{key}` is required", hint="add it") from None
    expected = first["msg"].removeprefix("Value error, ")
    raise ConfigError(
        f"{origin}: `{key}` = {_describe(first.get('input'))} is invalid",
        hint=f"expected {expected}",
    ) from None


def _validate_rules(origin: str, settings: Settings) -> None:
    from tasklint.validators.registry import configure, rules_by_code, unknown_selectors

    for name, selectors in (("select", settings.rules.select), ("ignore", settings.rules.ignore)):
        bad = unknown_selectors(selectors)
        if bad:
            raise ConfigError(
                f"{origin}: `rules.{name}` names {', '.join(map(repr, bad))}, "
                "which matches no rule",
                hint="see `tasklint rules` for the codes",
            )
    for code, table in settings.rules.per_rule().items():
        if not _CODE.match(code) or code not in rules_by_code():
            raise ConfigError(
                f"{origin}: `[rules.{code}]` is not a rule code",
                hint="use a code from `tasklint rules`, e.g. [rules.S402]",
            )
        if not isinstance(table, dict):
            raise ConfigError(
                f"{origin}: `rules.{code}` = {_describe(table)} is invalid",
                hint="expected a table of parameters, e.g. [rules.S402] max_delay_days = 3",
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
                ) from None
            raise ConfigError(
                f"{origin}: `{key}` = {_describe(err.get('input'))} is invalid",
                hint=f"expected {err['msg'].removeprefix('Value error, ')}",
            ) from None
        except ValueError:
            raise ConfigError(
                f"{origin}: `rules.{code}.severity` = "
                f"{_describe(table.get('severity'))} is invalid",
                hint=f"expected one of {', '.join(s.value for s in Severity)}",
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


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})", hint="fix the syntax") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be read ({exc.strerror})") from None


def load_settings(path: Path | None = None, *, cwd: Path | None = None) -> Settings:
    """--config PATH, else ./tasklint.toml, else [tool.tasklint] in ./pyproject.toml,
    else defaults."""
    if path is not None:
        if not path.is_file():
            raise ConfigError(f"{path}: no such config file", hint="check the --config path")
        data = _read_toml(path)
        if path.name == "pyproject.toml":
            data = data.get("tool", {}).get("tasklint", {})
        return parse_settings(data, str(path))
    cwd = cwd or Path.cwd()
    if (own := cwd / CONFIG_FILE).is_file():
        return parse_settings(_read_toml(own), CONFIG_FILE)
    if (pyproject := cwd / "pyproject.toml").is_file():
        section = _read_toml(pyproject).get("tool", {}).get("tasklint")
        if section is not None:
            return parse_settings(section, "pyproject.toml [tool.tasklint]")
    return Settings()
