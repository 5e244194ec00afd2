"""The staff-list import: upload a school's list, check every row on the preview, then confirm (all rows or none).

The pages the imports share (the form, the waiting file, the preview's tabs) are in `core.tabular_views`; the
school is looked up through `for_user` again on every request, so a director imports into their own school only.
"""

from urllib.parse import urlencode

from django import forms
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from core import tabular_views as pages
from core.scoping import Role, role_required
from schools import staff_import
from schools.models import School
from schools.people_import import GIVEN_NAME, PATRONYMIC, SURNAME

STAFF = "import_staff"  # the session key of the file waiting for confirmation
UPLOAD_URL = "schools:import_staff"


class StaffImportForm(pages.ImportForm):
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
        staff_import.check_staff_file(data)


def _labels():
    return pages.row_labels(new=_("New"), changed=_("Changed"), unchanged=_("Unchanged"))


def _school(request, pending):
    return get_object_or_404(School.objects.for_user(request.user), pk=pending.get("school"))


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


FLOW = pages.Flow(
    key=STAFF,
    upload_url=UPLOAD_URL,
    confirm_url="schools:import_staff_confirm",
    target=_school,
    target_name="school",
    preview=lambda data, school, user: staff_import.staff_import_preview(data=data, school=school, user=user),
    apply=lambda data, school, by: staff_import.staff_import_apply(data=data, school=school, by=by),
    preview_template="schools/import_staff_preview.html",
    upload_template="schools/import_staff.html",
    title=gettext_lazy("Import a staff list"),
    crumb=gettext_lazy("Staff list"),
    template_url="schools:import_staff_template",
    target_field="school",
    columns=(staff_import.STAFF_COLUMNS, staff_import.STAFF_REQUIRED),
    labels=_labels,
    result_message=_staff_result,
    done=lambda school: f"{reverse('schools:staff_list')}?{urlencode({'school': school.pk})}",
    errors_filename=lambda: _("staff-import-errors"),
    error_columns=(SURNAME, GIVEN_NAME, PATRONYMIC),
    conflict=lambda: _(
        "Someone changed the staff list while the file was being checked; nothing was written. Check it again."
    ),
)


@role_required(Role.METHODIST, Role.DIRECTOR)
def staff_upload(request):
    return pages.upload(request, FLOW, StaffImportForm(request.POST or None, request.FILES or None, user=request.user))


@role_required(Role.METHODIST, Role.DIRECTOR)
def staff_confirm(request):
    return pages.confirm(request, FLOW)


@role_required(Role.METHODIST, Role.DIRECTOR)
def staff_errors(request):
    return pages.errors(request, FLOW)


@require_POST
@role_required(Role.METHODIST, Role.DIRECTOR)
def staff_cancel(request):
    return pages.cancelled(request, STAFF, UPLOAD_URL)


@role_required(Role.METHODIST, Role.DIRECTOR)
def staff_template(request):
    return pages.workbook_response(staff_import.staff_template(), _("staff-list-template"))
