"""Writes the offices, schools, staff and accounts; every row is looked up by its natural key first."""

import random

from django.db import transaction

from core.scoping import Role
from schools.demo.accounts import DEMO_LOGINS, METHODISTS, ROLES, STAFF_LOGINS, demo_user
from schools.demo.places import ALA_BUKA, ALA_BUKA_SUPPORT_SCHOOLS, KYZYLORDA, SUPPORT_ORDER, school_plans
from schools.demo.staff import KNOWN_STAFF, LANGUAGE_SUBJECTS, plan_school_staff, with_known_staff
from schools.models import DistrictOffice, School, StaffMember, Subject, User

OFFICES = [ALA_BUKA, KYZYLORDA]


def _school(office, plan):
    is_support = office.code == ALA_BUKA["code"] and plan.number in ALA_BUKA_SUPPORT_SCHOOLS
    defaults = {
        "name": plan.name,
        "kind": plan.kind,
        "settlement": plan.settlement,
        "instruction_language": plan.language,
        "is_support_school": is_support,
        "support_order_number": SUPPORT_ORDER[0] if is_support else "",
        "support_order_date": SUPPORT_ORDER[1] if is_support else None,
    }
    if plan.number is None:  # a kindergarten: its name is its key
        return School.objects.update_or_create(office=office, number=None, name=plan.name, defaults=defaults)[0]
    return School.objects.update_or_create(office=office, number=plan.number, defaults=defaults)[0]


def _seed_office(rng, spec, subject_ids):
    office, _ = DistrictOffice.objects.update_or_create(code=spec["code"], defaults=spec)
    existing = set(
        StaffMember.objects.filter(school__office=office).values_list(
            "school_id", "surname", "given_name", "patronymic", "hire_date"
        )
    )
    new_staff, new_subjects = [], []
    for plan in school_plans(office.code):
        school = _school(office, plan)
        staff = plan_school_staff(rng, office.country, plan)
        staff = with_known_staff(staff, KNOWN_STAFF.get((office.code, plan.number), []))
        preferred_language = plan.language if plan.language in LANGUAGE_SUBJECTS else ""
        for person in staff:
            if (school.pk, *person.key) in existing:
                continue
            new_staff.append(
                StaffMember(
                    school=school,
                    surname=person.surname,
                    given_name=person.given_name,
                    patronymic=person.patronymic,
                    gender=person.gender,
                    position=person.position,
                    hire_date=person.hire_date,
                    is_active=person.is_active,
                    email=person.email,
                    phone=person.phone,
                    preferred_language=preferred_language,
                )
            )
            new_subjects.append(person.subjects)

    StaffMember.objects.bulk_create(new_staff)
    Through = StaffMember.subjects.through
    Through.objects.bulk_create(
        Through(staffmember_id=member.pk, subject_id=subject_ids[subject_code])
        for member, codes in zip(new_staff, new_subjects, strict=True)
        for subject_code in codes
    )
    return office


def _known_staff_member(office_code, school_number, position):
    person = next(p for p in KNOWN_STAFF[office_code, school_number] if p.position == position)
    surname, given_name, patronymic, hire_date = person.key
    return StaffMember.objects.get(
        school__office__code=office_code,
        school__number=school_number,
        surname=surname,
        given_name=given_name,
        patronymic=patronymic,
        hire_date=hire_date,
    )


def _seed_accounts(offices):
    for username, office_code, first_name, last_name, language in METHODISTS:
        office = offices[office_code]
        names = {"first_name": first_name, "last_name": last_name}
        demo_user(username, role=Role.METHODIST, office=office, language=language, **names)
    for username, office_code, number, position, language, email in STAFF_LOGINS:
        person = _known_staff_member(office_code, number, position)
        fields = {"role": ROLES[position], "language": language}
        if ROLES[position] == Role.DIRECTOR:
            fields["school"] = person.school
        if email:
            fields["email"] = email
        demo_user(username, person, **fields)
    demo_user("admin", is_superuser=True, is_staff=True, first_name="Ustat", last_name="Admin")


@transaction.atomic
def seed_schools():
    """Creates the demo offices, schools, staff and accounts that do not exist yet; returns totals."""
    rng = random.Random(2020)
    subject_ids = dict(Subject.objects.values_list("code", "pk"))
    offices = {spec["code"]: _seed_office(rng, spec, subject_ids) for spec in OFFICES}
    _seed_accounts(offices)
    return {
        "offices": len(offices),
        "schools": School.objects.filter(office__in=offices.values()).count(),
        "staff members": StaffMember.objects.filter(school__office__in=offices.values()).count(),
        "demo users": User.objects.filter(username__in=[username for username, _ in DEMO_LOGINS]).count(),
    }
