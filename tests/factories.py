"""Small factories in code: each makes one valid object and takes overrides as keyword arguments."""

import itertools
from datetime import date

from core.scoping import Role
from schools.models import DistrictOffice, School, StaffMember, Subject, User

_sequence = itertools.count(1)


def make_office(**fields):
    number = next(_sequence)
    defaults = {
        "name_ky": f"Ала-Бука районунун билим берүү бөлүмү {number}",
        "name_kk": f"Ала-Бука аудандық білім бөлімі {number}",
        "name_ru": f"Ала-Букинский районный отдел образования {number}",
        "region": "Жалал-Абад",
        "country": "KG",
        "code": f"О{number}",
    }
    return DistrictOffice.objects.create(**{**defaults, **fields})


def make_school(office=None, **fields):
    number = next(_sequence)
    defaults = {"number": number, "name": f"№{number} орто мектеби", "instruction_language": "ky"}
    return School.objects.create(office=office or make_office(), **{**defaults, **fields})


def make_staff(school=None, subjects=(), **fields):
    defaults = {
        "surname": "Бусурманкулова",
        "given_name": "Жаныл",
        "patronymic": "Абдимуталиповна",
        "position": "subject_teacher",
        "hire_date": date(2010, 9, 1),
    }
    staff_member = StaffMember.objects.create(school=school or make_school(), **{**defaults, **fields})
    if subjects:
        staff_member.subjects.set(subjects)
    return staff_member


def make_subject(code="mathematics"):
    return Subject.objects.get(code=code)


def make_user(role="", office=None, school=None, staff_member=None, **fields):
    username = fields.pop("username", f"user{next(_sequence)}")
    user = User.objects.create_user(
        username=username, password="correct-horse-battery", role=role, office=office, school=school, **fields
    )
    if staff_member is not None:
        staff_member.user = user
        staff_member.save(update_fields=["user"])
    return user


def make_methodist(office, **fields):
    return make_user(Role.METHODIST, office=office, **fields)


def make_director(school, **fields):
    return make_user(Role.DIRECTOR, school=school, **fields)


def make_teacher(staff_member, **fields):
    return make_user(Role.TEACHER, staff_member=staff_member, **fields)


def make_provider(office, **fields):
    from qualification.models import Provider

    defaults = {"name": f"«Өсүү академиясы» {next(_sequence)}", "kind": "training_centre"}
    return Provider.objects.create(office=office, **{**defaults, **fields})


def make_course(office, **fields):
    from qualification.models import Course

    defaults = {
        "title": "Компьютердик сабаттуулук",
        "kind": "upgrade",
        "hours": 72,
        "language": "ky",
        "starts_on": date(2015, 1, 1),
    }
    provider = fields.pop("provider", None) or make_provider(office)
    return Course.objects.create(office=office, provider=provider, **{**defaults, **fields})


def make_record(staff_member, course=None, refresh=True, **fields):
    """A confirmed course record; the person's renewal standing is refreshed as the app's services do."""
    from qualification.models import CourseRecord
    from qualification.renewal import refresh_renewal

    course = course or make_course(staff_member.school.office)
    defaults = {"hours": course.hours, "completed_on": date(2023, 1, 14), "state": "confirmed"}
    record = CourseRecord.objects.create(staff_member=staff_member, course=course, **{**defaults, **fields})
    if refresh:
        refresh_renewal([staff_member.pk])
    return record


def make_certificate_settings(office, **fields):
    from certificates.models import CertificateSettings

    defaults = {"signatory_name": "Ж. Бусурманкулова", "signatory_title": "Бөлүм башчысы", "default_layout": "ky+ru"}
    return CertificateSettings.objects.create(office=office, **{**defaults, **fields})
