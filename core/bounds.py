"""Plausible values, declared once: the earliest date a record can carry, how far ahead a plan may reach, the
largest school number. Model fields name these validators; the database checks the ones other records rely on
(a hire date, a completion date, a school number).
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from core import clock

EARLIEST_DATE = datetime.date(1940, 1, 1)
YEARS_AHEAD = 5
LARGEST_SCHOOL_NUMBER = 9999


@deconstructible
class PlausibleDate:
    """Refuses a date before 1940 and, unless `years_ahead` is None, one more than that many years after today."""

    def __init__(self, years_ahead=YEARS_AHEAD):
        self.years_ahead = years_ahead

    def __call__(self, value):
        day = value.date() if isinstance(value, datetime.datetime) else value
        shown = day.strftime("%d.%m.%Y")
        if day < EARLIEST_DATE:
            raise ValidationError(
                _("%(date)s is too early to be right; check the date."), code="too_early", params={"date": shown}
            )
        if self.years_ahead is not None:
            today = clock.today()
            try:
                latest = today.replace(year=today.year + self.years_ahead)
            except ValueError:  # 29 February, in a year that has none
                latest = today.replace(year=today.year + self.years_ahead, day=28)
            if day > latest:
                raise ValidationError(
                    _("%(date)s is too far ahead to be right; check the year."), code="too_late", params={"date": shown}
                )

    def __eq__(self, other):
        return isinstance(other, PlausibleDate) and other.years_ahead == self.years_ahead


# Dates that have happened (a hire, a completion): not before 1940; the model's clean refuses the future.
SINCE_1940 = PlausibleDate(years_ahead=None)
# Dates that may be planned (a term, a course, a deadline): not before 1940, at most five years ahead.
WITHIN_REACH = PlausibleDate()
