"""The verification page checks an uploaded PDF: the form it renders is filled with a genuine certificate, a
tampered copy, a revoked or superseded certificate's genuine file, PDFs that are not Ustat's, and an HTML file
renamed .pdf. Nothing uploaded is kept."""

import io
import re

import pytest
from django.core.cache import cache

from certificates import demo_keys, signing
from certificates.pdf import render_pdf, split_pages
from certificates.services import reissue, render_certificates_pdf, revoke
from certificates.views import WRONG_GUESS_LIMIT
from qualification.certificates import issue_for_records
from tests import factories
from tests.test_signing import install_keys


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path, db):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.USTAT_TIMESTAMP_URL = ""
    cache.clear()


@pytest.fixture
def keys(settings, tmp_path, office, other_office):
    return install_keys(settings, tmp_path / "keys", office, other_office)


@pytest.fixture
def certificate(keys, office, teacher_a, methodist):
    factories.make_certificate_settings(office)
    record = factories.make_record(teacher_a, factories.make_course(office, title="Санариптик сабаттуулук"))
    return issue_for_records(record_ids=[record.pk], layout="ky+ru", by=methodist)[1][0]


def stored(certificate):
    with certificate.pdf.open("rb") as file:
        return file.read()


def check(client, data, name="certificate.pdf"):
    """Fills the file form the verification page renders and sends it where its action points."""
    page = client.get("/verify/").content.decode()
    form = re.search(
        r'<form method="post" action="([^"]+)" enctype="multipart/form-data"[^>]*>(.*?)</form>', page, re.S
    )
    assert form, "the verification page offers a file check"
    field = re.search(r'<input type="file" name="([^"]+)"', form.group(2)).group(1)
    upload = io.BytesIO(data)
    upload.name = name
    return client.post(form.group(1), {field: upload})


def verdict(response):
    found = re.search(r'data-verdict="([^"]+)"', response.content.decode())
    return found.group(1) if found else None


def files_under(folder):
    return sorted(path for path in folder.rglob("*") if path.is_file()) if folder.exists() else []


def test_a_genuine_pdf_is_intact_signed_by_its_office_and_the_registers_valid_document(
    certificate, anonymous_client, office, settings
):
    before = files_under(settings.MEDIA_ROOT)
    response = check(anonymous_client, stored(certificate))
    page = response.content.decode()
    assert response.status_code == 200
    assert verdict(response) == "genuine-valid"
    assert office.name_ru in page  # the signing certificate's organisation
    assert 'data-trusted="true"' in page
    assert demo_keys.AUTHORITY_NAME in page
    assert certificate.serial in page
    assert certificate.holder_name in page
    assert files_under(settings.MEDIA_ROOT) == before  # nothing uploaded is kept


def test_a_copy_with_one_changed_byte_is_reported_tampered(certificate, anonymous_client):
    data = bytearray(stored(certificate))
    data[data.index(b"stream") + 20] ^= 0x01
    response = check(anonymous_client, bytes(data))
    assert verdict(response) == "tampered"
    assert certificate.holder_name not in response.content.decode()  # a changed file learns nothing of the register


def test_a_changed_byte_outside_what_the_signature_covers_is_still_not_the_registers_file(
    certificate, anonymous_client
):
    """The signature's own hex string is padded with zeros that its digest does not cover: the file is then not
    the stored one, and the page says so."""
    data = bytearray(stored(certificate))
    contents = data.index(b"/Contents <") + len(b"/Contents <")
    padding = data.index(b"0000000000", contents) + 4
    data[padding] = ord("1")
    assert verdict(check(anonymous_client, bytes(data))) == "tampered"


def test_a_revision_added_after_signing_is_reported_tampered(certificate, anonymous_client):
    """A reader that edits a signed PDF appends its change as a new revision: the signature still holds for the
    bytes it covers, but the file is no longer what was signed."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(stored(certificate)))
    writer.root["/PageMode"] = generic.NameObject("/FullScreen")
    writer.update_root()
    edited = io.BytesIO()
    writer.write(edited)
    assert verdict(check(anonymous_client, edited.getvalue())) == "tampered"


def test_a_revoked_certificates_genuine_pdf_is_intact_but_revoked(certificate, anonymous_client, methodist):
    revoke(certificate=certificate, by=methodist, reason="Выдан по ошибке")
    response = check(anonymous_client, stored(certificate))
    assert verdict(response) == "genuine-revoked"
    certificate.refresh_from_db()
    assert str(certificate.revoked_at.year) in response.content.decode()


def test_a_superseded_certificates_genuine_pdf_points_to_its_replacement(certificate, anonymous_client, methodist):
    new = reissue(certificate=certificate, by=methodist)
    response = check(anonymous_client, stored(certificate))
    assert verdict(response) == "genuine-superseded"
    assert f'href="/verify/{new.code}/"' in response.content.decode()
    assert verdict(check(anonymous_client, stored(new))) == "genuine-valid"


def test_a_pdf_signed_by_another_offices_key_under_this_certificates_address_is_not_genuine(
    certificate, anonymous_client, other_office
):
    unsigned = split_pages(render_certificates_pdf([certificate]))[0]
    forged = signing.sign_pdf(
        unsigned,
        signing.keystore_for(other_office),
        name=certificate.office_name_ky,
        reason=certificate.serial,
        contact_info=certificate.get_verification_url(),
    )
    response = check(anonymous_client, forged)
    assert verdict(response) == "tampered"
    assert other_office.name_ru in response.content.decode()


def test_a_pdf_that_is_not_ustats_is_unsigned(keys, anonymous_client):
    other = render_pdf("home/attestation_file.html", {"language": "ru"}, "attestation_file.css")
    assert verdict(check(anonymous_client, other)) == "unsigned"


def test_a_pdf_signed_under_an_authority_ustat_does_not_trust_is_not_a_register_document(
    certificate, anonymous_client, tmp_path
):
    stranger = tmp_path / "stranger"
    authority = demo_keys.make_authority(stranger, name="Some other authority")
    demo_keys.make_office_keystore(stranger / "x.p12", authority, office_name="Unknown office", country="KZ")
    unsigned = split_pages(render_certificates_pdf([certificate]))[0]
    signed = signing.sign_pdf(unsigned, signing.Keystore(str(stranger / "x.p12"), None), name="Unknown", reason="-")
    response = check(anonymous_client, signed)
    page = response.content.decode()
    assert verdict(response) == "not-in-register"
    assert "Unknown office" in page
    assert 'data-trusted="false"' in page


def test_an_html_file_renamed_pdf_is_refused_by_the_upload_check(certificate, anonymous_client):
    response = check(anonymous_client, b"<!doctype html><title>certificate</title><p>genuine</p>", "certificate.pdf")
    assert response.status_code == 400
    assert verdict(response) is None
    assert 'id="document-errors"' in response.content.decode()  # the form says why, beside the file field


def test_a_file_of_another_kind_or_size_is_refused(certificate, anonymous_client, settings):
    assert check(anonymous_client, stored(certificate), "certificate.docx").status_code == 400
    assert check(anonymous_client, b"", "certificate.pdf").status_code == 400


def test_checks_that_find_nothing_count_as_wrong_guesses(certificate, anonymous_client):
    data = bytearray(stored(certificate))
    data[data.index(b"stream") + 20] ^= 0x01
    for _ in range(WRONG_GUESS_LIMIT):
        assert verdict(check(anonymous_client, bytes(data))) == "tampered"
    assert check(anonymous_client, stored(certificate)).status_code == 429


def test_opening_the_check_address_without_a_file_leads_to_the_verification_page(anonymous_client, db):
    response = anonymous_client.get("/verify/document/")
    assert response.status_code == 302
    assert response.headers["Location"] == "/verify/"


def test_a_file_that_only_looks_like_a_pdf_is_reported_unreadable(db, anonymous_client):
    response = check(anonymous_client, b"%PDF-1.7\n1 0 obj\n<< /Broken [\nendobj\ntrailer\n<< /Root 9 0 R >>\n%%EOF\n")
    assert response.status_code == 200
    assert verdict(response) == "unreadable"


def test_signing_and_checking_work_from_a_thread_that_runs_an_event_loop(certificate, office):
    """pyHanko starts its own event loop, which cannot start inside a running one (an ASGI server's thread, a
    browser journey's): signing and validating then run in a thread of their own, with the same results."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature

    from certificates.pdf_check import validation_context

    data, keystore, context = stored(certificate), signing.keystore_for(office), validation_context()
    unsigned = render_pdf("home/attestation_file.html", {"language": "ru"}, "attestation_file.css")

    def validate(pdf):
        signature = PdfFileReader(io.BytesIO(pdf), strict=False).embedded_signatures[-1]
        return signing.outside_any_event_loop(lambda: validate_pdf_signature(signature, context))

    async def inside_a_loop():
        signed = signing.sign_pdf(unsigned, keystore, name="Ala-Buka", reason="test")
        return validate(data), validate(signed)

    # In a thread of its own: the thread the suite runs in may hold a browser journey's loop already.
    with ThreadPoolExecutor(1) as thread:
        first, second = thread.submit(asyncio.run, inside_a_loop()).result()
    assert first.bottom_line and second.bottom_line
