"""`tasklint report --publish`: the report where the team already looks.

Notion: one page per source under `[report] notion_parent`, titled "<report title> ·
<source>". A rerun finds that page among the parent's children and replaces its
content (erases its blocks, appends the new ones), so the page and its link stay.

Airtable: one row per run in the table `[report] airtable_runs`, upserted on the "Run"
field (`<source> · <date>`): a rerun for the same source and date updates its row. The
table and its fields are created when missing (that needs the token's
`schema.bases:write` scope; without it, create them by hand as `RUNS_FIELDS` says).

Both go through the connectors' throttled transports: the same rate limits (shared
with a sync in the same process), retries and error messages.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from tasklint.config.env import Environment
from tasklint.config.settings import Settings
from tasklint.errors import ConfigError, SourceError, TasklintError
from tasklint.report import fmt
from tasklint.report.labels import Labels
from tasklint.report.model import PART_KEYS, Report

Waiter = Callable[[str, float], None]

MAX_TABLE_ROWS = 50  # rows of one Notion table block; the rest is summed up in a line
BLOCKS_PER_REQUEST = 100  # Notion: at most 100 children in one request
TEXT_LIMIT = 2000  # Notion: characters in one text object


@dataclass(slots=True)
class Published:
    target: str  # "notion" or "airtable"
    where: str  # the page URL, or the table and run key
    created: bool  # False: an existing page or row was updated


# --- Notion blocks -------------------------------------------------------------------------


def _rich(text: str, *, bold: bool = False, color: str | None = None) -> list[dict[str, Any]]:
    text = text or ""
    annotations: dict[str, Any] = {}
    if bold:
        annotations["bold"] = True
    if color:
        annotations["color"] = color
    return [
        {
            "type": "text",
            "text": {"content": text[i : i + TEXT_LIMIT]},
            **({"annotations": annotations} if annotations else {}),
        }
        for i in range(0, max(len(text), 1), TEXT_LIMIT)
    ]


def _block(kind: str, text: str, **options: Any) -> dict[str, Any]:
    color = options.pop("color", None)
    bold = options.pop("bold", False)
    return {
        "object": "block",
        "type": kind,
        kind: {"rich_text": _rich(text, bold=bold), **({"color": color} if color else {})},
    }


def _heading(text: str, level: int = 2) -> dict[str, Any]:
    return _block(f"heading_{level}", text)


def _paragraph(text: str, **options: Any) -> dict[str, Any]:
    return _block("paragraph", text, **options)


def _bullet(text: str, **options: Any) -> dict[str, Any]:
    return _block("bulleted_list_item", text, **options)


def _table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> list[dict[str, Any]]:
    """A table block with a header row (its rows are its children, sent with it), and a
    line saying how many rows were left out past MAX_TABLE_ROWS."""
    shown = list(rows)[:MAX_TABLE_ROWS]

    def row(cells: Sequence[object]) -> dict[str, Any]:
        return {
            "object": "block",
            "type": "table_row",
            "table_row": {"cells": [_rich("" if c is None else str(c)) for c in cells]},
        }

    blocks = [
        {
            "object": "block",
            "type": "table",
            "table": {
                "table_width": len(headers),
                "has_column_header": True,
                "has_row_header": False,
                "children": [row(headers), *(row(r) for r in shown)],
            },
        }
    ]
    if len(rows) > len(shown):
        blocks.append(_paragraph(f"… +{len(rows) - len(shown)}", color="gray"))
    return blocks


def page_title(report: Report) -> str:
    return f"{Labels(report.locale)['title']} · {report.source}"


def notion_blocks(report: Report) -> list[dict[str, Any]]:
    """The report as Notion blocks: headings, tables and bulleted lists."""
    L = Labels(report.locale)
    r = report
    status = L.status_name
    measured = [g for g in r.goals if g.completion is not None]
    blocks: list[dict[str, Any]] = [
        _paragraph(
            f"{L['source']}{L['colon']}{r.source} · {L['date']}{L['colon']}{r.today.isoformat()}"
            f" · tasklint {r.version}",
            color="gray",
        ),
        _heading(L["overview"]),
        *_table(
            ["", ""],
            [
                [L["rows"], r.rows],
                [status("done"), r.statuses["done"]],
                [status("not_done"), r.statuses["not_done"]],
                [status("abnormal"), r.statuses["abnormal"]],
                [L["errors"], r.summary["error"]],
                [L["warnings"], r.summary["warning"]],
                [L["info"], r.summary["info"]],
                [L["overdue_count"], len(r.overdue)],
                [L["goals_met"], f"{sum(1 for g in measured if g.met)}/{len(measured)}"],
            ],
        ),
        _heading(L["goals"]),
    ]
    if r.goals:
        blocks += _table(
            [L["task"], L["goal"], L["target"], L["actual"], L["completion"], L["status"]],
            [
                [
                    g.title,
                    (g.goal or g.metric or "—")
                    + (f" ({L['lower_better']})" if g.lower_is_better else ""),
                    fmt.value(g.target, as_percent=g.percent),
                    fmt.value(g.actual, as_percent=g.percent),
                    fmt.percent(g.completion) if g.completion is not None else L["not_measured"],
                    status(g.status),
                ]
                for g in r.goals
            ],
        )
    else:
        blocks.append(_paragraph(L["no_goals"]))

    blocks.append(_heading(L["phases"]))
    if r.phases:
        blocks += _table(
            [L["phase"], status("done"), status("not_done"), status("abnormal"), L["total"]],
            [[L.phase_name(p.phase), p.done, p.not_done, p.abnormal, p.total] for p in r.phases],
        )
    else:
        blocks.append(_paragraph(L["no_rows"]))

    blocks.append(_heading(f"{L['findings']} ({r.open_findings})"))
    if r.rules:
        blocks.append(_heading(L["by_rule"], 3))
        blocks += _table(
            [L["code"], L["rule"], L["errors"], L["warnings"], L["info"], L["total"]],
            [[x.code, x.name, x.error, x.warning, x.info, x.total] for x in r.rules],
        )
        blocks += [_bullet(f"{f.code} {f.message}") for f in r.table_findings]
        for key, lines, nobody in (
            ("by_owner", r.owners, L["no_owner"]),
            ("by_department", r.departments, L["no_department"]),
        ):
            blocks.append(_heading(L[key], 3))
            blocks += _table(
                [
                    L["owner" if key == "by_owner" else "department"],
                    L["errors"],
                    L["warnings"],
                    L["info"],
                    L["abnormal_rows"],
                ],
                [[g.name or nobody, g.error, g.warning, g.info, g.abnormal] for g in lines],
            )
    else:
        blocks.append(_paragraph(L["no_findings"]))

    blocks.append(_heading(f"{L['overdue']} ({len(r.overdue)})"))
    if r.overdue:
        blocks += _table(
            [L["task"], L["owner"], L["due"], L["days_late"], L["status"]],
            [
                [o.title, o.owner or "—", o.due.isoformat(), o.days_late, status(o.status)]
                for o in r.overdue
            ],
        )
    else:
        blocks.append(_paragraph(L["no_overdue"]))

    b = r.budget
    blocks.append(_heading(L["budget"]))
    if b.present:
        reserve = f" ({fmt.number(b.contingency)})" if b.contingency else ""
        blocks += [
            _bullet(f"{L['planned']}: {fmt.number(b.planned)}"),
            _bullet(f"{L['spent']}: {fmt.number(b.spent)} ({fmt.share(b.used)})"),
            _bullet(f"{L['contingency_share']}: {fmt.share(b.contingency_share)}{reserve}"),
        ]
        over = [x for x in b.lines if x.over]
        blocks += [
            _bullet(
                f"{x.title}: {L['over_budget']} ({fmt.number(x.spent)} / {fmt.number(x.budget)})",
                color="red",
            )
            for x in over
        ]
    else:
        blocks.append(_paragraph(L["no_budget"]))

    blocks.append(_heading(L["trend"]))
    if r.trend:
        blocks.append(_paragraph(L["trend_intro"].format(n=len(r.trend))))
        blocks += _table(
            [L["run"], L["date"], L["open_warnings"], L["abnormal_rows"]],
            [
                [
                    L["run_label"].format(id=p.run_id),
                    p.started.strftime("%Y-%m-%d %H:%M"),
                    p.open_warnings,
                    "—" if p.abnormal is None else p.abnormal,
                ]
                for p in reversed(r.trend)
            ],
        )
    else:
        blocks.append(_paragraph(L["no_history_file"] if r.kind == "file" else L["no_history"]))

    blocks.append(_heading(L["review"]))
    if not r.review.rows:
        blocks.append(_paragraph(L["no_review"], color="red"))
    for key in PART_KEYS:
        blocks.append(_heading(L[key], 3))
        items = r.review.parts.get(key) or []
        if items:
            blocks += [_bullet(item.text) for item in items]
        else:
            blocks.append(_paragraph(L["missing_" + key], color="red"))
    blocks.append(
        _paragraph(
            L["footer"].format(version=r.version, date=r.today.isoformat(), source=r.source),
            color="gray",
        )
    )
    return blocks


def _chunks(blocks: Sequence[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(blocks), BLOCKS_PER_REQUEST):
        yield list(blocks[start : start + BLOCKS_PER_REQUEST])


# --- Notion ---------------------------------------------------------------------------------

_HEX32 = re.compile(r"[0-9a-fA-F]{32}")


def parent_page_id(value: str) -> str:
    """The page id in `[report] notion_parent`: an id with or without dashes, or the
    page's URL (its last 32 hex digits)."""
    compact = value.split("?", 1)[0].replace("-", "")
    found = _HEX32.findall(compact[-32:]) or _HEX32.findall(compact)
    if not found:
        raise ConfigError(
            f"report.notion_parent = {value!r} names no page",
            hint="give the page's id (32 hex digits) or its URL",
            zh=f"report.notion_parent = {value!r} 没有指向任何页面",
            hint_zh="请填写页面的 id（32 位十六进制数字）或页面的 URL",
        )
    raw = found[-1].lower()
    return f"{raw[:8]}-{raw[8:12]}-{raw[12:16]}-{raw[16:20]}-{raw[20:]}"


class NotionPublisher:
    def __init__(
        self,
        parent: str,
        token: str,
        *,
        base_url: str = "https://api.notion.com",
        requests_per_second: float = 3.0,
        on_wait: Waiter | None = None,
        policy: Any = None,
    ) -> None:
        from tasklint.connectors.notion import NotionConnector

        self.parent = parent_page_id(parent)
        # The connector's client: its throttled transport (the integration's rate limit,
        # shared with any sync in this process) and its retries.
        connector = NotionConnector(
            f"notion://{self.parent}",
            token,
            base_url=base_url,
            requests_per_second=requests_per_second,
            policy=policy,
            on_wait=on_wait,
        )
        self.stats = connector.stats
        self._client = connector._client

    def _call(self, what: str, action: Callable[[], Any]) -> Any:
        import httpx
        from notion_client import APIResponseError
        from notion_client.errors import HTTPResponseError, RequestTimeoutError

        from tasklint.connectors.notion import _explain

        where = f"Notion page {self.parent} ({what})"
        where_zh = f"Notion 页面 {self.parent}（{what}）"
        try:
            return action()
        except APIResponseError as exc:
            if exc.status == 404:
                raise SourceError(
                    f"{where}: not found",
                    hint="check report.notion_parent and share that page with the integration",
                    zh=f"{where_zh}：找不到",
                    hint_zh="请检查 report.notion_parent，并把这个页面共享给集成",
                ) from None
            raise _explain(exc, where, where_zh) from None
        except (HTTPResponseError, RequestTimeoutError, httpx.TransportError) as exc:
            raise _explain(exc, where, where_zh) from None

    def _children(self, block_id: str) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = []
        cursor: str | None = None
        while True:
            extra = {"start_cursor": cursor} if cursor else {}
            page = self._call(
                "read",
                partial(
                    self._client.blocks.children.list, block_id=block_id, page_size=100, **extra
                ),
            )
            found += page.get("results", [])
            cursor = page.get("next_cursor")
            if not page.get("has_more") or not cursor:
                return found

    def find_page(self, title: str) -> str | None:
        for block in self._children(self.parent):
            if block.get("type") == "child_page" and (
                (block.get("child_page") or {}).get("title") == title
            ):
                return str(block["id"])
        return None

    def publish(self, report: Report) -> Published:
        title = page_title(report)
        blocks = notion_blocks(report)
        page_id = self.find_page(title)
        created = page_id is None
        if page_id is None:
            first, *rest = list(_chunks(blocks))
            page = self._call(
                "create page",
                lambda: self._client.pages.create(
                    parent={"type": "page_id", "page_id": self.parent},
                    properties={"title": {"title": _rich(title)}},
                    icon={"type": "emoji", "emoji": "📊"},
                    children=first,
                ),
            )
            page_id = str(page["id"])
            url = str(page.get("url") or page_id)
        else:
            # One request clears it, where deleting block by block took one a block.
            self._call(
                "clear page",
                partial(self._client.pages.update, page_id=page_id, erase_content=True),
            )
            rest = list(_chunks(blocks))
            url = page_id
        for chunk in rest:
            self._call(
                "write page",
                partial(self._client.blocks.children.append, block_id=page_id, children=chunk),
            )
        if not created:
            page = self._call("page", lambda: self._client.pages.retrieve(page_id=page_id))
            url = str(page.get("url") or page_id)
        return Published("notion", url, created)


# --- Airtable -------------------------------------------------------------------------------

KEY_FIELD = "Run"
# The "Lint runs" table: field name -> (type, options), in the meta API's shapes.
RUNS_FIELDS: dict[str, tuple[str, dict[str, Any] | None]] = {
    KEY_FIELD: ("singleLineText", None),
    "Source": ("singleLineText", None),
    "Date": ("date", {"dateFormat": {"name": "iso"}}),
    "Rows": ("number", {"precision": 0}),
    "Done": ("number", {"precision": 0}),
    "Not done": ("number", {"precision": 0}),
    "Abnormal": ("number", {"precision": 0}),
    "Errors": ("number", {"precision": 0}),
    "Warnings": ("number", {"precision": 0}),
    "Info": ("number", {"precision": 0}),
    "Overdue": ("number", {"precision": 0}),
    "Goals met": ("number", {"precision": 0}),
    "Goals measured": ("number", {"precision": 0}),
    "Budget": ("number", {"precision": 2}),
    "Spent": ("number", {"precision": 2}),
    "Contingency share": ("percent", {"precision": 1}),
    "Top rules": ("multilineText", None),
    "Successes": ("multilineText", None),
    "Problems": ("multilineText", None),
    "Suggestions": ("multilineText", None),
    "tasklint": ("singleLineText", None),
}


def run_key(report: Report) -> str:
    return f"{report.source} · {report.today.isoformat()}"


def run_fields(report: Report) -> dict[str, Any]:
    """One row of the "Lint runs" table (absent values are sent as null: a rerun
    clears what no longer holds)."""
    L = Labels(report.locale)
    measured = [g for g in report.goals if g.completion is not None]
    review = {
        key: "\n".join(f"• {item.text}" for item in report.review.parts.get(key) or [])
        or L["missing_" + key]
        for key in PART_KEYS
    }
    return {
        KEY_FIELD: run_key(report),
        "Source": report.source,
        "Date": report.today.isoformat(),
        "Rows": report.rows,
        "Done": report.statuses["done"],
        "Not done": report.statuses["not_done"],
        "Abnormal": report.statuses["abnormal"],
        "Errors": report.summary["error"],
        "Warnings": report.summary["warning"],
        "Info": report.summary["info"],
        "Overdue": len(report.overdue),
        "Goals met": sum(1 for g in measured if g.met),
        "Goals measured": len(measured),
        "Budget": report.budget.planned,
        "Spent": report.budget.spent,
        "Contingency share": report.budget.contingency_share,
        "Top rules": "\n".join(f"{x.code} {x.name} × {x.total}" for x in report.rules[:10]) or None,
        "Successes": review["successes"],
        "Problems": review["problems"],
        "Suggestions": review["suggestions"],
        "tasklint": report.version,
    }


class AirtablePublisher:
    def __init__(
        self,
        url: str,
        token: str,
        *,
        endpoint_url: str = "https://api.airtable.com",
        requests_per_second: float = 5.0,
        on_wait: Waiter | None = None,
        policy: Any = None,
    ) -> None:
        from tasklint.connectors.airtable import AirtableConnector, parse_url

        self.url = url
        self.base_id, self.table_name = parse_url(url)
        # The connector's pyairtable Api: its throttled session (the base's rate limit,
        # shared with any sync of that base in this process) and its retries.
        connector = AirtableConnector(
            url,
            token,
            endpoint_url=endpoint_url,
            requests_per_second=requests_per_second,
            policy=policy,
            on_wait=on_wait,
        )
        self.stats = connector.stats
        self._api = connector._table.api

    def _call(self, what: str, action: Callable[[], Any]) -> Any:
        from tasklint.connectors.airtable import call_airtable

        return call_airtable(f"{self.url} ({what})", action)

    def ensure_table(self) -> None:
        """Create the runs table, or the fields it lacks."""
        base = self._api.base(self.base_id)
        schema = self._call("schema", lambda: base.schema(force=True))
        table = next((t for t in schema.tables if self.table_name in (t.name, t.id)), None)

        def definition(name: str) -> dict[str, Any]:
            kind, options = RUNS_FIELDS[name]
            return {"name": name, "type": kind, **({"options": options} if options else {})}

        if table is None:
            self._call(
                "create table",
                lambda: base.create_table(
                    self.table_name,
                    [definition(name) for name in RUNS_FIELDS],
                    description="One row per `tasklint report --publish` run.",
                ),
            )
            return
        present = {f.name for f in table.fields}
        runs = self._api.table(self.base_id, table.id)
        for name in RUNS_FIELDS:
            if name not in present:
                spec = definition(name)
                self._call(
                    "create field",
                    partial(
                        runs.create_field, spec["name"], spec["type"], options=spec.get("options")
                    ),
                )

    def publish(self, report: Report) -> Published:
        self.ensure_table()
        table = self._api.table(self.base_id, self.table_name)
        fields = run_fields(report)
        result = self._call(
            "write run",
            lambda: table.batch_upsert([{"fields": fields}], key_fields=[KEY_FIELD]),
        )
        created = bool(result.get("createdRecords"))
        return Published("airtable", f"{self.url} · {fields[KEY_FIELD]}", created)


# --- both -----------------------------------------------------------------------------------


def publish(
    report: Report,
    settings: Settings,
    env: Environment | None = None,
    *,
    on_wait: Waiter | None = None,
) -> list[Published | TasklintError]:
    """Publish to every target `[report]` configures, each whatever became of the other
    (a Notion outage does not keep the report from Airtable): what was published, or
    why not. ConfigError when it names no target."""
    env = env or Environment()
    targets = settings.report
    if not targets.notion_parent and not targets.airtable_runs:
        raise ConfigError(
            "--publish: the config names no place to publish to",
            hint='in tasklint.toml, set report.notion_parent = "PAGE_ID" or '
            'report.airtable_runs = "airtable://BASE_ID/Lint runs"',
            zh="--publish：配置里没有指定发布到哪里",
            hint_zh='请在 tasklint.toml 中设置 report.notion_parent = "PAGE_ID" 或 '
            'report.airtable_runs = "airtable://BASE_ID/Lint runs"',
        )
    done: list[Published | TasklintError] = []
    if targets.notion_parent:
        done.append(_attempt(partial(_to_notion, report, targets.notion_parent, env, on_wait)))
    if targets.airtable_runs:
        done.append(_attempt(partial(_to_airtable, report, targets.airtable_runs, env, on_wait)))
    return done


def _attempt(action: Callable[[], Published]) -> Published | TasklintError:
    try:
        return action()
    except TasklintError as error:
        return error


def _to_notion(report: Report, parent: str, env: Environment, on_wait: Waiter | None) -> Published:
    token = env.required_token("notion", "--publish to Notion", ("the parent page", "上级页面"))
    publisher = NotionPublisher(parent, token, base_url=env.notion_base_url, on_wait=on_wait)
    return publisher.publish(report)


def _to_airtable(report: Report, runs: str, env: Environment, on_wait: Waiter | None) -> Published:
    token = env.required_token("airtable", "--publish to Airtable")
    publisher = AirtablePublisher(
        runs, token, endpoint_url=env.airtable_endpoint_url, on_wait=on_wait
    )
    return publisher.publish(report)


__all__ = [
    "RUNS_FIELDS",
    "AirtablePublisher",
    "NotionPublisher",
    "Published",
    "TasklintError",
    "notion_blocks",
    "publish",
    "run_fields",
]
