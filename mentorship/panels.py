"""What the mentorship waits for, for the homes' "waiting for you" panel: pairs behind the meeting cadence for
the methodist and the directors, and the mentor's own pairs whose next meeting is due."""

from django.db.models import Max
from django.utils import timezone

from mentorship import evidence
from mentorship.evidence import CadenceState
from mentorship.models import MentorshipSettings, Pair


def pairs_in_state(user, today, state):
    """How many pairs of the board are in `state`: the number its `?state=` link lists."""
    office_settings = evidence.settings_for(user)
    return evidence.board_pairs(user, today, office_settings).filter(cadence_state=state).count()


def pairs_behind(user, today):
    return pairs_in_state(user, today, CadenceState.BEHIND)


def pairs_without_log(user, today):
    return pairs_in_state(user, today, CadenceState.NO_LOG)


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
