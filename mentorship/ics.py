"""The activities calendar as iCalendar text (RFC 5545), for phones and desktop calendars to subscribe to.

Times are written in the office's own time zone (DTSTART;TZID=Asia/Bishkek:...), with a VTIMEZONE that
describes that zone over the span of the events, so a calendar shows a hearing at 10:00 in Ala-Buka as
10:00 wherever the methodist's phone happens to be set. The `icalendar` library escapes, folds and
builds the VTIMEZONE from the zone database.
"""

from datetime import timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vText

DEFAULT_DURATION = timedelta(hours=2)


def _location(activity):
    school = activity.host_school
    if school is None:
        return activity.office.name
    return f"{school.name}, {school.settlement}" if school.settlement else school.name


def _description(activity):
    parts = []
    if activity.track_id:
        parts.append(_("Track: %(track)s") % {"track": activity.track.name})
    if activity.is_announced:
        parts.append(_("Announced to all schools."))
    if activity.description:
        parts.append(activity.description)
    return "\n".join(parts)


def _event(activity, zone, host, now):
    ends_at = activity.ends_at or activity.starts_at + DEFAULT_DURATION
    event = Event()
    event.add("uid", f"mentorship-activity-{activity.pk}@{host}")
    event.add("dtstamp", now)
    event.add("last-modified", activity.updated_at)
    event.add("dtstart", activity.starts_at.astimezone(zone))
    event.add("dtend", ends_at.astimezone(zone))
    event.add("summary", f"{activity.get_kind_display()}: {activity.topic}")
    event.add("location", _location(activity))
    event.add("description", _description(activity))
    event.add("categories", [activity.get_kind_display()])
    return event


def calendar_text(office, activities, now):
    """The office's calendar as one iCalendar document (CRLF line ends, folded lines)."""
    zone = ZoneInfo(office.time_zone)
    host = settings.USTAT_PUBLIC_BASE_URL.split("://", 1)[-1].split("/", 1)[0] or "ustat"
    activities = list(activities)
    calendar = Calendar()
    calendar.add("version", "2.0")
    calendar.add("prodid", "-//Ustat//Mentor-mentee school//EN")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    # The library writes unknown X- properties as they come; the name is text, so it is escaped like text.
    calendar.add("x-wr-calname", vText(_("Mentor–mentee school: %(office)s") % {"office": office.name}))
    calendar.add("x-wr-timezone", office.time_zone)
    for activity in activities:
        calendar.add_component(_event(activity, zone, host, now))
    if activities:
        # The zone's observances from the day before the first event to the day after the last.
        first = min(activity.starts_at for activity in activities).astimezone(zone).date() - timedelta(days=1)
        last = max(activity.ends_at or activity.starts_at for activity in activities).astimezone(zone).date()
        calendar.add_missing_timezones(first_date=first, last_date=last + timedelta(days=2))
    return calendar.to_ical().decode()
