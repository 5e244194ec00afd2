"""Issuing, revoking and re-issuing certificates. A certificate's text and PDF are fixed at issue."""

import io
import logging
import zipfile

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from certificates.models import Certificate, CertificateKind, CertificateSettings, IssueBatch, Layout, SerialCounter
from certificates.pdf import qr_data_uri, render_document
from certificates.wording import wording
from mentorship.models import MentorAppointment
from qualification.models import CourseKind, CourseRecord, RecordState
from schools import audit, clock

logger = logging.getLogger(__name__)

RENDER_CHUNK = 25


class CertificateError(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def next_serial(office, year):
    """`АБ-2026-00042`: numbered per office and year, without gaps or repeats even under concurrent issue."""
    counter, _created = SerialCounter.objects.get_or_create(office=office, year=year)
    counter = SerialCounter.objects.select_for_update().get(pk=counter.pk)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"{office.code}-{year}-{counter.last:05d}"


def _office_settings(office):
    try:
        return office.certificate_settings
    except CertificateSettings.DoesNotExist:
        raise CertificateError(
            _("Set who signs the certificates of %(office)s first (Certificates → Settings).") % {"office": office}
        ) from None


def _kind_for(record):
    return {
        CourseKind.RETRAINING: CertificateKind.RETRAINING,
        CourseKind.SEMINAR: CertificateKind.PARTICIPATION,
    }.get(record.course.kind, CertificateKind.COURSE)


def _issued(office, person, layout, by, today, **what):
    """A certificate with the snapshot every kind shares: serial, holder, office names, signatory, layout.

    Issued on `today`, or on the office's own today (a batch runs outside any office's request).
    """
    office_settings = _office_settings(office)
    today = today or clock.today(office.time_zone)
    return Certificate(
        office=office,
        serial=next_serial(office, today.year),
        holder=person,
        holder_name=person.full_name,
        holder_gender=person.gender,
        office_name_ky=office.name_ky,
        office_name_kk=office.name_kk,
        office_name_ru=office.name_ru,
        signatory_name=office_settings.signatory_name,
        signatory_title=office_settings.signatory_title,
        signatory_title_ky=office_settings.signatory_title_ky,
        signatory_title_kk=office_settings.signatory_title_kk,
        signatory_title_ru=office_settings.signatory_title_ru,
        layout=layout or office_settings.default_layout,
        issued_on=today,
        issued_by=by,
        **what,
    )


def _snapshot(record, layout, by, today, supersedes=None):
    return _issued(
        record.staff_member.school.office,
        record.staff_member,
        layout,
        by,
        today,
        kind=_kind_for(record),
        course_record=record,
        title=record.course.title,
        title_ky=record.course.title_ky,
        title_kk=record.course.title_kk,
        title_ru=record.course.title_ru,
        hours=record.hours,
        starts_on=record.started_on,
        ends_on=record.completed_on,
        supersedes=supersedes,
    )


def print_items(certificates):
    return [
        {
            "certificate": certificate,
            "wording": wording(certificate),
            "qr": qr_data_uri(certificate.get_verification_url()),
            "verify_url": certificate.get_verification_url(),
        }
        for certificate in certificates
    ]


def render_certificates(certificates):
    """Lays out certificates in one document and returns it: one page each, in the same order."""
    return render_document("certificates/certificate.html", {"items": print_items(certificates)}, "certificate.css")


def _store_pdfs(certificates):
    document = render_certificates(certificates)
    for certificate, page in zip(certificates, document.pages, strict=True):
        certificate.pdf.save(f"{certificate.serial}.pdf", ContentFile(document.copy([page]).write_pdf()), save=False)
        certificate.save(update_fields=["pdf"])
    return document


def _eligible_records(record_ids, by):
    records = (
        CourseRecord.objects.for_user(by)
        .filter(pk__in=record_ids)
        .select_related("staff_member__school__office__certificate_settings", "course")
    )
    records = list(records)
    if len(records) != len(set(record_ids)):
        raise CertificateError(_("Some of the chosen course records are outside your district."))
    unconfirmed = [record for record in records if record.state != RecordState.CONFIRMED]
    if unconfirmed:
        raise CertificateError(
            _("Only confirmed courses get certificates; not confirmed: %(names)s.")
            % {"names": ", ".join(record.staff_member.full_name for record in unconfirmed)}
        )
    return records


@transaction.atomic
def issue_for_records(*, record_ids, layout, by, today=None):
    """Issues a certificate for each record that has none; returns (new documents' layout, all certificates).

    A record that already has a current certificate gets that one back instead of a duplicate.
    """
    records = _eligible_records(record_ids, by)
    existing = {
        certificate.course_record_id: certificate
        for certificate in Certificate.objects.current().filter(course_record__in=records)
    }
    new = [_snapshot(record, layout, by, today) for record in records if record.pk not in existing]
    Certificate.objects.bulk_create(new)
    audit.record_many(
        new, audit.Action.CREATED, actor=by, source=audit.Source.BULK if len(new) > 1 else audit.Source.FORM
    )
    document = _store_pdfs(new) if new else None
    return document, new, list(existing.values())


def _mentorship_snapshot(appointment, layout, by, today, supersedes=None):
    office = appointment.track.office
    layout = layout or _office_settings(office).default_layout
    return _issued(
        office,
        appointment.staff_member,
        layout,
        by,
        today,
        kind=CertificateKind.MENTORSHIP,
        mentor_appointment=appointment,
        title=getattr(appointment.track, f"name_{Layout.languages(layout)[0]}"),
        title_ky=appointment.track.name_ky,
        title_kk=appointment.track.name_kk,
        title_ru=appointment.track.name_ru,
        hours=None,
        starts_on=appointment.starts_on,
        ends_on=appointment.ends_on,
        supersedes=supersedes,
    )


@transaction.atomic
def issue_for_appointment(*, appointment, by, layout=None, today=None):
    """A mentorship certificate for a mentor's term; an appointment with a current certificate gets that one back."""
    # The row lock makes a double click wait for the first certificate and then get it back.
    appointment = (
        MentorAppointment.objects.select_for_update()
        .select_related("staff_member", "track__office")
        .get(pk=appointment.pk)
    )
    existing = Certificate.objects.current().filter(mentor_appointment=appointment).first()
    if existing:
        return existing
    certificate = _mentorship_snapshot(appointment, layout, by, today)
    certificate.save()
    audit.record(certificate, audit.Action.CREATED, actor=by)
    _store_pdfs([certificate])
    return certificate


@transaction.atomic
def revoke(*, certificate, by, reason):
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.revoked_at:
        raise CertificateError(_("This certificate has been revoked already."))
    if not reason.strip():
        raise CertificateError(_("Say why the certificate is revoked; the reason stays on record."))
    certificate.revoked_at = timezone.now()
    certificate.revoked_by = by
    certificate.revocation_reason = reason.strip()
    certificate.is_current = False
    certificate.save(update_fields=["revoked_at", "revoked_by", "revocation_reason", "is_current"])
    audit.record(certificate, audit.Action.CHANGED, actor=by, changes={"status": ["valid", "revoked"]}, note=reason)
    return certificate


def replacement_refused(certificate):
    """Why no certificate can replace this one, or "" when one can: a replacement needs the course record (still
    confirmed) or the mentor's term behind the old certificate, and an old certificate is replaced once."""
    if hasattr(certificate, "superseded_by"):
        return _("This certificate has been replaced already; the newest one is the one to re-issue.")
    if certificate.course_record_id:
        if certificate.course_record.state != RecordState.CONFIRMED:
            return _("The course record behind this certificate is no longer confirmed.")
        return ""
    if certificate.mentor_appointment_id:
        return ""
    return _("Nothing on record stands behind this certificate, so it cannot be issued again.")


@transaction.atomic
def reissue(*, certificate, by, layout=None, today=None):
    """A new certificate from today's data that replaces the old one: a valid one becomes superseded, a revoked
    one stays revoked and links to its replacement. Both stay on record."""
    old = (
        Certificate.objects.select_for_update(of=("self",))
        .select_related("course_record", "mentor_appointment")
        .get(pk=certificate.pk)
    )
    refused = replacement_refused(old)
    if refused:
        raise CertificateError(refused)
    was = old.status
    old.is_current = False
    old.save(update_fields=["is_current"])
    if old.course_record_id:
        record = CourseRecord.objects.select_related("staff_member__school__office", "course").get(
            pk=old.course_record_id
        )
        new = _snapshot(record, layout or old.layout, by, today, supersedes=old)
    else:
        appointment = MentorAppointment.objects.select_related("staff_member", "track__office").get(
            pk=old.mentor_appointment_id
        )
        new = _mentorship_snapshot(appointment, layout or old.layout, by, today, supersedes=old)
    new.save()
    _store_pdfs([new])
    if was == "valid":
        audit.record(old, audit.Action.CHANGED, actor=by, changes={"status": ["valid", "superseded"]}, note=new.serial)
    else:
        audit.record(old, audit.Action.CHANGED, actor=by, note=_("Replaced by %(serial)s") % {"serial": new.serial})
    audit.record(new, audit.Action.CREATED, actor=by, note=old.serial)
    return new


def create_batch(*, record_ids, layout, by):
    records = _eligible_records(record_ids, by)
    office = records[0].staff_member.school.office if records else None
    if office is None:
        raise CertificateError(_("Choose at least one confirmed course record."))
    _office_settings(office)
    # Print order: the methodist hands the pile out school by school (numbered schools first, by
    # number), each school's people by name.
    records.sort(
        key=lambda record: (
            record.staff_member.school.number is None,
            record.staff_member.school.number or 0,
            record.staff_member.school.name,
            record.staff_member.surname,
            record.staff_member.given_name,
            record.staff_member.patronymic,
            record.pk,
        )
    )
    return IssueBatch.objects.create(
        office=office,
        requested_by=by,
        layout=layout,
        record_ids=[record.pk for record in records],
        total=len(records),
    )


def run_batch(batch):
    """Issues a batch chunk by chunk (so the page can show progress) and leaves one print PDF and a ZIP."""
    IssueBatch.objects.filter(pk=batch.pk).update(state=IssueBatch.State.RUNNING)
    position = {record_id: index for index, record_id in enumerate(batch.record_ids)}
    documents, printed = [], []
    try:
        for start in range(0, len(batch.record_ids), RENDER_CHUNK):
            chunk = batch.record_ids[start : start + RENDER_CHUNK]
            document, new, existing = issue_for_records(record_ids=chunk, layout=batch.layout, by=batch.requested_by)
            if document is not None:
                documents.append(document)
                printed += zip(new, document.pages, strict=True)
            if existing:
                documents.append(render_certificates(existing))
                printed += zip(existing, documents[-1].pages, strict=True)
            batch.certificates.add(*new, *existing)
            IssueBatch.objects.filter(pk=batch.pk).update(done=len(printed))
        # New and already issued certificates come back apart; the files keep the order the batch was asked in.
        printed.sort(key=lambda pair: position[pair[0].course_record_id])
        certificates = [certificate for certificate, page in printed]
        merged = documents[0].copy([page for certificate, page in printed]).write_pdf()
        batch.merged_pdf.save(f"batch-{batch.pk}.pdf", ContentFile(merged), save=False)
        batch.zip_file.save(f"batch-{batch.pk}.zip", ContentFile(_zip(certificates)), save=False)
        batch.state = IssueBatch.State.DONE
        batch.done = len(certificates)
        batch.save(update_fields=["merged_pdf", "zip_file", "state", "done"])
    except CertificateError as error:
        IssueBatch.objects.filter(pk=batch.pk).update(state=IssueBatch.State.FAILED, error=error.message)
    except Exception:
        # Anything else (a PDF or storage failure) must not leave the batch "running" and its page polling.
        logger.exception("certificate batch %s failed", batch.pk)
        IssueBatch.objects.filter(pk=batch.pk).update(
            state=IssueBatch.State.FAILED, error=_("The certificates could not be printed. Try again later.")
        )
    return batch


def _zip(certificates):
    """One PDF per certificate, in the order given; the number in front keeps that order in an unpacked folder."""
    width = len(str(len(certificates)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for number, certificate in enumerate(certificates, start=1):
            with certificate.pdf.open("rb") as pdf:
                archive.writestr(f"{number:0{width}d} {certificate.download_name()}", pdf.read())
    return buffer.getvalue()
