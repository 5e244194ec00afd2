"""A demo certificate authority and a signing key for each demo office, so that the demo signs out of the box.

`make run` calls `manage.py demo_signing_keys`, which writes under USTAT_SIGNING_DIR (var/signing/):
`ca.pem` (the authority's certificate, which the verification page trusts), `ca-key.pem` (its key, kept to
issue keys for offices added later) and `<office code>.p12` per office. It leaves every file that is already
there as it is. A real office replaces its `.p12` with the one its national authority issued (README, "Signing
keys") and drops the demo authority from the trusted ones by deleting `ca.pem`.
"""

import datetime
import os
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

AUTHORITY_NAME = "Ustat demo certification authority"
KEY_SIZE = 2048
YEARS = 10


def _name(common_name, country, organisation=None):
    # A common name is at most 64 bytes of UTF-8, 32 Cyrillic letters: the office's full name goes in O.
    common = common_name.encode()[:64].decode(errors="ignore")
    attributes = [x509.NameAttribute(NameOID.COUNTRY_NAME, country), x509.NameAttribute(NameOID.COMMON_NAME, common)]
    if organisation:
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation))
    return x509.Name(attributes)


def _usage(**granted):
    flags = [
        "digital_signature",
        "content_commitment",
        "key_encipherment",
        "data_encipherment",
        "key_agreement",
        "key_cert_sign",
        "crl_sign",
        "encipher_only",
        "decipher_only",
    ]
    return x509.KeyUsage(**{flag: granted.get(flag, False) for flag in flags})


def _builder(subject, issuer, public_key, now):
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=365 * YEARS))
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
    )


def make_authority(folder, name=AUTHORITY_NAME, country="KG"):
    """Writes ca.pem and ca-key.pem into `folder`; returns (key, certificate)."""
    now = datetime.datetime.now(datetime.UTC)
    key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_SIZE)
    subject = _name(name, country)
    certificate = (
        _builder(subject, subject, key.public_key(), now)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_usage(key_cert_sign=True, crl_sign=True), critical=True)
        .sign(key, hashes.SHA256())
    )
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    _write(folder / "ca.pem", certificate.public_bytes(serialization.Encoding.PEM))
    key_pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    _write(folder / "ca-key.pem", key_pem, private=True)
    return key, certificate


def load_authority(folder):
    folder = Path(folder)
    key = serialization.load_pem_private_key((folder / "ca-key.pem").read_bytes(), password=None)
    certificate = x509.load_pem_x509_certificate((folder / "ca.pem").read_bytes())
    return key, certificate


def make_office_keystore(path, authority, *, office_name, country, passphrase=None):
    """A PKCS#12 file at `path` with a key and a certificate naming the office, issued by `authority`."""
    authority_key, authority_certificate = authority
    now = datetime.datetime.now(datetime.UTC)
    key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_SIZE)
    certificate = (
        _builder(_name(office_name, country, office_name), authority_certificate.subject, key.public_key(), now)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_usage(digital_signature=True, content_commitment=True), critical=True)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(authority_key.public_key()), critical=False)
        .sign(authority_key, hashes.SHA256())
    )
    encryption = (
        serialization.BestAvailableEncryption(passphrase.encode()) if passphrase else serialization.NoEncryption()
    )
    data = pkcs12.serialize_key_and_certificates(
        office_name.encode(), key, certificate, [authority_certificate], encryption
    )
    _write(Path(path), data, private=True)
    return certificate


def ensure_demo_keys(folder, offices, passphrase=None):
    """The demo authority and a keystore for each (code, name, country) that has none yet; returns what it made."""
    folder = Path(folder)
    made = []
    if (folder / "ca.pem").is_file() and (folder / "ca-key.pem").is_file():
        authority = load_authority(folder)
    else:
        authority = make_authority(folder)
        made.append(folder / "ca.pem")
    for code, name, country in offices:
        path = folder / f"{code}.p12"
        if not path.exists():
            make_office_keystore(path, authority, office_name=name, country=country, passphrase=passphrase)
            made.append(path)
    return made


def _write(path, data, private=False):
    path.parent.mkdir(parents=True, exist_ok=True)
    if private:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
    else:
        path.write_bytes(data)
