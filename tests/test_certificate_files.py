"""A batch lays each certificate out once: every certificate's own PDF is cut from its chunk's PDF, a failure in
one chunk keeps the chunks before it whole and leaves no stray file, and nothing holds the database's write
lock while the PDFs are laid out."""

import subprocess
import threading
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import connection, transaction

from certificates import services
from certificates.models import Certificate, IssueBatch, SerialCounter
from core import clock
from tests import factories
from tests.concurrency import threads_database

SURNAMES = ["Асанова", "Бекова", "Жумабаева", "Исаков", "Кадыров", "Мамбетова", "Сыдыков", "Токтогулов"]


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()


@pytest.fixture
def records(office, school_a):
    factories.make_certificate_settings(office)
    course = factories.make_course(office, title="Инклюзивдик билим берүү")
    return [
        factories.make_record(factories.make_staff(school_a, surname=surname, given_name="Айгүл"), course)
        for surname in SURNAMES
    ]


def _tool(*command):
    return subprocess.run(command, capture_output=True, check=True).stdout.decode("utf-8")


def _pages(path):
    return int(next(line.split()[-1] for line in _tool("pdfinfo", str(path)).splitlines() if line.startswith("Pages:")))


def _stored_files(settings):
    root = Path(settings.MEDIA_ROOT)
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


@pytest.mark.django_db
def test_each_certificate_cut_from_its_chunk_is_one_page_with_its_holder_its_qr_code_and_the_embedded_font(
    records, methodist, monkeypatch
):
    monkeypatch.setattr(services, "RENDER_CHUNK", 3)
    batch = services.run_batch(
        services.create_batch(record_ids=[record.pk for record in records], layout="ky+ru", by=methodist)
    )

    batch.refresh_from_db()
    assert batch.state == IssueBatch.State.DONE
    certificates = list(Certificate.objects.order_by("serial"))
    assert len(certificates) == len(SURNAMES)
    for certificate in certificates:
        path = certificate.pdf.path
        assert _pages(path) == 1
        assert certificate.holder_name in _tool("pdftotext", "-enc", "UTF-8", path, "-")
        fonts = _tool("pdffonts", path).splitlines()[2:]
        assert fonts and all("Ustat-Serif" in line and " yes yes " in line for line in fonts), fonts
        # Only its own QR code, not the images of the other pages of its chunk.
        assert len(_tool("pdfimages", "-list", path).splitlines()[2:]) == 1
    assert _pages(batch.merged_pdf.path) == len(SURNAMES)


@pytest.mark.django_db
def test_a_batch_that_fails_in_its_third_chunk_keeps_the_first_two_whole_and_leaves_no_stray_file(
    records, methodist, monkeypatch, settings
):
    monkeypatch.setattr(services, "RENDER_CHUNK", 2)
    record_many = services.audit.record_many
    chunks_stored = []

    def fail_in_the_third_chunk(certificates, *args, **kwargs):
        # Inside the second transaction, after the chunk's files have been written.
        chunks_stored.append(certificates)
        if len(chunks_stored) == 3:
            raise OSError("disk full")
        return record_many(certificates, *args, **kwargs)

    monkeypatch.setattr(services.audit, "record_many", fail_in_the_third_chunk)
    batch = services.create_batch(record_ids=[record.pk for record in records], layout="ky", by=methodist)
    services.run_batch(batch)

    batch.refresh_from_db()
    assert (batch.state, batch.done) == (IssueBatch.State.FAILED, 4)
    assert batch.error
    certificates = list(Certificate.objects.order_by("serial"))
    assert sorted(certificate.holder_name.split()[0] for certificate in certificates) == SURNAMES[:4]
    assert set(batch.certificates.all()) == set(certificates)
    for certificate in certificates:
        assert _pages(certificate.pdf.path) == 1
    assert _stored_files(settings) == sorted(certificate.pdf.name for certificate in certificates)
    # The serials of the chunks not stored were handed back: the next certificate follows on without a gap.
    assert SerialCounter.objects.get().last == 4

    monkeypatch.setattr(services.audit, "record_many", record_many)
    services.run_batch(batch)
    batch.refresh_from_db()
    assert (batch.state, batch.done) == (IssueBatch.State.DONE, len(SURNAMES))
    assert [certificate.serial[-2:] for certificate in Certificate.objects.order_by("serial")] == [
        f"{number:02d}" for number in range(1, len(SURNAMES) + 1)
    ]


@pytest.mark.django_db
def test_a_batch_refused_at_its_third_chunk_stores_the_two_chunks_laid_out_before_it(records, methodist, monkeypatch):
    monkeypatch.setattr(services, "RENDER_CHUNK", 2)
    prepare = services._prepare
    chunks_numbered = []

    def refuse_the_third_chunk(**chunk):
        chunks_numbered.append(chunk)
        if len(chunks_numbered) == 3:
            raise services.CertificateError("Set who signs the certificates first.")
        return prepare(**chunk)

    monkeypatch.setattr(services, "_prepare", refuse_the_third_chunk)
    batch = services.create_batch(record_ids=[record.pk for record in records], layout="ky", by=methodist)
    services.run_batch(batch)

    batch.refresh_from_db()
    assert (batch.state, batch.done, batch.error) == ("failed", 4, "Set who signs the certificates first.")
    assert sorted(certificate.holder_name.split()[0] for certificate in batch.certificates.all()) == SURNAMES[:4]
    assert all(_pages(certificate.pdf.path) == 1 for certificate in Certificate.objects.all())


@pytest.mark.django_db(transaction=True)
def test_another_connection_can_write_while_a_batch_is_laid_out(records, methodist, monkeypatch, tmp_path):
    """On PostgreSQL the other connection takes the serial counter's row lock; on SQLite the database's write lock."""
    office = records[0].course.office
    year = clock.today(office.time_zone).year
    batch = services.create_batch(record_ids=[record.pk for record in records], layout="ky", by=methodist)
    render = services.render_certificates_pdf
    other_serials, errors = [], []

    def take_a_serial():
        try:
            with transaction.atomic():
                if connection.vendor == "postgresql":
                    with connection.cursor() as cursor:
                        cursor.execute("SET LOCAL lock_timeout = '5s'")
                other_serials.append(services.next_serial(office, year))
        except Exception as error:  # noqa: BLE001 — reported below
            errors.append(error)
        finally:
            connection.close()

    def render_while_another_writes(certificates):
        other = threading.Thread(target=take_a_serial)
        other.start()
        other.join(timeout=10)
        return render(certificates)

    def run():
        try:
            services.run_batch(batch)
        finally:
            connection.close()

    monkeypatch.setattr(services, "render_certificates_pdf", render_while_another_writes)
    with threads_database(tmp_path) as rows:
        batcher = threading.Thread(target=run)
        batcher.start()
        batcher.join(timeout=60)
        stored = rows("SELECT serial FROM certificates_certificate ORDER BY serial")
        state = rows("SELECT state FROM certificates_issuebatch WHERE id = %s", [batch.pk])

    assert errors == []
    # The batch had numbered its certificates before laying them out; the other connection took the next number.
    assert other_serials == [f"{office.code}-{year}-{len(SURNAMES) + 1:05d}"]
    assert [serial for (serial,) in stored] == [f"{office.code}-{year}-{n:05d}" for n in range(1, len(SURNAMES) + 1)]
    assert state == [("done",)]
