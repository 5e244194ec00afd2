import calendar
from collections import defaultdict
from datetime import datetime, time, timedelta
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.files.base import ContentFile
from django.db.models import Count, F, Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dates import WEEKDAYS_ABBR
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from certificates.models import Certificate, CertificateSettings, Layout
from certificates.services import CertificateError
from core import audit, clock
from core.academic import academic_year_bounds, academic_year_of
from core.exports import export_response
from core.pagination import paginate
from core.scoping import Role, own_office_id, role_required
from core.search import search_text
from core.uploads import attachment_response
from mentorship.certificates import issue_for_appointment
from mentorship.filters import AppointmentFilter, CalendarFilter, PairFilter
from mentorship.forms import (
    SEARCH_RESULTS,
    ActivityForm,
    AppointmentEditForm,
    AppointmentForm,
    CertificateForm,
    MentorshipSettingsForm,
    PairCloseForm,
    PairEditForm,
    PairForm,
    PairLogForm,
    PlanItemForm,
    PlanItemStateForm,
    TrackForm,
    WorkPlanForm,
)
from mentorship.ics import calendar_text
from mentorship.models import (
    VISIT_KINDS,
    Activity,
    AppointmentState,
    MentorAppointment,
    MentorshipSettings,
    Pair,
    PairState,
    PlanItem,
    PlanItemState,
    Track,
    WorkPlan,
    active_pairs_by_track,
    mentors_by_track,
    new_calendar_token,
)
from mentorship.services import (
    MentorshipError,
    activity_save,
    appointment_save,
    pair_close,
    pair_create,
    pair_log,
    pair_update,
    plan_item_set_state,
    plan_start,
)
from schools.models import Country, DistrictOffice, School, StaffMember

LEADERS = (Role.METHODIST, Role.DIRECTOR)
FEED_HISTORY_DAYS = 365
OFFICE_LANGUAGE = {Country.KYRGYZSTAN: "ky", Country.KAZAKHSTAN: "kk"}


def in_office_time_zone(view):
    """Dates and times on the page, and those typed into its forms, are the office's local time."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        office_id = request.user.scope.office_id
        zone = None
        if office_id:
            zone = DistrictOffice.objects.filter(pk=office_id).values_list("time_zone", flat=True).first()
        with timezone.override(zone or settings.TIME_ZONE):
            return view(request, *args, **kwargs)

    return wrapper


def _refused(form, error):
    form.add_error(error.field if error.field in form.fields else None, error.message)


def _own_staff_member(request):
    return StaffMember.objects.filter(user=request.user).select_related("school").first()


def _appointments(user):
    return MentorAppointment.objects.for_user(user).select_related("staff_member__school", "track").with_state()


def _pairs(user):
    return Pair.objects.for_user(user).select_related(
        "appointment__staff_member__school", "mentee__school", "track", "appointment"
    )


# Home ---------------------------------------------------------------------------------------------------


@in_office_time_zone
def home(request):
    if request.user.is_director:
        return redirect("mentorship:school")
    if request.user.is_teacher:
        return redirect("mentorship:my")
    today = clock.today()
    appointments = MentorAppointment.objects.for_user(request.user)
    mentors = mentors_by_track(request.user, today)
    pairs = active_pairs_by_track(request.user)
    tracks = list(Track.objects.for_user(request.user).select_related("responsible"))
    for track in tracks:
        track.mentor_count = mentors.get(track.pk, 0)
        track.pair_count = pairs.get(track.pk, 0)
    upcoming = (
        Activity.objects.for_user(request.user)
        .filter(starts_at__gte=timezone.now(), pair__isnull=True)
        .select_related("host_school", "track")[:6]
    )
    ending = appointments.in_state(AppointmentState.ENDING_SOON).select_related("staff_member", "track")
    return render(
        request,
        "mentorship/home.html",
        {"tracks": tracks, "upcoming": upcoming, "ending": ending.order_by("ends_on")[:10]},
    )


# Tracks and settings ------------------------------------------------------------------------------------


def tracks(request):
    queryset = Track.objects.for_user(request.user).select_related("responsible")
    return render(request, "mentorship/tracks.html", {"tracks": queryset})


@role_required(Role.METHODIST)
def track_edit(request, pk=None):
    track = get_object_or_404(Track.objects.for_user(request.user), pk=pk) if pk else None
    form = TrackForm(request.POST or None, instance=track, office_id=own_office_id(request.user))
    if request.method == "POST" and form.is_valid():
        audit.save_form(form, actor=request.user)
        messages.success(request, _("The track has been saved."))
        return redirect("mentorship:tracks")
    return render(request, "mentorship/track_form.html", {"form": form, "track": track})


@role_required(Role.METHODIST)
def settings_edit(request):
    office_settings = MentorshipSettings.for_office(own_office_id(request.user))
    if request.method == "POST" and "new_address" in request.POST and office_settings.pk:
        office_settings.calendar_token = new_calendar_token()
        office_settings.save(update_fields=["calendar_token"])
        audit.record(office_settings, audit.Action.CHANGED, actor=request.user, note=_("New calendar address"))
        messages.success(request, _("The calendar has a new address; the old one no longer works."))
        return redirect("mentorship:settings")
    form = MentorshipSettingsForm(request.POST or None, instance=office_settings)
    if request.method == "POST" and form.is_valid():
        audit.save_form(form, actor=request.user)
        messages.success(request, _("The mentorship settings have been saved."))
        return redirect("mentorship:settings")
    # The calendar's address is its stored secret, so it exists once the settings have been saved.
    feed_url = _feed_url(office_settings) if office_settings.pk else ""
    return render(
        request,
        "mentorship/settings.html",
        {"form": form, "feed_url": feed_url, "webcal_url": "webcal://" + feed_url.split("://", 1)[-1]},
    )


def _feed_url(office_settings):
    """The feed's public address (the one certificates print), in the methodist's language."""
    path = reverse("mentorship:calendar_feed", args=[office_settings.calendar_token])
    language = (translation.get_language() or "ru")[:2]
    return f"{settings.USTAT_PUBLIC_BASE_URL}{path}?lang={language}"


# Mentors ------------------------------------------------------------------------------------------------


@role_required(*LEADERS)
def mentors(request):
    queryset = _appointments(request.user).annotate(
        active_pairs=Count("pairs", filter=Q(pairs__state=PairState.ACTIVE))
    )
    mentor_filter = AppointmentFilter(request.GET or None, queryset=queryset, user=request.user)
    appointments = (mentor_filter.qs if mentor_filter.is_bound else queryset).order_by(
        "state_rank", "track__order", "staff_member__surname", "staff_member__given_name", "-starts_on"
    )
    export_format = request.GET.get("export")
    if export_format:
        return _mentors_export(export_format, appointments)
    holding = mentors_by_track(request.user, clock.today())
    track_counts = [(track, holding.get(track.pk, 0)) for track in Track.objects.for_user(request.user)]
    return render(
        request,
        "mentorship/mentors.html",
        {
            "filter": mentor_filter,
            "page": paginate(request, appointments),
            "track_counts": track_counts,
            "total": sum(count for _track, count in track_counts),
        },
    )


def _mentors_export(export_format, appointments):
    headers = [
        _("Mentor"),
        _("School"),
        _("Position"),
        _("Track"),
        pgettext("administrative order", "Order"),
        pgettext("administrative order", "Order date"),
        _("Starts on"),
        _("Ends on"),
        _("State"),
        _("Active mentees"),
    ]
    rows = [
        [
            appointment.staff_member.full_name,
            appointment.staff_member.school.name,
            appointment.staff_member.get_position_display(),
            appointment.track.name,
            appointment.order_number,
            appointment.order_date,
            appointment.starts_on,
            appointment.ends_on,
            AppointmentState(appointment.state).label,
            appointment.active_pairs,
        ]
        for appointment in appointments
    ]
    return export_response(export_format, _("mentors"), headers, rows, widths={0: 36, 1: 32, 3: 30})


@role_required(Role.METHODIST)
def appointment_register(request):
    """Finds the person by name across the district, then records the order, the term and the photo."""
    search = search_text(request.GET)
    earlier = None
    initial = {}
    if request.GET.get("from", "").isdigit():
        earlier = get_object_or_404(MentorAppointment.objects.for_user(request.user), pk=request.GET["from"])
        initial = {
            "staff_member": earlier.staff_member_id,
            "track": earlier.track_id,
            "starts_on": earlier.ends_on + timedelta(days=1),
            "biography": earlier.biography,
            "achievements": earlier.achievements,
        }
    form = AppointmentForm(
        request.POST or None, request.FILES or None, user=request.user, search=search, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        if earlier and earlier.photo and not form.cleaned_data.get("photo"):
            # A reappointed mentor keeps the photo of their earlier term.
            with earlier.photo.open("rb") as photo:
                form.instance.photo = ContentFile(photo.read(), name="photo.jpg")
        try:
            appointment = appointment_save(form=form, by=request.user)
        except MentorshipError as error:
            _refused(form, error)
        else:
            messages.success(
                request, _("%(name)s is registered as a mentor.") % {"name": appointment.staff_member.full_name}
            )
            return redirect(appointment)
    return render(
        request,
        "mentorship/appointment_register.html",
        {
            "form": form,
            "search": search,
            "earlier": earlier,
            "found": _found(form, "staff_member", search),
            "search_limit": SEARCH_RESULTS,
        },
    )


def _found(form, field, search):
    """How many people the name search offers, so the page can say when to type more of the name."""
    return form.fields[field].queryset.count() if search else None


def appointment_detail(request, pk):
    appointment = get_object_or_404(_appointments(request.user), pk=pk)
    pairs = _pairs(request.user).filter(appointment=appointment).order_by("state", "-starts_on")
    history = _appointments(request.user).filter(staff_member=appointment.staff_member).exclude(pk=appointment.pk)
    certificates = Certificate.objects.for_user(request.user).filter(mentor_appointment=appointment)
    office_settings = CertificateSettings.objects.filter(office_id=appointment.track.office_id).first()
    return render(
        request,
        "mentorship/appointment_detail.html",
        {
            "appointment": appointment,
            "pairs": pairs,
            "history": history,
            "certificates": certificates,
            "certificate_form": CertificateForm(
                initial={"layout": office_settings.default_layout if office_settings else Layout.RUSSIAN}
            ),
            "can_manage": request.user.is_methodist,
        },
    )


@role_required(Role.METHODIST)
def appointment_edit(request, pk):
    appointment = get_object_or_404(MentorAppointment.objects.for_user(request.user), pk=pk)
    form = AppointmentEditForm(request.POST or None, request.FILES or None, instance=appointment)
    if request.method == "POST" and form.is_valid():
        try:
            appointment_save(form=form, by=request.user)
        except MentorshipError as error:
            _refused(form, error)
        else:
            messages.success(request, _("The appointment has been saved."))
            return redirect(appointment)
    return render(request, "mentorship/appointment_form.html", {"form": form, "appointment": appointment})


def appointment_photo(request, pk):
    appointment = get_object_or_404(MentorAppointment.objects.for_user(request.user), pk=pk)
    if not appointment.photo:
        raise Http404
    return attachment_response(appointment.photo, f"mentor-{appointment.pk}")


@require_POST
@role_required(Role.METHODIST)
def appointment_certificate(request, pk):
    appointment = get_object_or_404(MentorAppointment.objects.for_user(request.user), pk=pk)
    form = CertificateForm(request.POST)
    layout = form.cleaned_data["layout"] if form.is_valid() else None
    try:
        certificate = issue_for_appointment(appointment=appointment, by=request.user, layout=layout)
    except CertificateError as error:
        messages.error(request, error.message)
        return redirect(appointment)
    messages.success(request, _("Mentorship certificate %(serial)s is ready.") % {"serial": certificate.serial})
    return redirect(certificate)


# Pairs --------------------------------------------------------------------------------------------------


@role_required(*LEADERS)
def pairs(request):
    queryset = _pairs(request.user)
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
            _refused(form, error)
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
        {"form": form, "search": search, "found": _found(form, "mentee", search), "search_limit": SEARCH_RESULTS},
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


@in_office_time_zone
def pair_detail(request, pk):
    return _pair_page(request, get_object_or_404(_pairs(request.user), pk=pk))


@require_POST
@in_office_time_zone
def pair_log_view(request, pk):
    pair = get_object_or_404(_pairs(request.user), pk=pk)
    if not (_is_mentor_of(request, pair) or request.user.is_methodist):
        raise Http404
    form = PairLogForm(request.POST, request.FILES, pair=pair)
    if form.is_valid():
        try:
            pair_log(pair=pair, form=form, by=request.user)
        except MentorshipError as error:
            _refused(form, error)
        else:
            messages.success(request, _("The meeting has been added to the log."))
            return redirect(pair)
    return _pair_page(request, pair, log_form=form, status=400)


@role_required(*LEADERS)
def pair_edit(request, pk):
    pair = get_object_or_404(_pairs(request.user), pk=pk)
    form = PairEditForm(request.POST or None, instance=pair)
    if request.method == "POST" and form.is_valid():
        try:
            pair_update(form=form, by=request.user)
        except MentorshipError as error:
            _refused(form, error)
        else:
            messages.success(request, _("The pair has been saved."))
            return redirect(pair)
    return render(request, "mentorship/pair_form.html", {"form": form, "pair": pair})


@require_POST
@role_required(*LEADERS)
@in_office_time_zone
def pair_close_view(request, pk):
    pair = get_object_or_404(_pairs(request.user), pk=pk)
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
            _refused(form, error)
        else:
            messages.success(request, _("The pair has been closed."))
            return redirect(pair)
    return _pair_page(request, pair, close_form=form, status=400)


# Activities and the calendar ----------------------------------------------------------------------------


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


@in_office_time_zone
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


@in_office_time_zone
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
@in_office_time_zone
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
            _refused(form, error)
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


# The annual plan ----------------------------------------------------------------------------------------


def _year_from(request):
    try:
        year = int(request.GET.get("year", academic_year_of(clock.today())))
    except ValueError:
        raise Http404 from None
    if not 2000 <= year <= 2100:
        raise Http404
    return year


@in_office_time_zone
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


# The information corner, the director's and the teacher's pages --------------------------------------------


@role_required(*LEADERS)
def corner(request):
    """The printable information corner: today's mentors by track, with photos and achievements."""
    today = clock.today()
    appointments = (
        MentorAppointment.objects.for_user(request.user)
        .holding(today)
        .select_related("staff_member__school", "track")
        .prefetch_related("staff_member__subjects")
        # From the log, never typed: what the mentor's pairs logged under this term.
        .annotate(
            logged_visits=Count("pairs__activities", filter=Q(pairs__activities__kind__in=VISIT_KINDS)),
            logged_meetings=Count("pairs__activities", filter=~Q(pairs__activities__kind__in=VISIT_KINDS)),
        )
        .order_by("track__order", "track_id", "staff_member__surname", "staff_member__given_name")
    )
    groups = defaultdict(list)
    for appointment in appointments:
        groups[appointment.track].append(appointment)
    return render(request, "mentorship/corner.html", {"groups": list(groups.items()), "today": today})


@role_required(Role.DIRECTOR)
@in_office_time_zone
def school_page(request):
    school = get_object_or_404(School.objects.for_user(request.user), pk=request.user.scope.school_id)
    own_mentors = (
        _appointments(request.user).filter(staff_member__school=school).order_by("state_rank", "staff_member__surname")
    )
    pairs_of_school = _pairs(request.user).order_by("state", "mentee__surname")
    hosted = (
        Activity.objects.for_user(request.user)
        .filter(host_school=school, pair__isnull=True)
        .select_related("track")
        .order_by("-starts_at")[:20]
    )
    return render(
        request,
        "mentorship/school.html",
        {"school": school, "mentors": own_mentors, "pairs": pairs_of_school, "hosted": hosted},
    )


@in_office_time_zone
def my_page(request):
    me = _own_staff_member(request)
    if me is None:
        raise Http404
    as_mentee = _pairs(request.user).filter(mentee=me).order_by("state", "-starts_on")
    appointments = _appointments(request.user).filter(staff_member=me)
    as_mentor = _pairs(request.user).filter(appointment__staff_member=me).order_by("state", "mentee__surname")
    return render(
        request,
        "mentorship/my.html",
        {"me": me, "as_mentee": as_mentee, "appointments": appointments, "as_mentor": as_mentor},
    )


# Support schools and the report --------------------------------------------------------------------------


@role_required(*LEADERS)
@in_office_time_zone
def support_schools(request):
    year = _year_from(request)
    starts, ends = academic_year_bounds(year)
    zone = timezone.get_current_timezone()
    hosted = (
        Activity.objects.for_user(request.user)
        .filter(
            pair__isnull=True,
            starts_at__gte=datetime.combine(starts, time.min, tzinfo=zone),
            starts_at__lt=datetime.combine(ends + timedelta(days=1), time.min, tzinfo=zone),
        )
        .select_related("track")
        .order_by("starts_at")
    )
    schools = (
        School.objects.for_user(request.user)
        .filter(is_support_school=True)
        .prefetch_related(Prefetch("hosted_mentorship_activities", queryset=hosted, to_attr="hosted"))
    )
    return render(
        request,
        "mentorship/support_schools.html",
        {"schools": schools, "year": year, "previous_year": year - 1, "next_year": year + 1},
    )


def _count_by(queryset, key, distinct_field="pk"):
    return dict(queryset.order_by().values_list(key).annotate(total=Count(distinct_field, distinct=True)))


@role_required(Role.METHODIST)
@in_office_time_zone
def report(request):
    year = _year_from(request)
    starts, ends = academic_year_bounds(year)
    zone = timezone.get_current_timezone()
    appointments = MentorAppointment.objects.for_user(request.user).filter(starts_on__lte=ends, ends_on__gte=starts)
    year_pairs = Pair.objects.for_user(request.user).filter(starts_on__lte=ends, ends_on__gte=starts)
    held = Activity.objects.for_user(request.user).filter(
        starts_at__gte=datetime.combine(starts, time.min, tzinfo=zone),
        starts_at__lt=min(datetime.combine(ends + timedelta(days=1), time.min, tzinfo=zone), timezone.now()),
    )
    items = PlanItem.objects.for_user(request.user).filter(plan__academic_year=year)

    mentors_per_track = _count_by(appointments, "track", "staff_member")
    pairs_per_track = _count_by(year_pairs, "track")
    activities_per_track = _count_by(held.filter(pair__isnull=True), "track")
    meetings_per_track = _count_by(held.filter(pair__isnull=False), "track")
    items_per_track = _count_by(items, "track")
    done_per_track = _count_by(items.filter(state=PlanItemState.DONE), "track")
    track_rows = []
    for track in [*Track.objects.for_user(request.user), None]:
        key = track.pk if track else None
        track_rows.append(
            {
                "name": track.name if track else _("All tracks"),
                "mentors": mentors_per_track.get(key, 0),
                "pairs": pairs_per_track.get(key, 0),
                "activities": activities_per_track.get(key, 0),
                "meetings": meetings_per_track.get(key, 0),
                "items": items_per_track.get(key, 0),
                "done": done_per_track.get(key, 0),
            }
        )
    mentors_per_school = _count_by(appointments, "staff_member__school", "staff_member")
    mentees_per_school = _count_by(year_pairs, "mentee__school", "mentee")
    # A pair counts for both schools, the mentee's and the mentor's, and once when they are the same school.
    by_mentee = _count_by(year_pairs, "mentee__school")
    by_mentor = _count_by(year_pairs, "appointment__staff_member__school")
    same_school = _count_by(year_pairs.filter(mentee__school=F("appointment__staff_member__school")), "mentee__school")
    hosted_per_school = _count_by(held.filter(pair__isnull=True), "host_school")
    logs_per_school = _count_by(held.filter(pair__isnull=False), "host_school")
    school_rows = [
        {
            "name": school.name,
            "is_support_school": school.is_support_school,
            "mentors": mentors_per_school.get(school.pk, 0),
            "mentees": mentees_per_school.get(school.pk, 0),
            "pairs": by_mentee.get(school.pk, 0) + by_mentor.get(school.pk, 0) - same_school.get(school.pk, 0),
            "activities": hosted_per_school.get(school.pk, 0),
            "meetings": logs_per_school.get(school.pk, 0),
        }
        for school in School.objects.for_user(request.user).order_by(F("number").asc(nulls_last=True), "name")
    ]
    for row in track_rows:
        row["completion"] = round(100 * row["done"] / row["items"]) if row["items"] else None
    total_items = sum(row["items"] for row in track_rows)
    total_done = sum(row["done"] for row in track_rows)
    export_format = request.GET.get("export")
    if export_format:
        return _report_export(export_format, request.GET.get("table"), year, track_rows, school_rows)
    return render(
        request,
        "mentorship/report.html",
        {
            "year": year,
            "previous_year": year - 1,
            "next_year": year + 1,
            "track_rows": track_rows,
            "school_rows": school_rows,
            "total_items": total_items,
            "total_done": total_done,
            "completion": round(100 * total_done / total_items) if total_items else None,
        },
    )


def _report_export(export_format, table, year, track_rows, school_rows):
    period = f"{year}-{year + 1}"
    if table == "schools":
        headers = [
            _("School"),
            _("Support school"),
            _("Mentors"),
            _("Mentees"),
            _("Pairs"),
            _("Activities hosted"),
            _("Mentors' meetings"),
        ]
        rows = [
            [
                row["name"],
                _("yes") if row["is_support_school"] else "",
                row["mentors"],
                row["mentees"],
                row["pairs"],
                row["activities"],
                row["meetings"],
            ]
            for row in school_rows
        ]
        return export_response(export_format, _("mentorship-schools-%(period)s") % {"period": period}, headers, rows)
    headers = [
        _("Track"),
        _("Mentors"),
        _("Pairs"),
        _("Activities held"),
        _("Mentors' meetings"),
        _("Plan items"),
        _("Plan items done"),
        _("Plan completion, %"),
    ]
    rows = [
        [
            row["name"],
            row["mentors"],
            row["pairs"],
            row["activities"],
            row["meetings"],
            row["items"],
            row["done"],
            row["completion"],
        ]
        for row in track_rows
    ]
    return export_response(export_format, _("mentorship-tracks-%(period)s") % {"period": period}, headers, rows)
