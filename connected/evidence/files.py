"""Downloads: the same rows as CSV or as an xlsx workbook (XlsxWriter), sent as an attachment.

Why cells are written as text or numbers and never formulas: a value that begins with = + - @ is a
formula to a spreadsheet (CSV injection), so CSV cells that start that way get a leading apostrophe
and xlsx cells are written with write_string.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field

import xlsxwriter
from django.http import HttpResponse

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class Sheet:
    name: str  # 31 characters at most (Excel's limit)
    columns: list[str]
    rows: list[Sequence] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # lines written above the table


def _cell(value) -> str | int | float:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return value
    return "" if value is None else str(value)


def _safe(value) -> str | int | float:
    """A CSV cell a spreadsheet will not run: text starting = + - @ gets a leading apostrophe."""
    value = _cell(value)
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def csv_bytes(sheet: Sheet) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    for note in sheet.notes:
        writer.writerow([_safe(note)])
    writer.writerow(sheet.columns)
    for row in sheet.rows:
        writer.writerow([_safe(v) for v in row])
    return out.getvalue().encode("utf-8-sig")  # with a BOM so Excel reads £ and accents


def xlsx_bytes(sheets: Sequence[Sheet]) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False})
    bold = book.add_format({"bold": True})
    for sheet in sheets:
        ws = book.add_worksheet(sheet.name[:31])
        r = 0
        for note in sheet.notes:
            ws.write_string(r, 0, note)
            r += 1
        for c, heading in enumerate(sheet.columns):
            ws.write_string(r, c, heading, bold)
        for row in sheet.rows:
            r += 1
            for c, value in enumerate(row):
                value = _cell(value)
                if isinstance(value, str):
                    ws.write_string(r, c, value)  # always text, never a formula
                else:
                    ws.write_number(r, c, value)
    book.close()
    return buffer.getvalue()


def attachment(body: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def download(sheets: Sequence[Sheet], stem: str, fmt: str) -> HttpResponse:
    """CSV of the first sheet, or every sheet as one workbook."""
    if fmt == "xlsx":
        return attachment(xlsx_bytes(sheets), f"{stem}.xlsx", XLSX)
    return attachment(csv_bytes(sheets[0]), f"{stem}.csv", "text/csv; charset=utf-8")
