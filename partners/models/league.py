"""The league: an office's partner directors for a year, its member schools and its directions."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core import bounds, clock
from core.academic import academic_year_bounds, academic_year_label
from core.scoping import Role, ScopedQuerySet, ScopePaths
from schools.models import DistrictOffice, School, TranslatedName

OUTSIDE_OFFICE_MESSAGE = _("Only schools of the league's education office can adopt its projects.")


def _format(day):
    return day.strftime("%d.%m.%Y")


class League(models.Model):
    office = models.ForeignKey(
        DistrictOffice, verbose_name=_("education office"), on_delete=models.PROTECT, related_name="leagues"
    )
    name = models.CharField(_("name"), max_length=200)
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coordinator"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coordinated_leagues",
        help_text=_("A methodist of the office; edits the directions and the goal."),
    )
    academic_year = models.PositiveSmallIntegerField(
        _("academic year of the goal"),
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=_("The year it starts in: 2025 for 2025–2026."),
    )
    target_projects = models.PositiveSmallIntegerField(
        _("target number of projects"), default=20, validators=[MinValueValidator(1), MaxValueValidator(1000)]
    )
    target_schools = models.PositiveSmallIntegerField(
        _("target number of schools reached"),
        default=100,
        validators=[MinValueValidator(1), MaxValueValidator(5000)],
        help_text=_("Distinct schools that adopt a league project during the academic year."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    scope_paths = ScopePaths(office="office")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("partner-directors league")
        verbose_name_plural = _("partner-directors leagues")
        ordering = ["name"]
        # A league sets a goal each academic year: the next year's goal is a league of the same name.
        constraints = [
            models.UniqueConstraint(fields=["office", "name", "academic_year"], name="league_name_unique_per_year")
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("partners:dashboard", args=[self.pk])

    @property
    def year_starts(self):
        return academic_year_bounds(self.academic_year)[0]

    @property
    def year_ends(self):
        return academic_year_bounds(self.academic_year)[1]

    @property
    def academic_year_label(self):
        return academic_year_label(self.academic_year)

    def is_coordinated_by(self, user):
        """The coordinator edits directions and the goal; without one, any methodist of the office may."""
        scope = user.scope
        if scope.everything:
            return True
        if scope.role != Role.METHODIST or scope.office_id != self.office_id:
            return False
        return self.coordinator_id is None or self.coordinator_id == user.pk

    def clean(self):
        coordinator = self.coordinator if self.coordinator_id else None
        if coordinator and not (coordinator.role == Role.METHODIST and coordinator.office_id == self.office_id):
            raise ValidationError(
                {"coordinator": _("The coordinator must be a methodist of the league's education office.")},
                code="coordinator",
            )


class LeagueMembership(models.Model):
    """A school in the league; its director is whoever directs the school in the staff records."""

    history_parent = "league"

    league = models.ForeignKey(League, on_delete=models.CASCADE, related_name="memberships")
    school = models.ForeignKey(
        School, verbose_name=_("school"), on_delete=models.PROTECT, related_name="league_memberships"
    )
    joined_on = models.DateField(_("joined on"), validators=[bounds.SINCE_1940])

    scope_paths = ScopePaths(office="league__office")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("league member school")
        verbose_name_plural = _("league member schools")
        ordering = ["school__number", "school__name"]
        constraints = [models.UniqueConstraint(fields=["league", "school"], name="league_member_once")]

    def __str__(self):
        return f"{self.league}: {self.school}"

    def clean(self):
        errors = {}
        if self.league_id and self.school_id and self.school.office_id != self.league.office_id:
            errors["school"] = ValidationError(
                _("Only a school of the league's education office can join the league."), code="office"
            )
        if self.joined_on and self.joined_on > clock.today():
            errors["joined_on"] = ValidationError(_("The joining date cannot be in the future."), code="future")
        if (
            self.league_id
            and self.school_id
            and LeagueMembership.objects.filter(league_id=self.league_id, school_id=self.school_id)
            .exclude(pk=self.pk)
            .exists()
        ):
            errors["school"] = ValidationError(_("This school is a member already."), code="duplicate")
        if errors:
            raise ValidationError(errors)


class Direction(TranslatedName):
    """One of the league's directions (бағыт), e.g. ecology or inclusive education; the coordinator edits them."""

    history_parent = "league"

    league = models.ForeignKey(League, on_delete=models.CASCADE, related_name="directions")
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    scope_paths = ScopePaths(office="league__office")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("league direction")
        verbose_name_plural = _("league directions")
        ordering = ["order", "pk"]
