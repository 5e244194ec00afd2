"""Generates the league from the tables in `projects`: members, directions, projects, the adoptions with
their history, and the events.

The goal for 2025–2026 is 20 projects reaching 100 schools, and the goal counts distinct adopting schools of
the office. The demo office has only the 30 schools the foundation seeds, so the reach stops at 24 of 100,
while the 63 adoptions (every stage; 7 by the three non-member schools; 3 dated before the goal's year, so
not counted in it) come close to what the projects' own targets add up to (19 × 5). Adoptions are drawn
from a fixed random seed over the office's schools, so more schools in the office would simply mean a wider
reach.
"""

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from partners.demo.projects import (
    ACADEMIC_YEAR,
    CLOSED,
    DIRECTIONS,
    EARLIER_WINDOW,
    EVENTS,
    FOUNDED_ON,
    LATE_JOINERS,
    LEAGUE_NAME,
    NON_MEMBERS,
    PROJECTS,
    STEP_BACK,
    TARGET_PROJECTS,
    TARGET_SCHOOLS,
    YEAR_WINDOW,
)
from partners.models import (
    Adoption,
    AdoptionStage,
    AdoptionStageChange,
    Direction,
    League,
    LeagueEvent,
    LeagueMembership,
    Project,
)
from schools.demo.draws import random_day
from schools.models import Position, School, StaffMember, User

AGREED, INTRODUCED, SUSTAINED = AdoptionStage.AGREED, AdoptionStage.INTRODUCED, AdoptionStage.SUSTAINED
# The stage an adoption has reached by the end of the goal's year, by when it began: the earlier, the
# further. Each row: (begun before, [(share drawn below, stage), …]).
STAGES_REACHED = [
    (date(2026, 1, 1), [(0.5, SUSTAINED), (0.9, INTRODUCED), (1, AGREED)]),
    (date(2026, 4, 1), [(0.55, INTRODUCED), (0.7, SUSTAINED), (1, AGREED)]),
    (date.max, [(0.7, AGREED), (1, INTRODUCED)]),
]
CLOSED_PILOT_ADOPTED = date(2024, 5, 13)  # the closed pilot's single adoption, introduced before it closed
HISTORY_ENDS = date(2026, 6, 30)  # a stage change is dated no later than the end of the goal's year


def _stage_reached(rng, adopted_on):
    draw = rng.random()
    shares = next(shares for before, shares in STAGES_REACHED if adopted_on < before)
    return next(stage for below, stage in shares if draw < below)


def _moment(day):
    return timezone.make_aware(datetime.combine(day, time(11, 0)))


@dataclass(frozen=True)
class AdoptionPlan:
    project: str
    school: int
    adopted_on: date
    stage: str


def plan_adoptions(school_numbers):
    """The same adoptions on every machine: one fixed random seed, drawn over the office's school numbers."""
    rng = random.Random(2021)
    plans = []
    for project in PROJECTS:
        candidates = sorted(number for number in school_numbers if number != project.school)
        chosen = rng.sample(candidates, min(project.adopters, len(candidates)))
        start = max(project.started_on, YEAR_WINDOW[0])
        for index, number in enumerate(chosen):
            if index < project.earlier_adopters:
                adopted_on = random_day(rng, *EARLIER_WINDOW)
                stage = SUSTAINED
            else:
                adopted_on = random_day(rng, start, YEAR_WINDOW[1])
                stage = _stage_reached(rng, adopted_on)
            if project.state == CLOSED:
                adopted_on, stage = CLOSED_PILOT_ADOPTED, INTRODUCED
            plans.append(AdoptionPlan(project.title, number, adopted_on, stage))
    return plans


class LeagueSeeder:
    def __init__(self, office):
        self.office = office
        self.schools = {school.number: school for school in School.objects.filter(office=office, number__isnull=False)}
        self.coordinator = User.objects.filter(username="methodist.kz").first()
        self.director = User.objects.filter(username="director.kz").first()

    def seed(self):
        league, _ = League.objects.get_or_create(
            office=self.office,
            name=LEAGUE_NAME,
            defaults={
                "coordinator": self.coordinator,
                "academic_year": ACADEMIC_YEAR,
                "target_projects": TARGET_PROJECTS,
                "target_schools": TARGET_SCHOOLS,
            },
        )
        self.league = league
        self.seed_members()
        self.seed_directions()
        self.seed_projects()
        self.seed_adoptions()
        self.seed_events()
        return league

    def seed_members(self):
        for number, school in sorted(self.schools.items()):
            if number in NON_MEMBERS:
                continue
            LeagueMembership.objects.get_or_create(
                league=self.league, school=school, defaults={"joined_on": LATE_JOINERS.get(number, FOUNDED_ON)}
            )

    def seed_directions(self):
        self.directions = {}
        for order, (key, name) in enumerate(DIRECTIONS, start=1):
            self.directions[key], _ = Direction.objects.get_or_create(
                league=self.league,
                name_ru=name.ru,
                defaults={"name_kk": name.kk, "name_ky": name.ky, "order": order},
            )

    def seed_projects(self):
        self.projects = {}
        for plan in PROJECTS:
            school = self.schools.get(plan.school)
            if school is None:
                continue
            self.projects[plan.title], _ = Project.objects.get_or_create(
                league=self.league,
                owner_school=school,
                title=plan.title,
                defaults={
                    "direction": self.directions[plan.direction],
                    "aim": plan.aim,
                    "description": plan.description,
                    "started_on": plan.started_on,
                    "state": plan.state,
                    "results": plan.results,
                    "created_by": self.director if plan.school == 278 else self.coordinator,
                },
            )

    def _contacts(self):
        """Each school's first active deputy director, or its director: the usual contact for a project."""
        contacts = {}
        staff = StaffMember.objects.filter(
            school__office=self.office,
            is_active=True,
            position__in=[Position.DEPUTY_DIRECTOR, Position.DIRECTOR],
        ).order_by("school_id", "position", "surname", "pk")  # "deputy_director" sorts before "director"
        for person in staff:
            contacts.setdefault(person.school_id, person)
        return contacts

    def seed_adoptions(self):
        contacts = self._contacts()
        plans = plan_adoptions(self.schools)
        self.step_back = next(
            (plan for plan in plans if plan.project == STEP_BACK[0] and plan.stage == AdoptionStage.INTRODUCED), None
        )
        for plan in plans:
            project = self.projects.get(plan.project)
            school = self.schools[plan.school]
            if project is None:
                continue
            adoption, created = Adoption.objects.get_or_create(
                project=project,
                school=school,
                defaults={
                    "adopted_on": plan.adopted_on,
                    "stage": plan.stage,
                    "contact_person": contacts.get(school.pk),
                    "created_by": self.coordinator,
                },
            )
            if created:
                self._history(adoption, plan)

    def _history(self, adoption, plan):
        steps = AdoptionStage.values[: AdoptionStage.values.index(plan.stage) + 1]
        changes = [("", steps[0], plan.adopted_on, "")]
        day = plan.adopted_on
        for previous, stage in zip(steps, steps[1:], strict=False):
            day += timedelta(days=45)
            changes.append((previous, stage, day, ""))
        if plan == self.step_back:
            day += timedelta(days=60)
            changes += [
                (INTRODUCED, SUSTAINED, day, ""),
                (SUSTAINED, INTRODUCED, day + timedelta(days=40), STEP_BACK[1]),
            ]
        for from_stage, to_stage, when, reason in changes:
            change = AdoptionStageChange.objects.create(
                adoption=adoption, from_stage=from_stage, to_stage=to_stage, changed_by=self.coordinator, reason=reason
            )
            # The history carries the day each step happened, not the day the demo was seeded.
            AdoptionStageChange.objects.filter(pk=change.pk).update(changed_at=_moment(min(when, HISTORY_ENDS)))

    def seed_events(self):
        for held_on, kind, topic, host, titles in EVENTS:
            host_school = self.schools.get(host)
            if host_school is None:
                continue
            event, created = LeagueEvent.objects.get_or_create(
                league=self.league, held_on=held_on, topic=topic, defaults={"kind": kind, "host_school": host_school}
            )
            if created:
                event.projects.set([self.projects[title] for title in titles if title in self.projects])
