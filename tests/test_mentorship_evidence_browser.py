"""On a 360-pixel phone the mentor logs a lesson visit from the home page in at most six taps, and the methodist's
cadence board then shows the pair on track."""

from datetime import date, timedelta

import pytest
from django.utils import translation
from playwright.sync_api import expect

from mentorship.evidence import CadenceState
from mentorship.models import Activity
from schools.models import Subject
from tests import factories
from tests import factories_mentorship as mf
from tests.conftest import click_nav, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
MOST_TAPS = 6


class Taps:
    """Counts what the thumb does: a tap on a link, a choice, a field (typing into it is not a tap) or a button."""

    def __init__(self, page):
        self.page, self.count = page, 0

    def tap(self, locator):
        locator.tap()
        self.count += 1

    def type_into(self, locator, text):
        self.tap(locator)
        self.page.keyboard.type(text)


def test_the_mentor_logs_a_lesson_visit_from_home_in_six_taps_and_the_board_shows_it_on_track(live_server, browser):
    office = factories.make_office(code="АБ")
    school = factories.make_school(office, number=2, name="№2 Ж. Бөкөнбаев атындагы орто мектеби")
    track = mf.make_track(office, code="natural", name_ru="Естественные и точные предметы")
    mentor = factories.make_staff(school, surname="Абдыкадырова", given_name="Апал", hire_date=date(1998, 8, 20))
    algebra, _created = Subject.objects.get_or_create(
        code="algebra-demo", defaults={"name_ky": "Алгебра", "name_kk": "Алгебра", "name_ru": "Алгебра"}
    )
    mentee = factories.make_staff(
        school, subjects=[algebra], surname="Жаңыбаева", given_name="Нурзат", hire_date=date.today() - timedelta(400)
    )
    appointment = mf.make_appointment(mentor, track, starts_on=date.today() - timedelta(days=90))
    pair = mf.make_pair(appointment, mentee, starts_on=date.today() - timedelta(days=20))
    factories.make_teacher(mentor, username="mentor", language="ky")
    factories.make_methodist(office, username="methodist", language="ru")

    phone = browser.new_context(viewport=PHONE, has_touch=True)
    page = phone.new_page()
    sign_in(page, live_server, "mentor")  # lands on the home page
    taps = Taps(page)
    taps.tap(page.locator(f".waiting-panel a[href='/mentorship/pairs/{pair.pk}/']"))
    form = page.locator("form.log-form")
    taps.tap(form.locator("input[name=kind][value=mentor_visit]"))
    expect(form.locator("input[name=subject]")).to_have_value("Алгебра")  # the mentee's subject, already there
    taps.type_into(form.locator("input[name=class_name]"), "8 А")
    taps.type_into(form.locator("textarea[name=went_well]"), "Окуучулар топто активдүү иштешти")
    taps.tap(form.locator("[type=submit]"))
    expect(page.locator(".alert-success")).to_be_visible()
    expect(page.locator(".pair-log .log-entry")).to_have_count(1)
    page.screenshot(path=_shot("phone-log"), full_page=True)
    assert taps.count <= MOST_TAPS, taps.count
    entry = Activity.objects.get()
    assert (entry.kind, entry.subject, entry.class_name) == ("mentor_visit", "Алгебра", "8 А")
    # No sideways scrolling on the phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    phone.close()

    desk = browser.new_page()
    sign_in(desk, live_server, "methodist")
    click_nav(desk, "/mentorship/")
    desk.locator("main .nav a[href='/mentorship/meetings/']").click()
    row = desk.locator(f".cadence-table tr[data-pair='{pair.pk}']")
    with translation.override("ru"):
        on_track = str(CadenceState.ON_TRACK.label)
    expect(row.locator(".cadence-state")).to_have_text(on_track)
    expect(row).to_contain_text("Жаңыбаева Нурзат")
    desk.screenshot(path=_shot("board"), full_page=True)
    desk.close()
    print(f"phone journey: {taps.count} taps")


def _shot(label):
    from tests.conftest import SCREENSHOTS

    SCREENSHOTS.mkdir(exist_ok=True)
    return SCREENSHOTS / f"mentorship-evidence-{label}.png"
