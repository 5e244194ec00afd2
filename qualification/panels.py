"""What qualification offers the homes: renewal by school, completions per month, who is due, and what waits."""

from django.db.models import CharField, Count
from django.db.models.functions import Cast, Substr
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core import versions
from core.charts import column_chart, stacked_bars
from core.waiting import Item, link
from qualification.filters import UNPLANNED
from qualification.models import CourseRecord, CourseRequest, RecordState, RenewalState, RequestState
from qualification.renewal import add_months, attach_due_dates, due_without_plan, school_state_counts, with_renewal
from schools.models import StaffMember

STATES = [RenewalState.VALID, RenewalState.DUE_SOON, RenewalState.OVERDUE, RenewalState.NO_RECORD]
MOST_OVERDUE_SCHOOLS = 3
COMPLETION_MONTHS = 24


def _standing(user, today):
    """What the homes show of the standing of the reader's people, in one entry kept per office version:
    the schools' state counts, the confirmed courses per month, who becomes due within a year and how many
    are due with no course planned. Drawn again only after a change (about 23 ms of the methodist's home on
    the district bench, SQLite); read once a request (kept on the user, which lives as long as the request)."""
    memo = user.__dict__.setdefault("_home_standing", {})
    if today not in memo:
        memo[today] = versions.cached_for(user.scope, "home-standing", lambda: _draw_standing(user, today), today)
    return memo[today]


def _draw_standing(user, today):
    standing = {"schools": school_state_counts(user, today), "months": {}, "due_soon": [], "unplanned": 0}
    if user.is_methodist or user.scope.everything:
        standing["months"] = _completions_by_month(user, today)
    if user.is_director:
        standing["due_soon"] = [
            {"pk": person.pk, "full_name": person.full_name, "due_date": person.due_date}
            for person in _due_within_a_year(user, today)
        ]
        active = StaffMember.objects.for_user(user).filter(is_active=True)
        standing["unplanned"] = due_without_plan(with_renewal(active, today), today).count()
    return standing


def renewal_by_school(user, today):
    rows = [(school["name"], [school[state] for state in STATES]) for school in _standing(user, today)["schools"]]
    series = [RenewalState(state).label for state in STATES]
    return {"chart": stacked_bars(rows, series), "rows": rows, "series": series}


def _first_month(today):
    return add_months(today.replace(day=1), -(COMPLETION_MONTHS - 1))


def _completions_by_month(user, today):
    # Grouped by the "YYYY-MM" prefix of the ISO date: plain string work in both databases, where a date
    # truncation would call back into Python for every row on SQLite.
    return dict(
        CourseRecord.objects.for_user(user)
        .filter(state=RecordState.CONFIRMED, completed_on__gte=_first_month(today), completed_on__lte=today)
        .annotate(month=Substr(Cast("completed_on", CharField()), 1, 7))
        .values("month")
        .annotate(total=Count("*"))  # not the id: the (person, state, date) index then answers on its own
        .values_list("month", "total")
    )


def completions_per_month(user, today):
    """Confirmed courses per month over the last two years."""
    counts, first = _standing(user, today)["months"], _first_month(today)
    points = []
    for offset in range(COMPLETION_MONTHS):
        month = add_months(first, offset)
        points.append((date_format(month, "m.Y"), counts.get(month.strftime("%Y-%m"), 0)))
    return {"chart": column_chart(points), "points": points}


def _due_within_a_year(user, today):
    people = (
        with_renewal(StaffMember.objects.for_user(user).filter(is_active=True), today, last_course=False)
        .filter(renewal__valid_until__gte=today, renewal__valid_until__lte=add_months(today, 12))
        .order_by("renewal__valid_until")[:50]
    )
    return attach_due_dates(list(people))


def due_within_a_year(user, today):
    """The first fifty people of the director's school whose standing runs out within a year, as
    {pk, full_name, due_date}."""
    return _standing(user, today)["due_soon"]


def teacher_standing(user, today):
    person = with_renewal(StaffMember.objects.filter(user=user).select_related("school"), today).first()
    if person:
        attach_due_dates([person])
    return person


def waiting_for_director(user, today):
    return [
        Item(
            _("Course records awaiting your confirmation"),
            CourseRecord.objects.for_user(user).awaiting_confirmation().count(),
            link("qualification:pending"),
        ),
        Item(
            _("Course requests awaiting your answer"),
            CourseRequest.objects.for_user(user).filter(state=RequestState.REQUESTED).count(),
            link("qualification:requests", state=RequestState.REQUESTED),
        ),
        Item(
            _("Overdue or due within 90 days, no course planned"),
            _standing(user, today)["unplanned"],
            link("qualification:status", attention=UNPLANNED),
        ),
    ]


def waiting_for_teacher(person):
    records = CourseRecord.objects.filter(staff_member=person, state=RecordState.REJECTED).select_related("course")
    return [
        Item(
            _("A course report came back: %(course)s") % {"course": record.course.title},
            1,
            link("qualification:record_detail", record.pk),
            detail=record.rejection_reason,
        )
        for record in records[:3]
    ]


def waiting_for_methodist(user, today):
    """The schools with the most overdue staff (by number among equals; a school without one last)."""
    overdue = [school for school in _standing(user, today)["schools"] if school[RenewalState.OVERDUE]]
    overdue.sort(key=lambda school: (-school[RenewalState.OVERDUE], school["number"] is None, school["number"] or 0))
    return [
        Item(
            _("Overdue staff at %(school)s") % {"school": school["name"]},
            school[RenewalState.OVERDUE],
            link("qualification:status", school=school["pk"], state=RenewalState.OVERDUE),
        )
        for school in overdue[:MOST_OVERDUE_SCHOOLS]
    ]
