"""The library of rules and the what-if before applying one: the presets' arithmetic, table-driven, and a
preview whose counts are the standing the office has once the rule is applied."""

from datetime import date, timedelta
from unittest import mock

import pytest
from django.core.management import call_command
from django.tasks import TaskResultStatus
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from core.clock import today as office_today
from qualification import renewal, tasks
from qualification.models import CourseKind, Recomputation, RenewalPolicy, RenewalState, RenewalStatus
from qualification.presets import BY_KEY, PRESETS
from qualification.renewal import (
    Completion,
    Standing,
    add_years,
    missing_hours,
    standing_under,
    state_on,
    with_state_counts,
)
from qualification.whatif import STATES, what_if
from schools.models import School
from tests import factories
from tests.walking import Page


def _policy(preset):
    return RenewalPolicy(applies_from=date(2000, 1, 1), **preset.initial())


# (preset, [(completed_on, hours)], valid until)
ARITHMETIC = [
    ("kg-2013", [(date(2022, 3, 1), 72)], date(2027, 3, 1)),
    ("kg-2013", [(date(2022, 3, 1), 36), (date(2023, 3, 1), 36)], None),  # 72 hours in one course
    ("kg-yearly", [(date(2026, 2, 1), 18), (date(2026, 5, 1), 18)], date(2027, 2, 1)),  # adds up over a year
    ("kg-yearly", [(date(2026, 5, 1), 18)], None),
    ("kz-2019", [(date(2024, 9, 1), 72)], date(2027, 9, 1)),
    ("kz-2019", [(date(2024, 9, 1), 36)], None),
]


@pytest.mark.parametrize(("key", "courses", "valid_until"), ARITHMETIC)
def test_each_presets_arithmetic(key, courses, valid_until):
    completions = [Completion(n, day, hours) for n, (day, hours) in enumerate(courses)]
    standing = standing_under(_policy(BY_KEY[key]), completions)
    assert (standing.valid_until if standing else None) == valid_until


def test_every_preset_names_its_basis_and_a_valid_rule():
    for preset in PRESETS:
        assert preset.basis and preset.country in ("KG", "KZ")
        _policy(preset).full_clean(exclude=["office"])


def test_a_preset_fills_the_rule_form(methodist_client):
    form = methodist_client.get(reverse("qualification:policy") + "?preset=kz-2019").context["form"]
    assert (form["period_years"].value(), form["min_hours"].value()) == (3, 72)
    assert "О статусе педагога" in form["note"].value()


@pytest.fixture
def tasks_wait_in_the_database(settings):
    """As in production: applying a rule queues a task that `manage.py db_worker` runs later."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _run_the_worker():
    """The worker in this test's own transaction. Django's test tools keep a request from closing the database
    connection, whose transaction holds the test's data; the worker closes it the same way (a connection outside
    autocommit looks obsolete to it), so it is kept from doing so here too."""
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def test_the_preview_writes_nothing_and_its_counts_are_the_standing_after_applying(
    methodist_client, office, school_a, school_b, tasks_wait_in_the_database, django_capture_on_commit_callbacks
):
    today = office_today()
    for school, years_ago in ((school_a, 4), (school_a, 2), (school_b, 4), (school_b, 1)):
        person = factories.make_staff(school, surname=f"Адам{years_ago}", hire_date=date(2000, 1, 1))
        factories.make_record(person, completed_on=add_years(today, -years_ago))
    stored_before = _stored_standing()
    page = methodist_client.get(reverse("qualification:policy") + "?preset=kz-2019")
    data = {name: page.context["form"][name].value() for name in ("min_hours", "period_years", "counting")}
    data |= {"counted_kinds": [CourseKind.UPGRADE], "due_soon_months": 6, "applies_from": today.isoformat()}
    data["note"] = "3 жыл"
    before = RenewalPolicy.objects.count()
    preview = methodist_client.post(reverse("qualification:policy"), {**data, "preview": "1"}).context["preview"]
    assert RenewalPolicy.objects.count() == before  # nothing saved
    assert [person.surname for person in preview.newly_overdue] == ["Адам4", "Адам4"]
    predicted = {change.school.pk: dict(change.after) for change in preview.schools}

    with django_capture_on_commit_callbacks(execute=True):
        applied = methodist_client.post(reverse("qualification:policy"), data)
    # The request only queued the recomputation: nobody's standing has moved yet, and the task waits.
    assert _stored_standing() == stored_before
    assert DBTaskResult.objects.get().status == TaskResultStatus.READY
    rule_page = methodist_client.get(reverse("qualification:policy")).content.decode()
    assert "0 / 4" in rule_page  # the rule page shows how far the recomputation has come
    link = next(link.href for link in Page("/", rule_page).links if "/recomputations/" in link.href)
    assert link == applied["Location"]  # where applying the rule led
    progress = methodist_client.get(link)
    assert progress.status_code == 200 and '<meta http-equiv="refresh"' in progress.content.decode()
    assert "0 / 4" in progress.content.decode()

    _run_the_worker()
    assert DBTaskResult.objects.get().status == TaskResultStatus.SUCCESSFUL
    for school in with_state_counts(School.objects.filter(pk__in=[school_a.pk, school_b.pk]), today):
        assert {state: getattr(school, state) for state in STATES if getattr(school, state)} == predicted[school.pk]
    done = methodist_client.get(applied["Location"]).content.decode()
    assert "4 / 4" in done and 'http-equiv="refresh"' not in done


def test_the_pages_answer_while_the_recomputation_runs(
    methodist_client, office, school_a, monkeypatch, tasks_wait_in_the_database, django_capture_on_commit_callbacks
):
    for number in range(5):
        factories.make_record(factories.make_staff(school_a, surname=f"Адам{number}"), completed_on=date(2020, 1, 1))
    monkeypatch.setattr(renewal, "OFFICE_CHUNK", 2)
    seen = []

    def refresh_and_look(office_id, progress):
        def look(done, total):
            progress(done, total)
            page = methodist_client.get(reverse("qualification:recomputation", args=[recomputation.pk]))
            seen.append((page.status_code, page.context["recomputation"].done, page.context["recomputation"].state))

        return renewal.refresh_office(office_id, progress=look)

    monkeypatch.setattr(tasks, "refresh_office", refresh_and_look)
    data = {**BY_KEY["kz-2019"].initial(), "applies_from": office_today().isoformat()}
    with django_capture_on_commit_callbacks(execute=True):
        methodist_client.post(reverse("qualification:policy"), data)
    recomputation = Recomputation.objects.get()
    _run_the_worker()
    assert seen == [(200, 2, "running"), (200, 4, "running"), (200, 5, "running")]
    recomputation.refresh_from_db()
    assert (recomputation.state, recomputation.done, recomputation.total) == ("done", 5, 5)
    assert set(RenewalStatus.objects.values_list("policy_id", flat=True)) == {recomputation.policy_id}


def _stored_standing():
    return sorted(RenewalStatus.objects.values_list("staff_member_id", "policy_id", "valid_until"))


def test_what_if_with_the_same_rule_moves_nobody(office, school_a):
    person = factories.make_staff(school_a)
    factories.make_record(person, completed_on=add_years(office_today(), -4))
    rule = _policy(BY_KEY["kg-2013"])
    result = what_if(office.pk, rule, rule, office_today())
    assert result.moved == 0 and result.newly_overdue == []
    assert result.totals[STATES.index(RenewalState.DUE_SOON)] == (1, 1)


@pytest.mark.parametrize(
    ("key", "state", "hours_in_period", "missing"),
    [
        ("kg-yearly", RenewalState.OVERDUE, 20, 16),  # hours add up: what the period lacks
        ("kg-yearly", RenewalState.NO_RECORD, None, 36),
        ("kg-yearly", RenewalState.OVERDUE, 50, 0),
        ("kg-2013", RenewalState.OVERDUE, 50, 72),  # one course of 72 hours, whatever the period holds
        ("kz-2019", RenewalState.DUE_SOON, 0, 0),
        ("kz-2019", RenewalState.VALID, 0, 0),
    ],
)
def test_missing_hours_follow_the_rule(key, state, hours_in_period, missing):
    assert missing_hours(_policy(BY_KEY[key]), state, hours_in_period) == missing
    assert missing_hours(None, state, hours_in_period) == 0


@pytest.mark.parametrize(
    ("valid_until", "due_soon_from", "state"),
    [
        (date(2026, 6, 1), date(2026, 1, 1), RenewalState.VALID),
        (date(2026, 6, 1), date(2025, 12, 5), RenewalState.DUE_SOON),  # the window opens on its first day
        (date(2025, 12, 5), date(2025, 6, 1), RenewalState.DUE_SOON),  # the last valid day
        (date(2025, 12, 4), date(2025, 6, 1), RenewalState.OVERDUE),
    ],
)
def test_a_standings_state_on_a_day(valid_until, due_soon_from, state):
    assert state_on(Standing(valid_until, due_soon_from, 1), date(2025, 12, 5)) == state
    assert state_on(None, date(2025, 12, 5)) == RenewalState.NO_RECORD


def test_a_rule_from_a_later_day_queues_nothing_until_that_day(
    methodist_client, teacher_a, tasks_wait_in_the_database, django_capture_on_commit_callbacks
):
    factories.make_record(teacher_a, completed_on=add_years(office_today(), -4))
    later = office_today() + timedelta(days=30)
    data = {**BY_KEY["kz-2019"].initial(), "applies_from": later.isoformat()}
    with django_capture_on_commit_callbacks(execute=True):
        response = methodist_client.post(reverse("qualification:policy"), data, follow=True)
    assert response.redirect_chain[-1][0] == reverse("qualification:policy")
    assert not Recomputation.objects.exists() and not DBTaskResult.objects.exists()
    assert RenewalStatus.objects.get(staff_member=teacher_a).valid_until == add_years(office_today(), 1)
