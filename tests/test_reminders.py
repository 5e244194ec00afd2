from datetime import date, timedelta

from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from qualification.digest import school_digest
from qualification.models import ReminderSent
from qualification.reminders import send_reminders
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


def test_each_person_is_reminded_90_60_and_30_days_ahead_once_each_then_monthly_while_overdue(school_a):
    person = factories.make_staff(school_a, email="omurova@example.kg")
    factories.make_record(person, completed_on=date(2021, 3, 1))  # counts until 1 March 2026
    due = date(2026, 3, 1)
    days = [due - timedelta(days=n) for n in (120, 90, 89, 75, 60, 45, 30, 10, 1)] + [
        due + timedelta(days=n) for n in (1, 5, 31, 40)
    ]
    for day in days:
        send_reminders(today=day)
        send_reminders(today=day)  # a second run the same day sends nothing
    kinds = list(ReminderSent.objects.order_by("sent_at", "pk").values_list("kind", "month"))
    assert kinds == [
        ("due_90", due),
        ("due_60", due),
        ("due_30", due),
        ("personal", date(2026, 3, 1)),
        ("personal", date(2026, 4, 1)),
    ]
    assert len(mail.outbox) == 5


def test_a_person_who_turned_reminders_off_gets_none_and_a_director_likewise(school_a, director_a, teacher_a):
    person = factories.make_staff(school_a, email="omurova@example.kg", email_reminders=False)
    factories.make_record(person, completed_on=add_years(date.today(), -5))
    director_a.email = "director@example.kg"
    director_a.save()
    teacher_a.user = director_a
    teacher_a.email_reminders = False
    teacher_a.save()
    call_command("send_renewal_reminders", stdout=None)
    assert mail.outbox == []


def test_the_digest_in_the_directors_language_lists_who_falls_due_in_each_window(school_a, director_a):
    today = date.today()
    for surname, days in (("Мөөнөтү", -3), ("Отуз", 20), ("Алтымыш", 50), ("Токсон", 80), ("Кийин", 200)):
        person = factories.make_staff(school_a, surname=surname)
        factories.make_record(person, completed_on=add_years(today + timedelta(days=days), -5))
    digest = school_digest(school_a, today)
    assert [p.surname for p in digest.overdue] == ["Мөөнөтү"]
    assert {days: [p.surname for p in people] for days, people in digest.due.items()} == {
        30: ["Отуз"],
        60: ["Алтымыш"],
        90: ["Токсон"],
    }
    director_a.email, director_a.language = "director@example.kg", "ky"
    director_a.save()
    send_reminders()
    (message,) = [message for message in mail.outbox if message.to == ["director@example.kg"]]
    assert "30 күндүн ичинде мөөнөтү келет" in message.body and "Кийин" not in message.body


def test_the_director_reads_the_same_digest_in_the_app(director_a_client, school_a):
    person = factories.make_staff(school_a, surname="Отуз")
    factories.make_record(person, completed_on=add_years(date.today() + timedelta(days=20), -5))
    page = director_a_client.get(reverse("qualification:digest"))
    assert page.context["digest"].due[30] == [person]
    assert "Отуз" in page.content.decode()


def test_a_teacher_turns_reminders_off_on_their_profile(teacher_client, teacher_a, teacher_user):
    form = teacher_client.get(reverse("schools:profile")).context["form"]
    assert form["email_reminders"].value() is True
    data = {"first_name": "Айгүл", "last_name": "Өмүрова", "email": "", "language": "ky"}
    assert teacher_client.post(reverse("schools:profile"), data).status_code == 302  # the box left unticked
    teacher_a.refresh_from_db()
    assert teacher_a.email_reminders is False
