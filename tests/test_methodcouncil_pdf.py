"""The printed protocol: its sections in the traditional order, in the school's language, with amendments."""

import subprocess
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext

from methodcouncil import services
from methodcouncil.models import CouncilRole, Speech
from tests import factories
from tests import factories_methodcouncil as mc

pytestmark = pytest.mark.django_db

TOPICS = ["Жаш адистерге насаатчыларды бекитүү", "Ачык сабактардын графигин бекитүү"]


def pdf_text(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=response.content, capture_output=True, check=True
    ).stdout.decode()
    return " ".join(text.split())


def assert_in_order(text, parts):
    position = 0
    for part in parts:
        found = text.find(part, position)
        assert found >= 0, (part, text[position : position + 300])
        position = found + len(part)


def in_language(language, *messages):
    with translation.override(language):
        return [gettext(message) for message in messages]


@pytest.fixture
def kyrgyz_protocol(school_a, teacher_a, director_a):
    council = mc.make_council(school_a, name="Усулдук кеңеш")
    chair = factories.make_staff(school_a, surname="Токтогулов", given_name="Нурбек", patronymic="Кубанычбекович")
    absent = factories.make_staff(school_a, surname="Сүйүнбаева", given_name="Гүлзат", patronymic="Эсеновна")
    mc.make_member(council, chair, CouncilRole.CHAIR)
    mc.make_member(council, teacher_a, CouncilRole.SECRETARY)
    mc.make_member(council, absent)
    meeting = services.meeting_create(council=council, date=mc.a_day_this_year(days_ago=2), place="Китепкана")
    services.attendance_record(
        meeting=meeting,
        rows=[(chair.pk, True, ""), (teacher_a.pk, True, ""), (absent.pk, False, "Ооруп калган")],
        guests="Ж. Бусурманкулова, райондук методист",
    )
    first = mc.make_item(meeting, topic=TOPICS[0], heard_speaker=chair)
    first.heard_topic = "Насаатчылар тууралуу маалымат берди."
    first.save()
    Speech.objects.create(agenda_item=first, who="Өмүрова Айгүл Токтосуновна", summary="Сунушту колдоду.")
    decision = mc.make_decision(
        first, text="Ар бир жаш адиске насаатчы бекитилсин.", responsible=teacher_a, deadline=meeting.date
    )
    services.recommendation_add(decision=decision, kind="award", staff_member=teacher_a, details="Ардак грамота")
    mc.make_item(meeting, topic=TOPICS[1])
    return meeting


def test_protocol_prints_its_sections_in_kyrgyz(kyrgyz_protocol, director_a, director_a_client):
    meeting = services.meeting_sign(meeting=kyrgyz_protocol, by=director_a)
    text = pdf_text(director_a_client.get(reverse("methodcouncil:meeting_protocol", args=[meeting.pk])))
    agenda, heard, spoke, resolved, chair, secretary = in_language(
        "ky", "Agenda", "HEARD", "SPOKE", "RESOLVED", "Chair", "Secretary"
    )
    with translation.override("ky"):
        printed_date = formats.date_format(meeting.date, "DATE_FORMAT")
    assert "№2 Ж. Бөкөнбаев атындагы орто мектеби" in text
    assert "Усулдук кеңеш" in text
    assert printed_date in text
    assert_in_order(text, [agenda, TOPICS[0], TOPICS[1], f"1. {TOPICS[0]}", heard, spoke, resolved, f"2. {TOPICS[1]}"])
    assert "Насаатчылар тууралуу маалымат берди." in text
    assert "Ооруп калган" in text and "Сүйүнбаева Гүлзат Эсеновна" in text
    assert "Ж. Бусурманкулова, райондук методист" in text
    assert "Ар бир жаш адиске насаатчы бекитилсин." in text
    assert "Ардак грамота" in text
    assert f"{chair} ____________________ Токтогулов Нурбек Кубанычбекович" in text
    assert f"{secretary} ____________________ Өмүрова Айгүл Токтосуновна" in text


def test_protocol_in_kazakh_for_a_kazakh_school(other_office_school):
    school = other_office_school
    director = factories.make_director(school)
    secretary = factories.make_staff(school, surname="Жұмабекова", given_name="Әсел", patronymic="Серікқызы")
    council = mc.make_council(school, name="Әдістемелік кеңес")
    mc.make_member(council, secretary, CouncilRole.SECRETARY)
    meeting = services.meeting_create(council=council, date=mc.a_day_this_year(days_ago=1))
    item = mc.make_item(meeting, topic="Жас мамандарға тәлімгерлер бекіту")
    mc.make_decision(item, text="Әр жас маманға тәлімгер бекітілсін.", responsible=secretary)
    services.attendance_record(meeting=meeting, rows=[(secretary.pk, True, "")], guests="")
    meeting = services.meeting_sign(meeting=meeting, by=director)
    methodist = Client()
    methodist.force_login(factories.make_methodist(school.office))
    text = pdf_text(methodist.get(reverse("methodcouncil:meeting_protocol", args=[meeting.pk])))
    resolved, secretary_label = in_language("kk", "RESOLVED", "Secretary")
    with translation.override("kk"):
        printed_date = formats.date_format(meeting.date, "DATE_FORMAT")
    assert meeting.language == "kk"
    assert printed_date in text
    assert "Әдістемелік кеңес" in text and "№101 мектеп-лицей" in text
    assert "Жас мамандарға тәлімгерлер бекіту" in text
    assert resolved in text and "Әр жас маманға тәлімгер бекітілсін." in text
    assert f"{secretary_label} ____________________ Жұмабекова Әсел Серікқызы" in text


def test_a_school_teaching_in_uzbek_prints_in_russian(office):
    school = factories.make_school(office, name="№8 А. Навои атындагы орто мектеби", instruction_language="uz")
    assert mc.make_council(school).protocol_language() == "ru"


def test_amendments_print_after_the_signed_protocol(kyrgyz_protocol, director_a, teacher_user, teacher_client):
    meeting = services.meeting_sign(meeting=kyrgyz_protocol, by=director_a)
    services.amendment_add(
        meeting=meeting, change="1-пункт: мөөнөтү 15.12 болуп оңдолсун.", reason="Техникалык ката", by=teacher_user
    )
    text = pdf_text(teacher_client.get(reverse("methodcouncil:meeting_protocol", args=[meeting.pk])))
    (heading,) = in_language("ky", "Amendments to the signed protocol")
    assert text.index(heading) > text.index("Токтогулов Нурбек Кубанычбекович")
    assert "1-пункт: мөөнөтү 15.12 болуп оңдолсун." in text
    assert "Техникалык ката" in text


def test_a_signed_protocol_keeps_the_names_it_was_signed_with(kyrgyz_protocol, director_a, teacher_a, teacher_client):
    meeting = services.meeting_sign(meeting=kyrgyz_protocol, by=director_a)
    teacher_a.surname = "Асанова"
    teacher_a.save()
    text = pdf_text(teacher_client.get(reverse("methodcouncil:meeting_protocol", args=[meeting.pk])))
    assert "Өмүрова Айгүл Токтосуновна" in text
    assert "Асанова Айгүл" not in text


def test_a_draft_protocol_is_marked_as_such(kyrgyz_protocol, teacher_client):
    text = pdf_text(teacher_client.get(reverse("methodcouncil:meeting_protocol", args=[kyrgyz_protocol.pk])))
    (mark,) = in_language("ky", "DRAFT — not signed")
    assert mark in text


def test_another_schools_protocol_pdf_is_404(kyrgyz_protocol, director_b_client):
    url = reverse("methodcouncil:meeting_protocol", args=[kyrgyz_protocol.pk])
    assert director_b_client.get(url).status_code == 404


def test_deadline_prints_in_the_schools_language(kyrgyz_protocol, teacher_client):
    decision = kyrgyz_protocol.agenda_items.first().decisions.get()
    decision.deadline = kyrgyz_protocol.date + timedelta(days=20)
    decision.save()
    text = pdf_text(teacher_client.get(reverse("methodcouncil:meeting_protocol", args=[kyrgyz_protocol.pk])))
    with translation.override("ky"):
        assert formats.date_format(decision.deadline, "DATE_FORMAT") in text
