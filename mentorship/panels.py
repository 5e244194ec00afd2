"""What the mentorship waits for, for the homes' "waiting for you" panel: pairs behind the meeting cadence for
the methodist and the directors, and the mentor's own pairs whose next meeting is due."""

from collections import Counter

from django.db.models import Max
from django.utils import timezone

from mentorship import evidence
from mentorship.models import MentorshipSettings, Pair


def cadence_counts(user, today):
    """{state: pairs} of the cadence board in the user's scope: the numbers its `?state=` links list.

    Two queries: the office's cadence, then one state per pair (an office has a few hundred pairs at most).
    """
    office_settings = evidence.settings_for(user)
    states = evidence.board_pairs(user, today, office_settings).values_list("cadence_state", flat=True)
    return Counter(states)


def meetings_due(user, today):
    """The mentor's pairs at work today whose last meeting is a cadence old or more, or that have none."""
    pairs = list(
        evidence.working_on(Pair.objects.filter(appointment__staff_member__user=user), today)
        .annotate(last_logged_at=Max("activities__starts_at"))
        .select_related("mentee", "track")
        .order_by("mentee__surname", "pk")
    )
    settings_by_office = {}
    due = []
    for pair in pairs:
        office_id = pair.track.office_id
        if office_id not in settings_by_office:
            settings_by_office[office_id] = MentorshipSettings.for_office(office_id)
        cadence = evidence.cadence_days(settings_by_office[office_id], pair, today)
        last = timezone.localdate(pair.last_logged_at) if pair.last_logged_at else None
        if last is None or (today - last).days >= cadence:
            due.append(pair)
    return due
