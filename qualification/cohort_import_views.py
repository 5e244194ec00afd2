"""The course cohort import: upload the people who completed a course, check every row, then confirm (all or none).

The pages the imports share are in `core.tabular_views`; the course is looked up through `for_user` again on every
request. Only a methodist records a cohort.
"""

from django import forms
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

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


def _course(request, pending):
    return get_object_or_404(Course.objects.for_user(request.user), pk=pending.get("course"))


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


FLOW = pages.Flow(
    key=COHORT,
    upload_url=UPLOAD_URL,
    confirm_url="cohort_import:confirm",
    target=_course,
    target_name="course",
    preview=lambda data, course, user: cohort_import.cohort_import_preview(data=data, course=course, user=user),
    apply=lambda data, course, by: cohort_import.cohort_import_apply(data=data, course=course, by=by),
    preview_template="qualification/import_cohort_preview.html",
    upload_template="qualification/import_cohort.html",
    title=gettext_lazy("Import a course cohort"),
    crumb=gettext_lazy("Course cohort"),
    template_url="cohort_import:template",
    target_field="course",
    columns=(cohort_import.COHORT_COLUMNS, cohort_import.COHORT_REQUIRED),
    labels=_labels,
    result_message=_cohort_result,
    done=lambda course: course.get_absolute_url(),
    errors_filename=lambda: _("cohort-import-errors"),
    error_columns=(SURNAME, GIVEN_NAME, PATRONYMIC),
)


@role_required(Role.METHODIST)
def cohort_upload(request):
    form = CohortImportForm(
        request.POST or None, request.FILES or None, user=request.user, initial={"course": request.GET.get("course")}
    )
    return pages.upload(request, FLOW, form)


@role_required(Role.METHODIST)
def cohort_confirm(request):
    return pages.confirm(request, FLOW)


@role_required(Role.METHODIST)
def cohort_errors(request):
    return pages.errors(request, FLOW)


@require_POST
@role_required(Role.METHODIST)
def cohort_cancel(request):
    return pages.cancelled(request, COHORT, UPLOAD_URL)


@role_required(Role.METHODIST)
def cohort_template(request):
    return pages.workbook_response(cohort_import.cohort_template(), _("cohort-template"))
