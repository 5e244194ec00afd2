"""Demo signatories: who signs each office's certificates, in the office's languages.

The certificates themselves are issued by the demo of what they certify (`qualification.demo`), through
the certificates' issuing service, so that this app's demo needs no app above the offices.
"""

from certificates.models import CertificateSettings
from schools.demo.names import Said
from schools.models import DistrictOffice

# office: (signatory, title, default layout); the title in the office's language and in Russian.
SIGNATORIES = {
    "АБ": (
        "Э. К. Токтосунов",
        Said(
            ky="Ала-Бука районунун билим берүү бөлүмүнүн башчысы",
            kk="",
            ru="Заведующий Ала-Букинским районным отделом образования",
        ),
        "ky+ru",
    ),
    "ҚО": (
        "Г. С. Тәжібаева",
        Said(
            ky="",
            kk="Қызылорда қалалық білім бөлімінің басшысы",
            ru="Руководитель городского отдела образования Кызылорды",
        ),
        "kk+ru",
    ),
}


def seed_certificates():
    """Gives each demo office its signatory once; later edits on the settings page are left alone."""
    for code, (name, title, layout) in SIGNATORIES.items():
        office = DistrictOffice.objects.filter(code=code).first()
        if office is None:
            continue
        CertificateSettings.objects.get_or_create(
            office=office,
            defaults={
                "signatory_name": name,
                "signatory_title": title.ky or title.kk,
                "signatory_title_ru": title.ru,
                "default_layout": layout,
            },
        )
    return {"certificate signatories": CertificateSettings.objects.filter(office__code__in=SIGNATORIES).count()}
