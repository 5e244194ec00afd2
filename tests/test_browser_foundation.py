"""The methodist's first journey, in headless Chromium: sign in, switch to Kazakh, find and edit a teacher."""

import pytest
from playwright.sync_api import expect

from core.pagination import PAGE_SIZE
from tests import factories
from tests.conftest import click_nav, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_methodist_finds_and_edits_a_teacher_in_kazakh(live_server, page, screenshot):
    office = factories.make_office()
    school = factories.make_school(office, number=2, name="№2 орто мектеби")
    factories.make_staff(school, surname="Өмүрова", given_name="Айгүл", patronymic="Токтосуновна")
    factories.make_staff(school, surname="Асанов", given_name="Бакыт")
    factories.make_methodist(office, username="methodist", language="ky")

    sign_in(page, live_server, "methodist")
    page.click("button[name=language][value=kk]")
    expect(page.locator("html")).to_have_attribute("lang", "kk")

    click_nav(page, "/staff/")
    page.fill("input[name=q]", "ӨМҮРОВА")
    page.press("input[name=q]", "Enter")
    rows = page.locator("tbody tr")
    expect(rows).to_have_count(1)
    rows.first.locator("a").click()
    page.locator("a[href$='/edit/']").click()
    page.fill("input[name=phone]", "+996 555 12 34 56")
    page.locator("main form [type=submit]").click()

    expect(page.locator("dd", has_text="+996 555 12 34 56")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "kk")
    screenshot("edited")


def test_methodist_pages_through_the_staff_list(live_server, page):
    office = factories.make_office()
    school = factories.make_school(office, number=2, name="№2 орто мектеби")
    for number in range(PAGE_SIZE + 5):
        factories.make_staff(school, surname=f"Асанов{number:03d}", given_name="Бакыт")
    factories.make_methodist(office, username="methodist", language="ru")

    sign_in(page, live_server, "methodist")
    click_nav(page, "/staff/")
    expect(page.locator(".result-count")).to_have_attribute("data-count", str(PAGE_SIZE + 5))
    first_page = page.locator("tbody tr").all_inner_texts()
    assert len(first_page) == PAGE_SIZE
    page.locator("a.page-next").click()
    expect(page.locator("tbody tr")).to_have_count(5)
    assert not set(page.locator("tbody tr").all_inner_texts()) & set(first_page)
    page.locator("a.page-previous").click()
    expect(page.locator("tbody tr")).to_have_count(PAGE_SIZE)
