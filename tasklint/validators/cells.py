"""X9xx: the table itself — cells tasklint could not read, and stale suppressions."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from tasklint.model import Severity, Task
from tasklint.text import quote
from tasklint.validators.base import Context, Found, Hit, Rule, Text


class UnparseableCell(Rule):
    """A cell could not be read as its column's type; the message quotes it.

    Why: a date like "6月31日" or a number like "about a lot" would otherwise be read
    as empty or zero, and every rule on that column would silently be wrong. The cell
    is reported here alone: the rules that flag an empty cell (S401 due date, M306
    actual, O201 and O204 owner) do not call a written one missing.

    Bad:  Due = "next Friday-ish", Progress = "mostly"
    Good: Due = "2025-06-13", Progress = "80%"
    """

    code = "X901"
    name = "unparseable-cell"
    severity = Severity.WARNING
    messages = {
        "default": Text(
            en='Cannot read {column} "{raw}": expected {expected}.',
            zh="无法识别{column}“{raw}”：应为{expected}。",
        )
    }
    zh_doc = """某个单元格无法按该列的类型读取，提示中会引用原文。

    原因：像“6月31日”这样的日期、“很多”这样的数字，如果被当作空值或0，依赖该列的
    规则都会悄悄出错。这样的单元格只由本规则报告：检查空单元格的规则（S401截止日期、
    M306实际值、O201和O204责任人）不会把已填写的单元格说成“缺少”。

    错误：截止日期 = 下周五左右，进度 = 差不多了
    正确：截止日期 = 2025-06-13，进度 = 80%
    """

    def check(self, task: Task, ctx: Context) -> Found:
        if not task.problems:
            return None
        zh = ctx.locale == "zh"
        return [
            Hit(
                args={
                    "column": problem.column,
                    "raw": quote(problem.raw),
                    "expected": (problem.expected_zh if zh else None) or problem.expected,
                },
                field=problem.field,
            )
            for problem in task.problems
        ]


class UnknownIgnoreCode(Rule):
    """The Lint ignore cell names a code that does not exist, or one that suppresses nothing.

    Why: a misspelt code hides nothing and misleads the reader; a suppression left
    behind after the problem was fixed hides the next one.

    Bad:  Lint ignore = "S04, B502" (S04 is no code; B502 does not fire on this row)
    Good: Lint ignore = "S403 — vendor delay, agreed with the manager"
    """

    code = "X902"
    name = "unknown-ignore-code"
    severity = Severity.WARNING
    needs = (("ignore",),)
    messages = {
        "unknown": Text(
            en='Lint ignore names "{code}", which is not a tasklint code: correct or remove it.',
            zh="忽略规则中的“{code}”不是 tasklint 的规则代码：请更正或删除。",
        ),
        "unused": Text(
            en="Lint ignore {code} suppresses nothing on this row: remove it.",
            zh="忽略规则 {code} 在该行没有屏蔽任何提示：请删除。",
        ),
    }
    zh_doc = """“忽略规则”单元格写了不存在的代码，或者写的代码在该行没有屏蔽任何提示。

    原因：拼错的代码什么都屏蔽不了还误导读者；问题修好后留下的屏蔽会藏住下一个问题。

    错误：忽略规则 = S04, B502（S04 不是规则代码；B502 在该行没有触发）
    正确：忽略规则 = S403 供应商延误，已与主管确认
    """

    def stale(self, task: Task, known: set[str], fired: Iterable[str]) -> Iterator[Hit]:
        """Codes the row's ignore cell names that do not exist or that hid nothing."""
        fired = set(fired)
        for code in task.ignore:
            if code not in known:
                yield Hit("unknown", {"code": code}, "ignore")
            elif code not in fired:
                yield Hit("unused", {"code": code}, "ignore")


RULES = (UnparseableCell, UnknownIgnoreCode)
