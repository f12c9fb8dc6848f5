"""Checklists kept as files: CSV, XLSX and JSON.

The file's content decides how it is read, not its name: an ".xlsx" that is really
CSV text is read as CSV with a notice. CSV arrives as UTF-8, UTF-8 with BOM, UTF-16
(Excel's "Unicode text") or GBK/GB18030 (Excel in China). The header row is the first
of the first ten rows that names a title column, so a title line above the table is
fine.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import math
import re
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from tasklint.bulk import gc_paused
from tasklint.config.columns import ALIASES, map_headers
from tasklint.connectors.rows import ParseOptions, RowReader, settle_date_order
from tasklint.errors import MissingColumnError, Notice, SourceError
from tasklint.model import Table

FILE_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".json")
_HEADER_SEARCH_ROWS = 10
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0"


@dataclass(slots=True)
class FileSource:
    path: Path
    columns: Mapping[str, str] = field(default_factory=dict)
    sheet: str | None = None
    owned: Sequence[str] = ()


@dataclass(slots=True)
class ReadResult:
    table: Table
    notices: list[Notice]


def _decode(data: bytes, path: Path) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:  # NULs mean binary data, whatever decoded
            return text
    raise SourceError(
        f"{path}: cannot read the text encoding",
        hint="save it as CSV UTF-8 (Excel: File > Save As > CSV UTF-8)",
        zh=f"{path}：无法识别文件的文字编码",
        hint_zh="请另存为 CSV UTF-8（Excel：文件 > 另存为 > CSV UTF-8(逗号分隔)）",
    )


def _dialect(sample: str) -> type[csv.Dialect]:
    """Excel's dialect (RFC 4180: cells quoted with ", and "" inside quotes is one ")
    with the delimiter the sniffer finds (, ; tab or |). Its guesses about quoting are
    not taken: when its sample holds quoted cells but no doubled quote, it decides that
    "" is no escape, and every "" further down the file then breaks its cell."""
    try:
        sniffed = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        return csv.excel

    class Sniffed(csv.excel):
        delimiter = sniffed.delimiter
        skipinitialspace = sniffed.skipinitialspace

    return Sniffed


def _csv_rows(text: str, path: Path, notices: list[Notice]) -> Iterator[list[str]]:
    """The rows, read as they are asked for: a large file's cells are never all held.
    A quote that is never closed is named in a notice (see `_unclosed_quote`)."""
    dialect = _dialect(text[:8192])
    # A cell can be as long as its file: the csv module refuses cells over 128 KB by
    # default (a long note pasted into one cell), and the limit is the process's.
    if csv.field_size_limit() < len(text):
        csv.field_size_limit(len(text))
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    begin = last_start = 1  # the lines the next and the last record begin on
    try:
        for row in reader:
            last_start = begin
            yield row
            begin = reader.line_num + 1
    except csv.Error as exc:
        raise SourceError(
            f"{path}: line {reader.line_num} is not readable as CSV ({exc})",
            hint="open the file in a spreadsheet and export it again as CSV UTF-8",
            zh=f"{path}：第 {reader.line_num} 行无法按 CSV 读取（{exc}）",
            hint_zh="请用 Excel 或 WPS 打开文件，重新导出为 CSV UTF-8",
        ) from None
    swallowed = _unclosed_quote(text, dialect, last_start)
    if swallowed:
        notices.append(
            Notice(
                en=f'{path}: line {last_start} opens a quote (") that is never'
                f" closed, so the {swallowed} line(s) after it were read into that one cell —"
                " close or remove the quote and check again",
                zh=f'{path}：第 {last_start} 行的引号（"）没有闭合，其后的 {swallowed} 行'
                "都被读进了同一个单元格——请补上或删除这个引号，然后重新检查",
            )
        )


def _unclosed_quote(text: str, dialect: type[csv.Dialect], start: int) -> int:
    """How many lines a quote opened in the record starting on line `start` (the file's
    last) swallowed when it is never closed; 0 when the file ends outside quotes.

    The csv module, as Excel does, reads such a file's rest into the one cell without a
    word: a stray quote in a hand-edited file silently merges every row after it. A
    well-formed file has an even number of quote characters, so only a file with an
    odd number has its last record read again, strictly, to be sure (a literal quote
    inside an unquoted cell, `5" screen`, is legal and leaves the count odd).
    """
    if text.count('"') % 2 == 0:
        return 0
    lines = io.StringIO(text, newline="").readlines()
    tail = "".join(lines[start - 1 :])
    try:
        for _ in csv.reader(io.StringIO(tail, newline=""), dialect, strict=True):
            pass
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):
            return len(lines) - start
    return 0


def _xlsx_rows(
    data: bytes, path: Path, sheet: str | None, notices: list[Notice]
) -> list[list[Any]]:
    """The chosen sheet's cells, row by row; a notice when its formulas were never
    calculated (see `_uncalculated_formulas`)."""
    import openpyxl  # only for workbooks: keeps a CSV check's start-up light

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        raise SourceError(
            f"{path}: not a readable Excel workbook ({type(exc).__name__})",
            hint="open it in Excel and save it again as .xlsx, or export CSV",
            zh=f"{path}：无法读取这个 Excel 工作簿（{type(exc).__name__}）",
            hint_zh="请用 Excel 打开它，重新另存为 .xlsx，或导出为 CSV",
        ) from None
    try:
        if sheet is not None:
            if sheet not in workbook.sheetnames:
                raise SourceError(
                    f"{path}: no sheet named {sheet!r}",
                    hint=f"sheets are: {', '.join(workbook.sheetnames)}",
                    zh=f"{path}：没有名为 {sheet!r} 的工作表",
                    hint_zh=f"请从现有的工作表中选择：{'、'.join(workbook.sheetnames)}",
                )
            worksheet = workbook[sheet]
        else:
            worksheet = workbook.worksheets[0]
        rows = [[_shown_value(cell) for cell in row] for row in worksheet.iter_rows()]
    finally:
        workbook.close()
    cells = _uncalculated_formulas(data, worksheet.title)
    if cells:
        shown = ", ".join(cells[:5]) + (", …" if len(cells) > 5 else "")
        notices.append(
            Notice(
                en=f"{path}: {len(cells)} formula cell(s) ({shown}) were never calculated, so"
                " they read as empty or 0 — the program that wrote the file left that to Excel;"
                " open it in Excel, WPS or LibreOffice and save it again",
                zh=f"{path}：有 {len(cells)} 个公式单元格（{shown}）从未计算过，读出来是空值或 0"
                "——生成这个文件的程序把计算留给了 Excel；请用 Excel、WPS 或 LibreOffice 打开它"
                "并重新保存",
            )
        )
    return rows


# Cell types whose saved value may be empty text (a formula such as IF(A2="","",…)).
_TEXT_TYPES = frozenset({"s", "str", "inlineStr"})
_FORMULA_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s>/]")


def _uncalculated_formulas(data: bytes, sheet_title: str) -> list[str]:
    """The references of the sheet's formula cells that hold no calculated value.

    Excel, WPS and LibreOffice save each formula with its result (`<v>` in the cell).
    Libraries that write workbooks cannot calculate: openpyxl leaves the value empty
    and XlsxWriter writes 0, and both ask the reader to recalculate on opening
    (`fullCalcOnLoad` on the workbook's `calcPr`, ECMA-376 part 1, 18.2.2), which
    openpyxl's reader cannot do. Either sign marks a formula as never calculated: the
    flag (every formula), or a formula cell of a non-text type with no value. Element
    names are matched without their namespace (transitional or strict OOXML alike).
    Anything unexpected in the package reads as "none": this only adds a notice."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            workbook = ElementTree.fromstring(package.read("xl/workbook.xml"))
            sheet_path = _sheet_path(package, workbook, sheet_title)
            if sheet_path is None:
                return []
            recalculate = _asks_to_recalculate(workbook)
            with package.open(sheet_path) as sheet:
                xml = sheet.read()
    except (KeyError, OSError, zipfile.BadZipFile, ElementTree.ParseError):
        return []
    if not _FORMULA_TAG.search(xml):
        return []
    found: list[str] = []
    try:
        for _, element in ElementTree.iterparse(io.BytesIO(xml)):
            tag = _local(element.tag)
            if tag == "row":
                element.clear()  # its cells are read: keep memory flat on a long sheet
            if tag != "c":
                continue
            formula = value = None
            for child in element:
                name = _local(child.tag)
                if name == "f":
                    formula = child
                elif name == "v":
                    value = child.text
            if formula is not None and (
                recalculate or (not value and element.get("t", "n") not in _TEXT_TYPES)
            ):
                found.append(element.get("r") or "?")
            element.clear()
    except ElementTree.ParseError:
        return found
    return found


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _sheet_path(package: zipfile.ZipFile, workbook: ElementTree.Element, title: str) -> str | None:
    """The part holding the sheet named `title`: workbook.xml names it and gives its
    relationship id, which workbook.xml.rels resolves to a path (ECMA-376 part 1,
    18.2.19 and part 2, 9.3)."""
    relation = None
    for element in workbook.iter():
        if _local(element.tag) == "sheet" and element.get("name") == title:
            relation = next((v for k, v in element.attrib.items() if _local(k) == "id"), None)
            break
    if relation is None:
        return None
    relations = ElementTree.fromstring(package.read("xl/_rels/workbook.xml.rels"))
    for element in relations.iter():
        if _local(element.tag) == "Relationship" and element.get("Id") == relation:
            target = element.get("Target") or ""
            return target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return None


def _asks_to_recalculate(workbook: ElementTree.Element) -> bool:
    for element in workbook.iter():
        if _local(element.tag) == "calcPr":
            return element.get("fullCalcOnLoad") in ("1", "true")
    return False


def _shown_value(cell: Any) -> Any:
    """A cell's value as the sheet shows it where that matters: a number formatted as a
    percentage is the fraction Excel stores (1.2 shown as "120%"), which read bare would
    be 1.2%; it is given as the text a person reads."""
    value = getattr(cell, "value", None)
    if (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and "%" in (getattr(cell, "number_format", None) or "")
        and math.isfinite(value)
    ):
        return f"{round(value * 100, 10):g}%"
    return value


def _json_records(data: bytes, path: Path, notices: list[Notice]) -> list[dict[str, Any]]:
    try:
        document = json.loads(_decode(data, path))
    except json.JSONDecodeError as exc:
        raise SourceError(
            f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})",
            hint="fix the syntax",
            zh=f"{path}：不是有效的 JSON（第 {exc.lineno} 行第 {exc.colno} 列：{exc.msg}）",
            hint_zh="请修正语法",
        ) from None
    if isinstance(document, dict) and isinstance(document.get("records"), list):
        document = document["records"]  # an Airtable-style export
    if not isinstance(document, list):
        raise SourceError(
            f"{path}: the JSON is {_json_kind(document)[0]}, not a list of rows",
            hint='write it as [{"Task": "...", "Owner": "..."}, ...]',
            zh=f"{path}：JSON 的顶层是{_json_kind(document)[1]}，不是由行组成的列表",
            hint_zh='请写成 [{"Task": "...", "Owner": "..."}, ...] 的形式',
        )
    records = []
    strays: list[int] = []
    for number, item in enumerate(document, start=1):
        if isinstance(item, dict) and isinstance(item.get("fields"), dict):
            item = item["fields"]
        if not isinstance(item, dict):
            strays.append(number)
            item = {}  # kept empty, so that the rows after it keep their numbers
        records.append(item)
    if strays:
        more = len(strays) > 5
        shown = ", ".join(map(str, strays[:5])) + (", …" if more else "")
        shown_zh = "、".join(map(str, strays[:5])) + ("……" if more else "")
        notices.append(
            Notice(
                en=f"{path}: {len(strays)} item(s) of the list (number {shown}) are not rows"
                ' of {"column": value} and were skipped',
                zh=f"{path}：列表中有 {len(strays)} 项（第 {shown_zh} 项）不是"
                ' {"列名": 值} 形式的行，已跳过',
            )
        )
    return records


def _json_kind(value: object) -> tuple[str, str]:
    """What a JSON value is, in JSON's words (a Python `dict` is an object)."""
    if isinstance(value, dict):
        return "an object", "对象"
    if isinstance(value, str):
        return "a string", "字符串"
    if isinstance(value, bool):
        return "true or false", "布尔值"
    if isinstance(value, int | float):
        return "a number", "数字"
    return "null", "null"


def _header_row(rows: list[list[Any]], source: FileSource) -> int:
    for index, row in enumerate(rows):
        headers = [str(c).strip() for c in row if c is not None and str(c).strip()]
        if "title" in map_headers(headers, source.columns, owned=source.owned):
            return index
    return -1


def _missing_title(path: Path, found: Iterable[str]) -> MissingColumnError:
    quoted = [repr(header) for header in found if header]
    examples = " / ".join(ALIASES["title"][:2] + ALIASES["title"][4:6])
    return MissingColumnError(
        f"{path}: no task column found (columns: {', '.join(quoted) or 'none'})",
        hint=f'name one {examples}, or map it in tasklint.toml: [sources.NAME.columns] title = "…"',
        zh=f"{path}：找不到任务列（现有的列：{'、'.join(quoted) or '无'}）",
        hint_zh=f"请把其中一列命名为 {examples}，或在 tasklint.toml 中指定："
        '[sources.NAME.columns] title = "…"',
    )


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _is_written(value: Any) -> bool:
    return not _is_blank(value)


def _unique_headers(headers: list[str]) -> tuple[list[str], list[str]]:
    """The headers with the second and later of a repeated name renamed "名称 (2)" …, so
    that the first column of a name is the one read; and the names repeated."""
    seen = set(headers)
    counts: dict[str, int] = {}
    unique = []
    for header in headers:
        counts[header] = counts.get(header, 0) + 1
        if header and counts[header] > 1:
            number = counts[header]
            while f"{header} ({number})" in seen:
                number += 1
            header = f"{header} ({number})"
            seen.add(header)
        unique.append(header)
    return unique, [h for h, n in counts.items() if h and n > 1]


# A table read, and the options to read it again with when its dates turned out to be
# written day first (`settle_date_order`), else None.
_Read = tuple[Table, ParseOptions | None]


def _settled(reader: RowReader, table: Table, path: Path, notices: list[Notice]) -> _Read:
    return table, settle_date_order(reader, str(path), notices)


def _table_from_grid(
    grid: Iterable[list[Any]], source: FileSource, options: ParseOptions, notices: list[Notice]
) -> _Read:
    path = source.path
    rows = iter(grid)
    head = list(itertools.islice(rows, _HEADER_SEARCH_ROWS))
    start = _header_row(head, source)
    if start < 0:
        first = next((r for r in itertools.chain(head, rows) if any(map(_is_written, r))), [])
        raise _missing_title(path, (str(c) for c in first if _is_written(c)))
    headers, repeated = _unique_headers(
        [str(c).strip() if c is not None else "" for c in head[start]]
    )
    if repeated:
        quoted = [repr(header) for header in repeated]
        notices.append(
            Notice(
                en=f"{path}: more than one column is named {', '.join(quoted)};"
                " tasklint reads the first of each — rename the others to have them read",
                zh=f"{path}：列名 {'、'.join(quoted)} 重复；同名的列 tasklint 只读取第一列"
                "——如需读取其余的列，请给它们改名",
            )
        )
    columns = map_headers([h for h in headers if h], source.columns, owned=source.owned)
    # A row as long as the header row is read by position; a shorter one as a record
    # of the cells it has.
    index = {h: i for i, h in enumerate(headers) if h}
    reader = RowReader(columns, options, index)
    by_position, width = reader.reads_rows, len(headers)
    tasks = []
    # each row with its number in the file, counting from 1
    after_header = itertools.chain(head[start + 1 :], rows)
    for offset, row in enumerate(after_header, start=start + 2):
        try:  # CSV rows hold only text: blank when their text joined is
            blank = not "".join(row).strip()
        except TypeError:
            blank = all(_is_blank(c) for c in row)
        if blank:
            continue
        record: list[Any] | dict[str, Any] = row
        if len(row) < width or not by_position:
            record = {h: row[i] for i, h in enumerate(headers) if h and i < len(row)}
        tasks.append(reader.task(f"row-{offset}", offset, record))
    return _settled(reader, Table.trusted(path.name, "file", columns, tasks), path, notices)


def _table_from_records(
    records: list[dict[str, Any]], source: FileSource, options: ParseOptions, notices: list[Notice]
) -> _Read:
    headers: dict[str, None] = {}
    for record in records:
        headers.update(dict.fromkeys(str(k) for k in record))
    columns = map_headers(list(headers), source.columns, owned=source.owned)
    if "title" not in columns:
        raise _missing_title(source.path, headers)
    reader = RowReader(columns, options)
    tasks = [
        reader.task(f"row-{i}", i, {str(k): v for k, v in record.items()})
        for i, record in enumerate(records, start=1)
        if any(not _is_blank(v) for v in record.values())
    ]
    table = Table.trusted(source.path.name, "file", columns, tasks)
    return _settled(reader, table, source.path, notices)


def read_file(source: FileSource, options: ParseOptions) -> ReadResult:
    with gc_paused():
        first, again = _read_file(source, options)
        if again is None:
            return first
        # Written day first: read again so. The notices are the first reading's, which
        # says so; the file and its other notices are the same.
        return ReadResult(_read_file(source, again)[0].table, first.notices)


def _read_file(source: FileSource, options: ParseOptions) -> tuple[ReadResult, ParseOptions | None]:
    path = source.path
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise SourceError(
            f"{path}: no such file",
            hint="check the path",
            zh=f"{path}：文件不存在",
            hint_zh="请检查路径",
        ) from None
    except OSError as exc:
        raise SourceError(
            f"{path}: cannot be read ({exc.strerror})", zh=f"{path}：无法读取（{exc.strerror}）"
        ) from None
    if not data.strip():
        raise SourceError(
            f"{path}: the file is empty",
            hint="export the checklist again",
            zh=f"{path}：文件是空的",
            hint_zh="请重新导出清单",
        )
    notices: list[Notice] = []
    suffix = path.suffix.lower()
    rows: Iterable[list[Any]]
    if suffix == ".json":
        records = _json_records(data, path, notices)
        table, again = _table_from_records(records, source, options, notices)
        return ReadResult(table, notices), again
    if zipfile.is_zipfile(io.BytesIO(data)):
        if suffix not in (".xlsx", ".xlsm"):
            notices.append(
                Notice(
                    en=f"{path}: this is an Excel workbook despite its name; read it as .xlsx",
                    zh=f"{path}：扩展名不是 .xlsx，但它其实是 Excel 工作簿；已按 .xlsx 读取",
                )
            )
        rows = _xlsx_rows(data, path, source.sheet, notices)
    elif data.startswith(_OLE2_MAGIC):
        raise SourceError(
            f"{path}: an old .xls workbook, which tasklint cannot read",
            hint="save it as .xlsx or CSV UTF-8",
            zh=f"{path}：这是旧版 .xls 工作簿，tasklint 无法读取",
            hint_zh="请另存为 .xlsx 或 CSV UTF-8",
        )
    else:
        if suffix in (".xlsx", ".xlsm"):
            notices.append(
                Notice(
                    en=f"{path}: not an Excel workbook but text; read it as CSV",
                    zh=f"{path}：这不是 Excel 工作簿，而是文本；已按 CSV 读取",
                )
            )
        rows = _csv_rows(_decode(data, path), path, notices)
    table, again = _table_from_grid(rows, source, options, notices)
    return ReadResult(table, notices), again
