"""What the league offers the methodist's home: this year's league and its progress towards the goal."""

from partners.models import League
from partners.selectors import league_progress


def league(user):
    current = League.objects.for_user(user).order_by("-academic_year").first()
    return {"league": current, "progress": league_progress(current)} if current else None
