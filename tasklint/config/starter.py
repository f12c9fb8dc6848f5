"""The commented tasklint.toml that `tasklint init` writes."""

STARTER = """\
# tasklint configuration — every key is optional except a source's url.
# Docs: `tasklint rules` lists the rule codes; `tasklint rules S402` explains one.

locale = "auto"                 # auto | en | zh: messages, status labels, column names
# timezone = "Asia/Shanghai"    # for "today" and for the schedule (default: this machine's)
# date_order = "auto"           # 05/07/2025: auto (as the table's own dates show: day first
#                               # when one reads 19/07/2025), month-first or day-first

# One table per checklist. SOURCE arguments can name these: `tasklint check q3-plan`.
[sources.q3-plan]
url = "marketing-plan.csv"      # or airtable://appXXXXXXXXXXXXXX/Checklist, notion://DATABASE_ID
# sheet = "Plan"                # XLSX only: which sheet (default: the first)
# view = "Active"               # Airtable only
# modified_field = "Last modified (inputs)"   # Airtable incremental reads
# date_order = "day-first"      # this source's, when it differs from the top-level one

# Columns are recognised by name (Task/任务, Owner/负责人, Due/截止日期, ...).
# Map a logical field to your own header when it differs:
# [sources.q3-plan.columns]
# owner = "对接人"
# due = "上线日期"

[rules]
select = ["ALL"]                # codes or prefixes: "G", "O2", "S402"
ignore = []                     # e.g. ["B502"]

# Per-rule severity and parameters (defaults shown; shares run from 0 to 1: 0.20 is 20%):
# [rules.S402]
# max_delay_days = 2            # past this the row is Abnormal
# severity = "error"
# [rules.M303]
# max_shortfall = 0.20
# [rules.B501]
# min_share = 0.10
# max_share = 0.15

# Columns tasklint writes back (and never reads as input):
# [writeback]
# warnings = "Lint warnings"    # zh: 检查提示
# status = "Computed status"    # zh: 计算状态
# completion = "Completion"     # zh: 完成率

[schedule]
at = "02:00"                    # HH:MM or HH:MM:SS, for `tasklint serve`
# timezone = "Asia/Shanghai"

# [state]
# path = "tasklint-state.db"   # default: the user data folder (Linux ~/.local/share/tasklint)

# Where `tasklint report --publish` puts the review report:
# [report]
# notion_parent = "NOTION_PAGE_ID_OR_URL"      # the report replaces itself on this page
# airtable_runs = "airtable://appXXXXXXXXXXXXXX/Lint runs"   # one row per run
"""
