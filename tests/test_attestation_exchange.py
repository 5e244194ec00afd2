"""Exchange with national systems: the office's export keyed by personal number, read back with openpyxl, and the
import of attestation results from the same columns: the round trip changes nothing, a wrong row refuses the
whole file with a translated message, and only the office's methodists exchange, only for their office."""

import csv
import io
from datetime import date

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from core.clock import today as office_today
from core.models import AuditEntry
from qualification.exchange import COLUMNS
from qualification.models import Attestation, AttestationCategory
from qualification.renewal import add_years
from tests import factories
from tests.walking import Page

pytestmark = pytest.mark.django_db


def pin(day, serial):
    """A valid Kyrgyz PIN: 1, the birth date as ddmmyyyy, five more digits."""
    return f"1{day:%d%m%Y}{serial:05d}"


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def office_staff(office, school_a, school_b):
    today = office_today()
    first = AttestationCategory.objects.get(office=office, code="first")
    second = AttestationCategory.objects.get(office=office, code="second")
    attested = factories.make_staff(
        school_a, surname="Аттестацияланган", personal_number=pin(date(1980, 3, 14), 1), hire_date=date(2005, 9, 1)
    )
    Attestation.objects.create(staff_member=attested, category=second, awarded_on=date(2019, 5, 20), order_number="№ 3")
    Attestation.objects.create(
        staff_member=attested, category=first, awarded_on=date(2024, 4, 10), order_number="№ 45/к"
    )
    factories.make_record(attested, completed_on=add_years(today, -2), hours=72)
    plain = factories.make_staff(school_b, surname="Жаңы", personal_number=pin(date(1995, 12, 1), 2))
    nameless = factories.make_staff(school_b, surname="Номурсуз", personal_number="")
    return {"attested": attested, "plain": plain, "nameless": nameless, "first": first, "second": second}


@pytest.fixture
def methodist_ru(office):
    client = Client()
    client.force_login(factories.make_methodist(office, username="methodist-ru", language="ru"))
    return client


def _exchange_page(client):
    """The exchange page as the methodist reaches it: from the attestation list."""
    listing = reverse("home:attestation")
    href = next(
        link.href for link in Page(listing, client.get(listing).content.decode()).links if "exchange" in link.href
    )
    return href, client.get(href)


def _export(client, export_format):
    url, page = _exchange_page(client)
    link = next(link.href for link in Page(url, page.content.decode()).links if f"export={export_format}" in link.href)
    return client.get(link)


def _rows_of(response, export_format):
    if export_format == "xlsx":
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def _upload(client, content, name):
    url, _page = _exchange_page(client)
    return client.post(url, {"file": SimpleUploadedFile(name, content)})


def _snapshot():
    return sorted(Attestation.objects.values_list("pk", "staff_member_id", "category_id", "awarded_on", "order_number"))


def test_the_export_holds_one_row_per_person_keyed_by_personal_number(methodist_client, office_staff):
    response = _export(methodist_client, "xlsx")
    header, *rows = _rows_of(response, "xlsx")
    assert header[:4] == ["Персональный номер", "Фамилия", "Имя", "Отчество"]  # the methodist reads Russian
    keys = [column.key for column in COLUMNS]
    by_number = {row[0]: dict(zip(keys, row, strict=True)) for row in rows}
    attested = office_staff["attested"]
    assert set(by_number) == {attested.personal_number, office_staff["plain"].personal_number}  # none without a number
    row = by_number[attested.personal_number]
    assert row["category"] == office_staff["first"].name_ru  # the newest result, in the reader's language
    assert row["category_date"].date() == date(2024, 4, 10) and row["order"] == "№ 45/к"
    assert row["hours_in_period"] == 72 and row["standing"] == "Действует"
    assert row["last_course_completed"].date() == add_years(office_today(), -2)
    assert by_number[office_staff["plain"].personal_number]["standing"] == "Нет данных"
    page = _exchange_page(methodist_client)[1]
    assert (page.context["exported"], page.context["without_number"]) == (2, 1)


@pytest.mark.parametrize("export_format", ["xlsx", "csv"])
def test_export_then_import_changes_nothing(methodist_client, office_staff, export_format):
    before, history = _snapshot(), AuditEntry.objects.count()
    exported = _export(methodist_client, export_format)
    preview = methodist_client.get(_upload(methodist_client, exported.content, f"export.{export_format}")["Location"])
    assert preview.context["counts"] == {"new": 0, "changed": 0, "unchanged": 2, "error": 0}
    form = next(form for form in Page("/", preview.content.decode()).forms if form.action.endswith("/import/"))
    confirmed = methodist_client.post(form.action, dict(form.fields))
    assert confirmed.status_code == 302
    assert _snapshot() == before and AuditEntry.objects.count() == history


def _edited_export(client, edits):
    """The exported workbook with some rows' attestation cells replaced: {personal number: (category, date, order)}."""
    workbook = openpyxl.load_workbook(io.BytesIO(_export(client, "xlsx").content))
    sheet = workbook.active
    for row in sheet.iter_rows(min_row=2):
        if row[0].value in edits:
            row[6].value, row[7].value, row[8].value = edits[row[0].value]
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def test_a_wrong_row_refuses_the_whole_file_with_a_translated_message(methodist_ru, office_staff):
    attested, plain = office_staff["attested"], office_staff["plain"]
    before = _snapshot()
    content = _edited_export(
        methodist_ru,
        {
            plain.personal_number: ("первая категория", "01.06.2025", "№ 61"),  # right
            attested.personal_number: ("высшая-категория", date(2024, 4, 10), "№ 45/к"),  # no such category
        },
    )
    preview = methodist_ru.get(_upload(methodist_ru, content, "results.xlsx")["Location"])
    assert preview.context["counts"] == {"new": 1, "changed": 0, "unchanged": 0, "error": 1}
    html = preview.content.decode()
    assert "«высшая-категория» не является категорией вашего отдела" in html  # the methodist reads Russian
    assert 'id="import-confirm"' not in html
    # Confirming anyway (an old tab, a crafted request) writes nothing.
    refused = methodist_ru.post(reverse("qualification:exchange_import"))
    assert refused.status_code == 302 and _snapshot() == before

    fixed = _edited_export(
        methodist_ru,
        {
            plain.personal_number: ("первая категория", "01.06.2025", "№ 61"),
            attested.personal_number: ("высшая категория", date(2024, 4, 10), "№ 45/к"),  # corrects that day's result
        },
    )
    preview = methodist_ru.get(_upload(methodist_ru, fixed, "results.xlsx")["Location"])
    assert preview.context["counts"] == {"new": 1, "changed": 1, "unchanged": 0, "error": 0}
    assert methodist_ru.post(reverse("qualification:exchange_import")).status_code == 302
    new = Attestation.objects.get(staff_member=plain)
    assert (new.category.code, new.awarded_on, new.order_number) == ("first", date(2025, 6, 1), "№ 61")
    assert attested.attestations.get(awarded_on=date(2024, 4, 10)).category.code == "highest"
    history = methodist_ru.get(reverse("schools:history", args=["schools.staffmember", attested.pk]))
    assert [entry.source for entry in history.context["page"].object_list][:1] == [AuditEntry.Source.IMPORT]


def test_a_personal_number_of_another_office_is_an_error_and_directors_do_not_exchange(
    methodist_client, director_a_client, office_staff, other_office_school
):
    outsider = factories.make_staff(other_office_school, personal_number=pin(date(1970, 1, 2), 9))
    content = _edited_export(methodist_client, {office_staff["plain"].personal_number: ("биринчи категория", "", "")})
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    workbook.active.append([outsider.personal_number, "", "", "", "", "", "биринчи категория", "01.02.2025", "№ 1"])
    output = io.BytesIO()
    workbook.save(output)
    preview = methodist_client.get(_upload(methodist_client, output.getvalue(), "results.xlsx")["Location"])
    errors = {row.personal_number: row.errors for row in preview.context["preview"].rows if row.errors}
    assert errors[outsider.personal_number] == ["Ни у кого в вашем отделе образования нет такого персонального номера."]
    assert errors[office_staff["plain"].personal_number] == ["Укажите дату присвоения категории."]
    assert outsider.full_name not in preview.content.decode()
    assert director_a_client.get(reverse("qualification:exchange")).status_code == 403
    assert director_a_client.get(reverse("qualification:exchange") + "?export=csv").status_code == 403
    assert "exchange" not in director_a_client.get(reverse("home:attestation")).content.decode()


def test_a_file_without_the_key_column_is_refused_at_upload(methodist_client, office_staff):
    response = _upload(methodist_client, "Фамилия;Категория\nАсанов;первая\n".encode(), "list.csv")
    assert response.status_code == 200
    assert "Столбец «Персональный номер» не найден" in " ".join(response.context["form"].errors["file"])


def test_the_attestation_list_shows_an_imported_result_at_once(methodist_ru, office_staff):
    """The list is kept in the cache per office version: the import gives the office a new one."""
    listing = reverse("home:attestation")
    plain = office_staff["plain"]

    def row_of_plain():
        html = methodist_ru.get(listing).content.decode()
        start = html.index(f"<td>{plain.full_name}</td>")
        return html[start : html.index("</tr>", start)]

    methodist_ru.get(listing)
    assert office_staff["first"].name_ru not in row_of_plain()
    content = _edited_export(methodist_ru, {plain.personal_number: ("первая категория", "01.06.2025", "№ 61")})
    methodist_ru.get(_upload(methodist_ru, content, "results.xlsx")["Location"])
    assert methodist_ru.post(reverse("qualification:exchange_import")).status_code == 302
    assert office_staff["first"].name_ru in row_of_plain()
