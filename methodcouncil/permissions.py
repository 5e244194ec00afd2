"""Who may do what with a council, on top of scoping: scope decides what a user can see at all (the rest
is a 404); these checks decide what they may change within it.

- The director runs the school's council (a methodist runs a district-level council of their office):
  members, associations, plan, documents, meetings, minutes, signing.
- The council's secretary keeps the meetings and their minutes.
- The chair (or the director) signs a protocol.
- A methodist follows every school's council read-only; a teacher sees a council they sit on.
"""

from django.db.models import Q

from core.scoping import Role
from methodcouncil.models import Council, CouncilMember, CouncilRole


def _holds_role(user, council, roles):
    return CouncilMember.objects.filter(council=council, staff_member__user=user, role__in=roles).exists()


def can_manage_council(user, council):
    scope = user.scope
    if scope.everything:
        return True
    if council.school_id:
        return scope.role == Role.DIRECTOR and scope.school_id == council.school_id
    return scope.role == Role.METHODIST and scope.office_id == council.office_id


def can_edit_council(user, council):
    """Meetings, agenda, attendance, minutes, decisions, amendments: the council's runner or its secretary."""
    return can_manage_council(user, council) or _holds_role(user, council, [CouncilRole.SECRETARY])


def can_sign_council_minutes(user, council):
    return can_manage_council(user, council) or _holds_role(user, council, [CouncilRole.CHAIR])


def can_view_council(user, council):
    """For a council already fetched through `for_user`: leaders see it; a teacher only if they sit on it."""
    if user.scope.everything or user.scope.role in (Role.METHODIST, Role.DIRECTOR):
        return True
    return CouncilMember.objects.filter(council=council, staff_member__user=user).exists()


def councils_seen_by(user):
    """The same rule as `can_view_council`, as a queryset: for lists, and for records reached without the council."""
    councils = Council.objects.for_user(user)
    if user.scope.everything or user.scope.role in (Role.METHODIST, Role.DIRECTOR):
        return councils
    return councils.filter(pk__in=CouncilMember.objects.filter(staff_member__user=user).values("council"))


def councils_editable_by(user):
    """The same rule as `can_edit_council`, as a queryset: for pages that list many councils' rows at once."""
    councils = Council.objects.for_user(user)
    scope = user.scope
    if scope.everything:
        return councils
    if scope.role == Role.DIRECTOR:
        return councils.filter(Q(school_id=scope.school_id) | secretary_of(user))
    if scope.role == Role.METHODIST:
        return councils.filter(Q(school__isnull=True, office_id=scope.office_id) | secretary_of(user))
    return councils.filter(secretary_of(user))


def secretary_of(user):
    return Q(
        pk__in=CouncilMember.objects.filter(staff_member__user=user, role=CouncilRole.SECRETARY).values("council_id")
    )
