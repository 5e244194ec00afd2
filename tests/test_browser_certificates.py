"""The methodist issues a cohort's certificates; the teacher downloads theirs; its QR address verifies it."""

from datetime import date

import pytest
from playwright.sync_api import expect

from certificates.models import Certificate
from qualification.certificates import issue_for_records
from tests import factories
from tests.conftest import click_nav, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_cohort_certificates_from_issue_to_verification(live_server, browser, page, settings, tmp_path, screenshot):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.USTAT_PUBLIC_BASE_URL = live_server.url
    office = factories.make_office()
    factories.make_certificate_settings(office, default_layout="ky+ru")
    school = factories.make_school(office, number=2)
    course = factories.make_course(office, title="Компьютердик сабаттуулук", starts_on=date(2023, 1, 9))
    teacher = factories.make_staff(school, surname="Өмүрова", given_name="Айгүл")
    factories.make_teacher(teacher, username="teacher")
    for number, person in enumerate([teacher] + [factories.make_staff(school, surname=f"Асанов{n}") for n in range(4)]):
        factories.make_record(person, course, completed_on=date(2023, 1, 14), document_number=f"№ {number:04d}")
    factories.make_methodist(office, username="methodist", language="ru")

    sign_in(page, live_server, "methodist")
    click_nav(page, "/qualification/status/")
    page.locator("main .nav a[href$='/qualification/courses/']").click()
    page.locator("main a", has_text="Компьютердик сабаттуулук").click()
    page.locator(f"main a[href$='/certificates/issue/?course={course.pk}']").click()
    expect(page.locator("input[name=records]")).to_have_count(5)
    page.locator("main form.issue-form button[type=submit]").click()
    expect(page.locator("progress.batch-progress")).to_have_attribute("value", "5")
    expect(page.locator("a[href$='download.pdf']")).to_be_visible()
    screenshot("batch-done")

    teacher_page = browser.new_page()
    sign_in(teacher_page, live_server, "teacher")
    click_nav(teacher_page, "/certificates/")
    expect(teacher_page.locator("tbody tr")).to_have_count(1)
    with teacher_page.expect_download() as download_info:
        teacher_page.locator("tbody tr a", has_text="PDF").click()
    download = download_info.value
    assert download.suggested_filename.endswith("Өмүрова Айгүл Абдимуталиповна.pdf")
    assert download.path().read_bytes()[:5] == b"%PDF-"

    certificate = Certificate.objects.get(holder=teacher)
    anonymous = browser.new_page()
    anonymous.goto(certificate.get_verification_url())
    expect(anonymous.locator(".verify-status.alert-success")).to_be_visible()
    expect(anonymous.locator("dd", has_text="Өмүрова Айгүл")).to_be_visible()


def test_revoke_with_a_reason_then_issue_the_replacement_that_the_old_code_points_to(
    live_server, browser, page, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.USTAT_PUBLIC_BASE_URL = live_server.url
    office = factories.make_office()
    factories.make_certificate_settings(office, default_layout="ky+ru")
    teacher = factories.make_staff(factories.make_school(office), surname="Өмүрова", given_name="Айгүл")
    record = factories.make_record(teacher, completed_on=date(2025, 5, 14))
    methodist = factories.make_methodist(office, username="methodist", language="ru")
    old = issue_for_records(record_ids=[record.pk], layout="ky+ru", by=methodist)[1][0]

    sign_in(page, live_server, "methodist")
    page.goto(live_server.url + "/")
    click_nav(page, "/certificates/")
    page.locator("tbody a", has_text=old.serial).click()
    page.locator("main a", has_text="Аннулировать…").click()
    expect(page.locator(".alert-warning")).to_contain_text(old.code)
    page.fill("input[name=reason]", "Курс не был пройден полностью")
    page.locator("main form [type=submit]").click()
    expect(page.locator(".alert-success")).to_be_visible()

    public = browser.new_page()
    public.goto(old.get_verification_url())
    expect(public.locator(".verify-status.alert-danger")).to_be_visible()
    expect(public.locator(".replacement")).to_have_count(0)

    page.locator("main form button[type=submit]", has_text="Выдать взамен").click()
    new = Certificate.objects.get(supersedes=old)
    expect(page.locator("h1")).to_contain_text(new.serial)
    public.reload()
    expect(public.locator(".verify-status.alert-danger")).to_be_visible()  # the old one stays revoked
    public.locator(".replacement a", has_text=new.serial).click()
    expect(public.locator(".verify-status.alert-success")).to_be_visible()
