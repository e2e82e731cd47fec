"""Tables that spreadsheets open safely: CSV and XLSX written by one set of functions for every
output (web exports, the ZIP's manifest, the CLI), and CSV read by an explicit rule.

- Dialects: `excel` (the default) is what Dutch Excel opens by double-click: UTF-8 with a byte-order
  mark (without it "Skarsterlân" shows as "SkarsterlÃ¢n") and ';' between columns (a Dutch locale
  uses ',' as decimal comma, so comma-separated files land in one column). `rfc4180` is plain
  comma-separated UTF-8 without a byte-order mark, for programs.
- Formula injection (OWASP "CSV injection"): a cell that begins with = + - @ or a tab or carriage
  return is read as a formula by spreadsheets, so `=HYPERLINK(...)` in a title would become a live
  link. Such cells get a leading apostrophe, which spreadsheets show as text; reading our own CSV
  back (restore_cell) removes it again. XLSX cells are typed as text and need no prefix.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import BinaryIO, TextIO

__all__ = ["CSV_DIALECTS", "DEFAULT_CSV_DIALECT", "flat", "safe_cell", "restore_cell", "write_csv_table",
           "write_xlsx_table", "csv_delimiter", "read_csv_records"]

CSV_DIALECTS = ("excel", "rfc4180")
DEFAULT_CSV_DIALECT = "excel"
_SEPARATOR = {"excel": ";", "rfc4180": ","}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_BOM = "\ufeff"


def flat(value) -> str:
    """A cell's text: nothing for None, list values joined by ';' (the convention of the corpus labels)."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ";".join(str(v) for v in value if v is not None)
    return str(value)


def _needs_prefix(text: str) -> bool:
    # Apostrophes before a formula character are prefixed too, so that restore_cell is exact.
    return text.lstrip("'").startswith(_FORMULA_START)


def safe_cell(value) -> str:
    """The cell's text, with a leading apostrophe when a spreadsheet would read it as a formula."""
    text = flat(value)
    return "'" + text if _needs_prefix(text) else text


def restore_cell(text: str) -> str:
    """The value safe_cell was given (for a text cell)."""
    return text[1:] if text.startswith("'") and _needs_prefix(text[1:]) else text


def write_csv_table(out: TextIO, rows: Iterable[dict], columns: list[str], dialect: str = DEFAULT_CSV_DIALECT) -> None:
    """A header and one line per row; `out` should be opened with newline='' (lines end in CRLF)."""
    if dialect not in _SEPARATOR:
        raise ValueError(f"Unknown CSV dialect '{dialect}'; use one of {', '.join(CSV_DIALECTS)}.")
    if dialect == "excel":
        out.write(_BOM)
    writer = csv.writer(out, delimiter=_SEPARATOR[dialect], lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([safe_cell(row.get(column)) for column in columns])


def _xlsx_value(value):
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, bool) or value is None:
        return flat(value) if value is not None else None
    if isinstance(value, (int, float)):
        return value
    # Control characters are not allowed in the file format; they carry nothing readable anyway.
    return ILLEGAL_CHARACTERS_RE.sub("", flat(value))


def write_xlsx_table(out: BinaryIO, rows: Iterable[dict], columns: list[str], sheet: str = "Fusiearchief") -> None:
    """An .xlsx workbook with one sheet: a bold header row, numbers as numbers, all else as text."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    table = book.create_sheet(sheet)
    table.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for column in columns:
        cell = WriteOnlyCell(table, value=column)
        cell.font = bold
        header.append(cell)
    table.append(header)
    for row in rows:
        cells = []
        for column in columns:
            cell = WriteOnlyCell(table, value=_xlsx_value(row.get(column)))
            if isinstance(cell.value, str):
                # openpyxl would store "=..." as a formula; a text cell is never evaluated.
                cell.data_type = "s"
            cells.append(cell)
        table.append(cells)
    book.save(out)


def xlsx_bytes(rows: Iterable[dict], columns: list[str]) -> bytes:
    buffer = io.BytesIO()
    write_xlsx_table(buffer, rows, columns)
    return buffer.getvalue()


def csv_delimiter(first_line: str) -> str:
    """The column separator of a CSV file by its header line: whichever of ';', tab and ',' occurs
    most ('file;title' from Dutch Excel, 'file,title' from elsewhere); ',' when none does.
    An explicit rule: csv.Sniffer guesses from the data rows too and misreads valid files."""
    counts = {separator: first_line.count(separator) for separator in (",", ";", "\t")}
    best = max(counts, key=lambda separator: counts[separator])
    return best if counts[best] > counts[","] else ","


def read_csv_records(handle: TextIO) -> list[dict[str, str]]:
    """Rows of a CSV file opened as text (encoding 'utf-8-sig' drops a byte-order mark), keyed by the
    header; the separator by csv_delimiter."""
    text = handle.read()
    first_line = text.split("\n", 1)[0]
    return list(csv.DictReader(io.StringIO(text), delimiter=csv_delimiter(first_line)))
