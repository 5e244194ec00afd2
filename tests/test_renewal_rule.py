"""The 72-hour / five-year rule and its edges, table by table."""

from datetime import date, timedelta

import pytest

from qualification.models import CountingMode, RenewalPolicy, RenewalState, RenewalStatus
from qualification.renewal import (
    Completion,
    OfficePolicies,
    add_years,
    attach_due_dates,
    refresh_offices_with_a_new_rule,
    refresh_renewal,
    standing_under,
    with_renewal,
)
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


def test_a_single_72_hour_course_renews_under_cumulative_counting():
    standing = standing_under(CUMULATIVE, completions((date(2021, 3, 10), 72)))
    assert (standing.valid_until, standing.due_soon_from, standing.last_record_id) == (
        date(2026, 3, 10),
        date(2025, 3, 10),
        1,
    )


@pytest.mark.parametrize("policy", [SINGLE, CUMULATIVE])
def test_the_last_course_is_the_newest_one_whatever_the_order_they_were_entered_in(policy):
    items = completions((date(2022, 5, 1), 72), (date(2023, 6, 1), 72), (date(2019, 1, 1), 72))
    standing = standing_under(policy, items)
    assert (standing.valid_until, standing.last_record_id) == (date(2028, 6, 1), 2)


@pytest.mark.parametrize("policy", [SINGLE, CUMULATIVE])
def test_of_two_courses_on_one_day_the_later_entered_is_the_last(policy):
    standing = standing_under(policy, completions((date(2023, 6, 1), 72), (date(2023, 6, 1), 72)))
    assert standing.last_record_id == 2


def test_a_short_course_after_the_qualifying_one_is_the_last_only_when_hours_add_up():
    items = completions((date(2022, 5, 1), 72), (date(2023, 6, 1), 10))
    assert standing_under(SINGLE, items).last_record_id == 1
    assert standing_under(CUMULATIVE, items).last_record_id == 2
    assert standing_under(CUMULATIVE, items).valid_until == date(2027, 5, 1)


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


def test_a_person_without_a_record_is_first_due_one_period_after_hiring(person, office, school_a):
    counted = factories.make_staff(school_a, surname="Асанова", hire_date=date(2019, 9, 1))
    factories.make_record(counted, completed_on=date(2022, 4, 5))
    people = attach_due_dates(list(with_renewal(StaffMember.objects.order_by("surname"), today=date(2024, 1, 1))))
    assert [(p.surname, p.due_date) for p in people] == [
        ("Асанова", date(2027, 4, 5)),
        ("Бусурманкулова", date(2020, 9, 1)),
    ]
    RenewalPolicy.objects.create(office=office, period_years=3, applies_from=date(2020, 1, 1))
    people = attach_due_dates(list(with_renewal(StaffMember.objects.filter(pk=person.pk), today=date(2024, 1, 1))))
    assert people[0].due_date == date(2018, 9, 1)


def test_office_policies_look_each_office_up_once(person, office, django_assert_num_queries):
    rule = RenewalPolicy.objects.create(office=office, min_hours=36, applies_from=date(2020, 1, 1))
    policies = OfficePolicies()
    with django_assert_num_queries(1):
        first = policies.for_person(person)
        second = policies[office.pk]
    assert first == second == rule


def stored(person):
    return RenewalStatus.objects.get(staff_member=person)


def test_the_daily_run_recomputes_exactly_the_offices_whose_rule_changed(person, office, school_a):
    colleague = factories.make_staff(school_a, surname="Асанова")
    factories.make_record(person, completed_on=add_years(date.today(), -3))
    other_office = factories.make_office()
    other_person = factories.make_staff(factories.make_school(other_office))
    factories.make_record(other_person, completed_on=add_years(date.today(), -3))
    unchanged_office = factories.make_office()
    unchanged_person = factories.make_staff(factories.make_school(unchanged_office))
    factories.make_record(unchanged_person, completed_on=add_years(date.today(), -3))
    unchanged_row = stored(unchanged_person)
    assert refresh_offices_with_a_new_rule() == []

    for changed in (office, other_office):
        RenewalPolicy.objects.create(office=changed, period_years=2, applies_from=date.today())
    # One person of the office was already judged under the new rule: the office is still redone once.
    factories.make_record(colleague, completed_on=add_years(date.today(), -1))
    assert sorted(refresh_offices_with_a_new_rule()) == sorted([office.pk, other_office.pk])

    assert state_on(person, date.today()) == RenewalState.OVERDUE
    assert state_on(other_person, date.today()) == RenewalState.OVERDUE
    assert stored(unchanged_person).pk == unchanged_row.pk
    assert state_on(unchanged_person, date.today()) == RenewalState.VALID
    assert refresh_offices_with_a_new_rule() == []


def test_due_dates_use_the_rules_the_page_has_already_looked_up(person, office, django_assert_num_queries):
    RenewalPolicy.objects.create(office=office, period_years=3, applies_from=date(2020, 1, 1))
    people = list(
        with_renewal(StaffMember.objects.filter(pk=person.pk).select_related("school"), today=date(2024, 1, 1))
    )
    policies = OfficePolicies()
    policies.for_person(person)
    with django_assert_num_queries(0):
        attach_due_dates(people, policies)
    assert people[0].due_date == date(2018, 9, 1)


def test_a_course_completed_today_counts_and_one_dated_tomorrow_does_not(person, school_a):
    today = date.today()
    factories.make_record(person, completed_on=today)
    assert (stored(person).valid_until, state_on(person, today)) == (add_years(today, 5), RenewalState.VALID)
    later = factories.make_staff(school_a, surname="Асанова")
    factories.make_record(later, completed_on=today + timedelta(days=1))
    assert state_on(later, today) == RenewalState.NO_RECORD


@pytest.mark.parametrize(("hours", "state"), [(71, RenewalState.NO_RECORD), (72, RenewalState.VALID)])
def test_an_office_without_a_rule_of_its_own_follows_the_seeds_rule(person, office, hours, state):
    factories.make_record(person, factories.make_course(office, hours=hours), completed_on=date(2023, 1, 14))
    assert state_on(person, date(2024, 1, 1)) == state
    rule = RenewalPolicy.objects.get(office=office)
    assert (rule.min_hours, rule.period_years, rule.counting, rule.due_soon_months) == (72, 5, "single", 12)


def test_under_the_seeds_rule_two_36_hour_courses_do_not_add_up(person, office):
    for completed_on in (date(2023, 1, 14), date(2023, 5, 20)):
        factories.make_record(person, factories.make_course(office, hours=36), completed_on=completed_on)
    assert state_on(person, date(2024, 1, 1)) == RenewalState.NO_RECORD
