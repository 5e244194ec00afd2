"""The renewal-state badge: a tag rather than an include, because list pages draw one on every row."""

from django import template
from django.utils.html import format_html

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
    state = state if state in BADGE_CLASSES else RenewalState.NO_RECORD
    return format_html('<span class="badge {} state-badge">{}</span>', BADGE_CLASSES[state], RenewalState(state).label)
