from django import template

from methodcouncil.models import DecisionStatus
from schools.badges import choice_badge

register = template.Library()

DECISION_BADGE_CLASSES = {
    DecisionStatus.OVERDUE: "text-bg-danger",
    DecisionStatus.DONE: "text-bg-success",
    DecisionStatus.OPEN: "text-bg-primary",
}


@register.simple_tag
def decision_badge(status):
    """A decision's status on the board, in the minutes and on "my decisions" (see schools.badges)."""
    return choice_badge(DecisionStatus, status, DECISION_BADGE_CLASSES, DecisionStatus.OPEN, kind="decision-status")
