"""What the programme shows: the information corner, the director's and the teacher's pages, support schools
and the report."""

from collections import Counter, defaultdict
from datetime import datetime, time, timedelta

from django.db.models import Count, F, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from core import clock
from core.academic import academic_year_bounds
from core.exports import export_response
from core.scoping import Role, role_required
from mentorship.calendar_views import _year_from
from mentorship.models import (
    VISIT_KINDS,
    Activity,
    MentorAppointment,
    Pair,
    PlanItem,
    PlanItemState,
    Track,
)
from mentorship.views import LEADERS, appointments_for, own_staff_member, pairs_for
from schools.models import School


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
def school_page(request):
    school = get_object_or_404(School.objects.for_user(request.user), pk=request.user.scope.school_id)
    own_mentors = (
        appointments_for(request.user)
        .filter(staff_member__school=school)
        .order_by("state_rank", "staff_member__surname")
    )
    pairs_of_school = pairs_for(request.user).order_by("state", "mentee__surname")
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


def my_page(request):
    me = own_staff_member(request)
    if me is None:
        raise Http404
    as_mentee = pairs_for(request.user).filter(mentee=me).order_by("state", "-starts_on")
    appointments = appointments_for(request.user).filter(staff_member=me)
    as_mentor = pairs_for(request.user).filter(appointment__staff_member=me).order_by("state", "mentee__surname")
    return render(
        request,
        "mentorship/my.html",
        {"me": me, "as_mentee": as_mentee, "appointments": appointments, "as_mentor": as_mentor},
    )


@role_required(*LEADERS)
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


def _totals(queryset, *keys, distinct="pk"):
    """{(key, ...): how many different `distinct`} for each group of `keys`, in one query."""
    rows = queryset.order_by().values_list(*keys).annotate(total=Count(distinct, distinct=True))
    return {tuple(row[:-1]): row[-1] for row in rows}


def _count_by(queryset, key, distinct):
    """{key: how many different `distinct`}: `_totals` by one key."""
    return {group: total for (group,), total in _totals(queryset, key, distinct=distinct).items()}


@role_required(Role.METHODIST)
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

    # Each table's figures come from one grouped query: per track and school, the counts of everything below.
    pairs_per_track, pairs_per_school = Counter(), Counter()
    for (track_id, mentee_school, mentor_school), total in _totals(
        year_pairs, "track", "mentee__school", "appointment__staff_member__school"
    ).items():
        pairs_per_track[track_id] += total
        # A pair counts for both schools, the mentee's and the mentor's, and once when they are the same school.
        pairs_per_school[mentee_school] += total
        if mentor_school != mentee_school:
            pairs_per_school[mentor_school] += total
    # Log entries (a pair's meetings) and the programme's activities (seminars, open lessons) are counted apart.
    held_per_track = {True: Counter(), False: Counter()}
    held_per_school = {True: Counter(), False: Counter()}
    for (track_id, school_id, is_log), total in _totals(
        held.annotate(is_log=Q(pair__isnull=False)), "track", "host_school", "is_log"
    ).items():
        held_per_track[is_log][track_id] += total
        held_per_school[is_log][school_id] += total
    items_per_track, done_per_track = Counter(), Counter()
    for (track_id, state), total in _totals(items, "track", "state").items():
        items_per_track[track_id] += total
        if state == PlanItemState.DONE:
            done_per_track[track_id] += total
    mentors_per_track = _count_by(appointments, "track", "staff_member")
    track_rows = []
    for track in [*Track.objects.for_user(request.user), None]:
        key = track.pk if track else None
        track_rows.append(
            {
                "name": track.name if track else _("All tracks"),
                "mentors": mentors_per_track.get(key, 0),
                "pairs": pairs_per_track[key],
                "activities": held_per_track[False][key],
                "meetings": held_per_track[True][key],
                "items": items_per_track[key],
                "done": done_per_track[key],
            }
        )
    mentors_per_school = _count_by(appointments, "staff_member__school", "staff_member")
    mentees_per_school = _count_by(year_pairs, "mentee__school", "mentee")
    school_rows = [
        {
            "name": school.name,
            "is_support_school": school.is_support_school,
            "mentors": mentors_per_school.get(school.pk, 0),
            "mentees": mentees_per_school.get(school.pk, 0),
            "pairs": pairs_per_school[school.pk],
            "activities": held_per_school[False][school.pk],
            "meetings": held_per_school[True][school.pk],
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
