"""Certificates: the printed PDF, the snapshot, scope, verification and its rate limit."""

import subprocess
import threading
from datetime import date

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from certificates.models import Certificate, WrongGuesses, normalise_code
from certificates.pdf import AppFilesOnly, render_pdf
from certificates.services import CertificateError, next_serial, reissue, revoke
from certificates.views import WRONG_GUESS_LIMIT
from qualification.certificates import issue_for_records
from qualification.models import CourseRun
from tests import factories
from tests.concurrency import threads_database


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path, db):
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()


@pytest.fixture
def record(office, teacher_a):
    factories.make_certificate_settings(office)
    course = factories.make_course(office, title="Компьютердик сабаттуулук", starts_on=date(2023, 1, 9))
    return factories.make_record(teacher_a, course, completed_on=date(2023, 1, 14))


def issue(record, user, layout="ky+ru"):
    _document, new, existing = issue_for_records(record_ids=[record.pk], layout=layout, by=user)
    return (new or existing)[0]


def pdf_text(certificate):
    path = certificate.pdf.path
    output = subprocess.run(["pdftotext", "-enc", "UTF-8", "-layout", path, "-"], capture_output=True, check=True)
    return output.stdout.decode("utf-8")


def test_issued_pdf_carries_name_serial_and_code_in_the_shipped_font(record, methodist):
    certificate = issue(record, methodist)
    text = pdf_text(certificate)
    assert "Өмүрова Айгүл Токтосуновна" in text
    assert certificate.serial in text
    assert certificate.code in text
    assert certificate.serial.startswith(f"{record.staff_member.school.office.code}-{date.today().year}-")
    fonts = subprocess.run(["pdffonts", certificate.pdf.path], capture_output=True, text=True, check=True).stdout
    font_rows = fonts.splitlines()[2:]
    assert any("Ustat-Serif" in row for row in font_rows)
    assert all(row.split()[-5] == "yes" for row in font_rows), fonts  # every font is embedded


def test_serials_run_on_without_gaps_and_start_again_each_year(office):
    assert [next_serial(office, 2026) for _ in range(3)] == [f"{office.code}-2026-0000{n}" for n in (1, 2, 3)]
    assert next_serial(office, 2027) == f"{office.code}-2027-00001"
    assert next_serial(office, 2026) == f"{office.code}-2026-00004"


def test_a_certificate_keeps_the_offices_names_its_signatory_and_the_chosen_layout(office, teacher_a, methodist):
    factories.make_certificate_settings(office, default_layout="ru")
    first, second = (factories.make_record(teacher_a, factories.make_course(office)) for _ in range(2))
    chosen = issue(first, methodist, layout="kk+ru")
    default = issue(second, methodist, layout="")
    assert (chosen.layout, default.layout) == ("kk+ru", "ru")
    assert (chosen.office_name_ky, chosen.office_name_kk, chosen.office_name_ru) == (
        office.name_ky,
        office.name_kk,
        office.name_ru,
    )
    assert (chosen.signatory_name, chosen.signatory_title) == ("Ж. Бусурманкулова", "Бөлүм башчысы")


def test_a_certificate_keeps_the_signatorys_title_in_each_language_and_prints_each(office, teacher_a, methodist):
    titles = {
        "signatory_title_ky": "Билим берүү бөлүмүнүн башчысы",
        "signatory_title_kk": "Білім бөлімінің басшысы",
        "signatory_title_ru": "Заведующий отделом образования",
    }
    factories.make_certificate_settings(office, **titles)
    record = factories.make_record(teacher_a, factories.make_course(office))
    certificate = issue(record, methodist, layout="ky+ru")
    kept = {field: getattr(certificate, field) for field in titles}
    assert kept == titles
    text = " ".join(pdf_text(certificate).split())
    assert titles["signatory_title_ky"] in text
    assert titles["signatory_title_ru"] in text


def test_numbering_writes_only_the_counters_number(office):
    """The locked counter is written back by its number alone (an UPDATE of `last`): a whole-row save would insert
    the counter again, from its old number, if its row had gone meanwhile, where this fails instead."""
    next_serial(office, 2026)
    with CaptureQueriesContext(connection) as queries:
        next_serial(office, 2026)
    updates = [query["sql"] for query in queries if query["sql"].upper().startswith("UPDATE")]
    assert len(updates) == 1
    assigned = updates[0].upper().split(" SET ", 1)[1].split(" WHERE ", 1)[0]
    assert '"LAST"' in assigned
    assert '"OFFICE_ID"' not in assigned
    assert '"YEAR"' not in assigned


@pytest.mark.parametrize(
    ("course_kind", "certificate_kind"),
    [("upgrade", "course"), ("retraining", "retraining"), ("seminar", "participation")],
)
def test_the_kind_of_course_decides_the_kind_of_certificate(
    office, teacher_a, methodist, course_kind, certificate_kind
):
    factories.make_certificate_settings(office)
    course_record = factories.make_record(teacher_a, factories.make_course(office, kind=course_kind))
    assert issue(course_record, methodist).kind == certificate_kind


def test_kazakh_layout_prints_kazakh_letters(office, other_office_school, methodist):
    kz_office = other_office_school.office
    factories.make_certificate_settings(kz_office, default_layout="kk")
    person = factories.make_staff(other_office_school, surname="Жұмабекова", given_name="Әсел", patronymic="Серікқызы")
    course = factories.make_course(kz_office, title="Цифрлық сауаттылық", starts_on=date(2023, 1, 9))
    kz_record = factories.make_record(person, course, completed_on=date(2023, 1, 14))
    kz_methodist = factories.make_methodist(kz_office)
    certificate = issue(kz_record, kz_methodist, layout="kk")
    text = pdf_text(certificate)
    assert "Жұмабекова Әсел Серікқызы" in text
    assert "СЕРТИФИКАТ" in text


def test_text_from_the_database_prints_as_text_and_fetches_nothing(record, methodist):
    staff = record.staff_member
    staff.surname = '<img src="http://169.254.169.254/">'
    staff.save()
    fetcher = AppFilesOnly()
    certificate = issue(record, methodist)
    from certificates.services import print_items

    pdf = render_pdf("certificates/certificate.html", {"items": print_items([certificate])}, "certificate.css", fetcher)
    assert pdf.startswith(b"%PDF")
    assert not any("169.254" in url for url in fetcher.refused)
    assert '<img src="http://169.254.169.254/">' in pdf_text(certificate)


def test_fetcher_refuses_everything_but_static_files_and_data():
    fetcher = AppFilesOnly()
    for url in ["http://169.254.169.254/latest", "file:///etc/passwd", "https://example.org/x.png", "ftp://x/y"]:
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    assert fetcher.fetch("data:text/plain,hello").read() == b"hello"
    from certificates.pdf import STATIC_BASE_URL

    assert fetcher.fetch(STATIC_BASE_URL + "fonts/DejaVuSans.ttf").read(4) == b"\x00\x01\x00\x00"
    with pytest.raises(ValueError):
        fetcher.fetch(STATIC_BASE_URL + "../manage.py")


def test_issuing_twice_offers_the_existing_certificate(record, methodist):
    first = issue(record, methodist)
    second = issue(record, methodist)
    assert first.pk == second.pk
    assert Certificate.objects.count() == 1


def test_renaming_the_person_after_issue_changes_nothing_issued(record, methodist, anonymous_client):
    certificate = issue(record, methodist)
    pdf_before = certificate.pdf.read()
    staff = record.staff_member
    staff.surname = "Асанова"
    staff.save()
    certificate.refresh_from_db()
    assert certificate.holder_name == "Өмүрова Айгүл Токтосуновна"
    assert certificate.pdf.open("rb").read() == pdf_before
    page = anonymous_client.get(reverse("verify_code", args=[certificate.code])).content.decode()
    assert "Өмүрова Айгүл Токтосуновна" in page
    assert "Асанова" not in page


def test_verification_shows_valid_revoked_and_superseded(record, methodist, anonymous_client):
    certificate = issue(record, methodist)
    url = reverse("verify_code", args=[certificate.code])
    assert anonymous_client.get(url).context["certificate"].status == "valid"
    new = reissue(certificate=certificate, by=methodist)
    assert anonymous_client.get(url).context["certificate"].status == "superseded"
    revoke(certificate=new, by=methodist, reason="Ката маалымат")
    response = anonymous_client.get(reverse("verify_code", args=[new.code]))
    assert response.context["certificate"].status == "revoked"
    assert Certificate.objects.count() == 2


def test_revoking_needs_a_reason_and_happens_once(record, methodist):
    certificate = issue(record, methodist)
    with pytest.raises(CertificateError):
        revoke(certificate=certificate, by=methodist, reason="   ")
    certificate.refresh_from_db()
    assert (certificate.revoked_at, certificate.is_current) == (None, True)
    revoke(certificate=certificate, by=methodist, reason="  Ката маалымат ")
    certificate.refresh_from_db()
    assert (certificate.revocation_reason, certificate.revoked_by, certificate.is_current) == (
        "Ката маалымат",
        methodist,
        False,
    )
    with pytest.raises(CertificateError):
        revoke(certificate=certificate, by=methodist, reason="Экинчи жолу")


def test_a_reissue_keeps_the_layout_unless_another_is_chosen_and_happens_once(record, methodist):
    first = issue(record, methodist, layout="ky")
    second = reissue(certificate=first, by=methodist)
    first.refresh_from_db()
    assert (second.layout, second.supersedes, second.is_current, first.is_current) == ("ky", first, True, False)
    with pytest.raises(CertificateError):
        reissue(certificate=first, by=methodist)
    assert reissue(certificate=second, by=methodist, layout="ky+ru").layout == "ky+ru"


def test_verification_page_shows_only_the_public_facts(record, methodist, anonymous_client):
    certificate = issue(record, methodist)
    record.staff_member.email = "omurova@example.kg"
    record.staff_member.save()
    page = anonymous_client.get(reverse("verify_code", args=[certificate.code])).content.decode()
    assert "omurova@example.kg" not in page
    assert "72" in page


def test_unknown_and_malformed_codes(anonymous_client, db):
    unknown = anonymous_client.get(reverse("verify_code", args=["AAAA-BBBB-CCCC-DDDD"]))
    assert unknown.status_code == 404
    malformed = anonymous_client.get(reverse("verify"), {"code": "not a code"})
    assert malformed.status_code == 200
    assert malformed.context["error"]


def test_typed_code_is_normalised():
    assert normalise_code(" 7kq2 m9xd-4htc b3rf ") == "7KQ2-M9XD-4HTC-B3RF"
    assert normalise_code("7KQ2-M9XD-4HTC-B3RO") == "7KQ2-M9XD-4HTC-B3R0"
    assert normalise_code("7KQ2-M9XD") is None


def test_repeated_wrong_guesses_are_refused_for_a_while(record, methodist, anonymous_client):
    certificate = issue(record, methodist)
    for _ in range(WRONG_GUESS_LIMIT):
        assert anonymous_client.get(reverse("verify_code", args=["AAAA-BBBB-CCCC-DDDD"])).status_code == 404
    assert anonymous_client.get(reverse("verify_code", args=[certificate.code])).status_code == 429
    WrongGuesses.objects.update(window_ends=timezone.now())  # the window has passed
    assert anonymous_client.get(reverse("verify_code", args=[certificate.code])).status_code == 200
    assert anonymous_client.get(reverse("verify_code", args=["AAAA-BBBB-CCCC-DDDD"])).status_code == 404
    assert WrongGuesses.objects.get().count == 1  # a new window counts from one


@pytest.mark.django_db(transaction=True)
def test_wrong_guesses_at_the_same_moment_are_all_counted(tmp_path):
    url = reverse("verify_code", args=["AAAA-BBBB-CCCC-DDDD"])
    threads_count, guesses_each = 3, 3  # nine, under the limit of ten
    start = threading.Barrier(threads_count)
    answers, errors = [], []

    def guess():
        try:
            client = Client()
            start.wait()
            answers.extend(client.get(url).status_code for _ in range(guesses_each))
        except Exception as error:  # noqa: BLE001 — reported below with the answers
            errors.append(error)
        finally:
            connection.close()

    with threads_database(tmp_path) as rows:
        threads = [threading.Thread(target=guess) for _ in range(threads_count)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        counted = rows("SELECT count FROM certificates_wrongguesses")
    assert errors == []
    assert answers == [404] * threads_count * guesses_each
    assert counted == [(threads_count * guesses_each,)]


def test_teacher_downloads_own_certificate_but_not_anothers(record, methodist, teacher_client, teacher_b, office):
    own = issue(record, methodist)
    other_record = factories.make_record(teacher_b, record.course, completed_on=date(2023, 1, 14))
    other = issue(other_record, methodist)
    response = teacher_client.get(reverse("certificates:download", args=[own.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert "filename*=utf-8''" in response["Content-Disposition"]
    assert teacher_client.get(reverse("certificates:download", args=[other.pk])).status_code == 404


def test_director_sees_only_own_schools_certificates(record, methodist, director_b_client):
    certificate = issue(record, methodist)
    assert director_b_client.get(reverse("certificates:detail", args=[certificate.pk])).status_code == 404


def test_methodist_issues_a_cohort_in_one_action(methodist_client, record, school_a):
    others = [factories.make_staff(school_a, surname=f"Асанов{n}") for n in range(3)]
    records = [record] + [factories.make_record(person, record.course) for person in others]
    response = methodist_client.post(
        reverse("certificates:issue"), {"layout": "ky", "records": [r.pk for r in records]}, follow=True
    )
    batch = response.context["batch"]
    assert (batch.state, batch.done, batch.total) == ("done", 4, 4)
    assert Certificate.objects.count() == 4
    merged = methodist_client.get(reverse("certificates:batch_download", args=[batch.pk, "pdf"]))
    assert b"".join(merged.streaming_content).startswith(b"%PDF")
    archive = methodist_client.get(reverse("certificates:batch_download", args=[batch.pk, "zip"]))
    assert archive["Content-Type"] == "application/zip"
    assert methodist_client.get(reverse("certificates:batch_download", args=[batch.pk, "exe"])).status_code == 404


def issue_page(client, **query):
    return client.get(reverse("certificates:issue"), query)


def listed(response):
    return [record.pk for record in response.context["page"].object_list]


def test_the_issue_page_asks_for_the_course_first(methodist_client, record, other_office):
    elsewhere = factories.make_course(other_office, title="Башка райондун курсу")
    response = issue_page(methodist_client)
    assert response.context["page"] is None
    assert 'name="records"' not in response.content.decode()
    choices = dict(response.context["choice"].fields["course"].choices)
    assert choices.get(record.course_id) == "Компьютердик сабаттуулук" and elsewhere.pk not in choices
    # A course of another office is refused like one that does not exist: nothing is listed.
    refused = issue_page(methodist_client, course=elsewhere.pk)
    assert refused.context["page"] is None and refused.context["choice"].errors


def test_the_chosen_course_lists_its_records_without_a_certificate_newest_first(
    methodist_client, methodist, record, school_a
):
    course = record.course
    newer = factories.make_record(
        factories.make_staff(school_a, surname="Асанов"), course, completed_on=date(2024, 5, 3)
    )
    certified = factories.make_record(factories.make_staff(school_a, surname="Бекова"), course)
    issue(certified, methodist)
    factories.make_record(factories.make_staff(school_a, surname="Жумаев"), course, state="completed")
    factories.make_record(factories.make_staff(school_a, surname="Токтосунов"))  # another course
    response = issue_page(methodist_client, course=course.pk)
    assert listed(response) == [newer.pk, record.pk]
    assert response.context["page"].paginator.count == 2
    html = response.content.decode()
    assert html.count('name="records"') == 2 and 'class="issue-form"' in html


def test_the_issue_page_lists_fifty_records_a_page(methodist_client, record, school_a):
    for number in range(50):
        factories.make_record(
            factories.make_staff(school_a, surname=f"Асанов{number:03d}"), record.course, refresh=False
        )
    first = issue_page(methodist_client, course=record.course_id)
    assert len(listed(first)) == 50 and record.pk not in listed(first)
    assert listed(issue_page(methodist_client, course=record.course_id, page=2)) == [record.pk]


def test_unconfirmed_records_get_no_certificate(methodist_client, office, teacher_a):
    factories.make_certificate_settings(office)
    pending = factories.make_record(teacher_a, state="completed")
    response = methodist_client.post(reverse("certificates:issue"), {"layout": "ky", "records": [pending.pk]})
    assert response.status_code == 200
    assert not Certificate.objects.exists()


def test_a_batch_that_fails_while_printing_is_marked_failed_not_left_running(
    methodist_client, record, monkeypatch, caplog
):
    from certificates import services

    def broken(certificates, pdf=None):
        raise OSError("disk full")

    monkeypatch.setattr(services, "_store_pdfs", broken)
    response = methodist_client.post(
        reverse("certificates:issue"), {"layout": "ky", "records": [record.pk]}, follow=True
    )
    batch = response.context["batch"]
    batch.refresh_from_db()
    assert batch.state == "failed"
    assert batch.error
    assert not Certificate.objects.exists()


def test_a_mentorship_certificate_is_recorded_in_the_history(methodist, office, teacher_a):
    from core.models import AuditEntry
    from mentorship.certificates import issue_for_appointment
    from tests import factories_mentorship as mf

    factories.make_certificate_settings(office)
    appointment = mf.make_appointment(teacher_a)
    certificate = issue_for_appointment(appointment=appointment, by=methodist)
    entry = AuditEntry.objects.get(object_id=certificate.pk, content_type__model="certificate")
    assert (entry.action, entry.actor) == ("created", methodist)


def test_a_certificate_prints_the_period_of_the_run_its_holder_attended(office, teacher_a, methodist, anonymous_client):
    """The catalogue course started years before; the certificate and its public page give the run's dates."""
    factories.make_certificate_settings(office)
    course = factories.make_course(office, title="Санарип сабаттуулук", starts_on=date(2017, 1, 16))
    run = CourseRun.objects.create(course=course, starts_on=date(2026, 3, 10), ends_on=date(2026, 3, 14))
    course_record = factories.make_record(
        teacher_a, course, run=run, started_on=run.starts_on, completed_on=run.ends_on
    )
    certificate = issue(course_record, methodist, layout="ru")
    text = " ".join(pdf_text(certificate).split())
    assert "с 10 марта 2026 г. по 14 марта 2026 г." in text
    assert "2017" not in text
    public = anonymous_client.get(reverse("verify_code", args=[certificate.code]), HTTP_ACCEPT_LANGUAGE="ru")
    shown = " ".join(public.content.decode().split())
    assert "10 марта 2026 г. – 14 марта 2026 г." in shown and "2017" not in shown


def test_a_record_known_only_by_its_completion_prints_that_day_alone(record, methodist):
    certificate = issue(record, methodist, layout="ru")
    assert certificate.starts_on is None
    text = " ".join(pdf_text(certificate).split())
    assert "14 января 2023 г." in text and "2023 г. по" not in text


def test_a_certificate_keeps_the_course_title_in_each_language(office, teacher_a, methodist):
    factories.make_certificate_settings(office)
    course = factories.make_course(
        office,
        title="Санариптик сабаттуулук",
        title_ky="Санариптик сабаттуулук",
        title_kk="Цифрлық сауаттылық",
        title_ru="Цифровая грамотность",
    )
    certificate = issue(factories.make_record(teacher_a, course, completed_on=date(2025, 5, 14)), methodist)
    certificate.refresh_from_db()
    assert (certificate.title_ky, certificate.title_kk, certificate.title_ru) == (
        "Санариптик сабаттуулук",
        "Цифрлық сауаттылық",
        "Цифровая грамотность",
    )


def test_a_certificate_is_issued_on_the_day_it_is_given(record, methodist):
    """A batch passes no day and gets the office's own today; whoever passes a day gets that day."""
    _document, new, _existing = issue_for_records(
        record_ids=[record.pk], layout="ky", by=methodist, today=date(2026, 3, 2)
    )
    new[0].refresh_from_db()
    assert new[0].issued_on == date(2026, 3, 2)
    assert new[0].serial.split("-")[1] == "2026"
