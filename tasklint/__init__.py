"""tasklint: lint the marketing execution checklists teams keep in files, Airtable and Notion.

It checks each row against the checklist's usage tips — measurable goals, one owner per
task, core metrics tracked, milestones on time, a budget reserve — and computes a
status (Done / Not done / Abnormal) per row.

    from datetime import date
    from tasklint.app import CheckOptions, check_sources

    for outcome in check_sources(["plan.csv"], CheckOptions(today=date(2025, 6, 20))):
        for row in outcome.result.tasks:
            print(row.task.title, row.status, [f.code for f in row.active])
"""

__all__ = ["__version__"]
__version__ = "0.1.0"
