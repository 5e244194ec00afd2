"""Demo signatories: who signs each office's certificates.

The certificates themselves are issued by the demo of what they certify (`qualification.demo`), through
the issuing service, so that this app's demo needs nothing above the offices.
"""

from certificates.models import CertificateSettings
from schools.models import DistrictOffice

# office: (signatory, title in the office's language, title in Russian, default layout)
SIGNATORIES = {
    "АБ": (
        "Э. К. Токтосунов",
        "Ала-Бука районунун билим берүү бөлүмүнүн башчысы",
        "Заведующий Ала-Букинским районным отделом образования",
        "ky+ru",
    ),
    "ҚО": (
        "Г. С. Тәжібаева",
        "Қызылорда қалалық білім бөлімінің басшысы",
        "Руководитель городского отдела образования Кызылорды",
        "kk+ru",
    ),
}


def seed_certificates():
    """Gives each demo office its signatory once; later edits on the settings page are left alone."""
    for code, (name, title, title_ru, layout) in SIGNATORIES.items():
        office = DistrictOffice.objects.filter(code=code).first()
        if office is None:
            continue
        CertificateSettings.objects.get_or_create(
            office=office,
            defaults={
                "signatory_name": name,
                "signatory_title": title,
                "signatory_title_ru": title_ru,
                "default_layout": layout,
            },
        )
    return {"certificate signatories": CertificateSettings.objects.filter(office__code__in=SIGNATORIES).count()}
