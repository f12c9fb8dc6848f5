"""Building many objects at once: tables of 100,000 rows read, linted and rendered.

CPython's cyclic garbage collector walks the young generation every few hundred new
container objects, and the older ones every ten walks of the younger. Reading or
linting a large table creates millions of dicts, lists and models that all stay alive:
the walks find nothing and cost as much as the work (half of a 100,000-row lint).
These steps run with the collector paused, and what they made is then filed with the
oldest generation, which only the (rarer, proportionate) full collections walk —
instead of being walked at once by the first collection after the pause.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


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
