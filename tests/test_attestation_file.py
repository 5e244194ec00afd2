"""The attestation file: one click from a person's page, a PDF that holds their courses, hours and certificate
codes and nothing of another person; the scoping decides who may open it."""

import io
import subprocess
import zipfile
from datetime import date

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from qualification.certificates import issue_for_records
from qualification.models import Attestation, AttestationCategory
from tests import factories
from tests import factories_partners as pf
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
    director_a_client, office, methodist, teacher_a, school_a, school_b
):
    factories.make_certificate_settings(office)
    course = factories.make_course(office, title="Санарип сабаттуулук")
    record = factories.make_record(teacher_a, course, completed_on=date(2025, 5, 14), hours=72)
    certificate = issue_for_records(record_ids=[record.pk], layout="ky", by=methodist)[1][0]
    category = AttestationCategory.objects.get(office=office, code="first")
    Attestation.objects.create(staff_member=teacher_a, category=category, awarded_on=date(2024, 4, 10))
    other = factories.make_staff(school_a, surname="Башкасы", given_name="Адам")
    factories.make_record(other, factories.make_course(office, title="Башка курс"), completed_on=date(2025, 1, 1))
    # League work: an adoption the teacher leads at their school, and one another person leads.
    league = pf.make_league(office)
    project = pf.make_project(league, school_b, title="Жылыжай кешені")
    pf.make_adoption(project, school_a, contact_person=teacher_a)
    pf.make_adoption(pf.make_project(league, school_b, title="Окуу кейстери"), school_a, contact_person=other)
    # A partner's training: the course is among an organisation's contributions.
    partner_course = factories.make_course(office, title="Акылдуу такта")
    factories.make_record(teacher_a, partner_course, completed_on=date(2024, 11, 1), hours=24)
    pf.make_contribution(
        pf.make_organisation(office, name="«Ментор» борбору"), kind="trainings", courses=[partner_course]
    )

    person_page = reverse("qualification:person", args=[teacher_a.pk])
    page = Page(person_page, director_a_client.get(person_page).content.decode())
    link = next(link.href for link in page.links if "attestation-file" in link.href)
    text = pdf_text(director_a_client.get(link))
    assert teacher_a.full_name in text
    assert "Санарип сабаттуулук" in text and certificate.code in text and "72" in text
    assert category.name_ru in text
    assert "Жылыжай кешені" in text and "Акылдуу такта" in text and "«Ментор» борбору" in text
    assert "Башкасы" not in text and "Башка курс" not in text and "Окуу кейстери" not in text


def _scan(content):
    return SimpleUploadedFile("scan.pdf", content, content_type="application/pdf")


def test_the_zip_holds_the_persons_scans_and_nothing_of_another(
    teacher_client, director_b_client, office, methodist, teacher_a, school_a
):
    factories.make_certificate_settings(office)
    course = factories.make_course(office, title="Санарип сабаттуулук")
    record = factories.make_record(
        teacher_a, course, completed_on=date(2025, 5, 14), document_number="КЖ/17", scan=_scan(b"%PDF-1.4 own scan")
    )
    certificate = issue_for_records(record_ids=[record.pk], layout="ky", by=methodist)[1][0]
    factories.make_record(teacher_a, course, state="rejected", completed_on=date(2024, 1, 1), scan=_scan(b"%PDF no"))
    other = factories.make_staff(school_a, surname="Башкасы")
    factories.make_record(other, course, completed_on=date(2025, 5, 14), scan=_scan(b"%PDF-1.4 another's scan"))

    person_page = reverse("qualification:person", args=[teacher_a.pk])
    page = Page(person_page, teacher_client.get(person_page).content.decode())
    link = next(link.href for link in page.links if link.href.endswith("scans.zip"))
    response = teacher_client.get(link)
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    contents = {name: archive.read(name) for name in archive.namelist()}
    assert contents.pop("courses/2025-05-14 КЖ-17.pdf") == b"%PDF-1.4 own scan"
    certificate.refresh_from_db()
    assert contents.pop(f"certificates/{certificate.serial}.pdf").startswith(b"%PDF")
    assert contents == {}  # neither the rejected record's scan nor another person's
    assert director_b_client.get(link).status_code == 404


def test_only_those_who_may_see_the_person_open_the_file(
    teacher_client, director_b_client, teacher_a, teacher_b, methodist_client
):
    url = reverse("home:attestation_file", args=[teacher_a.pk])
    assert teacher_client.get(url).status_code == 200  # their own
    assert methodist_client.get(url).status_code == 200
    assert director_b_client.get(url).status_code == 404  # another school's director
    assert teacher_client.get(reverse("home:attestation_file", args=[teacher_b.pk])).status_code == 404
    scans = reverse("home:attestation_scans", args=[teacher_a.pk])
    assert teacher_client.get(scans).status_code == 200
    assert methodist_client.get(scans).status_code == 200
    assert director_b_client.get(scans).status_code == 404
    assert teacher_client.get(reverse("home:attestation_scans", args=[teacher_b.pk])).status_code == 404


def test_the_file_states_each_mentoring_period_with_the_meetings_and_visits_logged(
    director_a_client, office, teacher_a, school_a
):
    """The counts come from the log, per period, for the person as mentor and as mentee."""
    from tests import factories_mentorship as mf

    mentee = factories.make_staff(school_a, surname="Жаңыбаева", given_name="Айпери")
    mentor = factories.make_staff(school_a, surname="Устатова", given_name="Гүлнара")
    as_mentor = mf.make_pair(mf.make_appointment(teacher_a, starts_on=date(2025, 9, 1)), mentee)
    as_mentee = mf.make_pair(mf.make_appointment(mentor, starts_on=date(2025, 9, 1)), teacher_a)
    for kind in ("consultation", "mentor_visit", "mentee_visit"):
        mf.make_activity(office, pair=as_mentor, kind=kind, starts_at=mf.local(date(2025, 10, 6)))
    mf.make_activity(office, pair=as_mentee, kind="consultation", starts_at=mf.local(date(2025, 10, 7)))
    url = reverse("home:attestation_file", args=[teacher_a.pk])
    text = pdf_text(director_a_client.get(url, HTTP_ACCEPT_LANGUAGE="ru"))
    assert "Подопечный: Жаңыбаева Айпери" in text
    assert "записано встреч: 1, посещений уроков: 2" in text
    assert "Наставник: Устатова Гүлнара" in text
    assert "записано встреч: 1, посещений уроков: 0" in text
