"""Today, as the office that a page or a rule works for sees it.

Each office keeps its time zone (Bishkek is UTC+6, Qyzylorda UTC+5). `OfficeTimeMiddleware` makes a signed-in
reader's office zone the current one for the request, so `today()` (and every time a page shows) is the office's
own: between 18:00 and 19:00 UTC a Bishkek office is a day ahead of a Qyzylorda one. Work done outside a request
(the daily reminders, a refresh over many offices, a certificate batch) names the office's zone.
"""

import zoneinfo

from django.utils import timezone


def today(time_zone=None):
    """Today in `time_zone` (an office's zone name), or in the current one: the reader's office during a request."""
    return timezone.localdate(timezone=zoneinfo.ZoneInfo(time_zone)) if time_zone else timezone.localdate()


class OfficeTimeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        zone = request.user.scope.time_zone if request.user.is_authenticated else ""
        if not zone:
            return self.get_response(request)
        timezone.activate(zoneinfo.ZoneInfo(zone))
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
