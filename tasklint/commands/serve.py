"""`tasklint serve`: every configured source once a night, or once now with --once."""

from __future__ import annotations

from typing import Annotated

import typer

from tasklint.commands.options import ConfigOpt, StateOpt


def register(app: typer.Typer) -> None:
    from tasklint.cli import _fail

    @app.command()
    def serve(
        once: Annotated[
            bool,
            typer.Option("--once", help="Run every source now, then exit (cron, timers, jobs)."),
        ] = False,
        health_port: Annotated[
            int | None,
            typer.Option("--health-port", help="Serve /healthz, /livez and /metrics here."),
        ] = None,
        health_host: Annotated[
            str,
            typer.Option("--health-host", help="Address for --health-port (0.0.0.0 in a pod)."),
        ] = "127.0.0.1",
        state: StateOpt = None,
        jitter: Annotated[
            int | None,
            typer.Option(
                "--jitter", help="Start up to this many seconds after the slot (default: config)."
            ),
        ] = None,
        poll: Annotated[
            int,
            typer.Option("--poll", help="Seconds between two looks at the ledger (retries)."),
        ] = 30,
        log_format: Annotated[
            str,
            typer.Option("--log-format", help="auto (JSON unless a terminal), json or text."),
        ] = "auto",
        config: ConfigOpt = None,
    ) -> None:
        """Sync every configured source each night at schedule.at, in its time zone.

        One run per source per local date, recorded in the state file; a slot missed
        while the service was down is caught up at start within schedule.grace_hours;
        two services on one state file never run the same slot. Exit 0
        when every source synced or on SIGTERM/SIGINT, 2 when a source failed after
        its retries (--once) or the config is unusable. Error-level findings do not
        change the exit code: they are written to the table (`tasklint sync` exits 1).
        """
        import sqlite3

        from tasklint.config.env import Environment
        from tasklint.config.settings import load_settings
        from tasklint.connectors.sources import resolve_sources
        from tasklint.errors import ConfigError, TasklintError
        from tasklint.service.logs import EventLog
        from tasklint.service.loop import ServeOptions, run_service

        if log_format not in ("auto", "json", "text"):
            raise typer.BadParameter("use auto, json or text", param_hint="--log-format")
        if health_port is not None and not 0 <= health_port <= 65535:
            raise typer.BadParameter("a port from 0 to 65535", param_hint="--health-port")
        if not 1 <= poll <= 3600:
            raise typer.BadParameter("seconds from 1 to 3600", param_hint="--poll")
        if jitter is not None and not 0 <= jitter <= 21600:
            raise typer.BadParameter("seconds from 0 to 21600", param_hint="--jitter")
        try:
            settings = load_settings(config)
            specs = resolve_sources([], settings)
            files = [s.name for s in specs if s.kind == "file"]
            if files:
                raise ConfigError(
                    f"source {files[0]!r} is a file: `tasklint serve` syncs Airtable and Notion",
                    hint="remove it from the config's sources, or lint it with `tasklint check`",
                    zh=f"数据源 {files[0]!r} 是文件：`tasklint serve` 只同步 Airtable 和 Notion",
                    hint_zh="请把它从配置的 sources 中删除，或用 `tasklint check` 检查它",
                )
            if jitter is not None and jitter >= settings.schedule.grace_hours * 3600:
                raise ConfigError(
                    f"--jitter {jitter} is not less than [schedule] grace_hours",
                    hint="use a smaller jitter",
                    zh=f"--jitter {jitter} 没有小于 [schedule] grace_hours",
                    hint_zh="请把 jitter 调小",
                )
            env = Environment()
            tokens = [t.get_secret_value() for t in (env.airtable_token, env.notion_token) if t]
            json_lines = None if log_format == "auto" else log_format == "json"
            log = EventLog(json_lines=json_lines, secrets=tokens)
            options = ServeOptions(
                once=once,
                health_host=health_host,
                health_port=health_port,
                state_path=state,
                jitter=jitter,
                poll=poll,
            )
            code = run_service(settings, specs, options, env=env, log=log)
        except TasklintError as error:
            raise _fail(error, config=config) from None
        except (OSError, sqlite3.Error) as error:  # a port taken, a state file unwritable
            cannot_start = TasklintError(f"cannot start: {error}", zh=f"无法启动：{error}")
            raise _fail(cannot_start, config=config) from None
        raise typer.Exit(code)
