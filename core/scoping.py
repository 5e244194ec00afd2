"""The one scoping mechanism: every queryset a view touches goes through `for_user(user)`.

A user's role and the office, school or staff record they belong to are data on the user. Each scoped
model says how it reaches an office, a school and a staff member (`ScopePaths`); `for_user` turns the
user's scope into one filter. Whatever falls outside is simply absent, so views answer 404 for it.
"""

from dataclasses import dataclass
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    METHODIST = "methodist", _("District methodist")
    DIRECTOR = "director", _("School director or deputy")
    TEACHER = "teacher", _("Teacher")


@dataclass(frozen=True)
class ScopePaths:
    """Lookups from a model to its office, school and staff member; None where there is no such link."""

    office: str | None = None
    school: str | None = None
    staff: str | None = None


@dataclass(frozen=True)
class Scope:
    role: str
    office_id: int | None = None
    school_id: int | None = None
    staff_id: int | None = None
    everything: bool = False
    time_zone: str = ""  # the office's, for its own "today" (core.clock)


NOTHING = Scope(role="")


class ScopedQuerySet(models.QuerySet):
    def for_user(self, user):
        scope = getattr(user, "scope", NOTHING) if user.is_authenticated else NOTHING
        return self.for_scope(scope)

    def for_scope(self, scope):
        if scope.everything:
            return self.all()
        paths = self.model.scope_paths
        # Each role filters by the most specific link the model has: a catalogue that belongs to an
        # office is visible to that office's directors and teachers too.
        if scope.role == Role.METHODIST:
            candidates = [(paths.office, scope.office_id)]
        elif scope.role == Role.DIRECTOR:
            candidates = [(paths.school, scope.school_id), (paths.office, scope.office_id)]
        elif scope.role == Role.TEACHER:
            candidates = [
                (paths.staff, scope.staff_id),
                (paths.school, scope.school_id),
                (paths.office, scope.office_id),
            ]
        else:
            candidates = []
        for lookup, value in candidates:
            if lookup:
                return self.filter(**{lookup: value}) if value else self.none()
        return self.none()


def role_required(*roles):
    """Lets a view run only for the given roles (site administrators always pass)."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            scope = request.user.scope
            if not (scope.everything or scope.role in roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def own_office_id(user):
    """The office an office-level page works in (its settings, its catalogue, a new record of it).

    A site administrator belongs to no office: such pages answer 404, and the administration is where they
    edit an office's records.
    """
    office_id = user.scope.office_id
    if office_id is None:
        raise Http404
    return office_id
