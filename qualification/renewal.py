"""The renewal rule, in one place: who is valid, due soon, overdue, or has no record, and until when.

`valid_until` applies an office's policy to one person's confirmed completions (a pure function, tested
table by table). `refresh_renewal` stores the result in `RenewalStatus` in the same transaction as the
change that caused it, and `with_renewal` lets the database answer every page with plain comparisons of
those stored dates against today. The pages take the states, the due dates, the counts and the missing
hours from here; none derives them itself.

Every change of standing, and every other change of what the renewal pages show, ends in `standing_changed`
(or `refresh_renewal`, which calls it): the one place that tells cached pages their office has moved on.
"""

import calendar
import itertools
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

from django.db import models, transaction
from django.db.models import Case, Q, Value, When
from django.utils.translation import get_language

from core import clock, versions
from qualification.models import CountingMode, CourseRecord, RecordState, RenewalPolicy, RenewalState, RenewalStatus
from schools.models import DistrictOffice, School, StaffMember

SEED_RULE = {
    "min_hours": 72,
    "period_years": 5,
    "counting": CountingMode.SINGLE,
    "due_soon_months": 12,
    "applies_from": date(2000, 1, 1),
    "note": "ГОС, 004 §3.4",
}
STATE_ORDER = [RenewalState.OVERDUE, RenewalState.DUE_SOON, RenewalState.NO_RECORD, RenewalState.VALID]


def add_months(day, months):
    """The same day `months` later; the 29th–31st fall back to the month's last day (29 Feb + 5 years = 28 Feb)."""
    month_index = day.year * 12 + day.month - 1 + months
    year, month = divmod(month_index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def add_years(day, years):
    return add_months(day, 12 * years)


class Completion(NamedTuple):
    """One confirmed course as the rule sees it (a tuple: a whole office's records are read at once)."""

    record_id: int
    completed_on: date
    hours: int


@dataclass(frozen=True)
class Standing:
    valid_until: date
    due_soon_from: date
    last_record_id: int


def standing_under(policy, completions):
    """Applies `policy` to confirmed, counted completions; None when they never satisfied it."""
    if not completions:
        return None
    latest_first = sorted(completions, key=lambda c: (c.completed_on, c.record_id), reverse=True)
    if policy.counting == CountingMode.SINGLE:
        qualifying = next((c for c in latest_first if c.hours >= policy.min_hours), None)
        if qualifying is None:
            return None
        anchor, last = qualifying.completed_on, qualifying
    else:
        # Hours add up backwards from the newest course; the rule holds until the oldest course needed to
        # reach the minimum leaves the period.
        running, anchor = 0, None
        for completion in latest_first:
            running += completion.hours
            if running >= policy.min_hours:
                anchor = completion.completed_on
                break
        if anchor is None:
            return None
        last = latest_first[0]
    valid_until = add_years(anchor, policy.period_years)
    return Standing(valid_until, add_months(valid_until, -policy.due_soon_months), last.record_id)


def first_due_date(hire_date, policy):
    """For a person with no record: hired on `hire_date`, first due one period later."""
    return add_years(hire_date, policy.period_years)


def policy_for_office(office_id):
    """The rule in force for an office; an office that never set one follows the seeds' rule.

    Reading writes nothing: the seeds' rule is stored only when standing is first computed under it
    (`refresh_renewal`), because a stored standing names the rule it was computed under.
    """
    return RenewalPolicy.objects.current_for(office_id) or RenewalPolicy(office_id=office_id, **SEED_RULE)


class OfficePolicies(dict):
    """The rule of each office met on a page or in a run, looked up once per office."""

    def __missing__(self, office_id):
        self[office_id] = policy_for_office(office_id)
        return self[office_id]

    def for_person(self, person):
        return self[person.school.office_id]


def confirmed_completions(until, **people):
    """Each person's confirmed course records completed by `until`, as {staff id: [(course kind, Completion)]};
    `people` filters the records by person (e.g. staff_member_id__in=ids, or staff_member__school__office_id=n).
    The one reading of records that standing is computed from: stored standing and the what-if both use it."""
    completions = defaultdict(list)
    records = CourseRecord.objects.filter(state=RecordState.CONFIRMED, completed_on__lte=until, **people).values_list(
        "pk", "staff_member_id", "completed_on", "hours", "course__kind"
    )
    for record_id, staff_id, completed_on, hours, kind in records:
        completions[staff_id].append((kind, Completion(record_id, completed_on, hours)))
    return completions


def counted(policy, completions, today):
    """The completions (from `confirmed_completions`) that `policy` counts on `today`."""
    return [
        completion
        for kind, completion in completions
        if kind in policy.counted_kinds and completion.completed_on <= today
    ]


def state_on(standing, today):
    """A standing's state on `today`: the same judgement `state_filter` makes of stored standing."""
    if standing is None:
        return RenewalState.NO_RECORD
    if standing.valid_until < today:
        return RenewalState.OVERDUE
    if standing.due_soon_from <= today:
        return RenewalState.DUE_SOON
    return RenewalState.VALID


def missing_hours(policy, state, hours_in_period):
    """How many hours a person still needs to be in good standing: none while valid or due soon; under a
    cumulative rule the minimum less what the period already holds, else one whole course."""
    if policy is None or state in (RenewalState.VALID, RenewalState.DUE_SOON):
        return 0
    if policy.counting == CountingMode.CUMULATIVE:
        return max(0, policy.min_hours - (hours_in_period or 0))
    return policy.min_hours


@transaction.atomic
def refresh_renewal(staff_member_ids):
    """Recomputes the stored standing of these people; call it in the transaction that changed their records."""
    ids = sorted(set(staff_member_ids))
    policies, today_of = {}, {}  # a course completed "today" counts from that day in its office's own zone
    for chunk in itertools.batched(ids, 2000):
        people = {}
        for staff_id, office_id, zone in StaffMember.objects.filter(pk__in=chunk).values_list(
            "pk", "school__office_id", "school__office__time_zone"
        ):
            people[staff_id] = office_id
            today_of.setdefault(office_id, clock.today(zone))
        if not people:
            continue
        for office_id in set(people.values()) - set(policies):
            policies[office_id] = policy_for_office(office_id)
            if policies[office_id].pk is None:
                policies[office_id].save()
        completions = confirmed_completions(max(today_of.values()), staff_member_id__in=chunk)
        rows = []
        for staff_id, office_id in people.items():
            policy = policies[office_id]
            standing = standing_under(policy, counted(policy, completions[staff_id], today_of[office_id]))
            if standing:
                rows.append(
                    RenewalStatus(
                        staff_member_id=staff_id,
                        policy=policy,
                        last_record_id=standing.last_record_id,
                        valid_until=standing.valid_until,
                        due_soon_from=standing.due_soon_from,
                    )
                )
        RenewalStatus.objects.filter(staff_member_id__in=chunk).delete()
        RenewalStatus.objects.bulk_create(rows, batch_size=1000)
        standing_changed(office_ids=people.values())


def standing_changed(*, staff_member_ids=(), school_ids=(), office_ids=()):
    """What the cached renewal pages (the status page, the attestation list, the homes' counts) show of these
    people, schools or offices changed without a new standing: a planned course, a name, a school, a course's
    title, an attestation, a signed recommendation. `refresh_renewal` calls it itself; the import of people
    changes the office's version itself (`schools.staff_import`: schools cannot import qualification)."""
    office_ids = set(office_ids)
    school_ids = set(school_ids)
    for chunk in itertools.batched(sorted(set(staff_member_ids)), 2000):
        school_ids.update(StaffMember.objects.filter(pk__in=chunk).values_list("school_id", flat=True))
    if school_ids:
        office_ids.update(School.objects.filter(pk__in=school_ids).values_list("office_id", flat=True))
    versions.office_changed(office_ids)


OFFICE_CHUNK = 500


def refresh_office(office_id, progress=None):
    """After a rule change: everyone of the office is judged again under the rule now in force.

    Chunk by chunk, each in its own short transaction, so pages keep answering while a large office is
    recomputed; `progress(done, total)` is called after each chunk."""
    ids = list(StaffMember.objects.filter(school__office_id=office_id).order_by("pk").values_list("pk", flat=True))
    for done, chunk in enumerate(itertools.batched(ids, OFFICE_CHUNK), start=1):
        refresh_renewal(chunk)
        if progress:
            progress(min(done * OFFICE_CHUNK, len(ids)), len(ids))
    return len(ids)


def refresh_offices_with_a_new_rule():
    """A rule that starts applying today replaces the old one: offices whose stored standing is stale are redone."""
    refreshed = []
    offices = RenewalStatus.objects.values_list("staff_member__school__office_id", "policy_id").distinct()
    for office_id, policy_id in offices:
        if office_id not in refreshed and policy_for_office(office_id).pk != policy_id:
            refresh_office(office_id)
            refreshed.append(office_id)
    return refreshed


def renewal_state_expression(today):
    """Each person's state, from the same conditions `state_filter` counts and filters by."""
    return Case(
        *[When(state_filter(state, today), then=Value(state)) for state in STATE_ORDER],
        output_field=models.CharField(),
    )


def state_filter(state, today, prefix=""):
    """A Q for one state, to count or filter people (prefix e.g. "staff__" from a school)."""
    renewal = f"{prefix}renewal"
    return {
        RenewalState.NO_RECORD: Q(**{f"{renewal}__isnull": True}),
        RenewalState.OVERDUE: Q(**{f"{renewal}__valid_until__lt": today}),
        RenewalState.DUE_SOON: Q(**{f"{renewal}__valid_until__gte": today, f"{renewal}__due_soon_from__lte": today}),
        RenewalState.VALID: Q(**{f"{renewal}__due_soon_from__gt": today}),
    }[state]


UNPLANNED_WITHIN_DAYS = 90


def due_without_plan(queryset, today):
    """People overdue, or due within 90 days, with no course planned for them: whom a director sends next."""
    planned = CourseRecord.objects.filter(staff_member=models.OuterRef("pk"), state=RecordState.PLANNED)
    return queryset.filter(renewal__valid_until__lte=today + timedelta(days=UNPLANNED_WITHIN_DAYS)).exclude(
        models.Exists(planned)
    )


def state_counts(people):
    """[(state, how many)] of people annotated by `with_renewal`, every state present, in the order of
    `RenewalState`."""
    counts = dict.fromkeys(RenewalState.values, 0)
    for row in people.order_by().values("renewal_state").annotate(total=models.Count("pk")):
        counts[row["renewal_state"]] = row["total"]
    return list(counts.items())


def due_by(people, day, policy=None):
    """People whose renewal falls due by `day`: valid until then, or with no record and hired a period before
    (under the seeds' period where there is no office's rule, as for a site administrator)."""
    period = policy.period_years if policy else SEED_RULE["period_years"]
    return people.filter(
        Q(renewal__valid_until__lte=day) | Q(renewal__isnull=True, hire_date__lte=add_years(day, -period))
    )


def with_hours_in_period(people, policy, today):
    """Annotates `hours_in_period`: the counted hours completed within the rule's period up to today.

    A subquery per person rather than a join with every record of the scope: a paginated page reads only the
    records of the people it shows.
    """
    hours = (
        CourseRecord.objects.counting_for(policy)
        .filter(staff_member=models.OuterRef("pk"), completed_on__gt=add_years(today, -policy.period_years))
        .order_by()
        .values("staff_member")
        .annotate(total=models.Sum("hours"))
        .values("total")
    )
    return people.annotate(hours_in_period=models.Subquery(hours))


def with_state_counts(queryset, today=None, staff="staff"):
    """Schools (or offices, with staff="schools__staff") annotated with how many active staff are in each
    state (`valid`, `due_soon`, ...), in one query."""
    today = today or clock.today()
    return queryset.annotate(
        **{
            state: models.Count(
                staff, filter=Q(**{f"{staff}__is_active": True}) & state_filter(state, today, f"{staff}__")
            )
            for state in RenewalState.values
        }
    )


def school_state_counts(user, today):
    """The schools of the user's scope by number and name, each a dict with its `pk`, `number`, `name` and how
    many of its active staff are in each state: one count over the office's whole staff, kept until the
    office's next change (`core.versions`; plain dicts, so that a cached value unpickles after any release)."""

    def count():
        schools = with_state_counts(School.objects.for_user(user), today).order_by("number", "name")
        fields = ("pk", "number", "name", *RenewalState.values)
        return [{field: getattr(school, field) for field in fields} for school in schools]

    return versions.cached_for(user.scope, "school-states", count, today)


def office_state_counts(user, today):
    """The offices of the user's scope (a site administrator's: every one) by country, region and name, each a
    dict with its `pk`, country, region, name and how many of its active staff are in each state.

    One count over the staff of the whole country (49 ms on the country bench), kept until any office's next
    change (`core.versions`): the names are in the reader's language, so the language is part of the key."""

    def count():
        offices = with_state_counts(DistrictOffice.objects.for_user(user), today, staff="schools__staff")
        return [
            {
                "pk": office.pk,
                "country": office.get_country_display(),
                "region": office.region,
                "name": office.name,
                **{state: getattr(office, state) for state in RenewalState.values},
            }
            for office in offices.order_by("country", "region", "name_ru")
        ]

    return versions.cached_for(user.scope, "office-states", count, today, get_language())


def with_renewal(queryset, today=None, last_course=True):
    """Staff with `renewal_state` and their stored standing (and last counted course), in the same query."""
    today = today or clock.today()
    related = ("renewal", "renewal__last_record__course") if last_course else ("renewal",)
    return queryset.select_related(*related).annotate(
        renewal_state=renewal_state_expression(today),
        renewal_rank=Case(
            *[When(state_filter(state, today), then=Value(rank)) for rank, state in enumerate(STATE_ORDER)],
            output_field=models.IntegerField(),
        ),
    )


def attach_due_dates(people, policies=None):
    """Sets `due_date` on each person: valid-until, or the first due date when there is no record yet."""
    policies = policies if policies is not None else OfficePolicies()
    for person in people:
        if person.renewal_state == RenewalState.NO_RECORD:
            person.due_date = first_due_date(person.hire_date, policies.for_person(person))
        else:
            person.due_date = person.renewal.valid_until
    return people
