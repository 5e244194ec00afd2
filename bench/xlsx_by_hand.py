"""The hand-written XLSX reader that the imports used until openpyxl's read-only mode replaced it, kept for the bench.

openpyxl's normal mode builds a full cell object for every cell and needed about a second for 5,000 rows, so the
imports read the sheet's XML directly; its read-only mode (`read_only=True`, `values_only=True`) was never
measured. bench/imports.py now measures both on the same workbook, so the choice can be checked again when
openpyxl changes. `xlsx_rows_by_hand` stands in for `core.tabular.xlsx_rows` on the bench's own workbook; it
is a yardstick, not a reader for uploads (it leaves out the refusals of a workbook that declares a DTD).
"""

import io
import posixpath
import zipfile
from xml.etree import ElementTree

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

from core import tabular


def xlsx_rows_by_hand(data):
    archive = zipfile.ZipFile(io.BytesIO(data))
    if sum(entry.file_size for entry in archive.infolist()) > tabular.MAX_UNPACKED_BYTES:
        raise tabular.too_large()
    return FirstSheet(archive).rows()


MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
RELATIONSHIP = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
PACKAGE = "{http://schemas.openxmlformats.org/package/2006/relationships}"


class FirstSheet:
    """The values of an XLSX workbook's first sheet, as rows.

    openpyxl builds a full cell object (coordinates, styles) for every cell and needs about a second for
    5,000 rows; an import needs only values, with numbers in a date format turned into dates. Reading the
    sheet's XML directly takes a fifth of that, and openpyxl still supplies the rules for date formats and
    Excel day numbers.
    """

    def __init__(self, archive):
        self.archive = archive
        workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        properties = workbook.find(f"{MAIN}workbookPr")
        self.epoch = (
            CALENDAR_MAC_1904
            if properties is not None and properties.get("date1904") in ("1", "true")
            else CALENDAR_WINDOWS_1900
        )
        first = workbook.find(f"{MAIN}sheets/{MAIN}sheet")
        if first is None:
            raise ValueError("a workbook without sheets")
        parts = self._parts()
        self.sheet_path = parts["sheets"][first.get(RELATIONSHIP)]
        self.strings = self._shared_strings(parts.get("sharedStrings"))
        self.date_styles = self._date_styles(parts.get("styles"))

    def _parts(self):
        relations = ElementTree.fromstring(self.archive.read("xl/_rels/workbook.xml.rels"))
        parts = {"sheets": {}}
        for relation in relations.iter(f"{PACKAGE}Relationship"):
            target = relation.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
            kind = relation.get("Type", "").rsplit("/", 1)[-1]
            if kind == "worksheet":
                parts["sheets"][relation.get("Id")] = path
            else:
                parts[kind] = path
        return parts

    def _shared_strings(self, path):
        if not path:
            return []
        strings = []
        text, run = f"{MAIN}t", f"{MAIN}r"
        for _event, element in ElementTree.iterparse(self.archive.open(path), events=("end",)):
            if element.tag == f"{MAIN}si":
                # Plain text, or rich-text runs; phonetic hints (rPh) are not part of the value.
                parts = [child.findtext(text) if child.tag == run else child.text for child in element]
                strings.append("".join(part or "" for part in parts if part is not None))
                element.clear()
        return strings

    def _date_styles(self, path):
        if not path:
            return set()
        styles = ElementTree.fromstring(self.archive.read(path))
        custom = {
            int(number_format.get("numFmtId")): number_format.get("formatCode", "")
            for number_format in styles.iterfind(f"{MAIN}numFmts/{MAIN}numFmt")
        }
        dated = set()
        for index, style in enumerate(styles.iterfind(f"{MAIN}cellXfs/{MAIN}xf")):
            format_id = int(style.get("numFmtId", 0))
            code = custom.get(format_id) or BUILTIN_FORMATS.get(format_id)
            if code and is_date_format(code):
                dated.add(index)
        return dated

    def rows(self):
        row_tag, cell_tag = f"{MAIN}row", f"{MAIN}c"
        cells, expected = [], 1
        for _event, element in ElementTree.iterparse(self.archive.open(self.sheet_path), events=("end",)):
            if element.tag == cell_tag:
                value = self._value(element)
                reference = element.get("r")
                column = _column_index(reference) if reference else len(cells)
                if value is not None:
                    cells.extend([None] * (column + 1 - len(cells)))
                    cells[column] = value
            elif element.tag == row_tag:
                number = int(element.get("r") or expected)
                for _missing in range(expected, number):
                    yield ()
                yield tuple(cells)
                cells, expected = [], number + 1
                element.clear()

    def _value(self, cell):
        kind = cell.get("t", "n")
        if kind == "inlineStr":
            inline = cell.find(f"{MAIN}is")
            return "".join(inline.itertext()) if inline is not None else None
        value = cell.findtext(f"{MAIN}v")
        if value is None:
            return None
        if kind == "s":
            return self.strings[int(value)]
        if kind == "b":
            return value == "1"
        if kind != "n":
            return value  # text from a formula, an ISO date, or an error such as #N/A: the checks judge it
        number = float(value) if any(mark in value for mark in ".eE") else int(value)
        if int(cell.get("s", 0)) in self.date_styles:
            return from_excel(number, self.epoch)
        return number


def _column_index(reference):
    """0 for "A1", 27 for "AB7"."""
    index = 0
    for character in reference:
        if character.isdigit():
            break
        index = index * 26 + ord(character.upper()) - 64
    return index - 1
