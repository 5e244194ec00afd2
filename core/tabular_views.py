"""The pages every spreadsheet import shares: upload a file, check every row on the preview, then confirm.

The uploaded file waits under a random name in MEDIA_ROOT/imports/ between the preview and the confirmation
(`core.tabular.upload_keep`); the session holds only that name and the chosen target (a school, a course), which
the app's views look up through `for_user` again on every request. Confirmation checks the whole file once more
inside the transaction that writes it (`core.tabular.confirm`).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.db import IntegrityError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import tabular
from core.exports import FORMATS, export_response
from core.forms import CrispyFormMixin
from core.pagination import paginate

PREVIEW_PAGE_SIZE = 100
SHOW_CHOICES = ("all", *tabular.RowState.ALL, "warning")


class ImportForm(CrispyFormMixin, forms.Form):
    """A file and the target it goes to; `check` refuses a file that cannot be this import's at all."""

    submit_label = gettext_lazy("Check the file")
    file = forms.FileField(
        label=gettext_lazy("Spreadsheet"),
        help_text=gettext_lazy("An Excel workbook (.xlsx) or a CSV file, at most 5,000 rows and 5 MB."),
    )

    def check(self, data):
        raise NotImplementedError

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            if upload.size > tabular.MAX_BYTES:
                raise tabular.too_large()
            data = upload.read()
            self.check(data)
        except tabular.ImportFileError as error:
            raise forms.ValidationError(error.message, code=error.code) from None
        self.file_data = data
        return upload


def keep(request, key, form, **target):
    """Puts the form's file aside for the confirmation, remembering `target` (primary keys) in the session."""
    forget(request, key)
    request.session[key] = {
        "token": tabular.upload_keep(form.file_data),
        "name": form.cleaned_data["file"].name[:120],
        **target,
    }


def forget(request, key):
    pending = request.session.pop(key, None)
    if pending:
        tabular.upload_discard(pending.get("token"))


def waiting_file(request, key, upload_url):
    """(pending, data, refusal): the file waiting for confirmation, or a redirect to the upload page (refusal)
    when there is none any more."""
    pending = request.session.get(key)
    data = tabular.upload_read(pending.get("token")) if pending else None
    if data is None:
        if pending:
            forget(request, key)
            messages.error(request, _("The uploaded file is no longer kept. Upload it again."))
        else:
            messages.info(request, _("Upload a file first."))
        return pending, None, redirect(upload_url)
    return pending, data, None


def file_refused(request, key, error, upload_url):
    """A waiting file that is refused as a whole (ImportFileError) is put aside, with the reason."""
    forget(request, key)
    messages.error(request, error.message)
    return redirect(upload_url)


def cancelled(request, key, upload_url):
    forget(request, key)
    messages.info(request, _("The file has been put aside; nothing was written."))
    return redirect(upload_url)


def column_list(spec, required):
    """The columns an upload page lists: (title, whether required)."""
    return [(column.title, column.field in required) for column in spec]


def row_labels(new, changed, unchanged, warnings=True):
    """The preview's tab titles; an import names its new, changed and unchanged rows in its own words. An import
    whose rows never warn has no warnings tab."""
    labels = {"all": _("All rows"), "new": new, "changed": changed, "unchanged": unchanged, "error": _("Errors")}
    if warnings:
        labels["warning"] = _("Warnings")
    return labels


def preview_page(request, template, preview, labels, context):
    """The preview, one tab of rows at a time; a file with errors opens on its errors."""
    counts = preview.counts
    show = request.GET.get("show") or ("error" if counts[tabular.RowState.ERROR] else "all")
    if show not in labels:
        show = "all"
    numbers = {**counts, "all": sum(counts.values()), "warning": preview.warning_count}
    return render(
        request,
        template,
        {
            "preview": preview,
            "counts": counts,
            "tabs": [(key, labels[key], numbers[key]) for key in SHOW_CHOICES if key in labels],
            "show": show,
            "page": paginate(request, preview.rows_to_show(show), per_page=PREVIEW_PAGE_SIZE),
            "labels": labels,
            **context,
        },
    )


@dataclass(frozen=True)
class Flow:
    """One import's check-and-confirm pages: what is kept in the session under `key`, how the target (a school,
    a course) is found again through `for_user` from what was kept, and what previewing, writing and reporting
    mean for this import. `conflict` is the message for a write refused by the database because someone changed
    the same rows meanwhile (None: such a write is not expected)."""

    key: str
    upload_url: str
    confirm_url: str
    target: Callable  # (request, pending) -> the target (None for the reader's office), or 404
    target_name: str  # what the preview template calls it
    preview: Callable  # (data, target, user) -> Preview
    apply: Callable  # (data, target, by) -> Result
    preview_template: str
    labels: Callable  # () -> row_labels(...)
    result_message: Callable  # (result) -> the success message
    done: Callable  # (target) -> where the reader goes after writing
    # The upload page (`upload`), for the imports that have one of their own
    upload_template: str = ""  # extends imports/upload.html with the words about the import's rows
    title: str = ""
    crumb: str = ""
    template_url: str = ""  # the empty workbook to fill
    target_field: str = ""  # the form's field naming the target, kept in the session by its primary key
    columns: tuple = ()  # (spec, required), listed on the upload page
    errors_filename: Callable | None = None  # () -> the error list's file name, if the import offers one
    error_columns: tuple = ()  # the columns that say which row an error is in
    conflict: Callable | None = None  # () -> message


def upload(request, flow, form):
    """The upload page: a valid file is put aside with its target, and the reader goes on to its check."""
    if request.method == "POST" and form.is_valid():
        keep(request, flow.key, form, **{flow.target_field: form.cleaned_data[flow.target_field].pk})
        return redirect(flow.confirm_url)
    context = {
        "form": form,
        "flow": flow,
        "pending": request.session.get(flow.key),
        "columns": column_list(*flow.columns),
    }
    return render(request, flow.upload_template, context)


def _waiting_target(request, flow):
    pending, data, refusal = waiting_file(request, flow.key, flow.upload_url)
    if refusal:
        return None, None, None, refusal
    return pending, flow.target(request, pending), data, None


def confirm(request, flow):
    """The preview of the waiting file (GET) and its confirmation (POST): every row is written, or none."""
    pending, target, data, refusal = _waiting_target(request, flow)
    if refusal:
        return refusal
    try:
        if request.method == "POST":
            result = flow.apply(data, target, request.user)
        else:
            preview = flow.preview(data, target, request.user)
    except tabular.ImportRefused as refused:
        messages.error(request, refused.message)
        return redirect(flow.confirm_url)
    except tabular.ImportFileError as error:
        return file_refused(request, flow.key, error, flow.upload_url)
    except IntegrityError:
        if flow.conflict is None:
            raise
        messages.error(request, flow.conflict())
        return redirect(flow.confirm_url)
    if request.method == "POST":
        forget(request, flow.key)
        messages.success(request, flow.result_message(result))
        return redirect(flow.done(target))
    context = {flow.target_name: target, "pending": pending}
    return preview_page(request, flow.preview_template, preview, flow.labels(), context)


def errors(request, flow):
    """The waiting file's rows with errors as a CSV file (`errors_response`)."""
    _pending, target, data, refusal = _waiting_target(request, flow)
    if refusal:
        return refusal
    try:
        preview = flow.preview(data, target, request.user)
    except tabular.ImportFileError as error:
        return file_refused(request, flow.key, error, flow.upload_url)
    return errors_response(preview, flow.errors_filename(), flow.error_columns)


def errors_response(preview, filename, columns):
    """The rows with errors as a CSV file, to fix the spreadsheet beside it: each row's number, the cells of
    `columns` that say which row it is, and its problems."""
    headers = [_("Row"), *(str(column.title) for column in columns), _("Problem")]
    rows = [
        [row.line, *(row.values.get(column.field, "") for column in columns), " ".join(row.errors)]
        for row in preview.rows
        if row.errors
    ]
    return export_response("csv", filename, headers, rows)


def workbook_response(content, filename):
    response = HttpResponse(content, content_type=FORMATS["xlsx"])
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=f"{filename}.xlsx")
    return response
