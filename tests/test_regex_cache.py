"""The compiled-pattern cache (`tasklint.regex_cache`): runs after the first read their
patterns from it, and what they get is exactly what `re` compiles.

Each case runs in a fresh interpreter: the cache replaces `re`'s compiler for the
whole process, and the test process must keep the one it has."""

from __future__ import annotations

import json
import marshal
import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Patterns of the kinds tasklint writes: named groups, look-around, Han and Hangul
# classes, verbose and case-blind flags, bytes.
PATTERNS = [
    (r"(?P<amount>\d+(?:\.\d+)?)\s*(?P<unit>万|千|k|M)?", 0),
    (r"(?<![\w.])Q[1-4](?!\d)", 0),
    (r"[\u3400-\u9fff]{2,4}(?:部|组|中心)", 0),
    (r"[\uac00-\ud7a3]+", 0),
    (r"by \s+ (?P<day>\d{1,2}) \s* (?:st|nd|rd|th)?", 10),  # VERBOSE | IGNORECASE
    (rb"\xef\xbb\xbf", 0),
    (r"(a)(b)?(?P<c>c)", 0),
]
SAMPLES = ["3.5万", "Q3 GMV", "市场部和运营中心", "마케팅팀", "BY 21st June", "abc", "ac"]

COMPILE = """
patterns = [
    (p.encode("latin-1") if kind == "b" else p, f) for kind, p, f in json.loads(sys.argv[2])
]
samples = json.loads(sys.argv[3])
{setup}
print(json.dumps({{"installed": regex_cache._active is not None}}))
original = regex_cache._active.original if regex_cache._active else re._compiler.compile
results = []
for pattern, flags in patterns:
    compiled = re.compile(pattern, flags)
    same = compiled == original(pattern, flags)
    found = []
    for text in samples:
        target = text.encode() if isinstance(pattern, bytes) else text
        match = compiled.search(target)
        found.append(None if match is None else [repr(match.group(0)), repr(match.groupdict())])
    results.append([same, compiled.groups, dict(compiled.groupindex), found])
counts = regex_cache.counts()
regex_cache.save()
print(json.dumps({{"counts": counts, "results": results}}))
"""


def _python(
    code: str, *args: str, hash_seed: str | None = None
) -> subprocess.CompletedProcess[str]:
    """`code` run by a fresh interpreter with the cache at args[0] installed first
    (with PYTHONHASHSEED=`hash_seed` when given: sets and str hashes in another order)."""
    installed = (
        "import json, re, sys\nfrom pathlib import Path\nfrom tasklint import regex_cache\n"
        "regex_cache.install(Path(sys.argv[1]))\n"
    )
    command = [sys.executable, "-c", installed + code, *args]
    env = {**os.environ, "PYTHONHASHSEED": hash_seed} if hash_seed else None
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=env)


def _run(path: Path, setup: str = "") -> tuple[bool, list[int], list[object]]:
    encoded = [
        ("b", p.decode("latin-1"), f) if isinstance(p, bytes) else ("s", p, f) for p, f in PATTERNS
    ]
    code = COMPILE.format(setup=textwrap.dedent(setup))
    done = _python(code, str(path), json.dumps(encoded), json.dumps(SAMPLES))
    done.check_returncode()
    first, second = done.stdout.splitlines()
    return json.loads(first)["installed"], *json.loads(second).values()  # type: ignore[return-value]


def test_the_second_run_reads_every_pattern_from_the_file_and_gets_what_re_compiles(
    tmp_path: Path,
) -> None:
    cache = tmp_path / "regex.bin"
    installed, counts, cold = _run(cache)
    assert installed
    assert counts == [0, len(PATTERNS)]  # nothing to read yet; every pattern kept
    assert cache.stat().st_size > 0

    installed, counts, warm = _run(cache)
    assert counts == [len(PATTERNS), 0]  # every pattern read back, nothing new to write
    assert warm == cold
    assert all(same for same, *_ in warm)  # each equals re's own compile, code and all
    amounts = warm[0][3]
    assert amounts[0] == ["'3.5万'", "{'amount': '3.5', 'unit': '万'}"]


def test_a_damaged_file_is_ignored_and_written_again(tmp_path: Path) -> None:
    cache = tmp_path / "regex.bin"
    cache.write_bytes(b"\xe3not marshal data at all")
    _, counts, results = _run(cache)
    assert counts == [0, len(PATTERNS)]
    assert all(same for same, *_ in results)
    _, counts, _ = _run(cache)
    assert counts == [len(PATTERNS), 0]


def test_a_place_that_cannot_be_written_leaves_patterns_working(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    _, counts, results = _run(blocker / "regex.bin")
    assert counts == [0, len(PATTERNS)]
    assert all(same for same, *_ in results)
    assert not (blocker / "regex.bin").exists()


def _check(
    cache: Path, *options: str, hash_seed: str | None = None
) -> subprocess.CompletedProcess[str]:
    """`tasklint check …` with the cache at `cache`."""
    code = "sys.argv = ['tasklint', *sys.argv[2:]]\nfrom tasklint.cli import main\nmain()"
    return _python(code, str(cache), "check", *options, hash_seed=hash_seed)


def test_a_full_file_keeps_only_the_patterns_this_run_used(tmp_path: Path) -> None:
    cache = tmp_path / "regex.bin"
    # A first run fills the file with patterns the next run does not use.
    stale = "import re\nfor n in range(5): re.compile(f'stale{n}+')\nregex_cache.save()"
    assert _python(stale, str(cache)).returncode == 0
    _, counts, _ = _run(cache, setup="regex_cache.MAX_ENTRIES = len(patterns) + 2")
    assert counts == [0, len(PATTERNS)]
    kept = marshal.loads(cache.read_bytes())
    assert len(kept) == len(PATTERNS)
    assert not any(isinstance(key[0], str) and key[0].startswith("stale") for key in kept)


def test_a_check_reads_the_same_with_the_cache_cold_and_warm(tmp_path: Path) -> None:
    cache = tmp_path / "regex.bin"
    options = ("examples/marketing-plan.zh.csv", "--format", "json", "--today", "2025-06-20")
    cold = _check(cache, *options)
    assert cache.exists()  # the CLI writes the patterns it compiled
    warm = _check(cache, *options)
    assert cold.returncode == warm.returncode == 1  # the example plan has errors
    assert json.loads(warm.stdout) == json.loads(cold.stdout)
    (source,) = json.loads(cold.stdout)["sources"]
    assert sum(source["summary"]["status"].values()) > 9


def test_the_next_check_finds_every_pattern_even_with_sets_in_another_order(
    tmp_path: Path,
) -> None:
    # A pattern joined from a set's words has another text in a process whose hashes
    # differ (each run of Python, unless PYTHONHASHSEED fixes them): it would never be
    # found, and would be compiled and written again on every run.
    cache = tmp_path / "regex.bin"
    options = ("examples/marketing-plan.zh.csv", "--format", "json", "--today", "2025-06-20")
    _check(cache, *options, hash_seed="1")
    first = marshal.loads(cache.read_bytes())
    assert len(first) > 100
    _check(cache, *options, hash_seed="2")
    second = marshal.loads(cache.read_bytes())
    assert second.keys() == first.keys()  # nothing new was compiled, nothing written


def test_every_pattern_a_check_left_in_the_cache_is_what_re_compiles(tmp_path: Path) -> None:
    cache = tmp_path / "regex.bin"
    _check(cache, "examples/marketing-plan.en.xlsx", "-f", "json")
    compare = (
        "import marshal, re, _sre\nfrom array import array\n"
        "entries = marshal.loads(open(sys.argv[1], 'rb').read())\n"
        "words = next(c for c in 'IL' if array(c).itemsize == _sre.CODESIZE)\n"
        "bad = [p for (p, f), (ff, code, g, gi, ig) in entries.items()\n"
        "       if _sre.compile(p, ff, array(words, code).tolist(), g, gi, ig)\n"
        "          != regex_cache._active.original(p, f)]\n"
        "print(len(entries), len(bad))"
    )
    checked = _python(compare, str(cache))
    total, bad = map(int, checked.stdout.split())
    assert total > 100  # the check's own patterns, not a handful
    assert bad == 0
