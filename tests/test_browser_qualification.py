"""A teacher hands in a finished course, the director confirms it, and the teacher's state turns valid."""

from datetime import date, timedelta

import openpyxl
import pytest
from playwright.sync_api import expect

from tests import factories
from tests.conftest import click_nav, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_teacher_uploads_and_director_confirms(live_server, browser, tmp_path, screenshot, page):
    office = factories.make_office()
    school = factories.make_school(office, number=2, name="№2 орто мектеби")
    course = factories.make_course(office, title="Компьютердик сабаттуулук", starts_on=date(2020, 1, 1))
    teacher = factories.make_staff(school, surname="Өмүрова", given_name="Айгүл", hire_date=date(2012, 9, 1))
    factories.make_teacher(teacher, username="teacher", language="ky")
    factories.make_director(school, username="director", language="ru")
    scan = tmp_path / "сертификат.pdf"
    scan.write_bytes(PDF)

    sign_in(page, live_server, "teacher")
    click_nav(page, "/qualification/my/")
    expect(page.locator(".renewal-card .state-badge")).to_have_text("Маалымат жок")
    page.locator("main a[href$='/my/report/']").click()
    page.select_option("select[name=course]", str(course.pk))
    page.fill("input[name=hours]", "72")
    page.fill("input[name=started_on]", (date.today() - timedelta(days=12)).isoformat())
    page.fill("input[name=completed_on]", (date.today() - timedelta(days=7)).isoformat())
    page.select_option("select[name=document_kind]", "certificate")
    page.fill("input[name=document_number]", "№ 0191")
    page.set_input_files("input[name=scan]", str(scan))
    page.locator("main form [type=submit]").click()
    expect(page.locator(".alert-success")).to_be_visible()

    director_page = browser.new_page()
    sign_in(director_page, live_server, "director")
    click_nav(director_page, "/qualification/status/")
    director_page.locator("main .nav a[href$='/qualification/records/pending/']").click()
    expect(director_page.locator("tbody tr")).to_have_count(1)
    director_page.locator("tbody tr button[type=submit]", has_text="Подтвердить").click()
    expect(director_page.locator(".alert-success")).to_be_visible()
    click_nav(director_page, "/qualification/status/")
    expect(director_page.locator("tbody tr .state-badge")).to_have_text("Действует")
    director_page.close()

    click_nav(page, "/qualification/my/")
    expect(page.locator(".renewal-card .state-badge")).to_have_text("Жарактуу")
    screenshot("teacher-valid")


def test_director_exports_the_overdue_staff_from_the_state_card(live_server, page, tmp_path):
    office = factories.make_office()
    school = factories.make_school(office, number=2, name="№2 орто мектеби")
    course = factories.make_course(office, title="Компьютердик сабаттуулук", starts_on=date(2014, 1, 1))
    today = date.today()
    for surname, completed in [
        ("Өмүрова", today.replace(year=today.year - 7)),
        ("Асанов", today.replace(year=today.year - 6)),
    ]:
        factories.make_record(
            factories.make_staff(school, surname=surname, hire_date=date(2005, 9, 1)), course, completed_on=completed
        )
    factories.make_record(
        factories.make_staff(school, surname="Токтогулов", hire_date=date(2005, 9, 1)),
        course,
        completed_on=today - timedelta(days=30),
    )
    factories.make_director(school, username="director", language="ru")

    sign_in(page, live_server, "director")
    click_nav(page, "/qualification/status/")
    page.locator(".state-counts a[href*='state=overdue']").click()
    expect(page.locator("tbody tr")).to_have_count(2)
    with page.expect_download() as download_info:
        page.locator("main a[href*='export=xlsx']").click()
    path = tmp_path / "overdue.xlsx"
    download_info.value.save_as(path)

    sheet = openpyxl.load_workbook(path).worksheets[0]
    names = sorted(row[0].split()[0] for row in sheet.iter_rows(min_row=2, values_only=True) if row[0])
    assert names == ["Асанов", "Өмүрова"]
