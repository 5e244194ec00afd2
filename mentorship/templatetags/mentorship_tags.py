from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from core.badges import choice_badge
from mentorship.models import AppointmentState, PairState, is_young_specialist

register = template.Library()


@register.simple_tag
def person_name(staff_member):
    """The full name, and a badge for a young specialist: under three years since hire (seed 000: mentees are
    young specialists first). A tag rather than an included template: boards draw it on every row."""
    if is_young_specialist(staff_member):
        return format_html(
            '{} <span class="badge text-bg-info young-specialist">{}</span>',
            staff_member.full_name,
            _("young specialist"),
        )
    return staff_member.full_name


APPOINTMENT_BADGE_CLASSES = {
    AppointmentState.ACTIVE: "text-bg-success",
    AppointmentState.ENDING_SOON: "text-bg-warning",
    AppointmentState.EXPIRED: "text-bg-secondary",
    AppointmentState.UPCOMING: "text-bg-light border",
}


PAIR_BADGE_CLASSES = {
    PairState.ACTIVE: "text-bg-success",
    PairState.STOPPED: "text-bg-danger",
    PairState.FINISHED: "text-bg-secondary",
}


@register.simple_tag
def pair_badge(state):
    """A pair's state as a badge (see core.badges): a tag rather than an included template, drawn on every row
    of the pairs' lists."""
    return choice_badge(PairState, state, PAIR_BADGE_CLASSES, PairState.FINISHED, kind="pair-state")


@register.simple_tag
def appointment_badge(state):
    """A mentor's term state as a badge (see core.badges)."""
    return choice_badge(AppointmentState, state, APPOINTMENT_BADGE_CLASSES, AppointmentState.UPCOMING)
