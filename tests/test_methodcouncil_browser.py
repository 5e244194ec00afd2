"""The secretary writes a meeting's minutes, the chair signs them, and the protocol downloads as a PDF."""

import subprocess

import pytest
from playwright.sync_api import expect

from methodcouncil.models import CouncilRole, Decision, Meeting
from tests import factories
from tests import factories_methodcouncil as mc
from tests.conftest import click_nav, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TOPICS = [
    "Жаш адистерге насаатчыларды бекитүү",
    "Биринчи чейректин жыйынтыктарын талдоо",
    "Ачык сабактардын графигин бекитүү",
]


def test_secretary_writes_the_minutes_and_the_chair_signs(live_server, browser, page, screenshot, tmp_path):
    office = factories.make_office()
    school = factories.make_school(office, number=2, name="№2 Ж. Бөкөнбаев атындагы орто мектеби")
    chair = factories.make_staff(school, surname="Токтогулов", given_name="Нурбек", position="director")
    secretary = factories.make_staff(school, surname="Өмүрова", given_name="Айгүл", patronymic="Токтосуновна")
    absent = factories.make_staff(school, surname="Сүйүнбаева", given_name="Гүлзат")
    factories.make_teacher(secretary, username="teacher", language="ky")
    factories.make_user("director", school=school, staff_member=chair, username="director", language="ky")
    council = mc.make_council(school)
    mc.make_member(council, chair, CouncilRole.CHAIR)
    mc.make_member(council, secretary, CouncilRole.SECRETARY)
    mc.make_member(council, absent)
    meeting_day = mc.a_day_this_year(days_ago=1)

    # The secretary opens their councils and creates a meeting.
    sign_in(page, live_server, "teacher")
    click_nav(page, "/council/")
    page.locator(".my-councils a[href$='/meetings/']").click()
    page.locator("main a[href$='/meetings/new/']").click()
    page.fill("input[name=date]", meeting_day.isoformat())
    page.fill("input[name=place]", "Мугалимдер бөлмөсү")
    page.locator(".meeting-form button[type=submit]").click()

    # Three agenda items, each "add another" keeping what was typed before.
    page.fill("input[name=agenda-0-topic]", TOPICS[0])
    page.locator("button[name=add_item]").click()
    expect(page.locator("input[name=agenda-0-topic]")).to_have_value(TOPICS[0])
    page.fill("input[name=agenda-1-topic]", TOPICS[1])
    page.locator("button[name=add_item]").click()
    page.fill("input[name=agenda-2-topic]", TOPICS[2])
    page.locator("button[name=save]").click()
    expect(page.locator(".agenda li")).to_have_count(3)
    meeting = Meeting.objects.get(council=council)
    assert meeting.number == 1

    # Attendance: one member is absent, with a reason.
    page.locator(".meeting-actions a[href$='/attendance/']").click()
    absent_row = page.locator(".attendance-row", has_text="Сүйүнбаева")
    absent_row.locator("input[type=checkbox]").uncheck()
    absent_row.locator("input[type=text]").fill("Ооруп калган")
    page.locator(".attendance-form button[type=submit]").click()
    expect(page.locator(".attendance")).to_contain_text("Ооруп калган")

    # Minutes of the first item: heard, spoke, and a decision with its responsible person and deadline.
    page.locator(".agenda-item").first.locator("a[href*='/minutes/']").click()
    page.select_option("select[name=heard-heard_speaker]", str(chair.pk))
    page.fill("textarea[name=heard-heard_topic]", "Насаатчылар тууралуу маалымат берди.")
    page.fill("input[name=speeches-0-who]", "Сүйүнбаева Гүлзат")
    page.fill("textarea[name=speeches-0-summary]", "Сунушту колдоду.")
    page.fill("textarea[name=decisions-0-text]", "Ар бир жаш адиске насаатчы бекитилсин.")
    page.select_option("select[name=decisions-0-responsible]", str(secretary.pk))
    page.fill("input[name=decisions-0-deadline]", meeting_day.isoformat())
    page.locator("button[name=save]").click()
    expect(page.locator(".agenda-item").first.locator(".decisions")).to_contain_text("насаатчы бекитилсин")
    expect(page.locator(".sign-button")).to_have_count(0)  # the secretary does not sign
    screenshot("secretary-minutes")
    assert Decision.objects.get().responsible == secretary

    # The chair signs; the protocol is locked and downloads as a PDF.
    chair_page = browser.new_page()
    sign_in(chair_page, live_server, "director")
    click_nav(chair_page, "/council/")
    chair_page.locator(f"main .nav a[href='/council/councils/{meeting.council_id}/meetings/']").click()
    chair_page.locator(f"main a[href='{meeting.get_absolute_url()}']").first.click()
    chair_page.locator(".sign-button").click()
    expect(chair_page.locator(".signed-note")).to_be_visible()
    expect(chair_page.locator(".meeting-actions a[href$='/edit/']")).to_have_count(0)
    with chair_page.expect_download() as download_info:
        chair_page.locator(".protocol-download").click()
    pdf_path = tmp_path / "protocol.pdf"
    download_info.value.save_as(pdf_path)
    chair_page.close()

    assert pdf_path.read_bytes().startswith(b"%PDF-")
    text = " ".join(subprocess.run(["pdftotext", pdf_path, "-"], capture_output=True, text=True).stdout.split())
    for topic in TOPICS:
        assert topic in text
    assert "Ар бир жаш адиске насаатчы бекитилсин." in text
    assert "Ооруп калган" in text
    assert "Токтогулов Нурбек" in text and "Өмүрова Айгүл Токтосуновна" in text
    meeting.refresh_from_db()
    assert meeting.is_signed
