"""Sharing a step between cores: `bulk.across_cores` splits, forks, collects and, when a
child fails, does the child's part itself."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator

import pytest

from tasklint import bulk
from tests.helpers import forking

REAL_ACTIVE_COUNT = threading.active_count
pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forks on Linux only")


@pytest.fixture
def cores() -> Iterator[list[int]]:
    """Three usable cores whatever the machine has, and the pids of the children forked."""
    with forking(3) as forked:
        yield forked


def squares(start: int, stop: int) -> tuple[list[int], int]:
    """The part's values and the process that computed them."""
    return [n * n for n in range(start, stop)], os.getpid()


def same(part: tuple[list[int], int]) -> tuple[list[int], int]:
    return part


def as_is(data: list, start: int, stop: int) -> tuple[list[int], int]:
    values, pid = data
    assert len(values) == stop - start
    return values, pid


def joined(parts: list[tuple[list[int], int]]) -> list[int]:
    return [value for values, _ in parts for value in values]


def reaped(pid: int) -> bool:
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def test_parts_run_in_children_and_come_back_in_order(cores: list[int]) -> None:
    parts = bulk.across_cores(10, squares, same, as_is, min_share=3)
    assert joined(parts) == [n * n for n in range(10)]
    assert [len(values) for values, _ in parts] == [3, 3, 4]
    pids = [pid for _, pid in parts]
    assert pids[0] == os.getpid()
    assert sorted(pids[1:]) == sorted(cores) and len(set(pids)) == 3
    assert all(reaped(pid) for pid in cores)


def test_few_items_stay_in_one_part_without_forking(cores: list[int]) -> None:
    parts = bulk.across_cores(5, squares, same, as_is, min_share=3)
    assert joined(parts) == [n * n for n in range(5)]
    assert len(parts) == 1 and cores == []


def test_one_core_runs_one_part(cores: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bulk, "usable_cores", lambda: 1)
    assert len(bulk.across_cores(100, squares, same, as_is, min_share=1)) == 1
    assert cores == []


def test_another_thread_means_no_fork(cores: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    real_count = REAL_ACTIVE_COUNT
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        monkeypatch.setattr(bulk.threading, "active_count", lambda: 1)
        assert bulk.can_fork()
        monkeypatch.setattr(bulk.threading, "active_count", real_count)
        assert real_count() >= 2 and not bulk.can_fork()
        parts = bulk.across_cores(10, squares, same, as_is, min_share=1)
    finally:
        stop.set()
        thread.join()
    assert joined(parts) == [n * n for n in range(10)] and cores == []


def test_a_failing_child_has_its_part_run_here(cores: list[int]) -> None:
    parent = os.getpid()

    def fails_in_children(start: int, stop: int) -> tuple[list[int], int]:
        if os.getpid() != parent and start == 3:
            raise RuntimeError("child failed")
        return squares(start, stop)

    parts = bulk.across_cores(10, fails_in_children, same, as_is, min_share=3)
    assert joined(parts) == [n * n for n in range(10)]
    assert [pid for _, pid in parts] == [parent, parent, cores[1]]
    assert all(reaped(pid) for pid in cores)


def test_a_killed_child_or_unmarshallable_data_has_its_part_run_here(cores: list[int]) -> None:
    parent = os.getpid()

    def dies(start: int, stop: int) -> tuple[list[int], int]:
        if os.getpid() != parent and start == 3:
            os._exit(9)
        return squares(start, stop)

    def odd_data(part: tuple[list[int], int]) -> object:
        return object() if part[0][0] == 36 else part  # the part from 6 on

    parts = bulk.across_cores(10, dies, odd_data, as_is, min_share=3)
    assert joined(parts) == [n * n for n in range(10)]
    assert [pid for _, pid in parts] == [parent, parent, parent]
    assert len(cores) == 2 and all(reaped(pid) for pid in cores)


def test_a_failing_fork_has_its_part_run_here() -> None:
    def no_fork() -> int:
        raise OSError(11, "Resource temporarily unavailable")

    with forking(2):
        os.fork = no_fork  # forking() puts the real one back
        open_before = len(os.listdir("/proc/self/fd"))
        parts = bulk.across_cores(10, squares, same, as_is, min_share=1)
    assert joined(parts) == [n * n for n in range(10)]
    assert [pid for _, pid in parts] == [os.getpid()] * 2
    assert len(os.listdir("/proc/self/fd")) == open_before  # the pipe was closed


def test_the_parents_part_failing_stops_and_reaps_the_children(cores: list[int]) -> None:
    parent = os.getpid()

    def parent_fails(start: int, stop: int) -> tuple[list[int], int]:
        if os.getpid() == parent:
            raise KeyError("parent failed")
        return squares(start, stop)

    with pytest.raises(KeyError):
        bulk.across_cores(10, parent_fails, same, as_is, min_share=3)
    assert len(cores) == 2 and all(reaped(pid) for pid in cores)


def test_a_child_does_not_flush_the_parents_buffered_output() -> None:
    # Text the parent has buffered but not yet written must come out once, not once
    # more from each child leaving.
    script = (
        "import sys\n"
        "from tasklint import bulk\n"
        "bulk.usable_cores = lambda: 2\n"
        "sys.stdout.write('before ')\n"
        "parts = bulk.across_cores(8, lambda a, b: list(range(a, b)), list,"
        " lambda d, a, b: d, min_share=1)\n"
        "print(sum(parts, []))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout == "before [0, 1, 2, 3, 4, 5, 6, 7]\n"


@pytest.mark.parametrize("usable", [1, 3])
def test_meanwhile_runs_once_here_after_this_process_part(
    cores: list[int], monkeypatch: pytest.MonkeyPatch, usable: int
) -> None:
    monkeypatch.setattr(bulk, "usable_cores", lambda: usable)
    events: list[str] = []
    parent = os.getpid()

    def noted(start: int, stop: int) -> tuple[list[int], int]:
        if os.getpid() == parent:
            events.append(f"run {start}")
        return squares(start, stop)

    def decode(data: list, start: int, stop: int) -> tuple[list[int], int]:
        events.append(f"collect {start}")
        return as_is(data, start, stop)

    parts = bulk.across_cores(
        9, noted, same, decode, min_share=3, meanwhile=lambda: events.append("meanwhile")
    )
    assert joined(parts) == [n * n for n in range(9)]
    if usable == 1:
        assert events == ["run 0", "meanwhile"] and cores == []
    else:
        assert events == ["run 0", "meanwhile", "collect 3", "collect 6"] and len(cores) == 2
