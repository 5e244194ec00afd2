"""The demo data: seeded once, idempotent, and the demo accounts see what they are meant to see."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from core.scoping import Role
from schools.demo import DEMO_LOGINS, DEMO_PASSWORD
from schools.models import DistrictOffice, Position, School, SchoolKind, StaffMember, User


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker):
    """Seeds once for this module and rolls back afterwards, so other modules start from an empty database."""
    fast_hashing = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    with django_db_blocker.unblock(), fast_hashing, transaction.atomic():
        call_command("seed_demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)


def _snapshot():
    return {
        "offices": DistrictOffice.objects.count(),
        "schools": School.objects.count(),
        "staff": StaffMember.objects.count(),
        "subjects taught": StaffMember.subjects.through.objects.count(),
        "users": sorted(User.objects.values_list("username", "password")),
        "staff accounts": sorted(StaffMember.objects.exclude(user=None).values_list("pk", "user_id")),
    }


def _school(office_code, number):
    return School.objects.get(office__code=office_code, number=number)


@pytest.mark.django_db
def test_seeding_again_changes_nothing(demo_data):
    before = _snapshot()

    output = StringIO()
    call_command("seed_demo", stdout=output)

    assert _snapshot() == before
    assert "78 schools" in output.getvalue()


@pytest.mark.django_db
def test_ala_buka_has_45_numbered_schools_and_kindergartens(demo_data):
    schools = School.objects.filter(office__code="АБ")

    numbered = schools.exclude(kind=SchoolKind.PRESCHOOL)
    assert numbered.count() == 45
    assert set(numbered.values_list("number", flat=True)) == set(range(1, 46))
    assert schools.filter(kind=SchoolKind.PRESCHOOL).count() == 3


@pytest.mark.django_db
def test_school_2_is_a_support_school_by_order_47(demo_data):
    school = _school("АБ", 2)

    assert school.is_support_school
    assert school.support_order_number == "№47"
    assert str(school.support_order_date) == "2019-09-02"
    assert School.objects.filter(office__code="АБ", is_support_school=True).count() == 3


@pytest.mark.django_db
def test_kyzylorda_has_the_league_schools(demo_data):
    numbers = set(School.objects.filter(office__code="ҚО").values_list("number", flat=True))

    assert {3, 101, 140, 176, 257, 261, 278} <= numbers
    assert _school("ҚО", 278).kind == SchoolKind.LYCEUM


@pytest.mark.django_db
def test_every_school_has_one_director_and_realistic_staff(demo_data):
    directors = StaffMember.objects.filter(position=Position.DIRECTOR)

    assert directors.count() == School.objects.count()
    assert directors.values("school").distinct().count() == School.objects.count()
    assert 1400 <= StaffMember.objects.filter(school__office__code="АБ").count() <= 1600
    assert StaffMember.objects.filter(school__office__code="ҚО").count() >= 500
    assert StaffMember.objects.filter(surname__contains="ү", school__office__code="АБ").exists()
    assert StaffMember.objects.filter(patronymic__endswith="қызы", school__office__code="ҚО").exists()
    assert StaffMember.objects.filter(hire_date__year__gte=2024).exists()
    assert StaffMember.objects.filter(is_active=False).exists()


@pytest.mark.django_db
def test_methodists_see_their_own_office(demo_data):
    methodist = User.objects.get(username="methodist")
    methodist_kz = User.objects.get(username="methodist.kz")

    assert methodist.role == Role.METHODIST
    assert methodist.scope.office_id == DistrictOffice.objects.get(code="АБ").pk
    assert methodist.language == "ky"
    assert methodist_kz.scope.office_id == DistrictOffice.objects.get(code="ҚО").pk
    assert methodist_kz.language == "kk"


@pytest.mark.django_db
def test_directors_are_the_director_staff_of_their_school(demo_data):
    director = User.objects.get(username="director")
    director_kz = User.objects.get(username="director.kz")

    assert director.role == Role.DIRECTOR
    assert director.scope.school_id == _school("АБ", 2).pk
    assert director.staff_member.position == Position.DIRECTOR
    assert director.staff_member.school_id == director.school_id
    assert director_kz.scope.school_id == _school("ҚО", 278).pk
    assert director_kz.staff_member.position == Position.DIRECTOR


@pytest.mark.django_db
def test_teacher_is_a_subject_teacher_of_school_2(demo_data):
    teacher = User.objects.get(username="teacher")

    assert teacher.role == Role.TEACHER
    assert teacher.scope.school_id == _school("АБ", 2).pk
    assert teacher.scope.staff_id == teacher.staff_member.pk
    assert teacher.staff_member.position == Position.SUBJECT_TEACHER
    assert teacher.staff_member.subjects.exists()


@pytest.mark.django_db
def test_admin_sees_everything_and_every_demo_login_exists(demo_data, client):
    admin = User.objects.get(username="admin")

    assert admin.is_superuser and admin.is_staff and admin.role == ""
    assert admin.scope.everything
    assert set(User.objects.values_list("username", flat=True)) >= {username for username, _ in DEMO_LOGINS}
    response = client.post("/accounts/login/", {"username": "teacher", "password": DEMO_PASSWORD})
    assert response.status_code == 302


@pytest.mark.django_db
def test_demo_logins_prints_the_accounts_and_the_address(demo_data):
    output = StringIO()

    call_command("demo_logins", stdout=output)

    assert "http://127.0.0.1:8000" in output.getvalue()
    assert all(username in output.getvalue() for username, _ in DEMO_LOGINS)
