"""A printed protocol speaks one language, the one it was signed in: its headings, labels, dates and signatures
block are never in the reader's interface language, never a mix, never a raw English key.

Each protocol is read by someone whose interface is in another of the three languages, so a label rendered
outside the protocol's language shows up as a foreign word. The people and topics are typed in the protocol's
own language, so any letter of another alphabet on the page comes from the app, not from the data.
"""

import re
import subprocess
import zoneinfo
from datetime import datetime, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext, ngettext

from methodcouncil import services
from methodcouncil.models import ConsideredDocument, CouncilRole, DocumentKind, RecommendationKind, Speech
from qualification.models import RenewalState
from tests import factories
from tests import factories_methodcouncil as mc

pytestmark = pytest.mark.django_db

LANGUAGES = ("ky", "kk", "ru")
# The interface language of the person downloading each protocol: always another one.
READER_LANGUAGE = {"ky": "ru", "kk": "ky", "ru": "kk"}
# Letters of the other alphabets that neither this protocol's labels nor its (typed) data contain.
FOREIGN_LETTERS = {"ky": "әғқұһі", "kk": "", "ru": "әғқңөұүһі"}
SIGNATURE_LINE = "____________________"

# Everything the user typed, in the protocol's language. Names are surname, given name, patronymic.
TYPED = {
    "ky": {
        "school": "№2 Ж. Бөкөнбаев атындагы орто мектеби",
        "council": "Усулдук кеңеш",
        "chair": ("Токтогулов", "Нурбек", "Кубанычбекович"),
        "secretary": ("Өмүрова", "Айгүл", "Токтосуновна"),
        "absent": ("Сүйүнбаева", "Гүлзат", "Эсеновна"),
        "reason": "Ооруп калган",
        "guests": "Ж. Бусурманкулова, райондук методист",
        "place": "Китепкана",
        "topics": ["Жаш адистерге насаатчыларды бекитүү", "Ачык сабактардын графигин бекитүү"],
        "report": "Насаатчылар тууралуу маалымат берди.",
        "speech": ("Асанов Бакыт", "Сунушту колдоду."),
        "decision": "Ар бир жаш адиске насаатчы бекитилсин.",
        "award": "Ардак грамота",
        "document": "Насаатчылык жөнүндө жобо",
        "change": "1-пункт: мөөнөтү оңдолсун.",
        "why": "Техникалык ката",
    },
    "kk": {
        "school": "№101 мектеп-лицей",
        "council": "Әдістемелік кеңес",
        "chair": ("Сейітқали", "Ержан", "Бақытұлы"),
        "secretary": ("Жұмабекова", "Әсел", "Серікқызы"),
        "absent": ("Құлымбетова", "Гүлнұр", "Әбілқызы"),
        "reason": "Ауырып қалды",
        "guests": "Ә. Нұрланова, аудандық әдіскер",
        "place": "Кітапхана",
        "topics": ["Жас мамандарға тәлімгерлер бекіту", "Ашық сабақтар кестесін бекіту"],
        "report": "Тәлімгерлер туралы ақпарат берді.",
        "speech": ("Оспанов Нұрлан", "Ұсынысты қолдады."),
        "decision": "Әр жас маманға тәлімгер бекітілсін.",
        "award": "Құрмет грамотасы",
        "document": "Тәлімгерлік туралы ереже",
        "change": "1-тармақ: мерзімі түзетілсін.",
        "why": "Техникалық қате",
    },
    "ru": {
        "school": "Средняя школа № 5 имени А. С. Пушкина",
        "council": "Методический совет",
        "chair": ("Петров", "Сергей", "Иванович"),
        "secretary": ("Кузнецова", "Елена", "Викторовна"),
        "absent": ("Смирнова", "Ольга", "Павловна"),
        "reason": "Болезнь",
        "guests": "Н. Белова, методист района",
        "place": "Библиотека",
        "topics": ["Об утверждении наставников молодым специалистам", "О графике открытых уроков"],
        "report": "Представил список наставников.",
        "speech": ("Орлова Мария", "Поддержала предложение."),
        "decision": "Закрепить наставника за каждым молодым специалистом.",
        "award": "Почётная грамота",
        "document": "Положение о наставничестве",
        "change": "Пункт 1: исправить срок.",
        "why": "Техническая ошибка",
    },
}

# Every fixed word the protocol prints (the template's msgids and the choice labels it shows).
LABELS = [
    "PROTOCOL No. %(number)s",
    "Chair",
    "Secretary",
    "Invited",
    "Agenda",
    "HEARD",
    "SPOKE",
    "RESOLVED",
    "Responsible: %(name)s",
    "deadline: %(date)s",
    "Recommended for %(kind)s: %(name)s",
    "Course renewal on the day of the meeting",
    "valid until %(date)s",
    "Documents considered",
    "Signed on %(date)s",
    "Amendments to the signed protocol",
    "Why: %(reason)s. Recorded by %(name)s on %(date)s",
    "DRAFT — not signed",
    RenewalState.VALID.label,
    RecommendationKind.AWARD.label,
    DocumentKind.REGULATION.label,
]


def pdf_pages(response):
    """The PDF's pages as pdftotext reads them, each with its whitespace run together."""
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-layout", "-", "-"], input=response.content, capture_output=True, check=True
    ).stdout.decode()
    return [" ".join(page.split()) for page in text.split("\f") if page.strip()]


def labels_in(language):
    """Each label's fixed words in `language`: its text up to the first placeholder, when that says something."""
    with translation.override(language):
        words = (str(gettext(str(label))).split("%(")[0].strip(" :(") for label in LABELS)
        return {word for word in words if len(word) >= 4}


def in_language(language, message, **values):
    """A msgid, or a lazy choice label, in `language`, with its placeholders filled."""
    with translation.override(language):
        text = gettext(str(message))
        return text % values if values else text


def date_in(language, day, office=None):
    """A date as the protocol prints it; a moment (signed, amended) on the office's calendar."""
    if isinstance(day, datetime):
        day = timezone.localtime(day, zoneinfo.ZoneInfo(office.time_zone))
    with translation.override(language):
        return formats.date_format(day, "DATE_FORMAT")


def assert_in_order(text, parts):
    position = 0
    for part in parts:
        found = text.find(part, position)
        assert found >= 0, (part, text[position : position + 400])
        position = found + len(part)


def make_person(school, name):
    surname, given_name, patronymic = name
    return factories.make_staff(school, surname=surname, given_name=given_name, patronymic=patronymic)


def full_name(parts):
    return " ".join(parts)


def school_speaking(language, office, other_office):
    if language == "kk":
        return factories.make_school(other_office, number=101, name=TYPED["kk"]["school"], instruction_language="kk")
    return factories.make_school(office, number=5, name=TYPED[language]["school"], instruction_language=language)


def reader_client(school, language):
    client = Client()
    client.force_login(factories.make_methodist(school.office, language=READER_LANGUAGE[language]))
    return client


def protocol_url(meeting):
    return reverse("methodcouncil:meeting_protocol", args=[meeting.pk])


def write_minutes(school, typed, agenda_items=2):
    """A draft protocol with every section the printed one has: attendance, agenda, speeches, decisions."""
    council = mc.make_council(school, name=typed["council"])
    chair, secretary, absent = (make_person(school, typed[role]) for role in ("chair", "secretary", "absent"))
    # A course finished a year ago: valid under either country's renewal period, so "valid until" prints a date.
    factories.make_record(secretary, completed_on=mc.a_day_this_year(days_ago=3) - timedelta(days=365))
    mc.make_member(council, chair, CouncilRole.CHAIR)
    mc.make_member(council, secretary, CouncilRole.SECRETARY)
    mc.make_member(council, absent)
    meeting = services.meeting_create(council=council, date=mc.a_day_this_year(days_ago=3), place=typed["place"])
    services.attendance_record(
        meeting=meeting,
        rows=[(chair.pk, True, ""), (secretary.pk, True, ""), (absent.pk, False, typed["reason"])],
        guests=typed["guests"],
    )
    topics = typed["topics"] + [f"{typed['topics'][1]} {number}" for number in range(3, agenda_items + 1)]
    for number, topic in enumerate(topics[:agenda_items], start=1):
        item = mc.make_item(meeting, topic=topic, heard_speaker=chair, heard_topic=typed["report"])
        Speech.objects.create(agenda_item=item, who=typed["speech"][0], summary=typed["speech"][1])
        decision = mc.make_decision(
            item, text=typed["decision"], responsible=secretary, deadline=meeting.date + timedelta(days=10 + number)
        )
        if number == 1:
            services.recommendation_add(
                decision=decision, kind=RecommendationKind.AWARD, staff_member=secretary, details=typed["award"]
            )
    ConsideredDocument.objects.create(
        council=council, title=typed["document"], kind=DocumentKind.REGULATION, considered_at=meeting
    )
    return meeting, secretary


def sign_and_amend(meeting, secretary, typed):
    director = factories.make_director(meeting.council.school)
    meeting = services.meeting_sign(meeting=meeting, by=director)
    services.amendment_add(
        meeting=meeting, change=typed["change"], reason=typed["why"], by=factories.make_teacher(secretary)
    )
    meeting.refresh_from_db()
    return meeting


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_signed_protocol_prints_every_line_in_its_own_language(language, office, other_office):
    typed = TYPED[language]
    school = school_speaking(language, office, other_office)
    meeting, secretary = write_minutes(school, typed)
    meeting = sign_and_amend(meeting, secretary, typed)
    assert meeting.language == language

    pages = pdf_pages(reader_client(school, language).get(protocol_url(meeting)))
    text = " ".join(re.sub(r" *\d+ */ *\d+$", "", page) for page in pages)  # without the page numbers

    first, second = meeting.agenda_items.all()
    decision = first.decisions.get()
    recommendation = decision.recommendations.get()
    assert recommendation.renewal_state == RenewalState.VALID
    amendment = meeting.amendments.get()
    chair, secretary_name = full_name(typed["chair"]), full_name(typed["secretary"])
    with translation.override(language):
        present = ngettext("Present: %(count)s person", "Present: %(count)s people", 2) % {"count": 2}
        absent = ngettext("Absent: %(count)s person", "Absent: %(count)s people", 1) % {"count": 1}
    assert_in_order(
        text,
        [
            typed["school"],
            typed["council"],
            in_language(language, "PROTOCOL No. %(number)s", number=meeting.number),
            date_in(language, meeting.date),
            typed["place"],
            f"{in_language(language, 'Chair')}: {chair}",
            f"{in_language(language, 'Secretary')}: {secretary_name}",
            present,
            absent,
            f"{full_name(typed['absent'])} ({typed['reason']})",
            f"{in_language(language, 'Invited')}: {typed['guests']}",
            in_language(language, "Agenda"),
            f"1. {first.topic}",
            f"{in_language(language, 'HEARD')}: {chair} — {typed['report']}",
            f"{in_language(language, 'SPOKE')}:",
            f"{typed['speech'][0]}: {typed['speech'][1]}",
            f"{in_language(language, 'RESOLVED')}:",
            typed["decision"],
            in_language(language, "Responsible: %(name)s", name=secretary_name),
            in_language(language, "deadline: %(date)s", date=date_in(language, decision.deadline)),
            in_language(
                language,
                "Recommended for %(kind)s: %(name)s",
                kind=in_language(language, RecommendationKind.AWARD.label),
                name=secretary_name,
            ),
            f"{in_language(language, 'Course renewal on the day of the meeting')}: "
            f"{in_language(language, RenewalState.VALID.label)}",
            in_language(language, "valid until %(date)s", date=date_in(language, recommendation.renewal_valid_until)),
            f"2. {second.topic}",
            in_language(language, "Documents considered"),
            f"{typed['document']} ({in_language(language, DocumentKind.REGULATION.label)})",
            f"{in_language(language, 'Chair')} {SIGNATURE_LINE} {chair}",
            f"{in_language(language, 'Secretary')} {SIGNATURE_LINE} {secretary_name}",
            in_language(language, "Signed on %(date)s", date=date_in(language, meeting.signed_at, school.office)),
            in_language(language, "Amendments to the signed protocol"),
            typed["change"],
            in_language(
                language,
                "Why: %(reason)s. Recorded by %(name)s on %(date)s",
                reason=typed["why"],
                name=secretary_name,
                date=date_in(language, amendment.made_at, school.office),
            ),
        ],
    )
    for other in LANGUAGES:
        if other != language:
            assert date_in(other, meeting.date) not in text, other
            foreign = labels_in(other) - labels_in(language)
            assert foreign and not [label for label in foreign if label in text], other
    assert not re.findall(r"[A-Za-z]+", text), "an English word or an untranslated key"
    assert not [letter for letter in FOREIGN_LETTERS[language] if letter in text]
    assert in_language(language, "DRAFT — not signed") not in text
    # The signatures and the day they were given are read together, on one page.
    (sign_off,) = [page for page in pages if SIGNATURE_LINE in page]
    assert (
        in_language(language, "Signed on %(date)s", date=date_in(language, meeting.signed_at, school.office))
        in sign_off
    )


def test_a_signed_protocol_keeps_its_language_and_names_when_the_school_changes(office, other_office):
    typed = TYPED["ky"]
    school = school_speaking("ky", office, other_office)
    meeting, secretary = write_minutes(school, typed, agenda_items=1)
    meeting = services.meeting_sign(meeting=meeting, by=factories.make_director(school))
    # Afterwards the school starts teaching in Russian, the secretary marries and a new chair is elected.
    school.instruction_language = "ru"
    school.save()
    secretary.surname = "Асанова"
    secretary.save()
    council = meeting.council
    council.members.filter(role=CouncilRole.CHAIR).update(role=CouncilRole.MEMBER)
    mc.make_member(council, factories.make_staff(school, surname="Жээнбеков", given_name="Алмаз"), CouncilRole.CHAIR)

    (text,) = pdf_pages(reader_client(school, "ky").get(protocol_url(meeting)))

    assert f"{in_language('ky', 'Chair')} {SIGNATURE_LINE} {full_name(typed['chair'])}" in text
    assert f"{in_language('ky', 'Secretary')} {SIGNATURE_LINE} {full_name(typed['secretary'])}" in text
    assert "Жээнбеков" not in text and "Асанова" not in text
    assert in_language("ky", "PROTOCOL No. %(number)s", number=meeting.number) in text
    assert date_in("ky", meeting.date) in text
    assert not [label for label in labels_in("ru") if label in text]


def test_a_draft_is_marked_on_every_page_in_its_language(office, other_office):
    typed = TYPED["ky"]
    school = school_speaking("ky", office, other_office)
    meeting, _secretary = write_minutes(school, typed, agenda_items=12)

    pages = pdf_pages(reader_client(school, "ky").get(protocol_url(meeting)))

    assert len(pages) >= 2
    mark = in_language("ky", "DRAFT — not signed")
    assert [page.count(mark) for page in pages] == [1] * len(pages)
    assert in_language("ru", "DRAFT — not signed") not in " ".join(pages)
    assert in_language("ky", "Signed on %(date)s", date="").strip(" :") not in " ".join(pages)


def test_a_district_councils_draft_names_its_office_in_the_protocols_language(office, methodist):
    council = mc.make_district_council(office, name="Райондук усулдук кеңеш")
    chair = factories.make_staff(factories.make_school(office), surname="Токтогулов", given_name="Нурбек")
    mc.make_member(council, chair, CouncilRole.CHAIR)
    meeting = services.meeting_create(council=council, date=mc.a_day_this_year(days_ago=1))
    mc.make_item(meeting, topic="Жаш адистер менен иш")
    methodist.language = "ru"
    methodist.save()
    client = Client()
    client.force_login(methodist)

    (text,) = pdf_pages(client.get(protocol_url(meeting)))

    assert council.protocol_language() == "ky"
    assert office.name_ky in text
    assert office.name_ru not in text
    assert f"{in_language('ky', 'Chair')} {SIGNATURE_LINE} Токтогулов Нурбек" in text


def test_a_district_council_signed_by_a_reader_of_russian_keeps_its_office_in_the_protocols_language(office, methodist):
    council = mc.make_district_council(office, name="Райондук усулдук кеңеш")
    member = factories.make_staff(factories.make_school(office), surname="Токтогулов", given_name="Нурбек")
    mc.make_member(council, member, CouncilRole.CHAIR)
    meeting = services.meeting_create(council=council, date=mc.a_day_this_year(days_ago=1))
    mc.make_item(meeting)
    mc.make_attendance(meeting, member)
    with translation.override("ru"):  # the methodist signs with a Russian interface
        services.meeting_sign(meeting=meeting, by=methodist)
    meeting.refresh_from_db()
    assert (meeting.language, meeting.school_name) == ("ky", office.name_ky)
