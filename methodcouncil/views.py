from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from certificates import signing
from certificates.pdf import render_pdf
from core import audit, clock
from core.academic import academic_year_label, academic_year_of
from core.exports import export_response
from core.pagination import paginate
from core.scoping import Role, own_office_id, role_required
from core.uploads import attachment_response
from methodcouncil import services
from methodcouncil.filters import DecisionFilter
from methodcouncil.forms import (
    AgendaFormSet,
    AmendmentForm,
    AssociationFormSet,
    AttendanceFormSet,
    CouncilForm,
    DecisionFormSet,
    DocumentForm,
    GuestsForm,
    HeardForm,
    MeetingForm,
    MemberFormSet,
    PlanItemForm,
    RecommendationForm,
    SpeechFormSet,
    with_one_more_form,
)
from methodcouncil.models import (
    ConsideredDocument,
    Council,
    CouncilMember,
    CouncilPlanItem,
    CouncilRole,
    Decision,
    DecisionStatus,
    Meeting,
    MeetingState,
    Recommendation,
)
from methodcouncil.permissions import (
    can_edit_council,
    can_manage_council,
    can_sign_council_minutes,
    can_view_council,
    councils_editable_by,
    councils_seen_by,
)
from methodcouncil.services import CouncilError
from schools.models import DistrictOffice, School, StaffMember

LEADERS = (Role.METHODIST, Role.DIRECTOR)


def _council(request, pk):
    council = get_object_or_404(Council.objects.for_user(request.user).select_related("school", "office"), pk=pk)
    if not can_view_council(request.user, council):
        raise Http404
    return council


def _meeting(request, pk):
    meeting = get_object_or_404(
        Meeting.objects.for_user(request.user).select_related("council", "council__school", "council__office"), pk=pk
    )
    if not can_view_council(request.user, meeting.council):
        raise Http404
    return meeting


def _require(allowed):
    if not allowed:
        raise PermissionDenied


def _editable_meeting(request, pk):
    """A meeting the user may edit; a signed one sends them back to the protocol with the reason."""
    meeting = _meeting(request, pk)
    _require(can_edit_council(request.user, meeting.council))
    if meeting.is_signed:
        messages.error(
            request,
            _("Protocol No. %(number)s is signed and locked; record a correction as an amendment instead.")
            % {"number": meeting.number},
        )
        return meeting, redirect(meeting)
    return meeting, None


def _maybe_one_more_form(request, prefix):
    """The posted data, with room for one more row when the "add another" button was pressed."""
    if request.method != "POST":
        return None, False
    if "add_row" in request.POST:
        return with_one_more_form(request.POST, prefix), True
    return request.POST, False


def _visible_decisions(user):
    """Decisions of the councils a user follows: leaders their whole scope, a teacher the councils they keep."""
    councils = Council.objects.for_user(user)
    if not (user.scope.everything or user.scope.role in LEADERS):
        councils = councils.filter(
            members__staff_member__user=user, members__role__in=[CouncilRole.SECRETARY, CouncilRole.CHAIR]
        )
    return Decision.objects.filter(agenda_item__meeting__council__in=councils)


def _count(queryset, school_path):
    """A per-school count as a subquery, so several counts over different tables do not multiply rows."""
    counts = queryset.filter(**{school_path: OuterRef("pk")}).order_by().values(school_path)
    return Coalesce(Subquery(counts.annotate(total=Count("pk")).values("total")[:1]), 0, output_field=IntegerField())


def home(request):
    user = request.user
    if user.scope.everything or user.is_methodist:
        return redirect("methodcouncil:overview")
    if user.is_director:
        council = Council.objects.for_user(user).current().filter(school_id=user.scope.school_id).first()
        return redirect(council) if council else redirect("methodcouncil:councils")
    return redirect("methodcouncil:mine")


# The methodist's district overview ------------------------------------------------------------------------


@role_required(Role.METHODIST)
def overview(request):
    today = clock.today()
    year = academic_year_of(today)
    this_year = Q(council__academic_year=year)
    schools = (
        School.objects.for_user(request.user)
        .annotate(
            meetings_held=_count(Meeting.objects.filter(this_year).held(today), "council__school"),
            open_decisions=_count(
                Decision.objects.with_status_filter(DecisionStatus.OPEN, today), "agenda_item__meeting__council__school"
            ),
            overdue_decisions=_count(
                Decision.objects.with_status_filter(DecisionStatus.OVERDUE, today),
                "agenda_item__meeting__council__school",
            ),
            recommendations=_count(
                Recommendation.objects.filter(decision__agenda_item__meeting__council__academic_year=year),
                "decision__agenda_item__meeting__council__school",
            ),
            current_council=Subquery(
                Council.objects.filter(school=OuterRef("pk"), academic_year=year).values("pk")[:1]
            ),
        )
        .order_by("number", "name")
    )
    totals = {
        key: sum(getattr(school, key) for school in schools)
        for key in ("meetings_held", "open_decisions", "overdue_decisions", "recommendations")
    }
    district_councils = (
        Council.objects.for_user(request.user).filter(school__isnull=True).annotate(meeting_count=Count("meetings"))
    )
    return render(
        request,
        "methodcouncil/overview.html",
        {
            "schools": schools,
            "totals": totals,
            "year_label": academic_year_label(year),
            "district_councils": district_councils,
        },
    )


# Councils -------------------------------------------------------------------------------------------------


def councils(request):
    queryset = (
        councils_seen_by(request.user)
        .select_related("school", "office")
        .annotate(meeting_count=Count("meetings", distinct=True), member_count=Count("members", distinct=True))
        .order_by("-academic_year", "school__number", "school__name", "name")
    )
    school = None
    if request.GET.get("school"):
        school = get_object_or_404(School.objects.for_user(request.user), pk=request.GET["school"])
        queryset = queryset.filter(school=school)
    can_create = request.user.is_director or request.user.is_methodist
    return render(
        request,
        "methodcouncil/councils.html",
        {"page": paginate(request, queryset), "school": school, "can_create": can_create},
    )


@role_required(*LEADERS)
def council_create(request):
    """A director creates the school's council for a year; a methodist, a district-level council."""
    form = CouncilForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        scope = request.user.scope
        school = School.objects.select_related("office").get(pk=scope.school_id) if request.user.is_director else None
        try:
            council = services.council_create(
                office=school.office if school else DistrictOffice.objects.get(pk=own_office_id(request.user)),
                school=school,
                academic_year=form.cleaned_data["academic_year"],
                name=form.cleaned_data["name"],
                by=request.user,
            )
        except CouncilError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The council has been created; add its members."))
            return redirect("methodcouncil:council_members", pk=council.pk)
    return render(request, "methodcouncil/council_form.html", {"form": form})


def council(request, pk):
    council = _council(request, pk)
    members = council.members.select_related("staff_member")
    associations = council.associations.select_related("head")
    today = clock.today()
    decisions = Decision.objects.filter(agenda_item__meeting__council=council)
    return render(
        request,
        "methodcouncil/council.html",
        {
            "council": council,
            "members": members,
            "associations": associations,
            "meeting_count": council.meetings.count(),
            "signed_count": council.meetings.filter(state=MeetingState.SIGNED).count(),
            "open_count": decisions.with_status_filter(DecisionStatus.OPEN, today).count(),
            "overdue_count": decisions.with_status_filter(DecisionStatus.OVERDUE, today).count(),
            "can_manage": can_manage_council(request.user, council),
            "can_edit": can_edit_council(request.user, council),
        },
    )


def council_members(request, pk):
    council = _council(request, pk)
    _require(can_manage_council(request.user, council))
    queryset = council.members.select_related("staff_member")
    data, adding = _maybe_one_more_form(request, "members")
    formset = MemberFormSet(
        data, instance=council, queryset=queryset, form_kwargs={"council": council}, prefix="members"
    )
    if request.method == "POST" and not adding and formset.is_valid():
        services.members_save(council=council, formset=formset, by=request.user)
        messages.success(request, _("The council's members have been saved."))
        return redirect(council)
    return render(request, "methodcouncil/members_form.html", {"council": council, "formset": formset})


def council_associations(request, pk):
    council = _council(request, pk)
    _require(can_manage_council(request.user, council))
    data, adding = _maybe_one_more_form(request, "associations")
    formset = AssociationFormSet(
        data,
        instance=council,
        queryset=council.associations.select_related("head"),
        form_kwargs={"council": council},
        prefix="associations",
    )
    if request.method == "POST" and not adding and formset.is_valid():
        audit.save_formset(formset, actor=request.user)  # every row or none
        messages.success(request, _("The methodical associations have been saved."))
        return redirect(council)
    return render(request, "methodcouncil/associations_form.html", {"council": council, "formset": formset})


# Meetings -------------------------------------------------------------------------------------------------


def meetings(request, pk):
    council = _council(request, pk)
    unsigned = request.GET.get("unsigned") == "1"
    queryset = (
        (council.meetings.unsigned() if unsigned else council.meetings.all())
        .select_related("plan_item")
        .annotate(
            item_count=Count("agenda_items", distinct=True),
            present_count=Count("attendance", filter=Q(attendance__present=True), distinct=True),
            decision_count=Count("agenda_items__decisions", distinct=True),
        )
        .order_by("number")
    )
    return render(
        request,
        "methodcouncil/meetings.html",
        {
            "council": council,
            "page": paginate(request, queryset),
            "can_edit": can_edit_council(request.user, council),
            "unsigned": unsigned,
        },
    )


def meeting_create(request, pk):
    council = _council(request, pk)
    _require(can_edit_council(request.user, council))
    form = MeetingForm(request.POST or None, council=council)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_create(
                council=council,
                date=form.cleaned_data["date"],
                place=form.cleaned_data["place"],
                plan_item=form.cleaned_data["plan_item"],
                by=request.user,
            )
        except CouncilError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Meeting No. %(number)s has been created.") % {"number": meeting.number})
            return redirect("methodcouncil:meeting_edit", pk=meeting.pk)
    return render(request, "methodcouncil/meeting_create.html", {"council": council, "form": form})


def _protocol(meeting):
    """Everything the protocol shows, in a fixed number of queries whatever its length."""
    attendance = list(meeting.attendance.select_related("staff_member"))
    items = meeting.agenda_items.select_related("heard_speaker").prefetch_related(
        "speeches",
        Prefetch(
            "decisions",
            queryset=Decision.objects.with_status()
            .select_related("responsible")
            .prefetch_related(
                Prefetch("recommendations", queryset=Recommendation.objects.select_related("staff_member"))
            ),
        ),
    )
    council = meeting.council
    if meeting.is_signed:
        chair, secretary = meeting.chair_name, meeting.secretary_name
    else:
        names = {
            member.role: member.staff_member.full_name
            for member in council.members.filter(role__in=[CouncilRole.CHAIR, CouncilRole.SECRETARY]).select_related(
                "staff_member"
            )
        }
        chair, secretary = names.get(CouncilRole.CHAIR, ""), names.get(CouncilRole.SECRETARY, "")
    return {
        "meeting": meeting,
        "council": council,
        "place_name": meeting.school_name or council.place_name,
        "council_name": meeting.council_name or council.name,
        "present": [row for row in attendance if row.present],
        "absent": [row for row in attendance if not row.present],
        "guests": [line.strip() for line in meeting.guests.splitlines() if line.strip()],
        "items": list(items),
        "amendments": list(meeting.amendments.all()),
        "documents": list(meeting.considered_documents.all()),
        "chair_name": chair,
        "secretary_name": secretary,
    }


def meeting(request, pk):
    meeting = _meeting(request, pk)
    context = _protocol(meeting)
    user = request.user
    can_edit = can_edit_council(user, meeting.council)
    context.update(
        {
            "can_edit": can_edit and not meeting.is_signed,
            "can_follow_up": can_edit,
            "can_sign": not meeting.is_signed and can_sign_council_minutes(user, meeting.council),
            "can_amend": meeting.is_signed and can_edit,
            "is_newest": not Meeting.objects.filter(council=meeting.council, number__gt=meeting.number).exists(),
        }
    )
    return render(request, "methodcouncil/meeting.html", context)


def meeting_edit(request, pk):
    meeting, refused = _editable_meeting(request, pk)
    if refused:
        return refused
    council = meeting.council
    data = request.POST or None
    if data is not None and "add_item" in data:
        data = with_one_more_form(data, "agenda")
    form = MeetingForm(data, instance=meeting, council=council)
    formset = AgendaFormSet(data, instance=meeting, queryset=meeting.agenda_items.all(), prefix="agenda")
    if request.method == "POST" and "add_item" not in request.POST and form.is_valid() and formset.is_valid():
        try:
            services.meeting_update(meeting=meeting, form=form, agenda_formset=formset, by=request.user)
        except CouncilError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The meeting and its agenda have been saved."))
            return redirect(meeting)
    return render(request, "methodcouncil/meeting_edit.html", {"meeting": meeting, "form": form, "formset": formset})


@require_POST
def meeting_delete(request, pk):
    meeting = _meeting(request, pk)
    _require(can_edit_council(request.user, meeting.council))
    try:
        services.meeting_delete(meeting=meeting, by=request.user)
    except CouncilError as error:
        messages.error(request, error.message)
        return redirect(meeting)
    messages.success(request, _("Meeting No. %(number)s has been removed.") % {"number": meeting.number})
    return redirect("methodcouncil:meetings", pk=meeting.council_id)


def meeting_attendance(request, pk):
    meeting, refused = _editable_meeting(request, pk)
    if refused:
        return refused
    members = list(meeting.council.members.select_related("staff_member"))
    recorded = {row.staff_member_id: row for row in meeting.attendance.all()}
    initial = [
        {
            "staff_member": member.staff_member_id,
            "present": recorded[member.staff_member_id].present if member.staff_member_id in recorded else True,
            "absence_reason": recorded[member.staff_member_id].absence_reason
            if member.staff_member_id in recorded
            else "",
        }
        for member in members
    ]
    formset = AttendanceFormSet(request.POST or None, initial=initial, prefix="attendance")
    guests_form = GuestsForm(request.POST or None, initial={"guests": meeting.guests})
    if request.method == "POST" and formset.is_valid() and guests_form.is_valid():
        rows = [
            (form.cleaned_data["staff_member"], form.cleaned_data["present"], form.cleaned_data["absence_reason"])
            for form in formset.forms
        ]
        try:
            services.attendance_record(
                meeting=meeting, rows=rows, guests=guests_form.cleaned_data["guests"], by=request.user
            )
        except CouncilError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Attendance has been recorded."))
            return redirect(meeting)
    by_staff_id = {str(member.staff_member_id): member for member in members}
    rows = [(form, by_staff_id.get(str(form["staff_member"].value()))) for form in formset]
    return render(
        request,
        "methodcouncil/attendance_form.html",
        {"meeting": meeting, "formset": formset, "rows": rows, "guests_form": guests_form},
    )


def minutes_edit(request, pk, item_pk):
    meeting, refused = _editable_meeting(request, pk)
    if refused:
        return refused
    item = get_object_or_404(meeting.agenda_items.all(), pk=item_pk)
    item.meeting = meeting
    council = meeting.council
    data = request.POST or None
    if data is not None and "add_speech" in data:
        data = with_one_more_form(data, "speeches")
    if data is not None and "add_decision" in data:
        data = with_one_more_form(data, "decisions")
    adding = request.method == "POST" and ("add_speech" in request.POST or "add_decision" in request.POST)
    form = HeardForm(data, instance=item, council=council, prefix="heard")
    speeches = SpeechFormSet(data, instance=item, queryset=item.speeches.all(), prefix="speeches")
    decisions = DecisionFormSet(
        data,
        instance=item,
        queryset=item.decisions.select_related("responsible"),
        form_kwargs={"council": council},
        prefix="decisions",
    )
    valid = (
        request.method == "POST" and not adding and all([form.is_valid(), speeches.is_valid(), decisions.is_valid()])
    )
    if valid:
        try:
            services.minutes_save(
                item=item, form=form, speech_formset=speeches, decision_formset=decisions, by=request.user
            )
        except CouncilError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The minutes of item %(order)s have been saved.") % {"order": item.order})
            return redirect(f"{meeting.get_absolute_url()}#item-{item.pk}")
    items = list(meeting.agenda_items.only("pk", "order", "topic", "meeting_id"))
    return render(
        request,
        "methodcouncil/minutes_form.html",
        {"meeting": meeting, "item": item, "items": items, "form": form, "speeches": speeches, "decisions": decisions},
    )


@require_POST
def meeting_sign(request, pk):
    meeting = _meeting(request, pk)
    _require(can_sign_council_minutes(request.user, meeting.council))
    try:
        services.meeting_sign(meeting=meeting, by=request.user)
    except CouncilError as error:
        messages.error(request, error.message)
    else:
        _store_signed_protocol(meeting)
        messages.success(request, _("Protocol No. %(number)s is signed and locked.") % {"number": meeting.number})
    return redirect(meeting)


def meeting_amend(request, pk):
    meeting = _meeting(request, pk)
    _require(can_edit_council(request.user, meeting.council))
    if not meeting.is_signed:
        messages.info(request, _("A draft protocol is corrected directly; amendments are for signed protocols."))
        return redirect(meeting)
    form = AmendmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.amendment_add(meeting=meeting, by=request.user, **form.cleaned_data)
        except CouncilError as error:
            form.add_error(None, error.message)
        else:
            _store_signed_protocol(meeting)
            messages.success(request, _("The amendment has been recorded; the protocol prints it."))
            return redirect(meeting)
    return render(request, "methodcouncil/amendment_form.html", {"meeting": meeting, "form": form})


def _protocol_pdf(meeting):
    context = _protocol(meeting)
    context["language"] = meeting.language or meeting.council.protocol_language()
    return render_pdf("certificates/protocol.html", context, "protocol.css")


def _store_signed_protocol(meeting):
    """Lays out the signed protocol as it now stands, signs it with its office's key and keeps it; returns it."""
    meeting = Meeting.objects.select_related("council__office", "council__school").get(pk=meeting.pk)
    with translation.override(meeting.language or "ru"):
        office_name = str(meeting.council.office)
        reason = _("Protocol No. %(number)s of %(council)s") % {
            "number": meeting.number,
            "council": meeting.council_name,
        }
    pdf = signing.sign_document(_protocol_pdf(meeting), meeting.council.office, name=office_name, reason=reason)
    old = meeting.protocol_pdf.name
    meeting.protocol_pdf.save(f"protocol-{meeting.pk}-{meeting.number}.pdf", ContentFile(pdf), save=False)
    Meeting.objects.filter(pk=meeting.pk).update(protocol_pdf=meeting.protocol_pdf.name)
    if old:
        meeting.protocol_pdf.storage.delete(old)
    return pdf


def meeting_protocol(request, pk):
    """The protocol as a PDF in the school's language, in the traditional layout."""
    meeting = _meeting(request, pk)
    if not meeting.is_signed:
        pdf = _protocol_pdf(meeting)
    elif meeting.protocol_pdf:
        with meeting.protocol_pdf.open("rb") as stored:
            pdf = stored.read()
    else:  # signed before protocols were stored, or its storing failed
        pdf = _store_signed_protocol(meeting)
    filename = f"protocol-{meeting.number}-{meeting.date:%Y-%m-%d}.pdf"
    return HttpResponse(
        pdf,
        content_type="application/pdf",
        headers={"Content-Disposition": content_disposition_header(True, filename)},
    )


# Decisions and recommendations ----------------------------------------------------------------------------


def _decision(request, pk):
    """A decision reached through a council the user can see; editing rights are checked by the caller."""
    decision = get_object_or_404(
        Decision.objects.filter(
            agenda_item__meeting__council__in=Council.objects.for_user(request.user)
        ).select_related("agenda_item__meeting__council__school", "agenda_item__meeting__council__office"),
        pk=pk,
    )
    return decision, decision.agenda_item.meeting


@require_POST
def decision_state(request, pk):
    decision, meeting = _decision(request, pk)
    _require(can_edit_council(request.user, meeting.council))
    done = request.POST.get("state") == "done"
    services.decision_set_state(decision=decision, done=done, by=request.user)
    messages.success(request, _("The decision is marked done.") if done else _("The decision is open again."))
    back = request.POST.get("next", "")
    return redirect(back if back.startswith("/") and not back.startswith("//") else meeting.get_absolute_url())


def recommendation_create(request, pk):
    decision, meeting = _decision(request, pk)
    _require(can_edit_council(request.user, meeting.council))
    if meeting.is_signed:
        messages.error(
            request,
            _("Protocol No. %(number)s is signed and locked; record a correction as an amendment instead.")
            % {"number": meeting.number},
        )
        return redirect(meeting)
    form = RecommendationForm(request.POST or None, council=meeting.council)
    if request.method == "POST" and form.is_valid():
        try:
            services.recommendation_add(decision=decision, **form.cleaned_data, by=request.user)
        except CouncilError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The recommendation has been added to the minutes."))
            return redirect(f"{meeting.get_absolute_url()}#item-{decision.agenda_item_id}")
    return render(
        request, "methodcouncil/recommendation_form.html", {"meeting": meeting, "decision": decision, "form": form}
    )


@require_POST
def recommendation_delete(request, pk):
    recommendation = get_object_or_404(
        Recommendation.objects.filter(
            decision__agenda_item__meeting__council__in=Council.objects.for_user(request.user)
        ).select_related("decision__agenda_item__meeting__council"),
        pk=pk,
    )
    meeting = recommendation.decision.agenda_item.meeting
    _require(can_edit_council(request.user, meeting.council))
    try:
        services.recommendation_remove(recommendation=recommendation, by=request.user)
    except CouncilError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The recommendation has been removed."))
    return redirect(meeting)


def decisions(request):
    """The decisions board: overdue first, then open, then done, each by deadline."""
    visible = _visible_decisions(request.user)
    school_id = request.GET.get("school") if not request.user.is_director else None
    if request.user.is_director:
        responsible = StaffMember.objects.for_user(request.user)
    elif school_id and school_id.isdigit():
        responsible = StaffMember.objects.for_user(request.user).filter(school_id=school_id)
    else:
        responsible = StaffMember.objects.filter(pk__in=visible.values("responsible"))
    board_filter = DecisionFilter(
        request.GET or None,
        queryset=visible.with_status().select_related(
            "agenda_item__meeting__council__school", "agenda_item__meeting__council__office", "responsible"
        ),
        user=request.user,
        responsible_queryset=responsible.order_by("surname", "given_name"),
    )
    rows = board_filter.qs.order_by("status_rank", "deadline", "pk")
    export_format = request.GET.get("export")
    if export_format:
        return _decisions_export(export_format, rows)
    page = paginate(request, rows)
    editable = set(councils_editable_by(request.user).values_list("pk", flat=True))
    for decision in page.object_list:
        decision.can_edit = decision.agenda_item.meeting.council_id in editable
    return render(request, "methodcouncil/decisions.html", {"filter": board_filter, "page": page})


def _decisions_export(export_format, rows):
    headers = [_("Decision"), _("Protocol No."), _("Date"), _("School"), _("Responsible"), _("Deadline"), _("State")]
    table = [
        [
            decision.text,
            decision.agenda_item.meeting.number,
            decision.agenda_item.meeting.date,
            str(decision.agenda_item.meeting.council.school or decision.agenda_item.meeting.council.office),
            decision.responsible.full_name if decision.responsible_id else decision.responsible_name,
            decision.deadline,
            DecisionStatus(decision.status).label,
        ]
        for decision in rows
    ]
    return export_response(export_format, _("council-decisions"), headers, table, widths={0: 50, 3: 30, 4: 30})


def mine(request):
    """A person's own page: the decisions they answer for, the recommendations about them, their councils."""
    user = request.user
    decisions = (
        Decision.objects.for_user(user)
        .filter(responsible__user=user)
        .with_status()
        .select_related("agenda_item__meeting__council__school", "agenda_item__meeting__council__office")
        .order_by("status_rank", "deadline", "pk")
    )
    recommendations = (
        Recommendation.objects.for_user(user)
        .filter(staff_member__user=user)
        .select_related("decision__agenda_item__meeting__council__school")
        .order_by("-decision__agenda_item__meeting__date", "-pk")
    )
    memberships = (
        CouncilMember.objects.for_user(user)
        .filter(staff_member__user=user)
        .select_related("council__school", "council__office")
        .order_by("-council__academic_year")
    )
    return render(
        request,
        "methodcouncil/mine.html",
        {"decisions": decisions, "recommendations": recommendations, "memberships": memberships},
    )


# The annual plan and the register of documents ------------------------------------------------------------


def council_plan(request, pk):
    council = _council(request, pk)
    can_edit = can_edit_council(request.user, council)
    form = PlanItemForm(request.POST or None, council=council)
    if request.method == "POST":
        _require(can_edit)
        if form.is_valid():
            audit.save_form(form, actor=request.user)
            messages.success(request, _("The item has been added to the plan."))
            return redirect("methodcouncil:council_plan", pk=council.pk)
    items = council.plan_items.prefetch_related(Prefetch("meetings", queryset=Meeting.objects.order_by("number")))
    return render(
        request, "methodcouncil/plan.html", {"council": council, "items": items, "form": form, "can_edit": can_edit}
    )


@require_POST
def plan_item_delete(request, pk):
    item = get_object_or_404(CouncilPlanItem.objects.for_user(request.user).select_related("council"), pk=pk)
    _require(can_edit_council(request.user, item.council))
    audit.delete(item, actor=request.user)
    messages.success(request, _("The item has been removed from the plan."))
    return redirect("methodcouncil:council_plan", pk=item.council_id)


def documents(request):
    queryset = (
        ConsideredDocument.objects.for_user(request.user)
        .filter(council__in=councils_seen_by(request.user))
        .select_related("council", "council__school", "council__office", "considered_at")
        .order_by("-council__academic_year", "council__school__number", "-pk")
    )
    school = None
    if request.GET.get("school"):
        school = get_object_or_404(School.objects.for_user(request.user), pk=request.GET["school"])
        queryset = queryset.filter(council__school=school)
    editable = set(councils_editable_by(request.user).values_list("pk", flat=True))
    page = paginate(request, queryset)
    for document in page.object_list:
        document.can_edit = document.council_id in editable
    return render(request, "methodcouncil/documents.html", {"page": page, "school": school})


def document_edit(request, pk=None, council_pk=None):
    if pk:
        document = get_object_or_404(ConsideredDocument.objects.for_user(request.user).select_related("council"), pk=pk)
        council = document.council
    else:
        document, council = None, _council(request, council_pk)
    _require(can_edit_council(request.user, council))
    form = DocumentForm(request.POST or None, request.FILES or None, instance=document, council=council)
    if request.method == "POST" and form.is_valid():
        audit.save_form(form, actor=request.user)
        messages.success(request, _("The document has been saved in the register."))
        return redirect("methodcouncil:documents")
    return render(request, "methodcouncil/document_form.html", {"council": council, "document": document, "form": form})


def document_file(request, pk):
    documents = ConsideredDocument.objects.for_user(request.user).filter(council__in=councils_seen_by(request.user))
    document = get_object_or_404(documents, pk=pk)
    if not document.file:
        raise Http404
    return attachment_response(document.file, f"document-{document.pk}")
