"""The methodical council (seed 003): its members, meetings and their minutes, decisions and their follow-up,
recommendations on teachers, the documents it considered, and its annual plan.

A council belongs to a school (or, for a district-level council, to an office alone) and to one academic
year. Its meetings are numbered within that year; a meeting's minutes go from draft to signed, and a signed
protocol is never edited again: corrections are recorded as amendments that print with it.
"""

from methodcouncil.models.councils import (  # noqa: F401
    PROTOCOL_LANGUAGES,
    Council,
    CouncilMember,
    CouncilPlanItem,
    CouncilQuerySet,
    CouncilRole,
    MethodicalAssociation,
)
from methodcouncil.models.decisions import (  # noqa: F401
    STATUS_ORDER,
    ConsideredDocument,
    Decision,
    DecisionQuerySet,
    DecisionState,
    DecisionStatus,
    DocumentKind,
    Recommendation,
    RecommendationKind,
    decision_status_filter,
)
from methodcouncil.models.meetings import (  # noqa: F401
    AgendaItem,
    Amendment,
    Attendance,
    Meeting,
    MeetingQuerySet,
    MeetingState,
    Speech,
)
