"""Demo data for Ala-Buka's mentor–mentee school (seed 000).

The four tracks with a responsible methodist; the 52 mentors approved for two years by order No. 18 of
24 February 2020 and their first mentees; the district hearing of 3 March 2020 at school No. 2 and the
rest of that year's plan (partly carried out: the spring of 2020 closed the schools); today's cohort,
reappointed for the two academic years around today, with about 70 pairs (young specialists first) and
the mentors' logs of meetings and lesson visits; last year's plan, carried out, and this year's, done up
to today. The demo teacher is the mentee of a mentor who has the demo login "mentor".

Draws come from one fixed random seed and people are picked by their natural order, so every machine gets
the same programme. Tracks and the settings are looked up by their natural keys; an office that has
appointments already gets nothing more, so running the seeding again changes nothing.
"""

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import partial
from zoneinfo import ZoneInfo

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from core.academic import academic_year_of
from core.scoping import Role
from mentorship.models import (
    Activity,
    ActivityKind,
    MentorAppointment,
    MentorshipSettings,
    Pair,
    PairState,
    PlanItem,
    PlanItemState,
    Track,
    WorkPlan,
    two_years_later,
)
from schools.demo import DEMO_PASSWORD
from schools.models import DistrictOffice, Position, School, StaffMember, User

OFFICE_CODE = "АБ"
MENTOR_LOGIN = "mentor"
FIRST_ORDER = ("№18", date(2020, 2, 24))
HEARING_DAY = date(2020, 3, 3)
HEARING_SCHOOL = 2
SUPPORT_SCHOOLS = (2, 9, 27)

NATURAL = {"mathematics", "algebra", "geometry", "physics", "chemistry", "biology", "geography", "informatics"}
HUMANITIES = {
    "kyrgyz-language",
    "kyrgyz-literature",
    "russian-language",
    "russian-literature",
    "english",
    "history",
    "social-studies",
}


@dataclass(frozen=True)
class TrackPlan:
    code: str
    name_ky: str
    name_kk: str
    name_ru: str
    mentors: int  # of the 52
    subjects: frozenset
    positions: tuple
    goals: tuple


TRACKS = [
    TrackPlan(
        "natural",
        "Табигый жана так предметтер",
        "Жаратылыстану-математикалық пәндер",
        "Естественные и точные предметы",
        16,
        frozenset(NATURAL),
        (Position.SUBJECT_TEACHER, Position.DEPUTY_DIRECTOR, Position.DIRECTOR),
        (
            "Лабораториялык шарты жок мектепте лабораториялык-практикалык иштерди уюштуруу",
            "ЖРТдагы суроолор менен иштөө, окуучуларды ЖРТга даярдоо",
            "Олимпиадалык маселелерди чыгаруунун усулдары",
            "Сабакты пландаштыруу жана калыптандыруучу баалоо",
        ),
    ),
    TrackPlan(
        "humanities",
        "Гуманитардык предметтер",
        "Гуманитарлық пәндер",
        "Гуманитарные предметы",
        16,
        frozenset(HUMANITIES),
        (Position.SUBJECT_TEACHER, Position.DEPUTY_DIRECTOR, Position.DIRECTOR),
        (
            "Окуучулардын окуу сабаттуулугун өнүктүрүү",
            "Көркөм текст менен иштөөнүн интерактивдүү ыкмалары",
            "Сабакта окуучулардын оозеки кебин өстүрүү",
            "Сабакты пландаштыруу жана калыптандыруучу баалоо",
        ),
    ),
    TrackPlan(
        "technology-primary",
        "Технология жана башталгыч класстар",
        "Технология және бастауыш сыныптар",
        "Технология и начальные классы",
        12,
        frozenset({"primary-classes", "technology"}),
        (Position.PRIMARY_TEACHER, Position.SUBJECT_TEACHER),
        (
            "Окуучулардын окуу техникасын жана кол жазмасын жакшыртуу",
            "Башталгыч класстарда класс менен иштөө, тартип",
            "Технология сабагында долбоорлор менен иштөө",
        ),
    ),
    TrackPlan(
        "preschool",
        "Мектепке чейинки даярдык",
        "Мектепке дейінгі даярлық",
        "Дошкольная подготовка",
        8,
        frozenset({"preschool"}),
        (Position.PRESCHOOL_EDUCATOR,),
        (
            "480 сааттык мектепке даярдоо программасы боюнча иштөө",
            "Оюн аркылуу баланын кебин өнүктүрүү",
            "Ата-энелер менен иштөө",
        ),
    ),
]

ACHIEVEMENTS = [
    "Окуучулары райондук предметтик олимпиаданын жеңүүчүлөрү",
    "«Мыкты мугалим» райондук сынагынын жеңүүчүсү",
    "Кыргыз Республикасынын Билим берүү жана илим министрлигинин Ардак грамотасы",
    "«Жылдын мугалими» облустук сынагынын катышуучусу",
    "Авторлук усулдук колдонмосу райондун мектептеринде колдонулат",
    "Райондук усулдук бирикменин жетекчиси",
    "Ачык сабактары райондук семинарларда көрсөтүлгөн",
    "«Билим берүүнүн мыкты кызматкери» төш белгиси",
]
STOP_REASONS = [
    "Шакирт башка райондогу мектепке которулду.",
    "Шакирт декреттик өргүүгө чыкты.",
    "Насаатчы ден соолугуна байланыштуу иштей албай калды.",
]


# ---------------------------------------------------------------------------------------------------------
# Activities and plan items: (month, day, hour, kind, topic, host school number or None, track code or None)
# ---------------------------------------------------------------------------------------------------------

FIRST_YEAR_ACTIVITIES = [
    (10, 15, 10, ActivityKind.ROUND_TABLE, "Жаш адистердин кесиптик такшалуусу: көйгөйлөр жана жолдор", 1, None),
    (
        11,
        12,
        10,
        ActivityKind.SEMINAR,
        "Лабораториялык шарты жок мектептерде лабораториялык-практикалык иштерди алып баруунун жолдору",
        9,
        "natural",
    ),
    (12, 5, 9, ActivityKind.OPEN_DOOR_DAY, "Таяныч мектептин насаатчыларынын ачык сабактары", 9, None),
    (1, 22, 14, ActivityKind.CONSULTATION, "Мектепке чейинки даярдыктын 480 сааттык программасы", None, "preschool"),
    (2, 13, 10, ActivityKind.DEBATE, "Сапаттуу сабак деген эмне?", 27, "humanities"),
    (2, 26, 10, ActivityKind.OPEN_LESSON, "Башталгыч класста окуу техникасын өстүрүү", 2, "technology-primary"),
    (8, 20, 10, ActivityKind.SEMINAR, "«Өз ара сабакка катышуу» көргөзмөсү: август кеңешмеси", None, None),
]
HEARING_TOPIC = "«Устат–шакирт» мектебинин насаатчыларынын райондук угуусу"
FIRST_YEAR_UNDONE = [
    (
        4,
        "Таяныч мектептин ачык эшиктер күнү (№27 мектеп)",
        PlanItemState.CANCELLED,
        "Карантинге байланыштуу мектептер жабылды.",
    ),
    (
        5,
        "Окуу жылынын жыйынтыгы боюнча тегерек стол",
        PlanItemState.POSTPONED,
        "Карантинге байланыштуу август кеңешмесине жылдырылды.",
    ),
]

CURRENT_YEAR_ACTIVITIES = [
    (9, 18, 10, ActivityKind.HEARING, "Насаатчылардын тажрыйбасы жана жылдык иш план", 2, None),
    (10, 9, 10, ActivityKind.SEMINAR, "ЖРТга даярдоо: химия жана биология боюнча суроолор менен иштөө", 9, "natural"),
    (10, 23, 14, ActivityKind.ROUND_TABLE, "Окуучулардын окуу сабаттуулугу", 1, "humanities"),
    (11, 13, 9, ActivityKind.OPEN_DOOR_DAY, "Таяныч мектептин насаатчыларынын сабактары", 2, None),
    (12, 4, 10, ActivityKind.CONSULTATION, "Калыптандыруучу баалоо: суроолор жана жооптор", None, None),
    (1, 22, 10, ActivityKind.DEBATE, "Санариптик ресурстар сабакта: пайдасы жана коркунучу", 10, "natural"),
    (2, 19, 9, ActivityKind.OPEN_DOOR_DAY, "Башталгыч класстардын насаатчылары", 27, "technology-primary"),
    (3, 4, 10, ActivityKind.SEMINAR, "Оюн аркылуу өнүктүрүү: мектепке чейинки топтор", None, "preschool"),
    (4, 15, 9, ActivityKind.OPEN_DOOR_DAY, "Табигый илимдер лабораториясы", 9, "natural"),
    (5, 20, 10, ActivityKind.ROUND_TABLE, "Окуу жылынын жыйынтыгы: насаатчылардын отчету", 2, None),
]
# The year today's cohort was appointed: carried out in full.
PREVIOUS_YEAR_ACTIVITIES = [
    (9, 24, 10, ActivityKind.HEARING, "Жаңы курамдагы насаатчылар: милдеттер жана Жобо", 1, None),
    (11, 20, 10, ActivityKind.SEMINAR, "Генетикада маселе иштөөнүн усулдары", 10, "natural"),
    (12, 11, 9, ActivityKind.OPEN_DOOR_DAY, "Таяныч мектептин насаатчыларынын сабактары", 27, None),
    (2, 12, 14, ActivityKind.ROUND_TABLE, "Жаш адистердин биринчи жылы: эмнени үйрөндүк", 2, None),
    (3, 18, 10, ActivityKind.CONSULTATION, "Мектепке даярдоо тобундагы оюндар", None, "preschool"),
    (4, 22, 9, ActivityKind.OPEN_DOOR_DAY, "Башталгыч класстардын ачык сабактары", 9, "technology-primary"),
    (5, 27, 10, ActivityKind.ROUND_TABLE, "Окуу жылынын жыйынтыгы", None, None),
]
DESCRIPTIONS = {
    ActivityKind.HEARING: "Насаатчылардын иш тажрыйбасы угулат, жылдык иш план талкууланат.",
    ActivityKind.SEMINAR: "Усулдук семинар: тажрыйба алмашуу жана практикалык сабак.",
    ActivityKind.ROUND_TABLE: "Көйгөйлөрдү талкуулоо жана усулдук кабинетке сунуштар.",
    ActivityKind.DEBATE: "Диспут: ар түрдүү көз караштар жана далилдер.",
    ActivityKind.OPEN_LESSON: "Ачык сабак жана аны талкуулоо.",
    ActivityKind.OPEN_DOOR_DAY: "Насаатчылар ачык сабактарды өткөрөт; райондун бардык мугалимдери чакырылат.",
    ActivityKind.CONSULTATION: "Насаатчылардын суроолоруна жооптор, усулдук кеңеш.",
}

CURRENT_YEAR_UNDONE = [
    (
        12,
        "Жаш адистер үчүн «Менин биринчи ачык сабагым» сынагы",
        PlanItemState.POSTPONED,
        "Мектептердин кышкы каникулуна байланыштуу февралга жылдырылды.",
    ),
    (3, "Кошуна райондун насаатчылары менен тажрыйба алмашуу", PlanItemState.CANCELLED, "Каражат бөлүнгөн жок."),
]
LOG_TOPICS = {
    ActivityKind.CONSULTATION: [
        "Сабактын планын бирге түзүү",
        "Калыптандыруучу баалоонун ыкмалары",
        "Класс менен иштөө жана тартип",
        "Ата-энелер жыйынына даярдануу",
    ],
    ActivityKind.LESSON_VISIT: ["Шакирттин сабагына катышуу", "Насаатчынын сабагына бирге катышуу"],
    ActivityKind.OPEN_LESSON: ["Шакирттин ачык сабагы"],
}
LOG_OUTCOMES = [
    "Сабактын максаты так коюлган; убакытты бөлүштүрүүгө көңүл буруу керек.",
    "Топтук иштин ыкмалары колдонулду; кийинки жолу баалоо критерийлерин алдын ала айтуу.",
    "Окуучулардын катышуусу жакшы; үй тапшырмасын түшүндүрүүгө убакыт калбай калды.",
    "Кийинки жумада бирге пландаштыруу.",
]


def _sort_key(person):
    return (person.school.number or 999, person.school.name, person.surname, person.given_name, person.hire_date)


class _Seeder:
    def __init__(self, office, methodist):
        self.office = office
        self.methodist = methodist
        self.zone = ZoneInfo(office.time_zone)
        self.rng = random.Random(2020)
        self.today = timezone.localdate()
        self.year = academic_year_of(self.today)
        self.schools = {school.number: school for school in School.objects.filter(office=office)}
        staff = (
            StaffMember.objects.filter(school__office=office, is_active=True)
            .select_related("school", "user")
            .prefetch_related("subjects")
        )
        self.staff = sorted(staff, key=_sort_key)
        self.subjects = {person.pk: {subject.code for subject in person.subjects.all()} for person in self.staff}
        self.teacher = next(
            (person for person in self.staff if person.user and person.user.username == "teacher"), None
        )
        self.activities, self.participants = [], []

    def at(self, day, hour, minute=0):
        return datetime.combine(day, time(hour, minute), tzinfo=self.zone)

    def fits(self, person, plan):
        return person.position in plan.positions and bool(self.subjects[person.pk] & plan.subjects)

    # Tracks ----------------------------------------------------------------------------------------

    def seed_tracks(self):
        tracks = {}
        for order, plan in enumerate(TRACKS, start=1):
            tracks[plan.code], _ = Track.objects.get_or_create(
                office=self.office,
                code=plan.code,
                defaults={
                    "name_ky": plan.name_ky,
                    "name_kk": plan.name_kk,
                    "name_ru": plan.name_ru,
                    "order": order,
                    "responsible": self.methodist,
                },
            )
        return tracks

    # Mentors ---------------------------------------------------------------------------------------

    def choose_mentors(self):
        """52 experienced people, each under one track; school No. 2's first mathematician is the demo mentor."""
        taken = {self.teacher.pk} if self.teacher else set()
        chosen = {}
        demo_mentor = next(
            person
            for person in self.staff
            if person.school.number == 2
            and person.pk not in taken
            and person.hire_date.year <= 2012
            and self.fits(person, TRACKS[0])
        )
        for plan in TRACKS:
            pool = [
                person
                for person in self.staff
                if person.pk not in taken and person.hire_date.year <= 2013 and self.fits(person, plan)
            ]
            picked = [demo_mentor] if plan is TRACKS[0] else []
            pool = [person for person in pool if person not in picked]
            picked += self.rng.sample(pool, plan.mentors - len(picked))
            taken.update(person.pk for person in picked)
            chosen[plan.code] = sorted(picked, key=_sort_key)
        return chosen, demo_mentor

    def appointment(self, person, track, order, starts_on, ends_on):
        first_subject = next(iter(sorted(person.subjects.all(), key=lambda subject: subject.code)), None)
        years = person.years_since_hire(starts_on)
        what = first_subject.name_ky.lower() if first_subject else person.get_position_display().lower()
        return MentorAppointment(
            staff_member=person,
            track=track,
            order_number=order[0],
            order_date=order[1],
            starts_on=starts_on,
            ends_on=ends_on,
            biography=f"Педагогикалык стажы {years} жыл. {person.school.name}, {what}.",
            achievements="\n".join(self.rng.sample(ACHIEVEMENTS, 2)),
            created_by=self.methodist,
        )

    def seed_appointments(self, tracks, chosen, demo_mentor):
        first, current = [], []
        cohort_start = date(self.year - 1, 9, 1)
        current_order = ("№112", date(self.year - 1, 8, 28))
        # A few terms of the current cohort began a little earlier and end within the next weeks.
        ending_soon_end = self.today + timedelta(days=35)
        ending_soon_start = ending_soon_end.replace(year=ending_soon_end.year - 2) + timedelta(days=1)
        early_order = ("№204", ending_soon_start - timedelta(days=3))
        taken = {person.pk for people in chosen.values() for person in people} | {getattr(self.teacher, "pk", None)}
        for plan in TRACKS:
            track = tracks[plan.code]
            people = chosen[plan.code]
            for person in people:
                first.append(
                    self.appointment(person, track, FIRST_ORDER, FIRST_ORDER[1], two_years_later(FIRST_ORDER[1]))
                )
            # Most are reappointed; two of each track leave the programme and two new mentors take their place.
            leaving = [person for person in people if person != demo_mentor][-2:]
            newcomers = [
                person
                for person in self.staff
                if person.pk not in taken and person.hire_date.year <= 2015 and self.fits(person, plan)
            ][:2]
            taken.update(person.pk for person in newcomers)
            staying = [person for person in people if person not in leaving] + newcomers
            for index, person in enumerate(staying):
                if index % 12 == 5 and person != demo_mentor:
                    current.append(self.appointment(person, track, early_order, ending_soon_start, ending_soon_end))
                else:
                    current.append(
                        self.appointment(person, track, current_order, cohort_start, two_years_later(cohort_start))
                    )
        MentorAppointment.objects.bulk_create(first + current)
        return first, current

    # Pairs -----------------------------------------------------------------------------------------

    def mentee_pool(self, plan, hired_before, hired_after, exclude):
        return [
            person
            for person in self.staff
            if person.pk not in exclude
            and hired_after <= person.hire_date <= hired_before
            and (
                self.subjects[person.pk] & plan.subjects
                or (plan.code == "technology-primary" and person.position == Position.PRIMARY_TEACHER)
            )
        ]

    def seed_pairs(self, tracks, first, current, demo_mentor):
        mentors = {appointment.staff_member_id for appointment in first + current}
        pairs = []
        # The 2020 cohort: about thirty pairs with the young specialists of the time, finished in 2022.
        used = set(mentors)
        for appointment in first[::2]:
            plan = next(plan for plan in TRACKS if plan.code == appointment.track.code)
            pool = self.mentee_pool(plan, date(2019, 9, 1), date(2016, 9, 1), used)
            if not pool:
                continue
            mentee = self.rng.choice(pool)
            used.add(mentee.pk)
            stopped = len(pairs) % 11 == 4
            pairs.append(
                Pair(
                    appointment=appointment,
                    mentee=mentee,
                    track=appointment.track,
                    starts_on=date(2020, 3, 10),
                    ends_on=appointment.ends_on,
                    goals=self.rng.choice(plan.goals),
                    state=PairState.STOPPED if stopped else PairState.FINISHED,
                    closed_on=date(2021, 1, 15) if stopped else appointment.ends_on,
                    stop_reason=STOP_REASONS[len(pairs) % len(STOP_REASONS)] if stopped else "",
                    created_by=self.methodist,
                )
            )
        # Today's cohort: young specialists first, then teachers hired within the last ten years.
        used = set(mentors)
        current_pairs = []
        for index, appointment in enumerate(current):
            plan = next(plan for plan in TRACKS if plan.code == appointment.track.code)
            wanted = 1 + (index % 3 == 0) + (index % 10 == 0)
            mentees = []
            if appointment.staff_member_id == demo_mentor.pk and self.teacher:
                mentees.append(self.teacher)
                used.add(self.teacher.pk)
            for hired_after in (self.today.replace(year=self.today.year - 3), date(self.today.year - 10, 9, 1)):
                pool = self.mentee_pool(plan, self.today, hired_after, used)
                while len(mentees) < wanted and pool:
                    mentee = pool.pop(self.rng.randrange(len(pool)))
                    mentees.append(mentee)
                    used.add(mentee.pk)
            for mentee in mentees:
                starts_on = max(appointment.starts_on + timedelta(days=14), mentee.hire_date + timedelta(days=14))
                if starts_on > self.today:
                    continue
                current_pairs.append(
                    Pair(
                        appointment=appointment,
                        mentee=mentee,
                        track=appointment.track,
                        starts_on=starts_on,
                        ends_on=appointment.ends_on,
                        goals=self.rng.choice(plan.goals),
                        created_by=self.methodist,
                    )
                )
        Pair.objects.bulk_create(pairs + current_pairs)
        return pairs, current_pairs

    # Activities and plans ----------------------------------------------------------------------------

    def add_activity(self, kind, topic, starts_at, host_school, track, people, **fields):
        activity = Activity(
            office=self.office,
            kind=kind,
            topic=topic,
            starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=1 if fields.get("pair") else 3),
            host_school=host_school,
            track=track,
            is_announced=kind == ActivityKind.OPEN_DOOR_DAY,
            recorded_by=self.methodist,
            **fields,
        )
        self.activities.append(activity)
        self.participants.append([person.pk for person in people])
        return activity

    def year_day(self, year, month, day):
        return date(year if month >= 9 else year + 1, month, day)

    def seed_year(self, year, activities, undone, tracks, mentors_by_track, hearing=None, note=""):
        plan, _ = WorkPlan.objects.get_or_create(office=self.office, academic_year=year, defaults={"note": note})
        items = []
        for month, day, hour, kind, topic, school_number, track_code in activities:
            held_on = self.year_day(year, month, day)
            track = tracks.get(track_code)
            item = PlanItem(
                plan=plan,
                what=topic,
                planned_month=held_on.replace(day=1),
                planned_on=held_on if kind == ActivityKind.OPEN_DOOR_DAY else None,
                responsible="Усулдук кабинет" if track is None else f"{track.name_ky} багытынын жооптуусу",
                track=track,
                state=PlanItemState.DONE if held_on < self.today else PlanItemState.PLANNED,
            )
            items.append((item, kind, topic, self.at(held_on, hour), school_number, track, held_on))
        for month, what, state, reason in undone:
            items.append(
                (
                    PlanItem(
                        plan=plan,
                        what=what,
                        planned_month=self.year_day(year, month, 1),
                        responsible="Усулдук кабинет",
                        state=state,
                        state_reason=reason,
                    ),
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                )
            )
        if hearing:
            items.append(hearing(plan))
        PlanItem.objects.bulk_create([entry[0] for entry in items])
        for item, kind, topic, starts_at, school_number, track, held_on in items:
            if kind is None:
                continue
            if held_on < self.today or kind == ActivityKind.OPEN_DOOR_DAY:
                people = mentors_by_track.get(track.code if track else None, [])
                sample = people if kind == ActivityKind.HEARING else self.rng.sample(people, min(len(people), 8))
                self.add_activity(
                    kind,
                    topic,
                    starts_at,
                    self.schools.get(school_number) if school_number else None,
                    track,
                    sample,
                    plan_item=item if held_on < self.today else None,
                    description=DESCRIPTIONS.get(kind, ""),
                    outcome="Катышуучулар тажрыйба алмашты; сунуштар усулдук кабинетке берилди."
                    if held_on < self.today
                    else "",
                )
        return plan

    def seed_activities(self, tracks, first, current, current_pairs):
        def mentors_by_track(appointments):
            grouped = {None: [appointment.staff_member for appointment in appointments]}
            for appointment in appointments:
                grouped.setdefault(appointment.track.code, []).append(appointment.staff_member)
            return grouped

        first_mentors = mentors_by_track(first)

        def hearing(plan):
            item = PlanItem(
                plan=plan,
                what=HEARING_TOPIC,
                planned_month=HEARING_DAY.replace(day=1),
                planned_on=HEARING_DAY,
                responsible="Ө. Таалайгүл, башкы адис",
                state=PlanItemState.DONE,
            )
            return (
                item,
                ActivityKind.HEARING,
                HEARING_TOPIC,
                self.at(HEARING_DAY, 10),
                HEARING_SCHOOL,
                None,
                HEARING_DAY,
            )

        self.seed_year(
            2019,
            FIRST_YEAR_ACTIVITIES,
            FIRST_YEAR_UNDONE,
            tracks,
            first_mentors,
            hearing=hearing,
            note="«Устат–шакирт» мектебинин Жобосу, райондук билим берүү бөлүмүнүн буйругу №18, 24.02.2020",
        )
        self.seed_year(
            self.year - 1,
            PREVIOUS_YEAR_ACTIVITIES,
            [],
            tracks,
            mentors_by_track(current),
            note=f"Насаатчылардын угуусунда талкууланды, {self.year - 1}-жылдын сентябры",
        )
        self.seed_year(
            self.year,
            CURRENT_YEAR_ACTIVITIES,
            CURRENT_YEAR_UNDONE,
            tracks,
            mentors_by_track(current),
            note=f"Насаатчылардын угуусунда талкууланды, {self.year}-жылдын сентябры",
        )
        # The mentors' own logs: a meeting or a lesson visit with each mentee about once a month.
        for pair in current_pairs:
            day = pair.starts_on + timedelta(days=self.rng.randint(3, 12))
            while day < self.today - timedelta(days=1):
                kind = self.rng.choice(
                    [ActivityKind.CONSULTATION, ActivityKind.CONSULTATION, ActivityKind.LESSON_VISIT]
                    + [ActivityKind.OPEN_LESSON] * (day.month in (3, 4))
                )
                if day.month not in (6, 7, 8) and day.weekday() < 5:
                    self.add_activity(
                        kind,
                        self.rng.choice(LOG_TOPICS[kind]),
                        self.at(day, self.rng.choice([9, 11, 14])),
                        pair.mentee.school,
                        pair.track,
                        [pair.appointment.staff_member, pair.mentee],
                        pair=pair,
                        outcome=self.rng.choice(LOG_OUTCOMES),
                    )
                day += timedelta(days=self.rng.randint(30, 60))
        Activity.objects.bulk_create(self.activities)
        Through = Activity.participants.through
        Through.objects.bulk_create(
            Through(activity_id=activity.pk, staffmember_id=person_id)
            for activity, people in zip(self.activities, self.participants, strict=True)
            for person_id in dict.fromkeys(people)
        )

    def seed(self):
        MentorshipSettings.objects.get_or_create(office=self.office)  # the calendar feed has its address
        tracks = self.seed_tracks()
        if MentorAppointment.objects.filter(track__office=self.office).exists():
            return
        chosen, demo_mentor = self.choose_mentors()
        first, current = self.seed_appointments(tracks, chosen, demo_mentor)
        _pairs, current_pairs = self.seed_pairs(tracks, first, current, demo_mentor)
        self.seed_activities(tracks, first, current, current_pairs)
        _mentor_login(demo_mentor)


def _mentor_login(person):
    """The demo login of the demo teacher's mentor; created once, its password left alone afterwards."""
    user, _created = User.objects.get_or_create(
        username=MENTOR_LOGIN,
        defaults={
            "password": partial(make_password, DEMO_PASSWORD),
            "role": Role.TEACHER,
            "first_name": person.given_name,
            "last_name": person.surname,
            "language": "ky",
        },
    )
    if person.user_id is None and not StaffMember.objects.filter(user=user).exists():
        person.user = user
        person.save(update_fields=["user"])


@transaction.atomic
def seed_mentorship():
    office = DistrictOffice.objects.filter(code=OFFICE_CODE).first()
    if office is not None:
        methodist = User.objects.filter(username="methodist").first()
        _Seeder(office, methodist).seed()
    appointments = MentorAppointment.objects.filter(track__office__code=OFFICE_CODE)
    today = timezone.localdate()
    return {
        "mentorship tracks": Track.objects.filter(office__code=OFFICE_CODE).count(),
        "mentors today": appointments.holding(today).values("staff_member").distinct().count(),
        "mentor appointments": appointments.count(),
        "mentor–mentee pairs": Pair.objects.filter(track__office__code=OFFICE_CODE).count(),
        "mentorship activities": Activity.objects.filter(office__code=OFFICE_CODE).count(),
    }
