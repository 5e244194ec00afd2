"""Factories of the league and partner organisations: each makes one valid object and takes overrides."""

import itertools
from datetime import date

from core.academic import academic_year_of
from partners.models import (
    Adoption,
    AdoptionStageChange,
    Contribution,
    Direction,
    League,
    LeagueEvent,
    LeagueMembership,
    PartnerOrganisation,
    Project,
)

_sequence = itertools.count(1)


def make_league(office, **fields):
    defaults = {
        "name": f"Серіктес директорлар лигасы {next(_sequence)}",
        "academic_year": academic_year_of(date.today()),
        "target_projects": 20,
        "target_schools": 100,
    }
    return League.objects.create(office=office, **{**defaults, **fields})


def make_direction(league, **fields):
    number = next(_sequence)
    defaults = {
        "name_kk": f"Экология {number}",
        "name_ky": f"Экология {number}",
        "name_ru": f"Экология {number}",
        "order": number,
    }
    return Direction.objects.create(league=league, **{**defaults, **fields})


def make_member(league, school, joined_on=date(2024, 9, 2)):
    membership, _ = LeagueMembership.objects.get_or_create(
        league=league, school=school, defaults={"joined_on": joined_on}
    )
    return membership


def make_project(league, school, direction=None, **fields):
    make_member(league, school)
    defaults = {
        "title": f"Жылыжай кешені {next(_sequence)}",
        "aim": "Оқушылар жылыжайда өнім өсіреді.",
        "started_on": date(2024, 9, 2),
        "state": "shared",
    }
    return Project.objects.create(
        league=league, owner_school=school, direction=direction or make_direction(league), **{**defaults, **fields}
    )


def make_adoption(project, school, **fields):
    defaults = {"adopted_on": date.today(), "stage": "agreed"}
    adoption = Adoption.objects.create(project=project, school=school, **{**defaults, **fields})
    AdoptionStageChange.objects.create(adoption=adoption, from_stage="", to_stage=adoption.stage)
    return adoption


def make_event(league, host_school, projects=(), **fields):
    defaults = {"held_on": date(2025, 11, 14), "kind": "exchange", "topic": "Тәжірибе алмасу"}
    event = LeagueEvent.objects.create(league=league, host_school=host_school, **{**defaults, **fields})
    event.projects.set(projects)
    return event


def make_organisation(office, **fields):
    defaults = {"name": f"Азия даму банкі {next(_sequence)}", "kind": "donor", "country": "Филиппин"}
    return PartnerOrganisation.objects.create(office=office, **{**defaults, **fields})


def make_contribution(organisation, schools=(), courses=(), **fields):
    defaults = {"kind": "equipment", "description": "12 компьютер комплектиси", "given_on": date(2024, 3, 1)}
    contribution = Contribution.objects.create(organisation=organisation, **{**defaults, **fields})
    contribution.schools.set(schools)
    contribution.courses.set(courses)
    return contribution
