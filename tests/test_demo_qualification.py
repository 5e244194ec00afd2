"""The qualification demo data: idempotent, every renewal state in every school, and dates that make sense."""

from collections import Counter
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import F
from django.test import override_settings

from qualification.models import (
    Course,
    CourseRecord,
    CourseRequest,
    Provider,
    RecordState,
    RenewalState,
    RenewalStatus,
    RequestState,
)
from qualification.renewal import with_renewal
from schools.models import Position, School, StaffMember, User


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker):
    """Seeds once for this module and rolls back afterwards, so other modules start from an empty database."""
    fast_hashing = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    with django_db_blocker.unblock(), fast_hashing, transaction.atomic():
        call_command("seed_demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)


def _snapshot():
    return {
        "providers": Provider.objects.count(),
        "courses": Course.objects.count(),
        "records": CourseRecord.objects.count(),
        "requests": CourseRequest.objects.count(),
        "standings": sorted(RenewalStatus.objects.values_list("staff_member_id", "last_record_id", "valid_until")),
    }


def _states(people):
    return Counter(with_renewal(people).values_list("renewal_state", flat=True))


@pytest.mark.django_db
def test_seeding_again_changes_nothing(demo_data):
    before = _snapshot()

    call_command("seed_demo", stdout=StringIO())

    assert _snapshot() == before
    assert before["records"] > 2000


@pytest.mark.django_db
@pytest.mark.parametrize("office_code", ["АБ", "ҚО"])
def test_every_school_shows_every_renewal_state(demo_data, office_code):
    schools = School.objects.filter(office__code=office_code)
    checked = 0
    for school in schools:
        active = StaffMember.objects.filter(school=school, is_active=True)
        if active.exclude(position=Position.DIRECTOR).count() < 4:
            continue
        states = _states(active)
        assert set(states) == set(RenewalState.values), (school.name, states)
        checked += 1

    assert checked == schools.count()


@pytest.mark.django_db
def test_states_are_spread_like_a_real_district(demo_data):
    states = _states(StaffMember.objects.filter(school__office__code="АБ", is_active=True))
    total = sum(states.values())

    assert 0.45 < states[RenewalState.VALID] / total < 0.7
    for state in (RenewalState.DUE_SOON, RenewalState.OVERDUE, RenewalState.NO_RECORD):
        assert 0.07 < states[state] / total < 0.25, states


@pytest.mark.django_db
def test_demo_teacher_is_due_soon_with_a_report_and_a_request(demo_data):
    teacher = User.objects.get(username="teacher").staff_member

    assert with_renewal(StaffMember.objects.filter(pk=teacher.pk)).get().renewal_state == RenewalState.DUE_SOON
    assert teacher.course_records.filter(state=RecordState.COMPLETED).count() == 1
    assert teacher.course_requests.filter(state=RequestState.REQUESTED).exists()


@pytest.mark.django_db
def test_directors_have_records_to_confirm_and_courses_to_plan(demo_data):
    for school in School.objects.all():
        records = CourseRecord.objects.filter(staff_member__school=school)
        assert records.filter(state=RecordState.COMPLETED).exists(), school.name
        assert records.filter(state=RecordState.PLANNED, completed_on=None).exists(), school.name
    assert CourseRecord.objects.filter(state=RecordState.REJECTED).exclude(rejection_reason="").exists()
    assert not CourseRecord.objects.filter(state=RecordState.REJECTED, rejection_reason="").exists()


@pytest.mark.django_db
def test_191_teachers_were_certified_in_computer_literacy(demo_data):
    course = Course.objects.get(office__code="АБ", title="Компьютердик сабаттуулук")
    records = course.records.filter(state=RecordState.CONFIRMED)

    assert (course.hours, course.starts_on, course.ends_on) == (72, date(2023, 1, 9), date(2023, 1, 14))
    assert records.count() == 191
    assert set(records.values_list("completed_on", flat=True)) == {date(2023, 1, 14)}


@pytest.mark.django_db
def test_record_dates_fit_their_courses(demo_data):
    records = CourseRecord.objects.all()

    assert not records.filter(completed_on__gt=date.today()).exists()
    assert not records.filter(completed_on__lt=F("course__starts_on")).exists()
    assert not records.filter(completed_on__lt=F("staff_member__hire_date")).exists()
    assert not records.filter(state__in=[RecordState.CONFIRMED, RecordState.COMPLETED], completed_on=None).exists()
    assert not records.exclude(hours=F("course__hours")).exists()
    assert not records.filter(state=RecordState.CONFIRMED, confirmed_by=None).exists()
