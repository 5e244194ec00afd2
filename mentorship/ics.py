"""The activities calendar as iCalendar text (RFC 5545), for phones and desktop calendars to subscribe to.

Times are written in the office's own time zone (DTSTART;TZID=Asia/Bishkek:...), with a VTIMEZONE that
describes that zone over the span of the events, so a calendar shows a hearing at 10:00 in Ala-Buka as
10:00 wherever the methodist's phone happens to be set.
"""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.translation import gettext as _

LINE_OCTETS = 75
DEFAULT_DURATION = timedelta(hours=2)


def escape_text(value):
    """TEXT values: backslash, semicolon, comma and line breaks are escaped (RFC 5545 §3.3.11)."""
    return (
        str(value)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\r", "\\n")
        .replace("\n", "\\n")
    )


def fold(line):
    """Splits a content line into lines of at most 75 octets, never inside a UTF-8 character (§3.1)."""
    encoded = line.encode("utf-8")
    if len(encoded) <= LINE_OCTETS:
        return line
    parts, current, size, limit = [], [], 0, LINE_OCTETS
    for character in line:
        width = len(character.encode("utf-8"))
        if size + width > limit:
            parts.append("".join(current))
            current, size, limit = [], 0, LINE_OCTETS - 1  # a continuation line starts with one space
        current.append(character)
        size += width
    parts.append("".join(current))
    return "\r\n ".join(parts)


def _local(moment, zone):
    return moment.astimezone(zone).strftime("%Y%m%dT%H%M%S")


def _utc(moment):
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _offset(delta):
    minutes = int(delta.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "-"
    hours, minutes = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}{minutes:02d}"


def _transitions(zone, first, last):
    """The instants within [first, last] where the zone's UTC offset changes, found day by day then bisected."""
    found = []
    moment = first
    offset = moment.astimezone(zone).utcoffset()
    while moment < last:
        step = min(moment + timedelta(days=1), last)
        if step.astimezone(zone).utcoffset() != offset:
            low, high = moment, step
            while high - low > timedelta(seconds=1):
                middle = low + (high - low) / 2
                if middle.astimezone(zone).utcoffset() == offset:
                    low = middle
                else:
                    high = middle
            high = high.replace(microsecond=0)
            found.append(high)
            offset = high.astimezone(zone).utcoffset()
        moment = step
    return found


def vtimezone(zone_name, first, last):
    """A VTIMEZONE for the zone: the offset in force at `first`, and every change up to `last`."""
    zone = ZoneInfo(zone_name)
    start = first - timedelta(days=1)
    lines = ["BEGIN:VTIMEZONE", f"TZID:{zone_name}"]
    before = start.astimezone(zone)
    observances = [(datetime(1970, 1, 1), before.utcoffset(), before)]
    for instant in _transitions(zone, start, last + timedelta(days=1)):
        previous = observances[-1][1]
        local = instant.astimezone(zone)
        # An observance begins at the local time of the change, counted in the offset before it.
        observances.append(((instant + previous).replace(tzinfo=None), local.utcoffset(), local))
    offset_from = observances[0][1]
    for begins, offset_to, sample in observances:
        component = "DAYLIGHT" if sample.dst() else "STANDARD"
        lines += [
            f"BEGIN:{component}",
            f"DTSTART:{begins.strftime('%Y%m%dT%H%M%S')}",
            f"TZOFFSETFROM:{_offset(offset_from)}",
            f"TZOFFSETTO:{_offset(offset_to)}",
            f"TZNAME:{sample.tzname()}",
            f"END:{component}",
        ]
        offset_from = offset_to
    lines.append("END:VTIMEZONE")
    return lines


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


def calendar_text(office, activities, now):
    """The office's calendar as one iCalendar document (CRLF line ends, folded lines)."""
    zone_name = office.time_zone
    zone = ZoneInfo(zone_name)
    host = settings.USTAT_PUBLIC_BASE_URL.split("://", 1)[-1].split("/", 1)[0] or "ustat"
    activities = list(activities)
    # Outside the f-string below: xgettext does not look inside f-strings, so the name stayed English.
    name = _("Mentor–mentee school: %(office)s") % {"office": office.name}
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Ustat//Mentor-mentee school//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
        f"X-WR-TIMEZONE:{zone_name}",
    ]
    if activities:
        first = min(activity.starts_at for activity in activities)
        last = max(activity.ends_at or activity.starts_at for activity in activities)
        lines += vtimezone(zone_name, first, last)
    for activity in activities:
        ends_at = activity.ends_at or activity.starts_at + DEFAULT_DURATION
        lines += [
            "BEGIN:VEVENT",
            f"UID:mentorship-activity-{activity.pk}@{host}",
            f"DTSTAMP:{_utc(now)}",
            f"LAST-MODIFIED:{_utc(activity.updated_at)}",
            f"DTSTART;TZID={zone_name}:{_local(activity.starts_at, zone)}",
            f"DTEND;TZID={zone_name}:{_local(ends_at, zone)}",
            f"SUMMARY:{escape_text(f'{activity.get_kind_display()}: {activity.topic}')}",
            f"LOCATION:{escape_text(_location(activity))}",
            f"DESCRIPTION:{escape_text(_description(activity))}",
            f"CATEGORIES:{escape_text(activity.get_kind_display())}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
