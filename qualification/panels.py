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


def renewal_by_school(user, today):
    rows = [(school["name"], [school[state] for state in STATES]) for school in school_state_counts(user, today)]
    series = [RenewalState(state).label for state in STATES]
    return {"chart": stacked_bars(rows, series), "rows": rows, "series": series}


def completions_per_month(user, today, months=24):
    """Confirmed courses per month: counted once per office version, like the renewal counts."""
    first = add_months(today.replace(day=1), -(months - 1))

    def count():
        # Grouped by the "YYYY-MM" prefix of the ISO date: plain string work in both databases, where a date
        # truncation would call back into Python for every row on SQLite.
        return dict(
            CourseRecord.objects.for_user(user)
            .filter(state=RecordState.CONFIRMED, completed_on__gte=first, completed_on__lte=today)
            .annotate(month=Substr(Cast("completed_on", CharField()), 1, 7))
            .values("month")
            .annotate(total=Count("*"))  # not the id: the (person, state, date) index then answers on its own
            .values_list("month", "total")
        )

    counts = versions.cached_for(user.scope, "completions", count, today, months)
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


def waiting_for_director(user, today):
    active = StaffMember.objects.for_user(user).filter(is_active=True)
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
            due_without_plan(with_renewal(active, today), today).count(),
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
    overdue = [school for school in school_state_counts(user, today) if school[RenewalState.OVERDUE]]
    overdue.sort(key=lambda school: (-school[RenewalState.OVERDUE], school["number"] is None, school["number"] or 0))
    return [
        Item(
            _("Overdue staff at %(school)s") % {"school": school["name"]},
            school[RenewalState.OVERDUE],
            link("qualification:status", school=school["pk"], state=RenewalState.OVERDUE),
        )
        for school in overdue[:MOST_OVERDUE_SCHOOLS]
    ]
