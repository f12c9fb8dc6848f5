"""Text normalisation shared by header matching and label parsing.

Users type headers and labels in simplified or traditional Chinese, full- or half-width,
any case, with stray spaces: all of those must compare equal.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPACES = re.compile(r"[\s\u200b\ufeff]+")
_CJK = re.compile(r"[\u3400-\u9fff]")


@lru_cache(maxsize=1)
def _t2s():  # type: ignore[no-untyped-def]
    # Loaded on first use only: OpenCC's dictionary costs a few milliseconds.
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=65536)
def to_simplified(text: str) -> str:
    if not _CJK.search(text):
        return text
    return str(_t2s().convert(text))


@lru_cache(maxsize=4096)
def normalise_key(text: str) -> str:
    """Fold a header or label to the form used for lookups: NFKC, simplified, casefolded,
    without spaces. `" 完成狀態 "`, `"完成状态"` and `"完成 状态"` all give `"完成状态"`."""
    folded = unicodedata.normalize("NFKC", text)
    folded = to_simplified(folded).casefold()
    return _SPACES.sub("", folded)


def quote(text: str, limit: int = 60) -> str:
    """A cell's text for a one-line message: whitespace folded, cut with "…" past `limit`."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
