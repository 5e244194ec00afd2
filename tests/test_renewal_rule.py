"""The 72-hour / five-year rule and its edges, table by table."""

from datetime import date

import pytest

from qualification.models import CountingMode, RenewalPolicy, RenewalState
from qualification.renewal import Completion, add_years, refresh_renewal, standing_under, with_renewal
from schools.models import StaffMember
from tests import factories

SINGLE = RenewalPolicy(min_hours=72, period_years=5, counting=CountingMode.SINGLE, due_soon_months=12)
CUMULATIVE = RenewalPolicy(min_hours=72, period_years=5, counting=CountingMode.CUMULATIVE, due_soon_months=12)


def completions(*items):
    return [Completion(index, completed_on, hours) for index, (completed_on, hours) in enumerate(items, start=1)]


@pytest.mark.parametrize(
    ("day", "years", "expected"),
    [
        (date(2021, 3, 10), 5, date(2026, 3, 10)),
        (date(2024, 2, 29), 5, date(2029, 2, 28)),
        (date(2024, 2, 29), 4, date(2028, 2, 29)),
        (date(2020, 12, 31), 1, date(2021, 12, 31)),
        (date(2026, 3, 10), -5, date(2021, 3, 10)),
    ],
)
def test_adding_years(day, years, expected):
    assert add_years(day, years) == expected


@pytest.mark.parametrize(
    ("policy", "items", "valid_until"),
    [
        (SINGLE, [(date(2021, 3, 10), 72)], date(2026, 3, 10)),
        (SINGLE, [(date(2021, 3, 10), 71)], None),
        (SINGLE, [(date(2021, 3, 10), 71), (date(2022, 5, 1), 1)], None),
        (CUMULATIVE, [(date(2021, 3, 10), 71), (date(2022, 5, 1), 1)], date(2026, 3, 10)),
        (CUMULATIVE, [(date(2021, 3, 10), 36), (date(2022, 5, 1), 36), (date(2024, 1, 5), 18)], date(2026, 3, 10)),
        (CUMULATIVE, [(date(2015, 3, 10), 72), (date(2024, 1, 5), 10)], date(2020, 3, 10)),
        (SINGLE, [(date(2019, 6, 1), 72), (date(2023, 6, 1), 520)], date(2028, 6, 1)),
        (SINGLE, [(date(2024, 2, 29), 72)], date(2029, 2, 28)),
        (SINGLE, [], None),
    ],
)
def test_valid_until_under_each_counting_mode(policy, items, valid_until):
    standing = standing_under(policy, completions(*items))
    assert (standing.valid_until if standing else None) == valid_until


def test_due_soon_starts_the_window_before_validity_ends():
    standing = standing_under(SINGLE, completions((date(2021, 3, 10), 72)))
    assert standing.due_soon_from == date(2025, 3, 10)


@pytest.fixture
def person(school_a):
    return factories.make_staff(school_a, hire_date=date(2015, 9, 1))


def state_on(person, day):
    return with_renewal(StaffMember.objects.filter(pk=person.pk), today=day).get().renewal_state


@pytest.mark.parametrize(
    ("today", "state"),
    [
        (date(2025, 3, 9), RenewalState.VALID),
        (date(2025, 3, 10), RenewalState.DUE_SOON),
        (date(2026, 3, 10), RenewalState.DUE_SOON),
        (date(2026, 3, 11), RenewalState.OVERDUE),
    ],
)
def test_state_on_the_boundary_dates(person, today, state):
    factories.make_record(person, completed_on=date(2021, 3, 10))
    assert state_on(person, today) == state


def test_person_without_a_record_has_no_record_state(person):
    assert state_on(person, date(2026, 1, 1)) == RenewalState.NO_RECORD


@pytest.mark.parametrize("state", ["planned", "completed", "rejected"])
def test_only_confirmed_records_count(person, state):
    factories.make_record(person, completed_on=date(2024, 1, 10), state=state)
    assert state_on(person, date(2025, 1, 1)) == RenewalState.NO_RECORD


def test_a_seminar_does_not_count(person, office):
    seminar = factories.make_course(office, kind="seminar", hours=80)
    factories.make_record(person, seminar, completed_on=date(2024, 1, 10))
    assert state_on(person, date(2025, 1, 1)) == RenewalState.NO_RECORD


def test_a_rule_change_turns_valid_into_overdue(person, office):
    factories.make_record(person, completed_on=add_years(date.today(), -3))
    assert state_on(person, date.today()) == RenewalState.VALID
    RenewalPolicy.objects.create(office=office, period_years=2, applies_from=date(2020, 1, 1))
    refresh_renewal([person.pk])
    assert state_on(person, date.today()) == RenewalState.OVERDUE


def test_cumulative_rule_adds_hours_up(person, office):
    RenewalPolicy.objects.create(office=office, counting=CountingMode.CUMULATIVE, applies_from=date(2020, 1, 1))
    seminar_course = factories.make_course(office, hours=71)
    short_course = factories.make_course(office, hours=1)
    factories.make_record(person, seminar_course, completed_on=date(2024, 3, 1))
    assert state_on(person, date(2025, 1, 1)) == RenewalState.NO_RECORD
    factories.make_record(person, short_course, completed_on=date(2024, 4, 1))
    assert state_on(person, date(2025, 1, 1)) == RenewalState.VALID


def test_a_person_who_moved_school_keeps_their_standing(person, school_b):
    factories.make_record(person, completed_on=date(2023, 1, 14))
    person.school = school_b
    person.save()
    moved = with_renewal(StaffMember.objects.filter(school=school_b), today=date(2024, 1, 1)).get()
    assert moved.renewal_state == RenewalState.VALID
    assert moved.renewal.valid_until == date(2028, 1, 14)
