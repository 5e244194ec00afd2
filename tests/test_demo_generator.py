"""The demo generator without a database: the same draws on every run, tables that hold together, the
wording in every language the demo speaks, and one list of seeding steps."""

import random

from django.utils.module_loading import import_string

from methodcouncil.demo.minutes import LANGUAGES, PACKS
from partners.demo.league import plan_adoptions
from partners.demo.organisations import ORGANISATIONS, _provider_names
from partners.demo.projects import DIRECTIONS, PROJECTS
from qualification.demo.catalogue import OFFICES, ROLLING
from schools.demo.places import ALA_BUKA, KYZYLORDA, PRESCHOOL, school_plans
from schools.demo.staff import plan_school_staff
from schools.management.commands.seed_demo import SEEDERS


def _all_staff(seed):
    rng = random.Random(seed)
    return [
        plan_school_staff(rng, office["country"], plan)
        for office in (ALA_BUKA, KYZYLORDA)
        for plan in school_plans(office["code"])
    ]


def test_the_same_seed_draws_the_same_people():
    assert _all_staff(2020) == _all_staff(2020)
    assert _all_staff(2020) != _all_staff(2021)


def test_ala_buka_has_45_numbered_schools_and_named_kindergartens():
    plans = school_plans(ALA_BUKA["code"])
    numbered = [plan for plan in plans if plan.kind != PRESCHOOL]
    assert [plan.number for plan in numbered] == list(range(1, 46))
    assert all(plan.name.startswith(f"№{plan.number} ") for plan in numbered)
    kindergartens = [plan for plan in plans if plan.kind == PRESCHOOL]
    assert len(kindergartens) == 3 and all(plan.number is None for plan in kindergartens)
    assert "№2 Ж. Бөкөнбаев атындагы орто мектеби" in {plan.name for plan in plans}


def test_kyzylorda_names_its_schools_in_kazakh():
    plans = {plan.number: plan for plan in school_plans(KYZYLORDA["code"])}
    assert len(plans) == 30
    assert plans[278].name == "№278 IT-лицейі"
    assert plans[4].name == "№4 Ы. Алтынсарин атындағы орта мектеп"
    assert plans[45].settlement == "Тасбөгет кенті"


def test_every_course_has_its_russian_title_and_a_unique_title():
    for office in OFFICES:
        titles = [course.title for course in office.courses]
        assert len(titles) == len(set(titles)), office.code
        assert all(course.title_ru for course in office.courses), office.code
        assert any(course.role == ROLLING for course in office.courses)
        assert {provider.key for provider in office.providers} >= {course.provider for course in office.courses}


def test_the_councils_speak_three_languages_with_the_same_agenda():
    shapes = {language: [len(meeting.items) for meeting in PACKS[language].meetings] for language in LANGUAGES}
    assert len(set(map(tuple, shapes.values()))) == 1
    for pack in PACKS.values():
        assert all(item.topic and item.decision for meeting in pack.meetings for item in meeting.items)
    assert PACKS["kk"].council_name == "Әдістемелік кеңес"


def test_league_tables_hold_together():
    directions = {key for key, _name in DIRECTIONS}
    assert len(DIRECTIONS) == 20 and all(name.ky and name.kk and name.ru for _key, name in DIRECTIONS)
    assert {project.direction for project in PROJECTS} <= directions
    numbers = [plan.number for plan in school_plans(KYZYLORDA["code"])]
    assert plan_adoptions(numbers) == plan_adoptions(numbers)


def test_partner_centres_name_providers_of_the_catalogue():
    for organisation in ORGANISATIONS:
        assert len(_provider_names(organisation)) == len(organisation.providers), organisation.name


def test_every_seeding_step_is_listed_once_and_can_be_imported():
    assert len(SEEDERS) == len(set(SEEDERS))
    assert SEEDERS[0] == "schools.demo.seed_schools"
    for path in SEEDERS:
        assert callable(import_string(path))
