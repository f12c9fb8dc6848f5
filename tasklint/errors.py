"""Every error and notice tasklint reports to a user, with the one line the CLI prints.

    TasklintError            exit 2: the run cannot go on
    ├── ConfigError          tasklint.toml or an option is wrong
    ├── SourceError          a file or table cannot be read as a checklist
    │   └── MissingColumnError
    ├── AuthError            a token is missing or refused
    ├── ConnectionFailed     the service cannot be reached
    └── RateLimited          the service kept refusing after every retry

    Notice                   what the run tells the user without stopping
    Expected                 what a config value should be, as a validator says it

Messages say what is wrong and what to do, in English and in Chinese (`zh=`,
`hint_zh=`: the teams that read them work in either), and never contain a token.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


class TasklintError(Exception):
    exit_code = 2

    def __init__(
        self,
        message: str,
        *,
        hint: str | None = None,
        zh: str | None = None,
        hint_zh: str | None = None,
    ) -> None:
        self.message = message
        self.hint = hint
        self.zh = zh
        self.hint_zh = hint_zh
        super().__init__(self.line())

    def line(self, locale: str = "en") -> str:
        """The line for a user who reads `locale`; English whatever else is asked, and
        each Chinese part falls back to its English when it has none."""
        if locale == "zh":
            message = self.zh or self.message
            hint = self.hint_zh or self.hint
            return f"{message}——{hint}" if hint else message
        return f"{self.message} — {self.hint}" if self.hint else self.message


class ConfigError(TasklintError):
    pass


class SourceError(TasklintError):
    pass


class MissingColumnError(SourceError):
    pass


class AuthError(TasklintError):
    pass


class ConnectionFailed(TasklintError):
    pass


class RateLimited(TasklintError):
    pass


# The environment variables whose values are secrets (`tasklint.config.env`)
TOKEN_VARIABLES = ("AIRTABLE_TOKEN", "NOTION_TOKEN")


def without_tokens(text: str, environ: Mapping[str, str]) -> str:
    """`text` with every token's value, as set or trimmed, written as ***: for a line
    whose words come from a library (an unexpected error's message)."""
    secrets = {environ.get(name, "") for name in TOKEN_VARIABLES}
    secrets |= {secret.strip() for secret in secrets}
    for secret in sorted((s for s in secrets if len(s) >= 4), key=len, reverse=True):
        text = text.replace(secret, "***")
    return text


@dataclass(frozen=True, slots=True)
class Notice:
    """A line the run tells the user without stopping (a file read another way than
    its name says, a column ignored…), or a verdict shown beside a column; `str()` is
    the English, for logs and library callers."""

    en: str
    zh: str

    def __str__(self) -> str:
        return self.en

    def text(self, locale: str = "en") -> str:
        return self.zh if locale == "zh" else self.en


class Expected(ValueError):
    """What a key's value should be, said by a validator in both languages; pydantic
    keeps the exception, so the config error can say it in Chinese too. Here rather
    than in the config layer, as rule parameters (`validators.base`) say it as well."""

    def __init__(self, en: str, zh: str) -> None:
        super().__init__(en)
        self.zh = zh
