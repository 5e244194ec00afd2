"""Writes of the mentor–mentee school; each runs in one transaction and refuses with a translated message."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core import audit, clock
from core.uploads import delete_file_after_commit, reencoded_photo
from mentorship.models import (
    Activity,
    MentorshipSettings,
    Pair,
    PairState,
    PlanItem,
    PlanItemState,
    WorkPlan,
)
from mentorship.periods import finish_ended_pairs
from schools.models import StaffMember

PHOTO_MAX_PIXELS = 800


class MentorshipError(Exception):
    """A refused operation; `message` is translated, `field` names the form field it belongs to, if any."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.message = message
        self.field = field


def _raise_as_error(error):
    """Turns a model's ValidationError into a MentorshipError for its first field."""
    if hasattr(error, "error_dict"):
        field, messages = next(iter(error.message_dict.items()))
        raise MentorshipError(messages[0], field=None if field == "__all__" else field) from error
    raise MentorshipError(error.messages[0]) from error


def resized_photo(upload):
    """The photo as a JPEG of at most 800 px a side, by the upload policy of `core.uploads`."""
    try:
        return reencoded_photo(upload, max_pixels=PHOTO_MAX_PIXELS)
    except ValueError as error:
        raise MentorshipError(
            _("The photo could not be read as an image. Upload a JPEG or PNG photo."), "photo"
        ) from error


def _lock_person(staff_member_id):
    # One writer at a time per person: two methodists cannot appoint or pair the same person at once.
    return StaffMember.objects.select_for_update().select_related("school").get(pk=staff_member_id)


def _attach_photo(instance, upload):
    """Puts the resized upload in place; a photo it replaces (or one cleared) is removed once the write commits."""
    previous = (
        type(instance).objects.filter(pk=instance.pk).values_list("photo", flat=True).first() if instance.pk else ""
    )
    if upload and not getattr(upload, "_committed", False):
        instance.photo = resized_photo(upload)
    if previous and previous != instance.photo.name:
        delete_file_after_commit(instance.photo.storage, previous)


@transaction.atomic
def appointment_save(*, form, by):
    """Registers or edits a mentor's appointment; the term may not overlap another of the same track."""
    is_new = form.instance.pk is None
    changes = audit.form_changes(form)
    appointment = form.save(commit=False)
    _lock_person(appointment.staff_member_id)
    if appointment.pk is None:
        appointment.created_by = by
    try:
        appointment.full_clean(exclude=["photo"])
    except ValidationError as error:
        _raise_as_error(error)
    _attach_photo(appointment, form.cleaned_data.get("photo"))
    appointment.save()
    audit.record(appointment, audit.Action.CREATED if is_new else audit.Action.CHANGED, actor=by, changes=changes)
    return appointment


@transaction.atomic
def pair_create(*, form, by):
    """A new pair; the rules of Pair.clean and the office's limit of mentees per mentor, under a lock."""
    pair = form.save(commit=False)
    appointment = pair.appointment
    _lock_person(appointment.staff_member_id)
    _lock_person(pair.mentee_id)
    # A period past its end still marked active (the daily run has not come yet) must not hold the mentee.
    finish_ended_pairs(pairs=Pair.objects.filter(mentee_id=pair.mentee_id))
    pair.state = PairState.ACTIVE
    pair.created_by = by
    try:
        pair.full_clean()
    except ValidationError as error:
        _raise_as_error(error)
    if appointment.ends_on < clock.today():
        raise MentorshipError(
            _("The term of %(name)s ended on %(date)s; reappoint them before giving them a mentee.")
            % {
                "name": appointment.staff_member.full_name,
                "date": date_format(appointment.ends_on, "SHORT_DATE_FORMAT"),
            },
            field="appointment",
        )
    limit = MentorshipSettings.for_office(appointment.track.office_id).max_mentees_per_mentor
    message = pair.limit_error(limit)
    if message:
        raise MentorshipError(message, field="appointment")
    pair.save()
    audit.record(pair, audit.Action.CREATED, actor=by)
    return pair


@transaction.atomic
def pair_update(*, form, by=None):
    changes = audit.form_changes(form)
    pair = form.save(commit=False)
    try:
        pair.full_clean()
    except ValidationError as error:
        _raise_as_error(error)
    pair.save()
    audit.record(pair, audit.Action.CHANGED, actor=by, changes=changes)
    return pair


@transaction.atomic
def pair_close(*, pair, state, closed_on, reason, by=None):
    """Finishes or stops an active pair; stopping needs a reason."""
    pair = Pair.objects.select_for_update().get(pk=pair.pk)
    if pair.state != PairState.ACTIVE:
        raise MentorshipError(_("This pair has been closed already."))
    if state not in (PairState.FINISHED, PairState.STOPPED):
        raise MentorshipError(_("Choose whether the pair finished or stopped."), field="state")
    if closed_on < pair.starts_on:
        raise MentorshipError(_("A pair cannot close before it starts."), field="closed_on")
    pair.state = state
    pair.closed_on = closed_on
    pair.stop_reason = reason.strip()
    try:
        pair.full_clean()
    except ValidationError as error:
        _raise_as_error(error)
    pair.save(update_fields=["state", "closed_on", "stop_reason"])
    audit.record(
        pair, audit.Action.CHANGED, actor=by, changes={"state": (PairState.ACTIVE, state)}, note=pair.stop_reason
    )
    return pair


def _refresh_plan_items(*item_ids):
    """An item with an activity linked is done; one whose last activity went away is planned again."""
    for item in PlanItem.objects.select_for_update().filter(pk__in=[pk for pk in item_ids if pk]):
        linked = item.activities.exists()
        if linked and item.state != PlanItemState.DONE:
            item.state, item.state_reason = PlanItemState.DONE, ""
            item.save(update_fields=["state", "state_reason"])
        elif not linked and item.state == PlanItemState.DONE:
            item.state = PlanItemState.PLANNED
            item.save(update_fields=["state"])


@transaction.atomic
def activity_save(*, form, office_id, by):
    """Records or edits an activity; a plan item it carries out becomes done."""
    activity = form.save(commit=False)
    previous_item_id = (
        Activity.objects.filter(pk=activity.pk).values_list("plan_item_id", flat=True).first() if activity.pk else None
    )
    activity.office_id = office_id
    created = activity.pk is None
    if created:
        activity.recorded_by = by
    try:
        activity.full_clean(exclude=["photo"])
    except ValidationError as error:
        _raise_as_error(error)
    _attach_photo(activity, form.cleaned_data.get("photo"))
    activity.save()
    form.save_m2m()
    _refresh_plan_items(previous_item_id, activity.plan_item_id)
    audit.record_form(form, activity, created=created, actor=by)
    return activity


def _log_topic(activity):
    """The calendar's one line for an entry: the lesson for a visit, else the first thing written."""
    if activity.subject and activity.class_name:
        return f"{activity.subject}, {activity.class_name}"
    written = [text.strip() for text in (activity.next_steps, activity.went_well, activity.was_hard) if text.strip()]
    return (written[0].splitlines()[0] if written else str(activity.get_kind_display()))[:300]


@transaction.atomic
def pair_log(*, pair, form, by):
    """A mentor's record of a meeting or lesson visit with their mentee, held at the mentee's school."""
    pair = Pair.objects.select_related("appointment__staff_member", "mentee__school", "track").get(pk=pair.pk)
    if pair.state != PairState.ACTIVE:
        raise MentorshipError(_("This pair has been closed; its log is kept as it was."))
    activity = form.save(commit=False)
    activity.pair = pair
    activity.office_id = pair.track.office_id
    activity.track = pair.track
    activity.host_school = pair.mentee.school
    activity.recorded_by = by
    activity.topic = activity.topic or _log_topic(activity)
    try:
        activity.full_clean(exclude=["photo"])
    except ValidationError as error:
        _raise_as_error(error)
    _attach_photo(activity, form.cleaned_data.get("photo"))
    activity.save()
    activity.participants.set([pair.appointment.staff_member_id, pair.mentee_id])
    audit.record_form(form, activity, created=True, actor=by)
    return activity


@transaction.atomic
def log_entry_confirm(*, activity, by):
    """The mentee confirms that a log entry happened as written; confirming twice changes nothing."""
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    if activity.confirmed_at is None:
        activity.confirmed_at = timezone.now()
        activity.save(update_fields=["confirmed_at"])
        audit.record(activity, audit.Action.CHANGED, actor=by, changes={"confirmed_at": [None, activity.confirmed_at]})
    return activity


@transaction.atomic
def plan_start(*, office_id, year, note, by):
    """The office's plan for an academic year; starting it again changes nothing."""
    work_plan, created = WorkPlan.objects.get_or_create(
        office_id=office_id, academic_year=year, defaults={"note": note}
    )
    if created:
        audit.record(work_plan, audit.Action.CREATED, actor=by)
    return work_plan


@transaction.atomic
def plan_item_set_state(*, item, state, reason, by=None):
    """Postpones, cancels or brings back a plan item; an item carried out by an activity stays done."""
    item = PlanItem.objects.select_for_update().get(pk=item.pk)
    if item.activities.exists():
        raise MentorshipError(_("An activity carried this item out; it is done. Unlink the activity first."))
    if state not in (PlanItemState.PLANNED, PlanItemState.POSTPONED, PlanItemState.CANCELLED):
        raise MentorshipError(_("An item becomes done when an activity is linked to it."), field="state")
    item.state = state
    item.state_reason = reason.strip() if state != PlanItemState.PLANNED else ""
    try:
        item.full_clean()
    except ValidationError as error:
        _raise_as_error(error)
    before = item.state
    item.save(update_fields=["state", "state_reason"])
    audit.record(item, audit.Action.CHANGED, actor=by, changes={"state": [before, state]}, note=item.state_reason)
    return item
