from django.shortcuts import render

from core.scoping import Role, role_required
from home.dashboard import panels_for


def home(request):
    """Each role's home: what waits for the reader first, then the panels of the apps they work in."""
    return render(request, "home/home.html", panels_for(request.user, session=request.session))


@role_required(Role.METHODIST, Role.DIRECTOR)
def import_index(request):
    """The imports of every app on one page: the staff list (schools) and, for a methodist, a course's cohort."""
    return render(request, "home/import_index.html")
