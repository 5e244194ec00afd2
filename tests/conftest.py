"""Personas shared by every test: a methodist, directors of schools A and B, a teacher of school A."""

import pytest
from django.test import Client

from tests import factories


@pytest.fixture
def office(db):
    return factories.make_office()


@pytest.fixture
def other_office(db):
    return factories.make_office(country="KZ", region="Қызылорда")


@pytest.fixture
def school_a(office):
    return factories.make_school(office, number=2, name="№2 Ж. Бөкөнбаев атындагы орто мектеби")


@pytest.fixture
def school_b(office):
    return factories.make_school(office, number=7, name="№7 орто мектеби")


@pytest.fixture
def other_office_school(other_office):
    return factories.make_school(
        other_office, number=101, name="№101 мектеп-лицей", instruction_language="kk"
    )


@pytest.fixture
def teacher_a(school_a):
    return factories.make_staff(school_a, surname="Өмүрова", given_name="Айгүл", patronymic="Токтосуновна")


@pytest.fixture
def teacher_b(school_b):
    return factories.make_staff(school_b, surname="Асанов", given_name="Бакыт", patronymic="Жумабекович")


@pytest.fixture
def methodist(office):
    return factories.make_methodist(office, username="methodist")


@pytest.fixture
def director_a(school_a):
    return factories.make_director(school_a, username="director_a")


@pytest.fixture
def director_b(school_b):
    return factories.make_director(school_b, username="director_b")


@pytest.fixture
def teacher_user(teacher_a):
    return factories.make_teacher(teacher_a, username="teacher_a")


def _client_for(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def methodist_client(methodist):
    return _client_for(methodist)


@pytest.fixture
def director_a_client(director_a):
    return _client_for(director_a)


@pytest.fixture
def director_b_client(director_b):
    return _client_for(director_b)


@pytest.fixture
def teacher_client(teacher_user):
    return _client_for(teacher_user)


@pytest.fixture
def anonymous_client():
    return Client()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Real hashing takes a noticeable fraction of a second per user; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
