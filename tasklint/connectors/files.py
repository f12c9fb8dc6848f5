"""Checklists kept as files: CSV, XLSX and JSON.

The file's content decides how it is read, not its name: an ".xlsx" that is really
CSV text is read as CSV with a notice. CSV arrives as UTF-8, UTF-8 with BOM, UTF-16
(Excel's "Unicode text"), GBK/GB18030 (Excel in mainland China) or Big5 (Excel in
Taiwan and Hong Kong). The header row is the first of the first ten rows that names a
title column, so a title line above the table is fine. A workbook's merged cells are
read as a person sees them: a value merged down several rows is each row's.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import math
import re
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
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
_ZIP_MAGIC = b"PK\x03\x04"
# Excel saves a workbook with a password to open as an OLE2 (compound file) container
# holding the encrypted .xlsx and an "EncryptionInfo" stream (MS-OFFCRYPTO); the
# container's directory spells stream names in UTF-16LE. An old .xls has no such stream.
_ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le")


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


# Excel saves CSV in Windows' code page for the system's language: GBK in mainland
# China (GB18030 is its superset), Big5 in Taiwan and Hong Kong (code page 950; Hong
# Kong's HKSCS characters beyond it). Their byte ranges overlap, so Big5 text mostly
# decodes as GBK too, into other characters.
_BIG5 = ("cp950", "big5hkscs")


def _decode(data: bytes, path: Path, source: FileSource | None = None) -> str:
    """The file's text. With `source` (a table's file), Big5 is tried as well as GB18030
    when the file is not UTF-8 (see `_chinese_code_pages`)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    text: str | None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = None
        for encoding in ("gb18030",) if source is None else _chinese_code_pages(data, source):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
    if text is not None and "\x00" not in text:  # NULs mean binary data, whatever decoded
        return text
    raise SourceError(
        f"{path}: cannot read the text encoding",
        hint="save it as CSV UTF-8 (Excel: File > Save As > CSV UTF-8)",
        zh=f"{path}：无法识别文件的文字编码",
        hint_zh="请另存为 CSV UTF-8（Excel：文件 > 另存为 > CSV UTF-8(逗号分隔)）",
    )


def _chinese_code_pages(data: bytes, source: FileSource) -> list[str]:
    """The code pages to decode a file that is not UTF-8 with, in turn: a Big5 one
    first only when its reading of the first rows names more known columns than
    GB18030's (so a GBK file reads as it always did, and a file that is neither is not
    turned into Big5's garbage), then GB18030. Only those rows are decoded to compare:
    a line break (0x0A) is never part of a two- or four-byte character in any of them."""
    end = -1
    for _ in range(_HEADER_SEARCH_ROWS):
        end = data.find(b"\n", end + 1)
        if end < 0:
            break
    head = data if end < 0 else data[:end]
    scores: dict[str, tuple[bool, int]] = {}
    for encoding in ("gb18030", *_BIG5):
        try:
            scores[encoding] = _header_score(head.decode(encoding), source)
        except UnicodeDecodeError:
            continue  # not this one: the whole file would fail as well
    gbk = scores.pop("gb18030", (False, 0))
    better = [encoding for encoding in _BIG5 if scores.get(encoding, gbk) > gbk]
    return [*sorted(better, key=scores.__getitem__, reverse=True), "gb18030"]


def _header_score(text: str, source: FileSource) -> tuple[bool, int]:
    """(a task column named, how many known columns) of the best row of `text`."""
    best = (False, 0)
    try:
        for row in csv.reader(io.StringIO(text, newline=""), _dialect(text)):
            columns = map_headers(
                [c.strip() for c in row if c.strip()], source.columns, owned=source.owned
            )
            best = max(best, ("title" in columns, len(columns)))
    except csv.Error:
        pass  # a quote left open at the cut: the rows before it have counted
    return best


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


def _csv_rows(
    text: str, path: Path, notices: list[Notice], starts: list[int] | None = None
) -> Iterator[list[str]]:
    """The rows, read as they are asked for: a large file's cells are never all held.
    A quote that is never closed is named in a notice (see `_unclosed_quote`). The line
    each row begins on goes to `starts`, when given."""
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
            if starts is not None:
                starts.append(begin)
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
    """The chosen sheet's cells, row by row, a merged range's value carried down it
    (see `_carry_merged`); a notice when its formulas were never calculated (see
    `_uncalculated_formulas`)."""
    import openpyxl  # only for workbooks: keeps a CSV check's start-up light

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except _UNPACKING_ERRORS:
        raise _damaged(path, "a part of it cannot be unpacked", "其中有部分内容无法解压") from None
    except KeyError:  # a zip without a workbook's parts ([Content_Types].xml, xl/workbook.xml)
        raise SourceError(
            f"{path}: a zip archive, but no Excel workbook",
            hint="unzip it and check the workbook or CSV inside, or export the checklist again",
            zh=f"{path}：这是一个 zip 压缩包，但不是 Excel 工作簿",
            hint_zh="请解压后检查其中的工作簿或 CSV，或重新导出清单",
        ) from None
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
        try:  # read-only mode unpacks and parses the sheet only now
            rows = [[_shown_value(cell) for cell in row] for row in worksheet.iter_rows()]
        except Exception as exc:
            raise _damaged(
                path,
                f"sheet {worksheet.title!r} cannot be read: {type(exc).__name__}",
                f"工作表 {worksheet.title!r} 无法读取：{type(exc).__name__}",
            ) from None
        if not any(_is_written(value) for row in rows for value in row):
            raise _empty_sheet(path, workbook, worksheet.title)
    finally:
        workbook.close()
    part = _sheet_part(data, worksheet.title)
    if part is None:
        return rows
    xml, recalculate = part
    _carry_merged(rows, _merged_ranges(xml))
    cells = _uncalculated_formulas(xml, recalculate)
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


# What a zip whose directory reads but whose parts do not raises (a part cut short or
# overwritten: a bad CRC, a broken deflate stream).
_UNPACKING_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError)


def _damaged(path: Path, why: str, why_zh: str) -> SourceError:
    return SourceError(
        f"{path}: the workbook is damaged or incomplete ({why})",
        hint="open and re-save it in Excel, or export it as CSV",
        zh=f"{path}：工作簿已损坏或不完整（{why_zh}）",
        hint_zh="请用 Excel 打开并重新保存，或导出为 CSV",
    )


def _empty_sheet(path: Path, workbook: Any, title: str) -> SourceError:
    """The sheet read is empty: the error names the workbook's sheets, and one that has
    cells as the one to choose (the checklist is often on the second, after a cover
    or an emptied first sheet)."""
    others = [name for name in workbook.sheetnames if name != title]
    if not others:
        return SourceError(
            f"{path}: the workbook's only sheet, {title!r}, is empty",
            hint="export the checklist again",
            zh=f"{path}：工作簿唯一的工作表 {title!r} 是空的",
            hint_zh="请重新导出清单",
        )
    chosen = next((name for name in others if _has_cells(workbook[name])), others[0])
    names = [repr(name) for name in workbook.sheetnames]
    return SourceError(
        f"{path}: sheet {title!r} is empty (the workbook's sheets: {', '.join(names)})",
        hint=f'to read another, name it in tasklint.toml: [sources.NAME] sheet = "{chosen}"',
        zh=f"{path}：工作表 {title!r} 是空的（工作簿中的工作表：{'、'.join(names)}）",
        hint_zh=f'如需读取其他工作表，请在 tasklint.toml 中指定：[sources.NAME] sheet = "{chosen}"',
    )


def _on_another_sheet(missing: MissingColumnError, data: bytes) -> MissingColumnError:
    """No task column on a workbook's first sheet (a cover, instructions): the error also
    names the other sheets, since the checklist may be on one of them."""
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    try:
        names = workbook.sheetnames
    finally:
        workbook.close()
    if len(names) < 2:
        return missing
    others = ", ".join(repr(name) for name in names[1:])
    return MissingColumnError(
        f"{missing.message}, on the first sheet {names[0]!r} (other sheets: {others})",
        hint=f'if the checklist is on another sheet, name it: [sources.NAME] sheet = "{names[1]}"'
        f"; else {missing.hint}",
        zh=f"{missing.zh}，位于第一个工作表 {names[0]!r}（其他工作表：{others}）",
        hint_zh=f'如果清单在其他工作表上，请指定：[sources.NAME] sheet = "{names[1]}"'
        f"；否则{missing.hint_zh}",
    )


def _has_cells(worksheet: Any) -> bool:
    """Whether a cell of the sheet's first rows is written (where a header would be)."""
    try:
        head = itertools.islice(worksheet.iter_rows(values_only=True), _HEADER_SEARCH_ROWS)
        return any(_is_written(value) for row in head for value in row)
    except Exception:  # a damaged sheet is no sheet to suggest
        return False


def _sheet_part(data: bytes, title: str) -> tuple[bytes, bool] | None:
    """The XML of the sheet named `title`, and whether the workbook asks its reader to
    recalculate formulas (see `_uncalculated_formulas`); None when the package holds
    something unexpected: what is read from it only adds to what openpyxl read."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            workbook = ElementTree.fromstring(package.read("xl/workbook.xml"))
            sheet_path = _sheet_path(package, workbook, title)
            if sheet_path is None:
                return None
            with package.open(sheet_path) as sheet:
                return sheet.read(), _asks_to_recalculate(workbook)
    except (KeyError, OSError, zipfile.BadZipFile, zlib.error, ElementTree.ParseError):
        return None


_MERGE_CELL = re.compile(
    rb'<(?:[A-Za-z_][\w.-]*:)?mergeCell\s[^>]*?\bref="([A-Z]{1,3})(\d+):([A-Z]{1,3})(\d+)"'
)


def _merged_ranges(xml: bytes) -> list[tuple[int, int, int, int]]:
    """The sheet's merged ranges as (first column, first row, last column, last row),
    from 1. openpyxl's read-only mode, which keeps reading a large sheet fast, does not
    read them (`mergeCells`, which a sheet's XML holds after its cells)."""
    start = xml.find(b"mergeCell")  # one fast scan: most sheets have none
    if start < 0:
        return []
    from openpyxl.utils.cell import column_index_from_string as column

    return [
        (column(left.decode()), int(top), column(right.decode()), int(bottom))
        for left, top, right, bottom in _MERGE_CELL.findall(xml, xml.rfind(b"<", 0, start))
    ]


def _carry_merged(rows: list[list[Any]], ranges: Iterable[tuple[int, int, int, int]]) -> None:
    """Each row a merged range spans reads the range's value (Excel keeps it in the
    top-left cell and shows it over the whole range): an owner merged over three tasks
    is each task's owner. It is read in the range's first column only: a range merged
    across columns is one wide cell (a section's heading over the whole row), not the
    value of each column it covers. Rows with nothing else written stay blank, as they
    look: a phase merged down past the last task adds no task."""
    spans = [(left - 1, top - 1, bottom) for left, top, _, bottom in ranges if bottom > top]
    blank = {
        number
        for _, top, bottom in spans
        for number in range(top + 1, min(bottom, len(rows)))
        if not any(map(_is_written, rows[number]))
    }
    for column, top, bottom in spans:
        if top >= len(rows) or column >= len(rows[top]) or _is_blank(rows[top][column]):
            continue
        value = rows[top][column]
        for number in range(top + 1, min(bottom, len(rows))):
            row = rows[number]
            if number in blank:
                continue
            if len(row) <= column:
                row.extend([None] * (column + 1 - len(row)))
            row[column] = value


# Cell types whose saved value may be empty text (a formula such as IF(A2="","",…)).
_TEXT_TYPES = frozenset({"s", "str", "inlineStr"})
_FORMULA_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s>/]")


def _uncalculated_formulas(xml: bytes, recalculate: bool) -> list[str]:
    """The references of the sheet's formula cells that hold no calculated value.

    Excel, WPS and LibreOffice save each formula with its result (`<v>` in the cell).
    Libraries that write workbooks cannot calculate: openpyxl leaves the value empty
    and XlsxWriter writes 0, and both ask the reader to recalculate on opening
    (`fullCalcOnLoad` on the workbook's `calcPr`, ECMA-376 part 1, 18.2.2), which
    openpyxl's reader cannot do. Either sign marks a formula as never calculated: the
    flag (every formula), or a formula cell of a non-text type with no value. Element
    names are matched without their namespace (transitional or strict OOXML alike).
    A sheet whose XML breaks off reads as the formulas before: this only adds a notice."""
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


def _long_integer(digits: str) -> int | Decimal:
    """An integer as JSON writes it; one past Python's limit on the digits it converts
    to int (4,300 by default: the conversion takes quadratic time) as a Decimal, which
    keeps the digits for X901 to quote and reads as too large for any number cell."""
    try:
        return int(digits)
    except ValueError:
        return Decimal(digits)


def _parse_json(text: str, path: Path) -> Any:
    try:
        try:
            return json.loads(text)
        except json.JSONDecodeError:
            raise
        except ValueError:
            # Only an integer too long to convert raises this. The file is read again
            # with such integers kept as Decimals, so that the one cell is refused, not
            # the file; not on the first reading, where a call per integer would slow
            # every file for a case hardly any has.
            return json.loads(text, parse_int=_long_integer)
    except json.JSONDecodeError as exc:
        raise SourceError(
            f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})",
            hint="fix the syntax",
            zh=f"{path}：不是有效的 JSON（第 {exc.lineno} 行第 {exc.colno} 列：{exc.msg}）",
            hint_zh="请修正语法",
        ) from None


def _nested_too_deeply(path: Path) -> SourceError:
    return SourceError(
        f"{path}: the JSON is nested too deeply to read (lists or objects hundreds of"
        " levels inside each other)",
        hint='write it as a list of rows: [{"Task": "...", "Owner": "..."}, ...]',
        zh=f"{path}：JSON 嵌套太深（列表或对象层层嵌套了数百层），无法读取",
        hint_zh='请写成由行组成的列表：[{"Task": "...", "Owner": "..."}, ...]',
    )


def _json_records(data: bytes, path: Path, notices: list[Notice]) -> list[dict[str, Any]]:
    document = _parse_json(_decode(data, path), path)
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
    starts: list[int] = []  # the line each CSV row begins on
    suffix = path.suffix.lower()
    rows: Iterable[list[Any]]
    if suffix == ".json":
        try:
            records = _json_records(data, path, notices)
            table, again = _table_from_records(records, source, options, notices)
        except RecursionError:
            # json's parser, and then reading a cell, recurse once per level of lists
            # and objects inside each other, until Python's stack runs out: caught
            # here rather than every document walked for its depth first, which took
            # as long as parsing it. A checklist needs three levels ([{"Task": …}]).
            raise _nested_too_deeply(path) from None
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
        if _ENCRYPTION_INFO in data:
            raise SourceError(
                f"{path}: the workbook is password-protected",
                hint="remove the password (File > Info > Protect Workbook) or export it as CSV",
                zh=f"{path}：这个工作簿设置了打开密码",
                hint_zh="请取消密码（文件 > 信息 > 保护工作簿），或导出为 CSV",
            )
        raise SourceError(
            f"{path}: an old .xls workbook, which tasklint cannot read",
            hint="save it as .xlsx or CSV UTF-8",
            zh=f"{path}：这是旧版 .xls 工作簿，tasklint 无法读取",
            hint_zh="请另存为 .xlsx 或 CSV UTF-8",
        )
    elif suffix in (".xlsx", ".xlsm"):
        # Named a workbook, and no zip: the start of one (a download or copy cut short)
        # or bytes that are no text either are a damaged workbook; text is a CSV file
        # saved under the wrong name.
        try:
            text = None if data.startswith(_ZIP_MAGIC) else _decode(data, path, source)
        except SourceError:
            text = None
        if text is None:
            raise _damaged(path, "not a valid .xlsx zip", "不是有效的 .xlsx 压缩包")
        notices.append(
            Notice(
                en=f"{path}: not an Excel workbook but text; read it as CSV",
                zh=f"{path}：这不是 Excel 工作簿，而是文本；已按 CSV 读取",
            )
        )
        rows = _csv_rows(text, path, notices, starts)
    else:
        rows = _csv_rows(_decode(data, path, source), path, notices, starts)
    try:
        table, again = _table_from_grid(rows, source, options, notices)
    except MissingColumnError as missing:
        if source.sheet is None and data.startswith(_ZIP_MAGIC):
            raise _on_another_sheet(missing, data) from None
        raise
    # rows below a cell with a line break begin further down the file than their number
    table.lines = {row: line for row, line in enumerate(starts, start=1) if line != row}
    return ReadResult(table, notices), again
