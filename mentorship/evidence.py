"""Whether the mentoring happens: the meeting cadence, each pair's state against it, the plan of meetings a
period implies, and the counts of logged meetings and visits that documents print (from the log, never typed).

A pair is on track while its last logged meeting is no older than the cadence plus the office's grace, behind
once it is older, and has no log while nothing is logged. The cadence is the office's: weekly in a period's
first year and fortnightly after it, unless the office says otherwise.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.db import models
from django.db.models import Case, Count, Max, OuterRef, Q, Subquery, Value, When
from django.utils import timezone
from django.utils.translation import pgettext_lazy

from mentorship.models import (
    VISIT_KINDS,
    Activity,
    MentorshipSettings,
    Pair,
    PairState,
)
from mentorship.periods import add_months, one_year_before


class CadenceState(models.TextChoices):
    ON_TRACK = "on_track", pgettext_lazy("meeting cadence", "On track")
    BEHIND = "behind", pgettext_lazy("meeting cadence", "Behind")
    NO_LOG = "no_log", pgettext_lazy("meeting cadence", "No log")


def cadence_days(office_settings, pair, day):
    """Days between meetings on `day`: the first year of the period, or after it."""
    if day < add_months(pair.starts_on, 12):
        return office_settings.first_year_cadence_days
    return office_settings.later_cadence_days


def _start_of(day, zone):
    return datetime.combine(day, time.min, tzinfo=zone)


def working_on(pairs, today):
    """The active pairs whose period covers `today`: the pairs a cadence applies to."""
    return pairs.filter(state=PairState.ACTIVE, starts_on__lte=today, ends_on__gte=today)


def with_cadence(pairs, today, office_settings, zone=None):
    """Each pair's `last_logged_at`, `last_kind` and `cadence_state`, computed by the database.

    `zone` is the office's: a meeting at 23:30 in Bishkek belongs to that day there.
    """
    zone = zone or timezone.get_current_timezone()
    now = timezone.now()
    grace = office_settings.cadence_grace_days
    first_year_limit = _start_of(today - timedelta(days=office_settings.first_year_cadence_days + grace), zone)
    later_limit = _start_of(today - timedelta(days=office_settings.later_cadence_days + grace), zone)
    in_first_year = Q(starts_on__gt=one_year_before(today))
    logged = Q(activities__starts_at__lte=now)
    last_entry = Activity.objects.filter(pair=OuterRef("pk"), starts_at__lte=now).order_by("-starts_at", "-pk")
    return pairs.annotate(
        last_logged_at=Max("activities__starts_at", filter=logged),
        last_kind=Subquery(last_entry.values("kind")[:1]),
        cadence_state=Case(
            When(last_logged_at__isnull=True, then=Value(CadenceState.NO_LOG)),
            When(in_first_year & Q(last_logged_at__lt=first_year_limit), then=Value(CadenceState.BEHIND)),
            When(~in_first_year & Q(last_logged_at__lt=later_limit), then=Value(CadenceState.BEHIND)),
            default=Value(CadenceState.ON_TRACK),
            output_field=models.CharField(),
        ),
    )


def board_pairs(user, today, office_settings):
    """The pairs of the cadence board in the user's scope, with their state."""
    return with_cadence(working_on(Pair.objects.for_user(user), today), today, office_settings)


def settings_for(user):
    """The office's numbers for the reader; the defaults for a reader of every office."""
    office_id = user.scope.office_id
    return MentorshipSettings.for_office(office_id) if office_id else MentorshipSettings()


def counts_by(rows):
    """{key: Counter of states} from (key, state) pairs."""
    table = {}
    for value, state in rows:
        table.setdefault(value, Counter())[state] += 1
    return table


# The plan of a period -------------------------------------------------------------------------------------


def planned_meetings(pair, office_settings):
    """The meeting days the cadence implies for the whole period, from its first day."""
    last = pair.closed_on or pair.ends_on
    days, day = [], pair.starts_on
    while day <= last:
        days.append(day)
        day += timedelta(days=cadence_days(office_settings, pair, day))
    return days


@dataclass
class PlanMonth:
    month: object
    planned: int = 0
    held: int = 0
    entries: list = field(default_factory=list)


def plan_by_month(pair, office_settings, entries, today, zone):
    """Held against planned, month by month; a month still to come shows what is planned only."""
    months = {}
    for day in planned_meetings(pair, office_settings):
        key = day.replace(day=1)
        months.setdefault(key, PlanMonth(key)).planned += 1
    for entry in entries:
        key = entry.starts_at.astimezone(zone).date().replace(day=1)
        month = months.setdefault(key, PlanMonth(key))
        month.held += 1
        month.entries.append(entry)
    planned_to_date = sum(1 for day in planned_meetings(pair, office_settings) if day <= today)
    return sorted(months.values(), key=lambda month: month.month), planned_to_date


# Counts for documents -------------------------------------------------------------------------------------


def log_counts(pairs):
    """(meetings, lesson visits) logged in these pairs up to now."""
    counts = Activity.objects.filter(pair__in=pairs, starts_at__lte=timezone.now()).aggregate(
        visits=Count("pk", filter=Q(kind__in=VISIT_KINDS)),
        meetings=Count("pk", filter=~Q(kind__in=VISIT_KINDS)),
    )
    return counts["meetings"], counts["visits"]


def appointment_counts(appointment_id):
    """(meetings, lesson visits) logged under a mentor's term: what the mentorship certificate states."""
    return log_counts(Pair.objects.filter(appointment_id=appointment_id).values("pk"))


@dataclass
class Period:
    pair: object
    role: str
    other: str
    track: str
    starts_on: object
    ends_on: object
    state: str
    meetings: int
    visits: int


def summary_for(staff_member):
    """The person's mentorship periods, as mentor and as mentee, with the meetings and visits each logged.

    For the attestation file: {"as_mentor": [Period], "as_mentee": [Period], "meetings": n, "visits": n}.
    One query whatever the number of periods.
    """
    pairs = (
        Pair.objects.filter(Q(mentee=staff_member) | Q(appointment__staff_member=staff_member))
        .select_related("appointment__staff_member", "mentee", "track")
        .annotate(
            visits=Count("activities", filter=Q(activities__kind__in=VISIT_KINDS)),
            meetings=Count("activities", filter=~Q(activities__kind__in=VISIT_KINDS) & Q(activities__isnull=False)),
        )
        .order_by("starts_on", "pk")
    )
    summary = {"as_mentor": [], "as_mentee": [], "meetings": 0, "visits": 0}
    for pair in pairs:
        as_mentor = pair.appointment.staff_member_id == staff_member.pk
        other = pair.mentee if as_mentor else pair.appointment.staff_member
        summary["as_mentor" if as_mentor else "as_mentee"].append(
            Period(
                pair=pair,
                role="mentor" if as_mentor else "mentee",
                other=other.full_name,
                track=str(pair.track),
                starts_on=pair.starts_on,
                ends_on=pair.closed_on or pair.ends_on,
                state=pair.get_state_display(),
                meetings=pair.meetings,
                visits=pair.visits,
            )
        )
        summary["meetings"] += pair.meetings
        summary["visits"] += pair.visits
    return summary
