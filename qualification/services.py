"""Writes that change course records or the rule; each runs in one transaction and refreshes the standing."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import audit, clock
from qualification.models import CourseRecord, CourseRequest, CourseRun, Recomputation, RecordState, RequestState
from qualification.renewal import refresh_renewal, standing_changed
from qualification.tasks import recompute_standing
from schools.models import StaffMember


class QualificationError(Exception):
    """A refused operation; the message is translated and meant for the person who asked."""

    def __init__(self, message, people=()):
        super().__init__(message)
        self.message = message
        self.people = list(people)


@transaction.atomic
def record_report(*, form, staff_member, by):
    """A teacher reports a finished course with its document: it waits for the director's confirmation."""
    record = form.save(commit=False)
    record.staff_member = staff_member
    record.state = RecordState.COMPLETED
    record.created_by = by
    record.save()
    audit.record(record, audit.Action.CREATED, actor=by, note=record.course.title)
    return record


@transaction.atomic
def record_confirm(*, record, by):
    record = CourseRecord.objects.select_for_update().get(pk=record.pk)
    if record.state != RecordState.COMPLETED:
        raise QualificationError(_("Only a completed course that awaits confirmation can be confirmed."))
    record.state = RecordState.CONFIRMED
    record.confirmed_by = by
    record.confirmed_at = timezone.now()
    record.rejection_reason = ""
    record.save(update_fields=["state", "confirmed_by", "confirmed_at", "rejection_reason"])
    audit.record(record, audit.Action.CHANGED, actor=by, changes={"state": [RecordState.COMPLETED, record.state]})
    refresh_renewal([record.staff_member_id])
    return record


@transaction.atomic
def record_reject(*, record, by, reason):
    record = CourseRecord.objects.select_for_update().get(pk=record.pk)
    if record.state != RecordState.COMPLETED:
        raise QualificationError(_("Only a completed course that awaits confirmation can be rejected."))
    if not reason.strip():
        raise QualificationError(_("Say why the record is rejected, so the teacher can put it right."))
    record.state = RecordState.REJECTED
    record.rejection_reason = reason.strip()
    record.confirmed_by = by
    record.confirmed_at = timezone.now()
    record.save(update_fields=["state", "rejection_reason", "confirmed_by", "confirmed_at"])
    audit.record(
        record,
        audit.Action.CHANGED,
        actor=by,
        changes={"state": [RecordState.COMPLETED, record.state]},
        note=record.rejection_reason,
    )
    refresh_renewal([record.staff_member_id])
    return record


@transaction.atomic
def run_for(*, course, starts_on, ends_on, place="", mode="", provider=None, by=None):
    """The run of `course` with these dates and place: the one recorded before, or a new one."""
    run, created = CourseRun.objects.get_or_create(
        course=course,
        starts_on=starts_on,
        ends_on=ends_on,
        place=place.strip(),
        defaults={"mode": mode or course.mode, "provider": provider},
    )
    if created:
        run.full_clean()
        audit.record(run, audit.Action.CREATED, actor=by)
    return run


@transaction.atomic
def cohort_record(*, course, staff_member_ids, hours, document_kind, by, run=None, **new_run):
    """Records one run of a course (an earlier one, or a new one: `new_run` as run_for takes it) for many
    people at once, confirmed; all of them or, if anyone is refused, none. A person already recorded in the run
    keeps their record and is counted as having it already."""
    wanted = set(staff_member_ids)
    if not wanted:
        raise QualificationError(_("Choose at least one person."))
    in_scope = set(StaffMember.objects.for_user(by).filter(pk__in=wanted).values_list("pk", flat=True))
    outside = wanted - in_scope
    if outside:
        names = StaffMember.objects.filter(pk__in=outside).order_by("surname")
        raise QualificationError(
            _("These people are outside your district; nothing was recorded:"), people=[p.full_name for p in names]
        )
    run = run or run_for(course=course, **new_run, by=by)
    already = set(
        CourseRecord.objects.filter(run=run, staff_member_id__in=wanted).values_list("staff_member_id", flat=True)
    )
    now = timezone.now()
    records = [
        CourseRecord(
            staff_member_id=staff_id,
            course=course,
            run=run,
            hours=hours,
            started_on=run.starts_on,
            completed_on=run.ends_on,
            document_kind=document_kind,
            state=RecordState.CONFIRMED,
            confirmed_by=by,
            confirmed_at=now,
            created_by=by,
        )
        for staff_id in sorted(wanted - already)
    ]
    for record in records:
        record.full_clean(exclude=["staff_member", "course", "run", "scan"])
    CourseRecord.objects.bulk_create(records, batch_size=500)
    audit.record_many(records, audit.Action.CREATED, actor=by, note=course.title)
    refresh_renewal(wanted)
    return len(records), len(already)


@transaction.atomic
def policy_create(*, form, office_id, by):
    """A new rule for the office; everyone is judged under it from the day it applies.

    The old rule stays in the history. Everyone's stored standing is recomputed by a background task once the
    rule is committed, never inside the request: an office of thousands takes a while. Returns the rule and the
    recomputation whose progress the rule page shows (None for a rule that applies from a later day)."""
    policy = form.save(commit=False)
    policy.office_id = office_id
    policy.created_by = by
    policy.save()
    audit.record_form(form, policy, created=True, actor=by)
    standing_changed(office_ids=[office_id])  # the renewal pages name the rule in force and the next one
    if policy.applies_from > clock.today():
        return policy, None  # the nightly run (`refresh_offices_with_a_new_rule`) recomputes on its first day
    total = StaffMember.objects.filter(school__office_id=office_id).count()
    recomputation = Recomputation.objects.create(office_id=office_id, policy=policy, requested_by=by, total=total)
    transaction.on_commit(lambda: recompute_standing.enqueue(recomputation.pk))
    return policy, recomputation


@transaction.atomic
def request_decide(*, course_request, approve, course, note, by):
    """The director's answer to a teacher's course request; approval puts a planned course on the record."""
    course_request = CourseRequest.objects.select_for_update().get(pk=course_request.pk)
    if course_request.state != RequestState.REQUESTED:
        raise QualificationError(_("This request has been answered already."))
    if approve and course is None:
        raise QualificationError(_("Choose the course from the catalogue that the teacher will attend."))
    course_request.state = RequestState.APPROVED if approve else RequestState.DECLINED
    course_request.decided_by = by
    course_request.decided_at = timezone.now()
    course_request.decision_note = note
    if approve:
        course_request.course = course
        record = CourseRecord.objects.create(
            staff_member=course_request.staff_member,
            course=course,
            hours=course.hours,
            state=RecordState.PLANNED,
            created_by=by,
        )
        audit.record(record, audit.Action.CREATED, actor=by, note=course.title)
        standing_changed(staff_member_ids=[record.staff_member_id])  # "due with nothing planned" has changed
    course_request.save()
    changes = {"state": [RequestState.REQUESTED, course_request.state]}
    if approve:
        changes["course"] = [None, course]
    audit.record(course_request, audit.Action.CHANGED, actor=by, changes=changes, note=note)
    return course_request
