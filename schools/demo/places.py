"""The demo's two education offices and their schools, as tables of names; `school_plans` builds the rows.

A school's full name follows from its number, its kind and whom it is named after, in the office's
language; its size and language of instruction are the exceptions listed beside each table.
"""

from dataclasses import dataclass
from datetime import date

from schools.demo.names import words
from schools.models import Country, InstructionLanguage, SchoolKind

GENERAL, GYMNASIUM, LYCEUM, PRESCHOOL = (
    SchoolKind.GENERAL,
    SchoolKind.GYMNASIUM,
    SchoolKind.LYCEUM,
    SchoolKind.PRESCHOOL,
)
KY, KK, RU, UZ, MIXED = (
    InstructionLanguage.KYRGYZ,
    InstructionLanguage.KAZAKH,
    InstructionLanguage.RUSSIAN,
    InstructionLanguage.UZBEK,
    InstructionLanguage.MIXED,
)

# How many staff a school of each size has (smallest, largest).
LARGE, MEDIUM, SMALL, KINDERGARTEN = (38, 46), (29, 38), (18, 24), (10, 14)
CITY, CITY_LARGE = (17, 23), (21, 26)

ALA_BUKA = {
    "code": "АБ",
    "name_ky": "Ала-Бука районунун билим берүү бөлүмү",
    "name_kk": "Ала-Бука аудандық білім бөлімі",
    "name_ru": "Ала-Букинский районный отдел образования",
    "region": "Жалал-Абад облусу",
    "country": Country.KYRGYZSTAN,
    "time_zone": "Asia/Bishkek",
}
KYZYLORDA = {
    "code": "ҚО",
    "name_ky": "Кызылорда шаарынын билим берүү бөлүмү",
    "name_kk": "Қызылорда қалалық білім бөлімі",
    "name_ru": "Отдел образования города Кызылорда",
    "region": "Қызылорда облысы",
    "country": Country.KAZAKHSTAN,
    "time_zone": "Asia/Qyzylorda",
}

# Support schools of Ala-Buka (seed 000), all approved by the same order of the district office.
SUPPORT_ORDER = ("№47", date(2019, 9, 2))
ALA_BUKA_SUPPORT_SCHOOLS = {2, 9, 27}


@dataclass(frozen=True)
class SchoolPlan:
    number: int | None
    name: str
    settlement: str
    language: str = KY
    kind: str = GENERAL
    size: tuple[int, int] = MEDIUM


# ---------------------------------------------------------------------------------------------------------
# Ala-Buka (Jalal-Abad region): 45 numbered schools, as seed 000 counts them, and three kindergartens
# ---------------------------------------------------------------------------------------------------------

# The villages, school No. 1 first.
ALA_BUKA_VILLAGES = words(
    """
    Ала-Бука Ала-Бука Ала-Бука Ала-Бука Кызыл-Туу Орто-Азия Ак-Коргон Балыкчы Жаңы-Базар Ала-Бука
    Кош-Добо Сафед-Булан Баймак Ленин-Жол Дардак Ак-Таш Уч-Коргон Кызыл-Туу Арал Кара-Жыгач Ак-Коргон
    Орто-Азия Ала-Бука Кош-Добо Баймак Сафед-Булан Ленин-Жол Жаңы-Базар Ак-Таш Дардак Уч-Коргон
    Кызыл-Туу Арал Кара-Жыгач Балыкчы Орто-Азия Ак-Коргон Кош-Добо Баймак Ала-Бука Ленин-Жол Ак-Таш
    Жаңы-Базар Дардак Сафед-Булан
    """
)
ALA_BUKA_NAMED_AFTER = {
    2: "Ж. Бөкөнбаев",
    3: "А. С. Пушкин",
    4: "Токтогул",
    6: "Ч. Айтматов",
    8: "А. Навои",
    9: "Т. Сатылганов",
    12: "Бабур",
    14: "К. Тыныстанов",
    16: "А. Осмонов",
    18: "Курманжан Датка",
    21: "Барпы Алыкулов",
    23: "М. Горький",
    25: "Ж. Баласагын",
    27: "Тоголок Молдо",
    30: "А. Токомбаев",
    32: "Ы. Абдрахманов",
    36: "С. Орозбаков",
    40: "Т. Касымбеков",
}
ALA_BUKA_OWN_NAMES = {1: "Ала-Бука гимназиясы", 10: "Ала-Бука лицейи"}
ALA_BUKA_KINDS = {1: GYMNASIUM, 10: LYCEUM}
ALA_BUKA_BASIC = {33, 38, 42}  # nine-year schools: small
ALA_BUKA_LARGE = {1, 2, 10}
ALA_BUKA_LANGUAGES = {3: RU, 23: RU, 8: UZ, 12: UZ, 26: UZ, 35: UZ, 10: MIXED, 15: MIXED, 39: MIXED}
ALA_BUKA_KINDERGARTENS = [("Айгерим", "Ала-Бука"), ("Балапан", "Кызыл-Туу"), ("Ак-Бата", "Ак-Коргон")]


def _ala_buka_school(number, village):
    if number in ALA_BUKA_OWN_NAMES:
        name = ALA_BUKA_OWN_NAMES[number]
    elif number in ALA_BUKA_BASIC:
        name = "негизги мектеби"
    elif number in ALA_BUKA_NAMED_AFTER:
        name = f"{ALA_BUKA_NAMED_AFTER[number]} атындагы орто мектеби"
    else:
        name = "орто мектеби"
    size = LARGE if number in ALA_BUKA_LARGE else SMALL if number in ALA_BUKA_BASIC else MEDIUM
    kind = ALA_BUKA_KINDS.get(number, GENERAL)
    return SchoolPlan(number, f"№{number} {name}", village, ALA_BUKA_LANGUAGES.get(number, KY), kind, size)


def _ala_buka_schools():
    schools = [_ala_buka_school(number, village) for number, village in enumerate(ALA_BUKA_VILLAGES, start=1)]
    # Kindergartens carry a name, not a number.
    return schools + [
        SchoolPlan(None, f"Балдар бакчасы «{name}»", village, kind=PRESCHOOL, size=KINDERGARTEN)
        for name, village in ALA_BUKA_KINDERGARTENS
    ]


# ---------------------------------------------------------------------------------------------------------
# Kyzylorda: 30 city and village schools, among them every school seed 002 names
# ---------------------------------------------------------------------------------------------------------

CITY_NAME = "Қызылорда қаласы"
# number: what follows "№<number>" in the school's name; "атындағы" names are filled in below.
KYZYLORDA_NAMES = {
    3: "",
    4: "Ы. Алтынсарин",
    5: "Абай",
    8: "",
    11: "Ғ. Мұратбаев атындағы гимназия",
    13: "А. С. Пушкин",
    20: "",
    33: "М. Шоқай",
    45: "",
    52: "",
    57: "",
    101: "мектеп-лицей",
    124: "",
    133: "Қорқыт ата",
    140: "",
    153: "",
    165: "",
    171: "",
    176: "",
    189: "Ә. Тәжібаев",
    196: "",
    199: "мектеп-гимназия",
    207: "",
    231: "",
    247: "",
    257: "",
    261: "",
    264: "",
    270: "мектеп-гимназия",
    278: "IT-лицейі",
}
KYZYLORDA_KINDS = {11: GYMNASIUM, 199: GYMNASIUM, 270: GYMNASIUM, 101: LYCEUM, 278: LYCEUM}
KYZYLORDA_LANGUAGES = {8: RU, 13: RU, 171: RU, 199: RU, 52: MIXED}
KYZYLORDA_OUTSIDE_THE_CITY = {
    45: "Тасбөгет кенті",
    52: "Тасбөгет кенті",
    57: "Белкөл кенті",
    124: "Қызылжарма ауылы",
    153: "Ақжарма ауылы",
    165: "Қарауылтөбе ауылы",
    196: "Талсуат ауылы",
    231: "Белкөл кенті",
    264: "Абай ауылы",
}


def _kyzylorda_school(number, name):
    kind = KYZYLORDA_KINDS.get(number, GENERAL)
    if kind == GENERAL:
        name = f"{name} атындағы орта мектеп" if name else "орта мектеп"
    settlement = KYZYLORDA_OUTSIDE_THE_CITY.get(number, CITY_NAME)
    size = CITY if kind == GENERAL else CITY_LARGE
    return SchoolPlan(number, f"№{number} {name}", settlement, KYZYLORDA_LANGUAGES.get(number, KK), kind, size)


def school_plans(office_code):
    """The office's schools in the order they are written (their numbers, kindergartens last)."""
    if office_code == ALA_BUKA["code"]:
        return _ala_buka_schools()
    return [_kyzylorda_school(number, name) for number, name in KYZYLORDA_NAMES.items()]
