"""The partner-directors league (seed 002) and the office's partner organisations (seed 001).

A league belongs to one education office. Its member schools each develop a project under one of the
league's directions; other schools of the same office adopt the projects, and the league's goal for an
academic year counts the distinct schools reached. Partner organisations (donors, NGOs, training providers,
businesses) give the office's schools equipment, programmes, trainings or funding.
"""

from partners.models.league import (  # noqa: F401
    OUTSIDE_OFFICE_MESSAGE,
    Direction,
    League,
    LeagueMembership,
)
from partners.models.organisations import (  # noqa: F401
    Contribution,
    ContributionKind,
    Currency,
    OrganisationKind,
    PartnerOrganisation,
    ProviderLink,
)
from partners.models.projects import (  # noqa: F401
    ADOPTABLE_STATES,
    PHOTO_MAX_PIXELS,
    STAGE_RANK,
    Adoption,
    AdoptionQuerySet,
    AdoptionStage,
    AdoptionStageChange,
    LeagueEvent,
    LeagueEventKind,
    Project,
    ProjectFile,
    ProjectFileKind,
    ProjectQuerySet,
    ProjectState,
    stage_goes_back,
)
