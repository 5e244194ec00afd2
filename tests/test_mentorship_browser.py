"""The methodist registers a mentor with a photo and pairs them, the mentor logs a visit, the corner shows them."""

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from mentorship.models import Activity, MentorAppointment, Pair
from tests import factories
from tests import factories_mentorship as mf
from tests.conftest import click_nav, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_register_pair_log_and_corner(live_server, browser, page, settings, tmp_path, screenshot):
    settings.MEDIA_ROOT = tmp_path / "media"
    office = factories.make_office(code="АБ")
    school = factories.make_school(office, number=2, name="№2 Ж. Бөкөнбаев атындагы орто мектеби")
    other_school = factories.make_school(office, number=9, name="№9 Т. Сатылганов атындагы орто мектеби")
    mf.make_track(
        office, code="natural", name_ky="Табигый жана так предметтер", name_ru="Естественные и точные предметы"
    )
    mentor = factories.make_staff(
        school, surname="Абдыкадырова", given_name="Апал", patronymic="Асановна", hire_date=date(1998, 8, 20)
    )
    mentee = factories.make_staff(
        other_school,
        surname="Жаңыбаева",
        given_name="Нурзат",
        patronymic="",
        hire_date=date.today() - timedelta(days=400),
    )
    factories.make_methodist(office, username="methodist", language="ru")
    factories.make_teacher(mentor, username="mentor", language="ky")
    photo = tmp_path / "сүрөт.jpg"
    photo.write_bytes(mf.image_bytes(size=(1800, 2400)))
    start = date.today() - timedelta(days=30)

    sign_in(page, live_server, "methodist")
    click_nav(page, "/mentorship/")
    page.locator("main .nav a[href='/mentorship/mentors/']").click()
    page.locator("main a[href='/mentorship/mentors/register/']").click()
    page.fill("input[name=q]", "абдыкад")
    page.locator("form.person-search button[type=submit]").click()
    page.get_by_label("Абдыкадырова Апал Асановна", exact=False).check()
    page.select_option("select[name=track]", label="Естественные и точные предметы")
    page.fill("input[name=order_number]", "№18")
    page.fill("input[name=order_date]", start.isoformat())
    page.fill("input[name=starts_on]", start.isoformat())
    page.set_input_files("input[name=photo]", str(photo))
    page.fill("textarea[name=achievements]", "«Мыкты мугалим» райондук сынагынын жеңүүчүсү")
    page.locator("main form[method=post] [type=submit]").click()
    expect(page.locator(".alert-success")).to_be_visible()
    expect(page.locator("img.mentor-photo")).to_be_visible()
    appointment = MentorAppointment.objects.get()
    assert appointment.ends_on == start.replace(year=start.year + 2) - timedelta(days=1)
    screenshot("registered")

    page.locator(f"a[href$='/pairs/new/?appointment={appointment.pk}']").click()
    page.fill("input[name=q]", "Жаңыбаева")
    page.locator("form.person-search button[type=submit]").click()
    page.get_by_label("Жаңыбаева Нурзат", exact=False).check()
    page.fill("textarea[name=goals]", "Сабакты пландаштыруу жана баалоо")
    page.locator("main form[method=post] [type=submit]").click()
    expect(page.locator(".alert-success")).to_be_visible()
    pair = Pair.objects.get()
    assert (pair.mentee, pair.appointment) == (mentee, appointment)

    mentor_page = browser.new_page()
    sign_in(mentor_page, live_server, "mentor")
    click_nav(mentor_page, "/mentorship/")
    mentor_page.locator(f".my-mentees a[href='/mentorship/pairs/{pair.pk}/']").click()
    mentor_page.check("input[name=kind][value=mentor_visit]")
    mentor_page.fill("input[name=starts_at]", f"{date.today().isoformat()}T11:00")
    mentor_page.fill("input[name=subject]", "Алгебра")
    mentor_page.fill("input[name=class_name]", "8 А")
    mentor_page.fill("textarea[name=next_steps]", "Калыптандыруучу баалоону колдонуу")
    mentor_page.locator("form.log-form [type=submit]").click()
    expect(mentor_page.locator(".alert-success")).to_be_visible()
    expect(mentor_page.locator(".pair-log li")).to_have_count(1)
    assert Activity.objects.get().kind == "mentor_visit"
    mentor_page.close()

    click_nav(page, "/mentorship/")
    page.locator("main .nav a[href='/mentorship/corner/']").click()
    card = page.locator(f".corner-card[data-appointment='{appointment.pk}']")
    expect(card).to_contain_text("Абдыкадырова Апал Асановна")
    expect(card).to_contain_text("«Мыкты мугалим»")
    # Reached by a click, the page may still be loading the photo: wait until it has its 600 pixels.
    expect(card.locator("img.mentor-photo")).to_have_js_property("naturalWidth", 600)
    screenshot("corner")
