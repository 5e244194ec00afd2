"""A council's protocol is signed by its office when it is signed in Ustat, stored once, and validates the same
way as a certificate; an amendment signs the amended protocol anew."""

import io
import re
import subprocess

import pytest
from django.core.cache import cache
from pyhanko.pdf_utils.reader import PdfFileReader

from tests import factories_methodcouncil as mc
from tests.test_signing import install_keys, subject_organisation, validated
from tests.test_signing_verify import check, verdict


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path, db):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.USTAT_SIGNING_DIR = tmp_path / "no-keys"
    settings.USTAT_TIMESTAMP_URL = ""
    cache.clear()


@pytest.fixture
def meeting(school_a, teacher_a):
    council = mc.make_council(school_a, name="Усулдук кеңеш")
    mc.make_member(council, teacher_a, "secretary")
    meeting = mc.make_meeting(council, date=mc.a_day_this_year(days_ago=1), place="Китепкана")
    mc.make_attendance(meeting, teacher_a)
    mc.make_decision(mc.make_item(meeting), text="Ачык сабактардын графиги бекитилсин.")
    return meeting


def click_sign(client, meeting):
    page = client.get(meeting.get_absolute_url()).content.decode()
    action = re.search(r'<form method="post" novalidate action="([^"]+/sign/)">', page).group(1)
    token = submission_token(page[page.index(action) :])
    return client.post(action, {"submission": token})


def submission_token(html):
    tag = re.search(r'<input[^>]*name="submission"[^>]*>', html).group(0)
    return re.search(r'value="([^"]+)"', tag).group(1)


def protocol(client, meeting):
    page = client.get(meeting.get_absolute_url()).content.decode()
    link = re.search(r'href="([^"]+/protocol\.pdf)"', page).group(1)
    response = client.get(link)
    assert response.status_code == 200
    return response.content


def text_of(pdf):
    output = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True).stdout
    return " ".join(output.decode().split())


def test_a_signed_protocol_validates_as_signed_by_its_office_and_is_stored_once(
    settings, tmp_path, meeting, office, other_office, director_a_client
):
    keys = install_keys(settings, tmp_path / "keys", office, other_office)
    draft = protocol(director_a_client, meeting)
    assert PdfFileReader(io.BytesIO(draft)).embedded_signatures == []  # a draft is not signed
    click_sign(director_a_client, meeting)
    meeting.refresh_from_db()
    assert meeting.is_signed and meeting.protocol_pdf
    signed = protocol(director_a_client, meeting)
    signature, status = validated(signed, keys)
    assert status.intact and status.valid and status.trusted and status.bottom_line
    assert subject_organisation(status) == office.name_ru
    assert str(meeting.number) in str(signature.sig_object["/Reason"])
    assert "Ачык сабактардын графиги бекитилсин." in text_of(signed)
    assert protocol(director_a_client, meeting) == signed  # served as stored, not signed again


def test_an_amendment_signs_the_amended_protocol_anew(
    settings, tmp_path, meeting, office, other_office, director_a_client
):
    keys = install_keys(settings, tmp_path / "keys", office, other_office)
    click_sign(director_a_client, meeting)
    before = protocol(director_a_client, meeting)
    page = director_a_client.get(meeting.get_absolute_url()).content.decode()
    amend = re.search(r'href="([^"]+/amend/)"', page).group(1)
    form = director_a_client.get(amend).content.decode()
    token = submission_token(form)
    director_a_client.post(amend, {"change": "Мөөнөтү 15.12 болуп оңдолсун.", "reason": "Ката", "submission": token})
    after = protocol(director_a_client, meeting)
    assert after != before
    assert "Мөөнөтү 15.12 болуп оңдолсун." in text_of(after)
    _signature, status = validated(after, keys)
    assert status.bottom_line


def test_a_protocol_signed_before_the_office_had_a_key_is_signed_when_first_downloaded_after(
    settings, tmp_path, meeting, office, other_office, director_a_client
):
    click_sign(director_a_client, meeting)
    meeting.refresh_from_db()
    meeting.protocol_pdf.delete(save=True)  # as a protocol signed before protocols were stored
    keys = install_keys(settings, tmp_path / "keys", office, other_office)
    _signature, status = validated(protocol(director_a_client, meeting), keys)
    assert status.bottom_line


def test_the_verification_page_finds_a_signed_protocol_intact_but_not_a_certificate(
    settings, tmp_path, meeting, office, other_office, director_a_client, anonymous_client
):
    install_keys(settings, tmp_path / "keys", office, other_office)
    click_sign(director_a_client, meeting)
    signed = protocol(director_a_client, meeting)
    response = check(anonymous_client, signed, "protocol.pdf")
    assert verdict(response) == "not-in-register"
    assert office.name_ru in response.content.decode()
    data = bytearray(signed)
    data[data.index(b"stream") + 20] ^= 0x01
    assert verdict(check(anonymous_client, bytes(data), "protocol.pdf")) == "tampered"


def test_without_a_key_a_signed_protocol_is_stored_unsigned(meeting, director_a_client):
    click_sign(director_a_client, meeting)
    pdf = protocol(director_a_client, meeting)
    assert PdfFileReader(io.BytesIO(pdf)).embedded_signatures == []
