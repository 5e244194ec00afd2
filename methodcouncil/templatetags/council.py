from django import template

from core.badges import choice_badge
from methodcouncil.models import DecisionStatus, MeetingState

register = template.Library()

DECISION_BADGE_CLASSES = {
    DecisionStatus.OVERDUE: "text-bg-danger",
    DecisionStatus.DONE: "text-bg-success",
    DecisionStatus.OPEN: "text-bg-primary",
}


@register.simple_tag
def decision_badge(status):
    """A decision's status on the board, in the minutes and on "my decisions" (see core.badges)."""
    return choice_badge(DecisionStatus, status, DECISION_BADGE_CLASSES, DecisionStatus.OPEN, kind="decision-status")


MEETING_BADGE_CLASSES = {MeetingState.SIGNED: "text-bg-success", MeetingState.DRAFT: "text-bg-secondary"}


@register.simple_tag
def meeting_badge(state):
    """A meeting's protocol: a draft, or signed and locked (see core.badges)."""
    return choice_badge(MeetingState, state, MEETING_BADGE_CLASSES, MeetingState.DRAFT, kind="meeting-state")
