"""What other pages read from the councils: a person's latest recommendation, for the attestation list."""

import itertools

from methodcouncil.models import MeetingState, Recommendation, RecommendationKind

ATTESTATION_KINDS = (RecommendationKind.ATTESTATION, RecommendationKind.CATEGORY)


def latest_recommendations(user, staff_ids):
    """{staff id: the newest recommendation for attestation or a category} from signed minutes the reader may
    see; minutes still in draft can change, so they recommend nothing yet. One query per 2,000 people."""
    latest = {}
    for chunk in itertools.batched(sorted(set(staff_ids)), 2000):
        recommendations = (
            Recommendation.objects.for_user(user)
            .filter(
                staff_member_id__in=chunk,
                kind__in=ATTESTATION_KINDS,
                decision__agenda_item__meeting__state=MeetingState.SIGNED,
            )
            .select_related("decision__agenda_item__meeting__council")
            .order_by("staff_member_id", "-decision__agenda_item__meeting__date", "-pk")
        )
        for recommendation in recommendations:
            latest.setdefault(recommendation.staff_member_id, recommendation)
    return latest
