"""Values from the cells of an imported row: text, dates and personal numbers, each checked on its own.

A cell that cannot be used raises `RowProblem` with a message for the row's error list; the row's other cells are
still read, so one pass over a file names every mistake in it.
"""

import re
from datetime import date, datetime, time, timedelta

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core import clock
from core.bounds import EARLIEST_DATE


class RowProblem(Exception):
    """One cell cannot be used; the message goes into the row's error list."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


# Latin letters that people type for the Cyrillic (and Kyrgyz or Kazakh) letters they look like.
LOOKALIKES = str.maketrans(
    {
        **dict(zip("aeopcxykhmtbi", "аеорсхукһмтьі", strict=True)),
        **dict(zip("ABCEHKMOPTXYI", "АВСЕНКМОРТХУІ", strict=True)),
        **dict(zip("öÖüÜəƏŋŊɵƟ", "өӨүҮәӘңҢөӨ", strict=True)),
    }
)
LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u02af]")
CYRILLIC_LETTER = re.compile(r"[\u0400-\u052f]")
WORD = re.compile(r"[^\W\d_]+")
INVISIBLE = re.compile("[\u200b\u200c\u200d\ufeff\u00ad]")


def clean_text(value):
    """A cell as text: surrounding spaces stripped, runs of spaces (non-breaking ones too) made single."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(INVISIBLE.sub("", str(value)).split())


def fix_lookalikes(text):
    """Replaces Latin look-alike letters inside otherwise Cyrillic words; returns (text, whether anything changed)."""
    if not (LATIN_LETTER.search(text) and CYRILLIC_LETTER.search(text)):
        return text, False
    changed = False

    def replace(match):
        nonlocal changed
        word = match.group(0)
        if not (CYRILLIC_LETTER.search(word) and LATIN_LETTER.search(word)):
            return word
        fixed = word.translate(LOOKALIKES)
        if LATIN_LETTER.search(fixed):
            return word  # a Latin letter without a Cyrillic twin: the word is left for a person to judge
        changed = True
        return fixed

    return WORD.sub(replace, text), changed


def name_key(text):
    return text.lower().replace("ё", "е")


def header_key(text):
    text = fix_lookalikes(clean_text(text))[0]
    return " ".join(re.sub(r"[\W_]+", " ", name_key(text)).split())


EXCEL_EPOCH = date(1899, 12, 30)
DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?")
YEAR_MONTH_DAY = re.compile(r"(\d{4})[-./](\d{1,2})[-./](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
YEAR_WORD = re.compile(r"\s*(?:г|ж|жыл|жылы)\.?$")


def parse_date(value):
    """A date from a cell: an Excel date, an Excel day number, or text as dd.mm.yyyy or yyyy-mm-dd; None if empty."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _excel_day(value)
    if isinstance(value, time):
        raise RowProblem(_("“%(value)s” is not a date; write it as dd.mm.yyyy.") % {"value": value})
    text = YEAR_WORD.sub("", clean_text(value))
    if not text:
        return None
    if text.isdigit() and len(text) == 5:
        return _excel_day(int(text))
    for pattern, order in ((DAY_MONTH_YEAR, (2, 1, 0)), (YEAR_MONTH_DAY, (0, 1, 2))):
        match = pattern.fullmatch(text)
        if match:
            parts = [int(part) for part in match.groups()]
            try:
                return _plausible(date(parts[order[0]], parts[order[1]], parts[order[2]]))
            except ValueError:
                break
    raise RowProblem(_("“%(value)s” is not a date; write it as dd.mm.yyyy.") % {"value": text})


def _excel_day(number):
    try:
        return _plausible(EXCEL_EPOCH + timedelta(days=int(number)))
    except (OverflowError, ValueError):
        raise RowProblem(_("“%(value)s” is not a date; write it as dd.mm.yyyy.") % {"value": number}) from None


def _plausible(day):
    if day < EARLIEST_DATE:
        raise RowProblem(_("%(date)s is too early to be right; check the date.") % {"date": day.strftime("%d.%m.%Y")})
    return day


DIGITS = re.compile(r"[0-9]+")
IIN_SECOND_WEIGHTS = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)
IIN_CENTURIES = {"1": 1800, "2": 1800, "3": 1900, "4": 1900, "5": 2000, "6": 2000}


def iin_check_digit(first_eleven):
    """The Kazakh IIN's 12th digit from the first 11; None when the number cannot have one (it is invalid)."""
    digits = [int(digit) for digit in first_eleven]
    control = sum(digit * weight for digit, weight in zip(digits, range(1, 12), strict=True)) % 11
    if control == 10:
        control = sum(digit * weight for digit, weight in zip(digits, IIN_SECOND_WEIGHTS, strict=True)) % 11
    return None if control == 10 else control


def _birth_date(year, month, day):
    try:
        born = date(year, month, day)
    except ValueError:
        return None
    return born if born <= clock.today() else None


def personal_number_problem(number):
    """Why a 12- or 14-digit string is not a valid Kazakh IIN or Kyrgyz PIN; None when it is valid."""
    if len(number) == 14:
        if number[0] not in "12":
            return _("A Kyrgyz PIN starts with 1 or 2.")
        if not _birth_date(int(number[5:9]), int(number[3:5]), int(number[1:3])):
            return _("Digits 2 to 9 of a Kyrgyz PIN are the birth date (ddmmyyyy); %(digits)s is not one.") % {
                "digits": number[1:9]
            }
        return None
    if len(number) == 12:
        century = IIN_CENTURIES.get(number[6])
        if century is None:
            return _("The 7th digit of a Kazakh IIN (century and sex) must be 1 to 6.")
        if not _birth_date(century + int(number[0:2]), int(number[2:4]), int(number[4:6])):
            return _("The first 6 digits of a Kazakh IIN are the birth date (yymmdd); %(digits)s is not one.") % {
                "digits": number[:6]
            }
        if iin_check_digit(number[:11]) != int(number[11]):
            return _("The check digit of this Kazakh IIN is wrong; look for a mistyped digit.")
        return None
    return ngettext(
        "A personal number has 14 digits (Kyrgyz PIN) or 12 digits (Kazakh IIN); this one has %(count)s digit.",
        "A personal number has 14 digits (Kyrgyz PIN) or 12 digits (Kazakh IIN); this one has %(count)s digits.",
        len(number),
    ) % {"count": len(number)}


def parse_personal_number(value):
    """Digits of a valid PIN or IIN, or "" for an empty cell; raises RowProblem otherwise."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    number = re.sub(r"[\s\-]", "", clean_text(value))
    if not number:
        return ""
    if not DIGITS.fullmatch(number):
        raise RowProblem(_("A personal number has only digits; “%(value)s” has other characters.") % {"value": number})
    if len(number) == 11:
        # Spreadsheets drop the leading zero of an IIN of someone born in 2000–2009 when it is stored as a number.
        number = "0" + number
    problem = personal_number_problem(number)
    if problem:
        raise RowProblem(problem)
    return number


# Columns ------------------------------------------------------------------------------------------------------
