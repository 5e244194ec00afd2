"""The mentor–mentee school (seed 000): tracks, mentors' appointments, pairs, activities and the annual plan.

Who sees what. Methodists see everything of their office. A pair belongs to two schools, the mentor's and
the mentee's, and to two people: the directors of both schools see it, and so do the mentor and the mentee.
Appointments follow the same rule: a director sees their school's mentors and the mentors of their
school's mentees; a teacher sees their own appointments and their mentors'. An activity belongs to the
school that hosts it (its director and teachers see it) and to its participants; announced activities
(open-door days) are seen by every school of the office, and a mentor's meeting log by both directors and
both people of the pair. `ScopePaths` names one lookup per level, which cannot say "either of two
schools", so these models give `for_user` their rule as `visible_to(scope)`; writes stay with methodists,
directors (for their pairs) and mentors (for their own log).
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, Count, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from core import bounds, clock
from core.academic import academic_year_bounds
from core.scoping import Role, ScopedQuerySet, ScopePaths
from core.uploads import RandomUploadPath, validate_photo
from schools.models import DistrictOffice, School, StaffMember, TranslatedName

APPOINTMENT_YEARS = 2  # seed 000: mentors are approved for two years
ENDING_SOON_DAYS = 60  # the last 60 days of a term, its last day included
YOUNG_SPECIALIST_YEARS = 3  # under three years since hire
DEFAULT_MAX_MENTEES = 5


def two_years_later(day):
    """The last day of a two-year term that starts on `day`: 1 Sept 2020 → 31 Aug 2022."""
    try:
        end = day.replace(year=day.year + APPOINTMENT_YEARS)
    except ValueError:  # 29 February
        end = day.replace(year=day.year + APPOINTMENT_YEARS, day=28) + timedelta(days=1)
    return end - timedelta(days=1)


def is_young_specialist(staff_member, today=None):
    return staff_member.years_since_hire(today) < YOUNG_SPECIALIST_YEARS


def pairs_of_school(school_id):
    """The pairs a school's director sees (mentee or mentor at the school), as one subquery of ids.

    A union rather than an OR of two joins: with an OR across the staff table PostgreSQL expects half the
    pairs to match and reads every person of the country; the union lets it look a school's few up by index.
    """
    mentees = Pair.objects.filter(mentee__school_id=school_id).values("pk")
    mentors = Pair.objects.filter(appointment__staff_member__school_id=school_id).values("pk")
    return mentees.union(mentors)


class VisibleQuerySet(ScopedQuerySet):
    """`for_user` with the model's own rule, `visible_to(scope)` → a Q, or None for nothing."""

    def for_scope(self, scope):
        if scope.everything:
            return self.all()
        condition = self.model.visible_to(scope)
        return self.filter(condition) if condition is not None else self.none()


# ---------------------------------------------------------------------------------------------------------
# Office settings and tracks
# ---------------------------------------------------------------------------------------------------------


DEFAULT_FIRST_YEAR_CADENCE_DAYS = 7
DEFAULT_LATER_CADENCE_DAYS = 14
DEFAULT_CADENCE_GRACE_DAYS = 3


class MenteeKind(models.TextChoices):
    YOUNG_SPECIALIST = "young_specialist", _("Young specialist")
    # Kazakhstan's педагог-стажёр: mentored for one year (order No. 160 of 2020).
    TRAINEE = "trainee", _("First-year teacher, one-year mentoring")
    ON_REQUEST = "on_request", _("Teacher who asked for support")


def all_mentee_kinds():
    return list(MenteeKind.values)


def validate_mentee_kinds(value):
    if not isinstance(value, list) or not value or set(value) - set(MenteeKind.values):
        raise ValidationError(_("Choose at least one kind of mentee."))


def new_calendar_token():
    return secrets.token_urlsafe(24)


class MentorshipSettings(models.Model):
    """An office's own numbers for the programme, and the secret in its calendar feed's address."""

    office = models.OneToOneField(DistrictOffice, on_delete=models.CASCADE, related_name="mentorship_settings")
    max_mentees_per_mentor = models.PositiveSmallIntegerField(
        _("most mentees a mentor may have at once"),
        default=DEFAULT_MAX_MENTEES,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
    )
    # The meeting cadence (seed 000 sets none; England's early-career service: weekly, then fortnightly).
    first_year_cadence_days = models.PositiveSmallIntegerField(
        _("days between meetings in a period's first year"),
        default=DEFAULT_FIRST_YEAR_CADENCE_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
    )
    later_cadence_days = models.PositiveSmallIntegerField(
        _("days between meetings after the first year"),
        default=DEFAULT_LATER_CADENCE_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
    )
    cadence_grace_days = models.PositiveSmallIntegerField(
        _("days of grace before a pair counts as behind"),
        default=DEFAULT_CADENCE_GRACE_DAYS,
        validators=[MaxValueValidator(60)],
    )
    mentee_kinds = models.JSONField(
        _("kinds of mentee the office takes"), default=all_mentee_kinds, validators=[validate_mentee_kinds]
    )
    trainee_period_months = models.PositiveSmallIntegerField(
        _("months of a first-year teacher's mentoring period"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(24)],
    )
    # Calendar programs subscribe without signing in; the feed's address carries this secret instead.
    calendar_token = models.CharField(max_length=64, unique=True, default=new_calendar_token, editable=False)

    scope_paths = ScopePaths(office="office")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("mentorship settings")
        verbose_name_plural = _("mentorship settings")

    def __str__(self):
        return str(self.office)

    @classmethod
    def for_office(cls, office_id):
        """The office's settings; the defaults, not yet stored, for an office that never saved any."""
        return cls.objects.filter(office_id=office_id).first() or cls(office_id=office_id)


class Track(TranslatedName):
    """A direction (багыт) of the programme; each mentor is appointed under one."""

    office = models.ForeignKey(DistrictOffice, on_delete=models.CASCADE, related_name="mentorship_tracks")
    code = models.SlugField(_("code"), max_length=40, allow_unicode=True)
    order = models.PositiveSmallIntegerField(_("order in lists"), default=0)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible methodist"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentorship_tracks",
    )

    scope_paths = ScopePaths(office="office")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("track")
        verbose_name_plural = _("tracks")
        ordering = ["order", "pk"]
        constraints = [models.UniqueConstraint(fields=["office", "code"], name="track_code_unique")]

    def clean(self):
        responsible = self.responsible if self.responsible_id else None
        if responsible and (responsible.role != Role.METHODIST or responsible.office_id != self.office_id):
            raise ValidationError({"responsible": _("Choose a methodist of this education office.")})


# ---------------------------------------------------------------------------------------------------------
# Mentors' appointments
# ---------------------------------------------------------------------------------------------------------


class AppointmentState(models.TextChoices):
    UPCOMING = "upcoming", pgettext_lazy("mentor's term", "Not started yet")
    ACTIVE = "active", pgettext_lazy("mentor's term", "Active")
    ENDING_SOON = "ending_soon", pgettext_lazy("mentor's term", "Ending soon")
    EXPIRED = "expired", pgettext_lazy("mentor's term", "Expired")


def appointment_state_filter(state, today, prefix=""):
    """The one definition of the states, as a Q on the dates (prefix e.g. "appointment__")."""
    starts, ends = f"{prefix}starts_on", f"{prefix}ends_on"
    soon = today + timedelta(days=ENDING_SOON_DAYS)
    return {
        AppointmentState.UPCOMING: Q(**{f"{starts}__gt": today}),
        AppointmentState.ACTIVE: Q(**{f"{starts}__lte": today, f"{ends}__gte": soon}),
        AppointmentState.ENDING_SOON: Q(**{f"{starts}__lte": today, f"{ends}__gte": today, f"{ends}__lt": soon}),
        AppointmentState.EXPIRED: Q(**{f"{starts}__lte": today, f"{ends}__lt": today}),
    }[state]


def appointment_state_expression(today):
    return Case(
        *[When(appointment_state_filter(state, today), then=Value(state)) for state in AppointmentState.values],
        output_field=models.CharField(),
    )


class AppointmentQuerySet(VisibleQuerySet):
    def with_state(self, today=None):
        """Each appointment's `state`, computed by the database, so lists can filter and count by it.

        `state_rank` puts terms in force first, then those yet to start, then the expired ones.
        """
        today = today or clock.today()
        return self.annotate(
            state=appointment_state_expression(today),
            state_rank=Case(
                When(starts_on__gt=today, then=Value(1)),
                When(ends_on__lt=today, then=Value(2)),
                default=Value(0),
                output_field=models.IntegerField(),
            ),
        )

    def in_state(self, state, today=None):
        return self.filter(appointment_state_filter(state, today or clock.today()))

    def holding(self, on=None):
        """Appointments in force on a day (active or ending soon)."""
        on = on or clock.today()
        return self.filter(starts_on__lte=on, ends_on__gte=on)


class MentorAppointment(models.Model):
    """A staff member approved as a mentor (насаатчы) under one track by the office's order (буйрук).

    A term ends by itself; reappointment is a new row, so the history of terms stays.
    """

    staff_member = models.ForeignKey(
        StaffMember, verbose_name=_("mentor"), on_delete=models.PROTECT, related_name="mentor_appointments"
    )
    track = models.ForeignKey(Track, verbose_name=_("track"), on_delete=models.PROTECT, related_name="appointments")
    order_number = models.CharField(_("order number"), max_length=50)
    order_date = models.DateField(_("order date"), validators=[bounds.WITHIN_REACH])
    starts_on = models.DateField(_("starts on"), validators=[bounds.WITHIN_REACH])
    ends_on = models.DateField(
        _("ends on"), blank=True, validators=[bounds.WITHIN_REACH], help_text=_("Leave empty for a two-year term.")
    )
    photo = models.FileField(
        _("photo"),
        upload_to=RandomUploadPath("mentor-photos", field="photo"),
        validators=[validate_photo],
        blank=True,
        help_text=_("JPEG or PNG; it is made smaller for the information corner."),
    )
    biography = models.TextField(_("short biography"), blank=True)
    achievements = models.TextField(_("achievements"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    # Methodists by office; directors and teachers by `visible_to` (the mentor's and the mentees' schools).
    scope_paths = ScopePaths(office="track__office")
    objects = AppointmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("mentor appointment")
        verbose_name_plural = _("mentor appointments")
        ordering = ["-starts_on", "-pk"]
        indexes = [
            models.Index(fields=["track", "ends_on"], name="appointment_track_ends_idx"),
            models.Index(fields=["staff_member", "track", "starts_on"], name="appointment_person_track_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="appointment_dates_in_order")
        ]

    def __str__(self):
        return f"{self.staff_member} — {self.track}"

    def get_absolute_url(self):
        return reverse("mentorship:appointment_detail", args=[self.pk])

    @classmethod
    def visible_to(cls, scope):
        if scope.role == Role.METHODIST and scope.office_id:
            return Q(**{cls.scope_paths.office: scope.office_id})
        if scope.role == Role.DIRECTOR and scope.school_id:
            own = MentorAppointment.objects.filter(staff_member__school_id=scope.school_id).values("pk")
            mentors_of_pupils = Pair.objects.filter(mentee__school_id=scope.school_id).values("appointment_id")
            return Q(pk__in=own.union(mentors_of_pupils))  # one subquery: see pairs_of_school
        if scope.role == Role.TEACHER and scope.staff_id:
            own_mentors = Pair.objects.filter(mentee_id=scope.staff_id).values("appointment_id")
            return Q(staff_member_id=scope.staff_id) | Q(pk__in=own_mentors)
        return None

    def clean(self):
        if self.starts_on and not self.ends_on:
            self.ends_on = two_years_later(self.starts_on)
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("A term cannot end before it starts.")})
        person = self.staff_member if self.staff_member_id else None
        track = self.track if self.track_id else None
        if person and track and person.school.office_id != track.office_id:
            raise ValidationError(
                {
                    "staff_member": _("%(name)s works outside this district; only its own staff can be its mentors.")
                    % {"name": person.full_name}
                }
            )
        if self.pk and self.starts_on and self.ends_on:
            outside = self.pairs.filter(state=PairState.ACTIVE).filter(
                Q(starts_on__lt=self.starts_on) | Q(ends_on__gt=self.ends_on)
            )
            if outside.exists():
                raise ValidationError(
                    {
                        "ends_on": _(
                            "Some active pairs of this mentor fall outside the new dates; "
                            "change or close those pairs first."
                        )
                    }
                )
        if person and track and self.starts_on and self.ends_on:
            overlapping = (
                MentorAppointment.objects.filter(
                    staff_member=person, track=track, starts_on__lte=self.ends_on, ends_on__gte=self.starts_on
                )
                .exclude(pk=self.pk)
                .order_by("starts_on")
                .first()
            )
            if overlapping:
                raise ValidationError(
                    {
                        "starts_on": _(
                            "%(name)s is already a mentor of this track from %(starts)s to %(ends)s. "
                            "A new term starts after the old one ends."
                        )
                        % {
                            "name": person.full_name,
                            "starts": date_format(overlapping.starts_on, "SHORT_DATE_FORMAT"),
                            "ends": date_format(overlapping.ends_on, "SHORT_DATE_FORMAT"),
                        }
                    }
                )


# ---------------------------------------------------------------------------------------------------------
# Pairs
# ---------------------------------------------------------------------------------------------------------


class PairState(models.TextChoices):
    ACTIVE = "active", pgettext_lazy("mentor-mentee pair", "Active")
    FINISHED = "finished", pgettext_lazy("mentor-mentee pair", "Finished")
    STOPPED = "stopped", pgettext_lazy("mentor-mentee pair", "Stopped")


class Pair(models.Model):
    """A mentor (through their appointment) and a mentee (шакирт) working together under one track."""

    appointment = models.ForeignKey(
        MentorAppointment, verbose_name=_("mentor"), on_delete=models.PROTECT, related_name="pairs"
    )
    mentee = models.ForeignKey(
        StaffMember, verbose_name=_("mentee"), on_delete=models.PROTECT, related_name="mentee_pairs"
    )
    # The appointment's track, kept on the pair so the database can hold "one active pair per track".
    track = models.ForeignKey(
        Track, verbose_name=_("track"), on_delete=models.PROTECT, blank=True, related_name="pairs"
    )
    mentee_kind = models.CharField(
        _("kind of mentee"), max_length=20, choices=MenteeKind.choices, default=MenteeKind.ON_REQUEST
    )
    starts_on = models.DateField(_("starts on"), validators=[bounds.WITHIN_REACH])
    ends_on = models.DateField(
        _("ends on"), blank=True, help_text=_("Leave empty to work until the mentor's term ends.")
    )
    goals = models.TextField(_("goals"), blank=True)
    state = models.CharField(_("state"), max_length=20, choices=PairState.choices, default=PairState.ACTIVE)
    closed_on = models.DateField(_("closed on"), null=True, blank=True, validators=[bounds.WITHIN_REACH])
    stop_reason = models.TextField(_("reason for stopping"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    # Methodists by office; directors and teachers by `visible_to` (both people, both schools).
    scope_paths = ScopePaths(office="track__office")
    objects = VisibleQuerySet.as_manager()

    class Meta:
        verbose_name = _("mentor–mentee pair")
        verbose_name_plural = _("mentor–mentee pairs")
        ordering = ["-starts_on", "-pk"]
        indexes = [
            models.Index(fields=["appointment", "state"], name="pair_appointment_state_idx"),
            models.Index(fields=["mentee", "state"], name="pair_mentee_state_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="pair_dates_in_order"),
            models.UniqueConstraint(
                fields=["mentee", "track"], condition=Q(state="active"), name="one_active_pair_per_mentee_and_track"
            ),
        ]

    def __str__(self):
        return f"{self.appointment.staff_member} → {self.mentee}"

    def get_absolute_url(self):
        return reverse("mentorship:pair_detail", args=[self.pk])

    @property
    def mentor(self):
        return self.appointment.staff_member

    @classmethod
    def visible_to(cls, scope):
        if scope.role == Role.METHODIST and scope.office_id:
            return Q(**{cls.scope_paths.office: scope.office_id})
        if scope.role == Role.DIRECTOR and scope.school_id:
            return Q(pk__in=pairs_of_school(scope.school_id))
        if scope.role == Role.TEACHER and scope.staff_id:
            return Q(mentee_id=scope.staff_id) | Q(appointment__staff_member_id=scope.staff_id)
        return None

    def clean(self):
        """The rules of a pair that need no lock: the mentor's limit is checked by `pair_create` under one."""
        appointment = self.appointment if self.appointment_id else None
        mentee = self.mentee if self.mentee_id else None
        from mentorship.periods import default_end, period_errors

        if appointment:
            self.track_id = appointment.track_id
            if self.starts_on and not self.ends_on:
                self.ends_on = default_end(self)
        errors = {}
        if appointment and mentee and appointment.staff_member_id == mentee.pk:
            errors["mentee"] = _("A mentor cannot be their own mentee.")
        if mentee and appointment and mentee.school.office_id != appointment.track.office_id:
            errors["mentee"] = _("%(name)s works outside this district.") % {"name": mentee.full_name}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("A pair cannot end before it starts.")
        elif appointment and self.starts_on and self.ends_on:
            term = {
                "starts": date_format(appointment.starts_on, "SHORT_DATE_FORMAT"),
                "ends": date_format(appointment.ends_on, "SHORT_DATE_FORMAT"),
            }
            if self.starts_on < appointment.starts_on:
                errors["starts_on"] = (
                    _("The mentor's term runs from %(starts)s to %(ends)s; the pair cannot start before it.") % term
                )
            if self.ends_on > appointment.ends_on:
                errors["ends_on"] = (
                    _("The mentor's term ends on %(ends)s; a pair cannot outlive it. Reappoint the mentor first.")
                    % term
                )
        if mentee and appointment and self.state == PairState.ACTIVE:
            others = Pair.objects.filter(mentee=mentee, track_id=appointment.track_id, state=PairState.ACTIVE)
            if self.starts_on:  # one whose period ended before this one starts is finished by `pair_create`
                others = others.exclude(ends_on__lte=self.starts_on)
            taken = others.exclude(pk=self.pk).select_related("appointment__staff_member").first()
            if taken:
                errors["mentee"] = _(
                    "%(mentee)s already has a mentor on this track: %(mentor)s. Finish or stop that pair first."
                ) % {"mentee": mentee.full_name, "mentor": taken.mentor.full_name}
        if self.state == PairState.STOPPED and not self.stop_reason.strip():
            errors["stop_reason"] = _("Say why the pair stopped; the reason stays on record.")
        for field, message in period_errors(self).items():
            errors.setdefault(field, message)
        if errors:
            raise ValidationError(errors)

    def limit_error(self, limit):
        """The message when the mentor already has `limit` active mentees, or None."""
        mentor = self.appointment.staff_member
        count = (
            Pair.objects.filter(appointment__staff_member=mentor, state=PairState.ACTIVE).exclude(pk=self.pk).count()
        )
        if count < limit:
            return None
        return ngettext(
            "%(name)s already has %(count)s mentee, the most your office allows. "
            "Finish or stop one of their pairs first, or change the limit in the mentorship settings.",
            "%(name)s already has %(count)s mentees, the most your office allows. "
            "Finish or stop one of their pairs first, or change the limit in the mentorship settings.",
            count,
        ) % {"name": mentor.full_name, "count": count}


# ---------------------------------------------------------------------------------------------------------
# The annual work plan
# ---------------------------------------------------------------------------------------------------------


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


# ---------------------------------------------------------------------------------------------------------
# Activities
# ---------------------------------------------------------------------------------------------------------


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


def mentors_by_track(user, today):
    """{track id: mentors in office on `today`} in the user's scope: the mentorship pages and the dashboard."""
    appointments = MentorAppointment.objects.for_user(user).holding(today)
    return dict(appointments.order_by().values_list("track").annotate(total=Count("pk")))


def active_pairs_by_track(user):
    """{track id: active pairs} in the user's scope."""
    pairs = Pair.objects.for_user(user).filter(state=PairState.ACTIVE)
    return dict(pairs.order_by().values_list("track").annotate(total=Count("pk")))
