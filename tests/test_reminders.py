from datetime import date

from django.core import mail
from django.core.management import call_command

from qualification.renewal import add_years
from tests import factories


def test_reminders_go_once_a_month_in_each_persons_language(school_a, director_a):
    due = factories.make_staff(school_a, surname="Өмүрова", email="omurova@example.kg", preferred_language="kk")
    factories.make_record(due, completed_on=add_years(date.today(), -5))
    valid = factories.make_staff(school_a, surname="Асанов", email="asanov@example.kg")
    factories.make_record(valid, completed_on=add_years(date.today(), -1))
    director_a.email = "director@example.kg"
    director_a.language = "ru"
    director_a.save()

    call_command("send_renewal_reminders", stdout=None)
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == ["director@example.kg", "omurova@example.kg"]
    personal = next(message for message in mail.outbox if message.to == ["omurova@example.kg"])
    assert "курс" in personal.body
    assert "Dear" not in personal.body
    digest = next(message for message in mail.outbox if message.to == ["director@example.kg"])
    assert "Өмүрова" in digest.body

    call_command("send_renewal_reminders", stdout=None)
    assert len(mail.outbox) == 2


def test_a_rule_that_starts_today_is_applied_by_the_daily_run(office, school_a):
    from qualification.models import RenewalPolicy

    person = factories.make_staff(school_a)
    factories.make_record(person, completed_on=add_years(date.today(), -3))
    RenewalPolicy.objects.create(office=office, period_years=2, applies_from=date.today())
    call_command("send_renewal_reminders", stdout=None)
    person.renewal.refresh_from_db()
    assert person.renewal.valid_until == add_years(date.today(), -1)
