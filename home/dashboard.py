"""The home page of each role: the figures people open Ustat for, as charts with their tables.

Each panel is a small function returning what its template part needs; every query goes through
`for_user`, so a panel shows only what the role may see.
"""

from django.db.models import CharField, Count
from django.db.models.functions import Cast, Substr
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core import clock
from core.charts import column_chart, stacked_bars
from home.waiting import waiting_for
from qualification.models import CourseRecord, RecordState, RenewalState
from qualification.renewal import add_months, attach_due_dates, with_renewal, with_state_counts
from schools.models import School, StaffMember

STATES = [RenewalState.VALID, RenewalState.DUE_SOON, RenewalState.OVERDUE, RenewalState.NO_RECORD]


def renewal_by_school(user, today):
    schools = with_state_counts(School.objects.for_user(user), today).order_by("number", "name")
    rows = [(school.name, [getattr(school, state) for state in STATES]) for school in schools]
    return {
        "chart": stacked_bars(rows, [RenewalState(state).label for state in STATES]),
        "rows": rows,
        "series": [RenewalState(state).label for state in STATES],
    }


def completions_per_month(user, today, months=24):
    first = add_months(today.replace(day=1), -(months - 1))
    # Grouped by the "YYYY-MM" prefix of the ISO date: plain string work in both databases, where a date
    # truncation would call back into Python for every row on SQLite.
    counts = dict(
        CourseRecord.objects.for_user(user)
        .filter(state=RecordState.CONFIRMED, completed_on__gte=first, completed_on__lte=today)
        .annotate(month=Substr(Cast("completed_on", CharField()), 1, 7))
        .values("month")
        .annotate(total=Count("*"))  # not the id: the (person, state, date) index then answers on its own
        .values_list("month", "total")
    )
    points = []
    for offset in range(months):
        month = add_months(first, offset)
        points.append((date_format(month, "m.Y"), counts.get(month.strftime("%Y-%m"), 0)))
    return {"chart": column_chart(points), "points": points}


def due_within_a_year(user, today):
    people = (
        with_renewal(StaffMember.objects.for_user(user).filter(is_active=True).select_related("school"), today)
        .filter(renewal__valid_until__gte=today, renewal__valid_until__lte=add_months(today, 12))
        .order_by("renewal__valid_until")[:50]
    )
    return attach_due_dates(list(people))


def teacher_standing(user, today):
    person = with_renewal(StaffMember.objects.filter(user=user).select_related("school"), today).first()
    if person:
        attach_due_dates([person])
    return person


def mentors_and_pairs_by_track(user, today):
    from mentorship.models import Track, active_pairs_by_track, mentors_by_track

    tracks = Track.objects.for_user(user).order_by("pk")
    mentors, pairs = mentors_by_track(user, today), active_pairs_by_track(user)
    rows = [(track.name, [mentors.get(track.pk, 0), pairs.get(track.pk, 0)]) for track in tracks]
    series = [_("Mentors"), _("Active pairs")]
    return {"chart": stacked_bars(rows, series), "rows": rows, "series": series} if rows else None


def council_decisions(user, today, responsible=None):
    from methodcouncil.models import Decision, DecisionStatus

    decisions = Decision.objects.for_user(user)
    if responsible is not None:
        decisions = decisions.filter(responsible=responsible)
    counts = dict.fromkeys(DecisionStatus.values, 0)
    for row in decisions.with_status(today).values("status").annotate(total=Count("pk")):
        counts[row["status"]] = row["total"]
    return [(DecisionStatus(status).label, status, counts[status]) for status in DecisionStatus.values]


def league(user):
    from partners.models import League
    from partners.selectors import league_progress

    current = League.objects.for_user(user).order_by("-academic_year").first()
    return {"league": current, "progress": league_progress(current)} if current else None


def my_mentor(user):
    from mentorship.models import Pair, PairState

    return (
        Pair.objects.filter(mentee__user=user, state=PairState.ACTIVE)
        .select_related("appointment__staff_member__school", "track")
        .first()
    )


def panels_for(user, session=None):
    today = clock.today()
    context = {"today": today, "waiting": [item for item in waiting_for(user, today, session) if item.count]}
    if user.is_methodist or user.is_director or user.scope.everything:
        context["renewal"] = renewal_by_school(user, today)
        context["renewal_title"] = _("Course renewal by school")
    if user.is_methodist or user.scope.everything:
        context["completions"] = completions_per_month(user, today)
        context["league"] = league(user)
    if user.is_methodist or user.is_director or user.scope.everything:
        context["mentorship"] = mentors_and_pairs_by_track(user, today)
        context["decisions"] = council_decisions(user, today)
    if user.is_director:
        context["due_soon_people"] = due_within_a_year(user, today)
    if user.is_teacher:
        from certificates.models import Certificate

        context["standing"] = teacher_standing(user, today)
        context["my_certificates"] = Certificate.objects.for_user(user).order_by("-issued_on")[:5]
        context["my_mentor"] = my_mentor(user)
        if context["standing"]:
            context["my_decisions"] = council_decisions(user, today, responsible=context["standing"])
    return context
