"""Ala-Buka's mentor–mentee school (seed 000) as tables: the tracks, the mentors' achievements, and each
academic year's plan of activities, in Kyrgyz (the office's language; the tracks in all three).
"""

from dataclasses import dataclass
from datetime import date

from mentorship.models import ActivityKind, PlanItemState
from schools.demo.names import words
from schools.models import Position

OFFICE_CODE = "АБ"
MENTOR_LOGIN = "mentor"
FIRST_ORDER = ("№18", date(2020, 2, 24))
HEARING_DAY = date(2020, 3, 3)
HEARING_SCHOOL = 2
SUPPORT_SCHOOLS = (2, 9, 27)

NATURAL = set(words("mathematics algebra geometry physics chemistry biology geography informatics"))
HUMANITIES = set(
    words("kyrgyz-language kyrgyz-literature russian-language russian-literature english history social-studies")
)
TEACHERS_AND_LEADERS = (Position.SUBJECT_TEACHER, Position.DEPUTY_DIRECTOR, Position.DIRECTOR)


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


PLANNING = "Сабакты пландаштыруу жана калыптандыруучу баалоо"

# fmt: off
TRACKS = [
    TrackPlan("natural", "Табигый жана так предметтер", "Жаратылыстану-математикалық пәндер",
              "Естественные и точные предметы", 16, frozenset(NATURAL), TEACHERS_AND_LEADERS, (
                  "Лабораториялык шарты жок мектепте лабораториялык-практикалык иштерди уюштуруу",
                  "ЖРТдагы суроолор менен иштөө, окуучуларды ЖРТга даярдоо",
                  "Олимпиадалык маселелерди чыгаруунун усулдары",
                  PLANNING,
              )),
    TrackPlan("humanities", "Гуманитардык предметтер", "Гуманитарлық пәндер",
              "Гуманитарные предметы", 16, frozenset(HUMANITIES), TEACHERS_AND_LEADERS, (
                  "Окуучулардын окуу сабаттуулугун өнүктүрүү",
                  "Көркөм текст менен иштөөнүн интерактивдүү ыкмалары",
                  "Сабакта окуучулардын оозеки кебин өстүрүү",
                  PLANNING,
              )),
    TrackPlan("technology-primary", "Технология жана башталгыч класстар", "Технология және бастауыш сыныптар",
              "Технология и начальные классы", 12, frozenset({"primary-classes", "technology"}),
              (Position.PRIMARY_TEACHER, Position.SUBJECT_TEACHER), (
                  "Окуучулардын окуу техникасын жана кол жазмасын жакшыртуу",
                  "Башталгыч класстарда класс менен иштөө, тартип",
                  "Технология сабагында долбоорлор менен иштөө",
              )),
    TrackPlan("preschool", "Мектепке чейинки даярдык", "Мектепке дейінгі даярлық",
              "Дошкольная подготовка", 8, frozenset({"preschool"}), (Position.PRESCHOOL_EDUCATOR,), (
                  "480 сааттык мектепке даярдоо программасы боюнча иштөө",
                  "Оюн аркылуу баланын кебин өнүктүрүү",
                  "Ата-энелер менен иштөө",
              )),
]
# fmt: on

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
# Each year's plan: (month, day, hour, kind, topic, host school number or None, track code or None), and
# the items that were not carried out: (month, what, state, why)
# ---------------------------------------------------------------------------------------------------------

ROUND_TABLE, SEMINAR, OPEN_DOOR_DAY = ActivityKind.ROUND_TABLE, ActivityKind.SEMINAR, ActivityKind.OPEN_DOOR_DAY
CONSULTATION, DEBATE, OPEN_LESSON, HEARING = (
    ActivityKind.CONSULTATION,
    ActivityKind.DEBATE,
    ActivityKind.OPEN_LESSON,
    ActivityKind.HEARING,
)
POSTPONED, CANCELLED = PlanItemState.POSTPONED, PlanItemState.CANCELLED

FIRST_YEAR = 2019  # the academic year 2019–2020, when the school began

# fmt: off
FIRST_YEAR_ACTIVITIES = [
    (10, 15, 10, ROUND_TABLE, "Жаш адистердин кесиптик такшалуусу: көйгөйлөр жана жолдор", 1, None),
    (11, 12, 10, SEMINAR, "Лабораториялык шарты жок мектептерде лабораториялык-практикалык иштерди алып "
                          "баруунун жолдору", 9, "natural"),
    (12, 5, 9, OPEN_DOOR_DAY, "Таяныч мектептин насаатчыларынын ачык сабактары", 9, None),
    (1, 22, 14, CONSULTATION, "Мектепке чейинки даярдыктын 480 сааттык программасы", None, "preschool"),
    (2, 13, 10, DEBATE, "Сапаттуу сабак деген эмне?", 27, "humanities"),
    (2, 26, 10, OPEN_LESSON, "Башталгыч класста окуу техникасын өстүрүү", 2, "technology-primary"),
    (8, 20, 10, SEMINAR, "«Өз ара сабакка катышуу» көргөзмөсү: август кеңешмеси", None, None),
]
HEARING_TOPIC = "«Устат–шакирт» мектебинин насаатчыларынын райондук угуусу"
HEARING_RESPONSIBLE = "Ө. Таалайгүл, башкы адис"
FIRST_YEAR_NOTE = "«Устат–шакирт» мектебинин Жобосу, райондук билим берүү бөлүмүнүн буйругу №18, 24.02.2020"
# The spring of 2020 closed the schools.
FIRST_YEAR_UNDONE = [
    (4, "Таяныч мектептин ачык эшиктер күнү (№27 мектеп)", CANCELLED, "Карантинге байланыштуу мектептер жабылды."),
    (5, "Окуу жылынын жыйынтыгы боюнча тегерек стол", POSTPONED,
     "Карантинге байланыштуу август кеңешмесине жылдырылды."),
]

# The year today's cohort was appointed: carried out in full.
PREVIOUS_YEAR_ACTIVITIES = [
    (9, 24, 10, HEARING, "Жаңы курамдагы насаатчылар: милдеттер жана Жобо", 1, None),
    (11, 20, 10, SEMINAR, "Генетикада маселе иштөөнүн усулдары", 10, "natural"),
    (12, 11, 9, OPEN_DOOR_DAY, "Таяныч мектептин насаатчыларынын сабактары", 27, None),
    (2, 12, 14, ROUND_TABLE, "Жаш адистердин биринчи жылы: эмнени үйрөндүк", 2, None),
    (3, 18, 10, CONSULTATION, "Мектепке даярдоо тобундагы оюндар", None, "preschool"),
    (4, 22, 9, OPEN_DOOR_DAY, "Башталгыч класстардын ачык сабактары", 9, "technology-primary"),
    (5, 27, 10, ROUND_TABLE, "Окуу жылынын жыйынтыгы", None, None),
]

CURRENT_YEAR_ACTIVITIES = [
    (9, 18, 10, HEARING, "Насаатчылардын тажрыйбасы жана жылдык иш план", 2, None),
    (10, 9, 10, SEMINAR, "ЖРТга даярдоо: химия жана биология боюнча суроолор менен иштөө", 9, "natural"),
    (10, 23, 14, ROUND_TABLE, "Окуучулардын окуу сабаттуулугу", 1, "humanities"),
    (11, 13, 9, OPEN_DOOR_DAY, "Таяныч мектептин насаатчыларынын сабактары", 2, None),
    (12, 4, 10, CONSULTATION, "Калыптандыруучу баалоо: суроолор жана жооптор", None, None),
    (1, 22, 10, DEBATE, "Санариптик ресурстар сабакта: пайдасы жана коркунучу", 10, "natural"),
    (2, 19, 9, OPEN_DOOR_DAY, "Башталгыч класстардын насаатчылары", 27, "technology-primary"),
    (3, 4, 10, SEMINAR, "Оюн аркылуу өнүктүрүү: мектепке чейинки топтор", None, "preschool"),
    (4, 15, 9, OPEN_DOOR_DAY, "Табигый илимдер лабораториясы", 9, "natural"),
    (5, 20, 10, ROUND_TABLE, "Окуу жылынын жыйынтыгы: насаатчылардын отчету", 2, None),
]
CURRENT_YEAR_UNDONE = [
    (12, "Жаш адистер үчүн «Менин биринчи ачык сабагым» сынагы", POSTPONED,
     "Мектептердин кышкы каникулуна байланыштуу февралга жылдырылды."),
    (3, "Кошуна райондун насаатчылары менен тажрыйба алмашуу", CANCELLED, "Каражат бөлүнгөн жок."),
]
# fmt: on

YEAR_NOTE = "Насаатчылардын угуусунда талкууланды, {year}-жылдын сентябры"
OFFICE_RESPONSIBLE = "Усулдук кабинет"
TRACK_RESPONSIBLE = "{track} багытынын жооптуусу"
ACTIVITY_OUTCOME = "Катышуучулар тажрыйба алмашты; сунуштар усулдук кабинетке берилди."
DESCRIPTIONS = {
    HEARING: "Насаатчылардын иш тажрыйбасы угулат, жылдык иш план талкууланат.",
    SEMINAR: "Усулдук семинар: тажрыйба алмашуу жана практикалык сабак.",
    ROUND_TABLE: "Көйгөйлөрдү талкуулоо жана усулдук кабинетке сунуштар.",
    DEBATE: "Диспут: ар түрдүү көз караштар жана далилдер.",
    OPEN_LESSON: "Ачык сабак жана аны талкуулоо.",
    OPEN_DOOR_DAY: "Насаатчылар ачык сабактарды өткөрөт; райондун бардык мугалимдери чакырылат.",
    CONSULTATION: "Насаатчылардын суроолоруна жооптор, усулдук кеңеш.",
}

# The mentors' own logs of their meetings with a mentee.
LOG_TOPICS = {
    CONSULTATION: [
        "Сабактын планын бирге түзүү",
        "Калыптандыруучу баалоонун ыкмалары",
        "Класс менен иштөө жана тартип",
        "Ата-энелер жыйынына даярдануу",
    ],
    ActivityKind.LESSON_VISIT: ["Шакирттин сабагына катышуу", "Насаатчынын сабагына бирге катышуу"],
    OPEN_LESSON: ["Шакирттин ачык сабагы"],
}
LOG_OUTCOMES = [
    "Сабактын максаты так коюлган; убакытты бөлүштүрүүгө көңүл буруу керек.",
    "Топтук иштин ыкмалары колдонулду; кийинки жолу баалоо критерийлерин алдын ала айтуу.",
    "Окуучулардын катышуусу жакшы; үй тапшырмасын түшүндүрүүгө убакыт калбай калды.",
    "Кийинки жумада бирге пландаштыруу.",
]
