"""Each school's staff: who works there (positions and subjects), their names, hire dates and contacts.

`plan_school_staff` draws from the random generator in a fixed order, so a school gets the same people on
every machine; the people behind the demo accounts (`KNOWN_STAFF`) take the place of generated ones.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from schools.demo.names import KAZAKH_NAMES, KYRGYZ_NAMES, UZBEK_NAMES, gender_of, in_latin, person_name, words
from schools.demo.places import KK, KY, MIXED, PRESCHOOL, RU, UZ
from schools.models import Country, Position

# Generated hire dates stop here rather than at today's date, so the data never depends on when it is seeded.
LATEST_HIRE_DATE = date(2026, 9, 1)

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
FIRST, SECOND = "first language", "second language"  # stand for the school's two taught languages
# The subject teachers a school needs, most needed first: a small school has only the first ones.
TEACHING_LOADS = [
    FIRST,
    FIRST,
    ("mathematics",),
    ("algebra", "geometry"),
    SECOND,
    ("english",),
    ("physics",),
    ("chemistry",),
    ("biology",),
    ("history", "social-studies"),
    ("geography",),
    ("informatics",),
    ("physical-education",),
    FIRST,
    ("technology",),
    ("algebra", "geometry"),
    SECOND,
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


def _teaching_loads(country, instruction_language):
    first, second = (LANGUAGE_SUBJECTS[code] for code in TAUGHT_LANGUAGES[country, instruction_language])
    return [{FIRST: first, SECOND: second}.get(load, load) for load in TEACHING_LOADS]


# ---------------------------------------------------------------------------------------------------------
# People
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
        return gender_of(self.surname, self.patronymic)


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

# Shares of women by position (most teachers are women), and the mobile operators' prefixes of each country.
FEMALE_SHARE = {Position.DIRECTOR: 0.5, Position.DEPUTY_DIRECTOR: 0.7}
FEMALE_SHARE_ELSEWHERE, FEMALE_SHARE_YOUNGEST_CLASSES = 0.8, 0.97
CONTACTS = {
    Country.KYRGYZSTAN: (words("gmail.com mail.ru mail.kg"), words("555 550 700 705 770 772 777 990 997 220")),
    Country.KAZAKHSTAN: (words("gmail.com mail.ru mail.kz"), words("701 702 705 707 747 771 775 777 778")),
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
    """About a third leave an e-mail address and most a mobile number."""
    email_roll, phone_roll = rng.random(), rng.random()
    number = rng.randint(1, 99)
    domains, operators = CONTACTS[country]
    domain, operator = rng.choice(domains), rng.choice(operators)
    if country == Country.KYRGYZSTAN:
        digits = [rng.randint(10, 99) for _ in range(3)]
        phone = f"+996 {operator} {digits[0]} {digits[1]} {digits[2]}"
    else:
        digits = [rng.randint(100, 999), rng.randint(10, 99), rng.randint(10, 99)]
        phone = f"+7 {operator} {digits[0]} {digits[1]} {digits[2]}"
    email = f"{in_latin(given_name)}.{in_latin(surname.split()[0])}{number}@{domain}"
    return (email if email_roll < 0.35 else ""), (phone if phone_roll < 0.85 else "")


def _positions(rng, country, plan, size):
    """The school's posts and their subjects: a kindergarten has educators; a school a director, deputies,
    a librarian, primary teachers (about a fifth) and subject teachers."""
    if plan.kind == PRESCHOOL:
        return [(Position.DIRECTOR, ())] + [(Position.PRESCHOOL_EDUCATOR, ("preschool",))] * (size - 1)
    loads = _teaching_loads(country, plan.language)
    deputies = 1 if size < 25 else 2
    primary = max(3, round(size * 0.21) + rng.randint(-1, 1))
    subject_teachers = size - 2 - deputies - primary
    teaching = loads[:subject_teachers] + [rng.choice(EXTRA_LOADS) for _ in range(subject_teachers - len(loads))]
    return [
        (Position.DIRECTOR, rng.choice(loads[:10])[:1] if rng.random() < 0.5 else ()),
        *[(Position.DEPUTY_DIRECTOR, rng.choice(loads[:12])[:1]) for _ in range(deputies)],
        (Position.LIBRARIAN, ()),
        *[(Position.PRIMARY_TEACHER, ("primary-classes",))] * primary,
        *[(Position.SUBJECT_TEACHER, load) for load in teaching],
    ]


def _name_pool(rng, country, plan):
    if country == Country.KAZAKHSTAN:
        return KAZAKH_NAMES
    if plan.language == UZ and rng.random() < 0.6:
        return UZBEK_NAMES
    return KYRGYZ_NAMES


def plan_school_staff(rng, country, plan):
    """Positions, names, subjects and dates of one school's staff; draws from `rng` in a fixed order."""
    staff, keys = [], set()
    for position, subjects in _positions(rng, country, plan, rng.randint(*plan.size)):
        female_share = FEMALE_SHARE.get(position, FEMALE_SHARE_ELSEWHERE)
        if position in (Position.PRESCHOOL_EDUCATOR, Position.PRIMARY_TEACHER):
            female_share = FEMALE_SHARE_YOUNGEST_CLASSES
        pool = _name_pool(rng, country, plan)
        female = rng.random() < female_share
        experienced = position in (Position.DIRECTOR, Position.DEPUTY_DIRECTOR)
        while True:  # two people with the same name hired the same day would share a natural key
            surname, given_name, patronymic = person_name(rng, pool, female)
            hired = _hire_date(rng, experienced)
            if (surname, given_name, patronymic, hired) not in keys:
                break
        keys.add((surname, given_name, patronymic, hired))
        email, phone = _contacts(rng, country, surname, given_name)
        is_active = experienced or rng.random() > 0.03
        person = StaffPlan(surname, given_name, patronymic, position, hired, tuple(subjects), is_active, email, phone)
        staff.append(person)
    return staff


def with_known_staff(staff, known):
    """The generated staff with each known person in place of the first generated one of their position."""
    replaced = set()
    for person in known:
        index = next(i for i, planned in enumerate(staff) if planned.position == person.position and i not in replaced)
        staff[index] = person
        replaced.add(index)
    return staff
