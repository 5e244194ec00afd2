"""Absurd values are refused next to their field, with what was typed kept, and the database holds the bounds
that other records rely on."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from core import submissions
from methodcouncil.models import Decision
from partners.models import Project
from qualification.models import Course, CourseRecord
from schools.models import School, StaffMember
from tests import factories
from tests import factories_methodcouncil as mc
from tests import factories_partners as pf
from tests.walking import writing_form

FAR_AHEAD = (date.today() + timedelta(days=6 * 366)).isoformat()


def league_project(request):
    league = pf.make_league(request.getfixturevalue("office"))
    pf.make_member(league, request.getfixturevalue("school_a"))
    typed = {"owner_school": request.getfixturevalue("school_a").pk, "title": "Жылыжай", "aim": "Өнүм өстүрүү"}
    typed |= {"direction": pf.make_direction(league).pk, "state": "active"}
    return reverse("partners:project_create", args=[league.pk]), typed


def course_report(request):
    course = factories.make_course(request.getfixturevalue("office"), starts_on=None)
    return reverse("qualification:course_report"), {"course": course.pk, "hours": "72", "document_kind": "other"}


def course(request):
    provider = factories.make_provider(request.getfixturevalue("office"))
    typed = {"title": "Инклюзивдик билим берүү", "provider": provider.pk, "hours": "72", "language": "ky"}
    return reverse("qualification:course_create"), typed


def staff(request):
    return reverse("schools:staff_create"), {"surname": "Жолдошева", "given_name": "Нургүл"}


def school(request):
    typed = {"name": "№44 орто мектеби", "kind": "general", "instruction_language": "ky"}
    return reverse("schools:school_create"), typed


ABSURD = [
    (school, "methodist_client", School, "number", "1000000000000"),
    (school, "methodist_client", School, "number", "0"),
    (staff, "director_a_client", StaffMember, "hire_date", "0001-01-01"),
    (staff, "director_a_client", StaffMember, "hire_date", "1939-12-31"),
    (course_report, "teacher_client", CourseRecord, "completed_on", "1939-12-31"),
    (course, "methodist_client", Course, "starts_on", "0001-01-01"),
    (course, "methodist_client", Course, "starts_on", FAR_AHEAD),
    (league_project, "methodist_client", Project, "started_on", "0001-01-01"),
    (league_project, "methodist_client", Project, "started_on", FAR_AHEAD),
]


@pytest.mark.parametrize(
    ("form", "client_fixture", "model", "field", "typed"),
    ABSURD,
    ids=[f"{form.__name__}-{field}-{typed}" for form, _client, _model, field, typed in ABSURD],
)
def test_an_absurd_value_is_refused_next_to_its_field_and_kept_as_typed(
    request, form, client_fixture, model, field, typed
):
    client = request.getfixturevalue(client_fixture)
    url, filled = form(request)
    action, shown = writing_form(client, url, submissions.FIELD)
    before = model.objects.count()
    response = client.post(action, {**shown, **filled, field: typed})
    assert response.status_code == 200
    assert field in response.context["form"].errors, response.context["form"].errors
    assert response.context["form"][field].value() == typed
    assert model.objects.count() == before


@pytest.mark.parametrize("typed", ["1940-01-01", date.today().isoformat()])
def test_the_first_plausible_day_and_today_are_accepted_as_hire_dates(director_a_client, typed):
    url, filled = staff(None)
    action, shown = writing_form(director_a_client, url, submissions.FIELD)
    data = {**shown, **filled, "position": "subject_teacher", "hire_date": typed}
    assert director_a_client.post(action, data).status_code == 302


def test_a_deadline_more_than_five_years_ahead_is_refused(school_a):
    item = mc.make_item(mc.make_meeting(mc.make_council(school_a)))
    decision = Decision(agenda_item=item, text="Ишке ашыруу", deadline=date.today() + timedelta(days=6 * 366))
    with pytest.raises(ValidationError) as refused:
        decision.full_clean()
    assert [error.code for error in refused.value.error_dict["deadline"]] == ["too_late"]


@pytest.mark.parametrize(
    "write",
    [
        lambda school: factories.make_staff(school, hire_date=date(1939, 12, 31)),
        lambda school: factories.make_school(school.office, number=10000),
        lambda school: factories.make_school(school.office, number=0),
        lambda school: factories.make_record(factories.make_staff(school), completed_on=date(1900, 1, 1)),
    ],
    ids=["hire date", "school number too large", "school number zero", "completion date"],
)
def test_the_database_refuses_what_no_form_would_save(school_a, write):
    with pytest.raises(IntegrityError), transaction.atomic():
        write(school_a)
