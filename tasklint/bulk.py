"""Building many objects at once: tables of 100,000 rows read, linted and rendered.

CPython's cyclic garbage collector walks the young generation every few hundred new
container objects, and the older ones every ten walks of the younger. Reading or
linting a large table creates millions of dicts, lists and models that all stay alive:
the walks find nothing and cost as much as the work (half of a 100,000-row lint).
These steps run with the collector paused, and what they made is then filed with the
oldest generation, which only the (rarer, proportionate) full collections walk —
instead of being walked at once by the first collection after the pause.

A step over many rows can also be shared between the cores the process may use
(`across_cores`): forked children run contiguous parts and hand their results back as
plain values, so a 100,000-row lint on two cores takes a little over half the time.
"""

from __future__ import annotations

import gc
import marshal
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from itertools import pairwise
from typing import Any, TypeVar

T = TypeVar("T")


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the block; nested blocks are fine, and
    the collector is left as it was found (a caller that disabled it keeps it off).

    Nothing is collected any later than a full collection would have: objects only
    move to the oldest generation. The move is skipped when the process has frozen
    objects of its own (`gc.freeze()`, as pre-forking servers do), since it goes
    through the permanent generation."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if gc.get_freeze_count() == 0:
                gc.freeze()  # every tracked object to the permanent generation …
                gc.unfreeze()  # … and from there to the oldest one
            gc.enable()


# --- one large step on every core ---------------------------------------------------

# Below this many items a part, forking (a few milliseconds, and the pages a child
# touches copied) costs more than the part's work saves.
MIN_SHARE = 2_000


def usable_cores() -> int:
    """How many cores this process may run on: its CPU affinity where the system tells
    it (a container or `taskset` may allow fewer than the machine has)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    """Whether a step may be shared with forked children: on Linux only (macOS system
    libraries are not safe to use in a forked child, and Windows cannot fork), and only
    while this is the process's only thread — a child gets a copy of every lock, and
    one another thread held at the fork would stay held in the child for good."""
    return sys.platform.startswith("linux") and threading.active_count() == 1


def across_cores(
    count: int,
    run: Callable[[int, int], T],
    encode: Callable[[T], Any],
    decode: Callable[[Any, int, int], T],
    *,
    min_share: int | None = None,
    meanwhile: Callable[[], object] | None = None,
) -> list[T]:
    """`run(start, stop)` over the items 0…count, split into one contiguous part per
    usable core: the first part runs here, each other one in a forked child that hands
    `encode(result)` back through a pipe (as `marshal` data: built-in values only),
    which `decode(data, start, stop)` turns into the part's result here. The results
    come in order, one per part.

    `run` must not print or write anything: a child shares the parent's files. A part
    whose child fails (it raised, was killed, or sent nothing readable) is run here
    instead, so the outcome is the same as `[run(0, count)]` split — only slower.
    One part, run here, when the items are few, the process cannot fork safely
    (`can_fork`) or has one core; each part has at least `min_share` items (default
    `MIN_SHARE`). `meanwhile` is called here once this process's part is done, while
    the children finish theirs (or after the one part)."""
    parts = min(usable_cores(), count // max(min_share or MIN_SHARE, 1))
    if parts < 2 or not can_fork():
        alone = [run(0, count)]
        if meanwhile is not None:
            meanwhile()
        return alone
    bounds = [count * index // parts for index in range(parts + 1)]
    children: list[tuple[int, int] | None] = []  # (pid, pipe); None: not forked
    try:
        for start, stop in pairwise(bounds[1:]):
            children.append(_fork_part(run, encode, start, stop))
        results = [run(bounds[0], bounds[1])]
        if meanwhile is not None:
            meanwhile()
        for index, (start, stop) in enumerate(pairwise(bounds[1:])):
            child, children[index] = children[index], None
            data = None if child is None else _collect(*child)
            results.append(run(start, stop) if data is None else decode(data, start, stop))
        return results
    finally:
        for child in children:  # the parent's part raised: stop the others
            if child is not None:
                _abandon(*child)


def _fork_part(
    run: Callable[[int, int], T], encode: Callable[[T], Any], start: int, stop: int
) -> tuple[int, int] | None:
    """The child's pid and the pipe its data comes through; None when the system
    would not fork (out of processes or memory): the part is then run here."""
    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return None
    if pid == 0:  # the child: work, hand over, and leave without running the parent's
        status = 1  # exit handlers or flushing the parent's buffered output a second time
        try:
            os.close(read_end)
            with os.fdopen(write_end, "wb") as pipe:
                marshal.dump(encode(run(start, stop)), pipe)
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    return pid, read_end


def _collect(pid: int, pipe: int) -> Any:
    """The child's data, or None when it failed; the child is reaped either way."""
    try:
        with os.fdopen(pipe, "rb") as reader:
            data = reader.read()
    except BaseException:
        _abandon(pid, None)
        raise
    _, status = os.waitpid(pid, 0)
    if status != 0 or not data:
        return None
    try:
        return marshal.loads(data)
    except (EOFError, ValueError, TypeError):
        return None


def _abandon(pid: int, pipe: int | None) -> None:
    if pipe is not None:
        os.close(pipe)
    with suppress(ProcessLookupError):  # it had already ended
        os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
