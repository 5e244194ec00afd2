"""Mentorship pages by role: registering mentors, pairs, the mentor's log, plan, corner, report, certificate."""

import io
from datetime import date, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook
from PIL import Image

from certificates.models import Certificate
from core import clock
from mentorship.models import Activity, MentorAppointment, Pair, PairState, PlanItemState
from tests import factories
from tests import factories_mentorship as mf


@pytest.fixture(autouse=True)
def _rules_read_in_english(settings):
    """These tests pin the rules' wording in the source language; translations are pinned elsewhere."""
    settings.LANGUAGES = [*settings.LANGUAGES, ("en", "English")]
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def track(office):
    return mf.make_track(office, code="natural", name_ky="Табигый жана так предметтер")


@pytest.fixture
def mentor(school_a):
    return factories.make_staff(
        school_a, surname="Абдыкадырова", given_name="Апал", patronymic="Асановна", hire_date=date(1998, 8, 20)
    )


@pytest.fixture
def appointment(mentor, track):
    return mf.make_appointment(mentor, track)


@pytest.fixture
def mentor_client(client, mentor):
    user = factories.make_teacher(mentor, username="mentor")
    client.force_login(user)
    return client


def _register_data(person, track, **changes):
    data = {
        "q": person.surname,
        "staff_member": person.pk,
        "track": track.pk,
        "order_number": "№18",
        "order_date": "2025-08-28",
        "starts_on": "2025-09-01",
        "ends_on": "",
        "biography": "Педагогикалык стажы 27 жыл.",
        "achievements": "«Мыкты мугалим» сынагынын жеңүүчүсү",
    }
    return {**data, **changes}


# Registering a mentor ----------------------------------------------------------------------------------


def test_the_search_finds_a_person_anywhere_in_the_district_whatever_the_case(
    methodist_client, mentor, teacher_b, other_office_school
):
    factories.make_staff(other_office_school, surname="Абдыкадырова", given_name="Әсел")
    response = methodist_client.get(reverse("mentorship:appointment_register"), {"q": "АБДЫКАДЫРОВА"})
    choices = list(response.context["form"].fields["staff_member"].queryset)
    assert choices == [mentor]
    assert "Абдыкадырова Апал Асановна — №2" in response.content.decode()


def test_methodist_registers_a_mentor_with_a_photo_and_a_two_year_term(
    methodist_client, mentor, track, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    data = _register_data(
        mentor, track, photo=mf.photo_upload("менин сүрөтүм.png", mf.image_bytes("PNG", (2400, 1800)))
    )
    response = methodist_client.post(reverse("mentorship:appointment_register"), data)
    appointment = MentorAppointment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == appointment.get_absolute_url()
    assert (appointment.starts_on, appointment.ends_on) == (date(2025, 9, 1), date(2027, 8, 31))
    assert appointment.photo.name.startswith("mentor-photos/") and appointment.photo.name.endswith(".jpg")
    with Image.open(appointment.photo.path) as image:
        assert (image.format, image.size) == ("JPEG", (800, 600))


def test_a_photo_that_is_not_an_image_is_refused_and_the_form_keeps_what_was_typed(
    methodist_client, mentor, track, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    data = _register_data(mentor, track, photo=mf.photo_upload("photo.jpg", b"<html><body>not a photo</body></html>"))
    response = methodist_client.post(reverse("mentorship:appointment_register"), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert "JPG, PNG" in " ".join(form.errors["photo"])
    assert form["order_number"].value() == "№18"
    assert str(form["staff_member"].value()) == str(mentor.pk)
    assert not MentorAppointment.objects.exists()


def test_backwards_dates_are_refused(methodist_client, mentor, track):
    response = methodist_client.post(
        reverse("mentorship:appointment_register"), _register_data(mentor, track, ends_on="2025-08-01")
    )
    assert "before it starts" in " ".join(response.context["form"].errors["ends_on"])
    assert not MentorAppointment.objects.exists()


def test_an_overlapping_term_is_refused(methodist_client, appointment, mentor, track):
    response = methodist_client.post(
        reverse("mentorship:appointment_register"), _register_data(mentor, track, starts_on="2026-01-10")
    )
    assert "already a mentor of this track" in " ".join(response.context["form"].errors["starts_on"])
    assert MentorAppointment.objects.count() == 1


def test_a_mentor_from_outside_the_district_is_refused(methodist_client, track, other_office_school):
    outsider = factories.make_staff(other_office_school, surname="Нұрланов")
    response = methodist_client.post(reverse("mentorship:appointment_register"), _register_data(outsider, track))
    assert "not on your district's staff list" in " ".join(response.context["form"].errors["staff_member"])
    assert not MentorAppointment.objects.exists()


def test_reappointment_starts_the_day_after_the_old_term(methodist_client, mentor, track):
    old = mf.make_appointment(mentor, track, starts_on=date(2020, 2, 24))
    page = methodist_client.get(reverse("mentorship:appointment_register"), {"from": old.pk})
    assert page.context["form"].initial["starts_on"] == date(2022, 2, 24)
    response = methodist_client.post(
        reverse("mentorship:appointment_register") + f"?from={old.pk}",
        _register_data(mentor, track, starts_on="2022-02-24", order_number="№112"),
    )
    assert response.status_code == 302
    assert list(MentorAppointment.objects.order_by("starts_on").values_list("order_number", flat=True)) == [
        "№18",
        "№112",
    ]


@pytest.mark.parametrize("client_fixture", ["director_a_client", "teacher_client"])
def test_only_methodists_register_mentors(request, client_fixture, mentor, track):
    client = request.getfixturevalue(client_fixture)
    assert client.get(reverse("mentorship:appointment_register")).status_code == 403
    assert client.post(reverse("mentorship:appointment_register"), _register_data(mentor, track)).status_code == 403
    assert not MentorAppointment.objects.exists()


# The mentors list --------------------------------------------------------------------------------------


def _names(response):
    return [appointment.staff_member.surname for appointment in response.context["page"].object_list]


def test_mentors_list_filters_by_track_school_and_state(methodist_client, office, track, school_a, school_b):
    humanities = mf.make_track(office, code="humanities")
    mf.make_appointment(factories.make_staff(school_a, surname="Асанова"), track)
    mf.make_appointment(factories.make_staff(school_b, surname="Бекова"), humanities)
    mf.make_appointment(factories.make_staff(school_b, surname="Эски"), track, starts_on=date(2020, 2, 24))
    url = reverse("mentorship:mentors")
    assert sorted(_names(methodist_client.get(url))) == ["Асанова", "Бекова", "Эски"]
    assert _names(methodist_client.get(url, {"track": humanities.pk})) == ["Бекова"]
    assert sorted(_names(methodist_client.get(url, {"school": school_b.pk}))) == ["Бекова", "Эски"]
    assert _names(methodist_client.get(url, {"state": "expired"})) == ["Эски"]
    assert sorted(_names(methodist_client.get(url, {"state": "active"}))) == ["Асанова", "Бекова"]
    assert _names(methodist_client.get(url, {"q": "бек"})) == ["Бекова"]


def test_mentors_list_counts_todays_mentors_per_track(methodist_client, office, track, school_a):
    humanities = mf.make_track(office, code="humanities")
    for number in range(3):
        mf.make_appointment(factories.make_staff(school_a, surname=f"Асан{number}"), track)
    mf.make_appointment(factories.make_staff(school_a, surname="Эски"), humanities, starts_on=date(2020, 2, 24))
    response = methodist_client.get(reverse("mentorship:mentors"))
    assert [(t.code, count) for t, count in response.context["track_counts"]] == [("natural", 3), ("humanities", 0)]
    assert response.context["total"] == 3


def test_director_sees_own_schools_mentors_only(director_a_client, track, school_a, school_b):
    mf.make_appointment(factories.make_staff(school_a, surname="Асанова"), track)
    mf.make_appointment(factories.make_staff(school_b, surname="Бекова"), track)
    assert _names(director_a_client.get(reverse("mentorship:mentors"))) == ["Асанова"]


def test_mentors_export_has_the_rows(methodist_client, appointment):
    response = methodist_client.get(reverse("mentorship:mentors"), {"export": "xlsx"})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[1][0] == "Абдыкадырова Апал Асановна"
    assert len(rows) == 2


def _fill_mentors(office, track, school, count):
    for number in range(count):
        person = factories.make_staff(school, surname=f"Насаатчы{number:03d}")
        appointment = mf.make_appointment(person, track)
        mf.make_pair(appointment, factories.make_staff(school, surname=f"Шакирт{number:03d}"))
        mf.make_activity(office, host_school=school, track=track, participants=[person])


def test_mentors_list_query_count_does_not_grow_with_rows(
    methodist_client, office, track, school_a, django_assert_num_queries
):
    _fill_mentors(office, track, school_a, 1)
    url = reverse("mentorship:mentors")
    methodist_client.get(url)
    with django_assert_num_queries(8):
        methodist_client.get(url)
    _fill_mentors(office, track, school_a, 60)
    with django_assert_num_queries(8):
        response = methodist_client.get(url)
    assert len(response.context["page"].object_list) == 50


def test_calendar_query_count_does_not_grow_with_rows(
    methodist_client, office, track, school_a, django_assert_num_queries
):
    url = reverse("mentorship:calendar")
    month = {"month": "2026-03"}
    _fill_mentors(office, track, school_a, 1)
    methodist_client.get(url, month)
    with django_assert_num_queries(5):
        methodist_client.get(url, month)
    _fill_mentors(office, track, school_a, 60)
    with django_assert_num_queries(5):
        response = methodist_client.get(url, month)
    assert len(response.context["agenda"][0][1]) == 61


# Pairs -------------------------------------------------------------------------------------------------


def _pair_data(appointment, mentee, **changes):
    data = {
        "q": mentee.surname,
        "appointment": appointment.pk,
        "mentee": mentee.pk,
        "starts_on": date.today().isoformat(),
        "ends_on": "",
        "goals": "Сабакты пландаштыруу",
    }
    return {**data, **changes}


def test_methodist_creates_a_pair_that_runs_until_the_term_ends(methodist_client, appointment, teacher_b):
    response = methodist_client.post(reverse("mentorship:pair_create"), _pair_data(appointment, teacher_b))
    pair = Pair.objects.get()
    assert response["Location"] == pair.get_absolute_url()
    assert (pair.mentee, pair.track, pair.ends_on, pair.state) == (
        teacher_b,
        appointment.track,
        appointment.ends_on,
        "active",
    )


def test_the_mentee_search_marks_young_specialists(methodist_client, appointment, school_b):
    factories.make_staff(school_b, surname="Жаңыбаева", hire_date=date.today() - timedelta(days=200))
    response = methodist_client.get(reverse("mentorship:pair_create"), {"q": "Жаңыбаева"})
    labels = [label for _value, label in response.context["form"].fields["mentee"].choices]
    assert labels and labels[-1].endswith("young specialist")


def test_a_mentor_cannot_be_their_own_mentee_on_the_page(methodist_client, appointment, mentor):
    response = methodist_client.post(reverse("mentorship:pair_create"), _pair_data(appointment, mentor))
    assert "own mentee" in " ".join(response.context["form"].errors["mentee"])
    assert not Pair.objects.exists()


def test_a_pair_outliving_the_term_is_refused_on_the_page(methodist_client, appointment, teacher_b):
    ends = (appointment.ends_on + timedelta(days=1)).isoformat()
    response = methodist_client.post(
        reverse("mentorship:pair_create"), _pair_data(appointment, teacher_b, ends_on=ends)
    )
    assert "cannot outlive" in " ".join(response.context["form"].errors["ends_on"])
    assert response.context["form"]["goals"].value() == "Сабакты пландаштыруу"
    assert not Pair.objects.exists()


def test_a_mentee_already_paired_on_the_track_is_refused(methodist_client, appointment, track, teacher_b, school_b):
    mf.make_pair(appointment, teacher_b)
    other = mf.make_appointment(factories.make_staff(school_b, surname="Сыдыкова"), track)
    response = methodist_client.post(reverse("mentorship:pair_create"), _pair_data(other, teacher_b))
    assert "already has a mentor on this track" in " ".join(response.context["form"].errors["mentee"])
    assert Pair.objects.count() == 1


def test_the_limit_of_mentees_is_enforced_with_a_clear_message(methodist_client, office, appointment, school_b):
    mf.set_limit(office, 2)
    for number in range(2):
        mf.make_pair(appointment, factories.make_staff(school_b, surname=f"Шакирт{number}"))
    third = factories.make_staff(school_b, surname="Үчүнчү")
    response = methodist_client.post(reverse("mentorship:pair_create"), _pair_data(appointment, third))
    assert response.status_code == 200
    message = " ".join(response.context["form"].errors["appointment"])
    assert "Абдыкадырова Апал Асановна already has 2 mentees, the most your office allows" in message
    assert Pair.objects.count() == 2


def test_a_mentor_whose_term_ended_cannot_take_a_mentee(methodist_client, mentor, track, teacher_b):
    expired = mf.make_appointment(mentor, track, starts_on=date(2020, 2, 24))
    response = methodist_client.post(reverse("mentorship:pair_create"), _pair_data(expired, teacher_b))
    assert "whose term has not ended" in " ".join(response.context["form"].errors["appointment"])
    assert not Pair.objects.exists()


def test_a_mentee_from_another_district_is_refused(methodist_client, appointment, other_office_school):
    outsider = factories.make_staff(other_office_school, surname="Нұрланов")
    response = methodist_client.post(reverse("mentorship:pair_create"), _pair_data(appointment, outsider))
    assert "not on your district's staff list" in " ".join(response.context["form"].errors["mentee"])
    assert not Pair.objects.exists()


def test_a_pair_belongs_to_both_schools(director_a_client, director_b_client, track, school_b, teacher_a):
    """The mentor works at school B, the mentee at school A: both directors see the pair."""
    pair = mf.make_pair(mf.make_appointment(factories.make_staff(school_b, surname="Сыдыкова"), track), teacher_a)
    for client in (director_a_client, director_b_client):
        assert client.get(reverse("mentorship:pair_detail", args=[pair.pk])).status_code == 200
        assert [p.pk for p in client.get(reverse("mentorship:pairs")).context["page"].object_list] == [pair.pk]


def test_director_cannot_edit_another_schools_pair(director_b_client, appointment, school_a):
    mentee = factories.make_staff(school_a, surname="Шакирт")
    pair = mf.make_pair(appointment, mentee)
    url = reverse("mentorship:pair_edit", args=[pair.pk])
    assert director_b_client.get(url).status_code == 404
    response = director_b_client.post(url, {"starts_on": "2025-09-15", "ends_on": "2026-01-01", "goals": "Башка"})
    assert response.status_code == 404
    close = director_b_client.post(
        reverse("mentorship:pair_close", args=[pair.pk]), {"state": "stopped", "closed_on": "2026-01-01", "reason": "x"}
    )
    assert close.status_code == 404
    pair.refresh_from_db()
    assert (pair.goals, pair.ends_on, pair.state) == ("Сабакты пландаштыруу", appointment.ends_on, "active")
    assert director_b_client.get(reverse("mentorship:pair_detail", args=[pair.pk])).status_code == 404


def test_director_stops_own_schools_pair_with_a_reason(director_a_client, appointment, school_a):
    pair = mf.make_pair(appointment, factories.make_staff(school_a, surname="Шакирт"))
    url = reverse("mentorship:pair_close", args=[pair.pk])
    refused = director_a_client.post(url, {"state": "stopped", "closed_on": date.today().isoformat(), "reason": ""})
    assert refused.status_code == 400
    pair.refresh_from_db()
    assert pair.state == "active"
    director_a_client.post(
        url, {"state": "stopped", "closed_on": date.today().isoformat(), "reason": "Шакирт декреттик өргүүгө чыкты."}
    )
    pair.refresh_from_db()
    assert (pair.state, pair.stop_reason) == ("stopped", "Шакирт декреттик өргүүгө чыкты.")


# The mentor's log and the teacher's pages -----------------------------------------------------------------


def test_mentor_logs_a_lesson_visit_with_their_mentee(mentor_client, appointment, teacher_a):
    pair = mf.make_pair(appointment, teacher_a)
    page = mentor_client.get(reverse("mentorship:pair_detail", args=[pair.pk]))
    assert page.context["log_form"] is not None
    response = mentor_client.post(
        reverse("mentorship:pair_log", args=[pair.pk]),
        {
            "kind": "mentor_visit",
            "starts_at": f"{date.today().isoformat()}T11:00",
            "subject": "Алгебра",
            "class_name": "8 А",
            "next_steps": "Калыптандыруучу баалоону колдонуу",
        },
    )
    assert response.status_code == 302
    activity = Activity.objects.get()
    assert (activity.pair, activity.kind, activity.host_school, activity.track, activity.topic) == (
        pair,
        "mentor_visit",
        teacher_a.school,
        appointment.track,
        "Алгебра, 8 А",
    )
    assert set(activity.participants.all()) == {appointment.staff_member, teacher_a}
    assert activity.starts_at.astimezone(ZoneInfo("Asia/Bishkek")).hour == 11


def test_the_mentors_log_starts_at_now_in_the_offices_time(mentor_client, appointment, teacher_a):
    pair = mf.make_pair(appointment, teacher_a)
    page = mentor_client.get(reverse("mentorship:pair_detail", args=[pair.pk]))
    shown = page.context["log_form"]["starts_at"].value()
    assert shown.date() == clock.today() and shown.second == 0


def test_a_log_dated_outside_the_pair_is_refused(mentor_client, appointment, teacher_a):
    pair = mf.make_pair(appointment, teacher_a)
    response = mentor_client.post(
        reverse("mentorship:pair_log", args=[pair.pk]),
        {"kind": "consultation", "starts_at": "2020-01-10T11:00", "went_well": "Кеңеш"},
    )
    assert response.status_code == 400
    assert "log a date within it" in " ".join(response.context["log_form"].errors["starts_at"])
    assert not Activity.objects.exists()


def test_a_refused_log_by_the_methodist_keeps_the_methodists_tools_on_the_page(
    methodist_client, appointment, teacher_a
):
    pair = mf.make_pair(appointment, teacher_a)
    response = methodist_client.post(
        reverse("mentorship:pair_log", args=[pair.pk]),
        {"kind": "consultation", "starts_at": "2020-01-10T11:00", "went_well": "Кеңеш"},
    )
    assert response.status_code == 400
    assert response.context["log_form"]["went_well"].value() == "Кеңеш"
    assert response.context["can_manage"] is True
    assert response.context["close_form"] is not None


def test_the_mentee_cannot_write_the_mentors_log(teacher_client, appointment, teacher_a):
    pair = mf.make_pair(appointment, teacher_a)
    assert teacher_client.get(reverse("mentorship:pair_detail", args=[pair.pk])).context["log_form"] is None
    response = teacher_client.post(
        reverse("mentorship:pair_log", args=[pair.pk]),
        {"kind": "consultation", "starts_at": f"{date.today().isoformat()}T11:00", "went_well": "Кеңеш"},
    )
    assert response.status_code == 404
    assert not Activity.objects.exists()


def test_another_teacher_cannot_open_the_pair(client, appointment, teacher_a, teacher_b):
    pair = mf.make_pair(appointment, teacher_a)
    client.force_login(factories.make_teacher(teacher_b, username="teacher_b"))
    assert client.get(reverse("mentorship:pair_detail", args=[pair.pk])).status_code == 404
    assert client.get(reverse("mentorship:appointment_detail", args=[appointment.pk])).status_code == 404


def test_teacher_sees_who_their_mentor_is(teacher_client, appointment, teacher_a):
    mf.make_pair(appointment, teacher_a)
    response = teacher_client.get(reverse("mentorship:my"))
    content = response.content.decode()
    assert "Абдыкадырова Апал Асановна" in content
    assert [pair.mentor for pair in response.context["as_mentee"]] == [appointment.staff_member]
    assert teacher_client.get(reverse("mentorship:appointment_detail", args=[appointment.pk])).status_code == 200


def test_a_mentor_sees_their_pairs_on_their_page(mentor_client, appointment, teacher_a, teacher_b):
    mf.make_pair(appointment, teacher_a)
    response = mentor_client.get(reverse("mentorship:my"))
    assert [pair.mentee for pair in response.context["as_mentor"]] == [teacher_a]
    assert list(response.context["appointments"]) == [appointment]


def test_home_sends_each_role_to_its_page(director_a_client, teacher_client, methodist_client):
    assert director_a_client.get(reverse("mentorship:home"))["Location"] == reverse("mentorship:school")
    assert teacher_client.get(reverse("mentorship:home"))["Location"] == reverse("mentorship:my")
    assert methodist_client.get(reverse("mentorship:home")).status_code == 200


def test_director_page_lists_school_mentors_and_pairs(director_a_client, appointment, track, school_b, teacher_a):
    outside_mentor = mf.make_appointment(factories.make_staff(school_b, surname="Сыдыкова"), track)
    mf.make_pair(outside_mentor, teacher_a)
    mf.make_pair(appointment, factories.make_staff(school_b, surname="Бекова"))
    response = director_a_client.get(reverse("mentorship:school"))
    assert list(response.context["mentors"]) == [appointment]
    assert sorted(pair.mentee.surname for pair in response.context["pairs"]) == ["Бекова", "Өмүрова"]


def test_methodist_of_another_office_cannot_see_the_appointment(client, appointment, other_office):
    client.force_login(factories.make_methodist(other_office, username="methodist.kz"))
    assert client.get(reverse("mentorship:appointment_detail", args=[appointment.pk])).status_code == 404
    assert client.get(reverse("mentorship:appointment_edit", args=[appointment.pk])).status_code == 404


# Photos, the information corner -----------------------------------------------------------------------------


@pytest.fixture
def appointment_with_photo(appointment, settings, tmp_path):
    from mentorship.services import resized_photo

    settings.MEDIA_ROOT = tmp_path
    appointment.photo = resized_photo(mf.photo_upload())
    appointment.save()
    return appointment


def test_the_corner_shows_todays_mentors_by_track_with_photos(methodist_client, appointment_with_photo, mentor, track):
    mf.make_appointment(factories.make_staff(mentor.school, surname="Эски"), track, starts_on=date(2020, 2, 24))
    response = methodist_client.get(reverse("mentorship:corner"))
    content = response.content.decode()
    assert "Абдыкадырова Апал Асановна" in content
    assert "Эски" not in content
    photo_url = reverse("mentorship:appointment_photo", args=[appointment_with_photo.pk])
    assert photo_url in content
    photo = methodist_client.get(photo_url)
    assert photo.status_code == 200
    assert photo["Content-Type"] == "image/jpeg"


def test_a_photo_is_served_only_within_scope(director_b_client, appointment_with_photo):
    url = reverse("mentorship:appointment_photo", args=[appointment_with_photo.pk])
    assert director_b_client.get(url).status_code == 404


# Plan, support schools, report, certificate ------------------------------------------------------------------


def test_the_plan_shows_plan_versus_done(methodist_client, office, track):
    plan = mf.make_plan(office, 2019)
    done = mf.make_plan_item(plan, state=PlanItemState.DONE)
    mf.make_activity(office, plan_item=done, starts_at=mf.local(date(2020, 3, 3)))
    mf.make_plan_item(plan, what="Тегерек стол", state=PlanItemState.CANCELLED, state_reason="Карантин")
    mf.make_plan_item(plan, what="Семинар")
    mf.make_plan_item(plan, what="Ачык эшиктер күнү", state=PlanItemState.POSTPONED, state_reason="Карантин")
    response = methodist_client.get(reverse("mentorship:plan"), {"year": 2019})
    assert response.context["counts"] == {"planned": 1, "done": 1, "postponed": 1, "cancelled": 1}
    assert response.context["percent_done"] == 25


def test_methodist_starts_a_plan_and_adds_an_item(methodist_client, office, track):
    methodist_client.post(reverse("mentorship:plan_create", args=[2026]), {"note": "Угуу, 18.09.2026"})
    response = methodist_client.post(
        reverse("mentorship:plan_item_create", args=[2026]),
        {"what": "Ачык эшиктер күнү", "planned_month": "2027-02", "responsible": "Усулдук кабинет", "track": track.pk},
    )
    assert response.status_code == 302
    item = office.mentorship_plans.get().items.get()
    assert (item.planned_month, item.state) == (date(2027, 2, 1), "planned")


def test_a_plan_item_outside_the_year_is_refused(methodist_client, office):
    mf.make_plan(office, 2026)
    response = methodist_client.post(
        reverse("mentorship:plan_item_create", args=[2026]), {"what": "Угуу", "planned_month": "2027-09"}
    )
    assert "planned_month" in response.context["form"].errors


def test_support_schools_show_the_activities_they_hosted(methodist_client, office, school_a, school_b):
    school_a.is_support_school = True
    school_a.support_order_number, school_a.support_order_date = "№47", date(2019, 9, 2)
    school_a.save()
    mf.make_activity(office, host_school=school_a, topic="Ачык эшиктер күнү", starts_at=mf.local(date(2019, 12, 5)))
    mf.make_activity(office, host_school=school_b, topic="Семинар", starts_at=mf.local(date(2019, 12, 6)))
    response = methodist_client.get(reverse("mentorship:support_schools"), {"year": 2019})
    schools = list(response.context["schools"])
    assert schools == [school_a]
    assert [activity.topic for activity in schools[0].hosted] == ["Ачык эшиктер күнү"]


def test_report_counts_per_track_and_school_and_exports(
    methodist_client, office, appointment, track, school_a, school_b
):
    mf.make_pair(appointment, factories.make_staff(school_b, surname="Бекова"))
    plan = mf.make_plan(office, 2025)
    item = mf.make_plan_item(plan, track=track, state=PlanItemState.DONE)
    mf.make_plan_item(plan, track=track, what="Семинар")
    mf.make_activity(office, track=track, host_school=school_a, plan_item=item, starts_at=mf.local(date(2025, 10, 9)))
    response = methodist_client.get(reverse("mentorship:report"), {"year": 2025})
    natural = response.context["track_rows"][0]
    assert (natural["mentors"], natural["pairs"], natural["activities"], natural["done"], natural["items"]) == (
        1,
        1,
        1,
        1,
        2,
    )
    assert natural["completion"] == 50
    schools = {row["name"]: row for row in response.context["school_rows"]}
    assert (schools[school_a.name]["mentors"], schools[school_a.name]["pairs"]) == (1, 1)
    assert (schools[school_b.name]["mentees"], schools[school_b.name]["pairs"]) == (1, 1)
    export = methodist_client.get(reverse("mentorship:report"), {"year": 2025, "export": "xlsx", "table": "schools"})
    rows = list(load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True))
    assert [row[0] for row in rows[1:]] == [school_a.name, school_b.name]
    assert rows[1][2:5] == (1, 0, 1)


def test_report_counts_a_pair_once_per_school_and_the_log_and_the_activities_apart(
    methodist_client, office, appointment, track, school_a, school_b
):
    """A pair counts for the mentee's school and the mentor's, once when they are the same; log entries are
    meetings, not activities; an activity for every track counts on the "all tracks" row."""
    same_school = mf.make_pair(appointment, factories.make_staff(school_a, surname="Асанова"))
    mf.make_pair(appointment, factories.make_staff(school_b, surname="Бекова"))
    other_track = mf.make_track(
        office, name_ky="Гуманитардык предметтер", name_kk="Гуманитарлық пәндер", name_ru="Гуманитарные предметы"
    )
    for day in (date(2025, 10, 1), date(2025, 11, 5)):
        mf.make_activity(
            office, pair=same_school, track=track, kind="consultation", host_school=school_a, starts_at=mf.local(day)
        )
    mf.make_activity(office, track=other_track, host_school=school_b, starts_at=mf.local(date(2025, 10, 9)))
    mf.make_activity(office, host_school=school_b, starts_at=mf.local(date(2025, 12, 9)))
    mf.make_activity(office, host_school=school_b, starts_at=mf.local(date(2024, 12, 9)))  # the year before
    response = methodist_client.get(reverse("mentorship:report"), {"year": 2025})
    *rows, every_track = response.context["track_rows"]
    tracks = {row["name"]: row for row in rows}
    figures = ("mentors", "pairs", "activities", "meetings")
    assert [tracks[track.name][name] for name in figures] == [1, 2, 0, 2]
    assert [tracks[other_track.name][name] for name in figures] == [0, 0, 1, 0]
    assert [every_track[name] for name in figures] == [0, 0, 1, 0]
    schools = {row["name"]: row for row in response.context["school_rows"]}
    figures = ("mentors", "mentees", "pairs", "activities", "meetings")
    assert [schools[school_a.name][name] for name in figures] == [1, 1, 2, 0, 2]
    assert [schools[school_b.name][name] for name in figures] == [0, 1, 1, 2, 0]


@pytest.mark.parametrize("pairs", [1, 6])
def test_the_reports_queries_do_not_grow_with_pairs_and_entries(
    methodist_client, office, appointment, school_b, pairs, django_assert_num_queries
):
    for number in range(pairs):
        pair = mf.make_pair(appointment, factories.make_staff(school_b, surname=f"Шакирт{number}"))
        mf.make_activity(
            office, pair=pair, track=pair.track, kind="consultation", starts_at=mf.local(date(2025, 10, 1))
        )
    url = reverse("mentorship:report")
    methodist_client.get(url, {"year": 2025})
    # session, user; the mentors by track, the pairs, the log and activities, the plan's items, the tracks;
    # the mentors and the mentees by school, the schools
    with django_assert_num_queries(10):
        response = methodist_client.get(url, {"year": 2025})
    assert response.context["track_rows"][0]["meetings"] == pairs


def test_report_is_for_methodists(director_a_client):
    assert director_a_client.get(reverse("mentorship:report")).status_code == 403


def test_methodist_issues_a_mentorship_certificate_once(methodist_client, office, appointment, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    factories.make_certificate_settings(office, default_layout="ky+ru")
    url = reverse("mentorship:appointment_certificate", args=[appointment.pk])
    response = methodist_client.post(url, {"layout": "ky+ru"})
    certificate = Certificate.objects.get()
    assert response["Location"] == certificate.get_absolute_url()
    assert (certificate.kind, certificate.mentor_appointment, certificate.title, certificate.hours) == (
        "mentorship",
        appointment,
        "Табигый жана так предметтер",
        None,
    )
    assert (certificate.starts_on, certificate.ends_on) == (appointment.starts_on, appointment.ends_on)
    assert certificate.pdf.read()[:5] == b"%PDF-"
    methodist_client.post(url, {"layout": "ky+ru"})
    assert Certificate.objects.count() == 1


def test_the_certificate_title_follows_the_layouts_first_language(
    methodist_client, office, appointment, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path
    factories.make_certificate_settings(office, default_layout="ky+ru")
    methodist_client.post(reverse("mentorship:appointment_certificate", args=[appointment.pk]), {"layout": "ru"})
    assert Certificate.objects.get().title == "Естественные и точные предметы"


def test_a_certificate_needs_the_offices_signatory(methodist_client, appointment):
    response = methodist_client.post(reverse("mentorship:appointment_certificate", args=[appointment.pk]), follow=True)
    assert not Certificate.objects.exists()
    errors = [str(message) for message in response.context["messages"] if message.level_tag == "error"]
    assert len(errors) == 1 and appointment.track.office.name_ru in errors[0]


def test_a_director_cannot_issue_a_certificate(director_a_client, office, appointment):
    factories.make_certificate_settings(office)
    response = director_a_client.post(reverse("mentorship:appointment_certificate", args=[appointment.pk]))
    assert response.status_code == 403
    assert not Certificate.objects.exists()


def test_settings_change_the_limit(methodist_client, office):
    methodist_client.post(
        reverse("mentorship:settings"),
        {
            "max_mentees_per_mentor": 3,
            "first_year_cadence_days": 7,
            "later_cadence_days": 14,
            "cadence_grace_days": 3,
            "mentee_kinds": ["young_specialist", "on_request"],
            "trainee_period_months": 12,
        },
    )
    assert office.mentorship_settings.max_mentees_per_mentor == 3


def test_pair_state_choices_are_the_three_of_the_issue():
    assert PairState.values == ["active", "finished", "stopped"]


def test_a_truncated_photo_leaves_nothing_written(methodist_client, mentor, track, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    truncated = mf.image_bytes()[:600]
    data = _register_data(mentor, track, photo=mf.photo_upload("photo.jpg", truncated))
    response = methodist_client.post(reverse("mentorship:appointment_register"), data)
    assert response.status_code == 200
    assert "photo" in response.context["form"].errors
    assert not MentorAppointment.objects.exists()
    assert not any(tmp_path.rglob("*.jpg"))


def test_a_term_cannot_be_shortened_under_its_active_pairs(methodist_client, appointment, teacher_b):
    mf.make_pair(appointment, teacher_b)
    response = methodist_client.post(
        reverse("mentorship:appointment_edit", args=[appointment.pk]),
        {"order_number": "№18", "order_date": "2025-09-01", "starts_on": "2025-09-01", "ends_on": "2026-06-30"},
    )
    assert "active pairs" in " ".join(response.context["form"].errors["ends_on"])
    appointment.refresh_from_db()
    assert appointment.ends_on == date(2027, 8, 31)


def test_editing_a_pair_keeps_it_within_the_term(director_a_client, appointment, school_a):
    pair = mf.make_pair(appointment, factories.make_staff(school_a, surname="Шакирт"))
    url = reverse("mentorship:pair_edit", args=[pair.pk])
    refused = director_a_client.post(url, {"starts_on": "2025-09-15", "ends_on": "2028-01-01", "goals": "Жаңы"})
    assert "cannot outlive" in " ".join(refused.context["form"].errors["ends_on"])
    pair.refresh_from_db()
    assert pair.goals == "Сабакты пландаштыруу"
    director_a_client.post(url, {"starts_on": "2025-09-15", "ends_on": "2027-06-30", "goals": "Жаңы"})
    pair.refresh_from_db()
    assert (pair.goals, pair.ends_on) == ("Жаңы", date(2027, 6, 30))


def test_many_search_results_ask_for_more_of_the_name(methodist_client, school_a):
    for number in range(31):
        factories.make_staff(school_a, surname=f"Асанова{number:02d}")
    response = methodist_client.get(reverse("mentorship:appointment_register"), {"q": "асанова"})
    assert len(response.context["form"].fields["staff_member"].queryset) == 30
    assert "many-results" in response.content.decode()


def test_activity_participants_are_the_programmes_people(methodist, appointment, teacher_a, teacher_b):
    from mentorship.forms import ActivityForm

    mf.make_pair(appointment, teacher_a)
    offered = set(ActivityForm(user=methodist).fields["participants"].queryset)
    assert offered == {appointment.staff_member, teacher_a}
    assert teacher_b not in offered


def test_methodist_adds_a_track_with_a_responsible_methodist(methodist_client, methodist, office, other_office):
    stranger = factories.make_methodist(other_office, username="methodist.kz")
    data = {
        "name_ky": "Мектеп жетекчилери",
        "name_kk": "Мектеп басшылары",
        "name_ru": "Руководители школ",
        "code": "leaders",
        "order": 5,
    }
    refused = methodist_client.post(reverse("mentorship:track_create"), {**data, "responsible": stranger.pk})
    assert "responsible" in refused.context["form"].errors
    methodist_client.post(reverse("mentorship:track_create"), {**data, "responsible": methodist.pk})
    track = office.mentorship_tracks.get(code="leaders")
    assert (track.name_ru, track.responsible) == ("Руководители школ", methodist)


def test_a_director_cannot_add_a_track(director_a_client, office):
    response = director_a_client.post(
        reverse("mentorship:track_create"), {"name_ky": "x", "name_kk": "x", "name_ru": "x", "code": "x", "order": 1}
    )
    assert response.status_code == 403
    assert not office.mentorship_tracks.exists()


def test_a_new_photo_replaces_the_old_file(
    methodist_client, appointment_with_photo, settings, django_capture_on_commit_callbacks
):
    old_path = appointment_with_photo.photo.path
    data = {
        "order_number": "№18",
        "order_date": "2025-09-01",
        "starts_on": "2025-09-01",
        "ends_on": "2027-08-31",
        "photo": mf.photo_upload("new.png", mf.image_bytes("PNG", (500, 700))),
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = methodist_client.post(reverse("mentorship:appointment_edit", args=[appointment_with_photo.pk]), data)
    assert response.status_code == 302
    appointment_with_photo.refresh_from_db()
    with Image.open(appointment_with_photo.photo.path) as image:
        assert image.size == (500, 700)
    assert not Path(old_path).exists()


@pytest.fixture
def programme(office, appointment, teacher_a, school_a, track):
    """A little of everything: a pair with a log, an office activity linked to a plan item."""
    pair = mf.make_pair(appointment, teacher_a)
    plan = mf.make_plan(office, 2025)
    item = mf.make_plan_item(plan, track=track, state=PlanItemState.DONE)
    mf.make_activity(office, host_school=school_a, track=track, plan_item=item, starts_at=mf.local(date(2025, 10, 9)))
    mf.make_activity(
        office, kind="lesson_visit", pair=pair, host_school=school_a, starts_at=mf.local(date(2025, 11, 3))
    )
    return pair


PAGES = [
    ("mentorship:home", ()),
    ("mentorship:tracks", ()),
    ("mentorship:track_create", ()),
    ("mentorship:settings", ()),
    ("mentorship:mentors", ()),
    ("mentorship:appointment_register", ()),
    ("mentorship:pairs", ()),
    ("mentorship:pair_create", ()),
    ("mentorship:calendar", ()),
    ("mentorship:activity_create", ()),
    ("mentorship:plan", ()),
    ("mentorship:plan_item_create", (2025,)),
    ("mentorship:corner", ()),
    ("mentorship:school", ()),
    ("mentorship:my", ()),
    ("mentorship:support_schools", ()),
    ("mentorship:report", ()),
]
EXPECTED = {
    # methodist, director, teacher (a mentee); 302 is home sending a role to its own page, 404 "no staff record"
    "mentorship:home": (200, 302, 302),
    "mentorship:tracks": (200, 200, 200),
    "mentorship:track_create": (200, 403, 403),
    "mentorship:settings": (200, 403, 403),
    "mentorship:mentors": (200, 200, 403),
    "mentorship:appointment_register": (200, 403, 403),
    "mentorship:pairs": (200, 200, 403),
    "mentorship:pair_create": (200, 403, 403),
    "mentorship:calendar": (200, 200, 200),
    "mentorship:activity_create": (200, 403, 403),
    "mentorship:plan": (200, 200, 200),
    "mentorship:plan_item_create": (200, 403, 403),
    "mentorship:corner": (200, 200, 403),
    "mentorship:school": (403, 200, 403),
    "mentorship:my": (404, 404, 200),
    "mentorship:support_schools": (200, 200, 403),
    "mentorship:report": (200, 403, 403),
}


@pytest.mark.parametrize(("name", "args"), PAGES)
def test_every_page_answers_each_role_as_intended(
    programme, methodist_client, director_a_client, teacher_client, name, args
):
    url = reverse(name, args=args)
    answers = tuple(client.get(url).status_code for client in (methodist_client, director_a_client, teacher_client))
    assert answers == EXPECTED[name]


@pytest.mark.parametrize("client_fixture", ["methodist_client", "director_a_client", "teacher_client"])
def test_the_detail_pages_open_for_everyone_in_the_pair(request, programme, client_fixture):
    client = request.getfixturevalue(client_fixture)
    for url in (
        reverse("mentorship:pair_detail", args=[programme.pk]),
        reverse("mentorship:appointment_detail", args=[programme.appointment_id]),
        reverse("mentorship:activity_detail", args=[programme.activities.get().pk]),
    ):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("language", ["ky", "kk", "ru"])
def test_pages_render_in_every_language(programme, methodist, methodist_client, language):
    methodist.language = language
    methodist.save()
    for name in ("mentorship:home", "mentorship:mentors", "mentorship:plan", "mentorship:report"):
        response = methodist_client.get(reverse(name), {"year": 2025} if name != "mentorship:home" else {})
        assert response.status_code == 200
        assert response.headers["Content-Language"] == language
