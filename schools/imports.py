"""Spreadsheets in: a school's staff list and a course's cohort, from XLSX or CSV, written all together or not at all.

A file is judged by its content (`read_sheet`); its header row is recognised in Kyrgyz, Kazakh, Russian or English
(`locate_header`); every cell is normalised (spaces, Excel dates, personal numbers, Latin letters typed for their
Cyrillic look-alikes); every row is matched to the people already on record (`PeopleIndex`) and compared with them.
`staff_import_preview` and `cohort_import_preview` say what would happen to each row; `staff_import_apply` and
`cohort_import_apply` compute the same preview again inside their transaction and write only when no row has an
error. Everything the checks need is loaded once into dictionaries, so 5,000 rows cost a handful of queries.
"""

import csv
import io
import itertools
import posixpath
import re
import uuid
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import zip_longest
from xml.etree import ElementTree

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.validators import validate_email
from django.db import connection, transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

from core import audit, clock
from core.cells import (
    RowProblem,
    clean_text,
    fix_lookalikes,
    header_key,
    name_key,
    parse_date,
    parse_personal_number,
)
from qualification.models import CourseKind, CourseRecord, DocumentKind, RecordState
from qualification.renewal import refresh_renewal, standing_changed
from schools.models import Position, School, StaffMember, StaffTransfer, Subject

MAX_ROWS = 5000
MAX_BYTES = 5 * 1024 * 1024
MAX_UNPACKED_BYTES = 100 * 1024 * 1024  # a 5 MB ZIP could otherwise unpack to gigabytes
HEADER_SEARCH_ROWS = 10  # a title or a note above the column names is common
LANGUAGES = ("ky", "kk", "ru", "en")
LOOKUP_CHUNK = 2000


class RowState:
    NEW = "new"
    CHANGED = "changed"
    UNCHANGED = "unchanged"
    ERROR = "error"
    ALL = (NEW, CHANGED, UNCHANGED, ERROR)


class ImportFileError(Exception):
    """The file as a whole is refused; the message is translated and says why, the code names the reason."""

    def __init__(self, message, code):
        super().__init__(message)
        self.message = message
        self.code = code


class ImportRefused(Exception):
    """Confirmation found rows with errors, so nothing was written."""

    def __init__(self, preview):
        count = preview.counts[RowState.ERROR]
        self.message = ngettext(
            "%(count)s row has an error; nothing was written. Fix the file and upload it again.",
            "%(count)s rows have errors; nothing was written. Fix the file and upload it again.",
            count,
        ) % {"count": count}
        super().__init__(self.message)
        self.preview = preview


# Reading a file ----------------------------------------------------------------------------------------------

ZIP_SIGNATURE = b"PK\x03\x04"
OLD_OFFICE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls and .doc from Office 97–2003
BINARY_SIGNATURES = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"{\\rtf", b"\x1f\x8b", b"Rar!", b"7z\xbc\xaf")
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass
class Sheet:
    """The non-empty rows of a file's first sheet, each with its row number as a spreadsheet program shows it."""

    rows: list
    truncated: bool = False


def _not_a_spreadsheet():
    return ImportFileError(
        _(
            "This file is not a spreadsheet. Upload an Excel workbook (.xlsx) or a CSV file (UTF-8 or "
            "Windows-1251); renaming a file does not change what is inside."
        ),
        "not_a_spreadsheet",
    )


def _damaged():
    return ImportFileError(
        _("The spreadsheet could not be read; it may be damaged. Save it again and retry."), "damaged"
    )


def too_large():
    return ImportFileError(
        _("The file is larger than %(limit)s MB. Split it into smaller files.") % {"limit": MAX_BYTES // 2**20},
        "too_large",
    )


def read_sheet(data):
    """The non-empty rows of an XLSX or CSV file, judged by its content; reading stops once there are more rows
    than an import takes (the sheet is then marked truncated)."""
    if not data:
        raise ImportFileError(_("The file is empty."), "empty")
    if len(data) > MAX_BYTES:
        raise too_large()
    if data.startswith(OLD_OFFICE_SIGNATURE):
        raise ImportFileError(
            _(
                "This is a file in the old Excel format (.xls). Open it in Excel, save it as an Excel workbook "
                "(.xlsx) and upload that."
            ),
            "old_excel",
        )
    raw_rows = _xlsx_rows(data) if data.startswith(ZIP_SIGNATURE) else _csv_rows(data)
    limit = MAX_ROWS + HEADER_SEARCH_ROWS + 1
    rows = []
    try:
        for line, cells in enumerate(raw_rows, start=1):
            if any(cell is not None and (not isinstance(cell, str) or cell.strip()) for cell in cells):
                if len(rows) == limit:
                    return Sheet(rows, truncated=True)
                rows.append((line, tuple(cells)))
    except ImportFileError:
        raise
    except Exception as error:  # a damaged workbook can fail anywhere in the ZIP or XML readers
        raise _damaged() from error
    if not rows:
        raise ImportFileError(_("The file is empty."), "empty")
    return Sheet(rows)


def _xlsx_rows(data):
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _not_a_spreadsheet() from None
    if "xl/workbook.xml" not in {entry.filename for entry in entries}:
        raise _not_a_spreadsheet()
    if sum(entry.file_size for entry in entries) > MAX_UNPACKED_BYTES:
        raise too_large()
    try:
        return FirstSheet(archive).rows()
    except (KeyError, ValueError, IndexError, zipfile.BadZipFile, ElementTree.ParseError) as error:
        raise _damaged() from error


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


def _csv_rows(data):
    if data.startswith(BINARY_SIGNATURES):
        raise _not_a_spreadsheet()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1251")
        except UnicodeDecodeError:
            raise _not_a_spreadsheet() from None
    if CONTROL_CHARACTERS.search(text) or text.lstrip().startswith("<"):
        raise _not_a_spreadsheet()  # binary data, or a web page saved with a spreadsheet's name
    # Excel writes ";" where the decimal mark is a comma (as in Russian settings) and "," elsewhere; a title line
    # above the column names has neither, so the first few lines decide together.
    sample = "\n".join([line for line in text.splitlines() if line.strip()][: HEADER_SEARCH_ROWS + 1])
    delimiter = max((";", ",", "\t"), key=sample.count)
    if not sample.count(delimiter):
        delimiter = ","
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error:
        raise _not_a_spreadsheet() from None


@dataclass(frozen=True)
class Column:
    field: str
    title: object  # translated lazily: the template's header in the user's language
    aliases: tuple = ()
    max_length: int | None = None

    def keys(self):
        """Every header this column is known by: its aliases and its title in each language."""
        keys = {header_key(alias) for alias in self.aliases}
        for language in LANGUAGES:
            with translation.override(language):
                keys.add(header_key(str(self.title)))
        keys.add(header_key(str(self.title)))
        return keys


SURNAME = Column("surname", gettext_lazy("Surname"), ("Фамилиясы", "Фамилия", "Тегі", "Теги", "Last name"), 100)
GIVEN_NAME = Column("given_name", gettext_lazy("Given name"), ("Аты", "Имя", "Есімі", "First name", "Name"), 100)
PATRONYMIC = Column(
    "patronymic",
    gettext_lazy("Patronymic"),
    ("Атасынын аты", "Атасының аты", "Әкесінің аты", "Отчество", "Middle name"),
    100,
)
POSITION = Column("position", gettext_lazy("Position"), ("Кызматы", "Кызмат орду", "Лауазымы", "Лауазым", "Должность"))
SUBJECTS = Column(
    "subjects", gettext_lazy("Subjects"), ("Предметтер", "Сабактар", "Пәндер", "Пәні", "Предметы", "Предмет", "Subject")
)
HIRE_DATE = Column(
    "hire_date",
    gettext_lazy("Hire date"),
    (
        "Ишке кирген күнү",
        "Ишке кабыл алынган күнү",
        "Жұмысқа қабылданған күні",
        "Дата приёма",
        "Дата приема на работу",
        "Date of hire",
    ),
)
EMAIL = Column(
    "email",
    gettext_lazy("E-mail"),
    ("Эл. почта", "Электрондук почта", "Эл. пошта", "Электрондық пошта", "Электронная почта", "Email"),
    254,
)
PHONE = Column("phone", gettext_lazy("Phone"), ("Телефон", "Тел.", "Телефон номери", "Телефон нөмірі", "Telephone"), 30)
PERSONAL_NUMBER = Column(
    "personal_number",
    gettext_lazy("Personal number"),
    ("ПИН", "ЖСН", "ИИН", "ИНН", "ПИН/ИИН", "ЖСН/ИИН", "PIN", "IIN", "Жеке номер", "Жеке нөмір"),
)
COMPLETED_ON = Column(
    "completed_on",
    gettext_lazy("Completed on"),
    ("Аяктаган күнү", "Курсту аяктаган күнү", "Аяқтаған күні", "Дата окончания", "Дата завершения", "Completion date"),
)
DOCUMENT_NUMBER = Column(
    "document_number",
    gettext_lazy("Document number"),
    (
        "Документтин номери",
        "Сертификаттын номери",
        "Құжат нөмірі",
        "Сертификат нөмірі",
        "Номер документа",
        "Номер сертификата",
        "Certificate number",
    ),
    60,
)

STAFF_COLUMNS = (SURNAME, GIVEN_NAME, PATRONYMIC, POSITION, SUBJECTS, HIRE_DATE, EMAIL, PHONE, PERSONAL_NUMBER)
STAFF_REQUIRED = ("surname", "given_name", "position", "hire_date")
COHORT_COLUMNS = (SURNAME, GIVEN_NAME, PATRONYMIC, HIRE_DATE, PERSONAL_NUMBER, COMPLETED_ON, DOCUMENT_NUMBER)
COHORT_REQUIRED = ("surname", "given_name", "completed_on")
FIELD_TITLES = {column.field: column.title for column in STAFF_COLUMNS + COHORT_COLUMNS} | {
    "school": gettext_lazy("School"),
    "is_active": gettext_lazy("Active"),
}


@dataclass
class Header:
    line: int
    columns: dict  # field -> index of the cell
    ignored: list  # headers of columns that are not used


def locate_header(sheet, spec, required):
    """Finds the row of column names among the first rows and maps each known column to its position."""
    keys = [(column, column.keys()) for column in spec]
    best = None
    for position, (line, cells) in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
        columns, ignored, repeated = {}, [], None
        for index, cell in enumerate(cells):
            key = header_key(cell)
            if not key:
                continue
            column = next((column for column, names in keys if key in names), None)
            if column is None:
                ignored.append(clean_text(cell))
            elif column.field in columns:
                repeated = repeated or column
            else:
                columns[column.field] = index
        if best is None or len(columns) > len(best[1].columns):
            best = (position, Header(line, columns, ignored), repeated)
    position, header, repeated = best
    missing = [column for column in spec if column.field in required and column.field not in header.columns]
    if missing:
        raise ImportFileError(
            _(
                "These required columns are missing: %(columns)s. The first row of the table must hold the column "
                "names; download the template to see them."
            )
            % {"columns": ", ".join(f"“{column.title}”" for column in missing)},
            "missing_columns",
        )
    if repeated:
        raise ImportFileError(
            _("The column “%(column)s” appears twice; keep one.") % {"column": repeated.title}, "repeated_column"
        )
    rows = sheet.rows[position + 1 :]
    if not rows:
        raise ImportFileError(_("The file has the column names but no rows below them."), "no_rows")
    if sheet.truncated or len(rows) > MAX_ROWS:
        raise ImportFileError(
            _("The file has more than %(limit)s rows. Split it into smaller files.")
            % {"limit": formats.number_format(MAX_ROWS, force_grouping=True)},
            "too_many_rows",
        )
    return header, rows


def check_staff_file(data):
    """Refuses a file that cannot be a staff list (ImportFileError); the rows are checked by the preview."""
    locate_header(read_sheet(data), STAFF_COLUMNS, STAFF_REQUIRED)


def check_cohort_file(data):
    _cohort_header(read_sheet(data))


def _cohort_header(sheet):
    header, rows = locate_header(sheet, COHORT_COLUMNS, COHORT_REQUIRED)
    if "hire_date" not in header.columns and "personal_number" not in header.columns:
        raise ImportFileError(
            _("Add a column “%(hire_date)s” or “%(personal_number)s”, so that each person can be found.")
            % {"hire_date": HIRE_DATE.title, "personal_number": PERSONAL_NUMBER.title},
            "missing_columns",
        )
    return header, rows


# Rows ---------------------------------------------------------------------------------------------------------


@dataclass
class ImportRow:
    """One row of the file and what the import would do with it."""

    line: int
    values: dict = field(default_factory=dict)
    typed: dict = field(default_factory=dict)  # field -> the cell as text, shown where it could not be read
    errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    changes: list = field(default_factory=list)  # (title, old, new) as text
    shown: dict = field(default_factory=dict)  # field -> (old, new) as text, for the history
    updates: dict = field(default_factory=dict)  # field -> new value for a matched person
    person: dict | None = None
    school_name: str = ""
    outcome: str = ""  # set where the state does not follow from the match and the changes (cohorts)

    @property
    def state(self):
        if self.errors:
            return RowState.ERROR
        if self.outcome:
            return self.outcome
        if self.person is None:
            return RowState.NEW
        return RowState.CHANGED if self.changes else RowState.UNCHANGED

    @property
    def position_label(self):
        value = self.values.get("position")
        return Position(value).label if value in Position.values else ""

    @property
    def full_name(self):
        parts = (self.values.get("surname"), self.values.get("given_name"), self.values.get("patronymic"))
        return " ".join(part for part in parts if part)


@dataclass
class ImportPreview:
    rows: list
    header: Header

    @property
    def counts(self):
        counts = dict.fromkeys(RowState.ALL, 0)
        for row in self.rows:
            counts[row.state] += 1
        return counts

    @property
    def warning_count(self):
        return sum(1 for row in self.rows if row.warnings)

    @property
    def has_errors(self):
        return any(row.errors for row in self.rows)

    def rows_to_show(self, show):
        if show == "warning":
            return [row for row in self.rows if row.warnings]
        if show in RowState.ALL:
            return [row for row in self.rows if row.state == show]
        return self.rows


class RowReader:
    """Reads the cells of one row into `row.values`, collecting problems instead of stopping at the first."""

    def __init__(self, line, cells, columns):
        self.row = ImportRow(line)
        self.cells = cells
        self.columns = columns
        self.fixed = []

    def cell(self, column):
        index = self.columns.get(column.field)
        return self.cells[index] if index is not None and index < len(self.cells) else None

    def text(self, column, required=False, lookalikes=True):
        text = clean_text(self.cell(column))
        if lookalikes:
            text, fixed = fix_lookalikes(text)
            if fixed:
                self.fixed.append(str(column.title))
        if required and not text:
            self.row.errors.append(_("“%(column)s” is empty.") % {"column": column.title})
        if column.max_length and len(text) > column.max_length:
            self.row.errors.append(
                _("“%(column)s” is longer than %(limit)s characters.")
                % {"column": column.title, "limit": column.max_length}
            )
        self.row.values[column.field] = self.row.typed[column.field] = text
        return text

    def parsed(self, column, parse, required=False, text=None):
        """The cell read by `parse` (or `text`, when it has been read as text already)."""
        try:
            value = parse(self.cell(column) if text is None else text)
        except RowProblem as problem:
            self.row.errors.append(problem.message)
            value = None
        else:
            if required and value in (None, ""):
                self.row.errors.append(_("“%(column)s” is empty.") % {"column": column.title})
        self.row.values[column.field] = value
        return value

    def finish(self):
        if self.fixed:
            self.row.warnings.append(
                _("Latin letters that look like Cyrillic ones were replaced in: %(columns)s. Check the spelling.")
                % {"columns": ", ".join(self.fixed)}
            )
        return self.row


class Catalogue:
    """Positions and subjects by any of their names, in any language, loaded once per file."""

    def __init__(self):
        self.positions = {}
        for position in Position:
            names = {position.value, position.label, *POSITION_SYNONYMS.get(position, ())}
            for language in LANGUAGES:
                with translation.override(language):
                    names.add(str(position.label))
            for name in names:
                self.positions[header_key(name)] = position.value
        self.subjects = {}
        self.subject_names = {}
        for subject in Subject.objects.all():
            for name in (subject.code, subject.name_ky, subject.name_kk, subject.name_ru):
                self.subjects[header_key(name)] = subject.pk
            self.subject_names[subject.pk] = subject.name
        # The same few positions and subject lists repeat on thousands of rows: each text is judged once.
        self.known_cells = {}

    def remembered(self, judge, text):
        key = (judge, text)
        if key not in self.known_cells:
            try:
                self.known_cells[key] = (judge(text), None)
            except RowProblem as problem:
                self.known_cells[key] = (None, problem)
        value, problem = self.known_cells[key]
        if problem:
            raise problem
        return value

    def subjects_shown(self, subject_ids):
        return ", ".join(sorted(self.subject_names[pk] for pk in subject_ids))

    def position(self, text):
        return self.remembered(self._position, text)

    def subject_ids(self, text):
        """The subjects of a cell ("Математика, Физика"); None for an empty cell, which leaves them as they are."""
        return self.remembered(self._subject_ids, text)

    def _position(self, text):
        if not text:
            return None
        value = self.positions.get(header_key(text))
        if value is None:
            raise RowProblem(
                _("Unknown position “%(value)s”. Use one of: %(choices)s.")
                % {"value": text, "choices": ", ".join(str(label) for label in Position.labels)}
            )
        return value

    def _subject_ids(self, text):
        names = [name.strip() for name in re.split(r"[,;\n]", text) if name.strip()]
        if not names:
            return None
        unknown = [name for name in names if header_key(name) not in self.subjects]
        if unknown:
            raise RowProblem(
                ngettext("Unknown subject: %(names)s.", "Unknown subjects: %(names)s.", len(unknown))
                % {"names": ", ".join(f"“{name}”" for name in unknown)}
            )
        return frozenset(self.subjects[header_key(name)] for name in names)


POSITION_SYNONYMS = {
    Position.SUBJECT_TEACHER: ("Мугалим", "Предмет мугалими", "Учитель", "Мұғалім", "Пән мұғалімі", "Teacher"),
    Position.PRIMARY_TEACHER: ("Башталгыч класстын мугалими", "Бастауыш сынып мұғалімі", "Учитель начальных классов"),
    Position.PRESCHOOL_EDUCATOR: ("Тарбиячы", "Тәрбиеші", "Воспитатель"),
    Position.LIBRARIAN: ("Китепканачы", "Кітапханашы", "Библиотекарь"),
    Position.DEPUTY_DIRECTOR: ("Завуч", "Директордун орун басары", "Директордың орынбасары", "Заместитель директора"),
    Position.METHODIST: ("Әдіскер",),
}


def _staff_row(line, cells, columns, catalogue):
    reader = RowReader(line, cells, columns)
    reader.text(SURNAME, required=True)
    reader.text(GIVEN_NAME, required=True)
    reader.text(PATRONYMIC)
    reader.parsed(POSITION, catalogue.position, text=reader.text(POSITION, required=True))
    reader.parsed(SUBJECTS, catalogue.subject_ids, text=reader.text(SUBJECTS))
    hire_date = reader.parsed(HIRE_DATE, parse_date, required=True)
    if hire_date and hire_date > clock.today():
        reader.row.errors.append(_("The hire date cannot be in the future."))
    email = reader.text(EMAIL, lookalikes=False)
    if email:
        try:
            validate_email(email)
        except ValidationError:
            reader.row.errors.append(_("“%(value)s” is not an e-mail address.") % {"value": email})
    reader.text(PHONE, lookalikes=False)
    reader.parsed(PERSONAL_NUMBER, parse_personal_number)
    return reader.finish()


def _cohort_row(line, cells, columns, course):
    reader = RowReader(line, cells, columns)
    reader.text(SURNAME, required=True)
    reader.text(GIVEN_NAME, required=True)
    reader.text(PATRONYMIC)
    reader.parsed(HIRE_DATE, parse_date)
    reader.parsed(PERSONAL_NUMBER, parse_personal_number)
    completed_on = reader.parsed(COMPLETED_ON, parse_date, required=True)
    reader.text(DOCUMENT_NUMBER, lookalikes=False)
    if not clean_text(reader.cell(HIRE_DATE)) and not clean_text(reader.cell(PERSONAL_NUMBER)):
        reader.row.errors.append(_("Give the hire date or the personal number, so that the person can be found."))
    if completed_on:
        record = CourseRecord(course=course, hours=course.hours, completed_on=completed_on, state=RecordState.CONFIRMED)
        try:
            record.clean()
        except ValidationError as error:
            reader.row.errors.extend(message for messages in error.message_dict.values() for message in messages)
    return reader.finish()


# Matching people ----------------------------------------------------------------------------------------------

PERSON_FIELDS = (
    "pk",
    "school_id",
    "surname",
    "given_name",
    "patronymic",
    "position",
    "hire_date",
    "email",
    "phone",
    "personal_number",
    "is_active",
)


def _chunks(items):
    return itertools.batched(sorted(items), LOOKUP_CHUNK)


@dataclass
class Match:
    person: dict | None = None
    error: str = ""
    warning: str = ""


class PeopleIndex:
    """The people a file may refer to, indexed by personal number and by name with hire date."""

    def __init__(self, people, elsewhere, elsewhere_message):
        self.by_number = {}
        self.by_name = defaultdict(list)
        for person in people:
            if person["personal_number"]:
                self.by_number[person["personal_number"]] = person
            self.by_name[(name_key(person["surname"]), name_key(person["given_name"]), person["hire_date"])].append(
                person
            )
        self.elsewhere = elsewhere
        self.elsewhere_message = elsewhere_message

    @classmethod
    def load(cls, queryset, numbers, elsewhere_message, with_subjects=False):
        people = list(queryset.values(*PERSON_FIELDS))
        if with_subjects:
            subjects = defaultdict(set)
            through = StaffMember.subjects.through.objects.filter(staffmember_id__in=queryset.values("pk"))
            for staff_id, subject_id in through.values_list("staffmember_id", "subject_id"):
                subjects[staff_id].add(subject_id)
            for person in people:
                person["subjects"] = frozenset(subjects[person["pk"]])
        known = {person["personal_number"] for person in people}
        elsewhere = set()
        for chunk in _chunks(set(numbers) - known):
            elsewhere.update(
                StaffMember.objects.filter(personal_number__in=chunk).values_list("personal_number", flat=True)
            )
        return cls(people, elsewhere, elsewhere_message)

    def match(self, values):
        number = values.get("personal_number")
        if number:
            if number in self.by_number:
                return Match(self.by_number[number])
            if number in self.elsewhere:
                return Match(error=self.elsewhere_message)
        hire_date = values.get("hire_date")
        if not hire_date:
            return Match()
        candidates = self.by_name.get((name_key(values["surname"]), name_key(values["given_name"]), hire_date), [])
        patronymic = name_key(values.get("patronymic") or "")
        if patronymic:
            candidates = [c for c in candidates if not c["patronymic"] or name_key(c["patronymic"]) == patronymic]
        warning = ""
        if number:
            # Somebody with the same name and hire date but another personal number is somebody else.
            others = [c for c in candidates if c["personal_number"]]
            candidates = [c for c in candidates if not c["personal_number"]]
            if others and not candidates:
                warning = _(
                    "Somebody with the same name and hire date is on record with another personal number; "
                    "this row will be a different person."
                )
        if len(candidates) > 1:
            return Match(
                error=ngettext(
                    "%(count)s person on record has this name and hire date; add the personal number to say which "
                    "one is meant.",
                    "%(count)s people on record have this name and hire date; add the personal number to say which "
                    "one is meant.",
                    len(candidates),
                )
                % {"count": len(candidates)}
            )
        return Match(candidates[0] if candidates else None, warning=warning)


def _may_be_same(first, second):
    """Two rows with the same name and hire date describe one person unless their numbers or patronymics differ."""
    if first.values.get("personal_number") and second.values.get("personal_number"):
        return False  # different numbers (equal ones are joined by number)
    one, other = name_key(first.values.get("patronymic") or ""), name_key(second.values.get("patronymic") or "")
    return not (one and other and one != other)


def _mark_duplicates(rows):
    """Rows that describe the same person are all errors: which one should win is for a person to decide."""
    parent = list(range(len(rows)))

    def root(index):
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    def join(first, second):
        parent[root(second)] = root(first)

    by_number, by_person, by_name = defaultdict(list), defaultdict(list), defaultdict(list)
    for index, row in enumerate(rows):
        values = row.values
        if values.get("personal_number"):
            by_number[values["personal_number"]].append(index)
        if row.person:
            by_person[row.person["pk"]].append(index)
        if values.get("surname") and values.get("given_name") and values.get("hire_date"):
            by_name[(name_key(values["surname"]), name_key(values["given_name"]), values["hire_date"])].append(index)
    for group in (*by_number.values(), *by_person.values()):
        for index in group[1:]:
            join(group[0], index)
    for group in by_name.values():
        representatives = []
        for index in group:
            joined = False
            for other in representatives:
                if _may_be_same(rows[index], rows[other]):
                    join(other, index)
                    joined = True
            if not joined:
                representatives.append(index)
    groups = defaultdict(list)
    for index in range(len(rows)):
        groups[root(index)].append(index)
    for members in groups.values():
        if len(members) > 1:
            lines = ", ".join(str(rows[index].line) for index in members)
            for index in members:
                rows[index].errors.append(_("The same person appears in rows %(lines)s.") % {"lines": lines})


# Staff import -------------------------------------------------------------------------------------------------


def _shown(value):
    if isinstance(value, date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    return "" if value is None else str(value)


def _staff_changes(row, person, school, school_names, movable_school_ids):
    """What importing `row` would change on `person`; empty cells leave the stored values alone."""
    values, updates, changes = row.values, {}, []

    def change(name, new, old, shown_new=None, shown_old=None):
        updates[name] = new
        row.shown[name] = (shown_old or _shown(old), shown_new or _shown(new))
        changes.append((str(FIELD_TITLES[name]), *row.shown[name]))

    for name in ("surname", "given_name", "patronymic"):
        # A file in capitals should not rewrite everybody's name: only a different spelling counts.
        if values[name] and name_key(values[name]) != name_key(person[name]):
            change(name, values[name], person[name])
    if values["position"] and values["position"] != person["position"]:
        change("position", values["position"], person["position"], Position(values["position"]).label, _label(person))
    if values["hire_date"] and values["hire_date"] != person["hire_date"]:
        change("hire_date", values["hire_date"], person["hire_date"])
    if values["email"] and values["email"].lower() != person["email"].lower():
        change("email", values["email"], person["email"])
    if values["phone"] and values["phone"] != person["phone"]:
        change("phone", values["phone"], person["phone"])
    if values["personal_number"] and values["personal_number"] != person["personal_number"]:
        change("personal_number", values["personal_number"], person["personal_number"])
    if values["subjects"] is not None and values["subjects"] != person["subjects"]:
        change("subjects", values["subjects"], None, values["subjects_shown"], person["subjects_shown"])
    if person["school_id"] != school.pk:
        if person["school_id"] not in movable_school_ids:
            row.errors.append(
                _("%(name)s works at %(school)s; only the methodist can move a person to another school.")
                % {"name": row.full_name, "school": school_names.get(person["school_id"], "")}
            )
        else:
            change("school", school.pk, None, school.name, school_names.get(person["school_id"], ""))
    if not person["is_active"]:
        change("is_active", True, None, _("yes"), _("no"))
    row.updates = updates
    row.changes = changes


def _label(person):
    return Position(person["position"]).label if person["position"] in Position.values else person["position"]


def staff_import_preview(*, data, school, user):
    """What importing `data` into `school` would do, row by row; nothing is written."""
    header, raw_rows = locate_header(read_sheet(data), STAFF_COLUMNS, STAFF_REQUIRED)
    catalogue = Catalogue()
    rows = [_staff_row(line, cells, header.columns, catalogue) for line, cells in raw_rows]
    numbers = {row.values["personal_number"] for row in rows if row.values.get("personal_number")}
    people = PeopleIndex.load(
        StaffMember.objects.filter(school__office_id=school.office_id),
        numbers,
        _("This personal number belongs to a person of another education office."),
        with_subjects=True,
    )
    school_names = dict(School.objects.filter(office_id=school.office_id).values_list("pk", "name"))
    movable_school_ids = set(School.objects.for_user(user).values_list("pk", flat=True))
    for row in rows:
        if row.values.get("subjects") is not None:
            row.values["subjects_shown"] = catalogue.subjects_shown(row.values["subjects"])
        if row.errors:
            continue
        match = people.match(row.values)
        if match.error:
            row.errors.append(match.error)
        if match.warning:
            row.warnings.append(match.warning)
        if match.person:
            person = match.person
            person["subjects_shown"] = catalogue.subjects_shown(person["subjects"])
            row.person = person
            _staff_changes(row, person, school, school_names, movable_school_ids)
    _mark_duplicates(rows)
    return ImportPreview(rows, header)


UPDATABLE_FIELDS = (
    "surname",
    "given_name",
    "patronymic",
    "position",
    "hire_date",
    "email",
    "phone",
    "personal_number",
    "is_active",
)


@dataclass
class ImportResult:
    created: int
    updated: int
    unchanged: int


def _insert_subject_links(links):
    """Adds (staff member, subject) pairs; plain executemany, because model instances for 10,000 pairs cost more
    than the whole rest of an import."""
    if not links:
        return
    through = StaffMember.subjects.through
    table = connection.ops.quote_name(through._meta.db_table)
    staff_column = connection.ops.quote_name(through._meta.get_field("staffmember").column)
    subject_column = connection.ops.quote_name(through._meta.get_field("subject").column)
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({staff_column}, {subject_column}) VALUES (%s, %s)", links)


@transaction.atomic
def staff_import_apply(*, data, school, by):
    """Writes a staff file into `school`: every row, or, if any row has an error, nothing (ImportRefused)."""
    preview = staff_import_preview(data=data, school=school, user=by)
    if preview.has_errors:
        raise ImportRefused(preview)
    now = timezone.now()
    fresh = [row for row in preview.rows if row.state == RowState.NEW]
    changed = [row for row in preview.rows if row.state == RowState.CHANGED]
    created = StaffMember.objects.bulk_create(
        [
            StaffMember(
                school=school,
                **{name: row.values[name] for name in UPDATABLE_FIELDS if name != "is_active"},
            )
            for row in fresh
        ],
        batch_size=500,
    )
    through = StaffMember.subjects.through
    links = [
        (person.pk, subject_id)
        for person, row in zip(created, fresh, strict=True)
        for subject_id in sorted(row.values["subjects"] or ())
    ]
    fields = sorted({name for row in changed for name in row.updates if name != "subjects"})
    if fields:
        people = []
        for row in changed:
            stored = {name: row.person[name] for name in UPDATABLE_FIELDS} | {"school_id": row.person["school_id"]}
            updates = {("school_id" if name == "school" else name): value for name, value in row.updates.items()}
            updates.pop("subjects", None)
            people.append(StaffMember(pk=row.person["pk"], updated_at=now, **(stored | updates)))
        StaffMember.objects.bulk_update(people, [*fields, "updated_at"], batch_size=500)
    resubjected = [row for row in changed if "subjects" in row.updates]
    if resubjected:
        ids = [row.person["pk"] for row in resubjected]
        for chunk in _chunks(ids):
            through.objects.filter(staffmember_id__in=chunk).delete()
        links += [
            (row.person["pk"], subject_id) for row in resubjected for subject_id in sorted(row.updates["subjects"])
        ]
    _insert_subject_links(links)
    StaffTransfer.objects.bulk_create(
        [
            StaffTransfer(
                staff_member_id=row.person["pk"],
                from_school_id=row.person["school_id"],
                to_school=school,
                moved_on=clock.today(),
                recorded_by=by,
            )
            for row in changed
            if "school" in row.updates
        ]
    )
    audit.record_many(created, audit.Action.CREATED, actor=by, source=audit.Source.IMPORT)
    # Names, positions, subjects and schools are shown on the renewal pages, which are cached per office.
    standing_changed(school_ids={school.pk, *(row.person["school_id"] for row in changed)})
    audit.record_changes(
        (
            (
                StaffMember(pk=row.person["pk"]),
                {
                    # School and subjects by name, as a form edit records them; other fields as stored.
                    name: row.shown[name] if name in ("school", "subjects") else (row.person.get(name), value)
                    for name, value in row.updates.items()
                },
            )
            for row in changed
        ),
        actor=by,
    )
    return ImportResult(created=len(created), updated=len(changed), unchanged=preview.counts[RowState.UNCHANGED])


# Course cohort import -----------------------------------------------------------------------------------------


def cohort_import_preview(*, data, course, user):
    """Who of the file would get `course` recorded as completed; nothing is written."""
    header, raw_rows = _cohort_header(read_sheet(data))
    rows = [_cohort_row(line, cells, header.columns, course) for line, cells in raw_rows]
    numbers = {row.values["personal_number"] for row in rows if row.values.get("personal_number")}
    people = PeopleIndex.load(
        StaffMember.objects.for_user(user),
        numbers,
        _("This personal number belongs to a person outside your district."),
    )
    school_names = dict(School.objects.for_user(user).values_list("pk", "name"))
    for row in rows:
        if row.errors:
            continue
        match = people.match(row.values)
        if match.error:
            row.errors.append(match.error)
        elif match.person is None:
            row.errors.append(
                _("Nobody with this personal number works in your district.")
                if row.values.get("personal_number") and not row.values.get("hire_date")
                else _("Nobody with this name and hire date works in your district; check the spelling and the date.")
            )
        else:
            row.person = match.person
            row.school_name = school_names.get(match.person["school_id"], "")
            if not match.person["is_active"]:
                row.warnings.append(_("This person is marked as no longer working."))
        if match.warning:
            row.warnings.append(match.warning)
    matched = {row.person["pk"] for row in rows if row.person}
    existing = defaultdict(list)
    for chunk in _chunks(matched):
        records = CourseRecord.objects.filter(course=course, staff_member_id__in=chunk)
        for record in records.values("pk", "staff_member_id", "completed_on", "state"):
            existing[record["staff_member_id"]].append(record)
    for row in rows:
        if not row.person:
            continue
        records = existing[row.person["pk"]]
        completed_on = row.values["completed_on"]
        if any(r["state"] != RecordState.PLANNED and r["completed_on"] == completed_on for r in records):
            row.outcome = RowState.UNCHANGED  # recorded already: the row is left as it is
        elif planned := [r for r in records if r["state"] == RecordState.PLANNED]:
            row.outcome = RowState.CHANGED
            row.updates = {"record": planned[0]["pk"]}
            row.changes = [(str(COMPLETED_ON.title), _("planned"), _shown(completed_on))]
        else:
            row.outcome = RowState.NEW  # a new course record for a person on record
    _mark_duplicates(rows)
    return ImportPreview(rows, header)


@transaction.atomic
def cohort_import_apply(*, data, course, by):
    """Records `course` as completed and confirmed for everyone in the file, or for nobody (ImportRefused)."""
    preview = cohort_import_preview(data=data, course=course, user=by)
    if preview.has_errors:
        raise ImportRefused(preview)
    now = timezone.now()
    document_kind = DocumentKind.DIPLOMA if course.kind == CourseKind.RETRAINING else DocumentKind.CERTIFICATE

    def record(row, pk=None):
        return CourseRecord(
            pk=pk,
            staff_member_id=row.person["pk"],
            course=course,
            hours=course.hours,
            completed_on=row.values["completed_on"],
            document_kind=document_kind,
            document_number=row.values["document_number"],
            state=RecordState.CONFIRMED,
            confirmed_by=by,
            confirmed_at=now,
            created_by=by,
        )

    fresh = [record(row) for row in preview.rows if row.state == RowState.NEW]
    completed = [record(row, row.updates["record"]) for row in preview.rows if row.state == RowState.CHANGED]
    CourseRecord.objects.bulk_create(fresh, batch_size=500)
    CourseRecord.objects.bulk_update(
        completed,
        ["hours", "completed_on", "document_kind", "document_number", "state", "confirmed_by", "confirmed_at"],
        batch_size=500,
    )
    audit.record_many(fresh, audit.Action.CREATED, actor=by, source=audit.Source.IMPORT, note=course.title)
    audit.record_many(
        completed,
        audit.Action.CHANGED,
        actor=by,
        source=audit.Source.IMPORT,
        note=course.title,
        changes={"state": (RecordState.PLANNED, RecordState.CONFIRMED)},
    )
    refresh_renewal([row.person["pk"] for row in preview.rows if row.state != RowState.UNCHANGED])
    counts = preview.counts
    return ImportResult(
        created=counts[RowState.NEW], updated=counts[RowState.CHANGED], unchanged=counts[RowState.UNCHANGED]
    )


# Keeping an upload between preview and confirmation ---------------------------------------------------------

UPLOAD_FOLDER = "imports"
UPLOAD_LIFETIME = timedelta(days=1)
UPLOAD_TOKEN = re.compile(r"[0-9a-f]{32}")


def upload_keep(data):
    """Stores an uploaded file under a random name for the confirmation step; returns the name's token."""
    _discard_stale_uploads()
    token = uuid.uuid4().hex
    default_storage.save(f"{UPLOAD_FOLDER}/{token}.bin", ContentFile(data))
    return token


def upload_read(token):
    if not isinstance(token, str) or not UPLOAD_TOKEN.fullmatch(token):
        return None
    name = f"{UPLOAD_FOLDER}/{token}.bin"
    if not default_storage.exists(name):
        return None
    with default_storage.open(name, "rb") as stored:
        return stored.read()


def upload_discard(token):
    if isinstance(token, str) and UPLOAD_TOKEN.fullmatch(token):
        default_storage.delete(f"{UPLOAD_FOLDER}/{token}.bin")


def _discard_stale_uploads():
    """Uploads that were never confirmed are removed after a day."""
    try:
        _folders, names = default_storage.listdir(UPLOAD_FOLDER)
    except FileNotFoundError:
        return
    cutoff = timezone.now() - UPLOAD_LIFETIME
    for name in names:
        path = f"{UPLOAD_FOLDER}/{name}"
        try:
            if default_storage.get_modified_time(path) < cutoff:
                default_storage.delete(path)
        except FileNotFoundError:
            continue  # removed by a parallel request


# Templates ------------------------------------------------------------------------------------------------------

DATE_COLUMNS = {"hire_date", "completed_on"}
TEMPLATE_ROWS = 500


def template_workbook(columns, with_lists=False):
    """An empty workbook with the column names in the active language, ready to fill in and upload."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Table")[:31]
    sheet.append([str(column.title) for column in columns])
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font = Font(bold=True)
        letter = cell.column_letter
        sheet.column_dimensions[letter].width = max(14, min(40, len(str(column.title)) + 6))
        number_format = "DD.MM.YYYY" if column.field in DATE_COLUMNS else "@"
        # Personal numbers and phones as text, so that Excel keeps leading zeros and all 14 digits.
        for row in range(2, TEMPLATE_ROWS + 2):
            sheet.cell(row=row, column=index).number_format = number_format
    sheet.freeze_panes = "A2"
    if with_lists:
        lists = workbook.create_sheet(_("Allowed values")[:31])
        lists.append([str(POSITION.title), str(SUBJECTS.title)])
        for cell in lists[1]:
            cell.font = Font(bold=True)
        subjects = sorted(subject.name for subject in Subject.objects.all())
        positions = [str(label) for label in Position.labels]
        for position, subject in zip_longest(positions, subjects):
            lists.append([position, subject])
        lists.column_dimensions["A"].width = 36
        lists.column_dimensions["B"].width = 36
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def staff_template():
    return template_workbook(STAFF_COLUMNS, with_lists=True)


def cohort_template():
    return template_workbook(COHORT_COLUMNS)
