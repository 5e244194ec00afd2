"""What a draft rule would change, before anyone applies it: how many staff of each school would move between
valid, due soon, overdue and no record, and who would become overdue. Nothing is written."""

from collections import Counter
from dataclasses import dataclass, field

from qualification.models import RenewalState
from qualification.renewal import confirmed_completions, counted, standing_under, state_on
from schools.models import School, StaffMember

STATES = [RenewalState.VALID, RenewalState.DUE_SOON, RenewalState.OVERDUE, RenewalState.NO_RECORD]


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
    """The active staff of the office judged under `current` and under `draft` on `today`.

    Only numbers are read for everyone (an office of thousands); whole records only for the people it lists."""
    schools = {school.pk: school for school in School.objects.filter(office_id=office_id)}
    people = (
        StaffMember.objects.filter(school__office_id=office_id, is_active=True)
        .order_by("school__number", "school__name", "surname", "given_name", "pk")
        .values_list("pk", "school_id")
    )
    completions = confirmed_completions(today, staff_member__school__office_id=office_id)

    def judged(policy, staff_id):
        return state_on(standing_under(policy, counted(policy, completions[staff_id], today)), today)

    by_school, newly_overdue, moved = {}, [], 0
    for staff_id, school_id in people:
        change = by_school.get(school_id) or by_school.setdefault(school_id, SchoolChange(schools[school_id]))
        before, after = judged(current, staff_id), judged(draft, staff_id)
        change.before[before] += 1
        change.after[after] += 1
        if before != after:
            moved += 1
            if after == RenewalState.OVERDUE:
                newly_overdue.append(staff_id)
    listed = (
        StaffMember.objects.filter(pk__in=newly_overdue)
        .select_related("school")
        .order_by("school__number", "school__name", "surname", "given_name", "pk")
    )
    return WhatIf(schools=list(by_school.values()), newly_overdue=list(listed), moved=moved)
