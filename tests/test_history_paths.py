"""Every way a person changes a record leaves one history entry, and the methodist finds it in the history of the
record (or of the record it is part of): each create, edit and delete path, sent through the form its page renders.
"""

from datetime import date, timedelta

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.text import capfirst

from certificates.models import Certificate, CertificateSettings
from core import audit
from core.models import AuditEntry
from mentorship.models import Activity, MentorAppointment, MentorshipSettings, Pair, PlanItem, Track, WorkPlan
from methodcouncil.models import (
    AgendaItem,
    ConsideredDocument,
    Council,
    CouncilMember,
    CouncilPlanItem,
    Decision,
    Meeting,
    MethodicalAssociation,
    Recommendation,
)
from partners.models import (
    Adoption,
    Contribution,
    Direction,
    League,
    LeagueEvent,
    LeagueMembership,
    PartnerOrganisation,
    Project,
    ProjectFile,
    ProviderLink,
)
from qualification.certificates import issue_for_records
from qualification.models import (
    Attestation,
    AttestationCategory,
    Course,
    CourseRecord,
    CourseRequest,
    CourseRun,
    Provider,
    RenewalPolicy,
)
from schools.models import School, StaffMember
from tests import factories
from tests import factories_mentorship as mf
from tests import factories_methodcouncil as mc
from tests import factories_partners as pf
from tests.create_forms import CREATE_FORMS, PDF
from tests.edit_forms import (
    activity_edit,
    adoption_edit,
    appointment_edit,
    certificate_settings,
    contribution_edit,
    course_edit,
    event_edit,
    league_edit,
    meeting_edit,
    mentorship_settings,
    organisation_edit,
    plan_item_edit,
    project_edit,
    provider_edit,
    school_edit,
    staff_edit,
    track_edit,
)
from tests.walking import Page, same_site_path

CREATED, CHANGED, DELETED = AuditEntry.Action.CREATED, AuditEntry.Action.CHANGED, AuditEntry.Action.DELETED
LAST_WEEK = (date.today() - timedelta(days=7)).isoformat()


def _league(request):
    league = pf.make_league(request.getfixturevalue("office"), coordinator=request.getfixturevalue("methodist"))
    pf.make_member(league, request.getfixturevalue("school_a"))
    return league


def _draft_item(request):
    council = mc.make_council(request.getfixturevalue("school_a"))
    mc.make_member(council, request.getfixturevalue("teacher_a"))
    meeting = mc.make_meeting(council, date=mc.a_day_this_year())
    return mc.make_item(meeting)


# Each path: (client fixture, page with the form, a field that marks the form, what a person types, model, action).


def record_confirm(request):
    record = factories.make_record(
        request.getfixturevalue("teacher_a"), state="completed", completed_on=date(2025, 5, 1)
    )
    url = reverse("qualification:record_detail", args=[record.pk])
    return "director_a_client", url, "/confirm/", {}


def request_decide(request):
    CourseRequest.objects.create(staff_member=request.getfixturevalue("teacher_a"), topic="STEM")
    course = factories.make_course(request.getfixturevalue("office"))
    typed = {"course": course.pk, "decision": "approve"}
    return "director_a_client", reverse("qualification:requests"), "course", typed


def course_run(request):
    course = factories.make_course(request.getfixturevalue("office"))
    typed = {"starts_on": "2025-03-10", "completed_on": "2025-03-14", "hours": "72", "document_kind": "certificate"}
    typed["people"] = [request.getfixturevalue("teacher_a").pk]
    return "methodist_client", reverse("qualification:cohort", args=[course.pk]), "starts_on", typed


def attestation(request):
    person = request.getfixturevalue("teacher_a")
    category = AttestationCategory.objects.get(office=person.school.office, code="first")
    typed = {"category": category.pk, "awarded_on": "2025-04-10", "order_number": "№ 12"}
    return "director_a_client", reverse("qualification:attestation_record", args=[person.pk]), "category", typed


def renewal_rule(request):
    typed = {"min_hours": "80", "applies_from": date.today().isoformat()}
    return "methodist_client", reverse("qualification:policy"), "min_hours", typed


def pair_close(request):
    pair = mf.make_pair(mf.make_appointment(request.getfixturevalue("teacher_b")), request.getfixturevalue("teacher_a"))
    url = reverse("mentorship:pair_detail", args=[pair.pk])
    typed = {"state": "stopped", "reason": "Башка мектепке кетти"}
    return "methodist_client", url, "reason", typed


def log_entry(request):
    pair = mf.make_pair(mf.make_appointment(request.getfixturevalue("teacher_b")), request.getfixturevalue("teacher_a"))
    typed = {"kind": "consultation", "went_well": "Сабактын максаты так айтылды"}
    return "methodist_client", reverse("mentorship:pair_detail", args=[pair.pk]), "went_well", typed


def log_entry_confirm(request):
    request.getfixturevalue("teacher_user")
    pair = mf.make_pair(mf.make_appointment(request.getfixturevalue("teacher_b")), request.getfixturevalue("teacher_a"))
    mf.make_activity(
        pair.track.office, pair=pair, kind="consultation", starts_at=mf.local(date.today()), track=pair.track
    )
    return "teacher_client", reverse("mentorship:pair_detail", args=[pair.pk]), "/confirm/", {}


def plan_goals(request):
    request.getfixturevalue("teacher_user")
    pair = mf.make_pair(mf.make_appointment(request.getfixturevalue("teacher_a")), request.getfixturevalue("teacher_b"))
    url = reverse("mentorship:pair_plan", args=[pair.pk])
    return "teacher_client", url, "goals", {"goals": "Калыптандыруучу баалоону өздөштүрүү"}


def work_plan(request):
    request.getfixturevalue("office")
    url = f"{reverse('mentorship:plan')}?year=2025"
    return "methodist_client", url, "note", {}


def plan_item_create(request):
    mf.make_plan(request.getfixturevalue("office"), year=2025)
    url = reverse("mentorship:plan_item_create", args=[2025])
    typed = {"what": "Насаатчылардын семинары", "planned_month": "2025-10-01"}
    return "methodist_client", url, "what", typed


def plan_item_state(request):
    mf.make_plan_item(mf.make_plan(request.getfixturevalue("office"), year=2025))
    url = f"{reverse('mentorship:plan')}?year=2025"
    typed = {"state": "postponed", "reason": "Карантин"}
    return "methodist_client", url, "reason", typed


def council_member_add(request):
    council = mc.make_council(request.getfixturevalue("school_a"))
    url = reverse("methodcouncil:council_members", args=[council.pk])
    typed = {"members-0-staff_member": request.getfixturevalue("teacher_a").pk, "members-0-role": "member"}
    return "director_a_client", url, "members-TOTAL_FORMS", typed


def council_member_remove(request):
    council = mc.make_council(request.getfixturevalue("school_a"))
    mc.make_member(council, request.getfixturevalue("teacher_a"))
    url = reverse("methodcouncil:council_members", args=[council.pk])
    return "director_a_client", url, "members-TOTAL_FORMS", {"members-0-DELETE": "on"}


def association_add(request):
    council = mc.make_council(request.getfixturevalue("school_a"))
    url = reverse("methodcouncil:council_associations", args=[council.pk])
    typed = {"associations-0-name": "Табигый илимдер"}
    return "director_a_client", url, "associations-TOTAL_FORMS", typed


def council_plan_item_remove(request):
    council = mc.make_council(request.getfixturevalue("school_a"))
    CouncilPlanItem.objects.create(council=council, month=date(council.academic_year, 10, 1), topic="Окуу планы")
    url = reverse("methodcouncil:council_plan", args=[council.pk])
    return "director_a_client", url, "/plan-items/", {}


def agenda_item_add(request):
    meeting = _draft_item(request).meeting
    url = reverse("methodcouncil:meeting_edit", args=[meeting.pk])
    typed = {"agenda-1-topic": "Олимпиаданын жыйынтыгы", "agenda-1-ORDER": "2"}
    return "director_a_client", url, "place", typed


def agenda_item_remove(request):
    meeting = _draft_item(request).meeting
    mc.make_item(meeting, topic="Экинчи маселе", order=2)
    url = reverse("methodcouncil:meeting_edit", args=[meeting.pk])
    return "director_a_client", url, "place", {"agenda-1-DELETE": "on"}


def meeting_delete(request):
    meeting = _draft_item(request).meeting
    url = reverse("methodcouncil:meeting", args=[meeting.pk])
    return "director_a_client", url, "/delete/", {}


def attendance(request):
    meeting = _draft_item(request).meeting
    url = reverse("methodcouncil:meeting_attendance", args=[meeting.pk])
    return "director_a_client", url, "guests", {"guests": "Ата-энелер"}


def minutes(request):
    item = _draft_item(request)
    url = reverse("methodcouncil:minutes_edit", args=[item.meeting_id, item.pk])
    return "director_a_client", url, "heard-heard_topic", {"heard-heard_topic": "Окуу планы"}


def decision_add(request):
    item = _draft_item(request)
    url = reverse("methodcouncil:minutes_edit", args=[item.meeting_id, item.pk])
    typed = {"decisions-0-text": "Планды бекитүү", "decisions-0-deadline": (date.today() + timedelta(30)).isoformat()}
    return "director_a_client", url, "decisions-TOTAL_FORMS", typed


def decision_done(request):
    mc.make_decision(_draft_item(request))
    return "director_a_client", reverse("methodcouncil:decisions"), "/state/", {}


def recommendation_add(request):
    decision = mc.make_decision(_draft_item(request))
    url = reverse("methodcouncil:recommendation_create", args=[decision.pk])
    typed = {"kind": "attestation", "staff_member": request.getfixturevalue("teacher_a").pk}
    return "director_a_client", url, "kind", typed


def recommendation_remove(request):
    decision = mc.make_decision(_draft_item(request))
    Recommendation.objects.create(decision=decision, kind="course", staff_member=request.getfixturevalue("teacher_a"))
    url = reverse("methodcouncil:meeting", args=[decision.agenda_item.meeting_id])
    return "director_a_client", url, "/recommendations/", {}


def document_register(request):
    council = mc.make_council(request.getfixturevalue("school_a"))
    url = reverse("methodcouncil:document_create", args=[council.pk])
    typed = {"title": "Окуу планы", "kind": "plan", "file": SimpleUploadedFile("plan.pdf", PDF, "application/pdf")}
    return "director_a_client", url, "title", typed


def membership_add(request):
    league = _league(request)
    url = reverse("partners:members", args=[league.pk])
    typed = {"school": request.getfixturevalue("school_b").pk}
    return "methodist_client", url, "joined_on", typed


def membership_remove(request):
    league = _league(request)
    url = reverse("partners:members", args=[league.pk])
    return "methodist_client", url, "/remove/", {}


def direction_add(request):
    league = _league(request)
    url = reverse("partners:directions", args=[league.pk])
    typed = {"form-0-name_ky": "Агро", "form-0-name_kk": "Агро", "form-0-name_ru": "Агро", "form-0-code": "agro"}
    return "methodist_client", url, "form-TOTAL_FORMS", typed


def direction_remove(request):
    league = _league(request)
    pf.make_direction(league)
    url = reverse("partners:directions", args=[league.pk])
    return "methodist_client", url, "form-TOTAL_FORMS", {"form-0-DELETE": "on"}


def project_file_add(request):
    project = pf.make_project(_league(request), request.getfixturevalue("school_a"))
    url = reverse("partners:project_file_create", args=[project.pk])
    typed = {"kind": "document", "file": SimpleUploadedFile("plan.pdf", PDF, "application/pdf")}
    return "methodist_client", url, "kind", typed


def project_file_remove(request):
    project = pf.make_project(_league(request), request.getfixturevalue("school_a"))
    ProjectFile.objects.create(project=project, kind="document", file=SimpleUploadedFile("plan.pdf", PDF))
    url = reverse("partners:project_detail", args=[project.pk])
    return "methodist_client", url, "/files/", {}


def provider_link_add(request):
    organisation = pf.make_organisation(request.getfixturevalue("office"))
    provider = factories.make_provider(request.getfixturevalue("office"))
    url = reverse("partners:organisation_detail", args=[organisation.pk])
    return "methodist_client", url, "provider", {"provider": provider.pk}


def provider_link_remove(request):
    organisation = pf.make_organisation(request.getfixturevalue("office"))
    ProviderLink.objects.create(organisation=organisation, provider=factories.make_provider(organisation.office))
    url = reverse("partners:organisation_detail", args=[organisation.pk])
    return "methodist_client", url, "/remove/", {}


def certificate_revoke(request):
    factories.make_certificate_settings(request.getfixturevalue("office"))
    course_record = factories.make_record(request.getfixturevalue("teacher_a"), completed_on=date(2025, 5, 1))
    _document, new, _existing = issue_for_records(
        record_ids=[course_record.pk], layout="ky", by=request.getfixturevalue("methodist")
    )
    url = reverse("certificates:revoke", args=[new[0].pk])
    return "methodist_client", url, "reason", {"reason": "Ката маалымат"}


def _creating(create_form):
    """A create form of tests/create_forms.py as a path of this table."""

    def path(request):
        client_fixture, url, model, typed = create_form(request)
        path.model = model
        return client_fixture, url, url, typed  # the form that posts to its own page

    path.__name__ = create_form.__name__
    return path


CREATED_BY_FORM = {
    "school": School,
    "staff": StaffMember,
    "course_report": CourseRecord,
    "course_request": CourseRequest,
    "course": Course,
    "provider": Provider,
    "track_form": Track,
    "appointment": MentorAppointment,
    "pair": Pair,
    "activity": Activity,
    "council": Council,
    "meeting": Meeting,
    "league_form": League,
    "project": Project,
    "adoption": Adoption,
    "event": LeagueEvent,
    "council_plan_item": CouncilPlanItem,
    "organisation": PartnerOrganisation,
    "contribution": Contribution,
}

# (path, the model whose row it writes, what it does to the row)
PATHS = [(_creating(form), CREATED_BY_FORM[form.__name__], CREATED) for form in CREATE_FORMS] + [
    (school_edit, School, CHANGED),
    (staff_edit, StaffMember, CHANGED),
    (provider_edit, Provider, CHANGED),
    (course_edit, Course, CHANGED),
    (record_confirm, CourseRecord, CHANGED),
    (request_decide, CourseRequest, CHANGED),
    (course_run, CourseRun, CREATED),
    (attestation, Attestation, CREATED),
    (renewal_rule, RenewalPolicy, CREATED),
    (track_edit, Track, CHANGED),
    (mentorship_settings, MentorshipSettings, CREATED),
    (certificate_settings, CertificateSettings, CREATED),
    (certificate_revoke, Certificate, CHANGED),
    (appointment_edit, MentorAppointment, CHANGED),
    (pair_close, Pair, CHANGED),
    (activity_edit, Activity, CHANGED),
    (log_entry, Activity, CREATED),
    (log_entry_confirm, Activity, CHANGED),
    (plan_goals, Pair, CHANGED),
    (work_plan, WorkPlan, CREATED),
    (plan_item_create, PlanItem, CREATED),
    (plan_item_edit, PlanItem, CHANGED),
    (plan_item_state, PlanItem, CHANGED),
    (council_member_add, CouncilMember, CREATED),
    (council_member_remove, CouncilMember, DELETED),
    (association_add, MethodicalAssociation, CREATED),
    (council_plan_item_remove, CouncilPlanItem, DELETED),
    (meeting_edit, Meeting, CHANGED),
    (agenda_item_add, AgendaItem, CREATED),
    (agenda_item_remove, AgendaItem, DELETED),
    (meeting_delete, Meeting, DELETED),
    (attendance, Meeting, CHANGED),
    (minutes, AgendaItem, CHANGED),
    (decision_add, Decision, CREATED),
    (decision_done, Decision, CHANGED),
    (recommendation_add, Recommendation, CREATED),
    (recommendation_remove, Recommendation, DELETED),
    (document_register, ConsideredDocument, CREATED),
    (league_edit, League, CHANGED),
    (membership_add, LeagueMembership, CREATED),
    (membership_remove, LeagueMembership, DELETED),
    (direction_add, Direction, CREATED),
    (direction_remove, Direction, DELETED),
    (project_edit, Project, CHANGED),
    (project_file_add, ProjectFile, CREATED),
    (project_file_remove, ProjectFile, DELETED),
    (adoption_edit, Adoption, CHANGED),
    (event_edit, LeagueEvent, CHANGED),
    (organisation_edit, PartnerOrganisation, CHANGED),
    (contribution_edit, Contribution, CHANGED),
    (provider_link_add, ProviderLink, CREATED),
    (provider_link_remove, ProviderLink, DELETED),
]


def _send(client, url, marker, typed):
    """Sends the POST form of the page that carries the field `marker`, or, for a marker that begins with "/",
    the one whose address contains it; what the page shows, with what a person types."""
    page = Page(url, client.get(url).content.decode())
    if marker.startswith("/"):
        posts = [form for form in page.forms if form.method == "post" and marker in (form.action or url)]
    else:
        posts = [
            form
            for form in page.forms
            if form.method == "post" and (marker in dict(form.fields) or marker in form.selects)
        ]
    assert posts, f"no form with {marker} on {url}"
    return client.post(same_site_path(url, posts[0].action or url), {**dict(posts[0].fields), **typed})


@pytest.mark.parametrize(("path", "model", "action"), PATHS, ids=[path.__name__ for path, _model, _action in PATHS])
def test_each_write_path_leaves_one_entry_in_the_history_the_methodist_opens(
    request, path, model, action, methodist_client
):
    client_fixture, url, marker, typed = path(request)
    assert getattr(path, "model", model) is model
    content_type = ContentType.objects.get_for_model(model)
    before = set(AuditEntry.objects.values_list("pk", flat=True))
    response = _send(request.getfixturevalue(client_fixture), url, marker, typed)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    new = AuditEntry.objects.exclude(pk__in=before).filter(content_type=content_type, action=action)
    assert new.count() == 1, list(AuditEntry.objects.exclude(pk__in=before).values("content_type__model", "action"))
    entry = new.get()
    assert entry.actor is not None
    if entry.parent_type_id:
        label, pk = f"{entry.parent_type.app_label}.{entry.parent_type.model}", entry.parent_id
    else:
        label, pk = model._meta.label_lower, entry.object_id
    if model is RenewalPolicy:  # a rule's versions: the rule page lists them, each with who saved it
        assert label not in audit.AUDITED
        return
    history = methodist_client.get(reverse("schools:history", args=[label, pk]))
    assert history.status_code == 200
    shown = [row for row in history.context["page"].object_list if row.pk == entry.pk]
    assert shown, f"the entry is not in the history of {label} {pk}"
    if entry.parent_type_id:
        assert shown[0].part == capfirst(model._meta.verbose_name)
        assert entry.note  # the part's name, which outlives a deleted part


def test_the_table_covers_every_model_with_a_history():
    """A record with a history page, or a part that names its record, has a path in the table above."""
    recorded = set(audit.AUDITED) | {
        model._meta.label_lower for model in apps.get_models() if getattr(model, "history_parent", None)
    }
    assert recorded - {model._meta.label_lower for _path, model, _action in PATHS} == set()
