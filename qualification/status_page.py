"""The staff course status page: each person's renewal state, due date and last counted course.

Every director of a district opens it in the same hour at the start of a school year, and it changes only
when someone's standing, name, school or planned courses change. So everything under the page's title (the
state counts, the filter form with the office's schools, the table and its pages) is drawn once per office
version, language, day and filters and kept in the shared cache (`core.versions`); a reader pays for the
session, the user row, one read of the cache and the site's frame around it. Measured on the district bench
(`python -m bench`): drawing that part is about two thirds of the page's time and its six queries the rest.
"""

from django.db.models import Prefetch
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core import clock, versions
from core.exports import export_response
from core.pagination import paginate
from core.scoping import Role, role_required
from qualification.filters import RenewalStatusFilter
from qualification.models import RenewalState
from qualification.renewal import attach_due_dates, school_state_counts, state_counts, with_renewal
from schools.models import StaffMember

# Filters that choose the rows or their order: the state counts are of everyone the other filters keep.
ROW_CHOICES = ("state", "page", "order")


def _people(request):
    staff = with_renewal(
        StaffMember.objects.for_user(request.user)
        .filter(is_active=True)
        .select_related("school")
        .prefetch_related(Prefetch("subjects", to_attr="subject_list"))
    )
    status_filter = RenewalStatusFilter(request.GET or None, queryset=staff, user=request.user)
    return staff, status_filter


@role_required(Role.METHODIST, Role.DIRECTOR)
def status(request):
    export_format = request.GET.get("export")
    if export_format:
        staff, status_filter = _people(request)
        return _status_export(export_format, status_filter.qs if status_filter.is_bound else staff)
    filters = sorted((key, values) for key, values in request.GET.lists())
    body = versions.cached_for(
        request.user.scope, "status", lambda: _body(request), get_language(), clock.today(), filters
    )
    return render(request, "qualification/status.html", {"body": body})


@role_required(Role.METHODIST)
def overview(request):
    """The district's schools with how many of their staff are in each state."""
    schools = school_state_counts(request.user, clock.today())
    totals = {state: sum(school[state] for school in schools) for state in RenewalState.values}
    return render(
        request, "qualification/overview.html", {"schools": schools, "totals": totals, "states": RenewalState}
    )


def _body(request):
    """The counts, the filter form, the table and its pages, as markup."""
    staff, status_filter = _people(request)
    people = status_filter.qs if status_filter.is_bound else staff
    counts = state_counts(status_filter.qs_without(ROW_CHOICES))
    page = paginate(
        request, people.order_by("renewal_rank", "surname", "given_name") if not request.GET.get("order") else people
    )
    attach_due_dates(page.object_list)
    context = {"filter": status_filter, "page": page, "counts": counts}
    return render_to_string("qualification/status.html#body", context, request=request)


def _status_export(export_format, people):
    people = attach_due_dates(list(people.order_by("school__number", "surname", "given_name")))
    headers = [
        _("Surname"),
        _("Given name"),
        _("Patronymic"),
        _("School"),
        _("Position"),
        _("Subjects"),
        _("Last counted course"),
        _("Started on"),
        _("Completed on"),
        _("Valid until / due"),
        _("State"),
    ]
    rows = []
    for person in people:
        last = person.renewal.last_record if person.renewal_state != RenewalState.NO_RECORD else None
        rows.append(
            [
                person.surname,
                person.given_name,
                person.patronymic,
                person.school.name,
                person.get_position_display(),
                ", ".join(str(subject) for subject in person.subject_list),
                last.course.title if last else "",
                last.started_on if last else None,
                last.completed_on if last else None,
                person.due_date,
                RenewalState(person.renewal_state).label,
            ]
        )
    return export_response(export_format, _("course-status"), headers, rows, widths={0: 20, 1: 16, 2: 20, 3: 30, 6: 40})
