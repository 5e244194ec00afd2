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
    """The active staff of the office judged under `current` and under `draft` on `today`."""
    people = list(
        StaffMember.objects.filter(school__office_id=office_id, is_active=True)
        .select_related("school")
        .order_by("school__number", "school__name", "surname", "given_name", "pk")
    )
    completions = confirmed_completions(today, staff_member__school__office_id=office_id)

    def judged(policy, staff_id):
        return state_on(standing_under(policy, counted(policy, completions[staff_id], today)), today)

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
