"""Spreadsheet imports: preview states, all-or-nothing, matching, duplicates, bad files, personal numbers, roles."""

import io
import zipfile
from datetime import date, datetime, timedelta

import pytest
from django.contrib.messages import constants as message_levels
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook, load_workbook
from openpyxl.utils.datetime import CALENDAR_MAC_1904
from playwright.sync_api import expect

from core import cells, tabular
from core.tabular import ImportFileError, ImportRefused, RowState
from qualification import cohort_import
from qualification.models import CourseRecord, RecordState, RenewalStatus
from schools import people_import, staff_import
from schools.models import StaffMember, StaffTransfer
from tests import factories
from tests.conftest import sign_in
from tests.factories_imports import (
    STAFF_HEADER,
    csv_bytes,
    iin_check_digit,
    staff_file,
    staff_row,
    upload,
    valid_iin,
    valid_pin,
    xlsx_bytes,
)
from tests.walking import Page, malformed, query_of, same_site_path

STAFF_URL = reverse("schools:import_staff")
CONFIRM_URL = reverse("schools:import_staff_confirm")
COHORT_URL = reverse("cohort_import:upload")
COHORT_CONFIRM_URL = reverse("cohort_import:confirm")
# session, user (with the director's school and office), school twice, subjects, people, their subjects,
# numbers elsewhere, schools twice
PREVIEW_QUERIES = 9


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _english_messages():
    """Services answer in the active language; English keeps these assertions independent of the catalogues."""
    with translation.override("en"):
        yield


def preview_of(data, school, user):
    return staff_import.staff_import_preview(data=data, school=school, user=user)


def states(preview):
    return [row.state for row in preview.rows]


def post_staff_file(client, data, school=None, name="staff.xlsx"):
    payload = {"file": upload(data, name)}
    if school is not None:
        payload["school"] = school.pk
    return client.post(STAFF_URL, payload)


# Preview states and all-or-nothing ---------------------------------------------------------------------------


def test_preview_marks_rows_new_changed_unchanged_and_error(school_a, director_a, teacher_a):
    same = factories.make_staff(
        school_a,
        surname="Бакиров",
        given_name="Нурлан",
        patronymic="",
        hire_date=date(2011, 9, 1),
    )
    data = staff_file(
        staff_row("Асанова", "Гүлнара"),
        staff_row("Өмүрова", "Айгүл", "Токтосуновна", position="Директор", hire_date="01.09.2010"),
        staff_row("Бакиров", "Нурлан", "", subjects="", hire_date="01.09.2011"),
        staff_row("Исаков", "Талант", position="Космонавт"),
    )
    preview = preview_of(data, school_a, director_a)
    assert states(preview) == [RowState.NEW, RowState.CHANGED, RowState.UNCHANGED, RowState.ERROR]
    assert preview.rows[1].person["pk"] == teacher_a.pk
    assert [change[0] for change in preview.rows[1].changes] == [
        str(staff_import.POSITION.title),
        str(staff_import.SUBJECTS.title),
    ]
    assert preview.rows[2].person["pk"] == same.pk
    assert "Космонавт" in preview.rows[3].errors[0]
    assert preview.counts == {"new": 1, "changed": 1, "unchanged": 1, "error": 1}


def test_preview_page_lists_rows_with_their_state(director_a_client, teacher_a):
    data = staff_file(
        staff_row("Асанова", "Гүлнара"), staff_row("Өмүрова", "Айгүл", "Токтосуновна", hire_date="01.09.2010")
    )
    response = post_staff_file(director_a_client, data)
    assert response.status_code == 302
    assert response["Location"] == CONFIRM_URL
    page = director_a_client.get(CONFIRM_URL)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-state="new"' in html
    assert 'data-state="changed"' in html
    assert 'id="import-confirm"' in html


def test_confirm_writes_new_and_changed_people(director_a_client, school_a, teacher_a):
    iin = valid_iin()
    data = staff_file(
        staff_row("Асанова", "Гүлнара", subjects="Математика, Физика", personal_number=iin, email="asanova@mektep.kg"),
        staff_row("Өмүрова", "Айгүл", "Токтосуновна", position="Директор", hire_date="01.09.2010", subjects=""),
    )
    post_staff_file(director_a_client, data)
    response = director_a_client.post(CONFIRM_URL)
    assert response.status_code == 302
    created = StaffMember.objects.get(surname="Асанова")
    assert created.school == school_a
    assert created.personal_number == iin
    assert created.email == "asanova@mektep.kg"
    assert sorted(created.subjects.values_list("code", flat=True)) == ["mathematics", "physics"]
    teacher_a.refresh_from_db()
    assert teacher_a.position == "director"
    assert director_a_client.session.get("import_staff") is None


def test_an_imported_change_of_subjects_is_recorded_by_name(director_a_client, school_a, teacher_a):
    from core.models import AuditEntry

    data = staff_file(staff_row("Өмүрова", "Айгүл", "Токтосуновна", hire_date="01.09.2010", subjects="Физика"))
    post_staff_file(director_a_client, data)
    assert director_a_client.post(CONFIRM_URL).status_code == 302
    entry = AuditEntry.objects.get(object_id=teacher_a.pk, action="changed", source="import")
    old, new = entry.changes["subjects"]
    assert not new.isdigit() and new == str(teacher_a.subjects.get())


def test_one_bad_row_means_nothing_is_written(director_a_client, teacher_a):
    data = staff_file(
        staff_row("Асанова", "Гүлнара"),
        staff_row("Өмүрова", "Айгүл", "Токтосуновна", position="Директор", hire_date="01.09.2010"),
        staff_row("Исаков", "Талант", hire_date="31.02.2015"),
    )
    post_staff_file(director_a_client, data)
    page = director_a_client.get(CONFIRM_URL)
    assert 'id="import-errors"' in page.content.decode()
    assert 'id="import-confirm"' not in page.content.decode()
    response = director_a_client.post(CONFIRM_URL, follow=True)
    assert [message.level for message in response.context["messages"]] == [message_levels.ERROR]
    assert not StaffMember.objects.filter(surname__in=["Асанова", "Исаков"]).exists()
    teacher_a.refresh_from_db()
    assert teacher_a.position == "subject_teacher"


def test_apply_refuses_a_file_with_an_error(school_a, director_a):
    data = staff_file(staff_row("Асанова", "Гүлнара"), staff_row("Исаков", "Талант", position=""))
    with pytest.raises(ImportRefused):
        staff_import.staff_import_apply(data=data, school=school_a, by=director_a)
    assert not StaffMember.objects.filter(surname="Асанова").exists()


def test_error_list_downloads_as_csv(director_a_client):
    data = staff_file(staff_row("Асанова", "Гүлнара"), staff_row("Исаков", "Талант", position="Космонавт"))
    post_staff_file(director_a_client, data)
    response = director_a_client.get(reverse("schools:import_staff_errors"))
    assert response.status_code == 200
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    lines = text.strip().splitlines()
    assert len(lines) == 2
    assert lines[1].startswith("3,Исаков,Талант")
    assert "Космонавт" in lines[1]


def test_the_preview_shows_errors_first_when_there_are_any(director_a_client):
    rows = [staff_row(f"Асанова{index}", "Гүлнара") for index in range(5)]
    rows.append(staff_row("Исаков", "Талант", position="?"))
    post_staff_file(director_a_client, staff_file(*rows))
    response = director_a_client.get(CONFIRM_URL)
    assert response.context["show"] == "error"
    assert [row.line for row in response.context["page"].object_list] == [7]
    response = director_a_client.get(CONFIRM_URL, {"show": "new"})
    assert len(response.context["page"].object_list) == 5


def numbered_rows(count, **fields):
    return [
        staff_row(f"Асанова{index}", "Гүлнара", personal_number=valid_pin(serial=f"{index:05d}"), **fields)
        for index in range(count)
    ]


def test_preview_page_query_count_does_not_grow_with_rows(director_a_client, school_a):
    factories.make_staff(school_a, surname="Асанова1", given_name="Гүлнара", patronymic="", hire_date=date(2015, 9, 1))
    post_staff_file(director_a_client, staff_file(*numbered_rows(1)))
    with CaptureQueriesContext(connection) as one:
        director_a_client.get(CONFIRM_URL)
    post_staff_file(director_a_client, staff_file(*numbered_rows(60)))
    with CaptureQueriesContext(connection) as many:
        response = director_a_client.get(CONFIRM_URL)
    assert response.context["counts"]["new"] == 59
    assert len(many.captured_queries) == len(one.captured_queries) == PREVIEW_QUERIES


def test_a_write_the_database_refuses_meanwhile_keeps_the_file_and_says_so(
    monkeypatch, director_a_client, school_a, methodist_client, course
):
    """Someone changed the same people between the check and the write: nothing is written, the file stays for
    another check. An import that expects no such conflict lets the error through, to be reported."""
    from django.db import IntegrityError

    def refused(**kwargs):
        raise IntegrityError("staff_personal_number_unique")

    monkeypatch.setattr(staff_import, "staff_import_apply", refused)
    post_staff_file(director_a_client, staff_file(staff_row("Асанова", "Гүлнара")))
    response = director_a_client.post(CONFIRM_URL, follow=True)
    assert response.redirect_chain[-1][0] == CONFIRM_URL
    from schools.staff_import_views import FLOW

    with translation.override(response.wsgi_request.LANGUAGE_CODE):
        expected = FLOW.conflict()
    assert [(m.level, m.message) for m in response.context["messages"]] == [(message_levels.ERROR, expected)]
    assert director_a_client.session.get("import_staff") and not StaffMember.objects.filter(surname="Асанова")

    monkeypatch.setattr(cohort_import, "cohort_import_apply", refused)
    header = ["Фамилия", "Имя", "Отчество", "Дата приёма", "ИИН", "Дата завершения", "Номер документа"]
    cohort = xlsx_bytes([header, ["Асанова", "Гүлнара", "", "01.09.2015", "", date.today(), "№ 7"]])
    methodist_client.post(COHORT_URL, {"course": course.pk, "file": upload(cohort)})
    with pytest.raises(IntegrityError):
        methodist_client.post(COHORT_CONFIRM_URL)


def test_confirm_query_count_does_not_grow_with_rows(school_a, director_a, django_assert_max_num_queries):
    rows = numbered_rows(300, subjects="Математика, Физика")
    # Five of them renew the office's cached pages and five every office's (core.versions, the database cache).
    with django_assert_max_num_queries(25):
        result = staff_import.staff_import_apply(data=staff_file(*rows), school=school_a, by=director_a)
    assert result.created == 300


def test_a_file_of_5000_rows_is_accepted(school_a, director_a):
    rows = [staff_row(f"Асанова{index}", "Гүлнара") for index in range(tabular.MAX_ROWS)]
    result = staff_import.staff_import_apply(data=staff_file(*rows), school=school_a, by=director_a)
    assert result.created == tabular.MAX_ROWS


# Matching ----------------------------------------------------------------------------------------------------


def test_personal_number_finds_a_person_before_the_name(school_a, director_a):
    iin = valid_iin()
    person = factories.make_staff(school_a, surname="Ахметова", given_name="Динара", personal_number=iin)
    data = staff_file(staff_row("Серикова", "Динара", "", hire_date="01.09.2010", personal_number=iin))
    row = preview_of(data, school_a, director_a).rows[0]
    assert row.state == RowState.CHANGED
    assert row.person["pk"] == person.pk
    assert (str(people_import.SURNAME.title), "Ахметова", "Серикова") in row.changes


def test_name_and_hire_date_find_a_person_whatever_the_case(school_a, director_a, teacher_a):
    data = staff_file(staff_row("ӨМҮРОВА", "айгүл", "ТОКТОСУНОВНА", hire_date="01.09.2010", subjects=""))
    row = preview_of(data, school_a, director_a).rows[0]
    assert row.person["pk"] == teacher_a.pk
    assert row.state == RowState.UNCHANGED


def test_same_name_with_another_hire_date_is_a_new_person(school_a, director_a, teacher_a):
    data = staff_file(staff_row("Өмүрова", "Айгүл", "Токтосуновна", hire_date="01.09.2012"))
    assert states(preview_of(data, school_a, director_a)) == [RowState.NEW]


def test_two_people_with_the_same_name_and_hire_date_are_ambiguous(school_a, director_a, teacher_a):
    factories.make_staff(school_a, surname="Өмүрова", given_name="Айгүл", patronymic="", hire_date=date(2010, 9, 1))
    data = staff_file(staff_row("Өмүрова", "Айгүл", "", hire_date="01.09.2010"))
    row = preview_of(data, school_a, director_a).rows[0]
    assert row.state == RowState.ERROR
    assert "2" in row.errors[0]
    assert "personal number" in row.errors[0]


def test_a_different_personal_number_means_a_different_person(school_a, director_a):
    factories.make_staff(school_a, surname="Ахметова", given_name="Динара", patronymic="", personal_number=valid_pin())
    data = staff_file(staff_row("Ахметова", "Динара", "", hire_date="01.09.2010", personal_number=valid_iin()))
    row = preview_of(data, school_a, director_a).rows[0]
    assert row.state == RowState.NEW
    assert row.warnings


def test_personal_number_of_another_office_is_an_error(school_a, director_a, other_office_school):
    iin = valid_iin()
    factories.make_staff(other_office_school, surname="Ахметова", given_name="Динара", personal_number=iin)
    data = staff_file(staff_row("Ахметова", "Динара", hire_date="01.09.2010", personal_number=iin))
    row = preview_of(data, school_a, director_a).rows[0]
    assert row.state == RowState.ERROR
    assert "another education office" in row.errors[0]


def test_name_match_in_another_office_is_not_used(school_a, director_a, other_office_school):
    factories.make_staff(other_office_school, surname="Ахметова", given_name="Динара", hire_date=date(2010, 9, 1))
    data = staff_file(staff_row("Ахметова", "Динара", "Абдимуталиповна", hire_date="01.09.2010"))
    assert states(preview_of(data, school_a, director_a)) == [RowState.NEW]


def test_director_cannot_take_a_person_from_another_school(school_a, director_a, teacher_b):
    data = staff_file(staff_row("Асанов", "Бакыт", "Жумабекович", hire_date="01.09.2010"))
    row = preview_of(data, school_a, director_a).rows[0]
    assert row.state == RowState.ERROR
    assert teacher_b.school.name in row.errors[0]


def test_methodist_import_moves_a_person_with_a_transfer(school_a, methodist, teacher_b):
    data = staff_file(staff_row("Асанов", "Бакыт", "Жумабекович", hire_date="01.09.2010", subjects=""))
    preview = preview_of(data, school_a, methodist)
    assert states(preview) == [RowState.CHANGED]
    staff_import.staff_import_apply(data=data, school=school_a, by=methodist)
    teacher_b.refresh_from_db()
    assert teacher_b.school == school_a
    transfer = StaffTransfer.objects.get(staff_member=teacher_b)
    assert transfer.to_school == school_a
    assert transfer.recorded_by == methodist


def test_empty_cells_leave_stored_values_alone(school_a, director_a):
    person = factories.make_staff(
        school_a, surname="Ахметова", given_name="Динара", patronymic="", email="a@mektep.kg", phone="+996 555 000000"
    )
    data = staff_file(staff_row("Ахметова", "Динара", "", hire_date="01.09.2010", subjects=""))
    assert states(preview_of(data, school_a, director_a)) == [RowState.UNCHANGED]
    staff_import.staff_import_apply(data=data, school=school_a, by=director_a)
    person.refresh_from_db()
    assert (person.email, person.phone) == ("a@mektep.kg", "+996 555 000000")


def test_an_inactive_person_is_activated_again(school_a, director_a):
    person = factories.make_staff(school_a, surname="Ахметова", given_name="Динара", patronymic="", is_active=False)
    data = staff_file(staff_row("Ахметова", "Динара", "", hire_date="01.09.2010", subjects=""))
    staff_import.staff_import_apply(data=data, school=school_a, by=director_a)
    person.refresh_from_db()
    assert person.is_active


# Duplicates within the file ----------------------------------------------------------------------------------


def test_two_rows_with_the_same_personal_number_are_duplicates(school_a, director_a):
    iin = valid_iin()
    data = staff_file(
        staff_row("Ахметова", "Динара", personal_number=iin),
        staff_row("Асанова", "Гүлнара"),
        staff_row("Ахметова", "Динара", "Сериковна", hire_date="02.09.2015", personal_number=iin),
    )
    preview = preview_of(data, school_a, director_a)
    assert states(preview) == [RowState.ERROR, RowState.NEW, RowState.ERROR]
    assert "2, 4" in preview.rows[0].errors[0]


def test_two_rows_with_the_same_name_and_hire_date_are_duplicates(school_a, director_a):
    data = staff_file(staff_row("Ахметова", "Динара", ""), staff_row("АХМЕТОВА", "Динара", "Сериковна"))
    assert states(preview_of(data, school_a, director_a)) == [RowState.ERROR, RowState.ERROR]


def test_two_rows_that_find_the_same_person_are_duplicates(school_a, director_a, teacher_a):
    iin = valid_iin()
    teacher_a.personal_number = iin
    teacher_a.save()
    data = staff_file(
        staff_row("Өмүрова", "Айгүл", "Токтосуновна", hire_date="01.09.2010"),
        staff_row("Токтосунова", "Айгүл", "", hire_date="01.09.2011", personal_number=iin),
    )
    assert states(preview_of(data, school_a, director_a)) == [RowState.ERROR, RowState.ERROR]


def test_namesakes_with_different_personal_numbers_are_two_people(school_a, director_a):
    data = staff_file(
        staff_row("Ахметова", "Динара", "", personal_number=valid_iin()),
        staff_row("Ахметова", "Динара", "", personal_number=valid_pin()),
    )
    assert states(preview_of(data, school_a, director_a)) == [RowState.NEW, RowState.NEW]


# Bad files ---------------------------------------------------------------------------------------------------

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
HTML = "<!doctype html><html><body><table><tr><td>Фамилия</td></tr></table></body></html>".encode()


def refusal(content, check=staff_import.check_staff_file):
    with pytest.raises(ImportFileError) as refused:
        check(content)
    return refused.value.code


def zip_bytes(files):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "content",
    [PDF, HTML, b"\x89PNG\r\n\x1a\n" + bytes(range(256)), bytes(range(256)) * 4],
    ids=["pdf", "html", "png", "binary"],
)
def test_a_file_that_is_not_a_spreadsheet_is_refused(content):
    assert refusal(content) == "not_a_spreadsheet"


def test_a_zip_that_is_not_a_workbook_is_refused():
    assert refusal(zip_bytes({"word/document.xml": "<w:document/>"})) == "not_a_spreadsheet"


def test_a_damaged_workbook_is_refused():
    assert refusal(zip_bytes({"xl/workbook.xml": "<workbook"})) == "damaged"


def test_an_old_excel_file_is_refused_with_advice():
    assert refusal(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500)) == "old_excel"


def test_missing_columns_are_named():
    data = xlsx_bytes([["Фамилия", "Имя", "Телефон"], ["Асанова", "Гүлнара", "0555"]])
    with pytest.raises(ImportFileError) as refused:
        staff_import.check_staff_file(data)
    assert refused.value.code == "missing_columns"
    assert str(staff_import.POSITION.title) in refused.value.message
    assert str(people_import.HIRE_DATE.title) in refused.value.message
    assert str(people_import.SURNAME.title) not in refused.value.message


def test_a_column_given_twice_is_refused():
    assert refusal(xlsx_bytes([[*STAFF_HEADER, "Surname"], staff_row()])) == "repeated_column"


@pytest.mark.parametrize(
    "content",
    [b"", xlsx_bytes([]), xlsx_bytes([[None, None], ["", "  "]]), b"\xef\xbb\xbf\r\n\r\n"],
    ids=["bytes", "xlsx", "blank", "csv"],
)
def test_an_empty_file_is_refused(content):
    assert refusal(content) == "empty"


def test_a_header_without_rows_is_refused():
    assert refusal(xlsx_bytes([STAFF_HEADER])) == "no_rows"


def test_more_than_5000_rows_are_refused():
    rows = [STAFF_HEADER] + [["Асанова", "Гүлнара", "", "Учитель", "", "01.09.2015"]] * (tabular.MAX_ROWS + 1)
    assert refusal(csv_bytes(rows)) == "too_many_rows"
    assert refusal(xlsx_bytes(rows)) == "too_many_rows"


def test_a_file_over_5_mb_is_refused():
    assert refusal(b"a" * (tabular.MAX_BYTES + 1)) == "too_large"


def test_a_workbook_that_unpacks_to_gigabytes_is_refused(monkeypatch):
    monkeypatch.setattr(tabular, "MAX_UNPACKED_BYTES", 1000)
    assert refusal(staff_file(*[staff_row()] * 20)) == "too_large"


def test_a_workbook_written_by_another_program_is_read(school_a, director_a):
    """Inline strings, formula text, a skipped column and a missing row, without shared strings or styles."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    def text(reference, value):
        return f'<c r="{reference}" t="inlineStr"><is><t>{value}</t></is></c>'

    header = "".join(text(f"{column}1", title) for column, title in zip("ABCDFG", STAFF_HEADER[:6], strict=True))
    person = text("A3", "Өмүрбекова") + text("B3", "Нургүл") + text("D3", "Китепканачы")
    person += '<c r="G3" t="str"><v>01.09.2015</v></c>'
    data = zip_bytes(
        {
            # The one part every OOXML package names its parts in, whichever program wrote it.
            "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType='
            '"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
            "xl/workbook.xml": f'<workbook xmlns="{main}" xmlns:r="{relationships}"><workbookPr date1904="1"/>'
            f'<sheets><sheet name="Лист1" sheetId="1" r:id="rId1"/></sheets></workbook>',
            "xl/_rels/workbook.xml.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
            "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{main}"><sheetData><row r="1">{header}</row>'
            f'<row r="3">{person}</row></sheetData></worksheet>',
        }
    )
    preview = preview_of(data, school_a, director_a)
    assert preview.header.columns["hire_date"] == 6
    row = preview.rows[0]
    assert row.line == 3
    assert (row.values["surname"], row.values["position"], row.values["hire_date"]) == (
        "Өмүрбекова",
        "librarian",
        date(2015, 9, 1),
    )


def test_a_refused_file_keeps_the_chosen_school(methodist_client, school_b):
    response = post_staff_file(methodist_client, PDF, school=school_b, name="staff.xlsx")
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors.as_data()["file"][0].code == "not_a_spreadsheet"
    assert form["school"].value() == str(school_b.pk)
    assert f'<option value="{school_b.pk}" selected>' in response.content.decode()


def test_the_upload_page_says_why_a_file_is_refused_in_the_users_language(director_a_client, director_a):
    director_a.language = "ru"
    director_a.save()
    response = post_staff_file(director_a_client, xlsx_bytes([["Фамилия"], ["Асанова"]]))
    assert "Должность" in response.content.decode()


# Reading cells -----------------------------------------------------------------------------------------------


def test_headers_in_kyrgyz_kazakh_and_english_with_odd_spacing_are_recognised(school_a, director_a):
    kyrgyz = [
        " ФАМИЛИЯСЫ ",
        "Аты",
        "Атасынын  аты",
        "Кызматы",
        "Предметтер",
        "Ишке кирген күнү",
        "Эл. почта",
        "Тел.",
        "ПИН",
    ]
    kazakh = [
        "Тегі",
        "Аты",
        "Әкесінің аты",
        "Лауазымы",
        "Пәндер",
        "Жұмысқа қабылданған күні",
        "E-mail",
        "Телефон",
        "ЖСН",
    ]
    english = ["Surname", "Given name", "Patronymic", "Position", "Subjects", "Hire date", "E-mail", "Phone", "IIN"]
    for header in (kyrgyz, kazakh, english):
        preview = preview_of(staff_file(staff_row(), header=header), school_a, director_a)
        assert set(preview.header.columns) == {column.field for column in staff_import.STAFF_COLUMNS}, header


def test_a_title_row_above_the_header_is_skipped(school_a, director_a):
    data = xlsx_bytes([["Список сотрудников школы №2"], [], STAFF_HEADER, staff_row()])
    preview = preview_of(data, school_a, director_a)
    assert preview.rows[0].line == 4
    assert states(preview) == [RowState.NEW]


def test_positions_and_subjects_in_kyrgyz_kazakh_and_russian(school_a, director_a):
    data = staff_file(
        staff_row("Асанова", "Гүлнара", position="Предмет мугалими", subjects="Кыргыз тили; Орус адабияты"),
        staff_row("Серикова", "Динара", position="Пән мұғалімі", subjects="Қазақ тілі, Ағылшын тілі"),
        staff_row("Иванова", "Мария", position="учитель начальных классов", subjects="Начальные классы"),
        staff_row("Бакиров", "Нурлан", position="Завуч", subjects="history"),
    )
    preview = preview_of(data, school_a, director_a)
    assert states(preview) == [RowState.NEW] * 4
    assert [row.values["position"] for row in preview.rows] == [
        "subject_teacher",
        "subject_teacher",
        "primary_teacher",
        "deputy_director",
    ]
    assert len(preview.rows[0].values["subjects"]) == 2


def test_an_unknown_subject_is_an_error_that_names_it(school_a, director_a):
    data = staff_file(staff_row(subjects="Математика, Астрология"))
    row = preview_of(data, school_a, director_a).rows[0]
    assert row.state == RowState.ERROR
    assert "Астрология" in row.errors[0]


def test_cyrillic_in_every_column_and_extra_spaces(school_a, director_a):
    data = staff_file(staff_row("  Өмүрбекова\u00a0 ", " Нұргүл  ", "Қуанышқызы", phone="  +996  555 12 34 56 "))
    staff_import.staff_import_apply(data=data, school=school_a, by=director_a)
    person = StaffMember.objects.get(surname="Өмүрбекова")
    assert (person.given_name, person.patronymic, person.phone) == ("Нұргүл", "Қуанышқызы", "+996 555 12 34 56")


def test_latin_lookalike_letters_are_corrected_and_flagged(school_a, director_a):
    # "Аsанова" with a Latin "a" and "c", "Гүлнaра" with a Latin "a", "Смит" left alone: it is a Latin word.
    data = staff_file(staff_row("Acанова", "Гүлнaра", "Smith"), staff_row("Ахметова", "Динара"))
    preview = preview_of(data, school_a, director_a)
    flagged, clean = preview.rows
    assert flagged.values["surname"] == "Асанова"
    assert flagged.values["given_name"] == "Гүлнара"
    assert flagged.values["patronymic"] == "Smith"
    assert flagged.state == RowState.NEW
    assert len(flagged.warnings) == 1
    assert str(people_import.SURNAME.title) in flagged.warnings[0]
    assert str(people_import.GIVEN_NAME.title) in flagged.warnings[0]
    assert str(people_import.PATRONYMIC.title) not in flagged.warnings[0]
    assert not clean.warnings
    assert preview.warning_count == 1


@pytest.mark.parametrize(
    ("text", "expected", "fixed"),
    [
        ("Тoктoсунoвна", "Токтосуновна", True),
        ("ТЕKСТ", "ТЕКСТ", True),
        ("Өмүрoвa", "Өмүрова", True),
        ("Omurova", "Omurova", False),
        ("Бiлiм", "Білім", True),  # Kazakh і typed as a Latin i
        ("Бöкөнбаев", "Бөкөнбаев", True),
        ("Айгүл", "Айгүл", False),
        ("Айгүл-Smith", "Айгүл-Smith", False),
    ],
)
def test_fix_lookalikes(text, expected, fixed):
    assert cells.fix_lookalikes(text) == (expected, fixed)


def test_lookalike_warning_is_shown_on_the_preview(director_a_client):
    post_staff_file(director_a_client, staff_file(staff_row("Acанова", "Гүлнара")))
    html = director_a_client.get(CONFIRM_URL).content.decode()
    assert "import-warnings" in html
    assert "Асанова" in html


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (datetime(2010, 9, 1, 0, 0), date(2010, 9, 1)),
        (date(2010, 9, 1), date(2010, 9, 1)),
        (40422, date(2010, 9, 1)),
        (40422.0, date(2010, 9, 1)),
        ("40422", date(2010, 9, 1)),
        ("01.09.2010", date(2010, 9, 1)),
        ("01.09.2010 0:00:00", date(2010, 9, 1)),
        ("1.9.2010", date(2010, 9, 1)),
        ("01/09/2010", date(2010, 9, 1)),
        ("2010-09-01", date(2010, 9, 1)),
        ("2010-09-01 00:00:00", date(2010, 9, 1)),
        (" 01.09.2010 ж. ", date(2010, 9, 1)),
        ("", None),
        (None, None),
    ],
)
def test_dates_are_read_from_excel_values_and_text(cell, expected):
    assert cells.parse_date(cell) == expected


@pytest.mark.parametrize("cell", ["31.02.2010", "сентябрь 2010", "2010", 5, "01.09.1899"])
def test_impossible_dates_are_refused(cell):
    with pytest.raises(cells.RowProblem):
        cells.parse_date(cell)


@pytest.mark.parametrize(
    ("cell", "reason"),
    [(5, "too early"), ("2010", "is not a date"), ("1.9.1", "is not a date"), ("31.12.1939", "too early")],
)
def test_a_refused_date_says_why(cell, reason):
    with pytest.raises(cells.RowProblem, match=reason):
        cells.parse_date(cell)


def test_the_earliest_date_accepted_is_the_first_of_january_1940():
    assert cells.parse_date("01.01.1940") == date(1940, 1, 1)


@pytest.mark.parametrize(
    ("cell", "text"),
    [
        (None, ""),
        (42.0, "42"),
        (3.5, "3.5"),
        ("  Айгүл\u200b   Токтосуновна\u00a0", "Айгүл Токтосуновна"),
    ],
)
def test_a_cell_as_text(cell, text):
    assert cells.clean_text(cell) == text


def test_names_match_whatever_the_case_and_with_yo_written_as_ye():
    assert cells.name_key("СЕМЁНОВА") == cells.name_key("Семенова") == "семенова"


def test_column_names_match_without_punctuation_or_extra_spaces():
    assert cells.header_key(" Аты-жөнү:* ") == "аты жөнү"
    assert cells.header_key("Туулган_күнү") == "туулган күнү"


def test_excel_dates_in_a_workbook(school_a, director_a):
    rows = [STAFF_HEADER, staff_row(hire_date=datetime(2015, 9, 1)), staff_row("Серикова", hire_date=42248)]
    preview = preview_of(xlsx_bytes(rows), school_a, director_a)
    assert [row.values["hire_date"] for row in preview.rows] == [date(2015, 9, 1), date(2015, 9, 1)]


def test_dates_of_a_workbook_on_the_1904_calendar(school_a, director_a):
    workbook = Workbook()
    workbook.epoch = CALENDAR_MAC_1904
    workbook.active.append(STAFF_HEADER)
    workbook.active.append(staff_row(hire_date=datetime(2015, 9, 1)))
    output = io.BytesIO()
    workbook.save(output)
    assert preview_of(output.getvalue(), school_a, director_a).rows[0].values["hire_date"] == date(2015, 9, 1)


def test_a_hire_date_in_the_future_is_an_error(school_a, director_a):
    tomorrow = (date.today() + timedelta(days=1)).strftime("%d.%m.%Y")
    row = preview_of(staff_file(staff_row(hire_date=tomorrow)), school_a, director_a).rows[0]
    assert row.state == RowState.ERROR


def test_csv_in_windows_1251_with_semicolons(school_a, director_a):
    data = csv_bytes([STAFF_HEADER, staff_row("Иванова", "Мария", position="Библиотекарь", subjects="")], ";", "cp1251")
    preview = preview_of(data, school_a, director_a)
    assert preview.rows[0].values["surname"] == "Иванова"
    assert preview.rows[0].values["position"] == "librarian"


def test_csv_in_utf8_with_kyrgyz_letters(school_a, director_a):
    data = csv_bytes([STAFF_HEADER, staff_row("Өмүрбекова", "Нургүл")])
    preview = preview_of(data, school_a, director_a)
    assert preview.rows[0].values["surname"] == "Өмүрбекова"


def test_an_invalid_email_is_an_error(school_a, director_a):
    row = preview_of(staff_file(staff_row(email="asanova.mektep.kg")), school_a, director_a).rows[0]
    assert row.state == RowState.ERROR


# Personal numbers --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "number",
    [
        valid_iin("850315", "4"),
        valid_iin("900101", "3"),
        valid_iin("050620", "5"),
        valid_iin("040229", "6", "9990"),
        valid_pin("15031985", "2"),
        valid_pin("29022000", "1"),
    ],
)
def test_valid_personal_numbers(number):
    assert cells.personal_number_problem(number) is None
    assert cells.parse_personal_number(number) == number


def _first_elevens(second_weights_give_ten):
    """IIN beginnings whose first weighted sum is 10 mod 11, split by whether the second one is 10 as well."""
    for serial in range(10000):
        first_eleven = f"8503154{serial:04d}"
        digits = [int(character) for character in first_eleven]
        first_gives_ten = sum(d * w for d, w in zip(digits, range(1, 12), strict=True)) % 11 == 10
        if first_gives_ten and (iin_check_digit(first_eleven) is None) == second_weights_give_ten:
            return first_eleven
    raise AssertionError("no such serial")


def test_an_iin_whose_first_check_gives_10_uses_the_second_weights():
    first_eleven = _first_elevens(second_weights_give_ten=False)
    check = iin_check_digit(first_eleven)
    assert cells.iin_check_digit(first_eleven) == check
    assert cells.personal_number_problem(f"{first_eleven}{check}") is None
    assert cells.personal_number_problem(f"{first_eleven}{(check + 1) % 10}") is not None


def test_an_iin_whose_both_checks_give_10_is_never_valid():
    first_eleven = _first_elevens(second_weights_give_ten=True)
    assert cells.iin_check_digit(first_eleven) is None
    assert all(cells.personal_number_problem(f"{first_eleven}{digit}") for digit in range(10))


@pytest.mark.parametrize(
    ("number", "reason"),
    [
        ("315031985001234", "14 digits"),
        ("315031985001", "7th digit"),  # 12 digits, so an IIN, with 9 for the century
        ("31503198500123", "starts with 1 or 2"),
        ("23102198500123", "birth date"),
        ("850231400123", "birth date"),
        ("850315000123", "7th digit"),
        ("850315712345", "7th digit"),
        ("85031540012X", "only digits"),
    ],
)
def test_invalid_personal_numbers(number, reason):
    with pytest.raises(cells.RowProblem, match=reason):
        cells.parse_personal_number(number)


@pytest.mark.parametrize(
    "number",
    [valid_pin("31101985", "2"), valid_pin("31121985", "1"), valid_iin("851031", "4"), valid_iin("851231", "3")],
)
def test_birth_dates_late_in_the_year_are_read_in_full(number):
    assert cells.personal_number_problem(number) is None


def test_a_personal_number_of_someone_born_in_the_future_is_refused():
    today = date.today()
    assert cells.personal_number_problem(valid_pin(today.strftime("%d%m%Y"))) is None
    tomorrow = today + timedelta(days=1)
    assert "birth date" in cells.personal_number_problem(valid_pin(tomorrow.strftime("%d%m%Y")))
    assert "birth date" in cells.personal_number_problem(valid_iin("300101", "5"))  # 1 January 2030


def test_spaces_and_hyphens_inside_a_personal_number_are_dropped():
    iin = valid_iin()
    assert cells.parse_personal_number(f" {iin[:4]} {iin[4:8]}-{iin[8:]} ") == iin


def test_a_wrong_iin_check_digit_is_refused():
    iin = valid_iin()
    wrong = iin[:11] + str((int(iin[11]) + 1) % 10)
    assert "check digit" in cells.personal_number_problem(wrong)


def test_an_iin_stored_as_a_number_gets_its_leading_zero_back():
    iin = valid_iin("050620", "5")
    assert iin.startswith("0")
    assert cells.parse_personal_number(int(iin)) == iin
    assert cells.parse_personal_number(float(int(iin))) == iin


def test_an_invalid_personal_number_makes_the_row_an_error(school_a, director_a):
    iin = valid_iin()
    wrong = iin[:11] + str((int(iin[11]) + 1) % 10)
    row = preview_of(staff_file(staff_row(personal_number=wrong)), school_a, director_a).rows[0]
    assert row.state == RowState.ERROR
    assert "check digit" in row.errors[0]


# Roles -------------------------------------------------------------------------------------------------------

IMPORT_URLS = [
    "import_index",
    "schools:import_staff",
    "schools:import_staff_confirm",
    "schools:import_staff_errors",
    "schools:import_staff_template",
]
COHORT_URLS = [
    "cohort_import:upload",
    "cohort_import:confirm",
    "cohort_import:errors",
    "cohort_import:template",
]


@pytest.mark.parametrize("name", IMPORT_URLS + COHORT_URLS)
def test_teacher_cannot_import(teacher_client, name):
    assert teacher_client.get(reverse(name)).status_code == 403


def test_teacher_cannot_post_a_file(teacher_client, school_a):
    response = post_staff_file(teacher_client, staff_file(staff_row()), school=school_a)
    assert response.status_code == 403
    assert teacher_client.post(CONFIRM_URL).status_code == 403


@pytest.mark.parametrize("name", COHORT_URLS)
def test_director_cannot_import_a_cohort(director_a_client, name):
    assert director_a_client.get(reverse(name)).status_code == 403


def test_director_imports_into_own_school_whatever_is_posted(director_a_client, school_a, school_b):
    post_staff_file(director_a_client, staff_file(staff_row()), school=school_b)
    director_a_client.post(CONFIRM_URL)
    assert StaffMember.objects.get(surname="Асанова").school == school_a


def test_methodist_chooses_a_school_of_the_office(methodist_client, school_b, other_office_school):
    response = post_staff_file(methodist_client, staff_file(staff_row()), school=other_office_school)
    assert response.status_code == 200
    assert "school" in response.context["form"].errors
    post_staff_file(methodist_client, staff_file(staff_row()), school=school_b)
    methodist_client.post(CONFIRM_URL)
    assert StaffMember.objects.get(surname="Асанова").school == school_b


def test_another_users_pending_school_is_not_reachable(director_b_client, school_a):
    session = director_b_client.session
    token = tabular.upload_keep(staff_file(staff_row()))
    session["import_staff"] = {"token": token, "school": school_a.pk, "name": "x"}
    session.save()
    assert director_b_client.get(CONFIRM_URL).status_code == 404
    assert director_b_client.post(CONFIRM_URL).status_code == 404
    assert not StaffMember.objects.filter(surname="Асанова").exists()


def test_a_lost_upload_sends_back_to_the_upload_page(director_a_client):
    post_staff_file(director_a_client, staff_file(staff_row()))
    tabular.upload_discard(director_a_client.session["import_staff"]["token"])
    response = director_a_client.get(CONFIRM_URL)
    assert response.status_code == 302
    assert response["Location"] == STAFF_URL


def test_cancel_puts_the_file_aside(director_a_client):
    post_staff_file(director_a_client, staff_file(staff_row()))
    token = director_a_client.session["import_staff"]["token"]
    director_a_client.post(reverse("schools:import_staff_cancel"))
    assert tabular.upload_read(token) is None
    assert "import_staff" not in director_a_client.session


def test_a_forged_token_reads_nothing():
    assert tabular.upload_read("../../ustat.sqlite3") is None
    assert tabular.upload_read("0" * 31 + "g") is None


# Templates ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("language", "surname"), [("ru", "Фамилия"), ("ky", "Фамилиясы"), ("kk", "Тегі")])
def test_the_template_speaks_the_users_language_and_is_accepted_back(
    director_a_client, director_a, school_a, language, surname
):
    director_a.language = language
    director_a.save()
    response = director_a_client.get(reverse("schools:import_staff_template"), HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.worksheets[0]
    header = [cell.value for cell in sheet[1]]
    assert header[0] == surname
    assert len(workbook.worksheets) == 2
    sheet.append(["Асанова", "Гүлнара", "", "Директор", "Математика", datetime(2015, 9, 1)])
    output = io.BytesIO()
    workbook.save(output)
    preview = preview_of(output.getvalue(), school_a, director_a)
    assert states(preview) == [RowState.NEW]


def test_the_cohort_template_has_the_cohort_columns(methodist_client):
    response = methodist_client.get(reverse("cohort_import:template"))
    header = [cell.value for cell in load_workbook(io.BytesIO(response.content)).worksheets[0][1]]
    assert len(header) == len(cohort_import.COHORT_COLUMNS)


# Course cohort -----------------------------------------------------------------------------------------------

COHORT_HEADER = ["Фамилия", "Имя", "Отчество", "Дата приёма", "ИИН", "Дата завершения", "Номер документа"]


@pytest.fixture
def course(office):
    return factories.make_course(office, title="Компьютердик сабаттуулук", starts_on=date(2020, 1, 1))


def test_methodist_imports_a_cohort_with_confirmed_records(methodist_client, methodist, course, teacher_a, teacher_b):
    iin = valid_iin()
    teacher_b.personal_number = iin
    teacher_b.save()
    completed = date.today() - timedelta(days=30)
    data = xlsx_bytes(
        [
            COHORT_HEADER,
            ["Өмүрова", "Айгүл", "Токтосуновна", "01.09.2010", "", completed, "№ 0191"],
            ["Асанов", "Бакыт", "", "", iin, completed.strftime("%d.%m.%Y"), ""],
        ]
    )
    response = methodist_client.post(COHORT_URL, {"course": course.pk, "file": upload(data)})
    assert response.status_code == 302
    page = methodist_client.get(COHORT_CONFIRM_URL)
    assert page.context["counts"] == {"new": 2, "changed": 0, "unchanged": 0, "error": 0}
    response = methodist_client.post(COHORT_CONFIRM_URL)
    assert response.status_code == 302
    records = CourseRecord.objects.filter(course=course).order_by("staff_member__surname")
    assert [(r.staff_member_id, r.state, r.hours) for r in records] == [
        (teacher_b.pk, RecordState.CONFIRMED, 72),
        (teacher_a.pk, RecordState.CONFIRMED, 72),
    ]
    assert records[1].document_number == "№ 0191"
    assert records[1].confirmed_by == methodist
    assert RenewalStatus.objects.filter(staff_member__in=[teacher_a, teacher_b]).count() == 2


def test_cohort_with_an_unknown_person_writes_nothing(methodist, course, teacher_a):
    data = xlsx_bytes(
        [
            COHORT_HEADER,
            ["Өмүрова", "Айгүл", "Токтосуновна", "01.09.2010", "", "01.03.2024", ""],
            ["Жок", "Адам", "", "01.09.2010", "", "01.03.2024", ""],
        ]
    )
    preview = cohort_import.cohort_import_preview(data=data, course=course, user=methodist)
    assert states(preview) == [RowState.NEW, RowState.ERROR]
    with pytest.raises(ImportRefused):
        cohort_import.cohort_import_apply(data=data, course=course, by=methodist)
    assert not CourseRecord.objects.exists()


def test_cohort_rows_already_recorded_are_left_and_planned_ones_completed(methodist, course, teacher_a, teacher_b):
    factories.make_record(teacher_a, course, completed_on=date(2024, 3, 1))
    planned = factories.make_record(teacher_b, course, completed_on=None, state="planned", refresh=False)
    data = xlsx_bytes(
        [
            COHORT_HEADER,
            ["Өмүрова", "Айгүл", "Токтосуновна", "01.09.2010", "", "01.03.2024", ""],
            ["Асанов", "Бакыт", "Жумабекович", "01.09.2010", "", "01.03.2024", "AB-7"],
        ]
    )
    preview = cohort_import.cohort_import_preview(data=data, course=course, user=methodist)
    assert states(preview) == [RowState.UNCHANGED, RowState.CHANGED]
    result = cohort_import.cohort_import_apply(data=data, course=course, by=methodist)
    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    planned.refresh_from_db()
    assert (planned.state, planned.completed_on, planned.document_number) == ("confirmed", date(2024, 3, 1), "AB-7")
    assert CourseRecord.objects.filter(course=course).count() == 2


def test_cohort_query_count_does_not_grow_with_rows(methodist, course, school_a, django_assert_max_num_queries):
    people = [
        factories.make_staff(school_a, surname=f"Асанов{index}", given_name="Бакыт", patronymic="")
        for index in range(200)
    ]
    rows = [[person.surname, "Бакыт", "", "01.09.2010", "", "01.03.2024", ""] for person in people]
    with django_assert_max_num_queries(25):
        result = cohort_import.cohort_import_apply(data=xlsx_bytes([COHORT_HEADER, *rows]), course=course, by=methodist)
    assert result.created == 200


def test_cohort_completion_before_the_course_started_is_an_error(methodist, course, teacher_a):
    data = xlsx_bytes([COHORT_HEADER, ["Өмүрова", "Айгүл", "Токтосуновна", "01.09.2010", "", "01.03.2019", ""]])
    row = cohort_import.cohort_import_preview(data=data, course=course, user=methodist).rows[0]
    assert row.state == RowState.ERROR


def test_cohort_needs_hire_date_or_personal_number_columns():
    data = xlsx_bytes([["Фамилия", "Имя", "Дата завершения"], ["Өмүрова", "Айгүл", "01.03.2024"]])
    with pytest.raises(ImportFileError, match="Hire date"):
        cohort_import.check_cohort_file(data)


def test_cohort_does_not_reach_people_of_another_office(methodist, course, other_office_school):
    factories.make_staff(other_office_school, surname="Серикова", given_name="Динара", hire_date=date(2010, 9, 1))
    data = xlsx_bytes([COHORT_HEADER, ["Серикова", "Динара", "", "01.09.2010", "", "01.03.2024", ""]])
    row = cohort_import.cohort_import_preview(data=data, course=course, user=methodist).rows[0]
    assert row.state == RowState.ERROR


def test_cohort_course_of_another_office_cannot_be_chosen(methodist_client, other_office):
    foreign = factories.make_course(other_office)
    data = xlsx_bytes([COHORT_HEADER, ["Өмүрова", "Айгүл", "", "01.09.2010", "", "01.03.2024", ""]])
    response = methodist_client.post(COHORT_URL, {"course": foreign.pk, "file": upload(data)})
    assert response.status_code == 200
    assert "course" in response.context["form"].errors


# Browser journey ---------------------------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_director_fixes_a_bad_row_and_imports_the_staff_list(live_server, page, tmp_path, screenshot, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    office = factories.make_office()
    school = factories.make_school(office, number=2, name="№2 орто мектеби")
    factories.make_staff(school, surname="Өмүрова", given_name="Айгүл", patronymic="Токтосуновна")
    factories.make_director(school, username="director", language="ru")
    rows = [
        STAFF_HEADER,
        staff_row("Асанова", "Гүлнара", "Маратовна", position="Учитель-предметник"),
        staff_row("Бакиров", "Нурлан", "Асанович", position="Космонавт"),
    ]
    bad = tmp_path / "сотрудники.xlsx"
    bad.write_bytes(xlsx_bytes(rows))

    sign_in(page, live_server, "director")
    page.goto(f"{live_server.url}{STAFF_URL}")
    page.set_input_files("input[name=file]", str(bad))
    page.locator("main form [type=submit]").click()
    expect(page.locator("#import-errors")).to_be_visible()
    expect(page.locator("tr[data-state=error] .import-problems")).to_contain_text("Космонавт")
    expect(page.locator("#import-confirm")).to_have_count(0)
    screenshot("error")

    rows[2] = staff_row("Бакиров", "Нурлан", "Асанович", position="Библиотекарь", subjects="")
    fixed = tmp_path / "сотрудники-исправлено.xlsx"
    fixed.write_bytes(xlsx_bytes(rows))
    page.locator("#import-errors a.btn-primary").click()
    page.wait_for_url(f"**{STAFF_URL}")
    page.set_input_files("input[name=file]", str(fixed))
    page.locator("main form [type=submit]").click()
    expect(page.locator("#import-confirm")).to_be_visible()
    expect(page.locator("tr[data-state=new]")).to_have_count(2)
    page.locator("#import-confirm button[type=submit]").click()
    expect(page.locator(".alert-success")).to_be_visible()

    page.goto(f"{live_server.url}/qualification/status/")
    expect(page.locator("tbody")).to_contain_text("Асанова Гүлнара Маратовна")
    expect(page.locator("tbody")).to_contain_text("Бакиров Нурлан Асанович")
    screenshot("status")


def test_the_preview_tabs_switch_by_the_links_they_render(director_a_client):
    rows = [staff_row(f"Асанова{index}", "Гүлнара") for index in range(5)]
    rows.append(staff_row("Исаков", "Талант", position="?"))
    post_staff_file(director_a_client, staff_file(*rows))
    preview = Page(CONFIRM_URL, director_a_client.get(CONFIRM_URL).content.decode())
    tabs = {query_of(link.href)["show"]: link.href for link in preview.links if "show=" in link.href}
    assert {"all", "new", "error"} <= set(tabs)
    for show, href in tabs.items():
        assert malformed(href) is None, href
        response = director_a_client.get(same_site_path(CONFIRM_URL, href))
        assert response.context["show"] == show
    shown = director_a_client.get(same_site_path(CONFIRM_URL, tabs["new"])).context["page"].object_list
    assert len(shown) == 5
