"""Signed documents: each office signs what it issues (PAdES), and pyHanko's validator, trusting only the demo
authority, finds every signature intact, valid, trusted and made by the issuing office."""

import io
import re
import socket
import threading
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import SimpleNamespace

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from django.core.cache import cache
from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from certificates import demo_keys, signing
from certificates.models import CertificateSettings, IssueBatch
from certificates.pdf import split_pages
from certificates.services import RENDER_CHUNK, create_batch, render_certificates_pdf, run_batch
from qualification.certificates import issue_for_records
from tests import factories


def install_keys(settings, folder, *offices, passphrase=None):
    """The demo authority in `folder`, a key for each office, and the settings pointing at them."""
    settings.USTAT_SIGNING_DIR = folder
    demo_keys.ensure_demo_keys(
        folder, [(office.code, office.name_ru, office.country) for office in offices], passphrase=passphrase
    )
    return folder


def validation_context(folder):
    """What a reader of the PDF would use: the demo authority as the only trusted root, and no network."""
    return ValidationContext(
        trust_roots=[load_cert_from_pemder(str(folder / "ca.pem"))], allow_fetching=False, revocation_mode="soft-fail"
    )


def validated(data, folder):
    signature = PdfFileReader(io.BytesIO(data), strict=False).embedded_signatures[0]
    context = validation_context(folder)
    return signature, signing.outside_any_event_loop(lambda: validate_pdf_signature(signature, context))


def subject_organisation(status):
    return status.signing_cert.subject.native.get("organization_name")


def issue(record, user, layout="ky+ru"):
    _document, new, existing = issue_for_records(record_ids=[record.pk], layout=layout, by=user)
    return (new or existing)[0]


def read(certificate):
    with certificate.pdf.open("rb") as stored:
        return stored.read()


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path, db):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.USTAT_SIGNING_DIR = tmp_path / "no-keys"
    settings.USTAT_TIMESTAMP_URL = ""
    cache.clear()


@pytest.fixture
def keys(settings, tmp_path, office, other_office):
    return install_keys(settings, tmp_path / "keys", office, other_office)


@pytest.fixture
def record(office, teacher_a):
    factories.make_certificate_settings(office)
    return factories.make_record(teacher_a, factories.make_course(office))


def test_an_issued_certificate_validates_against_the_demo_authority_as_signed_by_its_office(
    keys, record, methodist, office
):
    certificate = issue(record, methodist)
    signature, status = validated(read(certificate), keys)
    assert status.intact and status.valid and status.trusted
    assert status.bottom_line
    assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    assert subject_organisation(status) == office.name_ru
    # The signature dictionary names the office (in the layout's first language) and records when it signed.
    assert str(signature.sig_object["/Name"]) == office.name_ky
    assert certificate.serial in str(signature.sig_object["/Reason"])
    assert str(signature.sig_object["/ContactInfo"]) == certificate.get_verification_url()
    assert abs(signature.self_reported_timestamp - datetime.now(UTC)) < timedelta(minutes=5)
    assert "/M" in signature.sig_object


def test_a_copy_with_one_changed_byte_is_not_intact(keys, record, methodist):
    data = bytearray(read(certificate := issue(record, methodist)))
    # A byte of the page's first stream, inside the signed range.
    position = data.index(b"stream") + 20
    data[position] ^= 0x01
    _signature, status = validated(bytes(data), keys)
    assert not status.intact
    assert not status.bottom_line
    assert certificate.pdf  # the stored file itself is untouched
    _signature, status = validated(read(certificate), keys)
    assert status.intact


def test_a_pdf_signed_with_another_offices_key_does_not_pass_as_this_offices(
    keys, record, methodist, office, other_office
):
    certificate = issue(record, methodist)
    unsigned = split_pages(render_certificates_pdf([certificate]))[0]
    foreign = signing.sign_pdf(
        unsigned,
        signing.keystore_for(other_office),
        name=office.name_ky,  # it claims the right office by name
        reason=f"№ {certificate.serial}",
        contact_info=certificate.get_verification_url(),
    )
    _signature, status = validated(foreign, keys)
    assert status.intact and status.trusted  # a sound signature of the same authority…
    assert subject_organisation(status) == other_office.name_ru  # …but by the other office's certificate
    office_certificate = signing.identity(signing.keystore_for(office)).certificate
    assert status.signing_cert.dump() != office_certificate.public_bytes(signing.serialization.Encoding.DER)


def test_without_a_key_a_certificate_is_issued_unsigned_and_the_settings_page_says_so(
    record, methodist, methodist_client
):
    certificate = issue(record, methodist)
    assert PdfFileReader(io.BytesIO(read(certificate))).embedded_signatures == []
    page = methodist_client.get("/certificates/settings/").content.decode()
    assert 'class="text-secondary signing-missing"' in page


def test_the_settings_page_names_the_certificate_the_office_signs_with(keys, methodist_client, office):
    factories.make_certificate_settings(office)
    page = methodist_client.get("/certificates/settings/").content.decode()
    identity = re.search(r'<p class="signing-identity">(.*?)</p>', page, re.S).group(1)
    assert office.name_ru in identity
    assert demo_keys.AUTHORITY_NAME in identity


def test_a_configured_key_file_that_is_missing_stops_issuing_and_the_settings_page_says_why(
    keys, record, methodist, methodist_client, office, tmp_path
):
    CertificateSettings.objects.filter(office=office).update(signing_keystore=str(tmp_path / "gone.p12"))
    with pytest.raises(signing.SigningError):
        issue(record, methodist)
    assert not record.certificates.exists()
    page = methodist_client.get("/certificates/settings/").content.decode()
    assert "gone.p12" in re.search(r'class="alert alert-danger signing-problem"[^>]*>(.*?)</div>', page, re.S).group(1)


def test_a_key_file_named_in_the_settings_signs_with_its_passphrase_from_the_environment(
    settings, tmp_path, record, methodist, office, monkeypatch
):
    folder = tmp_path / "elsewhere"
    authority = demo_keys.make_authority(folder)
    path = folder / "office.p12"
    demo_keys.make_office_keystore(path, authority, office_name="Bespoke office", country="KG", passphrase="s3cret")
    settings.USTAT_SIGNING_DIR = folder  # for ca.pem only: the file is named in the database
    CertificateSettings.objects.filter(office=office).update(signing_keystore=str(path))
    monkeypatch.setenv("USTAT_SIGNING_PASSPHRASE", "wrong")
    with pytest.raises(signing.SigningError):
        issue(record, methodist)
    monkeypatch.setenv(f"USTAT_SIGNING_PASSPHRASE_{office.pk}", "s3cret")
    _signature, status = validated(read(issue(record, methodist)), folder)
    assert status.bottom_line
    assert subject_organisation(status) == "Bespoke office"


def test_a_batch_signs_every_certificate_in_its_worker_processes(keys, methodist, office, school_a, monkeypatch):
    from certificates import pdf as pdfs

    factories.make_certificate_settings(office)
    course = factories.make_course(office)
    records = [
        factories.make_record(factories.make_staff(school_a, surname=f"Асанов{n:02d}"), course)
        for n in range(RENDER_CHUNK + 2)
    ]
    # Workers whatever the machine and whatever threads an earlier test left (a live server): this test is about
    # where the signing happens once there are workers, and pdf.pool's own conditions are not what it pins.
    monkeypatch.setattr(pdfs, "worker_count", lambda: 2)
    monkeypatch.setattr(pdfs, "threading", SimpleNamespace(active_count=lambda: 1))
    workers = pdfs.pool()
    assert workers is not None

    def not_here(*args, **kwargs):
        raise AssertionError("a batch's pages are signed in its workers, not in the process that stores them")

    # A first task forks the workers (all at once, with a fork context) before this patch: they keep the real one.
    workers.submit(int).result()
    monkeypatch.setattr(signing, "signed_pages", not_here)
    batch = run_batch(create_batch(record_ids=[record.pk for record in records], layout="ky", by=methodist))
    batch.refresh_from_db()
    assert batch.state == IssueBatch.State.DONE, batch.error
    certificates = list(batch.certificates.all())
    assert len(certificates) == len(records)
    for certificate in certificates:
        signature, status = validated(read(certificate), keys)
        assert status.bottom_line, certificate.serial
        assert str(signature.sig_object["/ContactInfo"]) == certificate.get_verification_url()


def test_signing_and_checking_reach_nothing_outside_the_app(keys, record, methodist, anonymous_client, monkeypatch):
    attempts = []

    def refuse(self, address):
        attempts.append(address)
        raise OSError("no network in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    certificate = issue(record, methodist)
    upload = io.BytesIO(read(certificate))
    upload.name = "certificate.pdf"
    response = anonymous_client.post("/verify/document/", {"document": upload})
    assert 'data-verdict="genuine-valid"' in response.content.decode()
    assert attempts == []


# A timestamp server on this machine: pyHanko's test timestamper behind plain HTTP, as an RFC 3161 server answers.


def _timestamp_authority(folder):
    from pyhanko.sign.timestamps import DummyTimeStamper

    from certificates.signing import asn1_certificate

    authority_key, authority = demo_keys.load_authority(folder)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Ustat test timestamps")]))
        .issuer_name(authority.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=30))
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
        .sign(authority_key, hashes.SHA256())
    )
    from asn1crypto import keys as asn1_keys
    from cryptography.hazmat.primitives import serialization

    der_key = key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return DummyTimeStamper(
        tsa_cert=asn1_certificate(certificate),
        tsa_key=asn1_keys.PrivateKeyInfo.load(der_key),
        certs_to_embed=[asn1_certificate(authority)],
    )


@pytest.fixture
def timestamp_server(keys):
    from asn1crypto import tsp

    stamper = _timestamp_authority(keys)
    requests = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            request = tsp.TimeStampReq.load(self.rfile.read(int(self.headers["Content-Length"])))
            requests.append(request)
            import asyncio

            answer = asyncio.run(stamper.async_request_tsa_response(request)).dump()
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/", requests
    server.shutdown()
    thread.join()


def test_with_a_timestamp_server_configured_the_signature_is_timestamped(
    settings, keys, timestamp_server, record, methodist
):
    url, requests = timestamp_server
    settings.USTAT_TIMESTAMP_URL = url
    signing._timestamper.cache_clear()
    certificate = issue(record, methodist)
    _signature, status = validated(read(certificate), keys)
    assert requests, "the timestamp server was asked"
    assert status.bottom_line
    assert status.timestamp_validity is not None
    assert status.timestamp_validity.intact and status.timestamp_validity.trusted
    assert abs(status.timestamp_validity.timestamp - datetime.now(UTC)) < timedelta(minutes=5)
