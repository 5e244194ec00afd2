"""A teacher hands in a finished course, the director confirms it, and the teacher's state turns valid."""

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.conftest import sign_in

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
    page.goto(f"{live_server.url}/qualification/my/")
    expect(page.locator(".renewal-card .state-badge")).to_have_text("Маалымат жок")
    page.locator("main a[href$='/my/report/']").click()
    page.select_option("select[name=course]", str(course.pk))
    page.fill("input[name=hours]", "72")
    page.fill("input[name=completed_on]", (date.today() - timedelta(days=7)).isoformat())
    page.select_option("select[name=document_kind]", "certificate")
    page.fill("input[name=document_number]", "№ 0191")
    page.set_input_files("input[name=scan]", str(scan))
    page.locator("main form [type=submit]").click()
    expect(page.locator(".alert-success")).to_be_visible()

    director_page = browser.new_page()
    sign_in(director_page, live_server, "director")
    director_page.goto(f"{live_server.url}/qualification/records/pending/")
    expect(director_page.locator("tbody tr")).to_have_count(1)
    director_page.locator("tbody tr button[type=submit]", has_text="Подтвердить").click()
    expect(director_page.locator(".alert-success")).to_be_visible()
    director_page.goto(f"{live_server.url}/qualification/status/")
    expect(director_page.locator("tbody tr .state-badge")).to_have_text("Действует")
    director_page.close()

    page.goto(f"{live_server.url}/qualification/my/")
    expect(page.locator(".renewal-card .state-badge")).to_have_text("Жарактуу")
    screenshot("teacher-valid")
