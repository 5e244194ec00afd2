"""Exchange with national systems (Kazakhstan's «Ұстаз» and НОБД, Kyrgyzstan's EMIS): the office's staff
development records as one row per person, keyed by the personal number (ПИН / ИИН).

The columns are documented one by one in docs/exports.md. The import of attestation results
(`qualification.attestation_import`) reads the same file: its key and the three attestation columns.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from qualification.attestation_list import attestation_list, finish_rows
from qualification.models import Attestation, RenewalState
from qualification.renewal import add_years


@dataclass(frozen=True)
class Column:
    key: str
    title: object  # a lazy translation: the header in the reader's language
    width: int = 14


COLUMNS = [
    Column("personal_number", _("Personal number"), 16),
    Column("surname", _("Surname"), 20),
    Column("given_name", _("Given name"), 16),
    Column("patronymic", _("Patronymic"), 20),
    Column("school", _("School"), 30),
    Column("position", _("Position"), 18),
    Column("category", _("Category"), 22),
    Column("category_date", _("Category date")),
    Column("order", pgettext_lazy("administrative order", "Order")),
    Column("next_attestation", _("Next attestation")),
    Column("hours_from", _("Hours counted from")),
    Column("hours_in_period", _("Hours in the period")),
    Column("standing", _("Renewal standing")),
    Column("valid_until", _("Valid until / due")),
    Column("last_course_started", _("Last course started on")),
    Column("last_course_completed", _("Last course completed on")),
]
# What the import of attestation results reads; every other column is left as it is.
IMPORTED = ("personal_number", "category", "category_date", "order")


def export_people(user, today):
    """The active staff the reader sees who have a personal number, with everything a row needs; a national
    system keys its records by that number, so a person without one cannot be handed over."""
    listing = attestation_list(user, {}, today)
    latest = Attestation.objects.filter(staff_member=OuterRef("pk")).order_by("-awarded_on", "-pk")
    people = (
        listing.people.exclude(personal_number="")
        .annotate(order_number=Subquery(latest.values("order_number")[:1]))
        .select_related("renewal__last_record")
        .order_by("school__number", "school__name", "surname", "given_name", "pk")
    )
    return finish_rows(list(people), listing), listing


def people_counts(user, today):
    """(how many people the export holds, how many it leaves out for want of a personal number)."""
    people = attestation_list(user, {}, today).people.order_by()
    without = people.filter(personal_number="").count()
    return people.count() - without, without


def export_rows(people, listing, today):
    hours_from = add_years(today, -listing.policy.period_years) + timedelta(days=1) if listing.policy else None
    for person in people:
        last = person.renewal.last_record if person.renewal_state != RenewalState.NO_RECORD else None
        yield [
            person.personal_number,
            person.surname,
            person.given_name,
            person.patronymic,
            person.school.name,
            person.get_position_display(),
            person.category_name or "",
            person.attested_on,
            person.order_number or "",
            person.next_attestation,
            hours_from,
            person.hours_in_period or 0,
            RenewalState(person.renewal_state).label,
            person.due_date,
            last.started_on if last else None,
            last.completed_on if last else None,
        ]
