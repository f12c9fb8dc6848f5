"""Secrets and endpoints from the environment, never from a file or an option.

Tokens are SecretStr: printing the settings, a log line or an exception shows `**********`.
"""

from __future__ import annotations

import re
from typing import Literal, Protocol

from pydantic import SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from tasklint.errors import AuthError

# What a token of either service is written in: visible ASCII, no spaces
_TOKEN = re.compile(r"[\x21-\x7e]+")


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

    @field_validator("airtable_token", "notion_token", mode="before")
    @classmethod
    def _trimmed(cls, value: object) -> object:
        # A token exported with its line break (a .env file saved with CRLF, a secret
        # made from a file) is the same token: HTTP would refuse the header, and the
        # library's error would quote it.
        if isinstance(value, str):
            return value.strip() or None
        return value

    def token(self, service: Literal["airtable", "notion"], where: str) -> str | None:
        """The service's token, None when it is not set; refused (AuthError, which never
        quotes it) when it holds a character no token has."""
        secret = self.airtable_token if service == "airtable" else self.notion_token
        if secret is None:
            return None
        value = secret.get_secret_value()
        if not _TOKEN.fullmatch(value):
            variable = f"{service.upper()}_TOKEN"
            raise AuthError(
                f"{where}: {variable} holds a character no token has "
                "(a space, a line break or a non-ASCII letter)",
                hint="copy the token again and export it",
                zh=f"{where}：{variable} 中有令牌不会有的字符（空格、换行或非 ASCII 字符）",
                hint_zh="请重新复制令牌并导出（export）",
            )
        return value

    def required_token(
        self,
        service: Literal["airtable", "notion"],
        where: str,
        shared: tuple[str, str] = ("the database", "数据库"),
    ) -> str:
        """The service's token (as `token` reads it); AuthError saying how to get one when
        it is not set. `shared`: what a Notion integration must be shared with, en and zh."""
        value = self.token(service, where)
        if value is not None:
            return value
        if service == "airtable":
            raise AuthError(
                f"{where}: AIRTABLE_TOKEN is not set",
                hint="create a personal access token at airtable.com/create/tokens and export it",
                zh=f"{where}：没有设置 AIRTABLE_TOKEN",
                hint_zh="请在 airtable.com/create/tokens 创建个人访问令牌，并导出（export）它",
            )
        raise AuthError(
            f"{where}: NOTION_TOKEN is not set",
            hint=f"create an internal integration, share {shared[0]} with it, and export its"
            " secret",
            zh=f"{where}：没有设置 NOTION_TOKEN",
            hint_zh=f"请创建一个内部集成，把{shared[1]}共享给它，并导出（export）它的密钥",
        )

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
