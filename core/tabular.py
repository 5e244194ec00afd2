"""The tabular-import engine: a spreadsheet in, each row judged, then written all together or not at all.

A file is judged by its content (`read_sheet`, XLSX or CSV); its row of column names is found among the first rows
and recognised in Kyrgyz, Kazakh, Russian or English (`locate_header`); a `RowReader` reads the cells of a row into
an `ImportRow`, collecting every problem instead of stopping at the first. An app's import builds an
`ImportPreview` (each row new, changed, unchanged or an error) and writes it through `confirm`, which computes the
preview again inside the writing transaction and refuses the whole file when any row has an error. Between the
preview and the confirmation the upload waits under a random name (`upload_keep`); `template_workbook` writes the
empty workbook an app offers for download. The kernel knows no domain: the apps bring their columns and rules.
"""

import csv
import io
import itertools
import re
import uuid
import zipfile
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import zip_longest

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from core.cells import RowProblem, clean_text, fix_lookalikes, header_key

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
PROLOG_LIMIT = 64 * 1024  # spreadsheet programs start the root element within the first few hundred bytes
PROLOG_NOISE = re.compile(rb"<\?.*?\?>|<!--.*?-->", re.DOTALL)


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


def too_many_rows():
    return ImportFileError(
        _("The file has more than %(limit)s rows. Split it into smaller files.")
        % {"limit": formats.number_format(MAX_ROWS, force_grouping=True)},
        "too_many_rows",
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
    raw_rows = xlsx_rows(data) if data.startswith(ZIP_SIGNATURE) else _csv_rows(data)
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
    finally:
        close = getattr(raw_rows, "close", None)
        if close:
            close()  # a generator over a workbook closes the workbook
    if not rows:
        raise ImportFileError(_("The file is empty."), "empty")
    return Sheet(rows)


def xlsx_rows(data):
    """The rows of an XLSX workbook's first sheet, as tuples of values, numbers in a date format as dates.

    openpyxl in read-only mode builds no cell objects and reads the sheet as a stream: it keeps the preview of
    5,000 rows above 5,000 rows/s (bench/imports.py measures it against the hand-written reader it replaced).
    The archive is checked before any XML parser sees it: its unpacked size, and that no part declares a DTD.
    """
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
        if any(_declares_a_dtd(archive, entry) for entry in entries if entry.filename.endswith((".xml", ".rels"))):
            raise _damaged()
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
        sheet = workbook.worksheets[0]
    except ImportFileError:
        raise
    except Exception as error:  # openpyxl fails with many kinds of error on a damaged package
        raise _damaged() from error
    # The <dimension> a program writes may be wrong; openpyxl would cut the rows and columns to it.
    sheet.reset_dimensions()
    return _values(workbook, sheet)


def _values(workbook, sheet):
    try:
        yield from sheet.iter_rows(values_only=True)
    finally:
        workbook.close()


def _declares_a_dtd(archive, entry):
    """Whether an XML part has a document type declaration, where entities that expand to gigabytes or read
    local files are declared. Excel and LibreOffice never write one, so such a workbook is refused unparsed."""
    head = b""
    with archive.open(entry) as part:
        while len(head) < PROLOG_LIMIT:
            chunk = part.read(4096)
            head += chunk
            prolog = PROLOG_NOISE.sub(b"", _as_utf8(head))  # the declaration, comments, processing instructions
            start = prolog.find(b"<")
            decided = start >= 0 and not prolog.startswith((b"<!--", b"<?"), start) and len(prolog) - start >= 9
            if decided or not chunk:
                return start >= 0 and prolog[start : start + 9].upper() == b"<!DOCTYPE"
    return True  # a prolog this long is not a spreadsheet program's


def _as_utf8(head):
    """The head of an XML part as UTF-8, also when it was written in UTF-16 (which XML allows)."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="ignore").encode()
    return head


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


# Columns and the header row ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    field: str
    title: object  # translated lazily: the template's header in the user's language
    aliases: tuple = ()
    max_length: int | None = None
    is_date: bool = False  # the template formats the column as dates

    def keys(self):
        """Every header this column is known by: its aliases and its title in each language."""
        keys = {header_key(alias) for alias in self.aliases}
        for language in LANGUAGES:
            with translation.override(language):
                keys.add(header_key(str(self.title)))
        keys.add(header_key(str(self.title)))
        return keys


@dataclass
class Header:
    line: int
    columns: dict  # field -> index of the cell
    ignored: list  # headers of columns that are not used


def locate_header(sheet, spec, required):
    """Finds the row of column names among the first rows and maps each known column to its position; returns
    the header and the rows below it."""
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
        raise too_many_rows()
    return header, rows


# Rows and the preview ----------------------------------------------------------------------------------------


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
    updates: dict = field(default_factory=dict)  # field -> new value for the matched record
    existing: dict | None = None  # the stored record this row was matched to, as a dictionary
    outcome: str = ""  # set where the state does not follow from the match and the changes

    @property
    def state(self):
        if self.errors:
            return RowState.ERROR
        if self.outcome:
            return self.outcome
        if self.existing is None:
            return RowState.NEW
        return RowState.CHANGED if self.changes else RowState.UNCHANGED


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

    def __init__(self, row, cells, columns):
        self.row = row
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


def shown(value):
    """A value as the preview and the history show it: dates in the short format of the active language."""
    if isinstance(value, date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    return "" if value is None else str(value)


def chunks(items):
    """`items` sorted and cut into pieces small enough for an `IN (…)` list on every database."""
    return itertools.batched(sorted(items), LOOKUP_CHUNK)


# Confirming ----------------------------------------------------------------------------------------------------


@dataclass
class ImportResult:
    created: int
    updated: int
    unchanged: int


def confirm(preview, write):
    """Writes a file all together or not at all: `preview()` is computed again inside the transaction, so that
    nothing changed since the user looked at it goes unchecked; any row with an error refuses the whole file
    (ImportRefused). Returns what `write(preview)` returns."""
    with transaction.atomic():
        checked = preview()
        if checked.has_errors:
            raise ImportRefused(checked)
        return write(checked)


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

TEMPLATE_ROWS = 500


def template_workbook(columns, lists=()):
    """An empty workbook with the column names in the active language, ready to fill in and upload.

    `lists` are (title, values) pairs written side by side on a second sheet of allowed values."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Table")[:31]
    sheet.append([str(column.title) for column in columns])
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font = Font(bold=True)
        letter = cell.column_letter
        sheet.column_dimensions[letter].width = max(14, min(40, len(str(column.title)) + 6))
        number_format = "DD.MM.YYYY" if column.is_date else "@"
        # Personal numbers and phones as text, so that Excel keeps leading zeros and all 14 digits.
        for row in range(2, TEMPLATE_ROWS + 2):
            sheet.cell(row=row, column=index).number_format = number_format
    sheet.freeze_panes = "A2"
    if lists:
        allowed = workbook.create_sheet(_("Allowed values")[:31])
        allowed.append([str(title) for title, _values in lists])
        for cell in allowed[1]:
            cell.font = Font(bold=True)
        for values in zip_longest(*(values for _title, values in lists)):
            allowed.append(list(values))
        for cell in allowed[1]:
            allowed.column_dimensions[cell.column_letter].width = 36
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
