"""Pages of the evidence that mentoring happens: the cadence board, a pair's individual plan (on screen and as
an A4 PDF in the office's language) and the mentee's confirmation of a log entry."""

from django.contrib import messages
from django.db.models import F
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from certificates.pdf import render_pdf
from core import clock
from core.exports import export_response
from core.pagination import paginate
from core.scoping import Role, role_required
from mentorship import evidence
from mentorship.evidence import CadenceState
from mentorship.filters import CadenceFilter
from mentorship.forms import PairGoalsForm
from mentorship.models import Activity, ActivityKind, MentorshipSettings, Pair, PairState, Track
from mentorship.services import MentorshipError, log_entry_confirm, pair_update
from mentorship.views import OFFICE_LANGUAGE
from schools.models import School

LEADERS = (Role.METHODIST, Role.DIRECTOR)
KIND_LABELS = dict(ActivityKind.choices)
STATE_LABELS = dict(CadenceState.choices)


def _summary(rows, user):
    """Counts of each state by track and by the mentee's school, from the board's rows; and the tracks by key,
    which the page's rows share."""
    by_track = evidence.counts_by((row["track_id"], row["cadence_state"]) for row in rows)
    by_school = evidence.counts_by((row["mentee__school_id"], row["cadence_state"]) for row in rows)
    tracks = list(Track.objects.for_user(user).filter(pk__in=by_track))
    schools = School.objects.filter(pk__in=by_school).order_by("number", "name").values_list("pk", "name")
    return (
        [(track.name, [by_track[track.pk][state] for state in CadenceState.values]) for track in tracks],
        [(name, [by_school[pk][state] for state in CadenceState.values]) for pk, name in schools],
        {track.pk: track for track in tracks},
    )


_PERSON = ("surname", "given_name", "patronymic", "hire_date", "school__name")
# What a row shows (and its export): the board builds fifty rows of six objects each, and every field costs.
BOARD_ROW_FIELDS = (
    *(f"appointment__staff_member__{name}" for name in _PERSON),
    *(f"mentee__{name}" for name in _PERSON),
    "track",
    "starts_on",
    "ends_on",
)
BOARD_FIELDS = ("pk", "track_id", "mentee__school_id", "cadence_state", "last_logged_at", "last_kind")


def _on_board(user, rows, tracks):
    """The pairs of these board rows, in their order, each with what the board's query said of it.

    Read by key after the board's grouped query, they join their people plainly (no grouping, so the join is
    cheap to plan: joined with the grouped query, they made a nine-table join that PostgreSQL took longer to
    plan than to run). Their tracks are the summary's: a few instances shared by every row."""
    pairs = (
        Pair.objects.for_user(user)
        .select_related("appointment__staff_member__school", "mentee__school")
        .only(*BOARD_ROW_FIELDS)
        .in_bulk([row["pk"] for row in rows])
    )
    board = []
    for row in rows:
        pair = pairs[row["pk"]]
        pair.track = tracks[pair.track_id]
        pair.last_logged_at = row["last_logged_at"]
        pair.cadence_state = row["cadence_state"]
        pair.last_kind_label = KIND_LABELS.get(row["last_kind"], "")
        pair.state_label = STATE_LABELS[row["cadence_state"]]
        board.append(pair)
    return board


@role_required(*LEADERS)
def board(request):
    """The pairs at work today against the meeting cadence: on track, behind, or with no log at all."""
    today = clock.today()
    office_settings = evidence.settings_for(request.user)
    queryset = evidence.board_pairs(request.user, today, office_settings)
    board_filter = CadenceFilter(request.GET or None, queryset=queryset, user=request.user)
    # The longest silence first: the pairs that need a call come to the top.
    rows = (board_filter.qs if board_filter.is_bound else queryset).order_by(
        F("last_logged_at").asc(nulls_first=True), "track__order", "appointment__staff_member__surname", "pk"
    )
    # The board's query (the last entry, its kind, the state) costs more to compile than to run: it runs once,
    # for every row's state, and the summary, the count, the page and the export are taken from its rows.
    board_rows = list(rows.values(*BOARD_FIELDS))
    by_track, by_school, tracks = _summary(board_rows, request.user)
    export_format = request.GET.get("export")
    if export_format:
        return _board_export(export_format, _on_board(request.user, board_rows, tracks))
    page = paginate(request, board_rows)
    page.object_list = _on_board(request.user, page.object_list, tracks)
    context = {
        "filter": board_filter,
        "page": page,
        "by_track": by_track,
        "by_school": by_school,
        "states": CadenceState.choices,
        "office_settings": office_settings,
    }
    return render(request, "mentorship/board.html", context)


def _board_export(export_format, rows):
    headers = [
        _("Mentor"),
        _("Mentor's school"),
        _("Mentee"),
        _("Mentee's school"),
        _("Track"),
        _("Starts on"),
        _("Ends on"),
        _("Last entry"),
        _("Kind"),
        _("Meeting cadence"),
    ]
    table = [
        [
            pair.mentor.full_name,
            pair.mentor.school.name,
            pair.mentee.full_name,
            pair.mentee.school.name,
            str(pair.track),
            pair.starts_on,
            pair.ends_on,
            timezone.localdate(pair.last_logged_at) if pair.last_logged_at else None,
            str(pair.last_kind_label),
            str(pair.state_label),
        ]
        for pair in rows
    ]
    return export_response(export_format, _("meeting cadence"), headers, table, widths={0: 34, 2: 34, 3: 30})


# The individual plan -------------------------------------------------------------------------------------


def _pair(request, pk):
    return get_object_or_404(
        Pair.objects.for_user(request.user).select_related(
            "appointment__staff_member__school", "mentee__school", "track__office"
        ),
        pk=pk,
    )


def _plan_context(pair):
    today = clock.today()
    office_settings = MentorshipSettings.for_office(pair.track.office_id)
    entries = list(pair.activities.filter(starts_at__lte=timezone.now()).order_by("starts_at", "pk"))
    months, planned_to_date = evidence.plan_by_month(
        pair, office_settings, entries, today, timezone.get_current_timezone()
    )
    return {
        "pair": pair,
        "months": months,
        "planned_total": sum(month.planned for month in months),
        "planned_to_date": planned_to_date,
        "held": len(entries),
        "office_settings": office_settings,
        "today": today,
    }


def pair_plan(request, pk):
    """The mentor's individual plan of a pair: goals, meetings the cadence plans, and those held.

    The mentor (and the methodist) write the goals here while the pair is at work; others read.
    """
    pair = _pair(request, pk)
    is_mentor = (
        request.user.scope.staff_id is not None and pair.appointment.staff_member_id == request.user.scope.staff_id
    )
    goals_form = None
    if pair.state == PairState.ACTIVE and (is_mentor or request.user.is_methodist):
        goals_form = PairGoalsForm(request.POST or None, instance=pair)
        if request.method == "POST" and goals_form.is_valid():
            try:
                pair_update(form=goals_form, by=request.user)
            except MentorshipError as error:
                goals_form.add_error(None, error.message)
            else:
                messages.success(request, _("The goals have been saved."))
                return redirect("mentorship:pair_plan", pair.pk)
    elif request.method == "POST":
        raise Http404
    context = _plan_context(pair)
    context["goals_form"] = goals_form
    return render(
        request, "mentorship/pair_plan.html", context, status=400 if goals_form and goals_form.errors else 200
    )


def pair_plan_pdf(request, pk):
    """The plan on A4 in the office's language, for the school's file."""
    pair = _pair(request, pk)
    context = _plan_context(pair)
    context["language"] = OFFICE_LANGUAGE.get(pair.track.office.country, "ru")
    pdf = render_pdf("mentorship/pair_plan_print.html", context, "protocol.css")
    filename = f"mentoring-plan-{pair.pk}-{context['today']:%Y-%m-%d}.pdf"
    return HttpResponse(
        pdf, content_type="application/pdf", headers={"Content-Disposition": content_disposition_header(True, filename)}
    )


# The mentee's confirmation --------------------------------------------------------------------------------


@require_POST
def log_entry_confirm_view(request, pk):
    """Only the pair's mentee confirms an entry; anyone else gets the 404 of a page they cannot see."""
    activity = get_object_or_404(
        Activity.objects.for_user(request.user).filter(pair__mentee__user=request.user).select_related("pair"), pk=pk
    )
    log_entry_confirm(activity=activity, by=request.user)
    messages.success(request, _("You have confirmed the entry."))
    return redirect(activity.pair)
