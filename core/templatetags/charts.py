from django import template

register = template.Library()


@register.filter
def svg(value, decimals=1):
    """A coordinate for an SVG attribute: a dot for the decimal point in every language, `decimals` places.

    Django's floatformat does the same through Decimal and the locale machinery, at several times the cost;
    a chart of fifty schools prints a thousand coordinates.
    """
    return f"{float(value):.{int(decimals)}f}"
