"""Every error tasklint reports to a user, with the one line the CLI prints.

    TasklintError            exit 2: the run cannot go on
    ├── ConfigError          tasklint.toml or an option is wrong
    ├── SourceError          a file or table cannot be read as a checklist
    │   └── MissingColumnError
    ├── AuthError            a token is missing or refused
    ├── ConnectionFailed     the service cannot be reached
    └── RateLimited          the service kept refusing after every retry

Messages say what is wrong and what to do, and never contain a token.
"""

from __future__ import annotations


class TasklintError(Exception):
    exit_code = 2

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        self.message = message
        self.hint = hint
        super().__init__(self.line())

    def line(self) -> str:
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
