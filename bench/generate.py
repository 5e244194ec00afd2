"""Reproducible data at a given scale: offices, schools, staff and course records, from one random seed."""

import random
from datetime import date, timedelta

from django.db import connection, transaction

from core.scoping import Role
from qualification.models import Course, CourseRecord, Provider, RecordState
from qualification.renewal import refresh_renewal
from schools.models import DistrictOffice, School, StaffMember, Subject, User

SCALES = {
    # name: (offices, schools per office, staff, course records)
    "school": (1, 1, 100, 1_000),
    "district": (1, 50, 5_000, 50_000),
    # Sixteen offices the size of the district one: a director's or methodist's page shows the same rows at
    # both scales, so country ÷ district is what the larger database alone costs.
    "country": (16, 50, 80_000, 1_000_000),
}
MENTORS_PER_OFFICE = 50
COUNCILS_PER_OFFICE = 30
MEETINGS_PER_COUNCIL = 6
DECISIONS_PER_MEETING = 3
SURNAMES = [
    "Асанов",
    "Өмүрова",
    "Токтогулов",
    "Жумабекова",
    "Бусурманкулова",
    "Сыдыков",
    "Мамбетова",
    "Ташиев",
    "Абдыкадыров",
    "Нурланова",
    "Курманбеков",
    "Эшматова",
    "Жолдошев",
    "Үсөнова",
    "Бактыбеков",
    "Кадырова",
]
GIVEN = ["Бакыт", "Айгүл", "Нурбек", "Жаныл", "Асель", "Эрлан", "Гүлнара", "Талант", "Чынара", "Мирлан", "Айжан"]
PATRONYMICS = ["Жумабекович", "Токтосуновна", "Кубанычбекович", "Абдимуталиповна", "Садыкович", "Асановна"]


def generate(scale, seed=2026):
    offices, schools_per_office, staff_total, record_total = SCALES[scale]
    rng = random.Random(seed)
    today = date.today()
    with transaction.atomic():
        subjects = list(Subject.objects.all())
        school_ids = []
        for office_number in range(offices):
            office = DistrictOffice.objects.create(
                name_ky=f"Бенч районунун билим берүү бөлүмү {office_number}",
                name_kk=f"Бенч аудандық білім бөлімі {office_number}",
                name_ru=f"Бенч районный отдел образования {office_number}",
                region="Жалал-Абад",
                country="KG",
                code=f"Б{office_number}",
            )
            schools = School.objects.bulk_create(
                School(office=office, number=n + 1, name=f"№{n + 1} орто мектеби", instruction_language="ky")
                for n in range(schools_per_office)
            )
            school_ids += [school.pk for school in schools]
            provider = Provider.objects.create(office=office, name="«Өсүү академиясы»", kind="training_centre")
            Course.objects.bulk_create(
                Course(
                    office=office,
                    provider=provider,
                    title=f"Курс {n}",
                    hours=rng.choice([72, 72, 72, 36, 108]),
                    language="ky",
                    starts_on=date(2010, 1, 1),
                )
                for n in range(40)
            )
            User.objects.create_user(f"bench-methodist-{office_number}", role=Role.METHODIST, office=office)
        User.objects.create_user("bench-director", role=Role.DIRECTOR, school_id=school_ids[0])
        User.objects.create_superuser("bench-admin")

        staff = StaffMember.objects.bulk_create(
            (
                StaffMember(
                    school_id=school_ids[n % len(school_ids)],
                    surname=rng.choice(SURNAMES) + ("" if n % 7 else "а"),
                    given_name=rng.choice(GIVEN),
                    patronymic=rng.choice(PATRONYMICS),
                    position="subject_teacher",
                    hire_date=date(1985, 1, 1) + timedelta(days=rng.randrange(14_000)),
                )
                for n in range(staff_total)
            ),
            batch_size=2_000,
        )
        through = StaffMember.subjects.through
        through.objects.bulk_create(
            (through(staffmember_id=person.pk, subject_id=rng.choice(subjects).pk) for person in staff),
            batch_size=5_000,
        )
        course_ids = list(Course.objects.values_list("pk", "hours"))
        records = (
            CourseRecord(
                staff_member_id=staff[rng.randrange(staff_total)].pk,
                course_id=(course := rng.choice(course_ids))[0],
                hours=course[1],
                completed_on=today - timedelta(days=rng.randrange(1, 12 * 365)),
                state=RecordState.CONFIRMED,
            )
            for _ in range(record_total)
        )
        CourseRecord.objects.bulk_create(records, batch_size=5_000)
        mentors, decisions = _mentorship_and_councils(rng, today)
    refresh_renewal([person.pk for person in staff])
    with connection.cursor() as cursor:
        # Planner statistics for the fresh tables and, on PostgreSQL, their visibility map, as autovacuum would
        # leave them shortly after a bulk load; otherwise autovacuum does it while the pages are being measured.
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    return {
        "offices": offices,
        "schools": len(school_ids),
        "staff": staff_total,
        "records": record_total,
        "mentors": mentors,
        "council decisions": decisions,
    }


def _mentorship_and_councils(rng, today):
    """50 mentors with pairs and 30 school councils with meetings and decisions in every office."""
    from mentorship.models import MentorAppointment, Pair, Track
    from methodcouncil.models import AgendaItem, Council, Decision, Meeting

    mentors = decisions = 0
    academic_year = today.year if today.month >= 9 else today.year - 1
    for office in DistrictOffice.objects.filter(code__startswith="Б"):
        people = list(StaffMember.objects.filter(school__office=office).values_list("pk", "school_id")[:2_000])
        tracks = [
            Track.objects.create(
                office=office,
                code=f"track-{n}",
                order=n,
                name_ky=f"Багыт {n}",
                name_kk=f"Бағыт {n}",
                name_ru=f"Направление {n}",
            )
            for n in range(4)
        ]
        appointments = MentorAppointment.objects.bulk_create(
            MentorAppointment(
                staff_member_id=people[n][0],
                track=tracks[n % 4],
                order_number="18",
                order_date=today - timedelta(days=200),
                starts_on=today - timedelta(days=200),
                ends_on=today + timedelta(days=530),
            )
            for n in range(MENTORS_PER_OFFICE)
        )
        Pair.objects.bulk_create(
            Pair(
                appointment=appointment,
                mentee_id=people[MENTORS_PER_OFFICE + n][0],
                track=appointment.track,
                starts_on=today - timedelta(days=100),
                ends_on=appointment.ends_on,
            )
            for n, appointment in enumerate(appointments)
        )
        mentors += len(appointments)
        school_ids = sorted({school for _, school in people})[:COUNCILS_PER_OFFICE]
        for school_id in school_ids:
            council = Council.objects.create(
                office=office, school_id=school_id, academic_year=academic_year, name="Усулдук кеңеш"
            )
            staff_of_school = [pk for pk, school in people if school == school_id]
            for number in range(1, MEETINGS_PER_COUNCIL + 1):
                meeting = Meeting.objects.create(
                    council=council, number=number, date=date(academic_year, 9, 1) + timedelta(days=30 * (number - 1))
                )
                item = AgendaItem.objects.create(meeting=meeting, order=1, topic="Окуу жылынын планы")
                Decision.objects.bulk_create(
                    Decision(
                        agenda_item=item,
                        text="Токтом",
                        responsible_id=rng.choice(staff_of_school),
                        deadline=meeting.date + timedelta(days=rng.randrange(10, 120)),
                        state=rng.choice(["open", "open", "done"]),
                    )
                    for _ in range(DECISIONS_PER_MEETING)
                )
                decisions += DECISIONS_PER_MEETING
    return mentors, decisions
