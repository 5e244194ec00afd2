"""What a certificate says in each language of its layout. Every line of a language's block is in that language:
its own wording of the course or track, of the office and of the signatory's title, its own date format. A line
that reads the same in both languages (СЕРТИФИКАТ) prints once.

Russian past-tense verbs carry the holder's gender. Where the record has it, the wording follows it; where not,
the wording needs none ("удостоверяет прохождение курса" instead of "прошёл(ла) курс").
"""

from dataclasses import dataclass

from django.utils import formats, translation
from django.utils.translation import gettext, gettext_lazy, ngettext, pgettext_lazy

from certificates import sources
from certificates.models import CertificateKind, Layout

HEADINGS = {CertificateKind.RETRAINING: gettext_lazy("DIPLOMA")}
DEFAULT_HEADING = gettext_lazy("CERTIFICATE")

CERTIFIES = {
    "": gettext_lazy("This certifies that"),
    "female": pgettext_lazy("female", "This certifies that"),
    "male": pgettext_lazy("male", "This certifies that"),
}

WHAT = {
    (CertificateKind.COURSE, ""): gettext_lazy("has completed the qualification-upgrade course"),
    (CertificateKind.COURSE, "female"): pgettext_lazy("female", "has completed the qualification-upgrade course"),
    (CertificateKind.COURSE, "male"): pgettext_lazy("male", "has completed the qualification-upgrade course"),
    (CertificateKind.RETRAINING, ""): gettext_lazy("has completed professional retraining under the programme"),
    (CertificateKind.RETRAINING, "female"): pgettext_lazy(
        "female", "has completed professional retraining under the programme"
    ),
    (CertificateKind.RETRAINING, "male"): pgettext_lazy(
        "male", "has completed professional retraining under the programme"
    ),
    (CertificateKind.MENTORSHIP, ""): gettext_lazy("has served as a mentor of the mentor–mentee school"),
    (CertificateKind.MENTORSHIP, "female"): pgettext_lazy(
        "female", "has served as a mentor of the mentor–mentee school"
    ),
    (CertificateKind.MENTORSHIP, "male"): pgettext_lazy("male", "has served as a mentor of the mentor–mentee school"),
    (CertificateKind.PARTICIPATION, ""): gettext_lazy("took part in"),
    (CertificateKind.PARTICIPATION, "female"): pgettext_lazy("female", "took part in"),
    (CertificateKind.PARTICIPATION, "male"): pgettext_lazy("male", "took part in"),
}


@dataclass
class Block:
    language: str
    office_name: str
    heading: str
    certifies: str
    what: str
    title: str
    details: str
    signatory_title: str
    issued: str


def _details(certificate):
    parts = []
    if certificate.hours:
        parts.append(ngettext("%(hours)s hour", "%(hours)s hours", certificate.hours) % {"hours": certificate.hours})
    starts, ends = certificate.starts_on, certificate.ends_on
    if starts and ends and starts != ends:
        parts.append(
            gettext("from %(starts)s to %(ends)s")
            % {"starts": formats.date_format(starts, "DATE_FORMAT"), "ends": formats.date_format(ends, "DATE_FORMAT")}
        )
    elif ends:
        parts.append(formats.date_format(ends, "DATE_FORMAT"))
    source, record_id = sources.of(certificate)
    if source is not None:
        parts += source.details(record_id)  # in the block's language: `block` holds it
    return ", ".join(parts)


def block(certificate, language):
    """The certificate's text in one language."""
    gender = certificate.holder_gender if certificate.holder_gender in ("female", "male") else ""
    with translation.override(language):
        return Block(
            language=language,
            office_name=getattr(certificate, f"office_name_{language}", "") or certificate.office_name_ru,
            heading=str(HEADINGS.get(certificate.kind, DEFAULT_HEADING)),
            certifies=str(CERTIFIES[gender]),
            what=str(WHAT[(certificate.kind, gender)]),
            title=certificate.text_in("title", language),
            details=_details(certificate),
            signatory_title=certificate.text_in("signatory_title", language),
            issued=gettext("Issued on %(date)s") % {"date": formats.date_format(certificate.issued_on, "DATE_FORMAT")},
        )


def once(blocks, name):
    """[(language, text)] of one line across the blocks, each distinct text once, in the layout's order."""
    seen, lines = set(), []
    for each in blocks:
        text = getattr(each, name)
        if text and text not in seen:
            seen.add(text)
            lines.append((each.language, text))
    return lines


def wording(certificate):
    """Everything the certificate template prints besides the holder's name, serial and code."""
    blocks = [block(certificate, language) for language in Layout.languages(certificate.layout)]
    return {
        "blocks": blocks,
        "office_names": once(blocks, "office_name"),
        "headings": once(blocks, "heading"),
        "signatory_titles": once(blocks, "signatory_title"),
        "issued": once(blocks, "issued"),
    }
