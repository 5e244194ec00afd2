"""What a certificate is issued for, told to `certificates` by the apps that own those records.

`certificates` imports neither `qualification` nor `mentorship`. Each of them registers a `Source` for its
records when Django starts (their `AppConfig.ready`), and the issuing code asks the source for everything it
needs: which records may have a certificate, the facts to print, and whether a certificate may be replaced.

A certificate keeps a foreign key to its record, named by the source's `field` (`course_record`,
`mentor_appointment`), so that the database refuses to lose the record behind a certificate.
"""

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Facts:
    """What a record says about the certificate it earns; the certificate copies it at issue and keeps it."""

    office: object
    holder: object
    kind: str
    title: str
    title_ky: str
    title_kk: str
    title_ru: str
    hours: object
    starts_on: date | None
    ends_on: date | None


class Source:
    """The interface a record type implements to earn certificates.

    Every source gives `facts`, `locked` and `refused`; a source whose certificates are printed in batches (the
    course records: a cohort at once) gives `candidates`, `eligible` and `print_order` as well.
    """

    field = ""  # the Certificate's foreign key to such a record

    def facts(self, record):
        """The `Facts` to print for `record`. An empty `title` means the title in the layout's first language."""
        raise NotImplementedError

    def groups(self, user):
        """[(id, label)]: what the issue page offers to choose first (the course, for course records). An office's
        history holds tens of thousands of records without a certificate; they are listed one group at a time."""
        raise NotImplementedError

    def candidates(self, user, group_id):
        """The records of one group that `user` may issue certificates for now, without a current certificate,
        newest first."""
        raise NotImplementedError

    def eligible(self, ids, user):
        """The records with these ids, each checked (scope, state): raises `CertificateError` when one is not."""
        raise NotImplementedError

    def locked(self, record):
        """The record again, under a row lock, with what `facts` reads."""
        raise NotImplementedError

    def refused(self, record):
        """Why `record` cannot have a replacement certificate now, or "" when it can."""
        raise NotImplementedError

    def details(self, record_id):
        """More to print after the hours and the period, in the active language (none unless a source says)."""
        return []

    def print_order(self, record):
        """Where the record's certificate goes in a printed pile (a sort key)."""
        raise NotImplementedError


_registered = {}


def register(source):
    _registered[source.field] = source


def named(field):
    return _registered[field]


def of(certificate):
    """The source of a certificate and its record's id, or (None, None) when no record stands behind it."""
    for field, source in _registered.items():
        record_id = getattr(certificate, f"{field}_id")
        if record_id:
            return source, record_id
    return None, None
