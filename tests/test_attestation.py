"""Attestation: each country's categories as office data, the next attestation's due date by country and
position, recording a result from the person's page, and the attestation list's category and filter."""

import io
from datetime import date

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from core.clock import today as office_today
from methodcouncil.models import Recommendation
from qualification.models import Attestation, AttestationCategory, next_attestation_due
from tests import factories
from tests import factories_methodcouncil as mc

pytestmark = pytest.mark.django_db


def test_a_new_office_starts_with_its_countrys_categories():
    kz = factories.make_office(country="KZ", code="ҚЗ")
    kg = factories.make_office(country="KG", code="КГ")
    assert list(kz.attestation_categories.values_list("name_ru", flat=True)) == [
        "педагог-стажёр",
        "педагог",
        "педагог-модератор",
        "педагог-эксперт",
        "педагог-исследователь",
        "педагог-мастер",
    ]
    assert kz.attestation_categories.get(code="intern").first_year
    assert list(kg.attestation_categories.values_list("code", flat=True)) == ["none", "second", "first", "highest"]


@pytest.mark.parametrize(
    ("country", "position", "due"),
    [
        ("KZ", "subject_teacher", date(2027, 4, 10)),
        ("KZ", "director", date(2025, 4, 10)),
        ("KG", "subject_teacher", None),
    ],
)
def test_the_next_attestation_falls_due_by_country_and_position(country, position, due):
    person = factories.make_staff(factories.make_school(factories.make_office(country=country)), position=position)
    assert next_attestation_due(person, Attestation(awarded_on=date(2022, 4, 10)), country) == due
    assert next_attestation_due(person, None, country) is None


def test_a_director_records_an_attestation_from_the_persons_page(director_a_client, teacher_a, director_b_client):
    person_url = reverse("qualification:person", args=[teacher_a.pk])
    record_url = reverse("qualification:attestation_record", args=[teacher_a.pk])
    assert record_url in director_a_client.get(person_url).content.decode()
    category = AttestationCategory.objects.get(office=teacher_a.school.office, code="first")
    data = {"category": category.pk, "awarded_on": "2025-04-10", "order_number": "№ 12"}
    assert director_b_client.post(record_url, data).status_code == 404  # another school's director
    assert director_a_client.post(record_url, data).status_code == 302
    assert category.name_ru in director_a_client.get(person_url).content.decode()  # the director reads Russian
    future = {**data, "awarded_on": date(office_today().year + 1, 1, 1).isoformat()}
    assert director_a_client.post(record_url, future).status_code == 200
    assert Attestation.objects.filter(staff_member=teacher_a).count() == 1


def test_the_attestation_list_shows_the_category_and_finds_who_is_due_this_year():
    office = factories.make_office(country="KZ", code="ҚО")
    school = factories.make_school(office)
    methodist = factories.make_methodist(office, username="kz-methodist", language="ru")
    client = Client()
    client.force_login(methodist)
    year = office_today().year
    teacher = AttestationCategory.objects.get(office=office, code="moderator")
    due = factories.make_staff(school, surname="Мерзімді", position="subject_teacher")
    Attestation.objects.create(staff_member=due, category=teacher, awarded_on=date(year - 5, 3, 1))
    later = factories.make_staff(school, surname="Кейінгі", position="subject_teacher")
    Attestation.objects.create(staff_member=later, category=teacher, awarded_on=date(year - 2, 3, 1))
    page = client.get(reverse("home:attestation"))
    rows = {person.surname: person for person in page.context["page"].object_list}
    assert rows["Мерзімді"].category_name == "педагог-модератор"
    assert rows["Мерзімді"].next_attestation == date(year, 3, 1)
    filtered = client.get(reverse("home:attestation") + "?attestation=due")
    assert [person.surname for person in filtered.context["page"].object_list] == ["Мерзімді"]


def test_the_attestation_list_shows_the_councils_latest_recommendation_from_signed_minutes(
    director_a_client, school_a, teacher_a, director_b_client
):
    council = mc.make_council(school_a)
    recommended = factories.make_staff(school_a, surname="Сунушталган")
    draft_only = factories.make_staff(school_a, surname="Долбоордо")

    def recommend(person, meeting, details):
        decision = mc.make_decision(mc.make_item(meeting))
        return Recommendation.objects.create(
            decision=decision, kind="category", staff_member=person, details=details, renewal_state="valid"
        )

    earlier = mc.make_meeting(council, state="signed", date=mc.a_day_this_year(days_ago=20))
    later = mc.make_meeting(council, state="signed", date=mc.a_day_this_year())
    recommend(recommended, earlier, "экинчи категория")
    recommend(recommended, later, "биринчи категория")
    recommend(draft_only, mc.make_meeting(council), "жогорку категория")  # minutes still in draft

    page = director_a_client.get(reverse("home:attestation"))
    rows = {person.surname: person.recommendation for person in page.context["page"].object_list}
    assert rows["Сунушталган"].details == "биринчи категория"
    assert rows["Долбоордо"] is None and rows[teacher_a.surname] is None
    html = page.content.decode()
    assert "биринчи категория" in html and "экинчи категория" not in html and "жогорку категория" not in html
    export = director_a_client.get(reverse("home:attestation") + "?export=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(export.content)).active
    by_name = {row[0]: row[-1] for row in sheet.iter_rows(min_row=2, values_only=True)}  # the last column
    assert "биринчи категория (Протокол № 2" in by_name[recommended.full_name]  # the director reads Russian
    assert not by_name[draft_only.full_name]
    assert "Сунушталган" not in director_b_client.get(reverse("home:attestation")).content.decode()
