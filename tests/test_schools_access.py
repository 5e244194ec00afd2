"""Role × object matrix for schools and staff: out of scope is 404, and a refused write changes nothing."""

import pytest
from django.urls import reverse

from core.scoping import Role, Scope
from methodcouncil.models import Decision
from schools.models import StaffMember
from tests import factories
from tests import factories_methodcouncil as mc

STAFF_FORM = {
    "surname": "Жолдошева",
    "given_name": "Нургүл",
    "patronymic": "",
    "position": "subject_teacher",
    "hire_date": "2015-09-01",
    "preferred_language": "ky",
    "is_active": "on",
}


@pytest.mark.parametrize("url_name", ["schools:staff_detail", "schools:staff_edit"])
def test_director_cannot_open_other_school_staff(director_b_client, teacher_a, url_name):
    response = director_b_client.get(reverse(url_name, args=[teacher_a.pk]))
    assert response.status_code == 404


def test_director_cannot_edit_other_school_staff_and_row_is_unchanged(director_b_client, teacher_a, school_a, school_b):
    """The refused edit would move the teacher into the director's own school and rename her."""
    response = director_b_client.post(
        reverse("schools:staff_edit", args=[teacher_a.pk]), {**STAFF_FORM, "school": school_b.pk}
    )
    assert response.status_code == 404
    teacher_a.refresh_from_db()
    assert (teacher_a.surname, teacher_a.given_name, teacher_a.school_id) == ("Өмүрова", "Айгүл", school_a.pk)


def version_of(client, url):
    """The record version the edit form carries, as a browser would send it back."""
    return client.get(url).context["form"]["version"].value()


def test_director_edits_own_school_staff(director_a_client, teacher_a):
    url = reverse("schools:staff_edit", args=[teacher_a.pk])
    response = director_a_client.post(
        url, {**STAFF_FORM, "surname": "Өмүрова-Асанова", "version": version_of(director_a_client, url)}
    )
    assert response.status_code == 302
    teacher_a.refresh_from_db()
    assert teacher_a.surname == "Өмүрова-Асанова"


def test_director_cannot_move_staff_to_another_school(director_a_client, teacher_a, school_b):
    url = reverse("schools:staff_edit", args=[teacher_a.pk])
    response = director_a_client.post(
        url, {**STAFF_FORM, "school": school_b.pk, "version": version_of(director_a_client, url)}
    )
    assert response.status_code == 302  # saved, but the school field is not the director's to change
    teacher_a.refresh_from_db()
    assert (teacher_a.school.number, teacher_a.surname) == (2, "Жолдошева")


def test_director_creates_staff_in_own_school_only(director_a_client, school_a, school_b):
    response = director_a_client.post(reverse("schools:staff_create"), {**STAFF_FORM, "school": school_b.pk})
    assert response.status_code == 302
    assert school_a.staff.filter(surname="Жолдошева").exists()
    assert not school_b.staff.exists()


def test_director_sees_only_own_school_in_staff_list(director_a_client, teacher_a, teacher_b):
    response = director_a_client.get(reverse("schools:staff_list"))
    names = [person.surname for person in response.context["page"].object_list]
    assert names == ["Өмүрова"]


def test_methodist_sees_every_school_of_the_district(methodist_client, teacher_a, teacher_b, other_office_school):
    factories.make_staff(other_office_school, surname="Жұмабекова")
    response = methodist_client.get(reverse("schools:staff_list"))
    names = sorted(person.surname for person in response.context["page"].object_list)
    assert names == ["Асанов", "Өмүрова"]


def test_methodist_cannot_open_school_of_another_office(methodist_client, other_office_school):
    response = methodist_client.get(reverse("schools:school_detail", args=[other_office_school.pk]))
    assert response.status_code == 404


def test_methodist_cannot_edit_school_of_another_office(methodist_client, other_office_school):
    response = methodist_client.post(
        reverse("schools:school_edit", args=[other_office_school.pk]),
        {"name": "Hacked", "kind": "general", "instruction_language": "ru"},
    )
    assert response.status_code == 404
    other_office_school.refresh_from_db()
    assert other_office_school.name == "№101 мектеп-лицей"


def test_methodist_moves_a_teacher_and_the_move_is_kept(methodist_client, teacher_a, school_b):
    url = reverse("schools:staff_edit", args=[teacher_a.pk])
    response = methodist_client.post(
        url, {**STAFF_FORM, "school": school_b.pk, "version": version_of(methodist_client, url)}
    )
    assert response.status_code == 302
    transfer = teacher_a.transfers.get()
    assert (transfer.from_school.number, transfer.to_school.number) == (2, 7)


def test_methodist_adds_a_school_to_own_office(methodist_client, office):
    response = methodist_client.post(
        reverse("schools:school_create"),
        {"number": 46, "name": "№46 орто мектеби", "kind": "general", "instruction_language": "ky"},
    )
    assert response.status_code == 302
    assert office.schools.filter(number=46).exists()


def test_support_school_needs_its_order(methodist_client, office):
    response = methodist_client.post(
        reverse("schools:school_create"),
        {
            "number": 47,
            "name": "№47",
            "kind": "general",
            "instruction_language": "ky",
            "is_support_school": "on",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert response.context["form"]["name"].value() == "№47"
    assert not office.schools.filter(number=47).exists()


def test_director_cannot_add_schools(director_a_client):
    assert director_a_client.get(reverse("schools:school_create")).status_code == 403


@pytest.mark.parametrize("url_name", ["schools:staff_list", "schools:school_list", "schools:staff_create"])
def test_teacher_cannot_open_staff_management(teacher_client, url_name):
    assert teacher_client.get(reverse(url_name)).status_code == 403


def test_teacher_sees_own_record_but_not_a_colleague(teacher_client, teacher_user, school_a):
    colleague = factories.make_staff(school_a, surname="Асанова")
    own = teacher_user.staff_member
    assert teacher_client.get(reverse("schools:staff_detail", args=[own.pk])).status_code == 200
    assert teacher_client.get(reverse("schools:staff_detail", args=[colleague.pk])).status_code == 404


def test_user_without_a_role_sees_nothing(db, teacher_a):
    from django.test import Client

    client = Client()
    client.force_login(factories.make_user())
    assert client.get(reverse("schools:staff_detail", args=[teacher_a.pk])).status_code == 404
    assert client.get(reverse("schools:staff_list")).status_code == 403


def test_withdrawn_role_takes_effect_on_next_request(director_a, director_a_client, teacher_a):
    url = reverse("schools:staff_detail", args=[teacher_a.pk])
    assert director_a_client.get(url).status_code == 200
    director_a.role = ""
    director_a.save()
    assert director_a_client.get(url).status_code == 404


@pytest.mark.parametrize(
    "url_name",
    ["qualification:policy", "mentorship:settings", "certificates:settings", "schools:school_create"],
)
def test_office_pages_answer_404_to_a_site_administrator_who_belongs_to_no_office(client, db, url_name):
    client.force_login(factories.make_user(username="site-admin", is_superuser=True, is_staff=True))
    assert client.get(reverse(url_name)).status_code == 404
    assert client.post(reverse(url_name), {"number": "3", "name": "№3"}).status_code == 404


def test_a_school_number_taken_in_the_office_is_refused_on_the_form(methodist_client, school_a, other_office_school):
    form = {"name": "Жаңы мектеп", "kind": "general", "instruction_language": "ky"}
    response = methodist_client.post(reverse("schools:school_create"), {**form, "number": school_a.number})
    assert response.status_code == 200
    assert "number" in response.context["form"].errors
    assert response.context["form"]["name"].value() == "Жаңы мектеп"
    # The same number in another office is no clash.
    created = methodist_client.post(reverse("schools:school_create"), {**form, "number": other_office_school.number})
    assert created.status_code == 302


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("1abcdefghijklm", None),  # letters: refused with a message, not an error page
        ("123", None),
        ("21503198500123", "21503198500123"),
    ],
)
def test_a_personal_number_on_the_staff_form_follows_the_import_rules(director_a_client, teacher_a, typed, stored):
    url = reverse("schools:staff_edit", args=[teacher_a.pk])
    data = {**STAFF_FORM, "personal_number": typed, "version": version_of(director_a_client, url)}
    response = director_a_client.post(url, data)
    teacher_a.refresh_from_db()
    if stored is None:
        assert response.status_code == 200
        assert "personal_number" in response.context["form"].errors
        assert teacher_a.personal_number == ""
    else:
        assert response.status_code == 302, response.context["form"].errors
        assert teacher_a.personal_number == stored


def test_a_scope_missing_its_link_sees_nothing_not_the_rows_missing_one_too(school_a, teacher_a):
    """A teacher's scope without a staff link must not match the decisions that have no one responsible."""
    item = mc.make_item(mc.make_meeting(mc.make_council(school_a)))
    unassigned = mc.make_decision(item)
    assigned = mc.make_decision(item, responsible=teacher_a)
    linked = Scope(role=Role.TEACHER, office_id=school_a.office_id, school_id=school_a.pk, staff_id=teacher_a.pk)
    assert list(Decision.objects.for_scope(linked)) == [assigned]
    unlinked = Scope(role=Role.TEACHER, office_id=school_a.office_id, school_id=school_a.pk)
    assert list(Decision.objects.for_scope(unlinked)) == []
    assert unassigned.responsible_id is None


def test_each_role_sees_its_own_part_of_the_staff(
    office, school_a, school_b, teacher_a, teacher_b, other_office_school
):
    outsider = factories.make_staff(other_office_school, surname="Нұрланов")
    everyone = {teacher_a, teacher_b, outsider}
    readers = {
        "methodist": (factories.make_methodist(office), {teacher_a, teacher_b}),
        "director": (factories.make_director(school_a), {teacher_a}),
        "teacher": (factories.make_teacher(teacher_a), {teacher_a}),
        "site administrator": (factories.make_user(is_superuser=True, is_staff=True), everyone),
        "methodist without an office": (factories.make_user(Role.METHODIST), set()),
        "director without a school": (factories.make_user(Role.DIRECTOR), set()),
        "teacher without a staff record": (factories.make_user(Role.TEACHER), set()),
        "withdrawn account": (factories.make_methodist(office, is_active=False), set()),
    }
    for who, (user, expected) in readers.items():
        assert set(StaffMember.objects.for_user(user)) == expected, who


@pytest.mark.parametrize(
    ("user_fixture", "status"),
    [("teacher_client", 403), ("director_a_client", 200), ("methodist_client", 200)],
)
def test_a_page_for_leaders_refuses_a_teacher(request, teacher_a, user_fixture, status):
    assert request.getfixturevalue(user_fixture).get(reverse("qualification:status")).status_code == status


def test_a_site_administrator_passes_every_role_check(client, db):
    client.force_login(factories.make_user(username="site-admin", is_superuser=True, is_staff=True))
    assert client.get(reverse("qualification:status")).status_code == 200
