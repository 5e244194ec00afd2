"""The mentor–mentee school (seed 000): tracks, mentors' appointments, pairs, activities and the annual plan.

Who sees what. Methodists see everything of their office. A pair belongs to two schools, the mentor's and
the mentee's, and to two people: the directors of both schools see it, and so do the mentor and the mentee.
Appointments follow the same rule: a director sees their school's mentors and the mentors of their
school's mentees; a teacher sees their own appointments and their mentors'. An activity belongs to the
school that hosts it (its director and teachers see it) and to its participants; announced activities
(open-door days) are seen by every school of the office, and a mentor's meeting log by both directors and
both people of the pair. `ScopePaths` names one lookup per level, which cannot say "either of two
schools", so these models give `for_user` their rule as `visible_to(scope)`; writes stay with methodists,
directors (for their pairs) and mentors (for their own log).
"""

from mentorship.models.activities import (  # noqa: F401
    PAIR_LOG_KINDS,
    VISIT_KINDS,
    Activity,
    ActivityKind,
    PlanItem,
    PlanItemState,
    WorkPlan,
)
from mentorship.models.mentors import (  # noqa: F401
    APPOINTMENT_YEARS,
    DEFAULT_CADENCE_GRACE_DAYS,
    DEFAULT_FIRST_YEAR_CADENCE_DAYS,
    DEFAULT_LATER_CADENCE_DAYS,
    DEFAULT_MAX_MENTEES,
    ENDING_SOON_DAYS,
    YOUNG_SPECIALIST_YEARS,
    AppointmentQuerySet,
    AppointmentState,
    MenteeKind,
    MentorAppointment,
    MentorshipSettings,
    Track,
    VisibleQuerySet,
    all_mentee_kinds,
    appointment_state_expression,
    appointment_state_filter,
    is_young_specialist,
    mentors_by_track,
    new_calendar_token,
    two_years_later,
    validate_mentee_kinds,
)
from mentorship.models.pairs import Pair, PairState, active_pairs_by_track, pairs_of_school  # noqa: F401
