"""The "waiting for you" panel on each home: an item appears when something waits, its link lists exactly the
rows it counts, it goes away once they are handled, and the panel costs the same queries for one row or many."""

from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from certificates.models import IssueBatch
from core.clock import today as office_today
from mentorship.models import Activity
from methodcouncil.models import MeetingState
from qualification.models import CourseRequest, RecordState
from qualification.renewal import add_years
from tests import factories
from tests import factories_mentorship as mf
from tests import factories_methodcouncil as mc


def waiting(client):
    return {item.label: item for item in client.get(reverse("home")).context["waiting"]}


def listed(client, item):
    """How many rows the item's link lists."""
    response = client.get(item.url)
    assert response.status_code == 200
    return response.context["page"].paginator.count


def test_director_sees_records_and_requests_to_answer_and_they_go_once_answered(director_a_client, teacher_a):
    record = factories.make_record(teacher_a, state=RecordState.COMPLETED, completed_on=date(2025, 5, 1))
    CourseRequest.objects.create(staff_member=teacher_a, topic="STEM")
    items = waiting(director_a_client)
    records = items["Курсы, ожидающие вашего подтверждения"]
    requests = items["Заявки на курсы, ожидающие ответа"]
    assert (records.count, listed(director_a_client, records)) == (1, 1)
    assert (requests.count, listed(director_a_client, requests)) == (1, 1)
    director_a_client.post(reverse("qualification:record_confirm", args=[record.pk]))
    assert "Курсы, ожидающие вашего подтверждения" not in waiting(director_a_client)


def test_director_sees_who_falls_due_with_nothing_planned_until_a_course_is_planned(director_a_client, teacher_a):
    factories.make_record(teacher_a, completed_on=add_years(office_today(), -5) + timedelta(days=30))
    item = waiting(director_a_client)["Просрочено или наступает в течение 90 дней, курс не запланирован"]
    assert (item.count, listed(director_a_client, item)) == (1, 1)
    factories.make_record(teacher_a, state=RecordState.PLANNED, completed_on=None)
    assert "Просрочено или наступает в течение 90 дней, курс не запланирован" not in waiting(director_a_client)


def test_director_sees_decisions_due_this_week_and_unsigned_minutes(director_a_client, school_a, teacher_a):
    council = mc.make_council(school_a)
    meeting = mc.make_meeting(council, date=office_today() - timedelta(days=3))
    item = mc.make_item(meeting)
    mc.make_decision(item, responsible=teacher_a, deadline=office_today() + timedelta(days=2))
    mc.make_decision(item, responsible=teacher_a, deadline=office_today() + timedelta(days=20))  # not this week
    items = waiting(director_a_client)
    decisions = items["Решения совета со сроком на этой неделе"]
    minutes = items["Протоколы проведённых заседаний без подписи"]
    assert (decisions.count, listed(director_a_client, decisions)) == (1, 1)
    assert (minutes.count, listed(director_a_client, minutes)) == (1, 1)
    meeting.state = MeetingState.SIGNED
    meeting.save()
    assert "Протоколы проведённых заседаний без подписи" not in waiting(director_a_client)


def test_teacher_sees_a_returned_report_with_its_reason_assigned_decisions_and_new_certificates(
    teacher_client, teacher_a, school_a
):
    factories.make_record(teacher_a, state=RecordState.REJECTED, rejection_reason="Скан окулбайт")
    council = mc.make_council(school_a)
    mc.make_decision(mc.make_item(mc.make_meeting(council)), responsible=teacher_a)
    items = list(teacher_client.get(reverse("home")).context["waiting"])
    returned = next(item for item in items if item.label.startswith("Отчёт о курсе вернули"))
    assert returned.detail == "Скан окулбайт" and "/qualification/records/" in returned.url
    decisions = next(item for item in items if item.label == "Решения совета, за которые вы отвечаете")
    assert decisions.count == 1 and decisions.url == reverse("methodcouncil:mine")


def test_mentor_sees_a_quiet_pair_until_a_meeting_is_logged(teacher_b, teacher_a, office):
    mentor_user = factories.make_teacher(teacher_b, username="mentor", language="ru")
    pair = mf.make_pair(mf.make_appointment(teacher_b), teacher_a)
    client = Client()
    client.force_login(mentor_user)
    quiet = [item for item in client.get(reverse("home")).context["waiting"] if item.url.endswith(f"/pairs/{pair.pk}/")]
    assert len(quiet) == 1
    Activity.objects.create(
        office=office, pair=pair, kind="consultation", topic="Сабак", starts_at=timezone.now(), track=pair.track
    )
    assert not [item for item in client.get(reverse("home")).context["waiting"] if "/pairs/" in item.url]


def test_methodist_sees_ending_terms_overdue_schools_and_batches(methodist_client, methodist, office, teacher_a):
    mf.make_appointment(teacher_a, starts_on=office_today() - timedelta(days=700))  # its two years end within 60 days
    factories.make_record(teacher_a, completed_on=add_years(office_today(), -6))
    IssueBatch.objects.create(office=office, requested_by=methodist, layout="ky", total=3, state="failed")
    items = waiting(methodist_client)
    ending = items["Сроки наставников, истекающие в течение 60 дней"]
    assert (ending.count, listed(methodist_client, ending)) == (1, 1)
    overdue = next(item for label, item in items.items() if label.startswith("Просроченные сотрудники"))
    assert (overdue.count, listed(methodist_client, overdue)) == (1, 1)
    assert any("/certificates/batches/" in item.url for item in items.values())


@pytest.mark.parametrize("rows", [1, 6])
def test_the_directors_panel_costs_the_same_queries_for_one_row_or_many(
    director_a_client, school_a, rows, django_assert_num_queries
):
    for number in range(rows):
        person = factories.make_staff(school_a, surname=f"Асанов{number}")
        factories.make_record(person, state=RecordState.COMPLETED, completed_on=date(2025, 5, 1))
        CourseRequest.objects.create(staff_member=person, topic="STEM")
    director_a_client.get(reverse("home"))
    # session and user; the standing (counts, who is due, the unplanned) in one read of the cache; the other
    # charts; one per item; two for the cadence
    with django_assert_num_queries(14):
        director_a_client.get(reverse("home"))


def test_falling_due_means_within_90_days_to_the_day(school_a, office):
    from qualification.renewal import due_without_plan, with_renewal
    from schools.models import StaffMember

    today = office_today()
    for surname, days in (("Токсон", 90), ("Токсонбир", 91), ("Мурун", -400), ("Пландалган", 10)):
        person = factories.make_staff(school_a, surname=surname)
        factories.make_record(person, completed_on=add_years(today + timedelta(days=days), -5))
    factories.make_record(person, state=RecordState.PLANNED, completed_on=None)  # only "Пландалган" has a plan
    people = due_without_plan(with_renewal(StaffMember.objects.filter(school=school_a), today), today)
    assert sorted(people.values_list("surname", flat=True)) == ["Мурун", "Токсон"]
