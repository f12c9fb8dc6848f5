"""Shared pieces of the sync tests: a sandbox per module, a fresh table per test, and
the environment that points the real clients at the sandbox."""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from tasklint.config.env import Environment
from tasklint.config.settings import Settings, SourceConfig
from tasklint.connectors.airtable import AirtableConnector
from tasklint.connectors.notion import NotionConnector
from tasklint.connectors.remote import Connector
from tasklint.connectors.sources import SourceSpec
from tasklint.connectors.transport import RetryPolicy
from tasklint.sandbox import SandboxServer
from tasklint.sandbox.seed import load_plan
from tasklint.sync.engine import SyncOptions, SyncOutcome, sync_source
from tasklint.sync.state import StateStore

TODAY = date(2025, 6, 20)
# The sandbox's Airtable penalty is shortened in tests; the connectors wait as long.
FAST_POLICY = RetryPolicy(backoff=0.05, rate_limit_wait=0.4, max_backoff=0.5)


def plan_section(lang: str = "zh") -> dict[str, Any]:
    return copy.deepcopy(load_plan()[lang])


def environment(server: SandboxServer, token: str | None = None) -> Environment:
    return Environment.for_sandbox(server, token)


def new_airtable_source(server: SandboxServer, lang: str = "zh") -> SourceSpec:
    section = plan_section(lang)
    base = server.airtable.create_base(f"test {lang}")
    server.airtable.create_table_from_plan(base, section)
    url = f"airtable://{base}/{section['table']}"
    return SourceSpec(url, "airtable", url, SourceConfig(url=url))


def new_notion_source(
    server: SandboxServer, lang: str = "zh", rows: int | None = None
) -> SourceSpec:
    section = plan_section(lang)
    section["rows"] = section["rows"][:rows]
    database, _ = server.notion.create_database_from_plan(section, token=server.token)
    url = f"notion://{database}"
    return SourceSpec(url, "notion", url, SourceConfig(url=url))


@dataclass
class Syncer:
    server: SandboxServer
    state: StateStore
    settings: Settings

    # Requests/s the connectors allow themselves; None keeps their defaults (the vendors'
    # limits). The functional tests' sandbox allows ten times the vendors' rate.
    rate: float | None = 25.0

    def connector(self, spec: SourceSpec, policy: RetryPolicy = FAST_POLICY) -> Connector:
        """The connector `tasklint sync` would open, with the test's short waits."""
        pace = {} if self.rate is None else {"requests_per_second": self.rate}
        if spec.kind == "airtable":
            return AirtableConnector(
                spec.url,
                self.server.token,
                endpoint_url=self.server.airtable_url,
                policy=policy,
                **pace,
            )
        return NotionConnector(
            spec.url,
            self.server.token,
            base_url=self.server.notion_url,
            policy=policy,
            **pace,
        )

    def run(
        self,
        spec: SourceSpec,
        *,
        today: date = TODAY,
        on_phase: Callable[[str], None] | None = None,
        policy: RetryPolicy = FAST_POLICY,
        now: Callable[[], datetime] | None = None,
        on_written: Callable[[int, int], None] | None = None,
        **options: Any,
    ) -> SyncOutcome:
        clock = {"now": now} if now else {}
        return sync_source(
            spec,
            self.settings,
            environment(self.server),
            self.state,
            SyncOptions(today=today, **options),
            connector=self.connector(spec, policy),
            on_phase=on_phase,
            on_written=on_written,
            **clock,
        )


def make_syncer(server: SandboxServer, tmp_path: Path) -> Syncer:
    return Syncer(server, StateStore(tmp_path / "state.db"), Settings())
