"""Demo data for the foundation: two education offices, their schools and staff, and the demo accounts.

Everything is drawn from one fixed random seed, so every machine gets the same people, and every row is
looked up by its natural key before it is created, so running the seeding again changes nothing.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, partial

from django.contrib.auth.hashers import make_password
from django.db import transaction

from core.scoping import Role
from schools.models import (
    Country,
    DistrictOffice,
    InstructionLanguage,
    Position,
    School,
    SchoolKind,
    StaffMember,
    Subject,
    User,
)

DEMO_PASSWORD = "ustat-demo-2026"

DEMO_LOGINS = [
    ("methodist", "District methodist of the Ala-Buka district education office (Kyrgyz interface)"),
    ("methodist.kz", "Methodist of the Kyzylorda city education office (Kazakh interface)"),
    ("director", "Director of school No. 2, Ala-Buka, a support school"),
    ("teacher", "Mathematics teacher at school No. 2, Ala-Buka; council secretary; a mentee"),
    ("mentor", "The demo teacher's mentor (natural and exact subjects), school No. 2, Ala-Buka"),
    ("director.kz", "Director of IT lyceum No. 278, Kyzylorda"),
    ("admin", "Site administrator: sees everything, opens /admin/"),
]

# Generated hire dates stop here rather than at today's date, so the data never depends on when it is seeded.
LATEST_HIRE_DATE = date(2026, 9, 1)

# ---------------------------------------------------------------------------------------------------------
# Offices and schools
# ---------------------------------------------------------------------------------------------------------

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


@dataclass(frozen=True)
class SchoolPlan:
    number: int | None
    name: str
    settlement: str
    language: str = KY
    kind: str = GENERAL
    size: tuple[int, int] = MEDIUM


# Support schools of Ala-Buka, all approved by the same order of the district office.
SUPPORT_ORDER = ("№47", date(2019, 9, 2))
ALA_BUKA_SUPPORT_SCHOOLS = {2, 9, 27}

ALA_BUKA_SCHOOLS = [
    SchoolPlan(1, "№1 Ала-Бука гимназиясы", "Ала-Бука", kind=GYMNASIUM, size=LARGE),
    SchoolPlan(2, "№2 Ж. Бөкөнбаев атындагы орто мектеби", "Ала-Бука", size=LARGE),
    SchoolPlan(3, "№3 А. С. Пушкин атындагы орто мектеби", "Ала-Бука", language=RU),
    SchoolPlan(4, "№4 Токтогул атындагы орто мектеби", "Ала-Бука"),
    SchoolPlan(5, "№5 орто мектеби", "Кызыл-Туу"),
    SchoolPlan(6, "№6 Ч. Айтматов атындагы орто мектеби", "Орто-Азия"),
    SchoolPlan(7, "№7 орто мектеби", "Ак-Коргон"),
    SchoolPlan(8, "№8 А. Навои атындагы орто мектеби", "Балыкчы", language=UZ),
    SchoolPlan(9, "№9 Т. Сатылганов атындагы орто мектеби", "Жаңы-Базар"),
    SchoolPlan(10, "№10 Ала-Бука лицейи", "Ала-Бука", language=MIXED, kind=LYCEUM, size=LARGE),
    SchoolPlan(11, "№11 орто мектеби", "Кош-Добо"),
    SchoolPlan(12, "№12 Бабур атындагы орто мектеби", "Сафед-Булан", language=UZ),
    SchoolPlan(13, "№13 орто мектеби", "Баймак"),
    SchoolPlan(14, "№14 К. Тыныстанов атындагы орто мектеби", "Ленин-Жол"),
    SchoolPlan(15, "№15 орто мектеби", "Дардак", language=MIXED),
    SchoolPlan(16, "№16 А. Осмонов атындагы орто мектеби", "Ак-Таш"),
    SchoolPlan(17, "№17 орто мектеби", "Уч-Коргон"),
    SchoolPlan(18, "№18 Курманжан Датка атындагы орто мектеби", "Кызыл-Туу"),
    SchoolPlan(19, "№19 орто мектеби", "Арал"),
    SchoolPlan(20, "№20 орто мектеби", "Кара-Жыгач"),
    SchoolPlan(21, "№21 Барпы Алыкулов атындагы орто мектеби", "Ак-Коргон"),
    SchoolPlan(22, "№22 орто мектеби", "Орто-Азия"),
    SchoolPlan(23, "№23 М. Горький атындагы орто мектеби", "Ала-Бука", language=RU),
    SchoolPlan(24, "№24 орто мектеби", "Кош-Добо"),
    SchoolPlan(25, "№25 Ж. Баласагын атындагы орто мектеби", "Баймак"),
    SchoolPlan(26, "№26 орто мектеби", "Сафед-Булан", language=UZ),
    SchoolPlan(27, "№27 Тоголок Молдо атындагы орто мектеби", "Ленин-Жол"),
    SchoolPlan(28, "№28 орто мектеби", "Жаңы-Базар"),
    SchoolPlan(29, "№29 орто мектеби", "Ак-Таш"),
    SchoolPlan(30, "№30 А. Токомбаев атындагы орто мектеби", "Дардак"),
    SchoolPlan(31, "№31 орто мектеби", "Уч-Коргон"),
    SchoolPlan(32, "№32 Ы. Абдрахманов атындагы орто мектеби", "Кызыл-Туу"),
    SchoolPlan(33, "№33 негизги мектеби", "Арал", size=SMALL),
    SchoolPlan(34, "№34 орто мектеби", "Кара-Жыгач"),
    SchoolPlan(35, "№35 орто мектеби", "Балыкчы", language=UZ),
    SchoolPlan(36, "№36 С. Орозбаков атындагы орто мектеби", "Орто-Азия"),
    SchoolPlan(37, "№37 орто мектеби", "Ак-Коргон"),
    SchoolPlan(38, "№38 негизги мектеби", "Кош-Добо", size=SMALL),
    SchoolPlan(39, "№39 орто мектеби", "Баймак", language=MIXED),
    SchoolPlan(40, "№40 Т. Касымбеков атындагы орто мектеби", "Ала-Бука"),
    SchoolPlan(41, "№41 орто мектеби", "Ленин-Жол"),
    SchoolPlan(42, "№42 негизги мектеби", "Ак-Таш", size=SMALL),
    SchoolPlan(43, "№43 орто мектеби", "Жаңы-Базар"),
    SchoolPlan(44, "№44 орто мектеби", "Дардак"),
    SchoolPlan(45, "№45 орто мектеби", "Сафед-Булан"),
    # Kindergartens carry a name, not a number.
    SchoolPlan(None, "Балдар бакчасы «Айгерим»", "Ала-Бука", kind=PRESCHOOL, size=KINDERGARTEN),
    SchoolPlan(None, "Балдар бакчасы «Балапан»", "Кызыл-Туу", kind=PRESCHOOL, size=KINDERGARTEN),
    SchoolPlan(None, "Балдар бакчасы «Ак-Бата»", "Ак-Коргон", kind=PRESCHOOL, size=KINDERGARTEN),
]

KYZYLORDA_SCHOOLS = [
    SchoolPlan(3, "№3 орта мектеп", "Қызылорда қаласы", language=KK, size=CITY),
    SchoolPlan(4, "№4 Ы. Алтынсарин атындағы орта мектеп", "Қызылорда қаласы", language=KK, size=CITY),
    SchoolPlan(5, "№5 Абай атындағы орта мектеп", "Қызылорда қаласы", language=KK, size=CITY),
    SchoolPlan(8, "№8 орта мектеп", "Қызылорда қаласы", language=RU, size=CITY),
    SchoolPlan(11, "№11 Ғ. Мұратбаев атындағы гимназия", "Қызылорда қаласы", KK, GYMNASIUM, CITY_LARGE),
    SchoolPlan(13, "№13 А. С. Пушкин атындағы орта мектеп", "Қызылорда қаласы", language=RU, size=CITY),
    SchoolPlan(20, "№20 орта мектеп", "Қызылорда қаласы", language=KK, size=CITY),
    SchoolPlan(33, "№33 М. Шоқай атындағы орта мектеп", "Қызылорда қаласы", language=KK, size=CITY),
    SchoolPlan(45, "№45 орта мектеп", "Тасбөгет кенті", language=KK, size=CITY),
    SchoolPlan(52, "№52 орта мектеп", "Тасбөгет кенті", language=MIXED, size=CITY),
    SchoolPlan(57, "№57 орта мектеп", "Белкөл кенті", language=KK, size=CITY),
    SchoolPlan(101, "№101 мектеп-лицей", "Қызылорда қаласы", KK, LYCEUM, CITY_LARGE),
    SchoolPlan(124, "№124 орта мектеп", "Қызылжарма ауылы", language=KK, size=CITY),
    SchoolPlan(133, "№133 Қорқыт ата атындағы орта мектеп", "Қызылорда қаласы", language=KK, size=CITY),
    SchoolPlan(140, "№140 орта мектеп", "Қызылорда қаласы", language=KK, size=CITY),
    SchoolPlan(153, "№153 орта мектеп", "Ақжарма ауылы", language=KK, size=CITY),
    SchoolPlan(165, "№165 орта мектеп", "Қарауылтөбе ауылы", language=KK, size=CITY),
    SchoolPlan(171, "№171 орта мектеп", "Қызылорда қаласы", language=RU, size=CITY),
    SchoolPlan(176, "№176 орта мектеп", "Қызылорда қаласы", language=KK, size=CITY),
    SchoolPlan(189, "№189 Ә. Тәжібаев атындағы орта мектеп", "Қызылорда қаласы", language=KK, size=CITY),
    SchoolPlan(196, "№196 орта мектеп", "Талсуат ауылы", language=KK, size=CITY),
    SchoolPlan(199, "№199 мектеп-гимназия", "Қызылорда қаласы", RU, GYMNASIUM, CITY_LARGE),
    SchoolPlan(207, "№207 орта мектеп", "Қызылорда қаласы", language=KK, size=CITY),
    SchoolPlan(231, "№231 орта мектеп", "Белкөл кенті", language=KK, size=CITY),
    SchoolPlan(247, "№247 орта мектеп", "Қызылорда қаласы", language=KK, size=CITY),
    SchoolPlan(257, "№257 орта мектеп", "Қызылорда қаласы", language=KK, size=CITY),
    SchoolPlan(261, "№261 орта мектеп", "Қызылорда қаласы", language=KK, size=CITY),
    SchoolPlan(264, "№264 орта мектеп", "Абай ауылы", language=KK, size=CITY),
    SchoolPlan(270, "№270 мектеп-гимназия", "Қызылорда қаласы", KK, GYMNASIUM, CITY_LARGE),
    SchoolPlan(278, "№278 IT-лицейі", "Қызылорда қаласы", KK, LYCEUM, CITY_LARGE),
]

# ---------------------------------------------------------------------------------------------------------
# People
# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NamePool:
    surnames: list[str]  # male forms; the female form adds "а"
    male: list[str]
    female: list[str]
    fathers: list[str]  # given names that patronymics are formed from
    patronymic_style: str  # "russian", or "kazakh" for -ұлы / -қызы joined to the father's name
    uulu_share: float = 0.0  # share of people named "Жумабек уулу" / "Жумабек кызы", without a patronymic


# fmt: off
KYRGYZ_NAMES = NamePool(
    surnames=[
        "Асанов", "Бусурманкулов", "Өмүров", "Токтогулов", "Жумабеков", "Сатыбалдиев", "Мамытов",
        "Осмонов", "Эргешов", "Абдыкадыров", "Кочкорбаев", "Акматов", "Турдубаев", "Бекболотов",
        "Карыпбеков", "Мырзабеков", "Ташиев", "Жээнбеков", "Үсөнов", "Орозбеков", "Сыдыков",
        "Мамбеталиев", "Дөөлөтбеков", "Жаңыбаев", "Төрөкулов", "Кенжебаев", "Абдрахманов", "Нурматов",
        "Исаков", "Султанов", "Бөлөкбаев", "Төлөгөнов", "Сүйүнбаев", "Калыков", "Шаршенов",
        "Алымкулов",
    ],
    male=[
        "Бакыт", "Нурбек", "Азамат", "Бактыбек", "Жумабек", "Кубанычбек", "Талант", "Адилет", "Алмаз",
        "Улан", "Эрмек", "Мирлан", "Чыңгыз", "Нурлан", "Бекболот", "Темирлан", "Өмүрбек", "Үсөн",
        "Мелис", "Санжар", "Дөөлөт", "Эркин", "Жаңыбек", "Майрамбек", "Курманбек", "Тилек", "Бектур",
    ],
    female=[
        "Жаныл", "Айгүл", "Гүлнара", "Жылдыз", "Нурзат", "Айпери", "Бермет", "Чолпон", "Динара",
        "Мээрим", "Асел", "Гүлзат", "Айзада", "Нургүл", "Үмүт", "Бүбүсара", "Назгүл", "Элмира",
        "Канышай", "Сезим", "Жибек", "Айжамал", "Бактыгүл", "Гүлмира", "Жаңылай", "Сүйүмкан", "Күмүшай",
        "Бурул", "Таттыгүл", "Апал",
    ],
    fathers=[
        "Абдимуталип", "Токтосун", "Жумабек", "Кубанычбек", "Асан", "Үсөн", "Сатыбалды", "Мамыт",
        "Осмон", "Эргеш", "Кадыр", "Бекболот", "Шаршен", "Төлөгөн", "Сүйүн", "Калык", "Өмүрзак",
        "Алымкул", "Турдакун", "Жолдош", "Чынгыз", "Бакыт", "Эсен", "Мукаш", "Токтомуш", "Акылбек",
    ],
    patronymic_style="russian",
    uulu_share=0.07,
)
UZBEK_NAMES = NamePool(
    surnames=[
        "Юсупов", "Каримов", "Рахимов", "Мирзаев", "Эшматов", "Ахмедов", "Турсунов", "Холматов",
        "Назаров", "Абдуллаев", "Маматкулов", "Умаров", "Исмаилов", "Хамидов",
    ],
    male=[
        "Шерзод", "Бахтиёр", "Улугбек", "Азиз", "Жасур", "Рустам", "Фаррух", "Ильхом", "Даврон",
        "Нодир",
    ],
    female=[
        "Шахноза", "Дилноза", "Зарина", "Феруза", "Гулчехра", "Мухаббат", "Нилуфар", "Дилфуза",
        "Малика", "Мохира", "Гулнора",
    ],
    fathers=[
        "Юсуп", "Карим", "Рахим", "Эшмат", "Ахмед", "Турсун", "Холмат", "Назар", "Умар", "Шавкат",
        "Алишер",
    ],
    patronymic_style="russian",
)
KAZAKH_NAMES = NamePool(
    surnames=[
        "Жұмабеков", "Нұрланов", "Тәжібаев", "Сәрсенбаев", "Әбдірахманов", "Қасымов", "Оспанов",
        "Бекмұханбетов", "Төлеуов", "Ержанов", "Ахметов", "Мұсабеков", "Байжанов", "Құдайбергенов",
        "Әлімжанов", "Серікбаев", "Ғабитов", "Үсенов", "Шәріпов", "Ілиясов", "Нұрмағамбетов",
        "Омаров", "Жақсылықов", "Сейітов", "Қожахметов", "Әбілов", "Есімов", "Тұрсынов", "Бердібеков",
        "Дүйсенов",
    ],
    male=[
        "Ерлан", "Бағдат", "Серік", "Нұрлан", "Асқар", "Дәулет", "Ержан", "Марат", "Бауыржан",
        "Қайрат", "Талғат", "Ғалым", "Әділет", "Мұрат", "Жандос", "Санжар", "Нұржан", "Айдос",
        "Бекзат", "Қанат", "Рүстем", "Ілияс", "Жиһангер", "Арман", "Сәкен", "Болат", "Әлібек",
        "Ермек", "Өмірзақ",
    ],
    female=[
        "Әсел", "Гүлнар", "Айгүл", "Жанар", "Динара", "Сәуле", "Мөлдір", "Ақмарал", "Гүлмира",
        "Айжан", "Назерке", "Салтанат", "Жұлдыз", "Қарлығаш", "Әйгерім", "Шаһизада", "Ләззат",
        "Аружан", "Маржан", "Индира", "Балжан", "Күлпаш", "Раушан", "Ботагөз", "Меруерт", "Гүлжан",
    ],
    fathers=[
        "Серік", "Бағдат", "Сәкен", "Нұрлан", "Ерлан", "Асқар", "Марат", "Қайрат", "Болат", "Мұрат",
        "Ермек", "Жанат", "Бақыт", "Тұрсын", "Әбдірахман", "Қанат", "Ғалым", "Дәулет", "Талғат",
        "Өмірзақ", "Есен", "Бауыржан", "Жақсылық", "Әлібек", "Төлеген", "Нұрсұлтан",
    ],
    patronymic_style="kazakh",
)
# fmt: on


def _person(rng, pool, female):
    """Returns (surname, given name, patronymic) in the local order."""
    given_name = rng.choice(pool.female if female else pool.male)
    father = rng.choice([name for name in pool.fathers if name != given_name])
    if rng.random() < pool.uulu_share:
        return f"{father} {'кызы' if female else 'уулу'}", given_name, ""
    surname = rng.choice(pool.surnames) + ("а" if female else "")
    if pool.patronymic_style == "kazakh" and rng.random() < 0.8:
        patronymic = father + ("қызы" if female else "ұлы")
    else:
        patronymic = father + ("овна" if female else "ович")
    return surname, given_name, patronymic


# fmt: off
_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "қ": "q", "л": "l", "м": "m", "н": "n", "ң": "ng", "о": "o", "ө": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "u", "ү": "u", "ф": "f", "х": "kh", "һ": "h",
    "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sch", "ы": "y", "і": "i", "э": "e", "ю": "yu", "я": "ya", "ә": "a",
}
# fmt: on


def _latin(text):
    return "".join(_LATIN.get(letter, "") for letter in text.lower())


# ---------------------------------------------------------------------------------------------------------
# What each school teaches
# ---------------------------------------------------------------------------------------------------------

LANGUAGE_SUBJECTS = {
    "ky": ("kyrgyz-language", "kyrgyz-literature"),
    "kk": ("kazakh-language", "kazakh-literature"),
    "ru": ("russian-language", "russian-literature"),
}
# The languages taught in a school, the main one first, by country and language of instruction.
TAUGHT_LANGUAGES = {
    (Country.KYRGYZSTAN, KY): ("ky", "ru"),
    (Country.KYRGYZSTAN, RU): ("ru", "ky"),
    (Country.KYRGYZSTAN, UZ): ("ky", "ru"),
    (Country.KYRGYZSTAN, MIXED): ("ky", "ru"),
    (Country.KAZAKHSTAN, KK): ("kk", "ru"),
    (Country.KAZAKHSTAN, RU): ("ru", "kk"),
    (Country.KAZAKHSTAN, MIXED): ("kk", "ru"),
}


def _teaching_loads(country, instruction_language):
    """The subject teachers a school needs, most needed first: a small school has only the first ones."""
    first, second = (LANGUAGE_SUBJECTS[code] for code in TAUGHT_LANGUAGES[country, instruction_language])
    return [
        first,
        first,
        ("mathematics",),
        ("algebra", "geometry"),
        second,
        ("english",),
        ("physics",),
        ("chemistry",),
        ("biology",),
        ("history", "social-studies"),
        ("geography",),
        ("informatics",),
        ("physical-education",),
        first,
        ("technology",),
        ("algebra", "geometry"),
        second,
        ("english",),
        ("history",),
        ("physical-education",),
        ("art",),
        ("music",),
        ("defence",),
    ]


# Loads given to the teachers a large school has beyond its core list.
EXTRA_LOADS = [
    ("mathematics",),
    ("mathematics", "informatics"),
    ("physics", "mathematics"),
    ("chemistry", "biology"),
    ("biology", "geography"),
    ("english",),
    ("history",),
    ("physical-education",),
    ("technology", "art"),
]

# ---------------------------------------------------------------------------------------------------------
# Staff plans
# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StaffPlan:
    surname: str
    given_name: str
    patronymic: str
    position: str
    hire_date: date
    subjects: tuple[str, ...] = ()
    is_active: bool = True
    email: str = ""
    phone: str = ""

    @property
    def key(self):
        return (self.surname, self.given_name, self.patronymic, self.hire_date)

    @property
    def gender(self):
        """As the demo's names are formed: a patronymic (or "кызы"/"уулу") says it."""
        name = f"{self.surname} {self.patronymic}"
        if name.endswith(("овна", "евна", "қызы", "кызы")):
            return "female"
        if name.endswith(("ович", "евич", "ұлы", "уулу")):
            return "male"
        return ""


# The people the demo accounts belong to, put in place of generated staff of the same position.
KNOWN_STAFF = {
    ("АБ", 2): [
        StaffPlan("Токтогулов", "Нурбек", "Кубанычбекович", Position.DIRECTOR, date(1998, 8, 20), ("history",)),
        StaffPlan("Асанов", "Бакыт", "Жумабекович", Position.DEPUTY_DIRECTOR, date(2004, 8, 25), ("physics",)),
        StaffPlan("Өмүрова", "Айгүл", "Токтосуновна", Position.SUBJECT_TEACHER, date(2016, 8, 25), ("mathematics",)),
    ],
    ("ҚО", 278): [
        StaffPlan("Нұрланов", "Ерлан", "Бағдатұлы", Position.DIRECTOR, date(2009, 8, 24), ("informatics",)),
        StaffPlan("Жұмабекова", "Әсел", "Серікқызы", Position.SUBJECT_TEACHER, date(2024, 8, 26), ("informatics",)),
    ],
}


def _hire_date(rng, experienced=False):
    roll = rng.random()
    if experienced:
        year = rng.randint(1985, 2014)
    elif roll < 0.12:
        year = rng.randint(2024, 2026)  # young specialists: fewer than three years in the job
    else:
        year = rng.randint(1985, 2023)
    if rng.random() < 0.7:
        hired = date(year, 8, rng.randint(15, 31))  # most join for the new academic year
    else:
        hired = date(year, 1, 1) + timedelta(days=rng.randint(0, 364))
    return min(hired, LATEST_HIRE_DATE)


def _contacts(rng, country, surname, given_name):
    email_roll, phone_roll = rng.random(), rng.random()
    number = rng.randint(1, 99)
    if country == Country.KYRGYZSTAN:
        domain = rng.choice(["gmail.com", "mail.ru", "mail.kg"])
        operator = rng.choice(["555", "550", "700", "705", "770", "772", "777", "990", "997", "220"])
        digits = [rng.randint(10, 99) for _ in range(3)]
        phone = f"+996 {operator} {digits[0]} {digits[1]} {digits[2]}"
    else:
        domain = rng.choice(["gmail.com", "mail.ru", "mail.kz"])
        operator = rng.choice(["701", "702", "705", "707", "747", "771", "775", "777", "778"])
        digits = [rng.randint(100, 999), rng.randint(10, 99), rng.randint(10, 99)]
        phone = f"+7 {operator} {digits[0]} {digits[1]} {digits[2]}"
    email = f"{_latin(given_name)}.{_latin(surname.split()[0])}{number}@{domain}"
    return (email if email_roll < 0.35 else ""), (phone if phone_roll < 0.85 else "")


def _plan_school_staff(rng, country, plan):
    """Positions, names, subjects and dates of one school's staff; draws from `rng` in a fixed order."""
    size = rng.randint(*plan.size)
    if plan.kind == PRESCHOOL:
        slots = [(Position.DIRECTOR, ())] + [(Position.PRESCHOOL_EDUCATOR, ("preschool",))] * (size - 1)
    else:
        loads = _teaching_loads(country, plan.language)
        deputies = 1 if size < 25 else 2
        primary = max(3, round(size * 0.21) + rng.randint(-1, 1))
        subject_teachers = size - 2 - deputies - primary
        teaching = loads[:subject_teachers] + [rng.choice(EXTRA_LOADS) for _ in range(subject_teachers - len(loads))]
        slots = [
            (Position.DIRECTOR, rng.choice(loads[:10])[:1] if rng.random() < 0.5 else ()),
            *[(Position.DEPUTY_DIRECTOR, rng.choice(loads[:12])[:1]) for _ in range(deputies)],
            (Position.LIBRARIAN, ()),
            *[(Position.PRIMARY_TEACHER, ("primary-classes",))] * primary,
            *[(Position.SUBJECT_TEACHER, load) for load in teaching],
        ]

    staff, keys = [], set()
    for position, subjects in slots:
        female_share = {Position.DIRECTOR: 0.5, Position.DEPUTY_DIRECTOR: 0.7}.get(position, 0.8)
        if position in (Position.PRESCHOOL_EDUCATOR, Position.PRIMARY_TEACHER):
            female_share = 0.97
        if country == Country.KAZAKHSTAN:
            pool = KAZAKH_NAMES
        elif plan.language == UZ and rng.random() < 0.6:
            pool = UZBEK_NAMES
        else:
            pool = KYRGYZ_NAMES
        female = rng.random() < female_share
        experienced = position in (Position.DIRECTOR, Position.DEPUTY_DIRECTOR)
        while True:  # two people with the same name hired the same day would share a natural key
            surname, given_name, patronymic = _person(rng, pool, female)
            hired = _hire_date(rng, experienced)
            if (surname, given_name, patronymic, hired) not in keys:
                break
        keys.add((surname, given_name, patronymic, hired))
        email, phone = _contacts(rng, country, surname, given_name)
        staff.append(
            StaffPlan(
                surname,
                given_name,
                patronymic,
                position,
                hired,
                tuple(subjects),
                is_active=experienced or rng.random() > 0.03,
                email=email,
                phone=phone,
            )
        )
    return staff


def _put_known_staff(staff, known):
    replaced = set()
    for person in known:
        index = next(i for i, planned in enumerate(staff) if planned.position == person.position and i not in replaced)
        staff[index] = person
        replaced.add(index)
    return staff


# ---------------------------------------------------------------------------------------------------------
# Writing to the database
# ---------------------------------------------------------------------------------------------------------


def _seed_office(rng, spec, school_plans, subject_ids):
    code = spec["code"]
    office, _ = DistrictOffice.objects.update_or_create(code=code, defaults=spec)
    country = spec["country"]

    existing = set(
        StaffMember.objects.filter(school__office=office).values_list(
            "school_id", "surname", "given_name", "patronymic", "hire_date"
        )
    )
    new_staff, new_subjects = [], []
    for plan in school_plans:
        is_support = code == ALA_BUKA["code"] and plan.number in ALA_BUKA_SUPPORT_SCHOOLS
        defaults = {
            "name": plan.name,
            "kind": plan.kind,
            "settlement": plan.settlement,
            "instruction_language": plan.language,
            "is_support_school": is_support,
            "support_order_number": SUPPORT_ORDER[0] if is_support else "",
            "support_order_date": SUPPORT_ORDER[1] if is_support else None,
        }
        if plan.number is None:
            school, _ = School.objects.update_or_create(office=office, number=None, name=plan.name, defaults=defaults)
        else:
            school, _ = School.objects.update_or_create(office=office, number=plan.number, defaults=defaults)

        staff = _plan_school_staff(rng, country, plan)
        staff = _put_known_staff(staff, KNOWN_STAFF.get((code, plan.number), []))
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


def _staff_member(office_code, school_number, position):
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


def _demo_user(username, staff_member=None, **fields):
    """Creates the account once; a rerun leaves its password and any later edits alone."""
    if staff_member is not None:
        fields.update(first_name=staff_member.given_name, last_name=staff_member.surname)
    user, _ = User.objects.get_or_create(username=username, defaults=fields)
    if staff_member is not None and staff_member.user_id is None and not StaffMember.objects.filter(user=user).exists():
        staff_member.user = user
        staff_member.save(update_fields=["user"])
    return user


def _seed_users(ala_buka, kyzylorda):
    director = _staff_member("АБ", 2, Position.DIRECTOR)
    director_kz = _staff_member("ҚО", 278, Position.DIRECTOR)
    teacher = _staff_member("АБ", 2, Position.SUBJECT_TEACHER)
    # Hashing takes about a second, so it happens at most once, and only if an account is new: get_or_create
    # calls a callable default only when it creates. The demo accounts share one published password.
    password = cache(partial(make_password, DEMO_PASSWORD))

    _demo_user(
        "methodist",
        password=password,
        role=Role.METHODIST,
        office=ala_buka,
        first_name="Жаныл",
        last_name="Бусурманкулова",
        language="ky",
    )
    _demo_user(
        "methodist.kz",
        password=password,
        role=Role.METHODIST,
        office=kyzylorda,
        first_name="Гүлнар",
        last_name="Тәжібаева",
        language="kk",
    )
    _demo_user(
        "director",
        director,
        password=password,
        role=Role.DIRECTOR,
        school=director.school,
        language="ky",
        email="director@ala-buka.example",  # the monthly digest goes here (printed to the console by make run)
    )
    _demo_user("teacher", teacher, password=password, role=Role.TEACHER, language="ky")
    _demo_user(
        "director.kz",
        director_kz,
        password=password,
        role=Role.DIRECTOR,
        school=director_kz.school,
        language="kk",
        email="director@kyzylorda.example",
    )
    _demo_user("admin", password=password, is_superuser=True, is_staff=True, first_name="Ustat", last_name="Admin")


@transaction.atomic
def seed_schools():
    """Creates the demo offices, schools, staff and accounts that do not exist yet; returns totals."""
    rng = random.Random(2020)
    subject_ids = dict(Subject.objects.values_list("code", "pk"))
    ala_buka = _seed_office(rng, ALA_BUKA, ALA_BUKA_SCHOOLS, subject_ids)
    kyzylorda = _seed_office(rng, KYZYLORDA, KYZYLORDA_SCHOOLS, subject_ids)
    _seed_users(ala_buka, kyzylorda)

    offices = [ala_buka, kyzylorda]
    return {
        "offices": len(offices),
        "schools": School.objects.filter(office__in=offices).count(),
        "staff members": StaffMember.objects.filter(school__office__in=offices).count(),
        "demo users": User.objects.filter(username__in=[username for username, _ in DEMO_LOGINS]).count(),
    }
