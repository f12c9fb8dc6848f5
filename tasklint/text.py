"""Text normalisation shared by header matching and label parsing, how numbers are
written in messages, and which language tasklint's own lines are written in.

Users type headers and labels in simplified or traditional Chinese, full- or half-width,
any case, with stray spaces: all of those must compare equal.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Mapping
from functools import lru_cache

_SPACES = re.compile(r"[\s\u200b\ufeff]+")
# Han characters, with the compatibility block and the extension planes: OpenCC converts
# some of those too (𪄕 → 𪉒), and text must fold alike alone or beside other text.
HAN_CHARACTER = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
# The days of the week as Chinese writes them (周五, 星期三, 礼拜天): a date in an owner
# cell, a day a goal falls on
CHINESE_WEEKDAYS = frozenset(
    f"{week}{day}" for week in ("周", "星期", "礼拜") for day in "一二三四五六日天"
)


@lru_cache(maxsize=1 << 14)  # rules format the same targets and rates row after row
def percent(fraction: float, digits: int = 4, *, signed: bool = False) -> str:
    """`fraction` as a percentage a person reads, to `digits` significant figures
    (0.769230 → `76.92%`), never with an exponent, which messy tables would otherwise
    show at their extremes: past 10^digits percent whole, with separators (`533,300%`,
    not `5.333e+05%`), and under 0.01% as `<0.01%`. `signed`: `+12%` / `-3%`."""
    shown = fraction * 100
    sign = "+" if signed else ""
    text = f"{shown:{sign},.{digits}g}"
    if "e" not in text and not 0 < abs(shown) < 0.01:
        return f"{text}%"
    if 0 < abs(shown) < 0.01:
        return "<0.01%" if shown > 0 else ">-0.01%"
    return f"{shown:{sign},.0f}%"  # past 10^digits: g would write an exponent


@lru_cache(maxsize=1)
def _t2s():  # type: ignore[no-untyped-def]
    # Loaded on first use only: OpenCC's dictionary costs a few milliseconds.
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=65536)
def to_simplified(text: str) -> str:
    if not HAN_CHARACTER.search(text):
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


MESSAGE_LOCALES = ("en", "zh")
# As gettext reads them: the first one set decides, so LC_ALL=C overrides LANG=zh_CN.
_SYSTEM_LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")


def message_locale(
    chosen: str | None = None,
    configured: str | None = None,
    table: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> str:
    """The language of an error or notice line: `--locale` when it names one, else the
    config's `locale`, else the language of the table the line is about (as the lint
    decided it), else the system's (LC_ALL, LC_MESSAGES, LANG: zh… is Chinese); English
    when nothing says. `auto` and unknown values say nothing."""
    for decided in (chosen, configured, table):
        if decided in MESSAGE_LOCALES:
            return decided
    variables = os.environ if environ is None else environ
    system = next((variables[name] for name in _SYSTEM_LOCALE_VARIABLES if variables.get(name)), "")
    return "zh" if system.lower().startswith("zh") else "en"
