"""What the methodical councils offer the homes: decisions by status, and what waits for signing or doing."""

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from core.waiting import Item, link
from methodcouncil.filters import THIS_WEEK
from methodcouncil.models import Council, Decision, DecisionState, DecisionStatus, Meeting


def council_decisions(user, today, responsible=None):
    decisions = Decision.objects.for_user(user)
    if responsible is not None:
        decisions = decisions.filter(responsible=responsible)
    counts = dict.fromkeys(DecisionStatus.values, 0)
    for row in decisions.with_status(today).values("status").annotate(total=Count("pk")):
        counts[row["status"]] = row["total"]
    return [(DecisionStatus(status).label, status, counts[status]) for status in DecisionStatus.values]


def waiting_for_director(user, today):
    items = [
        Item(
            _("Council decisions due this week"),
            Decision.objects.for_user(user).due_this_week(today).count(),
            link("methodcouncil:decisions", due=THIS_WEEK),
        )
    ]
    # Minutes to sign: one item per council that has any (a school has one council a year).
    unsigned = (
        Council.objects.for_user(user)
        .annotate(unsigned=Count("meetings", filter=Q(meetings__in=Meeting.objects.unsigned(today))))
        .filter(unsigned__gt=0)
        .order_by("-academic_year")
    )
    for council in unsigned:
        items.append(
            Item(
                _("Minutes held but not signed"),
                council.unsigned,
                link("methodcouncil:meetings", council.pk, unsigned=1),
                detail=f"{council.name} {council.year_label}",
            )
        )
    return items


def waiting_for_teacher(user, person):
    return [
        Item(
            _("Council decisions you answer for"),
            Decision.objects.for_user(user).filter(responsible=person, state=DecisionState.OPEN).count(),
            link("methodcouncil:mine"),
        )
    ]
