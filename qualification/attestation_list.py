"""The attestation list's people (today's Q9): category, next attestation, renewal standing and missing hours.

The page itself is assembled in `home.attestation`, because it also shows the methodical council's
recommendation, and qualification may not import methodcouncil (methodcouncil imports qualification).
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import OuterRef, Q, Subquery
from django.utils.translation import get_language

from qualification.models import (
    ATTESTATION_YEARS,
    HEADS_ATTESTATION_YEARS,
    Attestation,
    next_attestation_due,
)
from qualification.renewal import attach_due_dates, missing_hours, policy_for_office, with_hours_in_period, with_renewal
from schools.filters import StaffFilter
from schools.models import DistrictOffice, Position, StaffMember

HEADS = (Position.DIRECTOR, Position.DEPUTY_DIRECTOR)


@dataclass
class AttestationList:
    filter: StaffFilter
    people: object  # a queryset, ordered and annotated
    policy: object
    country: str | None
    due_this_year: bool

    @property
    def attestation_due(self):
        return self.country in ATTESTATION_YEARS


def attestation_list(user, params, today):
    """The people of the reader's scope matching `params` (the staff filter, and attestation=due)."""
    office_id = user.scope.office_id
    policy = policy_for_office(office_id) if office_id else None
    staff = with_renewal(
        StaffMember.objects.for_user(user).filter(is_active=True).select_related("school"), today, last_course=False
    )
    staff_filter = StaffFilter(params or None, queryset=staff, user=user)
    people = (staff_filter.qs if staff_filter.is_bound else staff).order_by("school__number", "surname", "given_name")
    latest = Attestation.objects.filter(staff_member=OuterRef("pk")).order_by("-awarded_on", "-pk")
    language = (get_language() or "ru")[:2]
    people = people.annotate(
        category_name=Subquery(latest.values(f"category__name_{language}")[:1]),
        attested_on=Subquery(latest.values("awarded_on")[:1]),
    )
    country = DistrictOffice.objects.filter(pk=office_id).values_list("country", flat=True).first()
    due_this_year = params.get("attestation") == "due" and country in ATTESTATION_YEARS
    if due_this_year:
        year = today.year
        people = people.filter(
            Q(position__in=HEADS, attested_on__lte=date(year - HEADS_ATTESTATION_YEARS[country], 12, 31))
            | (~Q(position__in=HEADS) & Q(attested_on__lte=date(year - ATTESTATION_YEARS[country], 12, 31)))
        )
    if policy:
        people = with_hours_in_period(people, policy, today)
    return AttestationList(staff_filter, people, policy, country, due_this_year)


def finish_rows(people, listing):
    """Sets each shown person's due date, missing hours and next attestation (from the annotated values)."""
    attach_due_dates(people)
    for person in people:
        in_period = getattr(person, "hours_in_period", 0)
        person.missing_hours = missing_hours(listing.policy, person.renewal_state, in_period)
        attested = Attestation(awarded_on=person.attested_on) if person.attested_on else None
        person.next_attestation = next_attestation_due(person, attested, listing.country)
    return people
