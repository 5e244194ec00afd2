"""Exchange with national systems: the office's export keyed by personal number, and the import of attestation
results from the same columns (upload, check every row, confirm all or nothing). For the office's methodists."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core import clock, tabular
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


@role_required(Role.METHODIST)
def import_check(request):
    """The preview (GET) and the confirmation (POST) of the file waiting in the session."""
    own_office_id(request.user)
    pending, data, refusal = pages.waiting_file(request, SESSION_KEY, UPLOAD_URL)
    if refusal:
        return refusal
    try:
        if request.method == "POST":
            counts = importing.import_apply(data=data, user=request.user)
        else:
            preview = importing.import_preview(data=data, user=request.user)
    except tabular.ImportRefused as refused:
        messages.error(request, refused.message)
        return redirect("qualification:exchange_import")
    except tabular.ImportFileError as error:
        return pages.file_refused(request, SESSION_KEY, error, UPLOAD_URL)
    if request.method == "POST":
        pages.forget(request, SESSION_KEY)
        messages.success(
            request,
            _("Attestation results written: %(new)s new, %(changed)s changed, %(unchanged)s unchanged.") % counts,
        )
        return redirect("home:attestation")
    labels = pages.row_labels(new=_("New"), changed=_("Changed"), unchanged=_("Unchanged"), warnings=False)
    return pages.preview_page(request, "qualification/exchange_import.html", preview, labels, {"pending": pending})


@require_POST
@role_required(Role.METHODIST)
def import_cancel(request):
    return pages.cancelled(request, SESSION_KEY, UPLOAD_URL)
