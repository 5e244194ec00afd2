"""Mentor–mentee pairs: who mentors whom, on which track, for which period."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from core import bounds
from core.scoping import Role, ScopePaths
from mentorship.models.mentors import MenteeKind, MentorAppointment, Track, VisibleQuerySet
from schools.models import StaffMember


def pairs_of_school(school_id):
    """The pairs a school's director sees (mentee or mentor at the school), as one subquery of ids.

    A union rather than an OR of two joins: with an OR across the staff table PostgreSQL expects half the
    pairs to match and reads every person of the country; the union lets it look a school's few up by index.
    """
    mentees = Pair.objects.filter(mentee__school_id=school_id).values("pk")
    mentors = Pair.objects.filter(appointment__staff_member__school_id=school_id).values("pk")
    return mentees.union(mentors)


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


def active_pairs_by_track(user):
    """{track id: active pairs} in the user's scope."""
    pairs = Pair.objects.for_user(user).filter(state=PairState.ACTIVE)
    return dict(pairs.order_by().values_list("track").annotate(total=Count("pk")))
