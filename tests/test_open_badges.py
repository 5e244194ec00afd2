"""Open Badges 3.0: every certificate is a credential (VC-JWT) signed with its office's key.

The check here is written from the specifications, independently of Ustat's code and of PyJWT: decode the JWT,
resolve the issuer's did:web to the DID document the site serves, verify the signature with the key found there,
then fetch the status list credential, verify it the same way and read the certificate's bit.
"""

import base64
import gzip
import json
import re
from datetime import datetime
from urllib.parse import unquote, urlsplit
from zoneinfo import ZoneInfo

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from django.core.cache import cache

from certificates.services import revoke
from qualification.certificates import issue_for_records
from tests import factories
from tests.test_signing import install_keys


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path, db):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.USTAT_SIGNING_DIR = tmp_path / "no-keys"
    settings.USTAT_PUBLIC_BASE_URL = "https://ustat.example.kg:8443/district"
    cache.clear()


@pytest.fixture
def keys(settings, tmp_path, office, other_office):
    return install_keys(settings, tmp_path / "keys", office, other_office)


@pytest.fixture
def certificate(keys, office, teacher_a, methodist):
    factories.make_certificate_settings(office)
    course = factories.make_course(office, title="Санариптик сабаттуулук", hours=72)
    record = factories.make_record(teacher_a, course)
    return issue_for_records(record_ids=[record.pk], layout="ky+ru", by=methodist)[1][0]


# --- an independent verifier -----------------------------------------------------------------------------------


def b64decode(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def decode_jwt(token):
    header, payload, signature = token.split(".")
    return json.loads(b64decode(header)), json.loads(b64decode(payload)), (f"{header}.{payload}", b64decode(signature))


def path_of_did(did):
    """did:web's rule: the method-specific id's colons are path separators, the first part the (encoded) host;
    a path ends in /did.json. The site is asked through the test client, so only the path is kept."""
    parts = did.removeprefix("did:web:").split(":")
    host, path = unquote(parts[0]), "/".join(unquote(part) for part in parts[1:])
    return host, f"/{path}/did.json"


def site_path(url, base):
    """A URL of the site as the test client asks for it: the base's path prefix is not part of the app's routes."""
    prefix = urlsplit(base).path.rstrip("/")
    return urlsplit(url).path.removeprefix(prefix)


def public_key(jwk):
    if jwk["kty"] == "RSA":
        numbers = rsa.RSAPublicNumbers(int.from_bytes(b64decode(jwk["e"])), int.from_bytes(b64decode(jwk["n"])))
        return numbers.public_key()
    curve = {"P-256": ec.SECP256R1(), "P-384": ec.SECP384R1()}[jwk["crv"]]
    x, y = (int.from_bytes(b64decode(jwk[name])) for name in ("x", "y"))
    return ec.EllipticCurvePublicNumbers(x, y, curve).public_key()


def verify_signature(token, client, settings):
    """Verifies a JWT with the key its header names, from the issuer's served DID document; returns the claims."""
    header, claims, (signed, signature) = decode_jwt(token)
    did, _fragment = header["kid"].split("#")
    assert claims["iss"] == did
    host, path = path_of_did(did)
    assert host == urlsplit(settings.USTAT_PUBLIC_BASE_URL).netloc
    response = client.get(site_path(f"https://{host}{path}", settings.USTAT_PUBLIC_BASE_URL))
    assert response.status_code == 200
    document = json.loads(response.content)
    assert document["id"] == did
    assert header["kid"] in document["assertionMethod"]
    method = next(method for method in document["verificationMethod"] if method["id"] == header["kid"])
    key = public_key(method["publicKeyJwk"])
    if header["alg"] == "RS256":
        key.verify(signature, signed.encode(), padding.PKCS1v15(), hashes.SHA256())
    else:
        half = len(signature) // 2
        der = encode_dss_signature(int.from_bytes(signature[:half]), int.from_bytes(signature[half:]))
        key.verify(der, signed.encode(), ec.ECDSA(hashes.SHA256()))
    return claims


def revoked(credential, client, settings):
    """The credential's bit in the status list it names, after verifying the status list's own signature."""
    entry = credential["credentialStatus"]
    assert entry["type"] == "BitstringStatusListEntry"
    assert entry["statusPurpose"] == "revocation"
    response = client.get(site_path(entry["statusListCredential"], settings.USTAT_PUBLIC_BASE_URL))
    assert response.status_code == 200
    status_list = verify_signature(response.content.decode(), client, settings)
    assert "BitstringStatusListCredential" in status_list["type"]
    assert status_list["issuer"] == credential["issuer"]["id"]
    subject = status_list["credentialSubject"]
    assert subject["statusPurpose"] == "revocation"
    assert subject["encodedList"].startswith("u")  # multibase, base64url without padding
    bits = gzip.decompress(b64decode(subject["encodedList"][1:]))
    assert len(bits) * 8 >= 131_072
    index = int(entry["statusListIndex"])
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


def download_from_my_certificates(client):
    """The credential link beside the PDF on the teacher's "My certificates"."""
    page = client.get("/certificates/").content.decode()
    links = re.findall(r'href="(/certificates/\d+/credential/)"', page)
    assert links, "My certificates offers the credential"
    response = client.get(links[0])
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vc+jwt"
    return response.content.decode()


# --- the tests ----------------------------------------------------------------------------------------------------


def test_the_teachers_credential_verifies_with_the_offices_key_and_says_what_was_achieved(
    certificate, teacher_client, anonymous_client, settings, office
):
    token = download_from_my_certificates(teacher_client)
    credential = verify_signature(token, anonymous_client, settings)
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert credential["@context"][0] == "https://www.w3.org/ns/credentials/v2"
    assert credential["@context"][1].startswith("https://purl.imsglobal.org/spec/ob/v3p0/context")
    assert credential["issuer"]["id"].startswith("did:web:ustat.example.kg%3A8443:district:credentials:offices:")
    assert credential["issuer"]["name"] == office.name_ky
    assert credential["jti"] == credential["id"]
    valid_from = datetime.fromisoformat(credential["validFrom"])
    assert valid_from.astimezone(ZoneInfo(office.time_zone)).date() == certificate.issued_on
    assert credential["nbf"] == valid_from.timestamp()
    subject = credential["credentialSubject"]
    assert subject["identifier"] == [
        {"type": "IdentityObject", "identityType": "name", "hashed": False, "identityHash": certificate.holder_name}
    ]
    achievement = subject["achievement"]
    assert achievement["name"] == "Санариптик сабаттуулук"
    assert achievement["achievementType"] == "CertificateOfCompletion"
    assert "72" in achievement["description"]
    assert "Санариптик сабаттуулук" in achievement["criteria"]["narrative"]
    assert subject["activityEndDate"].startswith(str(certificate.ends_on.year))


def test_the_credentials_status_bit_flips_when_the_certificate_is_revoked(
    certificate, teacher_client, anonymous_client, settings, methodist
):
    token = download_from_my_certificates(teacher_client)
    credential = verify_signature(token, anonymous_client, settings)
    assert revoked(credential, anonymous_client, settings) is False
    revoke(certificate=certificate, by=methodist, reason="Ошибочно выдан")
    # The same credential, already in the teacher's wallet, now reads as revoked.
    assert revoked(credential, anonymous_client, settings) is True


def test_another_offices_revocation_does_not_touch_this_certificates_bit(
    certificate, teacher_client, anonymous_client, settings, other_office, other_office_school, methodist
):
    factories.make_certificate_settings(other_office)
    person = factories.make_staff(other_office_school)
    record = factories.make_record(person, factories.make_course(other_office))
    other_methodist = factories.make_methodist(other_office, username="methodist.kz")
    elsewhere = issue_for_records(record_ids=[record.pk], layout="kk", by=other_methodist)[1][0]
    revoke(certificate=elsewhere, by=other_methodist, reason="Қате")
    credential = verify_signature(download_from_my_certificates(teacher_client), anonymous_client, settings)
    assert revoked(credential, anonymous_client, settings) is False


def test_the_verification_page_links_to_the_credential(certificate, anonymous_client, settings):
    page = anonymous_client.get(f"/verify/{certificate.code}/").content.decode()
    link = re.search(r'href="(/verify/[^"]+/credential/)"', page).group(1)
    response = anonymous_client.get(link)
    assert response.status_code == 200
    credential = verify_signature(response.content.decode(), anonymous_client, settings)
    assert credential["credentialStatus"]["statusListIndex"] == str(certificate.pk)


def test_a_credential_is_for_its_holder_the_holders_director_and_the_office_only(
    certificate, teacher_b, director_b_client, director_a_client, methodist_client, anonymous_client
):
    url = f"/certificates/{certificate.pk}/credential/"
    assert methodist_client.get(url).status_code == 200
    assert director_a_client.get(url).status_code == 200
    assert director_b_client.get(url).status_code == 404
    assert anonymous_client.get(url).status_code == 302
    other_teacher = factories.make_teacher(teacher_b, username="teacher_b")
    anonymous_client.force_login(other_teacher)
    assert anonymous_client.get(url).status_code == 404


def test_an_unknown_code_gives_no_credential_and_counts_as_a_wrong_guess(certificate, anonymous_client):
    from certificates.models import WrongGuesses

    assert anonymous_client.get("/verify/0000-0000-0000-0000/credential/").status_code == 404
    assert WrongGuesses.objects.get().count == 1


def test_an_office_without_a_key_offers_no_credential(office, teacher_a, methodist, teacher_client, anonymous_client):
    factories.make_certificate_settings(office)
    record = factories.make_record(teacher_a, factories.make_course(office))
    certificate = issue_for_records(record_ids=[record.pk], layout="ky", by=methodist)[1][0]
    assert "/credential/" not in teacher_client.get("/certificates/").content.decode()
    assert teacher_client.get(f"/certificates/{certificate.pk}/credential/").status_code == 404
    assert anonymous_client.get(f"/credentials/offices/{office.pk}/did.json").status_code == 404
    assert anonymous_client.get(f"/credentials/offices/{office.pk}/status").status_code == 404


def test_the_did_document_carries_the_offices_certificate_chain(certificate, anonymous_client, office, keys):
    from cryptography import x509

    document = anonymous_client.get(f"/credentials/offices/{office.pk}/did.json").json()
    jwk = document["verificationMethod"][0]["publicKeyJwk"]
    assert "d" not in jwk and "p" not in jwk  # public parts only
    chain = [x509.load_der_x509_certificate(base64.b64decode(each)) for each in jwk["x5c"]]
    assert chain[0].public_key().public_numbers() == public_key(jwk).public_numbers()
    assert chain[1].subject == x509.load_pem_x509_certificate((keys / "ca.pem").read_bytes()).subject


def test_the_settings_page_links_the_offices_public_key_and_revocation_list(certificate, methodist_client):
    page = methodist_client.get("/certificates/settings/").content.decode()
    for link in re.findall(r'href="(/credentials/offices/\d+/[^"]+)"', page):
        assert methodist_client.get(link).status_code == 200
    assert len(re.findall(r'href="/credentials/offices/', page)) == 2


def test_my_certificates_asks_as_many_queries_for_many_certificates_as_for_one(
    certificate, teacher_a, teacher_client, methodist, office
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries():
        """The page's own queries (the session's renewal, every few requests, is not the page's)."""
        with CaptureQueriesContext(connection) as captured:
            assert teacher_client.get("/certificates/").status_code == 200
        return len(
            [query for query in captured if "django_session" not in query["sql"] and "SAVEPOINT" not in query["sql"]]
        )

    one = queries()
    records = [factories.make_record(teacher_a, factories.make_course(office)) for _ in range(4)]
    issue_for_records(record_ids=[record.pk for record in records], layout="ky", by=methodist)
    page = teacher_client.get("/certificates/").content.decode()
    assert len(re.findall(r'href="/certificates/\d+/credential/"', page)) == 5
    assert queries() == one
