import pytest
from django.urls import reverse

from tests import factories


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("бусурманкулова", ["Бусурманкулова"]),
        ("ӨМҮРОВА", ["Өмүрова"]),
        ("өмүрова айгүл", ["Өмүрова"]),
        ("ЖҰМАБЕКОВА ӘСЕЛ", ["Жұмабекова"]),
        ("айгүл токтосуновна", ["Өмүрова"]),
        ("нет такого", []),
        ("федорова", ["Фёдорова"]),  # ё is read as е, as the imports compare names
        ("ФЁДОРОВА", ["Фёдорова"]),
    ],
)
def test_name_search_ignores_case_for_cyrillic(methodist_client, school_a, query, expected):
    factories.make_staff(school_a, surname="Бусурманкулова", given_name="Жаныл", patronymic="Абдимуталиповна")
    factories.make_staff(school_a, surname="Өмүрова", given_name="Айгүл", patronymic="Токтосуновна")
    factories.make_staff(school_a, surname="Жұмабекова", given_name="Әсел", patronymic="Серікқызы")
    factories.make_staff(school_a, surname="Фёдорова", given_name="Анна", patronymic="")
    response = methodist_client.get(reverse("schools:staff_list"), {"q": query})
    assert [person.surname for person in response.context["page"].object_list] == expected


def test_filters_by_school_position_and_subject(methodist_client, school_a, school_b):
    physics = factories.make_subject("physics")
    factories.make_staff(school_a, surname="Физиков", subjects=[physics])
    factories.make_staff(school_a, surname="Китепканачы", position="librarian")
    factories.make_staff(school_b, surname="Башкафизик", subjects=[physics])
    url = reverse("schools:staff_list")

    by_subject = methodist_client.get(url, {"subject": physics.pk, "school": school_a.pk})
    assert [p.surname for p in by_subject.context["page"].object_list] == ["Физиков"]
    by_position = methodist_client.get(url, {"position": "librarian"})
    assert [p.surname for p in by_position.context["page"].object_list] == ["Китепканачы"]


def test_director_cannot_filter_by_a_school_outside_scope(director_a_client, school_b, teacher_a, teacher_b):
    # A director sees one school: the filter offers no school to choose, and one named in the address is ignored.
    response = director_a_client.get(reverse("schools:staff_list"), {"school": school_b.pk})
    people = list(response.context["page"].object_list)
    assert teacher_a in people
    assert teacher_b not in people
    assert "school" not in response.context["filter"].form.fields
    assert 'name="school"' not in response.content.decode()


def test_methodist_filters_by_school(methodist_client, school_a, school_b, teacher_b):
    response = methodist_client.get(reverse("schools:staff_list"), {"school": school_b.pk})
    assert {person.school_id for person in response.context["page"].object_list} == {school_b.pk}
    assert 'name="school"' in response.content.decode()


def test_staff_list_paginates(methodist_client, school_a):
    for number in range(55):
        factories.make_staff(school_a, surname=f"Асанов{number:02d}")
    first = methodist_client.get(reverse("schools:staff_list"))
    second = methodist_client.get(reverse("schools:staff_list"), {"page": 2})
    assert len(first.context["page"].object_list) == 50
    assert len(second.context["page"].object_list) == 5
    assert first.context["page"].paginator.count == 55


def _fill(school, count):
    subjects = [factories.make_subject("physics"), factories.make_subject("mathematics")]
    for number in range(count):
        factories.make_staff(school, surname=f"Асанов{number:02d}", subjects=subjects)


def test_staff_list_query_count_does_not_grow_with_rows(
    methodist_client, school_a, school_b, django_assert_num_queries
):
    _fill(school_a, 1)
    url = reverse("schools:staff_list")
    methodist_client.get(url)  # warm the session
    # session and user, the navigation's own-record link, count, schools and subjects for the filter
    # form, the page, its subjects (the session is renewed at most every five minutes, not on this request)
    with django_assert_num_queries(7):
        methodist_client.get(url)
    _fill(school_b, 49)
    with django_assert_num_queries(7):
        response = methodist_client.get(url)
    assert len(response.context["page"].object_list) == 50


@pytest.mark.parametrize(
    ("method", "url_name"),
    [("post", "mentorship:pair_create"), ("post", "mentorship:appointment_register"), ("get", "certificates:list")],
)
def test_a_nul_character_in_a_search_is_dropped_not_a_crash(methodist_client, school_a, method, url_name):
    """PostgreSQL refuses NUL in any string; the pickers and the certificate list search with the text as sent."""
    factories.make_staff(school_a, surname="Өмүрова", given_name="Айгүл")
    response = getattr(methodist_client, method)(reverse(url_name), {"q": "Өмүр\x00ова"})
    assert response.status_code == 200


def _found(client, query):
    response = client.get(reverse("schools:staff_list"), {"q": query})
    return [person.surname for person in response.context["page"].object_list]


def test_a_renamed_person_is_found_by_the_new_name_only(methodist_client, school_a):
    person = factories.make_staff(school_a, surname="Өмүрова", given_name="Айгүл")
    person.surname = "Сыдыкова"
    person.save(update_fields=["surname"])
    assert _found(methodist_client, "сыдыкова айгүл") == ["Сыдыкова"]
    assert _found(methodist_client, "өмүрова") == []


def test_people_created_and_renamed_in_bulk_are_found(methodist_client, school_a):
    from schools.models import StaffMember

    [created] = StaffMember.objects.bulk_create(
        [
            StaffMember(
                school=school_a, surname="Жұмабекова", given_name="Әсел", position="librarian", hire_date="2015-09-01"
            )
        ]
    )
    assert _found(methodist_client, "ӘСЕЛ") == ["Жұмабекова"]
    created.surname = "Ахметова"
    StaffMember.objects.bulk_update([created], ["surname"])
    assert _found(methodist_client, "ахметова әсел") == ["Ахметова"]
    assert _found(methodist_client, "жұмабекова") == []


def test_the_migration_gives_every_existing_person_a_search_name(methodist_client, school_a):
    import importlib

    from django.apps import apps

    from schools.models import StaffMember

    factories.make_staff(school_a, surname="Өмүрова", given_name="Айгүл", patronymic="")
    StaffMember.objects.update(search_name="")
    importlib.import_module("schools.migrations.0013_staff_search_name").fill_search_names(apps, None)
    assert list(StaffMember.objects.values_list("search_name", flat=True)) == ["өмүрова айгүл"]
