"""The home page of each role: what waits first, then the figures people open Ustat for, as charts with tables.

Each panel is defined by its own app (`<app>/panels.py`) and returns what its template part needs; every query
goes through `for_user`, so a panel shows only what the role may see. This module only chooses them per role.
"""

from django.utils.translation import gettext as _

from certificates import panels as certificates
from core import clock
from home.waiting import waiting_for
from mentorship import panels as mentorship
from methodcouncil import panels as methodcouncil
from partners import panels as partners
from qualification import panels as qualification


def panels_for(user, session=None):
    today = clock.today()
    context = {"today": today, "waiting": [item for item in waiting_for(user, today, session) if item.count]}
    overseer = user.is_methodist or user.is_director or user.scope.everything
    if overseer:
        context["renewal"] = qualification.renewal_by_school(user, today)
        context["renewal_title"] = _("Course renewal by school")
    if user.is_methodist or user.scope.everything:
        context["completions"] = qualification.completions_per_month(user, today)
        context["league"] = partners.league(user)
    if overseer:
        context["mentorship"] = mentorship.mentors_and_pairs_by_track(user, today)
        context["decisions"] = methodcouncil.council_decisions(user, today)
    if user.is_director:
        context["due_soon_people"] = qualification.due_within_a_year(user, today)
    if user.is_teacher:
        context["standing"] = qualification.teacher_standing(user, today)
        context["my_certificates"] = certificates.my_certificates(user)
        context["my_mentor"] = mentorship.my_mentor(user)
        if context["standing"]:
            context["my_decisions"] = methodcouncil.council_decisions(user, today, responsible=context["standing"])
    return context
