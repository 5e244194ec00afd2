"""Import and export figures: a 5,000-row staff list read, checked and written, and 5,000 rows exported.

Call `import_figures(report)` after the page figures: it adds a school with 5,000 people to the first office.
The XLSX reader is measured twice, openpyxl's read-only mode (used) against the hand-written reader it replaced
(bench/xlsx_by_hand.py), each alone and inside the whole preview, so that the choice can be checked again.
"""

import io
import random
import statistics
import time
from datetime import date, datetime, timedelta
from unittest import mock

from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook

from bench.generate import GIVEN, PATRONYMICS, SURNAMES

ROWS = 5000
HEADER = ["Фамилия", "Имя", "Отчество", "Должность", "Предметы", "Дата приёма", "E-mail", "Телефон", "ИИН"]
POSITIONS = ["Учитель-предметник", "Предмет мугалими", "Пән мұғалімі", "Тарбиячы", "Библиотекарь", "Завуч"]
SUBJECTS = ["Математика", "Физика, Информатика", "Кыргыз тили; Кыргыз адабияты", "Қазақ тілі", "Тарых", ""]


def _iin(rng, serial):
    """A valid Kazakh IIN (yymmdd, century digit, serial, check digit)."""
    born = date(1960, 1, 1) + timedelta(days=rng.randrange(15000))
    while True:
        first_eleven = f"{born:%y%m%d}{3 if born.year < 2000 else 5}{serial % 10000:04d}"
        digits = [int(character) for character in first_eleven]
        check = sum(digit * weight for digit, weight in zip(digits, range(1, 12), strict=True)) % 11
        if check == 10:
            weights = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)
            check = sum(digit * weight for digit, weight in zip(digits, weights, strict=True)) % 11
        if check != 10:
            return f"{first_eleven}{check}"
        serial += 1


def staff_workbook(rows=ROWS, seed=2026):
    """A staff list as people keep it: Kyrgyz and Kazakh names, mixed languages, Excel dates, every third IIN."""
    rng = random.Random(seed)
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    for index in range(rows):
        sheet.append(
            [
                f"{rng.choice(SURNAMES)}-{index}",
                rng.choice(GIVEN),
                rng.choice(PATRONYMICS),
                rng.choice(POSITIONS),
                rng.choice(SUBJECTS),
                datetime(1990, 9, 1) + timedelta(days=rng.randrange(12000)),
                f"teacher{index}@mektep.kg" if index % 2 else "",
                f"+996 555 {index:06d}",
                _iin(rng, index) if index % 3 == 0 else "",
            ]
        )
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _timed(function):
    started = time.perf_counter()
    result = function()
    return time.perf_counter() - started, result


def _reader_figures(report, data, repeat):
    from bench.xlsx_by_hand import xlsx_rows_by_hand
    from core import tabular

    for label, reader in (("openpyxl read-only (used)", tabular.xlsx_rows), ("by hand (replaced)", xlsx_rows_by_hand)):
        times, cpu_times = [], []
        for _ in range(repeat):
            cpu_started = time.process_time()
            times.append(_timed(lambda reader=reader: sum(1 for _row in reader(data)))[0])
            cpu_times.append(time.process_time() - cpu_started)
        report.add(
            f"XLSX read alone, {label}",
            ROWS / statistics.median(times),
            "rows/s",
            f"{ROWS / statistics.median(cpu_times):,.0f} rows/s of processor time, median of {repeat}",
        )


def import_figures(report, repeat=5):
    from bench.xlsx_by_hand import xlsx_rows_by_hand
    from core import tabular
    from core.exports import export_response
    from core.scoping import Role
    from schools import staff_import
    from schools.models import DistrictOffice, School, StaffMember, User

    report.note(f"Spreadsheet import and export ({ROWS:,} rows, in-process)")
    office = DistrictOffice.objects.order_by("pk").first()
    methodist = User.objects.filter(role=Role.METHODIST, office=office).order_by("pk").first()
    existing = School.objects.filter(office=office, name__startswith="Бенч импорт").count()
    data = staff_workbook()
    _reader_figures(report, data, repeat)

    # The two readers take turns, so that a busy moment of the machine falls on both alike; the processor time
    # beside the clock time says what the preview costs where it has a core to itself.
    preview_times = {"openpyxl": [], "by hand": []}
    cpu_times = {"openpyxl": [], "by hand": []}
    for round_number in range(repeat):
        for label, reader in (("openpyxl", tabular.xlsx_rows), ("by hand", xlsx_rows_by_hand)):
            school = School.objects.create(
                office=office, name=f"Бенч импорт {existing}-{label}-{round_number}", instruction_language="ky"
            )
            cpu_started = time.process_time()
            with mock.patch.object(tabular, "xlsx_rows", reader):
                elapsed, preview = _timed(
                    lambda school=school: staff_import.staff_import_preview(data=data, school=school, user=methodist)
                )
            cpu_times[label].append(time.process_time() - cpu_started)
            assert not preview.has_errors, [row.errors for row in preview.rows if row.errors][:3]
            preview_times[label].append(elapsed)
            school.delete()
    for label, note in (("openpyxl", "aim ≥ 5,000 rows/s"), ("by hand", "the reader it replaced")):
        preview_time, cpu_time = statistics.median(preview_times[label]), statistics.median(cpu_times[label])
        report.add(
            f"staff list: read and check (preview), XLSX {label}",
            ROWS / preview_time,
            "rows/s",
            f"{preview_time:.2f} s for {ROWS:,} rows ({ROWS / cpu_time:,.0f} rows/s of processor time), "
            f"{len(data) // 1024} KB XLSX, median of {repeat}; {note}",
        )

    school = School.objects.create(office=office, name=f"Бенч импорт {existing}", instruction_language="ky")
    with CaptureQueriesContext(connection) as queries:
        elapsed, result = _timed(lambda: staff_import.staff_import_apply(data=data, school=school, by=methodist))
    assert result.created == ROWS, result
    report.add(
        "staff list: import of new people (read, check, write)",
        ROWS / elapsed,
        "rows/s",
        f"{elapsed:.2f} s, {len(queries)} queries; aim ≥ 2,000 rows/s",
    )
    elapsed, result = _timed(lambda: staff_import.staff_import_apply(data=data, school=school, by=methodist))
    assert result.unchanged == ROWS, result
    report.add("staff list: same file again, everyone matched", ROWS / elapsed, "rows/s", f"{elapsed:.2f} s")

    def export(export_format):
        people = StaffMember.objects.filter(school=school).order_by("surname", "given_name")
        rows = (
            [person.surname, person.given_name, person.patronymic, person.get_position_display(), person.hire_date]
            for person in people
        )
        return export_response(export_format, "staff", HEADER[:3] + HEADER[3:4] + HEADER[5:6], rows)

    for export_format in ("xlsx", "csv"):
        times = [_timed(lambda export_format=export_format: export(export_format))[0] for _ in range(repeat)]
        report.add(
            f"export of {ROWS:,} rows as {export_format.upper()}",
            statistics.median(times) * 1000,
            "ms",
            f"query and file, median of {repeat}",
        )
