"""The rule catalogue: every rule class by code, and rule selection like ruff's
select/ignore (exact codes, prefixes such as "S4" or "G", and "ALL")."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

from tasklint.model import Severity
from tasklint.validators import budget, cells, goals, metrics, owners, review, schedule
from tasklint.validators.base import Params, Rule

_FAMILIES = (goals, owners, metrics, schedule, budget, review, cells)


@cache
def all_rules() -> tuple[type[Rule], ...]:
    rules = [rule for family in _FAMILIES for rule in family.RULES]
    return tuple(sorted(rules, key=lambda r: r.code))


@cache
def rules_by_code() -> dict[str, type[Rule]]:
    return {rule.code: rule for rule in all_rules()}


def known_codes() -> set[str]:
    return set(rules_by_code())


def _matches(code: str, selector: str) -> bool:
    selector = selector.strip().upper()
    return selector == "ALL" or code.startswith(selector)


def _specificity(selector: str) -> int:
    """ALL is the least specific selector, then prefixes by length: "S402" beats "S4"."""
    selector = selector.strip().upper()
    return 0 if selector == "ALL" else len(selector)


def unknown_selectors(selectors: Iterable[str]) -> list[str]:
    """Selectors that match no rule at all — almost always a typo worth reporting."""
    codes = known_codes()
    return [s for s in selectors if not any(_matches(c, s) for c in codes)]


def select_codes(select: Iterable[str], ignore: Iterable[str]) -> list[str]:
    """Codes chosen by `select` minus those matched by `ignore`; the more specific
    selector wins when both match, as in ruff; on a tie, ignore wins."""
    select, ignore = list(select), list(ignore)
    chosen = []
    for code in rules_by_code():
        best_select = max((_specificity(s) for s in select if _matches(code, s)), default=-1)
        best_ignore = max((_specificity(s) for s in ignore if _matches(code, s)), default=-1)
        if best_select >= 0 and best_select > best_ignore:
            chosen.append(code)
    return chosen


def configure(code: str, settings: Mapping[str, Any]) -> tuple[Params, Severity | None]:
    """Validate one `[rules.CODE]` table: its `severity` and the rule's own parameters.
    Raises pydantic.ValidationError or KeyError; the config layer turns those into a
    ConfigError naming the key."""
    rule = rules_by_code()[code]
    values = dict(settings)
    severity = Severity(values.pop("severity")) if "severity" in values else None
    return rule.Params(**values), severity
