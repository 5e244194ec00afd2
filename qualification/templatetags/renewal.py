"""The renewal-state badge (see core.badges)."""

from django import template

from core.badges import choice_badge
from qualification.models import RenewalState

register = template.Library()

BADGE_CLASSES = {
    RenewalState.VALID: "text-bg-success",
    RenewalState.DUE_SOON: "text-bg-warning",
    RenewalState.OVERDUE: "text-bg-danger",
    RenewalState.NO_RECORD: "text-bg-secondary",
}


@register.simple_tag
def state_badge(state):
    return choice_badge(RenewalState, state, BADGE_CLASSES, RenewalState.NO_RECORD)
