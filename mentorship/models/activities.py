"""What the programme does: the annual plan and its items, and the activities and meetings logged."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core import bounds
from core.academic import academic_year_bounds
from core.scoping import Role, ScopedQuerySet, ScopePaths
from core.uploads import RandomUploadPath, validate_photo
from mentorship.models.mentors import Track, VisibleQuerySet
from mentorship.models.pairs import Pair, pairs_of_school
from schools.models import DistrictOffice, School, StaffMember


class WorkPlan(models.Model):
    """The annual work plan (жылдык иш план) of an office's mentor–mentee school for one academic year."""

    office = models.ForeignKey(DistrictOffice, on_delete=models.CASCADE, related_name="mentorship_plans")
    academic_year = models.PositiveSmallIntegerField(
        _("academic year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    note = models.CharField(_("approved by"), max_length=300, blank=True, help_text=_("E.g. the hearing or order."))

    scope_paths = ScopePaths(office="office")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("annual work plan")
        verbose_name_plural = _("annual work plans")
        ordering = ["-academic_year"]
        constraints = [models.UniqueConstraint(fields=["office", "academic_year"], name="one_plan_per_year")]

    def __str__(self):
        return f"{self.academic_year}–{self.academic_year + 1}"

    @property
    def bounds(self):
        return academic_year_bounds(self.academic_year)


class PlanItemState(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("plan item", "Planned")
    DONE = "done", pgettext_lazy("plan item", "Done")
    POSTPONED = "postponed", pgettext_lazy("plan item", "Postponed")
    CANCELLED = "cancelled", pgettext_lazy("plan item", "Cancelled")


class PlanItem(models.Model):
    """One line of the plan; it becomes done when an activity that carries it out is linked to it."""

    history_parent = "plan"

    plan = models.ForeignKey(WorkPlan, on_delete=models.CASCADE, related_name="items")
    what = models.CharField(_("what"), max_length=300)
    planned_month = models.DateField(_("month"), help_text=_("The first day of the planned month."))
    planned_on = models.DateField(_("exact date"), null=True, blank=True, validators=[bounds.WITHIN_REACH])
    responsible = models.CharField(_("responsible"), max_length=200, blank=True)
    track = models.ForeignKey(
        Track, verbose_name=_("track"), on_delete=models.PROTECT, null=True, blank=True, related_name="plan_items"
    )
    state = models.CharField(_("state"), max_length=20, choices=PlanItemState.choices, default=PlanItemState.PLANNED)
    state_reason = models.TextField(_("reason"), blank=True)

    scope_paths = ScopePaths(office="plan__office")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("plan item")
        verbose_name_plural = _("plan items")
        ordering = ["planned_month", "planned_on", "pk"]

    def __str__(self):
        return self.what

    def clean(self):
        errors = {}
        if self.planned_month:
            self.planned_month = self.planned_month.replace(day=1)
        plan = self.plan if self.plan_id else None
        if plan and self.planned_month:
            starts, ends = plan.bounds
            if not starts <= self.planned_month <= ends:
                errors["planned_month"] = _("The plan covers September %(start)s to August %(end)s.") % {
                    "start": plan.academic_year,
                    "end": plan.academic_year + 1,
                }
        if self.planned_on and self.planned_month and self.planned_on.replace(day=1) != self.planned_month:
            errors["planned_on"] = _("The exact date must fall in the planned month.")
        if plan and self.track_id and self.track.office_id != plan.office_id:
            errors["track"] = _("Choose a track of this office.")
        if self.state in (PlanItemState.POSTPONED, PlanItemState.CANCELLED) and not self.state_reason.strip():
            errors["state_reason"] = _("Say why the item is postponed or cancelled.")
        if errors:
            raise ValidationError(errors)


class ActivityKind(models.TextChoices):
    HEARING = "hearing", _("District hearing")
    CONSULTATION = "consultation", _("Consultation")
    ROUND_TABLE = "round_table", _("Round table")
    DEBATE = "debate", _("Debate")
    OPEN_LESSON = "open_lesson", _("Open lesson")
    LESSON_VISIT = "lesson_visit", _("Mutual lesson visit")
    OPEN_DOOR_DAY = "open_door_day", _("Open-door day")
    SEMINAR = "seminar", _("Seminar")
    MENTOR_VISIT = "mentor_visit", _("Lesson visit by the mentor")
    MENTEE_VISIT = "mentee_visit", _("Lesson visit by the mentee")
    CO_PLANNING = "co_planning", _("Co-planning")


# What a mentor logs with their mentee.
PAIR_LOG_KINDS = [
    ActivityKind.CONSULTATION,
    ActivityKind.MENTOR_VISIT,
    ActivityKind.MENTEE_VISIT,
    ActivityKind.CO_PLANNING,
    ActivityKind.OPEN_LESSON,
]

# A lesson visit names the lesson's subject and class; the older "mutual lesson visit" counts as one too.
VISIT_KINDS = [ActivityKind.MENTOR_VISIT, ActivityKind.MENTEE_VISIT, ActivityKind.LESSON_VISIT]


class Activity(models.Model):
    office = models.ForeignKey(DistrictOffice, on_delete=models.CASCADE, related_name="mentorship_activities")
    kind = models.CharField(_("kind"), max_length=20, choices=ActivityKind.choices)
    topic = models.CharField(_("topic"), max_length=300)
    starts_at = models.DateTimeField(_("starts at"), validators=[bounds.WITHIN_REACH])
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True, validators=[bounds.WITHIN_REACH])
    host_school = models.ForeignKey(
        School,
        verbose_name=_("host school"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_mentorship_activities",
        help_text=_("Leave empty when the activity is held at the education office."),
    )
    track = models.ForeignKey(
        Track,
        verbose_name=_("track"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
        help_text=_("Leave empty for all tracks."),
    )
    description = models.TextField(_("description"), blank=True)
    participants = models.ManyToManyField(
        StaffMember, verbose_name=_("participants"), blank=True, related_name="mentorship_activities"
    )
    outcome = models.TextField(_("outcome"), blank=True)
    # A mentor's log entry (New Teacher Center's log): the lesson visited, and three short answers.
    subject = models.CharField(_("subject"), max_length=100, blank=True)
    class_name = models.CharField(_("class"), max_length=20, blank=True, help_text=_("E.g. 7 B"))
    went_well = models.CharField(_("what went well"), max_length=500, blank=True)
    was_hard = models.CharField(_("what was hard"), max_length=500, blank=True)
    next_steps = models.CharField(_("next steps"), max_length=500, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed by the mentee"), null=True, blank=True)
    pair = models.ForeignKey(
        Pair, verbose_name=_("pair"), on_delete=models.CASCADE, null=True, blank=True, related_name="activities"
    )
    plan_item = models.ForeignKey(
        PlanItem,
        verbose_name=_("plan item carried out"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
    )
    is_announced = models.BooleanField(
        _("announced to all schools"), default=False, help_text=_("E.g. open-door days: every school sees them.")
    )
    photo = models.FileField(
        _("photo"),
        upload_to=RandomUploadPath("activity-photos", field="photo"),
        validators=[validate_photo],
        blank=True,
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Methodists by office; directors and teachers by `visible_to` (host school, announcements, own pairs).
    scope_paths = ScopePaths(office="office")
    objects = VisibleQuerySet.as_manager()

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["starts_at", "pk"]
        indexes = [
            models.Index(fields=["office", "starts_at"], name="activity_office_starts_idx"),
            models.Index(fields=["host_school", "starts_at"], name="activity_school_starts_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gt=models.F("starts_at")),
                name="activity_ends_after_start",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.topic}"

    def get_absolute_url(self):
        return reverse("mentorship:activity_detail", args=[self.pk])

    @classmethod
    def visible_to(cls, scope):
        if scope.role == Role.METHODIST and scope.office_id:
            return Q(**{cls.scope_paths.office: scope.office_id})
        announced = Q(is_announced=True, office_id=scope.office_id) if scope.office_id else Q(pk__in=[])
        if scope.role == Role.DIRECTOR and scope.school_id:
            return Q(host_school_id=scope.school_id) | announced | Q(pair__in=pairs_of_school(scope.school_id))
        if scope.role == Role.TEACHER and scope.staff_id:
            taking_part = Activity.participants.through.objects.filter(staffmember_id=scope.staff_id)
            # A pair's log is the two people's: a colleague at the host school does not read it.
            return (
                Q(host_school_id=scope.school_id, pair__isnull=True)
                | announced
                | Q(pair__mentee_id=scope.staff_id)
                | Q(pair__appointment__staff_member_id=scope.staff_id)
                | Q(pk__in=taking_part.values("activity_id"))
            )
        return None

    def clean(self):
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("An activity cannot end before it starts.")
        office_id = self.office_id
        if self.host_school_id and office_id and self.host_school.office_id != office_id:
            errors["host_school"] = _("Choose a school of this district.")
        if self.track_id and office_id and self.track.office_id != office_id:
            errors["track"] = _("Choose a track of this office.")
        if self.plan_item_id:
            item = self.plan_item
            if office_id and item.plan.office_id != office_id:
                errors["plan_item"] = _("Choose an item of this office's plan.")
            elif item.state == PlanItemState.CANCELLED:
                errors["plan_item"] = _("This plan item was cancelled; bring it back to the plan first.")
        if self.pair_id and self.kind in (ActivityKind.MENTOR_VISIT, ActivityKind.MENTEE_VISIT):
            if not self.subject.strip():
                errors["subject"] = _("Name the lesson's subject.")
            if not self.class_name.strip():
                errors["class_name"] = _("Name the class.")
        if self.pair_id and self.starts_at:
            pair = self.pair
            day = timezone.localdate(self.starts_at)
            if not pair.starts_on <= day <= pair.ends_on:
                errors["starts_at"] = _("The pair works from %(starts)s to %(ends)s; log a date within it.") % {
                    "starts": date_format(pair.starts_on, "SHORT_DATE_FORMAT"),
                    "ends": date_format(pair.ends_on, "SHORT_DATE_FORMAT"),
                }
        if errors:
            raise ValidationError(errors)
