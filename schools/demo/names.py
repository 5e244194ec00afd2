"""The people's names: a pool per people of the two districts, and how a full name is put together.

Surnames are the male forms (the female form adds "а"); `fathers` are the given names patronymics are
formed from. Kazakh patronymics are mostly -ұлы / -қызы joined to the father's name; in Kyrgyzstan a few
people are "Жумабек уулу" / "Жумабек кызы", without a surname.
"""

from dataclasses import dataclass
from typing import NamedTuple


def words(text):
    """The words of a block of text: a table of one-word names reads as prose, not as a list of quotes."""
    return text.split()


class Said(NamedTuple):
    """A name or a text in the three languages of the demo (offices, tracks, directions, minutes)."""

    ky: str
    kk: str
    ru: str


@dataclass(frozen=True)
class NamePool:
    surnames: list[str]
    male: list[str]
    female: list[str]
    fathers: list[str]
    patronymic_style: str  # "russian", or "kazakh"
    uulu_share: float = 0.0  # share of people named after their father, without a surname or patronymic


KYRGYZ_NAMES = NamePool(
    surnames=words(
        """
        Асанов Бусурманкулов Өмүров Токтогулов Жумабеков Сатыбалдиев Мамытов Осмонов Эргешов Абдыкадыров
        Кочкорбаев Акматов Турдубаев Бекболотов Карыпбеков Мырзабеков Ташиев Жээнбеков Үсөнов Орозбеков
        Сыдыков Мамбеталиев Дөөлөтбеков Жаңыбаев Төрөкулов Кенжебаев Абдрахманов Нурматов Исаков
        Султанов Бөлөкбаев Төлөгөнов Сүйүнбаев Калыков Шаршенов Алымкулов
        """
    ),
    male=words(
        """
        Бакыт Нурбек Азамат Бактыбек Жумабек Кубанычбек Талант Адилет Алмаз Улан Эрмек Мирлан Чыңгыз
        Нурлан Бекболот Темирлан Өмүрбек Үсөн Мелис Санжар Дөөлөт Эркин Жаңыбек Майрамбек Курманбек
        Тилек Бектур
        """
    ),
    female=words(
        """
        Жаныл Айгүл Гүлнара Жылдыз Нурзат Айпери Бермет Чолпон Динара Мээрим Асел Гүлзат Айзада Нургүл
        Үмүт Бүбүсара Назгүл Элмира Канышай Сезим Жибек Айжамал Бактыгүл Гүлмира Жаңылай Сүйүмкан
        Күмүшай Бурул Таттыгүл Апал
        """
    ),
    fathers=words(
        """
        Абдимуталип Токтосун Жумабек Кубанычбек Асан Үсөн Сатыбалды Мамыт Осмон Эргеш Кадыр Бекболот
        Шаршен Төлөгөн Сүйүн Калык Өмүрзак Алымкул Турдакун Жолдош Чынгыз Бакыт Эсен Мукаш Токтомуш
        Акылбек
        """
    ),
    patronymic_style="russian",
    uulu_share=0.07,
)
UZBEK_NAMES = NamePool(
    surnames=words(
        """
        Юсупов Каримов Рахимов Мирзаев Эшматов Ахмедов Турсунов Холматов Назаров Абдуллаев Маматкулов
        Умаров Исмаилов Хамидов
        """
    ),
    male=words("Шерзод Бахтиёр Улугбек Азиз Жасур Рустам Фаррух Ильхом Даврон Нодир"),
    female=words("Шахноза Дилноза Зарина Феруза Гулчехра Мухаббат Нилуфар Дилфуза Малика Мохира Гулнора"),
    fathers=words("Юсуп Карим Рахим Эшмат Ахмед Турсун Холмат Назар Умар Шавкат Алишер"),
    patronymic_style="russian",
)
KAZAKH_NAMES = NamePool(
    surnames=words(
        """
        Жұмабеков Нұрланов Тәжібаев Сәрсенбаев Әбдірахманов Қасымов Оспанов Бекмұханбетов Төлеуов
        Ержанов Ахметов Мұсабеков Байжанов Құдайбергенов Әлімжанов Серікбаев Ғабитов Үсенов Шәріпов
        Ілиясов Нұрмағамбетов Омаров Жақсылықов Сейітов Қожахметов Әбілов Есімов Тұрсынов Бердібеков
        Дүйсенов
        """
    ),
    male=words(
        """
        Ерлан Бағдат Серік Нұрлан Асқар Дәулет Ержан Марат Бауыржан Қайрат Талғат Ғалым Әділет Мұрат
        Жандос Санжар Нұржан Айдос Бекзат Қанат Рүстем Ілияс Жиһангер Арман Сәкен Болат Әлібек Ермек
        Өмірзақ
        """
    ),
    female=words(
        """
        Әсел Гүлнар Айгүл Жанар Динара Сәуле Мөлдір Ақмарал Гүлмира Айжан Назерке Салтанат Жұлдыз
        Қарлығаш Әйгерім Шаһизада Ләззат Аружан Маржан Индира Балжан Күлпаш Раушан Ботагөз Меруерт
        Гүлжан
        """
    ),
    fathers=words(
        """
        Серік Бағдат Сәкен Нұрлан Ерлан Асқар Марат Қайрат Болат Мұрат Ермек Жанат Бақыт Тұрсын
        Әбдірахман Қанат Ғалым Дәулет Талғат Өмірзақ Есен Бауыржан Жақсылық Әлібек Төлеген Нұрсұлтан
        """
    ),
    patronymic_style="kazakh",
)


def person_name(rng, pool, female):
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


def gender_of(surname, patronymic):
    """As the demo's names are formed: a patronymic (or "кызы"/"уулу") says it."""
    name = f"{surname} {patronymic}"
    if name.endswith(("овна", "евна", "қызы", "кызы")):
        return "female"
    if name.endswith(("ович", "евич", "ұлы", "уулу")):
        return "male"
    return ""


def full_name(person):
    """Surname, given name and patronymic, as minutes and lists print them."""
    return " ".join(part for part in (person.surname, person.given_name, person.patronymic) if part)


# Cyrillic letters of the three languages in Latin, for e-mail addresses.
LATIN = dict(
    zip(
        "абвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщыіэюяә",
        words("a b v g g d e yo zh z i y k q l m n ng o o p r s t u u u f kh h ts ch sh sch y i e yu ya a"),
        strict=True,
    )
)


def in_latin(text):
    return "".join(LATIN.get(letter, "") for letter in text.lower())
