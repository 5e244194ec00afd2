from django import template

from core.badges import choice_badge
from partners.models import AdoptionStage, ProjectState

register = template.Library()

STAGE_BADGE_CLASSES = {
    AdoptionStage.AGREED: "text-bg-warning",
    AdoptionStage.INTRODUCED: "text-bg-primary",
    AdoptionStage.SUSTAINED: "text-bg-success",
}
PROJECT_BADGE_CLASSES = {
    ProjectState.DRAFT: "text-bg-secondary",
    ProjectState.ACTIVE: "text-bg-primary",
    ProjectState.SHARED: "text-bg-success",
    ProjectState.CLOSED: "text-bg-light border",
}


@register.simple_tag
def stage_badge(stage):
    """An adoption's stage (see core.badges)."""
    return choice_badge(AdoptionStage, stage, STAGE_BADGE_CLASSES, AdoptionStage.AGREED, kind="stage-badge")


@register.simple_tag
def project_badge(state):
    """A project's state (see core.badges)."""
    return choice_badge(ProjectState, state, PROJECT_BADGE_CLASSES, ProjectState.CLOSED, kind="project-state")
