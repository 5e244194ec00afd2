"""Mentorship with evidence (issue 22): the rules of a period, the meeting cadence and its board, the mentor's
log and the mentee's confirmation, who reads and writes what, the individual plan and the counts documents print.
"""

import io
import subprocess
from collections import Counter
from datetime import date, timedelta
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from core import clock
from core.models import AuditEntry
from mentorship import evidence
from mentorship.demo.evidence import seed_evidence
from mentorship.evidence import CadenceState
from mentorship.models import Activity, MentorshipSettings, Pair, PairState
from mentorship.periods import add_months, finish_ended_pairs
from schools.models import StaffTransfer
from tests import factories
from tests import factories_mentorship as mf
from tests.walking import Page, same_site_path


@pytest.fixture(autouse=True)
def _rules_read_in_english(settings):
    """These tests pin the rules' wording in the source language; the Kyrgyz PDF is read in its own test."""
    settings.LANGUAGES = [*settings.LANGUAGES, ("en", "English")]
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def today():
    return clock.today("Asia/Bishkek")


@pytest.fixture
def mentor(school_b):
    return factories.make_staff(school_b, surname="Абдыкадырова", given_name="Апал", hire_date=date(1998, 8, 20))


@pytest.fixture
def mentor_client(client, mentor):
    client.force_login(factories.make_teacher(mentor, username="mentor"))
    return client


@pytest.fixture
def appointment(mentor, office, today):
    return mf.make_appointment(mentor, mf.make_track(office), starts_on=today - timedelta(days=500))


@pytest.fixture
def pair(appointment, teacher_a, today):
    """A pair in its first year: the mentor at school B, the mentee at school A."""
    return mf.make_pair(appointment, teacher_a, starts_on=today - timedelta(days=60))


def _new_pair(appointment, mentee, **fields):
    defaults = {"starts_on": date.today() - timedelta(days=30), "ends_on": appointment.ends_on}
    return Pair(appointment=appointment, mentee=mentee, **{**defaults, **fields})


def _errors(pair):
    with pytest.raises(ValidationError) as error:
        pair.full_clean()
    return error.value.message_dict


def _log(pair, day, kind="consultation", **fields):
    return Activity.objects.create(
        office=pair.track.office,
        pair=pair,
        track=pair.track,
        kind=kind,
        topic="Кеңеш",
        starts_at=mf.local(day, 10),
        host_school=pair.mentee.school,
        went_well=fields.pop("went_well", "Сабактын максаты так"),
        **fields,
    )


# The rules of a period ------------------------------------------------------------------------------------


def test_a_period_cannot_start_before_the_mentee_was_hired(appointment, school_a, today):
    newcomer = factories.make_staff(school_a, surname="Жаңыбаева", hire_date=today - timedelta(days=10))
    errors = _errors(_new_pair(appointment, newcomer, starts_on=today - timedelta(days=20)))
    assert "since" in errors["starts_on"][0]
    _new_pair(appointment, newcomer, starts_on=today - timedelta(days=10)).full_clean()


def test_a_period_starts_no_earlier_than_the_move_to_the_present_school(appointment, teacher_a, school_b, today):
    StaffTransfer.objects.create(
        staff_member=teacher_a, from_school=school_b, to_school=teacher_a.school, moved_on=today - timedelta(days=5)
    )
    errors = _errors(_new_pair(appointment, teacher_a, starts_on=today - timedelta(days=6)))
    assert "cannot start before that" in errors["starts_on"][0]


def test_someone_who_left_cannot_start_a_period(appointment, teacher_a):
    teacher_a.is_active = False
    teacher_a.save()
    assert "no longer works" in _errors(_new_pair(appointment, teacher_a))["mentee"][0]


def test_a_period_outside_the_mentors_term_is_refused(appointment, teacher_a):
    errors = _errors(_new_pair(appointment, teacher_a, ends_on=appointment.ends_on + timedelta(days=1)))
    assert "cannot outlive it" in errors["ends_on"][0]


def test_periods_of_one_mentee_on_one_track_cannot_overlap_but_may_touch(appointment, teacher_a, office, today):
    old = mf.make_pair(appointment, teacher_a, starts_on=today - timedelta(days=100))
    Pair.objects.filter(pk=old.pk).update(state=PairState.FINISHED, closed_on=today - timedelta(days=40))
    errors = _errors(_new_pair(appointment, teacher_a, starts_on=today - timedelta(days=41)))
    assert "cannot overlap" in errors["starts_on"][0]
    _new_pair(appointment, teacher_a, starts_on=today - timedelta(days=40)).full_clean()
    other_track = mf.make_appointment(appointment.staff_member, mf.make_track(office), starts_on=appointment.starts_on)
    _new_pair(other_track, teacher_a, starts_on=today - timedelta(days=41)).full_clean()


def test_the_daily_run_finishes_a_pair_the_day_after_its_end(pair, today):
    Pair.objects.filter(pk=pair.pk).update(ends_on=today)
    assert finish_ended_pairs(today=today) == 0  # its last day: still at work
    call_command("finish_ended_pairs", stdout=io.StringIO())
    pair.refresh_from_db()
    assert pair.state == PairState.ACTIVE
    assert finish_ended_pairs(today=today + timedelta(days=1)) == 1
    pair.refresh_from_db()
    assert (pair.state, pair.closed_on) == (PairState.FINISHED, today)
    entry = AuditEntry.objects.filter(object_id=pair.pk, content_type__model="pair").latest("pk")
    assert entry.source == AuditEntry.Source.SYSTEM and "ended" in entry.note


def test_the_daily_command_finishes_every_pair_past_its_end(pair, today):
    Pair.objects.filter(pk=pair.pk).update(ends_on=today - timedelta(days=1))
    call_command("finish_ended_pairs", stdout=io.StringIO())
    pair.refresh_from_db()
    assert (pair.state, pair.closed_on) == (PairState.FINISHED, today - timedelta(days=1))


def test_creating_a_pair_first_finishes_the_mentees_ended_period(appointment, teacher_a, office, school_b, today):
    old = mf.make_pair(appointment, teacher_a, starts_on=today - timedelta(days=100))
    Pair.objects.filter(pk=old.pk).update(ends_on=today - timedelta(days=2))
    other = factories.make_staff(school_b, surname="Сыдыкова", hire_date=date(2001, 9, 1))
    new_appointment = mf.make_appointment(other, appointment.track, starts_on=appointment.starts_on)
    methodist = factories.make_methodist(office, username="methodist2")
    from mentorship.forms import PairForm
    from mentorship.services import pair_create

    data = {"appointment": new_appointment.pk, "mentee": teacher_a.pk, "starts_on": today.isoformat(), "q": ""}
    form = PairForm(data, user=methodist)
    assert form.is_valid(), form.errors
    pair_create(form=form, by=methodist)
    old.refresh_from_db()
    assert old.state == PairState.FINISHED


def _post_page_form(client, url, marker, changes):
    page = Page(url, client.get(url).content.decode())
    form = next(f for f in page.forms if f.method == "post" and (marker in dict(f.fields) or marker in f.selects))
    return client.post(same_site_path(url, form.action or url), {**dict(form.fields), **changes})


def test_a_move_to_another_school_ends_the_period_that_day_with_a_note(
    methodist_client, pair, teacher_a, office, today
):
    school_c = factories.make_school(office, number=44, name="№44 орто мектеби")
    response = _post_page_form(
        methodist_client, reverse("schools:staff_edit", args=[teacher_a.pk]), "surname", {"school": school_c.pk}
    )
    assert response.status_code == 302
    pair.refresh_from_db()
    assert (pair.state, pair.closed_on) == (PairState.STOPPED, today)
    assert "№44" in pair.stop_reason and teacher_a.full_name in pair.stop_reason


def test_leaving_ends_the_period_that_day(pair, teacher_a, today):
    teacher_a.is_active = False
    teacher_a.save()
    pair.refresh_from_db()
    assert (pair.state, pair.closed_on) == (PairState.STOPPED, today)
    assert "left" in pair.stop_reason


def test_a_first_year_teachers_period_lasts_the_offices_months(mentor, office, school_a, today):
    appointment = mf.make_appointment(mentor, mf.make_track(office), starts_on=today - timedelta(days=35))
    trainee = factories.make_staff(school_a, surname="Жас", hire_date=today - timedelta(days=40))
    pair = _new_pair(appointment, trainee, mentee_kind="trainee", starts_on=today - timedelta(days=30), ends_on=None)
    pair.full_clean()
    assert pair.ends_on == add_months(pair.starts_on, 12) - timedelta(days=1)
    pair.ends_on += timedelta(days=1)
    assert "at the latest" in _errors(pair)["ends_on"][0]


def test_the_office_policy_names_the_kinds_of_mentee(appointment, teacher_a, office):
    MentorshipSettings.objects.create(office=office, mentee_kinds=["trainee"])
    assert "does not take" in _errors(_new_pair(appointment, teacher_a, mentee_kind="on_request"))["mentee_kind"][0]
    # teacher_a was hired in 2010: no longer a young specialist, nor in a first year
    MentorshipSettings.objects.filter(office=office).update(mentee_kinds=["young_specialist", "trainee"])
    assert (
        "young specialist"
        in _errors(_new_pair(appointment, teacher_a, mentee_kind="young_specialist"))["mentee_kind"][0]
    )


# The cadence board's states -------------------------------------------------------------------------------


def _state(pair, today):
    office_settings = MentorshipSettings.for_office(pair.track.office_id)
    return evidence.with_cadence(Pair.objects.filter(pk=pair.pk), today, office_settings).get().cadence_state


@pytest.mark.parametrize(
    ("days_ago", "state"),
    [(0, "on_track"), (10, "on_track"), (11, "behind"), (30, "behind")],
)
def test_in_the_first_year_a_pair_is_behind_after_a_week_and_three_days_of_grace(pair, today, days_ago, state):
    _log(pair, today - timedelta(days=days_ago))
    assert _state(pair, today) == state


@pytest.mark.parametrize(("days_ago", "state"), [(17, "on_track"), (18, "behind")])
def test_after_the_first_year_the_cadence_is_a_fortnight(appointment, teacher_a, today, days_ago, state):
    pair = mf.make_pair(appointment, teacher_a, starts_on=today - timedelta(days=400))
    _log(pair, today - timedelta(days=days_ago))
    assert _state(pair, today) == state


def test_a_pair_with_nothing_logged_has_no_log(pair, today):
    assert _state(pair, today) == CadenceState.NO_LOG


def test_the_office_edits_its_cadence(methodist_client, pair, office, today):
    response = _post_page_form(
        methodist_client,
        reverse("mentorship:settings"),
        "first_year_cadence_days",
        {"first_year_cadence_days": "14", "cadence_grace_days": "0"},
    )
    assert response.status_code == 302
    _log(pair, today - timedelta(days=14))
    assert _state(pair, today) == CadenceState.ON_TRACK
    _log(pair, today - timedelta(days=14)).delete()
    Activity.objects.all().delete()
    _log(pair, today - timedelta(days=15))
    assert _state(pair, today) == CadenceState.BEHIND


def test_the_board_lists_each_state_under_its_filter_and_exports_the_same_rows(
    methodist_client, pair, appointment, school_a, today
):
    behind = mf.make_pair(appointment, factories.make_staff(school_a, surname="Бекова"), starts_on=pair.starts_on)
    silent = mf.make_pair(appointment, factories.make_staff(school_a, surname="Сейитова"), starts_on=pair.starts_on)
    _log(pair, today - timedelta(days=2), kind="mentor_visit", subject="Алгебра", class_name="8 А")
    _log(behind, today - timedelta(days=20))
    url = reverse("mentorship:board")
    for state, expected in (("on_track", pair), ("behind", behind), ("no_log", silent)):
        page = methodist_client.get(url, {"state": state})
        assert [row.pk for row in page.context["page"].object_list] == [expected.pk]
        assert page.context["page"].paginator.count == 1  # counted by the summary, under the same filter
    everything = methodist_client.get(url)
    assert everything.context["by_track"] == [(pair.track.name, [1, 1, 1])]
    assert everything.context["page"].paginator.count == 3
    workbook = load_workbook(BytesIO(methodist_client.get(url, {"export": "xlsx", "state": "behind"}).content))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert len(rows) == 2 and rows[1][2] == behind.mentee.full_name and rows[1][-1] == "Behind"


def test_the_board_puts_the_longest_silence_first_with_each_rows_own_state(
    methodist_client, pair, appointment, school_a, today
):
    behind = mf.make_pair(appointment, factories.make_staff(school_a, surname="Бекова"), starts_on=pair.starts_on)
    silent = mf.make_pair(appointment, factories.make_staff(school_a, surname="Сейитова"), starts_on=pair.starts_on)
    _log(pair, today - timedelta(days=2))
    _log(behind, today - timedelta(days=20))
    response = methodist_client.get(reverse("mentorship:board"))
    rows = response.context["page"].object_list
    assert [row.pk for row in rows] == [silent.pk, behind.pk, pair.pk]
    assert [row.cadence_state for row in rows] == ["no_log", "behind", "on_track"]
    assert rows[0].last_logged_at is None and rows[1].last_logged_at < rows[2].last_logged_at
    html = response.content.decode()
    assert (
        html.index(f'data-pair="{silent.pk}"')
        < html.index(f'data-pair="{behind.pk}"')
        < html.index(f'data-pair="{pair.pk}"')
    )


def test_each_row_of_the_board_names_its_own_track(methodist_client, pair, office, school_a, today):
    """The page's rows share the summary's tracks, each row its own."""
    humanities = mf.make_track(
        office, name_ky="Гуманитардык предметтер", name_kk="Гуманитарлық пәндер", name_ru="Гуманитарные предметы"
    )
    mentor = factories.make_staff(school_a, surname="Токтогулова")
    appointment = mf.make_appointment(mentor, humanities, starts_on=today - timedelta(days=500))
    other = mf.make_pair(appointment, factories.make_staff(school_a, surname="Садыкова"), starts_on=pair.starts_on)
    response = methodist_client.get(reverse("mentorship:board"))
    tracks = {row.pk: row.track.pk for row in response.context["page"].object_list}
    assert tracks == {pair.pk: pair.track_id, other.pk: humanities.pk}


@pytest.mark.parametrize("rows", [1, 8])
def test_the_boards_queries_do_not_grow_with_its_rows(
    methodist_client, appointment, school_a, today, rows, django_assert_num_queries
):
    for number in range(rows):
        pair = mf.make_pair(
            appointment,
            factories.make_staff(school_a, surname=f"Шакирт{number}"),
            starts_on=today - timedelta(days=60),
        )
        _log(pair, today - timedelta(days=number * 3))
    url = reverse("mentorship:board")
    methodist_client.get(url)
    # session, user (with the office and its zone), cadence settings, the filter's tracks and its schools
    # (from the cache), the board's rows (once: the summary, the count and the page come from them), the
    # summary's names of tracks and schools, and the page's pairs joined with their mentors, mentees and tracks
    with django_assert_num_queries(BOARD_QUERIES):
        response = methodist_client.get(url)
    assert len(response.context["page"].object_list) == rows
    # The export reads the same rows the same way: the board's query, then the pairs by key.
    with django_assert_num_queries(EXPORT_QUERIES):
        export = methodist_client.get(url, {"export": "csv"})
    assert len(export.content.decode().strip().splitlines()) == rows + 1


BOARD_QUERIES = 9
EXPORT_QUERIES = 8


# The log, its confirmation and who may do what ------------------------------------------------------------


def test_the_mentor_logs_a_visit_and_the_mentee_confirms_it(mentor_client, client, pair, teacher_a, today):
    response = mentor_client.post(
        reverse("mentorship:pair_log", args=[pair.pk]),
        {
            "kind": "mentee_visit",
            "starts_at": f"{today.isoformat()}T09:00",
            "subject": "Алгебра",
            "class_name": "8 А",
            "went_well": "Окуучулар активдүү",
        },
    )
    assert response.status_code == 302
    entry = Activity.objects.get()
    assert entry.confirmed_at is None
    mentee = factories.make_teacher(teacher_a, username="mentee")
    client.force_login(mentee)
    page = Page("/", client.get(pair.get_absolute_url()).content.decode())
    confirm = reverse("mentorship:log_entry_confirm", args=[entry.pk])
    assert [form.action for form in page.forms if form.action == confirm] == [confirm]
    assert client.post(confirm).status_code == 302
    entry.refresh_from_db()
    assert entry.confirmed_at is not None
    assert AuditEntry.objects.filter(object_id=entry.pk, content_type__model="activity", actor=mentee).exists()


def test_a_visit_names_its_subject_and_class_and_an_entry_says_something(mentor_client, pair, today):
    url = reverse("mentorship:pair_log", args=[pair.pk])
    response = mentor_client.post(
        url, {"kind": "mentor_visit", "starts_at": f"{today.isoformat()}T09:00", "went_well": "Жакшы"}
    )
    assert response.status_code == 400
    assert set(response.context["log_form"].errors) >= {"subject", "class_name"}
    response = mentor_client.post(url, {"kind": "consultation", "starts_at": f"{today.isoformat()}T09:00"})
    assert response.status_code == 400 and "at least one line" in response.content.decode()
    assert not Activity.objects.exists()


def test_the_log_form_starts_with_the_mentees_subject(mentor_client, appointment, school_a, today):
    mentee = factories.make_staff(school_a, surname="Жусупова", subjects=[factories.make_subject()])
    pair = mf.make_pair(appointment, mentee, starts_on=today - timedelta(days=10))
    form = mentor_client.get(pair.get_absolute_url()).context["log_form"]
    assert form["subject"].value() == str(factories.make_subject())


def test_only_the_mentee_confirms(mentor_client, director_a_client, pair, today):
    entry = _log(pair, today)
    url = reverse("mentorship:log_entry_confirm", args=[entry.pk])
    assert mentor_client.post(url).status_code == 404
    assert director_a_client.post(url).status_code == 404
    entry.refresh_from_db()
    assert entry.confirmed_at is None


def test_a_mentor_reads_and_writes_only_their_own_pairs_logs(client, pair, school_b, today):
    other_mentor = factories.make_staff(school_b, surname="Сыдыкова", hire_date=date(2001, 9, 1))
    client.force_login(factories.make_teacher(other_mentor, username="other_mentor"))
    entry = _log(pair, today)
    assert client.get(pair.get_absolute_url()).status_code == 404
    assert client.get(entry.get_absolute_url()).status_code == 404
    data = {"kind": "consultation", "starts_at": f"{today.isoformat()}T09:00", "went_well": "x"}
    assert client.post(reverse("mentorship:pair_log", args=[pair.pk]), data).status_code == 404
    assert client.get(reverse("mentorship:pair_plan", args=[pair.pk])).status_code == 404


def test_a_colleague_at_the_mentees_school_does_not_read_the_log(client, pair, school_a, today):
    colleague = factories.make_staff(school_a, surname="Кошоева")
    client.force_login(factories.make_teacher(colleague, username="colleague"))
    assert client.get(_log(pair, today).get_absolute_url()).status_code == 404


def test_the_mentee_reads_but_does_not_write(teacher_client, pair, today):
    page = teacher_client.get(pair.get_absolute_url())
    assert page.status_code == 200 and page.context["log_form"] is None
    data = {"kind": "consultation", "starts_at": f"{today.isoformat()}T09:00", "went_well": "x"}
    assert teacher_client.post(reverse("mentorship:pair_log", args=[pair.pk]), data).status_code == 404


def test_directors_of_both_schools_read_and_no_other_director(
    director_a_client, director_b_client, client, pair, office, today
):
    entry = _log(pair, today)
    for director_client in (director_a_client, director_b_client):
        assert director_client.get(entry.get_absolute_url()).status_code == 200
        board = director_client.get(reverse("mentorship:board"))
        assert [row.pk for row in board.context["page"].object_list] == [pair.pk]
        assert director_client.get(pair.get_absolute_url()).context["log_form"] is None
    third = factories.make_school(office, number=55, name="№55 орто мектеби")
    client.force_login(factories.make_director(third, username="director_c"))
    assert client.get(pair.get_absolute_url()).status_code == 404
    assert client.get(entry.get_absolute_url()).status_code == 404
    assert list(client.get(reverse("mentorship:board")).context["page"].object_list) == []


# The panels, the plan and the counts ----------------------------------------------------------------------


def test_the_waiting_panel_counts_the_pairs_the_board_lists_behind(methodist_client, pair, appointment, today):
    _log(pair, today - timedelta(days=30))
    items = {item.label: item for item in methodist_client.get(reverse("home")).context["waiting"]}
    behind = items["Mentor–mentee pairs behind the meeting cadence"]
    listed = methodist_client.get(behind.url).context["page"].paginator.count
    assert (behind.count, listed) == (1, 1)


def test_the_mentor_sees_a_meeting_due_once_the_cadence_has_passed(mentor_client, pair, today):
    _log(pair, today - timedelta(days=2))
    assert not [i for i in mentor_client.get(reverse("home")).context["waiting"] if "/pairs/" in i.url]
    Activity.objects.update(starts_at=mf.local(today - timedelta(days=7), 10))
    due = [i for i in mentor_client.get(reverse("home")).context["waiting"] if "/pairs/" in i.url]
    assert [item.url for item in due] == [pair.get_absolute_url()]


def test_the_plan_counts_planned_and_held_meetings(methodist_client, pair, today):
    _log(pair, today - timedelta(days=3), kind="mentor_visit", subject="Алгебра", class_name="8 А")
    _log(pair, today - timedelta(days=10))
    page = methodist_client.get(reverse("mentorship:pair_plan", args=[pair.pk]))
    # weekly from the first day: 60 days → days 0, 7, …, 56 are behind or today
    assert (page.context["held"], page.context["planned_to_date"]) == (2, 9)
    months = page.context["months"]
    assert sum(month.held for month in months) == 2
    assert sum(month.planned for month in months) == page.context["planned_total"]


def test_the_plan_prints_on_a4_in_the_offices_language(methodist_client, pair, today):
    _log(pair, today - timedelta(days=3), kind="mentor_visit", subject="Алгебра", class_name="8 А")
    plan = Page("/", methodist_client.get(reverse("mentorship:pair_plan", args=[pair.pk])).content.decode())
    pdf_url = next(link.href for link in plan.links if link.href.endswith("plan.pdf"))
    response = methodist_client.get(pdf_url)
    assert response["Content-Type"] == "application/pdf"
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=response.content, capture_output=True, check=True
    ).stdout.decode()
    info = subprocess.run(["pdfinfo", "-"], input=response.content, capture_output=True, check=True).stdout.decode()
    assert "(A4)" in info
    assert "ЖЕКЕ ПЛАН" in text  # Kyrgyz: the office is in Kyrgyzstan, whatever the reader's language
    assert pair.mentee.full_name in text and "Кеңеш" in text  # the entry's line, under its month
    assert "Өткөрүлдү: 1; бүгүнкү күнгө пландалган: 9" in text


def test_the_summary_for_the_attestation_file_counts_meetings_and_visits(pair, mentor, teacher_a, today):
    _log(pair, today - timedelta(days=3), kind="mentor_visit", subject="Алгебра", class_name="8 А")
    _log(pair, today - timedelta(days=9), kind="mentee_visit", subject="Алгебра", class_name="8 А")
    _log(pair, today - timedelta(days=12))
    as_mentor = evidence.summary_for(mentor)
    assert (as_mentor["meetings"], as_mentor["visits"]) == (1, 2)
    assert [period.other for period in as_mentor["as_mentor"]] == [teacher_a.full_name]
    as_mentee = evidence.summary_for(teacher_a)
    assert as_mentee["as_mentor"] == [] and as_mentee["as_mentee"][0].starts_on == pair.starts_on


def test_the_mentorship_certificate_states_the_logged_counts(pair, appointment, office, today):
    from certificates.models import Certificate, CertificateKind
    from certificates.wording import block

    _log(pair, today - timedelta(days=3), kind="mentor_visit", subject="Алгебра", class_name="8 А")
    _log(pair, today - timedelta(days=9))
    certificate = Certificate(
        kind=CertificateKind.MENTORSHIP,
        mentor_appointment=appointment,
        starts_on=appointment.starts_on,
        ends_on=appointment.ends_on,
        issued_on=today,
        office_name_ru="ООО",
    )
    assert "meetings logged: 1, lesson visits: 1" in block(certificate, "en").details


def test_the_demo_gets_a_year_of_logs_with_some_pairs_behind_and_runs_again_without_change(
    appointment, school_a, office, today
):
    for number in range(8):
        mentee = factories.make_staff(school_a, surname=f"Шакирт{number}")
        mf.make_pair(appointment, mentee, starts_on=today - timedelta(days=300 - number))
    added = seed_evidence(office, today)
    assert added > 8 * 20  # weekly for most of a school year
    assert seed_evidence(office, today) == 0
    states = Counter(
        evidence.with_cadence(Pair.objects.all(), today, MentorshipSettings.for_office(office.pk)).values_list(
            "cadence_state", flat=True
        )
    )
    assert states[CadenceState.BEHIND] == 2 and states[CadenceState.ON_TRACK] == 6
    assert Activity.objects.filter(confirmed_at__isnull=False).count() > added // 2


def test_the_information_corner_states_each_mentors_logged_meetings_and_visits(methodist_client, pair, today):
    _log(pair, today - timedelta(days=3), kind="mentor_visit", subject="Алгебра", class_name="8 А")
    _log(pair, today - timedelta(days=9))
    _log(pair, today - timedelta(days=16))
    page = methodist_client.get(reverse("mentorship:corner")).content.decode()
    assert "Meetings logged: 2; lesson visits: 1" in page


def test_the_mentor_writes_the_goals_into_the_plan_and_the_mentee_only_reads_them(mentor_client, teacher_client, pair):
    url = reverse("mentorship:pair_plan", args=[pair.pk])
    response = _post_page_form(mentor_client, url, "goals", {"goals": "Баалоо критерийлерин түзүү"})
    assert response.status_code == 302
    pair.refresh_from_db()
    assert pair.goals == "Баалоо критерийлерин түзүү"
    page = teacher_client.get(url)
    assert page.context["goals_form"] is None and "Баалоо критерийлерин түзүү" in page.content.decode()
    assert teacher_client.post(url, {"goals": "Башка"}).status_code == 404
