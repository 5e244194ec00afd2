from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from core.badges import choice_badge
from core.templatetags.submissions import submission_token
from methodcouncil.models import DecisionState, DecisionStatus, MeetingState

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


# (the form's classes, the buttons' classes): the board's buttons, and the links in the minutes
STATE_FORM_LOOKS = {
    "buttons": ("d-inline", "btn btn-sm btn-outline-secondary", "btn btn-sm btn-outline-success"),
    "links": ("d-inline no-print", "btn btn-link btn-sm p-0", "btn btn-link btn-sm p-0"),
}


@register.simple_tag(takes_context=True)
def decision_state_form(context, decision, next_url, look="buttons", item=None):
    """The form that marks a decision done, or open again, and comes back to `next_url` (at its agenda `item`).

    A tag rather than template markup: the decisions board draws it on each of fifty rows, where its five
    parts (the address, the CSRF and one-time tokens, the way back, the button) cost 3 of the 10 ms of drawing.
    """
    form_class, reopen_class, done_class = STATE_FORM_LOOKS[look]
    if item is not None:
        next_url = f"{next_url}#item-{item}"
    if decision.state == DecisionState.DONE:
        state, button_class, label = "open", reopen_class, _("Reopen")
    else:
        state, button_class, label = "done", done_class, _("Mark done")
    return format_html(
        '<form method="post" novalidate action="{}" class="{}">'
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">{}<input type="hidden" name="next" value="{}">'
        '<button type="submit" name="state" value="{}" class="{}">{}</button></form>',
        reverse("methodcouncil:decision_state", args=[decision.pk]),
        form_class,
        context["csrf_token"],
        submission_token(),
        next_url,
        state,
        button_class,
        label,
    )
