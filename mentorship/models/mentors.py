"""The office's mentorship settings, its tracks, and the mentors' terms (appointments)."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, Count, Q, Value, When
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core import bounds, clock
from core.scoping import Role, ScopedQuerySet, ScopePaths
from core.uploads import RandomUploadPath, validate_photo
from schools.models import DistrictOffice, StaffMember, TranslatedName

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


class VisibleQuerySet(ScopedQuerySet):
    """`for_user` with the model's own rule, `visible_to(scope)` → a Q, or None for nothing."""

    def for_scope(self, scope):
        if scope.everything:
            return self.all()
        condition = self.model.visible_to(scope)
        return self.filter(condition) if condition is not None else self.none()


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
        from mentorship.models.pairs import Pair  # pairs.py builds on this module

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
            from mentorship.models.pairs import PairState  # pairs.py builds on this module

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


def mentors_by_track(user, today):
    """{track id: mentors in office on `today`} in the user's scope: the mentorship pages and the dashboard."""
    appointments = MentorAppointment.objects.for_user(user).holding(today)
    return dict(appointments.order_by().values_list("track").annotate(total=Count("pk")))
