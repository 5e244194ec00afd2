"""Exchange with national systems: the office's export keyed by personal number, and the import of attestation
results from the same columns (upload, check every row, confirm all or nothing). For the office's methodists."""

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core import clock
from core import tabular_views as pages
from core.exports import export_response
from core.scoping import Role, own_office_id, role_required
from qualification import attestation_import as importing
from qualification.exchange import COLUMNS, IMPORTED, export_people, export_rows, people_counts

SESSION_KEY = "attestation_import"
UPLOAD_URL = "qualification:exchange"


class AttestationImportForm(pages.ImportForm):
    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["file"].help_text = gettext_lazy(
            "The exported file with the attestation columns filled in: XLSX or CSV, at most 5 MB."
        )

    def check(self, data):
        importing.import_preview(data=data, user=self.user)


@role_required(Role.METHODIST)
def exchange(request):
    """The export's two formats, what it leaves out, and the upload of attestation results."""
    own_office_id(request.user)
    today = clock.today()
    export_format = request.GET.get("export")
    if export_format:
        people, listing = export_people(request.user, today)
        return export_response(
            export_format,
            _("staff-development-records"),
            [column.title for column in COLUMNS],
            export_rows(people, listing, today),
            widths={index: column.width for index, column in enumerate(COLUMNS)},
        )
    exported, without_number = people_counts(request.user, today)
    form = AttestationImportForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        pages.keep(request, SESSION_KEY, form)
        return redirect("qualification:exchange_import")
    return render(
        request,
        "qualification/exchange.html",
        {
            "form": form,
            "columns": COLUMNS,
            "imported": IMPORTED,
            "exported": exported,
            "without_number": without_number,
            "pending": request.session.get(SESSION_KEY),
        },
    )


FLOW = pages.Flow(
    key=SESSION_KEY,
    upload_url=UPLOAD_URL,
    confirm_url="qualification:exchange_import",
    target=lambda request, pending: None,  # the reader's office
    target_name="office",
    preview=lambda data, _office, user: importing.import_preview(data=data, user=user),
    apply=lambda data, _office, by: importing.import_apply(data=data, user=by),
    preview_template="qualification/exchange_import.html",
    labels=lambda: pages.row_labels(new=_("New"), changed=_("Changed"), unchanged=_("Unchanged"), warnings=False),
    result_message=lambda counts: (
        _("Attestation results written: %(new)s new, %(changed)s changed, %(unchanged)s unchanged.") % counts
    ),
    done=lambda _office: reverse("home:attestation"),
)


@role_required(Role.METHODIST)
def import_check(request):
    """The preview (GET) and the confirmation (POST) of the file waiting in the session."""
    own_office_id(request.user)
    return pages.confirm(request, FLOW)


@require_POST
@role_required(Role.METHODIST)
def import_cancel(request):
    return pages.cancelled(request, SESSION_KEY, UPLOAD_URL)
