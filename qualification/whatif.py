"""What a draft rule would change, before anyone applies it: how many staff of each school would move between
valid, due soon, overdue and no record, and who would become overdue. Nothing is written."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from qualification.models import CourseRecord, RecordState, RenewalState
from qualification.renewal import Completion, standing_under
from schools.models import School, StaffMember

STATES = [RenewalState.VALID, RenewalState.DUE_SOON, RenewalState.OVERDUE, RenewalState.NO_RECORD]


def state_on(standing, today):
    if standing is None:
        return RenewalState.NO_RECORD
    if standing.valid_until < today:
        return RenewalState.OVERDUE
    if standing.due_soon_from <= today:
        return RenewalState.DUE_SOON
    return RenewalState.VALID


@dataclass
class SchoolChange:
    school: School
    before: Counter = field(default_factory=Counter)
    after: Counter = field(default_factory=Counter)

    @property
    def columns(self):
        return [(self.before[state], self.after[state]) for state in STATES]

    @property
    def changed(self):
        return self.before != self.after


@dataclass
class WhatIf:
    schools: list
    newly_overdue: list
    moved: int

    @property
    def totals(self):
        before, after = Counter(), Counter()
        for school in self.schools:
            before.update(school.before)
            after.update(school.after)
        return [(before[state], after[state]) for state in STATES]


def what_if(office_id, current, draft, today):
    """The active staff of the office judged under `current` and under `draft` on `today`."""
    people = list(
        StaffMember.objects.filter(school__office_id=office_id, is_active=True)
        .select_related("school")
        .order_by("school__number", "school__name", "surname", "given_name", "pk")
    )
    records = CourseRecord.objects.filter(
        staff_member__school__office_id=office_id, state=RecordState.CONFIRMED, completed_on__lte=today
    ).values_list("pk", "staff_member_id", "completed_on", "hours", "course__kind")
    completions = defaultdict(list)  # staff id -> [(kind, completion)]
    for record_id, staff_id, completed_on, hours, kind in records:
        completions[staff_id].append((kind, Completion(record_id, completed_on, hours)))

    def judged(policy, staff_id):
        counted = [completion for kind, completion in completions[staff_id] if kind in policy.counted_kinds]
        return state_on(standing_under(policy, counted), today)

    by_school, newly_overdue, moved = {}, [], 0
    for person in people:
        change = by_school.setdefault(person.school_id, SchoolChange(person.school))
        before, after = judged(current, person.pk), judged(draft, person.pk)
        change.before[before] += 1
        change.after[after] += 1
        if before != after:
            moved += 1
            if after == RenewalState.OVERDUE:
                newly_overdue.append(person)
    return WhatIf(schools=list(by_school.values()), newly_overdue=newly_overdue, moved=moved)
