"""The attestation file of one teacher: everything the office knows about their development, on paper.

Courses and hours in the renewal period, the renewal standing, attestations, certificates with their codes,
mentoring as mentor and as mentee, the council's recommendations and the league projects of their school
they took part in. It reads from every app, so it lives here, with the other printed documents.
"""

from certificates.models import Certificate
from core import clock
from mentorship.models import MentorAppointment, Pair
from methodcouncil.models import Recommendation
from qualification.models import CourseRecord, RecordState, next_attestation_due
from qualification.renewal import add_years, attach_due_dates, policy_for_office, with_renewal
from schools.models import StaffMember


def attestation_file(person, today=None):
    """The file's content for `person` (a StaffMember the reader may see)."""
    today = today or clock.today()
    person = with_renewal(StaffMember.objects.filter(pk=person.pk).select_related("school__office"), today).get()
    attach_due_dates([person])
    policy = policy_for_office(person.school.office_id)
    period_starts = add_years(today, -policy.period_years)
    records = list(
        CourseRecord.objects.filter(staff_member=person, state=RecordState.CONFIRMED)
        .select_related("course", "course__provider", "run")
        .order_by("-completed_on", "-pk")
    )
    in_period = [record for record in records if record.completed_on and record.completed_on > period_starts]
    attestations = list(person.attestations.select_related("category"))
    return {
        "person": person,
        "today": today,
        "policy": policy,
        "period_starts": period_starts,
        "records": records,
        "hours_in_period": sum(record.hours for record in in_period),
        "attestations": attestations,
        "next_attestation": next_attestation_due(
            person, attestations[0] if attestations else None, person.school.office.country
        ),
        "certificates": list(Certificate.objects.filter(holder=person).order_by("-issued_on", "-pk")),
        "terms": list(
            MentorAppointment.objects.filter(staff_member=person).select_related("track").order_by("-starts_on")
        ),
        "mentored_by": list(
            Pair.objects.filter(mentee=person)
            .select_related("appointment__staff_member", "track")
            .order_by("-starts_on")
        ),
        "mentees": list(
            Pair.objects.filter(appointment__staff_member=person).select_related("mentee").order_by("-starts_on")
        ),
        "recommendations": list(
            Recommendation.objects.filter(staff_member=person)
            .select_related("decision__agenda_item__meeting__council")
            .order_by("-decision__agenda_item__meeting__date")
        ),
    }
