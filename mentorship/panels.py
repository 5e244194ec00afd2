"""What mentorship offers the homes: mentors and pairs by track, a mentee's mentor, and what waits for a mentor."""

from datetime import timedelta

from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from core.charts import stacked_bars
from core.waiting import Item, link
from mentorship.models import (
    Activity,
    AppointmentState,
    MentorAppointment,
    Pair,
    PairState,
    Track,
    active_pairs_by_track,
    mentors_by_track,
)

NO_ACTIVITY_DAYS = 30


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
    now = timezone.now()
    recent = Activity.objects.filter(pair=OuterRef("pk"), starts_at__gte=now - timedelta(days=NO_ACTIVITY_DAYS))
    quiet = (
        Pair.objects.filter(appointment__staff_member__user=user, state=PairState.ACTIVE)
        .exclude(Exists(recent))
        .select_related("mentee")
        .order_by("mentee__surname")
    )
    items = [
        Item(
            _("No meeting logged for 30 days with %(name)s") % {"name": pair.mentee.full_name},
            1,
            link("mentorship:pair_detail", pair.pk),
        )
        for pair in quiet[:5]
    ]
    upcoming = Activity.objects.filter(participants__user=user, starts_at__gte=now).order_by("starts_at", "pk").first()
    if upcoming:
        items.append(
            Item(_("Next planned activity"), 1, link("mentorship:activity_detail", upcoming.pk), upcoming.topic)
        )
    return items


def waiting_for_methodist(user, today):
    ending = MentorAppointment.objects.for_user(user).in_state(AppointmentState.ENDING_SOON, today)
    return [
        Item(
            _("Mentor terms ending within 60 days"),
            ending.count(),
            link("mentorship:mentors", state=AppointmentState.ENDING_SOON),
        )
    ]
