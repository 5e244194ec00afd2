"""A form sent twice saves once: each create form, filled in as its page renders it, arrives two times."""

import threading
from datetime import date, timedelta

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse

from mentorship.models import Activity, MentorAppointment, Pair, Track
from methodcouncil.models import Council, CouncilPlanItem, Meeting
from partners.models import Adoption, Contribution, League, LeagueEvent, PartnerOrganisation, Project
from qualification.models import Course, CourseRecord, CourseRequest, Provider
from schools import submissions
from schools.models import School, StaffMember
from tests import factories
from tests import factories_mentorship as mf
from tests import factories_methodcouncil as mc
from tests import factories_partners as pf
from tests.concurrency import threads_database
from tests.walking import Page, writing_form

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
LAST_WEEK = (date.today() - timedelta(days=7)).isoformat()


def rendered_form(client, url):
    """The form of a create page with the values it shows, its one-time token among them, and where it posts."""
    return writing_form(client, url, submissions.FIELD)


def send_twice(client, url, typed):
    action, shown = rendered_form(client, url)
    data = {**shown, **typed}
    first = client.post(action, data)
    for value in data.values():
        if hasattr(value, "seek"):
            value.seek(0)  # the same file again, as a browser resends it
    return first, client.post(action, data)


@pytest.fixture
def track(office):
    return mf.make_track(office, code="natural")


@pytest.fixture
def league(office, methodist, school_a, school_b):
    league = pf.make_league(office, coordinator=methodist)
    pf.make_member(league, school_a)
    pf.make_member(league, school_b)
    return league


def school(request):
    return (
        "methodist_client",
        reverse("schools:school_create"),
        School,
        {
            "number": "44",
            "name": "№44 орто мектеби",
            "kind": "general",
            "instruction_language": "ky",
        },
    )


def staff(request):
    typed = {"surname": "Жолдошева", "given_name": "Нургүл", "position": "subject_teacher", "hire_date": "2015-09-01"}
    return "director_a_client", reverse("schools:staff_create"), StaffMember, typed


def course_report(request):
    course = factories.make_course(request.getfixturevalue("office"))
    typed = {"course": course.pk, "hours": "72", "completed_on": LAST_WEEK, "document_kind": "certificate"}
    typed["scan"] = SimpleUploadedFile("certificate.pdf", PDF, content_type="application/pdf")
    return "teacher_client", reverse("qualification:course_report"), CourseRecord, typed


def course_request(request):
    return "teacher_client", reverse("qualification:course_request"), CourseRequest, {"topic": "Санарип сабаттуулук"}


def course(request):
    provider = factories.make_provider(request.getfixturevalue("office"))
    typed = {"title": "Инклюзивдик билим берүү", "provider": provider.pk, "hours": "72", "language": "ky"}
    return "methodist_client", reverse("qualification:course_create"), Course, typed


def provider(request):
    return (
        "methodist_client",
        reverse("qualification:provider_create"),
        Provider,
        {"name": "Билим берүү академиясы", "kind": "other"},
    )


def track_form(request):
    typed = {
        "name_ky": "Башталгыч класс",
        "name_kk": "Бастауыш сынып",
        "name_ru": "Начальные классы",
        "code": "primary",
    }
    return "methodist_client", reverse("mentorship:track_create"), Track, {**typed, "order": "9"}


def appointment(request):
    person = request.getfixturevalue("teacher_b")
    typed = {"staff_member": person.pk, "track": request.getfixturevalue("track").pk, "order_number": "№18"}
    typed |= {"order_date": "2025-09-01", "starts_on": "2025-09-01"}
    return "methodist_client", reverse("mentorship:appointment_register"), MentorAppointment, typed


def pair(request):
    mentor = mf.make_appointment(request.getfixturevalue("teacher_b"), request.getfixturevalue("track"))
    typed = {"appointment": mentor.pk, "mentee": request.getfixturevalue("teacher_a").pk, "starts_on": "2025-09-15"}
    return "methodist_client", reverse("mentorship:pair_create"), Pair, typed


def activity(request):
    typed = {"kind": "seminar", "topic": "Сабак изилдөө", "starts_at": f"{LAST_WEEK} 10:00"}
    return "methodist_client", reverse("mentorship:activity_create"), Activity, typed


def council(request):
    year = mc.current_year()
    return "director_a_client", reverse("methodcouncil:council_create"), Council, {"academic_year": str(year)}


def meeting(request):
    council = mc.make_council(request.getfixturevalue("school_a"))
    typed = {"date": mc.a_day_this_year().isoformat()}
    return "director_a_client", reverse("methodcouncil:meeting_create", args=[council.pk]), Meeting, typed


def league_form(request):
    typed = {"name": "Өнөктөш директорлор лигасы", "academic_year": str(mc.current_year())}
    typed |= {"target_projects": "10", "target_schools": "20"}
    return "methodist_client", reverse("partners:league_create"), League, typed


def project(request):
    league = request.getfixturevalue("league")
    typed = {"owner_school": request.getfixturevalue("school_a").pk, "title": "Жылыжай", "aim": "Өнүм өстүрүү"}
    typed |= {"direction": pf.make_direction(league).pk, "started_on": "2025-09-02", "state": "active"}
    return "methodist_client", reverse("partners:project_create", args=[league.pk]), Project, typed


def adoption(request):
    project = pf.make_project(request.getfixturevalue("league"), request.getfixturevalue("school_a"))
    typed = {"adopted_on": LAST_WEEK, "stage": "agreed"}
    return "director_b_client", reverse("partners:adoption_record", args=[project.pk]), Adoption, typed


def event(request):
    league = request.getfixturevalue("league")
    typed = {"held_on": LAST_WEEK, "kind": "exchange", "topic": "Тажрыйба алмашуу"}
    typed["host_school"] = request.getfixturevalue("school_a").pk
    return "methodist_client", reverse("partners:event_create", args=[league.pk]), LeagueEvent, typed


def council_plan_item(request):
    council = mc.make_council(request.getfixturevalue("school_a"))
    typed = {"topic": "Окуу планын талкуулоо"}  # the month its page offers first
    return "director_a_client", reverse("methodcouncil:council_plan", args=[council.pk]), CouncilPlanItem, typed


def organisation(request):
    typed = {"name": "Айыл чарба колледжи", "kind": "ngo"}
    return "methodist_client", reverse("partners:organisation_create"), PartnerOrganisation, typed


def contribution(request):
    organisation = pf.make_organisation(request.getfixturevalue("office"))
    typed = {"kind": "trainings", "description": "Семинар", "given_on": LAST_WEEK}
    url = reverse("partners:contribution_create", args=[organisation.pk])
    return "methodist_client", url, Contribution, typed


CREATE_FORMS = [
    school,
    staff,
    course_report,
    course_request,
    course,
    provider,
    track_form,
    appointment,
    pair,
    activity,
    council,
    meeting,
    league_form,
    project,
    adoption,
    event,
    council_plan_item,
    organisation,
    contribution,
]


@pytest.mark.parametrize("create_form", CREATE_FORMS, ids=[form.__name__ for form in CREATE_FORMS])
def test_a_create_form_sent_twice_saves_once_and_both_land_on_the_saved_row(request, create_form):
    client_fixture, url, model, typed = create_form(request)
    client = request.getfixturevalue(client_fixture)
    before = model.objects.count()
    first, second = send_twice(client, url, typed)
    assert first.status_code == 302, first.context["form"].errors if first.context else first
    assert (second.status_code, second["Location"]) == (302, first["Location"])
    assert model.objects.count() == before + 1
    assert "уже была отправлена" in " ".join(str(message) for message in get_messages(second.wsgi_request))


def test_a_form_that_came_back_with_errors_can_be_sent_again_once_corrected(director_a_client):
    url = reverse("schools:staff_create")
    action, shown = rendered_form(director_a_client, url)
    typed = {"surname": "Жолдошева", "given_name": "Нургүл", "position": "subject_teacher"}
    refused = director_a_client.post(action, {**shown, **typed, "hire_date": "not a date"})
    assert refused.status_code == 200
    again = Page(url, refused.content.decode())
    tokens = [dict(form.fields)[submissions.FIELD] for form in again.forms if submissions.FIELD in dict(form.fields)]
    assert tokens == [shown[submissions.FIELD]]  # the page keeps the token of the submission that did not save
    saved = director_a_client.post(action, {**shown, **typed, "hire_date": "2015-09-01"})
    assert saved.status_code == 302
    assert StaffMember.objects.filter(surname="Жолдошева").count() == 1


def test_a_token_is_one_users_own(methodist, office, teacher_a):
    """Another account sending the same token is a submission of its own, not a replay of the first."""
    url = reverse("qualification:provider_create")
    first_client, second_client = Client(), Client()
    first_client.force_login(methodist)
    second_client.force_login(factories.make_methodist(office, username="second"))
    action, shown = rendered_form(first_client, url)
    for client, name in ((first_client, "Академия"), (second_client, "Колледж")):
        assert client.post(action, {**shown, "name": name, "kind": "other"}).status_code == 302
    assert sorted(Provider.objects.values_list("name", flat=True)) == ["Академия", "Колледж"]


@pytest.mark.django_db(transaction=True)
def test_two_arrivals_at_the_same_moment_save_once(tmp_path):
    """Two connections send the same submission together: one saves, the other waits and lands on its row."""
    office = factories.make_office()
    methodist = factories.make_methodist(office, username="parallel")
    clients = [Client(), Client()]
    for client in clients:
        client.force_login(methodist)
    action, shown = rendered_form(clients[0], reverse("qualification:provider_create"))
    data = {**shown, "name": "Академия", "kind": "other"}
    start = threading.Barrier(2)
    responses, errors = [], []

    def send(client):
        try:
            start.wait()
            responses.append(client.post(action, data))
        except Exception as error:  # noqa: BLE001 — reported below with the responses
            errors.append(error)
        finally:
            connection.close()

    with threads_database(tmp_path) as rows:
        threads = [threading.Thread(target=send, args=[client]) for client in clients]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        providers = rows("SELECT count(*) FROM qualification_provider WHERE name = %s", ["Академия"])
        claims = rows("SELECT count(*) FROM schools_submission WHERE user_id = %s", [methodist.pk])

    assert errors == []
    assert sorted(response.status_code for response in responses) == [302, 302]
    assert len({response["Location"] for response in responses}) == 1
    assert (providers, claims) == ([(1,)], [(1,)])
