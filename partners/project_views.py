"""The league's projects, their files, and the schools that adopt them."""

from django.contrib import messages
from django.db import transaction
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import audit, clock
from core.pagination import paginate
from core.scoping import role_required
from core.uploads import attachment_response, delete_file_after_commit
from partners.filters import ProjectFilter
from partners.forms import (
    AdoptingSchoolForm,
    AdoptionForm,
    AdoptionUpdateForm,
    ProjectFileForm,
    ProjectForm,
)
from partners.models import (
    Adoption,
    AdoptionStage,
    Project,
    ProjectFile,
    ProjectFileKind,
)
from partners.selectors import (
    director_school_league,
)
from partners.services import (
    LeagueError,
    adoption_create,
    adoption_update,
    project_file_add,
    project_save,
)
from partners.views import LEADERS, league_or_404
from schools.models import School


def projects(request):
    queryset = (
        Project.objects.visible_to(request.user)
        .select_related("owner_school", "direction")
        .annotate(adoption_count=Count("adoptions"))
        .order_by("direction__order", "direction_id", "title")
    )
    project_filter = ProjectFilter(request.GET or None, queryset=queryset, user=request.user)
    return render(
        request,
        "partners/projects.html",
        {
            "filter": project_filter,
            "page": paginate(request, project_filter.qs if project_filter.is_bound else queryset),
            "membership": director_school_league(request.user),
        },
    )


@role_required(*LEADERS)
def project_create(request, pk):
    league = league_or_404(request, pk)
    return _project_form(request, league, None)


@role_required(*LEADERS)
def project_edit(request, pk):
    project = get_object_or_404(Project.objects.editable_by(request.user).select_related("league"), pk=pk)
    return _project_form(request, project.league, project)


def _project_form(request, league, project):
    form = ProjectForm(
        request.POST or None,
        instance=project,
        league=league,
        user=request.user,
        initial={} if project else {"started_on": clock.today()},
    )
    if request.method == "POST" and form.is_valid():
        project = project_save(form=form, by=request.user)
        messages.success(request, _("The project has been saved."))
        return redirect(project)
    return render(request, "partners/project_form.html", {"form": form, "project": project, "league": league})


def project_detail(request, pk):
    project = get_object_or_404(
        Project.objects.visible_to(request.user).select_related("owner_school", "direction", "league", "created_by"),
        pk=pk,
    )
    adoptions = project.adoptions.select_related("school", "contact_person").order_by("school__number")
    files = list(project.files.all())
    user = request.user
    own_school_id = user.scope.school_id if user.is_director else None
    already_adopted = own_school_id is not None and any(a.school_id == own_school_id for a in adoptions)
    return render(
        request,
        "partners/project_detail.html",
        {
            "project": project,
            "adoptions": adoptions,
            "photos": [f for f in files if f.kind == ProjectFileKind.PHOTO],
            "documents": [f for f in files if f.kind == ProjectFileKind.DOCUMENT],
            "presentations": project.presentations.select_related("host_school"),
            "can_edit": Project.objects.editable_by(user).filter(pk=project.pk).exists(),
            "can_record_adoption": (user.is_methodist or user.scope.everything) and project.is_adoptable,
            "can_propose": (
                own_school_id is not None
                and own_school_id != project.owner_school_id
                and project.is_adoptable
                and not already_adopted
            ),
            "already_adopted": already_adopted,
        },
    )


@role_required(*LEADERS)
def project_file_create(request, pk):
    project = get_object_or_404(Project.objects.editable_by(request.user), pk=pk)
    form = ProjectFileForm(request.POST or None, request.FILES or None)
    form.instance.project = project
    if request.method == "POST" and form.is_valid():
        project_file_add(project=project, form=form, by=request.user)
        messages.success(request, _("The file has been added to the project."))
        return redirect(project)
    return render(request, "partners/project_file_form.html", {"form": form, "project": project})


def project_file_download(request, pk):
    project_file = get_object_or_404(
        ProjectFile.objects.filter(project__in=Project.objects.visible_to(request.user)), pk=pk
    )
    return attachment_response(project_file.file, f"project-{project_file.project_id}-{project_file.pk}")


@require_POST
@role_required(*LEADERS)
def project_file_delete(request, pk):
    project_file = get_object_or_404(
        ProjectFile.objects.filter(project__in=Project.objects.editable_by(request.user)), pk=pk
    )
    with transaction.atomic():
        audit.delete(project_file, actor=request.user)
        delete_file_after_commit(project_file.file.storage, project_file.file.name)
    messages.success(request, _("The file has been removed."))
    return redirect("partners:project_detail", pk=project_file.project_id)


@role_required(*LEADERS)
def adoption_record(request, pk):
    """A methodist records that a school of the office adopted the project; a director proposes it for their own
    school, which starts at "agreed"."""
    project = get_object_or_404(
        Project.objects.visible_to(request.user).select_related("league", "owner_school"), pk=pk
    )
    proposal = request.user.is_director
    if proposal:
        school = get_object_or_404(School.objects.for_user(request.user), pk=request.user.scope.school_id)
    else:
        chooser = AdoptingSchoolForm(request.GET if "school" in request.GET else None, league=project.league)
        if not chooser.is_valid():
            return render(request, "partners/adoption_school.html", {"project": project, "chooser": chooser})
        school = chooser.cleaned_data["school"]
    form = AdoptionForm(
        request.POST or None,
        request.FILES or None,
        school=school,
        proposal=proposal,
        initial={"adopted_on": clock.today()},
    )
    form.instance.project = project
    form.instance.school = school
    if request.method == "POST" and form.is_valid():
        try:
            adoption_create(
                form=form,
                project=project,
                school=school,
                by=request.user,
                stage=AdoptionStage.AGREED if proposal else None,
            )
        except LeagueError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("%(school)s now takes up “%(project)s”.") % {"school": school.name, "project": project.title},
            )
            return redirect(project)
    return render(
        request,
        "partners/adoption_form.html",
        {"project": project, "school": school, "form": form, "proposal": proposal},
    )


def adoption_detail(request, pk):
    adoption = get_object_or_404(
        Adoption.objects.filter(project__in=Project.objects.visible_to(request.user)).select_related(
            "project", "project__owner_school", "school", "contact_person", "created_by"
        ),
        pk=pk,
    )
    return render(
        request,
        "partners/adoption_detail.html",
        {
            "adoption": adoption,
            "changes": adoption.stage_changes.select_related("changed_by"),
            "can_edit": Adoption.objects.editable_by(request.user).filter(pk=adoption.pk).exists(),
        },
    )


@role_required(*LEADERS)
def adoption_edit(request, pk):
    adoption = get_object_or_404(
        Adoption.objects.editable_by(request.user).select_related("project", "project__league", "school"), pk=pk
    )
    form = AdoptionUpdateForm(request.POST or None, request.FILES or None, instance=adoption)
    if request.method == "POST" and form.is_valid():
        try:
            adoption_update(adoption=adoption, form=form, reason=form.cleaned_data["reason"], by=request.user)
        except LeagueError as error:
            form.add_error("reason", error.message)
        else:
            messages.success(request, _("The adoption has been saved."))
            return redirect(adoption)
    return render(request, "partners/adoption_edit.html", {"adoption": adoption, "form": form})


def adoption_evidence(request, pk):
    adoption = get_object_or_404(Adoption.objects.filter(project__in=Project.objects.visible_to(request.user)), pk=pk)
    if not adoption.evidence:
        raise Http404
    return attachment_response(adoption.evidence, f"adoption-{adoption.pk}")
