"""O2xx: exactly one department and one named person per task (seed tip 2)."""

from __future__ import annotations

from tasklint.model import Severity, Task
from tasklint.validators.base import Context, Found, Hit, Rule, Text

_OWNER_COLUMNS = ("owner", "department", "owner_combined")


def _names(task: Task) -> list[str]:
    return [p.name for p in task.owners]


class OwnerMissing(Rule):
    """The task names no one responsible.

    Why: a task nobody owns is a task nobody does; the assignment table gives every
    task to one department and one person.

    Bad:  Owner = (empty)
    Good: Owner = "市场部-张三" / "Marketing — Zhang Wei"
    """

    code = "O201"
    name = "owner-missing"
    severity = Severity.WARNING
    needs = (_OWNER_COLUMNS,)
    messages = {
        "default": Text(
            en="No owner: name one department and one person responsible for this task.",
            zh="缺少责任人：请指定唯一的责任部门和责任人。",
        )
    }
    zh_doc = """该任务没有任何责任人。

    原因：没人负责的任务就没人去做；任务分工表要把每项任务落实到一个部门和一个人。

    错误：责任人 = （空）
    正确：责任部门/人 = 市场部-张三
    """

    def check(self, task: Task, ctx: Context) -> Found:
        if not (task.owners or task.departments or task.owner_roles or task.owner_collective):
            if task.unreadable("owner", "owner_combined", "department"):
                return None
            return Hit(field="owner")
        return None


class MultipleOwners(Rule):
    """The task is shared by more than one person or more than one department.

    Why: shared ownership lets each owner wait for the other ("多头管理导致执行推诿").
    Pick one; name the others in the notes as helpers.

    Bad:  Owner = "财务部/市场部" / "Alice and Bob" / "张三、李四" / "全体执行团队"
    Good: Owner = "财务部-王芳", Notes = "市场部李四协助"
    """

    code = "O202"
    name = "multiple-owners"
    severity = Severity.WARNING
    needs = (_OWNER_COLUMNS,)
    messages = {
        "people": Text(
            en="{count} owners ({names}): keep exactly one responsible person.",
            zh="有{count}位责任人（{names}）：每项任务只保留一位责任人。",
        ),
        "departments": Text(
            en="{count} departments ({names}): keep exactly one responsible department.",
            zh="有{count}个责任部门（{names}）：每项任务只保留一个责任部门。",
        ),
        "collective": Text(
            en="Owned by a group ({names}): name one responsible person.",
            zh="由集体负责（{names}）：请指定一位具体责任人。",
        ),
    }
    zh_doc = """该任务由多于一个人或多于一个部门负责。

    原因：多头管理导致执行推诿。只保留一个责任人，协助者写在备注里。

    错误：责任部门/人 = 财务部/市场部，或 张三、李四，或 全体执行团队
    正确：责任部门/人 = 财务部-王芳，备注 = 市场部李四协助
    """

    def check(self, task: Task, ctx: Context) -> Found:
        hits = []
        if len(task.owners) > 1:
            names = _names(task)
            hits.append(Hit("people", {"count": len(names), "names": ctx.listed(names)}, "owner"))
        if len(task.departments) > 1:
            depts = task.departments
            hits.append(
                Hit("departments", {"count": len(depts), "names": ctx.listed(depts)}, "owner")
            )
        if task.owner_collective:
            hits.append(Hit("collective", {"names": task.owner_text or "—"}, "owner"))
        return hits or None


class OwnerNotNamed(Rule):
    """A department or a job title is given, but no person by name.

    Why: "市场部" or "Marketing manager" does not say who answers for the task.

    Bad:  Owner = "市场部" / "市场部经理" / "Data analyst"
    Good: Owner = "市场部-张三" / "Data — Li Na"
    """

    code = "O203"
    name = "owner-not-named"
    severity = Severity.WARNING
    needs = (_OWNER_COLUMNS,)
    messages = {
        "department": Text(
            en="Owner is a department ({department}), not a person: add the person's name.",
            zh="责任人只写了部门（{department}），没有人名：请补充责任人姓名。",
        ),
        "role": Text(
            en="Owner is a job title ({role}), not a person: write the person's name.",
            zh="责任人只写了岗位（{role}），没有人名：请写明责任人姓名。",
        ),
    }
    zh_doc = """写了部门或岗位，但没有具体人名。

    原因：“市场部”“市场经理”说不清谁对任务负责。

    错误：责任部门/人 = 市场部，或 市场部经理
    正确：责任部门/人 = 市场部-张三
    """

    def check(self, task: Task, ctx: Context) -> Found:
        if task.owners or task.owner_collective:
            return None
        if task.owner_roles:
            return Hit("role", {"role": ctx.listed(task.owner_roles)}, "owner")
        if task.departments:
            return Hit("department", {"department": ctx.listed(task.departments)}, "owner")
        return None


class DepartmentMissing(Rule):
    """A person is named but not their department.

    Why: cross-department plans (Marketing, Sales, Product) are tracked by department;
    a name alone does not say which team answers for the task.

    Bad:  Owner = "张三", Department = (empty)
    Good: Owner = "张三", Department = "市场部"
    """

    code = "O204"
    name = "department-missing"
    severity = Severity.INFO
    needs = (("department", "owner_combined"),)
    messages = {
        "default": Text(
            en="No department for {names}: add the responsible department.",
            zh="{names}没有所属部门：请补充责任部门。",
        )
    }
    zh_doc = """写了责任人，但没有写责任部门。

    原因：跨部门方案按部门跟踪；只有人名，看不出由哪个部门负责。

    错误：负责人 = 张三，责任部门 = （空）
    正确：负责人 = 张三，责任部门 = 市场部
    """

    def check(self, task: Task, ctx: Context) -> Found:
        if task.owners and not task.departments and not task.unreadable("department"):
            return Hit(args={"names": ctx.listed(_names(task))}, field="department")
        return None


RULES = (OwnerMissing, MultipleOwners, OwnerNotNamed, DepartmentMissing)
