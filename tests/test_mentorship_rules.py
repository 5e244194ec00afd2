"""The rules of the mentor–mentee school, one by one: terms and their states, pairs, the limit, the plan."""

from datetime import date, timedelta
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation
from PIL import Image

from core.academic import academic_year_of
from mentorship.models import (
    AppointmentState,
    MentorAppointment,
    Pair,
    PairState,
    PlanItemState,
    is_young_specialist,
    two_years_later,
)
from mentorship.services import MentorshipError, pair_close, plan_item_set_state, resized_photo
from tests import factories
from tests import factories_mentorship as mf


@pytest.fixture(autouse=True)
def _rules_read_in_english(settings):
    """These tests pin the rules' wording in the source language; translations are pinned elsewhere."""
    settings.LANGUAGES = [*settings.LANGUAGES, ("en", "English")]
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


TODAY = date(2026, 11, 22)


@pytest.fixture
def track(office):
    return mf.make_track(office, code="natural")


@pytest.fixture
def mentor(school_a):
    return factories.make_staff(school_a, surname="Абдыкадырова", given_name="Апал", hire_date=date(1998, 8, 20))


@pytest.mark.parametrize(
    ("starts_on", "expected"),
    [
        (date(2020, 2, 24), date(2022, 2, 23)),
        (date(2025, 9, 1), date(2027, 8, 31)),
        (date(2024, 2, 29), date(2026, 2, 28)),
        (date(2024, 3, 1), date(2026, 2, 28)),
    ],
)
def test_a_term_lasts_two_years(starts_on, expected):
    assert two_years_later(starts_on) == expected


@pytest.mark.parametrize(
    ("day", "year"), [(date(2019, 9, 1), 2019), (date(2020, 3, 3), 2019), (date(2020, 8, 31), 2019), (TODAY, 2026)]
)
def test_an_academic_year_runs_from_september(day, year):
    assert academic_year_of(day) == year


@pytest.mark.parametrize(
    ("starts_on", "ends_on", "state"),
    [
        (TODAY + timedelta(days=1), TODAY + timedelta(days=700), AppointmentState.UPCOMING),
        (TODAY, TODAY + timedelta(days=700), AppointmentState.ACTIVE),
        (TODAY - timedelta(days=600), TODAY + timedelta(days=60), AppointmentState.ACTIVE),
        (TODAY - timedelta(days=600), TODAY + timedelta(days=59), AppointmentState.ENDING_SOON),
        (TODAY - timedelta(days=700), TODAY, AppointmentState.ENDING_SOON),
        (TODAY - timedelta(days=700), TODAY - timedelta(days=1), AppointmentState.EXPIRED),
        (date(2020, 2, 24), date(2022, 2, 23), AppointmentState.EXPIRED),
    ],
)
def test_the_state_of_a_term_comes_from_its_dates(mentor, track, starts_on, ends_on, state):
    appointment = mf.make_appointment(mentor, track, starts_on=starts_on, ends_on=ends_on)
    assert MentorAppointment.objects.with_state(TODAY).get(pk=appointment.pk).state == state
    assert list(MentorAppointment.objects.in_state(state, TODAY)) == [appointment]
    assert (appointment in MentorAppointment.objects.holding(TODAY)) == (
        state in (AppointmentState.ACTIVE, AppointmentState.ENDING_SOON)
    )


def test_an_empty_end_date_means_two_years(mentor, track):
    appointment = MentorAppointment(
        staff_member=mentor, track=track, order_number="№18", order_date=date(2020, 2, 24), starts_on=date(2020, 2, 24)
    )
    appointment.full_clean()
    assert appointment.ends_on == date(2022, 2, 23)


def test_a_term_cannot_end_before_it_starts(mentor, track):
    appointment = MentorAppointment(
        staff_member=mentor,
        track=track,
        order_number="№18",
        order_date=date(2020, 2, 24),
        starts_on=date(2020, 2, 24),
        ends_on=date(2020, 2, 1),
    )
    with pytest.raises(ValidationError) as error:
        appointment.full_clean()
    assert "ends_on" in error.value.message_dict


def test_a_person_holds_one_term_at_a_time_per_track(mentor, track):
    mf.make_appointment(mentor, track, starts_on=date(2020, 2, 24))
    overlapping = MentorAppointment(
        staff_member=mentor, track=track, order_number="№19", order_date=date(2021, 1, 1), starts_on=date(2021, 1, 1)
    )
    with pytest.raises(ValidationError) as error:
        overlapping.full_clean()
    assert "already a mentor of this track" in error.value.message_dict["starts_on"][0]


def test_reappointment_is_a_new_term_that_keeps_the_old_one(mentor, track):
    first = mf.make_appointment(mentor, track, starts_on=date(2020, 2, 24))
    again = MentorAppointment(
        staff_member=mentor,
        track=track,
        order_number="№112",
        order_date=date(2022, 2, 20),
        starts_on=first.ends_on + timedelta(days=1),
    )
    again.full_clean()
    again.save()
    assert MentorAppointment.objects.filter(staff_member=mentor).count() == 2


def test_the_same_person_may_mentor_on_two_tracks_at_once(mentor, office, track):
    mf.make_appointment(mentor, track)
    other_track = mf.make_track(office, code="humanities")
    second = MentorAppointment(
        staff_member=mentor,
        track=other_track,
        order_number="№18",
        order_date=date(2025, 9, 1),
        starts_on=date(2025, 9, 1),
    )
    second.full_clean()


def test_a_mentor_comes_from_the_offices_own_district(track, other_office_school):
    outsider = factories.make_staff(other_office_school, surname="Нұрланов")
    appointment = MentorAppointment(
        staff_member=outsider, track=track, order_number="№18", order_date=date(2025, 9, 1), starts_on=date(2025, 9, 1)
    )
    with pytest.raises(ValidationError) as error:
        appointment.full_clean()
    assert "outside this district" in error.value.message_dict["staff_member"][0]


def test_the_database_refuses_a_backwards_term(mentor, track):
    with pytest.raises(IntegrityError), transaction.atomic():
        mf.make_appointment(mentor, track, starts_on=date(2025, 9, 1), ends_on=date(2025, 8, 1))


# Pairs ---------------------------------------------------------------------------------------------------


def _pair(appointment, mentee, **fields):
    defaults = {"starts_on": date(2025, 9, 15), "ends_on": appointment.ends_on}
    return Pair(appointment=appointment, mentee=mentee, **{**defaults, **fields})


def _errors(pair):
    with pytest.raises(ValidationError) as error:
        pair.full_clean()
    return error.value.message_dict


def test_a_mentor_cannot_mentor_themselves(mentor, track):
    appointment = mf.make_appointment(mentor, track)
    assert "own mentee" in _errors(_pair(appointment, mentor))["mentee"][0]


def test_a_pair_cannot_outlive_the_mentors_term(mentor, track, teacher_a):
    appointment = mf.make_appointment(mentor, track)
    errors = _errors(_pair(appointment, teacher_a, ends_on=appointment.ends_on + timedelta(days=1)))
    assert "cannot outlive" in errors["ends_on"][0]


def test_a_pair_cannot_start_before_the_mentors_term(mentor, track, teacher_a):
    appointment = mf.make_appointment(mentor, track)
    errors = _errors(_pair(appointment, teacher_a, starts_on=appointment.starts_on - timedelta(days=1)))
    assert "starts_on" in errors


def test_a_pair_cannot_end_before_it_starts(mentor, track, teacher_a):
    appointment = mf.make_appointment(mentor, track)
    errors = _errors(_pair(appointment, teacher_a, starts_on=date(2026, 1, 10), ends_on=date(2026, 1, 9)))
    assert "before it starts" in errors["ends_on"][0]


def test_a_pair_without_an_end_works_until_the_term_ends(mentor, track, teacher_a):
    appointment = mf.make_appointment(mentor, track)
    pair = _pair(appointment, teacher_a, ends_on=None)
    pair.full_clean()
    assert (pair.ends_on, pair.track) == (appointment.ends_on, track)


def test_a_mentee_has_one_active_mentor_per_track(mentor, track, teacher_a, school_b):
    mf.make_pair(mf.make_appointment(mentor, track), teacher_a)
    other_mentor = factories.make_staff(school_b, surname="Сыдыкова", hire_date=date(2001, 9, 1))
    errors = _errors(_pair(mf.make_appointment(other_mentor, track), teacher_a))
    assert "already has a mentor on this track: Абдыкадырова Апал" in errors["mentee"][0]


def test_a_mentee_may_have_mentors_on_two_tracks(mentor, office, track, teacher_a, school_b):
    mf.make_pair(mf.make_appointment(mentor, track), teacher_a)
    other_mentor = factories.make_staff(school_b, surname="Сыдыкова", hire_date=date(2001, 9, 1))
    other_track = mf.make_track(office, code="humanities")
    _pair(mf.make_appointment(other_mentor, other_track), teacher_a).full_clean()


def test_a_finished_pair_frees_the_mentee_for_a_new_mentor(mentor, track, teacher_a, school_b):
    old = mf.make_pair(mf.make_appointment(mentor, track), teacher_a)
    pair_close(pair=old, state=PairState.FINISHED, closed_on=date(2026, 1, 10), reason="")
    other_mentor = factories.make_staff(school_b, surname="Сыдыкова", hire_date=date(2001, 9, 1))
    _pair(mf.make_appointment(other_mentor, track), teacher_a, starts_on=date(2026, 1, 10)).full_clean()


def test_the_database_holds_one_active_pair_per_mentee_and_track(mentor, track, teacher_a, school_b):
    mf.make_pair(mf.make_appointment(mentor, track), teacher_a)
    other_mentor = factories.make_staff(school_b, surname="Сыдыкова", hire_date=date(2001, 9, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        mf.make_pair(mf.make_appointment(other_mentor, track), teacher_a)


def test_the_limit_counts_a_mentors_active_mentees(mentor, office, track, school_a):
    appointment = mf.make_appointment(mentor, track)
    mentees = [factories.make_staff(school_a, surname=f"Шакирт{n}") for n in range(3)]
    mf.set_limit(office, 3)
    for mentee in mentees[:2]:
        mf.make_pair(appointment, mentee)
    assert _pair(appointment, mentees[2]).limit_error(3) is None
    mf.make_pair(appointment, mentees[2])
    message = _pair(appointment, factories.make_staff(school_a, surname="Төртүнчү")).limit_error(3)
    assert "already has 3 mentees" in message
    pair_close(pair=Pair.objects.first(), state=PairState.FINISHED, closed_on=date(2026, 1, 10), reason="")
    assert _pair(appointment, factories.make_staff(school_a, surname="Бешинчи")).limit_error(3) is None


def test_stopping_a_pair_needs_a_reason(mentor, track, teacher_a):
    pair = mf.make_pair(mf.make_appointment(mentor, track), teacher_a)
    with pytest.raises(MentorshipError) as error:
        pair_close(pair=pair, state=PairState.STOPPED, closed_on=date(2026, 1, 10), reason="  ")
    assert error.value.field == "stop_reason"
    pair.refresh_from_db()
    assert pair.state == PairState.ACTIVE
    pair_close(pair=pair, state=PairState.STOPPED, closed_on=date(2026, 1, 10), reason="Декреттик өргүү")
    pair.refresh_from_db()
    assert (pair.state, pair.stop_reason) == (PairState.STOPPED, "Декреттик өргүү")


def test_a_closed_pair_cannot_be_closed_again(mentor, track, teacher_a):
    pair = mf.make_pair(mf.make_appointment(mentor, track), teacher_a)
    pair_close(pair=pair, state=PairState.FINISHED, closed_on=date(2026, 1, 10), reason="")
    with pytest.raises(MentorshipError):
        pair_close(pair=pair, state=PairState.STOPPED, closed_on=date(2026, 1, 11), reason="Кайра")


@pytest.mark.parametrize(("years_ago", "young"), [(0, True), (2, True), (3, False), (10, False)])
def test_young_specialists_have_under_three_years_since_hire(school_a, years_ago, young):
    hired = date.today().replace(year=date.today().year - years_ago) - timedelta(days=1 if years_ago else 0)
    person = factories.make_staff(school_a, hire_date=min(hired, date.today()))
    assert is_young_specialist(person) is young


def test_young_specialist_is_judged_on_the_day_asked_about(school_a):
    person = factories.make_staff(school_a, hire_date=date(2020, 9, 1))
    assert is_young_specialist(person, today=date(2022, 9, 1)) is True
    assert is_young_specialist(person, today=date(2023, 9, 1)) is False


def test_mentors_in_office_come_first_then_those_yet_to_start_then_the_expired(mentor, track, school_a):
    expired = mf.make_appointment(mentor, track, starts_on=date(2020, 2, 24))
    later = factories.make_staff(school_a, surname="Бекова")
    upcoming = mf.make_appointment(later, track, starts_on=TODAY + timedelta(days=10))
    current = mf.make_appointment(factories.make_staff(school_a, surname="Жумаева"), track, starts_on=date(2025, 9, 1))
    ranked = MentorAppointment.objects.with_state(TODAY).order_by("state_rank")
    assert [(a, a.state_rank) for a in ranked] == [(current, 0), (upcoming, 1), (expired, 2)]


def test_a_one_day_term_is_allowed(mentor, track):
    appointment = MentorAppointment(
        staff_member=mentor,
        track=track,
        order_number="№18",
        order_date=date(2025, 9, 1),
        starts_on=date(2025, 9, 1),
        ends_on=date(2025, 9, 1),
    )
    appointment.full_clean()


def test_a_term_without_a_track_or_dates_gets_field_errors_not_a_crash(mentor, track):
    without_track = MentorAppointment(staff_member=mentor, order_number="№18", order_date=date(2025, 9, 1))
    with pytest.raises(ValidationError) as error:
        without_track.full_clean()
    assert {"track", "starts_on"} <= set(error.value.message_dict)
    undated = MentorAppointment(staff_member=mentor, track=track, order_number="№18", order_date=date(2025, 9, 1))
    with pytest.raises(ValidationError) as error:
        undated.full_clean()
    assert set(error.value.message_dict) == {"starts_on"}
    end_only = MentorAppointment(
        staff_member=mentor, track=track, order_number="№18", order_date=date(2025, 9, 1), ends_on=date(2027, 8, 31)
    )
    with pytest.raises(ValidationError) as error:
        end_only.full_clean()
    assert set(error.value.message_dict) == {"starts_on"}


def test_two_people_may_mentor_on_one_track_at_the_same_time(mentor, track, school_b):
    mf.make_appointment(mentor, track, starts_on=date(2025, 9, 1))
    colleague = factories.make_staff(school_b, surname="Сыдыкова", hire_date=date(2001, 9, 1))
    MentorAppointment(
        staff_member=colleague, track=track, order_number="№18", order_date=date(2025, 9, 1), starts_on=date(2025, 9, 1)
    ).full_clean()


def test_a_term_may_end_before_the_persons_next_term_starts(mentor, track):
    mf.make_appointment(mentor, track, starts_on=date(2027, 9, 1))
    earlier = MentorAppointment(
        staff_member=mentor, track=track, order_number="№7", order_date=date(2025, 9, 1), starts_on=date(2025, 9, 1)
    )
    earlier.full_clean()
    assert earlier.ends_on == date(2027, 8, 31)


def test_a_pair_may_run_from_the_first_day_of_the_term_for_one_day(mentor, track, teacher_a):
    appointment = mf.make_appointment(mentor, track)
    _pair(appointment, teacher_a, starts_on=appointment.starts_on, ends_on=appointment.starts_on).full_clean()


def test_a_pair_without_a_mentor_or_a_start_gets_field_errors_not_a_crash(mentor, track, teacher_a):
    assert set(_errors(Pair(mentee=teacher_a, starts_on=date(2025, 9, 15), ends_on=date(2026, 5, 31)))) == {
        "appointment"
    }
    appointment = mf.make_appointment(mentor, track)
    assert set(_errors(_pair(appointment, teacher_a, starts_on=None))) == {"starts_on"}


def test_the_term_in_a_pairs_error_is_written_as_a_short_date(mentor, track, teacher_a):
    appointment = mf.make_appointment(mentor, track, starts_on=date(2025, 9, 1))
    errors = _errors(_pair(appointment, teacher_a, starts_on=date(2025, 8, 1)))
    assert errors["starts_on"] == [
        "The mentor's term runs from 09/01/2025 to 08/31/2027; the pair cannot start before it."
    ]


def test_other_mentors_mentees_do_not_count_toward_the_limit(mentor, track, school_a, school_b):
    other_mentor = factories.make_staff(school_b, surname="Сыдыкова", hire_date=date(2001, 9, 1))
    other = mf.make_appointment(other_mentor, track)
    for number in range(3):
        mf.make_pair(other, factories.make_staff(school_b, surname=f"Шакирт{number}"))
    assert _pair(mf.make_appointment(mentor, track), factories.make_staff(school_a)).limit_error(3) is None


# The annual plan ------------------------------------------------------------------------------------------


def test_a_plan_item_is_done_once_an_activity_is_linked_and_planned_again_when_unlinked(office, methodist):
    from mentorship.forms import ActivityForm
    from mentorship.services import activity_save

    item = mf.make_plan_item(mf.make_plan(office, 2019))
    data = {"kind": "hearing", "topic": "Угуу", "starts_at": "2020-03-03T10:00", "plan_item": item.pk}
    form = ActivityForm(data, user=methodist)
    assert form.is_valid(), form.errors
    activity = activity_save(form=form, office_id=office.pk, by=methodist)
    item.refresh_from_db()
    assert item.state == PlanItemState.DONE

    form = ActivityForm({**data, "plan_item": ""}, instance=activity, user=methodist)
    assert form.is_valid(), form.errors
    activity_save(form=form, office_id=office.pk, by=methodist)
    item.refresh_from_db()
    assert item.state == PlanItemState.PLANNED


def test_a_cancelled_item_cannot_be_carried_out(office, methodist):
    from mentorship.forms import ActivityForm

    item = mf.make_plan_item(mf.make_plan(office, 2019), state=PlanItemState.CANCELLED, state_reason="Карантин")
    form = ActivityForm(
        {"kind": "hearing", "topic": "Угуу", "starts_at": "2020-03-03T10:00", "plan_item": item.pk}, user=methodist
    )
    assert not form.is_valid()
    assert "plan_item" in form.errors


def test_postponing_or_cancelling_needs_a_reason(office):
    item = mf.make_plan_item(mf.make_plan(office, 2019))
    with pytest.raises(MentorshipError):
        plan_item_set_state(item=item, state=PlanItemState.POSTPONED, reason="")
    plan_item_set_state(item=item, state=PlanItemState.POSTPONED, reason="Карантин")
    item.refresh_from_db()
    assert (item.state, item.state_reason) == (PlanItemState.POSTPONED, "Карантин")


def test_an_item_carried_out_stays_done(office):
    item = mf.make_plan_item(mf.make_plan(office, 2019), state=PlanItemState.DONE)
    mf.make_activity(office, plan_item=item)
    with pytest.raises(MentorshipError):
        plan_item_set_state(item=item, state=PlanItemState.CANCELLED, reason="Керек эмес")
    item.refresh_from_db()
    assert item.state == PlanItemState.DONE


def test_a_plan_item_falls_within_its_academic_year(office):
    item = mf.make_plan_item(mf.make_plan(office, 2019))
    item.planned_month = date(2020, 9, 1)
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert "planned_month" in error.value.message_dict


# Photos ---------------------------------------------------------------------------------------------------


def test_a_photo_is_made_a_modest_jpeg():
    stored = resized_photo(mf.photo_upload(content=mf.image_bytes(size=(3000, 2000))))
    with Image.open(BytesIO(stored.read())) as image:
        assert image.format == "JPEG"
        assert max(image.size) == 800
        assert image.size == (800, 533)


def test_a_png_with_transparency_becomes_a_jpeg():
    buffer = BytesIO()
    Image.new("RGBA", (400, 300), (255, 0, 0, 128)).save(buffer, "PNG")
    stored = resized_photo(mf.photo_upload("photo.png", buffer.getvalue()))
    with Image.open(BytesIO(stored.read())) as image:
        assert (image.format, image.mode, image.size) == ("JPEG", "RGB", (400, 300))


def test_a_broken_image_is_refused_with_a_message():
    truncated = mf.image_bytes()[:200]
    with pytest.raises(MentorshipError) as error:
        resized_photo(mf.photo_upload(content=truncated))
    assert error.value.field == "photo"
