"""Demo certificates: each office's signatory, and certificates for the demo teacher and part of the 2023 cohort."""

from certificates.models import Certificate, CertificateSettings
from qualification.certificates import issue_for_records
from qualification.models import CourseRecord, RecordState
from schools.models import DistrictOffice, User

SIGNATORIES = {
    "АБ": (
        "Э. К. Токтосунов",
        {
            "signatory_title": "Ала-Бука районунун билим берүү бөлүмүнүн башчысы",
            "signatory_title_ru": "Заведующий Ала-Букинским районным отделом образования",
        },
        "ky+ru",
    ),
    "ҚО": (
        "Г. С. Тәжібаева",
        {
            "signatory_title": "Қызылорда қалалық білім бөлімінің басшысы",
            "signatory_title_ru": "Руководитель городского отдела образования Кызылорды",
        },
        "kk+ru",
    ),
}


def seed_certificates():
    for code, (name, titles, layout) in SIGNATORIES.items():
        office = DistrictOffice.objects.filter(code=code).first()
        if office is None:
            continue
        CertificateSettings.objects.get_or_create(
            office=office, defaults={"signatory_name": name, **titles, "default_layout": layout}
        )
    methodist = User.objects.filter(username="methodist").first()
    if methodist is not None and not Certificate.objects.filter(office__code="АБ").exists():
        _issue_demo_certificates(methodist)
    return {"certificates": Certificate.objects.count()}


def _issue_demo_certificates(methodist):
    confirmed = CourseRecord.objects.filter(state=RecordState.CONFIRMED, staff_member__school__office__code="АБ")
    teacher_records = confirmed.filter(staff_member__user__username="teacher")
    cohort_records = confirmed.filter(course__title="Компьютердик сабаттуулук").order_by("pk")[:12]
    record_ids = list(teacher_records.values_list("pk", flat=True)) + list(cohort_records.values_list("pk", flat=True))
    if record_ids:
        issue_for_records(record_ids=record_ids, layout=None, by=methodist)
