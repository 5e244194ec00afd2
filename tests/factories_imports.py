"""Spreadsheets made in code for the import tests, and valid personal numbers built from their rules."""

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

STAFF_HEADER = ["Фамилия", "Имя", "Отчество", "Должность", "Предметы", "Дата приёма", "E-mail", "Телефон", "ИИН"]


def xlsx_bytes(rows, number_formats=None):
    """An XLSX workbook with `rows` on its first sheet; `number_formats` maps a column index to a cell format."""
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(list(row))
    for index, number_format in (number_formats or {}).items():
        for cells in sheet.iter_rows(min_row=2, min_col=index + 1, max_col=index + 1):
            for cell in cells:
                cell.number_format = number_format
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def csv_bytes(rows, delimiter=",", encoding="utf-8-sig"):
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    return buffer.getvalue().encode(encoding)


def upload(data, name="staff.xlsx"):
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def staff_row(surname="Асанова", given_name="Гүлнара", patronymic="Маратовна", **fields):
    """One row in the order of STAFF_HEADER."""
    return [
        surname,
        given_name,
        patronymic,
        fields.get("position", "Учитель-предметник"),
        fields.get("subjects", "Математика"),
        fields.get("hire_date", "01.09.2015"),
        fields.get("email", ""),
        fields.get("phone", ""),
        fields.get("personal_number", ""),
    ]


def staff_file(*rows, header=STAFF_HEADER):
    return xlsx_bytes([header, *rows])


def iin_check_digit(first_eleven):
    """The Kazakh IIN check digit, written out independently of the application's code."""
    digits = [int(character) for character in first_eleven]
    first = sum(digit * weight for digit, weight in zip(digits, range(1, 12), strict=True)) % 11
    if first != 10:
        return first
    second = sum(digit * weight for digit, weight in zip(digits, [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2], strict=True)) % 11
    return None if second == 10 else second


def valid_iin(birth="850315", century="4", serial="0123"):
    """A valid IIN for a birth date (yymmdd); the serial is moved on until the number has a check digit."""
    number = int(serial)
    while True:
        first_eleven = f"{birth}{century}{number:04d}"
        check = iin_check_digit(first_eleven)
        if check is not None:
            return f"{first_eleven}{check}"
        number += 1


def valid_pin(birth="15031985", sex="2", serial="00123"):
    return f"{sex}{birth}{serial}"
