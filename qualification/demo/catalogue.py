"""Each office's course catalogue: the providers, and the courses as one table row each.

A row says when the course first ran, who gives it, whom it is for and its title in the office's language
and in Russian (for the Russian block of bilingual certificates). A course is a 72-hour in-person upgrade
paid by the budget unless its row says otherwise; `seminar`, `retraining` and `stream` build the other kinds
of course, and the role tells the history generator how people take it.
"""

from dataclasses import dataclass
from datetime import date

from qualification.models import Audience, CourseKind, Funding, Mode, ProviderKind

# How the history generator uses a course. ROLLING programmes take new cohorts all year round; a FALLBACK is
# a rolling programme anyone may take; one COHORT course certified a whole cohort at once; FUTURE courses
# (not yet started) only take planned records.
ROLLING, FALLBACK, COHORT = "rolling", "fallback", "cohort"
SEMINAR, RETRAINING, FUTURE = "seminar", "retraining", "future"

EVERYONE, LEADERS, LIBRARIANS = Audience.EVERYONE, Audience.LEADERS, Audience.LIBRARIANS
ONLINE, MIXED = Mode.ONLINE, Mode.MIXED
PARTNER, OUTSIDE_BUDGET = Funding.PARTNER, Funding.OUTSIDE_BUDGET
UNIVERSITY, INSTITUTE, CENTRE = ProviderKind.UNIVERSITY, ProviderKind.INSTITUTE, ProviderKind.TRAINING_CENTRE
# The subjects whose teachers form an audience of their own.
AUDIENCE_OF_SUBJECT = {"primary-classes": Audience.PRIMARY_TEACHERS, "preschool": Audience.PRESCHOOL_EDUCATORS}


@dataclass(frozen=True)
class ProviderPlan:
    key: str
    name: str
    kind: str
    region: str


@dataclass(frozen=True, kw_only=True)
class CoursePlan:
    title: str
    title_ru: str
    provider: str
    starts_on: date
    ends_on: date | None = None  # None: a programme that takes new cohorts all year round from `starts_on`
    hours: int = 72
    kind: str = CourseKind.UPGRADE
    audience: str = EVERYONE
    subjects: tuple[str, ...] = ()  # the first is the course's subject; the others' teachers may take it too
    mode: str = Mode.IN_PERSON
    funding: str = Funding.BUDGET
    role: str = ROLLING


def course(first_day, provider, for_whom, title, title_ru, *, last_day=None, **how):
    """A 72-hour upgrade course. `for_whom` is an audience, or the subjects whose teachers it is for."""
    if for_whom in Audience.values:
        audience, subjects = for_whom, ()
    else:
        subjects = tuple(for_whom.split())
        audience = AUDIENCE_OF_SUBJECT.get(subjects[0], Audience.SUBJECT_TEACHERS)
    return CoursePlan(
        title=title,
        title_ru=title_ru,
        provider=provider,
        starts_on=date.fromisoformat(first_day),
        ends_on=date.fromisoformat(last_day) if last_day else None,
        audience=audience,
        subjects=subjects,
        **how,
    )


def seminar(day, provider, title, title_ru, funding):
    """A short seminar (18 hours) that does not count for renewal."""
    return course(
        day, provider, EVERYONE, title, title_ru, kind=CourseKind.SEMINAR, hours=18, funding=funding, role=SEMINAR
    )


def retraining(provider, title, title_ru):
    """The academic year 2021–2022's professional retraining: 520 hours, a diploma."""
    return course(
        "2021-09-06", provider, EVERYONE, title, title_ru, last_day="2022-05-27", kind=CourseKind.RETRAINING,
        hours=520, mode=MIXED, funding=OUTSIDE_BUDGET, role=RETRAINING,
    )  # fmt: skip


STREAMS = {"winter": ("2027-01-18", "2027-01-30"), "summer": ("2027-06-14", "2027-06-26")}


def stream(provider, season, title, title_ru):
    """One of next year's two streams of a course; people are only planned into it."""
    first_day, last_day = STREAMS[season]
    return course(first_day, provider, EVERYONE, title, title_ru, last_day=last_day, role=FUTURE)


@dataclass(frozen=True)
class OfficePlan:
    code: str
    language: str
    methodist: str
    providers: list[ProviderPlan]
    courses: list[CoursePlan]
    rejection_reasons: list[str]
    cohort_size: int = 0  # people certified by the COHORT course


# fmt: off
ALA_BUKA = OfficePlan(
    code="АБ",
    language="ky",
    methodist="methodist",
    providers=[
        ProviderPlan("naryn", "Нарын мамлекеттик университетинин мугалимдердин квалификациясын жогорулатуу жана "
                     "кайра даярдоо борбору", UNIVERSITY, "Нарын облусу"),
        ProviderPlan("osuu", "«Өсүү академиясы» билим берүү борбору", CENTRE, "Жалал-Абад облусу"),
        ProviderPlan("mentor", "«Насаатчы» билим берүү борбору", CENTRE, "Жалал-Абад облусу"),
        ProviderPlan("academy", "Кыргыз билим берүү академиясы", INSTITUTE, "Бишкек шаары"),
    ],
    courses=[
        course("2017-01-09", "academy", EVERYONE, "Предметтик стандарттарга негизделген окутуу жана баалоо",
               "Обучение и оценивание на основе предметных стандартов", role=FALLBACK),
        course("2017-01-16", "naryn", "mathematics algebra geometry", "Математиканы окутуунун заманбап ыкмалары",
               "Современные методы преподавания математики"),
        course("2017-03-13", "naryn", "kyrgyz-language kyrgyz-literature",
               "Кыргыз тили жана адабиятын жаңы предметтик стандарт боюнча окутуу",
               "Преподавание кыргызского языка и литературы по новому предметному стандарту"),
        course("2017-05-15", "academy", LEADERS,
               "Билим берүү уюмун башкаруу: мектеп директорлору жана алардын орун басарлары үчүн",
               "Управление образовательной организацией: для директоров школ и их заместителей"),
        course("2017-08-07", "naryn", "primary-classes", "Башталгыч класстарда окутуунун жаңы предметтик стандарты",
               "Новый предметный стандарт обучения в начальных классах"),
        course("2017-09-11", "academy", "preschool",
               "Мектепке чейинки билим берүүнүн «Балалык» программасы боюнча иштөө",
               "Работа по программе дошкольного образования «Балалык»"),
        course("2017-10-16", "naryn", "history social-studies",
               "Тарых жана «Адам жана коом» сабактарын окутуунун актуалдуу маселелери",
               "Актуальные вопросы преподавания истории и предмета «Человек и общество»"),
        course("2018-02-05", "naryn", "russian-language russian-literature",
               "Орус тилин экинчи тил катары окутуунун методикасы", "Методика преподавания русского языка как второго"),
        seminar("2018-03-05", "mentor", "Интерактивдүү доска менен иштөө", "Работа с интерактивной доской", PARTNER),
        course("2018-10-08", "naryn", "physics", "Физиканы окутууда лабораториялык жана практикалык иштер",
               "Лабораторные и практические работы в преподавании физики"),
        course("2018-11-12", "academy", LIBRARIANS, "Мектеп китепканасынын ишин уюштуруу",
               "Организация работы школьной библиотеки"),
        course("2019-01-14", "naryn", "english", "Англис тилин коммуникативдик ыкма менен окутуу",
               "Преподавание английского языка коммуникативным методом", mode=MIXED),
        course("2019-04-08", "mentor", EVERYONE, "Насаатчылык: жаш адистерди колдоо жана сабакка байкоо жүргүзүү",
               "Наставничество: поддержка молодых специалистов и наблюдение уроков", funding=PARTNER),
        course("2019-09-16", "naryn", "chemistry biology geography",
               "Табигый илимдерди (химия, биология, география) окутуунун инновациялык технологиялары",
               "Инновационные технологии преподавания естественных наук (химия, биология, география)"),
        course("2020-06-08", "academy", "informatics", "Информатиканы окутууда программалоонун негиздери",
               "Основы программирования в преподавании информатики", mode=ONLINE),
        course("2020-10-05", "osuu", EVERYONE, "Инклюзивдүү билим берүү: ар түрдүү муктаждыктагы балдарды окутуу",
               "Инклюзивное образование: обучение детей с разными потребностями", mode=ONLINE, funding=OUTSIDE_BUDGET),
        retraining("naryn", "Педагогика жана психология боюнча кесиптик кайра даярдоо",
                   "Профессиональная переподготовка по педагогике и психологии"),
        # Seed 001: a one-week course after which 191 teachers of the district were certified.
        course("2023-01-09", "osuu", EVERYONE, "Компьютердик сабаттуулук", "Компьютерная грамотность",
               last_day="2023-01-14", funding=PARTNER, role=COHORT),
        stream("naryn", "winter",
               "Жаңы муундагы окуу программалары боюнча квалификацияны жогорулатуу: 2027-жылдын кышкы агымы",
               "Повышение квалификации по программам нового поколения: зимний поток 2027 года"),
        stream("naryn", "summer",
               "Жаңы муундагы окуу программалары боюнча квалификацияны жогорулатуу: 2027-жылдын жайкы агымы",
               "Повышение квалификации по программам нового поколения: летний поток 2027 года"),
    ],
    rejection_reasons=[
        "Сертификаттын сүрөтү бүдөмүк, номери окулбайт. Так көчүрмөсүн кайра жүктөңүз.",
        "Сертификатта 36 саат көрсөтүлгөн, курс болсо 72 саат. Туура документти тиркеңиз.",
        "Документтин номери жана берилген күнү көрсөтүлгөн эмес.",
    ],
    cohort_size=191,
)

KYZYLORDA = OfficePlan(
    code="ҚО",
    language="kk",
    methodist="methodist.kz",
    providers=[
        ProviderPlan("orleu", "«Өрлеу» біліктілікті арттыру ұлттық орталығы Қызылорда филиалы", INSTITUTE,
                     "Қызылорда облысы"),
        ProviderPlan("korkyt", "Қорқыт ата атындағы Қызылорда университеті", UNIVERSITY, "Қызылорда облысы"),
        ProviderPlan("zerde", "«Зерде» білім беру орталығы", CENTRE, "Қызылорда облысы"),
    ],
    courses=[
        course("2017-01-09", "orleu", EVERYONE, "Критериалды бағалау жүйесі", "Система критериального оценивания",
               role=FALLBACK),
        course("2017-02-06", "orleu", "mathematics algebra geometry",
               "Жаңартылған білім беру мазмұны аясында математиканы оқыту әдістемесі",
               "Методика преподавания математики в рамках обновлённого содержания образования"),
        course("2017-03-06", "orleu", "kazakh-language kazakh-literature",
               "Қазақ тілі мен әдебиетін жаңартылған мазмұн бойынша оқыту",
               "Преподавание казахского языка и литературы по обновлённому содержанию"),
        course("2017-04-10", "orleu", LEADERS,
               "Білім беру ұйымын басқару: мектеп директорлары мен олардың орынбасарларына арналған курс",
               "Управление организацией образования: курс для директоров школ и их заместителей"),
        course("2017-08-14", "orleu", "primary-classes", "Бастауыш сыныптарда жаңартылған мазмұн бойынша оқыту",
               "Обучение в начальных классах по обновлённому содержанию"),
        course("2018-01-15", "orleu", "russian-language russian-literature",
               "Орыс тілі мен әдебиетін оқытудың заманауи әдістері",
               "Современные методы преподавания русского языка и литературы"),
        course("2018-03-12", "korkyt", "history social-studies", "Қазақстан тарихын оқытудың өзекті мәселелері",
               "Актуальные вопросы преподавания истории Казахстана"),
        course("2018-06-04", "orleu", "preschool", "Мектепке дейінгі тәрбие мен оқытудың үлгілік бағдарламасы",
               "Типовая программа дошкольного воспитания и обучения"),
        course("2018-09-10", "korkyt", "physics chemistry", "Физика мен химияны оқытудағы зертханалық жұмыстар",
               "Лабораторные работы в преподавании физики и химии"),
        course("2019-02-04", "orleu", "english", "Ағылшын тілін CLIL әдісімен оқыту",
               "Преподавание английского языка по методу CLIL", mode=MIXED),
        seminar("2019-02-11", "zerde", "Цифрлық білім беру ресурстарымен жұмыс",
                "Работа с цифровыми образовательными ресурсами", OUTSIDE_BUDGET),
        course("2019-05-13", "orleu", LIBRARIANS, "Мектеп кітапханасының жұмысын ұйымдастыру",
               "Организация работы школьной библиотеки"),
        course("2019-10-07", "zerde", "informatics", "Информатиканы оқытуда бағдарламалау негіздері",
               "Основы программирования в преподавании информатики", mode=ONLINE, funding=OUTSIDE_BUDGET),
        course("2020-01-13", "korkyt", "biology geography", "Биология мен географияны оқытуда STEM тәсілі",
               "STEM-подход в преподавании биологии и географии"),
        course("2020-11-02", "zerde", EVERYONE,
               "Инклюзивті білім беру: ерекше білім беру қажеттіліктері бар балаларды оқыту",
               "Инклюзивное образование: обучение детей с особыми образовательными потребностями",
               mode=ONLINE, funding=OUTSIDE_BUDGET),
        course("2021-01-11", "korkyt", EVERYONE, "Оқушылардың функционалдық сауаттылығын дамыту",
               "Развитие функциональной грамотности учащихся"),
        retraining("korkyt", "Педагогика және психология бойынша кәсіби қайта даярлау",
                   "Профессиональная переподготовка по педагогике и психологии"),
        stream("orleu", "winter", "Жаңартылған мазмұн бойынша біліктілікті арттыру курсы: 2027 жылғы қысқы ағым",
               "Курс повышения квалификации по обновлённому содержанию: зимний поток 2027 года"),
        stream("orleu", "summer", "Жаңартылған мазмұн бойынша біліктілікті арттыру курсы: 2027 жылғы жазғы ағым",
               "Курс повышения квалификации по обновлённому содержанию: летний поток 2027 года"),
    ],
    rejection_reasons=[
        "Сертификаттың көшірмесі анық емес, нөмірі оқылмайды. Анық көшірмесін қайта жүктеңіз.",
        "Сертификатта 36 сағат көрсетілген, ал курс 72 сағаттық. Дұрыс құжатты тіркеңіз.",
        "Құжаттың нөмірі мен берілген күні көрсетілмеген.",
    ],
)
# fmt: on
OFFICES = [ALA_BUKA, KYZYLORDA]

# The demo teacher (school No. 2, Ala-Buka) is due soon, has reported a course and asked for another one.
DEMO_TEACHER = "teacher"
DEMO_TEACHER_REPORTED = "Инклюзивдүү билим берүү: ар түрдүү муктаждыктагы балдарды окутуу"
DEMO_TEACHER_REQUEST = {
    "topic": "Математикалык сабаттуулукту өнүктүрүү: PISA тибиндеги тапшырмалар менен иштөө",
    "preferred_period": "2027-жылдын жайы",
    "note": "7–9-класстардын окуучуларынын функционалдык сабаттуулугун өнүктүрүү үчүн керек.",
}
