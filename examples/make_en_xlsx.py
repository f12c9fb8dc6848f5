"""Writes marketing-plan.en.xlsx: the same plan as marketing-plan.zh.csv, in English.

Real workbooks mix typed cells and text: dates here are Excel dates in some rows and
text in others, percentages are numbers formatted as % in some and "60%" text in
others. Run `python examples/make_en_xlsx.py` after changing the rows.
"""

from datetime import date
from pathlib import Path

import openpyxl

HEADERS = [
    "Phase",
    "Check item",
    "Standard",
    "Goal",
    "Metric",
    "Target",
    "Expected",
    "Actual",
    "Owner (department/person)",
    "Status",
    "Due",
    "Completed on",
    "Progress",
    "Deliverable",
    "Budget",
    "Spent",
    "Contingency",
    "Last update",
    "Notes",
    "Lint ignore",
]
D = date
# One row of the sheet per entry, laid out as the sheet reads.
# fmt: off
ROWS = [
    ["Preparation", "Goal alignment", "Goals follow SMART; no department objects", None, None, None, None, None,
     "Marketing — Chen Jing", "Done", D(2025, 5, 20), D(2025, 5, 19), 1.0, "Goal statement", None, None, None,
     D(2025, 5, 19), "Target: new-customer conversion rate ≥ 15%", None],
    ["Preparation", "Task assignment table", "Tasks broken down to a person; deliverable and date explicit", None, None, None, None, None,
     "All department heads", "Done", "2025/5/22", "2025/5/22", 1.0, "Marketing task assignment table", None, None, None,
     "2025/5/22", "Sales owns the invitation list", None],
    ["Preparation", "Budget and resources", "Budget matches plan; contingency in place", "Confirm the total budget of ¥200,000 by June 1", None, None, None, None,
     "Finance / Marketing", "Done", D(2025, 5, 25), D(2025, 5, 25), 1.0, "Budget breakdown", None, None, "¥8,000",
     D(2025, 5, 25), "Contingency: 15% of total budget", None],
    ["Monitoring", "Creative review", "On brand, no compliance risk", None, None, None, None, None,
     "Marketing — Lin Xiao", "Done", D(2025, 6, 5), D(2025, 6, 4), 1.0, "Review record", None, None, None,
     D(2025, 6, 4), "Legal review passed", None],
    ["Monitoring", "Milestone progress", "On milestone dates, delay ≤ 2 days", None, None, None, None, None,
     "Marketing — He Wei", "Abnormal", D(2025, 6, 17), None, 0.8, "Milestone tracker", None, None, None,
     D(2025, 6, 19), "Venue setup 3 days late", None],
    ["Monitoring", "Daily data monitoring", "Core metrics (CTR, conversion) fluctuate ≤ 10%", None, "CTR", 0.02, None, 0.025,
     "Data — Liu Yang", "Done", D(2025, 6, 18), D(2025, 6, 18), 1.0, "Daily data report", None, None, None,
     D(2025, 6, 18), "Douyin CTR 2.5%, on target", None],
    ["Review", "Goal completion rate", "Actual / target × 100%, result recorded", "New-customer conversion rate ≥ 15%", "New-customer conversion rate", "15%", None, "12%",
     "Marketing — Chen Jing", "Done", D(2025, 6, 30), D(2025, 6, 19), 1.0, "Goal completion sheet", None, None, None,
     D(2025, 6, 19), "New-customer conversion 80% complete", None],
    ["Review", "Review report", "Has successes, problems, suggestions", None, None, None, None, None,
     "Whole team", "In progress", D(2025, 7, 5), None, 0.3, "Marketing execution review report", None, None, None,
     D(2025, 6, 19), "Suggest adding Xiaohongshu", None],
    ["Review", "Archive", "Plan, assignment table, data reports, review report archived", None, None, None, None, None,
     "Marketing — Zhao Min", "Not done", D(2025, 7, 10), None, 0.0, "Knowledge-base archive", None, None, None,
     D(2025, 6, 19), None, None],
    ["Preparation", "Brand awareness plan", None, "Improve brand influence", "Impressions", None, None, None,
     "Marketing — Zhang San", "In progress", D(2025, 6, 30), None, "60%", "Brand communication plan", 50000, 20000, None,
     D(2025, 6, 19), None, None],
    ["Monitoring", "Douyin feed ads test campaign", "Small test before full spend, CTR ≥ 2%", "CTR ≥ 2% during the test", "CTR", 0.02, None, 0.012,
     "Marketing — Li Si", "Done", D(2025, 6, 8), D(2025, 6, 8), 1.0, "Test campaign report", "¥1,000", "¥1,000", None,
     D(2025, 6, 8), "1,000 CNY test of Douyin feed ads", None],
    ["Monitoring", "Venue setup", "On milestone dates, delay ≤ 2 days", "Venue built and accepted by June 17", None, None, None, None,
     "Marketing — Wang Wu", "In progress", D(2025, 6, 17), None, 0.7, "Venue acceptance form", "30k", "21k", None,
     D(2025, 6, 19), "Venue vendor delayed", None],
    ["Monitoring", "Customer invitation list", "Invitation list ready", "Invite 500 target customers", "Invitations", 500, None, None,
     "Sales", "In progress", "Jun 19, 2025", None, 0.5, "Customer invitation list", None, None, None,
     D(2025, 6, 12), None, None],
    ["Monitoring", "Promotion policy training", "Product's promotion policy trained to front line", "New-customer conversion rate ≥ 15%", None, None, None, None,
     "Product — Zhao Liu and Qian Qi", "In progress", None, None, 0.2, None, None, None, None,
     D(2025, 6, 19), None, None],
    ["Monitoring", "Xiaohongshu seeding notes", None, "Seeding notes convert at 5%", "Conversion rate", 0.05, 0.05, 0.035,
     "Marketing — Sun Ba", "In progress", D(2025, 6, 30), None, 0.4, "Seeding notes", 80000, 48000, None,
     D(2025, 6, 19), None, None],
    ["Monitoring", "WeChat Moments ads", None, "Keep CAC under ¥50", "CAC", 50, None, 65,
     "Marketing — Zhou Ming", "In progress", D(2025, 6, 28), None, 0.85, "Moments ad campaign", 30000, 36000, None,
     D(2025, 6, 19), None, None],
    ["Monitoring", "KOL partnership", None, "KOL partners bring 2,000 leads", "Leads", 2000, None, None,
     None, "In progress", "June 31", None, "almost", "KOL partner list", 20000, None, None,
     D(2025, 6, 19), None, None],
    ["Review", "Channel data summary", "All channels' full-cycle data collected", "Collect 30k leads", "Leads", "30k", None, None,
     "Data — Zhou Jiu", "In progress", D(2025, 7, 2), None, 0.1, "Channel data report", None, None, None,
     D(2025, 6, 19), None, None],
    ["Monitoring", "Print promotional materials", None, "Finish printing by June 15", None, None, None, None,
     "Marketing — Wu Lei", "In progress", D(2025, 6, 25), None, 0.9, "Printed materials", 12000, 6000, None,
     D(2025, 6, 10), "Vendor delay, agreed with the manager", "S403, B502, S40 — vendor delay"],
    ["Monitoring", "Livestream warm-up", None, "100k livestream viewers", "Views", "100k", None, None,
     "Zheng Hao", "In progress", D(2025, 6, 26), None, 0.5, "Livestream script", 10000, 3000, None,
     D(2025, 6, 19), None, None],
]
# fmt: on


def main() -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Plan"
    sheet.append(HEADERS)
    for row in ROWS:
        sheet.append(row)
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            if isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
            elif isinstance(cell.value, float) and cell.value <= 1:
                cell.number_format = "0.0%"
    workbook.save(Path(__file__).with_name("marketing-plan.en.xlsx"))


if __name__ == "__main__":
    main()
