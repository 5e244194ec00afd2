"""Demo data of the partner-directors league (seed 002) and of the offices' partner organisations (seed 001).

`projects` holds the league's directions, projects and events as tables; `league` generates the members,
adoptions and their history from them; `organisations` holds and writes the partners and what they gave.
Every row is looked up by its natural key first, so running the seeding again changes nothing.
"""

from django.db import transaction

from partners.demo.league import LeagueSeeder
from partners.demo.organisations import seed_organisations
from partners.models import (
    Adoption,
    Contribution,
    League,
    LeagueEvent,
    LeagueMembership,
    PartnerOrganisation,
    Project,
    ProviderLink,
)
from schools.models import DistrictOffice

LEAGUE_OFFICE = "ҚО"


@transaction.atomic
def seed_partners():
    """Creates the demo league and partner organisations that do not exist yet; returns totals."""
    offices = {office.code: office for office in DistrictOffice.objects.filter(code__in=["АБ", LEAGUE_OFFICE])}
    if LEAGUE_OFFICE in offices:
        LeagueSeeder(offices[LEAGUE_OFFICE]).seed()
    seed_organisations(offices)
    office_list = list(offices.values())
    return {
        "partner-directors leagues": League.objects.filter(office__in=office_list).count(),
        "league member schools": LeagueMembership.objects.filter(league__office__in=office_list).count(),
        "league projects": Project.objects.filter(league__office__in=office_list).count(),
        "project adoptions": Adoption.objects.filter(project__league__office__in=office_list).count(),
        "league events": LeagueEvent.objects.filter(league__office__in=office_list).count(),
        "partner organisations": PartnerOrganisation.objects.filter(office__in=office_list).count(),
        "partner contributions": Contribution.objects.filter(organisation__office__in=office_list).count(),
        "linked course providers": ProviderLink.objects.filter(organisation__office__in=office_list).count(),
    }
