"""Every report table as CSV (one table) or xlsx (one sheet a table), with exactly the page's figures:
both read the suppressed `Report`, so a download can show no more than the page."""

from __future__ import annotations

import csv
import io
import re

import xlsxwriter

from .presenters import cell_text
from .reports import Report, Table

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe(text: str) -> str:
    """A cell a spreadsheet will not run as a formula (CSV injection)."""
    return "'" + text if text.startswith(FORMULA_START) and not re.fullmatch(r"[+-]\d[\d.,]*", text) else text


def _preamble(report: Report) -> list[list[str]]:
    f = report.filter
    return [
        [f"Period: {f.first_month:%Y-%m} to {f.last_month:%Y-%m}"],
        [f"Counts from 1 to {report.threshold - 1} are shown as 'fewer than {report.threshold}'; others rounded to 5."],
    ]


def table_csv(report: Report, table: Table) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([table.title])
    writer.writerows(_preamble(report))
    writer.writerow(list(table.headings))
    for row in table.rows:
        writer.writerow([_safe(cell_text(c, report.threshold)) for c in row])
    return out.getvalue()


def report_xlsx(report: Report) -> bytes:
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    bold = book.add_format({"bold": True})
    for table in report.tables:
        sheet = book.add_worksheet(table.id[:31])
        sheet.write_string(0, 0, table.title, bold)
        for r, line in enumerate(_preamble(report), start=1):
            sheet.write_string(r, 0, line[0])
        sheet.write_row(4, 0, list(table.headings), bold)
        for r, row in enumerate(table.rows, start=5):
            for c, cell in enumerate(row):
                if isinstance(cell, int):
                    sheet.write_number(r, c, cell)
                else:
                    sheet.write_string(r, c, cell_text(cell, report.threshold))
        sheet.set_column(0, 0, 42)
        sheet.set_column(1, len(table.headings), 18)
    book.close()
    return out.getvalue()
