"""The `tasklint` command: parses options, calls tasklint.app, prints. No logic here."""

from __future__ import annotations

import errno
import os
import sys
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, cast

from tasklint import regex_cache

# Before anything compiles a pattern: tasklint's and its libraries' patterns are read
# from the cache that the previous run left (`tasklint.regex_cache`).
regex_cache.install()

import typer  # noqa: E402

from tasklint.commands.options import (  # noqa: E402
    ConfigOpt,
    IgnoreOpt,
    LocaleOpt,
    SelectOpt,
    StateOpt,
    TodayOpt,
)
from tasklint.errors import ConfigError, Notice, TasklintError  # noqa: E402

if TYPE_CHECKING:
    from rich.console import Console

app = typer.Typer(
    name="tasklint",
    help="Lint marketing execution checklists kept in files, Airtable and Notion.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Help texts are docstrings wrapped at 88 columns: markdown joins their lines into
    # paragraphs (rich mode keeps every line break) and shows `code` as code.
    rich_markup_mode="markdown",
)


# The consoles, made on first use: rich is a tenth of start-up, and a JSON check on a
# quiet run never prints through it.
@cache
def out() -> Console:
    from rich.console import Console

    return Console(highlight=False)


@cache
def err() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def escape(text: str) -> str:
    """`text` printed as written through a console that reads markup."""
    from rich.markup import escape

    return escape(text)


def line_locale(
    chosen: str | None = None, config: Path | None = None, table: str | None = None
) -> str:
    """The language of tasklint's own lines (`tasklint.text.message_locale`) from
    `--locale`, the config at `config` (read again: the line may be the very error
    that stopped it loading) and the locale of the table the line is about."""
    from tasklint.text import MESSAGE_LOCALES, message_locale

    if chosen in MESSAGE_LOCALES:
        return chosen  # --locale decides: the config need not be read again
    from tasklint.config.settings import configured_locale

    return message_locale(chosen, configured_locale(config), table)


def say_error(error: TasklintError, chosen: str | None = None, config: Path | None = None) -> None:
    """One `tasklint: …` error line on stderr. The text is printed as written, not as
    markup: "[writeback]" in a hint, a path or a table's name must show as they are."""
    text = error.line(line_locale(chosen, config))
    err().print(f"[bold red]tasklint:[/] {escape(text)}", soft_wrap=True)


def say_notice(
    notice: Notice,
    chosen: str | None = None,
    config: Path | None = None,
    table: str | None = None,
) -> None:
    """One `tasklint: …` notice on stderr, printed as written, in the language of the
    table it is about unless --locale or the config say otherwise."""
    text = notice.text(line_locale(chosen, config, table))
    err().print(f"[yellow]tasklint:[/] {escape(text)}", soft_wrap=True)


def _fail(
    error: TasklintError, chosen: str | None = None, config: Path | None = None
) -> typer.Exit:
    say_error(error, chosen, config)
    return typer.Exit(error.exit_code)


def _parse_day(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date as YYYY-MM-DD") from None


@app.command()
def check(
    sources: Annotated[
        list[str] | None, typer.Argument(help="Files, URLs or configured source names.")
    ] = None,
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="text, json, markdown or github.")
    ] = "text",
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    today: TodayOpt = None,
    locale: LocaleOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Lint and print; writes nothing. Exit 1 when an error-level finding remains."""
    from tasklint import output
    from tasklint.app import CheckOptions, SourceFailure, SourceOutcome, check_each

    if output_format not in output.FORMATS:
        raise typer.BadParameter(f"use one of {', '.join(output.FORMATS)}", param_hint="--format")
    options = CheckOptions(config, _parse_day(today), locale, select or (), ignore or ())
    try:
        checked = check_each(sources or [], options)
    except TasklintError as error:
        raise _fail(error, locale, config) from None
    outcomes: list[SourceOutcome] = []
    failures: list[tuple[str, str]] = []  # (source, line) of each that could not be read
    for outcome in checked:
        if isinstance(outcome, SourceFailure):  # the others are still reported
            failures.append((outcome.spec.name, outcome.error.line(line_locale(locale, config))))
            say_error(outcome.error, locale, config)
            continue
        outcomes.append(outcome)
        for notice in outcome.notices:
            say_notice(notice, locale, config, outcome.result.locale)
    if output_format == "json":  # a document even when no source could be read
        output.write_json(outcomes, sys.stdout.write, failures)
        print()
    elif failures and not outcomes:
        raise typer.Exit(2)
    elif output_format == "markdown":
        print(output.render_markdown(outcomes))
    elif output_format == "github":
        print(output.render_github(outcomes))
    else:
        output.render_text(outcomes, out())
    _skip_teardown()
    raise typer.Exit(2 if failures else 1 if any(o.result.has_errors for o in outcomes) else 0)


@app.command()
def rules(
    code: Annotated[str | None, typer.Argument(help="A rule code to explain, e.g. G102.")] = None,
    locale: LocaleOpt = None,
) -> None:
    """List the rules, or explain one: why, a bad and a good example, parameters."""
    from tasklint import catalogue

    if locale not in (None, "en", "zh", "auto"):
        raise typer.BadParameter(f"{locale!r}: use en or zh", param_hint="--locale")
    try:
        if code is None:
            catalogue.print_catalogue(out(), locale or "en")
        else:
            catalogue.print_rule(out(), code, locale)
    except TasklintError as error:
        raise _fail(error, locale) from None


@app.command()
def init(
    path: Annotated[Path, typer.Option("--path", help="Where to write it.")] = Path(
        "tasklint.toml"
    ),
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write a commented starter tasklint.toml."""
    from tasklint.config.starter import STARTER

    if path.exists() and not force:
        raise _fail(
            ConfigError(
                f"{path} already exists",
                hint="pass --force to overwrite it",
                zh=f"{path} 已经存在",
                hint_zh="如要覆盖，请加上 --force",
            )
        )
    if path.is_dir():
        raise _fail(
            ConfigError(
                f"{path} is a folder",
                hint=f"give the file's name: --path {path / 'tasklint.toml'}",
                zh=f"{path} 是一个文件夹",
                hint_zh=f"请给出文件名：--path {path / 'tasklint.toml'}",
            )
        )
    try:
        path.write_text(STARTER, encoding="utf-8")
    except OSError as exc:
        raise _fail(
            ConfigError(
                f"{path}: cannot be written ({exc.strerror})",
                hint="check that its folder exists and may be written to",
                zh=f"{path}：无法写入（{exc.strerror}）",
                hint_zh="请确认所在文件夹存在且可写",
            )
        ) from None
    wrote = Notice(
        en=f"Wrote {path}. Edit [sources] and run `tasklint check`.",
        zh=f"已写入 {path}。请编辑其中的 [sources]，然后运行 `tasklint check`。",
    )
    out().print(wrote.text(line_locale()), markup=False)


@app.command()
def sync(
    sources: Annotated[
        list[str] | None, typer.Argument(help="URLs or configured source names.")
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print the planned changes; write nothing.")
    ] = False,
    full: Annotated[
        bool, typer.Option("--full", help="Read every row, not only those changed.")
    ] = False,
    adopt_columns: Annotated[
        bool,
        typer.Option(
            "--adopt-columns",
            help="On a first sync, write over values already in tasklint's columns.",
        ),
    ] = False,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    today: TodayOpt = None,
    locale: LocaleOpt = None,
    config: ConfigOpt = None,
    state: StateOpt = None,
) -> None:
    """Lint Airtable/Notion tables and write warnings and status back into them."""
    from tasklint import output
    from tasklint.app import SourceFailure, SyncRequest, sync_sources

    request = SyncRequest(
        config,
        _parse_day(today),
        locale,
        select or (),
        ignore or (),
        dry_run,
        full,
        state_path=state,
        adopt_columns=adopt_columns,
    )
    try:
        with output.SyncProgress(err(), line_locale(locale, config)) as progress:
            outcomes = sync_sources(
                sources or [],
                request,
                on_wait=progress.waiting,
                on_phase=progress.phase,
                on_written=progress.written,
            )
    except TasklintError as error:
        raise _fail(error, locale, config) from None
    failed = False
    for outcome in outcomes:
        if isinstance(outcome, SourceFailure):
            failed = True
            say_error(outcome.error, locale, config)
            continue
        for notice in outcome.notices:
            say_notice(notice, locale, config, outcome.result.locale)
        output.render_text([outcome], out())
        output.render_changes(outcome, out())
    if failed:
        raise typer.Exit(2)
    errors = any(not isinstance(o, SourceFailure) and o.result.has_errors for o in outcomes)
    raise typer.Exit(1 if errors else 0)


@app.command()
def setup(
    source: Annotated[str, typer.Argument(help="A URL or configured source name.")],
    create_fields: Annotated[
        bool, typer.Option("--create-fields", help="Create missing columns.")
    ] = False,
    locale: LocaleOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Check, and with --create-fields create, the columns tasklint writes."""
    from tasklint.app import setup_source

    try:
        spec, checks = setup_source(source, config=config, create=create_fields, locale=locale)
    except TasklintError as error:
        raise _fail(error, locale, config) from None
    shown = line_locale(locale, config)
    ok, bad, dash = ("正常", "问题", "——") if shown == "zh" else ("ok", "problem", " — ")
    for check in checks:
        mark = f"[green]{ok}[/]" if check.problem is None else f"[bold red]{bad}[/]"
        problem = f"{dash}{escape(check.problem.text(shown))}" if check.problem else ""
        out().print(f"{mark}  {check.role:<10} {escape(check.name)}{problem}")
    from tasklint.sync.engine import setup_problem

    if (failure := setup_problem(spec, checks)) is not None:
        raise _fail(failure, locale, config)


@app.command()
def demo(
    today: TodayOpt = None,
) -> None:
    """Sandbox + seed checklist + setup + sync, end to end, no account needed."""
    from tasklint.demo import DEMO_TODAY, run_demo

    try:
        run_demo(out(), today=_parse_day(today) or DEMO_TODAY)
    except TasklintError as error:
        raise _fail(error) from None


@app.command()
def sandbox(
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8787,
    host: Annotated[str, typer.Option("--host", help="Address (loopback only).")] = "127.0.0.1",
    token: Annotated[str, typer.Option("--token", help="The token clients must send.")] = "sandbox",
    seed: Annotated[str, typer.Option("--seed", help="demo, load or none.")] = "demo",
    rows: Annotated[int, typer.Option("--rows", help="Rows for --seed load.")] = 1000,
    data: Annotated[
        Path | None, typer.Option("--data", help="Keep state in this directory.")
    ] = None,
    no_rate_limit: Annotated[
        bool, typer.Option("--no-rate-limit", help="Switch the vendors' limits off.")
    ] = False,
) -> None:
    """Run the local Airtable/Notion-compatible API server."""
    from tasklint.sandbox import run_sandbox
    from tasklint.sandbox.seed import SeedKind

    if seed not in ("demo", "load", "none"):
        raise typer.BadParameter("use demo, load or none", param_hint="--seed")
    try:
        run_sandbox(
            host=host,
            port=port,
            token=token,
            seed=cast("SeedKind", seed),
            rows=rows,
            data_dir=data,
            rate_limit=not no_rate_limit,
            echo=out().print,
        )
    except TasklintError as error:
        raise _fail(error) from None


# Commands that live in their own modules (tasklint/commands/*.py). Each module has
# `register(app)` and imports its heavy dependencies inside the command, so that
# start-up stays light.
_COMMAND_MODULES: tuple[str, ...] = ("tasklint.commands.report", "tasklint.commands.serve")


def _register_commands() -> None:
    import importlib

    for name in _COMMAND_MODULES:
        importlib.import_module(name).register(app)


_register_commands()


# Set by a command whose process may end without tearing its objects down: see `main`.
_teardown_skippable = False


def _skip_teardown() -> None:
    global _teardown_skippable
    _teardown_skippable = True


# Errors of writing the output itself: a full disk, a closed pipe or descriptor
_OUTPUT_FAULTS = frozenset((errno.ENOSPC, errno.EPIPE, errno.EBADF, errno.EIO))


def _unforeseen(error: BaseException) -> NoReturn:
    # A fault tasklint did not foresee: one line, without a token, rather than a
    # traceback whose frames may quote one (TASKLINT_DEBUG=1 shows the traceback).
    if os.environ.get("TASKLINT_DEBUG"):
        raise error
    from tasklint.errors import without_tokens

    reason = without_tokens(f"{type(error).__name__}: {error}", os.environ)
    print(
        f"tasklint: unexpected error ({reason.splitlines()[0][:300]}) — this is a fault"
        " in tasklint: please report it with the command you ran (run it again with"
        " TASKLINT_DEBUG=1 to see where it happened)",
        file=sys.stderr,
    )
    sys.exit(2)


def main() -> None:
    try:
        try:
            app()
        finally:
            regex_cache.save()  # the patterns this run compiled, for the next run
    except KeyboardInterrupt:
        # (a sync stopped mid-write keeps the whole rows it wrote; the next one writes the
        # rest: it compares with the table, not with what it meant to write)
        print("tasklint: interrupted — run it again to finish", file=sys.stderr)
        sys.exit(130)
    except OSError as error:
        if error.errno not in _OUTPUT_FAULTS:
            _unforeseen(error)
        # stdout on a full disk or a closed descriptor: say so where it can be read
        print(f"tasklint: cannot write the output ({error.strerror})", file=sys.stderr)
        sys.exit(2)
    except Exception as error:
        _unforeseen(error)
    except SystemExit as stop:
        if not _teardown_skippable:
            raise
        # `check` has printed everything and holds nothing that needs closing, but on a
        # large table it holds millions of objects, and freeing them one by one at exit
        # takes longer than printing them did (a third of a second on 100,000 rows).
        # mypy ends the same way (`util.hard_exit`): flush, then leave without teardown.
        code = stop.code
        if isinstance(code, str):
            print(code, file=sys.stderr)
            code = 1
        for stream in (sys.stdout, sys.stderr):
            try:
                if stream is not None:  # (None: the process was started with it closed)
                    stream.flush()
            except (OSError, ValueError):
                pass  # the output cannot be written; the exit code still tells the result
        os._exit(code or 0)


if __name__ == "__main__":
    main()
