"""The service's events, one a line: JSON when stderr is not a terminal (journald, a
container runtime, a file), `time level event key=value …` when it is.

    {"ts": "2025-06-20T18:00:01.204Z", "level": "info", "event": "source.run",
     "source": "q3-plan", "slot": "2025-06-21", "result": "ok", "rows_read": 20, …}

Every line passes through `redact` before it is written: the values of the token
variables never appear, whatever an exception message or a library put in a field.
"""

from __future__ import annotations

import json
import logging
import sys
import threading
from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any, TextIO

REDACTED = "***"


class EventLog:
    def __init__(
        self,
        stream: TextIO | None = None,
        *,
        json_lines: bool | None = None,
        secrets: Iterable[str] = (),
    ) -> None:
        self.stream = stream or sys.stderr
        if json_lines is None:
            json_lines = not _is_terminal(self.stream)
        self.json_lines = json_lines
        # Longest first, so that a token containing another is hidden whole.
        self._secrets = sorted({s for s in secrets if s and len(s) >= 4}, key=len, reverse=True)
        self._lock = threading.Lock()

    def redact(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, REDACTED)
        return text

    def emit(self, event: str, level: str = "info", **fields: Any) -> None:
        now = datetime.now(UTC)
        if self.json_lines:
            record = {
                "ts": now.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
                "level": level,
                "event": event,
                **fields,
            }
            line = json.dumps(record, ensure_ascii=False, default=_plain, sort_keys=False)
        else:
            shown = " ".join(f"{k}={_text(v)}" for k, v in fields.items() if v not in (None, {}))
            stamp = now.astimezone().strftime("%Y-%m-%d %H:%M:%S")
            line = f"{stamp} {level:<7} {event} {shown}".rstrip()
        line = self.redact(line)
        with self._lock:
            try:
                self.stream.write(line + "\n")
                self.stream.flush()
            except (OSError, ValueError):  # a closed pipe must not stop the service
                pass


class EventLogHandler(logging.Handler):
    """Library warnings (pyairtable, httpx, notion-client) as events of the same log,
    so that a JSON-lines stream stays JSON lines."""

    def __init__(self, log: EventLog) -> None:
        super().__init__(logging.WARNING)
        self.log = log

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = record.getMessage()
        except Exception:  # a malformed library message
            message = str(record.msg)
        self.log.emit("library", record.levelname.lower(), logger=record.name, message=message)


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _text(value: Any) -> str:
    if isinstance(value, dict):
        return ",".join(f"{k}:{v}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return ",".join(str(v) for v in value) or "-"
    if isinstance(value, (datetime, date)):
        return str(_plain(value))
    text = str(value)
    return json.dumps(text, ensure_ascii=False) if " " in text else text
