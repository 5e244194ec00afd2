"""Every edit form of the app, as a table: who opens it, where, a field that marks the form on its page, and what a
person changes. Each entry takes pytest's `request` and returns (client fixture, URL of the page, marker, {field: typed
value}); the rest of the form is sent as the page renders it.
"""

from django.urls import reverse

from certificates.models import CertificateSettings
from mentorship.models import Activity, MentorAppointment, MentorshipSettings, PlanItem, Track
from methodcouncil.models import Meeting
from partners.models import Adoption, Contribution, League, LeagueEvent, PartnerOrganisation, Project
from qualification.models import Course, Provider
from schools.models import School, StaffMember
from tests import factories
from tests import factories_mentorship as mf
from tests import factories_methodcouncil as mc
from tests import factories_partners as pf


def _league(request):
    league = pf.make_league(request.getfixturevalue("office"), coordinator=request.getfixturevalue("methodist"))
    pf.make_member(league, request.getfixturevalue("school_a"))
    return league


def _draft_meeting(request):
    council = mc.make_council(request.getfixturevalue("school_a"))
    mc.make_member(council, request.getfixturevalue("teacher_a"))
    meeting = mc.make_meeting(council, date=mc.a_day_this_year())
    mc.make_item(meeting)
    return meeting


def school_edit(request):
    school = request.getfixturevalue("school_a")
    url = reverse("schools:school_edit", args=[school.pk])
    return "methodist_client", url, "number", {"name": "Жаңы аталышы"}


def staff_edit(request):
    person = request.getfixturevalue("teacher_a")
    url = reverse("schools:staff_edit", args=[person.pk])
    return "director_a_client", url, "surname", {"surname": "Асанова"}


def provider_edit(request):
    provider = factories.make_provider(request.getfixturevalue("office"))
    url = reverse("qualification:provider_edit", args=[provider.pk])
    return "methodist_client", url, "name", {"name": "Жаңы академия"}


def course_edit(request):
    course = factories.make_course(request.getfixturevalue("office"))
    url = reverse("qualification:course_edit", args=[course.pk])
    return "methodist_client", url, "title", {"hours": "36"}


def track_edit(request):
    track = mf.make_track(request.getfixturevalue("office"))
    url = reverse("mentorship:track_edit", args=[track.pk])
    return "methodist_client", url, "code", {"name_ru": "Новое направление"}


def mentorship_settings(request):
    request.getfixturevalue("office")
    url = reverse("mentorship:settings")
    return "methodist_client", url, "max_mentees_per_mentor", {"max_mentees_per_mentor": "3"}


def certificate_settings(request):
    request.getfixturevalue("office")
    url = reverse("certificates:settings")
    typed = {"signatory_name": "А. Асанов", "signatory_title": "Башчы", "default_layout": "ky"}
    return "methodist_client", url, "signatory_name", typed


def appointment_edit(request):
    appointment = mf.make_appointment(request.getfixturevalue("teacher_b"))
    url = reverse("mentorship:appointment_edit", args=[appointment.pk])
    return "methodist_client", url, "order_number", {"order_number": "№99"}


def activity_edit(request):
    activity = mf.make_activity(request.getfixturevalue("office"))
    url = reverse("mentorship:activity_edit", args=[activity.pk])
    return "methodist_client", url, "topic", {"topic": "Жаңы тема"}


def plan_item_edit(request):
    item = mf.make_plan_item(mf.make_plan(request.getfixturevalue("office"), year=2025))
    url = reverse("mentorship:plan_item_edit", args=[item.pk])
    return "methodist_client", url, "what", {"what": "Өзгөргөн аталыш"}


def meeting_edit(request):
    meeting = _draft_meeting(request)
    url = reverse("methodcouncil:meeting_edit", args=[meeting.pk])
    return "director_a_client", url, "place", {"place": "Мугалимдер бөлмөсү"}


def league_edit(request):
    league = _league(request)
    url = reverse("partners:league_edit", args=[league.pk])
    return "methodist_client", url, "target_projects", {"target_projects": "30"}


def project_edit(request):
    project = pf.make_project(_league(request), request.getfixturevalue("school_a"))
    url = reverse("partners:project_edit", args=[project.pk])
    return "methodist_client", url, "title", {"title": "Жаңы аталыш"}


def adoption_edit(request):
    project = pf.make_project(_league(request), request.getfixturevalue("school_a"))
    adoption = pf.make_adoption(project, request.getfixturevalue("school_b"))
    url = reverse("partners:adoption_edit", args=[adoption.pk])
    return "director_b_client", url, "stage", {"stage": "introduced"}


def event_edit(request):
    event = pf.make_event(_league(request), request.getfixturevalue("school_a"))
    url = reverse("partners:event_edit", args=[event.pk])
    return "methodist_client", url, "topic", {"topic": "Жаңы тема"}


def organisation_edit(request):
    organisation = pf.make_organisation(request.getfixturevalue("office"))
    url = reverse("partners:organisation_edit", args=[organisation.pk])
    return "methodist_client", url, "name", {"name": "Жаңы уюм"}


def contribution_edit(request):
    contribution = pf.make_contribution(pf.make_organisation(request.getfixturevalue("office")))
    url = reverse("partners:contribution_edit", args=[contribution.pk])
    return "methodist_client", url, "description", {"description": "Окуу куралдары"}


# (path, the model whose row it edits)
EDIT_FORMS = [
    (school_edit, School),
    (staff_edit, StaffMember),
    (provider_edit, Provider),
    (course_edit, Course),
    (track_edit, Track),
    (mentorship_settings, MentorshipSettings),
    (certificate_settings, CertificateSettings),
    (appointment_edit, MentorAppointment),
    (activity_edit, Activity),
    (plan_item_edit, PlanItem),
    (meeting_edit, Meeting),
    (league_edit, League),
    (project_edit, Project),
    (adoption_edit, Adoption),
    (event_edit, LeagueEvent),
    (organisation_edit, PartnerOrganisation),
    (contribution_edit, Contribution),
]
