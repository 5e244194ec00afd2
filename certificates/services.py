"""Issuing, revoking and re-issuing certificates. A certificate's text and PDF are fixed at issue."""

import io
import logging
import zipfile
from collections import deque
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from certificates import pdf as pdfs
from certificates import signing, sources
from certificates.models import Certificate, CertificateSettings, IssueBatch, Layout, SerialCounter
from certificates.pdf import html_to_pdf, join_pages, qr_data_uri
from certificates.wording import wording
from core import audit, clock

logger = logging.getLogger(__name__)

RENDER_CHUNK = 25
# Batches print course certificates: a cohort's pile at once.
BATCH_SOURCE = "course_record"


class CertificateError(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def next_serial(office, year):
    """`АБ-2026-00042`: numbered per office and year, without gaps or repeats even under concurrent issue."""
    return _reserve_serials(office, year, 1)[0]


def _reserve_serials(office, year, count):
    """The next `count` serials of an office's year, taken under the counter's row lock in one update."""
    counter, _created = SerialCounter.objects.get_or_create(office=office, year=year)
    counter = SerialCounter.objects.select_for_update().get(pk=counter.pk)
    first = counter.last + 1
    counter.last += count
    counter.save(update_fields=["last"])
    return [f"{office.code}-{year}-{number:05d}" for number in range(first, counter.last + 1)]


def _number(certificates):
    """Gives each new certificate its serial; the caller holds a transaction, so the counter's lock is short."""
    groups = {}
    for certificate in certificates:
        groups.setdefault((certificate.office, certificate.issued_on.year), []).append(certificate)
    for (office, year), group in groups.items():
        for certificate, serial in zip(group, _reserve_serials(office, year, len(group)), strict=True):
            certificate.serial = serial


def _give_back_serials(certificates):
    """Returns the serials of certificates that were never stored, so that numbers leave no gap.

    Only when nothing was numbered after them: a later number already handed out stays, and the gap with it.
    """
    groups = {}
    for certificate in certificates:
        number = int(certificate.serial.rsplit("-", 1)[1])
        groups.setdefault((certificate.office, certificate.issued_on.year), []).append(number)
    for (office, year), numbers in groups.items():
        SerialCounter.objects.filter(office=office, year=year, last=max(numbers)).update(last=min(numbers) - 1)


def _office_settings(office):
    try:
        return office.certificate_settings
    except CertificateSettings.DoesNotExist:
        raise CertificateError(
            _("Set who signs the certificates of %(office)s first (Certificates → Settings).") % {"office": office}
        ) from None


def _issued(office, person, layout, by, today, **what):
    """A certificate with the snapshot every kind shares: holder, office names, signatory, layout (numbered by
    `_number`).

    Issued on `today`, or on the office's own today (a batch runs outside any office's request).
    """
    office_settings = _office_settings(office)
    today = today or clock.today(office.time_zone)
    return Certificate(
        office=office,
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


def _snapshot(source, record, layout, by, today, supersedes=None):
    """A new certificate for `record`, with the facts its source gives (see `certificates.sources`)."""
    facts = source.facts(record)
    layout = layout or _office_settings(facts.office).default_layout
    return _issued(
        facts.office,
        facts.holder,
        layout,
        by,
        today,
        kind=facts.kind,
        title=facts.title or getattr(facts, f"title_{Layout.languages(layout)[0]}"),
        title_ky=facts.title_ky,
        title_kk=facts.title_kk,
        title_ru=facts.title_ru,
        hours=facts.hours,
        starts_on=facts.starts_on,
        ends_on=facts.ends_on,
        supersedes=supersedes,
        **{source.field: record},
    )


def print_items(certificates, verify_urls=None):
    verify_urls = verify_urls or [certificate.get_verification_url() for certificate in certificates]
    return [
        {"certificate": certificate, "wording": wording(certificate), "qr": qr_data_uri(url), "verify_url": url}
        for certificate, url in zip(certificates, verify_urls, strict=True)
    ]


def certificates_html(certificates, verify_urls=None):
    return render_to_string("certificates/certificate.html", {"items": print_items(certificates, verify_urls)})


def render_certificates_pdf(certificates, verify_urls=None):
    """One PDF of the certificates, one page each in the same order, laid out and written once."""
    return html_to_pdf(certificates_html(certificates, verify_urls), "certificate.css", "certificate-ua.css")


def _store_pdfs(certificates, pdf=None, pages=None):
    """Stores each certificate's page of `pdf` (rendered here when not given), signed by its office, as its own
    file; returns `pdf`. A batch's worker gives the `pages` signed already.

    Files written before a failure are removed again, so a failure leaves no stray file.
    """
    pdf = pdf if pdf is not None else render_certificates_pdf(certificates)
    pages = pages if pages is not None else signing.signed_pages(certificates, pdf)
    try:
        for certificate, page in zip(certificates, pages, strict=True):
            certificate.pdf.save(f"{certificate.serial}.pdf", ContentFile(page), save=False)
    except BaseException:
        _remove_files(certificates)
        raise
    return pdf


def _remove_files(certificates):
    for certificate in certificates:
        if certificate.pdf:
            certificate.pdf.storage.delete(certificate.pdf.name)
            certificate.pdf.name = ""


@contextmanager
def _files_kept_only_on_commit(certificates):
    """Around a transaction that stores certificates: if it fails, their files go too."""
    try:
        yield
    except BaseException:
        _remove_files(certificates)
        raise


@dataclass
class Issue:
    """Certificates being issued for some records: the new ones numbered but not yet stored, and those that the
    records had already."""

    new: list
    existing: list
    by: object


def _prepare(*, source, ids, layout, by, today=None):
    """First short transaction: the snapshots, numbered. Nothing is stored, so nothing shows before its PDF."""
    records = source.eligible(ids, by)
    with transaction.atomic():
        existing = {
            getattr(certificate, f"{source.field}_id"): certificate
            for certificate in Certificate.objects.current().filter(**{f"{source.field}__in": records})
        }
        new = [_snapshot(source, record, layout, by, today) for record in records if record.pk not in existing]
        _number(new)
    return Issue(new=new, existing=list(existing.values()), by=by)


def _attach(issue, pdf, pages=None):
    """Second short transaction: the files cut from the chunk's PDF, then the certificates with them.

    On any failure the files are removed; the caller hands the serials back (`_abandon`).
    """
    with _files_kept_only_on_commit(issue.new):
        _store_pdfs(issue.new, pdf, pages)
        with transaction.atomic():
            Certificate.objects.bulk_create(issue.new)
            audit.record_many(
                issue.new,
                audit.Action.CREATED,
                actor=issue.by,
                source=audit.Source.BULK if len(issue.new) > 1 else audit.Source.FORM,
            )


def _abandon(issue):
    for certificate in issue.new:
        certificate.pk = None
    _give_back_serials(issue.new)


def issue_many(*, source, ids, layout, by, today=None):
    """Issues a certificate for each record that has none; returns (the new ones' PDF, new, already issued).

    A record that already has a current certificate gets that one back instead of a duplicate. The serial
    counter is locked only while numbering, and the PDFs are laid out outside any transaction.
    """
    issue = _prepare(source=source, ids=ids, layout=layout, by=by, today=today)
    if not issue.new:
        return None, [], issue.existing
    try:
        pdf = render_certificates_pdf(issue.new)
        _attach(issue, pdf)
    except BaseException:
        _abandon(issue)
        raise
    return pdf, issue.new, issue.existing


@transaction.atomic
def issue_one(*, source, record, by, layout=None, today=None):
    """A certificate for one record, printed at once; a record with a current certificate gets that one back."""
    # The row lock makes a double click wait for the first certificate and then get it back.
    record = source.locked(record)
    existing = Certificate.objects.current().filter(**{source.field: record}).first()
    if existing:
        return existing
    certificate = _snapshot(source, record, layout, by, today)
    _number([certificate])
    # One page, rendered under the appointment's lock so that a double click gets this certificate back.
    with _files_kept_only_on_commit([certificate]):
        _store_pdfs([certificate])
        certificate.save()
        audit.record(certificate, audit.Action.CREATED, actor=by)
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
    source, _record_id = sources.of(certificate)
    if source is None:
        return _("Nothing on record stands behind this certificate, so it cannot be issued again.")
    return source.refused(getattr(certificate, source.field))


@transaction.atomic
def reissue(*, certificate, by, layout=None, today=None):
    """A new certificate from today's data that replaces the old one: a valid one becomes superseded, a revoked
    one stays revoked and links to its replacement. Both stay on record."""
    old = Certificate.objects.select_for_update(of=("self",)).get(pk=certificate.pk)
    refused = replacement_refused(old)
    if refused:
        raise CertificateError(refused)
    was = old.status
    old.is_current = False
    old.save(update_fields=["is_current"])
    source, _record_id = sources.of(old)
    record = source.locked(getattr(old, source.field))
    new = _snapshot(source, record, layout or old.layout, by, today, supersedes=old)
    _number([new])
    with _files_kept_only_on_commit([new]):
        _store_pdfs([new])
        new.save()
        if was == "valid":
            audit.record(
                old, audit.Action.CHANGED, actor=by, changes={"status": ["valid", "superseded"]}, note=new.serial
            )
        else:
            audit.record(old, audit.Action.CHANGED, actor=by, note=_("Replaced by %(serial)s") % {"serial": new.serial})
        audit.record(new, audit.Action.CREATED, actor=by, note=old.serial)
    return new


def create_batch(*, record_ids, layout, by):
    """A batch of course certificates, in the order the methodist hands the pile out (the source's order)."""
    source = sources.named(BATCH_SOURCE)
    records = source.eligible(record_ids, by)
    if not records:
        raise CertificateError(_("Choose at least one confirmed course record."))
    office = source.facts(records[0]).office
    _office_settings(office)
    records.sort(key=source.print_order)
    return IssueBatch.objects.create(
        office=office,
        requested_by=by,
        layout=layout,
        record_ids=[record.pk for record in records],
        total=len(records),
    )


def run_batch(batch):
    """Issues a batch chunk by chunk (so the page can show progress) and leaves one print PDF and a ZIP.

    Each chunk is numbered in a short transaction, laid out in a worker process (one per core) while the next
    chunks are numbered and the previous one stored, then stored in a second short transaction. Chunks are
    stored in order, so a failure keeps the chunks before it whole, and the chunks not stored leave nothing.
    """
    IssueBatch.objects.filter(pk=batch.pk).update(state=IssueBatch.State.RUNNING)
    source = sources.named(BATCH_SOURCE)
    position = {record_id: index for index, record_id in enumerate(batch.record_ids)}
    chunks = [batch.record_ids[start : start + RENDER_CHUNK] for start in range(0, len(batch.record_ids), RENDER_CHUNK)]
    workers = pdfs.pool() if len(chunks) > 1 else None
    # With workers, one chunk more than there are workers is under way, so that none waits while this process
    # stores a chunk and numbers the next.
    under_way = pdfs.worker_count() + 1 if workers else 1
    in_flight = deque()
    printed = []
    try:
        for chunk in chunks:
            try:
                issue = _prepare(source=source, ids=chunk, layout=batch.layout, by=batch.requested_by)
            except Exception:
                # The chunks before this one are whole: they are stored before the batch fails.
                while in_flight:
                    _store_chunk(batch, *in_flight[0], printed)
                    in_flight.popleft()
                raise
            in_flight.append((issue, _lay_out(issue.new, workers)))
            while len(in_flight) >= under_way:
                _store_chunk(batch, *in_flight[0], printed)
                in_flight.popleft()
        while in_flight:
            _store_chunk(batch, *in_flight[0], printed)
            in_flight.popleft()
        # New and already issued certificates come back apart; the files keep the order the batch was asked in.
        printed.sort(key=lambda pair: position[getattr(pair[0], f"{source.field}_id")])
        certificates = [certificate for certificate, page in printed]
        merged = join_pages([page for certificate, page in printed])
        batch.merged_pdf.save(f"batch-{batch.pk}.pdf", ContentFile(merged), save=False)
        batch.zip_file.save(f"batch-{batch.pk}.zip", ContentFile(_zip(certificates)), save=False)
        batch.state = IssueBatch.State.DONE
        batch.done = len(certificates)
        batch.save(update_fields=["merged_pdf", "zip_file", "state", "done"])
    except CertificateError as error:
        _abandon_all(in_flight)
        IssueBatch.objects.filter(pk=batch.pk).update(state=IssueBatch.State.FAILED, error=error.message)
    except Exception as error:
        _abandon_all(in_flight)
        if isinstance(error, BrokenProcessPool):
            pdfs.discard_pool()
        # Anything else (a PDF or storage failure) must not leave the batch "running" and its page polling.
        logger.exception("certificate batch %s failed", batch.pk)
        IssueBatch.objects.filter(pk=batch.pk).update(
            state=IssueBatch.State.FAILED, error=_("The certificates could not be printed. Try again later.")
        )
    return batch


def _lay_out(certificates, workers):
    """What gives the chunk's PDF: a worker's result, or a layout in this process when it is asked for."""
    if not certificates:
        return lambda: (None, None)
    if workers is None:
        return lambda: (render_certificates_pdf(certificates), None)
    # The addresses, the language and the signing keys come from this process: a worker keeps the settings it was
    # forked with, and reads no database.
    verify_urls = [certificate.get_verification_url() for certificate in certificates]
    keystores = signing.keystores_for(certificates)
    future = workers.submit(_render_in_worker, certificates, verify_urls, translation.get_language(), keystores)
    return future.result


def _render_in_worker(certificates, verify_urls, language, keystores):
    """The chunk's PDF and each certificate's signed page, made in a worker process, so that this one only stores."""
    with translation.override(language):
        pdf = render_certificates_pdf(certificates, verify_urls)
        return pdf, signing.signed_pages(certificates, pdf, keystores, verify_urls)


def _store_chunk(batch, issue, laid_out, printed):
    pdf, pages = laid_out()
    if issue.new:
        _attach(issue, pdf, pages)
        printed += ((certificate, (pdf, index)) for index, certificate in enumerate(issue.new))
    for certificate in issue.existing:
        with certificate.pdf.open("rb") as stored:
            printed.append((certificate, (stored.read(), 0)))
    batch.certificates.add(*issue.new, *issue.existing)
    IssueBatch.objects.filter(pk=batch.pk).update(done=len(printed))


def _abandon_all(in_flight):
    """The chunks numbered but not stored give their serials back, the last first, so that each one can."""
    for issue, laid_out in reversed(in_flight):
        _abandon(issue)
        if hasattr(laid_out, "__self__"):
            laid_out.__self__.cancel()
    in_flight.clear()


def _zip(certificates):
    """One PDF per certificate, in the order given; the number in front keeps that order in an unpacked folder."""
    width = len(str(len(certificates)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for number, certificate in enumerate(certificates, start=1):
            with certificate.pdf.open("rb") as pdf:
                archive.writestr(f"{number:0{width}d} {certificate.download_name()}", pdf.read())
    return buffer.getvalue()
