"""What mentorship offers the homes: mentors and pairs by track, a mentee's mentor, the pairs behind the meeting
cadence (for the methodist and the directors) and the mentor's own pairs whose next meeting is due."""

from collections import Counter

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from core.charts import stacked_bars
from core.waiting import Item, link
from mentorship import evidence
from mentorship.evidence import CadenceState
from mentorship.models import (
    Activity,
    AppointmentState,
    MentorAppointment,
    MentorshipSettings,
    Pair,
    PairState,
    Track,
    active_pairs_by_track,
    mentors_by_track,
)


def mentors_and_pairs_by_track(user, today):
    tracks = Track.objects.for_user(user).order_by("pk")
    mentors, pairs = mentors_by_track(user, today), active_pairs_by_track(user)
    rows = [(track.name, [mentors.get(track.pk, 0), pairs.get(track.pk, 0)]) for track in tracks]
    series = [_("Mentors"), _("Active pairs")]
    return {"chart": stacked_bars(rows, series), "rows": rows, "series": series} if rows else None


def my_mentor(user):
    return (
        Pair.objects.filter(mentee__user=user, state=PairState.ACTIVE)
        .select_related("appointment__staff_member__school", "track")
        .first()
    )


def is_mentor(user):
    return MentorAppointment.objects.filter(staff_member__user=user).exists()


def waiting_for_mentor(user, today):
    items = [
        Item(
            _("A meeting with %(name)s is due") % {"name": pair.mentee.full_name},
            1,
            link("mentorship:pair_detail", pair.pk),
        )
        for pair in meetings_due(user, today)[:5]
    ]
    upcoming = (
        Activity.objects.filter(participants__user=user, starts_at__gte=timezone.now())
        .order_by("starts_at", "pk")
        .first()
    )
    if upcoming:
        url = link("mentorship:activity_detail", upcoming.pk)
        items.append(Item(_("Next planned activity"), 1, url, detail=upcoming.topic))
    return items


def pairs_behind(user, today):
    counts = cadence_counts(user, today)
    return [
        Item(
            _("Mentor–mentee pairs behind the meeting cadence"),
            counts[CadenceState.BEHIND],
            link("mentorship:board", state=CadenceState.BEHIND),
        ),
        Item(
            _("Mentor–mentee pairs with no meeting logged"),
            counts[CadenceState.NO_LOG],
            link("mentorship:board", state=CadenceState.NO_LOG),
        ),
    ]


def waiting_for_director(user, today):
    return pairs_behind(user, today)


def waiting_for_methodist(user, today):
    ending = MentorAppointment.objects.for_user(user).in_state(AppointmentState.ENDING_SOON, today)
    return pairs_behind(user, today) + [
        Item(
            _("Mentor terms ending within 60 days"),
            ending.count(),
            link("mentorship:mentors", state=AppointmentState.ENDING_SOON),
        )
    ]


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
