from collections import OrderedDict

from django.contrib import messages
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import audit, clock, versions
from core.academic import academic_year_bounds, academic_year_of
from core.exports import export_response
from core.pagination import paginate
from core.scoping import Role, own_office_id, role_required
from core.uploads import attachment_response
from qualification.digest import school_digest
from qualification.filters import CourseFilter
from qualification.forms import (
    AttestationForm,
    CohortForm,
    CourseForm,
    CourseReportForm,
    CourseRequestForm,
    ProviderForm,
    RejectForm,
    RequestDecisionForm,
)
from qualification.models import (
    Course,
    CourseRecord,
    CourseRequest,
    Provider,
    RecordState,
    RenewalState,
    RequestState,
    next_attestation_due,
)
from qualification.renewal import (
    attach_due_dates,
    due_by,
    office_state_counts,
    policy_for_office,
    standing_changed,
    with_renewal,
)
from qualification.services import (
    QualificationError,
    cohort_record,
    record_confirm,
    record_reject,
    record_report,
    request_decide,
)
from schools.filters import StaffFilter
from schools.models import School, StaffMember

LEADERS = (Role.METHODIST, Role.DIRECTOR)


def _active_staff(user):
    return StaffMember.objects.for_user(user).filter(is_active=True).select_related("school")


@role_required()
def country_summary(request):
    """Site administrators: the renewal states of every office's active staff, one row per district."""
    offices = office_state_counts(request.user, clock.today())
    totals = {state: sum(office[state] for office in offices) for state in RenewalState.values}
    export_format = request.GET.get("export")
    if export_format:
        headers = [_("Country"), _("Region"), _("Education office"), *RenewalState.labels]
        rows = [
            [office["country"], office["region"], office["name"], *(office[state] for state in RenewalState.values)]
            for office in offices
        ]
        return export_response(export_format, _("renewal-by-district"), headers, rows, widths={1: 20, 2: 40})
    return render(
        request, "qualification/country_summary.html", {"offices": offices, "totals": totals, "states": RenewalState}
    )


@role_required(*LEADERS)
def plan(request):
    """Who needs a course before the end of an academic year, by month and subject, with what is planned.

    Under its title it changes only when someone's standing, name, school, subjects or planned courses change,
    so that part is kept per office version, language, day and year like the status page's (`core.versions`):
    for a district's methodist it lists a thousand people and took 126 ms to draw on the district bench."""
    today = clock.today()
    default_year = academic_year_of(today) + 1
    try:
        year = int(request.GET.get("year", default_year))
    except ValueError:
        raise Http404 from None
    if not 2000 <= year <= 2100:
        raise Http404
    if request.GET.get("export"):
        return _plan_export(request.GET["export"], year, _plan(request.user, year))
    body = versions.cached_for(
        request.user.scope, "plan", lambda: _plan_body(request, year), get_language(), today, year
    )
    return render(
        request,
        "qualification/plan.html",
        {"body": body, "year": year, "previous_year": year - 1, "next_year": year + 1},
    )


def _plan(user, year):
    """(groups, count, ends): the people due by the year's end, grouped by the month they fall due (or "Already
    overdue") and then by subject (or position)."""
    starts, ends = academic_year_bounds(year)
    policy = policy_for_office(user.scope.office_id) if user.scope.office_id else None
    planned = CourseRecord.objects.filter(state=RecordState.PLANNED).select_related("course")
    people = (
        due_by(with_renewal(_active_staff(user), last_course=False), ends, policy)
        .prefetch_related(
            Prefetch("subjects", to_attr="subject_list"),
            Prefetch("course_records", queryset=planned, to_attr="planned"),
        )
        .order_by("surname", "given_name")
    )
    people = attach_due_dates(list(people))
    groups = OrderedDict()
    months = {}  # a district's plan names a few months for hundreds of people
    for person in sorted(people, key=lambda p: (p.due_date, p.surname)):
        key = None if person.due_date < starts else (person.due_date.year, person.due_date.month)
        if key not in months:
            months[key] = _("Already overdue") if key is None else date_format(person.due_date, "YEAR_MONTH_FORMAT")
        subject = ", ".join(str(subject) for subject in person.subject_list) or person.get_position_display()
        groups.setdefault(months[key], OrderedDict()).setdefault(subject, []).append(person)
    return groups, len(people), ends


def _plan_body(request, year):
    groups, count, ends = _plan(request.user, year)
    context = {"groups": groups, "count": count, "ends": ends}
    return render_to_string("qualification/plan.html#body", context, request=request)


def _plan_export(export_format, year, plan):
    groups, _count, _ends = plan
    headers = [
        _("Month"),
        _("Subject"),
        _("Name"),
        _("School"),
        _("Valid until / due"),
        _("State"),
        _("Planned courses"),
    ]
    table = [
        [
            month,
            subject,
            person.full_name,
            person.school.name,
            person.due_date,
            RenewalState(person.renewal_state).label,
            "; ".join(record.course.title for record in person.planned),
        ]
        for month, subjects in groups.items()
        for subject, group in subjects.items()
        for person in group
    ]
    return export_response(
        export_format, _("course-plan-%(year)s") % {"year": year}, headers, table, widths={2: 36, 3: 30}
    )


# Course records ---------------------------------------------------------------------------------------


@role_required(Role.DIRECTOR)
def digest(request):
    """The school's monthly digest as the director receives it by e-mail."""
    school = get_object_or_404(School.objects.for_user(request.user), pk=request.user.school_id)
    return render(request, "qualification/digest.html", {"digest": school_digest(school, clock.today())})


@role_required(*LEADERS)
def pending(request):
    records = (
        CourseRecord.objects.for_user(request.user)
        .awaiting_confirmation()
        .select_related("staff_member", "staff_member__school", "course", "course__provider")
        .order_by("completed_on", "pk")
    )
    return render(request, "qualification/pending.html", {"page": paginate(request, records)})


def record_detail(request, pk):
    record = get_object_or_404(
        CourseRecord.objects.for_user(request.user).select_related(
            "staff_member", "staff_member__school", "course", "course__provider", "run__provider", "confirmed_by"
        ),
        pk=pk,
    )
    can_decide = record.state == RecordState.COMPLETED and (request.user.is_director or request.user.is_methodist)
    return render(
        request,
        "qualification/record_detail.html",
        {"record": record, "can_decide": can_decide, "reject_form": RejectForm()},
    )


@require_POST
@role_required(*LEADERS)
def record_confirm_view(request, pk):
    record = get_object_or_404(CourseRecord.objects.for_user(request.user), pk=pk)
    try:
        record_confirm(record=record, by=request.user)
    except QualificationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The course of %(name)s is confirmed.") % {"name": record.staff_member.full_name})
    return redirect("qualification:pending")


@require_POST
@role_required(*LEADERS)
def record_reject_view(request, pk):
    record = get_object_or_404(CourseRecord.objects.for_user(request.user).select_related("staff_member"), pk=pk)
    form = RejectForm(request.POST)
    if form.is_valid():
        try:
            record_reject(record=record, by=request.user, reason=form.cleaned_data["reason"])
        except QualificationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The record has been rejected; the teacher sees the reason."))
            return redirect("qualification:pending")
    return render(
        request,
        "qualification/record_detail.html",
        {"record": record, "can_decide": record.state == RecordState.COMPLETED, "reject_form": form},
        status=400 if form.errors else 200,
    )


def record_scan(request, pk):
    record = get_object_or_404(CourseRecord.objects.for_user(request.user).select_related("staff_member"), pk=pk)
    if not record.scan:
        raise Http404
    name = f"{record.staff_member.surname}-{record.document_number or record.pk}"
    return attachment_response(record.scan, name)


# A person's own courses ---------------------------------------------------------------------------------


def _own_staff_member(request):
    staff_member = StaffMember.objects.filter(user=request.user).select_related("school").first()
    if staff_member is None:
        raise Http404
    return staff_member


def my_courses(request):
    return redirect("qualification:person", pk=_own_staff_member(request).pk)


def person(request, pk):
    staff_member = get_object_or_404(with_renewal(StaffMember.objects.for_user(request.user)), pk=pk)
    policy = policy_for_office(staff_member.school.office_id)
    attach_due_dates([staff_member])
    records = staff_member.course_records.select_related("course", "course__provider").order_by("-completed_on", "-pk")
    requests = staff_member.course_requests.select_related("course")
    attestations = list(staff_member.attestations.select_related("category"))
    latest = attestations[0] if attestations else None
    return render(
        request,
        "qualification/person.html",
        {
            "person": staff_member,
            "records": records,
            "requests": requests,
            "policy": policy,
            "is_own": staff_member.user_id == request.user.pk,
            "attestations": attestations,
            "next_attestation": next_attestation_due(staff_member, latest, staff_member.school.office.country),
            "can_attest": request.user.is_director or request.user.is_methodist,
        },
    )


@role_required(*LEADERS)
def attestation_record(request, pk):
    """Records an attestation's result for one person: the category, the day and the order."""
    staff_member = get_object_or_404(StaffMember.objects.for_user(request.user).select_related("school"), pk=pk)
    form = AttestationForm(request.POST or None, office_id=staff_member.school.office_id)
    form.instance.staff_member = staff_member
    form.instance.created_by = request.user
    if request.method == "POST" and form.is_valid():
        audit.save_form(form, actor=request.user)
        standing_changed(staff_member_ids=[staff_member.pk])  # the attestation list shows the category
        messages.success(request, _("The attestation is recorded."))
        return redirect("qualification:person", pk=staff_member.pk)
    return render(request, "qualification/attestation_form.html", {"form": form, "person": staff_member})


def course_report(request):
    staff_member = _own_staff_member(request)
    form = CourseReportForm(request.POST or None, request.FILES or None, user=request.user)
    form.instance.staff_member = staff_member
    form.instance.state = RecordState.COMPLETED
    if request.method == "POST" and form.is_valid():
        record_report(form=form, staff_member=staff_member, by=request.user)
        messages.success(request, _("Your course has been sent to the director for confirmation."))
        return redirect("qualification:person", pk=staff_member.pk)
    return render(request, "qualification/course_report.html", {"form": form})


def course_request_create(request):
    staff_member = _own_staff_member(request)
    form = CourseRequestForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.instance.staff_member = staff_member
        audit.save_form(form, actor=request.user)
        messages.success(request, _("Your request has been sent to the director."))
        return redirect("qualification:person", pk=staff_member.pk)
    return render(request, "qualification/course_request_form.html", {"form": form})


@role_required(*LEADERS)
def requests(request):
    course_requests = (
        CourseRequest.objects.for_user(request.user)
        .select_related("staff_member", "staff_member__school", "course")
        .order_by("state", "-created_at")
    )
    waiting = request.GET.get("state") == RequestState.REQUESTED
    if waiting:
        course_requests = course_requests.filter(state=RequestState.REQUESTED)
    return render(
        request,
        "qualification/requests.html",
        {
            "page": paginate(request, course_requests),
            "decision_form": RequestDecisionForm(user=request.user),
            "waiting": waiting,
        },
    )


@require_POST
@role_required(*LEADERS)
def request_decide_view(request, pk):
    course_request = get_object_or_404(CourseRequest.objects.for_user(request.user), pk=pk)
    form = RequestDecisionForm(request.POST, user=request.user)
    if form.is_valid():
        approve = request.POST.get("decision") == "approve"
        try:
            request_decide(
                course_request=course_request,
                approve=approve,
                course=form.cleaned_data["course"],
                note=form.cleaned_data["note"],
                by=request.user,
            )
        except QualificationError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, _("The request is approved into the plan.") if approve else _("The request is declined.")
            )
    else:
        messages.error(request, _("The course chosen is not in your catalogue."))
    return redirect("qualification:requests")


# Catalogue: providers and courses -----------------------------------------------------------------------


def courses(request):
    queryset = Course.objects.for_user(request.user).select_related("provider", "subject")
    course_filter = CourseFilter(request.GET or None, queryset=queryset, user=request.user)
    return render(
        request,
        "qualification/courses.html",
        {"filter": course_filter, "page": paginate(request, course_filter.qs)},
    )


def course_detail(request, pk):
    course = get_object_or_404(Course.objects.for_user(request.user).select_related("provider", "subject"), pk=pk)
    records = (
        CourseRecord.objects.for_user(request.user)
        .filter(course=course)
        .select_related("staff_member", "staff_member__school")
        .order_by("staff_member__surname", "pk")
    )
    runs = course.runs.select_related("provider").annotate(
        people=Count("records", filter=Q(records__in=CourseRecord.objects.for_user(request.user)))
    )
    return render(
        request,
        "qualification/course_detail.html",
        {"course": course, "runs": runs, "page": paginate(request, records)},
    )


@role_required(Role.METHODIST)
def course_edit(request, pk=None):
    course = get_object_or_404(Course.objects.for_user(request.user), pk=pk) if pk else None
    form = CourseForm(request.POST or None, instance=course, user=request.user)
    form.instance.office_id = own_office_id(request.user)
    if request.method == "POST" and form.is_valid():
        course = audit.save_form(form, actor=request.user)
        standing_changed(office_ids=[course.office_id])  # its title is the "last counted course" of many
        messages.success(request, _("The course has been saved."))
        return redirect(course)
    return render(request, "qualification/course_form.html", {"form": form, "course": course})


@role_required(Role.METHODIST)
def cohort(request, pk):
    course = get_object_or_404(Course.objects.for_user(request.user), pk=pk)
    staff = StaffMember.objects.for_user(request.user).filter(is_active=True).select_related("school")
    staff_filter = StaffFilter(request.GET or None, queryset=staff, user=request.user)
    # Everyone listed comes ticked: a search with every filter empty would tick the first 500 people of the
    # district (and drew them in 45 ms), so the filters must name someone in particular first.
    narrowed = staff_filter.is_valid() and any(
        value not in (None, "") for value in staff_filter.form.cleaned_data.values()
    )
    candidates = staff_filter.qs[:500] if narrowed else StaffMember.objects.none()
    form = CohortForm(request.POST or None, course=course)
    refused = []
    if request.method == "POST" and form.is_valid():
        try:
            created, existing = cohort_record(
                course=course,
                run=form.cleaned_data["run"],
                starts_on=form.cleaned_data["starts_on"],
                ends_on=form.cleaned_data["completed_on"],
                place=form.cleaned_data["place"],
                mode=form.cleaned_data["mode"],
                provider=form.cleaned_data["provider"],
                staff_member_ids=form.cleaned_data["people"],
                hours=form.cleaned_data["hours"],
                document_kind=form.cleaned_data["document_kind"],
                by=request.user,
            )
        except QualificationError as error:
            form.add_error(None, error.message)
            refused = error.people
        else:
            recorded = ngettext(
                "The course is recorded for %(count)s person.", "The course is recorded for %(count)s people.", created
            ) % {"count": created}
            if existing:
                recorded += " " + ngettext(
                    "%(count)s person had it already.", "%(count)s people had it already.", existing
                ) % {"count": existing}
            messages.success(request, recorded)
            return redirect(course)
    chosen = set(form.cleaned_data.get("people", [])) if form.is_bound and hasattr(form, "cleaned_data") else set()
    return render(
        request,
        "qualification/cohort.html",
        {
            "course": course,
            "form": form,
            "filter": staff_filter,
            "candidates": candidates,
            "chosen": chosen,
            "refused": refused,
        },
    )


def providers(request):
    queryset = Provider.objects.for_user(request.user).annotate(course_count=Count("courses")).order_by("name", "pk")
    return render(request, "qualification/providers.html", {"page": paginate(request, queryset)})


@role_required(Role.METHODIST)
def provider_edit(request, pk=None):
    provider = get_object_or_404(Provider.objects.for_user(request.user), pk=pk) if pk else None
    form = ProviderForm(request.POST or None, instance=provider)
    form.instance.office_id = own_office_id(request.user)
    if request.method == "POST" and form.is_valid():
        audit.save_form(form, actor=request.user)
        messages.success(request, _("The provider has been saved."))
        return redirect("qualification:providers")
    return render(request, "qualification/provider_form.html", {"form": form, "provider": provider})
