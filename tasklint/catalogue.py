"""`tasklint rules`: the catalogue, and one rule explained."""

from __future__ import annotations

import json
from enum import Enum

from rich.console import Console
from rich.table import Table as RichTable

from tasklint.errors import ConfigError
from tasklint.model import Severity
from tasklint.validators.base import RANGES, Rule
from tasklint.validators.registry import all_rules, rules_by_code


def print_catalogue(console: Console, locale: str) -> None:
    zh = locale == "zh"
    grid = RichTable(header_style="bold")
    for heading in (
        ("代码", "名称", "默认级别", "范围", "说明")
        if zh
        else ("Code", "Name", "Default", "Scope", "Checks")
    ):
        grid.add_column(heading)
    for rule in all_rules():
        grid.add_row(rule.code, rule.name, rule.severity.value, rule.scope, rule.summary(locale))
    console.print(grid)
    console.print("tasklint rules CODE 查看详细说明" if zh else "Explain one: tasklint rules CODE")


# What a parameter of each type takes, as `tasklint rules CODE` says it.
_KINDS: dict[object, tuple[str, str]] = {
    int: ("integer", "整数"),
    float: ("number", "数字"),
    str: ("text", "文本"),
    bool: ("true | false", "true | false"),
}


def _toml(value: object) -> str:
    """`value` as tasklint.toml writes it, so a printed line can be pasted in as it is."""
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a TOML basic string
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml(item) for item in value) + "]"
    return repr(value)


def _kind(annotation: object, locale: str) -> str:
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return " | ".join(str(member.value) for member in annotation)
    en, zh = _KINDS.get(annotation, (getattr(annotation, "__name__", str(annotation)),) * 2)
    return zh if locale == "zh" else en


def parameters(rule: type[Rule], locale: str = "en") -> list[tuple[str, str, str]]:
    """(name, what it takes, default as TOML writes it) of each parameter, severity
    first."""
    rows = [("severity", _kind(Severity, locale), _toml(rule.severity))]
    for name, info in rule.Params.model_fields.items():
        ranged = [RANGES[m.func] for m in info.metadata if getattr(m, "func", None) in RANGES]
        kind = (ranged[0][1] if locale == "zh" else ranged[0][0]) if ranged else None
        rows.append((name, kind or _kind(info.annotation, locale), _toml(info.default)))
    return rows


def explain(code: str, locale: str | None) -> str:
    rule = rules_by_code().get(code.strip().upper())
    if rule is None:
        raise ConfigError(
            f"no rule {code!r}",
            hint="`tasklint rules` lists the codes",
            zh=f"没有规则 {code!r}",
            hint_zh="请用 `tasklint rules` 查看所有规则代码",
        )
    locales = [locale] if locale in ("en", "zh") else ["en", "zh"]
    parts = [f"{rule.code} {rule.name} ({rule.severity.value}, {rule.scope})", ""]
    for loc in locales:
        parts += [rule.explain(loc), ""]
    shown = locales[0]
    if shown == "zh":
        parts.append("参数（默认值，可原样写进 tasklint.toml）：")
    else:
        parts.append("Parameters (defaults, as they go into tasklint.toml):")
    parts.append(f"  [rules.{rule.code}]")
    parts += [
        f"  {name} = {default}    # {kind}" for name, kind, default in parameters(rule, shown)
    ]
    return "\n".join(parts)


def print_rule(console: Console, code: str, locale: str | None) -> None:
    console.print(explain(code, locale), markup=False)
