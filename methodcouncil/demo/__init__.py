"""Demo data for the methodical councils: every demo school has a council for the current academic year
(2026–2027) and the previous one.

`minutes` holds what the councils say, side by side in the three languages; `years` the calendar of meetings
and deadlines; `seed` generates each council from them. A school whose council for a year exists already
gets nothing new for that year, so running again changes nothing.
"""

import random

from django.db import transaction

from core.scoping import Role
from methodcouncil.demo.seed import Councils
from methodcouncil.demo.years import CURRENT_YEAR, DEMO_SECRETARY, PREVIOUS_YEAR
from methodcouncil.models import Council, Decision, Meeting, Recommendation
from schools.models import School, StaffMember, User

__all__ = ["CURRENT_YEAR", "PREVIOUS_YEAR", "seed_methodcouncil"]


@transaction.atomic
def seed_methodcouncil():
    """Creates the councils missing for the current and previous academic year of every demo school."""
    rng = random.Random(2003)
    schools = list(School.objects.filter(office__code__in=["АБ", "ҚО"]).select_related("office").order_by("pk"))
    existing = set(Council.objects.filter(school__in=schools).values_list("school_id", "academic_year"))
    missing = [(school, year) for school in schools for year in (PREVIOUS_YEAR, CURRENT_YEAR)]
    missing = [(school, year) for school, year in missing if (school.pk, year) not in existing]
    if missing:
        staff = {}
        for person in StaffMember.objects.filter(school__in=schools, is_active=True).order_by("pk"):
            staff.setdefault(person.school_id, []).append(person)
        director_users = dict(
            User.objects.filter(role=Role.DIRECTOR, school__in=schools).order_by("pk").values_list("school_id", "pk")
        )
        director_users = {school_id: User(pk=pk) for school_id, pk in director_users.items()}
        demo_teacher = StaffMember.objects.filter(user__username=DEMO_SECRETARY).first()
        councils = Councils(rng)
        for school, year in missing:
            councils.plan_council(school, year, staff.get(school.pk, []), director_users, demo_teacher)
        councils.write()

    councils = Council.objects.filter(school__in=schools)
    return {
        "councils": councils.count(),
        "council meetings": Meeting.objects.filter(council__in=councils).count(),
        "council decisions": Decision.objects.filter(agenda_item__meeting__council__in=councils).count(),
        "council recommendations": Recommendation.objects.filter(
            decision__agenda_item__meeting__council__in=councils
        ).count(),
    }
