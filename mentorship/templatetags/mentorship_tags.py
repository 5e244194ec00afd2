from django import template

from core.badges import choice_badge
from mentorship.models import AppointmentState, is_young_specialist

register = template.Library()


@register.filter
def young_specialist(staff_member):
    """True for people with under three years since hire (seed 000: mentees are young specialists first)."""
    return is_young_specialist(staff_member)


APPOINTMENT_BADGE_CLASSES = {
    AppointmentState.ACTIVE: "text-bg-success",
    AppointmentState.ENDING_SOON: "text-bg-warning",
    AppointmentState.EXPIRED: "text-bg-secondary",
    AppointmentState.UPCOMING: "text-bg-light border",
}


@register.simple_tag
def appointment_badge(state):
    """A mentor's term state as a badge (see core.badges)."""
    return choice_badge(AppointmentState, state, APPOINTMENT_BADGE_CLASSES, AppointmentState.UPCOMING)
