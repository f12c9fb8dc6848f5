"""The operations behind the command line, callable from scripts too.

from tasklint.app import CheckOptions, check_sources
outcomes = check_sources(["plan.csv"], CheckOptions(today=date(2025, 6, 20)))
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from tasklint.config.settings import Settings, load_settings
from tasklint.connectors.rows import ParseOptions
from tasklint.connectors.sources import SourceSpec, resolve_sources
from tasklint.errors import ConfigError, Notice, TasklintError
from tasklint.model import Table
from tasklint.text import HAN_CHARACTER
from tasklint.validators.engine import LintResult, RuleSetting, lint
from tasklint.validators.registry import configure, known_codes, select_codes, unknown_selectors

if TYPE_CHECKING:
    from tasklint.config.env import Environment
    from tasklint.connectors.remote import ColumnCheck
    from tasklint.sync.engine import SyncOutcome


@dataclass(slots=True)
class CheckOptions:
    config: Path | None = None
    today: date | None = None
    locale: str | None = None
    select: Sequence[str] = ()
    ignore: Sequence[str] = ()
    # a state file whose run history the rules that compare with the last sync (M304)
    # read, when it exists (`tasklint report`); `check` keeps no history
    history_from: Path | None = None


@dataclass(slots=True)
class SourceOutcome:
    spec: SourceSpec
    result: LintResult
    notices: list[Notice] = field(default_factory=list)


def today_in(settings: Settings) -> date:
    zone = ZoneInfo(settings.timezone) if settings.timezone else None
    return datetime.now(zone).date()


def table_locale(table: Table, configured: str) -> str:
    """`auto`: Chinese when the table's headers are Chinese."""
    if configured != "auto":
        return configured
    return "zh" if any(HAN_CHARACTER.search(h) for h in table.columns.values()) else "en"


def _split(values: Sequence[str]) -> list[str]:
    return [v.strip().upper() for value in values for v in value.split(",") if v.strip()]


def rule_settings(settings: Settings) -> dict[str, RuleSetting]:
    configured = {}
    for code, table in settings.rules.per_rule().items():
        params, severity = configure(code, table)
        configured[code] = RuleSetting(params, severity)
    return configured


def read_table(
    spec: SourceSpec, settings: Settings, parse: ParseOptions
) -> tuple[Table, list[Notice]]:
    owned = list(settings.writeback_columns("en").values()) + list(
        settings.writeback_columns("zh").values()
    )
    parse = replace(parse, date_order=settings.date_order_of(spec.config))
    if spec.kind == "file":
        from tasklint.connectors.files import FileSource, read_file

        source = FileSource(spec.path, spec.config.columns, spec.config.sheet, owned)
        result = read_file(source, parse)
        return result.table, result.notices
    # Secrets from the environment, through pydantic-settings: not needed for a file.
    from tasklint.bulk import gc_paused
    from tasklint.config.env import Environment
    from tasklint.sync.engine import build_table, input_columns, open_connector

    connector = open_connector(spec, Environment())
    columns = input_columns(connector, spec, settings)
    with gc_paused():  # (as a sync reads: see tasklint.bulk)
        records = connector.read()
        return build_table(spec, connector, records, columns, today=parse.today, settings=settings)


def check_sources(arguments: Sequence[str], options: CheckOptions) -> list[SourceOutcome]:
    """Lint each source; the first that cannot be read raises its error."""
    outcomes = []
    for outcome in _checks(arguments, options):
        if isinstance(outcome, SourceFailure):
            raise outcome.error
        outcomes.append(outcome)
    return outcomes


def check_each(
    arguments: Sequence[str], options: CheckOptions
) -> list[SourceOutcome | SourceFailure]:
    """Lint each source; one that cannot be read (a missing file, a wrong token) does not
    stop the others, as in `sync_sources`. A broken config or option still raises."""
    return list(_checks(arguments, options))


def _checks(
    arguments: Sequence[str], options: CheckOptions
) -> Iterator[SourceOutcome | SourceFailure]:
    settings = load_settings(options.config)
    select, ignore = _validated_selection(options)
    today = options.today or today_in(settings)
    parse = ParseOptions(today=today, tz=ZoneInfo(settings.timezone) if settings.timezone else None)
    configured = rule_settings(settings)
    for spec in resolve_sources(list(arguments), settings):
        try:
            table, notices = read_table(spec, settings, parse)
        except TasklintError as error:
            yield SourceFailure(spec, error)
            continue
        locale = table_locale(table, options.locale or settings.locale)
        result = lint(
            table,
            today=today,
            locale=locale,
            select=select or spec.config.select or settings.rules.select,
            ignore=[*settings.rules.ignore, *(spec.config.ignore or []), *ignore],
            settings=configured,
            history=_history(options.history_from, spec.name),
        )
        yield SourceOutcome(spec, result, notices)


def _history(path: Path | None, source: str) -> dict[str, dict[str, Any]] | None:
    """The metric values of the source's last successful sync in the state file at `path`
    (as a sync reads them), or None: no file, or no such sync."""
    if path is None:
        return None
    from tasklint.sync.state import read_state

    return read_state(
        path, lambda store: store.metric_values(source) if store.last_ok_run(source) else None, None
    )


# --- sync and setup ----------------------------------------------------------------


@dataclass(slots=True)
class SyncRequest:
    config: Path | None = None
    today: date | None = None
    locale: str | None = None
    select: Sequence[str] = ()
    ignore: Sequence[str] = ()
    dry_run: bool = False
    full: bool = False
    state_path: Path | None = None
    adopt_columns: bool = False


@dataclass(slots=True)
class SourceFailure:
    spec: SourceSpec
    error: TasklintError


def _validated_selection(options: CheckOptions | SyncRequest) -> tuple[list[str], list[str]]:
    select, ignore = _split(options.select), _split(options.ignore)
    bad = unknown_selectors(select + ignore)
    if bad:
        quoted = [repr(selector) for selector in bad]
        raise ConfigError(
            f"--select/--ignore name {', '.join(quoted)}, which matches no rule",
            hint="see `tasklint rules` for the codes",
            zh=f"--select/--ignore 中的 {'、'.join(quoted)} 不对应任何规则",
            hint_zh="请用 `tasklint rules` 查看规则代码",
        )
    if (select or ignore) and not select_codes(select or sorted(known_codes()), ignore):
        raise ConfigError(
            "--select and --ignore leave no rule to run",
            hint="ignore fewer codes, or select others",
            zh="--select 和 --ignore 排除后没有可运行的规则",
            hint_zh="请少忽略一些规则，或选择其他规则",
        )
    if options.locale not in (None, "en", "zh", "auto"):
        raise ConfigError(
            f"--locale {options.locale!r} is invalid",
            hint="use en or zh",
            zh=f"--locale {options.locale!r} 无效",
            hint_zh="请使用 en 或 zh",
        )
    return select, ignore


def sync_sources(
    arguments: Sequence[str],
    request: SyncRequest,
    *,
    env: Environment | None = None,
    on_wait: Callable[[str, float], None] | None = None,
    on_phase: Callable[[str, str], None] | None = None,
    on_written: Callable[[str, int, int], None] | None = None,
) -> list[SyncOutcome | SourceFailure]:
    """Sync each source; one source failing does not stop the others."""
    from tasklint.config.env import Environment
    from tasklint.sync.engine import SyncOptions, sync_source
    from tasklint.sync.lease import holder_id, holding
    from tasklint.sync.state import StateStore

    settings = load_settings(request.config)
    select, ignore = _validated_selection(request)
    env = env or Environment()
    specs = resolve_sources(list(arguments), settings)
    files = [s.name for s in specs if s.kind == "file"]
    if files:
        raise ConfigError(
            f"{files[0]}: a file cannot be synced",
            hint="use `tasklint check` for files",
            zh=f"{files[0]}：文件不能同步",
            hint_zh="文件请用 `tasklint check` 检查",
        )
    options = SyncOptions(
        today=request.today or today_in(settings),
        locale=request.locale,
        select=select,
        ignore=ignore,
        settings=rule_settings(settings),
        dry_run=request.dry_run,
        full=request.full,
        adopt=request.adopt_columns,
    )
    state = StateStore(request.state_path or settings.state.location())
    holder = holder_id()
    outcomes: list[SyncOutcome | SourceFailure] = []
    try:
        for spec in specs:
            # A dry run writes nothing; a sync writes under the source's lease, as
            # `tasklint serve` does, so the two never write one source at once.
            lease = (
                nullcontext(None)
                if request.dry_run
                else holding(state, spec.name, holder, table=spec.url)
            )
            try:
                with lease as keeper:
                    outcomes.append(
                        sync_source(
                            spec,
                            settings,
                            env,
                            state,
                            options,
                            on_wait=on_wait,
                            on_phase=partial(on_phase, spec.name) if on_phase else None,
                            on_written=partial(on_written, spec.name) if on_written else None,
                            stop=keeper.lost if keeper is not None else None,
                        )
                    )
            except TasklintError as error:
                outcomes.append(SourceFailure(spec, error))
    finally:
        state.close()
    return outcomes


def setup_source(
    argument: str,
    *,
    config: Path | None = None,
    create: bool = False,
    locale: str | None = None,
    env: Environment | None = None,
) -> tuple[SourceSpec, list[ColumnCheck]]:
    """Check (and with `create`, add) a source's write-back columns."""
    from tasklint.config.env import Environment
    from tasklint.sync.engine import (
        check_setup,
        input_columns,
        locale_for,
        open_connector,
        writeback_targets,
    )

    settings = load_settings(config)
    (spec,) = resolve_sources([argument], settings)
    connector = open_connector(spec, env or Environment())
    columns = input_columns(connector, spec, settings)
    chosen = locale_for(columns, locale or settings.locale)
    targets = writeback_targets(settings, chosen, columns)
    return spec, check_setup(connector, targets, chosen, create=create)
