"""The `tasklint` command: parses options, calls tasklint.app, prints. No logic here."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from tasklint.errors import TasklintError

app = typer.Typer(
    name="tasklint",
    help="Lint marketing execution checklists kept in files, Airtable and Notion.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console(highlight=False)
err = Console(stderr=True, highlight=False)

ConfigOpt = Annotated[
    Path | None, typer.Option("--config", help="tasklint.toml to use (default: ./tasklint.toml).")
]
LocaleOpt = Annotated[str | None, typer.Option("--locale", help="en or zh (default: from the table).")]


def _fail(error: TasklintError) -> typer.Exit:
    err.print(f"[bold red]tasklint:[/] {error.line()}", markup=True, soft_wrap=True)
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
    sources: Annotated[list[str] | None, typer.Argument(help="Files, URLs or configured source names.")] = None,
    output_format: Annotated[str, typer.Option("--format", "-f", help="text, json, markdown or github.")] = "text",
    select: Annotated[list[str] | None, typer.Option("--select", help="Codes or prefixes to run (e.g. G,O201).")] = None,
    ignore: Annotated[list[str] | None, typer.Option("--ignore", help="Codes or prefixes to skip.")] = None,
    today: Annotated[str | None, typer.Option("--today", help="Date the date rules use, YYYY-MM-DD.")] = None,
    locale: LocaleOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Lint and print; writes nothing. Exit 1 when an error-level finding remains."""
    from tasklint import output
    from tasklint.app import CheckOptions, check_sources

    if output_format not in output.FORMATS:
        raise typer.BadParameter(f"use one of {', '.join(output.FORMATS)}", param_hint="--format")
    options = CheckOptions(config, _parse_day(today), locale, select or (), ignore or ())
    try:
        outcomes = check_sources(sources or [], options)
    except TasklintError as error:
        raise _fail(error) from None
    for outcome in outcomes:
        for notice in outcome.notices:
            err.print(f"[yellow]tasklint:[/] {notice}", soft_wrap=True)
    if output_format == "json":
        print(output.render_json(outcomes))
    elif output_format == "markdown":
        print(output.render_markdown(outcomes))
    elif output_format == "github":
        print(output.render_github(outcomes))
    else:
        output.render_text(outcomes, out)
    raise typer.Exit(1 if any(o.result.has_errors for o in outcomes) else 0)


@app.command()
def rules(
    code: Annotated[str | None, typer.Argument(help="A rule code to explain, e.g. G102.")] = None,
    locale: LocaleOpt = None,
) -> None:
    """List the rules, or explain one: why, a bad and a good example, parameters."""
    from tasklint import catalogue

    try:
        if code is None:
            catalogue.print_catalogue(out, locale or "en")
        else:
            catalogue.print_rule(out, code, locale)
    except TasklintError as error:
        raise _fail(error) from None


@app.command()
def init(
    path: Annotated[Path, typer.Option("--path", help="Where to write it.")] = Path("tasklint.toml"),
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write a commented starter tasklint.toml."""
    from tasklint.config.starter import STARTER

    if path.exists() and not force:
        err.print(f"[bold red]tasklint:[/] {path} already exists — pass --force to overwrite it")
        raise typer.Exit(2)
    path.write_text(STARTER, encoding="utf-8")
    out.print(f"Wrote {path}. Edit [sources] and run `tasklint check`.")


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
