"""Tables out: the same rows as XLSX (ready to print) or CSV (UTF-8 with BOM, so Excel reads Cyrillic)."""

import csv
import io
from datetime import date

from django.http import Http404, HttpResponse
from django.utils.functional import Promise
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

FORMATS = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


def export_response(export_format, filename, headers, rows, widths=None):
    """`headers` are the column titles, `rows` an iterable of lists of plain values (dates stay dates)."""
    if export_format not in FORMATS:
        raise Http404
    body = _xlsx(headers, rows, widths) if export_format == "xlsx" else _csv(headers, rows)
    response = HttpResponse(body, content_type=FORMATS[export_format])
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{filename}.{export_format}"
    )
    return response


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value):
    """A value for a CSV cell; text that a spreadsheet would run as a formula is quoted with an apostrophe."""
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _csv(headers, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    for row in rows:
        writer.writerow([_cell(str(value) if isinstance(value, Promise) else value) for value in row])
    return "\ufeff" + buffer.getvalue()


def _xlsx(headers, rows, widths):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append([str(header) for header in headers])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([str(value) if isinstance(value, Promise) else value for value in row])
        for cell in sheet[sheet.max_row]:
            if cell.data_type == "f":
                # openpyxl stores any text that begins with "=" as a formula: a surname like
                # =HYPERLINK(...) would run in the reader's spreadsheet. Text stays text.
                cell.data_type = "s"
    for index, header in enumerate(headers, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = (widths or {}).get(index - 1, max(12, min(40, len(str(header)) + 4)))
        for cell in sheet[letter][1:]:
            if isinstance(cell.value, date):
                cell.number_format = "DD.MM.YYYY"
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
