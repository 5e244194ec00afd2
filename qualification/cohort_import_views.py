"""The course cohort import: upload the people who completed a course, check every row, then confirm (all or none).

The pages the imports share are in `core.tabular_views`; the course is looked up through `for_user` again on every
request. Only a methodist records a cohort.
"""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from core import tabular
from core import tabular_views as pages
from core.scoping import Role, role_required
from qualification import cohort_import
from qualification.models import Course
from schools.people_import import GIVEN_NAME, PATRONYMIC, SURNAME

COHORT = "import_cohort"  # the session key of the file waiting for confirmation
UPLOAD_URL = "cohort_import:upload"


class CohortImportForm(pages.ImportForm):
    course = forms.ModelChoiceField(label=gettext_lazy("Course"), queryset=Course.objects.none())
    field_order = ["course", "file"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = Course.objects.for_user(user).select_related("provider")

    def check(self, data):
        cohort_import.check_cohort_file(data)


def _labels():
    return pages.row_labels(
        new=_("To be recorded"), changed=_("Planned, now completed"), unchanged=_("Recorded already")
    )


@role_required(Role.METHODIST)
def cohort_upload(request):
    form = CohortImportForm(
        request.POST or None, request.FILES or None, user=request.user, initial={"course": request.GET.get("course")}
    )
    if request.method == "POST" and form.is_valid():
        pages.keep(request, COHORT, form, course=form.cleaned_data["course"].pk)
        return redirect("cohort_import:confirm")
    return render(
        request,
        "qualification/import_cohort.html",
        {
            "form": form,
            "pending": request.session.get(COHORT),
            "columns": pages.column_list(cohort_import.COHORT_COLUMNS, cohort_import.COHORT_REQUIRED),
        },
    )


def _cohort_target(request):
    pending, data, refusal = pages.waiting_file(request, COHORT, UPLOAD_URL)
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
            result = cohort_import.cohort_import_apply(data=data, course=course, by=request.user)
        else:
            preview = cohort_import.cohort_import_preview(data=data, course=course, user=request.user)
    except tabular.ImportRefused as refused:
        messages.error(request, refused.message)
        return redirect("cohort_import:confirm")
    except tabular.ImportFileError as error:
        return pages.file_refused(request, COHORT, error, UPLOAD_URL)
    if request.method == "POST":
        pages.forget(request, COHORT)
        messages.success(request, _cohort_result(result))
        return redirect(course)
    return pages.preview_page(
        request,
        "qualification/import_cohort_preview.html",
        preview,
        _labels(),
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
        preview = cohort_import.cohort_import_preview(data=data, course=course, user=request.user)
    except tabular.ImportFileError as error:
        return pages.file_refused(request, COHORT, error, UPLOAD_URL)
    return pages.errors_response(preview, _("cohort-import-errors"), (SURNAME, GIVEN_NAME, PATRONYMIC))


@require_POST
@role_required(Role.METHODIST)
def cohort_cancel(request):
    return pages.cancelled(request, COHORT, UPLOAD_URL)


@role_required(Role.METHODIST)
def cohort_template(request):
    return pages.workbook_response(cohort_import.cohort_template(), _("cohort-template"))
