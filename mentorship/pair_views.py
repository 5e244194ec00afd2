"""Mentor–mentee pairs: the list, a new pair, the pair's page with its log, editing and closing."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import clock
from core.exports import export_response
from core.pagination import paginate
from core.scoping import Role, role_required
from core.search import search_text
from mentorship.filters import PairFilter
from mentorship.forms import (
    SEARCH_RESULTS,
    PairCloseForm,
    PairEditForm,
    PairForm,
    PairLogForm,
)
from mentorship.models import (
    PairState,
)
from mentorship.services import (
    MentorshipError,
    pair_close,
    pair_create,
    pair_log,
    pair_update,
)
from mentorship.views import LEADERS, found_in, pairs_for, refused


@role_required(*LEADERS)
def pairs(request):
    queryset = pairs_for(request.user)
    pair_filter = PairFilter(request.GET or None, queryset=queryset, user=request.user)
    rows = (pair_filter.qs if pair_filter.is_bound else queryset).order_by(
        "state", "track__order", "appointment__staff_member__surname", "mentee__surname"
    )
    export_format = request.GET.get("export")
    if export_format:
        headers = [
            _("Mentor"),
            _("Mentor's school"),
            _("Mentee"),
            _("Mentee's school"),
            _("Track"),
            _("Starts on"),
            _("Ends on"),
            _("State"),
        ]
        table = [
            [
                pair.appointment.staff_member.full_name,
                pair.appointment.staff_member.school.name,
                pair.mentee.full_name,
                pair.mentee.school.name,
                str(pair.track),
                pair.starts_on,
                pair.ends_on,
                pair.get_state_display(),
            ]
            for pair in rows
        ]
        return export_response(export_format, _("pairs"), headers, table, widths={0: 34, 1: 30, 2: 34, 3: 30})
    return render(request, "mentorship/pairs.html", {"filter": pair_filter, "page": paginate(request, rows)})


@role_required(Role.METHODIST)
def pair_create_view(request):
    search = search_text(request.GET)
    initial = {"starts_on": clock.today()}
    if request.GET.get("appointment", "").isdigit():
        initial["appointment"] = int(request.GET["appointment"])
    form = PairForm(request.POST or None, user=request.user, search=search, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            pair = pair_create(form=form, by=request.user)
        except MentorshipError as error:
            refused(form, error)
        else:
            messages.success(
                request,
                _("%(mentor)s now mentors %(mentee)s.")
                % {"mentor": pair.mentor.full_name, "mentee": pair.mentee.full_name},
            )
            return redirect(pair)
    return render(
        request,
        "mentorship/pair_create.html",
        {"form": form, "search": search, "found": found_in(form, "mentee", search), "search_limit": SEARCH_RESULTS},
    )


def _is_mentor_of(request, pair):
    return request.user.scope.staff_id is not None and pair.appointment.staff_member_id == request.user.scope.staff_id


def _pair_page(request, pair, *, log_form=None, close_form=None, status=200):
    """The pair's page; a form that came back with errors takes the place of the empty one."""
    can_log = pair.state == PairState.ACTIVE and (_is_mentor_of(request, pair) or request.user.is_methodist)
    can_manage = request.user.is_methodist or request.user.is_director
    if can_log and log_form is None:
        log_form = PairLogForm(pair=pair)
    if can_manage and close_form is None:
        close_form = PairCloseForm(initial={"closed_on": clock.today()})
    context = {
        "pair": pair,
        "log": pair.activities.order_by("-starts_at", "-pk"),
        "can_confirm": pair.mentee.user_id is not None and pair.mentee.user_id == request.user.pk,
        "log_form": log_form,
        "can_manage": can_manage,
        "close_form": close_form,
    }
    return render(request, "mentorship/pair_detail.html", context, status=status)


def pair_detail(request, pk):
    return _pair_page(request, get_object_or_404(pairs_for(request.user), pk=pk))


@require_POST
def pair_log_view(request, pk):
    pair = get_object_or_404(pairs_for(request.user), pk=pk)
    if not (_is_mentor_of(request, pair) or request.user.is_methodist):
        raise Http404
    form = PairLogForm(request.POST, request.FILES, pair=pair)
    if form.is_valid():
        try:
            pair_log(pair=pair, form=form, by=request.user)
        except MentorshipError as error:
            refused(form, error)
        else:
            messages.success(request, _("The meeting has been added to the log."))
            return redirect(pair)
    return _pair_page(request, pair, log_form=form, status=400)


@role_required(*LEADERS)
def pair_edit(request, pk):
    pair = get_object_or_404(pairs_for(request.user), pk=pk)
    form = PairEditForm(request.POST or None, instance=pair)
    if request.method == "POST" and form.is_valid():
        try:
            pair_update(form=form, by=request.user)
        except MentorshipError as error:
            refused(form, error)
        else:
            messages.success(request, _("The pair has been saved."))
            return redirect(pair)
    return render(request, "mentorship/pair_form.html", {"form": form, "pair": pair})


@require_POST
@role_required(*LEADERS)
def pair_close_view(request, pk):
    pair = get_object_or_404(pairs_for(request.user), pk=pk)
    form = PairCloseForm(request.POST)
    if form.is_valid():
        try:
            pair_close(
                by=request.user,
                pair=pair,
                state=form.cleaned_data["state"],
                closed_on=form.cleaned_data["closed_on"],
                reason=form.cleaned_data["reason"],
            )
        except MentorshipError as error:
            refused(form, error)
        else:
            messages.success(request, _("The pair has been closed."))
            return redirect(pair)
    return _pair_page(request, pair, close_form=form, status=400)
