"""The methodical council demo data: every school, both years, every decision state, idempotent, fast."""

import time
from collections import Counter
from datetime import date

import pytest
from django.db import transaction
from django.db.models import F
from django.test import override_settings

from methodcouncil.demo import CURRENT_YEAR, PREVIOUS_YEAR, seed_methodcouncil
from methodcouncil.models import (
    ConsideredDocument,
    Council,
    CouncilMember,
    CouncilRole,
    Decision,
    Meeting,
    MeetingState,
    Recommendation,
)
from qualification.demo import seed_qualification
from schools.demo import seed_schools
from schools.models import Position, School


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker):
    """Seeds the data councils build on, then the councils (timed); rolled back after the module."""
    fast_hashing = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    with django_db_blocker.unblock(), fast_hashing, transaction.atomic():
        seed_schools()
        seed_qualification()
        started = time.monotonic()
        counts = seed_methodcouncil()
        yield {"counts": counts, "seconds": time.monotonic() - started}
        transaction.set_rollback(True)


def _snapshot():
    return {
        "councils": Council.objects.count(),
        "members": CouncilMember.objects.count(),
        "meetings": sorted(Meeting.objects.values_list("council_id", "number", "date", "state")),
        "decisions": Decision.objects.count(),
        "recommendations": Recommendation.objects.count(),
        "documents": ConsideredDocument.objects.count(),
    }


@pytest.mark.django_db
def test_seeding_is_quick_and_seeding_again_changes_nothing(demo_data):
    assert demo_data["seconds"] < 15
    before = _snapshot()
    assert seed_methodcouncil() == demo_data["counts"]
    assert _snapshot() == before


@pytest.mark.django_db
def test_every_school_has_a_council_for_this_and_last_year(demo_data):
    schools = School.objects.filter(office__code__in=["АБ", "ҚО"])
    assert schools.count() == 78
    for year in (PREVIOUS_YEAR, CURRENT_YEAR):
        assert set(Council.objects.filter(academic_year=year).values_list("school_id", flat=True)) == set(
            schools.values_list("pk", flat=True)
        )


@pytest.mark.django_db
def test_each_council_has_a_director_chair_a_secretary_and_four_to_six_members(demo_data):
    for council in Council.objects.prefetch_related("members__staff_member"):
        roles = Counter(member.role for member in council.members.all())
        assert roles[CouncilRole.CHAIR] == 1 and roles[CouncilRole.SECRETARY] == 1
        assert 4 <= roles[CouncilRole.MEMBER] <= 6
        chair = next(m for m in council.members.all() if m.role == CouncilRole.CHAIR)
        assert chair.staff_member.position == Position.DIRECTOR
        assert chair.staff_member.school_id == council.school_id


@pytest.mark.django_db
def test_meetings_are_numbered_without_gaps_and_dated_within_their_year(demo_data):
    for council in Council.objects.prefetch_related("meetings"):
        meetings = sorted(council.meetings.all(), key=lambda m: m.number)
        assert [m.number for m in meetings] == list(range(1, len(meetings) + 1))
        assert len(meetings) >= 4
        assert all(council.starts_on <= m.date <= council.ends_on for m in meetings)
        assert [m.date for m in meetings] == sorted(m.date for m in meetings)
    assert not Meeting.objects.filter(council__academic_year=PREVIOUS_YEAR, state=MeetingState.DRAFT).exists()


@pytest.mark.django_db
def test_every_school_has_open_done_and_overdue_decisions(demo_data):
    today = date.today()
    statuses = Counter(
        Decision.objects.with_status(today).values_list("agenda_item__meeting__council__school", "status")
    )
    for school_id in School.objects.filter(office__code__in=["АБ", "ҚО"]).values_list("pk", flat=True):
        for status in ("open", "done", "overdue"):
            assert statuses[school_id, status] > 0, (school_id, status)
    assert not Decision.objects.filter(deadline__lt=F("agenda_item__meeting__date")).exists()


@pytest.mark.django_db
def test_recommendations_carry_a_renewal_snapshot(demo_data):
    assert Recommendation.objects.count() >= 78
    assert not Recommendation.objects.filter(renewal_state="").exists()
    states = set(Recommendation.objects.values_list("renewal_state", flat=True))
    assert len(states) >= 2


@pytest.mark.django_db
def test_the_demo_teacher_keeps_the_minutes_of_school_2_and_answers_for_a_decision(demo_data):
    council = Council.objects.get(school__office__code="АБ", school__number=2, academic_year=CURRENT_YEAR)
    secretary = council.members.get(role=CouncilRole.SECRETARY)
    assert secretary.staff_member.user.username == "teacher"
    assert Decision.objects.filter(responsible__user__username="teacher", state="open").exists()
    assert council.meetings.filter(state=MeetingState.DRAFT, date__lte=date.today()).exists()


@pytest.mark.django_db
def test_documents_were_considered_before_they_were_approved(demo_data):
    documents = ConsideredDocument.objects.select_related("considered_at")
    assert documents.count() >= 78 * 3
    assert all(document.approved_on >= document.considered_at.date for document in documents)
