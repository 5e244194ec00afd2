"""The attestation file: one click from a person's page, a PDF that holds their courses, hours and certificate
codes and nothing of another person; the scoping decides who may open it."""

import subprocess
from datetime import date

import pytest
from django.core.cache import cache
from django.urls import reverse

from qualification.certificates import issue_for_records
from qualification.models import Attestation, AttestationCategory
from tests import factories
from tests.walking import Page


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path, db):
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()


def pdf_text(response):
    assert response["Content-Type"] == "application/pdf"
    result = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=response.content, capture_output=True)
    return " ".join(result.stdout.decode().split())


def test_the_file_holds_the_persons_courses_hours_codes_and_nothing_of_another(
    director_a_client, office, methodist, teacher_a, school_a
):
    factories.make_certificate_settings(office)
    course = factories.make_course(office, title="Санарип сабаттуулук")
    record = factories.make_record(teacher_a, course, completed_on=date(2025, 5, 14), hours=72)
    certificate = issue_for_records(record_ids=[record.pk], layout="ky", by=methodist)[1][0]
    category = AttestationCategory.objects.get(office=office, code="first")
    Attestation.objects.create(staff_member=teacher_a, category=category, awarded_on=date(2024, 4, 10))
    other = factories.make_staff(school_a, surname="Башкасы", given_name="Адам")
    factories.make_record(other, factories.make_course(office, title="Башка курс"), completed_on=date(2025, 1, 1))

    person_page = reverse("qualification:person", args=[teacher_a.pk])
    page = Page(person_page, director_a_client.get(person_page).content.decode())
    link = next(link.href for link in page.links if "attestation-file" in link.href)
    text = pdf_text(director_a_client.get(link))
    assert teacher_a.full_name in text
    assert "Санарип сабаттуулук" in text and certificate.code in text and "72" in text
    assert category.name_ru in text
    assert "Башкасы" not in text and "Башка курс" not in text


def test_only_those_who_may_see_the_person_open_the_file(
    teacher_client, director_b_client, teacher_a, teacher_b, methodist_client
):
    url = reverse("certificates:attestation_file", args=[teacher_a.pk])
    assert teacher_client.get(url).status_code == 200  # their own
    assert methodist_client.get(url).status_code == 200
    assert director_b_client.get(url).status_code == 404  # another school's director
    assert teacher_client.get(reverse("certificates:attestation_file", args=[teacher_b.pk])).status_code == 404
