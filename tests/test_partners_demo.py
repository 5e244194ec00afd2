"""The league's demo data: seed 002's schools and projects, adoptions at every stage, partners of seed 001."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse

from partners.demo import seed_partners
from partners.models import Adoption, AdoptionStageChange, League, PartnerOrganisation, ProviderLink
from partners.selectors import league_progress
from schools.models import User


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker):
    """Seeds once for this module and rolls back afterwards, so other modules start from an empty database."""
    fast_hashing = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    with django_db_blocker.unblock(), fast_hashing, transaction.atomic():
        call_command("seed_demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def league(demo_data):
    return League.objects.get(office__code="ҚО", name="Серіктес директорлар лигасы")


@pytest.mark.django_db
def test_seeding_the_league_again_changes_nothing(league):
    before = seed_partners()
    history = AdoptionStageChange.objects.count()
    assert seed_partners() == before
    assert AdoptionStageChange.objects.count() == history


@pytest.mark.django_db
def test_the_kyzylorda_league_has_seed_002s_schools_and_projects(league):
    assert league.coordinator.username == "methodist.kz"
    assert (league.academic_year, league.target_projects, league.target_schools) == (2025, 20, 100)
    members = set(league.memberships.values_list("school__number", flat=True))
    assert {3, 101, 140, 176, 257, 261, 278} <= members
    assert 25 <= len(members) <= 32
    assert league.directions.count() == 20
    assert league.projects.count() == 20
    owners = set(league.projects.values_list("owner_school__number", flat=True))
    assert {3, 101, 140, 176, 257, 261, 278} <= owners
    assert league.projects.filter(owner_school__number=261).count() == 3
    assert league.projects.filter(owner_school__number=278).count() == 2
    assert league.projects.filter(description__contains="43 оқушы").exists()
    assert league.directions.filter(name_kk="Инклюзивті білім беру", name_ru="Инклюзивное образование").exists()


@pytest.mark.django_db
def test_adoptions_reach_a_realistic_share_at_every_stage(league):
    adoptions = Adoption.objects.filter(project__league=league)
    assert set(adoptions.values_list("stage", flat=True)) == {"agreed", "introduced", "sustained"}
    assert 55 <= adoptions.count() <= 70
    progress = league_progress(league)
    # The demo office has 30 schools, so distinct schools reached stay below 30 of the goal's 100.
    assert 20 <= progress.schools_reached <= 30
    assert progress.schools_reached < progress.adoptions
    assert adoptions.exclude(school__league_memberships__league=league).exists()  # non-members adopt too
    assert AdoptionStageChange.objects.filter(adoption__project__league=league).exclude(reason="").count() == 1
    for adoption in adoptions.select_related("project", "school"):
        adoption.clean()  # every seeded adoption obeys the rules


@pytest.mark.django_db
def test_partner_organisations_of_seed_001_in_both_offices(demo_data):
    for code in ("АБ", "ҚО"):
        kinds = set(PartnerOrganisation.objects.filter(office__code=code).values_list("kind", flat=True))
        assert {"donor", "training"} <= kinds
        names = " ".join(PartnerOrganisation.objects.filter(office__code=code).values_list("name", flat=True))
        assert "ADB" in names and "USAID" in names and "GIZ" in names
    ala_buka = PartnerOrganisation.objects.filter(office__code="АБ")
    assert ala_buka.filter(name__contains="Баястан").exists()
    assert ala_buka.filter(name__contains="Ала-Тоо").exists()
    adb = ala_buka.get(name__contains="ADB")
    assert adb.contributions.filter(description__contains="12 компьютер").exists()
    assert ProviderLink.objects.filter(organisation__office__code="АБ").count() >= 2
    assert ProviderLink.objects.filter(organisation__office__code="ҚО").count() >= 1


@pytest.mark.django_db
def test_the_demo_accounts_see_their_league_pages(league):
    methodist = Client()
    methodist.force_login(User.objects.get(username="methodist.kz"))
    dashboard = methodist.get(reverse("partners:home"), follow=True)
    assert dashboard.status_code == 200
    assert dashboard.context["league"] == league
    assert len(dashboard.context["grid"].rows) == 19  # the draft stays out of the grid

    director = Client()
    director.force_login(User.objects.get(username="director.kz"))
    page = director.get(reverse("partners:home"), follow=True)
    assert page.status_code == 200
    assert len(page.context["own_projects"]) == 2
    assert page.context["membership"].league == league
