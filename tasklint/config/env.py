"""Secrets and endpoints from the environment, never from a file or an option.

Tokens are SecretStr: printing the settings, a log line or an exception shows `**********`.
"""

from __future__ import annotations

from typing import Protocol

from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Sandbox(Protocol):
    """Where a sandbox serves the two APIs, and the token it wants
    (`tasklint.sandbox.SandboxServer`)."""

    @property
    def token(self) -> str: ...

    @property
    def airtable_url(self) -> str: ...

    @property
    def notion_url(self) -> str: ...


class Environment(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="", case_sensitive=False, extra="ignore")

    airtable_token: SecretStr | None = None
    notion_token: SecretStr | None = None
    airtable_endpoint_url: str = "https://api.airtable.com"
    notion_base_url: str = "https://api.notion.com"

    @classmethod
    def for_sandbox(cls, sandbox: Sandbox, token: str | None = None) -> Environment:
        """Both clients pointed at a sandbox, with its token (or `token`), whatever the
        process's environment says."""
        return cls(
            airtable_token=SecretStr(token or sandbox.token),
            notion_token=SecretStr(token or sandbox.token),
            airtable_endpoint_url=sandbox.airtable_url,
            notion_base_url=sandbox.notion_url,
        )
