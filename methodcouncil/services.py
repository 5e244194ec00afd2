"""Writes to a council's record; each runs in one transaction, so a refused change leaves nothing half-written.

A meeting is locked while its number is chosen, so two secretaries saving at once still get consecutive
numbers. A signed protocol refuses every change to its minutes; only amendments and the follow-up state of
its decisions are written after signing.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core import audit, clock
from methodcouncil.models import (
    Amendment,
    Attendance,
    Council,
    CouncilMember,
    CouncilRole,
    Decision,
    DecisionState,
    Meeting,
    MeetingState,
    Recommendation,
)
from qualification.models import RenewalState
from qualification.renewal import standing_changed, with_renewal
from schools.models import Position, StaffMember


class CouncilError(Exception):
    """A refused operation; the message is translated and meant for the person who asked."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def _validated(instance, **kwargs):
    try:
        instance.full_clean(**kwargs)
    except ValidationError as error:
        raise CouncilError(" ".join(error.messages)) from None
    return instance


def _locked_meeting(meeting):
    return (
        Meeting.objects.select_for_update(of=("self",)).select_related("council", "council__school").get(pk=meeting.pk)
    )


def _locked_draft(meeting):
    meeting = _locked_meeting(meeting)
    if meeting.is_signed:
        raise CouncilError(
            _("Protocol No. %(number)s is signed and locked; record a correction as an amendment instead.")
            % {"number": meeting.number}
        )
    return meeting


def display_name(user):
    staff_member = StaffMember.objects.filter(user=user).first()
    if staff_member:
        return staff_member.full_name
    return user.get_full_name() or user.username


# Councils ------------------------------------------------------------------------------------------------


@transaction.atomic
def council_create(*, office, school, academic_year, name, by=None):
    """A council for a school (or the office) and year; a school's director takes the chair from the start."""
    council = _validated(Council(office=office, school=school, academic_year=academic_year, name=name))
    council.save()
    audit.record(council, audit.Action.CREATED, actor=by)
    if school is not None:
        director = (
            StaffMember.objects.filter(school=school, position=Position.DIRECTOR, is_active=True).order_by("pk").first()
        )
        if director:
            chair = CouncilMember.objects.create(council=council, staff_member=director, role=CouncilRole.CHAIR)
            audit.record(chair, audit.Action.CREATED, actor=by, source=audit.Source.SYSTEM)
    return council


@transaction.atomic
def members_save(*, council, formset, by=None):
    """Saves the members' formset; roles are cleared first so that a chair and a secretary may swap places."""
    Council.objects.select_for_update().get(pk=council.pk)
    for form in formset.deleted_forms:
        if form.instance.pk:
            audit.delete(form.instance, actor=by)
    changed = [form for form in formset.forms if form not in formset.deleted_forms and form.has_changed()]
    CouncilMember.objects.filter(pk__in=[form.instance.pk for form in changed if form.instance.pk]).update(
        role=CouncilRole.MEMBER
    )
    for form in changed:
        form.instance.council = council
        audit.save_form(form, actor=by)


# Meetings ------------------------------------------------------------------------------------------------


@transaction.atomic
def meeting_create(*, council, date, place="", plan_item=None, by=None):
    """A new meeting numbered next in its council's year: the council row is locked while the number is chosen."""
    council = Council.objects.select_for_update().get(pk=council.pk)
    number = (Meeting.objects.filter(council=council).aggregate(highest=Max("number"))["highest"] or 0) + 1
    meeting = _validated(
        Meeting(council=council, number=number, date=date, place=place, plan_item=plan_item, created_by=by)
    )
    meeting.save()
    audit.record(meeting, audit.Action.CREATED, actor=by)
    return meeting


@transaction.atomic
def meeting_update(*, meeting, form, agenda_formset, by=None):
    """The meeting's date and place and its agenda, in the order given; removed items go with their minutes."""
    _locked_draft(meeting)
    updated = _validated(form.save(commit=False))
    too_early = Decision.objects.filter(agenda_item__meeting=updated, deadline__lt=updated.date).count()
    if too_early:
        raise CouncilError(
            ngettext(
                "%(count)s decision of this meeting has a deadline before the new date; change it first.",
                "%(count)s decisions of this meeting have deadlines before the new date; change them first.",
                too_early,
            )
            % {"count": too_early}
        )
    updated.save(update_fields=["date", "place", "plan_item"])
    if form.has_changed():
        audit.record_form(form, updated, created=False, actor=by)
    for item_form in agenda_formset.deleted_forms:
        if item_form.instance.pk:
            audit.delete(item_form.instance, actor=by)
    for position, item_form in enumerate(agenda_formset.ordered_forms, start=1):
        item_form.instance.meeting = updated
        item_form.instance.order = position
        if item_form.has_changed() or item_form.instance.pk is None:
            audit.save_form(item_form, actor=by)
        else:
            item_form.save()  # its place in the agenda only
    return updated


@transaction.atomic
def meeting_delete(*, meeting, by=None):
    """Only the newest draft goes, so the numbers stay without gaps."""
    meeting = _locked_draft(meeting)
    Council.objects.select_for_update().get(pk=meeting.council_id)
    newest = Meeting.objects.filter(council_id=meeting.council_id).aggregate(highest=Max("number"))["highest"]
    if meeting.number != newest:
        raise CouncilError(_("Only the newest meeting can be removed; the numbers of the others must not change."))
    audit.delete(meeting, actor=by)


@transaction.atomic
def attendance_record(*, meeting, rows, guests, by=None):
    """Replaces the meeting's attendance: rows are (staff member id, present, reason for absence)."""
    meeting = _locked_draft(meeting)
    members = set(meeting.council.members.values_list("staff_member_id", flat=True))
    strangers = {staff_id for staff_id, _present, _reason in rows} - members
    if strangers:
        raise CouncilError(_("Attendance is kept for the council's members only; add guests by name."))
    meeting.attendance.all().delete()
    Attendance.objects.bulk_create(
        Attendance(meeting=meeting, staff_member_id=staff_id, present=present, absence_reason="" if present else reason)
        for staff_id, present, reason in rows
    )
    present = sum(1 for _staff_id, is_present, _reason in rows if is_present)
    changes = {"attendance": ["", f"{present} / {len(rows)}"]}
    if meeting.guests != guests.strip():
        changes["guests"] = [meeting.guests, guests.strip()]
    meeting.guests = guests.strip()
    meeting.save(update_fields=["guests"])
    audit.record(meeting, audit.Action.CHANGED, actor=by, changes=changes)
    return meeting


@transaction.atomic
def minutes_save(*, item, form, speech_formset, decision_formset, by=None):
    """Heard, spoke and resolved for one agenda item, all together or not at all."""
    _locked_draft(item.meeting)
    audit.record(item, audit.Action.CHANGED, actor=by, changes=audit.form_changes(form))
    form.save()
    speech_formset.save()
    for decision_form in decision_formset.deleted_forms:
        if decision_form.instance.pk:
            audit.delete(decision_form.instance, actor=by)
    for decision_form in decision_formset.forms:
        if decision_form in decision_formset.deleted_forms or not decision_form.has_changed():
            continue
        decision_form.instance.agenda_item = item
        _validated(decision_form.instance)
        audit.save_form(decision_form, actor=by)
    return item


@transaction.atomic
def recommendation_add(*, decision, kind, staff_member, details="", by=None):
    """Records a recommendation with the person's course renewal standing on the day of the meeting."""
    meeting = _locked_draft(decision.agenda_item.meeting)
    if not meeting.council.belongs_here(staff_member):
        raise CouncilError(meeting.council.outsider_message())
    if Recommendation.objects.filter(decision=decision, staff_member=staff_member, kind=kind).exists():
        raise CouncilError(_("This recommendation is in the minutes already."))
    person = with_renewal(StaffMember.objects.filter(pk=staff_member.pk), today=meeting.date).get()
    has_standing = person.renewal_state != RenewalState.NO_RECORD
    recommendation = Recommendation(
        decision=decision,
        kind=kind,
        staff_member=staff_member,
        details=details,
        renewal_state=person.renewal_state,
        renewal_valid_until=person.renewal.valid_until if has_standing else None,
    )
    _validated(recommendation)
    recommendation.save()
    audit.record(recommendation, audit.Action.CREATED, actor=by)
    return recommendation


@transaction.atomic
def recommendation_remove(*, recommendation, by=None):
    _locked_draft(recommendation.decision.agenda_item.meeting)
    audit.delete(recommendation, actor=by)


# Signing and afterwards ----------------------------------------------------------------------------------


@transaction.atomic
def meeting_sign(*, meeting, by):
    """Locks the protocol and keeps the names and language it is signed with."""
    meeting = _locked_draft(meeting)
    if meeting.date > clock.today():
        raise CouncilError(_("A protocol is signed after the meeting has taken place."))
    items = list(meeting.agenda_items.select_related("heard_speaker"))
    if not items:
        raise CouncilError(_("The protocol has no agenda yet; add at least one item before signing."))
    attendance = list(meeting.attendance.select_related("staff_member"))
    if not any(row.present for row in attendance):
        raise CouncilError(_("Record who attended before signing."))
    council = Council.objects.select_related("school", "office").get(pk=meeting.council_id)
    roles = {
        member.role: member.staff_member.full_name
        for member in council.members.filter(role__in=[CouncilRole.CHAIR, CouncilRole.SECRETARY]).select_related(
            "staff_member"
        )
    }
    for row in attendance:
        row.staff_name = row.staff_member.full_name
    Attendance.objects.bulk_update(attendance, ["staff_name"])
    for item in items:
        item.heard_speaker_name = item.heard_speaker.full_name if item.heard_speaker_id else ""
    meeting.agenda_items.model.objects.bulk_update(items, ["heard_speaker_name"])
    decisions = list(Decision.objects.filter(agenda_item__meeting=meeting).select_related("responsible"))
    for decision in decisions:
        decision.responsible_name = decision.responsible.full_name if decision.responsible_id else ""
    Decision.objects.bulk_update(decisions, ["responsible_name"])
    recommendations = list(
        Recommendation.objects.filter(decision__agenda_item__meeting=meeting).select_related("staff_member")
    )
    for recommendation in recommendations:
        recommendation.staff_name = recommendation.staff_member.full_name
    Recommendation.objects.bulk_update(recommendations, ["staff_name"])
    # A signed protocol's recommendations show on the attestation list.
    standing_changed(staff_member_ids=[recommendation.staff_member_id for recommendation in recommendations])
    meeting.state = MeetingState.SIGNED
    meeting.signed_at = timezone.now()
    meeting.signed_by = by
    meeting.language = council.protocol_language()
    with translation.override(meeting.language):  # a district council's office is named in the protocol's language
        meeting.school_name = council.place_name
    meeting.council_name = council.name
    meeting.chair_name = roles.get(CouncilRole.CHAIR, "")
    meeting.secretary_name = roles.get(CouncilRole.SECRETARY, "")
    meeting.save()
    audit.record(meeting, audit.Action.CHANGED, actor=by, changes={"state": (MeetingState.DRAFT, MeetingState.SIGNED)})
    return meeting


@transaction.atomic
def amendment_add(*, meeting, change, reason, by):
    meeting = _locked_meeting(meeting)
    if not meeting.is_signed:
        raise CouncilError(_("A draft protocol is corrected directly; amendments are for signed protocols."))
    if not change.strip() or not reason.strip():
        raise CouncilError(_("Say what is corrected and why."))
    audit.record(meeting, audit.Action.CHANGED, actor=by, changes={"amendment": ("", change.strip())}, note=reason)
    return Amendment.objects.create(
        meeting=meeting, change=change.strip(), reason=reason.strip(), made_by=by, made_by_name=display_name(by)
    )


@transaction.atomic
def decision_set_state(*, decision, done, by=None):
    """Following a decision up is not an edit of the minutes, so it is allowed after signing too."""
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    before = decision.state
    decision.state = DecisionState.DONE if done else DecisionState.OPEN
    decision.done_at = timezone.now() if done else None
    decision.save(update_fields=["state", "done_at"])
    audit.record(decision, audit.Action.CHANGED, actor=by, changes={"state": [before, decision.state]})
    return decision
