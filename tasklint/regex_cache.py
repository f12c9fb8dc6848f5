"""Compiled regular expressions kept between runs, as Python keeps compiled modules.

Python's `re` parses a pattern and compiles it to the code its matcher runs in Python
(`re._parser`, `re._compiler`); only the matcher is written in C. The cell parsers and
goal vocabularies hold a few hundred patterns, some with classes over the whole Han
range, and compiling them was a quarter of every run's start-up (40-55 ms on the bench
machine; loading them from this cache takes about 3 ms).

The command line installs the cache before anything compiles (`tasklint.cli`). From
then on a pattern compiled in the process, tasklint's or a library's, is looked up by
its text and flags; a miss is compiled by `re` itself, and its code is kept only when
the matcher built from it equals `re`'s own pattern (`re.Pattern` equality compares
the code). At the end of the run the new entries are written beside the package's
byte code (`tasklint/__pycache__`), one file per Python build, since the code format
is the interpreter's own. Anything unexpected — another interpreter, an unreadable or
unwritable file, a change in `re`'s internals — leaves `re` to compile as usual: the
cache makes runs faster, never different.

Written here because no library keeps `re`'s compiled code: the `regex` package
parses in Python too, and google-re2 has no look-around, which the parsers use.
"""

from __future__ import annotations

import marshal
import os
import re
import sys
from array import array
from collections.abc import Callable
from pathlib import Path
from typing import Any

# (final flags, code as machine words, groups, group index, index group): the
# arguments `_sre.compile` takes after the pattern's text.
Entry = tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]

# Past this many entries a file is rewritten with this run's patterns only, so that
# patterns edited away do not pile up in it.
MAX_ENTRIES = 4000

# Flags whose patterns go straight to `re`: DEBUG prints while compiling.
_UNCACHED_FLAGS = re.DEBUG


class _Cache:
    def __init__(
        self, path: Path, words: str, build: Callable[..., re.Pattern[Any]], original: Any
    ) -> None:
        self.path = path
        self.words = words  # the array type code of one code word (`_sre.CODESIZE`)
        self.build = build
        self.original = original
        self.known: dict[tuple[str | bytes, int], Entry] = _read(path)
        self.new: dict[tuple[str | bytes, int], Entry] = {}
        self.used: set[tuple[str | bytes, int]] = set()
        self.hits = 0

    def compile(self, pattern: Any, flags: int = 0) -> re.Pattern[Any]:
        if not isinstance(pattern, str | bytes) or flags & _UNCACHED_FLAGS:
            return self.original(pattern, flags)  # type: ignore[no-any-return]
        key = (pattern, int(flags))
        entry = self.known.get(key) or self.new.get(key)
        if entry is not None:
            try:
                compiled = self._from(pattern, entry)
            except (TypeError, ValueError, RuntimeError):
                self.known.pop(key, None)
            else:
                self.hits += 1
                self.used.add(key)
                return compiled
        compiled = self.original(pattern, flags)
        entry = self._entry(pattern, int(flags))
        if entry is not None and self._from(pattern, entry) == compiled:
            self.new[key] = entry
            self.used.add(key)
        return compiled  # type: ignore[no-any-return]

    def _from(self, pattern: str | bytes, entry: Entry) -> re.Pattern[Any]:
        flags, code, groups, groupindex, indexgroup = entry
        return self.build(
            pattern, flags, array(self.words, code).tolist(), groups, groupindex, indexgroup
        )

    def _entry(self, pattern: str | bytes, flags: int) -> Entry | None:
        """The compiled form of `pattern` as `re._compiler.compile` makes it."""
        from re import _compiler, _parser  # type: ignore[attr-defined]

        try:
            tree = _parser.parse(pattern, flags)
            code = array(self.words, [int(word) for word in _compiler._code(tree, flags)])
            state = tree.state
            groupindex = dict(state.groupdict)
        except (AttributeError, TypeError, ValueError, OverflowError, re.error):
            return None
        indexgroup: list[str | None] = [None] * state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        return (
            int(flags | state.flags),
            code.tobytes(),
            state.groups - 1,
            groupindex,
            tuple(indexgroup),
        )

    def save(self) -> None:
        if not self.new:
            return
        kept = {**self.known, **self.new}
        if len(kept) > MAX_ENTRIES:
            kept = {key: kept[key] for key in self.used}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            partial = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
            partial.write_bytes(marshal.dumps(kept))
            os.replace(partial, self.path)  # readers see the old file or the new, whole
        except (OSError, ValueError):
            return
        self.known, self.new = kept, {}


def _read(path: Path) -> dict[tuple[str | bytes, int], Entry]:
    try:
        loaded = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    return loaded if isinstance(loaded, dict) else {}


_active: _Cache | None = None


def default_path() -> Path | None:
    """This interpreter's cache file in the package's `__pycache__`, or None when the
    interpreter has no byte-code tag (then nothing is cached)."""
    tag = sys.implementation.cache_tag
    try:
        import _sre
    except ImportError:
        return None
    if tag is None:
        return None
    version = ".".join(map(str, sys.version_info[:3]))
    name = f"regex.{tag}-{version}-{_sre.MAGIC}.bin"
    return Path(__file__).resolve().parent / "__pycache__" / name


def install(path: Path | None = None) -> bool:
    """Route `re`'s compiling through the cache at `path` (this interpreter's default
    file when None). True when the cache is in use; installing twice keeps the first."""
    global _active
    if _active is not None:
        return True
    path = path or default_path()
    if path is None or sys.implementation.name != "cpython":
        return False
    try:
        import _sre
        from re import _compiler  # type: ignore[attr-defined]

        original, build, size = _compiler.compile, _sre.compile, _sre.CODESIZE
    except (ImportError, AttributeError):
        return False
    words = next((code for code in "IL" if array(code).itemsize == size), None)
    if words is None:
        return False
    _active = _Cache(path, words, build, original)
    _compiler.compile = _active.compile
    return True


def save() -> None:
    """Write the patterns compiled since the cache was loaded; quiet when it cannot."""
    if _active is not None:
        _active.save()


def counts() -> tuple[int, int]:
    """(patterns served from the cache, patterns compiled and kept) in this process."""
    if _active is None:
        return 0, 0
    return _active.hits, len(_active.new)
