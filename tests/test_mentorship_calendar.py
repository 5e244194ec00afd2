"""The activities calendar: the month page by role and time zone, and the ICS feed calendars subscribe to."""

from datetime import UTC, date, datetime, timedelta

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone, translation

from mentorship.ics import calendar_text
from mentorship.models import Activity, MentorshipSettings
from tests import factories
from tests import factories_mentorship as mf


def _feed_url(office, **params):
    token = MentorshipSettings.objects.get_or_create(office=office)[0].calendar_token
    url = reverse("mentorship:calendar_feed", args=[token])
    return url + ("?" + "&".join(f"{key}={value}" for key, value in params.items()) if params else "")


def _soon(days=10, hour=10, zone="Asia/Bishkek"):
    return mf.local(timezone.localdate() + timedelta(days=days), hour, zone=zone)


def _events(response):
    calendar = icalendar.Calendar.from_ical(response.content)
    return calendar, list(calendar.walk("VEVENT"))


# The feed ------------------------------------------------------------------------------------------------


def test_the_feed_opens_without_signing_in_and_parses(anonymous_client, office, school_a):
    mf.make_activity(
        office,
        kind="open_door_day",
        topic="Ачык эшиктер күнү",
        host_school=school_a,
        starts_at=_soon(),
        is_announced=True,
    )
    response = anonymous_client.get(_feed_url(office, lang="ky"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar, events = _events(response)
    assert calendar["VERSION"] == "2.0"
    assert len(events) == 1
    event = events[0]
    assert str(event["SUMMARY"]).endswith(": Ачык эшиктер күнү")
    assert str(event["LOCATION"]).startswith("№2 Ж. Бөкөнбаев")
    assert str(event["UID"]).startswith("mentorship-activity-")
    assert event["DTSTAMP"].dt.tzinfo is not None


def test_the_feed_carries_times_in_the_offices_zone_bishkek(anonymous_client, office):
    starts = _soon(hour=10)
    mf.make_activity(office, topic="Угуу", starts_at=starts, ends_at=starts + timedelta(hours=3))
    response = anonymous_client.get(_feed_url(office))
    text = response.content.decode()
    assert "DTSTART;TZID=Asia/Bishkek:" + starts.strftime("%Y%m%dT100000") in text
    assert "BEGIN:VTIMEZONE" in text and "TZOFFSETTO:+0600" in text
    _calendar, [event] = _events(response)
    start = event["DTSTART"].dt
    assert start.utcoffset() == timedelta(hours=6)
    assert (start.hour, start.astimezone(UTC).hour) == (10, 4)
    assert event["DTEND"].dt - start == timedelta(hours=3)


def test_the_feed_carries_times_in_the_offices_zone_qyzylorda(db, anonymous_client):
    kyzylorda = factories.make_office(country="KZ", region="Қызылорда облысы", time_zone="Asia/Qyzylorda")
    school = factories.make_school(kyzylorda, number=278, name="№278 IT-лицейі", instruction_language="kk")
    starts = _soon(hour=15, zone="Asia/Qyzylorda")
    mf.make_activity(kyzylorda, topic="Ашық есік күні", host_school=school, starts_at=starts)
    response = anonymous_client.get(_feed_url(kyzylorda))
    text = response.content.decode()
    assert "DTSTART;TZID=Asia/Qyzylorda:" + starts.strftime("%Y%m%dT150000") in text
    assert "TZOFFSETTO:+0500" in text
    _calendar, [event] = _events(response)
    assert event["DTSTART"].dt.utcoffset() == timedelta(hours=5)
    assert event["DTSTART"].dt.astimezone(UTC).hour == 10


def test_the_feed_speaks_the_offices_language_by_default(anonymous_client, office):
    mf.make_activity(office, kind="seminar", topic="Семинар", starts_at=_soon())
    response = anonymous_client.get(_feed_url(office))
    assert response.status_code == 200
    assert b"SUMMARY:" in response.content


def test_the_feed_shows_only_its_own_offices_programme(anonymous_client, office, other_office):
    mf.make_activity(office, topic="Биздики", starts_at=_soon())
    mf.make_activity(other_office, topic="Бөтөн", starts_at=_soon())
    _calendar, events = _events(anonymous_client.get(_feed_url(office)))
    assert [str(event["SUMMARY"]).split(": ", 1)[1] for event in events] == ["Биздики"]


def test_the_feed_leaves_out_mentors_private_logs(anonymous_client, office, school_a, teacher_a):
    mentor = factories.make_staff(school_a, surname="Абдыкадырова")
    pair = mf.make_pair(mf.make_appointment(mentor, mf.make_track(office)), teacher_a)
    mf.make_activity(office, topic="Сабакка катышуу", pair=pair, starts_at=_soon())
    mf.make_activity(office, topic="Угуу", starts_at=_soon())
    _calendar, events = _events(anonymous_client.get(_feed_url(office)))
    assert len(events) == 1


@pytest.mark.parametrize("token", ["set-password", "x" * 32, ""])
def test_a_wrong_token_finds_nothing(anonymous_client, office, token):
    MentorshipSettings.objects.create(office=office)
    url = reverse("mentorship:calendar_feed", args=[token]) if token else "/mentorship/calendar/.ics"
    assert anonymous_client.get(url).status_code == 404


def test_a_new_address_retires_the_old_one(methodist_client, anonymous_client, office):
    old_url = _feed_url(office)
    methodist_client.post(reverse("mentorship:settings"), {"new_address": "1"})
    assert anonymous_client.get(old_url).status_code == 404
    assert anonymous_client.get(_feed_url(office)).status_code == 200


def test_the_settings_page_shows_the_address_to_copy(methodist_client, office, settings):
    settings.USTAT_PUBLIC_BASE_URL = "https://ustat.example.org"
    stored = MentorshipSettings.objects.create(office=office)
    response = methodist_client.get(reverse("mentorship:settings"))
    assert stored.calendar_token in response.context["feed_url"]
    assert response.context["feed_url"].startswith("https://ustat.example.org/mentorship/calendar/")
    assert response.context["webcal_url"].startswith("webcal://ustat.example.org/mentorship/calendar/")


def test_an_office_gets_its_calendar_address_when_it_first_saves_its_settings(methodist_client, office):
    """Opening the settings page stores nothing; the address exists once the settings are saved."""
    page = methodist_client.get(reverse("mentorship:settings"))
    assert page.context["feed_url"] == ""
    assert not MentorshipSettings.objects.exists()
    methodist_client.post(reverse("mentorship:settings"), {"new_address": "1"})
    assert not MentorshipSettings.objects.exists()
    settings = {
        "max_mentees_per_mentor": 4,
        "first_year_cadence_days": 7,
        "later_cadence_days": 14,
        "cadence_grace_days": 3,
        "mentee_kinds": ["young_specialist"],
        "trainee_period_months": 12,
    }
    methodist_client.post(reverse("mentorship:settings"), settings)
    stored = MentorshipSettings.objects.get(office=office)
    assert stored.calendar_token in methodist_client.get(reverse("mentorship:settings")).context["feed_url"]


def test_text_is_escaped_and_long_lines_are_folded_on_character_boundaries(anonymous_client, office, school_a):
    description = "Биринчи сап; экинчи, үчүнчү\nтөртүнчү \\ бешинчи. " + "Өңү үйрөнүү " * 20
    mf.make_activity(office, topic="Тегерек стол; ой бөлүшүү, талкуу", description=description, starts_at=_soon())
    raw = anonymous_client.get(_feed_url(office)).content
    lines = raw.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)
    for line in lines:
        line.decode("utf-8")  # no line was cut inside a character
    _calendar, [event] = _events(anonymous_client.get(_feed_url(office)))
    assert str(event["SUMMARY"]).endswith("Тегерек стол; ой бөлүшүү, талкуу")
    assert description in str(event["DESCRIPTION"])


def test_text_values_are_escaped_as_rfc_5545_asks(anonymous_client, office):
    """Backslash, semicolon, comma and line breaks in TEXT values are escaped (RFC 5545 §3.3.11)."""
    mf.make_activity(office, topic="a;b,c\\d", description="e\nf", starts_at=_soon())
    type(office).objects.filter(pk=office.pk).update(name_ky="Ала-Бука; районнук, бөлүм")
    raw = anonymous_client.get(_feed_url(office, lang="ky")).content.decode().replace("\r\n ", "")
    assert ": a\\;b\\,c\\\\d\r\n" in raw
    assert "e\\nf\r\n" in raw
    assert "X-WR-CALNAME:" in raw and ": Ала-Бука\\; районнук\\, бөлүм\r\n" in raw


def test_a_zone_that_changed_its_offset_gets_both_observances(db):
    """Qyzylorda moved from UTC+6 to UTC+5 on 21 December 2018: events on either side keep their local hour."""
    kyzylorda = factories.make_office(country="KZ", region="Қызылорда облысы", time_zone="Asia/Qyzylorda")
    before = mf.make_activity(kyzylorda, topic="Алдында", starts_at=mf.local(date(2018, 12, 20), zone="Asia/Qyzylorda"))
    after = mf.make_activity(kyzylorda, topic="Кейін", starts_at=mf.local(date(2019, 1, 15), zone="Asia/Qyzylorda"))
    text = calendar_text(kyzylorda, Activity.objects.filter(office=kyzylorda).order_by("starts_at"), timezone.now())
    calendar = icalendar.Calendar.from_ical(text)
    [zone] = calendar.walk("VTIMEZONE")
    observances = [(part["TZOFFSETFROM"].td, part["TZOFFSETTO"].td, part["DTSTART"].dt) for part in zone.subcomponents]
    assert (timedelta(hours=6), timedelta(hours=5), datetime(2018, 12, 21)) in observances
    starts = [event["DTSTART"].dt for event in calendar.walk("VEVENT")]
    assert [(start.hour, start.utcoffset()) for start in starts] == [(10, timedelta(hours=6)), (10, timedelta(hours=5))]
    assert [start.astimezone(UTC) for start in starts] == [before.starts_at, after.starts_at]


# The month page -----------------------------------------------------------------------------------------------


def test_the_month_shows_activities_on_their_local_day(methodist_client, office, school_a):
    # 00:30 in Ala-Buka is still the evening before in UTC: the page must put it on the local day.
    early = mf.local(date(2026, 3, 3), 0, 30)
    mf.make_activity(office, kind="hearing", topic="Угуу", host_school=school_a, starts_at=early)
    response = methodist_client.get(reverse("mentorship:calendar"), {"month": "2026-03"})
    cells = {cell["day"]: cell["activities"] for week in response.context["grid"] for cell in week}
    assert [activity.topic for activity in cells[date(2026, 3, 3)]] == ["Угуу"]
    assert cells[date(2026, 3, 2)] == []
    assert response.context["previous_month"] == "2026-02"
    assert response.context["next_month"] == "2026-04"


def test_the_months_wrap_around_the_year(methodist_client):
    response = methodist_client.get(reverse("mentorship:calendar"), {"month": "2026-12"})
    assert (response.context["previous_month"], response.context["next_month"]) == ("2026-11", "2027-01")
    assert methodist_client.get(reverse("mentorship:calendar"), {"month": "1999-13"}).status_code == 404


def test_the_hearing_of_3_march_2020_is_on_the_calendar(methodist_client, office, school_a):
    mf.make_activity(
        office,
        kind="hearing",
        topic="Насаатчылардын угуусу",
        host_school=school_a,
        starts_at=mf.local(date(2020, 3, 3)),
    )
    response = methodist_client.get(reverse("mentorship:calendar"), {"month": "2020-03"})
    assert [(day, [a.topic for a in activities]) for day, activities in response.context["agenda"]] == [
        (date(2020, 3, 3), ["Насаатчылардын угуусу"])
    ]


def test_mentors_logs_show_only_when_asked(methodist_client, office, school_a, teacher_a):
    pair = mf.make_pair(
        mf.make_appointment(factories.make_staff(school_a, surname="Абдыкадырова"), mf.make_track(office)), teacher_a
    )
    mf.make_activity(office, topic="Кеңеш", pair=pair, starts_at=mf.local(date(2026, 3, 5)))
    url = reverse("mentorship:calendar")
    assert methodist_client.get(url, {"month": "2026-03"}).context["agenda"] == []
    assert len(methodist_client.get(url, {"month": "2026-03", "logs": "on"}).context["agenda"]) == 1


def test_a_director_sees_own_school_and_announced_activities(director_a_client, office, school_a, school_b):
    day = mf.local(date(2026, 3, 10))
    mf.make_activity(office, topic="Биздин семинар", host_school=school_a, starts_at=day)
    mf.make_activity(office, topic="Башка мектеп", host_school=school_b, starts_at=day)
    mf.make_activity(
        office, kind="open_door_day", topic="Ачык эшик", host_school=school_b, starts_at=day, is_announced=True
    )
    response = director_a_client.get(reverse("mentorship:calendar"), {"month": "2026-03"})
    topics = sorted(activity.topic for _day, activities in response.context["agenda"] for activity in activities)
    assert topics == ["Ачык эшик", "Биздин семинар"]


def test_a_director_cannot_open_another_schools_activity(director_a_client, office, school_b):
    activity = mf.make_activity(office, topic="Башка мектеп", host_school=school_b)
    assert director_a_client.get(reverse("mentorship:activity_detail", args=[activity.pk])).status_code == 404


def test_a_teacher_sees_activities_they_took_part_in(teacher_client, office, school_b, teacher_a):
    activity = mf.make_activity(office, topic="Семинар", host_school=school_b, participants=[teacher_a])
    assert teacher_client.get(reverse("mentorship:activity_detail", args=[activity.pk])).status_code == 200


def test_methodist_adds_an_activity_in_the_offices_local_time(methodist_client, office, school_a):
    response = methodist_client.post(
        reverse("mentorship:activity_create"),
        {
            "kind": "open_door_day",
            "topic": "Ачык эшиктер күнү",
            "starts_at": "2026-12-05T09:00",
            "host_school": school_a.pk,
            "is_announced": "on",
        },
    )
    assert response.status_code == 302
    activity = office.mentorship_activities.get()
    assert activity.starts_at == datetime(2026, 12, 5, 3, 0, tzinfo=UTC)


def test_an_activity_ending_before_it_starts_is_refused(methodist_client, office):
    response = methodist_client.post(
        reverse("mentorship:activity_create"),
        {"kind": "seminar", "topic": "Семинар", "starts_at": "2026-12-05T09:00", "ends_at": "2026-12-05T08:00"},
    )
    assert "ends_at" in response.context["form"].errors
    assert response.context["form"]["topic"].value() == "Семинар"
    assert not office.mentorship_activities.exists()


def test_an_activity_at_a_school_of_another_district_is_refused(methodist_client, office, other_office_school):
    response = methodist_client.post(
        reverse("mentorship:activity_create"),
        {"kind": "seminar", "topic": "Семинар", "starts_at": "2026-12-05T09:00", "host_school": other_office_school.pk},
    )
    assert "host_school" in response.context["form"].errors
    assert not office.mentorship_activities.exists()


def test_a_teacher_sees_announced_days_but_not_other_schools_activities(teacher_client, office, school_b):
    day = mf.local(date(2026, 3, 10))
    mf.make_activity(office, topic="Башка мектеп", host_school=school_b, starts_at=day)
    mf.make_activity(
        office, kind="open_door_day", topic="Ачык эшик", host_school=school_b, starts_at=day, is_announced=True
    )
    response = teacher_client.get(reverse("mentorship:calendar"), {"month": "2026-03"})
    topics = [activity.topic for _day, activities in response.context["agenda"] for activity in activities]
    assert topics == ["Ачык эшик"]


def test_a_methodist_of_another_office_sees_none_of_this_calendar(client, office, other_office, school_a):
    activity = mf.make_activity(office, topic="Угуу", host_school=school_a, starts_at=mf.local(date(2026, 3, 3)))
    client.force_login(factories.make_methodist(other_office, username="methodist.kz"))
    assert client.get(reverse("mentorship:calendar"), {"month": "2026-03"}).context["agenda"] == []
    assert client.get(reverse("mentorship:activity_detail", args=[activity.pk])).status_code == 404
    assert client.get(reverse("mentorship:activity_edit", args=[activity.pk])).status_code == 404


@pytest.mark.parametrize(("language", "name"), [("ky", "«Устат-шакирт» мектеби"), ("kk", "«Ұстаз-шәкірт» мектебі")])
def test_the_feed_names_itself_in_the_asked_language(client, office, language, name):
    body = client.get(_feed_url(office, lang=language)).content.decode().replace("\r\n ", "")
    calendar_name = next(line for line in body.splitlines() if line.startswith("X-WR-CALNAME:"))
    with translation.override(language):
        assert calendar_name == f"X-WR-CALNAME:{name}: {office.name}"
