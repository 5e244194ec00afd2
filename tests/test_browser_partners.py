"""A director registers a project, another school's director adopts it, and the league's progress moves."""

import pytest
from playwright.sync_api import expect

from tests import factories
from tests import factories_partners as league_factories
from tests.conftest import click_nav, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_project_is_registered_adopted_and_counted(live_server, browser, page, screenshot):
    office = factories.make_office(country="KZ", region="Қызылорда облысы")
    school_278 = factories.make_school(office, number=278, name="№278 IT-лицейі", instruction_language="kk")
    school_101 = factories.make_school(office, number=101, name="№101 мектеп-лицей", instruction_language="kk")
    contact = factories.make_staff(school_101, surname="Сәрсенбаева", given_name="Гүлнар", position="deputy_director")
    methodist = factories.make_methodist(office, username="methodist.kz", language="kk")
    league = league_factories.make_league(office, name="Серіктес директорлар лигасы", coordinator=methodist)
    direction = league_factories.make_direction(
        league, name_kk="Жас маман: озат тәжірибе", name_ky="Жаш адис", name_ru="Молодой специалист"
    )
    league_factories.make_member(league, school_278)
    factories.make_director(school_278, username="director.kz", language="kk")
    factories.make_director(school_101, username="director.101", language="ru")

    # The coordinator's dashboard before anything happens.
    sign_in(page, live_server, "methodist.kz")
    click_nav(page, "/partners/")
    expect(page.locator(".schools-reached-number")).to_have_text("0")

    # The director of No. 278 registers the school's project.
    director = browser.new_page()
    sign_in(director, live_server, "director.kz")
    click_nav(director, "/partners/")
    director.locator("#register-project").click()
    director.fill("input[name=title]", "«Жас маман. Озат тәжірибе»")
    director.select_option("select[name=direction]", str(direction.pk))
    director.fill("textarea[name=aim]", "Жас мамандарға шеберлік сағаттары.")
    director.fill("input[name=started_on]", "2019-09-02")
    director.select_option("select[name=state]", "shared")
    director.locator("main form [type=submit]").click()
    expect(director.locator(".alert-success")).to_be_visible()
    expect(director.locator("h1")).to_have_text("«Жас маман. Озат тәжірибе»")
    director.close()

    # The director of No. 101, not a league member, proposes to adopt it.
    other = browser.new_page()
    sign_in(other, live_server, "director.101")
    click_nav(other, "/partners/")
    other.locator("main .nav a[href='/partners/projects/']").click()
    other.locator("#projects a", has_text="Жас маман").click()
    other.locator("#propose-adoption").click()
    other.select_option("select[name=contact_person]", str(contact.pk))
    other.fill("textarea[name=notes]", "Жас мамандарымыз шеберлік сағаттарына қатысады.")
    other.locator("main form [type=submit]").click()
    expect(other.locator(".alert-success")).to_be_visible()
    expect(other.locator("#adoptions tbody tr")).to_have_count(1)
    other.close()

    # The coordinator's dashboard now counts one school reached, and the grid shows the adoption.
    page.reload()
    expect(page.locator(".schools-reached-number")).to_have_text("1")
    expect(page.locator("#schools-progress")).to_have_attribute("value", "1")
    expect(page.locator("#adoption-grid tbody tr")).to_have_count(1)
    expect(page.locator("#adoption-grid td.stage-own")).to_have_count(1)
    expect(page.locator("#adoption-grid tbody td:last-child")).to_have_text("1")  # No. 101 is not a member
    screenshot("dashboard-after-adoption")
