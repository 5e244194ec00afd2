from django import template

from mentorship.models import is_young_specialist

register = template.Library()


@register.filter
def young_specialist(staff_member):
    """True for people with under three years since hire (seed 000: mentees are young specialists first)."""
    return is_young_specialist(staff_member)
