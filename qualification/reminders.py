"""Reminders by e-mail. Each person is reminded 90, 60 and 30 days before their course falls due, once each,
and monthly while it is overdue; each director gets the school's digest once a month. Safe to run daily:
a reminder is recorded as it is sent, and never sent twice. A person who turned reminders off gets none."""

from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import translation

from core import clock
from core.scoping import Role
from qualification.digest import WINDOWS, school_digest
from qualification.models import ReminderSent
from qualification.renewal import attach_due_dates, with_renewal
from schools.models import DistrictOffice, School, StaffMember, User

DUE_KINDS = {30: ReminderSent.Kind.DUE_30, 60: ReminderSent.Kind.DUE_60, 90: ReminderSent.Kind.DUE_90}


def _send_once(kind, recipient, day, language, template, context):
    """Sends unless this reminder went out already; a failed send is not recorded, so it is retried."""
    try:
        with transaction.atomic():
            ReminderSent.objects.create(kind=kind, recipient=recipient.lower(), month=day)
            with translation.override(language or settings.LANGUAGE_CODE):
                subject = render_to_string(f"qualification/email/{template}_subject.txt", context).strip()
                body = render_to_string(f"qualification/email/{template}.txt", context)
            send_mail(subject, body, None, [recipient])
    except IntegrityError:
        return False
    return True


def personal_reminder(person, today):
    """(kind, day it belongs to) of the reminder a person is due today, or None."""
    days = (person.due_date - today).days
    if days < 0:
        return ReminderSent.Kind.PERSONAL, today.replace(day=1)
    for window in WINDOWS:
        if days <= window:
            return DUE_KINDS[window], person.due_date
    return None


def send_reminders(today=None):
    """Each office's reminders, judged on the office's own date (or on `today`, for a test)."""
    sent_personal = sent_digests = 0
    for office_id, zone in DistrictOffice.objects.values_list("pk", "time_zone"):
        personal, digests = _send_for_office(office_id, today or clock.today(zone))
        sent_personal += personal
        sent_digests += digests
    return sent_personal, sent_digests


def _send_for_office(office_id, today):
    staff = StaffMember.objects.filter(
        is_active=True, school__office_id=office_id, email_reminders=True
    ).select_related("school")
    people = list(with_renewal(staff, today).filter(renewal__valid_until__lte=today + timedelta(days=WINDOWS[-1])))
    attach_due_dates(people)
    sent_personal = 0
    for person in people:
        reminder = personal_reminder(person, today)
        if person.email and reminder:
            kind, day = reminder
            context = {"person": person, "days": (person.due_date - today).days}
            if _send_once(kind, person.email, day, person.preferred_language, "reminder", context):
                sent_personal += 1
    sent_digests = 0
    directors = (
        User.objects.filter(role=Role.DIRECTOR, is_active=True, school__office_id=office_id)
        .exclude(email="")
        .exclude(staff_member__email_reminders=False)
    )
    schools = School.objects.in_bulk({director.school_id for director in directors})
    for director in directors:
        digest = school_digest(schools[director.school_id], today)
        if digest.is_empty:
            continue
        context = {"director": director, "digest": digest}
        if _send_once(
            ReminderSent.Kind.DIGEST, director.email, today.replace(day=1), director.language, "digest", context
        ):
            sent_digests += 1
    return sent_personal, sent_digests
