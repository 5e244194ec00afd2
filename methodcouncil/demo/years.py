"""The councils' calendar: the academic years the demo covers, each year's meetings and their decisions'
deadlines. Dates are fixed (like the schools' hire dates), so the data never depends on when it is seeded;
the "overdue" state is counted against today by the pages.

The previous year's meetings are all signed. This year two meetings are signed, the November one is a draft
the secretary is still writing, and the January one is planned. The demo teacher is the secretary of school
No. 2's current council and answers for one of its decisions.
"""

from dataclasses import dataclass
from datetime import date

from methodcouncil.models import MeetingState

CURRENT_YEAR = 2026
PREVIOUS_YEAR = CURRENT_YEAR - 1
DEMO_SECRETARY = "teacher"  # the demo teacher keeps the minutes of school No. 2 (Ala-Buka) this year
# The demo teacher answers for a decision of October's meeting, due before the winter break.
DEMO_SECRETARY_DECISION = (
    "Окуучулардын математика боюнча билим деңгээлине мониторинг жүргүзүлүп, жыйынтыгы усулдук кеңешке берилсин.",
    date(2026, 12, 20),
)


@dataclass(frozen=True)
class MeetingPlan:
    template: int  # index into LanguagePack.meetings
    day: date
    state: str
    # Deadlines of the first and second decision of each item, and whether they are done.
    deadlines: tuple[date | None, ...]
    done: tuple[bool, ...]


SIGNED, DRAFT = MeetingState.SIGNED, MeetingState.DRAFT

YEARS = {
    PREVIOUS_YEAR: {
        "plan_months": (date(2025, 9, 1), date(2025, 11, 1), date(2026, 1, 1), date(2026, 3, 1), date(2026, 5, 1)),
        "meetings": (
            MeetingPlan(0, date(2025, 9, 5), SIGNED, (date(2025, 9, 30), date(2025, 10, 15)), (True, True)),
            MeetingPlan(1, date(2025, 11, 7), SIGNED, (date(2025, 12, 1), date(2025, 12, 25)), (True, False)),
            MeetingPlan(2, date(2026, 1, 16), SIGNED, (date(2026, 2, 20), None), (True, True)),
            MeetingPlan(3, date(2026, 3, 20), SIGNED, (date(2026, 4, 10), date(2026, 5, 15)), (True, True)),
            MeetingPlan(4, date(2026, 5, 22), SIGNED, (date(2026, 6, 5), date(2026, 6, 20)), (True, False)),
        ),
    },
    CURRENT_YEAR: {
        "plan_months": (date(2026, 9, 1), date(2026, 10, 1), date(2026, 11, 1), date(2027, 1, 1), date(2027, 5, 1)),
        "meetings": (
            # Every school has each state: done, overdue (open, deadline in October) and open (later deadlines).
            MeetingPlan(0, date(2026, 9, 4), SIGNED, (date(2026, 9, 25), date(2026, 10, 15)), (True, False)),
            MeetingPlan(1, date(2026, 10, 30), SIGNED, (date(2026, 12, 25), date(2027, 1, 30)), (False, False)),
            MeetingPlan(2, date(2026, 11, 17), DRAFT, (date(2027, 2, 15), date(2027, 3, 1)), (False, False)),
            MeetingPlan(3, date(2027, 1, 15), DRAFT, (), ()),  # planned: the agenda only
        ),
    },
}
# The day the story of the demo is told from: decisions due before it may be done already.
SEEDED_ON = date(2026, 11, 20)
