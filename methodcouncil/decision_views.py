"""Decisions and recommendations: the board of decisions, their states, and what each person answers for."""

from django.contrib import messages
from django.db.models import F
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.exports import export_response
from core.pagination import paginate
from methodcouncil import services
from methodcouncil.filters import DecisionFilter
from methodcouncil.forms import (
    RecommendationForm,
)
from methodcouncil.models import (
    Council,
    CouncilMember,
    Decision,
    DecisionStatus,
    Meeting,
    Recommendation,
)
from methodcouncil.permissions import (
    can_edit_council,
    councils_editable_by,
)
from methodcouncil.services import CouncilError
from methodcouncil.views import _visible_decisions, require_one_of
from schools.models import StaffMember


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
    require_one_of(can_edit_council(request.user, meeting.council))
    done = request.POST.get("state") == "done"
    services.decision_set_state(decision=decision, done=done, by=request.user)
    messages.success(request, _("The decision is marked done.") if done else _("The decision is open again."))
    back = request.POST.get("next", "")
    return redirect(back if back.startswith("/") and not back.startswith("//") else meeting.get_absolute_url())


def recommendation_create(request, pk):
    decision, meeting = _decision(request, pk)
    require_one_of(can_edit_council(request.user, meeting.council))
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
    require_one_of(can_edit_council(request.user, meeting.council))
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
    chosen = request.GET.get("responsible", "")
    if request.user.is_director:
        responsible = StaffMember.objects.for_user(request.user)
    elif school_id and school_id.isdigit():
        responsible = StaffMember.objects.for_user(request.user).filter(school_id=school_id)
    else:
        # A district's councils name hundreds of people: a methodist chooses the school first (the select of
        # them all took 50 of the board's 70 ms on the district bench). A link naming one person still works.
        responsible = StaffMember.objects.for_user(request.user)
        responsible = responsible.filter(pk=chosen) if chosen.isdigit() else responsible.none()
    board_filter = DecisionFilter(
        request.GET or None,
        queryset=visible.with_status().annotate(meeting_id=F("agenda_item__meeting_id")),
        user=request.user,
        responsible_queryset=responsible.order_by("surname", "given_name"),
    )
    rows = board_filter.qs.order_by("status_rank", "deadline", "pk")
    export_format = request.GET.get("export")
    if export_format:
        return _decisions_export(export_format, _with_meetings(rows))
    page = paginate(request, rows)
    page.object_list = _with_meetings(page.object_list)
    editable = set(councils_editable_by(request.user).values_list("pk", flat=True))
    for decision in page.object_list:
        decision.can_edit = decision.meeting.council_id in editable
    # A director's councils are all their school's: the methodist's rows name each council's place.
    context = {"filter": board_filter, "page": page, "show_place": not request.user.is_director}
    return render(request, "methodcouncil/decisions.html", context)


# What a decision's row shows of its meeting: the number, the date, and whose council it is.
ROW_MEETING_FIELDS = (
    "number",
    "date",
    "council__school__name",
    "council__office__name_ky",
    "council__office__name_kk",
    "council__office__name_ru",
)


def _with_meetings(decisions):
    """The decisions, each with its `meeting` (with what a row shows of it) and the person responsible, read
    by key in queries of their own.

    Joined with the decisions, the meetings and people made a nine-table join that PostgreSQL took 4 ms to
    plan, and a scan of every staff member before the sort. Loaded whole, the agenda items and meetings carry
    the minutes' texts: 2.5 of the board's 6 ms of reading 50 rows. One meeting's decisions share its
    instance, so its link and title are worked out once (Meeting.url, Meeting.short_title)."""
    decisions = list(decisions)
    meetings = (
        Meeting.objects.select_related("council__school", "council__office")
        .only(*ROW_MEETING_FIELDS)
        .in_bulk({decision.meeting_id for decision in decisions})
    )
    people = StaffMember.objects.only("surname", "given_name", "patronymic").in_bulk(
        {decision.responsible_id for decision in decisions if decision.responsible_id}
    )
    for decision in decisions:
        decision.meeting = meetings[decision.meeting_id]
        if decision.responsible_id:
            decision.responsible = people[decision.responsible_id]
    return decisions


def _decisions_export(export_format, rows):
    headers = [_("Decision"), _("Protocol No."), _("Date"), _("School"), _("Responsible"), _("Deadline"), _("State")]
    table = [
        [
            decision.text,
            decision.meeting.number,
            decision.meeting.date,
            decision.meeting.council.place_name,
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
