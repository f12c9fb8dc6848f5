"""What every rule is made of: a code, a name, a default severity, parameters with
defaults, a bilingual message, and a docstring that explains it with a bad and a good row.

A row rule looks at one Task; a table rule sees all of them. A check returns what it
found, as sqlfluff's rules do: None, one `Hit`, or a list of them (`hits_of` makes any of
these a list). A generator would read as well, but the engine calls every row rule on
every row — two million calls on 100,000 rows — and a plain return costs less. A rule
declares the
columns it reads (`needs`): when a table has none of a group, the rule is skipped and
reported once, never fired on every row.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import Annotated, Any, ClassVar, Literal, NamedTuple, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Strict,
    ValidationError,
    model_validator,
)
from pydantic_core import InitErrorDetails

from tasklint.errors import Expected
from tasklint.model import Severity, Table, Task


@dataclass(frozen=True, slots=True)
class Text:
    """One message in both languages; `{name}` placeholders are filled from a Hit's args."""

    en: str
    zh: str

    def render(self, locale: str, args: Mapping[str, Any]) -> str:
        template = self.zh if locale == "zh" else self.en
        return template.format(**args) if args else template


def _days(value: int) -> int:
    if value < 0:
        raise Expected("a number of days, 0 or more", "不小于 0 的天数")
    return value


def _share(value: float) -> float:
    if not 0 <= value <= 1:  # and NaN, which TOML writes `nan`
        raise Expected("a share from 0 to 1 (0.15 is 15%)", "0 到 1 之间的比例（0.15 即 15%）")
    return value


# The kinds of value a parameter takes, declared with it (`max_delay_days: Days = 2`),
# so a config cannot set one a rule's messages would turn into nonsense ("past the
# -5-day tolerance"), nor 15 where 15% is meant. Strict: `true` is no 1 day, "3" no 3
# (a TOML number is written without quotes; an int is a share still: 1 is 100%).
Days = Annotated[int, Strict(), AfterValidator(_days)]
Share = Annotated[float, Strict(), AfterValidator(_share)]
# What each takes, as `tasklint rules CODE` says it (English, Chinese)
RANGES: dict[Callable[..., Any], tuple[str, str]] = {
    _days: ("days, 0 or more", "天数，不小于 0"),
    _share: ("share, 0 to 1 (0.15 is 15%)", "比例，0 到 1（0.15 即 15%）"),
}


class Params(BaseModel):
    """A rule's parameters; subclasses declare fields with their defaults. A rule left
    at its defaults takes them as written (`model_construct`): its schema is built
    only when a config sets one of its parameters.

    `min_X` and `max_X` bound the same thing: a config may not set the minimum above
    the maximum (B501's min_share and max_share)."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    @model_validator(mode="after")
    def _min_not_above_max(self) -> Self:
        fields = type(self).model_fields
        for low_name in fields:
            high_name = "max_" + low_name.removeprefix("min_")
            if not low_name.startswith("min_") or high_name not in fields:
                continue
            low, high = getattr(self, low_name), getattr(self, high_name)
            if low <= high:
                continue
            # Name the key the config set: min_share = 0.3 alone is the wrong one, not
            # the default max_share it exceeds.
            if low_name in self.model_fields_set or high_name not in self.model_fields_set:
                key, value, bound = low_name, low, f"{high_name}（{high}）"
                wanted = Expected(f"at most {high_name} ({high})", f"不大于 {bound}的值")
            else:
                key, value, bound = high_name, high, f"{low_name}（{low}）"
                wanted = Expected(f"at least {low_name} ({low})", f"不小于 {bound}的值")
            # A ValidationError keeps its location, so the config error names the key,
            # as it does for a field's own validator.
            error = InitErrorDetails(
                type="value_error", loc=(key,), input=value, ctx={"error": wanted}
            )
            raise ValidationError.from_exception_data(type(self).__name__, [error])
        return self


# The name rules use for their parameters' base class inside `Rule`, where `Params`
# is the class attribute each rule overrides.
ParamsModel = Params


@dataclass(slots=True)
class Context:
    today: date
    locale: str = "en"
    # task id -> the values the previous run saw (metric swing needs them); None when
    # there is no run history (a plain `check`, or a source's first sync)
    history: Mapping[str, Mapping[str, Any]] | None = None

    def listed(self, items: Iterable[str]) -> str:
        """Items joined as the run's language lists them: 张三、李四 / Alice, Bob."""
        return ("、" if self.locale == "zh" else ", ").join(items)


_NO_ARGS: Mapping[str, Any] = MappingProxyType({})


class Hit(NamedTuple):
    """A rule's raw result; the engine turns it into a Finding.

    Immutable, like the frozen dataclass it was: a named tuple is made in half the time,
    and rules make one per finding, hundreds of thousands on a large table. Without
    arguments, `args` is an empty read-only mapping."""

    key: str = "default"
    args: Mapping[str, Any] = _NO_ARGS
    field: str | None = None
    severity: Severity | None = None


# What a check returns: nothing, one hit, or several.
Found = Hit | list[Hit] | None


def hits_of(found: Found) -> list[Hit]:
    """What a check found, as a list."""
    if found is None:
        return []
    if isinstance(found, Hit):
        return [found]
    return list(found)


class Rule:
    """Base of all rules. Subclasses set the class attributes and override one check."""

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    scope: ClassVar[Literal["row", "table"]] = "row"
    # Each inner tuple is a group of alternatives: the table needs one column from every group.
    needs: ClassVar[tuple[tuple[str, ...], ...]] = ()
    # A rule that compares with the previous run is skipped when there is no run history.
    needs_history: ClassVar[bool] = False
    messages: ClassVar[dict[str, Text]]
    zh_doc: ClassVar[str]
    Params: ClassVar[type[ParamsModel]] = ParamsModel

    def __init__(self, params: ParamsModel | None = None, severity: Severity | None = None) -> None:
        self.params = params if params is not None else self.Params.model_construct()
        self.effective_severity = severity or self.severity

    @classmethod
    def summary(cls, locale: str = "en") -> str:
        if locale == "zh":
            return cls.zh_doc.strip().splitlines()[0]
        return (cls.__doc__ or "").strip().splitlines()[0]

    @classmethod
    def explain(cls, locale: str = "en") -> str:
        return inspect.cleandoc(cls.zh_doc if locale == "zh" else cls.__doc__ or "")

    @classmethod
    def missing_columns(cls, table: Table) -> list[tuple[str, ...]]:
        """The groups of columns (logical fields) the table lacks, e.g. [("due",)]."""
        return [group for group in cls.needs if not any(table.has(f) for f in group)]

    def check(self, task: Task, ctx: Context) -> Found:
        return None

    def check_table(self, table: Table, ctx: Context) -> Found:
        return None

    def message(self, hit: Hit, locale: str) -> str:
        return self.messages[hit.key].render(locale, hit.args)
