"""The attestation file of one teacher: everything the office knows about their development, on paper.

Courses and hours in the renewal period, the renewal standing, attestations, certificates with their codes,
mentoring as mentor and as mentee, the council's recommendations, league projects and partner trainings; and
beside the PDF a ZIP of the uploaded scans behind it. It reads from every app, so it lives in the top app.
"""

import io
import zipfile
from pathlib import PurePath

from certificates.models import Certificate
from core import clock
from mentorship import evidence
from mentorship.models import MentorAppointment
from methodcouncil.models import Recommendation
from partners.selectors import league_work_of, partner_trainings
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
    records = _records(person)
    in_period = [record for record in records if record.completed_on and record.completed_on > period_starts]
    attestations = list(person.attestations.select_related("category"))
    projects, adoptions = league_work_of(person)
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
        "mentoring": evidence.summary_for(person),
        "recommendations": list(
            Recommendation.objects.filter(staff_member=person)
            .select_related("decision__agenda_item__meeting__council")
            .order_by("-decision__agenda_item__meeting__date")
        ),
        "projects": projects,
        "adoptions": adoptions,
        "partner_trainings": partner_trainings(records),
    }


def _records(person):
    return list(
        CourseRecord.objects.filter(staff_member=person, state=RecordState.CONFIRMED)
        .select_related("course", "course__provider", "run")
        .order_by("-completed_on", "-pk")
    )


def scan_files(person):
    """The uploads behind the file, as [(name in the archive, stored file)]: the documents of the confirmed
    courses the PDF lists, the PDFs of the certificates in force, and the evidence of the adoptions the person
    leads. Revoked and superseded certificates stay out: the PDF names them, but they no longer certify."""
    files = []
    for record in _records(person):
        if record.scan:
            label = _safe(record.document_number) or record.pk
            files.append((f"courses/{record.completed_on:%Y-%m-%d} {label}", record.scan))
    certificates = Certificate.objects.filter(holder=person, is_current=True, revoked_at__isnull=True)
    for certificate in certificates.order_by("issued_on", "pk"):
        if certificate.pdf:
            files.append((f"certificates/{certificate.serial}", certificate.pdf))
    for adoption in league_work_of(person)[1]:
        if adoption.evidence:
            files.append((f"league/{adoption.adopted_on:%Y-%m-%d} {adoption.project_id}", adoption.evidence))
    return files


def _safe(text):
    """A document number as part of a file name: no folders, no characters archives cannot hold."""
    return "".join("-" if character in '/\\:*?"<>|' else character for character in text).strip(" .")


def scans_zip(person):
    """The ZIP of `scan_files(person)`; each entry keeps its stored extension, names are made unique."""
    output = io.BytesIO()
    used = set()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, stored in scan_files(person):
            suffix = PurePath(stored.name).suffix.lower()
            entry, number = f"{name}{suffix}", 1
            while entry in used:
                number += 1
                entry = f"{name} ({number}){suffix}"
            used.add(entry)
            with stored.open("rb") as source:
                archive.writestr(entry, source.read())
    return output.getvalue()
