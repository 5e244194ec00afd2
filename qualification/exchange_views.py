"""Exchange with national systems: the office's export keyed by personal number, and the import of attestation
results from the same columns (upload, check every row, confirm all or nothing). For the office's methodists."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core import clock
from core.exports import export_response
from core.forms import CrispyFormMixin
from core.pagination import paginate
from core.scoping import Role, own_office_id, role_required
from core.tabular import MAX_BYTES
from qualification import attestation_import as importing
from qualification.exchange import COLUMNS, IMPORTED, export_people, export_rows, people_counts

SESSION_KEY = "attestation_import"
SHOW = ("all", "error", "new", "changed", "unchanged")


class AttestationImportForm(CrispyFormMixin, forms.Form):
    submit_label = gettext_lazy("Check the file")
    file = forms.FileField(
        label=gettext_lazy("Spreadsheet"),
        help_text=gettext_lazy("The exported file with the attestation columns filled in: XLSX or CSV, at most 5 MB."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(limit)s MB. Split it into smaller files.") % {"limit": MAX_BYTES // 2**20}
            )
        self.data_bytes = upload.read()
        try:
            importing.import_preview(data=self.data_bytes, user=self.user)
        except importing.AttestationImportError as error:
            raise forms.ValidationError(error.message) from None
        return upload

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user


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
        _forget(request)
        request.session[SESSION_KEY] = {
            "token": importing.upload_keep(form.data_bytes),
            "name": form.cleaned_data["file"].name[:120],
        }
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


def _forget(request):
    pending = request.session.pop(SESSION_KEY, None)
    if pending:
        importing.upload_discard(pending.get("token"))


def _waiting_file(request):
    pending = request.session.get(SESSION_KEY)
    data = importing.upload_read(pending.get("token")) if pending else None
    if data is None:
        _forget(request)
        messages.info(request, _("Upload a file first."))
    return pending, data


@role_required(Role.METHODIST)
def import_check(request):
    """The preview (GET) and the confirmation (POST) of the file waiting in the session."""
    own_office_id(request.user)
    pending, data = _waiting_file(request)
    if data is None:
        return redirect("qualification:exchange")
    try:
        if request.method == "POST":
            counts = importing.import_apply(data=data, user=request.user)
        else:
            preview = importing.import_preview(data=data, user=request.user)
    except importing.AttestationImportRefused as refused:
        messages.error(request, refused.message)
        return redirect("qualification:exchange_import")
    except importing.AttestationImportError as error:
        _forget(request)
        messages.error(request, error.message)
        return redirect("qualification:exchange")
    if request.method == "POST":
        _forget(request)
        messages.success(
            request,
            _("Attestation results written: %(new)s new, %(changed)s changed, %(unchanged)s unchanged.") % counts,
        )
        return redirect("home:attestation")
    counts = preview.counts
    show = request.GET.get("show") or ("error" if counts["error"] else "all")
    if show not in SHOW:
        show = "all"
    rows = preview.rows if show == "all" else [row for row in preview.rows if row.state == show]
    labels = {
        "all": _("All rows"),
        "error": _("Errors"),
        "new": _("New"),
        "changed": _("Changed"),
        "unchanged": _("Unchanged"),
    }
    tabs = [(key, labels[key], len(preview.rows) if key == "all" else counts[key]) for key in SHOW]
    return render(
        request,
        "qualification/exchange_import.html",
        {
            "preview": preview,
            "counts": counts,
            "page": paginate(request, rows, per_page=100),
            "tabs": tabs,
            "show": show,
            "pending": pending,
        },
    )


@require_POST
@role_required(Role.METHODIST)
def import_cancel(request):
    _forget(request)
    messages.info(request, _("The file has been put aside; nothing was written."))
    return redirect("qualification:exchange")
