"""The rules of a mentorship period: the dates a pair works between, and how a period ends.

A period lies inside the mentor's term (Pair.clean) and inside both people's employment at their present
schools; one mentee's periods on one track do not overlap (a period may start on the day another ends); the
office's policy says which kinds of mentee it takes, and a first-year teacher's period lasts the office's
months for them. A period ends by itself: past its end date (`finish_ended_pairs`, run daily by
`manage.py finish_ended_pairs` and before a new pair is created), or on the day one of its people moves to
another school or leaves (`end_periods_of`, on the staff record's change).
"""

import calendar
from datetime import timedelta

from django.db import transaction
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.db.models.signals import post_save
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core import audit, clock
from schools.models import StaffMember, StaffTransfer


def add_months(day, months):
    """The same day `months` later, or the month's last day when it has no such day (31 Jan → 28 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def one_year_before(day):
    return add_months(day, -12)


def _settings(pair):
    from mentorship.models import MentorshipSettings

    return MentorshipSettings.for_office(pair.appointment.track.office_id)


def default_end(pair):
    """Where a period ends when nobody says: the mentor's term's end, or a first-year teacher's months."""
    from mentorship.models import MenteeKind

    end = pair.appointment.ends_on
    if pair.mentee_kind == MenteeKind.TRAINEE:
        end = min(end, add_months(pair.starts_on, _settings(pair).trainee_period_months) - timedelta(days=1))
    return end


def employed_since(staff_member):
    """The first day at the person's present school: the hire date, or the day of their last move there."""
    moved = (
        StaffTransfer.objects.filter(staff_member=staff_member, to_school_id=staff_member.school_id)
        .order_by("-moved_on")
        .values_list("moved_on", flat=True)
        .first()
    )
    return max(staff_member.hire_date, moved) if moved else staff_member.hire_date


def _short(day):
    return date_format(day, "SHORT_DATE_FORMAT")


def _employment_errors(pair):
    errors = {}
    for field, person in (("appointment", pair.appointment.staff_member), ("mentee", pair.mentee)):
        if not person.is_active:
            errors[field] = _("%(name)s no longer works at a school of the district.") % {"name": person.full_name}
            continue
        since = employed_since(person)
        if pair.starts_on < since:
            errors.setdefault(
                "starts_on",
                _("%(name)s works at %(school)s since %(date)s; the period cannot start before that.")
                % {"name": person.full_name, "school": person.school.name, "date": _short(since)},
            )
    return errors


def _overlapping(pair):
    """A closed period of the mentee on the track that shares a day with this one (touching ends are allowed).

    An active one is refused by Pair.clean already: a mentee has one active pair per track.
    """
    from mentorship.models import Pair, PairState

    return (
        Pair.objects.filter(mentee_id=pair.mentee_id, track_id=pair.appointment.track_id)
        .exclude(state=PairState.ACTIVE)
        .exclude(pk=pair.pk)
        .alias(last_day=Coalesce("closed_on", "ends_on"))
        .filter(starts_on__lt=pair.ends_on, last_day__gt=pair.starts_on)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gt=F("starts_on")))
        .order_by("starts_on")
        .first()
    )


def _kind_errors(pair):
    from mentorship.models import YOUNG_SPECIALIST_YEARS, MenteeKind

    office_settings = _settings(pair)
    if pair.mentee_kind not in office_settings.mentee_kinds:
        return {"mentee_kind": _("Your office does not take this kind of mentee; see the mentorship settings.")}
    mentee = pair.mentee
    if pair.mentee_kind == MenteeKind.YOUNG_SPECIALIST and mentee.years_since_hire(pair.starts_on) >= (
        YOUNG_SPECIALIST_YEARS
    ):
        return {"mentee_kind": _("%(name)s is no longer a young specialist.") % {"name": mentee.full_name}}
    if pair.mentee_kind == MenteeKind.TRAINEE:
        if mentee.years_since_hire(pair.starts_on) >= 1:
            return {"mentee_kind": _("%(name)s is not in their first year of teaching.") % {"name": mentee.full_name}}
        last = add_months(pair.starts_on, office_settings.trainee_period_months) - timedelta(days=1)
        if pair.ends_on > last:
            return {
                "ends_on": _("A first-year teacher's period lasts until %(date)s at the latest.")
                % {"date": _short(last)}
            }
    return {}


def period_errors(pair):
    """{field: message} for the rules above; an active period is checked, a closed one stays as it was."""
    from mentorship.models import PairState

    if not (pair.appointment_id and pair.mentee_id and pair.starts_on and pair.ends_on):
        return {}
    if pair.state != PairState.ACTIVE or pair.ends_on < pair.starts_on:
        return {}
    errors = {}
    if pair.pk is None:  # a new pair follows today's policy; one made under an older policy keeps its kind
        errors.update(_kind_errors(pair))
    for field, message in _employment_errors(pair).items():
        errors.setdefault(field, message)
    other = _overlapping(pair)
    if other:
        errors.setdefault(
            "starts_on",
            _(
                "%(name)s already has a mentoring period on this track from %(starts)s to %(ends)s; "
                "periods cannot overlap."
            )
            % {
                "name": pair.mentee.full_name,
                "starts": _short(other.starts_on),
                "ends": _short(other.closed_on or other.ends_on),
            },
        )
    return errors


# Ending periods -------------------------------------------------------------------------------------------


@transaction.atomic
def finish_ended_pairs(*, today=None, pairs=None):
    """Closes, as finished on their end date, the active pairs whose period is over; returns how many."""
    from mentorship.models import Pair, PairState

    pairs = Pair.objects.all() if pairs is None else pairs
    ended = pairs.select_for_update().filter(state=PairState.ACTIVE, ends_on__lt=today or clock.today())
    count = 0
    for pair in ended:
        pair.state, pair.closed_on = PairState.FINISHED, pair.ends_on
        pair.save(update_fields=["state", "closed_on"])
        audit.record(
            pair,
            audit.Action.CHANGED,
            changes={"state": [PairState.ACTIVE, PairState.FINISHED]},
            source=audit.Source.SYSTEM,
            note=_("The period ended on %(date)s.") % {"date": _short(pair.ends_on)},
        )
        count += 1
    return count


@transaction.atomic
def end_periods_of(staff_member, *, on, note):
    """Stops, on `on`, the active periods in which the person is mentor or mentee, with `note` on record."""
    from mentorship.models import Pair, PairState

    periods = Pair.objects.select_for_update().filter(
        Q(mentee=staff_member) | Q(appointment__staff_member=staff_member), state=PairState.ACTIVE
    )
    for pair in periods:
        pair.state = PairState.STOPPED
        pair.closed_on = max(on, pair.starts_on)
        pair.stop_reason = note
        pair.save(update_fields=["state", "closed_on", "stop_reason"])
        audit.record(
            pair,
            audit.Action.CHANGED,
            changes={"state": [PairState.ACTIVE, PairState.STOPPED]},
            source=audit.Source.SYSTEM,
            note=note,
        )


# `schools` sits below `mentorship` and cannot call it, so a move or a departure reaches the periods through
# the staff models' save: the one place every write path (form, import, admin) goes through.


def _moved(sender, instance, created, **kwargs):
    if created:
        person = instance.staff_member
        note = _("%(name)s moved to %(school)s on %(date)s.") % {
            "name": person.full_name,
            "school": instance.to_school.name,
            "date": _short(instance.moved_on),
        }
        end_periods_of(person, on=instance.moved_on, note=note)


def _left(sender, instance, **kwargs):
    if not instance.is_active:
        today = clock.today()
        end_periods_of(
            instance,
            on=today,
            note=_("%(name)s left %(school)s on %(date)s.")
            % {"name": instance.full_name, "school": instance.school.name, "date": _short(today)},
        )


def connect():
    post_save.connect(_moved, sender=StaffTransfer, dispatch_uid="mentorship_period_ends_on_move")
    post_save.connect(_left, sender=StaffMember, dispatch_uid="mentorship_period_ends_on_leaving")
