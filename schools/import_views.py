"""Spreadsheet imports: upload a file, check every row on the preview, then confirm (all rows or none).

The uploaded file waits under a random name in MEDIA_ROOT/imports/ between the preview and the confirmation;
the session holds only that name and the chosen school or course, which are looked up through `for_user` again
on every request. Confirmation checks the whole file once more inside the transaction that writes it.
"""

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.db import IntegrityError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from core.exports import FORMATS, export_response
from core.forms import CrispyFormMixin
from core.pagination import paginate
from core.scoping import Role, role_required
from qualification.models import Course
from schools import imports
from schools.models import School

STAFF = "import_staff"  # session keys of the file waiting for confirmation
COHORT = "import_cohort"
PREVIEW_PAGE_SIZE = 100
SHOW_CHOICES = ("all", *imports.RowState.ALL, "warning")


class ImportForm(CrispyFormMixin, forms.Form):
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
            if upload.size > imports.MAX_BYTES:
                raise imports.too_large()
            data = upload.read()
            self.check(data)
        except imports.ImportFileError as error:
            raise forms.ValidationError(error.message, code=error.code) from None
        self.file_data = data
        return upload


class StaffImportForm(ImportForm):
    school = forms.ModelChoiceField(label=gettext_lazy("School"), queryset=School.objects.none())
    field_order = ["school", "file"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = School.objects.for_user(user)
        if user.is_director:
            # A director imports into their own school only.
            self.fields["school"].initial = user.scope.school_id
            self.fields["school"].disabled = True

    def check(self, data):
        imports.check_staff_file(data)


class CohortImportForm(ImportForm):
    course = forms.ModelChoiceField(label=gettext_lazy("Course"), queryset=Course.objects.none())
    field_order = ["course", "file"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = Course.objects.for_user(user).select_related("provider")

    def check(self, data):
        imports.check_cohort_file(data)


def _keep(request, key, form, **target):
    _forget(request, key)
    request.session[key] = {
        "token": imports.upload_keep(form.file_data),
        "name": form.cleaned_data["file"].name[:120],
        **target,
    }


def _forget(request, key):
    pending = request.session.pop(key, None)
    if pending:
        imports.upload_discard(pending.get("token"))


def _waiting_file(request, key, upload_url):
    """The file waiting for confirmation, or a redirect to the upload page when there is none any more."""
    pending = request.session.get(key)
    data = imports.upload_read(pending.get("token")) if pending else None
    if data is None:
        if pending:
            _forget(request, key)
            messages.error(request, _("The uploaded file is no longer kept. Upload it again."))
        else:
            messages.info(request, _("Upload a file first."))
        return pending, None, redirect(upload_url)
    return pending, data, None


def _tabs(counts, warning_count, labels):
    numbers = {**counts, "all": sum(counts.values()), "warning": warning_count}
    return [(key, labels[key], numbers[key]) for key in SHOW_CHOICES]


def _columns(spec, required):
    return [(column.title, column.field in required) for column in spec]


def _preview_page(request, template, preview, labels, context):
    counts = preview.counts
    show = request.GET.get("show") or ("error" if counts[imports.RowState.ERROR] else "all")
    if show not in SHOW_CHOICES:
        show = "all"
    page = paginate(request, preview.rows_to_show(show), per_page=PREVIEW_PAGE_SIZE)
    return render(
        request,
        template,
        {
            "preview": preview,
            "counts": counts,
            "tabs": _tabs(counts, preview.warning_count, labels),
            "show": show,
            "page": page,
            "labels": labels,
            **context,
        },
    )


def _errors_response(preview, filename):
    headers = [_("Row"), _("Surname"), _("Given name"), _("Patronymic"), _("Problem")]
    rows = [
        [
            row.line,
            row.values.get("surname", ""),
            row.values.get("given_name", ""),
            row.values.get("patronymic", ""),
            " ".join(row.errors),
        ]
        for row in preview.rows
        if row.errors
    ]
    return export_response("csv", filename, headers, rows)


def _workbook_response(content, filename):
    response = HttpResponse(content, content_type=FORMATS["xlsx"])
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=f"{filename}.xlsx")
    return response


def _file_refused(request, key, error, upload_url):
    _forget(request, key)
    messages.error(request, error.message)
    return redirect(upload_url)


@role_required(Role.METHODIST, Role.DIRECTOR)
def index(request):
    return render(request, "schools/import_index.html")


# Staff list --------------------------------------------------------------------------------------------------


def _staff_labels():
    return {
        "all": _("All rows"),
        "new": _("New"),
        "changed": _("Changed"),
        "unchanged": _("Unchanged"),
        "error": _("Errors"),
        "warning": _("Warnings"),
    }


@role_required(Role.METHODIST, Role.DIRECTOR)
def staff_upload(request):
    form = StaffImportForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        _keep(request, STAFF, form, school=form.cleaned_data["school"].pk)
        return redirect("schools:import_staff_confirm")
    return render(
        request,
        "schools/import_staff.html",
        {
            "form": form,
            "pending": request.session.get(STAFF),
            "columns": _columns(imports.STAFF_COLUMNS, imports.STAFF_REQUIRED),
        },
    )


def _staff_target(request):
    pending, data, refusal = _waiting_file(request, STAFF, "schools:import_staff")
    if refusal:
        return None, None, None, refusal
    school = get_object_or_404(School.objects.for_user(request.user), pk=pending.get("school"))
    return pending, school, data, None


@role_required(Role.METHODIST, Role.DIRECTOR)
def staff_confirm(request):
    pending, school, data, refusal = _staff_target(request)
    if refusal:
        return refusal
    try:
        if request.method == "POST":
            result = imports.staff_import_apply(data=data, school=school, by=request.user)
        else:
            preview = imports.staff_import_preview(data=data, school=school, user=request.user)
    except imports.ImportRefused as refused:
        messages.error(request, refused.message)
        return redirect("schools:import_staff_confirm")
    except imports.ImportFileError as error:
        return _file_refused(request, STAFF, error, "schools:import_staff")
    except IntegrityError:
        messages.error(
            request,
            _("Someone changed the staff list while the file was being checked; nothing was written. Check it again."),
        )
        return redirect("schools:import_staff_confirm")
    if request.method == "POST":
        _forget(request, STAFF)
        messages.success(request, _staff_result(result))
        return redirect(f"{reverse('schools:staff_list')}?{urlencode({'school': school.pk})}")
    return _preview_page(
        request,
        "schools/import_staff_preview.html",
        preview,
        _staff_labels(),
        {"school": school, "pending": pending},
    )


def _staff_result(result):
    return " ".join(
        [
            ngettext("%(count)s person added.", "%(count)s people added.", result.created) % {"count": result.created},
            ngettext("%(count)s person updated.", "%(count)s people updated.", result.updated)
            % {"count": result.updated},
            ngettext("%(count)s person unchanged.", "%(count)s people unchanged.", result.unchanged)
            % {"count": result.unchanged},
        ]
    )


@role_required(Role.METHODIST, Role.DIRECTOR)
def staff_errors(request):
    _pending, school, data, refusal = _staff_target(request)
    if refusal:
        return refusal
    try:
        preview = imports.staff_import_preview(data=data, school=school, user=request.user)
    except imports.ImportFileError as error:
        return _file_refused(request, STAFF, error, "schools:import_staff")
    return _errors_response(preview, _("staff-import-errors"))


@require_POST
@role_required(Role.METHODIST, Role.DIRECTOR)
def staff_cancel(request):
    _forget(request, STAFF)
    messages.info(request, _("The file has been put aside; nothing was written."))
    return redirect("schools:import_staff")


@role_required(Role.METHODIST, Role.DIRECTOR)
def staff_template(request):
    return _workbook_response(imports.staff_template(), _("staff-list-template"))


# Course cohort -----------------------------------------------------------------------------------------------


def _cohort_labels():
    return {
        "all": _("All rows"),
        "new": _("To be recorded"),
        "changed": _("Planned, now completed"),
        "unchanged": _("Recorded already"),
        "error": _("Errors"),
        "warning": _("Warnings"),
    }


@role_required(Role.METHODIST)
def cohort_upload(request):
    form = CohortImportForm(
        request.POST or None, request.FILES or None, user=request.user, initial={"course": request.GET.get("course")}
    )
    if request.method == "POST" and form.is_valid():
        _keep(request, COHORT, form, course=form.cleaned_data["course"].pk)
        return redirect("schools:import_cohort_confirm")
    return render(
        request,
        "schools/import_cohort.html",
        {
            "form": form,
            "pending": request.session.get(COHORT),
            "columns": _columns(imports.COHORT_COLUMNS, imports.COHORT_REQUIRED),
        },
    )


def _cohort_target(request):
    pending, data, refusal = _waiting_file(request, COHORT, "schools:import_cohort")
    if refusal:
        return None, None, None, refusal
    course = get_object_or_404(Course.objects.for_user(request.user), pk=pending.get("course"))
    return pending, course, data, None


@role_required(Role.METHODIST)
def cohort_confirm(request):
    pending, course, data, refusal = _cohort_target(request)
    if refusal:
        return refusal
    try:
        if request.method == "POST":
            result = imports.cohort_import_apply(data=data, course=course, by=request.user)
        else:
            preview = imports.cohort_import_preview(data=data, course=course, user=request.user)
    except imports.ImportRefused as refused:
        messages.error(request, refused.message)
        return redirect("schools:import_cohort_confirm")
    except imports.ImportFileError as error:
        return _file_refused(request, COHORT, error, "schools:import_cohort")
    if request.method == "POST":
        _forget(request, COHORT)
        messages.success(request, _cohort_result(result))
        return redirect(course)
    return _preview_page(
        request,
        "schools/import_cohort_preview.html",
        preview,
        _cohort_labels(),
        {"course": course, "pending": pending},
    )


def _cohort_result(result):
    return " ".join(
        [
            ngettext(
                "The course is recorded for %(count)s person.",
                "The course is recorded for %(count)s people.",
                result.created + result.updated,
            )
            % {"count": result.created + result.updated},
            ngettext("%(count)s person had it already.", "%(count)s people had it already.", result.unchanged)
            % {"count": result.unchanged},
        ]
    )


@role_required(Role.METHODIST)
def cohort_errors(request):
    _pending, course, data, refusal = _cohort_target(request)
    if refusal:
        return refusal
    try:
        preview = imports.cohort_import_preview(data=data, course=course, user=request.user)
    except imports.ImportFileError as error:
        return _file_refused(request, COHORT, error, "schools:import_cohort")
    return _errors_response(preview, _("cohort-import-errors"))


@require_POST
@role_required(Role.METHODIST)
def cohort_cancel(request):
    _forget(request, COHORT)
    messages.info(request, _("The file has been put aside; nothing was written."))
    return redirect("schools:import_cohort")


@role_required(Role.METHODIST)
def cohort_template(request):
    return _workbook_response(imports.cohort_template(), _("cohort-template"))
