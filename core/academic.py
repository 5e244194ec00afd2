"""The academic year: 1 September to 31 August, named by the year it starts in (2025 is 2025–2026)."""

from datetime import date

FIRST_MONTH = 9


def academic_year_of(day):
    """The year an academic year starts in: 15.11.2025 and 20.05.2026 both belong to 2025."""
    return day.year if day.month >= FIRST_MONTH else day.year - 1


def academic_year_bounds(year):
    """Its first and last day."""
    return date(year, FIRST_MONTH, 1), date(year + 1, FIRST_MONTH - 1, 31)


def academic_year_label(year):
    return f"{year}–{year + 1}"
