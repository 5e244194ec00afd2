"""Every create form of the app, as a table: who opens it, where, which model it adds to, and what a person types.

Each entry takes pytest's `request` (for the personas of tests/conftest.py) and returns
(client fixture, URL of the page with the form, model, {field: typed value}); the rest of the form is sent as
the page renders it.
"""

from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mentorship.models import Activity, MentorAppointment, Pair, Track
from methodcouncil.models import Council, CouncilPlanItem, Meeting
from partners.models import Adoption, Contribution, League, LeagueEvent, PartnerOrganisation, Project
from qualification.models import Course, CourseRecord, CourseRequest, Provider
from schools.models import School, StaffMember
from tests import factories
from tests import factories_mentorship as mf
from tests import factories_methodcouncil as mc
from tests import factories_partners as pf

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
LAST_WEEK = (date.today() - timedelta(days=7)).isoformat()


def _track(request):
    return mf.make_track(request.getfixturevalue("office"), code="natural")


def _league(request):
    office, methodist = request.getfixturevalue("office"), request.getfixturevalue("methodist")
    league = pf.make_league(office, coordinator=methodist)
    pf.make_member(league, request.getfixturevalue("school_a"))
    pf.make_member(league, request.getfixturevalue("school_b"))
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
    typed = {
        "course": course.pk,
        "hours": "72",
        "started_on": LAST_WEEK,
        "completed_on": LAST_WEEK,
        "document_kind": "certificate",
    }
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
    typed = {"staff_member": person.pk, "track": _track(request).pk, "order_number": "№18"}
    typed |= {"order_date": "2025-09-01", "starts_on": "2025-09-01"}
    return "methodist_client", reverse("mentorship:appointment_register"), MentorAppointment, typed


def pair(request):
    mentor = mf.make_appointment(request.getfixturevalue("teacher_b"), _track(request))
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
    league = _league(request)
    typed = {"owner_school": request.getfixturevalue("school_a").pk, "title": "Жылыжай", "aim": "Өнүм өстүрүү"}
    typed |= {"direction": pf.make_direction(league).pk, "started_on": "2025-09-02", "state": "active"}
    return "methodist_client", reverse("partners:project_create", args=[league.pk]), Project, typed


def adoption(request):
    project = pf.make_project(_league(request), request.getfixturevalue("school_a"))
    typed = {"adopted_on": LAST_WEEK, "stage": "agreed"}
    return "director_b_client", reverse("partners:adoption_record", args=[project.pk]), Adoption, typed


def event(request):
    league = _league(request)
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
