"""The office's mentorship activities: the month calendar, the calendar feed, and the annual plan."""

import calendar
from collections import defaultdict
from datetime import datetime, time, timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dates import WEEKDAYS_ABBR
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import audit, clock
from core.academic import academic_year_of
from core.scoping import Role, own_office_id, role_required
from core.uploads import attachment_response
from mentorship.filters import CalendarFilter
from mentorship.forms import (
    ActivityForm,
    PlanItemForm,
    PlanItemStateForm,
    WorkPlanForm,
)
from mentorship.ics import calendar_text
from mentorship.models import (
    Activity,
    MentorshipSettings,
    PlanItem,
    PlanItemState,
    WorkPlan,
)
from mentorship.services import (
    MentorshipError,
    activity_save,
    plan_item_set_state,
    plan_start,
)
from mentorship.views import FEED_HISTORY_DAYS, OFFICE_LANGUAGE, refused


def _month_from(text, today):
    if not text:
        return today.replace(day=1)
    try:
        month = datetime.strptime(text, "%Y-%m").date()
    except ValueError:
        raise Http404 from None
    if not 2000 <= month.year <= 2100:
        raise Http404
    return month


def calendar_month(request):
    today = clock.today()
    month = _month_from(request.GET.get("month", ""), today)
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(month.year, month.month)
    zone = timezone.get_current_timezone()
    first = datetime.combine(weeks[0][0], time.min, tzinfo=zone)
    last = datetime.combine(weeks[-1][-1] + timedelta(days=1), time.min, tzinfo=zone)
    queryset = (
        Activity.objects.for_user(request.user)
        .filter(starts_at__gte=first, starts_at__lt=last)
        .select_related("host_school", "track")
    )
    calendar_filter = CalendarFilter(request.GET, queryset=queryset, user=request.user)
    by_day = defaultdict(list)
    for activity in calendar_filter.qs:
        by_day[timezone.localdate(activity.starts_at)].append(activity)
    grid = [
        [{"day": day, "in_month": day.month == month.month, "activities": by_day.get(day, [])} for day in week]
        for week in weeks
    ]
    previous_month = (month - timedelta(days=1)).replace(day=1)
    next_month = (month + timedelta(days=32)).replace(day=1)
    in_month = [day for day in sorted(by_day) if day.month == month.month]
    return render(
        request,
        "mentorship/calendar.html",
        {
            "filter": calendar_filter,
            "grid": grid,
            "weekdays": [WEEKDAYS_ABBR[index] for index in range(7)],
            "month": month,
            "today": today,
            "previous_month": previous_month.strftime("%Y-%m"),
            "next_month": next_month.strftime("%Y-%m"),
            "this_month": today.strftime("%Y-%m"),
            "agenda": [(day, by_day[day]) for day in in_month],
        },
    )


def activity_detail(request, pk):
    activity = get_object_or_404(
        Activity.objects.for_user(request.user).select_related(
            "host_school", "track", "plan_item__plan", "pair__appointment__staff_member", "pair__mentee", "recorded_by"
        ),
        pk=pk,
    )
    participants = activity.participants.select_related("school").order_by("surname", "given_name")
    return render(
        request,
        "mentorship/activity_detail.html",
        {"activity": activity, "participants": participants, "can_manage": request.user.is_methodist},
    )


@role_required(Role.METHODIST)
def activity_edit(request, pk=None):
    activity = get_object_or_404(Activity.objects.for_user(request.user), pk=pk) if pk else None
    initial = {}
    if activity is None and request.GET.get("plan_item", "").isdigit():
        item = get_object_or_404(PlanItem.objects.for_user(request.user), pk=request.GET["plan_item"])
        initial = {"plan_item": item.pk, "topic": item.what, "track": item.track_id}
    form = ActivityForm(
        request.POST or None, request.FILES or None, instance=activity, user=request.user, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            activity = activity_save(form=form, office_id=own_office_id(request.user), by=request.user)
        except MentorshipError as error:
            refused(form, error)
        else:
            messages.success(request, _("The activity has been saved."))
            return redirect(activity)
    return render(request, "mentorship/activity_form.html", {"form": form, "activity": activity})


def activity_photo(request, pk):
    activity = get_object_or_404(Activity.objects.for_user(request.user), pk=pk)
    if not activity.photo:
        raise Http404
    return attachment_response(activity.photo, f"activity-{activity.pk}")


@login_not_required
def calendar_feed(request, token):
    """The office's programme as an iCalendar feed; the secret in the address stands in for a session."""
    office_settings = (
        MentorshipSettings.objects.select_related("office").filter(calendar_token=token).first() if token else None
    )
    if office_settings is None:
        raise Http404
    office = office_settings.office
    language = request.GET.get("lang", "")
    if language not in dict(settings.LANGUAGES):
        language = OFFICE_LANGUAGE.get(office.country, "ru")
    now = timezone.now()
    activities = (
        Activity.objects.filter(
            office=office, pair__isnull=True, starts_at__gte=now - timedelta(days=FEED_HISTORY_DAYS)
        )
        .select_related("host_school", "track", "office")
        .order_by("starts_at", "pk")
    )
    with translation.override(language):
        body = calendar_text(office, activities, now)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="mentorship.ics"'
    response["Cache-Control"] = "private, max-age=900"
    return response


def _year_from(request):
    try:
        year = int(request.GET.get("year", academic_year_of(clock.today())))
    except ValueError:
        raise Http404 from None
    if not 2000 <= year <= 2100:
        raise Http404
    return year


def plan(request):
    year = _year_from(request)
    work_plan = WorkPlan.objects.for_user(request.user).filter(academic_year=year).first()
    items = []
    if work_plan:
        held = Activity.objects.for_user(request.user).select_related("host_school").order_by("starts_at")
        items = list(work_plan.items.select_related("track").prefetch_related(Prefetch("activities", queryset=held)))
    months = defaultdict(list)
    for item in items:
        months[item.planned_month].append(item)
    counts = dict.fromkeys(PlanItemState.values, 0)
    for item in items:
        counts[item.state] += 1
    total = len(items)
    return render(
        request,
        "mentorship/plan.html",
        {
            "plan": work_plan,
            "year": year,
            "months": sorted(months.items()),
            "counts": counts,
            "total": total,
            "percent_done": round(100 * counts[PlanItemState.DONE] / total) if total else 0,
            "previous_year": year - 1,
            "next_year": year + 1,
            "state_form": PlanItemStateForm(),
            "plan_form": WorkPlanForm(),
        },
    )


@require_POST
@role_required(Role.METHODIST)
def plan_create(request, year):
    if not 2000 <= year <= 2100:
        raise Http404
    form = WorkPlanForm(request.POST)
    if form.is_valid():
        plan_start(office_id=own_office_id(request.user), year=year, note=form.cleaned_data["note"], by=request.user)
        messages.success(
            request, _("The plan for %(year)s is started; add its items.") % {"year": f"{year}–{year + 1}"}
        )
    return redirect(f"{reverse('mentorship:plan')}?year={year}")


@role_required(Role.METHODIST)
def plan_item_edit(request, year=None, pk=None):
    if pk:
        item = get_object_or_404(PlanItem.objects.for_user(request.user).select_related("plan"), pk=pk)
        work_plan = item.plan
    else:
        item = None
        work_plan = get_object_or_404(WorkPlan.objects.for_user(request.user), academic_year=year)
    form = PlanItemForm(request.POST or None, instance=item, plan=work_plan, user=request.user)
    if request.method == "POST" and form.is_valid():
        audit.save_form(form, actor=request.user)
        messages.success(request, _("The plan item has been saved."))
        return redirect(f"{reverse('mentorship:plan')}?year={work_plan.academic_year}")
    return render(request, "mentorship/plan_item_form.html", {"form": form, "item": item, "plan": work_plan})


@require_POST
@role_required(Role.METHODIST)
def plan_item_state(request, pk):
    item = get_object_or_404(PlanItem.objects.for_user(request.user).select_related("plan"), pk=pk)
    form = PlanItemStateForm(request.POST)
    if form.is_valid():
        try:
            plan_item_set_state(
                item=item, state=form.cleaned_data["state"], reason=form.cleaned_data["reason"], by=request.user
            )
        except MentorshipError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The plan item has been updated."))
    else:
        messages.error(request, _("Choose the new state of the item."))
    return redirect(f"{reverse('mentorship:plan')}?year={item.plan.academic_year}")
