"""One writer per source: a lease in the state file.

`tasklint serve` and `tasklint sync` write a source only while they hold its lease
(`source:NAME`), renewed every third of `LEASE_TTL` while the run lasts; a holder that
dies stops renewing and its lease expires. So a manual sync while the service is
syncing the same source waits its turn instead of writing beside it.
"""

from __future__ import annotations

import os
import secrets
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from tasklint.errors import SourceError
from tasklint.sync.state import StateStore

LEASE_TTL = 90.0  # seconds a lease lasts without renewal (a dead holder's expires then)


def holder_id() -> str:
    """Who holds a lease: host, process and a nonce (a pid can be reused)."""
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"


def source_lease(source: str) -> str:
    return f"source:{source}"


class SourceBusy(SourceError):
    """Another process holds the source's lease."""

    def __init__(self, source: str, holder: str | None) -> None:
        self.holder = holder or "another process"
        holder_zh = f" {holder} " if holder else "另一个进程"
        super().__init__(
            f"{source}: being synced by {self.holder}",
            hint="wait for that run to finish (`tasklint serve` holds it while it writes),"
            " then sync again",
            zh=f"{source}：正在被{holder_zh}同步",
            hint_zh="请等那次运行结束（`tasklint serve` 写入期间会一直占用它），然后再同步",
        )


class LeaseKeeper:
    """Renews a lease every third of its lifetime while a run lasts; `lost` is set when
    a renewal is refused (another process took it after this one stalled)."""

    def __init__(self, state: StateStore, name: str, holder: str, ttl: float) -> None:
        self.lost = threading.Event()
        self._done = threading.Event()
        self._args = (state, name, holder, ttl)
        self._thread = threading.Thread(target=self._renew, name=f"lease {name}", daemon=True)

    def __enter__(self) -> LeaseKeeper:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._done.set()
        self._thread.join(timeout=5)

    def _renew(self) -> None:
        state, name, holder, ttl = self._args
        while not self._done.wait(ttl / 3):
            try:
                granted = state.acquire_lease(name, holder, now=time.time(), ttl=ttl)
            except Exception:  # a locked database: try again at the next beat
                continue
            if not granted:
                self.lost.set()
                return


@contextmanager
def holding(
    state: StateStore, source: str, holder: str, ttl: float = LEASE_TTL, *, table: str | None = None
) -> Iterator[LeaseKeeper]:
    """The source's lease for the duration of the block, kept renewed (the keeper's
    `lost` says when it was taken away); SourceBusy when another process holds it. The
    lease is the table's (`table`, its URL) when given: a source synced by its configured
    name and by its URL is one table, and two writers on it would both write."""
    name = source_lease(table or source)
    if not state.acquire_lease(name, holder, now=time.time(), ttl=ttl):
        raise SourceBusy(source, state.lease_holder(name, now=time.time()))
    try:
        with LeaseKeeper(state, name, holder, ttl) as keeper:
            yield keeper
    finally:
        state.release_lease(name, holder)
