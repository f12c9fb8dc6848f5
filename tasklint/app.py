"""The operations behind the command line, callable from scripts too.

    from tasklint.app import CheckOptions, check_sources
    outcomes = check_sources(["plan.csv"], CheckOptions(today=date(2025, 6, 20)))
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from tasklint.config.settings import Settings, load_settings
from tasklint.connectors.rows import ParseOptions
from tasklint.connectors.sources import SourceSpec, resolve_sources
from tasklint.errors import ConfigError, SourceError
from tasklint.model import Table
from tasklint.validators.engine import LintResult, RuleSetting, lint
from tasklint.validators.registry import configure, unknown_selectors

_CJK = re.compile(r"[\u3400-\u9fff]")


@dataclass(slots=True)
class CheckOptions:
    config: Path | None = None
    today: date | None = None
    locale: str | None = None
    select: Sequence[str] = ()
    ignore: Sequence[str] = ()


@dataclass(slots=True)
class SourceOutcome:
    spec: SourceSpec
    result: LintResult
    notices: list[str] = field(default_factory=list)


def today_in(settings: Settings) -> date:
    zone = ZoneInfo(settings.timezone) if settings.timezone else None
    return datetime.now(zone).date()


def table_locale(table: Table, configured: str) -> str:
    """`auto`: Chinese when the table's headers are Chinese."""
    if configured != "auto":
        return configured
    return "zh" if any(_CJK.search(h) for h in table.columns.values()) else "en"


def _split(values: Sequence[str]) -> list[str]:
    return [v.strip().upper() for value in values for v in value.split(",") if v.strip()]


def rule_settings(settings: Settings) -> dict[str, RuleSetting]:
    configured = {}
    for code, table in settings.rules.per_rule().items():
        params, severity = configure(code, table)
        configured[code] = RuleSetting(params, severity)
    return configured


def read_table(spec: SourceSpec, settings: Settings, parse: ParseOptions) -> tuple[Table, list[str]]:
    owned = list(settings.writeback_columns("en").values()) + list(
        settings.writeback_columns("zh").values()
    )
    if spec.kind == "file":
        from tasklint.connectors.files import FileSource, read_file

        source = FileSource(spec.path, spec.config.columns, spec.config.sheet, owned)
        result = read_file(source, parse)
        return result.table, result.notices
    raise SourceError(
        f"{spec.name}: reading {spec.kind} sources is not available in this version",
        hint="export the table to CSV or XLSX and check the file",
    )


def check_sources(arguments: Sequence[str], options: CheckOptions) -> list[SourceOutcome]:
    settings = load_settings(options.config)
    select, ignore = _split(options.select), _split(options.ignore)
    bad = unknown_selectors(select + ignore)
    if bad:
        raise ConfigError(
            f"--select/--ignore name {', '.join(map(repr, bad))}, which matches no rule",
            hint="see `tasklint rules` for the codes",
        )
    if options.locale not in (None, "en", "zh", "auto"):
        raise ConfigError(f"--locale {options.locale!r} is invalid", hint="use en or zh")
    today = options.today or today_in(settings)
    parse = ParseOptions(today=today, tz=ZoneInfo(settings.timezone) if settings.timezone else None)
    configured = rule_settings(settings)
    outcomes = []
    for spec in resolve_sources(list(arguments), settings):
        table, notices = read_table(spec, settings, parse)
        locale = table_locale(table, options.locale or settings.locale)
        result = lint(
            table,
            today=today,
            locale=locale,
            select=select or spec.config.select or settings.rules.select,
            ignore=[*settings.rules.ignore, *(spec.config.ignore or []), *ignore],
            settings=configured,
        )
        outcomes.append(SourceOutcome(spec, result, notices))
    return outcomes
