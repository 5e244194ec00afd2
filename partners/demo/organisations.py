"""The offices' partner organisations (seed 001) and what they gave, as tables.

ADB, USAID and GIZ in both offices; the NGOs «Баястан» and «Ала-Тоо өнүктүрүү» and the training centres
behind the qualification catalogue's providers in Ala-Buka; «Өрлеу» and a local business in Kyzylorda. A
provider is linked only if the qualification demo created it. Every row is looked up by its natural key
first, so running the seeding again changes nothing.
"""

from dataclasses import dataclass
from datetime import date

from partners.models import (
    Contribution,
    ContributionKind,
    Currency,
    OrganisationKind,
    PartnerOrganisation,
    ProviderLink,
)
from qualification.demo.catalogue import OFFICES as CATALOGUES
from qualification.models import Course, Provider
from schools.models import School

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


@dataclass(frozen=True)
class OrganisationPlan:
    office: str
    name: str
    kind: str
    country: str
    contacts: str = ""
    providers: tuple = ()  # keys of the office's qualification providers run by this organisation


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


def contribution(office, organisation, kind, given_on, description, **what):
    return ContributionPlan(office, organisation, kind, description, date.fromisoformat(given_on), **what)


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

# fmt: off
ORGANISATIONS = [
    OrganisationPlan("АБ", ADB_AB, DONOR, "Филиппин", "adb.org · Кыргызстандагы туруктуу өкүлчүлүк, Бишкек шаары"),
    OrganisationPlan("АБ", USAID_AB, DONOR, "АКШ", "«Сапаттуу билим» долбоору, Бишкек шаары"),
    OrganisationPlan("АБ", GIZ_AB, DONOR, "Германия", "giz.de · Бишкек шаары"),
    OrganisationPlan("АБ", BAYASTAN, NGO, "Кыргызстан", "Өкмөттүк эмес уюм"),
    OrganisationPlan("АБ", ALA_TOO, NGO, "Кыргызстан", "Өкмөттүк эмес уюм"),
    OrganisationPlan("АБ", NARYN, TRAINING, "Кыргызстан",
                     "Борбордун директору Бусурманкулова Жаныл Абдимуталиповна · Нарын шаары", providers=("naryn",)),
    OrganisationPlan("АБ", OSUU, TRAINING, "Кыргызстан", "Жалал-Абад облусу", providers=("osuu",)),
    OrganisationPlan("АБ", MENTOR, TRAINING, "Кыргызстан", "Жалал-Абад облусу", providers=("mentor",)),
    OrganisationPlan("ҚО", ADB_KZ, DONOR, "Филиппин", "adb.org · Қазақстандағы тұрақты өкілдік, Астана қаласы"),
    OrganisationPlan("ҚО", USAID_KZ, DONOR, "АҚШ", "Орталық Азиядағы өңірлік миссия, Алматы қаласы"),
    OrganisationPlan("ҚО", GIZ_KZ, DONOR, "Германия", "giz.de · Астана қаласы"),
    OrganisationPlan("ҚО", ORLEU, TRAINING, "Қазақстан", "Қызылорда филиалы", providers=("orleu",)),
    OrganisationPlan("ҚО", SYR, BUSINESS, "Қазақстан", "Жергілікті кәсіпорын, Қызылорда қаласы"),
]

CONTRIBUTIONS = [
    contribution("АБ", ADB_AB, EQUIPMENT, "2019-10-15",
                 "Акыркы моделдеги 12 компьютер комплектиси, лингофондук кабинет, акылдуу такта жана окуу "
                 "процессине пайдаланыла турган башка электрондук-техникалык каражаттар.",
                 schools=(2, 9, 27)),
    contribution("АБ", ADB_AB, TRAININGS, "2017-01-09",
                 "«Куррикулум» боюнча окутуу: жаңыланган предметтик стандарттар менен иштөө.",
                 courses=("Предметтик стандарттарга негизделген окутуу жана баалоо",)),
    contribution("АБ", USAID_AB, EQUIPMENT, "2021-03-01",
                 "«Сапаттуу билим» долбоору: техникалык окуу каражаттары.",
                 schools=(1, 10, 23)),
    contribution("АБ", USAID_AB, PROGRAMME, "2021-09-06",
                 "«Сапаттуу билим» долбоору менен бирдикте мугалимдерди билим берүүдө жаңыча иш алып барууга "
                 "даярдоо."),
    contribution("АБ", GIZ_AB, EQUIPMENT, "2022-02-14",
                 "Физика, химия жана биология кабинеттери үчүн лабораториялык жабдуулар.",
                 schools=(1, 10)),
    contribution("АБ", BAYASTAN, TRAININGS, "2023-04-18",
                 "Мугалимдер жана мектеп жетекчилери үчүн семинар-тренингдер.",
                 schools=(2, 6, 14)),
    contribution("АБ", ALA_TOO, PROGRAMME, "2023-10-09",
                 "Алдыңкы педагогикалык тажрыйбаларды жайылтуу программасы.",
                 schools=(2, 9, 27)),
    contribution("АБ", OSUU, TRAININGS, "2023-01-14",
                 "Бир жумалык 72 сааттык компьютердик сабаттуулук курсу: 191 мугалим сертификат алды.",
                 courses=("Компьютердик сабаттуулук",)),
    contribution("АБ", MENTOR, TRAININGS, "2018-03-05",
                 "Акылдуу такта менен иштөө боюнча семинар: 5 мектептен 155 мугалим окуду.",
                 schools=(1, 2, 3, 4, 10), courses=("Интерактивдүү доска менен иштөө",)),
    contribution("ҚО", ADB_KZ, EQUIPMENT, "2020-09-14",
                 "Компьютер сыныптары мен интерактивті тақталар.",
                 schools=(3, 278, 101)),
    contribution("ҚО", USAID_KZ, PROGRAMME, "2024-10-07",
                 "Оқу сауаттылығын арттыру бағдарламасы: мектеп кітапханаларына арналған әдістемелік жинақтар.",
                 schools=(176, 189, 247)),
    contribution("ҚО", GIZ_KZ, EQUIPMENT, "2021-09-01",
                 "Кәсіптік бағдар беру зертханасына арналған жабдықтар («Кәсіпкерлік мектеп» пилоттық жобасы "
                 "үшін).",
                 schools=(278,)),
    contribution("ҚО", ORLEU, TRAININGS, "2017-01-09",
                 "Жаңартылған білім беру мазмұны бойынша біліктілікті арттыру курстары.",
                 courses=("Критериалды бағалау жүйесі",)),
    contribution("ҚО", SYR, FUNDING, "2024-04-05",
                 "Жылыжай кешеніне көшет пен тамшылатып суару жүйесін сатып алуға демеушілік.",
                 schools=(101,), value=1_200_000, currency=Currency.KZT),
]
# fmt: on


def _provider_names(plan):
    """The names the qualification demo gives the providers this organisation runs."""
    catalogue = next((office for office in CATALOGUES if office.code == plan.office), None)
    if catalogue is None:
        return []
    return [provider.name for provider in catalogue.providers if provider.key in plan.providers]


def seed_organisations(offices):
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
        for provider in Provider.objects.filter(office=office, name__in=_provider_names(plan)):
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
