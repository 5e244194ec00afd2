"""The methodical council's rules: numbering, the academic year, deadlines, who may answer for a decision,
the signed lock and its amendments, the renewal snapshot on recommendations, and the computed "overdue"."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from core.academic import academic_year_bounds, academic_year_of
from methodcouncil import services
from methodcouncil.models import CouncilRole, Decision, DecisionStatus, Meeting
from methodcouncil.permissions import can_edit_council, can_manage_council, can_sign_council_minutes, can_view_council
from methodcouncil.services import CouncilError
from qualification.renewal import add_years
from tests import factories
from tests import factories_methodcouncil as mc


@pytest.fixture(autouse=True)
def _rules_read_in_english(settings):
    """These tests pin the rules' wording in the source language; translations are pinned elsewhere."""
    settings.LANGUAGES = [*settings.LANGUAGES, ("en", "English")]
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


pytestmark = pytest.mark.django_db


@pytest.fixture
def council(school_a, teacher_a):
    council = mc.make_council(school_a)
    mc.make_member(council, teacher_a, CouncilRole.SECRETARY)
    return council


@pytest.fixture
def meeting(council):
    return services.meeting_create(council=council, date=mc.a_day_this_year(days_ago=1))


@pytest.mark.parametrize(
    ("day", "year"),
    [(date(2026, 9, 1), 2026), (date(2026, 8, 31), 2025), (date(2027, 1, 15), 2026), (date(2026, 12, 31), 2026)],
)
def test_academic_year_runs_from_september_to_august(day, year):
    assert academic_year_of(day) == year
    starts, ends = academic_year_bounds(year)
    assert starts <= day <= ends


def test_meetings_are_numbered_in_order_within_the_council(council):
    numbers = [services.meeting_create(council=council, date=council.starts_on).number for _ in range(3)]
    assert numbers == [1, 2, 3]


def test_each_council_numbers_its_own_meetings(council, school_b):
    other = mc.make_council(school_b)
    services.meeting_create(council=council, date=council.starts_on)
    assert services.meeting_create(council=other, date=other.starts_on).number == 1


def test_two_meetings_cannot_share_a_number(meeting):
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.create(council=meeting.council, number=meeting.number, date=meeting.date)


@pytest.mark.parametrize("offset", [-1, 365])
def test_a_meeting_outside_the_councils_academic_year_is_refused(council, offset):
    day = council.starts_on + timedelta(days=offset)
    with pytest.raises(CouncilError) as refused:
        services.meeting_create(council=council, date=day)
    assert str(council.academic_year) in refused.value.message
    assert not Meeting.objects.exists()


def test_meetings_on_the_first_and_last_day_of_the_academic_year_are_allowed(council):
    first = services.meeting_create(council=council, date=council.starts_on)
    last = services.meeting_create(council=council, date=council.ends_on)
    assert (first.number, last.number) == (1, 2)


def test_a_meeting_without_a_council_gets_a_field_error_not_a_crash():
    with pytest.raises(ValidationError) as refused:
        Meeting(number=1, date=date(2026, 10, 1)).full_clean()
    assert "council" in refused.value.message_dict


def test_a_meeting_counts_as_held_from_its_day_on(council):
    day = council.starts_on + timedelta(days=20)
    held = services.meeting_create(council=council, date=day)
    assert list(Meeting.objects.held(today=day - timedelta(days=1))) == []
    assert list(Meeting.objects.held(today=day)) == [held]


def test_removing_a_meeting_is_allowed_for_the_newest_draft_only(council):
    first = services.meeting_create(council=council, date=council.starts_on)
    second = services.meeting_create(council=council, date=council.starts_on)
    with pytest.raises(CouncilError):
        services.meeting_delete(meeting=first)
    services.meeting_delete(meeting=second)
    assert list(council.meetings.values_list("number", flat=True)) == [1]
    assert services.meeting_create(council=council, date=council.starts_on).number == 2


def test_decision_deadline_before_the_meeting_is_refused(meeting):
    item = mc.make_item(meeting)
    decision = Decision(agenda_item=item, text="Иш планы бекитилсин.", deadline=meeting.date - timedelta(days=1))
    with pytest.raises(ValidationError) as refused:
        decision.full_clean()
    assert "deadline" in refused.value.message_dict


def test_deadline_on_the_meeting_day_is_accepted(meeting):
    item = mc.make_item(meeting)
    Decision(agenda_item=item, text="Иш планы бекитилсин.", deadline=meeting.date).full_clean()


def test_responsible_person_from_another_school_is_refused(meeting, teacher_b):
    item = mc.make_item(meeting)
    decision = Decision(agenda_item=item, text="Иш планы бекитилсин.", responsible=teacher_b)
    with pytest.raises(ValidationError) as refused:
        decision.full_clean()
    assert meeting.council.school.name in " ".join(refused.value.message_dict["responsible"])


def test_district_council_accepts_people_from_any_school_of_its_office(office, teacher_a, teacher_b):
    council = mc.make_district_council(office)
    meeting = services.meeting_create(council=council, date=council.starts_on)
    item = mc.make_item(meeting)
    Decision(agenda_item=item, text="Семинар өткөрүлсүн.", responsible=teacher_b).full_clean()
    stranger = factories.make_staff(factories.make_school(), surname="Сейітов")
    with pytest.raises(ValidationError):
        Decision(agenda_item=item, text="Семинар өткөрүлсүн.", responsible=stranger).full_clean()


def test_overdue_is_counted_by_the_database_from_the_deadline(meeting):
    item = mc.make_item(meeting)
    today = date.today()
    overdue = mc.make_decision(item, deadline=today - timedelta(days=1))
    due_today = mc.make_decision(item, deadline=today)
    no_deadline = mc.make_decision(item)
    done_late = mc.make_decision(item, deadline=today - timedelta(days=30), state="done")
    statuses = dict(Decision.objects.with_status().values_list("pk", "status"))
    assert statuses == {
        overdue.pk: DecisionStatus.OVERDUE,
        due_today.pk: DecisionStatus.OPEN,
        no_deadline.pk: DecisionStatus.OPEN,
        done_late.pk: DecisionStatus.DONE,
    }
    ranked = list(Decision.objects.with_status().order_by("status_rank", "pk").values_list("pk", flat=True))
    assert ranked[0] == overdue.pk and ranked[-1] == done_late.pk


def _ready_to_sign(meeting, present):
    mc.make_item(meeting)
    services.attendance_record(meeting=meeting, rows=[(present.pk, True, "")], guests="")


def test_signing_locks_the_protocol_and_keeps_the_names(meeting, teacher_a, director_a):
    _ready_to_sign(meeting, teacher_a)
    signed = services.meeting_sign(meeting=meeting, by=director_a)
    assert signed.is_signed and signed.signed_by == director_a
    assert signed.secretary_name == "Өмүрова Айгүл Токтосуновна"
    assert signed.language == "ky"
    teacher_a.surname = "Асанова"
    teacher_a.save()
    row = signed.attendance.get()
    assert row.name == "Өмүрова Айгүл Токтосуновна"


def test_a_protocol_is_not_signed_before_the_meeting(school_a, teacher_a, director_a):
    tomorrow = date.today() + timedelta(days=1)
    council = mc.make_council(school_a, academic_year=academic_year_of(tomorrow))  # also on 31 August
    mc.make_member(council, teacher_a, CouncilRole.SECRETARY)
    meeting = services.meeting_create(council=council, date=tomorrow)
    _ready_to_sign(meeting, teacher_a)
    with pytest.raises(CouncilError):
        services.meeting_sign(meeting=meeting, by=director_a)


def test_a_protocol_without_agenda_or_attendance_is_not_signed(meeting, director_a, teacher_a):
    with pytest.raises(CouncilError):
        services.meeting_sign(meeting=meeting, by=director_a)
    mc.make_item(meeting)
    with pytest.raises(CouncilError):
        services.meeting_sign(meeting=meeting, by=director_a)
    meeting.refresh_from_db()
    assert not meeting.is_signed


def test_a_signed_protocol_refuses_every_change_to_its_minutes(meeting, teacher_a, director_a):
    _ready_to_sign(meeting, teacher_a)
    decision = mc.make_decision(meeting.agenda_items.get())
    services.meeting_sign(meeting=meeting, by=director_a)
    with pytest.raises(CouncilError) as refused:
        services.attendance_record(meeting=meeting, rows=[(teacher_a.pk, False, "Ооруп калган")], guests="")
    assert "amendment" in refused.value.message
    with pytest.raises(CouncilError):
        services.recommendation_add(decision=decision, kind="award", staff_member=teacher_a)
    with pytest.raises(CouncilError):
        services.meeting_sign(meeting=meeting, by=director_a)
    assert meeting.attendance.get().present


def test_amendments_are_for_signed_protocols_and_keep_who_and_why(meeting, teacher_a, director_a, teacher_user):
    with pytest.raises(CouncilError):
        services.amendment_add(meeting=meeting, change="2-пункт", reason="Ката", by=teacher_user)
    _ready_to_sign(meeting, teacher_a)
    services.meeting_sign(meeting=meeting, by=director_a)
    amendment = services.amendment_add(
        meeting=meeting, change="2-пункт: мөөнөтү 15.12", reason="Техникалык ката", by=teacher_user
    )
    assert amendment.made_by_name == "Өмүрова Айгүл Токтосуновна"
    assert amendment.made_at is not None


def test_following_a_decision_up_is_allowed_after_signing(meeting, teacher_a, director_a):
    _ready_to_sign(meeting, teacher_a)
    decision = mc.make_decision(meeting.agenda_items.get(), deadline=meeting.date)
    services.meeting_sign(meeting=meeting, by=director_a)
    services.decision_set_state(decision=decision, done=True)
    decision.refresh_from_db()
    assert decision.state == "done" and decision.done_at is not None


def test_recommendation_records_the_renewal_state_on_the_meeting_day(council, teacher_a):
    meeting_day = mc.a_day_this_year()
    record = factories.make_record(teacher_a, completed_on=add_years(meeting_day, -5) + timedelta(days=10))
    meeting = services.meeting_create(council=council, date=meeting_day)
    decision = mc.make_decision(mc.make_item(meeting))
    recommendation = services.recommendation_add(decision=decision, kind="attestation", staff_member=teacher_a)
    assert recommendation.renewal_state == "due_soon"
    assert recommendation.renewal_valid_until == add_years(record.completed_on, 5)


def test_recommendation_for_someone_without_courses_says_no_record(meeting, teacher_a):
    decision = mc.make_decision(mc.make_item(meeting))
    recommendation = services.recommendation_add(decision=decision, kind="award", staff_member=teacher_a)
    assert recommendation.renewal_state == "no_record"
    assert recommendation.renewal_valid_until is None


def test_recommendation_for_another_schools_teacher_is_refused(meeting, teacher_b):
    decision = mc.make_decision(mc.make_item(meeting))
    with pytest.raises(CouncilError):
        services.recommendation_add(decision=decision, kind="award", staff_member=teacher_b)


def test_a_school_has_one_council_per_year(school_a, council):
    with pytest.raises(CouncilError):
        services.council_create(
            office=school_a.office, school=school_a, academic_year=council.academic_year, name="Экинчи"
        )


def test_a_new_school_council_seats_the_director_as_chair(school_a):
    director = factories.make_staff(school_a, surname="Токтогулов", position="director")
    council = services.council_create(
        office=school_a.office, school=school_a, academic_year=mc.current_year(), name="Усулдук кеңеш"
    )
    assert list(council.members.values_list("staff_member", "role")) == [(director.pk, "chair")]


def test_changing_the_meeting_date_past_a_deadline_is_refused(council):
    # October: the day after is in the same academic year whatever today is.
    meeting = services.meeting_create(council=council, date=date(council.academic_year, 10, 1))
    mc.make_decision(mc.make_item(meeting), deadline=meeting.date)
    from methodcouncil.forms import AgendaFormSet, MeetingForm

    later = meeting.date + timedelta(days=1)
    form = MeetingForm({"date": later.isoformat(), "place": ""}, instance=meeting, council=meeting.council)
    formset = AgendaFormSet({"agenda-TOTAL_FORMS": "0", "agenda-INITIAL_FORMS": "0"}, instance=meeting, prefix="agenda")
    assert form.is_valid() and formset.is_valid()
    with pytest.raises(CouncilError):
        services.meeting_update(meeting=meeting, form=form, agenda_formset=formset)
    meeting.refresh_from_db()
    assert meeting.date != later


def test_permissions_follow_the_roles(council, school_a, teacher_a, teacher_user, director_a, director_b, methodist):
    chair_staff = factories.make_staff(school_a, surname="Токтогулов")
    chair_user = factories.make_teacher(chair_staff)
    mc.make_member(council, chair_staff, CouncilRole.CHAIR)
    plain_staff = factories.make_staff(school_a, surname="Асанова")
    plain_user = factories.make_teacher(plain_staff)

    assert can_manage_council(director_a, council) and not can_manage_council(director_b, council)
    assert can_edit_council(teacher_user, council) and not can_manage_council(teacher_user, council)
    assert not can_sign_council_minutes(teacher_user, council)
    assert can_sign_council_minutes(chair_user, council) and not can_edit_council(chair_user, council)
    assert not can_edit_council(methodist, council) and can_view_council(methodist, council)
    assert not can_view_council(plain_user, council) and not can_edit_council(plain_user, council)
