"""Qualification pages by role: status, confirmation, the teacher's report, cohorts, plan, exports, rule."""

import io
import re
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from openpyxl import load_workbook

from core import versions
from qualification import renewal
from qualification.models import CourseRecord, CourseRequest, CourseRun, RenewalPolicy
from qualification.renewal import add_years
from tests import factories
from tests.walking import writing_form

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf_upload(name="certificate.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def course(office):
    return factories.make_course(office, title="Компьютердик сабаттуулук", starts_on=date(2020, 1, 1))


def names_on(response):
    return [person.surname for person in response.context["page"].object_list]


def test_director_sees_own_school_status_with_counts(director_a_client, teacher_a, teacher_b):
    factories.make_record(teacher_a, completed_on=add_years(date.today(), -1))
    response = director_a_client.get(reverse("qualification:status"))
    assert names_on(response) == ["Өмүрова"]
    assert dict(response.context["counts"]) == {"valid": 1, "due_soon": 0, "overdue": 0, "no_record": 0}


def test_status_lists_the_most_urgent_first_and_sorts_by_state_both_ways(director_a_client, school_a):
    """Overdue, due soon, no record, valid; names in alphabetical order within a state."""
    completed_years_ago = {"Валиева": 1, "Абдиева": 1, "Дуйшеева": 4.5, "Бекова": 7, "Жумаева": None}
    for surname, years in completed_years_ago.items():
        person = factories.make_staff(school_a, surname=surname)
        if years is not None:
            factories.make_record(person, completed_on=date.today() - timedelta(days=round(365.25 * years)))
    urgent_first = ["Бекова", "Дуйшеева", "Жумаева", "Абдиева", "Валиева"]
    status = reverse("qualification:status")
    assert names_on(director_a_client.get(status)) == urgent_first
    by_state = names_on(director_a_client.get(status, {"order": "state"}))
    assert by_state[:3] == urgent_first[:3]
    assert sorted(by_state[3:]) == urgent_first[3:]
    by_state_descending = names_on(director_a_client.get(status, {"order": "-state"}))
    assert sorted(by_state_descending[:2]) == urgent_first[3:]
    assert by_state_descending[2:] == ["Жумаева", "Дуйшеева", "Бекова"]


def test_status_filters_by_state(director_a_client, school_a, teacher_a):
    factories.make_record(teacher_a, completed_on=add_years(date.today(), -1))
    factories.make_staff(school_a, surname="Асанова")
    response = director_a_client.get(reverse("qualification:status"), {"state": "no_record"})
    assert names_on(response) == ["Асанова"]


def test_state_counts_follow_every_filter_but_the_state_the_order_and_the_page(director_a_client, school_a, teacher_a):
    factories.make_record(teacher_a, completed_on=add_years(date.today(), -1))
    factories.make_staff(school_a, surname="Асанова", position="librarian")
    status = reverse("qualification:status")
    chosen = director_a_client.get(status, {"state": "no_record", "order": "-name", "page": "1"})
    assert names_on(chosen) == ["Асанова"]
    assert dict(chosen.context["counts"]) == {"valid": 1, "due_soon": 0, "overdue": 0, "no_record": 1}
    librarians = director_a_client.get(status, {"state": "valid", "position": "librarian"})
    assert names_on(librarians) == []
    assert dict(librarians.context["counts"]) == {"valid": 0, "due_soon": 0, "overdue": 0, "no_record": 1}
    # A value the form refuses filters nothing, for the rows and the counts alike.
    unknown = director_a_client.get(status, {"position": "astronaut"})
    assert sorted(names_on(unknown)) == ["Асанова", "Өмүрова"]
    assert dict(unknown.context["counts"]) == {"valid": 1, "due_soon": 0, "overdue": 0, "no_record": 1}


def test_status_export_xlsx_carries_the_filtered_rows(director_a_client, school_a, teacher_a):
    factories.make_record(teacher_a, completed_on=add_years(date.today(), -1))
    factories.make_staff(school_a, surname="Асанова")
    response = director_a_client.get(reverse("qualification:status"), {"state": "valid", "export": "xlsx"})
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 2
    assert rows[1][0] == "Өмүрова"
    assert sheet.freeze_panes == "A2"


def test_status_export_csv_starts_with_a_bom(director_a_client, teacher_a):
    response = director_a_client.get(reverse("qualification:status"), {"export": "csv"})
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    assert "Өмүрова" in text


def test_teacher_reports_a_course_and_director_confirms_it(teacher_client, director_a_client, teacher_a, course):
    response = teacher_client.post(
        reverse("qualification:course_report"),
        {
            "course": course.pk,
            "hours": 72,
            "started_on": (date.today() - timedelta(days=14)).isoformat(),
            "completed_on": (date.today() - timedelta(days=10)).isoformat(),
            "document_kind": "certificate",
            "document_number": "№ 0191",
            "scan": pdf_upload(),
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    record = CourseRecord.objects.get(staff_member=teacher_a)
    assert record.state == "completed"
    assert not record.scan.name.endswith("certificate.pdf")
    assert record.scan.name.endswith(".pdf")

    response = director_a_client.post(reverse("qualification:record_confirm", args=[record.pk]))
    assert response.status_code == 302, response.context["adminform"].form.errors
    record.refresh_from_db()
    assert record.state == "confirmed"
    status = director_a_client.get(reverse("qualification:status"))
    assert status.context["page"].object_list[0].renewal_state == "valid"


@pytest.mark.parametrize(
    ("name", "content", "message_part"),
    [
        ("certificate.pdf", b"<html><body>not a pdf</body></html>", "PDF"),
        ("certificate.pdf", b"\x89PNG\r\n\x1a\n<html>hello</html>", "PDF"),
        ("certificate.pdf.exe", PDF, "pdf"),
        ("certificate.pdf", b"", ""),
    ],
)
def test_a_scan_that_is_not_a_real_document_is_refused_and_the_form_keeps_its_values(
    teacher_client, teacher_a, course, name, content, message_part
):
    response = teacher_client.post(
        reverse("qualification:course_report"),
        {
            "course": course.pk,
            "hours": 72,
            "completed_on": "2024-05-20",
            "document_kind": "certificate",
            "document_number": "№ 0042",
            "scan": SimpleUploadedFile(name, content),
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "scan" in form.errors
    assert message_part in " ".join(form.errors["scan"])
    assert form["document_number"].value() == "№ 0042"
    assert not CourseRecord.objects.exists()


def test_a_scan_one_byte_over_the_limit_is_refused(teacher_client, course, settings):
    from core.uploads import MAX_DOCUMENT_BYTES

    big = PDF[:-7] + b"0" * (MAX_DOCUMENT_BYTES - len(PDF) + 1) + b"\n%%EOF\n"
    assert len(big) == MAX_DOCUMENT_BYTES + 1
    response = teacher_client.post(
        reverse("qualification:course_report"),
        {
            "course": course.pk,
            "hours": 72,
            "completed_on": "2024-05-20",
            "document_kind": "certificate",
            "scan": pdf_upload(content=big),
        },
    )
    assert "scan" in response.context["form"].errors
    assert not CourseRecord.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"completed_on": (date.today() + timedelta(days=1)).isoformat()}, "completed_on"),
        ({"completed_on": "2019-12-31"}, "completed_on"),
        ({"hours": 0}, "hours"),
        ({"hours": -5}, "hours"),
    ],
)
def test_impossible_completions_are_refused(teacher_client, course, changes, field):
    data = {
        "course": course.pk,
        "hours": 72,
        "completed_on": "2024-05-20",
        "document_kind": "certificate",
        "scan": pdf_upload(),
    }
    response = teacher_client.post(reverse("qualification:course_report"), {**data, **changes})
    assert field in response.context["form"].errors
    assert not CourseRecord.objects.exists()


def test_retraining_under_500_hours_is_refused(teacher_client, office):
    retraining = factories.make_course(office, kind="retraining", hours=520)
    response = teacher_client.post(
        reverse("qualification:course_report"),
        {
            "course": retraining.pk,
            "hours": 300,
            "completed_on": "2024-05-20",
            "document_kind": "diploma",
            "scan": pdf_upload(),
        },
    )
    assert "500" in " ".join(response.context["form"].errors["hours"])


def test_director_cannot_confirm_another_schools_record(director_b_client, teacher_a, course):
    record = factories.make_record(teacher_a, course, state="completed")
    response = director_b_client.post(reverse("qualification:record_confirm", args=[record.pk]))
    assert response.status_code == 404
    record.refresh_from_db()
    assert record.state == "completed"


def test_teacher_cannot_see_another_teachers_record(teacher_client, teacher_b, course):
    record = factories.make_record(teacher_b, course)
    assert teacher_client.get(reverse("qualification:record_detail", args=[record.pk])).status_code == 404
    assert teacher_client.get(reverse("qualification:person", args=[teacher_b.pk])).status_code == 404


def test_rejection_needs_a_reason_and_keeps_the_record_waiting(director_a_client, teacher_a, course):
    record = factories.make_record(teacher_a, course, state="completed")
    response = director_a_client.post(reverse("qualification:record_reject", args=[record.pk]), {"reason": ""})
    assert response.status_code == 400
    record.refresh_from_db()
    assert record.state == "completed"
    director_a_client.post(reverse("qualification:record_reject", args=[record.pk]), {"reason": "Скан окулбайт"})
    record.refresh_from_db()
    assert (record.state, record.rejection_reason) == ("rejected", "Скан окулбайт")


def test_scan_download_is_an_attachment_for_the_school_only(director_a_client, director_b_client, teacher_a, course):
    record = factories.make_record(teacher_a, course, state="completed", scan=pdf_upload())
    response = director_a_client.get(reverse("qualification:record_scan", args=[record.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Type"] == "application/pdf"
    assert director_b_client.get(reverse("qualification:record_scan", args=[record.pk])).status_code == 404


def test_the_cohort_page_lists_people_only_once_the_filters_name_someone(
    methodist_client, course, school_a, teacher_a, teacher_b
):
    url = reverse("qualification:cohort", args=[course.pk])
    empty = {"q": "", "school": "", "position": "", "subject": "", "is_active": "unknown"}
    for query in ({}, empty):
        response = methodist_client.get(url, query)
        assert list(response.context["candidates"]) == []
        assert 'name="people"' not in response.content.decode()
    response = methodist_client.get(url, empty | {"school": school_a.pk})
    assert list(response.context["candidates"]) == [teacher_a]
    assert response.content.decode().count('name="people"') == 1
    by_name = methodist_client.get(url, empty | {"q": "Асанов"})
    assert list(by_name.context["candidates"]) == [teacher_b]


def test_cohort_records_everyone_chosen(methodist_client, office, course, teacher_a, teacher_b):
    other_provider = factories.make_provider(office, name="Нарын мамлекеттик университети")
    response = methodist_client.post(
        reverse("qualification:cohort", args=[course.pk]),
        {
            "starts_on": "2023-01-09",
            "completed_on": "2023-01-14",
            "place": "Нарын",
            "mode": "online",
            "provider": other_provider.pk,
            "hours": 72,
            "document_kind": "certificate",
            "people": [teacher_a.pk, teacher_b.pk],
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    run = CourseRun.objects.get(course=course)
    assert (run.starts_on, run.ends_on, run.place) == (date(2023, 1, 9), date(2023, 1, 14), "Нарын")
    assert (run.mode, run.provider, run.taught_by) == ("online", other_provider, other_provider)
    records = CourseRecord.objects.filter(course=course, state="confirmed")
    assert {(r.run_id, r.started_on, r.completed_on) for r in records} == {(run.pk, run.starts_on, run.ends_on)}
    assert records.count() == 2


def test_a_cohort_of_an_earlier_run_joins_it_and_counts_who_had_it(methodist_client, course, teacher_a, teacher_b):
    run = CourseRun.objects.create(course=course, starts_on=date(2023, 1, 9), ends_on=date(2023, 1, 14))
    factories.make_record(teacher_a, course, run=run, started_on=run.starts_on, completed_on=run.ends_on)
    page = methodist_client.get(reverse("qualification:cohort", args=[course.pk]))
    assert str(run.pk) in page.context["form"]["run"].as_widget()  # the earlier run is offered
    response = methodist_client.post(
        reverse("qualification:cohort", args=[course.pk]),
        {"run": run.pk, "hours": 72, "document_kind": "certificate", "people": [teacher_a.pk, teacher_b.pk]},
        follow=True,
    )
    assert CourseRun.objects.count() == 1
    assert CourseRecord.objects.filter(run=run).count() == 2
    assert CourseRecord.objects.get(staff_member=teacher_b).started_on == date(2023, 1, 9)
    assert "1" in str(list(response.context["messages"])[0])


def test_a_cohort_needs_the_dates_of_a_new_run(methodist_client, course, teacher_a):
    response = methodist_client.post(
        reverse("qualification:cohort", args=[course.pk]),
        {"hours": 72, "document_kind": "certificate", "people": [teacher_a.pk]},
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"starts_on", "completed_on"}
    assert not CourseRun.objects.exists() and not CourseRecord.objects.exists()


def test_a_person_attends_a_run_once(course, teacher_a):
    run = CourseRun.objects.create(course=course, starts_on=date(2023, 1, 9), ends_on=date(2023, 1, 14))
    factories.make_record(teacher_a, course, run=run, completed_on=run.ends_on)
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.make_record(teacher_a, course, run=run, completed_on=run.ends_on)


def test_cohort_with_one_person_outside_the_district_writes_nothing_and_names_them(
    methodist_client, course, teacher_a, other_office_school
):
    outsider = factories.make_staff(other_office_school, surname="Жұмабекова", given_name="Әсел")
    response = methodist_client.post(
        reverse("qualification:cohort", args=[course.pk]),
        {
            "starts_on": "2023-01-09",
            "completed_on": "2023-01-14",
            "hours": 72,
            "document_kind": "certificate",
            "people": [teacher_a.pk, outsider.pk],
        },
    )
    assert response.status_code == 200
    assert "Жұмабекова Әсел" in response.content.decode()
    assert not CourseRecord.objects.exists()
    assert not CourseRun.objects.exists()  # nothing half-written


def test_plan_lists_people_due_before_the_end_of_next_academic_year(director_a_client, school_a):
    due = factories.make_staff(school_a, surname="Мөөнөтү", hire_date=date(2000, 1, 1))
    fine = factories.make_staff(school_a, surname="Жаңы", hire_date=date(2000, 1, 1))
    factories.make_record(due, completed_on=add_years(date.today(), -4))
    factories.make_record(fine, completed_on=date.today() - timedelta(days=30))
    response = director_a_client.get(reverse("qualification:plan"))
    listed = [
        person.surname
        for months in response.context["groups"].values()
        for people in months.values()
        for person in people
    ]
    assert listed == ["Мөөнөтү"]


def test_attestation_list_shows_missing_hours(director_a_client, school_a):
    factories.make_staff(school_a, surname="Курссуз", hire_date=date(2010, 1, 1))
    response = director_a_client.get(reverse("home:attestation"))
    person = response.context["page"].object_list[0]
    assert (person.renewal_state, person.missing_hours) == ("no_record", 72)


def test_methodist_sets_a_new_rule_and_standing_is_recomputed(
    methodist_client, office, teacher_a, django_capture_on_commit_callbacks
):
    factories.make_record(teacher_a, completed_on=add_years(date.today(), -3))
    with django_capture_on_commit_callbacks(execute=True):  # the task runs once the rule is committed
        response = methodist_client.post(
            reverse("qualification:policy"),
            {
                "min_hours": 72,
                "period_years": 2,
                "counting": "single",
                "counted_kinds": ["upgrade", "retraining"],
                "due_soon_months": 12,
                "applies_from": date.today().isoformat(),
                "note": "Буйрук №12",
            },
        )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert RenewalPolicy.objects.filter(office=office).count() == 2
    teacher_a.renewal.refresh_from_db()
    assert teacher_a.renewal.valid_until == add_years(date.today(), -1)


def test_director_cannot_change_the_rule(director_a_client):
    assert director_a_client.get(reverse("qualification:policy")).status_code == 403


def test_teacher_asks_for_a_course_and_director_approves_it_into_the_plan(
    teacher_client, director_a_client, teacher_a, course
):
    teacher_client.post(reverse("qualification:course_request"), {"topic": "Инклюзивдик билим берүү"})
    course_request = CourseRequest.objects.get(staff_member=teacher_a)
    director_a_client.post(
        reverse("qualification:request_decide", args=[course_request.pk]), {"decision": "approve", "course": course.pk}
    )
    course_request.refresh_from_db()
    assert course_request.state == "approved"
    assert CourseRecord.objects.get(staff_member=teacher_a).state == "planned"


def test_district_overview_counts_per_school(methodist_client, teacher_a, teacher_b):
    factories.make_record(teacher_a, completed_on=add_years(date.today(), -1))
    response = methodist_client.get(reverse("qualification:overview"))
    rows = {school["number"]: (school["valid"], school["no_record"]) for school in response.context["schools"]}
    assert rows == {2: (1, 0), 7: (0, 1)}


def _fill(school, count, course):
    for number in range(count):
        person = factories.make_staff(school, surname=f"Асанов{number:03d}", hire_date=date(2000, 1, 1))
        factories.make_record(person, course, completed_on=add_years(date.today(), -4 - number % 3), refresh=False)
    from qualification.renewal import refresh_renewal
    from schools.models import StaffMember

    refresh_renewal(StaffMember.objects.values_list("pk", flat=True))


@pytest.mark.parametrize(
    ("url_name", "drawing", "rows", "page_size"),
    [
        # the rule, the people, their subjects and planned courses; everyone, on one page
        ("qualification:plan", 4, lambda html: html.count('href="/qualification/people/'), None),
        # the rule, the country, the count, the people, the council's recommendations, the subjects of the filter
        ("home:attestation", 6, lambda html: html.count("<tr>") - 1, 100),
    ],
)
def test_a_cached_page_is_drawn_with_the_same_queries_for_few_people_or_many(
    director_a_client, school_a, course, django_assert_num_queries, url_name, drawing, rows, page_size
):
    url = reverse(url_name)
    director_a_client.get(url)  # the session's first request renews it
    for count in (1, 199):
        _fill(school_a, count, course)  # the refresh gives the office a new version: the page is drawn again
        # and session, user, one read of the cache (version and entry), storing it (five, with a savepoint)
        with django_assert_num_queries(drawing + 8):
            drawn = director_a_client.get(url)
        people = school_a.staff.count()
        assert rows(drawn.content.decode()) == (people if page_size is None else min(page_size, people))
        with django_assert_num_queries(3):  # the session, the user, the cache
            read = director_a_client.get(url)
        main = re.compile(r"<main.*</main>", re.DOTALL)  # the frame's logout form carries a fresh CSRF mask
        assert main.search(read.content.decode()).group() == main.search(drawn.content.decode()).group()


@pytest.fixture
def admin_client(client, db):
    client.force_login(factories.make_user(username="site-admin", is_superuser=True, is_staff=True))
    return client


def test_country_summary_counts_each_office(admin_client, teacher_a, teacher_b, other_office_school):
    factories.make_record(teacher_a, completed_on=add_years(date.today(), -1))
    factories.make_record(teacher_b, completed_on=add_years(date.today(), -6))
    kz_teacher = factories.make_staff(other_office_school, surname="Жұмабаева")
    factories.make_staff(other_office_school, surname="Сейтқали")
    factories.make_staff(other_office_school, surname="Ушедшая", is_active=False)
    factories.make_record(kz_teacher, completed_on=add_years(date.today(), -5) + timedelta(days=30))
    response = admin_client.get(reverse("qualification:country_summary"))
    rows = {
        office["pk"]: (office["valid"], office["due_soon"], office["overdue"], office["no_record"])
        for office in response.context["offices"]
    }
    assert rows == {teacher_a.school.office_id: (1, 0, 1, 0), other_office_school.office_id: (0, 1, 0, 1)}
    assert response.context["totals"] == {"valid": 1, "due_soon": 1, "overdue": 1, "no_record": 1}


def test_country_summary_exports_the_same_counts(admin_client, teacher_a):
    response = admin_client.get(reverse("qualification:country_summary"), {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][2:] == (teacher_a.school.office.name, 0, 0, 0, 1)


@pytest.mark.parametrize("client_fixture", ["methodist_client", "director_a_client", "teacher_client"])
def test_country_summary_is_for_site_administrators_only(request, client_fixture):
    client = request.getfixturevalue(client_fixture)
    assert client.get(reverse("qualification:country_summary")).status_code == 403


def test_country_summary_is_drawn_with_the_same_queries_for_one_office_or_six(
    admin_client, django_assert_num_queries, school_a
):
    url = reverse("qualification:country_summary")
    admin_client.get(url)
    versions.office_changed([school_a.office_id])
    with django_assert_num_queries(9) as one:
        admin_client.get(url)
    for _ in range(5):
        factories.make_staff(factories.make_school(factories.make_office()))
    versions.office_changed([school_a.office_id])
    with django_assert_num_queries(len(one.captured_queries)):
        response = admin_client.get(url)
    assert len(response.context["offices"]) == 6


def test_country_summary_is_read_from_the_cache_until_any_office_changes(
    admin_client, django_assert_num_queries, teacher_a, other_office_school
):
    """One count over every office's staff, kept under the version of every office together."""
    url = reverse("qualification:country_summary")
    admin_client.get(url)
    with django_assert_num_queries(3):  # the session, the user, the cache
        admin_client.get(url)
    elsewhere = factories.make_staff(other_office_school, surname="Жаксыбекова")
    renewal.refresh_renewal([elsewhere.pk])  # a change in one office renews the version of every office
    rows = {office["pk"]: office["no_record"] for office in admin_client.get(url).context["offices"]}
    assert rows == {teacher_a.school.office_id: 1, other_office_school.office_id: 1}


def test_country_summary_names_the_offices_in_the_readers_language(admin_client, teacher_a):
    url = reverse("qualification:country_summary")
    office = teacher_a.school.office
    assert office.name_ru in admin_client.get(url).content.decode()
    admin_client.post(reverse("set_language"), {"language": "ky", "next": url})
    kyrgyz = admin_client.get(url).content.decode()
    assert office.name_ky in kyrgyz and office.name_ru not in kyrgyz


def test_reading_the_rule_and_the_pages_that_apply_it_writes_nothing(methodist_client, director_a_client, teacher_a):
    """An office that never set a rule follows the seeds' rule without a row being stored on a GET."""
    assert director_a_client.get(reverse("qualification:status")).status_code == 200
    assert director_a_client.get(reverse("qualification:plan")).status_code == 200
    policy_page = methodist_client.get(reverse("qualification:policy"))
    assert "72" in policy_page.content.decode()
    assert not RenewalPolicy.objects.exists()


# The rule's period in the plan and the attestation list ------------------------------------------------------


def test_who_falls_due_by_a_day_without_a_record_follows_the_hire_date_and_the_rules_period(school_a, office):
    """With no counted course, a person falls due one period after being hired: five years under the seeds'
    rule (no office rule at all, as for a site administrator), three under an office's three-year rule."""
    from qualification.renewal import due_by, with_renewal
    from schools.models import StaffMember

    day = date(2027, 8, 31)
    factories.make_staff(school_a, surname="Эски", hire_date=date(2020, 9, 1))  # seven years before the day
    factories.make_staff(school_a, surname="Ортоңку", hire_date=date(2023, 9, 1))  # four years
    factories.make_staff(school_a, surname="Жаңы", hire_date=date(2026, 9, 1))  # one year
    people = with_renewal(StaffMember.objects.filter(school=school_a))

    def due(policy):
        return sorted(due_by(people, day, policy).values_list("surname", flat=True))

    assert due(None) == ["Эски"]
    three_years = RenewalPolicy(office=office, period_years=3, applies_from=date(2000, 1, 1))
    assert due(three_years) == ["Ортоңку", "Эски"]


def test_hours_in_the_period_count_only_the_persons_own_courses_inside_it(school_a, office):
    """The attestation list's "missing hours" read these: a course of another person, or one older than the
    rule's period, adds nothing."""
    from qualification.renewal import with_hours_in_period
    from schools.models import StaffMember

    today = date.today()
    course = factories.make_course(office)
    policy = RenewalPolicy(office=office, period_years=3, counting="cumulative", applies_from=date(2000, 1, 1))
    policy.counted_kinds = [course.kind]
    counted = factories.make_staff(school_a, surname="Саналган")
    factories.make_record(counted, course, completed_on=add_years(today, -1), hours=24)
    factories.make_record(counted, course, completed_on=add_years(today, -2), hours=12)
    factories.make_record(counted, course, completed_on=add_years(today, -4), hours=36)  # before the period
    other = factories.make_staff(school_a, surname="Башка")
    factories.make_record(other, course, completed_on=add_years(today, -1), hours=48)
    hours = dict(
        with_hours_in_period(StaffMember.objects.filter(school=school_a), policy, today).values_list(
            "surname", "hours_in_period"
        )
    )
    assert hours == {"Саналган": 36, "Башка": 48}


def test_an_office_added_in_the_administration_is_in_the_summary_at_once(admin_client, teacher_a):
    url = reverse("qualification:country_summary")
    assert len(admin_client.get(url).context["offices"]) == 1
    action, shown = writing_form(admin_client, reverse("admin:schools_districtoffice_add"), "name_ru")
    typed = {
        "name_ky": "Ноокат району",
        "name_kk": "Ноокат ауданы",
        "name_ru": "Ноокатский район",
        "region": "Ош",
        "code": "nookat",
    }
    response = admin_client.post(action, {**shown, **typed, "country": "KG", "time_zone": "Asia/Bishkek"})
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert "Ноокатский район" in [office["name"] for office in admin_client.get(url).context["offices"]]
