"""The file connector: encodings, formats, header detection, bad input."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from tasklint.connectors.files import FileSource, read_file
from tasklint.connectors.rows import ParseOptions
from tasklint.errors import MissingColumnError, SourceError
from tests.helpers import TODAY

OPTIONS = ParseOptions(today=TODAY)
CSV_TEXT = (
    "任务,责任部门/人,截止日期,进度\n"
    "渠道投放排期,市场部-张三,2025/6/17,80%\n"
    "客户邀约,销售部,6月19日,50%\n"
)


def read(path: Path, **kw):
    return read_file(FileSource(path, **kw), OPTIONS)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16"])
def test_csv_encodings(tmp_path, encoding):
    path = tmp_path / "plan.csv"
    path.write_bytes(CSV_TEXT.encode(encoding))
    table = read(path).table
    assert [t.title for t in table.tasks] == ["渠道投放排期", "客户邀约"]
    assert table.tasks[0].due.isoformat() == "2025-06-17"
    assert table.tasks[0].progress == pytest.approx(0.8)
    assert table.tasks[0].id == "row-2" and table.tasks[1].row == 3


# Traditional Chinese as Excel in Taiwan (code page 950) and Hong Kong (with HKSCS)
# saves CSV: these bytes also decode as GB18030, into other characters.
@pytest.mark.parametrize("encoding", ["cp950", "big5hkscs"])
def test_csv_in_big5_is_read_as_big5(tmp_path, encoding):
    text = "檢查項目,負責人,截止日期,目標\n推廣,市場部-陳靜,2025/6/17,提升轉化率20%\n"
    path = tmp_path / "plan.csv"
    path.write_bytes(text.encode(encoding))
    assert path.read_bytes().decode("gb18030") != text
    table = read(path).table
    assert table.columns == {
        "title": "檢查項目",
        "owner": "負責人",
        "due": "截止日期",
        "goal": "目標",
    }
    (task,) = table.tasks
    assert (task.title, task.owner_text, task.goal) == ("推廣", "市場部-陳靜", "提升轉化率20%")


def test_a_gbk_file_whose_bytes_are_big5_too_stays_gbk(tmp_path):
    text = "检查项目,目标,进度\n推广,提升转化率20%,50%\n"
    path = tmp_path / "plan.csv"
    path.write_bytes(text.encode("gbk"))
    assert path.read_bytes().decode("cp950").startswith("潰脤砐醴")  # the headers decide
    task = read(path).table.tasks[0]
    assert (task.title, task.goal, task.progress) == ("推广", "提升转化率20%", 0.5)


def test_semicolon_and_tab_separated(tmp_path):
    for sep in (";", "\t"):
        path = tmp_path / "plan.csv"
        path.write_text(CSV_TEXT.replace(",", sep), encoding="utf-8")
        assert len(read(path).table.tasks) == 2


def test_traditional_fullwidth_headers(tmp_path):
    path = tmp_path / "plan.csv"
    path.write_text(
        "檢查項目,責任部門/人,完成狀態（□未完成/□已完成/□異常）,ＤＵＥ\n素材審核,市場部-林曉,已完成,2025-06-05\n",
        encoding="utf-8",
    )
    table = read(path).table
    assert set(table.columns) >= {"title", "owner_combined", "status", "due"}
    assert table.tasks[0].marked_status.value == "done"


def test_title_row_above_the_header_is_skipped(tmp_path):
    path = tmp_path / "plan.csv"
    path.write_text("营销策略方案执行检查清单,,\n" + CSV_TEXT, encoding="utf-8")
    table = read(path).table
    assert len(table.tasks) == 2 and table.tasks[0].row == 3


def test_config_mapping_overrides_aliases(tmp_path):
    path = tmp_path / "plan.csv"
    path.write_text("事情,对接人\n排期,市场部-张三\n", encoding="utf-8")
    with pytest.raises(MissingColumnError):
        read(path)
    table = read(path, columns={"title": "事情", "owner": "对接人"}).table
    assert table.tasks[0].title == "排期" and [p.name for p in table.tasks[0].owners] == ["张三"]


def test_writeback_columns_are_never_inputs(tmp_path):
    path = tmp_path / "plan.csv"
    path.write_text("任务,计算状态,状态\n排期,异常,进行中\n", encoding="utf-8")
    table = read(path, owned=["计算状态"]).table
    assert table.columns["status"] == "状态"


def test_missing_title_column_names_the_columns_found(tmp_path):
    path = tmp_path / "plan.csv"
    path.write_text("Owner,Due\nZhang,2025-06-01\n", encoding="utf-8")
    with pytest.raises(MissingColumnError) as info:
        read(path)
    line = info.value.line()
    assert "'Owner', 'Due'" in line and "title" in line and "Task" in line


def test_xlsx_first_or_named_sheet(tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active.append(["Notes"])
    sheet = workbook.create_sheet("Plan")
    sheet.append(["Task", "Owner", "Due"])
    sheet.append(["Channel schedule", "Marketing — Zhang Wei", "2025-06-17"])
    path = tmp_path / "plan.xlsx"
    workbook.save(path)
    with pytest.raises(MissingColumnError):
        read(path)
    assert read(path, sheet="Plan").table.tasks[0].title == "Channel schedule"
    with pytest.raises(SourceError, match=r"no sheet named 'Nope'.*Plan"):
        read(path, sheet="Nope")


def test_xlsx_percent_cells_are_read_as_the_sheet_shows_them(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Task", "Progress", "Target", "Actual"])
    sheet.append(["shown 60%", 0.6, 0.15, 0.12])
    sheet.append(["shown 120%", 1.2, 1.5, 1.8])
    sheet.append(["plain 1.2", 1.2, 2, 3])
    for row in (2, 3):
        for column in "BCD":
            sheet[f"{column}{row}"].number_format = "0%"
    path = tmp_path / "plan.xlsx"
    workbook.save(path)
    sixty, over, plain = read(path).table.tasks
    assert (sixty.progress, sixty.target, sixty.actual) == (0.6, 0.15, 0.12)
    # 1.2 shown as 120% is a progress past done, not 1.2%
    assert over.progress is None and over.problems[0].raw == "120%"
    assert (over.target, over.actual) == (1.5, 1.8)
    assert plain.progress == pytest.approx(0.012) and plain.target == 2  # unformatted: as CSV


def test_two_columns_of_one_name_read_the_first_with_a_notice(tmp_path):
    path = tmp_path / "plan.csv"
    path.write_text(
        "任务,任务,任务 (2),截止日期,截止日期\n第一列,第二列,另一列,2025-06-01,2025-07-01\n",
        encoding="utf-8",
    )
    result = read(path)
    (task,) = result.table.tasks
    assert (task.title, task.due) == ("第一列", date(2025, 6, 1))
    (notice,) = result.notices
    assert "'任务', '截止日期'" in notice.en and "reads the first" in notice.en
    assert "'任务'、'截止日期'" in notice.zh and "第一列" in notice.zh


def workbook_with_formulas(path: Path, *, edit=lambda name, xml: xml) -> Path:
    """A workbook as openpyxl writes one: formulas without results, and the flag that
    asks Excel to calculate them on opening; `edit` rewrites its parts' XML."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "计划"
    sheet.append(["Task", "Progress", "Notes"])
    sheet.append(["a", "=1/2", '=IF(A2="","",A2)'])
    sheet.append(["b", 30, "plain"])
    workbook.create_sheet("Sums").append(["=SUM(1,2)"])
    workbook.save(path)
    with zipfile.ZipFile(path) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    with zipfile.ZipFile(path, "w") as package:
        for name, data in parts.items():
            package.writestr(name, edit(name, data.decode()) if name.endswith(".xml") else data)
    return path


def test_xlsx_formulas_never_calculated_are_named_in_a_notice(tmp_path):
    result = read(workbook_with_formulas(tmp_path / "plan.xlsx"))
    (notice,) = result.notices
    assert "2 formula cell(s) (B2, C2) were never calculated" in notice.en
    assert "save it again" in notice.en
    assert "2 个公式单元格（B2, C2）" in notice.zh and "重新保存" in notice.zh
    assert result.table.tasks[0].progress is None  # read as empty, as before: nothing made up
    assert result.table.tasks[1].progress == pytest.approx(0.3)


def test_xlsx_formulas_as_excel_saves_them_need_no_notice(tmp_path):
    def calculated(name: str, xml: str) -> str:
        if name == "xl/workbook.xml":
            return xml.replace('fullCalcOnLoad="1"', "")
        # a number result, and an IF() that gave empty text (a value all the same)
        xml = xml.replace("<f>1/2</f><v />", "<f>1/2</f><v>0.5</v>")
        return xml.replace('<c r="C2"><f>', '<c r="C2" t="str"><f>').replace(
            '"",A2)</f><v />', '"",A2)</f><v></v>'
        )

    result = read(workbook_with_formulas(tmp_path / "plan.xlsx", edit=calculated))
    assert result.notices == []
    assert result.table.tasks[0].progress == pytest.approx(0.5)  # the saved result, read


def test_xlsx_formulas_with_placeholder_results_are_named_when_recalculation_is_asked(tmp_path):
    # XlsxWriter writes 0 for every formula and asks for recalculation on opening
    def zeros(name: str, xml: str) -> str:
        return xml.replace("<v />", "<v>0</v>")

    result = read(workbook_with_formulas(tmp_path / "plan.xlsx", edit=zeros))
    (notice,) = result.notices
    assert "2 formula cell(s) (B2, C2)" in notice.en


def test_xlsx_a_formula_without_result_is_named_without_the_flag_and_only_on_the_read_sheet(
    tmp_path,
):
    def unflagged(name: str, xml: str) -> str:
        if name == "xl/workbook.xml":
            return xml.replace('fullCalcOnLoad="1"', "")
        return xml.replace('<c r="C2"><f>', '<c r="C2" t="str"><f>')

    path = workbook_with_formulas(tmp_path / "plan.xlsx", edit=unflagged)
    (notice,) = read(path).notices
    assert "1 formula cell(s) (B2)" in notice.en  # C2 gives text: empty text may be its result
    workbook = openpyxl.load_workbook(path)
    workbook.move_sheet("Sums", offset=-1)
    workbook["Sums"].append(["Task"])
    workbook.save(path)
    assert read(path, sheet="计划").notices != [] and [n.en for n in read(path).notices] == [
        f"{path}: 1 formula cell(s) (A1) were never calculated, so they read as empty or 0 —"
        " the program that wrote the file left that to Excel; open it in Excel, WPS or"
        " LibreOffice and save it again"
    ]


def test_xlsx_that_is_really_csv_is_read_with_a_notice(tmp_path):
    path = tmp_path / "plan.xlsx"
    path.write_text(CSV_TEXT, encoding="utf-8")
    result = read(path)
    assert len(result.table.tasks) == 2
    assert any("not an Excel workbook" in n.en for n in result.notices)


def test_damaged_xlsx_and_old_xls(tmp_path):
    broken = tmp_path / "plan.xlsx"
    broken.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    with pytest.raises(SourceError):
        read(broken)
    old = tmp_path / "plan.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    with pytest.raises(SourceError, match=r"old \.xls"):
        read(old)


def test_a_password_protected_workbook_is_named_so(tmp_path):
    # Excel's encrypted .xlsx: an OLE2 container whose directory names the stream
    # "EncryptionInfo" in UTF-16LE; an old .xls is an OLE2 container without it.
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    entry = "EncryptionInfo".encode("utf-16-le").ljust(64, b"\x00")
    path = tmp_path / "plan.xlsx"
    path.write_bytes(header + entry + b"\x00" * 1024)
    with pytest.raises(SourceError) as info:
        read(path)
    assert info.value.line() == (
        f"{path}: the workbook is password-protected — remove the password"
        " (File > Info > Protect Workbook) or export it as CSV"
    )
    assert "密码" in info.value.line("zh")
    path.write_bytes(header + b"\x00" * 1024)
    with pytest.raises(SourceError, match=r"old \.xls"):
        read(path)


def saved_plan(path: Path) -> Path:
    workbook = openpyxl.Workbook()
    workbook.active.append(["Task", "Owner"])
    for number in range(500):
        workbook.active.append([f"Task {number}", "Zhang Wei"])
    workbook.save(path)
    return path


def test_a_workbook_cut_short_or_damaged_is_named_so(tmp_path):
    whole = saved_plan(tmp_path / "whole.xlsx").read_bytes()
    damaged = "the workbook is damaged or incomplete"
    advice = "open and re-save it in Excel, or export it as CSV"
    path = tmp_path / "plan.xlsx"
    for broken in (whole[: len(whole) // 2], whole[:-10], bytes(range(1, 256)) * 12):
        path.write_bytes(broken)
        with pytest.raises(SourceError) as info:
            read(path)
        assert info.value.line() == f"{path}: {damaged} (not a valid .xlsx zip) — {advice}"
        assert "工作簿已损坏或不完整" in info.value.line("zh")
    # The zip's directory intact, the sheet's compressed bytes overwritten: openpyxl
    # finds out only while it reads the rows.
    with zipfile.ZipFile(io.BytesIO(whole)) as package:
        part = package.getinfo("xl/worksheets/sheet1.xml")
    start = part.header_offset + 30 + len(part.filename.encode()) + len(part.extra)
    for offset in (part.compress_size // 2, part.compress_size - 4):
        broken = bytearray(whole)
        broken[start + offset : start + offset + 4] = bytes(
            b ^ 0xFF for b in whole[start + offset : start + offset + 4]
        )
        path.write_bytes(broken)
        with pytest.raises(SourceError, match=damaged):
            read(path)


def test_an_empty_sheet_names_the_sheets_and_how_to_choose_one(tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active.title = "Cover"
    workbook.create_sheet("Notes").append([None])
    workbook.create_sheet("Plan").append(["Task", "Owner"])
    workbook["Plan"].append(["Launch", "Zhang Wei"])
    path = tmp_path / "plan.xlsx"
    workbook.save(path)
    with pytest.raises(SourceError) as info:
        read(path)
    assert info.value.line() == (
        f"{path}: sheet 'Cover' is empty (the workbook's sheets: 'Cover', 'Notes', 'Plan')"
        ' — to read another, name it in tasklint.toml: [sources.NAME] sheet = "Plan"'
    )
    assert 'sheet = "Plan"' in info.value.line("zh") and "是空的" in info.value.line("zh")
    with pytest.raises(SourceError, match="sheet 'Notes' is empty"):
        read(path, sheet="Notes")
    assert read(path, sheet="Plan").table.tasks[0].title == "Launch"
    alone = tmp_path / "alone.xlsx"
    openpyxl.Workbook().save(alone)
    with pytest.raises(SourceError, match="the workbook's only sheet, 'Sheet', is empty"):
        read(alone)


def test_a_merged_range_is_read_in_each_of_its_rows(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Phase", "Task", "Owner", "Due", "Progress"])
    sheet.append(["Preparation", "A", "Alice", "2025-05-01", 0.5])
    sheet.append([None, "B", "Bob", "2025-05-02", 0.2])
    sheet.append([None, "C", None, "2025-05-03", None])
    sheet.append(["Execution: a heading across the row"])
    sheet.append(["Execution", "D", "Carol", "2025-05-04", None])
    sheet.append([])
    sheet["E2"].number_format = "0%"
    sheet.merge_cells("A2:A4")  # the phase of three tasks
    sheet.merge_cells("C3:C4")  # one owner for two
    sheet.merge_cells("E2:E3")  # shown 50%, as a person reads it
    sheet.merge_cells("A5:E5")  # one wide cell, not each column's value
    sheet.merge_cells("A6:A8")  # down past the last task: no task added
    path = tmp_path / "plan.xlsx"
    workbook.save(path)
    tasks = read(path).table.tasks
    assert [(t.row, t.title, t.phase, t.owner_text, t.progress) for t in tasks] == [
        (2, "A", "preparation", "Alice", 0.5),
        (3, "B", "preparation", "Bob", 0.5),
        (4, "C", "preparation", "Bob", None),
        (5, None, None, None, None),
        (6, "D", "execution", "Carol", None),
    ]


def test_json_list_and_airtable_export(tmp_path):
    path = tmp_path / "plan.json"
    path.write_text(
        json.dumps([{"Task": "A", "Owner": "Zhang Wei"}, {"Task": "B"}]), encoding="utf-8"
    )
    assert [t.title for t in read(path).table.tasks] == ["A", "B"]
    path.write_text(
        json.dumps({"records": [{"id": "rec1", "fields": {"Task": "A"}}]}), encoding="utf-8"
    )
    assert read(path).table.tasks[0].title == "A"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"Task": "A"}', "the JSON is an object, not a list of rows"),
        ('"Task A"', "the JSON is a string, not a list of rows"),
        ("[1, 2", "not valid JSON"),
    ],
)
def test_bad_json(tmp_path, content, message):
    path = tmp_path / "plan.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(SourceError, match=message):
        read(path)


def test_json_nested_too_deeply_is_one_line(tmp_path):
    path = tmp_path / "plan.json"
    nested_cell = "[" * 2000 + '"Zhang Wei"' + "]" * 2000
    for content in ("[" * 100_000, f'[{{"Task": "A", "Owner": {nested_cell}}}]'):
        path.write_text(content, encoding="utf-8")
        with pytest.raises(SourceError) as info:
            read(path)
        assert info.value.line() == (
            f"{path}: the JSON is nested too deeply to read (lists or objects hundreds of"
            ' levels inside each other) — write it as a list of rows: [{"Task": "...",'
            ' "Owner": "..."}, ...]'
        )
        assert "嵌套太深" in info.value.line("zh")


def test_a_json_integer_too_long_to_read_is_refused_in_its_cell(tmp_path):
    # Python converts at most 4,300 digits to an int; the row and the file are read.
    path = tmp_path / "plan.json"
    budget = "9" * 5000
    path.write_text(
        f'[{{"Task": "A", "Budget": {budget}, "Spent": -{budget}, "Owner": "Zhang Wei"}},'
        ' {"Task": "B", "Budget": 100}]',
        encoding="utf-8",
    )
    first, second = read(path).table.tasks
    assert [(p.column, p.raw[:3], p.expected) for p in first.problems] == [
        ("Budget", "999", "an amount such as ¥1,000, $1,200.50 or 3万元 (this one is too large)"),
        ("Spent", "-99", "an amount such as ¥1,000, $1,200.50 or 3万元 (this one is too large)"),
    ]
    assert first.owner_text == "Zhang Wei" and second.budget == 100
    path.write_text(f'[{{"Task": "A", "Budget": {budget}}}, {{"Task": ]', encoding="utf-8")
    with pytest.raises(SourceError, match="not valid JSON"):
        read(path)


def test_empty_and_missing_files(tmp_path):
    empty = tmp_path / "plan.csv"
    empty.write_text("  \n", encoding="utf-8")
    with pytest.raises(SourceError, match="empty"):
        read(empty)
    with pytest.raises(SourceError, match="no such file"):
        read(tmp_path / "absent.csv")


def test_undecodable_bytes(tmp_path):
    path = tmp_path / "plan.csv"
    path.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(SourceError, match=r"encoding|task column"):
        read(path)


def test_huge_cells_and_emoji_are_read_and_checked(tmp_path):
    path = tmp_path / "plan.csv"
    huge = "很长的备注" * 2000
    path.write_text(
        f"任务,备注,截止日期\n🚀 发布会,{huge},明天左右\n排期,,2025-06-30\n", encoding="utf-8"
    )
    table = read(path).table
    assert table.tasks[0].title == "🚀 发布会" and len(table.tasks[0].notes) == 10000
    assert table.tasks[0].problems and table.tasks[0].problems[0].field == "due"
    assert table.tasks[1].due is not None


def test_a_cell_past_the_csv_modules_limit_is_read_too(tmp_path):
    path = tmp_path / "plan.csv"
    pasted = "会议纪要" * 50_000  # 200,000 characters, past the csv module's 131,072
    path.write_text(f'任务,备注,截止日期\n复盘,"{pasted}",6月31日\n排期,,2025-06-30\n', "utf-8")
    first, second = read(path).table.tasks
    assert first.notes == pasted and first.problems[0].field == "due"
    assert second.title == "排期"


def test_blank_rows_are_skipped_and_row_numbers_kept(tmp_path):
    path = tmp_path / "plan.csv"
    path.write_text("任务\nA\n,\n\nB\n", encoding="utf-8")
    tasks = read(path).table.tasks
    assert [(t.title, t.row) for t in tasks] == [("A", 2), ("B", 5)]


def test_a_check_box_where_a_number_belongs_is_quoted_as_json_spells_it(tmp_path):
    path = tmp_path / "plan.json"
    path.write_text(
        json.dumps([{"Task": "A", "Owner": "Zhang Wei", "Budget": True, "Notes": False}]),
        encoding="utf-8",
    )
    task = read(path).table.tasks[0]
    assert [(p.column, p.raw) for p in task.problems] == [("Budget", "true")]
    assert task.notes == "false"


def test_doubled_quotes_are_one_quote_though_the_first_rows_have_none(tmp_path):
    # The first 8 KB hold quoted cells but no "": the csv sniffer alone would decide
    # that "" is no escape and break the cell further down.
    rows = "".join(f'"Launch, wave {i}",Alice,done\n' for i in range(400))
    path = tmp_path / "plan.csv"
    path.write_text(f'Task,Owner,Status\n{rows}"The ""Summer"" brief",Bob,done\n', encoding="utf-8")
    result = read(path)
    last = result.table.tasks[-1]
    assert (last.title, last.owner_text) == ('The "Summer" brief', "Bob")
    assert result.notices == []


@pytest.mark.parametrize("separator", [",", ";"])
def test_a_quote_never_closed_is_named_with_the_lines_it_swallowed(tmp_path, separator):
    lines = ["Task,Owner,Status", '"Launch,Alice,done', "Brief,Bob,done", "Recap,Carol,done"]
    path = tmp_path / "plan.csv"
    path.write_text("\n".join(lines).replace(",", separator) + "\n", encoding="utf-8")
    result = read(path)
    assert len(result.table.tasks) == 1  # as Excel reads it; the notice says so
    assert [n.en for n in result.notices] == [
        f'{path}: line 2 opens a quote (") that is never closed, so the 2 line(s) after it'
        " were read into that one cell — close or remove the quote and check again"
    ]


def test_quotes_that_close_or_stand_inside_a_cell_give_no_notice(tmp_path):
    path = tmp_path / "plan.csv"
    path.write_text(
        'Task,Owner,Status\n55" TV ad,Alice,done\n"Brief\nwith notes",Bob,done\n',
        encoding="utf-8",
    )
    result = read(path)
    assert [t.title for t in result.table.tasks] == ['55" TV ad', "Brief\nwith notes"]
    assert result.notices == []


def test_items_of_a_json_list_that_are_not_rows_are_named_and_the_rows_keep_their_numbers(
    tmp_path,
):
    path = tmp_path / "plan.json"
    path.write_text(json.dumps([{"Task": "A"}, "Task B", 3, {"Task": "D"}]), encoding="utf-8")
    result = read(path)
    assert [(t.row, t.title) for t in result.table.tasks] == [(1, "A"), (4, "D")]
    (notice,) = result.notices
    assert notice.en == (
        f"{path}: 2 item(s) of the list (number 2, 3) are not rows of"
        ' {"column": value} and were skipped'
    )
    assert "第 2、3 项" in notice.zh


# --- the order of dates written with numbers only (05/07/2025) -----------------------


def dated_plan(tmp_path: Path, *dues: str) -> Path:
    path = tmp_path / "plan.csv"
    rows = "".join(f"任务{i},市场部,{due}\n" for i, due in enumerate(dues, start=1))
    path.write_text("任务,负责人,截止日期\n" + rows, encoding="utf-8")
    return path


def dues(result) -> list[str | None]:
    return [t.due.isoformat() if t.due else None for t in result.table.tasks]


def test_a_table_written_day_first_is_read_day_first_with_a_notice(tmp_path):
    # 19/07/2025 can only be day first; 05/07/2025 is then 5 July, not 7 May
    result = read(dated_plan(tmp_path, "19/07/2025", "05/07/2025", "2025-07-01", "03/08"))
    assert dues(result) == ["2025-07-19", "2025-07-05", "2025-07-01", "2025-08-03"]
    [notice] = result.notices
    assert "'05/07/2025'" in notice.en and "day first (2025-07-05)" in notice.en
    assert "'19/07/2025'" in notice.en and 'date_order = "month-first"' in notice.en
    assert "按“日/月”读取" in notice.zh


def test_the_day_first_order_is_read_from_json_records_too(tmp_path):
    path = tmp_path / "plan.json"
    records = [{"任务": "A", "截止日期": "31-07-2025"}, {"任务": "B", "截止日期": "01-07-2025"}]
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    result = read(path)
    assert dues(result) == ["2025-07-31", "2025-07-01"] and len(result.notices) == 1


def test_dates_written_both_ways_are_read_month_first_and_the_notice_names_both(tmp_path):
    result = read(dated_plan(tmp_path, "19/07/2025", "07/25/2025", "05/07/2025"))
    assert dues(result) == ["2025-07-19", "2025-07-25", "2025-05-07"]
    [notice] = result.notices
    assert "'19/07/2025'" in notice.en and "'07/25/2025'" in notice.en
    assert "read month first (2025-05-07)" in notice.en


@pytest.mark.parametrize(
    "written",
    [
        ("19/07/2025", "2025-07-05"),  # day first, but no date that could be either
        ("07/25/2025", "05/07/2025"),  # month first: the default, nothing to tell
        ("05/07/2025", "2025-07-19"),  # no evidence either way: month first
        ("6/6/2025", "19/07/2025"),  # 6/6 reads the same either way
    ],
)
def test_no_notice_when_the_order_changes_nothing_or_is_the_default(tmp_path, written):
    result = read(dated_plan(tmp_path, *written))
    assert result.notices == []
    month_first = [cells_date(text, day_first=False) for text in written]
    assert dues(result) == month_first


def cells_date(text: str, *, day_first: bool) -> str:
    from tasklint.connectors.cells import parse_date

    return parse_date(text, today=TODAY, day_first=day_first).isoformat()


@pytest.mark.parametrize("order", ["month-first", "day-first"])
def test_a_configured_order_is_kept_whatever_the_table_shows(tmp_path, order):
    path = dated_plan(tmp_path, "05/07/2025", "19/07/2025")
    result = read_file(FileSource(path), ParseOptions(today=TODAY, date_order=order))
    assert result.notices == []
    assert dues(result)[0] == ("2025-05-07" if order == "month-first" else "2025-07-05")


def test_a_zip_without_a_workbook_is_named_so(tmp_path: Path):
    path = tmp_path / "plan.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("plan.csv", "Task,Owner\nA,Bo\n")
    with pytest.raises(SourceError) as info:
        read(path)
    assert "a zip archive, but no Excel workbook" in info.value.line()


def test_no_task_column_on_a_cover_sheet_names_the_other_sheets(tmp_path: Path):
    workbook = openpyxl.Workbook()
    workbook.active.title = "Cover"
    workbook.active.append(["Q3 marketing plan — read me first"])
    plan = workbook.create_sheet("Plan")
    plan.append(["Task", "Owner"])
    plan.append(["Launch", "Marketing - Al"])
    path = tmp_path / "plan.xlsx"
    workbook.save(path)
    with pytest.raises(MissingColumnError) as info:
        read(path)
    line = info.value.line()
    assert "on the first sheet 'Cover' (other sheets: 'Plan')" in line
    assert '[sources.NAME] sheet = "Plan"' in line
    assert read(path, sheet="Plan").table.tasks[0].title == "Launch"
