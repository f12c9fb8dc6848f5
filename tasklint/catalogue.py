"""`tasklint rules`: the catalogue, and one rule explained."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table as RichTable

from tasklint.errors import ConfigError
from tasklint.validators.base import Rule
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


def parameters(rule: type[Rule]) -> list[tuple[str, str, str]]:
    """(name, type, default) of each parameter, severity first."""
    rows = [("severity", "error | warning | info", rule.severity.value)]
    for name, info in rule.Params.model_fields.items():
        annotation = getattr(info.annotation, "__name__", str(info.annotation))
        default = info.default.value if hasattr(info.default, "value") else info.default
        rows.append((name, annotation, repr(default)))
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
    header = "参数" if locales == ["zh"] else "Parameters"
    parts.append(f"{header} — [rules.{rule.code}] in tasklint.toml:")
    parts += [f"  {name} = {default}    # {kind}" for name, kind, default in parameters(rule)]
    return "\n".join(parts)


def print_rule(console: Console, code: str, locale: str | None) -> None:
    console.print(explain(code, locale), markup=False)
