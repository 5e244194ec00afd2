"""Three languages: the user's choice, the cookie, the browser, and Russian as the fallback."""

from datetime import date

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import formats, translation


def test_language_switch_is_remembered_on_the_account_and_in_the_cookie(methodist, methodist_client):
    response = methodist_client.post(reverse("set_language"), {"language": "kk", "next": "/staff/"})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "kk"
    methodist.refresh_from_db()
    assert methodist.language == "kk"


def test_the_account_language_wins_over_the_cookie(methodist, methodist_client):
    methodist.language = "ky"
    methodist.save()
    methodist_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    response = methodist_client.get(reverse("schools:staff_list"))
    assert response.headers["Content-Language"] == "ky"


def test_only_kyrgyz_kazakh_and_russian_are_accepted(methodist, methodist_client):
    methodist_client.post(reverse("set_language"), {"language": "en", "next": "/"})
    methodist.refresh_from_db()
    assert methodist.language == ""


@pytest.mark.parametrize(
    ("accept_language", "expected"), [("kk-KZ,kk;q=0.9", "kk"), ("ky", "ky"), ("en-US,en;q=0.9", "ru"), ("", "ru")]
)
def test_anonymous_visitor_gets_browser_language_or_russian(client, db, accept_language, expected):
    response = client.get(reverse("login"), headers={"accept-language": accept_language})
    assert response.headers["Content-Language"] == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [("kk", "2026 ж. 3 наурыз"), ("ky", "3-март 2026-ж."), ("ru", "3 марта 2026 г.")],
)
def test_dates_follow_each_languages_convention(language, expected):
    with translation.override(language):
        assert formats.date_format(date(2026, 3, 3), "DATE_FORMAT") == expected


@pytest.mark.parametrize(
    ("language", "english"),
    [
        (language, text)
        for language in ("ky", "kk", "ru")
        for text in ("This field is required.", "Enter a valid date.")
    ],
)
def test_form_errors_are_never_english(director_a, director_a_client, language, english):
    director_a.language = language
    director_a.save()
    response = director_a_client.post(reverse("schools:staff_create"), {"hire_date": "32.13.2020"})
    assert response.status_code == 200
    errors = " ".join(str(error) for errors in response.context["form"].errors.values() for error in errors)
    assert errors
    assert english not in errors


@pytest.mark.parametrize("language", ["ky", "kk", "ru"])
def test_pages_show_no_english_words_in_navigation(methodist, methodist_client, language):
    methodist.language = language
    methodist.save()
    content = methodist_client.get(reverse("schools:staff_list")).content.decode()
    for english in ("Schools", "Staff", "My profile", "Log out", "Find"):
        assert f">{english}<" not in content
