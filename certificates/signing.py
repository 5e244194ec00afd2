"""Each office's signing identity, and the PAdES signature (pyHanko) on the documents it issues.

An office signs with the key and X.509 certificate of a PKCS#12 file, the form in which Kazakhstan's national
certification authority and Kyrgyzstan's PKI hand a legal entity its key: the file whose path is set in the admin
(`CertificateSettings.signing_keystore`), else `USTAT_SIGNING_DIR/<office code>.p12`. The key is never in the
database; the passphrase comes from the environment (`USTAT_SIGNING_PASSPHRASE_<office id>`, else
`USTAT_SIGNING_PASSPHRASE`) when the file is opened. An office without a file issues unsigned documents.

A signature is PAdES (B-B, or B-T when `USTAT_TIMESTAMP_URL` names an RFC 3161 server). It names the office
(/Name), records the signing time (/M), and carries the document's verification address as its /ContactInfo,
which is how the verification page finds an uploaded document in the register.

Signing costs a few milliseconds a page, so that a batch signs every certificate in the worker that lays it out:
a key is opened once per process, and `_Signer` reuses its first signature container for the next ones.
"""

import asyncio
import io
import logging
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from asn1crypto import cms
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from pyhanko.sign import fields, signers
from pyhanko.sign.general import get_pyca_cryptography_hash
from pyhanko.sign.timestamps import HTTPTimeStamper
from pyhanko_certvalidator.registry import SimpleCertificateStore

from certificates.models import CertificateSettings
from certificates.pdf import split_pages

logger = logging.getLogger(__name__)

FIELD_NAME = "Ustat"
DEMO_AUTHORITY = "ca.pem"


class SigningError(Exception):
    """An office's signing key is configured but cannot be used; issuing stops rather than sign nothing."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Keystore:
    """Where an office's key is and how to open it: resolved in the process that reads the database, and handed as
    it is to the worker processes that sign a batch."""

    path: str
    passphrase: str | None
    timestamp_url: str = ""


def keystore_for(office):
    """The office's keystore, or None when it signs nothing (no path configured and no file in the default place)."""
    try:
        office_settings = office.certificate_settings  # joined by the caller, or fetched here
    except CertificateSettings.DoesNotExist:
        office_settings = None
    configured = office_settings.signing_keystore if office_settings else ""
    path = Path(configured) if configured else Path(settings.USTAT_SIGNING_DIR) / f"{office.code}.p12"
    if not path.is_file():
        if configured:
            raise SigningError(
                _("The signing key of %(office)s is not found at %(path)s.") % {"office": office, "path": path}
            )
        return None
    passphrase = os.environ.get(f"USTAT_SIGNING_PASSPHRASE_{office.pk}") or os.environ.get("USTAT_SIGNING_PASSPHRASE")
    return Keystore(str(path), passphrase or None, settings.USTAT_TIMESTAMP_URL)


def keystores_for(certificates):
    """Each certificate's office's keystore, in order (each office looked up once)."""
    by_office = {}
    for certificate in certificates:
        if certificate.office_id not in by_office:
            by_office[certificate.office_id] = keystore_for(certificate.office)
    return [by_office[certificate.office_id] for certificate in certificates]


def describe(name):
    """A certificate's holder as a reader knows it: the organisation, else the common name."""
    for oid in (NameOID.ORGANIZATION_NAME, NameOID.COMMON_NAME):
        values = name.get_attributes_for_oid(oid)
        if values:
            return values[0].value
    return name.rfc4514_string()


class Identity:
    """An office's key and certificate, opened from its keystore."""

    def __init__(self, key, certificate, chain):
        self.key = key
        self.certificate = certificate
        self.chain = chain

    @property
    def holder(self):
        return describe(self.certificate.subject)

    @property
    def issuer(self):
        return describe(self.certificate.issuer)

    @property
    def valid_until(self):
        return self.certificate.not_valid_after_utc

    @property
    def fingerprint(self):
        return self.certificate.fingerprint(hashes.SHA256()).hex()

    @cached_property
    def signer(self):
        der_key = self.key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        registry = SimpleCertificateStore()
        registry.register_multiple(asn1_certificate(certificate) for certificate in self.chain)
        return _Signer(
            self.key,
            signing_key=asn1_keys.PrivateKeyInfo.load(der_key),
            signing_cert=asn1_certificate(self.certificate),
            cert_registry=registry,
        )

    @property
    def bytes_reserved(self):
        """Room for the signature container, written in hex: the certificates it carries and the signature."""
        certificates = sum(len(c.public_bytes(serialization.Encoding.DER)) for c in [self.certificate, *self.chain])
        return 2 * (certificates + 2048)


def asn1_certificate(certificate):
    """A `cryptography` certificate as pyHanko takes it."""
    return asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER))


def identity(keystore):
    """The identity in a keystore, opened once per process (again when the file changes)."""
    try:
        modified = os.stat(keystore.path).st_mtime_ns
    except OSError as error:
        raise SigningError(_("The signing key at %(path)s cannot be read.") % {"path": keystore.path}) from error
    return _open(keystore.path, modified, keystore.passphrase)


@lru_cache(maxsize=16)
def _open(path, _modified, passphrase):
    try:
        key, certificate, chain = pkcs12.load_key_and_certificates(
            Path(path).read_bytes(), passphrase.encode() if passphrase else None
        )
    except (ValueError, TypeError) as error:
        raise SigningError(
            _("The signing key at %(path)s cannot be opened: check its passphrase.") % {"path": path}
        ) from error
    if key is None or certificate is None:
        raise SigningError(_("The file at %(path)s holds no key and certificate.") % {"path": path})
    return Identity(key, certificate, list(chain or []))


# The marker a first signature container is made for, found again to put each document's digest in its place.
_MARK = bytes(range(0xA0, 0xC0))
_PROBE = bytes(range(0x40, 0x60))


class _Signer(signers.SimpleSigner):
    """pyHanko's SimpleSigner, made fit for batches.

    pyHanko builds every signature container anew with asn1crypto and opens the key twice per signature, about
    12 ms a page. Here the key is opened once, and a PAdES container without a timestamp, whose signed attributes
    are only the content type, the document's digest and the signing certificate, is the first one made with the
    digest and the signature value put in their places: about 2 ms. The shortcut checks itself once against
    pyHanko's own container for the same digest; where they differ (a key whose signatures vary, as ECDSA's and
    RSA-PSS's do), pyHanko's path is kept.
    """

    def __init__(self, key, **kwargs):
        super().__init__(**kwargs)
        self._key = key
        self._templates = {}

    def sign_raw(self, data, digest_algorithm):
        mechanism = self.get_signature_mechanism_for_digest(digest_algorithm).signature_algo
        hash_algorithm = get_pyca_cryptography_hash(digest_algorithm)
        if mechanism == "rsassa_pkcs1v15" and isinstance(self._key, rsa.RSAPrivateKey):
            return self._key.sign(data, PKCS1v15(), hash_algorithm)
        if mechanism == "ecdsa" and isinstance(self._key, ec.EllipticCurvePrivateKey):
            return self._key.sign(data, ec.ECDSA(hash_algorithm))
        return super().sign_raw(data, digest_algorithm)

    async def async_sign(self, data_digest, digest_algorithm, dry_run=False, use_pades=False, timestamper=None, **kw):
        plain = not dry_run and use_pades and timestamper is None and not kw.get("encap_content_info")
        if plain and len(data_digest) == len(_MARK):
            template = await self._template(digest_algorithm, kw.get("signed_attr_settings"))
            if template:
                return cms.ContentInfo.load(self._fill(template, data_digest, digest_algorithm))
        return await super().async_sign(data_digest, digest_algorithm, dry_run, use_pades, timestamper, **kw)

    async def _template(self, digest_algorithm, attributes):
        if digest_algorithm not in self._templates:
            self._templates[digest_algorithm] = None
            made = await super().async_sign(_MARK, digest_algorithm, use_pades=True, signed_attr_settings=attributes)
            der = made.dump()
            signer_info = made["content"]["signer_infos"][0]
            names = {attribute["type"].native for attribute in signer_info["signed_attrs"]}
            signed = signer_info["signed_attrs"].dump()
            signature = signer_info["signature"].native
            if names == {"content_type", "message_digest", "signing_certificate_v2"} and (
                der.count(_MARK) == 1 and signed.count(_MARK) == 1 and der.count(signature) == 1
            ):
                template = (der, signed, der.index(signature), len(signature))
                probe = await super().async_sign(
                    _PROBE, digest_algorithm, use_pades=True, signed_attr_settings=attributes
                )
                if self._fill(template, _PROBE, digest_algorithm) == probe.dump():
                    self._templates[digest_algorithm] = template
        return self._templates[digest_algorithm]

    def _fill(self, template, digest, digest_algorithm):
        der, signed, at, length = template
        # The signature covers the signed attributes encoded as a SET (tag 0x31), not as the container's [0].
        signature = self.sign_raw(b"\x31" + signed[1:].replace(_MARK, digest), digest_algorithm)
        if len(signature) != length:
            raise ValueError("a signature of another length than the template's")
        der = der.replace(_MARK, digest)
        return der[:at] + signature + der[at + length :]


@lru_cache(maxsize=4)
def _timestamper(url):
    # Kept per process: pyHanko sizes the signature with a first response, which the timestamper keeps.
    return HTTPTimeStamper(url, timeout=10)


def sign_pdf(pdf, keystore, *, name, reason, contact_info=""):
    """The PDF with the office's PAdES signature appended as an incremental update (the bytes before are kept)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    office = identity(keystore)
    timestamper = _timestamper(keystore.timestamp_url) if keystore.timestamp_url else None
    metadata = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        name=name,
        reason=reason,
        contact_info=contact_info or None,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
    )
    pdf_signer = signers.PdfSigner(metadata, signer=office.signer, timestamper=timestamper)
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    reserved = None if timestamper else office.bytes_reserved

    return outside_any_event_loop(lambda: pdf_signer.sign_pdf(writer, bytes_reserved=reserved).getvalue())


def outside_any_event_loop(function):
    """Calls `function`, which runs pyHanko's own event loop (signing, validating): in this thread, or in a
    fresh one when this thread runs a loop already (a browser test's), where a second loop cannot start."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return function()
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(function).result()


def sign_document(pdf, office, *, name, reason, contact_info=""):
    """`pdf` signed by the office when it has a key, else as it is (a council's protocol, for one)."""
    keystore = keystore_for(office)
    if keystore is None:
        return pdf
    return sign_pdf(pdf, keystore, name=name, reason=reason, contact_info=contact_info)


def sign_certificate(page, certificate, keystore, verify_url):
    """A certificate's own PDF, signed by its office in the certificate's first language."""
    language = certificate.layout.split("+")[0]
    office_name = getattr(certificate, f"office_name_{language}", "") or certificate.office_name_ru
    with translation.override(language):
        reason = _("Certificate No. %(serial)s") % {"serial": certificate.serial}
    return sign_pdf(page, keystore, name=office_name, reason=reason, contact_info=verify_url)


def signed_pages(certificates, pdf, keystores=None, verify_urls=None):
    """Each certificate's page cut from `pdf`, signed by its office where the office has a key.

    Runs where the chunk was laid out (a batch's worker process): `keystores` and `verify_urls` come from the
    process that reads the database and the settings.
    """
    keystores = keystores if keystores is not None else keystores_for(certificates)
    verify_urls = verify_urls or [certificate.get_verification_url() for certificate in certificates]
    pages = split_pages(pdf)
    return [
        sign_certificate(page, certificate, keystore, url) if keystore else page
        for page, certificate, keystore, url in zip(pages, certificates, keystores, verify_urls, strict=True)
    ]


def trust_roots():
    """The certificate authorities the verification page trusts: the configured ones and the demo authority."""
    paths = [Path(path) for path in settings.USTAT_SIGNING_TRUST_ROOTS]
    demo = Path(settings.USTAT_SIGNING_DIR) / DEMO_AUTHORITY
    if demo.is_file():
        paths.append(demo)
    return _load_roots(tuple((str(path), path.stat().st_mtime_ns) for path in paths if path.is_file()))


@lru_cache(maxsize=4)
def _load_roots(paths):
    roots = []
    for path, _modified in paths:
        data = Path(path).read_bytes()
        if b"-----BEGIN" in data:
            roots += x509.load_pem_x509_certificates(data)
        else:
            roots.append(x509.load_der_x509_certificate(data))
    return roots
