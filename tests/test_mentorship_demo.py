"""The mentorship demo data: idempotent, and the shape seed 000 describes."""

from collections import Counter
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from mentorship.demo import seed_mentorship
from mentorship.models import (
    Activity,
    ActivityKind,
    MentorAppointment,
    Pair,
    PairState,
    PlanItem,
    PlanItemState,
    Track,
    is_young_specialist,
)
from schools.models import User


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
        "tracks": sorted(Track.objects.values_list("code", "name_ky", "responsible_id")),
        "appointments": sorted(MentorAppointment.objects.values_list("staff_member_id", "track_id", "starts_on")),
        "pairs": sorted(Pair.objects.values_list("appointment_id", "mentee_id", "state")),
        "activities": Activity.objects.count(),
        "items": sorted(PlanItem.objects.values_list("what", "state")),
        "users": sorted(User.objects.values_list("username", "password")),
    }


@pytest.mark.django_db
def test_seeding_again_changes_nothing(demo_data):
    before = _snapshot()
    counts = seed_mentorship()
    assert _snapshot() == before
    assert counts["mentors today"] == 52


@pytest.mark.django_db
def test_the_four_tracks_of_seed_000_in_three_languages(demo_data):
    tracks = Track.objects.filter(office__code="АБ")
    assert [track.name_ru for track in tracks] == [
        "Естественные и точные предметы",
        "Гуманитарные предметы",
        "Технология и начальные классы",
        "Дошкольная подготовка",
    ]
    assert {track.name_kk for track in tracks} >= {"Гуманитарлық пәндер", "Мектепке дейінгі даярлық"}
    assert all(track.responsible and track.responsible.username == "methodist" for track in tracks)


@pytest.mark.django_db
def test_52_mentors_for_two_years_by_order_18(demo_data):
    first = MentorAppointment.objects.filter(track__office__code="АБ", order_number="№18")
    assert first.count() == 52
    assert set(first.values_list("starts_on", "ends_on")) == {(date(2020, 2, 24), date(2022, 2, 23))}
    assert Counter(first.values_list("track__code", flat=True)) == {
        "natural": 16,
        "humanities": 16,
        "technology-primary": 12,
        "preschool": 8,
    }
    today = MentorAppointment.objects.filter(track__office__code="АБ").with_state()
    states = Counter(today.values_list("state", flat=True))
    assert states["active"] + states["ending_soon"] == 52
    assert states["ending_soon"] >= 1


@pytest.mark.django_db
def test_about_a_hundred_pairs_young_specialists_first(demo_data):
    pairs = Pair.objects.filter(track__office__code="АБ").select_related("mentee")
    assert 90 <= pairs.count() <= 115
    active = [pair for pair in pairs if pair.state == PairState.ACTIVE]
    assert sum(is_young_specialist(pair.mentee) for pair in active) > len(active) * 0.6
    assert pairs.filter(state=PairState.STOPPED).exclude(stop_reason="").exists()
    assert max(Counter(pair.appointment_id for pair in active).values()) <= 5


@pytest.mark.django_db
def test_the_demo_teacher_has_a_mentor_with_a_login(demo_data):
    pair = Pair.objects.get(mentee__user__username="teacher", state=PairState.ACTIVE)
    assert pair.appointment.staff_member.user.username == "mentor"
    assert User.objects.get(username="mentor").role == "teacher"


@pytest.mark.django_db
def test_the_hearing_of_3_march_2020_at_school_2(demo_data):
    hearing = Activity.objects.get(kind=ActivityKind.HEARING, starts_at__year=2020)
    assert hearing.starts_at.date() == date(2020, 3, 3)
    assert hearing.host_school.number == 2
    assert hearing.participants.count() == 52
    assert hearing.plan_item.state == PlanItemState.DONE


@pytest.mark.django_db
def test_open_door_days_are_announced(demo_data):
    days = Activity.objects.filter(kind=ActivityKind.OPEN_DOOR_DAY)
    assert days.count() >= 3
    assert all(day.is_announced for day in days)


@pytest.mark.django_db
def test_the_current_plan_is_partly_done(demo_data):
    states = Counter(PlanItem.objects.filter(plan__office__code="АБ").values_list("state", flat=True))
    assert states[PlanItemState.DONE] and states[PlanItemState.PLANNED]
    assert states[PlanItemState.POSTPONED] and states[PlanItemState.CANCELLED]
    for item in PlanItem.objects.filter(state=PlanItemState.DONE):
        assert item.activities.exists()
