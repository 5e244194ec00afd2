"""What the methodical councils say, side by side in Kyrgyz, Kazakh and Russian: a council keeps its
minutes in its school's language of instruction (Russian where that is neither Kyrgyz nor Kazakh).

`AGENDAS` is the year's five meetings, each with its agenda items and what was resolved; `pack(language)`
gives the generator one language's wording.
"""

from dataclasses import dataclass

from methodcouncil.models import DocumentKind, RecommendationKind
from schools.demo.names import Said

LANGUAGES = ("ky", "kk", "ru")


said = Said


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


@dataclass(frozen=True)
class Agenda:
    plan_topic: Said
    items: list


@dataclass(frozen=True)
class Item:
    topic: Said
    decision: Said
    recommendation: str = ""


agenda, item = Agenda, Item

WORDING = {
    "council_name": said(
        ky="Усулдук кеңеш",
        kk="Әдістемелік кеңес",
        ru="Методический совет",
    ),
    "place": said(
        ky="Мугалимдер бөлмөсү",
        kk="Мұғалімдер бөлмесі",
        ru="Учительская",
    ),
    "heard": said(
        ky="«{topic}» маселеси боюнча маалымат берди.",
        kk="«{topic}» мәселесі бойынша баяндама жасады.",
        ru="Информация по вопросу «{topic}».",
    ),
    "award": said(
        ky="Билим берүү министрлигинин Ардак грамотасы",
        kk="Білім министрлігінің Құрмет грамотасы",
        ru="Почётная грамота министерства образования",
    ),
    "category": said(
        ky="Биринчи категория",
        kk="Педагог-сарапшы санаты",
        ru="Первая категория",
    ),
    "follow_up": said(
        ky="Маселе боюнча маалымат усулдук бирикмелерге жеткирилсин.",
        kk="Мәселе бойынша ақпарат әдістемелік бірлестіктерге жеткізілсін.",
        ru="Довести информацию до методических объединений.",
    ),
    "speeches": [
        said(ky="Сунушту колдоду.", kk="Ұсынысты қолдады.", ru="Поддержал(а) предложение."),
        said(
            ky="Усулдук бирикмелердин тажрыйбасын бөлүшүүнү сунуштады.",
            kk="Әдістемелік бірлестіктердің тәжірибесімен бөлісуді ұсынды.",
            ru="Предложил(а) обобщить опыт методических объединений.",
        ),
        said(
            ky="Мөөнөттөрдү тактоону сунуштады.", kk="Мерзімдерді нақтылауды ұсынды.", ru="Предложил(а) уточнить сроки."
        ),
    ],
    "absence_reasons": [
        said(ky="Ооруп калган", kk="Науқас", ru="Болезнь"),
        said(ky="Курста", kk="Курста", ru="На курсах"),
        said(ky="Иш сапарында", kk="Іссапарда", ru="В командировке"),
    ],
    "associations": [
        said(
            ky="Табигый жана так предметтер",
            kk="Жаратылыстану-математикалық пәндер",
            ru="Естественные и точные предметы",
        ),
        said(ky="Гуманитардык предметтер", kk="Гуманитарлық пәндер", ru="Гуманитарные предметы"),
        said(ky="Башталгыч класстар", kk="Бастауыш сыныптар", ru="Начальные классы"),
    ],
    "kindergarten_associations": [
        said(ky="Тарбиячылар", kk="Тәрбиешілер", ru="Воспитатели"),
    ],
    "documents": [
        (
            DocumentKind.REGULATION,
            said(
                ky="Усулдук кеңеш жөнүндө жобо",
                kk="Әдістемелік кеңес туралы ереже",
                ru="Положение о методическом совете",
            ),
        ),
        (
            DocumentKind.REGULATION,
            said(
                ky="Мугалимдердин квалификациясын жогорулатууну уюштуруу жөнүндө жобо",
                kk="Мұғалімдердің біліктілігін арттыруды ұйымдастыру туралы ереже",
                ru="Положение об организации повышения квалификации учителей",
            ),
        ),
        (
            DocumentKind.PLAN,
            said(
                ky="Усулдук кеңештин {year} окуу жылына иш планы",
                kk="Әдістемелік кеңестің {year} оқу жылына арналған жұмыс жоспары",
                ru="План работы методического совета на {year} учебный год",
            ),
        ),
        (
            DocumentKind.PROGRAMME,
            said(
                ky="Жаш адистер менен иштөө программасы",
                kk="Жас мамандармен жұмыс бағдарламасы",
                ru="Программа работы с молодыми специалистами",
            ),
        ),
    ],
}

# The meetings of a year, in their order: the plan's topic, then each agenda item and its decision.
AGENDAS = [
    agenda(
        plan_topic=said(
            ky="Окуу жылынын иш планын бекитүү",
            kk="Оқу жылының жұмыс жоспарын бекіту",
            ru="Утверждение плана работы на учебный год",
        ),
        items=[
            item(
                topic=said(
                    ky="Усулдук кеңештин окуу жылына карата иш планын талкуулоо жана бекитүү",
                    kk="Әдістемелік кеңестің оқу жылына арналған жұмыс жоспарын талқылау және бекіту",
                    ru="Обсуждение и утверждение плана работы методического совета на учебный год",
                ),
                decision=said(
                    ky="Иш планы бекитилсин жана педагогикалык кеңешке сунушталсын.",
                    kk="Жұмыс жоспары бекітілсін және педагогикалық кеңеске ұсынылсын.",
                    ru="Утвердить план работы и представить его педагогическому совету.",
                ),
            ),
            item(
                topic=said(
                    ky="Усулдук бирикмелердин жетекчилерин бекитүү",
                    kk="Әдістемелік бірлестік жетекшілерін бекіту",
                    ru="Утверждение руководителей методических объединений",
                ),
                decision=said(
                    ky="Усулдук бирикмелердин жетекчилери бекитилсин.",
                    kk="Әдістемелік бірлестік жетекшілері бекітілсін.",
                    ru="Утвердить руководителей методических объединений.",
                ),
            ),
            item(
                topic=said(
                    ky="Мугалимдердин квалификациясын жогорулатуу графигин түзүү",
                    kk="Мұғалімдердің біліктілігін арттыру кестесін құру",
                    ru="Составление графика повышения квалификации учителей",
                ),
                decision=said(
                    ky="Курстардан өтүүчү мугалимдердин тизмеси түзүлсүн; категорияга талапкерлер сунушталсын.",
                    kk="Курстан өтетін мұғалімдердің тізімі жасалсын; санатқа үміткерлер ұсынылсын.",
                    ru="Составить список учителей, направляемых на курсы; представить кандидатов на категорию.",
                ),
                recommendation=RecommendationKind.CATEGORY,
            ),
        ],
    ),
    agenda(
        plan_topic=said(
            ky="Жаш адистер менен иш",
            kk="Жас мамандармен жұмыс",
            ru="Работа с молодыми специалистами",
        ),
        items=[
            item(
                topic=said(
                    ky="Жаш адистерге насаатчыларды бекитүү",
                    kk="Жас мамандарға тәлімгерлер бекіту",
                    ru="Закрепление наставников за молодыми специалистами",
                ),
                decision=said(
                    ky="Ар бир жаш адиске насаатчы бекитилсин.",
                    kk="Әр жас маманға тәлімгер бекітілсін.",
                    ru="Закрепить наставника за каждым молодым специалистом.",
                ),
            ),
            item(
                topic=said(
                    ky="Биринчи чейректин жыйынтыктарын талдоо",
                    kk="Бірінші тоқсанның қорытындысын талдау",
                    ru="Анализ итогов первой четверти",
                ),
                decision=said(
                    ky="Үлгүрүмү төмөн окуучулар менен кошумча сабактар уюштурулсун.",
                    kk="Үлгерімі төмен оқушылармен қосымша сабақтар ұйымдастырылсын.",
                    ru="Организовать дополнительные занятия с неуспевающими учениками.",
                ),
            ),
        ],
    ),
    agenda(
        plan_topic=said(
            ky="Ачык сабактар жана усулдук күндөр",
            kk="Ашық сабақтар және әдістемелік күндер",
            ru="Открытые уроки и методические дни",
        ),
        items=[
            item(
                topic=said(
                    ky="Ачык сабактардын графигин бекитүү",
                    kk="Ашық сабақтар кестесін бекіту",
                    ru="Утверждение графика открытых уроков",
                ),
                decision=said(
                    ky="Ар бир усулдук бирикме бирден ачык сабак өткөрсүн.",
                    kk="Әр әдістемелік бірлестік бір ашық сабақ өткізсін.",
                    ru="Каждому методическому объединению провести по одному открытому уроку.",
                ),
            ),
            item(
                topic=said(
                    ky="Мектептик предметтик олимпиадалардын жыйынтыгы",
                    kk="Мектепішілік пән олимпиадаларының қорытындысы",
                    ru="Итоги школьных предметных олимпиад",
                ),
                decision=said(
                    ky="Жеңүүчүлөр райондук олимпиадага даярдалсын.",
                    kk="Жеңімпаздар аудандық олимпиадаға дайындалсын.",
                    ru="Подготовить победителей к районной олимпиаде.",
                ),
            ),
        ],
    ),
    agenda(
        plan_topic=said(
            ky="Аттестацияга даярдык",
            kk="Аттестаттауға дайындық",
            ru="Подготовка к аттестации",
        ),
        items=[
            item(
                topic=said(
                    ky="Мугалимдерди аттестацияга сунуштоо",
                    kk="Мұғалімдерді аттестаттауға ұсыну",
                    ru="Представление учителей к аттестации",
                ),
                decision=said(
                    ky="Аттестацияга сунушталган мугалимдердин тизмеси бекитилсин.",
                    kk="Аттестаттауға ұсынылған мұғалімдердің тізімі бекітілсін.",
                    ru="Утвердить список учителей, представляемых к аттестации.",
                ),
                recommendation=RecommendationKind.ATTESTATION,
            ),
            item(
                topic=said(
                    ky="Окуу программаларын талкуулоо",
                    kk="Оқу бағдарламаларын талқылау",
                    ru="Обсуждение рабочих программ",
                ),
                decision=said(
                    ky="Программалар педагогикалык кеңешке бекитүүгө сунушталсын.",
                    kk="Бағдарламалар педагогикалық кеңеске бекітуге ұсынылсын.",
                    ru="Рекомендовать программы педагогическому совету к утверждению.",
                ),
            ),
        ],
    ),
    agenda(
        plan_topic=said(
            ky="Окуу жылынын жыйынтыгы",
            kk="Оқу жылының қорытындысы",
            ru="Итоги учебного года",
        ),
        items=[
            item(
                topic=said(
                    ky="Усулдук кеңештин жылдык иши боюнча отчет",
                    kk="Әдістемелік кеңестің жылдық жұмысы туралы есеп",
                    ru="Отчёт о работе методического совета за год",
                ),
                decision=said(
                    ky="Отчет кабыл алынсын; алдыңкы тажрыйба жалпыланып, усулдук кабинетке жөнөтүлсүн.",
                    kk="Есеп қабылдансын; озық тәжірибе жинақталып, әдістемелік кабинетке жіберілсін.",
                    ru="Принять отчёт; обобщить передовой опыт и направить его в методический кабинет.",
                ),
            ),
            item(
                topic=said(
                    ky="Мугалимдерди сыйлыктарга сунуштоо",
                    kk="Мұғалімдерді марапаттауға ұсыну",
                    ru="Представление учителей к наградам",
                ),
                decision=said(
                    ky="Алдыңкы мугалимдер сыйлыкка сунушталсын.",
                    kk="Озат мұғалімдер марапатқа ұсынылсын.",
                    ru="Представить лучших учителей к награде.",
                ),
                recommendation=RecommendationKind.AWARD,
            ),
        ],
    ),
]


def pack(language):
    """The council's wording in one language."""

    def pick(text):
        return getattr(text, language)

    lists = ("speeches", "absence_reasons", "associations", "kindergarten_associations")
    return LanguagePack(
        **{name: pick(text) for name, text in WORDING.items() if name not in lists + ("documents",)},
        **{name: tuple(pick(text) for text in WORDING[name]) for name in lists},
        documents=tuple((pick(title), kind) for kind, title in WORDING["documents"]),
        meetings=tuple(
            MeetingText(
                pick(meeting.plan_topic),
                tuple(ItemText(pick(i.topic), pick(i.decision), i.recommendation) for i in meeting.items),
            )
            for meeting in AGENDAS
        ),
    )


PACKS = {language: pack(language) for language in LANGUAGES}
