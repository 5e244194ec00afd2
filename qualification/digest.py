"""A school's digest for its director: who falls due within 30, 60 and 90 days, who is overdue, and what
waits for the director. The same content goes out by e-mail once a month and is readable in the app."""

from dataclasses import dataclass, field
from datetime import timedelta

from qualification.models import CourseRecord, CourseRequest, RequestState
from qualification.renewal import attach_due_dates, with_renewal
from schools.models import StaffMember

WINDOWS = (30, 60, 90)


@dataclass
class Digest:
    school: object
    today: object
    overdue: list = field(default_factory=list)
    due: dict = field(default_factory=dict)  # {30: [...], 60: [...], 90: [...]}: the first window each falls in
    awaiting_confirmation: int = 0
    awaiting_answer: int = 0

    @property
    def is_empty(self):
        return not (self.overdue or any(self.due.values()) or self.awaiting_confirmation or self.awaiting_answer)


def school_digest(school, today):
    staff = StaffMember.objects.filter(school=school, is_active=True).select_related("school")
    people = list(
        with_renewal(staff, today)
        .filter(renewal__valid_until__lte=today + timedelta(days=WINDOWS[-1]))
        .order_by("renewal__valid_until", "surname", "given_name")
    )
    attach_due_dates(people)
    digest = Digest(school=school, today=today, due={days: [] for days in WINDOWS})
    for person in people:
        days = (person.due_date - today).days
        if days < 0:
            digest.overdue.append(person)
        else:
            digest.due[next(window for window in WINDOWS if days <= window)].append(person)
    digest.awaiting_confirmation = (
        CourseRecord.objects.filter(staff_member__school=school).awaiting_confirmation().count()
    )
    digest.awaiting_answer = CourseRequest.objects.filter(
        staff_member__school=school, state=RequestState.REQUESTED
    ).count()
    return digest
