"""The tabular-import engine on its own: workbooks that try to expand entities or read local files are refused before
any XML parser sees them, a wrong sheet size is not trusted, and a confirmation writes all rows or none."""

import io
import re
import time
import zipfile

import pytest
from django.utils import translation

from core import tabular
from core.tabular import ImportFileError, ImportRefused, RowState
from tests.factories_imports import STAFF_HEADER, staff_file, staff_row, xlsx_bytes

SHEET = "xl/worksheets/sheet1.xml"
# "ha" ten times ten times … nine levels deep: 2 GB of text from a few hundred bytes ("billion laughs").
LAUGHS = (
    '<!DOCTYPE worksheet [<!ENTITY a0 "ha">'
    + "".join(f'<!ENTITY a{level} "{f"&a{level - 1};" * 10}">' for level in range(1, 10))
    + "]>"
)


def rewritten(data, name, change):
    """The workbook `data` with the part `name` replaced by `change(its text)`."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for entry in source.infolist():
            content = source.read(entry)
            if entry.filename == name:
                content = change(content.decode()).encode()
            archive.writestr(entry.filename, content)
    return buffer.getvalue()


def with_prolog(prolog, cell="&a9;"):
    """A staff workbook whose sheet has `prolog` before its root element and `cell` as the second row's surname."""

    def change(text):
        text = text.replace("<worksheet", f"{prolog}<worksheet", 1)
        return re.sub(r'(<c r="A2"[^>]*>)<is><t>[^<]*</t></is>', rf"\1<is><t>{cell}</t></is>", text, count=1)

    return rewritten(staff_file(staff_row()), SHEET, change)


def refusal(data):
    with pytest.raises(ImportFileError) as refused:
        tabular.read_sheet(data)
    return refused.value.code


def test_a_workbook_whose_entities_expand_to_gigabytes_is_refused_at_once():
    started = time.perf_counter()
    assert refusal(with_prolog(LAUGHS)) == "damaged"
    assert time.perf_counter() - started < 1


def test_a_workbook_whose_entity_reads_a_local_file_is_refused():
    data = with_prolog('<!DOCTYPE worksheet [<!ENTITY secret SYSTEM "file:///etc/passwd">]>', "&secret;")
    assert refusal(data) == "damaged"


def test_a_document_type_behind_a_comment_or_a_processing_instruction_is_refused():
    prolog = '<?xml version="1.0"?><!-- <a> --><?note <b>?><!DOCTYPE worksheet [<!ENTITY x "y">]>'
    assert refusal(with_prolog(prolog, "&x;")) == "damaged"


def test_a_document_type_in_a_part_written_in_utf16_is_refused():
    source = zipfile.ZipFile(io.BytesIO(staff_file(staff_row())))
    text = source.read(SHEET).decode().replace("<worksheet", '<!DOCTYPE worksheet [<!ENTITY x "y">]><worksheet', 1)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for entry in source.infolist():
            archive.writestr(entry.filename, text.encode("utf-16") if entry.filename == SHEET else source.read(entry))
    assert refusal(buffer.getvalue()) == "damaged"


def test_a_comment_before_the_root_element_is_not_a_document_type():
    sheet = tabular.read_sheet(with_prolog('<?xml version="1.0"?><!-- written by hand -->', "Асанова"))
    assert [cells[0] for _line, cells in sheet.rows] == [STAFF_HEADER[0], "Асанова"]


def test_rows_and_columns_beyond_the_size_a_sheet_declares_are_read():
    data = rewritten(
        xlsx_bytes([STAFF_HEADER, staff_row(), staff_row("Серикова")]),
        SHEET,
        lambda text: re.sub(r'<dimension ref="[^"]*"/>', '<dimension ref="A1:B2"/>', text),
    )
    sheet = tabular.read_sheet(data)
    assert [line for line, _cells in sheet.rows] == [1, 2, 3]
    assert len(sheet.rows[0][1]) == len(STAFF_HEADER)


def test_reading_stops_past_the_rows_an_import_takes():
    rows = [STAFF_HEADER] + [staff_row()] * (tabular.MAX_ROWS + tabular.HEADER_SEARCH_ROWS + 5)
    sheet = tabular.read_sheet(xlsx_bytes(rows))
    assert sheet.truncated
    assert len(sheet.rows) == tabular.MAX_ROWS + tabular.HEADER_SEARCH_ROWS + 1


class _Preview:
    def __init__(self, errors):
        self.rows = [tabular.ImportRow(line=2, errors=errors)]

    has_errors = property(lambda self: any(row.errors for row in self.rows))
    counts = property(lambda self: {RowState.ERROR: sum(1 for row in self.rows if row.errors)})


@pytest.mark.django_db
def test_confirm_writes_nothing_when_a_row_has_an_error():
    written = []
    with translation.override("en"), pytest.raises(ImportRefused) as refused:
        tabular.confirm(lambda: _Preview(["“Surname” is empty."]), written.append)
    assert written == []
    assert "1 row has an error" in refused.value.message


@pytest.mark.django_db
def test_confirm_checks_the_file_again_and_writes_it():
    written = []
    assert tabular.confirm(lambda: _Preview([]), lambda preview: written.append(preview) or "done") == "done"
    assert len(written) == 1
