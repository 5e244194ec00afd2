"""Personas shared by every test: a methodist, directors of schools A and B, a teacher of school A."""

from pathlib import Path

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
    return factories.make_school(other_office, number=101, name="№101 мектеп-лицей", instruction_language="kk")


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


# Browser journeys: Debian's Chromium (installed by `make test`), headless, with no network chatter.
CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parent.parent / "test-results"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture
def screenshot(page, request):
    """Saves a screenshot of the page under test-results/, named after the test."""

    def take(label):
        SCREENSHOTS.mkdir(exist_ok=True)
        path = SCREENSHOTS / f"{request.node.name}-{label}.png"
        page.screenshot(path=path, full_page=True)
        return path

    return take


def click_nav(page, href):
    """Follows the main navigation's link to `href`, as a reader does from any page (on a phone the menu is
    folded behind its toggler first)."""
    toggler = page.locator("header .navbar-toggler")
    if toggler.is_visible() and toggler.get_attribute("aria-expanded") != "true":
        toggler.click()
    page.locator(f"header .section-nav a[href='{href}']").click()
    page.wait_for_load_state()


def sign_in(page, live_server, username, password="correct-horse-battery"):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("main form button[type=submit]")
    page.wait_for_url(lambda url: "/login/" not in url)
