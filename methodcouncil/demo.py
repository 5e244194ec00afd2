"""Demo data for the methodical councils: every demo school has a council for the current academic year
(2026–2027) and the previous one, with members, associations, an annual plan, numbered meetings with their
minutes in the school's language, decisions in every state, a few recommendations and considered documents.

The previous year's meetings are all signed. This year two meetings are signed, the November one is a draft
the secretary is still writing, and the January one is planned. The demo teacher is the secretary of school
No. 2's current council and answers for one of its decisions. Dates are fixed (like the schools' hire dates),
so the data never depends on when it is seeded; the "overdue" state is counted against today by the pages.
A school whose council for a year exists already gets nothing new for that year, so running again changes
nothing.
"""

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction

from core.academic import academic_year_label
from core.scoping import Role
from methodcouncil.models import (
    AgendaItem,
    Attendance,
    ConsideredDocument,
    Council,
    CouncilMember,
    CouncilPlanItem,
    CouncilRole,
    Decision,
    DecisionState,
    DocumentKind,
    Meeting,
    MeetingState,
    MethodicalAssociation,
    Recommendation,
    RecommendationKind,
    Speech,
)
from qualification.models import RenewalState
from qualification.renewal import with_renewal
from schools.models import Position, School, SchoolKind, StaffMember, User

CURRENT_YEAR = 2026
PREVIOUS_YEAR = CURRENT_YEAR - 1
DEMO_SECRETARY = "teacher"  # the demo teacher keeps the minutes of school No. 2 (Ala-Buka) this year

# ---------------------------------------------------------------------------------------------------------
# What the councils talk about, in each protocol language
# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemText:
    topic: str
    decision: str
    recommendation: str = ""  # a kind from RecommendationKind when the decision recommends someone


@dataclass(frozen=True)
class MeetingText:
    plan_topic: str
    items: tuple[ItemText, ...]


@dataclass(frozen=True)
class LanguagePack:
    council_name: str
    place: str
    heard: str  # "{topic}" is filled in
    speeches: tuple[str, ...]
    absence_reasons: tuple[str, ...]
    associations: tuple[str, ...]
    kindergarten_associations: tuple[str, ...]
    documents: tuple[tuple[str, str], ...]  # (title, kind); "{year}" is filled in
    award: str
    category: str
    follow_up: str  # a second decision some items get
    meetings: tuple[MeetingText, ...]


A, C, W = RecommendationKind.ATTESTATION, RecommendationKind.CATEGORY, RecommendationKind.AWARD

KYRGYZ = LanguagePack(
    council_name="Усулдук кеңеш",
    place="Мугалимдер бөлмөсү",
    heard="«{topic}» маселеси боюнча маалымат берди.",
    speeches=(
        "Сунушту колдоду.",
        "Усулдук бирикмелердин тажрыйбасын бөлүшүүнү сунуштады.",
        "Мөөнөттөрдү тактоону сунуштады.",
    ),
    absence_reasons=("Ооруп калган", "Курста", "Иш сапарында"),
    associations=("Табигый жана так предметтер", "Гуманитардык предметтер", "Башталгыч класстар"),
    kindergarten_associations=("Тарбиячылар",),
    documents=(
        ("Усулдук кеңеш жөнүндө жобо", DocumentKind.REGULATION),
        ("Мугалимдердин квалификациясын жогорулатууну уюштуруу жөнүндө жобо", DocumentKind.REGULATION),
        ("Усулдук кеңештин {year} окуу жылына иш планы", DocumentKind.PLAN),
        ("Жаш адистер менен иштөө программасы", DocumentKind.PROGRAMME),
    ),
    award="Билим берүү министрлигинин Ардак грамотасы",
    category="Биринчи категория",
    follow_up="Маселе боюнча маалымат усулдук бирикмелерге жеткирилсин.",
    meetings=(
        MeetingText(
            "Окуу жылынын иш планын бекитүү",
            (
                ItemText(
                    "Усулдук кеңештин окуу жылына карата иш планын талкуулоо жана бекитүү",
                    "Иш планы бекитилсин жана педагогикалык кеңешке сунушталсын.",
                ),
                ItemText("Усулдук бирикмелердин жетекчилерин бекитүү", "Усулдук бирикмелердин жетекчилери бекитилсин."),
                ItemText(
                    "Мугалимдердин квалификациясын жогорулатуу графигин түзүү",
                    "Курстардан өтүүчү мугалимдердин тизмеси түзүлсүн; категорияга талапкерлер сунушталсын.",
                    C,
                ),
            ),
        ),
        MeetingText(
            "Жаш адистер менен иш",
            (
                ItemText("Жаш адистерге насаатчыларды бекитүү", "Ар бир жаш адиске насаатчы бекитилсин."),
                ItemText(
                    "Биринчи чейректин жыйынтыктарын талдоо",
                    "Үлгүрүмү төмөн окуучулар менен кошумча сабактар уюштурулсун.",
                ),
            ),
        ),
        MeetingText(
            "Ачык сабактар жана усулдук күндөр",
            (
                ItemText("Ачык сабактардын графигин бекитүү", "Ар бир усулдук бирикме бирден ачык сабак өткөрсүн."),
                ItemText(
                    "Мектептик предметтик олимпиадалардын жыйынтыгы", "Жеңүүчүлөр райондук олимпиадага даярдалсын."
                ),
            ),
        ),
        MeetingText(
            "Аттестацияга даярдык",
            (
                ItemText(
                    "Мугалимдерди аттестацияга сунуштоо",
                    "Аттестацияга сунушталган мугалимдердин тизмеси бекитилсин.",
                    A,
                ),
                ItemText("Окуу программаларын талкуулоо", "Программалар педагогикалык кеңешке бекитүүгө сунушталсын."),
            ),
        ),
        MeetingText(
            "Окуу жылынын жыйынтыгы",
            (
                ItemText(
                    "Усулдук кеңештин жылдык иши боюнча отчет",
                    "Отчет кабыл алынсын; алдыңкы тажрыйба жалпыланып, усулдук кабинетке жөнөтүлсүн.",
                ),
                ItemText("Мугалимдерди сыйлыктарга сунуштоо", "Алдыңкы мугалимдер сыйлыкка сунушталсын.", W),
            ),
        ),
    ),
)

KAZAKH = LanguagePack(
    council_name="Әдістемелік кеңес",
    place="Мұғалімдер бөлмесі",
    heard="«{topic}» мәселесі бойынша баяндама жасады.",
    speeches=(
        "Ұсынысты қолдады.",
        "Әдістемелік бірлестіктердің тәжірибесімен бөлісуді ұсынды.",
        "Мерзімдерді нақтылауды ұсынды.",
    ),
    absence_reasons=("Науқас", "Курста", "Іссапарда"),
    associations=("Жаратылыстану-математикалық пәндер", "Гуманитарлық пәндер", "Бастауыш сыныптар"),
    kindergarten_associations=("Тәрбиешілер",),
    documents=(
        ("Әдістемелік кеңес туралы ереже", DocumentKind.REGULATION),
        ("Мұғалімдердің біліктілігін арттыруды ұйымдастыру туралы ереже", DocumentKind.REGULATION),
        ("Әдістемелік кеңестің {year} оқу жылына арналған жұмыс жоспары", DocumentKind.PLAN),
        ("Жас мамандармен жұмыс бағдарламасы", DocumentKind.PROGRAMME),
    ),
    award="Білім министрлігінің Құрмет грамотасы",
    category="Педагог-сарапшы санаты",
    follow_up="Мәселе бойынша ақпарат әдістемелік бірлестіктерге жеткізілсін.",
    meetings=(
        MeetingText(
            "Оқу жылының жұмыс жоспарын бекіту",
            (
                ItemText(
                    "Әдістемелік кеңестің оқу жылына арналған жұмыс жоспарын талқылау және бекіту",
                    "Жұмыс жоспары бекітілсін және педагогикалық кеңеске ұсынылсын.",
                ),
                ItemText("Әдістемелік бірлестік жетекшілерін бекіту", "Әдістемелік бірлестік жетекшілері бекітілсін."),
                ItemText(
                    "Мұғалімдердің біліктілігін арттыру кестесін құру",
                    "Курстан өтетін мұғалімдердің тізімі жасалсын; санатқа үміткерлер ұсынылсын.",
                    C,
                ),
            ),
        ),
        MeetingText(
            "Жас мамандармен жұмыс",
            (
                ItemText("Жас мамандарға тәлімгерлер бекіту", "Әр жас маманға тәлімгер бекітілсін."),
                ItemText(
                    "Бірінші тоқсанның қорытындысын талдау",
                    "Үлгерімі төмен оқушылармен қосымша сабақтар ұйымдастырылсын.",
                ),
            ),
        ),
        MeetingText(
            "Ашық сабақтар және әдістемелік күндер",
            (
                ItemText("Ашық сабақтар кестесін бекіту", "Әр әдістемелік бірлестік бір ашық сабақ өткізсін."),
                ItemText(
                    "Мектепішілік пән олимпиадаларының қорытындысы", "Жеңімпаздар аудандық олимпиадаға дайындалсын."
                ),
            ),
        ),
        MeetingText(
            "Аттестаттауға дайындық",
            (
                ItemText(
                    "Мұғалімдерді аттестаттауға ұсыну", "Аттестаттауға ұсынылған мұғалімдердің тізімі бекітілсін.", A
                ),
                ItemText("Оқу бағдарламаларын талқылау", "Бағдарламалар педагогикалық кеңеске бекітуге ұсынылсын."),
            ),
        ),
        MeetingText(
            "Оқу жылының қорытындысы",
            (
                ItemText(
                    "Әдістемелік кеңестің жылдық жұмысы туралы есеп",
                    "Есеп қабылдансын; озық тәжірибе жинақталып, әдістемелік кабинетке жіберілсін.",
                ),
                ItemText("Мұғалімдерді марапаттауға ұсыну", "Озат мұғалімдер марапатқа ұсынылсын.", W),
            ),
        ),
    ),
)

RUSSIAN = LanguagePack(
    council_name="Методический совет",
    place="Учительская",
    heard="Информация по вопросу «{topic}».",
    speeches=(
        "Поддержал(а) предложение.",
        "Предложил(а) обобщить опыт методических объединений.",
        "Предложил(а) уточнить сроки.",
    ),
    absence_reasons=("Болезнь", "На курсах", "В командировке"),
    associations=("Естественные и точные предметы", "Гуманитарные предметы", "Начальные классы"),
    kindergarten_associations=("Воспитатели",),
    documents=(
        ("Положение о методическом совете", DocumentKind.REGULATION),
        ("Положение об организации повышения квалификации учителей", DocumentKind.REGULATION),
        ("План работы методического совета на {year} учебный год", DocumentKind.PLAN),
        ("Программа работы с молодыми специалистами", DocumentKind.PROGRAMME),
    ),
    award="Почётная грамота министерства образования",
    category="Первая категория",
    follow_up="Довести информацию до методических объединений.",
    meetings=(
        MeetingText(
            "Утверждение плана работы на учебный год",
            (
                ItemText(
                    "Обсуждение и утверждение плана работы методического совета на учебный год",
                    "Утвердить план работы и представить его педагогическому совету.",
                ),
                ItemText(
                    "Утверждение руководителей методических объединений",
                    "Утвердить руководителей методических объединений.",
                ),
                ItemText(
                    "Составление графика повышения квалификации учителей",
                    "Составить список учителей, направляемых на курсы; представить кандидатов на категорию.",
                    C,
                ),
            ),
        ),
        MeetingText(
            "Работа с молодыми специалистами",
            (
                ItemText(
                    "Закрепление наставников за молодыми специалистами",
                    "Закрепить наставника за каждым молодым специалистом.",
                ),
                ItemText(
                    "Анализ итогов первой четверти", "Организовать дополнительные занятия с неуспевающими учениками."
                ),
            ),
        ),
        MeetingText(
            "Открытые уроки и методические дни",
            (
                ItemText(
                    "Утверждение графика открытых уроков",
                    "Каждому методическому объединению провести по одному открытому уроку.",
                ),
                ItemText("Итоги школьных предметных олимпиад", "Подготовить победителей к районной олимпиаде."),
            ),
        ),
        MeetingText(
            "Подготовка к аттестации",
            (
                ItemText(
                    "Представление учителей к аттестации", "Утвердить список учителей, представляемых к аттестации.", A
                ),
                ItemText(
                    "Обсуждение рабочих программ", "Рекомендовать программы педагогическому совету к утверждению."
                ),
            ),
        ),
        MeetingText(
            "Итоги учебного года",
            (
                ItemText(
                    "Отчёт о работе методического совета за год",
                    "Принять отчёт; обобщить передовой опыт и направить его в методический кабинет.",
                ),
                ItemText("Представление учителей к наградам", "Представить лучших учителей к награде.", W),
            ),
        ),
    ),
)

PACKS = {"ky": KYRGYZ, "kk": KAZAKH, "ru": RUSSIAN}

# ---------------------------------------------------------------------------------------------------------
# The calendar of each year
# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MeetingPlan:
    template: int  # index into LanguagePack.meetings
    day: date
    state: str
    # Deadlines of the first and second decision of each item, and whether they are done.
    deadlines: tuple[date | None, ...]
    done: tuple[bool, ...]


SIGNED, DRAFT = MeetingState.SIGNED, MeetingState.DRAFT

YEARS = {
    PREVIOUS_YEAR: {
        "plan_months": (date(2025, 9, 1), date(2025, 11, 1), date(2026, 1, 1), date(2026, 3, 1), date(2026, 5, 1)),
        "meetings": (
            MeetingPlan(0, date(2025, 9, 5), SIGNED, (date(2025, 9, 30), date(2025, 10, 15)), (True, True)),
            MeetingPlan(1, date(2025, 11, 7), SIGNED, (date(2025, 12, 1), date(2025, 12, 25)), (True, False)),
            MeetingPlan(2, date(2026, 1, 16), SIGNED, (date(2026, 2, 20), None), (True, True)),
            MeetingPlan(3, date(2026, 3, 20), SIGNED, (date(2026, 4, 10), date(2026, 5, 15)), (True, True)),
            MeetingPlan(4, date(2026, 5, 22), SIGNED, (date(2026, 6, 5), date(2026, 6, 20)), (True, False)),
        ),
    },
    CURRENT_YEAR: {
        "plan_months": (date(2026, 9, 1), date(2026, 10, 1), date(2026, 11, 1), date(2027, 1, 1), date(2027, 5, 1)),
        "meetings": (
            # Every school has each state: done, overdue (open, deadline in October) and open (later deadlines).
            MeetingPlan(0, date(2026, 9, 4), SIGNED, (date(2026, 9, 25), date(2026, 10, 15)), (True, False)),
            MeetingPlan(1, date(2026, 10, 30), SIGNED, (date(2026, 12, 25), date(2027, 1, 30)), (False, False)),
            MeetingPlan(2, date(2026, 11, 17), DRAFT, (date(2027, 2, 15), date(2027, 3, 1)), (False, False)),
            MeetingPlan(3, date(2027, 1, 15), DRAFT, (), ()),  # planned: the agenda only
        ),
    },
}
# The day the story of the demo is told from: decisions due before it may be done already.
SEEDED_ON = date(2026, 11, 20)
TEACHING = {Position.SUBJECT_TEACHER, Position.PRIMARY_TEACHER, Position.PRESCHOOL_EDUCATOR, Position.LIBRARIAN}


def _pack(school):
    return PACKS.get(school.instruction_language, RUSSIAN)


def _language(school):
    return school.instruction_language if school.instruction_language in PACKS else "ru"


def _full_name(person):
    return " ".join(part for part in (person.surname, person.given_name, person.patronymic) if part)


def _signed_at(day, office):
    return datetime.combine(day + timedelta(days=1), time(16, 0), tzinfo=ZoneInfo(office.time_zone))


# ---------------------------------------------------------------------------------------------------------
# Seeding
# ---------------------------------------------------------------------------------------------------------


class _Seeder:
    """Builds every missing council in memory, then writes each table with one bulk insert."""

    def __init__(self, rng):
        self.rng = rng
        self.councils = []
        self.members, self.associations, self.plan_items = [], [], []
        self.meetings, self.items, self.speeches = [], [], []
        self.decisions, self.attendance, self.documents = [], [], []
        self.wanted_recommendations = []  # (decision, staff member, kind, details, meeting day)

    def plan_council(self, school, year, staff, director_users, demo_teacher):
        rng = self.rng
        pack = _pack(school)
        director = next((p for p in staff if p.position == Position.DIRECTOR), None)
        deputies = [p for p in staff if p.position == Position.DEPUTY_DIRECTOR]
        teachers = [p for p in staff if p.position in TEACHING and p != director]
        if demo_teacher is not None and year == CURRENT_YEAR and demo_teacher.school_id == school.pk:
            secretary = demo_teacher
        else:
            secretary = rng.choice(teachers)
        others = [p for p in teachers if p != secretary]
        members = deputies[:2] + rng.sample(others, min(len(others), rng.randint(4, 6) - len(deputies[:2])))
        council = Council(office_id=school.office_id, school=school, academic_year=year, name=pack.council_name)
        self.councils.append(council)
        roster = [(director, CouncilRole.CHAIR), (secretary, CouncilRole.SECRETARY)] + [
            (person, CouncilRole.MEMBER) for person in members
        ]
        roster = [(person, role) for person, role in roster if person is not None]
        self.members += [CouncilMember(council=council, staff_member=person, role=role) for person, role in roster]
        people = [person for person, _role in roster]

        names = pack.kindergarten_associations if school.kind == SchoolKind.PRESCHOOL else pack.associations
        self.associations += [
            MethodicalAssociation(council=council, name=name, head=rng.choice(people[1:] or people)) for name in names
        ]
        plans = YEARS[year]
        plan_items = [
            CouncilPlanItem(council=council, month=month, topic=pack.meetings[index].plan_topic)
            for index, month in enumerate(plans["plan_months"])
        ]
        self.plan_items += plan_items

        shift = timedelta(days=school.pk % 4)
        meetings = []
        for number, plan in enumerate(plans["meetings"], start=1):
            day = plan.day + shift
            meeting = Meeting(
                council=council,
                number=number,
                date=day,
                place=pack.place,
                plan_item=plan_items[plan.template],
                state=plan.state,
            )
            if plan.state == SIGNED:
                meeting.signed_at = _signed_at(day, school.office)
                meeting.signed_by = director_users.get(school.pk)
                meeting.school_name = school.name
                meeting.council_name = pack.council_name
                meeting.chair_name = _full_name(director) if director else ""
                meeting.secretary_name = _full_name(secretary)
                meeting.language = _language(school)
            meetings.append(meeting)
            items = self.plan_meeting(meeting, plan, pack, people, school)
            if secretary is demo_teacher and number == 2:
                # The demo teacher answers for a decision of October's meeting, due before the winter break.
                self.decisions.append(
                    Decision(
                        agenda_item=items[-1],
                        text="Окуучулардын математика боюнча билим деңгээлине мониторинг жүргүзүлүп, жыйынтыгы "
                        "усулдук кеңешке берилсин.",
                        responsible=demo_teacher,
                        deadline=date(2026, 12, 20),
                        responsible_name=_full_name(demo_teacher),
                    )
                )
        self.meetings += meetings

        considered = [meetings[0], meetings[0]] if year == PREVIOUS_YEAR else [meetings[0], meetings[1]]
        documents = pack.documents[:2] if year == PREVIOUS_YEAR else pack.documents[2:]
        for (title, kind), meeting in zip(documents, considered, strict=True):
            self.documents.append(
                ConsideredDocument(
                    council=council,
                    title=title.format(year=academic_year_label(year)),
                    kind=kind,
                    considered_at=meeting,
                    approved_on=meeting.date + timedelta(days=3),
                    approved_by=_full_name(director) if director else "",
                )
            )

    def plan_meeting(self, meeting, plan, pack, people, school):
        rng = self.rng
        signed = plan.state == SIGNED
        held = bool(plan.deadlines)
        texts = pack.meetings[plan.template].items
        items = []
        for order, text in enumerate(texts, start=1):
            item = AgendaItem(meeting=meeting, order=order, topic=text.topic)
            items.append(item)
            if not held:
                continue
            speaker = rng.choice(people)
            item.heard_speaker = speaker
            item.heard_topic = pack.heard.format(topic=text.topic)
            item.heard_speaker_name = _full_name(speaker) if signed else ""
            for who in rng.sample(people, rng.randint(1, 2)):
                self.speeches.append(Speech(agenda_item=item, who=_full_name(who), summary=rng.choice(pack.speeches)))
            slot = (order - 1) % len(plan.deadlines)
            responsible = rng.choice(people)
            deadline = plan.deadlines[slot]
            done = plan.done[slot]
            decision = Decision(
                agenda_item=item,
                text=text.decision,
                responsible=responsible,
                deadline=deadline,
                state=DecisionState.DONE if done else DecisionState.OPEN,
                done_at=_signed_at(deadline or meeting.date, school.office) if done else None,
                responsible_name=_full_name(responsible) if signed else "",
            )
            self.decisions.append(decision)
            if rng.random() < 0.4:
                self.decisions.append(self.follow_up(item, pack, people, plan, school, signed))
            if text.recommendation:
                details = {C: pack.category, W: pack.award}.get(text.recommendation, "")
                count = rng.randint(1, 3) if text.recommendation == A else rng.randint(1, 2)
                for person in rng.sample(people[1:], min(count, len(people) - 1)):
                    self.wanted_recommendations.append((decision, person, text.recommendation, details, meeting))
        self.items += items
        if held:
            absent = rng.choice(people[2:]) if len(people) > 2 and rng.random() < 0.6 else None
            for person in people:
                is_absent = person == absent
                self.attendance.append(
                    Attendance(
                        meeting=meeting,
                        staff_member=person,
                        present=not is_absent,
                        absence_reason=rng.choice(pack.absence_reasons) if is_absent else "",
                        staff_name=_full_name(person) if signed else "",
                    )
                )
        return items

    def follow_up(self, item, pack, people, plan, school, signed):
        """A second, varied decision: done or not by chance once its deadline has passed."""
        rng = self.rng
        responsible = rng.choice(people)
        deadline = rng.choice([day for day in plan.deadlines if day] or [item.meeting.date])
        done = deadline < SEEDED_ON and rng.random() < 0.6
        return Decision(
            agenda_item=item,
            text=pack.follow_up,
            responsible=responsible,
            deadline=deadline,
            state=DecisionState.DONE if done else DecisionState.OPEN,
            done_at=_signed_at(deadline, school.office) if done else None,
            responsible_name=_full_name(responsible) if signed else "",
        )

    def recommendations(self):
        """Each recommendation carries the person's renewal standing on its meeting's day, as the service does."""
        by_day = {}
        for _decision, person, _kind, _details, meeting in self.wanted_recommendations:
            by_day.setdefault(meeting.date, set()).add(person.pk)
        standing = {}
        for day, ids in by_day.items():
            rows = with_renewal(StaffMember.objects.filter(pk__in=ids), today=day).values_list(
                "pk", "renewal_state", "renewal__valid_until"
            )
            for pk, state, valid_until in rows:
                standing[day, pk] = (state, valid_until if state != RenewalState.NO_RECORD else None)
        recommendations = []
        for decision, person, kind, details, meeting in self.wanted_recommendations:
            state, valid_until = standing[meeting.date, person.pk]
            recommendations.append(
                Recommendation(
                    decision=decision,
                    kind=kind,
                    staff_member=person,
                    details=details,
                    renewal_state=state,
                    renewal_valid_until=valid_until,
                    staff_name=_full_name(person) if meeting.state == SIGNED else "",
                )
            )
        return recommendations

    def write(self):
        # In this order each row's parents have their keys before the row is written.
        tables = [
            (Council, self.councils),
            (CouncilMember, self.members),
            (MethodicalAssociation, self.associations),
            (CouncilPlanItem, self.plan_items),
            (Meeting, self.meetings),
            (AgendaItem, self.items),
            (Speech, self.speeches),
            (Decision, self.decisions),
            (Attendance, self.attendance),
        ]
        for model, rows in tables:
            model.objects.bulk_create(rows, batch_size=1000)
        Recommendation.objects.bulk_create(self.recommendations(), batch_size=1000)
        ConsideredDocument.objects.bulk_create(self.documents, batch_size=1000)


@transaction.atomic
def seed_methodcouncil():
    """Creates the councils missing for the current and previous academic year of every demo school."""
    rng = random.Random(2003)
    schools = list(School.objects.filter(office__code__in=["АБ", "ҚО"]).select_related("office").order_by("pk"))
    existing = set(Council.objects.filter(school__in=schools).values_list("school_id", "academic_year"))
    missing = [(school, year) for school in schools for year in (PREVIOUS_YEAR, CURRENT_YEAR)]
    missing = [(school, year) for school, year in missing if (school.pk, year) not in existing]
    if missing:
        staff = {}
        for person in StaffMember.objects.filter(school__in=schools, is_active=True).order_by("pk"):
            staff.setdefault(person.school_id, []).append(person)
        director_users = dict(
            User.objects.filter(role=Role.DIRECTOR, school__in=schools).order_by("pk").values_list("school_id", "pk")
        )
        director_users = {school_id: User(pk=pk) for school_id, pk in director_users.items()}
        demo_teacher = StaffMember.objects.filter(user__username=DEMO_SECRETARY).first()
        seeder = _Seeder(rng)
        for school, year in missing:
            seeder.plan_council(school, year, staff.get(school.pk, []), director_users, demo_teacher)
        seeder.write()

    councils = Council.objects.filter(school__in=schools)
    return {
        "councils": councils.count(),
        "council meetings": Meeting.objects.filter(council__in=councils).count(),
        "council decisions": Decision.objects.filter(agenda_item__meeting__council__in=councils).count(),
        "council recommendations": Recommendation.objects.filter(
            decision__agenda_item__meeting__council__in=councils
        ).count(),
    }
