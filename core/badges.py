"""State badges for list pages: a value of a TextChoices class shown as a coloured Bootstrap badge.

Written in Python rather than as an include, because list pages draw one on every row.
"""

from django.utils.html import format_html


def choice_badge(choices, value, classes, default, kind="state-badge"):
    """`classes` maps each value of `choices` to Bootstrap classes; an unknown value shows as `default`."""
    value = value if value in classes else default
    return format_html('<span class="badge {} {}">{}</span>', classes[value], kind, choices(value).label)
