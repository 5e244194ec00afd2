"""What waits for the reader: the first panel of every home. Each item is a count with a link to exactly the
rows it counts; the count comes from the same queryset (or filter) as the list behind the link, so the two
cannot disagree. One query per item, whatever the number of rows.
"""

from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from schools.models import School, StaffMember

NEW_CERTIFICATE_DAYS = 30
MOST_OVERDUE_SCHOOLS = 3


@dataclass
class Item:
    label: str
    count: int
    url: str
    detail: str = ""


def _url(name, *args, **query):
    url = reverse(name, args=args)
    return f"{url}?{urlencode(query)}" if query else url


def for_director(user, today):
    from methodcouncil.filters import THIS_WEEK
    from methodcouncil.models import Council, Decision, Meeting
    from qualification.filters import UNPLANNED
    from qualification.models import CourseRecord, CourseRequest, RequestState
    from qualification.renewal import due_without_plan, with_renewal

    active = StaffMember.objects.for_user(user).filter(is_active=True)
    items = [
        Item(
            _("Course records awaiting your confirmation"),
            CourseRecord.objects.for_user(user).awaiting_confirmation().count(),
            _url("qualification:pending"),
        ),
        Item(
            _("Course requests awaiting your answer"),
            CourseRequest.objects.for_user(user).filter(state=RequestState.REQUESTED).count(),
            _url("qualification:requests", state=RequestState.REQUESTED),
        ),
        Item(
            _("Overdue or due within 90 days, no course planned"),
            due_without_plan(with_renewal(active, today), today).count(),
            _url("qualification:status", attention=UNPLANNED),
        ),
        Item(
            _("Council decisions due this week"),
            Decision.objects.for_user(user).due_this_week(today).count(),
            _url("methodcouncil:decisions", due=THIS_WEEK),
        ),
    ]
    items += _pairs_behind(user, today)
    # Minutes to sign: one item per council that has any (a school has one council a year).
    unsigned = (
        Council.objects.for_user(user)
        .annotate(unsigned=Count("meetings", filter=Q(meetings__in=Meeting.objects.unsigned(today))))
        .filter(unsigned__gt=0)
        .order_by("-academic_year")
    )
    for council in unsigned:
        items.append(
            Item(
                _("Minutes held but not signed"),
                council.unsigned,
                _url("methodcouncil:meetings", council.pk, unsigned=1),
                detail=f"{council.name} {council.year_label}",
            )
        )
    return items


def _pairs_behind(user, today):
    from mentorship.evidence import CadenceState
    from mentorship.panels import cadence_counts

    counts = cadence_counts(user, today)
    return [
        Item(
            _("Mentor–mentee pairs behind the meeting cadence"),
            counts[CadenceState.BEHIND],
            _url("mentorship:board", state=CadenceState.BEHIND),
        ),
        Item(
            _("Mentor–mentee pairs with no meeting logged"),
            counts[CadenceState.NO_LOG],
            _url("mentorship:board", state=CadenceState.NO_LOG),
        ),
    ]


def for_teacher(user, today):
    from certificates.models import Certificate
    from methodcouncil.models import Decision, DecisionState
    from qualification.models import CourseRecord, RecordState

    person = StaffMember.objects.filter(user=user).first()
    if person is None:
        return []
    items = []
    for record in CourseRecord.objects.filter(staff_member=person, state=RecordState.REJECTED).select_related("course")[
        :3
    ]:
        items.append(
            Item(
                _("A course report came back: %(course)s") % {"course": record.course.title},
                1,
                _url("qualification:record_detail", record.pk),
                detail=record.rejection_reason,
            )
        )
    items.append(
        Item(
            _("Council decisions you answer for"),
            Decision.objects.for_user(user).filter(responsible=person, state=DecisionState.OPEN).count(),
            _url("methodcouncil:mine"),
        )
    )
    items.append(
        Item(
            _("New certificates"),
            Certificate.objects.for_user(user)
            .filter(issued_on__gte=today - timedelta(days=NEW_CERTIFICATE_DAYS))
            .count(),
            _url("certificates:list"),
        )
    )
    return items


def for_mentor(user, today):
    from mentorship.models import Activity
    from mentorship.panels import meetings_due

    now = timezone.now()
    items = [
        Item(
            _("A meeting with %(name)s is due") % {"name": pair.mentee.full_name},
            1,
            _url("mentorship:pair_detail", pair.pk),
        )
        for pair in meetings_due(user, today)[:5]
    ]
    upcoming = Activity.objects.filter(participants__user=user, starts_at__gte=now).order_by("starts_at", "pk").first()
    if upcoming:
        items.append(
            Item(
                _("Next planned activity"),
                1,
                _url("mentorship:activity_detail", upcoming.pk),
                detail=upcoming.topic,
            )
        )
    return items


def for_methodist(user, today, session=None):
    from certificates.models import IssueBatch
    from mentorship.models import AppointmentState, MentorAppointment
    from qualification.models import RenewalState
    from qualification.renewal import with_state_counts

    items = []
    batches = IssueBatch.objects.for_user(user).filter(
        Q(state__in=[IssueBatch.State.QUEUED, IssueBatch.State.RUNNING])
        | Q(state=IssueBatch.State.FAILED, created_at__gte=timezone.now() - timedelta(days=7))
    )
    for batch in batches.order_by("-created_at")[:3]:
        items.append(
            Item(
                _("Certificate batch: %(state)s") % {"state": batch.get_state_display()},
                batch.total,
                _url("certificates:batch", batch.pk),
                detail=f"{batch.done} / {batch.total}",
            )
        )
    items += _pairs_behind(user, today)
    ending = MentorAppointment.objects.for_user(user).in_state(AppointmentState.ENDING_SOON, today)
    items.append(
        Item(
            _("Mentor terms ending within 60 days"),
            ending.count(),
            _url("mentorship:mentors", state=AppointmentState.ENDING_SOON),
        )
    )
    schools = (
        with_state_counts(School.objects.for_user(user), today)
        .filter(**{f"{RenewalState.OVERDUE}__gt": 0})
        .order_by(f"-{RenewalState.OVERDUE}", "number")[:MOST_OVERDUE_SCHOOLS]
    )
    for school in schools:
        items.append(
            Item(
                _("Overdue staff at %(school)s") % {"school": school.name},
                getattr(school, RenewalState.OVERDUE),
                _url("qualification:status", school=school.pk, state=RenewalState.OVERDUE),
            )
        )
    for key, label, confirm in (
        ("import_staff", _("A staff list waits for your confirmation"), "schools:import_staff_confirm"),
        ("import_cohort", _("A cohort file waits for your confirmation"), "schools:import_cohort_confirm"),
    ):
        if session is not None and session.get(key):
            items.append(Item(label, 1, _url(confirm), detail=session[key].get("name", "")))
    return items


def waiting_for(user, today, session=None):
    """The items of every role the reader has: a director who mentors sees both lists."""
    items = []
    if user.is_methodist:
        items += for_methodist(user, today, session)
    if user.is_director:
        items += for_director(user, today)
    if user.is_teacher:
        items += for_teacher(user, today)
    if user.is_authenticated and StaffMember.objects.filter(user=user, mentor_appointments__isnull=False).exists():
        items += for_mentor(user, today)
    return items
