"""Small factories for the mentor–mentee school: each makes one valid object and takes overrides."""

import itertools
from datetime import date, datetime, time
from io import BytesIO
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from mentorship.models import (
    Activity,
    MentorAppointment,
    MentorshipSettings,
    Pair,
    PlanItem,
    Track,
    WorkPlan,
    two_years_later,
)

_sequence = itertools.count(1)


def make_track(office, **fields):
    number = next(_sequence)
    defaults = {
        "code": f"track-{number}",
        "name_ky": "Табигый жана так предметтер",
        "name_kk": "Жаратылыстану-математикалық пәндер",
        "name_ru": "Естественные и точные предметы",
        "order": number,
    }
    return Track.objects.create(office=office, **{**defaults, **fields})


def make_appointment(staff_member, track=None, **fields):
    track = track or make_track(staff_member.school.office)
    starts_on = fields.pop("starts_on", date(2025, 9, 1))
    defaults = {
        "order_number": "№18",
        "order_date": starts_on,
        "starts_on": starts_on,
        "ends_on": two_years_later(starts_on),
        "achievements": "«Мыкты мугалим» райондук сынагынын жеңүүчүсү",
    }
    return MentorAppointment.objects.create(staff_member=staff_member, track=track, **{**defaults, **fields})


def make_pair(appointment, mentee, **fields):
    defaults = {
        "starts_on": max(appointment.starts_on, date(2025, 9, 15)),
        "ends_on": appointment.ends_on,
        "goals": "Сабакты пландаштыруу",
    }
    return Pair.objects.create(
        appointment=appointment, mentee=mentee, track=appointment.track, **{**defaults, **fields}
    )


def local(day, hour=10, minute=0, zone="Asia/Bishkek"):
    return datetime.combine(day, time(hour, minute), tzinfo=ZoneInfo(zone))


def make_activity(office, **fields):
    defaults = {
        "kind": "seminar",
        "topic": "Лабораториялык иштер",
        "starts_at": local(date(2026, 3, 3)),
    }
    participants = fields.pop("participants", ())
    activity = Activity.objects.create(office=office, **{**defaults, **fields})
    if participants:
        activity.participants.set(participants)
    return activity


def make_plan(office, year=2019, **fields):
    return WorkPlan.objects.create(office=office, academic_year=year, **fields)


def make_plan_item(plan, **fields):
    defaults = {"what": "Насаатчылардын угуусу", "planned_month": date(plan.academic_year + 1, 3, 1)}
    return PlanItem.objects.create(plan=plan, **{**defaults, **fields})


def set_limit(office, limit):
    settings_row = MentorshipSettings.for_office(office.pk)
    settings_row.max_mentees_per_mentor = limit
    settings_row.save()
    return settings_row


def image_bytes(kind="JPEG", size=(1600, 1200), color=(30, 120, 200)):
    buffer = BytesIO()
    Image.new("RGB", size, color).save(buffer, kind)
    return buffer.getvalue()


def photo_upload(name="photo.jpg", content=None):
    return SimpleUploadedFile(name, content if content is not None else image_bytes(), content_type="image/jpeg")
