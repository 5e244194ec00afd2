"""Methodical council pages by role: the secretary's editing, the chair's signature, scope, the board, the
methodist's overview, the teacher's own page, the register and the plan; query counts of the lists."""

import re
from datetime import date, timedelta

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

from methodcouncil import services
from methodcouncil.models import (
    AgendaItem,
    Amendment,
    Attendance,
    ConsideredDocument,
    CouncilRole,
    Decision,
    Meeting,
    Recommendation,
    Speech,
)
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

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def council(school_a, teacher_a):
    """School A's council this year; teacher A (the teacher persona) is its secretary."""
    council = mc.make_council(school_a)
    mc.make_member(council, teacher_a, CouncilRole.SECRETARY)
    return council


@pytest.fixture
def member(council, school_a):
    person = factories.make_staff(school_a, surname="Сатыбалдиев", given_name="Нурлан", patronymic="Асанович")
    mc.make_member(council, person)
    return person


@pytest.fixture
def meeting(council):
    return services.meeting_create(council=council, date=mc.a_day_this_year(days_ago=1), place="Китепкана")


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def agenda_data(rows, initial=0, **extra):
    """Post data of the agenda formset: rows are (id or "", order, topic, delete)."""
    data = {
        "date": extra.pop("date"),
        "place": extra.pop("place", ""),
        "plan_item": "",
        "agenda-TOTAL_FORMS": str(len(rows)),
        "agenda-INITIAL_FORMS": str(initial),
        **extra,
    }
    for index, (pk, order, topic, delete) in enumerate(rows):
        data[f"agenda-{index}-id"] = pk
        data[f"agenda-{index}-ORDER"] = order
        data[f"agenda-{index}-topic"] = topic
        if delete:
            data[f"agenda-{index}-DELETE"] = "on"
    return data


def minutes_data(item, decisions=(), speeches=(), speaker="", heard="", **extra):
    data = {
        **extra,
        "heard-heard_speaker": speaker,
        "heard-heard_topic": heard,
        "speeches-TOTAL_FORMS": str(len(speeches)),
        "speeches-INITIAL_FORMS": "0",
        "decisions-TOTAL_FORMS": str(len(decisions)),
        "decisions-INITIAL_FORMS": "0",
    }
    for index, (who, summary) in enumerate(speeches):
        data[f"speeches-{index}-who"] = who
        data[f"speeches-{index}-summary"] = summary
        data[f"speeches-{index}-agenda_item"] = item.pk
    for index, (text, responsible, deadline) in enumerate(decisions):
        data[f"decisions-{index}-text"] = text
        data[f"decisions-{index}-responsible"] = responsible
        data[f"decisions-{index}-deadline"] = deadline
        data[f"decisions-{index}-agenda_item"] = item.pk
    return data


# The secretary's workflow ---------------------------------------------------------------------------------


def test_home_sends_each_role_to_its_page(council, teacher_client, director_a_client, methodist_client):
    assert teacher_client.get(reverse("methodcouncil:home")).url == reverse("methodcouncil:mine")
    assert director_a_client.get(reverse("methodcouncil:home")).url == council.get_absolute_url()
    assert methodist_client.get(reverse("methodcouncil:home")).url == reverse("methodcouncil:overview")


def test_secretary_creates_meetings_numbered_in_order(council, teacher_client):
    url = reverse("methodcouncil:meeting_create", args=[council.pk])
    for _ in range(2):
        response = teacher_client.post(url, {"date": mc.a_day_this_year().isoformat(), "place": "Мугалимдер бөлмөсү"})
        assert response.status_code == 302
    assert list(council.meetings.values_list("number", flat=True)) == [1, 2]


def test_a_meeting_dated_in_another_academic_year_is_refused_on_the_page(council, teacher_client):
    response = teacher_client.post(
        reverse("methodcouncil:meeting_create", args=[council.pk]),
        {"date": (council.starts_on - timedelta(days=1)).isoformat(), "place": ""},
    )
    assert response.status_code == 200
    assert council.year_label in " ".join(response.context["form"].errors["date"])
    assert not Meeting.objects.exists()


def test_agenda_add_another_keeps_what_was_typed(meeting, teacher_client):
    url = reverse("methodcouncil:meeting_edit", args=[meeting.pk])
    data = agenda_data([("", "", "Иш планын бекитүү", False)], date=meeting.date.isoformat(), add_item="1")
    response = teacher_client.post(url, data)
    assert response.status_code == 200
    formset = response.context["formset"]
    assert formset.total_form_count() == 2
    assert formset.forms[0]["topic"].value() == "Иш планын бекитүү"
    assert not AgendaItem.objects.exists()


def test_agenda_items_are_added_reordered_and_removed_in_one_save(meeting, teacher_client):
    first = mc.make_item(meeting, topic="Биринчи", order=1)
    second = mc.make_item(meeting, topic="Экинчи", order=2)
    gone = mc.make_item(meeting, topic="Алынып салынат", order=3)
    mc.make_decision(gone)
    data = agenda_data(
        [
            (first.pk, "2", "Биринчи", False),
            (second.pk, "1", "Экинчи (тактоо)", False),
            (gone.pk, "3", "Алынып салынат", True),
            ("", "", "Жаңы маселе", False),
        ],
        initial=3,
        date=meeting.date.isoformat(),
        save="1",
    )
    response = teacher_client.post(reverse("methodcouncil:meeting_edit", args=[meeting.pk]), data)
    assert response.status_code == 302
    topics = list(meeting.agenda_items.order_by("order").values_list("order", "topic"))
    assert topics == [(1, "Экинчи (тактоо)"), (2, "Биринчи"), (3, "Жаңы маселе")]
    assert not Decision.objects.exists()


def test_attendance_records_present_absent_with_reason_and_guests(meeting, council, teacher_a, member, teacher_client):
    data = {
        "attendance-TOTAL_FORMS": "2",
        "attendance-INITIAL_FORMS": "2",
        "attendance-0-staff_member": teacher_a.pk,
        "attendance-0-present": "on",
        "attendance-1-staff_member": member.pk,
        "attendance-1-absence_reason": "Курста",
        "guests": "Ж. Бусурманкулова, райондук методист",
    }
    response = teacher_client.post(reverse("methodcouncil:meeting_attendance", args=[meeting.pk]), data)
    assert response.status_code == 302
    rows = dict(Attendance.objects.values_list("staff_member", "absence_reason"))
    assert rows == {teacher_a.pk: "", member.pk: "Курста"}
    meeting.refresh_from_db()
    assert meeting.guests == "Ж. Бусурманкулова, райондук методист"


def test_attendance_for_someone_outside_the_council_writes_nothing(meeting, teacher_a, teacher_b, teacher_client):
    data = {
        "attendance-TOTAL_FORMS": "1",
        "attendance-INITIAL_FORMS": "1",
        "attendance-0-staff_member": teacher_b.pk,
        "attendance-0-present": "on",
        "guests": "Конок",
    }
    response = teacher_client.post(reverse("methodcouncil:meeting_attendance", args=[meeting.pk]), data, follow=True)
    assert any("members" in message for message in messages_of(response))
    assert not Attendance.objects.exists()
    meeting.refresh_from_db()
    assert meeting.guests == ""


def test_minutes_record_heard_spoke_and_resolved(meeting, member, teacher_client):
    item = mc.make_item(meeting)
    data = minutes_data(
        item,
        speaker=member.pk,
        heard="Иш планы боюнча маалымат берди.",
        speeches=[("Өмүрова А. Т.", "Сунушту колдоду."), ("Конок", "Тажрыйба менен бөлүштү.")],
        decisions=[("Иш планы бекитилсин.", member.pk, (meeting.date + timedelta(days=30)).isoformat())],
    )
    response = teacher_client.post(reverse("methodcouncil:minutes_edit", args=[meeting.pk, item.pk]), data)
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.heard_speaker == member
    assert Speech.objects.filter(agenda_item=item).count() == 2
    decision = Decision.objects.get()
    assert decision.responsible == member and decision.state == "open"


def test_the_minutes_offer_the_schools_people_in_styled_selects_read_once(
    meeting, member, teacher_client, django_assert_num_queries
):
    item = mc.make_item(meeting)
    mc.make_decision(item, text="Токтом", responsible=member)
    url = reverse("methodcouncil:minutes_edit", args=[meeting.pk, item.pk])
    teacher_client.get(url)  # the session's first request renews it
    with django_assert_num_queries(11) as one:  # the school's people are read once, whatever the decisions
        teacher_client.get(url)
    for number in range(4):
        mc.make_decision(item, text=f"Токтом {number}", responsible=member)
    with django_assert_num_queries(len(one.captured_queries)):
        response = teacher_client.get(url)
    selects = re.findall(r"<select[^>]*>.*?</select>", response.content.decode(), re.DOTALL)
    assert len(selects) == 7  # the speaker heard, and the person responsible for each decision and a new one
    for select in selects:
        assert 'class="form-select form-select-sm"' in select
        assert f'<option value="{member.pk}"' in select
    assert sum(f'<option value="{member.pk}" selected>' in select for select in selects) == 5


def test_minutes_add_another_decision_keeps_what_was_typed(meeting, teacher_client):
    item = mc.make_item(meeting)
    data = minutes_data(item, decisions=[("Иш планы бекитилсин.", "", "")], add_decision="1")
    response = teacher_client.post(reverse("methodcouncil:minutes_edit", args=[meeting.pk, item.pk]), data)
    assert response.status_code == 200
    decisions = response.context["decisions"]
    assert decisions.total_form_count() == 2
    assert decisions.forms[0]["text"].value() == "Иш планы бекитилсин."
    assert not Decision.objects.exists()


def test_deadline_before_the_meeting_is_refused_and_nothing_is_written(meeting, member, teacher_client):
    item = mc.make_item(meeting)
    data = minutes_data(
        item,
        heard="Маалымат",
        speeches=[("Конок", "Колдоду.")],
        decisions=[
            ("Биринчи токтом.", member.pk, meeting.date.isoformat()),
            ("Экинчи токтом.", member.pk, (meeting.date - timedelta(days=1)).isoformat()),
        ],
    )
    response = teacher_client.post(reverse("methodcouncil:minutes_edit", args=[meeting.pk, item.pk]), data)
    assert response.status_code == 200
    errors = response.context["decisions"].forms[1].errors["deadline"]
    assert meeting.date.strftime("%d.%m.%Y") in " ".join(errors)
    assert not Decision.objects.exists() and not Speech.objects.exists()
    item.refresh_from_db()
    assert item.heard_topic == ""


def test_responsible_person_from_another_school_is_refused_with_a_clear_message(meeting, teacher_b, teacher_client):
    item = mc.make_item(meeting)
    data = minutes_data(item, decisions=[("Токтом.", teacher_b.pk, "")])
    response = teacher_client.post(reverse("methodcouncil:minutes_edit", args=[meeting.pk, item.pk]), data)
    assert response.status_code == 200
    errors = " ".join(response.context["decisions"].forms[0].errors["responsible"])
    assert meeting.council.school.name in errors
    assert not Decision.objects.exists()


def test_secretary_cannot_sign_but_the_chair_and_the_director_can(
    meeting, council, teacher_a, school_a, teacher_client
):
    mc.make_item(meeting)
    services.attendance_record(meeting=meeting, rows=[(teacher_a.pk, True, "")], guests="")
    sign_url = reverse("methodcouncil:meeting_sign", args=[meeting.pk])
    assert teacher_client.post(sign_url).status_code == 403
    chair = factories.make_staff(school_a, surname="Токтогулов", given_name="Нурбек", position="director")
    mc.make_member(council, chair, CouncilRole.CHAIR)
    chair_client = client_for(factories.make_teacher(chair))
    response = chair_client.post(sign_url, follow=True)
    assert response.status_code == 200
    meeting.refresh_from_db()
    assert meeting.is_signed
    assert meeting.chair_name.startswith("Токтогулов") and meeting.secretary_name.startswith("Өмүрова")


def test_director_signs_from_the_meeting_page(meeting, teacher_a, director_a_client):
    mc.make_item(meeting)
    services.attendance_record(meeting=meeting, rows=[(teacher_a.pk, True, "")], guests="")
    page = director_a_client.get(reverse("methodcouncil:meeting", args=[meeting.pk]))
    assert page.context["can_sign"]
    response = director_a_client.post(reverse("methodcouncil:meeting_sign", args=[meeting.pk]), follow=True)
    assert any(str(meeting.number) in message for message in messages_of(response))
    meeting.refresh_from_db()
    assert meeting.is_signed


@pytest.fixture
def signed_meeting(meeting, teacher_a, director_a):
    item = mc.make_item(meeting, topic="Иш планы")
    mc.make_decision(item, deadline=meeting.date)
    services.attendance_record(meeting=meeting, rows=[(teacher_a.pk, True, "")], guests="")
    return services.meeting_sign(meeting=meeting, by=director_a)


@pytest.mark.parametrize("page", ["meeting_edit", "meeting_attendance"])
def test_editing_a_signed_protocol_is_refused_with_a_message(signed_meeting, teacher_client, page):
    url = reverse(f"methodcouncil:{page}", args=[signed_meeting.pk])
    response = teacher_client.post(url, {"date": signed_meeting.date.isoformat()}, follow=True)
    assert any("amendment" in message for message in messages_of(response))
    assert response.redirect_chain[-1][0] == signed_meeting.get_absolute_url()
    item = signed_meeting.agenda_items.get()
    assert item.topic == "Иш планы"
    assert signed_meeting.attendance.get().present


def test_editing_the_minutes_of_a_signed_protocol_is_refused(signed_meeting, teacher_client):
    item = signed_meeting.agenda_items.get()
    data = minutes_data(item, decisions=[("Жаңы токтом.", "", "")], heard="Өзгөртүү")
    response = teacher_client.post(reverse("methodcouncil:minutes_edit", args=[signed_meeting.pk, item.pk]), data)
    assert response.status_code == 302
    assert Decision.objects.count() == 1
    item.refresh_from_db()
    assert item.heard_topic == ""


def test_amendment_on_a_signed_protocol_records_who_when_and_why(signed_meeting, teacher_client):
    response = teacher_client.post(
        reverse("methodcouncil:meeting_amend", args=[signed_meeting.pk]),
        {"change": "1-пункт: мөөнөтү 15.12.", "reason": "Катачылык"},
    )
    assert response.status_code == 302
    amendment = Amendment.objects.get()
    assert amendment.made_by_name == "Өмүрова Айгүл Токтосуновна"
    page = teacher_client.get(signed_meeting.get_absolute_url())
    assert "1-пункт: мөөнөтү 15.12." in page.content.decode()


def test_decisions_of_a_signed_protocol_can_still_be_marked_done(signed_meeting, teacher_client):
    decision = Decision.objects.get()
    response = teacher_client.post(reverse("methodcouncil:decision_state", args=[decision.pk]), {"state": "done"})
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.state == "done"


def test_recommendation_page_adds_one_with_the_renewal_snapshot(meeting, member, teacher_client):
    decision = mc.make_decision(mc.make_item(meeting))
    response = teacher_client.post(
        reverse("methodcouncil:recommendation_create", args=[decision.pk]),
        {"staff_member": member.pk, "kind": "category", "details": "Биринчи категория"},
    )
    assert response.status_code == 302
    recommendation = Recommendation.objects.get()
    assert recommendation.renewal_state == "no_record"


# Scope and roles ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["meeting", "meeting_protocol", "meeting_edit", "meeting_attendance", "meeting_amend"])
def test_another_schools_protocol_is_404(meeting, director_b_client, name):
    assert director_b_client.get(reverse(f"methodcouncil:{name}", args=[meeting.pk])).status_code == 404


def test_another_schools_council_is_404_and_its_decisions_are_untouched(meeting, director_b_client):
    decision = mc.make_decision(mc.make_item(meeting))
    assert director_b_client.get(reverse("methodcouncil:council", args=[meeting.council_id])).status_code == 404
    response = director_b_client.post(reverse("methodcouncil:decision_state", args=[decision.pk]), {"state": "done"})
    assert response.status_code == 404
    decision.refresh_from_db()
    assert decision.state == "open"


def test_methodist_of_another_office_gets_404(meeting, other_office):
    outsider = client_for(factories.make_methodist(other_office))
    assert outsider.get(reverse("methodcouncil:meeting", args=[meeting.pk])).status_code == 404


def test_methodist_reads_every_school_council_but_cannot_edit(meeting, methodist_client):
    assert methodist_client.get(reverse("methodcouncil:meeting", args=[meeting.pk])).status_code == 200
    assert methodist_client.get(reverse("methodcouncil:meeting_protocol", args=[meeting.pk])).status_code == 200
    response = methodist_client.post(
        reverse("methodcouncil:meeting_edit", args=[meeting.pk]), agenda_data([], date=meeting.date.isoformat())
    )
    assert response.status_code == 403
    assert methodist_client.post(reverse("methodcouncil:meeting_sign", args=[meeting.pk])).status_code == 403
    meeting.refresh_from_db()
    assert not meeting.is_signed


def test_a_teacher_who_is_not_a_member_does_not_see_the_council(meeting, school_a):
    outsider = client_for(factories.make_teacher(factories.make_staff(school_a, surname="Асанова")))
    assert outsider.get(reverse("methodcouncil:council", args=[meeting.council_id])).status_code == 404
    assert outsider.get(reverse("methodcouncil:meeting", args=[meeting.pk])).status_code == 404


def test_a_plain_member_reads_but_cannot_edit(meeting, member):
    member_client = client_for(factories.make_teacher(member))
    assert member_client.get(reverse("methodcouncil:meeting", args=[meeting.pk])).status_code == 200
    assert member_client.get(reverse("methodcouncil:meeting_edit", args=[meeting.pk])).status_code == 403


def test_only_the_director_edits_the_members(council, teacher_client, director_a_client):
    url = reverse("methodcouncil:council_members", args=[council.pk])
    assert teacher_client.get(url).status_code == 403
    assert director_a_client.get(url).status_code == 200


def test_chair_and_secretary_can_swap_roles(council, teacher_a, member, director_a_client):
    chair = council.members.get(staff_member=member)
    chair.role = CouncilRole.CHAIR
    chair.save()
    secretary = council.members.get(staff_member=teacher_a)
    data = {
        "members-TOTAL_FORMS": "2",
        "members-INITIAL_FORMS": "2",
        "members-0-id": secretary.pk,
        "members-0-council": council.pk,
        "members-0-staff_member": teacher_a.pk,
        "members-0-role": "chair",
        "members-1-id": chair.pk,
        "members-1-council": council.pk,
        "members-1-staff_member": member.pk,
        "members-1-role": "secretary",
        "save": "1",
    }
    response = director_a_client.post(reverse("methodcouncil:council_members", args=[council.pk]), data)
    assert response.status_code == 302
    assert dict(council.members.values_list("staff_member", "role")) == {teacher_a.pk: "chair", member.pk: "secretary"}


def test_two_chairs_are_refused(council, teacher_a, member, director_a_client):
    secretary = council.members.get(staff_member=teacher_a)
    data = {
        "members-TOTAL_FORMS": "2",
        "members-INITIAL_FORMS": "1",
        "members-0-id": secretary.pk,
        "members-0-council": council.pk,
        "members-0-staff_member": teacher_a.pk,
        "members-0-role": "chair",
        "members-1-council": council.pk,
        "members-1-staff_member": member.pk,
        "members-1-role": "chair",
    }
    response = director_a_client.post(reverse("methodcouncil:council_members", args=[council.pk]), data)
    assert response.status_code == 200
    assert response.context["formset"].non_form_errors()
    assert council.members.get(staff_member=teacher_a).role == "secretary"


# The decisions board, the overview and the teacher's own page -----------------------------------------------


def _decisions(meeting, count, responsible=None):
    item = mc.make_item(meeting)
    today = date.today()
    for index in range(count):
        deadline = today - timedelta(days=1) if index % 3 == 0 else today + timedelta(days=index)
        mc.make_decision(item, text=f"Токтом {index}", responsible=responsible, deadline=max(deadline, meeting.date))


def test_board_shows_overdue_first_then_open_then_done(school_a, member, director_a_client):
    # Last academic year's meeting: its deadline has passed whatever today is.
    last_year = mc.make_council(school_a, academic_year=mc.current_year() - 1)
    meeting = services.meeting_create(council=last_year, date=date(last_year.academic_year, 10, 1))
    item = mc.make_item(meeting)
    done = mc.make_decision(item, text="Аткарылды", state="done")
    open_one = mc.make_decision(item, text="Ачык", deadline=date.today() + timedelta(days=5))
    overdue = mc.make_decision(item, text="Мөөнөтү өттү", deadline=meeting.date, responsible=member)
    response = director_a_client.get(reverse("methodcouncil:decisions"))
    assert [d.pk for d in response.context["page"].object_list] == [overdue.pk, open_one.pk, done.pk]
    by_person = director_a_client.get(reverse("methodcouncil:decisions"), {"responsible": member.pk})
    assert [d.pk for d in by_person.context["page"].object_list] == [overdue.pk]
    by_state = director_a_client.get(reverse("methodcouncil:decisions"), {"status": "done"})
    assert [d.pk for d in by_state.context["page"].object_list] == [done.pk]


def test_board_of_a_director_shows_only_their_school(meeting, school_b, director_b_client):
    mc.make_decision(mc.make_item(meeting))
    response = director_b_client.get(reverse("methodcouncil:decisions"))
    assert list(response.context["page"].object_list) == []


def test_methodist_board_filters_by_school(meeting, school_b, methodist_client):
    mc.make_decision(mc.make_item(meeting))
    other = services.meeting_create(council=mc.make_council(school_b), date=mc.a_day_this_year())
    mc.make_decision(mc.make_item(other))
    response = methodist_client.get(reverse("methodcouncil:decisions"), {"school": school_b.pk})
    rows = response.context["page"].object_list
    assert [d.agenda_item.meeting.council.school_id for d in rows] == [school_b.pk]


def test_a_methodist_chooses_the_school_before_the_responsible_person(meeting, member, school_a, methodist_client):
    """Without a school the select offers nobody (a district's councils name hundreds of people); with one, that
    school's staff; a link naming one person still filters by them."""
    mine = mc.make_decision(mc.make_item(meeting), responsible=member)
    board = reverse("methodcouncil:decisions")

    def offered(params):
        field = methodist_client.get(board, params).context["filter"].form.fields["responsible"]
        return field, [person.pk for person in field.queryset]

    field, people = offered({})
    assert people == []
    with translation.override("ky"):
        assert str(field.empty_label) == translation.gettext("Choose a school first")
    field, people = offered({"school": school_a.pk})
    assert member.pk in people and field.empty_label != "Choose a school first"
    response = methodist_client.get(board, {"responsible": member.pk})
    assert [decision.pk for decision in response.context["page"].object_list] == [mine.pk]


@pytest.mark.parametrize(
    ("language", "title"), [("ru", "№ {number} от {date}"), ("ky", "{date} №{number}"), ("kk", "{date} №{number}")]
)
def test_board_names_each_meeting_in_the_readers_language(meeting, member, director_a_client, language, title):
    _decisions(meeting, 2, member)
    director_a_client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = director_a_client.get(reverse("methodcouncil:decisions")).content.decode()
    link = f'<a href="{meeting.get_absolute_url()}#item-'
    expected = title.format(number=meeting.number, date=meeting.date.strftime("%d.%m.%Y"))
    assert page.count(link) == 2
    assert page.split(link, 1)[1].split(">", 1)[1].startswith(f"{expected}</a>")


def test_board_query_count_does_not_grow_with_rows(meeting, member, director_a_client, django_assert_num_queries):
    _decisions(meeting, 1, member)
    url = reverse("methodcouncil:decisions")
    director_a_client.get(url)  # warm the session and the catalogues
    # The page's meetings (with their councils) and the people responsible each come in a query of their own.
    with django_assert_num_queries(9) as one:
        director_a_client.get(url)
    _decisions(meeting, 30, member)
    with django_assert_num_queries(len(one.captured_queries)):
        response = director_a_client.get(url)
    rows = response.context["page"].object_list
    assert len(rows) == 31
    # One meeting's decisions share its instance, so its link and title are worked out once a page.
    assert len({id(decision.meeting) for decision in rows}) == 1


def test_meeting_list_query_count_does_not_grow_with_rows(
    council, teacher_a, teacher_client, django_assert_num_queries
):
    def add_meeting():
        meeting = services.meeting_create(council=council, date=mc.a_day_this_year())
        item = mc.make_item(meeting)
        mc.make_decision(item)
        mc.make_attendance(meeting, teacher_a)

    add_meeting()
    url = reverse("methodcouncil:meetings", args=[council.pk])
    teacher_client.get(url)
    with django_assert_num_queries(8) as one:
        teacher_client.get(url)
    for _ in range(12):
        add_meeting()
    with django_assert_num_queries(len(one.captured_queries)):
        response = teacher_client.get(url)
    rows = response.context["page"].object_list
    assert len(rows) == 13
    assert (rows[0].item_count, rows[0].present_count, rows[0].decision_count) == (1, 1, 1)


def test_methodist_overview_counts_each_school(meeting, school_b, teacher_a, methodist_client, director_a_client):
    item = mc.make_item(meeting)
    mc.make_decision(item, deadline=date.today() + timedelta(days=3))
    mc.make_decision(item, state="done")
    decision = mc.make_decision(item)
    services.recommendation_add(decision=decision, kind="award", staff_member=teacher_a)
    response = methodist_client.get(reverse("methodcouncil:overview"))
    rows = {school.pk: school for school in response.context["schools"]}
    school_a_row = rows[meeting.council.school_id]
    assert (school_a_row.meetings_held, school_a_row.open_decisions, school_a_row.recommendations) == (1, 2, 1)
    assert school_a_row.current_council == meeting.council_id
    assert (rows[school_b.pk].meetings_held, rows[school_b.pk].current_council) == (0, None)
    assert director_a_client.get(reverse("methodcouncil:overview")).status_code == 403


def test_teacher_sees_own_decisions_and_recommendations_only(meeting, teacher_a, member, teacher_client):
    item = mc.make_item(meeting)
    mine = mc.make_decision(item, text="Мониторинг жүргүзүлсүн", responsible=teacher_a)
    mc.make_decision(item, text="Башка бирөөнүн токтому", responsible=member)
    services.recommendation_add(decision=mine, kind="award", staff_member=teacher_a)
    services.recommendation_add(decision=mine, kind="category", staff_member=member)
    response = teacher_client.get(reverse("methodcouncil:mine"))
    assert [d.pk for d in response.context["decisions"]] == [mine.pk]
    assert [r.staff_member_id for r in response.context["recommendations"]] == [teacher_a.pk]
    assert [m.role for m in response.context["memberships"]] == ["secretary"]


# The register of documents and the annual plan ------------------------------------------------------------


@pytest.fixture(autouse=False)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_document_is_registered_with_its_file_and_served_in_scope(
    media, signed_meeting, teacher_client, director_b_client
):
    council = signed_meeting.council
    response = teacher_client.post(
        reverse("methodcouncil:document_create", args=[council.pk]),
        {
            "title": "Усулдук кеңеш жөнүндө жобо",
            "kind": "regulation",
            "considered_at": signed_meeting.pk,
            "approved_on": signed_meeting.date.isoformat(),
            "approved_by": "Н. Токтогулов",
            "file": SimpleUploadedFile("жобо.pdf", PDF, content_type="application/pdf"),
        },
    )
    assert response.status_code == 302
    document = ConsideredDocument.objects.get()
    assert document.file.name.startswith("council-documents/") and document.file.name.endswith(".pdf")
    register = teacher_client.get(reverse("methodcouncil:documents")).content.decode()
    assert "Усулдук кеңеш жөнүндө жобо" in register
    download = teacher_client.get(reverse("methodcouncil:document_file", args=[document.pk]))
    assert download.status_code == 200 and "attachment" in download["Content-Disposition"]
    assert director_b_client.get(reverse("methodcouncil:document_file", args=[document.pk])).status_code == 404


def test_a_teacher_who_does_not_sit_on_the_council_sees_none_of_its_documents(media, signed_meeting, school_a):
    document = ConsideredDocument.objects.create(
        council=signed_meeting.council,
        title="Усулдук кеңеш жөнүндө жобо",
        kind="regulation",
        considered_at=signed_meeting,
        file=SimpleUploadedFile("жобо.pdf", PDF, content_type="application/pdf"),
    )
    outsider = factories.make_staff(school_a, surname="Бөтөнова")
    client = Client()
    client.force_login(factories.make_teacher(outsider, username="outsider"))
    assert "Усулдук кеңеш жөнүндө жобо" not in client.get(reverse("methodcouncil:documents")).content.decode()
    assert client.get(reverse("methodcouncil:document_file", args=[document.pk])).status_code == 404
    assert client.get(reverse("methodcouncil:council", args=[signed_meeting.council_id])).status_code in (403, 404)


def test_a_document_cannot_be_approved_before_it_was_considered(signed_meeting, teacher_client):
    response = teacher_client.post(
        reverse("methodcouncil:document_create", args=[signed_meeting.council_id]),
        {
            "title": "Программа",
            "kind": "programme",
            "considered_at": signed_meeting.pk,
            "approved_on": (signed_meeting.date - timedelta(days=1)).isoformat(),
        },
    )
    assert response.status_code == 200
    assert "approved_on" in response.context["form"].errors
    assert not ConsideredDocument.objects.exists()


def test_plan_item_is_added_and_a_meeting_fulfils_it(council, teacher_client):
    month = council.starts_on.replace(month=10)
    response = teacher_client.post(
        reverse("methodcouncil:council_plan", args=[council.pk]),
        {"month": month.isoformat(), "topic": "Жаш адистер менен иш"},
    )
    assert response.status_code == 302
    item = council.plan_items.get()
    services.meeting_create(council=council, date=month, plan_item=item)
    page = teacher_client.get(reverse("methodcouncil:council_plan", args=[council.pk]))
    assert [meeting.number for meeting in page.context["items"][0].meetings.all()] == [1]


def test_plan_outside_the_academic_year_is_refused(council, teacher_client):
    response = teacher_client.post(
        reverse("methodcouncil:council_plan", args=[council.pk]),
        {"month": date(council.academic_year + 2, 1, 1).isoformat(), "topic": "Кеч"},
    )
    assert response.status_code == 200
    assert not council.plan_items.exists()


def test_director_creates_the_council_and_a_methodist_a_district_one(
    school_a, director_a_client, methodist_client, office
):
    year = mc.current_year()
    response = director_a_client.post(
        reverse("methodcouncil:council_create"), {"academic_year": year, "name": "Усулдук кеңеш"}
    )
    assert response.status_code == 302
    response = methodist_client.post(
        reverse("methodcouncil:council_create"), {"academic_year": year, "name": "Райондук усулдук кеңеш"}
    )
    assert response.status_code == 302
    councils = {(c.school_id, c.office_id) for c in school_a.office.councils.all()}
    assert councils == {(school_a.pk, office.pk), (None, office.pk)}
    again = director_a_client.post(reverse("methodcouncil:council_create"), {"academic_year": year, "name": "Дагы"})
    assert again.status_code == 200 and again.context["form"].non_field_errors()
