"""Monthly reminders: each person due soon or overdue, and a digest to each director. Safe to run daily."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import translation

from qualification.models import ReminderSent, RenewalState
from qualification.renewal import attach_due_dates, with_renewal
from schools import clock
from schools.models import DistrictOffice, StaffMember, User
from schools.scoping import Role

DUE = [RenewalState.DUE_SOON, RenewalState.OVERDUE]


def _send_once(kind, recipient, month, language, template, context):
    """Sends unless this month's reminder went out already; a failed send is not recorded, so it is retried."""
    try:
        with transaction.atomic():
            ReminderSent.objects.create(kind=kind, recipient=recipient.lower(), month=month)
            with translation.override(language or settings.LANGUAGE_CODE):
                subject = render_to_string(f"qualification/email/{template}_subject.txt", context).strip()
                body = render_to_string(f"qualification/email/{template}.txt", context)
            send_mail(subject, body, None, [recipient])
    except IntegrityError:
        return False
    return True


def send_reminders(today=None):
    """Each office's reminders, judged on the office's own date (or on `today`, for a test)."""
    sent_personal = sent_digests = 0
    for office_id, zone in DistrictOffice.objects.values_list("pk", "time_zone"):
        personal, digests = _send_for_office(office_id, today or clock.today(zone))
        sent_personal += personal
        sent_digests += digests
    return sent_personal, sent_digests


def _send_for_office(office_id, today):
    month = today.replace(day=1)
    staff = StaffMember.objects.filter(is_active=True, school__office_id=office_id).select_related("school")
    people = list(with_renewal(staff, today).filter(renewal_state__in=DUE).order_by("school_id", "surname"))
    attach_due_dates(people)
    sent_personal = 0
    for person in people:
        if person.email and _send_once(
            ReminderSent.Kind.PERSONAL, person.email, month, person.preferred_language, "reminder", {"person": person}
        ):
            sent_personal += 1
    by_school = {}
    for person in people:
        by_school.setdefault(person.school_id, []).append(person)
    sent_digests = 0
    directors = User.objects.filter(role=Role.DIRECTOR, is_active=True, school_id__in=by_school).exclude(email="")
    for director in directors:
        context = {
            "director": director,
            "people": by_school[director.school_id],
            "school": by_school[director.school_id][0].school,
        }
        if _send_once(ReminderSent.Kind.DIGEST, director.email, month, director.language, "digest", context):
            sent_digests += 1
    return sent_personal, sent_digests
