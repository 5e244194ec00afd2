from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import audit, clock
from core.academic import academic_year_label, academic_year_of
from core.exports import export_response
from core.pagination import paginate
from core.scoping import Role, own_office_id, role_required
from core.uploads import attachment_response, delete_file_after_commit
from partners.filters import ProjectFilter
from partners.forms import (
    AdoptingSchoolForm,
    AdoptionForm,
    AdoptionUpdateForm,
    ContributionForm,
    DirectionFormSet,
    EventForm,
    LeagueForm,
    MembershipForm,
    OrganisationForm,
    ProjectFileForm,
    ProjectForm,
    ProviderLinkForm,
)
from partners.models import (
    Adoption,
    AdoptionStage,
    Contribution,
    Direction,
    League,
    LeagueEvent,
    LeagueMembership,
    PartnerOrganisation,
    Project,
    ProjectFile,
    ProjectFileKind,
    ProviderLink,
)
from partners.selectors import (
    adoption_grid,
    director_school_league,
    league_progress,
    members_with_directors,
    projects_by_direction,
    report_rows,
    schools_not_involved,
)
from partners.services import (
    LeagueError,
    adoption_create,
    adoption_update,
    league_next_year,
    project_file_add,
    project_save,
)
from schools.models import School

LEADERS = (Role.METHODIST, Role.DIRECTOR)


def _league(request, pk):
    return get_object_or_404(League.objects.for_user(request.user).select_related("office", "coordinator"), pk=pk)


def _coordinated_league(request, pk):
    league = _league(request, pk)
    if not league.is_coordinated_by(request.user):
        raise PermissionDenied
    return league


def home(request):
    """The league section opens where each role works: the dashboard, the director's school, or the projects."""
    scope = request.user.scope
    if scope.role == Role.DIRECTOR:
        return redirect("partners:my_school")
    if scope.role == Role.METHODIST or scope.everything:
        leagues = list(League.objects.for_user(request.user)[:2])
        if len(leagues) == 1:
            return redirect(leagues[0])
        return redirect("partners:leagues")
    return redirect("partners:projects")


# Leagues -------------------------------------------------------------------------------------------------


@role_required(Role.METHODIST)
def leagues(request):
    rows = [
        (league, league_progress(league))
        for league in League.objects.for_user(request.user).select_related("office", "coordinator")
    ]
    return render(request, "partners/league_list.html", {"rows": rows})


@role_required(Role.METHODIST)
def league_edit(request, pk=None):
    league = _coordinated_league(request, pk) if pk else None
    office_id = league.office_id if league else own_office_id(request.user)
    initial = {} if league else {"academic_year": academic_year_of(clock.today()), "coordinator": request.user.pk}
    form = LeagueForm(request.POST or None, instance=league, office_id=office_id, initial=initial)
    form.instance.office_id = office_id
    if request.method == "POST" and form.is_valid():
        league = audit.save_form(form, actor=request.user)
        messages.success(request, _("The league has been saved."))
        return redirect(league)
    return render(request, "partners/league_form.html", {"form": form, "league": league})


@role_required(Role.METHODIST)
def dashboard(request, pk):
    league = _league(request, pk)
    current_year = academic_year_of(clock.today())
    following = League.objects.filter(
        office_id=league.office_id, name=league.name, academic_year=league.academic_year + 1
    ).first()
    return render(
        request,
        "partners/dashboard.html",
        {
            "league": league,
            "progress": league_progress(league),
            "directions": projects_by_direction(league, request.user),
            "grid": adoption_grid(league),
            "not_involved": schools_not_involved(league),
            "events": LeagueEvent.objects.filter(league=league).select_related("host_school")[:5],
            "can_coordinate": league.is_coordinated_by(request.user),
            "current_year_label": academic_year_label(current_year),
            "is_past": league.academic_year < current_year,
            "following": following,
        },
    )


@require_POST
@role_required(Role.METHODIST)
def league_next_year_view(request, pk):
    league = _coordinated_league(request, pk)
    following = league_next_year(league=league, by=request.user)
    messages.success(
        request,
        _("The goal for %(year)s is started with last year's schools and directions; set its targets.")
        % {"year": following.academic_year_label},
    )
    return redirect(following)


def members(request, pk):
    league = _league(request, pk)
    form = None
    if request.user.is_methodist or request.user.scope.everything:
        form = MembershipForm(request.POST or None, league=league, initial={"joined_on": clock.today()})
        if request.method == "POST" and form.is_valid():
            membership = audit.save_form(form, actor=request.user)
            messages.success(request, _("%(school)s has joined the league.") % {"school": membership.school.name})
            return redirect("partners:members", pk=league.pk)
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "partners/members.html",
        {"league": league, "members": members_with_directors(league), "form": form},
    )


@require_POST
@role_required(Role.METHODIST)
def member_remove(request, pk):
    membership = get_object_or_404(LeagueMembership.objects.for_user(request.user).select_related("school"), pk=pk)
    if Project.objects.filter(league_id=membership.league_id, owner_school_id=membership.school_id).exists():
        messages.error(
            request,
            _("%(school)s has projects in the league; close them instead of removing the school.")
            % {"school": membership.school.name},
        )
    else:
        audit.delete(membership, actor=request.user)
        messages.success(request, _("%(school)s has left the league.") % {"school": membership.school.name})
    return redirect("partners:members", pk=membership.league_id)


def directions(request, pk):
    league = _league(request, pk)
    can_edit = league.is_coordinated_by(request.user)
    queryset = Direction.objects.filter(league=league).annotate(project_count=Count("projects"))
    formset = None
    if can_edit:
        formset = DirectionFormSet(request.POST or None, queryset=queryset)
        if request.method == "POST" and formset.is_valid():
            for form in formset.forms:
                form.instance.league = league
            audit.save_formset(formset, actor=request.user)  # every row or none
            messages.success(request, _("The directions have been saved."))
            return redirect("partners:directions", pk=league.pk)
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "partners/directions.html",
        {"league": league, "formset": formset, "directions": queryset},
    )


@role_required(Role.METHODIST)
def report(request, pk):
    league = _league(request, pk)
    rows = report_rows(league)
    export_format = request.GET.get("export")
    if export_format:
        return _report_export(export_format, league, rows)
    return render(
        request,
        "partners/report.html",
        {
            "league": league,
            "progress": league_progress(league),
            "rows": rows,
            "grid": adoption_grid(league),
            "members": members_with_directors(league),
            "events": LeagueEvent.objects.filter(league=league)
            .select_related("host_school")
            .prefetch_related("projects"),
            "today": clock.today(),
        },
    )


def _report_export(export_format, league, rows):
    headers = [
        _("Direction"),
        _("Project"),
        _("School"),
        _("State"),
        _("Started on"),
        _("Target number of adopting schools"),
        _("Adoptions"),
        AdoptionStage.AGREED.label,
        AdoptionStage.INTRODUCED.label,
        AdoptionStage.SUSTAINED.label,
        _("Adopting schools"),
    ]
    table = [
        [
            project.direction.name,
            project.title,
            project.owner_school.name,
            project.get_state_display(),
            project.started_on,
            project.target_adoptions,
            project.adoption_count,
            project.agreed,
            project.introduced,
            project.sustained,
            ", ".join(adoption.school.name for adoption in project.adoption_list),
        ]
        for project in rows
    ]
    filename = _("league-report-%(year)s") % {"year": league.academic_year_label}
    return export_response(export_format, filename, headers, table, widths={0: 28, 1: 40, 2: 30, 10: 60})


# Projects ------------------------------------------------------------------------------------------------


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
    league = _league(request, pk)
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


# Adoptions -----------------------------------------------------------------------------------------------


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


# The director's school in the league -----------------------------------------------------------------------


@role_required(Role.DIRECTOR)
def my_school(request):
    school = get_object_or_404(School.objects.for_user(request.user), pk=request.user.scope.school_id)
    membership = director_school_league(request.user)
    own_projects = (
        Project.objects.for_user(request.user)
        .filter(owner_school=school)
        .select_related("direction")
        .annotate(adoption_count=Count("adoptions"))
        .order_by("title")
    )
    adoptions_of_ours = (
        Adoption.objects.for_user(request.user)
        .filter(project__owner_school=school)
        .select_related("project", "school", "contact_person")
        .order_by("project__title", "school__number")
    )
    adopted_by_us = (
        Adoption.objects.for_user(request.user)
        .filter(school=school)
        .select_related("project", "project__owner_school", "contact_person")
        .order_by("-adopted_on")
    )
    league = membership.league if membership else League.objects.for_user(request.user).first()
    return render(
        request,
        "partners/my_school.html",
        {
            "school": school,
            "membership": membership,
            "league": league,
            "progress": league_progress(league) if league else None,
            "own_projects": own_projects,
            "adoptions_of_ours": adoptions_of_ours,
            "adopted_by_us": adopted_by_us,
        },
    )


# Events --------------------------------------------------------------------------------------------------


def events(request):
    leagues_in_scope = League.objects.for_user(request.user)
    queryset = (
        LeagueEvent.objects.for_user(request.user)
        .select_related("league", "host_school")
        .prefetch_related(Prefetch("projects", queryset=Project.objects.select_related("owner_school")))
    )
    return render(
        request,
        "partners/events.html",
        {"page": paginate(request, queryset), "leagues": leagues_in_scope},
    )


@role_required(Role.METHODIST)
def event_create(request, pk):
    league = _league(request, pk)
    return _event_form(request, league, None)


@role_required(Role.METHODIST)
def event_edit(request, pk):
    event = get_object_or_404(LeagueEvent.objects.for_user(request.user).select_related("league"), pk=pk)
    return _event_form(request, event.league, event)


def _event_form(request, league, event):
    form = EventForm(request.POST or None, instance=event, league=league)
    if request.method == "POST" and form.is_valid():
        audit.save_form(form, actor=request.user)  # the event and its schools together
        messages.success(request, _("The event has been saved."))
        return redirect("partners:events")
    return render(request, "partners/event_form.html", {"form": form, "event": event, "league": league})


# Partner organisations and contributions -----------------------------------------------------------------


def organisations(request):
    archived = request.GET.get("archived") == "1"
    queryset = (
        PartnerOrganisation.objects.for_user(request.user)
        .filter(is_archived=archived)
        .annotate(contribution_count=Count("contributions", distinct=True))
        .prefetch_related(Prefetch("provider_links", queryset=ProviderLink.objects.select_related("provider")))
        .order_by("name")
    )
    return render(request, "partners/organisations.html", {"page": paginate(request, queryset), "archived": archived})


@role_required(Role.METHODIST)
def organisation_edit(request, pk=None):
    organisation = get_object_or_404(PartnerOrganisation.objects.for_user(request.user), pk=pk) if pk else None
    office_id = organisation.office_id if organisation else own_office_id(request.user)
    form = OrganisationForm(request.POST or None, instance=organisation, office_id=office_id)
    if request.method == "POST" and form.is_valid():
        organisation = audit.save_form(form, actor=request.user)
        messages.success(request, _("The partner organisation has been saved."))
        return redirect(organisation)
    return render(request, "partners/organisation_form.html", {"form": form, "organisation": organisation})


def _organisation_page(request, organisation, link_form=None, status=200):
    # A school's contributions page opens only for readers who see that school: others get its name, not a link.
    schools = School.objects.order_by("number", "name").annotate(
        readable=Exists(School.objects.for_user(request.user).filter(pk=OuterRef("pk")))
    )
    contributions = organisation.contributions.prefetch_related(Prefetch("schools", queryset=schools), "courses")
    can_manage = request.user.is_methodist or request.user.scope.everything
    if can_manage and link_form is None:
        link_form = ProviderLinkForm(organisation=organisation)
    return render(
        request,
        "partners/organisation_detail.html",
        {
            "organisation": organisation,
            "contributions": contributions,
            "links": organisation.provider_links.select_related("provider").annotate(
                course_count=Count("provider__courses")
            ),
            "link_form": link_form if can_manage else None,
            "can_manage": can_manage,
        },
        status=status,
    )


def organisation_detail(request, pk):
    organisation = get_object_or_404(PartnerOrganisation.objects.for_user(request.user), pk=pk)
    return _organisation_page(request, organisation)


@require_POST
@role_required(Role.METHODIST)
def provider_link_create(request, pk):
    organisation = get_object_or_404(PartnerOrganisation.objects.for_user(request.user), pk=pk)
    form = ProviderLinkForm(request.POST, organisation=organisation)
    if form.is_valid():
        link = audit.save_form(form, actor=request.user)
        messages.success(request, _("%(provider)s is linked to the organisation.") % {"provider": link.provider.name})
        return redirect(organisation)
    return _organisation_page(request, organisation, link_form=form, status=400)


@require_POST
@role_required(Role.METHODIST)
def provider_link_delete(request, pk):
    link = get_object_or_404(ProviderLink.objects.for_user(request.user).select_related("provider"), pk=pk)
    audit.delete(link, actor=request.user)
    messages.success(request, _("%(provider)s is no longer linked.") % {"provider": link.provider.name})
    return redirect("partners:organisation_detail", pk=link.organisation_id)


@role_required(Role.METHODIST)
def contribution_create(request, pk):
    organisation = get_object_or_404(PartnerOrganisation.objects.for_user(request.user), pk=pk)
    return _contribution_form(request, organisation, None)


@role_required(Role.METHODIST)
def contribution_edit(request, pk):
    contribution = get_object_or_404(Contribution.objects.for_user(request.user).select_related("organisation"), pk=pk)
    return _contribution_form(request, contribution.organisation, contribution)


def _contribution_form(request, organisation, contribution):
    form = ContributionForm(
        request.POST or None,
        instance=contribution,
        organisation=organisation,
        initial={} if contribution else {"given_on": clock.today()},
    )
    if request.method == "POST" and form.is_valid():
        audit.save_form(form, actor=request.user)  # the contribution and its links together
        messages.success(request, _("The contribution has been saved."))
        return redirect(organisation)
    return render(
        request,
        "partners/contribution_form.html",
        {"form": form, "organisation": organisation, "contribution": contribution},
    )


def contributions(request):
    """Directors and teachers go to their own school; methodists choose a school from the office's list."""
    scope = request.user.scope
    if scope.school_id and not scope.everything:
        return redirect("partners:school_contributions", pk=scope.school_id)
    if not (request.user.is_methodist or scope.everything):
        raise Http404
    schools = (
        School.objects.for_user(request.user)
        .annotate(contribution_count=Count("partner_contributions"))
        .order_by("-contribution_count", "number", "name")
    )
    return render(request, "partners/contributions_index.html", {"schools": schools})


def school_contributions(request, pk):
    school = get_object_or_404(School.objects.for_user(request.user), pk=pk)
    queryset = (
        Contribution.objects.for_user(request.user)
        .filter(schools=school)
        .select_related("organisation")
        .prefetch_related("courses")
    )
    return render(request, "partners/school_contributions.html", {"school": school, "contributions": queryset})
