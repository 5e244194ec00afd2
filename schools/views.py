from django.apps import apps
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django.views.i18n import set_language as django_set_language

from core import audit, versions
from core.audit import AUDITED, history_of, labelled_changes
from core.pagination import paginate
from core.scoping import Role, own_office_id, role_required
from schools.filters import StaffFilter
from schools.forms import ProfileForm, SchoolForm, StaffMemberForm
from schools.models import School, StaffMember
from schools.services import AccountError, account_create_for_staff, staff_member_save


@login_not_required
@require_POST
def set_language(request):
    """Django's language switch, remembered on the account as well as in the cookie."""
    language = request.POST.get("language", "")
    if request.user.is_authenticated and language in dict(request.user._meta.get_field("language").choices):
        request.user.language = language
        request.user.save(update_fields=["language"])
    return django_set_language(request)


def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile has been saved."))
        return redirect("schools:profile")
    return render(request, "schools/profile.html", {"form": form})


@role_required(Role.METHODIST, Role.DIRECTOR)
def school_list(request):
    # A count's GROUP BY drops the model's ordering: the list names its own, or PostgreSQL pages at random.
    schools = (
        School.objects.for_user(request.user)
        .select_related("office")
        .with_staff_counts()
        .order_by("number", "name", "pk")
    )
    return render(request, "schools/school_list.html", {"page": paginate(request, schools)})


@role_required(Role.METHODIST, Role.DIRECTOR)
def school_detail(request, pk):
    school = get_object_or_404(School.objects.for_user(request.user).with_staff_counts(), pk=pk)
    return render(request, "schools/school_detail.html", {"school": school})


@role_required(Role.METHODIST)
def school_create(request):
    form = SchoolForm(request.POST or None)
    form.instance.office_id = own_office_id(request.user)
    if request.method == "POST" and form.is_valid():
        school = audit.save_form(form, actor=request.user)
        versions.office_changed([school.office_id])  # the office's cached pages offer its schools as filters
        messages.success(request, _("The school has been added."))
        return redirect(school)
    return render(request, "schools/school_form.html", {"form": form})


@role_required(Role.METHODIST, Role.DIRECTOR)
def school_edit(request, pk):
    school = get_object_or_404(School.objects.for_user(request.user), pk=pk)
    form = SchoolForm(request.POST or None, instance=school)
    if request.method == "POST" and form.is_valid():
        audit.save_form(form, actor=request.user)
        versions.office_changed([school.office_id])  # its name is on the office's cached pages
        messages.success(request, _("The school has been saved."))
        return redirect(school)
    return render(request, "schools/school_form.html", {"form": form, "school": school})


@role_required(Role.METHODIST, Role.DIRECTOR)
def staff_list(request):
    staff = StaffMember.objects.for_user(request.user).select_related("school").prefetch_related("subjects")
    staff_filter = StaffFilter(request.GET or None, queryset=staff, user=request.user)
    page = paginate(request, staff_filter.qs)
    return render(request, "schools/staff_list.html", {"filter": staff_filter, "page": page})


def staff_detail(request, pk):
    staff_member = get_object_or_404(
        StaffMember.objects.for_user(request.user).select_related("school", "school__office"), pk=pk
    )
    transfers = staff_member.transfers.select_related("from_school", "to_school")
    return render(request, "schools/staff_detail.html", {"staff_member": staff_member, "transfers": transfers})


@role_required(Role.METHODIST, Role.DIRECTOR)
def staff_create(request):
    form = StaffMemberForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        staff_member = staff_member_save(form=form, by=request.user)
        messages.success(request, _("%(name)s has been added.") % {"name": staff_member.full_name})
        return redirect(staff_member)
    return render(request, "schools/staff_form.html", {"form": form})


@role_required(Role.METHODIST, Role.DIRECTOR)
def staff_edit(request, pk):
    staff_member = get_object_or_404(StaffMember.objects.for_user(request.user), pk=pk)
    form = StaffMemberForm(request.POST or None, instance=staff_member, user=request.user)
    if request.method == "POST" and form.is_valid():
        staff_member_save(form=form, by=request.user)
        messages.success(request, _("%(name)s has been saved.") % {"name": staff_member.full_name})
        return redirect(staff_member)
    return render(request, "schools/staff_form.html", {"form": form, "staff_member": staff_member})


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's password change, which also lifts the "choose your own password" requirement."""

    def form_valid(self, form):
        response = super().form_valid(form)
        if self.request.user.must_change_password:
            self.request.user.must_change_password = False
            self.request.user.save(update_fields=["must_change_password"])
        return response


@require_POST
@role_required(Role.METHODIST, Role.DIRECTOR)
def staff_account_create(request, pk):
    """Creates a teacher's account with a random first password, shown once, to be changed at first login."""
    staff_member = get_object_or_404(StaffMember.objects.for_user(request.user), pk=pk)
    try:
        user, password = account_create_for_staff(staff_member=staff_member, by=request.user)
    except AccountError as error:
        messages.error(request, error.message)
        return redirect(staff_member)
    return render(
        request,
        "schools/account_created.html",
        {"staff_member": staff_member, "account": user, "password": password},
    )


@login_not_required
def healthz(request):
    """For load balancers and monitoring: is the database reachable? Nothing else is revealed."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return JsonResponse({"database": "unreachable"}, status=503)
    return JsonResponse({"database": "ok"})


@require_GET
@role_required(Role.METHODIST)
def history(request, label, pk):
    """The change history of one record of the methodist's district; read-only by design."""
    if label not in AUDITED:
        raise Http404
    model = apps.get_model(label)
    obj = get_object_or_404(model.objects.for_user(request.user), pk=pk)
    page = paginate(request, history_of(obj))
    for entry in page.object_list:
        described = entry.content_type.model_class()
        entry.labelled_changes = labelled_changes(described, entry.changes)
        entry.part = capfirst(described._meta.verbose_name) if described is not model else ""
    return render(request, "schools/history.html", {"object": obj, "page": page})
