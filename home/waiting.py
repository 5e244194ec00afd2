"""What waits for the reader: the first panel of every home, gathered from the apps' own panels per role.

One query per item, whatever the number of rows (see each app's `panels.py`).
"""

from django.utils.translation import gettext_lazy as _

from certificates import panels as certificates
from core.waiting import Item, link
from mentorship import panels as mentorship
from methodcouncil import panels as methodcouncil
from qualification import panels as qualification
from schools.models import StaffMember

# An import waiting in the methodist's session for its confirmation: (session key, label, confirmation page).
UNCONFIRMED_IMPORTS = (
    ("import_staff", _("A staff list waits for your confirmation"), "schools:import_staff_confirm"),
    ("import_cohort", _("A cohort file waits for your confirmation"), "cohort_import:confirm"),
)


def for_methodist(user, today, session=None):
    items = certificates.waiting_for_methodist(user)
    items += mentorship.waiting_for_methodist(user, today)
    items += qualification.waiting_for_methodist(user, today)
    for key, label, confirm in UNCONFIRMED_IMPORTS:
        if session is not None and session.get(key):
            items.append(Item(str(label), 1, link(confirm), detail=session[key].get("name", "")))
    return items


def for_director(user, today):
    return (
        qualification.waiting_for_director(user, today)
        + methodcouncil.waiting_for_director(user, today)
        + mentorship.waiting_for_director(user, today)
    )


def for_teacher(user, today):
    person = StaffMember.objects.filter(user=user).first()
    if person is None:
        return []
    return (
        qualification.waiting_for_teacher(person)
        + methodcouncil.waiting_for_teacher(user, person)
        + certificates.waiting_for_teacher(user, today)
    )


def waiting_for(user, today, session=None):
    """The items of every role the reader has: a director who mentors sees both lists."""
    items = []
    if user.is_methodist:
        items += for_methodist(user, today, session)
    if user.is_director:
        items += for_director(user, today)
    if user.is_teacher:
        items += for_teacher(user, today)
    if user.is_authenticated and mentorship.is_mentor(user):
        items += mentorship.waiting_for_mentor(user, today)
    return items
