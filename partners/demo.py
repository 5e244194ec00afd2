"""Demo data of the partner-directors league (seed 002) and of the offices' partner organisations (seed 001).

The Kyzylorda office's league "Серіктес директорлар лигасы" has 27 of the office's 30 schools as members,
20 directions and 20 projects, those of seed 002 first (one draft, one closed). Its goal for 2025–2026 is 20
projects reaching 100 schools, and the goal counts distinct adopting schools of the office. The demo office has
only the 30 schools the foundation seeds, so the reach stops at 24 of 100, while the 63 adoptions (every stage;
7 by the three non-member schools; 3 dated before the goal's year, so not counted in it) come close to what
the projects' own targets add up to (19 × 5). Adoptions are drawn from a fixed random seed over the office's
schools, so more schools in the office would simply mean a wider reach.

Partner organisations: ADB, USAID and GIZ in both offices; the NGOs «Баястан» and «Ала-Тоо өнүктүрүү»
and the training centres behind the qualification catalogue's providers in Ala-Buka; «Өрлеу» and a local
business in Kyzylorda. A provider is linked only if the qualification demo created it.

Every row is looked up by its natural key first, so running the seeding again changes nothing.
"""

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from partners.models import (
    Adoption,
    AdoptionStage,
    AdoptionStageChange,
    Contribution,
    ContributionKind,
    Currency,
    Direction,
    League,
    LeagueEvent,
    LeagueEventKind,
    LeagueMembership,
    OrganisationKind,
    PartnerOrganisation,
    Project,
    ProjectState,
    ProviderLink,
)
from qualification.models import Course, Provider
from schools.models import DistrictOffice, Position, School, StaffMember, User

LEAGUE_NAME = "Серіктес директорлар лигасы"
ACADEMIC_YEAR = 2025  # 2025–2026: a whole year of the league's work, all of it in the past
FOUNDED_ON = date(2025, 9, 20)
NON_MEMBERS = {45, 153, 264}  # village schools that adopt projects without having joined
LATE_JOINERS = {57: date(2025, 10, 17), 124: date(2025, 11, 14), 196: date(2026, 1, 23)}

DIRECTIONS = [
    # (key, Kazakh, Kyrgyz, Russian)
    (
        "ecology",
        "Экология және жылыжай шаруашылығы",
        "Экология жана жылыткана чарбасы",
        "Экология и тепличное хозяйство",
    ),
    ("business", "Кәсіпкерлік", "Ишкердик", "Предпринимательство"),
    ("it", "IT және цифрлық медиа", "IT жана санариптик медиа", "IT и цифровые медиа"),
    ("inclusive", "Инклюзивті білім беру", "Инклюзивдүү билим берүү", "Инклюзивное образование"),
    ("reading", "Кітап оқу мәдениеті", "Китеп окуу маданияты", "Культура чтения"),
    ("science", "Ғылым және метеорология", "Илим жана метеорология", "Наука и метеорология"),
    ("crafts", "Қолөнер және қайырымдылық", "Кол өнөрчүлүк жана кайрымдуулук", "Ремёсла и благотворительность"),
    (
        "self_government",
        "Оқушылардың өзін-өзі басқаруы",
        "Окуучулардын өзүн-өзү башкаруусу",
        "Ученическое самоуправление",
    ),
    ("young", "Жас маман: озат тәжірибе", "Жаш адис: алдыңкы тажрыйба", "Молодой специалист: лучшая практика"),
    (
        "family",
        "Отбасымен және ата-аналармен жұмыс",
        "Үй-бүлө жана ата-энелер менен иш",
        "Работа с семьёй и родителями",
    ),
    ("assessment", "Критериалды бағалау", "Критерийлер боюнча баалоо", "Критериальное оценивание"),
    ("stem", "STEM және робототехника", "STEM жана робототехника", "STEM и робототехника"),
    ("languages", "Үштілді білім беру", "Үч тилдүү билим берүү", "Трёхъязычное образование"),
    ("health", "Салауатты өмір салты және спорт", "Сергек жашоо жана спорт", "Здоровый образ жизни и спорт"),
    (
        "history",
        "Патриоттық тәрбие және өлкетану",
        "Патриоттук тарбия жана өлкө таануу",
        "Патриотическое воспитание и краеведение",
    ),
    ("career", "Кәсіптік бағдар беру", "Кесиптик багыт берүү", "Профориентация"),
    ("finance", "Қаржылық сауаттылық", "Финансылык сабаттуулук", "Финансовая грамотность"),
    ("gifted", "Дарынды балалармен жұмыс", "Таланттуу балдар менен иш", "Работа с одарёнными детьми"),
    (
        "psychology",
        "Психологиялық-педагогикалық қолдау",
        "Психологиялык-педагогикалык колдоо",
        "Психолого-педагогическое сопровождение",
    ),
    ("abroad", "Шетелдік озық тәжірибе", "Чет элдик алдыңкы тажрыйба", "Зарубежный передовой опыт"),
]


@dataclass(frozen=True)
class ProjectPlan:
    school: int
    direction: str
    title: str
    aim: str
    started_on: date
    state: str = ProjectState.SHARED
    description: str = ""
    results: str = ""
    adopters: int = 3
    earlier_adopters: int = 0  # adoptions dated in the year before the goal's year


SHARED, ACTIVE, DRAFT, CLOSED = ProjectState.SHARED, ProjectState.ACTIVE, ProjectState.DRAFT, ProjectState.CLOSED

PROJECTS = [
    # Seed 002's schools and projects first.
    ProjectPlan(
        101,
        "ecology",
        "Жылыжай кешені және экологиялық зерттеулер",
        "Оқушылар жылыжайда өнім өсіріп, қатты қалдықтарды кәдеге жаратуды және биоотын әзірлеуді үйренеді.",
        date(2022, 9, 1),
        description="№101 мектеп-лицейдің жылыжай кешенінде бірнеше өнім өндіріледі. Оқушылар қатты қалдықтарды "
        "кәдеге жаратып, биоотын әзірлеуге көшті. Мектептің энергия мен су тұтыну деңгейін зерттеп, ғылыми "
        "жоба жазады.",
        results="Жылыжайда көкөніс пен көшет өсіріледі; биоотын алудың мектептік тәжірибесі жасалды.",
        adopters=6,
    ),
    ProjectPlan(
        261,
        "crafts",
        "Қолөнер жәрмеңкесі — қайырымдылыққа",
        "Оқушылар қолөнер бұйымдарын жасап, жәрмеңке ұйымдастырады; түскен қаржы қайырымдылық шарасына жұмсалады.",
        date(2023, 10, 2),
        adopters=4,
    ),
    ProjectPlan(
        261,
        "family",
        "«Әкелер академиясы» мен «Әжелер академиясы»",
        "Әкелер мен әжелерді мектеп өміріне тартып, ұрпақ тәрбиесіндегі тәжірибесімен бөлістіру.",
        date(2024, 1, 15),
        state=ACTIVE,
        adopters=4,
    ),
    ProjectPlan(
        261,
        "self_government",
        "Мектепті оқушылар басқарады",
        "Мектепті басқару құқығы оқушыларға берілген: оқушылар үкіметі шешім қабылдап, іс-шараларды өздері "
        "ұйымдастырады.",
        date(2023, 9, 1),
        adopters=3,
    ),
    ProjectPlan(
        278,
        "young",
        "«Жас маман. Озат тәжірибе»",
        "Жас мамандарға жаңартылған білім беру мазмұнының қыр-сырын үйрету: шеберлік сағаттары, тренерлер мен "
        "деңгейлік курстан өткен ұстаздардың тәжірибе бөлісуі.",
        date(2019, 9, 2),
        description="Байзақ Момынбаев атындағы №278 ІТ мектеп-лицей 2015 жылы ашылған; мамандарының көпшілігі — "
        "жастар. Әр тоқсан сайын ашық сабақтар мен шеберлік сағаттары өткізіледі.",
        results="Тренерлер мен деңгейлік сатыдан өткен ұстаздардың тәжірибе бөлісуінің арқасында жас мамандардың "
        "сабақ беру сапасы артты.",
        adopters=6,
        earlier_adopters=2,
    ),
    ProjectPlan(
        278,
        "business",
        "«Кәсіпкерлік мектеп» пилоттық жобасы",
        "Оқушыларды қоғамдық пайдалы кәсіптік қызметтің негізгі бағыттары бойынша даярлау: жоғары сынып "
        "оқушылары жалпы орта біліммен қатар белгілі бір мамандықты игеріп шығады.",
        date(2021, 9, 1),
        state=ACTIVE,
        adopters=4,
    ),
    ProjectPlan(
        3,
        "it",
        "«IT Digital» студиясы",
        "Балалар телевидениесі арқылы мектеп жаңалықтарын тарату; SMM және мобилография курстары; 3D принтермен "
        "футболка мен кружкаларды таңбалап, сыйлық жасап, қаржы табу.",
        date(2022, 10, 3),
        adopters=5,
    ),
    ProjectPlan(
        140,
        "science",
        "«Метеорология» тәжірибелік-зерттеу алаңы",
        "Оқушылар ерте кезден ғылымға енеді: метеорологиялық бақылау жүргізіп, ғалымдармен бірге зерттеу жасайды.",
        date(2023, 3, 1),
        adopters=3,
    ),
    ProjectPlan(
        176,
        "reading",
        "Кітап оқудың жаңа кейстері",
        "Оқушылардың кітап оқуға қызығушылығын арттыратын жаңа кейстерді дамыту және басқа мектептерге тарату.",
        date(2024, 9, 2),
        state=ACTIVE,
        adopters=5,
    ),
    ProjectPlan(
        257,
        "inclusive",
        "«Үміт алақаны»: инклюзивті білім беру",
        "Кедергісіз қолжетімді орта құру, ерекше білім беру қажеттіліктері бар 43 оқушыға жеке білім траекториясын "
        "жобалау, компенсаторлық құралдармен қамтамасыз ету.",
        date(2024, 9, 2),
        description="Мектепте мүмкіндігі шектеулі 43 оқушы білім алады. Ата-аналар арасында «Сүйіспеншілікке толы "
        "жүрекпен» қарым-қатынас клубы құрылып, ай сайын оқу сағаттары өткізіледі. Мектеп психологтары мен "
        "дефектологы психикалық дамуында тежелуі бар балаларға «Үміт алақаны» жеке дамытушылық бағдарламасын "
        "жасауда.",
        adopters=4,
    ),
    # Other member schools' projects.
    ProjectPlan(
        11,
        "languages",
        "Үш тілде сөйлейміз",
        "Қазақ, орыс және ағылшын тілдерінде сабақтан тыс клубтар мен апталықтар өткізу.",
        date(2023, 9, 1),
        adopters=3,
    ),
    ProjectPlan(
        199,
        "stem",
        "Робототехника для всех",
        "Кружок робототехники для учащихся 5–9 классов и открытые занятия для учителей других школ.",
        date(2024, 2, 1),
        state=ACTIVE,
        adopters=3,
    ),
    ProjectPlan(
        133,
        "history",
        "Қорқыт ата мұрасы: мектеп өлкетану музейі",
        "Өлке тарихын оқушылардың өз зерттеулері арқылы таныстыратын мектеп музейін дамыту.",
        date(2022, 9, 1),
        adopters=2,
    ),
    ProjectPlan(
        270,
        "gifted",
        "Дарынды балалардың ғылыми қоғамы",
        "Олимпиадаларға және ғылыми жобаларға дайындалатын оқушыларды бір қоғамға біріктіру.",
        date(2023, 10, 2),
        state=ACTIVE,
        adopters=2,
    ),
    ProjectPlan(
        5,
        "assessment",
        "Критериалды бағалау: мұғалімдер клубы",
        "Мұғалімдер бағалау тапсырмаларын бірге құрастырып, модерациядан өткізеді.",
        date(2024, 10, 1),
        state=ACTIVE,
        adopters=3,
    ),
    ProjectPlan(
        20,
        "health",
        "Салауатты мектеп",
        "Таңғы жаттығу, дұрыс тамақтану және спорт секциялары арқылы салауатты өмір салтын қалыптастыру.",
        date(2024, 9, 2),
        state=ACTIVE,
        adopters=2,
    ),
    ProjectPlan(
        189,
        "career",
        "Мамандық әлеміне саяхат",
        "Жоғары сынып оқушыларын кәсіпорындарға апарып, ата-аналар мамандығымен таныстыру.",
        date(2025, 1, 20),
        state=ACTIVE,
        adopters=1,
    ),
    ProjectPlan(
        33,
        "finance",
        "Қаржылық сауаттылық сабақтары",
        "Отбасы бюджеті, жинақ және несие туралы практикалық сабақтар.",
        date(2025, 2, 3),
        state=ACTIVE,
        adopters=2,
    ),
    ProjectPlan(
        207,
        "psychology",
        "Мектеп психологы — әр балаға",
        "Әр сыныпқа психологтың тұрақты сағатын енгізу.",
        date(2026, 12, 1),
        state=DRAFT,
        adopters=0,
    ),
    ProjectPlan(
        13,
        "abroad",
        "Уроки на свежем воздухе по финской модели",
        "Перенести часть уроков начальной школы на свежий воздух по опыту финских школ.",
        date(2024, 4, 1),
        state=CLOSED,
        results="Пилот завершён: зимой модель оказалась трудной; опыт описан для других школ.",
        adopters=1,
    ),
]

# The one adoption whose history shows a step back, with the reason given.
STEP_BACK = (
    "Мектепті оқушылар басқарады",
    "Жобаға жауапты мұғалім басқа мектепке ауысты; жұмыс жаңа жетекшімен қайта басталды.",
)

EVENTS = [
    (date(2025, 9, 20), LeagueEventKind.MEETING, "Лиганың құрылтай жиыны: 20 бағыт және жылдық мақсат", 278, []),
    (
        date(2025, 11, 14),
        LeagueEventKind.EXCHANGE,
        "Экологиялық жобалар: жылыжай, биоотын және метеорология алаңы",
        101,
        ["Жылыжай кешені және экологиялық зерттеулер", "«Метеорология» тәжірибелік-зерттеу алаңы"],
    ),
    (
        date(2026, 1, 23),
        LeagueEventKind.EXCHANGE,
        "«Жас маман. Озат тәжірибе»: шеберлік сағаттары",
        278,
        ["«Жас маман. Озат тәжірибе»", "«Кәсіпкерлік мектеп» пилоттық жобасы"],
    ),
    (
        date(2026, 2, 12),
        LeagueEventKind.EXCHANGE,
        "Инклюзивті білім беру және кітап оқу кейстері",
        257,
        ["«Үміт алақаны»: инклюзивті білім беру", "Кітап оқудың жаңа кейстері"],
    ),
    (
        date(2026, 4, 16),
        LeagueEventKind.EXCHANGE,
        "«IT Digital» студиясы: балалар телевидениесі және робототехника",
        3,
        ["«IT Digital» студиясы", "Робототехника для всех"],
    ),
    (
        date(2026, 5, 28),
        LeagueEventKind.MEETING,
        "Жыл қорытындысы және қайырымдылық қолөнер жәрмеңкесі",
        261,
        [
            "Қолөнер жәрмеңкесі — қайырымдылыққа",
            "«Әкелер академиясы» мен «Әжелер академиясы»",
            "Мектепті оқушылар басқарады",
        ],
    ),
    (
        date(2026, 10, 9),
        LeagueEventKind.MEETING,
        "2026–2027 оқу жылының жоспары: шетелдік озық тәжірибені енгізу",
        11,
        [],
    ),
]


@dataclass(frozen=True)
class OrganisationPlan:
    office: str
    name: str
    kind: str
    country: str
    contacts: str = ""
    providers: tuple = ()  # names of qualification providers of the same office run by this organisation


@dataclass(frozen=True)
class ContributionPlan:
    office: str
    organisation: str
    kind: str
    description: str
    given_on: date
    schools: tuple = ()  # school numbers
    courses: tuple = ()  # course titles of the office's catalogue
    value: int | None = None
    currency: str = ""


DONOR, NGO, TRAINING, BUSINESS = (
    OrganisationKind.DONOR,
    OrganisationKind.NGO,
    OrganisationKind.TRAINING,
    OrganisationKind.BUSINESS,
)
EQUIPMENT, PROGRAMME, TRAININGS, FUNDING = (
    ContributionKind.EQUIPMENT,
    ContributionKind.PROGRAMME,
    ContributionKind.TRAININGS,
    ContributionKind.FUNDING,
)

ADB_AB = "Азия өнүктүрүү банкы (ADB)"
USAID_AB = "USAID — Эл аралык өнүктүрүү боюнча АКШ агенттиги"
GIZ_AB = "GIZ — Германиянын эл аралык кызматташтык коому"
BAYASTAN = "«Баястан» коомдук бирикмеси"
ALA_TOO = "«Ала-Тоо өнүктүрүү» борбору"
OSUU = "«Өсүү академиясы» билим берүү борбору"
MENTOR = "«Насаатчы» билим берүү борбору"
NARYN = "НМУнун мугалимдердин кесибин жогорулатуу жана адистерди кайра даярдоо борбору"
ADB_KZ = "Азия даму банкі (ADB)"
USAID_KZ = "USAID — АҚШ Халықаралық даму агенттігі"
GIZ_KZ = "GIZ — Германияның халықаралық ынтымақтастық қоғамы"
ORLEU = "«Өрлеу» біліктілікті арттыру ұлттық орталығы"
SYR = "«Сыр маржаны» ЖШС"

ORGANISATIONS = [
    OrganisationPlan("АБ", ADB_AB, DONOR, "Филиппин", "adb.org · Кыргызстандагы туруктуу өкүлчүлүк, Бишкек шаары"),
    OrganisationPlan("АБ", USAID_AB, DONOR, "АКШ", "«Сапаттуу билим» долбоору, Бишкек шаары"),
    OrganisationPlan("АБ", GIZ_AB, DONOR, "Германия", "giz.de · Бишкек шаары"),
    OrganisationPlan("АБ", BAYASTAN, NGO, "Кыргызстан", "Өкмөттүк эмес уюм"),
    OrganisationPlan("АБ", ALA_TOO, NGO, "Кыргызстан", "Өкмөттүк эмес уюм"),
    OrganisationPlan(
        "АБ",
        NARYN,
        TRAINING,
        "Кыргызстан",
        "Борбордун директору Бусурманкулова Жаныл Абдимуталиповна · Нарын шаары",
        providers=(
            "Нарын мамлекеттик университетинин мугалимдердин квалификациясын жогорулатуу жана кайра даярдоо борбору",
        ),
    ),
    OrganisationPlan("АБ", OSUU, TRAINING, "Кыргызстан", "Жалал-Абад облусу", providers=(OSUU,)),
    OrganisationPlan("АБ", MENTOR, TRAINING, "Кыргызстан", "Жалал-Абад облусу", providers=(MENTOR,)),
    OrganisationPlan("ҚО", ADB_KZ, DONOR, "Филиппин", "adb.org · Қазақстандағы тұрақты өкілдік, Астана қаласы"),
    OrganisationPlan("ҚО", USAID_KZ, DONOR, "АҚШ", "Орталық Азиядағы өңірлік миссия, Алматы қаласы"),
    OrganisationPlan("ҚО", GIZ_KZ, DONOR, "Германия", "giz.de · Астана қаласы"),
    OrganisationPlan(
        "ҚО",
        ORLEU,
        TRAINING,
        "Қазақстан",
        "Қызылорда филиалы",
        providers=("«Өрлеу» біліктілікті арттыру ұлттық орталығы Қызылорда филиалы",),
    ),
    OrganisationPlan("ҚО", SYR, BUSINESS, "Қазақстан", "Жергілікті кәсіпорын, Қызылорда қаласы"),
]

CONTRIBUTIONS = [
    # Seed 001: what the partners gave.
    ContributionPlan(
        "АБ",
        ADB_AB,
        EQUIPMENT,
        "Акыркы моделдеги 12 компьютер комплектиси, лингофондук кабинет, акылдуу такта жана окуу процессине "
        "пайдаланыла турган башка электрондук-техникалык каражаттар.",
        date(2019, 10, 15),
        schools=(2, 9, 27),
    ),
    ContributionPlan(
        "АБ",
        ADB_AB,
        TRAININGS,
        "«Куррикулум» боюнча окутуу: жаңыланган предметтик стандарттар менен иштөө.",
        date(2017, 1, 9),
        courses=("Предметтик стандарттарга негизделген окутуу жана баалоо",),
    ),
    ContributionPlan(
        "АБ",
        USAID_AB,
        EQUIPMENT,
        "«Сапаттуу билим» долбоору: техникалык окуу каражаттары.",
        date(2021, 3, 1),
        schools=(1, 10, 23),
    ),
    ContributionPlan(
        "АБ",
        USAID_AB,
        PROGRAMME,
        "«Сапаттуу билим» долбоору менен бирдикте мугалимдерди билим берүүдө жаңыча иш алып барууга даярдоо.",
        date(2021, 9, 6),
    ),
    ContributionPlan(
        "АБ",
        GIZ_AB,
        EQUIPMENT,
        "Физика, химия жана биология кабинеттери үчүн лабораториялык жабдуулар.",
        date(2022, 2, 14),
        schools=(1, 10),
    ),
    ContributionPlan(
        "АБ",
        BAYASTAN,
        TRAININGS,
        "Мугалимдер жана мектеп жетекчилери үчүн семинар-тренингдер.",
        date(2023, 4, 18),
        schools=(2, 6, 14),
    ),
    ContributionPlan(
        "АБ",
        ALA_TOO,
        PROGRAMME,
        "Алдыңкы педагогикалык тажрыйбаларды жайылтуу программасы.",
        date(2023, 10, 9),
        schools=(2, 9, 27),
    ),
    # Seed 000: the centres that trained the district's teachers.
    ContributionPlan(
        "АБ",
        OSUU,
        TRAININGS,
        "Бир жумалык 72 сааттык компьютердик сабаттуулук курсу: 191 мугалим сертификат алды.",
        date(2023, 1, 14),
        courses=("Компьютердик сабаттуулук",),
    ),
    ContributionPlan(
        "АБ",
        MENTOR,
        TRAININGS,
        "Акылдуу такта менен иштөө боюнча семинар: 5 мектептен 155 мугалим окуду.",
        date(2018, 3, 5),
        schools=(1, 2, 3, 4, 10),
        courses=("Интерактивдүү доска менен иштөө",),
    ),
    ContributionPlan(
        "ҚО",
        ADB_KZ,
        EQUIPMENT,
        "Компьютер сыныптары мен интерактивті тақталар.",
        date(2020, 9, 14),
        schools=(3, 278, 101),
    ),
    ContributionPlan(
        "ҚО",
        USAID_KZ,
        PROGRAMME,
        "Оқу сауаттылығын арттыру бағдарламасы: мектеп кітапханаларына арналған әдістемелік жинақтар.",
        date(2024, 10, 7),
        schools=(176, 189, 247),
    ),
    ContributionPlan(
        "ҚО",
        GIZ_KZ,
        EQUIPMENT,
        "Кәсіптік бағдар беру зертханасына арналған жабдықтар («Кәсіпкерлік мектеп» пилоттық жобасы үшін).",
        date(2021, 9, 1),
        schools=(278,),
    ),
    ContributionPlan(
        "ҚО",
        ORLEU,
        TRAININGS,
        "Жаңартылған білім беру мазмұны бойынша біліктілікті арттыру курстары.",
        date(2017, 1, 9),
        courses=("Критериалды бағалау жүйесі",),
    ),
    ContributionPlan(
        "ҚО",
        SYR,
        FUNDING,
        "Жылыжай кешеніне көшет пен тамшылатып суару жүйесін сатып алуға демеушілік.",
        date(2024, 4, 5),
        schools=(101,),
        value=1_200_000,
        currency=Currency.KZT,
    ),
]

# When adoptions of the goal's year fall, and which stage each has reached by the end of that year.
YEAR_WINDOW = (date(2025, 9, 22), date(2026, 5, 29))
EARLIER_WINDOW = (date(2025, 2, 10), date(2025, 5, 20))


def _random_day(rng, first, last):
    return first + timedelta(days=rng.randrange((last - first).days + 1))


def _stage_for(rng, adopted_on):
    draw = rng.random()
    if adopted_on < date(2026, 1, 1):
        return (
            AdoptionStage.SUSTAINED if draw < 0.5 else AdoptionStage.INTRODUCED if draw < 0.9 else AdoptionStage.AGREED
        )
    if adopted_on < date(2026, 4, 1):
        return (
            AdoptionStage.INTRODUCED if draw < 0.55 else AdoptionStage.SUSTAINED if draw < 0.7 else AdoptionStage.AGREED
        )
    return AdoptionStage.AGREED if draw < 0.7 else AdoptionStage.INTRODUCED


def _moment(day):
    return timezone.make_aware(datetime.combine(day, time(11, 0)))


@dataclass(frozen=True)
class AdoptionPlan:
    project: str
    school: int
    adopted_on: date
    stage: str


def plan_adoptions(school_numbers):
    """The same adoptions on every machine: one fixed random seed, drawn over the office's school numbers."""
    rng = random.Random(2021)
    plans = []
    for project in PROJECTS:
        candidates = sorted(number for number in school_numbers if number != project.school)
        chosen = rng.sample(candidates, min(project.adopters, len(candidates)))
        start = max(project.started_on, YEAR_WINDOW[0])
        for index, number in enumerate(chosen):
            if index < project.earlier_adopters:
                adopted_on = _random_day(rng, *EARLIER_WINDOW)
                stage = AdoptionStage.SUSTAINED
            else:
                adopted_on = _random_day(rng, start, YEAR_WINDOW[1])
                stage = _stage_for(rng, adopted_on)
            if project.state == CLOSED:
                adopted_on, stage = date(2024, 5, 13), AdoptionStage.INTRODUCED
            plans.append(AdoptionPlan(project.title, number, adopted_on, stage))
    return plans


class _LeagueSeeder:
    def __init__(self, office):
        self.office = office
        self.schools = {school.number: school for school in School.objects.filter(office=office, number__isnull=False)}
        self.coordinator = User.objects.filter(username="methodist.kz").first()
        self.director = User.objects.filter(username="director.kz").first()

    def seed(self):
        league, _ = League.objects.get_or_create(
            office=self.office,
            name=LEAGUE_NAME,
            defaults={
                "coordinator": self.coordinator,
                "academic_year": ACADEMIC_YEAR,
                "target_projects": 20,
                "target_schools": 100,
            },
        )
        self.league = league
        self.seed_members()
        self.seed_directions()
        self.seed_projects()
        self.seed_adoptions()
        self.seed_events()
        return league

    def seed_members(self):
        for number, school in sorted(self.schools.items()):
            if number in NON_MEMBERS:
                continue
            LeagueMembership.objects.get_or_create(
                league=self.league, school=school, defaults={"joined_on": LATE_JOINERS.get(number, FOUNDED_ON)}
            )

    def seed_directions(self):
        self.directions = {}
        for order, (key, kazakh, kyrgyz, russian) in enumerate(DIRECTIONS, start=1):
            self.directions[key], _ = Direction.objects.get_or_create(
                league=self.league,
                name_ru=russian,
                defaults={"name_kk": kazakh, "name_ky": kyrgyz, "order": order},
            )

    def seed_projects(self):
        self.projects = {}
        for plan in PROJECTS:
            school = self.schools.get(plan.school)
            if school is None:
                continue
            self.projects[plan.title], _ = Project.objects.get_or_create(
                league=self.league,
                owner_school=school,
                title=plan.title,
                defaults={
                    "direction": self.directions[plan.direction],
                    "aim": plan.aim,
                    "description": plan.description,
                    "started_on": plan.started_on,
                    "state": plan.state,
                    "results": plan.results,
                    "created_by": self.director if plan.school == 278 else self.coordinator,
                },
            )

    def _contacts(self):
        """Each school's first active deputy director, or its director: the usual contact for a project."""
        contacts = {}
        staff = StaffMember.objects.filter(
            school__office=self.office,
            is_active=True,
            position__in=[Position.DEPUTY_DIRECTOR, Position.DIRECTOR],
        ).order_by("school_id", "position", "surname", "pk")  # "deputy_director" sorts before "director"
        for person in staff:
            contacts.setdefault(person.school_id, person)
        return contacts

    def seed_adoptions(self):
        contacts = self._contacts()
        plans = plan_adoptions(self.schools)
        self.step_back = next(
            (plan for plan in plans if plan.project == STEP_BACK[0] and plan.stage == AdoptionStage.INTRODUCED), None
        )
        for plan in plans:
            project = self.projects.get(plan.project)
            school = self.schools[plan.school]
            if project is None:
                continue
            adoption, created = Adoption.objects.get_or_create(
                project=project,
                school=school,
                defaults={
                    "adopted_on": plan.adopted_on,
                    "stage": plan.stage,
                    "contact_person": contacts.get(school.pk),
                    "created_by": self.coordinator,
                },
            )
            if created:
                self._history(adoption, plan)

    def _history(self, adoption, plan):
        steps = AdoptionStage.values[: AdoptionStage.values.index(plan.stage) + 1]
        changes = [("", steps[0], plan.adopted_on, "")]
        day = plan.adopted_on
        for previous, stage in zip(steps, steps[1:], strict=False):
            day += timedelta(days=45)
            changes.append((previous, stage, day, ""))
        if plan == self.step_back:
            day += timedelta(days=60)
            changes += [
                (AdoptionStage.INTRODUCED, AdoptionStage.SUSTAINED, day, ""),
                (AdoptionStage.SUSTAINED, AdoptionStage.INTRODUCED, day + timedelta(days=40), STEP_BACK[1]),
            ]
        for from_stage, to_stage, when, reason in changes:
            change = AdoptionStageChange.objects.create(
                adoption=adoption, from_stage=from_stage, to_stage=to_stage, changed_by=self.coordinator, reason=reason
            )
            # The history carries the day each step happened, not the day the demo was seeded.
            AdoptionStageChange.objects.filter(pk=change.pk).update(changed_at=_moment(min(when, date(2026, 6, 30))))

    def seed_events(self):
        for held_on, kind, topic, host, titles in EVENTS:
            host_school = self.schools.get(host)
            if host_school is None:
                continue
            event, created = LeagueEvent.objects.get_or_create(
                league=self.league, held_on=held_on, topic=topic, defaults={"kind": kind, "host_school": host_school}
            )
            if created:
                event.projects.set([self.projects[title] for title in titles if title in self.projects])


def _seed_organisations(offices):
    organisations = {}
    for plan in ORGANISATIONS:
        office = offices.get(plan.office)
        if office is None:
            continue
        organisation, _ = PartnerOrganisation.objects.get_or_create(
            office=office,
            name=plan.name,
            defaults={"kind": plan.kind, "country": plan.country, "contacts": plan.contacts},
        )
        organisations[plan.office, plan.name] = organisation
        for provider in Provider.objects.filter(office=office, name__in=plan.providers):
            ProviderLink.objects.get_or_create(provider=provider, defaults={"organisation": organisation})
    for plan in CONTRIBUTIONS:
        organisation = organisations.get((plan.office, plan.organisation))
        if organisation is None:
            continue
        contribution, created = Contribution.objects.get_or_create(
            organisation=organisation,
            kind=plan.kind,
            given_on=plan.given_on,
            defaults={"description": plan.description, "value": plan.value, "currency": plan.currency},
        )
        if created:
            office = organisation.office
            contribution.schools.set(School.objects.filter(office=office, number__in=plan.schools))
            contribution.courses.set(Course.objects.filter(office=office, title__in=plan.courses))


@transaction.atomic
def seed_partners():
    """Creates the demo league and partner organisations that do not exist yet; returns totals."""
    offices = {office.code: office for office in DistrictOffice.objects.filter(code__in=["АБ", "ҚО"])}
    if "ҚО" in offices:
        _LeagueSeeder(offices["ҚО"]).seed()
    _seed_organisations(offices)
    office_list = list(offices.values())
    return {
        "partner-directors leagues": League.objects.filter(office__in=office_list).count(),
        "league member schools": LeagueMembership.objects.filter(league__office__in=office_list).count(),
        "league projects": Project.objects.filter(league__office__in=office_list).count(),
        "project adoptions": Adoption.objects.filter(project__league__office__in=office_list).count(),
        "league events": LeagueEvent.objects.filter(league__office__in=office_list).count(),
        "partner organisations": PartnerOrganisation.objects.filter(office__in=office_list).count(),
        "partner contributions": Contribution.objects.filter(organisation__office__in=office_list).count(),
        "linked course providers": ProviderLink.objects.filter(organisation__office__in=office_list).count(),
    }
