from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import audit, clock
from core.academic import academic_year_label, academic_year_of
from core.exports import export_response
from core.pagination import paginate
from core.scoping import Role, own_office_id, role_required
from partners.forms import (
    DirectionFormSet,
    EventForm,
    LeagueForm,
    MembershipForm,
)
from partners.models import (
    Adoption,
    AdoptionStage,
    Contribution,
    Direction,
    League,
    LeagueEvent,
    LeagueMembership,
    Project,
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
    league_next_year,
)
from schools.models import School

LEADERS = (Role.METHODIST, Role.DIRECTOR)


def league_or_404(request, pk):
    return get_object_or_404(League.objects.for_user(request.user).select_related("office", "coordinator"), pk=pk)


def coordinated_league_or_404(request, pk):
    league = league_or_404(request, pk)
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


@role_required(Role.METHODIST)
def leagues(request):
    rows = [
        (league, league_progress(league))
        for league in League.objects.for_user(request.user).select_related("office", "coordinator")
    ]
    return render(request, "partners/league_list.html", {"rows": rows})


@role_required(Role.METHODIST)
def league_edit(request, pk=None):
    league = coordinated_league_or_404(request, pk) if pk else None
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
    league = league_or_404(request, pk)
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
    league = coordinated_league_or_404(request, pk)
    following = league_next_year(league=league, by=request.user)
    messages.success(
        request,
        _("The goal for %(year)s is started with last year's schools and directions; set its targets.")
        % {"year": following.academic_year_label},
    )
    return redirect(following)


def members(request, pk):
    league = league_or_404(request, pk)
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
    league = league_or_404(request, pk)
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
    league = league_or_404(request, pk)
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
    league = league_or_404(request, pk)
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


def school_contributions(request, pk):
    school = get_object_or_404(School.objects.for_user(request.user), pk=pk)
    queryset = (
        Contribution.objects.for_user(request.user)
        .filter(schools=school)
        .select_related("organisation")
        .prefetch_related("courses")
    )
    return render(request, "partners/school_contributions.html", {"school": school, "contributions": queryset})
