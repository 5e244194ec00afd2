"""The teacher downloads the signed PDF and the Open Badge from "My certificates"; anyone checks the PDF on the
verification page and fetches the credential from there."""

import pytest
from playwright.sync_api import expect

from qualification.certificates import issue_for_records
from tests import factories
from tests.conftest import click_nav, sign_in
from tests.test_open_badges import decode_jwt
from tests.test_signing import install_keys

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_teachers_signed_pdf_checks_as_genuine_and_its_credential_is_beside_it(
    live_server, browser, page, settings, tmp_path, screenshot
):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.USTAT_PUBLIC_BASE_URL = live_server.url
    office = factories.make_office()
    install_keys(settings, tmp_path / "keys", office)
    factories.make_certificate_settings(office, default_layout="ky+ru")
    teacher = factories.make_staff(factories.make_school(office), surname="Өмүрова", given_name="Айгүл")
    factories.make_teacher(teacher, username="teacher", language="ru")
    record = factories.make_record(teacher, factories.make_course(office, title="Компьютердик сабаттуулук"))
    methodist = factories.make_methodist(office, username="methodist")
    certificate = issue_for_records(record_ids=[record.pk], layout="ky+ru", by=methodist)[1][0]

    sign_in(page, live_server, "teacher")
    click_nav(page, "/certificates/")
    with page.expect_download() as pdf_download:
        page.locator("tbody tr a", has_text="PDF").click()
    pdf = tmp_path / pdf_download.value.suggested_filename  # saved under the name the site suggests
    pdf_download.value.save_as(pdf)
    with page.expect_download() as badge_download:
        page.locator("tbody tr a", has_text="Open Badge").click()
    assert badge_download.value.suggested_filename == f"{certificate.serial}.jwt"
    _header, credential, _signed = decode_jwt(badge_download.value.path().read_text())
    assert credential["credentialSubject"]["achievement"]["name"] == "Компьютердик сабаттуулук"

    visitor = browser.new_page()
    visitor.goto(f"{live_server.url}/verify/")
    visitor.locator("input[type=file]").set_input_files(pdf)
    visitor.locator("form.verify-document button[type=submit]").click()
    expect(visitor.locator(".verify-status.alert-success")).to_be_visible()
    expect(visitor.locator(".signer")).to_contain_text(office.name_ru)
    expect(visitor.locator(".register-facts")).to_contain_text(certificate.serial)
    screenshot("document-check")

    visitor.locator("a[href$='/verify/" + certificate.code + "/']").click()
    link = visitor.locator(f"a[href$='/verify/{certificate.code}/credential/']")
    response = visitor.request.get(live_server.url + link.get_attribute("href"))
    assert response.status == 200
    assert decode_jwt(response.text())[1]["id"] == credential["id"]
