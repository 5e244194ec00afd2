"""What the verification page says about an uploaded PDF: is its signature intact, whose certificate made it, and
is it the very file Ustat's register holds (and in which state). Nothing uploaded is kept.

The register entry is found through the signature's /ContactInfo, the document's verification address (its
code is 80 random bits, so a forged file can learn no more than typing a code would), and the file must be the
stored one byte for byte: a copy whose signature holds but whose bytes differ (a byte changed in the signature's
padding, or a signature by another office's key under this document's address) is not the register's document.
"""

import hashlib
import io
import logging
from dataclasses import dataclass
from datetime import datetime

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.errors import SignatureValidationError
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.errors import PathBuildingError, PathValidationError

from certificates import signing
from certificates.models import Certificate, normalise_code

logger = logging.getLogger(__name__)


class Verdict:
    GENUINE = "genuine"  # intact, trusted, and the very file of the register
    TAMPERED = "tampered"  # the signature no longer matches the bytes, or bytes were added after signing
    NOT_IN_REGISTER = "not-in-register"  # a sound signature, but not over a file Ustat's register holds
    UNSIGNED = "unsigned"  # a PDF without a signature
    UNREADABLE = "unreadable"  # not a PDF that can be read


@dataclass
class DocumentCheck:
    verdict: str
    certificate: Certificate | None = None
    signer: str = ""
    signer_authority: str = ""
    trusted: bool = False
    signed_at: datetime | None = None
    timestamped_at: datetime | None = None
    signed_by_issuing_office: bool = False

    @property
    def genuine(self):
        return self.verdict == Verdict.GENUINE


def validation_context():
    """Trusts the configured authorities and fetches nothing: no revocation lists, no OCSP (the page answers
    offline, and a visitor's upload must not make the server call out)."""
    roots = [signing.asn1_certificate(root) for root in signing.trust_roots()]
    return ValidationContext(trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail")


def code_of(contact_info):
    """The verification code at the end of a verification address, or None."""
    text = str(contact_info or "").rstrip("/")
    return normalise_code(text.rsplit("/", 1)[-1]) if "/verify/" in text else None


def _sha256(data):
    return hashlib.sha256(data).hexdigest()


def _stored_digest(certificate):
    if not certificate.pdf:
        return None
    with certificate.pdf.open("rb") as stored:
        return _sha256(stored.read())


def check_document(data):
    """The check of one uploaded PDF's bytes."""
    # A visitor's file may be anything that starts like a PDF: whatever the parser or the validator trips on is an
    # answer about the file (it cannot be read, or its signature does not hold), never a server error.
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        signatures = reader.embedded_signatures
    except Exception as error:
        logger.info("an uploaded PDF could not be read: %r", error)
        return DocumentCheck(Verdict.UNREADABLE)
    if not signatures:
        return DocumentCheck(Verdict.UNSIGNED)
    signature = signatures[0]
    try:
        status = signing.outside_any_event_loop(lambda: validate_pdf_signature(signature, validation_context()))
        signer_certificate = x509.load_der_x509_certificate(status.signing_cert.dump())
    except (SignatureValidationError, PdfError, PathBuildingError, PathValidationError, ValueError) as error:
        logger.info("an uploaded PDF's signature could not be validated: %r", error)
        return DocumentCheck(Verdict.TAMPERED)
    except Exception as error:
        logger.warning("an uploaded PDF's signature could not be validated: %r", error)
        return DocumentCheck(Verdict.TAMPERED)
    check = DocumentCheck(
        Verdict.NOT_IN_REGISTER,
        signer=signing.describe(signer_certificate.subject),
        signer_authority=signing.describe(signer_certificate.issuer),
        trusted=status.trusted,
        signed_at=status.signer_reported_dt,
        timestamped_at=status.timestamp_validity.timestamp if status.timestamp_validity else None,
    )
    if not (status.intact and status.valid) or status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        check.verdict = Verdict.TAMPERED
        return check
    code = code_of(signature.sig_object.get("/ContactInfo"))
    registered = Certificate.objects.filter(code=code).select_related("office", "superseded_by")
    certificate = registered.first() if code else None
    if certificate is None:
        return check
    if _stored_digest(certificate) != _sha256(data):
        # It names a document of the register but is not its file: a changed copy, whatever its signature says.
        check.verdict = Verdict.TAMPERED
        return check
    check.signed_by_issuing_office = _is_office_certificate(certificate.office, signer_certificate)
    if status.trusted:
        check.verdict = Verdict.GENUINE
        check.certificate = certificate
    return check


def _is_office_certificate(office, signer_certificate):
    """Whether the signature was made with the office's current certificate (an office that has since changed its
    key signed its older documents with the one before)."""
    try:
        keystore = signing.keystore_for(office)
        current = signing.identity(keystore) if keystore else None
    except signing.SigningError:
        return False
    return current is not None and current.certificate.fingerprint(hashes.SHA256()) == signer_certificate.fingerprint(
        hashes.SHA256()
    )
