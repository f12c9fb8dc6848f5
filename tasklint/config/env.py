"""Secrets and endpoints from the environment, never from a file or an option.

Tokens are SecretStr: printing the settings, a log line or an exception shows `**********`.
"""

from __future__ import annotations

from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Environment(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="", case_sensitive=False, extra="ignore")

    airtable_token: SecretStr | None = None
    notion_token: SecretStr | None = None
    airtable_endpoint_url: str = "https://api.airtable.com"
    notion_base_url: str = "https://api.notion.com"
