from django import template
from django.utils.html import format_html

from core.submissions import FIELD, new_token

register = template.Library()


@register.simple_tag
def submission_token():
    """The one-time token of a form written by hand (crispy forms carry theirs already)."""
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, new_token())
