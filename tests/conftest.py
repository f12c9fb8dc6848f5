"""Fixtures for the connector and sync tests: one sandbox per test module."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tasklint.sandbox import SandboxServer
from tasklint.sandbox.limits import Limits

# Limits ten times the vendors' so that the functional tests run fast; the rate-limit
# tests (test_sync_limits.py) use the vendors' own figures.
FAST_LIMITS = dict(airtable_rate=50, airtable_penalty=0.4, notion_rate=30.0, notion_burst=30.0)


@pytest.fixture(autouse=True)
def english_system(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tests read tasklint's lines in English on any machine: on a Chinese system
    (LANG=zh_CN.UTF-8) its errors and notices would otherwise be Chinese. Tests of the
    Chinese lines set the locale they need."""
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture(scope="module")
def server() -> Iterator[SandboxServer]:
    with SandboxServer(limits=Limits(**FAST_LIMITS)) as running:
        yield running
