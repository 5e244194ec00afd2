"""Demo data for Ala-Buka's mentor–mentee school (seed 000).

`programme` holds the tracks, achievements and each year's plan as tables; `seed` generates the mentors,
pairs, activities and the mentors' logs from them. Tracks and the settings are looked up by their natural
keys; an office that has appointments already gets nothing more, so running the seeding again changes
nothing.
"""

from django.db import transaction
from django.utils import timezone

from core import clock
from mentorship.demo.evidence import seed_evidence
from mentorship.demo.programme import OFFICE_CODE
from mentorship.demo.seed import MentorshipSchool
from mentorship.models import Activity, MentorAppointment, Pair, Track
from schools.models import DistrictOffice, User


@transaction.atomic
def seed_mentorship():
    office = DistrictOffice.objects.filter(code=OFFICE_CODE).first()
    if office is not None:
        methodist = User.objects.filter(username="methodist").first()
        MentorshipSchool(office, methodist).seed()
    appointments = MentorAppointment.objects.filter(track__office__code=OFFICE_CODE)
    today = timezone.localdate()
    return {
        "mentorship tracks": Track.objects.filter(office__code=OFFICE_CODE).count(),
        "mentors today": appointments.holding(today).values("staff_member").distinct().count(),
        "mentor appointments": appointments.count(),
        "mentor–mentee pairs": Pair.objects.filter(track__office__code=OFFICE_CODE).count(),
        "mentorship activities": Activity.objects.filter(office__code=OFFICE_CODE).count(),
    }


def seed_mentorship_evidence():
    """The mentors' year of logs (meetings, lesson visits) for the pairs at work today, on each office's own date."""
    offices = DistrictOffice.objects.order_by("pk")
    added = sum(seed_evidence(office, clock.today(office.time_zone)) for office in offices)
    return {"mentorship log entries added": added}
