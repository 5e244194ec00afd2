"""Certificates issued in the demo: the demo teacher's confirmed courses and part of the 2023 computer
course's cohort, so that the verification page and the teacher's downloads have something to show.
"""

from certificates.models import Certificate
from qualification.certificates import issue_for_records
from qualification.demo.catalogue import ALA_BUKA, COHORT, DEMO_TEACHER
from qualification.models import CourseRecord, RecordState
from schools.models import User

COHORT_CERTIFICATES = 12


def seed_course_certificates():
    """Issues them once: an office that has certificates already gets none."""
    methodist = User.objects.filter(username=ALA_BUKA.methodist).first()
    if methodist is not None and not Certificate.objects.filter(office__code=ALA_BUKA.code).exists():
        confirmed = CourseRecord.objects.filter(
            state=RecordState.CONFIRMED, staff_member__school__office__code=ALA_BUKA.code
        )
        cohort_title = next(course.title for course in ALA_BUKA.courses if course.role == COHORT)
        teacher_records = confirmed.filter(staff_member__user__username=DEMO_TEACHER)
        cohort_records = confirmed.filter(course__title=cohort_title).order_by("pk")[:COHORT_CERTIFICATES]
        record_ids = [*teacher_records.values_list("pk", flat=True), *cohort_records.values_list("pk", flat=True)]
        if record_ids:
            issue_for_records(record_ids=record_ids, layout=None, by=methodist)
    return {"certificates": Certificate.objects.count()}
