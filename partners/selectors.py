"""Reads behind the league dashboard and report; each answers in a fixed number of queries, however many rows."""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Sum

from core.scoping import Role
from partners.models import (
    Adoption,
    AdoptionStage,
    Contribution,
    Direction,
    LeagueMembership,
    Project,
    ProjectState,
    ProviderLink,
)
from schools.models import School, StaffMember


@dataclass
class LeagueProgress:
    """The year's goal and how far the league has come.

    `schools_reached` is the goal's measure: distinct schools of the office that adopted any league project
    during the academic year, at any stage. Two adoptions by one school count once. `adoptions` counts every
    (project, school) pair and is compared with the projects' own targets added up.
    """

    target_schools: int
    schools_reached: int
    target_projects: int
    projects: int
    adoptions: int
    adoption_target: int
    by_stage: dict = field(default_factory=dict)

    @property
    def schools_percent(self):
        return min(100, round(100 * self.schools_reached / self.target_schools)) if self.target_schools else 0

    @property
    def projects_percent(self):
        return min(100, round(100 * self.projects / self.target_projects)) if self.target_projects else 0

    @property
    def schools_bar_value(self):
        """What the <progress> element shows: never more than its maximum."""
        return min(self.schools_reached, self.target_schools)


def league_progress(league):
    stages = {stage: Count("pk", filter=Q(stage=stage)) for stage in AdoptionStage.values}
    figures = (
        Adoption.objects.filter(project__league=league)
        .in_academic_year(league)
        .aggregate(schools=Count("school", distinct=True), adoptions=Count("pk"), **stages)
    )
    projects = (
        Project.objects.filter(league=league)
        .exclude(state=ProjectState.DRAFT)
        .aggregate(count=Count("pk"), target=Sum("target_adoptions"))
    )
    return LeagueProgress(
        target_schools=league.target_schools,
        schools_reached=figures["schools"],
        target_projects=league.target_projects,
        projects=projects["count"],
        adoptions=figures["adoptions"],
        adoption_target=projects["target"] or 0,
        by_stage={stage: figures[stage] for stage in AdoptionStage.values},
    )


@dataclass
class GridRow:
    project: Project
    cells: list  # one per member school: "own", a stage, or "" where the school has not adopted the project
    outside_members: int  # adoptions by schools of the office that are not league members


@dataclass
class AdoptionGrid:
    schools: list
    rows: list


def adoption_grid(league):
    """Projects down, member schools across; three queries whatever the size of the league."""
    projects = list(
        Project.objects.filter(league=league)
        .exclude(state=ProjectState.DRAFT)
        .select_related("owner_school", "direction")
        .order_by("direction__order", "direction_id", "owner_school__number", "title")
    )
    schools = [
        membership.school
        for membership in LeagueMembership.objects.filter(league=league)
        .select_related("school")
        .order_by("school__number", "school__name")
    ]
    stages = {}
    for project_id, school_id, stage in Adoption.objects.filter(project__league=league).values_list(
        "project_id", "school_id", "stage"
    ):
        stages[project_id, school_id] = stage
    member_ids = {school.pk for school in schools}
    outside_members = Counter(project_id for project_id, school_id in stages if school_id not in member_ids)
    rows = []
    for project in projects:
        cells = [
            "own" if school.pk == project.owner_school_id else stages.get((project.pk, school.pk), "")
            for school in schools
        ]
        rows.append(GridRow(project=project, cells=cells, outside_members=outside_members[project.pk]))
    return AdoptionGrid(schools=schools, rows=rows)


def projects_by_direction(league, user):
    projects = (
        Project.objects.visible_to(user)
        .filter(league=league)
        .select_related("owner_school")
        .annotate(adoption_count=Count("adoptions"))
        .order_by("owner_school__number", "title")
    )
    return Direction.objects.filter(league=league).prefetch_related(
        Prefetch("projects", queryset=projects, to_attr="listed_projects")
    )


def schools_not_involved(league):
    """Schools of the office with no league project of their own and no adoption yet, members first."""
    league_projects = Project.objects.filter(league=league)
    return (
        School.objects.filter(office_id=league.office_id)
        .exclude(pk__in=league_projects.exclude(state=ProjectState.DRAFT).values("owner_school"))
        .exclude(pk__in=Adoption.objects.filter(project__league=league).values("school"))
        .annotate(is_member=Exists(LeagueMembership.objects.filter(league=league, school=OuterRef("pk"))))
        .order_by("-is_member", "number", "name")
    )


def members_with_directors(league):
    """Member schools with their active director from the staff records (two queries)."""
    directors = StaffMember.objects.filter(position="director", is_active=True).order_by("surname")
    return (
        LeagueMembership.objects.filter(league=league)
        .select_related("school")
        .prefetch_related(Prefetch("school__staff", queryset=directors, to_attr="directors"))
        .annotate(
            project_count=Count(
                "school__league_projects", filter=Q(school__league_projects__league=league), distinct=True
            )
        )
        .order_by("school__number", "school__name")
    )


def report_rows(league):
    """One row per project for the league report, with its adopting schools (two queries)."""
    stages = {stage: Count("adoptions", filter=Q(adoptions__stage=stage)) for stage in AdoptionStage.values}
    adoptions = Adoption.objects.select_related("school").order_by("school__number", "school__name")
    return (
        Project.objects.filter(league=league)
        .exclude(state=ProjectState.DRAFT)
        .select_related("owner_school", "direction")
        .annotate(adoption_count=Count("adoptions"), **stages)
        .prefetch_related(Prefetch("adoptions", queryset=adoptions, to_attr="adoption_list"))
        .order_by("direction__order", "direction_id", "owner_school__number", "title")
    )


def director_school_league(user):
    """The league membership of a director's school, if the school is in a league of its office."""
    if user.scope.role != Role.DIRECTOR or not user.scope.school_id:
        return None
    return (
        LeagueMembership.objects.filter(school_id=user.scope.school_id, league__office_id=user.scope.office_id)
        .select_related("league", "school")
        .order_by("-league__academic_year", "league__name")
        .first()
    )


def league_work_of(person):
    """The league work one person is named in: the projects they registered for their school, and the adoptions
    of projects they lead at their school as the contact person."""
    projects = (
        Project.objects.filter(created_by__isnull=False, created_by_id=person.user_id)
        .exclude(state=ProjectState.DRAFT)
        .select_related("direction", "owner_school")
        .order_by("-started_on", "pk")
        if person.user_id
        else Project.objects.none()
    )
    adoptions = (
        Adoption.objects.filter(contact_person=person)
        .select_related("project__owner_school", "school")
        .order_by("-adopted_on", "-pk")
    )
    return list(projects), list(adoptions)


def partner_trainings(records):
    """Of these course records, those a partner organisation gave: the provider (of the run or the catalogue) is
    linked to the organisation, or the course is among an organisation's contributions. [(record, names)]."""
    records = list(records)
    course_ids = {record.course_id for record in records}
    provider_ids = {record.course.provider_id for record in records} | {
        record.run.provider_id for record in records if record.run_id and record.run.provider_id
    }
    by_provider = {
        link.provider_id: link.organisation.name
        for link in ProviderLink.objects.filter(provider_id__in=provider_ids).select_related("organisation")
    }
    by_course = {}
    given = Contribution.courses.through.objects.filter(course_id__in=course_ids)
    for course_id, name in given.values_list("course_id", "contribution__organisation__name"):
        by_course.setdefault(course_id, set()).add(name)
    trainings = []
    for record in records:
        provider_id = record.run.provider_id if record.run_id and record.run.provider_id else record.course.provider_id
        names = set(by_course.get(record.course_id, ()))
        if provider_id in by_provider:
            names.add(by_provider[provider_id])
        if names:
            trainings.append((record, sorted(names)))
    return trainings
