"""Factories for the methodical council: each makes one valid object and takes overrides as keyword arguments."""

from datetime import date, timedelta

from core.academic import academic_year_of
from methodcouncil.models import AgendaItem, Attendance, Council, CouncilMember, CouncilRole, Decision, Meeting
from tests import factories


def current_year():
    return academic_year_of(date.today())


def a_day_this_year(days_ago=0):
    """A date in the current academic year, up to today: the last day in it that is `days_ago` before today."""
    day = date.today() - timedelta(days=days_ago)
    starts = date(current_year(), 9, 1)
    return max(day, starts)


def make_council(school, academic_year=None, **fields):
    defaults = {"name": "Усулдук кеңеш", "academic_year": academic_year or current_year()}
    return Council.objects.create(office=school.office, school=school, **{**defaults, **fields})


def make_district_council(office, academic_year=None, **fields):
    defaults = {"name": "Райондук усулдук кеңеш", "academic_year": academic_year or current_year()}
    return Council.objects.create(office=office, school=None, **{**defaults, **fields})


def make_member(council, staff_member=None, role=CouncilRole.MEMBER):
    staff_member = staff_member or factories.make_staff(council.school, surname="Сатыбалдиева")
    return CouncilMember.objects.create(council=council, staff_member=staff_member, role=role)


def make_meeting(council, **fields):
    number = fields.pop("number", None) or (council.meetings.count() + 1)
    defaults = {"date": a_day_this_year() if council.academic_year == current_year() else council.starts_on}
    return Meeting.objects.create(council=council, number=number, **{**defaults, **fields})


def make_item(meeting, topic="Окуу планын талкуулоо", **fields):
    order = fields.pop("order", None) or (meeting.agenda_items.count() + 1)
    return AgendaItem.objects.create(meeting=meeting, topic=topic, order=order, **fields)


def make_decision(item, **fields):
    defaults = {"text": "Сунуштарды ишке ашыруу"}
    return Decision.objects.create(agenda_item=item, **{**defaults, **fields})


def make_attendance(meeting, staff_member, present=True, reason=""):
    return Attendance.objects.create(meeting=meeting, staff_member=staff_member, present=present, absence_reason=reason)
