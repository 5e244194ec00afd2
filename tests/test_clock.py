"""Each office lives on its own date: at 18:30 UTC Bishkek (UTC+6) is already on the next day, Qyzylorda (UTC+5)
is not, and every rule, page and reminder follows the office's date."""

import datetime
from datetime import date

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from core import clock
from qualification.certificates import issue_for_records
from qualification.renewal import add_years
from tests import factories

EVENING_UTC = datetime.datetime(2026, 12, 4, 18, 30, tzinfo=datetime.UTC)


@pytest.fixture
def evening(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: EVENING_UTC)


@pytest.fixture
def offices(db):
    return {
        "Asia/Bishkek": factories.make_office(time_zone="Asia/Bishkek"),
        "Asia/Qyzylorda": factories.make_office(country="KZ", region="Қызылорда", time_zone="Asia/Qyzylorda"),
    }


def test_the_two_offices_are_on_different_days_at_half_past_six_utc(evening):
    assert clock.today("Asia/Bishkek") == date(2026, 12, 5)
    assert clock.today("Asia/Qyzylorda") == date(2026, 12, 4)


def test_a_course_valid_until_the_4th_is_overdue_in_bishkek_and_due_soon_in_qyzylorda(evening, offices, client):
    """The course counted until 4 December: Bishkek's director sees it overdue, Qyzylorda's still due soon."""
    counts = {}
    for zone, office in offices.items():
        school = factories.make_school(office)
        person = factories.make_staff(school, hire_date=date(2010, 9, 1), email=f"{office.pk}@mektep.kg")
        factories.make_record(person, completed_on=add_years(date(2026, 12, 4), -5))
        client.force_login(factories.make_director(school, username=f"director-{office.pk}"))
        counts[zone] = dict(client.get(reverse("qualification:status")).context["counts"])
    assert (counts["Asia/Bishkek"]["overdue"], counts["Asia/Bishkek"]["due_soon"]) == (1, 0)
    assert (counts["Asia/Qyzylorda"]["overdue"], counts["Asia/Qyzylorda"]["due_soon"]) == (0, 1)


def test_a_methodists_form_starts_on_the_offices_date(evening, offices, client):
    client.force_login(factories.make_methodist(offices["Asia/Qyzylorda"]))
    form = client.get(reverse("qualification:policy")).context["form"]
    assert form["applies_from"].value() == date(2026, 12, 4)
    client.force_login(factories.make_methodist(offices["Asia/Bishkek"], username="bishkek"))
    assert client.get(reverse("qualification:policy")).context["form"]["applies_from"].value() == date(2026, 12, 5)


def test_the_daily_reminders_judge_each_office_on_its_own_date(evening, offices):
    """Valid until 5 March 2027: 90 days ahead in Bishkek (already the 5th of December there, a reminder is due),
    91 in Qyzylorda (still the 4th)."""
    for zone, office in offices.items():
        person = factories.make_staff(factories.make_school(office), email=f"{zone.lower()}@mektep.kg")
        factories.make_record(person, completed_on=date(2022, 3, 5))
    call_command("send_renewal_reminders", stdout=None)
    assert [message.to for message in mail.outbox] == [["asia/bishkek@mektep.kg"]]


def test_a_certificate_printed_outside_a_request_is_dated_in_its_offices_zone(evening, offices, settings, tmp_path):
    """A batch runs in the task worker, in no office's request: the Qyzylorda certificate is dated the 4th."""
    settings.MEDIA_ROOT = tmp_path
    office = offices["Asia/Qyzylorda"]
    factories.make_certificate_settings(office, default_layout="kk")
    record = factories.make_record(factories.make_staff(factories.make_school(office)), completed_on=date(2026, 11, 2))
    _document, new, _existing = issue_for_records(
        record_ids=[record.pk], layout="kk", by=factories.make_methodist(office)
    )
    assert new[0].issued_on == date(2026, 12, 4)
