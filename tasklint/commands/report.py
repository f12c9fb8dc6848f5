"""`tasklint report`: the Marketing Execution Review Report (seed step 3.3).

tasklint report plan.csv --out report.html
tasklint report q3-plan --format markdown
tasklint report q3-plan --publish          # to [report] notion_parent / airtable_runs
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tasklint.commands.options import ConfigOpt, LocaleOpt, StateOpt, TodayOpt

FORMATS = ("html", "markdown")
DEFAULT_OUT = Path("report.html")

SourceArg = Annotated[
    str | None,
    typer.Argument(help="A file, a URL or a configured source (default: the only one)."),
]
OutOpt = Annotated[
    Path | None,
    typer.Option("--out", "-o", help="Where to write (html: report.html; markdown: stdout)."),
]
FormatOpt = Annotated[str, typer.Option("--format", "-f", help="html or markdown.")]
PublishOpt = Annotated[
    bool,
    typer.Option(
        "--publish", help="Also write it to the Notion page / Airtable table of \\[report]."
    ),
]


def register(app: typer.Typer) -> None:
    app.command()(report)


def report(
    source: SourceArg = None,
    out_path: OutOpt = None,
    output_format: FormatOpt = "html",
    today: TodayOpt = None,
    locale: LocaleOpt = None,
    config: ConfigOpt = None,
    state: StateOpt = None,
    publish: PublishOpt = False,
) -> None:
    """The review report managers read.

    Goals, status by phase, open findings, overdue tasks, budget, the trend over the
    last 30 runs, and the review's lessons."""
    from tasklint.cli import _fail, _parse_day, err, out, say_error, say_notice
    from tasklint.errors import ConfigError, Notice, TasklintError
    from tasklint.text import message_locale

    if output_format not in FORMATS:
        raise typer.BadParameter(f"use one of {', '.join(FORMATS)}", param_hint="--format")
    day = _parse_day(today)
    try:
        report_data, settings, notices = build(source, config, day, locale, state)
        for notice in notices:
            say_notice(notice, locale, config, report_data.locale)
        # what the command did, not what the table holds: not in the table's language
        language = message_locale(locale, settings.locale)
        if output_format == "markdown":
            from tasklint.report.markdown import render_markdown

            text = render_markdown(report_data)
        else:
            from tasklint.report.html import render_html

            text = render_html(report_data)
        target = out_path or (DEFAULT_OUT if output_format == "html" else None)
        if target is None:
            print(text)
        else:
            _refuse_to_overwrite_a_table(target, source)
            try:
                target.write_text(text, encoding="utf-8")
            except OSError as exc:
                raise ConfigError(
                    f"{target}: cannot be written ({exc.strerror})",
                    hint="check the --out path",
                    zh=f"{target}：无法写入（{exc.strerror}）",
                    hint_zh="请检查 --out 指定的路径",
                ) from None
            wrote = Notice(en=f"wrote {target}", zh=f"已写入 {target}")
            err().print(
                f"tasklint: {wrote.text(language)}", highlight=False, soft_wrap=True, markup=False
            )
        if publish:
            from tasklint.report.publish import publish as publish_report

            failed: list[TasklintError] = []
            for done in publish_report(report_data, settings):
                if isinstance(done, TasklintError):  # the other target was still tried
                    failed.append(done)
                    continue
                verb = "created" if done.created else "updated"
                verb_zh = "新建" if done.created else "更新"
                published = Notice(
                    en=f"Published to {done.target} ({verb}): {done.where}",
                    zh=f"已发布到 {done.target}（{verb_zh}）：{done.where}",
                )
                out().print(published.text(language), soft_wrap=True, markup=False)
            for error in failed[:-1]:
                say_error(error, locale, config)
            if failed:
                raise failed[-1]
    except TasklintError as error:
        raise _fail(error, locale, config) from None


# What a report may be written over: an earlier report. Anything else that exists (the
# checklist itself, a workbook, a config) is someone's data.
_REPORT_SUFFIXES = frozenset((".html", ".htm", ".md", ".markdown", ".txt"))


def _refuse_to_overwrite_a_table(target: Path, source: str | None) -> None:
    from tasklint.errors import ConfigError

    read = Path(source) if source is not None else None
    if read is not None and read.exists() and target.exists() and read.samefile(target):
        what, what_zh = "the checklist being reported on", "正在生成报告的任务表本身"
    elif target.exists() and target.suffix.casefold() not in _REPORT_SUFFIXES:
        what, what_zh = "a file that is no report", "一个不是报告的文件"
    else:
        return
    raise ConfigError(
        f"{target}: --out names {what}; it is left as it is",
        hint="write the report to another file, such as report.html",
        zh=f"{target}：--out 指向{what_zh}，未写入",
        hint_zh="请把报告写到另一个文件，如 report.html",
    )


def build(source, config, day, locale, state):  # type: ignore[no-untyped-def]
    """(report, settings, notices) for one source; the run history from `state` (else
    [state] path) when that file exists."""
    from zoneinfo import ZoneInfo

    from tasklint.app import CheckOptions, check_sources
    from tasklint.config.settings import load_settings
    from tasklint.errors import ConfigError
    from tasklint.report.model import TREND_RUNS, build_report

    settings = load_settings(config)
    if source is None and len(settings.sources) > 1:
        example = f"`tasklint report {next(iter(settings.sources))}`"
        raise ConfigError(
            f"the config has {len(settings.sources)} sources: name the one to report on",
            hint=f"e.g. {example}",
            zh=f"配置里有 {len(settings.sources)} 个数据源：请指定要生成报告的那一个",
            hint_zh=f"例如 {example}",
        )
    kept = state or Path(settings.state.location())
    options = CheckOptions(config, day, locale, history_from=kept)
    outcome = check_sources([source] if source else [], options)[0]
    runs = read_runs(kept, outcome.spec.name, TREND_RUNS)
    zone = ZoneInfo(settings.timezone) if settings.timezone else None
    for run in runs:
        run.started = run.started.astimezone(zone)
    return build_report(outcome, runs), settings, outcome.notices


def read_runs(path: Path, source: str, limit: int):  # type: ignore[no-untyped-def]
    """The source's last runs; none when there is no state file (it is not created)."""
    from tasklint.sync.state import Run, read_state

    none: list[Run] = []
    return read_state(path, lambda store: store.runs(source, limit=limit), none)
