"""Pages that compose every app around attestation: the attestation list with the council's recommendation,
and one teacher's attestation file (PDF) with the ZIP of the scans behind it."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.http import content_disposition_header
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from certificates.pdf import render_pdf
from core import clock, versions
from core.exports import export_response
from core.pagination import paginate
from core.scoping import Role, role_required
from home.attestation_file import attestation_file, scans_zip
from methodcouncil.selectors import latest_recommendations
from qualification.attestation_list import attestation_list, finish_rows
from qualification.models import RenewalState
from schools.models import StaffMember


@role_required(Role.METHODIST, Role.DIRECTOR)
def attestation(request):
    """The attestation list. Under its title it changes only when someone's standing, name, school,
    attestation or signed recommendation changes, so that part is kept per office version, language, day and
    filters like the status page's (`core.versions`)."""
    today = clock.today()
    export_format = request.GET.get("export")
    if export_format:
        listing = attestation_list(request.user, request.GET, today)
        return _attestation_export(export_format, _rows(request.user, listing, list(listing.people)))
    filters = sorted((key, values) for key, values in request.GET.lists())
    body = versions.cached_for(
        request.user.scope, "attestation", lambda: _body(request, today), get_language(), today, filters
    )
    return render(request, "qualification/attestation.html", {"body": body})


def _rows(user, listing, people):
    """The shown people with their due dates, missing hours, next attestation and the council's word."""
    finish_rows(people, listing)
    recommendations = latest_recommendations(user, [person.pk for person in people])
    for person in people:
        person.recommendation = recommendations.get(person.pk)
    return people


def _body(request, today):
    listing = attestation_list(request.user, request.GET, today)
    page = paginate(request, listing.people, per_page=100)
    _rows(request.user, listing, page.object_list)
    context = {
        "filter": listing.filter,
        "page": page,
        "policy": listing.policy,
        "attestation_due": listing.attestation_due,
        "due_this_year": listing.due_this_year,
    }
    return render_to_string("qualification/attestation.html#body", context, request=request)


def _recommendation_text(recommendation):
    if recommendation is None:
        return ""
    meeting = recommendation.decision.agenda_item.meeting
    text = recommendation.get_kind_display()
    if recommendation.details:
        text += f": {recommendation.details}"
    return f"{text} ({meeting})"


def _attestation_export(export_format, people):
    headers = [
        _("Name"),
        _("School"),
        _("Position"),
        _("Category"),
        _("Next attestation"),
        _("State"),
        _("Valid until / due"),
        _("Missing hours"),
        _("Council's recommendation"),
    ]
    rows = [
        [
            person.full_name,
            person.school.name,
            person.get_position_display(),
            person.category_name or "",
            person.next_attestation,
            RenewalState(person.renewal_state).label,
            person.due_date,
            person.missing_hours,
            _recommendation_text(person.recommendation),
        ]
        for person in people
    ]
    return export_response(export_format, _("attestation-list"), headers, rows, widths={0: 36, 1: 30, 8: 50})


def _person(request, pk):
    """The person, if the reader may see them: the teacher, their director, the office's methodists."""
    return get_object_or_404(StaffMember.objects.for_user(request.user), pk=pk)


def attestation_file_pdf(request, pk):
    """One teacher's attestation file as a PDF, in the reader's language."""
    person = _person(request, pk)
    context = attestation_file(person)
    context["language"] = (get_language() or "ru")[:2]
    pdf = render_pdf("home/attestation_file.html", context, "attestation_file.css")
    filename = f"{person.surname} {person.given_name} attestation.pdf"
    return HttpResponse(
        pdf, content_type="application/pdf", headers={"Content-Disposition": content_disposition_header(True, filename)}
    )


def attestation_file_scans(request, pk):
    """The uploaded scans behind the attestation file, as one ZIP; scoped exactly like the PDF."""
    person = _person(request, pk)
    filename = f"{person.surname} {person.given_name} scans.zip"
    return HttpResponse(
        scans_zip(person),
        content_type="application/zip",
        headers={"Content-Disposition": content_disposition_header(True, filename)},
    )
