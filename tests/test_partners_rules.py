"""The league's rules, checked on the models and services directly."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from core.academic import academic_year_of
from partners.forms import AdoptionUpdateForm
from partners.models import (
    Adoption,
    AdoptionStageChange,
    Contribution,
    LeagueMembership,
    Project,
    ProviderLink,
    stage_goes_back,
)
from partners.selectors import league_progress
from partners.services import LeagueError, adoption_update
from tests import factories
from tests import factories_partners as league_factories


@pytest.fixture
def league(office, methodist):
    return league_factories.make_league(office, coordinator=methodist)


@pytest.fixture
def project(league, school_a):
    return league_factories.make_project(league, school_a, title="Жылыжай кешені")


def codes(error):
    return {field: [e.code for e in errors] for field, errors in error.error_dict.items()}


def test_a_school_cannot_adopt_its_own_project(project, school_a):
    adoption = Adoption(project=project, school=school_a, adopted_on=date.today())
    with pytest.raises(ValidationError) as refused:
        adoption.full_clean()
    assert codes(refused.value)["school"] == ["own_project"]


def test_a_school_cannot_adopt_the_same_project_twice(project, school_b):
    league_factories.make_adoption(project, school_b)
    again = Adoption(project=project, school=school_b, adopted_on=date.today())
    with pytest.raises(ValidationError) as refused:
        again.clean()
    assert codes(refused.value)["school"] == ["duplicate"]
    with pytest.raises(IntegrityError), transaction.atomic():
        Adoption.objects.create(project=project, school=school_b, adopted_on=date.today())


def test_only_schools_of_the_leagues_office_can_adopt(project, other_office_school):
    adoption = Adoption(project=project, school=other_office_school, adopted_on=date.today())
    with pytest.raises(ValidationError) as refused:
        adoption.clean()
    assert codes(refused.value)["school"] == ["office"]


@pytest.mark.parametrize(
    ("adopted_on", "code"),
    [(date.today() + timedelta(days=1), "future"), (date(2024, 9, 1), "before_start")],
)
def test_adoption_dates_out_of_order_are_refused(project, school_b, adopted_on, code):
    adoption = Adoption(project=project, school=school_b, adopted_on=adopted_on)
    with pytest.raises(ValidationError) as refused:
        adoption.clean()
    assert codes(refused.value)["adopted_on"] == [code]


def test_a_project_can_be_adopted_from_the_day_it_started(project, school_b):
    Adoption(project=project, school=school_b, adopted_on=project.started_on).full_clean()


def test_the_office_message_names_the_rule(project, other_office_school):
    with pytest.raises(ValidationError) as refused:
        Adoption(project=project, school=other_office_school, adopted_on=date.today()).clean()
    assert "только школы её отдела образования" in refused.value.message_dict["school"][0]


def test_two_schools_adopt_one_project_and_one_school_adopts_two(league, project, school_a, school_b, office):
    third_school = factories.make_school(office)
    league_factories.make_adoption(project, school_b)
    Adoption(project=project, school=third_school, adopted_on=date.today()).full_clean()
    another = league_factories.make_project(league, school_a)
    Adoption(project=another, school=school_b, adopted_on=date.today()).full_clean()


def test_an_adoption_without_a_project_or_a_school_gets_field_errors_not_a_crash(project, school_b):
    for adoption in (
        Adoption(school=school_b, adopted_on=date.today()),
        Adoption(project=project, adopted_on=date.today()),
        Adoption(adopted_on=date.today()),
    ):
        with pytest.raises(ValidationError) as refused:
            adoption.full_clean()
        assert set(refused.value.message_dict) <= {"project", "school"}


def test_the_owner_schools_director_may_edit_its_projects_adoptions(project, school_a, school_b, office):
    adopted = league_factories.make_adoption(project, school_b)
    owner_director = factories.make_director(school_a, username="owner")
    adopting_director = factories.make_director(school_b, username="adopting")
    bystander = factories.make_director(factories.make_school(office), username="bystander")
    assert list(Adoption.objects.editable_by(owner_director)) == [adopted]
    assert list(Adoption.objects.editable_by(adopting_director)) == [adopted]
    assert list(Adoption.objects.editable_by(bystander)) == []


def test_an_adoption_after_the_academic_year_is_not_counted_in_it(league, school_a, school_b):
    project = league_factories.make_project(league, school_a, started_on=date(2020, 9, 1))
    last_day = league_factories.make_adoption(project, school_b, adopted_on=league.year_ends)
    league.academic_year -= 1
    assert list(Adoption.objects.in_academic_year(league)) == []
    league.academic_year += 1
    assert list(Adoption.objects.in_academic_year(league)) == [last_day]


def test_the_contact_person_works_at_the_adopting_school(project, school_b, teacher_a):
    adoption = Adoption(project=project, school=school_b, adopted_on=date.today(), contact_person=teacher_a)
    with pytest.raises(ValidationError) as refused:
        adoption.clean()
    assert codes(refused.value)["contact_person"] == ["contact_school"]


@pytest.mark.parametrize("state", ["draft", "closed"])
def test_a_draft_or_closed_project_cannot_be_adopted(league, school_a, school_b, state):
    project = league_factories.make_project(league, school_a, state=state)
    with pytest.raises(ValidationError) as refused:
        Adoption(project=project, school=school_b, adopted_on=date.today()).clean()
    assert codes(refused.value)["__all__"] == ["not_adoptable"]


def test_only_a_member_school_registers_a_project(league, school_b):
    direction = league_factories.make_direction(league)
    project = Project(
        league=league, owner_school=school_b, direction=direction, title="Т", aim="А", started_on=date(2024, 9, 1)
    )
    with pytest.raises(ValidationError) as refused:
        project.clean()
    assert codes(refused.value)["owner_school"] == ["not_member"]


def test_a_project_takes_a_direction_of_its_own_league(league, office, school_a):
    other_league = league_factories.make_league(office)
    league_factories.make_member(league, school_a)
    project = Project(
        league=league,
        owner_school=school_a,
        direction=league_factories.make_direction(other_league),
        title="Т",
        aim="А",
        started_on=date(2024, 9, 1),
    )
    with pytest.raises(ValidationError) as refused:
        project.clean()
    assert codes(refused.value)["direction"] == ["direction"]


def test_a_project_that_has_not_started_stays_a_draft(league, school_a):
    league_factories.make_member(league, school_a)
    direction = league_factories.make_direction(league)
    later = date.today() + timedelta(days=30)
    project = Project(
        league=league, owner_school=school_a, direction=direction, title="Т", aim="А", started_on=later, state="active"
    )
    with pytest.raises(ValidationError) as refused:
        project.clean()
    assert codes(refused.value)["started_on"] == ["future"]
    project.state = "draft"
    project.clean()


def test_the_coordinator_is_a_methodist_of_the_office(office, other_office, director_a):
    league = league_factories.make_league(office)
    league.coordinator = director_a
    with pytest.raises(ValidationError):
        league.clean()
    league.coordinator = factories.make_methodist(other_office)
    with pytest.raises(ValidationError):
        league.clean()
    league.coordinator = factories.make_methodist(office)
    league.clean()


def test_only_schools_of_the_office_join_and_not_in_the_future(league, other_office_school, school_a):
    with pytest.raises(ValidationError) as refused:
        LeagueMembership(league=league, school=other_office_school, joined_on=date(2025, 1, 1)).clean()
    assert codes(refused.value)["school"] == ["office"]
    with pytest.raises(ValidationError) as refused:
        LeagueMembership(league=league, school=school_a, joined_on=date.today() + timedelta(days=1)).clean()
    assert codes(refused.value)["joined_on"] == ["future"]


@pytest.mark.parametrize(
    ("old", "new", "back"),
    [
        ("agreed", "introduced", False),
        ("introduced", "sustained", False),
        ("agreed", "sustained", False),
        ("introduced", "introduced", False),
        ("introduced", "agreed", True),
        ("sustained", "introduced", True),
        ("sustained", "agreed", True),
        ("", "sustained", False),
    ],
)
def test_which_stage_changes_go_back(old, new, back):
    assert stage_goes_back(old, new) is back


def _update(adoption, stage, reason, user):
    form = AdoptionUpdateForm(
        {"stage": stage, "adopted_on": adoption.adopted_on.isoformat(), "notes": "", "reason": reason},
        instance=adoption,
    )
    return form


def test_a_stage_going_back_needs_a_reason(project, school_b, methodist):
    adoption = league_factories.make_adoption(project, school_b, stage="sustained")
    form = _update(adoption, "introduced", "", methodist)
    assert not form.is_valid()
    assert [e.code for e in form.errors.as_data()["reason"]] == ["reason_needed"]

    form = _update(adoption, "introduced", "Жауапты мұғалім басқа мектепке ауысты", methodist)
    assert form.is_valid(), form.errors
    adoption_update(adoption=adoption, form=form, reason=form.cleaned_data["reason"], by=methodist)
    change = AdoptionStageChange.objects.filter(adoption=adoption).last()
    assert (change.from_stage, change.to_stage, change.changed_by) == ("sustained", "introduced", methodist)
    assert change.reason == "Жауапты мұғалім басқа мектепке ауысты"
    assert change.goes_back


def test_the_service_refuses_a_step_back_without_a_reason_too(project, school_b, methodist):
    adoption = league_factories.make_adoption(project, school_b, stage="introduced")
    form = _update(adoption, "agreed", "причина", methodist)
    assert form.is_valid()
    with pytest.raises(LeagueError):
        adoption_update(adoption=adoption, form=form, reason="  ", by=methodist)
    adoption.refresh_from_db()
    assert adoption.stage == "introduced"


def test_moving_forward_is_recorded_without_a_reason(project, school_b, methodist):
    adoption = league_factories.make_adoption(project, school_b)
    form = _update(adoption, "introduced", "", methodist)
    assert form.is_valid(), form.errors
    adoption_update(adoption=adoption, form=form, reason="", by=methodist)
    assert list(adoption.stage_changes.values_list("from_stage", "to_stage")) == [
        ("", "agreed"),
        ("agreed", "introduced"),
    ]


def test_progress_counts_distinct_adopting_schools_not_adoptions(league, office, school_a, school_b):
    school_c = factories.make_school(office)
    first = league_factories.make_project(league, school_a)
    second = league_factories.make_project(league, school_a)
    third = league_factories.make_project(league, school_c)
    league_factories.make_adoption(first, school_b)
    league_factories.make_adoption(second, school_b, stage="introduced")
    league_factories.make_adoption(third, school_b, stage="sustained")
    league_factories.make_adoption(first, school_c)

    progress = league_progress(league)

    assert progress.adoptions == 4
    assert progress.schools_reached == 2
    assert progress.by_stage == {"agreed": 2, "introduced": 1, "sustained": 1}
    assert progress.projects == 3
    assert progress.adoption_target == 15
    assert progress.schools_percent == 2


def test_progress_counts_only_the_goals_academic_year(league, school_a, school_b):
    project = league_factories.make_project(league, school_a, started_on=date(2020, 9, 1))
    league_factories.make_adoption(project, school_b, adopted_on=league.year_starts - timedelta(days=1))
    assert league_progress(league).schools_reached == 0
    league.academic_year -= 1
    assert league_progress(league).schools_reached == 1


def test_drafts_do_not_count_as_league_projects(league, school_a):
    league_factories.make_project(league, school_a, state="draft")
    league_factories.make_project(league, school_a, state="active")
    assert league_progress(league).projects == 1


@pytest.mark.parametrize(
    ("day", "year"), [(date(2025, 9, 1), 2025), (date(2026, 8, 31), 2025), (date(2026, 1, 15), 2025)]
)
def test_academic_year_runs_from_september_to_august(day, year):
    assert academic_year_of(day) == year


def test_academic_year_bounds(league):
    league.academic_year = 2025
    assert (league.year_starts, league.year_ends, league.academic_year_label) == (
        date(2025, 9, 1),
        date(2026, 8, 31),
        "2025–2026",
    )


def test_a_value_needs_its_currency_and_no_future_dates(office):
    organisation = league_factories.make_organisation(office)
    contribution = Contribution(
        organisation=organisation, kind="funding", description="Грант", given_on=date(2024, 1, 1), value=1000
    )
    with pytest.raises(ValidationError) as refused:
        contribution.clean()
    assert codes(refused.value)["currency"] == ["currency"]
    contribution.currency = "USD"
    contribution.given_on = date.today() + timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        contribution.clean()
    assert codes(refused.value)["given_on"] == ["future"]


def test_a_provider_is_linked_within_its_office(office, other_office):
    organisation = league_factories.make_organisation(office)
    with pytest.raises(ValidationError):
        ProviderLink(provider=factories.make_provider(other_office), organisation=organisation).clean()
    ProviderLink(provider=factories.make_provider(office), organisation=organisation).clean()
