"""Every certificate as an Open Badges 3.0 `OpenBadgeCredential`: a W3C Verifiable Credential secured as a JWT
(VC-JWT), signed with the key of the office that issued it.

The issuer is the office's `did:web` identifier, whose DID document Ustat serves from USTAT_PUBLIC_BASE_URL
(`/credentials/offices/<id>/did.json`) with the office's public key and its X.509 chain (the certificate its
national authority issued). Each credential points at a bit of the office's Bitstring Status List, a credential
of its own (`/credentials/offices/<id>/status`) in which the bit of a revoked certificate is set: a verifier
checks both signatures and the bit without asking Ustat anything else.

A credential is made from the register when it is downloaded (a JWT takes a millisecond to sign), so it always
carries the office's current key, which the DID document lists.

PyJWT signs and exports the keys: it takes the `cryptography` key objects the PKCS#12 file opens as (pyHanko
needs `cryptography` anyway) and exports a public key as a JWK, which is all the DID document needs.
"""

import base64
import gzip
import hashlib
import json
import uuid
from datetime import UTC, datetime, time
from urllib.parse import quote, urlsplit

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from jwt.algorithms import ECAlgorithm, RSAAlgorithm

from certificates import signing
from certificates.models import Certificate, CertificateKind, Layout
from certificates.wording import block

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
DID_CONTEXT = "https://www.w3.org/ns/did/v1"
JWK_CONTEXT = "https://w3id.org/security/suites/jws-2020/v1"
# A status list is at least 16 KB (131,072 entries), so that one set bit tells little about whom it concerns.
STATUS_LIST_BITS = 131_072
# Open Badges' achievement types for each kind of certificate.
ACHIEVEMENT_TYPES = {
    CertificateKind.COURSE: "CertificateOfCompletion",
    CertificateKind.RETRAINING: "Diploma",
    CertificateKind.MENTORSHIP: "Achievement",
    CertificateKind.PARTICIPATION: "Certificate",
}
CURVES = {"secp256r1": "ES256", "secp384r1": "ES384", "secp521r1": "ES512"}


class NoSigningKey(Exception):
    """The office has no key that can sign a credential."""


def _base64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def issuer_did(office):
    """`did:web:<host>[:<path>]:credentials:offices:<id>`, which resolves to the office's did.json on this site."""
    base = urlsplit(settings.USTAT_PUBLIC_BASE_URL)
    segments = [quote(base.netloc, safe="")]
    segments += [quote(part, safe="") for part in base.path.split("/") if part]
    return "did:web:" + ":".join([*segments, "credentials", "offices", str(office.pk)])


def did_document_url(office):
    return settings.USTAT_PUBLIC_BASE_URL + reverse("credential_issuer", args=[office.pk])


def status_list_url(office):
    return settings.USTAT_PUBLIC_BASE_URL + reverse("credential_status", args=[office.pk])


def _office_identity(office):
    keystore = signing.keystore_for(office)
    if keystore is None:
        raise NoSigningKey(office)
    return signing.identity(keystore)


def _algorithm(key):
    if isinstance(key, rsa.RSAPrivateKey):
        return "RS256"
    if isinstance(key, ec.EllipticCurvePrivateKey) and key.curve.name in CURVES:
        return CURVES[key.curve.name]
    raise NoSigningKey(f"a {type(key).__name__} cannot sign a JWT")


def public_jwk(identity):
    """The office's public key as a JWK, with its certificate chain (x5c) and RFC 7638 thumbprint as its id."""
    public_key = identity.key.public_key()
    exporter = RSAAlgorithm if isinstance(public_key, rsa.RSAPublicKey) else ECAlgorithm
    jwk = exporter.to_jwk(public_key, as_dict=True)
    required = ("e", "kty", "n") if jwk["kty"] == "RSA" else ("crv", "kty", "x", "y")
    canonical = json.dumps({name: jwk[name] for name in required}, separators=(",", ":"), sort_keys=True)
    chain = [identity.certificate, *identity.chain]
    return {
        **jwk,
        "kid": _base64url(hashlib.sha256(canonical.encode()).digest()),
        "alg": _algorithm(identity.key),
        "use": "sig",
        "x5c": [base64.b64encode(each.public_bytes(serialization.Encoding.DER)).decode() for each in chain],
    }


def did_document(office):
    """The office's DID document: its public key, for verifying what it signs."""
    did = issuer_did(office)
    jwk = public_jwk(_office_identity(office))
    method = f"{did}#{jwk['kid']}"
    return {
        "@context": [DID_CONTEXT, JWK_CONTEXT],
        "id": did,
        "alsoKnownAs": [settings.USTAT_PUBLIC_BASE_URL + "/"],
        "verificationMethod": [{"id": method, "type": "JsonWebKey2020", "controller": did, "publicKeyJwk": jwk}],
        "assertionMethod": [method],
        "authentication": [method],
    }


def _sign(claims, identity, office):
    jwk = public_jwk(identity)
    headers = {"typ": "JWT", "kid": f"{issuer_did(office)}#{jwk['kid']}"}
    return jwt.encode(claims, identity.key, algorithm=jwk["alg"], headers=headers)


def _moment(day, office):
    """The start of a day in the office's time zone, as the credential writes times (UTC, ISO 8601)."""
    return timezone.make_aware(datetime.combine(day, time.min), timezone=_zone(office)).astimezone(UTC)


def _zone(office):
    from zoneinfo import ZoneInfo

    return ZoneInfo(office.time_zone)


def _iso(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _sentence(text):
    """The text as a sentence: capitalised, with one full stop (a Kyrgyz date ends in "ж." already)."""
    text = text[:1].upper() + text[1:]
    return text if text.endswith(".") else f"{text}."


def credential_claims(certificate):
    """The OpenBadgeCredential of a certificate, with the JWT's registered claims (iss, jti, nbf)."""
    office = certificate.office
    language = Layout.languages(certificate.layout)[0]
    words = block(certificate, language)
    details = f", {words.details}" if words.details else ""
    did = issuer_did(office)
    credential_id = f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, certificate.get_verification_url())}"
    issued = _moment(certificate.issued_on, office)
    issuer = {"id": did, "type": ["Profile"], "name": words.office_name, "url": settings.USTAT_PUBLIC_BASE_URL + "/"}
    achievement_key = f"{did}/{certificate.kind}/{words.title}/{certificate.hours}"
    achievement = {
        "id": f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, achievement_key)}",
        "type": ["Achievement"],
        "achievementType": ACHIEVEMENT_TYPES[certificate.kind],
        "name": words.title,
        "description": f"{words.heading.capitalize()}: {words.what} «{words.title}»{details}",
        "criteria": {"narrative": _sentence(f"{words.what} «{words.title}»{details}")},
        "creator": issuer,
        "inLanguage": language,
    }
    subject = {
        "type": ["AchievementSubject"],
        "identifier": [
            {
                "type": "IdentityObject",
                "identityType": "name",
                "hashed": False,
                "identityHash": certificate.holder_name,
            }
        ],
        "achievement": achievement,
    }
    if certificate.starts_on:
        subject["activityStartDate"] = _iso(_moment(certificate.starts_on, office))
    if certificate.ends_on:
        subject["activityEndDate"] = _iso(_moment(certificate.ends_on, office))
    status = status_list_url(office)
    return {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": credential_id,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": words.title,
        "issuer": issuer,
        "validFrom": _iso(issued),
        "awardedDate": _iso(issued),
        "credentialSubject": subject,
        "credentialStatus": {
            "id": f"{status}#{certificate.pk}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": str(certificate.pk),
            "statusListCredential": status,
        },
        "iss": did,
        "jti": credential_id,
        "nbf": int(issued.timestamp()),
    }


def credential_jwt(certificate):
    """The certificate's credential, signed by its office (NoSigningKey when the office has none)."""
    return _sign(credential_claims(certificate), _office_identity(certificate.office), certificate.office)


def revoked_bits(office):
    """The office's status list: a bit per certificate (its id), set where the certificate is revoked, first bit
    the most significant of the first byte."""
    revoked = list(
        Certificate.objects.filter(office=office, revoked_at__isnull=False).values_list("pk", flat=True).order_by("pk")
    )
    length = max(STATUS_LIST_BITS, -(-(max(revoked, default=0) + 1) // 8) * 8)
    bits = bytearray(length // 8)
    for index in revoked:
        bits[index // 8] |= 0x80 >> (index % 8)
    return bytes(bits)


def status_list_jwt(office):
    """The office's BitstringStatusListCredential, signed like its credentials; made anew on each request, so that a
    revocation shows at once."""
    identity = _office_identity(office)
    url = status_list_url(office)
    did = issuer_did(office)
    now = timezone.now().replace(microsecond=0)
    encoded = "u" + _base64url(gzip.compress(revoked_bits(office), mtime=0))
    claims = {
        "@context": [VC_CONTEXT],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": did,
        "validFrom": _iso(now.astimezone(UTC)),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": encoded,
        },
        "iss": did,
        "jti": url,
        "nbf": int(now.timestamp()),
    }
    return _sign(claims, identity, office)


def can_sign(office):
    """Whether the office has a key for credentials (links to them are shown only then)."""
    try:
        _algorithm(_office_identity(office).key)
    except (NoSigningKey, signing.SigningError):
        return False
    return True
