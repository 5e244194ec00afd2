"""Demo data for qualification upgrades: providers, courses and several years of course records for both offices.

`catalogue` is each office's providers and courses, one table row per course; `history` generates the staff's
records from it (every renewal state in every school, records to confirm, a rejected one, planned courses);
`certificates` issues a few of them their certificates: a step of its own (`seed_course_certificates`), after
the certificates step has given each office its signatory.

Providers and courses are looked up by their natural keys, and an office whose staff already have course
records gets no new ones, so running the seeding again changes nothing.
"""

from django.db import transaction

from qualification.demo.catalogue import OFFICES
from qualification.demo.certificates import seed_course_certificates
from qualification.demo.history import OfficeHistory
from qualification.models import Course, CourseRecord, Provider
from schools.models import DistrictOffice

__all__ = ["seed_course_certificates", "seed_qualification"]


@transaction.atomic
def seed_qualification():
    """Creates the demo providers, courses and course records that do not exist yet; returns totals."""
    offices = []
    for plan in OFFICES:
        office = DistrictOffice.objects.get(code=plan.code)
        OfficeHistory(plan, office).seed()
        offices.append(office)
    return {
        "course providers": Provider.objects.filter(office__in=offices).count(),
        "courses": Course.objects.filter(office__in=offices).count(),
        "course records": CourseRecord.objects.filter(staff_member__school__office__in=offices).count(),
    }
