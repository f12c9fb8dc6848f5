"""Options several commands take, said once: the same flag, type and help everywhere."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

ConfigOpt = Annotated[
    Path | None, typer.Option("--config", help="tasklint.toml to use (default: ./tasklint.toml).")
]
LocaleOpt = Annotated[
    str | None, typer.Option("--locale", help="en or zh (default: from the table).")
]
TodayOpt = Annotated[
    str | None, typer.Option("--today", help="Date the date rules use, YYYY-MM-DD.")
]
SelectOpt = Annotated[
    list[str] | None, typer.Option("--select", help="Codes or prefixes to run (e.g. G,O201).")
]
IgnoreOpt = Annotated[list[str] | None, typer.Option("--ignore", help="Codes or prefixes to skip.")]
StateOpt = Annotated[
    Path | None,
    typer.Option("--state", help="The state file (default: the config's \\[state] path)."),
]
